"""The evidence behind a finding: the articles and sentences that show it, strongest in the
finding's direction first, gathered only when asked for (:data:`WITH_EVIDENCE`)."""

from __future__ import annotations

from contextvars import ContextVar

import numpy as np
import pandas as pd

from ..corpus_index import CorpusIndex
from ..frames import at_or_above_kth, sentence_score
from .finding import MAX_EVIDENCE_ARTICLES, MAX_EVIDENCE_SENTENCES

__all__ = [
    "CANDIDATES",
    "WITH_EVIDENCE",
    "without_evidence",
    "evidence_at",
    "strongest_order",
    "view_evidence",
    "ranked_in_view",
    "ids_by_value",
    "shift_evidence",
    "shift_pool",
]

#: The strongest sentences sorted to find a finding's evidence.
CANDIDATES = 4000

#: Whether the findings being made gather their evidence (their sentences and articles): off
#: within ``view_findings(..., evidence=False)``, per thread (Streamlit's sessions).
WITH_EVIDENCE: ContextVar[bool] = ContextVar("tonlage_findings_evidence", default=True)


def without_evidence(make, *args):
    """``make(*args)``, the findings made without gathering their evidence."""
    token = WITH_EVIDENCE.set(False)
    try:
        return make(*args)
    finally:
        WITH_EVIDENCE.reset(token)


def evidence_at(
    index: CorpusIndex,
    at: np.ndarray,
    score: np.ndarray,
    *,
    direction_only: bool,
    more: np.ndarray | None = None,
) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """The evidence of a pool of sentences: the scored sentences ``at`` (positions in
    ``index.scored``) with their ``score``, highest score first, ties by article id and sentence.
    ``direction_only`` keeps only sentences with a positive score (those pointing the finding's
    way). Articles follow their best sentence; those of ``more`` (a mask over the article rows)
    without a sentence in the pool come last, by id. In numbers: no table of ids for every
    sentence in view (the comparison findings made one for each period's 0.8 million sentences
    at 100,000 articles, ~0.25 s of every comparison)."""
    if not WITH_EVIDENCE.get():
        return (), ()  # asked for later (view_findings' ``evidence``)
    all_rows = index.scored["row"].to_numpy()
    n = len(score)
    if not n:
        return _evidence_of(index, at, score, 0, None, direction_only=direction_only, more=more)
    order = strongest_order(index, at, score)

    def best() -> tuple[np.ndarray, np.ndarray]:
        per_article = pd.Series(score).groupby(all_rows[at], sort=False).max()
        return per_article.index.to_numpy(), per_article.to_numpy()

    return _evidence_of(index, at[order], score[order], n, best, direction_only=direction_only, more=more)


def strongest_order(index: CorpusIndex, at: np.ndarray, score: np.ndarray) -> np.ndarray:
    """The places in ``at`` (positions in ``index.scored``) of its :data:`CANDIDATES` highest
    ``score``, high to low, ties by article id and sentence."""
    all_rows, all_sent = index.scored["row"].to_numpy(), index.scored["sent_idx"].to_numpy()
    pick = at_or_above_kth(score, CANDIDATES) if len(score) > CANDIDATES else np.arange(len(score))
    # lexsort: the last key sorts first (score high to low, then id, then sentence)
    order = np.lexsort((all_sent[at[pick]], index.id_rank[all_rows[at[pick]]], -score[pick]))[:CANDIDATES]
    return pick[order]


def view_evidence(
    index: CorpusIndex, rows: np.ndarray, sign: float, n_sent: int
) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """:func:`evidence_at` of the view ``rows`` (a mask over the article rows; its scored
    sentences ``n_sent``) for the score :func:`~tonlage.frames.sentence_score` of ``sign``, its
    articles last. The strongest sentences are taken from the corpus's ranked ones
    (:meth:`~tonlage.corpus_index.CorpusIndex.ranked`) when enough of them are in view, else sorted
    from the view's own: the same evidence either way."""
    if not WITH_EVIDENCE.get():
        return (), ()  # asked for later (view_findings' ``evidence``)
    srow, tone_all = index.scored["row"].to_numpy(), index.scored["tone"].to_numpy()
    top = ranked_in_view(index, rows, sign, n_sent)
    if top is None:  # a small view: its own sentences, sorted
        at = np.flatnonzero(index.in_view(srow, rows))
        return evidence_at(index, at, sentence_score(tone_all[at], sign), direction_only=True, more=rows)

    def best() -> tuple[np.ndarray, np.ndarray]:
        have = np.flatnonzero(rows & (index.sentence_totals[0] > 0))
        return have, index.best_scores(sign)[have]

    return _evidence_of(index, top, sentence_score(tone_all[top], sign), n_sent, best, direction_only=True, more=rows)


def ranked_in_view(index: CorpusIndex, rows: np.ndarray, sign: float, n_sent: int) -> np.ndarray | None:
    """The view's strongest :data:`CANDIDATES` sentences for ``sign`` (of its ``n_sent``) from
    the corpus's ranked head, in order; None when too few of the head are in view (a small
    view, whose own sentences are then sorted)."""
    head = index.ranked(sign)
    hits = head[index.in_view(index.scored["row"].to_numpy()[head], rows)]
    return None if len(hits) < min(CANDIDATES, n_sent) else hits[:CANDIDATES]


def _evidence_of(
    index: CorpusIndex,
    top: np.ndarray,
    top_score: np.ndarray,
    n: int,
    best,
    *,
    direction_only: bool,
    more: np.ndarray | None,
) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """The evidence of a pool of ``n`` scored sentences whose strongest (at most
    ``CANDIDATES``, in order) are ``top`` (positions in ``index.scored``) with their scores
    ``top_score``: their articles in order, filled up, when they are too few, with the pool's
    articles by their strongest sentence (``best()``: article rows and that score), then with the
    articles of ``more``; and the first sentences (only those that speak for the direction when
    ``direction_only``), each text once: a sentence printed in several articles counts at its
    first place."""
    ids, rank = index.ids, index.id_rank
    all_rows, all_sent = index.scored["row"].to_numpy(), index.scored["sent_idx"].to_numpy()
    picked: np.ndarray = np.zeros(0, dtype=np.int64)
    pairs: tuple[tuple[str, int], ...] = ()
    if n:
        top_rows, top_sent = all_rows[top], all_sent[top]
        _, first = np.unique(top_rows, return_index=True)
        picked = top_rows[np.sort(first)]
        if len(picked) < MAX_EVIDENCE_ARTICLES and n > len(top):
            rows_, scores_ = best()
            picked = rows_[np.lexsort((rank[rows_], -scores_))][:MAX_EVIDENCE_ARTICLES]
        keep = np.flatnonzero(top_score > 0 if direction_only else np.ones(len(top), dtype=bool))
        # Each text once (its first place): at 100,000 articles a finding's eight examples were
        # one sentence eight times, printed in as many articles.
        _, first = np.unique(index.text_keys[top[keep]], return_index=True)
        sents = keep[np.sort(first)][:MAX_EVIDENCE_SENTENCES]
        pairs = tuple((str(ids[r]), int(i)) for r, i in zip(top_rows[sents], top_sent[sents]))
    if len(picked) < MAX_EVIDENCE_ARTICLES and more is not None:
        rest = more.copy()
        rest[picked] = False
        extra = np.flatnonzero(rest)
        extra = extra[np.argsort(rank[extra], kind="stable")][: MAX_EVIDENCE_ARTICLES - len(picked)]
        picked = np.concatenate([picked, extra])
    return tuple(str(x) for x in ids[picked[:MAX_EVIDENCE_ARTICLES]]), pairs


def ids_by_value(index: CorpusIndex, rows: np.ndarray, values: np.ndarray) -> tuple[str, ...]:
    """The ids of the articles ``rows`` (article rows, one per value) by ``values``, highest
    first (missing last), then by id: at most ``MAX_EVIDENCE_ARTICLES``. Only those at or above
    the last one's value are sorted (a theme's articles at 100,000 articles are ~76,000)."""
    if not WITH_EVIDENCE.get():
        return ()  # asked for later (view_findings' ``evidence``)
    if len(rows) > MAX_EVIDENCE_ARTICLES and not np.isnan(values).any():
        kth = np.partition(values, len(rows) - MAX_EVIDENCE_ARTICLES)[len(rows) - MAX_EVIDENCE_ARTICLES]
        rows, values = rows[values >= kth], values[values >= kth]
    order = np.lexsort((index.id_rank[rows], -values))[:MAX_EVIDENCE_ARTICLES]
    return tuple(str(x) for x in index.ids[rows[order]])


def shift_evidence(
    index: CorpusIndex, side_rows, direction: float, *, direction_only: bool, more: np.ndarray | None = None
) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """:func:`evidence_at` of :func:`shift_pool` over the scored sentences of two periods
    (``side_rows``: masks over the article rows), their sentences read only when evidence is
    gathered (see :func:`view_findings`)."""
    if not WITH_EVIDENCE.get():
        return (), ()
    a, b = (index.scored_of_rows(r) for r in side_rows)
    return evidence_at(index, *shift_pool(index, a, b, direction), direction_only=direction_only, more=more)


def shift_pool(index: CorpusIndex, a: np.ndarray, b: np.ndarray, direction: float) -> tuple[np.ndarray, np.ndarray]:
    """Scored sentences of both periods (positions ``a`` and ``b`` in the index's) and their
    score for how much they push the shift its way: in the second period the tone in its
    direction, in the first the opposite; |tone| without a direction."""
    tone = index.scored["tone"].to_numpy()
    at = np.concatenate([a, b])
    if direction:
        return at, np.concatenate([-direction * tone[a], direction * tone[b]])
    return at, np.abs(tone[at])
