"""The index of a corpus's views: positions and number tables worked out once per corpus, so that
a filter is a boolean mask over the article rows and no id is matched per view (a filter asked
for the first time at 100,000 articles: 0.6-2 s -> 0.1-0.2 s, bench/scale.py). Every page's
tables, the findings and the comparisons read a view through it (the app keeps one per corpus,
components/cached.py).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .frames import at_or_above_kth, blocks_in_order, isin, positions, sentence_score, source_numbers
from .search.word_index import busy
from .storage.sentence_store import TEXT_KEY

__all__ = [
    "RANKED_HEAD",
    "ThemeMatrix",
    "Mentions",
    "CorpusIndex",
]

# The strongest scored sentences a corpus keeps in order, per kind of score (CorpusIndex.ranked):
# a view's strongest are the first of these in view, when there are enough of them.
RANKED_HEAD = 1 << 16


class ThemeMatrix:
    """The article-theme table as dense article × theme matrices (article rows × ``theme_ids``):
    ``shares`` (the share, summed should a pair repeat), ``weighted`` (share × the article's
    tone, 0 where it has none) and ``counts`` (rows of the table); ``themed``: the articles with
    a row. At 100,000 articles × 25 themes the three matrices are 60 MB of floats; a view's sums are
    then one pass over them instead of grouping its 2.5 million rows of the long table.

    Args:
        theme_ids: The themes, sorted.
        by_theme: shares, weighted and counts (whole numbers as floats: exact) stacked one theme
            per row (3 × themes rows, one column per article; C order): a view is summed in one
            matrix-vector product, and one theme's column of articles is contiguous.
        left_out: Rows of the table without a share, which the matrices leave out.
    """

    def __init__(self, theme_ids: np.ndarray, by_theme: np.ndarray, left_out: int = 0):
        self.theme_ids = theme_ids
        self.left_out = left_out  # rows of the table with no share (not in the matrices)
        k = len(theme_ids)
        self._by_theme = by_theme
        self._by_theme.setflags(write=False)
        self.shares, self.weighted, self.counts = by_theme[:k].T, by_theme[k : 2 * k].T, by_theme[2 * k :].T
        # over the contiguous rows of the counts (the same as counts.any(axis=1), in one pass)
        self.themed = by_theme[2 * k :].any(axis=0) if k else np.zeros(by_theme.shape[1], dtype=bool)
        self._last: tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None

    def column(self, col: int) -> tuple[np.ndarray, np.ndarray]:
        """One theme's column (contiguous): whether each article has a row of it, and its share."""
        k = len(self.theme_ids)
        return self._by_theme[2 * k + col] > 0, self._by_theme[col]

    def of_articles(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the long table and summed shares of the articles ``at`` (row numbers), as
        themes × articles arrays (one theme's articles contiguous)."""
        k = len(self.theme_ids)
        # np.take keeps each theme's row contiguous (fancy indexing gave strided rows, which
        # every sum over one theme then copied: 45 instead of 12 ms for 76,000 articles).
        return np.take(self._by_theme[2 * k :], at, axis=1), np.take(self._by_theme[:k], at, axis=1)

    def shares_of(self, at: np.ndarray) -> np.ndarray:
        """The summed shares of :meth:`of_articles` alone (half its copying: 4 ms of 8 for
        76,000 articles and 25 themes)."""
        return np.take(self._by_theme[: len(self.theme_ids)], at, axis=1)

    def at_themes(self, values: np.ndarray, theme_ids: np.ndarray) -> np.ndarray:
        """``values`` (one per column, as :meth:`sums` returns) for each of ``theme_ids``: 0.0
        for a theme without a column (no article has a row of it)."""
        col = np.searchsorted(self.theme_ids, theme_ids)
        known = col < len(self.theme_ids)
        known[known] = self.theme_ids[col[known]] == theme_ids[known]
        out = np.zeros(len(theme_ids), dtype="float64")
        out[known] = values[col[known]]
        return out

    def sums(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per theme over the article rows ``rows`` (a mask): share sum, row count, weighted sum.
        The last answer is kept for the same read-only mask object (the theme table and the
        findings of a view ask with the app's one cached mask, which cannot change)."""
        if rows.flags.writeable:
            return self._sums(rows)
        last = self._last
        if last is not None and last[0] is rows:
            return last[1]
        out = self._sums(rows)
        self._last = (rows, out)
        return out

    def share_sums(self, rows: np.ndarray) -> np.ndarray:
        """The share sums of :meth:`sums` alone: a third of its product (the shares' rows; the
        whole matrix is 60 MB at 100,000 articles and 25 themes, ~15 ms a product on one thread)."""
        k = len(self.theme_ids)
        return self._by_theme[:k] @ rows.astype("float64")

    def _sums(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        k = len(self.theme_ids)
        # A BLAS matrix-vector product over the themes' contiguous rows: 4 ms on one thread at
        # 100,000 articles, where einsum's own loop over the articles took 8-9 ms. The app runs
        # BLAS on one thread (app.py): OpenBLAS's threads, waiting for cores the server is
        # using, had made a product like this take 8 ms instead of 0.6 on the shared machine.
        total = self._by_theme @ rows.astype("float64")
        return total[:k], total[2 * k :], total[k : 2 * k]


class Mentions(NamedTuple):
    """A corpus's mentions once per (article, sentence, actor), as numbers
    (:attr:`CorpusIndex.mention_at`)."""

    row: np.ndarray  # article row (-1: not an article of the corpus)
    sent_idx: np.ndarray
    at: np.ndarray  # the sentence's place in CorpusIndex.scored (-1: not scored)
    actor: np.ndarray  # number into ``names`` (-1: missing)
    names: np.ndarray  # the actors' names, sorted


class CorpusIndex:
    """Integer positions into a corpus's tables, worked out once per corpus, so that a view of
    any filter is one boolean mask over the article rows (``rows``) and every per-view table is
    that mask taken at precomputed positions, plus sums over numbers.

    At 100,000 articles a filter asked for the first time matched article ids as text in every
    long table (2.5 million article-theme rows, the actor table, 2.2 million sentences read from
    disk) and grouped by text columns: 0.3-1.5 s per filter (bench/scale.py). The positions do not
    depend on the filter; each is computed on first use and kept (the app keeps one index per
    corpus, components/cached.py). Read-only like the corpus.

    Args:
        corpus: The analysed corpus (:class:`tonlage.model.AnalysedCorpus`).
    """

    def __init__(self, corpus, like: CorpusIndex | None = None) -> None:
        self.corpus = corpus
        self.n = len(corpus.articles)
        self._columns: dict[tuple[str, ...], pd.DataFrame] = {}
        self._ranked: dict[float, np.ndarray] = {}
        self._best: dict[float, np.ndarray] = {}
        self._voice_periods: dict[str, tuple[np.ndarray, np.ndarray, pd.PeriodIndex]] = {}
        self._words: dict[str, np.ndarray] = {}  # a search's articles, by its query (word_rows)
        self._word_sentences: dict[tuple[str, bytes], np.ndarray] = {}  # (words, view) -> positions
        # The scored sentences' word index per part of the texts, with their places in ``scored``
        # (made in the background, prepare_words); None until it is ready.
        self._sentence_words: list[tuple[Any, np.ndarray]] | None = None
        # The headlines' word index (made after the sentences'); None until it is ready.
        self._title_words: Any = None
        self._close_words: Any = None  # the corpus's words for suggestions (close_words)
        self._sentences_not_kept = False  # the cache lacked a sentence index (_kept_sentence_words)
        self._labels_not_kept = False  # the cache lacked the sentences' labels (kept_labels)
        self._lock = threading.Lock()
        if like is not None and like.corpus is not corpus:
            self._carry(like)

    # What a reader's tone correction leaves as it was, by what it is worked out from: the
    # article ids and dates; those and the article-theme table; the sentences that are scored
    # (which, not their tone) and the mentions.
    _BY_ARTICLES = ("ids", "id_rank", "date_rank", "dated", "day_order")
    _BY_THEMES = ("theme_rows", "theme_order")
    _BY_SENTENCES = (
        "text_keys",
        "voices",
        "speakers",
        "_scored_keys",
        "_width",
        "scored_spans",
        "scored_runs",
        "_sentence_words",
    )

    def _carry(self, like: CorpusIndex) -> None:
        """Take over from ``like`` (the index of the same analysis with other tone corrections)
        what this corpus's corrections leave as it was, and its scored sentences with this
        corpus's tones: at 100,000 articles every correction read 2.2 million sentences' tones,
        keys, voices and speakers from disk again (~0.8 s of the ~4 s a reader waited)."""
        a, b = like.corpus, self.corpus
        if not (
            a.articles["article_id"].equals(b.articles["article_id"]) and a.articles["date"].equals(b.articles["date"])
        ):
            return
        done = like.__dict__
        names = list(self._BY_ARTICLES)
        if a.article_themes is b.article_themes:  # (theme edits make a new table)
            names += self._BY_THEMES
        scored = self._scored_like(like) if "scored" in done else None
        if scored is not None:
            self.__dict__["scored"] = scored
            names += self._BY_SENTENCES
            if a.mentions is b.mentions:
                names.append("mention_at")
        for name in names:
            if name in done:
                self.__dict__[name] = done[name]

    def _scored_like(self, like: CorpusIndex) -> pd.DataFrame | None:
        """:attr:`scored` from ``like``'s, when both corpora's sentences are the same parts and
        their patches (sentences set by hand, a word list) only change the tone of sentences
        that stay scored: ``like``'s tones, its patch taken back, this one's laid over. None
        when that cannot be told (the sentences are read then)."""
        sa, sb = like.corpus.sentence_store, self.corpus.sentence_store
        if not sa.same_parts(sb):
            return None
        s = like.scored
        tone = s["tone"].to_numpy(dtype=np.float64).copy()
        for patch, column in ((sa.patch, "tone_before"), (sb.patch, "tone")):
            if patch is None or not len(patch):
                continue
            at = like.patched_at(patch)
            if at is None:
                return None
            tone[at] = patch[column].to_numpy(dtype=np.float64)
        return s.assign(tone=tone)

    def patched_at(self, patch: pd.DataFrame) -> np.ndarray | None:
        """Each row of a reader's corrections (``patch``, :meth:`~tonlage.storage.sentence_store.
        SentenceStore.patched`) as its position in :attr:`scored`; None when one of them is not
        scored before or after the correction (the scored sentences are then others than the
        parts hold) or is not found."""
        if not {"tone", "tone_before"} <= set(patch.columns) or patch[["tone", "tone_before"]].isna().any(axis=None):
            return None  # a sentence scored now and not before, or the other way round
        rows = positions(patch["article_id"], self.corpus.articles["article_id"])
        at = self.scored_at(rows, patch["sent_idx"].to_numpy())
        return None if (at < 0).any() else at

    def rows(self, ids) -> np.ndarray:
        """A boolean mask over the article rows: ``ids`` itself when it is one already (a bool
        array as long as the articles), else True for the articles whose id is in ``ids``."""
        if isinstance(ids, np.ndarray) and ids.dtype == bool and len(ids) == self.n:
            return ids
        if not isinstance(ids, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
            ids = list(ids)
        return isin(self.corpus.articles["article_id"], ids).to_numpy(dtype=bool)

    def article_columns(self, columns: tuple[str, ...]) -> pd.DataFrame:
        """The article table's ``columns`` as one frame whose number columns share a block per
        type (kept per tuple of columns; read-only like the corpus). A view's rows are then
        taken from a dozen blocks instead of one per column: at 100,000 articles the article
        table holds 24, and the view's light table (twenty-odd columns) took ~10 ms per filter
        asked for the first time, ~7 ms from here. Text columns are shared, not copied."""
        with self._lock:
            hit = self._columns.get(columns)
        if hit is not None:
            return hit
        # A deep copy puts the number columns of one type in one block (pandas consolidates on
        # copy); Arrow text columns are immutable, and their copy shares the buffers.
        frame = self.corpus.articles[list(columns)].copy()
        with self._lock:
            return self._columns.setdefault(columns, frame)

    #: The searches kept (word_rows): each is a mask of the article rows (100 KB at 100,000).
    WORD_SEARCHES_KEPT = 64

    def word_rows(self, words: str) -> np.ndarray:
        """The articles whose headline or analysed text holds ``words`` (the sidebar's
        "Containing words", :mod:`tonlage.search`: any of the alternatives, each with all of its
        terms), as a read-only mask over the article rows; every article for a query without
        terms. Kept per query: a search reads the texts' word index where it is ready
        (:meth:`prepare_words`), else every text (~0.3 s at 100,000 articles); a filter asked
        for again reads neither. An alternative of several terms ("Trump + Putin") is each term's
        search (kept too) taken together."""
        from .search import groups_of, parse_words, query_of, words_pattern

        terms = parse_words(words)[0]
        if not terms:
            return np.ones(self.n, dtype=bool)
        key = query_of(terms)
        with self._lock:
            hit = self._words.get(key)
        if hit is not None:
            return hit
        groups = groups_of(terms)
        if len(groups) == len(terms):  # alternatives of one term each: one reading finds any
            found = self._search(terms, words_pattern(terms))
        else:
            found = np.zeros(self.n, dtype=bool)
            for group in groups:
                every = self.word_rows(query_of(group[:1])).copy()
                for term in group[1:]:
                    every &= self.word_rows(query_of([term]))
                found |= every
        found.setflags(write=False)
        with self._lock:
            if len(self._words) >= self.WORD_SEARCHES_KEPT:
                self._words.pop(next(iter(self._words)))  # the oldest
            return self._words.setdefault(key, found)

    def _search(self, terms, pattern: str) -> np.ndarray:
        from .search import matching, word_patterns
        from .search.word_index import found_in, found_in_parts

        found = found_in_parts(self.corpus.texts.parts, terms, pattern)
        hit = np.zeros(self.n, dtype=bool)
        rows = self.text_rows
        hit[rows[found & (rows >= 0)]] = True
        plans = [word_patterns(t) for t in terms]
        titles = self._title_words
        if titles is not None and all(exact for _, exact in plans):
            return hit | found_in(titles, plans)  # (reading the headlines: ~10 ms at 100,000)
        return hit | matching([self.title_array], pattern)

    def close_words(self, make: bool = True):
        """The corpus's words, for what a search that found nothing suggests instead
        (:class:`tonlage.search.spelling.CloseWords`), made once: from the texts' word indexes where
        they are ready (0.2-0.3 s at 100,000 articles, which the background work does after the
        indexes), from the texts themselves where the corpus has too little text for indexes
        (:data:`~tonlage.search.word_index.MIN_INDEX_BYTES`: ~6 ms for the bundled corpus, ~0.1 s at
        most); None while a larger corpus's indexes are still being made (reading its texts
        would take seconds), and, without ``make``, until they have been made from the indexes
        (a search that finds some articles does not wait for them)."""
        from .search.spelling import CloseWords
        from .search.word_index import PartIndex, indexed, ready

        with self._lock:
            if self._close_words is not None:
                return self._close_words
        parts = self.corpus.texts.parts
        indexes = [ready(part.key) for part in parts]
        if all(index is not None and index.n == len(part) for index, part in zip(indexes, parts, strict=True)):
            if not make:
                return None
            titles = self._title_words
        elif not indexed(parts):
            indexes, titles = [PartIndex.build(part.array) for part in parts], None
        else:
            return None
        close = CloseWords([*indexes, titles if titles is not None else PartIndex.build(self.title_array)])
        with self._lock:
            if self._close_words is None:
                self._close_words = close
            return self._close_words

    def prepare_words(self, min_bytes: int | None = None) -> bool:
        """Have what a first search needs made in the background (:func:`tonlage.search.word_index.prepare`):
        the texts' word index, then the scored sentences' and the headlines' and what a search
        reads besides (:meth:`_index_sentences`); whether the
        corpus holds enough text for it (``min_bytes``, by default
        :data:`~tonlage.search.word_index.MIN_INDEX_BYTES`). Returns at once."""
        from .search.word_index import MIN_INDEX_BYTES, prepare

        limit = MIN_INDEX_BYTES if min_bytes is None else min_bytes
        return prepare(self.corpus.texts.parts, min_bytes=limit, after=self._index_sentences)

    def _index_sentences(self) -> None:
        """The word index of the scored sentences, one per part of the texts
        (:func:`tonlage.search.word_index.sentences_kept`), each with the sentences' places in
        :attr:`scored`: ~0.8 s a part to make, 13 parts at 100,000 articles, loaded from the
        analysis cache by the next server (:meth:`_sentence_indexes`). Then the headlines'
        index (:func:`tonlage.search.word_index.headlines_kept`), one vocabulary for all of them
        (:func:`tonlage.search.word_index.share_words`), the sentences' offsets and labels, and the
        words a search that finds nothing looks through (:meth:`close_words`). The background
        thread's work, after the texts' indexes (:meth:`prepare_words`)."""
        from .search.word_index import headlines_kept, ready, share_words, wait_quiet

        sentences = self._sentence_words or self._sentence_indexes(make=True) or []
        self._sentence_words = sentences
        if self._title_words is None:
            wait_quiet()
            titles = headlines_kept(self.title_array)
            parts = self.corpus.texts.parts
            share_words([ready(part.key) for part in parts] + [index for index, _ in sentences] + [titles])
            self._title_words = titles
        wait_quiet()
        # What the Articles page's list of sentences with the words reads (their offsets, read
        # for every scored sentence: ~0.28 s of the first list at 100,000 articles, 35 MB).
        self.scored_spans  # noqa: B018
        wait_quiet()
        # and what the Tone page's latest articles' sentences are taken from (0.4-0.9 s, a few MB)
        self.scored_labels  # noqa: B018
        wait_quiet()
        # and the words a search that finds nothing looks through for close ones (0.2-0.3 s at
        # 100,000 articles, which its first such search took on top before)
        self.close_words()

    def _sentence_indexes(self, make: bool) -> list[tuple[Any, np.ndarray]] | None:
        """Each part's sentence index with its sentences' places in :attr:`scored`: made where
        the analysis cache holds none (``make``, the background thread's way: it waits for
        quiet between parts and makes two at once, :func:`~tonlage.search.word_index.at_once`), or
        None when the cache lacks one (a reader's search, which does not wait). Where the
        sentence store names its content
        (:meth:`~tonlage.storage.sentence_store.SentenceStore.content_key`), the kept indexes
        are found by it and the sentences' offsets are read only to make one."""
        from .search.word_index import at_once, layout_name, sentences_kept
        from .storage.disk_cache import kept_cache

        self.text_rows, self.title_array  # noqa: B018 - what a first search reads besides
        srow, sent = self.scored["row"].to_numpy(), self.scored["sent_idx"].to_numpy()
        rows = self.text_rows
        content = self.corpus.sentence_store.content_key()
        parts = self.corpus.texts.parts
        firsts = np.cumsum([0] + [len(p) for p in parts])
        # Each article row's text and part (one more entry, -1, where a sentence has no article
        # row), then each sentence's by its row: two gathers from tables of 100,000 rows, where
        # a search of the parts' bounds for each of 2.2 million sentences took ~10-50 ms.
        text_of_row = np.full(self.n + 1, -1, dtype=np.int64)
        text_of_row[rows[rows >= 0]] = np.flatnonzero(rows >= 0)
        part_of_row = np.where(text_of_row >= 0, np.searchsorted(firsts, text_of_row, side="right") - 1, -1)
        text_at, part_of = text_of_row[srow], part_of_row[srow]
        # the sentences of each part in their order: one sort
        order = np.argsort(part_of, kind="stable")
        bounds = np.searchsorted(part_of[order], np.arange(len(parts) + 1))

        def one(k: int, cache) -> tuple[Any, np.ndarray] | None:
            part, at = parts[k], order[bounds[k] : bounds[k + 1]]
            local = text_at[at] - firsts[k]

            def spans() -> tuple[np.ndarray, np.ndarray]:
                starts, ends = self.scored_spans
                return starts[at], ends[at]

            layout = layout_name(*spans(), local) if content is None else layout_name(content, local, sent[at])
            index = sentences_kept(part, layout, local, spans, cache, make=make)
            return None if index is None else (index, at)

        with kept_cache() as cache:
            if make:  # the background thread's: up to two parts at once, readers first
                return at_once(lambda k: one(k, cache), range(len(parts)))
            made = []
            for k in range(len(parts)):
                found = one(k, cache)
                if found is None:
                    return None
                made.append(found)
            return made

    def _kept_sentence_words(self) -> list[tuple[Any, np.ndarray]] | None:
        """The sentences' indexes for a reader's search before the background thread has loaded
        them: read now from the analysis cache when it holds them all and the texts' indexes
        are loaded (a search right after a 101,000-article corpus opened read every text with
        the words, up to ~1 s), else None, and not tried again for this corpus."""
        from .search.word_index import ready

        if self._sentences_not_kept or any(ready(p.key) is None for p in self.corpus.texts.parts):
            return None
        made = self._sentence_indexes(make=False)
        if made is None:
            self._sentences_not_kept = True
            return None
        with self._lock:
            if self._sentence_words is None:
                self._sentence_words = made
            return self._sentence_words

    @functools.cached_property
    def title_array(self):
        """The headlines as one Arrow string array, in the corpus order (what a search reads)."""
        import pyarrow as pa

        return pa.array(self.corpus.articles["title"].astype(str).to_numpy(dtype=object), pa.large_string())

    @functools.cached_property
    def scored_spans(self) -> tuple[np.ndarray, np.ndarray]:
        """Each scored sentence's start and end offsets in its article's text, in the order of
        :attr:`scored` (read from the store once, two number columns)."""
        store = self.corpus.sentence_store
        if store.empty:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        s, _, _ = store.frame_by_article(["start", "end"], scored=True)
        return s["start"].to_numpy(dtype=np.int64), s["end"].to_numpy(dtype=np.int64)

    #: Views whose sentences with the words are kept (word_sentences): the Overview's findings
    #: and the Articles page's list ask for the same ones (~1 s for "EU" at 100,000 articles).
    WORD_SENTENCES_KEPT = 16

    def word_sentences(self, words: str, rows: np.ndarray) -> np.ndarray:
        """The scored sentences of the view ``rows`` (a mask over the article rows) where
        ``words`` stand (:func:`tonlage.search.found_spans`: a sentence holds a place where
        the words begin), as positions in :attr:`scored`, in its order (read-only). Each
        article of the view that has scored sentences is searched once, as the reader view
        marks it; the last views' answers are kept. Terms joined by "+" ("Trump + Putin") are
        each a term here: a sentence holds one of them (the article, all: :meth:`word_rows`)."""
        import hashlib

        view = hashlib.blake2b(np.packbits(np.asarray(rows, dtype=bool)).tobytes(), digest_size=16).digest()
        with self._lock:
            hit = self._word_sentences.get((words, view))
        if hit is not None:
            return hit
        found = self._word_sentences_of(words, rows)
        found.setflags(write=False)
        with self._lock:
            if len(self._word_sentences) >= self.WORD_SENTENCES_KEPT:
                self._word_sentences.pop(next(iter(self._word_sentences)))  # the oldest
            return self._word_sentences.setdefault((words, view), found)

    def _word_sentences_of(self, words: str, rows: np.ndarray) -> np.ndarray:
        from .search import found_spans, parse_words, word_patterns

        srow = self.scored["row"].to_numpy()
        plans = [word_patterns(t) for t in parse_words(words)[0]]
        exact = bool(plans) and all(alone for _, alone in plans)
        made = self._sentence_words
        if exact and made is None and self.corpus.texts.parts:
            made = self._kept_sentence_words()
        if exact and made is not None:
            # Words alone (with or without "*"): the sentences' index answers, no text is read.
            from .search.word_index import found_in

            found = np.sort(np.concatenate([at[found_in(index, plans)] for index, at in made]))
            return found[self.in_view(srow[found], rows)]
        at = np.flatnonzero(self.in_view(srow, rows))
        if not (len(at) and words):
            return np.zeros(0, np.int64)
        texts, ids = self.corpus.texts, self.ids
        found_rows: list[int] = []
        found_at: list[int] = []
        for r in np.unique(srow[at]):
            for a, _ in found_spans(texts.get(str(ids[r])), words):
                found_rows.append(int(r))
                found_at.append(a)
        if not found_rows:
            return np.zeros(0, np.int64)
        # Sentences and places as one number each (article row, then offset): a place lies in
        # the sentence with the last start at or before it, if it ends after it.
        starts, ends = self.scored_spans
        width = int(max(ends[at].max(), max(found_at))) + 1
        first = srow[at].astype(np.int64) * width + starts[at]
        order = np.argsort(first, kind="stable")
        first, last = first[order], (srow[at].astype(np.int64) * width + ends[at])[order]
        place = np.asarray(found_rows, dtype=np.int64) * width + np.asarray(found_at, dtype=np.int64)
        i = np.searchsorted(first, place, side="right") - 1
        inside = (i >= 0) & (place < last[np.maximum(i, 0)])
        return np.sort(at[order[np.unique(i[inside])]])

    @functools.cached_property
    def text_rows(self) -> np.ndarray:
        """For each of the corpus's texts (:attr:`tonlage.model.AnalysedCorpus.texts`, in their
        own order), the row of its article (-1: an article no longer in the table). Looked up by
        Arrow's hash of the ids (at 100,000 articles ~14 ms, against ~60 ms through a pandas
        Index of Python strings, on the first search a server answers)."""
        ids = self.corpus.articles["article_id"]
        return positions(pd.Series(self.corpus.texts.ids, dtype="str"), ids.astype("str"))

    @functools.cached_property
    def ids(self) -> np.ndarray:
        """The article ids (str), in the corpus order."""
        return np.asarray(self.corpus.articles["article_id"].astype(str), dtype=object)

    @functools.cached_property
    def id_rank(self) -> np.ndarray:
        """Each article's place among the ids sorted as text (ties in evidence are broken by
        id: the same order as sorting the ids themselves)."""
        order = np.argsort(self.ids, kind="stable")
        rank = np.empty(self.n, dtype=np.int64)
        rank[order] = np.arange(self.n)
        return rank

    @functools.cached_property
    def theme_rows(self) -> np.ndarray:
        """The article row of each ``article_themes`` row (-1: not an article of the corpus)."""
        return positions(self.corpus.article_themes["article_id"], self.corpus.articles["article_id"]).astype(np.int32)

    @functools.cached_property
    def date_rank(self) -> np.ndarray:
        """Each dated article's place in the order (date, article id), equal places for equal
        pairs; undated articles come after every dated one. The article table is kept in that
        order (:mod:`tonlage.model`), so this is its row number, checked once; should a table
        not be, the order is worked out by sorting."""
        a = self.corpus.articles
        dated = a["date"].notna().to_numpy(dtype=bool)
        date = a["date"].to_numpy()[dated]
        ids = self.ids[dated]
        later = date[1:] > date[:-1]
        same = date[1:] == date[:-1]
        if dated[: int(dated.sum())].all() and bool((later | (same & (ids[1:] > ids[:-1]))).all()):
            return np.arange(self.n, dtype=np.int64)
        # Not in order (or an (date, id) pair repeats): the pandas sort, ranked densely.
        key = a[["date", "article_id"]].reset_index(drop=True)
        order = key.sort_values(["date", "article_id"], na_position="last").index.to_numpy()
        k = key.iloc[order]
        new = np.ones(self.n, dtype=bool)
        if self.n > 1:
            d, i = k["date"].to_numpy(), k["article_id"].to_numpy(dtype=object)
            new[1:] = ~((d[1:] == d[:-1]) & (i[1:] == i[:-1]))
        rank = np.empty(self.n, dtype=np.int64)
        rank[order] = np.cumsum(new) - 1
        return rank

    @functools.cached_property
    def dated(self) -> np.ndarray:
        """Whether each article row has a date."""
        return self.corpus.articles["date"].notna().to_numpy(dtype=bool)

    @functools.cached_property
    def day_order(self) -> tuple[np.ndarray, np.ndarray]:
        """The dated article rows in date order, and their dates (datetime64[ns]): the rows of a
        stretch of days are then a slice (:meth:`rows_between`)."""
        d = self.corpus.articles["date"].to_numpy(dtype="datetime64[ns]")
        rows = np.flatnonzero(~np.isnat(d))
        order = rows[np.argsort(d[rows], kind="stable")]
        return order, d[order]

    def rows_between(self, start, end) -> np.ndarray:
        """Which article rows are dated on a day from ``start`` to ``end`` (dates, both
        included; a date with a time of day on the last day counts): the days of
        :func:`tonlage.compare.window_mask`, as a mask over the rows."""
        order, d = self.day_order
        lo = np.searchsorted(d, np.datetime64(start, "D").astype("datetime64[ns]"), "left")
        hi = np.searchsorted(d, (np.datetime64(end, "D") + np.timedelta64(1, "D")).astype("datetime64[ns]"), "left")
        out = np.zeros(self.n, dtype=bool)
        out[order[lo:hi]] = True
        return out

    def latest(self, rows: np.ndarray, k: int) -> np.ndarray:
        """The article rows of the ``k`` most recent articles of the view ``rows`` (a mask), in
        the order (date, article id) with undated ones last: what sorting the view's articles by
        (date, id), undated first, keeping the last ``k`` and sorting those with undated last
        gives (undated articles only when fewer than ``k`` are dated: those last by id). Ranked
        on integers: at 100,000 articles sorting the view's table by date and id took ~45 ms of
        every filter the Tone page had not seen."""
        at = np.flatnonzero(rows)
        if k <= 0 or len(at) == 0:
            return at[:0]
        dated = self.dated[at]
        # Undated first (by id), then dated (by date and id); equal keys in row order (as the
        # stable pandas sort), made unique by the row number. Both ranks are below n.
        n = np.int64(self.n)
        key = np.where(dated, n + self.date_rank[at], self.id_rank[at]) * n + at
        pick = at[np.argpartition(key, len(at) - k)[len(at) - k :]] if len(at) > k else at
        shown = np.where(self.dated[pick], self.date_rank[pick], n + self.id_rank[pick]) * n + pick
        return pick[np.argsort(shown)]

    @functools.cached_property
    def theme_order(self) -> np.ndarray:
        """The ``article_themes`` rows in the order (article's date, article id, theme id), rows of
        equal keys in table order: what ``sort_values(["date", "article_id", "theme_id"])`` gives
        for the table with its articles' dates, worked out on integers once per corpus (the table
        is kept by article id; at 100,000 articles sorting its 2.5 million rows and their text
        columns per view took 0.9 s). Rows of no article of the corpus come last."""
        rows = self.theme_rows
        theme = self.corpus.article_themes["theme_id"].to_numpy()
        if len(theme) == 0:
            return np.zeros(0, dtype=np.int64)
        codes, uniques = pd.factorize(theme, sort=True)
        k = len(uniques) + 1
        codes = np.where(codes < 0, k - 1, codes).astype(np.int64)  # a missing theme id sorts last, as in pandas
        place = np.append(self.date_rank, self.n)[rows]  # -1 (no article) lands on n: last
        key = place * k + codes
        # As analysed, each article's rows are together, themes ascending: then its block of
        # rows moves whole (100,000 blocks sorted instead of 2.5 million rows, 0.07 s).
        new_block = rows[1:] != rows[:-1]
        starts = np.concatenate([[0], np.flatnonzero(new_block) + 1])
        if bool((new_block | (key[1:] >= key[:-1])).all()) and len(np.unique(place[starts])) == len(starts):
            blocks = np.argsort(place[starts])  # one block per article: no ties
            sizes = np.diff(np.append(starts, len(key)))[blocks]
            return np.repeat(starts[blocks] - np.cumsum(sizes) + sizes, sizes) + np.arange(len(key))
        return np.argsort(key, kind="stable")

    @functools.cached_property
    def untoned(self) -> np.ndarray:
        """The articles without a tone (no scored sentence), as a mask over the article rows."""
        untoned = np.isnan(self.corpus.articles["tone"].to_numpy(dtype="float64", na_value=np.nan))
        untoned.setflags(write=False)
        return untoned

    @functools.cached_property
    def themes(self) -> ThemeMatrix:
        """``article_themes`` as article × theme matrices (see :class:`ThemeMatrix`)."""
        at = self.corpus.article_themes
        rows = self.theme_rows
        keep = rows >= 0
        # The themes by a hash, not a sort of the 2.5 million rows (np.unique: ~0.1-0.2 s).
        col, ids = pd.factorize(at["theme_id"].to_numpy()[keep], sort=True)
        k = len(ids)
        share = at["share"].to_numpy(dtype="float64", na_value=np.nan)[keep]
        valid = ~np.isnan(share)
        # Each cell's place in the (theme, article) layout of the matrices, so that the sums land
        # where they are kept without a transposed copy of each.
        flat = (col.astype(np.int64) * self.n + rows[keep])[valid]
        size = self.n * k
        by_theme = np.empty((3 * k, self.n), dtype="float64")
        by_theme[:k] = np.bincount(flat, weights=share[valid], minlength=size).reshape(k, self.n)
        # An article without a tone weighs 0 (its shares times 0, as their product's NaN made 0).
        tone = np.nan_to_num(self.corpus.articles["tone"].to_numpy(dtype="float64", na_value=np.nan), nan=0.0)
        np.multiply(by_theme[:k], tone[None, :], out=by_theme[k : 2 * k])
        by_theme[2 * k :] = np.bincount(flat, minlength=size).reshape(k, self.n)
        return ThemeMatrix(np.asarray(ids), by_theme, left_out=int((~valid).sum()))

    @functools.cached_property
    def actor_rows(self) -> np.ndarray:
        """The article row of each ``actor_articles`` row (-1: not an article of the corpus)."""
        return positions(self.corpus.actor_articles["article_id"], self.corpus.articles["article_id"])

    @functools.cached_property
    def actor_kinds(self) -> tuple[np.ndarray, pd.DataFrame]:
        """The number of each ``actor_articles`` row's (actor, kind) pair (-1 when either is
        missing, as ``groupby`` leaves them out) and the pairs (``actor``, ``kind``) by number."""
        aa = self.corpus.actor_articles
        if aa.empty:
            return np.zeros(0, dtype=np.int64), aa[["actor", "kind"]].reset_index(drop=True)
        # a pair with a missing part has no group: NaN (which cast to int64 gave a warning)
        codes = aa.groupby(["actor", "kind"], sort=False).ngroup().fillna(-1).to_numpy(dtype=np.int64)
        valid = codes >= 0
        _, first = np.unique(codes[valid], return_index=True)
        pairs = aa.loc[aa.index[valid][first], ["actor", "kind"]].reset_index(drop=True)
        return codes, pairs

    @functools.cached_property
    def actor_rows_distinct(self) -> bool:
        """Whether no (actor, kind) pair has two ``actor_articles`` rows for one article (one row
        per article and actor, as the analysis makes them): a pair's articles are then its rows."""
        return self._rows_distinct(self.actor_kinds[0])

    @functools.cached_property
    def actor_names_distinct(self) -> bool:
        """Whether no actor has two ``actor_articles`` rows for one article (whatever their kind):
        an actor's articles are then its rows."""
        return self._rows_distinct(self.actor_codes[0])

    def _rows_distinct(self, codes: np.ndarray) -> bool:
        keep = (codes >= 0) & (self.actor_rows >= 0)
        key = codes[keep] * np.int64(self.n + 1) + self.actor_rows[keep]
        return len(np.unique(key)) == len(key)

    @functools.cached_property
    def actor_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """The number of each ``actor_articles`` row's actor (-1 when missing) and the actors'
        names (str) by number."""
        aa = self.corpus.actor_articles
        if aa.empty:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
        codes, names = pd.factorize(aa["actor"], use_na_sentinel=True)
        return np.asarray(codes, dtype=np.int64), np.asarray(pd.Index(names).astype(str), dtype=object)

    @functools.cached_property
    def source_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """The number of each article row's source (its outlet; -1 where it names none) and the
        sources' names by number."""
        a = self.corpus.articles
        if "source" not in a:
            return np.full(len(a), -1, dtype=np.int64), np.zeros(0, dtype=object)
        return source_numbers(a["source"])

    @functools.cached_property
    def source_runs(self) -> tuple[np.ndarray, np.ndarray]:
        """The article rows that name a source, grouped by its number (row order within each),
        and where each source's run starts: ``rows[starts[j]:starts[j + 1]]`` are source j's.
        A view's articles of each source are then one mask over these rows, not a pass over the
        view for each source."""
        codes, names = self.source_codes
        named = np.flatnonzero(codes >= 0)
        rows = named[np.argsort(codes[named], kind="stable")]
        return rows, np.searchsorted(codes[rows], np.arange(len(names) + 1))

    def source_rows(self, sources: Iterable[str]) -> np.ndarray:
        """Which article rows are of one of ``sources`` (names read trimmed, as
        :attr:`source_codes` numbers them): the Source filter's and a compared side's articles."""
        codes, names = self.source_codes
        return np.isin(codes, np.flatnonzero(np.isin(names, [str(s).strip() for s in sources])))

    @functools.cached_property
    def sentence_squares(self) -> np.ndarray:
        """Per article row: the sum of its scored sentences' squared tones (beside
        :attr:`sentence_totals`: the spread of a group's sentences from sums over its articles)."""
        s = self.scored
        srow = s["row"].to_numpy()
        ok = srow >= 0
        return np.bincount(srow[ok], weights=np.square(s["tone"].to_numpy()[ok]), minlength=self.n)

    @functools.cached_property
    def actor_tone_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """Per ``actor_articles`` row: its scored sentences (0 when it has no tone) and its
        tone times them (0 likewise), as floats: an actor's tone over a view is the sum of the
        second over the sum of the first."""
        aa = self.corpus.actor_articles
        n = aa["n_sentences"].to_numpy(dtype="float64", na_value=np.nan)
        tone = aa["tone"].to_numpy(dtype="float64", na_value=np.nan)
        n = np.where(np.isnan(n) | np.isnan(tone), 0.0, n)
        return n, np.nan_to_num(tone * n, nan=0.0)

    @functools.cached_property
    def scored(self) -> pd.DataFrame:
        """Every scored sentence (tone not NaN) as numbers, in the store's order: ``row`` (the
        article row, -1 when not an article of the corpus), ``sent_idx``, ``tone`` and
        ``n_words`` (0 where the store has no count). Read from the sentence store once (four
        columns), instead of matching the view's ids on every filter."""
        store = self.corpus.sentence_store
        if store.empty:
            return pd.DataFrame(
                {
                    "row": np.zeros(0, np.int32),
                    "sent_idx": np.zeros(0, np.int32),
                    "tone": np.zeros(0, np.float64),
                    "n_words": np.zeros(0, np.int32),
                }
            )
        words = "n_words" in store.columns
        s, run_ids, run_lengths = store.frame_by_article(
            ["sent_idx", "tone", *(["n_words"] if words else [])], scored=True
        )
        run_rows = positions(run_ids, self.corpus.articles["article_id"]).astype(np.int32)
        out = pd.DataFrame(
            {
                "row": np.repeat(run_rows, run_lengths),
                "sent_idx": s["sent_idx"].to_numpy(dtype=np.int32),
                "tone": s["tone"].to_numpy(dtype=np.float64),
                "n_words": s["n_words"].fillna(0).to_numpy(dtype=np.int32) if words else np.zeros(len(s), np.int32),
            }
        )
        return out

    @functools.cached_property
    def sentence_totals(self) -> tuple[np.ndarray, np.ndarray]:
        """Per article row: the number of its scored sentences and the sum of their tones. A
        view's sentences and their mean tone are then sums over its articles (76,588 at 100,000
        articles), not over its sentences (1.7 million)."""
        s = self.scored
        srow = s["row"].to_numpy()
        ok = srow >= 0
        counts = np.bincount(srow[ok], minlength=self.n).astype(np.int64)
        sums = np.bincount(srow[ok], weights=s["tone"].to_numpy()[ok], minlength=self.n)
        return counts, sums

    def ranked(self, sign: float) -> np.ndarray:
        """The first :data:`RANKED_HEAD` scored sentences (positions in :attr:`scored`; all of
        them when there are fewer) in the order of their :func:`sentence_score` for ``sign``,
        high to low, then by article id, then by sentence. The strongest sentences of a view are
        the first of these in view, when at least as many are in view as are asked for: at
        100,000 articles the findings sorted the strongest of a view's 1.7 million sentences
        on every filter asked for the first time. Kept per ``sign``."""
        with self._lock:
            hit = self._ranked.get(sign)
        if hit is not None:
            return hit
        s = self.scored
        score = sentence_score(s["tone"].to_numpy(), sign)
        pick = at_or_above_kth(score, RANKED_HEAD) if len(score) > RANKED_HEAD else np.arange(len(score))
        srow = s["row"].to_numpy()[pick]
        # A sentence of no article of the corpus (row -1) is never in a view: any rank will do.
        rank = np.where(srow >= 0, self.id_rank[np.maximum(srow, 0)], 0)
        # lexsort: the last key sorts first (score high to low, then id, then sentence)
        order = np.lexsort((s["sent_idx"].to_numpy()[pick], rank, -score[pick]))[:RANKED_HEAD]
        head = pick[order]
        head.setflags(write=False)
        with self._lock:
            return self._ranked.setdefault(sign, head)

    def strongest_in_view(self, rows: np.ndarray, sign: float, k: int) -> np.ndarray | None:
        """The scored sentences of the view ``rows`` (a mask) on one side (``sign`` -1.0:
        negative tone, 1.0: positive) that can be among its ``k`` strongest different sentences:
        every one at or beyond the tone at which, from the strongest down, the ``k``-th
        different text comes (:attr:`text_keys`), ties included, as positions in :attr:`scored`
        in the order of :meth:`ranked`. The same sentence printed in several articles (agency
        copy) counts once, so a reader sees ``k`` different sentences and how often each is in
        view. Taken from the ranked head instead of every sentence in view (a view's 1.6
        million sentences were ~35 ms of every filter the Tone page had not seen, ~20 ms a
        period of every comparison). None when the head cannot tell: ``k`` or fewer different
        texts of the view on that side are in it, or the ties at that tone may go on past its
        end."""
        if k <= 0:
            return np.zeros(0, dtype=np.int64)
        s = self.scored
        head = self.ranked(sign)
        score = sentence_score(s["tone"].to_numpy()[head], sign)
        hits = np.flatnonzero(self.in_view(s["row"].to_numpy()[head], rows) & (score > 0))
        _, first = np.unique(self.text_keys[head[hits]], return_index=True)  # each text's first hit
        if len(first) <= k:
            return None
        kth = score[hits[np.sort(first)[k - 1]]]  # the head runs from the strongest down
        if len(head) < len(s) and not score[-1] < kth:
            return None
        return head[hits[score[hits] >= kth]]

    @functools.cached_property
    def scored_labels(self) -> dict[str, tuple[np.ndarray, pd.Series]] | None:
        """The tone label, explanation and correction (where the store has one) of each row of
        :attr:`scored`, as codes into their distinct values
        (:meth:`~tonlage.storage.sentence_store.SentenceStore.coded`), read once per corpus
        (0.4-0.9 s at 101,000 articles, a few MB kept), a reader's corrections laid over. None where
        the store cannot give them so (in memory, or corrections that change which sentences
        are scored): :meth:`scored_sentences` then leaves the sentences to the store."""
        return self._labels(read=True)

    def _labels(self, read: bool) -> dict[str, tuple[np.ndarray, pd.Series]] | None:
        store = self.corpus.sentence_store
        if store.empty or not {"start", "end"} <= set(store.columns):
            return None
        coded = store.coded(["tone_label", "evidence", "corrected"], read=read, under_patch=True)
        if coded is None or any(len(codes) != len(self.scored) for codes, _ in coded.values()):
            return None
        return self._patch_laid_over(coded, store.patch)

    def _patch_laid_over(
        self, coded: dict[str, tuple[np.ndarray, pd.Series]], patch: pd.DataFrame | None
    ) -> dict[str, tuple[np.ndarray, pd.Series]] | None:
        """``coded`` (the codes of what the store's parts hold) with a reader's corrections laid
        over (``patch``, :meth:`~tonlage.storage.sentence_store.SentenceStore.patched`): each
        patched sentence's code points to its new value, appended to the distinct values. None
        when a patched sentence is not scored before or after (the scored sentences' order is
        then not the parts'), or cannot be found: the store reads those sentences then. At
        101,000 articles a corrected corpus read the Tone page's latest sentences from ~30 row
        groups on every new filter (~55 ms); the codes answer from memory."""
        if patch is None or not len(patch) or not any(c in patch.columns for c in coded):
            return coded
        at = self.patched_at(patch)
        if at is None:
            return None
        out = {}
        for name, (codes, values) in coded.items():
            if name not in patch.columns:
                out[name] = (codes, values)
                continue
            new = pd.Series(patch[name].to_numpy(dtype=object), dtype=values.dtype)
            laid = codes.copy()
            laid[at] = len(values) + np.arange(len(patch), dtype=np.int32)
            out[name] = (laid, pd.concat([values, new], ignore_index=True))
        return out

    def kept_labels(self) -> dict[str, tuple[np.ndarray, pd.Series]] | None:
        """:attr:`scored_labels` once they are made (by the background work after the word
        index, :meth:`prepare_words`, or by asking for them) or where the analysis cache keeps
        them (~20 ms to map at 101,000 articles, tried once), else None: a reader's filter
        never waits the second or more they take to read from the parts."""
        if "scored_labels" in self.__dict__ or self._labels_not_kept:
            return self.__dict__.get("scored_labels")
        kept = self._labels(read=False)
        with self._lock:
            if kept is None:
                self._labels_not_kept = True
                return self.__dict__.get("scored_labels")
            return self.__dict__.setdefault("scored_labels", kept)

    def sentences_from_disk(self) -> bool:
        """Whether a few articles' sentences (:meth:`scored_sentences`, :meth:`sentences_by_ref`)
        are read from the store's parts on disk, not taken from memory (:meth:`kept_labels`, or a
        store held in memory). Only then is reading them in a background thread worth it: Arrow
        decodes the row groups without holding Python's lock, where from memory it is all Python
        work that competes with the page for that lock (Compare's examples made beside its
        comparison at 101,000 articles were done with it after ~120 ms; timed alone the two take
        ~40 and ~35 ms)."""
        store = self.corpus.sentence_store
        return not store.in_memory and not store.empty and self.kept_labels() is None

    def scored_sentences(self, rows: np.ndarray) -> pd.DataFrame | None:
        """The scored sentences of the article rows ``rows`` (a mask over them), in the store's
        order, as the store reads them: ``article_id``, ``sent_idx``, ``start``, ``end``,
        ``tone`` and :attr:`scored_labels`' columns, all from memory. The Tone page's latest
        articles stand in ~30 of the store's row groups at 101,000 articles, and reading them
        decoded every one (~55 ms of each new filter). None until :meth:`kept_labels` are."""
        coded = self.kept_labels()
        if coded is None:
            return None
        at = self.scored_of_rows(rows)
        s = self.scored
        srow = s["row"].to_numpy()[at]
        starts, ends = self.scored_spans
        ids = self.corpus.articles["article_id"]
        out = pd.DataFrame(
            {
                "article_id": ids.iloc[srow].reset_index(drop=True),
                "sent_idx": s["sent_idx"].to_numpy()[at],
                "start": starts[at],
                "end": ends[at],
                "tone": s["tone"].to_numpy()[at],
            }
        )
        for name, (codes, values) in coded.items():
            out[name] = values.iloc[codes[at]].reset_index(drop=True)
        return out

    def sentences_by_ref(self, refs: Iterable[tuple[str, int]], columns: Sequence[str]) -> pd.DataFrame:
        """:meth:`AnalysedCorpus.sentences_by_ref <tonlage.model.AnalysedCorpus.sentences_by_ref>`:
        the same frame, taken from :meth:`scored_sentences` where every sentence asked for is
        a scored one and every column one it keeps (a text cut from the article's text), else
        read from the store. A dozen example sentences stand in a dozen row groups at 101,000
        articles, and reading them decoded every one (~40 ms)."""
        refs = list(refs)
        want = pd.DataFrame(refs, columns=["article_id", "sent_idx"])
        cols = list(dict.fromkeys(["article_id", "sent_idx", *columns]))
        have = self.corpus.sentence_store.columns
        kept = self.scored_sentences(self.rows(want["article_id"])) if refs and self.kept_labels() is not None else None
        if kept is not None and all(c in kept or c == "text" or c not in have for c in cols):
            rows = self.corpus.cut_texts(kept)
            found = want.merge(rows[[c for c in cols if c in rows]], on=["article_id", "sent_idx"], how="inner")
            if len(found) == len(want):
                return found
        return self.corpus.sentences_by_ref(refs, columns)

    @functools.cached_property
    def text_keys(self) -> np.ndarray:
        """The text's key (:data:`~tonlage.storage.sentence_store.TEXT_KEY`) of each row of
        :attr:`scored`: one for all the copies of a sentence. Read once per corpus (~64 ms for
        2.2 million sentences), never their texts."""
        store = self.corpus.sentence_store
        if store.empty:
            return np.zeros(0, dtype=np.uint64)
        keys = store.frame([TEXT_KEY], scored=True)[TEXT_KEY].to_numpy(dtype=np.uint64)
        keys.setflags(write=False)
        return keys

    def best_scores(self, sign: float) -> np.ndarray:
        """Per article row, the highest :func:`sentence_score` for ``sign`` of its scored
        sentences (-inf for an article without one). Kept per ``sign``."""
        with self._lock:
            hit = self._best.get(sign)
        if hit is not None:
            return hit
        s = self.scored
        srow = s["row"].to_numpy()
        ok = srow >= 0
        best = np.full(self.n, -np.inf)
        np.maximum.at(best, srow[ok], sentence_score(s["tone"].to_numpy()[ok], sign))
        best.setflags(write=False)
        with self._lock:
            return self._best.setdefault(sign, best)

    @functools.cached_property
    def voices(self) -> np.ndarray:
        """The voice of each row of :attr:`scored` as a number: 1 the author's, 2 quoted, 0 any
        other (a sentence of a language not analysed). Raises ValueError for an analysis
        without voice columns."""
        store = self.corpus.sentence_store
        if store.empty:
            return np.zeros(0, dtype=np.int8)
        if "voice" not in store.columns:
            raise ValueError("the analysis has no voice columns; re-run it with this engine version")
        voice = store.frame(["voice"], scored=True)["voice"]
        code = np.zeros(len(voice), dtype=np.int8)
        code[isin(voice, ["author"]).to_numpy(dtype=bool)] = 1
        code[isin(voice, ["quoted"]).to_numpy(dtype=bool)] = 2
        return code

    @functools.cached_property
    def voice_totals(self) -> tuple[np.ndarray, np.ndarray]:
        """Per article row and voice (column 0 the author's, 1 quoted): its scored sentences and
        the sum of their tones, summed in the store's order. A view's voices per article are
        then rows of these, and per period their sums over its articles (100,000 numbers at
        100,000 articles, not its 2.2 million sentences)."""
        code = self.voices
        row = self.scored["row"].to_numpy()
        ok = (code > 0) & (row >= 0)
        cell = row[ok].astype(np.int64) * 2 + (code[ok].astype(np.int64) - 1)
        n = np.bincount(cell, minlength=2 * self.n).reshape(self.n, 2)
        total = np.bincount(cell, weights=self.scored["tone"].to_numpy()[ok], minlength=2 * self.n).reshape(self.n, 2)
        n.setflags(write=False)
        total.setflags(write=False)
        return n, total

    def voice_periods(self, freq: str) -> tuple[np.ndarray, np.ndarray, pd.PeriodIndex]:
        """The periods of :func:`tonlage.voice_tone.voice_tone_by_period` as numbers, made once
        per period length and kept: for each article row its period's number (-1: undated)
        and whether it has a voiced sentence in a period (its :attr:`voice_totals` count);
        the periods in order. A view's voices per month are then sums of its articles'
        :attr:`voice_totals` (at 100,000 articles the periods and voices of 2.2 million
        sentences were worked out again for every filter)."""
        with self._lock:
            hit = self._voice_periods.get(freq)
        if hit is not None:
            return hit
        periods = pd.PeriodIndex(pd.DatetimeIndex(self.corpus.articles["date"]).to_period(freq))
        codes, found = pd.factorize(periods, sort=True)  # undated: -1
        article_period = np.asarray(codes, dtype=np.int64)
        has = (article_period >= 0) & (self.voice_totals[0].sum(axis=1) > 0)
        made = (article_period, has, pd.PeriodIndex(found))
        for array in made[:2]:
            array.setflags(write=False)
        with self._lock:
            return self._voice_periods.setdefault(freq, made)

    @functools.cached_property
    def speakers(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each row of :attr:`scored`: the number of its ``speaker_actor`` (names by number:
        the second array, "" among them) and whether it carries a quote (``quote_kind`` not "").
        Raises ValueError for an analysis without voice columns."""
        store = self.corpus.sentence_store
        if store.empty:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=object), np.zeros(0, dtype=bool)
        if "speaker_actor" not in store.columns:
            raise ValueError("the analysis has no voice columns; re-run it with this engine version")
        s = store.frame(["speaker_actor", "quote_kind"], scored=True)
        codes, names = pd.factorize(s["speaker_actor"], use_na_sentinel=False)
        quoted = ~isin(s["quote_kind"], [""]).to_numpy(dtype=bool)
        return np.asarray(codes, dtype=np.int32), np.asarray(names, dtype=object), quoted

    @functools.cached_property
    def _scored_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """(sorted keys, their positions in :attr:`scored`): a key is ``row * width + sent_idx``."""
        s = self.scored
        row, sent_idx = s["row"].to_numpy(), s["sent_idx"].to_numpy()
        key = row.astype(np.int64) * self._width + sent_idx
        order = blocks_in_order(row, sent_idx)
        if order is None:
            order = np.argsort(key, kind="stable")
        return key[order], order.astype(np.int32)

    @functools.cached_property
    def _width(self) -> int:
        s = self.scored
        return int(s["sent_idx"].max()) + 1 if len(s) else 1

    def scored_at(self, rows: np.ndarray, sent_idx: np.ndarray) -> np.ndarray:
        """For each sentence (article row, sent_idx), its position in :attr:`scored` (-1: not a
        scored sentence)."""
        keys, order = self._scored_keys
        if not len(keys) or not len(rows):
            return np.full(len(rows), -1, dtype=np.int64)
        want = np.asarray(rows, dtype=np.int64) * self._width + np.asarray(sent_idx, dtype=np.int64)
        ok = (np.asarray(rows) >= 0) & (np.asarray(sent_idx) >= 0) & (np.asarray(sent_idx) < self._width)
        at = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
        found = ok & (keys[at] == want)
        return np.where(found, order[at], -1).astype(np.int64)

    @functools.cached_property
    def mention_at(self) -> Mentions:
        """The corpus's mentions once per (article, sentence, actor), in table order, as numbers
        (:class:`Mentions`). Worked out once: matching the mentions to the sentences again for
        every view was ~0.1 s of each filter the Actors page had not seen at 100,000 articles
        (116,579 mentions: 0.09 s once)."""
        m = self.corpus.mentions
        if m.empty:
            none = np.zeros(0, dtype=np.int64)
            return Mentions(none, none, none, none, np.zeros(0, dtype=object))
        m = m[["article_id", "sent_idx", "actor"]].drop_duplicates()
        rows = positions(m["article_id"], self.corpus.articles["article_id"])
        sent_idx = m["sent_idx"].to_numpy(dtype=np.int64)
        codes, names = pd.factorize(pd.Series(m["actor"].to_numpy(dtype=object), dtype=object), sort=True)
        return Mentions(
            rows, sent_idx, self.scored_at(rows, sent_idx), np.asarray(codes, np.int64), np.asarray(names, object)
        )

    def mentioned(self, actor: str) -> pd.DataFrame:
        """The sentences naming ``actor`` once each, as ``row`` (article row), ``sent_idx`` and
        ``at`` (its place in :attr:`scored`, -1 when not scored), in first-mention order: taken
        from :attr:`mention_at` (they do not depend on the filter)."""
        m = self.mention_at
        code = int(np.searchsorted(m.names, actor)) if len(m.names) else 0
        own = m.actor == code if code < len(m.names) and m.names[code] == actor else np.zeros(len(m.actor), bool)
        return pd.DataFrame({"row": m.row[own], "sent_idx": m.sent_idx[own], "at": m.at[own]})

    @functools.cached_property
    def scored_runs(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Per article row: where its scored sentences start in :attr:`scored` and how many
        there are (0: none); None when an article's scored sentences are not one run there (the
        store is written article by article, so they are). See :meth:`scored_of_rows`."""
        srow = self.scored["row"].to_numpy()
        start, length = np.zeros(self.n, np.int64), np.zeros(self.n, np.int64)
        if not len(srow):
            return start, length
        edge = np.flatnonzero(np.diff(srow)) + 1
        firsts = np.concatenate(([0], edge))
        lengths = np.diff(np.concatenate((firsts, [len(srow)])))
        run_rows = srow[firsts]
        ok = run_rows >= 0
        if len(np.unique(run_rows[ok])) != int(ok.sum()):
            return None  # an article in two places
        start[run_rows[ok]], length[run_rows[ok]] = firsts[ok], lengths[ok]
        return start, length

    def scored_of_rows(self, rows: np.ndarray) -> np.ndarray:
        """The scored sentences (positions in :attr:`scored`) of the article rows ``rows`` (a
        mask over them), in the order of :attr:`scored`: :meth:`in_view` of the sentences'
        rows, but read from each article's run, so a few weeks of a two-year archive cost their
        own sentences, not a pass over all 2.2 million."""
        runs = self.scored_runs
        if runs is None or 2 * np.count_nonzero(rows) > len(rows):
            # most articles in view: one pass over the sentences' rows is the cheaper (at
            # 100,000 articles all of them took 6.8 ms so, 8.8 ms from the runs)
            return np.flatnonzero(self.in_view(self.scored["row"].to_numpy(), rows))
        start, length = runs[0][rows], runs[1][rows]
        have = length > 0
        start, length = start[have], length[have]
        if not len(start):
            return np.zeros(0, np.int64)
        order = np.argsort(start, kind="stable")  # the store's order, as in_view gives it
        start, length = start[order], length[order]
        ends = np.cumsum(length)
        return np.repeat(start - (ends - length), length) + np.arange(int(ends[-1]))

    def in_view(self, table_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Which rows of a long table (its article rows ``table_rows``) belong to the view ``rows``."""
        busy()  # a view is being computed: the word index's background work waits
        # One gather: the mask gets one more entry, False, where -1 (no article) lands.
        padded = np.empty(len(rows) + 1, dtype=bool)
        padded[:-1] = rows
        padded[-1] = False
        return padded[table_rows]
