"""Theme model: readable labels, shares, determinism, small and degenerate corpora."""

import numpy as np
import pytest

from tonlage.themes.labels import class_tfidf, readable_label
from tonlage.themes.model import UNSTABLE_BELOW, ThemeModel
from tonlage.themes.terms import (
    content_terms,
    credit_markers,
    default_n_themes,
    german_stopwords,
    is_credit_line,
    merge_phrases,
    sentence_features,
    theme_stopwords,
)


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


def test_themes_are_numbered_by_their_share_of_the_text():
    # Articles of different lengths around six word groups: ordered by the raw factor weights,
    # a third of such corpora had a theme with a larger share of the text after a smaller one.
    rng = np.random.default_rng(0)
    words = [f"Wort{i}" for i in range(60)]
    for _ in range(12):
        docs = []
        for _ in range(40):
            centre = int(rng.integers(0, 6)) * 10
            n = int(rng.integers(3, 40))
            docs.append(doc(" ".join(words[(centre + int(abs(rng.normal(0, 4)))) % 60] for _ in range(n))))
        shares = ThemeModel(6, random_state=0).fit(docs).shares_.sum(axis=0)
        assert (np.diff(shares) <= 1e-9).all(), shares


def test_bigrams_only_join_neighbours():
    # "und" is dropped and leaves a gap: no "Fußball Krieg" bigram across it.
    model = ThemeModel(1).fit([doc("Fußball und Krieg"), doc("Fußball Krieg")])
    vocab = set(model.vocabulary_)
    assert "Fußball Krieg" in vocab
    model = ThemeModel(1).fit([doc("Fußball und Krieg"), doc("Krieg und Fußball")])
    assert not any(" " in t for t in model.vocabulary_)


def test_lowercase_lemmas_are_not_theme_terms():
    assert content_terms(["Krieg", "scheitern", "gut", "und", "X"], frozenset({"und"})) == [
        "Krieg",
        None,
        None,
        None,
        None,
    ]


def test_multiword_names_merge():
    phrases = {("Vereinigte", "Staat"): "USA", ("Marco", "Rubio"): "Rubio"}
    assert merge_phrases(["Marco", "Rubio", "und", "Vereinigte", "Staat"], phrases) == ["Rubio", "und", "USA"]


def test_labels_skip_terms_contained_in_chosen_ones():
    assert (
        readable_label(["Gipfel", "Gipfel Anchorage", "Anchorage", "Weltordnung"]) == "Gipfel · Anchorage · Weltordnung"
    )


def test_a_label_names_a_fixed_phrase_whole():
    # Weights of a theme of the gnad-dev articles: "York" stands only in "New York".
    terms, weights = ["New", "New York", "York", "Dollar", "Kilometer"], [0.0525, 0.0292, 0.0292, 0.0284, 0.0266]
    assert readable_label(terms) == "New · York · Dollar"  # without weights, as before
    assert readable_label(terms, weights=weights) == "New York · Dollar · Kilometer"
    # Of the web pages: "Friedrich" is (nearly) only Merz's first name, "Merz" stands alone too.
    terms = ["SPD", "Merz", "Friedrich", "Union", "Friedrich Merz", "Bundestag"]
    weights = [0.083, 0.079, 0.061, 0.060, 0.060, 0.057]
    assert readable_label(terms, weights=weights) == "SPD · Friedrich Merz · Union"
    # A two-word term whose words both stand apart far more often is no fixed phrase.
    terms, weights = ["Gipfel", "Anchorage", "Weltordnung", "Gipfel Anchorage"], [0.09, 0.08, 0.05, 0.03]
    assert readable_label(terms, weights=weights) == "Gipfel · Anchorage · Weltordnung"


def test_a_themes_word_list_leaves_out_a_word_that_stands_only_in_a_phrase_it_lists():
    from tonlage.themes.labels import shown_terms

    terms, weights = ["New", "New York", "York", "Dollar", "Kilometer"], [0.0525, 0.0292, 0.0292, 0.0284, 0.0266]
    # "York" stands only in "New York"; "New" weighs more than the term (it stands elsewhere too)
    assert shown_terms(terms, weights) == (["New", "New York", "Dollar", "Kilometer"], [0.0525, 0.0292, 0.0284, 0.0266])
    terms, weights = ["Red", "Bull", "Red Bull", "Salzburg"], [0.05, 0.048, 0.045, 0.04]
    assert shown_terms(terms, weights)[0] == ["Red Bull", "Salzburg"]
    # both words far more often apart: no fixed phrase, nothing left out
    terms, weights = ["Gipfel", "Anchorage", "Weltordnung", "Gipfel Anchorage"], [0.09, 0.08, 0.05, 0.03]
    assert shown_terms(terms, weights) == (terms, weights)
    assert shown_terms(("New", "New York", "York"), ()) == (["New", "New York", "York"], [])  # no weights kept


def test_labels_with_the_same_words_in_another_order_are_told_apart():
    from tonlage.themes.labels import dedupe_labels

    got = dedupe_labels(
        ["Land · Österreich · Wien", "Wien · Österreich · Land", "Euro · Million · Wien", "Land · Österreich · Wien"],
        [
            ("Land", "Österreich", "Wien", "STANDARD"),
            ("Wien", "Österreich", "Land", "Wiens", "Euro"),  # "Wiens" repeats "Wien": skipped
            ("Euro", "Million", "Wien"),
            ("Land", "Österreich", "Wien"),  # nothing left to add: numbered
        ],
    )
    assert got == [
        "Land · Österreich · Wien",
        "Wien · Österreich · Land · Euro",
        "Euro · Million · Wien",
        "Land · Österreich · Wien · 2",
    ]


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


def test_the_theme_step_folds_genitives_and_short_acronyms_written_small():
    """ "#csu" in a post is lemmatised "Csu" beside "CSU": one term, the acronym's. A longer word
    in capitals is more often shouted ("GELD") than an acronym: left apart, as is "Csu" where the
    corpus has no "CSU"."""
    from tonlage.actors import ActorMatcher
    from tonlage.analysis.theme_step import _feature_renamer

    rename = _feature_renamer(ActorMatcher([]).fit())
    names = ["CSU", "Csu", "CDU Csu", "Geld", "GELD", "Trump", "Trumps", "Trumps Plan", "Trump Trumps", "Spd"]
    assert rename(names) == ["CSU", "CSU", "CDU CSU", "Geld", "GELD", "Trump", "Trump", "Trump Plan", None, "Spd"]
    # a genitive of the acronym written small folds through to the capitals
    assert rename(["CSU", "Csu", "Csus Plan"]) == ["CSU", "CSU", "CSU Plan"]
    # A longer one where the actor list gives both spellings of one actor ("NATO|Nato"); not
    # where they are two actors' or none's.
    from tonlage.actors import Actor

    listed = ActorMatcher(
        [
            Actor("NATO", "institution", ("NATO", "Nato")),
            Actor("Bild", "media", ("Bild",)),
            Actor("BILD", "x", ("BILD",)),
        ]
    ).fit()
    rename = _feature_renamer(listed)
    names = ["NATO", "Nato", "Nato Gipfel", "Bild", "BILD", "Geld", "GELD"]
    assert rename(names) == ["NATO", "NATO", "NATO Gipfel", "Bild", "BILD", "Geld", "GELD"]


def test_rename_to_none_drops_a_feature():
    docs = [["A", "B", "A B"], ["A", "B"]]
    model = ThemeModel(1).fit(docs, rename=lambda names: [None if " " in n else n for n in names])
    assert list(model.vocabulary_) == ["A", "B"]


# --- furniture, labels, stability ---------------------------------------------------------------


def test_furniture_and_agency_words_are_theme_stopwords():
    words = theme_stopwords()
    for w in (
        "dpa",
        "afp",
        "reuters",
        "apa",
        "imago",
        "foto",
        "agenturmeldung",
        "volltext",
        "nachrichtenagentur",
        "artikel",
        "lesezeit",
        "kommentar",
        "montag",
        "jänner",
    ):
        assert w in words, w
    # Nouns that are subjects in their own right stay (IS, IT, Datenschutz, Galerie).
    for w in ("is", "it", "datenschutz", "galerie", "krieg"):
        assert w not in words, w
    lemmas = ["Foto", "Imago", "Agenturmeldung", "Volltext", "Krieg", "Montag", "Reuters"]
    assert content_terms(lemmas, german_stopwords()) == [None, None, None, None, "Krieg", None, None]


def test_short_credit_lines_add_no_terms():
    markers = credit_markers()
    assert is_credit_line(["Foto", "Imago", "Max", "Muster"], markers)
    assert not is_credit_line(
        ["Das", "Foto", "zeigt", "den", "Kanzler", "bei", "einer", "Rede", "in", "Berlin"], markers
    )
    assert not is_credit_line(["Gipfel", "in", "Anchorage"], markers)


def test_theme_stopword_file_sections(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# comment\n[furniture]\nFoto  # a credit\nTicker\n[credit]\nQuelle\n", encoding="utf-8")
    assert theme_stopwords(path) == {"foto", "ticker"}
    assert credit_markers(path) == {"quelle"}
    assert theme_stopwords(tmp_path / "missing.txt") == frozenset()


def test_labels_do_not_repeat_a_word_in_another_form():
    assert readable_label(["Putin", "Putins", "Kreml", "Moskau"]) == "Putin · Kreml · Moskau"
    assert readable_label(["EU", "EU-Kommission", "Brüssel", "Gipfel"]) == "EU · Brüssel · Gipfel"
    assert readable_label(["Flüchtling", "Flüchtlingskrise", "Grenze"]) == "Flüchtling · Grenze"


def test_class_tfidf_prefers_what_sets_a_theme_apart():
    from scipy import sparse

    # Terms: 0 = everywhere ("Land"), 1 = only theme A, 2 = only theme B.
    C = sparse.csr_matrix(np.array([[5, 3, 0], [5, 2, 0], [5, 0, 3], [5, 0, 2]]))
    shares = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    scores = class_tfidf(C, shares)
    assert scores[0].argmax() == 1 and scores[1].argmax() == 2
    assert scores[0, 0] < scores[0, 1]


def test_labels_leave_out_words_every_theme_has():
    common = ["Land", "Regierung"]
    docs = [
        doc("Fußball Tor Stadion Trainer") + common * 3,
        doc("Tor Fußball Liga Trainer") + common * 3,
        doc("Krieg Front Waffenruhe Soldat") + common * 3,
        doc("Front Krieg Panzer Soldat") + common * 3,
    ]
    model = ThemeModel(2, random_state=0).fit(docs)
    for label in model.labels_:
        assert "Land" not in label and "Regierung" not in label


def test_a_name_skips_the_words_most_themes_share_but_where_they_weigh_most():
    """Five themes of an Austrian paper, "Wien" in every word list: only the theme that weighs
    it most keeps it in front; in the others it goes after their own words (the word lists
    are kept). A word in two lists is no shared word; a theme with no word of its own still
    takes the shared ones."""
    from tonlage.themes.labels import distinguishing_order

    terms = [
        ("Wien", "Stadt", "Bürgermeister"),
        ("Wien", "Euro", "Budget"),
        ("Spiel", "Wien", "Tor"),
        ("Wien", "Partei", "Wahl"),
        ("Wien", "Euro"),  # "Euro" in two lists: not shared
    ]
    weights = [(0.09, 0.05, 0.04), (0.03, 0.06, 0.05), (0.08, 0.02, 0.07), (0.04, 0.06, 0.05), (0.01, 0.02)]
    got = distinguishing_order(terms, weights)
    assert [t for t, _ in got] == [
        ["Wien", "Stadt", "Bürgermeister"],  # weighs "Wien" most (0.09)
        ["Euro", "Budget", "Wien"],
        ["Spiel", "Tor", "Wien"],
        ["Partei", "Wahl", "Wien"],
        ["Euro", "Wien"],
    ]
    assert got[1][1] == [0.06, 0.05, 0.03]  # each weight stays with its term
    assert [readable_label(t, weights=w) for t, w in got][:3] == [
        "Wien · Stadt · Bürgermeister",
        "Euro · Budget · Wien",
        "Spiel · Tor · Wien",
    ]
    two = [("Wien", "Stadt"), ("Wien", "Euro")]  # two themes: nothing is shared by more than two
    assert [t for t, _ in distinguishing_order(two, [(0.1, 0.2), (0.1, 0.3)])] == [["Wien", "Stadt"], ["Wien", "Euro"]]


def test_a_fitted_models_names_come_from_the_distinguishing_order():
    """The model names its themes from distinguishing_order's lists (then told apart), the
    word lists themselves kept in the order of their weights."""
    from tonlage.themes.labels import dedupe_labels, distinguishing_order

    model = ThemeModel(2, random_state=0).fit(DOCS * 3)
    ordered = distinguishing_order(model.terms_, model.term_weights_)
    assert model.labels_ == dedupe_labels([readable_label(t, weights=w) for t, w in ordered], model.terms_)
    assert all(list(w) == sorted(w, reverse=True) for w in model.term_weights_)


def test_fit_uses_single_terms_and_keeps_bigrams_for_names():
    model = ThemeModel(2, random_state=0).fit(DOCS)
    fitted = set(model.vocabulary_[model.fit_columns_])
    assert fitted and not any(" " in t for t in fitted)
    assert any(" " in t for t in model.vocabulary_)


def test_stability_is_measured_per_theme_and_deterministic():
    docs = [SPORT, WAR, SPORT[::-1], WAR[::-1]] * 5
    a = ThemeModel(2, random_state=0).fit(docs)
    b = ThemeModel(2, random_state=0).fit(docs)
    assert a.stability_.shape == (2,) and np.array_equal(a.stability_, b.stability_)
    assert ((a.stability_ >= 0) & (a.stability_ <= 1)).all()
    # Two clear topics come back with the same words whatever the sample.
    assert (a.stability_ >= UNSTABLE_BELOW).all()
    assert np.isnan(ThemeModel(2, stability_runs=0).fit(docs).stability_).all()


def test_a_theme_that_splits_a_subject_is_less_stable_than_a_real_one():
    rng = np.random.default_rng(0)
    sport = ["Fußball", "Tor", "Stadion", "Trainer", "Liga", "Spiel", "Sieg", "Saison", "Meister", "Pokal"]
    war = ["Krieg", "Front", "Waffenruhe", "Soldat", "Panzer", "Armee", "Angriff", "Rakete", "Truppe", "Offensive"]
    docs = [list(rng.choice(sport, 5, replace=False)) for _ in range(15)]
    docs += [list(rng.choice(war, 5, replace=False)) for _ in range(15)]
    two = ThemeModel(2, random_state=0, stability_runs=4).fit(docs)
    assert (two.stability_ == 1.0).all()  # the two subjects come back with the same articles
    # Three themes over two subjects: one subject is cut in two, differently every refit.
    three = ThemeModel(3, random_state=0, stability_runs=4).fit(docs)
    top = three.shares_.argmax(axis=1)
    subject_of = {int(t): ("sport" if (top[:15] == t).sum() > (top[15:] == t).sum() else "war") for t in set(top)}
    cut = "sport" if list(subject_of.values()).count("sport") == 2 else "war"
    split = [t for t, s in subject_of.items() if s == cut]
    whole = [t for t, s in subject_of.items() if s != cut]
    assert len(whole) == 1 and len(split) == 2
    assert three.stability_[split].max() < three.stability_[whole[0]]


@pytest.mark.parametrize(("init", "max_iter"), [("nndsvda", 300), ("random", 50)])
def test_the_threaded_nmf_is_sklearns_bit_for_bit(init, max_iter):
    """The NMF of large corpora runs its products and updates in bands of rows on threads
    (factorise.coordinate_descent): W, H and the number of iterations are sklearn's own."""
    import warnings

    from scipy import sparse
    from sklearn.decomposition import NMF
    from threadpoolctl import threadpool_limits

    from tonlage.themes import factorise

    rng = np.random.default_rng(5)
    X = sparse.random(301, 120, density=0.08, format="csr", dtype=np.float32, random_state=rng)
    X.data = X.data + np.float32(0.01)
    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nmf = NMF(n_components=6, init=init, random_state=2, max_iter=max_iter, tol=factorise.NMF_TOL)
        W = nmf.fit_transform(X)
        W2, H2, n_iter = factorise.coordinate_descent(X, 6, 2, init, max_iter, factorise.NMF_TOL)
    assert n_iter == nmf.n_iter_ > 1
    assert np.array_equal(W, W2) and np.array_equal(nmf.components_, H2)


def test_themes_of_large_and_small_corpora_take_the_same_road(monkeypatch):
    """A corpus fitted with the threaded NMF gets the themes sklearn's NMF gives it."""
    from tonlage.themes import factorise

    docs = [doc(f"Gipfel Anchorage Putin Trump Ukraine Nummer{i % 7}") for i in range(40)]
    docs += [doc(f"Hochwasser Pegel Deich Regen Ort{i % 5}") for i in range(40)]
    monkeypatch.setattr(factorise, "NMF_SPLIT_FROM", 10**9)
    plain = ThemeModel(3, random_state=1).fit(docs)
    monkeypatch.setattr(factorise, "NMF_SPLIT_FROM", 0)
    threaded = ThemeModel(3, random_state=1).fit(docs)
    assert np.array_equal(plain.shares_, threaded.shares_) and plain.labels_ == threaded.labels_
    assert np.array_equal(plain.stability_, threaded.stability_, equal_nan=True)
    monkeypatch.setattr(factorise, "sklearn_cd", lambda: None)  # a sklearn without the internals used
    fallback = ThemeModel(3, random_state=1).fit(docs)
    assert np.array_equal(plain.shares_, fallback.shares_) and fallback.nmf_.n_iter_ == plain.nmf_.n_iter_


def test_the_nmf_runs_its_iterations_the_faster_way_and_tries_the_other_now_and_then():
    from tonlage.themes.factorise import _Pace

    pace = _Pace()
    assert pace.threaded(1) is True
    pace.took(True, 1.0)
    assert pace.threaded(2) is False
    pace.took(False, 3.0)  # a busy machine would make one thread the faster: not here
    chosen = [pace.threaded(n) for n in range(3, 3 + 2 * _Pace.PROBE_EVERY)]
    assert chosen.count(False) == 2 and chosen[_Pace.PROBE_EVERY - 3] is False
    pace.took(True, 9.0)
    pace.took(True, 9.0)  # threads got slow: one thread from now on
    assert [pace.threaded(n) for n in range(1, _Pace.PROBE_EVERY)] == [False] * (_Pace.PROBE_EVERY - 1)


def test_a_surname_with_a_capitalised_particle_is_one_term():
    from tonlage.themes.terms import NAME_JOINER

    toks = ["Präsident", "Alexander", "Van", "der", "Bellen", "traf", "Le", "Pen"]
    lemmas = list(toks)
    merged = merge_phrases(lemmas, {}, frozenset(), toks)
    assert merged == [
        "Präsident",
        "Alexander",
        f"Van{NAME_JOINER}der{NAME_JOINER}Bellen",
        "traf",
        f"Le{NAME_JOINER}Pen",
    ]
    # without the tokens (case unknown) nothing is joined; neither is a German word that opens a
    # sentence ("Von"), a lower-case particle, nor a particle without a capitalised name after it
    assert merge_phrases(lemmas, {}, frozenset()) == lemmas
    for words in ("Von der Regierung hieß es", "Ursula von der Leyen sprach", "Thomas de Maizière sagte", "Le und la"):
        toks = words.split()
        assert merge_phrases(list(toks), {}, frozenset(), toks) == toks


def test_an_actors_name_comes_before_a_particle_name():
    from tonlage.themes.terms import NAME_JOINER

    toks = ["Van", "der", "Bellen", "und", "De", "Masi"]
    phrases = {("Van", "der", "Bellen"): "VdB"}
    assert merge_phrases(list(toks), phrases, frozenset({"Van"}), toks) == ["VdB", "und", f"De{NAME_JOINER}Masi"]


def test_a_name_kept_as_one_term_is_fitted_and_shown_with_spaces():
    from tonlage.themes.terms import NAME_JOINER

    vdb, haus = f"Van{NAME_JOINER}der{NAME_JOINER}Bellen", f"Weißes{NAME_JOINER}Haus"
    docs = [
        [vdb, "Wahl", "Hofer", f"{vdb} Wahl"],
        [vdb, "Hofer", "Wahl"],
        [haus, "Trump", "Zoll", f"{haus} Trump"],
        [haus, "Zoll", "Trump"],
    ]
    model = ThemeModel(2, random_state=0).fit(docs)
    fitted = {str(v) for v in model.vocabulary_[model.fit_columns_]}
    assert {vdb, haus} <= fitted  # single terms, not bigrams: the fit reads them
    shown = {t for terms in model.terms_ for t in terms} | {t for terms in model.nmf_terms_ for t in terms}
    assert {"Van der Bellen", "Weißes Haus"} <= shown
    assert not any(NAME_JOINER in t for t in shown) and not any(NAME_JOINER in label for label in model.labels_)


def _features_with_default_actors(text: str) -> list[str]:
    """The theme features the analysis's parse gives ``text``, with the default actor list."""
    import gc

    from tonlage.actors import read_actors
    from tonlage.analysis import per_article
    from tonlage.inputs import resolve_side_files

    per_article.init_worker(read_actors(resolve_side_files(None, None)[1]))
    try:
        return per_article.parse(text).features
    finally:
        gc.enable()  # init_worker turns the collector off, as a worker wants


def test_the_parse_keeps_particle_names_and_actor_names_whole():
    from tonlage.themes.terms import NAME_JOINER, shown_term

    features = _features_with_default_actors(
        "Bundespräsident Alexander Van der Bellen sprach mit dem Weißen Haus. Le Pen schwieg."
    )
    singles = {shown_term(f) for f in features if " " not in f}
    assert {"Van der Bellen", "Weißes Haus", "Le Pen"} <= singles
    assert not {"Van", "Bellen", "Le", "Pen", "Haus"} & singles
    assert f"Alexander Van{NAME_JOINER}der{NAME_JOINER}Bellen" in features  # a bigram of two terms


def test_a_word_in_capitals_keeps_its_form_as_a_theme_lemma():
    from tonlage.text import lemmatize, theme_lemma

    # the dictionary reads them as other words; a theme keeps what was written
    assert lemmatize("KURIER") == "kurieren" and theme_lemma("KURIER") == "KURIER"
    assert theme_lemma("BILD") == "BILD" and theme_lemma("NATO") == "NATO" and theme_lemma("FPÖ") == "FPÖ"
    assert theme_lemma("Häuser") == lemmatize("Häuser") == "Haus" and theme_lemma("A") == lemmatize("A")


def test_a_papers_title_is_no_theme_term_in_capitals_only(tmp_path):
    from tonlage.themes.terms import capital_stopwords, content_terms

    path = tmp_path / "words.txt"
    path.write_text("[furniture]\nFoto\n[capitals]\nStandard\n", encoding="utf-8")
    caps = capital_stopwords(path)
    assert caps == {"standard"} and theme_stopwords(path) == {"foto"}  # not dropped in every case
    assert content_terms(["STANDARD", "Standard", "NATO", "FOTO"], theme_stopwords(path), caps) == [
        None,
        "Standard",
        "NATO",
        None,
    ]
    shipped = capital_stopwords()
    assert {"standard", "spiegel", "kurier"} <= shipped and not shipped & theme_stopwords()


def test_the_parse_drops_a_papers_title_in_capitals_and_keeps_the_word():
    features = _features_with_default_actors(
        "Das sagte der Minister dem STANDARD. Der KURIER berichtete über einen neuen Standard der NATO."
    )
    singles = {f for f in features if " " not in f}
    assert {"Standard", "NATO", "Minister"} <= singles
    assert not {"STANDARD", "KURIER", "kurieren", "Kurier"} & singles
