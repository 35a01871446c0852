"""Taking it to the meeting, through AppTest: pins, findings, the meeting pack, presentation
mode, events and the share links of the Compare and Actors pages."""

from __future__ import annotations

import io
import json

import pytest
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from components import pack_view, state
from tests.app.conftest import APP, TIMEOUT, share_link
from tonlage.i18n import translator
from tonlage.present.safe import escape_text

EN, DE = translator("en"), translator("de")


def _go(at, page):
    return at.switch_page(page).run()


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]


def _slide_texts(pptx: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(pptx))
    return ["\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame) for slide in deck.slides]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Events edited in a test are kept in a data folder of its own."""
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_anchorage_before_after_deck_from_the_app(app, data_dir):
    """The issue's "done": Compare → Anchorage → pin the comparison → build: five slides (no
    chart of the actors' tone shifts: one article before Anchorage is no period to compare an
    actor's tone in)."""
    at = app()
    _go(at, "app_pages/compare.py")
    at.selectbox(key="compare_event").set_value(2).run()  # Anchorage summit, everything before/after
    _ok(at)
    assert EN("What stands out") in [t.label for t in at.tabs]
    at.button(key="compare_pin_all").click().run()  # from the first part: the findings unopened
    _ok(at)
    charts = at.session_state[state.PINNED_CHARTS]
    assert [c.key for c in charts] == ["compare_tone", "compare_actors"]
    assert all("Anchorage" in " ".join(c.caption) or "2025-08" in " ".join(c.caption) for c in charts)
    findings = at.session_state[state.PINNED_FINDINGS]
    assert findings, "a comparison with five articles has at least its thin-data finding"

    _go(at, state.PACK_PAGE)
    _ok(at)
    assert EN("Charts ({n})", n=2) in [s.value for s in at.subheader]
    at.button(key="pack_build").click().run()
    _ok(at)
    signature, pptx, pdf, n_slides, _ = at.session_state[pack_view.BUILT]
    assert n_slides == 5  # title, two charts, findings, method and limits
    texts = _slide_texts(pptx)
    assert len(texts) == 5
    assert "Before and after: Anchorage summit" in texts[0]
    assert "Tone before and after" in texts[1]
    assert "Who gained or lost attention" in texts[2]
    assert findings[0].text("en")[:40] in texts[3].replace("\n", " ")
    assert EN("Method") in texts[4] and EN("Limits") in texts[4]
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 5
    assert "Key findings" in reader.pages[3].extract_text()
    assert EN("Ready: {n} slides (built in {seconds} s).", n=5, seconds="")[:10] in [s.value for s in at.success][0]


def test_pins_toggle_and_survive_leaving_the_page(app):
    at = app()
    at.button(key="overview_tone_timeline_pin").click().run()
    _ok(at)
    assert len(at.session_state[state.PINNED_CHARTS]) == 1
    pin = at.session_state[state.PINNED_CHARTS][0]
    assert pin.caption[0].startswith("Corpus: Bundled example corpus")
    assert pin.caption[1] == "Filters: no filters · 5 articles"
    _go(at, "app_pages/tone.py")
    _go(at, "app_pages/overview.py")
    assert at.button(key="overview_tone_timeline_pin").label == EN("In the meeting pack (remove)")
    at.button(key="overview_tone_timeline_pin").click().run()
    assert at.session_state[state.PINNED_CHARTS] == []


def test_a_chart_pinned_under_filters_keeps_them(app):
    at = app()
    at.multiselect(key=state.GENRES).set_value(["commentary"]).run()
    at.button(key="overview_actors_pin").click().run()
    pin = at.session_state[state.PINNED_CHARTS][0]
    assert pin.caption[1].startswith("Filters: genre: ")
    at.multiselect(key=state.GENRES).set_value([]).run()
    assert at.session_state[state.PINNED_CHARTS][0].caption == pin.caption  # a snapshot, not a live view


def test_pack_page_without_pins_offers_a_start(app):
    at = app()
    _go(at, state.PACK_PAGE)
    _ok(at)
    assert EN("Nothing is pinned yet.") in [i.value for i in at.info]
    assert [e for e in at.get("page_link") if e.proto.page == "compare"]  # dated: a comparison
    at.button(key="pack_start_overview").click().run()
    _ok(at)
    assert [c.key for c in at.session_state[state.PINNED_CHARTS]] == [
        "overview_tone_timeline",
        "overview_themes",
        "overview_actors",
    ]
    assert len(at.session_state[state.PINNED_QUOTES]) == 2  # most negative and most positive sentence
    # what the reader writes and unticks is still there after a trip to another page
    first = at.session_state[state.PINNED_CHARTS][0].pin_id
    at.text_area(key=f"what_{first}").input("Tone stays negative all year.").run()
    at.checkbox(key=f"use_{at.session_state[state.PINNED_QUOTES][0].pin_id}").uncheck().run()
    _go(at, "app_pages/overview.py")
    _go(at, state.PACK_PAGE)
    assert at.text_area(key=f"what_{first}").value == "Tone stays negative all year."
    assert at.checkbox(key=f"use_{at.session_state[state.PINNED_QUOTES][0].pin_id}").value is False


def test_quote_pinned_on_the_compare_page_goes_into_the_deck(app):
    at = app()
    _go(at, "app_pages/compare.py")
    at.session_state["compare_part"] = EN("Example sentences")
    at.run()
    at.button(key="compare_quote_b_0").click().run()
    _ok(at)
    quotes = at.session_state[state.PINNED_QUOTES]
    assert len(quotes) == 1 and quotes[0].text
    at.button(key="compare_quote_b_0").click().run()  # twice: still one
    assert len(at.session_state[state.PINNED_QUOTES]) == 1
    _go(at, state.PACK_PAGE)
    at.button(key="pack_build").click().run()
    _ok(at)
    _, pptx, _, n_slides, _ = at.session_state[pack_view.BUILT]
    texts = _slide_texts(pptx)
    assert n_slides == len(texts) == 3  # title, quotes, method
    assert quotes[0].text[:30] in texts[1].replace("\n", " ")


def test_findings_on_the_overview_can_be_pinned(app):
    at = app()
    assert EN("What stands out") in [s.value for s in at.subheader]
    at.button(key="overview_f_pin_0").click().run()
    _ok(at)
    assert len(at.session_state[state.PINNED_FINDINGS]) == 1
    assert at.button(key="overview_f_pin_0").disabled


def test_presentation_mode_steps_through_pinned_charts(app):
    at = app()
    at.button(key="overview_tone_timeline_pin").click().run()
    at.button(key="overview_themes_pin").click().run()
    _go(at, state.PACK_PAGE)
    at.button(key="present_start").click().run()
    _ok(at)
    assert at.session_state[state.PRESENTING] is True
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(specs) == 1 and specs[0]["layout"]["font"]["size"] >= 20  # projector-sized type
    assert "Tone of each article" in specs[0]["layout"]["title"]["text"] or specs[0]["layout"]["title"]["text"]
    first_title = specs[0]["layout"]["title"]["text"]
    assert at.button(key="present_prev").disabled
    at.button(key="present_next").click().run()
    second = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    assert second != first_title
    assert at.button(key="present_next").disabled  # two charts, no findings pinned
    at.button(key="present_stop").click().run()
    _ok(at)
    assert at.session_state[state.PRESENTING] is False
    assert EN("Meeting pack") in [t.value for t in at.title]


def test_presentation_in_german(app):
    at = app(locale="de-DE")
    at.button(key="overview_tone_timeline_pin").click().run()
    _go(at, state.PACK_PAGE)
    assert DE("Meeting pack") in [t.value for t in at.title]
    at.button(key="present_start").click().run()
    assert at.button(key="present_next").label == DE("Next")


def test_compare_choices_travel_in_the_link(app):
    at = app()
    _go(at, "app_pages/compare.py")
    at.selectbox(key="compare_event").set_value(2).run()
    at.selectbox(key="compare_days").set_value(60).run()
    qp = {k: at.query_params[k] for k in at.query_params}
    assert qp["cmode"] == "event" and qp["cevent"] == "2025-08-15" and qp["cdays"] == "60"
    link = share_link(at)
    assert "cevent=2025-08-15" in link and "cdays=60" in link

    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.context["locale"] = "en-US"
    fresh.query_params.update({"cmode": "event", "cevent": "2025-08-15", "cdays": "60"})
    _go(fresh, "app_pages/compare.py")  # the link opens the Compare page itself
    _ok(fresh)
    assert fresh.selectbox(key="compare_event").value == 2
    assert fresh.selectbox(key="compare_days").value == 60
    assert "before Anchorage summit" in [m.label for m in fresh.metric]


def test_compare_ranges_travel_in_the_link_and_a_broken_one_still_opens(app):
    import datetime as dt

    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.query_params.update({"cmode": "ranges", "ca": "2025-02-01_2025-05-31", "cb": "2025-09-01_2025-10-21"})
    _go(fresh, "app_pages/compare.py")
    _ok(fresh)
    assert fresh.radio(key="compare_mode").value == "ranges"
    assert tuple(fresh.date_input(key="compare_range_a").value) == (dt.date(2025, 2, 1), dt.date(2025, 5, 31))
    broken = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    broken.query_params.update({"cmode": "<b>", "cevent": "gestern", "cdays": "7", "ca": "x_y"})
    _go(broken, "app_pages/compare.py")
    _ok(broken)
    assert broken.radio(key="compare_mode").value == "event"


def test_actor_pick_travels_in_the_link(app):
    at = app()
    _go(at, "app_pages/actors.py")
    at.multiselect(key=state.ACTOR_PICK).set_value(["Rubio", "Lawrow"]).run()
    assert at.query_params["pick"] == ["Rubio", "Lawrow"]
    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.query_params["pick"] = ["Rubio", "Lawrow", "Niemand"]
    _go(fresh, "app_pages/actors.py")
    _ok(fresh)
    assert fresh.multiselect(key=state.ACTOR_PICK).value == ["Rubio", "Lawrow"]
    _go(fresh, "app_pages/overview.py")
    assert "pick" not in fresh.query_params  # a page's own choices leave with it


def test_events_added_for_the_bundled_corpus_show_on_the_time_axis(app, data_dir):
    from components import cached
    from tonlage.events import EventBook

    at = app()
    key = at.session_state[state.VIEW].corpus_key
    before = json.loads(at.get("plotly_chart")[0].proto.spec)
    EventBook.for_folder(key.corpus, key.events_file).add("2025-06-24", "NATO-Gipfel in Den Haag")
    at.run()
    _ok(at)
    after = json.loads(at.get("plotly_chart")[0].proto.spec)
    texts = [a.get("text", "") for a in after["layout"].get("annotations", [])]
    assert any("NATO" in x for x in texts)
    assert len(after["layout"].get("shapes", [])) == len(before["layout"].get("shapes", [])) + 1
    _go(at, "app_pages/corpus.py")
    _ok(at)
    assert EN("Events on the time axes") in [s.value for s in at.subheader]
    assert cached.event_book(key).customised
    at.button(key="events_reset").click().run()
    assert not EventBook.for_folder(key.corpus, key.events_file).customised


def test_pinned_findings_to_read_with_care_keep_their_warning_sign_in_the_pack(app, analysed_bundled):
    from tonlage.findings import view_findings

    found = view_findings(analysed_bundled, tuple(analysed_bundled.articles["article_id"]))
    assert any(f.cautious for f in found) and any(not f.cautious for f in found)  # both kinds here
    at = app()
    at.button(key="overview_tone_timeline_pin").click().run()
    _go(at, state.PACK_PAGE)
    at.button(key="pack_add_view_findings").click().run()
    _ok(at)
    labels = [c.label for c in at.checkbox]
    for f in found:
        assert escape_text(f.marked("en")) in labels, (f.kind, labels)
        assert escape_text(f.marked("en")).startswith("⚠") == f.cautious


def test_in_the_presentation_each_line_of_what_a_chart_shows_is_a_paragraph(app):
    """Two lines the reader wrote beside a chart (or two findings, one a line) are two
    paragraphs on the stage, as on the pack's slide, not run together; untrusted text stays
    literal."""
    at = app()
    at.button(key="overview_tone_timeline_pin").click().run()
    _go(at, state.PACK_PAGE)
    pin = at.session_state[state.PINNED_CHARTS][0].pin_id
    at.text_area(key=f"what_{pin}").input("Erstens <b>fett</b>.\n\n  \nZweitens.").run()
    at.button(key="present_start").click().run()
    _ok(at)
    stage = [m.value for m in at.markdown if "tonlage-stage" in m.value]
    assert len(stage) == 1
    assert stage[0].count("<p>") == 2 and "</p><p>Zweitens" in stage[0]
    assert "<p>Erstens &#60;b&#62;fett" in stage[0] and "<b>" not in stage[0]
