"""Checking the tone in a real browser: 30 sentences labelled with the keyboard, the agreement
shown, and the stamp on a tone chart's caption and in the meeting pack built from it."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from tests.browser.test_click_through import _save
from tests.serve import CHROMIUM, IDLE, browser_marks, settle
from tests.serve import CHROMIUM_ARGS as LAUNCH_ARGS

pytestmark = browser_marks()


def _deck_text(path: str) -> str:
    deck = Presentation(io.BytesIO(Path(path).read_bytes()))
    return "\n".join(
        sh.text_frame.text for slide in deck.slides for sh in slide.shapes if getattr(sh, "has_text_frame", False)
    )


def test_label_30_sentences_then_find_the_stamp_on_a_chart_and_in_the_deck(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_context(
                locale="en-US", accept_downloads=True, viewport={"width": 1400, "height": 1000}
            ).new_page()
            page.set_default_timeout(90_000)
            page.goto(f"{server}/check")
            page.wait_for_selector(IDLE)
            expect(page.get_by_text("Tone unchecked on this corpus").first).to_be_visible()
            _save(page, tmp_path, "10_check_start.png")
            for i in range(30):
                # The shortcuts belong to the buttons: a key pressed before they are drawn is lost
                # (the script may be done while the browser still draws the widgets).
                expect(page.get_by_role("button", name="Negative")).to_be_enabled()
                # Keys 1, 2, 3: negative, neutral, positive (the page's own shortcuts)
                page.locator("body").press("123"[i % 3])
                expect(
                    page.get_by_text(f"{i + 1} sentence" + ("" if i == 0 else "s") + " checked").first
                ).to_be_visible()
                page.wait_for_selector(IDLE)
            expect(page.get_by_text("of 30 checked sentences").first).to_be_visible()
            page.get_by_role("tab", name="Agreement").click()
            expect(page.get_by_text("Macro-F1")).to_be_visible()
            expect(page.get_by_text("Where you and Tonlage differ")).to_be_visible()
            _save(page, tmp_path, "11_check_agreement.png")

            # The stamp under a tone chart, then that chart pinned and the deck built
            page.get_by_role("link", name="Tone", exact=True).click()
            page.wait_for_selector(IDLE)
            stamp = page.get_by_text("Tone agrees with a reader on").first
            expect(stamp).to_be_visible()
            _save(page, tmp_path, "12_tone_with_stamp.png")
            page.get_by_role("button", name="Add to meeting pack").first.click()
            # The pin's button, changed: the idle state alone may still be the run before the
            # click, and a page switch then comes before the pin (as in test_meeting.py).
            expect(page.get_by_role("button", name="In the meeting pack (remove)").first).to_be_visible()
            settle(page)
            page.get_by_role("link", name="Meeting pack").click()
            expect(page.get_by_role("heading", name="Meeting pack", exact=True)).to_be_visible()
            settle(page)
            page.get_by_role("button", name="Build deck and PDF").click()
            expect(page.get_by_text("Ready:")).to_be_visible(timeout=180_000)
            with page.expect_download() as dl:
                page.get_by_role("button", name="Download PowerPoint (.pptx)").click()
            text = _deck_text(dl.value.path())
            assert "of 30 checked sentences" in text  # the chart's caption and the method slide
            assert text.count("Tone agrees with a reader on") >= 2
        finally:
            browser.close()
