"""Comparison charts: tone in two periods with the interval of the shift, what grew or faded, and
how the tone around each actor moved."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ...intervals import SHARE_DIGITS, excludes_zero
from ..compare_words import PERIODS, CompareWords, words_of
from ..safe import escape_plot_text
from .base import (
    NEGATIVE,
    NEUTRAL,
    POSITIVE,
    Fig,
    Translator,
    base_layout,
    built,
    empty_figure,
    english_if_none,
    tone_colour,
    trace,
    translator_of,
    wrap_label,
)
from .periods import error_bars


# --- comparing two periods ----------------------------------------------------------------
@built
def compare_tone_figure(comparison, *, tr: Translator | None = None) -> go.Figure:
    """Mean sentence tone of two periods (or outlets), and the change (difference) with its
    95 % interval (over articles: :func:`tonlage.intervals.shift_interval`).

    ``comparison``: a :class:`tonlage.compare.Comparison`.
    """
    tr = english_if_none(tr)
    words = words_of(comparison)
    fig = Fig()
    base_layout(
        fig,
        tr(words.tone_title),
        tr("Tone (−1 negative … +1 positive)"),
        "",
        height=300,
        legend=False,
    )
    c = comparison
    if not any(c.n_sentences):
        return empty_figure(fig, tr)
    rows = [escape_plot_text(c.a.label, max_len=40), escape_plot_text(c.b.label, max_len=40), tr(words.difference_row)]
    tones = [c.tone[0], c.tone[1]]
    # The labels as the page writes them (+0,05 / −0,04 in German), the change the difference of
    # the two tones as written.
    shown = translator_of(tr).change(c.tone[0], c.tone[1])
    fig.add_trace(
        trace(
            go.Scatter,
            x=tones,
            y=rows[:2],
            mode="markers+text",
            showlegend=False,
            marker=dict(size=16, color=[tone_colour(v) for v in tones], symbol="circle"),
            text=list(shown[:2]),
            textposition="middle right",
            customdata=[
                [
                    translator_of(tr).ngettext("{n} article", "{n} articles", int(na))
                    + ", "
                    + translator_of(tr).ngettext("{n} sentence", "{n} sentences", int(ns))
                ]
                for na, ns in zip(c.n_articles, c.n_sentences)
            ],
            hovertemplate=tr("%{y}<br>tone %{x:+.2f}<br>%{customdata[0]}") + "<extra></extra>",
        )
    )
    if not math.isnan(c.shift):
        low, high = c.shift_low, c.shift_high
        interval = translator_of(tr).interval(low, high)  # as many decimals as keep the ends apart
        fig.add_trace(
            trace(
                go.Scatter,
                x=[c.shift],
                y=rows[2:],
                mode="markers+text",
                showlegend=False,
                marker=dict(size=14, color="#333333", symbol="diamond"),
                error_x=error_bars(c.shift, low, high, color="#333333", thickness=2, width=8),
                text=[shown[2]],
                textposition="top center",
                hovertemplate=(
                    tr(words.difference_hover, low=interval[0], high=interval[1])
                    if not (math.isnan(low) or math.isnan(high))
                    else tr(words.difference_hover_single)
                )
                + "<extra></extra>",
            )
        )
    values = [v for v in (*tones, c.shift, c.shift_low, c.shift_high) if not math.isnan(v)]
    lim = min(1.0, max(0.2, max(abs(v) for v in values) * 1.3 + 0.02))
    fig.update_xaxes(range=[-lim, lim], zeroline=True, zerolinecolor=NEUTRAL, zerolinewidth=1)
    fig.update_yaxes(autorange="reversed")
    return fig


#: Characters a line of a theme's or an actor's name may take on the change chart's axis (on
#: one line a theme's name left the bars ~100 px in a 900 px window).
NAME_LINE = 28


@built
def compare_change_figure(
    table: pd.DataFrame,
    *,
    name_col: str,
    title: str,
    x_title: str,
    tr: Translator | None = None,
    top: int = 10,
    words: CompareWords = PERIODS,
    none: str = "",
) -> go.Figure:
    """What grew and what faded between two periods (or is larger on one side of two outlets:
    ``words``): ``change`` (share b − share a) in percentage points, largest changes first;
    growth blue, decline vermillion. ``none``: the note of a chart with no row (no theme or no
    actor in the articles compared), instead of "no articles"."""
    tr = english_if_none(tr)
    fig = Fig()
    shown = table.dropna(subset=["change"]).head(top) if len(table) else table
    # rows tall enough for a name on two lines (NAME_LINE)
    base_layout(fig, title, x_title, "", height=max(260, 110 + 36 * len(shown)), legend=False)
    if shown.empty:
        return empty_figure(fig, tr, none if len(table) == 0 else "")
    change = [round(float(v) * 100, 1) for v in shown["change"]]
    # The 95% interval of each change where the table has it (shares): a thin line over the
    # bar, and a pale bar when it crosses 0 (that change may be chance), as the findings say.
    has_ends = {"change_low", "change_high"} <= set(shown.columns)
    ends = (
        [(float(lo), float(hi)) for lo, hi in zip(shown["change_low"], shown["change_high"])]
        if has_ends
        else [(math.nan, math.nan)] * len(change)
    )
    sure = [excludes_zero(lo, hi, SHARE_DIGITS) for lo, hi in ends]  # the findings' rule
    low, high = [lo * 100 for lo, _ in ends], [hi * 100 for _, hi in ends]  # on the axis: points
    colour = [POSITIVE if v > 0 else NEGATIVE if v < 0 else NEUTRAL for v in change]
    fig.add_trace(
        trace(
            go.Bar,
            x=change,
            y=[wrap_label(str(v), NAME_LINE, max_lines=2) for v in shown[name_col]],
            orientation="h",
            marker=dict(
                color=colour,
                opacity=[1.0 if ok or not has_ends else 0.4 for ok in sure],
                line=dict(color=colour, width=1),
            ),
            # No interval (a period with fewer than two articles): no whisker; the bar is pale
            # and its hover says why.
            error_x=error_bars(change, low, high, color="#333333", thickness=1.5, width=4, visible=has_ends),
            customdata=[
                [round(float(a) * 100, 1), round(float(b) * 100, 1), _ends(lo, hi, ok, tr, words) if has_ends else ""]
                for a, b, (lo, hi), ok in zip(shown["share_a"], shown["share_b"], ends, sure)
            ],
            hovertemplate=tr(words.share_hover) + "%{customdata[2]}<extra></extra>",
            showlegend=False,
        )
    )
    finite = [abs(v) for v in (*change, *low, *high) if not math.isnan(v)]
    lim = min(105.0, max(5.0, max(finite, default=0.0) * 1.1))
    fig.update_xaxes(
        range=[-lim, lim], zeroline=True, zerolinecolor=NEUTRAL, zerolinewidth=1, ticksuffix=" " + tr("pp")
    )
    fig.update_yaxes(autorange="reversed")
    return fig


def _ends(low: float, high: float, sure: bool, tr: Translator, words: CompareWords) -> str:
    """The hover's line for a change's 95% interval (shares, written in percentage points),
    or nothing; ``sure``: whether it excludes 0."""
    if math.isnan(low) or math.isnan(high):
        return "<br>" + escape_plot_text(tr(words.share_single))
    ends = translator_of(tr).points(low, high)
    text = tr("95% interval {low} … {high} pp", low=ends[0], high=ends[1])
    if not sure:
        text += ": " + tr("may be chance")
    return "<br>" + escape_plot_text(text)


@built
def compare_actor_tone_figure(
    table: pd.DataFrame, *, tr: Translator | None = None, top: int = 10, words: CompareWords = PERIODS
) -> go.Figure:
    """How the tone of the sentences naming each actor moved between two periods: the change
    (tone b − tone a) of the actors whose shift the comparison gave an interval
    (``tone_low``/``tone_high`` of its actor table: named often enough in both periods, moved
    enough), largest first; more positive blue, more negative vermillion, with the interval
    over the bar and a pale bar where it holds 0 (the findings' rule)."""
    from ...compare import tone_shifts

    tr = english_if_none(tr)
    fig = Fig()
    shown = tone_shifts(table).head(top)
    base_layout(
        fig,
        tr(words.actor_tone_title),
        tr(words.actor_tone_axis),
        "",
        height=max(260, 110 + 36 * len(shown)),
        legend=False,
    )
    if shown.empty:
        return empty_figure(fig, tr)
    x = translator_of(tr)
    change = [float(b) - float(a) for a, b in zip(shown["tone_a"], shown["tone_b"])]
    ends = [(float(lo), float(hi)) for lo, hi in zip(shown["tone_low"], shown["tone_high"])]
    sure = [excludes_zero(lo, hi) for lo, hi in ends]
    colour = [POSITIVE if v > 0 else NEGATIVE if v < 0 else NEUTRAL for v in change]
    hover = []
    for a, b, n_a, n_b, (lo, hi), ok in zip(
        shown["tone_a"], shown["tone_b"], shown["sentences_a"], shown["sentences_b"], ends, sure
    ):
        low, high = x.interval(lo, hi)
        text = tr("95% interval {low} … {high}", low=low, high=high) + ("" if ok else ": " + tr("may be chance"))
        hover.append(
            [
                x.signed(float(a)),
                x.signed(float(b)),
                tr("{a} vs {b} sentences", a=x.integer(int(n_a)), b=x.integer(int(n_b))),
                escape_plot_text(text),
            ]
        )
    fig.add_trace(
        trace(
            go.Bar,
            x=change,
            y=[wrap_label(str(v), NAME_LINE, max_lines=2) for v in shown["actor"]],
            orientation="h",
            marker=dict(color=colour, opacity=[1.0 if ok else 0.4 for ok in sure], line=dict(color=colour, width=1)),
            error_x=error_bars(
                change, [lo for lo, _ in ends], [hi for _, hi in ends], color="#333333", thickness=1.5, width=4
            ),
            customdata=hover,
            hovertemplate=tr(words.actor_tone_hover) + "<br>%{customdata[3]}<extra></extra>",
            showlegend=False,
        )
    )
    reach = max(abs(v) for v in (*change, *(lo for lo, _ in ends), *(hi for _, hi in ends)))
    lim = min(2.0, max(0.2, reach * 1.1))
    fig.update_xaxes(range=[-lim, lim], zeroline=True, zerolinecolor=NEUTRAL, zerolinewidth=1)
    fig.update_yaxes(autorange="reversed")
    return fig
