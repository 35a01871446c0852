"""Which texts hold which words: an index that lets the sidebar's "Containing words"
(:mod:`tonlage.search`) read a few lists instead of every text.

At 100,000 articles a search read all 274 MB of text with a regular expression: 0.2-0.4 s for
each new query, more than the 150 ms a filter may take (issue 13). The index keeps, for each part of
the articles' texts (:class:`tonlage.storage.article_texts.TextPart`, 8,192 texts), every word
in it (a run of letters and digits, as written) and the texts it stands in. A query then looks its
words up (:func:`tonlage.search.word_patterns`: the same case rules, "ß" and "ss", edges and
``*``) and reads only the texts the words narrow it down to, where the query needs that (a
phrase, a word with a hyphen or dot). The answer is the one reading every text gives; the tests
hold the two to that.

The Overview's findings on the words then ask which scored sentences hold them
(:meth:`tonlage.corpus_index.CorpusIndex.word_sentences`), which read every text the words were found
in with Python (~1 s for "EU", in 35,000 of 100,000 articles). A second index of the same kind
over the scored sentences (:func:`sentence_index`) answers that for words alone; a phrase still
reads its articles.

A part's index is made once and kept in the analysis cache under the part's name (the digests of
its texts; a sentence index also under a name for which sentences they are, :func:`layout_name`): a workspace that grows by an add
makes one or two parts' indexes again, and a restarted server loads them. They are loaded, or
made in child processes at the lowest priority (two parts at once, :func:`at_once`), by one
background thread started when a corpus with enough text is opened (:func:`prepare`); until an
index is ready, the texts are read, as before. At 100,000 articles the indexes hold 67 MB
(texts) and 156 MB (sentences), take ~20-26 s of the children's CPU to make the first time (done
12-16 s after opening on an idle server, 20-24 s with one child) and ~0.5 s of the server's
time to load later (``bench/word_index.py``, ``bench/scale.py``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import threading
import time
import weakref
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .query import Term, matching, word_patterns

__all__ = [
    "INDEX_FORMAT",
    "MIN_INDEX_BYTES",
    "PartIndex",
    "prepare",
    "indexed",
    "ready",
    "found_in_parts",
    "found_in",
    "sentence_index",
    "Vocabulary",
    "share_words",
    "load_kept",
    "headlines_kept",
    "word_hits",
    "sentences_kept",
    "layout_name",
    "serve_child",
    "wait_idle",
    "busy",
    "wait_quiet",
    "at_once",
]

log = logging.getLogger(__name__)

#: Part of every kept index's name and its header: raise it when what an index holds changes.
INDEX_FORMAT = 2
# The first number of a kept index ("TLWI").
_MAGIC = int.from_bytes(b"TLWI", "little")
#: Corpora with less text than this are read whole (4 MB take ~5 ms to read; an index's making
#: costs ~30 ms a megabyte).
MIN_INDEX_BYTES = 4 * 1024**2
#: Indexes held in memory at once, the least recently used let go first (a part's is 4-12 MB).
HELD_BYTES = 1024**3
# What splits a text into words: anything but a letter or digit (RE2's classes, as the search's edges).
_NOT_WORD = r"[^\pL\pN]+"
#: A part whose texts an index narrows a query down to no further than this share is read whole.
READ_WHOLE = 0.3
#: The background work goes on only after this many seconds without a reader's view being
#: computed (:func:`busy`): it never makes a reader wait for the interpreter's lock.
QUIET_S = 0.5
#: The longest the background work waits for quiet before it takes its next step anyway (one
#: part's index loaded or made, mostly in the child process): a server whose readers never
#: leave it quiet for :data:`QUIET_S` (many readers at once) still gets its indexes, a step at a
#: time, instead of never.
MAX_WAIT_S = 5.0
#: Parts with less text than this are indexed in the background thread itself, larger ones in
#: its child process (starting it costs more than making a small part's index).
CHILD_FROM_BYTES = 2 * 1024**2
#: Child processes that make indexes at once (:func:`at_once`): one a core, two at most (this
#: machine's two cores; more would only queue for them). On an idle server, two halve the time
#: from a 101,000-article corpus opened with no index kept to every index ready.
CHILDREN = max(1, min(2, os.cpu_count() or 1))
#: Seconds the background thread waits before its work, so that the first page's own views are
#: begun first; from then on it waits for quiet (:data:`QUIET_S`) before each step. At 2 s, a
#: reader who searched ~1 s after the Overview of 101,000 articles was drawn found the indexes
#: still loading, and the search loaded them itself: 221-419 ms in 7 of 13 such searches in the
#: scale bench (112-172 ms in the others). At 0.5 s: 125-146 ms in 4 of 4, the Overview drawn as
#: fast (1.2-1.6 s) and its first chart as soon (0.39-0.54 s).
START_DELAY = 0.5
# Looked up one by one below this many words, else read through a mask of all postings.
_FEW_WORDS = 64


@dataclass(frozen=True, eq=False)
class PartIndex:
    """The words of one part of texts and, for each, the texts (rows of the part) holding it.

    ``words`` are the distinct words as written (an Arrow string array); the rows of word ``i``
    are ``rows[starts[i]:starts[i + 1]]``, ascending."""

    n: int  # texts in the part
    words: Any  # pyarrow.LargeStringArray
    starts: np.ndarray  # int64, len(words) + 1
    rows: np.ndarray  # uint16 (a part holds at most 65,536 texts) or uint32

    @classmethod
    def build(cls, texts) -> PartIndex:
        """The index of ``texts`` (an Arrow string array; a missing text holds no word)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        n = len(texts)
        split = pc.split_pattern_regex(texts, pattern=_NOT_WORD)
        flat = pc.list_flatten(split)
        text_of = pc.list_parent_indices(split).to_numpy()
        # A text's own start and end give empty words: they find nothing and are dropped.
        some = pc.greater(pc.binary_length(flat), 0)
        flat, text_of = flat.filter(some), text_of[some.to_numpy(zero_copy_only=False)]
        encoded = pc.dictionary_encode(flat)
        words, word_of = encoded.dictionary, encoded.indices.to_numpy()
        # Each (word, text) pair once, ordered by word then text: a sparse matrix of counts
        # (words by texts) sorts them by counting, ~0.1 s a part, where sorting the pairs as
        # numbers took ~0.3 s. Its counts are never 0, so no pair is dropped.
        from scipy import sparse

        counts = sparse.csr_matrix((np.ones(len(word_of), np.int32), (word_of, text_of)), shape=(len(words), max(n, 1)))
        starts = counts.indptr.astype(np.int64)
        dtype = np.uint16 if n <= 1 << 16 else np.uint32
        return cls(n, words.cast(pa.large_string()), starts, counts.indices.astype(dtype))

    @property
    def nbytes(self) -> int:
        return int(self.words.nbytes + self.starts.nbytes + self.rows.nbytes)

    def found(self, patterns: Sequence[str]) -> np.ndarray:
        """A mask of the part's texts holding, for every pattern, a word it matches."""
        out = np.ones(self.n, dtype=bool)
        for pattern in patterns:
            hit = word_hits(self, pattern)
            ids = np.flatnonzero(hit)
            if len(ids) <= _FEW_WORDS:
                at = [self.rows[self.starts[i] : self.starts[i + 1]] for i in ids]
                rows = np.concatenate(at) if at else np.zeros(0, self.rows.dtype)
            else:
                rows = self.rows[np.repeat(hit, np.diff(self.starts))]
            mask = np.zeros(self.n, dtype=bool)
            mask[rows] = True
            out &= mask
            if not out.any():
                break
        return out

    def to_bytes(self) -> bytes:
        """The index as bytes (:meth:`from_bytes` reads them): a header of numbers, then the
        words' offsets and characters, the starts and the rows, each at a multiple of 8 bytes,
        so that they are read in place from a memory-mapped file."""
        offsets, chars = _string_buffers(self.words)
        parts = [offsets, chars, self.starts.astype(np.int64), self.rows]
        header = np.array(
            [_MAGIC, INDEX_FORMAT, self.n, len(self.words), len(chars), len(self.rows), self.rows.dtype.itemsize],
            dtype=np.int64,
        )
        out = [header.tobytes()]
        for part in parts:
            raw = np.ascontiguousarray(part).tobytes()
            out += [raw, b"\0" * (-len(raw) % 8)]
        return b"".join(out)

    @classmethod
    def from_bytes(cls, data) -> PartIndex:
        """The index :meth:`to_bytes` wrote, read in place from ``data`` (bytes, or an Arrow buffer
        of a memory-mapped file); ValueError when it holds none of this format."""
        import pyarrow as pa

        buffer = data if isinstance(data, pa.Buffer) else pa.py_buffer(data)
        try:
            magic, fmt, n, n_words, n_chars, n_rows, size = np.frombuffer(buffer, np.int64, 7).tolist()
        except ValueError as exc:
            raise ValueError("word index cannot be read") from exc
        if magic != _MAGIC or fmt != INDEX_FORMAT or size not in (2, 4):
            raise ValueError(f"word index of another format ({fmt})")
        at = 7 * 8
        views = []
        for count, dtype in (
            (n_words + 1, np.int64),
            (n_chars, np.uint8),
            (n_words + 1, np.int64),
            (n_rows, f"u{size}"),
        ):
            length = count * np.dtype(dtype).itemsize
            if at + length > buffer.size:
                raise ValueError("word index cannot be read: cut short")
            views.append(buffer.slice(at, length))
            at += length + (-length % 8)
        offsets, chars, starts, rows = views
        words = pa.LargeStringArray.from_buffers(n_words, offsets, chars)
        starts = np.frombuffer(starts, np.int64)
        rows = np.frombuffer(rows, f"u{size}")
        try:
            words.validate(full=True)
        except pa.ArrowInvalid as exc:
            raise ValueError("word index does not hold together") from exc
        if (
            starts[0] != 0
            or starts[-1] != len(rows)
            or np.any(np.diff(starts) < 0)
            or (len(rows) and int(rows.max()) >= n)
        ):
            raise ValueError("word index does not hold together")
        return cls(n, words, starts, rows)


def _string_buffers(array) -> tuple[np.ndarray, np.ndarray]:
    """A ``large_string`` Arrow array's offsets (from 0) and characters, as NumPy views."""
    offsets, data = array.buffers()[1:3]
    offsets = np.frombuffer(offsets, np.int64, len(array) + 1, array.offset * 8)
    chars = np.frombuffer(data, np.uint8)[offsets[0] : offsets[-1]] if data is not None else np.zeros(0, np.uint8)
    return offsets - offsets[0], chars


def headlines_kept(titles) -> PartIndex:
    """The index of ``titles`` (a ``large_string`` Arrow array of every headline, in the corpus's
    order), kept in the analysis cache under a digest of them: made once (in the child process,
    ~0.4 s at 100,000 headlines), loaded in place by the next server."""
    import hashlib

    offsets, chars = _string_buffers(titles)
    digest = hashlib.blake2b(b"headlines 1", digest_size=16)
    digest.update(np.ascontiguousarray(offsets).tobytes())
    digest.update(np.ascontiguousarray(chars).tobytes())
    name = f"headline-index:{INDEX_FORMAT}:{digest.hexdigest()}"
    return _kept(name, len(titles)) or _keep(name, _making(_part_bytes, titles))


class Vocabulary:
    """The distinct words of several indexes together, and each index's words as positions in
    them: a query's pattern is matched once against these words, not once against each index's.

    A corpus's indexes share most of their words: each part's texts use the same language, and
    a part's sentence index holds the words of its text index. At 100,000 articles a query
    matched each pattern against 26 indexes' words (13 parts, texts and sentences), about half
    of the time a new search took. Made by :func:`share_words`; the patterns' matches are kept
    for the next query."""

    #: Patterns whose matches are kept (each a bool per distinct word).
    KEPT = 64

    def __init__(self, indexes: Sequence[PartIndex]):
        import pyarrow as pa
        import pyarrow.compute as pc

        words = [index.words for index in indexes] or [pa.array([], pa.large_string())]
        encoded = pc.dictionary_encode(pa.concat_arrays(words))
        self.words = encoded.dictionary
        ids = encoded.indices.to_numpy()
        ends = np.cumsum([len(index.words) for index in indexes])
        #: Each index's words as positions in :attr:`words`, in the index's order.
        self.positions = np.split(ids, ends[:-1]) if indexes else []
        self._hits: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def hits(self, pattern: str) -> np.ndarray:
        """Which of :attr:`words` ``pattern`` matches (read-only, kept)."""
        import pyarrow.compute as pc

        with self._lock:
            hit = self._hits.get(pattern)
            if hit is not None:
                self._hits.move_to_end(pattern)
                return hit
        hit = pc.match_substring_regex(self.words, pattern=pattern).to_numpy(zero_copy_only=False)
        hit.setflags(write=False)
        with self._lock:
            self._hits[pattern] = hit
            if len(self._hits) > self.KEPT:
                self._hits.popitem(last=False)
        return hit


# Each index's Vocabulary and its words' positions there (share_words); an index let go of
# leaves it by itself.
_SHARED: weakref.WeakKeyDictionary[PartIndex, tuple[Vocabulary, np.ndarray]] = weakref.WeakKeyDictionary()


def share_words(indexes: Sequence[PartIndex | None]) -> Vocabulary:
    """One :class:`Vocabulary` for ``indexes`` (those that are None left out), through which
    their lookups match each pattern once from now on (:func:`word_hits`)."""
    held = [index for index in indexes if index is not None]
    vocabulary = Vocabulary(held)
    with _LOCK:
        for index, positions in zip(held, vocabulary.positions, strict=True):
            _SHARED[index] = (vocabulary, positions)
    return vocabulary


def word_hits(index: PartIndex, pattern: str) -> np.ndarray:
    """Which of ``index``'s words ``pattern`` matches: through the vocabulary it shares with
    the corpus's other indexes (:func:`share_words`), else matched against its own words."""
    shared = _SHARED.get(index)
    if shared is not None:
        vocabulary, positions = shared
        return vocabulary.hits(pattern)[positions]
    import pyarrow.compute as pc

    return pc.match_substring_regex(index.words, pattern=pattern).to_numpy(zero_copy_only=False)


def sentence_index(texts, text_at: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> PartIndex:
    """The index of sentences of one part's ``texts`` (an Arrow string array): sentence ``i`` is
    the characters ``starts[i]:ends[i]`` of text ``text_at[i]``; its rows are the sentences'
    numbers in that order. Kept like a part's, under a name made of the part's and of which
    sentences they are (:func:`sentences_kept`)."""
    import pyarrow as pa

    values = texts.to_pylist()
    cut = [(values[t] or "")[a:b] for t, a, b in zip(text_at.tolist(), starts.tolist(), ends.tolist(), strict=True)]
    return PartIndex.build(pa.array(cut, pa.large_string()))


def sentences_kept(
    part,
    layout: str,
    text_at: np.ndarray,
    spans: Callable[[], tuple[np.ndarray, np.ndarray]],
    cache=None,
    *,
    make: bool = True,
) -> PartIndex | None:
    """:func:`sentence_index` of ``part``'s sentences, loaded from the analysis cache where an
    earlier process kept it, else made (``spans()``: their start and end offsets, read only
    then) and kept there. ``layout`` names which sentences of which texts these are (the
    caller's digest: the same name, the same sentences); ``cache``: the analysis cache opened
    once for many parts (:func:`tonlage.storage.disk_cache.kept_cache`); ``make=False``: None
    where none is kept."""
    name = f"sentence-index:{INDEX_FORMAT}:{part.key}:{layout}"

    def made() -> bytes:
        starts, ends = spans()
        return _making(_sentence_bytes, part.array, text_at, starts, ends)

    kept = _kept(name, len(text_at), cache)
    if kept is not None or not make:
        return kept
    return _keep(name, made(), cache)


def layout_name(*numbers) -> str:
    """A name for the sentences of one part given by ``numbers`` (arrays of integers), for
    :func:`sentences_kept`."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for values in numbers:
        if isinstance(values, str):
            digest.update(values.encode())
        else:
            values = np.asarray(values)
            small = len(values) == 0 or (values.min() >= -(2**31) and values.max() < 2**31)
            digest.update(np.ascontiguousarray(values, dtype=np.int32 if small else np.int64).tobytes())
        digest.update(b"|")
    return digest.hexdigest()


def found_in(index: PartIndex, plans: Sequence[tuple[tuple[str, ...], bool]]) -> np.ndarray:
    """The rows of ``index`` holding any of the terms whose :func:`~tonlage.search.word_patterns`
    are ``plans``, all of them answered by the index alone (``exact``); ValueError otherwise."""
    if not all(exact for _, exact in plans):
        raise ValueError("a term the index does not answer alone")
    return _found(index, plans)[0]


def found_in_parts(parts: Sequence, terms: Sequence[Term], pattern: str) -> np.ndarray:
    """Which texts of ``parts`` (:class:`~tonlage.storage.article_texts.TextPart`, one after the
    other) hold any of ``terms`` (``pattern``: :func:`tonlage.search.words_pattern` of them), as
    one boolean array: through the part's index where it is ready, else reading the part whole.
    The same answer either way. The texts to read (of parts without an index, and those an
    index narrows a phrase down to) are read together, two at a time."""
    import pyarrow as pa

    load_kept(parts)
    plans = [word_patterns(t) for t in terms]
    out: list[np.ndarray] = []
    reads: list[tuple[int, np.ndarray | None]] = []  # (part, its texts to read; None: all)
    arrays = []
    for k, part in enumerate(parts):
        index = ready(part.key)
        if index is None or index.n != len(part):
            out.append(np.zeros(len(part), dtype=bool))
            reads.append((k, None))
            arrays.append(part.array)
            continue
        sure, maybe = _found(index, plans)
        out.append(sure)
        if maybe.any():
            # Most texts of the part (a phrase of common words, "in der"): read it whole, which
            # costs less than copying most of it out first.
            at = None if maybe.mean() > READ_WHOLE else np.flatnonzero(maybe)
            reads.append((k, at))
            arrays.append(part.array if at is None else part.array.take(pa.array(at)))
    if arrays:
        read = np.split(matching(arrays, pattern), np.cumsum([len(a) for a in arrays])[:-1])
        for (k, at), found in zip(reads, read, strict=True):
            if at is None:
                out[k] |= found
            else:
                out[k][at[found]] = True
    return np.concatenate(out) if out else np.zeros(0, dtype=bool)


def load_kept(parts: Sequence) -> None:
    """Load now, from the analysis cache, the indexes of ``parts`` that the background thread
    has yet to load (a search right after a corpus opened, while the thread waits for quiet:
    13 parts read in place in ~30 ms at 100,000 articles, where reading their texts took
    ~0.3 s); those not kept are left for it to make."""
    with _LOCK:
        waiting = {p.key for p in _WANTED}
        todo = [p for p in parts if p.key in waiting and p.key not in _HELD and p.key not in _NOT_KEPT]
    if not todo:
        return
    from ..storage.disk_cache import kept_cache

    with kept_cache() as cache:
        for part in todo:
            index = _kept(f"word-index:{INDEX_FORMAT}:{part.key}", len(part), cache)
            if index is None:
                with _LOCK:
                    _NOT_KEPT.add(part.key)
            else:
                _hold(part.key, index)


def _found(index: PartIndex, plans: Sequence[tuple[tuple[str, ...], bool]]) -> tuple[np.ndarray, np.ndarray]:
    """The texts of one part that hold a term the index answers (``exact``), and those that may
    hold one of the others (to be read)."""
    sure = np.zeros(index.n, dtype=bool)
    maybe = np.zeros(index.n, dtype=bool)
    for patterns, exact in plans:
        if exact:
            sure |= index.found(patterns)
        else:
            maybe |= index.found(patterns)
    return sure, maybe & ~sure


# The indexes this process holds, by part name (least recently used first), and the parts
# waiting for the background thread.
_HELD: OrderedDict[str, PartIndex] = OrderedDict()
_WANTED: deque = deque()
_AFTER: list[Callable[[], object]] = []
# Parts whose index load_kept did not find in the cache (the background thread makes them).
_NOT_KEPT: set[str] = set()
_LOCK = threading.Lock()
_THREAD: list[threading.Thread] = []


# When a reader's view was last computed (time.monotonic), see busy().
_LAST_BUSY = [float("-inf")]


def busy() -> None:
    """Say that a reader's view is being computed now (the app's filters and views call it):
    the background work waits until the server has been quiet for :data:`QUIET_S`. Without it,
    loading the indexes 2 s after a 101,000-article corpus opened slowed the first filters
    after the opening from ~140 to 160-230 ms."""
    _LAST_BUSY[0] = time.monotonic()


def wait_quiet() -> None:
    """Wait until no view has been computed for :data:`QUIET_S`, or for :data:`MAX_WAIT_S` at
    most (the background thread, between its steps)."""
    give_up = time.monotonic() + MAX_WAIT_S
    while (left := min(_LAST_BUSY[0] + QUIET_S, give_up) - time.monotonic()) > 0:
        time.sleep(left)


def ready(key: str) -> PartIndex | None:
    """The index of the part named ``key`` if this process holds it (made or loaded), else None."""
    with _LOCK:
        index = _HELD.get(key)
        if index is not None:
            _HELD.move_to_end(key)
        return index


def indexed(parts: Sequence, min_bytes: int | None = None) -> bool:
    """Whether ``parts`` hold enough text together for word indexes (``min_bytes``, by default
    :data:`MIN_INDEX_BYTES`); less is read whole."""
    return sum(p.array.nbytes for p in parts) >= (MIN_INDEX_BYTES if min_bytes is None else min_bytes)


def prepare(parts: Sequence, *, min_bytes: int = MIN_INDEX_BYTES, after: Callable[[], object] | None = None) -> bool:
    """Have the indexes of ``parts`` made or loaded in the background, if they hold at least
    ``min_bytes`` of text together, then call ``after`` (more work a first search needs, done
    in the same thread); whether it was asked for. Returns at once."""
    if not indexed(parts, min_bytes):
        return False
    with _LOCK:
        queued = {p.key for p in _WANTED}
        _WANTED.extend(p for p in parts if p.key not in _HELD and p.key not in queued)
        if after is not None:
            _AFTER.append(after)
        if not _THREAD:  # (a thread that found nothing left has cleared it, under this lock)
            _THREAD.append(threading.Thread(target=_work, name="tonlage-word-index", daemon=True))
            _THREAD[0].start()
    return True


def wait_idle(timeout: float | None = None) -> bool:
    """Wait until the background thread has nothing left to do (tests, benches); whether it has."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        with _LOCK:
            thread = _THREAD[0] if _THREAD else None
        if thread is None:
            return True
        thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            return False


def _work() -> None:
    """The background thread: each wanted part's index loaded from the cache or made (and kept
    there), then the work asked for after them."""
    try:
        _each_wanted()
    finally:  # however it ends, its child stops, and work asked for later starts a new thread
        _stop_children()
        with _LOCK:
            if _THREAD and _THREAD[0] is threading.current_thread():
                _THREAD.clear()


def _each_wanted() -> None:
    from ..storage.disk_cache import kept_cache

    time.sleep(START_DELAY)
    began, counts = time.perf_counter(), {"loaded": 0, "made": 0}

    def load_or_make(part, cache) -> None:
        with _LOCK:
            # Taken from the queue only now that its step begins: until then a reader's search
            # loads its kept index itself (load_kept reads the queue) instead of reading texts.
            for i, waiting in enumerate(_WANTED):
                if waiting is part:
                    del _WANTED[i]
                    break
            if part.key in _HELD:  # loaded for a reader meanwhile (load_kept)
                return
        try:
            name = f"word-index:{INDEX_FORMAT}:{part.key}"
            index = _kept(name, len(part), cache)
            with _LOCK:  # (two parts at once)
                counts["loaded" if index is not None else "made"] += 1
            _hold(part.key, index or _keep(name, _making(_part_bytes, part.array), cache))
        except Exception:  # a search reads the part whole instead; nothing else is lost
            log.warning("word index: background work failed", exc_info=True)

    with kept_cache() as cache:  # opened once for every part (~4 ms each time)
        while True:
            with _LOCK:
                parts = list(_WANTED)  # (each leaves the queue when its step begins)
            if parts:  # each part's index, up to CHILDREN at once
                at_once(lambda part: load_or_make(part, cache), parts)
                continue
            wait_quiet()
            with _LOCK:
                if _WANTED:  # asked for while the last ones were made
                    continue
                if not _AFTER:  # done: work asked for from now on starts a new thread (prepare)
                    _THREAD.clear()
                    break
                call = _AFTER.pop(0)
            try:
                call()
            except Exception:  # a search reads the texts instead; nothing else is lost
                log.warning("word index: background work failed", exc_info=True)
    log.info(
        "word index: %d parts loaded, %d made, then the work after them, in %.1f s",
        counts["loaded"],
        counts["made"],
        time.perf_counter() - began,
    )


def at_once(fn: Callable[[Any], Any], items: Sequence) -> list:
    """``fn(item)`` for each of ``items``, up to :data:`CHILDREN` at once on threads of their own
    (the background thread's steps: each makes its index in a child process of its own,
    :func:`_making`), each begun once the server has been quiet (:func:`wait_quiet`); their
    answers in the order of ``items``. A step that fails does not stop the others: the error
    of the first that failed, in the order of ``items``, is raised once all are done."""
    from concurrent.futures import ThreadPoolExecutor

    free = threading.Semaphore(CHILDREN)
    with ThreadPoolExecutor(CHILDREN, thread_name_prefix="tonlage-word-index") as pool:
        futures = []
        for item in items:
            free.acquire()
            wait_quiet()
            future = pool.submit(fn, item)
            future.add_done_callback(lambda _: free.release())
            futures.append(future)
        return [future.result() for future in futures]


def _kept(name: str, n: int, cache=None) -> PartIndex | None:
    """The index kept under ``name`` if it is whole and indexes ``n`` texts (or sentences), else
    None (not kept, damaged, or of other texts: made again)."""
    from ..storage.disk_cache import kept_buffer

    data = kept_buffer(name, cache)
    if data is None:
        return None
    try:
        index = PartIndex.from_bytes(data)
    except ValueError:
        log.warning("word index %s could not be read; making it again", name, exc_info=True)
        return None
    return index if index.n == n else None


def _keep(name: str, data: bytes, cache=None) -> PartIndex:
    """The index made as ``data``, kept under ``name``."""
    from ..storage.disk_cache import keep_bytes

    keep_bytes(name, data, cache)
    return PartIndex.from_bytes(data)


def _part_bytes(texts) -> bytes:
    return PartIndex.build(texts).to_bytes()


def _sentence_bytes(texts, text_at: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bytes:
    return sentence_index(texts, text_at, starts, ends).to_bytes()


def _making(fn: Callable[..., bytes], texts, *args) -> bytes:
    """``fn(texts, *args)``: in a child process of the background work (:func:`_child`) when the
    texts are large enough to be worth it, else here."""
    if texts.nbytes < CHILD_FROM_BYTES:
        return fn(texts, *args)
    child = _child()
    try:
        pickle.dump((fn.__name__, texts, args), child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        child.stdin.flush()
        answer = pickle.load(child.stdout)
    except (OSError, EOFError, pickle.UnpicklingError):  # the child is gone: the next part starts another
        _end_child(child)
        raise
    with _LOCK:
        _IDLE.append(child)  # for the next part
    if isinstance(answer, BaseException):
        raise answer
    return answer


# The child processes of the background work while it lasts, and those of them not making an
# index now (see _child).
_CHILD: list[Any] = []
_IDLE: list[Any] = []
# What the child runs: its priority lowered before it imports anything.
_CHILD_MAIN = "import os\nif hasattr(os, 'nice'):\n    os.nice(19)\nfrom tonlage.search.word_index import serve_child\nserve_child()\n"
# What the child may be asked to make, by name.
_MAKERS = ("_part_bytes", "_sentence_bytes")


def _child():
    """A Python process that makes indexes at the lowest priority, for one index at a time: one
    left idle by an earlier part, else one started now (:func:`at_once` runs up to
    :data:`CHILDREN` parts at once, so as many are started), stopped when the background work
    is done (:func:`_stop_children`).

    Made in the server's process, an index held the interpreter's lock for its Python parts
    while a low priority kept the system from running it (the server's readers waited), and
    made at the readers' priority it took their CPU. A worker of the analysis's pool
    (:mod:`tonlage.analysis.workers`) would first start its forkserver, which imports the
    whole engine at full priority (several seconds of CPU while readers wait); this process
    imports numpy, pyarrow and scipy.sparse alone, at the lowest priority. It ends when its
    input closes: when the work is done, or when the server is gone."""
    with _LOCK:
        if _IDLE:
            return _IDLE.pop()
    import subprocess

    child = subprocess.Popen(_child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=_child_env())
    with _LOCK:
        _CHILD.append(child)
    return child


def _child_command() -> list[str]:
    import sys

    return [sys.executable, "-c", _CHILD_MAIN]


def _child_env() -> dict[str, str]:
    """The environment of the child process: this one's, with this checkout first on the path."""
    from pathlib import Path

    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def serve_child() -> None:
    """The child's loop (:func:`_child`): a maker's name and arguments in, its bytes (or the
    exception it raised) out, pickled, until the input closes."""
    import sys

    given, out = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            name, texts, args = pickle.load(given)
        except EOFError:
            return
        try:
            if name not in _MAKERS:
                raise ValueError(f"no maker {name!r}")
            answer: object = globals()[name](texts, *args)
        except Exception as exc:  # told to the parent, which logs it and reads the texts instead
            answer = RuntimeError(f"{type(exc).__name__}: {exc}")
        try:
            pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
        except OSError:  # the parent is gone (a server stopped while a part was made): end quietly
            return


def _stop_children() -> None:
    """Stop every child process of the background work (it is done: none is making an index)."""
    with _LOCK:
        children = list(_CHILD)
    for child in children:
        _end_child(child)


def _end_child(child) -> None:
    with _LOCK:
        if child in _CHILD:
            _CHILD.remove(child)
        if child in _IDLE:
            _IDLE.remove(child)
    with contextlib.suppress(OSError):
        child.stdin.close()
    try:
        child.wait(timeout=30)
    except Exception:  # stuck: ended
        child.kill()
        child.wait()
    with contextlib.suppress(OSError):
        child.stdout.close()


def _hold(key: str, index: PartIndex) -> None:
    with _LOCK:
        _HELD[key] = index
        held = sum(i.nbytes for i in _HELD.values())
        while held > HELD_BYTES and len(_HELD) > 1:
            _, gone = _HELD.popitem(last=False)
            held -= gone.nbytes


def forget() -> None:
    """Let go of every index this process holds and of the waiting work (tests)."""
    with _LOCK:
        _HELD.clear()
        _SHARED.clear()
        _NOT_KEPT.clear()
        _WANTED.clear()
        _AFTER.clear()
