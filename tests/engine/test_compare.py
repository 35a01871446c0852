"""Period comparison: windows, tone shift with its interval over articles, theme and actor changes.

The intervals themselves are tested in test_intervals.py.

Every corpus here is built by hand so each expected number is known exactly.
"""

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from tests.charts.large_corpus import texts_of_sentences
from tonlage.compare import (
    ACTOR_COMPARE_COLUMNS,
    EXAMPLE_COLUMNS,
    THEME_COMPARE_COLUMNS,
    Comparison,
    Window,
    compare_periods,
    event_windows,
    view_examples,
)
from tonlage.intervals import newcombe_interval, share_interval
from tonlage.model import (
    ACTOR_ARTICLE_COLUMNS,
    ARTICLE_COLUMNS,
    ARTICLE_THEME_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    SKIPPED_COLUMNS,
    THEME_COLUMNS,
    AnalysedCorpus,
)

EVENT = date(2025, 8, 15)
BEFORE, AFTER = event_windows(EVENT, 30, label="Anchorage summit")


def empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def article(aid: str, day, precision: str = "day") -> dict:
    """One article row with every ARTICLE_COLUMNS field; ``day`` may be None (undated)."""
    ts = pd.Timestamp(day) if day is not None else pd.NaT
    label = "undated" if day is None else (f"{ts:%Y-%m}" if precision == "month" else f"{ts:%Y-%m-%d}")
    return {
        "article_id": aid,
        "file": f"{aid}.txt",
        "title": f"Title {aid}",
        "author": "unknown",
        "date": ts,
        "date_label": label,
        "date_precision": precision if day is not None else "none",
        "date_source": "header" if day is not None else "none",
        "date_note": "",
        "genre": "news report",
        "source": "",
        "url": "",
        "language": "de",
        "n_sentences": 0,
        "n_words": 0,
        "tone": np.nan,
        "share_negative": 0.0,
        "share_neutral": 0.0,
        "share_positive": 0.0,
        "top_theme": -1,
        "top_theme_share": 0.0,
        "duplicate_of": "",
        "duplicate_kind": "",
        "n_copies": 1,
        "note": "",
        "text": "",
    }


def sentences_of(aid: str, tones) -> list[dict]:
    return [
        {
            "article_id": aid,
            "sent_idx": i,
            "start": 0,
            "end": 0,
            "text": f"{aid} sentence {i}",
            "n_words": 5,
            "tone": t,
            "tone_label": "neutral",
            "evidence": "",
        }
        for i, t in enumerate(tones)
    ]


def make_corpus(articles, sentences=(), themes=None, article_themes=(), actor_articles=()) -> AnalysedCorpus:
    arts = pd.DataFrame(list(articles), columns=list(ARTICLE_COLUMNS))
    arts["date"] = pd.to_datetime(arts["date"])
    sents = pd.DataFrame(list(sentences), columns=list(SENTENCE_COLUMNS)) if sentences else empty(SENTENCE_COLUMNS)
    texts = None
    if sentences:
        sents["tone"] = sents["tone"].astype("float64")
        sents, texts = texts_of_sentences(sents)  # the articles' texts hold their sentences
    th = themes if themes is not None else empty(THEME_COLUMNS)
    at = (
        pd.DataFrame(list(article_themes), columns=list(ARTICLE_THEME_COLUMNS))
        if article_themes
        else empty(ARTICLE_THEME_COLUMNS)
    )
    aa = (
        pd.DataFrame(list(actor_articles), columns=list(ACTOR_ARTICLE_COLUMNS))
        if actor_articles
        else empty(ACTOR_ARTICLE_COLUMNS)
    )
    return AnalysedCorpus(
        articles=arts,
        texts=texts,
        sentences=sents,
        themes=th,
        article_themes=at,
        mentions=empty(MENTION_COLUMNS),
        actor_articles=aa,
        events=empty(EVENT_COLUMNS),
        skipped=empty(SKIPPED_COLUMNS),
    )


def two_sided(tones_a, tones_b, per_article: int = 10) -> AnalysedCorpus:
    """Articles in BEFORE carrying ``tones_a`` and in AFTER carrying ``tones_b``."""
    arts, sents = [], []
    for side, tones, day in (("a", tones_a, "2025-08-01"), ("b", tones_b, "2025-08-20")):
        for j in range(0, len(tones), per_article):
            aid = f"{side}{j // per_article:05d}"
            arts.append(article(aid, day))
            sents += sentences_of(aid, tones[j : j + per_article])
    return make_corpus(arts, sents)


def all_ids(corpus: AnalysedCorpus) -> tuple[str, ...]:
    return tuple(corpus.articles["article_id"])


# --- windows ---------------------------------------------------------------------------------


def test_event_windows_boundaries_and_labels():
    before, after = event_windows(EVENT, 30, label="Anchorage summit")
    assert before == Window(date(2025, 7, 16), date(2025, 8, 14), "before Anchorage summit")
    assert after == Window(date(2025, 8, 15), date(2025, 9, 13), "after Anchorage summit")
    assert (before.end - before.start).days + 1 == 30 == (after.end - after.start).days + 1
    plain = event_windows(pd.Timestamp("2025-08-15 13:30"), 7)
    assert [w.label for w in plain] == ["before", "after"]
    assert plain[1].start == EVENT


def test_invalid_windows_are_rejected():
    with pytest.raises(ValueError):
        event_windows(EVENT, 0)
    with pytest.raises(ValueError):
        Window(date(2025, 8, 2), date(2025, 8, 1), "backwards")
    # Without days only outlets can be a side (a corpus with no dated article), and then with
    # neither end: a period with one end would silently be read as every day.
    assert Window(None, None, "taz", ("taz",)).sources == ("taz",)
    for start, end, sources in ((None, None, ()), (date(2025, 8, 1), None, ("taz",)), (None, date(2025, 8, 1), ())):
        with pytest.raises(ValueError):
            Window(start, end, "x", sources)


def test_boundary_days_belong_to_the_right_side():
    days = {
        "d0": "2025-07-15",
        "d1": "2025-07-16",
        "d2": "2025-08-14",
        "d3": "2025-08-15",
        "d4": "2025-09-13",
        "d5": "2025-09-14",
        "d6": "2025-08-14 23:59",
    }
    arts = [article(k, v) for k, v in days.items()]
    sents = [s for k in days for s in sentences_of(k, [0.1])]
    c = compare_periods(make_corpus(arts, sents), days, BEFORE, AFTER)
    # 15 July is one day too early, 14 September one day too late; the event day is "after".
    assert c.n_articles == (3, 2)
    assert c.n_sentences == (3, 2)


def test_undated_articles_never_count_and_month_dates_count_on_the_first():
    arts = [article("undated", None), article("month", "2025-08-01", precision="month"), article("after", "2025-08-20")]
    sents = sentences_of("undated", [0.9] * 5) + sentences_of("month", [-0.2]) + sentences_of("after", [0.2])
    c = compare_periods(make_corpus(arts, sents), all_ids(make_corpus(arts)), BEFORE, AFTER)
    assert c.n_articles == (1, 1)
    assert c.tone == (-0.2, 0.2)
    assert any("dated only to the month" in w and "before Anchorage summit" in w for w in c.warnings)


def test_a_month_date_is_only_a_doubt_where_the_month_runs_past_the_periods_end():
    """An article dated only to August counts on 1 August. Before the summit (the period ends on
    14 August) it may be from after it: said. In a period of whole months it is no doubt:
    nothing said (60 web pages compared in two halves warned of each month-dated article)."""
    arts = [
        article("month", "2025-08-01", precision="month"),
        article("july", "2025-07-20"),
        article("sept", "2025-09-10"),
        article("sept_month", "2025-09-01", precision="month"),
    ]
    sents = [s for a in arts for s in sentences_of(a["article_id"], [0.1])]
    corpus = make_corpus(arts, sents)
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    said = [w for w in c.warnings if "dated only to the month" in w]
    # August before the summit (to 14 August), September after it (to 13 September): both months
    # run past their period's end.
    assert len(said) == 2 and all(w.startswith("1 article") for w in said)
    assert "before Anchorage summit" in said[0] and "after Anchorage summit" in said[1]
    whole = (
        Window(date(2025, 7, 1), date(2025, 8, 31), "summer"),
        Window(date(2025, 9, 1), date(2025, 9, 30), "September"),
    )
    c = compare_periods(corpus, all_ids(corpus), *whole)
    assert c.n_articles == (2, 2)
    assert not [w for w in c.warnings if "dated only to the month" in w]
    # A period that ends on the month's last day but one: the doubt is back.
    c = compare_periods(
        corpus, all_ids(corpus), whole[0], Window(date(2025, 9, 1), date(2025, 9, 29), "most of September")
    )
    assert [w for w in c.warnings if "dated only to the month" in w and "most of September" in w]


def test_only_ids_in_view_count():
    corpus = two_sided([-0.5] * 20, [0.25] * 20)
    ids = ["a00000", "b00000", "not-an-article"]
    c = compare_periods(corpus, ids, BEFORE, AFTER)
    assert c.n_articles == (1, 1)
    assert c.n_sentences == (10, 10)


# --- tone shift ----------------------------------------------------------------------------------


def test_constant_tones_give_an_exact_shift_and_a_collapsed_interval():
    corpus = two_sided([-0.5] * 40, [0.25] * 40)
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    assert isinstance(c, Comparison)
    assert c.tone == (-0.5, 0.25)
    assert c.shift == 0.75
    assert (c.shift_low, c.shift_high) == (0.75, 0.75)
    assert c.n_articles == (4, 4) and c.n_sentences == (40, 40)
    assert c.warnings == []


def test_unscored_sentences_are_left_out():
    corpus = two_sided([-0.5] * 30 + [np.nan] * 10, [0.25] * 40)
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    assert c.n_sentences == (30, 40)
    assert c.shift == 0.75


def spread_corpus(n: int, per_article: int = 1, alike: bool = True) -> AnalysedCorpus:
    """Side A: tones -0.5 ± 0.4, side B: 0.0 ± 0.4, each exactly balanced (true shift 0.5).
    By default every sentence is an article of its own (the interval is the sentences' own).
    With longer articles, ``alike``: every article holds both tones in turn, so all articles
    have the same mean; else half the articles hold only the lower tone, half the higher."""
    half = n // 2
    if alike:
        return two_sided([-0.9, -0.1] * half, [-0.4, 0.4] * half, per_article=per_article)
    return two_sided([-0.9] * half + [-0.1] * half, [-0.4] * half + [0.4] * half, per_article=per_article)


def test_articles_are_the_units_so_alike_sentences_of_one_article_do_not_narrow_the_interval():
    """Sentences of one article are not independent: 800 sentences a period in 16 articles, each
    article's sentences all of one tone, carry about as much as 16 values, not 800."""
    from scipy import stats

    from tonlage.intervals import shift_interval, welch_interval

    alike = spread_corpus(800, per_article=50)
    apart = spread_corpus(800, per_article=50, alike=False)
    ca = compare_periods(alike, all_ids(alike), BEFORE, AFTER)
    cp = compare_periods(apart, all_ids(apart), BEFORE, AFTER)
    assert ca.shift == pytest.approx(0.5) == cp.shift
    # alike articles: their means are all the same, so the sentences' own spread is what is left
    # (800 sentences a side, spread 0.4)
    sentence_level = 2 * 1.96 * np.sqrt(2 * 0.16 / 800)
    assert ca.shift_high - ca.shift_low == pytest.approx(sentence_level, rel=0.01)
    # articles apart: the interval is the one of 16 article means a side, far wider
    assert cp.shift_low < 0.5 < cp.shift_high
    assert cp.shift_high - cp.shift_low > 3 * sentence_level
    # Worked out here from its definition: each side's mean again without each article (the
    # jackknife), Student's t with Welch–Satterthwaite degrees of freedom.
    rng = np.random.default_rng(5)
    ga, gb = rng.integers(0, 6, 40), rng.integers(10, 19, 55)
    ta = rng.normal(0.0, 0.3, 6)[ga] + rng.normal(0, 0.2, 40)
    tb = rng.normal(0.1, 0.3, 9)[gb - 10] + rng.normal(0, 0.2, 55)

    def jackknife(t, g):
        arts = np.unique(g)
        without = np.array([t[g != a].mean() for a in arts])
        return (len(arts) - 1) / len(arts) * ((without - without.mean()) ** 2).sum(), len(arts)

    (va, ka), (vb, kb) = jackknife(ta, ga), jackknife(tb, gb)
    df = (va + vb) ** 2 / (va**2 / (ka - 1) + vb**2 / (kb - 1))
    half = stats.t.ppf(0.975, df) * np.sqrt(va + vb)
    gap = tb.mean() - ta.mean()
    assert half > (welch_interval(ta, tb)[1] - welch_interval(ta, tb)[0]) / 2  # articles set the tone here
    assert shift_interval(ta, tb, (ga, gb)) == pytest.approx((gap - half, gap + half), abs=1e-12)
    # without articles, every sentence is its own unit: Welch's interval
    assert shift_interval(ta, tb) == pytest.approx(welch_interval(ta, tb), abs=1e-12)
    assert all(math.isnan(v) for v in shift_interval(ta, tb[:0], (ga, gb[:0])))


def test_interval_covers_the_true_shift_and_narrows_with_more_sentences():
    small, large = spread_corpus(400), spread_corpus(1600)
    cs = compare_periods(small, all_ids(small), BEFORE, AFTER)
    cl = compare_periods(large, all_ids(large), BEFORE, AFTER)
    assert cs.shift == pytest.approx(0.5) and cl.shift == pytest.approx(0.5)
    for c in (cs, cl):
        assert c.shift_low < 0.5 < c.shift_high
    # Standard error of the shift: sqrt(2 * 0.4**2 / n); the 95% interval is ~±1.96 of it.
    expected = 2 * 1.96 * np.sqrt(2 * 0.16 / 400)
    assert cs.shift_high - cs.shift_low == pytest.approx(expected, rel=0.1)
    ratio = (cl.shift_high - cl.shift_low) / (cs.shift_high - cs.shift_low)
    assert ratio == pytest.approx(0.5, abs=0.08)


def test_the_interval_is_the_same_every_time():
    corpus = spread_corpus(400, per_article=4, alike=False)
    one = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    two = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    assert (one.shift_low, one.shift_high) == (two.shift_low, two.shift_high)
    assert one.shift_low < one.shift < one.shift_high


# --- themes ------------------------------------------------------------------------------------


def test_theme_shares_change_exactly():
    arts = [
        article("a1", "2025-08-01"),
        article("a2", "2025-08-02"),
        article("b1", "2025-08-20"),
        article("b2", "2025-08-21"),
        article("b3", "2025-08-22"),
    ]
    themes = pd.DataFrame(
        {
            "theme_id": [0, 1],
            "label": ["gipfel · trump · putin", "front · angriff · drohne"],
            "terms": [(), ()],
            "weight": [0.5, 0.5],
            "n_articles": [3, 2],
            "tone": [0.0, 0.0],
            "term_weights": [(), ()],
        },
        columns=list(THEME_COLUMNS),
    )
    shares = {"a1": (1.0, 0.0), "a2": (0.5, 0.5), "b1": (0.25, 0.75), "b2": (0.0, 1.0), "b3": (0.5, 0.5)}
    at = [{"article_id": k, "theme_id": t, "share": s} for k, v in shares.items() for t, s in enumerate(v)]
    corpus = make_corpus(arts, themes=themes, article_themes=at)
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    t = c.themes.set_index("theme_id")
    assert list(c.themes.columns) == list(THEME_COMPARE_COLUMNS)
    assert t.loc[0, "share_a"] == pytest.approx(0.75) and t.loc[0, "share_b"] == pytest.approx(0.25)
    assert t.loc[1, "share_a"] == pytest.approx(0.25) and t.loc[1, "share_b"] == pytest.approx(0.75)
    assert t.loc[0, "change"] == pytest.approx(-0.5) and t.loc[1, "change"] == pytest.approx(0.5)
    assert t.loc[1, "label"] == "front · angriff · drohne"


def test_themes_sorted_by_absolute_change():
    arts = [article("a1", "2025-08-01"), article("b1", "2025-08-20")]
    themes = pd.DataFrame(
        {
            "theme_id": [0, 1, 2],
            "label": ["x", "y", "z"],
            "terms": [()] * 3,
            "weight": [0.4, 0.3, 0.3],
            "n_articles": [1, 1, 0],
            "tone": [0.0] * 3,
            "term_weights": [()] * 3,
        },
        columns=list(THEME_COLUMNS),
    )
    shares = {"a1": (0.5, 0.4, 0.1), "b1": (0.4, 0.0, 0.6)}
    at = [{"article_id": k, "theme_id": t, "share": s} for k, v in shares.items() for t, s in enumerate(v)]
    c = compare_periods(make_corpus(arts, themes=themes, article_themes=at), ["a1", "b1"], BEFORE, AFTER)
    assert list(c.themes["theme_id"]) == [2, 1, 0]


# --- actors ------------------------------------------------------------------------------------


def test_actor_attention_share_and_tone():
    arts = [article(f"a{i}", "2025-08-0" + str(i + 1)) for i in range(4)] + [
        article(f"b{i}", "2025-08-2" + str(i)) for i in range(3)
    ]
    aa = [
        {"article_id": "a0", "actor": "Putin", "kind": "person", "mentions": 2, "n_sentences": 2, "tone": -0.5},
        {"article_id": "a1", "actor": "Putin", "kind": "person", "mentions": 1, "n_sentences": 1, "tone": 0.1},
        {"article_id": "a2", "actor": "Selenskyj", "kind": "person", "mentions": 1, "n_sentences": 1, "tone": 0.4},
        {"article_id": "b0", "actor": "Putin", "kind": "person", "mentions": 1, "n_sentences": 1, "tone": 0.2},
        {"article_id": "b1", "actor": "Putin", "kind": "person", "mentions": 1, "n_sentences": 1, "tone": 0.2},
        {"article_id": "b2", "actor": "Putin", "kind": "person", "mentions": 3, "n_sentences": 2, "tone": -0.1},
    ]
    corpus = make_corpus(arts, actor_articles=aa)
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    assert list(c.actors.columns) == list(ACTOR_COMPARE_COLUMNS)
    assert list(c.actors["actor"]) == ["Putin", "Selenskyj"]  # |+0.5| before |-0.25|
    putin = c.actors.set_index("actor").loc["Putin"]
    assert (putin["share_a"], putin["share_b"]) == (0.5, 1.0)
    assert (putin["articles_a"], putin["articles_b"]) == (2, 3)  # of 4 and 3 articles: counted, not from the share
    assert putin["change"] == 0.5
    assert (putin["sentences_a"], putin["sentences_b"]) == (3, 4)
    assert putin["tone_a"] == pytest.approx((-0.5 * 2 + 0.1) / 3)
    assert putin["tone_b"] == pytest.approx((0.2 + 0.2 - 0.2) / 4)
    assert putin["kind"] == "person"
    sel = c.actors.set_index("actor").loc["Selenskyj"]
    assert (sel["share_a"], sel["share_b"], sel["change"]) == (0.25, 0.0, -0.25)
    assert sel["sentences_b"] == 0 and np.isnan(sel["tone_b"])


def test_actors_outside_the_periods_are_left_out():
    arts = [article("a0", "2025-08-01"), article("old", "2025-01-01"), article("b0", "2025-08-20")]
    aa = [{"article_id": "old", "actor": "Lawrow", "kind": "person", "mentions": 1, "n_sentences": 1, "tone": 0.0}]
    corpus = make_corpus(arts, actor_articles=aa)
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    assert c.actors.empty and list(c.actors.columns) == list(ACTOR_COMPARE_COLUMNS)


# --- examples and warnings -----------------------------------------------------------------------


def test_examples_are_the_strongest_sentences_per_side():
    corpus = two_sided([-0.9, -0.1, 0.0, 0.3, -0.7, 0.8, -0.3, 0.5, 0.1, -0.6], [0.6, 0.0])
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    ex = c.examples["a"]
    assert list(ex.columns) == list(EXAMPLE_COLUMNS)
    assert list(ex["tone"]) == [-0.9, -0.7, -0.6, 0.8, 0.5, 0.3]
    assert ex["title"].iloc[0] == "Title a00000" and ex["date_label"].iloc[0] == "2025-08-01"
    assert list(c.examples["b"]["tone"]) == [0.6]  # neutral sentences are no example


def test_a_sentence_printed_in_many_articles_is_one_example():
    """Agency copy: the most negative sentence of a period is the same text in four articles.
    It is shown once, with its three other copies counted, and the next different sentences
    fill the three places (from the index's ranked head and from a period's own sentences)."""
    arts, sents = [], []
    for j in range(6):
        aid = f"a{j:05d}"
        arts.append(article(aid, "2025-08-01"))
        rows = sentences_of(aid, [-0.4 - 0.01 * j, 0.2 + 0.01 * j, 0.0])
        if j < 4:  # one sentence in four articles, with one tone
            rows.append({**rows[0], "sent_idx": 3, "text": "Die Gespräche sind gescheitert.", "tone": -0.9})
        sents += rows
    arts.append(article("b00000", "2025-08-20"))
    sents += sentences_of("b00000", [-0.3, 0.3, 0.3])
    corpus = make_corpus(arts, sents)
    without_last = tuple(a for a in all_ids(corpus) if a != "a00005")
    for ids, next_two in ((all_ids(corpus), ["a00005", "a00004"]), (without_last, ["a00004", "a00003"])):
        ex = compare_periods(corpus, ids, BEFORE, AFTER).examples["a"]
        neg = ex[ex["tone"] < 0]
        assert list(neg["text"]) == ["Die Gespräche sind gescheitert."] + [f"{a} sentence 0" for a in next_two]
        assert list(neg["copies"]) == [3, 0, 0]
        assert neg["article_id"].iloc[0] == "a00000"  # where it comes first
        assert list(ex["copies"][ex["tone"] > 0]) == [0, 0, 0]


def test_thin_side_warning():
    corpus = two_sided([-0.5] * 12, [0.25] * 40, per_article=6)
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    assert c.n_articles == (2, 7)
    assert c.warnings == [
        "The period 'before Anchorage summit' rests on only 2 articles (12 sentences): treat its tone as a rough hint."
    ]


def test_warnings_are_messages_with_their_german():
    from tonlage.i18n import Message, translator

    corpus = two_sided([-0.5] * 12, [0.25] * 40, per_article=6)
    c = compare_periods(corpus, all_ids(corpus), BEFORE, Window(AFTER.start, AFTER.end, "nach dem Gipfel"))
    (warning,) = c.warnings
    assert isinstance(warning, Message)
    # The counts are plurals of their own; the period's name stays as the reader wrote it.
    assert translator("de").message(warning) == (
        "Der Zeitraum „before Anchorage summit“ umfasst nur 2 Artikel "
        "(12 Sätze): Lesen Sie seine Tonlage als groben Hinweis."
    )
    overlap = compare_periods(corpus, all_ids(corpus), BEFORE, BEFORE).warnings[-1]
    assert "überschneiden sich" in translator("de").message(overlap) and "overlap" in overlap


def test_articles_without_scored_sentences_are_named():
    corpus = two_sided([np.nan] * 40, [0.25] * 40)
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    assert c.n_sentences == (0, 40)
    assert np.isnan(c.tone[0]) and np.isnan(c.shift) and np.isnan(c.shift_low)
    assert "no scored sentences" in c.warnings[0]


def test_empty_side():
    corpus = two_sided([-0.5] * 40, [])
    c = compare_periods(corpus, all_ids(corpus), BEFORE, AFTER)
    assert c.n_articles == (4, 0) and c.n_sentences == (40, 0)
    assert c.tone[0] == -0.5 and np.isnan(c.tone[1])
    assert np.isnan(c.shift) and np.isnan(c.shift_low) and np.isnan(c.shift_high)
    assert c.warnings == ["No articles in 'after Anchorage summit'."]
    assert c.examples["b"].empty and list(c.examples["b"].columns) == list(EXAMPLE_COLUMNS)


def test_everything_empty():
    corpus = make_corpus([])
    c = compare_periods(corpus, [], BEFORE, AFTER)
    assert c.n_articles == (0, 0) and c.n_sentences == (0, 0)
    assert np.isnan(c.shift) and np.isnan(c.shift_low)
    assert c.themes.empty and list(c.themes.columns) == list(THEME_COMPARE_COLUMNS)
    assert c.actors.empty and c.examples["a"].empty
    assert c.warnings == ["No articles in 'before Anchorage summit'.", "No articles in 'after Anchorage summit'."]


def test_empty_side_with_themes_gives_nan_shares():
    arts = [article("a1", "2025-08-01")]
    themes = pd.DataFrame(
        {
            "theme_id": [0],
            "label": ["x"],
            "terms": [()],
            "weight": [1.0],
            "n_articles": [1],
            "tone": [0.0],
            "term_weights": [()],
        },
        columns=list(THEME_COLUMNS),
    )
    at = [{"article_id": "a1", "theme_id": 0, "share": 1.0}]
    c = compare_periods(make_corpus(arts, themes=themes, article_themes=at), ["a1"], BEFORE, AFTER)
    row = c.themes.iloc[0]
    assert row["share_a"] == 1.0 and np.isnan(row["share_b"]) and np.isnan(row["change"])


def test_overlapping_periods_are_flagged():
    corpus = two_sided([-0.5] * 40, [0.25] * 40)
    a = Window(date(2025, 8, 1), date(2025, 8, 20), "early")
    b = Window(date(2025, 8, 10), date(2025, 8, 31), "late")
    c = compare_periods(corpus, all_ids(corpus), a, b)
    assert c.n_articles == (8, 4)
    assert any("overlap" in w for w in c.warnings)


@pytest.mark.slow
def test_examples_are_those_of_a_full_sort_ties_included():
    """_examples sorts only the sentences at or beyond the third-strongest tone (a million
    sentences at 100,000 articles); the picks and their order must be the full sort's, and the
    text looked up by index label must be the sentence's own."""
    import numpy as np
    import pandas as pd

    from tonlage.compare import _examples
    from tonlage.storage.sentence_store import SentenceStore

    def full_sort(s: pd.DataFrame) -> list[str]:
        s = s.sort_values(["tone", "article_id", "sent_idx"], kind="mergesort")
        neg = s[s["tone"] < 0].head(3)
        pos = s[s["tone"] > 0].sort_values("tone", ascending=False, kind="mergesort").head(3)
        return list(pd.concat([neg, pos])["text"])

    rng = np.random.default_rng(0)
    titles = pd.DataFrame({"title": [], "date_label": []})
    checked = 0
    for _ in range(200):
        n = int(rng.integers(1, 40))
        s = pd.DataFrame(
            {
                "article_id": pd.Series([f"a{int(x)}" for x in rng.integers(0, 5, n)], dtype="str"),
                "sent_idx": rng.integers(0, 4, n).astype("int32"),
                "tone": rng.choice([-0.5, -0.2, 0.0, 0.2, 0.5], n),  # many ties
            },
            index=rng.permutation(n) + 100,
        )
        s["text"] = s["article_id"] + "-" + s["sent_idx"].astype(str) + "-" + s.index.astype(str)
        want = full_sort(s)
        assert list(_examples(s, titles)["text"]) == want
        if not s.duplicated(["article_id", "sent_idx"]).any():  # as in an analysis: the text by reference
            store = SentenceStore(s.reset_index(drop=True))
            assert list(_examples(s.drop(columns="text"), titles, store.by_ref)["text"]) == want
        checked += len(want) > 3
    assert checked > 50


def _family_ends(interval_at, keys) -> tuple[dict, int]:
    """An independent reading of intervals drawn together: each change's p-value (the smallest
    error whose interval, ``interval_at(key, alpha)``, excludes 0) by bisection, Benjamini and
    Hochberg's rank rule over them, every interval at R x 5% / K (5% / K with no claim, 5% for
    one change). Returns the intervals by key and K."""

    def p_of(key):
        low, high = interval_at(key, 0.999)
        if math.isnan(low):
            return math.nan
        if not (low > 0 or high < 0):
            return 1.0
        lo, hi = 1e-12, 0.999
        for _ in range(60):
            mid = math.sqrt(lo * hi)
            low, high = interval_at(key, mid)
            lo, hi = (lo, mid) if (low > 0 or high < 0) else (mid, hi)
        return hi

    ps = sorted(p for p in (p_of(k) for k in keys) if not math.isnan(p))
    k = len(ps)
    r = max([i for i in range(1, k + 1) if ps[i - 1] <= 0.05 * i / k], default=0)
    level = 0.05 if k <= 1 else max(r, 1) * 0.05 / k
    return {key: interval_at(key, level) for key in keys}, k


@pytest.mark.slow
@pytest.mark.parametrize("head", [6, 1 << 16])
def test_comparison_matches_a_plain_pandas_reading_of_every_table(head, monkeypatch):
    """compare_periods takes each period as a mask over the article rows at the positions of a
    CorpusIndex (no ids matched as text; only the strongest sentences named, from the index's
    ranked head when it can tell). On random corpora (tied tones, unscored sentences, undated
    articles, overlapping periods, rows of articles not in the corpus) every number and pick
    must be the one a plain pandas reading of the tables gives, and the same whether the view is
    given as ids or as a mask with a kept index; also with a head so short that ties at the
    third-strongest tone run past its end."""
    import tonlage.corpus_index
    from tonlage.corpus_index import CorpusIndex
    from tonlage.findings import comparison_findings

    monkeypatch.setattr(tonlage.corpus_index, "RANKED_HEAD", head)

    rng = np.random.default_rng(3)
    findings_seen = 0
    themes = pd.DataFrame(
        {
            "theme_id": [0, 1, 2],
            "label": ["x", "y", "z"],
            "terms": [()] * 3,
            "weight": [0.4, 0.3, 0.3],
            "n_articles": [1, 1, 1],
            "tone": [0.0] * 3,
            "term_weights": [()] * 3,
        },
        columns=list(THEME_COLUMNS),
    )
    checked = 0
    for trial in range(25):
        n = int(rng.integers(3, 30))
        days = [None if rng.random() < 0.1 else f"2025-08-{int(d):02d}" for d in rng.integers(1, 29, n)]
        arts = [article(f"n{trial}-{i:03d}", day) for i, day in enumerate(days)]
        sents, at, aa = [], [], []
        for a in [x["article_id"] for x in arts] + ["ghost"]:  # "ghost": rows of no article in the corpus
            k = int(rng.integers(0, 6))
            tones = [
                float("nan") if rng.random() < 0.2 else float(t) for t in rng.choice([-0.6, -0.2, 0.0, 0.2, 0.6], k)
            ]
            for s in sentences_of(a, tones):
                s["text"] = f"{a}/{s['sent_idx']}"
                sents.append(s)
            for t in rng.choice(3, int(rng.integers(0, 3)), replace=False):
                at.append({"article_id": a, "theme_id": int(t), "share": float(rng.random())})
            for actor in rng.choice(["Putin", "Trump", "UN"], int(rng.integers(0, 3)), replace=False):
                # now and then a second row of the actor for the article (its articles then
                # counted once), an unscored one, or one with no kind
                for _ in range(1 + int(trial % 3 == 0 and rng.random() < 0.3)):
                    m = int(rng.integers(0, 3))
                    aa.append(
                        {
                            "article_id": a,
                            "actor": str(actor),
                            "kind": None if rng.random() < 0.1 else ("organisation" if actor == "UN" else "person"),
                            "mentions": m,
                            "n_sentences": m,
                            "tone": float("nan") if rng.random() < 0.15 else 0.1 * m + 0.05 * int(rng.integers(-2, 3)),
                        }
                    )
        corpus = make_corpus(rng.permutation(np.array(arts, dtype=object)).tolist(), sents, themes, at, aa)
        view = [x for x in all_ids(corpus) if rng.random() < 0.8]
        lo, hi = sorted(int(x) for x in rng.integers(1, 29, 2))
        a = Window(date(2025, 8, 1), date(2025, 8, hi), "a")
        b = Window(date(2025, 8, lo), date(2025, 8, 28), "b")
        c = compare_periods(corpus, view, a, b)
        index = CorpusIndex(corpus)
        mask = corpus.articles["article_id"].isin(view).to_numpy()
        again = compare_periods(corpus, mask, a, b, index=index)
        for got in (c, again):
            s_all = pd.DataFrame(sents)
            in_either: set = set()
            per_side: dict = {}  # side -> (each theme's shares of the themed articles, actor -> articles, articles)
            for key, w, side in (("a", a, 0), ("b", b, 1)):
                d = corpus.articles["date"]
                ids = set(
                    corpus.articles.loc[
                        corpus.articles["article_id"].isin(view)
                        & (d >= pd.Timestamp(w.start))
                        & (d < pd.Timestamp(w.end) + pd.Timedelta(days=1)),
                        "article_id",
                    ]
                )
                own = s_all[s_all["article_id"].isin(ids) & s_all["tone"].notna()]
                assert got.n_articles[side] == len(ids) and got.n_sentences[side] == len(own)
                if len(own):
                    assert got.tone[side] == own["tone"].mean()
                full = own.sort_values(["tone", "article_id", "sent_idx"], kind="mergesort")
                neg = full[full["tone"] < 0].head(3)
                pos = full[full["tone"] > 0].sort_values("tone", ascending=False, kind="mergesort").head(3)
                assert list(got.examples[key]["text"]) == list(pd.concat([neg, pos])["text"])
                part = pd.DataFrame(at)
                part = part[part["article_id"].isin(ids)] if len(part) else part
                shares = got.themes.set_index("theme_id")[f"share_{key}"]
                if len(part) and part["article_id"].nunique():
                    want = part.groupby("theme_id")["share"].sum() / part["article_id"].nunique()
                    # summed in another order (a matrix product): equal but for the last bits
                    assert shares.to_dict() == pytest.approx({t: want.get(t, 0.0) for t in range(3)}, rel=1e-12)
                else:
                    assert shares.isna().all()
                wide = (
                    part.pivot_table(index="article_id", columns="theme_id", values="share", aggfunc="sum")
                    if len(part)
                    else pd.DataFrame()
                )
                theme_values = {
                    t: wide[t].fillna(0.0).to_numpy() if t in wide else np.zeros(len(wide)) for t in range(3)
                }
                named = pd.DataFrame(aa)
                named = named[named["article_id"].isin(ids) & (named["mentions"] > 0)] if len(named) else named
                table = got.actors.set_index("actor")
                for actor, rows in named.groupby("actor") if len(named) else ():
                    assert table.loc[actor, f"sentences_{key}"] == rows["n_sentences"].sum()
                    assert table.loc[actor, f"share_{key}"] == rows["article_id"].nunique() / len(ids)
                    toned = rows[rows["tone"].notna()]
                    weight = toned["n_sentences"].sum()
                    want_tone = (toned["tone"] * toned["n_sentences"]).sum() / weight if weight else float("nan")
                    assert table.loc[actor, f"tone_{key}"] == pytest.approx(want_tone, nan_ok=True)
                named_in = named.groupby("actor")["article_id"].nunique().to_dict() if len(named) else {}
                per_side[key] = (theme_values, named_in, len(ids))
                in_either |= ids
            # The 95% intervals of the changes, widened together for the family: over each
            # period's themed articles, a theme's share 0 where it has no row (share_interval);
            # over the articles for an actor
            themes_by_id = got.themes.set_index("theme_id")
            want, tests = _family_ends(
                lambda t, alpha, sides=per_side: share_interval(sides["a"][0][t], sides["b"][0][t], alpha=alpha),
                range(3),
            )
            assert got.theme_tests == tests
            for t in range(3):
                got_ends = tuple(themes_by_id.loc[t, ["change_low", "change_high"]])
                assert got_ends == pytest.approx(want[t], nan_ok=True, rel=1e-4, abs=1e-9)
                assert tuple(themes_by_id.loc[t, ["articles_a", "articles_b"]]) == tuple(
                    len(per_side[k][0][t]) for k in "ab"
                )
            table = got.actors.set_index("actor")

            def actor_at(actor, alpha, sides=per_side):
                counts = [sides[k][1].get(actor, 0) for k in "ab"]
                return newcombe_interval(counts[0], sides["a"][2], counts[1], sides["b"][2], alpha=alpha)

            want, tests = _family_ends(actor_at, table.index)
            assert got.actor_tests == tests
            for actor in table.index:
                got_ends = tuple(table.loc[actor, ["change_low", "change_high"]])
                assert got_ends == pytest.approx(want[actor], nan_ok=True, rel=1e-4, abs=1e-9)
            for actor, kind in table["kind"].items():  # the kind given to it in either period
                given = pd.DataFrame(aa)
                given = given[(given["actor"] == actor) & given["article_id"].isin(in_either)]
                given = given[given["mentions"] > 0]["kind"].dropna()
                assert kind == given.iloc[0] if len(given) else pd.isna(kind)
                checked += len(neg) + len(pos) > 0
        for field in ("n_articles", "n_sentences", "tone", "shift_low", "shift_high", "warnings"):
            assert str(getattr(c, field)) == str(getattr(again, field))
        pd.testing.assert_frame_equal(c.themes, again.themes)
        pd.testing.assert_frame_equal(c.actors, again.actors)
        for key in "ab":
            pd.testing.assert_frame_equal(c.examples[key], again.examples[key])
        # Made without its examples (the app), the comparison has none; found on their own
        # (the app's part "Example sentences"), over the mask or the ids, they are the same.
        later = compare_periods(corpus, mask, a, b, index=index, examples=False)
        assert later.examples == {}
        for alone in (view_examples(corpus, mask, a, b, index=index), view_examples(corpus, view, a, b)):
            for key in "ab":
                pd.testing.assert_frame_equal(alone[key], c.examples[key])
        # The findings read the periods' sentences from the index the same way.
        found = comparison_findings(corpus, view, c)
        assert repr(found) == repr(comparison_findings(corpus, mask, again, index=index))
        findings_seen += bool(found)
    assert checked > 20 and findings_seen > 5


def test_an_actor_s_tone_shift_is_compared_only_over_three_articles_a_period():
    """An actor's tone shift gets an interval (a bar, a finding) only where each period has
    MIN_ACTOR_SENTENCES sentences and MIN_ACTOR_ARTICLES articles naming it: the articles are
    the interval's units, and two of them on a side gave −2 … +2. Those with fewer articles do
    not count in the family either."""
    from tonlage.compare import (
        ACTOR_COMPARE_COLUMNS,
        MIN_ACTOR_ARTICLES,
        MIN_ACTOR_SENTENCES,
        tone_shift_candidates,
    )

    assert (MIN_ACTOR_ARTICLES, MIN_ACTOR_SENTENCES) == (3, 5)
    nan = float("nan")
    rows = [
        # actor, kind, share a/b, change, sentences a/b, tone a/b, change low/high, articles a/b, tone low/high
        ["A", "person", 0.5, 0.5, 0.0, 20, 20, 0.4, -0.2, nan, nan, 3, 3, nan, nan],
        ["B", "person", 0.5, 0.5, 0.0, 20, 20, 0.4, -0.3, nan, nan, 2, 9, nan, nan],  # two articles before
        ["C", "person", 0.5, 0.5, 0.0, 20, 20, 0.4, -0.4, nan, nan, 9, 1, nan, nan],  # one after
        ["D", "person", 0.5, 0.5, 0.0, 4, 20, 0.4, -0.5, nan, nan, 4, 9, nan, nan],  # four sentences before
        ["E", "person", 0.5, 0.5, 0.0, 20, 20, 0.1, 0.15, nan, nan, 5, 5, nan, nan],  # moved too little
    ]
    table = pd.DataFrame(rows, columns=list(ACTOR_COMPARE_COLUMNS))
    candidates, family = tone_shift_candidates(table)
    assert list(candidates["actor"]) == ["A"] and family == 2  # E counts in the family, unclaimed


# --- two outlets ---------------------------------------------------------------------------------


def outlets(rows) -> AnalysedCorpus:
    """Articles as (id, day, source, tones) rows."""
    arts, sents = [], []
    for aid, day, source, tones in rows:
        arts.append({**article(aid, day), "source": source})
        sents += sentences_of(aid, tones)
    return make_corpus(arts, sents)


WHOLE = Window(date(2025, 1, 1), date(2025, 12, 31), "")


def test_a_side_of_outlets_holds_their_articles_in_view_dated_or_not():
    corpus = outlets(
        [
            ("k1", "2025-03-01", "Kieler Blatt", [0.5, 0.3]),
            ("k2", None, " Kieler Blatt ", [0.1]),  # undated, written with spaces: still Kiel's
            ("b1", "2025-03-02", "Bonner Rundschau", [-0.4]),
            ("b2", "2030-01-01", "Bonner Rundschau", [-0.2]),  # outside the days named: still Bonn's
            ("n1", "2025-03-03", "", [0.9]),  # no outlet: on no side
        ]
    )
    kiel = Window(WHOLE.start, WHOLE.end, "Kieler Blatt", ("Kieler Blatt",))
    bonn = Window(WHOLE.start, WHOLE.end, "Bonner Rundschau", ("Bonner Rundschau",))
    c = compare_periods(corpus, all_ids(corpus), kiel, bonn)
    assert c.by_source
    assert c.n_articles == (2, 2) and c.n_sentences == (3, 2)
    assert c.tone[0] == pytest.approx(0.3) and c.tone[1] == pytest.approx(-0.3)
    # the view still bounds the sides
    c = compare_periods(corpus, ["k1", "b1", "b2"], kiel, bonn)
    assert c.n_articles == (1, 2)
    # a group of outlets is one side
    both = Window(WHOLE.start, WHOLE.end, "all", ("Kieler Blatt", "Bonner Rundschau"))
    assert compare_periods(corpus, all_ids(corpus), both, kiel).n_articles == (4, 2)
    # no days overlap warning (both sides span the same days), but a shared outlet is named
    assert not any("overlap" in str(w) for w in c.warnings)
    shared = compare_periods(corpus, all_ids(corpus), both, kiel).warnings
    assert any("Kieler Blatt" in str(w) and "both sides" in str(w) for w in shared)


def test_periods_are_not_a_comparison_of_outlets_and_an_empty_outlet_is_named():
    corpus = outlets([("k1", "2025-03-01", "Kieler Blatt", [0.5])])
    assert not compare_periods(corpus, all_ids(corpus), BEFORE, AFTER).by_source
    nowhere = Window(WHOLE.start, WHOLE.end, "Nowhere", ("Nowhere",))
    kiel = Window(WHOLE.start, WHOLE.end, "Kieler Blatt", ("Kieler Blatt",))
    c = compare_periods(corpus, all_ids(corpus), kiel, nowhere)
    assert c.n_articles == (1, 0)
    assert any(str(w).startswith("No articles from 'Nowhere' in view: the sidebar's filters") for w in c.warnings)
    assert any("'Kieler Blatt' rests on only 1 article" in str(w) for w in c.warnings)


def test_the_themes_pages_shares_by_outlet_are_the_compare_pages(analysed_bundled):
    """The Themes page's dots (how much of an outlet's text a theme fills) and the Compare
    page's theme shares of two outlets are one measure: the same numbers for the same outlets."""
    import dataclasses

    from tonlage.corpus_index import CorpusIndex
    from tonlage.present.views import source_themes

    arts = analysed_bundled.articles
    corpus = dataclasses.replace(analysed_bundled, articles=arts.assign(source=["Taz", "FAZ", "Taz", "FAZ", "Taz"]))
    index = CorpusIndex(corpus)
    ids = tuple(arts["article_id"])
    dots, n_outlets = source_themes(corpus, ids, index)
    assert n_outlets == 2
    assert set(dots["source"]) == {"", "Taz", "FAZ"}
    taz, faz = (Window(WHOLE.start, WHOLE.end, name, (name,)) for name in ("Taz", "FAZ"))
    c = compare_periods(corpus, ids, taz, faz, index=index)
    compared = c.themes.set_index("theme_id")
    by = dots.pivot(index="theme_id", columns="source", values="share")
    assert len(by) == len(compared) > 1
    for tid, row in compared.iterrows():
        assert by.loc[tid, "Taz"] == pytest.approx(row["share_a"]) and by.loc[tid, "FAZ"] == pytest.approx(
            row["share_b"]
        )
    # the view's tick: every themed article
    themed = corpus.article_themes.groupby("theme_id")["share"].sum() / corpus.article_themes["article_id"].nunique()
    assert by[""].to_numpy() == pytest.approx(themed.reindex(by.index).fillna(0).to_numpy())


def test_each_example_carries_the_words_that_moved_its_score(analysed_bundled):
    """An example sentence comes with its number in its article and the words that produced its
    tone, as the sentence store has them for that sentence: the reader checks "-0.89" against
    them (the bundled corpus before and after the UN meeting, every example of both sides)."""
    from tonlage.i18n import Message
    from tonlage.present.pack import quote_from_sentence

    corpus = analysed_bundled
    before = Window(date(2025, 1, 1), date(2025, 9, 23), "before")
    after = Window(date(2025, 9, 24), date(2025, 12, 31), "after")
    c = compare_periods(corpus, all_ids(corpus), before, after)
    store = corpus.sentence_frame(["article_id", "sent_idx", "text", "tone", "evidence"])
    by_ref = store.set_index(["article_id", "sent_idx"])
    seen = 0
    for side in "ab":
        ex = c.examples[side]
        assert len(ex) == 6 and list(ex.columns) == list(EXAMPLE_COLUMNS)
        for r in ex.itertuples(index=False):
            own = by_ref.loc[(r.article_id, r.sent_idx)]
            assert (own["text"], own["tone"]) == (r.text, r.tone)
            assert str(r.evidence) == str(own["evidence"]) and str(r.evidence)
            assert isinstance(r.evidence, Message)  # shown in the reader's language, not as English text
            # pinned from here or from the reader (article id # sentence number): one card
            quote = quote_from_sentence(r._asdict(), title="", author="", date_label="")
            assert quote.pin_id == f"{r.article_id}#{r.sent_idx}"
            seen += 1
    assert seen == 12
