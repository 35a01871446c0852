"""The translation catalogues (gettext, managed with Babel): every string of the code is in
them, every one has its German, and a translation keeps the placeholders of its original."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tonlage.i18n import LOCALE_DIR, Message, nmessage, translator

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"(?<!%)\{(\w+)\}")
PLOTLY = re.compile(r"%\{[^}]+\}")


def _catalogue(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "tonlage.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _ids(messages) -> set:
    return {m.id for m in messages if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The strings of the code, extracted now as `make catalogue` does."""
    out = tmp_path_factory.mktemp("pot") / "tonlage.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(out),
            "--no-location",
            "--sort-output",
            "--omit-header",
            "components",
            "app_pages",
            "app.py",
            "tonlage",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with out.open("rb") as fh:
        return read_po(fh)


def test_every_string_of_the_code_is_in_the_catalogues(extracted):
    missing = _ids(extracted) - _ids(_catalogue("de"))
    assert not missing, "run `make catalogue` and translate: " + "; ".join(sorted(map(str, missing))[:10])
    stale = _ids(_catalogue("de")) - _ids(extracted)
    assert not stale, "strings no longer in the code (run `make catalogue`): " + "; ".join(sorted(map(str, stale))[:10])


def test_every_message_has_its_german():
    untranslated = [
        m.id for m in _catalogue("de") if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [m.id for m in _catalogue("de") if m.id and m.fuzzy]
    assert not untranslated, untranslated[:10]
    assert not fuzzy, fuzzy[:10]


def test_the_english_catalogue_translates_nothing():
    """tonlage.i18n does not read the English catalogue (English is the msgids' language): a
    wording changed there would never show; change the msgid in the code instead."""
    changed = [m.id for m in _catalogue("en") if m.id and (any(m.string) if isinstance(m.string, tuple) else m.string)]
    assert not changed, changed[:10]


def test_translations_keep_their_placeholders():
    for m in _catalogue("de"):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = set().union(*(PLACEHOLDER.findall(i) for i in ids)) - {"n"}
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) - {"n"} == want, (m.id, s)
            assert set(PLOTLY.findall(s)) == set().union(*(PLOTLY.findall(i) for i in ids)), (m.id, s)


def test_numbers_dates_and_plurals_follow_the_language():
    en, de = translator("en"), translator("de")
    assert (en.signed(0.1234), de.signed(0.1234), de.signed(-0.5), en.signed(0.001)) == (
        "+0.12",
        "+0,12",
        "−0,50",
        "0.00",
    )
    assert (en.integer(4764), de.integer(4764)) == ("4,764", "4.764")
    assert en.percent(0.35) == "35%" and de.percent(0.35).replace("\xa0", " ") == "35 %"
    assert (en.plotly_separators, de.plotly_separators) == (".,", ",.")
    m = nmessage(
        "{corpus} · {period} · {n} article", "{corpus} · {period} · {n} articles", 1234, corpus="K", period="P"
    )
    assert isinstance(m, Message) and (str(m), de.message(m)) == ("K · P · 1,234 articles", "K · P · 1.234 Artikel")
    assert de.language_name("en") == "Englisch" and en.language_name("de") == "German"
