"""Actors: aliases, inflections, title aliases, word boundaries."""

from tonlage import DEFAULT_DATA_DIR
from tonlage.actors import Actor, ActorMatcher, read_actors

ACTORS = [
    Actor("Putin", "person", ("Putin", "Wladimir Putin", "Kremlchef")),
    Actor("Lawrow", "person", ("Lawrow", "Lavrov", "Sergej Lawrow")),
    Actor("Kreml", "institution", ("Kreml",)),
    Actor("EU", "institution", ("EU",)),
]


def names(text: str) -> list[str]:
    return [m[0] for m in ActorMatcher(ACTORS).fit().find(text)]


def test_aliases_and_genitives_map_to_the_canonical_name():
    assert names("Lavrovs Antwort, Lawrows Ton und Sergej Lawrow selbst") == ["Lawrow", "Lawrow", "Lawrow"]


def test_title_alias_beats_the_shorter_institution():
    assert names("Der Kremlchef und der Kreml") == ["Putin", "Kreml"]


def test_full_name_is_one_mention():
    found = ActorMatcher(ACTORS).fit().find("Wladimir Putin sprach.")
    assert [(a, s) for a, s, _, _ in found] == [("Putin", "Wladimir Putin")]


def test_word_boundaries_and_case():
    assert names("neue Europäer, eu-weit, NEU") == []
    assert names("EU-Kommission und EU") == ["EU", "EU"]


def test_offsets_point_at_the_mention():
    text = "Gestern traf Lawrow ein."
    ((_, alias, s, e),) = ActorMatcher(ACTORS).fit().find(text)
    assert text[s:e] == alias == "Lawrow"


def test_bundled_list_reads_and_covers_the_issue_actors():
    actors = {a.name: a for a in read_actors(DEFAULT_DATA_DIR / "actors.csv")}
    for name in (
        "Trump",
        "Putin",
        "Rubio",
        "Lawrow",
        "Selenskyj",
        "Witkoff",
        "Macron",
        "Kreml",
        "Weißes Haus",
        "EU",
        "NATO",
    ):
        assert name in actors
    matcher = ActorMatcher(list(actors.values())).fit()
    found = [m[0] for m in matcher.find("Zelensky, Selenskij und der Kremlchef im Weißen Haus")]
    assert found == ["Selenskyj", "Selenskyj", "Putin", "Weißes Haus"]
    # The UN as the Spiegel, the FAZ and Austrian papers write it, alone and in compounds; a
    # word that only begins so is not it. As one actor, the theme terms fold "Uno" into "UNO".
    found = matcher.find("Die Uno, der Uno-Generalsekretär, die UNO und ein Unort")
    assert [(m[0], m[1]) for m in found] == [("UN", "Uno"), ("UN", "Uno"), ("UN", "UNO")]
    assert matcher.same_actor("Uno", "UNO")


def test_comment_rows_and_blank_aliases_are_ignored(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("actor,kind,aliases\n# note,person,\nMerz,person,\n", encoding="utf-8")
    actors = read_actors(path)
    assert [(a.name, a.aliases) for a in actors] == [("Merz", ("Merz",))]


def test_prefix_tree_pattern_matches_like_a_longest_first_alternation():
    import re

    from tonlage.actors import trie_pattern

    words = [
        "Kreml",
        "Kremlchef",
        "Kremlchefs",
        "Kreml-Chef",
        "EU",
        "Europäische Union",
        "UN",
        "UNO",
        "US-Außenministerium",
        "US",
        "Weißes Haus",
        "Weißen Haus",
    ]
    flat = re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))
    tree = re.compile(trie_pattern(words))
    text = (
        "Der Kremlchefs Kreml-Chef, die UNO und die UN, EU-weit, Europäische Union; das US-Außenministerium "
        "der US im Weißen Haus, Kremlc, Kreml."
    )
    assert [m.group(0) for m in tree.finditer(text)] == [m.group(0) for m in flat.finditer(text)]
    assert trie_pattern(["Kreml", "Kremlchef"]) == "Kreml(?:chef)?"
