"""The voice rules' shortcuts give what the long way gives: a sentence's tokens made from the
words it already has, its words taken from its tone tokens, the Konjunktiv I pre-check by set,
and the finder's memo of names' actors."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonlage import DEFAULT_DATA_DIR
from tonlage.actors import ActorMatcher, read_actors
from tonlage.text import split_sentences
from tonlage.tone.tokens import tokenize_with_punctuation
from tonlage.voices import VoiceFinder
from tonlage.voices.konjunktiv import _may_be_konj1, may_hold_konj1
from tonlage.voices.marks import quote_pairs
from tonlage.voices.parts import Tok
from tonlage.voices.people import CAP_RUN, People
from tonlage.voices.sentences import WORD, Sentences, words_from_marks

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


# Sentences where the tone pattern and WORD may cut differently: joiners (' ’ *), a number's
# "-suffix", marks outside the tone pattern's list, emoticons, a spaced dash, "_", "²".
TRICKY = [
    "Die Lage sei ernst, sagte Anna Roth.",
    "„Wir handeln jetzt“, betonte sie (78) am 3. Mai – 12:30 Uhr, 1.000,50 Euro!",
    "Kühn's Büro und Lang’s Partei: Bürger*innen.",
    "Ein 12-mal größerer A_B-Test kostet 5 % mehr & 3 € / Tag.",
    "Das war super :D, sagte sie :-( aber ;P egal.",
    "Ich <3 Berlin - oder? Friedens- und Sicherheitspolitik - US‑Präsident.",
    "x² und ³ sind Zahlen … Punkt:D und a<3b.",
    "",
    "   ",
]


@pytest.mark.parametrize("sentence", TRICKY)
def test_words_from_tone_tokens_are_the_word_matches_or_none(sentence: str) -> None:
    words = words_from_marks(tokenize_with_punctuation(sentence), sentence)
    assert words is None or words == WORD.findall(sentence)


def test_words_from_tone_tokens_where_they_are_the_same() -> None:
    taken = [words_from_marks(tokenize_with_punctuation(s), s) for s in TRICKY]
    assert taken[0] == WORD.findall(TRICKY[0]) and taken[1] == WORD.findall(TRICKY[1])
    assert taken[2:7] == [None] * 5  # each cut differently (or may be)


@given(st.text(alphabet=st.sampled_from(list("aäBZ09 \t\n-‑'’*_.,:;<>()DP3%&–…„“²")), max_size=60))
def test_words_from_tone_tokens_on_any_text(sentence: str) -> None:
    words = words_from_marks(tokenize_with_punctuation(sentence), sentence)
    assert words is None or words == WORD.findall(sentence)


def test_voices_from_tone_tokens_are_the_voices_without() -> None:
    finder = VoiceFinder(read_actors(DEFAULT_DATA_DIR / "actors.csv")).fit()
    text = " ".join(TRICKY) + "\n\n" + TEXT + " Laut Kühn werde man nachgeben, so die SPD-Chefin."
    spans = split_sentences(text)
    marks: list[list[str] | None] = [tokenize_with_punctuation(text[s:e]) for s, e in spans]
    marks[1] = None  # a sentence without them is matched again
    with_marks = Sentences(text, spans, marks)
    assert with_marks.sent_words == Sentences(text, spans).sent_words
    assert sum(w is m for w, m in zip(with_marks.sent_words, marks)) >= 3  # shared
    voices = finder.sentence_voices(text, spans, marks=marks)
    assert voices == finder.sentence_voices(text, spans)
    assert any(v.speaker for v in voices)


def test_bundled_voices_from_tone_tokens_are_the_voices_without(analysed_bundled) -> None:
    finder = VoiceFinder(read_actors(DEFAULT_DATA_DIR / "actors.csv")).fit()
    texts = analysed_bundled.texts.texts(analysed_bundled.articles["article_id"])
    assert len(texts) >= 5
    shared = 0
    for text in texts:
        spans = split_sentences(text)
        marks = [tokenize_with_punctuation(text[s:e]) for s, e in spans]
        sentences = Sentences(text, spans, marks)
        assert sentences.sent_words == [WORD.findall(text, s, e) for s, e in spans]
        shared += sum(w is m for w, m in zip(sentences.sent_words, marks))
        assert finder.sentence_voices(text, spans, marks=marks) == finder.sentence_voices(text, spans)
    assert shared > 100


# The capitalised-word run as it was written before its quantifiers were made possessive: the
# shortcut must find the same runs at the same places.
_BACKTRACKING_CAP = r"[A-ZÄÖÜ][^\W\d_]*(?:[-‑'’][^\W\d_]+)*"
_BACKTRACKING_RUN = re.compile(
    r"[A-ZÄÖÜ](?<![^\W\d_].)(?<![-‑'’*].)"
    + _BACKTRACKING_CAP[len("[A-ZÄÖÜ]") :]
    + rf"(?: {_BACKTRACKING_CAP})+(?![^\W\d_])"
)


def _runs(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


def test_capitalised_runs_are_those_of_the_backtracking_pattern() -> None:
    found = _runs(CAP_RUN, TEXT + " Anna-Lena Roth-Meier' Kühn’s Büro A2 Bb C_D Ee- Ff")
    assert found == _runs(_BACKTRACKING_RUN, TEXT + " Anna-Lena Roth-Meier' Kühn’s Büro A2 Bb C_D Ee- Ff")
    assert (TEXT.index("Anna Roth"), "Anna Roth") in found


@given(st.text(alphabet=st.sampled_from(list("aäABÄZ09 \t\n-‑'’*_.,")), max_size=60))
def test_capitalised_runs_on_any_text(text: str) -> None:
    assert _runs(CAP_RUN, text) == _runs(_BACKTRACKING_RUN, text)


def test_a_sentence_in_one_quote_has_the_share_of_its_letters() -> None:
    finder = VoiceFinder(read_actors(DEFAULT_DATA_DIR / "actors.csv")).fit()
    text = "„Wir bleiben hart, und zwar lange“, sagte Kremlchef Putin. Er sagte: „Nie.“ Das war alles."
    spans = split_sentences(text)
    voices = finder.sentence_voices(text, spans)
    for (s, e), v in zip(spans, voices):
        inside = sum(sum(map(str.isalnum, text[s + a : s + b])) for a, b in v.quote_spans)
        assert v.quote_share == round(min(1.0, inside / max(1, sum(map(str.isalnum, text[s:e])))), 4)
    assert voices[0].quote_share not in (0.0, 1.0) and voices[-1].quote_share == 0.0


@settings(deadline=None)  # the first example warms the lemma caches
@given(
    st.lists(
        st.sampled_from(["Anna", "Roth", "Rothmann", "Eva", "Lang", "Müller", "Kühn", "Jens"]), min_size=1, max_size=3
    ),
    st.sampled_from(["Roth", "Rothmann", "Müller", "Lang", "Kühn", "Spahn", "Roths"]),
)
def test_continues_name_by_bisection_is_the_scan_over_all_full_names(name, word):
    """continues_name looks a name's prefix up among the article's full names by bisection; it
    scanned every full name on every capitalised word (an article of nothing but names was
    quadratic: 0.8 MB in 16 s, now 3.7 s). The answer is the scan's."""
    text = (
        "Anna Roth sprach mit Eva Rothmann. Danach sagte Roth, man sei einig. Jens Spahn und "
        "Anna Lang-Müller widersprachen, Kühn schwieg."
    )
    people = People(Sentences(text, split_sentences(text)), ActorMatcher([]).fit())
    joined = " ".join([*name, people.strip_genitive(word)])
    scan = any(v.startswith(joined) for v in people.full_names.values()) or (
        people.name_evidence(word) and name[-1] in people.first_names | set(people.full_names.values())
    )
    from tonlage.voices.names import is_name_word

    assert people.continues_name(name, word) == (word[:1].isupper() and is_name_word(word) and scan)
