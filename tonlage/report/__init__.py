"""Slide-ready output: charts as images with their caption stamped in, and the meeting pack
(a PowerPoint deck and a PDF with the same slides).

:mod:`tonlage.report.images` needs Chromium on the server and says plainly when there is none;
:mod:`tonlage.report.deck` needs no browser (a chart without an image becomes a table).
The names below are loaded on first use, so importing one half does not load the other's
libraries (python-pptx and reportlab, or kaleido).
"""

from __future__ import annotations

import importlib

__all__ = [
    "ChartSlide",
    "Pack",
    "QuoteCard",
    "pack_pdf",
    "pack_pptx",
    "slide_count",
    "SLIDE_WIDTH",
    "SLIDE_HEIGHT",
    "SLIDE_SCALE",
    "RenderUnavailable",
    "render_figure",
    "render_figures",
    "renderer_status",
    "stamp_caption",
]

_HOME = dict.fromkeys(__all__[:6], "deck") | dict.fromkeys(__all__[6:], "images")


def __getattr__(name: str):
    if name in _HOME:
        return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
