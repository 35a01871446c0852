"""In a real browser, the app asks no host but its own server for anything, on every page.

The server runs with a workspace full of hostile strings (:mod:`tests.hostile.strings`):
Markdown images and links, bare URLs, raw HTML in titles, notes, file names, authors,
sources, event labels and the workspace's name. Chromium runs with every request that
leaves the server's origin blocked and recorded; the test visits every page (and every
article in the reader), and fails on any such request — a tracker pixel, a web font, an icon.
It also fails when hostile text turned into a live link or image in the page.
"""

from __future__ import annotations

import contextlib
import os
import urllib.parse

import pytest

from tests.hostile.strings import TRACKER, hostile_workspace
from tests.serve import CHROMIUM, CHROMIUM_ARGS, browser_marks, choose, open_from_menu, options_of, running_app, settle

pytestmark = browser_marks()

PAGES = ("", "tone", "themes", "actors", "compare", "articles", "pack", "check", "corpus", "about")


@pytest.fixture
def server(tmp_path):
    data = tmp_path / "data"
    name = hostile_workspace(data, tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    env["TONLAGE_DATA_DIR"] = str(data)
    with running_app(tmp_path / "streamlit.log", env=env) as url:
        yield url, name


def _visit(page, url: str) -> None:
    page.goto(url)
    settle(page)


def _every_page(page, origin: str, where: str) -> list[str]:
    """Open each page from the top menu (as a reader would, in one session: a full reload per
    page cost ~3 s more and loads nothing the first load did not) and collect the live links each
    shows. Waits for the page's own heading before reading it."""
    from playwright.sync_api import expect

    found = [f"/{where}: {x}" for x in _live_links(page, origin)]
    for path in PAGES[1:]:
        before = page.locator("[data-testid=stMain] h1").first.inner_text()
        open_from_menu(page, path)
        expect(page.locator("[data-testid=stMain] h1").first).not_to_have_text(before)
        settle(page)
        found += [f"/{path} {where}: {x}" for x in _live_links(page, origin)]
    return found


def _live_links(page, origin: str) -> list[str]:
    """Links and images in the page that point away from the server."""
    return page.evaluate(
        """(origin) => {
        const out = [];
        for (const a of document.querySelectorAll('a[href]')) {
            const h = a.href;
            if (h && !h.startsWith(origin) && !h.startsWith('javascript:void') && !h.startsWith('#')) out.push('a ' + h);
        }
        for (const i of document.querySelectorAll('img[src], image[href], source[srcset]')) {
            const s = i.src || i.getAttribute('href') || i.getAttribute('srcset') || '';
            if (s && !s.startsWith(origin) && !s.startsWith('data:') && !s.startsWith('blob:')) out.push('img ' + s);
        }
        return out;
    }""",
        origin,
    )


@contextlib.contextmanager
def _guarded_page(url: str):
    """A Chromium page whose requests to any host but the server are blocked. Yields the page and
    the list the blocked addresses are added to."""
    from playwright.sync_api import sync_playwright

    origin = url.rstrip("/")
    outside: list[str] = []

    def guard(route) -> None:
        target = route.request.url
        if target.startswith(origin) or target.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(target)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
            context.route("**/*", guard)
            page = context.new_page()
            page.set_default_timeout(90_000)
            yield page, outside
        finally:
            browser.close()


# Two tests, one browser each, so that parallel workers share the ~80 s of the whole visit.


def test_no_request_leaves_the_server_on_the_bundled_pages(server):
    url, _name = server
    with _guarded_page(url) as (page, outside):
        _visit(page, url)
        links = _every_page(page, url.rstrip("/"), "bundled")
    assert not outside, "requests left the server:\n" + "\n".join(sorted(set(outside)))
    assert not links, "live links or images to other hosts:\n" + "\n".join(sorted(set(links)))


def test_no_request_leaves_the_server_with_hostile_text_nor_from_its_articles(server, tmp_path):
    url, name = server
    origin = url.rstrip("/")
    corpus = urllib.parse.quote(name)
    with _guarded_page(url) as (page, outside):
        _visit(page, f"{url}/?corpus={corpus}")
        links = _every_page(page, origin, "hostile")
        kept = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query).get("corpus")
        assert kept == [name], "the menu kept the hostile workspace open"
        # every article in the reader (its note, source, URL and sentences)
        _visit(page, f"{url}/articles?corpus={corpus}")
        box = page.locator("[data-testid=stSelectbox]").filter(has_text="Open article")
        n = options_of(box).count()
        page.keyboard.press("Escape")
        assert n >= 9, "the hostile workspace's articles are listed"
        for i in range(n):
            choose(box, i)
            settle(page)
            links += [f"article {i}: {x}" for x in _live_links(page, origin)]
        assert page.get_by_text("Note on this file").count() + page.get_by_text(TRACKER).count() > 0
        page.screenshot(path=str(tmp_path / "hostile_reader.png"), full_page=True)
    assert not outside, "requests left the server:\n" + "\n".join(sorted(set(outside)))
    assert not links, "live links or images to other hosts:\n" + "\n".join(sorted(set(links)))
