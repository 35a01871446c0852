"""Tone by source: the mean tone of each outlet's articles in view, so a reader can see whether
one publication words the subject more negatively than another, how each outlet's tone moved
over time, and how much room each outlet gives each theme."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...frames import source_numbers
from ...i18n import N_
from ...intervals import excludes_zero, weighted_mean_intervals
from ...thresholds import MEAN_TONE_NEUTRAL_BAND, MIN_POINT_ARTICLES
from ..safe import escape_plot_text
from ..selection import OUTLETS_JOINED_BY
from .base import (
    NEUTRAL,
    POINT,
    THEME_COLOURS,
    Fig,
    Translator,
    base_layout,
    built,
    empty_figure,
    english_if_none,
    hover_rows,
    thin_legend,
    tone_axis,
    tone_colour,
    trace,
    translator_of,
    wrap_label,
)
from .events import add_events, event_range
from .periods import (
    PERIOD_COLUMNS,
    aggregate_articles,
    bucket_frequency,
    error_bars,
    in_period,
    interval_hovers,
    iso_days,
    period_line,
)

#: The columns of :func:`source_tone_table`.
SOURCE_TONE_COLUMNS = ["source", "n_articles", "n_sentences", "tone", "low", "high"]

#: At most this many sources are drawn (those with the most articles); the data behind the chart
#: lists every source. Thirty rows of bars already make a chart taller than a screen.
SOURCE_BARS = 20

#: A source's name on the chart's axis is cut to this many characters ("Frankfurter Allgemeine
#: Zeitung" keeps its words; a page title taken for a site name does not fill the plot).
SOURCE_LABEL_CHARS = 30


def source_tone_table(sources, counts, sums, *, names=None) -> pd.DataFrame:
    """Per source of the articles in view: its articles, their scored sentences, its tone and
    that tone's 95 % interval; articles without a source left out.

    The tone is a source's mean over its scored sentences, the interval a jackknife over its
    articles (:func:`~tonlage.intervals.weighted_mean_intervals`; NaN with fewer than two):
    the statistic of the view's mean tone on the Overview (:func:`tonlage.present.views.view_tone`),
    so a source's bar and the line of all articles are measured alike.

    Args:
        sources: Each article's ``source`` (text; "" or missing when unknown), or with ``names``
            its number in ``names`` (-1 when unknown: :attr:`tonlage.corpus_index.CorpusIndex.source_codes`,
            numbered once per corpus, where sorting a view's 100,000 names took 70 ms).
        counts: Each article's scored sentences.
        sums: The sum of each article's sentence tones.
        names: The sources' names by number, when ``sources`` are numbers.

    Returns:
        Columns :data:`SOURCE_TONE_COLUMNS`, most articles first, then by name.
    """
    if names is None:
        sources, names = source_numbers(sources)
    code = np.asarray(sources, dtype=np.int64)
    known = code >= 0
    if not known.any():
        return pd.DataFrame(columns=SOURCE_TONE_COLUMNS)
    inverse = code[known]
    c = np.asarray(counts, dtype="float64")[known]
    s = np.asarray(sums, dtype="float64")[known]
    names = np.asarray(names, dtype=object)
    k = len(names)
    n_sent = np.bincount(inverse, weights=c, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        tone = np.where(n_sent > 0, np.bincount(inverse, weights=s, minlength=k) / n_sent, np.nan)
    low, high = weighted_mean_intervals(inverse, s, c, k)
    out = pd.DataFrame(
        {
            "source": names,
            "n_articles": np.bincount(inverse, minlength=k).astype("int64"),
            "n_sentences": n_sent.astype("int64"),
            "tone": tone,
            "low": low,
            "high": high,
        }
    )
    listed = [str(x) for x in names]
    n_articles = out["n_articles"].tolist()
    # (a corpus's sources that have no article in view are no rows)
    order = sorted(
        (i for i in range(k) if n_articles[i]), key=lambda i: (-n_articles[i], listed[i].casefold(), listed[i])
    )
    return out.iloc[order].reset_index(drop=True)[SOURCE_TONE_COLUMNS]


def source_tone_rows(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`source_tone_table` as the data behind its chart shows it (tones to two decimals)."""
    return pd.DataFrame(
        {
            "source": table["source"],
            "n_articles": table["n_articles"],
            "n_sentences": table["n_sentences"],
            "tone": table["tone"].astype("float64").round(2),
            "low": table["low"].astype("float64").round(2),
            "high": table["high"].astype("float64").round(2),
        }
    )


#: The reader's names of :func:`source_tone_rows`' columns (messages to translate).
SOURCE_TONE_NAMES = {
    "source": N_("Source"),
    "n_articles": N_("Articles"),
    "n_sentences": N_("Sentences"),
    "tone": N_("Tone"),
    "low": N_("95% interval from"),
    "high": N_("95% interval to"),
}

#: How to read the chart.
SOURCE_TONE_READ = N_(
    "each bar is the mean tone of all of one source's sentences in view (a long article weighs more than a short one), the thin line its 95% interval over its articles; the dotted line is all sentences in view. Where two intervals overlap, the difference between those sources may be chance. Pale bars: the interval holds 0. Hatched: fewer than {n} articles."
)


#: How to read the Actors page's chart by source (``{actor}``, ``{n}``: ``MIN_POINT_ARTICLES``).
ACTOR_SOURCE_TONE_READ = N_(
    "each bar is the tone of the sentences naming {actor} in one source's articles in view, the thin line its 95% interval over those articles; the dotted line is all sentences naming {actor}. Where two intervals overlap, the difference between those sources may be chance. Pale bars: the interval holds 0. Hatched: fewer than {n} articles."
)


def _axis_labels(names: list[str]) -> list[str]:
    """Each source's name for the axis: escaped and cut; a name cut to the same as another's
    gets a number (Plotly would draw both bars on one row)."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for name in names:
        label = escape_plot_text(name, max_len=SOURCE_LABEL_CHARS)
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


@built
def source_tone_figure(
    table: pd.DataFrame,
    *,
    overall: float | None = None,
    tr: Translator | None = None,
    neutral_band: float = MEAN_TONE_NEUTRAL_BAND,
    actor: str | None = None,
) -> go.Figure:
    """Horizontal bars of :func:`source_tone_table`'s first :data:`SOURCE_BARS` rows (the sources
    with the most articles, most at the top): the mean tone with its 95 % interval, pale where
    the interval holds 0 (its direction may be chance), hatched under ``MIN_POINT_ARTICLES``
    articles; ``overall``, the tone of every article in view, as a dotted line. A bar's
    customdata is ``["source", name, ...]``: a click opens that source's articles in view.

    With ``actor``: the table is :func:`tonlage.present.views.actor_source_tone`'s (the tone of
    the sentences naming the actor, per outlet), the title says so, and a bar's customdata is
    ``["actor_source", name, ..., actor]`` (that outlet's articles naming the actor)."""
    tr = english_if_none(tr)
    fmt = translator_of(tr)
    shown = table.head(SOURCE_BARS).reset_index(drop=True)
    n = len(shown)
    if actor is not None:
        title = tr("Tone of sentences naming {actor}, by source", actor=escape_plot_text(actor, max_len=30))
    elif len(table) <= SOURCE_BARS:
        title = tr("Tone of the articles, by source")
    else:
        title = tr("Tone by source: the {n} with most articles", n=SOURCE_BARS)
    fig = Fig()
    base_layout(fig, title, tr("Tone (−1 negative … +1 positive)"), "", height=max(300, 130 + 36 * n))
    if n == 0:
        return empty_figure(fig, tr)
    tone = shown["tone"].to_numpy(dtype="float64")
    thin = (shown["n_articles"] < MIN_POINT_ARTICLES).to_numpy()
    low = np.where(thin, np.nan, shown["low"].to_numpy(dtype="float64"))
    high = np.where(thin, np.nan, shown["high"].to_numpy(dtype="float64"))
    sure = [excludes_zero(lo, hi) for lo, hi in zip(low.tolist(), high.tolist())]
    spans = interval_hovers(low, high, tr)
    names = [str(x) for x in shown["source"]]
    cd = [
        [
            "source" if actor is None else "actor_source",
            name,
            escape_plot_text(name),
            fmt.ngettext("{n} article", "{n} articles", int(a)),
            fmt.ngettext("{n} sentence", "{n} sentences", int(s)),
            span if ok or np.isnan(lo) else span + ": " + tr("may be chance"),
            *([] if actor is None else [actor]),
        ]
        for name, a, s, span, ok, lo in zip(
            names, shown["n_articles"].tolist(), shown["n_sentences"].tolist(), spans, sure, low.tolist()
        )
    ]
    fig.add_trace(
        trace(
            go.Bar,
            x=np.nan_to_num(tone),
            y=_axis_labels(names),
            orientation="h",
            name=tr("Tone"),
            showlegend=False,
            marker=dict(
                color=[tone_colour(v, neutral_band) for v in np.nan_to_num(tone)],
                opacity=[1.0 if ok else 0.45 for ok in sure],
                pattern=dict(
                    shape=["/" if x else "" for x in thin], fgcolor="#FFFFFF", solidity=0.4, fillmode="overlay"
                ),
            ),
            error_x=error_bars(tone, low, high, color=POINT, thickness=1.5, width=4),
            customdata=hover_rows(cd),
            hovertemplate=tr(
                "<b>%{customdata[2]}</b><br>Tone: %{x:+.2f}<br>%{customdata[3]}, %{customdata[4]}<br>%{customdata[5]}"
            )
            + "<extra></extra>",
        )
    )
    if overall is not None and not np.isnan(overall):
        line = dict(type="line", xref="x", yref="paper", x0=float(overall), x1=float(overall), y0=0, y1=1)
        fig.add_items(shapes=[dict(line, line=dict(color=POINT, width=1.5, dash="dot"))])
        fig.add_trace(
            trace(
                go.Scatter,
                x=[None],
                y=[None],
                mode="lines",
                name=tr("All articles in view: {tone}", tone=fmt.signed(float(overall)))
                if actor is None
                else tr("All sentences naming them: {tone}", tone=fmt.signed(float(overall))),
                line=dict(color=POINT, width=1.5, dash="dot"),
                showlegend=True,
                hoverinfo="skip",
            )
        )
    if thin.any():
        thin_legend(fig, tr("Hatched: fewer than {n} articles", n=MIN_POINT_ARTICLES), bar=True)
    reach = np.concatenate([np.abs(tone), np.abs(low), np.abs(high), [abs(overall or 0.0)]])
    reach = reach[~np.isnan(reach)]
    lim = min(1.0, max(0.2, float(reach.max(initial=0.0)) * 1.15 + 0.02))
    fig.update_xaxes(range=[-lim, lim], zeroline=True, zerolinecolor=NEUTRAL, zerolinewidth=1)
    fig.update_yaxes(autorange="reversed")
    return fig


# --- each outlet over time --------------------------------------------------------------------

#: At most this many outlets are drawn over time (those with the most dated articles in view):
#: more lines cross into a tangle no one reads; the sidebar's Source filter picks others.
SOURCE_LINES = 6

#: The outlets over time are drawn by week over at most this many days, by month beyond.
WEEKS_UP_TO_DAYS = 183

#: The columns of :func:`source_periods`: an outlet's name, then :data:`PERIOD_COLUMNS`.
SOURCE_PERIOD_COLUMNS = ["source", *PERIOD_COLUMNS]

#: How to read the chart over time (``{n}``: ``MIN_POINT_ARTICLES``).
SOURCE_TIME_READ = N_(
    "each line is one source: the mean tone of its articles in view per period, each article one vote (so a point can differ a little from the source's bar above, where long articles weigh more), with a bar for its 95% interval. Hollow points rest on fewer than {n} articles and have no bar. Where two sources' bars overlap in a period, the difference between them may be chance; the Compare page sets two sources side by side."
)


def source_periods(
    dates, tones, sentences, codes, names, *, top: int = SOURCE_LINES, in_order: bool = False
) -> tuple[pd.DataFrame, int, str]:
    """Each outlet's articles per week or month, as the tone timeline groups the whole view
    (:func:`~tonlage.present.charts.periods.aggregate_articles`: the mean tone of the articles of a
    period, its 95 % interval over them).

    Args:
        dates, tones, sentences: Each article's date (NaT: undated, left out), tone and number
            of sentences.
        codes: Each article's outlet as a number in ``names`` (-1: none;
            :attr:`tonlage.corpus_index.CorpusIndex.source_codes`).
        names: The outlets' names by number.
        top: The outlets drawn: those with the most dated articles (ties by name).
        in_order: The outlets in the order of ``names`` instead (the Compare page's two sides,
            first and second).

    Returns:
        ``(table, outlets, freq)``: :data:`SOURCE_PERIOD_COLUMNS` for the ``top`` outlets (the
        largest first, each by period), how many outlets have dated articles, and the periods
        ("W" up to ``WEEKS_UP_TO_DAYS`` days, else "M"; one for every outlet; "" when nothing
        is dated).
    """
    dates = pd.Series(pd.to_datetime(pd.Series(dates)).to_numpy())
    codes = np.asarray(codes, dtype=np.int64)
    named = (codes >= 0) & dates.notna().to_numpy()
    if not named.any():
        return pd.DataFrame(columns=SOURCE_PERIOD_COLUMNS), 0, ""
    names = np.asarray(names, dtype=object)
    size = np.bincount(codes[named], minlength=len(names))
    have = np.flatnonzero(size)
    order = (
        list(have) if in_order else sorted(have, key=lambda k: (-size[k], str(names[k]).casefold(), str(names[k])))
    )[:top]
    span = dates[named]
    # Months beyond half a year: six lines of a hundred weekly points, each with its bar, were a
    # tangle no one could follow (two years of 100,000 articles); the timeline of the whole view
    # keeps its weeks up to two years (bucket_frequency).
    freq = "M" if (span.max() - span.min()).days > WEEKS_UP_TO_DAYS else bucket_frequency(span)
    frame = pd.DataFrame(
        {"date": dates, "tone": np.asarray(tones, dtype="float64"), "n_sentences": np.asarray(sentences)}
    )
    parts = [aggregate_articles(frame[named & (codes == k)], freq) for k in order]
    table = pd.concat(parts, ignore_index=True)
    # Each part's outlet in one column made once (not a frame copied per outlet to add it).
    table.insert(
        0, "source", np.repeat(np.array([str(names[k]) for k in order], dtype=object), [len(p) for p in parts])
    )
    return table[SOURCE_PERIOD_COLUMNS], len(have), freq


@built
def source_tone_time_figure(
    table: pd.DataFrame,
    *,
    freq: str = "W",
    events: pd.DataFrame | None = None,
    tr: Translator | None = None,
    members: Mapping[str, Sequence[str]] | None = None,
) -> go.Figure:
    """Each outlet's tone over time (``table``: :func:`source_periods`): a line per outlet in
    the order of the table, a point per period with a bar for its 95 % interval, hollow and
    without a bar under ``MIN_POINT_ARTICLES`` articles; a point opens that outlet's articles
    of that period (``["source_bucket", start, end, outlets, ...]``, the outlets joined by
    :data:`OUTLETS_JOINED_BY`). ``members``: the outlets of a line that is a group of them (the
    Compare page's sides, by their names), else the line's own name."""
    tr = english_if_none(tr)
    fig = Fig()
    if members is not None:  # the Compare page's sides: one may be a group of outlets
        title = tr("Mean tone per month, each side") if freq == "M" else tr("Mean tone per week, each side")
    else:
        title = tr("Mean tone per month, by source") if freq == "M" else tr("Mean tone per week, by source")
    base_layout(fig, title, tr("Publication date"), tr("Tone (−1 negative … +1 positive)"), height=480)
    if table.empty:
        return empty_figure(fig, tr)
    outlets = list(dict.fromkeys(table["source"].astype(str)))
    values, placed, any_thin = [], [], False
    x = translator_of(tr)
    for i, outlet in enumerate(outlets):
        g = table[table["source"].astype(str).to_numpy() == outlet]
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        name = escape_plot_text(outlet, max_len=SOURCE_LABEL_CHARS)
        thin = g["n_articles"] < MIN_POINT_ARTICLES
        any_thin |= bool(thin.any())
        low = g["low"].where(~thin).to_numpy(dtype="float64")
        high = g["high"].where(~thin).to_numpy(dtype="float64")
        cd = [
            [
                "source_bucket",
                s,
                e,
                OUTLETS_JOINED_BY.join((members or {}).get(outlet, (outlet,))),
                x.ngettext("{n} article", "{n} articles", int(na))
                + ", "
                + x.ngettext("{n} sentence", "{n} sentences", int(ns)),
                name,
                span,
            ]
            for s, e, na, ns, span in zip(
                iso_days(g["start"]),
                iso_days(g["end"]),
                g["n_articles"].tolist(),
                g["n_sentences"].tolist(),
                interval_hovers(low, high, tr),
            )
        ]
        y = g["tone"].astype("float64")
        values += [y, pd.Series(low), pd.Series(high)]
        placed.append(in_period(g["start"], g["end"], (i - (len(outlets) - 1) / 2) * 0.06))
        fig.add_trace(
            period_line(
                placed[-1],
                y,
                low,
                high,
                thin,
                colour=colour,
                name=name,
                customdata=cd,
                hovertemplate=tr(
                    "<b>%{customdata[5]}</b>, articles from %{customdata[1]} (up to %{customdata[2]})<br>Mean tone: %{y:+.2f}<br>%{customdata[6]}<br>%{customdata[4]}"
                )
                + "<extra></extra>",
            )
        )
    if any_thin:
        thin_legend(fig, tr("Hollow / hatched: based on few articles (fewer than {n})", n=MIN_POINT_ARTICLES))
    tone_axis(fig, pd.concat(values), tr)
    # around the dots where they are drawn (the middle of their period, the outlets apart)
    add_events(fig, events, event_range(pd.concat(placed)), tr)
    return fig


# --- each outlet's themes ---------------------------------------------------------------------

#: The columns of :func:`source_theme_table`: a theme (by the view's share, largest first), an
#: outlet (by themed articles in view, largest first; "" for all articles in view), the outlet's
#: themed articles in view and the theme's share of their text.
SOURCE_THEME_COLUMNS = ["theme_id", "label", "source", "n_articles", "share"]

#: How to read the chart of each outlet's themes (``{n}``: ``MIN_POINT_ARTICLES``).
SOURCE_THEMES_READ = N_(
    "each row is a theme, each dot one source: how much of that source's text in view the theme fills; the grey tick is all articles in view. Hollow dots: a source of fewer than {n} articles with themes. These are shares, not tests: whether a source gives a theme more room than the others beyond chance, the statement under the chart says; the Compare page sets two sources side by side with an interval for each theme."
)


def source_theme_table(
    shares: np.ndarray,
    themed: np.ndarray,
    names,
    themes: pd.DataFrame,
    *,
    top: int = SOURCE_LINES,
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """How much of each outlet's text each theme fills, as the Compare page measures a theme's
    share of a side's text: the sum of the theme's shares over the outlet's themed articles,
    over their number.

    Args:
        shares: Per theme of ``themes`` (rows) and outlet (columns, as ``names``), then one column
            for all articles in view: the sum of the theme's shares over those articles.
        themed: The themed articles in view per column of ``shares``; outlets with none are
            left out, and of the others the ``top`` with the most (ties by name) kept, in that
            order.
        names: The outlets' names by number (``shares``' columns but its last).
        themes: ``theme_id`` and ``label`` of each row of ``shares``.
        top: How many outlets are kept.
        keep: Outlets kept besides those, after them (a finding names one that may be smaller):
            those with themed articles in view.

    Returns:
        :data:`SOURCE_THEME_COLUMNS`, the themes by their share of all articles in view (largest
        first), each theme's row of all articles first (``source`` "").
    """
    names = np.asarray(names, dtype=object)
    themed = np.asarray(themed, dtype=np.int64)
    k = len(names)
    have = [j for j in range(k) if themed[j] > 0]
    order = sorted(have, key=lambda j: (-themed[j], str(names[j]).casefold(), str(names[j])))[:top]
    wanted = set(keep)
    order += [j for j in have if str(names[j]) in wanted and j not in order]
    if not order or themes.empty:
        return pd.DataFrame(columns=SOURCE_THEME_COLUMNS)
    columns = [k, *order]  # all articles in view first
    with np.errstate(invalid="ignore", divide="ignore"):
        share = shares[:, columns] / np.where(themed[columns] > 0, themed[columns], 1)
    by_view = np.argsort(-share[:, 0], kind="stable")
    labels = themes["label"].astype(str).to_numpy()
    ids = themes["theme_id"].to_numpy(dtype=np.int64)
    rows = [
        (int(ids[t]), labels[t], "" if c == k else str(names[c]), int(themed[c]), float(share[t, j]))
        for t in by_view
        for j, c in enumerate(columns)
    ]
    return pd.DataFrame(rows, columns=SOURCE_THEME_COLUMNS)


#: The reader's names of :func:`source_theme_rows`' columns (messages to translate).
SOURCE_THEME_NAMES = {
    "theme_id": N_("No."),
    "label": N_("Theme"),
    "source": N_("Source"),
    "n_articles": N_("Articles with themes"),
    "share": N_("Share of the text (%)"),
}


def source_theme_rows(table: pd.DataFrame, everyone: str) -> pd.DataFrame:
    """The data behind :func:`source_theme_figure`: themes numbered from 1, shares in percent, the
    whole view's rows named ``everyone`` ("All articles in view", translated)."""
    return table.assign(
        theme_id=table["theme_id"] + 1,
        source=table["source"].where(table["source"] != "", everyone),
        share=(table["share"] * 100).round(1),
    )


@built
def source_theme_figure(table: pd.DataFrame, *, tr: Translator | None = None) -> go.Figure:
    """A row per theme, a dot per outlet at the theme's share of its text (``table``:
    :func:`source_theme_table`), the outlets coloured as on the chart over time (by their
    order), hollow under ``MIN_POINT_ARTICLES`` themed articles; a grey tick for all articles in
    view. A dot opens that outlet's articles whose main theme it is
    (``["source_theme", source, theme_id, ...]``)."""
    tr = english_if_none(tr)
    fig = Fig()
    n_themes = table["theme_id"].nunique() if len(table) else 0
    base_layout(
        fig,
        tr("How much of each source's text each theme fills"),
        tr("Share of the text (%)"),
        "",
        height=max(300, 140 + 44 * n_themes),
    )
    if table.empty:
        return empty_figure(fig, tr)
    x = translator_of(tr)
    order = list(dict.fromkeys(table["theme_id"].tolist()))
    # each theme's name on two lines at most, escaped by wrap_label
    rows = {tid: wrap_label(str(lab), 28, max_lines=2) for tid, lab in zip(table["theme_id"], table["label"])}
    view = table[table["source"] == ""]
    fig.add_trace(
        trace(
            go.Scatter,
            x=(view["share"] * 100).round(1).tolist(),
            y=[rows[t] for t in view["theme_id"]],
            mode="markers",
            name=tr("All articles in view"),
            marker=dict(symbol="line-ns", size=18, line=dict(width=3, color=NEUTRAL), color=NEUTRAL),
            hovertemplate=tr("%{y}<br>all articles in view: %{x:.1f}% of the text") + "<extra></extra>",
        )
    )
    outlets = [s for s in dict.fromkeys(table["source"].astype(str)) if s]
    any_thin = False
    for i, outlet in enumerate(outlets):
        part = table[table["source"].astype(str).to_numpy() == outlet]
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        name = escape_plot_text(outlet, max_len=SOURCE_LABEL_CHARS)
        n = int(part["n_articles"].iloc[0])
        thin = n < MIN_POINT_ARTICLES
        any_thin |= thin
        counted = x.ngettext("{n} article with themes", "{n} articles with themes", n)
        fig.add_trace(
            trace(
                go.Scatter,
                x=(part["share"] * 100).round(1).tolist(),
                y=[rows[t] for t in part["theme_id"]],
                mode="markers",
                name=name,
                marker=dict(
                    color=colour, size=11, symbol="circle-open" if thin else "circle", line=dict(width=2, color=colour)
                ),
                customdata=hover_rows(
                    [
                        ["source_theme", outlet, int(t), name, x.percent(float(v)), counted]
                        for t, v in zip(part["theme_id"], part["share"])
                    ]
                ),
                hovertemplate=tr("<b>%{customdata[3]}</b>: %{customdata[4]} of its text is %{y}<br>%{customdata[5]}")
                + "<extra></extra>",
            )
        )
    if any_thin:
        thin_legend(fig, tr("Hollow: fewer than {n} articles with themes", n=MIN_POINT_ARTICLES))
    fig.update_yaxes(categoryorder="array", categoryarray=[rows[t] for t in order], autorange="reversed")
    top = float(table["share"].max() * 100) if len(table) else 0.0
    fig.update_xaxes(
        range=[0, min(105.0, max(10.0, top * 1.1))], ticksuffix=x.percent_suffix, showgrid=True, gridcolor="#EEEEEE"
    )
    return fig
