"""A long page in parts (components.ui.page_tabs), the Tone, Themes and Compare pages: only the
open part is built, the part stays open when the reader switches language, and another page's visit
brings the first part back (a link to another part, its part: tests/app/test_sources.py)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from components import cached, state
from tests.app.conftest import APP, TIMEOUT, share_link
from tests.app.test_pages import assert_charts_explained
from tonlage.i18n import translator
from tonlage.present.safe import escape_text

EN, DE = translator("en"), translator("de")
TONE = "app_pages/tone.py"
PARTS = ("Over time", "Article by article", "Who speaks", "Strongest sentences")


def _chart_titles(at) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]


def _open(at, label: str, tabs: str = "tone_part"):
    """``at`` with the part ``label`` of the page's tabs ``tabs`` open."""
    at.session_state[tabs] = label
    return at.run()


def _visit(app, page: str):
    at = app()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def tone(app):
    return _visit(app, TONE)


def test_the_tone_page_shows_its_parts_as_tabs_and_builds_only_the_open_one(tone):
    assert [t.label for t in tone.tabs] == [EN(p) for p in PARTS]
    expected = {
        "Over time": {EN("Tone of each article over time")},
        "Article by article": {
            EN("Tone of every sentence, per article"),
            EN("Negative, neutral, positive sentences per article"),
        },
        "Who speaks": {EN("The author's words and quoted voices, per article")},
        "Strongest sentences": set(),
    }
    seen = {}
    for part in PARTS:
        at = _open(tone, EN(part))
        assert not at.exception, [e.value for e in at.exception]
        seen[part] = set(_chart_titles(at))
        assert expected[part] <= seen[part], (part, seen[part])
    # no chart is drawn in two parts: each part's own charts only
    for part, titles in seen.items():
        others = set().union(*(t for p, t in seen.items() if p != part))
        assert not titles & others, (part, titles & others)
    # the sentence chart above the shares chart, though the shares chart is drawn first (while
    # the sentences are read)
    at = _open(tone, EN("Article by article"))
    assert _chart_titles(at) == [
        EN("Tone of every sentence, per article"),
        EN("Negative, neutral, positive sentences per article"),
    ]
    # the strongest sentences and their correction box live in their own part only
    at = _open(tone, EN("Strongest sentences"))
    assert EN("Most negative") in " ".join(m.value for m in at.markdown)
    assert "tone_correct_open" in {e.key for e in at.expander if getattr(e, "key", None)} or any(
        e.label == EN("Is one of these sentences scored wrongly? Correct it") for e in at.expander
    )
    at = _open(tone, EN("Over time"))
    assert EN("Most negative") not in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize(("part", "n_charts"), [("Over time", 1), ("Article by article", 2), ("Who speaks", 2)])
def test_every_chart_of_every_part_is_explained(tone, part, n_charts):
    at = _open(tone, EN(part))
    assert not at.exception, [e.value for e in at.exception]
    assert_charts_explained(at, n_charts)


@pytest.mark.parametrize("part", ["Over time", "Words of each theme", "Tone by theme"])
def test_every_chart_of_every_part_of_the_themes_page_is_explained(app, part):
    at = app()
    at.session_state["themes_part"] = EN(part)
    at.switch_page("app_pages/themes.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["themes_part_name"] is not None
    assert_charts_explained(at, 1)
    assert len(at.get("plotly_chart")) == 1  # that part's chart only


def test_a_new_word_search_on_the_first_part_reads_no_sentence_of_the_other_parts(tone, monkeypatch):
    asked: list[str] = []
    for name in ("sentences_for", "strongest", "latest_articles", "voice_by_article", "voice_by_month"):
        real = getattr(cached, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            asked.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(cached, name, spy)
    tone.text_input(key=state.WORDS).set_value("Trump").run()
    assert not tone.exception, [e.value for e in tone.exception]
    assert EN("Tone of each article over time") in _chart_titles(tone)
    assert asked == []
    _open(tone, EN("Article by article"))
    assert set(asked) == {"sentences_for", "latest_articles"}  # the part opened asks for its own data, then
    _open(tone, EN("Who speaks"))
    assert set(asked) == {"sentences_for", "latest_articles", "voice_by_article", "voice_by_month"}


def test_the_open_part_stays_open_in_the_other_language(tone):
    at = _open(tone, EN("Who speaks"))
    at.radio(key=state.LANG).set_value("de").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.label for t in at.tabs] == [DE(p) for p in PARTS]
    assert EN("Who speaks") != DE("Who speaks")
    assert at.session_state["tone_part"] == DE("Who speaks")
    assert DE("The author's words and quoted voices, per article") in _chart_titles(at)
    at.radio(key=state.LANG).set_value("en").run()
    assert at.session_state["tone_part"] == EN("Who speaks")
    assert EN("The author's words and quoted voices, per article") in _chart_titles(at)


def test_coming_back_from_another_page_opens_the_first_part(tone):
    at = _open(tone, EN("Strongest sentences"))
    at.switch_page("app_pages/themes.py").run()
    at.switch_page(TONE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert EN("Tone of each article over time") in _chart_titles(at)  # where "See the chart" leads
    assert EN("Most negative") not in " ".join(m.value for m in at.markdown)


def test_the_open_part_is_in_the_link_to_the_view_and_the_link_opens_it(tone):
    assert state.PART_QP not in tone.query_params  # the first part: left out of the address
    at = _open(tone, EN("Who speaks"))
    assert at.query_params[state.PART_QP] == "voices"
    link = share_link(at)
    assert "part=voices" in link
    # a new session opened from that link (a colleague's browser, German; the link names English)
    other = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    other.context["locale"] = "de-DE"
    for k, v in parse_qsl(urlsplit(link).query):
        other.query_params[k] = v
    other.switch_page(TONE).run()
    assert not other.exception, [e.value for e in other.exception]
    assert other.session_state["tone_part"] == EN("Who speaks")
    assert EN("The author's words and quoted voices, per article") in _chart_titles(other)
    # back to the first part: the address leaves it out again
    at = _open(tone, EN("Over time"))
    assert state.PART_QP not in at.query_params


def test_a_part_named_in_the_address_that_the_page_has_not_is_ignored(app):
    at = app()
    at.query_params[state.PART_QP] = "sources"  # a Themes part, on the Tone page
    at.switch_page(TONE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["tone_part"] == EN("Over time")
    assert state.PART_QP not in at.query_params


COMPARE = "app_pages/compare.py"
COMPARE_PARTS = ("Tone", "What stands out", "Themes and actors", "Example sentences")


@pytest.fixture
def compare(app):
    return _visit(app, COMPARE)


def _open_compare(at, label: str):
    return _open(at, label, "compare_part")


def test_the_compare_page_builds_only_its_open_part(compare, monkeypatch):
    """A new word search on the first part makes the comparison and its tone chart, not the
    findings, the change charts or the example sentences (read from the sentence store)."""
    assert [t.label for t in compare.tabs] == [EN(p) for p in COMPARE_PARTS]
    asked: list[str] = []
    for name in ("comparison_findings", "comparison_examples", "compare_chart"):
        real = getattr(cached, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            asked.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(cached, name, spy)
    at = compare.text_input(key=state.WORDS).set_value("Trump").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _chart_titles(at) == [EN("Tone before and after, and the change")]
    assert asked == []
    at = _open_compare(at, EN("What stands out"))
    assert set(asked) == {"comparison_findings"} and not at.get("plotly_chart")
    # the findings, or the line that says there are none
    assert [b for b in at.button if (b.key or "").startswith("compare_f_pin_")] or EN(
        "Nothing stands out clearly enough to state here."
    ) in [c.value for c in at.caption]
    at = _open_compare(at, EN("Themes and actors"))
    assert set(asked) == {"comparison_findings", "compare_chart"}
    assert_charts_explained(at, 2)
    at = _open_compare(at, EN("Example sentences"))
    assert asked[-1] == "comparison_examples" and not at.get("plotly_chart")


def test_the_compare_parts_show_the_comparisons_examples_and_the_pin_takes_its_findings(compare, monkeypatch):
    """The examples part shows the comparison's example sentences; the pin button above the tabs
    pins the comparison's findings from whichever part, the findings' own unopened."""
    given: list[dict] = []
    real = cached.comparison_examples

    def spy(*args):
        given.append(real(*args))
        return given[-1]

    monkeypatch.setattr(cached, "comparison_examples", spy)
    at = _open_compare(compare, EN("Example sentences"))
    shown = [m.value[2:] for m in at.markdown if m.value.startswith("> ")]
    assert len(given) == 1 and shown == [escape_text(t) for side in given[0].values() for t in side["text"]]
    assert EN("Most negative") in " ".join(m.value for m in at.markdown)
    at = _open_compare(at, EN("Tone"))
    at.button(key="compare_pin_all").click().run()
    assert not at.exception, [e.value for e in at.exception]
    pinned = at.session_state[state.PINNED_FINDINGS]
    at = _open_compare(at, EN("What stands out"))
    pins = [b for b in at.button if b.key and b.key.startswith("compare_f_pin_")]
    assert pinned and len(pinned) == len(pins)  # every finding of the part, pinned from the first
    assert all(b.disabled for b in pins)  # each shown as pinned


def test_see_the_chart_opens_the_part_of_the_compare_page_that_holds_it(compare):
    at = _open_compare(compare, EN("What stands out"))
    see = [b for b in at.button if b.key and b.key.startswith("compare_f_see_")]
    assert see, "a comparison of the bundled corpus has findings that point to its charts"
    see[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["compare_part"] in {EN("Tone"), EN("Themes and actors")}
    assert at.get("plotly_chart")  # the part with the chart is open
    assert at.query_params.get(state.PART_QP) in (None, "changes")
