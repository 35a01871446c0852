"""Language identification with langdetect, made deterministic and honest on short text."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["detect_language", "MIN_CHARS", "MIN_PROBABILITY", "SAMPLE_CHARS"]

MIN_CHARS = 40          # below this langdetect is confidently wrong ("Hallo" -> fi)
MIN_PROBABILITY = 0.80  # below this we say "unknown" rather than guess
SAMPLE_CHARS = 1500     # the opening of an article identifies it; reading all of it costs 3x more


@lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory, _factory as loaded  # noqa: F401

    DetectorFactory.seed = 0  # langdetect samples n-grams randomly: fix the seed, every run the same
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "unknown" when the text is too short or unclear.

    Args:
        text: Any text; only its first ``SAMPLE_CHARS`` characters are read.
    """
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < MIN_CHARS:
        return "unknown"
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return "unknown"
    return best.lang if best.prob >= MIN_PROBABILITY else "unknown"
