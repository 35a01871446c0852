"""Theme model: readable labels, shares, determinism, small and degenerate corpora."""

import numpy as np

from tonlage.themes import (ThemeModel, content_terms, default_n_themes, merge_phrases,
                            readable_label, sentence_features)


def doc(*sentences: str) -> list[str]:
    return [f for s in sentences for f in sentence_features(content_terms(s.split(), frozenset({"und"})))]


SPORT = doc("Fußball Tor Stadion Trainer", "Tor Fußball Liga Trainer Stadion")
WAR = doc("Krieg Front Waffenruhe Soldat", "Front Krieg Waffenruhe Panzer")
DOCS = [SPORT, WAR, SPORT[::-1], WAR[::-1]]


def test_two_clear_topics_are_separated():
    model = ThemeModel(2, random_state=0).fit(DOCS)
    top = model.shares_.argmax(axis=1)
    assert top[0] == top[2] and top[1] == top[3] and top[0] != top[1]
    assert np.allclose(model.shares_.sum(axis=1), 1.0)
    labels = set(model.labels_)
    assert any("Krieg" in label or "Front" in label for label in labels)
    assert any("Fußball" in label or "Tor" in label for label in labels)


def test_same_input_same_themes():
    a, b = ThemeModel(2, random_state=0).fit(DOCS), ThemeModel(2, random_state=0).fit(DOCS)
    assert a.labels_ == b.labels_ and np.array_equal(a.shares_, b.shares_)


def test_theme_zero_is_the_largest():
    model = ThemeModel(2, random_state=0).fit([SPORT, SPORT[::-1], SPORT, WAR])
    weights = model.shares_.sum(axis=0)
    assert weights[0] >= weights[1]


def test_bigrams_only_join_neighbours():
    # "und" is dropped and leaves a gap: no "Fußball Krieg" bigram across it.
    model = ThemeModel(1).fit([doc("Fußball und Krieg"), doc("Fußball Krieg")])
    vocab = set(model.vocabulary_)
    assert "Fußball Krieg" in vocab
    model = ThemeModel(1).fit([doc("Fußball und Krieg"), doc("Krieg und Fußball")])
    assert not any(" " in t for t in model.vocabulary_)


def test_lowercase_lemmas_are_not_theme_terms():
    assert content_terms(["Krieg", "scheitern", "gut", "und", "X"], frozenset({"und"})) == [
        "Krieg", None, None, None, None]


def test_multiword_names_merge():
    phrases = {("Vereinigte", "Staat"): "USA", ("Marco", "Rubio"): "Rubio"}
    assert merge_phrases(["Marco", "Rubio", "und", "Vereinigte", "Staat"], phrases) == ["Rubio", "und", "USA"]


def test_labels_skip_terms_contained_in_chosen_ones():
    assert readable_label(["Gipfel", "Gipfel Anchorage", "Anchorage", "Weltordnung"]) == "Gipfel · Anchorage · Weltordnung"


def test_default_number_of_themes_grows_with_corpus_size():
    sizes = [default_n_themes(n) for n in (1, 3, 5, 100, 1_000, 100_000)]
    assert sizes[0] == 1 and sizes[1] == 2 and sizes[2] == 3
    assert sizes == sorted(sizes) and sizes[-1] <= 25


def test_empty_vocabulary_gives_no_themes_not_an_error():
    model = ThemeModel(3).fit([doc("und und"), doc("und")])
    assert model.n_themes_ == 0 and model.shares_.shape == (2, 0)


def test_more_themes_than_documents_is_capped():
    model = ThemeModel(10).fit(DOCS[:2])
    assert model.n_themes_ <= 2


def test_rename_merges_features_before_weighting():
    docs = [["Trumps", "Plan", "Trumps Plan"], ["Trump", "Plan", "Trump Plan"], ["Krieg", "Front"]]
    model = ThemeModel(2).fit(docs, rename=lambda names: [n.replace("Trumps", "Trump") for n in names])
    assert "Trumps" not in set(model.vocabulary_) and "Trump Plan" in set(model.vocabulary_)
    assert model.shares_[0].argmax() == model.shares_[1].argmax()


def test_rename_to_none_drops_a_feature():
    docs = [["A", "B", "A B"], ["A", "B"]]
    model = ThemeModel(1).fit(docs, rename=lambda names: [None if " " in n else n for n in names])
    assert list(model.vocabulary_) == ["A", "B"]
