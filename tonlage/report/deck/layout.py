"""The page: its size, margins, the body box, colours and how many items a slide holds."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

REQUIRED_HEADINGS = ("findings", "quotes", "method", "limits", "tone", "no_image", "made_with")

PAGE_WIDTH, PAGE_HEIGHT = 960.0, 540.0  # points; 13.333 x 7.5 in
FINDINGS_PER_SLIDE = 6
QUOTES_PER_SLIDE = 3
TABLE_ROWS, TABLE_COLUMNS = 12, 6

DARK = "#262730"
ACCENT = "#0072B2"
GREY = "#5F6368"
LIGHT = "#F3F4F6"
RULE = "#D5D8DD"
WHITE = "#FFFFFF"

MARGIN = 40.0
CONTENT_W = PAGE_WIDTH - 2 * MARGIN
BODY_TOP = 100.0
_BODY_BOTTOM = 474.0
BODY_H = _BODY_BOTTOM - BODY_TOP
IMAGE_W, IMAGE_H = 640.0, 360.0  # 16:9 image box on a chart slide
GUTTER = 20.0
LEADING = 1.22  # line height as a multiple of the font size
