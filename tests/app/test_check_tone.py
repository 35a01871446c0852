"""The Check-the-tone page and tone corrections through AppTest: labels count, the agreement and
the stamp appear, a word correction moves a chart without re-analysing, survives a restart and
is undone."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
import streamlit as st

from components import cached, state
from tests.shown import plotly_array
from tonlage.i18n import translator

EN = translator("en")
CHECK = "app_pages/check.py"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def _label(at, label: str, times: int):
    for _ in range(times):
        at.button(key=f"review_label_{label}").click().run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def test_labelling_30_sentences_gives_the_agreement_and_stamps_every_tone_chart(app, data_dir):
    at = app()
    at.switch_page(CHECK).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "unchecked" in _captions(at)
    shown = []
    for i in range(30):
        # the sentence offered is never shown with its score
        body = " ".join(m.value for m in at.markdown)
        assert "tone" not in body.lower() or "How is this sentence worded" in body
        shown.append(next(m.value for m in at.markdown if "font-size:1.2rem" in m.value))
        _label(at, ("negative", "neutral", "positive")[i % 3], 1)
    assert len(set(shown)) == 30  # a new sentence every time
    text = _captions(at)
    assert "Tone agrees with a reader on" in text and "of 30 checked sentences" in text
    assert len(at.metric) == 3 and "Agreement" in at.metric[0].label
    # The stamp on the Tone page's charts
    at.switch_page("app_pages/tone.py").run()
    assert not at.exception
    assert "Tone agrees with a reader on" in _captions(at)
    # and on the stored labels: a new session (a restart) sees them
    again = app()
    again.switch_page(CHECK).run()
    assert "of 30 checked sentences" in _captions(again)
    # in German, the disagreements' tones are written the German way ("−0,42", not "-0.42"),
    # and stay numbers (the column sorts by tone)
    again.radio(key=state.LANG).set_value("de").run()
    assert not again.exception, [e.value for e in again.exception]
    de = translator("de")
    (frame,) = [f for f in again.dataframe if de("Words that moved the score") in f.value.columns]
    tones = frame.value[de("Tone")]
    assert tones.dtype.kind == "f" and len(tones) > 0
    shown = pa.ipc.open_stream(frame.proto.arrow_data.styler.display_values).read_pandas()[de("Tone")]
    assert list(shown) == [format(v, "+.2f").replace(".", ",").replace("-", "\u2212") for v in tones]


def test_labels_do_not_make_the_check_queue_again(app, data_dir, monkeypatch):
    """The queue is the analysis's, not the labels': a label must not rebuild it (at 100,000
    articles that was seconds a label)."""
    import tonlage.review

    made = []
    real = tonlage.review.check_queue
    monkeypatch.setattr(tonlage.review, "check_queue", lambda *a, **kw: made.append(1) or real(*a, **kw))
    at = app()
    at.switch_page(CHECK).run()
    _label(at, "neutral", 3)
    assert "3 sentences checked" in " ".join(str(p.proto.text) for p in at.get("progress"))
    assert len(made) == 1


def test_undo_takes_back_the_last_label(app, data_dir):
    at = app()
    at.switch_page(CHECK).run()
    first = next(m.value for m in at.markdown if "font-size:1.2rem" in m.value)
    _label(at, "positive", 1)
    assert "1 sentence checked" in " ".join(str(p.proto.text) for p in at.get("progress"))
    at.button(key="review_undo_label").click().run()
    assert next(m.value for m in at.markdown if "font-size:1.2rem" in m.value) == first
    assert "0 sentences checked" in " ".join(str(p.proto.text) for p in at.get("progress"))


def _open_corrections(at) -> None:
    """Open the Tone page's correction box as a reader does (its panel is built only while open)."""
    assert "tone_correct_pick" not in [s.key for s in at.selectbox]  # closed: nothing built
    at.session_state["tone_correct_open"] = True
    at.run()


def _tone_timeline(at) -> list[float]:
    at.switch_page("app_pages/tone.py").run()
    assert not at.exception, [e.value for e in at.exception]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    values = [y for trace in spec["data"] for y in plotly_array(trace.get("y")) if isinstance(y, float)]
    assert values
    return values


def test_a_word_correction_moves_the_chart_without_reanalysis_survives_a_restart_and_is_undone(
    app, data_dir, monkeypatch
):
    at = app()
    before = _tone_timeline(at)
    calls = []
    real = cached.cached_analysis
    monkeypatch.setattr(cached, "cached_analysis", lambda *a, **k: calls.append(1) or real(*a, **k))

    # Mark a word from one of the strongest sentences as not evaluative, as a reader would.
    key = at.session_state[state.VIEW].corpus_key
    _open_corrections(at)
    at.selectbox(key="tone_correct_pick").set_value(0).run()
    word = at.selectbox(key="review_word_strongest").value
    at.radio(key="review_polarity_strongest").set_value("neutral").run()
    at.button(key="review_word_apply_strongest").click().run()
    assert not at.exception, [e.value for e in at.exception]
    after = _tone_timeline(at)
    assert after != before
    assert calls == []  # the analysis itself never ran again
    assert at.session_state[state.VIEW].corpus_key.edits != key.edits

    st.cache_data.clear()  # a restarted server: nothing in memory, only what is on disk
    st.cache_resource.clear()
    restarted = app()
    assert _tone_timeline(restarted) == after
    restarted.switch_page(CHECK).run()
    assert any(word in str(v) for df in restarted.dataframe for v in df.value.iloc[:, 0])

    restarted.selectbox(key="review_word_remove_pick").set_value(word).run()
    restarted.button(key="review_word_remove").click().run()
    assert _tone_timeline(restarted) == pytest.approx(before)


def test_a_large_corpus_says_while_it_applies_a_word_correction(app, data_dir, monkeypatch):
    """Above CORRECTION_NOTE_SENTENCES, the first run after a word correction says what it is
    doing (a spinner with the number of sentences); a corpus without corrections says nothing."""
    import contextlib

    shown: list[str] = []

    @contextlib.contextmanager
    def spinner(text="", **kw):
        shown.append(str(text))
        yield

    monkeypatch.setattr(cached, "CORRECTION_NOTE_SENTENCES", 10)
    monkeypatch.setattr(cached.st, "spinner", spinner)
    monkeypatch.setattr(cached, "_APPLIED", set())  # a fresh server
    st.cache_resource.clear()
    at = app()
    at.switch_page("app_pages/tone.py").run()
    assert not [s for s in shown if "tone corrections" in s]
    _open_corrections(at)
    at.selectbox(key="tone_correct_pick").set_value(0).run()
    at.radio(key="review_polarity_strongest").set_value("neutral").run()
    at.button(key="review_word_apply_strongest").click().run()
    assert not at.exception, [e.value for e in at.exception]
    n = len(cached.get_analysis(at.session_state[state.VIEW].corpus_key).sentence_store)
    assert [s for s in shown if "tone corrections" in s] == [f"Applying your tone corrections to {n:,} sentences…"]
