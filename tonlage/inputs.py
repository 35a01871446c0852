"""A corpus's inputs: where its files are, which events and actor list go with it, and what
their content hash is (the key of its analysis). Light on purpose: a cache hit in
:mod:`tonlage.storage.store` needs nothing heavier."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import DEFAULT_DATA_DIR, __version__

__all__ = ["corpus_fingerprint", "folder_signature", "resolve_inputs", "resolve_side_files"]


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


def resolve_inputs(
    corpus_dir: str | Path, events_file: str | Path | None = None, actors_file: str | Path | None = None
) -> tuple[Path, Path | None, Path | None]:
    """Absolute corpus folder, events file and actor list, with the defaults filled in: events
    from ``events.csv`` in the folder (if any), actors from the bundled ``data/actors.csv``.
    The app and the CLI name the same inputs the same way, so they share cached analyses."""
    corpus = Path(corpus_dir).resolve()
    if events_file is None and (corpus / "events.csv").is_file():
        events_file = corpus / "events.csv"
    return (corpus, *resolve_side_files(events_file, actors_file))


def resolve_side_files(
    events_file: str | Path | None = None, actors_file: str | Path | None = None
) -> tuple[Path | None, Path | None]:
    """Absolute events file (None when not given) and actor list (the bundled one by default)."""
    actors_file = actors_file or DEFAULT_DATA_DIR / "actors.csv"
    return (
        Path(events_file).resolve() if events_file else None,
        Path(actors_file).resolve() if Path(actors_file).is_file() else None,
    )
