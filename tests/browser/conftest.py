"""Browser tests wait for what the page shows, never for a fixed time. Playwright's assertions
give up after 5 s by default, and on a shared 2-core CI machine running the whole suite, a
rerun after a key press took longer (the first sentence labelled on the Check-the-tone page):
the assertions wait up to a minute before they fail."""

import os

import pytest

from tests.serve import running_app


@pytest.fixture(autouse=True, scope="session")
def _patient_assertions():
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)


@pytest.fixture
def server(tmp_path):
    """The app as `make run` serves it, on the bundled corpus, with a data folder of its own
    (pins, labels and edits start empty). A module that needs another corpus defines its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    env["TONLAGE_DATA_DIR"] = str(tmp_path / "data")
    with running_app(tmp_path / "streamlit.log", env=env) as url:
        yield url
