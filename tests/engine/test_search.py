"""The "Containing words" filter (tonlage.search): what a reader's words find, checked against
Python's own regular expressions over the texts, on the bundled corpus and on made-up lines."""

from __future__ import annotations

import random
import re

import numpy as np
import pyarrow as pa
import pytest

from tonlage.corpus_index import CorpusIndex
from tonlage.present import views
from tonlage.present.pack import filters_text
from tonlage.present.types import Filters
from tonlage.search import (
    MAX_CHARS,
    MAX_TERMS,
    Term,
    canonical_words,
    found_spans,
    groups_of,
    matching,
    parse_words,
    query_of,
    words_pattern,
)


def found(query: str, lines: list[str]) -> list[bool]:
    return matching([pa.array(lines, pa.large_string())], words_pattern(parse_words(query)[0])).tolist()


def test_commas_semicolons_and_line_breaks_part_the_terms_and_quotes_and_stars_are_read():
    terms, cut = parse_words(" Waffenruhe ,Feuerpause; Sanktion*\n„Weißes  Haus“, *ruhe, Waffenruhe ")
    assert not cut
    assert terms == (
        Term(("Waffenruhe",)),
        Term(("Feuerpause",)),
        Term(("Sanktion",), open_end=True),
        Term(("Weißes", "Haus")),
        Term(("ruhe",), open_start=True),
    )
    assert canonical_words(" Waffenruhe ,Feuerpause; Sanktion*\n„Weißes  Haus“") == (
        "Waffenruhe, Feuerpause, Sanktion*, Weißes Haus"
    )


def test_a_plus_joins_terms_an_article_must_all_hold_and_reads_back_as_typed():
    terms, cut = parse_words("Trump+Putin , Lawrow; „Weißes Haus“ + Gipfel*, +Rubio, Trump + Putin, Gipfel + Gipfel")
    assert not cut
    assert terms == (
        Term(("Trump",)),
        Term(("Putin",), joined=True),
        Term(("Lawrow",)),
        Term(("Weißes", "Haus")),
        Term(("Gipfel",), open_end=True, joined=True),
        Term(("Rubio",)),  # a "+" with nothing before it joins nothing
        Term(("Gipfel",)),  # an alternative given twice counts once; a term twice in one, once
    )
    assert [len(g) for g in groups_of(terms)] == [2, 1, 2, 1, 1]
    assert all(not g[0].joined and all(t.joined for t in g[1:]) for g in groups_of(terms))
    assert query_of(terms) == "Trump + Putin, Lawrow, Weißes Haus + Gipfel*, Rubio, Gipfel"
    assert parse_words(query_of(terms)) == (terms, False)
    # one alternative repeated in another order is another alternative: order is kept as typed
    assert canonical_words("Putin + Trump, Trump + Putin") == "Putin + Trump, Trump + Putin"
    # "+" inside a word the reader typed is no word of it
    assert canonical_words("C++, Gaza+") == "C, Gaza"


def test_too_many_terms_are_cut_at_an_alternative_never_inside_one():
    head = ", ".join(f"wort{i}" for i in range(MAX_TERMS - 1))
    terms, cut = parse_words(head + ", Trump + Putin, Lawrow")
    assert cut and len(terms) == MAX_TERMS - 1  # "Trump + Putin" would pass the limit: not "Trump" alone
    assert query_of(terms) == head


@pytest.mark.parametrize("query", ["", "   ", "*", " , ; ", "-", "„“", "* *"])
def test_input_without_letters_or_digits_searches_nothing(query):
    assert parse_words(query) == ((), False)
    assert canonical_words(query) == ""
    assert words_pattern(()) == ""


def test_too_many_terms_or_characters_are_cut_and_said_to_be():
    many = ", ".join(f"wort{i}" for i in range(MAX_TERMS + 5))
    terms, cut = parse_words(many)
    assert cut and len(terms) == MAX_TERMS and terms[-1].words == (f"wort{MAX_TERMS - 1}",)
    terms, cut = parse_words("a" * (MAX_CHARS + 10))
    assert cut and terms == (Term(("a" * MAX_CHARS,)),)


def test_a_term_is_whole_words_unless_a_star_opens_it():
    lines = ["Die EU-Kommission tagt", "eine neue Lage", "Der Euro fällt", "(EU) und mehr", "EU"]
    assert found("EU", lines) == [True, False, False, True, True]
    lines = ["Neue Sanktionen", "Wirtschaftssanktionen greifen", "Die Sanktion", "sanktionieren"]
    assert found("Sanktion*", lines) == [True, False, True, True]
    assert found("Sanktion", lines) == [False, False, True, False]
    assert found("*sanktionen", lines) == [True, True, False, False]
    assert found("Gaza", ["Die Gaza-Waffenruhe hält", "Gazastreifen"]) == [True, False]


def test_case_umlauts_sharp_s_and_phrases_across_lines():
    assert found("österreich", ["ÖSTERREICH wählt", "Österreichs Kanzler", "Oesterreich"]) == [True, False, False]
    assert found("Straße", ["Strasse gesperrt", "STRASSE", "Straßenbahn", "die Straße"]) == [True, True, False, True]
    assert found("weiss", ["weiß", "Weiss", "weise"]) == [True, True, False]
    assert found('"Weißen Haus"', ["im Weißen\nHaus", "im Weißen\u00a0Haus", "Weißen Hauses", "Haus Weißen"]) == [
        True,
        True,
        False,
        False,
    ]


# ("+" is the search's own: it joins terms an article must all hold)
@pytest.mark.parametrize("query", ["a.b(", "x|y", "[a-z]?", "(?i).*", "\\d", "a?b", "{1}", "a^$b"])
def test_what_a_reader_types_is_matched_literally(query):
    assert found(query, [f"vor {query} nach", "ganz etwas anderes", "a"]) == [True, False, False]


def _reference(corpus, word: str) -> np.ndarray:
    """The articles holding ``word`` as a whole word (any case), by Python's re over the texts
    and headlines: not by Arrow's RE2, which the filter uses."""
    pattern = re.compile(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])", re.IGNORECASE)
    a = corpus.articles
    return np.array(
        [
            bool(pattern.search(corpus.texts.get(aid)) or pattern.search(title))
            for aid, title in zip(a["article_id"], a["title"])
        ]
    )


def test_the_filter_finds_what_pythons_regular_expressions_find(analysed_bundled):
    corpus = analysed_bundled
    words = sorted(
        {w for aid in corpus.articles["article_id"] for w in re.findall(r"[^\W\d_]{3,}", corpus.texts.get(aid))}
    )
    words = [w for w in words if "ß" not in w and "ss" not in w.lower()]  # the filter finds "ss" as "ß" too
    picked = random.Random(0).sample(words, 60)
    index = CorpusIndex(corpus)
    counts = []
    for word in picked:
        want = _reference(corpus, word)
        assert views.filter_rows(corpus, Filters(count_once=False, words=word), index).tolist() == want.tolist(), word
        counts.append(int(want.sum()))
    assert max(counts) > 1 and min(counts) >= 1  # words of the texts: each found, some in several


def test_words_narrow_the_other_filters_and_alternatives_widen_them(analysed_bundled):
    corpus = analysed_bundled
    index = CorpusIndex(corpus)
    anchorage = _reference(corpus, "Anchorage")
    riad = _reference(corpus, "Riad")
    assert 0 < anchorage.sum() < len(anchorage) and riad.sum() > 0
    either = views.filter_rows(corpus, Filters(count_once=False, words="Anchorage, Riad"), index)
    assert either.tolist() == (anchorage | riad).tolist()
    genre = corpus.articles["genre"].iloc[int(np.flatnonzero(anchorage)[0])]
    both = views.filter_rows(corpus, Filters(count_once=False, genres=(genre,), words="Anchorage"), index)
    assert both.tolist() == (anchorage & (corpus.articles["genre"] == genre).to_numpy()).tolist()
    assert not views.filter_rows(corpus, Filters(words="Zzyzxqwort"), index).any()


def test_terms_joined_by_a_plus_find_the_articles_holding_all_of_them(analysed_bundled):
    corpus = analysed_bundled
    index = CorpusIndex(corpus)
    waffenruhe, ukraine = _reference(corpus, "Waffenruhe"), _reference(corpus, "Ukraine")
    anchorage, riad, lawrow = (_reference(corpus, w) for w in ("Anchorage", "Riad", "Lawrow"))
    both = waffenruhe & ukraine
    # the corpus tells "all of" from "any of" and from each word alone
    assert 0 < both.sum() < (waffenruhe | ukraine).sum() and both.sum() < ukraine.sum()
    assert anchorage.any() and riad.any() and not (anchorage & riad).any()

    def rows(words: str) -> list[bool]:
        return views.filter_rows(corpus, Filters(count_once=False, words=words), index).tolist()

    assert rows("Waffenruhe + Ukraine") == both.tolist() == rows("ukraine+waffenruhe")
    assert rows("Anchorage + Riad") == [False] * len(anchorage)
    assert rows("Anchorage + Riad, Lawrow") == lawrow.tolist()
    assert rows("Waffenruhe + Ukraine, Anchorage + Lawrow") == (both | (anchorage & lawrow)).tolist()
    # each term's search is kept and read again for the next query that holds it
    kept = index.word_rows("Waffenruhe")
    assert index.word_rows("Waffenruhe + Anchorage").tolist() == (waffenruhe & anchorage).tolist()
    assert index.word_rows("Waffenruhe") is kept
    assert not index.word_rows("Waffenruhe + Ukraine").flags.writeable


def test_a_search_is_kept_read_only_and_the_oldest_make_room(analysed_bundled):
    index = CorpusIndex(analysed_bundled)
    first = index.word_rows("Anchorage")
    assert index.word_rows(" Anchorage ") is first  # the same search: not read again
    assert not first.flags.writeable
    for i in range(CorpusIndex.WORD_SEARCHES_KEPT + 3):
        index.word_rows(f"wort{i}")
    assert len(index._words) == CorpusIndex.WORD_SEARCHES_KEPT
    assert index.word_rows("Anchorage") is not first and index.word_rows("Anchorage").tolist() == first.tolist()
    assert index.word_rows("*").all()  # no term: every article


def test_a_slide_caption_names_the_words():
    from tonlage.i18n import translator

    assert "containing: Waffenruhe, Sanktion*" in filters_text(
        Filters(words="Waffenruhe, Sanktion*"), {}, translator("en")
    )
    assert "mit den Wörtern: Waffenruhe" in filters_text(Filters(words="Waffenruhe"), {}, translator("de"))


@pytest.mark.parametrize("words", ["Anchorage", "Trump*", "*ung", "Putin, Lawrow", "Weißen Haus", "russisch*"])
def test_the_marks_of_the_reader_view_stand_where_the_filter_finds_the_words(analysed_bundled, words):
    """A sentence has a mark exactly when Arrow's search finds the words in it, and each mark is
    a whole word (or phrase): the reader view never marks what the filter did not find."""
    sentences = analysed_bundled.sentence_store.frame(columns=["text"])["text"].tolist()
    in_filter = matching([pa.array(sentences, pa.large_string())], words_pattern(parse_words(words)[0]))
    marked = [bool(found_spans(s, words)) for s in sentences]
    assert marked == in_filter.tolist()
    assert sum(marked) > 0
    for s in sentences:
        for a, b in found_spans(s, words):
            assert (a == 0 or not s[a - 1].isalnum()) and (b == len(s) or not s[b].isalnum()), s[a - 3 : b + 3]


def test_marks_are_whole_words_for_an_open_term_and_none_for_no_term():
    text = "Neue Sanktionen und die Gaza-Waffenruhe; STRASSE"
    assert [text[a:b] for a, b in found_spans(text, "Sanktion*, *ruhe, Straße")] == [
        "Sanktionen",
        "Waffenruhe",
        "STRASSE",
    ]
    assert found_spans(text, "*") == [] and found_spans("", "Sanktion*") == []


def _marks_by_one_pattern(text: str, words: str) -> list[tuple[int, int]]:
    """Marks as one case-insensitive pattern with look-behinds makes them (the slow way the fast
    one must equal)."""
    terms, _ = parse_words(words)

    def literal(word: str) -> str:
        return re.sub(r"ss|ß|SS", "(?:ss|ß)", re.escape(word), flags=re.IGNORECASE)

    parts = [
        (r"(?<![^\W_])[^\W_]*" if t.open_start else r"(?<![^\W_])")
        + r"[\s\u00a0\u202f]+".join(map(literal, t.words))
        + (r"[^\W_]*" if t.open_end else r"(?![^\W_])")
        for t in terms
    ]
    return [m.span() for m in re.finditer("|".join(parts), text, re.IGNORECASE)]


@pytest.mark.parametrize(
    "words", ["Trump", "putin, Lawrow", "Sanktion*", "*ung", "Weißen Haus", "US", "straße", "die, der, das"]
)
def test_the_fast_marks_are_those_of_one_slow_pattern(analysed_bundled, words):
    texts = analysed_bundled.texts
    for aid in texts.ids:
        text = texts.get(aid)
        assert found_spans(text, words) == _marks_by_one_pattern(text, words), (aid, words)


def test_a_text_whose_lower_case_is_longer_is_marked_the_slow_way():
    text = "İstanbul und die EU, EU-Kommission"
    assert len(text.lower()) != len(text)
    assert found_spans(text, "EU") == [(17, 19), (21, 23)] == _marks_by_one_pattern(text, "EU")


def test_a_sentence_is_cut_around_the_first_place_of_the_words():
    from tonlage.search import in_context

    text = (
        "Nach wochenlangen Verhandlungen in mehreren Hauptstädten Europas und der Golfregion haben beide Seiten "
        "einer Waffenruhe zugestimmt, die ab Montag gelten soll und von Beobachtern der Vereinten Nationen "
        "überwacht werden wird."
    )
    got = in_context(text, "waffenruhe", before=30, after=40)
    assert got.startswith("…") and got.endswith("…") and "Waffenruhe" in got
    body = got.strip("…")
    assert body in text and not body.startswith(" ") and not body.endswith(" ")
    at = text.index("Waffenruhe")
    assert text.index(body) >= at - 30 and text.index(body) + len(body) <= at + len("Waffenruhe") + 40
    assert in_context("Kurz: Waffenruhe.", "Waffenruhe") == "Kurz: Waffenruhe."  # short: whole
    assert in_context(text, "Zzyzx") == text and in_context(text, "") == text  # no place: whole
    start = in_context(text, "Nach*", before=30, after=40)
    assert start.startswith("Nach ") and start.endswith("…")  # at the start: nothing cut before
