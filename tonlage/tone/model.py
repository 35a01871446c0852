"""The learned layer: learned weights for the rules' cues, and the neutral band.

The coefficients ship as ``data/tone_model.json`` (human-readable; written by
``bench/train_tone_model.py`` with :func:`tonlage.tone.training.fit_tone_model`). Prediction is
plain Python (a dot product per cue), so scoring needs neither numpy nor scikit-learn.

A layer is linear in the cue weights (see :mod:`tonlage.tone.features`): cue *i* with rule
weight ``w_i`` and gates ``g_i`` contributes ``w_i · (g_i · β)`` to the margin ``m``; the score
is ``m / sqrt(m² + 1)`` in (−1, 1), and a sentence is neutral when ``|score| < band``. With no
intercept, a sentence without cues scores exactly 0, and the sign of the score is the sign of
the summed contributions the reader sees.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from .lexicon import DATA_DIR

log = logging.getLogger(__name__)

__all__ = ["SignedLayer", "ToneModel", "default_model", "MODEL_PATH"]

MODEL_PATH = DATA_DIR / "tone_model.json"


@dataclass
class SignedLayer:
    """Learned cue weighting and neutral band.

    Attributes:
        features: Gate names, in order.
        coef: One coefficient per gate.
        band: Sentences with ``|score| < band`` are neutral (fitted for 3-class macro-F1).
    """

    features: list[str]
    coef: list[float]
    band: float

    def __post_init__(self) -> None:
        from .features import ALL_GATES

        unknown = [f for f in self.features if f not in ALL_GATES]
        if unknown:
            raise ValueError(f"unknown gates in tone model: {unknown}")
        # (position in the full gate vector, coefficient) for the gates this layer uses
        self._terms = [(ALL_GATES.index(f), c) for f, c in zip(self.features, self.coef)]
        # Fast path for a layer of part-of-speech gates only: its factor depends on the POS.
        by_name = dict(zip(self.features, self.coef))
        pos_gates = {"adjective": "JJ", "noun": "NN", "verb": "VB", "other": ""}
        self.pos_factors: dict[str, float] | None = None
        if set(self.features) <= set(pos_gates):
            self.pos_factors = {tag: by_name.get(name, 0.0) for name, tag in pos_gates.items()}

    def factor(self, gates: list[float]) -> float:
        """How much a cue with these gates (the full vector, see
        :data:`~tonlage.tone.features.ALL_GATES`) counts per unit of rule weight."""
        total = 0.0
        for k, c in self._terms:
            g = gates[k] if k < len(gates) else 0.0
            if g:
                total += c * g
        return total

    def squash(self, margin: float) -> float:
        """The score of a margin: ``m / sqrt(m² + 1)``."""
        return margin / math.sqrt(margin * margin + 1.0) if margin else 0.0

    def label(self, score: float) -> str:
        """Label of a score (0 is always neutral)."""
        if score == 0.0 or abs(score) < self.band:
            return "neutral"
        return "positive" if score > 0 else "negative"


@dataclass
class ToneModel:
    """Everything the tone scorer learned from labelled news sentences.

    Attributes:
        sentence: The sentence-level layer.
        target: The layer for the tone towards a target (actor), or None.
        news_neutral: Lexicon forms whose polarity did not predict the labels of the training
            sentences they occurred in; scored as 0.
        meta: How it was trained (data, folds, seed, figures), for the reader.
    """

    sentence: SignedLayer
    target: SignedLayer | None = None
    news_neutral: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def to_json(self) -> str:
        """The model as indented JSON (coefficients rounded to 6 digits)."""

        def rounded(obj):
            if isinstance(obj, float):
                return round(obj, 6)
            if isinstance(obj, list):
                return [rounded(v) for v in obj]
            if isinstance(obj, dict):
                return {k: rounded(v) for k, v in obj.items()}
            return obj

        data = rounded(asdict(self))
        # One line per list of numbers: readable and diff-friendly.
        lines = json.dumps(data, ensure_ascii=False, indent=1)
        return _collapse_number_lists(lines) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ToneModel:
        """Read a model written by :meth:`to_json`."""
        raw = json.loads(text)
        target = raw.get("target")
        return cls(
            sentence=SignedLayer(**raw["sentence"]),
            target=SignedLayer(**target) if target else None,
            news_neutral=list(raw.get("news_neutral", [])),
            meta=dict(raw.get("meta", {})),
        )

    def save(self, path: str | Path) -> None:
        """Write the model to ``path`` as JSON."""
        Path(path).write_text(self.to_json(), encoding="utf-8")


def _collapse_number_lists(text: str) -> str:
    """Put JSON lists of numbers (and of short strings) on one line."""
    pattern = re.compile(r"\[\s*((?:-?[\d.e+-]+|\"[^\"\n]{0,40}\")(?:,\s*(?:-?[\d.e+-]+|\"[^\"\n]{0,40}\"))*)\s*\]")
    return pattern.sub(lambda m: "[" + ", ".join(p.strip() for p in m.group(1).split(",")) + "]", text)


@lru_cache(maxsize=1)
def default_model() -> ToneModel | None:
    """The shipped model (``data/tone_model.json``), or None when the file is missing."""
    if not MODEL_PATH.is_file():
        log.warning("tone model missing at %s; scoring with rules only", MODEL_PATH)
        return None
    return ToneModel.from_json(MODEL_PATH.read_text(encoding="utf-8"))
