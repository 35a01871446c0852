"""Charts as slide-ready images, made on the server with the system's Chromium.

Plotly draws figures in a browser; kaleido 1.x drives a headless Chromium through
choreographer to do that without a screen. Starting the browser costs a few seconds, so one
browser is kept open for the whole process (started on the first render, closed when Python
exits) and every later image takes a fraction of a second. Streamlit calls from many threads:
renders are serialised through one lock.

Nothing is ever downloaded. When there is no Chromium, or it cannot start, rendering raises
:class:`RenderUnavailable` with a plain sentence the app can show, and
:func:`renderer_status` says so before anyone asks for an image.

Every image carries a caption stamped into it (corpus, dates, filters, number of articles,
method): a slide copied out of the deck still says where its numbers come from.
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import functools
import importlib.util
import math
import os
import re
import shutil
import threading
import warnings
from collections.abc import Sequence

import plotly.graph_objects as go

from ..i18n import message

__all__ = [
    "SLIDE_WIDTH",
    "SLIDE_HEIGHT",
    "SLIDE_SCALE",
    "CAPTION_FONT_SIZE",
    "RenderUnavailable",
    "renderer_status",
    "render_figure",
    "render_figures",
    "stamp_caption",
    "paper_box",
    "browser_path",
]

# Layout size of a slide image in CSS pixels; PNGs are drawn at SLIDE_SCALE (1920x1080), SVGs
# keep the layout size.
# 960 x 540 layout pixels drawn at twice the density: a 1920 x 1080 PNG whose type stays
# legible when the image fills half a slide.
SLIDE_WIDTH, SLIDE_HEIGHT, SLIDE_SCALE = 960, 540, 2.0
FORMATS = ("png", "svg")

CAPTION_FONT_SIZE = 13
CAPTION_COLOUR = "#6B6B6B"
# The view's three lines, then the tone's: how far it agrees with a reader, what a reader
# corrected (with three, an exported tone chart lost its tone line).
CAPTION_MAX_LINES = 5
CAPTION_MAX_CHARS = 170  # per row at most, whatever the width
CAPTION_MAX_ROWS = 7  # rows in all, the broken lines' second rows included
# A caption line wider than the image goes on on a second row (at most two rows a line). The
# Chromium the images are drawn in sets 13 px caption text at ~6.9 px a character on average
# (measured on the pack's method line, 6.8 px in German); 0.54 em keeps a row inside the image.
_CAPTION_CHAR_EM = 0.54
_LINE_PX = CAPTION_FONT_SIZE * 1.3  # Plotly's line spacing for multi-line text
_CAPTION_PAD = 10  # from the bottom edge of the image to the caption
_CAPTION_GAP = 8  # between the caption and the legend above it
_SLIDE_FONT = 16  # body text on slides (the app uses 14)
_SLIDE_TITLE_FONT = 22
_SIDE = 24  # minimum left/right margin on a slide image
_FONT_ROOM = 12  # extra bottom margin for the larger axis and legend text
_AXIS_ROOM = 64  # bottom margin that holds tick labels and an x-axis title
_AXIS_LINE = 25  # a further line of an x-axis title (1.2 x the 16 px body text, line-spaced)
#: A month's tick label as the app writes it in English, and on a slide: the year on a line of its
#: own (at the slide's 16 px text, "Feb 2025" x 11 did not fit side by side and Plotly turned them).
_MONTH_TICK, _SLIDE_MONTH_TICK = "%b %Y", "%b\n%Y"
_DEFAULT_MARGIN = {"t": 100, "b": 80, "l": 80, "r": 80}  # Plotly's margins when a figure sets none

_RENDER_TIMEOUT = 60.0  # seconds for one image before we give up
_START_TIMEOUT = 60.0  # seconds for the browser to start

_NO_BROWSER = message(
    "Chart images need Chromium on the server (Debian: apt-get install chromium). Until then, a "
    "chart can be saved from the camera button above it."
)
_BROWSER_FAILED = message(
    "Chromium is installed on the server but could not be started, so chart images cannot be "
    "made here. A chart can still be saved from the camera button above it."
)
_NO_KALEIDO = message(
    "Chart images need the Python package kaleido on the server (pip install kaleido). Until then, "
    "a chart can be saved from the camera button above it."
)
_TOO_SLOW = message("Making a chart image took longer than a minute, so the browser was stopped.")

_CANDIDATES = ("/usr/bin/chromium",)
_CANDIDATE_NAMES = ("chromium", "chromium-browser", "google-chrome")


class RenderUnavailable(RuntimeError):
    """Chart images cannot be made here; raised with a :class:`~tonlage.i18n.Message` (``str(exc)``
    is the English sentence)."""


# --- caption -------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _plot_text(text: object, max_len: int = CAPTION_MAX_CHARS) -> str:
    """Untrusted text as literal Plotly text: one line, shortened, ``& < >`` escaped.

    Plotly renders a small HTML subset (``<b>``, ``<a href>``, ``<br>``) in text, so a corpus
    called ``<b>x</b>`` would otherwise come out bold.
    """
    s = " ".join(_CONTROL.sub(" ", "" if text is None else str(text)).split())
    if len(s) > max_len:
        cut = s[: max_len - 1]
        if " " in cut[max_len // 2 :]:
            cut = cut.rsplit(" ", 1)[0]
        s = cut.rstrip(" ·,;:-") + "…"
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _caption_lines(caption: Sequence[str] | str, width: int = SLIDE_WIDTH) -> list[str]:
    """The caption's rows: each line given cleaned (:func:`_plot_text`), and one wider than the
    image between the side margins broken in two, at a " · " if one is near, else at a space
    (a second row still too wide ends in "…")."""
    if isinstance(caption, str):
        caption = [caption]
    lines = [line for line in (" ".join(_CONTROL.sub(" ", str(x or "")).split()) for x in caption) if line]
    row = min(CAPTION_MAX_CHARS, max(20, int((width - 2 * _SIDE) / (CAPTION_FONT_SIZE * _CAPTION_CHAR_EM))))
    rows: list[str] = []
    for line in lines[:CAPTION_MAX_LINES]:
        if len(line) <= row:
            rows.append(_plot_text(line))
            continue
        cut = _break_at(line, row)
        rows += [_plot_text(line[:cut].rstrip(" ·"), row), _plot_text(line[cut:].lstrip(" ·"), row)]
    return rows[:CAPTION_MAX_ROWS]


def _break_at(line: str, limit: int) -> int:
    """Where to break ``line`` so the first part stays within ``limit`` characters: after the
    last " · " in its second half, else at the last space, else at ``limit``."""
    head = line[: limit + 1]
    dot = head.rfind(" · ")
    if dot >= limit // 2:
        return dot
    space = head.rfind(" ")
    return space if space > 0 else limit


def _months_on_two_lines(layout: dict) -> bool:
    """Write a date axis's month ticks with the year on a second line ("Feb" over "2025");
    True when an axis had such ticks."""
    changed = False
    for name, axis in layout.items():
        if not name.startswith("xaxis") or not isinstance(axis, dict):
            continue
        for stop in axis.get("tickformatstops") or []:
            if isinstance(stop, dict) and stop.get("value") == _MONTH_TICK:
                stop["value"] = _SLIDE_MONTH_TICK
                changed = True
    return changed


def _caption_height(n_lines: int) -> float:
    """Pixels the caption takes at the bottom of the image (0 without a caption)."""
    if n_lines == 0:
        return 0.0
    return _CAPTION_PAD + n_lines * _LINE_PX + _CAPTION_GAP


def _margin(layout: dict, side: str) -> float:
    value = (layout.get("margin") or {}).get(side)
    return float(value) if value is not None else float(_DEFAULT_MARGIN[side])


def stamp_caption(
    fig: go.Figure, caption: Sequence[str] | str, *, width: int = SLIDE_WIDTH, height: int = SLIDE_HEIGHT
) -> go.Figure:
    """A copy of ``fig`` sized for a slide, with ``caption`` in small grey text at the bottom.

    The caption goes below everything else: the bottom margin grows by the caption's height,
    and a legend placed at the bottom of the figure (``yref="container"``, as the app's charts
    do) moves up by the same amount, so caption, legend and x-axis title never overlap. Body
    and title text get slightly larger for reading on a projector.

    Args:
        fig: The chart; it is not changed.
        caption: One to five short lines (corpus · dates · filters · n articles · method;
            a tone chart's tone lines).
            The text may come from users' files: it is shown literally (``<b>`` stays
            ``<b>``), control characters are dropped and over-long lines shortened with "…".
            More than :data:`CAPTION_MAX_LINES` lines are cut to that many.
        width, height: Size of the image in layout pixels.

    Returns:
        A new figure of ``width`` x ``height`` with the caption as an annotation named
        "caption" (no annotation when the caption is empty).
    """
    layout = copy.deepcopy(fig.layout.to_plotly_json())
    lines = _caption_lines(caption, width)
    cap_h = _caption_height(len(lines))

    layout["width"], layout["height"] = width, height
    layout["autosize"] = False
    font = layout.setdefault("font", {})
    font["size"] = max(float(font.get("size") or 12), _SLIDE_FONT)
    title = layout.get("title")
    if isinstance(title, dict) and title.get("text"):
        tfont = title.setdefault("font", {})
        tfont["size"] = max(float(tfont.get("size") or 17), _SLIDE_TITLE_FONT)

    margin = layout.setdefault("margin", {})
    # A little air at the sides: on a slide the image has no page around it.
    margin["l"] = max(_margin(layout, "l"), _SIDE)
    margin["r"] = max(_margin(layout, "r"), _SIDE)
    if isinstance(title, dict) and title.get("xanchor") == "left" and not title.get("x"):
        pad = title.setdefault("pad", {})
        pad["l"] = max(float(pad.get("l") or 0), _SIDE)
    # Axes grow their margins for long labels themselves ("automargin"). Plotly's default
    # template says so, but Streamlit swaps the default template for its own on import, so a
    # figure built in the app would lose its y-axis labels off the left edge.
    for name in [k for k in layout if k.startswith(("xaxis", "yaxis"))] or ["xaxis", "yaxis"]:
        axis = layout.setdefault(name, {})
        if isinstance(axis, dict):
            axis.setdefault("automargin", True)
    two_line_ticks = _months_on_two_lines(layout)
    legend_title = (layout.get("legend") or {}).get("title")
    if isinstance(legend_title, dict) and legend_title.get("text") and layout["legend"].get("orientation") == "h":
        # A horizontal legend's title sits left of its entries; at the slide's larger text the
        # entries of the Themes page's twelve-theme chart ran off the right edge beside it.
        legend_title.setdefault("side", "top")
    top, bottom = _margin(layout, "t"), _margin(layout, "b")
    # The x axis's title, or a panel's (small multiples name one bottom panel's axis)
    titles = [
        (a.get("title") or {}).get("text") for k, a in layout.items() if k.startswith("xaxis") and isinstance(a, dict)
    ]
    x_title = next((text for text in titles if text), None)
    if x_title:
        # The caption must start below the axis title, and a title on two lines ("Tone<br>(−1
        # negative … +1 positive)") needs a line more: the caption touched its second line.
        bottom = max(bottom, _AXIS_ROOM + _AXIS_LINE * (x_title.count("<br>") + two_line_ticks))
    if lines:
        bottom += cap_h + _FONT_ROOM
        margin["b"] = bottom
        margin["t"] = top  # the caption's position depends on it: make it explicit
        legend = layout.get("legend") or {}
        if legend.get("yref") == "container":
            # The legend rests on the bottom edge of the figure: lift it above the caption.
            legend["y"] = float(legend.get("y") or 0.0) + cap_h / height
            layout["legend"] = legend
        elif legend.get("orientation") == "h" and (legend.get("y") is None or legend["y"] < 0):
            # A horizontal legend below the plot (Plotly's own placement) would meet the
            # caption: rest it on the caption instead, as the app's charts do.
            legend.update(yref="container", y=cap_h / height, yanchor="bottom")
            layout["legend"] = legend
        # Annotations cannot be placed relative to the whole figure, only to the plot area
        # ("paper"), and Plotly may still grow the bottom margin (a legend of two rows pushes
        # the x axis up). The top margin stays as set, so the caption hangs from the top edge
        # of the plot area, shifted down in pixels to _CAPTION_PAD above the image's bottom.
        caption_note = dict(
            name="caption",
            text="<br>".join(lines),
            showarrow=False,
            xref="paper",
            x=0,
            xanchor="left",
            yref="paper",
            y=1,
            yanchor="bottom",
            yshift=-(height - _CAPTION_PAD - top),
            align="left",
            font=dict(size=CAPTION_FONT_SIZE, color=CAPTION_COLOUR),
            captureevents=False,
        )
        layout["annotations"] = list(layout.get("annotations") or []) + [caption_note]
    return go.Figure(data=copy.deepcopy(list(fig.data)), layout=layout)


# --- the browser -----------------------------------------------------------------------------


def _runnable(path: str | None) -> bool:
    return path is not None and os.path.isfile(path) and os.access(path, os.X_OK)


def browser_path() -> str | None:
    """The Chromium kaleido will use, or None when there is none to run.

    ``BROWSER_PATH`` wins when set (None if it names nothing runnable). Otherwise the first
    of /usr/bin/chromium, chromium, chromium-browser and google-chrome on the ``PATH`` is
    taken and ``BROWSER_PATH`` set to it, so kaleido (through choreographer) uses that
    browser and never looks for a downloaded one.
    """
    from .. import settings

    env = settings.value(settings.BROWSER_PATH)
    if env:
        return env if _runnable(env) else None
    for path in (*_CANDIDATES, *(shutil.which(n) for n in _CANDIDATE_NAMES)):
        if path is not None and _runnable(path):
            settings.export(settings.BROWSER_PATH, path)
            return path
    return None


class _Renderer:
    """One headless browser for the whole process, used from any thread.

    The browser lives in an event loop on its own daemon thread; callers hand it work with
    ``run_coroutine_threadsafe`` and wait with a timeout, so a stuck browser never hangs a
    Streamlit session. After a failure the browser is closed and started again on the next
    render.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self.failure: tuple[str, str] = ("", "")  # (browser path, message) of the last failed start
        self._atexit = False

    def _start(self) -> None:
        import kaleido  # imported late: importing it is not free and most reruns never render

        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="tonlage-chart-images", daemon=True)
        thread.start()

        async def open_browser():
            # mathjax=False: no request to a CDN for formula rendering we never use.
            k = kaleido.Kaleido(n=1, timeout=_RENDER_TIMEOUT, mathjax=False)
            await k.open()
            return k

        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(_START_TIMEOUT)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)
            loop.close()
            raise
        self._loop, self._thread = loop, thread
        if not self._atexit:
            atexit.register(self.stop)
            self._atexit = True

    def stop(self) -> None:
        """Close the browser and its thread (safe to call when nothing runs)."""
        loop, k, thread = self._loop, self._kaleido, self._thread
        self._loop = self._kaleido = self._thread = None
        if loop is None:
            return
        try:
            if k is not None:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(10)
        except BaseException:  # noqa: BLE001 closing is best effort (the browser may be gone)
            pass
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(5)
        if not loop.is_running():
            loop.close()

    def render(self, fig_dict: dict, opts: dict) -> bytes:
        """One image; the caller holds ``self.lock``."""
        from kaleido.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError

        path = browser_path()
        if path is None:
            raise RenderUnavailable(_NO_BROWSER)
        for attempt in (1, 2):
            if self._loop is None:
                try:
                    self._start()
                except ChromeNotFoundError:
                    self.failure = (path, _NO_BROWSER)
                    raise RenderUnavailable(_NO_BROWSER) from None
                except (BrowserFailedError, BrowserClosedError):
                    self.failure = (path, _BROWSER_FAILED)
                    raise RenderUnavailable(_BROWSER_FAILED) from None
                except Exception:  # noqa: BLE001 e.g. a slow start: try the one-off way
                    return self._render_once(fig_dict, opts)
            self.failure = ("", "")
            assert self._loop is not None and self._kaleido is not None
            future = asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(fig_dict, opts=opts), self._loop)
            try:
                return future.result(_RENDER_TIMEOUT + 5)
            except TimeoutError:
                future.cancel()
                self.stop()
                raise RenderUnavailable(_TOO_SLOW) from None
            except (BrowserClosedError, BrowserFailedError):
                # The browser died (killed, out of memory): start a fresh one, once.
                self.stop()
                if attempt == 2:
                    raise RenderUnavailable(_BROWSER_FAILED) from None
        raise AssertionError("unreachable")

    def _render_once(self, fig_dict: dict, opts: dict) -> bytes:
        """Fallback without the kept-open browser: kaleido starts one for this image only."""
        import kaleido
        from kaleido.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError

        try:
            with warnings.catch_warnings():
                # Someone else may run kaleido's own sync server; it ignores kopts and says so.
                warnings.filterwarnings("ignore", message="The kopts argument is ignored")
                return kaleido.calc_fig_sync(fig_dict, opts=opts, kopts=dict(mathjax=False))
        except ChromeNotFoundError:
            raise RenderUnavailable(_NO_BROWSER) from None
        except (BrowserFailedError, BrowserClosedError):
            raise RenderUnavailable(_BROWSER_FAILED) from None


_RENDERER = _Renderer()


@functools.cache
def kaleido_installed() -> bool:
    """Whether kaleido can be imported, looked up once per process: every chart's tools ask on
    every run, and the search along ``sys.path`` cost ~1 ms a time."""
    return importlib.util.find_spec("kaleido") is not None


def renderer_status() -> tuple[bool, str]:
    """Whether chart images can be made here, and if not, why in one plain sentence.

    Cheap: it looks for the browser and remembers a failed start, but does not start one.

    Returns:
        ``(True, "")`` or ``(False, reason)``; the reason is a :class:`~tonlage.i18n.Message`.
    """
    if not kaleido_installed():
        return False, _NO_KALEIDO
    path = browser_path()
    if path is None:
        return False, _NO_BROWSER
    failed_path, reason = _RENDERER.failure
    if reason and failed_path == path:
        return False, reason
    return True, ""


def render_figure(
    fig: go.Figure,
    *,
    fmt: str = "png",
    caption: Sequence[str] = (),
    width: int = SLIDE_WIDTH,
    height: int = SLIDE_HEIGHT,
    scale: float = SLIDE_SCALE,
) -> bytes:
    """One chart as a slide image with its caption stamped in.

    The first call in a process starts the browser (about 3 s); later calls take about 0.3 s.

    Args:
        fig: The chart; it is not changed.
        fmt: "png" (``width * scale`` x ``height * scale`` pixels) or "svg" (``width`` x
            ``height``, text stays text).
        caption: One to five short lines, see :func:`stamp_caption`.
        width, height: Layout size in CSS pixels (a 16:9 slide by default).
        scale: Pixel density of a PNG; ignored for SVG.

    Returns:
        The image bytes.

    Raises:
        RenderUnavailable: No usable browser here (the message says what to install), or the
            image took too long.
        ValueError: ``fmt`` is not "png" or "svg".
    """
    return render_figures([(fig, caption)], fmt=fmt, width=width, height=height, scale=scale)[0]


def render_figures(
    items: Sequence[tuple[go.Figure, Sequence[str]]],
    *,
    fmt: str = "png",
    width: int = SLIDE_WIDTH,
    height: int = SLIDE_HEIGHT,
    scale: float = SLIDE_SCALE,
) -> list[bytes]:
    """Several charts as slide images, in order, through one browser.

    Args:
        items: ``(figure, caption lines)`` pairs.
        fmt, width, height, scale: As for :func:`render_figure`.

    Returns:
        One image per item.

    Raises:
        RenderUnavailable: As for :func:`render_figure`; no partial list is returned.
        ValueError: ``fmt`` is not "png" or "svg".
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    opts = dict(format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)
    dicts = [stamp_caption(fig, caption, width=width, height=height).to_dict() for fig, caption in items]
    out = []
    if not kaleido_installed():
        raise RenderUnavailable(_NO_KALEIDO)
    from ..analysis import jobs
    from ..i18n import N_

    # Through the queue for heavy work: many readers asking for images take turns with the
    # analyses and imports instead of piling onto the one browser (and the two cores).
    with jobs.queue().slot("images"), _RENDERER.lock:
        jobs.stage(N_("Drawing the charts"), total=len(dicts))
        for fig_dict in dicts:
            _fit_to_plot(fig_dict, height, opts)
            out.append(_RENDERER.render(fig_dict, opts))
            jobs.advance()
    return out


# --- placing the caption where Plotly drew the plot ------------------------------------------

# The clip rectangle of the first subplot's axes: the box Plotly plotted it in.
_XY_CLIP = re.compile(
    r'<clipPath class="axesclip" id="clip[0-9A-Za-z]*?xy"><rect x="([-0-9.e]+)" y="([-0-9.e]+)" '
    r'width="([0-9.e]+)" height="([0-9.e]+)"'
)
#: Width of an axis title's character in ems, generously (the images' Chromium sets them wider
#: than the app's browser): a title longer than the plot is tall goes on two lines.
_AXIS_TITLE_EM = 0.62
_ROW_LINE = 1.25  # a row name's line height, in ems
_MIN_TICK_FONT = 10  # smallest text for a y axis's title and row names on a slide (20 px drawn)
_TAGS = re.compile(r"<[^>]*>|&[a-z]+;")
#: A plot less tall than this share of the image makes a slide's legend smaller.
_MIN_PLOT_SHARE = 0.4
_SMALL_LEGEND_FONT = 13


def paper_box(svg: str, layout: dict) -> tuple[float, float, float, float] | None:
    """Left, top, width and height in layout pixels of the area Plotly plotted in ("paper"), read
    from an SVG it drew of the figure with ``layout``; None when the SVG shows no plot.

    Axes that make room for long labels ("automargin") move the paper by amounts only the
    browser knows: a caption placed at paper 0 started behind the longest row name, up to a
    third of the way across, and ran off the right edge.
    """
    m = _XY_CLIP.search(svg)
    if m is None:
        return None
    x, y, w, h = (float(v) for v in m.groups())
    d0, d1 = (layout.get("xaxis") or {}).get("domain") or (0.0, 1.0)
    e0, e1 = (layout.get("yaxis") or {}).get("domain") or (0.0, 1.0)
    if d1 <= d0 or e1 <= e0 or w <= 0 or h <= 0:
        return None
    wp, hp = w / (d1 - d0), h / (e1 - e0)
    return x - d0 * wp, y - (1 - e1) * hp, wp, hp


def _fit_y_axis(layout: dict, data: Sequence[dict], plot_height: float) -> bool:
    """Make the y axis's title and row names fit a plot ``plot_height`` pixels tall; True when
    something changed. A slide is shorter than most of the app's charts:

    - a title longer than the plot is tall goes on two lines, and then gets smaller if it is
      still too long ("Tone (−1 negative … +1 positive)" ran off the top of the image);
    - row names that need more height than the plot has get smaller, down to
      :data:`_MIN_TICK_FONT` (twelve themes named on two lines each overlapped); where even
      that is too large, every k-th row is named, on one line.
    """
    axis = layout.setdefault("yaxis", {})
    body = float((layout.get("font") or {}).get("size") or 12)
    changed = False
    title = axis.get("title")
    text = title.get("text") if isinstance(title, dict) else None
    if text:
        size = float((title.get("font") or {}).get("size") or 1.2 * body)
        longest = max(len(_TAGS.sub("", line)) for line in text.split("<br>"))
        if longest * size * _AXIS_TITLE_EM > plot_height and "<br>" not in text and " " in text:
            mid = len(text) // 2
            cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - mid))
            text = title["text"] = text[:cut] + "<br>" + text[cut + 1 :]
            longest = max(len(_TAGS.sub("", line)) for line in text.split("<br>"))
            changed = True
        if longest * size * _AXIS_TITLE_EM > plot_height:
            title.setdefault("font", {})["size"] = max(_MIN_TICK_FONT, plot_height / (longest * _AXIS_TITLE_EM))
            changed = True
    names = _row_names(axis, data)
    if names:
        size = float((axis.get("tickfont") or {}).get("size") or body)
        # Rows are evenly spaced, so two neighbours share their lines' room.
        lines = [name.count("<br>") + 1 for name in names]
        pair = max(((a + b) / 2 for a, b in zip(lines, lines[1:])), default=lines[0])
        fits = plot_height / (len(names) * pair * _ROW_LINE)
        if fits < size:
            axis.setdefault("tickfont", {})["size"] = max(_MIN_TICK_FONT, int(fits))
            changed = True
        if fits < _MIN_TICK_FONT:
            # Thirty articles named on two lines each: every k-th name, on one line (a theme's
            # whole name, an article's title and date side by side).
            every = math.ceil(len(names) * _MIN_TICK_FONT * _ROW_LINE / plot_height)
            values = axis.get("tickvals") if axis.get("ticktext") is not None else names
            axis.update(
                tickmode="array",
                tickvals=list(values)[::every],
                ticktext=[name.replace("<br>", " ") for name in names[::every]],
            )
    return changed


def _row_names(axis: dict, data: Sequence[dict]) -> list[str]:
    """The names of a y axis's rows in the axis's order: its tick texts, its category array,
    else the distinct text values of the traces on it (none for a numeric axis)."""
    if axis.get("ticktext") is not None:
        return [str(t) for t in axis["ticktext"]]
    if axis.get("categoryorder") == "array" and axis.get("categoryarray") is not None:
        return [str(c) for c in axis["categoryarray"]]
    names: dict[str, None] = {}
    for trace in data:
        if trace.get("yaxis", "y") != "y" or trace.get("y") is None:
            continue
        for value in trace["y"]:
            if not isinstance(value, str):
                return []
            names[value] = None
    return list(names)


def _smaller_legend(layout: dict) -> bool:
    """Set a shown legend's text at :data:`_SMALL_LEGEND_FONT`; True when that made it smaller.
    On a slide a legend of twelve themes at the body's 16 px left the plot 90 px of 540."""
    legend = layout.get("legend")
    if layout.get("showlegend") is False or not isinstance(legend, dict):
        return False
    font = legend.setdefault("font", {})
    body = float((layout.get("font") or {}).get("size") or 12)
    if float(font.get("size") or body) <= _SMALL_LEGEND_FONT:
        return False
    font["size"] = _SMALL_LEGEND_FONT
    title = legend.get("title")
    if isinstance(title, dict) and title.get("text"):
        title.setdefault("font", {})["size"] = _SMALL_LEGEND_FONT
    return True


def _fit_to_plot(fig_dict: dict, height: int, opts: dict) -> None:
    """Draw ``fig_dict`` once as SVG to see where the plot went; where a large legend left the
    plot short, make the legend smaller (:func:`_smaller_legend`); fit the y axis's title and
    row names to the plot (:func:`_fit_y_axis`; each change drawn once more to see the new
    plot); and move the caption to the image's left edge and bottom (~0.25 s a drawing)."""
    layout = fig_dict.setdefault("layout", {})
    probe = dict(opts, format="svg", scale=1)

    def box() -> tuple[float, float, float, float] | None:
        svg = _RENDERER.render(fig_dict, probe)
        return paper_box(svg.decode("utf-8", "replace") if isinstance(svg, bytes) else svg, layout)

    found = box()
    if found is not None and found[3] < _MIN_PLOT_SHARE * height and _smaller_legend(layout):
        found = box()
    if found is not None and _fit_y_axis(layout, fig_dict.get("data") or [], found[3]):
        found = box()
    notes = [a for a in layout.get("annotations") or [] if a.get("name") == "caption"]
    if found is None or not notes:
        return
    left, top, paper_w, _ = found
    notes[0]["x"] = (_SIDE - left) / paper_w
    notes[0]["yshift"] = -(height - _CAPTION_PAD - top)
