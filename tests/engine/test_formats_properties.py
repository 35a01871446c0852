"""Format readers on arbitrary input: a ReadResult or an IngestError, never anything else."""

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonlage.ingest import COLUMN_ROLES, Document, IngestError, ReadResult
from tonlage.ingest.formats import SUPPORTED_SUFFIXES, propose_columns, read_document

KINDS = {
    ".txt": "plain",
    ".md": "plain",
    ".html": "html",
    ".htm": "html",
    ".csv": "table",
    ".tsv": "table",
    ".xlsx": "table",
    ".json": "json",
    ".jsonl": "json",
    ".docx": "docx",
    ".pdf": "pdf",
}
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that make the structured formats interesting: delimiters, quotes, brackets, tags.
STRUCTURE = st.text(alphabet=st.sampled_from(list(",;\t|\"'\n\r{}[]:<>/!#*_`()-=.\\ abcTtextÄöß0123")), max_size=400)


def check(suffix, data):
    """Read; on success the result must be well formed (the reader's contract)."""
    try:
        result = read_document(Document("x" + suffix, data))
    except IngestError as exc:
        message = str(exc)
        assert message and "\n" not in message and message.endswith("."), message
        return None
    assert isinstance(result, ReadResult)
    assert result.records or result.warnings
    for record in result.records:
        assert record.kind == KINDS[suffix]
        assert isinstance(record.text, str) and record.text.strip()
        for value in (record.title, record.author, record.date, record.source, record.url, record.position):
            assert isinstance(value, str)
    if suffix in (".csv", ".tsv", ".xlsx", ".json", ".jsonl"):
        assert result.columns is not None and set(result.mapping.values()) <= set(result.columns)
        assert "text" in result.mapping
    return result


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@FEW
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(suffix, data):
    check(suffix, data)


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@FEW
@given(text=st.text(max_size=1000))
def test_arbitrary_text(suffix, text):
    check(suffix, text.encode())


@pytest.mark.parametrize("suffix", (".csv", ".tsv", ".json", ".jsonl", ".md", ".html"))
@FEW
@given(text=STRUCTURE)
def test_structured_looking_text(suffix, text):
    check(suffix, text.encode())


@pytest.fixture(scope="module")
def office_files():
    import docx
    import openpyxl

    document = docx.Document()
    document.core_properties.title = "T"
    document.add_paragraph("Ein Absatz über den Haushalt.")
    document.add_table(rows=2, cols=2).cell(1, 1).text = "Zelle"
    book = openpyxl.Workbook()
    for row in (["title", "text"], ["A", "Ein Text"], ["B", "Noch ein Text"]):
        book.active.append(row)
    files = {}
    for suffix, thing in ((".docx", document), (".xlsx", book)):
        buffer = io.BytesIO()
        thing.save(buffer)
        files[suffix] = buffer.getvalue()
    return files


@pytest.mark.parametrize("suffix", (".docx", ".xlsx"))
@FEW
@given(
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8),
    cut=st.none() | st.floats(0, 1),
)
def test_damaged_office_files(office_files, suffix, flips, cut):
    data = bytearray(office_files[suffix])
    for where, value in flips:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    check(suffix, bytes(data))


def tiny_pdf(text):
    """A one-page PDF with a text layer (catalog, pages, page, font, content; correct xref)."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_tiny_pdf_is_read():
    assert read_document(Document("a.pdf", tiny_pdf(b"Ein Satz."))).records[0].text == "Ein Satz."


@FEW
@given(
    flips=st.lists(st.tuples(st.floats(0.02, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=6),
    cut=st.none() | st.floats(0.3, 1),
)
def test_damaged_pdf(flips, cut):
    data = bytearray(tiny_pdf(b"Ein Satz im PDF."))
    for where, value in flips:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    check(".pdf", bytes(data))


WORDS = st.text(alphabet=st.sampled_from(list("abcxyzÄÖÜäöüß ,;|\t\"'\n.-0123456789")), max_size=80)


@FEW
@given(
    rows=st.lists(st.tuples(WORDS, WORDS.filter(lambda t: t.strip())), min_size=1, max_size=15),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_csv_round_trip(rows, delimiter):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    result = read_document(Document("a.csv", buffer.getvalue().encode()))
    assert [r.text for r in result.records] == [text.strip() for _, text in rows]
    assert [r.title for r in result.records] == [" ".join(title.split()) for title, _ in rows]
    assert [r.position for r in result.records] == [f"row {i}" for i in range(2, len(rows) + 2)]
    assert result.warnings == []


# Without the letters of UTF-8-read-as-Windows-1252 ("Ã¤"), which decoding repairs on purpose,
# and without "<": cells that hold HTML tags are read as markup on purpose (CMS exports), so a
# cell "<DIV>" is a tag, not text.
CLEAN = st.text(st.characters(exclude_characters="ÃÂâ<", exclude_categories=("Cs",)), max_size=200)


@FEW
@given(
    items=st.lists(
        st.fixed_dictionaries({"title": CLEAN, "text": CLEAN.filter(lambda t: t.strip())}), min_size=1, max_size=10
    ),
    lines=st.booleans(),
)
def test_json_round_trip(items, lines):
    if lines:
        data = "\n".join(json.dumps(item, ensure_ascii=False) for item in items).encode()
        name = "a.jsonl"
    else:
        data = json.dumps({"articles": items}, ensure_ascii=False).encode()
        name = "a.json"
    result = read_document(Document(name, data))
    expected = [item["text"].replace("\r\n", "\n").replace("\r", "\n").strip() for item in items]
    assert [r.text for r in result.records] == expected


COLUMN_NAMES = st.lists(st.text(max_size=20), max_size=8, unique=True)


@FEW
@given(columns=COLUMN_NAMES, data=st.data())
def test_propose_columns_is_a_partial_injective_mapping(columns, data):
    rows = data.draw(st.lists(st.fixed_dictionaries({c: st.text(max_size=60) for c in columns}), max_size=5))
    mapping = propose_columns(columns, rows)
    assert set(mapping) <= set(COLUMN_ROLES)
    assert set(mapping.values()) <= set(columns)
    assert len(set(mapping.values())) == len(mapping)
