"""The meeting pack: the same slides as a PowerPoint deck and as a PDF.

A pack is a title slide, one slide per chart (its image with a plain "what this shows" and the
caption as a footnote, or the data as a table when no image could be made), the findings,
example quotes three to a slide, and one slide on method and limits. All text arrives
translated; nothing here knows the app's language.

Both files are drawn from one plan (boxes in points on a 960 x 540 pt, 16:9 page), so they
have the same slides in the same order with the same text. Text is fitted to its box before
drawing: lines are measured with the PDF's font (Bitstream Vera, which ships with reportlab
and is wider than the Calibri of the deck, so what fits in the PDF fits in the deck) and
long text is cut at a word boundary with "…".

Quotes, titles, authors and corpus names come from users' files. Control characters that
XML cannot hold are dropped (python-pptx would refuse them), and text reaches reportlab's
``Paragraph`` (which reads a small markup language) only escaped, so ``<b>`` stays ``<b>``.
"""

from __future__ import annotations

import logging
import io
import math
import os
import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.sax.saxutils import escape

import pandas as pd

__all__ = ["ChartSlide", "QuoteCard", "Pack", "REQUIRED_HEADINGS", "slide_count", "pack_pptx",
           "pack_pdf", "PAGE_WIDTH", "PAGE_HEIGHT", "FINDINGS_PER_SLIDE", "QUOTES_PER_SLIDE"]

log = logging.getLogger(__name__)

REQUIRED_HEADINGS = ("findings", "quotes", "method", "limits", "tone", "no_image", "made_with")

PAGE_WIDTH, PAGE_HEIGHT = 960.0, 540.0      # points; 13.333 x 7.5 in
FINDINGS_PER_SLIDE = 6
QUOTES_PER_SLIDE = 3
TABLE_ROWS, TABLE_COLUMNS = 12, 6

DARK = "#262730"
ACCENT = "#0072B2"
GREY = "#5F6368"
LIGHT = "#F3F4F6"
RULE = "#D5D8DD"
WHITE = "#FFFFFF"

_MARGIN = 40.0
_CONTENT_W = PAGE_WIDTH - 2 * _MARGIN
_BODY_TOP = 100.0
_BODY_BOTTOM = 474.0
_BODY_H = _BODY_BOTTOM - _BODY_TOP
_IMAGE_W, _IMAGE_H = 640.0, 360.0           # 16:9 image box on a chart slide
_GUTTER = 20.0
_LEADING = 1.22                             # line height as a multiple of the font size


# --- what the caller hands in ------------------------------------------------------------------

@dataclass(frozen=True)
class ChartSlide:
    """One chart of the pack.

    Attributes:
        title: The chart's plain title (the slide's heading).
        image: PNG bytes (16:9, caption stamped in), or None when images cannot be made here.
        caption: One line: corpus · dates · filters · n articles · method (the slide's footnote).
        what_this_shows: One to three plain sentences shown beside the chart.
        table: The data behind the chart; without an image its first 12 rows and 6 columns
            are shown as a table.
    """

    title: str
    image: bytes | None
    caption: str
    what_this_shows: str
    table: pd.DataFrame | None = None


@dataclass(frozen=True)
class QuoteCard:
    """An example sentence with where it comes from.

    Attributes:
        text: The quoted sentence (shown in typographic quotes, shortened when long).
        title, author, date_label: Of the article it comes from.
        tone: The sentence's tone (-1 … +1), or None.
        source: Newspaper or file, shown after the author when given.
    """

    text: str
    title: str
    author: str
    date_label: str
    tone: float | None
    source: str = ""


@dataclass(frozen=True)
class Pack:
    """Everything on the slides, already translated.

    Attributes:
        title: Title of the pack (title slide).
        subtitle: E.g. "Bundled corpus · 12 Feb – 22 Oct 2025 · 5 articles".
        headings: Labels: "findings", "quotes", "method", "limits", "tone" (before a tone
            value), "no_image" (note on a chart slide without image) and "made_with"
            (e.g. "Made with Tonlage"). Optional: "quote_open" and "quote_close" (the quote
            marks, “ and ” unless given; „ and “ for German).
        charts: One slide each.
        findings: Plain sentences, six to a slide.
        quotes: Example quotes, three to a slide.
        method, limits: Lines for the last slide.
        date_made: Shown on the title slide.
    """

    title: str
    subtitle: str
    headings: Mapping[str, str]
    charts: Sequence[ChartSlide] = ()
    findings: Sequence[str] = ()
    quotes: Sequence[QuoteCard] = ()
    method: Sequence[str] = ()
    limits: Sequence[str] = ()
    date_made: str = ""


# --- text that is safe to draw -----------------------------------------------------------------

# Characters XML 1.0 cannot hold (python-pptx and lxml refuse them), other C0/C1 controls,
# lone surrogates and the two non-characters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean(text: object) -> str:
    """Untrusted text as one clean line: unsafe characters dropped, whitespace collapsed."""
    if text is None:
        return ""
    if isinstance(text, float) and math.isnan(text):
        return ""
    return " ".join(_UNSAFE.sub("", str(text)).split())


def _lines(items: Sequence[object]) -> list[str]:
    return [c for c in (_clean(x) for x in items) if c]


def _findings(pack: Pack) -> list[str]:
    return _lines(pack.findings)


def _spread(items: list, per_slide: int) -> list[list]:
    """``items`` on as few slides as ``per_slide`` allows, spread evenly (seven findings at six
    a slide: four and three, not six and one)."""
    n_slides = math.ceil(len(items) / per_slide)
    if not n_slides:
        return []
    size = math.ceil(len(items) / n_slides)
    return [items[i:i + size] for i in range(0, len(items), size)]


def slide_count(pack: Pack) -> int:
    """Number of slides (and PDF pages) of the pack.

    Title + one per chart + findings (six to a slide, none without findings) + quotes (three
    to a slide) + one slide on method and limits.
    """
    n_findings = len(_findings(pack))
    return (1 + len(pack.charts) + math.ceil(n_findings / FINDINGS_PER_SLIDE)
            + math.ceil(len(pack.quotes) / QUOTES_PER_SLIDE) + 1)


# --- fonts and measuring -----------------------------------------------------------------------

_FONTS = {"regular": "TonlageVera", "bold": "TonlageVera-Bold", "italic": "TonlageVera-Italic"}
_FONT_FILES = {"regular": "Vera.ttf", "bold": "VeraBd.ttf", "italic": "VeraIt.ttf"}
_font_lock = threading.Lock()
_glyphs: frozenset[int] = frozenset()
# Substitutes for characters Vera lacks (checked against the font; only used when missing).
_FALLBACK = {"\u2212": "-", "\u201e": '"', "\u201a": "'", "\u2192": "->", "\u2190": "<-",
             "\u2264": "<=", "\u2265": ">=", "\u2248": "~", "\u00a0": " ", "\u202f": " ",
             "\u2009": " ", "\u2011": "-", "\u2010": "-"}


def _register_fonts() -> frozenset[int]:
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
        for style, name in _FONTS.items():
            font = TTFont(name, os.path.join(folder, _FONT_FILES[style]))
            pdfmetrics.registerFont(font)
            have = set(font.face.charToGlyph)
            chars = have if chars is None else chars & have
        addMapping(_FONTS["regular"], 0, 0, _FONTS["regular"])
        addMapping(_FONTS["regular"], 1, 0, _FONTS["bold"])
        addMapping(_FONTS["regular"], 0, 1, _FONTS["italic"])
        addMapping(_FONTS["regular"], 1, 1, _FONTS["bold"])
        _glyphs = frozenset(chars or ())
        return _glyphs


def _pdf_text(text: str) -> str:
    """``text`` with characters the PDF font lacks replaced by near equivalents.

    Vera has umlauts, ß, „ “ ” – — … · − and €; for others (ś, →, emoji) the letter without
    its accent, an ASCII stand-in or "?" is used, never an empty box.
    """
    glyphs = _register_fonts()
    if all(ord(c) in glyphs for c in text):
        return text
    out = []
    for c in text:
        if ord(c) in glyphs:
            out.append(c)
        elif c in _FALLBACK:
            out.append(_FALLBACK[c])
        else:
            base = "".join(b for b in unicodedata.normalize("NFKD", c) if ord(b) in glyphs
                           and not unicodedata.combining(b))
            out.append(base or "?")
    return "".join(out)


def _width(text: str, style: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_fonts()
    return stringWidth(_pdf_text(text), _FONTS[style], size)


def _words(text: str) -> list[str]:
    """Words split at plain spaces only: a no-break space keeps "Ton\u00a0+0.12" together."""
    return [w for w in text.split(" ") if w]


def _wrap(text: str, style: str, size: float, width: float) -> list[str]:
    """Greedy word wrap as reportlab does it; a word wider than the line is split."""
    lines: list[str] = []
    line = ""
    space = _width(" ", style, size)
    line_w = 0.0
    for word in _words(text):
        w = _width(word, style, size)
        while w > width:  # a very long word (a URL): split it where the line is full
            if line:
                lines.append(line)
                line, line_w = "", 0.0
            cut = len(word)
            while cut > 1 and _width(word[:cut], style, size) > width:
                cut = max(1, int(cut * width / _width(word[:cut], style, size)) if cut > 8 else cut - 1)
            lines.append(word[:cut])
            word = word[cut:]
            w = _width(word, style, size)
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


def _shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """At most about ``limit`` characters, cut at a word boundary, ending in ``ellipsis``."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    if " " in cut[len(cut) // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(_TRAILING) + ellipsis


_TRAILING = " ,;:.·–-"      # dropped before a "…"


def _fit(text: str, style: str, size: float, width: float, max_lines: int,
         ellipsis: str = "…") -> str:
    """``text`` cut at a word boundary (ending in ``ellipsis``) so it wraps to at most
    ``max_lines`` lines of ``width`` points."""
    if max_lines < 1 or not text:
        return ""
    # Far more text than can fit (a 3,000-character quote): cut by a generous character
    # budget first, so the measuring below stays quick.
    budget = int(max_lines * width / (size * 0.3)) + 20
    if len(text) > budget:
        text = _shorten(text, budget, ellipsis="")
    elif len(_wrap(text, style, size, width)) <= max_lines:
        return text
    words = _words(text)
    lo, hi = 0, len(words)          # the longest run of words that fits with the ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        candidate = " ".join(words[:mid]).rstrip(_TRAILING) + ellipsis
        if len(_wrap(candidate, style, size, width)) <= max_lines:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:  # not even the first word fits: cut it by characters
        first = words[0]
        while first and len(_wrap(first + ellipsis, style, size, width)) > max_lines:
            first = first[:-1]
        return first + ellipsis
    return " ".join(words[:lo]).rstrip(_TRAILING) + ellipsis


def _fit_line(text: str, style: str, size: float, width: float) -> str:
    """One line: cut by characters (table cells have no room for word boundaries)."""
    if _width(text, style, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _width(text[:mid].rstrip() + "…", style, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _lines_that_fit(height: float, size: float) -> int:
    return max(int((height + 0.01) // (size * _LEADING)), 0)


# --- the plan: boxes in points, top-left origin ------------------------------------------------

@dataclass
class _Text:
    x: float
    y: float
    w: float
    h: float
    paragraphs: list[str]
    size: float
    style: str = "regular"            # regular, bold or italic
    colour: str = DARK
    align: str = "left"               # left or right
    bullets: bool = False
    gap: float = 0.0                  # extra space before each paragraph but the first
    role: str = ""                    # "title" / "subtitle": the slide's placeholder in the deck


@dataclass
class _Rect:
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass
class _Picture:
    x: float
    y: float
    w: float
    h: float
    data: bytes


@dataclass
class _Grid:
    x: float
    y: float
    w: float
    h: float
    header: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    widths: list[float]
    row_h: float
    size: float


@dataclass
class _Slide:
    items: list = field(default_factory=list)
    title_layout: bool = False         # the deck's "Title Slide" layout instead of "Title Only"


def _bullet_indent(size: float) -> float:
    """Room for the bullet and a space before the text (reportlab needs bullet + 0.6 em)."""
    return round(size * 1.3, 1)


def _paragraph_block(texts: list[str], x: float, y: float, w: float, h: float, size: float, *,
                     bullets: bool, gap: float, max_lines_each: int, style: str = "regular",
                     colour: str = DARK) -> _Text:
    """Paragraphs fitted into a box, each cut to ``max_lines_each`` lines. When the box is
    full before the last paragraph, the last one shown becomes "…" to say so."""
    text_w = w - (_bullet_indent(size) if bullets else 0)
    line_h = size * _LEADING
    fitted: list[str] = []
    used = 0.0
    for t in texts:
        extra = gap if fitted else 0.0
        room = _lines_that_fit(h - used - extra, size)
        if room < 1:
            # No room for the rest: a last "…" says that something was left out.
            if fitted:
                fitted[-1] = "…"
            break
        f = _fit(t, style, size, text_w, min(max_lines_each, room))
        fitted.append(f)
        used += extra + len(_wrap(f, style, size, text_w)) * line_h
    return _Text(x, y, w, h, fitted, size, style=style, colour=colour, bullets=bullets, gap=gap)


def _heading(text: str) -> _Text:
    """The slide heading: one line at 28 pt, or 24 pt if that is what it takes, else shortened."""
    for size in (28.0, 24.0):
        if len(_wrap(text, "bold", size, _CONTENT_W)) <= 1:
            break
    return _Text(_MARGIN, 30.0, _CONTENT_W, 44.0, [_fit(text, "bold", size, _CONTENT_W, 1)], size,
                 style="bold", role="title")


def _frame(slide: _Slide, heading: str, number: int, total: int) -> None:
    """Heading, accent bar and page number: the parts every content slide shares."""
    slide.items.append(_heading(heading))
    slide.items.append(_Rect(_MARGIN, 80.0, 56.0, 4.0, ACCENT))
    slide.items.append(_Text(PAGE_WIDTH - _MARGIN - 80, 500.0, 80.0, 16.0, [f"{number} / {total}"],
                             11.0, colour=GREY, align="right"))


def _footnote(text: str) -> _Text:
    w = _CONTENT_W - 100
    return _Text(_MARGIN, 492.0, w, 30.0, [_fit(text, "regular", 11.0, w, 2)], 11.0, colour=GREY)


def _numbered(heading: str, i: int, n: int) -> str:
    return heading if n <= 1 else f"{heading} ({i}/{n})"


def _image_size(data: bytes | None) -> tuple[int, int] | None:
    """Pixel size of an image we can draw (PNG, JPEG), or None when the bytes are not one."""
    if not data:
        return None
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            if im.format not in ("PNG", "JPEG"):
                return None
            im.verify()
            return im.size
    except Exception:  # noqa: BLE001 anything PIL cannot read is drawn as a table instead
        log.warning("a chart image could not be placed on its slide; its table is used", exc_info=True)
        return None


def _cell(value) -> str:
    """A table cell as text: numbers with two decimals and a real minus sign, dates as dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int,)) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
        return f"{int(value):,}".replace(",", " ") if abs(int(value)) >= 10_000 else str(int(value))
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"):
        v = float(value)
        if math.isnan(v):
            return ""
        text = f"{v:.2f}" if abs(v) < 1000 else f"{v:,.0f}".replace(",", " ")
        return text.replace("-", "\u2212", 1) if text.startswith("-") else text
    if isinstance(value, (pd.Timestamp, datetime)):
        if pd.isna(value):
            return ""
        return f"{value:%Y-%m-%d}" if (value.hour, value.minute, value.second) == (0, 0, 0) \
            else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return _clean(value)


def _grid(table: pd.DataFrame, x: float, y: float, w: float, h: float) -> _Grid | None:
    t = table.iloc[:TABLE_ROWS, :TABLE_COLUMNS]
    if t.shape[1] == 0:
        return None
    size = 12.0
    header = [_clean(c) for c in t.columns]
    rows = [[_cell(v) for v in row] for row in t.itertuples(index=False, name=None)]
    numeric = [pd.api.types.is_numeric_dtype(t.iloc[:, j]) and not pd.api.types.is_bool_dtype(t.iloc[:, j])
               for j in range(t.shape[1])]
    pad = 6.0
    # Column widths follow the widest cell, each at least 50 pt, scaled to the box width.
    need = []
    for j in range(len(header)):
        cells = [header[j]] + [r[j] for r in rows]
        need.append(max(50.0, min(320.0, max(_width(c, "bold" if i == 0 else "regular", size)
                                             for i, c in enumerate(cells)) + 2 * pad)))
    scale = w / sum(need)
    widths = [n * scale for n in need]
    row_h = min(24.0, h / (len(rows) + 1))
    header = [_fit_line(c, "bold", size, wd - 2 * pad) for c, wd in zip(header, widths)]
    rows = [[_fit_line(c, "regular", size, wd - 2 * pad) for c, wd in zip(r, widths)] for r in rows]
    return _Grid(x, y, w, row_h * (len(rows) + 1), header, rows, numeric, widths, row_h, size)


def _title_slide(pack: Pack) -> _Slide:
    s = _Slide(title_layout=True)
    s.items.append(_Rect(0, 0, 14.0, PAGE_HEIGHT, ACCENT))
    x, w = 80.0, PAGE_WIDTH - 160.0
    title = _clean(pack.title)
    size = 40.0 if len(_wrap(title, "bold", 40.0, w)) <= 2 else 32.0
    title = _fit(title, "bold", size, w, 2)
    # The title sits on the accent bar below it, whether it takes one line or two.
    height = len(_wrap(title, "bold", size, w)) * size * _LEADING + 4
    s.items.append(_Text(x, 244.0 - height, w, height, [title], size, style="bold", role="title"))
    s.items.append(_Rect(x, 258.0, 72.0, 4.0, ACCENT))
    sub = _clean(pack.subtitle)
    s.items.append(_Text(x, 280.0, w, 56.0, [_fit(sub, "regular", 20.0, w, 2)], 20.0, colour=GREY,
                         role="subtitle"))
    made = _clean(pack.date_made)
    if made:
        s.items.append(_Text(x, 350.0, w, 24.0, [_fit(made, "regular", 16.0, w, 1)], 16.0, colour=GREY))
    s.items.append(_Text(x, 470.0, w, 22.0, [_fit(_clean(pack.headings["made_with"]), "bold", 14.0, w, 1)],
                         14.0, style="bold", colour=ACCENT))
    return s


def _chart_slide(chart: ChartSlide, headings: Mapping[str, str], number: int, total: int) -> _Slide:
    s = _Slide()
    _frame(s, _clean(chart.title), number, total)
    size = _image_size(chart.image)
    if size is not None:
        pw, ph = size
        k = min(_IMAGE_W / pw, _IMAGE_H / ph)
        s.items.append(_Rect(_MARGIN, _BODY_TOP, _IMAGE_W, _IMAGE_H, RULE))      # thin frame
        s.items.append(_Picture(_MARGIN + 0.75, _BODY_TOP + 0.75, pw * k - 1.5, ph * k - 1.5,
                                chart.image))
    else:
        note = _fit(_clean(headings["no_image"]), "italic", 14.0, _IMAGE_W, 2)
        s.items.append(_Text(_MARGIN, _BODY_TOP, _IMAGE_W, 38.0, [note], 14.0, style="italic",
                             colour=GREY))
        if chart.table is not None and len(chart.table.columns) and len(chart.table):
            grid = _grid(chart.table, _MARGIN, _BODY_TOP + 46.0, _IMAGE_W, _IMAGE_H - 46.0)
            if grid is not None:
                s.items.append(grid)
    side_x = _MARGIN + _IMAGE_W + _GUTTER
    side_w = PAGE_WIDTH - _MARGIN - side_x
    s.items.append(_Rect(side_x, _BODY_TOP, 3.0, _IMAGE_H, ACCENT))
    s.items.append(_paragraph_block([_clean(chart.what_this_shows)], side_x + 14.0, _BODY_TOP,
                                    side_w - 14.0, _IMAGE_H, 16.0, bullets=False, gap=0.0,
                                    max_lines_each=99))
    caption = _clean(chart.caption)
    if caption:
        s.items.append(_footnote(caption))
    return s


def _quote_meta(q: QuoteCard, headings: Mapping[str, str]) -> str:
    parts = [_clean(q.title), _clean(q.author), _clean(q.source), _clean(q.date_label)]
    tone = q.tone
    if tone is not None and not (isinstance(tone, float) and math.isnan(tone)):
        value = f"{float(tone):+.2f}".replace("-", "\u2212")
        parts.append(f"{_clean(headings['tone'])}\u00a0{value}".strip("\u00a0"))
    return " · ".join(p for p in parts if p)


def _quote_slide(quotes: Sequence[QuoteCard], headings: Mapping[str, str], heading: str,
                 number: int, total: int) -> _Slide:
    s = _Slide()
    _frame(s, heading, number, total)
    open_q = _clean(headings.get("quote_open", "\u201c")) or "\u201c"
    close_q = _clean(headings.get("quote_close", "\u201d")) or "\u201d"
    n = max(len(quotes), 1)   # the cards share the slide's width; fewer cards, larger text
    card_w = (_CONTENT_W - (n - 1) * _GUTTER) / n
    pad, bar, gap = 16.0, 4.0, 14.0
    inner_w = card_w - 2 * pad
    meta_size, quote_size = 12.0, {1: 20.0, 2: 17.0}.get(n, 15.0)
    cards = []
    for q in quotes:
        meta = _fit(_quote_meta(q, headings), "regular", meta_size, inner_w, 4)
        meta_h = len(_wrap(meta, "regular", meta_size, inner_w)) * meta_size * _LEADING
        room = _BODY_H - 2 * pad - bar - gap - meta_h
        # The quote marks are part of the fitted text, so a shortened quote still closes.
        text = _fit(f"{open_q}{_clean(q.text)}{close_q}", "italic", quote_size, inner_w,
                    _lines_that_fit(room, quote_size), ellipsis="…" + close_q)
        text_h = len(_wrap(text, "italic", quote_size, inner_w)) * quote_size * _LEADING
        cards.append((text, text_h, meta, meta_h))
    # All cards of a slide as tall as the fullest one (at least a third of the body).
    card_h = max([_BODY_H / 3] + [2 * pad + bar + t_h + gap + m_h for _, t_h, _, m_h in cards])
    card_h = min(card_h, _BODY_H)
    for i, (text, text_h, meta, meta_h) in enumerate(cards):
        x = _MARGIN + i * (card_w + _GUTTER)
        s.items.append(_Rect(x, _BODY_TOP, card_w, card_h, LIGHT))
        s.items.append(_Rect(x, _BODY_TOP, card_w, bar, ACCENT))
        s.items.append(_Text(x + pad, _BODY_TOP + bar + pad, inner_w, text_h + 2, [text], quote_size,
                             style="italic"))
        s.items.append(_Text(x + pad, _BODY_TOP + card_h - pad - meta_h, inner_w, meta_h + 2, [meta],
                             meta_size, colour=GREY))
    return s


def _method_slide(pack: Pack, number: int, total: int) -> _Slide:
    s = _Slide()
    h = pack.headings
    heading = f"{_clean(h['method'])} · {_clean(h['limits'])}"
    _frame(s, heading, number, total)
    col_w = (_CONTENT_W - 2 * _GUTTER) / 2
    for i, (key, lines) in enumerate((("method", pack.method), ("limits", pack.limits))):
        x = _MARGIN + i * (col_w + 2 * _GUTTER)
        s.items.append(_Text(x, _BODY_TOP, col_w, 28.0, [_fit(_clean(h[key]), "bold", 20.0, col_w, 1)],
                             20.0, style="bold", colour=ACCENT))
        s.items.append(_paragraph_block(_lines(lines), x, _BODY_TOP + 36.0, col_w, _BODY_H - 36.0, 15.0,
                                        bullets=True, gap=6.0, max_lines_each=4))
    s.items.append(_Rect(_MARGIN + col_w + _GUTTER - 0.5, _BODY_TOP, 1.0, _BODY_H, RULE))
    return s


def _plan(pack: Pack) -> list[_Slide]:
    """Every slide of the pack as boxes; both writers draw exactly this."""
    missing = [k for k in REQUIRED_HEADINGS if k not in pack.headings]
    if missing:
        raise ValueError(f"Pack.headings lacks {', '.join(missing)}")
    total = slide_count(pack)
    slides = [_title_slide(pack)]
    for chart in pack.charts:
        slides.append(_chart_slide(chart, pack.headings, len(slides) + 1, total))
    pages = _spread(_findings(pack), FINDINGS_PER_SLIDE)
    for i, part in enumerate(pages, start=1):
        s = _Slide()
        _frame(s, _numbered(_clean(pack.headings["findings"]), i, len(pages)), len(slides) + 1, total)
        # A finding is a claim with its numbers: it gets the lines it needs (smaller type on a
        # full slide) rather than losing its end.
        size = 20.0 if len(part) <= 3 else 17.0
        s.items.append(_paragraph_block(part, _MARGIN, _BODY_TOP + 4.0, _CONTENT_W, _BODY_H - 4.0, size,
                                        bullets=True, gap=12.0, max_lines_each=4))
        slides.append(s)
    pages = _spread(list(pack.quotes), QUOTES_PER_SLIDE)
    for i, part in enumerate(pages, start=1):
        heading = _numbered(_clean(pack.headings["quotes"]), i, len(pages))
        slides.append(_quote_slide(part, pack.headings, heading, len(slides) + 1, total))
    slides.append(_method_slide(pack, len(slides) + 1, total))
    assert len(slides) == total
    return slides


# --- the PowerPoint deck -----------------------------------------------------------------------

_DECK_FONT = "Calibri"


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _deck_text(frame, item: _Text) -> None:
    """Fill a python-pptx text frame with ``item``'s paragraphs (no autofit: text was fitted)."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, text in enumerate(item.paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = PP_ALIGN.RIGHT if item.align == "right" else PP_ALIGN.LEFT
        p.line_spacing = Pt(item.size * _LEADING)
        if i and item.gap:
            p.space_before = Pt(item.gap)
        run = p.add_run()
        run.text = text
        font = run.font
        font.name = _DECK_FONT
        font.size = Pt(item.size)
        font.bold = item.style == "bold"
        font.italic = item.style == "italic"
        font.color.rgb = _rgb(item.colour)
        if item.bullets:
            # A real bullet with a hanging indent (python-pptx has no API for it).
            ppr = p._p.get_or_add_pPr()
            indent = int(Pt(_bullet_indent(item.size)))
            ppr.set("marL", str(indent))
            ppr.set("indent", str(-indent))
            colour = ppr.makeelement(qn("a:buClr"), {})
            colour.append(colour.makeelement(qn("a:srgbClr"), {"val": ACCENT.lstrip("#")}))
            ppr.append(colour)
            ppr.append(ppr.makeelement(qn("a:buFont"), {"typeface": "Arial"}))
            ppr.append(ppr.makeelement(qn("a:buChar"), {"char": "\u2022"}))


def _deck_rect(slide, item: _Rect) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Pt

    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(item.x), Pt(item.y), Pt(item.w), Pt(item.h))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(item.colour)
    shape.line.fill.background()
    shape.shadow.inherit = False


def _deck_grid(slide, item: _Grid) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    n_rows, n_cols = len(item.rows) + 1, len(item.header)
    frame = slide.shapes.add_table(n_rows, n_cols, Pt(item.x), Pt(item.y), Pt(item.w), Pt(item.h))
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for j, w in enumerate(item.widths):
        table.columns[j].width = Pt(w)
    for i in range(n_rows):
        table.rows[i].height = Pt(item.row_h)
        values = item.header if i == 0 else item.rows[i - 1]
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Pt(6)
            cell.margin_top = cell.margin_bottom = Pt(2)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(ACCENT if i == 0 else (LIGHT if i % 2 == 0 else WHITE))
            p = cell.text_frame.paragraphs[0]
            p.alignment = PP_ALIGN.RIGHT if item.numeric[j] and i else PP_ALIGN.LEFT
            run = p.add_run()
            run.text = value
            run.font.name = _DECK_FONT
            run.font.size = Pt(item.size)
            run.font.bold = i == 0
            run.font.color.rgb = _rgb(WHITE if i == 0 else DARK)


def pack_pptx(pack: Pack) -> bytes:
    """The pack as a PowerPoint deck (16:9, 13.333 x 7.5 in).

    Built on python-pptx's default template: the title slide uses its "Title Slide" layout,
    every other slide "Title Only", so each slide has a real title (outline view, screen
    readers); everything else is drawn in text boxes, pictures and tables.

    Args:
        pack: What goes on the slides.

    Returns:
        The .pptx bytes, :func:`slide_count` slides.

    Raises:
        ValueError: ``pack.headings`` lacks one of :data:`REQUIRED_HEADINGS`.
    """
    from pptx import Presentation
    from pptx.util import Pt

    plan = _plan(pack)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(PAGE_WIDTH), Pt(PAGE_HEIGHT)
    title_layout, content_layout = prs.slide_layouts[0], prs.slide_layouts[5]
    for planned in plan:
        slide = prs.slides.add_slide(title_layout if planned.title_layout else content_layout)
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        for item in planned.items:
            if isinstance(item, _Text):
                idx = {"title": 0, "subtitle": 1}.get(item.role)
                shape = placeholders.pop(idx) if idx in placeholders else \
                    slide.shapes.add_textbox(Pt(item.x), Pt(item.y), Pt(item.w), Pt(item.h))
                shape.left, shape.top, shape.width, shape.height = (Pt(item.x), Pt(item.y),
                                                                    Pt(item.w), Pt(item.h))
                _deck_text(shape.text_frame, item)
            elif isinstance(item, _Rect):
                _deck_rect(slide, item)
            elif isinstance(item, _Picture):
                slide.shapes.add_picture(io.BytesIO(item.data), Pt(item.x), Pt(item.y), Pt(item.w), Pt(item.h))
            elif isinstance(item, _Grid):
                _deck_grid(slide, item)
        for ph in placeholders.values():  # a layout placeholder we did not use would say "Click to add"
            ph._element.getparent().remove(ph._element)
    props = prs.core_properties
    props.title = _shorten(_clean(pack.title), 250)
    props.author = props.last_modified_by = "Tonlage"
    props.subject = _shorten(_clean(pack.subtitle), 250)
    props.revision = 1
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# --- the PDF -----------------------------------------------------------------------------------

def _pdf_paragraphs(c, item: _Text) -> None:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle(
        "tonlage", fontName=_FONTS[item.style], fontSize=item.size, leading=item.size * _LEADING,
        textColor=HexColor(item.colour), alignment=TA_RIGHT if item.align == "right" else TA_LEFT,
        leftIndent=_bullet_indent(item.size) if item.bullets else 0, bulletIndent=0,
        bulletFontName=_FONTS["regular"], bulletFontSize=item.size, splitLongWords=1,
    )
    style.bulletColor = HexColor(ACCENT)  # read by reportlab's bullet drawing, not a constructor field
    top = item.y
    for i, text in enumerate(item.paragraphs):
        if i:
            top += item.gap
        # Paragraph reads a small markup language: the text is escaped, so "<b>" stays "<b>".
        markup = escape(_pdf_text(text))
        p = Paragraph(markup, style, bulletText="\u2022" if item.bullets else None)
        _, h = p.wrap(item.w, PAGE_HEIGHT)
        p.drawOn(c, item.x, PAGE_HEIGHT - top - h)
        top += h


def _pdf_grid(c, item: _Grid) -> None:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    # Table cells given as plain strings are drawn as they are (no markup is read).
    data = [[_pdf_text(v) for v in item.header]] + [[_pdf_text(v) for v in r] for r in item.rows]
    commands = [
        ("FONTNAME", (0, 0), (-1, 0), _FONTS["bold"]),
        ("FONTNAME", (0, 1), (-1, -1), _FONTS["regular"]),
        ("FONTSIZE", (0, 0), (-1, -1), item.size),
        ("TEXTCOLOR", (0, 0), (-1, 0), HexColor(WHITE)),
        ("TEXTCOLOR", (0, 1), (-1, -1), HexColor(DARK)),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(ACCENT)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [HexColor(WHITE), HexColor(LIGHT)]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [("ALIGN", (j, 1), (j, -1), "RIGHT") for j, num in enumerate(item.numeric) if num]
    table = Table(data, colWidths=item.widths, rowHeights=[item.row_h] * len(data))
    table.setStyle(TableStyle(commands))
    _, h = table.wrapOn(c, item.w, item.h)
    table.drawOn(c, item.x, PAGE_HEIGHT - item.y - h)


def _opaque(data: bytes):
    """The image on white without an alpha channel (a chart's PNG has one, all opaque):
    reportlab would otherwise split off a soft mask, which takes most of the build time."""
    from PIL import Image

    im = Image.open(io.BytesIO(data))
    if im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, WHITE)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return im.convert("RGB") if im.mode not in ("RGB", "L") else im


def pack_pdf(pack: Pack) -> bytes:
    """The pack as a PDF: one landscape 16:9 page (960 x 540 pt) per slide of the deck.

    Same slides, order and text as :func:`pack_pptx`. Text is set in Bitstream Vera (shipped
    with reportlab), so umlauts, ß and typographic quotes and dashes come out right.

    Args:
        pack: What goes on the pages.

    Returns:
        The PDF bytes, :func:`slide_count` pages.

    Raises:
        ValueError: ``pack.headings`` lacks one of :data:`REQUIRED_HEADINGS`.
    """
    from reportlab.lib.colors import HexColor
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    _register_fonts()
    plan = _plan(pack)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
    c.setTitle(_pdf_text(_shorten(_clean(pack.title), 250)))
    c.setSubject(_pdf_text(_shorten(_clean(pack.subtitle), 250)))
    c.setCreator("Tonlage")
    for planned in plan:
        for item in planned.items:
            if isinstance(item, _Text):
                _pdf_paragraphs(c, item)
            elif isinstance(item, _Rect):
                c.setFillColor(HexColor(item.colour))
                c.rect(item.x, PAGE_HEIGHT - item.y - item.h, item.w, item.h, stroke=0, fill=1)
            elif isinstance(item, _Picture):
                c.drawImage(ImageReader(_opaque(item.data)), item.x, PAGE_HEIGHT - item.y - item.h,
                            item.w, item.h)
            elif isinstance(item, _Grid):
                _pdf_grid(c, item)
        c.showPage()
    c.save()
    return buf.getvalue()
