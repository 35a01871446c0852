"""The per-article analysis takes a sentence's words from its tone tokens instead of tokenising it
twice (tonlage.analysis.per_article.sentence_words); the words must be exactly those of tonlage.text.tokenize.
The tone tokens of a sentence without a hyphen are cut chunk by chunk: the same as matching it."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tonlage.analysis.per_article import sentence_words
from tonlage.text import tokenize
from tonlage.tone.tokens import NON_WORD_TOKENS, SPACES, token_spans, tokenize_with_punctuation

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


def _matched(text: str) -> list[str]:
    return [t for t, _a, _b in token_spans(text)]  # the pattern over the whole text


@pytest.mark.parametrize("sentence", TRICKY)
def test_tone_tokens_are_the_pattern_matches(sentence):
    assert tokenize_with_punctuation(sentence) == _matched(sentence)
    # Without the hyphens (the chunk-by-chunk cut) too
    plain = sentence.replace("-", " ").replace("\u2011", "")
    assert tokenize_with_punctuation(plain) == _matched(plain)


def test_tone_tokens_of_chunks():
    assert tokenize_with_punctuation("Sie sagte: „Nein!“ Ja:D und x;) oder\u00a0so,\tbitte…") == [
        "Sie", "sagte", ":", "„", "Nein", "!", "“", "Ja", ":", "D", "und", "x", ";", ")", "oder", "so", ",", "bitte", "…",
    ]  # fmt: skip
    assert tokenize_with_punctuation("Das war super :D, wirklich :-)") == _matched("Das war super :D, wirklich :-)")
    for dash in ("-", "\u2011"):  # a spaced dash holds its spaces: the sentence is matched whole
        assert tokenize_with_punctuation(f"Erst {dash} dann") == ["Erst", f" {dash} ", "dann"]


@given(st.text(alphabet=st.sampled_from(list("aäBÉ09ß²½ \t\n\u00a0\u2003\x1c-‑'’*_.,:;<>()DP3%&–…„“\"")), max_size=40))
def test_tone_tokens_on_any_text(text):
    assert tokenize_with_punctuation(text) == _matched(text)


def test_the_spaces_are_those_of_the_pattern():
    # every code point: \s, str.isspace and SPACES agree (the spaced dashes are built from them)
    matched = "".join(c for c in map(chr, range(0x110000)) if re.fullmatch(r"\s", c))
    assert matched == SPACES == "".join(c for c in map(chr, range(0x110000)) if c.isspace())


@given(
    st.text(
        alphabet=st.sampled_from(list('aäBÉ09ß²½ \t\n\u00a0\u2003\u3000\x1c-‑_.,:;<>()[]DP3%&–—…„“"»')), max_size=40
    )
)
def test_non_word_tokens_are_those_without_a_letter_or_digit_first(text):
    for token in tokenize_with_punctuation(text):
        assert (token in NON_WORD_TOKENS) == (not token[0].isalnum()), token
    assert sentence_words(tokenize_with_punctuation(text), text, 0, len(text)) == tokenize(text)
