"""Theme charts: share over time, top terms with their weights, tone per theme, and weight."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ...thresholds import (
    MEAN_TONE_NEUTRAL_BAND,
    MIN_ARTICLE_SENTENCES,
    MIN_POINT_ARTICLES,
    THEME_TIME_LINES,
)
from ..safe import escape_plot_text
from .base import (
    AGGREGATE_OVER,
    NEUTRAL,
    THEME_COLOURS,
    Fig,
    Translator,
    add_events,
    base_layout,
    bucket_frequency,
    bucket_start,
    built,
    date_hover,
    draws_periods,
    empty_figure,
    english_if_none,
    event_range,
    scatter_cls,
    thin_legend,
    tone_colour,
)


def theme_time_periods(theme_points: pd.DataFrame) -> bool:
    """Whether :func:`theme_time_figure` draws periods for these points."""
    tp = theme_points.dropna(subset=["date"]) if len(theme_points) else theme_points
    return len(tp) > 0 and draws_periods(tp["article_id"].nunique(), len(tp))


@built
def theme_time_figure(
    theme_points: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    tr: Translator | None = None,
    aggregate_over: int = AGGREGATE_OVER,
) -> go.Figure:
    """Theme share over time: one line per theme.

    ``theme_points`` is long: ``article_id, date, date_label, date_precision, date_note,
    title, n_sentences, theme_id, share`` (dated articles only). Above ``aggregate_over``
    articles, shares are averaged per week/month bucket.
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
    tp = theme_points.dropna(subset=["date"]) if len(theme_points) else theme_points
    if len(tp) == 0 or len(themes) == 0:
        return empty_figure(fig, tr)
    labels = dict(zip(themes["theme_id"], themes["label"]))
    bucketed = draws_periods(tp["article_id"].nunique(), len(tp), aggregate_over)  # a point per article and theme
    any_thin = False
    # Many themes: the largest few drawn, the others in the legend to click on (THEME_TIME_LINES)
    largest = tp.groupby("theme_id")["share"].mean().sort_values(ascending=False, kind="mergesort")
    drawn = set(largest.index[:THEME_TIME_LINES])
    top = 0.0
    for i, tid in enumerate(sorted(tp["theme_id"].unique())):
        part = tp[tp["theme_id"] == tid].sort_values(["date", "article_id"])
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        name = escape_plot_text(labels.get(tid, str(tid)), max_len=40)
        if bucketed:
            freq = bucket_frequency(tp["date"])
            part = part.assign(start=bucket_start(part["date"], freq))
            g = part.groupby("start").agg(share=("share", "mean"), n_articles=("article_id", "nunique")).reset_index()
            step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
            thin = g["n_articles"] < MIN_POINT_ARTICLES
            cd = [
                ["bucket", f"{s:%Y-%m-%d}", f"{s + step:%Y-%m-%d}", int(n), name]
                for s, n in zip(g["start"], g["n_articles"])
            ]
            x, y, hover = (
                g["start"],
                g["share"] * 100,
                tr(
                    "<b>%{customdata[4]}</b><br>Articles from %{customdata[1]} (up to %{customdata[2]})<br>Mean share: %{y:.0f} % over %{customdata[3]} articles"
                ),
            )
        else:
            thin = part["n_sentences"] < MIN_ARTICLE_SENTENCES
            cd = [
                [
                    "article",
                    r.article_id,
                    escape_plot_text(r.title, max_len=70),
                    date_hover(pd.Series(r._asdict()), tr),
                    name,
                ]
                for r in part.itertuples(index=False)
            ]
            x, y, hover = (
                part["date"],
                part["share"] * 100,
                tr("<b>%{customdata[4]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>Share of the text: %{y:.0f} %"),
            )
        any_thin |= bool(thin.any())
        if tid in drawn and len(y):
            top = max(top, float(pd.Series(y).max()))
        few = len(x) < 10  # a line through a handful of articles is no trend: draw it faint and dotted
        fig.add_trace(
            scatter_cls(len(x))(
                x=x,
                y=y,
                mode="lines+markers",
                name=name,
                line=dict(color=colour, width=1 if few else 2, dash="dot" if few else "solid"),
                marker=dict(
                    color=colour,
                    size=10,
                    line=dict(width=2, color=colour),
                    symbol=["circle-open" if t else "circle" for t in thin],
                ),
                customdata=cd,
                hovertemplate=hover + "<extra></extra>",
                visible=True if tid in drawn else "legendonly",
            )
        )
    if len(largest) > len(drawn):
        fig.update_layout(
            legend_title_text=tr(
                "The {n} largest of {total} themes are drawn; click a name to show or hide its line.",
                n=len(drawn),
                total=len(largest),
            )
        )
    if any_thin:
        thin_legend(
            fig,
            tr("Hollow / hatched: based on few articles (fewer than {n})", n=MIN_POINT_ARTICLES)
            if bucketed
            else tr("Hollow / hatched: based on little text (fewer than {n} sentences)", n=MIN_ARTICLE_SENTENCES),
        )
    # Up to the largest drawn share, not always 100 %: at 25 themes every line lay under 20 %
    fig.update_yaxes(range=[0, min(100, max(10, math.ceil(top * 1.15 / 10) * 10))], ticksuffix=" %")
    add_events(fig, events, event_range(tp["date"]), tr)
    return fig


@built
def theme_terms_figure(
    themes: pd.DataFrame, *, tr: Translator | None = None, n_terms: int = 8, cols: int = 3
) -> go.Figure:
    """Small multiples: the top terms of every theme with their weight in the theme.

    Panels are laid out by hand (axis domains) rather than with make_subplots, which is slow.
    """
    tr = english_if_none(tr)
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
        height=140 + 280 * rows,
        legend=False,
    )
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
        title = (
            "<b>"
            + escape_plot_text(tr("Theme {n}", n=int(r.theme_id) + 1))
            + "</b><br>"
            + escape_plot_text(r.label, max_len=40)
        )
        fig.add_trace(
            go.Bar(
                x=[w / total * 100 for w in weights],
                y=[escape_plot_text(t) for t in terms],
                orientation="h",
                marker=dict(color=THEME_COLOURS[i % len(THEME_COLOURS)]),
                showlegend=False,
                name=title,
                customdata=[["theme", int(r.theme_id)]] * len(terms),
                xaxis=f"x{k}",
                yaxis=f"y{k}",
                hovertemplate=tr("<b>%{y}</b>: %{x:.0f} % of the shown terms' weight") + "<extra></extra>",
            )
        )
        fig.layout[f"xaxis{k}"] = dict(
            domain=[x0, x0 + width],
            anchor=f"y{k}",
            ticksuffix=" %",
            showgrid=False,
            linecolor="#BBBBBB",
            rangemode="tozero",
            title=dict(text=tr("Weight in the theme (% of shown terms)")) if i == titled_panel else None,
        )
        fig.layout[f"yaxis{k}"] = dict(
            domain=[y1 - height, y1], anchor=f"x{k}", autorange="reversed", gridcolor="#EEEEEE"
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
    """Mean tone per theme (share-weighted), hatched when fewer than ``MIN_POINT_ARTICLES`` articles.

    ``theme_table``: ``theme_id, label, tone, n_articles`` (articles whose main theme it is).
    """
    tr = english_if_none(tr)
    fig = Fig()
    n = len(theme_table)
    base_layout(
        fig,
        tr("Tone of the articles by main theme"),
        tr("Tone (−1 negative … +1 positive)"),
        "",
        height=max(300, 110 + 44 * n),
    )
    if n == 0:
        return empty_figure(fig, tr)
    table = theme_table.sort_values("theme_id").reset_index(drop=True)
    thin = table["n_articles"] < MIN_POINT_ARTICLES
    fig.add_trace(
        go.Bar(
            x=table["tone"],
            y=[
                escape_plot_text(tr("Theme {n}", n=int(i) + 1) + ": " + str(lab), max_len=44)
                for i, lab in zip(table["theme_id"], table["label"])
            ],
            orientation="h",
            name=tr("Tone"),
            showlegend=False,
            marker=dict(
                color=[tone_colour(v, neutral_band) for v in table["tone"]],
                pattern=dict(shape=["/" if x else "" for x in thin], fgcolor="#FFFFFF", solidity=0.4),
            ),
            customdata=[["theme", int(r.theme_id), int(r.n_articles)] for r in table.itertuples(index=False)],
            hovertemplate=tr("<b>%{y}</b><br>Tone: %{x:+.2f}<br>Main theme of %{customdata[2]} articles")
            + "<extra></extra>",
        )
    )
    if thin.any():
        thin_legend(fig, tr("Hollow / hatched: based on few articles (fewer than {n})", n=MIN_POINT_ARTICLES), bar=True)
        fig.update_layout(showlegend=True)
    lim = min(1.0, max(0.2, float(table["tone"].abs().max()) * 1.25 + 0.02))
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
        go.Bar(
            x=table["share"] * 100,
            y=[
                escape_plot_text(tr("Theme {n}", n=int(i) + 1) + ": " + str(lab), max_len=44)
                for i, lab in zip(table["theme_id"], table["label"])
            ],
            orientation="h",
            showlegend=False,
            name=tr("Share"),
            marker=dict(color=[THEME_COLOURS[int(i) % len(THEME_COLOURS)] for i in table["theme_id"]]),
            customdata=[["theme", int(r.theme_id), int(r.n_articles)] for r in table.itertuples(index=False)],
            hovertemplate=tr(
                "<b>%{y}</b><br>Covers %{x:.0f} % of the text on average<br>Main theme of %{customdata[2]} articles"
            )
            + "<extra></extra>",
        )
    )
    fig.update_xaxes(ticksuffix=" %", rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return fig
