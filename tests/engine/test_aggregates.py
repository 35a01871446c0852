"""The tone figures the corrections rebuild from the sentences (tonlage.aggregates)."""

from __future__ import annotations

import math

import pandas as pd

from tonlage.aggregates import theme_tone
from tonlage.model import THEME_COLUMNS


def _themes(ids) -> pd.DataFrame:
    rows = {c: [None] * len(ids) for c in THEME_COLUMNS}
    rows["theme_id"] = list(ids)
    rows["tone"] = [9.0] * len(ids)  # replaced
    return pd.DataFrame(rows)


def test_a_theme_s_tone_is_its_articles_tone_weighted_by_their_share():
    """Weighted by share; an article without tone, or not in the corpus, counts for nothing;
    a theme with no scored article (or no article at all) has no tone."""
    articles = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "tone": [0.5, -0.25, float("nan"), 0.1]})
    art_themes = pd.DataFrame(
        {
            "article_id": ["a", "b", "a", "c", "gone", "b", "c", "d"],
            "theme_id": [0, 0, 1, 1, 1, 5, 2, 5],
            "share": [0.6, 0.2, 0.4, 0.9, 1.0, 0.8, 0.1, 0.5],
        }
    )
    out = theme_tone(_themes([0, 1, 2, 5, 7]), art_themes, articles)
    assert list(out.columns) == list(THEME_COLUMNS)
    tone = dict(zip(out["theme_id"], out["tone"]))
    assert math.isclose(tone[0], (0.6 * 0.5 + 0.2 * -0.25) / 0.8)
    assert math.isclose(tone[1], 0.5)  # "c" has no tone, "gone" is not an article
    assert math.isclose(tone[5], (0.8 * -0.25 + 0.5 * 0.1) / 1.3)
    assert math.isnan(tone[2]) and math.isnan(tone[7])
    assert out["theme_id"].tolist() == [0, 1, 2, 5, 7]  # the themes' own order
    # ids far from 0…n-1 (merged or imported themes) are counted by their codes, to the same tones
    far = theme_tone(
        _themes([10_000, 10_001, 10_002, 10_005, 10_007]),
        art_themes.assign(theme_id=art_themes["theme_id"] + 10_000),
        articles,
    )
    pd.testing.assert_series_equal(far["tone"], out["tone"])
