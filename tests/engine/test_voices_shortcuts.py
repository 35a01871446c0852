"""The voice rules' shortcuts give what the long way gives: a sentence's tokens made from the
words it already has, the Konjunktiv I pre-check by set, and the finder's memo of names' actors."""

from __future__ import annotations

import pytest

from tonlage import DEFAULT_DATA_DIR
from tonlage.actors import ActorMatcher, read_actors
from tonlage.text import split_sentences
from tonlage.voices import VoiceFinder
from tonlage.voices.konjunktiv import _may_be_konj1, may_hold_konj1
from tonlage.voices.marks import quote_pairs
from tonlage.voices.parts import Tok
from tonlage.voices.people import People
from tonlage.voices.sentences import WORD, Sentences

TEXT = (
    "Die Ministerin sagte am Montag, die Lage sei ernst. „Wir handeln jetzt“, betonte Anna Roth. "
    "Ein A_B-Test kostet 2,5 Mio. Euro :-) und 12-mal mehr!\n\n"
    "Laut  Kühn's Büro   werde   man  nachgeben. Sie sagt: »Nie«. Der SPD-Chef* Lang‑Müller schwieg"
)


def _by_match(text: str, a: int, b: int) -> list[tuple]:
    return [(m.group(), m.start(), m.end(), "w" if m.group()[0].isalnum() else "p") for m in WORD.finditer(text, a, b)]


def test_tokens_from_words_are_the_matches_with_their_offsets() -> None:
    spans = split_sentences(TEXT)
    sents = Sentences(TEXT, spans)
    pairs = [p for p in quote_pairs(TEXT) if p[1] > p[0]]
    quoted = 0
    for si, (s, e) in enumerate(spans):
        made = sents.sentence_tokens(si, pairs)
        assert made == sents.tokens(s, e, pairs)
        assert sents.sentence_tokens(si, pairs) is made  # made once
        if any(t.kind == "q" for t in made):
            quoted += 1
            continue
        assert [(t.text, t.start, t.end, t.kind) for t in made] == _by_match(TEXT, s, e)
        assert all(TEXT[t.start : t.end] == t.text and t.low == t.text.lower() for t in made)
        assert [t.cap for t in made] == [t.kind == "w" and t.text[0].isupper() for t in made]
    assert quoted == 2  # both quotes are one token each, the rest came from the words
    assert sents.words(0, len(TEXT)) == [
        Tok(g, a, b, k, -1, g.lower(), k == "w" and g[0].isupper()) for g, a, b, k in _by_match(TEXT, 0, len(TEXT))
    ]


@pytest.mark.parametrize(
    "words",
    [
        {"Die", "Lage", "ist", "ernst"},
        {"Die", "Lage", "sei", "ernst"},
        {"man", "werde", "nachgeben"},
        {"eine", "große", "Rolle"},
        {"verhalte", "sich"},
        set(),
    ],
)
def test_konjunktiv_pre_check_by_set_is_the_word_test(words: set[str]) -> None:
    for _ in range(2):  # the second time from the words known to be none
        assert may_hold_konj1(words) == any(map(_may_be_konj1, words))


def test_the_actor_memo_gives_what_matching_gives() -> None:
    matcher = ActorMatcher(read_actors(DEFAULT_DATA_DIR / "actors.csv")).fit()
    text = "Wladimir Putin sagte, die EU-Kommission und der EU-Wetterdienst Alpha schwiegen."
    sents = Sentences(text, split_sentences(text))
    names = ["Wladimir Putin", "EU-Kommission", "EU-Wetterdienst Alpha", "der Kremlchef", "Anna Roth", ""]
    alone = [People(sents, matcher).actor(n) for n in names]
    memo: dict[str, str] = {}
    first = People(sents, matcher, memo)
    assert [first.actor(n) for n in names] == alone
    assert alone[0] and alone[1] and not alone[2] and not alone[4]
    assert [People(sents, matcher, memo).actor(n) for n in names] == alone  # from the memo
    assert set(memo) == set(names) - {""}


def test_a_fitted_finder_shares_its_memo_and_gives_the_same_voices() -> None:
    finder = VoiceFinder(read_actors(DEFAULT_DATA_DIR / "actors.csv")).fit()
    text = "„Wir bleiben hart“, sagte Kremlchef Putin. Er werde nicht nachgeben."
    spans = split_sentences(text)
    first = finder.sentence_voices(text, spans)
    assert finder.actor_of_ == {"Putin": "Putin"}
    assert finder.sentence_voices(text, spans) == first
    assert [(v.speaker, v.speaker_actor) for v in first] == [("Putin", "Putin")] * 2
