"""A reader who switches the language keeps every choice, shown in the new language.

Streamlit knows a multiselect or selectbox by its labels and keeps its value as the labels the
reader saw. Before the fix, a theme picked in English stayed on its chip in English after a
switch to German ("Theme 1: …" under "Hauptthema"), and the next page switch dropped it from the
view without a word: the Tone page counted all 5 articles again. Compare's window kept its
English label in the German page. Only a real browser shows this: AppTest sends widget values
its own way."""

from __future__ import annotations

import os
import re

import pytest

from tests.serve import CHROMIUM, CHROMIUM_ARGS, IDLE, browser_marks, running_app
from tonlage.i18n import GENRES, translator

pytestmark = browser_marks()


@pytest.fixture
def server(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    env["TONLAGE_DATA_DIR"] = str(tmp_path / "data")
    with running_app(tmp_path / "streamlit.log", env=env) as url:
        yield url


def _idle(page) -> None:
    page.wait_for_selector(IDLE)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(IDLE)


def _chips(box) -> list[str]:
    """The chips of a multiselect, as a reader sees them (its visible text below its label)."""
    return [line.strip() for line in box.inner_text().splitlines()[1:] if line.strip()]


def _shown(page) -> tuple[int, int]:
    """The sidebar's "N of M articles shown", in either language."""
    text = page.locator("[data-testid=stSidebar]").inner_text()
    found = re.search(r"(\d+) (?:of|von) (\d+) (?:articles shown|Artikeln angezeigt)", text)
    assert found, text[-300:]
    return int(found[1]), int(found[2])


def _pick(box, nth: int) -> None:
    """Choose the ``nth`` option of the multiselect ``box`` and wait until its chip is shown."""
    from playwright.sync_api import expect

    page = box.page
    box.click()
    option = page.locator("[role=option]").nth(nth)
    label = option.inner_text().strip()
    option.click()
    page.keyboard.press("Escape")
    expect(box).to_contain_text(label)
    _idle(page)


def test_filters_and_a_comparison_survive_a_language_switch_in_the_new_language(server):
    from playwright.sync_api import expect, sync_playwright

    en, de = translator("en"), translator("de")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="en-US")
            page.set_default_timeout(90_000)
            page.goto(server)
            _idle(page)
            # the sidebar's multiselects: kind of article, author, main theme, actor
            kinds = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(0)
            themes = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(2)
            expect(themes).to_contain_text("Main theme")
            _pick(themes, 0)
            theme_en = _chips(themes)
            assert len(theme_en) == 1 and theme_en[0].startswith("Theme 1: ")
            n_theme, total = _shown(page)
            _pick(kinds, 0)
            kind_en = _chips(kinds)
            n_view, _ = _shown(page)
            assert 0 < n_view <= n_theme < total, "the two filters narrow the view"
            code = next(g for g in GENRES if en.genre(g) == kind_en[0])

            page.get_by_text("Deutsch", exact=True).click()
            _idle(page)
            expect(themes).to_contain_text(theme_en[0].replace("Theme 1: ", "Thema 1: "))
            assert _chips(kinds) == [de.genre(code)] != kind_en
            assert _shown(page) == (n_view, total)

            # another page: the same filters, still in German
            page.locator("a[href$='/tone']").first.click()
            page.wait_for_url("**/tone**")
            _idle(page)
            assert _shown(page) == (n_view, total), "a page switch after the language switch kept the view"
            assert _chips(themes) == [theme_en[0].replace("Theme 1: ", "Thema 1: ")]
            assert _chips(kinds) == [de.genre(code)]

            # Compare: a window picked in German reads in English after switching back
            page.locator("a[href$='/compare']").first.click()
            page.wait_for_url("**/compare**")
            _idle(page)
            window = page.locator("[data-testid=stMain] [data-testid=stSelectbox]").filter(has_text="Zeitfenster")
            window.click()
            page.locator("[role=option]").filter(has_text=de("{n} days each side", n=30)).click()
            _idle(page)
            page.get_by_text("English", exact=True).click()
            _idle(page)
            window = page.locator("[data-testid=stMain] [data-testid=stSelectbox]").filter(has_text="Window")
            expect(window.locator("input")).to_have_value(en("{n} days each side", n=30))
            assert _shown(page) == (n_view, total)
            assert _chips(themes) == theme_en and _chips(kinds) == kind_en
        finally:
            browser.close()
