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
    corpus = t("here: {n} articles of your workspace “{name}”", n=n, name=escape_text(workspace))
elif bundled:
    corpus = t("here: {n} articles on US–Russia diplomacy over the Ukraine war, February to October 2025", n=n)
else:
    corpus = t("here: {n} articles from {folder}", n=n, folder=escape_text(Path(folder).name))
st.title(t("About Tonlage and its method"), anchor=False)
st.markdown(t("\n### What you are looking at\nTonlage reads a folder of German news articles ({corpus}) and measures three things in every article: its **tone**, its **themes** and the **actors** it mentions. Nothing is sent anywhere; the analysis runs on this computer.\n\n### Tone\nEvery sentence is scored from **−1 (negative)** to **+1 (positive)** by looking up its words in a German polarity lexicon (for example *Fiasko* is negative, *Erfolg* positive). Words are reduced to their base form first, and a nearby *nicht*, *kein* or *nie* flips a word's polarity. A sentence scoring between −{band} and +{band} counts as *neutral*. **An article's tone is the mean of its sentences' scores.** Hover a sentence on the Articles page to see the words that moved its score.\n\n### Themes\nThemes are found automatically with a method called non-negative matrix factorisation: words that tend to appear in the same articles form a theme. A theme is named after its three strongest words. Every article is a mix of themes; its *main theme* is the largest share. You can change the number of themes in the sidebar.\n\n### Actors\nPeople, institutions and countries come from a list of names with their spellings and grammatical forms (*Lawrow*, *Lavrov*, *Lawrows*…). **\"Tone toward an actor\" is the tone of the sentences that mention it** — the wording around a name, which is not always the writer's opinion of that actor.\n\n### Dates\nDates come from the article header, from the text, or from a metadata file that corrects them. When only the month is known, the article is placed on the 1st of that month and drawn as a diamond. A date that was corrected or inferred (not taken from the file's own header) is drawn as a square, and the reason is given next to the date (for example a header year that is a typo).\n\n### Limits — please read\n- A word list does not understand **irony, sarcasm or quotation**: a quoted threat reads as negative even if the author criticises it.\n- Tone measures **wording, not opinion or truth**. News about a war is full of negative words even when neutral in stance.\n- Averages hide spread: an article with strongly negative and strongly positive sentences can come out \"neutral\". The Tone page shows every sentence.\n- With **only a handful of articles** (as in the bundled corpus), lines between points are not trends and themes are rough. Marks based on little text are drawn hollow or hatched.\n- The lexicon covers common words; rare words, names and new coinages get no score.\n\n### Licences\n- German polarity lexicon: Klenner et al. (2010), distributed with *textblob-de* — Apache-2.0\n- simplemma (lemmatisation) — MIT · stopwordsiso (stop words) — MIT · langdetect and langdetect-rs (language) — Apache-2.0\n- English tone: VADER lexicon and rules (Hutto & Gilbert 2014, *vaderSentiment*) — MIT · near-duplicates: datasketch — MIT\n- Reading files: trafilatura (web pages) — Apache-2.0 · python-docx — MIT · pypdf — BSD-3-Clause (with cryptography — Apache-2.0/BSD) · openpyxl — MIT · charset-normalizer — MIT · ftfy — Apache-2.0 · tqdm — MPL-2.0/MIT · platformdirs — MIT\n- Slides and images: kaleido and choreographer (chart images with the system's Chromium) — MIT · python-pptx — MIT · reportlab — BSD, with the Bitstream Vera fonts it ships (Bitstream Vera licence)\n- Streamlit — Apache-2.0 · Plotly — MIT · pandas — BSD-3-Clause · scikit-learn — BSD-3-Clause · NumPy — BSD-3-Clause\n", corpus=corpus, band=f"{float(p.get('neutral_band', 0.05)):.2f}"))
with st.expander(t("Settings of this analysis")):
    st.json({k: v for k, v in p.items() if k != "corpus_dir"}, expanded=True)
