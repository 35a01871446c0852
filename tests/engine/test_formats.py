"""Format readers: each format's records, metadata, warnings and plain-sentence errors."""

import io
import zipfile
from datetime import datetime

import pytest

from tonlage.ingest import Document, IngestError, Limits
from tonlage.ingest.formats import SUPPORTED_SUFFIXES, TABULAR_SUFFIXES, propose_columns, read_document, suffix_of

ARTICLE = (
    "Die Koalition streitet seit Wochen über den Haushalt für das kommende Jahr. "
    "Der Finanzminister will sparen, die Fraktionen wollen investieren."
)


def read(name, data, **kwargs):
    return read_document(Document(name, data), **kwargs)


def only(result):
    assert len(result.records) == 1, result
    return result.records[0]


def assert_one_sentence(exc):
    message = str(exc.value)
    assert message and message[0].isupper() and message.endswith("."), message
    assert "\n" not in message and "Traceback" not in message


# --- fixtures built in the tests ------------------------------------------------------------


def make_pdf(pages, info=None):
    """A minimal valid PDF: one content stream per page (bytes), Helvetica as /F1, correct xref."""
    n_pages = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n_pages))
        + b"] /Count %d >>" % n_pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, stream in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info_ref = b""
    if info:
        entries = b" ".join(b"/%s (%s)" % (k.encode(), v.encode("cp1252")) for k, v in info.items())
        objects.append(b"<< " + entries + b" >>")
        info_ref = b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info_ref, xref)
    return bytes(out)


def text_stream(*lines):
    parts = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
    for line in lines:
        parts.append(b"(" + line.encode("cp1252") + b") Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


def make_docx(paragraphs, *, title=None, author=None, created=None, table=None, heading=None):
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    props = document.core_properties
    if title is not None:
        props.title = title
    if author is not None:
        props.author = author
    if created is not None:
        props.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx(sheets):
    """sheets: list of (title, rows) with rows as lists of cell values."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- dispatch -------------------------------------------------------------------------------


def test_suffixes_are_as_documented():
    assert SUPPORTED_SUFFIXES == (
        ".txt",
        ".md",
        ".html",
        ".htm",
        ".csv",
        ".tsv",
        ".xlsx",
        ".json",
        ".jsonl",
        ".docx",
        ".pdf",
    )
    assert TABULAR_SUFFIXES == (".csv", ".tsv", ".xlsx", ".json", ".jsonl")
    assert suffix_of("clips.zip/2025/A.HTML") == ".html"
    assert suffix_of("README") == "" and suffix_of(".bashrc") == ""


@pytest.mark.parametrize(
    "name,expected",
    [
        ("brief.odt", "'.odt' files are not read; save the article as .docx, .pdf, .html or .txt."),
        ("liste.xls", "'.xls' files are not read; save the table as .xlsx or .csv."),
    ],
)
def test_unknown_suffix_is_a_plain_sentence(name, expected):
    with pytest.raises(IngestError) as exc:
        read(name, b"anything")
    assert str(exc.value) == expected


def test_file_without_suffix_is_named():
    with pytest.raises(IngestError, match="'NOTIZEN' has no file-name ending"):
        read("NOTIZEN", b"text")


def test_suffix_is_case_insensitive():
    assert only(read("A.TXT", ARTICLE.encode())).text == ARTICLE


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@pytest.mark.parametrize("data", [b"", b"  \n\t \r\n"])
def test_empty_files_of_every_format_are_refused(suffix, data):
    with pytest.raises(IngestError) as exc:
        read("leer" + suffix, data)
    assert_one_sentence(exc)
    assert "empty" in str(exc.value) or "no text" in str(exc.value)


def test_file_over_the_size_limit_is_refused():
    with pytest.raises(IngestError, match="larger than"):
        read("a.txt", b"x" * 2000, limits=Limits(max_file_bytes=1000))


# --- plain text and Markdown ----------------------------------------------------------------


def test_txt_is_decoded_but_not_parsed():
    data = "Titel | Autorin. 24.09.2025.\n\nDer Text über Müller.".encode("cp1252")
    record = only(read("a.txt", data))
    assert record.text == "Titel | Autorin. 24.09.2025.\n\nDer Text über Müller."
    assert record.kind == "plain" and record.title == "" and record.date == ""
    assert record.notes and "Windows-1252" in record.notes[0]


def test_utf8_txt_has_no_note():
    record = only(read("a.txt", ARTICLE.encode()))
    assert record.notes == [] and record.position == ""


def test_binary_renamed_txt_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    with pytest.raises(IngestError, match="binary file") as exc:
        read("bild.txt", png)
    assert_one_sentence(exc)


def test_markdown_becomes_plain_text():
    md = (
        "# Streit um den *Haushalt*\n\n"
        "Die **Koalition** streitet, sagt [die Zeitung](https://example.org/artikel?x=1).\n\n"
        "![Foto vom Kanzleramt](https://cdn.example.org/bild.jpg)\n\n"
        "> Ein _Zitat_ aus der Debatte.\n\n"
        "- erster Punkt\n- zweiter Punkt\n\n"
        "```\nwert = a * b * c\n```\n\n"
        '<div class="x">Text in <b>HTML</b></div>\n<script>alert(1)</script>\n\n'
        "24. September 2025: snake_case_name bleibt.\n"
    )
    record = only(read("a.md", md.encode()))
    assert record.kind == "plain"
    assert record.title == "Streit um den Haushalt"
    text = record.text
    assert "Die Koalition streitet, sagt die Zeitung." in text
    assert "Ein Zitat aus der Debatte." in text
    assert "erster Punkt\nzweiter Punkt" in text
    assert "wert = a * b * c" in text  # code kept as text
    assert "Text in HTML" in text
    assert "24. September 2025: snake_case_name bleibt." in text
    for gone in ("http", "cdn.example", "Foto vom Kanzleramt", "alert", "<", "**", "#", "[", "]("):
        assert gone not in text, gone
    assert not text.startswith("Streit um den Haushalt")


def test_markdown_front_matter_gives_metadata():
    md = '---\ntitle: "Der Titel"\nauthor: Erika Muster\ndate: 2025-09-24\nlayout: post\n---\nDer Text.\n'
    record = only(read("a.md", md.encode()))
    assert (record.title, record.author, record.date, record.text) == (
        "Der Titel",
        "Erika Muster",
        "2025-09-24",
        "Der Text.",
    )


def test_markdown_of_only_an_image_is_refused():
    with pytest.raises(IngestError, match="no text"):
        read("a.md", b"![alt](http://example.org/x.png)\n")


# --- HTML -----------------------------------------------------------------------------------

PARAGRAPHS = (
    "<p>Die Koalition streitet seit Wochen über den Haushalt für das kommende Jahr.</p>"
    "<p>Der Finanzminister will sparen, die Fraktionen wollen dagegen investieren.</p>"
    "<p>Eine Einigung ist nicht in Sicht, heißt es aus Berlin.</p>"
)

FULL_PAGE = f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Streit um den Haushalt | Beispielzeitung</title>
<meta name="author" content="Erika Mustermann">
<meta property="og:title" content="Streit um den Haushalt">
<meta property="og:site_name" content="Beispielzeitung">
<meta property="article:published_time" content="2025-09-24T08:00:00+02:00">
<link rel="canonical" href="https://example.org/politik/haushalt-streit">
<script>alert(1)</script><style>p {{ color: red }}</style></head>
<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><h1>Streit um den Haushalt</h1>{PARAGRAPHS}</article>
<script>document.write("tracking")</script></body></html>"""


def test_html_article_and_metadata():
    result = read("seite.html", FULL_PAGE.encode())
    record = only(result)
    assert record.kind == "html"
    assert record.title == "Streit um den Haushalt"
    assert record.author == "Erika Mustermann"
    assert record.date == "2025-09-24"
    assert record.source == "Beispielzeitung"
    assert record.url == "https://example.org/politik/haushalt-streit"
    assert "Der Finanzminister will sparen" in record.text
    assert "Eine Einigung ist nicht in Sicht" in record.text
    for gone in ("alert", "tracking", "color", "<p>", "Startseite"):
        assert gone not in record.text, gone
    assert not record.text.startswith("Streit um den Haushalt")  # the headline is the title, not text


def test_html_without_date_gets_no_invented_date():
    page = (
        f"<html><head><title>Ohne Datum</title></head><body><article>{PARAGRAPHS}</article>"
        "<footer>© 2024 Beispielverlag. Alle Rechte vorbehalten.</footer></body></html>"
    )
    record = only(read("ohne.htm", page.encode()))
    assert record.date == ""
    assert record.title == "Ohne Datum"
    assert "Einigung" in record.text


def test_html_fragment_falls_back_to_body_text():
    record = only(read("schnipsel.html", b"<p>Nur ein kurzer Absatz.</p>"))
    assert record.text == "Nur ein kurzer Absatz."


def test_html_fragment_blocks_stay_apart_and_scripts_go():
    fragment = b"<div>Erster Teil<p>Zweiter Teil</p><script>alert(1)</script>Dritter<br>Vierter</div>"
    record = only(read("schnipsel.html", fragment))
    assert record.text == "Erster Teil\nZweiter Teil\nDritter\nVierter"


def test_html_json_ld_metadata():
    page = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Der LD-Titel", "datePublished": "2025-09-20", '
        '"author": {"@type": "Person", "name": "Max Muster"}}</script></head>'
        f"<body>{PARAGRAPHS}</body></html>"
    )
    record = only(read("ld.html", page.encode()))
    assert (record.title, record.author, record.date) == ("Der LD-Titel", "Max Muster", "2025-09-20")
    assert "schema.org" not in record.text and "Einigung" in record.text


def test_html_trafilatura_rejects_falls_back_to_body_text():
    # trafilatura gives up on very deep nesting; the fallback still reads the words, not the script.
    page = (
        "<html><head><title>Tief</title></head><body>" + "<div>" * 300 + "Tief verschachtelter Text."
        "<script>alert(1)</script>" + "</div>" * 300 + "<footer>Impressum</footer></body></html>"
    )
    record = only(read("tief.html", page.encode()))
    assert (record.text, record.title) == ("Tief verschachtelter Text.", "Tief")


def test_html_with_only_a_footer_is_refused():
    with pytest.raises(IngestError, match="No article text"):
        read("fuss.html", b"<html><body><footer><p>Impressum und Datenschutz.</p></footer></body></html>")


def test_plain_text_named_html_is_read():
    assert only(read("a.html", ARTICLE.encode())).text == ARTICLE


def test_html_declared_charset_is_used():
    page = (
        '<html><head><meta charset="windows-1252"><title>Gr\u00fc\u00dfe</title></head>'
        f"<body>{PARAGRAPHS}</body></html>"
    ).encode("cp1252")
    record = only(read("alt.html", page))
    assert "heißt es aus Berlin" in record.text
    assert record.notes == []


def test_html_with_only_script_is_refused():
    with pytest.raises(IngestError, match="No article text was found") as exc:
        read("leer.html", b"<html><head><script>var x = 'Text';</script></head><body> </body></html>")
    assert_one_sentence(exc)


# --- CSV / TSV ------------------------------------------------------------------------------


def test_csv_semicolon_quotes_newlines_and_na():
    data = (
        b"Titel;Datum;Quelle;Text\n"
        b'"Haushalt; Streit";24.09.2025;NA;"Die Koalition; sie streitet.\nZweite Zeile mit ""Zitat""."\n'
        b"Zweiter;2025-09-25;null;Noch ein Text\n"
    )
    result = read("a.csv", data)
    assert result.columns == ["Titel", "Datum", "Quelle", "Text"]
    assert result.mapping == {"text": "Text", "title": "Titel", "date": "Datum", "source": "Quelle"}
    first, second = result.records
    assert first.title == "Haushalt; Streit"
    assert first.text == 'Die Koalition; sie streitet.\nZweite Zeile mit "Zitat".'
    assert first.source == "NA" and first.date == "24.09.2025"
    assert first.position == "row 2" and second.position == "row 3"
    assert second.source == "null" and first.kind == "table"
    assert result.warnings == []


def test_csv_windows_line_ends_and_blank_lines_count_as_rows():
    data = b'title,text\r\nA,"Erste Zeile\r\nzweite Zeile"\r\n\r\nB,Noch ein Text\r\n'
    result = read("a.csv", data)
    assert [(r.text, r.position) for r in result.records] == [
        ("Erste Zeile\nzweite Zeile", "row 2"),
        ("Noch ein Text", "row 4"),
    ]


def test_tsv():
    data = b"title\tbody\turl\nEins\tText mit, Komma; und Semikolon\thttps://example.org/1\n"
    result = read("a.tsv", data)
    record = only(result)
    assert record.text == "Text mit, Komma; und Semikolon"
    assert record.url == "https://example.org/1"
    assert result.mapping == {"text": "body", "title": "title", "url": "url"}


def test_csv_ragged_line_is_skipped_with_warning():
    data = b"title,text,date\nA,Erster Text,2025-01-01\nB,Zweiter,2025-01-02,extra,mehr\nC,Dritter Text,2025-01-03\n"
    result = read("a.csv", data)
    assert [r.title for r in result.records] == ["A", "C"]
    assert result.records[1].position == "row 4"
    assert result.warnings == ["Line 3 has 5 fields where 3 were expected; skipped."]


def test_csv_short_line_is_padded_with_warning():
    result = read("a.csv", b"title,text,date\nA,Ein Text\n")
    record = only(result)
    assert (record.title, record.text, record.date) == ("A", "Ein Text", "")
    assert result.warnings == ["Line 2 has 2 fields where 3 were expected; the missing ones were left empty."]


def test_csv_many_ragged_lines_are_summed_up():
    lines = ["a,text"] + [f"{i},Text {i},x" for i in range(30)] + ["ok,Gut"]
    result = read("a.csv", "\n".join(lines).encode())
    assert [r.text for r in result.records] == ["Gut"]
    assert len(result.warnings) == 11
    assert result.warnings[-1] == "20 more problems like these were not listed."


def test_csv_without_header_hints_picks_the_long_column():
    rows = ["nr,kuerzel,inhalt_a,web"]
    for i in range(3):
        rows.append(f'{i},K{i},"{ARTICLE} Nummer {i}.",https://example.org/{i}')
    result = read("a.csv", "\n".join(rows).encode())
    assert result.mapping == {"text": "inhalt_a", "url": "web"}
    assert result.records[2].text.endswith("Nummer 2.")
    assert result.records[0].url == "https://example.org/0"


def test_single_column_csv_keeps_commas_in_the_text():
    result = read("a.csv", b'Text\nDie Koalition, sagt sie, streitet.\n"Zitiert, mit ""Quote"""\n')
    assert [r.text for r in result.records] == ["Die Koalition, sagt sie, streitet.", 'Zitiert, mit "Quote"']
    assert result.warnings == []


def test_csv_without_a_text_column_names_the_columns():
    with pytest.raises(IngestError) as exc:
        read("a.csv", b"a,b,c\n1,2,3\n")
    assert str(exc.value) == (
        "No column of article text was found; the columns are: a, b, c. Choose the text column in the app."
    )


def test_csv_column_list_in_error_is_shortened():
    header = ",".join(f"spalte{i}" for i in range(30))
    with pytest.raises(IngestError, match="and 18 more"):
        read("a.csv", (header + "\n" + ",".join("x" * 30) + "\n").encode())


def test_utf16_csv():
    data = "Titel,Text\nÜber Straßen,Größere Gespräche in München.\n".encode("utf-16")
    record = only(read("a.csv", data))
    assert (record.title, record.text) == ("Über Straßen", "Größere Gespräche in München.")


def test_utf16_csv_without_bom_is_noted():
    data = "Titel,Text\nÜber Straßen,Größere Gespräche in München.\n".encode("utf-16-le")
    record = only(read("a.csv", data))
    assert record.text == "Größere Gespräche in München."
    assert record.notes and "UTF-16" in record.notes[0]


def test_empty_text_rows_are_counted_once():
    data = b"title,text\nA,\nB,  \nC,Ein Text\nD,\n"
    result = read("a.csv", data)
    assert only(result).title == "C"
    assert result.warnings == ["3 rows have no text and were skipped."]


def test_given_mapping_overrides_the_proposal():
    data = b"title,text,teaser\nA,Langer Text hier,Kurz\n"
    proposed = read("a.csv", data)
    assert only(proposed).text == "Langer Text hier"
    mapped = read("a.csv", data, mapping={"text": "teaser", "title": "TITLE"})
    assert mapped.mapping == {"text": "teaser", "title": "title"}
    assert (only(mapped).text, only(mapped).title) == ("Kurz", "A")


def test_mapping_naming_a_missing_text_column_is_refused():
    with pytest.raises(IngestError) as exc:
        read("a.csv", b"title,text\nA,B\n", mapping={"text": "Volltext"})
    assert str(exc.value) == (
        "The column 'Volltext' chosen for the article text is not in this file; its columns are: title, text."
    )


def test_mapping_naming_a_missing_other_column_warns():
    result = read("a.csv", b"title,text\nA,B\n", mapping={"text": "text", "date": "Datum"})
    assert only(result).text == "B"
    assert result.warnings == ["The column 'Datum' chosen for the date is not in this file and was ignored."]
    assert result.mapping == {"text": "text"}


def test_mapping_without_text_is_refused():
    with pytest.raises(IngestError, match="No column was chosen for the article text"):
        read("a.csv", b"title,text\nA,B\n", mapping={"title": "title"})


def test_record_limit_keeps_the_first_rows():
    data = "title,text\n" + "".join(f"T{i},Text {i}\n" for i in range(5))
    result = read("a.csv", data.encode(), limits=Limits(max_records_per_file=2))
    assert [r.text for r in result.records] == ["Text 0", "Text 1"]
    assert result.warnings == ["The file has more than 2 rows; only the first 2 were read."]


def test_duplicate_and_blank_header_names_are_made_unique():
    result = read("a.csv", b"text,text,\nErster,Zweiter,Dritter\n")
    assert result.columns == ["text", "text (2)", "column 3"]


def test_csv_header_only_warns():
    result = read("a.csv", b"title,text\n")
    assert result.records == [] and result.warnings == ["The file has column names but no rows of articles."]


def test_csv_with_nul_bytes_is_refused():
    with pytest.raises(IngestError, match="binary"):
        read("a.csv", b"title,text\nA,B\x00C\n")


# --- propose_columns -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "columns,expected",
    [
        (["Titel", "Datum", "Quelle", "Text"], {"text": "Text", "title": "Titel", "date": "Datum", "source": "Quelle"}),
        (
            ["headline", "publication_date", "Publication", "byline", "permalink", "Body"],
            {
                "text": "Body",
                "title": "headline",
                "date": "publication_date",
                "source": "publication",
                "author": "byline",
                "url": "permalink",
            },
        ),
        (
            ["Überschrift", "Erscheinungsdatum", "Medium", "Autorin", "Link", "Volltext"],
            {
                "text": "Volltext",
                "title": "Überschrift",
                "date": "Erscheinungsdatum",
                "source": "Medium",
                "author": "Autorin",
                "url": "Link",
            },
        ),
        (["publishedAt", "urlToImage", "url", "content"], {"text": "content", "date": "publishedAt", "url": "url"}),
        (["id", "text_length", "Artikel"], {"text": "Artikel"}),
        # exports of posts
        (
            ["id_str", "created_at", "full_text", "user_screen_name", "lang"],
            {"text": "full_text", "date": "created_at", "author": "user_screen_name"},
        ),
        (
            ["id", "created_at", "text", "username", "author_id"],
            {"text": "text", "date": "created_at", "author": "username"},
        ),
    ],
)
def test_propose_columns_from_names(columns, expected):
    rows = [dict.fromkeys(columns, "x")]
    got = propose_columns(columns, rows)
    expected = {role: next(c for c in columns if c.lower() == col.lower()) for role, col in expected.items()}
    assert got == expected


def test_propose_columns_from_contents():
    columns = ["a", "b", "c", "d"]
    rows = [{"a": str(i), "b": f"2025-09-{i + 10}", "c": ARTICLE, "d": f"https://example.org/{i}"} for i in range(5)]
    assert propose_columns(columns, rows) == {"text": "c", "date": "b", "url": "d"}


def test_propose_columns_short_values_are_not_text():
    columns = ["a", "b"]
    rows = [{"a": "kurz", "b": "auch kurz"}]
    assert propose_columns(columns, rows) == {}


def test_propose_columns_two_text_names_take_the_longer():
    rows = [{"text": "kurz", "inhalt": ARTICLE}]
    assert propose_columns(["text", "inhalt"], rows)["text"] == "inhalt"


# --- Excel ----------------------------------------------------------------------------------


def test_xlsx_rows_types_and_positions():
    data = make_xlsx(
        [
            ("Leer", []),
            (
                "Artikel",
                [
                    [None, None, None],
                    ["Titel", "Datum", "Text", "Seite"],
                    ["Eins", datetime(2025, 9, 24), "Erster Text", 3.0],
                    ["Zwei", datetime(2025, 9, 25, 14, 30), "Zweiter Text", 2.5],
                    [None, None, None, None],
                    ["Drei", "26.09.2025", "Dritter Text", 7],
                ],
            ),
        ]
    )
    result = read("tabelle.xlsx", data)
    assert result.columns == ["Titel", "Datum", "Text", "Seite"]
    assert result.mapping == {"text": "Text", "title": "Titel", "date": "Datum"}
    assert [(r.title, r.date, r.position) for r in result.records] == [
        ("Eins", "2025-09-24", "row 3"),
        ("Zwei", "2025-09-25T14:30:00", "row 4"),
        ("Drei", "26.09.2025", "row 6"),
    ]
    assert result.records[0].kind == "table"
    assert "Read from the sheet 'Artikel'" in result.records[0].notes[0]


def test_xlsx_numbers_become_plain_text():
    data = make_xlsx([("S", [["text", "seite"], ["Text", 3.0], ["Text", 2.5]])])
    result = read("a.xlsx", data, mapping={"text": "text", "title": "seite"})
    assert [r.title for r in result.records] == ["3", "2.5"]


def test_damaged_xlsx_is_refused():
    with pytest.raises(IngestError, match="damaged or not an Excel workbook"):
        read("a.xlsx", b"PK\x03\x04 not really a zip")
    with pytest.raises(IngestError, match="damaged or not an Excel workbook"):
        read("a.xlsx", make_docx(["Ein Word-Dokument"]))


def test_xlsx_without_data_is_refused():
    with pytest.raises(IngestError, match="no sheet with data"):
        read("a.xlsx", make_xlsx([("Leer", [])]))


# --- JSON / JSON Lines ----------------------------------------------------------------------


def test_json_list():
    data = (
        b'[{"title": "Eins", "text": "Erster Text", "date": "2025-09-24", "meta": {"x": 1}},'
        b' {"title": "Zwei", "text": "Zweiter Text", "tags": ["a", "b"], "n": 3}]'
    )
    result = read("a.json", data)
    assert result.columns == ["title", "text", "date", "tags", "n"]
    assert [(r.title, r.text, r.position, r.kind) for r in result.records] == [
        ("Eins", "Erster Text", "item 1", "json"),
        ("Zwei", "Zweiter Text", "item 2", "json"),
    ]
    assert result.records[0].date == "2025-09-24"


def test_json_object_with_articles_list():
    data = (
        b'{"status": "ok", "totalResults": 2, "articles": ['
        b'{"source": {"id": null, "name": "Zeitung"}, "author": ["Anna A", "Bert B"], "title": "T1",'
        b' "url": "https://example.org/1", "publishedAt": "2025-09-24T08:00:00Z",'
        b' "content": ["Erster Absatz.", "Zweiter Absatz."]},'
        b'{"title": "T2", "content": "Nur Text", "publishedAt": "2025-09-25"}]}'
    )
    result = read("api.json", data)
    first, second = result.records
    assert first.text == "Erster Absatz.\n\nZweiter Absatz."
    assert first.author == "Anna A, Bert B"
    assert first.date == "2025-09-24T08:00:00Z" and first.url == "https://example.org/1"
    assert first.source == ""  # a nested object is not a field
    assert second.text == "Nur Text" and second.position == "item 2"


def test_html_in_fields_becomes_plain_text():
    data = (
        b'[{"title": "Der <em>neue</em> Haushalt", "content": "<p>Erster Absatz &amp; mehr.</p>'
        b'<script>alert(1)</script><p>Zweiter <a href=\\"https://example.org\\">Link</a>.</p>"},'
        b' {"title": "Formel", "content": "Wenn a < b und b > c gilt."}]'
    )
    result = read("a.json", data)
    first, second = result.records
    assert first.title == "Der neue Haushalt"
    assert first.text == "Erster Absatz & mehr.\n\nZweiter Link."
    assert second.text == "Wenn a < b und b > c gilt."
    assert result.warnings == ["Some cells held HTML markup; it was converted to plain text."]


def test_html_character_codes_in_cells_are_decoded():
    # A table exported from a web page or an API ("&lt;3", "&amp;"): decoded, and said so.
    data = (
        "id\ttitle\ttext\n"
        "1\tTom &amp; Jerry\tDas Wahlprogramm gefällt mir gut &lt;3 und das ist &#39;gut&#39; so.\n"
        "2\tAT&T\tDer Konzern AT&T und Procter&Gamble &copy 2025 blieben, wie sie waren.\n"
    ).encode()
    result = read("posts.tsv", data)
    first, second = result.records
    assert first.title == "Tom & Jerry"
    assert first.text == "Das Wahlprogramm gefällt mir gut <3 und das ist 'gut' so."
    # Without a semicolon an ampersand is the name's own.
    assert second.title == "AT&T"
    assert second.text == "Der Konzern AT&T und Procter&Gamble &copy 2025 blieben, wie sie waren."
    assert (
        "Some cells held HTML character codes; they were turned back into the characters they stand for."
        in result.warnings
    )
    # A table without any says nothing of them.
    plain = read("plain.tsv", b"id\ttext\n1\tNur ein Text ohne Codes, AT&T.\n")
    assert not any("character codes" in str(w) for w in plain.warnings)


def test_json_single_object_with_nested_lists():
    data = b'{"title": "T", "text": "Der Text", "comments": [{"user": "x", "text": "y"}]}'
    record = only(read("a.json", data))
    assert (record.title, record.text, record.position) == ("T", "Der Text", "")


def test_json_nested_one_level_deeper():
    data = b'{"response": {"numFound": 1, "docs": [{"headline": "H", "body": "Der Text"}]}}'
    record = only(read("a.json", data))
    assert (record.title, record.text) == ("H", "Der Text")


def test_invalid_json_names_the_line():
    with pytest.raises(IngestError) as exc:
        read("a.json", b'[\n{"text": "a"},\n{"text": "b",,}\n]')
    assert str(exc.value) == "The JSON file is not valid (the error is on line 3); check the file or export it again."


@pytest.mark.parametrize("data", [b"42", b'"nur ein Text"', b"[]", b"[1, 2, 3]", b"{}"])
def test_json_without_objects_is_refused(data):
    with pytest.raises(IngestError) as exc:
        read("a.json", data)
    assert_one_sentence(exc)


def test_deeply_nested_json_is_refused():
    with pytest.raises(IngestError):
        read("a.json", b"[" * 100_000 + b"]" * 100_000)


def test_jsonl_with_a_broken_line():
    data = b'{"title": "A", "text": "Eins"}\n{"title": "B", "text": \n\n{"title": "C", "text": "Drei"}\n[1, 2]\n'
    result = read("a.jsonl", data)
    assert [(r.title, r.position) for r in result.records] == [("A", "line 1"), ("C", "line 4")]
    assert result.warnings == [
        "Line 2 is not valid JSON and was skipped.",
        "Line 5 is not a JSON object and was skipped.",
    ]


def test_jsonl_keeps_line_separator_characters_inside_strings():
    data = '{"text": "Erster\u2028Teil"}\n{"text": "Zweiter"}\n'.encode()
    result = read("a.jsonl", data)
    assert [r.position for r in result.records] == ["line 1", "line 2"]


def test_json_lines_named_json_are_read_as_lines():
    result = read("a.json", b'{"text": "Eins"}\n{"text": "Zwei"}\n')
    assert [r.text for r in result.records] == ["Eins", "Zwei"]
    assert "read as JSON Lines" in result.warnings[0]


def test_pretty_json_named_jsonl_is_read_as_json():
    result = read("a.jsonl", b'[\n  {"text": "Eins"},\n  {"text": "Zwei"}\n]\n')
    assert [r.text for r in result.records] == ["Eins", "Zwei"]
    assert "read as JSON" in result.warnings[0]


def test_jsonl_without_objects_is_refused():
    with pytest.raises(IngestError, match="No line of the file is a JSON object"):
        read("a.jsonl", b"nicht json\nauch nicht\n")


# --- Word -----------------------------------------------------------------------------------


def test_docx_paragraphs_tables_and_properties():
    data = make_docx(
        ["Erster Absatz über den Haushalt.", "Zweiter Absatz."],
        title="Haushaltsstreit",
        author="Erika Mustermann",
        created=datetime(2025, 9, 24, 8, 0),
        table=[["Partei", "Position"], ["A", "sparen"]],
    )
    record = only(read("brief.docx", data))
    assert record.kind == "docx"
    assert (record.title, record.author, record.date) == ("Haushaltsstreit", "Erika Mustermann", "2025-09-24")
    assert record.text.startswith("Erster Absatz über den Haushalt.\n\nZweiter Absatz.")
    assert record.text.index("Zweiter Absatz.") < record.text.index("Partei") < record.text.index("sparen")
    assert "creation date" in record.notes[0]


def test_docx_heading_becomes_title_and_template_properties_are_ignored():
    record = only(read("a.docx", make_docx(["Der Text."], heading="Die Überschrift")))
    assert (record.title, record.text) == ("Die Überschrift", "Der Text.")
    assert (record.author, record.date, record.notes) == ("", "", [])


@pytest.mark.parametrize(
    "data", [b"das ist kein Word-Dokument", b"PK\x03\x04kaputt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100]
)
def test_damaged_docx_is_refused(data):
    with pytest.raises(IngestError) as exc:
        read("a.docx", data)
    assert_one_sentence(exc)
    assert ".docx" in str(exc.value)


def test_docx_that_is_a_workbook_is_refused():
    with pytest.raises(IngestError, match="damaged or not a Word document"):
        read("a.docx", make_xlsx([("S", [["text"], ["x"]])]))


def test_docx_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * 20_000_000)
    with pytest.raises(IngestError, match="unpack to far more data"):
        read("a.docx", buffer.getvalue())


def test_docx_without_text_is_refused():
    with pytest.raises(IngestError, match="holds no text"):
        read("a.docx", make_docx([]))


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_text_and_metadata():
    data = make_pdf(
        [text_stream("Erste Seite mit Text.", "Gr\u00fc\u00dfe aus M\u00fcnchen."), text_stream("Zweite Seite.")],
        info={"Title": "Der Bericht", "Author": "Erika Mustermann", "CreationDate": "D:20250924083000+02'00'"},
    )
    record = only(read("bericht.pdf", data))
    assert record.kind == "pdf"
    assert (record.title, record.author, record.date) == ("Der Bericht", "Erika Mustermann", "2025-09-24")
    assert "Erste Seite mit Text." in record.text and "Grüße aus München." in record.text
    assert record.text.index("München") < record.text.index("Zweite Seite.")
    assert "\n\n" in record.text


def test_pdf_without_text_layer_is_refused():
    data = make_pdf([b"0 0 m 100 100 l S"])
    with pytest.raises(IngestError) as exc:
        read("scan.pdf", data)
    assert str(exc.value).startswith("The PDF has no text layer (it is probably a scan)")


def test_encrypted_pdf_is_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([text_stream("Geheim.")]))))
    writer.encrypt(user_password="geheim", owner_password="besitzer", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(IngestError, match="password-protected") as exc:
        read("geheim.pdf", buffer.getvalue())
    assert_one_sentence(exc)


def test_pdf_with_only_an_owner_password_is_read():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([text_stream("Offener Text.")]))))
    writer.encrypt(user_password="", owner_password="besitzer", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "Offener Text." in only(read("offen.pdf", buffer.getvalue())).text


@pytest.mark.parametrize("data", [b"kein pdf", b"%PDF-1.4\nkaputt", b"%PDF-1.7\n" + bytes(range(256)) * 4])
def test_damaged_pdf_is_refused(data):
    with pytest.raises(IngestError) as exc:
        read("a.pdf", data)
    assert_one_sentence(exc)


def test_pdf_with_a_wrong_xref_pointer_is_read_and_logs_nothing(caplog):
    import logging
    import re

    caplog.set_level(logging.DEBUG)
    data = re.sub(rb"startxref\n\d+", b"startxref\n5", make_pdf([text_stream("Trotzdem lesbar.")]))
    assert only(read("a.pdf", data)).text == "Trotzdem lesbar."
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").level == logging.NOTSET  # restored after the call


def test_a_table_cell_of_only_markup_holds_no_text():
    """Found by the JSON round-trip property: '<DIV>' in a text cell is a tag, not an article."""
    import json

    from tonlage.ingest import Document
    from tonlage.ingest.formats import read_document

    data = json.dumps([{"title": "a", "text": "<DIV>"}, {"title": "b", "text": "<p>Echter Text hier</p>"}]).encode()
    result = read_document(Document("x.json", data))
    assert [r.text for r in result.records] == ["Echter Text hier"]


def test_docx_tables_are_read_the_same_every_time():
    """Every table cell, every time (cells were once told apart by id(), which the garbage
    collector reuses, so a cell now and then went missing)."""
    data = make_docx(["Absatz."], table=[["Partei", "Position"], ["A", "sparen"], ["B", "ausgeben"]])
    texts = {only(read("t.docx", data)).text for _ in range(200)}
    assert len(texts) == 1
    assert [line for line in texts.pop().split("\n") if line] == [
        "Absatz.",
        "Partei",
        "Position",
        "A",
        "sparen",
        "B",
        "ausgeben",
    ]


def test_docx_merged_cells_are_read_once():
    import docx

    d = docx.Document()
    d.add_paragraph("Ein Absatz über den Haushalt mit genug Worten.")
    table = d.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Zusammengefasst"
    table.cell(1, 0).text, table.cell(1, 1).text = "links", "rechts"
    buf = io.BytesIO()
    d.save(buf)
    text = only(read("m.docx", buf.getvalue())).text
    assert text.count("Zusammengefasst") == 1 and "links" in text and "rechts" in text
