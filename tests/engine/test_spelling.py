"""What a search that found nothing offers instead: the corpus's close words (tonlage.search.spelling)."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest

from tonlage.actors import Actor
from tonlage.corpus_index import CorpusIndex
from tonlage.search import groups_of, matching, parse_words, word_index, words_pattern
from tonlage.search.spelling import CloseWords, actors_meant, fold, max_distance, respellings, unfound
from tonlage.search.word_index import PartIndex

LINES = [
    "Selenskyj reist nach Washington; Selenskyj trifft Trump.",
    "Die Waffenruhe hält, die Waffenruhen davor hielten nicht. Selenskyj schweigt.",
    "Im Weißen Haus spricht der Außenminister über Sanktionen.",
    "Zelensky in English, SELENSKYJ in capitals, Kreml und Kremlchef.",
]


def close_of(lines: list[str]) -> CloseWords:
    return CloseWords([PartIndex.build(pa.array(lines, pa.large_string()))])


def finds(query: str, lines: list[str]) -> int:
    """How many of ``lines`` the search finds ``query`` in, as the sidebar's filter reads it: any
    alternative, with all of its terms (those a "+" joins)."""
    terms = parse_words(query)[0]
    if not terms:
        return len(lines)
    array = pa.array(lines, pa.large_string())
    hit = np.zeros(len(lines), dtype=bool)
    for group in groups_of(terms):
        every = np.ones(len(lines), dtype=bool)
        for term in group:
            every &= matching([array], words_pattern([term]))
        hit |= every
    return int(hit.sum())


def test_words_are_compared_as_the_search_compares_them():
    close = close_of(LINES)
    assert close.holds("selenskyj") and close.holds("SELENSKYJ") and close.holds("Selenskyj")
    assert close.holds("Aussenminister") and close.holds("weissen")  # "ß" as "ss", as the search does
    assert not close.holds("Selensky") and not close.holds("Waffenruh")
    assert fold("Straße") == fold("STRASSE") == "strasse"
    # how many texts hold each word: "Selenskyj" three (one of them in capitals), "Kreml" one
    at = dict(zip(close.words.to_pylist(), close.texts.tolist(), strict=True))
    assert at["selenskyj"] == 3 and at["kreml"] == 1
    # a word written in capitals and not is offered as the texts write it
    assert close.written[close.words.index("selenskyj").as_py()].as_py() == "Selenskyj"


def test_close_words_are_the_nearest_first_then_those_in_more_texts():
    close = close_of(LINES)
    near = close.near("Selensky")
    assert [w for w, _, _ in near[:2]] == ["Selenskyj", "Zelensky"]  # both one edit away; Selenskyj in 3 texts
    assert [d for _, d, _ in near] == sorted(d for _, d, _ in near)
    assert all(0 < d <= max_distance("selensky") for _, d, _ in near)
    assert close.near("Kremel")[0][:2] == ("Kreml", 1)
    assert close.near("Kerml")[0][:2] == ("Kreml", 1)  # two letters swapped: one edit
    # equally near: the word in more texts first, whatever the alphabet says
    ties = close_of(["Aerlin liegt fern", "Berlin", "in Berlin", "nach Berlin"])
    assert [(w, d, n) for w, d, n in ties.near("Cerlin")] == [("Berlin", 1, 3), ("Aerlin", 1, 1)]
    assert close.near("Hau") == []  # under four letters: too many neighbours to guess from
    assert close_of([]).near("Selensky") == []


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("Selensky", "Selenskyj"),
        ("selensky", "selenskyj"),  # in the case the reader typed
        ("SELENSKY", "SELENSKYJ"),
        ("Waffenruh", "Waffenruhe"),
        ("Kremel", "Kreml"),
    ],
)
def test_a_word_the_corpus_does_not_hold_is_replaced_by_its_nearest(typed, offered):
    tried = respellings(typed, close_of(LINES))
    assert tried[0].query == offered and tried[0].changes == ((typed, offered),)
    assert finds(typed, LINES) == 0 and finds(tried[0].query, LINES) > 0


def test_every_unknown_word_is_replaced_and_the_first_ones_alternatives_follow():
    close = close_of(LINES)
    tried = [r.query for r in respellings("Selensky, Waffenruh", close)]
    assert tried[0] == "Selenskyj, Waffenruhe"
    assert "Zelensky, Waffenruhe" in tried  # the first word's other close word, the rest as before
    assert "Selensky, Waffenruh*" in tried  # a word that begins longer words, with a star
    # a phrase: its unknown word replaced, the others kept; the result is found
    phrase = respellings("Weissen Hauss", close)[0]
    assert phrase.query == "Weissen Haus" and phrase.changes == (("Hauss", "Haus"),)  # "Weissen": "Weißen"
    assert finds(phrase.query, LINES) == 1


def test_a_star_is_offered_only_where_longer_words_begin_with_the_word():
    close = close_of(LINES)
    assert [r.query for r in respellings("Waffenruhe", close)] == ["Waffenruhe*"]  # also finds "Waffenruhen"
    assert respellings("Washington", close) == []  # known, and no longer word begins with it
    assert respellings("Sanktion*", close) == []  # a star already finds "Sanktionen": nothing to respell
    assert respellings("*ruhe", close) == []  # nor at the start: "Waffenruhe"
    assert respellings("", close) == [] and respellings("Zzyzxqwort", close) == []


def test_the_terms_no_article_can_hold_are_named_as_typed():
    close = close_of(LINES)
    assert unfound("Waffenruhe, Selensky, selensky, Sanktion*, *ruhe", close) == ("Selensky", "selensky")
    assert unfound("U.S., Kreml", close) == ("U.S.",)  # no text has "U" or "S" as a word
    assert unfound("Weissen Hauss, Kreml", close) == ("Weissen Hauss",)  # a phrase with a word no text has
    assert unfound("Waffenruh*, Kremlchef", close) == () and unfound("", close) == ()
    for query in ["Selensky, Kreml", "Waffenruhe, Kremel"]:  # what is named finds nothing; the rest finds some
        assert all(finds(term, LINES) == 0 for term in unfound(query, close))
        assert finds(query, LINES) > 0


def test_a_word_with_a_hyphen_or_dot_is_looked_up_and_respelled_by_its_parts():
    """The word indexes hold "EU-Kommission" as "EU" and "Kommission": a word the search reads
    in the texts is unfound when one of its parts is, and respelled part by part."""
    lines = [*LINES, "Die EU-Kommission berät über den Ukraine-Krieg und die U.S. Navy."]
    close = close_of(lines)
    assert unfound("EU-Kommision, Ukraine-Krieg, U.S., U.K.", close) == ("EU-Kommision", "U.K.")
    for typed, offered in [
        ("Ukraine-Kreig", "Ukraine-Krieg"),
        ("ukraine-kreig", "ukraine-krieg"),  # each part in the case the reader typed it
        ("Ukrane-Kreig", "Ukraine-Krieg"),  # two parts respelled at once
        ("EU-Kommision", "EU-Kommission"),
    ]:
        first = respellings(typed, close)[0]
        assert (first.query, first.changes) == (offered, ((typed, offered),))
        assert finds(typed, lines) == 0 and finds(offered, lines) == 1
    # a star at the term's end stays with its last part; a star is offered after a letter only
    assert respellings("Ukraine-Kreig*", close)[0].query == "Ukraine-Krieg*"
    assert [r.query for r in respellings("EU-Kommis", close)] == ["EU-Kommis*"]
    assert finds("EU-Kommis*", lines) == 1
    assert respellings("U.S.", close) == [] and finds("U.S.", lines) == 1  # found: nothing to offer


def test_a_phrase_whose_words_never_stand_side_by_side_is_offered_taken_apart():
    close = close_of(LINES)
    # "Selenskyj" and "Trump" share a line, never side by side
    assert finds("Selenskyj Trump", LINES) == 0
    assert [r.query for r in respellings("Selenskyj Trump", close)] == ["Selenskyj + Trump"]
    assert finds("Selenskyj + Trump", LINES) == 1
    # the words nearly every text holds are left out; the stars stay at the phrase's ends
    assert respellings("Außenminister über die Sanktionen", close)[0].query == "Außenminister + Sanktionen"
    assert respellings("*minister Sanktion*", close)[0].query == "*minister + Sanktion*"
    # a misspelt word is respelled first; then the phrase is taken apart with the new spelling
    tried = respellings("Selensky Trump", close)
    assert [(r.query, r.changes) for r in tried] == [
        ("Selenskyj Trump", (("Selensky", "Selenskyj"),)),
        ("Zelensky Trump", (("Selensky", "Zelensky"),)),
        ("Selenskyj + Trump", (("Selensky", "Selenskyj"), ("Selenskyj Trump", "Selenskyj + Trump"))),
    ]
    assert [finds(r.query, LINES) for r in tried[:2]] == [0, 0] and finds(tried[2].query, LINES) == 1
    # what the page heads them with: a word written otherwise ("Did you mean"), or not ("Try")
    assert [r.respells for r in tried] == [True, True, True]
    assert [r.respells for r in respellings("Selenskyj Trump", close)] == [False]
    assert [r.respells for r in respellings("Waffenruhe", close)] == [False]  # a star only
    assert [r.respells for r in respellings("Waffenruh", close)][0] is True
    # the other terms stay as they were: an alternative, or joined by "+"
    assert respellings("Kreml, Selenskyj Trump", close)[0].query == "Kreml, Selenskyj + Trump"
    assert respellings("Kremel + Selenskyj", close)[0].query == "Kreml + Selenskyj"
    # a phrase left with one word is no phrase to take apart
    assert respellings("im Haus", close) == [] and respellings("der Kreml", close) == []


def test_what_a_reader_types_stays_literal_in_the_queries_offered():
    close = close_of(LINES)
    for query in ["U.S. Selensky", "(Kremel)", 'Selensky "Trump"', "Selensky|Kreml"]:
        for r in respellings(query, close):
            assert parse_words(r.query)[0]  # a query the sidebar reads, as typed besides the change
            assert finds(r.query, LINES) >= 0


def test_a_word_one_edit_from_a_corpus_word_finds_it_again(analysed_bundled):
    """Any word of the bundled texts with a letter dropped, changed or two swapped: its nearest
    close words hold it (at the distance the edit made, among the equally near)."""
    texts = analysed_bundled.texts.parts
    close = CloseWords([PartIndex.build(part.array) for part in texts])
    words = sorted({w for w in close.words.to_pylist() if len(w) >= 7 and w.isalpha()})
    rng = random.Random(0)
    tried = 0
    for word in rng.sample(words, 60):
        i = rng.randrange(1, len(word) - 1)
        edits = [
            word[:i] + word[i + 1 :],
            word[:i] + "q" + word[i + 1 :],
            word[:i] + word[i + 1] + word[i] + word[i + 2 :],
        ]
        for typo in edits:
            if close.holds(typo) or typo == word:
                continue
            tried += 1
            near = close.near(typo, limit=200)
            assert near[0][1] == 1  # one edit away: nothing nearer (the typo is no word of the corpus)
            assert word in {fold(w) for w, d, _ in near if d == 1}
    assert tried > 100


def test_a_corpus_index_has_its_words_from_the_texts_or_from_its_ready_indexes(analysed_bundled, monkeypatch):
    monkeypatch.setattr(word_index, "START_DELAY", 0.0)
    monkeypatch.setattr(word_index, "QUIET_S", 0.0)
    word_index.forget()
    try:
        small = CorpusIndex(analysed_bundled).close_words(make=False)  # too little text for indexes: read
        assert small is not None and small.holds("Anchorage") and small.holds("Lawrow")
        title_word = analysed_bundled.articles["title"].iloc[0].split()[0]
        assert small.holds(title_word)
        # a corpus with enough text for indexes: none until they are ready, then from them
        monkeypatch.setattr(word_index, "MIN_INDEX_BYTES", 1)
        large = CorpusIndex(analysed_bundled)
        assert large.close_words() is None
        assert large.prepare_words(min_bytes=1) and word_index.wait_idle(60)
        # another index of the same corpus, whose background work has not run: with the texts'
        # indexes ready, its words are made only when asked to (not by a search that found some)
        other = CorpusIndex(analysed_bundled)
        assert other.close_words(make=False) is None and other.close_words() is not None
        assert other.close_words(make=False) is other.close_words()

        def not_again(*args, **kwargs):
            raise AssertionError("the words were made in the background, after the indexes")

        monkeypatch.setattr(CloseWords, "__init__", not_again)
        made = large.close_words()
        assert made is not None and large.close_words() is made  # made once
        assert made.words.to_pylist() == small.words.to_pylist()
        assert np.array_equal(made.texts, small.texts)
    finally:
        word_index.wait_idle(30)
        word_index.forget()


def test_a_name_the_actor_list_spells_so_or_nearly_so_points_to_the_actor():
    actors = [
        Actor("Selenskyj", "person", ("Selenskyj", "Zelensky", "Selensky", "Wolodymyr Selenskyj")),
        Actor("Putin", "person", ("Putin", "Kremlchef", "Wladimir Putin")),
        Actor("Selenskyja", "person", ("Selenskyja",)),  # (made up: one edit further from "Selensky")
        Actor("EU", "institution", ("EU", "Europäische Union")),
    ]
    assert actors_meant("Selensky", actors) == ["Selenskyj", "Selenskyja"]  # a spelling the list gives, first
    assert actors_meant("selenski", actors) == ["Selenskyj"]  # one edit from it; "Selenskyja" two (over the limit)
    assert actors_meant("Kremlchef", actors) == ["Putin"] and actors_meant("Wladimir Putn", actors) == ["Putin"]
    assert actors_meant("eu", actors) == ["EU"] and actors_meant("Eul", actors) == []  # short: only as spelt
    assert actors_meant("Selensky*", actors) == [] and actors_meant("Selensky, Putin", actors) == []
    assert actors_meant("", actors) == [] and actors_meant("Selensky", []) == []
