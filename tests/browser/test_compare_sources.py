"""Two outlets on the Compare page, in a real browser: picked by their chips, kept through a
switch of language (the pickers' labels change; Streamlit knows a widget by its labels), and a
side left empty read as every other outlet."""

from __future__ import annotations

import os

import pytest

from tests.browser.test_click_through import _overview
from tests.browser.test_kept_choices import _chips, _pick, _ran
from tests.corpora import write_sourced_corpus
from tests.serve import browser_marks, running_app, settle
from tonlage.i18n import translator

pytestmark = browser_marks()


@pytest.fixture
def sourced_server(tmp_path):
    """The app on a folder of thirteen articles from three outlets (the last names none)."""
    folder = tmp_path / "clips"
    folder.mkdir()
    write_sourced_corpus(folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    env.update(TONLAGE_DATA_DIR=str(tmp_path / "data"), TONLAGE_CORPUS_DIR=str(folder))
    with running_app(tmp_path / "streamlit.log", env=env) as url:
        yield url


def _metric_labels(page) -> list[str]:
    return [x.strip() for x in page.locator("[data-testid=stMetricLabel]").all_inner_texts()]


def test_two_sources_are_picked_kept_in_german_and_an_empty_side_is_every_other(sourced_server):
    from playwright.sync_api import expect

    en, de = translator("en"), translator("de")
    with _overview(f"{sourced_server}/compare?cmode=sources") as page:  # an English tab at this address
        settle(page)
        main = page.locator("[data-testid=stMain]")
        expect(main.locator("h1").first).to_contain_text(en("Compare two sources"))
        first, second = (main.locator("[data-testid=stMultiSelect]").nth(i) for i in (0, 1))
        assert (_chips(first), _chips(second)) == (["Bonner Rundschau"], ["Kieler Blatt"])
        assert _metric_labels(page) == ["Bonner Rundschau", "Kieler Blatt", en("Difference in tone")]
        expect(main).to_contain_text(en("Tone of the two sides, and the difference"))

        _pick(first, 0, "csa=Jenaer")  # the list offers the outlets not chosen: Jena first
        assert _chips(first) == ["Bonner Rundschau", "Jenaer Anzeiger"]
        expect(page.locator("[data-testid=stMetricLabel]").first).to_contain_text("Bonner Rundschau, Jenaer Anzeiger")

        page.get_by_text("Deutsch", exact=True).click()
        _ran(page, "lang=de")
        expect(main.locator("h1").first).to_contain_text(de("Compare two sources"))
        assert (_chips(first), _chips(second)) == (["Bonner Rundschau", "Jenaer Anzeiger"], ["Kieler Blatt"])
        assert _metric_labels(page)[2] == de("Difference in tone")

        second.get_by_role("button", name="Clear all").click()
        page.wait_for_url(lambda url: "csb=" not in url)
        settle(page)
        expect(page.locator("[data-testid=stMetricLabel]").nth(1)).to_have_text(de("every other source"))
        assert "csb=" not in page.url
