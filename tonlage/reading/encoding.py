"""Bytes to text for files we did not write: encodings detected, mojibake repaired, guesses said.

Order matters (short German text fools detectors: cp1252 "Müller" reads as UTF-16 garbage to
charset-normalizer): byte-order marks, then strict UTF-8, then UTF-16 recognised by its zero
bytes, then Windows-1252 when it decodes cleanly, and only then a detection library.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..i18n import join, message, nmessage

__all__ = ["Decoded", "Repair", "decode_bytes", "looks_binary", "repair_mojibake", "repair_mojibake_detail"]

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, line feed, form feed and carriage return: their presence
# after a single-byte decode means the guess was wrong (or the file is not text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# UTF-8 read as Windows-1252/Latin-1 ("Ã¤" for "ä", "â€“" for "–", "Â " for a no-break space).
_MOJIBAKE = re.compile(
    r"[ÃÂ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€"
)


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and a note for the reader (a :class:`~tonlage.i18n.Message`)
    when it was a guess or repaired."""

    text: str
    encoding: str
    note: str = ""


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte is mostly zero (Latin text in UTF-16)."""
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


@dataclass(frozen=True)
class Repair:
    """What :func:`repair_mojibake_detail` did.

    Attributes:
        text: The repaired text (the input when nothing was repaired).
        codec: The code page the UTF-8 text had been misread as ("windows-1252", "iso-8859-16",
            ...), "" when nothing was repaired.
        words: How many words were repaired (0 when only ftfy's whole-text repair ran).
        example: One repaired word as (before, after), or None.
    """

    text: str
    codec: str = ""
    words: int = 0
    example: tuple[str, str] | None = None

    @property
    def changed(self) -> bool:
        return bool(self.codec)


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 that was once read with a single-byte code page ("GesprÃ¤che", "SchlĂŒssel")
    (see :func:`repair_mojibake_detail`); returns (text, whether it changed)."""
    found = repair_mojibake_detail(text)
    return found.text, found.changed


def repair_mojibake_detail(text: str) -> Repair:
    """Undo UTF-8 that was once decoded with a single-byte code page.

    Windows-1252 and Latin-1 misreadings (and their doubles) are repaired by ftfy. What ftfy
    does not know (ISO-8859-15/-16, Windows-1250/ISO-8859-2 with the C1 bytes lost, Mac Roman) is
    repaired word by word: each suspect word is encoded back with every candidate code page and
    read as UTF-8; the code page whose readings turn the most unknown words into dictionary
    words (simplemma's German and English word lists) is taken for the whole text. Bytes in
    0x80-0x9F are invisible control characters in ISO code pages and are often lost when such
    text is copied; a lead byte left without them is completed with the choice that makes a
    dictionary word, else with the likeliest letter for its place (see :data:`_FILL_ORDER`).
    Clean text (also Polish, French, Turkish) is left as written: nothing is changed unless at
    least one word becomes a dictionary word.
    """
    if not _QUICK.search(text):
        return Repair(text)  # nothing any misreading leaves behind (the common case)
    codec, words, example = "", 0, None
    for _ in range(2):  # twice: text that was misread twice comes back in two steps
        found = _repair_words(text)
        if found is None:
            break
        text, codec, n, first = found
        words, example = words + n, example or first
    if _MOJIBAKE.search(text):  # what is left of the Windows-1252 kind: ftfy knows its corners
        import ftfy

        fixed = ftfy.fix_text(
            text, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization="NFC"
        )
        if fixed != text:
            text, codec = fixed, codec or "Windows-1252"
    return Repair(text, codec, words, example)


# --- word-by-word repair of single-byte misreadings ----------------------------------------------
_CODECS = ("cp1252", "iso-8859-15", "cp1250", "iso-8859-2", "iso-8859-16", "mac-roman")
_CODEC_NAMES = {
    "cp1252": "Windows-1252",
    "iso-8859-15": "ISO-8859-15",
    "cp1250": "Windows-1250",
    "iso-8859-2": "ISO-8859-2",
    "iso-8859-16": "ISO-8859-16",
    "mac-roman": "Mac Roman",
}
# When a lost C1 byte must be guessed without a dictionary word to confirm it (names): the
# letters likeliest for that UTF-8 lead byte (the lost second byte lies in 0x80-0x9F), in
# lowercase after a lowercase letter and in capitals elsewhere. C3 holds German capitals and ß
# (its only lowercase letter there); C4 and C5 hold Central European and Turkish letters, led by
# the South Slavic surname letters č/ć (the -ić ending) and the Turkish/Polish ş, ł, ś. These
# guesses can be wrong for a name; words found in the dictionary are always confirmed.
_FILL_ORDER = {
    0xC3: ("ßÄÖÜÉÓÁÇÑÀÈÊÍÒÔÚÛÅÆØÙÎÏËÌÃÕÂÐÝÞ×", "ßÄÖÜÉÓÁÇÑÀÈÊÍÒÔÚÛÅÆØÙÎÏËÌÃÕÂÐÝÞ×"),
    0xC4: ("čćğęąěēāėđďĉċĕĝă", "ČĆĞĘĄĚĒĀĖĐĎĈĊĔĜĂ"),
    0xC5: ("şłśńřőňōŕņŗŏŋŝœŀ", "ŞŁŚŃŘŐŇŌŔŅŖŎŊŜŒ"),
}
_WORD_EDGE = "\"'„“”‚‘’«»‹›()[]{}.,;:!?…–—-/*"


@cache
def _tables(codec: str) -> tuple[dict[str, int], str, str]:
    """char -> byte for the code page's upper half, its UTF-8 lead and continuation characters."""
    enc: dict[str, int] = {}
    for b in range(0x80, 0x100):
        try:
            ch = bytes([b]).decode(codec)
        except UnicodeDecodeError:
            continue
        enc[ch] = b
    leads = "".join(ch for ch, b in enc.items() if 0xC2 <= b <= 0xEF)
    conts = "".join(ch for ch, b in enc.items() if 0x80 <= b <= 0xBF)
    return enc, leads, conts


@lru_cache(maxsize=1)
def _suspect() -> re.Pattern[str]:
    """Where misread UTF-8 can be: a lead character followed by a continuation character of the
    same code page, or a lead byte's character that German never writes (its C1 bytes lost)."""
    pairs = []
    for codec in _CODECS:
        _, leads, conts = _tables(codec)
        pairs.append(f"[{re.escape(leads)}][{re.escape(conts)}]")
    lost = "ĂĆĹÃÅâ√ƒ≈"
    return re.compile("|".join(pairs) + f"|[{lost}]|(?<=[a-zäöüß])Ä")


def _known(word: str) -> bool:
    import simplemma

    core = word.strip(_WORD_EDGE)
    if len(core) < 3 or not core.isalpha():
        return False
    return simplemma.is_known(core, lang="de") or simplemma.is_known(core.lower(), lang="de")


def _readings(token: str, codec: str, left: str = "", right: str = "", limit: int = 64) -> list[str]:
    """UTF-8 readings of ``token`` encoded with ``codec``; lead bytes whose continuation bytes
    are missing (lost C1 controls) get each possible fill, likeliest first. Characters that
    are not part of a UTF-8 sequence are kept as written. [] when the code page cannot encode
    the token or nothing would change. ``left``/``right``: the characters around the token in
    the text (a lone dash between spaces reads differently from an opening quote)."""
    enc, _, _ = _tables(codec)
    try:
        data = token.encode(codec)
    except UnicodeEncodeError:
        return []
    parts: list[list[str]] = []
    i, n, changed = 0, len(data), False
    while i < n:
        b = data[i]
        need = 1 if 0xC2 <= b <= 0xDF else 2 if 0xE0 <= b <= 0xEF else 0
        if need == 0:
            parts.append([bytes([b]).decode(codec) if b >= 0x80 else chr(b)])
            i += 1
            continue
        j = i + 1
        while j < n and j - i <= need and 0x80 <= data[j] <= 0xBF:
            j += 1
        have = j - i - 1
        if have == need:
            try:
                parts.append([data[i:j].decode("utf-8")])
                changed = True
                i = j
                continue
            except UnicodeDecodeError:
                pass
        if have < need and (need - have) <= 2 and (b in _FILL_ORDER or b == 0xE2):
            before = parts[-1][0][-1:] if parts else left
            after = data[j : j + 1].decode(codec) if j < n else right
            parts.append(_fills(data[i:j], need - have, before, after))
            changed = True
            i = j
            continue
        parts.append([bytes([b]).decode(codec)])
        i += 1
    if not changed:
        return []
    out = [""]
    for options in parts:
        out = [o + x for o in out for x in options][:limit]
    return [o for o in out if o != token]


def _fills(prefix: bytes, missing: int, before: str, after: str) -> list[str]:
    """The characters a UTF-8 sequence with ``missing`` lost continuation bytes (0x80-0x9F) may
    have been, likeliest first for its place in the word."""
    lead = prefix[0]
    if lead == 0xE2:  # general punctuation U+2000-U+201F: dashes and quotes
        if missing == 1 and len(prefix) == 2:
            seconds = [prefix[1]]
        elif missing == 2:
            seconds = [0x80]
        else:
            return []
        opens = not before or before.isspace() or before in "([{"
        closes = not after or after.isspace() or after in ".,;:!?)"
        if opens and closes:
            order = "–—„“”’"
        elif opens:
            order = "„“‚‘–—"
        else:
            order = "“’”‘–—"
        found = []
        for ch in order:
            raw = ch.encode("utf-8")
            if raw[: len(prefix)] == prefix and raw[1] in seconds:
                found.append(ch)
        return found
    lower, upper = _FILL_ORDER[lead]
    if not (before.isalpha() and before.islower()):
        return list(upper)
    if lead == 0xC4 and not after.isalpha():  # word end: the South Slavic -ić / -č endings
        return list("ćč" + lower.replace("ć", "").replace("č", "")) if before == "i" else list(lower)
    return list(lower)


# Misread UTF-8 always leaves a character that clean German text rarely has ("Ã", "Ă", "â", "Ĺ",
# "√" as lead bytes, "€", "™", "¤" as continuation bytes): one pass over a single character class
# before the full patterns.
_QUICK = re.compile(r"[^\x00-\x7fäöüÄÖÜß„“”‚‘’–—…€°§«»·éèêáàóòôúùûíìîçñ]")


def _repair_words(text: str) -> tuple[str, str, int, tuple[str, str] | None] | None:
    suspect = _suspect()
    if not suspect.search(text):
        return None
    tokens = [m for m in re.finditer(r"\S+", text) if suspect.search(m.group())]
    best_codec, best_hits, chosen = "", 0, {}
    for codec in _CODECS:
        hits, picks = 0, {}
        for m in tokens:
            token = m.group()
            left = text[m.start() - 1] if m.start() else ""
            right = text[m.end()] if m.end() < len(text) else ""
            options = _readings(token, codec, left, right)
            if not options:
                continue
            known = next((o for o in options if _known(o)), None)
            if known is not None and not _known(token):
                hits += 1
                picks[m.start()] = known
            else:
                picks[m.start()] = options[0]
        if hits > best_hits:
            best_codec, best_hits, chosen = codec, hits, picks
    if not best_hits:
        return None
    out, last, first = [], 0, None
    for m in tokens:
        new = chosen.get(m.start())
        if new is None:
            continue
        out.append(text[last : m.start()])
        out.append(new)
        last = m.end()
        first = first or (m.group(), new)
    out.append(text[last:])
    log.debug("repaired %d words misread as %s", len(chosen), best_codec)
    return "".join(out), _CODEC_NAMES[best_codec], len(chosen), first


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; never raises.

    Returns:
        The text, the encoding used, and a note for the reader when the encoding was guessed,
        characters could not be decoded, or mojibake was repaired.
    """
    decoded = _decode(data)
    repair = repair_mojibake_detail(decoded.text)
    if repair.changed:
        if repair.example:
            note = nmessage(
                "Repaired garbled umlauts and dashes (UTF-8 text that had been read as {codec}; {n} "
                "word, e.g. '{before}' → '{after}').",
                "Repaired garbled umlauts and dashes (UTF-8 text that had been read as {codec}; {n} "
                "words, e.g. '{before}' → '{after}').",
                repair.words,
                codec=repair.codec,
                before=repair.example[0],
                after=repair.example[1],
            )
        else:
            note = message(
                "Repaired garbled umlauts and dashes (UTF-8 text that had been read as {codec}).", codec=repair.codec
            )
        return Decoded(repair.text, decoded.encoding, join([decoded.note, note]) if decoded.note else note)
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
            return Decoded(
                data.decode(utf16), utf16, message("The file is UTF-16 without a byte-order mark; read as such.")
            )
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1252")
        if not _CONTROL.search(text):
            return Decoded(
                text,
                "cp1252",
                message(
                    "The file is not UTF-8; read as Windows-1252 (Western European), "
                    "the usual encoding of older German files."
                ),
            )
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return Decoded(
            str(best),
            best.encoding,
            message(
                "The file is not UTF-8; its encoding was guessed as {encoding}. If letters look "
                "wrong, save it as UTF-8.",
                encoding=best.encoding,
            ),
        )
    return Decoded(
        data.decode("latin-1"),
        "latin-1",
        message("The encoding could not be recognised; some characters may be wrong. Save the file as UTF-8."),
    )
