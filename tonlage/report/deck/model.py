"""What the caller hands in (charts, quote cards, the pack), and text that is safe to draw."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .layout import FINDINGS_PER_SLIDE, QUOTES_PER_SLIDE

log = logging.getLogger(__name__)

# --- what the caller hands in ------------------------------------------------------------------


@dataclass(frozen=True)
class ChartSlide:
    """One chart of the pack.

    Attributes:
        title: The chart's plain title (the slide's heading).
        image: PNG bytes (16:9, caption stamped in), or None when images cannot be made here.
        caption: One line: corpus · dates · filters · n articles · method (the slide's footnote).
        what_this_shows: One to three plain sentences shown beside the chart; each line of it is
            a paragraph of its own.
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
            marks, “ and ” unless given; „ and “ for German), "decimal" (the decimal sign of
            numbers in tables and quotes, "." unless given) and "day" (the strftime format of
            days in tables, ISO unless given).
        charts: One slide each.
        findings: Plain sentences, six to a slide.
        quotes: Example quotes, three to a slide.
        method, limits: Lines for the last slide.
        date_made: Shown on the title slide.
        tone_note: Under every findings slide: how far the tone agrees with a reader.
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
    tone_note: str = ""


# --- text that is safe to draw -----------------------------------------------------------------

# Characters XML 1.0 cannot hold (python-pptx and lxml refuse them), other C0/C1 controls,
# lone surrogates and the two non-characters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: object) -> str:
    """Untrusted text as one clean line: unsafe characters dropped, whitespace collapsed."""
    if text is None:
        return ""
    if isinstance(text, float) and math.isnan(text):
        return ""
    return " ".join(_UNSAFE.sub("", str(text)).split())


def text_lines(items: Sequence[object]) -> list[str]:
    return [c for c in (clean_text(x) for x in items) if c]


def finding_lines(pack: Pack) -> list[str]:
    return text_lines(pack.findings)


def spread_over(items: list, per_slide: int) -> list[list]:
    """``items`` on as few slides as ``per_slide`` allows, spread evenly (seven findings at six
    a slide: four and three, not six and one)."""
    n_slides = math.ceil(len(items) / per_slide)
    if not n_slides:
        return []
    size = math.ceil(len(items) / n_slides)
    return [items[i : i + size] for i in range(0, len(items), size)]


def slide_count(pack: Pack) -> int:
    """Number of slides (and PDF pages) of the pack.

    Title + one per chart + findings (six to a slide, none without findings) + quotes (three
    to a slide) + one slide on method and limits.
    """
    n_findings = len(finding_lines(pack))
    return (
        1
        + len(pack.charts)
        + math.ceil(n_findings / FINDINGS_PER_SLIDE)
        + math.ceil(len(pack.quotes) / QUOTES_PER_SLIDE)
        + 1
    )
