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

from .notes import LABELS

__all__ = ["check_queue", "stratum_weights", "MIN_WORDS", "SEED"]

# Shorter sentences (datelines, captions, "Mehr dazu.") carry too little to judge.
MIN_WORDS = 5
SEED = 0


def _eligible(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Scored sentences of at least :data:`MIN_WORDS` words in first copies of a story, with
    their stratum."""
    first = articles.loc[articles["duplicate_of"].fillna("") == "", ["article_id", "date"]]
    s = sentences.loc[
        sentences["tone_label"].isin(LABELS) & (sentences["n_words"] >= MIN_WORDS),
        ["article_id", "sent_idx", "tone_label"],
    ]
    s = s.merge(first, on="article_id", how="inner")
    period = s["date"].dt.strftime("%Y-%m").fillna("undated")
    label = s["scorer_label"] if "scorer_label" in s else s["tone_label"]
    return s.assign(stratum=label.astype(str) + "|" + period)


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
    h = pd.util.hash_pandas_object(s[["article_id", "sent_idx"]], index=False, hash_key=_hash_key(seed))
    s = s.assign(h=h.to_numpy())
    # Rounds: the k-th sentence of every stratum comes before the (k+1)-th of any; within a
    # round the strata take turns in a seeded order (by the hash of the stratum's name).
    s["round"] = s.groupby("stratum")["h"].rank(method="first").astype("int64") - 1
    order = pd.util.hash_pandas_object(s["stratum"], index=False, hash_key=_hash_key(seed + 1))
    s["turn"] = order.to_numpy()
    s = s.sort_values(["round", "turn", "h"], kind="mergesort").reset_index(drop=True)
    s["rank"] = np.arange(len(s), dtype="int64")
    return s[["article_id", "sent_idx", "stratum", "rank"]]


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
    sizes = queue.groupby("stratum").size()
    found = checked[["article_id", "sent_idx"]].merge(
        queue[["article_id", "sent_idx", "stratum"]], on=["article_id", "sent_idx"], how="left"
    )
    per = found.groupby("stratum").size()
    w = found["stratum"].map(sizes) / found["stratum"].map(per)
    w.index = checked.index
    return w.astype("float64")
