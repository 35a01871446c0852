"""Reading a page's text: headline, kicker, byline, date lines, furniture, the article's end.

Every page here is made up; the rules are about layout, not about any outlet.
"""

from datetime import date

from tonlage.corpus import parse_article
from tonlage.reading.dates import PageDate
from tonlage.reading.page import is_title_like, read_page
from tonlage.text import normalise

TODAY = date(2026, 11, 23)
P1 = (
    "Die Stadt hat am Dienstag beschlossen, die alte Brücke über den Fluss abzureißen und bis 2028 "
    "eine neue zu bauen. Die Kosten liegen bei rund zwölf Millionen Euro."
)
P2 = (
    "Anwohner hatten monatelang gegen die Pläne protestiert. Der Rat folgte dennoch dem Vorschlag der "
    "Verwaltung, die das Bauwerk für nicht mehr sicher hält."
)


def page(text: str, **kw):
    return read_page(normalise(text), **kw)


def test_kicker_headline_dateline_and_byline():
    p = page(
        f"Stadtrat\nNeue Brücke für die Altstadt beschlossen\n11.03.2025, 09:42 Uhr\nVon Erika Muster\n\n{P1}\n\n{P2}"
    )
    assert (p.title, p.title_source, p.title_confidence) == ("Neue Brücke für die Altstadt beschlossen", "page", "high")
    assert p.authors == ["Erika Muster"] and p.author_source == "byline"
    assert p.page_dates == [PageDate(date(2025, 3, 11), "day", "published")]
    assert p.body.startswith("Die Stadt hat am Dienstag")
    assert ("kicker", "Stadtrat") in p.removed and ("byline", "Von Erika Muster") in p.removed


def test_site_header_navigation_and_captions_before_the_headline():
    text = (
        f"Dienstag, März 4, 2025\nsome_placeholder\nStart News Seite 7\n\nNeue Brücke für die Altstadt\n\n0\n\n"
        f"Ein Kran vor der Brücke. (picture alliance / abc / Max Muster)\n\n{P1}"
    )
    p = page(text)
    assert p.title == "Neue Brücke für die Altstadt"
    assert p.page_dates == []  # the site's "today" above its navigation is not the article's date
    assert p.body == P1
    kinds = {line: kind for kind, line in p.removed}
    assert kinds["some_placeholder"] == "navigation" and kinds["0"] == "counter"
    assert kinds["Ein Kran vor der Brücke. (picture alliance / abc / Max Muster)"] == "caption"


def test_published_beats_updated_and_a_finer_date_refines_the_header():
    a = parse_article(f"Veröffentlicht: 17.04.2025,\nLetzte Aktualisierung: 03.06.2025\n\n{P1}", "a.txt", today=TODAY)
    assert (a.date, a.date_source) == (date(2025, 4, 17), "dateline")
    b = parse_article(f" date 2025-08 Neue Brücke\nAktualisiert am 09.08.2025\n\n{P1}", "b.txt", today=TODAY)
    assert (b.date, b.date_precision, b.date_source) == (date(2025, 8, 9), "day", "dateline")
    assert "made precise" in b.date_note
    c = parse_article(f" date 2025-07 Neue Brücke\nAktualisiert am 09.08.2025\n\n{P1}", "c.txt", today=TODAY)
    assert (c.date, c.date_precision) == (date(2025, 7, 1), "month")  # disagreeing: the header stays


def test_a_date_glued_to_the_first_words_is_split_off():
    p = page("Neue Brücke für die Altstadt\n7. April 2025Die Stadt hat beschlossen, die alte Brücke abzureißen.")
    assert p.page_dates[0].date == date(2025, 4, 7)
    assert p.body.startswith("Die Stadt hat beschlossen")


def test_caption_above_a_credit_and_a_picture_shown_twice():
    text = (
        f"Neue Brücke für die Altstadt\n\nDer Bürgermeister vor dem Rathaus.\n© Max Muster\n"
        f"Ein Kran an der Baustelle\nEin Kran an der Baustelle\n\n{P1}"
    )
    p = page(text)
    assert p.body == P1
    assert [k for k, _ in p.removed].count("caption") == 3


def test_agency_dateline_signature_and_editor_tag():
    p = page(f"Neue Brücke für die Altstadt\n\nHamburg (dpa) - {P1}\n\n{P2}/abc/DE/xy")
    assert p.authors == ["dpa"] and p.author_source == "dateline"
    assert p.body.startswith("Die Stadt hat") and p.body.endswith("für nicht mehr sicher hält.")
    q = page(f"Neue Brücke für die Altstadt\n\n{P1}\n\n{P2} (AFP/jW)")
    assert q.authors == ["AFP"] and q.author_source == "signature"
    r = page(f"Neue Brücke für die Altstadt\n\nBonn (ots) - {P1}")
    assert r.authors == []  # a press release service is not an author


def test_a_sentence_starting_with_von_is_not_a_byline():
    p = page(
        f"Kunst des Möglichen\n\nVon Otto von Bismarck, dem ersten Reichskanzler, stammt der Satz, Politik "
        f"sei die Kunst des Möglichen. {P1}"
    )
    assert p.authors == [] and p.body.startswith("Von Otto von Bismarck")


def test_teasers_after_the_article_and_a_second_article_of_a_listing():
    text = (
        f"Neue Brücke für die Altstadt\n\n{P1}\n\n© Copyright abc\nMehr zum Thema\n"
        f"03.12.2025\n3 min.\nAndere Meldung aus der Region\nAm Montag passierte etwas anderes in der Stadt."
    )
    p = page(text)
    assert p.body == P1 and p.page_dates == []
    listing = (
        f"Neue Brücke für die Altstadt\n\nHamburg (dpa) - {P1}\n\nZweite Meldung zum Hafen\n\n0\n\nKiel (dpa) - {P2}"
    )
    q = page(listing)
    assert q.body == P1
    assert ("next_article", "Zweite Meldung zum Hafen") in q.removed


def test_labels_are_found_where_pages_print_them():
    assert page(f"Kommentar\nDie Brücke muss weg\n\n{P1}").labels == ["kommentar"]
    assert page(
        "Die Brücke muss weg\n\nMeinung Die Stadt hat lange gezögert und nun richtig entschieden, "
        "die alte Brücke abzureißen."
    ).labels == ["meinung"]
    assert "leitartikel" in page(f"Die Brücke muss weg LeitartikelDie Stadt zögert {P1}").labels
    assert page(f"Die Brücke muss weg LeitartikelDie Stadt zögert {P1}").title == "Die Brücke muss weg"
    assert "kommentar" in page(f"Die Brücke muss weg\nFoto: ABCDieser Kommentar ist Teil einer Reihe.\n\n{P1}").labels


def test_author_box_bullets_and_name_date_lines():
    p = page(
        f"Neue Brücke für die Altstadt\n• Erika Muster\nVonErika Muster\nschließen\n• Max Beispiel\n"
        f"Max Beispiel\nschließen\n\n{P1}"
    )
    assert p.authors == ["Erika Muster", "Max Beispiel"] and p.body == P1
    q = page(f"Neue Brücke für die Altstadt\nErika Muster 12.05.2025 - 16:05 Uhr\n\n{P1}")
    assert q.authors == ["Erika Muster"] and q.page_dates[0].date == date(2025, 5, 12)


def test_promo_sentence_and_press_release_footer_are_cut():
    p = page(
        f"Neue Brücke für die Altstadt\n\n{P1} Alle Pläne können Sie mit unserem Brückenrechner ansehen."
        f"\n\n{P2}Pressekontakt: Stadt Beispiel, Telefon 0123"
    )
    assert "Brückenrechner" not in p.body and "Pressekontakt" not in p.body
    assert p.body.endswith("für nicht mehr sicher hält.")
    assert {k for k, _ in p.removed} >= {"promo", "press_contact"}


def test_title_like_lines():
    assert is_title_like("„Wir bleiben dran“")
    assert is_title_like("Der Rat will einen neuen Vertrag: «Nur mit klaren Regeln.»")
    assert not is_title_like("Die Stadt hat beschlossen.")
    assert not is_title_like("- Seit über 20 Jahren Ihr Partner")
    assert not is_title_like("Herr Muster, wie geht es weiter?")


def test_structured_text_keeps_its_first_line_but_loses_furniture():
    p = page(f"Neue Brücke für die Altstadt\n\nTeilen\n\n{P1}", header_forms=False)
    assert p.title == "" and p.body.startswith("Neue Brücke für die Altstadt\n\nDie Stadt")


def test_parse_article_reports_sources_and_keeps_removed_lines():
    a = parse_article(f"Stadtrat\nNeue Brücke beschlossen\nVon Erika Muster\n\n{P1}\n\nTeilen", "x.txt", today=TODAY)
    assert (a.title, a.title_source, a.author, a.author_source) == (
        "Neue Brücke beschlossen",
        "page",
        "Erika Muster",
        "byline",
    )
    assert ("share", "Teilen") in a.removed_lines and a.text == P1


def test_a_paragraph_above_a_text_credit_is_not_a_caption():
    p = page(f"Neue Brücke für die Altstadt\n\n{P1}\n{P2}\nText/Foto: Lokalsender Beispiel am 14. Januar 2025")
    assert p.body.endswith("für nicht mehr sicher hält.") and p.authors == ["Lokalsender Beispiel"]
    assert p.page_dates == [PageDate(date(2025, 1, 14), "day", "published")]
