"""Word documents (.docx) and PDF files: one article each."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from ...i18n import message, nmessage
from ..errors import IngestError
from ..limits import Limits
from ..records import ReadResult, Record
from ._common import EMPTY_FILE, check_zip, clean_lines, quiet_loggers, strip_title_line

__all__ = ["read_docx", "read_pdf", "MAX_PDF_PAGES"]

_BAD_DOCX = message("This .docx file is damaged or not a Word document; open it in Word and save it again as .docx.")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files (.doc, .xls)

# python-docx's blank template carries these; a file made from it has no real author or date.
_TEMPLATE_AUTHOR = "python-docx"
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)


def _iso(value) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


def read_docx(data: bytes, *, limits: Limits) -> ReadResult:
    """One article from a Word document: its paragraphs and then the text of its tables, with
    the title, author and creation date from the document properties.

    A first paragraph styled as title or heading is taken as the title when the properties have
    none. The creation date is when the file was made, which may differ from the publication
    date; the record says so in a note.

    Raises:
        IngestError: The file is empty, damaged, an old .doc file, or holds no text.
    """
    if not data.strip():
        raise IngestError(EMPTY_FILE)
    if data.startswith(_OLE_MAGIC):
        raise IngestError(
            message("This is an old Word .doc file with a .docx name; open it in Word and save it as .docx.")
        )
    check_zip(data, limits, damaged=_BAD_DOCX)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _docx_blocks(document)
        props = document.core_properties
        title, author, created = (props.title or "").strip(), (props.author or "").strip(), props.created
    except IngestError:
        raise
    except Exception:  # noqa: BLE001 - library boundary: zip, XML and package errors alike
        raise IngestError(_BAD_DOCX) from None
    if author == _TEMPLATE_AUTHOR:
        author = ""
        if isinstance(created, datetime) and created.replace(tzinfo=None) == _TEMPLATE_CREATED:
            created = None
    if not title and blocks and blocks[0][1]:
        title = blocks[0][0]
    text = strip_title_line(clean_lines("\n\n".join(text for text, _ in blocks)), title)
    if not text:
        raise IngestError(message("The Word document holds no text."))
    date_text = _iso(created)
    notes: list[str] = (
        [message("The date is the document's creation date from its file properties.")] if date_text else []
    )
    return ReadResult(
        [Record(text=text, title=" ".join(title.split()), author=author, date=date_text, kind="docx", notes=notes)]
    )


_TITLE_STYLES = ("title", "titel", "heading 1", "überschrift 1")


def _docx_blocks(document) -> list[tuple[str, bool]]:
    """(text, is a title-styled paragraph) for the body's paragraphs, then its tables' cells
    (each merged cell once). Only the first paragraph's style is looked up: it is the only one
    that can become the title, and python-docx resolves a style by scanning every style of the
    document (about 40 % of the reading time when done for every paragraph)."""
    blocks: list[tuple[str, bool]] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if text:
            titled = False
            if not blocks:
                style = (paragraph.style.name if paragraph.style is not None else "") or ""
                titled = style.strip().lower() in _TITLE_STYLES
            blocks.append((text, titled))
    for table in document.tables:
        # The cell elements themselves, not their id(): python-docx makes a new proxy for
        # each cell, and an id freed by the garbage collector is reused for the next one, so
        # a cell could be taken for a merged cell already read (and left out, now and then).
        seen: set = set()
        for row in table.rows:
            for cell in row.cells:
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                text = cell.text.strip()
                if text:
                    blocks.append((text, False))
    return blocks


# --- PDF ----------------------------------------------------------------------------------------

# Pages read from one PDF; a book-length PDF is not one article.
MAX_PDF_PAGES = 500
_BAD_PDF = message("This PDF is damaged and cannot be read; open it and save (or print) it again as PDF.")
_PDF_DATE = re.compile(r"^(?:D:)?\s*(\d{4})(\d{2})?(\d{2})?")


def _pdf_date(raw) -> str:
    """ "D:20250924083000+02'00'" → "2025-09-24" (as far as the date is given)."""
    match = _PDF_DATE.match(str(raw or "").strip())
    if not match:
        return ""
    year, month, day = match.groups()
    if (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
        return ""
    return "-".join(part for part in (year, month, day if month else None) if part)


def _meta_text(metadata, key: str) -> str:
    try:
        value = metadata.get(key) if metadata is not None else None
        if value is not None and hasattr(value, "get_object"):
            value = value.get_object()
    except Exception:  # noqa: BLE001 - a broken reference in the info dictionary
        return ""
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return " ".join(str(value).split())


def read_pdf(data: bytes, *, limits: Limits) -> ReadResult:
    """One article from a PDF's text layer, pages joined by blank lines, with the title, author
    and creation date from its document information.

    Raises:
        IngestError: The file is empty, not a PDF, damaged, password-protected, or has no text
            layer (a scan).
    """
    if not data.strip():
        raise IngestError(EMPTY_FILE)
    if b"%PDF" not in data[:1024]:
        raise IngestError(message("This file is not a PDF; check that it was saved in the right format."))
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    warnings: list[str] = []
    with quiet_loggers("pypdf"):
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise IngestError(
                    message(
                        "The PDF is password-protected; save it again without a password, or "
                        "copy its text into a .txt file."
                    )
                )
            pages = reader.pages
            count = len(pages)
        except IngestError:
            raise
        except (DependencyError, FileNotDecryptedError, NotImplementedError):
            raise IngestError(
                message("The PDF is encrypted in a way that cannot be read here; save it again without protection.")
            ) from None
        except Exception:  # noqa: BLE001 - library boundary: pypdf raises many kinds for damaged files
            raise IngestError(_BAD_PDF) from None
        if count > MAX_PDF_PAGES:
            warnings.append(
                message(
                    "The PDF has {count} pages; only the first {first} were read.", count=count, first=MAX_PDF_PAGES
                )
            )
        texts: list[str] = []
        unreadable: list[int] = []
        for number in range(min(count, MAX_PDF_PAGES)):
            try:
                texts.append(pages[number].extract_text() or "")
            except Exception:  # noqa: BLE001 - one damaged page should not lose the others
                unreadable.append(number + 1)
        try:
            metadata = reader.metadata
        except Exception:  # noqa: BLE001 - metadata is optional
            metadata = None
        title, author = _meta_text(metadata, "/Title"), _meta_text(metadata, "/Author")
        created = _pdf_date(_meta_text(metadata, "/CreationDate"))
    if unreadable:
        shown = ", ".join(map(str, unreadable[:10])) + (", …" if len(unreadable) > 10 else "")
        warnings.append(
            nmessage(
                "A page could not be read and was skipped (page {pages}).",
                "Some pages could not be read and were skipped (pages {pages}).",
                len(unreadable),
                pages=shown,
            )
        )
    text = clean_lines("\n\n".join(t.strip() for t in texts if t.strip()))
    if not text:
        if unreadable and len(unreadable) == min(count, MAX_PDF_PAGES):
            raise IngestError(_BAD_PDF)
        raise IngestError(
            message(
                "The PDF has no text layer (it is probably a scan); run text recognition (OCR) "
                "on it or use a text version of the article."
            )
        )
    text = strip_title_line(text, title)
    notes: list[str] = [message("The date is the PDF's creation date from its file properties.")] if created else []
    return ReadResult(
        [Record(text=text, title=title, author=author, date=created, kind="pdf", notes=notes)], warnings=warnings
    )
