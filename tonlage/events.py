"""Event markers the reader can add, edit and remove, kept with the corpus they belong to.

An event is a day, a label and an optional description (with optional German versions of
both). Every time axis of the app draws them. Where they are kept depends on the corpus:

- A workspace keeps them in its SQLite file (table ``events``). Changing them raises the
  meta key ``events_revision``, never the workspace's analysis ``revision``: events do not
  change the analysis, so they must not cost a re-analysis.
- A folder corpus (the bundled example lives in the git repository and is never written to)
  starts with its events file (``data/events.csv`` or the folder's ``events.csv``). The first
  change copies those events into an overlay file in the per-user data folder,
  ``data_dir()/events/<first 16 hex digits of sha256(resolved corpus path)>.csv``, which from
  then on replaces the base file. :meth:`EventBook.reset` deletes the overlay.

Overlay writes are atomic (a temporary file in the same folder, then ``os.replace``) and run
under an exclusive lock on a ``.lock`` file next to the overlay, read-modify-write as a whole,
so two sessions adding events at the same moment both keep theirs. Reading takes no lock.

An overlay that cannot be read never stops the app: :meth:`EventBook.table` then shows the
base file's events and :attr:`EventBook.problem` says why in a plain sentence. The next change
keeps a copy of the unreadable file (``.csv.bak-<time>``) before writing a fresh one.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .i18n import N_, Message, message, message_of, nmessage
from .reading.dates import date_param

if TYPE_CHECKING:
    import sqlite3

    from .storage.workspace import Workspace

__all__ = [
    "EventBook",
    "EventError",
    "EVENT_TABLE_COLUMNS",
    "EDITABLE_EVENT_FIELDS",
    "derived_id",
    "parse_event_date",
    "clean_text",
    "empty_table",
    "MAX_LABEL",
    "MAX_DESCRIPTION",
    "MIN_YEAR",
    "MAX_YEAR",
]

EVENT_TABLE_COLUMNS = ("event_id", "date", "label", "description", "label_de", "description_de")
EDITABLE_EVENT_FIELDS = EVENT_TABLE_COLUMNS[1:]
TEXT_FIELDS = ("label", "description", "label_de", "description_de")

MAX_LABEL = 80  # characters of a label (after cleaning)
MAX_DESCRIPTION = 300  # characters of a description
MIN_YEAR, MAX_YEAR = 1900, 2100

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


class EventError(ValueError):
    """An event change that cannot be made. Raised with a :class:`~tonlage.i18n.Message`:
    ``str(exc)`` is the English sentence, ``message_of(exc)`` the message to show."""


def empty_table() -> pd.DataFrame:
    """An event table without rows (``EVENT_TABLE_COLUMNS``, ``date`` as datetime)."""
    out = pd.DataFrame({c: pd.Series(dtype="object") for c in EVENT_TABLE_COLUMNS})
    out["date"] = pd.Series(dtype="datetime64[ns]")
    return out


def derived_id(day: date, label: str) -> str:
    """The id of an event that came without one (a base file's row): the same day and label
    always give the same id, so an event keeps it when copied into an overlay or workspace."""
    return hashlib.sha256(f"{day.isoformat()}\0{label}".encode()).hexdigest()[:12]


# --- cleaning and validation ------------------------------------------------------------------


def clean_text(value: object) -> str:
    """Text without control characters; line breaks and tabs become spaces, runs of
    whitespace one space, no space at either end."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = _CONTROL.sub(lambda m: " " if m.group() in "\t\n\r\x0b\x0c" else "", text)
    return _SPACES.sub(" ", text).strip()


def parse_event_date(value: object) -> date:
    """The day of an event from a date, datetime, Timestamp or text ("2025-08-15",
    "15.08.2025", "15. August 2025"). Raises :class:`EventError` with a plain message."""
    day: date | None = None
    if value is None or value is pd.NaT:
        day = None  # NaT passes for a datetime: test it first
    elif isinstance(value, datetime):  # also a pandas Timestamp
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, np.datetime64):
        day = None if np.isnat(value) else pd.Timestamp(value).date()
    elif isinstance(value, str) and value.strip():
        from .reading.dates import parse_date

        text = clean_text(value)
        found, precision = parse_date(text)
        if found is not None and precision != "day":
            raise EventError(
                message("'{value}' names a month, not a day; write the day as 2025-08-15 or 15.08.2025.", value=text)
            )
        if found is None:
            raise EventError(message("'{value}' is not a date; write it as 2025-08-15 or 15.08.2025.", value=text))
        day = found
    if day is None:
        raise EventError(message("An event needs a date; write it as 2025-08-15 or 15.08.2025."))
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        # Years as text: a year is never grouped ("2100", not "2,100").
        raise EventError(
            message(
                "{date} is outside the years {first} to {last}.",
                date=date_param(day, "day"),
                first=str(MIN_YEAR),
                last=str(MAX_YEAR),
            )
        )
    return day


def _checked(record: Mapping[str, object]) -> dict:
    """One event's fields cleaned and checked: ``date`` as a ``date``, the texts as str."""
    out: dict = {"date": parse_event_date(record.get("date"))}
    for name in TEXT_FIELDS:
        out[name] = clean_text(record.get(name, ""))
    if not out["label"]:
        raise EventError(message("An event needs a label (a few words shown on the time axis)."))
    for name, limit in (
        ("label", MAX_LABEL),
        ("label_de", MAX_LABEL),
        ("description", MAX_DESCRIPTION),
        ("description_de", MAX_DESCRIPTION),
    ):
        if len(out[name]) > limit:
            raise EventError(message(_TOO_LONG[name], length=len(out[name]), limit=limit))
    return out


# A text field that is too long, one sentence per field.
_TOO_LONG = {
    "label": N_("The label is {length} characters long; at most {limit} fit."),
    "label_de": N_("The German label is {length} characters long; at most {limit} fit."),
    "description": N_("The description is {length} characters long; at most {limit} fit."),
    "description_de": N_("The German description is {length} characters long; at most {limit} fit."),
}


def _same_event(a: Mapping, b: Mapping) -> bool:
    return a["date"] == b["date"] and a["label"].casefold() == b["label"].casefold()


def _refuse_duplicate(record: Mapping, others: list[dict], skip_id: str | None = None) -> None:
    for other in others:
        if other["event_id"] != skip_id and _same_event(record, other):
            raise EventError(
                message(
                    "There is already an event '{label}' on {date}.",
                    label=other["label"],
                    date=date_param(record["date"], "day"),
                )
            )


def _to_frame(records: list[dict]) -> pd.DataFrame:
    """Records (``date`` as ``date``) as the public table, sorted by date then label."""
    if not records:
        return empty_table()
    df = pd.DataFrame(records, columns=list(EVENT_TABLE_COLUMNS))
    df["date"] = pd.to_datetime(df["date"]).dt.normalize()
    return df.sort_values(["date", "label", "event_id"], kind="mergesort").reset_index(drop=True)


def _unique_ids(records: list[dict]) -> list[dict]:
    """Give every record an id, and a later record whose id is taken a suffixed one."""
    seen: set[str] = set()
    for r in records:
        base = r.get("event_id") or derived_id(r["date"], r["label"])
        eid, n = base, 2
        while eid in seen:
            eid, n = f"{base}-{n}", n + 1
        r["event_id"] = eid
        seen.add(eid)
    return records


# --- reading CSV files ------------------------------------------------------------------------


def _read_csv(path: Path, *, strict: bool) -> tuple[list[dict], int]:
    """Events of a CSV with columns ``date,label`` (and optional ``description``, ``label_de``,
    ``description_de``, ``event_id``). Rows with an unreadable date or no label are left out
    and counted. ``strict`` (an overlay) also wants ``event_id`` and a ``YYYY-MM-DD`` date."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    needed = ("event_id", "date", "label") if strict else ("date", "label")
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(
            nmessage(
                "the column {columns} is missing",
                "the columns {columns} are missing",
                len(missing),
                columns=", ".join(missing),
            )
        )
    days = pd.to_datetime(df["date"], errors="coerce", format="%Y-%m-%d")
    records, dropped = [], 0
    for i, row in enumerate(df.to_dict("records")):
        day, label = days.iloc[i], clean_text(row.get("label", ""))
        if pd.isna(day) or not label:
            dropped += 1
            continue
        rec = {"event_id": clean_text(row.get("event_id", "")), "date": day.date(), "label": label}
        for name in TEXT_FIELDS[1:]:
            rec[name] = clean_text(row.get(name, ""))
        records.append(rec)
    return _unique_ids(records), dropped


def read_event_rows(source) -> tuple[list[dict], int]:
    """Events of an ``events.csv`` (a path or a file-like object with the bytes): the rows,
    and how many were left out for an unreadable date or a missing label. Raises ValueError
    when a needed column is missing (with a :class:`~tonlage.i18n.Message`)."""
    return _read_csv(source, strict=False)


def _write_csv(path: Path, records: list[dict]) -> None:
    """Replace ``path`` with ``records`` atomically: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    df = _to_frame(records)
    df["date"] = df["date"].dt.strftime("%Y-%m-%d")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            df.to_csv(fh, index=False, columns=list(EVENT_TABLE_COLUMNS), lineterminator="\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = ""
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class EventBook:
    """The events of one corpus: a folder's overlay (over its base events file) or a
    workspace's table. Use :meth:`for_folder` or :meth:`for_workspace`.

    Attributes:
        overlay: The overlay file (folder corpus), else None.
        base_file: The folder's own events file, else None.
        workspace: The workspace, else None.
    """

    def __init__(
        self, *, overlay: Path | None = None, base_file: Path | None = None, workspace: Workspace | None = None
    ):
        self.overlay = overlay
        self.base_file = base_file
        self.workspace = workspace
        self._problem: Message | str | None = None

    @classmethod
    def for_folder(cls, corpus_dir: str | Path, base_file: str | Path | None, *, root: Path | None = None) -> EventBook:
        """The events of a folder corpus.

        Args:
            corpus_dir: The corpus folder; its resolved path names the overlay file.
            base_file: Its events file (e.g. ``data/events.csv``); None when it has none.
            root: The per-user data folder (default :func:`tonlage.storage.workspace.data_dir`).
        """
        if root is None:
            from .storage.workspace import data_dir

            root = data_dir()
        key = hashlib.sha256(str(Path(corpus_dir).resolve()).encode()).hexdigest()[:16]
        return cls(
            overlay=Path(root) / "events" / f"{key}.csv", base_file=Path(base_file).resolve() if base_file else None
        )

    @classmethod
    def for_workspace(cls, ws: Workspace) -> EventBook:
        """The events kept in a workspace's file."""
        return cls(workspace=ws)

    @property
    def _file(self) -> Path:
        """The overlay file of a folder corpus (only called on the folder path)."""
        if self.overlay is None:
            raise RuntimeError("this event book keeps its events in a workspace, not in a file")
        return self.overlay

    @property
    def _ws(self) -> Workspace:
        """The workspace of a workspace's events (only called on the workspace path)."""
        if self.workspace is None:
            raise RuntimeError("this event book keeps its events in a file, not in a workspace")
        return self.workspace

    # --- reading ------------------------------------------------------------------------------
    @property
    def problem(self) -> Message | str:
        """Why the overlay could not be used (a :class:`~tonlage.i18n.Message`); "" when all is well."""
        if self._problem is None:
            self._records()
        return self._problem or ""

    @property
    def customised(self) -> bool:
        """Whether the reader's own events are shown: a folder's overlay exists; a workspace's
        events are always its own."""
        return self.workspace is not None or (self.overlay is not None and self.overlay.is_file())

    def table(self) -> pd.DataFrame:
        """The events, ``EVENT_TABLE_COLUMNS``, ``date`` as a day Timestamp, sorted by date then
        label."""
        return _to_frame(self._records())

    def revision(self, con: sqlite3.Connection | None = None) -> str:
        """A key that changes with every change of the events, without reading them; ``con``: a
        read connection to the workspace to use (``Workspace.reading``)."""
        if self.workspace is not None:
            rows = dict(
                self.workspace._query("SELECT key, value FROM meta WHERE key IN ('uid', 'events_revision')", con=con)
            )
            return f"ws-{rows.get('uid', '')[:12]}-events-{rows.get('events_revision', '0')}"
        sig = _signature(self._file)
        if sig is not None:
            return "overlay:{}:{}:{}".format(*sig)
        base = _signature(self.base_file) if self.base_file else None
        return f"base:{base[1]}" if base is not None else "none"

    def _records(self) -> list[dict]:
        if self.workspace is not None:
            self._problem = ""
            return self._workspace_records()
        problem: Message | str = ""
        records = None
        if self._file.is_file():
            try:
                records, dropped = _read_csv(self._file, strict=True)
                if dropped:
                    problem = nmessage(
                        "{n} saved event had no readable date or no label and is left out.",
                        "{n} saved events had no readable date or no label and are left out.",
                        dropped,
                    )
            except (OSError, UnicodeDecodeError, ValueError, pd.errors.ParserError) as exc:
                problem = message(
                    "Your saved events could not be read ({reason}); the corpus's own events are shown instead.",
                    reason=_reason(exc),
                )
        if records is None:
            records = self._base_records()
        self._problem = problem
        return records

    def _base_records(self) -> list[dict]:
        if not self.base_file or not self.base_file.is_file():
            return []
        try:
            return _read_csv(self.base_file, strict=False)[0]
        except (OSError, UnicodeDecodeError, ValueError, pd.errors.ParserError):
            return []  # the analysis already reports an unreadable events file

    # --- changing -----------------------------------------------------------------------------
    def add(self, date: object, label: str, description: str = "", label_de: str = "", description_de: str = "") -> str:
        """Add an event; returns its new id. Raises :class:`EventError` for a bad date, a
        missing or too long label, or an event with the same date and label."""
        record = _checked(
            {
                "date": date,
                "label": label,
                "description": description,
                "label_de": label_de,
                "description_de": description_de,
            }
        )
        record["event_id"] = uuid.uuid4().hex[:12]

        def change(records: list[dict]) -> list[dict]:
            _refuse_duplicate(record, records)
            return [*records, record]

        self._change(change)
        return record["event_id"]

    def edit(self, event_id: str, **changes: object) -> None:
        """Change fields of one event (``date``, ``label``, ``description``, ``label_de``,
        ``description_de``); the id stays."""
        bad = set(changes) - set(EDITABLE_EVENT_FIELDS)
        if bad:
            raise EventError(message("These event fields cannot be changed: {fields}.", fields=", ".join(sorted(bad))))

        def change(records: list[dict]) -> list[dict]:
            old = _find(records, event_id)
            new = _checked({**old, **changes})
            new["event_id"] = event_id
            _refuse_duplicate(new, records, skip_id=event_id)
            return [new if r["event_id"] == event_id else r for r in records]

        self._change(change)

    def remove(self, event_id: str) -> None:
        """Remove one event."""

        def change(records: list[dict]) -> list[dict]:
            _find(records, event_id)
            return [r for r in records if r["event_id"] != event_id]

        self._change(change)

    def merge(self, records: list[dict]) -> int:
        """Add the events of ``records`` that are not there yet (same date and label); returns
        how many were added. All are checked first: one bad row changes nothing."""
        checked = [_checked(r) for r in records]

        def change(current: list[dict]) -> list[dict]:
            out = list(current)
            for rec in checked:
                if not any(_same_event(rec, o) for o in out):
                    out.append({**rec, "event_id": uuid.uuid4().hex[:12]})
            added[0] = len(out) - len(current)
            return out

        added = [0]
        self._change(change)
        return added[0]

    def replace_all(self, table: pd.DataFrame) -> None:
        """Replace every event with the rows of ``table`` (columns ``date``, ``label`` and
        optionally the others of ``EVENT_TABLE_COLUMNS``; ids are kept where given). All rows
        are checked first: one bad row changes nothing."""
        records: list[dict] = []
        for i, row in enumerate(table.to_dict("records") if len(table) else [], start=1):
            try:
                rec = _checked(row)
                _refuse_duplicate(rec, records)
            except EventError as exc:
                raise EventError(message("Event {number}: {problem}", number=i, problem=message_of(exc))) from None
            rec["event_id"] = clean_text(row.get("event_id", ""))
            records.append(rec)
        records = _unique_ids(records)
        self._change(lambda _old: records)

    def reset(self) -> None:
        """Folder: delete the overlay (back to the corpus's own events). Workspace: remove
        every event."""
        if self.workspace is not None:
            self._change(lambda _old: [])
            return
        with self._overlay_lock():
            self._file.unlink(missing_ok=True)
        self._problem = None

    def _change(self, change) -> None:
        """Read, change and write the events as one step that no other writer interleaves."""
        if self.workspace is not None:
            self._workspace_change(change)
            return
        with self._overlay_lock():
            records = self._records()
            new = change([dict(r) for r in records])
            if self._problem and self._file.is_file():
                # Keep what could not be read before it is overwritten.
                backup = self._file.with_name(f"{self._file.name}.bak-{time.strftime('%Y%m%d-%H%M%S')}")
                os.replace(self._file, backup)
            before = _signature(self._file)
            _write_csv(self._file, new)
            after = _signature(self._file)
            if before is not None and after is not None and after[1] <= before[1]:
                # Two writes within one tick of the file-system clock: keep the modification
                # time rising, so revision() differs from every earlier state of the file.
                os.utime(self._file, ns=(time.time_ns(), before[1] + 1))
            self._problem = None

    @contextmanager
    def _overlay_lock(self) -> Iterator[None]:
        """Exclusive for the read-change-write of the overlay, across processes and threads
        (filelock: an OS lock, released when its holder dies; a new lock object per use, so
        two threads of one process exclude each other too)."""
        from filelock import FileLock

        self._file.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self._file.with_suffix(".lock")), thread_local=False):
            yield

    # --- workspace storage --------------------------------------------------------------------
    def _workspace_records(self) -> list[dict]:
        with self._ws._connect(write=False) as con:
            # A workspace made before events existed has no table until its first event change.
            if not con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='events'").fetchone():
                return []
            return self._workspace_records_in(con)

    def _workspace_change(self, change) -> None:
        from .storage.workspace import EVENTS_SCHEMA

        ws = self._ws
        # Events do not change the analysis: the analysis revision stays (bump=False).
        with ws.transaction(bump=False) as con:
            con.execute(EVENTS_SCHEMA)
            new = change(self._workspace_records_in(con))
            con.execute("DELETE FROM events")
            con.executemany(
                f"INSERT INTO events ({', '.join(EVENT_TABLE_COLUMNS)}) VALUES (?,?,?,?,?,?)",
                [(r["event_id"], r["date"].isoformat(), *(r[n] for n in TEXT_FIELDS)) for r in new],
            )
            con.execute(
                "INSERT INTO meta VALUES ('events_revision', '1') ON CONFLICT(key) "
                "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )

    @staticmethod
    def _workspace_records_in(con) -> list[dict]:
        out = []
        for eid, day, *texts in con.execute(f"SELECT {', '.join(EVENT_TABLE_COLUMNS)} FROM events").fetchall():
            try:
                out.append({"event_id": eid, "date": date.fromisoformat(day), **dict(zip(TEXT_FIELDS, texts))})
            except (TypeError, ValueError):
                continue  # a row written by something else: not shown, dropped by the next change
        return out


def _find(records: list[dict], event_id: str) -> dict:
    for r in records:
        if r["event_id"] == event_id:
            return r
    raise EventError(message("That event no longer exists; it may have been removed in another window."))


def _reason(exc: BaseException) -> Message | str:
    if isinstance(exc, UnicodeDecodeError):
        return message("it is not UTF-8 text")
    if isinstance(exc, pd.errors.EmptyDataError):
        return message("the file is empty")
    if isinstance(exc, pd.errors.ParserError):
        return message("it is not a well-formed CSV table")
    if isinstance(exc, OSError):
        return message("the file cannot be opened")
    return message_of(exc) or exc.__class__.__name__
