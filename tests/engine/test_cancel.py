"""Cancelling heavy work leaves nothing damaged: an import half-way is rolled back, an analysis
half-way stores nothing, and the next run goes through as if nothing had happened."""

from __future__ import annotations

from datetime import date

import pytest

from tonlage.analysis import jobs
from tonlage.analysis.jobs import Cancelled, JobQueue, Reporter
from tonlage.ingest import Document
from tonlage.ingest.run import ingest
from tonlage.storage.store import cached_workspace_analysis
from tonlage.storage.workspace import Workspace

TODAY = date(2026, 11, 23)


def _article(i: int) -> bytes:
    return (
        f"Treffen Nummer {i} | Anna Beispiel. {10 + i % 15}.09.2025.\n\n"
        f"Die Gespräche der Runde {i} endeten ohne Einigung. Beide Seiten sprachen von einem "
        "konstruktiven Austausch, doch ein Waffenstillstand blieb aus. Beobachter zeigten sich enttäuscht."
    ).encode()


def _state(ws: Workspace) -> tuple:
    return ws.article_count(), sorted(d.name for d in ws.documents()), ws.fingerprint(), len(ws.reports())


class _CancelAt(Reporter):
    """Cancels itself once ``stage`` has ``after`` items done (as a reader's Cancel would)."""

    def __init__(self, stage: str, after: int) -> None:
        super().__init__()
        self.when = (stage, after)
        self.seen: list[str] = []

    def on_change(self, new_stage: bool) -> None:
        if new_stage:
            self.seen.append(self.stage)
        if (self.stage, self.done) == self.when:
            self.cancel()


@pytest.fixture
def ws(tmp_path):
    w = Workspace("w", root=tmp_path / "data")
    ingest(w, [Document(f"old{i}.txt", _article(i)) for i in range(3)], today=TODAY)
    return w


def test_an_import_cancelled_half_way_leaves_the_workspace_as_it_was(ws):
    before = _state(ws)
    done = []

    def progress(name: str) -> None:
        done.append(name)
        if len(done) == 2:  # the reader pressed Cancel after two files
            raise Cancelled("import")

    with pytest.raises(Cancelled):
        ingest(ws, [Document(f"new{i}.txt", _article(10 + i)) for i in range(5)], today=TODAY, progress=progress)
    assert len(done) == 2
    assert _state(ws) == before
    # ... and the same files go in afterwards, all of them.
    ingest(ws, [Document(f"new{i}.txt", _article(10 + i)) for i in range(5)], today=TODAY)
    assert ws.article_count() == before[0] + 5


def test_an_import_cancelled_while_it_waits_for_its_turn_never_starts(ws):
    import threading

    q = JobQueue(1)
    before = _state(ws)
    held, release = threading.Event(), threading.Event()

    def other_import():
        with q.slot("import"):
            held.set()
            release.wait(60)

    other = threading.Thread(target=other_import)
    other.start()
    assert held.wait(60)
    reader = Reporter()
    waits = []

    def on_wait(ahead: int, running: int) -> None:
        waits.append((ahead, running))
        reader.cancel()  # the reader presses Cancel while it waits

    try:
        with jobs.reporting(reader), pytest.raises(Cancelled):
            with q.slot("import", on_wait=on_wait, poll=0.01):
                ingest(ws, [Document("x.txt", _article(99))], today=TODAY)
    finally:
        release.set()
        other.join(60)
    assert waits[0] == (0, 1)
    assert _state(ws) == before
    assert q.status() == (0, 0)


def test_an_analysis_cancelled_half_way_stores_nothing(ws, tmp_path, monkeypatch):
    import diskcache

    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    before = _state(ws)
    reporter = _CancelAt("Sentences, tone, actors and quotes", 1)
    with jobs.reporting(reporter), pytest.raises(Cancelled):
        cached_workspace_analysis(ws)
    assert reporter.seen[-1] == "Sentences, tone, actors and quotes"
    assert _state(ws) == before
    assert len(diskcache.Cache(str(tmp_path / "cache"))) == 0  # no analysis, and no sentence part
    # The next analysis runs in full and is the same as one never interrupted.
    again = cached_workspace_analysis(ws)
    fresh = cached_workspace_analysis(ws, use_cache=False)
    assert len(again.articles) == before[0]
    assert again.articles["tone"].tolist() == fresh.articles["tone"].tolist()
    kept = [
        k
        for k in diskcache.Cache(str(tmp_path / "cache")).iterkeys()
        if not k.startswith(("sentence-part:", "text-part:"))
    ]
    assert len(kept) == 1


def test_a_shared_analysis_job_cancelled_by_its_last_reader(ws, tmp_path, monkeypatch):
    import threading

    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    q = JobQueue(1)
    gate, holder, seen = threading.Event(), [], []

    def analyse():
        gate.wait(60)
        holder[0].unwatch("reader")  # the only reader leaves before the analysis got far
        seen.append(holder[0].reporter.cancelled)
        return cached_workspace_analysis(ws)

    job = q.submit("analysis-w", analyse, kind="analysis", watcher="reader")
    holder.append(job)
    gate.set()
    assert job.wait(60)
    assert job.progress().state == "cancelled"
    with pytest.raises(Cancelled):
        job.result()
    assert seen == [True]
    assert _state(ws)[0] == 3
