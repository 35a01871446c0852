"""Handing per-article work out: to worker processes, to a Dask cluster's workers, or to this process.

The analysis asks for ``fn`` of each item in order (:func:`submit`, read with :func:`collect`)
and does not care where it runs: :func:`worker_pool` gives a pool set up once per worker
(:func:`tonlage.analysis.per_article.init_worker`), or None for this process alone. Results
never depend on the number of workers.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..corpus import RawArticle
from . import jobs, per_article
from .workers import PARALLEL_FROM, process_pool


def submit_kept(pool, todo: list[RawArticle], workers: int, actors, fn=None) -> Iterator:
    if not workers:  # none looked new, but a text changed with its source's recurring lines
        per_article.init_worker(actors)
    return submit(pool, fn or per_article.parse_article, todo, workers)


def submit(pool, fn, items: list, workers: int) -> Iterator:
    """``fn`` of each item, in order: with a pool, handed to its workers at once (so they work
    on them while this process writes the batch before), and computed as they are asked for
    without one. Read it with :func:`collect`."""
    if pool is None:
        return (fn(x) for x in items)
    return pool.map(fn, items, chunksize=max(8, len(items) // (workers * 8)))


def submit_soon(pool, fn, items: list, workers: int) -> Iterator:
    """:func:`submit` from a thread, so that this process goes on at once: handing work to a
    pool waits until its processes have started, and they wait for the forkserver's imports
    (an add's new texts are handed over before its articles are read, and reading them took the
    0.7 s it waited). The results are read as from :func:`submit`."""
    box: list = []

    def hand_over() -> None:
        try:
            box.append(submit(pool, fn, items, workers))
        except BaseException as exc:  # raised where the results are read
            box.append(exc)

    thread = threading.Thread(target=hand_over, name="tonlage-hand-over", daemon=True)
    thread.start()

    def results() -> Iterator:
        thread.join()
        if isinstance(box[0], BaseException):
            raise box[0]
        yield from box[0]

    return results()


def collect(results: Iterator) -> list:
    # One item at a time for the progress bar (jobs.advance also stops a cancelled analysis).
    out = []
    for result in results:
        out.append(result)
        jobs.advance()
    return out


def map_all(pool, fn, items: list, workers: int) -> list:
    return collect(submit(pool, fn, items, workers))


@contextmanager
def worker_pool(actors, workers: int, scheduler: str | None = None):
    """A pool of worker processes (None for one process), each set up once for both steps; with
    ``scheduler`` (a Dask scheduler's address), the workers of that cluster (tonlage.analysis.cluster)."""
    if scheduler and workers:
        from .cluster import cluster_pool  # imports Dask: only when asked for

        with cluster_pool(scheduler, initializer=per_article.init_worker, initargs=(actors,)) as cluster:
            yield cluster
        return
    if workers <= 1:
        if workers:  # 0: a workspace with nothing new to parse (tonlage.analysis.incremental)
            per_article.init_worker(actors)  # disables the cyclic GC; analyse_folder restores it
        yield None
        return
    with process_pool(workers, initializer=per_article.init_worker, initargs=(actors,)) as pool:
        yield pool


def auto_workers(n_files: int) -> int:
    # Starting worker processes costs ~2 s; it pays off from a few hundred articles.
    return 1 if n_files < PARALLEL_FROM else max(1, min(4, os.cpu_count() or 1))
