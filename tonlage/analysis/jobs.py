"""Heavy work takes turns: one bounded queue per process, shared jobs, progress and cancelling.

A server shares one Python process among all its readers. Twenty readers must not start twenty
analyses, twenty imports or twenty chart browsers at once: on a small machine that makes
everyone wait far longer than taking turns does. So every heavy step (an analysis, an import, a
meeting pack, chart images) holds one of a fixed number of *slots* while it runs
(:func:`queue`, ``TONLAGE_HEAVY_JOBS``, default 2). The others wait in order of arrival and can
say where they are ("2 jobs before this one").

Two ways to use a slot:

- :meth:`JobQueue.slot`: run in the calling thread once a slot is free (an import, a pack),
  with ``on_wait`` called while it waits;
- :meth:`JobQueue.submit`: a *shared job* that runs on a thread of its own, keyed by what it
  computes. Whoever asks for the same key while it is queued or running gets the same
  :class:`Job` (one analysis per corpus, however many readers ask), can follow its progress
  (:meth:`Job.progress`) and wait for its result. The job takes a slot only for its heavy part
  (the analysis store does, on a miss): finding a kept analysis on disk never waits in line.

**Progress.** Long engine steps report what they are doing and how far they are through
:func:`stage` and :func:`advance`; they ask :func:`check_cancelled` between items. These are
no-ops unless a caller installed a :class:`Reporter` (:func:`reporting`): the job threads do,
and so does the command line (with a tqdm bar). So the engine never knows who is watching.

**Cancelling.** A job's readers *watch* it; a reader who cancels stops watching, and the job
is cancelled when nobody watches it any more (one reader cancelling does not take the analysis
away from nineteen others). A cancelled job raises :class:`Cancelled` at its next
:func:`check_cancelled`, so its work unwinds the ordinary way (an import rolls back, an analysis
is not stored).
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Cancelled",
    "Progress",
    "Reporter",
    "Job",
    "JobQueue",
    "queue",
    "reporting",
    "stage",
    "advance",
    "check_cancelled",
]

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"


class Cancelled(Exception):
    """The work was cancelled (by its readers, or because nobody wants it any more)."""


# ----------------------------------------------------------------------------- progress


@dataclass(frozen=True)
class Progress:
    """Where a job is, for a progress bar.

    Attributes:
        state: "queued", "running", "done", "failed" or "cancelled".
        stage: What it is doing (an engine message id, English; translated where shown).
        stage_params: The message's parameters.
        done: Items of the current stage done.
        total: Items in the current stage (0 when unknown).
        elapsed: Seconds since the job started running (0 while queued).
        stage_left: Estimated seconds left in the current stage (None when unknown).
        ahead: Jobs before this one in the queue (0 once it runs).
        running: Jobs running now (the slots taken).
    """

    state: str
    stage: str = ""
    stage_params: tuple[tuple[str, Any], ...] = ()
    done: int = 0
    total: int = 0
    elapsed: float = 0.0
    stage_left: float | None = None
    ahead: int = 0
    running: int = 0

    @property
    def fraction(self) -> float:
        """How far the current stage is, 0 … 1 (0 when its size is unknown)."""
        return min(1.0, self.done / self.total) if self.total else 0.0


class Reporter:
    """Receives the progress of the work running in its context, and says when to stop.

    The base class remembers the current stage and counts (thread-safe) and can be cancelled;
    subclasses (a tqdm bar on the command line) add a display by overriding :meth:`on_change`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self.stage = ""
        self.params: tuple[tuple[str, Any], ...] = ()
        self.done = 0
        self.total = 0
        self.stage_started = time.monotonic()
        self.waiting: tuple[int, int] | None = None  # (ahead, running) while waiting for a slot

    def start_stage(self, message: str, total: int = 0, **params: Any) -> None:
        with self._lock:
            self.stage, self.params, self.done, self.total = message, tuple(params.items()), 0, max(0, total)
            self.stage_started = time.monotonic()
        self.on_change(new_stage=True)

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.done += n
        self.on_change(new_stage=False)

    def on_change(self, new_stage: bool) -> None:
        """Called after every change (a display updates itself here)."""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def snapshot(self) -> tuple[str, tuple, int, int, float | None]:
        """(stage, params, done, total, seconds left in the stage or None)."""
        with self._lock:
            left = None
            if self.total and self.done:
                spent = time.monotonic() - self.stage_started
                left = max(0.0, spent / self.done * (self.total - self.done))
            return self.stage, self.params, self.done, self.total, left


_REPORTER: contextvars.ContextVar[Reporter | None] = contextvars.ContextVar("tonlage_reporter", default=None)


@contextmanager
def reporting(reporter: Reporter) -> Iterator[Reporter]:
    """Send the progress of the work done inside the block (in this thread) to ``reporter``."""
    token = _REPORTER.set(reporter)
    try:
        yield reporter
    finally:
        _REPORTER.reset(token)


def stage(message: str, total: int = 0, **params: Any) -> None:
    """The work enters a new step: ``message`` (an English message id, e.g. "Reading files")
    with ``total`` items to do (0 when unknown). Checks for cancelling first."""
    r = _REPORTER.get()
    if r is not None:
        if r.cancelled:
            raise Cancelled(message)
        r.start_stage(message, total, **params)


def advance(n: int = 1) -> None:
    """``n`` more items of the current step are done. Checks for cancelling too."""
    r = _REPORTER.get()
    if r is not None:
        if r.cancelled:
            raise Cancelled(r.stage)
        r.advance(n)


def check_cancelled() -> None:
    """Raise :class:`Cancelled` if the work running here was cancelled."""
    r = _REPORTER.get()
    if r is not None and r.cancelled:
        raise Cancelled(r.stage)


# ----------------------------------------------------------------------------- jobs


class Job:
    """Work shared by whoever asks for its key; runs on its own thread once it has a slot."""

    def __init__(self, key: Hashable, kind: str, fn: Callable[[], Any], owner: JobQueue) -> None:
        self.key = key
        self.kind = kind
        self._fn = fn
        self._owner = owner
        self._done = threading.Event()
        self._result: Any = None
        self._error: BaseException | None = None
        self.state = QUEUED
        self.reporter = Reporter()
        self.started = 0.0
        self.finished_at = 0.0
        self._watchers: set[str] = set()
        self._lock = threading.Lock()

    # -- readers ------------------------------------------------------------------------

    def watch(self, who: str) -> None:
        """``who`` (a session id) wants the result."""
        with self._lock:
            self._watchers.add(who)

    def unwatch(self, who: str) -> bool:
        """``who`` no longer wants the result; cancels the job when nobody else does.
        Returns True when the job is (being) cancelled."""
        with self._lock:
            self._watchers.discard(who)
            nobody = not self._watchers
        if nobody:
            self.cancel()
        return nobody and not self.succeeded

    @property
    def watchers(self) -> int:
        with self._lock:
            return len(self._watchers)

    def cancel(self) -> None:
        """Stop the job: out of the queue if it waits for a slot, told to stop if it runs."""
        self.reporter.cancel()
        self._owner._wake()

    def finished(self) -> bool:
        """True once the job has ended (done, failed or cancelled)."""
        return self._done.is_set()

    @property
    def succeeded(self) -> bool:
        return self.state == DONE

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the job ended or ``timeout`` seconds passed; True if it ended."""
        return self._done.wait(timeout)

    def result(self, timeout: float | None = None) -> Any:
        """The job's result (waiting for it); raises what the job raised (:class:`Cancelled`)."""
        if not self._done.wait(timeout):
            raise TimeoutError(f"job {self.kind} still running")
        if self._error is not None:
            raise self._error
        return self._result

    def progress(self) -> Progress:
        stage_id, params, done, total, left = self.reporter.snapshot()
        waiting = self.reporter.waiting
        state = QUEUED if waiting is not None and self.state == RUNNING else self.state
        ahead, running = waiting if waiting is not None else (0, self._owner.status()[1])
        elapsed = (self.finished_at or time.monotonic()) - self.started if self.started else 0.0
        return Progress(state, stage_id, params, done, total, elapsed, left, ahead, running)

    # -- the worker thread ---------------------------------------------------------------

    def _run(self) -> None:
        # The work takes its slot itself (JobQueue.slot), and only for what is heavy: a job that
        # finds its analysis on disk never waits behind others.
        try:
            self.state, self.started = RUNNING, time.monotonic()
            with reporting(self.reporter):
                check_cancelled()
                self._result = self._fn()
            self.state = DONE
        except Cancelled as exc:
            self._error, self.state = exc, CANCELLED
            log.info("job %s %r cancelled", self.kind, self.key)
        except BaseException as exc:  # handed to whoever waits for the result
            self._error, self.state = exc, FAILED
            log.warning("job %s %r failed", self.kind, self.key, exc_info=True)
        finally:
            self.finished_at = time.monotonic()
            self._fn = None  # type: ignore[assignment]  # let go of what the closure holds
            self._owner._ended(self)
            self._done.set()


@dataclass
class _Ticket:
    number: int
    kind: str
    thread: int


class JobQueue:
    """A fixed number of slots for heavy work, given out in order of arrival.

    Args:
        slots: How many heavy steps may run at once (at least 1).
        keep_finished: Finished shared jobs remembered, so a result can still be collected by a
            reader who asked while it ran.
    """

    def __init__(self, slots: int, keep_finished: int = 8) -> None:
        self.slots = max(1, int(slots))
        self._cond = threading.Condition()
        self._waiting: list[_Ticket] = []
        self._running: set[int] = set()  # ticket numbers
        self._numbers = itertools.count()
        self._jobs: dict[Hashable, Job] = {}  # queued or running shared jobs
        self._finished: OrderedDict[Hashable, Job] = OrderedDict()
        self._keep = keep_finished
        self._local = threading.local()  # the slot this thread holds (nested work reuses it)

    # -- slots --------------------------------------------------------------------------

    @contextmanager
    def slot(
        self,
        kind: str,
        *,
        on_wait: Callable[[int, int], None] | None = None,
        poll: float = 0.25,
        cancelled: threading.Event | None = None,
    ) -> Iterator[None]:
        """Hold a slot for the block.

        While waiting, ``on_wait(ahead, running)`` is called about every ``poll`` seconds (and
        once at once), and the :class:`Reporter` of the work running here (a shared job's)
        shows where it stands. ``cancelled`` set while waiting, or that reporter cancelled,
        raises :class:`Cancelled`. A thread that holds a slot already runs nested work in it.
        """
        if getattr(self._local, "held", 0):
            self._local.held += 1
            try:
                yield
            finally:
                self._local.held -= 1
            return
        reporter = _REPORTER.get()
        if reporter is not None:
            cancelled = cancelled or reporter._cancel
            shown = on_wait

            def on_wait(ahead: int, running: int) -> None:
                reporter.waiting = (ahead, running)
                if shown is not None:
                    shown(ahead, running)

        ticket = self._enter(kind)
        try:
            self._acquire(ticket, on_wait, poll, cancelled)
            if reporter is not None:
                reporter.waiting = None
            self._local.held = 1
            try:
                yield
            finally:
                self._local.held = 0
        finally:
            if reporter is not None:
                reporter.waiting = None
            self._leave(ticket)

    def _enter(self, kind: str) -> _Ticket:
        with self._cond:
            ticket = _Ticket(next(self._numbers), kind, threading.get_ident())
            self._waiting.append(ticket)
            return ticket

    def _acquire(self, ticket: _Ticket, on_wait, poll: float, cancelled: threading.Event | None) -> None:
        while True:
            with self._cond:
                if cancelled is not None and cancelled.is_set():
                    raise Cancelled(ticket.kind)
                if self._grant(ticket):
                    return
                if on_wait is None:
                    self._cond.wait(poll)
                    continue
                ahead, running = self._position(ticket)
            on_wait(ahead, running)  # outside the lock: a display may be slow, or stop the run
            with self._cond:
                if not self._grant(ticket):
                    self._cond.wait(poll)
                else:
                    return

    def _grant(self, ticket: _Ticket) -> bool:
        """Give ``ticket`` a slot if it is first in line and one is free (lock held)."""
        if self._waiting and self._waiting[0] is ticket and len(self._running) < self.slots:
            self._waiting.pop(0)
            self._running.add(ticket.number)
            self._cond.notify_all()
            return True
        return False

    def _leave(self, ticket: _Ticket) -> None:
        with self._cond:
            if ticket in self._waiting:
                self._waiting.remove(ticket)
            self._running.discard(ticket.number)
            self._cond.notify_all()

    def _position(self, ticket: _Ticket) -> tuple[int, int]:
        ahead = self._waiting.index(ticket) if ticket in self._waiting else 0
        return ahead, len(self._running)

    def status(self) -> tuple[int, int]:
        """(jobs waiting, jobs running)."""
        with self._cond:
            return len(self._waiting), len(self._running)

    # -- shared jobs --------------------------------------------------------------------

    def submit(self, key: Hashable, fn: Callable[[], Any], *, kind: str = "job", watcher: str | None = None) -> Job:
        """The job computing ``key``: the one queued or running, a finished one that
        succeeded (its result ready), or a new one running ``fn()`` once a slot is free."""
        with self._cond:
            job = self._jobs.get(key)
            if job is None:
                old = self._finished.get(key)
                if old is not None and old.succeeded:
                    job = old
            if job is None:
                job = Job(key, kind, fn, self)
                self._jobs[key] = job
                threading.Thread(target=job._run, name=f"tonlage-{kind}", daemon=True).start()
                log.info(
                    "job %s %r started (%d waiting, %d running)", kind, key, len(self._waiting), len(self._running)
                )
        if watcher is not None:
            job.watch(watcher)
        return job

    def find(self, key: Hashable) -> Job | None:
        """The job for ``key`` that is queued or running, else None."""
        with self._cond:
            return self._jobs.get(key)

    def _wake(self) -> None:
        with self._cond:
            self._cond.notify_all()  # whoever waits for a slot looks at its cancel flag at once

    def _ended(self, job: Job) -> None:
        with self._cond:
            if self._jobs.get(job.key) is job:
                del self._jobs[job.key]
            self._finished[job.key] = job
            self._finished.move_to_end(job.key)
            while len(self._finished) > self._keep:
                self._finished.popitem(last=False)

    def forget(self) -> None:
        """Drop the finished jobs remembered (their results go with them)."""
        with self._cond:
            self._finished.clear()


_QUEUE: JobQueue | None = None
_QUEUE_LOCK = threading.Lock()


def queue() -> JobQueue:
    """The process's queue for heavy work (``TONLAGE_HEAVY_JOBS`` slots)."""
    global _QUEUE
    with _QUEUE_LOCK:
        if _QUEUE is None:
            from .. import settings

            _QUEUE = JobQueue(settings.heavy_jobs())
        return _QUEUE
