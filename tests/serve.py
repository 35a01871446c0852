"""Start the app as `make run` does (components/server.py: `streamlit run app.py`) on a free loopback
port: for the browser tests and benchmarks."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tonlage import settings

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


def browser_marks() -> list:
    """``pytestmark`` for a module that needs Debian's chromium: the ``browser`` marker, and a
    skip with the reason when it is missing, and an error when CI (``TONLAGE_REQUIRE_BROWSER``) needs it:
    a missing browser there is a broken setup, not a skip."""
    import pytest

    if CHROMIUM.exists():
        return [pytest.mark.browser]
    if settings.value(settings.REQUIRE_BROWSER):
        raise RuntimeError("TONLAGE_REQUIRE_BROWSER is set but /usr/bin/chromium is missing")
    return [
        pytest.mark.browser,
        pytest.mark.skip(
            reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium); CI installs it"
        ),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, deadline_s: float = 90) -> None:
    """Poll ``/_stcore/health`` until it answers 200, the process dies, or the deadline passes."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            if r.status == 200:
                return
        time.sleep(0.1)  # polling interval, bounded by the deadline
    raise TimeoutError(f"{url} did not become healthy within {deadline_s} s")


@contextlib.contextmanager
def running_app(
    log_path: Path, env: dict | None = None, health_deadline_s: float = 90, script: str = "app.py", plain: bool = False
):
    """Run the app (or another ``script``) until the block ends; yields its base URL.
    Terminate → wait → kill. ``plain``: the app with `streamlit run app.py`, not as `make run`."""
    with serving(log_path, env=env, health_deadline_s=health_deadline_s, script=script, plain=plain) as (url, _proc):
        yield url


@contextlib.contextmanager
def serving(
    log_path: Path,
    env: dict | None = None,
    health_deadline_s: float = 90,
    script: str = "app.py",
    extra_args: tuple[str, ...] = (),
    plain: bool = False,
):
    """As :func:`running_app`, but yields ``(url, process)``: the load bench reads the server's
    CPU time and memory from its process id. ``extra_args`` go to ``streamlit run``."""
    port = free_port()
    env = dict(os.environ if env is None else env)
    with open(log_path, "wb") as log:
        # The app as `make run` serves it (components/server.py); any other script as is.
        launch = ["-m", "components.server"] if script == "app.py" and not plain else ["-m", "streamlit", "run", script]
        proc = subprocess.Popen(
            [
                sys.executable,
                *launch,
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                # (no file watcher: .streamlit/config.toml, read from ROOT, says so for every server)
                *extra_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc, health_deadline_s)
            yield url, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


def settle(page) -> None:
    """Wait until the app's run has finished, the page has fetched what it asked for, and any
    run that asked for again after it has finished too."""
    page.wait_for_selector(IDLE)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(IDLE)


def open_tab(page, label: str) -> None:
    """Open the tab ``label`` of the page's main part and wait until the run it asks for has
    finished. A click that lands while the page is drawn again can be lost: in a CI run under
    load the Compare page stayed on "Themes and actors" after a click on "Example sentences"
    (seen once in 36 tries here with two cores busy). So the tab is clicked again if, once the
    app is idle, it is not the one shown; the test then reads the part it asked for."""
    from playwright.sync_api import expect

    tab = page.locator("[data-testid=stMain]").get_by_role("tab", name=label, exact=True)
    for _ in range(2):
        tab.click()
        settle(page)
        if tab.get_attribute("aria-selected") == "true":
            break
    expect(tab).to_have_attribute("aria-selected", "true")
    settle(page)


def open_from_menu(page, path: str) -> None:
    """Click the top menu's link to ``path`` (from the "Data & method" menu for the pages about
    the data) and wait until the address is that page's. What the page shows is the caller's
    to wait for."""
    link = page.locator(f"[data-testid=stTopNavLink][href$='/{path}']")
    if not link.count():
        page.locator("[data-testid=stTopNavSection]").last.click()
        link = page.locator(f"[data-testid=stTopNavDropdownLink][href$='/{path}']")
    link.first.click()
    page.wait_for_url(f"**/{path}**")


@contextlib.contextmanager
def german_page(url: str, *, width: int = 1400, height: int = 900):
    """A headless Chromium page with a German locale, opened at ``url`` and waited on until the
    app is idle (closed after)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="de-DE", viewport={"width": width, "height": height}).new_page()
            page.set_default_timeout(90_000)
            page.goto(url)
            page.wait_for_selector(IDLE)
            yield page
        finally:
            browser.close()


def options_of(box, which: int | str | None = None):
    """Open the multiselect or selectbox ``box`` and return its option list (or the option
    ``which``: a position or a text), once it is shown. A click while the page is drawn again may
    open nothing (CI saw a selectbox stay shut for 90 s), so the list is opened again."""
    page = box.page
    options = page.locator("[role=option]")
    option = options.nth(which) if isinstance(which, int) else options.filter(has_text=which) if which else options
    for _ in range(2):
        box.click()
        try:
            option.first.wait_for(timeout=10_000)
            return option
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: open the list again
            page.keyboard.press("Escape")
            settle(page)
    box.click()
    option.first.wait_for(timeout=90_000)
    return option


def choose(box, which: int | str) -> None:
    """Choose the option ``which`` (a position or a text) of the multiselect or selectbox ``box``.
    A run that draws the page again can shut the list between its opening and the click (CI saw
    the click wait 90 s for an option no longer shown), so the list is opened again then."""
    page = box.page
    for _ in range(2):
        try:
            options_of(box, which).first.click(timeout=10_000)
            return
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: open the list again
            page.keyboard.press("Escape")
            settle(page)
    options_of(box, which).first.click()
