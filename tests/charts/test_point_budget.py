"""No chart sends more than CHART_POINT_BUDGET marks to the browser, on a large archive.

Every chart of the app is built from a synthetic analysed corpus (tests/charts/large_corpus.py)
the way its page builds it: 15,000 articles / 150,000 sentences in the quick suite, 60,000 /
600,000 marked slow (~15 s on a quiet machine, twice that on a busy one).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from frames import many_articles
from large_corpus import app_figures, count_points, large_corpus

from tonlage.present import charts
from tonlage.present.charts.base import sample_keeping_extremes
from tonlage.thresholds import CHART_POINT_BUDGET


def test_count_points_counts_the_longest_array_of_every_trace():
    fig = go.Figure(
        [
            go.Scatter(x=[1, 2, 3], y=[1, 2, 3]),
            go.Scattergl(x=list(range(10)), y=list(range(10))),
            go.Bar(x=[1, 2], y=["a", "b"], orientation="h"),
            go.Pie(values=[1, 2, 3, 4], labels=list("abcd")),
            go.Scatter(x=[None], y=[None]),  # legend-only
            go.Scatter(y=[5, 6, 7, 8, 9]),  # y only
        ]
    )
    assert count_points(fig) == 3 + 10 + 2 + 4 + 1 + 5


@pytest.fixture(
    scope="module",
    params=[
        # a quarter of the archive in the quick suite (~5 s here; the 60 long articles are all in it)
        pytest.param((15_000, 150_000), id="15k-articles"),
        pytest.param((60_000, 600_000), id="60k-articles", marks=pytest.mark.slow),
    ],
)
def big(request):
    n_articles, n_sentences = request.param
    corpus = large_corpus(n_articles, n_sentences)
    assert len(corpus.articles) == n_articles and len(corpus.sentences) >= n_sentences
    return corpus


@pytest.fixture(scope="module")
def makers(big):
    return app_figures(big)


@pytest.fixture(scope="module")
def figures(makers):
    return {name: make() for name, make in makers.items()}


def test_every_chart_stays_within_the_point_budget(figures):
    points = {name: count_points(fig) for name, fig in figures.items()}
    over = {name: n for name, n in points.items() if n > CHART_POINT_BUDGET}
    assert not over, f"over {CHART_POINT_BUDGET:,} points: {over}"
    assert len(points) >= 17  # every chart of the app was built
    assert all(n > 0 for n in points.values()), points


def test_the_large_sentence_chart_is_a_seeded_sample_that_says_so(makers, figures):
    fig = figures["tone/sentences (30 longest)"]
    shown, total = fig.layout.meta["sampled"]
    assert shown < total and total > CHART_POINT_BUDGET
    assert str(shown // 1000) in fig.layout.title.subtitle.text
    assert any(t.type == "scattergl" for t in fig.data)
    assert fig.data[-1].type == "scattergl"  # the mean ticks on the WebGL layer, above the dots
    # every dot still opens its article
    ids = {row[1] for t in fig.data if t.customdata is not None for row in t.customdata if row[0] == "article"}
    assert len(ids) == 30
    # the same picture on every run
    again = makers["tone/sentences (30 longest)"]()
    assert [list(t.x) for t in again.data] == [list(t.x) for t in fig.data]


def test_small_sentence_charts_are_drawn_in_full(figures):
    fig = figures["tone/sentences (30 most recent)"]
    assert not (fig.layout.meta or {}).get("sampled")
    assert not fig.layout.title.subtitle.text
    assert {t.type for t in fig.data} == {"scatter"}


def test_sample_keeps_each_groups_extremes_and_order():
    rows = pd.DataFrame(
        {
            "article_id": ["a"] * 500 + ["b"] * 500,
            "tone": [i / 500 - 0.5 for i in range(500)] + [0.0] * 499 + [0.9],
        }
    )
    got = sample_keeping_extremes(rows, 50)
    assert len(got) == 50
    assert got.index.is_monotonic_increasing
    for aid, part in rows.groupby("article_id"):
        assert part["tone"].min() in set(got.loc[got["article_id"] == aid, "tone"])
        assert part["tone"].max() in set(got.loc[got["article_id"] == aid, "tone"])
    assert sample_keeping_extremes(rows, 50).index.equals(got.index)
    assert sample_keeping_extremes(rows, 5_000) is rows


def test_timeline_aggregates_above_the_budget_whatever_the_caller_asks():
    a = many_articles(CHART_POINT_BUDGET + 500, days=700)
    fig = charts.tone_timeline_figure(a, aggregate_over=10**9)
    assert count_points(fig) <= CHART_POINT_BUDGET
    assert fig.data[0].customdata[0][0] == "bucket"  # a click lists the articles of that period
