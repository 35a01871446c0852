"""The queue for heavy work: bounded, first come first served, positions, shared jobs, cancelling."""

from __future__ import annotations

import threading

import pytest

from tonlage.analysis import jobs
from tonlage.analysis.jobs import Cancelled, JobQueue

WAIT = 30  # seconds any one wait may take before the test fails (never reached when it works)


def _holder(q: JobQueue, kind: str, started: threading.Event, release: threading.Event, log: list):
    def run():
        with q.slot(kind):
            log.append(kind)
            started.set()
            release.wait(WAIT)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_never_more_than_the_slots_run_at_once():
    q = JobQueue(2)
    lock = threading.Lock()
    now, most, done = [0], [0], []
    gate = threading.Barrier(6)

    def work(i):
        gate.wait(WAIT)
        with q.slot("x"):
            with lock:
                now[0] += 1
                most[0] = max(most[0], now[0])
            # hold the slot until the others had every chance to squeeze in
            with q._cond:
                q._cond.wait(0.05)
            with lock:
                now[0] -= 1
            done.append(i)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
    assert sorted(done) == list(range(6))
    assert most[0] == 2
    assert q.status() == (0, 0)


def test_first_come_first_served_and_positions_reported():
    q = JobQueue(1)
    started, release, order = threading.Event(), threading.Event(), []
    blocker = _holder(q, "blocker", started, release, order)
    assert started.wait(WAIT)
    seen: dict[str, list[tuple[int, int]]] = {}
    waiting = []
    for name in ("a", "b", "c"):
        in_line = threading.Event()

        def run(name=name, in_line=in_line):
            def on_wait(ahead, running):
                seen.setdefault(name, []).append((ahead, running))
                in_line.set()

            with q.slot(name, on_wait=on_wait, poll=0.01):
                order.append(name)

        t = threading.Thread(target=run)
        t.start()
        assert in_line.wait(WAIT)  # each one is in line before the next arrives
        waiting.append(t)
    assert q.status() == (3, 1)
    release.set()
    for t in [blocker, *waiting]:
        t.join(WAIT)
    assert order == ["blocker", "a", "b", "c"]
    # Told where they stand when they joined: 0, 1 and 2 before them, the blocker running.
    assert [seen[n][0] for n in ("a", "b", "c")] == [(0, 1), (1, 1), (2, 1)]


def test_nested_work_in_the_same_thread_reuses_its_slot():
    q = JobQueue(1)
    with q.slot("pack"):
        with q.slot("image"):  # would wait for ever if it queued behind itself
            assert q.status() == (0, 1)
    assert q.status() == (0, 0)


def test_a_cancelled_wait_leaves_the_line():
    q = JobQueue(1)
    started, release, log = threading.Event(), threading.Event(), []
    blocker = _holder(q, "blocker", started, release, log)
    assert started.wait(WAIT)
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        with q.slot("late", cancelled=stop):
            pass
    assert q.status() == (0, 1)
    release.set()
    blocker.join(WAIT)
    assert q.status() == (0, 0)


def test_one_shared_job_however_many_ask():
    q = JobQueue(2)
    calls, go = [], threading.Event()

    def analyse():
        calls.append(1)
        go.wait(WAIT)
        return "result"

    asked = []
    barrier = threading.Barrier(5)

    def session(i):
        barrier.wait(WAIT)
        asked.append(q.submit(("analysis", "corpus-a"), analyse, kind="analysis", watcher=f"s{i}"))

    threads = [threading.Thread(target=session, args=(i,)) for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
    go.set()
    assert len({id(j) for j in asked}) == 1
    job = asked[0]
    assert job.result(WAIT) == "result"
    assert calls == [1]
    assert job.watchers == 5
    # Asked again after it finished: the same result, no second run.
    assert q.submit(("analysis", "corpus-a"), analyse).result(WAIT) == "result"
    assert calls == [1]


def test_progress_of_a_shared_job():
    q = JobQueue(1)
    at_two, go = threading.Event(), threading.Event()

    def work():
        jobs.stage("Reading files", total=4)
        jobs.advance(2)
        at_two.set()
        go.wait(WAIT)
        jobs.advance(2)
        return 42

    job = q.submit("k", work)
    assert at_two.wait(WAIT)
    p = job.progress()
    assert (p.state, p.stage, p.done, p.total, p.fraction) == ("running", "Reading files", 2, 4, 0.5)
    assert p.stage_left is not None and p.stage_left >= 0
    go.set()
    assert job.result(WAIT) == 42
    assert job.progress().state == "done"


def test_a_job_stops_when_nobody_wants_it_any_more():
    q = JobQueue(1)
    running, steps = threading.Event(), []

    def long_work():
        jobs.stage("Scoring sentences", total=1_000_000)
        running.set()
        for _ in range(1_000_000):
            steps.append(1)
            jobs.advance()  # raises Cancelled once cancelled
            threading.Event().wait(0.001)
        return "finished"

    job = q.submit("long", long_work, watcher="a")
    job.watch("b")
    assert running.wait(WAIT)
    assert job.unwatch("a") is False  # "b" still wants it
    assert not job.reporter.cancelled
    assert job.unwatch("b") is True
    assert job.wait(WAIT)
    assert job.progress().state == "cancelled"
    with pytest.raises(Cancelled):
        job.result()
    assert len(steps) < 1_000_000
    # A cancelled job is not handed out again: asking anew starts a new one.
    again = q.submit("long", lambda: "fresh")
    assert again is not job and again.result(WAIT) == "fresh"


def test_a_queued_job_cancelled_never_runs():
    q = JobQueue(1)
    started, release, log = threading.Event(), threading.Event(), []
    blocker = _holder(q, "blocker", started, release, log)
    assert started.wait(WAIT)
    ran, in_line = [], threading.Event()

    def heavy():
        with q.slot("analysis", on_wait=lambda ahead, running: in_line.set(), poll=0.01):
            ran.append(1)

    job = q.submit("queued", heavy, watcher="a")
    assert in_line.wait(WAIT)
    p = job.progress()
    assert (p.state, p.ahead, p.running) == ("queued", 0, 1)
    job.unwatch("a")
    assert job.wait(WAIT)
    assert job.progress().state == "cancelled" and ran == []
    release.set()
    blocker.join(WAIT)
    assert q.status() == (0, 0)


def test_a_failure_reaches_whoever_waits():
    q = JobQueue(1)

    def broken():
        raise ValueError("bad file")

    job = q.submit("x", broken)
    with pytest.raises(ValueError, match="bad file"):
        job.result(WAIT)
    assert job.progress().state == "failed"


def test_without_a_reporter_the_calls_do_nothing():
    jobs.stage("Reading files", total=3)
    jobs.advance()
    jobs.check_cancelled()


def test_the_setting_bounds_the_slots(monkeypatch):
    from tonlage import settings

    monkeypatch.setenv("TONLAGE_HEAVY_JOBS", "3")
    assert settings.heavy_jobs() == 3
    monkeypatch.setenv("TONLAGE_HEAVY_JOBS", "0")
    assert settings.heavy_jobs() == 1
    monkeypatch.setenv("TONLAGE_HEAVY_JOBS", "many")
    assert settings.heavy_jobs() == 2


def test_a_job_with_nothing_heavy_to_do_does_not_wait_in_line():
    """A kept analysis is read without a slot: it never waits behind others' long work."""
    q = JobQueue(1)
    started, release, log = threading.Event(), threading.Event(), []
    blocker = _holder(q, "blocker", started, release, log)
    assert started.wait(WAIT)
    assert q.submit("on disk", lambda: "kept").result(WAIT) == "kept"
    release.set()
    blocker.join(WAIT)
