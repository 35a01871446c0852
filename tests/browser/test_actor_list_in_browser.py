"""Real browser: a reader adds a name to a workspace's actor list on 'Your corpus', saves it,
and the Actors page follows that name through the articles."""

from __future__ import annotations

import os
from datetime import date

from tests.serve import CHROMIUM, CHROMIUM_ARGS, IDLE, browser_marks, running_app, settle

pytestmark = browser_marks()

TEXT = (
    "Koalition vor dem Abschluss | Eva Muster. 24.09.2025.\n\n"
    "Friedrich Merz will die Verhandlungen in dieser Woche abschließen. Der Kanzler lobte die Gespräche. "
    "Lars Klingbeil sprach von einem schwierigen, aber fairen Kompromiss."
)
WAIT_MS = 120_000  # the workspace analysed again; CI machines are slow and shared


def open_first_name_cell(page) -> None:
    """Open the editor of the list's first name (Trump in the standard list). The grid is a
    canvas: a click lands only once it is drawn where it stands, so a click that opened nothing
    is tried again after the page has settled (a slow machine may still be laying it out)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    grid = page.locator("[data-testid='stDataFrame']").first
    for _ in range(6):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 100, box["y"] + 36 + 17)
        page.keyboard.press("Enter")  # opens the cell's editor with its text
        try:
            page.locator("textarea").first.wait_for(timeout=5_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            settle(page)
    page.locator("textarea").first.wait_for()  # fails with the locator's own message


def rename_first(page, name: str):
    """Type ``name`` over the list's first name and return the save button, once the edit has
    reached the server (the button is enabled then). A rerun that lands between opening the
    cell's editor and typing closes the editor and the keys go nowhere (one CI run out of
    many): the edit is then made again, up to three times."""
    from playwright.sync_api import expect

    save = page.get_by_role("button", name="Save the list and analyse again")
    for _ in range(3):
        open_first_name_cell(page)
        page.keyboard.press("Control+A")
        page.keyboard.type(name, delay=20)
        page.keyboard.press("Enter")
        try:
            expect(save).to_be_enabled(timeout=20_000)
            return save
        except AssertionError:
            page.keyboard.press("Escape")
            settle(page)
    expect(save).to_be_enabled()  # fails with the locator's own message
    return save


def test_a_name_added_to_the_list_is_followed_on_the_actors_page(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest
    from tonlage.storage.workspace import Workspace

    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    env["TONLAGE_DATA_DIR"] = str(tmp_path / "data")
    ws = Workspace("Koalition", root=tmp_path / "data")
    ingest(ws, [Document("koalition.txt", TEXT.encode())], today=date(2026, 11, 23))
    with sync_playwright() as p, running_app(tmp_path / "app.log", env=env) as url:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-US")
            page.set_default_timeout(WAIT_MS)
            page.goto(f"{url}/actors?corpus=Koalition")
            page.wait_for_selector(IDLE)
            page.get_by_role("link", name="Change the list of names").click()  # the list comes first there
            page.wait_for_url("**section=actors**")
            settle(page)
            expect(page.get_by_text("People and institutions to follow")).to_be_visible()
            save = rename_first(page, "Merz")
            save.click()
            settle(page)
            expect(page.get_by_text("This workspace has its own list.")).to_be_visible()
            own = Workspace("Koalition", root=tmp_path / "data", create=False).actor_list() or ""
            assert own.splitlines()[1].startswith("Merz,person,Merz|Donald Trump")
            page.goto(f"{url}/actors?corpus=Koalition")
            page.wait_for_selector(IDLE)
            # "Merz" is found in "Friedrich Merz": the mentions chart names him.
            bars = page.locator("[data-testid='stPlotlyChart']").first
            expect(bars).to_contain_text("Merz", timeout=WAIT_MS)
        finally:
            browser.close()
