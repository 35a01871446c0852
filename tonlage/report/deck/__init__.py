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

from .layout import (
    FINDINGS_PER_SLIDE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QUOTES_PER_SLIDE,
    REQUIRED_HEADINGS,
    TABLE_COLUMNS,
    TABLE_ROWS,
)
from .model import ChartSlide, Pack, QuoteCard, slide_count
from .pdf import pack_pdf
from .pptx import pack_pptx

__all__ = [
    "ChartSlide",
    "QuoteCard",
    "Pack",
    "REQUIRED_HEADINGS",
    "slide_count",
    "pack_pptx",
    "pack_pdf",
    "PAGE_WIDTH",
    "PAGE_HEIGHT",
    "FINDINGS_PER_SLIDE",
    "QUOTES_PER_SLIDE",
    "TABLE_ROWS",
    "TABLE_COLUMNS",
]
