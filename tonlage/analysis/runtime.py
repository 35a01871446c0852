"""Switches of the Python process itself that the engine flips for a block of work.

Imports nothing heavy: the cache read of the app's first page uses it.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

__all__ = ["paused_gc", "return_free_memory"]


@contextmanager
def paused_gc():
    """The cyclic garbage collector paused for the block (and left as it was after), for work
    that makes many small acyclic objects while a large heap is alive: each allocation burst
    would otherwise have the collector go over the whole heap again. Reading 100,000 stored
    articles took 1.1 s with it running and 0.7 s paused; unpickling an analysis, ten times
    the time of the unpickling itself. The switch is process-wide: keep the block short."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def return_free_memory() -> None:
    """Hand the free pages of the C heap back to the system (glibc's ``malloc_trim``; nothing
    elsewhere). Python frees a text of a few kilobytes into the heap, where it stays counted in
    the process's memory until something of its size is made again: the analysis's later
    stages make large arrays (allocated apart), so 100,000 texts let go (tonlage.analysis.incremental)
    stayed resident. Measured on 102,000 decoded texts: 802 MB before, 297 MB after."""
    import ctypes

    try:
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # the C library the process runs on
    except OSError:
        return
    if trim is not None:
        trim(0)
