"""Tests for the learned layer of tonlage.tone: the shipped coefficients, fitting, explanations,
and the tone towards a target. Training data here is constructed in the test."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from tonlage.tone import SentenceTone, ToneModel, ToneScorer, default_model, tone_towards
from tonlage.tone.features import ALL_GATES, SHIPPED_SENTENCE_GATES, TARGET_GATES
from tonlage.tone.model import MODEL_PATH, SignedLayer
from tonlage.tone.training import fit_band, fit_tone_model, learn_news_neutral, macro_f1, md5_folds


@pytest.fixture(scope="module")
def shipped() -> ToneScorer:
    return ToneScorer().fit()


# --------------------------------------------------------------------------- the shipped file


def test_shipped_model_is_readable_json_with_its_provenance():
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert raw["sentence"]["features"] == list(SHIPPED_SENTENCE_GATES)
    assert len(raw["sentence"]["coef"]) == len(raw["sentence"]["features"])
    assert 0 < raw["sentence"]["band"] < 1
    assert raw["target"]["features"][-len(TARGET_GATES) :] == list(TARGET_GATES)
    assert raw["meta"]["script"] == "bench/train_tone_model.py" and raw["meta"]["random_state"] == 0
    model = default_model()
    assert isinstance(model, ToneModel)
    assert ToneModel.from_json(model.to_json()).to_json() == model.to_json()


def test_unknown_gate_names_are_refused():
    with pytest.raises(ValueError, match="unknown gates"):
        SignedLayer(features=["adjective", "sarcasm"], coef=[1.0, 1.0], band=0.5)


# --------------------------------------------------------------------------- explanations add up


@pytest.mark.parametrize(
    "text",
    [
        "Das war ein großer Erfolg, aber die Lage bleibt äußerst gefährlich.",
        "Die Einigung ist kein Durchbruch.",
        "Er lobte den guten Plan.",
    ],
)
def test_cue_contributions_add_up_to_the_score(shipped, text):
    tone = shipped.score(text)
    margin = sum(c.weight for c in tone.cues)
    assert tone.score == pytest.approx(margin / math.sqrt(margin * margin + 1))
    assert tone.label == shipped.label(tone.score)
    for cue in tone.cues:  # each contribution is its rule weight times a learned factor
        assert cue.rule_weight is not None and (cue.weight == 0 or cue.weight * cue.rule_weight > 0)


def test_learned_factors_follow_the_part_of_speech(shipped):
    layer = shipped.model_.sentence
    factors = dict(zip(layer.features, layer.coef))
    tone = shipped.score("Der gute Erfolg.")
    by_word = {c.word: c for c in tone.cues}
    assert by_word["gute"].weight == pytest.approx(by_word["gute"].rule_weight * factors["adjective"])
    assert by_word["Erfolg"].weight == pytest.approx(by_word["Erfolg"].rule_weight * factors["noun"])


def test_a_custom_model_changes_the_weights_not_the_rules():
    nouns_off = ToneModel(sentence=SignedLayer(["adjective", "noun", "verb", "other"], [1.0, 0.0, 1.0, 1.0], 0.1))
    scorer = ToneScorer(model=nouns_off).fit()
    tone = scorer.score("Das war ein Erfolg.")
    assert [c.word for c in tone.cues] == ["Erfolg"] and tone.cues[0].weight == 0.0
    assert tone.score == 0.0 and tone.label == "neutral"
    assert scorer.score("Das war gut.").label == "positive"


# --------------------------------------------------------------------------- fitting


POS = [
    "Das Ergebnis ist gut.",
    "Ein großartiger Erfolg für alle.",
    "Die Lösung ist hervorragend.",
    "Sie lobten den klugen Plan.",
    "Ein schöner Sieg.",
    "Der Plan ist sehr gut.",
]
NEG = [
    "Das Ergebnis ist schlecht.",
    "Ein katastrophales Fiasko.",
    "Die Lage ist gefährlich.",
    "Sie kritisierten den dummen Plan.",
    "Eine bittere Niederlage.",
    "Der Plan ist sehr schlecht.",
]
NEU = [
    "Der Zug fährt um acht Uhr ab.",
    "Die Sitzung beginnt am Montag.",
    "Er wohnt in Berlin.",
    "Der Bericht hat zwölf Seiten.",
    "Die Wahl findet im Mai statt.",
    "Das Treffen ist in Wien.",
]


def test_fitting_is_deterministic_and_learns_the_direction():
    texts = POS + NEG + NEU
    labels = ["positive"] * 6 + ["negative"] * 6 + ["neutral"] * 6
    a = fit_tone_model(texts, labels, random_state=0)
    b = fit_tone_model(texts, labels, random_state=0)
    assert a.to_json() == b.to_json()
    assert all(c > 0 for c in a.sentence.coef[:3])  # adjective, noun, verb weights point the right way
    scorer = ToneScorer(model=a).fit()
    assert scorer.score("Ein guter Plan.").score > 0 > scorer.score("Ein schlechter Plan.").score
    assert scorer.score("Er wohnt in Wien.").label == "neutral"


def test_fitting_a_target_layer():
    texts = [
        "Berlin lobte den guten Plan, Moskau schwieg.",
        "Moskau kritisierte den schlechten Plan, Berlin schwieg.",
    ] * 4
    labels = ["positive", "negative"] * 4
    spans = [(0, 6), (0, 6)] * 4
    model = fit_tone_model(texts, labels, spans=spans)
    assert model.target is not None and model.target.features[-3:] == list(TARGET_GATES)
    assert all(f in ALL_GATES for f in model.target.features)


def test_band_and_metric_helpers():
    y = np.array([0, 1, 2, 1])
    assert macro_f1(y, y) == 1.0
    scores = np.array([-0.9, 0.1, 0.8, -0.2])
    assert fit_band(scores, y) == 0.21  # the smallest band that separates them
    folds = md5_folds(["a", "b", "c", "a"], 5)
    assert folds[0] == folds[3] and set(folds) <= set(range(5))
    assert not np.array_equal(
        md5_folds([f"x{i}" for i in range(50)], 5), md5_folds([f"x{i}" for i in range(50)], 5, offset=4)
    )


def test_news_neutral_words_are_those_that_never_predict_their_label():
    # "Spannung" (+) sits in 12 neutral sentences; "Erfolg" (+) in 12 positive ones
    rows = [([], [("Spannung", 1)]) for _ in range(12)] + [([], [("Erfolg", 1)]) for _ in range(12)]
    y = np.array([1] * 12 + [2] * 12)
    assert learn_news_neutral(rows, y) == ["Spannung"]
    assert learn_news_neutral(rows[:2] + rows[12:], np.array([1, 1] + [2] * 12)) == []  # too rare to judge


# --------------------------------------------------------------------------- tone towards a target


def test_tone_towards_uses_the_targets_clause(shipped):
    text = "Berlin lobte den hervorragenden Plan, doch Moskau kritisierte ihn scharf."
    berlin = shipped.tone_towards(text, (0, 6))
    moskau = shipped.tone_towards(text, (43, 49))
    assert isinstance(berlin, SentenceTone)
    assert berlin.score > moskau.score
    assert [c.word for c in berlin.cues] == [c.word for c in moskau.cues]  # same evidence, other weights
    assert tone_towards(text, (0, 6)) == berlin  # the module-level function uses the shipped model


def test_tone_towards_without_tone_words_or_outside_the_text(shipped):
    assert shipped.tone_towards("Berlin liegt an der Spree.", (0, 6)).score == 0.0
    tone = shipped.tone_towards("Ein großer Erfolg.", (100, 120))  # no token there: nearest one
    assert -1 <= tone.score <= 1


def test_tone_towards_falls_back_to_the_sentence_without_a_target_layer():
    scorer = ToneScorer(model=None).fit()
    text = "Das war ein Fiasko für Berlin."
    assert scorer.tone_towards(text, (23, 29)) == scorer.score(text)
