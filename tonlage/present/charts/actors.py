"""Actor charts: how often each is named, and the tone of the sentences naming them over time."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...frames import distinct_per_key
from ...i18n import ACTOR_KINDS
from ...thresholds import MIN_ACTOR_POINT_SENTENCES, MIN_POINT_ARTICLES
from ..safe import escape_plot_text
from .base import (
    AGGREGATE_OVER,
    KIND_COLOURS,
    NEUTRAL,
    THEME_COLOURS,
    Fig,
    Translator,
    add_events,
    base_layout,
    bucket_frequency,
    bucket_start,
    built,
    chart_title,
    date_hover,
    dated_rows,
    draws_periods,
    empty_figure,
    english_if_none,
    event_range,
    hover_rows,
    iso_days,
    line_marker_size,
    point_symbols,
    scatter_cls,
    thin_legend,
    tone_axis,
    translator_of,
    two_lines,
)


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
    if n == 0:
        return empty_figure(fig, tr)
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
            go.Bar(
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


def actor_tone_time_periods(points: pd.DataFrame, aggregate_over: int = AGGREGATE_OVER) -> str:
    """ "W" or "M" when :func:`actor_tone_time_figure` draws one point per week or month and actor
    (many articles, or more points than the budget), "" when one per article: the page's "how to
    read this" says the same as the chart."""
    p = dated_rows(points) if len(points) else points
    if len(p) == 0 or not draws_periods(p["article_id"].nunique(), len(p), aggregate_over):
        return ""
    return bucket_frequency(p["date"])


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
    ``n_articles`` (distinct) and ``tone`` (sentence-weighted; NaN without a sentence). Counted
    with ``bincount``: pandas' grouping of each actor's rows took ~15 ms of a view the Actors
    page had not seen, at 100,000 articles."""
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
    return pd.DataFrame(
        {
            "start": pd.Series(days),
            "n_sentences": n_sum.astype(n.dtype) if pd.api.types.is_integer_dtype(n.dtype) else n_sum,
            "n_articles": distinct_per_key(bucket[known], article[known], k).astype(np.int64),
            "tone": tone,
        }
    )


@built
def actor_tone_time_figure(
    points: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    tr: Translator | None = None,
    aggregate_over: int = AGGREGATE_OVER,
) -> go.Figure:
    """Tone toward each chosen actor over time: mean tone of the sentences that mention it.

    ``points``: ``actor, article_id, title, date, date_label, date_precision, date_note,
    n_sentences, tone`` (one row per article × actor, dated only). Marker size grows with
    the number of sentences; fewer than ``MIN_ACTOR_POINT_SENTENCES`` sentences → hollow (a
    week's or month's dot also with fewer than ``MIN_POINT_ARTICLES`` articles).
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
    freq = actor_tone_time_periods(p, aggregate_over)  # "": a point per article and actor
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
    for i, actor in enumerate(str(a) for a in actors):
        part = p[p["_actor"].to_numpy() == i]
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        name = escape_plot_text(actor)
        if bucketed:
            g = _per_bucket(bucket_start(part["date"], freq), part)
            step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
            cd = [
                ["bucket", s, e, int(na), int(ns), name]
                for s, e, na, ns in zip(
                    iso_days(g["start"]),
                    iso_days(g["start"] + step),
                    g["n_articles"].tolist(),
                    g["n_sentences"].tolist(),
                )
            ]
            x, y, ns, hover = (
                g["start"],
                g["tone"],
                g["n_sentences"],
                tr(
                    "<b>%{customdata[5]}</b>, articles from %{customdata[1]} (up to %{customdata[2]})<br>Tone: %{y:+.2f} over %{customdata[4]} sentences in %{customdata[3]} articles"
                ),
            )
        else:
            cd = [
                [
                    "article",
                    r.article_id,
                    escape_plot_text(r.title, max_len=70),
                    date_hover(pd.Series(r._asdict()), tr),
                    int(r.n_sentences),
                    name,
                ]
                for r in part.itertuples(index=False)
            ]
            x, y, ns, hover = (
                part["date"],
                part["tone"],
                part["n_sentences"],
                tr(
                    "<b>%{customdata[5]}</b> in „%{customdata[2]}“<br>%{customdata[3]}<br>Tone of %{customdata[4]} sentence(s) mentioning it: %{y:+.2f}"
                ),
            )
        thin = ns < MIN_ACTOR_POINT_SENTENCES
        if bucketed:
            # A week's dot of one or two articles is their wording, however many sentences name
            # the actor in them: hollow, as on the other time charts (MIN_POINT_ARTICLES).
            thin = thin | (g["n_articles"] < MIN_POINT_ARTICLES)
        any_thin |= bool(thin.any())
        # An article's dot grows with its sentences; a week's or month's rests on hundreds at
        # scale, and dots of the largest size a few pixels apart drew one blot per actor.
        sizes = (
            [line_marker_size(len(ns), 7)] * len(ns) if bucketed else [float(min(28, 8 + 3 * math.sqrt(v))) for v in ns]
        )
        few = len(x) < 10
        # A line joins periods, or a handful of articles (dotted) to follow one actor by; through
        # dozens of single articles it drew a zigzag that read as swings of the actor's tone.
        lines = bucketed or few
        fig.add_trace(
            scatter_cls(len(x))(
                x=x,
                y=y,
                mode="lines+markers" if lines else "markers",
                name=name,
                line=dict(color=colour, width=1 if few else 1.5, dash="dot" if few else "solid"),
                marker=dict(
                    color=colour,
                    size=sizes,
                    line=dict(width=2, color=colour),
                    symbol=point_symbols(thin),
                ),
                customdata=hover_rows(cd),
                hovertemplate=hover + "<extra></extra>",
            )
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
    tone_axis(fig, p["tone"], tr)
    fig.update_yaxes(title=dict(text=_tone_axis_title(tr)))
    add_events(fig, events, event_range(p["date"]), tr)
    return fig
