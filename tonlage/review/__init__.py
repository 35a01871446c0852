"""What a reader checked and corrected on one corpus, and how it reaches every figure.

* :mod:`~tonlage.review.notes` — :class:`ToneNotes`, the store: labels from checking
  sentences, the corpus's word list, sentences set by hand, a fitted neutral band;
* :mod:`~tonlage.review.sample` — which sentences to offer for checking (seeded, stratified);
* :mod:`~tonlage.review.agreement` — agreement with the reader (accuracy, macro-F1, Cohen's κ
  with bootstrap intervals) and the band fitted to their labels (cross-validated);
* :mod:`~tonlage.review.corrections` — the corrections applied to an analysed corpus without
  re-analysing it.

:class:`ReaderEdits` puts a corpus's tone notes and theme edits
(:mod:`tonlage.themes.edits`) together: the app and the command line apply both the same way,
and cache by their joint :meth:`~ReaderEdits.revision`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from ..model import AnalysedCorpus
from ..themes.edits import ThemeEditBook
from .agreement import (
    CALIBRATE_FROM,
    CHECKED_FROM,
    Agreement,
    Calibration,
    agreement,
    calibrate_band,
    labelled_sentences,
)
from .corrections import apply_tone_corrections
from .notes import LABELS, POLARITIES, SKIP, ToneNotes, text_hash
from .sample import check_queue, corpus_check_queue, next_to_check

__all__ = [
    "ReaderEdits",
    "ToneNotes",
    "Agreement",
    "Calibration",
    "agreement",
    "calibrate_band",
    "apply_tone_corrections",
    "check_queue",
    "corpus_check_queue",
    "next_to_check",
    "text_hash",
    "LABELS",
    "SKIP",
    "POLARITIES",
    "CHECKED_FROM",
    "CALIBRATE_FROM",
]


@dataclass(frozen=True)
class ReaderEdits:
    """A corpus's tone notes and theme edits."""

    tone: ToneNotes
    themes: ThemeEditBook

    @classmethod
    def for_folder(cls, corpus_dir: str | Path, *, root: Path | None = None) -> ReaderEdits:
        return cls(ToneNotes.for_folder(corpus_dir, root=root), ThemeEditBook.for_folder(corpus_dir, root=root))

    @classmethod
    def for_workspace(cls, ws) -> ReaderEdits:
        return cls(ToneNotes.for_workspace(ws), ThemeEditBook.for_workspace(ws))

    def revision(self, con: sqlite3.Connection | None = None) -> str:
        """Changes whenever either changes (part of the app's cache keys); ``con``: a read
        connection to their workspace, for both reads (``Workspace.reading``)."""
        return f"{self.tone.revision(con)}|{self.themes.revision(con)}"

    def apply(self, corpus: AnalysedCorpus) -> AnalysedCorpus:
        """``corpus`` with the tone corrections, then the theme edits (a merged theme's tone is
        computed from the corrected articles). ``params["tone_check"]`` says how far the tone
        agrees with the reader's labels (:meth:`Agreement.summary`), for every tone figure's
        stamp; ``params["tone_review"]`` what was corrected."""
        tone = self.tone
        words = tone.words()
        corrected = apply_tone_corrections(
            corpus,
            words=tone.word_values(),
            overrides=tone.overrides(),
            band=tone.band(),
            revision=tone.revision(),
        )
        params = dict(corrected.params)
        labels = tone.labels()
        # No labels (most corpora, and every one a fresh server opens first): no sentence read.
        sentences = labelled_sentences(corrected, labels) if len(labels) else pd.DataFrame()
        params["tone_check"] = agreement(sentences, labels, resamples=1000).summary()
        if "tone_review" in params:
            params["tone_review"] = {
                **params["tone_review"],
                "word_list": [(w, p) for w, p, _ in words.itertuples(index=False)],
            }
        return self.themes.apply(replace(corrected, params=params))
