"""The reader's session: the one home of its session-state keys (widgets and pages import
these), and the typed reads of what the sidebar left for the pages."""

from __future__ import annotations

import streamlit as st

from tonlage.present.types import View

__all__ = [
    "LANG",
    "N_THEMES",
    "THEME_QUALITY",
    "THEME_QUALITY_ASK",
    "THEME_QUALITY_JOB",
    "THEME_QUALITY_FAILED",
    "DATES",
    "GENRES",
    "SOURCES",
    "ACTOR_SOURCE",
    "AUTHORS",
    "ACTORS",
    "theme_filter_key",
    "is_theme_filter_key",
    "ARTICLE_PICK",
    "ARTICLE_TABLE",
    "PENDING",
    "SELECTED_IDS",
    "VIEW",
    "ACTOR_PICK",
    "COMPARE_MODE",
    "COMPARE_EVENT",
    "COMPARE_DAYS",
    "COMPARE_RANGES",
    "COMPARE_SOURCES",
    "COMPARE_CHOICES",
    "FILTER_KEYS",
    "KEPT_CHOICES",
    "keep_choices",
    "relabelled",
    "KEEP",
    "ARTICLES_PAGE",
    "CORPUS_PAGE",
    "CHECK_PAGE",
    "view",
    "chart_key",
    "QP_ARTICLE",
    "ONCE",
    "CORPUS",
    "QP_CORPUS",
    "INGEST_REPORT",
    "UPLOAD_ROUND",
    "NEXT_CORPUS",
    "UPLOAD_ERROR",
    "RELEASE_MEMORY",
    "ANALYSIS_STOPPED",
]

# The reader's choices in widgets are kept for the whole session (Streamlit's persist_state):
# Streamlit forgets a widget that a run did not draw (a comparison set up on Compare was gone
# after a visit to Articles), and, when the page changes, every widget the browser did not report
# (the sidebar is drawn at the end of a run, so a page switch during a run cleared the filters).
KEEP = "session"

# shared sidebar controls (rendered by app.py on every run, so they persist across pages)
LANG = "lang"
N_THEMES = "n_themes"
THEME_QUALITY = "theme_quality"  # the themes' quality mode (sentence encoder) is on
THEME_QUALITY_ASK = "theme_quality_ask"  # turned on at a long cost: the sidebar asks before it starts
THEME_QUALITY_JOB = "theme_quality_job"  # the quality analysis running in the background (a tonlage.analysis.jobs.Job)
THEME_QUALITY_FAILED = "theme_quality_failed"  # why it could not be made (shown until the reader tries again)
DATES = "filter_dates"
GENRES = "filter_genres"
SOURCES = "filter_sources"
ACTOR_SOURCE = "actor_source_pick"  # the actor whose tone the Actors page shows by source
AUTHORS = "filter_authors"
ACTORS = "filter_actors"
ONCE = "filter_count_once"  # count a story printed in several outlets once
WORDS = "filter_words"  # "Containing words" (tonlage.search)
CORPUS = "corpus"  # "" = the bundled (or TONLAGE_CORPUS_DIR) corpus, else a workspace name
QP_CORPUS = "corpus"  # query parameter: a link opens the same workspace


_THEME_FILTER = "filter_themes_"


def theme_filter_key(n_themes: int) -> str:
    """Theme ids change meaning with the number of themes, so the filter is keyed by it."""
    return f"{_THEME_FILTER}{n_themes}"


def is_theme_filter_key(key: object) -> bool:
    """Whether a session-state key is the theme filter of some theme count."""
    return str(key).startswith(_THEME_FILTER)


def keep_choices() -> None:
    """Callback for a change of the labels the reader's kept choices are shown with (another
    language, a theme renamed): each is set again from its value.

    Streamlit keeps a multiselect's or selectbox's value as the labels the reader saw, and knows
    the widget by its labels: with new labels it is another widget, whose value is looked up by
    the old ones. A theme picked in English stayed on its chip in English after a switch to
    German, and the next page switch dropped it from the view without a word ("5 of 5 articles"
    again); so did renaming the theme the view was narrowed to. Set here, before the run, the
    values themselves (not their labels) are what the widgets are drawn with."""
    panels = st.session_state.get(_RELABELLED, set())
    for k in list(st.session_state.keys()):
        if k in KEPT_CHOICES or is_theme_filter_key(k) or k in panels:
            value = st.session_state[k]
            st.session_state[k] = list(value) if isinstance(value, list) else value


_RELABELLED = "relabelled_keys"  # the keys relabelled() noted in this session


def relabelled(key: str) -> str:
    """``key``, noted for :func:`keep_choices`: an open panel, or a pick in it, whose label
    follows the language stays open (picked) after a switch. Streamlit knows such a panel by
    its label too, so a switch to German closed the Tone page's correction panel, with the
    sentence picked in it, and every open "Show the data behind this chart"."""
    st.session_state.setdefault(_RELABELLED, set()).add(key)
    return key


# article selection
PENDING = "pending_selection"  # tuple of article ids picked in a chart, consumed by Articles page
SELECTED_IDS = "selected_ids"  # the ids of the last chart pick (the Articles page lists them)
ARTICLE_PICK = "article_pick"  # selectbox on the Articles page: the article in the reader
ARTICLE_TABLE = "article_table"  # st.dataframe with row selection on the Articles page
ACTOR_PICK = "actor_pick"
# the Compare page's choices (components/compare_view.py): another corpus forgets them
COMPARE_MODE = "compare_mode"
COMPARE_EVENT = "compare_event"
COMPARE_DAYS = "compare_days"
COMPARE_RANGES = ("compare_range_a", "compare_range_b")
COMPARE_SOURCES = ("compare_sources_a", "compare_sources_b")  # the outlets of each side
COMPARE_CHOICES = (COMPARE_MODE, COMPARE_EVENT, COMPARE_DAYS, *COMPARE_RANGES, *COMPARE_SOURCES)
QP_ARTICLE = "article"  # query parameter: shareable link to an article
# the sidebar's filters (a theme filter has a key per theme count: is_theme_filter_key), and
# every choice of the reader kept across pages (another corpus forgets them all)
FILTER_KEYS = (DATES, GENRES, SOURCES, AUTHORS, ACTORS, WORDS)
KEPT_CHOICES = (*FILTER_KEYS, ONCE, N_THEMES, ARTICLE_PICK, ACTOR_PICK, ACTOR_SOURCE, *COMPARE_CHOICES)

VIEW = "view"  # the View computed by the sidebar for this run
SIDEBAR_RESYNC = "sidebar_resync"  # the last run was rerun because a sidebar widget differed (app.py)
LINK_OPEN = "share_link_open"  # the sidebar's "Link to this view" box is open
ARTICLES_PAGE = "app_pages/articles.py"
CORPUS_PAGE = "app_pages/corpus.py"
SECTION_QP = "section"  # query parameter of Your corpus: the part shown first ("events")
PART_QP = "part"  # query parameter of Tone, Themes and Compare: the part (tab) open ("voices", "sources")
CHECK_PAGE = "app_pages/check.py"
INGEST_REPORT = "ingest_report"  # the last ingest's report rows, shown on the Corpus page
UPLOAD_ROUND = "upload_round"  # bumped after an ingest so the upload box starts empty
UPLOAD_ERROR = "upload_error"  # a refused batch's message, shown once on the next run
RELEASE_MEMORY = "release_memory"  # the last run let go of a large upload: trim memory on the next
NEXT_CORPUS = "corpus_next"  # set before a rerun; the sidebar selects it before drawing its menu
ANALYSIS_STOPPED = "analysis_stopped"  # the corpus key whose analysis the reader cancelled


def chart_key(page: str, name: str) -> str:
    return f"chart_{page}_{name}"


# meeting pack and presentation (see components/pins.py)
PINNED_CHARTS = "pinned_charts"  # list of tonlage.present.pack.PinnedChart, in the order pinned
PINNED_QUOTES = "pinned_quotes"  # list of tonlage.present.pack.PinnedQuote
PINNED_FINDINGS = "pinned_findings"  # list of (finding id, text in the reader's language at pin time)
PRESENTING = "presenting"  # presentation mode is on
SLIDE = "present_slide"  # index of the pinned chart shown in presentation mode
PACK_PAGE = "app_pages/pack.py"
PRESENT_PAGE = "app_pages/present.py"


def view() -> View | None:
    """The View the sidebar computed in this run (None on an empty workspace)."""
    return st.session_state.get(VIEW)
