"""Reading bytes we did not write: encodings, mojibake, binary files."""

import codecs
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonlage.ingest.run import load_folder
from tonlage.reading.encoding import decode_bytes, looks_binary, repair_mojibake, repair_mojibake_detail

GERMAN = "Die Gespräche in München über Straßen – „gut“, sagte Müller. Größe: 5 €."


@pytest.mark.parametrize(
    "data,encoding,guessed",
    [
        (GERMAN.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), "utf-8-sig", False),
        (GERMAN.encode("utf-16"), "utf-16", False),  # with BOM
        (GERMAN.encode("utf-16-le"), "utf-16-le", True),  # without BOM
        (GERMAN.encode("utf-16-be"), "utf-16-be", True),
        (GERMAN.encode("cp1252"), "cp1252", True),
        ("Müller".encode("cp1252"), "cp1252", True),  # short: detectors get this wrong
    ],
)
def test_encodings_are_recognised(data, encoding, guessed):
    got = decode_bytes(data)
    assert got.text.lstrip("\ufeff") in (GERMAN, "Müller")
    assert got.encoding == encoding
    assert bool(got.note) == guessed


def test_mojibake_is_repaired_and_said():
    garbled = GERMAN.encode("utf-8").decode("cp1252", errors="replace")
    assert "Ã" in garbled
    got = decode_bytes(garbled.encode("utf-8"))
    assert "Gespräche" in got.text and "München" in got.text and "Ã" not in got.text
    assert "garbled" in got.note


def test_clean_text_is_never_touched_by_the_repair():
    text = "„Das ist gut“ – sagte er… ﬁnal ＡＢＣ"
    assert repair_mojibake(text) == (text, False)


def test_binary_and_utf16_are_told_apart():
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert not looks_binary(GERMAN.encode("utf-16-le"))
    assert not looks_binary(GERMAN.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_decode_without_error(data):
    got = decode_bytes(data)
    assert isinstance(got.text, str) and got.encoding


def test_loader_notes_how_a_file_was_read(tmp_path):
    (tmp_path / "alt.txt").write_bytes(("Titel | Autor. 01.02.2025.\n\n" + GERMAN * 3).encode("cp1252"))
    (tmp_path / "neu.txt").write_text("Titel | Autor. 02.02.2025.\n\n" + GERMAN * 3, encoding="utf-8")
    arts = {a.file: a for a in load_folder(tmp_path).articles}
    assert "Müller" in arts["alt.txt"].text and any("Windows-1252" in n for n in arts["alt.txt"].notes)
    assert arts["neu.txt"].notes == []


# --- misreadings ftfy does not know: repaired word by word --------------------------------------
LONGER = (
    "Die Äußerungen des Präsidenten über die Gespräche in München wurden bestätigt. "
    "„Wir müssen größere Schritte wagen“, sagte die Ministerin – die Kritik blieb."
)
C1 = re.compile("[\u0080-\u009f]")


@pytest.mark.parametrize("codec", ["iso-8859-16", "cp1250", "iso-8859-2", "mac-roman", "iso-8859-15"])
def test_utf8_misread_with_other_code_pages_is_repaired(codec):
    garbled = LONGER.encode("utf-8").decode(codec, errors="replace")
    assert garbled != LONGER
    found = repair_mojibake_detail(garbled)
    assert found.changed and found.words >= 3
    for word in ("Äußerungen", "Präsidenten", "München", "bestätigt", "größere"):
        assert word in found.text, (codec, found.text)


def test_lost_c1_controls_are_filled_from_the_dictionary_and_the_place():
    # ISO-8859-16 turns bytes 0x80-0x9F into invisible controls, which copying often drops:
    # "ß" (C3 9F) becomes a bare "Ă", "„" (E2 80 9E) a bare "â".
    garbled = C1.sub("", LONGER.encode("utf-8").decode("iso-8859-16"))
    assert "Ă" in garbled and "â" in garbled
    found = repair_mojibake_detail(garbled)
    assert "Äußerungen" in found.text and "größere" in found.text and "München" in found.text
    assert "„Wir" in found.text and "wagen“" in found.text and "Ministerin – die" in found.text
    assert found.codec == "ISO-8859-16"


def test_names_without_a_dictionary_word_get_the_likeliest_letter():
    text = "Der Trainer Ante Modrić und Marko Jelač lobten Şener in München sehr."
    garbled = C1.sub("", text.encode("utf-8").decode("iso-8859-16"))
    found = repair_mojibake_detail(garbled).text
    assert "München" in found and "Modrić" in found and "Jelač" in found and "Şener" in found


def test_double_misreading_is_undone():
    twice = LONGER.encode("utf-8").decode("cp1252").encode("utf-8").decode("cp1252")
    assert repair_mojibake(twice)[0] == LONGER


@pytest.mark.parametrize(
    "clean",
    [
        "Rząd przedstawił nowy budżet, który przewiduje oszczędności w prawie wszystkich ministerstwach.",
        "Le gouvernement présente un budget qui prévoit des économies à l’échelle de presque tous les ministères.",
        "Hükümet bu yıl neredeyse tüm bakanlıklarda tasarruf öngören yeni bir bütçe sundu.",
        "Guvernul României a anunțat că ţara va continua să sprijine Ucraina în această iarnă.",
        "Ägypten, Österreich und Übersee: große Pläne für 5 € pro Kopf – „gut“, sagte er.",
    ],
)
def test_clean_text_in_other_languages_is_left_alone(clean):
    assert repair_mojibake(clean) == (clean, False)


def test_decode_note_names_the_code_page_and_an_example():
    garbled = C1.sub("", LONGER.encode("utf-8").decode("iso-8859-16"))
    got = decode_bytes(garbled.encode("utf-8"))
    assert "Äußerungen" in got.text
    assert "ISO-8859-16" in got.note and "garbled" in got.note and "→" in got.note
