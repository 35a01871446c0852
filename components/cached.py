"""Every ``st.cache_*`` wrapper of the app lives here.

- The analysed corpus is a ``st.cache_resource`` (one shared object per corpus and settings,
  at most 4): heavy and read-only. ``st.cache_data`` would unpickle a full copy on every
  rerun, which at 100,000 articles breaks the "rerun < 300 ms" target. **Its DataFrames are
  treated as read-only**: nothing in the app mutates them; every derived table is a new frame.
- Derived small tables are ``st.cache_data`` (bounded by ``max_entries`` and ``ttl``) keyed by
  plain hashable values: the corpus key ``(corpus_dir, fingerprint, n_themes, events_file,
  actors_file)`` and the reader's :class:`~components.state.Filters`, never by a DataFrame.
- Cached functions read nothing global (the key ignores globals): the corpus folder and the
  environment variable are resolved outside and passed in.
- A page may start a shared call it makes further down with :func:`ahead` (a background thread
  while it draws what comes first): worth it for reading Parquet, which leaves the interpreter
  free; the call must write nothing to the page.
"""

from __future__ import annotations

import functools
import importlib
import logging
import threading
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from tonlage import settings
from tonlage.analysis import jobs
from tonlage.corpus_index import CorpusIndex
from tonlage.i18n import Translator
from tonlage.inputs import corpus_fingerprint, folder_signature
from tonlage.model import AnalysedCorpus
from tonlage.present import views
from tonlage.present.charts.themes import ThemePeriods
from tonlage.present.types import WORKSPACE_PREFIX, CorpusKey, Filters
from tonlage.review import ReaderEdits
from tonlage.storage.store import cached_analysis, cached_workspace_analysis, still_valid
from tonlage.storage.workspace import Workspace, WorkspaceError, list_workspaces
from tonlage.thresholds import CORRECTION_NOTE_SENTENCES

_log = logging.getLogger(__name__)

__all__ = [
    "AnalysisPending",
    "ahead",
    "ahead_idle",
    "workspace_names",
    "workspace_of",
    "theme_fit",
    "WorkspaceError",
    "WORKSPACE_PREFIX",
    "corpus_paths",
    "fingerprint",
    "get_corpus",
    "corpus_key",
    "options",
    "corpus_index",
    "rows_in_view",
    "ids_in_view",
    "n_in_view",
    "articles_in_view",
    "article_numbers_in_view",
    "articles_by_id",
    "compare_chart",
    "summary",
    "theme_table",
    "theme_terms",
    "theme_points",
    "theme_shares",
    "theme_time_periods",
    "actor_time_periods",
    "theme_time_table",
    "actor_table",
    "actor_points",
    "latest_articles",
    "sentences_for",
    "strongest",
    "article_detail",
    "main_period",
    "ROOT",
    "figure",
    "charts",
]

ROOT = Path(__file__).resolve().parents[1]
_DATA = dict(max_entries=64, ttl=3600, show_spinner=False)
# The tables every page reads on every run are shared objects (cache_resource), not copies:
# st.cache_data unpickles a fresh copy on every call, which was a tenth of the server's CPU per
# rerun under load. Like the analysed corpus they are read-only: pages and figure builders make
# new frames (assign, rename, a filter) and never change these in place. A copy also has a new
# identity on every run, and the shared figures are keyed by their tables' identity (see
# figure): the Tone page's two voice charts and the Compare page's three were built again on
# every run of their page while their tables came from st.cache_data.
_SHARED = dict(max_entries=64, ttl=3600, show_spinner=False)


def bundled_folder() -> bool:
    """Whether the folder the app opens without a workspace is the bundled example (no
    ``TONLAGE_CORPUS_DIR``, or one naming it)."""
    chosen = settings.value(settings.CORPUS_DIR)
    return not chosen or Path(chosen).resolve() == (ROOT / "data" / "corpus").resolve()


def corpus_paths() -> tuple[str, str | None, str | None]:
    """Corpus folder (``TONLAGE_CORPUS_DIR`` or the bundled one), events and actors files.
    The events are ``TONLAGE_EVENTS_FILE``, else the bundled corpus's ``data/events.csv`` for
    the bundled corpus and the folder's own ``events.csv`` for another (as the command line
    takes them): a folder on cycle lanes showed the Riyadh talks on its time axes."""
    corpus_dir = settings.value(settings.CORPUS_DIR) or str(ROOT / "data" / "corpus")
    own_events = ROOT / "data" / "events.csv" if bundled_folder() else Path(corpus_dir) / "events.csv"
    events = settings.value(settings.EVENTS_FILE) or str(own_events)
    actors = settings.value(settings.ACTORS_FILE) or str(ROOT / "data" / "actors.csv")
    return (
        str(Path(corpus_dir).resolve()),
        events if Path(events).is_file() else None,
        actors if Path(actors).is_file() else None,
    )


@st.cache_data(max_entries=16, ttl=10, show_spinner=False)
def _signature(corpus_dir: str, events_file: str | None, actors_file: str | None) -> str:
    """Names, sizes and times of the files (listed at most every 10 s, so edits show up soon)."""
    return folder_signature(corpus_dir, events_file, actors_file)


@st.cache_data(max_entries=16, show_spinner=False)
def _fingerprint(corpus_dir: str, events_file: str | None, actors_file: str | None, signature: str) -> str:
    # ``signature`` is only part of the key: the content is re-hashed when a file changed.
    return corpus_fingerprint(corpus_dir, events_file, actors_file)


def fingerprint(corpus_dir: str, events_file: str | None, actors_file: str | None) -> str:
    """Content hash of the corpus, recomputed only when a file was added, removed or changed."""
    return _fingerprint(corpus_dir, events_file, actors_file, _signature(corpus_dir, events_file, actors_file))


class AnalysisPending(Exception):
    """The analysis of the corpus asked for is queued or running: ``job`` follows it (see
    :func:`components.progress.follow`). Nothing is cached for it until it has finished."""

    def __init__(self, job: jobs.Job) -> None:
        super().__init__(job.kind)
        self.job = job


@st.cache_resource(max_entries=4, show_spinner=False)
def _analyse(
    corpus_dir: str,
    fp: str,
    n_themes: int | None,
    events_file: str | None,
    actors_file: str | None,
    theme_encoder: bool = False,
    dates_read: str = "",
) -> AnalysedCorpus:
    # One shared analysis per corpus and settings, whoever asks and however many at once: it runs
    # as a job of the process's queue (tonlage.analysis.jobs), keyed by what it computes; a session that
    # asks while it runs gets the same job and waits for it with a progress bar instead of
    # blocking here (an exception is not cached, so the next call after it finished caches the
    # result). tonlage.storage.store also keeps the analysis on disk, so a restarted server opens a
    # corpus it has seen without re-analysing it.
    # ``dates_read``: the day the folder is dated again (see _dated_again); the store, which
    # checks the same, makes the analysis again.
    job = jobs.queue().submit(
        ("analysis", corpus_dir, fp, n_themes, events_file, actors_file, theme_encoder, dates_read),
        functools.partial(_compute, corpus_dir, fp, n_themes, events_file, actors_file, theme_encoder),
        kind="analysis",
    )
    if not job.finished():
        raise AnalysisPending(job)
    return job.result()


def _compute(
    corpus_dir: str,
    fp: str,
    n_themes: int | None,
    events_file: str | None,
    actors_file: str | None,
    theme_encoder: bool = False,
) -> AnalysedCorpus:
    # The store keys the quality mode only when it is on (tonlage.storage.store), so a standard analysis
    # finds what was cached before the mode existed.
    if corpus_dir.startswith(WORKSPACE_PREFIX):
        ws = Workspace(corpus_dir.removeprefix(WORKSPACE_PREFIX), create=False)
        return cached_workspace_analysis(
            ws,
            n_themes=n_themes,
            events_file=events_file,
            actors_file=actors_file,
            random_state=0,
            theme_encoder=theme_encoder,
        )
    return cached_analysis(
        corpus_dir,
        n_themes=n_themes,
        events_file=events_file,
        actors_file=actors_file,
        random_state=0,
        fingerprint=fp,
        theme_encoder=theme_encoder,
    )


def corpus_key(n_themes: int | None, workspace: str = "", theme_encoder: bool = False) -> CorpusKey:
    """The key of the analysed corpus: the bundled (or configured) folder, or a workspace.
    A workspace's fingerprint is its revision, so any change made to it re-analyses; the
    reader's edits (tone notes, theme edits) have a revision of their own, so a correction
    rebuilds the figures without re-analysing. ``theme_encoder`` (the themes' quality mode) is
    another analysis, so it is part of the key: readers with different settings never share one."""
    corpus_dir, events_file, actors_file = corpus_paths()
    if workspace:
        # Every run asks: one connection for the name and the three revisions, not four.
        with Workspace.reading(workspace) as (ws, con):
            fp, edits = ws.fingerprint(con), ReaderEdits.for_workspace(ws).revision(con)
            own = ws.actors_file(con)  # the readers' own list, where they made one
        return CorpusKey(WORKSPACE_PREFIX + ws.name, fp, n_themes, None, own or actors_file, edits, bool(theme_encoder))
    edits = ReaderEdits.for_folder(corpus_dir).revision()
    return _dated_again(
        CorpusKey(
            corpus_dir,
            fingerprint(corpus_dir, events_file, actors_file),
            n_themes,
            events_file,
            actors_file,
            edits,
            bool(theme_encoder),
        )
    )


# A folder's analysis reads its articles' dates as of the day it runs: a date after that day is
# set aside as implausible, and the analysis holds until the first such date comes
# (tonlage.storage.store.still_valid). The store makes it again then; so must a server that has kept it in
# memory since. Per analysis (a key less the reader's edits and this day): the dates of the one
# this server holds, and the day it began to date the folder again.
_HELD_DATES: dict[CorpusKey, tuple[str | None, str | None]] = {}
_DATED_AGAIN: dict[CorpusKey, str] = {}


def _dated_again(key: CorpusKey) -> CorpusKey:
    """``key`` with the day its folder is dated again (``dates_read``) once the analysis this
    server holds for it no longer holds today: every page then asks for the analysis made again
    (and waits for it, with its progress), and every table and figure derived from it anew."""
    ident = key._replace(edits="", dates_read="")
    key = key._replace(dates_read=_DATED_AGAIN.get(ident, ""))
    held = _HELD_DATES.get(key._replace(edits=""))
    if held is not None:
        today = date.today()
        if not still_valid({"dates_as_of": held[0], "dates_valid_before": held[1]}, today):
            _DATED_AGAIN[ident] = today.isoformat()
            key = key._replace(dates_read=today.isoformat())
    return key


def reader_edits(key: CorpusKey) -> ReaderEdits:
    """Where the corpus's tone notes and theme edits are kept (its workspace, or the per-user
    data folder for a folder corpus)."""
    if key.workspace:
        return ReaderEdits.for_workspace(Workspace(key.workspace, create=False))
    return ReaderEdits.for_folder(key.corpus)


def workspace_names() -> list[str]:
    """Workspaces in the data folder (listed on every run: a new one shows up at once)."""
    return list_workspaces()


def workspace_of(key: CorpusKey) -> str:
    """The workspace name of a corpus key, "" for the bundled folder."""
    return key.workspace


def get_analysis(key: CorpusKey) -> AnalysedCorpus:
    """The corpus as analysed, without the reader's edits (theme edits name its theme ids)."""
    corpus = _analyse(
        key.corpus, key.fingerprint, key.n_themes, key.events_file, key.actors_file, key.theme_encoder, key.dates_read
    )
    _HELD_DATES[key._replace(edits="")] = (corpus.params.get("dates_as_of"), corpus.params.get("dates_valid_before"))
    return corpus


@st.cache_resource(max_entries=4, show_spinner=False)
def _with_edits(key: CorpusKey) -> AnalysedCorpus:
    # Keyed by the whole key, edits revision included: a correction builds a new corpus from the
    # shared analysis (only the touched sentences re-scored), never re-analysing.
    return reader_edits(key).apply(get_analysis(key))


_APPLIED: set[CorpusKey] = set()  # keys whose corrected corpus this server has built


def get_corpus(key: CorpusKey) -> AnalysedCorpus:
    """The shared analysed corpus for ``key`` with the reader's tone corrections and theme edits
    (read-only!). Every page, chart, finding, export and pack reads this one."""
    if key in _APPLIED:
        return _with_edits(key)
    note = _applying_note(key)
    if note:
        with st.spinner(note, show_time=True):
            corpus = _with_edits(key)
    else:
        corpus = _with_edits(key)
    _APPLIED.add(key)
    return corpus


def _applying_note(key: CorpusKey) -> str:
    """What the first run after a tone correction says while it applies it, on a corpus of at
    least CORRECTION_NOTE_SENTENCES sentences ("" when it is quick):

    - a fitted band, or any correction of a corpus held in memory, scores every sentence again
      (at 100,000 articles ~15 s): "to 2,200,449 sentences";
    - a word list on a corpus on disk scores only the articles with a listed word (3-6 s for a
      common word at 100,000 articles), so it names no number it does not read;
    - sentences set by hand, on their own or for every copy, are laid over without reading the
      rest: nothing to say.
    """
    tone = reader_edits(key).tone
    if not tone.word_values() and tone.band() is None:
        return ""
    store = get_analysis(key).sentence_store
    n = len(store)
    if n < CORRECTION_NOTE_SENTENCES:
        return ""
    from components.i18n import t

    if tone.band() is None and not store.in_memory:
        return t("Scoring the sentences with your listed words again…")
    return t("Applying your tone corrections to {n} sentences…", n=n)


@st.cache_resource(**_SHARED)
def options(key: CorpusKey) -> dict:
    return views.filter_options(get_corpus(key))


# Per analysis (a key less the reader's edits): the index this server made last for it. A
# reader's tone correction makes a new corpus, and its index takes over from this one what the
# correction left as it was (CorpusIndex: the sentences' keys, voices, speakers, which are
# scored) instead of reading 2.2 million sentences again at 100,000 articles.
_LAST_INDEX: dict[CorpusKey, CorpusIndex] = {}


@st.cache_resource(max_entries=4, ttl=3600, show_spinner=False)
def corpus_index(key: CorpusKey) -> CorpusIndex:
    """Positions into the corpus's tables that every view of it shares (see
    :class:`tonlage.corpus_index.CorpusIndex`): a filter is then one mask over the article rows."""
    analysis = key._replace(edits="")
    index = CorpusIndex(get_corpus(key), like=_LAST_INDEX.get(analysis))
    _LAST_INDEX[analysis] = index
    index.prepare_words()  # in the background: a large corpus's first search reads an index
    return index


def copies_of(key: CorpusKey, text: str) -> int:
    """How many other scored sentences of the corpus have exactly ``text`` (the same sentence
    printed in other articles): one comparison over the index's text keys (~2 ms for 2.2
    million sentences, read once per corpus)."""
    from tonlage.storage.sentence_store import text_keys

    keys = corpus_index(key).text_keys
    return max(0, int(np.count_nonzero(keys == text_keys([text])[0])) - 1)


@st.cache_resource(**_SHARED)
def rows_in_view(key: CorpusKey, f: Filters) -> np.ndarray:
    """The articles in view as a boolean mask over the corpus's article rows (read-only)."""
    rows = views.filter_rows(get_corpus(key), Filters(*f), corpus_index(key))
    rows.setflags(write=False)
    return rows


@st.cache_resource(**_SHARED)
def ids_in_view(key: CorpusKey, f: Filters) -> tuple[str, ...]:
    return tuple(get_corpus(key).articles.loc[rows_in_view(key, f), "article_id"])


def ids_or_all(key: CorpusKey, f: Filters) -> tuple[str, ...] | None:
    """The articles in view for readers of the sentence store: None when every article is in
    view, so the store reads without a filter on every id (0.4 s over 2.2 million sentences at
    100,000 articles)."""
    rows = rows_in_view(key, f)
    return None if rows.all() else ids_in_view(key, f)


def n_in_view(key: CorpusKey, f: Filters) -> int:
    """How many articles are in view (the mask counted: no ids listed)."""
    return int(rows_in_view(key, f).sum())


#: The most queries a search that found nothing offers instead (each found in view first).
RESPELLINGS_SHOWN = 3


def respellings(key: CorpusKey, f: Filters, *, stars: bool = True) -> list[tuple[str, int, bool]] | None:
    """Queries to try instead of the view's words (:func:`tonlage.search.spelling.respellings`), each
    with the articles it finds in view, those finding none left out, at most
    :data:`RESPELLINGS_SHOWN`, each as (query, articles, whether it respells a word:
    :attr:`~tonlage.search.spelling.Respelling.respells`); without ``stars``, only those that do
    more than add a star. None while the corpus's words are not at hand yet (a large corpus's
    word indexes still being made: :meth:`~tonlage.corpus_index.CorpusIndex.close_words`)."""
    if corpus_index(key).close_words() is None:
        return None
    return [(q, n, respells) for q, n, starred, respells in _respellings(key, f) if stars or not starred][
        :RESPELLINGS_SHOWN
    ]


@st.cache_resource(**_SHARED)
def _respellings(key: CorpusKey, f: Filters) -> list[tuple[str, int, bool, bool]]:
    from tonlage.search.spelling import respellings as tried

    offered: list[tuple[str, int, bool, bool]] = []
    for r in tried(f.words, corpus_index(key).close_words()):
        n = n_in_view(key, f._replace(words=r.query))
        if n:
            offered.append((r.query, n, r.adds_star, r.respells))
            if len(offered) == RESPELLINGS_SHOWN:  # (those respelling a word come first)
                break
    return offered


@st.cache_resource(**_SHARED)
def actors_meant(key: CorpusKey, f: Filters) -> list[tuple[str, int]]:
    """The actors of the corpus's list whom the view's words name or nearly name
    (:func:`tonlage.search.spelling.actors_meant`), each with the articles in view mentioning them in
    any spelling the list knows (the words left out), those in none left out; at most two."""
    from tonlage.actors import read_actors
    from tonlage.search.spelling import actors_meant as meant

    named = set(options(key)["actors"])
    actors = [a for a in (read_actors(key.actors_file) if key.actors_file else []) if a.name in named]
    found: list[tuple[str, int]] = []
    for name in meant(f.words, actors)[:2]:
        n = n_in_view(key, f._replace(words="", actors=(name,)))
        if n:
            found.append((name, n))
    return found


def unfound_words(key: CorpusKey, f: Filters) -> tuple[str, ...]:
    """The terms of the view's words that no article of the corpus holds
    (:func:`tonlage.search.spelling.unfound`); none while the corpus's words are not at hand yet
    (never made here for a large corpus: the sidebar asks on every search of several words, and
    the first such search at 100,000 articles took 0.28 s instead of ~0.15 s when it made them)."""
    from tonlage.search.spelling import unfound

    close = corpus_index(key).close_words(make=False) if f.words else None
    return () if close is None else unfound(f.words, close)


@st.cache_resource(**_SHARED)
def articles_in_view(key: CorpusKey, f: Filters):
    return views.view_articles(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def article_numbers_in_view(key: CorpusKey, f: Filters):
    """:func:`articles_in_view` with only the columns a time chart drawn as periods and a click
    on a chart read (:data:`tonlage.present.views.NUMBER_ARTICLE_COLUMNS`)."""
    return views.view_articles(get_corpus(key), rows_in_view(key, f), corpus_index(key), views.NUMBER_ARTICLE_COLUMNS)


@st.cache_resource(**_SHARED)
def articles_by_id(key: CorpusKey, ids: tuple[str, ...]):
    """The light rows (as :func:`articles_in_view`) of a few articles, by id: e.g. those far
    outside the main period that a tone timeline drawn as periods marks one by one."""
    return views.view_articles(get_corpus(key), list(ids), corpus_index(key))


@st.cache_resource(**_SHARED)
def words_share(key: CorpusKey, f: Filters) -> pd.DataFrame:
    """Per week or month, the articles of the view without its words and how many of them hold
    the words (:func:`tonlage.present.charts.words_share_table`): the Overview's chart of the
    words over time. The view's other filters apply to both counts."""
    f = Filters(*f)
    base = f._replace(words="")
    return views.words_share(
        get_corpus(key), rows_in_view(key, base), rows_in_view(key, f), corpus_index(key), share_periods(key, base)
    )


@st.cache_resource(**_SHARED)
def share_periods(key: CorpusKey, f: Filters):
    """The weeks or months of :func:`words_share` for the view ``f`` without words: the same for
    every search made in it."""
    return views.share_periods(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def source_tone(key: CorpusKey, f: Filters) -> pd.DataFrame:
    """The tone of each source's articles in view (:func:`tonlage.present.views.source_tone`):
    the Tone page's chart by source."""
    return views.source_tone(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def source_tone_periods(key: CorpusKey, f: Filters) -> tuple[pd.DataFrame, int, str]:
    """The largest outlets' articles in view per period
    (:func:`tonlage.present.views.source_tone_periods`): the Tone page's outlets over time."""
    return views.source_tone_periods(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def side_periods(key: CorpusKey, f: Filters, a, b) -> tuple[pd.DataFrame, int, str]:
    """Two outlet sides compared, per period (:func:`tonlage.present.views.side_periods`)."""
    return views.side_periods(get_corpus(key), rows_in_view(key, f), a, b, corpus_index(key))


@st.cache_resource(**_SHARED)
def source_themes(key: CorpusKey, f: Filters, keep: tuple[str, ...] = ()) -> tuple[pd.DataFrame, int]:
    """How much of each large outlet's text each theme fills, and how many outlets have themed
    articles in view (:func:`tonlage.present.views.source_themes`): the Themes page's chart by
    source."""
    return views.source_themes(get_corpus(key), rows_in_view(key, f), corpus_index(key), keep)


@st.cache_resource(**_SHARED)
def source_tone_findings(key: CorpusKey, f: Filters) -> list:
    """Whether an outlet's wording differs from the others' in view
    (:func:`tonlage.findings.source_tone_findings`): said under the Tone page's chart by source."""
    from tonlage.findings import source_tone_findings as findings

    return findings(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def source_theme_finding(key: CorpusKey, f: Filters):
    """Whether an outlet gives a theme more or less room than the others in view
    (:func:`tonlage.findings.source_theme_finding`): the Themes page draws the outlet it names."""
    from tonlage.findings import source_theme_finding as finding

    return finding(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def actor_source_tone(key: CorpusKey, f: Filters, actor: str) -> tuple[pd.DataFrame, float]:
    """How each outlet in view talks about ``actor`` (:func:`tonlage.present.views.actor_source_tone`)."""
    return views.actor_source_tone(get_corpus(key), rows_in_view(key, f), actor, corpus_index(key))


@st.cache_resource(**_SHARED)
def word_sentences(key: CorpusKey, f: Filters) -> tuple[pd.DataFrame, int]:
    """The sentences of the view that hold its words, newest articles first (at most
    :data:`tonlage.present.views.WORD_SENTENCES_SHOWN`), and how many there are."""
    f = Filters(*f)
    return views.word_sentences(get_corpus(key), rows_in_view(key, f), f.words, corpus_index(key))


@st.cache_resource(**_SHARED)
def summary(key: CorpusKey, f: Filters) -> dict:
    return views.summary(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def view_tone(key: CorpusKey, f: Filters):
    return views.view_tone(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def theme_table(key: CorpusKey, f: Filters):
    return views.theme_table(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def theme_terms(key: CorpusKey):
    """Each theme's number, label, words and their weights: what the chart of the words that
    make up each theme draws, the same in every view. Given it instead of the view's theme
    table, that chart is built once per corpus, not for every new filter (~30 ms of a new
    filter's Themes page at 100,000 articles)."""
    return views.theme_terms(get_corpus(key))


@st.cache_resource(**_SHARED)
def theme_tone_table(key: CorpusKey, f: Filters):
    """The theme table of the view with each theme's 95 % tone interval (``tone_low``,
    ``tone_high``) and the articles its tone rests on (``n_effective``): the Themes page's tone
    chart alone needs them (~35 ms for a view of 100,000 articles and 25 themes)."""
    ends = views.theme_tone_intervals(get_corpus(key), rows_in_view(key, f), corpus_index(key))
    return theme_table(key, f).merge(ends, on="theme_id", how="left")


@st.cache_resource(**_SHARED)
def theme_points(key: CorpusKey, f: Filters):
    return views.theme_points(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def theme_shares(key: CorpusKey, f: Filters):
    """What the theme time chart reads when it draws periods: the view's themes summed per
    article and period from the corpus index (:func:`tonlage.present.views.theme_periods`), not
    its article × theme rows (2.5 million at 100,000 articles: ~0.8 s of a first-time filter
    for a 76,000-article view, and 400 MB with their text fields, before)."""
    return views.theme_periods(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def theme_time_table(key: CorpusKey, f: Filters):
    """The theme time chart's points drawn as periods, as a table (one row per theme and period;
    :func:`tonlage.present.charts.theme_time_table`): grouped once per view, not on every run
    of the page while its data box is open."""
    from tonlage.present.charts import theme_time_table as table

    return table(theme_shares(key, f))


@st.cache_resource(**_SHARED)
def theme_time_periods(key: CorpusKey, f: Filters) -> bool:
    """Whether the theme time chart of this view draws periods (a count over every row in view:
    once per view, not on every run of the page)."""
    from tonlage.present.charts import theme_time_periods as draws

    return draws(theme_shares(key, f))


@st.cache_resource(**_SHARED)
def actor_table(key: CorpusKey, f: Filters):
    return views.actor_table(get_corpus(key), rows_in_view(key, f), corpus_index(key))


@st.cache_resource(**_SHARED)
def actor_articles_in_view(key: CorpusKey, f: Filters):
    index = corpus_index(key)
    aa = get_corpus(key).actor_articles
    return aa[index.in_view(index.actor_rows, rows_in_view(key, f))].reset_index(drop=True)


@st.cache_resource(**_SHARED)
def actor_points(key: CorpusKey, f: Filters, actors: tuple[str, ...]):
    return views.actor_points(get_corpus(key), rows_in_view(key, f), actors, corpus_index(key))


@st.cache_resource(**_SHARED)
def actor_time_periods(key: CorpusKey, f: Filters, actors: tuple[str, ...]) -> str:
    """Whether the Actors page's timeline of these actors draws weeks ("W"), months ("M") or
    articles (""): a count over every row of :func:`actor_points`, once per view (~6 ms of every
    run at 150,000 rows)."""
    from tonlage.present.charts import actor_tone_time_periods

    return actor_tone_time_periods(actor_points(key, f, actors))


@st.cache_resource(**_SHARED)
def latest_articles(key: CorpusKey, f: Filters, max_articles: int):
    return views.latest_articles(get_corpus(key), rows_in_view(key, f), max_articles, corpus_index(key))


@st.cache_resource(**_SHARED)
def sentences_for(key: CorpusKey, f: Filters, max_articles: int):
    """:func:`latest_articles` (the same shared table) and their scored sentences."""
    latest = latest_articles(key, f, max_articles)
    return latest, views.latest_sentences(get_corpus(key), latest, corpus_index(key))


@st.cache_resource(**_SHARED)
def strongest(key: CorpusKey, f: Filters, n: int = 5):
    # The index's scored sentences taken by the view's mask (no filter on the ids of the sentences).
    return views.strongest_sentences(get_corpus(key), rows_in_view(key, f), n, corpus_index(key))


@st.cache_resource(max_entries=32, ttl=3600, show_spinner=False)
def article_detail(key: CorpusKey, article_id: str) -> dict | None:
    return views.article_detail(get_corpus(key), article_id, corpus_index(key))


@st.cache_resource(**_SHARED)
def main_period(key: CorpusKey) -> dict | None:
    return views.main_period(get_corpus(key))


def event_book(key: CorpusKey):
    """Where the corpus's event markers live: its workspace, or the folder's overlay over its
    events file (readers add, edit and remove events on the Corpus page)."""
    from tonlage.events import EventBook

    workspace = workspace_of(key)
    if workspace:
        return EventBook.for_workspace(Workspace(workspace, create=False))
    return EventBook.for_folder(key.corpus, key.events_file)


def events(key: CorpusKey, lang: str = "en"):
    """Event markers, with German labels and descriptions where they have them (re-read
    whenever they were changed: their revision is part of the cache key)."""
    workspace = workspace_of(key)
    if not workspace:
        return _events(key, lang, event_book(key).revision())
    from tonlage.events import EventBook

    with Workspace.reading(workspace) as (ws, con):  # every run of a page with events: one connection, not two
        revision = EventBook.for_workspace(ws).revision(con)
    return _events(key, lang, revision)


@st.cache_resource(**_SHARED)
def _events(key: CorpusKey, lang: str, revision: str):
    return views.localised_events(event_book(key).table(), lang)


def skipped(key: CorpusKey):
    return get_corpus(key).skipped


def params(key: CorpusKey) -> dict:
    return dict(get_corpus(key).params)


@st.cache_resource(**_SHARED)
def stamp_params(key: CorpusKey, f: Filters) -> dict:
    """:func:`params` with the share of social-media posts among the articles in view
    (``view_post_share``), for the line every tone figure carries: a view narrowed to posts says
    that its tone is less sure, as a corpus of them does (tonlage.present.stamp). A corpus
    without posts is not read. The same dict for every reader of a view: not to be changed."""
    out = params(key)
    if out.get("post_share", 0.0) > 0:
        mask = rows_in_view(key, f)
        n = int(mask.sum())
        posts = int(np.count_nonzero(get_corpus(key).articles["genre"].to_numpy()[mask] == "post")) if n else 0
        out["view_post_share"] = posts / n if n else 0.0
    return out


def sentence_band(key: CorpusKey) -> float | None:
    """The band of sentence scores counted as neutral in this analysis (:func:`views.sentence_band`)."""
    return views.sentence_band(get_corpus(key).params)


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def workspace_table(name: str, fp: str) -> pd.DataFrame:
    """The editable columns of a workspace's articles (``fp`` keys it: any change re-reads)."""
    return views.workspace_table(Workspace(name, create=False))


@st.cache_resource(**_SHARED)
def duplicate_groups(key: CorpusKey):
    return views.duplicate_groups(get_corpus(key))


@st.cache_resource(**_SHARED)
def articles_naming_actors(key: CorpusKey) -> tuple[int, int]:
    """How many of the corpus's articles name any actor of its list, and how many it has."""
    corpus = get_corpus(key)
    return int(corpus.actor_articles["article_id"].nunique()), len(corpus.articles)


@st.cache_resource(**_SHARED)
def suggested_actors(key: CorpusKey):
    """Whom the articles name or quote most that the list does not follow
    (:func:`tonlage.present.views.suggested_actors`), once per corpus: reading up to
    ``views.NAMED_SAMPLE`` articles takes a second or two the first time."""
    from tonlage.actors import read_actors

    actors = read_actors(key.actors_file) if key.actors_file else []
    return views.suggested_actors(get_corpus(key), actors)


@st.cache_resource(**_SHARED)
def cut_off_articles(key: CorpusKey):
    """The articles whose text does not look whole (:func:`tonlage.present.views.cut_off_articles`),
    once per corpus."""
    return views.cut_off_articles(get_corpus(key))


def theme_fit(key: CorpusKey) -> dict:
    """How a workspace's themes were made (``params["theme_fit"]``, see
    :mod:`tonlage.analysis.incremental`); empty for a folder corpus."""
    return dict(get_analysis(key).params.get("theme_fit") or {})


def open_workspace(name: str) -> Workspace:
    """The named workspace (not cached: opening is a file check)."""
    return Workspace(name, create=False)


@st.cache_resource(**_SHARED)
def comparison(key: CorpusKey, f: Filters, a, b):
    """Two periods compared (tone shift with its interval over articles, themes, actors, examples)."""
    from tonlage.compare import compare_periods

    # The view as its mask and the corpus's kept index: no ids matched as text, the scored
    # sentences not read again (an uncached comparison at 100,000 articles: 1.5-2.2 s -> ~0.5 s).
    # Without the example sentences: comparison_examples finds them, in their part of the page.
    return compare_periods(get_corpus(key), rows_in_view(key, f), a, b, index=corpus_index(key), examples=False)


@st.cache_resource(**_SHARED)
def comparison_examples(key: CorpusKey, f: Filters, a, b) -> dict:
    """The example sentences of :func:`comparison`, found on their own (their texts read from
    the sentence store), so that they can be read while the comparison is made."""
    from tonlage.compare import view_examples

    return view_examples(get_corpus(key), rows_in_view(key, f), a, b, index=corpus_index(key))


@st.cache_resource(**_SHARED)
def comparison_findings(key: CorpusKey, f: Filters, a, b) -> list:
    """What stands out in a comparison (plain sentences with the evidence behind them)."""
    from tonlage.findings import comparison_findings as find

    return find(
        get_corpus(key),
        rows_in_view(key, f),
        comparison(key, f, a, b),
        index=corpus_index(key),
        words=Filters(*f).words,
    )


@st.cache_resource(**_SHARED)
def view_findings(key: CorpusKey, f: Filters, evidence: bool = True) -> list:
    """What stands out in the articles in view; ``evidence=False``: without their example
    sentences and articles (the Overview asks for those when the reader opens them)."""
    from tonlage.findings import view_findings as find

    return find(
        get_corpus(key), rows_in_view(key, f), index=corpus_index(key), words=Filters(*f).words, evidence=evidence
    )


@st.cache_resource(**_SHARED)
def sentences_by_ref(key: CorpusKey, refs: tuple[tuple[str, int], ...]):
    """The sentences ``(article_id, sent_idx)`` with their text and tone, in the order given
    (the evidence of a finding: looked up once, not on every rerun; shared like the tables
    above, since the Overview's findings ask for it on every run and a cache_data copy was
    unpickled each time)."""
    return corpus_index(key).sentences_by_ref(refs, ["text", "tone"])


# --- the reader's check of the tone (see tonlage.review) ---------------------------------------
def _analysis_key(key: CorpusKey) -> CorpusKey:
    """The key without the reader's edits: what stays the same while they label and correct."""
    return key._replace(edits="")


def check_queue(key: CorpusKey) -> pd.DataFrame:
    """The order in which sentences are offered for checking (seeded, stratified by the scorer's
    label and month; computed on the corpus as analysed, so it stays put while the reader works).
    Kept by the key without the reader's edits: keyed by the whole key, every label the reader
    gave made it again (5-6 s a label at 100,000 articles)."""
    return _check_queue(_analysis_key(key))


@st.cache_resource(**_SHARED)
def _check_queue(key: CorpusKey) -> pd.DataFrame:
    # Shared and read-only like the tables above: as a cache_data copy, every run of the Check
    # page unpickled all 2.2 million rows of a 100,000-article queue (~1 s).
    from tonlage.review import corpus_check_queue

    return corpus_check_queue(get_analysis(key))  # kept on disk for the next server


def tone_labels(key: CorpusKey) -> pd.DataFrame:
    """The reader's labels (read on every run: a label given a moment ago counts at once)."""
    return reader_edits(key).tone.labels()


@st.cache_data(**_DATA)
def tone_agreement(key: CorpusKey):
    """The scorer against the reader's labels (the key's edits revision changes with every label)."""
    from tonlage.review.agreement import agreement, labelled_sentences

    labels = tone_labels(key)
    return agreement(labelled_sentences(get_corpus(key), labels), labels, queue=check_queue(key))


@st.cache_data(**_DATA)
def band_calibration(key: CorpusKey):
    """A neutral band fitted to the reader's labels of German sentences, cross-validated."""
    from tonlage.model import GERMAN_TONE_LANGUAGES
    from tonlage.review import calibrate_band
    from tonlage.review.agreement import compared, labelled_sentences

    corpus = get_corpus(key)
    labels = tone_labels(key)
    joined, _ = compared(labelled_sentences(corpus, labels), labels)
    language = corpus.articles.set_index("article_id")["language"]
    joined = joined[joined["article_id"].map(language).isin(GERMAN_TONE_LANGUAGES)]
    review = corpus.params.get("tone_review") or {}
    current = review.get("band") or corpus.params.get("neutral_band") or 0.0
    return calibrate_band(joined["scorer_tone"].to_numpy(), joined["label"].tolist(), float(current))


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def sentence_context(key: CorpusKey, article_id: str, sent_idx: int) -> dict:
    """A sentence with its neighbours and its article's title and date, for checking it."""
    corpus = get_corpus(key)
    s = corpus.sentence_store.frame(["article_id", "sent_idx", "text"], article_ids=[article_id])
    rows = s[s["sent_idx"].between(sent_idx - 1, sent_idx + 1)]
    by_idx = dict(zip(rows["sent_idx"], rows["text"]))
    art = corpus.articles[corpus.articles["article_id"] == article_id]
    first = art.iloc[0] if len(art) else None
    return {
        "before": by_idx.get(sent_idx - 1, ""),
        "text": by_idx.get(sent_idx, ""),
        "after": by_idx.get(sent_idx + 1, ""),
        "title": "" if first is None else str(first["title"]),
        "date_label": "" if first is None else str(first["date_label"]),
        "source": "" if first is None else str(first.get("source") or ""),
    }


# --- who speaks (see tonlage.voice_tone) -------------------------------------------------------
@st.cache_resource(**_SHARED)
def voice_by_article(key: CorpusKey, ids: tuple[str, ...]):
    """Author's and quoted voices of the articles ``ids`` (the ones the Tone page shows: all
    articles in view were 2.2 million sentences grouped, and a copy of the 100,000 rows
    unpickled on every run, at 100,000 articles, for a chart of 30)."""
    from tonlage.voice_tone import voice_tone_by_article

    return voice_tone_by_article(get_corpus(key), ids, index=corpus_index(key))


@st.cache_resource(**_SHARED)
def voice_by_month(key: CorpusKey, f: Filters):
    from tonlage.voice_tone import voice_tone_by_period

    # The view's mask over the corpus index's scored sentences: no read of the store filtered on
    # every id in view (0.4 s per filter at 100,000 articles).
    rows = rows_in_view(key, f)
    return voice_tone_by_period(get_corpus(key), "M", None if rows.all() else rows, index=corpus_index(key))


@st.cache_resource(**_SHARED)
def actor_voices(key: CorpusKey, f: Filters):
    from tonlage.voice_tone import actor_voices as voices

    # A view's sentences by article row from the index, every article's too (the store read and
    # merged by text ids took 1.6 s at 100,000 articles; see voice_by_month). Only the actors the
    # view's actor table lists, cut here and not on the page: the chart drawn from it is then the
    # same table on every run and stays cached (cut on the page, it was drawn again on every run).
    out = voices(get_corpus(key), rows_in_view(key, f), index=corpus_index(key))
    return out[out["actor"].isin(actor_table(key, f)["actor"])].reset_index(drop=True)


# --- figures ------------------------------------------------------------------------------------


def _language_of(tr) -> str:
    return tr.lang


#: A comparison (tonlage.compare.Comparison), by its name: :func:`comparison` keeps each one
#: (the same object on every run), so the charts drawn from it are keyed by its identity; the
#: name, not the class, so that opening the app does not import the comparison's module.
_COMPARISON = "tonlage.compare.Comparison"


@st.cache_resource(
    max_entries=128,
    ttl=3600,
    show_spinner=False,
    hash_funcs={pd.DataFrame: id, pd.Series: id, ThemePeriods: id, _COMPARISON: id, Translator: _language_of},
)
def _figure(module: str, name: str, args: tuple, kwargs: dict) -> tuple:
    # Keyed by the *identity* of its tables (the shared ones above, the same object on every run
    # and in every session) and the value of everything else. The inputs are kept with the figure,
    # so no other table can take over their id while the entry lives.
    builder = getattr(importlib.import_module(module), name)
    return _spec_kept(builder(*args, **kwargs)), (args, kwargs)


def _spec_kept(fig):
    """``fig`` answering ``to_dict()`` with its spec made once. ``st.plotly_chart`` asks for it
    on every run that shows the chart (a deep copy of the figure, its arrays encoded again):
    2-3 ms a chart, 7 ms of each run of the Overview, for the same figure the cache keeps. The
    figure is read-only like every shared table, so its spec cannot go stale; those who read
    it (Streamlit, ``to_json`` for a pin) only drop trace uids, which it has none of."""
    spec = fig.to_dict()
    # Hover rows made as one object array (tonlage.present.charts.base.hover_rows) kept as lists:
    # the JSON Streamlit writes of the spec on every run took half as long again with arrays.
    for trace in spec.get("data", ()):
        rows = trace.get("customdata")
        if isinstance(rows, np.ndarray) and rows.dtype == object:
            trace["customdata"] = rows.tolist()
    object.__setattr__(fig, "to_dict", lambda: spec)
    return fig


def compare_chart(name: str, cmp, tr) -> tuple:
    """One of the Compare page's change charts of ``cmp`` (a key of
    :data:`tonlage.present.pack.CHANGE_CHARTS`, or "compare_actor_tone"), as
    :func:`tonlage.present.pack.change_chart` / :func:`~tonlage.present.pack.actor_tone_chart`
    give it: figure, how to read it, table. Built once per comparison and language: each run
    of the Compare page drew its three charts and tables again (~20 ms of a 65 ms rerun)."""
    return _compare_chart(name, cmp, tr)[0]


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False, hash_funcs={_COMPARISON: id, Translator: _language_of})
def _compare_chart(name: str, cmp, tr) -> tuple:
    from tonlage.present import pack

    fig, read, table = (
        pack.actor_tone_chart(cmp, tr) if name == "compare_actor_tone" else pack.change_chart(cmp, name, tr)
    )
    return (_spec_kept(fig), read, table), cmp  # the comparison kept: no other takes its id


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False, hash_funcs={pd.DataFrame: id})
def _periods(articles: pd.DataFrame) -> tuple:
    from tonlage.present.charts import aggregate_articles

    return aggregate_articles(articles), articles  # the input kept: no other table takes its id


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False, hash_funcs={pd.DataFrame: id})
def _timeline_periods(articles: pd.DataFrame, outside: tuple[str, ...]) -> tuple:
    from tonlage.present.charts import tone_timeline_periods

    return tone_timeline_periods(articles, outside), articles  # the input kept, as in _periods


def timeline_periods(articles: pd.DataFrame, outside: tuple[str, ...] = ()) -> str:
    """:func:`tonlage.present.charts.tone_timeline_periods` of one of the shared tables above
    (keyed by its identity, like :func:`figure`): once per view, not on every run of the
    Overview and Tone pages (at 100,000 articles it copied and scanned the dates of every
    article in view on each run)."""
    return _timeline_periods(articles, tuple(outside))[0]


def periods(articles: pd.DataFrame) -> pd.DataFrame:
    """Mean tone, articles and sentences per week or month of ``articles`` (one of the shared
    tables above, keyed by its identity like :func:`figure`): the data behind a tone timeline,
    grouped once per view rather than on every run of the page."""
    return _periods(articles)[0]


def figure(builder, *args, **kwargs):
    """``builder(*args, **kwargs)`` (a pure figure builder of :mod:`tonlage.present.charts`),
    built once and shared while it is asked for with the same tables and arguments. Building a
    Plotly figure is a large part of a rerun; most reruns (another page, a click elsewhere) ask
    for figures already built. The figure is read-only, like the tables.

    A builder that fails leaves a note in the chart's place (and its traceback in the server's
    log), not an error box instead of the whole page: one chart that could not cope with a
    corpus (16 themes once) took every other chart and the article list of its page with it.
    ``TONLAGE_CHART_ERRORS`` (set by the tests) raises instead."""
    try:
        return _figure(builder.__module__, builder.__name__, args, kwargs)[0]
    except Exception:
        if settings.value(settings.CHART_ERRORS):
            raise
        _log.exception("The chart %s could not be drawn", builder.__name__)
        from tonlage.present.charts import failed_figure

        return failed_figure(tr=kwargs.get("tr"))


class _Charts:
    """:mod:`tonlage.present.charts` with every ``*_figure`` builder shared through :func:`figure`
    (pages import ``charts`` from here)."""

    def __getattr__(self, name: str):
        from tonlage.present import charts as module

        attr = getattr(module, name)
        if name.endswith("_figure") and callable(attr):
            return functools.partial(figure, attr)
        return attr


charts = _Charts()


# --- work started ahead ---------------------------------------------------------------------------

#: Calls :func:`ahead` keeps waiting at most: under a crowd, work asked for ahead that has not
#: begun is left to the page's own call (a queue of it would only finish after the page had
#: made it anyway).
AHEAD_MAX_WAITING = 4
_AHEAD: list = []  # the one worker thread's pool, made at the first use
_AHEAD_STATE = threading.Condition()
_AHEAD_WAITING = [0]  # calls submitted and not yet finished


def ahead(fn, *args) -> bool:
    """Start ``fn(*args)``, a shared cached call the page makes further down, in a background
    thread now; whether it was started. The page's own call then finds its value in the cache,
    or waits for this one under Streamlit's lock of that key (the value is never made twice).
    Worth it for a call that mostly waits on Arrow reading Parquet or on NumPy over long
    arrays, which leave the interpreter free: the Tone page's sentences of the latest articles
    read from the store's row groups (~45 ms at 101,000 articles) while the page draws its first
    charts, the Overview's findings while it draws its words chart and tables. Not for pandas
    on small tables or Python loops: those hold the interpreter, and made beside the page they
    gain nothing. The call runs without the page's script context, so it
    must write nothing to the page (no ``st.*`` element); one that fails is logged and left to
    the page's own call, which fails again where the reader sees it."""
    with _AHEAD_STATE:
        if _AHEAD_WAITING[0] >= AHEAD_MAX_WAITING:
            return False
        _AHEAD_WAITING[0] += 1
        if not _AHEAD:
            from concurrent.futures import ThreadPoolExecutor

            _AHEAD.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="tonlage-ahead"))
        pool = _AHEAD[0]

    def run() -> None:
        try:
            fn(*args)
        except Exception:  # noqa: BLE001 - the page's own call raises it where it is shown
            _log.debug("work started ahead failed; the page makes it itself", exc_info=True)
        finally:
            with _AHEAD_STATE:
                _AHEAD_WAITING[0] -= 1
                _AHEAD_STATE.notify_all()

    pool.submit(run)
    return True


def ahead_idle(timeout: float | None = None) -> bool:
    """Wait until no work started by :func:`ahead` is left (tests, benches); whether none is."""
    with _AHEAD_STATE:
        return _AHEAD_STATE.wait_for(lambda: _AHEAD_WAITING[0] == 0, timeout)
