"""Corpus loading: header forms, furniture, metadata, dates, genre, bad files."""

from datetime import date

import pytest

from tonlage import DEFAULT_CORPUS_DIR
from tonlage.corpus import dates_in_text, parse_article
from tonlage.i18n import from_json, in_languages, translator
from tonlage.ingest.run import load_folder
from tonlage.reading.genre import classify_genre

TODAY = date(2026, 11, 23)
BODY = (
    "Die Gespräche in Genf dauerten bis in die Nacht. Beide Seiten nannten das Treffen "
    "konstruktiv, ein Abkommen gab es aber nicht."
)


def test_byline_header_gives_title_author_and_day_date():
    a = parse_article(f"Ein Titel | Erika Muster. 03.04.2025.\n\n{BODY}", "x.txt", today=TODAY)
    assert (a.title, a.author, a.date, a.date_precision, a.date_source) == (
        "Ein Titel",
        "Erika Muster",
        date(2025, 4, 3),
        "day",
        "header",
    )
    assert a.text.startswith("Die Gespräche")


def test_date_line_header_with_furniture_on_the_same_line():
    a = parse_article(f" date 2025-02 Bitte aktivieren Sie Javascript\n\n{BODY}", "y.txt", today=TODAY)
    assert (a.date, a.date_precision, a.date_source) == (date(2025, 2, 1), "month", "header")
    assert "Javascript" not in a.text and a.text.startswith("Die Gespräche")


def test_no_header_title_from_first_sentence_and_a_mentioned_date_is_only_named():
    # A date in running text is an event the article reports, not when it was written: the
    # article stays undated and the note names the date for the reader to judge.
    a = parse_article(f"{BODY} Am 24. September 2025 folgte ein zweites Treffen.", "z.txt", today=TODAY)
    assert a.title == "Die Gespräche in Genf dauerten bis in die Nacht"
    assert (a.title_source, a.title_confidence) == ("first sentence", "low")
    assert (a.date, a.date_precision, a.date_source) == (None, "none", "none")
    assert "2025-09-24" in a.date_note and "undated" in a.date_note
    assert a.author == "unknown" and a.author_source == "none"


@pytest.mark.parametrize(
    ("post", "title"),
    [
        (
            "@Stadtrat @Presse Und wieder keine Antwort zur Brücke. Wie lange noch?",
            "Und wieder keine Antwort zur Brücke",
        ),
        (
            "RT @Lokalzeitung : Der Rat beschließt heute über die Brücke. Mehr dazu",
            "Der Rat beschließt heute über die Brücke",
        ),
        (". @Stadtrat Er schon wieder. Ich war im Ortsverein", "Er schon wieder"),
        ("Lol RT @Lokalzeitung : Der Rat tagt. Mehr dazu", "Lol RT @Lokalzeitung : Der Rat tagt"),  # not first
    ],
)
def test_a_posts_title_leaves_out_its_opening_addresses(post, title):
    a = parse_article(post, "p.txt", today=TODAY)
    assert a.title == title
    assert a.text.startswith(post[:10])  # the text keeps them


def test_no_date_anywhere_is_undated():
    a = parse_article(BODY, "u.txt", today=TODAY)
    assert a.date is None and a.date_precision == "none" and a.date_source == "none"


def test_furniture_lines_are_removed_by_general_rules_but_prose_is_kept():
    raw = (
        f"T | A. 01.02.2025.\n\n{BODY}\n\nDer Kommentar verfassen Button war kaputt, sagte er.\n\n"
        "3 Kommentare\n\nKommentar verfassen\n\nArtikel teilen"
    )
    a = parse_article(raw, "f.txt", today=TODAY)
    assert "3 Kommentare" not in a.text and "Artikel teilen" not in a.text
    assert a.text.count("Kommentar verfassen") == 1  # the sentence that merely contains it stays


def test_future_header_date_is_not_used():
    a = parse_article(f"T | A. 01.02.2030.\n\n{BODY}", "f.txt", today=TODAY)
    assert a.date is None and a.date_source == "none"
    assert "2030-02-01 is in the future and was not used" in a.date_note


def test_future_header_date_falls_back_to_the_text():
    a = parse_article(f"T | A. 01.02.2030.\n\n{BODY} Am 3. März 2025 kam es anders.", "f.txt", today=TODAY)
    assert (a.date, a.date_precision, a.date_source) == (date(2025, 3, 3), "day", "text")
    assert "in the future" in a.date_note and "inferred" in a.date_note


def test_header_year_typo_is_not_used_and_the_text_date_is():
    raw = f"T | A. 21.10.2026.\n\n{BODY} Im Oktober 2025 telefonierten sie erneut."
    a = parse_article(raw, "t.txt", today=TODAY)
    assert (a.date, a.date_precision, a.date_source) == (date(2025, 10, 1), "month", "text")
    assert "The header date 2026-10-21 was not used: the text speaks of Oktober 2025 and never of 2026." in a.date_note
    assert "inferred" in a.date_note


def test_metadata_date_given_to_parse_article_wins_over_header_and_url():
    raw = f"T | A. 21.10.2026.\n\n{BODY} Im Oktober 2025 telefonierten sie erneut."
    a = parse_article(raw, "t.txt", today=TODAY, metadata_date="21.10.2025", url="https://example.org/2025/10/22/x")
    assert (a.date, a.date_precision, a.date_source, a.date_note) == (date(2025, 10, 21), "day", "metadata", "")
    assert a.url == "https://example.org/2025/10/22/x"


def test_url_date_is_used_when_there_is_no_header():
    a = parse_article(BODY, "u.txt", today=TODAY, url="https://example.org/politik/2025/09/25/genf")
    assert (a.date, a.date_precision, a.date_source) == (date(2025, 9, 25), "day", "url")


def test_header_forms_off_reads_the_first_line_as_prose():
    raw = f"T | A. 03.04.2025.\n\n{BODY}"
    a = parse_article(raw, "h.txt", today=TODAY, header_forms=False)
    assert a.author == "unknown" and a.text.startswith("T | A.")
    assert (a.date, a.date_source) == (None, "none")  # a date inside prose does not date it
    b = parse_article(
        f" date 2025-02 Bitte aktivieren Sie Javascript\n\n{BODY}", "h.txt", today=TODAY, header_forms=False
    )
    assert b.date is None and b.text.startswith("date 2025-02")


def test_background_years_are_not_flagged_as_typos():
    raw = f" date 2025-02\n{BODY} Seit Februar 2022 herrscht Krieg."
    assert parse_article(raw, "b.txt", today=TODAY).date_note == ""


def test_dates_in_text_forms():
    found = dates_in_text("Am 24. September 2025 und am 15.08.2025, dann im Oktober 2025.")
    assert found == [(date(2025, 9, 24), "day"), (date(2025, 8, 15), "day"), (date(2025, 10, 1), "month")]


def test_dates_in_text_is_still_importable_from_corpus():
    from tonlage import corpus
    from tonlage.reading import dates

    assert corpus.dates_in_text is dates.dates_in_text


@pytest.mark.parametrize(
    "text,genre",
    [
        ("Ich sage es offen: Wir haben keine Zeit. " + BODY, "commentary"),
        ("»Ich bin zufrieden«, sagte der Minister. " + BODY, "news report"),
    ],
)
def test_genre_from_first_person_outside_quotes(text, genre):
    assert classify_genre(text).genre == genre


def test_bundled_corpus_dates_are_right():
    got = {a.article_id[:3]: a for a in load_folder(DEFAULT_CORPUS_DIR, today=TODAY).articles}
    expected = {
        "003": (date(2025, 2, 1), "month"),
        "004": (date(2025, 8, 15), "day"),
        "000": (date(2025, 9, 24), "day"),
        "001": (date(2025, 10, 20), "day"),
        "002": (date(2025, 10, 21), "day"),
    }
    assert {k: (a.date, a.date_precision) for k, a in got.items()} == expected
    assert got["002"].date_source == "metadata" and "2026" in got["002"].date_note
    assert got["002"].date_note.startswith("Corrected from 2025-10 (file text).")
    assert got["000"].date_source == "metadata"
    de = translator("de")  # the bundled notes are written in both languages (note, note_de)
    assert de.message(got["002"].date_note).endswith("Die Jahreszahl im Kopf ist ein Tippfehler.")
    assert de.message(got["000"].date_note).startswith("Kein Datum in der Datei;")
    assert translator("en").message(got["000"].date_note).startswith("No date in the file;")
    assert got["003"].genre == "news report"
    assert {got[k].genre for k in ("000", "001", "002", "004")} == {"commentary"}
    assert got["004"].title == "Roter Teppich für Putin" and got["004"].author == "Vitaly Portnikov"
    assert all("Kommentar verfassen" not in a.text for a in got.values())


def test_bad_files_are_listed_and_the_rest_loads(tmp_path):
    (tmp_path / "good.txt").write_text(f"T | A. 01.02.2025.\n\n{BODY}", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 50)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "latin.txt").write_bytes(f"Müller | B. 02.02.2025.\n\n{BODY}".encode("cp1252"))
    result = load_folder(tmp_path, today=TODAY)
    assert sorted(a.file for a in result.articles) == ["good.txt", "latin.txt"]
    assert [a for a in result.articles if a.file == "latin.txt"][0].title == "Müller"
    reasons = dict(result.skipped)
    assert set(reasons) == {"empty.txt", "binary.txt", "photo.jpg"}
    assert all(r.endswith(".") and len(r) > 20 for r in reasons.values())


def test_metadata_fills_and_overrides_with_note(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,title,author,date,genre,note\na.txt,Neuer Titel,Eva,2025-03,commentary,Aus dem Archiv.\n",
        encoding="utf-8",
    )
    a = load_folder(tmp_path, today=TODAY).articles[0]
    assert (a.title, a.author, a.date, a.date_precision, a.date_source, a.genre) == (
        "Neuer Titel",
        "Eva",
        date(2025, 3, 1),
        "month",
        "metadata",
        "commentary",
    )
    assert "Aus dem Archiv" in a.date_note


def test_metadata_names_the_outlet_and_leaves_other_articles_without_one(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY + " Am Morgen ging es weiter.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,source\na.txt,  Kieler Blatt \nb.txt,\n", encoding="utf-8")
    by_file = {a.file: a.source for a in load_folder(tmp_path, today=TODAY).articles}
    assert by_file == {"a.txt": "Kieler Blatt", "b.txt": ""}


def test_bundled_002_without_metadata_takes_its_date_from_the_text():
    raw = (DEFAULT_CORPUS_DIR / "002_1e8bffe903587342.txt").read_text(encoding="utf-8")
    a = parse_article(raw, "002_1e8bffe903587342.txt", today=TODAY)
    assert (a.date, a.date_precision, a.date_source) == (date(2025, 10, 1), "month", "text")
    assert "2026-10-21 was not used" in a.date_note and "Oktober 2025" in a.date_note


@pytest.mark.parametrize(
    "written,expected",
    [
        ("24.09.2025", (date(2025, 9, 24), "day")),
        ("24. September 2025", (date(2025, 9, 24), "day")),
        ("2025-09-24T10:15:00+02:00", (date(2025, 9, 24), "day")),
        ("September 2025", (date(2025, 9, 1), "month")),
    ],
)
def test_metadata_file_accepts_the_same_date_forms(tmp_path, written, expected):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(f'file,date\na.txt,"{written}"\n', encoding="utf-8")
    result = load_folder(tmp_path, today=TODAY)
    a = result.articles[0]
    assert (a.date, a.date_precision, a.date_source) == (*expected, "metadata")
    assert result.skipped == []


def test_bad_metadata_date_is_reported_not_fatal(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,date\na.txt,gestern\n", encoding="utf-8")
    result = load_folder(tmp_path, today=TODAY)
    assert len(result.articles) == 1 and result.articles[0].date is None
    assert any("gestern" in reason for _, reason in result.skipped)


def test_missing_folder_is_a_plain_reason(tmp_path):
    result = load_folder(tmp_path / "nope")
    assert result.articles == [] and "does not exist" in result.skipped[0][1]


def test_an_article_pickles_without_leaving_a_utf8_copy_in_its_text():
    """Articles travel to the worker processes pickled; pickling a string leaves a UTF-8 copy
    inside it, which the analysis held for every article (~280 MB at 100,000 articles)."""
    import pickle
    import sys

    from tonlage.corpus import RawArticle

    for text in ("Gespräche „in Genf“ mit einem Emoji 😀. " * 50, "Ein einzelnes Surrogat \ud800. " * 50):
        a = RawArticle(article_id="a", file="a.txt", title="Genf", author="", text=text, notes=["n"])
        size = sys.getsizeof(a.text)
        back = pickle.loads(pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL))
        assert sys.getsizeof(a.text) == size
        assert back == a and back.text == text


def test_a_stored_article_decodes_its_text_only_when_read_and_forgets_bytes_and_digest_when_changed():
    """A workspace's article keeps its text as the bytes stored: its UTF-8 and digest come without
    decoding; a text set afterwards (a recurring line taken out) has its own."""
    import pickle

    from tonlage.corpus import RawArticle, StoredArticle, text_digest

    text = "Gespräche „in Genf“ mit einem Emoji 😀. " * 20
    utf8 = text.encode()
    a = StoredArticle.stored(utf8, "stored", article_id="a", file="a.txt", title="Genf", author="")
    assert a.utf8() is utf8 and a.digest() == "stored"
    assert a.__dict__["_text"] is None  # nothing decoded yet
    assert a.text == text and a.utf8() == utf8 and a.digest() == "stored"
    a.text = "Anders."
    assert a.utf8() == b"Anders." and a.digest() == text_digest(b"Anders.")
    # A row stored before digests were kept: made from the bytes, without decoding.
    old = StoredArticle.stored(utf8, "", article_id="b", file="b.txt", title="", author="")
    assert old.digest() == text_digest(utf8) and old.__dict__["_text"] is None
    # To the worker processes and back, undecoded or changed; equal to the plain article.
    for art in (old, a, StoredArticle(article_id="c", file="c", title="", author="", text="Ein \ud800.")):
        back = pickle.loads(pickle.dumps(art, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == art and back.text == art.text and back.digest() == art.digest()
    plain = RawArticle(article_id="b", file="b.txt", title="", author="", text=text)
    assert plain.digest() == old.digest() and plain.utf8() == old.utf8()
    # Bytes that are not UTF-8 (written by another program) read with replacement characters.
    assert StoredArticle.stored(b"\xffab", "", article_id="d", file="d", title="", author="").text == "\ufffdab"


def test_a_stored_article_lets_go_of_its_stored_text_only():
    from tonlage.corpus import StoredArticle, text_digest

    a = StoredArticle.stored(b"Der Text.", "", article_id="a", file="a.txt", title="", author="")
    assert a.release() and a.digest() == text_digest(b"Der Text.")
    with pytest.raises(RuntimeError, match="let go"):
        a.text  # noqa: B018 - reading it is the error
    changed = StoredArticle.stored(b"Der Text.\nMehr", "", article_id="b", file="b.txt", title="", author="")
    changed.text = "Der Text."  # a recurring line taken out: the workspace does not have this text
    assert not changed.release() and changed.text == "Der Text."


def test_a_metadata_note_in_several_languages_is_shown_in_the_readers(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,date,note,note_de,note_fr\na.txt,2025-03,From the archive.,Aus dem Archiv.,Des archives.\n"
        "b.txt,2025-04,,Nur deutsch.,\n",
        encoding="utf-8",
    )
    got = {a.file: a for a in load_folder(tmp_path, today=TODAY).articles}
    en, de = translator("en"), translator("de")
    assert (en.message(got["a.txt"].date_note), de.message(got["a.txt"].date_note)) == (
        "From the archive.",
        "Aus dem Archiv.",
    )
    assert en.message(got["b.txt"].date_note) == de.message(got["b.txt"].date_note) == "Nur deutsch."
    stored = from_json(got["a.txt"].date_note.to_json())  # as a workspace keeps it
    assert de.message(stored) == "Aus dem Archiv." and str(stored) == "From the archive."
    assert in_languages("Only one.") == "Only one." and type(in_languages("Only one.")) is str
    assert de.message(in_languages("English.", en="Better English.", de="Deutsch.")) == "Deutsch."
    assert str(in_languages("English.", en="Better English.")) == "Better English."
