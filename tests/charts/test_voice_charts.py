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


def test_voice_tone_over_time_carries_each_month_s_interval_where_the_mark_is_solid():
    """Each voice's month has a bar from its interval's low to its high end, none where the mark
    is hollow (fewer than MIN_SENTENCES sentences) or there is no interval; the hover says which;
    the two voices sit side by side inside their month; a table without intervals still draws."""
    from tonlage.present.charts.periods import NO_BAR

    by_month = pd.DataFrame(
        {
            "period": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
            "label": ["2025-01", "2025-02", "2025-03"],
            "n_articles": [6, 5, 1],
            "n_author": [30, MIN_SENTENCES - 1, 20],
            "tone_author": [0.0, -0.1, 0.2],
            "n_quoted": [15, 15, 12],
            "tone_quoted": [0.2, -0.3, 0.1],
            "share_quoted": [0.3, 0.6, 0.4],
            "tone_gap": [0.2, -0.2, -0.1],
            "low_author": [-0.2, -0.5, float("nan")],
            "high_author": [0.3, 0.4, float("nan")],
            "low_quoted": [0.05, -0.6, float("nan")],
            "high_quoted": [0.4, -0.1, float("nan")],
        }
    )
    fig = charts.voice_tone_time_figure(by_month).to_dict()
    author, quoted = [t for t in fig["data"] if t.get("customdata")]
    assert list(author["error_y"]["array"]) == [0.3, NO_BAR, NO_BAR]  # hollow February, no March interval
    assert list(author["error_y"]["arrayminus"]) == [0.2, NO_BAR, NO_BAR]
    assert quoted["error_y"]["array"][0] == 0.2 and quoted["error_y"]["arrayminus"][1] == 0.3
    assert "95% interval" in author["customdata"][0][6] and "too few" in author["customdata"][1][6]
    ax, qx = pd.to_datetime(author["x"]), pd.to_datetime(quoted["x"])
    starts = by_month["period"]
    assert ((ax > starts.values) & (ax < qx) & (qx < (starts + pd.offsets.MonthBegin(1)).values)).all()
    assert any("95% interval" in (t.get("name") or "") for t in fig["data"])
    old = charts.voice_tone_time_figure(by_month.drop(columns=[c for c in by_month if c[:3] in ("low", "hig")]))
    assert not any("95% interval" in (t.name or "") for t in old.data)


def test_an_article_in_a_language_without_tone_says_so_in_its_row_of_each_per_article_chart():
    """Its row stood empty under its title (a Turkish page among German ones): each per-article
    tone chart writes "tone not scored for this language" across it, in the reader's language,
    and in no other row; without a language column nothing is written."""
    articles = _articles().assign(
        language=["de", "tr", "en"],
        n_sentences=[20, 6, 12],
        tone=[0.1, float("nan"), 0.05],
        share_negative=[0.2, 0.0, 0.1],
        share_neutral=[0.6, 0.0, 0.8],
        share_positive=[0.2, 0.0, 0.1],
    )
    sentences = pd.DataFrame(
        {
            "article_id": ["a", "c"],
            "sent_idx": [0, 0],
            "text": ["Ein Satz.", "A sentence."],
            "tone": [0.1, 0.05],
            "tone_label": ["neutral", "neutral"],
            "evidence": ["", ""],
        }
    )
    built = {
        "voices": lambda tr: charts.voice_tone_figure(_by_article(), articles, tr=tr),
        "sentences": lambda tr: charts.sentence_tone_figure(sentences, articles, tr=tr),
        "shares": lambda tr: charts.tone_shares_figure(articles, tr=tr),
    }
    for name, build in built.items():
        for tr, said in ((None, "tone not scored for this language"), (DE, DE("tone not scored for this language"))):
            texts = [t for t in build(tr).to_dict()["data"] if t.get("mode") == "text" and t.get("text") is not None]
            marked = [(list(t["y"]), list(t["text"])) for t in texts if said in list(t["text"])]
            assert marked == [([1], [said])], name  # row 1: the Turkish article, and no other
    assert said != "tone not scored for this language"
    plain = charts.voice_tone_figure(_by_article(), _articles()).to_dict()["data"]
    assert not [t for t in plain if t.get("mode") == "text" and "not scored" in str(t.get("text"))]
