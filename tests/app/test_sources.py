"""The articles' outlets in the app: the sidebar's "Source" filter, the Tone page's chart by
source, and a folder corpus that is not the bundled one (its own events, its own tagline)."""

from __future__ import annotations

import base64
import html
import json
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

from components import state
from tests.app.conftest import in_page_order, share_link
from tests.corpora import SOURCES, write_sourced_corpus
from tonlage.i18n import translator

EN = translator("en")
BY_SOURCE = EN("Tone of the articles, by source")


@pytest.fixture
def sourced(tmp_path, monkeypatch):
    write_sourced_corpus(tmp_path)
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    return tmp_path


def _go(at, page):
    return at.switch_page(page).run()


def _chart(at, title: str) -> dict | None:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return next((s for s in specs if s["layout"]["title"]["text"] == title), None)


def _said_before_the_tools(at, said: str, chart: str) -> None:
    """``said`` is shown under the chart ``chart``'s reading, before its pin button (below the
    pin and download buttons it read as belonging to the next chart)."""
    order = in_page_order(at.main, ("markdown",))
    assert order.index(("markdown", said)) < order.index(("button", f"{chart}_pin"))


def test_tone_page_draws_each_sources_tone_and_says_what_it_leaves_out(app, sourced):
    at = _go(app(), "app_pages/tone.py")
    assert not at.exception, [e.value for e in at.exception]
    spec = _chart(at, BY_SOURCE)
    assert spec is not None
    bars = next(t for t in spec["data"] if t["type"] == "bar" and t.get("customdata"))
    assert [cd[1] for cd in bars["customdata"]] == ["Bonner Rundschau", "Kieler Blatt", "Jenaer Anzeiger"]
    x = bars["x"]
    if isinstance(x, dict):  # a typed array, as Plotly sends NumPy values
        x = np.frombuffer(base64.b64decode(x["bdata"]), dtype=x["dtype"]).tolist()
    praise, scorn = x[1], x[0]
    assert praise > 0 > scorn  # the Kiel paper's praise, the Bonn paper's scorn
    captions = " ".join(c.value for c in at.caption)
    assert (
        EN.ngettext(
            "{n} article in view names no source and is not in the bars.",
            "{n} articles in view name no source and are not in the bars.",
            1,
        )
        in captions
    )


def test_tone_page_says_under_its_chart_which_source_the_test_finds_worded_otherwise(app, sourced):
    at = _go(app(), "app_pages/tone.py")
    said = [m.value for m in at.markdown if "than those of the other sources" in m.value]
    # the Overview's findings, the same words: Kiel's praise, Bonn's scorn (each against the rest)
    assert [s.split(" are ")[0] for s in said] == ["Articles from Bonner Rundschau", "Articles from Kieler Blatt"]
    assert "more negative" in said[0] and "more positive" in said[1]
    for line in said:
        _said_before_the_tools(at, line, "tone_sources")
    at.button(key="tone_sources_pin").click().run()  # its slide in the meeting pack says them too
    pinned = [p for p in at.session_state[state.PINNED_CHARTS] if p.key == "tone_sources"]
    assert len(pinned) == 1 and pinned[0].what.split("\n") == [html.unescape(x) for x in said]
    overview = [m.value for m in app().markdown if "than those of the other sources" in m.value]
    assert sorted(overview) == sorted(said)


def test_the_source_filter_narrows_the_view_and_travels_in_the_share_link(app, sourced):
    at = app()
    picker = at.multiselect(key=state.SOURCES)
    assert picker.label == EN("Source") and picker.options == ["Bonner Rundschau", "Jenaer Anzeiger", "Kieler Blatt"]
    picker.set_value(["Bonner Rundschau"]).run()
    assert not at.exception
    total = len(SOURCES)
    assert EN("{n} of {total} articles shown", n=5, total=total) in [c.value for c in at.sidebar.caption]
    query = parse_qs(urlsplit(share_link(at)).query)
    assert query["source"] == ["Bonner Rundschau"]
    # The link opens the same view; one source in view: no chart comparing sources.
    linked = _open_with(app, {"source": ["Bonner Rundschau", "Nowhere"]})
    assert linked.multiselect(key=state.SOURCES).value == ["Bonner Rundschau"]  # an unknown name is dropped
    assert EN("{n} of {total} articles shown", n=5, total=total) in [c.value for c in linked.sidebar.caption]
    assert _chart(_go(linked, "app_pages/tone.py"), BY_SOURCE) is None


def _open_with(app, params: dict[str, list[str]]):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context["locale"] = "en-US"
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_the_bundled_corpus_offers_no_source_filter_and_no_source_chart(app):
    at = _go(app(), "app_pages/tone.py")
    assert not at.exception
    assert state.SOURCES not in [m.key for m in at.multiselect]
    assert _chart(at, BY_SOURCE) is None
    assert EN("How German press talks about US–Russia diplomacy over the Ukraine war, over time") in [
        c.value for c in at.sidebar.caption
    ]


def test_another_folder_shows_its_own_events_and_no_word_of_the_bundled_topic(app, sourced):
    at = app()
    assert not at.exception
    captions = [c.value for c in at.sidebar.caption]
    assert EN("How the press talks about your topic, over time") in captions
    timeline = _chart(at, EN("Tone of each article over time"))
    labels = " ".join(a.get("text", "") for a in timeline["layout"].get("annotations", []))
    assert "Riyadh" not in labels and "Anchorage" not in labels  # the bundled corpus's events
    (sourced / "events.csv").write_text("date,label\n2025-03-06,Ratssitzung\n", encoding="utf-8")
    again = app()
    timeline = _chart(again, EN("Tone of each article over time"))
    labels = " ".join(a.get("text", "") for a in timeline["layout"].get("annotations", []))
    assert "Ratssitzung" in labels and "Riyadh" not in labels


def test_the_article_list_names_each_articles_outlet_only_where_the_corpus_has_them(app, sourced):
    at = _go(app(), "app_pages/articles.py")
    assert not at.exception
    table = at.dataframe[0].value
    assert EN("Source") in table.columns
    assert list(table.columns).index(EN("Source")) == list(table.columns).index(EN("Date")) + 1
    assert sorted(set(table[EN("Source")])) == sorted(set(SOURCES))  # "" for the one without


def test_the_bundled_article_list_has_no_source_column(app):
    at = _go(app(), "app_pages/articles.py")
    assert EN("Source") not in at.dataframe[0].value.columns


def test_actors_page_shows_how_each_source_talks_about_the_actor_picked(app, tmp_path, monkeypatch):
    """A corpus whose outlets name Putin in praise (Kiel) and in scorn (Bonn): the Actors page's
    chart by source sets them apart for Putin, and follows the actor chosen."""
    for i, source in enumerate(SOURCES):
        word = {"Kieler Blatt": "Erfolg", "Bonner Rundschau": "Desaster"}.get(source, "Treffen")
        (tmp_path / f"p{i:02d}.txt").write_text(
            f"Gipfel {i} | Anna Becker. {i + 1:02d}.03.2025.\n\n"
            f"Wladimir Putin sprach von einem {word}. Putin reiste danach ab. Emmanuel Macron blieb in Paris.\n",
            encoding="utf-8",
        )
    (tmp_path / "metadata.csv").write_text(
        "file,source\n" + "".join(f"p{i:02d}.txt,{s}\n" for i, s in enumerate(SOURCES)), encoding="utf-8"
    )
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = _go(app(), "app_pages/actors.py")
    assert not at.exception, [e.value for e in at.exception]
    at.multiselect(key=state.ACTOR_PICK).set_value(["Putin", "Macron"]).run()
    assert at.selectbox(key=state.ACTOR_SOURCE).value == "Putin"
    spec = _chart(at, EN("Tone of sentences naming {actor}, by source", actor="Putin"))
    assert spec is not None
    bars = next(t for t in spec["data"] if t["type"] == "bar" and t.get("customdata"))
    assert {cd[0] for cd in bars["customdata"]} == {"actor_source"} and bars["customdata"][0][-1] == "Putin"
    x = bars["x"]
    if isinstance(x, dict):
        x = np.frombuffer(base64.b64decode(x["bdata"]), dtype=x["dtype"]).tolist()
    tone = dict(zip((cd[1] for cd in bars["customdata"]), x))
    assert tone["Kieler Blatt"] > tone["Bonner Rundschau"]
    at.selectbox(key=state.ACTOR_SOURCE).set_value("Macron").run()
    assert _chart(at, EN("Tone of sentences naming {actor}, by source", actor="Macron")) is not None


def _compare_sources(at):
    at = _go(at, "app_pages/compare.py")
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_compare_page_sets_two_sources_side_by_side_and_the_link_keeps_them(app, sourced):
    at = _compare_sources(app())
    mode = at.radio(key=state.COMPARE_MODE)
    assert mode.options == [EN("Two date ranges"), EN("Two sources")]  # no events in this folder
    mode.set_value("sources").run()
    assert not at.exception, [e.value for e in at.exception]
    first, second = (at.multiselect(key=k) for k in state.COMPARE_SOURCES)
    # the two largest outlets in view to start with (five articles each: by name)
    assert (first.value, second.value) == (["Bonner Rundschau"], ["Kieler Blatt"])
    assert EN("Compare two sources") in [t.value for t in at.title]
    assert [m.label for m in at.metric] == ["Bonner Rundschau", "Kieler Blatt", EN("Difference in tone")]
    bonn, kiel, gap = (float(m.value.replace("\u2212", "-")) for m in at.metric)
    assert kiel > 0 > bonn and gap == pytest.approx(kiel - bonn, abs=0.002)
    assert _chart(at, EN("Tone of the two sides, and the difference")) is not None
    assert _chart(at, EN("Tone before and after, and the change")) is None
    at.session_state["compare_part"] = EN("What stands out")  # the findings' part
    at.run()
    texts = " ".join(m.value for m in at.markdown)
    assert "The wording of “Kieler Blatt” is more positive than that of “Bonner Rundschau”" in texts
    query = parse_qs(urlsplit(share_link(at)).query)
    assert query["cmode"] == ["sources"] and query["csa"] == ["Bonner Rundschau"] and query["csb"] == ["Kieler Blatt"]
    # A side left empty is every other outlet (Kiel's five and Jena's two; not the one without).
    at.multiselect(key=state.COMPARE_SOURCES[0]).set_value([]).run()
    assert [m.label for m in at.metric][0] == EN("every other source")
    assert [c.value for c in at.caption][:2] == ["7 articles · 28 sentences", "5 articles · 20 sentences"]
    at.multiselect(key=state.COMPARE_SOURCES[1]).set_value([]).run()
    assert EN("Pick a source for at least one side.") in [i.value for i in at.info]
    assert not at.metric


def test_a_link_to_two_sources_opens_them_and_drops_an_outlet_the_corpus_lacks(app, sourced):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.context["locale"] = "en-US"
    fresh.query_params.update({"cmode": "sources", "csa": ["Jenaer Anzeiger", "Nowhere"], "csb": ["Kieler Blatt"]})
    at = _compare_sources(fresh)
    assert at.radio(key=state.COMPARE_MODE).value == "sources"
    assert at.multiselect(key=state.COMPARE_SOURCES[0]).value == ["Jenaer Anzeiger"]
    assert [m.label for m in at.metric][:2] == ["Jenaer Anzeiger", "Kieler Blatt"]
    # two articles on the first side: the page says how little that is
    assert any("Jenaer Anzeiger" in w.value and "only 2 articles" in w.value for w in at.warning)


def test_the_bundled_corpus_compares_no_sources(app):
    at = _compare_sources(app())
    assert at.radio(key=state.COMPARE_MODE).options == [EN("Before and after an event"), EN("Two date ranges")]


def test_the_tone_page_opens_its_most_negative_and_most_positive_source_side_by_side(app, sourced):
    at = _compare_sources(app())  # a comparison of other choices set up before
    at.radio(key=state.COMPARE_MODE).set_value("ranges").run()
    at = _go(at, "app_pages/tone.py")
    button = at.button(key="tone_compare_sources")
    # Jena's two articles are hatched on the chart: not offered
    assert button.label == EN("Compare {low} with {high}", low="Bonner Rundschau", high="Kieler Blatt")
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert EN("Compare two sources") in [t.value for t in at.title]
    assert at.radio(key=state.COMPARE_MODE).value == "sources"
    assert [m.label for m in at.metric][:2] == ["Bonner Rundschau", "Kieler Blatt"]


def test_the_tone_page_follows_each_source_over_time_and_a_point_opens_its_articles(app, sourced):
    at = _go(app(), "app_pages/tone.py")
    spec = _chart(at, EN("Mean tone per week, by source"))
    assert spec is not None
    lines = [t for t in spec["data"] if t.get("customdata")]
    assert [t["name"] for t in lines] == ["Bonner Rundschau", "Kieler Blatt", "Jenaer Anzeiger"]
    assert {cd[0] for t in lines for cd in t["customdata"]} == {"source_bucket"}
    # the article without an outlet is on no line
    assert sum(int(cd[4].split()[0]) for t in lines for cd in t["customdata"]) == len(SOURCES) - 1


def test_the_bundled_tone_page_draws_no_sources_over_time(app):
    at = _go(app(), "app_pages/tone.py")
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert titles and not any("by source" in t for t in titles)


def _themes_by_source(at):
    """The Themes page with its part "By source" open, as a reader opens the tab."""
    at.session_state["themes_part"] = EN("By source")
    return _go(at, "app_pages/themes.py")


def test_the_themes_page_shows_how_much_room_each_source_gives_each_theme(app, sourced):
    at = _go(app(), "app_pages/themes.py")
    assert EN("By source") in [t.label for t in at.tabs]
    assert _chart(at, EN("How much of each source's text each theme fills")) is None  # in its own part
    at = _themes_by_source(at)
    assert not at.exception, [e.value for e in at.exception]
    spec = _chart(at, EN("How much of each source's text each theme fills"))
    assert spec is not None
    dots = [t for t in spec["data"] if t.get("customdata")]
    assert [t["name"] for t in dots] == ["Bonner Rundschau", "Kieler Blatt", "Jenaer Anzeiger"]
    assert dots[2]["marker"]["symbol"] == "circle-open"  # Jena's two articles
    assert {cd[0] for t in dots for cd in t["customdata"]} == {"source_theme"}


def test_the_themes_page_draws_the_source_a_finding_names_besides_the_largest(app, sourced, monkeypatch):
    from tonlage.analysis.pipeline import analyse_folder
    from tonlage.findings import source_theme_finding
    from tonlage.present import charts
    from tonlage.present.charts import sources

    meta = sourced / "metadata.csv"  # the article without an outlet is Kiel's: six, the largest
    meta.write_text(meta.read_text(encoding="utf-8").replace("a12.txt,", "a12.txt,Kieler Blatt"), encoding="utf-8")
    corpus = analyse_folder(sourced)
    named = source_theme_finding(corpus, tuple(corpus.articles["article_id"])).values["source"]
    assert named != "Kieler Blatt"  # Bonn's scorn is its own theme
    for module in (charts, sources):  # only the largest source drawn, as the 7th of many would be
        monkeypatch.setattr(module, "SOURCE_LINES", 1)
    at = app()
    at.query_params[state.PART_QP] = "sources"  # as the Overview finding's "See the chart" leads here
    _go(at, "app_pages/themes.py")
    assert at.query_params[state.PART_QP] == "sources"  # the open part stays in the link to the view
    assert not at.exception, [e.value for e in at.exception]
    spec = _chart(at, EN("How much of each source's text each theme fills"))
    assert spec is not None
    assert [t["name"] for t in spec["data"] if t.get("customdata")] == ["Kieler Blatt", named]
    notes = [c.value for c in at.caption if "are drawn, of 3" in c.value]
    want = f"drawn, of 3, and {named}, which the statement under the chart names"
    assert len(notes) == 1 and want in notes[0]
    # the statement under the chart: the Overview's finding, and a way to compare that source
    said = [m.value for m in at.markdown if "room than the others" in m.value]
    assert len(said) == 1 and named in said[0] and "may be chance" in said[0]
    _said_before_the_tools(at, said[0], "themes_sources")
    assert at.button(key="themes_sources_compare").label == EN("Compare {source} with the other sources", source=named)
    # pinned for the meeting pack, the chart's slide says it too
    at.button(key="themes_sources_pin").click().run()
    pinned = [p for p in at.session_state[state.PINNED_CHARTS] if p.key == "themes_sources"]
    assert len(pinned) == 1 and pinned[0].what == "⚠ " + html.unescape(said[0].removeprefix("⚠️ "))


def test_the_themes_page_says_when_no_source_gives_a_theme_much_more_room(app, sourced, monkeypatch):
    from components import cached

    monkeypatch.setattr(cached, "source_theme_finding", lambda key, f: None)  # no gap of 10 points
    at = _themes_by_source(app())
    assert not at.exception, [e.value for e in at.exception]
    said = [m.value for m in at.markdown if "room than the other" in m.value]
    want = "No source gives a theme {points} percentage points more or less room than the other sources in view."
    assert said == [EN(want, points="10")]
    _said_before_the_tools(at, said[0], "themes_sources")
    assert not [b for b in at.button if b.key == "themes_sources_compare"]


def test_the_bundled_themes_page_has_no_sources(app):
    at = _go(app(), "app_pages/themes.py")
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert titles and EN("How much of each source's text each theme fills") not in titles
    labels = [t.label for t in at.tabs]  # (the box that changes the themes has tabs too)
    assert labels[:3] == [EN("Over time"), EN("Words of each theme"), EN("Tone by theme")]
    assert EN("By source") not in labels


def test_an_outlets_finding_opens_it_against_every_other_outlet_on_the_compare_page(app, sourced):
    at = app()
    found = [b for b in at.button if (b.key or "").startswith("overview_f_compare_")]
    labels = [b.label for b in found]
    assert EN("Compare {source} with the other sources", source="Kieler Blatt") in labels
    next(b for b in found if "Kieler Blatt" in b.label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert EN("Compare two sources") in [t.value for t in at.title]
    assert [m.label for m in at.metric][:2] == ["Kieler Blatt", EN("every other source")]
    # Bonn's five and Jena's two against Kiel's five; the one without an outlet is on no side
    assert [c.value for c in at.caption][:2] == ["5 articles · 20 sentences", "7 articles · 28 sentences"]


def test_the_overview_says_whether_a_source_gives_a_theme_more_room_and_links_the_chart(app, sourced):
    at = app()
    assert not at.exception, [e.value for e in at.exception]
    said = [m.value for m in at.markdown if "room than the others" in m.value]
    assert len(said) == 1, [m.value for m in at.markdown]
    # Bonn's and Kiel's five articles each (Jena's two too few to test): a gap on so few is said
    # to be possibly chance, with how many pairs were drawn together
    assert said[0].startswith("⚠️ Of the 2 sources with at least 3 articles with themes in view")
    assert "may be chance" in said[0] and "pairs of source and theme" in said[0]
    pages = {e.proto.page for e in at.get("page_link") if e.proto.label == EN("See the chart")}
    assert "themes" in pages  # the Themes page's chart by source


def test_two_sources_compared_are_followed_over_time_each_side_one_line(app, sourced):
    at = _compare_sources(app())
    at.radio(key=state.COMPARE_MODE).set_value("sources").run()
    at.multiselect(key=state.COMPARE_SOURCES[1]).set_value(["Kieler Blatt", "Jenaer Anzeiger"]).run()
    spec = _chart(at, EN("Mean tone per week, each side"))
    assert spec is not None
    lines = [t for t in spec["data"] if t.get("customdata")]
    assert [t["name"] for t in lines] == ["Bonner Rundschau", "Kieler Blatt, Jenaer Anzeiger"]
    # a point of the group opens the articles of both its outlets in its week
    assert {cd[3] for cd in lines[1]["customdata"]} == {"Kieler Blatt\x1fJenaer Anzeiger"}
    assert sum(int(cd[4].split()[0]) for cd in lines[1]["customdata"]) == 7


def test_an_outlets_undated_articles_are_on_its_side_and_on_neither_of_two_periods(app, tmp_path, monkeypatch):
    """Two periods are of days, so the Compare page says that an undated article is on neither
    side. Two outlets' sides hold every article of theirs in view, dated or not: there the
    undated article is counted on its outlet's side, and the page said it was on neither."""
    write_sourced_corpus(tmp_path)
    first = tmp_path / "a00.txt"  # one of the Kiel paper's five, its date taken out of the header
    head, body = first.read_text(encoding="utf-8").split("\n", 1)
    first.write_text(head.rsplit(" 01.03.2025.", 1)[0] + "\n" + body, encoding="utf-8")
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = _compare_sources(app())
    neither = EN.ngettext(
        "{n} article in view has no date and is on neither side of the comparison.",
        "{n} articles in view have no date and are on neither side of the comparison.",
        1,
    )
    assert neither in [c.value for c in at.caption]  # two date ranges
    at.radio(key=state.COMPARE_MODE).set_value("sources").run()
    assert not at.exception, [e.value for e in at.exception]
    sides = [at.multiselect(key=k).value for k in state.COMPARE_SOURCES]
    assert sides == [["Bonner Rundschau"], ["Kieler Blatt"]]  # the two largest in view, by name
    captions = [c.value for c in at.caption]
    assert neither not in captions
    assert captions[1].startswith("5 articles · ")  # Kiel's undated article counted on its side


def _undated_outlets(tmp_path, monkeypatch) -> None:
    """The sourced corpus with every byline and date removed (web pages saved without one)."""
    write_sourced_corpus(tmp_path)
    for f in sorted(tmp_path.glob("a*.txt")):
        head, body = f.read_text(encoding="utf-8").split("\n", 1)
        f.write_text(head.split(" | ")[0] + "\n" + body, encoding="utf-8")  # no byline, no date
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))


def test_the_empty_meeting_pack_offers_two_sources_where_no_article_has_a_date(app, tmp_path, monkeypatch):
    """With nothing pinned, the Meeting pack page leads to a comparison: of two periods on a
    dated corpus; of two sources where no article has a date but outlets can be set side by
    side (it offered none there)."""
    _undated_outlets(tmp_path, monkeypatch)
    at = app()
    at.switch_page("app_pages/pack.py").run()
    assert not at.exception, [e.value for e in at.exception]
    links = [(p.proto.label, p.proto.page) for p in at.get("page_link") if p.proto.page == "compare"]
    assert links == [(EN("Compare two sources"), "compare")]
    said = " ".join(m.value for m in at.markdown)
    assert "pins two sources set side by side, with their findings" in said and "before/after" not in said


def test_two_sources_are_compared_where_no_article_has_a_date(app, tmp_path, monkeypatch):
    """A folder of outlets' texts with no date at all (web pages saved without one): there are
    no periods, but the two outlets' wording can still be set side by side. The Compare page
    said only that no article has a date; now it compares two sources, every article of each
    in view, and says why there is no other choice. Each part draws, and the comparison goes
    into the meeting pack with its sides undated."""
    _undated_outlets(tmp_path, monkeypatch)
    at = _compare_sources(app())
    assert at.session_state[state.COMPARE_SOURCES[0]] is not None
    said = EN(
        "Where does the wording of two sources differ? No article has a date, so there are no periods to compare: pick an outlet, or several read as one, for each side. Each side is every article of its outlets in view. The filters in the sidebar still apply."
    )
    assert said in [m.value for m in at.markdown]
    assert not at.info and not [r for r in at.radio if r.key == state.COMPARE_MODE]
    assert EN("Compare two sources") in [t.value for t in at.title]
    assert [m.label for m in at.metric] == ["Bonner Rundschau", "Kieler Blatt", EN("Difference in tone")]
    bonn, kiel, _ = (float(m.value.replace("\u2212", "-")) for m in at.metric)
    assert kiel > 0 > bonn
    captions = [c.value for c in at.caption]
    assert [c.split(" · ")[0] for c in captions[:2]] == ["5 articles", "5 articles"]  # every article of each
    for part in ("What stands out", "Themes and actors", "Example sentences"):
        at.session_state["compare_part"] = EN(part)
        at.run()
        assert not at.exception, (part, [e.value for e in at.exception])
    at.button(key="compare_pin_all").click().run()
    assert not at.exception, [e.value for e in at.exception]
    pinned = at.session_state[state.PINNED_CHARTS]
    assert pinned and all(EN("undated") in " ".join(p.caption) for p in pinned)
    # A side left empty is every other outlet, as with dates.
    at.multiselect(key=state.COMPARE_SOURCES[0]).set_value([]).run()
    assert [m.label for m in at.metric][0] == EN("every other source")
