"""Opening zip archives safely: every member stays in memory, nothing is written to disk.

An archive is input we did not write, so it is read defensively. Whatever the central directory
can tell is checked first, because that is instant: how many members, how much they declare to
unpack to, and whether a member declares an impossible compression ratio. The members are then
decompressed in small chunks under a running budget, because declared sizes can lie: the actual
bytes decide whether a member is too large, whether the archive as a whole unpacks to too much,
and whether a member is a "zip bomb". Members that cannot or must not be read (unsafe paths,
links, system files, passwords, damage) are reported as :class:`Skipped`, so the ingest report
lists every member of the archive.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass

from ..i18n import Message, message, nmessage
from .errors import IngestError
from .limits import Limits
from .records import Document

try:  # zipfile reads LZMA members only when Python was built with lzma
    import lzma

    _LZMA_ERRORS: tuple[type[BaseException], ...] = (lzma.LZMAError,)
except ImportError:  # pragma: no cover - depends on the Python build
    _LZMA_ERRORS = ()

__all__ = ["Skipped", "is_archive", "expand"]

_MB = 1024 * 1024
# Members are decompressed this much at a time; small enough that a bomb is caught after a few
# megabytes, large enough that a 50 MB member needs only a few hundred calls.
_CHUNK = 64 * 1024
# Below this much output the ratio is not judged: small, very repetitive files are harmless.
_RATIO_GRACE = _MB
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Office and e-book files are zips too, but the format readers read them as documents.
_ZIP_CONTAINERS = (".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".odp", ".epub")
_SYSTEM_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
# What zipfile and the decompressors raise on damaged or hostile input. IngestError is a
# ValueError, so the code below re-raises it before these are caught.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    IndexError,
    OverflowError,
    KeyError,
) + _LZMA_ERRORS
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FLAG_ENCRYPTED = 0x1
_FLAG_UTF8 = 0x800
_DAMAGED = message("The file is damaged inside the archive and could not be read.")
# Letters a German (or French/Spanish) file name plausibly holds; used to tell a correctly
# decoded legacy name from mojibake.
_PLAUSIBLE = set("äöüÄÖÜßéèêëàáâçñíìîïóòôúùûÉÈÀÇ–—„“”‘’«»…€§°")


@dataclass(frozen=True)
class Skipped:
    """A member of an archive (or a file) that was not read, and why.

    Attributes:
        name: Display path, e.g. "clips.zip/__MACOSX/._a.txt".
        reason: One plain sentence for a non-technical reader (a :class:`~tonlage.i18n.Message`).
    """

    name: str
    reason: str


def is_archive(name: str, data: bytes) -> bool:
    """Whether a document is a zip archive to open (rather than a file to read).

    Args:
        name: The document's display name; a ``.zip`` suffix decides on its own.
        data: The document's bytes; the zip signature at the start decides otherwise.

    Returns:
        True for a ``.zip`` name or zip bytes, except Office/OpenDocument/EPUB files, which are
        zips that the format readers read as documents.
    """
    lower = name.lower()
    if lower.endswith(".zip"):
        return True
    if lower.endswith(_ZIP_CONTAINERS):
        return False
    return data[:4] in _ZIP_MAGIC


def expand(doc: Document, limits: Limits) -> list[Document | Skipped]:
    """Every member of a zip archive, read into memory, in archive order.

    Nested archives are opened in place (their members are listed, not the archive itself),
    down to ``limits.max_depth`` levels; the member count and the byte budget are shared by all
    levels. Directories produce nothing.

    Args:
        doc: The archive; ``doc.name`` prefixes every member's display name.
        limits: The caps to apply.

    Returns:
        One :class:`Document` (name ``f"{doc.name}/{member path}"``) or :class:`Skipped` per
        member; an empty list for an empty archive.

    Raises:
        IngestError: The whole archive is refused: it is damaged or not a zip archive, holds
            too many members, unpacks to too much, or is a zip bomb. Nothing is returned then.
    """
    expander = _Expander(limits)
    zf, reader = _open(doc.data)
    with zf:
        expander.walk(zf, reader, doc.name, depth=1)
    return expander.out


# --- internals ---------------------------------------------------------------------------------
class _CountingReader(io.BytesIO):
    """The archive bytes, counting what is read from them: zipfile reads a member's compressed
    bytes through this, so the count is the member's compressed size consumed so far. That is
    what the actual ratio is measured against (the declared compressed size can lie too)."""

    consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.consumed += len(data)
        return data


def _open(data: bytes) -> tuple[zipfile.ZipFile, _CountingReader]:
    reader = _CountingReader(data)
    try:
        return zipfile.ZipFile(reader), reader
    except _ZIP_ERRORS:
        raise IngestError(
            message("This .zip file is damaged or not a zip archive; download or create it again.")
        ) from None


def _size(n: int) -> Message:
    """A byte count for a reader: "50 MB", "512 KB", "900 bytes"."""
    if n >= _MB:
        return message("{size} MB", size=round(n / _MB))
    if n >= 1024:
        return message("{size} KB", size=round(n / 1024))
    return nmessage("{n} byte", "{n} bytes", n)


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's path, with umlauts recovered where zipfile had to guess the encoding.

    Names without the UTF-8 flag are decoded by zipfile as cp437 (the old DOS code page, which
    also matches how Windows writes German names). Many tools write UTF-8 without setting the
    flag, and some write cp1252; both come out garbled as cp437, so those are tried.
    """
    name = info.filename
    if info.flag_bits & _FLAG_UTF8 or name.isascii():
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:  # zipfile decoded it differently; leave it alone
        return name
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if all(c.isascii() or c in _PLAUSIBLE for c in name):
        return name
    try:
        ansi = raw.decode("cp1252")
    except UnicodeDecodeError:
        return name
    if all(c.isascii() or c.isalpha() or c in _PLAUSIBLE for c in ansi):
        return ansi
    return name


def _unsafe(path: str) -> Message | str:
    """Why a member path is unsafe ("" if it is not): it could reach outside the archive."""
    if path.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", path):
        return message("it starts at the root of a disk or network drive")
    if ".." in re.split(r"[\\/]", path):
        return message("it points outside the archive")
    return ""


def _is_link(info: zipfile.ZipInfo) -> bool:
    # Unix zips keep the file mode in the high 16 bits of the external attributes.
    return stat.S_ISLNK(info.external_attr >> 16)


def _is_system_file(path: str) -> bool:
    parts = [p for p in re.split(r"[\\/]", path) if p]
    if not parts:
        return False
    base = parts[-1]
    return "__MACOSX" in parts or base.startswith("._") or base.lower() in _SYSTEM_NAMES


def _bomb() -> IngestError:
    return IngestError(
        message(
            "This archive was refused: it unpacks to far more data than it holds "
            "(a 'zip bomb'); if you made it yourself, pack the files again normally."
        )
    )


class _Expander:
    """The state shared by all levels of one archive: limits, members counted, bytes used."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.members = 0
        self.used = 0
        self.out: list[Document | Skipped] = []
        self.names: set[str] = set()

    # -- the whole archive ---------------------------------------------------------------------
    def walk(self, zf: zipfile.ZipFile, reader: _CountingReader, prefix: str, depth: int) -> None:
        """Checks one (possibly nested) archive's central directory, then reads its members."""
        lim = self.limits
        infos = zf.infolist()
        # Counted before anything else is looked at, so a huge member list is refused at once.
        self.members += sum(1 for info in infos if not info.filename.endswith(("/", "\\")))
        if self.members > lim.max_archive_members:
            raise IngestError(
                message(
                    "This archive holds more than {count} files, more than Tonlage reads from one "
                    "archive; split it into smaller archives.",
                    count=lim.max_archive_members,
                )
            )
        plan: list[tuple[zipfile.ZipInfo, str, str | None]] = []  # info, display name, skip reason
        for info in infos:
            # Control characters would garble the ingest report; they are never part of a real name.
            path = _CONTROL.sub("", _member_name(info))
            reason = self._verdict(info, path)
            if reason != "":  # "" is a directory: nothing to list
                plan.append((info, f"{prefix}/{path}", reason))
        declared = sum(info.file_size for info, _, reason in plan if reason is None)
        if self.used + declared > lim.max_total_bytes:
            raise self._too_much()

        for info, name, reason in plan:
            if reason is not None:
                self._add(Skipped(self._unique(name), reason))
            else:
                self._read(zf, reader, info, name, depth)

    def _verdict(self, info: zipfile.ZipInfo, path: str) -> str | None:
        """Why a member is skipped without reading; "" for a directory, None to read it.

        Raises:
            IngestError: The member declares a zip-bomb ratio.
        """
        why = _unsafe(path)
        if why:
            return message("The file has an unsafe path ({why}) and was not read.", why=why)
        if _is_link(info):
            return message("The file has an unsafe path (it is a link to another file) and was not read.")
        if path.endswith(("/", "\\")):
            return ""
        if _is_system_file(path):
            return message("A system file (macOS/Windows folder data), not an article.")
        if info.flag_bits & _FLAG_ENCRYPTED:
            return message("The file is password-protected; unzip it first and add the files themselves.")
        if info.file_size > _RATIO_GRACE and info.file_size > self.limits.max_ratio * max(info.compress_size, 1):
            raise _bomb()  # declared honestly, so refused before a byte is decompressed
        if info.file_size > self.limits.max_file_bytes:
            return self._too_large()
        return None

    def _too_large(self) -> Message:
        return message(
            "The file is larger than the {size} limit per file; split it into smaller files.",
            size=_size(self.limits.max_file_bytes),
        )

    def _too_much(self) -> IngestError:
        return IngestError(
            message(
                "This archive unpacks to more than {size}, the limit for one archive; split it into smaller archives.",
                size=_size(self.limits.max_total_bytes),
            )
        )

    # -- one member ----------------------------------------------------------------------------
    def _read(self, zf: zipfile.ZipFile, reader: _CountingReader, info: zipfile.ZipInfo, name: str, depth: int) -> None:
        got = self._decompress(zf, reader, info)
        if isinstance(got, str):
            self._add(Skipped(self._unique(name), got))
        elif not is_archive(name, got):
            self._add(Document(self._unique(name), got))
        elif depth + 1 > self.limits.max_depth:
            self._add(
                Skipped(
                    self._unique(name),
                    nmessage(
                        "Archives nested deeper than {n} level are not opened; unpack this one first.",
                        "Archives nested deeper than {n} levels are not opened; unpack this one first.",
                        self.limits.max_depth,
                    ),
                )
            )
        else:
            try:
                inner, inner_reader = _open(got)
            except IngestError:
                self._add(
                    Skipped(
                        self._unique(name),
                        message(
                            "This archive inside the archive is damaged or not a zip archive, so it was not opened."
                        ),
                    )
                )
                return
            with inner:
                self.walk(inner, inner_reader, name, depth + 1)

    def _decompress(self, zf: zipfile.ZipFile, reader: _CountingReader, info: zipfile.ZipInfo) -> bytes | str:
        """The member's bytes, or why it was skipped. Raises IngestError to refuse the archive."""
        lim = self.limits
        # zipfile stops at the declared size; declare more, so that the actual bytes are what
        # the caps below judge (a member that lies about its size is then caught, not truncated).
        capped = copy.copy(info)
        capped.file_size = lim.max_file_bytes + 2 * _CHUNK
        parts: list[bytes] = []
        size = 0
        try:
            with zf.open(capped) as fh:
                reader.consumed = 0
                while chunk := fh.read(_CHUNK):
                    size += len(chunk)
                    self.used += len(chunk)
                    if self.used > lim.max_total_bytes:
                        raise self._too_much()
                    if size > _RATIO_GRACE and size > lim.max_ratio * max(reader.consumed, 1):
                        raise _bomb()
                    if size > lim.max_file_bytes:
                        return self._too_large()
                    parts.append(chunk)
        except IngestError:
            raise
        except NotImplementedError:
            return message(
                "The file is packed with a compression method Tonlage cannot read; pack the files "
                "again as a normal .zip."
            )
        except _ZIP_ERRORS:
            return _DAMAGED
        if size != info.file_size:  # a member larger or smaller than declared is damaged
            return _DAMAGED
        return b"".join(parts)

    # -- output ----------------------------------------------------------------------------------
    def _unique(self, name: str) -> str:
        """Display names must be unique within an ingest; a zip may repeat a member name."""
        if name not in self.names:
            self.names.add(name)
            return name
        stem, ext = posixpath.splitext(name)
        k = 2
        while f"{stem} ({k}){ext}" in self.names:
            k += 1
        name = f"{stem} ({k}){ext}"
        self.names.add(name)
        return name

    def _add(self, item: Document | Skipped) -> None:
        self.out.append(item)
