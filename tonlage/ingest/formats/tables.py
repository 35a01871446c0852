"""Tables of articles: CSV/TSV, Excel workbooks, JSON and JSON Lines. One row, one article."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice

from ...i18n import message, nmessage
from ..errors import IngestError
from ..limits import Limits
from ..records import ReadResult, Record
from ._common import EMPTY_FILE, Warnings, check_zip, decode_text
from .columns import resolve_mapping
from .html import looks_like_markup, markup_to_text

__all__ = ["read_delimited", "read_xlsx", "read_json", "read_jsonl"]

# Rows sampled for the column proposal.
_SAMPLE_ROWS = 300
_DELIMITERS = (",", ";", "\t", "|")
_NO_DELIMITER = "\x1f"  # the ASCII unit separator, which no hand-made table contains
# An HTML character reference with its semicolon ("&lt;", "&amp;", "&#39;", "&#x27;"): a cell
# escaped for a web page or by an API (788 political tweets held "&lt;3" and "&amp;"). Without the
# semicolon a name stays as written ("AT&T", "Procter&Gamble", "&copy").
_CHARACTER_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _decoded(cell: str) -> str:
    """``cell`` with its HTML character references decoded (unknown names stay as written)."""
    return _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), cell) if "&" in cell else cell


@dataclass
class _Table:
    """Rows as read, before the mapping is applied."""

    columns: list[str]
    rows: list[tuple[str, dict]] = field(default_factory=list)  # (position, column → cell)
    unit: str = "row"  # what one record is: "row", "item" (JSON) or "line" (JSON Lines)
    warnings: Warnings = field(default_factory=Warnings)
    notes: list[str] = field(default_factory=list)  # file-level, repeated on each record
    truncated: bool = False


def _flat(cell, role: str) -> str:
    """A cell as text. A cell is a string, or for JSON a tuple of strings, joined as paragraphs
    for the article text and with commas for authors and the like."""
    if isinstance(cell, tuple):
        return "\n\n".join(cell) if role == "text" else ", ".join(cell)
    return cell or ""


def _build(table: _Table, mapping: dict[str, str] | None, limits: Limits, kind: str) -> ReadResult:
    """Records from rows: the mapping applied, empty texts counted, the truncation reported."""
    sample = [{c: _flat(v, "text") for c, v in values.items()} for _, values in table.rows[:_SAMPLE_ROWS]]
    used, mapping_warnings = resolve_mapping(table.columns, sample, mapping)
    records: list[Record] = []
    empty = 0
    converted = decoded = False
    for position, values in table.rows:
        text = _flat(values.get(used["text"], ""), "text").replace("\r\n", "\n").replace("\r", "\n").strip()
        fields = {role: _flat(values.get(column, ""), role) for role, column in used.items() if role != "text"}
        if looks_like_markup(text):  # records carry plain text, never markup (references decoded)
            text, converted = markup_to_text(text), True
        elif (plain := _decoded(text)) != text:
            text, decoded = plain, True
        for role in ("title", "author", "source"):
            if role in fields and looks_like_markup(fields[role]):
                fields[role], converted = markup_to_text(fields[role]), True
            elif role in fields and (plain := _decoded(fields[role])) != fields[role]:
                fields[role], decoded = plain, True
        if not text:
            empty += 1
            continue
        fields = {role: " ".join(value.split()) for role, value in fields.items()}
        records.append(Record(text=text, position=position, kind=kind, notes=list(table.notes), **fields))
    warnings = mapping_warnings + table.warnings.sentences()
    if converted:
        warnings.append(message("Some cells held HTML markup; it was converted to plain text."))
    if decoded:
        warnings.append(
            message("Some cells held HTML character codes; they were turned back into the characters they stand for.")
        )
    if not table.rows:
        warnings.append(_NO_RECORDS[table.unit])
    if empty:
        warnings.append(_EMPTY_RECORDS[table.unit](empty))
    if table.truncated:
        warnings.append(_TRUNCATED[table.unit](limits.max_records_per_file))
    return ReadResult(records=records, warnings=warnings, columns=list(table.columns), mapping=dict(used))


# The sentences about records, one set per kind of record (a row of a table, an item of a JSON
# list, a line of JSON Lines): whole sentences, so each language words its own plural.
_NO_RECORDS = {
    "row": message("The file has column names but no rows of articles."),
    "item": message("The file has column names but no items of articles."),
    "line": message("The file has column names but no lines of articles."),
}
_EMPTY_RECORDS = {
    "row": lambda k: nmessage("{n} row has no text and was skipped.", "{n} rows have no text and were skipped.", k),
    "item": lambda k: nmessage("{n} item has no text and was skipped.", "{n} items have no text and were skipped.", k),
    "line": lambda k: nmessage("{n} line has no text and was skipped.", "{n} lines have no text and were skipped.", k),
}
_TRUNCATED = {
    "row": lambda k: nmessage(
        "The file has more than {n} row; only the first {n} was read.",
        "The file has more than {n} rows; only the first {n} were read.",
        k,
    ),
    "item": lambda k: nmessage(
        "The file has more than {n} item; only the first {n} was read.",
        "The file has more than {n} items; only the first {n} were read.",
        k,
    ),
    "line": lambda k: nmessage(
        "The file has more than {n} line; only the first {n} was read.",
        "The file has more than {n} lines; only the first {n} were read.",
        k,
    ),
}


def _unique_names(raw: list[str]) -> list[str]:
    """Header cells as column names: trimmed, blanks named by position, repeats numbered."""
    names: list[str] = []
    seen: set[str] = set()
    for i, name in enumerate(raw, 1):
        name = " ".join(str(name).replace("\ufeff", "").split()) or f"column {i}"
        candidate, n = name, 2
        while candidate in seen:
            candidate, n = f"{name} ({n})", n + 1
        seen.add(candidate)
        names.append(candidate)
    return names


# --- CSV / TSV ------------------------------------------------------------------------------


def _allow_long_fields() -> None:
    # The csv module refuses fields over 128 KiB by default; a long article in one cell is
    # legitimate (the file as a whole is capped by Limits).
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)


def _sniff(text: str) -> str:
    """The delimiter among , ; tab | that splits the first rows most consistently.

    Quoted fields are honoured while scoring (a ";" inside quotes does not count), which is
    where :class:`csv.Sniffer` often guesses wrong on German text full of commas.
    """
    sample = text[:65536]
    cut = len(text) > len(sample)
    best, best_score = ",", (-1.0, 0.0, 0)
    widest_header = 1
    for delimiter in _DELIMITERS:
        try:
            rows = [r for r in islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), 60) if r]
        except csv.Error:
            continue
        if cut and len(rows) > 1:
            rows = rows[:-1]  # probably cut in the middle
        if not rows:
            continue
        counts = [len(r) for r in rows]
        widest_header = max(widest_header, counts[0])
        mode, hits = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (float(counts[0] == mode), hits / len(counts), mode)
        if score > best_score:
            best, best_score = delimiter, score
    if widest_header == 1:
        # One column ("text" and an article per row): commas in unquoted prose must not split it.
        return _NO_DELIMITER
    return best


def read_delimited(data: bytes, *, delimiter: str | None, mapping: dict[str, str] | None, limits: Limits) -> ReadResult:
    """Articles from a CSV or TSV file, one per row; the first row names the columns.

    Args:
        delimiter: The field separator, or None to detect it among , ; tab and |.

    Raises:
        IngestError: The file is empty, binary or unreadable, or no text column is found.
    """
    decoded = decode_text(data, what=message("a table"))
    text = decoded.text.lstrip("\ufeff")
    delimiter = delimiter or _sniff(text)
    _allow_long_fields()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: _Table | None = None
    row_number = 0  # as a spreadsheet counts: every record, blank ones too
    line_after = 0
    try:
        for fields in reader:
            row_number += 1
            first_line, line_after = line_after + 1, reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if table is None:
                table = _Table(_unique_names(fields), notes=[decoded.note] if decoded.note else [])
                continue
            expected = len(table.columns)
            if len(fields) > expected:
                if any(f.strip() for f in fields[expected:]):
                    table.warnings.add(
                        message(
                            "Line {line} has {count} fields where {expected} were expected; skipped.",
                            line=first_line,
                            count=len(fields),
                            expected=expected,
                        )
                    )
                    continue
                fields = fields[:expected]  # trailing empty fields, as some exports write
            elif len(fields) < expected:
                table.warnings.add(
                    message(
                        "Line {line} has {count} fields where {expected} were expected; the "
                        "missing ones were left empty.",
                        line=first_line,
                        count=len(fields),
                        expected=expected,
                    )
                )
                fields = fields + [""] * (expected - len(fields))
            if len(table.rows) >= limits.max_records_per_file:
                table.truncated = True
                break
            table.rows.append((f"row {row_number}", dict(zip(table.columns, fields))))
    except csv.Error:
        raise IngestError(
            message(
                "The table could not be read from line {line} on; open it in a spreadsheet and save it again as CSV.",
                line=line_after + 1,
            )
        ) from None
    if table is None:
        raise IngestError(message("The file holds no table."))
    return _build(table, mapping, limits, "table")


# --- Excel ------------------------------------------------------------------------------------

_OPENPYXL_QUIET = False
_BAD_XLSX = message("This .xlsx file is damaged or not an Excel workbook; open it in Excel and save it again as .xlsx.")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value).strip()


def read_xlsx(data: bytes, *, mapping: dict[str, str] | None, limits: Limits) -> ReadResult:
    """Articles from the first sheet with data of an Excel workbook; its first non-empty row
    names the columns.

    Formulas count with their last computed values; dates become ISO dates ("2025-09-24").

    Raises:
        IngestError: The file is damaged or not a workbook, or no text column is found.
    """
    if not data.strip():
        raise IngestError(EMPTY_FILE)
    check_zip(data, limits, damaged=_BAD_XLSX)
    import warnings

    import openpyxl

    global _OPENPYXL_QUIET
    if not _OPENPYXL_QUIET:
        # openpyxl warns about styles and extensions it does not know; they do not matter for text.
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        _OPENPYXL_QUIET = True
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - library boundary: zip, XML and workbook errors alike
        raise IngestError(_BAD_XLSX) from None
    try:
        table = _first_sheet(book, limits)
    except IngestError:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet fails while its rows are read
        raise IngestError(_BAD_XLSX) from None
    finally:
        book.close()
    if table is None:
        raise IngestError(message("The workbook has no sheet with data."))
    return _build(table, mapping, limits, "table")


def _first_sheet(book, limits: Limits) -> _Table | None:
    sheets = list(book.worksheets)
    for sheet in sheets:
        # The size a sheet declares can be wrong (some tools write "A1"); reading to the end
        # of the data is the only safe way.
        sheet.reset_dimensions()
        table: _Table | None = None
        for row_number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1):
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            if table is None:
                table = _Table(_unique_names(cells))
                others = [s.title for s in sheets if s is not sheet]
                if others:
                    table.notes.append(
                        nmessage(
                            "Read from the sheet '{sheet}'; the workbook's other sheet ({others}) was not read.",
                            "Read from the sheet '{sheet}'; the workbook's other sheets ({others}) were not read.",
                            len(others),
                            sheet=sheet.title,
                            others=", ".join(others[:5]) + (", …" if len(others) > 5 else ""),
                        )
                    )
                continue
            if len(table.rows) >= limits.max_records_per_file:
                table.truncated = True
                break
            if len(cells) > len(table.columns) and any(cells[len(table.columns) :]):
                table.warnings.add(
                    message("Row {row} has values beyond the named columns; they were ignored.", row=row_number)
                )
            cells = cells[: len(table.columns)] + [""] * (len(table.columns) - len(cells))
            table.rows.append((f"row {row_number}", dict(zip(table.columns, cells))))
        if table is not None:
            return table
    return None


# --- JSON / JSON Lines ------------------------------------------------------------------------


def _json_cell(value):
    """A JSON value as a cell, or None for values that are not article fields (objects,
    lists of anything but strings)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(v for v in value if v.strip())
    return None


class _JsonRows:
    """Collects objects as rows, with the union of their usable keys as columns."""

    def __init__(self, unit: str, limits: Limits) -> None:
        self.table = _Table(columns=[], unit=unit)
        self._known: set[str] = set()
        self._limit = limits.max_records_per_file

    def add(self, position: str, obj: dict) -> bool:
        """Add one object; False once the limit is reached (the caller stops)."""
        if len(self.table.rows) >= self._limit:
            self.table.truncated = True
            return False
        row = {}
        for key, value in obj.items():
            cell = _json_cell(value)
            if cell is None:
                continue
            key = str(key)
            if key not in self._known:
                self._known.add(key)
                self.table.columns.append(key)
            row[key] = cell
        self.table.rows.append((position, row))
        return True


_ITEM_KEYS = (
    "articles",
    "items",
    "data",
    "results",
    "records",
    "documents",
    "docs",
    "entries",
    "hits",
    "rows",
    "posts",
    "stories",
    "news",
)


def _objects_in(value) -> list | None:
    """The list of article objects in a parsed JSON document, or None when it is one article.

    A list at the top, or the longest list of objects under a key of the top object (one level
    deeper too, as in {"response": {"docs": [...]}}); an object that itself looks like an
    article (it has a text field) is one article even if it holds lists.
    """
    from .columns import propose_columns

    if isinstance(value, list):
        return value
    if not isinstance(value, dict):
        raise IngestError(
            message(
                "The JSON file holds a single value, not articles; export the articles as a "
                "list of objects with fields."
            )
        )
    own = {k: v for k, v in value.items() if isinstance(_json_cell(v), str)}
    if "text" in propose_columns(list(own), [own]):
        return None
    candidates = []
    for key, inner in value.items():
        nested = [(key, inner)] + (list(inner.items()) if isinstance(inner, dict) else [])
        for name, candidate in nested:
            if isinstance(candidate, list) and any(isinstance(x, dict) for x in candidate):
                count = sum(isinstance(x, dict) for x in candidate)
                candidates.append((count, str(name).lower() in _ITEM_KEYS, candidate))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[1], c[0]))[2]


def read_json(data: bytes, *, mapping: dict[str, str] | None, limits: Limits) -> ReadResult:
    """Articles from a JSON file: a list of objects, an object holding such a list under some
    key ("articles", "items", …), or a single object. Each object's text and string fields are
    its columns; nested objects are ignored, lists of strings joined.

    Raises:
        IngestError: The JSON is not valid, holds no objects, or no text field is found.
    """
    decoded = decode_text(data, what=message("JSON"))
    text = decoded.text.lstrip("\ufeff")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several documents in a row: JSON Lines with the wrong name
            result = _jsonl_from_text(text, decoded.note, mapping, limits, fallback=False)
            if result is not None:
                result.warnings.insert(
                    0, message("The file holds one JSON object per line; it was read as JSON Lines.")
                )
                return result
        raise IngestError(
            message(
                "The JSON file is not valid (the error is on line {line}); check the file or export it again.",
                line=exc.lineno,
            )
        ) from None
    except (ValueError, RecursionError):
        raise IngestError(
            message(
                "The JSON file could not be read (it is nested too deeply or holds a number too long); export it again."
            )
        ) from None
    return _from_value(value, decoded.note, mapping, limits)


def _from_value(value, note: str, mapping, limits: Limits) -> ReadResult:
    items = _objects_in(value)
    collector = _JsonRows("item", limits)
    collector.table.notes = [note] if note else []
    if items is None:
        collector.add("", value)
    else:
        skipped = 0
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict):
                skipped += 1
            elif not collector.add(f"item {n}", item):
                break
        if skipped == len(items):
            raise IngestError(
                message(
                    "The JSON file holds no objects with fields; export the articles as a list of "
                    "objects (one per article)."
                )
            )
        if skipped:
            collector.table.warnings.add(
                nmessage(
                    "{n} item is not an object with fields and was skipped.",
                    "{n} items are not objects with fields and were skipped.",
                    skipped,
                )
            )
    return _build(collector.table, mapping, limits, "json")


def read_jsonl(data: bytes, *, mapping: dict[str, str] | None, limits: Limits) -> ReadResult:
    """Articles from a JSON Lines file: one JSON object per line. Broken lines are skipped with a
    warning.

    Raises:
        IngestError: No line holds a JSON object, or no text field is found.
    """
    decoded = decode_text(data, what=message("JSON Lines"))
    result = _jsonl_from_text(decoded.text.lstrip("\ufeff"), decoded.note, mapping, limits, fallback=True)
    if result is None:
        raise IngestError(
            message("No line of the file is a JSON object; check that it is a JSON Lines file (one object per line).")
        )
    return result


def _jsonl_from_text(text: str, note: str, mapping, limits: Limits, *, fallback: bool) -> ReadResult | None:
    collector = _JsonRows("line", limits)
    collector.table.notes = [note] if note else []
    broken = 0
    # Only "\n" ends a line: str.splitlines() would also split at U+2028, which JSON strings may hold.
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            collector.table.warnings.add(message("Line {line} is not valid JSON and was skipped.", line=n))
            broken += 1
            continue
        if not isinstance(obj, dict):
            collector.table.warnings.add(message("Line {line} is not a JSON object and was skipped.", line=n))
        elif not collector.add(f"line {n}", obj):
            break
    if fallback and (broken or not collector.table.rows):
        # A pretty-printed JSON document saved as .jsonl: lines fail one by one, the whole parses.
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, (list, dict)):
            result = _from_value(value, note, mapping, limits)
            result.warnings.insert(0, message("The file is one JSON document, not JSON Lines; it was read as JSON."))
            return result
    if collector.table.rows:
        return _build(collector.table, mapping, limits, "json")
    return None
