"""Language identification: deterministic, honest on short text, same answers on both backends."""

import pytest

from tonlage.reading.language import MIN_CHARS, backend, detect_language

SAMPLES = {
    "de": "Die Außenminister trafen sich am Rande der Generalversammlung zu einem längeren Gespräch.",
    "en": "The foreign ministers met on the sidelines of the General Assembly for a longer talk.",
    "fr": "Les ministres des Affaires étrangères se sont rencontrés en marge de l'Assemblée générale.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_clear_languages(lang):
    assert detect_language(SAMPLES[lang]) == lang


def test_short_or_empty_text_is_unknown():
    assert detect_language("Hallo") == "unknown"
    assert detect_language("x" * (MIN_CHARS - 1)) == "unknown"
    assert detect_language("12345 67890 " * 10) == "unknown"


def test_repeatable():
    text = SAMPLES["de"][:60]
    assert len({detect_language(text) for _ in range(20)}) == 1


def test_fast_backend_matches_langdetect_exactly():
    if backend().__name__ != "langdetect_rs":
        pytest.skip("langdetect-rs not installed: plain langdetect is in use, nothing to compare")
    import langdetect

    langdetect.DetectorFactory.seed = 0
    texts = list(SAMPLES.values()) + [
        "Das ist gut, aber nicht sehr.",
        "Ja nein vielleicht morgen",
        "Trump und Putin in Anchorage",
    ]
    for text in texts:
        ours = [(x.lang, x.prob) for x in backend().detect_langs(text)]
        theirs = [(x.lang, x.prob) for x in langdetect.detect_langs(text)]
        assert ours == theirs


def test_a_detection_does_not_depend_on_the_detections_before():
    """The worker's forkserver detects one text before forking (tonlage.analysis.preload, so that the
    detector's profiles are loaded once): that must change no later result, to the last digit."""
    probs = backend().detect_langs
    texts = [SAMPLES[k] for k in sorted(SAMPLES)] + ["Das ist ok, it is fine, c'est bien so oder so."]
    first = [[(x.lang, x.prob) for x in probs(t)] for t in texts]
    again = [[(x.lang, x.prob) for x in probs(t)] for t in reversed(texts)][::-1]
    assert again == first


def test_a_posts_addresses_and_links_are_not_read_for_its_language(monkeypatch):
    read = []

    class Spy:
        @staticmethod
        def detect_langs(sample):
            read.append(sample)
            return backend().detect_langs(sample)

    from tonlage.reading import language

    monkeypatch.setattr(language, "backend", lambda: Spy)
    post = "@Karla_Kolumna @Otto_Hansen_99 Die Wahlplakate hängen jetzt in der ganzen Stadt http://t.co/Xy9AbC"
    assert detect_language(post) == "de"
    assert read == ["Die Wahlplakate hängen jetzt in der ganzen Stadt"]
