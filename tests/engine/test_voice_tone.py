"""Tone by voice: author vs quoted voices per article and period, and what an actor says vs how the
actor is talked about; on hand-made tables and end to end through the pipeline."""

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from tonlage.analysis.pipeline import analyse_folder
from tonlage.model import SENTENCE_COLUMNS, VOICES, AnalysedCorpus
from tonlage.voice_tone import (
    ACTOR_VOICE_COLUMNS,
    VOICE_TONE_COLUMNS,
    actor_voices,
    voice_tone_by_article,
    voice_tone_by_period,
)
from tonlage.voices.finder import opens_with_framed_quote

NAN = float("nan")


def corpus_from(sentences, mentions, dates) -> AnalysedCorpus:
    s = pd.DataFrame(sentences, columns=["article_id", "sent_idx", "tone", "voice", "speaker_actor", "quote_kind"])
    m = pd.DataFrame(mentions, columns=["article_id", "sent_idx", "actor"])
    a = pd.DataFrame({"article_id": list(dates), "date": pd.to_datetime(list(dates.values()))})
    aa = pd.DataFrame({"article_id": ["a1"], "actor": ["Putin"], "kind": ["person"]})
    empty = pd.DataFrame()
    return AnalysedCorpus(
        articles=a,
        sentences=s,
        themes=empty,
        article_themes=empty,
        mentions=m,
        actor_articles=aa,
        events=empty,
        skipped=empty,
    )


@pytest.fixture
def small():
    sentences = [
        ("a1", 0, -0.5, "author", "", ""),  # the author on Putin
        ("a1", 1, 0.8, "quoted", "Putin", "direct"),  # Putin speaks (named by a pronoun: no mention)
        ("a1", 2, -1.0, "quoted", "", "direct"),  # someone else's quote about Putin
        ("a1", 3, NAN, "author", "", ""),  # not scored: counts nowhere
        ("a1", 4, 0.9, "author", "Putin", "direct"),  # a few words of Putin's inside the author's sentence
        ("a2", 0, 0.2, "author", "", ""),
        ("a2", 1, 0.3, "not analysed", "", ""),  # another language: counts nowhere
        ("a3", 0, 0.4, "quoted", "", "reported"),  # undated article
    ]
    mentions = [("a1", 0, "Putin"), ("a1", 2, "Putin"), ("a1", 4, "Putin"), ("a1", 4, "Putin")]
    return corpus_from(sentences, mentions, {"a1": "2025-01-10", "a2": "2025-02-03", "a3": None})


def test_author_and_quoted_tone_per_article(small):
    t = voice_tone_by_article(small).set_index("article_id")
    assert list(t.columns) == list(VOICE_TONE_COLUMNS)
    a1 = t.loc["a1"]
    assert (a1.n_author, a1.n_quoted) == (2, 2)
    assert math.isclose(a1.tone_author, 0.2) and math.isclose(a1.tone_quoted, -0.1)
    assert math.isclose(a1.share_quoted, 0.5) and math.isclose(a1.tone_gap, -0.3)
    a2 = t.loc["a2"]
    assert (a2.n_author, a2.n_quoted, a2.share_quoted) == (1, 0, 0.0)
    assert math.isnan(a2.tone_quoted) and math.isnan(a2.tone_gap)
    assert t.loc["a3"].n_quoted == 1
    only_a2 = voice_tone_by_article(small, article_ids=["a2"])
    assert only_a2["article_id"].tolist() == ["a2"]


def test_author_and_quoted_tone_per_month_leaves_undated_articles_out(small):
    t = voice_tone_by_period(small, freq="M")
    assert t["label"].tolist() == ["2025-01", "2025-02"]
    assert t["period"].tolist() == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-02-01")]
    assert t["n_articles"].tolist() == [1, 1]
    assert t["n_quoted"].tolist() == [2, 0]
    assert math.isclose(t["tone_author"][0], 0.2)


def test_what_an_actor_says_and_how_the_actor_is_talked_about(small):
    t = actor_voices(small).set_index("actor")
    assert list(actor_voices(small).columns) == list(ACTOR_VOICE_COLUMNS)
    putin = t.loc["Putin"]
    assert (putin.n_says, putin.articles_says) == (1, 1) and math.isclose(putin.tone_says, 0.8)
    # about: the author's sentence and the other speaker's quote; Putin's own words are left out
    assert (putin.n_about, putin.articles_about) == (2, 1) and math.isclose(putin.tone_about, -0.75)
    assert putin.thin_says and putin.thin_about and putin.kind == "person"
    loose = actor_voices(small, min_sentences=1).set_index("actor").loc["Putin"]
    assert not loose.thin_says and not loose.thin_about
    assert actor_voices(small, article_ids=["a2"]).empty


def test_an_analysis_without_voice_columns_is_refused():
    bare = corpus_from([("a1", 0, 0.1, "author", "", "")], [], {"a1": "2025-01-01"})
    bare.sentences = bare.sentences.drop(columns=["voice"])
    with pytest.raises(ValueError):
        voice_tone_by_article(bare)


ARTICLE = (
    "Gipfel in Genf | Redaktion. 14.03.2025.\n\n"
    "Wladimir Putin traf am Freitag die Delegation in Genf. Die Gespräche verliefen zäh. "
    "„Wir lassen uns nicht erpressen, die Sanktionen sind ein Verbrechen“, sagte der Kremlchef. "
    "Er betonte, Russland sei zu Gesprächen bereit. "
    "Die Außenministerin Anna Berg nannte Putins Auftritt eine Farce. "
    "„Putin hat kein Interesse an Frieden“, sagte Berg.\n"
)
ENGLISH = (
    "Summit | Desk. 15.03.2025.\n\n"
    'The talks in Geneva brought no success at all. "We will not give in", the minister said.\n'
)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("voices")
    (folder / "gipfel.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "summit.txt").write_text(ENGLISH, encoding="utf-8")
    return analyse_folder(folder, today=date(2026, 1, 1))


def test_pipeline_adds_the_voice_columns_and_keeps_the_old_ones(analysed):
    s = analysed.sentences
    assert tuple(s.columns) == SENTENCE_COLUMNS
    assert {"tone", "tone_label", "evidence", "text"} <= set(s.columns)
    de = s[s["article_id"] == "gipfel"]
    assert set(de["voice"]) <= set(VOICES) and (de["voice"] == "quoted").sum() >= 3
    assert set(s[s["article_id"] == "summit"]["voice"]) == {"not analysed"}
    for row in de.itertuples():
        for a, b in row.quote_spans:
            assert 0 <= a < b <= len(row.text)
        assert 0.0 <= row.quote_share <= 1.0
        first = min(row.quote_spans, default=None)
        framed = first is not None and opens_with_framed_quote(row.text, 0, len(row.text), *first)
        assert (row.voice == "quoted") == (row.quote_share >= 0.5 or framed)


def test_pipeline_speakers_a_quote_naming_putin_is_not_putins(analysed):
    de = analysed.sentences[analysed.sentences["article_id"] == "gipfel"]
    by_text = {row.text: row for row in de.itertuples()}
    kremlin = next(r for t, r in by_text.items() if "erpressen" in t)
    assert kremlin.speaker_actor == "Putin" and kremlin.speaker == "Wladimir Putin"
    reported = next(r for t, r in by_text.items() if "bereit" in t)
    assert reported.speaker_actor == "Putin" and reported.quote_kind == "reported"
    berg = next(r for t, r in by_text.items() if "kein Interesse" in t)
    assert berg.speaker == "Anna Berg" and berg.speaker_actor == ""


def test_pipeline_actor_voices_end_to_end(analysed):
    t = actor_voices(analysed).set_index("actor")
    putin = t.loc["Putin"]
    assert putin.n_says == 2  # the quote and the reported sentence, named by role and pronoun
    # named by others: the first sentence, the minister's sentence and Berg's quote about him
    assert putin.n_about == 3
    art = voice_tone_by_article(analysed).set_index("article_id")
    assert art.loc["gipfel"].n_quoted >= 3 and "summit" not in art.index
    assert np.isfinite(art.loc["gipfel"].tone_gap)


def test_each_voice_s_monthly_tone_has_its_interval_over_the_month_s_articles():
    """A month's tone of the author's (or the quoted) sentences carries the 95 % interval of
    mean_interval over the articles with sentences in that voice; none for a month where only
    one article has them."""
    from tonlage.intervals import mean_interval

    rng = np.random.default_rng(2)
    rows, dates = [], {}
    for a in range(9):
        aid = f"a{a}"
        dates[aid] = "2025-01-10" if a < 8 else "2025-02-03"  # February: one article
        for i in range(int(rng.integers(2, 7))):
            rows.append((aid, i, float(rng.uniform(-1, 1)), "quoted" if i % 3 == 0 else "author", None, None))
    c = corpus_from(rows, [], dates)
    t = voice_tone_by_period(c, freq="M").set_index("label")
    s = pd.DataFrame(rows, columns=["article_id", "sent_idx", "tone", "voice", "speaker_actor", "quote_kind"])
    for voice in ("author", "quoted"):
        jan = s[(s["voice"] == voice) & (s["article_id"] != "a8")].groupby("article_id")["tone"].agg(["sum", "size"])
        want = mean_interval(jan["sum"].to_numpy(), jan["size"].to_numpy())
        got = (t.loc["2025-01", f"low_{voice}"], t.loc["2025-01", f"high_{voice}"])
        assert got == pytest.approx(want, abs=1e-12)
        assert math.isnan(t.loc["2025-02", f"low_{voice}"])
