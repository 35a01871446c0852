"""Named workspaces: a reader's own corpus, kept in one SQLite file per workspace.

A workspace holds the documents as they were received (bytes and content hash, so ingest is
idempotent and a table can be re-read with other columns), the articles read from them, and
the reader's edits (title, date, source, author, removed) in a table of their own, so edits
survive re-reading and re-analysis. Every change happens in one transaction: a failure
half-way leaves the workspace exactly as it was.

SQLite ships with Python, needs no server and copes with the app's many threads when each
operation opens its own connection (WAL journal, busy timeout).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import uuid
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from .corpus import RawArticle

__all__ = ["data_dir", "Workspace", "list_workspaces", "slugify", "EDITABLE_FIELDS", "WorkspaceError"]

SCHEMA_VERSION = "1"
EDITABLE_FIELDS = ("title", "date", "source", "author", "removed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id   INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    sha256   TEXT NOT NULL UNIQUE,
    size     INTEGER NOT NULL,
    added    TEXT NOT NULL,
    columns  TEXT,             -- JSON list of column names (tables only)
    mapping  TEXT,             -- JSON role -> column used (tables only)
    data     BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    article_id     TEXT PRIMARY KEY,
    doc_id         INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    file           TEXT NOT NULL,
    title          TEXT NOT NULL,
    author         TEXT NOT NULL,
    date           TEXT,
    date_precision TEXT NOT NULL,
    date_source    TEXT NOT NULL,
    date_note      TEXT NOT NULL,
    genre          TEXT NOT NULL,
    source         TEXT NOT NULL,
    url            TEXT NOT NULL,
    notes          TEXT NOT NULL,  -- JSON list
    text           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_doc ON articles(doc_id, seq);
CREATE TABLE IF NOT EXISTS edits (
    article_id TEXT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    edited     TEXT NOT NULL,
    PRIMARY KEY (article_id, field)
);
CREATE TABLE IF NOT EXISTS report (
    ingest_id INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    file      TEXT NOT NULL,
    status    TEXT NOT NULL,
    reason    TEXT NOT NULL,
    articles  INTEGER NOT NULL,
    PRIMARY KEY (ingest_id, seq)
);
"""

# The reader's event markers (see tonlage.events). Files made before events existed get the
# table on their first event change: opening a workspace only reads.
EVENTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    event_id       TEXT PRIMARY KEY,
    date           TEXT NOT NULL,  -- YYYY-MM-DD
    label          TEXT NOT NULL,
    description    TEXT NOT NULL,
    label_de       TEXT NOT NULL,
    description_de TEXT NOT NULL
);
"""


# The reader's theme edits (see tonlage.theme_edits): merges, names and hidden themes, keyed by
# each theme's top terms. Like events, they change no analysis ('themes_revision', not 'revision').
THEME_EDITS_SCHEMA = """
CREATE TABLE IF NOT EXISTS theme_edits (
    scope     TEXT NOT NULL,   -- number-of-themes setting: 'auto' or the number
    kind      TEXT NOT NULL,   -- 'merge' | 'rename' | 'hide'
    signature TEXT NOT NULL,   -- JSON list of the theme's top terms when edited
    value     TEXT NOT NULL,   -- merge: group id; rename: the new label; hide: '1'
    was       TEXT NOT NULL,   -- the theme's label when edited (for notes)
    edited    TEXT NOT NULL,
    PRIMARY KEY (scope, kind, signature)
);
"""


class WorkspaceError(ValueError):
    """A workspace request that cannot be met (bad name, missing workspace); plain message."""


def data_dir() -> Path:
    """Where workspaces live: ``TONLAGE_DATA_DIR``, else the per-user data folder
    (``~/.local/share/tonlage`` on Linux). Never inside the repository."""
    if os.environ.get("TONLAGE_DATA_DIR"):
        return Path(os.environ["TONLAGE_DATA_DIR"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("tonlage", appauthor=False))


def slugify(name: str) -> str:
    """A file-name-safe form of a workspace name ("Meine Clips 2025" → "meine-clips-2025")."""
    folded = name.strip().lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def list_workspaces(root: Path | None = None) -> list[str]:
    """Names of the workspaces in the data folder, sorted."""
    folder = (root or data_dir()) / "workspaces"
    names = []
    for path in sorted(folder.glob("*.sqlite")) if folder.is_dir() else []:
        try:
            names.append(Workspace(path.stem, root=root, create=False).name)
        except (WorkspaceError, sqlite3.Error):
            continue  # a foreign or damaged file is not offered
    return sorted(names, key=str.lower)


@dataclass(frozen=True)
class StoredDocument:
    doc_id: int
    name: str
    sha256: str
    columns: list[str] | None
    mapping: dict[str, str] | None


class Workspace:
    """One named workspace (a SQLite file under ``data_dir()/workspaces``).

    Args:
        name: The reader's name for it; any text with at least one letter or digit.
        root: The data folder (default :func:`data_dir`).
        create: Create the workspace if it does not exist (else :class:`WorkspaceError`).
    """

    def __init__(self, name: str, *, root: Path | None = None, create: bool = True):
        slug = slugify(name)
        if not slug:
            raise WorkspaceError("A workspace name needs at least one letter or digit.")
        self.path = (root or data_dir()) / "workspaces" / f"{slug}.sqlite"
        if self.path.is_file():
            # Opening an existing workspace only reads: an ingest running in another session
            # holds the write lock, and a page rerun must not wait for it.
            try:
                with self._connect(write=False) as con:
                    self.name = con.execute("SELECT value FROM meta WHERE key='name'").fetchone()[0]
                return
            except (sqlite3.Error, TypeError):
                if not create:
                    raise WorkspaceError(f"The workspace file for '{name}' is damaged or not a Tonlage file.")
        elif not create:
            raise WorkspaceError(f"There is no workspace called '{name}'.")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.executescript(_SCHEMA + EVENTS_SCHEMA + THEME_EDITS_SCHEMA)
            con.execute("INSERT OR IGNORE INTO meta VALUES ('name', ?)", (name.strip(),))
            con.execute("INSERT OR IGNORE INTO meta VALUES ('uid', ?)", (uuid.uuid4().hex,))
            con.execute("INSERT OR IGNORE INTO meta VALUES ('revision', '0')")
            # Event changes count here, not in 'revision': they do not change the analysis.
            con.execute("INSERT OR IGNORE INTO meta VALUES ('events_revision', '0')")
            con.execute("INSERT OR IGNORE INTO meta VALUES ('themes_revision', '0')")
            con.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            con.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (_now(),))
            self.name = con.execute("SELECT value FROM meta WHERE key='name'").fetchone()[0]

    # --- connections and transactions ---------------------------------------------------------
    @contextmanager
    def _connect(self, *, write: bool = True):
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            if write:  # WAL lets readers go on while one writer works; it is kept in the file
                con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA foreign_keys=ON")
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self, *, bump: bool = True):
        """One all-or-nothing change: commits when the block ends, rolls back on any exception
        (including KeyboardInterrupt). ``bump`` raises the revision the app's caches are keyed
        by; an ingest that added nothing calls :meth:`bump` itself only when needed."""
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                if bump:
                    self.bump(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    @staticmethod
    def bump(con) -> None:
        con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='revision'")

    def _query(self, sql: str, args=()) -> list[tuple]:
        with self._connect(write=False) as con, closing(con.execute(sql, args)) as cur:
            return cur.fetchall()

    # --- identity -----------------------------------------------------------------------------
    def fingerprint(self) -> str:
        """Changes whenever anything in the workspace changes (the analysis cache key)."""
        rows = dict(self._query("SELECT key, value FROM meta WHERE key IN ('uid', 'revision')"))
        return f"ws-{rows['uid'][:12]}-{rows['revision']}"

    def delete(self) -> None:
        """Remove the workspace file (and its journal files)."""
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)

    # --- documents ----------------------------------------------------------------------------
    def known_hashes(self) -> dict[str, str]:
        """Content hash → document name of every document already in the workspace."""
        return dict(self._query("SELECT sha256, name FROM documents"))

    def documents(self) -> list[StoredDocument]:
        rows = self._query("SELECT doc_id, name, sha256, columns, mapping FROM documents ORDER BY doc_id")
        return [StoredDocument(d, n, h, json.loads(c) if c else None, json.loads(m) if m else None)
                for d, n, h, c, m in rows]

    def document_bytes(self, doc_id: int) -> bytes:
        rows = self._query("SELECT data FROM documents WHERE doc_id=?", (doc_id,))
        if not rows:
            raise WorkspaceError("That file is no longer in the workspace.")
        return rows[0][0]

    def used_ids(self, con) -> set[str]:
        return {r[0] for r in con.execute("SELECT article_id FROM articles")}

    @staticmethod
    def add_document(con, *, name: str, sha256: str, data: bytes, articles: list[RawArticle],
                     columns: list[str] | None = None, mapping: dict[str, str] | None = None,
                     used_ids: set[str]) -> int:
        """Insert one document and its articles inside an open :meth:`transaction`. Article
        ids are made unique against ``used_ids`` (which is updated)."""
        cur = con.execute(
            "INSERT INTO documents (name, sha256, size, added, columns, mapping, data) VALUES (?,?,?,?,?,?,?)",
            (name, sha256, len(data), _now(), json.dumps(columns) if columns is not None else None,
             json.dumps(mapping) if mapping is not None else None, data))
        doc_id = cur.lastrowid
        Workspace._insert_articles(con, doc_id, articles, used_ids)
        return doc_id

    @staticmethod
    def _insert_articles(con, doc_id: int, articles: list[RawArticle], used_ids: set[str]) -> None:
        rows = []
        for seq, a in enumerate(articles):
            aid = a.article_id
            n = 2
            while aid in used_ids:
                aid, n = f"{a.article_id}-{n}", n + 1
            used_ids.add(aid)
            rows.append((aid, doc_id, seq, a.file, a.title, a.author,
                         a.date.isoformat() if a.date else None, a.date_precision, a.date_source,
                         a.date_note, a.genre, a.source, a.url, json.dumps(a.notes), a.text))
        con.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)

    def replace_articles(self, doc_id: int, articles: list[RawArticle], *, mapping: dict[str, str],
                         columns: list[str] | None) -> None:
        """Re-read a document (a table with another column mapping): its articles are replaced,
        keeping the ids of those that come back, so edits made to them still apply."""
        with self.transaction() as con:
            old = [r[0] for r in con.execute("SELECT article_id FROM articles WHERE doc_id=? ORDER BY seq", (doc_id,))]
            con.execute("DELETE FROM articles WHERE doc_id=?", (doc_id,))
            used = self.used_ids(con)
            for a, old_id in zip(articles, old):
                a.article_id = old_id
            self._insert_articles(con, doc_id, articles, used)
            con.execute("UPDATE documents SET mapping=?, columns=? WHERE doc_id=?",
                        (json.dumps(mapping), json.dumps(columns) if columns is not None else None, doc_id))

    # --- the ingest report ----------------------------------------------------------------------
    @staticmethod
    def save_report(con, rows: list[tuple[str, str, str, int]]) -> int:
        ingest_id = (con.execute("SELECT COALESCE(MAX(ingest_id), 0) + 1 FROM report").fetchone()[0])
        con.executemany("INSERT INTO report VALUES (?,?,?,?,?,?)",
                        [(ingest_id, i, *row) for i, row in enumerate(rows)])
        return ingest_id

    def reports(self) -> list[tuple[int, str, str, str, int]]:
        """Every report row ever saved: (ingest_id, file, status, reason, articles)."""
        return self._query("SELECT ingest_id, file, status, reason, articles FROM report ORDER BY ingest_id, seq")

    # --- articles and edits ---------------------------------------------------------------------
    def article_count(self) -> int:
        return self._query("SELECT COUNT(*) FROM articles")[0][0]

    def edits(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for aid, field_name, value in self._query("SELECT article_id, field, value FROM edits"):
            out.setdefault(aid, {})[field_name] = value
        return out

    def edit(self, article_id: str, **changes: str) -> None:
        """Record the reader's changes to one article (title, date, source, author, removed).
        A date must be readable (``YYYY-MM-DD``, ``YYYY-MM``, ``24.09.2025`` ...) and plausible;
        an empty value removes that edit (back to what the file said)."""
        from .dates import parse_date

        bad = set(changes) - set(EDITABLE_FIELDS)
        if bad:
            raise WorkspaceError(f"These fields cannot be edited: {', '.join(sorted(bad))}.")
        value_date = changes.get("date")
        if value_date:
            d, _ = parse_date(value_date)
            if d is None:
                raise WorkspaceError(f"'{value_date}' is not a date; write it as 2025-09-24 or 24.09.2025.")
            if not (date(1990, 1, 1) <= d <= date.today()):
                raise WorkspaceError(f"{d.isoformat()} is in the future or before 1990.")
        with self.transaction() as con:
            if not con.execute("SELECT 1 FROM articles WHERE article_id=?", (article_id,)).fetchone():
                raise WorkspaceError(f"There is no article '{article_id}' in this workspace.")
            for field_name, value in changes.items():
                value = str(value).strip()
                if value:
                    con.execute("INSERT OR REPLACE INTO edits VALUES (?,?,?,?)",
                                (article_id, field_name, value, _now()))
                else:
                    con.execute("DELETE FROM edits WHERE article_id=? AND field=?", (article_id, field_name))

    def remove(self, article_ids: list[str]) -> None:
        """Take articles out of the analysis (kept in the file, so re-adding a document does
        not bring them back; undo with ``edit(id, removed="")``)."""
        with self.transaction() as con:
            con.executemany("INSERT OR REPLACE INTO edits VALUES (?, 'removed', '1', ?)",
                            [(aid, _now()) for aid in article_ids])

    def article_index(self) -> list[dict]:
        """Every article's editable fields with the reader's edits applied, without the text
        (cheap even for 100,000 articles); ``removed`` says whether it is left out."""
        from .dates import parse_date

        edits = self.edits()
        out = []
        for aid, file, title, author, d, prec, source in self._query(
                "SELECT article_id, file, title, author, date, date_precision, source FROM articles "
                "ORDER BY doc_id, seq"):
            e = edits.get(aid, {})
            if e.get("date"):
                new, prec = parse_date(e["date"])
                d = new.isoformat() if new else d
            label = "" if not d else d[:7] if prec == "month" else d
            out.append({"article_id": aid, "removed": bool(e.get("removed")), "date": label,
                        "title": e.get("title", title), "source": e.get("source", source),
                        "author": e.get("author", author), "file": file})
        return out

    def raw_articles(self) -> list[RawArticle]:
        """The workspace's articles with the reader's edits applied, in the order they came."""
        from .dates import parse_date

        edits = self.edits()
        out = []
        rows = self._query(
            "SELECT article_id, file, title, author, date, date_precision, date_source, date_note, "
            "genre, source, url, notes, text FROM articles ORDER BY doc_id, seq")
        for aid, file, title, author, d, prec, src, note, genre, source, url, notes, text in rows:
            e = edits.get(aid, {})
            if e.get("removed"):
                continue
            a = RawArticle(article_id=aid, file=file, title=e.get("title", title), author=e.get("author", author),
                           text=text, date=date.fromisoformat(d) if d else None, date_precision=prec,
                           date_source=src, date_note=note, genre=genre, notes=json.loads(notes),
                           source=e.get("source", source), url=url)
            if e.get("date"):
                new, precision = parse_date(e["date"])
                if new is not None:
                    before = f"The file said {a.date.isoformat()}. " if a.date else ""
                    a.date, a.date_precision, a.date_source = new, precision, "edited"
                    a.date_note = before + "Date set by hand in the app."
            out.append(a)
        return out
