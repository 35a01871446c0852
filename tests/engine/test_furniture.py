"""Page furniture: general line rules, advertising sentences, lines a corpus teaches."""

import pytest

from tonlage.reading.furniture import ends_with_credit, learn_recurring, line_kind, promo_sentences, recurring_key


@pytest.mark.parametrize(
    "line,kind",
    [
        ("Foto: Erika Beispiel/imago", "credit"),
        ("© Max Muster/dpa", "credit"),
        ("Bild: Beispiel-Verlag", "credit"),
        ("Quelle: Wetterdienst, Landesamt", "credit"),
        ("Foto/Quelle: abc", "credit"),
        ("Keystone", "credit"),
        ("Lesezeit: 4 Min.", "reading_time"),
        ("Lesedauer: ca. 3 Minuten", "reading_time"),
        ("7 Min", "reading_time"),
        ("Lesen Sie mehr zum Haushaltsstreit", "read_more"),
        ("Lesen Sie auch: Der Streit um die Rente", "read_more"),
        ("Das könnte dich auch interessieren: Neue Regeln für Mieter", "read_more"),
        ("Ähnliche Beiträge", "read_more"),
        ("⇢ Weitere Meldung: Zug fällt aus", "read_more"),
        ("Related stories", "read_more"),
        ("Abonnieren Sie unseren kostenlosen Morgen-Newsletter", "newsletter"),
        ("Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten.", "cookie"),
        ("Weiterlesen …", "paywall"),
        ("Dieser Artikel ist nur mit einem Plus-Abo lesbar.", "paywall"),
        ("Exklusiv für Abonnenten", "paywall"),
        ("Der erste Monat kostet 1,00 €, danach 7,99 €/Monat.", "paywall"),
        ("Wir nutzen künstliche Intelligenz, um Zusammenfassungen unserer Artikel zu erstellen.", "ai_notice"),
        ("Dieser Artikel wurde mithilfe künstlicher Intelligenz erstellt und von der Redaktion geprüft.", "ai_notice"),
        ("Hinweis: Dieser Text wurde mit Unterstützung von KI übersetzt.", "ai_notice"),
        ("Zusammenfassung anzeigen", "ai_notice"),
        ("Teilen", "share"),
        ("DruckenTeilenMerken", "share"),
        ("Artikel teilen:", "share"),
        ("Kommentar verfassen", "share"),
        ("Fehler gefunden? Bitte melden.", "share"),
        ("0", "counter"),
        ("12 Kommentare", "counter"),
        ("Startseite › Politik › Inland", "navigation"),
        ("Start News Seite 12", "navigation"),
        ("Previous post Next post", "navigation"),
        ("some_placeholder", "navigation"),
        ("/abc/DE/xy", "agency_tag"),
        ("(dpa)", "agency_tag"),
        ("M.Rossi--ABC", "agency_tag"),
        ("Der Liveticker ist beendet.", "notice"),
        ("Pressekontakt: Beispiel-Zeitung, Telefon 0123", "press_contact"),
        ("Gratis Ratgeber jetzt herunterladen", "promo"),
        ("Ein Mann geht über die Straße. (picture alliance / abc / Max Muster)", "caption"),
        ("Zwei Minister im Gespräch © FOTO MAX MUSTER / POOL / AFP", "caption"),
        ("Der Chef der Firma. Foto: Max Muster", "caption"),
        ("Ein Mann mit Hut im Park *** A man with a hat in the park", "caption"),
        ("Wir wollen ohne Risiko fahren, sagen die Kunden (Max Muster)", "pull_quote"),
        ("—", "separator"),
    ],
)
def test_general_furniture_lines(line, kind):
    assert line_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Die Regierung will Cookies im Internet strenger regeln, sagte die Ministerin am Montag.",
        "Der Newsletter-Versand der Behörde sei eingestellt worden, hieß es.",
        "Wir nutzen künstliche Intelligenz in der Redaktion, und kein Text erscheint, ohne dass ihn jemand geprüft hat.",
        "Die Kanzlerin sagte: Teilen ist besser als Streiten.",
        "Er verwies auf die Lage in der Ukraine. (dpa)",
        "Die Einigung kam spät, aber sie kam. (AFP/jW)",
        "Landtagswahl 2026",
        "Wie der neue Landtag aussehen könnte",
        "Von Otto von Bismarck stammt der Satz, Politik sei die Kunst des Möglichen.",
    ],
)
def test_article_text_is_not_furniture(line):
    assert line_kind(line) is None


def test_agency_signature_is_not_a_picture_credit():
    assert not ends_with_credit("Damit endete der Streit. (dpa)")
    assert not ends_with_credit("Damit endete der Streit. (AFP/jW)")
    assert ends_with_credit("Der Minister am Pult. (abc / Erika Muster)")


def test_promo_sentences_of_the_outlet_itself():
    para = [
        "Die Union liegt vorn.",
        "Die SPD folgt auf Platz zwei.",
        "Alle Varianten können Sie mit unserem Wahlrechner ausprobieren.",
    ]
    assert promo_sentences(para) == [2]
    # Questions address the interviewee, not the reader.
    assert promo_sentences(["Wie wollen Sie mit unseren Nachbarn umgehen?"]) == []


def test_an_advertising_box_is_removed_whole():
    box = [
        "Viele Mieter zahlen zu viel.",
        "Der kostenlose Mietspiegel-Ratgeber zeigt Ihnen, was erlaubt ist.",
        "Gratis Ratgeber jetzt herunterladen",
    ]
    assert promo_sentences(box) == [0, 1, 2]


def test_recurring_lines_of_one_source_are_learned():
    slogan, footer = "Ihre Zeitung seit 1850", "Dieser Text erscheint auch in der Printausgabe"
    stories = [
        f"Bericht {i}: Die Stadt plant eine neue Brücke über den Fluss, die {i} Millionen Euro "
        f"kosten soll, und der Rat stimmt im Herbst darüber ab, nachdem Anwohner {i} Einwände erhoben haben."
        for i in range(6)
    ]
    corpus = [("zeitung-a", f"{slogan}\n{s}\n{footer}") for s in stories]
    corpus += [("zeitung-b", s) for s in stories[:3]]
    learned = learn_recurring(corpus)
    assert set(learned) == {"zeitung-a"}
    assert set(learned["zeitung-a"]) == {recurring_key(slogan), recurring_key(footer)}
    assert set(learned["zeitung-a"].values()) == {slogan, footer}


def test_copies_of_one_story_do_not_make_its_lines_recurring():
    story = (
        "Kurzer Zwischentitel\nDie Stadt plant eine neue Brücke über den Fluss, die zehn Millionen Euro kosten "
        "soll, und der Rat stimmt im Herbst darüber ab, nachdem Anwohner viele Einwände erhoben haben."
    )
    assert learn_recurring([("a", story)] * 5) == {}


def test_recurring_needs_count_and_share():
    lines = [
        (
            "s",
            f"Gemeinsame Zeile\nText {i} mit vielen verschiedenen Wörtern, damit er lang genug ist, "
            f"um als eigener Artikel zu zählen, Nummer {i} von vielen in diesem kleinen Korpus hier.",
        )
        for i in range(2)
    ]
    assert learn_recurring(lines) == {}  # two articles: fewer than three
    assert learn_recurring(lines, min_count=2) == {"s": {"gemeinsame zeile": "Gemeinsame Zeile"}}


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Firma wolle sich hier durch Drohungen weitere Subventionen sichern.",
        "Die Behörde antwortete: Gerne informieren wir Sie, dass es in unserem Amt keine solchen Pläne gibt.",
        "Wie wollen Sie mit unseren Nachbarn umgehen?",
    ],
)
def test_reported_speech_and_questions_are_not_advertising(sentence):
    assert promo_sentences([sentence]) == []


def test_recurring_candidate_is_the_key_of_short_lines_only():
    from tonlage.reading.furniture import recurring_candidate, recurring_key

    short = "  Foto:\u00a0dpa   /  Mehr ZUM Thema "
    assert recurring_candidate(short) == recurring_key(short) == "foto: dpa / mehr zum thema"
    assert recurring_candidate(" ".join(["Wort"] * 25)) == recurring_key(" ".join(["Wort"] * 25))
    assert recurring_candidate(" ".join(["Wort"] * 26)) is None


def test_a_recurring_line_is_given_as_first_written():
    """Its key is case-folded and its whitespace collapsed; the line given back is the first
    article's (in corpus order, across sources), not a later article's spelling."""
    body = (
        "Text {i} mit vielen verschiedenen Wörtern, damit er lang genug ist, um als eigener Artikel "
        "zu zählen, Nummer {i} von vielen in diesem kleinen Korpus hier."
    )
    spellings = ["Mehr zum Thema", "MEHR ZUM THEMA", "mehr  zum Thema", "Mehr Zum Thema"]
    corpus = [("b", f"Mehr zum thema\n{body.format(i=9)}")]  # first of all, in a source without it recurring
    corpus += [("a", f"{spellings[i]}\n{body.format(i=i)}") for i in range(4)]
    assert learn_recurring(corpus) == {"a": {"mehr zum thema": "Mehr zum thema"}}
    assert learn_recurring(corpus[1:]) == {"a": {"mehr zum thema": "Mehr zum Thema"}}
