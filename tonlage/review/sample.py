"""Which sentences a reader is asked to check, and in what order.

The queue is a seeded, stratified sample of the corpus's scored sentences: the strata are the
scorer's label (negative, neutral, positive) crossed with the month of the article. Every stratum
gets the same number of sentences, in rounds: the first sentences of the queue cover every
stratum once before any gets a second. So thirty checks already see all three labels in every
month, polar sentences (rare in news) are checked often enough to measure them, and a reader
can stop at any point.

Because the sample over-represents small strata, :func:`stratum_weights` gives each checked
sentence the number of corpus sentences it stands for; the agreement report uses them for its
estimate of agreement on the corpus as a whole.

A sentence's place in the queue comes from a seeded hash of its article and number, not from
the table's order: the same corpus and seed give the same queue on every run, and adding
articles leaves the order of the sentences already there unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..frames import isin, positions
from .notes import LABELS

__all__ = ["check_queue", "corpus_check_queue", "next_to_check", "stratum_weights", "MIN_WORDS", "SEED", "QUEUE_FORMAT"]

# Shorter sentences (datelines, captions, "Mehr dazu.") carry too little to judge.
MIN_WORDS = 5
SEED = 0
#: The version of the queue :func:`corpus_check_queue` keeps in the analysis cache: raise it
#: when the queue's order or columns change, so that none kept before is read.
QUEUE_FORMAT = 1


def _eligible(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Scored sentences of at least :data:`MIN_WORDS` words in first copies of a story, with
    their stratum: ``article_id`` and ``stratum`` as categories (numbers into their few
    distinct values), ``sent_idx``.

    At 100,000 articles the queue holds 2.2 million sentences: merged with the articles on
    their ids as text, each stratum written out as text and the two text columns reordered,
    they were most of the Check page's first visit (~2.5 s of its 3.5-4.5 s). The articles are
    now looked up by position and the strata numbered, so only numbers are copied; the values
    are the same, and the queue's order too (its hashes are those of the values)."""
    first = articles.loc[articles["duplicate_of"].fillna("") == "", ["article_id", "date"]]
    ids = first["article_id"]
    # Each article's month as a number (year * 12 + month; -1 undated), numbered in the order
    # first seen, and only those few written out: the same numbers and texts as the months
    # written per article and numbered (100,000 dates formatted took ~0.1 s), or per sentence
    # (2.2 million, most of the queue's 9 s once).
    date = first["date"]
    month_numbers = np.where(
        date.isna().to_numpy(),
        -1,
        date.dt.year.fillna(0).to_numpy("int64") * 12 + date.dt.month.fillna(1).to_numpy("int64") - 1,
    )
    month_codes, seen = pd.factorize(month_numbers)
    months = pd.Index([f"{m // 12:04d}-{m % 12 + 1:02d}" if m >= 0 else "undated" for m in seen])
    eligible = (sentences["tone_label"].isin(LABELS) & (sentences["n_words"] >= MIN_WORDS)).to_numpy(dtype=bool)
    at = positions(sentences["article_id"], ids)  # -1: not a first copy (as an inner merge)
    keep = eligible & (at >= 0)
    at = at[keep]
    # The scorer's own label where a reader's correction changed tone_label: numbered over the
    # whole column (no copy of 2.2 million texts), then taken for the kept rows; the strata are
    # numbered below by first sight among those, as if the labels had been numbered there.
    label = sentences["scorer_label"] if "scorer_label" in sentences else sentences["tone_label"]
    all_codes, labels = pd.factorize(label.astype(str))
    label_codes = all_codes[keep]
    pair_codes, pairs = pd.factorize(np.asarray(label_codes, dtype=np.int64) * len(months) + month_codes[at])
    names = [f"{labels[p // len(months)]}|{months[p % len(months)]}" for p in pairs]
    text = sentences["article_id"].dtype
    stratum = pd.Categorical.from_codes(pair_codes, categories=pd.Index(names, dtype=text))
    if ids.is_unique:  # (categories without a name: as a table kept on disk reads them back)
        article_id = pd.Categorical.from_codes(at, categories=pd.Index(ids.to_numpy(), dtype=text))
    else:  # a repeated id cannot be a category: its text, as it was
        article_id = pd.Series(ids.to_numpy()[at], dtype=text)
    return pd.DataFrame(
        {
            "article_id": article_id,
            "sent_idx": sentences["sent_idx"].to_numpy()[keep],
            "stratum": stratum,
        }
    )


def _hash_key(seed: int) -> str:
    # pandas wants a 16-character key for its hash
    return f"tonlage{int(seed):09d}"[-16:].rjust(16, "0")


def check_queue(sentences: pd.DataFrame, articles: pd.DataFrame, *, seed: int = SEED) -> pd.DataFrame:
    """The order in which to offer the corpus's sentences for checking.

    Args:
        sentences: The analysis' sentence table (``article_id``, ``sent_idx``, ``tone_label``,
            ``n_words``; ``scorer_label`` when corrections were applied).
        articles: The article table (``article_id``, ``date``, ``duplicate_of``).
        seed: Another seed gives another sample.

    Returns:
        ``article_id``, ``sent_idx``, ``stratum`` and ``rank`` (0 = first to offer), sorted by
        rank; empty when no sentence qualifies.
    """
    s = _eligible(sentences, articles)
    if s.empty:
        return s.assign(rank=pd.Series(dtype="int64"))[["article_id", "sent_idx", "stratum", "rank"]]
    h = pd.util.hash_pandas_object(s[["article_id", "sent_idx"]], index=False, hash_key=_hash_key(seed)).to_numpy()
    # Rounds: the k-th sentence of every stratum comes before the (k+1)-th of any; within a
    # round the strata take turns in a seeded order (by the hash of the stratum's name). Sorted
    # as arrays of numbers (the strata as codes, each name hashed once): grouping, ranking and
    # sorting the table itself took ~4 s at 100,000 articles, for the same order.
    codes, names = pd.factorize(s["stratum"])
    n, n_strata = len(s), len(names)
    by_hash = np.argsort(h)
    if (np.diff(h[by_hash]) == 0).any():  # two sentences with one hash: ties kept in place
        by_hash = np.argsort(h, kind="stable")
    # then by stratum, stably (a radix sort on the small codes): within a stratum by hash
    small = codes.astype(np.int16) if n_strata < 2**15 else codes
    by_stratum = by_hash[np.argsort(small[by_hash], kind="stable")]
    sizes = np.bincount(codes, minlength=n_strata)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    turns = pd.util.hash_pandas_object(pd.Series(names), index=False, hash_key=_hash_key(seed + 1)).to_numpy()
    if len(np.unique(turns)) == n_strata:
        order = _rounds_in_turn(by_stratum, sizes, starts, np.argsort(np.argsort(turns)))
    else:  # two strata's names with one hash: their sentences by hash within a round
        rounds = np.empty(n, dtype="int64")
        rounds[by_stratum] = np.arange(n) - np.repeat(starts, sizes)
        order = np.lexsort((h, turns[codes], rounds))
    out = s.take(order).reset_index(drop=True)
    out["rank"] = np.arange(n, dtype="int64")
    return out


def corpus_check_queue(corpus, *, seed: int = SEED) -> pd.DataFrame:
    """:func:`check_queue` of an analysed corpus (its scored sentences and articles), kept in the
    analysis cache under the sentences' content (:meth:`SentenceStore.content_key`), the
    articles' dates and copies and ``seed``: a server started later reads it (~0.05 s at
    100,000 articles) instead of reading every sentence and ordering them (~1 s, the Check
    page's first visit). A store in memory names no content: its queue is made each time."""
    from ..storage.disk_cache import keep_frame, kept_frame

    store = corpus.sentence_store
    content = store.content_key()  # (not a corrected store's: a patch changes the labels, not the name)
    name = None if content is None or store.patch is not None else _queue_name(content, corpus.articles, seed)
    if name is not None:
        kept = kept_frame(name)
        if kept is not None:
            return kept
    cols = ["article_id", "sent_idx", "tone_label", "n_words", "scorer_label"]  # never the text or evidence
    queue = check_queue(store.frame(cols), corpus.articles, seed=seed)
    if name is not None:
        keep_frame(name, queue)
    return queue


def _queue_name(content: str, articles: pd.DataFrame, seed: int) -> str:
    """The cache's name for the queue of the sentences named ``content`` in ``articles``."""
    from ..storage.store import derived_name

    what = articles[["article_id", "date", "duplicate_of"]]
    dates_and_copies = pd.util.hash_pandas_object(what, index=False).to_numpy().tobytes()
    return derived_name("check-queue", QUEUE_FORMAT, seed, content, dates_and_copies)


def _rounds_in_turn(by_stratum: np.ndarray, sizes: np.ndarray, starts: np.ndarray, turn_rank: np.ndarray) -> np.ndarray:
    """The queue's order (the sentences' numbers, first to offer first) when each stratum has a
    turn of its own: round by round, each stratum's next sentence in the order of the strata's
    turns. ``by_stratum``: the sentences by stratum (blocks of ``sizes`` from ``starts``), each
    block in its own order; ``turn_rank``: each stratum's place in a round.

    A sentence's place is worked out, not sorted for: the sentences of the earlier rounds (each
    stratum gives ``min(size, round)`` of them), then those of its round from strata whose turn
    comes first and that still have one. Sorting 2.2 million (round, turn) keys took ~0.4 s of
    the Check page's first visit at 100,000 articles."""
    n, n_strata = int(sizes.sum()), len(sizes)
    longest = int(sizes.max(initial=0))
    # still_in[r]: strata with a sentence in round r; earlier[r]: sentences of rounds before r
    still_in = n_strata - np.cumsum(np.bincount(sizes, minlength=longest + 1))[:longest]
    earlier = np.concatenate([[0], np.cumsum(still_in)[:-1]]) if longest else np.zeros(0, dtype=np.int64)
    place = np.empty(n, dtype=np.int64)
    for code in range(n_strata):
        size, start = int(sizes[code]), int(starts[code])
        before = np.sort(sizes[turn_rank < turn_rank[code]])  # the strata whose turn comes first
        rounds = np.arange(size)
        place[start : start + size] = earlier[:size] + len(before) - np.searchsorted(before, rounds, side="right")
    order = np.empty(n, dtype=np.int64)
    order[place] = by_stratum
    return order


def next_to_check(queue: pd.DataFrame, given) -> pd.Series | None:
    """The first row of :func:`check_queue`'s table the reader has not labelled yet, or None.

    ``given``: the ``(article_id, sent_idx)`` pairs already labelled (a set or a dict's keys).
    Of any ``len(given) + 1`` rows at least one is not labelled, so only that many rows from the
    top are looked at, not the whole queue (1.5 million rows at 100,000 articles: 3-4 s on every
    run of the Check page).
    """
    top = queue.head(len(given) + 1)
    for pos, key in enumerate(zip(top["article_id"], top["sent_idx"])):
        if key not in given:
            return top.iloc[pos]
    return None


def stratum_weights(queue: pd.DataFrame, checked: pd.DataFrame) -> pd.Series:
    """How many corpus sentences each checked sentence stands for: its stratum's size divided
    by the number checked in it.

    Args:
        queue: :func:`check_queue`'s table (all eligible sentences with their stratum).
        checked: The checked sentences (``article_id``, ``sent_idx``).

    Returns:
        One weight per row of ``checked`` (index aligned); NaN for a sentence not in the queue
        (e.g. labelled from an imported file but too short to be sampled).
    """
    sizes = queue.groupby("stratum", observed=True).size()
    # The queue's rows of the checked articles only: merged with the whole queue (2.2 million
    # rows at 100,000 articles) it took ~0.9 s on every label the reader gave.
    mine = isin(queue["article_id"], tuple(checked["article_id"].unique())).to_numpy(dtype=bool)
    found = checked[["article_id", "sent_idx"]].merge(
        queue.loc[mine, ["article_id", "sent_idx", "stratum"]], on=["article_id", "sent_idx"], how="left"
    )
    per = found.groupby("stratum", observed=True).size()
    # The strata as plain values: a category column mapped one-to-one (every stratum of its own
    # size, as at 100,000 articles) stays a category column, which cannot be divided.
    stratum = found["stratum"].astype(object)
    w = stratum.map(sizes).astype("float64") / stratum.map(per).astype("float64")
    w.index = checked.index
    return w
