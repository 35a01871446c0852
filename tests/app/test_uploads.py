"""Uploads are never lost and never too much: the batch cap, a failed import that keeps the
files for later, an import that waits for another one, and no empty workspace left behind."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from components import state
from tests.shown import shown
from tonlage.ingest import Document
from tonlage.ingest.run import ingest
from tonlage.ingest.spool import pending_spools
from tonlage.storage.workspace import Workspace

PAGE = "app_pages/corpus.py"
TEXT = (
    "Treffen {i} in New York | Eva Muster. 24.09.2025.\n\nDie Außenminister trafen sich am Rande der "
    "Generalversammlung. Über einen Waffenstillstand wurde lange gesprochen, Runde {i}, eine Einigung gab es nicht."
)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _files(n: int, start: int = 0):
    return [(f"t{i}.txt", TEXT.format(i=i).encode(), "text/plain") for i in range(start, start + n)]


def _upload(at, files, name: str = "Mappe"):
    at.text_input(key="ws_name_").set_value(name)
    at.file_uploader(key=f"upload_{at.session_state.get(state.UPLOAD_ROUND, 0)}").set_value(files)
    at.run()
    at.button(key="add_files").click()
    return at.run()


def _texts(at) -> str:
    return shown(" ".join(e.value for kind in ("error", "warning", "info", "markdown") for e in getattr(at, kind)))


def test_a_batch_over_the_cap_is_refused_before_anything_is_read(app, data_dir, monkeypatch):
    monkeypatch.setenv("TONLAGE_MAX_BATCH_BYTES", "500")
    at = app()
    at.switch_page(PAGE).run()
    at = _upload(at, _files(4))
    assert not at.exception, [e.value for e in at.exception]
    assert "4 files are 0 MB together; one upload may hold at most 0 MB" in _texts(at)
    assert not Workspace.exists("Mappe") and not pending_spools()
    assert at.session_state[state.UPLOAD_ROUND] == 1, "the upload box starts empty (its memory is let go)"


def test_nothing_loaded_makes_no_workspace_but_shows_why(app, data_dir):
    at = app()
    at.switch_page(PAGE).run()
    at = _upload(at, [("bild.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "text/plain")])
    assert not at.exception, [e.value for e in at.exception]
    assert not Workspace.exists("Mappe"), "a batch where nothing loads creates no workspace"
    assert "no workspace “Mappe” was made" in _texts(at)
    assert at.session_state[state.CORPUS] == "", "the app stays on the corpus it showed"
    assert any("bild.txt" in list(d.value.get("file", [])) for d in at.dataframe), "the report lists the file"


def test_a_failed_import_keeps_the_upload_until_it_is_added(app, data_dir, monkeypatch):
    original = Workspace.add_document
    calls = {"n": 0}

    def full_disk(con, **kw):
        calls["n"] += 1
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Workspace, "add_document", staticmethod(full_disk))
    at = app()
    at.switch_page(PAGE).run()
    at = _upload(at, _files(3))
    assert not at.exception, [e.value for e in at.exception]
    assert calls["n"] == 1
    assert "The disk is full" in _texts(at) and "kept" in _texts(at)
    [spool] = pending_spools()
    assert [f["name"] for f in spool.files] == ["t0.txt", "t1.txt", "t2.txt"]

    # the disk has room again: the waiting upload is offered on the page, and added in one click
    monkeypatch.setattr(Workspace, "add_document", staticmethod(original))
    at.switch_page(PAGE).run()
    assert "Uploads waiting to be added" in [s.value for s in at.subheader]
    at.button(key=f"spool_add_{spool.folder.name}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert Workspace("Mappe", create=False).article_count() == 3
    assert not pending_spools(), "added, so no longer waiting"


def test_an_upload_waits_for_another_import_into_the_same_workspace(app, data_dir):
    ws = Workspace("Mappe")
    gate, started = threading.Event(), threading.Event()

    def slow():
        for i in range(40):
            yield Document(f"other{i}.txt", TEXT.format(i=100 + i).encode())
            if i == 5:
                started.set()
                gate.wait(30)

    other = threading.Thread(target=lambda: ingest(ws, slow(), total=40))
    other.start()
    assert started.wait(30)
    threading.Timer(2.0, gate.set).start()  # the other import goes on while the app waits
    at = app()
    at.session_state[state.NEXT_CORPUS] = "Mappe"
    at.run()
    at.switch_page(PAGE).run()
    at.text_input(key="ws_name_Mappe").set_value("Mappe")
    at.file_uploader(key="upload_0").set_value(_files(3))
    at.run()
    at.button(key="add_files").click().run()
    other.join(60)
    assert not at.exception, [e.value for e in at.exception]
    assert Workspace("Mappe", create=False).article_count() == 43, "both imports landed, none failed"
    assert not pending_spools()
