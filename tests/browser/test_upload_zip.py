"""Real browser: upload a zip on the Corpus page, find its article in the reader, restart the
server and find the workspace still there."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from tests.serve import CHROMIUM, CHROMIUM_ARGS, IDLE, browser_marks, running_app, settle
from tonlage import settings

pytestmark = browser_marks()

BODY = (
    "Die Außenminister trafen sich am Rande der Generalversammlung in New York. Über einen "
    "Waffenstillstand wurde lange gesprochen, eine Einigung gab es nicht. Beobachter zeigten sich "
    "enttäuscht über den Verlauf der Gespräche."
)
TITLE = "Zeppelin über Budapest"
WAIT_MS = 120_000  # ingest + first analysis of the new workspace; CI machines are slow and shared


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("clips/a.txt", f"{TITLE} | Eva Muster. 21.10.2025.\n\n{BODY} Der Gipfel wurde abgesagt.")
        z.writestr(
            "clips/b.html",
            "<html><head><title>Zweiter Beitrag</title></head><body><article>"
            + "".join(f"<p>{BODY} Absatz {i}.</p>" for i in range(3))
            + "</article></body></html>",
        )
        z.writestr("__MACOSX/clips/._a.txt", b"\0\5\26\7")
    return path


def _save(page, tmp_path: Path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    if settings.value(settings.SCREENSHOT_DIR):
        Path(settings.value(settings.SCREENSHOT_DIR)).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(settings.value(settings.SCREENSHOT_DIR)) / name)


def test_upload_zip_then_read_it_and_find_it_after_a_restart(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    env["TONLAGE_DATA_DIR"] = str(tmp_path / "data")
    archive = _zip(tmp_path / "clips.zip")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            with running_app(tmp_path / "first.log", env=env) as url:
                page = browser.new_page(viewport={"width": 1400, "height": 1600}, locale="en-US")
                page.set_default_timeout(120_000)
                page.goto(f"{url}/corpus")
                page.wait_for_selector(IDLE)
                page.get_by_role("textbox", name="Workspace").fill("Browser Clips")
                page.get_by_role("textbox", name="Workspace").press("Enter")
                settle(page)  # the run the name started, not the page before it
                page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(archive))
                page.get_by_text("clips.zip").first.wait_for()
                page.get_by_role("button", name="Add to workspace").click()
                expect(page.get_by_text("What happened to every file")).to_be_visible(timeout=WAIT_MS)
                page.wait_for_selector(IDLE)
                expect(page.get_by_text("2 articles added")).to_be_visible(timeout=WAIT_MS)
                _save(page, tmp_path, "10_corpus_after_upload.png")

                page.get_by_role("link", name="Articles").first.click()
                page.wait_for_selector(IDLE)
                expect(page.locator("h3").filter(has_text=TITLE).first).to_be_visible(timeout=WAIT_MS)
                _save(page, tmp_path, "11_uploaded_article_in_reader.png")

            # A new server process: the workspace is still there, reachable by its link.
            with running_app(tmp_path / "second.log", env=env) as url:
                page = browser.new_page(viewport={"width": 1400, "height": 1200}, locale="en-US")
                page.set_default_timeout(120_000)
                page.goto(f"{url}/articles?corpus=Browser+Clips")
                page.wait_for_selector(IDLE)
                expect(page.locator("h3").filter(has_text=TITLE).first).to_be_visible(timeout=WAIT_MS)
        finally:
            browser.close()
