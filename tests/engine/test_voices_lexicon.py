"""The word lists of tonlage.voices (tonlage/voices/data/*.tsv), how they are read, and what is
generated from them (every form of a verb of saying; role and institution heads)."""

import csv
import tomllib
from pathlib import Path

import pytest

from tonlage.voices import SAYING_FORMS, lexicon
from tonlage.voices.names import institution_head, role_head
from tonlage.voices.saying import NEEDS_PARTICLE, weak_forms

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tonlage" / "voices" / "data"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


def test_every_file_is_clean_one_word_per_row_each_once_in_its_class():
    files = sorted(DATA.glob("*.tsv"))
    assert {p.name for p in files} >= {
        "saying.tsv",
        "split_verbs.tsv",
        "konjunktiv.tsv",
        "function_words.tsv",
        "roles.tsv",
        "sources.tsv",
    }
    for path in files:
        header, *rows = _rows(path)
        assert header[:2] == ["class", "word"], path.name
        seen = set()
        for row in rows:
            assert len(row) == len(header), (path.name, row)
            word = row[1]
            assert word and word == word.strip() and word == word.lower(), (path.name, row)
            assert tuple(row) not in seen, (path.name, row)
            seen.add(tuple(row))


def test_a_misspelt_class_is_an_error_not_an_empty_rule():
    with pytest.raises(KeyError):
        lexicon.words("roles.tsv", "role_heads")
    with pytest.raises(KeyError):
        lexicon.particle_table("weak_cores")


def test_classes_keep_their_order_and_heads_come_longest_first():
    assert lexicon.SEPARABLE_PARTICLES[:2] == ("hinzu", "fest")  # tried in file order
    for heads in (lexicon.ROLE_HEADS, lexicon.INSTITUTION_HEADS, lexicon.SOURCE_NOUNS):
        assert [len(h) for h in heads] == sorted((len(h) for h in heads), reverse=True)
    assert lexicon.SPLIT_STRONG["ließ"] == ("wissen", "verlauten", "durchblicken")
    assert "sei" in lexicon.KONJ1_SURE and "würde" in lexicon.KONJ2 and "der" in lexicon.DETERMINERS


def test_weak_verbs_of_saying_get_every_regular_form():
    forms, split = weak_forms("beton")
    assert {"betone", "betonst", "betont", "betonen", "betonte", "betonten", "betontet"} <= forms and not split
    assert "erklärt" in weak_forms("erklär")[0] and "gerklärt" not in weak_forms("erklär")[0]  # no ge- after er-
    assert "kritisiert" in weak_forms("kritisier")[0]
    forms, split = weak_forms("ankündig")
    assert {"ankündigte", "angekündigt", "anzukündigen"} <= forms  # the particle joined
    assert split["kündigte"] == ("an",) and "kündigte" not in forms  # split: needs "an" later


def test_the_generated_forms_and_the_particles_they_need():
    assert {"sagte", "gesagt", "betonte", "sprach", "mitgeteilt"} <= SAYING_FORMS
    assert "teilte" not in SAYING_FORMS and NEEDS_PARTICLE["teilte"] == ("mit",)
    assert set(NEEDS_PARTICLE["wies"]) == {"hin", "darauf"}


def test_role_and_institution_heads_of_compounds():
    assert role_head("Bundesinnenministerin") == "ministerin"
    assert role_head("SPD-Chefs") == "chef"
    assert role_head("Fraktionsvize") == "vize"
    assert role_head("Haus") == ""
    assert institution_head("Bundesgerichtshofs") == "gerichtshof"
    assert institution_head("Regen") == ""


def _first_head(heads: tuple[str, ...], min_rest: int, low: str) -> str:
    """The rule as a plain loop: the first head, longest first, that a form of the word ends in."""
    for form in (low, low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("es") else ""):
        for head in heads if form else ():
            if form.endswith(head) and (len(form) == len(head) or len(form) - len(head) >= min_rest):
                return head
    return ""


def _head_words(heads: tuple[str, ...]) -> list[str]:
    """Each head alone, inflected and behind one, two and more letters (around the minimum rest)."""
    out = []
    for h in heads:
        cap = h[:1].upper() + h[1:]
        out += [cap, cap + "s", cap + "es", "X" + h, "Xy" + h, "Xyz" + h, "Bundes" + h + "s", "SPD-" + cap + "s"]
        out += [cap[:-1], "Xy" + h[1:], h + "'", "Ab" + h + "en"]
    return out


def test_role_and_institution_heads_follow_the_longest_first_rule():
    for word in _head_words(lexicon.ROLE_HEADS) + _head_words(lexicon.INSTITUTION_HEADS):
        low = word.lower().rstrip("'’").split("-")[-1] if "-" in word else word.lower()
        assert role_head(word) == _first_head(lexicon.ROLE_HEADS, 2, low), word
        low = word.lower().split("-")[-1]
        assert institution_head(word) == _first_head(lexicon.INSTITUTION_HEADS, 3, low), word


def test_the_word_lists_ship_with_the_package():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "voices/data/*" in package_data["tonlage"]
    assert lexicon.DATA_DIR == DATA


def test_roles_of_culture_media_and_faith_and_the_feminine_forms_are_roles():
    """On the gnad-dev articles speakers read "Intendantin Barbara Frey" and "Sängerin Nichelle
    Nichols": the role list had neither word (nor "Polizistin", "Kapitänin", "Torhüterin")."""
    from tonlage.voices.names import person_name, role_head

    words = "Intendantin Regisseur Radiohead-Sänger Sängerin AFP-Journalistin Moderatorin Pfarrer Polizistin Kapitänin"
    assert [w for w in words.split() if not role_head(w)] == []
    assert person_name("Intendantin Barbara Frey") == "Barbara Frey"
    assert person_name("Radiohead-Sänger Thom Yorke") == "Thom Yorke"


def test_roles_of_film_music_art_and_letters_are_roles():
    """The Corpus page offered "Produzent John Lueftner" to follow: the role list lacked
    "Produzent", and with it the makers of films, music, art and books."""
    from tonlage.voices.names import person_name, role_head

    words = (
        "Produzent Filmproduzentin Filmemacher Künstlerin Musiker Komponistin Dirigent Schriftstellerin "
        "Verleger Kuratorin Designer Architektin Fotograf"
    )
    assert [w for w in words.split() if not role_head(w)] == []
    assert person_name("Produzent John Lueftner") == "John Lueftner"
    assert person_name("Dirigentin Simone Young") == "Simone Young"
