"""Named workspaces: a reader's own corpus, kept in one SQLite file per workspace.

A workspace holds the documents as they were received (bytes and content hash, so ingest is
idempotent and a table can be re-read with other columns), the articles read from them, and
the reader's edits (title, date, source, author, removed) in a table of their own, so edits
survive re-reading and re-analysis.

Writers take turns, and nothing half-done is ever seen:

* every change is a short write transaction, so an edit, an event or a re-read made while a
  large import runs waits a moment at most, never for the whole import;
* an import writes its documents in batches, each committed, but marked *pending* (with the
  import's id) until its last step makes them all visible at once. Readers never see pending
  documents; an import that fails, is interrupted or killed leaves only pending rows, which
  it removes itself or the next import removes. So the workspace is either as it was before
  the import or has all of it;
* imports into one workspace run one after the other (a file lock); the second one waits and
  can show how far the first has got;
* a full disk, a read-only file and a workspace that stays busy each raise their own
  :class:`WorkspaceError` with a plain sentence, and a failed rollback never hides the cause.

Sentences for the reader are kept as messages (:func:`tonlage.i18n.to_store`: JSON with the
message id and parameters), so they can be shown in any language later: the report's reasons
and file labels, an article's ``date_note``, and the items of its ``notes`` list (a message as
its JSON object, text as a string). Plain English text written by older versions reads back as
it is (:func:`tonlage.i18n.stored`).

SQLite ships with Python, needs no server and copes with the app's many threads when each
operation opens its own connection (WAL journal).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import Message, from_json, join, message, stored, to_store

if TYPE_CHECKING:
    # Only for types: the app lists workspaces on every run, and tonlage.corpus (page cleaning,
    # bylines, dates) is a tenth of a second of imports a reader who opens no workspace never needs.
    from ..corpus import RawArticle

__all__ = [
    "data_dir",
    "Workspace",
    "list_workspaces",
    "slugify",
    "EDITABLE_FIELDS",
    "LISTED",
    "WorkspaceError",
    "WorkspaceBusy",
    "WorkspaceDiskFull",
    "WorkspaceReadOnly",
    "Waiting",
]

log = logging.getLogger(__name__)

# Version 2: imports write pending documents (``documents.pending``, table ``ingests``), and
# articles say where their title, author and genre came from and which lines were removed.
# Version 3: each article keeps its text's digest (tonlage.corpus.text_digest).
SCHEMA_VERSION = "3"
#: The article columns the Corpus page lists (:meth:`Workspace.article_table`), all in one
#: index with the articles' order, so that the list never reads a text.
LISTED = ("article_id", "file", "title", "author", "date", "date_precision", "source")
# A stored file that is a table (it has columns): the condition of the index documents_tables.
_IS_TABLE = "columns IS NOT NULL AND columns NOT IN ('', '[]')"
# Columns added to ``articles`` after version 1, with the value old rows get. A file of an older
# version is read as it is (the missing columns read as these defaults) and migrated on its
# first write; see Workspace._migrate.
ADDED_ARTICLE_COLUMNS = (
    ("title_source", "''"),
    ("title_confidence", "''"),
    ("author_source", "''"),
    ("author_confidence", "''"),
    ("genre_source", "''"),
    ("genre_confidence", "''"),
    ("genre_evidence", "''"),
    ("removed_lines", "'[]'"),
    # "" for a row stored before version 3: its digest is then made from the text when asked
    ("text_digest", "''"),
)
# How long a writer waits for another writer's transaction before giving up with a plain
# message. Transactions are short (one batch of an import at most), so this is generous.
WRITE_WAIT_S = 120.0
_WRITE_POLL_S = 0.25
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
    text           TEXT NOT NULL,
    -- version 2: where title, author and genre came from, and the lines left out of the text
    title_source      TEXT NOT NULL DEFAULT '',
    title_confidence  TEXT NOT NULL DEFAULT '',
    author_source     TEXT NOT NULL DEFAULT '',
    author_confidence TEXT NOT NULL DEFAULT '',
    genre_source      TEXT NOT NULL DEFAULT '',
    genre_confidence  TEXT NOT NULL DEFAULT '',
    genre_evidence    TEXT NOT NULL DEFAULT '',
    removed_lines     TEXT NOT NULL DEFAULT '[]'  -- JSON list of [kind, line]
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

# Imports in progress (version 2). A document written by a running import carries its id in
# ``pending`` and is invisible until the import's last step sets it to 0.
INGESTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS ingests (
    ingest_id INTEGER PRIMARY KEY,
    started   TEXT NOT NULL,
    pid       INTEGER NOT NULL,
    state     TEXT NOT NULL,      -- running | done | aborted
    done      INTEGER NOT NULL,   -- inputs handled so far
    total     INTEGER NOT NULL    -- inputs announced (0 = not known)
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


_INSERT_COLUMNS = (
    "article_id",
    "doc_id",
    "seq",
    "file",
    "title",
    "author",
    "date",
    "date_precision",
    "date_source",
    "date_note",
    "genre",
    "source",
    "url",
    "notes",
    "text",
    *(name for name, _ in ADDED_ARTICLE_COLUMNS),
)
# The reader's theme edits (see tonlage.themes.edits): merges, names and hidden themes, keyed by
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
    """A workspace request that cannot be met (bad name, missing workspace). Raised with a
    :class:`~tonlage.i18n.Message`: ``str(exc)`` is the English sentence, ``message_of(exc)``
    the message to translate."""


class WorkspaceBusy(WorkspaceError):
    """Another writer kept the workspace busy for longer than a writer waits."""


class WorkspaceDiskFull(WorkspaceError):
    """The disk (or the file system's quota) is full: nothing was written."""


class WorkspaceReadOnly(WorkspaceError):
    """The workspace file or its folder cannot be written."""


@dataclass(frozen=True)
class Waiting:
    """What a writer that has to wait is waiting for (for a message to the reader).

    ``import_done``/``import_total``: how far the other import has got (0/0 when the wait is
    for a short change, or the other import did not say)."""

    seconds: float
    import_done: int = 0
    import_total: int = 0


def plain_error(exc: BaseException, ws_name: str, path: Path) -> WorkspaceError | None:
    """The reader's version of a storage error, or None when ``exc`` is not one."""
    msg = str(exc).lower()
    if isinstance(exc, WorkspaceError):
        return exc
    if isinstance(exc, OSError) and exc.errno == 28 or "disk is full" in msg or "disk full" in msg:
        return WorkspaceDiskFull(
            message(
                "The disk is full, so nothing was added to the workspace '{name}' and it is as it was. Free some space "
                "on the disk that holds {folder} and try again.",
                name=ws_name,
                folder=str(path.parent),
            )
        )
    if "readonly" in msg or "read-only" in msg or "unable to open database" in msg or isinstance(exc, PermissionError):
        return WorkspaceReadOnly(
            message(
                "The workspace '{name}' cannot be written: its file {path} or its folder is read-only. Nothing was "
                "changed. Check the folder's permissions, or set TONLAGE_DATA_DIR to a writable folder.",
                name=ws_name,
                path=str(path),
            )
        )
    if "locked" in msg or "busy" in msg:
        return WorkspaceBusy(
            message(
                "The workspace '{name}' stayed busy with another change for over {seconds} seconds, so nothing was "
                "changed. Try again when the other import has finished.",
                name=ws_name,
                seconds=round(WRITE_WAIT_S),
            )
        )
    if isinstance(exc, (sqlite3.Error, OSError)):
        # The storage library's own words stay as they are (English).
        return WorkspaceError(
            message(
                "The workspace '{name}' could not be written ({error}); nothing was changed.",
                name=ws_name,
                error=str(exc),
            )
        )
    return None


def _notes_json(notes: list[str]) -> str:
    """An article's notes as a JSON list: a message as its JSON object, text as a string."""
    return json.dumps([n.to_json() if isinstance(n, Message) else n for n in notes], ensure_ascii=False)


def _notes_of(text: str) -> list[str]:
    """The notes saved by :func:`_notes_json` (or by an older version, as strings)."""
    if text == "[]":  # most articles: no JSON parser for them (0.9 s at 100,000 articles)
        return []
    return [from_json(n) for n in json.loads(text)]


def data_dir() -> Path:
    """Where workspaces live (see :func:`tonlage.settings.data_dir`)."""
    from .. import settings

    return settings.data_dir()


def slugify(name: str) -> str:
    """A file-name-safe form of a workspace name ("Meine Clips 2025" → "meine-clips-2025")."""
    folded = name.strip().lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# The name each workspace file was last found under, with the file's identity and change time
# then: a name never changes after the file is made, so the sidebar's list on every run of every
# reader opens only files that are new or were written since (opening each took ~0.8 ms a run).
_NAMES: dict[Path, tuple[tuple[int, int, int], str]] = {}


def list_workspaces(root: Path | None = None) -> list[str]:
    """Names of the workspaces in the data folder, sorted."""
    folder = (root or data_dir()) / "workspaces"
    names = []
    for path in sorted(folder.glob("*.sqlite")) if folder.is_dir() else []:
        try:
            st = path.stat()
        except OSError:
            continue  # removed meanwhile
        stamp = (st.st_dev, st.st_ino, st.st_ctime_ns)
        known = _NAMES.get(path)
        if known is not None and known[0] == stamp:
            names.append(known[1])
            continue
        try:
            name = Workspace(path.stem, root=root, create=False).name
        except (WorkspaceError, sqlite3.Error):
            continue  # a foreign or damaged file is not offered
        if slugify(path.stem) == path.stem:  # the file just read is the one stamped
            _NAMES[path] = (stamp, name)
        names.append(name)
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
        self.path = self._file_of(name, root)
        if self.path.is_file():
            # Opening an existing workspace only reads: an ingest running in another session
            # holds the write lock, and a page rerun must not wait for it.
            try:
                self._opened(name)[0].close()
                return
            except WorkspaceError:
                if not create:
                    raise
        elif not create:
            raise WorkspaceError(message("There is no workspace called '{name}'.", name=name))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._create(name)
        except (sqlite3.Error, OSError) as exc:
            plain = plain_error(exc, name.strip(), self.path)
            if plain is None:
                raise
            raise plain from exc

    @staticmethod
    def _file_of(name: str, root: Path | None) -> Path:
        slug = slugify(name)
        if not slug:
            raise WorkspaceError(message("A workspace name needs at least one letter or digit."))
        return (root or data_dir()) / "workspaces" / f"{slug}.sqlite"

    def _opened(self, asked: str) -> tuple[ExitStack, sqlite3.Connection]:
        """A read-only connection to the existing file, with its name read through it (the
        stack closes it). A file SQLite cannot open or read as a workspace raises
        :class:`WorkspaceError`, the connection closed."""
        stack = ExitStack()
        try:
            con = stack.enter_context(self._connect(write=False))
            self.name = con.execute("SELECT value FROM meta WHERE key='name'").fetchone()[0]
        except (sqlite3.Error, TypeError) as exc:
            stack.close()
            raise WorkspaceError(
                message("The workspace file for '{name}' is damaged or not a Tonlage file.", name=asked)
            ) from exc
        return stack, con

    @classmethod
    @contextmanager
    def reading(cls, name: str, *, root: Path | None = None) -> Iterator[tuple[Workspace, sqlite3.Connection]]:
        """An existing workspace and one read-only connection to it, for several reads in a row:
        a page run reads the workspace's revisions (:meth:`fingerprint`, the reader's edits, the
        events) through one connection instead of one each. Raises :class:`WorkspaceError` as
        ``Workspace(name, create=False)`` does."""
        ws = cls.__new__(cls)
        ws.path = cls._file_of(name, root)
        if not ws.path.is_file():
            raise WorkspaceError(message("There is no workspace called '{name}'.", name=name))
        stack, con = ws._opened(name)
        with stack:
            yield ws, con

    @classmethod
    def exists(cls, name: str, *, root: Path | None = None) -> bool:
        """Whether a workspace of that name has a file already."""
        slug = slugify(name)
        return bool(slug) and ((root or data_dir()) / "workspaces" / f"{slug}.sqlite").is_file()

    def _create(self, name: str) -> None:
        with self._connect() as con:
            con.executescript(_SCHEMA + EVENTS_SCHEMA + THEME_EDITS_SCHEMA)
            self._migrate(con)
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
        # A writer's own busy timeout is short: it waits in :meth:`_begin`, where it can say so.
        con = sqlite3.connect(self.path, timeout=_WRITE_POLL_S if write else 30, isolation_level=None)
        try:
            if write:  # WAL lets readers go on while one writer works; it is kept in the file
                con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA foreign_keys=ON")
            yield con
        finally:
            con.close()

    def _begin(self, con, on_wait: Callable[[Waiting], None] | None) -> None:
        """``BEGIN IMMEDIATE``, waiting (and saying so) while another writer's transaction runs."""
        started = time.monotonic()
        while True:
            try:
                con.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                waited = time.monotonic() - started
                if waited > WRITE_WAIT_S:
                    raise
                if on_wait is not None:
                    on_wait(Waiting(waited, *self.running_import()))

    @contextmanager
    def transaction(self, *, bump: bool = True, on_wait: Callable[[Waiting], None] | None = None):
        """One all-or-nothing change: commits when the block ends, rolls back on any exception
        (including KeyboardInterrupt). ``bump`` raises the revision the app's caches are keyed
        by; an ingest that added nothing calls :meth:`bump` itself only when needed.

        Storage errors come out as :class:`WorkspaceError` subclasses with a plain sentence
        (disk full, read-only, busy); the original error is their ``__cause__``.
        """
        try:
            with self._connect() as con:
                self._begin(con, on_wait)
                self._migrate(con)
                try:
                    yield con
                    if bump:
                        self.bump(con)
                    con.execute("COMMIT")
                except BaseException as exc:
                    # SQLite may have rolled back already (a full disk does): a second rollback
                    # would raise "no transaction is active" and hide the real cause.
                    if con.in_transaction:
                        try:
                            con.execute("ROLLBACK")
                        except sqlite3.Error:
                            log.warning("rollback failed after %r", exc, exc_info=True)
                    raise
        except (sqlite3.Error, OSError) as exc:
            plain = plain_error(exc, self.name if hasattr(self, "name") else self.path.stem, self.path)
            if plain is None:
                raise
            log.warning("workspace %s: %s", self.path, exc, exc_info=True)
            raise plain from exc

    @staticmethod
    def _live(con) -> str:
        """SQL that keeps only the documents of finished imports (all of them in older files)."""
        cols = {r[1] for r in con.execute("PRAGMA table_info(documents)")}
        return "pending = 0" if "pending" in cols else "1"

    def running_import(self) -> tuple[int, int]:
        """(inputs handled, inputs announced) of an import running now, else (0, 0)."""
        try:
            rows = self._query("SELECT done, total FROM ingests WHERE state='running' ORDER BY ingest_id DESC LIMIT 1")
        except sqlite3.Error:  # no such table yet (a file no import has touched since version 2)
            return 0, 0
        return (int(rows[0][0]), int(rows[0][1])) if rows else (0, 0)

    @staticmethod
    def _article_columns(con) -> set[str]:
        return {row[1] for row in con.execute("PRAGMA table_info(articles)")}

    @classmethod
    def _migrate(cls, con) -> None:
        """Bring a file of an older schema up to :data:`SCHEMA_VERSION` inside an open write
        transaction (single statements only: ``executescript`` would commit; new columns get
        the values old rows would have had)."""
        have = cls._article_columns(con)
        for name, default in ADDED_ARTICLE_COLUMNS:
            if name not in have:
                con.execute(f"ALTER TABLE articles ADD COLUMN {name} TEXT NOT NULL DEFAULT {default}")
        if "pending" not in {r[1] for r in con.execute("PRAGMA table_info(documents)")}:
            con.execute("ALTER TABLE documents ADD COLUMN pending INTEGER NOT NULL DEFAULT 0")
        con.execute("CREATE INDEX IF NOT EXISTS documents_pending ON documents(pending)")
        # The table files alone (the Corpus page lists them on every run): without this index,
        # 100,000 text files' rows were walked for none (0.1 s warm, seconds from a cold disk).
        con.execute(f"CREATE INDEX IF NOT EXISTS documents_tables ON documents(doc_id) WHERE {_IS_TABLE}")
        # The Corpus page's list of articles (article_table) read from this index alone: from the
        # table, SQLite read every article's row with its text, 0.28 s warm and 0.60 s from a cold
        # disk at 101,000 articles (1.6 GB), where the index (a few % of that) takes 0.17 s. An
        # older file has it made by its first write (~0.7 s there).
        con.execute(f"CREATE INDEX IF NOT EXISTS articles_listing ON articles(doc_id, seq, {', '.join(LISTED)})")
        con.execute(INGESTS_SCHEMA)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    def _select_articles(self, con) -> str:
        """The article columns to read, old files' missing columns read as their defaults."""
        have = self._article_columns(con)
        added = [name if name in have else f"{default} AS {name}" for name, default in ADDED_ARTICLE_COLUMNS]
        return ", ".join(added)

    @staticmethod
    def bump(con) -> None:
        con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='revision'")

    def _query(self, sql: str, args=(), con: sqlite3.Connection | None = None) -> list[tuple]:
        """Rows of one read: through ``con`` when given (see :meth:`reading`), else a connection of its own."""
        if con is not None:
            with closing(con.execute(sql, args)) as cur:
                return cur.fetchall()
        with self._connect(write=False) as own:
            return self._query(sql, args, own)

    # --- identity -----------------------------------------------------------------------------
    def fingerprint(self, con: sqlite3.Connection | None = None) -> str:
        """Changes whenever anything in the workspace changes (the analysis cache key)."""
        rows = dict(self._query("SELECT key, value FROM meta WHERE key IN ('uid', 'revision')", con=con))
        return f"ws-{rows['uid'][:12]}-{rows['revision']}"

    # --- the workspace's own actor list -------------------------------------------------------
    def actor_list(self, con: sqlite3.Connection | None = None) -> str | None:
        """The readers' own actor list for this workspace (CSV as :func:`tonlage.actors.read_actors`
        reads it), None while it uses the standard list."""
        rows = self._query("SELECT value FROM meta WHERE key='actors_csv'", con=con)
        return rows[0][0] if rows else None

    def set_actor_list(self, csv_text: str | None, *, on_wait: Callable[[Waiting], None] | None = None) -> None:
        """Keep ``csv_text`` as this workspace's actor list (None: back to the standard list).
        Who is found in which sentence changes, so the revision is raised: every article is
        analysed again (the engine's key holds the list's content)."""
        with self.transaction(on_wait=on_wait) as con:
            if csv_text is None:
                con.execute("DELETE FROM meta WHERE key='actors_csv'")
            else:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('actors_csv', ?)", (csv_text,))

    def actors_file(self, con: sqlite3.Connection | None = None) -> str | None:
        """The workspace's own actor list as a file the analysis reads (named by its content,
        in the cache folder: the same list is one file, never changed once written), None while
        it uses the standard list."""
        text = self.actor_list(con)
        if text is None:
            return None
        from ..settings import cache_dir

        folder = cache_dir() / "actor-lists"
        path = folder / f"{hashlib.sha256(text.encode('utf-8')).hexdigest()[:24]}.csv"
        if not path.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            part = path.with_suffix(f".{uuid.uuid4().hex}.part")
            part.write_text(text, encoding="utf-8")
            os.replace(part, path)  # whole or not at all, whoever writes it first
        return str(path)

    def is_empty(self) -> bool:
        """No documents (finished or pending) and no events: nothing a reader would lose."""
        with self._connect(write=False) as con:
            docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            has_events = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='events'").fetchone()
            events = con.execute("SELECT COUNT(*) FROM events").fetchone()[0] if has_events else 0
        return docs == 0 and events == 0

    def recreate(self) -> None:
        """Create the file again under the same name (after :meth:`delete`)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._create(self.name)

    def delete(self) -> None:
        """Remove the workspace file (and its journal files)."""
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)

    # --- documents ----------------------------------------------------------------------------
    def _live_query(self, sql: str, args=()) -> list[tuple]:
        """A read in which ``{live}`` stands for "the document belongs to a finished import"."""
        with self._connect(write=False) as con:
            with closing(con.execute(sql.format(live=self._live(con)), args)) as cur:
                return cur.fetchall()

    def known_hashes(self) -> dict[str, str]:
        """Content hash → document name of every document already in the workspace."""
        return dict(self._live_query("SELECT sha256, name FROM documents WHERE {live}"))

    def documents(self, *, tables_only: bool = False) -> list[StoredDocument]:
        """The stored files of finished imports, in the order they came; ``tables_only``: only
        tables (files with columns), read without the others (the Corpus page asks on every
        run, and a 100,000-file workspace took 0.7 s to list them all)."""
        # Tables only: "+" keeps SQLite off the index of pending imports (every row), so it takes
        # the index of table files (documents_tables; files made before it walk the rows as before).
        live, tables = ("+{live}", f" AND {_IS_TABLE}") if tables_only else ("{live}", "")
        rows = self._live_query(
            f"SELECT doc_id, name, sha256, columns, mapping FROM documents WHERE {live}{tables} ORDER BY doc_id"
        )
        return [
            StoredDocument(d, n, h, json.loads(c) if c else None, json.loads(m) if m else None)
            for d, n, h, c, m in rows
        ]

    def document_bytes(self, doc_id: int) -> bytes:
        rows = self._query("SELECT data FROM documents WHERE doc_id=?", (doc_id,))
        if not rows:
            raise WorkspaceError(message("That file is no longer in the workspace."))
        return rows[0][0]

    def used_ids(self, con) -> set[str]:
        return {r[0] for r in con.execute("SELECT article_id FROM articles")}

    @staticmethod
    def add_document(
        con,
        *,
        name: str,
        sha256: str,
        data: bytes,
        articles: list[RawArticle],
        columns: list[str] | None = None,
        mapping: dict[str, str] | None = None,
        used_ids: set[str],
        pending: int = 0,
    ) -> int:
        """Insert one document and its articles inside an open :meth:`transaction`. Article
        ids are made unique against ``used_ids`` (which is updated). ``pending``: the id of
        the import writing it (invisible until :meth:`finish_import`), 0 for visible at once."""
        cur = con.execute(
            "INSERT INTO documents (name, sha256, size, added, columns, mapping, data, pending) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (
                name,
                sha256,
                len(data),
                _now(),
                json.dumps(columns) if columns is not None else None,
                json.dumps(mapping) if mapping is not None else None,
                data,
                pending,
            ),
        )
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
            rows.append(
                (
                    aid,
                    doc_id,
                    seq,
                    a.file,
                    a.title,
                    a.author,
                    a.date.isoformat() if a.date else None,
                    a.date_precision,
                    a.date_source,
                    to_store(a.date_note),
                    a.genre,
                    a.source,
                    a.url,
                    _notes_json(a.notes),
                    a.text,
                    a.title_source,
                    a.title_confidence,
                    a.author_source,
                    a.author_confidence,
                    a.genre_source,
                    a.genre_confidence,
                    a.genre_evidence,
                    json.dumps([list(x) for x in a.removed_lines], ensure_ascii=False),
                    a.digest(),
                )
            )
        con.executemany(
            f"INSERT INTO articles ({', '.join(_INSERT_COLUMNS)}) VALUES ({', '.join('?' * len(_INSERT_COLUMNS))})",
            rows,
        )

    def replace_articles(
        self, doc_id: int, articles: list[RawArticle], *, mapping: dict[str, str], columns: list[str] | None
    ) -> None:
        """Re-read a document (a table with another column mapping): its articles are replaced,
        keeping the ids of those that come back, so edits made to them still apply."""
        with self.transaction() as con:
            old = [r[0] for r in con.execute("SELECT article_id FROM articles WHERE doc_id=? ORDER BY seq", (doc_id,))]
            con.execute("DELETE FROM articles WHERE doc_id=?", (doc_id,))
            used = self.used_ids(con)
            for a, old_id in zip(articles, old):
                a.article_id = old_id
            self._insert_articles(con, doc_id, articles, used)
            con.execute(
                "UPDATE documents SET mapping=?, columns=? WHERE doc_id=?",
                (json.dumps(mapping), json.dumps(columns) if columns is not None else None, doc_id),
            )

    # --- imports ---------------------------------------------------------------------------------
    def import_lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".import.lock")

    def start_import(self, total: int = 0, *, on_wait: Callable[[Waiting], None] | None = None) -> int:
        """Register an import (the caller holds the import lock): rows left pending by an
        import that died are removed first. Returns the new import's id."""
        with self.transaction(bump=False, on_wait=on_wait) as con:
            stale = con.execute("SELECT COUNT(*) FROM documents WHERE pending != 0").fetchone()[0]
            if stale:
                log.info("workspace %s: removing %d documents left by an import that did not finish", self.path, stale)
                con.execute("DELETE FROM documents WHERE pending != 0")
            con.execute("UPDATE ingests SET state='aborted' WHERE state='running'")
            cur = con.execute(
                "INSERT INTO ingests (started, pid, state, done, total) VALUES (?,?,?,?,?)",
                (_now(), os.getpid(), "running", 0, int(total)),
            )
            return int(cur.lastrowid)

    @staticmethod
    def import_progress(con, ingest_id: int, done: int) -> None:
        con.execute("UPDATE ingests SET done=? WHERE ingest_id=?", (int(done), ingest_id))

    def finish_import(
        self,
        ingest_id: int,
        rows: list[tuple[str, str, str, int]],
        *,
        changed: bool,
        on_wait: Callable[[Waiting], None] | None = None,
    ) -> None:
        """Make an import's documents visible, save its report, and raise the revision when
        it added anything — all in one short transaction."""
        with self.transaction(bump=False, on_wait=on_wait) as con:
            con.execute("UPDATE documents SET pending=0 WHERE pending=?", (ingest_id,))
            self.save_report(con, rows)
            con.execute("UPDATE ingests SET state='done' WHERE ingest_id=?", (ingest_id,))
            if changed:
                self.bump(con)

    def abort_import(self, ingest_id: int) -> None:
        """Remove what an import wrote so far (best effort: what is left stays invisible and the
        next import removes it)."""
        try:
            with self.transaction(bump=False) as con:
                con.execute("DELETE FROM documents WHERE pending=?", (ingest_id,))
                con.execute("UPDATE ingests SET state='aborted' WHERE ingest_id=?", (ingest_id,))
        except WorkspaceError:
            log.warning(
                "workspace %s: could not remove the rows of import %d now; the next import will",
                self.path,
                ingest_id,
                exc_info=True,
            )

    def texts_by_source(self, con, ingest_id: int = 0):
        """(source, text) of every article (those of finished imports, and of import
        ``ingest_id`` still pending), for learning recurring lines; the source as
        :func:`tonlage.reading.furniture.source_key` groups articles."""
        from ..reading.furniture import source_key

        for file, source, url, text in con.execute(
            "SELECT file, source, url, text FROM articles WHERE doc_id IN "
            "(SELECT doc_id FROM documents WHERE pending = 0 OR pending = ?) ORDER BY doc_id, seq",
            (ingest_id,),
        ):
            yield source_key(source, url, file), text

    # --- the ingest report ----------------------------------------------------------------------
    @staticmethod
    def save_report(con, rows: list[tuple[str, str, str, int]]) -> int:
        """Save an import's report: (file, status, reason, articles) rows; a reason (or a file
        label such as the recurring-lines row) that is a message is kept as one."""
        ingest_id = con.execute("SELECT COALESCE(MAX(ingest_id), 0) + 1 FROM report").fetchone()[0]
        con.executemany(
            "INSERT INTO report VALUES (?,?,?,?,?,?)",
            [
                (ingest_id, i, to_store(file), status, to_store(reason), articles)
                for i, (file, status, reason, articles) in enumerate(rows)
            ],
        )
        return ingest_id

    def reports(self) -> list[tuple[int, str, str, str, int]]:
        """Every report row ever saved: (ingest_id, file, status, reason, articles); reasons
        come back as :class:`~tonlage.i18n.Message` s (rows of older versions as plain text)."""
        rows = self._query("SELECT ingest_id, file, status, reason, articles FROM report ORDER BY ingest_id, seq")
        return [(ingest_id, stored(file), status, stored(reason), n) for ingest_id, file, status, reason, n in rows]

    # --- articles and edits ---------------------------------------------------------------------
    def article_count(self) -> int:
        return self._live_query(
            "SELECT COUNT(*) FROM articles WHERE doc_id IN (SELECT doc_id FROM documents WHERE {live})"
        )[0][0]

    def edits(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for aid, field_name, value in self._query("SELECT article_id, field, value FROM edits"):
            out.setdefault(aid, {})[field_name] = value
        return out

    def edit(self, article_id: str, **changes: str) -> None:
        """Record the reader's changes to one article (title, date, source, author, removed).
        A date must be readable (``YYYY-MM-DD``, ``YYYY-MM``, ``24.09.2025`` ...) and plausible;
        an empty value removes that edit (back to what the file said)."""
        from ..reading.dates import date_param, parse_date

        bad = set(changes) - set(EDITABLE_FIELDS)
        if bad:
            raise WorkspaceError(message("These fields cannot be edited: {fields}.", fields=", ".join(sorted(bad))))
        value_date = changes.get("date")
        if value_date:
            d, _ = parse_date(value_date)
            if d is None:
                raise WorkspaceError(
                    message("'{value}' is not a date; write it as 2025-09-24 or 24.09.2025.", value=value_date)
                )
            if not (date(1990, 1, 1) <= d <= date.today()):
                raise WorkspaceError(message("{date} is in the future or before 1990.", date=date_param(d, "day")))
        with self.transaction() as con:
            if not con.execute(
                "SELECT 1 FROM articles a JOIN documents d USING (doc_id) WHERE a.article_id=? AND d.pending=0",
                (article_id,),
            ).fetchone():
                raise WorkspaceError(message("There is no article '{article}' in this workspace.", article=article_id))
            for field_name, value in changes.items():
                value = str(value).strip()
                if value:
                    con.execute(
                        "INSERT OR REPLACE INTO edits VALUES (?,?,?,?)", (article_id, field_name, value, _now())
                    )
                else:
                    con.execute("DELETE FROM edits WHERE article_id=? AND field=?", (article_id, field_name))

    def remove(self, article_ids: list[str]) -> None:
        """Take articles out of the analysis (kept in the file, so re-adding a document does
        not bring them back; undo with ``edit(id, removed="")``)."""
        with self.transaction() as con:
            con.executemany(
                "INSERT OR REPLACE INTO edits VALUES (?, 'removed', '1', ?)", [(aid, _now()) for aid in article_ids]
            )

    def article_index(self) -> list[dict]:
        """Every article's editable fields with the reader's edits applied, without the text
        (cheap even for 100,000 articles); ``removed`` says whether it is left out. The rows
        of :meth:`article_table`."""
        return self.article_table().to_dict("records")

    def article_table(self):
        """:meth:`article_index` as a table (columns ``article_id``, ``removed``, ``date``,
        ``title``, ``source``, ``author``, ``file``), in the order the articles came. Made column
        by column, with the reader's few edits laid over: a dict per article took ~0.15 s of the
        Corpus page's first visit at 100,000 articles."""
        import numpy as np
        import pandas as pd

        from ..reading.dates import parse_date

        cols = list(LISTED)
        rows = self._live_query(
            f"SELECT {', '.join(cols)} FROM articles "
            "WHERE doc_id IN (SELECT doc_id FROM documents WHERE {live}) ORDER BY doc_id, seq"
        )
        stored = pd.DataFrame.from_records(rows, columns=cols)
        removed = np.zeros(len(stored), dtype=bool)
        edits = self.edits()
        if edits:
            at = pd.Index(stored["article_id"]).get_indexer(list(edits))
            for i, e in zip(at, edits.values()):
                if i < 0:
                    continue
                removed[i] = bool(e.get("removed"))
                if e.get("date"):
                    new, prec = parse_date(e["date"])
                    if new:
                        stored.at[i, "date"], stored.at[i, "date_precision"] = new.isoformat(), prec
                    else:
                        stored.at[i, "date_precision"] = prec
                for field_name in ("title", "source", "author"):
                    if field_name in e:
                        stored.at[i, field_name] = e[field_name]
        d = stored["date"].fillna("").astype(str)
        label = d.where(stored["date_precision"].to_numpy() != "month", d.str[:7])
        return pd.DataFrame(
            {
                "article_id": stored["article_id"],
                "removed": removed,
                "date": label,
                "title": stored["title"],
                "source": stored["source"],
                "author": stored["author"],
                "file": stored["file"],
            }
        )

    def stored_texts(self, article_ids) -> dict[str, tuple[bytes, str]]:
        """The texts of ``article_ids`` as stored: id -> (UTF-8 bytes, digest; "" for a row
        stored before digests were kept). Ids not in the workspace are left out."""
        ids = list(article_ids)
        out: dict[str, tuple[bytes, str]] = {}
        with self._connect(write=False) as con:
            digest = "text_digest" if "text_digest" in self._article_columns(con) else "''"
            for at in range(0, len(ids), 500):  # SQLite's limit on parameters
                chunk = ids[at : at + 500]
                sql = (
                    f"SELECT article_id, CAST(text AS BLOB), {digest} FROM articles "
                    f"WHERE article_id IN ({','.join('?' * len(chunk))})"
                )
                out.update((aid, (text, d)) for aid, text, d in con.execute(sql, chunk))
        return out

    def raw_articles(self, *, texts: bool = True) -> list[RawArticle]:
        """The workspace's articles with the reader's edits applied, in the order they came.

        Each is a :class:`~tonlage.corpus.StoredArticle`: its text is read as the bytes stored
        and decoded only when used (an add to a large workspace analyses only its new texts).
        ``texts=False`` reads no text: each is read from the workspace when first used
        (:meth:`read_back`), or given for many at once (:meth:`StoredArticle.fill`)."""
        from ..analysis.runtime import paused_gc

        with paused_gc():  # 100,000 rows: 1.1 s with the collector running, 0.7 s paused
            return self._raw_articles(texts)

    def read_back(self, article_id: str, digest: str) -> bytes:
        """The text of an article read without it (:meth:`raw_articles`); see
        :meth:`texts_as_read`."""
        return self.texts_as_read([(article_id, digest)])[0]

    def texts_as_read(self, articles: list[tuple[str, str]]) -> list[bytes]:
        """The stored texts of ``articles`` (article id, the digest its text had when the
        article was read; "" checks nothing), in their order. Raises :class:`WorkspaceError`
        when one is gone or another text now, i.e. the workspace changed since they were read."""
        from ..corpus import text_digest

        got = self.stored_texts(aid for aid, _ in articles)
        out = []
        for aid, digest in articles:
            utf8, stored = got.get(aid, (None, ""))
            if utf8 is None or (digest and (stored or text_digest(utf8)) != digest):
                raise WorkspaceError(message("The workspace changed while it was analysed. Please analyse it again."))
            out.append(utf8)
        return out

    def _raw_articles(self, texts: bool = True) -> list[RawArticle]:
        from ..corpus import StoredArticle
        from ..reading.dates import date_param, parse_date

        edits = self.edits()
        out: list[RawArticle] = []
        with self._connect(write=False) as con:
            added = self._select_articles(con)
            # Without the texts, a row stored before digests were kept is read with its text
            # (its digest is made from it).
            has_digest = "text_digest" in self._article_columns(con)
            text_sql = (
                "CAST(text AS BLOB)"
                if texts or not has_digest
                else "CASE WHEN text_digest = '' THEN CAST(text AS BLOB) END"
            )
            rows = con.execute(
                "SELECT article_id, file, title, author, date, date_precision, date_source, date_note, "
                f"genre, source, url, notes, {text_sql}, {added} FROM articles "
                f"WHERE doc_id IN (SELECT doc_id FROM documents WHERE {self._live(con)}) ORDER BY doc_id, seq"
            ).fetchall()
        for (
            aid,
            file,
            title,
            author,
            d,
            prec,
            src,
            note,
            genre,
            source,
            url,
            notes,
            text,
            t_src,
            t_conf,
            a_src,
            a_conf,
            g_src,
            g_conf,
            g_ev,
            removed,
            digest,
        ) in rows:
            e = edits.get(aid, {})
            if e.get("removed"):
                continue
            a = StoredArticle.stored(
                text,
                digest,
                None if text is not None else self.read_back,  # read without its text
                article_id=aid,
                file=file,
                title=e.get("title", title),
                author=e.get("author", author),
                date=date.fromisoformat(d) if d else None,
                date_precision=prec,
                date_source=src,
                date_note=stored(note),
                genre=genre,
                notes=_notes_of(notes),
                source=e.get("source", source),
                url=url,
                title_source="edited" if e.get("title") else t_src,
                title_confidence="high" if e.get("title") else t_conf,
                author_source="edited" if e.get("author") else a_src,
                author_confidence="high" if e.get("author") else a_conf,
                genre_source=g_src,
                genre_confidence=g_conf,
                genre_evidence=g_ev,
                removed_lines=[tuple(x) for x in json.loads(removed)] if removed and removed != "[]" else [],
            )
            if e.get("date"):
                new, precision = parse_date(e["date"])
                if new is not None:
                    before = (
                        message("The file said {date}.", date=date_param(a.date, a.date_precision)) if a.date else ""
                    )
                    a.date, a.date_precision, a.date_source = new, precision, "edited"
                    a.date_note = join([before, message("Date set by hand in the app.")])
            out.append(a)
        return out
