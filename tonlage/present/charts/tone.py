"""Tone charts: articles over time, sentences per article, and the shares of negative, neutral and
positive sentences."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...frames import isin
from ...i18n import N_, TONE_LABELS
from ...thresholds import (
    MEAN_TONE_NEUTRAL_BAND,
    MIN_ARTICLE_SENTENCES,
    MIN_POINT_ARTICLES,
)
from ..safe import escape_plot_text
from .base import (
    AGGREGATE_OVER,
    NEUTRAL,
    POINT,
    POINT_BUDGET,
    TONE_COLOURS,
    Fig,
    Translator,
    article_axis_label,
    article_rows_height,
    axis_title,
    base_layout,
    built,
    chart_title,
    date_hover,
    empty_figure,
    english_if_none,
    hover_rows,
    legend_mark,
    legend_text,
    mark_unscored_rows,
    point_symbols,
    sample_keeping_extremes,
    scatter_cls,
    thin_legend,
    tone_axis,
    trace,
    translator_of,
    wrap_label,
)
from .events import add_events, event_range
from .periods import (
    aggregate_articles,
    bucket_frequency,
    dated_rows,
    draws_periods,
    error_bars,
    interval_hovers,
    iso_days,
)


def _outside_mask(dated: pd.DataFrame, outside: tuple[str, ...]) -> pd.Series:
    return isin(dated["article_id"], set(outside)) if len(outside) else pd.Series(False, index=dated.index)


def tone_timeline_periods(articles: pd.DataFrame, outside: tuple[str, ...] = ()) -> str:
    """The periods :func:`tone_timeline_figure` draws for these articles: "W" (weeks), "M"
    (months), or "" when it draws one point per article (outliers are drawn one by one and do
    not count)."""
    if not len(articles):
        return ""
    dated = articles.loc[articles["date"].notna(), ["article_id", "date"]]  # not the text columns
    if not len(dated):
        return ""
    kept = dated[~_outside_mask(dated, outside)]
    return bucket_frequency(kept["date"]) if draws_periods(len(kept)) else ""


@built
def tone_timeline_figure(
    articles: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    tr: Translator | None = None,
    neutral_band: float = MEAN_TONE_NEUTRAL_BAND,
    aggregate_over: int = AGGREGATE_OVER,
    outside: tuple[str, ...] = (),
    outside_rows: pd.DataFrame | None = None,
) -> go.Figure:
    """Article tone over time: one point per article (or per week/month when there are many).

    ``outside``: ids of articles far outside the corpus's main period (tonlage.period): drawn
    one by one as a distinct marker with the legend entry "outside the main period", and left
    out of the weekly/monthly means. ``outside_rows``: their rows with the text columns, when
    ``articles`` has only the numbers (a view drawn as periods:
    :data:`tonlage.present.views.NUMBER_ARTICLE_COLUMNS`).

    Undated articles are left out (the page says how many). Month-precision dates get a
    diamond, dates corrected or inferred (metadata, text) a square; articles with fewer than
    ``MIN_ARTICLE_SENTENCES`` sentences (buckets with fewer than
    ``MIN_POINT_ARTICLES`` articles) are hollow.
    """
    tr = english_if_none(tr)
    fig = Fig()
    base_layout(
        fig,
        tr("Tone of each article over time"),
        tr("Publication date"),
        tr("Tone (−1 negative … +1 positive)"),
        height=460,
    )
    wide = articles
    if len(articles) > aggregate_over:
        # Drawn as periods (unless most are outliers): only the numbers are read, so the text
        # columns of every article in view are not copied (at 100,000 articles a tenth of a
        # first-time filter's run); the few rows drawn one by one come from ``wide``.
        articles = articles[[c for c in ("article_id", "date", "tone", "n_sentences") if c in articles]]
    dated = dated_rows(articles) if len(articles) else articles
    if len(dated) == 0:
        return empty_figure(fig, tr)

    far = _outside_mask(dated, outside)
    if far.any():
        if outside_rows is None:
            _outside_trace(fig, wide.loc[dated.index[far.to_numpy()]], tr)
        else:
            drawn = set(dated.loc[far.to_numpy(), "article_id"])
            _outside_trace(fig, outside_rows[isin(outside_rows["article_id"], drawn).to_numpy(dtype=bool)], tr)
        dated = dated[~far]
        if dated.empty:
            tone_axis(fig, articles.dropna(subset=["date"])["tone"], tr)
            return fig

    # Per-article points above the budget are never drawn, whatever the caller asked for.
    if not draws_periods(len(dated), aggregate_over=aggregate_over) and wide is not articles:
        dated = wide.loc[dated.index]
    if draws_periods(len(dated), aggregate_over=aggregate_over):
        freq = bucket_frequency(dated["date"])
        b = aggregate_articles(dated, freq)
        thin = b["n_articles"] < MIN_POINT_ARTICLES
        # A period's 95 % interval as a bar, where the dot is not hollow (a t interval over two
        # articles spans most of the axis and says only what the hollow dot says).
        low = b["low"].where(~thin).to_numpy(dtype="float64")
        high = b["high"].where(~thin).to_numpy(dtype="float64")
        spans = interval_hovers(low, high, tr)
        cd = [
            ["bucket", s, e, int(n), int(ns), span]
            for s, e, n, ns, span in zip(
                iso_days(b["start"]), iso_days(b["end"]), b["n_articles"].tolist(), b["n_sentences"].tolist(), spans
            )
        ]
        cls = scatter_cls(len(b))
        fig.add_trace(
            trace(
                cls,
                x=b["start"],
                y=b["tone"],
                mode="lines+markers",
                name=legend_text(
                    tr("Mean tone of the articles of that month")
                    if freq == "M"
                    else tr("Mean tone of the articles of that week")
                )
                + "<br>"
                + legend_text(tr("(bar: its 95% interval)")),
                line=dict(color="#BBBBBB", width=1),
                marker=dict(
                    color=POINT,
                    size=8,
                    symbol=point_symbols(thin),
                    line=dict(width=2, color=POINT),
                ),
                error_y=error_bars(b["tone"], low, high, color="#8C8C8C", thickness=1.5, width=3),
                customdata=hover_rows(cd),
                hovertemplate=tr(
                    "<b>Articles from %{customdata[1]} (up to %{customdata[2]})</b><br>Mean tone: %{y:+.2f}<br>%{customdata[5]}<br>%{customdata[3]} articles, %{customdata[4]} sentences"
                )
                + "<extra></extra>",
            )
        )
        title = tr("Mean tone of the articles per month") if freq == "M" else tr("Mean tone of the articles per week")
        fig.update_layout(title=dict(text=chart_title(title)))
        if thin.any():
            thin_legend(fig, tr("Hollow / hatched: based on few articles (fewer than {n})", n=MIN_POINT_ARTICLES))
        # The axis holds the bars too: a bar cut at the edge would hide how far it reaches.
        tone_axis(fig, pd.concat([b["tone"], pd.Series(low), pd.Series(high)]), tr)
        add_events(fig, events, event_range(b["start"]), tr)
        return fig

    dated = dated.sort_values(["date", "article_id"])
    month = dated["date_precision"] == "month"
    # A date that did not come from the file itself (set in metadata or by hand, or inferred
    # from the text) is marked as such, so a reader sees it without hovering.
    fixed = ~month & dated.get("date_source", pd.Series("header", index=dated.index)).isin(
        ["metadata", "text", "edited"]
    )
    groups = (
        (~month & ~fixed, "circle", N_("Article (exact date)")),
        # Why, in the point's hover and the chart's "how to read this" (on a slide, a legend
        # saying "hover" asked for what an image cannot do).
        (fixed, "square", N_("Article (date corrected or inferred)")),
        (month, "diamond", N_("Article (date known to the month only, shown on the 1st)")),
    )
    for mask, symbol, name_key in groups:
        part = dated[mask]
        if part.empty:
            continue
        thin = part["n_sentences"] < MIN_ARTICLE_SENTENCES
        cd = _article_points(part, tr)
        cls = scatter_cls(len(part))
        fig.add_trace(
            trace(
                cls,
                x=part["date"],
                y=part["tone"],
                mode="markers",
                name=legend_text(tr(name_key)),
                marker=dict(
                    symbol=point_symbols(thin, symbol),
                    size=13,
                    color=POINT,
                    opacity=[0.55 if t else 0.95 for t in thin],
                    line=dict(width=2, color=POINT),
                ),
                customdata=hover_rows(cd),
                hovertemplate=tr(
                    "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>Tone: %{y:+.2f}<br>Based on %{customdata[4]} sentences<br><i>Click to read</i>"
                )
                + "<extra></extra>",
            )
        )
    if (dated["n_sentences"] < MIN_ARTICLE_SENTENCES).any():
        thin_legend(
            fig, tr("Hollow / hatched: based on little text (fewer than {n} sentences)", n=MIN_ARTICLE_SENTENCES)
        )
    tone_axis(fig, dated["tone"], tr)
    add_events(fig, events, event_range(dated["date"]), tr)
    return fig


OUTSIDE = "#B5446E"  # the outlier marker's colour: apart from the tone colours and the dots


def _article_points(part: pd.DataFrame, tr: Translator) -> list[list]:
    return [
        [
            "article",
            r.article_id,
            escape_plot_text(r.title, max_len=90),
            date_hover(r._asdict(), tr),
            int(r.n_sentences),
        ]
        for r in part.itertuples(index=False)
    ]


def _outside_trace(fig: go.Figure, part: pd.DataFrame, tr: Translator) -> None:
    """Articles far outside the main period: one crossed marker each, clickable like the others."""
    part = part.sort_values(["date", "article_id"])
    fig.add_trace(
        trace(
            scatter_cls(len(part)),
            x=part["date"],
            y=part["tone"],
            mode="markers",
            name=tr("Article outside the main period"),
            marker=dict(symbol="x", size=13, color=OUTSIDE, line=dict(width=1, color="white")),
            legendrank=1500,  # after the kinds of article dots
            customdata=_article_points(part, tr),
            hovertemplate=tr(
                "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>Far outside the corpus's main period<br>Tone: %{y:+.2f}<br>Based on %{customdata[4]} sentences<br><i>Click to read</i>"
            )
            + "<extra></extra>",
        )
    )


#: A sentence's hover lines, kept for the sentences and the words that moved their scores seen
#: last: half of the sentences share their evidence ("no tone words found", one word's weight),
#: and a new search's latest articles are often some of the last one's. At 101,000 articles
#: the sentence chart of 30 articles took 27-28 ms, 20 ms with this on texts it had not seen
#: and 14 ms on those it had.
_wrapped = lru_cache(maxsize=4096)(wrap_label)


def _shown(message: str, tr: Translator) -> str:
    """An engine message (a sentence's evidence) in the figure's language; a translator that is
    only a callable shows its English text."""
    from ...i18n import Translator as Catalogue

    return tr.message(message) if isinstance(tr, Catalogue) else str(message)


def _neutral_band(fig: Fig, band: float, tr: Translator) -> None:
    """The band of sentence scores that count as neutral, shaded behind the dots, with a legend
    entry that gives its edges."""
    fig.add_items(
        [
            dict(
                type="rect",
                xref="x",
                yref="paper",
                x0=-band,
                x1=band,
                y0=0,
                y1=1,
                fillcolor=TONE_COLOURS["neutral"],
                opacity=0.12,
                line=dict(width=0),
                layer="below",
            )
        ]
    )
    x = translator_of(tr)
    legend_mark(
        fig,
        tr(
            "Neutral band: a sentence scored between {low} and {high} counts as neutral",
            low=x.signed(-band, 2),
            high=x.signed(band, 2),
        ),
        dict(symbol="square", size=14, color=TONE_COLOURS["neutral"], opacity=0.3),
        1900,
    )


@built
def sentence_tone_figure(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    tr: Translator | None = None,
    budget: int = POINT_BUDGET,
    band: float | None = None,
) -> go.Figure:
    """Every sentence's tone as a dot, one row per article, coloured by its label.

    A black tick marks the article's mean (its overall tone). ``band``: the neutral band in
    force (:func:`tonlage.present.views.sentence_band`), shaded grey with a legend entry: a dot
    at +0.55 drawn grey as "neutral" beside an orange one at -0.65 read as a mistake until the
    reader learnt that the band (fitted on labelled news sentences) is ±0.61. With more than ``budget`` marks
    (a few live blogs of a thousand sentences each), a seeded sample of the sentences is drawn
    that keeps each article's most negative and most positive sentence; the subtitle says how
    many of how many, and ``layout.meta["sampled"]`` holds ``[shown, total]``.
    """
    tr = english_if_none(tr)
    fig = Fig()
    n = len(articles)
    base_layout(
        fig,
        tr("Tone of every sentence, per article"),
        tr("Tone (−1 negative … +1 positive)"),
        "",
        height=article_rows_height(n, 56),
    )
    if n == 0 or len(sentences) == 0:
        return empty_figure(fig, tr)
    a = articles.reset_index(drop=True)
    pos = {aid: i for i, aid in enumerate(a["article_id"])}
    shown_titles = {aid: escape_plot_text(title, max_len=70) for aid, title in zip(a["article_id"], a["title"])}
    s = sentences[isin(sentences["article_id"], pos)]
    total = len(s)
    if total + n > budget:
        s = sample_keeping_extremes(s, max(budget - n, 2 * n))
        fig.update_layout(
            title=dict(
                subtitle=dict(
                    text=escape_plot_text(
                        tr(
                            "A sample of {shown} of the {total} sentences (the same on every visit, with each article's most negative and most positive sentence)",
                            shown=len(s),
                            total=total,
                        )
                    ),
                    font=dict(size=13, color="#555555"),
                )
            ),
            margin=dict(t=100),
            meta=dict(sampled=[len(s), total]),
        )
    s = s.copy()
    # Deterministic jitter so dots do not hide each other (no randomness: same picture every run).
    s["y"] = s["article_id"].map(pos) + ((s["sent_idx"] * 0.6180339887) % 1 - 0.5) * 0.5
    for label in ("negative", "neutral", "positive"):
        part = s[s["tone_label"] == label]
        if part.empty:
            continue
        # The columns as plain lists (a walk over Arrow text columns row by row took longer
        # than the lists), each article's title escaped once rather than once per sentence.
        none_found = tr("no tone words found")
        evidence = part["evidence"].tolist()
        # Each explanation shown once per distinct object: taken from the corpus index's codes
        # (CorpusIndex.scored_sentences), the sentences that share one share the object itself,
        # and 2,000 sentences held ~880 of them (16 of 21 ms went to showing each anew).
        shown_ev = {id(ev): ev for ev in evidence}
        shown_ev = {k: _wrapped(_shown(ev, tr) or none_found, 70) for k, ev in shown_ev.items()}
        cd = [
            ["article", aid, shown_titles.get(aid, ""), int(no) + 1, _wrapped(text, 70), shown_ev[id(ev)]]
            for aid, no, text, ev in zip(
                part["article_id"].tolist(), part["sent_idx"].tolist(), part["text"].tolist(), evidence
            )
        ]
        fig.add_trace(
            trace(
                scatter_cls(len(part)),
                x=part["tone"],
                y=part["y"],
                mode="markers",
                name=tr(TONE_LABELS[label]),
                marker=dict(color=TONE_COLOURS[label], size=8, opacity=0.8),
                customdata=hover_rows(cd),
                hovertemplate=tr(
                    "<b>%{customdata[2]}</b>, sentence %{customdata[3]}<br>Tone: %{x:+.2f}<br>%{customdata[4]}<br><i>Words that moved the score:</i> %{customdata[5]}"
                )
                + "<extra></extra>",
            )
        )
    # WebGL dots are drawn above every SVG trace: the ticks go on the same layer after them, or a
    # dense row of dots hides its article's mean.
    gl = any(isinstance(t, go.Scattergl) for t in fig.data)
    fig.add_trace(
        (go.Scattergl if gl else go.Scatter)(
            x=a["tone"],
            y=list(range(n)),
            mode="markers",
            name=tr("Article's overall tone (mean)"),
            marker=dict(symbol="line-ns-open", size=26, color="#000000", line=dict(width=3)),
            customdata=[
                ["article", r.article_id, escape_plot_text(r.title, max_len=70), int(r.n_sentences)]
                for r in a.itertuples(index=False)
            ],
            hovertemplate=tr("<b>%{customdata[2]}</b><br>Overall tone: %{x:+.2f} (mean of %{customdata[3]} sentences)")
            + "<extra></extra>",
        )
    )
    if band is not None and 0 < band < 1:
        _neutral_band(fig, band, tr)
    mark_unscored_rows(fig, a, tr)
    fig.update_yaxes(
        tickvals=list(range(n)),
        ticktext=[article_axis_label(t, d, tr) for t, d in zip(a["title"], a["date_label"])],
        autorange="reversed",
        range=None,
        showgrid=False,
    )
    fig.update_xaxes(
        range=[-1.05, 1.05],
        title=dict(text=axis_title(tr("Tone (−1 negative … +1 positive)"))),
        zeroline=True,
        zerolinecolor=NEUTRAL,
    )
    return fig


@built
def tone_shares_figure(articles: pd.DataFrame, *, tr: Translator | None = None) -> go.Figure:
    """Share of negative / neutral / positive sentences per article (stacked to 100 %)."""
    tr = english_if_none(tr)
    fig = Fig()
    n = len(articles)
    base_layout(
        fig,
        tr("Negative, neutral, positive sentences per article"),
        tr("Share of the article's sentences (%)"),
        "",
        height=article_rows_height(n),
    )
    if n == 0:
        return empty_figure(fig, tr)
    a = articles.reset_index(drop=True)
    # Rows by position, named by tick: as categories, two articles whose names are the same (a
    # title cut short, one date) were stacked into one bar.
    rows = list(range(n))
    thin = a["n_sentences"] < MIN_ARTICLE_SENTENCES
    # Plotly draws a bar trace's legend swatch like its first bar: with a thin article first,
    # "negative", "neutral" and "positive" were hatched like the thin-text note beside them. Then
    # each gets a solid legend-only entry, which shows and hides its bars (one legend group).
    solid_legend = bool(thin.iloc[0])
    for label in ("negative", "neutral", "positive"):
        if solid_legend:
            fig.add_trace(
                trace(
                    go.Bar,
                    x=[None],
                    y=[None],
                    orientation="h",
                    name=tr(TONE_LABELS[label]),
                    marker=dict(color=TONE_COLOURS[label]),
                    legendgroup=label,
                    hoverinfo="skip",
                )
            )
        share = a[f"share_{label}"].astype(float) * 100
        cd = [
            [
                "article",
                r.article_id,
                escape_plot_text(r.title, max_len=70),
                int(r.n_sentences),
                int(round(getattr(r, f"share_{label}") * r.n_sentences)),
            ]
            for r in a.itertuples(index=False)
        ]
        fig.add_trace(
            trace(
                go.Bar,
                x=share,
                y=rows,
                orientation="h",
                name=tr(TONE_LABELS[label]),
                marker=dict(
                    color=TONE_COLOURS[label],
                    pattern=dict(
                        shape=["/" if t else "" for t in thin], fgcolor="#FFFFFF", solidity=0.3, fillmode="overlay"
                    ),
                ),
                legendgroup=label,
                showlegend=not solid_legend,
                customdata=hover_rows(cd),
                hovertemplate=tr(
                    "<b>%{customdata[2]}</b><br>{label}: %{x:.0f}% of %{customdata[3]} sentences (%{customdata[4]})",
                    label=tr(TONE_LABELS[label]),
                )
                + "<extra></extra>",
            )
        )
    if thin.any():
        thin_legend(
            fig,
            tr("Hollow / hatched: based on little text (fewer than {n} sentences)", n=MIN_ARTICLE_SENTENCES),
            bar=True,
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], ticksuffix=translator_of(tr).percent_suffix)
    mark_unscored_rows(fig, a, tr, x=50.0)
    fig.update_yaxes(
        tickvals=rows,
        ticktext=[article_axis_label(t, d, tr) for t, d in zip(a["title"], a["date_label"])],
        autorange="reversed",
    )
    return fig


#: The width of a bar of :func:`tone_spread_figure`: bars are centred on 0, ±0.1, ±0.2 …, so the
#: middle one is the neutral band of a mean tone (±:data:`MEAN_TONE_NEUTRAL_BAND`).
TONE_BIN = 2 * MEAN_TONE_NEUTRAL_BAND
#: Every tone spread shows at least the bars from -0.2 to +0.2, so that a corpus of neutral
#: articles is not drawn as one bar filling the chart.
_SPREAD_MIN_BIN = 2


def tone_bins(tones: pd.Series) -> pd.Series:
    """The bar of :func:`tone_spread_figure` each tone falls in, as an integer (0: the neutral
    middle, -1: the next to its left …); NaN stays NaN. The chart and a click on it
    (:func:`tonlage.present.selection.selected_article_ids`) place an article the same way."""
    return np.floor(pd.to_numeric(tones, errors="coerce") / TONE_BIN + 0.5)


def tone_spread_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The bars of :func:`tone_spread_figure`: per bar (``bin``, from ``low`` to ``high``) the
    articles with enough text (``n_enough``) and with little (``n_thin``, fewer than
    :data:`MIN_ARTICLE_SENTENCES` sentences); articles without a scored sentence are left out."""
    cols = ["bin", "low", "high", "n_enough", "n_thin"]
    bins = tone_bins(articles["tone"]) if len(articles) else pd.Series(dtype=float)
    scored = bins.notna()
    if not scored.any():
        return pd.DataFrame(columns=cols)
    b = bins[scored].astype(int)
    thin = (
        pd.to_numeric(articles.loc[scored, "n_sentences"], errors="coerce").fillna(0) < MIN_ARTICLE_SENTENCES
    ).to_numpy()
    lo, hi = min(int(b.min()), -_SPREAD_MIN_BIN), max(int(b.max()), _SPREAD_MIN_BIN)
    every = pd.RangeIndex(lo, hi + 1)
    enough = b[~thin].value_counts().reindex(every, fill_value=0)
    little = b[thin].value_counts().reindex(every, fill_value=0)
    return pd.DataFrame(
        {
            "bin": every,
            "low": (every - 0.5) * TONE_BIN,
            "high": (every + 0.5) * TONE_BIN,
            "n_enough": enough.to_numpy(),
            "n_thin": little.to_numpy(),
        }
    )


#: How to read :func:`tone_spread_figure`, on the page and in the meeting pack.
TONE_SPREAD_READ = N_(
    "each bar counts the articles whose tone (the mean of their sentences) falls in its range: further left is more negative wording, further right more positive, the grey middle bar neutral."
)

#: The reader's names of :func:`tone_spread_rows`' columns (messages to translate; ``{n}``:
#: :data:`MIN_ARTICLE_SENTENCES`).
TONE_SPREAD_NAMES = {
    "low": N_("Tone from"),
    "high": N_("Tone up to"),
    "n_articles": N_("Articles"),
    "n_thin": N_("Of them, of fewer than {n} sentences"),
}


def tone_spread_rows(articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`tone_spread_table` as a reader reads it: ``low``, ``high`` (rounded), all the
    articles of each bar (``n_articles``) and those of little text among them (``n_thin``)."""
    table = tone_spread_table(articles)
    return pd.DataFrame(
        {
            "low": table["low"].astype(float).round(2),
            "high": table["high"].astype(float).round(2),
            "n_articles": table["n_enough"] + table["n_thin"],
            "n_thin": table["n_thin"],
        }
    )


@built
def tone_spread_figure(articles: pd.DataFrame, *, tr: Translator | None = None) -> go.Figure:
    """How many articles have each tone: one bar per tone range of :data:`TONE_BIN` (the
    middle one the neutral band), coloured negative, neutral or positive, articles with little
    text hatched on top. For a view without dates, where no time axis can be drawn; a click on
    a bar opens its articles (``["tone_bin", bin]``)."""
    tr = english_if_none(tr)
    x = translator_of(tr)
    fig = Fig()
    base_layout(
        fig,
        tr("How negative or positive the articles are"),
        tr("Tone of the article (−1 negative … +1 positive)"),
        tr("Number of articles"),
        height=380,
    )
    table = tone_spread_table(articles)
    if table.empty:
        return empty_figure(fig, tr, tr("No article in view has a scored sentence.") if len(articles) else "")
    centre = table["bin"] * TONE_BIN
    colours = [
        TONE_COLOURS[
            "negative" if c < -MEAN_TONE_NEUTRAL_BAND else "positive" if c > MEAN_TONE_NEUTRAL_BAND else "neutral"
        ]
        for c in centre
    ]
    ranges = [
        tr("Tone {low} … {high}", low=x.signed(lo, 2), high=x.signed(hi, 2))
        for lo, hi in zip(table["low"], table["high"])
    ]
    cd = hover_rows([["tone_bin", int(b), r] for b, r in zip(table["bin"], ranges)])
    for column, name, hatched in (
        ("n_enough", tr("Articles"), False),
        ("n_thin", tr("Articles of fewer than {n} sentences", n=MIN_ARTICLE_SENTENCES), True),
    ):
        if hatched and not table[column].any():
            continue
        fig.add_trace(
            trace(
                go.Bar,
                x=centre,
                y=table[column],
                width=TONE_BIN * 0.9,
                name=legend_text(name),
                marker=dict(
                    color=colours,
                    pattern=dict(shape="/" if hatched else "", fgcolor="#FFFFFF", solidity=0.3, fillmode="overlay"),
                ),
                showlegend=False,
                customdata=cd,
                hovertemplate="<b>%{customdata[2]}</b><br>"
                + (
                    tr("%{y} articles of fewer than {n} sentences: an indication only", n=MIN_ARTICLE_SENTENCES)
                    if hatched
                    else tr("%{y} articles")
                )
                + "<extra></extra>",
            )
        )
    if table["n_thin"].any():
        thin_legend(
            fig, tr("Hatched: articles of little text (fewer than {n} sentences)", n=MIN_ARTICLE_SENTENCES), bar=True
        )
    left_out = int(len(articles) - (table["n_enough"].sum() + table["n_thin"].sum()))
    if left_out:
        legend_mark(
            fig,
            x.ngettext(
                "Not shown: {n} article without a scored sentence",
                "Not shown: {n} articles without a scored sentence",
                left_out,
            ),
            dict(symbol="square", size=1, color="rgba(0,0,0,0)"),
            2100,
        )
    fig.update_layout(barmode="stack", bargap=0, showlegend=bool(table["n_thin"].any() or left_out))
    edge = float(max(abs(table["low"].min()), table["high"].max()))
    ticks = [v / 2 for v in range(-2, 3) if abs(v / 2) <= edge]
    fig.update_xaxes(
        range=[-edge, edge],
        zeroline=False,
        tickvals=ticks,
        ticktext=[x.signed(v, 1) if v else "0" for v in ticks],
    )
    # A count: with few articles a tick a whole article ("1.5 articles" read as a half article).
    tallest = int((table["n_enough"] + table["n_thin"]).max())
    fig.update_yaxes(rangemode="tozero", **(dict(dtick=1) if tallest <= 5 else {}))
    return fig
