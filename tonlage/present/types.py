"""The small value types the app and the command line pass around: which corpus (and which
analysis of it), which articles the reader wants to see, and both together for one page."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CorpusKey", "Filters", "View", "WORKSPACE_PREFIX"]

WORKSPACE_PREFIX = "workspace:"


class CorpusKey(NamedTuple):
    """Which analysis of which corpus: the key of the shared analysed corpus and of every
    table derived from it (plain, hashable values: a cache key)."""

    corpus: str  # a folder's absolute path, or "workspace:NAME"
    fingerprint: str  # content hash of the folder, or the workspace's revision
    n_themes: int | None  # None = chosen for the corpus size
    events_file: str | None  # a folder's events file (workspaces keep their own)
    actors_file: str | None  # the actor list
    edits: str = ""  # revision of the reader's tone notes and theme edits (tonlage.review)
    theme_encoder: bool = False  # the themes' quality mode (tonlage.themes.encoder): another analysis
    # The day a folder's articles were dated again because a date its analysis had set aside as
    # in the future has come (tonlage.storage.store.still_valid); "" while the first analysis holds.
    dates_read: str = ""

    @property
    def workspace(self) -> str:
        """The workspace's name, "" for a folder."""
        return self.corpus.removeprefix(WORKSPACE_PREFIX) if self.corpus.startswith(WORKSPACE_PREFIX) else ""


class Filters(NamedTuple):
    """The reader's filters as plain hashable values (a cache key)."""

    date_from: str | None = None  # ISO date; None = no lower bound
    date_to: str | None = None
    genres: tuple[str, ...] = ()  # empty = all
    authors: tuple[str, ...] = ()
    themes: tuple[int, ...] = ()
    actors: tuple[str, ...] = ()
    count_once: bool = True  # leave out later copies of the same story
    words: str = ""  # "Containing words" (tonlage.search.canonical_words); "" = any
    sources: tuple[str, ...] = ()  # outlets / publications (the articles' ``source``); empty = all


class View(NamedTuple):
    """What every page needs to know for this run."""

    corpus_key: CorpusKey
    filters: Filters
    lang: str
