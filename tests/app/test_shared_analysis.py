"""Many readers, one analysis: sessions that open a corpus while it is being analysed wait for
the same analysis (with its progress) instead of starting their own; a reader who cancels is
told so and can start again."""

from __future__ import annotations

import threading

import pytest
from streamlit.testing.v1 import AppTest

from components import cached, state
from tests.app.conftest import APP, TIMEOUT
from tonlage.analysis import jobs
from tonlage.storage.store import cached_analysis

WAIT = 120


@pytest.fixture(autouse=True)
def _fresh_jobs():
    jobs.queue().forget()  # no finished analysis of another test handed out
    yield
    jobs.queue().forget()


@pytest.fixture
def counted(monkeypatch):
    """The app's analysis, counted, held back until two sessions wait for it."""
    calls = []
    release = threading.Event()

    def analysis(*args, **kwargs):
        calls.append(args)
        jobs.stage("Reading the files", total=5)
        release.wait(WAIT)
        return cached_analysis(*args, **kwargs)

    monkeypatch.setattr(cached, "cached_analysis", analysis)
    return calls, release


def _session(results: list, errors: list) -> None:
    try:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.context["locale"] = "en-US"
        results.append(at.run())
    except Exception as exc:  # noqa: BLE001 reported by the test
        errors.append(exc)


def _pending_job():
    return next((j for j in list(jobs.queue()._jobs.values()) if j.kind == "analysis"), None)


def test_two_sessions_at_once_share_one_analysis(counted, monkeypatch):
    from components import progress

    calls, release = counted
    results, errors = [], []
    followed = []
    follow = progress.follow

    def counting_follow(job, **kw):
        followed.append(job)  # a session waits for this job, with its progress bar
        return follow(job, **kw)

    monkeypatch.setattr(progress, "follow", counting_follow)
    sessions = [threading.Thread(target=_session, args=(results, errors)) for _ in range(2)]
    for s in sessions:
        s.start()
    # Both sessions are waiting for the same job before it may finish.
    job = None
    for _ in range(WAIT * 20):
        job = _pending_job()
        if job is not None and len(followed) >= 2:
            break
        threading.Event().wait(0.05)
    assert job is not None and len(followed) >= 2
    assert all(j is job for j in followed)  # the same job, not one each
    assert job.progress().stage == "Reading the files"
    release.set()
    for s in sessions:
        s.join(WAIT)
    assert not errors, errors
    assert len(calls) == 1
    assert len(results) == 2
    for at in results:
        assert not at.exception
        assert len(at.get("plotly_chart")) >= 3  # the Overview drawn from the shared analysis


def test_a_reader_who_stopped_the_analysis_is_told_and_can_start_again(app, monkeypatch):
    at = app()  # analysed once: the key of the bundled corpus
    key = cached.corpus_key(None, "")
    cached.get_analysis(key)
    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.context["locale"] = "en-US"
    fresh.session_state[state.ANALYSIS_STOPPED] = key
    fresh.run()
    assert not fresh.exception
    assert any("analysis was stopped" in i.value for i in fresh.info)
    assert not fresh.get("plotly_chart")
    fresh.button(key="again_analysis").click().run()
    assert not fresh.exception
    assert len(fresh.get("plotly_chart")) >= 3
    assert state.ANALYSIS_STOPPED not in fresh.session_state
    assert at is not None


def test_a_first_visit_with_a_chosen_theme_count_waits_for_both_analyses(monkeypatch):
    """A shared link with ``k=2`` on a corpus nobody has opened yet waits first for the automatic
    analysis (it proposes the theme count) and then for the chosen one, in one run: both progress
    boxes are shown and the page is drawn (two Cancel buttons with one key broke this page)."""
    from components import progress

    followed = []
    follow = progress.follow

    def counting_follow(job, **kw):
        followed.append(job.key)
        return follow(job, **kw)

    def slow_analysis(*args, **kwargs):
        jobs.stage("Reading the files", total=5)
        threading.Event().wait(0.5)  # long enough that the run waits for it
        return cached_analysis(*args, **kwargs)

    monkeypatch.setattr(cached, "cached_analysis", slow_analysis)
    monkeypatch.setattr(progress, "follow", counting_follow)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context["locale"] = "en-US"
    at.query_params["k"] = "2"
    at.run()
    assert not at.exception, at.exception
    assert len(set(followed)) == 2  # the automatic count, then k=2, each with its own box
    assert at.session_state[state.N_THEMES] == 2
    assert len(at.get("plotly_chart")) >= 3


def test_a_server_dates_a_folder_again_when_a_date_it_set_aside_comes(tmp_path, monkeypatch):
    # The store makes a folder's analysis again once a date it set aside as in the future has
    # come; a server that had held the analysis in memory since kept serving the old one.
    from datetime import date

    from tests.engine.test_store import TEXT, Day

    day = Day(date(2026, 1, 10)).install(monkeypatch, cached)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT + "Der nächste Gipfel ist für den 3. März 2027 geplant.", encoding="utf-8")
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    calls = []
    real = cached.cached_analysis

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(cached, "cached_analysis", counting)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context["locale"] = "en-US"

    def analysis():
        at.run()
        assert not at.exception
        return cached.get_corpus(at.session_state[state.VIEW].corpus_key)

    first = analysis()
    assert (first.params["dates_as_of"], first.params["dates_valid_before"]) == ("2026-01-10", "2027-03-03")
    day.now = date(2027, 3, 2)
    assert analysis() is first and len(calls) == 1
    day.now = date(2027, 3, 3)  # the summit's day has come: the text may now be dated by it
    for _ in range(3):  # a run that waits for the new analysis shows its progress; the next one the pages
        again = analysis()
        if again is not first:
            break
    assert again is not first and len(calls) == 2
    assert again.params["dates_as_of"] == "2027-03-03"
    assert "2027-03-03" in str(again.articles.set_index("article_id").loc["c", "date_note"])
    day.now = date(2027, 3, 4)
    assert analysis() is again and len(calls) == 2
