"""Pure app-side helpers: selection → article ids, the escaping helper, the string tables, filters."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from tonlage.i18n import default_language, translator
from tonlage.model import AnalysedCorpus
from tonlage.present.safe import MARKUP_CHARS, WORD_JOINER, escape_plot_text, escape_text
from tonlage.present.selection import selected_article_ids
from tonlage.present.types import Filters
from tonlage.present.views import filter_ids, theme_table


@pytest.fixture
def view():
    return pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "date": pd.to_datetime(["2025-01-02", "2025-01-20", "2025-02-03", None]),
            "top_theme": [0, 1, 0, 1],
        }
    )


def _event(*customdata):
    return {
        "selection": {
            "points": [{"customdata": list(c), "point_index": i} for i, c in enumerate(customdata)],
            "point_indices": list(range(len(customdata))),
            "box": [],
            "lasso": [],
        }
    }


def test_selection_article_points_keep_view_order_and_drop_duplicates(view):
    ev = _event(["article", "c", "t"], ["article", "a", "t"], ["article", "c", "t"])
    assert selected_article_ids(ev, view) == ["a", "c"]


def test_selection_ignores_articles_outside_the_view_and_marks_without_ids(view):
    ev = _event(["article", "zzz"], ["event"], ["theme"])
    ev["selection"]["points"].append({"x": 1, "y": 2})  # e.g. a legend-only trace
    assert selected_article_ids(ev, view) == []


def test_selection_bucket_is_half_open(view):
    ev = _event(["bucket", "2025-01-01", "2025-02-03", 2, 30])
    assert selected_article_ids(ev, view) == ["a", "b"]


def test_selection_theme_and_actor(view):
    assert selected_article_ids(_event(["theme", 1, 2]), view) == ["b", "d"]
    aa = pd.DataFrame({"article_id": ["a", "c", "x"], "actor": ["Putin", "Putin", "Putin"]})
    assert selected_article_ids(_event(["actor", "Putin"]), view, actor_articles=aa) == ["a", "c"]


def test_selection_tone_bar_opens_the_articles_the_bar_counts():
    """A bar of the tone spread (Overview without dates) opens the articles the chart put in it,
    on the same edges: -0.05 is in the neutral middle bar, +0.05 in the one to its right."""
    from tonlage.present.charts import tone_spread_figure

    view = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d", "e"],
            "tone": [-0.05, 0.049, 0.05, float("nan"), -0.31],
            "n_sentences": [12, 3, 20, 0, 15],
            "title": list("ABCDE"),
        }
    )
    bars = {
        cd[1]: sorted(selected_article_ids(_event(list(cd)), view))
        for trace in tone_spread_figure(view).data
        if trace.customdata is not None
        for cd, y in zip(trace.customdata, trace.y)
        if y
    }
    assert bars == {0: ["a", "b"], 1: ["c"], -3: ["e"]}


def test_selection_actor_period_is_the_period_s_articles_naming_the_actor(view):
    """A dot of the Actors page's timeline drawn per week or month opens the articles of its
    period that name its actor (the hover's count), not every article of the period; without
    the actor rows, every article of the period."""
    aa = pd.DataFrame({"article_id": ["a", "c", "b"], "actor": ["Putin", "Putin", "Trump"]})
    mark = ["actor_bucket", "2025-01-01", "2025-02-01", "Putin", 1, 4, "Putin", "no interval"]
    assert selected_article_ids(_event(mark), view, actor_articles=aa) == ["a"]
    assert selected_article_ids(_event(mark[:3] + ["Trump"]), view, actor_articles=aa) == ["b"]
    assert selected_article_ids(_event(mark), view) == ["a", "b"]


def test_selection_makes_lazy_actor_rows_only_for_a_pick(view):
    aa = pd.DataFrame({"article_id": ["a", "c", "x"], "actor": ["Putin", "Putin", "Putin"]})
    calls = []

    def make():
        calls.append(1)
        return aa

    assert selected_article_ids({"selection": {"points": []}}, view, actor_articles=make) == []
    assert selected_article_ids(_event(["theme", 1, 2]), view, actor_articles=make) == ["b", "d"]
    assert calls == []  # no actor picked: the rows are never made
    assert selected_article_ids(_event(["actor", "Putin"]), view, actor_articles=make) == ["a", "c"]
    assert calls == [1]


def test_selection_empty_and_attribute_style_events(view):
    assert selected_article_ids(None, view) == []
    assert selected_article_ids({"selection": {"points": []}}, view) == []

    class Obj:  # st.plotly_chart returns an attribute-style dict
        selection = {"points": [{"customdata": ["article", "b"]}]}

    assert selected_article_ids(Obj(), view) == ["b"]


# --- escaping ------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "![x](http://evil/)",
    '<iframe srcdoc="<script>x</script>">',
    "[link](javascript:alert(1))",
    "$x^2$",
    ":red[rot] **fett** _k_ `code`",
    "# Heading",
    "&lt;already&gt;",
    "<img src=x onerror=alert(1)>",
    "line\nbreak | table | ~~strike~~ {a} \\ + - . !",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_text_leaves_no_markup_characters(text):
    out = escape_text(text)
    assert not (set(out) & (MARKUP_CHARS - {"&", "#"}))  # only entities remain
    assert re.fullmatch(r"(?:[^&#]|&#\d+;)*", out), out  # every & / # belongs to an entity
    assert "\n" not in out
    # and it reads as the original text (on one line; word joiners are invisible)
    assert html.unescape(out).replace(WORD_JOINER, "") == " ".join(text.split())


def test_escape_text_none_and_non_str():
    assert escape_text(None) == ""
    assert escape_text(3.5) == "3&#46;5"


def test_escape_plot_text():
    assert escape_plot_text("<b>a</b> & c", max_len=None) == "&lt;b&gt;a&lt;/b&gt; &amp; c"
    assert escape_plot_text("x" * 50, max_len=10).endswith("…")
    assert len(escape_plot_text("x" * 50, max_len=10)) == 10


# --- strings -------------------------------------------------------------------------------


def test_translator_formats_only_named_placeholders():
    tr = translator("de")
    assert tr("{n} of {total} articles shown", n=2, total=5) == "2 von 5 Artikeln angezeigt"
    assert "%{customdata[2]}" in tr(
        "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>Tone: %{y:+.2f}<br>Based on %{customdata[4]} sentences<br><i>Click to read</i>"
    )
    assert tr("A sentence not in the catalogue") == "A sentence not in the catalogue"


@pytest.mark.parametrize(
    "locale,lang",
    [("de-DE", "de"), ("de", "de"), ("DE-at", "de"), ("en-US", "en"), ("fr-FR", "en"), (None, "en"), ("", "en")],
)
def test_default_language_from_locale(locale, lang):
    assert default_language(locale) == lang


# --- filters -------------------------------------------------------------------------------


def _corpus() -> AnalysedCorpus:
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "u"],
            "date": pd.to_datetime(["2025-01-10", "2025-03-01", "2025-05-05", None]),
            "genre": ["commentary", "news report", "commentary", "commentary"],
            "author": ["X", "Y", "X", "unknown"],
            "top_theme": [0, 1, 1, 0],
            "tone": [-0.5, 0.5, 0.1, 0.0],
        }
    )
    actor_articles = pd.DataFrame(
        {
            "article_id": ["a", "c"],
            "actor": ["Putin", "Trump"],
            "kind": ["person"] * 2,
            "mentions": [2, 1],
            "n_sentences": [2, 1],
            "tone": [0.0, 0.0],
        }
    )
    themes = pd.DataFrame(
        {
            "theme_id": [0, 1],
            "label": ["t0", "t1"],
            "terms": [("a",), ("b",)],
            "term_weights": [(1.0,), (1.0,)],
            "weight": [0.5, 0.5],
            "n_articles": [2, 2],
            "tone": [0.0, 0.0],
        }
    )
    article_themes = pd.DataFrame(
        {"article_id": ["a", "a", "b", "b"], "theme_id": [0, 1, 0, 1], "share": [1.0, 0.0, 0.25, 0.75]}
    )
    empty = pd.DataFrame()
    return AnalysedCorpus(articles, empty, themes, article_themes, empty, actor_articles, empty, empty)


def test_filter_ids():
    c = _corpus()
    assert filter_ids(c, Filters()) == ("a", "b", "c", "u")
    assert filter_ids(c, Filters(date_from="2025-02-01")) == ("b", "c")  # undated drops out
    assert filter_ids(c, Filters(date_to="2025-03-01")) == ("a", "b")  # inclusive end day
    assert filter_ids(c, Filters(genres=("commentary",), authors=("X",))) == ("a", "c")
    assert filter_ids(c, Filters(themes=(1,))) == ("b", "c")
    assert filter_ids(c, Filters(actors=("Trump",))) == ("c",)
    assert filter_ids(c, Filters(genres=("news report",), actors=("Putin",))) == ()


def test_theme_table_is_share_weighted_over_the_view():
    t = theme_table(_corpus(), ("a", "b")).set_index("theme_id")
    assert t.loc[0, "share"] == pytest.approx((1.0 + 0.25) / 2)
    # theme 0: a (share 1, tone −0.5) and b (share .25, tone .5)
    assert t.loc[0, "tone"] == pytest.approx((1.0 * -0.5 + 0.25 * 0.5) / 1.25)
    assert t.loc[1, "n_articles"] == 1


def test_worker_reimport_of_app_does_not_run_the_app(monkeypatch):
    """forkserver/spawn workers of the engine re-import the entry script as "__mp_main__"."""
    import runpy
    from pathlib import Path

    from components import filters

    calls = []
    monkeypatch.setattr(filters, "render_sidebar", lambda *a: calls.append(1) or (_ for _ in ()).throw(RuntimeError))
    app = Path(__file__).resolve().parents[2] / "app.py"
    runpy.run_path(str(app), run_name="__mp_main__")
    assert calls == []
    with pytest.raises(RuntimeError):  # the same file as "__main__" does run the app
        runpy.run_path(str(app), run_name="__main__")
    assert calls == [1]


def test_tables_shown_in_the_app_are_safe_to_download():
    import pandas as pd

    from tonlage.present.safe import safe_table

    df = pd.DataFrame(
        {"title": ['=HYPERLINK("http://x")', "Normal", "@SUM(A1)", "-cmd"], "tone": [-0.5, 0.1, 0.0, 1.0]}
    )
    out = safe_table(df)
    assert list(out["title"]) == ['\'=HYPERLINK("http://x")', "Normal", "'@SUM(A1)", "'-cmd"]
    assert list(out["tone"]) == [-0.5, 0.1, 0.0, 1.0]
    assert df.loc[0, "title"].startswith("=")  # the cached frame itself is not changed


def test_stability_words_follow_the_thresholds():
    from tonlage.i18n import translator
    from tonlage.present.views import stability_level, stability_text
    from tonlage.thresholds import THEME_STABLE_FROM, THEME_UNSTABLE_BELOW

    assert stability_level(THEME_UNSTABLE_BELOW - 0.01) == "unstable"
    assert stability_level(THEME_UNSTABLE_BELOW) == "fairly stable"
    assert stability_level(THEME_STABLE_FROM - 0.01) == "fairly stable"
    assert stability_level(THEME_STABLE_FROM) == "stable"
    assert stability_level(float("nan")) == stability_level(None) == "not measured"
    assert stability_text(0.2, translator("de")) == "instabil (0,20)"
    assert stability_text(0.9, translator("en")) == "stable (0.90)"
    assert stability_text(float("nan"), translator("en"), merged=True) == "not measured: merged by you"
    assert stability_text(0.75, translator("en"), few=True) == "too few articles to tell"
    assert stability_text(0.75, translator("de"), few=True) == "zu wenige Artikel für eine Aussage"
    assert stability_text(float("nan"), translator("en"), merged=True, few=True) == "not measured: merged by you"


def test_themes_of_too_few_articles_have_no_stability_and_are_never_called_unstable():
    from tonlage.present.views import too_few_for_stability, unstable_themes
    from tonlage.thresholds import THEME_STABILITY_MIN_ARTICLES as MIN

    themes = pd.DataFrame({"theme_id": [0, 1, 2, 3], "n_articles": [MIN, MIN - 1, 1, 40], "stability": 0.2})
    few = too_few_for_stability(themes)
    assert few == {1, 2}
    assert list(unstable_themes(themes, few)["theme_id"]) == [0, 3]
    assert list(unstable_themes(themes)["theme_id"]) == [0, 1, 2, 3]
    assert too_few_for_stability(themes.iloc[0:0]) == set()


def test_german_table_numbers_have_a_decimal_comma_and_stay_numbers(monkeypatch):
    from components import i18n

    df = pd.DataFrame({"tone": [0.123, -0.5, float("nan")], "share": [58.2, 1234.5, 3.0], "n": [3, 28626, 1]})
    formats = {"tone": "%+.2f", "share": "%.1f", "n": "%d", "absent": "%d"}
    monkeypatch.setattr(i18n, "current_language", lambda: "de")
    data, given = i18n.local_numbers(df, formats)
    assert given == {"tone": None, "share": None, "n": None}  # a NumberColumn format would replace the text
    shown = data._translate(False, False)["body"]  # what Streamlit sends as the cells' display values
    cells = [[c["display_value"] for c in row[1:]] for row in shown]
    assert cells == [["+0,12", "58,2", "3"], ["\u22120,50", "1.234,5", "28.626"], ["", "3,0", "1"]]
    assert data.data["n"].tolist() == [3, 28626, 1]  # sorting and the table's download see numbers
    big = pd.DataFrame({"tone": np.zeros(i18n.LOCAL_NUMBERS_MAX_CELLS + 1)})
    same, given = i18n.local_numbers(big, {"tone": "%+.2f"})
    assert same is big and given == {"tone": "%+.2f"}  # too large to style: Streamlit's own format
    with pytest.raises(ValueError):
        i18n.local_numbers(df, {"tone": "%s"})
    monkeypatch.setattr(i18n, "current_language", lambda: "en")  # Streamlit's format is English already
    same, given = i18n.local_numbers(df, formats)
    assert same is df and given == {"tone": "%+.2f", "share": "%.1f", "n": "%d"}


def test_a_table_too_large_to_style_still_writes_its_days_the_readers_way(monkeypatch):
    """Above the cells that are styled, the days of a chart's data are written by Streamlit in
    the browser with the reader's format; text labels stay as they are (they sort by date)."""
    from components import i18n

    n = i18n.LOCAL_NUMBERS_MAX_CELLS  # two columns of n rows: too many cells to style
    big = pd.DataFrame({"day": pd.date_range("2025-01-01", periods=n, freq="h"), "label": ["2025-02"] * n})
    monkeypatch.setattr(i18n, "current_language", lambda: "de")
    assert i18n.local_table(big) is big
    columns = i18n.local_date_columns(big)
    assert set(columns) == {"day"} and columns["day"]["type_config"]["format"] == "DD.MM.YYYY"
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert i18n.local_date_columns(big)["day"]["type_config"]["format"] == "YYYY-MM-DD"


def test_a_chart_data_table_writes_every_number_the_readers_way(monkeypatch):
    from components import i18n

    df = pd.DataFrame(
        {"title": ["a", "b", "c"], "tone": [0.0462, -0.083, -0.00001], "n": [58, 1234, 0], "share": [0.5, 12.0, np.nan]}
    )
    monkeypatch.setattr(i18n, "current_language", lambda: "de")
    shown = i18n.local_table(df)._translate(False, False)["body"]
    cells = [[c["display_value"] for c in row[1:]] for row in shown]
    assert cells == [["a", "0,0462", "58", "0,5"], ["b", "\u22120,083", "1.234", "12"], ["c", "0", "0", ""]]
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert i18n.local_table(df) is df  # Streamlit writes English numbers itself


@pytest.mark.parametrize(
    ("lang", "n", "articles", "want"),
    [
        ("en", 1, 11, "Examples behind it: 1 sentence and 11 articles to open"),
        ("en", 8, 1, "Examples behind it: 8 sentences and 1 article to open"),
        ("en", 0, 1_200, "Example articles behind it (1,200)"),
        ("de", 1, 1, "Beispiele dahinter: 1 Satz und 1 Artikel zum Öffnen"),
        ("de", 8, 50, "Beispiele dahinter: 8 Sätze und 50 Artikel zum Öffnen"),
    ],
)
def test_a_findings_examples_are_counted_in_the_singular_or_plural(monkeypatch, lang, n, articles, want):
    # The 100,000-article Overview showed "1 sentences from 11 articles" (one sentence, copied).
    from components import i18n
    from components.findings_view import examples_label

    monkeypatch.setattr(i18n, "current_language", lambda: lang)
    assert examples_label(n, articles) == want


@pytest.mark.parametrize(
    ("lang", "n", "articles", "want"),
    [
        ("en", 1, 11, "1 sentence and 11 articles to open"),
        ("en", 8, 1, "8 sentences and 1 article to open"),
        ("en", 3, 1_200, "3 sentences and 1,200 articles to open"),
        ("en", 3, 0, "3 sentences"),
        ("en", 0, 1, "1 article behind it"),
        ("en", 0, 1_200, "1,200 articles behind it"),
        ("de", 1, 1, "1 Satz und 1 Artikel zum Öffnen"),
        ("de", 8, 50, "8 Sätze und 50 Artikel zum Öffnen"),
        ("de", 0, 1_200, "1.200 Artikel dahinter"),
    ],
)
def test_an_opened_box_of_examples_counts_them_in_the_singular_or_plural(monkeypatch, lang, n, articles, want):
    from components import i18n
    from components.findings_view import examples_count

    monkeypatch.setattr(i18n, "current_language", lambda: lang)
    # as the page shows it ("1.200" at the start is escaped, not read as a list's item)
    assert html.unescape(examples_count(n, articles)) == want


def test_filter_ids_by_source_and_the_sources_offered():
    from tonlage.present.views import filter_options, known_sources

    c = _corpus()
    c.articles["source"] = ["Taz", "", "FAZ", "Taz"]
    assert filter_ids(c, Filters(sources=("Taz",))) == ("a", "u")
    assert filter_ids(c, Filters(sources=("Taz", "FAZ"), genres=("commentary",))) == ("a", "c", "u")
    assert filter_ids(c, Filters(sources=("Bild",))) == ()
    assert filter_options(c)["sources"] == ["FAZ", "Taz"]  # no empty name offered
    assert known_sources(c.articles.assign(source=["", " ", None, ""])) == []
    assert filter_options(_corpus())["sources"] == []  # a corpus without the column


def test_selection_of_a_source_bar_opens_that_sources_articles_in_view(view):
    sourced = view.assign(source=["Taz", "FAZ", "Taz", None])
    assert selected_article_ids(_event(["source", "Taz", "Taz"]), sourced) == ["a", "c"]
    assert selected_article_ids(_event(["source", "Taz", "Taz"]), sourced.iloc[1:]) == ["c"]  # never outside the view
    assert selected_article_ids(_event(["source", "Taz", "Taz"]), view) == []  # no sources known


def test_selection_of_an_outlets_bar_for_an_actor_opens_its_articles_naming_the_actor(view):
    sourced = view.assign(source=["Taz", "Taz", "FAZ", "Taz"])
    aa = pd.DataFrame({"article_id": ["a", "c", "d", "x"], "actor": ["Putin", "Putin", "Trump", "Putin"]})
    made = []

    def lazy():
        made.append(1)
        return aa

    ev = _event(["actor_source", "Taz", "Taz", "1 article", "2 sentences", "", "Putin"])
    assert selected_article_ids(ev, sourced, actor_articles=lazy) == ["a"]  # Taz's articles naming Putin
    assert made == [1]
    assert selected_article_ids(ev, sourced) == []  # without the actor rows nothing is guessed


def test_selection_of_an_outlets_period_opens_its_articles_of_that_period(view):
    sourced = view.assign(source=["Taz", " Taz", "Taz", "Taz"])
    ev = _event(["source_bucket", "2025-01-01", "2025-02-01", "Taz", "2 articles", "Taz", ""])
    assert selected_article_ids(ev, sourced) == ["a", "b"]  # not c (February), not d (undated)
    assert selected_article_ids(ev, sourced.assign(source="FAZ")) == []
    assert selected_article_ids(ev, view) == []  # no sources known


def test_selection_of_a_group_of_outlets_period_opens_the_articles_of_each(view):
    sourced = view.assign(source=["Taz", "FAZ", "Bild", "Taz"])
    ev = _event(["source_bucket", "2025-01-01", "2025-03-01", "Taz\x1fFAZ", "2 articles", "Taz, FAZ", ""])
    assert selected_article_ids(ev, sourced) == ["a", "b"]  # Bild's c is on no line of the pair


def test_selection_of_an_outlets_theme_opens_its_articles_of_that_main_theme(view):
    sourced = view.assign(source=["Taz", "Taz", "FAZ", "Taz"])
    ev = _event(["source_theme", "Taz", 1, "Taz", "40%", "3 articles with themes"])
    assert selected_article_ids(ev, sourced) == ["b", "d"]  # Taz's articles whose main theme is 1
    assert selected_article_ids(ev, view) == []


def test_an_outlet_written_with_spaces_is_one_outlet_in_the_filter_as_in_the_charts():
    from tonlage.present.views import filter_options

    c = _corpus()
    c.articles["source"] = ["Taz", " Taz ", "FAZ", None]
    assert filter_options(c)["sources"] == ["FAZ", "Taz"]
    assert filter_ids(c, Filters(sources=("Taz",))) == ("a", "b")
