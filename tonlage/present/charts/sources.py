"""Tone by source: the mean tone of each outlet's articles in view, so a reader can see whether
one publication words the subject more negatively than another."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...frames import source_numbers
from ...i18n import N_
from ...intervals import excludes_zero, weighted_mean_intervals
from ...thresholds import MEAN_TONE_NEUTRAL_BAND, MIN_POINT_ARTICLES
from ..safe import escape_plot_text
from .base import (
    NEUTRAL,
    POINT,
    Fig,
    Translator,
    base_layout,
    built,
    empty_figure,
    english_if_none,
    error_bars,
    hover_rows,
    interval_hovers,
    thin_legend,
    tone_colour,
    translator_of,
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
            its number in ``names`` (-1 when unknown: :attr:`tonlage.frames.CorpusIndex.source_codes`,
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
    "each bar is the mean tone of one source's articles in view, the thin line its 95% interval; the dotted line is all articles in view. Where two intervals overlap, the difference between those sources may be chance. Pale bars: the interval holds 0. Hatched: fewer than {n} articles."
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
        go.Bar(
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
            go.Scatter(
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
