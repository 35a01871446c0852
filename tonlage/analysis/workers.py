"""Worker processes that never outlive the process that started them.

Ingest and analysis read many files in parallel. The workers come from a *forkserver* (the
app calls us from a thread of a multi-threaded server, where ``fork`` is unsafe), so their
parent is the forkserver, not us: when the process that wanted them is killed (``kill -9``,
an out-of-memory kill), nothing tells them, and the forkserver and multiprocessing's resource
tracker stay alive for as long as the workers hold their pipes. Each worker therefore watches
the process that started the pool and exits the moment it is gone; the forkserver and the
tracker then see their pipes close and exit too.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress

__all__ = ["process_pool", "start_early", "PRELOAD", "PARALLEL_FROM"]

# Starting worker processes costs ~2 s; the analysis uses them from this many articles.
PARALLEL_FROM = 400

log = logging.getLogger(__name__)


def _wait_for_exit(pid: int) -> None:
    """Block until process ``pid`` has ended (a pidfd where the kernel has them, else polling)."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        try:
            select.select([fd], [], [])
            return
        finally:
            os.close(fd)
    while True:  # pragma: no cover - kernels without pidfd
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        except PermissionError:
            pass
        time.sleep(0.5)


def _start_watch(owner: int) -> None:
    def watch() -> None:
        _wait_for_exit(owner)
        os._exit(1)  # the work is lost with its owner; nothing to clean up in a reader

    threading.Thread(target=watch, name="tonlage-owner-watch", daemon=True).start()


def _initialise(owner: int, initializer: Callable | None, initargs: tuple) -> None:
    _start_watch(owner)
    if initializer is not None:
        initializer(*initargs)


# Imported by the forkserver before it forks any worker ("__main__" is multiprocessing's
# default). Each worker otherwise imported the engine (pandas, scikit-learn) and loaded the lemma
# dictionary itself, ~3 s of CPU per worker before its first article; forked from a server that
# has them, it starts at once and shares their memory copy-on-write.
PRELOAD = ["__main__", "tonlage.analysis.preload"]


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)  # only has an effect before the forkserver starts
    return ctx


def start_early() -> None:
    """Start the forkserver now, so that its imports run while the caller does its own."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


@contextmanager
def process_pool(
    workers: int, *, initializer: Callable | None = None, initargs: tuple = ()
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes (forkserver) that exit when this process exits.

    Args:
        workers: Number of processes.
        initializer: Called once in each worker (after the watch is set up).
        initargs: Its arguments.
    """
    ctx = _context()
    pool = ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_initialise, initargs=(os.getpid(), initializer, initargs)
    )
    # The processes start now, each set up (initializer) while the caller prepares the first
    # work: the pool starts a process only when work is handed to it, and an add to a
    # workspace waited for them after its own preparation. They are started from a thread:
    # starting one waits for the forkserver, whose imports may still run (0.7 s of an add to
    # a 100,000-article workspace, in which the caller now reads its articles). Work handed
    # to the pool meanwhile waits for them.
    starter = threading.Thread(target=_start, args=(pool, workers), name="tonlage-pool-start", daemon=True)
    starter.start()
    try:
        yield pool
    except BaseException:
        starter.join()
        _stop_now(pool)
        raise
    starter.join()
    pool.shutdown(wait=True)


def _stop_now(pool: ProcessPoolExecutor, timeout_s: float = 10.0) -> None:
    """Stop a cancelled or failed pool at once: the work not started yet is dropped, and the
    workers are ended without finishing what they hold (they only read and compute; their
    results would be thrown away). Waiting for them instead (``shutdown(wait=True)``) made a
    Ctrl-C wait for the chunks in flight, and a pool whose manager thread hangs would keep the
    process from exiting. The pool's own thread sees its workers gone and ends."""
    # The executor keeps its processes by pid and its thread (CPython details, there since 3.9),
    # and lets go of both when it is shut down.
    processes = list(getattr(pool, "_processes", None) or {})
    thread = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for pid in processes:
        with suppress(ProcessLookupError, PermissionError):  # gone already
            os.kill(pid, signal.SIGTERM)
    if thread is not None:
        thread.join(timeout_s)


def _start(pool: ProcessPoolExecutor, workers: int) -> None:
    """Start the pool's ``workers`` processes (see :func:`process_pool`)."""
    try:
        for _ in range(workers):
            pool.submit(os.getpid)
    except Exception:  # a pool that cannot start says so again when work is handed to it
        log.debug("worker processes could not be started ahead", exc_info=True)
