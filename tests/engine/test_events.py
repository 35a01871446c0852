"""Event markers the reader edits: folder overlays (the base file is never written), workspace
tables (the analysis revision stays), plain validation messages, safe concurrent writes."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tonlage.events import EVENT_TABLE_COLUMNS, EventBook, EventError, derived_id
from tonlage.storage.workspace import Workspace

BASE = (
    "date,label,description,label_de,description_de\n"
    "2025-02-12,Trump–Putin call,First call,Telefonat Trump–Putin,Erstes Telefonat\n"
    '2025-08-15,Anchorage summit,"Trump and Putin meet in Anchorage, Alaska",Gipfel in Anchorage,\n'
    "not a date,Broken row,,,\n"
)


@pytest.fixture
def base(tmp_path) -> Path:
    path = tmp_path / "repo" / "events.csv"
    path.parent.mkdir()
    path.write_text(BASE, encoding="utf-8")
    return path


@pytest.fixture
def folder_book(tmp_path, base) -> EventBook:
    corpus = tmp_path / "repo" / "corpus"
    corpus.mkdir()
    return EventBook.for_folder(corpus, base, root=tmp_path / "user")


@pytest.fixture
def ws_book(tmp_path) -> EventBook:
    return EventBook.for_workspace(Workspace("Meine Clips", root=tmp_path / "user"))


def labels(book: EventBook) -> list[str]:
    return list(book.table()["label"])


# --- the folder overlay -----------------------------------------------------------------------


def test_base_events_are_read_with_stable_ids(folder_book):
    t = folder_book.table()
    assert tuple(t.columns) == EVENT_TABLE_COLUMNS
    assert list(t["label"]) == ["Trump–Putin call", "Anchorage summit"]  # the bad date is left out
    assert pd.api.types.is_datetime64_any_dtype(t["date"])
    assert t["date"].iloc[1] == pd.Timestamp("2025-08-15")
    assert t["event_id"].iloc[1] == derived_id(date(2025, 8, 15), "Anchorage summit")
    assert t["label_de"].iloc[1] == "Gipfel in Anchorage" and t["description_de"].iloc[1] == ""
    assert not folder_book.customised and folder_book.problem == ""
    assert folder_book.revision().startswith("base:")


def test_overlay_name_is_the_hash_of_the_resolved_corpus_path(tmp_path, base):
    corpus = tmp_path / "repo" / "corpus"
    book = EventBook.for_folder(tmp_path / "repo" / ".." / "repo" / "corpus", base, root=tmp_path / "user")
    key = hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:16]
    assert book.overlay == tmp_path / "user" / "events" / f"{key}.csv"


def test_add_edit_remove_reset_in_the_overlay_never_touch_the_base_file(folder_book, base):
    before = base.read_bytes()
    revisions = [folder_book.revision()]
    eid = folder_book.add("24.09.2025", "Rubio–Lawrow at the UN", "New York", label_de="Rubio–Lawrow bei der UNO")
    revisions.append(folder_book.revision())
    assert folder_book.customised and folder_book.overlay.is_file()
    assert labels(folder_book) == ["Trump–Putin call", "Anchorage summit", "Rubio–Lawrow at the UN"]
    row = folder_book.table().set_index("event_id").loc[eid]
    assert row["date"] == pd.Timestamp("2025-09-24") and row["description"] == "New York"

    folder_book.edit(eid, label="Rubio meets Lawrow", date=date(2025, 9, 25))
    revisions.append(folder_book.revision())
    row = folder_book.table().set_index("event_id").loc[eid]
    assert row["label"] == "Rubio meets Lawrow" and row["date"] == pd.Timestamp("2025-09-25")
    assert row["label_de"] == "Rubio–Lawrow bei der UNO"  # untouched fields stay

    summit = derived_id(date(2025, 8, 15), "Anchorage summit")
    folder_book.edit(summit, description="Edited")  # a base event keeps its id in the overlay
    revisions.append(folder_book.revision())
    assert folder_book.table().set_index("event_id").loc[summit, "description"] == "Edited"
    folder_book.remove(summit)
    revisions.append(folder_book.revision())
    assert labels(folder_book) == ["Trump–Putin call", "Rubio meets Lawrow"]
    assert base.read_bytes() == before

    folder_book.reset()
    revisions.append(folder_book.revision())
    assert not folder_book.customised and not folder_book.overlay.exists()
    assert labels(folder_book) == ["Trump–Putin call", "Anchorage summit"]
    assert base.read_bytes() == before
    # Every change gave a new revision, and reset went back to the base file's.
    assert len(set(revisions[:-1])) == len(revisions) - 1 and revisions[-1] == revisions[0]


def test_revision_changes_even_for_quick_same_size_edits(folder_book):
    eid = folder_book.add("2025-10-01", "a")
    seen = {folder_book.revision()}
    for label in "bcdefghij":  # same length each time, written within microseconds
        folder_book.edit(eid, label=label)
        rev = folder_book.revision()
        assert rev not in seen
        seen.add(rev)


def test_a_folder_without_events_file(tmp_path):
    book = EventBook.for_folder(tmp_path / "c", None, root=tmp_path / "user")
    assert book.table().empty and tuple(book.table().columns) == EVENT_TABLE_COLUMNS
    assert book.revision() == "none"
    book.add(datetime(2025, 8, 15, 13, 30), "Summit")
    assert book.table()["date"].iloc[0] == pd.Timestamp("2025-08-15")


def test_a_corrupt_overlay_falls_back_to_the_base_events(folder_book):
    folder_book.add("2025-10-01", "Mine")
    folder_book.overlay.write_bytes(b"\xff\xfe\x00garbage\x00\n")
    t = folder_book.table()
    assert list(t["label"]) == ["Trump–Putin call", "Anchorage summit"]
    assert "could not be read" in folder_book.problem and "own events are shown" in folder_book.problem
    # The next change keeps the unreadable file aside and starts again from the base events.
    folder_book.add("2025-10-02", "New")
    assert folder_book.problem == ""
    assert labels(folder_book) == ["Trump–Putin call", "Anchorage summit", "New"]
    assert list(folder_book.overlay.parent.glob(f"{folder_book.overlay.name}.bak-*"))


def test_an_overlay_without_the_needed_columns_is_a_problem(folder_book):
    folder_book.overlay.parent.mkdir(parents=True, exist_ok=True)
    folder_book.overlay.write_text("when,what\n2025-01-01,x\n", encoding="utf-8")
    assert labels(folder_book) == ["Trump–Putin call", "Anchorage summit"]
    assert "missing" in folder_book.problem


def test_overlay_rows_without_a_date_are_left_out_and_named(folder_book):
    eid = folder_book.add("2025-10-01", "Good")
    text = folder_book.overlay.read_text(encoding="utf-8")
    folder_book.overlay.write_text(text + "x1,someday,Bad,,,\n", encoding="utf-8")
    assert "Good" in labels(folder_book) and "Bad" not in labels(folder_book)
    assert folder_book.problem.startswith("1 saved event")
    assert eid in set(folder_book.table()["event_id"])


def test_concurrent_adds_from_two_threads_are_all_kept(folder_book):
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            for i in range(20):
                folder_book.add(date(2025, 1, 1 + i), f"{name} {i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    got = set(labels(folder_book))
    assert {f"{n} {i}" for n in "AB" for i in range(20)} <= got
    assert len(got) == 42  # plus the two base events


def test_two_books_on_the_same_overlay_see_each_others_changes(tmp_path, base, folder_book):
    other = EventBook.for_folder(tmp_path / "repo" / "corpus", base, root=tmp_path / "user")
    folder_book.add("2025-10-01", "From one session")
    other.add("2025-10-02", "From another")
    assert {"From one session", "From another"} <= set(labels(folder_book))


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"date": "someday", "label": "x"}, "is not a date"),
        ({"date": "2025-08", "label": "x"}, "names a month"),
        ({"date": "", "label": "x"}, "needs a date"),
        ({"date": None, "label": "x"}, "needs a date"),
        ({"date": pd.NaT, "label": "x"}, "needs a date"),
        ({"date": float("nan"), "label": "x"}, "needs a date"),
        ({"date": np.datetime64("NaT"), "label": "x"}, "needs a date"),
        ({"date": "1850-01-01", "label": "x"}, "outside the years 1900 to 2100"),
        ({"date": date(2101, 1, 1), "label": "x"}, "outside the years"),
        ({"date": "2025-08-15", "label": "   "}, "needs a label"),
        ({"date": "2025-08-15", "label": "\x00\x07"}, "needs a label"),
        ({"date": "2025-08-15", "label": "x" * 81}, "81 characters long; at most 80"),
        ({"date": "2025-08-15", "label": "x", "description": "y" * 301}, "at most 300"),
        ({"date": "2025-08-15", "label": "x", "label_de": "y" * 81}, "German label"),
    ],
)
def test_bad_events_are_refused_with_a_plain_message(folder_book, kwargs, message):
    with pytest.raises(EventError, match=message):
        folder_book.add(**kwargs)
    assert not folder_book.overlay.exists()  # nothing was written


def test_dates_in_every_accepted_form(folder_book):
    for value in (
        "2025-03-01",
        "02.03.2025",
        date(2025, 3, 3),
        datetime(2025, 3, 4, 23, 59),
        pd.Timestamp("2025-03-05 10:00"),
        np.datetime64("2025-03-06"),
    ):
        folder_book.add(value, f"on {value}")
    days = set(folder_book.table()["date"].dt.strftime("%Y-%m-%d"))
    assert {"2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"} <= days


def test_text_is_cleaned(folder_book):
    eid = folder_book.add("2025-03-01", "  Gipfel\x00 in\n\tAnchorage\x1b ", description="Zeile 1\r\nZeile 2")
    row = folder_book.table().set_index("event_id").loc[eid]
    assert row["label"] == "Gipfel in Anchorage" and row["description"] == "Zeile 1 Zeile 2"


def test_duplicates_and_unknown_ids_are_refused(folder_book):
    with pytest.raises(EventError, match="already an event 'Anchorage summit' on 2025-08-15"):
        folder_book.add("15.08.2025", "anchorage SUMMIT")
    eid = folder_book.add("2025-08-16", "Day after")
    with pytest.raises(EventError, match="already an event"):
        folder_book.edit(eid, date="2025-08-15", label="Anchorage summit")
    folder_book.edit(eid, label="Day after")  # unchanged label on itself is no duplicate
    with pytest.raises(EventError, match="no longer exists"):
        folder_book.edit("nope", label="x")
    with pytest.raises(EventError, match="no longer exists"):
        folder_book.remove("nope")
    with pytest.raises(EventError, match="cannot be changed: colour"):
        folder_book.edit(eid, colour="red")
    with pytest.raises(EventError, match="needs a label"):
        folder_book.edit(eid, label="")
    assert "Day after" in labels(folder_book)


# --- the workspace ----------------------------------------------------------------------------


def test_workspace_events_do_not_touch_the_analysis_revision(ws_book):
    ws = ws_book.workspace
    fingerprint = ws.fingerprint()
    assert ws_book.table().empty and ws_book.customised and ws_book.problem == ""
    revisions = [ws_book.revision()]
    eid = ws_book.add("2025-08-15", "Anchorage summit", label_de="Gipfel in Anchorage")
    revisions.append(ws_book.revision())
    ws_book.edit(eid, description="Trump and Putin meet")
    revisions.append(ws_book.revision())
    other = ws_book.add("2025-10-21", "Budapest summit on hold")
    revisions.append(ws_book.revision())
    ws_book.remove(other)
    revisions.append(ws_book.revision())
    assert len(set(revisions)) == len(revisions)
    assert ws.fingerprint() == fingerprint
    # Kept in the file: a fresh handle on the same workspace sees them.
    again = EventBook.for_workspace(Workspace("Meine Clips", root=ws.path.parent.parent, create=False))
    t = again.table()
    assert list(t["label"]) == ["Anchorage summit"] and t["description"].iloc[0] == "Trump and Putin meet"
    assert t["label_de"].iloc[0] == "Gipfel in Anchorage"
    ws_book.reset()
    assert ws_book.table().empty and ws_book.revision() not in revisions
    assert ws.fingerprint() == fingerprint
    with pytest.raises(EventError, match="no longer exists"):
        ws_book.remove(eid)


def test_bundled_events_copied_into_a_workspace_keep_their_ids(folder_book, ws_book):
    ws_book.replace_all(folder_book.table())
    pd.testing.assert_frame_equal(ws_book.table(), folder_book.table())
    with pytest.raises(EventError, match="Event 2: There is already an event"):
        ws_book.replace_all(pd.DataFrame({"date": ["2025-01-01", "01.01.2025"], "label": ["x", "X"]}))
    with pytest.raises(EventError, match="Event 1: 'soon' is not a date"):
        ws_book.replace_all(pd.DataFrame({"date": ["soon"], "label": ["x"]}))
    assert len(ws_book.table()) == 2  # a refused table changes nothing


def test_workspace_validation_and_duplicates(ws_book):
    ws_book.add("2025-08-15", "Summit")
    with pytest.raises(EventError, match="already an event"):
        ws_book.add("2025-08-15", "summit")
    with pytest.raises(EventError, match="is not a date"):
        ws_book.add("15/15/2025", "x")
    assert labels(ws_book) == ["Summit"]


def test_concurrent_workspace_adds_are_all_kept(ws_book):
    def worker(name: str) -> None:
        book = EventBook.for_workspace(Workspace("Meine Clips", root=ws_book.workspace.path.parent.parent))
        for i in range(20):
            book.add(date(2025, 2, 1 + i), f"{name} {i}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in "AB"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(ws_book.table()) == 40


def test_a_workspace_file_from_before_events_existed(tmp_path):
    ws = Workspace("Alt", root=tmp_path)
    with sqlite3.connect(ws.path) as con:  # as files made by an earlier version look
        con.execute("DROP TABLE events")
        con.execute("DELETE FROM meta WHERE key='events_revision'")
    con.close()
    old = Workspace("Alt", root=tmp_path, create=False)
    book = EventBook.for_workspace(old)
    assert book.table().empty and tuple(book.table().columns) == EVENT_TABLE_COLUMNS
    rev = book.revision()
    fingerprint = old.fingerprint()
    book.add("2025-08-15", "Summit")  # the first change adds the table
    assert labels(book) == ["Summit"] and book.revision() != rev and old.fingerprint() == fingerprint


def test_new_workspaces_have_the_events_table(tmp_path):
    ws = Workspace("Neu", root=tmp_path)
    with sqlite3.connect(ws.path) as con:
        cols = [r[1] for r in con.execute("PRAGMA table_info(events)")]
        rev = con.execute("SELECT value FROM meta WHERE key='events_revision'").fetchone()
    con.close()
    assert tuple(cols) == EVENT_TABLE_COLUMNS and rev == ("0",)


def test_an_empty_overlay_file_is_a_problem_not_a_crash(folder_book):
    folder_book.overlay.parent.mkdir(parents=True, exist_ok=True)
    folder_book.overlay.write_bytes(b"")
    assert labels(folder_book) == ["Trump–Putin call", "Anchorage summit"]
    assert "the file is empty" in folder_book.problem
    folder_book.remove(derived_id(date(2025, 2, 12), "Trump–Putin call"))
    assert labels(folder_book) == ["Anchorage summit"] and folder_book.problem == ""
