"""Table helpers that stay fast at 100,000 articles.

:func:`isin` is ``Series.isin`` for the id columns. With pandas 3 the text columns are Arrow
strings, and ``Series.isin`` on them turns every wanted value into a pyarrow scalar one by one:
0.1 s for each 100,000 ids asked for, and the Overview asks a dozen times per filter change (at
100,000 articles the isin calls were 5.5 of the 15 s three filter changes took, bench/scale.py).
Here the wanted values become one Arrow array and ``pyarrow.compute.is_in`` does the lookup.
:func:`positions` is the same for ``keys.map(table)`` (an article's tone for each of the 2.5
million article-theme rows: 0.57 s with ``map``, 0.02 s here). The others pick the first or
strongest rows of each text or key in numbers, for :class:`tonlage.corpus_index.CorpusIndex`
and the views built on it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .storage.sentence_store import TEXT_KEY, text_keys

__all__ = [
    "distinct_per_key",
    "source_numbers",
    "isin",
    "positions",
    "row_text_keys",
    "first_of_each_text",
    "at_or_beyond_kth_text",
    "blocks_in_order",
    "at_or_above_kth",
    "sentence_score",
]

# Up to this many (key, row) pairs distinct_per_key counts with one flag each (bytes of memory).
_PAIR_FLAGS = 64_000_000


def distinct_per_key(keys: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """For each key 0 … ``k`` - 1, how many distinct ``rows`` (numbers from -1, e.g. article
    rows) it comes with: an actor's articles among its mentions. A flag per (key, row) pair
    while they fit in :data:`_PAIR_FLAGS` bytes, else the pairs sorted (np.unique over half a
    million mentions took ~25 ms at 100,000 articles; the flags a few)."""
    width = int(rows.max(initial=0)) + 2  # rows from -1: each (key, row) pair one number
    pair = keys.astype(np.int64) * width + (rows.astype(np.int64) + 1)
    if k * width <= _PAIR_FLAGS:
        flags = np.zeros(k * width, dtype=bool)
        flags[pair] = True
        return flags.reshape(k, width).sum(axis=1)
    return np.bincount(np.unique(pair) // width, minlength=k)


def source_numbers(sources) -> tuple[np.ndarray, np.ndarray]:
    """Each value's outlet as a number (-1 where it names none: missing, empty or blank) and the
    outlets' names by number, trimmed: the one reading of a ``source`` column that the filter,
    the charts and the findings share."""
    named = pd.Series(sources, dtype=object).fillna("").astype(str).str.strip()
    codes, names = pd.factorize(named.where(named != "", None), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(pd.Index(names).astype(str), dtype=object)


def isin(values: pd.Series, wanted: Iterable) -> pd.Series:
    """``values.isin(wanted)``: a boolean Series on ``values``' index, True where the value is
    one of ``wanted`` (a missing value only when a missing value is wanted). Same result as
    pandas, fast for Arrow text."""
    array = values.array
    if not hasattr(array, "__arrow_array__") or not pd.api.types.is_string_dtype(values.dtype):
        return values.isin(wanted if isinstance(wanted, (pd.Series, pd.Index, np.ndarray, list)) else list(wanted))
    import pyarrow as pa
    import pyarrow.compute as pc

    have = pa.array(array)
    if isinstance(wanted, (pd.Series, pd.Index)) and hasattr(wanted.array, "__arrow_array__"):
        value_set = pa.array(wanted.array)
    else:
        wanted = wanted if isinstance(wanted, (list, tuple)) else list(wanted)
        try:  # text and missing values, in one call
            value_set = pa.array(wanted, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            value_set = None
        if value_set is None or not (pa.types.is_string(value_set.type) or pa.types.is_large_string(value_set.type)):
            # other values never equal text; missing ones match missing ones
            texts = [w if isinstance(w, str) else None for w in wanted if isinstance(w, str) or _missing(w)]
            value_set = pa.array(texts, type=pa.large_string())
    value_set = value_set.cast(have.type)
    hit = pc.is_in(have, value_set=value_set).to_numpy(zero_copy_only=False)
    return pd.Series(np.asarray(hit, dtype=bool), index=values.index, name=values.name)


def positions(keys: pd.Series, among: pd.Series) -> np.ndarray:
    """For each of ``keys``, the position of its first equal value in ``among`` (-1 when it is
    not there or missing): ``among.iloc[positions(...)]`` looks the keys up, as ``map`` would."""
    kind = pd.api.types.is_string_dtype
    if (
        kind(keys.dtype)
        and kind(among.dtype)
        and hasattr(keys.array, "__arrow_array__")
        and hasattr(among.array, "__arrow_array__")
    ):
        import pyarrow as pa
        import pyarrow.compute as pc

        have = pa.array(keys.array)
        found = pc.index_in(have, value_set=pa.array(among.array).cast(have.type), skip_nulls=True)
        return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    first = pd.Series(np.arange(len(among)), index=pd.Index(among)).groupby(level=0).min()
    found = pd.Index(first.index).get_indexer(pd.Index(keys))
    return np.where(found >= 0, first.to_numpy()[found], -1).astype(np.int64)


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # an array-like value is not a missing one
        return False


def row_text_keys(rows: pd.DataFrame) -> np.ndarray:
    """The text key of each of ``rows`` (sentences): their
    :data:`~tonlage.storage.sentence_store.TEXT_KEY` column where they have it, else made from
    their ``text``; a row without either gets a key of its own."""
    if TEXT_KEY in rows:
        return rows[TEXT_KEY].to_numpy(dtype=np.uint64)
    own = np.uint64(1 << 63) | np.arange(len(rows), dtype=np.uint64)
    if "text" not in rows or not len(rows):
        return own
    return np.where(rows["text"].isna().to_numpy(), own, text_keys(rows["text"]))


def first_of_each_text(rows: pd.DataFrame, n: int) -> pd.DataFrame:
    """The first ``n`` rows of ``rows`` (sentences in the order to show them, with ``tone``)
    whose text (:func:`row_text_keys`) has not come before, each with ``copies``: how many other
    rows have its text and tone (the same sentence printed again, as agency copy is)."""
    if rows.empty:
        return rows.assign(copies=pd.Series(dtype="int64", index=rows.index))
    key = pd.Series(row_text_keys(rows), index=rows.index)
    copies = rows["tone"].groupby([key, rows["tone"]], sort=False).transform("size").astype("int64") - 1
    first = ~key.duplicated()
    return rows.assign(copies=copies)[first.to_numpy()].head(n)


def at_or_beyond_kth_text(score: np.ndarray, keys: np.ndarray, k: int) -> np.ndarray:
    """Positions of the scores at or above the score where, read from the highest down, the
    ``k``-th different text (``keys``: each score's text key) comes first, ties included, in
    order: those among which the ``k`` strongest different sentences are, whatever the order
    of the ties. All of them when there are ``k`` different texts or fewer. Copies of one
    sentence count once; only the strongest few are sorted, more only as copies require."""
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    m = k
    while True:
        pick = at_or_above_kth(score, m) if len(score) > m else np.arange(len(score))
        order = pick[np.argsort(-score[pick], kind="stable")]
        _, first = np.unique(keys[order], return_index=True)
        if len(first) >= k:
            return np.flatnonzero(score >= score[order[np.sort(first)[k - 1]]])
        if len(pick) == len(score):
            return np.arange(len(score))
        m *= 4


def blocks_in_order(row: np.ndarray, sent_idx: np.ndarray) -> np.ndarray | None:
    """The order that sorts sentences by (``row``, ``sent_idx``) when each article's sentences
    are one run, in sentence order, as the sentence store keeps them: the runs are put in order
    (one per article, 100,000 at 100,000 articles) instead of sorting every sentence (2.2 million:
    ~0.25 s). None when they are not so (an article in two runs, sentences out of order, or
    several articles outside the corpus, row -1): the caller then sorts the sentences.
    """
    n = len(row)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.not_equal(row[1:], row[:-1], out=new[1:])
    if not (new[1:] | (sent_idx[1:] > sent_idx[:-1])).all():
        return None
    starts = np.flatnonzero(new)
    lengths = np.diff(starts, append=n)
    by_row = np.argsort(row[starts], kind="stable")
    ordered = row[starts][by_row]
    if (ordered[1:] == ordered[:-1]).any():
        return None
    # position i of the result: its run's start plus its place within the run
    run_starts, run_lengths = starts[by_row], lengths[by_row]
    shift = run_starts - (np.cumsum(run_lengths) - run_lengths)
    return np.arange(n, dtype=np.int64) + np.repeat(shift, run_lengths)


def at_or_above_kth(score: np.ndarray, k: int) -> np.ndarray:
    """Positions of the scores at or above the ``k``-th largest (ties included), in order.

    The k-th largest of every 8th score is at most the k-th largest of all, so only the scores
    at or above it (about 8 k) are partitioned: no copy of the view's million scores (a fresh
    13 MB array cost 10 ms on the loaded machine, more than the partition itself)."""
    n = len(score)
    step = 8 if n // 8 >= k else 1
    sample = score[::step]
    low = np.partition(sample, len(sample) - k)[len(sample) - k]
    cand = np.flatnonzero(score >= low)
    part = score[cand]
    kth = np.partition(part, len(part) - k)[len(part) - k]
    return cand[part >= kth]


def sentence_score(tone: np.ndarray, sign: float) -> np.ndarray:
    """How strongly sentences of tone ``tone`` speak for a direction: ``tone * sign`` (``sign``
    1.0 positive, -1.0 negative), or ``|tone|`` for ``sign`` 0 (strong either way)."""
    return tone * sign if sign else np.abs(tone)
