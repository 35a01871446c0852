"""Real-browser paths: click an article on the Overview timeline (or an actor's bar), read it on the Articles page.

Runs `streamlit run app.py` on a free 127.0.0.1 port and drives Debian's chromium with
Playwright. Skips only when /usr/bin/chromium is missing (CI installs it).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.serve import CHROMIUM, IDLE, browser_marks, options_of, running_app, settle
from tests.serve import CHROMIUM_ARGS as LAUNCH_ARGS
from tonlage import settings

pytestmark = browser_marks()


@pytest.fixture
def server(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    with running_app(tmp_path / "streamlit.log", env=env) as url:
        yield url


def _save(page, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    extra = settings.value(settings.SCREENSHOT_DIR)
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(extra) / name)
    return shot


@contextmanager
def _overview(server):
    """A 1,400 px English browser tab on the Overview, its first run finished."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-US")
            page.set_default_timeout(90_000)
            page.goto(server)
            page.wait_for_selector(IDLE)
            yield page
        finally:
            browser.close()


def _hover(page, mark, hover) -> tuple[float, float]:
    """Move the mouse onto ``mark`` until its hover shows; returns where the mouse is. The mark
    is measured afresh for each try: a chart drawn again, or a part of the page filled above it,
    moves it from under a mouse that stays still, and no hover comes (a CI run under load
    waited 90 s for one after a single move)."""
    for attempt in range(3):
        settle(page)
        box = mark.bounding_box()
        assert box, "the mark went away"
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x - 3, y)  # (from beside it: a move onto where the mouse is sends no event)
        page.mouse.move(x, y)
        try:
            hover.wait_for(state="visible", timeout=15_000 if attempt < 2 else 90_000)
            return x, y
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: measure and move again
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _click_to_articles(page, mark, hover, read=lambda text: text):
    """Hover ``mark``, then click it until the Articles page opens: clicked where the mark is
    now, since a screenshot or a run that fills the page above may have moved it (a click beside
    it opens nothing, as a reader would see); measured afresh and tried again if it missed.
    Returns ``read`` of the hover's text at the click that worked."""
    for attempt in range(3):
        x, y = _hover(page, mark, hover)
        found = read(hover.text_content() or "")
        page.mouse.click(x, y)
        try:
            page.wait_for_url("**/articles**", timeout=20_000 if attempt < 2 else 90_000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: measure and click again
            if attempt == 2:
                raise
    page.wait_for_selector(IDLE)
    return found


def test_click_point_opens_article(server, tmp_path):
    from playwright.sync_api import expect

    with _overview(server) as page:
        chart = page.locator("[data-testid=stPlotlyChart]").first
        point = chart.locator(".scatterlayer .trace .points path.point").first
        point.wait_for(state="attached")
        assert point.bounding_box(), "the timeline has no visible article points"
        hover = page.locator(".hoverlayer .hovertext").first
        _hover(page, point, hover)
        title = hover.locator("text tspan.line").first.text_content() or ""
        title_start = title.strip().rstrip("…").strip()[:40]
        assert title_start, f"hover has no title: {title!r}"
        _save(page, tmp_path, "01_overview_hover.png")

        _click_to_articles(page, point, hover)
        reader_title = page.locator("h3").filter(has_text=title_start)
        expect(reader_title.first).to_be_visible()
        # the reader shows the text sentence by sentence with a tone tint
        expect(page.locator("span[title*='tone' i]").first).to_be_visible()
        shot = _save(page, tmp_path, "02_articles_reader.png")
        assert shot.stat().st_size > 10_000


def test_click_actor_bar_opens_the_articles_naming_it(server, tmp_path):
    """A bar of the Overview's actor chart opens the articles that name the actor: as many as
    the bar's hover says (the page makes the view's actor rows only for such a click)."""
    import re

    from playwright.sync_api import expect

    with _overview(server) as page:
        chart = page.locator("[data-testid=stPlotlyChart]").filter(has_text="Who is mentioned")
        bar = chart.locator(".barlayer .trace .point path").first
        bar.wait_for(state="attached")
        chart.scroll_into_view_if_needed()
        hover = page.locator(".hoverlayer .hovertext").first
        said = _click_to_articles(page, bar, hover, read=lambda text: re.search(r"mentions in (\d+) articles", text))
        assert said, "the bar's hover names no article count"
        n = int(said.group(1))
        if n > 1:
            expect(page.get_by_text(f"You picked {n} articles in a chart")).to_be_visible()
        else:  # one article: it is opened, with no list of picks
            assert page.get_by_text("You picked").count() == 0
        _save(page, tmp_path, "05_actor_bar_articles.png")


def test_shared_link_reopens_the_same_view(server, tmp_path):
    """A link copied from one browser opens the same page, language, themes and filters in a
    fresh browser context (no shared cookies or session)."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            first = browser.new_context(locale="en-US").new_page()
            first.set_default_timeout(90_000)
            first.goto(f"{server}/tone?lang=de&genre=commentary&k=2&from=2025-08-01")
            first.wait_for_selector(IDLE)
            first.get_by_text("Link zu dieser Ansicht").click()
            link = first.locator("[data-testid=stCode] code").first.inner_text().replace("\n", "")
            assert "/tone?" in link and "genre=commentary" in link and "k=2" in link
            fresh = browser.new_context(locale="en-US").new_page()  # an English browser
            fresh.set_default_timeout(90_000)
            assert link.startswith(server)
            fresh.goto(link)
            fresh.wait_for_selector(IDLE)
            expect(
                fresh.get_by_role("heading", name="Tonlage: Wie negativ oder positiv ist die Wortwahl?")
            ).to_be_visible()
            expect(fresh.locator("[data-testid=stSidebar]").get_by_text("Kommentar", exact=True)).to_be_visible()
            expect(fresh.locator("[data-testid=stSidebar]").get_by_text("4 von 5 Artikeln angezeigt")).to_be_visible()
            _save(fresh, tmp_path, "03_shared_link.png")
        finally:
            browser.close()


def test_overview_path_opens_the_overview(server, tmp_path):
    """/overview (the Overview's own name, as people type or bookmark it) opens the Overview
    with the link's settings, not a "page not found" dialog."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_context(locale="en-US").new_page()
            page.set_default_timeout(90_000)
            page.goto(f"{server}/overview?lang=de&genre=commentary")
            page.wait_for_selector(IDLE)
            expect(page.get_by_role("heading", name="Korpus auf einen Blick")).to_be_visible()
            expect(page.locator("[data-testid=stSidebar]").get_by_text("Kommentar", exact=True)).to_be_visible()
            assert page.get_by_text("Page not found").count() == 0
            assert page.get_by_text("Seite nicht gefunden").count() == 0
            assert page.locator("[role=dialog]").count() == 0
            _save(page, tmp_path, "04_overview_path.png")
        finally:
            browser.close()


def test_a_comparison_survives_a_round_trip_through_the_menu(server, tmp_path):
    """The reader sets up a comparison, opens Articles from the menu and comes back by the menu:
    the same event is compared (Streamlit forgets the widgets of a page it did not draw)."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_context(locale="de-DE", viewport={"width": 1400, "height": 1000}).new_page()
            page.set_default_timeout(90_000)
            page.goto(f"{server}/compare")
            settle(page)
            event = page.get_by_role("combobox", name="Ereignis", exact=True)
            default = event.input_value()
            picked = next(t for t in options_of(event).all_inner_texts() if t != default)
            page.get_by_role("option", name=picked, exact=True).click()
            # While the pick's run draws the page, Streamlit can show the old selectbox beside the
            # new one (Playwright then fails at once on two "Ereignis"): read it once it is done.
            settle(page)
            expect(event).to_have_value(picked)
            page.get_by_role("link", name="Artikel", exact=True).first.click()
            expect(page.get_by_role("heading", name="Artikel", exact=True)).to_be_visible()
            settle(page)
            page.get_by_role("link", name="Vergleich", exact=True).first.click()
            expect(page.get_by_role("heading", name="Zwei Zeiträume vergleichen")).to_be_visible()
            settle(page)
            _save(page, tmp_path, "05_compare_round_trip.png")
            expect(page.get_by_role("combobox", name="Ereignis", exact=True)).to_have_value(picked)
        finally:
            browser.close()
