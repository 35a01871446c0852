"""The per-article work of an analysis on a Dask cluster (``dask.distributed``).

:func:`tonlage.analysis.parallel.map_all` hands its items to a pool's ``map``; :func:`cluster_pool` gives it
one that sends them, in partitions, to the workers of a running Dask scheduler instead of local
processes. What runs where:

- **On the workers**: reading each file (the workers open the paths themselves, so they must
  see the corpus folder at the same path: a shared file system), and per article its sentences,
  language, tone, actors, quotes and theme features. Each worker process runs the pool's
  initializer (the pipeline's: tone rules, actor matcher, lemma table) once per set of
  arguments (:func:`_prepare`), not per article. For themes fitted in partitions (a corpus
  over the TF-IDF budget), each partition's theme shares (a second connection, made only then:
  :func:`tonlage.analysis.theme_step.theme_partition_map`).
- **Here** (the process that asked): the corpus-wide steps, i.e. recurring lines, duplicates,
  the theme vocabulary (from per-partition counts, :mod:`tonlage.themes`), TF-IDF and NMF (or,
  over the budget, MiniBatchNMF's steps in partition order) and the tables. Results
  are identical to a local run: the same code runs per article and per partition, and the
  results come back in their order.

Dask is imported only here, and this module only when a scheduler is given, so the app and
the command line without ``--scheduler`` never load it.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

__all__ = ["ClusterError", "ClusterPool", "cluster_pool", "CONNECT_TIMEOUT"]

# Seconds to wait for the scheduler to answer, and for a scheduler without workers to get one.
CONNECT_TIMEOUT = 10


class ClusterError(RuntimeError):
    """The cluster cannot be used; the message is one plain sentence for the reader."""


# Per worker process: the key of the set-up it has (see _prepare).
_PREPARED: dict[str, str] = {}


def _prepare(key: str, setup: tuple) -> None:
    """Run ``initializer(*initargs)`` (``setup``) in this worker process, once per key."""
    if _PREPARED.get("key") == key:
        return
    initializer, initargs = setup
    was_enabled = gc.isenabled()
    initializer(*initargs)
    if was_enabled:  # the pipeline's pauses the cyclic GC; a Dask worker lives on: only per batch
        gc.enable()
    _PREPARED["key"] = key


def _run_batch(fn: Callable, key: str | None, setup, items: list) -> list:
    """``fn`` over one partition of items on a worker, with the cyclic GC paused as the local
    workers have it (the per-article work makes millions of small acyclic objects). ``key``
    None: ``fn`` needs no set-up (an ingest's reading)."""
    if key is not None:
        _prepare(key, setup)
    from .runtime import paused_gc

    with paused_gc():
        return [fn(x) for x in items]


def _worker_version() -> str:
    from .. import __version__

    return __version__


class ClusterPool:
    """What :func:`tonlage.analysis.parallel.map_all` needs of a pool, over a ``distributed.Client``.

    Attributes:
        workers: Threads of the cluster's workers (for the partition size and the timings' labels).
    """

    def __init__(self, client, address: str, initializer: Callable | None = None, initargs: tuple = ()):
        self.client = client
        self.address = address
        self.workers = max(1, sum(client.nthreads().values()))
        self._key: str | None = None
        self._setup = None
        if initializer is not None:
            self._key = hashlib.sha256(pickle.dumps((initializer, initargs))).hexdigest()
            # Sent once to every worker, then referred to by every partition (in a list of one:
            # a list given to scatter is scattered item by item).
            (self._setup,) = client.scatter([(initializer, initargs)], broadcast=True, hash=False)

    def map(self, fn: Callable, items: list, chunksize: int = 1) -> Iterator:
        """``fn`` of each item, in the items' order, computed in partitions of ``chunksize``.

        Every partition is submitted at once, before the first result is asked for (as
        ``ProcessPoolExecutor.map`` does, so the analysis can hand out the next batch while it
        writes this one); results are handed out as the partitions finish in order. Stopping
        early (a cancelled analysis) cancels the partitions not yet done.
        """
        size = max(1, chunksize)
        parts = [items[i : i + size] for i in range(0, len(items), size)]
        run = uuid.uuid4().hex
        futures = [
            self.client.submit(_run_batch, fn, self._key, self._setup, part, key=f"tonlage-{run}-{i}")
            for i, part in enumerate(parts)
        ]
        return self._results(futures)

    def _results(self, futures: list) -> Iterator:
        from distributed import CancelledError
        from distributed.client import FutureCancelledError

        try:
            for fut in futures:
                try:
                    results = fut.result()
                except (CancelledError, FutureCancelledError) as exc:
                    raise ClusterError(
                        f"The Dask cluster at {self.address} stopped the work ({exc.__class__.__name__}); "
                        "check that its workers are still running."
                    ) from None
                except Exception as exc:
                    if exc.__class__.__name__ == "KilledWorker":
                        raise ClusterError(
                            f"A worker of the Dask cluster at {self.address} died while analysing; "
                            "check its memory and logs."
                        ) from None
                    raise
                yield from results
        finally:
            # A cancelled analysis may drop this generator only after the cluster's client is
            # closed (the exception keeps it alive): the client's work is gone with it then.
            if self.client.status not in ("closing", "closed"):
                self.client.cancel(futures)


def _reachable(address: str) -> None:
    """Fail fast, with one sentence, when a tcp:// scheduler does not answer (distributed's own
    error comes after its timeout and leaves a client behind that complains at exit)."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls"):
        return
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None:
        raise ClusterError(f"'{address}' is not a scheduler address; give it as tcp://HOST:PORT.")
    try:
        conn = socket.create_connection((parts.hostname, port), timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise ClusterError(
            f"The Dask scheduler at {address} could not be reached ({exc.strerror or exc.__class__.__name__}); "
            "check that it is running and that the address is right."
        ) from None
    with conn:
        if parts.scheme != "tcp":
            return
        # A Dask scheduler speaks first (its handshake); distributed waits for it without a time
        # limit, so another service on that port would hold the command for as long as it likes.
        try:
            greeted = bool(conn.recv(1))
        except OSError:
            greeted = False
    if not greeted:
        raise ClusterError(f"Something answers at {address}, but not a Dask scheduler; check the address and port.")


@contextmanager
def cluster_pool(address: str, *, initializer: Callable | None = None, initargs: tuple = ()) -> Iterator[ClusterPool]:
    """A pool that runs the per-article work on the Dask cluster whose scheduler is at ``address``,
    as :func:`tonlage.analysis.workers.process_pool` does on this machine.

    Args:
        address: The scheduler's address (``tcp://HOST:PORT``).
        initializer: Called once in each worker process (per pool's arguments) before its first
            partition; it travels by reference, so the workers must import the same Tonlage.
        initargs: Its arguments.

    Raises:
        ClusterError: Dask is not installed, the scheduler does not answer, it has no workers,
            or its workers run another Tonlage (or none).
    """
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "Dask is not installed here; install the project's requirements (distributed) to use --scheduler."
        ) from None
    _reachable(address)
    import dask

    try:
        # The connect timeout covers the handshake too: a service that is not a Dask scheduler
        # otherwise holds the command until it hangs up.
        with dask.config.set({"distributed.comm.timeouts.connect": f"{CONNECT_TIMEOUT}s"}):
            client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except ValueError as exc:  # an address Dask does not take ("unknown address scheme")
        raise ClusterError(f"'{address}' is not a scheduler address ({exc}); give it as tcp://HOST:PORT.") from None
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"The Dask scheduler at {address} did not answer as a Dask scheduler ({exc.__class__.__name__}); "
            "check the address and that it is running."
        ) from None
    try:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (TimeoutError, OSError):
            raise ClusterError(
                f"The Dask scheduler at {address} has no workers; start some with 'dask worker {address}'."
            ) from None
        _check_workers(client, address)
        yield ClusterPool(client, address, initializer, initargs)
    finally:
        client.close()


def _check_workers(client, address: str) -> None:
    """Every worker must import this Tonlage: the work is sent as references to its functions."""
    from .. import __version__

    try:
        versions = client.run(_worker_version)
    except Exception as exc:
        raise ClusterError(
            f"The workers of the Dask cluster at {address} cannot run Tonlage ({exc.__class__.__name__}); "
            "start them in an environment where Tonlage is installed."
        ) from None
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise ClusterError(
            f"The workers of the Dask cluster at {address} run Tonlage {', '.join(other)}, not {__version__}; "
            "start them in the same environment as this command."
        )
