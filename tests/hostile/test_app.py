"""The app shows untrusted text as its own characters on every page (AppTest).

A workspace whose titles, authors, sources, URLs, notes, file names, column names, event
labels and own name are all hostile (:mod:`tests.hostile.strings`) is opened on every page,
every article in the reader; what the app sends to the browser is scanned
(:mod:`tests.hostile.scan`).
"""

from __future__ import annotations

import pytest

from components import state
from tests.hostile.scan import scan, shown_strings
from tests.hostile.strings import hostile_workspace

PAGES = (
    "app_pages/overview.py",
    "app_pages/tone.py",
    "app_pages/themes.py",
    "app_pages/actors.py",
    "app_pages/compare.py",
    "app_pages/articles.py",
    "app_pages/corpus.py",
    "app_pages/about.py",
)
# Where the hostile text must get through to (else the scan proves nothing): a piece of it
# (the tracker's name, escaped or not) in an element of that kind on that page.
REACHES = {
    "app_pages/overview.py": "plotly_chart",
    "app_pages/tone.py": "plotly_chart",  # the outlets' names on the chart by source too
    "app_pages/compare.py": "markdown",
    "app_pages/corpus.py": "expander",
    "app_pages/about.py": "markdown",
    "app_pages/articles.py": "subheader",
}

# The pages in parts (components.ui.page_tabs): every part is opened and scanned.
PARTS_KEYS = {
    "app_pages/tone.py": "tone_part",
    "app_pages/themes.py": "themes_part",
    "app_pages/compare.py": "compare_part",
}


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    data = tmp_path / "data"
    name = hostile_workspace(data, tmp_path)
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(data))
    return name


def _fresh(name: str):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context["locale"] = "en-US"
    at.query_params[state.QP_CORPUS] = name
    return at.run()


def _problems(at, where: str) -> list[str]:
    assert not at.exception, (where, [e.value for e in at.exception])
    return [f"{where}: {p}" for p in scan(at)]


def _none(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_every_page_shows_hostile_text_inert(hostile):
    at = _fresh(hostile)
    assert at.session_state[state.CORPUS] == hostile, "the hostile workspace is open"
    problems = []
    for page in PAGES:
        at.switch_page(page).run()
        problems += _problems(at, page)
        got = _reached(at, page)
        if page in PARTS_KEYS:
            labels = [t.label for t in at.tabs]
            assert len(labels) >= 3, (page, labels)
            for label in labels[1:]:
                at.session_state[PARTS_KEYS[page]] = label
                at.run()
                problems += _problems(at, f"{page}, part {label}")
                got += _reached(at, page)
            at.session_state[PARTS_KEYS[page]] = labels[0]
        if page in REACHES:
            assert got, f"no hostile text reached a {REACHES[page]} on {page}: the check proves nothing there"
    _none(problems)


def _reached(at, page: str) -> list[str]:
    """The hostile text that reached the kind of element ``REACHES`` names for ``page``."""
    if page not in REACHES:
        return []
    return [x for x in shown_strings(at, kinds={REACHES[page]}) if "tracker" in x.replace("&#46;", ".")]


def test_every_article_in_the_reader_is_inert(hostile):
    at = _fresh(hostile)
    at.switch_page("app_pages/articles.py").run()
    ids = list(at.selectbox(key=state.ARTICLE_PICK).options)
    assert len(ids) >= 9
    notes_seen = corrected_seen = 0
    problems = []
    for i in range(len(ids)):
        at.selectbox(key=state.ARTICLE_PICK).select_index(i).run()
        problems += _problems(at, f"article {i}")
        notes_seen += any("Note on this file" in c.value for c in at.caption)
        corrected_seen += any("Hinweis" in m.value for m in at.markdown if "Date" in m.value)
    assert notes_seen >= 2, "the notes from metadata.csv are shown (and inert)"
    assert corrected_seen >= 2, "the date notes from metadata.csv are shown (and inert)"
    _none(problems)


def test_the_meeting_pack_and_presentation_are_inert(hostile):
    at = _fresh(hostile)
    at.switch_page("app_pages/pack.py").run()
    at.button(key="pack_start_overview").click().run()
    problems = _problems(at, "pack")
    at.button(key="present_start").click().run()
    _none(problems + _problems(at, "presentation"))


def test_two_hostile_outlets_compared_are_inert(hostile):
    """The Compare page's "Two sources" names the outlets in its pickers, its figures, its
    charts, its findings and its examples: all of it from the articles."""
    at = _fresh(hostile)
    at.switch_page("app_pages/compare.py").run()
    at.radio(key=state.COMPARE_MODE).set_value("sources").run()
    first, second = (at.multiselect(key=k).value for k in state.COMPARE_SOURCES)
    assert first and second and first != second
    problems = _problems(at, "compare two sources")
    got = []
    for label in [t.label for t in at.tabs]:  # every part of the page
        at.session_state["compare_part"] = label
        at.run()
        problems += _problems(at, f"compare two sources, part {label}")
        got += [x for x in shown_strings(at, kinds={"markdown"}) if "tracker" in x.replace("&#46;", ".")]
    assert got, "the hostile outlets' names reached the page: the check proves something"
    at.button(key="compare_pin_all").click().run()
    at.switch_page("app_pages/pack.py").run()
    _none(problems + _problems(at, "pack of two sources"))
