"""One real-browser path: click an article on the Overview timeline, read it on the Articles page.

Runs `streamlit run app.py` on a free 127.0.0.1 port and drives Debian's chromium with
Playwright. Skips only when /usr/bin/chromium is missing (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                               "(apt-get install chromium); CI installs it")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, deadline_s: float = 90) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)  # polling interval, bounded by the deadline
    raise TimeoutError(f"{url} did not become healthy within {deadline_s} s")


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    log = (tmp_path / "streamlit.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


def _save(page, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    extra = os.environ.get("TONLAGE_SCREENSHOT_DIR")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(extra) / name)
    return shot


def test_click_point_opens_article(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-US")
            page.set_default_timeout(90_000)
            page.goto(server)
            page.wait_for_selector(IDLE)
            chart = page.locator("[data-testid=stPlotlyChart]").first
            point = chart.locator(".scatterlayer .trace .points path.point").first
            point.wait_for(state="attached")
            box = point.bounding_box()
            assert box, "the timeline has no visible article points"
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x, y)
            hover = page.locator(".hoverlayer .hovertext").first
            hover.wait_for(state="visible")
            title = hover.locator("text tspan.line").first.text_content() or ""
            title_start = title.strip().rstrip("…").strip()[:40]
            assert title_start, f"hover has no title: {title!r}"
            _save(page, tmp_path, "01_overview_hover.png")

            page.mouse.click(x, y)
            page.wait_for_url("**/articles**")
            page.wait_for_selector(IDLE)
            reader_title = page.locator("h3").filter(has_text=title_start)
            expect(reader_title.first).to_be_visible()
            # the reader shows the text sentence by sentence with a tone tint
            expect(page.locator("span[title*='Tone']").first).to_be_visible()
            shot = _save(page, tmp_path, "02_articles_reader.png")
            assert shot.stat().st_size > 10_000
        finally:
            browser.close()
