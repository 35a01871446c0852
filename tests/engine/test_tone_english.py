"""Tests for tonlage.tone.english: English sentence tone from the VADER lexicon inside its package."""

from __future__ import annotations

import socket

import pytest

from tonlage.tone.english import EnglishToneScorer

LABELS = {"negative", "neutral", "positive"}


@pytest.fixture(scope="module")
def scorer() -> EnglishToneScorer:
    return EnglishToneScorer().fit()


@pytest.mark.parametrize(
    "sentence",
    [
        "The peace talks were a great success and both sides welcomed the agreement.",
        "Investors were delighted by the strong results.",
        "The new hospital is a wonderful gift to the city.",
    ],
)
def test_positive(scorer, sentence):
    score, label, _ = scorer.score_sentence(sentence)
    assert label == "positive" and score >= 0.05


@pytest.mark.parametrize(
    "sentence",
    [
        "The earthquake killed dozens of people and destroyed hundreds of homes.",
        "Critics called the plan a disaster and a terrible waste of money.",
        "The minister resigned after the corruption scandal.",
    ],
)
def test_negative(scorer, sentence):
    score, label, _ = scorer.score_sentence(sentence)
    assert label == "negative" and score <= -0.05


@pytest.mark.parametrize(
    "sentence",
    [
        "The committee meets on Tuesday in Brussels.",
        "The report has 40 pages and three appendices.",
        "",
    ],
)
def test_neutral_without_cues(scorer, sentence):
    assert scorer.score_sentence(sentence) == (0.0, "neutral", "")


def test_score_is_vader_compound(scorer):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    sentences = [
        "The plot was good, but the characters are uncompelling and the dialog is not great.",
        "It was NOT a bad result at all!!",
        "At least it isn't a horrible book.",
        "No problems were reported 😀",
        "The food here is kind of good, very tasty.",
        "He was never so happy.",
    ]
    for sentence in sentences:
        assert scorer.score_sentence(sentence)[0] == vader.polarity_scores(sentence)["compound"]


def test_negation(scorer):
    good, label_good, _ = scorer.score_sentence("The result was good.")
    score, label, explanation = scorer.score_sentence("The result was not good.")
    assert label_good == "positive" and label == "negative"
    assert score < 0 < good
    assert explanation.startswith("good \u2212") and "(negated by 'not')" in explanation
    # A contraction negates too.
    assert scorer.score_sentence("The plan isn't bad.")[1] == "positive"


def test_explanation_lists_cue_words(scorer):
    _, _, explanation = scorer.score_sentence("The summit was a failure, but the ceasefire is a hopeful sign.")
    parts = explanation.split(" · ")
    assert [p.split()[0] for p in parts] == ["failure", "hopeful"]
    assert parts[0].startswith("failure \u2212")  # typographic minus, as in German
    assert parts[1].startswith("hopeful +")
    for part in parts:
        weight = float(part.split()[1].replace("\u2212", "-"))
        assert -1.0 <= weight <= 1.0


def test_explanation_keeps_the_strongest_six_in_sentence_order(scorer):
    sentence = (
        "Good news: wages rose, workers were happy, hopeful, confident, proud, optimistic, "
        "cheerful and excited, although some were worried."
    )
    _, label, explanation = scorer.score_sentence(sentence)
    words = [p.split()[0] for p in explanation.split(" · ")]
    assert label == "positive" and len(words) == 6
    text_positions = [sentence.index(w) for w in words]
    assert text_positions == sorted(text_positions)


def test_labels_follow_the_neutral_band():
    wide = EnglishToneScorer(neutral_band=0.9).fit()
    score, label, _ = wide.score_sentence("The result was good.")
    assert 0.05 < score < 0.9 and label == "neutral"


def test_deterministic(scorer):
    sentence = "The talks collapsed, but negotiators remain hopeful about a deal."
    first = scorer.score_sentence(sentence)
    assert all(scorer.score_sentence(sentence) == first for _ in range(3))
    assert EnglishToneScorer().fit().score_sentence(sentence) == first
    assert first[1] in LABELS


def test_unfitted_scorer_raises():
    with pytest.raises(RuntimeError):
        EnglishToneScorer().score_sentence("Fine.")


def test_fit_reads_only_local_files(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    scorer = EnglishToneScorer().fit()
    assert scorer.score_sentence("What a great day.")[1] == "positive"
