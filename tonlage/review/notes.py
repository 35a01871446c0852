"""What a reader told Tonlage about the tone of one corpus: labels from checking sentences,
words that are not evaluative (or are, the other way) in this corpus, sentences whose tone they
set by hand, and a neutral band fitted to their labels.

Kept with the corpus: a workspace keeps them in its own SQLite file (tables ``tone_*``), a folder
corpus (the bundled example included) in a file of its own under the per-user data folder, so
the folder is never written to. Every change is a short transaction and raises this store's
revision, which the app's caches are keyed by: a correction re-scores what it touches at once,
without re-analysing the corpus, survives a restart, and can be undone.

A sentence is named by its article and its number in the article, and remembered with a hash of
its text: when a re-read changes the sentence, an old label or override no longer applies to it.
A tone set by hand may also be set for every copy of the sentence (the same text in other
articles, as agency copy is printed again): such an override keeps the text's key
(:func:`~tonlage.storage.sentence_store.text_keys`), and a copy's own override comes before it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from ..i18n import Message, message
from ..storage.sentence_store import text_keys

__all__ = [
    "ToneNotes",
    "LABELS",
    "SKIP",
    "POLARITIES",
    "text_hash",
    "LABEL_COLUMNS",
    "WORD_COLUMNS",
    "OVERRIDE_COLUMNS",
]

log = logging.getLogger(__name__)

LABELS = ("negative", "neutral", "positive")
# A sentence the reader could not judge: kept, so it is not offered again, and never counted.
SKIP = "skip"
# What a reader can say about a word: it carries no tone here, or this tone.
POLARITIES = {"neutral": 0.0, "positive": 0.7, "negative": -0.7}
LABEL_COLUMNS = ("article_id", "sent_idx", "text_hash", "label", "labelled")
WORD_COLUMNS = ("word", "polarity", "edited")
# copies: the tone holds for every copy of the sentence too (text_key: their key; 0 when not)
OVERRIDE_COLUMNS = ("article_id", "sent_idx", "text_hash", "label", "edited", "copies", "text_key")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS tone_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS tone_labels (
        article_id TEXT NOT NULL, sent_idx INTEGER NOT NULL, text_hash TEXT NOT NULL,
        label TEXT NOT NULL, labelled TEXT NOT NULL, PRIMARY KEY (article_id, sent_idx))""",
    """CREATE TABLE IF NOT EXISTS tone_words (
        word TEXT PRIMARY KEY, polarity TEXT NOT NULL, edited TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS tone_overrides (
        article_id TEXT NOT NULL, sent_idx INTEGER NOT NULL, text_hash TEXT NOT NULL,
        label TEXT NOT NULL, edited TEXT NOT NULL, PRIMARY KEY (article_id, sent_idx))""",
)
# Columns added since the first release of a table, with their value in older rows: a file
# written before them gains them on its next change, and reads as if it had them.
_ADDED_COLUMNS = {
    "tone_overrides": (("copies", "INTEGER", "0"), ("text_key", "TEXT", "''")),
}


def text_hash(text: str) -> str:
    """A short hash of a sentence's text (a label applies to that wording only)."""
    return hashlib.sha256(" ".join(str(text).split()).encode()).hexdigest()[:16]


def _override_frame(rows: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(OVERRIDE_COLUMNS))
    return df.assign(
        sent_idx=df["sent_idx"].astype("int64"),
        copies=df["copies"].astype(bool),
        text_key=pd.Series([int(k) if k else 0 for k in df["text_key"]], index=df.index, dtype=np.uint64),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ToneNotes:
    """The reader's tone labels and corrections for one corpus (see the module's docstring).

    Args:
        path: The SQLite file that holds them (a workspace's file, or one of their own).
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    def for_workspace(cls, ws) -> ToneNotes:
        return cls(ws.path)

    @classmethod
    def for_folder(cls, corpus_dir: str | Path, *, root: Path | None = None) -> ToneNotes:
        """The notes of a folder corpus, kept in the per-user data folder by the folder's path."""
        from ..settings import data_dir

        key = hashlib.sha256(str(Path(corpus_dir).resolve()).encode()).hexdigest()[:16]
        return cls((root or data_dir()) / "tone_notes" / f"{key}.sqlite")

    # --- storage --------------------------------------------------------------------------------
    @contextmanager
    def _connect(self):
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            yield con
        finally:
            con.close()

    def _has_tables(self, con) -> bool:
        return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='tone_meta'").fetchone() is not None

    def _read(self, sql: str, args=(), con: sqlite3.Connection | None = None) -> list[tuple]:
        """Rows of one read: through ``con`` (a connection to this file) when given, else a
        connection of its own; none before the first note."""
        if con is None:
            if not self.path.is_file():
                return []
            with self._connect() as own:
                return self._read(sql, args, own)
        if not self._has_tables(con):
            return []
        with closing(con.execute(sql, args)) as cur:
            return cur.fetchall()

    @contextmanager
    def _write(self):
        """One short change: tables made on first use, revision raised, all or nothing."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA:
                    con.execute(statement)
                for table, added in _ADDED_COLUMNS.items():
                    have = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
                    for name, kind, default in added:
                        if name not in have:
                            con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind} NOT NULL DEFAULT {default}")
                yield con
                con.execute(
                    "INSERT INTO tone_meta VALUES ('revision', ?) ON CONFLICT(key) DO UPDATE SET "
                    "value = CAST(value AS INTEGER) + 1",
                    ("1",),
                )
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise

    def revision(self, con: sqlite3.Connection | None = None) -> str:
        """Changes whenever anything here changes (part of the app's cache keys); ``con``: a read
        connection to this file to use (a workspace's, ``Workspace.reading``)."""
        rows = self._read("SELECT value FROM tone_meta WHERE key='revision'", con=con)
        return f"{self.path.name}-{rows[0][0]}" if rows else f"{self.path.name}-0"

    # --- labels ---------------------------------------------------------------------------------
    def labels(self) -> pd.DataFrame:
        """The reader's labels: ``LABEL_COLUMNS``, in the order they were given."""
        rows = self._read(
            "SELECT article_id, sent_idx, text_hash, label, labelled FROM tone_labels ORDER BY labelled, rowid"
        )
        return pd.DataFrame(rows, columns=list(LABEL_COLUMNS)).astype({"sent_idx": "int64"})

    def set_label(self, article_id: str, sent_idx: int, text: str, label: str) -> None:
        """Remember the reader's label of one sentence (one of :data:`LABELS`, or
        :data:`SKIP` for one they could not judge)."""
        if label not in LABELS and label != SKIP:
            raise ValueError(f"unknown label {label!r}")
        with self._write() as con:
            con.execute(
                "INSERT OR REPLACE INTO tone_labels VALUES (?,?,?,?,?)",
                (str(article_id), int(sent_idx), text_hash(text), label, _now()),
            )

    def remove_label(self, article_id: str, sent_idx: int) -> None:
        with self._write() as con:
            con.execute("DELETE FROM tone_labels WHERE article_id=? AND sent_idx=?", (str(article_id), int(sent_idx)))

    def export_labels(self, sentences: pd.DataFrame | None = None) -> bytes:
        """The labels as CSV (``article_id,sent_idx,label`` and the sentence's text when the
        analysed sentences are given), formulas neutralised."""
        from ..export import csv_bytes

        df = self.labels()[["article_id", "sent_idx", "label", "text_hash"]]
        if sentences is not None and len(df):
            df = df.merge(sentences[["article_id", "sent_idx", "text"]], on=["article_id", "sent_idx"], how="left")
        return csv_bytes(df)

    def import_labels(
        self, data: bytes, sentences: pd.DataFrame | Callable[[set[str]], pd.DataFrame]
    ) -> tuple[int, list[Message]]:
        """Labels from a CSV with ``article_id,sent_idx,label`` (as :meth:`export_labels` writes),
        for the sentences of this corpus (``article_id``, ``sent_idx``, ``text``; or a function
        giving those of the articles the file names); returns how many were taken and the problems."""
        text = data.decode("utf-8-sig", errors="replace")
        reader = csv.DictReader(io.StringIO(text))
        missing = {"article_id", "sent_idx", "label"} - set(reader.fieldnames or ())
        if missing:
            return 0, [
                message(
                    "The file needs the columns article_id, sent_idx and label (missing: {columns}).",
                    columns=", ".join(sorted(missing)),
                )
            ]
        lines = list(reader)
        if callable(sentences):  # only the sentences of the articles the file names
            sentences = sentences({str(r.get("article_id") or "").lstrip("'") for r in lines})
        known = {
            (str(a), int(i)): t for a, i, t in sentences[["article_id", "sent_idx", "text"]].itertuples(index=False)
        }
        taken, problems, rows = 0, [], []
        for n, row in enumerate(lines, start=2):
            try:
                key = (str(row["article_id"]).lstrip("'"), int(row["sent_idx"]))
            except (TypeError, ValueError):
                problems.append(message("Line {line}: sent_idx is not a number.", line=n))
                continue
            label = str(row["label"]).strip().lower()
            if label not in LABELS and label != SKIP:
                problems.append(
                    message(
                        "Line {line}: '{label}' is not negative, neutral, positive or skip.", line=n, label=label[:40]
                    )
                )
                continue
            if key not in known:
                problems.append(
                    message(
                        "Line {line}: this corpus has no sentence {number} in article '{article}'.",
                        line=n,
                        number=key[1],
                        article=key[0][:80],
                    )
                )
                continue
            rows.append((key[0], key[1], text_hash(known[key]), label, _now()))
            taken += 1
        if rows:
            with self._write() as con:
                con.executemany("INSERT OR REPLACE INTO tone_labels VALUES (?,?,?,?,?)", rows)
        return taken, problems

    # --- words ----------------------------------------------------------------------------------
    def words(self) -> pd.DataFrame:
        """Words the reader gave a tone in this corpus: ``WORD_COLUMNS`` (polarity: one of
        :data:`POLARITIES`' names; "neutral" means "not evaluative here")."""
        rows = self._read("SELECT word, polarity, edited FROM tone_words ORDER BY word COLLATE NOCASE")
        return pd.DataFrame(rows, columns=list(WORD_COLUMNS))

    def set_word(self, word: str, polarity: str) -> None:
        word = " ".join(str(word).split())
        if not word or " " in word:
            raise ValueError("one word, please")
        if polarity not in POLARITIES:
            raise ValueError(f"unknown polarity {polarity!r}")
        with self._write() as con:
            con.execute("INSERT OR REPLACE INTO tone_words VALUES (?,?,?)", (word, polarity, _now()))

    def remove_word(self, word: str) -> None:
        with self._write() as con:
            con.execute("DELETE FROM tone_words WHERE word=?", (word,))

    def word_values(self) -> dict[str, float]:
        """The reader's words with their lexicon value (0 for "not evaluative")."""
        return {w: POLARITIES[p] for w, p, _ in self.words().itertuples(index=False)}

    # --- sentence overrides ---------------------------------------------------------------------
    def overrides(self) -> pd.DataFrame:
        """The sentences whose tone the reader set: ``OVERRIDE_COLUMNS``, oldest first
        (``copies`` a bool, ``text_key`` the copies' key as uint64, 0 when not for copies)."""
        rows = self._override_rows("")
        return _override_frame(rows)

    def _override_rows(self, where: str, args: tuple = ()) -> list[tuple]:
        if not self.path.is_file():
            return []
        with self._connect() as con:
            if not self._has_tables(con):
                return []
            have = {row[1] for row in con.execute("PRAGMA table_info(tone_overrides)")}
            added = ", ".join(
                name if name in have else f"{default} AS {name}"
                for name, _, default in _ADDED_COLUMNS["tone_overrides"]
            )
            sql = f"SELECT article_id, sent_idx, text_hash, label, edited, {added} FROM tone_overrides"
            return self._read(f"{sql} {where} ORDER BY edited, rowid", args, con)

    def set_override(self, article_id: str, sent_idx: int, text: str, label: str, *, copies: bool = False) -> None:
        """Set one sentence's tone by hand; with ``copies``, also that of every copy of it (any
        earlier tone set by hand for a copy gives way)."""
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}")
        h = text_hash(text)
        key = str(int(text_keys([str(text)])[0])) if copies else ""
        with self._write() as con:
            if copies:
                con.execute("DELETE FROM tone_overrides WHERE text_hash=?", (h,))
            con.execute(
                "INSERT OR REPLACE INTO tone_overrides "
                "(article_id, sent_idx, text_hash, label, edited, copies, text_key) VALUES (?,?,?,?,?,?,?)",
                (str(article_id), int(sent_idx), h, label, _now(), int(copies), key),
            )

    def remove_override(self, article_id: str, sent_idx: int, *, text: str | None = None) -> None:
        """Give one sentence back to the scorer; with its ``text``, also take back a tone set
        for every copy of it."""
        with self._write() as con:
            con.execute(
                "DELETE FROM tone_overrides WHERE article_id=? AND sent_idx=?", (str(article_id), int(sent_idx))
            )
            if text is not None:
                con.execute("DELETE FROM tone_overrides WHERE copies=1 AND text_hash=?", (text_hash(text),))

    def overrides_of(self, article_id: str, sent_idx: int, text: str) -> pd.DataFrame:
        """The overrides that bear on one sentence: its own, and any set for every copy of its
        text (``OVERRIDE_COLUMNS``; what :meth:`restore_overrides` puts back)."""
        rows = self._override_rows(
            "WHERE (article_id=? AND sent_idx=?) OR text_hash=?", (str(article_id), int(sent_idx), text_hash(text))
        )
        return _override_frame(rows)

    def restore_overrides(self, article_id: str, sent_idx: int, text: str, rows: pd.DataFrame) -> None:
        """Put back what :meth:`overrides_of` gave for this sentence (undo)."""
        with self._write() as con:
            con.execute(
                "DELETE FROM tone_overrides WHERE (article_id=? AND sent_idx=?) OR text_hash=?",
                (str(article_id), int(sent_idx), text_hash(text)),
            )
            con.executemany(
                "INSERT OR REPLACE INTO tone_overrides "
                "(article_id, sent_idx, text_hash, label, edited, copies, text_key) VALUES (?,?,?,?,?,?,?)",
                [
                    (str(a), int(i), str(h), str(lab), str(e), int(c), str(int(k)) if c else "")
                    for a, i, h, lab, e, c, k in rows[list(OVERRIDE_COLUMNS)].itertuples(index=False)
                ],
            )

    # --- the calibrated band --------------------------------------------------------------------
    def band(self) -> float | None:
        """The neutral band fitted to the reader's labels and in force, or None."""
        rows = self._read("SELECT value FROM tone_meta WHERE key='band'")
        return float(rows[0][0]) if rows else None

    def set_band(self, band: float | None) -> None:
        """Apply a fitted band (None: back to the model's own)."""
        with self._write() as con:
            if band is None:
                con.execute("DELETE FROM tone_meta WHERE key='band'")
            else:
                con.execute("INSERT OR REPLACE INTO tone_meta VALUES ('band', ?)", (repr(float(band)),))

    def is_empty(self) -> bool:
        return not (len(self.words()) or len(self.overrides()) or self.band() is not None)
