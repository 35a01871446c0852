"""The Themes page: how stable each theme is, and the reader's own themes (rename, merge, hide,
undo, reset) reaching the other pages. Edits go to a temporary data folder per test."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from components.theme_edits_view import HIDE_PICK, MERGE_PICK, RENAME_PICK, RENAME_TEXT, SHOW_PICK
from tests.shown import shown
from tonlage.i18n import translator
from tonlage.review import ReaderEdits

EN, DE = translator("en"), translator("de")
THEMES = "app_pages/themes.py"
NEW_NAME = "Gespräche in Riad"
UNSTABLE_ONE = (
    "Theme {names} is unstable: it changes when the program is run again with another random start. "
    "Treat it with care, and do not rest a conclusion on it alone."
)
UNSTABLE_MANY = (
    "Themes {names} are unstable: they change when the program is run again with another random start. "
    "Treat them with care, and do not rest a conclusion on them alone."
)


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path, monkeypatch):
    """Every test starts without theme edits and leaves none behind."""
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))


def _themes_page(app, locale="en-US"):
    at = app(locale)
    at.switch_page(THEMES).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at, tr=EN) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if tr("Top words") in d.value.columns)


def _labels(at, tr=EN) -> list[str]:
    return list(_table(at, tr)[tr("Main theme")])


# The part of the page (its tab) each chart is drawn in, by the chart's English title.
PART_OF = {
    "How much each theme fills the articles over time": "Over time",
    "The words that make up each theme": "Words of each theme",
}


def _spec(at, title: str, tr=EN) -> dict:
    """The chart titled ``title`` (in ``tr``'s language), its part of the page opened first."""
    english = next((k for k in PART_OF if tr(k) == title), None)
    if english is not None and at.session_state["themes_part"] != tr(PART_OF[english]):
        at.session_state["themes_part"] = tr(PART_OF[english])
        _ok(at.run())
    return next(
        s for s in (json.loads(c.proto.spec) for c in at.get("plotly_chart")) if s["layout"]["title"]["text"] == title
    )


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_rename_shows_on_the_themes_page_and_on_the_overview(app, analysed_bundled):
    at = _themes_page(app)
    before = _labels(at)
    at.selectbox(key=RENAME_PICK).set_value(0)
    at.text_input(key=RENAME_TEXT).input(NEW_NAME)
    _ok(at.button(key="theme_rename_apply").click().run())
    assert _labels(at) == [NEW_NAME, *before[1:]]
    assert NEW_NAME in json.dumps(_spec(at, EN("The words that make up each theme")), ensure_ascii=False)
    # the change is listed in plain words, with the automatic name it had
    listed = [shown(m.value) for m in at.markdown]
    assert any(NEW_NAME in m and before[0] in m for m in listed)
    # another page's chart and the sidebar's theme filter use the new name
    at.switch_page("app_pages/overview.py").run()
    _ok(at)
    overview = json.dumps([json.loads(c.proto.spec) for c in at.get("plotly_chart")], ensure_ascii=False)
    assert NEW_NAME in overview and before[0] not in overview
    assert any(NEW_NAME in str(o) for m in at.sidebar.multiselect for o in m.options)


def test_a_typed_name_is_shown_as_text_never_as_markup(app):
    hostile = "**fett** [Link](http://evil.example/x) <b>b</b>"
    at = _themes_page(app)
    at.selectbox(key=RENAME_PICK).set_value(1)
    at.text_input(key=RENAME_TEXT).input(hostile)
    _ok(at.button(key="theme_rename_apply").click().run())
    assert hostile in _labels(at)  # the table shows it literally
    said = [m.value for m in [*at.markdown, *at.success] if "fett" in m.value]
    assert said  # the change list and the confirmation name it ...
    for m in said:  # ... escaped: no bold, no link, no tag reaches Markdown
        assert "**fett**" not in m and "](http" not in m and "<b>" not in m
        assert hostile in shown(m).replace("\\", "")


def test_merge_leaves_one_theme_fewer_and_undo_brings_it_back(app, analysed_bundled):
    at = _themes_page(app)
    n = len(_table(at))
    assert n == len(analysed_bundled.themes) >= 3
    at.multiselect(key=MERGE_PICK).set_value([0, 1])
    _ok(at.button(key="theme_merge_apply").click().run())
    table = _table(at)
    assert len(table) == n - 1
    assert 2 not in set(table[EN("No.")])  # the merged theme keeps the smaller number, 1
    # a merged theme was never fitted as one: its stability is not measured, and it says why
    assert table.set_index(EN("No."))[EN("How stable")][1] == EN("not measured: merged by you")
    terms = _spec(at, EN("The words that make up each theme"))
    assert sum(1 for tr in terms["data"] if tr["type"] == "bar") == n - 1
    undo = [b for b in at.button if b.key and b.key.startswith("theme_undo_")]
    assert len(undo) == 1
    _ok(undo[0].click().run())
    assert len(_table(at)) == n


def test_merging_one_theme_is_refused_in_plain_words(app):
    at = _themes_page(app)
    at.multiselect(key=MERGE_PICK).set_value([0])
    at.button(key="theme_merge_apply").click().run()
    assert not at.exception
    assert [shown(e.value) for e in at.error] == [EN("Choose at least two themes to merge.")]


def test_hide_removes_the_theme_from_the_charts_and_show_again_restores_it(app, analysed_bundled):
    at = _themes_page(app)
    gone = _labels(at)[2]
    at.selectbox(key=HIDE_PICK).set_value(2)
    _ok(at.button(key="theme_hide_apply").click().run())
    assert gone not in _labels(at)
    for title in (EN("The words that make up each theme"), EN("How much each theme fills the articles over time")):
        assert gone not in json.dumps(_spec(at, title), ensure_ascii=False)
    at.selectbox(key=SHOW_PICK).set_value(2)
    _ok(at.button(key="theme_show_apply").click().run())
    assert gone in _labels(at)


def test_reset_undoes_every_change(app):
    at = _themes_page(app)
    before = _labels(at)
    at.selectbox(key=RENAME_PICK).set_value(0)
    at.text_input(key=RENAME_TEXT).input(NEW_NAME)
    _ok(at.button(key="theme_rename_apply").click().run())
    at.selectbox(key=HIDE_PICK).set_value(1)
    _ok(at.button(key="theme_hide_apply").click().run())
    assert _labels(at) == [NEW_NAME, before[2]]
    _ok(at.button(key="theme_reset").click().run())
    assert _labels(at) == before
    assert not [b for b in at.button if b.key and b.key.startswith("theme_undo_")]


def test_stability_is_shown_in_plain_words(app, analysed_bundled):
    """A figure for a theme that leads at least THEME_STABILITY_MIN_ARTICLES articles; none for
    the others (each of the bundled corpus's one-article themes was "stable (0.75)": its one
    article was left out of one refit in four)."""
    from tonlage.thresholds import THEME_STABILITY_MIN_ARTICLES

    at = _themes_page(app)
    column = list(_table(at)[EN("How stable")])
    themes = analysed_bundled.themes
    assert len(column) == len(themes)
    enough = themes["n_articles"] >= THEME_STABILITY_MIN_ARTICLES
    assert enough.any() and not enough.all()  # both kinds on the bundled corpus
    for value, stability, measured in zip(column, themes["stability"], enough):
        if measured:
            assert value.endswith(f"({stability:.2f})") and value.split(" (")[0] in (EN("stable"), EN("fairly stable"))
        else:
            assert value == EN("too few articles to tell")
    assert not at.warning  # no theme of the bundled corpus is unstable


@pytest.fixture
def one_unstable_theme(monkeypatch):
    """The second theme of whatever corpus is opened measures as unstable (0.2)."""
    apply = ReaderEdits.apply

    def shaky(self, corpus):
        out = apply(self, corpus)
        th = out.themes.copy()
        # (leading enough articles of the corpus to have a figure at all)
        th.loc[th["theme_id"] == 1, ["stability", "n_articles"]] = [0.2, 3]
        return dataclasses.replace(out, themes=th)

    monkeypatch.setattr(ReaderEdits, "apply", shaky)


@pytest.mark.parametrize("tr", [EN, DE], ids=["en", "de"])
def test_an_unstable_theme_is_warned_about(app, one_unstable_theme, tr):
    at = _themes_page(app, "de-DE" if tr is DE else "en-US")
    table = _table(at, tr).set_index(tr("No."))
    assert table[tr("How stable")][2] == tr("unstable ({value})", value=tr.decimal(0.2))
    names = tr("{n} “{label}”", n=2, label=table[tr("Main theme")][2])
    expected = tr.ngettext(UNSTABLE_ONE, UNSTABLE_MANY, 1, names=names)
    assert [shown(w.value) for w in at.warning] == [expected]


def test_a_renamed_theme_goes_into_the_meeting_pack_and_the_compare_page(app):
    from components import state

    at = _themes_page(app)
    at.selectbox(key=RENAME_PICK).set_value(0)
    at.text_input(key=RENAME_TEXT).input(NEW_NAME)
    _ok(at.button(key="theme_rename_apply").click().run())
    at.switch_page("app_pages/overview.py").run()
    _ok(at.button(key="overview_themes_pin").click().run())
    (pin,) = at.session_state[state.PINNED_CHARTS]
    assert NEW_NAME in json.dumps(json.loads(pin.figure), ensure_ascii=False)
    assert NEW_NAME in set(pin.table.iloc[:, 1])
    at.switch_page("app_pages/compare.py").run()
    at.session_state["compare_part"] = EN("Themes and actors")  # the themes' chart
    _ok(at.run())
    compared = json.dumps([json.loads(c.proto.spec) for c in at.get("plotly_chart")], ensure_ascii=False)
    assert NEW_NAME in compared  # the themes' change between the two periods


def test_edits_of_a_workspace_are_kept_in_it_without_reanalysing(app):
    from pathlib import Path

    from components import state
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest
    from tonlage.storage.workspace import Workspace

    ws = Workspace("Themen")
    corpus = Path(__file__).resolve().parents[2] / "data" / "corpus"
    ingest(ws, [Document(p.name, p.read_bytes()) for p in sorted(corpus.glob("*.txt"))])
    analysed = ws.fingerprint()
    at = app()
    at.session_state[state.CORPUS] = "Themen"
    at.switch_page(THEMES).run()
    _ok(at)
    at.selectbox(key=RENAME_PICK).set_value(0)
    at.text_input(key=RENAME_TEXT).input(NEW_NAME)
    _ok(at.button(key="theme_rename_apply").click().run())
    assert _labels(at)[0] == NEW_NAME
    assert ws.fingerprint() == analysed  # a theme edit is no change of the articles: no new analysis
    assert [r["value"] for r in ReaderEdits.for_workspace(ws).themes.records("auto")] == [NEW_NAME]


UNSTABLE_COUNTED = (
    "{count} of {total} themes is unstable (marked “unstable” in the table above): it changes when the program is "
    "run again with another random start. Treat it with care, and do not rest a conclusion on it alone.",
    "{count} of {total} themes are unstable (marked “unstable” in the table above): they change when the program "
    "is run again with another random start. Treat them with care, and do not rest a conclusion on them alone.",
)


@pytest.fixture
def every_theme_unstable(monkeypatch):
    apply = ReaderEdits.apply

    def shaky(self, corpus):
        out = apply(self, corpus)
        return dataclasses.replace(out, themes=out.themes.assign(stability=0.2, n_articles=3))

    monkeypatch.setattr(ReaderEdits, "apply", shaky)


@pytest.mark.parametrize("tr", [EN, DE], ids=["en", "de"])
def test_many_unstable_themes_are_counted_not_named(app, every_theme_unstable, tr):
    """At 100,000 articles, 13 of 25 theme names made a warning of five lines; the table names them."""
    from components import state

    at = app("de-DE" if tr is DE else "en-US")
    at.selectbox(key=state.N_THEMES).set_value(5).run()
    at.switch_page(THEMES).run()
    _ok(at)
    assert len(_table(at, tr)) == 5
    assert [shown(w.value) for w in at.warning] == [tr.ngettext(*UNSTABLE_COUNTED, 5, count=5, total=5)]


@pytest.mark.parametrize("periods", [True, False], ids=["periods", "articles"])
def test_the_time_chart_data_is_its_points(app, monkeypatch, periods):
    """Drawn as periods (forced here: the bundled corpus is small), the data behind the theme
    time chart is one row per theme and period, the chart's points, made only when its box is
    opened; drawn per article, one row per article and theme, as before."""
    from tonlage.present.charts import themes as theme_charts

    monkeypatch.setattr(theme_charts, "draws_periods", lambda *a, **k: periods)
    at = _themes_page(app)
    spec = _spec(at, EN("How much each theme fills the articles over time"))
    lines = [tr for tr in spec["data"] if tr.get("customdata")]
    kind = {c[0] for tr in lines for c in tr["customdata"]}
    assert kind == {"bucket" if periods else "article"}
    at.session_state["themes_time_data_open"] = True
    at.run()
    _ok(at)
    box = next(e for e in at.expander if e.label == EN("Show the data behind this chart"))
    data = box.dataframe[0].value
    assert len(data) == sum(len(tr["customdata"]) for tr in lines)
    if periods:
        assert list(data.columns) == [EN(x) for x in ("No.", "Theme", "From", "To")] + [
            EN("Share") + " %",
            EN("95% interval from") + " %",
            EN("95% interval to") + " %",
            EN("Articles"),
        ]
        got = sorted(zip(data[EN("No.")], data[EN("From")].astype(str), data[EN("Articles")]))
        want = sorted(
            (int(i) + 1, c[1], c[3])
            for tr in lines
            for i, c in zip([_theme_no(at, tr["name"])] * len(tr["customdata"]), tr["customdata"])
        )
        assert got == want
        # Each period's interval holds its share, and the chart draws it where the dot is solid
        # (three articles or more) and says it in the hover.
        low, share, high = (data[EN(x) + " %"] for x in ("95% interval from", "Share", "95% interval to"))
        drawn = low.notna()
        assert drawn.any() and ((low[drawn] <= share[drawn]) & (share[drawn] <= high[drawn])).all()
        for tr in lines:
            ends = tr["error_y"]["array"]
            for c, up in zip(tr["customdata"], ends):
                assert (up == "NaN") == (c[3] < 3 or c[5] == EN("too few articles for an interval"))
                assert c[5].startswith(EN("95% interval: {low} … {high}").split("{")[0]) or up == "NaN"
    else:
        assert EN("Title") in data.columns


def _theme_no(at, name: str) -> int:
    table = _table(at)
    return int(table.loc[table[EN("Main theme")] == name, EN("No.")].iloc[0]) - 1


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("en-US", "These themes were fitted in 12 parts because the corpus is large"),
        ("de-DE", "Diese Themen wurden in 12 Teilen berechnet, weil das Korpus groß ist"),
    ],
)
def test_themes_fitted_in_parts_are_said_where_the_fit_is_described(app, monkeypatch, locale, words):
    from components import cached

    real = cached.params
    at = _themes_page(app, locale)
    assert not any(words in str(c.value) for c in at.main.caption)  # the bundled corpus: the exact fit
    monkeypatch.setattr(cached, "params", lambda key: {**real(key), "theme_method": "partitions", "theme_parts": 12})
    at = _themes_page(app, locale)
    assert any(words in str(c.value) for c in at.main.caption)


def test_the_german_table_writes_numbers_with_a_decimal_comma_and_sorts_them_as_numbers(app, analysed_bundled):
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    at = _themes_page(app, "de-DE")
    element = next(d for d in at.dataframe if DE("Top words") in d.value.columns)
    numbers = element.value  # the cells themselves: the column sorts as numbers
    assert numbers[DE("Share") + " %"].dtype.kind == "f" and numbers[DE("Tone")].dtype.kind == "f"
    shown = convert_arrow_bytes_to_pandas_df(element.proto.arrow_data.styler.display_values)
    shares, tones = list(shown.iloc[:, 2]), list(shown.iloc[:, 4])  # Share %, Tone
    assert len(shares) == len(analysed_bundled.themes)
    assert shares == [f"{v:.1f}".replace(".", ",") for v in numbers[DE("Share") + " %"]]
    assert tones == [f"{v:+.2f}".replace(".", ",").replace("-", "\u2212") for v in numbers[DE("Tone")]]


def test_the_theme_words_pinned_for_a_slide_keep_the_six_largest_themes_and_say_so(app, tmp_path, monkeypatch):
    """On the page every theme has its panel; the pin and the downloads (a 960 x 540 slide)
    keep the six largest, and their caption says the app shows them all."""
    from components import state
    from tonlage.thresholds import SLIDE_THEME_PANELS

    at = _nine_subjects_page(app, tmp_path, monkeypatch, n_themes=8)
    page = _spec(at, EN("The words that make up each theme"))
    assert len([k for k in page["layout"] if k.startswith("yaxis")]) == 8  # every theme on the page
    at.button(key="themes_terms_pin").click().run()
    _ok(at)
    pin = at.session_state[state.PINNED_CHARTS][0]
    fig = pin.fig()
    assert len([k for k in fig.layout.to_plotly_json() if k.startswith("yaxis")]) == SLIDE_THEME_PANELS
    shares = dict(zip(_table(at)[EN("No.")], _table(at)[EN("Share %")]))
    pinned = sorted(int(t.name.split("</b>")[0].rsplit(" ", 1)[1]) for t in fig.data if t.type == "bar")
    assert pinned == sorted(sorted(shares, key=lambda n: -shares[n])[:SLIDE_THEME_PANELS])
    assert pin.caption[-1] == EN(
        "Shown: the {n} largest of {total} themes; the app shows them all.", n=SLIDE_THEME_PANELS, total=8
    )


def _nine_subjects_page(app, tmp_path, monkeypatch, *, n_themes: int):
    """The Themes page of nine short articles, each on a subject of its own, split into
    ``n_themes`` themes."""
    from components import state

    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(_nine_subjects(tmp_path)))
    at = app()
    at.selectbox(key=state.N_THEMES).set_value(n_themes).run()
    at.switch_page(THEMES).run()
    return _ok(at)


def _nine_subjects(tmp_path):
    """Nine short articles, each on a subject of its own: up to nine themes."""
    from tests.corpora import TOWNS

    subjects = ["Radwege", "Schulen", "Theater", "Hafen", "Klinik", "Brauerei", "Flughafen", "Zoo", "Museum"]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, (town, subject) in enumerate(zip(TOWNS, subjects)):
        words = " ".join(f"{subject}{j} {town}{j}" for j in range(6))
        (folder / f"a{i}.txt").write_text(
            f"{subject} in {town} | Anna Becker. 0{i + 1}.03.2025.\n\n"
            f"Der Stadtrat in {town} beriet über {subject}. {words}. Die {subject} in {town} bleibt Thema.\n",
            encoding="utf-8",
        )
    return folder


def test_the_theme_lines_pinned_leave_out_the_ones_a_reader_clicks_in_and_say_so(app, tmp_path, monkeypatch):
    """Nine themes: the page draws the eight largest lines and lists the ninth in the legend to
    click in; the pin (an image cannot be clicked) draws the eight, without the ninth and the
    legend title that says to click, and its caption says what it shows."""
    from components import state
    from tonlage.thresholds import THEME_TIME_LINES

    at = _nine_subjects_page(app, tmp_path, monkeypatch, n_themes=9)
    page = _spec(at, EN("How much each theme fills the articles over time"))
    assert [d.get("visible") for d in page["data"]].count("legendonly") == 1
    assert page["layout"]["legend"]["title"]["text"]
    at.button(key="themes_time_pin").click().run()
    _ok(at)
    pin = at.session_state[state.PINNED_CHARTS][0]
    fig = pin.fig()
    assert not [t for t in fig.data if t.visible == "legendonly"]
    assert len([t for t in fig.data if t.mode and "lines" in t.mode]) == THEME_TIME_LINES
    assert not fig.layout.legend.title.text
    assert pin.caption[-1] == EN(
        "Shown: the {n} largest of {total} themes; the app shows them all.", n=THEME_TIME_LINES, total=9
    )


def test_the_words_of_each_theme_are_drawn_once_for_every_view(app, monkeypatch):
    """The chart of the words that make up each theme is the same in every view: a new filter
    does not build it again (it took ~30 ms of each new filter at 100,000 articles)."""
    from tonlage.present.charts import themes as theme_charts

    at = _themes_page(app)
    title = EN("The words that make up each theme")
    _spec(at, title)  # its part open
    before = [c.proto.spec for c in at.get("plotly_chart") if title in c.proto.spec]
    built = []
    real = theme_charts.theme_terms_figure

    def counted(*args, **kwargs):
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(theme_charts, "theme_terms_figure", counted)
    at.text_input(key="filter_words").set_value("Putin").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key="filter_words").value == "Putin"
    after = [c.proto.spec for c in at.get("plotly_chart") if title in c.proto.spec]
    assert len(before) == 1 and after == before
    assert built == []
