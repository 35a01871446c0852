"""The words a reader searched for (the sidebar's "Containing words") over time: in each week or
month, the share of the articles in view whose headline or text holds them."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...i18n import N_
from ...intervals import wilson_intervals
from ...thresholds import MIN_POINT_ARTICLES
from .base import (
    POINT,
    WORDS,
    Fig,
    Translator,
    base_layout,
    built,
    empty_figure,
    english_if_none,
    hover_rows,
    legend_text,
    thin_legend,
    trace,
    translator_of,
)
from .events import add_events, event_range
from .periods import bucket_start, error_bars, interval_hovers, iso_days
from .themes import theme_bucket_frequency

#: The columns of :func:`words_share_table`.
WORDS_SHARE_COLUMNS = ["start", "end", "n_articles", "n_holding", "share", "low", "high"]


class SharePeriods(NamedTuple):
    """The weeks or months of :func:`words_share_table` for one table of articles, which depend
    on the view without the words alone: a new search then only counts its articles in them."""

    dated: np.ndarray  # per article: whether it has a date
    period: np.ndarray  # per dated article: its period's number
    start: pd.Series  # each period's first day, in order
    n_articles: np.ndarray  # the dated articles of each period
    freq: str


def share_periods(articles: pd.DataFrame, freq: str | None = None) -> SharePeriods | None:
    """The periods of :func:`words_share_table` for ``articles`` (None: no article is dated)."""
    dated = articles["date"].notna().to_numpy(dtype=bool)
    if not dated.any():
        return None
    dates = pd.to_datetime(articles["date"][dated])
    freq = freq or theme_bucket_frequency(dates, int(dated.sum()))
    start, period = np.unique(bucket_start(dates, freq).to_numpy(), return_inverse=True)
    period = period.reshape(-1)
    n = np.bincount(period, minlength=len(start))
    return SharePeriods(dated, period, pd.Series(start), n, freq)


def words_share_table(
    articles: pd.DataFrame, holding: np.ndarray, freq: str | None = None, periods: SharePeriods | None = None
) -> pd.DataFrame:
    """Per week or month, the dated ``articles`` (``date``; the view without the words) and how
    many of them hold the words (``holding``: one bool per row of ``articles``): columns
    :data:`WORDS_SHARE_COLUMNS`, ``end`` exclusive, ``share`` 0-1 with its 95 % Wilson interval
    (``low``/``high``; the articles of a period the sampled units). Weeks, or months where the
    weeks would hold few articles (:func:`~.themes.theme_bucket_frequency`: a share of a few
    articles swings by chance). ``periods``: :func:`share_periods` of ``articles``, made once
    for the view without the words (at 101,000 articles ~6 of the 8 ms of each new search)."""
    holding = np.asarray(holding, dtype=bool)
    if periods is None:
        periods = share_periods(articles, freq)
    if periods is None:
        return pd.DataFrame(columns=WORDS_SHARE_COLUMNS)
    hits = np.bincount(periods.period, weights=holding[periods.dated], minlength=len(periods.n_articles))
    out = pd.DataFrame({"start": periods.start, "n_articles": periods.n_articles.astype("int64")})
    step = pd.offsets.MonthBegin(1) if periods.freq == "M" else pd.Timedelta(days=7)
    out["end"] = out["start"] + step
    n, k = out["n_articles"].to_numpy(dtype="float64"), hits
    out["n_holding"] = hits.astype("int64")
    out["share"] = k / n
    out["low"], out["high"] = wilson_intervals(k, n)
    return out[WORDS_SHARE_COLUMNS]


def words_share_rows(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`words_share_table` as the data behind its chart shows it: each period's first and
    last day, its articles and those with the words, the share and its interval in percent."""
    return pd.DataFrame(
        {
            "from": table["start"].dt.date,
            "to": (table["end"] - pd.Timedelta(days=1)).dt.date,
            "n_articles": table["n_articles"],
            "n_holding": table["n_holding"],
            "share": (table["share"] * 100).round(1),
            "low": (table["low"] * 100).round(1),
            "high": (table["high"] * 100).round(1),
        }
    )


#: How to read the chart (``{words}``: the words searched for, ``{n}``: ``MIN_POINT_ARTICLES``).
WORDS_SHARE_READ = N_(
    "each bar is the share of that period's articles (with the sidebar's other filters) whose headline or text holds {words}; the thin line is its 95% interval. Hatched bars rest on fewer than {n} articles."
)

#: The reader's names of :func:`words_share_rows`' columns (messages to translate).
WORDS_SHARE_NAMES = {
    "from": N_("From"),
    "to": N_("To"),
    "n_articles": N_("Articles"),
    "n_holding": N_("With the words"),
    "share": N_("Share (%)"),
    "low": N_("95% interval from (%)"),
    "high": N_("95% interval to (%)"),
}


def _monthly(table: pd.DataFrame) -> bool:
    """Whether the table's periods are months (else weeks)."""
    return len(table) > 0 and (table["end"] - table["start"]).max() > pd.Timedelta(days=7)


def words_share_title(table: pd.DataFrame, tr: Translator) -> str:
    """The chart's title: per week, or per month when the table's periods are months."""
    return tr("Articles with your words, per month") if _monthly(table) else tr("Articles with your words, per week")


@built
def words_share_figure(
    table: pd.DataFrame, *, events: pd.DataFrame | None = None, tr: Translator | None = None
) -> go.Figure:
    """Bars of :func:`words_share_table`: the share of each period's articles that hold the
    words (in %), the 95 % interval as a thin line; a period of fewer than
    ``MIN_POINT_ARTICLES`` articles hatched and without an interval. A bar's customdata is
    ``["bucket", start, end, ...]``: a click opens the period's articles in view."""
    tr = english_if_none(tr)
    x = translator_of(tr)
    fig = Fig()
    title = words_share_title(table, tr)
    base_layout(fig, title, tr("Publication date"), tr("Share of the articles (%)"), height=420)
    if not len(table):
        return empty_figure(fig, tr)
    thin = (table["n_articles"] < MIN_POINT_ARTICLES).to_numpy()
    share = table["share"].to_numpy(dtype="float64") * 100
    low = np.where(thin, np.nan, table["low"].to_numpy(dtype="float64") * 100)
    high = np.where(thin, np.nan, table["high"].to_numpy(dtype="float64") * 100)
    spans = interval_hovers(low / 100, high / 100, tr, ends=lambda lo, hi: (x.percent(lo), x.percent(hi)))
    cd = [
        ["bucket", s, e, x.integer(int(k)), x.integer(int(n)), x.percent(float(p) / 100), span]
        for s, e, k, n, p, span in zip(
            iso_days(table["start"]),
            iso_days(table["end"]),
            table["n_holding"].tolist(),
            table["n_articles"].tolist(),
            share.tolist(),
            spans,
        )
    ]
    monthly = _monthly(table)
    # each bar centred in its period, 80 % of its length wide (the time axis holds them whole)
    middle, half = table["start"] + (table["end"] - table["start"]) / 2, (table["end"] - table["start"]) * 0.4
    fig.add_trace(
        trace(
            go.Bar,
            x=middle,
            y=share,
            width=[h.total_seconds() * 2000 for h in half],
            showlegend=False,  # its legend entry below: Plotly draws the first bar's fill, hatched or not
            marker=dict(
                color=["#FFFFFF" if t else WORDS for t in thin],
                line=dict(color=POINT, width=1),
                pattern=dict(shape=["/" if t else "" for t in thin], fgcolor=POINT),
            ),
            error_y=error_bars(share, low, high, color=POINT, thickness=1.5, width=3),
            customdata=hover_rows(cd),
            hovertemplate=tr(
                "<b>Articles from %{customdata[1]} (up to %{customdata[2]})</b><br>%{customdata[3]} of %{customdata[4]} articles hold the words (%{customdata[5]})<br>%{customdata[6]}"
            )
            + "<extra></extra>",
        )
    )
    fig.add_trace(
        trace(
            go.Bar,
            x=[None],
            y=[None],
            name=legend_text(
                tr("Share of that month's articles with the words")
                if monthly
                else tr("Share of that week's articles with the words")
            )
            + "<br>"
            + legend_text(tr("(line: its 95% interval)")),
            marker=dict(color=WORDS, line=dict(color=POINT, width=1)),
            showlegend=True,
            hoverinfo="skip",
        )
    )
    fig.update_layout(bargap=0)
    top = np.nanmax(np.concatenate([share, high[~np.isnan(high)]])) if len(share) else 0.0
    fig.update_yaxes(range=[0, max(5.0, min(100.0, float(top) * 1.1))], ticksuffix=x.percent_suffix)
    if thin.any():
        thin_legend(
            fig, tr("Hatched: few articles that week or month (fewer than {n})", n=MIN_POINT_ARTICLES), bar=True
        )
    # from the first bar's left edge to the last one's right: from the periods' starts, the
    # last month's bar was cut off 20 days in
    add_events(fig, events, event_range(pd.concat([middle - half, middle + half])), tr)
    return fig
