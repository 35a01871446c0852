"""Who speaks: the author's own sentences against quoted voices (per article, over time), and what
an actor says against how the actor is talked about. Tables from :mod:`tonlage.voice_tone`."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ...voice_tone import MIN_SENTENCES
from ..safe import escape_plot_text
from .base import (
    NEUTRAL,
    Fig,
    Translator,
    article_axis_label,
    article_rows_height,
    base_layout,
    built,
    empty_figure,
    english_if_none,
    interval_legend,
    mark_unscored_rows,
    point_symbols,
    thin_legend,
    tone_axis,
    trace,
)
from .events import add_events, event_range
from .periods import error_bars, interval_hovers, iso_days

__all__ = ["voice_tone_figure", "voice_tone_time_figure", "actor_voice_figure", "AUTHOR", "QUOTED"]

AUTHOR = "#332288"  # indigo: the author's own words
QUOTED = "#CC6677"  # rose: quoted voices (neither is a tone colour)


def _size(n: float) -> float:
    return float(min(24, 7 + 2.5 * math.sqrt(max(0.0, n))))


def _tone_x(fig: Fig, values: pd.Series) -> None:
    """A symmetric tone axis around 0, wide enough for the data (means rarely pass ±0.5)."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    lim = min(1.05, max(0.25, round(float(v.abs().max()) * 1.25 + 0.05, 2))) if len(v) else 1.05
    fig.update_xaxes(range=[-lim, lim], zeroline=True, zerolinecolor=NEUTRAL)


def _marker(colour: str, counts, symbol: str, thin) -> dict:
    """Dots sized by their sentences, hollow where they are few."""
    return dict(
        color=colour,
        size=[_size(x) for x in counts],
        symbol=point_symbols(thin, symbol),
        line=dict(width=2, color=colour),
    )


def _joining_lines(fig: Fig, rows: pd.DataFrame, left: str, right: str) -> None:
    """A grey line on each row (``pos``) from its ``left`` to its ``right`` tone, where it has both."""
    both = rows.dropna(subset=[left, right])
    xs: list[float | None] = []
    ys: list[int | None] = []
    for a, b, pos in zip(both[left], both[right], both["pos"]):
        xs += [a, b, None]
        ys += [pos, pos, None]
    if xs:
        fig.add_trace(
            trace(
                go.Scatter,
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color="#BBBBBB", width=2),
                hoverinfo="skip",
                showlegend=False,
            )
        )


@built
def voice_tone_figure(by_article: pd.DataFrame, articles: pd.DataFrame, *, tr: Translator | None = None) -> go.Figure:
    """Per article, the mean tone of the author's sentences and of quoted sentences, joined by a
    line: how far the quoted voices pull the article's tone.

    Args:
        by_article: :func:`tonlage.voice_tone.voice_tone_by_article` rows.
        articles: The articles to show, in order (``article_id``, ``title``, ``date_label``).
    """
    tr = english_if_none(tr)
    fig = Fig()
    a = articles.reset_index(drop=True)
    n = len(a)
    base_layout(
        fig,
        tr("The author's words and quoted voices, per article"),
        tr("Tone (−1 negative … +1 positive)"),
        "",
        height=article_rows_height(n),
    )
    v = a[["article_id", "title", "date_label"]].merge(by_article, on="article_id", how="left")
    if n == 0 or v[["n_author", "n_quoted"]].fillna(0).to_numpy().sum() == 0:
        return empty_figure(fig, tr)
    v["pos"] = range(n)
    _joining_lines(fig, v, "tone_author", "tone_quoted")
    any_thin = False
    for col, n_col, colour, symbol, name in (
        ("tone_author", "n_author", AUTHOR, "square", tr("The author's own sentences")),
        ("tone_quoted", "n_quoted", QUOTED, "diamond", tr("Quoted sentences")),
    ):
        part = v.dropna(subset=[col])
        if part.empty:
            continue
        thin = part[n_col] < MIN_SENTENCES
        any_thin |= bool(thin.any())
        fig.add_trace(
            trace(
                go.Scatter,
                x=part[col],
                y=part["pos"],
                mode="markers",
                name=name,
                marker=_marker(colour, part[n_col], symbol, thin),
                customdata=[
                    ["article", r.article_id, escape_plot_text(r.title, max_len=70), int(getattr(r, n_col)), name]
                    for r in part.itertuples(index=False)
                ],
                hovertemplate=tr(
                    "<b>%{customdata[2]}</b><br>%{customdata[4]}: tone %{x:+.2f} (%{customdata[3]} sentences)"
                )
                + "<extra></extra>",
            )
        )
    if any_thin:
        thin_legend(fig, tr("Hollow: fewer than {n} sentences", n=MIN_SENTENCES))
    mark_unscored_rows(fig, a, tr)
    fig.update_yaxes(
        tickvals=list(range(n)),
        ticktext=[article_axis_label(t, d, tr) for t, d in zip(v["title"], v["date_label"])],
        autorange="reversed",
        showgrid=False,
    )
    _tone_x(fig, pd.concat([v["tone_author"], v["tone_quoted"]]))
    return fig


@built
def voice_tone_time_figure(
    by_period: pd.DataFrame, *, events: pd.DataFrame | None = None, tr: Translator | None = None
) -> go.Figure:
    """Per month, the mean tone of the author's sentences and of quoted sentences.

    Args:
        by_period: :func:`tonlage.voice_tone.voice_tone_by_period` rows.
    """
    tr = english_if_none(tr)
    fig = Fig()
    base_layout(
        fig,
        tr("The author's words and quoted voices, over time"),
        tr("Month"),
        tr("Tone (−1 negative … +1 positive)"),
    )
    if by_period.empty:
        return empty_figure(fig, tr)
    p = by_period.sort_values("period")
    any_thin, any_bar, drawn, placed = False, False, [], []
    for col, n_col, colour, symbol, name, shift in (
        ("tone_author", "n_author", AUTHOR, "square", tr("The author's own sentences"), 0.42),
        ("tone_quoted", "n_quoted", QUOTED, "diamond", tr("Quoted sentences"), 0.58),
    ):
        part = p.dropna(subset=[col])
        if part.empty:
            continue
        thin = part[n_col] < MIN_SENTENCES
        any_thin |= bool(thin.any())
        end = part["period"] + pd.offsets.MonthBegin(1)
        # The 95 % interval over the month's articles with that voice (older tables have none),
        # a bar where the mark is not hollow, as on the other time charts.
        voice = col.removeprefix("tone_")
        ends = [
            part[f"{side}_{voice}"].where(~thin)
            if f"{side}_{voice}" in part
            else pd.Series(float("nan"), index=part.index)
            for side in ("low", "high")
        ]
        any_bar |= bool(ends[0].notna().any())
        drawn += [part[col], *ends]
        # In the month, the two voices side by side: their bars do not hide each other.
        placed.append(part["period"] + (end - part["period"]) * shift)
        fig.add_trace(
            trace(
                go.Scatter,
                x=placed[-1],
                y=part[col],
                mode="lines+markers",
                name=name,
                line=dict(color=colour, width=2, dash="solid" if symbol == "square" else "dash"),
                marker=_marker(colour, part[n_col], symbol, thin),
                error_y=error_bars(part[col], ends[0], ends[1], color=colour, thickness=1.5, width=3),
                customdata=[
                    ["bucket", s, e, int(k), int(na), name, span]
                    for s, e, k, na, span in zip(
                        iso_days(part["period"]),
                        iso_days(end),
                        part[n_col].tolist(),
                        part["n_articles"].tolist(),
                        interval_hovers(ends[0], ends[1], tr),
                    )
                ],
                hovertemplate=tr(
                    "<b>%{customdata[5]}</b>, %{x|%b %Y}<br>Tone: %{y:+.2f} over %{customdata[3]} sentences in %{customdata[4]} articles<br>%{customdata[6]}"
                )
                + "<extra></extra>",
            )
        )
    if any_bar:
        interval_legend(fig, tr("Bar: the 95% interval of a period's tone"))
    if any_thin:
        thin_legend(fig, tr("Hollow: fewer than {n} sentences", n=MIN_SENTENCES))
    tone_axis(fig, pd.concat(drawn), tr)
    # around the marks where they are drawn: the last month's quoted diamond, at 58 % of the
    # month, lay past its start + 20 days and was cut in half at the axis's end
    add_events(fig, events, event_range(pd.concat(placed)), tr)
    return fig


@built
def actor_voice_figure(voices: pd.DataFrame, *, tr: Translator | None = None, top: int = 12) -> go.Figure:
    """Per actor: the tone of what the actor says (their own quotes) next to the tone of the
    sentences about them (their own words left out).

    Args:
        voices: :func:`tonlage.voice_tone.actor_voices` rows, most discussed first.
        top: How many actors to show.
    """
    tr = english_if_none(tr)
    fig = Fig()
    v = voices.head(top).reset_index(drop=True)
    n = len(v)
    base_layout(
        fig,
        tr("What an actor says and how others speak of them"),
        tr("Tone (−1 negative … +1 positive)"),
        "",
        height=max(320, 100 + 40 * n),
    )
    if n == 0:
        return empty_figure(fig, tr)
    v["pos"] = range(n)
    _joining_lines(fig, v, "tone_about", "tone_says")
    any_thin = False
    for col, n_col, thin_col, colour, symbol, name in (
        ("tone_about", "n_about", "thin_about", AUTHOR, "circle", tr("How the actor is talked about")),
        ("tone_says", "n_says", "thin_says", QUOTED, "diamond", tr("What the actor says (own quotes)")),
    ):
        part = v.dropna(subset=[col])
        if part.empty:
            continue
        thin = part[thin_col].astype(bool)
        any_thin |= bool(thin.any())
        fig.add_trace(
            trace(
                go.Scatter,
                x=part[col],
                y=part["pos"],
                mode="markers",
                name=name,
                marker=_marker(colour, part[n_col], symbol, thin),
                customdata=[
                    ["actor", escape_plot_text(r.actor), int(getattr(r, n_col)), name]
                    for r in part.itertuples(index=False)
                ],
                hovertemplate=tr(
                    "<b>%{customdata[1]}</b><br>%{customdata[3]}: tone %{x:+.2f} (%{customdata[2]} sentences)"
                )
                + "<extra></extra>",
            )
        )
    if any_thin:
        thin_legend(fig, tr("Hollow: fewer than {n} sentences", n=MIN_SENTENCES))
    fig.update_yaxes(
        tickvals=list(range(n)),
        ticktext=[escape_plot_text(a) for a in v["actor"]],
        autorange="reversed",
        showgrid=False,
    )
    _tone_x(fig, pd.concat([v["tone_about"], v["tone_says"]]))
    return fig
