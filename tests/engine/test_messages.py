"""The engine hands readers messages, not English sentences: every sentence it produces (an
ingest reason, a date note, tone evidence, a compare warning, an event or workspace error) is a
:class:`~tonlage.i18n.Message` whose text is English and which a German translator renders in
German; what is stored comes back as a message, and old plain-English rows still read."""

from __future__ import annotations

import pickle
import sqlite3
from datetime import date

import pytest

from tonlage.events import EventBook, EventError
from tonlage.i18n import Message, Signed, message, message_json, message_of, stored, to_store, translator
from tonlage.ingest import Document, IngestError
from tonlage.ingest.limits import Limits
from tonlage.ingest.run import SKIPPED, documents_from_uploads, ingest, read_articles
from tonlage.ingest.spool import BatchTooLarge, check_batch
from tonlage.reading.dates import PageDate, resolve_date
from tonlage.storage.workspace import Workspace, WorkspaceError
from tonlage.tone import ToneScorer
from tonlage.tone.scorer import Cue, SentenceTone, packed_evidence

DE, EN = translator("de"), translator("en")
BODY = (
    "Die Gespräche der Außenminister in Genf wurden am Dienstag ohne Ergebnis vertagt. Beide Seiten "
    "wollen sich in der kommenden Woche erneut treffen."
)


def german(m) -> str:
    """``m`` in German, after checking it is a message whose German differs from its English."""
    assert isinstance(m, Message), f"plain text, not a message: {m!r}"
    text = DE.message(m)
    assert text and text != str(m), f"no German for {str(m)!r}"
    assert EN.message(m) == str(m)  # the English translator gives the text the message carries
    return text


# --- ingest ---------------------------------------------------------------------------------------
def test_ingest_reasons_are_messages_and_come_back_from_the_workspace(tmp_path):
    ws = Workspace("Nachrichten", root=tmp_path)
    files = [
        ("leer.txt", b""),
        ("bild.png", b"\x89PNG\r\n\x1a\n\0\0"),
        ("alt.txt", BODY.encode("cp1252")),
        ("kaputt.zip", b"PK\x03\x04 not really a zip"),
        ("ok.txt", BODY.encode()),
    ]
    report = ingest(ws, documents_from_uploads(files))
    rows = {r.file: r for r in report.rows}
    assert german(rows["leer.txt"].reason).startswith("Die Datei ist leer")
    assert rows["leer.txt"].status == SKIPPED and str(rows["leer.txt"].reason).startswith("The file is empty")
    assert "werden nicht gelesen" in german(rows["bild.png"].reason)
    assert "Zip-Archiv" in german(rows["kaputt.zip"].reason)
    # A sentence built from pieces is a join: each piece translated on its own.
    alt = rows["alt.txt"].reason
    assert alt.parts and german(alt).startswith("1 Artikel gelesen. Die Datei ist nicht UTF-8")
    assert str(alt).startswith("1 article read. The file is not UTF-8; read as Windows-1252")
    assert german(alt).endswith("Sie können den Artikel auf der Seite „Eigenes Korpus“ datieren.")
    assert german(rows["ok.txt"].reason).startswith("1 Artikel gelesen. Kein Datum")

    saved = {file: reason for _, file, _, reason, _ in ws.reports()}
    assert set(saved) == set(rows)
    for file, reason in saved.items():
        assert isinstance(reason, Message) and reason == rows[file].reason
        assert DE.message(reason) == DE.message(rows[file].reason)


def test_old_plain_report_rows_and_notes_still_read(tmp_path):
    ws = Workspace("Alt", root=tmp_path)
    ingest(ws, documents_from_uploads([("a.txt", BODY.encode("cp1252"))]))
    with sqlite3.connect(ws.path) as con:  # as an older version wrote them: English text
        Workspace.save_report(con, [("b.txt", SKIPPED, "The file holds no text.", 0)])
        con.execute("UPDATE articles SET notes=?, date_note=?", ('["read as Windows-1252"]', "Set by hand."))
    reasons = [reason for _, file, _, reason, _ in ws.reports() if file == "b.txt"]
    assert reasons == ["The file holds no text."] and not isinstance(reasons[0], Message)
    a = ws.raw_articles()[0]
    assert a.notes == ["read as Windows-1252"] and a.date_note == "Set by hand."
    assert DE.message(a.date_note) == "Set by hand."  # plain text passes through a translator


def test_article_notes_and_date_notes_are_stored_as_messages(tmp_path):
    ws = Workspace("Notizen", root=tmp_path)
    ingest(
        ws, documents_from_uploads([("a.txt", f"date 2031-05-01\n\n{BODY}".encode("cp1252"))]), today=date(2025, 10, 1)
    )
    a = ws.raw_articles()[0]
    assert "Windows-1252" in german(a.notes[0])
    assert german(a.date_note) == "Das Datum der Kopfzeile (01.05.2031) liegt in der Zukunft und wurde nicht verwendet."
    ws.edit(a.article_id, date="2025-09-24")
    edited = ws.raw_articles()[0]
    assert german(edited.date_note) == "Datum von Hand in der App gesetzt."


def test_ingest_errors_keep_english_text_and_carry_the_message():
    with pytest.raises(IngestError) as caught:
        read_articles(Document("x.rtf", b"{\\rtf1 Hallo}"))
    exc = caught.value
    assert str(exc) == "'.rtf' files are not read; save the article as .docx, .pdf, .html or .txt."
    assert german(message_of(exc)).startswith("„.rtf“-Dateien werden nicht gelesen")
    assert pickle.loads(pickle.dumps(exc)).args[0].msgid == message_of(exc).msgid  # crosses worker processes


def test_batch_too_large_is_a_message_with_numbers_per_language():
    with pytest.raises(BatchTooLarge) as caught:
        check_batch([300 * 2**20, 200 * 2**20], Limits(max_batch_bytes=400 * 2**20))
    assert str(caught.value).startswith("These 2 files are 500 MB together")
    assert german(message_of(caught.value)).startswith("Diese 2 Dateien sind zusammen 500 MB groß")


# --- dates ----------------------------------------------------------------------------------------
def test_a_date_note_is_a_message_in_both_languages():
    f = resolve_date(
        text="Ein Text über den Oktober 2025.", today=date(2025, 11, 1), header=(date(2026, 10, 21), "day")
    )
    assert str(f.note) == (
        "The header date 2026-10-21 is in the future and was not used. "
        "Date inferred from the latest date mentioned in the text."
    )
    assert german(f.note) == (
        "Das Datum der Kopfzeile (21.10.2026) liegt in der Zukunft und wurde nicht verwendet. "
        "Datum aus dem spätesten im Text genannten Datum erschlossen."
    )
    assert stored(to_store(f.note)) == f.note and DE.message(stored(to_store(f.note))) == DE.message(f.note)


def test_the_dates_in_a_date_note_are_written_as_the_reader_s_language_writes_dates():
    # A month made precise by a later day: both dates in the note, each to its precision.
    f = resolve_date(
        text="Text.",
        today=date(2025, 11, 1),
        header=(date(2025, 8, 1), "month"),
        page_dates=[PageDate(date(2025, 8, 6), "day", "updated")],
    )
    assert str(f.note) == "The header date 2025-08 was made precise by the page's date 2025-08-06."
    assert german(f.note).count("Aug. 2025") == 1 and "06.08.2025" in german(f.note)
    assert "2025-08" not in german(f.note)
    again = pickle.loads(pickle.dumps(f.note))  # packed as JSON in an analysis: the dates stay dates
    assert german(again) == german(f.note) and german(stored(to_store(f.note))) == german(f.note)
    assert DE.label("2025-13") == "2025-13" and DE.label("undated") == "ohne Datum"


# --- tone evidence --------------------------------------------------------------------------------
def test_tone_evidence_translates_the_rules_and_keeps_the_words():
    tone = ToneScorer().fit().score("Das war kein Erfolg.")
    evidence = tone.explain()
    english = str(evidence)
    assert english.startswith("Erfolg \u2212") and english.endswith("(negated by 'kein')")
    de = german(evidence)
    assert de.startswith("Erfolg \u2212") and "," in de.split()[1] and de.endswith("(verneint durch „kein“)")
    # The structure: one part per cue, with the word, a signed weight and the rules as parameters.
    (cue,) = evidence.parts
    assert cue.param("word") == "Erfolg" and isinstance(cue.param("weight"), Signed)
    assert cue.param("weight") == pytest.approx(tone.cues[0].weight)
    assert pickle.loads(pickle.dumps(evidence)) == evidence
    assert DE.message(pickle.loads(pickle.dumps(evidence))) == de
    assert german(ToneScorer().fit().score("Die Sitzung begann um neun Uhr.").explain()) == "keine Tonwörter"


EVIDENCE_SENTENCES = [
    "Das war kein Erfolg.",
    "Die Sitzung begann um neun Uhr.",
    "Der Gipfel war ein großer Erfolg, aber die Krise bleibt sehr ernst.",
    'Die Regierung lehnte den Vorschlag ab und sprach von einem "Fiasko".',
    "Nicht schlecht, doch kaum besser: die Friedensverhandlungen stocken :-(",
    "Trotz der Katastrophe zeigte sich die Ministerin erleichtert und zufrieden.",
]


@pytest.mark.parametrize("sentence", EVIDENCE_SENTENCES)
def test_packed_evidence_is_the_explanation_packed(sentence):
    tone = ToneScorer().fit().score(sentence)
    packed, evidence = packed_evidence(tone), tone.explain()
    assert str(packed) == str(evidence) and message_json(packed) == message_json(evidence)
    assert DE.message(packed) == german(evidence)  # the German reader sees the same


def test_packed_evidence_of_noted_plain_and_odd_cues():
    note = Message("negated by '{word}'", (("word", "nicht"),))
    tone = SentenceTone(-0.5, "negative", (Cue("Erfolg", -0.56, note), Cue("Krise", -0.8), Cue('„a"b\\', 0.125)))
    for t in (tone, SentenceTone(-0.5, "negative", (Cue("{x}", 1.0),)), SentenceTone(0.0, "neutral")):
        packed, evidence = packed_evidence(t), t.explain()
        assert str(packed) == str(evidence) and message_json(packed) == message_json(evidence)
    assert "(negated by 'nicht')" in packed_evidence(tone) and "\u2212" not in message_json(packed_evidence(tone))


def test_english_evidence_is_a_message_too():
    from tonlage.tone.english import EnglishToneScorer

    _, _, evidence = EnglishToneScorer().fit().score_sentence("This was not good.")
    assert "negated by 'not'" in evidence and "verneint durch „not“" in german(evidence)


# --- events and workspaces ------------------------------------------------------------------------
def test_event_errors_are_messages(tmp_path):
    book = EventBook.for_folder(tmp_path / "corpus", None, root=tmp_path)
    with pytest.raises(EventError) as caught:
        book.add("bald", "Gipfel")
    assert str(caught.value) == "'bald' is not a date; write it as 2025-08-15 or 15.08.2025."
    assert german(message_of(caught.value)) == "„bald“ ist kein Datum; schreiben Sie es als 2025-08-15 oder 15.08.2025."
    import pandas as pd

    with pytest.raises(EventError) as caught:
        book.replace_all(pd.DataFrame([{"date": "2025-08-15", "label": "x" * 81}]))
    assert (
        german(message_of(caught.value))
        == "Ereignis 1: Die Bezeichnung ist 81 Zeichen lang; höchstens 80 sind möglich."
    )


def test_workspace_errors_are_messages(tmp_path):
    with pytest.raises(WorkspaceError) as caught:
        Workspace("!!!", root=tmp_path)
    assert str(caught.value) == "A workspace name needs at least one letter or digit."
    assert german(message_of(caught.value)).startswith("Der Name eines Arbeitsbereichs")
    with pytest.raises(WorkspaceError) as caught:
        Workspace("Fehlt", root=tmp_path, create=False)
    assert german(message_of(caught.value)) == "Es gibt keinen Arbeitsbereich namens „Fehlt“."


def test_plurals_and_numbers_follow_the_language(tmp_path):
    ws = Workspace("Viele", root=tmp_path)
    rows = "\n".join(f'"{BODY} Nummer {i}."' for i in range(1234))
    report = ingest(ws, documents_from_uploads([("t.csv", f"text\n{rows}\n".encode())]))
    reason = report.rows[0].reason
    assert str(reason).startswith("1,234 articles read using the columns Text = 'text'.")
    assert german(reason).startswith("1.234 Artikel gelesen, mit den Spalten Text = „text“.")


# --- the analysed corpus --------------------------------------------------------------------------
def test_the_analysed_corpus_holds_messages(tmp_path):
    from tonlage.analysis.pipeline import analyse_folder

    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_bytes(
            f"Gipfel {i} | Eva Muster. 0{i + 1}.09.2025.\n\n{BODY} Das war kein Erfolg.".encode("cp1252")
        )
    (folder / "leer.txt").write_bytes(b"")
    (folder / "metadata.csv").write_text("file,date\na0.txt,bald\n", encoding="utf-8")
    (tmp_path / "actors.csv").write_bytes(b"\xff\xfe kaputt")
    corpus = analyse_folder(folder, actors_file=tmp_path / "actors.csv", n_themes=2, workers=1)
    skipped = dict(zip(corpus.skipped["file"], corpus.skipped["reason"]))
    assert german(skipped["leer.txt"]).startswith("Die Datei ist leer")
    assert german(skipped["actors.csv"]).startswith("Die Akteursliste ließ sich nicht lesen (UnicodeDecodeError)")
    assert "„bald“" in german(skipped["metadata.csv (a0.txt)"])
    notes = corpus.articles.set_index("article_id")["note"]
    assert "Windows-1252" in german(notes["a1"])
    evidence = corpus.sentences["evidence"]
    assert all(isinstance(e, Message) for e in evidence)
    assert any("verneint durch „kein“" in DE.message(e) for e in evidence)
    # The tables the pages read keep them as messages too.
    from tonlage.present.views import article_detail, strongest_sentences

    detail = article_detail(corpus, "a1")
    assert all(isinstance(e, Message) for e in detail["sentences"]["evidence"])
    strongest, _ = strongest_sentences(corpus, tuple(corpus.articles["article_id"]))
    assert len(strongest) and all(isinstance(e, Message) for e in strongest["evidence"])


def test_pickled_messages_translate_as_before_and_pickle_again():
    from tonlage.i18n import join, message, nmessage

    original = join(
        [
            nmessage("{n} article read.", "{n} articles read.", 1234),
            message(
                "{field}: {problem}",
                field=message("The title"),
                problem=message("Characters that reverse the direction of text were removed."),
            ),
            "Eine Notiz, wie geschrieben.",
        ]
    )
    evidence = ToneScorer().fit().score("Das war kein Erfolg.").explain()
    for m in (original, evidence):
        loaded = pickle.loads(pickle.dumps(m))
        again = pickle.loads(pickle.dumps(loaded))  # still packed: pickled as it came
        for copy in (loaded, again):
            assert isinstance(copy, Message) and copy == m and hash(copy) == hash(m)
            assert DE.message(copy) == DE.message(m) and EN.message(copy) == str(m)
            assert copy.to_json() == m.to_json()
    assert german(original).startswith("1.234 Artikel gelesen. Titel: Zeichen, die die Schreibrichtung umkehren")


def test_a_packed_message_is_translated_from_its_json_as_the_message_itself():
    """A message read from storage is translated from its JSON form without being unpacked: the
    same text in both languages as the message it was packed from, for every kind of
    parameter and part, and it stays packed (its evidence is read by the thousand)."""
    from tonlage.i18n import Dated, in_languages, join, message, nmessage, packed_message

    kinds = [
        message("{word} {weight}", word="gut", weight=Signed(-0.8)),
        nmessage("{n} article read.", "{n} articles read.", 1),
        nmessage("{n} article read.", "{n} articles read.", 12345),
        message("{field}: {problem}", field=message("The title"), problem=message("Gone", extra=3)),
        message("Article dated {date}", date=Dated("2025-08-15")),
        message("Text dated {date}", date=Dated("2025-08")),
        in_languages("Gipfel", de="Gipfeltreffen"),
        in_languages("summit", en="summit (en)"),
        join([message("The title"), "", Signed(0.25), message("{x} and {y}", x=1.5, y=True), "plain"], sep=" · "),
        join([join([message("The title"), "inner"]), nmessage("{n} word", "{n} words", 2)]),
        message(""),
        message("{odd}", odd={"neither": "message nor number"}),
        ToneScorer().fit().score("Das war kein großer Erfolg, sondern ein Fiasko.").explain(),
    ]
    for m in kinds:
        for tr in (DE, EN):
            packed = packed_message(str(m), message_json(m))
            assert tr.message(packed) == tr.message(m), (m, tr.lang)
            with pytest.raises(AttributeError):
                object.__getattribute__(packed, "msgid")  # still packed
            assert tr.message(pickle.loads(pickle.dumps(m))) == tr.message(m)
    assert DE.message(packed_message(str(kinds[0]), message_json(kinds[0]))) == "gut \u22120,80"


def test_a_stored_message_is_translated_once_per_language_and_kept(monkeypatch):
    """A page's sentences share much of their evidence: each stored message is translated once
    per language and kept by its stored form, so the same JSON gives the same text again
    without being read again; another message or language is translated anew; the memory is
    bounded."""
    from tonlage import i18n
    from tonlage.i18n import packed_message

    de = i18n.Translator("de")  # a translator of its own: the shared ones keep what the other tests showed
    first = message("{word} {weight}", word="Fiasko", weight=Signed(-0.75))
    other = message("{word} {weight}", word="Erfolg", weight=Signed(0.5))
    stored_first = message_json(first)
    assert de.message(packed_message(str(first), stored_first)) == "Fiasko \u22120,75"
    reads = []
    real = i18n.Translator._stored

    def counted(self, data):
        reads.append(data)
        return real(self, data)

    monkeypatch.setattr(i18n.Translator, "_stored", counted)
    assert de.message(packed_message(str(first), stored_first)) == "Fiasko \u22120,75"
    assert reads == []  # kept
    assert de.message(packed_message(str(other), message_json(other))) == "Erfolg +0,50"
    assert len(reads) == 1
    en = i18n.Translator("en")
    assert en.message(packed_message(str(first), stored_first)) == "Fiasko \u22120.75"
    monkeypatch.setattr(i18n, "SHOWN_STORED_MAX", 2)
    third = message("{word} {weight}", word="gut", weight=Signed(0.25))
    assert de.message(packed_message(str(third), message_json(third))) == "gut +0,25"
    assert len(de._shown_stored) == 1  # full at two: emptied, then this one kept
