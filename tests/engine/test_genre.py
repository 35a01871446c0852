"""Genre: labels first, then the form of the text, then its style in the author's own voice."""

import pytest

from tonlage.reading.genre import GENRES, classify_genre, style_score

REPORT = (
    "Der Stadtrat hat am Dienstag den Neubau der Brücke beschlossen. Die Kosten lägen bei zwölf Millionen "
    "Euro, sagte der Bürgermeister. Laut Verwaltung sei das alte Bauwerk nicht mehr sicher. Die Arbeiten "
    "sollen im März 2026 beginnen, teilte die Stadt mit. Anwohner kritisierten die Pläne am Mittwoch."
)
OPINION = (
    "Es ist richtig, dass die Brücke endlich fällt. Wer jahrelang zusieht, wie ein Bauwerk verrottet, "
    "handelt verantwortungslos. Ich frage mich, warum der Rat so lange gezögert hat. Wir alle zahlen "
    "jetzt den Preis für diese Trägheit. Die Stadt sollte daraus lernen, und zwar schnell! Eigentlich "
    "wusste das jeder."
)


@pytest.mark.parametrize(
    "labels,genre",
    [
        (["kommentar"], "commentary"),
        (["leitartikel"], "commentary"),
        (["gastbeitrag"], "commentary"),
        (["interview"], "other"),
        (["liveblog"], "news report"),
        (["presseschau"], "commentary"),
    ],
)
def test_labels_decide(labels, genre):
    found = classify_genre(REPORT, labels=labels)
    assert (found.genre, found.source, found.confidence) == (genre, "label", "high")


def test_style_tells_report_from_commentary():
    assert classify_genre(REPORT).genre == "news report"
    found = classify_genre(OPINION)
    assert (found.genre, found.source) == ("commentary", "style") and "1st person" in found.evidence
    assert style_score(OPINION)[0] > 0 > style_score(REPORT)[0]


def test_quotations_are_not_the_authors_voice():
    quoted = "„Ich finde das richtig, wir sollten endlich handeln“, sagte die Ministerin am Montag. " + REPORT
    assert classify_genre(quoted).genre == "news report"


def test_interview_letter_press_review_and_ticker_forms():
    interview = (
        "Herr Muster, wie geht es Ihnen nach der Wahl?\nGut, danke. Wir haben viel erreicht.\n"
        "Was planen Sie als Nächstes?\nEine Reform der Verwaltung.\n"
        "Haben Sie Angst vor dem Widerstand?\nNein, überhaupt nicht."
    )
    assert (classify_genre(interview).genre, classify_genre(interview).source) == ("other", "form")
    speakers = "MUSTER: Wir bleiben dabei.\nFRAGE: Und dann?\nMUSTER: Dann sehen wir weiter."
    assert classify_genre(speakers).genre == "other"
    letter = "Liebe Leserinnen und Leser,\nheute erzähle ich Ihnen, wie unsere Redaktion arbeitet."
    assert classify_genre(letter).genre == "other"
    review = '"Beispiel-Zeitung" zu den Plänen für die Brücke:\n"Die Stadt hat zu lange gewartet."'
    assert classify_genre(review).genre == "commentary"
    ticker = (
        "Update, 12.30 Uhr: Der Rat tagt.\nDie Sitzung läuft.\nUpdate, 14.00 Uhr: Der Rat hat entschieden.\n" + REPORT
    )
    assert (classify_genre(ticker).genre, classify_genre(ticker).source) == ("news report", "form")


def test_other_languages_and_agency_copy():
    english = "I think we should act now. " * 5
    assert classify_genre(english).source == "default"
    mild = (
        "Die Brücke sollte bald gebaut werden. Die Brücke ist zweihundert Meter lang und führt über den Fluss in "
        "die Altstadt. Sie wurde vor sechzig Jahren gebaut und seitdem mehrfach repariert. Täglich fahren dort "
        "viele Autos, Busse und Fahrräder. Der neue Entwurf sieht vier Spuren, breite Radwege und einen Fußweg "
        "vor, der auch nachts beleuchtet wird."
    )
    assert 0 < style_score(mild)[0] < 2
    assert classify_genre(mild).genre == "commentary"
    assert classify_genre(mild, agency=True).genre == "news report"  # agency copy needs a clearer voice


def test_genre_values():
    assert GENRES == ("news report", "commentary", "other")


def test_an_interview_that_lost_its_line_breaks():
    flat = (
        "Die Chefin der Stadtwerke über Preise. ZEITUNG: Wie teuer wird der Strom? Das hängt vom Winter ab. "
        "ZEITUNG: Und die Gaspreise? Die bleiben stabil, sagen wir."
    )
    assert (classify_genre(flat).genre, classify_genre(flat).source) == ("other", "form")


def test_the_style_evidence_is_the_same_in_every_process():
    """Ties between signals are broken by name, not by set order (which follows each process's
    string hashing): the same text gives the same evidence in every run."""
    import os
    import subprocess
    import sys

    # Six signals seen once each: only three are named, so the tie decides which.
    text = (
        "Das ist offenbar ein Fehler und leider ohnehin absurd, vermutlich sogar fatal, "
        "ausgerechnet jetzt und immerhin armselig für alle Leute hier im Land heute."
    )
    code = "import sys; from tonlage.reading.genre import style_score; print(style_score(sys.argv[1])[1])"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code, text],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(outs) == 1, outs
