"""Bytes to text for files we did not write: encodings detected, mojibake repaired, guesses said.

Order matters (short German text fools detectors: cp1252 "Müller" reads as UTF-16 garbage to
charset-normalizer): byte-order marks, then strict UTF-8, then UTF-16 recognised by its zero
bytes, then Windows-1252 when it decodes cleanly, and only then a detection library.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode_bytes", "looks_binary", "repair_mojibake"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, line feed, form feed and carriage return: their presence
# after a single-byte decode means the guess was wrong (or the file is not text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# UTF-8 read as Windows-1252/Latin-1 ("Ã¤" for "ä", "â€“" for "–", "Â " for a no-break space).
_MOJIBAKE = re.compile(r"[ÃÂ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€")


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and a plain note when it was a guess or repaired."""

    text: str
    encoding: str
    note: str = ""


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is mostly zero (Latin text in UTF-16)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.4 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.4 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True for content that is not text in any encoding we read (images, archives, programs)."""
    head = data[:4096]
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head[: len(head) // 2 * 2]):
        return False
    return b"\x00" in head


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 that was once read as Windows-1252 ("GesprÃ¤che" → "Gespräche") with ftfy.

    Only text that shows the telltale sequences is touched, and quotes, ligatures and
    character widths are left as written.
    """
    if not _MOJIBAKE.search(text):
        return text, False
    import ftfy

    fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False,
                          fix_character_width=False, normalization="NFC")
    return fixed, fixed != text


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; never raises.

    Returns:
        The text, the encoding used, and a note for the reader when the encoding was guessed,
        characters could not be decoded, or mojibake was repaired.
    """
    decoded = _decode(data)
    text, repaired = repair_mojibake(decoded.text)
    if repaired:
        note = "Repaired garbled umlauts and dashes (UTF-8 text that had been saved as Windows-1252)."
        return Decoded(text, decoded.encoding, " ".join(x for x in (decoded.note, note) if x))
    return decoded


def _decode(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                break
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16, "The file is UTF-16 without a byte-order mark; read as such.")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1252")
        if not _CONTROL.search(text):
            return Decoded(text, "cp1252", "The file is not UTF-8; read as Windows-1252 (Western European), "
                                           "the usual encoding of older German files.")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return Decoded(str(best), best.encoding,
                       f"The file is not UTF-8; its encoding was guessed as {best.encoding}. "
                       "If letters look wrong, save it as UTF-8.")
    return Decoded(data.decode("latin-1"), "latin-1",
                   "The encoding could not be recognised; some characters may be wrong. Save the file as UTF-8.")
