"""The article x theme shares table (theme_step.theme_frames) is the table its rows describe: each
article's id repeated once a theme, whatever the number of articles and themes."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from tonlage.analysis.theme_step import theme_frames
from tonlage.model import ARTICLE_THEME_COLUMNS


@pytest.mark.parametrize("n,k", [(4, 3), (1, 1), (0, 5), (3, 0), (0, 0)])
def test_article_themes_rows_are_each_article_once_a_theme(n, k):
    raws = [SimpleNamespace(article_id=f"a-{i}") for i in range(n + 2)]
    usable = list(range(1, n + 1))  # the first and the last article have no themes
    shares = np.random.default_rng(0).random((n, k)).astype(np.float32)
    model = SimpleNamespace(
        n_themes_=k,
        shares_=shares,
        labels_=[f"t{j}" for j in range(k)],
        terms_=[[]] * k,
        term_weights_=[[]] * k,
        stability_=[0.5] * k,
    )
    _, got = theme_frames(raws, usable, model)
    ids = np.array([raws[i].article_id for i in usable], dtype=object)
    expected = pd.DataFrame(
        {
            "article_id": np.repeat(ids, k),
            "theme_id": np.tile(np.arange(k), n),
            "share": shares.reshape(-1).astype("float64"),
        },
        columns=list(ARTICLE_THEME_COLUMNS),
    )
    pd.testing.assert_frame_equal(got, expected)
    assert got["article_id"].tolist() == [f"a-{i}" for i in usable for _ in range(k)]
