"""Language identification with langdetect, made deterministic and honest on short text.

langdetect-rs, a Rust port that returns langdetect's results bit for bit (checked in
tests/engine/test_language.py), is used when installed: it is ~70x faster, which decides
whether a 100,000-article corpus takes minutes or an hour. Plain langdetect is the fallback.
"""

from __future__ import annotations

from functools import lru_cache

from ..text import without_markup

__all__ = ["detect_language", "backend", "MIN_CHARS", "MIN_PROBABILITY", "SAMPLE_CHARS"]

MIN_CHARS = 40  # below this langdetect is confidently wrong ("Hallo" -> fi)
MIN_PROBABILITY = 0.80  # below this we say "unknown" rather than guess
SAMPLE_CHARS = 1000  # the opening of an article identifies it; more text costs more time


@lru_cache(maxsize=1)
def backend():
    """The detection module in use (``langdetect_rs`` or ``langdetect``), seeded once."""
    try:
        import langdetect_rs as module
    except ImportError:  # pragma: no cover - depends on the installed extras
        import langdetect as module
    module.DetectorFactory.seed = 0  # the detector samples n-grams randomly: same seed, same answer
    return module


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "unknown" when the text is too short or unclear.

    Args:
        text: Any text; only its first ``SAMPLE_CHARS`` characters are read.
    """
    # A post's addresses and links are no words of its language ("@GRUENE_Hamburg Vielen Dank"
    # read as Afrikaans).
    sample = without_markup(text[:SAMPLE_CHARS]).strip()
    if len(sample) < MIN_CHARS:
        return "unknown"
    module = backend()
    try:
        best = module.detect_langs(sample)[0]
    except Exception:  # both backends raise their own LangDetectException on feature-less text
        return "unknown"
    return best.lang if best.prob >= MIN_PROBABILITY else "unknown"
