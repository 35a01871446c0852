"""Theme charts: share over time, top terms with their weights, tone per theme, and weight."""

from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...intervals import excludes_zero, share_mean_intervals
from ...thresholds import (
    MEAN_TONE_NEUTRAL_BAND,
    MIN_ARTICLE_SENTENCES,
    MIN_POINT_ARTICLES,
    THEME_TIME_LINES,
)
from ..safe import escape_plot_text
from .base import (
    AGGREGATE_OVER,
    DENSE_POINTS,
    NEUTRAL,
    POINT_BUDGET,
    THEME_COLOURS,
    Fig,
    Translator,
    axis_title,
    base_layout,
    built,
    date_hover,
    empty_figure,
    english_if_none,
    hover_rows,
    legend_mark,
    legend_text,
    line_marker_size,
    point_symbols,
    scatter_cls,
    thin_legend,
    tone_colour,
    trace,
    translator_of,
    wrap_label,
)
from .events import add_events, event_range
from .periods import bucket_frequency, bucket_start, draws_periods, error_bars, interval_hovers, iso_days

#: How far apart the themes' points of one period are drawn: spread over this share of the
#: period around its middle, so that their interval bars do not hide each other.
THEME_DODGE = 0.5


def share_hovers(low, high, tr: Translator) -> list[str]:
    """The hover line of each period's 95 % interval of a share (fractions, NaN where it has
    none): "95% interval: 6% … 12%" as the reader's language writes it (a tenth of a point
    where the interval is narrower than 5 points), or why there is none."""
    x = translator_of(tr)

    def all_ends(lo: np.ndarray, hi: np.ndarray) -> list[tuple[str, str]]:
        digits = np.where(hi - lo < 0.05, 1, 0).tolist()
        return list(zip(x.percents(lo.tolist(), digits), x.percents(hi.tolist(), digits)))

    return interval_hovers(low, high, tr, all_ends=all_ends)


# The time chart's legend on a laptop-wide page: about three theme names a row, each row
# ~20 px; the chart's 480 px hold three rows, more make it taller.
LEGEND_COLUMNS = 3
LEGEND_ROWS_IN_HEIGHT = 3
LEGEND_ROW_PX = 21

#: A theme's name on a bar chart's axis ("Theme 1: Rubio · Lawrow · US-Außenminister"): on at
#: most two lines of THEME_NAME_LINE characters. On one line it took ~300 px, and in a 900 px
#: window with the sidebar open the bars kept ~60 px.
THEME_NAME_LINE = 28


def theme_axis_label(theme_id: int, label: object, tr: Translator) -> str:
    """``"Theme N: label"`` for a chart's axis: escaped, on at most two lines (a row has room for
    two), what does not fit cut off with "…"."""
    return wrap_label(tr("Theme {n}", n=int(theme_id) + 1) + ": " + str(label), THEME_NAME_LINE, max_lines=2)


#: A theme's share is drawn week by week only where the weeks hold this many articles on
#: average, else month by month. An article's share of a theme is mostly 0 or large: over
#: gnad-dev's 509 articles the 13 themes' shares had a spread (sd) of 0.14-0.22, so a week's
#: mean share of n articles is known to +-5 percentage points (95 %) from n = 32-77 on (median
#: 47); with 20 articles a week it swung by +-10 points by chance. With random days (so every
#: swing is chance), 27 % of the weekly points of 509 articles lay 5 points or more off the
#: theme's share, 1.3 % of the monthly ones (bench/period_intervals.py).
THEME_WEEK_ARTICLES = 50
#: ... unless the articles span fewer days than this: months would leave one or two points.
THEME_MONTHS_FROM_DAYS = 90
#: Drawn one point per article, a chart of this many articles or more gives each theme a row of
#: its own: a dot per article at its date, its area growing with the article's share of the
#: theme, and no dot for a share under :data:`THEME_DOT_SHARE`. An article's share is mostly 0 or
#: large, so a line through the articles of a mixed corpus ran from 0 to 100 % and back at almost
#: every article: 60 real web pages on nine subjects (pages-dev) gave eight zigzags over one
#: another. Dots at the height of their share, in eight colours (two greens, two purples), left
#: the reader matching colours to tell which theme a dot was; a row per theme is named on the
#: axis. Under this many, a line drawn faint and dotted follows the few articles.
THEME_DOTS_FROM = 10
THEME_DOT_SHARE = 0.05
#: A dot of a whole article (share 1) in a theme's row, in px across; smaller shares get dots of
#: proportionally smaller area, never under THEME_ROW_DOT_MIN px (still a target for a click).
THEME_ROW_DOT_PX = 24
THEME_ROW_DOT_MIN = 5
#: The height of one theme's row, and of the rest of the chart (title, date axis, legend).
THEME_ROW_PX = 38
THEME_ROWS_FRAME_PX = 190


def theme_time_dots(theme_points: pd.DataFrame | ThemePeriods) -> bool:
    """Whether :func:`theme_time_figure` draws these points as a row of dots per theme (one point
    per article, :data:`THEME_DOTS_FROM` articles or more), for the page's "how to read this"."""
    if isinstance(theme_points, ThemePeriods) or theme_time_periods(theme_points):
        return False
    tp = theme_points.dropna(subset=["date"]) if len(theme_points) else theme_points
    return len(tp) > 0 and tp["article_id"].nunique() >= THEME_DOTS_FROM


def theme_bucket_frequency(dates: pd.Series, n_articles: int) -> str:
    """The periods of the theme chart for ``n_articles`` articles of ``dates`` (one a row or
    repeated, missing ones ignored): :func:`bucket_frequency`'s, but months instead of weeks
    where the weeks hold fewer than :data:`THEME_WEEK_ARTICLES` articles on average and the
    articles span :data:`THEME_MONTHS_FROM_DAYS` days or more."""
    freq = bucket_frequency(dates)
    if freq != "W":
        return freq
    d = dates if pd.api.types.is_datetime64_dtype(dates.dtype) else pd.to_datetime(dates)
    first, last = d.min(), d.max()
    if pd.isna(first):
        return freq
    days = (last - first).days
    if days >= THEME_MONTHS_FROM_DAYS and n_articles / (days // 7 + 1) < THEME_WEEK_ARTICLES:
        return "M"
    return freq


def theme_time_periods(theme_points: pd.DataFrame | ThemePeriods) -> bool:
    """Whether :func:`theme_time_figure` draws periods for these points."""
    if isinstance(theme_points, ThemePeriods):
        return theme_points.n_points > POINT_BUDGET or (
            theme_points.n_points > 0 and draws_periods(theme_points.n_articles, theme_points.n_points)
        )
    tp = theme_points.dropna(subset=["date"]) if len(theme_points) else theme_points
    if len(tp) > POINT_BUDGET:  # periods whatever the number of articles: none counted
        return True
    return len(tp) > 0 and draws_periods(tp["article_id"].nunique(), len(tp))


def theme_time_table(theme_points: pd.DataFrame | ThemePeriods) -> pd.DataFrame:
    """The points :func:`theme_time_figure` draws as periods, as a table: one row per theme and
    week or month, ``theme_id, start, end`` (exclusive), ``share`` (mean share, 0-1),
    ``n_articles`` and the share's 95 % interval ``low``/``high`` (NaN under two articles,
    :func:`tonlage.intervals.share_mean_intervals`); by theme, then date. Reads ``article_id,
    date, theme_id, share``."""
    cols = ["theme_id", "start", "end", "share", "n_articles", "low", "high"]
    if isinstance(theme_points, ThemePeriods):
        if not theme_points.theme_ids:
            return pd.DataFrame(columns=cols)
        step, tables, theme_ids = theme_points.step, theme_points.tables, theme_points.theme_ids
    else:
        tp = theme_points.dropna(subset=["date"]) if len(theme_points) else theme_points
        if len(tp) == 0:
            return pd.DataFrame(columns=cols)
        runs = _ThemeRuns(tp)
        (step, tables), theme_ids = _theme_periods(tp, runs), runs.theme_ids
    out = pd.concat(
        [g.assign(theme_id=tid, end=g["start"] + step) for tid, g in zip(theme_ids, tables)], ignore_index=True
    )
    return out[cols]


@built
def theme_time_figure(
    theme_points: pd.DataFrame | ThemePeriods,
    themes: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    tr: Translator | None = None,
    aggregate_over: int = AGGREGATE_OVER,
    max_rows: int | None = None,
) -> go.Figure:
    """Theme share over time: one line per theme, or drawn one point per article from
    :data:`THEME_DOTS_FROM` articles on, a row of dots per theme.

    ``theme_points`` is long: ``article_id, date, date_label, date_precision, date_note,
    title, n_sentences, theme_id, share`` (dated articles only). Above ``aggregate_over``
    articles, shares are averaged per week/month bucket. ``max_rows``: a row of dots for only
    the largest this many themes, in their order (a slide's image; the app draws them all).
    """
    tr = english_if_none(tr)
    fig = Fig()
    base_layout(
        fig,
        tr("How much each theme fills the articles over time"),
        tr("Publication date"),
        tr("Share of the article's text (%)"),
        height=480,
    )
    if isinstance(theme_points, ThemePeriods):
        # Summed per article already (a large view): drawn as periods.
        given = theme_points
        if given.n_points == 0 or len(themes) == 0:
            return empty_figure(fig, tr)
        theme_ids, dates, bucketed, dots = given.theme_ids, given.dates, True, False  # periods: lines
        largest = given.mean_share.sort_values(ascending=False, kind="mergesort")
        periods: tuple | None = (given.step, given.tables)
    else:
        tp = theme_points.dropna(subset=["date"]) if len(theme_points) else theme_points
        if len(tp) == 0 or len(themes) == 0:
            return empty_figure(fig, tr)
        runs = _ThemeRuns(tp)
        theme_ids, dates = runs.theme_ids, tp["date"]
        bucketed = draws_periods(runs.n_articles, len(tp), aggregate_over)  # a point per article and theme
        largest = tp.groupby("theme_id")["share"].mean().sort_values(ascending=False, kind="mergesort")
        periods = _theme_periods(tp, runs) if bucketed else None
        # One point per article: a row of dots per theme from THEME_DOTS_FROM articles on.
        dots = not bucketed and runs.n_articles >= THEME_DOTS_FROM
    labels = dict(zip(themes["theme_id"], themes["label"]))
    if dots:  # a row per theme: every theme, or the largest max_rows, in their order
        largest_rows = set(largest.index[:max_rows]) if max_rows is not None else set(theme_ids)
        shown = [t for t in theme_ids if t in largest_rows]
        any_thin = _theme_rows(fig, tp, runs, shown, labels, tr)
        return _theme_rows_layout(fig, labels, shown, any_thin, tr, events, dates)
    any_thin = False
    # Many themes: the largest few drawn, the others in the legend to click on (THEME_TIME_LINES)
    drawn = set(largest.index[:THEME_TIME_LINES])
    top = 0.0
    lines = _period_lines(periods[0], periods[1], tr) if periods is not None else None
    for i, tid in enumerate(theme_ids):
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        name = escape_plot_text(labels.get(tid, str(tid)), max_len=40)
        if lines is not None:
            line = lines[i]
            thin, low, high = line.thin, line.low, line.high
            cd = [["bucket", s, e, n, name, span] for s, e, n, span in line.rows]
            x, y, hover = (
                line.x,
                line.y,
                tr(
                    "<b>%{customdata[4]}</b><br>Articles from %{customdata[1]} (up to %{customdata[2]})<br>Mean share: %{y:.0f}% over %{customdata[3]} articles"
                )
                + "<br>%{customdata[5]}",
            )
            bars = error_bars(y, low * 100, high * 100, color=colour, thickness=1.2, width=2)
        else:
            part = tp.iloc[runs.rows(i)]
            thin = part["n_sentences"] < MIN_ARTICLE_SENTENCES
            cd = _article_hovers(part, name, tr)
            x, y, hover = (
                part["date"],
                part["share"] * 100,
                tr("<b>%{customdata[4]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>Share of the text: %{y:.0f}%"),
            )
            bars = None
        any_thin |= bool(thin.any())
        if tid in drawn and len(y):
            top = max(top, float(pd.Series(y).max()))
            if bars is not None and not np.isnan(high).all():
                top = max(top, float(np.nanmax(high)) * 100)  # the bars' tops are on the axis
        # A line through a handful of articles is no trend: drawn faint and dotted (a line
        # through half a year's months is one).
        few = periods is None and len(x) < 10
        fig.add_trace(
            trace(
                scatter_cls(len(x)),
                x=x,
                y=y,
                mode="lines+markers",
                name=name,
                # Past the palette's 12 colours a theme shares its colour with one of the first
                # twelve: its line is dashed, so the two tell apart when both are shown.
                line=dict(
                    color=colour,
                    width=1 if few else 2,
                    dash="dot" if few else "dash" if i >= len(THEME_COLOURS) else "solid",
                ),
                marker=dict(
                    color=colour,
                    size=line_marker_size(len(x), 10),
                    line=dict(width=2 if len(x) <= DENSE_POINTS else 1, color=colour),
                    symbol=point_symbols(thin),
                ),
                error_y=bars,
                customdata=hover_rows(cd),
                hovertemplate=hover + "<extra></extra>",
                visible=True if tid in drawn else "legendonly",
            )
        )
    if len(largest) > len(drawn):
        fig.update_layout(
            legend_title_text=legend_text(
                tr(
                    "The {n} largest of {total} themes are drawn; click a name to show or hide its line.",
                    n=len(drawn),
                    total=len(largest),
                )
            )
        )
    rows = math.ceil(len(theme_ids) / LEGEND_COLUMNS)
    if rows > LEGEND_ROWS_IN_HEIGHT:
        # The legend grows into the plot: at 25 themes (nine rows) it left a strip of 150 px.
        fig.update_layout(height=480 + LEGEND_ROW_PX * (rows - LEGEND_ROWS_IN_HEIGHT))
    if any_thin:
        thin_legend(
            fig,
            tr("Hollow / hatched: based on few articles (fewer than {n})", n=MIN_POINT_ARTICLES)
            if bucketed
            else tr("Hollow / hatched: based on little text (fewer than {n} sentences)", n=MIN_ARTICLE_SENTENCES),
        )
    # Up to the largest drawn share, not always 100 %: at 25 themes every line lay under 20 %
    fig.update_yaxes(
        range=[0, min(100, max(10, math.ceil(top * 1.15 / 10) * 10))], ticksuffix=translator_of(tr).percent_suffix
    )
    add_events(fig, events, event_range(dates), tr)
    return fig


def _article_hovers(part: pd.DataFrame, name: str, tr: Translator) -> list[list]:
    """The click and hover data of a theme's points drawn one per article: ``["article", id,
    title, date line, theme name]``, each text escaped (``name`` already is)."""
    return [
        ["article", r.article_id, escape_plot_text(r.title, max_len=70), date_hover(r._asdict(), tr), name]
        for r in part.itertuples(index=False)
    ]


def _theme_rows(fig: Fig, tp: pd.DataFrame, runs: _ThemeRuns, rows: list, labels: dict, tr: Translator) -> bool:
    """A row of dots for each theme of ``rows`` (theme ids, in the rows' order): a dot per article
    at its date, its area the article's share of the theme (:func:`theme_row_dot_sizes`), none
    for a share under :data:`THEME_DOT_SHARE`, hollow on little text. A theme keeps the colour it
    has in the chart of lines. True when a dot is hollow."""
    any_thin = False
    hover = tr("<b>%{customdata[4]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>Share of the text: %{customdata[5]}")
    percents = translator_of(tr).percents
    for row, tid in enumerate(rows):
        i = runs.theme_ids.index(tid)
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        name = escape_plot_text(labels.get(tid, str(tid)), max_len=40)
        part = tp.iloc[runs.rows(i)]
        part = part[part["share"].to_numpy() >= THEME_DOT_SHARE]
        thin = part["n_sentences"] < MIN_ARTICLE_SENTENCES
        any_thin |= bool(thin.any())
        shares = part["share"].to_numpy(dtype="float64")
        cd = [[*r, p] for r, p in zip(_article_hovers(part, name, tr), percents(shares.tolist(), [0] * len(part)))]
        fig.add_trace(
            trace(
                scatter_cls(len(part)),
                x=part["date"],
                y=np.full(len(part), row),
                mode="markers",
                name=name,
                marker=dict(
                    color=colour,
                    size=theme_row_dot_sizes(shares),
                    opacity=0.8,
                    line=dict(width=2, color=colour),
                    symbol=point_symbols(thin),
                ),
                customdata=hover_rows(cd),
                hovertemplate=hover + "<extra></extra>",
                showlegend=False,  # named on the axis
            )
        )
    return any_thin


def theme_row_dot_sizes(shares: np.ndarray) -> np.ndarray:
    """The dots' sizes (px across) of articles with these shares (0-1) of a theme, in its row of
    the themes-over-time chart: a dot's area grows with the share (:data:`THEME_ROW_DOT_PX` for
    a whole article), never under :data:`THEME_ROW_DOT_MIN` px."""
    return np.maximum(THEME_ROW_DOT_MIN, THEME_ROW_DOT_PX * np.sqrt(np.clip(shares, 0.0, 1.0)))


def _theme_rows_layout(fig: Fig, labels: dict, theme_ids: list, any_thin: bool, tr: Translator, events, dates):
    """The themes-over-time chart drawn a row per theme: the themes ``theme_ids`` named on the y
    axis in their order (theme 1 on top, ``labels`` their names by id), as tall as its rows, and a
    legend that says what a dot's size and a hollow dot mean."""
    n = len(theme_ids)
    fig.update_layout(height=THEME_ROWS_FRAME_PX + THEME_ROW_PX * n)
    fig.update_yaxes(
        title=dict(text=tr("Theme")),
        tickmode="array",
        tickvals=list(range(n)),
        ticktext=[theme_axis_label(tid, labels.get(tid, str(tid)), tr) for tid in theme_ids],
        range=[n - 0.5, -0.5],  # theme 1 on top, as in the table above the chart
        showgrid=True,
    )
    legend_mark(
        fig,
        tr("Larger dot: more of the article's text belongs to the theme"),
        dict(symbol="circle", size=THEME_ROW_DOT_PX * math.sqrt(0.5), color=NEUTRAL, opacity=0.8),
        1000,
    )
    if any_thin:
        thin_legend(fig, tr("Hollow: based on little text (fewer than {n} sentences)", n=MIN_ARTICLE_SENTENCES))
    add_events(fig, events, event_range(dates), tr)
    return fig


@dataclasses.dataclass(frozen=True)
class _PeriodLine:
    """What one theme's line of periods draws (:func:`_period_lines`)."""

    x: np.ndarray  # where each period's dot is drawn
    y: np.ndarray  # its mean share, in %
    thin: np.ndarray  # fewer than MIN_POINT_ARTICLES articles: hollow, no bar
    low: np.ndarray  # the interval's ends (fractions), NaN where it has no bar
    high: np.ndarray
    rows: list  # (first day, day after the last, articles, the interval's hover line) per period


def _period_lines(step, tables: list[pd.DataFrame], tr: Translator) -> list[_PeriodLine]:
    """Each theme's line of periods from its table (``start, share, n_articles, low, high``),
    made for all themes at once: per theme, 25 lines at 100,000 articles took ~20 pandas steps
    each, and wrote their 2,600 interval lines in 25 goes (together ~30 ms of the Themes page's
    first part on each new search). The lines' dots are spread across their period
    (:data:`THEME_DODGE`), as :func:`~tonlage.present.charts.periods.in_period` places them."""
    sizes = [len(g) for g in tables]
    if not sum(sizes):
        nothing = np.zeros(0)
        return [_PeriodLine(nothing, nothing, nothing.astype(bool), nothing, nothing, []) for _ in tables]
    cut = np.cumsum(sizes)[:-1]
    start = pd.Series(np.concatenate([g["start"].to_numpy() for g in tables]))
    end = start + step
    n = np.concatenate([g["n_articles"].to_numpy(dtype=np.int64) for g in tables])
    thin = n < MIN_POINT_ARTICLES
    # A bar where the dot is not hollow, as on the tone timeline.
    low, high = (
        np.where(thin, np.nan, np.concatenate([g[col].to_numpy(dtype="float64") for g in tables]))
        for col in ("low", "high")
    )
    many = len(tables) > 1
    shift = np.repeat([(i / (len(tables) - 1) - 0.5) * THEME_DODGE if many else 0.0 for i in range(len(tables))], sizes)
    x = (start + pd.to_timedelta((end - start).to_numpy() * (0.5 + shift))).to_numpy()
    y = np.concatenate([g["share"].to_numpy(dtype="float64") for g in tables]) * 100
    rows = list(zip(iso_days(start), iso_days(end), n.tolist(), share_hovers(low, high, tr)))
    bounds = [0, *cut.tolist(), len(n)]
    return [
        _PeriodLine(x[lo:hi], y[lo:hi], thin[lo:hi], low[lo:hi], high[lo:hi], rows[lo:hi])
        for lo, hi in zip(bounds[:-1], bounds[1:])
    ]


def legend_only_lines(fig: go.Figure) -> int:
    """How many of ``fig``'s lines are only listed in its legend, for a reader to click in."""
    return sum(1 for t in fig.data if t.visible == "legendonly")


def theme_rows(fig: go.Figure) -> int:
    """How many themes' rows of dots ``fig`` draws (0: it draws lines)."""
    ticks = fig.layout.yaxis.tickvals
    return len(ticks) if ticks is not None and fig.layout.yaxis.ticktext is not None else 0


def drawn_lines_only(fig: go.Figure) -> tuple[go.Figure, int]:
    """``fig`` as an image shows it: a copy without the lines only listed in the legend (a reader
    clicks them in on the page) and without the legend title that says to click; and how many
    lines it left out (0: ``fig`` itself). On a slide, four greyed legend entries and "click a
    name" asked for what an image cannot do."""
    hidden = legend_only_lines(fig)
    if not hidden:
        return fig, 0
    out = go.Figure(fig.to_dict())
    out.data = tuple(t for t in out.data if t.visible != "legendonly")
    out.update_layout(legend_title_text="")
    return out, hidden


class _ThemeRuns:
    """Theme points grouped by theme id (ascending) with each theme's rows in (date, article id)
    order, rows of equal keys in the table's order: what ``tp[tp["theme_id"] == t].sort_values(
    ["date", "article_id"])`` gives for each theme ``t``, from one grouping instead of a filter
    and a sort of the whole table per theme (at 100,000 articles 25 of each over 2.5 million
    rows: 1.5 s). Theme points come sorted by date and id
    (:func:`tonlage.present.views.theme_points`), checked here; other tables are sorted first.

    ``by_date``: row positions in (date, article id) order, None when the table is in it;
    ``codes``: each row's theme number (into ``theme_ids``; -1: none) and ``article_codes`` its
    article's number (-1: no id), both in table order; ``n_articles``: distinct ids."""

    def __init__(self, tp: pd.DataFrame) -> None:
        self.n = len(tp)
        self.article_codes = np.asarray(pd.factorize(tp["article_id"])[0], dtype=np.int64)
        self.n_articles = int(self.article_codes.max()) + 1 if self.n else 0  # ids.nunique()
        self.by_date = self._date_and_id_order(tp)
        self.codes, self.theme_ids = _small_codes(tp["theme_id"])

    @staticmethod
    def _date_and_id_order(tp: pd.DataFrame) -> np.ndarray | None:
        """Row positions in (date, article id) order, ties in table order; None when the table
        already is in that order (checked on the neighbours of each row)."""
        if len(tp) < 2:
            return None
        date, ids = tp["date"], tp["article_id"]
        try:
            d = date.to_numpy()
            same = d[1:] == d[:-1]
            if not ids.isna().any() and bool(((d[1:] > d[:-1]) | same).all()):
                if not bool((same & _before_previous(ids)).any()):
                    return None
        except TypeError:  # values that do not compare with each other: pandas sorts them
            pass
        key = pd.DataFrame({"date": date.to_numpy(), "article_id": ids.to_numpy()})
        return key.sort_values(["date", "article_id"]).index.to_numpy()

    @functools.cached_property
    def order(self) -> np.ndarray:
        """Row positions grouped by theme (``theme_ids``' order), each theme's in (date, id)
        order; rows without a theme id left out."""
        codes = self.codes if self.by_date is None else self.codes[self.by_date]
        small = codes.astype(np.int16) if len(self.theme_ids) < 1 << 15 else codes
        by_theme = np.argsort(small, kind="stable")  # a radix sort for 16-bit numbers
        order = by_theme if self.by_date is None else self.by_date[by_theme]
        return order[int((codes < 0).sum()) :]  # -1 (no theme id) sorts first

    @functools.cached_property
    def bounds(self) -> np.ndarray:
        counts = np.bincount(self.codes[self.codes >= 0], minlength=len(self.theme_ids))
        return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)

    def rows(self, i: int) -> np.ndarray:
        """Positions of the rows of the ``i``-th theme (of ``theme_ids``), in order."""
        return self.order[self.bounds[i] : self.bounds[i + 1]]


def _before_previous(ids: pd.Series) -> np.ndarray:
    """For each id but the first: whether it sorts before the one above it (text order)."""
    if hasattr(ids.array, "__arrow_array__"):
        import pyarrow as pa
        import pyarrow.compute as pc

        a = pa.array(ids.array)
        return np.asarray(pc.less(a[1:], a[:-1]).to_numpy(zero_copy_only=False), dtype=bool)
    i = ids.to_numpy(dtype=object)
    return np.asarray(i[1:] < i[:-1], dtype=bool)


def _small_codes(values: pd.Series) -> tuple[np.ndarray, list]:
    """Each value's number among the distinct values sorted (-1: missing) and those values, as
    ``pd.factorize(values, sort=True)``; small non-negative integers (theme ids) by a table."""
    v = values.to_numpy()
    if v.dtype.kind in "iu" and len(v) and v.min() >= 0 and v.max() < 1 << 16:
        present = np.bincount(v)
        uniques = np.flatnonzero(present)
        table = np.full(len(present), -1, dtype=np.int64)
        table[uniques] = np.arange(len(uniques))
        return table[v], list(pd.Index(uniques.astype(v.dtype)))
    codes, uniques = pd.factorize(values, sort=True)
    return np.asarray(codes, dtype=np.int64), list(uniques)


def _theme_periods(tp: pd.DataFrame, runs: _ThemeRuns) -> tuple[object, list[pd.DataFrame]]:
    """Per theme (``runs.theme_ids``), its mean share and articles per week or month bucket:
    ``start, share, n_articles``, as ``part.groupby("start").agg(share=("share", "mean"),
    n_articles=("article_id", "nunique"))`` gives for each theme's rows ``part`` (the means
    summed over the same rows in the same order: the same figures to the last digit), from one
    grouping of the whole table. Returns the buckets' step and the tables."""
    freq = theme_bucket_frequency(tp["date"], runs.n_articles)
    step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
    # Each distinct date's bucket, worked out once per date, not per row.
    day_codes, days = pd.factorize(tp["date"])
    bucket_of_day, starts = pd.factorize(bucket_start(pd.Series(days), freq), sort=True)
    bucket = np.asarray(bucket_of_day, dtype=np.int64)[day_codes]
    n_buckets = max(len(starts), 1)
    order = runs.order
    group = runs.codes * n_buckets + bucket
    # Each group's shares in one run, in its theme's order, as pandas summed each theme's: one
    # reduceat over sorted groups (a missing share makes pandas sum another way, a last digit
    # can differ: the themes with one are averaged apart, as each theme was on its own).
    share = tp["share"].to_numpy()[order]
    group = group[order]
    missing = np.isnan(share) if share.dtype.kind == "f" else pd.isna(share)
    if missing.any():
        gappy = np.isin(group // n_buckets, np.unique(group[missing] // n_buckets))
        parts = [(share[m], group[m]) for m in (gappy, ~gappy) if m.any()]
    else:
        parts = [(share, group)]
    mean = pd.concat([pd.Series(v).groupby(g, sort=True).mean() for v, g in parts]).sort_index()
    keys = mean.index.to_numpy()
    n_articles = _articles_per_group(runs, bucket, n_buckets)[keys]
    starts_at = np.asarray(starts)[keys % n_buckets]
    means = mean.to_numpy()
    bounds = np.searchsorted(keys // n_buckets, np.arange(len(runs.theme_ids) + 1))
    # Each group's shares counted, summed and squared for its interval (a missing share left
    # out, as from its mean).
    has = ~np.asarray(missing, dtype=bool) & (group >= 0)
    value = np.where(has, share, 0.0).astype("float64")
    size = len(runs.theme_ids) * n_buckets
    n_rows, total, squares = (
        np.bincount(group[has], weights=w, minlength=size)[keys] for w in (None, value[has], value[has] ** 2)
    )
    low, high = np.full(len(keys), np.nan), np.full(len(keys), np.nan)
    for a, b in zip(bounds[:-1], bounds[1:]):
        low[a:b], high[a:b] = share_mean_intervals(
            n_rows[a:b], total[a:b], squares[a:b], n_rows[a:b].sum(), total[a:b].sum(), squares[a:b].sum()
        )
    tables = [
        pd.DataFrame(
            {
                "start": starts_at[a:b],
                "share": means[a:b],
                "n_articles": n_articles[a:b],
                "low": low[a:b],
                "high": high[a:b],
            }
        )
        for a, b in zip(bounds[:-1], bounds[1:])
    ]
    return step, tables


def _articles_per_group(runs: _ThemeRuns, bucket: np.ndarray, n_buckets: int) -> np.ndarray:
    """Distinct article ids per group (theme × bucket: ``theme * n_buckets + bucket``, each row's
    ``bucket`` in table order), rows without an id left out, as ``nunique`` counts them; one
    count per group number, from 0 to themes × buckets."""
    art, n, k = runs.article_codes, runs.n_articles, max(len(runs.theme_ids), 1)
    size = k * n_buckets
    ok = (art >= 0) & (runs.codes >= 0)
    if n == 0 or not ok.any():
        return np.zeros(size, dtype=np.int64)
    if not ok.all():
        art, codes, bucket = art[ok], runs.codes[ok], bucket[ok]
    else:
        codes = runs.codes
    bucket_of = np.zeros(n, dtype=np.int64)
    bucket_of[art] = bucket
    if bool((bucket_of[art] == bucket).all()) and n * k <= 4 * runs.n + 1024:
        # Each article in one bucket (one date, as in theme points): its distinct themes, marked
        # in an article × theme table, are its groups.
        seen = np.zeros(n * k, dtype=bool)
        seen[art * k + codes] = True
        pair = np.flatnonzero(seen)
        return np.bincount((pair % k) * n_buckets + bucket_of[pair // k], minlength=size)
    pair = np.unique((codes * n_buckets + bucket) * (n + 1) + art)
    return np.bincount(pair // (n + 1), minlength=size)


@dataclasses.dataclass(frozen=True)
class ThemePeriods:
    """What :func:`theme_time_figure` draws as periods, summed per article instead of per row of
    the long table (:func:`theme_periods_of`): at 100,000 articles a view's 2.5 million article ×
    theme rows were taken, grouped by theme and sorted by date for every filter asked for the
    first time (~0.8 s of a 76,000-article view), where the theme matrix's columns are summed
    per week or month in a few milliseconds.

    ``step``: a period's length; ``theme_ids``: the themes with a row in view, ascending;
    ``tables``: per theme, ``start, share, n_articles`` per period that has its rows (the mean
    share over those rows; the same figures as the long table's grouping, to the last bits of a
    float); ``mean_share``: each theme's mean share over all its rows in view; ``n_articles``
    and ``n_points``: the long table's distinct articles and rows; ``dates``: the articles'
    dates (for the events' range)."""

    step: object
    theme_ids: list
    tables: list
    mean_share: pd.Series
    n_articles: int
    n_points: int
    dates: pd.Series


def theme_periods_of(dates: pd.Series, theme_ids, counts: np.ndarray, shares: np.ndarray) -> ThemePeriods:
    """:class:`ThemePeriods` of the articles of ``dates`` (dated, one per article, in any
    order): ``counts[j]`` holds each article's rows of the long table for the theme
    ``theme_ids[j]`` (ascending ids), ``shares[j]`` their summed share (themes x articles)."""
    freq = theme_bucket_frequency(dates, len(dates))
    step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
    day_codes, days = pd.factorize(dates)
    bucket_of_day, starts = pd.factorize(bucket_start(pd.Series(days), freq), sort=True)
    bucket = np.asarray(bucket_of_day, dtype=np.int64)[day_codes]
    n_buckets = max(len(starts), 1)
    starts = np.asarray(starts)
    drawn_ids, tables, means, n_points = [], [], [], 0
    for tid, rows, share in zip(theme_ids, counts, shares):
        n_rows = np.bincount(bucket, weights=rows, minlength=n_buckets)
        have = n_rows > 0
        if not have.any():
            continue
        total = np.bincount(bucket, weights=share, minlength=n_buckets)
        articles = np.bincount(bucket, weights=rows > 0, minlength=n_buckets)
        # Each row's square: an article's rows of one theme (one as analysed) share its share.
        squares = np.bincount(bucket, weights=share * share / np.where(rows > 0, rows, 1.0), minlength=n_buckets)
        low, high = share_mean_intervals(
            n_rows[have], total[have], squares[have], n_rows.sum(), total.sum(), squares.sum()
        )
        drawn_ids.append(tid)
        tables.append(
            pd.DataFrame(
                {
                    "start": starts[have],
                    "share": total[have] / n_rows[have],
                    "n_articles": articles[have].astype(np.int64),
                    "low": low,
                    "high": high,
                }
            )
        )
        means.append(total.sum() / n_rows.sum())
        n_points += int(n_rows.sum())
    mean_share = pd.Series(means, index=pd.Index(drawn_ids), dtype="float64")
    return ThemePeriods(step, drawn_ids, tables, mean_share, len(dates), n_points, dates)


#: A word's bar on the theme panels (share of its row) and how far above the bar's middle the
#: word is written (in rows).
TERM_BAR_WIDTH = 0.36
TERM_TEXT_ABOVE = 0.42
#: The height of a row of panels (eight words, each over its bar).
PANEL_ROW_PX = 300
#: Between two rows of panels in a figure of fixed height: a panel's three-line title and the
#: axis numbers of the panel above it.
FIXED_ROW_GAP_PX = 80
#: Characters a line of a panel's theme name may take: three panels side by side in a narrow
#: window have ~150 px each.
PANEL_TITLE_LINE = 22


def _unit_span(lo: float, hi: float) -> list[float]:
    """A panel's axis domain kept within [0, 1]: the sums of the gaps and panels land a hair
    outside (the bottom row at -2.8e-17 for 16 themes), and Plotly refuses such a domain,
    which took the whole Themes page down."""
    return [min(1.0, max(0.0, lo)), min(1.0, max(0.0, hi))]


@built
def theme_terms_figure(
    themes: pd.DataFrame,
    *,
    tr: Translator | None = None,
    n_terms: int = 8,
    cols: int = 3,
    max_panels: int | None = None,
    fixed_height: int | None = None,
) -> go.Figure:
    """Small multiples: the top terms of every theme with their weight in the theme.

    Panels are laid out by hand (axis domains) rather than with make_subplots, which is slow.
    ``max_panels``: only that many, the largest themes (by ``share``), in theme order: a slide
    of twenty-five panels could not be read. ``fixed_height``: the figure's height when it is fixed
    (a slide's 540 px, of which ~300 are left to the panels), not grown with the rows; the gap
    between rows keeps room for the panel titles (at the page's gap, the titles of a slide's
    second row lay on the axis numbers of the first).
    """
    from ...themes.labels import shown_terms  # (scipy with it: not before the first page's paint)

    tr = english_if_none(tr)
    if max_panels is not None and len(themes) > max_panels:
        themes = themes.nlargest(max_panels, "share", keep="first")
    fig = Fig()
    n = len(themes)
    if n == 0:
        base_layout(fig, tr("The words that make up each theme"), tr("Weight in the theme (% of shown terms)"), "")
        return empty_figure(fig, tr)
    cols = max(1, min(cols, n))
    rows = math.ceil(n / cols)
    th = themes.sort_values("theme_id").reset_index(drop=True)
    base_layout(
        fig,
        tr("The words that make up each theme"),
        tr("Weight in the theme (% of shown terms)"),
        "",
        height=fixed_height or 140 + PANEL_ROW_PX * rows,
        legend=False,
    )
    fig.layout.pop("xaxis", None)
    fig.layout.pop("yaxis", None)
    fig.update_layout(margin=dict(t=110, b=30))
    h_gap = 0.06
    v_gap = (
        0.5 / (140 + PANEL_ROW_PX * rows) * 200
        if fixed_height is None
        else min(0.4, FIXED_ROW_GAP_PX / max(fixed_height - 240, 1))
    )
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
        # (a word that stands only inside a two-word term listed is left out: "New York", not "York")
        terms, weights = shown_terms(r.terms, getattr(r, "term_weights", ()) or ())
        terms, weights = terms[:n_terms], weights[:n_terms]
        if len(weights) != len(terms):  # engine without weights: show rank only
            weights = [float(len(terms) - j) for j in range(len(terms))]
        total = sum(weights) or 1.0
        title = (
            "<b>"
            + escape_plot_text(tr("Theme {n}", n=int(r.theme_id) + 1))
            + "</b><br>"
            + wrap_label(str(r.label), PANEL_TITLE_LINE, max_lines=2)
        )
        shown = [escape_plot_text(t) for t in terms]
        at = list(range(len(terms)))
        fig.add_trace(
            trace(
                go.Bar,
                x=[w / total * 100 for w in weights],
                y=at,
                width=TERM_BAR_WIDTH,
                orientation="h",
                marker=dict(color=THEME_COLOURS[i % len(THEME_COLOURS)]),
                showlegend=False,
                name=title,
                customdata=[["theme", int(r.theme_id), t] for t in shown],
                xaxis=f"x{k}",
                yaxis=f"y{k}",
                hovertemplate=tr("<b>%{customdata[2]}</b>: %{x:.0f}% of the shown terms' weight") + "<extra></extra>",
            )
        )
        # Each word above its bar, from the panel's left edge: beside the bars, the words of a
        # panel ran into the bars of the panel to its left in a narrow window.
        fig.add_trace(
            trace(
                go.Scatter,
                x=[0] * len(terms),
                y=[a - TERM_TEXT_ABOVE for a in at],
                mode="text",
                text=shown,
                textposition="middle right",
                textfont=dict(size=12, color="#444444"),
                showlegend=False,
                hoverinfo="skip",
                cliponaxis=False,
                xaxis=f"x{k}",
                yaxis=f"y{k}",
            )
        )
        fig.layout[f"xaxis{k}"] = dict(
            domain=_unit_span(x0, x0 + width),
            anchor=f"y{k}",
            showgrid=False,
            linecolor="#BBBBBB",
            rangemode="tozero",
            nticks=4,  # the axis title says %: "15 %" ran into the next panel's "0 %"
            title=dict(text=axis_title(tr("Weight in the theme (% of shown terms)"))) if i == titled_panel else None,
        )
        fig.layout[f"yaxis{k}"] = dict(
            domain=_unit_span(y1 - height, y1),
            anchor=f"x{k}",
            range=[len(terms) - 0.5, -0.9],  # top to bottom, with room for the first word
            showticklabels=False,
            showgrid=False,
            zeroline=False,
        )
        notes.append(
            dict(
                text=title,
                xref="paper",
                yref="paper",
                x=x0 + width / 2,
                y=y1,
                xanchor="center",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=13),
            )
        )
    fig.add_items(annotations=notes)
    return fig


@built
def theme_tone_figure(
    theme_table: pd.DataFrame, *, tr: Translator | None = None, neutral_band: float = MEAN_TONE_NEUTRAL_BAND
) -> go.Figure:
    """Mean tone per theme (share-weighted), hatched when it rests on fewer than
    ``MIN_POINT_ARTICLES`` articles.

    ``theme_table``: ``theme_id, label, tone, n_articles`` (articles whose main theme it is);
    with ``tone_low``/``tone_high``/``n_effective`` (:func:`tonlage.present.views.theme_tone_intervals`)
    each bar has its 95 % interval, is pale where that holds 0 (its direction may be chance: the
    findings' rule, as on the Compare page), and is hatched by the articles its tone rests on
    with the shares as weights (without them: by the articles whose main theme it is).
    """
    tr = english_if_none(tr)
    fig = Fig()
    n = len(theme_table)
    base_layout(
        fig,
        tr("Tone of the articles, by theme"),
        tr("Tone (−1 negative … +1 positive)"),
        "",
        height=max(300, 110 + 44 * n),
    )
    if n == 0:
        return empty_figure(fig, tr)
    table = theme_table.sort_values("theme_id").reset_index(drop=True)
    tone = table["tone"].to_numpy(dtype="float64")
    has_ends = "tone_low" in table and "tone_high" in table and "n_effective" in table
    thin = (table["n_effective"] if has_ends else table["n_articles"]) < MIN_POINT_ARTICLES
    low = table["tone_low"].to_numpy(dtype="float64") if has_ends else np.full(n, np.nan)
    high = table["tone_high"].to_numpy(dtype="float64") if has_ends else np.full(n, np.nan)
    sure = [excludes_zero(lo, hi) for lo, hi in zip(low.tolist(), high.tolist())]
    ends = interval_hovers(low, high, tr)
    fmt = translator_of(tr)

    def weight(count: float) -> str:  # "2.4" articles, "5,432" articles
        return fmt.decimal(count, 1) if count < 10 else fmt.integer(round(count))

    hover = [
        [
            "theme",
            int(r.theme_id),
            int(r.n_articles),
            escape_plot_text(e if ok or math.isnan(lo) else e + ": " + tr("may be chance")),
            tr("Rests on about {n} articles (each weighted by the theme's share of it)", n=weight(r.n_effective))
            if has_ends
            else "",
        ]
        for r, e, ok, lo in zip(table.itertuples(index=False), ends, sure, low.tolist())
    ]
    fig.add_trace(
        trace(
            go.Bar,
            x=tone,
            y=[theme_axis_label(i, lab, tr) for i, lab in zip(table["theme_id"], table["label"])],
            orientation="h",
            name=tr("Tone"),
            showlegend=False,
            marker=dict(
                color=[tone_colour(v, neutral_band) for v in tone],
                opacity=[1.0 if ok or not has_ends else 0.45 for ok in sure],
                pattern=dict(
                    shape=["/" if x else "" for x in thin], fgcolor="#FFFFFF", solidity=0.4, fillmode="overlay"
                ),
            ),
            error_x=error_bars(tone, low, high, color="#333333", thickness=1.5, width=4, visible=has_ends),
            customdata=hover,
            hovertemplate=tr("<b>%{y}</b><br>Tone: %{x:+.2f}<br>Main theme of %{customdata[2]} articles")
            + ("<br>%{customdata[3]}<br>%{customdata[4]}" if has_ends else "")
            + "<extra></extra>",
        )
    )
    if thin.any():
        thin_legend(fig, tr("Hollow / hatched: based on few articles (fewer than {n})", n=MIN_POINT_ARTICLES), bar=True)
        fig.update_layout(showlegend=True)
    reach = np.concatenate([np.abs(tone), np.abs(low), np.abs(high)])
    reach = reach[~np.isnan(reach)]
    lim = min(1.0, max(0.2, float(reach.max(initial=0.0)) * 1.15 + 0.02))
    fig.update_xaxes(range=[-lim, lim], zeroline=True, zerolinecolor=NEUTRAL, zerolinewidth=1)
    fig.update_yaxes(autorange="reversed")
    return fig


@built
def theme_weight_figure(theme_table: pd.DataFrame, *, tr: Translator | None = None) -> go.Figure:
    """How much of the text in view each theme covers (mean article share, %)."""
    tr = english_if_none(tr)
    fig = Fig()
    n = len(theme_table)
    base_layout(
        fig,
        tr("Themes in the articles shown"),
        tr("Share of the article's text (%)"),
        "",
        height=max(280, 110 + 40 * n),
        legend=False,
    )
    if n == 0:
        return empty_figure(fig, tr)
    table = theme_table.sort_values("share", ascending=False).reset_index(drop=True)
    fig.add_trace(
        trace(
            go.Bar,
            x=table["share"] * 100,
            y=[theme_axis_label(i, lab, tr) for i, lab in zip(table["theme_id"], table["label"])],
            orientation="h",
            showlegend=False,
            name=tr("Share"),
            marker=dict(color=[THEME_COLOURS[int(i) % len(THEME_COLOURS)] for i in table["theme_id"]]),
            customdata=[["theme", int(r.theme_id), int(r.n_articles)] for r in table.itertuples(index=False)],
            hovertemplate=tr(
                "<b>%{y}</b><br>Covers %{x:.0f}% of the text on average<br>Main theme of %{customdata[2]} articles"
            )
            + "<extra></extra>",
        )
    )
    fig.update_xaxes(ticksuffix=translator_of(tr).percent_suffix, rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return fig
