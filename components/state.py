"""The reader's session: the one home of its session-state keys (widgets and pages import
these), and the typed reads of what the sidebar left for the pages."""

from __future__ import annotations

import streamlit as st

from tonlage.present.types import View

__all__ = [
    "LANG",
    "LANG_KEPT",
    "kept_key",
    "base_of_kept",
    "keep",
    "restore_kept",
    "forget_kept",
    "N_THEMES",
    "THEME_QUALITY",
    "THEME_QUALITY_ASK",
    "THEME_QUALITY_JOB",
    "THEME_QUALITY_FAILED",
    "DATES",
    "GENRES",
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

# shared sidebar controls (rendered by app.py on every run, so they persist across pages)
LANG = "lang"
_KEPT = "kept_"


def kept_key(key: str) -> str:
    """Where the value of widget ``key`` is kept apart from the widget (:func:`keep`,
    :func:`restore_kept`)."""
    return f"{_KEPT}{key}"


def base_of_kept(key: object) -> str | None:
    """The widget key whose value session-state key ``key`` keeps, or None."""
    k = str(key)
    return k[len(_KEPT) :] if k.startswith(_KEPT) else None


LANG_KEPT = kept_key(LANG)  # the language chosen, kept where a page switch cannot clear it (filters.init_language)
N_THEMES = "n_themes"
THEME_QUALITY = "theme_quality"  # the themes' quality mode (sentence encoder) is on
THEME_QUALITY_ASK = "theme_quality_ask"  # turned on at a long cost: the sidebar asks before it starts
THEME_QUALITY_JOB = "theme_quality_job"  # the quality analysis running in the background (a tonlage.jobs.Job)
THEME_QUALITY_FAILED = "theme_quality_failed"  # why it could not be made (shown until the reader tries again)
DATES = "filter_dates"
GENRES = "filter_genres"
AUTHORS = "filter_authors"
ACTORS = "filter_actors"
ONCE = "filter_count_once"  # count a story printed in several outlets once
CORPUS = "corpus"  # "" = the bundled (or TONLAGE_CORPUS_DIR) corpus, else a workspace name
QP_CORPUS = "corpus"  # query parameter: a link opens the same workspace


_THEME_FILTER = "filter_themes_"


def theme_filter_key(n_themes: int) -> str:
    """Theme ids change meaning with the number of themes, so the filter is keyed by it."""
    return f"{_THEME_FILTER}{n_themes}"


def is_theme_filter_key(key: object) -> bool:
    """Whether a session-state key is the theme filter of some theme count."""
    return str(key).startswith(_THEME_FILTER)


# article selection
PENDING = "pending_selection"  # tuple of article ids picked in a chart, consumed by Articles page
SELECTED_IDS = "selected_ids"  # the ids of the last chart pick (the Articles page lists them)
ARTICLE_PICK = "article_pick"  # selectbox on the Articles page: the article in the reader
ARTICLE_TABLE = "article_table"  # st.dataframe with row selection on the Articles page
ACTOR_PICK = "actor_pick"
QP_ARTICLE = "article"  # query parameter: shareable link to an article

VIEW = "view"  # the View computed by the sidebar for this run
SIDEBAR_RESYNC = "sidebar_resync"  # the last run was rerun because a sidebar widget differed (app.py)
LINK_OPEN = "share_link_open"  # the sidebar's "Link to this view" box is open
ARTICLES_PAGE = "app_pages/articles.py"
CORPUS_PAGE = "app_pages/corpus.py"
SECTION_QP = "section"  # query parameter of Your corpus: the part shown first ("events")
CHECK_PAGE = "app_pages/check.py"
INGEST_REPORT = "ingest_report"  # the last ingest's report rows, shown on the Corpus page
UPLOAD_ROUND = "upload_round"  # bumped after an ingest so the upload box starts empty
UPLOAD_ERROR = "upload_error"  # a refused batch's message, shown once on the next run
RELEASE_MEMORY = "release_memory"  # the last run let go of a large upload: trim memory on the next
NEXT_CORPUS = "corpus_next"  # set before a rerun; the sidebar selects it before drawing its menu
ANALYSIS_STOPPED = "analysis_stopped"  # the corpus key whose analysis the reader cancelled


def keep(key: str, value) -> None:
    """Keep the value widget ``key`` has in this run where Streamlit does not clear it.

    Streamlit clears a widget's state when a run ends without drawing it (the reader went to
    another page: a comparison set up on Compare was gone on coming back), and when the page
    changes for every widget the browser did not report (the sidebar is drawn at the end of a
    run, so a page switch during a run cleared the filters). :func:`restore_kept` puts it back."""
    st.session_state[kept_key(key)] = value


def restore_kept(key: str, allowed=None) -> None:
    """Put back the value kept of widget ``key`` (:func:`keep`) when its state is gone; call
    before the widget's default is chosen. ``allowed``: the widget's options (a list value keeps
    its items among them; another value comes back only if it is one), or a test of the value
    (a callable), or None to take it as it is."""
    kept = st.session_state.get(kept_key(key))
    if key in st.session_state or kept is None:
        return
    if callable(allowed):
        if not allowed(kept):
            return
    elif isinstance(kept, list):
        kept = [v for v in kept if allowed is None or v in allowed]
    elif allowed is not None and kept not in allowed:
        return
    st.session_state[key] = kept


def forget_kept(*, but=(LANG,)) -> None:
    """Drop every kept value except those of the widgets ``but`` (another corpus: its
    comparison, actors and article start afresh)."""
    spared = {kept_key(k) for k in but}
    for k in list(st.session_state.keys()):
        if base_of_kept(k) is not None and k not in spared:
            del st.session_state[k]


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
