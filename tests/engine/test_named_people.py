"""The people a corpus names most often: full name first, then the surname alone or a role."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tonlage.actors import ActorMatcher, read_actors, suggested_row
from tonlage.voices.named import count_named_people, name_key, names_in_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def matcher():
    return ActorMatcher(read_actors(ROOT / "data" / "actors.csv")).fit()


def test_a_person_is_a_full_name_used_again_by_surname(matcher):
    text = (
        "Angela Merkel traf am Montag Vertreter der Länder. Danach sagte Merkel, man sei sich einig. "
        "Auch Donald Trump rief an; Trump lobte die Einigung."
    )
    # Trump is on the list: not offered again.
    assert names_in_text(text, matcher) == [("Angela Merkel", "Merkel", 1, 0)]
    # The surname after a preposition opening a sentence, and a genitive, count as alone too.
    text = "Hans Jörg Schelling sprach lange. Für Schelling ist das Defizit zu hoch. Schellings Plan blieb."
    assert names_in_text(text, matcher) == [("Hans Jörg Schelling", "Schelling", 2, 0)]


def test_a_role_before_the_name_is_evidence_enough(matcher):
    found = names_in_text("Bundeskanzlerin Angela Merkel traf am Montag Vertreter der Länder.", matcher)
    assert found == [("Angela Merkel", "Merkel", 1, 0)]


def test_a_role_or_a_form_of_address_before_the_surname_names_the_person(matcher):
    text = "Angela Merkel reiste ab. Später lobte Kanzlerin Merkel den Plan, und Frau Merkel blieb."
    assert names_in_text(text, matcher) == [("Angela Merkel", "Merkel", 2, 0)]
    # Across short texts too: "Teamkapitän Fuchs" is the player named in full elsewhere.
    posts = ["Christian Fuchs spielt.", "Christian Fuchs trifft.", "Teamkapitän Fuchs jubelt.", "Herr Fuchs geht."]
    assert count_named_people(posts, matcher)["christian fuchs"].articles == 4
    # Another capitalised word before it is not one: "Sturm Merkel" is no use of the surname.
    assert names_in_text("Angela Merkel reiste ab. Sturm Merkel zog auf.", matcher) == []


def test_places_things_and_adjectives_are_no_people(matcher):
    # "in Graz" three times: a place, counted as such, and never an article for a person.
    assert names_in_text("Sturm Graz gewann in Graz. Die Fans feierten in Graz. In Graz regnete es.", matcher) == [
        ("Sturm Graz", "Graz", 0, 3)
    ]
    # No second use at all: nothing to tell a person from a thing.
    assert names_in_text("Lange Zeit war es ruhig. Die Stadt New York meldete Regen.", matcher) == []
    # An adjective opens the run: no given name ("Staat" alone after a comma does not help).
    assert names_in_text("Die Miliz Islamischer Staat drohte, Staat und Kirche schwiegen.", matcher) == []
    assert names_in_text("Brüchige Waffenruhe in Gaza. Sie sagte, Waffenruhe sei nötig.", matcher) == []
    # ... but a given name that looks like a verb form stays one (simplemma: "Ahmet" → "ahmen").
    assert names_in_text("Ahmet Davutoğlu kam. Später sagte Davutoğlu nichts.", matcher) == [
        ("Ahmet Davutoğlu", "Davutoğlu", 1, 0)
    ]


def test_name_particles_belong_to_the_surname(matcher):
    text = "Alexander Van der Bellen empfing die Delegation. Später erklärte Van der Bellen, er sei zufrieden."
    assert names_in_text(text, matcher) == [("Alexander Van der Bellen", "Van der Bellen", 1, 0)]


def test_counted_over_articles_one_person_under_one_key(matcher):
    texts = [
        "Finanzminister Hans-Jörg Schelling legte das Budget vor. Doch Schelling blieb dabei.",
        "Hans Jörg Schelling sprach. Kritik an Schelling kam von der Opposition.",
        "Anna Roth sprach. Später sagte Roth nichts mehr.",  # one article only
        "Sturm Graz gewann. Sturm Graz feierte in Graz.",  # twice, but a place
        "Sturm Graz verlor. Die Spieler von Sturm Graz schwiegen, in Graz war es still.",
    ]
    assert name_key("Hans-Jörg Schelling") == name_key("Hans Jörg  Schelling") == "hans jörg schelling"
    found = count_named_people(texts, matcher)
    assert list(found) == ["hans jörg schelling"]
    p = found["hans jörg schelling"]
    # alone: "Doch Schelling", the role "Finanzminister", "an Schelling"
    assert (p.surname, p.articles, p.alone, p.places) == ("Schelling", 2, 3, 0)
    assert p.forms == {"Hans-Jörg Schelling": 1, "Hans Jörg Schelling": 1}
    assert set(count_named_people(texts, matcher, min_articles=1)) == {"hans jörg schelling", "anna roth"}


def test_a_named_person_is_added_by_the_surname_with_its_spellings():
    assert suggested_row("Alexander Van der Bellen", "person", "", "Van der Bellen") == {
        "actor": "Van der Bellen",
        "kind": "person",
        "aliases": "Alexander Van der Bellen",
    }
    assert suggested_row("Hans-Jörg Schelling", "person", "Hans Jörg Schelling", "Schelling") == {
        "actor": "Schelling",
        "kind": "person",
        "aliases": "Hans-Jörg Schelling | Hans Jörg Schelling",
    }


class _Texts:
    """A corpus's texts (tonlage.storage.article_texts.ArticleTexts) that say which were read."""

    def __init__(self, texts: dict[str, str]):
        from tonlage.storage.article_texts import ArticleTexts

        stored = ArticleTexts.of(list(texts), list(texts.values()))
        self.ids, self.parts, self._stored = stored.ids, stored.parts, stored
        self.asked: list[str] = []

    def texts(self, ids):
        self.asked += list(ids)
        return self._stored.texts(ids)


class _Corpus:
    """What views.named_people reads of an analysed corpus: the article ids and their texts."""

    def __init__(self, texts: dict[str, str]):
        self.articles = pd.DataFrame({"article_id": list(texts)})
        self.texts = _Texts(texts)


def test_a_large_corpus_is_read_in_an_even_sample_and_counts_are_estimates():
    from tonlage.present.views import named_people

    merkel = "Angela Merkel sprach. Danach sagte Merkel, man sei einig."
    roth = "Anna Roth sprach. Später sagte Roth nichts."
    corpus = _Corpus({f"a{i:02d}": merkel if i % 2 == 0 else roth for i in range(20)})
    whole = named_people(corpus, [])
    assert whole[["name", "surname", "n_articles", "n_read", "n_total"]].values.tolist() == [
        ["Angela Merkel", "Merkel", 10, 20, 20],
        ["Anna Roth", "Roth", 10, 20, 20],
    ]
    corpus.texts.asked.clear()
    part = named_people(corpus, [], sample=5)
    assert corpus.texts.asked == ["a00", "a05", "a10", "a14", "a19"]  # spread over the rows
    assert part[["name", "n_articles", "n_read", "n_total"]].values.tolist() == [
        ["Angela Merkel", 12, 5, 20],  # 3 of 5 read: about 12 of 20
        ["Anna Roth", 8, 5, 20],
    ]
    # Named by the list: not offered.
    from tonlage.actors import Actor

    assert named_people(corpus, [Actor("Merkel", "person", ("Merkel", "Angela Merkel"))])["name"].tolist() == [
        "Anna Roth"
    ]


def test_the_counts_are_kept_and_counted_again_only_for_other_texts_or_another_list(monkeypatch):
    from tonlage.actors import Actor
    from tonlage.present import views
    from tonlage.voices import named

    counted, count = [], named.count_named_people

    def counting(texts, matcher, **kw):
        counted.append(len(texts))
        return count(texts, matcher, **kw)

    monkeypatch.setattr(named, "count_named_people", counting)
    merkel = "Angela Merkel sprach. Danach sagte Merkel, man sei einig."
    roth = "Anna Roth sprach. Später sagte Roth nichts."
    texts = {f"k{i:02d}": merkel if i % 2 == 0 else roth for i in range(6)}
    first = views.named_people(_Corpus(texts), [])
    assert first["name"].tolist() == ["Angela Merkel", "Anna Roth"] and counted == [6]
    again = views.named_people(_Corpus(texts), [])  # another server: read from the cache
    pd.testing.assert_frame_equal(again, first)
    assert counted == [6]
    followed = [Actor("Roth", "person", ("Roth", "Anna Roth"))]
    assert views.named_people(_Corpus(texts), followed)["name"].tolist() == ["Angela Merkel"]
    assert counted == [6, 6]  # another list: counted again
    changed = {**texts, "k01": "Olaf Scholz sprach. Dann schwieg Scholz.", "k03": "Olaf Scholz kam. Scholz ging."}
    assert "Olaf Scholz" in views.named_people(_Corpus(changed), [])["name"].tolist()
    assert counted == [6, 6, 6]  # other texts: counted again


def test_suggestions_join_the_named_and_the_quoted_each_person_once():
    from tonlage.present.views import suggested_actors
    from tonlage.storage.sentence_store import SentenceStore

    merkel = "Angela Merkel sprach. Danach sagte Merkel, man sei einig."
    corpus = _Corpus({"a": merkel, "b": merkel, "c": "Die Polizei ermittelt.", "d": "Die Polizei schweigt."})
    corpus.sentence_store = SentenceStore(
        pd.DataFrame(
            {
                "article_id": ["a", "b", "c", "d", "d"],
                "speaker": ["Merkel", "Merkel", "Polizei", "Polizei", "Jens Spahn"],
                "speaker_actor": ["", "", "", "", ""],
            }
        )
    )
    got = suggested_actors(corpus, [])
    # Merkel is quoted and named: once, as named (by her surname, with her full name).
    assert got[["name", "kind", "surname", "n_articles", "estimated"]].values.tolist() == [
        ["Angela Merkel", "person", "Merkel", 2, False],
        ["Polizei", "institution", "", 2, False],
    ]  # Jens Spahn: one quoted sentence, under the quoted list's floor of two
    assert suggested_actors(corpus, [], limit=1)["name"].tolist() == ["Angela Merkel"]


def test_the_quoted_are_kept_under_the_sentences_content_and_read_back_the_same():
    from tonlage.present.views import unfollowed_speakers
    from tonlage.storage.sentence_store import SentenceStore

    def store(content: str, speakers: list[str]) -> SentenceStore:
        s = SentenceStore(
            pd.DataFrame(
                {"article_id": list("abcd"), "speaker": speakers, "speaker_actor": [""] * 4, "n_words": [5] * 4}
            )
        )
        reads = []
        whole = s.unfollowed_speakers
        s.unfollowed_speakers = lambda: reads.append(1) or whole()
        s.content_key = lambda: content  # as a store on disk names its parts
        s.reads = reads
        return s

    quoted = ["Polizei", "Polizei", "Jens Spahn", "Jens Spahn"]
    first = store("sentences-1", quoted)
    made = unfollowed_speakers(_with_store(first), limit=5)
    assert made["speaker"].tolist() == ["Jens Spahn", "Polizei"] and first.reads == [1]
    again = store("sentences-1", quoted)  # another server, the same sentences: read from the cache
    pd.testing.assert_frame_equal(unfollowed_speakers(_with_store(again), limit=5), made)
    assert again.reads == []
    other = store("sentences-2", ["Polizei", "Polizei", "Polizei", "Olaf Scholz"])  # other sentences
    assert unfollowed_speakers(_with_store(other), limit=5)["speaker"].tolist() == ["Polizei"]
    assert other.reads == [1]
    fewer = store("sentences-1", quoted)  # another limit: counted again
    assert unfollowed_speakers(_with_store(fewer), limit=1)["speaker"].tolist() == ["Jens Spahn"]
    assert fewer.reads == [1]


def _with_store(store):
    corpus = _Corpus(dict.fromkeys("abcd", "Sie sprach."))
    corpus.sentence_store = store
    return corpus


def test_a_quoted_person_is_offered_without_the_role_before_the_name():
    from tonlage.present.views import suggested_actors
    from tonlage.storage.sentence_store import SentenceStore

    corpus = _Corpus({"a": "Sie sprach.", "b": "Sie sprach wieder."})
    corpus.sentence_store = SentenceStore(
        pd.DataFrame(
            {
                "article_id": ["a", "b"],
                "speaker": ["Trainer Peter Zeidler", "Trainer Peter Zeidler"],
                "speaker_actor": ["", ""],
            }
        )
    )
    (row,) = suggested_actors(corpus, []).itertuples(index=False)
    assert (row.name, row.spellings) == ("Peter Zeidler", "Trainer Peter Zeidler")
    assert suggested_row(row.name, row.kind, row.spellings, row.surname) == {
        "actor": "Zeidler",
        "kind": "person",
        "aliases": "Peter Zeidler | Trainer Peter Zeidler",
    }


def test_only_the_head_of_a_long_text_is_read_for_names(matcher):
    from tonlage.voices.named import NAMED_CHARS

    person = "Anna Roth sprach. Später sagte Roth nichts."
    filler = "Es regnete den ganzen Tag. " * (NAMED_CHARS // 27 + 1)
    assert names_in_text(person + " " + filler, matcher) == [("Anna Roth", "Roth", 1, 0)]
    # A hostile text of nothing but names is read only that far: a name beyond is not found.
    assert names_in_text(filler + person, matcher) == []


def test_a_news_agency_is_not_offered_to_follow():
    """ "berichtete Anadolu": the agency carries the report, it is no one to follow; a person
    who shares a word with an agency is still offered."""
    from tonlage.present.views import suggested_actors
    from tonlage.storage.sentence_store import SentenceStore

    corpus = _Corpus(dict.fromkeys("abcd", "Es wurde berichtet."))
    corpus.sentence_store = SentenceStore(
        pd.DataFrame(
            {
                "article_id": ["a", "b", "c", "a", "b", "a", "b", "c", "d"],
                "speaker": ["Anadolu", "Anadolu", "Anadolu"]
                + ["Getty Images"] * 2
                + ["Michael Bloomberg"] * 2
                + ["Reuters"] * 2,
                "speaker_actor": [""] * 9,
            }
        )
    )
    got = suggested_actors(corpus, [])
    assert got["name"].tolist() == ["Michael Bloomberg"]
    assert suggested_actors(corpus, [], limit=1)["name"].tolist() == ["Michael Bloomberg"]


def test_short_texts_name_a_person_by_the_surname_alone(matcher):
    # Posts and headlines give the full name now and then, and the surname alone (or as a
    # hashtag) most of the time: each of those texts names the person too.
    posts = [
        "Angela Merkel besucht heute Leipzig.",
        "Angela Merkel spricht im Bundestag.",
        "Wieder redet Merkel über Europa.",
        "#Merkel muss weg, sagt er.",
        "Heute Abend: Merkel im TV.",
        "Die Zeit drängt für Merkels Partei.",
        "Der Merkel-Plan kommt.",  # part of a word: not the person alone
    ]
    found = count_named_people(posts, matcher)
    assert list(found) == ["angela merkel"]
    p = found["angela merkel"]
    assert (p.articles, sorted(p.full), sorted(p.evident)) == (6, [0, 1], [2, 3, 4, 5])
    # The full name given once only: no evidence beyond that text is looked for.
    assert count_named_people(posts[1:], matcher) == {}


def test_a_noun_or_a_place_is_not_read_as_a_surname_across_texts(matcher, monkeypatch):
    from tonlage.voices import named

    # "Zeit" follows an article in most uses: a noun, so "Doris Zeit" gets no evidence from the
    # texts that do not give the name, though "Zeit" stands alone after a verb in three of them.
    nouns = [
        "Doris Zeit sprach lange.",
        "Doris Zeit kam spät.",
        "Die Zeit läuft davon.",
        "Die Zeit drängt.",
        "Der Zeit voraus.",
        "Es ist Zeit.",
        "Nun wird Zeit knapp.",
        "Jetzt fehlt Zeit.",
    ]
    # "Wien" alone often, but after "in" and "nach" too: a place.
    places = [
        "Rapid Wien gewinnt das Derby.",
        "Rapid Wien verliert knapp.",
        "In Wien regnet es.",
        "Wir fahren nach Wien.",
        "Wien feiert, sagte er.",
        "Er blieb in Wien.",
        "Dann kam Wien.",
        "Wien jubelt.",
        "Ein Sieg für Wien.",
    ]
    assert named.name_like(nouns, {"Doris", "Zeit"}) == {"Doris"}
    assert named.name_like(places, {"Rapid", "Wien"}) == {"Rapid"}
    assert count_named_people(nouns, matcher) == {}
    assert count_named_people(places, matcher) == {}
    # Read as names, both would be taken for people: the check above is what keeps them out.
    monkeypatch.setattr(named, "name_like", lambda texts, words: set(words))
    assert list(count_named_people(nouns, matcher)) == ["doris zeit"]
    assert list(count_named_people(places, matcher)) == ["rapid wien"]
