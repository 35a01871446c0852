"""theme_time_figure groups the theme points once (all themes together) instead of filtering and
sorting the whole table per theme: the same figure, to the last digit and in every trace, as the
builder it replaced (written out below as the reference), for sorted and shuffled tables, weeks
and months, per-article points, repeated rows, missing shares, an article under two dates, and
views from nothing to every article."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.charts.large_corpus import large_corpus
from tonlage.corpus_index import CorpusIndex
from tonlage.i18n import Translator
from tonlage.intervals import share_mean_intervals
from tonlage.present import views
from tonlage.present.charts import theme_time_figure, theme_time_periods, theme_time_table
from tonlage.present.charts.base import (
    AGGREGATE_OVER,
    DENSE_POINTS,
    THEME_COLOURS,
    Fig,
    base_layout,
    built,
    date_hover,
    empty_figure,
    english_if_none,
    legend_text,
    line_marker_size,
    point_symbols,
    scatter_cls,
    thin_legend,
    translator_of,
)
from tonlage.present.charts.events import add_events, event_range
from tonlage.present.charts.periods import bucket_start, draws_periods, error_bars
from tonlage.present.charts.themes import (
    THEME_DODGE,
    THEME_DOT_SHARE,
    THEME_DOTS_FROM,
    share_hovers,
    theme_bucket_frequency,
    theme_row_dot_sizes,
)
from tonlage.present.safe import escape_plot_text
from tonlage.present.types import Filters
from tonlage.thresholds import MIN_ARTICLE_SENTENCES, MIN_POINT_ARTICLES, THEME_TIME_LINES


# The builder as it was (main at d435a15), unchanged but for this comment, its dots' size and
# the later changes marked in it.
@built
def old_theme_time_figure(
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
    dots = not bucketed and tp["article_id"].nunique() >= THEME_DOTS_FROM
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
            # The periods' length as the chart chooses it for themes (weeks, or months where weeks
            # hold few articles); the grouping below is the old one.
            freq = theme_bucket_frequency(tp["date"], tp["article_id"].nunique())
            part = part.assign(start=bucket_start(part["date"], freq))
            g = part.groupby("start").agg(share=("share", "mean"), n_articles=("article_id", "nunique")).reset_index()
            step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
            thin = g["n_articles"] < MIN_POINT_ARTICLES
            # (each period's 95% interval, dodged and in the hover: a later change on purpose,
            # worked out here per theme with pandas)
            by = part["share"].astype("float64").groupby(part["start"])
            n, total, squares = (
                by.count(),
                by.sum(),
                (part["share"].astype("float64") ** 2).groupby(part["start"]).sum(),
            )
            low, high = share_mean_intervals(
                n.to_numpy(), total.to_numpy(), squares.to_numpy(), n.sum(), total.sum(), squares.sum()
            )
            low, high = np.where(thin, np.nan, low), np.where(thin, np.nan, high)
            cd = [
                ["bucket", f"{s:%Y-%m-%d}", f"{s + step:%Y-%m-%d}", int(n), name, span]
                for s, n, span in zip(g["start"], g["n_articles"], share_hovers(low, high, tr))
            ]
            n_themes = tp["theme_id"].nunique()
            shift = (i / (n_themes - 1) - 0.5) * THEME_DODGE if n_themes > 1 else 0.0
            x, y, hover = (
                pd.Series([s + (s + step - s) * (0.5 + shift) for s in g["start"]]),
                g["share"] * 100,
                tr(
                    "<b>%{customdata[4]}</b><br>Articles from %{customdata[1]} (up to %{customdata[2]})<br>Mean share: %{y:.0f}% over %{customdata[3]} articles"
                )
                + "<br>%{customdata[5]}",
            )
            bars = error_bars(y, low * 100, high * 100, color=colour, thickness=1.2, width=2)
        else:
            # (dots without lines from THEME_DOTS_FROM articles, small shares left out: a later
            # change on purpose; since drawn a row per theme, compared in _same_rows)
            if dots:
                part = part[part["share"] >= THEME_DOT_SHARE]
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
                tr("<b>%{customdata[4]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>Share of the text: %{y:.0f}%"),
            )
            bars = None
        any_thin |= bool(thin.any())
        if tid in drawn and len(y):
            top = max(top, float(pd.Series(y).max()))
            if bars is not None and not np.isnan(high).all():
                top = max(top, float(np.nanmax(high)) * 100)
        few = not bucketed and len(x) < 10  # a line through a handful of articles: faint and dotted
        fig.add_trace(
            scatter_cls(len(x))(
                x=x,
                y=y,
                mode="markers" if dots else "lines+markers",
                name=name,
                line=dict(
                    color=colour,
                    width=1 if few else 2,
                    dash="dot" if few else "dash" if i >= len(THEME_COLOURS) else "solid",
                ),
                marker=dict(
                    color=colour,
                    # (dense lines' smaller dots, a later change on purpose: base.line_marker_size)
                    size=line_marker_size(len(x), 10),
                    line=dict(width=2 if len(x) <= DENSE_POINTS else 1, color=colour),
                    # (one symbol for a line whose points all have it, a later change on
                    # purpose: base.point_symbols)
                    symbol=point_symbols(thin),
                ),
                error_y=bars,
                customdata=cd,
                hovertemplate=hover + "<extra></extra>",
                visible=True if tid in drawn else "legendonly",
            )
        )
    if len(largest) > len(drawn):
        fig.update_layout(
            legend_title_text=legend_text(  # wrapped since (a narrow chart cut it off)
                tr(
                    "The {n} largest of {total} themes are drawn; click a name to show or hide its dots.",
                    n=len(drawn),
                    total=len(largest),
                )
                if dots  # (a later change on purpose, with the dots)
                else tr(
                    "The {n} largest of {total} themes are drawn; click a name to show or hide its line.",
                    n=len(drawn),
                    total=len(largest),
                )
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
    # (the language's own percent sign, "%" in English, a later change on purpose)
    fig.update_yaxes(
        range=[0, min(100, max(10, math.ceil(top * 1.15 / 10) * 10))], ticksuffix=translator_of(tr).percent_suffix
    )
    add_events(fig, events, event_range(tp["date"]), tr)
    return fig


@pytest.fixture(scope="module")
def corpus():
    return large_corpus(3000, 20_000, n_themes=9, n_actors=5, days=3 * 365)


@pytest.fixture(scope="module")
def short_corpus():
    """Under two years: weekly buckets."""
    return large_corpus(1200, 8000, n_themes=5, n_actors=5, days=400, seed=4)


FILTERS = [
    Filters(),
    Filters(genres=("commentary",)),
    Filters(date_from="2021-01-01", date_to="2021-06-30", themes=(1, 2)),
    Filters(date_from="2022-12-20"),  # a handful of articles: a point per article
    Filters(genres=("no such kind",)),  # nothing in view
]


def _same(tp: pd.DataFrame, themes: pd.DataFrame, **kw) -> go.Figure:
    import json

    got = theme_time_figure(tp, themes, **kw)
    want = old_theme_time_figure(tp, themes, **kw)
    g, w = json.loads(got.to_json()), json.loads(want.to_json())
    if "tickvals" in g["layout"]["yaxis"]:
        _same_rows(g, w)
    else:
        # Numbers to 1e-9: the intervals' sums are pandas' here (compensated), numpy's in the chart.
        _close(g, w)
    return got


def _numbers(values) -> np.ndarray:
    """A trace's array as Plotly's JSON writes it (a list, or base64 ``bdata``)."""
    if isinstance(values, dict):
        import base64

        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return np.asarray(values)


def _same_rows(got: dict, want: dict) -> None:
    """The chart drawn a row per theme (a later change on purpose: the reference draws the same
    dots at the height of their share) has the reference's dots: in each theme the same
    articles at the same dates, in the same order, on the theme's row, the share in the dot's
    size."""
    themes_got = [t for t in got["data"] if "customdata" in t]
    themes_want = [t for t in want["data"] if "customdata" in t]
    assert [t["name"] for t in themes_got] == [t["name"] for t in themes_want]
    assert any(len(t["customdata"]) for t in themes_want)
    for row, (g, w) in enumerate(zip(themes_got, themes_want)):
        assert [r[:5] for r in g["customdata"]] == w["customdata"]
        if not len(w["customdata"]):
            continue
        _close(g["x"], w["x"])
        assert set(_numbers(g["y"]).tolist()) == {row}
        shares = _numbers(w["y"]).astype("float64") / 100  # (float32 shares: the reference's y in float32)
        assert np.allclose(_numbers(g["marker"]["size"]).astype("float64"), theme_row_dot_sizes(shares), rtol=1e-6)


def _points(fig: go.Figure) -> int:
    return sum(len(t.x) for t in fig.data if t.x is not None and t.x[0] is not None)


@pytest.mark.parametrize("which", ["corpus", "short_corpus"])
@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_theme_time_figure_is_the_old_one(request, which, f):
    c = request.getfixturevalue(which)
    tp = views.theme_points(c, views.filter_rows(c, f, CorpusIndex(c)), CorpusIndex(c))
    fig = _same(tp, c.themes, events=c.events, tr=Translator("de"))
    if f == Filters():
        assert _points(fig) > 50  # short_corpus: months (its weeks hold few articles)
    # Shuffled rows (a table not sorted by date and id) give the same figure too.
    shuffled = tp.iloc[np.random.default_rng(1).permutation(len(tp))]
    _same(shuffled, c.themes, tr=Translator("en"))
    _same(tp, c.themes, aggregate_over=10**6)  # a point per article, as on a small corpus
    _same(tp.astype({"share": "float32"}), c.themes)  # shares as a kept-theme analysis gives them


@pytest.mark.slow
def test_repeated_rows_missing_shares_and_ties(corpus):
    tp = views.theme_points(corpus, np.ones(len(corpus.articles), dtype=bool), CorpusIndex(corpus))
    rng = np.random.default_rng(2)
    twice = tp.iloc[rng.integers(0, len(tp), 300)]  # an (article, theme) row twice: one article
    tp2 = pd.concat([tp, twice]).sort_values(["date", "article_id", "theme_id"], kind="stable")
    tp2.loc[tp2.index[:50], "share"] = np.nan
    _same(tp2, corpus.themes)
    _same(tp2, corpus.themes, aggregate_over=10**6)
    # An article under two dates (not from theme_points, but a table the builder may get): one
    # (article, theme) row again two days later in the same month, other articles between. Its
    # rows are no longer neighbours, and it is still counted once in the month.
    day = tp2["date"].dt.day
    row = tp2[(day > 3) & (day < 20)].iloc[[0]]
    later = row.assign(date=row["date"] + pd.Timedelta(days=2))
    between = tp2[(tp2["theme_id"] == row["theme_id"].iloc[0]) & (tp2["date"] > row["date"].iloc[0])]
    assert (between["date"] < later["date"].iloc[0]).any(), "not neighbours"
    odd = pd.concat([tp2, later]).sort_values(["date", "article_id"], kind="stable")
    _same(odd, corpus.themes)
    _same(odd.iloc[::-1], corpus.themes)
    # ... and in another month: counted in both.
    month_later = row.assign(date=row["date"] + pd.Timedelta(days=40))
    _same(pd.concat([tp2, month_later]).sort_values(["date", "article_id"], kind="stable"), corpus.themes)
    # Every share of a theme missing, one theme only, one row, nothing.
    none_ = tp.assign(share=tp["share"].where(tp["theme_id"] != 2))
    _same(none_, corpus.themes)
    _same(tp[tp["theme_id"] == 3], corpus.themes)
    _same(tp.iloc[:1], corpus.themes)
    _same(tp.iloc[:0], corpus.themes)


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_shares_without_text_draw_the_same_periods(corpus, f):
    """The app gives the chart drawn as periods the theme points without the articles' text
    (views.theme_points(text=False)): the same figure; and theme_time_table lists its points."""
    index = CorpusIndex(corpus)
    rows = views.filter_rows(corpus, f, index)
    full = views.theme_points(corpus, rows, index)
    light = views.theme_points(corpus, rows, index, text=False)
    pd.testing.assert_frame_equal(light, full[["article_id", "theme_id", "share", "date"]])
    fig = theme_time_figure(full, corpus.themes, aggregate_over=0)
    assert theme_time_figure(light, corpus.themes, aggregate_over=0).to_json() == fig.to_json()
    table = theme_time_table(light)
    lines = [t for t in fig.data if t.customdata is not None and len(t.customdata)]
    labels = dict(zip(corpus.themes["label"], corpus.themes["theme_id"]))
    drawn = [
        (labels[t.name], c[1], c[2], round(float(y), 9), int(c[3])) for t in lines for c, y in zip(t.customdata, t.y)
    ]
    listed = [
        (int(r.theme_id), f"{r.start:%Y-%m-%d}", f"{r.end:%Y-%m-%d}", round(r.share * 100, 9), int(r.n_articles))
        for r in table.itertuples()
    ]
    assert listed == drawn
    if f == Filters():
        assert len(listed) > 50


def test_many_themes_make_the_chart_taller_not_the_plot_thinner():
    """25 themes: nine legend rows took 330 of the chart's 480 px; the chart grows instead,
    and is otherwise the old one."""
    c = large_corpus(2000, 10_000, n_themes=25, n_actors=5)
    tp = views.theme_points(c, np.ones(len(c.articles), dtype=bool), CorpusIndex(c))
    got, want = theme_time_figure(tp, c.themes), old_theme_time_figure(tp, c.themes)
    assert want.layout.height == 480 and got.layout.height >= 480 + 6 * 20
    _close(json.loads(got.update_layout(height=480).to_json()), json.loads(want.to_json()))


def _close(got, want, path="fig") -> None:
    """Two figure specs (parsed JSON) equal, numbers to 1e-9 (sums in another order), NaN where
    the other has NaN."""
    if isinstance(want, dict) and "bdata" in want:  # a number array as Plotly sends it
        import base64

        g, w = (np.frombuffer(base64.b64decode(x["bdata"]), dtype=x["dtype"]) for x in (got, want))
        assert got["dtype"] == want["dtype"] and np.allclose(g, w, rtol=1e-9, atol=1e-12, equal_nan=True), (
            path,
            g,
            w,
        )
    elif isinstance(want, float) or isinstance(got, float):
        assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12), (path, got, want)
    elif isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), (path, sorted(got), sorted(want))
        for k in want:
            _close(got[k], want[k], f"{path}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), (path, got, want)
        for i, (g, w) in enumerate(zip(got, want)):
            _close(g, w, f"{path}[{i}]")
    else:
        assert got == want, (path, got, want)


@pytest.mark.parametrize("which", ["corpus", "short_corpus"])
@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_periods_from_the_theme_matrix_are_those_of_the_rows(request, which, f):
    """The app sums a large view's themes per article from the theme matrix
    (views.theme_periods), not from its article × theme rows: the same chart drawn as periods,
    the same table behind it and the same decision to draw periods, to the last bits of a float
    (months and weeks, a view of one theme's articles, an empty view)."""
    import json

    c = request.getfixturevalue(which)
    index = CorpusIndex(c)
    rows = views.filter_rows(c, f, index)
    rows_ = views.theme_points(c, rows, index, text=False)
    summed = views.theme_periods(c, rows, index)
    assert theme_time_periods(summed) == theme_time_periods(rows_)
    for lang in ("en", "de"):
        want = theme_time_figure(rows_, c.themes, events=c.events, tr=Translator(lang), aggregate_over=0)
        got = theme_time_figure(summed, c.themes, events=c.events, tr=Translator(lang))
        _close(json.loads(got.to_json()), json.loads(want.to_json()))
    want_table, got_table = theme_time_table(rows_), theme_time_table(summed)
    pd.testing.assert_frame_equal(got_table, want_table, check_exact=False, rtol=1e-12, check_dtype=len(want_table) > 0)
    if f == Filters():
        assert (
            len(got_table) > 50 and summed.n_points == len(rows_) and summed.n_articles == rows_["article_id"].nunique()
        )


def test_a_row_without_a_share_keeps_the_rows_way(corpus):
    """The matrix leaves a row without a share out, the rows count its article: such a corpus's
    view is given as its rows, which the chart takes as before."""
    import copy

    c = copy.copy(corpus)
    c.article_themes = corpus.article_themes.copy()
    c.article_themes.loc[c.article_themes.index[:5], "share"] = np.nan
    index = CorpusIndex(c)
    every = np.ones(len(c.articles), dtype=bool)
    got = views.theme_periods(c, every, index)
    pd.testing.assert_frame_equal(got, views.theme_points(c, every, index, text=False))
    dated = views.theme_points(corpus, every, CorpusIndex(corpus), text=False)
    assert views.theme_periods(corpus, every, CorpusIndex(corpus)).n_points == len(dated) > 0
