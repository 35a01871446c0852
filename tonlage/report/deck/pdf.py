"""The PDF (reportlab) drawn from the plan; text reaches reportlab's ``Paragraph`` markup only escaped."""

from __future__ import annotations

import io
import logging
from xml.sax.saxutils import escape

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
from .text import FONTS, pdf_text, register_fonts, shorten

log = logging.getLogger(__name__)

# --- the PDF -----------------------------------------------------------------------------------


def _pdf_paragraphs(c, item: TextBox) -> None:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle(
        "tonlage",
        fontName=FONTS[item.style],
        fontSize=item.size,
        leading=item.size * LEADING,
        textColor=HexColor(item.colour),
        alignment=TA_RIGHT if item.align == "right" else TA_LEFT,
        leftIndent=bullet_indent(item.size) if item.bullets else 0,
        bulletIndent=0,
        bulletFontName=FONTS["regular"],
        bulletFontSize=item.size,
        splitLongWords=1,
    )
    style.bulletColor = HexColor(ACCENT)  # read by reportlab's bullet drawing, not a constructor field
    top = item.y
    for i, text in enumerate(item.paragraphs):
        if i:
            top += item.gap
        # Paragraph reads a small markup language: the text is escaped, so "<b>" stays "<b>".
        markup = escape(pdf_text(text))
        p = Paragraph(markup, style, bulletText="\u2022" if item.bullets else None)
        _, h = p.wrap(item.w, PAGE_HEIGHT)
        p.drawOn(c, item.x, PAGE_HEIGHT - top - h)
        top += h


def _pdf_grid(c, item: Grid) -> None:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    # Table cells given as plain strings are drawn as they are (no markup is read).
    data = [[pdf_text(v) for v in item.header]] + [[pdf_text(v) for v in r] for r in item.rows]
    commands = [
        ("FONTNAME", (0, 0), (-1, 0), FONTS["bold"]),
        ("FONTNAME", (0, 1), (-1, -1), FONTS["regular"]),
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

    register_fonts()
    plan = plan_slides(pack)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
    c.setTitle(pdf_text(shorten(clean_text(pack.title), 250)))
    c.setSubject(pdf_text(shorten(clean_text(pack.subtitle), 250)))
    c.setCreator("Tonlage")
    for planned in plan:
        for item in planned.items:
            if isinstance(item, TextBox):
                _pdf_paragraphs(c, item)
            elif isinstance(item, Rect):
                c.setFillColor(HexColor(item.colour))
                c.rect(item.x, PAGE_HEIGHT - item.y - item.h, item.w, item.h, stroke=0, fill=1)
            elif isinstance(item, Picture):
                c.drawImage(ImageReader(_opaque(item.data)), item.x, PAGE_HEIGHT - item.y - item.h, item.w, item.h)
            elif isinstance(item, Grid):
                _pdf_grid(c, item)
        c.showPage()
    c.save()
    return buf.getvalue()
