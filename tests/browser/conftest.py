"""Browser tests wait for what the page shows, never for a fixed time. Playwright's assertions
give up after 5 s by default, and on a shared 2-core CI machine running the whole suite, a
rerun after a key press took longer (the first sentence labelled on the Check-the-tone page):
the assertions wait up to a minute before they fail."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _patient_assertions():
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)
