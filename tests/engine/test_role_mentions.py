"""A role counts as a mention of the person the article gives it (tonlage.analysis.role_mentions)."""

from datetime import date

import pytest

from tonlage.actors import Actor, ActorMatcher
from tonlage.analysis.pipeline import analyse_folder
from tonlage.analysis.role_mentions import role_mentions

ACTORS = [
    Actor("Trump", "person", ("Trump", "Donald Trump", "US-Präsident Trump")),
    Actor("Biden", "person", ("Biden", "Joe Biden")),
    Actor("Putin", "person", ("Putin", "Wladimir Putin")),
    Actor("Selenskyj", "person", ("Selenskyj",)),
    Actor("Lawrow", "person", ("Lawrow", "Sergej Lawrow")),
    Actor("Kreml", "institution", ("Kreml",)),
]


@pytest.fixture(scope="module")
def matcher():
    return ActorMatcher(ACTORS).fit()


def roles(matcher, text):
    return [(actor, text[a:b]) for actor, _surface, a, b in role_mentions(text, matcher.find(text), matcher.kinds_)]


def test_the_role_an_article_gives_a_person_counts_for_that_person(matcher):
    text = (
        "US-Präsident Donald Trump reiste ab. Der US-Präsident sagte nichts. "
        "Die Reise des US-Präsidenten fiel aus, und dem US-Präsidenten war es recht."
    )
    assert roles(matcher, text) == [("Trump", "US-Präsident"), ("Trump", "US-Präsidenten"), ("Trump", "US-Präsidenten")]


def test_the_adjective_tells_whose_role_it_is(matcher):
    text = (
        "Der russische Präsident Wladimir Putin lobte den Plan. Der ukrainische Präsident lehnte ihn ab. "
        "Der russische Präsident blieb dabei, und dem russischen Präsidenten gefiel das."
    )
    assert roles(matcher, text) == [("Putin", "Präsident"), ("Putin", "Präsidenten")]


def test_a_role_the_list_writes_into_an_alias_pairs_it_too(matcher):
    text = "US-Präsident Trump sagte ab. Die Reise des US-Präsidenten fiel aus."
    assert roles(matcher, text) == [("Trump", "US-Präsidenten")]


def test_a_first_name_the_list_lacks_still_pairs_the_role(matcher):
    text = "Außenminister Sergey Lawrow flog nach Riad. Dort sprach der Außenminister lange."
    assert roles(matcher, text) == [("Lawrow", "Außenminister")]


@pytest.mark.parametrize(
    "text",
    [
        # two people with the same role in one article: the role alone names neither
        "Präsident Putin und Präsident Selenskyj telefonierten. Der Präsident blieb in Moskau.",
        "US-Präsident Donald Trump kam, US-Präsident Joe Biden nicht. Der US-Präsident sprach.",
        # a former holder, an indefinite or possessive article, a name or a genitive after it
        "US-Präsident Donald Trump kam. Der frühere US-Präsident hatte abgesagt.",
        "US-Präsident Donald Trump kam. Ein US-Präsident tut so etwas nicht.",
        "US-Präsident Donald Trump kam. Der US-Präsident Lincoln hätte es anders gemacht.",
        "Präsident Wladimir Putin kam. Der Präsident der Vereinigten Staaten blieb fern.",
        # a role only paired with an institution, or one many hold at once ("Experte")
        "Der Sprecher Kreml sagte nichts. Der Sprecher schwieg.",
        "Experte Donald Trump meinte das. Der Experte irrte.",
    ],
)
def test_no_role_mention_where_the_role_may_be_someone_elses(matcher, text):
    assert roles(matcher, text) == []


def test_a_role_that_is_an_alias_itself_is_not_counted_twice():
    kreml = [Actor("Putin", "person", ("Putin", "Wladimir Putin", "Kremlchef"))]
    m = ActorMatcher(kreml).fit()
    text = "Kremlchef Wladimir Putin kam. Der Kremlchef sprach."
    assert roles(m, text) == []  # "Kremlchef" is found by name already
    assert [surface for _a, surface, _s, _e in m.find(text)] == ["Kremlchef", "Wladimir Putin", "Kremlchef"]


def test_the_pipeline_counts_role_mentions_in_the_mentions_table(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Gipfel in Alaska\n\n14.08.2025\n\nUS-Präsident Donald Trump traf Wladimir Putin. "
        "Der US-Präsident sprach danach von Fortschritten. Der Kremlchef schwieg.",
        encoding="utf-8",
    )
    corpus = analyse_folder(tmp_path, today=date(2026, 1, 1))
    m = corpus.mentions
    trump = m[m["actor"] == "Trump"]
    assert sorted(trump["alias"]) == ["Donald Trump", "US-Präsident"]
    # the role's sentence is one that names Trump: the second sentence of the body
    sentences = corpus.sentences
    by_role = trump[trump["alias"] == "US-Präsident"].iloc[0]
    text = sentences[(sentences.article_id == by_role.article_id) & (sentences.sent_idx == by_role.sent_idx)].text
    assert text.iloc[0].startswith("Der US-Präsident sprach")
