"""Fonts and measuring: text is fitted to its box before drawing (the PDF's Bitstream Vera is
wider than the deck's Calibri, so what fits in the PDF fits in the deck), cut at a word with "…"."""

from __future__ import annotations

import logging
import os
import threading
import unicodedata

from .layout import LEADING

log = logging.getLogger(__name__)

# --- fonts and measuring -----------------------------------------------------------------------

FONTS = {"regular": "TonlageVera", "bold": "TonlageVera-Bold", "italic": "TonlageVera-Italic"}
_FONT_FILES = {"regular": "Vera.ttf", "bold": "VeraBd.ttf", "italic": "VeraIt.ttf"}
_font_lock = threading.Lock()
_glyphs: frozenset[int] = frozenset()
# Substitutes for characters Vera lacks (checked against the font; only used when missing).
_FALLBACK = {
    "\u2212": "-",
    "\u201e": '"',
    "\u201a": "'",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2248": "~",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2011": "-",
    "\u2010": "-",
    "\u26a0": "(!)",  # a finding to read with care (tonlage.findings.CAUTION_CAVEATS)
    "\ufe0f": "",  # the emoji form of the sign before it
}


def register_fonts() -> frozenset[int]:
    """Register the Vera fonts that ship with reportlab (once) and return their characters."""
    global _glyphs
    with _font_lock:
        if _glyphs:
            return _glyphs
        import reportlab
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
        chars: set[int] | None = None
        for style, name in FONTS.items():
            font = TTFont(name, os.path.join(folder, _FONT_FILES[style]))
            pdfmetrics.registerFont(font)
            have = set(font.face.charToGlyph)
            chars = have if chars is None else chars & have
        addMapping(FONTS["regular"], 0, 0, FONTS["regular"])
        addMapping(FONTS["regular"], 1, 0, FONTS["bold"])
        addMapping(FONTS["regular"], 0, 1, FONTS["italic"])
        addMapping(FONTS["regular"], 1, 1, FONTS["bold"])
        _glyphs = frozenset(chars or ())
        return _glyphs


def pdf_text(text: str) -> str:
    """``text`` with characters the PDF font lacks replaced by near equivalents.

    Vera has umlauts, ß, „ “ ” – — … · − and €; for others (ś, →, emoji) the letter without
    its accent, an ASCII stand-in or "?" is used, never an empty box.
    """
    glyphs = register_fonts()
    if all(ord(c) in glyphs for c in text):
        return text
    out = []
    for c in text:
        if ord(c) in glyphs:
            out.append(c)
        elif c in _FALLBACK:
            out.append(_FALLBACK[c])
        else:
            base = "".join(
                b for b in unicodedata.normalize("NFKD", c) if ord(b) in glyphs and not unicodedata.combining(b)
            )
            out.append(base or "?")
    return "".join(out)


def text_width(text: str, style: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    return stringWidth(pdf_text(text), FONTS[style], size)


def _words(text: str) -> list[str]:
    """Words split at plain spaces only: a no-break space keeps "Ton\u00a0+0.12" together."""
    return [w for w in text.split(" ") if w]


def wrap_text(text: str, style: str, size: float, width: float) -> list[str]:
    """Greedy word wrap as reportlab does it; a word wider than the line is split."""
    lines: list[str] = []
    line = ""
    space = text_width(" ", style, size)
    line_w = 0.0
    for word in _words(text):
        w = text_width(word, style, size)
        while w > width:  # a very long word (a URL): split it where the line is full
            if line:
                lines.append(line)
                line, line_w = "", 0.0
            cut = len(word)
            while cut > 1 and text_width(word[:cut], style, size) > width:
                cut = max(1, int(cut * width / text_width(word[:cut], style, size)) if cut > 8 else cut - 1)
            lines.append(word[:cut])
            word = word[cut:]
            w = text_width(word, style, size)
        if not word:
            continue
        if line and line_w + space + w <= width:
            line, line_w = f"{line} {word}", line_w + space + w
        elif line:
            lines.append(line)
            line, line_w = word, w
        else:
            line, line_w = word, w
    if line:
        lines.append(line)
    return lines


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """At most about ``limit`` characters, cut at a word boundary, ending in ``ellipsis``."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    if " " in cut[len(cut) // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(_TRAILING) + ellipsis


_TRAILING = " ,;:.·–-"  # dropped before a "…"


def fit_text(text: str, style: str, size: float, width: float, max_lines: int, ellipsis: str = "…") -> str:
    """``text`` cut at a word boundary (ending in ``ellipsis``) so it wraps to at most
    ``max_lines`` lines of ``width`` points."""
    if max_lines < 1 or not text:
        return ""
    # Far more text than can fit (a 3,000-character quote): cut by a generous character
    # budget first, so the measuring below stays quick.
    budget = int(max_lines * width / (size * 0.3)) + 20
    if len(text) > budget:
        text = shorten(text, budget, ellipsis="")
    elif len(wrap_text(text, style, size, width)) <= max_lines:
        return text
    words = _words(text)
    lo, hi = 0, len(words)  # the longest run of words that fits with the ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        candidate = " ".join(words[:mid]).rstrip(_TRAILING) + ellipsis
        if len(wrap_text(candidate, style, size, width)) <= max_lines:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:  # not even the first word fits: cut it by characters
        first = words[0]
        while first and len(wrap_text(first + ellipsis, style, size, width)) > max_lines:
            first = first[:-1]
        return first + ellipsis
    return " ".join(words[:lo]).rstrip(_TRAILING) + ellipsis


def fit_line(text: str, style: str, size: float, width: float) -> str:
    """One line: cut by characters (table cells have no room for word boundaries)."""
    if text_width(text, style, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid].rstrip() + "…", style, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def lines_that_fit(height: float, size: float) -> int:
    return max(int((height + 0.01) // (size * LEADING)), 0)
