"""Every case of the catalogue through the app: uploaded in the Corpus page's upload box (with a
good article), its report line checked, and the workspace it makes opened on every page with
what is drawn scanned for untrusted text that is not inert (:mod:`tests.hostile.scan`)."""

from __future__ import annotations

import pytest

from components import state
from tests.hostile.catalogue import CASES, GOOD
from tests.hostile.scan import scan
from tests.hostile.test_cli import _LIMIT_ENV

pytestmark = pytest.mark.slow

PAGE = "app_pages/corpus.py"
PAGES = (
    "app_pages/overview.py",
    "app_pages/tone.py",
    "app_pages/themes.py",
    "app_pages/actors.py",
    "app_pages/compare.py",
    "app_pages/articles.py",
    "app_pages/corpus.py",
)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _report(at):
    frames = [d.value for d in at.dataframe if "reason" in d.value.columns]
    assert frames, "the ingest report is shown"
    return {r["file"]: r for r in frames[0].to_dict("records")}


def _upload(at, name: str, files):
    round_ = at.session_state.get(state.UPLOAD_ROUND, 0)
    box = [w for w in at.text_input if w.key and w.key.startswith("ws_name_")][0]
    box.set_value(name)
    at.file_uploader(key=f"upload_{round_}").set_value([(n, data, "application/octet-stream") for n, data in files])
    at.run()
    at.button(key="add_files").click()
    return at.run()


# The catalogue in four parts, one app each, so that parallel workers share its ~85 s.
PARTS = 4


@pytest.mark.parametrize("part", range(PARTS))
def test_every_case_through_the_upload_box(app, monkeypatch, part):
    at = app()
    at.switch_page(PAGE).run()
    problems: list[str] = []
    for i, case in list(enumerate(CASES))[part::PARTS]:
        for field, value in case.limits.items():
            monkeypatch.setenv(_LIMIT_ENV[field], str(value))
        at = _upload(at, f"Fall {i}", [("gut.txt", GOOD.encode()), *case.files])
        assert not at.exception, (case.name, [e.value for e in at.exception])
        rows = _report(at)
        assert rows["gut.txt"]["status"] == "loaded", case.name
        for file, (_status, word) in case.expect.items():
            assert file in rows, (case.name, file, list(rows))
            assert word.lower() in str(rows[file]["reason"]).lower(), (case.name, rows[file])
        problems += [f"{case.name}: corpus page: {p}" for p in scan(at)]
        for field in case.limits:
            monkeypatch.delenv(_LIMIT_ENV[field])
    assert not problems, "\n".join(problems)


NEW = [
    c
    for c in CASES
    if c.name
    in {
        "homoglyph title",
        "bidi override in a title",
        "terminal escapes in a title and a file name",
        "spreadsheet formulas in every column of a CSV",
        "a Markdown image and link in the file name",
        "a note with a remote image in metadata.csv",
        "events with formulas (events.csv in an upload)",
        "data: URIs in HTML",
    }
]


def test_new_cases_are_inert_on_every_page(app):
    """The cases whose text is most likely to reach a page: all in one workspace, every page."""
    at = app()
    at.switch_page(PAGE).run()
    files = [("gut.txt", GOOD.encode())] + [f for c in NEW for f in c.files]
    at = _upload(at, "Neue Faelle", files)
    assert at.session_state[state.CORPUS] == "Neue Faelle"
    problems = []
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        problems += [f"{page}: {p}" for p in scan(at)]
    at.switch_page("app_pages/articles.py").run()
    for i in range(len(at.selectbox(key=state.ARTICLE_PICK).options)):
        at.selectbox(key=state.ARTICLE_PICK).select_index(i).run()
        problems += [f"article {i}: {p}" for p in scan(at)]
    assert not problems, "\n".join(problems)
