"""A chart that cannot be drawn leaves a note in its place; the rest of its page is still read.

The failure is the real one of 2026-12-03: an axis domain a hair below 0, which Plotly refuses
(it took the whole Themes page of a 20-theme workspace down). The other tests run with
``TONLAGE_CHART_ERRORS`` set, so that a broken chart fails them; here it is unset, as for a
reader, and then set again to show that it raises.
"""

from __future__ import annotations

import json
import logging

import pytest

from tonlage.i18n import translator
from tonlage.present.charts import themes as theme_charts

EN, DE = translator("en"), translator("de")
NOTE = "This chart could not be drawn for these articles. The rest of the page is not affected."


@pytest.fixture
def broken_theme_panels(monkeypatch):
    monkeypatch.setattr(theme_charts, "_unit_span", lambda lo, hi: [-2.7755575615628914e-17, hi])


def _texts(spec: dict) -> list[str]:
    return [a.get("text", "") for a in spec.get("layout", {}).get("annotations", [])]


def _words_part(at, tr=EN):
    """The Themes page, its part with the chart of each theme's words open."""
    at.session_state["themes_part"] = tr("Words of each theme")
    return at.switch_page("app_pages/themes.py").run()


def test_a_failed_chart_leaves_a_note_and_the_page(app, monkeypatch, broken_theme_panels, caplog):
    monkeypatch.delenv("TONLAGE_CHART_ERRORS")
    at = app()
    with caplog.at_level(logging.ERROR, logger="components.cached"):
        _words_part(at)
    assert not at.exception, [e.value for e in at.exception]
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    noted = [s for s in specs if EN(NOTE) in _texts(s)]
    assert len(noted) == 1  # the theme words chart, with the note
    assert any("theme_terms_figure" in r.getMessage() and r.exc_info for r in caplog.records)
    drawn = []
    for part in ("Over time", "Tone by theme"):  # the page's other charts
        at.session_state["themes_part"] = EN(part)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        drawn += [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(drawn) >= 2 and all(s.get("data") and EN(NOTE) not in _texts(s) for s in drawn)


def test_the_note_is_in_german_for_german_readers(app, monkeypatch, broken_theme_panels):
    monkeypatch.delenv("TONLAGE_CHART_ERRORS")
    at = _words_part(app(locale="de-DE"), DE)
    assert not at.exception
    texts = [t for c in at.get("plotly_chart") for t in _texts(json.loads(c.proto.spec))]
    assert DE(NOTE) in texts and DE(NOTE) != NOTE


def test_tests_see_the_error(app, broken_theme_panels):
    at = _words_part(app())
    assert at.exception  # Streamlit's error box (its message redacted by .streamlit/config.toml)
    texts = [t for c in at.get("plotly_chart") for t in _texts(json.loads(c.proto.spec))]
    assert EN(NOTE) not in texts
