"""Small helpers shared by the format readers: decoding, quiet libraries, warning lists."""

from __future__ import annotations

import logging
import re
import struct
import threading
import zipfile
from contextlib import contextmanager

from ...i18n import Message, message, nmessage
from ...reading.encoding import Decoded, decode_bytes, looks_binary
from ..errors import IngestError
from ..limits import Limits

EMPTY_FILE = message("The file is empty (0 bytes of text); check that it was saved or copied completely.")

__all__ = ["EMPTY_FILE", "decode_text", "quiet_loggers", "Warnings", "check_zip", "strip_title_line", "clean_lines"]

# Individual warnings shown per file before the rest are summed up: a table with 40,000 ragged
# lines should give the reader one screen, not 40,000 sentences.
MAX_WARNINGS = 10


# What a text format is, as a reader would say it ("This looks like a binary file, not {what}").
TEXT = message("text")


def decode_text(data: bytes, *, what: Message = TEXT) -> Decoded:
    """Bytes of a text format to text, refusing binary and empty files.

    Raises:
        IngestError: The bytes are not text, or there is nothing but white space.
    """
    if not data.strip():
        raise IngestError(EMPTY_FILE)
    if looks_binary(data):
        raise IngestError(
            message(
                "This looks like a binary file, not {what}; check that it was saved in the right format.", what=what
            )
        )
    decoded = decode_bytes(data)
    if not decoded.text.strip().strip("\ufeff").strip():
        raise IngestError(message("The file holds no text."))
    return decoded


# Library loggers are raised to CRITICAL while a reader runs. Several reads may overlap (the app
# serves sessions in threads), so a count per logger makes only the last one out restore it.
_QUIET_LOCK = threading.Lock()
_QUIET_DEPTH: dict[str, tuple[int, int]] = {}


@contextmanager
def quiet_loggers(*names: str):
    """Silence the named library loggers for the duration (pypdf and trafilatura log every
    oddity of a file at WARNING, which would only clutter the console)."""
    with _QUIET_LOCK:
        for name in names:
            depth, level = _QUIET_DEPTH.get(name, (0, logging.getLogger(name).level))
            if depth == 0:
                logging.getLogger(name).setLevel(logging.CRITICAL)
            _QUIET_DEPTH[name] = (depth + 1, level)
    try:
        yield
    finally:
        with _QUIET_LOCK:
            for name in names:
                depth, level = _QUIET_DEPTH[name]
                if depth == 1:
                    logging.getLogger(name).setLevel(level)
                    del _QUIET_DEPTH[name]
                else:
                    _QUIET_DEPTH[name] = (depth - 1, level)


class Warnings:
    """Collects per-line warnings and sums up the ones beyond :data:`MAX_WARNINGS`."""

    def __init__(self) -> None:
        self._shown: list[Message] = []
        self._more = 0

    def add(self, sentence: Message) -> None:
        if len(self._shown) < MAX_WARNINGS:
            self._shown.append(sentence)
        else:
            self._more += 1

    def sentences(self) -> list[Message]:
        if not self._more:
            return list(self._shown)
        return self._shown + [
            nmessage(
                "{n} more problem like these was not listed.",
                "{n} more problems like these were not listed.",
                self._more,
            )
        ]


def check_zip(data: bytes, limits: Limits, *, damaged: Message) -> None:
    """Refuse an Office file (a zip archive) that is not a zip or would unpack to a bomb.

    Declared sizes are trustworthy here: Python's zip reader never returns more bytes than a
    member declares, so checking them before the Office library reads is enough.

    Args:
        damaged: The sentence to raise when the bytes are not a readable zip archive.

    Raises:
        IngestError: Not a zip archive, or its members would unpack beyond the limits.
    """
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError, struct.error):
        raise IngestError(damaged) from None
    total = sum(info.file_size for info in infos)
    too_big = total > limits.max_total_bytes or any(
        info.file_size > 1_000_000 and info.file_size > limits.max_ratio * max(info.compress_size, 1) for info in infos
    )
    if too_big:
        raise IngestError(
            message(
                "This file would unpack to far more data than it holds, so it was not opened; "
                "open it and save it again."
            )
        )


_SPACE = re.compile(r"[ \t\u00a0]+")


def clean_lines(text: str) -> str:
    """Line ends unified, runs of spaces collapsed, blank-line runs cut to one, ends trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _key(s: str) -> str:
    return re.sub(r"\W+", " ", s.casefold()).strip()


def strip_title_line(text: str, title: str) -> str:
    """The text without a first line that repeats the title (web pages and Word files usually
    carry the headline both as metadata and as the first paragraph)."""
    if not title:
        return text
    first, sep, rest = text.lstrip().partition("\n")
    if _key(first) and _key(first) == _key(title):
        return rest.lstrip("\n")
    return text
