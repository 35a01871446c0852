"""Who speaks: the voice charts follow the chart conventions (titles, axes, what a mark is,
hollow marks on little text, escaped names)."""

from __future__ import annotations

import pandas as pd

from tonlage.i18n import translator
from tonlage.present import charts
from tonlage.voice_tone import MIN_SENTENCES

DE = translator("de")


def _articles():
    return pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "title": ["Gipfel", "<b>Treffen</b>", "Ohne Zitate"],
            "date_label": ["1", "2", "3"],
        }
    )


def _by_article():
    return pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "n_author": [20, 5, 12],
            "tone_author": [0.1, -0.2, 0.05],
            "n_quoted": [12, 3, 0],
            "tone_quoted": [-0.4, 0.3, float("nan")],
            "share_quoted": [0.375, 0.375, 0.0],
            "tone_gap": [-0.5, 0.5, float("nan")],
        }
    )


def test_voice_tone_per_article_marks_each_voice_and_thin_ones_hollow():
    fig = charts.voice_tone_figure(_by_article(), _articles()).to_dict()
    assert fig["layout"]["title"]["text"]
    assert fig["layout"]["xaxis"]["title"]["text"].startswith("Tone")
    marks = [tr for tr in fig["data"] if tr.get("mode") == "markers" and tr.get("name")]
    names = {tr["name"] for tr in marks}
    assert {"The author's own sentences", "Quoted sentences"} <= names
    quoted = next(tr for tr in marks if tr["name"] == "Quoted sentences")
    assert len(quoted["customdata"]) == 2  # article c has no quoted sentence: no mark
    assert all(cd[0] == "article" for cd in quoted["customdata"])
    author = next(tr for tr in marks if tr["name"] == "The author's own sentences")
    thin = [s.endswith("-open") for s in author["marker"]["symbol"]]
    assert thin == [n < MIN_SENTENCES for n in (20, 5, 12)]
    assert "<b>" not in " ".join(fig["layout"]["yaxis"]["ticktext"])  # titles escaped
    lo, hi = fig["layout"]["xaxis"]["range"]
    assert lo == -hi and hi >= 0.5  # symmetric and wide enough for -0.4 … 0.3


def test_voice_tone_over_time_and_in_german():
    by_month = pd.DataFrame(
        {
            "period": pd.to_datetime(["2025-01-01", "2025-02-01"]),
            "label": ["2025-01", "2025-02"],
            "n_articles": [3, 4],
            "n_author": [30, 40],
            "tone_author": [0.0, -0.1],
            "n_quoted": [5, 15],
            "tone_quoted": [0.2, -0.3],
            "share_quoted": [0.1, 0.2],
            "tone_gap": [0.2, -0.2],
        }
    )
    fig = charts.voice_tone_time_figure(by_month, tr=DE).to_dict()
    assert "Zeitverlauf" in fig["layout"]["title"]["text"]
    assert fig["layout"]["separators"] == ",."
    lines = [tr for tr in fig["data"] if tr.get("mode") == "lines+markers" and tr.get("customdata")]
    assert len(lines) == 2 and all(tr["customdata"][0][0] == "bucket" for tr in lines)


def test_actor_voices_says_against_talked_about():
    voices = pd.DataFrame(
        {
            "actor": ["Putin", "Rubio"],
            "kind": ["person", "person"],
            "n_says": [12, 2],
            "tone_says": [-0.3, 0.4],
            "articles_says": [3, 1],
            "n_about": [40, 15],
            "tone_about": [-0.1, 0.2],
            "articles_about": [5, 4],
            "thin_says": [False, True],
            "thin_about": [False, False],
        }
    )
    fig = charts.actor_voice_figure(voices).to_dict()
    says = next(tr for tr in fig["data"] if tr.get("name") == "What the actor says (own quotes)")
    assert [cd[:2] for cd in says["customdata"]] == [["actor", "Putin"], ["actor", "Rubio"]]
    assert says["marker"]["symbol"] == ["diamond", "diamond-open"]
    assert charts.actor_voice_figure(voices.iloc[:0]).to_dict()["layout"]["annotations"]  # empty: says so
