"""Real browser: the Overview marks an article far outside the main period, and one click on
"Show only the main period" narrows the sidebar's date filter and the share link to it."""

from __future__ import annotations

import os

from tests.corpora import WITH_AN_OUTLIER, write_dated_corpus
from tests.serve import CHROMIUM, CHROMIUM_ARGS, IDLE, browser_marks, running_app

pytestmark = browser_marks()


def test_one_click_narrows_to_the_main_period(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_dated_corpus(corpus, WITH_AN_OUTLIER)
    env = dict(os.environ, TONLAGE_CORPUS_DIR=str(corpus), TONLAGE_DATA_DIR=str(tmp_path / "data"))
    with sync_playwright() as p, running_app(tmp_path / "app.log", env=env) as url:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1400}, locale="en-US")
            page.set_default_timeout(120_000)
            page.goto(url)
            page.wait_for_selector(IDLE)
            expect(page.get_by_text("Article outside the main period")).to_be_visible()
            expect(page.get_by_text("13 of 13 articles shown")).to_be_visible()
            page.get_by_role("button", name="Show only the main period").click()
            expect(page.get_by_text("12 of 13 articles shown")).to_be_visible()
            page.wait_for_selector(IDLE)
            assert "from=2025-03-01" in page.url
            expect(page.get_by_role("button", name="Show only the main period")).to_have_count(0)
        finally:
            browser.close()
