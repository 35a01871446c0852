"""Check the tone: the reader labels sample sentences, sees how far Tonlage agrees with them on
this corpus, and corrects what it gets wrong."""

import streamlit as st

from components import review_view
from components.i18n import t
from components.ui import current_view

view = current_view()
key = view.corpus_key

st.title(t("Check the tone: does Tonlage read it as you do?"), anchor=False)
st.markdown(
    t(
        "Label a sample of this corpus's sentences as negative, neutral or positive — you do not see Tonlage's score while you do. Tonlage compares your labels with its own, and every tone chart, finding and meeting pack then says how far it agrees with you. Where it is wrong, correct it: a word, or a sentence."
    )
)
review_view.render_stamp(key)

label_tab, agree_tab, words_tab, file_tab = st.tabs(
    [t("Label sentences"), t("Agreement"), t("Word list and corrections"), t("Import / export")]
)
with label_tab:
    review_view.render_labelling(key)
with agree_tab:
    review_view.render_agreement(key)
with words_tab:
    review_view.render_word_list(key)
with file_tab:
    review_view.render_transfer(key)
