"""How far the tone scorer agrees with a reader on this corpus, and a neutral band fitted to
the reader's labels.

* :func:`agreement` compares the reader's labels with the scorer's labels of the same
  sentences: accuracy, macro-F1 and Cohen's κ, each with a 95 % percentile bootstrap
  interval (seeded, 2,000 resamples), the confusion table, and the sentences where they differ.
  A label whose sentence changed since it was given (another wording after a re-read) is left
  out and counted. The scorer's label is the one before any sentence the reader set by hand:
  comparing the reader with their own override would flatter the scorer.
* :func:`calibrate_band` fits the neutral band to the labels and says whether it helps, by
  5-fold cross-validation: each fold's band is fitted on the other four and scored on it, and
  the pooled held-out macro-F1 is compared with the band in force. The app offers the band only
  when it wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .notes import LABELS, text_hash
from .sample import stratum_weights

__all__ = [
    "Agreement",
    "agreement",
    "Calibration",
    "calibrate_band",
    "metrics_from_confusion",
    "CHECKED_FROM",
    "CALIBRATE_FROM",
    "BOOTSTRAP_RESAMPLES",
]

# From this many checked sentences on, the agreement is quoted with every tone figure.
CHECKED_FROM = 30
# From this many, a band fitted to the reader's labels is offered.
CALIBRATE_FROM = 60
BOOTSTRAP_RESAMPLES = 2000
_BAND_GRID = np.round(np.arange(0.02, 0.96, 0.02), 2)


def metrics_from_confusion(conf: np.ndarray, classes: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """Accuracy, macro-F1 and Cohen's κ of one or many 3×3 confusion tables.

    Args:
        conf: ``(..., 3, 3)`` counts, rows the reader's label, columns the scorer's.
        classes: Boolean mask of the classes the macro average runs over (default all three);
            a class without any sentence in a table counts as F1 0 there.

    Returns:
        ``(accuracy, macro_f1, kappa)`` arrays of the leading shape (NaN where undefined).
    """
    conf = np.asarray(conf, dtype="float64")
    n = conf.sum(axis=(-2, -1))
    diag = np.diagonal(conf, axis1=-2, axis2=-1)
    rows, cols = conf.sum(axis=-1), conf.sum(axis=-2)
    with np.errstate(invalid="ignore", divide="ignore"):
        acc = diag.sum(axis=-1) / n
        denom = rows + cols
        f1 = np.where(denom > 0, 2 * diag / np.where(denom > 0, denom, 1), 0.0)
        mask = np.ones(3, bool) if classes is None else np.asarray(classes, bool)
        macro = f1[..., mask].mean(axis=-1) if mask.any() else np.full(n.shape, np.nan)
        pe = (rows * cols).sum(axis=-1) / (n * n)
        kappa = np.where(pe < 1, (acc - pe) / np.where(pe < 1, 1 - pe, 1), np.nan)
    return acc, macro, kappa


def _confusion(reader: np.ndarray, scorer: np.ndarray) -> np.ndarray:
    conf = np.zeros((3, 3), dtype="int64")
    np.add.at(conf, (reader, scorer), 1)
    return conf


@dataclass(frozen=True)
class Agreement:
    """The scorer against a reader on one corpus (see the module's docstring).

    Attributes:
        n: Sentences compared (labels of sentences that changed since are left out).
        n_stale: Labels left out because their sentence's text changed.
        accuracy, macro_f1, kappa: The point estimates.
        intervals: ``{"accuracy"|"macro_f1"|"kappa": (low, high)}``, 95 % bootstrap.
        f1: Per-class F1 by label.
        corpus_accuracy: Accuracy weighted by how many corpus sentences each checked one stands
            for (the sample over-represents small strata); NaN without a queue.
        confusion: Counts, rows the reader's label, columns the scorer's.
        disagreements: The sentences where they differ (``article_id``, ``sent_idx``, ``text``,
            ``reader``, ``scorer``, ``tone``, ``evidence``), strongest scores first.
    """

    n: int
    n_stale: int
    accuracy: float
    macro_f1: float
    kappa: float
    intervals: dict = field(default_factory=dict)
    f1: dict = field(default_factory=dict)
    corpus_accuracy: float = float("nan")
    confusion: pd.DataFrame = field(default_factory=pd.DataFrame)
    disagreements: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def checked(self) -> bool:
        """Enough sentences to quote the agreement (:data:`CHECKED_FROM`)."""
        return self.n >= CHECKED_FROM

    def summary(self) -> dict:
        """The figures every tone number is stamped with (plain values: kept in ``params``)."""
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "kappa": self.kappa,
            "intervals": {k: list(v) for k, v in self.intervals.items()},
            "checked": self.checked,
        }


# The sentence columns the comparison reads (the scorer's own label and tone only exist when
# the reader's corrections were applied).
AGREEMENT_COLUMNS = ("article_id", "sent_idx", "text", "tone", "tone_label", "evidence", "scorer_label", "scorer_tone")


def labelled_sentences(corpus, labels: pd.DataFrame) -> pd.DataFrame:
    """The sentences of the articles the reader labelled sentences of, with the columns the
    comparison reads (from the corpus's sentence store: never the whole table)."""
    return corpus.sentence_store.frame(AGREEMENT_COLUMNS, article_ids=set(labels["article_id"]))


def compared(sentences: pd.DataFrame, labels: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The reader's labels (not skips) joined with the sentences they label, and how many
    labels were left out because their sentence's text changed."""
    lab = labels[labels["label"].isin(LABELS)]
    cols = [c for c in AGREEMENT_COLUMNS if c in sentences]
    joined = lab.merge(sentences[cols], on=["article_id", "sent_idx"], how="inner")
    same = joined["text"].map(text_hash) == joined["text_hash"]
    joined = joined[same & joined["tone_label"].isin(LABELS)].reset_index(drop=True)
    if "scorer_label" not in joined:
        joined = joined.assign(scorer_label=joined["tone_label"], scorer_tone=joined["tone"])
    return joined, int(len(lab) - len(joined))


def agreement(
    sentences: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    queue: pd.DataFrame | None = None,
    seed: int = 0,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> Agreement:
    """Compare the reader's labels with the scorer's (see the module's docstring).

    Args:
        sentences: The analysis' sentences (with ``scorer_label``/``scorer_tone`` when the
            reader's corrections were applied).
        labels: :meth:`ToneNotes.labels`.
        queue: :func:`~tonlage.review.sample.check_queue`'s table, for the corpus-wide estimate.
        seed: Seed of the bootstrap.
        resamples: Bootstrap resamples.
    """
    index = pd.Index(LABELS)
    if not labels["label"].isin(LABELS).any():  # no label to compare (none given, or skips only)
        nan = float("nan")
        return Agreement(0, 0, nan, nan, nan, confusion=pd.DataFrame(0, index=index, columns=index))
    joined, stale = compared(sentences, labels)
    n = len(joined)
    if n == 0:
        nan = float("nan")
        return Agreement(0, stale, nan, nan, nan, confusion=pd.DataFrame(0, index=index, columns=index))
    code = {lab: i for i, lab in enumerate(LABELS)}
    reader = joined["label"].map(code).to_numpy()
    scorer = joined["scorer_label"].map(code).to_numpy()
    conf = _confusion(reader, scorer)
    classes = (conf.sum(axis=0) + conf.sum(axis=1)) > 0
    acc, macro, kappa = (float(x) for x in metrics_from_confusion(conf, classes))
    rows, cols = conf.sum(axis=1), conf.sum(axis=0)
    f1 = {
        lab: (2 * conf[i, i] / (rows[i] + cols[i]) if rows[i] + cols[i] else float("nan"))
        for i, lab in enumerate(LABELS)
    }

    # Bootstrap: resample sentences, count each resample's confusion table in one bincount.
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, n, size=(resamples, n))
    codes = (reader * 3 + scorer)[pick] + 9 * np.arange(resamples)[:, None]
    boot = np.bincount(codes.ravel(), minlength=9 * resamples).reshape(resamples, 3, 3)
    intervals = {}
    for name, values in zip(("accuracy", "macro_f1", "kappa"), metrics_from_confusion(boot, classes)):
        values = values[~np.isnan(values)]
        intervals[name] = (
            (float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5)))
            if values.size
            else (float("nan"), float("nan"))
        )

    corpus_acc = float("nan")
    if queue is not None and len(queue):
        w = stratum_weights(queue, joined)
        ok = w.notna()
        if ok.any():
            corpus_acc = float(np.average((reader == scorer)[ok.to_numpy()], weights=w[ok]))

    differ = joined[joined["label"] != joined["scorer_label"]]
    differ = differ.assign(strength=differ["scorer_tone"].abs()).sort_values(
        ["strength", "article_id", "sent_idx"], ascending=[False, True, True]
    )
    disagreements = (
        differ.rename(columns={"label": "reader", "scorer_label": "scorer"})[
            ["article_id", "sent_idx", "text", "reader", "scorer", "scorer_tone", "evidence"]
        ]
        .rename(columns={"scorer_tone": "tone"})
        .reset_index(drop=True)
    )
    return Agreement(
        n,
        stale,
        acc,
        macro,
        kappa,
        intervals,
        f1,
        corpus_acc,
        pd.DataFrame(conf, index=index, columns=index),
        disagreements,
    )


# --- calibration ------------------------------------------------------------------------------
def _labels_by_band(scores: np.ndarray, bands: np.ndarray) -> np.ndarray:
    """Label codes (0 negative, 1 neutral, 2 positive) of ``scores`` under each band:
    ``(len(bands), len(scores))``."""
    s = scores[None, :]
    b = bands[:, None]
    return np.where(np.abs(s) < b, 1, np.where(s > 0, 2, np.where(s < 0, 0, 1)))


def _macro_f1(reader: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """Macro-F1 over the reader's classes of each row of ``predicted``."""
    k = predicted.shape[0]
    codes = reader[None, :] * 3 + predicted + 9 * np.arange(k)[:, None]
    conf = np.bincount(codes.ravel(), minlength=9 * k).reshape(k, 3, 3)
    classes = np.bincount(reader, minlength=3) > 0
    return metrics_from_confusion(conf, classes)[1]


def _best_band(scores: np.ndarray, reader: np.ndarray, current: float) -> float:
    f1 = _macro_f1(reader, _labels_by_band(scores, _BAND_GRID))
    best = np.flatnonzero(f1 >= f1.max() - 1e-12)
    # Ties: the band closest to the one in force (change as little as the labels allow)
    return float(_BAND_GRID[best[np.argmin(np.abs(_BAND_GRID[best] - current))]])


@dataclass(frozen=True)
class Calibration:
    """A neutral band fitted to a reader's labels.

    Attributes:
        n: Labels it was fitted on.
        current_band: The band in force.
        band: The band fitted on all the labels.
        cv_current: Macro-F1 of the band in force on the labels (nothing fitted).
        cv_fitted: Pooled held-out macro-F1 of bands fitted on the other folds.
        folds: Folds of the cross-validation.
        improves: ``cv_fitted > cv_current``: only then is the band offered.
    """

    n: int
    current_band: float
    band: float
    cv_current: float
    cv_fitted: float
    folds: int
    improves: bool


def calibrate_band(scores, reader_labels, current_band: float, *, folds: int = 5, seed: int = 0) -> Calibration:
    """Fit the neutral band to a reader's labels and cross-validate the fit.

    Args:
        scores: The scorer's scores of the labelled sentences (before any sentence override).
        reader_labels: The reader's labels of the same sentences.
        current_band: The band in force.
        folds: Folds of the cross-validation (fewer when there are fewer labels).
        seed: Seed of the fold assignment.
    """
    scores = np.asarray(scores, dtype="float64")
    code = {lab: i for i, lab in enumerate(LABELS)}
    reader = np.array([code[lab] for lab in reader_labels], dtype="int64")
    n = len(scores)
    cv_current = float(_macro_f1(reader, _labels_by_band(scores, np.array([current_band])))[0]) if n else float("nan")
    if n < 2 * folds:
        return Calibration(n, current_band, current_band, cv_current, float("nan"), 0, False)
    fold = np.random.default_rng(seed).permutation(n) % folds
    held_out = np.empty(n, dtype="int64")
    for k in range(folds):
        test = fold == k
        band = _best_band(scores[~test], reader[~test], current_band)
        held_out[test] = _labels_by_band(scores[test], np.array([band]))[0]
    cv_fitted = float(_macro_f1(reader, held_out[None, :])[0])
    band = _best_band(scores, reader, current_band)
    return Calibration(
        n,
        float(current_band),
        band,
        cv_current,
        cv_fitted,
        folds,
        bool(cv_fitted > cv_current + 1e-9 and abs(band - current_band) > 1e-9),
    )
