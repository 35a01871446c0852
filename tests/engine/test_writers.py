"""Writers take turns and nothing is lost: concurrent imports, edits during an import, a full
disk, a read-only file, a busy workspace, Ctrl-C and kill -9 on the command line."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from tonlage.events import EventBook
from tonlage.ingest import Document
from tonlage.ingest.run import ingest
from tonlage.storage import workspace as wsmod
from tonlage.storage.workspace import Waiting, Workspace, WorkspaceBusy, WorkspaceDiskFull, WorkspaceReadOnly

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
TEXT = (
    "Gipfel {i} | Anna Beispiel. 15.08.2025.\n\nDie Gespräche in Anchorage endeten ohne Einigung, Runde {i}. "
    "Beide Seiten sprachen von einem konstruktiven Austausch, doch ein Waffenstillstand blieb aus."
)


def _docs(prefix: str, n: int, start: int = 0) -> list[Document]:
    return [Document(f"{prefix}{i}.txt", TEXT.format(i=f"{prefix}{i}").encode()) for i in range(start, start + n)]


def _slow(docs, gate: threading.Event, started: threading.Event):
    """Documents that arrive slowly: the import holds its turn until ``gate`` opens."""
    for i, d in enumerate(docs):
        yield d
        if i == len(docs) // 2:
            started.set()
            gate.wait(30)


@pytest.fixture
def root(tmp_path):
    return tmp_path / "data"


def test_a_second_import_waits_its_turn_and_both_land(root):
    ws = Workspace("w", root=root)
    gate, started, waits, errors = threading.Event(), threading.Event(), [], []

    def first() -> None:
        try:
            ingest(ws, _slow(_docs("a", 200), gate, started), today=TODAY, total=200)
        except BaseException as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)

    t = threading.Thread(target=first)
    t.start()
    assert started.wait(30)

    def second() -> None:
        try:
            ingest(
                Workspace("w", root=root, create=False),
                _docs("b", 5),
                today=TODAY,
                on_wait=lambda w: (waits.append(w), gate.set() if len(waits) >= 3 else None),
            )
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    u = threading.Thread(target=second)
    u.start()
    t.join(60)
    u.join(60)
    assert not errors, errors
    assert len(waits) >= 3 and all(isinstance(w, Waiting) for w in waits), "the second import said it waited"
    assert any(w.import_total == 200 and 0 < w.import_done < 200 for w in waits), "and how far the first had got"
    assert ws.article_count() == 205


def test_edits_and_events_go_through_while_an_import_runs(root):
    ws = Workspace("w", root=root)
    ingest(ws, _docs("x", 1), today=TODAY)
    target = ws.article_index()[0]["article_id"]
    gate, started = threading.Event(), threading.Event()
    t = threading.Thread(target=lambda: ingest(ws, _slow(_docs("a", 300), gate, started), today=TODAY))
    t.start()
    try:
        assert started.wait(30)
        # The import holds its turn until the gate opens: an edit that had to wait for the
        # whole import would never get through (the writer gives up after WRITE_WAIT_S).
        Workspace("w", root=root, create=False).edit(target, title="Neu betitelt")
        EventBook.for_workspace(ws).add(date(2025, 8, 15), "Anchorage")
        assert t.is_alive(), "the import was still running while both changes went through"
        assert ws.article_index()[0]["title"] == "Neu betitelt"
        assert ws.article_count() == 1, "the running import's documents are not visible yet"
    finally:
        gate.set()
        t.join(60)
    assert ws.article_count() == 301


def test_a_full_disk_says_so_and_leaves_the_workspace_as_it_was(root, monkeypatch):
    ws = Workspace("w", root=root)
    ingest(ws, _docs("a", 2), today=TODAY)
    before = (ws.article_count(), ws.fingerprint(), len(ws.reports()))
    connect = Workspace._connect

    def tiny_disk(self, *, write=True):  # SQLite's page cap behaves like a full disk
        cm = connect(self, write=write)
        con = cm.__enter__()
        if write:
            pages = con.execute("PRAGMA page_count").fetchone()[0]
            con.execute(f"PRAGMA max_page_count = {pages + 2}")

        class Wrap:
            def __enter__(self_inner):
                return con

            def __exit__(self_inner, *exc):
                return cm.__exit__(*exc)

        return Wrap()

    monkeypatch.setattr(Workspace, "_connect", tiny_disk)
    big = [Document(f"big{i}.txt", (TEXT.format(i=i) + " Lang." * 3000).encode()) for i in range(3)]
    with pytest.raises(WorkspaceDiskFull) as caught:
        ingest(ws, big, today=TODAY)
    assert "disk is full" in str(caught.value) and "rollback" not in str(caught.value)
    assert isinstance(caught.value.__cause__, sqlite3.Error)
    monkeypatch.undo()
    assert (ws.article_count(), ws.fingerprint(), len(ws.reports())) == before


def test_a_read_only_workspace_says_so(root, monkeypatch):
    ws = Workspace("w", root=root)
    ingest(ws, _docs("a", 1), today=TODAY)
    connect = sqlite3.connect

    def read_only(*args, **kwargs):
        con = connect(*args, **kwargs)
        con.execute("PRAGMA query_only = ON")
        return con

    monkeypatch.setattr(wsmod.sqlite3, "connect", read_only)
    with pytest.raises(WorkspaceReadOnly, match="read-only"):
        ws.edit(ws.article_index()[0]["article_id"], title="x")
    with pytest.raises(WorkspaceReadOnly):
        ingest(ws, _docs("b", 1), today=TODAY)
    monkeypatch.undo()
    assert ws.article_count() == 1


def test_a_workspace_that_stays_busy_gives_a_plain_message(root, monkeypatch):
    ws = Workspace("w", root=root)
    ingest(ws, _docs("a", 1), today=TODAY)
    monkeypatch.setattr(wsmod, "WRITE_WAIT_S", 1.0)
    blocker = sqlite3.connect(ws.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    waits = []
    try:
        with pytest.raises(WorkspaceBusy, match="busy"), ws.transaction(on_wait=waits.append):
            pass
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert waits, "the writer said it was waiting"
    with ws.transaction():  # and works again once the other writer is done
        pass


def test_rows_of_an_import_that_died_stay_invisible_and_are_removed(root):
    ws = Workspace("w", root=root)
    ingest(ws, _docs("a", 1), today=TODAY)
    dead = ws.start_import(5)
    with ws.transaction(bump=False) as con:
        with ws._connect(write=False) as rcon:
            used = ws.used_ids(rcon)
        ws.add_document(con, name="halb.txt", sha256="x" * 64, data=b"halb", articles=[], used_ids=used, pending=dead)
    assert [d.name for d in ws.documents()] == ["a0.txt"], "a dead import's documents are never shown"
    ingest(ws, _docs("b", 1), today=TODAY)
    assert sorted(d.name for d in ws.documents()) == ["a0.txt", "b0.txt"]
    with ws._connect(write=False) as con:
        assert con.execute("SELECT COUNT(*) FROM documents WHERE pending != 0").fetchone()[0] == 0


def test_a_new_workspace_into_which_nothing_loaded_is_not_kept(root):
    report = ingest(Workspace("leer", root=root), [Document("x.bin", b"\0\1\2")], today=TODAY, drop_if_empty=True)
    assert report.rows and report.n_articles == 0
    assert not Workspace.exists("leer", root=root)


# --- the command line ------------------------------------------------------------------------------
def _files(folder: Path, n: int, words: int = 250, prefix: str = "a") -> Path:
    folder.mkdir(parents=True)
    filler = " ".join(f"Wort{i % 97}" for i in range(words))
    for i in range(n):
        (folder / f"{prefix}{i}.txt").write_text(TEXT.format(i=f"{prefix}{i}") + " " + filler, encoding="utf-8")
    return folder


def _as_from_a_terminal() -> None:
    # Ctrl-C as a terminal delivers it: a process started in the background of a shell without
    # job control (a CI runner, `cmd &`) inherits SIGINT ignored, and Python then leaves it
    # ignored, so the command under test would never see the interrupt.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _cli(args: list[str], data: Path, **kw) -> subprocess.Popen:
    env = {**os.environ, "TONLAGE_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "tonlage", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_from_a_terminal,
        **kw,
    )


def _signal_state(pid: int) -> str:
    """The process's ignored and blocked signal masks (for a failure message)."""
    try:
        return " ".join(
            line
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith(("SigIgn", "SigBlk"))
        )
    except OSError:
        return "gone"


def _descendants(pid: int) -> set[int]:
    """Processes started (directly or not) by ``pid``, from /proc."""
    parent = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parent.items() if pp in frontier} - out
        out |= frontier
    return out


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for p in pids:
        try:
            state = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(p)
    return alive


def _wait_for_workers(proc: subprocess.Popen, n: int = 2, deadline_s: float = 60) -> set[int]:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        kids = _descendants(proc.pid)
        if len(kids) >= n + 1:  # forkserver (and tracker) + workers
            return kids
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("the import did not start its worker processes")


@pytest.mark.slow
def test_ctrl_c_prints_one_line_and_exits_130(tmp_path):
    files = _files(tmp_path / "in", 6000)  # long enough that Ctrl-C comes while it works
    proc = _cli(["ingest", str(files), "--workspace", "w", "--quiet"], tmp_path / "data")
    _wait_for_workers(proc)
    masks = _signal_state(proc.pid)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, f"{err} (signal masks when it was sent: {masks})"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert [line for line in err.splitlines() if line.strip()] == [
        "interrupted: stopped before finishing; the workspace is as it was before this command."
    ]
    assert not Workspace.exists("w", root=tmp_path / "data"), "a new workspace with nothing in it is not kept"


@pytest.mark.slow
def test_a_killed_import_leaves_no_process_behind(tmp_path):
    files = _files(tmp_path / "in", 1500)
    proc = _cli(["ingest", str(files), "--workspace", "w", "--quiet"], tmp_path / "data", start_new_session=True)
    kids = _wait_for_workers(proc)
    proc.kill()  # kill -9
    proc.wait(30)
    deadline = time.monotonic() + 30
    while _alive(kids) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _alive(kids)
    for p in left:  # do not leave them to the next test either
        os.kill(p, signal.SIGKILL)
    assert not left, f"{len(left)} processes outlived the killed import"
    # and the next import finds a clean workspace (the killed one's rows are removed)
    again = _cli(["ingest", str(files / "a1.txt"), "--workspace", "w", "--quiet"], tmp_path / "data")
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert Workspace("w", root=tmp_path / "data", create=False).article_count() == 1


@pytest.mark.slow
def test_a_second_cli_import_waits_and_says_so(tmp_path):
    files = _files(tmp_path / "in", 4000)
    more = _files(tmp_path / "more", 3, prefix="b")
    first = _cli(["ingest", str(files), "--workspace", "w", "--quiet"], tmp_path / "data")
    _wait_for_workers(first)
    second = _cli(["ingest", str(more), "--workspace", "w", "--quiet"], tmp_path / "data")
    _, err2 = second.communicate(timeout=300)
    _, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert "waiting for another import into this workspace" in err2
    assert "Traceback" not in err2 and "locked" not in err2
    assert first.returncode == 0 and Workspace("w", root=tmp_path / "data", create=False).article_count() == 4003
