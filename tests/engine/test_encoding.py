"""Reading bytes we did not write: encodings, mojibake, binary files."""

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonlage.corpus import load_folder
from tonlage.encoding import decode_bytes, looks_binary, repair_mojibake

GERMAN = "Die Gespräche in München über Straßen – „gut“, sagte Müller. Größe: 5 €."


@pytest.mark.parametrize("data,encoding,guessed", [
    (GERMAN.encode("utf-8"), "utf-8", False),
    (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), "utf-8-sig", False),
    (GERMAN.encode("utf-16"), "utf-16", False),               # with BOM
    (GERMAN.encode("utf-16-le"), "utf-16-le", True),          # without BOM
    (GERMAN.encode("utf-16-be"), "utf-16-be", True),
    (GERMAN.encode("cp1252"), "cp1252", True),
    ("Müller".encode("cp1252"), "cp1252", True),              # short: detectors get this wrong
])
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
