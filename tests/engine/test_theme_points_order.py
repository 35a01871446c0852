"""theme_points takes its rows in an order worked out once per corpus (CorpusIndex.theme_order,
on integers) instead of sorting the finished frame: the same frame as the code it replaced
(written out here as the reference), index included, for article tables in and out of order,
repeated (article, theme) rows, rows of unknown articles, ties of date and id, and filters from
nothing to every article."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from tests.charts.large_corpus import large_corpus
from tonlage.corpus_index import CorpusIndex
from tonlage.present import views
from tonlage.present.types import Filters

_POINT_COLUMNS = ["title", "date", "date_label", "date_precision", "date_note"]


def _old_theme_points(corpus, ids, index) -> pd.DataFrame:
    """views.theme_points as it was before theme_order (main at d435a15)."""
    a = corpus.articles
    keep = index.rows(ids) & a["date"].notna().to_numpy(dtype=bool)
    at = corpus.article_themes
    sel = index.in_view(index.theme_rows, keep)
    rows = index.theme_rows[sel]
    out = at[sel].reset_index(drop=True)
    fields = a[[*_POINT_COLUMNS, "n_sentences"]].iloc[rows].reset_index(drop=True)
    out = pd.concat([out, fields.drop(columns=[c for c in fields if c in out])], axis=1)
    return out.sort_values(["date", "article_id", "theme_id"])


def _base():
    c = large_corpus(800, 6000, n_themes=6, n_actors=5)
    rng = np.random.default_rng(3)
    a = c.articles
    # Many articles on the same day (ties of date, broken by id) and month-only dates.
    a = a.assign(date=a["date"].dt.to_period("M").dt.start_time.where(a.index % 3 == 0, a["date"]))
    a = a.sort_values(["date", "article_id"], na_position="last").reset_index(drop=True)
    c.articles = a
    at = c.article_themes
    # The table in no particular order, an (article, theme) pair repeated, a row of no article.
    extra = pd.DataFrame(
        {"article_id": [at["article_id"].iloc[5], "nobody", at["article_id"].iloc[40]], "theme_id": [1, 0, 2]}
    ).assign(share=[0.25, 0.5, 0.125])
    at = pd.concat([at, extra, at.iloc[[7]]], ignore_index=True)
    c.article_themes = at.iloc[rng.permutation(len(at))].reset_index(drop=True).astype(at.dtypes.to_dict())
    return c


@pytest.fixture(scope="module")
def in_order():
    return _base()


@pytest.fixture(scope="module")
def out_of_order():
    """The article table shuffled: the order is then worked out by sorting (date_rank's other way)."""
    c = copy.copy(_base())
    rng = np.random.default_rng(5)
    c.articles = c.articles.iloc[rng.permutation(len(c.articles))].reset_index(drop=True)
    return c


def _grouped(descending: bool = False, split: bool = False):
    """The article-theme table as the analysis writes it: each article's rows together, by id,
    themes ascending (or descending within an article; or one article's rows in two places)."""
    c = copy.copy(_base())
    at = c.article_themes.sort_values(["article_id", "theme_id"], ascending=[True, not descending], kind="stable")
    if split:
        first = at["article_id"].iloc[0]
        one = at["article_id"] == first
        at = pd.concat([at[one].iloc[1:], at[~one], at[one].iloc[:1]])
    c.article_themes = at.reset_index(drop=True)
    return c


@pytest.fixture(scope="module")
def grouped():
    return _grouped()


@pytest.fixture(scope="module")
def grouped_descending():
    return _grouped(descending=True)


@pytest.fixture(scope="module")
def grouped_split():
    return _grouped(split=True)


FILTERS = [
    Filters(),
    Filters(genres=("commentary",)),
    Filters(date_from="2022-01-01", date_to="2023-06-30", themes=(1, 2)),
    Filters(date_from="2025-12-20"),
    Filters(genres=("no such kind",)),  # nothing in view
]


@pytest.mark.parametrize("which", ["in_order", "out_of_order", "grouped", "grouped_descending", "grouped_split"])
@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_theme_points_are_those_of_the_sort(request, which, f):
    corpus = request.getfixturevalue(which)
    index = CorpusIndex(corpus)
    rows = views.filter_rows(corpus, f, index)
    got = views.theme_points(corpus, rows, index)
    want = _old_theme_points(corpus, rows, CorpusIndex(corpus))
    pd.testing.assert_frame_equal(got, want)
    if f == Filters():
        assert len(got) > 1000 and got["date"].duplicated().any(), "ties of date to order"


def test_the_index_ranks_articles_by_date_and_id(in_order, out_of_order):
    assert (CorpusIndex(in_order).date_rank == np.arange(len(in_order.articles))).all()
    a = out_of_order.articles
    rank = CorpusIndex(out_of_order).date_rank
    dated = a["date"].notna().to_numpy()
    # The dated rows sorted by their rank are the (date, id) pairs sorted.
    by_rank = a.iloc[np.flatnonzero(dated)[np.argsort(rank[dated], kind="stable")]][["date", "article_id"]]
    sorted_pairs = a.loc[dated, ["date", "article_id"]].sort_values(["date", "article_id"])
    pd.testing.assert_frame_equal(by_rank.reset_index(drop=True), sorted_pairs.reset_index(drop=True))
    assert rank[~dated].min() > rank[dated].max()
