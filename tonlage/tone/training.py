"""Fitting the learned layer (needs numpy and scikit-learn; scoring does not).

:func:`fit_tone_model` learns, from labelled sentences only (no file is read here):

1. **News-neutral lexicon words**: a lexicon word whose presence (as a cue, after the rules)
   confidently does not make its own polarity's label likelier than the base rate among the
   training sentences (see :func:`learn_news_neutral`) is scored 0 (``Spannung`` in news means tension,
   not excitement; ``Woche`` and ``Tatsache`` only describe).
2. **The sentence layer**: one coefficient per gate of
   :data:`~tonlage.tone.features.SENTENCE_GATES` (how much an adjective, a noun, a negated cue,
   a cue in reported speech ... counts; the shipped model uses the part-of-speech gates), from a logistic regression without intercept
   (lbfgs, deterministic) of positive vs negative on the gated cue sums of the polar training
   sentences.
3. **The band**: the symmetric neutral band that maximises 3-class macro-F1 on inner
   cross-validated scores of the training sentences (so it is not fitted on the layer's own
   in-sample output).
4. Optionally **the target layer**: the same with the target gates appended
   (:data:`~tonlage.tone.features.TARGET_GATES`).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import numpy as np

from .features import ALL_GATES, SHIPPED_SENTENCE_GATES, SHIPPED_TARGET_GATES, cue_gates, target_gates, weighted_sum
from .model import SignedLayer, ToneModel
from .scorer import ToneScorer, token_range
from .tokens import token_spans

log = logging.getLogger(__name__)

__all__ = [
    "fit_tone_model",
    "extract",
    "learn_news_neutral",
    "fit_layer",
    "fit_band",
    "fit_bands",
    "macro_f1",
    "md5_folds",
    "to_classes",
    "LABELS",
]

LABELS = ("negative", "neutral", "positive")
_Y = {"negative": 0, "neutral": 1, "positive": 2}
#: One-sided z of the Wilson upper bound in the news-neutral test (1.0 ≈ 84 % confidence).
NEUTRAL_Z = 1.0
#: A word must be a cue in at least this many training sentences to be judged.
NEUTRAL_MIN_COUNT = 3
#: Inverse L2 strength of the cue-coefficient regression (scikit-learn's default).
REGULARISATION_C = 1.0
_BAND_GRID = np.round(np.arange(0.0, 1.0, 0.01), 2)


def md5_folds(texts: list[str], k: int = 5, *, offset: int = 0) -> np.ndarray:
    """Fold 0..k-1 per text from the md5 of its UTF-8 bytes (4 bytes from ``offset`` as an
    integer).

    Leading bytes are used because some evaluation halves were themselves split on the
    digest's parity, which would put every text of such a half into the same even fold. Inner
    cross-validation uses another ``offset`` so that its folds cut across the outer ones.
    """
    return np.array(
        [int.from_bytes(hashlib.md5(t.encode("utf-8")).digest()[offset : offset + 4], "big") % k for t in texts]
    )


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """3-class macro-F1 for integer labels 0/1/2 (fast; same as scikit-learn's)."""
    f = 0.0
    for c in range(3):
        tp = np.sum((pred == c) & (gold == c))
        fp = np.sum((pred == c) & (gold != c))
        fn = np.sum((pred != c) & (gold == c))
        f += 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
    return f / 3


def to_classes(scores: np.ndarray, neg_band: float, pos_band: float) -> np.ndarray:
    out = np.ones(len(scores), dtype=int)
    out[(scores >= pos_band) & (scores > 0)] = 2
    out[(scores <= neg_band) & (scores < 0)] = 0
    return out


def fit_band(scores: np.ndarray, y: np.ndarray) -> float:
    """The symmetric neutral band that maximises macro-F1 (smallest on ties)."""
    best, best_f = 0.0, -1.0
    for band in _BAND_GRID:
        f = macro_f1(y, to_classes(scores, -band, band))
        if f > best_f + 1e-12:
            best, best_f = float(band), f
    return best


def fit_bands(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Negative and positive bands that maximise macro-F1 (for models with two bands)."""
    best, best_f = (0.0, 0.0), -1.0
    for nb in _BAND_GRID:
        for pb in _BAND_GRID:
            f = macro_f1(y, to_classes(scores, -nb, pb))
            if f > best_f + 1e-12:
                best, best_f = (-float(nb), float(pb)), f
    return best


def extract(scorer: ToneScorer, texts: list[str], spans=None):
    """Rule results for each text.

    Returns:
        One entry per text: None when it has no cue, else ``(x, cue_words)``: the gated sum
        of cue weights (:func:`~tonlage.tone.features.weighted_sum`; with ``spans``, the
        target gates appended) and the cues' ``(lexicon form, sign)``.
    """
    scorer._ensure_fitted()
    out: list[tuple[list[float], list[tuple[Any, int]]] | None] = []
    for k, text in enumerate(texts):
        sp = token_spans(text)
        found = scorer.analyse_tokens([t for t, _, _ in sp])
        if found is None or not found[1]:
            out.append(None)
            continue
        st, cues, _ = found
        gates = cue_gates(st, cues)
        if spans is not None:
            first, last = token_range(sp, spans[k])
            gates = [g + t for g, t in zip(gates, target_gates(st, cues, first, last))]
        words = [(st.tokens[i].lemma, 1 if w > 0 else -1) for i, w, _ in cues]
        out.append((weighted_sum(cues, gates), words))
    return out


def _wilson_upper(k: int, n: int, z: float) -> float:
    """Upper end of the Wilson score interval for a proportion ``k / n``."""
    p = k / n
    centre = p + z * z / (2 * n)
    spread = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5)
    return (centre + spread) / (1 + z * z / n)


def learn_news_neutral(rows, y: np.ndarray) -> list[str]:
    """Lexicon forms whose cue sign does not predict its label among the training sentences.

    A word is news-neutral when even the optimistic end (Wilson upper bound, z =
    :data:`NEUTRAL_Z`) of the share of its sentences labelled with its own polarity stays at
    or below that label's base rate among sentences with cues: the data is confident that the
    word's polarity does not make its label likelier. Words seen fewer than
    :data:`NEUTRAL_MIN_COUNT` times keep their lexicon polarity.

    Args:
        rows: Output of :func:`extract`.
        y: Integer labels (0 negative, 1 neutral, 2 positive).

    Returns:
        Sorted lexicon forms to score as 0.
    """
    has = np.array([r is not None for r in rows])
    if not has.any():
        return []
    base = {1: float(np.mean(y[has] == 2)), -1: float(np.mean(y[has] == 0))}
    counts: dict[str, list[int]] = {}
    for r, label in zip(rows, y):
        if r is None:
            continue
        for word, sign in set(r[1]):
            c = counts.setdefault(word, [0, 0, 0])  # sentences as +cue, as -cue, agreeing
            c[0 if sign > 0 else 1] += 1
            if (sign > 0 and label == 2) or (sign < 0 and label == 0):
                c[2] += 1
    out = []
    for word, (npos, nneg, agree) in counts.items():
        n = npos + nneg
        if n < NEUTRAL_MIN_COUNT:
            continue
        sign = 1 if npos >= nneg else -1
        if _wilson_upper(agree, n, NEUTRAL_Z) <= base[sign]:
            out.append(word)
    return sorted(out)


def _fit_direction(X: np.ndarray, y: np.ndarray, random_state: int) -> np.ndarray:
    """Coefficients of a logistic regression without intercept, positive vs negative."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=REGULARISATION_C, fit_intercept=False, max_iter=2000, random_state=random_state)
    lr.fit(X, (y == 2).astype(int))
    return lr.coef_[0]


def _squash(m: np.ndarray) -> np.ndarray:
    return m / np.sqrt(m * m + 1.0)


def fit_layer(
    rows, y: np.ndarray, names, *, random_state: int = 0, inner_folds: int = 5, fold_keys=None
) -> SignedLayer:
    """Fit one signed layer: cue coefficients on the polar training sentences (positive vs
    negative), then the neutral band on inner cross-validated scores of all of them.

    Args:
        rows: Output of :func:`extract` (entries without cues score 0).
        y: Integer labels.
        names: The gates the layer uses (columns of the rows' gate sums).
        random_state: Seed passed to scikit-learn.
        inner_folds: Folds of the inner cross-validation for the band.
        fold_keys: Inner fold per row (default: round-robin).
    """
    cols = [ALL_GATES.index(name) for name in names]
    X = np.array([[r[0][c] for c in cols] if r is not None else [0.0] * len(cols) for r in rows], dtype=float)
    polar = np.array([r is not None for r in rows]) & (y != 1)
    coef = _fit_direction(X[polar], y[polar], random_state)
    keys = np.asarray(fold_keys) if fold_keys is not None else np.arange(len(rows)) % inner_folds
    inner = np.zeros(len(rows))
    for f in range(inner_folds):
        tr, te = polar & (keys != f), keys == f
        if te.sum() == 0 or len(set(y[tr])) < 2:
            continue
        inner[te] = _squash(X[te] @ _fit_direction(X[tr], y[tr], random_state))
    return SignedLayer(features=list(names), coef=coef.tolist(), band=fit_band(inner, y))


def fit_tone_model(
    texts: list[str],
    labels: list[str],
    *,
    spans=None,
    random_state: int = 0,
    learn_neutral: bool = False,
    sentence_gates=SHIPPED_SENTENCE_GATES,
    target_gates_=SHIPPED_TARGET_GATES,
    meta: dict | None = None,
) -> ToneModel:
    """Learn the news-neutral words, the sentence layer and (with ``spans``) the target layer.

    Args:
        texts: Labelled sentences.
        labels: "negative" / "neutral" / "positive" per sentence (towards its target).
        spans: Optional target character offsets per sentence.
        random_state: Seed for scikit-learn.
        learn_neutral: Learn the news-neutral word list (off by default: it did not help in
            cross-validation; see bench/tone_quality.py).
        sentence_gates: Gates of the sentence layer.
        target_gates_: Gates of the target layer.
        meta: Notes stored with the model.

    Returns:
        The fitted model.
    """
    y = np.array([_Y[lab] for lab in labels])
    keys = md5_folds(texts, 5, offset=4)
    neutral: list[str] = []
    if learn_neutral:
        first = extract(ToneScorer(model=None, extra_neutral=()).fit(), texts)
        neutral = learn_news_neutral(first, y)
    scorer = ToneScorer(model=None, extra_neutral=neutral).fit()
    sentence = fit_layer(extract(scorer, texts), y, sentence_gates, random_state=random_state, fold_keys=keys)
    target = None
    if spans is not None:
        target = fit_layer(extract(scorer, texts, spans), y, target_gates_, random_state=random_state, fold_keys=keys)
    info = {"n_sentences": len(texts), "random_state": random_state, **(meta or {})}
    return ToneModel(sentence=sentence, target=target, news_neutral=neutral, meta=info)
