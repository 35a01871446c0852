"""A workspace's own actor list: the rows a reader edits, checked in plain words, kept in the
workspace, and followed by its analysis (tonlage.actors, tonlage.storage.workspace)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tonlage.actors import (
    KINDS,
    actor_rows,
    actors_csv,
    actors_from_csv,
    actors_from_rows,
    read_actors,
)
from tonlage.i18n import translator
from tonlage.ingest import Document
from tonlage.ingest.run import ingest
from tonlage.storage.store import cached_workspace_analysis
from tonlage.storage.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
EN = translator("en")
ARTICLE = (
    "Koalition vor dem Abschluss | Anna Beispiel. 15.08.2025.\n\n"
    "Friedrich Merz will die Verhandlungen noch in dieser Woche abschließen. Der Kanzler Merz lobte die "
    "Gespräche. Lars Klingbeil sprach von einem schwierigen, aber fairen Kompromiss. Merz' Sprecher "
    "bestätigte den Termin."
)


def _problems(rows) -> list[str]:
    return [EN.message(p) for p in actors_from_rows(rows)[1]]


def test_the_standard_list_goes_through_the_editor_s_rows_unchanged():
    standard = read_actors(ROOT / "data" / "actors.csv")
    again, problems = actors_from_rows(actor_rows(standard))
    assert problems == [] and again == standard
    assert actors_from_csv(actors_csv(standard)) == standard
    assert actors_from_csv("\ufeff" + actors_csv(standard)) == standard  # a byte order mark is no name
    assert {a.kind for a in standard} <= set(KINDS)


def test_a_reader_s_rows_are_cleaned_and_their_problems_named():
    actors, problems = actors_from_rows(
        [
            {"actor": "  Merz ", "kind": "person", "aliases": "Friedrich Merz |  Kanzler   Merz | "},
            {"actor": None, "kind": None, "aliases": float("nan")},  # an empty row added and left
            {"actor": "SPD", "kind": "institution", "aliases": ""},
        ]
    )
    assert problems == []
    assert [(a.name, a.kind, a.aliases) for a in actors] == [
        ("Merz", "person", ("Merz", "Friedrich Merz", "Kanzler Merz")),
        ("SPD", "institution", ("SPD",)),
    ]
    assert _problems([{"actor": "", "kind": "person", "aliases": "Scholz"}]) == ["Row 1: an actor needs a name."]
    assert _problems([{"actor": "Merz", "kind": "Partei", "aliases": ""}]) == [
        "Merz: the kind must be a person, an institution or a country."
    ]
    assert _problems([{"actor": "Merz", "kind": "person"}, {"actor": "Merz", "kind": "person"}]) == [
        "Merz is in the list twice."
    ]
    assert _problems(
        [
            {"actor": "Merz", "kind": "person", "aliases": "Kanzler"},
            {"actor": "Scholz", "kind": "person", "aliases": "Kanzler"},
        ]
    ) == ["'Kanzler' is a spelling of both Scholz and Merz."]
    assert _problems([{"actor": "Merz", "kind": "person", "aliases": "x" * 81}]) == [
        "Merz: a name or spelling has at most 80 characters."
    ]
    assert _problems([{"actor": "Merz", "kind": "person", "aliases": "--"}]) == ["Merz: '--' has no letter to find."]
    assert _problems([{"actor": "Merz", "kind": "person", "aliases": "|".join(f"M{i}" for i in range(51))}]) == [
        "Merz: at most 50 spellings."
    ]
    assert _problems([{"actor": f"A{i}", "kind": "person"} for i in range(501)]) == ["At most 500 actors."]


def test_a_workspace_keeps_its_own_list_and_its_analysis_follows_it(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    ws = Workspace("Koalition", root=tmp_path / "data")
    ingest(ws, [Document("koalition.txt", ARTICLE.encode())], today=date(2026, 11, 23))
    assert ws.actor_list() is None and ws.actors_file() is None
    before = ws.fingerprint()
    standard = cached_workspace_analysis(ws, random_state=0)
    assert "Merz" not in set(standard.actor_articles["actor"])  # not on the standard list

    own, _ = actors_from_rows(
        [
            {"actor": "Merz", "kind": "person", "aliases": "Friedrich Merz | Kanzler Merz"},
            {"actor": "Klingbeil", "kind": "person", "aliases": "Lars Klingbeil"},
        ]
    )
    ws.set_actor_list(actors_csv(own))
    assert ws.fingerprint() != before  # the analysis is made again
    assert actors_from_csv(ws.actor_list()) == own
    path = ws.actors_file()
    assert path is not None and read_actors(path) == own
    assert Workspace("Koalition", root=tmp_path / "data", create=False).actors_file() == path  # named by content
    analysed = cached_workspace_analysis(ws, random_state=0)
    found = analysed.actor_articles.set_index("actor")
    assert set(found.index) == {"Merz", "Klingbeil"}
    assert int(found.loc["Merz", "mentions"]) == 3  # "Friedrich Merz", "Kanzler Merz" and "Merz'" once each
    # Back to the standard list: the workspace's own list is forgotten, the analysis follows.
    ws.set_actor_list(None)
    assert ws.actor_list() is None and ws.actors_file() is None
    assert "Merz" not in set(cached_workspace_analysis(ws, random_state=0).actor_articles["actor"])


def test_an_explicit_list_still_wins_over_the_workspace_s_own(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    ws = Workspace("Koalition", root=tmp_path / "data")
    ingest(ws, [Document("koalition.txt", ARTICLE.encode())], today=date(2026, 11, 23))
    ws.set_actor_list(actors_csv(actors_from_rows([{"actor": "Merz", "kind": "person"}])[0]))
    given = tmp_path / "given.csv"
    given.write_text(actors_csv(actors_from_rows([{"actor": "Klingbeil", "kind": "person"}])[0]), encoding="utf-8")
    analysed = cached_workspace_analysis(ws, actors_file=given, random_state=0)
    assert set(analysed.actor_articles["actor"]) == {"Klingbeil"}


@pytest.mark.parametrize("text", ["", "actor,kind,aliases\n"])
def test_an_empty_list_finds_no_one(text):
    assert actors_from_csv(text) == []


QUOTES = (
    "Streit um die Rente | Eva Muster. 24.09.2025.\n\n"
    "„Wir werden diesen Kompromiss nicht mittragen“, sagte Jens Spahn am Montag. "
    "Spahn fügte hinzu, die Fraktion sei sich einig. "
    "„Das ist ein fairer Vorschlag“, sagte Friedrich Merz. "
    "Der Kanzler betonte, man werde weiter reden. "
    "„Wir prüfen das“, sagte Trump."
)


def test_who_is_quoted_but_not_followed_is_offered_by_one_name(tmp_path, monkeypatch):
    from tonlage.actors import suggested_row
    from tonlage.present.views import unfollowed_speakers

    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    ws = Workspace("Rente", root=tmp_path / "data")
    ingest(ws, [Document("rente.txt", QUOTES.encode())], today=date(2026, 11, 23))
    corpus = cached_workspace_analysis(ws, random_state=0)
    speakers = corpus.sentence_store.frame(["speaker", "speaker_actor"])
    assert "Trump" in set(speakers["speaker_actor"])  # followed: not offered
    offered = unfollowed_speakers(corpus)
    assert list(offered["speaker"]) == ["Friedrich Merz", "Jens Spahn"]  # two sentences each, by name
    assert list(offered["n_sentences"]) == [2, 2] and list(offered["n_articles"]) == [1, 1]
    assert list(offered["kind"]) == ["person", "person"] and list(offered["short"]) == list(offered["speaker"])
    assert unfollowed_speakers(corpus, min_sentences=3).empty
    assert unfollowed_speakers(corpus, limit=1)["speaker"].tolist() == ["Friedrich Merz"]
    # Added by the last word of the name, the whole name a spelling of it; then followed.
    rows = [suggested_row(r.speaker, r.kind, r.short) for r in offered.itertuples()]
    assert rows[1] == {"actor": "Spahn", "kind": "person", "aliases": "Jens Spahn"}
    # A body by its whole name; a person's role before the name is left out of a spelling
    assert suggested_row("DWD", "institution", "DWD") == {"actor": "DWD", "kind": "institution", "aliases": ""}
    assert suggested_row("Belgrader Polizei", "institution") == {
        "actor": "Belgrader Polizei",
        "kind": "institution",
        "aliases": "",
    }
    assert suggested_row("Trainer Peter Zeidler", "person", "Peter Zeidler") == {
        "actor": "Zeidler",
        "kind": "person",
        "aliases": "Trainer Peter Zeidler | Peter Zeidler",
    }
    actors, problems = actors_from_rows([*actor_rows(read_actors(ROOT / "data" / "actors.csv")), *rows])
    assert problems == []
    ws.set_actor_list(actors_csv(actors))
    again = cached_workspace_analysis(ws, random_state=0)
    assert unfollowed_speakers(again).empty
    assert {"Merz", "Spahn"} <= set(again.actor_articles["actor"])


def test_the_same_person_under_two_names_is_offered_once(monkeypatch):
    import pandas as pd

    from tonlage.present.views import unfollowed_speakers
    from tonlage.storage.sentence_store import SentenceStore

    class Corpus:
        sentence_store = SentenceStore(
            pd.DataFrame(
                {
                    "article_id": ["a", "a", "b", "b", "c", "c", "c", "d", "d", "e", "e"],
                    "speaker": [
                        "Guy Parmelin",
                        "Parmelin",
                        "Parmelin",
                        "",
                        "DWD",
                        "Keller-Sutter",
                        "Forscher",  # a group: no one to follow
                        "Angaben",  # a source, no speaker at all
                        "Bundespolizei",
                        "Polizei",  # another body, though the last word is the same
                        "Weil",  # one word that is no name ("weil")
                    ],
                    "speaker_actor": ["", "", "", "", "", "Keller-Sutter", "", "", "", "", ""],
                }
            )
        )

    got = unfollowed_speakers(Corpus(), min_sentences=1)
    assert got.to_dict("records") == [
        {"speaker": "Guy Parmelin", "kind": "person", "short": "Guy Parmelin", "n_sentences": 3, "n_articles": 2},
        {
            "speaker": "Bundespolizei",
            "kind": "institution",
            "short": "Bundespolizei",
            "n_sentences": 1,
            "n_articles": 1,
        },
        {"speaker": "DWD", "kind": "institution", "short": "DWD", "n_sentences": 1, "n_articles": 1},
        {"speaker": "Polizei", "kind": "institution", "short": "Polizei", "n_sentences": 1, "n_articles": 1},
    ]


def test_a_speaker_s_kind_is_read_from_the_words_of_the_name():
    from tonlage.voices.names import name_kind, person_name

    kinds = {
        "Jens Spahn": "person",
        "Parmelin": "person",
        "Kanzler Friedrich Merz": "person",
        "ORF": "institution",
        "Innenministerium": "institution",
        "Ratingagentur": "institution",
        "Weser-Zeitung": "institution",
        "Forscher": "group",
        "Befragten": "group",
        "Angaben": "source",
        "STANDARD-Informationen": "source",
        "Weil": "",
        "": "",
    }
    assert {name: name_kind(name) for name in kinds} == kinds
    assert person_name("Kanzler Friedrich Merz") == "Friedrich Merz"
    assert person_name("Trainer Zeidler") == "Trainer Zeidler"  # no name would be left but the last word
    assert person_name("Jens Spahn") == "Jens Spahn"
