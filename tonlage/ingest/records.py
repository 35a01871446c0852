"""What travels between the ingest steps: a document's bytes in, records out."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Document", "Record", "ReadResult", "COLUMN_ROLES"]

# Roles a table column can play; "text" is required, the others optional.
COLUMN_ROLES = ("text", "title", "date", "source", "author", "url")


@dataclass(frozen=True)
class Document:
    """One file to read: a file on disk, an uploaded file, or a member of an archive.

    Attributes:
        name: Display path, unique within one ingest: "clips.zip/2025/a.html". Never used as a
            path on disk.
        data: The raw bytes (already capped by :class:`~tonlage.ingest.limits.Limits`).
    """

    name: str
    data: bytes


@dataclass
class Record:
    """One article as a reader found it, before dates are resolved and text is cleaned.

    Attributes:
        text: The article text (plain text; a reader never returns markup).
        title, author, source, url: As found in the file's metadata, "" when absent.
        date: The date as written in the file's metadata (a column, an HTML meta tag, a JSON
            field), unparsed; "" when absent. :mod:`tonlage.reading.dates` parses and checks it.
        position: Where in a multi-article file this record is ("row 12", "line 3"); "" for a
            file that holds one article.
        kind: "plain" for .txt/.md (header forms apply), else the format name.
        notes: Plain sentences about how it was read (shown in the reader).
    """

    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    source: str = ""
    url: str = ""
    position: str = ""
    kind: str = "plain"
    notes: list[str] = field(default_factory=list)


@dataclass
class ReadResult:
    """What a reader returns for one document.

    Attributes:
        records: The articles found (may be empty only together with warnings).
        warnings: Plain sentences about parts that were skipped ("line 3 is not valid JSON").
        columns: For tables: every column name, in order; None for other formats.
        mapping: For tables: the role → column mapping used (proposed or given); None otherwise.
    """

    records: list[Record]
    warnings: list[str] = field(default_factory=list)
    columns: list[str] | None = None
    mapping: dict[str, str] | None = None
