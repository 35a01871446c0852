"""Uploads wait on disk until they are in a workspace: never only in memory, never lost.

An upload arrives in the app's memory. It is copied to a *spool* folder under the per-user
data folder at once, in chunks (so a batch of large files is never held twice), and read from
there by the import. The spool is removed only when the import has finished; when the import
fails (a full disk, a busy workspace) or the server stops, the files are still there, and the
Corpus page offers to add them again or to discard them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from ..i18n import nmessage
from .archive import Skipped
from .limits import Limits
from .records import Document

__all__ = ["Spool", "pending_spools", "release_memory", "BatchTooLarge"]

log = logging.getLogger(__name__)
_CHUNK = 1 << 20
_MANIFEST = "manifest.json"


class BatchTooLarge(ValueError):
    """The files chosen at once are larger together than ``Limits.max_batch_bytes``."""


def _spool_root(root: Path | None) -> Path:
    from ..storage.workspace import data_dir

    return (root or data_dir()) / "spool"


@dataclass
class Spool:
    """One batch of uploads waiting for an import into ``workspace``."""

    folder: Path
    workspace: str
    created: str
    files: list[dict]  # {"name": display name, "stored": file name in the folder, "size": bytes}

    @classmethod
    def create(cls, workspace: str, *, root: Path | None = None) -> Spool:
        folder = _spool_root(root) / uuid.uuid4().hex
        (folder / "files").mkdir(parents=True)
        spool = cls(folder, workspace, datetime.now(UTC).isoformat(timespec="seconds"), [])
        spool._save()
        return spool

    @classmethod
    def open(cls, folder: Path) -> Spool:
        meta = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        return cls(folder, str(meta["workspace"]), str(meta["created"]), list(meta["files"]))

    def _save(self) -> None:
        tmp = self.folder / (_MANIFEST + ".tmp")
        tmp.write_text(
            json.dumps({"workspace": self.workspace, "created": self.created, "files": self.files}, ensure_ascii=False),
            encoding="utf-8",
        )
        tmp.replace(self.folder / _MANIFEST)

    def add(self, name: str, source: BinaryIO) -> None:
        """Copy one upload (a file-like object, read in chunks) under its display ``name``."""
        stored = f"{len(self.files):06d}"
        size = 0
        with open(self.folder / "files" / stored, "wb") as out:
            while True:
                chunk = source.read(_CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                size += len(chunk)
        self.files.append({"name": name, "stored": stored, "size": size})
        self._save()

    @property
    def total_bytes(self) -> int:
        return sum(int(f["size"]) for f in self.files)

    def documents(self, limits: Limits | None = None) -> Iterator[Document | Skipped]:
        """The uploads as documents, read one at a time, with the names the reader gave them
        (made safe and unique the same way as :func:`~tonlage.ingest.run.documents_from_uploads`)."""
        from .run import size_limit, too_big_reason, upload_names

        limits = limits or Limits()
        for f, name in zip(self.files, upload_names([f["name"] for f in self.files])):
            if int(f["size"]) > size_limit(name, limits):
                yield Skipped(name, too_big_reason(name, limits))
                continue
            yield Document(name, (self.folder / "files" / f["stored"]).read_bytes())

    def metadata(self) -> dict:
        """The rows of a ``metadata.csv`` among the uploads, applied to the others."""
        from .run import upload_metadata, upload_names

        names = upload_names([f["name"] for f in self.files])
        side = [
            (n, (self.folder / "files" / f["stored"]).read_bytes())
            for f, n in zip(self.files, names)
            if n == "metadata.csv"
        ]
        return upload_metadata(side)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def pending_spools(workspace: str | None = None, *, root: Path | None = None) -> list[Spool]:
    """Batches still waiting (oldest first), for one workspace or all."""
    folder = _spool_root(root)
    out = []
    for sub in sorted(folder.iterdir()) if folder.is_dir() else []:
        try:
            spool = Spool.open(sub)
        except (OSError, ValueError, KeyError):
            continue  # half-written (the server stopped while copying): nothing complete to offer
        if workspace is None or spool.workspace == workspace:
            out.append(spool)
    return sorted(out, key=lambda s: s.created)


def check_batch(sizes: list[int], limits: Limits) -> None:
    """Raise :class:`BatchTooLarge` when the files chosen at once exceed the batch cap."""
    total = sum(sizes)
    if total > limits.max_batch_bytes:
        raise BatchTooLarge(
            nmessage(
                "This file is {mb} MB; one upload may hold at most {cap} MB. Put it in a folder and add the folder.",
                "These {n} files are {mb} MB together; one upload may hold at most {cap} MB. Upload them in smaller "
                "batches (or put them in a folder and add the folder).",
                len(sizes),
                mb=round(total / 1024 / 1024),
                cap=round(limits.max_batch_bytes / 1024 / 1024),
            )
        )


def release_memory() -> None:
    """Give memory freed by a large upload back to the operating system (glibc keeps freed
    blocks for reuse otherwise, and the server's size stays at its peak)."""
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)
