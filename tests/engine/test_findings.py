"""Findings: direction words only when the data carry them, numbers as in ``values``, thin data
first, evidence ordered by strength, the same output on every run.

The corpora are built by hand (two periods of twelve articles around the Anchorage summit) so
every expected number is known; one test runs on the bundled example corpus.
"""

from __future__ import annotations

import math
import re
import string
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tonlage.compare import Window, compare_periods, event_windows
from tonlage.findings import (
    CHARTS,
    MAX_EVIDENCE_SENTENCES,
    MIN_ACTOR_ARTICLES,
    MIN_ACTOR_SENTENCES,
    TEMPLATES,
    Finding,
    comparison_findings,
    format_points,
    format_tone,
    view_findings,
)
from tonlage.i18n import translator
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

ROOT = Path(__file__).resolve().parents[2]
EVENT = date(2025, 8, 15)
BEFORE, AFTER = event_windows(EVENT, 30, label="Anchorage summit")
DIRECTION_WORDS = {
    "en": ("more negative", "more positive", "less negative", "less positive"),
    "de": ("negativer", "positiver", "weniger negativ", "weniger positiv"),
}
KINDS = set(CHARTS)
NUMBER = re.compile(r"[−+-]?\d+(?:[.,]\d+)?")


# --- building corpora -------------------------------------------------------------------------


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def _article(aid: str, day: str, precision: str = "day", top_theme: int = -1) -> dict:
    ts = pd.Timestamp(day)
    return {
        "article_id": aid,
        "file": f"{aid}.txt",
        "title": f"Titel {aid}",
        "author": "unknown",
        "date": ts,
        "date_label": f"{ts:%Y-%m}" if precision == "month" else f"{ts:%Y-%m-%d}",
        "date_precision": precision,
        "date_source": "header",
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
        "top_theme": top_theme,
        "top_theme_share": 0.0,
        "duplicate_of": "",
        "duplicate_kind": "",
        "n_copies": 1,
        "note": "",
        "text": "",
    }


def build(
    articles: list[dict],
    tones: dict[str, list[float]],
    mentions: dict[str, list[tuple[str, int]]] = None,
    themes: list[str] | None = None,
    shares: dict[str, list[float]] | None = None,
) -> AnalysedCorpus:
    """A corpus from articles, their sentence tones, actor mentions (actor -> [(article, sentence)])
    and theme shares per article; actor_articles is derived as the pipeline derives it."""
    arts = pd.DataFrame(articles, columns=list(ARTICLE_COLUMNS))
    arts["date"] = pd.to_datetime(arts["date"])
    sents = pd.DataFrame(
        [
            {
                "article_id": aid,
                "sent_idx": i,
                "start": 0,
                "end": 0,
                "text": f"{aid} Satz {i}",
                "n_words": 5,
                "tone": t,
                "tone_label": "neutral",
                "evidence": "",
            }
            for aid, ts in tones.items()
            for i, t in enumerate(ts)
        ],
        columns=list(SENTENCE_COLUMNS),
    )
    sents["tone"] = sents["tone"].astype("float64")
    sents["sent_idx"] = sents["sent_idx"].astype("int32")
    rows = [
        {"article_id": aid, "sent_idx": i, "actor": actor, "alias": actor, "start": 0, "end": 1}
        for actor, where in (mentions or {}).items()
        for aid, i in where
    ]
    men = pd.DataFrame(rows, columns=list(MENTION_COLUMNS)) if rows else _empty(MENTION_COLUMNS)
    if rows:
        toned = (
            men[["article_id", "actor", "sent_idx"]]
            .drop_duplicates()
            .merge(
                sents[["article_id", "sent_idx", "tone"]].astype({"sent_idx": "int64"}), on=["article_id", "sent_idx"]
            )
        )
        aa = toned.groupby(["article_id", "actor"]).agg(n_sentences=("sent_idx", "size"), tone=("tone", "mean"))
        aa = aa.join(men.groupby(["article_id", "actor"]).size().rename("mentions")).reset_index()
        aa["kind"] = "person"
        aa = aa[list(ACTOR_ARTICLE_COLUMNS)]
    else:
        aa = _empty(ACTOR_ARTICLE_COLUMNS)
    if themes:
        th = pd.DataFrame(
            {
                "theme_id": range(len(themes)),
                "label": themes,
                "terms": [tuple(t.split(" · ")) for t in themes],
                "weight": 0.5,
                "n_articles": 0,
                "tone": 0.0,
                "term_weights": [(1.0, 1.0, 1.0)] * len(themes),
            },
            columns=list(THEME_COLUMNS),
        )
        at = pd.DataFrame(
            [{"article_id": aid, "theme_id": k, "share": s} for aid, ss in shares.items() for k, s in enumerate(ss)],
            columns=list(ARTICLE_THEME_COLUMNS),
        )
    else:
        th, at = _empty(THEME_COLUMNS), _empty(ARTICLE_THEME_COLUMNS)
    return AnalysedCorpus(
        articles=arts,
        sentences=sents,
        themes=th,
        article_themes=at,
        mentions=men,
        actor_articles=aa,
        events=_empty(EVENT_COLUMNS),
        skipped=_empty(SKIPPED_COLUMNS),
    )


THEMES = ["Gipfel · Alaska · Trump", "Haushalt · Steuer · Bund"]


def summit_corpus(
    mean_a: float = 0.05,
    mean_b: float = -0.25,
    spread: float = 0.2,
    n: int = 12,
    per_article: int = 10,
    month_first: bool = False,
    seed: int = 1,
    standout: bool = False,
) -> AnalysedCorpus:
    """``n`` articles before and after the summit with ``per_article`` sentences each.

    - Putin is named in sentences 0 and 1 of every article: tones -0.1/0.0 before, -0.6/-0.5
      after (a clear drop from -0.05 to -0.55).
    - Rubio is named in sentence 2 of the first six articles per period with tones that swing
      (+0.8/-0.6 before, +0.6/-0.8 after): -0.2 on average, but far from certain.
    - Merz is named in sentence 3 of three articles before and ten after (attention up; too
      few sentences before for a tone shift).
    - Theme 0 fills 80 % of the text before and 30 % after; theme 1 the rest.
    - With ``standout``, Lawrow is named in sentence 4 of every article, at +0.6: the highest
      tone, clearly above the runner-up's (Rubio's, 0.00 over 12 swinging sentences).
    """
    rng = np.random.default_rng(seed)
    arts, tones, shares = [], {}, {}
    mentions: dict[str, list[tuple[str, int]]] = {"Putin": [], "Rubio": [], "Merz": []}
    if standout:
        mentions["Lawrow"] = []
    for side, mean, day, sh in (("a", mean_a, "2025-08-01", [0.8, 0.2]), ("b", mean_b, "2025-08-20", [0.3, 0.7])):
        for j in range(n):
            aid = f"{side}{j:02d}"
            precision = "month" if (month_first and side == "a" and j == 0) else "day"
            arts.append(_article(aid, day, precision, top_theme=0 if sh[0] > 0.5 else 1))
            t = list(np.clip(rng.normal(mean, spread, per_article), -1, 1))
            t[0], t[1] = (-0.1, 0.0) if side == "a" else (-0.6, -0.5)
            mentions["Putin"] += [(aid, 0), (aid, 1)]
            if j < 6:
                t[2] = (0.8 if j % 2 else -0.6) if side == "a" else (0.6 if j % 2 else -0.8)
                mentions["Rubio"].append((aid, 2))
            if (side == "a" and j < 3) or (side == "b" and j < 10):
                mentions["Merz"].append((aid, 3))
            if standout:
                t[4] = 0.6
                mentions["Lawrow"].append((aid, 4))
            tones[aid] = [float(x) for x in t]
            shares[aid] = sh
    return build(arts, tones, mentions, THEMES, shares)


def ids_of(corpus: AnalysedCorpus) -> tuple[str, ...]:
    return tuple(corpus.articles["article_id"])


def findings_for(corpus: AnalysedCorpus, limit: int = 20, a: Window = BEFORE, b: Window = AFTER) -> list[Finding]:
    ids = ids_of(corpus)
    return comparison_findings(corpus, ids, compare_periods(corpus, ids, a, b), limit=limit)


# --- checking the wording ---------------------------------------------------------------------


def _tone(v: float, lang: str) -> str:
    """The expected text of a tone, written independently of the module's helper."""
    r = round(v + 0.0, 2)
    s = "0.00" if abs(r) < 0.005 else ("+" if r > 0 else "−") + f"{abs(v):.2f}"
    return s.replace(".", ",") if lang == "de" else s


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def check_numbers(f: Finding, lang: str) -> None:
    """Every number the template fills in appears as the rounded value, and the text holds no
    other number than those and the template's own (95 %, 0, 1st)."""
    text = f.text(lang)
    template = translator(lang)(TEMPLATES[f.template_key])
    family = f.values.get("family")
    if isinstance(family, int) and family > 1:  # the note on a widened interval
        template += " " + translator(lang)(TEMPLATES[f"family.{f.values['family_of']}"])
    expected: list[str] = []
    for key in _placeholders(template):
        if key not in f.values:
            continue
        v = f.values[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            continue
        if isinstance(v, int):
            shown = translator(lang).integer(v)  # "4,800" / "4.800"
        elif key in ("tone", "tone_rest") and isinstance(f.values.get("tone_rest"), float):
            # two tones set against each other: in the decimals that tell them apart
            shown = translator(lang).interval(f.values["tone"], f.values["tone_rest"])[key == "tone_rest"]
        elif key in ("low", "high"):  # in the decimals that keep its ends apart
            shown = translator(lang).interval(f.values["low"], f.values["high"])[key == "high"]
        elif key == "tone" and f.kind == "overall_tone" and isinstance(f.values.get("low"), float):
            # the view's mean in the decimals of its own interval
            digits = translator(lang).interval_digits(f.values["low"], f.values["high"])
            shown = translator(lang).signed(v, digits)
        elif key.startswith("share"):
            shown = translator(lang).percent(v)
        elif key.startswith("points_"):
            shown = format_points(f.values["points_low"], f.values["points_high"], lang)[key == "points_high"]
        else:
            shown = _tone(v, lang)
        assert shown in text, (key, shown, text)
        expected.append(shown.rstrip(" %\xa0"))
    rest = text
    for v in f.values.values():  # names (actors, themes, period labels) may hold digits
        if isinstance(v, str) and v:
            rest = rest.replace(v, " ")
            if re.fullmatch(r"\d{4}-\d\d-\d\d", v):  # a day, as the language writes it
                rest = rest.replace(translator(lang).day(date.fromisoformat(v)), " ")
    for num in NUMBER.findall(rest):
        assert num in expected or num in {"95", "0", "1"}, (num, text)


# --- comparison -------------------------------------------------------------------------------


def test_clear_drop_is_stated_with_both_values_counts_and_interval():
    corpus = summit_corpus()
    c = compare_periods(corpus, ids_of(corpus), BEFORE, AFTER)
    assert c.shift_high < 0  # the interval excludes 0
    found = comparison_findings(corpus, ids_of(corpus), c, limit=20)
    assert found[0].kind == "tone_shift"  # 12 articles, 120 sentences per period: not thin
    f = found[0]
    assert f.values["variant"] == "change" and f.values["direction"] == "more_negative"
    assert f.values["sentences_a"] == 120 and f.values["sentences_b"] == 120
    assert f.values["tone_a"] == pytest.approx(c.tone[0]) and f.values["tone_b"] == pytest.approx(c.tone[1])
    en, de = f.text("en"), f.text("de")
    assert en.startswith("The wording is more negative after “Anchorage summit” than before:")
    assert f"{_tone(c.tone[0], 'en')} → {_tone(c.tone[1], 'en')}" in en
    assert "120 vs 120 sentences" in en
    assert f"{_tone(c.shift_low, 'en')} … {_tone(c.shift_high, 'en')}" in en
    assert de.startswith("Die Wortwahl ist nach „Anchorage summit“ negativer als davor:")
    assert "120 bzw. 120 Sätze" in de and f"{_tone(c.tone[1], 'de')}" in de
    assert f.chart == "compare_tone" and f.caveat == ""


@pytest.mark.parametrize(
    "mean_a, mean_b, spread, n, per_article",
    [
        (0.05, -0.25, 0.2, 12, 10),  # clear drop
        (-0.30, 0.20, 0.2, 12, 10),  # clear rise
        (0.00, 0.02, 0.5, 12, 10),  # same distribution: no clear change
        (0.10, -0.10, 0.6, 3, 3),  # a visible gap on very few sentences
        (0.60, 0.35, 0.1, 12, 10),  # a drop that stays positive: "less positive"
    ],
)
def test_direction_words_only_when_the_interval_excludes_zero(mean_a, mean_b, spread, n, per_article):
    corpus = summit_corpus(mean_a, mean_b, spread, n, per_article)
    for f in findings_for(corpus):
        if f.kind not in ("tone_shift", "actor_tone_shift"):
            continue
        low, high = f.values["low"], f.values["high"]
        clear = (low > 0 and round(low, 2) > 0) or (high < 0 and round(high, 2) < 0)
        for lang in ("en", "de"):
            text = f.text(lang)
            said = [w for w in DIRECTION_WORDS[lang] if w in text]
            if clear:
                assert said, text
                down = f.values["tone_b"] < f.values["tone_a"]
                assert (high < 0) == down
            else:
                assert not said, text
                assert (
                    ("No clear change" in text or "no clear change" in text)
                    if lang == "en"
                    else "keine klare veränderung" in text.lower()
                )
                assert f.values["variant"] in ("no_clear_change", "uncertain")


def test_a_drop_that_stays_positive_is_called_less_positive():
    corpus = summit_corpus(0.60, 0.35, 0.1)
    f = next(f for f in findings_for(corpus) if f.kind == "tone_shift")
    assert f.values["direction"] == "less_positive" and f.values["tone_b"] > 0
    assert "less positive" in f.text("en") and "more negative" not in f.text("en")
    assert "weniger positiv" in f.text("de")


def test_actor_tone_shift_needs_enough_sentences_and_an_interval_without_zero():
    found = findings_for(summit_corpus())
    shifts = {f.values["actor"]: f for f in found if f.kind == "actor_tone_shift"}
    putin = shifts["Putin"]
    assert putin.values["variant"] == "change" and putin.values["direction"] == "more_negative"
    assert putin.values["tone_a"] == pytest.approx(-0.05) and putin.values["tone_b"] == pytest.approx(-0.55)
    assert putin.values["high"] < 0 and putin.caveat == ""
    assert putin.text("en").startswith("Sentences naming Putin are more negative after “Anchorage summit”")
    assert "−0.05 → −0.55 (24 vs 24 sentences" in putin.text("en")
    assert "−0,05 → −0,55 (24 bzw. 24 Sätze" in putin.text("de")
    # Rubio: -0.2 on six swinging sentences per period; the interval includes 0.
    rubio = shifts["Rubio"]
    assert rubio.values["low"] < 0 < rubio.values["high"]
    assert rubio.values["variant"] == "uncertain" and rubio.caveat == "uncertain"
    assert "no clear change" in rubio.text("en") and "more negative" not in rubio.text("en")
    assert rubio.weight < putin.weight
    # Merz has three sentences before (fewer than MIN_ACTOR_SENTENCES): no tone claim at all.
    assert "Merz" not in shifts and MIN_ACTOR_SENTENCES > 3


def test_actor_interval_is_computed_per_actor_and_deterministic():
    corpus = summit_corpus()
    a = next(f for f in findings_for(corpus) if f.kind == "actor_tone_shift" and f.values["actor"] == "Putin")
    b = next(f for f in findings_for(corpus) if f.kind == "actor_tone_shift" and f.values["actor"] == "Putin")
    assert a.values["low"] == b.values["low"] and a.values["high"] == b.values["high"]
    # Tones -0.1/0.0 vs -0.6/-0.5: every resample's shift lies between -0.6 and -0.4.
    assert -0.6 <= a.values["low"] <= a.values["high"] <= -0.4


def test_theme_and_attention_changes_with_shares():
    found = findings_for(summit_corpus())
    themes = {f.values["theme"]: f for f in found if f.kind == "theme_change"}
    assert set(themes) == set(THEMES)
    gipfel, haushalt = themes[THEMES[0]], themes[THEMES[1]]
    assert gipfel.values["variant"] == "smaller" and gipfel.values["share_a"] == pytest.approx(0.8)
    # Twelve articles a side, each 80% → 30% of the theme: the interval of the change is the
    # one of those shares, in percentage points
    want = share_interval(np.full(12, 0.8), np.full(12, 0.3))
    assert (gipfel.values["points_low"], gipfel.values["points_high"]) == pytest.approx(want)
    assert format_points(*want) == ("\u221254", "\u221246")
    # Both themes' changes claimed (2 of 2): their intervals are 95% ones, and no note says otherwise
    assert gipfel.text("en") == (
        "The theme “Gipfel · Alaska · Trump” takes a smaller share of the text after "
        "“Anchorage summit” than before: 80% → 30% (12 vs 12 articles with themes; 95% interval of the change "
        "\u221254 … \u221246 percentage points)."
    )
    assert haushalt.text("de") == (
        "Das Thema „Haushalt · Steuer · Bund“ nimmt nach „Anchorage summit“ einen "
        "größeren Anteil am Text ein als davor: 20\xa0% → 70\xa0% (12 bzw. 12 Artikel mit Themen; "
        "95-%-Intervall der Veränderung +46 … +54 Prozentpunkte)."
    )
    assert haushalt.chart == "compare_themes"
    assert set(haushalt.article_ids) == {f"b{j:02d}" for j in range(12)}
    attention = {f.values["actor"]: f for f in found if f.kind == "actor_attention"}
    assert set(attention) == {"Merz"}  # Putin 100 % → 100 %, Rubio 50 % → 50 %
    merz = attention["Merz"]
    assert merz.values["variant"] == "more"
    # Three actors compared, one change claimed (Benjamini–Hochberg: 1 of 3): each interval at
    # an error of 5% / 3, and the text says why it is wider than a lone 95% interval would be
    want = newcombe_interval(3, 12, 10, 12, alpha=0.05 / 3)
    assert want[0] < newcombe_interval(3, 12, 10, 12)[0]
    assert (merz.values["points_low"], merz.values["points_high"]) == pytest.approx(want, rel=1e-5)
    low, high = format_points(*want)
    assert merz.text("en") == (
        "Merz is named in a larger share of the articles after “Anchorage summit” than "
        f"before: 25% → 83% (3 of 12 vs 10 of 12 articles; 95% interval of the change {low} … {high} "
        "percentage points). The interval is wider because 3 actors were compared at once."
    )
    assert merz.text("de").endswith("Das Intervall ist breiter, weil 3 Akteure zugleich verglichen wurden.")
    assert low.startswith("+") and float(low[1:]) > 0
    assert set(merz.article_ids) == {f"b{j:02d}" for j in range(10)}
    assert all(aid.startswith("b") and i == 3 for aid, i in merz.sentences)


def test_small_changes_and_small_periods_are_not_reported():
    corpus = summit_corpus()
    at = corpus.article_themes
    # Move theme shares to 55/45 before and 50/50 after: 5 points, below the threshold.
    at["share"] = np.where(at["article_id"].str.startswith("a"), np.where(at["theme_id"] == 0, 0.55, 0.45), 0.5)
    assert not [f for f in findings_for(corpus) if f.kind == "theme_change"]
    # Two articles per period: no share claims at all, however large the change.
    small = summit_corpus(n=2)
    kinds = [f.kind for f in findings_for(small)]
    assert "theme_change" not in kinds and "actor_attention" not in kinds
    assert kinds[0] == "thin_data"


def test_numbers_in_the_text_are_the_rounded_values():
    corpus = summit_corpus(month_first=True)
    found = (
        findings_for(corpus)
        + view_findings(corpus, ids_of(corpus), limit=20)
        + view_findings(corpus, ids_of(corpus)[:3], limit=20)
    )
    assert {f.kind for f in found} >= {
        "tone_shift",
        "actor_tone_shift",
        "theme_change",
        "actor_attention",
        "overall_tone",
        "actor_tone",
        "theme_top",
        "thin_data",
    }
    for f in found:
        assert f.kind in KINDS and f.chart == CHARTS[f.kind]
        for lang in ("en", "de"):
            check_numbers(f, lang)


def test_a_change_too_small_to_show_at_two_decimals_says_so_with_its_interval():
    """Thousands of sentences a period and the same wording on both sides: the interval of the
    change is thousandths wide. The sentence does not claim it "includes 0" (with three decimals
    it may not); it says no change shows at two decimals, with the interval's ends in the
    decimals that tell them apart."""
    corpus = summit_corpus(mean_a=0.0, mean_b=0.0, spread=0.001, per_article=400)
    shift = next(f for f in findings_for(corpus) if f.kind == "tone_shift")
    assert shift.values["variant"] == "negligible"
    assert round(shift.values["low"], 2) == 0 and round(shift.values["high"], 2) == 0
    for lang in ("en", "de"):
        check_numbers(shift, lang)
    en, de = shift.text("en"), shift.text("de")
    assert "shows at two decimals" in en and "includes 0" not in en
    assert "zwei Nachkommastellen" in de and "schließt 0 ein" not in de
    assert re.search(r"\u2212?0\.00\d", en) and re.search(r"\u2212?0,00\d", de)  # three decimals
    wide = next(f for f in findings_for(summit_corpus()) if f.kind == "tone_shift")
    assert wide.values["variant"] != "negligible"


def test_german_text_uses_decimal_comma_minus_sign_and_german_quotes():
    found = findings_for(summit_corpus())
    for f in found:
        de, en = f.text("de"), f.text("en")
        assert not re.search(r"\d\.\d", de), de  # no decimal point in German
        assert "-0" not in de and "-0" not in en  # a real minus sign, never a hyphen
        if f.kind == "theme_change":
            assert "„" in de and "“" in de and "”" in en
    shift = next(f for f in found if f.kind == "tone_shift")
    assert re.search(r"−0,\d\d", shift.text("de"))
    assert format_tone(-0.314, "de") == "−0,31" and format_tone(0.004) == "0.00" and format_tone(0.5) == "+0.50"


def test_month_dated_articles_add_a_caveat():
    f = next(f for f in findings_for(summit_corpus(month_first=True)) if f.kind == "tone_shift")
    assert f.caveat == "month_dates"
    assert f.text("en").endswith("Among these articles are some dated only to the month; they count on its 1st.")
    assert f.text("de").endswith("sie zählen am 1. des Monats.")
    g = next(f for f in findings_for(summit_corpus()) if f.kind == "tone_shift")
    assert g.caveat == ""


def test_evidence_exists_and_is_ordered_by_strength():
    corpus = summit_corpus(standout=True)
    tone = corpus.sentences.set_index(["article_id", "sent_idx"])["tone"]
    known = set(tone.index)
    found = findings_for(corpus) + view_findings(corpus, ids_of(corpus), limit=20)
    for f in found:
        assert len(f.sentences) <= MAX_EVIDENCE_SENTENCES and len(f.article_ids) <= 50
        assert all(pair in known for pair in f.sentences)
        assert set(f.article_ids) <= set(ids_of(corpus))
        assert {aid for aid, _ in f.sentences} <= set(f.article_ids)
    shift = next(f for f in found if f.kind == "tone_shift")
    # More negative after: strongest = most negative "after" sentences and most positive "before".
    scores = [(-1 if aid.startswith("b") else 1) * tone[(aid, i)] for aid, i in shift.sentences]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert len(shift.sentences) == MAX_EVIDENCE_SENTENCES
    putin = next(f for f in found if f.kind == "actor_tone_shift" and f.values["actor"] == "Putin")
    assert putin.sentences[0][0].startswith("b") and tone[putin.sentences[0]] == -0.6
    low = next(f for f in found if f.kind == "actor_tone" and f.values["variant"].startswith("lowest"))
    tones = [tone[p] for p in low.sentences]
    assert tones == sorted(tones)
    high = next(f for f in found if f.kind == "actor_tone" and f.values["variant"].startswith("highest"))
    tones = [tone[p] for p in high.sentences]
    assert tones == sorted(tones, reverse=True)


def test_same_input_same_output():
    corpus = summit_corpus()
    first = findings_for(corpus), view_findings(corpus, ids_of(corpus))
    second = findings_for(summit_corpus()), view_findings(summit_corpus(), ids_of(corpus))
    assert first == second
    assert [f.text("de") for f in first[0]] == [f.text("de") for f in second[0]]
    # The view's order of ids does not matter.
    assert view_findings(corpus, reversed(ids_of(corpus))) == first[1]


def test_limit_keeps_thin_data_first():
    small = summit_corpus(n=4)
    full = findings_for(small)
    assert full[0].kind == "thin_data" and len(full) > 2
    assert findings_for(small, limit=2) == full[:2]
    assert findings_for(small, limit=0) == []
    weights = [f.weight for f in full[1:]]
    assert weights == sorted(weights, reverse=True)


def test_empty_views_and_periods_never_raise():
    corpus = summit_corpus()
    assert view_findings(corpus, ()) == []
    assert view_findings(corpus, ["not-an-article"]) == []
    empty = compare_periods(corpus, (), BEFORE, AFTER)
    assert comparison_findings(corpus, (), empty) == []
    # One period empty: only the thin-data finding can be said.
    late = Window(date(2026, 1, 1), date(2026, 2, 1), "later")
    one = compare_periods(corpus, ids_of(corpus), BEFORE, late)
    found = comparison_findings(corpus, ids_of(corpus), one)
    assert [f.kind for f in found] == ["thin_data"]
    assert found[0].text("en").startswith("The comparison rests on 12 and 0 articles")
    # A corpus without sentences, actors or themes.
    bare = build([_article("x", "2025-08-01")], {})
    assert [f.kind for f in view_findings(bare, ["x"])] == ["thin_data"]
    assert "1 article and 0 scored sentences" in view_findings(bare, ["x"])[0].text("en")
    assert "1 Artikel und 0 bewerteten Sätzen" in view_findings(bare, ["x"])[0].text("de")


# --- the view ---------------------------------------------------------------------------------


def test_view_findings_overall_actors_and_top_theme():
    corpus = summit_corpus(standout=True)
    ids = ids_of(corpus)
    found = view_findings(corpus, ids, limit=20)
    kinds = [f.kind for f in found]
    assert "thin_data" not in kinds  # 24 articles, 240 sentences
    assert kinds[0] == "overall_tone"
    overall = found[0]
    mean = corpus.sentences["tone"].mean()
    assert overall.values["tone"] == pytest.approx(mean) and overall.values["sentences"] == 240
    word = "negative" if round(mean, 2) <= -0.05 else "positive" if round(mean, 2) >= 0.05 else "neutral"
    assert overall.values["word"] == word
    # Actor tones over the sentences naming them, worked out here from the same mentions.
    m = (
        corpus.mentions[["article_id", "sent_idx", "actor"]]
        .drop_duplicates()
        .merge(corpus.sentences[["article_id", "sent_idx", "tone"]].astype({"sent_idx": "int64"}))
    )
    g = m.groupby("actor").agg(mean=("tone", "mean"), size=("tone", "size"), articles=("article_id", "nunique"))
    g = g[(g["size"] >= MIN_ACTOR_SENTENCES) & (g["articles"] >= 3)]
    actors = {f.values["variant"]: f for f in found if f.kind == "actor_tone"}
    assert set(actors) == {"highest", "lowest_close"}
    assert actors["highest"].values["actor"] == g["mean"].idxmax() == "Lawrow"
    assert actors["highest"].text("en") == (
        "Sentences naming Lawrow have the highest tone of all actors named in at least 5 sentences and 3 articles:"
        " +0.60 (24 sentences)."
    )
    assert actors["highest"].caveat == ""
    # Putin's −0.30 is the lowest, but Merz's −0.18 over 13 sentences is within chance of it
    low = actors["lowest_close"]
    assert low.values["actor"] == g["mean"].idxmin() == "Putin" and low.values["sentences"] == 48
    assert low.values["next"] == "Merz" and low.values["next_sentences"] == 13
    assert low.values["low"] < 0 < low.values["high"] and low.caveat == "uncertain"
    assert low.text("en") == (
        "Of the actors named in at least 5 sentences and 3 articles, Putin has the lowest tone, −0.30 (48 sentences),"
        " but the gap"
        f" to Merz, {_tone(low.values['next_tone'], 'en')} (13 sentences), may be chance: its 95% interval,"
        f" {_tone(low.values['low'], 'en')} … {_tone(low.values['high'], 'en')}, includes 0."
    )
    assert low.weight < actors["highest"].weight  # a clear claim comes before an uncertain one
    for f in actors.values():
        for lang in ("en", "de"):
            check_numbers(f, lang)
    top = next(f for f in found if f.kind == "theme_top")
    assert top.values["theme"] == THEMES[0] and top.values["share"] == pytest.approx(0.55)
    assert top.text("en") == (
        "The largest theme is “Gipfel · Alaska · Trump”: 55% of the text; it is the main theme of 12 of 24 articles."
    )


def test_thin_view_comes_first_and_says_so():
    corpus = summit_corpus()
    found = view_findings(corpus, ids_of(corpus)[:3])
    assert found[0].kind == "thin_data"
    assert found[0].text("en") == (
        "These figures rest on 3 articles and 30 scored sentences; treat them as indications, not trends."
    )
    assert found[0].text("de") == (
        "Diese Zahlen beruhen auf 3 Artikeln und 30 bewerteten Sätzen; lesen Sie sie als Hinweise, nicht als Trends."
    )
    assert found[0].article_ids == ids_of(corpus)[:3]


def test_every_template_has_its_german_with_the_same_placeholders():
    de = translator("de")
    for key, template in TEMPLATES.items():
        if template:
            assert de(template) != template or key.startswith(("caveat.uncertain",)), key
            assert _placeholders(de(template)) == _placeholders(template), key


def test_periods_without_an_event_are_named_by_their_dates():
    corpus = summit_corpus()
    a = Window(date(2025, 7, 1), date(2025, 8, 10), "2025-07-01 – 2025-08-10")
    b = Window(date(2025, 8, 11), date(2025, 9, 30), "2025-08-11 – 2025-09-30")
    f = next(f for f in findings_for(corpus, a=a, b=b) if f.kind == "tone_shift")
    assert "in “2025-08-11 – 2025-09-30” than in “2025-07-01 – 2025-08-10”" in f.text("en")
    assert "im Zeitraum „2025-08-11 – 2025-09-30“ negativer als im Zeitraum „2025-07-01 – 2025-08-10“" in f.text("de")
    check_numbers(f, "en")


# --- the bundled example ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    from tonlage.storage.store import cached_analysis

    return cached_analysis(ROOT / "data" / "corpus", events_file=ROOT / "data" / "events.csv", random_state=0)


def test_bundled_corpus_before_and_after_anchorage(bundled):
    ids = ids_of(bundled)
    dates = bundled.articles["date"].dropna()
    a = Window(min(dates.min().date(), EVENT), date(2025, 8, 14), "before Anchorage summit")
    b = Window(EVENT, max(dates.max().date(), EVENT), "after Anchorage summit")
    c = compare_periods(bundled, ids, a, b)
    found = comparison_findings(bundled, ids, c)
    assert found and found[0].kind == "thin_data"  # five articles in all
    shift = next(f for f in found if f.kind == "tone_shift")
    # One article before Anchorage: no interval, no direction, both tones and the reason.
    assert c.n_articles[0] == 1 and math.isnan(c.shift_low) and math.isnan(c.shift_high)
    assert shift.values["variant"] == "one_article" and shift.caveat == "uncertain" and "low" not in shift.values
    assert not any(w in shift.text("en") for w in DIRECTION_WORDS["en"])
    assert "A period of a single article has no interval" in shift.text("en")
    assert "Ein Zeitraum mit nur einem Artikel hat kein Intervall" in shift.text("de")
    assert shift.marked("en").startswith("⚠ Tone before and after “Anchorage summit”:")
    view = view_findings(bundled, ids)
    assert view[0].kind == "thin_data" and view[0].values["articles"] == len(ids)
    for f in found + view:
        for lang in ("en", "de"):
            check_numbers(f, lang)
        assert all(
            pair in set(zip(bundled.sentences["article_id"], bundled.sentences["sent_idx"])) for pair in f.sentences
        )


@pytest.mark.parametrize(("shares", "want"), [((0.5, 0.5), 0), ((0.4, 0.6), 1), ((0.7, 0.3), 0)])
def test_largest_theme_ties_go_to_the_lower_theme_id(shares, want):
    """The largest theme is the one with the highest mean share; equal shares go to the lower
    theme id (as sorting the theme table by share, then id, ranks them)."""
    import dataclasses

    corpus = summit_corpus()
    at = corpus.article_themes
    at = at.assign(share=np.where(at["theme_id"].to_numpy() == 0, shares[0], shares[1]))
    corpus = dataclasses.replace(corpus, article_themes=at)
    top = next(f for f in view_findings(corpus, ids_of(corpus)) if f.kind == "theme_top")
    assert top.values["theme_id"] == want
    assert top.values["share"] == pytest.approx(max(shares))


def test_an_actor_tone_resting_on_copies_of_few_sentences_says_so():
    """The highest tone of an actor named in 24 sentences that are two sentences printed again
    and again (agency copy) is flagged: fewer different sentences than the minimum."""
    import copy

    corpus = summit_corpus(standout=True)
    found = {f.values["variant"]: f for f in view_findings(corpus, ids_of(corpus), limit=20) if f.kind == "actor_tone"}
    high = found["highest"].values["actor"]
    assert found["highest"].caveat == "" and found["highest"].values["different"] >= MIN_ACTOR_SENTENCES
    naming = corpus.mentions.loc[corpus.mentions["actor"] == high, ["article_id", "sent_idx"]].drop_duplicates()
    store = corpus.sentence_store.to_pandas().copy()
    hit = store.set_index(["article_id", "sent_idx"]).index.isin(pd.MultiIndex.from_frame(naming))
    assert hit.sum() >= MIN_ACTOR_SENTENCES
    store.loc[hit, "text"] = np.where(np.arange(hit.sum()) % 2, f"{high} lobt die Gespräche.", f"{high} ist zufrieden.")
    copied = copy.copy(corpus)
    copied.sentence_store = type(corpus.sentence_store)(store)
    again = {f.values["variant"]: f for f in view_findings(copied, ids_of(copied), limit=20) if f.kind == "actor_tone"}
    flagged = again["highest"]
    assert flagged.values["actor"] == high and flagged.values["different"] == 2 and flagged.caveat == "copies"
    assert flagged.text("en").endswith(
        "Only 2 of these sentences differ; the others repeat them word for word in other articles: read it as a hint."
    )
    assert "Nur 2 dieser Sätze" in flagged.text("de")
    assert again["lowest_close"].caveat == found["lowest_close"].caveat == "uncertain"
    assert len(flagged.sentences) == 2  # each text once among the examples


def _two_actors(a_tones: list[list[float]], b_tones: list[list[float]]) -> AnalysedCorpus:
    """Articles whose sentences name Trump (``a_tones``: per article) or Putin (``b_tones``)."""
    arts, tones, mentions = [], {}, {"Trump": [], "Putin": []}
    for actor, per_article in (("Trump", a_tones), ("Putin", b_tones)):
        for j, ts in enumerate(per_article):
            aid = f"{actor[0].lower()}{j:02d}"
            arts.append(_article(aid, "2025-08-01"))
            tones[aid] = [float(x) for x in ts]
            mentions[actor] += [(aid, i) for i in range(len(ts))]
    return build(arts, tones, mentions)


def test_two_actors_within_chance_of_each_other_make_one_finding_that_says_so():
    """Web pages once gave "EU has the highest tone: −0.05 (13 sentences)" and "Trump the
    lowest: −0.07 (8 sentences)": two claims of an order that chance explains."""
    corpus = _two_actors([[-0.05, 0.1, -0.2]] * 3, [[-0.1, 0.05, -0.2]] * 3)
    found = [f for f in view_findings(corpus, ids_of(corpus), limit=20) if f.kind == "actor_tone"]
    assert len(found) == 1
    (f,) = found
    assert f.values["variant"] == "highest_close" and f.caveat == "uncertain"
    assert {f.values["actor"], f.values["next"]} == {"Trump", "Putin"}
    assert f.values["low"] < 0 < f.values["high"]
    assert "may be chance" in f.text("en") and "kann Zufall sein" in f.text("de")
    for lang in ("en", "de"):
        check_numbers(f, lang)


def test_a_clear_gap_is_stated_and_an_actor_of_one_or_two_articles_is_not_ranked():
    """Highest and lowest are claims over articles: an actor named in fewer than
    MIN_ACTOR_ARTICLES articles is not ranked (one article's sentences, however many, have no
    spread between articles to measure; split one against ten, real articles showed a gap in a
    third of splits)."""
    spread = [[0.5, 0.6, 0.7]] * 4
    corpus = _two_actors(spread, [[-0.5, -0.6, -0.4]] * 4)  # 12 sentences each, from 4 articles
    found = {f.values["variant"]: f for f in view_findings(corpus, ids_of(corpus), limit=20) if f.kind == "actor_tone"}
    assert set(found) == {"highest", "lowest"}
    assert found["highest"].values["actor"] == "Trump" and found["lowest"].values["actor"] == "Putin"
    assert found["highest"].caveat == found["lowest"].caveat == ""
    assert "next" not in found["highest"].values
    assert found["highest"].values["min_articles"] == MIN_ACTOR_ARTICLES == 3
    for articles in (1, 2):  # Trump: six sentences from one or two articles
        few = _two_actors([[0.5, 0.6, 0.7, 0.6, 0.5, 0.7][: 6 // articles]] * articles, [[-0.5, -0.6, -0.4]] * 4)
        assert not [f for f in view_findings(few, ids_of(few), limit=20) if f.kind == "actor_tone"]


def test_one_different_sentence_and_its_copies_is_said_in_the_singular():
    values = {"variant": "highest", "actor": "Weißes Haus", "tone": 0.67, "sentences": 22, "min_sentences": 5}
    one = Finding("actor_tone", {**values, "different": 1}, CHARTS["actor_tone"], (), (), 1.0, "copies")
    two = Finding("actor_tone", {**values, "different": 2}, CHARTS["actor_tone"], (), (), 1.0, "copies")
    assert one.text("en").endswith(
        "Only 1 of these sentences is different; the others repeat it word for word in other articles: read it as a hint."
    )
    assert "Nur 1 dieser Sätze ist verschieden" in one.text("de")
    assert "Only 2 of these sentences differ" in two.text("en")


def _three_a_side(shares_a, shares_b, named_a: int, named_b: int) -> AnalysedCorpus:
    """Three articles before and three after the summit, with the first theme's share of each
    (``shares_a``/``shares_b``) and Merz named in the first ``named_a``/``named_b`` of them."""
    arts, tones, shares, mentions = [], {}, {}, {"Merz": []}
    for side, day, sh, named in (("a", "2025-08-01", shares_a, named_a), ("b", "2025-08-20", shares_b, named_b)):
        for j, share in enumerate(sh):
            aid = f"{side}{j:02d}"
            arts.append(_article(aid, day, top_theme=0 if share >= 0.5 else 1))
            tones[aid] = [0.1, -0.1, 0.0]
            shares[aid] = [share, 1 - share]
            if j < named:
                mentions["Merz"].append((aid, 0))
    return build(arts, tones, mentions, THEMES, shares)


def test_theme_and_attention_changes_state_a_direction_only_when_their_interval_excludes_0():
    """The page promises a direction only where a 95% interval rules out no difference: 60% → 40%
    over three articles a side whose shares scatter, and 1 of 3 → 3 of 3 articles naming an
    actor, may be chance."""
    noisy = _three_a_side([0.9, 0.2, 0.7], [0.1, 0.8, 0.3], 1, 3)
    found = {f.kind + "." + str(f.values.get("theme", f.values.get("actor"))): f for f in findings_for(noisy)}
    theme = found["theme_change.Gipfel · Alaska · Trump"]
    assert theme.values["variant"] == "uncertain" and theme.caveat == "uncertain"
    assert theme.values["articles_a"] == theme.values["articles_b"] == 3
    assert theme.text("en") == (
        "The theme “Gipfel · Alaska · Trump” fills 60% → 40% of the text before and after “Anchorage summit”"
        " (3 vs 3 articles with themes); the change may be chance: its 95% interval, \u221274 … +59 percentage points,"
        " includes 0. The interval is wider because 2 themes were compared at once."
    )
    # Neither of the two themes' changes is claimed: each interval at 5% / 2 (Bonferroni's)
    assert (theme.values["points_low"], theme.values["points_high"]) == pytest.approx(
        share_interval(np.array([0.9, 0.2, 0.7]), np.array([0.1, 0.8, 0.3]), alpha=0.025), rel=1e-5
    )
    merz = found["actor_attention.Merz"]
    assert merz.values["variant"] == "uncertain" and merz.caveat == "uncertain"
    assert "(1 of 3 vs 3 of 3 articles); the change may be chance" in merz.text("en")
    assert "kann Zufall sein" in merz.text("de") and "kann Zufall sein" in theme.text("de")
    for f in (theme, merz):
        for lang in ("en", "de"):
            check_numbers(f, lang)
    # Steady within each period: the attention change is stated, and so is a theme's 70% → 20%;
    # 60% → 40% over three articles a side is not (three articles that agree say little about
    # the next one: Welch's t, which gave that change an interval of no width, claimed it).
    steady = _three_a_side([0.7, 0.7, 0.7], [0.2, 0.2, 0.2], 0, 3)
    clear = {
        f.kind: f
        for f in findings_for(steady)
        if f.kind == "actor_attention" or f.values.get("theme") == "Gipfel · Alaska · Trump"
    }
    assert clear["theme_change"].values["variant"] == "smaller" and clear["theme_change"].caveat == ""
    assert clear["actor_attention"].values["variant"] == "more" and clear["actor_attention"].caveat == ""
    close = _three_a_side([0.6, 0.6, 0.6], [0.4, 0.4, 0.4], 0, 3)
    near = [f for f in findings_for(close) if f.values.get("theme") == "Gipfel · Alaska · Trump"]
    assert [f.values["variant"] for f in near] == ["uncertain"]
    assert clear["theme_change"].weight > theme.weight


def _one_sided_view(tones_per_article: list[list[float]]) -> AnalysedCorpus:
    arts = [_article(f"v{j:02d}", "2025-08-01") for j in range(len(tones_per_article))]
    return build(arts, {a["article_id"]: t for a, t in zip(arts, tones_per_article)})


def test_overall_tone_claims_a_direction_only_when_its_interval_excludes_0():
    from tonlage.intervals import mean_interval

    # Twelve articles all clearly positive: "rather positive", with the interval in the text.
    clear = _one_sided_view([[0.3, 0.2, 0.25, 0.35]] * 6 + [[0.2, 0.3, 0.1, 0.3]] * 6)
    f = next(x for x in view_findings(clear, ids_of(clear), limit=20) if x.kind == "overall_tone")
    assert f.values["word"] == "positive" and "variant" not in f.values and f.caveat == ""
    assert 0 < f.values["low"] < f.values["tone"] < f.values["high"]
    en = f.text("en")
    assert en.startswith("The wording of the articles in view is rather positive: tone +0.25 on average")
    assert f"(95% interval {_tone(f.values['low'], 'en')} … {_tone(f.values['high'], 'en')})." in en
    assert "eher positiv" in f.text("de") and "95-%-Intervall" in f.text("de")
    # The same mean (+0.08) in two ways: articles that agree (clear), or articles that swing
    # either way (the interval over articles includes 0: it leans positive, may be chance).
    agree = _one_sided_view([[0.08] * 5] * 10)
    swing = _one_sided_view([[0.6] * 5, [-0.44] * 5] * 5)
    (fa,) = [x for x in view_findings(agree, ids_of(agree), limit=20) if x.kind == "overall_tone"]
    (fs,) = [x for x in view_findings(swing, ids_of(swing), limit=20) if x.kind == "overall_tone"]
    assert fa.values["tone"] == pytest.approx(0.08) == fs.values["tone"]
    assert fa.values["word"] == "positive" and fa.caveat == ""
    assert fs.values["variant"] == "uncertain_positive" and fs.caveat == "uncertain"
    sums = np.array([3.0, -2.2] * 5)
    assert (fs.values["low"], fs.values["high"]) == pytest.approx(mean_interval(sums, np.full(10, 5.0)))
    assert fs.text("en") == (
        "The wording of the articles in view leans positive, tone +0.08 on average over 50 scored sentences in"
        f" 10 articles, but that may be chance: its 95% interval, {_tone(fs.values['low'], 'en')} …"
        f" {_tone(fs.values['high'], 'en')}, includes 0."
    )
    assert "neigt ins Positive" in fs.text("de") and "kann Zufall sein" in fs.text("de")
    for x in (f, fa, fs):
        for lang in ("en", "de"):
            check_numbers(x, lang)
    # A negative lean the same way.
    down = _one_sided_view([[-0.6] * 5, [0.44] * 5] * 5)
    (fd,) = [x for x in view_findings(down, ids_of(down), limit=20) if x.kind == "overall_tone"]
    assert fd.values["variant"] == "uncertain_negative" and "leans negative" in fd.text("en")


def test_overall_tone_of_few_articles_keeps_the_wider_interval_over_sentences():
    # Two articles of similar tone: over articles the interval is narrow by luck; their
    # sentences swing, and with fewer than three articles that spread is kept.
    two = _one_sided_view([[0.9, -0.5, 0.9, -0.5, 0.9], [0.8, -0.6, 0.9, -0.4, 0.9]])
    (f,) = [x for x in view_findings(two, ids_of(two), limit=20) if x.kind == "overall_tone"]
    tones = np.array([0.9, -0.5, 0.9, -0.5, 0.9, 0.8, -0.6, 0.9, -0.4, 0.9])
    from tonlage.intervals import mean_interval

    s_low, s_high = mean_interval(tones)
    a_low, a_high = mean_interval(np.array([1.7, 1.6]), np.array([5.0, 5.0]))
    assert s_low < a_low and a_high < s_high  # the articles alone would have claimed "positive"
    assert (f.values["low"], f.values["high"]) == pytest.approx((s_low, s_high))
    assert f.values["variant"] == "uncertain_positive" and f.values["articles"] == 2
    # One scored sentence: no interval, no direction, and the thin caveat.
    one = _one_sided_view([[0.7], []])
    (g,) = [x for x in view_findings(one, ids_of(one), limit=20) if x.kind == "overall_tone"]
    assert g.values["variant"] == "no_interval" and g.caveat == "thin"
    assert g.values["articles"] == 1  # the article without a scored sentence is not counted
    assert g.text("en").startswith(
        "The articles in view have a tone of +0.70 from 1 scored sentence: too little text to tell a direction."
    )


def test_an_interval_too_narrow_for_two_decimals_gets_the_decimals_that_tell_its_ends_apart():
    # Over two million sentences the view's tone read "(95% interval +0.01 … +0.01)".
    values = {"word": "neutral", "tone": 0.0129, "sentences": 2_200_449, "articles": 101_000}
    f = Finding("overall_tone", {**values, "low": 0.0123, "high": 0.0136}, "c", (), (), 1.0)
    assert f.text("en").endswith("in 101,000 articles (95% interval +0.012 … +0.014).")
    assert f.text("de").endswith("(95-%-Intervall +0,012 … +0,014).")
    wide = Finding("overall_tone", {**values, "low": -0.12, "high": 0.14}, "c", (), (), 1.0)
    assert wide.text("en").endswith("(95% interval −0.12 … +0.14).")


def test_interval_of_a_change_of_share_is_in_whole_points_unless_an_end_would_read_0():
    assert format_points(-0.404, -0.126) == ("\u221240", "\u221213")
    assert format_points(0.004, 0.2) == ("+0.4", "+20.0")  # a claimed change never reads "+0 … +20"
    assert format_points(-0.2, 0.3, "de") == ("\u221220", "+30")
    assert format_points(0.0123, 0.0456, "de") == ("+1", "+5")


def test_a_change_of_share_is_judged_as_its_interval_is_written():
    """Near 0 the interval of a change of share is written to a tenth of a point: "+0.4 …
    +30 pp" excludes 0 and is a change; an end of +0.04 pp is written "0", and is none."""
    from tonlage.i18n import translator
    from tonlage.intervals import SHARE_DIGITS, excludes_zero

    tr = translator("en")
    for low, high, claimed in ((0.004, 0.30, True), (0.0004, 0.30, False), (-0.30, -0.0006, True), (-0.3, 0.0, False)):
        shown = tr.points(low, high)
        assert excludes_zero(low, high, SHARE_DIGITS) is claimed
        assert (shown[0] == "0" or shown[1] == "0") is (not claimed), shown
    assert tr.points(0.004, 0.30) == ("+0.4", "+30.0")
    assert excludes_zero(0.004, 0.30) is False  # a tone's rule (two decimals) would not claim it


def test_a_themes_change_rests_on_the_articles_with_themes_and_says_so():
    """An article without themes (a page in another language) counts for the comparison but not
    for a theme's share: "(3 vs 3 articles)" beside a comparison of 4 and 4 articles read as a
    miscount, so the text says which articles they are."""
    arts, tones, shares = [], {}, {}
    for side, day, share in (("a", "2025-08-01", 0.7), ("b", "2025-08-20", 0.2)):
        for j in range(4):
            aid = f"{side}{j:02d}"
            arts.append(_article(aid, day, top_theme=0 if share >= 0.5 else 1))
            tones[aid] = [0.1, -0.1, 0.0]
            if j < 3:  # the fourth of each side has no themes
                shares[aid] = [share, 1 - share]
    corpus = build(arts, tones, {}, THEMES, shares)
    ids = ids_of(corpus)
    assert compare_periods(corpus, ids, BEFORE, AFTER).n_articles == (4, 4)
    theme = next(f for f in findings_for(corpus) if f.values.get("theme") == "Gipfel · Alaska · Trump")
    assert (theme.values["articles_a"], theme.values["articles_b"]) == (3, 3)
    assert "(3 vs 3 articles with themes; 95% interval of the change" in theme.text("en")
    assert "(3 bzw. 3 Artikel mit Themen; 95-%-Intervall der Veränderung" in theme.text("de")


def test_actors_shifts_are_drawn_together_and_say_so():
    """Three actors named in enough sentences in both periods, one of them clearly more positive
    after: its interval is drawn at 5% / 3 (Benjamini–Hochberg, one claim of three; the two
    whose tone did not move count with a p-value of 1), and its text says why it is wider."""
    rng = np.random.default_rng(1)
    arts, tones, mentions = [], {}, {"Merz": [], "Putin": [], "Rubio": []}
    for side, day, merz in (("a", "2025-08-01", -0.5), ("b", "2025-08-20", 0.5)):
        for j in range(6):
            aid = f"{side}{j:02d}"
            arts.append(_article(aid, day))
            tones[aid] = list(np.round(np.r_[merz + rng.normal(0, 0.1, 3), rng.normal(0, 0.1, 6)], 3))
            mentions["Merz"] += [(aid, i) for i in range(3)]
            mentions["Putin"] += [(aid, i) for i in range(3, 6)]
            mentions["Rubio"] += [(aid, i) for i in range(6, 9)]
    corpus = build(arts, tones, mentions)
    c = compare_periods(corpus, ids_of(corpus), BEFORE, AFTER)
    # The comparison holds them: only Merz's shift (the only one of 0.10 or more) has an
    # interval, drawn with the three named often enough in both periods
    table = c.actors.set_index("actor")
    assert table["tone_low"].notna().to_dict() == {"Merz": True, "Putin": False, "Rubio": False}
    assert (c.tone_tests, c.tone_alpha) == (3, pytest.approx(0.05 / 3))
    shifts = {f.values["actor"]: f for f in findings_for(corpus) if f.kind == "actor_tone_shift"}
    merz = shifts["Merz"]
    assert (merz.values["low"], merz.values["high"]) == tuple(table.loc["Merz", ["tone_low", "tone_high"]])
    assert merz.chart == "compare_actor_tone"
    assert merz.values["variant"] == "change"
    assert merz.values["alpha"] == pytest.approx(0.05 / 3)
    assert merz.text("en").endswith("The interval is wider because 3 actors were compared at once.")
    # Its interval is the one at that error, wider than a lone 95% one
    from tonlage.intervals import shift_interval

    index = corpus.sentences
    own = [index[(index["article_id"].str.startswith(s)) & (index["sent_idx"] < 3)] for s in "ab"]
    groups = tuple(o["article_id"].to_numpy() for o in own)
    tb = [o["tone"].to_numpy() for o in own]
    assert (merz.values["low"], merz.values["high"]) == pytest.approx(shift_interval(*tb, groups, alpha=0.05 / 3))
    lone = shift_interval(*tb, groups)
    assert merz.values["high"] - merz.values["low"] > lone[1] - lone[0]


def test_a_neutral_view_s_examples_are_a_cross_section_not_its_most_charged_sentences():
    """ "Mostly neutral" with its eight most charged sentences as examples read as the opposite.
    The examples of a neutral view are its strongest negative, neutral (scored 0, long enough to
    say something, one an article, articles in id order) and strongest positive sentences in the
    shares its sentences have; a view that leans one way keeps its strongest sentences that way."""
    from tonlage.findings import MIN_EXAMPLE_WORDS

    tones = {f"a{i:02d}": [0.0, -0.8 + i / 100, -0.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.7 + i / 100, 0.3] for i in range(20)}
    arts = [
        dict(_article(aid, f"2025-03-{i + 1:02d}"), share_negative=0.2, share_positive=0.2, share_neutral=0.6)
        for i, aid in enumerate(tones)
    ]
    corpus = build(arts, tones)
    # Sentence 0 of each article is a dateline (too short to say anything); the others are long.
    corpus.sentences["n_words"] = np.where(corpus.sentences["sent_idx"] == 0, 3, MIN_EXAMPLE_WORDS + 4)
    overall = next(f for f in view_findings(corpus, ids_of(corpus)) if f.kind == "overall_tone")
    assert overall.values["word"] == "neutral" and overall.values["examples"] == "cross_section"
    tone = corpus.sentences.set_index(["article_id", "sent_idx"])["tone"]
    shown = [tone[ref] for ref in overall.sentences[:5]]
    assert [np.sign(v) for v in shown] == [0, -1, 0, 1, 0]  # 60 % neutral, 20 % either way
    assert shown[1] == pytest.approx(-0.8) and shown[3] == pytest.approx(0.7 + 19 / 100)  # the strongest
    neutral = [ref for ref in overall.sentences if tone[ref] == 0.0]
    assert [aid for aid, _ in neutral] == sorted({aid for aid, _ in neutral})  # one an article, in id order
    assert all(i != 0 for _, i in neutral)  # no dateline
    assert len(overall.sentences) == MAX_EVIDENCE_SENTENCES == len(set(overall.sentences))
    # Leaning negative: the strongest negative sentences, as before.
    for t in tones.values():
        t[8], t[9] = 0.1, -0.5
    leaning = build(arts, tones)
    neg = next(f for f in view_findings(leaning, ids_of(leaning)) if f.kind == "overall_tone")
    assert neg.values["word"] == "negative" and "examples" not in neg.values
    assert all(
        v < 0 for v in (leaning.sentences.set_index(["article_id", "sent_idx"])["tone"][r] for r in neg.sentences)
    )


# --- the tone of the sentences holding the words searched for ----------------------------------


def _worded(
    tones: dict[str, list[float]], worded: dict[str, set[int]], title_word: str = "", days: dict[str, str] | None = None
) -> AnalysedCorpus:
    """A corpus whose sentence ``i`` of article ``aid`` holds "Waffenruhe" when ``i`` is in
    ``worded[aid]``; the articles' texts are their sentences, offsets and all; dated
    ``days[aid]`` (2025-03-01 without)."""
    corpus = build([_article(aid, (days or {}).get(aid, "2025-03-01")) for aid in tones], tones)
    texts, rows = {}, []
    s = corpus.sentences
    for aid, group in s.groupby("article_id", sort=False):
        parts, at = [], 0
        for i in group["sent_idx"]:
            sentence = f"Satz {i} von {aid} über {'die Waffenruhe' if i in worded.get(aid, set()) else 'etwas'}."
            rows.append((at, at + len(sentence), sentence))
            parts.append(sentence)
            at += len(sentence) + 1
        texts[aid] = " ".join(parts)
    s = s.assign(start=[r[0] for r in rows], end=[r[1] for r in rows], text=[r[2] for r in rows])
    arts = corpus.articles.assign(text=corpus.articles["article_id"].map(texts))
    if title_word:
        arts = arts.assign(title=arts["title"] + " " + title_word)
    return AnalysedCorpus(
        articles=arts,
        sentences=s,
        themes=corpus.themes,
        article_themes=corpus.article_themes,
        mentions=corpus.mentions,
        actor_articles=corpus.actor_articles,
        events=corpus.events,
        skipped=corpus.skipped,
    )


def _words_finding(corpus: AnalysedCorpus, words: str = "Waffenruhe") -> Finding | None:
    from tonlage.corpus_index import CorpusIndex
    from tonlage.present.types import Filters
    from tonlage.present.views import filter_rows

    index = CorpusIndex(corpus)
    rows = filter_rows(corpus, Filters(count_once=False, words=words), index)
    return next((f for f in view_findings(corpus, rows, index=index, words=words) if f.kind == "words_tone"), None)


def test_sentences_holding_the_words_set_against_the_rest_of_their_articles():
    rng = np.random.default_rng(3)
    tones = {f"a{k:02d}": list(rng.normal(0.2, 0.1, 10)) for k in range(12)}
    worded = {aid: {2, 7} for aid in tones}
    for aid in tones:
        for i in worded[aid]:
            tones[aid][i] = float(rng.normal(-0.6, 0.1))
    f = _words_finding(_worded(tones, worded))
    assert f is not None and f.values["variant"] == "gap" and f.caveat == ""
    assert f.values["direction"] == "more_negative"
    word_tones = [tones[a][i] for a in tones for i in worded[a]]
    rest = [t for a in tones for i, t in enumerate(tones[a]) if i not in worded[a]]
    assert f.values["sentences"] == 24 and f.values["articles"] == 12 and f.values["sentences_rest"] == 96
    assert f.values["tone"] == pytest.approx(np.mean(word_tones))
    assert f.values["tone_rest"] == pytest.approx(np.mean(rest))
    assert f.values["high"] < 0  # the gap, words minus rest
    # the evidence: sentences holding the word, the most negative first
    evidence = [tones[a][i] for a, i in f.sentences]
    assert all(i in worded[a] for a, i in f.sentences) and evidence == sorted(evidence)
    for lang in ("en", "de"):
        check_numbers(f, lang)
    assert "Waffenruhe" in f.text("en") and "negativer als die übrigen Sätze" in f.text("de")


def test_a_gap_that_chance_can_make_is_not_claimed_and_a_few_sentences_are_not_compared():
    rng = np.random.default_rng(5)
    tones = {f"a{k:02d}": list(rng.normal(0.0, 0.4, 12)) for k in range(10)}
    f = _words_finding(_worded(tones, {aid: {int(rng.integers(12))} for aid in tones}))
    assert f is not None and f.values["variant"] == "uncertain" and f.caveat == "uncertain" and f.cautious
    assert f.values["low"] < 0 < f.values["high"]
    check_numbers(f, "en")

    few = _words_finding(_worded(tones, {"a00": {1, 4}}))
    assert few is not None and few.values["variant"] == "few" and few.caveat == "thin"
    assert few.values["sentences"] == 2 and few.values["articles"] == 1 and "low" not in few.values
    check_numbers(few, "de")

    # words only in a headline: no sentence to speak of
    assert _words_finding(_worded(tones, {}, title_word="Feuerpause"), "Feuerpause") is None


def test_the_words_finding_counts_what_python_finds_in_the_bundled_sentences(analysed_bundled):
    from scipy import stats

    from tonlage.corpus_index import CorpusIndex
    from tonlage.present.types import Filters
    from tonlage.present.views import filter_rows

    corpus, index = analysed_bundled, CorpusIndex(analysed_bundled)
    rows = filter_rows(corpus, Filters(count_once=False, words="Putin"), index)
    [f] = [f for f in view_findings(corpus, rows, index=index, words="Putin", limit=20) if f.kind == "words_tone"]
    s = corpus.sentence_store.frame(columns=["article_id", "text", "tone"])
    s = s[s["tone"].notna() & s["article_id"].isin(index.ids[rows])]
    has = s["text"].str.contains(r"(?<![^\W_])putin(?![^\W_])", case=False, regex=True)
    # article by article: the articles with sentences of both kinds, each counted once
    by = s.assign(has=has).groupby(["article_id", "has"])["tone"].agg(["mean", "size"]).unstack("has").dropna()
    assert len(by) >= 3 and f.values["articles"] == len(by)
    assert f.values["sentences"] == by[("size", True)].sum() and f.values["sentences_rest"] == by[("size", False)].sum()
    assert f.values["tone"] == pytest.approx(by[("mean", True)].mean())
    assert f.values["tone_rest"] == pytest.approx(by[("mean", False)].mean())
    gaps = (by[("mean", True)] - by[("mean", False)]).to_numpy()
    half = stats.t.ppf(0.975, len(gaps) - 1) * gaps.std(ddof=1) / np.sqrt(len(gaps))
    low, high = gaps.mean() - half, gaps.mean() + half
    assert (f.values["low"], f.values["high"]) == pytest.approx((low, high))


def test_articles_that_differ_from_each_other_are_no_gap_of_the_words():
    """Short negative articles that are all about the words and long positive ones that name
    them once: pooled over the view the sentences with the words read far more negative, but
    inside every article they read as the rest. Compared article by article, no gap."""
    from tonlage.intervals import gap_interval

    rng = np.random.default_rng(11)
    tones = {f"s{k:02d}": list(rng.normal(-0.5, 0.05, 3)) for k in range(10)}
    tones |= {f"l{k:02d}": list(rng.normal(0.5, 0.05, 20)) for k in range(10)}
    worded = {aid: ({0, 1} if aid.startswith("s") else {int(rng.integers(20))}) for aid in tones}
    pooled_w = [tones[a][i] for a in tones for i in worded[a]]
    pooled_r = [t for a in tones for i, t in enumerate(tones[a]) if i not in worded[a]]
    arts_w = [a for a in tones for _ in worded[a]]
    arts_r = [a for a in tones for i in range(len(tones[a])) if i not in worded[a]]
    assert gap_interval(np.array(pooled_w), np.array(arts_w), np.array(pooled_r), np.array(arts_r))[1] < 0
    f = _words_finding(_worded(tones, worded))
    assert f is not None and f.values["variant"] == "uncertain", f.values
    assert f.values["articles"] == 20 and abs(f.values["tone"] - f.values["tone_rest"]) < 0.05
    check_numbers(f, "en")


def test_articles_whose_every_sentence_holds_the_words_are_not_compared():
    rng = np.random.default_rng(2)
    tones = {f"a{k:02d}": list(rng.normal(0.0, 0.3, 2)) for k in range(6)}
    # every sentence of every article holds the words: nothing of the same article to set against
    f = _words_finding(_worded(tones, {aid: {0, 1} for aid in tones}))
    assert f is not None and f.values["variant"] == "few" and f.values["sentences"] == 12
    assert f.values["articles"] == 6 and f.caveat == "thin"


def _words_tone_shift_of(corpus: AnalysedCorpus, words: str = "Waffenruhe") -> Finding | None:
    from tonlage.corpus_index import CorpusIndex
    from tonlage.present.types import Filters
    from tonlage.present.views import filter_rows

    index = CorpusIndex(corpus)
    rows = filter_rows(corpus, Filters(count_once=False, words=words), index)
    cmp = compare_periods(corpus, rows, BEFORE, AFTER, index=index)
    found = comparison_findings(corpus, rows, cmp, index=index, words=words, limit=20)
    return next((f for f in found if f.kind == "words_tone_shift"), None)


def _before_after(n: int, before: float, after: float, seed: int):
    """``n`` articles before the event and ``n`` after, ten sentences each; sentences 2 and 7
    hold the words, with tone ``before`` or ``after`` (the others about 0)."""
    rng = np.random.default_rng(seed)
    tones, days = {}, {}
    for side, day, level in (("b", "2025-08-01", before), ("a", "2025-08-25", after)):
        for k in range(n):
            aid = f"{side}{k:02d}"
            tones[aid] = list(rng.normal(0.0, 0.2, 10))
            for i in (2, 7):
                tones[aid][i] = float(rng.normal(level, 0.1))
            days[aid] = day
    return tones, {aid: {2, 7} for aid in tones}, days


def test_the_words_searched_for_are_compared_before_and_after():
    tones, worded, days = _before_after(8, -0.5, 0.2, seed=4)
    f = _words_tone_shift_of(_worded(tones, worded, days=days))
    assert f is not None and f.values["variant"] == "change" and f.caveat == ""
    assert f.values["direction"] in ("less_negative", "more_positive")
    before = [tones[a][i] for a in tones if a.startswith("b") for i in worded[a]]
    after = [tones[a][i] for a in tones if a.startswith("a") for i in worded[a]]
    assert f.values["tone_a"] == pytest.approx(np.mean(before)) and f.values["tone_b"] == pytest.approx(np.mean(after))
    assert (f.values["sentences_a"], f.values["sentences_b"]) == (16, 16)
    assert (f.values["articles_a"], f.values["articles_b"]) == (8, 8)
    assert f.values["low"] > 0  # the change, after minus before
    assert all(i in worded[a] for a, i in f.sentences)  # the evidence holds the words
    for lang in ("en", "de"):
        check_numbers(f, lang)
    assert "Waffenruhe" in f.text("en") and "Anchorage" in f.text("en")


def test_words_whose_tone_did_not_move_or_that_are_rare_are_not_claimed():
    tones, worded, days = _before_after(8, -0.3, -0.3, seed=6)
    f = _words_tone_shift_of(_worded(tones, worded, days=days))
    assert f is not None and f.values["variant"] == "uncertain" and f.caveat == "uncertain" and f.cautious
    assert f.values["low"] < 0 < f.values["high"]
    check_numbers(f, "de")

    # the words in two articles after the event only: counted, not compared
    rare = {aid: ({3} if aid in ("a00", "a01") else set()) for aid in tones}
    few = _words_tone_shift_of(_worded(tones, rare, days=days))
    assert few is not None and few.values["variant"] == "few" and few.caveat == "thin"
    assert (few.values["sentences_a"], few.values["sentences_b"]) == (0, 2) and "low" not in few.values
    check_numbers(few, "en")
    # without words asked for, no such finding
    assert all(f.kind != "words_tone_shift" for f in findings_for(_worded(tones, worded, days=days)))


# --- the sources' tone ------------------------------------------------------------------------


def _sourced(sources: list[str], **kw) -> AnalysedCorpus:
    corpus = summit_corpus(**kw)
    corpus.articles["source"] = sources
    return corpus


def _source_findings(corpus: AnalysedCorpus) -> list[Finding]:
    return [f for f in view_findings(corpus, ids_of(corpus), limit=20) if f.kind == "source_tone"]


def test_a_source_whose_articles_are_more_negative_is_named_with_its_numbers():
    # The articles after the summit (tone −0.25 against +0.05) all come from one paper.
    corpus = _sourced(["Taz", "FAZ"] * 6 + ["Bild"] * 12)
    found = _source_findings(corpus)
    assert 1 <= len(found) <= 2
    bild = found[0] if found[0].values["source"] == "Bild" else found[1]
    assert bild.values["variant"] == "gap" and bild.values["direction"] == "more_negative"
    s = corpus.sentences.merge(corpus.articles[["article_id", "source"]])
    mine, rest = s.loc[s["source"] == "Bild", "tone"], s.loc[s["source"] != "Bild", "tone"]
    assert bild.values["tone"] == pytest.approx(mine.mean()) and bild.values["tone_rest"] == pytest.approx(rest.mean())
    assert (bild.values["articles"], bild.values["articles_rest"]) == (12, 12)
    assert bild.values["low"] < bild.values["tone"] - bild.values["tone_rest"] < bild.values["high"] < 0
    assert bild.caveat == "" and bild.chart == "tone_sources"
    assert set(bild.article_ids) <= {f"b{j:02d}" for j in range(12)}  # its own articles only
    assert bild.text("en").startswith("Articles from Bild are more negative in tone than those of the other sources:")
    assert bild.text("de").startswith("Artikel von Bild sind im Ton negativer als die der anderen Quellen:")
    for f in found:
        for lang in ("en", "de"):
            check_numbers(f, lang)
        assert f.values["compared"] == 3
    if len(found) == 2:  # the other end: a paper of the earlier, warmer articles
        assert found[1 - found.index(bild)].values["direction"] in ("more_positive", "less_negative")


def test_sources_that_differ_by_chance_only_get_one_uncertain_finding():
    corpus = _sourced(["Taz", "FAZ", "Welt", "Zeit"] * 6, mean_b=0.05, seed=4)
    found = _source_findings(corpus)
    assert len(found) == 1
    f = found[0]
    assert f.values["variant"] == "uncertain" and f.caveat == "uncertain" and f.cautious
    assert f.values["low"] < 0 < f.values["high"] and f.values["compared"] == 4
    assert "may be chance" in f.text("en") and "kann Zufall sein" in f.text("de")
    for lang in ("en", "de"):
        check_numbers(f, lang)


def test_two_sources_make_one_finding_not_the_same_gap_twice():
    found = _source_findings(_sourced(["Taz"] * 12 + ["Bild"] * 12))
    assert len(found) == 1 and found[0].values["variant"] == "gap"
    assert found[0].values["family"] == 1


def test_no_source_finding_without_two_sources_of_enough_articles():
    assert _source_findings(_sourced(["Taz"] * 22 + ["Bild"] * 2)) == []  # Bild: 2 articles
    assert _source_findings(_sourced([""] * 24)) == []
    assert _source_findings(summit_corpus()) == []  # no source column at all


# --- the sources' themes ----------------------------------------------------------------------


def _source_theme(corpus: AnalysedCorpus) -> Finding | None:
    found = [f for f in view_findings(corpus, ids_of(corpus), limit=20) if f.kind == "source_theme"]
    assert len(found) <= 1
    return found[0] if found else None


def test_a_source_that_gives_a_theme_more_room_is_named_with_the_charts_numbers():
    # Bild wrote the twelve articles after the summit, where the budget fills 70 % (20 % before).
    corpus = _sourced(["Taz", "FAZ"] * 6 + ["Bild"] * 12)
    f = _source_theme(corpus)
    assert f is not None and f.values["variant"] == "more" and f.caveat == "" and not f.cautious
    v = f.values
    assert (v["source"], v["theme"]) == ("Bild", THEMES[1]) and f.chart == "themes_sources"
    # the shares the Themes page's chart by source draws for the same view
    from tonlage.present.views import source_themes

    table = source_themes(corpus, ids_of(corpus))[0].set_index(["theme_id", "source"])["share"]
    assert v["share"] == pytest.approx(table[(1, "Bild")]) == pytest.approx(0.7)
    assert v["share_rest"] == pytest.approx(0.2)  # Taz and FAZ: the articles before
    assert (v["articles"], v["articles_rest"]) == (12, 12)
    assert v["change"] == pytest.approx(0.5) and 0 < v["points_low"] < v["change"] < v["points_high"]
    # three sources, two themes: six gaps drawn together; all six clear, so none is widened
    assert v["compared"] == 3 and v["family"] == 1 and "pairs of source" not in f.text("en")
    assert set(f.article_ids) == {f"b{j:02d}" for j in range(12)}  # its own articles with the theme
    assert f.text("en").startswith("Bild gives the theme “Haushalt · Steuer · Bund” more room than the other sources:")
    assert f.text("de").startswith("Bild gibt dem Thema „Haushalt · Steuer · Bund“ mehr Raum als die anderen Quellen:")
    for lang in ("en", "de"):
        check_numbers(f, lang)


def test_sources_writing_the_same_mix_of_themes_get_no_theme_finding():
    # every source has articles from before and after the summit alike: no gap at all
    assert _source_theme(_sourced(["Taz", "FAZ", "Welt", "Zeit"] * 6)) is None


def test_a_theme_gap_on_a_few_scattered_articles_is_said_to_be_possibly_chance():
    shares = [0.9, 0.1, 0.8, 0.2, 0.7, 0.0, 0.6, 0.1]  # sources A (first four) and B: 50 % vs 35 %
    arts = [_article(f"x{j}", "2025-08-01") | {"source": "AB"[j // 4]} for j in range(8)]
    corpus = build(
        arts,
        {f"x{j}": [0.1] * 5 for j in range(8)},
        themes=THEMES,
        shares={f"x{j}": [s, 1 - s] for j, s in enumerate(shares)},
    )
    f = _source_theme(corpus)
    assert f is not None and f.values["variant"] == "uncertain" and f.caveat == "uncertain" and f.cautious
    assert f.values["points_low"] < 0 < f.values["points_high"] and abs(f.values["change"]) >= 0.10
    # two sources × two themes, none clear: each interval drawn at 5 % / 4
    assert f.values["family"] == 4 and f.values["alpha"] == pytest.approx(0.0125)
    assert "4 pairs of source and theme" in f.text("en") and "4 Paare aus Quelle und Thema" in f.text("de")
    assert "may be chance" in f.text("en") and "kann Zufall sein" in f.text("de")
    for lang in ("en", "de"):
        check_numbers(f, lang)


def test_a_source_that_gives_a_theme_less_room_names_where_the_theme_has_it():
    """Bild (twelve articles) gives the first theme 20 % of its text, the others (a dozen papers
    of one article each: too few to test) 60 %; its other themes differ by 5 points only."""
    themes = [*THEMES, "Sport · Fußball · Tor"]
    arts = [_article(f"b{j:02d}", "2025-08-01") | {"source": "Bild"} for j in range(12)]
    arts += [_article(f"o{j:02d}", "2025-08-01") | {"source": f"Blatt {j}"} for j in range(12)]
    shares = {a["article_id"]: [0.2, 0.25, 0.25] if a["source"] == "Bild" else [0.6, 0.2, 0.2] for a in arts}
    corpus = build(arts, {a["article_id"]: [0.0] * 5 for a in arts}, themes=themes, shares=shares)
    f = _source_theme(corpus)
    assert f is not None and f.values["variant"] == "less" and f.values["source"] == "Bild"
    assert f.values["theme"] == THEMES[0] and f.values["points_high"] < 0 and f.values["compared"] == 1
    assert set(f.article_ids) == {f"o{j:02d}" for j in range(12)}  # where the theme has its room
    assert "less room" in f.text("en") and "weniger Raum" in f.text("de")
    for lang in ("en", "de"):
        check_numbers(f, lang)


def test_no_theme_finding_without_two_sources_or_themes():
    assert _source_theme(_sourced(["Taz"] * 24)) is None
    assert _source_theme(_sourced(["Taz"] * 22 + ["Bild"] * 2)) is None  # Bild: 2 articles, Taz's rest too
    assert _source_theme(summit_corpus()) is None  # no source column at all
    corpus = _sourced(["Taz", "FAZ"] * 6 + ["Bild"] * 12)
    from dataclasses import replace

    assert (
        _source_theme(replace(corpus, themes=corpus.themes.iloc[:0], article_themes=corpus.article_themes.iloc[:0]))
        is None
    )


# --- two outlets ------------------------------------------------------------------------------


def test_two_outlets_are_found_to_differ_in_the_words_of_a_difference_with_the_same_numbers():
    """The summit corpus's two periods as two outlets (each period one paper's): the same
    articles on each side, so the same numbers, told as a difference between papers, not as a
    change over time; their days (one article dated to the month) do not matter."""
    corpus = summit_corpus(month_first=True)
    corpus.articles["source"] = np.where(corpus.articles["article_id"].str.startswith("a"), "Kieler Blatt", "Taz")
    kiel = Window(date(2025, 1, 1), date(2025, 12, 31), "Kieler Blatt", ("Kieler Blatt",))
    taz = Window(date(2025, 1, 1), date(2025, 12, 31), "Taz", ("Taz",))
    by_period = {(f.kind, f.values.get("actor", f.values.get("theme"))): f for f in findings_for(corpus)}
    by_source = findings_for(corpus, a=kiel, b=taz)
    assert {f.kind for f in by_source} >= {"tone_shift", "actor_tone_shift", "theme_change", "actor_attention"}
    for f in by_source:
        twin = by_period[(f.kind, f.values.get("actor", f.values.get("theme")))]
        numbers = {k: v for k, v in f.values.items() if isinstance(v, float)}
        assert numbers == pytest.approx({k: twin.values[k] for k in numbers}), f.kind
        assert f.template_key == twin.template_key + ".outlets" and f.caveat != "month_dates"
        for lang in ("en", "de"):
            check_numbers(f, lang)
            text = f.text(lang)
            assert "→" not in text and "Kieler Blatt" in text and "Taz" in text, text
    tone = next(f for f in by_source if f.kind == "tone_shift")
    assert tone.text("en").startswith("The wording of “Taz” is more negative than that of “Kieler Blatt”: tone −0.")
    assert tone.text("de").startswith("Die Wortwahl von „Taz“ ist negativer als die von „Kieler Blatt“: Tonlage −0,")
    assert "95% interval of the difference" in tone.text("en")
    merz = next(f for f in by_source if f.kind == "actor_attention")
    assert merz.text("en").startswith(
        "Merz is named in a larger share of the articles in “Taz” than in “Kieler Blatt”: 83% against 25%"
    )


def test_every_wording_of_two_outlets_is_a_variant_of_one_of_two_periods():
    outlet_keys = [k for k in TEMPLATES if k.endswith(".outlets")]
    assert len(outlet_keys) >= 15
    for key in outlet_keys:
        assert key.removesuffix(".outlets") in TEMPLATES, key  # never a wording without its period twin
        assert "→" not in TEMPLATES[key] and "{in_b}" not in TEMPLATES[key], key


# --- the latest weeks of the view -------------------------------------------------------------


def _weekly(
    tones_of_week, start: str = "2025-01-06", per_week: int = 3, per_article: int = 8, seed: int = 4, keep=None
):
    """``per_week`` articles a week from ``start``, week k's sentences drawn around
    ``tones_of_week[k]``; the number of weeks is the length of ``tones_of_week``; ``keep(k, j)``
    leaves out the j-th article of week k where it is false."""
    rng = np.random.default_rng(seed)
    arts, tones = [], {}
    for k, mean in enumerate(tones_of_week):
        for j in range(per_week):
            if keep is not None and not keep(k, j):
                continue
            aid = f"w{k:02d}a{j}"
            arts.append(_article(aid, str((pd.Timestamp(start) + pd.Timedelta(days=7 * k + 2 * j)).date())))
            tones[aid] = [float(x) for x in np.clip(rng.normal(mean, 0.2, per_article), -1, 1)]
    return build(arts, tones)


def _recent(corpus: AnalysedCorpus) -> Finding | None:
    found = [f for f in view_findings(corpus, ids_of(corpus), limit=20) if f.kind == "recent_tone"]
    assert len(found) <= 1
    return found[0] if found else None


def test_the_latest_four_weeks_are_set_against_the_twelve_before_as_the_compare_page_would():
    """Twenty weeks at +0.10, the last four at −0.25: the drop is claimed, and its numbers are
    those of the Compare page's two date ranges over the same days (the button opens them)."""
    corpus = _weekly([0.10] * 16 + [-0.25] * 4, per_article=10)
    f = _recent(corpus)
    assert f is not None and f.values["variant"] == "change" and f.values["window"] == "4w"
    assert f.caveat == ""  # 12 articles and 120 sentences in the latest weeks: not thin
    v = f.values
    last = corpus.articles["date"].max().date()
    assert v["end_b"] == last.isoformat()
    assert date.fromisoformat(v["start_b"]) == last - pd.Timedelta(days=27)
    assert date.fromisoformat(v["end_a"]) == date.fromisoformat(v["start_b"]) - pd.Timedelta(days=1)
    assert date.fromisoformat(v["start_a"]) == date.fromisoformat(v["start_b"]) - pd.Timedelta(days=84)
    a = Window(date.fromisoformat(v["start_a"]), date.fromisoformat(v["end_a"]), "")
    b = Window(date.fromisoformat(v["start_b"]), date.fromisoformat(v["end_b"]), "")
    c = compare_periods(corpus, ids_of(corpus), a, b)
    assert (v["tone_a"], v["tone_b"]) == pytest.approx(c.tone)
    assert (v["low"], v["high"]) == pytest.approx((c.shift_low, c.shift_high))
    assert (v["sentences_a"], v["sentences_b"]) == c.n_sentences
    assert (v["articles_a"], v["articles_b"]) == c.n_articles
    assert v["direction"] == "more_negative" and v["high"] < 0
    for lang in ("en", "de"):
        check_numbers(f, lang)
        assert DIRECTION_WORDS[lang][0] in f.text(lang)
    assert "last four weeks" in f.text("en") and "letzten vier Wochen" in f.text("de")
    # The sentence names the latest weeks first, so their tone and count come first too: "0.00 →
    # 0.00 (251,714 vs 94,290 sentences)" after "the last four weeks … against the twelve before"
    # read as 251,714 sentences in the last four weeks (they were the twelve weeks').
    assert v["sentences_a"] != v["sentences_b"] and max(v["sentences_a"], v["sentences_b"]) < 1000
    assert f"({v['sentences_b']} against {v['sentences_a']} sentences" in f.text("en")
    assert f"({v['sentences_b']} gegenüber {v['sentences_a']} Sätzen" in f.text("de")
    assert f.text("en").index("in these weeks against") < f.text("en").rindex(" before (")
    # the days as each language writes them: ISO in English, day.month.year in German
    end_b = date.fromisoformat(v["end_b"])
    assert f"{v['start_b']} – {v['end_b']}" in f.text("en")
    assert f"{end_b:%d.%m.%Y}" in f.text("de") and v["end_b"] not in f.text("de")
    # the evidence: sentences of the latest weeks pulling the tone down come first
    first = corpus.sentences.set_index(["article_id", "sent_idx"]).loc[f.sentences[0], "tone"]
    assert first < -0.25 and f.article_ids[0].startswith(("w16", "w17", "w18", "w19"))


def test_no_change_in_the_latest_weeks_is_said_with_its_interval_and_no_direction():
    f = _recent(_weekly([0.05] * 20))
    assert f is not None and f.values["variant"] in ("no_clear_change", "negligible")
    assert f.values["low"] <= 0 <= f.values["high"]
    for lang in ("en", "de"):
        check_numbers(f, lang)
        assert not any(w in f.text(lang) for w in DIRECTION_WORDS[lang])


def test_a_view_of_a_few_weeks_sets_its_last_week_against_the_three_before():
    f = _recent(_weekly([0.2] * 4 + [-0.3] * 2, per_week=4))
    assert f is not None and f.values["window"] == "1w" and f.values["variant"] == "change"
    # four articles in the last week: a hint, as the Compare page says of the same periods
    assert f.caveat == "thin" and f.cautious and "Few data" in f.text("en")
    assert (date.fromisoformat(f.values["end_b"]) - date.fromisoformat(f.values["start_b"])).days == 6
    assert "last week" in f.text("en") and "three weeks before" in f.text("en")


def test_too_short_or_too_thin_a_view_says_nothing_of_its_latest_weeks():
    assert _recent(_weekly([0.1] * 3)) is None  # under four weeks of dates
    # four articles in the latest four weeks, but 20 scored sentences (< 30)
    assert _recent(_weekly([0.1] * 20, per_week=1, per_article=5)) is None
    assert _recent(_weekly([0.1] * 20, per_week=1, per_article=8)) is not None  # 32 sentences: said
    # two articles in the latest four weeks (40 sentences): fewer than 3 articles
    two = _weekly([0.1] * 20, per_article=20, keep=lambda k, j: k < 14 or (k == 19 and j < 2))
    assert _recent(two) is None


def test_the_latest_weeks_end_with_the_main_period_not_with_an_article_dated_years_ahead():
    from tonlage.findings import recent_windows

    corpus = _weekly([0.10] * 16 + [-0.25] * 4)
    dates = list(corpus.articles["date"]) + [pd.Timestamp("2031-01-01")]
    form, before, latest = recent_windows(np.array(dates, dtype="datetime64[ns]"))
    assert form == "4w" and latest.end == corpus.articles["date"].max().date()
    assert recent_windows(np.array([np.datetime64("NaT")] * 3, dtype="datetime64[ns]")) is None


def test_the_scored_sentences_of_some_rows_are_read_from_each_articles_run():
    """CorpusIndex.scored_of_rows gives in_view's sentences, in the same order, from the articles'
    runs (a few articles in view) or one pass (most of them); with an article's sentences in two
    places it falls back to in_view."""
    from tonlage.corpus_index import CorpusIndex

    corpus = _weekly([0.1] * 10)
    index = CorpusIndex(corpus)
    srow = index.scored["row"].to_numpy()
    rng = np.random.default_rng(0)
    for k in (1, 3, 4, index.n - 2, index.n):  # fewer than half in view, then most
        rows = np.zeros(index.n, bool)
        rows[rng.permutation(index.n)[:k]] = True
        assert np.array_equal(index.scored_of_rows(rows), np.flatnonzero(index.in_view(srow, rows)))
    assert len(index.scored_of_rows(np.zeros(index.n, bool))) == 0
    s = corpus.sentences
    split = pd.concat([s.iloc[:3], s.iloc[10:], s.iloc[3:10]], ignore_index=True)  # w00a0 in two places
    from dataclasses import replace

    index2 = CorpusIndex(replace(corpus, sentences=split))
    assert index2.scored_runs is None
    rows = rng.random(index2.n) < 0.5
    srow2 = index2.scored["row"].to_numpy()
    assert np.array_equal(index2.scored_of_rows(rows), np.flatnonzero(index2.in_view(srow2, rows)))


def test_the_rows_between_two_days_are_the_compare_pages_window():
    """CorpusIndex.rows_between is tonlage.compare.window_mask as a mask over the rows, also for
    dates with a time of day, undated articles and a table not in date order."""
    from tonlage.compare import window_mask
    from tonlage.corpus_index import CorpusIndex

    corpus = _weekly([0.1] * 8)
    arts = corpus.articles.copy()
    arts.loc[3, "date"] = arts.loc[3, "date"] + pd.Timedelta(hours=23)
    arts.loc[5, "date"] = pd.NaT
    from dataclasses import replace

    shuffled = replace(corpus, articles=arts.iloc[::-1].reset_index(drop=True))
    index = CorpusIndex(shuffled)
    for start, end in (
        (date(2025, 1, 6), date(2025, 1, 20)),
        (date(2025, 1, 8), date(2025, 1, 8)),
        (date(2030, 1, 1), date(2030, 2, 1)),
    ):
        w = Window(start, end, "")
        assert np.array_equal(index.rows_between(start, end), window_mask(shuffled.articles, w)), (start, end)


# --- findings without their evidence ----------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: _sourced(["Taz", "FAZ"] * 6 + ["Bild"] * 12),
        lambda: summit_corpus(standout=True),
        lambda: _weekly([0.10] * 16 + [-0.25] * 4, per_article=10),
        lambda: summit_corpus(n=3, per_article=3),  # thin: its warning comes first
    ],
)
def test_findings_made_without_their_evidence_say_the_same_and_carry_none(make):
    """view_findings(evidence=False) is the Overview's first look: the same findings, values,
    order, weights and caveats as with their evidence, only without sentences and articles
    (but for the thin-data warning's, which cost nothing)."""
    corpus = make()
    full = view_findings(corpus, ids_of(corpus), limit=20)
    light = view_findings(corpus, ids_of(corpus), limit=20, evidence=False)
    assert [(f.kind, f.values, f.weight, f.caveat, f.chart) for f in light] == [
        (f.kind, f.values, f.weight, f.caveat, f.chart) for f in full
    ]
    assert any(f.sentences for f in full) and any(f.article_ids for f in full if f.kind != "thin_data")
    for f in light:
        assert not f.sentences and (not f.article_ids or f.kind == "thin_data")
    # and the evidence is gathered again by the next call that asks for it
    assert view_findings(corpus, ids_of(corpus), limit=20) == full


def test_the_views_mean_tone_is_written_in_the_decimals_of_its_interval():
    """Over millions of sentences the interval is a few thousandths wide: "tone 0.00 on average
    (95% interval −0.003 … −0.002)" read as a mean outside its own interval. The mean is written
    in the interval's decimals; with an interval that two decimals tell apart, it keeps two."""
    narrow = Finding(
        "overall_tone",
        {
            "word": "neutral",
            "tone": -0.0024268,
            "sentences": 961,
            "articles": 101,
            "low": -0.0030,
            "high": -0.00185,
        },
        "tone_timeline",
        (),
        (),
        10.0,
    )
    assert "tone −0.002 on average" in narrow.text("en") and "(95% interval −0.003 … −0.002)" in narrow.text("en")
    assert "−0,002" in narrow.text("de")
    check_numbers(narrow, "en")
    check_numbers(narrow, "de")
    wide = Finding(
        "overall_tone",
        {"word": "neutral", "tone": -0.031, "sentences": 192, "articles": 5, "low": -0.18, "high": 0.11},
        "tone_timeline",
        (),
        (),
        10.0,
    )
    assert "tone −0.03 on average" in wide.text("en") and "(95% interval −0.18 … +0.11)" in wide.text("en")


def test_german_sentences_name_an_actor_in_quotes_whatever_its_grammar():
    """German puts an article before most institutions and some countries ("der Kreml", "die
    USA") and inflects it; a name dropped into "Sätze, die Kreml nennen" or "hat Kreml die
    niedrigste Tonlage" read as broken German. Every German sentence that names an actor
    quotes the name („Kreml“), which reads right for a person, a country and an institution."""
    from tonlage.i18n import Translator

    de = Translator("de")
    actor_keys = [k for k, v in TEMPLATES.items() if "{actor}" in v]
    assert len(actor_keys) >= 10  # the tone, its shifts and the attention of actors
    for key in actor_keys:
        written = de(TEMPLATES[key])
        assert written != TEMPLATES[key], key  # translated
        assert "{actor}" not in written.replace("„{actor}“", ""), (key, written)
        assert "hat „{actor}“" not in written and "hat {actor}" not in written, (key, written)
