"""From files, folders, uploads and archives to articles, with a report line for every input.

One code path for everything: the CLI's ``ingest`` command, the app's upload box and its
folder setting, and the folder analysis of :func:`tonlage.analysis.pipeline.analyse_folder` all call
:func:`read_articles` per document. One bad file never stops the others; a failure of the
workspace itself (disk full, interrupted) rolls the whole ingest back.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from ..corpus import (
    METADATA_FILE,
    LoadResult,
    RawArticle,
    apply_metadata,
    attach_metadata,
    list_files,
    parse_article,
    read_metadata_file,
)
from ..i18n import COLUMN_ROLE_NAMES, N_, Message, join, message, message_of, nmessage
from ..reading.genre import GenreFinding, posts_among
from .archive import Skipped, expand, is_archive
from .errors import IngestError
from .formats import read_document
from .limits import Limits
from .records import Document

__all__ = [
    "ReportRow",
    "IngestReport",
    "read_articles",
    "documents_from_paths",
    "documents_from_uploads",
    "upload_metadata",
    "upload_names",
    "import_turn",
    "load_folder",
    "size_limit",
    "too_big_reason",
    "ingest",
    "ingest_paths",
    "auto_workers",
    "folder_metadata",
    "articles_from_path",
    "reread_document",
    "REPORT_COLUMNS",
    "LOADED",
    "WARNINGS",
    "SKIPPED",
]

log = logging.getLogger(__name__)

LOADED, WARNINGS, SKIPPED = "loaded", "loaded with warnings", "skipped"
REPORT_COLUMNS = ("file", "status", "reason", "articles")
# Files a folder or archive carries that are not articles; listed, never read.
_SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
_SIDE_FILES = frozenset({METADATA_FILE, "events.csv"})
_MIN_WORDS = 5
# Where a title or author given by a format's own metadata comes from (RawArticle.title_source).
_FIELD_SOURCE = {"html": "html", "plain": "metadata", "docx": "metadata", "pdf": "metadata"}


@dataclass(frozen=True)
class ReportRow:
    """One line of the ingest report: a file or archive member and what happened to it."""

    file: str
    status: str  # LOADED | WARNINGS | SKIPPED
    reason: str  # a Message (English as text): why, and what to do; plain text in rows of old workspaces
    articles: int = 0


@dataclass
class IngestReport:
    """Every input of one ingest, in order, with its outcome."""

    rows: list[ReportRow] = field(default_factory=list)

    @property
    def n_articles(self) -> int:
        return sum(r.articles for r in self.rows)

    @property
    def n_loaded(self) -> int:
        """Files that added articles in this ingest."""
        return sum(1 for r in self.rows if r.status != SKIPPED and r.articles > 0)

    @property
    def n_already(self) -> int:
        return sum(1 for r in self.rows if r.status == SKIPPED and getattr(r.reason, "msgid", "") == _ALREADY)

    def frame(self):
        import pandas as pd

        from ..model import message_column

        # Object columns: pandas would turn the messages into plain strings.
        return pd.DataFrame(
            {
                "file": message_column(r.file for r in self.rows),
                "status": [r.status for r in self.rows],
                "reason": message_column(r.reason for r in self.rows),
                "articles": [r.articles for r in self.rows],
            },
            columns=list(REPORT_COLUMNS),
        )


# --- one-line fields: titles, authors, sources ------------------------------------------------------
# Never part of a title: control characters (a terminal acts on ESC), and bidi embeddings,
# overrides and isolates, which reorder what is shown ("txt.exe" appears as "exe.txt").
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"\w+")


def _scripts(word: str) -> set[str]:
    import unicodedata

    out = set()
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            out.add(name.split(" ", 1)[0] if name else "?")
    return out


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Latin letters with Cyrillic or Greek ones ("Рutin" with a Cyrillic Р):
    they look like another word and can impersonate a name."""
    out = []
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = _scripts(word)
        if "LATIN" in scripts and scripts & {"CYRILLIC", "GREEK"}:
            out.append(word)
    return out


def clean_line_field(value: str) -> tuple[str, list[Message]]:
    """A title, author or source on one line without control or bidi-override characters,
    and the warnings to give about what was removed or looks deceptive."""
    warnings = []
    if _BIDI.search(value):
        warnings.append(message("Characters that reverse the direction of text were removed."))
        value = _BIDI.sub("", value)
    if _CONTROL.search(value.replace("\n", " ").replace("\t", " ")):
        warnings.append(message("Control characters (such as terminal escape codes) were removed."))
    value = " ".join(_CONTROL.sub(" ", value).split())
    mixed = mixed_script_words(value)
    if mixed:
        warnings.append(
            message(
                "A word mixes Latin with Cyrillic or Greek letters ('{word}'), so it may only "
                "look like the name it resembles; shown as it is.",
                word=mixed[0],
            )
        )
    return value, warnings


# The fields clean_line_field checks, as a reader names them in a warning ("The title: …").
_LINE_FIELDS = (("title", message("The title")), ("author", message("The author")), ("source", message("The source")))


# --- reading one document -------------------------------------------------------------------------
def _article_id(name: str, position: str) -> str:
    stem = PurePosixPath(name).stem or "article"
    if not position:
        return stem
    kind, _, number = position.partition(" ")
    return f"{stem}-{kind[:1]}{number}" if number else f"{stem}-{position}"


def read_articles(
    doc: Document, *, today: date | None = None, mapping: dict[str, str] | None = None, limits: Limits | None = None
) -> tuple[list[RawArticle], list[str], dict | None, list[str] | None]:
    """The articles of one (non-archive) document.

    Returns:
        (articles, warnings, mapping used, columns) — the last two only for tables.

    Raises:
        IngestError: the document holds no article we can read (plain reason in the message).
    """
    today = today or date.today()
    result = read_document(doc, mapping=mapping, limits=limits or Limits())
    articles, warnings, short = [], list(result.warnings), 0
    for rec in result.records:
        a = parse_article(
            rec.text, doc.name, today=today, metadata_date=rec.date, url=rec.url, header_forms=rec.kind == "plain"
        )
        if len(a.text.split(None, _MIN_WORDS)) < _MIN_WORDS:
            short += 1
            continue
        if rec.title.strip():
            a.title = " ".join(rec.title.split())[:300]
            a.title_source, a.title_confidence = _FIELD_SOURCE.get(rec.kind, "metadata"), "high"
            if rec.kind == "plain":
                a.title_source = "heading"  # Markdown: the first "#" heading or front matter
        if rec.author.strip():
            a.author = " ".join(rec.author.split())[:200]
            a.author_source, a.author_confidence = _FIELD_SOURCE.get(rec.kind, "metadata"), "high"
        a.source, a.url = " ".join(rec.source.split())[:200], rec.url.strip()[:2000]
        for field_name, what in _LINE_FIELDS:
            clean, notes = clean_line_field(getattr(a, field_name))
            setattr(a, field_name, clean)
            for note in notes:
                warning = message("{field}: {problem}", field=what, problem=note)
                if warning not in warnings:
                    warnings.append(warning)
        a.notes.extend(n for n in rec.notes if n)
        a.article_id = _article_id(doc.name, rec.position)
        if rec.position:
            a.file = f"{doc.name} ({rec.position})"
        articles.append(a)
    _read_posts_together(articles)
    if short and result.records and len(result.records) > 1:
        warnings.append(
            nmessage(
                "{n} of {total} entries holds fewer than {words} words of text and was left out.",
                "{n} of {total} entries hold fewer than {words} words of text and were left out.",
                short,
                total=len(result.records),
                words=_MIN_WORDS,
            )
        )
    if not articles:
        reason = message("The file holds no article text (fewer than five words).")
        if warnings:
            reason = join(warnings)
        raise IngestError(reason)
    return articles, warnings, result.mapping, result.columns


def _read_posts_together(articles: list[RawArticle]) -> None:
    """One document's entries read as posts together (:func:`posts_among`): a table of tweets
    calls its short entries without an address or a tag posts as well."""
    findings = [GenreFinding(a.genre, a.genre_source, a.genre_confidence, a.genre_evidence) for a in articles]
    for a, f in zip(articles, posts_among(findings, [len(a.text) for a in articles])):
        a.genre, a.genre_source, a.genre_confidence, a.genre_evidence = f.genre, f.source, f.confidence, f.evidence


def _date_warnings(articles: list[RawArticle]) -> list[Message]:
    out = []
    undated = sum(1 for a in articles if a.date is None)
    flagged = sum(1 for a in articles if "not used" in a.date_note)
    if flagged:
        out.append(
            nmessage(
                "{n} article had a date that was not used (see the note in the reader).",
                "{n} articles had a date that was not used (see the note in the reader).",
                flagged,
            )
        )
    if undated and len(articles) == 1:
        out.append(
            message(
                "It has no date: listed as undated and left out of the time charts; you can date it on the Corpus page."
            )
        )
    elif undated:
        out.append(
            nmessage(
                "{n} article has no date: listed as undated and left out of the time charts; "
                "you can date it on the Corpus page.",
                "{n} articles have no date: listed as undated and left out of the time charts; "
                "you can date them on the Corpus page.",
                undated,
            )
        )
    return out


# Kinds of removed lines that are the page's own parts (headline, byline, date line), not
# furniture: they are shown in the reader but not counted as furniture in the report.
_PAGE_PARTS = frozenset({"headline", "byline", "dateline", "kicker", "label"})


def _removed_info(articles: list[RawArticle]) -> list[Message]:
    """One sentence on the page furniture left out of the analysis (never silently)."""
    lines = sum(1 for a in articles for kind, _ in a.removed_lines if kind not in _PAGE_PARTS)
    if not lines:
        return []
    return [
        nmessage(
            "{n} line of page furniture (credits, captions, buttons, notices) left out of the analysis; "
            "the reader shows it.",
            "{n} lines of page furniture (credits, captions, buttons, notices) left out of the analysis; "
            "the reader shows them.",
            lines,
        )
    ]


# The report line of recurring lines stands where a file name would (a Message, stored as one).
RECURRING_ROW = message("(lines recurring across articles)")
_ALREADY = N_("Already in the workspace (same content as '{first}'); not added again.")
_SYSTEM_FILE = message("A system file (macOS/Windows folder data), not an article.")


def _recurring_rows(texts) -> list[ReportRow]:
    """A report line per source with lines that recur across its articles (furniture learned
    from the workspace as a whole; the analysis leaves them out, see
    :func:`tonlage.analysis.pipeline.strip_recurring_lines`)."""
    from ..reading.furniture import learn_recurring

    rows = []
    for source, lines in sorted(learn_recurring(texts).items()):
        shown: str | Message = "; ".join(f"'{x[:60]}'" for x in sorted(lines.values())[:3])  # corpus text, as is
        if len(lines) > 3:
            shown = message("{lines} and {count} more", lines=shown, count=len(lines) - 3)
        if source:
            reason = nmessage(
                "{n} line recurs across the articles of '{source}' and will be left out of the "
                "analysis as page furniture: {lines}.",
                "{n} lines recur across the articles of '{source}' and will be left out of the "
                "analysis as page furniture: {lines}.",
                len(lines),
                source=source,
                lines=shown,
            )
        else:
            reason = nmessage(
                "{n} line recurs across the articles and will be left out of the analysis as page furniture: {lines}.",
                "{n} lines recur across the articles and will be left out of the analysis as page furniture: {lines}.",
                len(lines),
                lines=shown,
            )
        rows.append(ReportRow(RECURRING_ROW, LOADED, reason, 0))
    return rows


# --- where documents come from -----------------------------------------------------------------------
def _system_file(name: str) -> bool:
    base = PurePosixPath(name).name.lower()
    return base in _SYSTEM_FILES or base.startswith("._")


def documents_from_paths(paths: Iterable[str | Path], limits: Limits | None = None) -> Iterator[Document | Skipped]:
    """Every file under ``paths`` (files or folders, recursively, in sorted order), read one at
    a time. Names are relative to the folder given. Links are not followed."""
    limits = limits or Limits()
    for root in map(Path, paths):
        if root.is_file():
            entries = [(root, root.name)]
        elif root.is_dir():
            entries = [
                (p, p.relative_to(root).as_posix()) for p in sorted(root.rglob("*")) if p.is_file() or p.is_symlink()
            ]
        else:
            yield Skipped(str(root), message("This path does not exist; check the spelling."))
            continue
        for path, rel in entries:
            yield _read_path(path, rel, limits)


def _read_path(path: Path, rel: str, limits: Limits) -> Document | Skipped:
    if path.is_symlink():
        return Skipped(rel, message("This is a link to another file; links are not followed. Copy the file itself."))
    if _system_file(rel):
        return Skipped(rel, _SYSTEM_FILE)
    try:
        size = path.stat().st_size
        if size > size_limit(rel, limits):
            return Skipped(rel, too_big_reason(rel, limits))
        return Document(rel, path.read_bytes())
    except OSError as exc:
        return Skipped(
            rel,
            message(
                "The file could not be read ({error}); check that it is readable.",
                error=exc.strerror or exc.__class__.__name__,
            ),
        )


def size_limit(name: str, limits: Limits) -> int:
    """Archives may be as large as an upload; every file read (and archive member) is capped
    by ``max_file_bytes``."""
    return limits.max_upload_bytes if name.lower().endswith(".zip") else limits.max_file_bytes


def too_big_reason(name: str, limits: Limits) -> Message:
    if name.lower().endswith(".zip"):
        return message(
            "The archive is larger than the {mb} MB limit; split it into several smaller .zip files.",
            mb=_mb(limits.max_upload_bytes),
        )
    return message(
        "The file is larger than the {mb} MB limit per file; split it into smaller files.",
        mb=_mb(limits.max_file_bytes),
    )


def _mb(n: int) -> int:
    return round(n / 1024 / 1024)


def _safe_upload_name(name: str) -> str:
    """An uploaded file's name as a display name: no folders, no control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "upload"
    return base[:200]


def upload_names(names: Iterable[str]) -> list[str]:
    """Uploaded file names as display names: a safe base name each, made unique
    ("a.txt", "a (2).txt")."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for name in names:
        base = _safe_upload_name(name)
        if base in seen:
            seen[base] += 1
            stem, dot, suffix = base.rpartition(".")
            base = f"{stem} ({seen[base]}).{suffix}" if dot else f"{base} ({seen[base]})"
        seen.setdefault(base, 1)
        out.append(base)
    return out


def documents_from_uploads(
    files: Iterable[tuple[str, bytes]], limits: Limits | None = None
) -> list[Document | Skipped]:
    """Uploaded (name, bytes) pairs as documents; names are reduced to a safe base name and
    made unique, oversized files are listed as skipped."""
    limits = limits or Limits()
    files = list(files)
    out: list[Document | Skipped] = []
    for base, (_, data) in zip(upload_names(n for n, _ in files), files):
        if len(data) > size_limit(base, limits):
            out.append(Skipped(base, too_big_reason(base, limits)))
        else:
            out.append(Document(base, data))
    return out


# --- into a workspace ----------------------------------------------------------------------------------
def _read_job(job) -> tuple:
    """Read one document (in a worker process for large ingests): the outcome as plain data."""
    doc, today, limits = job
    try:
        return ("ok", *read_articles(doc, today=today, limits=limits))
    except IngestError as exc:
        return ("error", message_of(exc))
    except Exception as exc:  # a bug of ours must not stop the other files
        log.exception("reading %s failed unexpectedly", doc.name)
        return (
            "error",
            message(
                "The file could not be read because of an unexpected problem in Tonlage "
                "({error}); please report it with the file.",
                error=exc.__class__.__name__,
            ),
        )


class _Ingest:
    """The state of one ingest: the workspace, its import id, known hashes, ids used, report rows.

    Inputs are handled in batches: each batch is first planned in order (archives opened,
    system files and known content answered at once), then its documents are read (in worker
    processes when there are many), then written in one short transaction (as *pending*
    documents of this import), at most :attr:`BATCH` documents at a time, and reported in input
    order. Other writers take their turn between two such transactions.
    """

    BATCH = 64  # inputs per batch (and documents per write): bounds memory and write time

    def __init__(
        self,
        ws,
        ingest_id: int,
        limits: Limits,
        today: date,
        metadata: dict[str, dict[str, str]],
        pool=None,
        on_wait=None,
    ):
        self.ws, self.ingest_id, self.limits, self.today, self.metadata = ws, ingest_id, limits, today, metadata
        self.pool, self.on_wait = pool, on_wait
        self.known = ws.known_hashes()
        self.planned: dict[str, str] = {}  # content hash -> first name, within this ingest
        with ws._connect(write=False) as con:
            self.used = ws.used_ids(con)
        self.rows: list[ReportRow] = []
        self.added = 0
        self.handled = 0  # inputs done (for the progress another writer can see)
        self.opened: list[int] = []  # report rows of archives whose members are still being read
        self.events: list[dict] = []  # event markers from an events.csv among the inputs
        self.con = None

    # --- planning: what each input needs, in order ---------------------------------------------
    def plan(self, item: Document | Skipped, steps: list) -> None:
        if isinstance(item, Skipped):
            steps.append(("row", ReportRow(item.name, SKIPPED, item.reason)))
        elif is_archive(item.name, item.data):
            try:
                members = expand(item, self.limits)
            except IngestError as exc:
                steps.append(("row", ReportRow(item.name, SKIPPED, message_of(exc))))
                return
            steps.append(("archive", item.name, len(members)))
            for m in members:
                self.plan(m, steps)
            steps.append(("archive_end",))
        elif _system_file(item.name):
            steps.append(("row", ReportRow(item.name, SKIPPED, _SYSTEM_FILE)))
        elif PurePosixPath(item.name).name in _SIDE_FILES and item.name in self.metadata.get("__side__", ()):
            steps.append(
                ("row", ReportRow(item.name, LOADED, message("Metadata for the other files of this folder; applied.")))
            )
        elif PurePosixPath(item.name).name.lower() == "events.csv":
            steps.append(("row", self.read_events(item)))
        else:
            digest = hashlib.sha256(item.data).hexdigest()
            first = self.known.get(digest) or self.planned.get(digest)
            if first is not None:
                steps.append(("same", item.name, digest, first))
            else:
                self.planned[digest] = item.name
                steps.append(("read", item, digest))

    # --- running a batch -------------------------------------------------------------------------
    def run(self, items: Iterable[Document | Skipped], progress) -> None:
        batch: list = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.BATCH:
                self.batch(batch, progress)
                batch = []
        if batch:
            self.batch(batch, progress)

    def batch(self, items: list, progress) -> None:
        steps: list = []
        ends: list[int] = []  # index of the last step of each input, for progress
        for item in items:
            self.plan(item, steps)
            ends.append(len(steps) - 1)
        names = iter(item.name for item in items)
        pending_ends = iter(ends)
        next_end = next(pending_ends, None)
        # An archive can hold thousands of documents: write them in chunks, each chunk read
        # first and written in one short transaction.
        chunk_start = 0
        while chunk_start < len(steps):
            chunk_end, reads = chunk_start, 0
            while chunk_end < len(steps) and (reads < self.BATCH or steps[chunk_end][0] != "read"):
                reads += steps[chunk_end][0] == "read"
                chunk_end += 1
            chunk = steps[chunk_start:chunk_end]
            jobs = [(step[1], self.today, self.limits) for step in chunk if step[0] == "read"]
            results = iter(
                list(self.pool.map(_read_job, jobs, chunksize=4))
                if self.pool and len(jobs) > 1
                else [_read_job(j) for j in jobs]
            )
            done_inputs = sum(1 for e in ends if chunk_start <= e < chunk_end)
            with self.ws.transaction(bump=False, on_wait=self.on_wait) as con:
                self.con = con
                for step in chunk:
                    self.apply(step, results)
                self.handled += done_inputs
                self.ws.import_progress(con, self.ingest_id, self.handled)
            self.con = None
            for i in range(chunk_start, chunk_end):
                while next_end is not None and i >= next_end:
                    if progress:
                        progress(next(names))
                    next_end = next(pending_ends, None)
            chunk_start = chunk_end

    def read_events(self, item: Document) -> ReportRow:
        """An ``events.csv`` among the inputs: event markers for the workspace (added at the end)."""
        import io

        from ..events import read_event_rows

        try:
            rows, dropped = read_event_rows(io.BytesIO(item.data))
        except (ValueError, UnicodeDecodeError) as exc:
            return ReportRow(
                item.name,
                SKIPPED,
                message(
                    "An events file, but it could not be read ({error}); it needs "
                    "the columns date (YYYY-MM-DD) and label.",
                    error=message_of(exc),
                ),
            )
        self.events.extend(rows)
        reason = message(
            "Event markers for the time axes: {count} read; added to the workspace's events (unless already there).",
            count=len(rows),
        )
        if dropped:
            reason = join(
                [
                    reason,
                    nmessage(
                        "{n} row without a readable date or label was left out.",
                        "{n} rows without a readable date or label were left out.",
                        dropped,
                    ),
                ]
            )
        return ReportRow(item.name, WARNINGS if dropped else LOADED, reason)

    def apply(self, step: tuple, results) -> None:
        kind = step[0]
        if kind == "row":
            self.rows.append(step[1])
        elif kind == "read":
            self.store(step[1], step[2], next(results))
        elif kind == "same":
            _, name, digest, first = step
            reason = (
                message(_ALREADY, first=first)
                if digest in self.known
                else message("Same content as '{first}', which could not be read either; see its line.", first=first)
            )
            self.rows.append(ReportRow(name, SKIPPED, reason))
        elif kind == "archive":
            self.opened.append(len(self.rows))
            self.rows.append(ReportRow(step[1], SKIPPED, "", 0))  # filled at its end
        elif kind == "archive_end":
            self.close_archive(self.opened.pop())

    def close_archive(self, at: int) -> None:
        inner = self.rows[at + 1 :]
        loaded = sum(1 for r in inner if r.status != SKIPPED)
        if not inner:
            reason, status = message("The archive is empty."), SKIPPED
        else:
            reason = nmessage(
                "Archive with {n} file: {loaded} loaded, {skipped} skipped (see the lines below).",
                "Archive with {n} files: {loaded} loaded, {skipped} skipped (see the lines below).",
                len(inner),
                loaded=loaded,
                skipped=len(inner) - loaded,
            )
            status = LOADED if loaded and loaded == len(inner) else (WARNINGS if loaded else SKIPPED)
        # The archive's own line counts no articles: its members' lines do (totals add up).
        self.rows[at] = ReportRow(self.rows[at].file, status, reason, 0)

    def store(self, doc: Document, digest: str, outcome: tuple) -> None:
        if outcome[0] == "error":
            self.rows.append(ReportRow(doc.name, SKIPPED, outcome[1]))
            return
        _, articles, warnings, mapping, columns = outcome
        meta = self.metadata.get(doc.name) or self.metadata.get(PurePosixPath(doc.name).name)
        if meta:
            for a in articles:
                warnings.extend(apply_metadata(a, meta))
        if len(articles) == 1:  # how a single article was read ("read as Windows-1252", repairs)
            warnings.extend(n for n in articles[0].notes if n not in warnings)
        warnings += _date_warnings(articles)
        info = _removed_info(articles)
        self.ws.add_document(
            self.con,
            name=doc.name,
            sha256=digest,
            data=doc.data,
            articles=articles,
            columns=columns,
            mapping=mapping,
            used_ids=self.used,
            pending=self.ingest_id,
        )
        self.known[digest] = doc.name
        self.added += 1
        if mapping:
            columns = join(
                [
                    message(
                        "{role} = '{column}'",
                        column=col,
                        role=message(COLUMN_ROLE_NAMES[role]) if role in COLUMN_ROLE_NAMES else role,
                    )
                    for role, col in mapping.items()
                ],
                sep=", ",
            )
            what = nmessage(
                "{n} article read using the columns {columns}.",
                "{n} articles read using the columns {columns}.",
                len(articles),
                columns=columns,
            )
        else:
            what = nmessage("{n} article read.", "{n} articles read.", len(articles))
        reason = join([what, *warnings, *info])
        self.rows.append(ReportRow(doc.name, WARNINGS if warnings else LOADED, reason, len(articles)))


def upload_metadata(files: Iterable[tuple[str, bytes]]) -> dict:
    """The rows of a ``metadata.csv`` uploaded together with the files it describes (the same
    as :func:`folder_metadata` does for a folder); problems reading it are ignored here and
    the file gets its own report line."""
    from ..corpus import metadata_from_bytes

    meta: dict = {"__side__": set()}
    for name, data in files:
        if name == METADATA_FILE:
            rows = metadata_from_bytes(data, [])
            if rows:
                meta.update(rows)
                meta["__side__"].add(METADATA_FILE)
    return meta


def folder_metadata(paths: Iterable[str | Path]) -> dict:
    """``metadata.csv`` rows of the folders given, by file name relative to the folder."""
    meta: dict = {"__side__": set()}
    for root in map(Path, paths):
        if root.is_dir() and (root / METADATA_FILE).is_file():
            problems: list[tuple[str, str]] = []
            meta.update(read_metadata_file(root, problems))
            meta["__side__"].add(METADATA_FILE)
    return meta


def ingest(
    ws,
    items: Iterable[Document | Skipped],
    *,
    limits: Limits | None = None,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
    metadata: dict | None = None,
    workers: int = 1,
    total: int = 0,
    on_wait: Callable | None = None,
    drop_if_empty: bool = False,
    scheduler: str | None = None,
) -> IngestReport:
    """Add documents to a workspace, all or nothing, and save the report in it.

    Imports into one workspace take turns; within an import, documents are written in short
    transactions as *pending* and made visible together at the end (see
    :mod:`tonlage.storage.workspace`), so other writers interleave and readers never see half an import.

    Args:
        ws: The :class:`~tonlage.storage.workspace.Workspace`.
        items: Documents (or already-skipped inputs) — see :func:`documents_from_paths` and
            :func:`documents_from_uploads`. Archives are opened here.
        progress: Called with each input's name after it is handled (for progress bars).
        metadata: ``metadata.csv`` rows by file name (see :func:`ingest_paths`).
        workers: Processes that read documents; more than 1 pays off from a few hundred files
            (starting them costs about two seconds). The result does not depend on it.
        total: How many inputs to expect (shown to an import that waits for this one).
        on_wait: Called with a :class:`~tonlage.storage.workspace.Waiting` while this import waits for
            another import into the same workspace, or for another writer's transaction.
        drop_if_empty: Delete the workspace again when it holds nothing after this import
            (a new workspace into which nothing loaded is not left behind).
        scheduler: A Dask scheduler's address: the documents (read here) are turned into
            articles on its workers (:mod:`tonlage.analysis.cluster`) instead of ``workers`` processes.
            Raises :class:`tonlage.analysis.cluster.ClusterError` when the cluster cannot be used (the
            workspace is as it was).

    Returns:
        The report: one row per input file and archive member.

    Raises:
        WorkspaceError: the workspace could not be written (disk full, read-only, busy); the
            workspace is as it was.
    """
    limits = limits or Limits()
    with import_turn(ws, on_wait):
        ingest_id = ws.start_import(total, on_wait=on_wait)
        try:
            with _pool(workers, scheduler) as pool:
                run = _Ingest(ws, ingest_id, limits, today or date.today(), metadata or {}, pool, on_wait)
                run.run(items, progress)
            if run.added:  # what recurs across the workspace's articles, this import's included
                with ws._connect(write=False) as con:
                    run.rows.extend(_recurring_rows(ws.texts_by_source(con, ingest_id)))
            ws.finish_import(
                ingest_id,
                [(r.file, r.status, r.reason, r.articles) for r in run.rows],
                changed=bool(run.added),
                on_wait=on_wait,
            )
            if run.events:
                _add_events(ws, run)
        except BaseException:
            ws.abort_import(ingest_id)
            if drop_if_empty and ws.is_empty():
                ws.delete()
            raise
        if drop_if_empty and ws.is_empty():
            ws.delete()  # still our turn: no other import can be writing into it
    return IngestReport(run.rows)


def _add_events(ws, run: _Ingest) -> None:
    from ..events import EventBook, EventError

    try:
        EventBook.for_workspace(ws).merge(run.events)
    except EventError as exc:  # a row the event table does not take (e.g. a label too long)
        for i, row in enumerate(run.rows):
            if row.reason.startswith("Event markers"):
                run.rows[i] = ReportRow(
                    row.file,
                    SKIPPED,
                    message("An events file, but its events were not added: {problem}", problem=message_of(exc)),
                )


@contextmanager
def import_turn(ws, on_wait: Callable | None = None, *, poll_s: float = 0.5):
    """Hold the workspace's import lock for the block, waiting (and calling ``on_wait`` with the
    other import's progress every ``poll_s``) while another import holds it. The operating
    system releases the lock of a process that dies, so a killed import never blocks the next."""
    import time

    from filelock import FileLock, Timeout

    from ..storage.workspace import Waiting

    lock = FileLock(str(ws.import_lock_path()))
    started = time.monotonic()
    while True:
        try:
            lock.acquire(timeout=poll_s)
            break
        except Timeout:
            if on_wait is not None:
                on_wait(Waiting(time.monotonic() - started, *ws.running_import()))
    try:
        if not ws.path.is_file():  # removed while we waited (a new workspace nothing loaded into)
            ws.recreate()
        yield
    finally:
        lock.release()


@contextmanager
def _pool(workers: int, scheduler: str | None = None):
    if scheduler:
        from ..analysis.cluster import cluster_pool

        with cluster_pool(scheduler) as cluster:
            yield cluster
        return
    if workers <= 1:
        yield None
        return
    from ..analysis.workers import process_pool

    with process_pool(workers) as pool:
        yield pool


def auto_workers(n_files: int) -> int:
    """Reader processes for an ingest of ``n_files`` inputs: one for small ingests."""
    return 1 if n_files < 300 else max(1, min(4, os.cpu_count() or 1))


def ingest_paths(ws, paths: list[str | Path], **kwargs) -> IngestReport:
    """:func:`ingest` of files and folders on disk; a folder's ``metadata.csv`` is applied."""
    limits = kwargs.get("limits") or Limits()
    return ingest(ws, documents_from_paths(paths, limits), metadata=folder_metadata(paths), **kwargs)


def reread_document(
    ws, doc_id: int, mapping: dict[str, str], *, today: date | None = None, limits: Limits | None = None
) -> int:
    """Read a stored table again with another column mapping; returns the number of articles.
    Edits made to articles that come back (same row) still apply."""
    stored = {d.doc_id: d for d in ws.documents()}[doc_id]
    doc = Document(stored.name, ws.document_bytes(doc_id))
    articles, _, used, columns = read_articles(doc, today=today, mapping=mapping, limits=limits)
    ws.replace_articles(doc_id, articles, mapping=used or mapping, columns=columns)
    return len(articles)


# --- folder analysis without a workspace ---------------------------------------------------------------
def articles_from_path(
    path: Path, rel: str, *, today: date | None = None, limits: Limits | None = None
) -> tuple[list[RawArticle], list[tuple[str, str]]]:
    """The articles of one file of a folder (an archive is opened), and (name, reason) pairs
    for what could not be read. Used by the folder analysis, one call per file."""
    limits = limits or Limits()
    item = _read_path(path, rel, limits)
    articles: list[RawArticle] = []
    skipped: list[tuple[str, str]] = []

    def visit(it: Document | Skipped) -> None:
        if isinstance(it, Skipped):
            skipped.append((it.name, it.reason))
            return
        if is_archive(it.name, it.data):
            try:
                for m in expand(it, limits):
                    visit(m)
            except IngestError as exc:
                skipped.append((it.name, message_of(exc)))
            return
        outcome = _read_job((it, today, limits))  # the same reading and error sentences as an ingest
        if outcome[0] == "ok":
            articles.extend(outcome[1])
        else:
            skipped.append((it.name, outcome[1]))

    visit(item)
    return articles, skipped


def load_folder(folder: str | Path, *, today: date | None = None) -> LoadResult:
    """Load every article file in ``folder`` (recursively, every format :mod:`tonlage.ingest`
    reads, archives opened), applying ``metadata.csv`` if present.

    Args:
        folder: Directory of article files.
        today: Reference day for plausibility checks of dates (defaults to today).

    Returns:
        A :class:`LoadResult`; files that could not be read are listed in ``skipped`` with
        one plain sentence each, and never stop the other files from loading.
    """
    files, skipped = list_files(folder)
    articles = []
    for path, rel in files:
        found, not_read = articles_from_path(path, rel, today=today)
        articles.extend(found)
        skipped.extend(not_read)
    attach_metadata(articles, folder, skipped)
    return LoadResult(articles, skipped)
