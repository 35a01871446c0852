"""Page reading through every path: folder analysis, workspace ingest (report, migration), formats."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from tonlage.analysis.pipeline import analyse_articles, analyse_folder, load_articles, strip_recurring_lines
from tonlage.ingest import Document
from tonlage.ingest.run import RECURRING_ROW, documents_from_uploads, ingest, read_articles
from tonlage.model import ARTICLE_COLUMNS
from tonlage.storage.workspace import SCHEMA_VERSION, Workspace

TODAY = date(2026, 11, 23)


def _story(i: int) -> str:
    return (
        f"Die Stadt Beispielhausen hat am Dienstag den Bau von {i + 2} neuen Brücken beschlossen. "
        f"Die Kosten liegen bei {i + 10} Millionen Euro, sagte der Bürgermeister. Die Arbeiten beginnen im "
        f"Frühjahr, die Anwohner {i} wurden informiert."
    )


def _page(i: int) -> str:
    return (
        f"Lokales\nBrücke Nummer {i} beschlossen\n24.0{i % 9 + 1}.2025, 08:3{i % 10} Uhr\nVon Erika Muster\n\n"
        f"{_story(i)}\n\nIhre Heimatzeitung seit 1850\n\nTeilen"
    )


def test_folder_analysis_reads_pages_and_learns_recurring_lines(tmp_path):
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(_page(i), encoding="utf-8")
    result = analyse_folder(tmp_path, today=TODAY)
    a = result.articles.set_index("article_id").loc["a1"]
    assert tuple(result.articles.columns) == ARTICLE_COLUMNS
    assert (a["title"], a["title_source"], a["author"], a["author_source"]) == (
        "Brücke Nummer 1 beschlossen",
        "page",
        "Erika Muster",
        "byline",
    )
    assert a["date_label"] == "2025-02-24" and a["date_source"] == "dateline"
    text = result.texts.get("a1")
    assert "Heimatzeitung" not in text and "Teilen" not in text
    removed = {line: kind for kind, line in a["removed_lines"]}
    assert removed["Ihre Heimatzeitung seit 1850"] == "recurring" and removed["Teilen"] == "share"
    assert a["genre"] == "news report" and a["genre_source"] == "style"


def test_load_articles_is_the_analysis_loading_step(tmp_path):
    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text(_page(i), encoding="utf-8")
    raws, skipped = load_articles(tmp_path, today=TODAY)
    assert skipped == [] and all("Heimatzeitung" not in a.text for a in raws)


def test_recurring_lines_are_per_source_and_never_empty_an_article():
    from tonlage.corpus import RawArticle

    raws = [RawArticle(f"x{i}", f"x{i}.txt", "t", "a", f"Gleiche Zeile\n{_story(i)}", source="Blatt") for i in range(3)]
    raws.append(RawArticle("y", "y.txt", "t", "a", "Gleiche Zeile", source="Blatt"))
    learned = strip_recurring_lines(raws)
    assert learned == {"blatt": {"gleiche zeile": "Gleiche Zeile"}}
    assert all(r.text.startswith("Die Stadt") for r in raws[:3]) and raws[3].text == "Gleiche Zeile"


def test_ingest_counts_furniture_and_reports_recurring_lines(tmp_path):
    ws = Workspace("Seiten", root=tmp_path)
    report = ingest(ws, documents_from_uploads([(f"p{i}.txt", _page(i).encode()) for i in range(4)]), today=TODAY)
    rows = {r.file: r for r in report.rows}
    assert (
        "1 line of page furniture" in rows["p0.txt"].reason
    )  # "Teilen"; headline, byline, date line are not furniture
    assert rows["p0.txt"].status == "loaded"
    assert "Ihre Heimatzeitung seit 1850" in rows[RECURRING_ROW].reason
    art = [a for a in ws.raw_articles() if a.article_id == "p0"][0]
    assert (art.title_source, art.author_source, art.genre_source) == ("page", "byline", "style")
    assert ("share", "Teilen") in art.removed_lines
    analysed = analyse_articles(ws.raw_articles(), fingerprint=ws.fingerprint())
    assert all("Heimatzeitung" not in t for t in analysed.texts.texts(analysed.articles["article_id"]))


def test_edited_title_and_author_say_so(tmp_path):
    ws = Workspace("Edits", root=tmp_path)
    ingest(ws, documents_from_uploads([("p.txt", _page(1).encode())]), today=TODAY)
    ws.edit("p", title="Neuer Titel", author="Max Muster")
    a = ws.raw_articles()[0]
    assert (a.title, a.title_source, a.author, a.author_source) == ("Neuer Titel", "edited", "Max Muster", "edited")


_V1_ARTICLES = """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (doc_id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL, added TEXT NOT NULL, columns TEXT, mapping TEXT, data BLOB NOT NULL);
CREATE TABLE articles (article_id TEXT PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(doc_id)
    ON DELETE CASCADE, seq INTEGER NOT NULL, file TEXT NOT NULL, title TEXT NOT NULL, author TEXT NOT NULL,
    date TEXT, date_precision TEXT NOT NULL, date_source TEXT NOT NULL, date_note TEXT NOT NULL, genre TEXT NOT NULL,
    source TEXT NOT NULL, url TEXT NOT NULL, notes TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE edits (article_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, edited TEXT NOT NULL,
    PRIMARY KEY (article_id, field));
CREATE TABLE report (ingest_id INTEGER NOT NULL, seq INTEGER NOT NULL, file TEXT NOT NULL, status TEXT NOT NULL,
    reason TEXT NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY (ingest_id, seq));
"""


def test_a_version_1_workspace_reads_and_migrates_on_its_first_write(tmp_path):
    path = tmp_path / "workspaces" / "alt.sqlite"
    path.parent.mkdir()
    con = sqlite3.connect(path)
    con.executescript(_V1_ARTICLES)
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("name", "Alt"), ("uid", "abc123"), ("revision", "3"), ("events_revision", "0"), ("schema", "1")],
    )
    con.execute("INSERT INTO documents VALUES (1, 'a.txt', 'h', 3, 'now', NULL, NULL, x'00')")
    con.execute(
        "INSERT INTO articles VALUES ('a', 1, 0, 'a.txt', 'Titel', 'Anna', '2025-01-02', 'day', 'header', '', "
        "'news report', '', '', '[]', 'Ein alter Text.')"
    )
    con.commit()
    con.close()
    ws = Workspace("Alt", root=tmp_path, create=False)
    old = ws.raw_articles()[0]
    assert (old.title, old.text, old.title_source, old.removed_lines) == ("Titel", "Ein alter Text.", "", [])
    ingest(ws, [Document("b.txt", _page(2).encode())], today=TODAY)  # the first write migrates
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] == SCHEMA_VERSION
        stored = con.execute("SELECT removed_lines FROM articles WHERE article_id='b'").fetchone()[0]
    assert ["share", "Teilen"] in json.loads(stored)
    assert {a.article_id for a in ws.raw_articles()} == {"a", "b"}


def test_formats_say_where_their_title_came_from():
    html = (
        b"<html><head><title>Seitentitel</title><meta name='author' content='Eva Beispiel'></head><body>"
        b"<article><h1>Seitentitel</h1><p>"
        + _story(1).encode()
        + b"</p><p>"
        + _story(2).encode()
        + b"</p></article></body></html>"
    )
    a = read_articles(Document("s.html", html), today=TODAY)[0][0]
    assert a.title_source == "html" and a.title_confidence == "high"
    md = read_articles(Document("n.md", ("# Überschrift\n\n" + _story(1)).encode()), today=TODAY)[0][0]
    assert (md.title, md.title_source) == ("Überschrift", "heading")
    table = read_articles(Document("t.csv", ("titel;text\nZeile;" + _story(1) + "\n").encode()), today=TODAY)[0][0]
    assert (table.title, table.title_source) == ("Zeile", "metadata")
