"""Actor charts: how often each is named, and the tone of the sentences naming them over time."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...frames import distinct_per_key
from ...i18n import ACTOR_KINDS
from ...intervals import weighted_mean_intervals
from ...thresholds import MIN_ACTOR_POINT_SENTENCES, MIN_POINT_ARTICLES
from ..safe import escape_plot_text
from .base import (
    AGGREGATE_OVER,
    KIND_COLOURS,
    NEUTRAL,
    THEME_COLOURS,
    Fig,
    Translator,
    base_layout,
    built,
    chart_title,
    date_hover,
    empty_figure,
    english_if_none,
    hover_rows,
    interval_legend,
    point_symbols,
    scatter_cls,
    thin_legend,
    tone_axis,
    trace,
    translator_of,
    two_lines,
)
from .events import add_events, event_range
from .periods import (
    bucket_frequency,
    bucket_start,
    dated_rows,
    draws_periods,
    in_period,
    interval_hovers,
    iso_days,
    period_line,
)
from .themes import THEME_MONTHS_FROM_DAYS


def _tone_axis_title(tr: Translator) -> str:
    """The tone axis of the actors' tone over time, on two lines: on one (48 characters, 50 in
    German) it ran past the top of the 480 px chart, cut after "(−1 … +"."""
    return two_lines(tr("Tone of sentences mentioning the actor (−1 … +1)"), 40)


@built
def actor_mentions_figure(
    actor_table: pd.DataFrame, *, tr: Translator | None = None, top: int | None = None
) -> go.Figure:
    """Mentions per actor, coloured by kind (person / institution / country).

    ``actor_table``: ``actor, kind, mentions, n_articles, n_sentences, tone``.
    """
    tr = english_if_none(tr)
    fig = Fig()
    # Most mentioned first, ties by name (a stable sort, as pandas sorts), then per kind, in
    # plain lists: a dozen bars sorted and split by pandas took 10 ms of each Overview a filter
    # asked for the first time builds at 100,000 articles. The bars' numbers stay arrays of the
    # table's own type, so the chart's spec is the one pandas columns gave.
    mentions = actor_table["mentions"].to_numpy()
    names = actor_table["actor"].tolist()
    rows = sorted(range(len(names)), key=lambda i: (-mentions[i], names[i]))[: top or None]
    n = len(rows)
    base_layout(fig, tr("Who is mentioned how often"), tr("Number of mentions"), "", height=max(300, 120 + 30 * n))
    if n == 0:  # articles are in view (else the page says so): none names an actor of the list
        return empty_figure(fig, tr, tr("No actors are mentioned in the articles shown."))
    order = [escape_plot_text(names[i]) for i in rows]
    kinds = actor_table["kind"].tolist()
    n_articles, n_sentences = actor_table["n_articles"].tolist(), actor_table["n_sentences"].tolist()
    tones = actor_table["tone"].to_numpy(dtype="float64", na_value=np.nan)
    signed = translator_of(tr).signed  # tones in the hover as the page writes them
    for kind in ("person", "institution", "country"):
        part = [i for i in rows if kinds[i] == kind]
        if not part:
            continue
        fig.add_trace(
            trace(
                go.Bar,
                x=mentions[part],
                y=[escape_plot_text(names[i]) for i in part],
                orientation="h",
                name=tr(ACTOR_KINDS.get(kind, kind)),
                marker=dict(color=KIND_COLOURS.get(kind, NEUTRAL)),
                customdata=[
                    [
                        "actor",
                        names[i],
                        int(n_articles[i]),
                        int(n_sentences[i]),
                        signed(None if np.isnan(tones[i]) else float(tones[i])),
                    ]
                    for i in part
                ],
                hovertemplate=tr(
                    "<b>%{y}</b><br>%{x} mentions in %{customdata[2]} articles<br>%{customdata[3]} sentences, their tone: %{customdata[4]}"
                )
                + "<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed")
    fig.update_xaxes(rangemode="tozero")
    return fig


#: More dots than this (articles × chosen actors) and the timeline draws each actor's weeks or
#: months, the articles pale behind them: about 20 dots an actor of three, past which a cloud of
#: single articles no longer shows where an actor's tone lies (509 news articles drew 151 dots
#: of three actors, and nothing told the eye their mean).
ACTOR_DOTS_OVER = 60
#: Months instead of weeks where the chosen actors' weeks hold fewer articles than this on
#: average (and the articles span THEME_MONTHS_FROM_DAYS or more): the tone of the sentences
#: naming an actor spreads 0.32-0.40 from article to article (gnad-dev's four most named
#: actors), so a week's 95 % bar is ±0.2 or narrower only from about 15 articles.
ACTOR_WEEK_ARTICLES = 15
#: Two actors or more are drawn by month over more than this many days, however full their
#: weeks: three actors' weekly lines over two years of 101,000 articles, each of the 312 dots
#: with its bar, crossed into a tangle, as the outlets' lines did past half a year
#: (:data:`~tonlage.present.charts.sources.WEEKS_UP_TO_DAYS`). One actor keeps its weeks, as
#: the tone timeline of the whole view does, up to two years.
ACTOR_WEEKS_UP_TO_DAYS = 365
#: Fewer periods than this and the articles are drawn one by one: one or two dots an actor say
#: less than the articles themselves.
MIN_ACTOR_PERIODS = 3
#: Up to this many article dots are drawn pale behind the periods (each one click from its
#: article); more would be a smear, and the budget of the chart.
PALE_DOTS_MAX = 1000


def actor_tone_time_periods(
    points: pd.DataFrame, aggregate_over: int = AGGREGATE_OVER, dots_over: int = ACTOR_DOTS_OVER
) -> str:
    """ "W" or "M" when :func:`actor_tone_time_figure` draws one point per week or month and actor
    (many articles, more points than the budget, or more than ``dots_over`` dots over
    :data:`MIN_ACTOR_PERIODS` periods or more), "" when one per article: the page's "how to
    read this" says the same as the chart. Months where the actors' weeks hold fewer than
    :data:`ACTOR_WEEK_ARTICLES` articles on average over :data:`THEME_MONTHS_FROM_DAYS` days or
    more, and for two actors or more over more than :data:`ACTOR_WEEKS_UP_TO_DAYS` days."""
    p = dated_rows(points) if len(points) else points
    if len(p) == 0:
        return ""
    forced = draws_periods(p["article_id"].nunique(), len(p), aggregate_over)
    if not forced and len(p) <= dots_over:
        return ""
    dates = p["date"] if pd.api.types.is_datetime64_dtype(p["date"].dtype) else pd.to_datetime(p["date"])
    freq = bucket_frequency(dates)
    if freq == "W":
        days = (dates.max() - dates.min()).days
        lines = p["actor"].nunique()
        per_week = len(p) / max(1, lines) / (days // 7 + 1)
        thin = days >= THEME_MONTHS_FROM_DAYS and per_week < ACTOR_WEEK_ARTICLES
        tangled = lines >= 2 and days > ACTOR_WEEKS_UP_TO_DAYS  # several lines crossing
        if thin or tangled:
            freq = "M"
    if not forced and bucket_start(dates, freq).nunique() < MIN_ACTOR_PERIODS:
        return ""
    return freq


def _in_date_order(dates: np.ndarray, ids: np.ndarray, actors: np.ndarray) -> bool:
    """Whether the rows hold each actor's rows together (``actors`` numbered in the order they
    first appear), each by date and then id, no (date, id) twice: as the Actors page's points
    come (:func:`tonlage.present.views.actor_points`), so that they need no sort."""
    if len(dates) < 2:
        return True
    same = actors[1:] == actors[:-1]
    later = dates[1:] > dates[:-1]
    tie = (dates[1:] == dates[:-1]) & (ids[1:] > ids[:-1])
    return bool((actors[1:] >= actors[:-1]).all() and (~same | later | tie).all())


def _per_bucket(start: pd.Series, part: pd.DataFrame) -> pd.DataFrame:
    """One actor's rows ``part`` (``tone``, ``n_sentences``, ``article_id``) summed per week or
    month (``start``, the first day of each row's), in date order: ``start``, ``n_sentences``,
    ``n_articles`` (distinct), ``tone`` (sentence-weighted; NaN without a sentence) and its 95 %
    interval ``low``/``high`` over the articles (NaN under two;
    :func:`tonlage.intervals.weighted_mean_intervals`). Counted with ``bincount``: pandas'
    grouping of each actor's rows took ~15 ms of a view the Actors page had not seen, at
    100,000 articles."""
    days, bucket = np.unique(start.to_numpy(), return_inverse=True)
    k = len(days)
    n = part["n_sentences"]
    sentences = n.to_numpy(dtype="float64", na_value=np.nan)
    weighted = part["tone"].to_numpy(dtype="float64", na_value=np.nan) * sentences
    w = np.bincount(bucket, weights=np.where(np.isnan(weighted), 0.0, weighted), minlength=k)
    n_sum = np.bincount(bucket, weights=np.where(np.isnan(sentences), 0.0, sentences), minlength=k)
    article, _ = pd.factorize(part["article_id"])
    known = article >= 0  # a missing id is no article, as in pandas' count of distinct ones
    with np.errstate(invalid="ignore", divide="ignore"):
        tone = np.where(n_sum > 0, w / np.where(n_sum > 0, n_sum, 1.0), np.nan)
    # Each row is one article of this actor (the points have a row per article and actor).
    low, high = weighted_mean_intervals(bucket, weighted, np.nan_to_num(sentences), k)
    return pd.DataFrame(
        {
            "start": pd.Series(days),
            "n_sentences": n_sum.astype(n.dtype) if pd.api.types.is_integer_dtype(n.dtype) else n_sum,
            "n_articles": distinct_per_key(bucket[known], article[known], k).astype(np.int64),
            "tone": tone,
            "low": low,
            "high": high,
        }
    )


def _periods_of(part: pd.DataFrame, freq: str) -> pd.DataFrame:
    """One actor's rows ``part`` per week ("W") or month ("M"): :func:`_per_bucket` with each
    period's ``end`` (its first day not in it)."""
    g = _per_bucket(bucket_start(part["date"], freq), part)
    return g.assign(end=g["start"] + (pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)))


def actor_period_table(points: pd.DataFrame, freq: str) -> pd.DataFrame:
    """The weeks (``freq`` "W") or months ("M") the Actors page's timeline draws, one row per
    actor and period: ``actor, start, end, n_articles, n_sentences, tone, low, high`` (the
    chart's "data behind it")."""
    p = dated_rows(points) if len(points) else points
    cols = ["actor", "start", "end", "n_articles", "n_sentences", "tone", "low", "high"]
    if len(p) == 0 or not freq:
        return pd.DataFrame(columns=cols)
    p = p[["actor", "article_id", "date", "tone", "n_sentences"]]  # not the text columns
    codes, actors = pd.factorize(p["actor"])  # numbers, not a comparison of every name per actor
    parts = [_periods_of(p[codes == i], freq).assign(actor=actor) for i, actor in enumerate(actors)]
    return pd.concat(parts, ignore_index=True)[cols]


def _article_rows(part: pd.DataFrame, name: str, tr: Translator) -> list:
    """The customdata of one actor's article dots (a click opens the article)."""
    return [
        [
            "article",
            r.article_id,
            escape_plot_text(r.title, max_len=70),
            date_hover(r._asdict(), tr),
            int(r.n_sentences),
            name,
        ]
        for r in part.itertuples(index=False)
    ]


_ARTICLE_HOVER = "<b>%{customdata[5]}</b> in „%{customdata[2]}“<br>%{customdata[3]}<br>Tone of %{customdata[4]} sentence(s) mentioning it: %{y:+.2f}"


@built
def actor_tone_time_figure(
    points: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    tr: Translator | None = None,
    aggregate_over: int = AGGREGATE_OVER,
    dots_over: int = ACTOR_DOTS_OVER,
) -> go.Figure:
    """Tone toward each chosen actor over time: mean tone of the sentences that mention it.

    ``points``: ``actor, article_id, title, date, date_label, date_precision, date_note,
    n_sentences, tone`` (one row per article × actor, dated only). One dot per article, its
    size growing with the number of sentences, fewer than ``MIN_ACTOR_POINT_SENTENCES``
    sentences hollow; or (:func:`actor_tone_time_periods`) one per week or month and actor with
    a bar for its 95 % interval, the articles pale behind them, a period of fewer than
    ``MIN_POINT_ARTICLES`` articles hollow and without a bar.
    """
    tr = english_if_none(tr)
    fig = Fig()
    base_layout(
        fig,
        tr("Tone of sentences naming an actor, over time"),
        tr("Publication date"),
        _tone_axis_title(tr),
        height=480,
    )
    p = dated_rows(points) if len(points) else points
    if len(p) == 0:
        return empty_figure(fig, tr)
    freq = actor_tone_time_periods(p, aggregate_over, dots_over)  # "": a point per article and actor
    bucketed = bool(freq)
    if bucketed:
        title = (
            tr("Tone of sentences naming an actor, per month")
            if freq == "M"
            else tr("Tone of sentences naming an actor, per week")
        )
        fig.update_layout(title=dict(text=chart_title(title)))
    any_thin = False
    # The actors in the order they first appear, each actor's rows by date and id: numbered and
    # sorted once (a walk over the 100,000-odd rows' names and a sort per actor took ~100 ms of
    # a view the Actors page had not seen, at 100,000 articles). Both sorts are stable.
    codes, actors = pd.factorize(p["actor"])
    p = p.assign(_actor=codes)
    if not _in_date_order(p["date"].to_numpy(), p["article_id"].to_numpy(dtype=object), codes):
        p = p.sort_values(["date", "article_id"])
    pale = bucketed and len(p) <= PALE_DOTS_MAX
    period_traces, bar_values = [], []
    for i, actor in enumerate(str(a) for a in actors):
        part = p[p["_actor"].to_numpy() == i]
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        name = escape_plot_text(actor)
        if pale:
            # Each article pale behind its actor's periods: the spread the bars summarise, and
            # each article one click away.
            fig.add_trace(
                trace(
                    scatter_cls(len(part)),
                    x=part["date"],
                    y=part["tone"],
                    mode="markers",
                    name=tr("{actor}: single articles", actor=name),
                    legendgroup=name,
                    showlegend=False,
                    marker=dict(color=colour, size=5, opacity=0.3),
                    customdata=hover_rows(_article_rows(part, name, tr)),
                    hovertemplate=tr(_ARTICLE_HOVER) + "<extra></extra>",
                )
            )
        if bucketed:
            g = _periods_of(part, freq)
            end = g["end"]
            thin = (g["n_sentences"] < MIN_ACTOR_POINT_SENTENCES) | (g["n_articles"] < MIN_POINT_ARTICLES)
            # A bar where the dot is not hollow, as on the tone timeline: a t interval over two
            # articles spans most of the axis and says only what the hollow dot says.
            low = g["low"].where(~thin).to_numpy(dtype="float64")
            high = g["high"].where(~thin).to_numpy(dtype="float64")
            spans = interval_hovers(low, high, tr)
            cd = [
                ["actor_bucket", s, e, actor, int(na), int(ns), name, span]
                for s, e, na, ns, span in zip(
                    iso_days(g["start"]),
                    iso_days(end),
                    g["n_articles"].tolist(),
                    g["n_sentences"].tolist(),
                    spans,
                )
            ]
            x = in_period(g["start"], end, (i - (len(actors) - 1) / 2) * 0.08)
            y = g["tone"]
            bar_values += [y, pd.Series(low), pd.Series(high)]
            any_thin |= bool(thin.any())
            period_traces.append(
                period_line(
                    x,
                    y,
                    low,
                    high,
                    thin,
                    colour=colour,
                    name=name,
                    customdata=cd,
                    hovertemplate=tr(
                        "<b>%{customdata[6]}</b>, articles from %{customdata[1]} (up to %{customdata[2]})<br>Tone: %{y:+.2f} over %{customdata[5]} sentences in %{customdata[4]} articles<br>%{customdata[7]}"
                    )
                    + "<extra></extra>",
                )
            )
            continue
        ns = part["n_sentences"]
        thin = ns < MIN_ACTOR_POINT_SENTENCES
        any_thin |= bool(thin.any())
        few = len(part) < 10
        # A dotted line joins a handful of articles to follow one actor by; through dozens of
        # single articles it drew a zigzag that read as swings of the actor's tone.
        fig.add_trace(
            trace(
                scatter_cls(len(part)),
                x=part["date"],
                y=part["tone"],
                mode="lines+markers" if few else "markers",
                name=name,
                legendgroup=name,
                line=dict(color=colour, width=1 if few else 1.5, dash="dot" if few else "solid"),
                marker=dict(
                    color=colour,
                    size=[float(min(28, 8 + 3 * math.sqrt(v))) for v in ns],
                    line=dict(width=2, color=colour),
                    symbol=point_symbols(thin),
                ),
                customdata=hover_rows(_article_rows(part, name, tr)),
                hovertemplate=tr(_ARTICLE_HOVER) + "<extra></extra>",
            )
        )
    for period_trace in period_traces:  # over every actor's pale dots
        fig.add_trace(period_trace)
    if bucketed:
        interval_legend(
            fig,
            tr("Bar: the 95% interval of a period's tone; pale dots: single articles")
            if pale
            else tr("Bar: the 95% interval of a period's tone"),
        )
    if any_thin:
        thin_legend(
            fig,
            tr(
                "Hollow: fewer than {n} sentences or {articles} articles mention the actor",
                n=MIN_ACTOR_POINT_SENTENCES,
                articles=MIN_POINT_ARTICLES,
            )
            if bucketed
            else tr("Hollow: fewer than {n} sentences mention the actor", n=MIN_ACTOR_POINT_SENTENCES),
        )
    # The axis holds what is drawn: the articles' dots (pale or not), the periods and their bars
    # (without the pale dots, at scale, an axis of every article's tone squeezed the periods
    # into a band a tenth of the chart high).
    drawn = ([] if bucketed and not pale else [p["tone"]]) + bar_values
    tone_axis(fig, pd.concat(drawn), tr)
    fig.update_yaxes(title=dict(text=_tone_axis_title(tr)))
    add_events(fig, events, event_range(p["date"]), tr)
    return fig
