"""Analyses kept on disk, keyed by the corpus's content, so a restarted server (or the next
CLI run) opens a corpus it has seen in a fraction of a second instead of re-analysing it.

This module is deliberately light: it imports neither scikit-learn nor the lemmatiser, so a
cache hit never pays for loading them.
"""

from __future__ import annotations

import logging
import hashlib
import os
import pickle
import tempfile
from datetime import date
from pathlib import Path

from . import __version__
from .inputs import corpus_fingerprint, resolve_inputs, resolve_side_files

__all__ = ["cache_dir", "cached_analysis", "cached_workspace_analysis", "MAX_CACHED"]

log = logging.getLogger(__name__)

MAX_CACHED = 20  # analyses kept per cache folder; the oldest are removed first


def cache_dir() -> Path:
    """Where analyses are kept (see :func:`tonlage.settings.cache_dir`). Never inside the repository."""
    from . import settings

    return settings.cache_dir()


def cached_analysis(corpus_dir: str | Path, *, n_themes: int | None = None,
                    events_file: str | Path | None = None, actors_file: str | Path | None = None,
                    random_state: int = 0, fingerprint: str | None = None, use_cache: bool = True):
    """:func:`tonlage.pipeline.analyse_folder`, remembered on disk.

    The key is the corpus fingerprint, the settings, the engine version and today's date (see
    :func:`_remembered`).

    Args:
        fingerprint: The corpus fingerprint if the caller already has it (saves re-hashing).
        use_cache: ``False`` always analyses afresh (and stores nothing).
    """
    corpus_dir, events_file, actors_file = resolve_inputs(corpus_dir, events_file, actors_file)
    fp = fingerprint or corpus_fingerprint(corpus_dir, events_file, actors_file)

    def compute():
        from .pipeline import analyse_folder  # heavy imports only on a cache miss

        return analyse_folder(corpus_dir, n_themes=n_themes, events_file=events_file,
                              actors_file=actors_file, random_state=random_state)

    return _remembered((fp, n_themes, random_state, str(events_file), str(actors_file)), compute, use_cache)


def cached_workspace_analysis(ws, *, n_themes: int | None = None, events_file: str | Path | None = None,
                              actors_file: str | Path | None = None, random_state: int = 0,
                              use_cache: bool = True):
    """The analysis of a :class:`~tonlage.workspace.Workspace` (its articles with the reader's
    edits), remembered on disk by the workspace's revision: any change re-analyses."""
    events_file, actors_file = resolve_side_files(events_file, actors_file)
    fp = ws.fingerprint()

    def compute():
        from .pipeline import analyse_articles

        return analyse_articles(ws.raw_articles(), fingerprint=fp, name=f"workspace: {ws.name}",
                                n_themes=n_themes, events_file=events_file, actors_file=actors_file,
                                random_state=random_state)

    return _remembered((fp, n_themes, random_state, str(events_file), str(actors_file)), compute, use_cache)


def _remembered(parts: tuple, compute, use_cache: bool):
    """``compute()``, or its result kept on disk under a key made of ``parts``, the engine
    version and today's date (date plausibility depends on it). A cache that cannot be read or
    written is ignored: the analysis then simply runs, and the reader never sees a cache error."""
    key = hashlib.sha256(repr((*parts, __version__, date.today().isoformat())).encode()).hexdigest()[:24]
    folder = cache_dir()
    path = folder / f"analysis-{key}.pkl"
    if use_cache and path.is_file():
        try:
            with path.open("rb") as fh:
                result = pickle.load(fh)
            os.utime(path)  # keep recently used analyses when pruning
            return result
        except Exception:  # a truncated or foreign file: recompute below
            log.warning("analysis cache %s could not be read; analysing afresh", path, exc_info=True)
    result = compute()
    if use_cache:
        _store(folder, path, result)
    return result


def _store(folder: Path, path: Path, result) -> None:
    tmp_name = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as tmp:
            tmp_name = tmp.name
            pickle.dump(result, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp_name, path)  # atomic: a reader sees the old file or the whole new one
        tmp_name = None
        kept = sorted(folder.glob("analysis-*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[MAX_CACHED:]:
            old.unlink(missing_ok=True)
    except OSError:  # a read-only home or full disk costs speed, not correctness
        log.warning("analysis cache %s could not be written", folder, exc_info=True)
    finally:
        if tmp_name:
            Path(tmp_name).unlink(missing_ok=True)
