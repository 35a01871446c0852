"""German text primitives: sentence splitting, tokens, lemmas, genitive folding."""

from pathlib import Path

from tonlage.text import (
    LemmaTable,
    LemmaTermTable,
    fold_genitive,
    genitive_folds,
    lemmatize,
    looks_like_crosshead,
    normalise,
    split_sentences,
    tokenize,
)
from tonlage.themes.terms import TermTable, german_stopwords


def sentences(text: str) -> list[str]:
    text = normalise(text)
    return [text[s:e] for s, e in split_sentences(text)]


def test_quotes_stay_with_their_sentence():
    got = sentences("Er sagte: „Wir gehen.“ Dann kam der Bericht. »Nein.« Sie gingen.")
    assert got == ["Er sagte: „Wir gehen.“", "Dann kam der Bericht.", "»Nein.«", "Sie gingen."]


def test_dates_ordinals_and_abbreviations_do_not_split():
    got = sentences("Am 15.08.2025 trafen sie sich. Das war am 23. Oktober z. B. wichtig. Dr. Weber kam.")
    assert got == ["Am 15.08.2025 trafen sie sich.", "Das war am 23. Oktober z. B. wichtig.", "Dr. Weber kam."]


def test_initials_and_hyphen_prefixes():
    got = sentences("US-Präsident Donald J. Trump sprach. Die Wirtschafts- und Handelsfragen blieben offen.")
    assert got == ["US-Präsident Donald J. Trump sprach.", "Die Wirtschafts- und Handelsfragen blieben offen."]


def test_line_breaks_end_headlines_and_offsets_point_into_text():
    text = normalise("Überschrift ohne Punkt\nErster Satz. Zweiter Satz!")
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Überschrift ohne Punkt", "Erster Satz.", "Zweiter Satz!"]
    assert all(0 <= s < e <= len(text) for s, e in spans)


def test_line_break_inside_a_sentence_is_rejoined():
    got = sentences("Er wird gezwungen sein, Druck auszuüben,\n\nund der Ukraine Waffen zu liefern.\n\nNeuer Absatz.")
    assert got == ["Er wird gezwungen sein, Druck auszuüben,\n\nund der Ukraine Waffen zu liefern.", "Neuer Absatz."]
    assert sentences("Überschrift\nText beginnt hier.") == ["Überschrift", "Text beginnt hier."]


def test_lowercase_continuation_is_not_a_new_sentence():
    assert sentences("Es kostet ca. fünf Euro. gut so") == ["Es kostet ca. fünf Euro. gut so"]


def test_tokenize_keeps_compounds_umlauts_and_numbers():
    toks = tokenize("Der US-Außenminister traf Lawrow am 15.08.2025 – Größe, Maß & Straße.")
    assert "US-Außenminister" in toks and "15.08.2025" in toks
    assert {"Größe", "Maß", "Straße"} <= set(toks)
    assert "–" not in toks and "&" not in toks


def test_lemmas_of_inflected_words_and_compound_heads():
    assert lemmatize("Verhandlungen") == "Verhandlung"
    assert lemmatize("scheiterten") == "scheitern"
    assert lemmatize("US-Präsidenten") == "US-Präsident"
    assert lemmatize("Prozess") == "Prozess"  # not the pre-1996 "Prozeß"


def test_genitives_of_known_names_fold():
    vocab = {"Trump", "Russland", "Krieg"}
    assert fold_genitive("Trumps", vocab) == "Trump"
    assert fold_genitive("Russlands", vocab) == "Russland"
    assert fold_genitive("Krieges", vocab) == "Krieg"
    assert fold_genitive("Prozess", vocab) == "Prozess"  # -ss is no genitive
    assert fold_genitive("Kurs", vocab) == "Kurs"  # "Kur" is not in the vocabulary


def test_genitive_folds_only_list_what_changes():
    folds = genitive_folds(["Putins", "Lawrows", "Bidens", "Krieg", None], {"Putin", "Lawrow", "Krieg"})
    assert folds == {"Putins": "Putin", "Lawrows": "Lawrow"}


def test_lemma_table_fills_on_first_sight():
    table = LemmaTable()
    assert table["Verhandlungen"] == "Verhandlung" and "Verhandlungen" in table


def test_lemma_term_table_is_the_term_of_the_lemma():
    words = ["Vereinigten", "Staaten", "und", "Verhandlungen", "Verhandlung", "Gipfel", "sagte", "Marco"]
    lemmas, terms = LemmaTable(), TermTable(german_stopwords())
    table = LemmaTermTable(LemmaTable(), TermTable(german_stopwords()), frozenset({"Vereinigte", "Marco"}))
    assert [table[w] for w in words] == [terms[lemmas[w]] for w in words]
    assert table["und"] is None and table["Verhandlungen"] == "Verhandlung"
    assert table.watched_tokens == {"Vereinigten", "Marco"}  # their lemmas open a phrase
    assert [table[w] for w in words] == [terms[lemmas[w]] for w in words]  # from the table


def test_normalise_unifies_whitespace_and_unicode():
    decomposed = "Mu\u0308ller\u00a0 sagte\r\n\r\n\r\n\r\nNeu"
    assert normalise(decomposed) == "Müller sagte\n\nNeu"


def test_a_crosshead_is_a_short_line_with_no_mark_that_ends_prose():
    heads = ["Sorge in Kiew und bei Verbündeten", "Kreml will verhandeln - und stellt Bedingungen", "Hintergrund"]
    prose = [
        "Er sagte das.",
        "Was nun?",  # a question may stand alone as prose: left as it is
        "»Wir verhandeln«",
        "Die Gespräche in Riad, die ohne die Ukraine stattfanden, waren nach Angaben beider Seiten sehr konstruktiv",
        "21.10.2025",
        "und dann kam es anders",
        "Erste Zeile\nzweite Zeile",
        "",
    ]
    assert [looks_like_crosshead(x) for x in heads] == [True] * len(heads)
    assert [looks_like_crosshead(x) for x in prose] == [False] * len(prose)


def test_a_posts_addresses_links_and_retweet_mark_are_no_words():
    from tonlage.text import MARKUP_GAP, has_post_markup, without_markup, words_without_markup

    post = "RT @Stadt_Kurier : Merkel besucht heute Leipzig http://t.co/Ab12 mit @SPD_Sachsen und www.example.org/x"
    assert has_post_markup(post)
    g = MARKUP_GAP
    assert words_without_markup(post) == [g, "Merkel", "besucht", "heute", "Leipzig", g, "mit", g, "und", g]
    assert without_markup(post).split() == [":", "Merkel", "besucht", "heute", "Leipzig", "mit", "und"]
    # An e-mail address is no post's address, and a word "RT" without one stays a word.
    mail = "Fragen an presse@example.org schicken, sagte RT Deutsch."
    assert words_without_markup(mail) == tokenize(mail)
    assert without_markup(mail) == mail
    # A news text with none: not scanned at all.
    assert not has_post_markup("Der Kanzler sprach in Berlin.")


def test_a_posts_markup_names_no_theme_and_keeps_its_neighbours_apart():
    from tonlage.actors import read_actors
    from tonlage.analysis.per_article import init_worker, parse

    init_worker(read_actors(Path(__file__).resolve().parents[2] / "data" / "actors.csv"))
    post = parse("RT @Wahl_Kurier : Merkel lobt Leipzig @GRUENE_Sachsen Steinbrück http://t.co/Xy9 Wahlkampf heute.")
    plain = parse("RT Wahl Kurier: Merkel lobt Leipzig GRUENE Sachsen Steinbrück Wahlkampf heute.")
    assert post.features == ["Merkel", "Leipzig", "Steinbrück", "Wahlkampf"]
    # Without the markup's marks, the same words are theme terms and neighbours.
    assert {"RT", "Kurier", "Sachsen", "Steinbrück Wahlkampf"} <= set(plain.features)
