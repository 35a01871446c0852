"""The analysis cache's folder on disk, and small values worked out from an analysis kept in it.

The analyses themselves are :mod:`.store`'s; what else a process may keep there (a part's word
index, :mod:`tonlage.search.word_index`) goes through :func:`keep_bytes` and :func:`kept_buffer`, culled
with the analyses. Light: it imports no analysis code, so any module may use it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "CACHE_BYTES",
    "cache_dir",
    "open_cache",
    "kept_cache",
    "kept_buffer",
    "keep_bytes",
    "kept_frame",
    "keep_frame",
    "kept_table",
    "keep_table",
]

log = logging.getLogger(__name__)

# Disk space analyses may take; beyond it the least recently used go first. An analysis of
# 10,000 articles takes about 100 MB.
CACHE_BYTES = 4 * 1024**3


def cache_dir() -> Path:
    """Where analyses are kept (see :func:`tonlage.settings.cache_dir`). Never inside the repository."""
    from .. import settings

    return settings.cache_dir()


def open_cache():
    """The analyses on disk (diskcache: files with an index, written atomically, safe across
    processes and threads, the least recently used culled above ``CACHE_BYTES``); None when
    the folder cannot be used."""
    import diskcache

    folder = cache_dir()
    try:
        for old in folder.glob("analysis-*.pkl"):  # the cache of Tonlage before 0.3
            old.unlink(missing_ok=True)
        return diskcache.Cache(
            str(folder), size_limit=CACHE_BYTES, eviction_policy="least-recently-used", cull_limit=10
        )
    except Exception:  # a read-only home, a file in the way
        log.warning("analysis cache %s cannot be used; analyses are not kept", folder, exc_info=True)
        return None


@contextlib.contextmanager
def kept_cache() -> Iterator[Any]:
    """The cache opened once for many :func:`kept_buffer` and :func:`keep_bytes` calls (opening
    it costs ~4 ms); None when it cannot be used."""
    cache = open_cache()
    try:
        yield cache
    finally:
        if cache is not None:
            cache.close()


def kept_buffer(name: str, cache=None):
    """What :func:`keep_bytes` kept under ``name``, as an Arrow buffer: the file the cache keeps
    it in, memory-mapped (read in place; the system shares its pages between processes and can
    drop them), or its bytes where the cache keeps it in its database. None when the cache has
    none, or cannot be read. ``cache``: one of :func:`kept_cache`, else it is opened here."""
    if cache is None:
        with kept_cache() as opened:
            return None if opened is None else kept_buffer(name, opened)
    import pyarrow as pa

    try:
        found = cache.get(name, default=None, read=True, retry=True)
        if found is None:
            return None
        if isinstance(found, bytes):  # small: kept in the cache's database
            return pa.py_buffer(found)
        with found:
            path = getattr(found, "name", None)
            if isinstance(path, str):
                return pa.memory_map(path).read_buffer()
            return pa.py_buffer(found.read())
    except Exception:  # a damaged entry: it is worked out again
        log.warning("cache entry %s in %s could not be read", name, cache.directory, exc_info=True)
        return None


def keep_bytes(name: str, data: bytes, cache=None) -> None:
    """Keep ``data`` under ``name``. A cache that cannot be written costs the next process the
    work again, nothing else. ``cache``: one of :func:`kept_cache`, else it is opened here."""
    if cache is None:
        with kept_cache() as opened:
            if opened is not None:
                keep_bytes(name, data, opened)
        return
    try:
        cache.set(name, data, retry=True)
    except Exception:  # a full disk, a read-only cache
        log.warning("cache entry %s in %s could not be written", name, cache.directory, exc_info=True)


def keep_table(name: str, table, cache=None) -> None:
    """Keep an Arrow table under ``name``, in Arrow's stream format (:func:`kept_table`)."""
    import io

    import pyarrow as pa

    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    keep_bytes(name, sink.getvalue(), cache)


def kept_table(name: str, cache=None):
    """The Arrow table :func:`keep_table` kept under ``name`` (its columns mapped from the
    cache's file where it keeps one: read-only, shared between processes), or None when none
    is kept or it cannot be read."""
    import pyarrow as pa

    data = kept_buffer(name, cache)
    if data is None:
        return None
    try:
        return pa.ipc.open_stream(data).read_all()
    except (pa.ArrowInvalid, ValueError):  # damaged: worked out again
        log.warning("cache entry %s could not be read as a table", name, exc_info=True)
        return None


def keep_frame(name: str, frame, cache=None) -> None:
    """Keep a table (a pandas DataFrame, its index left out) under ``name``, in Arrow's stream
    format: read back by :func:`kept_frame` with its columns' types (categories too)."""
    import pyarrow as pa

    keep_table(name, pa.Table.from_pandas(frame, preserve_index=False), cache)


def kept_frame(name: str, cache=None):
    """The table :func:`keep_frame` kept under ``name`` (a new pandas DataFrame), or None when
    none is kept or it cannot be read."""
    table = kept_table(name, cache)
    return None if table is None else table.to_pandas()
