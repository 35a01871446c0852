"""About: the method in plain language, its limits, and licences."""

from pathlib import Path

import streamlit as st

from components import cached
from components.i18n import t
from components.ui import current_view
from tonlage.present.safe import escape_text

view = current_view()
n = cached.options(view.corpus_key)["n_articles"]
p = cached.params(view.corpus_key)
folder = view.corpus_key.corpus
bundled = Path(folder) == cached.ROOT / "data" / "corpus"
workspace = cached.workspace_of(view.corpus_key)
if workspace:
    corpus = t("about_corpus_workspace", n=n, name=escape_text(workspace))
elif bundled:
    corpus = t("about_corpus_bundled", n=n)
else:
    corpus = t("about_corpus_other", n=n, folder=escape_text(Path(folder).name))
st.title(t("about_title"), anchor=False)
st.markdown(t("about_body", corpus=corpus, band=f"{float(p.get('neutral_band', 0.05)):.2f}"))
with st.expander(t("about_params")):
    st.json({k: v for k, v in p.items() if k != "corpus_dir"}, expanded=True)
