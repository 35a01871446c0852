"""The load bench's light reader completes a reader's session against a real server: it opens
the app, changes a filter and switches page over Streamlit's own websocket protocol, and sees
the app's output (widgets, pages, no exception). Starts its own server on a free port."""

from __future__ import annotations

import asyncio
import os

import pytest

from bench.load import Crowd, reader
from bench.streamlit_client import ReaderClient
from tests.serve import running_app, serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    with running_app(tmp_path_factory.mktemp("load") / "streamlit.log", env=env) as url:
        yield url


def test_one_reader_opens_filters_and_switches_page(server):
    async def session():
        async with ReaderClient(server, timeout=240) as c:
            opened = await c.open()
            genres = c.options("filter_genres")
            filtered = await c.set_multiselect("filter_genres", [genres[0]])
            linked = c.query
            paged = await c.switch_page("tone")
            searched = await c.set_text_input("filter_words", "Zzyzxqwort")
            none_shown = [x for x in c.texts if "articles shown" in x]
            return c, opened, genres, filtered, linked, paged, searched, none_shown

    c, opened, genres, filtered, linked, paged, searched, none_shown = asyncio.run(session())
    assert not opened.exceptions and not filtered.exceptions and not paged.exceptions
    assert opened.elements > 20 and filtered.elements > 20 and paged.elements > 20
    # The Overview sends its first chart before the rest of the page (findings, more charts).
    assert opened.first_chart_s is not None and 0 < opened.first_chart_s < opened.seconds
    assert set(c.pages) >= {"", "tone", "themes", "articles"}
    assert genres  # the bundled corpus has kinds of article to pick from
    # The filter reached the app: it wrote the choice into the link of this view.
    assert "genre=" in linked
    assert c.page_hash == c.pages["tone"]
    # Typed words reach the app as a reader's do: none of the articles holds this one.
    assert not searched.exceptions and none_shown and none_shown[0].startswith("0 of ")
    assert "words=Zzyzxqwort" in c.query


def test_a_reader_opens_a_part_of_a_page_in_tabs(server):
    async def session():
        async with ReaderClient(server, timeout=240) as c:
            await c.open()
            await c.switch_page("tone")
            first = list(c.texts)
            opened = await c.set_tab("tone_part", "Strongest sentences")
            return first, opened, list(c.texts)

    first, opened, texts = asyncio.run(session())
    assert not opened.exceptions
    assert not any("Most negative" in x for x in first)  # the part is built only once it is open
    assert any("Most negative" in x for x in texts)


def test_the_bench_reader_does_its_rounds_without_errors(server):
    crowd = Crowd()
    asyncio.run(reader(server, "", 1, crowd, seed=0, timeout=240))
    assert crowd.errors == []
    assert sorted(crowd.times) == ["filter", "open", "page"]


def test_a_served_session_watches_none_of_the_apps_files(tmp_path):
    """The server runs as .streamlit/config.toml sets it: no file watcher. With one (Streamlit's
    default), every new session walked all loaded modules for the app's files, ~0.5 s of the
    server's CPU a session, and held inotify watches on them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}

    async def open_once(url):
        async with ReaderClient(url, timeout=240) as c:
            return await c.open()

    with serving(tmp_path / "streamlit.log", env=env) as (url, proc):
        opened = asyncio.run(open_once(url))
        links = []
        for fd in os.listdir(f"/proc/{proc.pid}/fd"):
            try:
                links.append(os.readlink(f"/proc/{proc.pid}/fd/{fd}"))
            except OSError:  # closed meanwhile
                continue
    assert not opened.exceptions and opened.elements > 20
    assert links and not [x for x in links if "inotify" in x]
