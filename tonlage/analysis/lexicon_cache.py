"""simplemma's German dictionary, decoded once and kept on disk.

simplemma ships its dictionaries front-coded and compressed; decoding the German one (1.1 M
forms) takes 1.3-1.8 s of CPU in every process that lemmatises: the workers' forkserver before
it can fork a worker (an add to a large workspace waits for it), and an analysis run in one
process (a small corpus, the app's first page). Read back from a marshal file it takes
0.5-0.7 s (2026-12-01, shared machine: ``import tonlage.analysis.preload``, the forkserver's start, took
2.64 s of CPU with simplemma's own loading and 1.46-1.57 s with the kept file).

The file lives in the analysis cache folder (:func:`tonlage.settings.cache_dir`), named by
simplemma's version, the shipped file's digest and Python's version (marshal's format), and is
written atomically. Anything unexpected (another simplemma, a damaged or unwritable file) falls
back to simplemma's own loading: the lemmas are the same either way, only the time differs.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path

__all__ = ["load_german_dictionary", "dictionary_file"]

log = logging.getLogger(__name__)

_LOADED = False


def _simplemma_parts():
    """(simplemma's version, the shipped German data file, its shared dictionary factory), or
    None when simplemma is not laid out as 2.0 is (the dictionary then loads as simplemma does)."""
    try:
        import simplemma
        from simplemma.strategies.dictionaries import dictionary_factory as factories
    except ImportError:
        return None
    shared = getattr(factories, "DEFAULT_DICTIONARY_FACTORY", None)
    data = getattr(factories, "DATA_FOLDER", None)
    if shared is None or data is None or not hasattr(shared, "_get_dictionary"):
        return None
    if not hasattr(factories, "MappingStrToByteString"):
        return None
    return simplemma.__version__, Path(data) / "de.plzma", shared, factories


def dictionary_file(folder: Path | None = None) -> Path | None:
    """Where the decoded dictionary is kept (None: simplemma is not one this module knows)."""
    from ..settings import cache_dir

    parts = _simplemma_parts()
    if parts is None:
        return None
    version, shipped, _, _ = parts
    try:
        digest = hashlib.blake2b(shipped.read_bytes(), digest_size=8).hexdigest()
    except OSError:
        return None
    py = f"{sys.version_info.major}{sys.version_info.minor}"
    return (folder or cache_dir()) / "lexicons" / f"simplemma-{version}-de-{digest}-py{py}.marshal"


def _read(path: Path) -> dict | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    return data


def _write(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".simplemma-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(data))
            os.replace(tmp, path)  # whole or not at all, whoever else writes it at once
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:  # a read-only cache: the dictionary is decoded again next time
        log.debug("could not keep simplemma's German dictionary in %s", path.parent, exc_info=True)


def load_german_dictionary(folder: Path | None = None) -> bool:
    """Make simplemma's German dictionary ready in this process, from the kept file when there is
    one (and keep it when there is not). Returns True when it came from the kept file.

    Idempotent and cheap after the first call (a process forked from one that called it has it)."""
    global _LOADED
    if _LOADED:
        return False
    _LOADED = True
    parts = _simplemma_parts()
    path = dictionary_file(folder)
    if parts is None or path is None:
        return False
    _, _, shared, factories = parts
    info = getattr(shared._get_dictionary, "cache_info", None)
    if info is not None and info().currsize:
        # simplemma decoded a dictionary itself already (an upload's encoding was checked against
        # its German and English words): another German one beside it would hold ~100 MB twice.
        return False
    data = _read(path)
    kept = data is not None
    if data is None:
        mapping = shared.get_dictionary("de")  # simplemma's own decoding, kept by it from now on
        data = getattr(mapping, "_dict", None)
        if not isinstance(data, dict):  # its bytes as simplemma holds them, else made again once
            data = {k.encode(): v.encode() for k, v in mapping.items()}
        _write(path, data)
        return False
    loaded = factories.MappingStrToByteString(data)
    uncached = shared._get_dictionary

    def get_dictionary(lang: str):
        return loaded if lang == "de" else uncached(lang)

    shared._get_dictionary = get_dictionary
    return kept
