"""The themes' quality mode in the app: the sidebar says what it gains and costs before the reader
turns it on; on, the corpus is analysed (once) with the sentence encoder under a key of its own;
off, the standard analysis is back without re-analysing; a share link carries it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import cached, state
from tests.app.conftest import APP, TIMEOUT, share_link
from tests.shown import shown
from tonlage.analysis import jobs
from tonlage.storage.store import cached_analysis
from tonlage.themes.encoder import encoder_available

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not encoder_available(), reason="the sentence encoder is not installed")


@pytest.fixture(autouse=True)
def _fresh_jobs():
    jobs.queue().forget()  # no finished analysis of another test handed out
    yield
    jobs.queue().forget()


@pytest.fixture
def recorded(monkeypatch):
    """The app's analyses, with the settings each was asked for (the analysis itself is real:
    the encoder on the 5 bundled articles takes a few seconds)."""
    calls: list[dict] = []

    def analysis(*args, **kwargs):
        calls.append(kwargs)
        return cached_analysis(*args, **kwargs)

    monkeypatch.setattr(cached, "cached_analysis", analysis)
    return calls


def _ready(at):
    """What the sidebar's poll does once the analysis in the background has ended: the app's
    next run (the standard themes are in use until then)."""
    try:
        job = at.session_state[state.THEME_QUALITY_JOB]
    except KeyError:
        return at
    assert job.wait(TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sidebar_text(at) -> str:
    return shown("\n".join(str(c.value) for c in at.sidebar.caption))


def test_the_cost_is_shown_before_the_mode_is_turned_on(app):
    at = app()
    assert not at.exception
    toggle = at.toggle(key=state.THEME_QUALITY)
    assert toggle.value is False
    assert toggle.label == "Better themes (slower)"
    text = _sidebar_text(at)
    # gain and cost, measured (bench/themes_quality.py --encoder), with the estimate for these 5 articles
    assert "0.43 → 0.51" in text
    assert "for these 5 articles (35 s per 1,000)" in text
    assert "about 125 MB more memory" in text
    help_text = shown(str(toggle.help))
    assert "Universal Sentence Encoder multilingual v3" in help_text and "Apache-2.0" in help_text
    assert "nothing is downloaded" in help_text and "509" in help_text and "from 0.43 to 0.51" in help_text
    assert not at.session_state[state.VIEW].corpus_key.theme_encoder

    de = app(locale="de-DE")
    assert "0,43 → 0,51" in _sidebar_text(de)
    assert de.toggle(key=state.THEME_QUALITY).label == "Bessere Themen (langsamer)"


def test_turning_it_on_analyses_with_the_encoder_and_off_returns_at_once(app, recorded):
    at = app()
    assert all(not c.get("theme_encoder") for c in recorded)
    standard = at.session_state[state.VIEW].corpus_key
    at.toggle(key=state.THEME_QUALITY).set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    key = _ready(at).session_state[state.VIEW].corpus_key
    assert key.theme_encoder and key._replace(theme_encoder=False) == standard  # a key of its own
    assert [c.get("theme_encoder") for c in recorded].count(True) == 1
    assert cached.params(key)["theme_quality"] == "encoder"
    assert cached.params(standard).get("theme_quality") == "standard"  # not shared with the standard one

    at.switch_page("app_pages/themes.py").run()
    assert not at.exception
    assert any("quality mode" in str(c.value) for c in at.main.caption)

    n_calls = len(recorded)
    at.toggle(key=state.THEME_QUALITY).set_value(False).run()
    assert not at.exception
    assert at.session_state[state.VIEW].corpus_key == standard
    assert len(recorded) == n_calls  # the cached standard analysis, not analysed again
    assert any("standard mode" in str(c.value) for c in at.main.caption)


def test_a_share_link_carries_the_quality_mode(app, recorded):
    at = app()
    assert "tq" not in at.query_params
    _ready(at.toggle(key=state.THEME_QUALITY).set_value(True).run())
    assert at.query_params["tq"] in ("1", ["1"])
    link = share_link(at)
    assert "tq=1" in link

    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.context["locale"] = "en-US"
    fresh.query_params["tq"] = "1"
    _ready(fresh.run())
    assert not fresh.exception, [e.value for e in fresh.exception]
    assert fresh.toggle(key=state.THEME_QUALITY).value is True
    assert fresh.session_state[state.VIEW].corpus_key.theme_encoder


def test_a_workspace_in_the_quality_mode_is_analysed_in_full_with_the_encoder(tmp_path, monkeypatch, recorded):
    """The incremental workspace analysis has no quality mode: it falls back to a full analysis,
    also after articles were added."""
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest
    from tonlage.storage.workspace import Workspace

    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    body = (ROOT / "data" / "corpus").glob("*.txt")
    docs = [Document(p.name, p.read_bytes()) for p in sorted(body)]
    ws = Workspace("Qualität")
    ingest(ws, docs[:4])
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context["locale"] = "en-US"
    at.query_params["corpus"] = "Qualität"
    at.query_params["tq"] = "1"
    _ready(at.run())
    assert not at.exception, [e.value for e in at.exception]
    key = at.session_state[state.VIEW].corpus_key
    assert key.workspace == "Qualität" and key.theme_encoder
    assert cached.params(key)["theme_quality"] == "encoder"
    assert cached.get_corpus(key).articles.shape[0] == 4

    ingest(ws, docs[4:])
    _ready(at.switch_page("app_pages/themes.py").run())
    assert not at.exception, [e.value for e in at.exception]
    key = at.session_state[state.VIEW].corpus_key
    assert key.theme_encoder and cached.get_corpus(key).articles.shape[0] == 5
    assert cached.params(key)["theme_quality"] == "encoder"
    assert any("quality mode" in str(c.value) for c in at.main.caption)


def _ask_text(at) -> str:
    return shown("\n".join(str(i.value) for i in at.sidebar.info))


@pytest.mark.parametrize("answer", ["Start", "Cancel"])
def test_a_long_reanalysis_asks_first(app, recorded, monkeypatch, answer):
    """Above the threshold (patched: the bundled 5 articles cost a few seconds), turning the mode
    on asks with time and memory; nothing is analysed until the reader says Start."""
    from components import filters

    monkeypatch.setattr(filters, "ASK_ABOVE_SECONDS", 1.0)
    at = app()
    standard = at.session_state[state.VIEW].corpus_key
    at.toggle(key=state.THEME_QUALITY).set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.toggle(key=state.THEME_QUALITY).value is False  # not yet
    assert at.session_state[state.VIEW].corpus_key == standard
    assert not any(c.get("theme_encoder") for c in recorded)
    text = _ask_text(at)
    assert "these 5 articles take about" in text and "about 125 MB more memory" in text
    assert "background" in text and "cancelled" in text and "standard themes stay in use" in text
    _ready(at.button(key="theme_quality_start" if answer == "Start" else "theme_quality_cancel").click().run())
    assert not at.exception, [e.value for e in at.exception]
    assert not _ask_text(at)
    on = answer == "Start"
    assert at.toggle(key=state.THEME_QUALITY).value is on
    assert at.session_state[state.VIEW].corpus_key.theme_encoder is on
    assert [c.get("theme_encoder") for c in recorded].count(True) == int(on)


def test_the_question_is_asked_in_german_too(app, monkeypatch):
    from components import filters

    monkeypatch.setattr(filters, "ASK_ABOVE_SECONDS", 1.0)
    at = app(locale="de-DE")
    at.toggle(key=state.THEME_QUALITY).set_value(True).run()
    text = _ask_text(at)
    assert "diese 5 Artikel" in text and "Sie können" in text
    labels = {b.key: b.label for b in at.sidebar.button}
    assert labels["theme_quality_start"] == "Starten" and labels["theme_quality_cancel"] == "Abbrechen"


def test_under_the_threshold_it_starts_at_once_without_asking(app, recorded):
    at = app()
    _ready(at.toggle(key=state.THEME_QUALITY).set_value(True).run())
    assert not _ask_text(at)
    assert at.session_state[state.VIEW].corpus_key.theme_encoder


@pytest.fixture
def gated(monkeypatch):
    """The quality mode's analysis held until the test lets it go (the standard one runs freely)."""
    gate = threading.Event()
    real = cached.cached_analysis

    def analysis(*args, **kwargs):
        if kwargs.get("theme_encoder"):
            assert gate.wait(TIMEOUT)
            # A job cancelled meanwhile ends here, as the analysis would at its next step (a
            # kept analysis on disk would otherwise finish it, and a later test be handed it).
            jobs.check_cancelled()
        return real(*args, **kwargs)

    monkeypatch.setattr(cached, "cached_analysis", analysis)
    yield gate
    gate.set()


def test_the_better_themes_are_made_in_the_background_with_the_standard_ones_in_use(app, gated):
    at = app()
    standard = at.session_state[state.VIEW].corpus_key
    at.toggle(key=state.THEME_QUALITY).set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    # The page goes on with the standard themes; the sidebar shows the analysis and a way to stop it.
    assert at.toggle(key=state.THEME_QUALITY).value is True
    assert at.session_state[state.VIEW].corpus_key == standard
    assert any("Running in the background" in str(c.value) for c in at.sidebar.caption)
    assert at.button(key="theme_quality_stop").label == "Cancel"
    at.switch_page("app_pages/themes.py").run()  # the reader goes on reading meanwhile
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.VIEW].corpus_key == standard
    assert any("standard mode" in str(c.value) for c in at.main.caption)

    gated.set()
    key = _ready(at).session_state[state.VIEW].corpus_key
    assert key.theme_encoder and key._replace(theme_encoder=False) == standard
    assert any("quality mode" in str(c.value) for c in at.main.caption)
    assert not any("Running in the background" in str(c.value) for c in at.sidebar.caption)


def test_cancelling_the_background_analysis_keeps_the_standard_themes(app, gated):
    at = app()
    standard = at.session_state[state.VIEW].corpus_key
    at.toggle(key=state.THEME_QUALITY).set_value(True).run()
    job = at.session_state[state.THEME_QUALITY_JOB]
    at.button(key="theme_quality_stop").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.toggle(key=state.THEME_QUALITY).value is False
    assert at.session_state[state.VIEW].corpus_key == standard
    assert job.reporter.cancelled  # nobody else wanted it: told to stop
    assert not any("Running in the background" in str(c.value) for c in at.sidebar.caption)


def test_turning_the_mode_off_while_it_runs_stops_the_analysis(app, gated):
    at = app()
    standard = at.session_state[state.VIEW].corpus_key
    at.toggle(key=state.THEME_QUALITY).set_value(True).run()
    job = at.session_state[state.THEME_QUALITY_JOB]
    assert not job.reporter.cancelled
    at.toggle(key=state.THEME_QUALITY).set_value(False).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.VIEW].corpus_key == standard
    assert job.reporter.cancelled  # nobody waits for it any more


def test_a_shared_link_with_the_mode_asks_too_when_it_costs_long(monkeypatch, recorded):
    from components import filters

    monkeypatch.setattr(filters, "ASK_ABOVE_SECONDS", 1.0)
    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.context["locale"] = "en-US"
    fresh.query_params["tq"] = "1"
    fresh.run()
    assert not fresh.exception, [e.value for e in fresh.exception]
    assert fresh.toggle(key=state.THEME_QUALITY).value is False
    assert "these 5 articles take about" in _ask_text(fresh)
    assert not any(c.get("theme_encoder") for c in recorded)
    _ready(fresh.button(key="theme_quality_start").click().run())
    assert fresh.session_state[state.VIEW].corpus_key.theme_encoder
