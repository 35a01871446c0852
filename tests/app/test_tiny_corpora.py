"""The smallest corpora a reader brings: one article, dated or not. Every page and every part of
a page opens without an error and says what it cannot show (the Compare page crashed on a corpus
whose dated articles are all from one day: its second period began after the last day)."""

from __future__ import annotations

import datetime as dt

import pytest

from components import state
from tonlage.i18n import translator
from tonlage.present.safe import escape_text
from tonlage.storage.workspace import Workspace

EN = translator("en")
TEXT = (
    "Die Außenminister trafen sich am Rande der Generalversammlung in New York. Über einen "
    "Waffenstillstand wurde lange gesprochen, eine Einigung gab es nicht. Beobachter zeigten sich "
    "enttäuscht über den Verlauf der Gespräche und forderten neue Verhandlungen."
)
PAGES = ("overview", "tone", "themes", "actors", "compare", "articles", "pack", "corpus", "check", "about")
PARTS = {
    "tone": ("tone_part", ("Over time", "Article by article", "Who speaks", "Strongest sentences")),
    "themes": ("themes_part", ("Over time", "Words of each theme", "Tone by theme")),
}


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))


@pytest.mark.parametrize("dated", [True, False], ids=["one day", "undated"])
def test_one_article_opens_every_page_and_part(app, dated):
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    ws = Workspace("Eins")
    ingest(ws, [Document("a.txt", (("date 2025-09-24\n\n" if dated else "") + TEXT).encode())])
    at = app()
    at.session_state[state.CORPUS] = "Eins"
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        key, parts = PARTS.get(page, (None, ()))
        for part in parts:
            at.session_state[key] = EN(part)
            at.run()
            assert not at.exception, (page, part, [e.value for e in at.exception])
        if page == "compare":
            said = [i.value for i in at.info]
            if dated:  # one day: no two date ranges (said, not a crash)
                assert said == [
                    EN(
                        "Every dated article is from one day, {day}: there are no two date ranges to compare.",
                        day=escape_text(EN.day(dt.date(2025, 9, 24))),  # a parameter: escaped
                    )
                ]
            else:
                assert len(said) == 1 and said[0].startswith(EN("The article in view has no date")[:30])
