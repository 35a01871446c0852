"""Tests for the sense, scope and compound rules of tonlage.tone, one failure class each.

Every sentence here is constructed for the test. Each rule is checked both ways: the sentence
it is meant for, and a control sentence where the lexicon word keeps its tone.
"""

from __future__ import annotations

import pytest

from tonlage.tone import ToneScorer
from tonlage.tone.lexicon import function_words, read_tsv, word_class
from tonlage.tone.tokens import Kind, tokenize_with_punctuation, word_tokens


@pytest.fixture(scope="module")
def rules() -> ToneScorer:
    """The rules alone (no learned layer), so the assertions are about the rules."""
    return ToneScorer(model=None).fit()


@pytest.fixture(scope="module")
def plain() -> ToneScorer:
    """The rules without the sense rules: what the lexicon alone would say."""
    return ToneScorer(model=None, use_sense_rules=False).fit()


def cues(scorer: ToneScorer, text: str) -> dict[str, float]:
    return {c.word: c.weight for c in scorer.score(text).cues}


def notes(scorer: ToneScorer, text: str) -> dict[str, str]:
    return {c.word: c.note for c in scorer.score(text).cues}


# --------------------------------------------------------------------------- tokens


def test_tokeniser_keeps_clause_punctuation_quotes_and_truncated_parts():
    toks = tokenize_with_punctuation("Er sagte: „Das ist gut“ - aber die Friedens- und Sicherheitspolitik?")
    assert toks[:4] == ["Er", "sagte", ":", "„"]
    assert "“" in toks and " - " in toks and "Friedens-" in toks and toks[-1] == "?"
    # the words are exactly those of the project's word tokeniser
    from tonlage.text import tokenize

    text = "Die US-Regierung (Washington) zahlte 3,5 Mio. Euro; „gut“, sagte er."
    assert [t for t in tokenize_with_punctuation(text) if t[0].isalnum()] == tokenize(text) == word_tokens(text)


def test_token_records_are_frozen_and_shared(rules):
    a = rules.table_["Erfolg"]
    assert a is rules.table_["Erfolg"]
    assert a.kind == Kind.TONE and a.polarity > 0 and a.pos == "NN"
    with pytest.raises(AttributeError):
        a.polarity = 0.0  # type: ignore[misc]


def test_word_lists_are_data_files():
    assert "nicht" in function_words("negator")
    assert "hinzu" in word_class("particle") and "geraten" in word_class("function_verb")
    assert "diktat" in word_class("undermine") and "bereit" in word_class("readiness")
    assert any(row[0] == "Durchbruch" for row in read_tsv("domain_lexicon.tsv"))


# --------------------------------------------------------------------------- separable verbs


def test_separated_particle_makes_another_verb(rules, plain):
    text = "Er fügte hinzu, dass die Gespräche weitergehen."
    assert "fügte" in cues(plain, text)  # the lexicon's "fügen" (+1.0) fires
    assert "fügte" not in cues(rules, text)  # "hinzufügen" has no tone
    assert ("separable", "hinzufügen") in rules.score(text).rules


def test_separated_particle_verb_takes_its_own_lexicon_polarity(rules):
    # "stimmte ... zu" is "zustimmen" (+0.7 in the lexicon), whatever "stimmen" is
    tone = rules.score("Die Regierung stimmte dem Plan am Montag zu.")
    assert tone.cues and tone.cues[0].word == "stimmte" and tone.cues[0].weight > 0
    assert "zustimmen" in tone.cues[0].note


def test_verb_without_particle_keeps_its_tone(rules):
    assert cues(rules, "Sie fügen sich.").get("fügen", 0) > 0


def test_particle_verbs_of_light_verbs_are_descriptive(rules, plain):
    for text in (
        "Er sagte, dass Russland sich zurückhält.",
        "Russland hält sich zurück.",
        "Sie wollen die Grenzen festlegen.",
        "Sie legen die Grenzen fest.",
    ):
        assert cues(rules, text) == {}, text
    assert cues(plain, "Sie wollen die Grenzen festlegen.")  # the lexicon alone scores it


# --------------------------------------------------------------------------- function verbs


@pytest.mark.parametrize("text", ["Die Verhandlungen sind ins Stocken geraten.", "Die Gespräche gerieten ins Stocken."])
def test_function_verb_construction_silences_the_verb(rules, plain, text):
    assert any(w.startswith("ger") for w in cues(plain, text))
    assert not any(w.startswith("ger") for w in cues(rules, text))
    assert any(code == "function_verb" for code, _ in rules.score(text).rules)


def test_function_verb_alone_keeps_its_lexicon_tone(rules):
    assert "geraten" in cues(rules, "Der Kuchen ist geraten.")


# --------------------------------------------------------------------------- compounds


@pytest.mark.parametrize(
    "word,head", [("Diktatfrieden", "Frieden"), ("Scheinerfolg", "Erfolg"), ("Zwangsfrieden", "Frieden")]
)
def test_undermining_first_part_turns_a_good_head_negative(rules, word, head):
    found = cues(rules, f"Am Ende stand ein {word}.")
    assert found[word] < 0
    assert head in notes(rules, f"Am Ende stand ein {word}.")[word]
    assert cues(rules, f"Am Ende stand ein {head}.")[head] > 0  # the head alone is good


def test_undermining_first_part_neutralises_a_bad_head(rules):
    assert "Scheinproblem" not in cues(rules, "Das ist ein Scheinproblem.")
    assert cues(rules, "Das ist ein Problem.")


def test_anti_compound_does_not_carry_the_heads_tone(rules, plain):
    assert cues(plain, "Die Anti-Korruption wirkt.")
    assert "Anti-Korruption" not in cues(rules, "Die Anti-Korruption wirkt.")


def test_ordinary_compound_still_uses_its_head(rules):
    assert cues(rules, "Die Wirtschaftskrise trifft das Land.")["Wirtschaftskrise"] < 0


# --------------------------------------------------------------------------- other senses


def test_temporal_adjective_is_not_the_verb_vergehen(rules, plain):
    assert cues(plain, "Das geschah vergangene Woche.")
    assert cues(rules, "Das geschah vergangene Woche.") == {}


def test_focus_adverb_before_a_determiner_means_only(rules):
    assert cues(rules, "Allein die Tatsache, dass er kam, zählt.") == {}
    assert ("focus_adverb", "Allein") in rules.score("Allein die Tatsache, dass er kam, zählt.").rules
    # "allein" at the end of a clause keeps its lexicon sense (lonely)
    assert cues(rules, "Er fühlt sich allein.")["allein"] < 0


# --------------------------------------------------------------------------- negation scope


def test_negated_readiness_reaches_over_the_infinitive(rules):
    text = "Moskau ist nicht bereit, die Sicherheit der Ukraine zu garantieren."
    tone = rules.score(text)
    assert tone.score < 0
    assert all(c.weight < 0 for c in tone.cues)
    assert "bereit" in notes(rules, text)["Sicherheit"]


def test_unnegated_readiness_keeps_the_infinitive_positive(rules):
    assert rules.score("Moskau ist bereit, die Sicherheit der Ukraine zu garantieren.").score > 0


def test_nicht_in_der_lage_and_refusal_verbs(rules):
    assert rules.score("Die Regierung war nicht in der Lage, den Erfolg zu sichern.").score < 0
    tone = rules.score("Er weigert sich, den Frieden zu unterstützen.")
    assert cues(rules, "Er weigert sich, den Frieden zu unterstützen.")["Frieden"] < 0
    assert ("refusal_scope", "weigert") in tone.rules


def test_extended_scope_ends_with_the_infinitive(rules):
    text = "Er ist nicht bereit, den Plan zu unterstützen, der Erfolg bleibt aber gut."
    found = cues(rules, text)
    assert found["unterstützen"] < 0 and found["gut"] > 0


# --------------------------------------------------------------------------- truncation


def test_hyphen_truncated_first_part_has_no_tone(rules):
    assert "Friedens-" not in cues(rules, "Die Friedens- und Sicherheitspolitik wird beraten.")
    assert rules.table_["Friedens-"].kind != Kind.TONE


def test_unknown_fragment_at_an_excerpts_cut_is_dropped(rules):
    # A fragment the lexicon happens to match through the lemmatiser is dropped only when it
    # is unknown and sits where the excerpt was cut (no closing punctuation, or before "…").
    tok = rules.table_["Erfolg"]
    assert tok.known
    from dataclasses import replace

    from tonlage.tone.rules import run_rules

    fake = replace(tok, text="Erfol", known=False)
    end = rules.table_["."]
    cut = run_rules([rules.table_["Der"], fake], rules.lexicon_)
    closed = run_rules([rules.table_["Der"], fake, end], rules.lexicon_)
    assert cut.active[1] is False and ("truncated", "Erfol") in cut.events
    assert closed.active[1] is True


# --------------------------------------------------------------------------- old rules still hold


def test_old_failure_classes_from_news(rules):
    assert rules.score("Das war kein Erfolg.").score < 0
    assert rules.score("Das war zwar gut gemeint, aber katastrophal.").score < 0
    assert "leicht" not in cues(rules, "Er wurde leicht verletzt.")
