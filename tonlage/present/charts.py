"""Pure Plotly figure builders: DataFrames in, ``go.Figure`` out, no ``st.*`` inside.

Conventions every builder follows (tests check them on ``fig.to_dict()``):

- a plain title and labelled axes with units;
- hover text that says what a point is (title, date, number of sentences);
- ``customdata`` whose first two fields say what is behind a mark, so a chart selection
  can find the articles: ``["article", article_id, ...]``, ``["bucket", start, end, ...]``
  (half-open ISO dates), ``["theme", theme_id, ...]`` or ``["actor", name, ...]``;
- event markers (dashed vertical lines with a label) on every time axis;
- marks resting on little text are hollow (points) or hatched (bars) and the legend says so;
- many articles are aggregated to week/month buckets; beyond 1,000 points WebGL is used.

All strings come from a translator ``tr(key, **fmt)`` (see components/i18n.py); untrusted
corpus text goes through components/safe.py before it becomes a label.

Semantic colours live here and only here; Plotly's global defaults are never touched.
"""

from __future__ import annotations

import math
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from tonlage.i18n import translator
from .safe import escape_plot_text

__all__ = [
    "NEGATIVE", "NEUTRAL", "POSITIVE", "TONE_COLOURS", "THEME_COLOURS", "KIND_COLOURS",
    "MIN_SENTENCES", "MIN_ARTICLES", "MIN_ACTOR_SENTENCES", "AGGREGATE_OVER", "WEBGL_OVER",
    "NEUTRAL_BAND", "tone_colour", "bucket_frequency", "aggregate_articles",
    "tone_timeline_figure", "sentence_tone_figure", "tone_shares_figure",
    "theme_time_figure", "theme_terms_figure", "theme_tone_figure", "theme_weight_figure",
    "actor_mentions_figure", "actor_tone_time_figure",
]

Translator = Callable[..., str]

# --- Semantic colours (Okabe–Ito, colour-blind safe) -------------------------------------
NEGATIVE = "#D55E00"   # vermillion
NEUTRAL = "#8C8C8C"    # grey
POSITIVE = "#0072B2"   # blue
TONE_COLOURS = {"negative": NEGATIVE, "neutral": NEUTRAL, "positive": POSITIVE}
POINT = "#333333"      # article points: the y position carries the tone
EVENT = "#6B6B6B"
# Categorical colours for themes / actors (Paul Tol "muted" + Okabe–Ito extras, no vermillion
# or blue so they never read as tone).
THEME_COLOURS = ("#332288", "#117733", "#CC6677", "#88CCEE", "#DDCC77", "#AA4499",
                 "#44AA99", "#999933", "#882255", "#E69F00", "#000000", "#56B4E9")
KIND_COLOURS = {"person": "#332288", "institution": "#44AA99", "country": "#DDCC77"}

# --- Honesty thresholds ------------------------------------------------------------------
MIN_SENTENCES = 10        # an article tone resting on fewer sentences is "little text"
MIN_ARTICLES = 3          # a bucket/theme resting on fewer articles is "little text"
MIN_ACTOR_SENTENCES = 3   # tone toward an actor from fewer sentences is "little text"
NEUTRAL_BAND = 0.05       # |tone| below this reads as neutral (engine may pass its own)

# --- Scale -------------------------------------------------------------------------------
AGGREGATE_OVER = 300      # more articles than this in view: one point per week/month
WEBGL_OVER = 1000         # more points than this in one trace: Scattergl

FONT = dict(family="Source Sans Pro, Helvetica, Arial, sans-serif", size=14, color="#262730")


class _Fig:
    """Collects traces and layout as plain dicts; :func:`_built` makes one ``go.Figure`` at the end.

    ``go.Figure.update_layout``/``add_shape``/``add_annotation`` re-validate the layout on every
    call (15–25 ms each with date axes); building the dict first and validating once keeps a
    figure at a few milliseconds, which matters for the "rerun < 300 ms" target.
    """

    def __init__(self) -> None:
        self.data: list = []
        self.layout: dict = {}

    def add_trace(self, trace) -> "_Fig":
        self.data.append(trace)
        return self

    def update_layout(self, **kw) -> "_Fig":
        _merge(self.layout, kw)
        return self

    def update_xaxes(self, **kw) -> "_Fig":
        _merge(self.layout.setdefault("xaxis", {}), kw)
        return self

    def update_yaxes(self, **kw) -> "_Fig":
        _merge(self.layout.setdefault("yaxis", {}), kw)
        return self

    def add_annotation(self, **kw) -> "_Fig":
        self.layout.setdefault("annotations", []).append(kw)
        return self

    def add_items(self, shapes=(), annotations=()) -> "_Fig":
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


def _built(builder):
    """Decorator: a builder may work on a :class:`_Fig`; callers always get a ``go.Figure``."""
    import functools

    @functools.wraps(builder)
    def wrapper(*args, **kwargs) -> go.Figure:
        fig = builder(*args, **kwargs)
        if isinstance(fig, _Fig):
            return go.Figure(data=fig.data, layout=fig.layout)
        return fig

    return wrapper


def tone_colour(tone: float, band: float = NEUTRAL_BAND) -> str:
    """The semantic colour of a tone value."""
    if tone is None or (isinstance(tone, float) and math.isnan(tone)) or abs(tone) < band:
        return NEUTRAL
    return NEGATIVE if tone < 0 else POSITIVE


def _tr(tr: Translator | None) -> Translator:
    return tr if tr is not None else translator("en")


def _wrap(text: str, width: int = 60) -> str:
    """Escape, then wrap long hover lines with <br> (Plotly does not wrap). Greedy and cheap:
    textwrap is ~20x slower and this runs once per sentence."""
    if not text:
        return ""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "<br>".join(escape_plot_text(x) for x in lines)


def _base_layout(fig, title: str, x_title: str, y_title: str, *, height: int = 420,
                 legend: bool = True):
    fig.update_layout(
        title=dict(text=escape_plot_text(title), x=0, xanchor="left", font=dict(size=18)),
        xaxis=dict(title=dict(text=x_title)),
        yaxis=dict(title=dict(text=y_title)),
        height=height,
        margin=dict(l=10, r=10, t=70, b=90 if legend else 20),
        font=FONT,
        hoverlabel=dict(align="left"),
        showlegend=legend,
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", xanchor="left", x=0,
                    traceorder="normal"),
        plot_bgcolor="white",
    )
    # automargin is Plotly's default template's, but Streamlit replaces that template on import:
    # say it here, or exported images lose long axis labels off the edge.
    fig.update_xaxes(showgrid=False, zeroline=False, linecolor="#BBBBBB", automargin=True)
    fig.update_yaxes(gridcolor="#EEEEEE", zeroline=False, automargin=True)
    return fig


def _empty(fig, tr: Translator):
    fig.add_annotation(text=tr("chart_empty"), xref="paper", yref="paper", x=0.5, y=0.5,
                       showarrow=False, font=dict(size=16, color="#666666"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


# --- time axes ---------------------------------------------------------------------------

def bucket_frequency(dates: pd.Series) -> str:
    """"W" (weeks) for spans up to two years, else "M" (months)."""
    d = pd.to_datetime(dates).dropna()
    if d.empty:
        return "W"
    return "M" if (d.max() - d.min()).days > 730 else "W"


def _bucket_start(dates: pd.Series, freq: str) -> pd.Series:
    d = pd.to_datetime(dates)
    if freq == "M":
        return d.dt.to_period("M").dt.start_time
    return (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.normalize()


def aggregate_articles(articles: pd.DataFrame, freq: str | None = None) -> pd.DataFrame:
    """Mean tone, number of articles and of sentences per week/month bucket (dated rows only).

    Returns columns ``start, end, tone, n_articles, n_sentences`` with ``end`` exclusive.
    """
    a = articles.dropna(subset=["date"])
    if a.empty:
        return pd.DataFrame(columns=["start", "end", "tone", "n_articles", "n_sentences"])
    freq = freq or bucket_frequency(a["date"])
    start = _bucket_start(a["date"], freq)
    g = a.assign(start=start).groupby("start", sort=True)
    out = g.agg(tone=("tone", "mean"), n_articles=("article_id", "size"),
                n_sentences=("n_sentences", "sum")).reset_index()
    step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
    out["end"] = out["start"] + step
    return out[["start", "end", "tone", "n_articles", "n_sentences"]]


def _date_hover(row: pd.Series, tr: Translator) -> str:
    """Date line for hover: the label plus what we know about its precision/correction."""
    parts = [escape_plot_text(row.get("date_label", ""))]
    if row.get("date_precision") == "month":
        parts.append(tr("hover_month_only"))
    note = row.get("date_note") or ""
    if note:
        parts.append(_wrap(tr("hover_date_note", note=note)))
    return "<br>".join(p for p in parts if p)


def _event_range(x_values: pd.Series, pad_days: int = 20) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    d = pd.to_datetime(pd.Series(x_values)).dropna()
    if d.empty:
        return None
    return d.min() - pd.Timedelta(days=pad_days), d.max() + pd.Timedelta(days=pad_days)


EVENT_ROW_PX = 16        # height of one row of event labels above the plot
PLOT_WIDTH_PX = 1000     # assumed plot width for laying out event labels (wide layout)


def _event_rows(positions: list[float], widths: list[float], max_rows: int = 4) -> list[int]:
    """Greedy row assignment so horizontal labels (x position, width as axis fractions) don't overlap."""
    ends: list[float] = []
    rows = []
    for x, w in zip(positions, widths):
        for i, end in enumerate(ends):
            if x > end + 0.01:
                ends[i] = x + w
                rows.append(i)
                break
        else:
            if len(ends) < max_rows:
                ends.append(x + w)
                rows.append(len(ends) - 1)
            else:
                i = min(range(len(ends)), key=ends.__getitem__)
                ends[i] = x + w
                rows.append(i)
    return rows


def _add_events(fig, events: pd.DataFrame | None, x_range, tr: Translator) -> int:
    """Dashed vertical line per event inside ``x_range`` and its label above the plot.

    Labels sit in a strip above the plotting area (staggered into rows when events are close)
    so they never cover data; hovering a label shows the date and description.
    Returns the number of events drawn.
    """
    if events is None or len(events) == 0 or x_range is None:
        return 0
    lo, hi = x_range
    ev = events.assign(date=pd.to_datetime(events["date"])).dropna(subset=["date"])
    ev = ev[(ev["date"] >= lo) & (ev["date"] <= hi)].sort_values("date")
    if ev.empty:
        return 0
    span = max((hi - lo).total_seconds(), 1.0)
    labels = [escape_plot_text(x, max_len=30) for x in ev["label"]]
    pos = [(d - lo).total_seconds() / span for d in ev["date"]]
    widths = [(len(lab) * 6.3 + 10) / PLOT_WIDTH_PX for lab in labels]
    rows = _event_rows(pos, widths)
    shapes, notes = [], []
    # Built as plain dicts and set in one update: add_shape/add_annotation validate the whole
    # layout on every call and cost ~10 ms each.
    for (_, e), label, row in zip(ev.iterrows(), labels, rows):
        x = e["date"].isoformat()
        shapes.append(dict(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                           line=dict(color=EVENT, width=1, dash="dash"), layer="below"))
        hover = f"{e['date']:%Y-%m-%d}: {escape_plot_text(e['label'])}"
        if str(e.get("description", "") or ""):
            hover += "<br>" + _wrap(e["description"], 50)
        notes.append(dict(x=x, xref="x", y=1, yref="paper", yanchor="bottom", xanchor="left",
                          text="╎" + label, showarrow=False, xshift=-3, yshift=2 + row * EVENT_ROW_PX,
                          font=dict(size=11, color=EVENT), hovertext=hover, name="event"))
    n_rows = max(rows) + 1
    fig.add_items(shapes, notes)
    fig.update_layout(margin=dict(t=80 + n_rows * EVENT_ROW_PX),
                      title=dict(y=1, yref="container", yanchor="top", pad=dict(t=12)),
                      meta=dict(n_events=int(len(ev))))
    return int(len(ev))


def _tone_axis(fig, values: pd.Series, tr: Translator, *, bands: bool = True) -> tuple[float, float]:
    """Symmetric tone axis around 0 so negative and positive get equal room; tinted halves."""
    v = pd.to_numeric(pd.Series(values), errors="coerce").dropna()
    m = float(v.abs().max()) if len(v) else 0.0
    lim = min(1.0, max(0.2, round(m * 1.25 + 0.02, 2)))
    fig.update_yaxes(range=[-lim, lim], title=dict(text=tr("axis_tone")))
    if bands:
        band = dict(type="rect", xref="paper", yref="y", x0=0, x1=1, opacity=0.05, line=dict(width=0), layer="below")
        shapes = [dict(band, y0=0, y1=lim, fillcolor=POSITIVE), dict(band, y0=-lim, y1=0, fillcolor=NEGATIVE),
                  dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=0, y1=0, line=dict(color=NEUTRAL, width=1))]
        notes = [dict(xref="paper", x=0, y=lim, yanchor="top", xanchor="left", showarrow=False,
                      text=tr("zone_positive"), font=dict(size=11, color=POSITIVE), name="zone"),
                 dict(xref="paper", x=0, y=-lim, yanchor="bottom", xanchor="left", showarrow=False,
                      text=tr("zone_negative"), font=dict(size=11, color=NEGATIVE), name="zone")]
        fig.add_items(shapes, notes)
    return -lim, lim


def _scatter_cls(n: int):
    return go.Scattergl if n > WEBGL_OVER else go.Scatter


def _thin_legend(fig, text: str, *, bar: bool = False) -> None:
    """A legend-only entry explaining hollow points / hatched bars."""
    if bar:
        fig.add_trace(go.Bar(x=[None], y=[None], name=text, marker=dict(color="#FFFFFF",
                      line=dict(color=POINT, width=1), pattern=dict(shape="/", fgcolor=POINT)),
                      showlegend=True, hoverinfo="skip", legendrank=2000))
    else:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=text,
                                 marker=dict(symbol="circle-open", size=10, color=POINT, line=dict(width=2)),
                                 showlegend=True, hoverinfo="skip", legendrank=2000))


@_built
def tone_timeline_figure(articles: pd.DataFrame, *, events: pd.DataFrame | None = None,
                         tr: Translator | None = None, neutral_band: float = NEUTRAL_BAND,
                         aggregate_over: int = AGGREGATE_OVER) -> go.Figure:
    """Article tone over time: one point per article (or per week/month when there are many).

    Undated articles are left out (the page says how many). Month-precision dates get a
    diamond, dates corrected or inferred (metadata, text) a square; articles with fewer than
    ``MIN_SENTENCES`` sentences (buckets with fewer than
    ``MIN_ARTICLES`` articles) are hollow.
    """
    tr = _tr(tr)
    fig = _Fig()
    _base_layout(fig, tr("chart_tone_time_title"), tr("axis_date"), tr("axis_tone"), height=460)
    dated = articles.dropna(subset=["date"]) if len(articles) else articles
    if len(dated) == 0:
        return _empty(fig, tr)

    if len(dated) > aggregate_over:
        b = aggregate_articles(dated)
        thin = b["n_articles"] < MIN_ARTICLES
        cd = [["bucket", f"{s:%Y-%m-%d}", f"{e:%Y-%m-%d}", int(n), int(ns)]
              for s, e, n, ns in zip(b["start"], b["end"], b["n_articles"], b["n_sentences"])]
        cls = _scatter_cls(len(b))
        fig.add_trace(cls(
            x=b["start"], y=b["tone"], mode="lines+markers", name=tr("legend_bucket"),
            line=dict(color="#BBBBBB", width=1),
            marker=dict(color=POINT, size=8, symbol=["circle-open" if t else "circle" for t in thin],
                        line=dict(width=2, color=POINT)),
            customdata=cd,
            hovertemplate=tr("hover_bucket") + "<extra></extra>",
        ))
        fig.update_layout(title=dict(text=escape_plot_text(tr("chart_tone_time_title_bucket"))))
        if thin.any():
            _thin_legend(fig, tr("legend_thin_articles", n=MIN_ARTICLES))
        _tone_axis(fig, b["tone"], tr)
        _add_events(fig, events, _event_range(b["start"]), tr)
        return fig

    dated = dated.sort_values(["date", "article_id"])
    month = dated["date_precision"] == "month"
    # A date that did not come from the file itself (set in metadata or by hand, or inferred
    # from the text) is marked as such, so a reader sees it without hovering.
    fixed = ~month & dated.get("date_source", pd.Series("header", index=dated.index)).isin(
        ["metadata", "text", "edited"])
    groups = ((~month & ~fixed, "circle", "legend_day"), (fixed, "square", "legend_fixed"),
              (month, "diamond", "legend_month"))
    for mask, symbol, name_key in groups:
        part = dated[mask]
        if part.empty:
            continue
        thin = part["n_sentences"] < MIN_SENTENCES
        cd = [["article", r.article_id, escape_plot_text(r.title, max_len=90),
               _date_hover(pd.Series(r._asdict()), tr), int(r.n_sentences)]
              for r in part.itertuples(index=False)]
        cls = _scatter_cls(len(part))
        fig.add_trace(cls(
            x=part["date"], y=part["tone"], mode="markers", name=tr(name_key),
            marker=dict(symbol=[symbol + "-open" if t else symbol for t in thin], size=13,
                        color=POINT, opacity=[0.55 if t else 0.95 for t in thin],
                        line=dict(width=2, color=POINT)),
            customdata=cd,
            hovertemplate=tr("hover_article") + "<extra></extra>",
        ))
    if (dated["n_sentences"] < MIN_SENTENCES).any():
        _thin_legend(fig, tr("legend_thin_sentences", n=MIN_SENTENCES))
    _tone_axis(fig, dated["tone"], tr)
    _add_events(fig, events, _event_range(dated["date"]), tr)
    return fig


# --- tone per article --------------------------------------------------------------------

def _article_label(title: str, date_label: str, max_len: int = 38) -> str:
    return f"{escape_plot_text(title, max_len=max_len)} ({escape_plot_text(date_label)})"


@_built
def sentence_tone_figure(sentences: pd.DataFrame, articles: pd.DataFrame, *,
                         tr: Translator | None = None) -> go.Figure:
    """Every sentence's tone as a dot, one row per article, coloured by its label.

    A black tick marks the article's mean (its overall tone).
    """
    tr = _tr(tr)
    fig = _Fig()
    n = len(articles)
    _base_layout(fig, tr("chart_sent_dist_title"), tr("axis_tone"), "", height=max(320, 90 + 56 * n))
    if n == 0 or len(sentences) == 0:
        return _empty(fig, tr)
    a = articles.reset_index(drop=True)
    pos = {aid: i for i, aid in enumerate(a["article_id"])}
    titles = dict(zip(a["article_id"], a["title"]))
    s = sentences[sentences["article_id"].isin(pos)].copy()
    # Deterministic jitter so dots do not hide each other (no randomness: same picture every run).
    s["y"] = s["article_id"].map(pos) + ((s["sent_idx"] * 0.6180339887) % 1 - 0.5) * 0.5
    for label in ("negative", "neutral", "positive"):
        part = s[s["tone_label"] == label]
        if part.empty:
            continue
        cd = [["article", r.article_id, escape_plot_text(titles.get(r.article_id, ""), max_len=70),
               int(r.sent_idx) + 1, _wrap(r.text, 70), _wrap(r.evidence or tr("no_evidence"), 70)]
              for r in part.itertuples(index=False)]
        fig.add_trace(_scatter_cls(len(part))(
            x=part["tone"], y=part["y"], mode="markers", name=tr(f"label_{label}"),
            marker=dict(color=TONE_COLOURS[label], size=8, opacity=0.8), customdata=cd,
            hovertemplate=tr("hover_sentence") + "<extra></extra>",
        ))
    fig.add_trace(go.Scatter(
        x=a["tone"], y=list(range(n)), mode="markers", name=tr("legend_article_mean"),
        marker=dict(symbol="line-ns-open", size=26, color="#000000", line=dict(width=3)),
        customdata=[["article", r.article_id, escape_plot_text(r.title, max_len=70), int(r.n_sentences)]
                    for r in a.itertuples(index=False)],
        hovertemplate=tr("hover_article_mean") + "<extra></extra>",
    ))
    fig.update_yaxes(tickvals=list(range(n)), ticktext=[_article_label(t, d) for t, d in zip(a["title"], a["date_label"])],
                     autorange="reversed", range=None, showgrid=False)
    fig.update_xaxes(range=[-1.05, 1.05], title=dict(text=tr("axis_tone")), zeroline=True,
                     zerolinecolor=NEUTRAL)
    return fig


@_built
def tone_shares_figure(articles: pd.DataFrame, *, tr: Translator | None = None) -> go.Figure:
    """Share of negative / neutral / positive sentences per article (stacked to 100 %)."""
    tr = _tr(tr)
    fig = _Fig()
    n = len(articles)
    _base_layout(fig, tr("chart_shares_title"), tr("axis_share_sentences"), "", height=max(300, 90 + 48 * n))
    if n == 0:
        return _empty(fig, tr)
    a = articles.reset_index(drop=True)
    labels = [_article_label(t, d) for t, d in zip(a["title"], a["date_label"])]
    thin = a["n_sentences"] < MIN_SENTENCES
    for label in ("negative", "neutral", "positive"):
        share = a[f"share_{label}"].astype(float) * 100
        cd = [["article", r.article_id, escape_plot_text(r.title, max_len=70), int(r.n_sentences),
               int(round(getattr(r, f"share_{label}") * r.n_sentences))] for r in a.itertuples(index=False)]
        fig.add_trace(go.Bar(
            x=share, y=labels, orientation="h", name=tr(f"label_{label}"),
            marker=dict(color=TONE_COLOURS[label],
                        pattern=dict(shape=["/" if t else "" for t in thin], fgcolor="#FFFFFF", solidity=0.3)),
            customdata=cd,
            hovertemplate=tr("hover_share", label=tr(f"label_{label}")) + "<extra></extra>",
        ))
    if thin.any():
        _thin_legend(fig, tr("legend_thin_sentences", n=MIN_SENTENCES), bar=True)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed")
    return fig


# --- themes ------------------------------------------------------------------------------

@_built
def theme_time_figure(theme_points: pd.DataFrame, themes: pd.DataFrame, *,
                      events: pd.DataFrame | None = None, tr: Translator | None = None,
                      aggregate_over: int = AGGREGATE_OVER) -> go.Figure:
    """Theme share over time: one line per theme.

    ``theme_points`` is long: ``article_id, date, date_label, date_precision, date_note,
    title, n_sentences, theme_id, share`` (dated articles only). Above ``aggregate_over``
    articles, shares are averaged per week/month bucket.
    """
    tr = _tr(tr)
    fig = _Fig()
    _base_layout(fig, tr("chart_theme_time_title"), tr("axis_date"), tr("axis_theme_share"), height=480)
    tp = theme_points.dropna(subset=["date"]) if len(theme_points) else theme_points
    if len(tp) == 0 or len(themes) == 0:
        return _empty(fig, tr)
    labels = dict(zip(themes["theme_id"], themes["label"]))
    n_articles = tp["article_id"].nunique()
    bucketed = n_articles > aggregate_over
    any_thin = False
    for i, tid in enumerate(sorted(tp["theme_id"].unique())):
        part = tp[tp["theme_id"] == tid].sort_values(["date", "article_id"])
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        name = escape_plot_text(labels.get(tid, str(tid)), max_len=40)
        if bucketed:
            freq = bucket_frequency(tp["date"])
            part = part.assign(start=_bucket_start(part["date"], freq))
            g = part.groupby("start").agg(share=("share", "mean"), n_articles=("article_id", "nunique")).reset_index()
            step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
            thin = g["n_articles"] < MIN_ARTICLES
            cd = [["bucket", f"{s:%Y-%m-%d}", f"{s + step:%Y-%m-%d}", int(n), name]
                  for s, n in zip(g["start"], g["n_articles"])]
            x, y, hover = g["start"], g["share"] * 100, tr("hover_theme_bucket")
        else:
            thin = part["n_sentences"] < MIN_SENTENCES
            cd = [["article", r.article_id, escape_plot_text(r.title, max_len=70),
                   _date_hover(pd.Series(r._asdict()), tr), name]
                  for r in part.itertuples(index=False)]
            x, y, hover = part["date"], part["share"] * 100, tr("hover_theme_article")
        any_thin |= bool(thin.any())
        few = len(x) < 10  # a line through a handful of articles is no trend: draw it faint and dotted
        fig.add_trace(_scatter_cls(len(x))(
            x=x, y=y, mode="lines+markers", name=name,
            line=dict(color=colour, width=1 if few else 2, dash="dot" if few else "solid"),
            marker=dict(color=colour, size=10, line=dict(width=2, color=colour),
                        symbol=["circle-open" if t else "circle" for t in thin]),
            customdata=cd, hovertemplate=hover + "<extra></extra>",
        ))
    if any_thin:
        _thin_legend(fig, tr("legend_thin_articles", n=MIN_ARTICLES) if bucketed
                     else tr("legend_thin_sentences", n=MIN_SENTENCES))
    fig.update_yaxes(range=[0, 100], ticksuffix=" %")
    _add_events(fig, events, _event_range(tp["date"]), tr)
    return fig


@_built
def theme_terms_figure(themes: pd.DataFrame, *, tr: Translator | None = None, n_terms: int = 8,
                       cols: int = 3) -> go.Figure:
    """Small multiples: the top terms of every theme with their weight in the theme.

    Panels are laid out by hand (axis domains) rather than with make_subplots, which is slow.
    """
    tr = _tr(tr)
    fig = _Fig()
    n = len(themes)
    if n == 0:
        _base_layout(fig, tr("chart_theme_terms_title"), tr("axis_term_weight"), "")
        return _empty(fig, tr)
    cols = max(1, min(cols, n))
    rows = math.ceil(n / cols)
    th = themes.sort_values("theme_id").reset_index(drop=True)
    _base_layout(fig, tr("chart_theme_terms_title"), tr("axis_term_weight"), "", height=140 + 280 * rows,
                 legend=False)
    fig.layout.pop("xaxis", None)
    fig.layout.pop("yaxis", None)
    fig.update_layout(margin=dict(t=110, b=30))
    h_gap, v_gap = 0.14, 0.5 / (140 + 280 * rows) * 200
    width = (1 - h_gap * (cols - 1)) / cols
    height = (1 - v_gap * (rows - 1)) / rows
    last_row_n = n - (rows - 1) * cols
    titled_panel = (rows - 1) * cols + last_row_n // 2  # one x title: bottom row, middle panel
    notes = []
    for i, r in enumerate(th.itertuples(index=False)):
        row, col = divmod(i, cols)
        k = "" if i == 0 else str(i + 1)
        x0 = col * (width + h_gap)
        y1 = 1 - row * (height + v_gap)
        terms = list(r.terms)[:n_terms]
        weights = list(getattr(r, "term_weights", ()) or ())[:n_terms]
        if len(weights) != len(terms):  # engine without weights: show rank only
            weights = [float(len(terms) - j) for j in range(len(terms))]
        total = sum(weights) or 1.0
        title = ("<b>" + escape_plot_text(tr("theme_n", n=int(r.theme_id) + 1)) + "</b><br>"
                 + escape_plot_text(r.label, max_len=40))
        fig.add_trace(go.Bar(
            x=[w / total * 100 for w in weights], y=[escape_plot_text(t) for t in terms], orientation="h",
            marker=dict(color=THEME_COLOURS[i % len(THEME_COLOURS)]), showlegend=False, name=title,
            customdata=[["theme", int(r.theme_id)]] * len(terms), xaxis=f"x{k}", yaxis=f"y{k}",
            hovertemplate=tr("hover_term") + "<extra></extra>",
        ))
        fig.layout[f"xaxis{k}"] = dict(domain=[x0, x0 + width], anchor=f"y{k}", ticksuffix=" %", showgrid=False,
                                       linecolor="#BBBBBB", rangemode="tozero",
                                       title=dict(text=tr("axis_term_weight")) if i == titled_panel else None)
        fig.layout[f"yaxis{k}"] = dict(domain=[y1 - height, y1], anchor=f"x{k}", autorange="reversed",
                                       gridcolor="#EEEEEE")
        notes.append(dict(text=title, xref="paper", yref="paper", x=x0 + width / 2, y=y1, xanchor="center",
                          yanchor="bottom", showarrow=False, font=dict(size=13)))
    fig.add_items(annotations=notes)
    return fig


@_built
def theme_tone_figure(theme_table: pd.DataFrame, *, tr: Translator | None = None,
                      neutral_band: float = NEUTRAL_BAND) -> go.Figure:
    """Mean tone per theme (share-weighted), hatched when fewer than ``MIN_ARTICLES`` articles.

    ``theme_table``: ``theme_id, label, tone, n_articles`` (articles whose main theme it is).
    """
    tr = _tr(tr)
    fig = _Fig()
    n = len(theme_table)
    _base_layout(fig, tr("chart_theme_tone_title"), tr("axis_tone"), "", height=max(300, 110 + 44 * n))
    if n == 0:
        return _empty(fig, tr)
    t = theme_table.sort_values("theme_id").reset_index(drop=True)
    thin = t["n_articles"] < MIN_ARTICLES
    fig.add_trace(go.Bar(
        x=t["tone"], y=[escape_plot_text(tr("theme_n", n=int(i) + 1) + ": " + str(lab), max_len=44)
                        for i, lab in zip(t["theme_id"], t["label"])],
        orientation="h", name=tr("legend_theme_tone"), showlegend=False,
        marker=dict(color=[tone_colour(v, neutral_band) for v in t["tone"]],
                    pattern=dict(shape=["/" if x else "" for x in thin], fgcolor="#FFFFFF", solidity=0.4)),
        customdata=[["theme", int(r.theme_id), int(r.n_articles)] for r in t.itertuples(index=False)],
        hovertemplate=tr("hover_theme_tone") + "<extra></extra>",
    ))
    if thin.any():
        _thin_legend(fig, tr("legend_thin_articles", n=MIN_ARTICLES), bar=True)
        fig.update_layout(showlegend=True)
    lim = min(1.0, max(0.2, float(t["tone"].abs().max()) * 1.25 + 0.02))
    fig.update_xaxes(range=[-lim, lim], zeroline=True, zerolinecolor=NEUTRAL, zerolinewidth=1)
    fig.update_yaxes(autorange="reversed")
    return fig


@_built
def theme_weight_figure(theme_table: pd.DataFrame, *, tr: Translator | None = None) -> go.Figure:
    """How much of the text in view each theme covers (mean article share, %)."""
    tr = _tr(tr)
    fig = _Fig()
    n = len(theme_table)
    _base_layout(fig, tr("chart_theme_weight_title"), tr("axis_theme_share"), "", height=max(280, 110 + 40 * n),
                 legend=False)
    if n == 0:
        return _empty(fig, tr)
    t = theme_table.sort_values("share", ascending=False).reset_index(drop=True)
    fig.add_trace(go.Bar(
        x=t["share"] * 100,
        y=[escape_plot_text(tr("theme_n", n=int(i) + 1) + ": " + str(lab), max_len=44)
           for i, lab in zip(t["theme_id"], t["label"])],
        orientation="h", showlegend=False, name=tr("legend_theme_weight"),
        marker=dict(color=[THEME_COLOURS[int(i) % len(THEME_COLOURS)] for i in t["theme_id"]]),
        customdata=[["theme", int(r.theme_id), int(r.n_articles)] for r in t.itertuples(index=False)],
        hovertemplate=tr("hover_theme_weight") + "<extra></extra>",
    ))
    fig.update_xaxes(ticksuffix=" %", rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return fig


# --- actors ------------------------------------------------------------------------------

@_built
def actor_mentions_figure(actor_table: pd.DataFrame, *, tr: Translator | None = None,
                          top: int | None = None) -> go.Figure:
    """Mentions per actor, coloured by kind (person / institution / country).

    ``actor_table``: ``actor, kind, mentions, n_articles, n_sentences, tone``.
    """
    tr = _tr(tr)
    fig = _Fig()
    t = actor_table.sort_values(["mentions", "actor"], ascending=[False, True])
    if top:
        t = t.head(top)
    n = len(t)
    _base_layout(fig, tr("chart_actor_mentions_title"), tr("axis_mentions"), "", height=max(300, 120 + 30 * n))
    if n == 0:
        return _empty(fig, tr)
    order = [escape_plot_text(a) for a in t["actor"]]
    for kind in ("person", "institution", "country"):
        part = t[t["kind"] == kind]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            x=part["mentions"], y=[escape_plot_text(a) for a in part["actor"]], orientation="h",
            name=tr(f"kind_{kind}"), marker=dict(color=KIND_COLOURS.get(kind, NEUTRAL)),
            customdata=[["actor", r.actor, int(r.n_articles), int(r.n_sentences),
                         "–" if pd.isna(r.tone) else f"{r.tone:+.2f}"] for r in part.itertuples(index=False)],
            hovertemplate=tr("hover_actor") + "<extra></extra>",
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed")
    fig.update_xaxes(rangemode="tozero")
    return fig


@_built
def actor_tone_time_figure(points: pd.DataFrame, *, events: pd.DataFrame | None = None,
                           tr: Translator | None = None, aggregate_over: int = AGGREGATE_OVER) -> go.Figure:
    """Tone toward each chosen actor over time: mean tone of the sentences that mention it.

    ``points``: ``actor, article_id, title, date, date_label, date_precision, date_note,
    n_sentences, tone`` (one row per article × actor, dated only). Marker size grows with
    the number of sentences; fewer than ``MIN_ACTOR_SENTENCES`` sentences → hollow.
    """
    tr = _tr(tr)
    fig = _Fig()
    _base_layout(fig, tr("chart_actor_tone_title"), tr("axis_date"), tr("axis_tone_actor"), height=480)
    p = points.dropna(subset=["date"]) if len(points) else points
    if len(p) == 0:
        return _empty(fig, tr)
    bucketed = p["article_id"].nunique() > aggregate_over
    freq = bucket_frequency(p["date"])
    any_thin = False
    for i, actor in enumerate(list(dict.fromkeys(p["actor"]))):
        part = p[p["actor"] == actor].sort_values(["date", "article_id"])
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        name = escape_plot_text(actor)
        if bucketed:
            part = part.assign(start=_bucket_start(part["date"], freq),
                               w=part["tone"] * part["n_sentences"])
            g = part.groupby("start").agg(w=("w", "sum"), n_sentences=("n_sentences", "sum"),
                                          n_articles=("article_id", "nunique")).reset_index()
            g["tone"] = g["w"] / g["n_sentences"].where(g["n_sentences"] > 0)
            step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
            cd = [["bucket", f"{s:%Y-%m-%d}", f"{s + step:%Y-%m-%d}", int(na), int(ns), name]
                  for s, na, ns in zip(g["start"], g["n_articles"], g["n_sentences"])]
            x, y, ns, hover = g["start"], g["tone"], g["n_sentences"], tr("hover_actor_bucket")
        else:
            cd = [["article", r.article_id, escape_plot_text(r.title, max_len=70),
                   _date_hover(pd.Series(r._asdict()), tr), int(r.n_sentences), name]
                  for r in part.itertuples(index=False)]
            x, y, ns, hover = part["date"], part["tone"], part["n_sentences"], tr("hover_actor_article")
        thin = ns < MIN_ACTOR_SENTENCES
        any_thin |= bool(thin.any())
        sizes = [float(min(28, 8 + 3 * math.sqrt(v))) for v in ns]
        few = len(x) < 10
        fig.add_trace(_scatter_cls(len(x))(
            x=x, y=y, mode="lines+markers", name=name,
            line=dict(color=colour, width=1 if few else 1.5, dash="dot" if few else "solid"),
            marker=dict(color=colour, size=sizes, line=dict(width=2, color=colour),
                        symbol=["circle-open" if t else "circle" for t in thin]),
            customdata=cd, hovertemplate=hover + "<extra></extra>",
        ))
    if any_thin:
        _thin_legend(fig, tr("legend_thin_actor", n=MIN_ACTOR_SENTENCES))
    _tone_axis(fig, p["tone"], tr)
    fig.update_yaxes(title=dict(text=tr("axis_tone_actor")))
    _add_events(fig, events, _event_range(p["date"]), tr)
    return fig


# --- comparing two periods ----------------------------------------------------------------
@_built
def compare_tone_figure(comparison, *, tr: Translator | None = None) -> go.Figure:
    """Mean sentence tone of two periods, and the change with its 95 % bootstrap interval.

    ``comparison``: a :class:`tonlage.compare.Comparison`.
    """
    tr = _tr(tr)
    fig = _Fig()
    _base_layout(fig, tr("chart_compare_tone_title"), tr("axis_tone"), "", height=300, legend=False)
    c = comparison
    if not any(c.n_sentences):
        return _empty(fig, tr)
    rows = [escape_plot_text(c.a.label, max_len=40), escape_plot_text(c.b.label, max_len=40), tr("compare_change_row")]
    tones = [c.tone[0], c.tone[1]]
    fig.add_trace(go.Scatter(
        x=tones, y=rows[:2], mode="markers+text", showlegend=False,
        marker=dict(size=16, color=[tone_colour(v) for v in tones], symbol="circle"),
        text=[("–" if math.isnan(v) else f"{v:+.2f}") for v in tones], textposition="middle right",
        customdata=list(zip(c.n_articles, c.n_sentences)),
        hovertemplate=tr("hover_compare_side") + "<extra></extra>",
    ))
    if not math.isnan(c.shift):
        low, high = c.shift_low, c.shift_high
        fig.add_trace(go.Scatter(
            x=[c.shift], y=rows[2:], mode="markers+text", showlegend=False,
            marker=dict(size=14, color="#333333", symbol="diamond"),
            error_x=dict(type="data", symmetric=False, array=[max(0.0, high - c.shift)],
                         arrayminus=[max(0.0, c.shift - low)], color="#333333", thickness=2, width=8),
            text=[f"{c.shift:+.2f}"], textposition="top center",
            hovertemplate=tr("hover_compare_shift", low=f"{low:+.2f}", high=f"{high:+.2f}") + "<extra></extra>",
        ))
    values = [v for v in (*tones, c.shift, c.shift_low, c.shift_high) if not math.isnan(v)]
    lim = min(1.0, max(0.2, max(abs(v) for v in values) * 1.3 + 0.02))
    fig.update_xaxes(range=[-lim, lim], zeroline=True, zerolinecolor=NEUTRAL, zerolinewidth=1)
    fig.update_yaxes(autorange="reversed")
    return fig


@_built
def compare_change_figure(table: pd.DataFrame, *, name_col: str, title: str, x_title: str,
                          tr: Translator | None = None, top: int = 10) -> go.Figure:
    """What grew and what faded between two periods: ``change`` (share b − share a) in
    percentage points, largest changes first; growth blue, decline vermillion."""
    tr = _tr(tr)
    fig = _Fig()
    t = table.dropna(subset=["change"]).head(top) if len(table) else table
    _base_layout(fig, title, x_title, "", height=max(260, 90 + 34 * len(t)), legend=False)
    if t.empty:
        return _empty(fig, tr)
    change = [round(float(v) * 100, 1) for v in t["change"]]
    fig.add_trace(go.Bar(
        x=change, y=[escape_plot_text(str(v), max_len=44) for v in t[name_col]], orientation="h",
        marker=dict(color=[POSITIVE if v > 0 else NEGATIVE if v < 0 else NEUTRAL for v in change]),
        customdata=[[round(float(a) * 100, 1), round(float(b) * 100, 1)] for a, b in zip(t["share_a"], t["share_b"])],
        hovertemplate=tr("hover_compare_change") + "<extra></extra>", showlegend=False,
    ))
    finite = [abs(v) for v in change if not math.isnan(v)]
    lim = max(5.0, max(finite, default=0.0) * 1.15)
    fig.update_xaxes(range=[-lim, lim], zeroline=True, zerolinecolor=NEUTRAL, zerolinewidth=1, ticksuffix=" pp")
    fig.update_yaxes(autorange="reversed")
    return fig
