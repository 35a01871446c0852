"""The slide plan: boxes in points (top-left origin) that both writers draw, so the deck and the
PDF have the same slides in the same order with the same text."""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from .layout import (
    ACCENT,
    BODY_H,
    BODY_TOP,
    CONTENT_W,
    DARK,
    FINDINGS_PER_SLIDE,
    GREY,
    GUTTER,
    IMAGE_H,
    IMAGE_W,
    LEADING,
    LIGHT,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QUOTES_PER_SLIDE,
    REQUIRED_HEADINGS,
    RULE,
    TABLE_COLUMNS,
    TABLE_ROWS,
)
from .model import (
    ChartSlide,
    Pack,
    QuoteCard,
    clean_text,
    finding_lines,
    slide_count,
    spread_over,
    text_lines,
)
from .text import fit_line, fit_text, lines_that_fit, text_width, wrap_text

log = logging.getLogger(__name__)

#: The type of the text beside a chart: 16 pt, down to 11 pt where that lets all of it be shown.
SIDE_SIZE, SIDE_MIN_SIZE = 16.0, 11.0
#: The smallest type of a findings slide (20 pt for up to three findings, 17 pt for more, down
#: to this where that lets every finding be read whole).
FINDINGS_MIN_SIZE = 12.0

# --- the plan: boxes in points, top-left origin ------------------------------------------------


@dataclass
class TextBox:
    x: float
    y: float
    w: float
    h: float
    paragraphs: list[str]
    size: float
    style: str = "regular"  # regular, bold or italic
    colour: str = DARK
    align: str = "left"  # left or right
    bullets: bool = False
    gap: float = 0.0  # extra space before each paragraph but the first
    role: str = ""  # "title" / "subtitle": the slide's placeholder in the deck


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass
class Picture:
    x: float
    y: float
    w: float
    h: float
    data: bytes


@dataclass
class Grid:
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
    title_layout: bool = False  # the deck's "Title Slide" layout instead of "Title Only"


def bullet_indent(size: float) -> float:
    """Room for the bullet and a space before the text (reportlab needs bullet + 0.6 em)."""
    return round(size * 1.3, 1)


def _paragraph_block(
    texts: list[str],
    x: float,
    y: float,
    w: float,
    h: float,
    size: float,
    *,
    bullets: bool,
    gap: float,
    max_lines_each: int,
    style: str = "regular",
    colour: str = DARK,
    min_size: float | None = None,
) -> TextBox:
    """Paragraphs fitted into a box, each cut to ``max_lines_each`` lines. When the box is
    full before the last paragraph, the last one shown becomes "…" to say so. With
    ``min_size``, the text first gets smaller, a point at a time down to it, where that lets
    every paragraph be shown whole; at ``min_size`` the space between paragraphs halves before
    any is cut (else they are cut at ``min_size`` with that space)."""
    if min_size is not None:
        sizes = [float(s) for s in range(int(size), int(min_size) - 1, -1)] or [size]  # (size below min_size)
        for smaller, space in [(s, gap) for s in sizes] + [(sizes[-1], gap / 2)]:
            box = _paragraph_block(
                texts,
                x,
                y,
                w,
                h,
                smaller,
                bullets=bullets,
                gap=space,
                max_lines_each=max_lines_each,
                style=style,
                colour=colour,
            )
            if box.paragraphs == list(texts):
                return box
        return box
    text_w = w - (bullet_indent(size) if bullets else 0)
    line_h = size * LEADING
    fitted: list[str] = []
    used = 0.0
    for t in texts:
        extra = gap if fitted else 0.0
        room = lines_that_fit(h - used - extra, size)
        if room < 1:
            # No room for the rest: a last "…" says that something was left out.
            if fitted:
                fitted[-1] = "…"
            break
        f = fit_text(t, style, size, text_w, min(max_lines_each, room))
        fitted.append(f)
        used += extra + len(wrap_text(f, style, size, text_w)) * line_h
    return TextBox(x, y, w, h, fitted, size, style=style, colour=colour, bullets=bullets, gap=gap)


def _heading(text: str) -> TextBox:
    """The slide heading: one line at 28 pt, or 24 pt if that is what it takes, else shortened."""
    for size in (28.0, 24.0):
        if len(wrap_text(text, "bold", size, CONTENT_W)) <= 1:
            break
    return TextBox(
        MARGIN, 30.0, CONTENT_W, 44.0, [fit_text(text, "bold", size, CONTENT_W, 1)], size, style="bold", role="title"
    )


def _frame(slide: _Slide, heading: str, number: int, total: int) -> None:
    """Heading, accent bar and page number: the parts every content slide shares."""
    slide.items.append(_heading(heading))
    slide.items.append(Rect(MARGIN, 80.0, 56.0, 4.0, ACCENT))
    slide.items.append(
        TextBox(PAGE_WIDTH - MARGIN - 80, 500.0, 80.0, 16.0, [f"{number} / {total}"], 11.0, colour=GREY, align="right")
    )


def _footnote(text: str) -> TextBox:
    """The line under a slide's body (a chart's caption: corpus, period, filters, method, the
    tone's check): 11 pt on two lines, in smaller type down to 8 pt (three lines) before it is
    cut. At 11 pt a German comparison's caption lost its method and the tone's check."""
    w = CONTENT_W - 100
    return _paragraph_block(
        [text], MARGIN, 492.0, w, 30.0, 11.0, bullets=False, gap=0.0, max_lines_each=3, colour=GREY, min_size=8.0
    )


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


def _cell(value, decimal: str = ".", day: str = "%Y-%m-%d") -> str:
    """A table cell as text: numbers with two decimals (``decimal`` the decimal sign) and a real
    minus sign, dates as dates (``day`` their strftime format)."""
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
        text = f"{v:.2f}".replace(".", decimal) if abs(v) < 1000 else f"{v:,.0f}".replace(",", " ")
        return text.replace("-", "\u2212", 1) if text.startswith("-") else text
    if isinstance(value, (pd.Timestamp, datetime)):
        if pd.isna(value):
            return ""
        return value.strftime(day if (value.hour, value.minute, value.second) == (0, 0, 0) else f"{day} %H:%M")
    if isinstance(value, date):
        return value.strftime(day)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return clean_text(value)


def _grid(
    table: pd.DataFrame, x: float, y: float, w: float, h: float, headings: Mapping[str, str] | None = None
) -> Grid | None:
    cells = table.iloc[:TABLE_ROWS, :TABLE_COLUMNS]
    if cells.shape[1] == 0:
        return None
    size = 12.0
    header = [clean_text(c) for c in cells.columns]
    decimal, day = _number_signs(headings or {})
    rows = [[_cell(v, decimal, day) for v in row] for row in cells.itertuples(index=False, name=None)]
    numeric = [
        pd.api.types.is_numeric_dtype(cells.iloc[:, j]) and not pd.api.types.is_bool_dtype(cells.iloc[:, j])
        for j in range(cells.shape[1])
    ]
    pad = 6.0
    # Column widths follow the widest cell, each at least 50 pt, scaled to the box width.
    need = []
    for j in range(len(header)):
        cells = [header[j]] + [r[j] for r in rows]
        need.append(
            max(
                50.0,
                min(
                    320.0,
                    max(text_width(c, "bold" if i == 0 else "regular", size) for i, c in enumerate(cells)) + 2 * pad,
                ),
            )
        )
    scale = w / sum(need)
    widths = [n * scale for n in need]
    row_h = min(24.0, h / (len(rows) + 1))
    header = [fit_line(c, "bold", size, wd - 2 * pad) for c, wd in zip(header, widths)]
    rows = [[fit_line(c, "regular", size, wd - 2 * pad) for c, wd in zip(r, widths)] for r in rows]
    return Grid(x, y, w, row_h * (len(rows) + 1), header, rows, numeric, widths, row_h, size)


def _title_slide(pack: Pack) -> _Slide:
    s = _Slide(title_layout=True)
    s.items.append(Rect(0, 0, 14.0, PAGE_HEIGHT, ACCENT))
    x, w = 80.0, PAGE_WIDTH - 160.0
    title = clean_text(pack.title)
    size = 40.0 if len(wrap_text(title, "bold", 40.0, w)) <= 2 else 32.0
    title = fit_text(title, "bold", size, w, 2)
    # The title sits on the accent bar below it, whether it takes one line or two.
    height = len(wrap_text(title, "bold", size, w)) * size * LEADING + 4
    s.items.append(TextBox(x, 244.0 - height, w, height, [title], size, style="bold", role="title"))
    s.items.append(Rect(x, 258.0, 72.0, 4.0, ACCENT))
    sub = clean_text(pack.subtitle)
    s.items.append(
        TextBox(x, 280.0, w, 56.0, [fit_text(sub, "regular", 20.0, w, 2)], 20.0, colour=GREY, role="subtitle")
    )
    made = clean_text(pack.date_made)
    if made:
        s.items.append(TextBox(x, 350.0, w, 24.0, [fit_text(made, "regular", 16.0, w, 1)], 16.0, colour=GREY))
    s.items.append(
        TextBox(
            x,
            470.0,
            w,
            22.0,
            [fit_text(clean_text(pack.headings["made_with"]), "bold", 14.0, w, 1)],
            14.0,
            style="bold",
            colour=ACCENT,
        )
    )
    return s


def _chart_slide(chart: ChartSlide, headings: Mapping[str, str], number: int, total: int) -> _Slide:
    s = _Slide()
    _frame(s, clean_text(chart.title), number, total)
    size = _image_size(chart.image)
    if size is not None and chart.image is not None:
        pw, ph = size
        k = min(IMAGE_W / pw, IMAGE_H / ph)
        s.items.append(Rect(MARGIN, BODY_TOP, IMAGE_W, IMAGE_H, RULE))  # thin frame
        s.items.append(Picture(MARGIN + 0.75, BODY_TOP + 0.75, pw * k - 1.5, ph * k - 1.5, chart.image))
    else:
        note = fit_text(clean_text(headings["no_image"]), "italic", 14.0, IMAGE_W, 2)
        s.items.append(TextBox(MARGIN, BODY_TOP, IMAGE_W, 38.0, [note], 14.0, style="italic", colour=GREY))
        if chart.table is not None and len(chart.table.columns) and len(chart.table):
            grid = _grid(chart.table, MARGIN, BODY_TOP + 46.0, IMAGE_W, IMAGE_H - 46.0, headings)
            if grid is not None:
                s.items.append(grid)
    side_x = MARGIN + IMAGE_W + GUTTER
    side_w = PAGE_WIDTH - MARGIN - side_x
    s.items.append(Rect(side_x, BODY_TOP, 3.0, IMAGE_H, ACCENT))
    # Each line of the text its own paragraph (two findings are two lines), smaller type before
    # any of it is cut: the reader's own words, up to the 600 characters the app takes, fit whole.
    s.items.append(
        _paragraph_block(
            text_lines(str(chart.what_this_shows or "").splitlines()),
            side_x + 14.0,
            BODY_TOP,
            side_w - 14.0,
            IMAGE_H,
            SIDE_SIZE,
            bullets=False,
            gap=10.0,
            max_lines_each=99,
            min_size=SIDE_MIN_SIZE,
        )
    )
    caption = clean_text(chart.caption)
    if caption:
        s.items.append(_footnote(caption))
    return s


def _number_signs(headings: Mapping[str, str]) -> tuple[str, str]:
    """The pack's decimal sign and day format (:class:`~tonlage.report.deck.model.Pack`'s
    optional headings "decimal" and "day"): "." and ISO unless given."""
    return headings.get("decimal", ".") or ".", headings.get("day", "%Y-%m-%d") or "%Y-%m-%d"


def _quote_meta(q: QuoteCard, headings: Mapping[str, str]) -> str:
    parts = [clean_text(q.title), clean_text(q.author), clean_text(q.source), clean_text(q.date_label)]
    tone = q.tone
    if tone is not None and not (isinstance(tone, float) and math.isnan(tone)):
        value = f"{float(tone):+.2f}".replace("-", "\u2212").replace(".", _number_signs(headings)[0])
        parts.append(f"{clean_text(headings['tone'])}\u00a0{value}".strip("\u00a0"))
    return " · ".join(p for p in parts if p)


def _quote_slide(
    quotes: Sequence[QuoteCard], headings: Mapping[str, str], heading: str, number: int, total: int
) -> _Slide:
    s = _Slide()
    _frame(s, heading, number, total)
    open_q = clean_text(headings.get("quote_open", "\u201c")) or "\u201c"
    close_q = clean_text(headings.get("quote_close", "\u201d")) or "\u201d"
    n = max(len(quotes), 1)  # the cards share the slide's width; fewer cards, larger text
    card_w = (CONTENT_W - (n - 1) * GUTTER) / n
    pad, bar, gap = 16.0, 4.0, 14.0
    inner_w = card_w - 2 * pad
    meta_size, quote_size = 12.0, {1: 20.0, 2: 17.0}.get(n, 15.0)
    cards = []
    for q in quotes:
        meta = fit_text(_quote_meta(q, headings), "regular", meta_size, inner_w, 4)
        meta_h = len(wrap_text(meta, "regular", meta_size, inner_w)) * meta_size * LEADING
        room = BODY_H - 2 * pad - bar - gap - meta_h
        # The quote marks are part of the fitted text, so a shortened quote still closes.
        text = fit_text(
            f"{open_q}{clean_text(q.text)}{close_q}",
            "italic",
            quote_size,
            inner_w,
            lines_that_fit(room, quote_size),
            ellipsis="…" + close_q,
        )
        text_h = len(wrap_text(text, "italic", quote_size, inner_w)) * quote_size * LEADING
        cards.append((text, text_h, meta, meta_h))
    # All cards of a slide as tall as the fullest one (at least a third of the body).
    card_h = max([BODY_H / 3] + [2 * pad + bar + t_h + gap + m_h for _, t_h, _, m_h in cards])
    card_h = min(card_h, BODY_H)
    for i, (text, text_h, meta, meta_h) in enumerate(cards):
        x = MARGIN + i * (card_w + GUTTER)
        s.items.append(Rect(x, BODY_TOP, card_w, card_h, LIGHT))
        s.items.append(Rect(x, BODY_TOP, card_w, bar, ACCENT))
        s.items.append(TextBox(x + pad, BODY_TOP + bar + pad, inner_w, text_h + 2, [text], quote_size, style="italic"))
        s.items.append(
            TextBox(x + pad, BODY_TOP + card_h - pad - meta_h, inner_w, meta_h + 2, [meta], meta_size, colour=GREY)
        )
    return s


def _method_slide(pack: Pack, number: int, total: int) -> _Slide:
    s = _Slide()
    h = pack.headings
    heading = f"{clean_text(h['method'])} · {clean_text(h['limits'])}"
    _frame(s, heading, number, total)
    col_w = (CONTENT_W - 2 * GUTTER) / 2
    columns = (("method", pack.method), ("limits", pack.limits))

    def bullets(i: int, lines, size: float, min_size: float | None = None) -> TextBox:
        x = MARGIN + i * (col_w + 2 * GUTTER)
        return _paragraph_block(
            text_lines(lines),
            x,
            BODY_TOP + 36.0,
            col_w,
            BODY_H - 36.0,
            size,
            bullets=True,
            gap=6.0,
            max_lines_each=4,
            min_size=min_size,
        )

    # A corrected corpus's method runs to nine or ten bullets: smaller text (down to 11 pt), the
    # same in both columns, then less space between its bullets.
    boxes = [bullets(i, lines, 15.0, min_size=11.0) for i, (_, lines) in enumerate(columns)]
    size = min(box.size for box in boxes)
    for i, (key, lines) in enumerate(columns):
        x = MARGIN + i * (col_w + 2 * GUTTER)
        heading_box = TextBox(
            x,
            BODY_TOP,
            col_w,
            28.0,
            [fit_text(clean_text(h[key]), "bold", 20.0, col_w, 1)],
            20.0,
            style="bold",
            colour=ACCENT,
        )
        s.items += [heading_box, boxes[i] if boxes[i].size == size else bullets(i, lines, size)]
    s.items.append(Rect(MARGIN + col_w + GUTTER - 0.5, BODY_TOP, 1.0, BODY_H, RULE))
    return s


def plan_slides(pack: Pack) -> list[_Slide]:
    """Every slide of the pack as boxes; both writers draw exactly this."""
    missing = [k for k in REQUIRED_HEADINGS if k not in pack.headings]
    if missing:
        raise ValueError(f"Pack.headings lacks {', '.join(missing)}")
    total = slide_count(pack)
    slides = [_title_slide(pack)]
    for chart in pack.charts:
        slides.append(_chart_slide(chart, pack.headings, len(slides) + 1, total))
    pages = spread_over(finding_lines(pack), FINDINGS_PER_SLIDE)
    for i, part in enumerate(pages, start=1):
        s = _Slide()
        _frame(s, _numbered(clean_text(pack.headings["findings"]), i, len(pages)), len(slides) + 1, total)
        # A finding is a claim with its numbers: it gets the lines it needs, in smaller type
        # where a full slide needs it, rather than losing its end (six findings of 101,000
        # articles at 17 pt lost the last one's numbers to "(2,747 vs…").
        size = 20.0 if len(part) <= 3 else 17.0
        s.items.append(
            _paragraph_block(
                part,
                MARGIN,
                BODY_TOP + 4.0,
                CONTENT_W,
                BODY_H - 4.0,
                size,
                bullets=True,
                gap=12.0,
                max_lines_each=6,
                min_size=FINDINGS_MIN_SIZE,
            )
        )
        if pack.tone_note:
            s.items.append(_footnote(clean_text(pack.tone_note)))
        slides.append(s)
    pages = spread_over(list(pack.quotes), QUOTES_PER_SLIDE)
    for i, part in enumerate(pages, start=1):
        heading = _numbered(clean_text(pack.headings["quotes"]), i, len(pages))
        slides.append(_quote_slide(part, pack.headings, heading, len(slides) + 1, total))
    slides.append(_method_slide(pack, len(slides) + 1, total))
    assert len(slides) == total
    return slides
