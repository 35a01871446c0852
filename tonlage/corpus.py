"""Loading a folder of article files into clean articles with their metadata.

Every file either loads or is reported with a plain reason; one bad file never stops the rest.
What we learn about an article (title, author, date, genre) comes from general rules over the
file; a ``metadata.csv`` beside the texts may fill gaps or override fields, with a note the app
shows to readers.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from pathlib import Path

from .i18n import LANGUAGES, N_, Message, in_languages, join, message
from .reading.dates import MONTHS_DE, Day, date_param, dates_in_text, deictic_dates, parse_date, resolve_date
from .reading.genre import classify_genre
from .reading.page import read_page
from .text import normalise, split_sentences

__all__ = [
    "RawArticle",
    "StoredArticle",
    "text_digest",
    "LoadResult",
    "list_files",
    "attach_metadata",
    "parse_article",
    "METADATA_FILE",
    "MONTHS_DE",
    "dates_in_text",
]

METADATA_FILE = "metadata.csv"

log = logging.getLogger(__name__)


@dataclass
class RawArticle:
    """One loaded article before analysis (see :class:`tonlage.model.AnalysedCorpus`)."""

    article_id: str
    file: str
    title: str
    author: str
    text: str
    date: date | None = None
    date_precision: str = "none"  # "day" | "month" | "none"
    date_source: str = "none"  # "metadata" | "header" | "url" | "text" | "none"
    date_note: str = ""  # a Message (English as text), "" when there is nothing to say
    genre: str = "news report"  # "news report" | "commentary" | "post" | "other"
    notes: list[str] = field(default_factory=list)  # how the file was read (Messages), metadata remarks (as written)
    source: str = ""  # outlet / publication, "" when unknown
    url: str = ""  # where it was published, "" when unknown
    # Where title, author and genre came from, and how sure we are ("high" | "medium" | "low";
    # "" for an author that was not found).
    title_source: str = (
        "first sentence"  # "metadata" | "html" | "heading" | "header" | "page" | "first sentence" | "edited"
    )
    title_confidence: str = "low"
    author_source: str = "none"  # "metadata" | "html" | "header" | "byline" | "date line" | "dateline" | "signature" | "credit" | "agency" | "none" | "edited"
    author_confidence: str = ""
    genre_source: str = "default"  # "metadata" | "label" | "form" | "style" | "default"
    genre_confidence: str = "low"
    genre_evidence: str = ""  # the words that decided, for the reader
    # Lines (or parts of lines) taken out of the text, as (kind, line); kinds are the codes of
    # tonlage.reading.furniture.KINDS. Kept so the reader can see what was left out of the analysis.
    removed_lines: list[tuple[str, str]] = field(default_factory=list)
    # The earliest date weighed for the date that lay after the day it was read
    # (DateFinding.future): until then, reading it again on a later day gives the same date.
    date_future: Day | None = None

    # Pickled (to the worker processes) with the text as UTF-8 bytes made here: pickling the
    # string itself leaves a UTF-8 copy inside it (Python caches it), which the analysis then
    # held for every article to its end, ~280 MB at 100,000 articles.
    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["text"] = self.text.encode("utf-8", "surrogatepass")
        return state

    def __setstate__(self, state: dict) -> None:
        text = state["text"]
        self.__dict__.update(state, text=text.decode("utf-8", "surrogatepass") if isinstance(text, bytes) else text)

    def utf8(self) -> bytes:
        """The text as UTF-8 bytes (for the article table's text column and the digest; a lone
        surrogate is kept as its three bytes, which the text column replaces)."""
        return self.text.encode("utf-8", "surrogatepass")

    def digest(self) -> str:
        """:func:`text_digest` of the text as it is now."""
        return text_digest(self.utf8())

    def release(self, *, decoded_only: bool = False) -> bool:
        """Let go of the text (see :meth:`StoredArticle.release`): an article not read from a
        workspace has nowhere to read it back from, so never (False)."""
        return False

    def unread(self) -> bool:
        """Whether the text is still to be read (see :meth:`StoredArticle.unread`): never here."""
        return False

    def fill(self, utf8: bytes) -> None:
        """Give an unread text (see :meth:`StoredArticle.fill`): an article with its text keeps it."""


def text_digest(utf8: bytes) -> str:
    """What tells one text from another: a 128-bit BLAKE2b of its UTF-8 bytes, in hex. A
    workspace keeps it for each article as the article is stored (the text never changes
    after), so an analysis tells new texts from known ones without reading every text."""
    return hashlib.blake2b(utf8, digest_size=16).hexdigest()


# A RawArticle's defaults: plain values, and the fields made fresh for each article.
_DEFAULTS = {f.name: f.default for f in dataclass_fields(RawArticle) if f.default is not MISSING}
_FACTORIES = [(f.name, f.default_factory) for f in dataclass_fields(RawArticle) if f.default_factory is not MISSING]


class StoredArticle(RawArticle):
    """An article read back from a workspace: its text is kept as the UTF-8 bytes stored, with
    their digest, and decoded only when something reads :attr:`text`.

    An add to a 100,000-article workspace analyses only the new texts, yet every text was
    decoded (274 MB of UTF-8 to Python strings), encoded again for the article table's text
    column, and hashed to tell new from known. Read as bytes, the kept texts go to the text
    column as they are, and their digest is the one stored. Setting :attr:`text` (a recurring
    line taken out) drops both, so they always belong to the text as it is.

    Made from a stored row by :meth:`stored`; made with a ``text`` (``dataclasses.replace``,
    say), it is an article like any other.

    Read without its text (``utf8`` None and a ``read_back``), the text is read from the
    workspace when first used, unless :meth:`fill` gave it before: an add to a large workspace
    reads the new texts only (the 274 MB of 100,000 texts took 0.3-0.5 s to read).
    """

    @classmethod
    def stored(
        cls, utf8: bytes | None, digest: str, read_back: Callable[[str, str], bytes] | None = None, **fields
    ) -> StoredArticle:
        """The article of a stored row: ``utf8`` its text as stored, ``digest`` its
        :func:`text_digest` as stored ("" for a row stored before digests were kept: made from
        ``utf8`` when asked), ``fields`` the other fields (defaults for those not given). Made
        without the dataclass's ``__init__``, which with the text's property took 0.3 s of
        reading 100,000 articles. ``read_back(article_id, digest)``: the stored text, for an
        article read without it (``utf8`` None)."""
        self = cls.__new__(cls)
        state = self.__dict__
        state.update(_DEFAULTS)
        for name, make in _FACTORIES:
            if name not in fields:
                state[name] = make()
        state.update(fields, _text=None, _utf8=utf8, _digest=digest, _as_stored=True, _read_back=read_back)
        return self

    def unread(self) -> bool:
        """True while the text, read without, has not been read back (or given by :meth:`fill`)."""
        d = self.__dict__
        return d.get("_read_back") is not None and d["_text"] is None and d["_utf8"] is None

    def fill(self, utf8: bytes) -> None:
        """Give an article read without its text the text as stored (read for many at once)."""
        if self.unread():
            self.__dict__["_utf8"] = utf8

    def _stored(self) -> bytes | None:
        """The bytes held, or read back for an article read without its text (None: let go)."""
        state = self.__dict__
        if state["_utf8"] is None and self.unread():
            state["_utf8"] = state["_read_back"](self.article_id, state["_digest"])
        return state["_utf8"]

    @property
    def text(self) -> str:
        text = self.__dict__["_text"]
        if text is None:  # decoded once; the bytes are not kept beside the string
            stored = self._stored()
            if stored is None:
                raise RuntimeError(f"the text of article {self.article_id!r} was let go (release): read it back")
            try:
                text = stored.decode("utf-8", "surrogatepass")  # as RawArticle's pickled text
            except UnicodeDecodeError:  # written by another program: read, never fail
                text = stored.decode("utf-8", "replace")
            self.__dict__.update(_text=text, _utf8=None)
        return text

    @text.setter
    def text(self, value: str) -> None:
        self.__dict__.update(_text=value, _utf8=None, _digest="", _as_stored=False)

    def release(self, *, decoded_only: bool = False) -> bool:
        """Let go of the text when it is the one stored (the workspace can give it again):
        True then; reading :attr:`text` afterwards is an error. A changed text is kept (False),
        and with ``decoded_only`` a text still held as its bytes. Its digest is kept either way."""
        if self.unread():  # nothing held: the workspace gives it when asked
            return True
        if not self.__dict__.get("_as_stored") or (decoded_only and self.__dict__["_text"] is None):
            return False
        self.digest()
        self.__dict__.update(_text=None, _utf8=None)
        return True

    def utf8(self) -> bytes:
        stored = self._stored()
        return stored if stored is not None else self.text.encode("utf-8", "surrogatepass")

    def digest(self) -> str:
        if not self.__dict__["_digest"]:
            self.__dict__["_digest"] = text_digest(self.utf8())
        return self.__dict__["_digest"]

    def __getstate__(self) -> dict:
        skip = ("_text", "_utf8", "_digest", "_as_stored", "_read_back")
        state = {k: v for k, v in self.__dict__.items() if k not in skip}
        state["text"] = self.utf8()
        state["_digest"] = self.__dict__["_digest"]
        state["_as_stored"] = self.__dict__.get("_as_stored", False)
        return state

    def __setstate__(self, state: dict) -> None:
        state = dict(state)
        text = state.pop("text")
        digest = state.pop("_digest", "")
        self.__dict__.update(state)
        self.__dict__.setdefault("_as_stored", False)
        self.__dict__["_read_back"] = None
        if isinstance(text, bytes):
            self.__dict__.update(_text=None, _utf8=text, _digest=digest)
        else:
            self.__dict__.update(_text=text, _utf8=None, _digest=digest)


@dataclass
class LoadResult:
    """Articles that loaded and files that did not (``skipped``: (file, reason) pairs; the reasons
    are :class:`~tonlage.i18n.Message` s)."""

    articles: list[RawArticle]
    skipped: list[tuple[str, str]]


# A post's opening addresses and retweet mark ("@a @b Und …", "RT @welt : Merkel …", ". @a Er …").
_LEADING_ADDRESSES = re.compile(r"^[\s.]*(?:(?:RT\s+)?@\w+\s*:?\s*)+")


def _derive_title(text: str) -> str:
    """A readable title from the first sentence when the file has none (cut at a word boundary).
    A post's opening addresses and retweet mark are left out when words follow them: a list of
    posts' titles read "RT @welt : …", "@SoBitte @Anhaengsel …" (the text keeps them)."""
    lead = _LEADING_ADDRESSES.match(text) if "@" in text[:8] else None
    if lead and len(text[lead.end() :].split(None, 2)) >= 2:
        text = text[lead.end() :]
    # The title is the first sentence cut at 80 characters: the first 400 characters are enough.
    head = text[:400]
    spans = split_sentences(head)
    if not spans:
        return "(untitled)"
    first = head[spans[0][0] : spans[0][1]]
    if len(first) <= 80:
        return first.rstrip(".")
    cut = first[:80].rsplit(" ", 1)[0].rstrip(",;:–-— ")
    return cut + " …"


def parse_article(
    raw_text: str,
    file: str,
    *,
    today: date | None = None,
    metadata_date: str = "",
    url: str = "",
    header_forms: bool = True,
) -> RawArticle:
    """Turn one file's text into a :class:`RawArticle`.

    The page is read by :func:`tonlage.reading.page.read_page`: our header forms (``Title | Author.
    DD.MM.YYYY.`` on the first line, a leading ``date YYYY-MM[-DD]`` line), the page's headline,
    bylines, date lines and furniture; every line taken out is kept in ``removed_lines``. When
    no headline is found, the title is the first sentence (``title_source`` "first sentence").
    The date is chosen by :func:`tonlage.reading.dates.resolve_date` from ``metadata_date``, the header
    date, the page's date lines, ``url`` and the text dating itself ("heute (14.08.)"); an
    article with none of these stays undated. The genre comes from
    :func:`tonlage.reading.genre.classify_genre`.

    Args:
        raw_text: The decoded file content.
        file: The file name, used as the article's id (without extension).
        today: Dates after this day are implausible (defaults to today).
        metadata_date: A date as written in the file's metadata ("" when none).
        url: Where the article was published ("" when unknown); a date in its path is a candidate.
        header_forms: False for text that came out of a structured format (HTML, a table, JSON),
            whose first line is prose, not a header: then no header or headline line is looked
            for (furniture, bylines and date lines still are).
    """
    today = today or date.today()
    page = read_page(normalise(raw_text), header_forms=header_forms)
    body = page.body
    page_dates = list(page.page_dates)
    if any(w in body for w in ("eute", "estern", "estrig", "orgen")):
        from .reading.dates import PageDate

        page_dates += [PageDate(d, "day", "text") for d in deictic_dates(body)]
    finding = resolve_date(
        text=body, today=today, metadata=metadata_date, header=page.header_date, url=url, page_dates=page_dates
    )
    title, title_source, title_confidence = page.title, page.title_source, page.title_confidence
    if not title:
        title, title_source, title_confidence = _derive_title(body), "first sentence", "low"
    agency_only = bool(page.authors) and page.author_source in ("dateline", "signature", "agency")
    genre = classify_genre(body, labels=page.labels, agency=agency_only, title=page.title)
    stem = Path(file).stem
    return RawArticle(
        article_id=stem,
        file=file,
        title=title,
        author="; ".join(page.authors) or "unknown",
        text=body,
        date=finding.date,
        date_precision=finding.precision,
        date_source=finding.source,
        date_note=finding.note,
        genre=genre.genre,
        url=url,
        title_source=title_source,
        title_confidence=title_confidence,
        author_source=page.author_source or "none",
        author_confidence=page.author_confidence,
        genre_source=genre.source,
        genre_confidence=genre.confidence,
        genre_evidence=genre.evidence,
        removed_lines=page.removed,
        date_future=finding.future,
    )


def read_metadata_file(folder: Path, skipped: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """Rows of ``metadata.csv`` by file name; a file that cannot be read is reported in
    ``skipped`` and ignored (the articles still load, without its corrections)."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        return metadata_from_bytes(path.read_bytes(), skipped)
    except OSError as exc:
        skipped.append((METADATA_FILE, _unreadable_metadata(exc)))
        return {}


def _unreadable_metadata(exc: BaseException) -> Message:
    return message(
        "The metadata file could not be read ({error}); its corrections were not applied. Save it as a UTF-8 CSV file.",
        error=exc.__class__.__name__,
    )


def metadata_from_bytes(data: bytes, skipped: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """Rows of a ``metadata.csv`` given as bytes (an upload), by file name; see
    :func:`read_metadata_file`."""
    import io

    try:
        with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if "file" not in (reader.fieldnames or []):
                skipped.append(
                    (
                        METADATA_FILE,
                        message(
                            "The metadata file has no 'file' column, so no row could be "
                            "matched to an article; its first line must name the columns "
                            "(file,title,author,date,genre,source,note)."
                        ),
                    )
                )
                return {}
            return {
                row["file"].strip(): {k: (v or "").strip() for k, v in row.items() if k}
                for row in reader
                if row.get("file")
            }
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        skipped.append((METADATA_FILE, _unreadable_metadata(exc)))
        return {}


# Where a date came from, as the note on a corrected date names it ("Corrected from 2025-10 (file text).").
DATE_SOURCES = {
    "metadata": N_("metadata"),
    "header": N_("header"),
    "dateline": N_("date line"),
    "url": N_("URL"),
    "text": N_("text"),
}


def apply_metadata(article: RawArticle, meta: dict[str, str]) -> list[Message]:
    """Fill or override fields from one metadata row; returns problems found in that row."""
    problems = []
    for field_name in ("title", "author", "genre"):
        if meta.get(field_name):
            setattr(article, field_name, meta[field_name])
            setattr(article, f"{field_name}_source", "metadata")
            setattr(article, f"{field_name}_confidence", "high")
    if meta.get("source"):  # the outlet or publication
        article.source = meta["source"]
    # The reader's own note, with its German version when the file has a note_de column.
    note = in_languages(meta.get("note", ""), **{lang: meta.get(f"note_{lang}", "") for lang in LANGUAGES})
    if meta.get("date"):
        new_date, precision = parse_date(meta["date"])
        if new_date is None:
            problems.append(
                message(
                    "The metadata date '{date}' could not be read (write it as 2025-09-24, 24.09.2025 "
                    "or 2025-09 for a month); ignored.",
                    date=meta["date"],
                )
            )
        else:
            source = DATE_SOURCES.get(article.date_source)
            before = (
                message(
                    "Corrected from {date} (file {source}).",
                    date=date_param(article.date, article.date_precision),
                    source=message(source) if source else article.date_source,
                )
                if article.date
                else ""
            )
            article.date, article.date_precision, article.date_source = new_date, precision, "metadata"
            # The reader's own note (as written in the metadata file) stands as it is.
            article.date_note = join([before, note or message("Date set in the metadata file.")])
    elif note:
        article.notes.append(note)
    return problems


def list_files(folder: str | Path) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """The files of ``folder`` (recursively, sorted) that could be articles, as (path, relative
    name); the folder's side files (``metadata.csv``, ``events.csv``) and hidden files are left
    out. A missing folder is reported in the second list."""
    folder = Path(folder)
    if not folder.is_dir():
        return [], [(str(folder), message("This folder does not exist or is not a folder."))]
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if path.name in (METADATA_FILE, "events.csv") or any(part.startswith(".") for part in Path(rel).parts):
            continue
        files.append((path, rel))
    return files, []


def attach_metadata(articles: list[RawArticle], folder: str | Path, skipped: list[tuple[str, str]]) -> None:
    """Apply ``metadata.csv`` rows to the loaded articles (problems go to ``skipped``); make
    article ids unique."""
    meta = read_metadata_file(Path(folder), skipped)
    seen_ids: set[str] = set()
    for article in articles:
        if article.article_id in seen_ids:  # "a/x.txt" and "b/x.txt"
            article.article_id = article.file.rsplit(".", 1)[0]
        base, n = article.article_id, 2
        while article.article_id in seen_ids:  # still taken (rows of two tables, nested archives)
            article.article_id, n = f"{base}-{n}", n + 1
        seen_ids.add(article.article_id)
        row = meta.get(article.file) or meta.get(Path(article.file).name)
        if row:
            for problem in apply_metadata(article, row):
                skipped.append((f"{METADATA_FILE} ({article.file})", problem))
