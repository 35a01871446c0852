"""Figure builders: assert on fig.to_dict() built from small constructed frames."""

from __future__ import annotations

import base64
import json
import warnings

import numpy as np
import pandas as pd
import pytest
from frames import make_articles, many_articles

from tonlage.i18n import translator
from tonlage.present import charts
from tonlage.present.charts.periods import NO_BAR
from tonlage.thresholds import MIN_ACTOR_POINT_SENTENCES, MIN_ARTICLE_SENTENCES


def _arr(v):
    """A data array from fig.to_dict(): Plotly encodes numeric arrays as base64 typed arrays."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


def _d(fig):
    """The chart's spec as the browser gets it (JSON)."""
    return json.loads(fig.to_json())


def _bars(v) -> np.ndarray:
    """An error bar's lengths, NaN where the chart draws none (charts.periods.NO_BAR)."""
    from tonlage.present.charts.periods import NO_BAR

    return np.array([np.nan if x == NO_BAR else float(x) for x in _arr(v)])


def _json(fig) -> str:
    return fig.to_json()


def _points(d, kind="article"):
    """All (trace index, customdata row) with customdata of ``kind``."""
    out = []
    for i, tr in enumerate(d["data"]):
        for row in tr.get("customdata", []) or []:
            if row is not None and len(row) and row[0] == kind:
                out.append((i, list(row)))
    return out


def _symbol_of(d, article_id):
    for tr in d["data"]:
        for j, row in enumerate(tr.get("customdata", []) or []):
            if row[0] == "article" and row[1] == article_id:
                sym = tr["marker"]["symbol"]
                return sym[j] if isinstance(sym, (list, tuple)) else sym
    raise AssertionError(f"{article_id} not in figure")


def _legend_names(d):
    return [tr.get("name", "") for tr in d["data"] if tr.get("showlegend", True) is not False]


# --- tone timeline -------------------------------------------------------------------------


def test_tone_timeline_title_axes_and_ids(small_articles, events):
    d = _d(charts.tone_timeline_figure(small_articles, events=events))
    assert d["layout"]["title"]["text"] == translator("en")("Tone of each article over time")
    assert "Tone" in d["layout"]["yaxis"]["title"]["text"] and "−1" in d["layout"]["yaxis"]["title"]["text"]
    assert d["layout"]["xaxis"]["title"]["text"]
    ids = {row[1] for _, row in _points(d)}
    dated = set(small_articles.dropna(subset=["date"])["article_id"])
    assert ids == dated  # every dated article, the undated one left out
    assert "a3" not in ids


def _outside_traces(d, lang="en"):
    return [tr for tr in d["data"] if tr.get("name") == translator(lang)("Article outside the main period")]


def test_tone_timeline_marks_articles_outside_the_main_period(small_articles):
    a = pd.concat(
        [small_articles, make_articles([{"date": "2019-06-12", "title": "Old piece"}]).assign(article_id="old")],
        ignore_index=True,
    )
    d = _d(charts.tone_timeline_figure(a, outside=("old",)))
    far = _outside_traces(d)
    assert len(far) == 1 and far[0]["marker"]["symbol"] == "x"
    assert [row[1] for row in far[0]["customdata"]] == ["old"]  # clickable like the others
    assert far[0].get("showlegend", True) is not False
    ids = [row[1] for _, row in _points(d)]
    assert ids.count("old") == 1  # drawn once, as the outlier only
    assert set(ids) == set(a.dropna(subset=["date"])["article_id"])
    # without the argument nothing is marked, and German has its own legend entry
    assert not _outside_traces(_d(charts.tone_timeline_figure(a)))
    assert _outside_traces(_d(charts.tone_timeline_figure(a, outside=("old",), tr=translator("de"))), "de")


def test_aggregated_timeline_leaves_outliers_out_of_the_means():
    a = many_articles(charts.AGGREGATE_OVER + 50, start="2025-01-01", days=120)
    old = make_articles([{"date": "2019-06-12", "tone": 0.9}]).assign(article_id="old")
    d = _d(charts.tone_timeline_figure(pd.concat([a, old], ignore_index=True), outside=("old",)))
    far = _outside_traces(d)
    assert len(far) == 1 and [row[1] for row in far[0]["customdata"]] == ["old"]
    starts = [row[1] for _, row in _points(d, "bucket")]
    assert starts and min(starts) >= "2024-12-01"  # no 2019 week or month among the means


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_timeline_drawn_as_periods_from_the_numbers_alone_is_the_same(lang):
    # The Overview hands a view drawn as periods only its articles' numbers, and the rows of the
    # few far outside the main period apart: the chart must be the one the full rows gave.
    import plotly.io as pio

    from tonlage.present.views import NUMBER_ARTICLE_COLUMNS

    a = many_articles(charts.AGGREGATE_OVER + 50, start="2025-01-01", days=120)
    old = make_articles(
        [{"date": "2019-06-12", "tone": 0.9, "title": "Früher <b>Text</b>"}, {"date": "2031-01-02", "tone": -0.4}]
    ).assign(article_id=["old", "later"])
    full = pd.concat([a, old], ignore_index=True)
    outside = ("old", "later")
    tr = translator(lang)
    want = pio.to_json(charts.tone_timeline_figure(full, outside=outside, tr=tr), validate=False)
    numbers = full[[c for c in NUMBER_ARTICLE_COLUMNS if c in full]]
    rows = full[full["article_id"].isin(outside)].iloc[::-1].reset_index(drop=True)
    got = charts.tone_timeline_figure(numbers, outside=outside, outside_rows=rows, tr=tr)
    assert pio.to_json(got, validate=False) == want
    assert len(_outside_traces(_d(got), lang)[0]["customdata"]) == 2


def test_tone_timeline_month_precision_and_thin_markers(small_articles):
    d = _d(charts.tone_timeline_figure(small_articles))
    assert _symbol_of(d, "a0").startswith("diamond")
    assert _symbol_of(d, "a2") == "circle"
    thin = _symbol_of(d, "a1")
    assert thin.endswith("-open"), "an article with few sentences must be hollow"
    assert any(str(MIN_ARTICLE_SENTENCES) in n and "little text" in n for n in _legend_names(d))
    hover = {row[1]: row[3] for _, row in _points(d)}
    assert "month only" in hover["a0"]
    assert "2025" in hover["a2"] and "Header said 2026" in hover["a2"]


def test_tone_timeline_no_thin_legend_when_all_articles_are_long():
    a = make_articles([{"date": "2025-01-05", "n_sentences": 40}, {"date": "2025-02-05", "n_sentences": 30}])
    d = _d(charts.tone_timeline_figure(a))
    assert not any("little text" in n for n in _legend_names(d))
    assert all(not _symbol_of(d, aid).endswith("-open") for aid in a["article_id"])


def test_event_lines_only_inside_the_time_range(small_articles, events):
    d = _d(charts.tone_timeline_figure(small_articles, events=events))
    lines = [
        s for s in d["layout"].get("shapes", []) if s.get("type") == "line" and s.get("line", {}).get("dash") == "dash"
    ]
    assert len(lines) == 2  # the 2030 event is outside the data's range
    texts = " ".join(a.get("text", "") for a in d["layout"]["annotations"])
    assert "Spring talks" in texts and "Summit" in texts and "Far future" not in texts
    hovers = " ".join(a.get("hovertext", "") or "" for a in d["layout"]["annotations"])
    assert "A summit" in hovers


def _event_notes(d) -> list[dict]:
    return [a for a in d["layout"]["annotations"] if a.get("name") == "event"]


def test_event_labels_close_together_go_on_separate_rows_and_stay_inside_the_plot():
    """Labels are laid out for a narrow plot (PLOT_WIDTH_PX): two on one row never share its
    width there, a label near the right edge ends at its line, and the time axis is the range
    the rows were laid out on (plotly would otherwise widen it to fit the labels' text)."""
    from tonlage.present.charts import events as event_marks

    days = pd.date_range("2025-01-01", "2025-12-31", freq="MS")
    a = make_articles([{"date": f"{d:%Y-%m-%d}", "n_sentences": 20} for d in days])
    names = ["Summit in Anchorage", "Call between ministers", "Talks at the UN", "Budapest summit on hold"]
    events = pd.DataFrame(
        {"date": ["2025-08-15", "2025-09-20", "2025-10-02", "2025-12-20"], "label": names, "description": ""}
    )
    d = _d(charts.tone_timeline_figure(a, events=events))
    lo, hi = (pd.Timestamp(x) for x in d["layout"]["xaxis"]["range"])
    assert (lo, hi) == event_marks.event_range(a["date"])
    spans = {}
    for note in _event_notes(d):
        x = (pd.Timestamp(note["x"]) - lo) / (hi - lo)
        w = (len(note["text"]) * 6.3 + 10) / event_marks.PLOT_WIDTH_PX
        start = x - w if note["xanchor"] == "right" else x
        assert start >= 0 and start + w <= 1.0001, note["text"]  # inside the plot's width
        spans.setdefault(note["yshift"], []).append((start, start + w))
    assert len(spans) > 1  # close events are staggered
    for row in spans.values():
        row.sort()
        assert all(a_end < b_start for (_, a_end), (b_start, _) in zip(row, row[1:])), row
    last = max(_event_notes(d), key=lambda n: n["x"])
    assert last["xanchor"] == "right" and last["text"].endswith("╎")  # it ends at its line


def test_period_charts_with_events_keep_every_mark_and_bar_inside_the_time_axis():
    """With events the time axis is set by hand (event_range), so it must hold what is drawn
    where it is drawn: a month's marks sit inside the month (the middle, or side by side), its
    bar takes 80 % of it. From the periods' starts + 20 days, the last month's quoted diamond
    (at 58 % of the month) was cut in half and the words chart's last bar cut off."""
    months = pd.date_range("2025-02-01", "2025-10-01", freq="MS")
    events = pd.DataFrame({"date": ["2025-03-15", "2025-10-20"], "label": ["Talks", "Summit"], "description": ""})
    n = len(months)
    by_month = pd.DataFrame(
        {
            "period": months,
            "label": [f"{m:%Y-%m}" for m in months],
            "n_articles": [6] * n,
            "n_author": [30] * n,
            "tone_author": [0.1] * n,
            "n_quoted": [15] * n,
            "tone_quoted": [-0.1] * n,
            "share_quoted": [0.3] * n,
            "tone_gap": [-0.2] * n,
        }
    )
    days = pd.date_range("2025-02-01", "2025-10-31", freq="D")
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(days))], "date": days})
    words = charts.words_share_table(arts, np.arange(len(days)) % 3 == 0)
    assert _monthly_table(words)
    outlets, _, freq = charts.source_periods(*_outlets_over_time(270))
    assert freq == "M"
    for fig in (
        charts.voice_tone_time_figure(by_month, events=events),
        charts.words_share_figure(words, events=events),
        charts.source_tone_time_figure(outlets, freq=freq, events=events),
    ):
        d = _d(fig)
        lo, hi = (pd.Timestamp(x) for x in d["layout"]["xaxis"]["range"])
        drawn = [t for t in d["data"] if t.get("x") is not None and t["x"][0] is not None]
        assert drawn
        for trace in drawn:
            x = pd.to_datetime(pd.Series(trace["x"]))
            if trace["type"] == "bar":  # its width in ms, centred on x
                half = pd.to_timedelta(pd.Series(trace["width"]) / 2, unit="ms")
                assert (x - half).min() >= lo and (x + half).max() <= hi, d["layout"]["title"]["text"]
            else:  # a mark of up to ~20 px: at least ten days from either end of the axis
                assert x.min() - lo >= pd.Timedelta(days=10), d["layout"]["title"]["text"]
                assert hi - x.max() >= pd.Timedelta(days=10), d["layout"]["title"]["text"]


def _monthly_table(table: pd.DataFrame) -> bool:
    return bool(((table["end"] - table["start"]).dt.days >= 27).all())


def test_tone_timeline_german_titles(small_articles):
    de = _d(charts.tone_timeline_figure(small_articles, tr=translator("de")))
    en = _d(charts.tone_timeline_figure(small_articles, tr=translator("en")))
    assert de["layout"]["title"]["text"] != en["layout"]["title"]["text"]
    assert "Tonlage" in de["layout"]["yaxis"]["title"]["text"]


def test_tone_timeline_escapes_hostile_titles():
    a = make_articles([{"date": "2025-01-01", "title": '<script>alert(1)</script><a href="javascript:x">'}])
    spec = _json(charts.tone_timeline_figure(a))
    assert "<script" not in spec and "<a href" not in spec
    assert "&lt;script&gt;" in spec


def test_tone_timeline_aggregates_many_articles():
    a = many_articles(charts.AGGREGATE_OVER + 100)
    d = _d(charts.tone_timeline_figure(a))
    buckets = _points(d, "bucket")
    assert buckets and not _points(d, "article")
    assert len(buckets) < len(a)
    assert sum(row[3] for _, row in buckets) == len(a)  # every article in exactly one bucket
    # bucket means match a direct computation
    first = buckets[0][1]
    lo, hi = pd.Timestamp(first[1]), pd.Timestamp(first[2])
    inside = a[(a["date"] >= lo) & (a["date"] < hi)]
    y0 = _arr(d["data"][buckets[0][0]]["y"])[0]
    assert y0 == pytest.approx(inside["tone"].mean())


def test_tone_timeline_uses_webgl_beyond_limit():
    a = many_articles(charts.WEBGL_OVER + 50)
    d = _d(charts.tone_timeline_figure(a, aggregate_over=10**9))
    assert any(tr["type"] == "scattergl" for tr in d["data"])
    small = _d(charts.tone_timeline_figure(many_articles(50), aggregate_over=10**9))
    assert all(tr["type"] == "scatter" for tr in small["data"])


def test_empty_frame_gives_a_plain_message():
    d = _d(charts.tone_timeline_figure(make_articles([{"title": "undated only"}])))
    assert any(
        translator("en")("No articles match the current filters.") == a.get("text") for a in d["layout"]["annotations"]
    )


# --- tone per article ----------------------------------------------------------------------


def _sentences(articles: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for aid in articles["article_id"]:
        for i, (tone, label) in enumerate([(-0.8, "negative"), (0.0, "neutral"), (0.6, "positive"), (0.7, "positive")]):
            rows.append(
                {
                    "article_id": aid,
                    "sent_idx": i,
                    "text": f"Satz {i} <b>x</b>",
                    "tone": tone,
                    "tone_label": label,
                    "evidence": "Fiasko −1.00" if tone < 0 else "",
                }
            )
    return pd.DataFrame(rows)


def test_sentence_tone_figure(small_articles):
    s = _sentences(small_articles)
    fig = charts.sentence_tone_figure(s, small_articles)
    d = _d(fig)
    by_name = {tr["name"]: tr for tr in d["data"]}
    assert by_name["negative"]["marker"]["color"] == charts.NEGATIVE
    assert by_name["positive"]["marker"]["color"] == charts.POSITIVE
    assert len(_arr(by_name["positive"]["x"])) == 2 * len(small_articles)
    assert {row[1] for _, row in _points(d)} == set(small_articles["article_id"])
    assert "Tone" in d["layout"]["xaxis"]["title"]["text"]
    assert "<b>x</b>" not in _json(fig)  # sentence text escaped in hover


def test_sentence_tone_figure_shows_the_evidence_in_the_readers_language(small_articles):
    from tonlage.tone import ToneScorer

    evidence = ToneScorer().fit().score("Das war kein Erfolg.").explain()
    s = _sentences(small_articles)
    s["evidence"] = pd.Series([evidence if t < 0 else "" for t in s["tone"]], dtype=object)
    hover = _json(charts.sentence_tone_figure(s, small_articles, tr=translator("de")))
    assert "verneint durch" in hover and "negated by" not in hover
    assert "negated by" in _json(charts.sentence_tone_figure(s, small_articles))


def test_each_sentences_hover_shows_its_own_evidence_whether_shared_or_not(small_articles):
    """Sentences that share one explanation object (as the corpus index's codes give them) and
    sentences with equal but separate ones each show their own words, in the reader's language."""
    from tonlage.i18n import TONE_LABELS
    from tonlage.tone import ToneScorer

    scorer = ToneScorer().fit()
    shared = scorer.score("Das war kein Erfolg.").explain()
    other = scorer.score("Ein schweres Fiasko.").explain()
    s = _sentences(small_articles)
    pool = [shared, other, shared, "", str(other), shared, other]
    s["evidence"] = pd.Series([pool[i % len(pool)] for i in range(len(s))], dtype=object)
    de = translator("de")
    d = _d(charts.sentence_tone_figure(s, small_articles, tr=de))
    by_ref = {(a, n + 1): ev for a, n, ev in zip(s["article_id"], s["sent_idx"], s["evidence"])}
    dots = {i for i, tr in enumerate(d["data"]) if tr["name"] in {de(v) for v in TONE_LABELS.values()}}
    points = [(i, row) for i, row in _points(d) if i in dots]  # not the articles' mean ticks
    assert len(points) == len(s)
    for _, row in points:
        ev = by_ref[(row[1], row[3])]
        want = de.message(ev) or de("no tone words found")
        assert row[5].replace("<br>", " ") == want
    assert any("verneint durch" in row[5] for _, row in points)


def test_sentence_tone_figure_shades_the_neutral_band_and_names_its_edges(small_articles):
    s = _sentences(small_articles)
    d = _d(charts.sentence_tone_figure(s, small_articles, band=0.61, tr=translator("de")))
    rects = [x for x in d["layout"].get("shapes", []) if x["type"] == "rect"]
    assert [(r["x0"], r["x1"], r["xref"]) for r in rects] == [(-0.61, 0.61, "x")]
    legend = [t["name"] for t in d["data"] if t.get("hoverinfo") == "skip"]
    assert len(legend) == 1 and "−0,61" in legend[0] and "+0,61" in legend[0]
    # without a band (an analysis that recorded none) nothing is shaded or named
    plain = _d(charts.sentence_tone_figure(s, small_articles))
    assert not [x for x in plain["layout"].get("shapes", []) if x["type"] == "rect"]
    assert not [t for t in plain["data"] if t.get("hoverinfo") == "skip"]


def test_tone_shares_figure(small_articles):
    d = _d(charts.tone_shares_figure(small_articles))
    bars = [tr for tr in d["data"] if tr["type"] == "bar" and tr.get("customdata") is not None]
    assert [b["name"] for b in bars] == ["negative", "neutral", "positive"]
    assert d["layout"]["barmode"] == "stack"
    total = [sum(_arr(b["x"])[i] for b in bars) for i in range(len(small_articles))]
    assert total == pytest.approx([100.0] * len(small_articles))
    thin_idx = list(small_articles["n_sentences"] < MIN_ARTICLE_SENTENCES).index(True)
    assert bars[0]["marker"]["pattern"]["shape"][thin_idx] == "/"
    # the bar's colour behind the white stripes: Plotly's default ("replace") drew white stripes
    # on nothing, so a thin article's bar (and a legend swatch taken from it) was invisible
    assert all(b["marker"]["pattern"]["fillmode"] == "overlay" for b in bars)
    assert "%" in d["layout"]["xaxis"]["title"]["text"]


def test_tone_shares_legend_stays_solid_when_the_first_article_is_thin():
    """Plotly draws a bar trace's legend swatch like its first bar: a thin first article hatched
    "negative", "neutral" and "positive" like the thin-text note. Each then has a solid
    legend-only entry in the same legend group as its bars."""
    a = make_articles([{"title": "Kurz", "n_sentences": 2}, {"title": "Lang", "n_sentences": 30}])
    d = _d(charts.tone_shares_figure(a))
    shown = [t for t in d["data"] if t.get("showlegend", True) is not False and t["type"] == "bar"]
    by_name = {t["name"]: t for t in shown}
    for label in ("negative", "neutral", "positive"):
        entry = by_name[label]
        assert "pattern" not in entry["marker"] and entry["marker"]["color"] == charts.TONE_COLOURS[label]
        bars = next(t for t in d["data"] if t.get("customdata") is not None and t["name"] == label)
        assert bars["legendgroup"] == entry["legendgroup"] and bars["showlegend"] is False
    plain = _d(charts.tone_shares_figure(a.iloc[::-1].reset_index(drop=True)))  # thin article second
    assert len([t for t in plain["data"] if t["type"] == "bar"]) == 4  # three bar traces and the note


def test_tone_spread_counts_each_scored_article_once_in_its_range():
    """The Overview without dates: one bar per tone range of 0.1 centred on 0 (the middle bar
    is the neutral band, grey), at least -0.2 … +0.2 shown, articles of little text hatched on
    top, articles without a scored sentence left out and said so in the legend."""
    a = make_articles(
        [
            {"tone": -0.31, "n_sentences": 12},
            {"tone": -0.05, "n_sentences": 3},
            {"tone": 0.02, "n_sentences": 20},
            {"tone": 0.05, "n_sentences": 2},
            {"tone": 0.12, "n_sentences": 30},
            {"tone": float("nan"), "n_sentences": 0},
        ]
    )
    table = charts.tone_spread_table(a)
    assert table["bin"].tolist() == [-3, -2, -1, 0, 1, 2]
    assert table["low"].round(2).tolist() == [-0.35, -0.25, -0.15, -0.05, 0.05, 0.15]
    assert table["n_enough"].tolist() == [1, 0, 0, 1, 1, 0]
    assert table["n_thin"].tolist() == [0, 0, 0, 1, 1, 0]
    rows = charts.tone_spread_rows(a)
    assert rows["n_articles"].sum() == 5 and rows["n_thin"].sum() == 2
    d = _d(charts.tone_spread_figure(a))
    bars = [t for t in d["data"] if t["type"] == "bar" and t.get("customdata") is not None]
    assert [sum(_arr(b["y"])) for b in bars] == [3, 2]
    assert d["layout"]["barmode"] == "stack"
    assert d["layout"]["yaxis"]["dtick"] == 1  # at most 2 articles a bar: no "1.5 articles" tick
    solid, hatched = bars
    assert hatched["marker"]["pattern"]["shape"] == "/" and solid["marker"]["pattern"]["shape"] == ""
    colours = solid["marker"]["color"]
    assert colours[0] == charts.TONE_COLOURS["negative"] and colours[3] == charts.TONE_COLOURS["neutral"]
    assert colours[4] == charts.TONE_COLOURS["positive"]
    legend = [t["name"] for t in d["data"] if t.get("hoverinfo") == "skip"]
    assert any("fewer than" in n for n in legend)
    assert any(n.startswith("Not shown: 1 article without") for n in legend)
    many = pd.concat([a] * 3, ignore_index=True)  # 6 articles in a bar: Plotly's own ticks
    assert "dtick" not in _d(charts.tone_spread_figure(many))["layout"]["yaxis"]
    # German numbers and words
    de = _d(charts.tone_spread_figure(a, tr=translator("de")))
    assert "Tonlage −0,35 … −0,25" in json.dumps(de["data"], ensure_ascii=False)
    # nothing scored: a note, no bars
    empty = _d(charts.tone_spread_figure(a.iloc[[5]]))
    assert not [t for t in empty["data"] if t["type"] == "bar"]
    assert "scored sentence" in json.dumps(empty["layout"]["annotations"])


# --- themes ----------------------------------------------------------------------------------


@pytest.fixture
def themes():
    return pd.DataFrame(
        {
            "theme_id": [0, 1],
            "label": ["Gipfel · Alaska · Putin", "Riad · Kiew · Selenskyj"],
            "terms": [("Gipfel", "Alaska", "Putin"), ("Riad", "Kiew", "Selenskyj")],
            "term_weights": [(0.5, 0.3, 0.2), (0.4, 0.4, 0.2)],
            "share": [0.6, 0.4],
            "n_articles": [3, 1],
            "tone": [-0.2, 0.1],
        }
    )


def test_theme_time_figure(small_articles, themes, events):
    a = small_articles.dropna(subset=["date"])
    tp = pd.concat([a.assign(theme_id=0, share=0.7), a.assign(theme_id=1, share=0.3)])
    d = _d(charts.theme_time_figure(tp, themes, events=events))
    named = [tr for tr in d["data"] if tr.get("customdata") is not None]
    assert [tr["name"] for tr in named] == list(themes["label"])
    assert _arr(named[0]["y"])[0] == pytest.approx(70.0)
    assert "%" in d["layout"]["yaxis"]["title"]["text"]
    assert any(s.get("line", {}).get("dash") == "dash" for s in d["layout"]["shapes"])
    assert {row[1] for _, row in _points(d)} == set(a["article_id"])


def test_theme_shares_of_many_single_articles_are_a_row_of_dots_per_theme(small_articles, themes):
    """One point per article: from THEME_DOTS_FROM articles on, a line through them zigzagged
    from 0 to 100 % at almost every article of a mixed corpus, and dots at the height of their
    share left the reader matching colours. Each theme gets a row, named on the axis (theme 1 on
    top); a dot's area grows with the article's share, the share is in its hover, and a share
    under THEME_DOT_SHARE gets no dot. Fewer articles keep their faint line (every share drawn);
    periods keep theirs."""
    from tonlage.present.charts.themes import (
        THEME_DOT_SHARE,
        THEME_DOTS_FROM,
        THEME_ROW_DOT_MIN,
        THEME_ROW_DOT_PX,
        THEME_ROW_PX,
    )

    def lines(d):
        return {tr["name"]: tr for tr in d["data"] if tr.get("customdata") is not None}

    a = many_articles(THEME_DOTS_FROM, days=200)
    small = THEME_DOT_SHARE / 2
    shares = np.where(np.arange(len(a)) % 2 == 0, 0.9, small)  # theme 0 fills every other article
    tp = pd.concat([a.assign(theme_id=0, share=shares), a.assign(theme_id=1, share=1 - shares)])
    assert charts.theme_time_dots(tp) and not charts.theme_time_periods(tp)
    for lang in ("en", "de"):
        tr = translator(lang)
        d = _d(charts.theme_time_figure(tp, themes, tr=tr))
        drawn = lines(d)
        first, second = (drawn[label] for label in themes["label"])
        assert {first["mode"], second["mode"]} == {"markers"}
        assert not first.get("showlegend", True) and not second.get("showlegend", True)  # named on the axis
        # Each theme's dots on its own row; the axis names the rows, theme 1 on top.
        assert set(_arr(first["y"])) == {0} and set(_arr(second["y"])) == {1}
        axis = d["layout"]["yaxis"]
        assert list(axis["tickvals"]) == [0, 1] and axis["range"][0] > axis["range"][1]
        assert [t.replace("<br>", " ") for t in axis["ticktext"]] == [
            f"{tr('Theme {n}', n=i + 1)}: {label}" for i, label in enumerate(themes["label"])
        ]
        assert d["layout"]["height"] >= 2 * THEME_ROW_PX
        # The small shares have no dot; the others a dot whose size grows with the share.
        assert len(_arr(first["y"])) == len(a) // 2
        assert len(_arr(second["y"])) == len(a)  # 1 - small: every article
        sizes = np.asarray(_arr(second["marker"]["size"]), dtype=float)
        share_of = dict(zip(a["article_id"], 1 - shares))
        dot_shares = np.array([share_of[row[1]] for row in second["customdata"]])
        big = dot_shares > 0.5
        assert big.any() and (~big).any()
        assert min(sizes[big]) > max(sizes[~big]) >= THEME_ROW_DOT_MIN
        # ... by area: a dot of half the share has half the area
        assert np.allclose(sizes, np.maximum(THEME_ROW_DOT_MIN, THEME_ROW_DOT_PX * np.sqrt(dot_shares)))
        assert {row[1] for row in first["customdata"]} == set(a["article_id"][::2])  # each dot opens its article
        assert {row[5] for row in first["customdata"]} == {tr.percent(0.9)}
        assert "%{customdata[5]}" in first["hovertemplate"]
        legend = [t["name"].replace("<br>", " ") for t in d["data"] if t.get("showlegend")]
        assert tr("Larger dot: more of the article's text belongs to the theme") in legend
    assert charts.theme_rows(charts.theme_time_figure(tp, themes)) == 2
    # A slide's image: the rows of the largest themes only (theme 1 fills more), in their order.
    one = _d(charts.theme_time_figure(tp, themes, max_rows=1))
    assert [t["name"] for t in lines(one).values()] == [themes["label"][1]]
    assert set(_arr(lines(one)[themes["label"][1]]["y"])) == {0}
    assert [t.replace("<br>", " ") for t in one["layout"]["yaxis"]["ticktext"]] == [f"Theme 2: {themes['label'][1]}"]
    assert one["layout"]["height"] < _d(charts.theme_time_figure(tp, themes))["layout"]["height"]
    fewer = tp[tp["article_id"].isin(a["article_id"][: THEME_DOTS_FROM - 1])]
    assert not charts.theme_time_dots(fewer)
    kept = _d(charts.theme_time_figure(fewer, themes))
    assert {tr["mode"] for tr in lines(kept).values()} == {"lines+markers"}
    assert len(_arr(lines(kept)[themes["label"][0]]["y"])) == THEME_DOTS_FROM - 1  # the small shares too
    assert "tickvals" not in kept["layout"]["yaxis"]
    assert charts.theme_rows(charts.theme_time_figure(fewer, themes)) == 0
    many = many_articles(charts.AGGREGATE_OVER + 1, days=200)
    periods = pd.concat([many.assign(theme_id=0, share=0.6), many.assign(theme_id=1, share=0.4)])
    assert charts.theme_time_periods(periods) and not charts.theme_time_dots(periods)
    assert {tr["mode"] for tr in lines(_d(charts.theme_time_figure(periods, themes))).values()} == {"lines+markers"}


def test_no_actor_named_says_so_not_that_no_article_matches():
    """Articles in view that name no actor of the list: the Overview's bars said "No articles
    match the current filters" above a sidebar that counted them all."""
    empty = pd.DataFrame(columns=["actor", "kind", "mentions", "n_articles", "n_sentences", "tone"])
    for lang in ("en", "de"):
        tr = translator(lang)
        d = _d(charts.actor_mentions_figure(empty, tr=tr))
        assert [a["text"] for a in d["layout"]["annotations"]] == [tr("No actors are mentioned in the articles shown.")]


def test_dense_lines_draw_smaller_dots(themes):
    """Two years of weeks put a line's dots a few pixels apart: above DENSE_POINTS points they
    shrink (never below 5 px), so the lines read as lines (theme and actor timelines)."""
    from tonlage.present.charts.base import DENSE_POINTS, line_marker_size

    assert line_marker_size(DENSE_POINTS, 10) == 10
    assert 5 <= line_marker_size(104, 10) < 10 and line_marker_size(10_000, 10) == 5
    # 60 articles a week: drawn week by week (THEME_WEEK_ARTICLES).
    a = many_articles(6000, start="2024-01-01", days=700)
    tp = pd.concat([a.assign(theme_id=0, share=0.7), a.assign(theme_id=1, share=0.3)])
    d = _d(charts.theme_time_figure(tp, themes))
    line = next(tr for tr in d["data"] if tr.get("name") == themes["label"][0])
    n = len(_arr(line["y"]))
    assert n > DENSE_POINTS  # ~100 weeks
    assert line["marker"]["size"] == line_marker_size(n, 10) < 10
    # A point per article, under THEME_DOTS_FROM articles (more: a row of dots per theme)
    few = _d(charts.theme_time_figure(tp[tp["article_id"].isin(a["article_id"][:9])], themes, aggregate_over=10**9))
    assert next(tr for tr in few["data"] if tr.get("customdata") is not None)["marker"]["size"] == 10


def test_themes_are_drawn_per_month_where_weeks_hold_too_few_articles(themes):
    """Half a year of 20 articles a week: a theme's weekly share would swing by chance, so the
    chart draws months, for the long table and the summed periods alike; 60 a week keep weeks,
    and so does a span too short for months to say more than one or two points."""
    from tonlage.present.charts.themes import THEME_WEEK_ARTICLES, theme_bucket_frequency, theme_periods_of

    def steps(n: int, days: int) -> set:
        a = many_articles(n, start="2025-01-01", days=days)
        tp = pd.concat([a.assign(theme_id=0, share=0.6), a.assign(theme_id=1, share=0.4)])
        table = charts.theme_time_table(tp)
        given = theme_periods_of(a["date"], [0, 1], np.ones((2, n)), np.vstack([np.full(n, 0.6), np.full(n, 0.4)]))
        return {(e - s).days > 7 for s, e in zip(table["start"], table["end"])}, given.step

    assert THEME_WEEK_ARTICLES == 50
    assert steps(520, 182) == ({True}, pd.offsets.MonthBegin(1))  # 20 a week: months
    assert steps(1560, 182) == ({False}, pd.Timedelta(days=7))  # 60 a week: weeks
    assert steps(400, 60) == ({False}, pd.Timedelta(days=7))  # two months only: weeks
    assert theme_bucket_frequency(pd.Series(pd.to_datetime(["2020-01-01", "2024-01-01"])), 10**6) == "M"  # 4 years
    # Six months are a trend: solid lines (dotted and faint is for a handful of single articles).
    a = many_articles(520, start="2025-01-01", days=182)
    d = _d(
        charts.theme_time_figure(pd.concat([a.assign(theme_id=0, share=0.6), a.assign(theme_id=1, share=0.4)]), themes)
    )
    lines = [tr for tr in d["data"] if tr.get("customdata") is not None]
    assert len(lines) == 2 and all(len(_arr(tr["y"])) == 7 and tr["line"]["dash"] == "solid" for tr in lines)  # Jan-Jul


def test_theme_terms_use_weights(themes):
    d = _d(charts.theme_terms_figure(themes))
    bars = [tr for tr in d["data"] if tr["type"] == "bar"]
    assert len(bars) == 2
    assert [row[2] for row in bars[0]["customdata"]] == ["Gipfel", "Alaska", "Putin"]
    # each word is written above its bar inside its panel, not as a tick label beside it (in a
    # narrow window the words of one panel ran into the bars of the panel to its left)
    words = [tr for tr in d["data"] if tr.get("mode") == "text"]
    assert [list(w["text"]) for w in words] == [["Gipfel", "Alaska", "Putin"], ["Riad", "Kiew", "Selenskyj"]]
    for bar, w in zip(bars, words):
        assert (w["xaxis"], w["yaxis"]) == (bar["xaxis"], bar["yaxis"])
        assert all(y < b for y, b in zip(_arr(w["y"]), _arr(bar["y"])))  # above (the axis runs downwards)
    assert all(d["layout"][k]["showticklabels"] is False for k in d["layout"] if k.startswith("yaxis"))
    titled = [k for k, v in d["layout"].items() if k.startswith("xaxis") and (v.get("title") or {}).get("text")]
    assert len(titled) == 1  # one shared x-axis title, not one per panel
    x0, x1 = _arr(bars[0]["x"]), _arr(bars[1]["x"])
    assert x0[0] / x0[1] == pytest.approx(0.5 / 0.3)
    assert x1[0] == pytest.approx(x1[1])
    assert d["layout"]["title"]["text"]


def test_theme_terms_leave_out_a_word_that_stands_only_in_a_phrase_they_list():
    th = pd.DataFrame(
        {
            "theme_id": [0],
            "label": ["New York · Dollar · Kilometer"],
            "terms": [("New", "New York", "York", "Dollar")],
            "term_weights": [(0.0525, 0.0292, 0.0292, 0.0284)],
        }
    )
    d = _d(charts.theme_terms_figure(th))
    words = [list(tr["text"]) for tr in d["data"] if tr.get("mode") == "text"]
    assert words == [["New", "New York", "Dollar"]]
    bar = next(tr for tr in d["data"] if tr["type"] == "bar")
    assert sum(_arr(bar["x"])) == pytest.approx(100)  # shares of the words shown


@pytest.mark.parametrize("n", range(1, 41))
def test_theme_terms_panels_stay_on_the_chart_for_any_number_of_themes(n):
    # The panels' domains are sums of gaps and heights: for 16 themes the bottom row began at
    # -2.8e-17, Plotly refused it and the Themes page of a 10,000-article workspace failed.
    th = pd.DataFrame(
        {
            "theme_id": range(n),
            "label": [f"Thema {i}" for i in range(n)],
            "terms": [["Gipfel", "Alaska", "Putin"]] * n,
            "term_weights": [[0.5, 0.3, 0.2]] * n,
        }
    )
    d = _d(charts.theme_terms_figure(th))
    domains = [v["domain"] for k, v in d["layout"].items() if k.startswith(("xaxis", "yaxis"))]
    assert len(domains) == 2 * n
    assert all(0.0 <= lo < hi <= 1.0 for lo, hi in domains)
    bottom = min(v["domain"][0] for k, v in d["layout"].items() if k.startswith("yaxis"))
    assert bottom == pytest.approx(0.0, abs=1e-9)  # the panels still fill the chart


def test_theme_terms_for_a_slide_keep_the_largest_themes_in_theme_order():
    n = 12
    th = pd.DataFrame(
        {
            "theme_id": range(n),
            "label": [f"Thema {i}" for i in range(n)],
            "terms": [[f"wort{i}", "Gipfel"] for i in range(n)],
            "term_weights": [[0.6, 0.4]] * n,
            "share": [0.01, 0.2, 0.03, 0.15, 0.05, 0.12, 0.02, 0.11, 0.04, 0.1, 0.07, 0.1],
        }
    )
    d = _d(charts.theme_terms_figure(th, max_panels=6))
    bars = [tr for tr in d["data"] if tr["type"] == "bar"]
    assert [row[2] for bar in bars for row in bar["customdata"][:1]] == [f"wort{i}" for i in (1, 3, 5, 7, 9, 11)]
    assert len([k for k in d["layout"] if k.startswith("yaxis")]) == 6  # two rows of three panels
    # Drawn into a slide's fixed height, the rows keep a gap for the titles of the lower row.
    slide = _d(charts.theme_terms_figure(th, max_panels=6, fixed_height=540))
    assert slide["layout"]["height"] == 540
    first, second = slide["layout"]["yaxis"]["domain"], slide["layout"]["yaxis4"]["domain"]
    assert (first[0] - second[1]) * (540 - 240) >= charts.themes.FIXED_ROW_GAP_PX - 1
    # Not more panels than themes, and with room for all of them, all of them.
    assert len([t for t in _d(charts.theme_terms_figure(th, max_panels=20))["data"] if t["type"] == "bar"]) == n


def test_an_image_of_theme_lines_draws_only_the_lines_the_page_draws():
    import plotly.graph_objects as go

    fig = go.Figure(
        [go.Scatter(x=[1, 2], y=[i, i], name=f"t{i}", visible=True if i < 3 else "legendonly") for i in range(5)]
    )
    fig.update_layout(legend_title_text="The 3 largest of 5 themes are drawn; click a name to show or hide its line.")
    out, hidden = charts.drawn_lines_only(fig)
    assert hidden == 2 and [t.name for t in out.data] == ["t0", "t1", "t2"]
    assert not out.layout.legend.title.text
    assert len(fig.data) == 5 and fig.layout.legend.title.text  # the page's figure is untouched
    same, none = charts.drawn_lines_only(out)
    assert same is out and none == 0


def test_theme_tone_hatches_thin_themes(themes):
    d = _d(charts.theme_tone_figure(themes))
    bar = next(tr for tr in d["data"] if tr.get("customdata") is not None)
    assert bar["marker"]["pattern"]["shape"] == ["", "/"]  # theme 1 rests on one article
    assert bar["marker"]["pattern"]["fillmode"] == "overlay"  # its colour shows behind the stripes
    assert bar["marker"]["color"] == [charts.NEGATIVE, charts.POSITIVE]
    assert [row[1] for row in bar["customdata"]] == [0, 1]


def test_theme_tone_draws_each_interval_and_pales_a_direction_that_may_be_chance(themes):
    """With ``tone_low``/``tone_high`` each bar has its 95% interval, pale where it holds 0, and
    its hover says it (or that there is none); the axis holds the bars' ends."""
    x = translator("de")
    wide = themes.assign(tone_low=[-0.35, -0.05], tone_high=[-0.05, 0.7], n_effective=[2.4, 12.6])
    d = _d(charts.theme_tone_figure(wide, tr=x))
    bar = next(tr for tr in d["data"] if tr.get("customdata") is not None)
    assert bar["error_x"]["visible"] is True
    # Hatched by the articles the share-weighted tone rests on, not by those it leads.
    assert bar["marker"]["pattern"]["shape"] == ["/", ""]
    assert [row[4] for row in bar["customdata"]] == [
        x("Rests on about {n} articles (each weighted by the theme's share of it)", n=n) for n in ("2,4", "13")
    ]
    np.testing.assert_allclose(bar["error_x"]["array"], [0.15, 0.6])
    np.testing.assert_allclose(bar["error_x"]["arrayminus"], [0.15, 0.15])
    assert bar["marker"]["opacity"] == [1.0, 0.45]  # theme 1's interval holds 0
    assert bar["marker"]["color"] == [charts.NEGATIVE, charts.POSITIVE]  # the colour is the tone's
    hovers = [row[3] for row in bar["customdata"]]
    assert "95" in hovers[0] and "−0,35" in hovers[0] and x("may be chance") not in hovers[0]
    assert hovers[1].endswith(x("may be chance"))
    assert d["layout"]["xaxis"]["range"][1] >= 0.7
    none = _d(
        charts.theme_tone_figure(
            themes.assign(tone_low=[np.nan, -0.1], tone_high=[np.nan, 0.3], n_effective=[1.2, 5.0])
        )
    )
    bar = next(tr for tr in none["data"] if tr.get("customdata") is not None)
    assert bar["error_x"]["array"][0] == NO_BAR
    assert bar["customdata"][0][3] == "too few articles for an interval"
    assert bar["marker"]["opacity"][0] == 0.45  # no interval: no direction claimed either
    plain = _d(charts.theme_tone_figure(themes))  # a table without intervals: no lines
    bar = next(tr for tr in plain["data"] if tr.get("customdata") is not None)
    assert bar["error_x"]["visible"] is False and bar["marker"]["opacity"] == [1.0, 1.0]


# --- actors ----------------------------------------------------------------------------------


def test_actor_mentions_figure():
    at = pd.DataFrame(
        {
            "actor": ["Trump", "Kreml", "USA"],
            "kind": ["person", "institution", "country"],
            "mentions": [10, 3, 5],
            "n_articles": [2, 1, 2],
            "n_sentences": [9, 3, 5],
            "tone": [0.1, -0.2, 0.0],
        }
    )
    d = _d(charts.actor_mentions_figure(at))
    assert {tr["name"] for tr in d["data"]} == {"Person", "Institution", "Country / capital"}
    assert d["layout"]["yaxis"]["categoryarray"] == ["Trump", "USA", "Kreml"]
    assert {row[1] for _, row in _points(d, "actor")} == {"Trump", "Kreml", "USA"}
    assert d["layout"]["xaxis"]["title"]["text"] == "Number of mentions"


def test_actor_tone_time_hollow_for_few_sentences(small_articles, events):
    a = small_articles.dropna(subset=["date"])
    pts = pd.concat(
        [
            a.assign(actor="Putin", n_sentences=[1, 5, 8], tone=[0.1, -0.2, 0.3]),
            a.assign(actor="Trump", n_sentences=[4, 4, 4], tone=[0.0, 0.1, 0.2]),
        ]
    )
    d = _d(charts.actor_tone_time_figure(pts, events=events))
    putin = next(tr for tr in d["data"] if tr.get("name") == "Putin")
    assert putin["marker"]["symbol"][0] == "circle-open" and putin["marker"]["symbol"][1] == "circle"
    sizes = _arr(putin["marker"]["size"])
    assert sizes[2] > sizes[0]
    assert "actor" in d["layout"]["yaxis"]["title"]["text"]
    assert any(str(MIN_ACTOR_POINT_SENTENCES) in n for n in _legend_names(d))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_actor_tone_time_axis_title_fits_beside_the_chart(small_articles, lang):
    # On one line (48 characters, 50 in German) the tone axis's title ran past the top of the
    # 480 px chart and was cut after "(−1 … +": each of its lines now fits the plot's height.
    a = small_articles.dropna(subset=["date"])
    d = _d(charts.actor_tone_time_figure(a.assign(actor="Putin"), tr=translator(lang)))
    lines = d["layout"]["yaxis"]["title"]["text"].split("<br>")
    assert len(lines) == 2 and all(len(line) <= 40 for line in lines), lines
    assert lines[1] == "(−1 … +1)"


def test_actor_tone_time_draws_weeks_with_small_dots_when_articles_are_many():
    """Above the per-article limit each actor gets a dot per week: of one size (a week rests on
    many sentences, and dots grown by them touched each other), the title and the page's
    reading saying "per week", and hollow dots still for weeks with few sentences."""
    a = many_articles(400, days=100)  # ~27 articles a week: weeks, not months
    pts = pd.concat([a.assign(actor="Putin"), a.assign(actor="Trump")])
    pts.loc[pts.index[0], "n_sentences"] = 1  # alone in its week? at least one thin dot somewhere
    assert charts.actor_tone_time_periods(pts) == "W"
    assert charts.actor_tone_time_periods(pts, aggregate_over=10**9, dots_over=10**9) == ""
    d = _d(charts.actor_tone_time_figure(pts))
    putin = next(tr for tr in d["data"] if tr.get("name") == "Putin")
    assert putin["marker"]["size"] == 7  # one size for the line's dots
    assert len(_arr(putin["y"])) <= 31  # weeks, not 400 articles
    assert "per week" in d["layout"]["title"]["text"].replace("<br>", " ")
    few = _d(charts.actor_tone_time_figure(pts, aggregate_over=10**9, dots_over=10**9))
    assert len(set(_arr(few["data"][0]["marker"]["size"]))) > 1  # per article: sized by sentences
    assert "over time" in few["layout"]["title"]["text"]
    long = pd.concat([many_articles(400, days=1000).assign(actor="Putin")])
    assert charts.actor_tone_time_periods(long) == "M"
    assert "per month" in _d(charts.actor_tone_time_figure(long))["layout"]["title"]["text"]


def test_several_actors_over_more_than_a_year_are_drawn_by_month_one_actor_by_week():
    """Three actors' weekly lines, each dot with its bar, over two years crossed into a tangle
    (101,000 articles: 312 dots): with two actors or more, months beyond a year; one actor, or
    less than a year, keeps its weeks where they hold enough articles (at least
    ACTOR_WEEK_ARTICLES a week)."""
    from tonlage.present.charts.actors import ACTOR_WEEK_ARTICLES, ACTOR_WEEKS_UP_TO_DAYS

    days = 400
    a = many_articles(ACTOR_WEEK_ARTICLES * 3 * (days // 7 + 1), days=days)
    two = pd.concat([a.assign(actor="Putin"), a.assign(actor="Trump")])
    assert charts.actor_tone_time_periods(a.assign(actor="Putin")) == "W"  # one line: its weeks
    assert charts.actor_tone_time_periods(two) == "M"
    d = _d(charts.actor_tone_time_figure(two))
    assert "per month" in d["layout"]["title"]["text"].replace("<br>", " ")
    putin = next(tr for tr in d["data"] if tr.get("name") == "Putin")
    assert len(_arr(putin["y"])) <= days // 28 + 2  # months, not ~58 weeks
    short = a[a["date"] <= a["date"].min() + pd.Timedelta(days=ACTOR_WEEKS_UP_TO_DAYS - 10)]
    assert charts.actor_tone_time_periods(pd.concat([short.assign(actor="Putin"), short.assign(actor="Trump")])) == "W"


def test_actor_tone_time_joins_periods_and_a_few_articles_but_not_dozens_of_articles():
    """A line through weeks, or through an actor's handful of articles (dotted), helps to
    follow it; through dozens of single articles it drew a zigzag that read as swings."""
    a = many_articles(400, days=200)
    pts = pd.concat([a.iloc[:40].assign(actor="Putin"), a.iloc[40:45].assign(actor="Trump")])
    d = _d(charts.actor_tone_time_figure(pts))
    modes = {
        tr["name"]: (tr["mode"], tr["line"].get("dash")) for tr in d["data"] if tr.get("name") in ("Putin", "Trump")
    }
    assert modes == {"Putin": ("markers", "solid"), "Trump": ("lines+markers", "dot")}
    b = many_articles(400, days=100)
    weeks = _d(charts.actor_tone_time_figure(b.assign(actor="Putin")))
    assert charts.actor_tone_time_periods(b.assign(actor="Putin")) == "W"
    assert next(tr for tr in weeks["data"] if tr.get("name") == "Putin")["mode"] == "lines+markers"


def test_actor_tone_time_draws_each_actor_in_order_of_first_appearance_by_date_and_id():
    """Rows of several actors interleaved and in no order: one trace per actor, in the order
    they first appear, each with its own articles by date then id (per article and per week)."""
    a = many_articles(60, days=40)
    rng = np.random.default_rng(3)
    pts = pd.concat([a.assign(actor="Trump"), a.iloc[::2].assign(actor="Putin"), a.iloc[1::3].assign(actor="Rubio")])
    pts = pts.iloc[rng.permutation(len(pts))].reset_index(drop=True)
    first = list(dict.fromkeys(pts["actor"]))
    for over in (10**9, 10):
        d = _d(charts.actor_tone_time_figure(pts, aggregate_over=over, dots_over=over))
        traces = [t for t in d["data"] if t.get("name") in first]
        assert [t["name"] for t in traces] == first
        if over == 10**9:
            for t in traces:
                own = pts[pts["actor"] == t["name"]].sort_values(["date", "article_id"])
                assert [c[1] for c in t["customdata"]] == list(own["article_id"])
        # As the page's points come (each actor's rows together, by date and id): no sort,
        # the same chart.
        ordered = pts.assign(_r=pts["actor"].map({n: i for i, n in enumerate(first)}))
        ordered = ordered.sort_values(["_r", "date", "article_id"]).drop(columns="_r")
        want = charts.actor_tone_time_figure(pts, aggregate_over=over, dots_over=over).to_json()
        assert charts.actor_tone_time_figure(ordered, aggregate_over=over, dots_over=over).to_json() == want
        # Almost in order, and still sorted: the actors taking turns, each latest first; each
        # actor's rows together by date, but the articles of a day by id from the last.
        rank = {n: i for i, n in enumerate(first)}
        tied = ordered.sort_values(
            ["actor", "date", "article_id"],
            ascending=[True, True, False],
            key=lambda c: c.map(rank) if c.name == "actor" else c,
        )
        assert charts.actor_tone_time_figure(tied, aggregate_over=over, dots_over=over).to_json() == want
    latest = a.sort_values(["date", "article_id"]).tail(4).iloc[::-1]  # two actors taking turns
    turns = pd.concat([latest.assign(actor="Putin"), latest.assign(actor="Trump")]).sort_index(kind="stable")
    for over in (10**9, 10):
        want = charts.actor_tone_time_figure(
            turns.sort_values(["date", "article_id"]), aggregate_over=over, dots_over=over
        )
        assert charts.actor_tone_time_figure(turns, aggregate_over=over, dots_over=over).to_json() == want.to_json()


def test_tone_timeline_marks_corrected_and_inferred_dates():
    a = make_articles(
        [
            {"date": "2025-01-05", "date_source": "header"},
            {"date": "2025-02-05", "date_source": "metadata", "date_note": "Header said 2026."},
            {"date": "2025-03-05", "date_source": "text"},
        ]
    )
    d = _d(charts.tone_timeline_figure(a))
    assert _symbol_of(d, "a0") == "circle"
    assert _symbol_of(d, "a1") == "square" and _symbol_of(d, "a2") == "square"
    assert any("corrected or inferred" in n for n in _legend_names(d))


def _comparison(shift_low=-0.1, shift_high=0.3, n=(3, 4)):
    from datetime import date

    import pandas as pd

    from tonlage.compare import (
        ACTOR_COMPARE_COLUMNS,
        THEME_COMPARE_COLUMNS,
        Comparison,
        Window,
    )

    themes = pd.DataFrame(
        [
            [0, "Gipfel · Alaska", 0.10, 0.40, 0.30, 0.10, 0.50, 3, 4],  # clear
            [1, "UN · New York", 0.50, 0.20, -0.30, -0.70, 0.10, 3, 4],  # may be chance
        ],
        columns=list(THEME_COMPARE_COLUMNS),
    )
    actors = pd.DataFrame(
        [["Putin", "person", 0.5, 1.0, 0.5, 4, 9, -0.2, -0.4, 0.05, 0.8, 2, 4, -0.5, 0.1]],
        columns=list(ACTOR_COMPARE_COLUMNS),
    )
    return Comparison(
        a=Window(date(2025, 1, 1), date(2025, 8, 14), "before <b>Anchorage</b>"),
        b=Window(date(2025, 8, 15), date(2025, 12, 31), "after Anchorage"),
        n_articles=n,
        n_sentences=(40, 60),
        tone=(-0.10, 0.05),
        shift=0.15,
        shift_low=shift_low,
        shift_high=shift_high,
        themes=themes,
        actors=actors,
        examples={},
        warnings=[],
    )


def test_compare_tone_figure_shows_both_periods_and_the_interval():
    from tonlage.present.charts import compare_tone_figure

    spec = compare_tone_figure(_comparison()).to_dict()
    sides, shift = spec["data"]
    assert list(sides["x"]) == [-0.10, 0.05]
    assert "<b>" not in sides["y"][0]  # period labels are escaped
    assert list(shift["x"]) == [0.15]
    err = shift["error_x"]
    assert err["array"][0] == pytest.approx(0.15) and err["arrayminus"][0] == pytest.approx(0.25)
    assert spec["layout"]["title"]["text"] and spec["layout"]["xaxis"]["title"]["text"]


def test_the_comparison_s_labels_write_tones_as_the_page_does():
    """The tones written beside the points: +0,05 and −0,10 (a real minus, a decimal comma) in
    German, as every tone figure of the page; a point and a minus sign in English."""
    from tonlage.present.charts import compare_tone_figure

    for lang, want in (("de", ["\u22120,10", "+0,05", "+0,15"]), ("en", ["\u22120.10", "+0.05", "+0.15"])):
        sides, shift = compare_tone_figure(_comparison(), tr=translator(lang)).to_dict()["data"]
        assert [*sides["text"], *shift["text"]] == want
        low = "\u22120,10" if lang == "de" else "\u22120.10"
        assert low in shift["hovertemplate"]


def test_the_hover_counts_a_single_article_in_the_singular():
    from tonlage.present.charts import compare_tone_figure

    sides, _ = compare_tone_figure(_comparison(n=(1, 4)), tr=translator("en")).to_dict()["data"]
    assert [cd[0] for cd in sides["customdata"]] == ["1 article, 40 sentences", "4 articles, 60 sentences"]
    sides, _ = compare_tone_figure(_comparison(n=(1, 4)), tr=translator("de")).to_dict()["data"]
    assert [cd[0] for cd in sides["customdata"]] == ["1 Artikel, 40 Sätze", "4 Artikel, 60 Sätze"]


def test_a_narrow_interval_is_written_with_the_decimals_that_tell_its_ends_apart():
    from tonlage.present.charts import compare_tone_figure

    _, shift = compare_tone_figure(_comparison(-0.002, 0.003), tr=translator("de")).to_dict()["data"]
    assert "\u22120,002 … +0,003" in shift["hovertemplate"]  # not "0,00 … 0,00"


def test_compare_change_figure_colours_growth_and_decline():
    from tonlage.present.charts import NEGATIVE, POSITIVE, compare_change_figure

    c = _comparison()
    spec = compare_change_figure(c.themes, name_col="label", title="T", x_title="pp").to_dict()
    bar = spec["data"][0]
    assert list(bar["x"]) == [30.0, -30.0]
    assert list(bar["marker"]["color"]) == [POSITIVE, NEGATIVE]
    empty = compare_change_figure(c.themes.iloc[0:0], name_col="label", title="T", x_title="pp").to_dict()
    assert empty["layout"]["annotations"]


def test_a_change_s_interval_is_drawn_on_its_bar_and_a_change_that_may_be_chance_is_pale():
    """The findings claim a direction only when the 95% interval excludes 0; the chart shows
    the same: a line for the interval on each bar, the bar pale where it crosses 0."""
    from tonlage.i18n import translator
    from tonlage.present.charts import compare_change_figure

    c = _comparison()
    spec = compare_change_figure(c.themes, name_col="label", title="T", x_title="pp").to_dict()
    bar = spec["data"][0]
    # 30 pp (10 … 50) and −30 pp (−70 … +10)
    assert bar["error_x"]["array"] == pytest.approx([20.0, 40.0])
    assert bar["error_x"]["arrayminus"] == pytest.approx([20.0, 40.0])
    assert list(bar["marker"]["opacity"]) == [1.0, 0.4]
    hovers = [row[2] for row in bar["customdata"]]
    assert hovers[0] == "<br>95% interval +10 … +50 pp"
    assert hovers[1] == "<br>95% interval \u221270 … +10 pp: may be chance"
    assert spec["layout"]["xaxis"]["range"][1] >= 70  # the interval's ends are on the axis
    de = compare_change_figure(c.themes, name_col="label", title="T", x_title="pp", tr=translator("de")).to_dict()
    assert de["data"][0]["customdata"][1][2] == "<br>95-%-Intervall \u221270 … +10 Pp.: kann Zufall sein"
    # A table without intervals (an older pin) draws the bars as before: no lines, none pale
    old = compare_change_figure(
        c.themes.drop(columns=["change_low", "change_high"]), name_col="label", title="T", x_title="pp"
    ).to_dict()
    assert old["data"][0]["error_x"]["visible"] is False and list(old["data"][0]["marker"]["opacity"]) == [1.0, 1.0]
    assert [row[2] for row in old["data"][0]["customdata"]] == ["", ""]
    # A change without an interval (a period with fewer than two articles): pale, no whisker
    # (not a number to Plotly: a length of 0 drew its cap through the bar's end), and the hover
    # says why.
    from tonlage.present.charts.periods import NO_BAR

    none = c.themes.assign(change_low=[0.1, float("nan")], change_high=[0.5, float("nan")])
    bar = compare_change_figure(none, name_col="label", title="T", x_title="pp").to_dict()["data"][0]
    assert bar["error_x"]["array"][1] == NO_BAR and bar["error_x"]["arrayminus"][1] == NO_BAR
    assert bar["error_x"]["array"][0] == pytest.approx(20.0)  # 30 pp (10 … 50) keeps its whisker
    assert list(bar["marker"]["opacity"]) == [1.0, 0.4]
    assert bar["customdata"][1][2] == "<br>no interval: a period has fewer than two articles"


def test_compare_change_names_take_two_short_lines_at_most():
    """A theme's name on one line left the change chart's bars ~100 px in a 900 px window."""
    from tonlage.present.charts import compare_change_figure
    from tonlage.present.charts.compare import NAME_LINE

    c = _comparison()
    themes = c.themes.assign(label=["Waffenstillstand · Verhandlungen · Sicherheitsgarantien · Genf", "Riad"])
    spec = compare_change_figure(themes, name_col="label", title="T", x_title="pp").to_dict()
    names = list(spec["data"][0]["y"])
    assert names[1] == "Riad"
    lines = names[0].split("<br>")
    assert len(lines) == 2 and all(len(line) <= NAME_LINE + 2 for line in lines) and lines[1].endswith("…")


def test_german_time_axes_write_dates_with_numbers_not_english_month_names(small_articles, events):
    """Plotly names months in English only: German date axes use numeric formats at every zoom."""
    de = _d(charts.tone_timeline_figure(small_articles, events=events, tr=translator("de")))
    stops = de["layout"]["xaxis"].get("tickformatstops") or []
    formats = [s["value"] for s in stops]
    assert "%m/%Y" in formats and "%d.%m.%Y" in formats
    assert not any("%b" in f or "%B" in f for f in formats)
    en = _d(charts.tone_timeline_figure(small_articles, events=events, tr=translator("en")))
    # English keeps Plotly's month names, said explicitly ("Feb 2025", as Plotly writes them)
    # so that a slide can put the year on a line of its own
    assert [s["value"] for s in en["layout"]["xaxis"]["tickformatstops"]] == ["%b %Y"]


def test_german_axes_without_dates_keep_plotly_ticks(small_articles):
    d = _d(charts.tone_shares_figure(small_articles, tr=translator("de")))
    assert d["data"]  # a chart was drawn
    assert not d["layout"].get("xaxis", {}).get("tickformatstops")
    assert not d["layout"].get("yaxis", {}).get("tickformatstops")


def test_theme_time_figure_draws_the_largest_themes_and_lists_the_others(small_articles):
    """Many themes (25 on a 100,000-article archive) were one band of lines in repeating
    colours on a 0-100 % axis: the largest THEME_TIME_LINES are drawn, the others are in the
    legend to click on, and the axis ends above the largest drawn share."""
    from tonlage.thresholds import THEME_TIME_LINES

    a = small_articles.dropna(subset=["date"])
    n = THEME_TIME_LINES + 4
    tp = pd.concat([a.assign(theme_id=i, share=0.01 * (i + 1)) for i in range(n)])
    themes = pd.DataFrame({"theme_id": range(n), "label": [f"Theme {i}" for i in range(n)]})
    d = _d(charts.theme_time_figure(tp, themes))
    named = [tr for tr in d["data"] if tr.get("customdata") is not None]
    drawn = [tr["name"] for tr in named if tr.get("visible", True) is True]
    hidden = [tr["name"] for tr in named if tr.get("visible") == "legendonly"]
    assert drawn == [f"Theme {i}" for i in range(n - THEME_TIME_LINES, n)]  # the largest shares
    assert len(hidden) == n - THEME_TIME_LINES
    assert str(THEME_TIME_LINES) in d["layout"]["legend"]["title"]["text"]
    assert d["layout"]["yaxis"]["range"] == [0, 20]  # largest drawn share 12 %


@pytest.mark.parametrize(("days", "freq", "unit"), [(300, "W", "week"), (1000, "M", "month")])
def test_tone_timeline_names_its_periods(days, freq, unit):
    """Drawn as periods, the timeline says which (weeks within two years, else months) in its
    title and legend, and the pages ask the same question for their reading line."""
    a = many_articles(charts.AGGREGATE_OVER + 1, days=days)
    assert charts.tone_timeline_periods(a) == freq
    d = _d(charts.tone_timeline_figure(a))
    assert d["layout"]["title"]["text"] == f"Mean tone of the articles per {unit}"
    assert any(
        tr.get("name") == f"Mean tone of the articles of that {unit}<br>(bar: its 95% interval)" for tr in d["data"]
    )
    assert charts.tone_timeline_periods(many_articles(20, days=days)) == ""


def test_each_period_of_the_tone_timeline_has_a_bar_for_its_95_interval():
    """A week's dot carries a bar from its interval's low to its high end (those of
    aggregate_articles), also in the hover; a hollow dot (fewer than MIN_POINT_ARTICLES
    articles) has none and says why; the axis holds every bar."""
    from tonlage.thresholds import MIN_POINT_ARTICLES

    a = many_articles(charts.AGGREGATE_OVER + 60, days=400, seed=3)
    # Two articles alone in a week far before the others: a hollow dot.
    a.loc[a.index[:2], "date"] = pd.Timestamp("2023-06-07")
    b = charts.aggregate_articles(a)
    d = _d(charts.tone_timeline_figure(a))
    trace = next(t for t in d["data"] if t.get("error_y"))
    tone = np.asarray(_arr(trace["y"]), dtype=float)
    up, down = _bars(trace["error_y"]["array"]), _bars(trace["error_y"]["arrayminus"])
    thin = b["n_articles"].to_numpy() < MIN_POINT_ARTICLES
    assert thin[0] and (~thin).sum() > 40  # the lone week first
    np.testing.assert_allclose((tone + up)[~thin], b["high"][~thin], atol=1e-12)
    np.testing.assert_allclose((tone - down)[~thin], b["low"][~thin], atol=1e-12)
    assert np.isnan(up[thin]).all() and np.isnan(down[thin]).all()  # no whisker at all
    hovers = [row[5] for row in trace["customdata"]]
    assert {hovers[i] for i in np.flatnonzero(thin)} == {"too few articles for an interval"}
    first = int(np.flatnonzero(~thin)[0])
    assert hovers[first] == f"95% interval: {b['low'][first]:+.2f} … {b['high'][first]:+.2f}".replace("-", "−")
    lim = d["layout"]["yaxis"]["range"][1]
    assert lim >= max(b["high"][~thin].max(), -b["low"][~thin].min())


@pytest.mark.parametrize("language", ["en", "de"])
def test_event_labels_of_one_row_do_not_overlap_in_a_narrow_plot(language):
    """The bundled events over the bundled corpus's months: labels in one row leave room for
    each other even where the plot is only ~760 px wide (a laptop screen with the sidebar open;
    "Anchorage summit" ran into "Rubio–Lawrow at the UN" when 1,000 px were assumed)."""
    from pathlib import Path

    from tonlage.analysis.pipeline import read_events
    from tonlage.present.charts.events import event_range

    events = read_events(Path(__file__).resolve().parents[2] / "data" / "events.csv")
    if language == "de":
        events = events.assign(label=events["label_de"])
    dates = ["2025-02-19", "2025-08-16", "2025-09-25", "2025-10-21", "2025-10-22"]
    arts = make_articles([{"date": d, "tone": 0.1} for d in dates])
    d = _d(charts.tone_timeline_figure(arts, events=events, tr=translator(language)))
    lo, hi = event_range(pd.Series(pd.to_datetime(dates)))
    span = (hi - lo).total_seconds()
    rows: dict[int, list[tuple[float, float]]] = {}
    for a in d["layout"]["annotations"]:
        if a.get("name") == "event":
            x = (pd.Timestamp(a["x"]) - lo).total_seconds() / span * 760  # px in a 760 px plot
            rows.setdefault(a["yshift"], []).append((x, len(a["text"]) * 6.3 + 10))
    assert sum(map(len, rows.values())) == len(events) and len(rows) > 1
    for labels in rows.values():
        labels.sort()
        for (x, width), (next_x, _) in zip(labels, labels[1:]):
            assert next_x >= x + width, (language, labels)


# --- narrow windows ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "de"])
def test_long_legend_entries_wrap_so_a_narrow_chart_does_not_cut_them_off(language):
    """Plotly never wraps a legend entry: one wider than the chart lost its end ("… Zeiger darauf
    zeigt, wa" in a 900 px window). Every legend entry of the tone timeline is on lines of at
    most LEGEND_LINE_CHARS, and its words are all there."""
    from tonlage.present.charts.base import LEGEND_LINE_CHARS

    x = translator(language)
    a = make_articles(
        [
            {"date": "2025-01-05", "date_source": "header", "n_sentences": 2},
            {"date": "2025-02-05", "date_source": "metadata"},
            {"date": "2025-03-01", "date_precision": "month"},
        ]
    )
    names = _legend_names(_d(charts.tone_timeline_figure(a, tr=x)))
    assert len(names) == 4  # exact, corrected, month only, and the hollow-point note
    assert any("<br>" in n for n in names)
    for n in names:
        assert all(len(line) <= LEGEND_LINE_CHARS for line in n.split("<br>")), n
    wanted = x("Article (date known to the month only, shown on the 1st)")
    assert names[2].replace("<br>", " ") == wanted  # wrapped at spaces, nothing lost
    assert names[1] == x("Article (date corrected or inferred)")  # no "hover" on an image


def _row_names_and_pitch(fig) -> tuple[list[str], float]:
    d = _d(fig)
    lay = d["layout"]
    names = list(lay["yaxis"].get("ticktext") or [])
    if not names:  # a bar chart names its rows by its categories
        names = list(dict.fromkeys(y for tr in d["data"] if tr["type"] == "bar" for y in tr["y"]))
    plot = lay["height"] - lay["margin"]["t"] - lay["margin"]["b"]
    return names, plot / len(names)


@pytest.mark.parametrize("n", [1, 6, 30])
def test_per_article_charts_name_rows_on_two_short_lines_with_room_for_both(n):
    """A row name of 38 characters and the date on one line took ~330 px: in a 900 px window
    with the sidebar open the plot kept ~50 px of the chart. The title (cut to
    ARTICLE_LABEL_CHARS) now stands over the date, and each row is tall enough for two lines."""
    from tonlage.present.charts.base import ARTICLE_LABEL_CHARS

    a = make_articles(
        [{"title": f"Ein sehr langer Titel eines Artikels über die Gespräche Nummer {i}"} for i in range(n)]
    )
    s = _sentences(a)
    voices = pd.DataFrame(
        {"article_id": a["article_id"], "n_author": 12, "tone_author": -0.2, "n_quoted": 4, "tone_quoted": 0.3}
    )
    figures = {
        "sentences": charts.sentence_tone_figure(s, a),
        "shares": charts.tone_shares_figure(a),
        "voices": charts.voice_tone_figure(voices, a),
    }
    for name, fig in figures.items():
        names, pitch = _row_names_and_pitch(fig)
        assert len(names) == n, name
        for row, (title, date) in zip(names, zip(a["title"], a["date_label"])):
            first, second = row.split("<br>")
            assert len(first) <= ARTICLE_LABEL_CHARS + 1 and title.startswith(first.rstrip("…")), (name, row)
            assert second == date, (name, row)
        assert pitch >= 36, (name, pitch)  # two lines of 14 px type and a gap


def test_names_wrap_after_their_dots_and_stop_at_max_lines():
    from tonlage.present.charts.base import wrap_label

    assert wrap_label("Rubio · Lawrow · US-Außenminister", 18) == "Rubio · Lawrow ·<br>US-Außenminister"
    assert wrap_label("Waffenruhe · Kremlchef · Isolation · Gipfel", 12, max_lines=2) == "Waffenruhe ·<br>Kremlchef …"
    assert wrap_label("ein <b>Satz</b> mit Worten", 10) == "ein<br>&lt;b&gt;Satz&lt;/b&gt;<br>mit Worten"


def test_a_wrapped_hover_line_is_the_plain_text_escaped_and_never_wider_than_asked():
    """Any text, controls, bidi overrides and markup included: joined back, the lines are the
    text as plain_text makes it (nothing lost, nothing added), each escaped, none wider than
    ``width`` unless one word is, and a "<br>" in the text stays literal."""
    import html
    import random

    from tonlage.present.charts.base import wrap_label
    from tonlage.present.safe import plain_text

    rng = random.Random(7)
    alphabet = ["Krieg", "<b>", "&", "a>b", "\u202e", "\t", "\n", "Waffenruhe", "<br>", "x" * 30, " ", "·", "«"]
    for _ in range(300):
        text = " ".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        width = rng.randint(5, 40)
        out = wrap_label(text, width)
        lines = out.split("<br>") if out else []
        assert "<" not in out.replace("<br>", "") and ">" not in out.replace("<br>", "")
        assert " ".join(html.unescape(x) for x in lines) == plain_text(text), (text, out)
        # wider only where one word is (with the " ·" that stays at its end)
        wide = [html.unescape(x) for x in lines if len(html.unescape(x)) > width]
        assert all(" " not in x.replace(" ·", "") for x in wide), (text, out)


@pytest.mark.parametrize("language", ["en", "de"])
def test_theme_names_on_bar_axes_take_two_short_lines_at_most(themes, language):
    """ "Theme 1: Rubio · Lawrow · US-Außenminister" on one line left the bars ~60 px in a
    900 px window: the theme bar charts write it on two lines of at most THEME_NAME_LINE."""
    from tonlage.present.charts.themes import THEME_NAME_LINE

    long = themes.assign(label=["Waffenstillstand · Verhandlungen · Sicherheitsgarantien", "Riad · Kiew · Selenskyj"])
    x = translator(language)
    for fig in (charts.theme_tone_figure(long, tr=x), charts.theme_weight_figure(long, tr=x)):
        names = [y for tr in _d(fig)["data"] if tr["type"] == "bar" and tr.get("customdata") for y in tr["y"]]
        assert len(names) == 2
        for name in names:
            lines = name.split("<br>")
            assert 1 <= len(lines) <= 2 and all(len(line) <= THEME_NAME_LINE + 2 for line in lines), name
            assert not lines[-1].startswith("·")
        assert any(n.endswith("…") for n in names)  # the long one is cut, and says so


def test_long_chart_titles_take_two_even_lines():
    """Plotly does not wrap a title: "Tonlage der Sätze, die einen Akteur nennen, im Zeitverlauf"
    lost its end in a 900 px window. A title longer than TITLE_LINE_CHARS goes on two lines of
    about the same length; a short one stays on one; both escaped."""
    from tonlage.present.charts.base import TITLE_LINE_CHARS, chart_title

    assert chart_title("Tone of each article over time") == "Tone of each article over time"
    long = "Tonlage der Sätze, die einen Akteur nennen, im Zeitverlauf"  # (a title once)
    assert len(long) > TITLE_LINE_CHARS
    first, second = chart_title(long).split("<br>")
    assert f"{first} {second}" == long
    assert abs(len(first) - len(second)) <= 12 and max(len(first), len(second)) <= TITLE_LINE_CHARS
    assert chart_title("<b>" + "x " * 40 + "</b>").count("&lt;b&gt;") == 1


def test_the_chart_titles_fit_on_one_line_in_both_languages():
    """Two even lines of a title looked odd wherever the chart was wide (most screens): every
    chart's title is kept to TITLE_LINE_CHARS in English and German."""
    import re
    from pathlib import Path

    from tonlage.present.charts.base import TITLE_LINE_CHARS

    folder = Path(charts.__file__).parent
    titles = set()
    for path in folder.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        titles |= set(re.findall(r'base_layout\(\s*fig,\s*tr\(\s*"([^"]+)"', source))
        titles |= set(re.findall(r'title = \(\s*tr\("([^"]+)"\)', source))
    assert len(titles) > 10 and "Tone of sentences naming an actor, over time" in titles
    for lang in ("en", "de"):
        tr = translator(lang)
        long = [tr(t) for t in titles if len(tr(t)) > TITLE_LINE_CHARS]
        assert not long, (lang, long)
    fig = _d(charts.actor_voice_figure(pd.DataFrame(columns=["actor"]), tr=translator("de")))
    assert "<br>" not in fig["layout"]["title"]["text"]


def test_long_axis_titles_break_before_their_scale():
    """An x-axis title is centred on the plot: where row names leave the plot narrow, "Tonlage (−1
    negativ … +1 positiv)" ran past the chart's edges. A long one goes on two lines, before its
    parenthesis when both lines then fit."""
    from tonlage.present.charts.base import AXIS_TITLE_CHARS, axis_title

    assert axis_title("Publication date") == "Publication date"
    assert axis_title("Tone (−1 negative … +1 positive)") == "Tone<br>(−1 negative … +1 positive)"
    lines = axis_title("Change in share of articles naming them (pp)").split("<br>")
    assert len(lines) == 2 and all(len(line) <= AXIS_TITLE_CHARS for line in lines)
    d = _d(charts.tone_shares_figure(make_articles([{"title": "A"}])))
    assert d["layout"]["xaxis"]["title"]["text"] == axis_title("Share of the article's sentences (%)")


def test_a_short_unit_stays_on_the_line_of_its_words():
    """ "Share of the article's text (%)" went on two lines with "(%)" alone on the second, in
    every window. A short unit at the end may pass the line's limit, and a title that still
    wraps keeps it with its last word."""
    from tonlage.present.charts.base import AXIS_TITLE_CHARS, axis_title

    for title in ("Share of the article's text (%)", "Anteil am Text des Artikels (%)"):
        assert len(title) > AXIS_TITLE_CHARS
        assert "<br>" not in axis_title(title)
    for title in ("Share of the article's sentences (%)", "Anteil an den Sätzen des Artikels (%)"):
        first, second = axis_title(title).split("<br>")
        assert second != "(%)" and second.endswith(" (%)"), second
        assert max(len(first), len(second)) <= AXIS_TITLE_CHARS
    # One long word and its unit have no space to break at: one line, not an error.
    word = "Sicherheitsgarantieverhandlungsanteil (%)"
    assert axis_title(word) == word
    # A long parenthesis is a scale, not a unit: the line still breaks before it.
    assert axis_title("Tone (−1 negative … +1 positive)") == "Tone<br>(−1 negative … +1 positive)"


@pytest.mark.parametrize(("lang", "day", "month"), [("en", "2025-08-15", "2025-02"), ("de", "15.08.2025", "Feb. 2025")])
def test_article_rows_and_hover_dates_are_written_in_the_readers_language(lang, day, month):
    """A German page named each article's row "Roter Teppich für Putin / 2025-08-15" while its
    tables said "15.08.2025" and "Feb. 2025"."""
    x = translator(lang)
    arts = make_articles(
        [
            {"title": "Roter Teppich", "date": "2025-08-15"},
            {"title": "Telefonat", "date": "2025-02-01", "date_precision": "month"},
        ]
    )
    ticks = _d(charts.tone_shares_figure(arts, tr=x))["layout"]["yaxis"]["ticktext"]
    assert [t.split("<br>")[1] for t in ticks] == [day, month]
    sentences = pd.DataFrame(
        {
            "article_id": ["a0", "a1"],
            "sent_idx": [0, 0],
            "tone": [0.1, -0.1],
            "tone_label": ["neutral"] * 2,
            "text": ["A.", "B."],
            "evidence": ["", ""],
        }
    )
    ticks = _d(charts.sentence_tone_figure(sentences, arts, tr=x))["layout"]["yaxis"]["ticktext"]
    assert [t.split("<br>")[1] for t in ticks] == [day, month]
    from tonlage.present.charts.base import date_hover

    assert date_hover(arts.iloc[0], x) == day
    assert date_hover(arts.iloc[1], x).startswith(month + "<br>")
    assert date_hover(pd.Series({"date_label": float("nan")}), x) == ""


@pytest.mark.parametrize(
    "dates",
    [
        pd.Series(
            pd.to_datetime(["2025-02-18 00:00", "2025-08-15 13:45", "1999-12-31 00:00", "2025-10-01 00:00"]).astype(
                "datetime64[s]"
            )
        ),
        pd.Series(pd.date_range("2024-12-30", periods=60, freq="W-MON")),
        pd.Series(pd.to_datetime(["2025-02-18 23:30", "2025-08-15 00:00"]).tz_localize("Europe/Berlin")),
        pd.Series(pd.to_datetime(["2025-01-01"]) + pd.offsets.MonthBegin(1)),
    ],
    ids=["seconds", "weeks", "zoned", "month-offset"],
)
def test_iso_days_write_each_day_as_the_timestamps_do(dates):
    # The click data of a period names its first and last day; written by NumPy in one go, it
    # must say what each Timestamp formats itself as (a zoned date keeps its own day).
    assert charts.periods.iso_days(dates) == [f"{d:%Y-%m-%d}" for d in dates]
    assert charts.periods.iso_days(dates.iloc[:0]) == []


@pytest.mark.parametrize("unit", ["s", "ns"])
@pytest.mark.parametrize("days", [40, 731, 2000])
def test_periods_of_plain_dates_are_those_pandas_groups(unit, days):
    # The tone timeline's periods are counted in NumPy for dates without a time zone; pandas,
    # grouping the same rows by the first day of their week or month, must find the same
    # periods, means and counts (undated rows and untoned articles left out as it does).
    rng = np.random.default_rng(days)
    n = 400
    dates = pd.Series(
        (np.datetime64("2023-05-01T00:00:00") + rng.integers(0, days * 86400, n).astype("timedelta64[s]")).astype(
            f"datetime64[{unit}]"
        )
    )
    dates[rng.random(n) < 0.1] = pd.NaT
    tone = rng.normal(0, 0.3, n)
    tone[rng.random(n) < 0.2] = np.nan
    a = pd.DataFrame({"date": dates, "tone": tone, "n_sentences": rng.integers(1, 40, n), "title": "x"})
    got = charts.periods.aggregate_articles(a)
    freq = charts.periods.bucket_frequency(a["date"])
    dated = a.dropna(subset=["date"])
    want = (
        dated.assign(start=charts.periods.bucket_start(dated["date"], freq))
        .groupby("start")
        .agg(tone=("tone", "mean"), n_articles=("tone", "size"), n_sentences=("n_sentences", "sum"))
        .reset_index()
    )
    assert freq == ("M" if days > 731 else "W")
    assert got["start"].tolist() == want["start"].tolist()
    step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
    assert got["end"].tolist() == (want["start"] + step).tolist()
    assert got["n_articles"].tolist() == want["n_articles"].tolist()
    assert got["n_sentences"].tolist() == want["n_sentences"].tolist()
    np.testing.assert_allclose(got["tone"], want["tone"], rtol=1e-12)
    # Each period's 95 % interval is mean_interval's of its articles' tones (NaN below two),
    # and the pandas path (dates with a time zone) gives the same.
    from tonlage.intervals import mean_interval

    ends = [
        mean_interval(g["tone"].to_numpy())
        for _, g in dated.assign(start=charts.periods.bucket_start(dated["date"], freq)).groupby("start")
    ]
    np.testing.assert_allclose(got[["low", "high"]].to_numpy(dtype=float), np.array(ends), rtol=1e-9, atol=1e-12)
    assert got["low"].notna().sum() > 5 and got["low"].isna().any() == any(np.isnan(e[0]) for e in ends)
    with warnings.catch_warnings():  # months of zoned dates: pandas says it drops the zone
        warnings.simplefilter("ignore", UserWarning)
        zoned = charts.periods.aggregate_articles(a.assign(date=a["date"].dt.tz_localize("UTC")))
    np.testing.assert_allclose(zoned[["low", "high"]].to_numpy(dtype=float), np.array(ends), rtol=1e-9, atol=1e-12)


def test_point_symbols_one_value_for_a_line_of_one_kind():
    """Hollow where thin; a line whose points are all of one kind gets that symbol once (Plotly
    checks a list point by point), a mixed line one symbol per point."""
    from tonlage.present.charts.base import point_symbols

    assert point_symbols([False] * 300) == "circle"
    assert point_symbols(np.ones(4, dtype=bool), "diamond") == "diamond-open"
    assert point_symbols([True, False, True], "square") == ["square-open", "square", "square-open"]
    assert point_symbols([]) == []


@pytest.mark.parametrize("days", [100, 1000])  # weeks, months
def test_actor_tone_time_periods_are_the_grouped_rows(days):
    """An actor's week or month: the sentence-weighted tone of its rows (a row without a tone
    adds no weight but its sentences), its sentences and its distinct articles, as pandas'
    grouping of the rows gives them."""
    from tonlage.present.charts.periods import bucket_start

    a = many_articles(500, days=days)
    a.loc[a.index[::7], "tone"] = np.nan
    pts = pd.concat([a.assign(actor="Putin"), a.iloc[:40].assign(actor="Putin"), a.iloc[::3].assign(actor="Trump")])
    d = _d(charts.actor_tone_time_figure(pts))
    freq = charts.actor_tone_time_periods(pts)
    assert freq == ("W" if days == 100 else "M")
    for actor in ("Putin", "Trump"):
        rows = pts[pts["actor"] == actor]
        rows = rows.assign(start=bucket_start(rows["date"], freq), w=rows["tone"] * rows["n_sentences"])
        g = rows.groupby("start").agg(w=("w", "sum"), n=("n_sentences", "sum"), articles=("article_id", "nunique"))
        trace = next(t for t in d["data"] if t.get("name") == actor)
        assert [c[1] for c in trace["customdata"]] == [s.strftime("%Y-%m-%d") for s in g.index]
        assert [c[4] for c in trace["customdata"]] == g["articles"].tolist()
        assert [c[5] for c in trace["customdata"]] == g["n"].tolist()
        np.testing.assert_allclose(_arr(trace["y"]), (g["w"] / g["n"]).to_numpy(), rtol=1e-12)


def test_percentage_axes_and_hovers_write_the_percent_sign_as_the_language_does(small_articles):
    """English writes "35%", German "35 %" (no-break space): the findings did, the charts'
    axes and hovers wrote " %" in both."""
    from tonlage.present.charts.themes import theme_weight_figure

    table = pd.DataFrame(
        {"theme_id": [0, 1], "label": ["Gipfel", "Waffenruhe"], "share": [0.6, 0.2], "n_articles": [3, 2]}
    )
    for lang, sign in (("en", "%"), ("de", "\xa0%")):
        tr = translator(lang)
        shares = _d(charts.tone_shares_figure(small_articles, tr=tr))
        weights = _d(theme_weight_figure(table, tr=tr))
        assert shares["layout"]["xaxis"]["ticksuffix"] == sign and weights["layout"]["xaxis"]["ticksuffix"] == sign
    en_hover = _d(theme_weight_figure(table, tr=translator("en")))["data"][0]["hovertemplate"]
    assert "%{x:.0f}% of the text" in en_hover
    assert translator("en")("95% interval: {low} … {high}", low="a", high="b") == "95% interval: a … b"
    assert translator("de")("95% interval: {low} … {high}", low="a", high="b").startswith("95-%-Intervall")


def test_a_change_chart_whose_changes_all_stay_under_1_pp_says_so_in_its_reading_line():
    """On the chart's ±5 pp axis such bars are slivers; the line says why the chart looks empty."""
    from tonlage.present import pack

    small = "Here no change reaches 1 pp"
    c = _comparison()  # theme changes of +30 and -30 pp
    _, read, _ = pack.change_chart(c, "compare_themes", translator("en"))
    assert small not in read and read.startswith("bars to the right")
    themes = c.themes.assign(change=[0.004, -0.009])
    c_small = c.__class__(**{**c.__dict__, "themes": themes})
    _, read, table = pack.change_chart(c_small, "compare_themes", translator("en"))
    assert small in read and len(table) == 2
    _, read_de, _ = pack.change_chart(c_small, "compare_themes", translator("de"))
    assert "1 Prozentpunkt" in read_de
    # one change of exactly 1 pp is not "under 1 pp"
    c_edge = c.__class__(**{**c.__dict__, "themes": c.themes.assign(change=[0.01, 0.0])})
    assert small not in pack.change_chart(c_edge, "compare_themes", translator("en"))[1]


def test_a_change_chart_s_ticks_say_percentage_points_in_the_page_s_language():
    from tonlage.present.charts import compare_change_figure

    c = _comparison()
    for lang, suffix in (("en", " pp"), ("de", " Pp.")):
        tr = translator(lang)
        spec = compare_change_figure(c.themes, name_col="label", title="T", x_title=tr("Change (pp)"), tr=tr).to_dict()
        assert spec["layout"]["xaxis"]["ticksuffix"] == suffix
        assert spec["layout"]["xaxis"]["title"]["text"].endswith(suffix.strip() + ")")


def test_the_actors_tone_shifts_are_drawn_with_their_intervals_largest_first():
    """The Compare page's chart of the actors' tone shifts: only actors whose shift has an
    interval (named often enough, moved enough), the largest change first, blue for more
    positive and vermillion for more negative, pale where the interval holds 0, as the
    findings say."""
    import pandas as pd

    from tonlage.compare import ACTOR_COMPARE_COLUMNS
    from tonlage.i18n import translator
    from tonlage.present.charts import compare_actor_tone_figure
    from tonlage.present.pack import actor_tone_table

    nan = float("nan")
    rows = [
        # actor, kind, share a/b, change, sentences a/b, tone a/b, change low/high, articles a/b, tone low/high
        ["Lawrow", "person", 0.5, 0.5, 0.0, 5, 19, 0.46, 0.15, -0.2, 0.2, 3, 4, -0.89, 0.26],
        ["Putin", "person", 0.5, 0.6, 0.1, 30, 40, -0.30, 0.20, -0.2, 0.3, 3, 4, 0.21, 0.79],
        ["Rubio", "person", 0.5, 0.6, 0.1, 30, 40, 0.10, 0.12, -0.2, 0.3, 3, 4, nan, nan],  # no interval
        # Named in only two articles of the first period: never compared (MIN_ACTOR_ARTICLES).
        ["Selenskyj", "person", 0.5, 0.6, 0.1, 30, 40, -0.60, 0.60, -0.2, 0.3, 2, 4, -2.0, 2.0],
    ]
    table = pd.DataFrame(rows, columns=list(ACTOR_COMPARE_COLUMNS))
    spec = compare_actor_tone_figure(table).to_dict()
    bar = spec["data"][0]
    assert list(bar["y"]) == ["Putin", "Lawrow"]  # +0.50 before −0.31; Rubio has no interval
    assert list(bar["x"]) == pytest.approx([0.50, -0.31])
    assert list(bar["marker"]["opacity"]) == [1.0, 0.4]  # Lawrow's holds 0
    assert bar["marker"]["color"][0] != bar["marker"]["color"][1]
    assert bar["error_x"]["array"] == pytest.approx([0.29, 0.57])  # up to +0.79 and +0.26
    assert bar["error_x"]["arrayminus"] == pytest.approx([0.29, 0.58])  # down to +0.21 and −0.89
    assert bar["customdata"][1] == [
        "+0.46",
        "+0.15",
        "5 vs 19 sentences",
        "95% interval \u22120.89 … +0.26: may be chance",
    ]
    assert spec["layout"]["xaxis"]["range"][0] <= -0.89 and spec["layout"]["title"]["text"]
    de = compare_actor_tone_figure(table, tr=translator("de")).to_dict()["data"][0]["customdata"][1]
    assert de == ["+0,46", "+0,15", "5 bzw. 19 Sätze", "95-%-Intervall \u22120,89 … +0,26: kann Zufall sein"]
    # Its table, in the same order; none without an interval
    data = actor_tone_table(table, translator("en"))
    assert list(data["Name"]) == ["Putin", "Lawrow"] and list(data["Change"]) == pytest.approx([0.5, -0.31])
    assert list(data["95% interval from"]) == [0.21, -0.89]
    # No actor with an interval: an empty chart that says so, and an empty table
    none = table.assign(tone_low=nan, tone_high=nan)
    assert (
        not compare_actor_tone_figure(none).to_dict()["data"]
        or "annotations" in compare_actor_tone_figure(none).to_dict()["layout"]
    )
    assert actor_tone_table(none, translator("en")).empty


def test_a_theme_past_the_palette_has_a_dashed_line_beside_its_colour_twin():
    """Thirteen themes: the 13th shares the first's colour, so its line is dashed (the first
    one's solid) and the two can be told apart when both are shown."""
    from tonlage.present.charts.base import THEME_COLOURS

    a = many_articles(6000, start="2024-01-01", days=700)
    themes = pd.DataFrame({"theme_id": range(13), "label": [f"Thema {i}" for i in range(13)]})
    tp = pd.concat([a.assign(theme_id=i, share=1 / 13) for i in range(13)])
    d = _d(charts.theme_time_figure(tp, themes))
    lines = {tr["name"]: tr["line"] for tr in d["data"] if tr.get("name", "").startswith("Thema")}
    assert len(THEME_COLOURS) == 12 and lines["Thema 12"]["color"] == lines["Thema 0"]["color"]
    assert lines["Thema 0"]["dash"] == "solid" and lines["Thema 12"]["dash"] == "dash"
    assert {lines[f"Thema {i}"]["dash"] for i in range(12)} == {"solid"}


def test_an_actor_s_week_of_one_or_two_articles_is_hollow_however_many_sentences():
    """Drawn by week, an actor's dot that rests on fewer than MIN_POINT_ARTICLES articles is
    hollow even with many sentences (one article's wording is no week's), and the legend says
    both conditions; one article with many sentences, drawn per article, stays solid."""
    from tonlage.thresholds import MIN_ACTOR_POINT_SENTENCES, MIN_POINT_ARTICLES

    a = many_articles(400, days=200)
    a["n_sentences"] = 20
    # A week far before the others with two articles naming Putin in 20 sentences each.
    a.loc[a.index[:2], "date"] = pd.Timestamp("2023-06-07")
    d = _d(charts.actor_tone_time_figure(a.assign(actor="Putin")))
    putin = next(tr for tr in d["data"] if tr.get("name") == "Putin")
    symbols = putin["marker"]["symbol"]
    first = symbols[0] if isinstance(symbols, list) else symbols
    assert putin["customdata"][0][4] == 2 and first == "circle-open"
    assert "circle" in (symbols if isinstance(symbols, list) else [symbols])
    legend = " ".join(_legend_names(d))
    assert f"fewer than {MIN_ACTOR_POINT_SENTENCES} sentences or {MIN_POINT_ARTICLES} articles" in legend
    per_article = _d(charts.actor_tone_time_figure(a.iloc[:5].assign(actor="Putin")))
    dots = next(tr for tr in per_article["data"] if tr.get("name") == "Putin")["marker"]["symbol"]
    assert "circle-open" not in (dots if isinstance(dots, list) else [dots])


def test_actor_timeline_draws_periods_past_sixty_dots_over_three_periods_and_months_when_weeks_are_thin():
    """A cloud of more than ACTOR_DOTS_OVER article dots becomes each actor's weeks or months
    (a reader cannot see an actor's mean in it); not when the dots fall in fewer than
    MIN_ACTOR_PERIODS periods, and months where an actor's weeks hold few articles."""
    from tonlage.present.charts.actors import ACTOR_DOTS_OVER, ACTOR_WEEK_ARTICLES

    a = many_articles(ACTOR_DOTS_OVER + 1, days=60)
    assert charts.actor_tone_time_periods(a.assign(actor="Putin")) == "W"
    assert charts.actor_tone_time_periods(a.iloc[:ACTOR_DOTS_OVER].assign(actor="Putin")) == ""
    assert charts.actor_tone_time_periods(a.assign(actor="Putin"), dots_over=10**9) == ""
    one_week = many_articles(100, start="2024-01-01", days=7)  # a Monday: one week
    assert charts.actor_tone_time_periods(one_week.assign(actor="Putin")) == ""
    assert charts.actor_tone_time_periods(one_week.assign(actor="Putin"), aggregate_over=10) == "W"  # forced
    # Over 200 days (29 weeks), two actors: months below ACTOR_WEEK_ARTICLES a week, weeks above.
    thin = many_articles(29 * (ACTOR_WEEK_ARTICLES - 1), days=200)
    thick = many_articles(29 * (ACTOR_WEEK_ARTICLES + 1), days=200)
    for frame, want in ((thin, "M"), (thick, "W")):
        pts = pd.concat([frame.assign(actor="Putin"), frame.assign(actor="Trump")])
        assert charts.actor_tone_time_periods(pts) == want
    assert "per month" in _d(charts.actor_tone_time_figure(thin.assign(actor="Putin")))["layout"]["title"]["text"]


def test_actor_timeline_periods_carry_their_95_interval_and_the_articles_pale_behind(monkeypatch):
    """Each drawn period has a bar for its 95 % interval over the articles naming the actor
    (mean_interval of those articles), none where the dot is hollow; the hover says which. The
    articles are pale dots behind, each opening its article; the actors' dots of one period sit
    side by side inside it. Over PALE_DOTS_MAX dots the pale ones are left out."""
    from tonlage.intervals import mean_interval
    from tonlage.present.charts import actors as actor_charts
    from tonlage.present.charts.periods import bucket_start
    from tonlage.thresholds import MIN_POINT_ARTICLES

    a = many_articles(120, days=60)
    a.loc[a.index[:2], "date"] = pd.Timestamp("2023-12-04")  # a week of two articles: hollow
    pts = pd.concat([a.assign(actor="Putin"), a.iloc[::2].assign(actor="Trump")])
    freq = charts.actor_tone_time_periods(pts)
    assert freq == "W"
    d = _d(charts.actor_tone_time_figure(pts))
    table = charts.actor_period_table(pts, freq)
    putin = next(t for t in d["data"] if t.get("name") == "Putin")
    rows = table[table["actor"] == "Putin"].reset_index(drop=True)
    y = np.array(_arr(putin["y"]))
    np.testing.assert_allclose(y, rows["tone"], rtol=1e-12)
    up, down = _bars(putin["error_y"]["array"]), _bars(putin["error_y"]["arrayminus"])
    own = a.assign(start=bucket_start(a["date"], freq))
    for i, r in rows.iterrows():
        if r["n_articles"] < MIN_POINT_ARTICLES:
            assert np.isnan(up[i]) and np.isnan(down[i]) and "too few articles" in putin["customdata"][i][7]
            continue
        week = own[own["start"] == r["start"]]
        low, high = mean_interval((week["tone"] * week["n_sentences"]).to_numpy(), week["n_sentences"].to_numpy())
        assert (r["low"], r["high"]) == pytest.approx((low, high), abs=1e-12)
        assert y[i] - down[i] == pytest.approx(low) and y[i] + up[i] == pytest.approx(high)
        assert "95% interval" in putin["customdata"][i][7]
    assert (up > 0).sum() >= len(rows) - 1
    # Side by side within the period: Putin's dots left of Trump's, both inside their week.
    trump = next(t for t in d["data"] if t.get("name") == "Trump")
    px, tx = pd.to_datetime(putin["x"]), pd.to_datetime(trump["x"])
    starts = pd.to_datetime([c[1] for c in putin["customdata"]])
    assert ((px > starts) & (px < starts + pd.Timedelta(days=7))).all()
    both = dict(zip([c[1] for c in trump["customdata"]], tx))
    assert all(x < both[c[1]] for c, x in zip(putin["customdata"], px) if c[1] in both)
    pale = [t for t in d["data"] if t.get("customdata") and t["customdata"][0][0] == "article"]
    assert len(pale) == 2 and all(t["showlegend"] is False and t["marker"]["opacity"] < 1 for t in pale)
    assert sorted(c[1] for c in pale[0]["customdata"]) == sorted(a["article_id"])
    assert any("95% interval" in n for n in _legend_names(d))
    monkeypatch.setattr(actor_charts, "PALE_DOTS_MAX", 100)
    crowded = _d(charts.actor_tone_time_figure(pts))
    assert not [t for t in crowded["data"] if t.get("customdata") and t["customdata"][0][0] == "article"]


def test_actor_timeline_axis_fits_the_periods_when_the_articles_are_not_drawn(monkeypatch):
    """Past PALE_DOTS_MAX dots only the periods are drawn: the tone axis fits them and their bars,
    not every article's tone (which squeezed the weeks into a thin band at 100,000 articles)."""
    from tonlage.present.charts import actors as actor_charts

    a = many_articles(400, days=100)
    a.loc[a.index[5], "tone"] = -0.95  # one article far out, in a week of ~28
    pts = a.assign(actor="Putin")
    wide = _d(charts.actor_tone_time_figure(pts))["layout"]["yaxis"]["range"]
    monkeypatch.setattr(actor_charts, "PALE_DOTS_MAX", 100)
    d = _d(charts.actor_tone_time_figure(pts))
    putin = next(t for t in d["data"] if t.get("name") == "Putin")
    y, up = np.array(_arr(putin["y"])), _bars(putin["error_y"]["array"])
    low, high = d["layout"]["yaxis"]["range"]
    assert low <= np.nanmin(y - _bars(putin["error_y"]["arrayminus"])) and high >= np.nanmax(y + up)
    assert high - low < wide[1] - wide[0]


def test_a_line_whose_first_dot_is_hollow_has_a_solid_mark_in_the_legend():
    """Plotly's legend draws a trace's first mark: a thin first week put a hollow dot beside
    the actor's name, next to "Hollow: fewer than 3 articles", as if the whole line were thin.
    Such a line is left out of the legend and followed by an entry of its own, a solid mark, in
    its group (a click on it still hides the line); a line all hollow or all solid is untouched."""
    a = many_articles(120, days=60)
    a.loc[a.index[:2], "date"] = pd.Timestamp("2023-12-04")  # a first week of two articles
    d = _d(charts.actor_tone_time_figure(a.assign(actor="Putin")))
    named = [t for t in d["data"] if t.get("name") == "Putin"]
    line, entry = named
    assert line["marker"]["symbol"][0] == "circle-open" and line["showlegend"] is False
    assert entry["showlegend"] is True and entry["marker"]["symbol"] == "circle"
    assert entry["legendgroup"] == line["legendgroup"] == "Putin" and entry["x"] == [None]
    assert d["data"].index(entry) == d["data"].index(line) + 1  # in the legend where the line was
    solid = _d(charts.actor_tone_time_figure(a.iloc[2:].assign(actor="Putin")))
    assert [t.get("showlegend") for t in solid["data"] if t.get("name") == "Putin"] == [None]


def test_the_comparison_s_labels_add_up_as_written():
    """−0.004 and +0.054 were labelled "0.00" and "+0.05" beside a change of "+0.06"."""
    from dataclasses import replace

    from tonlage.present.charts import compare_tone_figure

    c = replace(_comparison(), tone=(-0.004, 0.054), shift=0.058)
    sides, shift = compare_tone_figure(c, tr=translator("en")).to_dict()["data"]
    assert [*sides["text"], *shift["text"]] == ["\u22120.004", "+0.054", "+0.058"]


# --- the words searched for, over time ------------------------------------------------------


def test_the_share_of_articles_with_the_words_is_counted_per_week_with_wilson_intervals():
    from scipy import stats

    rng = np.random.default_rng(3)
    days = pd.to_datetime("2025-03-03") + pd.to_timedelta(rng.integers(0, 56, 400), unit="D")
    arts = pd.DataFrame({"date": list(days) + [pd.NaT] * 5})
    holding = np.concatenate([rng.random(400) < 0.3, [True] * 5])  # the undated ones are not counted
    table = charts.words_share_table(arts, holding)
    assert list(table.columns) == charts.WORDS_SHARE_COLUMNS
    assert (table["end"] - table["start"] == pd.Timedelta(days=7)).all()  # ~50 a week: weeks
    assert table["n_articles"].sum() == 400 and table["n_holding"].sum() == int(holding[:400].sum())
    week = (pd.Series(days) - pd.to_timedelta(pd.Series(days).dt.day_of_week, unit="D")).dt.normalize()
    want = pd.DataFrame({"start": week, "hit": holding[:400]}).groupby("start")["hit"].agg(["size", "sum"])
    assert table["n_articles"].tolist() == want["size"].tolist() and table["n_holding"].tolist() == want["sum"].tolist()
    row = table.iloc[0]
    k, n, z = row["n_holding"], row["n_articles"], stats.norm.ppf(0.975)
    centre = (k + z * z / 2) / (n + z * z)
    half = z * np.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
    assert (row["low"], row["high"]) == pytest.approx((centre - half, centre + half))
    # few articles a week over months: months
    sparse = pd.DataFrame({"date": pd.to_datetime("2025-01-01") + pd.to_timedelta(np.arange(0, 200, 5), unit="D")})
    monthly = charts.words_share_table(sparse, np.arange(40) % 4 == 0)
    assert (monthly["start"].dt.day == 1).all() and len(monthly) == 7
    assert charts.words_share_table(pd.DataFrame({"date": [pd.NaT]}), np.array([True])).empty
    # The periods made once for the view without the words, then each search counted in them: the
    # same table as made from scratch, for every search.
    from tonlage.present.charts.words import share_periods

    periods = share_periods(arts)
    assert periods is not None and periods.freq == "W" and periods.n_articles.sum() == 400
    for seed in range(3):
        other = np.random.default_rng(seed).random(len(arts)) < 0.5
        pd.testing.assert_frame_equal(
            charts.words_share_table(arts, other, periods=periods), charts.words_share_table(arts, other)
        )
    assert share_periods(pd.DataFrame({"date": [pd.NaT]})) is None


def test_the_words_chart_draws_hatched_bars_for_few_articles_and_opens_a_period():
    from tonlage.present.selection import selected_article_ids

    tr = translator("de")
    days = ["2025-03-03"] * 10 + ["2025-03-10"] * 2 + ["2025-03-17"] * 6
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(18)], "date": pd.to_datetime(days)})
    holding = np.array([True] * 4 + [False] * 6 + [True, False] + [False] * 6)
    table = charts.words_share_table(arts, holding)
    fig = charts.words_share_figure(table, tr=tr)
    d = _d(fig)  # as the browser gets it
    assert d["layout"]["title"]["text"] == tr("Articles with your words, per week")
    assert len(tr("Articles with your words, per week")) <= 50 and len(tr("Articles with your words, per month")) <= 50
    assert d["layout"]["yaxis"]["title"]["text"] == tr("Share of the articles (%)")
    [bar] = [t for t in d["data"] if t["type"] == "bar" and t.get("customdata") is not None]
    [drawn] = [t for t in fig.data if t.type == "bar" and t.customdata is not None]
    assert list(drawn.y) == pytest.approx([40.0, 50.0, 0.0])
    assert bar["marker"]["pattern"]["shape"] == ["", "/", ""]  # two articles: hatched, no interval
    assert bar["error_y"]["array"][1] == NO_BAR and bar["error_y"]["array"][0] != NO_BAR
    assert "von %{customdata[4]} Artikeln enthalten" in bar["hovertemplate"] and list(bar["customdata"][0][3:5]) == [
        "4",
        "10",
    ]
    # a click on the first week opens its articles (of the view given: those with the words)
    with_words = arts[holding]
    event = {"selection": {"points": [{"customdata": bar["customdata"][0]}]}}
    assert selected_article_ids(event, with_words) == ["a0", "a1", "a2", "a3"]
    assert charts.words_share_figure(table.iloc[:0], tr=tr).to_dict()["layout"]["annotations"]  # "no data" note


def test_the_words_charts_legend_shows_a_solid_bar_even_when_the_first_is_hatched():
    tr = translator("en")
    arts = pd.DataFrame({"date": pd.to_datetime(["2025-03-03"] + ["2025-03-10"] * 5)})
    d = _d(charts.words_share_figure(charts.words_share_table(arts, np.array([True] * 3 + [False] * 3)), tr=tr))
    shown = [t for t in d["data"] if t.get("showlegend") is not False and t.get("name")]
    main = [t for t in shown if tr("Share of that week's articles with the words") in t["name"]]
    assert len(main) == 1 and not main[0]["marker"].get("pattern")  # solid, beside the "hatched" entry
    hatched = tr("Hatched: few articles that week or month (fewer than {n})", n=3)
    assert any(hatched == t["name"].replace("<br>", " ") for t in shown)  # (wrapped for the legend)


def test_the_data_behind_the_words_chart_is_in_percent_with_each_periods_last_day():
    arts = pd.DataFrame({"date": pd.to_datetime(["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-12"])})
    table = charts.words_share_table(arts, np.array([True, False, False, True]))
    rows = charts.words_share_rows(table)
    assert list(rows.columns) == list(charts.WORDS_SHARE_NAMES)
    assert [str(d) for d in rows["from"]] == ["2025-03-03", "2025-03-10"]
    assert [str(d) for d in rows["to"]] == ["2025-03-09", "2025-03-16"]
    assert list(rows["share"]) == [33.3, 100.0] and list(rows["n_holding"]) == [1, 1]
    assert (rows["low"] <= rows["share"]).all() and (rows["share"] <= rows["high"]).all()


# --- Tone by source ---------------------------------------------------------------------------


def test_source_tone_table_is_the_views_statistic_per_source():
    """A source's tone is the mean over its scored sentences and its interval the jackknife over
    its articles, as the view's own figure; articles without a source are left out."""
    from tonlage.intervals import mean_interval

    rng = np.random.default_rng(3)
    sources = np.array(["Taz", "FAZ", "Taz", "", None, "FAZ", "Taz", "FAZ", "  FAZ "], dtype=object)
    counts = rng.integers(1, 30, len(sources)).astype("int64")
    sums = rng.normal(0, 0.4, len(sources)) * counts
    table = charts.source_tone_table(sources, counts, sums)
    assert table["source"].tolist() == ["FAZ", "Taz"]  # most articles first (4, 3); names trimmed
    for name, rows in (("FAZ", [1, 5, 7, 8]), ("Taz", [0, 2, 6])):
        r = table.set_index("source").loc[name]
        assert r["n_articles"] == len(rows) and r["n_sentences"] == counts[rows].sum()
        assert r["tone"] == pytest.approx(sums[rows].sum() / counts[rows].sum())
        assert (r["low"], r["high"]) == pytest.approx(mean_interval(sums[rows], counts[rows]))


def test_source_tone_table_has_no_interval_for_one_scored_article_and_is_empty_without_sources():
    table = charts.source_tone_table(["A", "A", "B"], [4, 0, 3], [0.8, 0.0, -0.3])
    a = table.set_index("source").loc["A"]
    assert a["n_articles"] == 2 and a["tone"] == pytest.approx(0.2)
    assert np.isnan(a["low"]) and np.isnan(a["high"])  # one article with scored sentences
    assert charts.source_tone_table(["", None], [1, 2], [0.1, 0.2]).empty


def test_source_tone_figure_bars_clicks_hatching_and_the_line_of_all_articles():
    table = charts.source_tone_table(
        ["Kieler Blatt"] * 6 + ["Bonner Rundschau"] * 5 + ["Jenaer Anzeiger"] * 2,
        [5] * 13,
        [1.5, 1.0, 2.0, 1.2, 1.4, 0.9] + [-1.0, -1.5, -0.5, -1.2, -0.8] + [0.1, 0.2],
    )
    fig = charts.source_tone_figure(table, overall=0.05, tr=translator("en"))
    spec = _d(fig)
    bars = next(t for t in spec["data"] if t["type"] == "bar" and t.get("customdata") is not None)
    assert [cd[0] for cd in bars["customdata"]] == ["source"] * 3
    assert [cd[1] for cd in bars["customdata"]] == ["Kieler Blatt", "Bonner Rundschau", "Jenaer Anzeiger"]
    assert bars["marker"]["pattern"]["shape"] == ["", "", "/"]  # two articles: hatched
    assert bars["error_x"]["array"][2] == NO_BAR  # and no interval drawn
    assert bars["marker"]["color"][0] != bars["marker"]["color"][1]  # positive and negative
    assert fig.layout.title.text == "Tone of the articles, by source"
    dotted = [s for s in spec["layout"]["shapes"] if s.get("line", {}).get("dash") == "dot"]
    assert len(dotted) == 1 and dotted[0]["x0"] == pytest.approx(0.05)
    assert any("All articles in view: +0.05" in (t.get("name") or "") for t in spec["data"])
    german = charts.source_tone_figure(table, overall=0.05, tr=translator("de"))
    assert german.layout.title.text != fig.layout.title.text


def test_source_tone_figure_draws_the_largest_sources_and_keeps_cut_names_apart():
    names = [f"Zeitung für Stadt und Land, Ausgabe {i:02d}" for i in range(charts.SOURCE_BARS + 5)]
    sources = [n for i, n in enumerate(names) for _ in range(len(names) - i)]  # the first has most articles
    table = charts.source_tone_table(sources, [3] * len(sources), [0.3] * len(sources))
    fig = charts.source_tone_figure(table, tr=translator("en"))
    bars = next(t for t in fig.data if t.type == "bar" and t.customdata is not None)
    assert [cd[1] for cd in bars.customdata] == names[: charts.SOURCE_BARS]
    assert len(set(bars.y)) == charts.SOURCE_BARS  # names cut alike get a number, not one row
    assert str(charts.SOURCE_BARS) in fig.layout.title.text


def test_source_tone_figure_escapes_a_hostile_source_name():
    table = charts.source_tone_table(["<b>Evil</b>", "<b>Evil</b>", "Gut"], [2, 2, 2], [0.2, 0.4, 0.1])
    spec = _json(charts.source_tone_figure(table, tr=translator("en")))
    assert "<b>Evil" not in spec and "&lt;b&gt;Evil" in spec
    bars = next(t for t in _d(charts.source_tone_figure(table, tr=translator("de")))["data"] if t.get("customdata"))
    assert [cd[3] for cd in bars["customdata"]] == ["2 Artikel", "1 Artikel"]
    assert [cd[4] for cd in bars["customdata"]] == ["4 Sätze", "2 Sätze"]


def test_source_tone_table_from_numbered_sources_is_the_same_and_leaves_out_absent_ones():
    import pandas as pd

    sources = ["Taz", "FAZ", "", "Taz", "FAZ", "FAZ"]
    counts, sums = [3, 4, 2, 5, 1, 6], [0.3, -0.8, 0.1, 1.0, 0.2, -0.6]
    codes, names = pd.factorize(pd.Series(sources).where(pd.Series(sources) != "", None), use_na_sentinel=True)
    names = list(names) + ["Bild"]  # a source of the corpus with no article in this view
    by_text = charts.source_tone_table(sources, counts, sums)
    by_code = charts.source_tone_table(codes, counts, sums, names=names)
    pd.testing.assert_frame_equal(by_text, by_code)
    assert by_code["source"].tolist() == ["FAZ", "Taz"]


# --- each outlet over time --------------------------------------------------------------------


def _outlets_over_time(days: int):
    """Three outlets over ``days`` days: Taz three articles a day, FAZ two, Bild one (every
    third day), one article without an outlet and one undated."""
    import pandas as pd

    rows = []
    for d in range(days):
        day = pd.Timestamp("2025-01-06") + pd.Timedelta(days=d)
        rows += [(day, "Taz", -0.2 + 0.01 * i) for i in range(3)] + [(day, "FAZ", 0.3 + 0.01 * i) for i in range(2)]
        if d % 3 == 0:
            rows.append((day, "Bild", 0.0))
    rows += [(pd.Timestamp("2025-01-07"), "", 0.9), (pd.NaT, "Taz", 0.9)]
    dates, names, tones = zip(*rows)
    from tonlage.frames import source_numbers

    codes, outlets = source_numbers(names)
    return pd.Series(dates), np.array(tones), np.full(len(tones), 4), codes, outlets


def test_source_periods_are_the_timelines_periods_of_each_of_the_largest_outlets():
    dates, tones, sentences, codes, names = _outlets_over_time(28)
    table, n, freq = charts.source_periods(dates, tones, sentences, codes, names, top=2)
    assert (n, freq) == (3, "W")  # Bild has dated articles too, but only the two largest are drawn
    assert list(dict.fromkeys(table["source"])) == ["Taz", "FAZ"]
    taz = table[table["source"] == "Taz"]
    week = taz.iloc[0]  # 6-12 January: 3 articles a day, the undated one left out
    assert week["n_articles"] == 21 and week["n_sentences"] == 84
    assert week["tone"] == pytest.approx(np.mean([-0.2, -0.19, -0.18]))
    assert week["low"] < week["tone"] < week["high"]
    assert (taz["end"] - taz["start"]).dt.days.tolist() == [7] * 4
    # half a year and more: months, for every outlet
    table, _, freq = charts.source_periods(*_outlets_over_time(200))
    assert freq == "M" and set(table["source"]) == {"Taz", "FAZ", "Bild"}
    # nothing dated with an outlet: nothing to draw
    empty, n, freq = charts.source_periods(dates, tones, sentences, np.full(len(codes), -1), names)
    assert empty.empty and (n, freq) == (0, "")


def test_source_tone_time_figure_a_line_per_outlet_clicks_and_hollow_periods():
    dates, tones, sentences, codes, names = _outlets_over_time(28)
    table, _, freq = charts.source_periods(dates, tones, sentences, codes, names)
    fig = charts.source_tone_time_figure(table, freq=freq, tr=translator("en"))
    lines = [t for t in fig.data if t.customdata is not None]
    assert [t.name for t in lines] == ["Taz", "FAZ", "Bild"]
    assert fig.layout.title.text == "Mean tone per week, by source"
    bild = lines[2]
    cd = bild.customdata[0]
    assert (cd[0], cd[3]) == ("source_bucket", "Bild") and cd[4] == "3 articles, 12 sentences"
    assert (cd[1], cd[2]) == ("2025-01-06", "2025-01-13")
    # Bild's weeks rest on 2-3 articles: hollow below 3, and no bar there
    symbols = list(bild.marker.symbol) if not isinstance(bild.marker.symbol, str) else [bild.marker.symbol]
    thin = (table[table["source"] == "Bild"]["n_articles"] < 3).tolist()
    assert any(thin) and [s.endswith("-open") for s in symbols] == thin
    assert charts.source_tone_time_figure(table.iloc[0:0], tr=translator("en")).layout.annotations
    german = charts.source_tone_time_figure(table, freq="M", tr=translator("de"))
    assert german.layout.title.text == "Mittlere Tonlage je Monat, nach Quelle"


def test_source_tone_time_figure_escapes_a_hostile_outlet():
    import pandas as pd

    table, _, freq = charts.source_periods(
        pd.Series(pd.to_datetime(["2025-01-06"] * 4)), [0.1] * 4, [3] * 4, [0, 0, 1, 1], ["<b>Evil</b>", "Gut"]
    )
    fig = charts.source_tone_time_figure(table, freq=freq, tr=translator("en"))
    evil = next(t for t in fig.data if t.customdata is not None)
    assert evil.name == "&lt;b&gt;Evil&lt;/b&gt;" and evil.customdata[0][5] == evil.name  # drawn and hovered escaped
    assert evil.customdata[0][3] == "<b>Evil</b>"  # the click's data keeps the name (never drawn)


# --- each outlet's themes -----------------------------------------------------------------------


def test_source_theme_table_is_each_outlets_share_of_text_as_compare_measures_it():
    import pandas as pd

    themes = pd.DataFrame({"theme_id": [0, 1], "label": ["Gipfel", "Haushalt"]})
    # per theme (rows), outlets Taz, FAZ, Bild, then the view: sums of the theme's shares
    shares = np.array([[3.0, 0.5, 0.0, 3.9], [1.0, 1.5, 0.0, 3.1]])
    themed = np.array([4, 2, 0, 7])  # Bild has no themed article; one themed article has no outlet
    table = charts.source_theme_table(shares, themed, ["Taz", "FAZ", "Bild"], themes, top=5)
    assert table["source"].tolist() == ["", "Taz", "FAZ"] * 2  # the view first, then by size; Bild left out
    assert table["label"].tolist()[::3] == ["Gipfel", "Haushalt"]  # by the view's share (3.9/7 > 3.1/7)
    got = {(r.label, r.source): r.share for r in table.itertuples()}
    assert got[("Gipfel", "Taz")] == pytest.approx(0.75) and got[("Haushalt", "FAZ")] == pytest.approx(0.75)
    assert got[("Gipfel", "")] == pytest.approx(3.9 / 7)
    rows = charts.source_theme_rows(table, "All articles in view")
    assert rows["source"].tolist()[:3] == ["All articles in view", "Taz", "FAZ"]
    assert rows["theme_id"].tolist()[:3] == [1, 1, 1] and rows["share"].tolist()[1] == 75.0  # numbered from 1, in %
    assert set(rows.columns) == set(charts.SOURCE_THEME_NAMES)
    assert charts.source_theme_table(shares, themed, ["Taz", "FAZ", "Bild"], themes, top=1)["source"].nunique() == 2
    assert charts.source_theme_table(shares, np.array([0, 0, 0, 7]), ["Taz", "FAZ", "Bild"], themes).empty
    # an outlet a finding names is drawn after the largest; one without themed articles is not
    kept = charts.source_theme_table(shares, themed, ["Taz", "FAZ", "Bild"], themes, top=1, keep=("FAZ", "Bild"))
    assert kept["source"].tolist()[:3] == ["", "Taz", "FAZ"]
    same = charts.source_theme_table(shares, themed, ["Taz", "FAZ", "Bild"], themes, top=5, keep=("Taz",))
    assert same.equals(table)  # already among the largest: drawn once, in its place


def test_source_theme_figure_dots_ticks_hollow_outlets_and_clicks():
    import pandas as pd

    themes = pd.DataFrame({"theme_id": [0, 1], "label": ["Gipfel", "<b>Haushalt</b>"]})
    shares = np.array([[3.0, 0.5, 3.9], [1.0, 1.5, 3.1]])
    table = charts.source_theme_table(shares, np.array([4, 2, 7]), ["Taz", "<i>FAZ</i>"], themes)
    fig = charts.source_theme_figure(table, tr=translator("en"))
    assert fig.layout.title.text == "How much of each source's text each theme fills"
    tick, taz, faz = (t for t in fig.data if t.name and "Hollow" not in t.name)
    assert tick.name == "All articles in view" and tick.customdata is None  # a reference, not a click
    assert list(taz.x) == [75.0, 25.0] and taz.marker.symbol == "circle"
    assert faz.marker.symbol == "circle-open" and faz.name == "&lt;i&gt;FAZ&lt;/i&gt;"  # two articles: hollow
    assert [list(cd[:3]) for cd in faz.customdata] == [
        ["source_theme", "<i>FAZ</i>", 0],
        ["source_theme", "<i>FAZ</i>", 1],
    ]
    assert "&lt;b&gt;Haushalt" in faz.y[1] and "<b>Haushalt" not in faz.y[1]
    de = charts.source_theme_figure(table, tr=translator("de"))
    assert de.data[1].customdata[0][4] == "75\xa0%"
