"""Format readers: one document's bytes to :class:`~tonlage.ingest.records.Record` s.

Each format has its own module (:mod:`.plain`, :mod:`.html`, :mod:`.tables`, :mod:`.office`);
:func:`read_document` picks the reader by file-name suffix. Readers raise only
:class:`~tonlage.ingest.errors.IngestError`, with one plain sentence saying what is wrong and what
to do. Heavy libraries (trafilatura, pypdf, python-docx, openpyxl) are imported only when a file
of their format is read, so importing this package is cheap.
"""

from __future__ import annotations

from ...i18n import message
from ..errors import IngestError
from ..limits import Limits
from ..records import Document, ReadResult
from .columns import propose_columns

__all__ = ["SUPPORTED_SUFFIXES", "TABULAR_SUFFIXES", "read_document", "propose_columns", "suffix_of"]

SUPPORTED_SUFFIXES: tuple[str, ...] = (
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
# Formats whose columns can be mapped to roles (text, title, date, …) in the app.
TABULAR_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".xlsx", ".json", ".jsonl")

# Suffixes of tables we do not read, so the advice names table formats, not document formats.
_TABLE_LIKE = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers", ".parquet", ".feather", ".sav", ".dta", ".xml")


def suffix_of(name: str) -> str:
    """The lower-cased suffix of a display name ("clips.zip/a.HTML" → ".html"; "" for none)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    return f".{suffix.lower()}" if dot and stem.strip(".") and suffix else ""


def _unsupported(name: str, suffix: str) -> IngestError:
    if not suffix:
        return IngestError(
            message(
                "'{name}' has no file-name ending such as .txt or .pdf, so its format is unknown; "
                "rename it or save it again in a supported format.",
                name=name,
            )
        )
    if suffix in _TABLE_LIKE:
        return IngestError(message("'{suffix}' files are not read; save the table as .xlsx or .csv.", suffix=suffix))
    return IngestError(
        message("'{suffix}' files are not read; save the article as .docx, .pdf, .html or .txt.", suffix=suffix)
    )


def read_document(doc: Document, *, mapping: dict[str, str] | None = None, limits: Limits = Limits()) -> ReadResult:
    """Read one document into records, choosing the reader by the suffix of ``doc.name``.

    Args:
        doc: The file's display name and bytes.
        mapping: For tables (:data:`TABULAR_SUFFIXES`): role → column name to use instead of the
            proposal (see :func:`propose_columns`); must name the text column. Ignored for other
            formats.
        limits: Caps on file size and on records per file.

    Returns:
        The records found, warnings about skipped parts, and for tables the columns and the
        mapping used.

    Raises:
        IngestError: The format is not supported, or the file cannot be read; ``str(exc)`` is one
            plain sentence for the reader.
    """
    suffix = suffix_of(doc.name)
    if suffix not in SUPPORTED_SUFFIXES:
        raise _unsupported(doc.name, suffix)
    data = doc.data
    if len(data) > limits.max_file_bytes:
        raise IngestError(
            message(
                "The file is larger than {mb} MB and was not read; split it into smaller files.",
                mb=limits.max_file_bytes // 1_000_000 or 1,
            )
        )
    if suffix == ".txt":
        from .plain import read_txt

        return read_txt(data)
    if suffix == ".md":
        from .plain import read_md

        return read_md(data)
    if suffix in (".html", ".htm"):
        from .html import read_html

        return read_html(data)
    if suffix == ".docx":
        from .office import read_docx

        return read_docx(data, limits=limits)
    if suffix == ".pdf":
        from .office import read_pdf

        return read_pdf(data, limits=limits)
    from . import tables

    if suffix in (".csv", ".tsv"):
        return tables.read_delimited(data, delimiter="\t" if suffix == ".tsv" else None, mapping=mapping, limits=limits)
    if suffix == ".xlsx":
        return tables.read_xlsx(data, mapping=mapping, limits=limits)
    if suffix == ".json":
        return tables.read_json(data, mapping=mapping, limits=limits)
    return tables.read_jsonl(data, mapping=mapping, limits=limits)
