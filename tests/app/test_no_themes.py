"""A workspace whose articles cannot form themes says why on the Themes page, instead of
claiming that no article matches the filters."""

from __future__ import annotations

from components import state
from tonlage.i18n import translator
from tonlage.ingest.run import documents_from_uploads, ingest
from tonlage.storage.workspace import Workspace

EN = translator("en")
ENGLISH = (
    "The foreign ministers met in New York on Tuesday {i}. They failed to agree on a ceasefire, "
    "and observers were disappointed by talks number {i} about the war."
)


def test_english_only_workspace_explains_missing_themes(app, tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    ws = Workspace("English clips")
    files = [(f"e{i}.txt", ENGLISH.format(i=i).encode()) for i in range(30)]
    ingest(ws, documents_from_uploads(files))
    at = app()
    at.session_state[state.NEXT_CORPUS] = "English clips"
    at.run()
    at.switch_page("app_pages/themes.py").run()
    assert not at.exception, [e.value for e in at.exception]
    infos = [i.value for i in at.info]
    assert not any(
        EN("No articles match the current filters. Widen the date range or clear a filter in the sidebar.")[:30] in i
        for i in infos
    ), "the filters are not to blame"
    assert any("none of the 30 articles in view is in German" in i for i in infos), infos
