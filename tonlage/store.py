"""Analyses kept on disk, keyed by the corpus's content, so a restarted server (or the next
CLI run) opens a corpus it has seen in a fraction of a second instead of re-analysing it.

This module is deliberately light: it imports neither scikit-learn nor the lemmatiser, so a
cache hit never pays for loading them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from datetime import date
from pathlib import Path

from . import DEFAULT_DATA_DIR, __version__

__all__ = ["corpus_fingerprint", "folder_signature", "cache_dir", "cached_analysis", "cached_workspace_analysis",
           "resolve_inputs", "resolve_side_files", "MAX_CACHED"]

MAX_CACHED = 20  # analyses kept per cache folder; the oldest are removed first
# Part of every cache key: raise it whenever the analysis's tables change in content or columns,
# so an analysis kept by an older engine of the same version is not shown (2: themes with
# c-TF-IDF labels and a stability column).
ANALYSIS_FORMAT = 2


def corpus_fingerprint(corpus_dir: str | Path, *extra_files: str | Path | None) -> str:
    """Content hash of every file in ``corpus_dir`` (names and bytes), the extra files given
    (events, actors) and the engine version: the key of an analysis."""
    h = hashlib.sha256(__version__.encode())
    root = Path(corpus_dir)
    paths = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
    for p in [*paths, *(Path(f) for f in extra_files if f)]:
        h.update(str(p.relative_to(root) if p.is_relative_to(root) else p.name).encode())
        try:
            with p.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
        except OSError:
            h.update(b"<unreadable>")
    return h.hexdigest()[:16]


def folder_signature(corpus_dir: str | Path, *extra_files: str | Path | None) -> str:
    """A cheap stand-in for the fingerprint: names, sizes and modification times only.

    Reading every byte of 100,000 files takes seconds; listing them takes a fraction of that.
    The app re-hashes the content only when this signature changes.
    """
    h = hashlib.sha256()
    root = Path(corpus_dir)
    entries = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
    for p in [*entries, *(Path(f) for f in extra_files if f)]:
        try:
            st = p.stat()
            h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{p}\0missing\n".encode())
    return h.hexdigest()[:16]


def resolve_inputs(corpus_dir: str | Path, events_file: str | Path | None = None,
                   actors_file: str | Path | None = None) -> tuple[Path, Path | None, Path | None]:
    """Absolute corpus folder, events file and actor list, with the defaults filled in: events
    from ``events.csv`` in the folder (if any), actors from the bundled ``data/actors.csv``.
    The app and the CLI name the same inputs the same way, so they share cached analyses."""
    corpus = Path(corpus_dir).resolve()
    if events_file is None and (corpus / "events.csv").is_file():
        events_file = corpus / "events.csv"
    return (corpus, *resolve_side_files(events_file, actors_file))


def resolve_side_files(events_file: str | Path | None = None, actors_file: str | Path | None = None
                       ) -> tuple[Path | None, Path | None]:
    """Absolute events file (None when not given) and actor list (the bundled one by default)."""
    actors_file = actors_file or DEFAULT_DATA_DIR / "actors.csv"
    return (Path(events_file).resolve() if events_file else None,
            Path(actors_file).resolve() if Path(actors_file).is_file() else None)


def cache_dir() -> Path:
    """Where analyses are kept: ``TONLAGE_CACHE_DIR``, else ``$TONLAGE_DATA_DIR/cache``, else
    ``~/.cache/tonlage`` (``$XDG_CACHE_HOME`` honoured). Never inside the repository."""
    if os.environ.get("TONLAGE_CACHE_DIR"):
        return Path(os.environ["TONLAGE_CACHE_DIR"])
    if os.environ.get("TONLAGE_DATA_DIR"):
        return Path(os.environ["TONLAGE_DATA_DIR"]) / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tonlage"


def cached_analysis(corpus_dir: str | Path, *, n_themes: int | None = None,
                    events_file: str | Path | None = None, actors_file: str | Path | None = None,
                    random_state: int = 0, fingerprint: str | None = None, use_cache: bool = True,
                    theme_encoder: bool = False):
    """:func:`tonlage.pipeline.analyse_folder`, remembered on disk.

    The key is the corpus fingerprint, the settings, the engine version and today's date (see
    :func:`_remembered`).

    Args:
        fingerprint: The corpus fingerprint if the caller already has it (saves re-hashing).
        use_cache: ``False`` always analyses afresh (and stores nothing).
        theme_encoder: The themes' quality mode (see :func:`tonlage.pipeline.analyse_folder`).
    """
    corpus_dir, events_file, actors_file = resolve_inputs(corpus_dir, events_file, actors_file)
    fp = fingerprint or corpus_fingerprint(corpus_dir, events_file, actors_file)

    def compute():
        from .pipeline import analyse_folder  # heavy imports only on a cache miss

        return analyse_folder(corpus_dir, n_themes=n_themes, events_file=events_file,
                              actors_file=actors_file, random_state=random_state, theme_encoder=theme_encoder)

    return _remembered((fp, n_themes, random_state, str(events_file), str(actors_file), *_mode(theme_encoder)),
                       compute, use_cache)


def cached_workspace_analysis(ws, *, n_themes: int | None = None, events_file: str | Path | None = None,
                              actors_file: str | Path | None = None, random_state: int = 0,
                              use_cache: bool = True, theme_encoder: bool = False):
    """The analysis of a :class:`~tonlage.workspace.Workspace` (its articles with the reader's
    edits), remembered on disk by the workspace's revision: any change re-analyses."""
    events_file, actors_file = resolve_side_files(events_file, actors_file)
    fp = ws.fingerprint()

    def compute():
        from .pipeline import analyse_articles

        return analyse_articles(ws.raw_articles(), fingerprint=fp, name=f"workspace: {ws.name}",
                                n_themes=n_themes, events_file=events_file, actors_file=actors_file,
                                random_state=random_state, theme_encoder=theme_encoder)

    return _remembered((fp, n_themes, random_state, str(events_file), str(actors_file), *_mode(theme_encoder)),
                       compute, use_cache)


def _mode(theme_encoder: bool) -> tuple:
    # Only the quality mode adds to the key, so analyses cached before it existed still match.
    return ("theme-encoder",) if theme_encoder else ()


def _remembered(parts: tuple, compute, use_cache: bool):
    """``compute()``, or its result kept on disk under a key made of ``parts``, the engine
    version and today's date (date plausibility depends on it). A cache that cannot be read or
    written is ignored: the analysis then simply runs, and the reader never sees a cache error."""
    key_parts = (*parts, __version__, ANALYSIS_FORMAT, date.today().isoformat())
    key = hashlib.sha256(repr(key_parts).encode()).hexdigest()[:24]
    folder = cache_dir()
    path = folder / f"analysis-{key}.pkl"
    if use_cache and path.is_file():
        try:
            with path.open("rb") as fh:
                result = pickle.load(fh)
            os.utime(path)  # keep recently used analyses when pruning
            return result
        except Exception:  # a truncated or foreign file: recompute below
            pass
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
    except OSError:
        pass  # a read-only home or full disk costs speed, not correctness
    finally:
        if tmp_name:
            Path(tmp_name).unlink(missing_ok=True)
