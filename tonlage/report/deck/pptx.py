"""The PowerPoint deck (python-pptx) drawn from the plan."""

from __future__ import annotations

import io
import logging

from .layout import (
    ACCENT,
    DARK,
    LEADING,
    LIGHT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    WHITE,
)
from .model import Pack, clean_text
from .plan import Grid, Picture, Rect, TextBox, bullet_indent, plan_slides
from .text import shorten

log = logging.getLogger(__name__)

# --- the PowerPoint deck -----------------------------------------------------------------------

_DECK_FONT = "Calibri"


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _deck_text(frame, item: TextBox) -> None:
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
        p.line_spacing = Pt(item.size * LEADING)
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
            indent = int(Pt(bullet_indent(item.size)))
            ppr.set("marL", str(indent))
            ppr.set("indent", str(-indent))
            colour = ppr.makeelement(qn("a:buClr"), {})
            colour.append(colour.makeelement(qn("a:srgbClr"), {"val": ACCENT.lstrip("#")}))
            ppr.append(colour)
            ppr.append(ppr.makeelement(qn("a:buFont"), {"typeface": "Arial"}))
            ppr.append(ppr.makeelement(qn("a:buChar"), {"char": "\u2022"}))


def _deck_rect(slide, item: Rect) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Pt

    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(item.x), Pt(item.y), Pt(item.w), Pt(item.h))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(item.colour)
    shape.line.fill.background()
    shape.shadow.inherit = False


def _deck_grid(slide, item: Grid) -> None:
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

    plan = plan_slides(pack)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(PAGE_WIDTH), Pt(PAGE_HEIGHT)
    title_layout, content_layout = prs.slide_layouts[0], prs.slide_layouts[5]
    for planned in plan:
        slide = prs.slides.add_slide(title_layout if planned.title_layout else content_layout)
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        for item in planned.items:
            if isinstance(item, TextBox):
                idx = {"title": 0, "subtitle": 1}.get(item.role)
                shape = (
                    placeholders.pop(idx)
                    if idx in placeholders
                    else slide.shapes.add_textbox(Pt(item.x), Pt(item.y), Pt(item.w), Pt(item.h))
                )
                shape.left, shape.top, shape.width, shape.height = (Pt(item.x), Pt(item.y), Pt(item.w), Pt(item.h))
                _deck_text(shape.text_frame, item)
            elif isinstance(item, Rect):
                _deck_rect(slide, item)
            elif isinstance(item, Picture):
                slide.shapes.add_picture(io.BytesIO(item.data), Pt(item.x), Pt(item.y), Pt(item.w), Pt(item.h))
            elif isinstance(item, Grid):
                _deck_grid(slide, item)
        for ph in placeholders.values():  # a layout placeholder we did not use would say "Click to add"
            ph._element.getparent().remove(ph._element)
    props = prs.core_properties
    props.title = shorten(clean_text(pack.title), 250)
    props.author = props.last_modified_by = "Tonlage"
    props.subject = shorten(clean_text(pack.subtitle), 250)
    props.revision = 1
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
