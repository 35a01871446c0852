"""AppTest fixtures: caches cleared around every test (they outlive AppTest instances)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 180  # a cold analysis of the bundled corpus takes a few seconds; CI machines can be slow


@pytest.fixture(autouse=True)
def _clear_caches(monkeypatch):
    monkeypatch.delenv("TONLAGE_CORPUS_DIR", raising=False)
    # Streamlit's script runner installs app.py as sys.modules["__main__"] and leaves it there;
    # a later "spawn" process pool (the engine's workers) would then re-run the app on import.
    main = sys.modules.get("__main__")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    from components.cached import ahead_idle

    ahead_idle(60)  # work a page started ahead ends before the caches go (it would fill them again)
    st.cache_data.clear()
    st.cache_resource.clear()
    if main is not None:
        sys.modules["__main__"] = main


@pytest.fixture
def app():
    """A factory: ``app(locale="de-DE")`` returns an AppTest that has run once."""

    def make(locale: str | None = "en-US") -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        if locale:
            at.context["locale"] = locale
        return at.run()

    return make


def in_page_order(block, text_of: tuple[str, ...] = ("subheader",)) -> list[tuple[str, str]]:
    """The page's elements of the kinds ``text_of`` (by their text) and its widgets (by key),
    in the order the page shows them."""
    out = []
    for child in block.children.values():
        kind = getattr(child, "type", "")
        if kind in text_of:
            out.append((kind, child.value))
        elif getattr(child, "key", None):
            out.append((kind, child.key))
        if getattr(child, "children", None):
            out.extend(in_page_order(child, text_of))
    return out


def share_link(at: AppTest) -> str:
    """The sidebar's "Link to this view", opened as a reader opens it (its link is only built
    while the box is open)."""
    from components import state

    at.session_state[state.LINK_OPEN] = True
    at.run()
    return [c.value for c in at.sidebar.code][0]
