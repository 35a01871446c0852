"""The Check-the-tone page and tone corrections through AppTest: labels count, the agreement and
the stamp appear, a word correction moves a chart without re-analysing, survives a restart and
is undone."""

from __future__ import annotations

import html
import json

import pyarrow as pa
import pytest
import streamlit as st

from components import cached, state
from tests.shown import plotly_array
from tonlage.i18n import translator

EN = translator("en")
CHECK = "app_pages/check.py"
EN_PART = EN("Strongest sentences")  # the Tone page's part with the correction box


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def _spinners(monkeypatch, note_from: int, fresh: bool = True) -> list[str]:
    """What the app's spinners say from now on (a list that fills), with the corrections' note
    shown from ``note_from`` sentences; ``fresh``: as a server that has applied nothing yet."""
    import contextlib

    shown: list[str] = []

    @contextlib.contextmanager
    def spinner(text="", **kw):
        shown.append(str(text))
        yield

    monkeypatch.setattr(cached, "CORRECTION_NOTE_SENTENCES", note_from)
    monkeypatch.setattr(cached.st, "spinner", spinner)
    if fresh:
        monkeypatch.setattr(cached, "_APPLIED", set())
        st.cache_resource.clear()
    return shown


def _label(at, label: str, times: int):
    for _ in range(times):
        at.button(key=f"review_label_{label}").click().run()
        assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.slow
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
    real = tonlage.review.corpus_check_queue
    monkeypatch.setattr(tonlage.review, "corpus_check_queue", lambda *a, **kw: made.append(1) or real(*a, **kw))
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
    """Open the Tone page's correction box as a reader does, in the part of the page with the
    strongest sentences (the part and the panel are built only while open)."""
    assert "tone_correct_pick" not in [s.key for s in at.selectbox]  # closed: nothing built
    at.session_state["tone_part"] = EN_PART
    at.session_state["tone_correct_open"] = True
    at.run()


def _tone_timeline(at) -> list[float]:
    at.session_state["tone_part"] = EN("Over time")  # the part with the timeline
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
    at.selectbox(key="tone_correct_pick").select_index(0).run()
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
    doing (a spinner; with the number of sentences where all are scored again); a corpus without
    corrections says nothing."""
    shown = _spinners(monkeypatch, 10)
    at = app()
    at.switch_page("app_pages/tone.py").run()
    assert not [s for s in shown if "tone corrections" in s]
    _open_corrections(at)
    at.selectbox(key="tone_correct_pick").select_index(0).run()
    at.radio(key="review_polarity_strongest").set_value("neutral").run()
    at.button(key="review_word_apply_strongest").click().run()
    assert not at.exception, [e.value for e in at.exception]
    key = at.session_state[state.VIEW].corpus_key
    store = cached.get_analysis(key).sentence_store
    assert not store.in_memory  # the analysis is read from its cache: a word is laid over
    assert [s for s in shown if "listed words" in s or "tone corrections" in s] == [
        "Scoring the sentences with your listed words again…"
    ]
    # A fitted band scores every sentence again, and says how many.
    band = type("Tone", (), {"word_values": lambda self: {}, "band": lambda self: 0.2})()
    monkeypatch.setattr(cached, "reader_edits", lambda key: type("Edits", (), {"tone": band})())
    assert cached._applying_note(key) == f"Applying your tone corrections to {len(store):,} sentences…"
    monkeypatch.setattr(cached, "CORRECTION_NOTE_SENTENCES", len(store) + 1)
    assert cached._applying_note(key) == ""


WIRE = "Die Anwohner lobten den großen Erfolg des neuen Projekts ausdrücklich."


def test_a_tone_set_for_every_copy_moves_each_copy_and_is_undone(app, data_dir, tmp_path, monkeypatch):
    """A sentence printed in three articles: the correction box offers its two copies, sets the
    tone of all three at once, the reader shows each copy corrected, and Undo takes it back."""
    from tests.corpora import TOWNS

    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, town in enumerate(TOWNS[:6]):
        wire = f"{WIRE} " if i in (0, 2, 4) else ""  # inside a paragraph of its own
        body = (
            f"In {town} beriet der Stadtrat am Montag über {i + 3} neue Radwege. Entschieden wird im Herbst. "
            f"Der Verkehr in {town} ist eine Katastrophe und ein völliges Fiasko."  # six stronger negatives
        )
        (folder / f"a{i}.txt").write_text(
            f"Radwege in {town} | Anna Becker. 0{i + 1}.03.2025.\n\n{wire}{body}\n", encoding="utf-8"
        )
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(folder))
    spun = _spinners(monkeypatch, 1, fresh=False)  # as if it were a large corpus
    at = app()
    at.switch_page("app_pages/tone.py").run()
    before = cached.corpus_index(at.session_state[state.VIEW].corpus_key)
    _open_corrections(at)
    assert not [s for s in spun if "tone corrections" in s]
    pick = at.selectbox(key="tone_correct_pick")
    at.selectbox(key="tone_correct_pick").select_index(next(i for i, o in enumerate(pick.options) if WIRE[:40] in o))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    box = at.checkbox(key="review_override_copies_strongest")
    assert box.label == "Also its 2 copies in other articles" and box.value is True
    at.radio(key="review_override_strongest").set_value("negative").run()
    assert at.button(key="review_override_apply_strongest").label == "Set the tone of every copy"
    at.button(key="review_override_apply_strongest").click().run()
    assert not at.exception, [e.value for e in at.exception]

    # laid over the analysis's sentences, not read in full: no "applying to N sentences" note,
    # which a large corpus shows for a word list (the test above)
    assert not [s for s in spun if "tone corrections" in s]
    key = at.session_state[state.VIEW].corpus_key
    s = cached.get_corpus(key).sentences
    wire = s[s["text"] == WIRE]
    assert len(wire) == 3 and wire["tone_label"].eq("negative").all() and wire["corrected"].eq("sentence").all()
    # the new corpus's index took the sentences' keys from the one before, and the new tones
    index = cached.corpus_index(key)
    assert index is not before and index.__dict__["text_keys"] is before.text_keys
    at_wire = index.scored_at(index.rows(wire["article_id"]).nonzero()[0], wire.sort_values("article_id")["sent_idx"])
    assert (index.scored["tone"].to_numpy()[at_wire] < 0).all()
    # the box stays on the sentence, with what was done, though it is not among the strongest now
    options = at.selectbox(key="tone_correct_pick").options
    assert [i for i, o in enumerate(options) if WIRE[:40] in o] == [len(options) - 1]  # kept at the end
    assert sum(o.startswith("−") for o in options[:-1]) == 5  # the five strongest negatives are others
    assert WIRE[:40] in at.selectbox(key="tone_correct_pick").format_func(at.selectbox(key="tone_correct_pick").value)
    assert "Set by hand as negative for every copy of this sentence." in _captions(at)
    assert at.radio(key="review_override_strongest").value == "negative"
    at.switch_page(CHECK).run()
    table = next(d.value for d in at.dataframe if "Copies too" in d.value.columns)
    assert table["Copies too"].tolist() == ["yes (2)"]

    at.button(key="review_undo_words").click().run()
    assert not at.exception, [e.value for e in at.exception]
    s = cached.get_corpus(at.session_state[state.VIEW].corpus_key).sentences
    assert "corrected" not in s  # no correction left: the analysis as it was
    assert s.loc[s["text"] == WIRE, "tone_label"].eq("positive").all()


def test_the_check_never_offers_a_copy_of_a_sentence_already_labelled(app, data_dir, tmp_path, monkeypatch):
    """Six articles print the same agency sentence: labelling through the whole queue offers it
    once, and every other sentence once."""
    from tests.corpora import TOWNS
    from tonlage.present.safe import escape_text

    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, town in enumerate(TOWNS[:6]):
        body = (
            f"In {town} beriet der Stadtrat am Montag über {i + 3} neue Radwege. "
            f"Die Entscheidung über die Radwege in {town} fällt erst im Herbst."
        )
        (folder / f"a{i}.txt").write_text(
            f"Radwege in {town} | Anna Becker. 0{i + 1}.03.2025.\n\n{WIRE} {body}\n", encoding="utf-8"
        )
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(folder))
    at = app()
    at.switch_page(CHECK).run()
    queue = cached.check_queue(at.session_state[state.VIEW].corpus_key)
    assert len(queue) == 18  # the agency sentence is in the queue six times
    shown = []
    for _ in range(18):
        if "You have checked every sentence" in " ".join(s.value for s in at.success):
            break
        shown.append(next(m.value for m in at.markdown if "font-size:1.2rem" in m.value))
        _label(at, "neutral", 1)
    assert len(shown) == 13 and len(set(shown)) == 13
    assert sum(escape_text(WIRE) in s for s in shown) == 1


def test_a_word_marked_in_the_correction_box_is_shown_there_and_can_be_taken_off(app, data_dir):
    """A marked word no longer moves the sentence's score, so it leaves the box's list of
    words: the box says it is on the corpus's word list, as what, and takes it off again."""
    at = app()
    before = _tone_timeline(at)
    _open_corrections(at)
    at.selectbox(key="tone_correct_pick").select_index(0).run()
    word = at.selectbox(key="review_word_strongest").value
    assert not [b for b in at.button if b.key and b.key.startswith("review_word_off_")]
    at.radio(key="review_polarity_strongest").set_value("neutral").run()
    at.button(key="review_word_apply_strongest").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"“{word}” is on this corpus's word list: not evaluative here." in _captions(at)
    # under every tone chart (escaped there, as the stamp is stored text)
    assert "Corrected by a reader: 1 word of its word list." in html.unescape(_captions(at))
    off = at.button(key=f"review_word_off_strongest_{word}")
    assert off.label == f"Take “{word}” off the list"
    picked = at.selectbox(key="tone_correct_pick").value
    assert _tone_timeline(at) != before
    _open_corrections(at)  # back to the box, closed when its part was left, and to the sentence
    at.selectbox(key="tone_correct_pick").set_value(picked).run()
    at.button(key=f"review_word_off_strongest_{word}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    key = at.session_state[state.VIEW].corpus_key
    assert cached.reader_edits(key).tone.words().empty
    assert f"“{word}” is on this corpus's word list" not in _captions(at)
    assert _tone_timeline(at) == pytest.approx(before)


def test_a_word_list_on_a_workspace_says_it_scores_the_sentences_with_the_word_not_all(app, data_dir, monkeypatch):
    """On a corpus on disk a word list re-scores only the articles with the word (laid over the
    stored sentences), so the note names no count of sentences it does not read."""
    from tests.corpora import TOWNS
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest
    from tonlage.storage.workspace import Workspace

    ws = Workspace("Archiv")
    docs = [
        Document(
            f"a{i}.txt",
            (
                f"Radwege in {town} | Anna Becker. 0{i + 1}.03.2025.\n\n"
                f"In {town} beriet der Stadtrat über {i + 3} neue Radwege. Der Verkehr ist eine Katastrophe. "
                f"Die Anwohner lobten den großen Erfolg des Projekts.\n"
            ).encode(),
        )
        for i, town in enumerate(TOWNS[:4])
    ]
    ingest(ws, docs)
    shown = _spinners(monkeypatch, 1)
    at = app()
    at.session_state[state.CORPUS] = "Archiv"
    at.switch_page("app_pages/tone.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not cached.get_analysis(at.session_state[state.VIEW].corpus_key).sentence_store.in_memory
    _open_corrections(at)
    at.selectbox(key="tone_correct_pick").select_index(0).run()
    at.radio(key="review_polarity_strongest").set_value("neutral").run()
    at.button(key="review_word_apply_strongest").click().run()
    assert not at.exception, [e.value for e in at.exception]
    notes = [s for s in shown if "listed words" in s or "tone corrections" in s]
    assert notes == ["Scoring the sentences with your listed words again…"]
