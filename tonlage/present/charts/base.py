"""What every chart shares: colours (colour-blind safe), the figure helper, layout, the tone axis,
traces and their hover rows, legend entries, label layout. Two neighbours hold the rest of the
shared parts: :mod:`.periods` (many articles drawn by week or month, with 95 % intervals) and
:mod:`.events` (event markers on time axes)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tonlage.i18n import Translator as FullTranslator
from tonlage.i18n import translator

from ... import settings
from ...thresholds import (
    CHART_POINT_BUDGET,
    MEAN_TONE_NEUTRAL_BAND,
)
from ..safe import escape_plot_text, plain_text

Translator = Callable[..., str]


# --- Semantic colours (Okabe–Ito, colour-blind safe) -------------------------------------
NEGATIVE = "#D55E00"  # vermillion


NEUTRAL = "#8C8C8C"  # grey


POSITIVE = "#0072B2"  # blue


TONE_COLOURS = {"negative": NEGATIVE, "neutral": NEUTRAL, "positive": POSITIVE}


POINT = "#333333"  # article points: the y position carries the tone


EVENT = "#6B6B6B"


WORDS = "#B8C2CC"  # bars of the searched words' share: light, so their interval lines show on them


# Categorical colours for themes / actors (Paul Tol "muted" + Okabe–Ito extras, no vermillion
# or blue so they never read as tone).
THEME_COLOURS = (
    "#332288",
    "#117733",
    "#CC6677",
    "#88CCEE",
    "#DDCC77",
    "#AA4499",
    "#44AA99",
    "#999933",
    "#882255",
    "#E69F00",
    "#000000",
    "#56B4E9",
)


KIND_COLOURS = {"person": "#332288", "institution": "#44AA99", "country": "#DDCC77"}


# --- Scale -------------------------------------------------------------------------------
AGGREGATE_OVER = 300  # more articles than this in view: one point per week/month


WEBGL_OVER = 1000  # more points than this in one trace: Scattergl


POINT_BUDGET = CHART_POINT_BUDGET  # no chart sends more marks (tonlage.thresholds says why)


SAMPLE_SEED = 13  # the sample of a chart over budget is the same on every run


FONT = dict(family="Source Sans Pro, Helvetica, Arial, sans-serif", size=14, color="#262730")


class Fig:
    """Collects traces and layout as plain dicts; :func:`built` makes one ``go.Figure`` at the end.

    ``go.Figure.update_layout``/``add_shape``/``add_annotation`` re-validate the layout on every
    call (15–25 ms each with date axes); building the dict first and validating once keeps a
    figure at a few milliseconds, which matters for the "rerun < 300 ms" target.
    """

    def __init__(self) -> None:
        self.data: list = []
        self.layout: dict = {}

    def add_trace(self, trace) -> Fig:
        self.data.append(trace)
        return self

    def update_layout(self, **kw) -> Fig:
        _merge(self.layout, kw)
        return self

    def update_xaxes(self, **kw) -> Fig:
        _merge(self.layout.setdefault("xaxis", {}), kw)
        return self

    def update_yaxes(self, **kw) -> Fig:
        _merge(self.layout.setdefault("yaxis", {}), kw)
        return self

    def add_annotation(self, **kw) -> Fig:
        self.layout.setdefault("annotations", []).append(kw)
        return self

    def add_items(self, shapes=(), annotations=()) -> Fig:
        self.layout.setdefault("shapes", []).extend(shapes)
        self.layout.setdefault("annotations", []).extend(annotations)
        return self


def _merge(dst: dict, src: dict) -> None:
    """Recursive dict update (like Plotly's update_layout): nested dicts merge, the rest replaces."""
    for k, v in src.items():
        if isinstance(v, dict) and isinstance(dst.get(k), dict):
            _merge(dst[k], v)
        else:
            dst[k] = dict(v) if isinstance(v, dict) else v


def built(builder):
    """Decorator: a builder may work on a :class:`Fig`; callers always get a ``go.Figure``, whose
    numbers Plotly writes with the language's decimal and thousands signs (0,12 in German)."""
    import functools

    @functools.wraps(builder)
    def wrapper(*args, **kwargs) -> go.Figure:
        fig = builder(*args, **kwargs)
        x = translator_of(kwargs.get("tr"))
        if isinstance(fig, Fig):
            fig.data = solid_legend_marks(fig.data)
            return _figure_of(fig, x)
        fig.update_layout(separators=x.plotly_separators)
        _date_ticks(fig, x.lang)
        return fig

    return wrapper


def _figure_of(fig: Fig, x: FullTranslator) -> go.Figure:
    """``go.Figure(data=fig.data, layout=fig.layout)`` with the language's separators (and date
    ticks), each part checked once, in the tests only (:func:`checking`). The traces are Plotly
    objects, checked (or not) when they were made; ``go.Figure`` checked each again from its
    properties (about a third of the time of the three Overview figures a first-time filter
    builds at 100,000 articles). Checked, the layout is validated on its own, the figure put
    together from the validated parts, and the separators and date ticks set on it as before
    (tests/charts/test_figure_once.py); the tests then make the app's unchecked figure too, and
    the two specs must match. Unchecked, the separators and ticks go into the layout before the
    figure is made (their checked updates took ~1.2 ms a chart, the layout's check ~2.6 ms).
    What is changed after that is validated as on any figure."""
    from plotly.basedatatypes import BaseTraceType

    if not all(isinstance(t, BaseTraceType) for t in fig.data):  # a plain dict among the traces
        out = go.Figure(data=fig.data, layout=fig.layout)
        out.update_layout(separators=x.plotly_separators)
        _date_ticks(out, x.lang)
        return out
    fast = _unchecked_figure(fig, x)
    if not checking():
        _validating(fast)
        return fast
    out = go.Figure(data=fig.data, layout=go.Layout(fig.layout).to_plotly_json(), _validate=False)
    _validating(out)
    out.update_layout(separators=x.plotly_separators)
    _date_ticks(out, x.lang)
    if _figure_spec(fast) != _figure_spec(out):
        raise ValueError(f"the figure made unchecked gives another spec than checked: {_figure_spec(fast)[:300]}")
    return out


def _unchecked_figure(fig: Fig, x: FullTranslator) -> go.Figure:
    """The figure of ``fig``'s traces and layout, its separators and date ticks in the layout,
    made without Plotly's checks."""
    layout = _unset_dropped(dict(fig.layout, separators=x.plotly_separators))
    stops = _date_tick_stops(layout, fig.data, x.lang)
    if stops is not None:
        layout["xaxis"] = dict(layout.get("xaxis") or {}, tickformatstops=stops)
    return go.Figure(data=fig.data, layout=layout, _validate=False)


#: The layout's lists of objects, which Plotly's check leaves out when they are empty.
_OBJECT_LISTS = frozenset({"annotations", "shapes", "images", "sliders", "updatemenus", "selections"})


def _unset_dropped(layout: dict) -> dict:
    """``layout`` as Plotly's check leaves it in a spec: without properties set to None (unset),
    empty objects and empty lists of annotations or shapes, in nested dicts too; a title given
    as text written as ``{"text": …}``."""
    out = {}
    for k, v in layout.items():
        if k == "meta" and v is not None:  # the builder's own data, any shape: as given
            out[k] = v
            continue
        if k == "title" and isinstance(v, str):
            v = {"text": v}
        if isinstance(v, dict):
            v = _unset_dropped(v)
        elif k in _OBJECT_LISTS and isinstance(v, (list, tuple)):
            v = [_unset_dropped(item) if isinstance(item, dict) else item for item in v]
        if v is None or (isinstance(v, dict) and not v) or (k in _OBJECT_LISTS and not v):
            continue
        out[k] = v
    return out


def _figure_spec(fig: go.Figure) -> str:
    """A figure's spec as the app sends it (its ``to_dict``), as :func:`_sorted_json`."""
    return _sorted_json(fig.to_dict())


def _sorted_json(spec) -> str:
    """``spec`` written as Plotly writes it to JSON, its keys sorted: a checked figure writes an
    object's properties in Plotly's order, an unchecked one in the builder's, which draws the
    same."""
    import json

    from plotly.io.json import to_json_plotly

    return json.dumps(json.loads(to_json_plotly(spec)), sort_keys=True)


def solid_legend_marks(traces: list) -> list:
    """``traces``, each line or set of dots whose first point is hollow (few articles) but not
    all of them followed by a legend entry of its own with a solid mark. Plotly's legend draws
    the first point's mark: a week of two articles at the start of a line put a hollow dot
    beside the actor's name, next to "Hollow: fewer than 3 articles", as if it were all thin."""
    out = []
    for t in traces:
        out.append(t)
        if not isinstance(t, (go.Scatter, go.Scattergl)) or t.showlegend is False or not t.name:
            continue
        symbols = t.marker.symbol
        if not isinstance(symbols, (list, tuple)) or not symbols:
            continue
        solid = next((str(v) for v in symbols if not str(v).endswith("-open")), None)
        if not str(symbols[0]).endswith("-open") or solid is None:
            continue
        group = t.legendgroup or t.name
        t.update(showlegend=False, legendgroup=group)
        size = t.marker.size
        out.append(
            type(t)(
                x=[None],
                y=[None],
                mode=t.mode,
                name=t.name,
                legendgroup=group,
                legendrank=t.legendrank,
                line=t.line,
                marker=dict(
                    color=t.marker.color,
                    symbol=solid,
                    size=size if isinstance(size, (int, float)) else 8,
                    line=t.marker.line,
                ),
                showlegend=True,
                hoverinfo="skip",
            )
        )
    return out


def _validating(fig: go.Figure) -> None:
    """Validation switched back on for every part of ``fig`` made with ``_validate=False``: a
    later change to the figure (by a caller) is checked as on any other figure."""
    fig._validate = True
    stack: list = [fig.layout, *fig.data]
    while stack:
        obj = stack.pop()
        obj._validate = True
        # The template is Plotly's default one, made by go.Figure with validation as always.
        stack.extend(v for k, v in obj._compound_props.items() if k != "template")
        for items in obj._compound_array_props.values():
            stack.extend(items or ())


# Plotly's browser library names months only in English ("May 2025") unless a locale file is
# loaded, which the app cannot fetch: outside English, date axes write dates with numbers, in the
# German order, at every zoom level (dtickrange in milliseconds, "M1"/"M12" for months/years).
# The first stop whose range holds the axis's step wins: a tick a month reads "02/2025", not
# "01.02.2025" (which read as one day).
_NUMERIC_DATE_TICKS = (
    dict(dtickrange=[None, 86_400_000], value="%d.%m.%Y\n%H:%M"),
    dict(dtickrange=[86_400_000, 14 * 86_400_000], value="%d.%m.%Y"),  # a tick every 1 to 14 days
    dict(dtickrange=["M1", "M12"], value="%m/%Y"),
    dict(dtickrange=["M12", None], value="%Y"),
)
# In English a tick a month reads "Feb 2025", as Plotly writes it by default; said explicitly so
# that a slide image can put the year on a line of its own (tonlage.report.images: eleven months
# side by side did not fit a slide at its larger text, and Plotly turned them 30 degrees).
_NAMED_DATE_TICKS = (dict(dtickrange=["M1", "M12"], value="%b %Y"),)


def _is_dates(values) -> bool:
    if values is None or len(values) == 0:
        return False
    dtype = getattr(values, "dtype", None)
    if dtype is not None and np.issubdtype(dtype, np.datetime64):
        return True
    first = values[0]
    return isinstance(first, (date, np.datetime64)) or (
        isinstance(first, str) and len(first) >= 10 and first[4] == "-" and first[:4].isdigit()
    )


def _date_tick_stops(layout_keys, traces, lang: str) -> list | None:
    """The tick labels' formats of a date x axis: numeric outside English
    (``_NUMERIC_DATE_TICKS``), month names in English (``_NAMED_DATE_TICKS``). Only for a
    figure with one x axis (``layout_keys``: its layout's properties) whose ``traces`` carry
    dates; None otherwise, and other axes keep Plotly's own ticks."""
    if any(k.startswith("xaxis") and k != "xaxis" for k in layout_keys):
        return None
    if not any(_is_dates(getattr(tr, "x", None)) for tr in traces):
        return None
    return list(_NAMED_DATE_TICKS if lang == "en" else _NUMERIC_DATE_TICKS)


def _date_ticks(fig: go.Figure, lang: str) -> None:
    """:func:`_date_tick_stops` set on ``fig``'s x axis."""
    stops = _date_tick_stops(fig.layout.to_plotly_json(), fig.data, lang)
    if stops is not None:
        fig.update_xaxes(tickformatstops=stops)


def tone_colour(tone: float, band: float = MEAN_TONE_NEUTRAL_BAND) -> str:
    """The semantic colour of a tone value."""
    if tone is None or (isinstance(tone, float) and math.isnan(tone)) or abs(tone) < band:
        return NEUTRAL
    return NEGATIVE if tone < 0 else POSITIVE


def translator_of(tr) -> FullTranslator:
    """The translator a builder was given (the English one when none): numbers and separators."""
    return tr if isinstance(tr, FullTranslator) else translator("en")


def english_if_none(tr: Translator | None) -> Translator:
    return tr if tr is not None else translator("en")


# A space that may end a line of a name like "Rubio · Lawrow · Kiew": not the one before a dot,
# so a line ends with its dot and the next never starts with one.
_NAME_BREAK = re.compile(r"\s+(?!·)")


def wrap_label(text: str, width: int = 60, max_lines: int | None = None) -> str:
    """Escape, then wrap long hover lines with <br> (Plotly does not wrap). Greedy and cheap:
    textwrap is ~20x slower and this runs once per sentence. A " · " stays at the end of a line.
    With ``max_lines``, what does not fit on them is cut off with "…". The text is made plain
    (:func:`plain_text`) before it is wrapped, not line by line after: a bidi override or a
    control standing alone between two spaces was a word of its own, cleaned away on its line,
    and left an empty line in the hover."""
    if not text:
        return ""
    text = plain_text(text)
    lines, line = [], ""
    for word in _NAME_BREAK.split(text) if " · " in text else text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
            if max_lines is not None and len(lines) == max_lines:
                lines[-1] = lines[-1].rstrip(" ·") + " …"
                line = ""
                break
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    # Each line is plain already (made plain above, then cut at single spaces): only escaped.
    return "<br>".join(x.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for x in lines)


#: Characters a line of a legend entry or title may take: Plotly never wraps a legend entry, and
#: one wider than the chart is cut off. At the plot width the event labels are laid out for
#: (:data:`.events.PLOT_WIDTH_PX`) there is room for about 45; "Artikel (Datum korrigiert oder
#: erschlossen – Zeiger darauf zeigt, warum)" (73) lost its end in a 900 px window.
LEGEND_LINE_CHARS = 44


def legend_text(text: str) -> str:
    """A legend entry or title on lines of at most :data:`LEGEND_LINE_CHARS` characters (escaped,
    as :func:`wrap_label`)."""
    return wrap_label(text, LEGEND_LINE_CHARS)


#: Characters of an article's title on the first line of a per-article chart's row name.
ARTICLE_LABEL_CHARS = 26


def article_axis_label(title: str, date_label: str, tr: Translator) -> str:
    """An article's row name on a per-article chart: its title (cut to
    :data:`ARTICLE_LABEL_CHARS`) over its date as the reader's language writes it
    ("15.08.2025", "Feb. 2025"), escaped. On one line, 38 characters and the date took ~330 px,
    and in a 900 px window with the sidebar open the plot kept ~50 px of a ~530 px chart."""
    return f"{escape_plot_text(title, max_len=ARTICLE_LABEL_CHARS)}<br>{escape_plot_text(local_date(date_label, tr))}"


def mark_unscored_rows(fig: go.Figure, articles: pd.DataFrame, tr: Translator, x: float = 0.0) -> None:
    """Write "tone not scored for this language" at ``x`` across the row of each article of a
    per-article tone chart (row ``i``: ``articles``' ``i``-th) whose language the tone is not
    scored in: the row stood empty under its title, and the page's note above says such
    articles are "shown as not scored". Needs ``language``; nothing without it."""
    from ...model import SCORED_LANGUAGES

    if "language" not in articles.columns:
        return
    rows = [i for i, code in enumerate(articles["language"].tolist()) if code not in SCORED_LANGUAGES]
    if rows:
        fig.add_trace(
            go.Scatter(
                x=[x] * len(rows),
                y=rows,
                mode="text",
                text=[escape_plot_text(tr("tone not scored for this language"))] * len(rows),
                textfont=dict(color="#666666", size=12),
                hoverinfo="skip",
                showlegend=False,
            )
        )


def local_date(date_label: object, tr: Translator) -> str:
    """One of the engine's date labels ("2025-08-15", "2025-02", "undated") as the reader's
    language writes it ("15.08.2025", "Feb. 2025", "ohne Datum"); a missing one is ""."""
    if date_label is None or (not isinstance(date_label, str) and pd.isna(date_label)):
        return ""
    return translator_of(tr).label(str(date_label))


def article_rows_height(n: int, row_px: int = 44) -> int:
    """The height of a chart with one row per article: room for each row's two-line name
    (:func:`article_axis_label`) below the title and above the legend."""
    return max(320, 140 + row_px * n)


#: Characters a line of a chart's title may take: Plotly never wraps a title either, and one
#: wider than the chart is cut off ("Tonlage der Sätze, die einen Akteur nennen, im Zeitverl" in
#: a 900 px window). At 18 px about 50 fill the chart of an 800 px window with the sidebar open.
TITLE_LINE_CHARS = 50


#: A unit at the end of a title ("(%)", "(Tage)") this short may overhang the line's limit.
SHORT_UNIT_CHARS = 6


def _short_unit(text: str) -> int:
    """Characters of a short "(…)" that ends ``text`` after a space (0 if none): a title that
    only passes its limit by it stays on one line ("Share of the article's text (%)"), and a
    wrapped one never puts it on a line of its own ("Anteil am Text des Artikels / (%)")."""
    at = text.rfind(" (")
    if at < 0 or not text.endswith(")") or len(text) - at - 1 > SHORT_UNIT_CHARS:
        return 0
    return len(text) - at - 1


def two_lines(text: str, max_chars: int) -> str:
    """``text`` escaped; one longer than ``max_chars`` (not counting a short unit at its end,
    :func:`_short_unit`) on two lines, broken before its "(" when both lines then fit ("Tone /
    (−1 negative … +1 positive)"), else at the space that makes the longer line shortest ("Was
    ein Akteur sagt und wie / über ihn gesprochen wird", not "… gesprochen / wird")."""
    text = " ".join(str(text).split())
    unit = _short_unit(text)
    # "(%)" stays with its word: the space before it is never a break.
    spaces = [i for i, c in enumerate(text) if c == " " and i < len(text) - unit - 1]
    if len(text) - unit <= max_chars or not spaces:
        return escape_plot_text(text)
    paren = [i for i in spaces if text[i + 1] == "(" and max(i, len(text) - i - 1) <= max_chars]
    cut = paren[-1] if paren else min(spaces, key=lambda i: max(i, len(text) - i - 1))
    return escape_plot_text(text[:cut]) + "<br>" + escape_plot_text(text[cut + 1 :])


def chart_title(text: str) -> str:
    """A chart's title, escaped; one longer than :data:`TITLE_LINE_CHARS` on two lines
    (:func:`two_lines`)."""
    return two_lines(text, TITLE_LINE_CHARS)


#: Characters an x-axis title may take on one line: it is centred on the plot, and where row
#: names leave the plot narrow (a per-article chart in a 900 px window) a longer one ran past the
#: chart's edges ("Tonlage (−1 negativ … +1 posi").
AXIS_TITLE_CHARS = 28


def axis_title(text: str) -> str:
    """An x-axis title, escaped; a long one on two lines (:func:`two_lines`)."""
    return two_lines(text, AXIS_TITLE_CHARS)


def base_layout(fig, title: str, x_title: str, y_title: str, *, height: int = 420, legend: bool = True):
    fig.update_layout(
        title=dict(text=chart_title(title), x=0, xanchor="left", font=dict(size=18)),
        xaxis=dict(title=dict(text=axis_title(x_title))),
        yaxis=dict(title=dict(text=y_title)),
        height=height,
        margin=dict(l=10, r=10, t=70, b=90 if legend else 20),
        font=FONT,
        hoverlabel=dict(align="left"),
        showlegend=legend,
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", xanchor="left", x=0, traceorder="normal"),
        plot_bgcolor="white",
    )
    # automargin is Plotly's default template's, but Streamlit replaces that template on import:
    # say it here, or exported images lose long axis labels off the edge.
    fig.update_xaxes(showgrid=False, zeroline=False, linecolor="#BBBBBB", automargin=True)
    fig.update_yaxes(gridcolor="#EEEEEE", zeroline=False, automargin=True)
    return fig


def warm_up() -> dict:
    """One small figure with the parts the app's charts are made of (dated points and lines with
    hover data, horizontal bars, a dashed event line with its label, the shared layout), built as
    every builder's figure is and turned into its spec; returns the spec. Plotly makes its
    classes and value checks on their first use in a process, and pandas its conversions: for a
    fresh server's first chart that was ~0.1 s. The server does this while it waits for its first
    reader (components/server.py)."""
    fig = Fig()
    base_layout(fig, "Tonlage", "Date", "Tone")
    dates = pd.Series(pd.to_datetime(["2025-02-03", "2025-02-10"]))
    fig.add_trace(
        trace(
            go.Scatter,
            x=dates,
            y=pd.Series([0.1, -0.1]),
            mode="lines+markers",
            line=dict(color=EVENT, width=1),
            marker=dict(color=POINT, size=8, symbol=["circle", "circle-open"], line=dict(width=2, color=POINT)),
            customdata=[["bucket", "2025-02-03", "2025-02-10", 1, 2]] * 2,
            hovertemplate="%{y:+.2f}<extra></extra>",
        )
    )
    fig.add_trace(trace(go.Bar, x=pd.Series([2, 1]), y=["a", "b"], orientation="h", marker=dict(color=POINT)))
    fig.add_items(
        shapes=[
            dict(type="line", xref="x", yref="paper", x0=dates[0], x1=dates[0], y0=0, y1=1, line=dict(dash="dash"))
        ],
        annotations=[dict(text="event", xref="x", yref="paper", x=dates[0], y=1, showarrow=False, font=dict(size=11))],
    )
    fig.update_yaxes(range=[-1, 1])
    return _figure_of(fig, translator_of(None)).to_dict()


def empty_figure(fig, tr: Translator, note: str = ""):
    """``fig`` with no data: a note in its middle, by default that no article is in view."""
    return _note_only(fig, note or tr("No articles match the current filters."))


def failed_figure(*, tr: Translator | None = None) -> go.Figure:
    """What stands in the place of a chart whose builder failed (components/cached.py): a plain
    note, no axes, so the rest of the page is still read."""
    tr = english_if_none(tr)
    fig = go.Figure()
    fig.update_layout(height=220, margin=dict(l=10, r=10, t=20, b=20), font=FONT)
    return _note_only(
        fig, tr("This chart could not be drawn for these articles. The rest of the page is not affected.")
    )


def _note_only(fig, text: str):
    """``fig`` showing only ``text`` in its middle: no axes."""
    fig.add_annotation(
        text=text, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font=dict(size=16, color="#666666")
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def date_hover(row: pd.Series | Mapping[str, object], tr: Translator) -> str:
    """Date line for hover: the label as the reader's language writes it ("15.08.2025") plus what
    we know about its precision/correction."""
    parts = [escape_plot_text(local_date(row.get("date_label"), tr))]
    if row.get("date_precision") == "month":
        parts.append(tr("date known to the month only"))
    note = row.get("date_note") or ""
    if note:
        parts.append(wrap_label(tr("Date note: {note}", note=note)))
    return "<br>".join(p for p in parts if p)


def tone_axis(fig, values: pd.Series, tr: Translator, *, bands: bool = True) -> tuple[float, float]:
    """Symmetric tone axis around 0 so negative and positive get equal room; tinted halves."""
    v = pd.to_numeric(pd.Series(values), errors="coerce").dropna()
    m = float(v.abs().max()) if len(v) else 0.0
    lim = min(1.0, max(0.2, round(m * 1.25 + 0.02, 2)))
    fig.update_yaxes(range=[-lim, lim], title=dict(text=tr("Tone (−1 negative … +1 positive)")))
    if bands:
        band = dict(type="rect", xref="paper", yref="y", x0=0, x1=1, opacity=0.05, line=dict(width=0), layer="below")
        shapes = [
            dict(band, y0=0, y1=lim, fillcolor=POSITIVE),
            dict(band, y0=-lim, y1=0, fillcolor=NEGATIVE),
            dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=0, y1=0, line=dict(color=NEUTRAL, width=1)),
        ]
        notes = [
            dict(
                xref="paper",
                x=0,
                y=lim,
                yanchor="top",
                xanchor="left",
                showarrow=False,
                text=tr("more positive ↑"),
                font=dict(size=11, color=POSITIVE),
                name="zone",
            ),
            dict(
                xref="paper",
                x=0,
                y=-lim,
                yanchor="bottom",
                xanchor="left",
                showarrow=False,
                text=tr("more negative ↓"),
                font=dict(size=11, color=NEGATIVE),
                name="zone",
            ),
        ]
        fig.add_items(shapes, notes)
    return -lim, lim


def sample_keeping_extremes(
    rows: pd.DataFrame, budget: int, *, group: str = "article_id", value: str = "tone", seed: int = SAMPLE_SEED
) -> pd.DataFrame:
    """At most ``budget`` of ``rows`` (when there are more): every group's lowest and highest
    ``value`` first, then a seeded random sample of the rest; the rows keep their order.

    The same rows come back on every run (fixed seed), so a chart over the budget does not change
    between reruns, and no group loses its extremes (a reader looks for the strongest sentence).
    """
    if len(rows) <= budget:
        return rows
    v = rows[value]
    scored = rows[v.notna()]
    keep = pd.Index(scored.groupby(group, sort=False)[value].idxmin()).union(
        pd.Index(scored.groupby(group, sort=False)[value].idxmax())
    )
    if len(keep) >= budget:
        keep = keep[:budget]
    else:
        rest = rows.drop(index=keep)
        keep = keep.union(rest.sample(n=budget - len(keep), random_state=seed).index)
    return rows.loc[rows.index.isin(keep)]


def checking() -> bool:
    """Whether Plotly checks the parts of a chart as they are made: in the tests
    (``TONLAGE_CHART_ERRORS``), which build every chart of every page, so that a wrong property
    or value fails there. The app makes the traces the tests checked without checking them
    again: Plotly checks each value of a trace one by one (a trace of 2,000 dots with a symbol
    and a hover row each: ~34 ms, made unchecked ~0.1 ms), and a filter asked for the first
    time at 100,000 articles built seven charts of such traces on the Tone page."""
    return settings.value(settings.CHART_ERRORS) is not None


def _plain(value):
    """A trace's value as Plotly's check leaves it where it matters for the spec: a pandas
    column or index as its array (dicts of values, such as ``marker``, looked into)."""
    if isinstance(value, (pd.Series, pd.Index)):
        return value.to_numpy()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def trace(cls, **props):
    """A trace of the Plotly class ``cls`` (``go.Scatter``, ``go.Bar`` …) with ``props``, made
    without Plotly's check of every value unless :func:`checking`. In the tests it is made both
    ways, and the two must give the same spec: so every chart the tests draw shows that the
    app's unchecked traces draw what the checked ones would."""
    plain = {k: _plain(v) for k, v in props.items()}
    fast = cls(**plain, _validate=False)
    if not checking():
        return fast
    checked = cls(**props)
    if _trace_spec(fast) != _trace_spec(checked):
        raise ValueError(f"{cls.__name__} made unchecked gives another spec than checked: {_trace_spec(fast)[:300]}")
    return checked


def _trace_spec(t) -> str:
    """A trace's spec as the app sends it (its part of a figure's ``to_dict``), as
    :func:`_sorted_json`."""
    return _sorted_json(go.Figure(data=[t], _validate=False).to_dict()["data"])


def scatter_cls(n: int):
    return go.Scattergl if n > WEBGL_OVER else go.Scatter


# Up to this many points a line's dots keep their size; two years of weeks (~104) in a chart a
# few hundred pixels wide put them ~4 px apart, where dots of 10 px drew a band, not a line.
DENSE_POINTS = 60


def line_marker_size(n_points: int, size: float) -> float:
    """The dot size of a line of ``n_points`` points: ``size``, smaller when the line is dense
    (never below 5 px, still a target for a click)."""
    return size if n_points <= DENSE_POINTS else max(5.0, size * DENSE_POINTS / n_points)


def hover_rows(rows: list) -> np.ndarray | list:
    """A trace's ``customdata`` (a list per point, all of one length) as an array of objects:
    Plotly checks a list of lists value by value when the trace is made and copies it value by
    value when the figure is (~12 ms for a trace of 300 sentences, the Tone page's sentence
    chart has three), an array in one piece. The chart's spec in JSON is the same."""
    if not len(rows):
        return rows
    out = np.empty((len(rows), len(rows[0])), dtype=object).view(_Rows)
    out[:] = rows
    out.flags.writeable = False
    return out


class _Rows(np.ndarray):
    """Hover rows (:func:`hover_rows`), read-only: every copy Plotly makes of a figure may
    share them. Plotly deep-copies a trace's properties when it makes a figure and again for
    its spec, an array of objects value by value (the Tone page's sentence chart of 20,000
    sentences: ~0.13 s a copy, of a build of ~0.5 s)."""

    def __deepcopy__(self, memo):
        return self


def point_symbols(thin, symbol: str = "circle") -> str | list[str]:
    """Each point's marker symbol: ``symbol``, hollow (``-open``) where ``thin`` is true. One
    value when every point has the same: Plotly checks a list of symbol names point by point
    (~6 ms a line of 100 points; the Themes time chart's 25 lines took ~150 ms of every filter
    asked for the first time at 100,000 articles), a single value once."""
    flags = np.asarray(thin, dtype=bool)
    if len(flags) and (flags.all() or not flags.any()):
        return f"{symbol}-open" if flags[0] else symbol
    return [f"{symbol}-open" if t else symbol for t in flags]


def legend_mark(fig, text: str, marker: dict, rank: int) -> None:
    """A legend-only entry: ``marker`` beside ``text`` (no point, no hover)."""
    fig.add_trace(
        trace(
            go.Scatter,
            x=[None],
            y=[None],
            mode="markers",
            name=legend_text(text),
            marker=marker,
            showlegend=True,
            hoverinfo="skip",
            legendrank=rank,
        )
    )


def interval_legend(fig, text: str) -> None:
    """A legend-only entry explaining the bars of 95 % intervals (a short vertical bar)."""
    legend_mark(fig, text, dict(symbol="line-ns-open", size=12, color=POINT, line=dict(width=2, color=POINT)), 1500)


def thin_legend(fig, text: str, *, bar: bool = False) -> None:
    """A legend-only entry explaining hollow points / hatched bars."""
    if bar:
        fig.add_trace(
            trace(
                go.Bar,
                x=[None],
                y=[None],
                name=legend_text(text),
                marker=dict(color="#FFFFFF", line=dict(color=POINT, width=1), pattern=dict(shape="/", fgcolor=POINT)),
                showlegend=True,
                hoverinfo="skip",
                legendrank=2000,
            )
        )
    else:
        legend_mark(fig, text, dict(symbol="circle-open", size=10, color=POINT, line=dict(width=2)), 2000)
