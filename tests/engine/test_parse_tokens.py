"""The per-article analysis takes a sentence's words from its tone tokens instead of tokenising it
twice (tonlage.pipeline.sentence_words); the words must be exactly those of tonlage.text.tokenize."""

import pytest

from tonlage.pipeline import sentence_words
from tonlage.text import tokenize
from tonlage.tone.tokens import tokenize_with_punctuation

TRICKY = [
    "Das war super :D, sagte sie.",
    "Ich <3 Berlin und 3 Kinder.",
    "Schade :-( aber ;P egal - oder? 12:30 Uhr, 1.000,50 Euro.",
    "Friedens- und Sicherheitspolitik – US‑Präsident „Trump“ (78) sagte: »Nein!«",
    "x² und ³ sind Zahlen; _unter_strich_ …",
    "",
    "   ",
    "Smiley am Ende :)",
    "Punkt:D ohne Leerzeichen und a<3b.",
]


@pytest.mark.parametrize("sentence", TRICKY)
def test_words_from_tone_tokens_are_the_tokenizer_words(sentence):
    marks = tokenize_with_punctuation(sentence)
    assert sentence_words(marks, sentence, 0, len(sentence)) == tokenize(sentence)


def test_every_bundled_sentence_gives_the_same_words(analysed_bundled):
    sentences = analysed_bundled.sentences["text"].tolist()
    assert len(sentences) > 100
    for s in sentences:
        assert sentence_words(tokenize_with_punctuation(s), s, 0, len(s)) == tokenize(s), s
    # and the analysis counted those words
    counted = analysed_bundled.sentences["n_words"].tolist()
    assert counted == [len(tokenize(s)) for s in sentences]
