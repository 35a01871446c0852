"""Every page through AppTest, plus the important interactions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from components import state
from tests.app.conftest import share_link
from tests.shown import shown
from tonlage.analysis.pipeline import analyse_folder
from tonlage.i18n import translator
from tonlage.present.safe import escape_text

ROOT = Path(__file__).resolve().parents[2]
EN, DE = translator("en"), translator("de")
PAGES = {
    "app_pages/overview.py": ("Corpus at a glance", 3),
    "app_pages/tone.py": ("Tone: how negative or positive is the wording?", 1),  # its first part: test_page_tabs
    "app_pages/themes.py": ("Themes: what are the articles about?", 1),  # its first part: test_page_tabs
    "app_pages/actors.py": ("Actors: who is talked about, and in what tone?", 2),
    "app_pages/compare.py": ("Compare two periods", 1),  # its first part: test_page_tabs
    "app_pages/articles.py": ("Articles", 0),
    "app_pages/about.py": ("About Tonlage and its method", 0),
}


@pytest.fixture(scope="module")
def bundled():
    """The engine's own analysis of the bundled corpus: the expectations come from here."""
    return analyse_folder(
        ROOT / "data" / "corpus", events_file=ROOT / "data" / "events.csv", actors_file=ROOT / "data" / "actors.csv"
    )


def _titles(at):
    return [t.value for t in at.title]


def _specs(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _go(at, page):
    return at.switch_page(page).run()


def _compare_part(at, part: str, lang: str = "en"):
    """``at`` with the Compare page's part ``part`` (its English label) open."""
    at.session_state["compare_part"] = translator(lang)(part)
    return at.run()


@pytest.mark.parametrize("page", list(PAGES))
def test_page_smoke(app, page):
    at = app()
    if page != "app_pages/overview.py":
        _go(at, page)
    assert not at.exception, [e.value for e in at.exception]
    key, n_charts = PAGES[page]
    assert EN(key) in _titles(at)
    assert_charts_explained(at, n_charts)


def assert_charts_explained(at, n_charts: int) -> None:
    """At least ``n_charts`` charts on the page, each with a title, a labelled x axis, a "How to
    read this", its data as a table and a pin."""
    specs = _specs(at)
    assert len(specs) >= n_charts
    for spec in specs:  # every chart has a title and labelled x axis
        layout = spec["layout"]
        assert layout["title"]["text"]
        assert layout.get("xaxis", {}).get("title", {}).get("text") or "xaxis2" in layout
    # every chart is followed by a "How to read this" caption
    captions = [c.value for c in at.caption]
    assert sum(c.startswith(EN("How to read this: {text}", text="")) for c in captions) >= n_charts
    # ... has its data as a table (the accessible alternative to the picture) and a pin
    assert sum(e.label == EN("Show the data behind this chart") for e in at.expander) >= n_charts
    assert sum(b.label == EN("Add to meeting pack") for b in at.button) >= n_charts


def test_overview_shows_every_dated_article_and_events(app, bundled):
    at = app()
    spec = _specs(at)[0]
    ids = {row[1] for tr in spec["data"] for row in (tr.get("customdata") or []) if row and row[0] == "article"}
    assert ids == set(bundled.articles.dropna(subset=["date"])["article_id"])
    labels = " ".join(a.get("text", "") for a in spec["layout"]["annotations"])
    for label in bundled.events["label"]:
        assert escape_text(label)[:10] in labels or label[:10] in labels
    metric = next(m for m in at.metric if m.label == EN("Articles"))
    assert metric.value == str(len(bundled.articles))


def test_the_mean_tone_is_over_sentences_not_the_articles_mean(app, bundled):
    """The Overview's mean tone is the findings' figure (over sentences), not the articles' mean
    beside it: shown for a run of dated articles where the two differ at two decimals (the
    whole corpus's two round alike since the tone words changed), so the test can tell them
    apart."""
    a = bundled.articles.dropna(subset=["date", "tone"]).sort_values("date").reset_index(drop=True)
    scored = bundled.sentences.dropna(subset=["tone"])
    windows = []
    for i in range(len(a)):
        for j in range(i + 1, len(a)):
            part = a.iloc[i : j + 1]
            sentences = scored.loc[scored["article_id"].isin(part["article_id"]), "tone"].mean()
            windows.append((part, sentences, part["tone"].mean()))
    part, sentences, articles = next((w for w in windows if round(w[1], 2) != round(w[2], 2)), (None, 0, 0))
    assert part is not None, "no run of bundled articles whose two means differ at two decimals"
    at = app()
    at.date_input(key=state.DATES).set_value((part["date"].iloc[0].date(), part["date"].iloc[-1].date())).run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == EN("Articles")).value == str(len(part))
    tone = next(m for m in at.metric if m.label == EN("Mean tone"))
    assert tone.value == translator("en").signed(sentences) != translator("en").signed(articles)


def test_german_locale_and_language_switch(app):
    at = app(locale="de-DE")
    assert DE("Corpus at a glance") in _titles(at)
    assert _specs(at)[0]["layout"]["title"]["text"] == DE("Tone of each article over time")
    at.radio(key=state.LANG).set_value("en").run()
    assert EN("Corpus at a glance") in _titles(at)
    assert _specs(at)[0]["layout"]["title"]["text"] == EN("Tone of each article over time")
    at.radio(key=state.LANG).set_value("de").run()
    assert DE("Corpus at a glance") in _titles(at)


def test_event_labels_follow_the_language(app, bundled):
    def event_labels(at):
        return " ".join(a.get("text", "") for a in _specs(at)[0]["layout"]["annotations"])

    at = app(locale="de-DE")
    german = event_labels(at)
    assert "Gipfel in Anchorage" in german and "Anchorage summit" not in german
    at.radio(key=state.LANG).set_value("en").run()
    assert "Anchorage summit" in event_labels(at)


def test_english_default_for_other_locales(app):
    at = app(locale="fr-FR")
    assert EN("Corpus at a glance") in _titles(at)


def test_genre_filter_narrows_the_view(app, bundled):
    at = app()
    genre = bundled.articles["genre"].value_counts().index[-1]  # the rarer genre
    expected = int((bundled.articles["genre"] == genre).sum())
    at.multiselect(key=state.GENRES).set_value([genre]).run()
    assert not at.exception
    total = len(bundled.articles)
    assert EN("{n} of {total} articles shown", n=expected, total=total) in [c.value for c in at.sidebar.caption]
    metric = next(m for m in at.metric if m.label == EN("Articles"))
    assert metric.value == str(expected)
    spec = _specs(at)[0]
    ids = {row[1] for tr in spec["data"] for row in (tr.get("customdata") or []) if row and row[0] == "article"}
    wanted = bundled.articles[(bundled.articles["genre"] == genre) & bundled.articles["date"].notna()]
    assert ids == set(wanted["article_id"])


def test_empty_filter_result_is_a_plain_message(app, bundled):
    at = app()
    a = bundled.articles
    # an author and a genre that never occur together
    combos = set(zip(a["author"], a["genre"]))
    pair = next((au, g) for au in a["author"].unique() for g in a["genre"].unique() if (au, g) not in combos)
    at.multiselect(key=state.AUTHORS).set_value([pair[0]]).run()
    at.multiselect(key=state.GENRES).set_value([pair[1]]).run()
    assert not at.exception
    assert EN("No articles match the current filters. Widen the date range or clear a filter in the sidebar.") in [
        i.value for i in at.info
    ]
    for page in PAGES:
        _go(at, page)
        assert not at.exception, page


def test_picking_an_article_opens_the_reader(app, bundled):
    at = _go(app(), "app_pages/articles.py")
    target = bundled.articles.iloc[-1]
    at.selectbox(key=state.ARTICLE_PICK).set_value(target["article_id"]).run()
    assert not at.exception
    assert escape_text(target["title"]) in [s.value for s in at.subheader]
    body = " ".join(m.value for m in at.markdown)
    sents = bundled.sentences[bundled.sentences["article_id"] == target["article_id"]]
    assert escape_text(sents.iloc[0]["text"]) in body
    # Paragraphs where the article's text has line breaks between sentences (read from its text).
    text = bundled.texts.get(target["article_id"])
    breaks = sum("\n" in text[e:s] for e, s in zip(sents["end"].iloc[:-1], sents["start"].iloc[1:]))
    assert breaks > 0 and body.count("</p><p>") == breaks


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_the_readers_line_names_the_author_or_says_none_was_found(app, bundled, locale):
    """Under the title: "by Vitaly Portnikov", or "Author unknown" (it read "by unknown")."""
    from tonlage.i18n import translator

    x = translator(locale[:2])
    at = _go(app(locale=locale), "app_pages/articles.py")
    a = bundled.articles
    for known in (True, False):
        target = a[(a["author"] != "unknown") == known].iloc[0]
        at.selectbox(key=state.ARTICLE_PICK).set_value(target["article_id"]).run()
        line = next(m.value for m in at.markdown if "margin-bottom:0.6rem" in m.value)
        if known:
            assert escape_text(x("by {author}", author=target["author"])) in line
        else:
            assert x("Author unknown") in line and x("by {author}", author="") not in line


def test_chart_pick_switches_to_the_reader(app, bundled):
    """What a click on a chart does (AppTest cannot click Plotly): pending ids → Articles page."""
    at = app()
    a = bundled.articles
    picked = (a.iloc[2]["article_id"], a.iloc[0]["article_id"])
    at.session_state[state.PENDING] = picked
    _go(at, "app_pages/articles.py")
    assert not at.exception
    assert escape_text(a.iloc[2]["title"]) in [s.value for s in at.subheader]
    assert EN("You picked {n} articles in a chart; showing the first. Choose another one here:", n=2) in [
        i.value for i in at.info
    ]
    assert at.selectbox(key=state.ARTICLE_PICK).options == [
        a.iloc[0]["title"] + " (" + a.iloc[0]["date_label"] + ")",
        a.iloc[2]["title"] + " (" + a.iloc[2]["date_label"] + ")",
    ]


def test_a_long_list_offers_the_first_articles_and_the_one_open_in_its_picker(app, bundled, monkeypatch):
    """Above PICKER_MAX articles the picker holds the first of them (and the one open), and
    says where the others are; the table still lists every article."""
    from components import article_list

    monkeypatch.setattr(article_list, "PICKER_MAX", 2)
    at = _go(app(), "app_pages/articles.py")
    assert not at.exception
    a = bundled.articles  # the table's order: the corpus order
    label = {i: f"{ti} ({d})" for i, ti, d in zip(a["article_id"], a["title"], a["date_label"])}
    picker = at.selectbox(key=state.ARTICLE_PICK)
    assert picker.options == [label[i] for i in a["article_id"][:2]]
    note = EN(
        "This list offers the first {n} of the {total} articles; to open another, click its row in the table above (the table's search finds a title).",
        n=2,
        total=len(a),
    )
    assert note in [c.value for c in at.caption]
    assert len(at.dataframe[0].value) == len(a)
    # an article beyond the first two, opened from a link: the picker offers it too
    last = a.iloc[-1]
    at = app()
    at.query_params[state.QP_ARTICLE] = last["article_id"]
    _go(at, "app_pages/articles.py")
    assert not at.exception and not at.warning
    assert at.selectbox(key=state.ARTICLE_PICK).options == [label[i] for i in a["article_id"][:2]] + [
        label[last["article_id"]]
    ]
    assert at.selectbox(key=state.ARTICLE_PICK).value == last["article_id"]
    assert len(at.dataframe[0].value) == len(a)
    assert escape_text(last["title"]) in [s.value for s in at.subheader]


def test_number_of_themes_changes_the_analysis(app, bundled):
    at = app()
    n_auto = len(bundled.themes)
    choice = 2 if n_auto != 2 else 3
    at.selectbox(key=state.N_THEMES).set_value(choice).run()
    at.session_state["themes_part"] = EN("Words of each theme")
    _go(at, "app_pages/themes.py")
    assert not at.exception
    terms = next(s for s in _specs(at) if s["layout"]["title"]["text"] == EN("The words that make up each theme"))
    assert sum(1 for tr in terms["data"] if tr["type"] == "bar") == choice


HOSTILE_TITLE = "<script>alert(1)</script> Böse ![x](http://evil.example/x.png)"
HOSTILE_BODY = (
    'Das ist ein <iframe srcdoc="<script>parent.alert(2)</script>"></iframe> schlechter Tag. '
    "Der Gipfel war ein völliges Fiasko. ![pixel](http://evil.example/p.png) Trump lobte den Erfolg. "
    "$x^2$ und :red[rot] und **fett** und [link](javascript:alert(3)). "
    "Putin schwieg <img src=x onerror=alert(4)>.\n\nRussland lehnte jeden Waffenstillstand ab."
)


def test_hostile_article_is_shown_as_literal_text(app, tmp_path, monkeypatch):
    (tmp_path / "evil.txt").write_text(f"{HOSTILE_TITLE} | Mallory. 15.08.2025.\n\n{HOSTILE_BODY}\n", encoding="utf-8")
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = app()
    assert not at.exception
    for spec in (c.proto.spec for c in at.get("plotly_chart")):
        assert "<script" not in spec and "<img" not in spec and "<iframe" not in spec
    _go(at, "app_pages/articles.py")
    assert not at.exception
    shown = [m.value for m in at.markdown] + [s.value for s in at.subheader] + [c.value for c in at.caption]
    blob = "\n".join(shown)
    for bad in ("<script", "<iframe", "<img", "](http", "](javascript", "![", "$x", ":red["):
        assert bad not in blob, bad
    assert escape_text("<script>alert(1)</script>") in blob  # the title is there, as text
    assert escape_text("onerror=alert(4)") in blob  # so is the body
    # the reader's own markup is only the spans/divs it builds
    tags = {t.lower() for t in __import__("re").findall(r"<\s*/?\s*([a-zA-Z]+)", blob)}
    assert tags <= {"div", "p", "span", "ul", "li", "br"}, tags


def test_skipped_files_are_listed_in_plain_words(app, tmp_path, monkeypatch):
    good = next((ROOT / "data" / "corpus").glob("*.txt"))
    (tmp_path / good.name).write_bytes(good.read_bytes())
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    expected = analyse_folder(tmp_path).skipped
    assert len(expected) == 2  # the engine's verdict is the expectation
    at = app()
    assert not at.exception
    assert EN("{n} file(s) could not be read and are left out", n=2) in [e.label for e in at.expander]
    table = next(d.value for d in at.dataframe if EN("Why") in d.value.columns)
    assert set(table[EN("File")]) == set(expected["file"])
    assert list(table[EN("Why")]) == list(expected["reason"])


def test_the_corpus_menu_names_the_folder_the_app_was_pointed_at(app, tmp_path, monkeypatch):
    """With TONLAGE_CORPUS_DIR the menu called the folder "Bundled example (5 articles)" whatever
    it held; the bundled corpus keeps that name."""
    corpus = tmp_path / "Agenturmeldungen"
    corpus.mkdir()
    good = next((ROOT / "data" / "corpus").glob("*.txt"))
    (corpus / good.name).write_bytes(good.read_bytes())
    menu = next(s for s in app().selectbox if s.label == EN("Corpus"))
    assert menu.options[0] == EN("Bundled example (5 articles)")
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(corpus))
    at = app()
    assert not at.exception
    menu = next(s for s in at.selectbox if s.label == EN("Corpus"))
    assert menu.options[0] == EN("Folder “{name}”", name="Agenturmeldungen")


def test_folder_without_articles_says_so(app, tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = app()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors and escape_text(str(tmp_path)) in errors[0]


def test_shared_link_opens_the_article(app, bundled):
    target = bundled.articles.iloc[1]
    at = app()
    at.query_params[state.QP_ARTICLE] = target["article_id"]
    _go(at, "app_pages/articles.py")
    assert not at.exception
    assert escape_text(target["title"]) in [s.value for s in at.subheader]
    assert not at.warning


def test_a_link_to_an_article_not_shown_says_so_and_opens_the_first(app, bundled):
    at = app()
    at.query_params[state.QP_ARTICLE] = "nicht-da_*1*"
    _go(at, "app_pages/articles.py")
    assert not at.exception
    [warning] = [w.value for w in at.warning]
    assert escape_text("nicht-da_*1*") in warning and "not among the articles shown" in warning
    assert at.session_state[state.ARTICLE_PICK] == bundled.articles["article_id"].iloc[0]


def test_date_filter_leaves_out_earlier_articles(app, bundled):
    a = bundled.articles.dropna(subset=["date"]).sort_values("date")
    start, end = a["date"].iloc[1].date(), a["date"].iloc[-1].date()
    at = app()
    at.date_input(key=state.DATES).set_value((start, end)).run()
    assert not at.exception
    spec = _specs(at)[0]
    ids = {row[1] for tr in spec["data"] for row in (tr.get("customdata") or []) if row and row[0] == "article"}
    assert ids == set(a.loc[a["date"].dt.date >= start, "article_id"])
    assert a["article_id"].iloc[0] not in ids


@pytest.mark.slow
def test_app_opens_the_analysis_that_make_run_prepared(app, tmp_path, monkeypatch):
    """`make run` analyses the bundled corpus with the CLI first; the app must find that
    analysis on disk instead of analysing again."""
    import subprocess
    import sys

    import tonlage.analysis.pipeline

    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path))
    subprocess.run(
        [sys.executable, "-m", "tonlage", "analyse", "data/corpus", "--events", "data/events.csv", "--format", "csv"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "cache.db").is_file()  # the analysis is on disk (diskcache)

    def must_not_run(*args, **kwargs):
        raise AssertionError("the app analysed the corpus again")

    monkeypatch.setattr(tonlage.analysis.pipeline, "analyse_folder", must_not_run)
    at = app()
    assert not at.exception, [e.value for e in at.exception]
    assert EN("Corpus at a glance") in _titles(at) and _specs(at)


def test_reader_says_how_an_old_file_was_read(app, tmp_path, monkeypatch):
    body = "Die Gespräche in München über Straßen scheiterten, sagte Müller am Abend. " * 4
    (tmp_path / "alt.txt").write_bytes(f"Altes Archiv | Müller. 03.03.2025.\n\n{body}".encode("cp1252"))
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = _go(app(), "app_pages/articles.py")
    assert not at.exception
    captions = shown(" ".join(c.value for c in at.caption))
    assert "Windows-1252" in captions
    assert any("Müller" in s.value for s in at.subheader) or "Müller" in " ".join(m.value for m in at.markdown)


def test_the_compare_page_names_its_events_with_the_readers_dates(app):
    """The event list writes each event's day as the page does: 15.08.2025 in German."""
    for locale, day in (("de-DE", "15.08.2025"), ("en-US", "2025-08-15")):
        at = app(locale=locale)
        _go(at, "app_pages/compare.py")
        assert not at.exception
        pick = at.selectbox(key="compare_event")
        shown = pick.options  # as the reader sees them
        assert any(f"({day})" in str(x) for x in shown), shown


def test_compare_examples_are_headed_by_side_with_the_words_behind_each_score(app):
    """Each period's example sentences come under "Most negative" and "Most positive" (a
    "Tone +0.88" under the fourth sentence was the only sign the list had turned), each with the
    words that moved its score, in the reader's language."""
    for locale, neg, pos, words in (
        ("en-US", "Most negative", "Most positive", "words that moved the score:"),
        ("de-DE", DE("Most negative"), DE("Most positive"), "Wörter, die den Wert bewegten:"),
    ):
        at = app(locale=locale)
        _go(at, "app_pages/compare.py")
        _compare_part(at, "Example sentences", locale[:2])
        assert not at.exception
        md = [m.value for m in at.markdown]
        assert [v for v in md if v in (f"*{neg}*", f"*{pos}*")] == [f"*{neg}*", f"*{pos}*"] * 2
        quotes = [v for v in md if v.startswith("> ")]
        behind = [shown(c.value) for c in at.caption if words in shown(c.value)]
        assert len(quotes) == len(behind) == 12, (len(quotes), behind)
        if locale == "de-DE":  # the evidence itself in German too: "Krieg −0,68", no "weighted up"
            assert all(re.search(r"[−+]\d,\d\d", b) and "weighted" not in b for b in behind), behind


def test_a_rerun_of_the_compare_page_draws_no_chart_again(app, monkeypatch):
    """The Compare page's charts are drawn once per comparison and language: a rerun (a click
    elsewhere) built the tone, change and actor charts and their tables again (~30 ms of ~70);
    another language draws them anew, in that language."""
    import functools
    import importlib

    from tonlage.present import charts, pack

    built: list[str] = []
    # the tone chart where its module defines it: the shared figures look builders up there
    tone_module = importlib.import_module(charts.compare_tone_figure.__module__)
    for module, name in ((pack, "change_chart"), (pack, "actor_tone_chart"), (tone_module, "compare_tone_figure")):
        real = getattr(module, name)

        @functools.wraps(real)
        def counted(*a, _real=real, _name=name, **k):
            built.append(_name)
            return _real(*a, **k)

        monkeypatch.setattr(module, name, counted)
    at = app()
    _go(at, "app_pages/compare.py")
    _compare_part(at, "Themes and actors")
    _compare_part(at, "Tone")
    assert not at.exception
    first = sorted(built)
    assert first == ["actor_tone_chart", "change_chart", "change_chart", "compare_tone_figure"]
    _compare_part(at, "Themes and actors")
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    at.run()
    at.run()
    assert sorted(built) == first  # nothing drawn again
    assert [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")] == titles
    at.session_state[state.LANG] = "de"
    at.run()
    _compare_part(at, "Tone", "de")
    assert not at.exception and len(built) == 2 * len(first)  # German: drawn once more, in German
    _compare_part(at, "Themes and actors", "de")
    assert [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")] != titles


def test_compare_before_and_after_an_event_and_two_ranges(app, bundled):
    at = app()
    _go(at, "app_pages/compare.py")
    assert not at.exception, [e.value for e in at.exception]
    # Default: the event that splits the dated articles most evenly, everything before / after.
    labels = [m.label for m in at.metric]
    assert any(lab.startswith("before ") for lab in labels) and any(lab.startswith("after ") for lab in labels)
    assert EN("Change in tone") in labels
    at.selectbox(key="compare_event").set_value(2).run()  # Anchorage summit
    assert "before Anchorage summit" in [m.label for m in at.metric]
    before = next(m for m in at.metric if m.label == "before Anchorage summit")
    dated = bundled.articles.dropna(subset=["date"])
    early = dated[dated["date"] < "2025-08-15"]
    sents = bundled.sentences[bundled.sentences["article_id"].isin(early["article_id"])]
    # The sentences' mean, with as many decimals as make the change add up (two or three).
    assert float(before.value.replace("\u2212", "-")) == pytest.approx(sents["tone"].mean(), abs=0.0051)
    assert len(before.value.split(".")[1]) in (2, 3)
    assert any("rests on only" in w.value for w in at.warning)  # one article before Anchorage
    # ... so the change has no interval, and the page says why instead of "– … –".
    assert EN("No interval: a period of a single article") in [c.value for c in at.caption]
    assert not any("95% interval: –" in c.value for c in at.caption)
    # The actors' tone shifts: Lawrow and Ukraine are named in 5 or more sentences on both
    # sides, but the one article before Anchorage is no period to compare an actor's tone in
    # (MIN_ACTOR_ARTICLES): no chart, and a line says why.
    _compare_part(at, "Themes and actors")
    titles = [spec["layout"]["title"]["text"] for spec in _specs(at)]
    none = "no actor is named in at least 5 sentences and 3 articles in each period"
    assert EN("How the tone around each actor changed") not in titles and len(titles) == 2
    assert any(none in c.value for c in at.caption)
    at.radio(key="compare_mode").set_value("ranges").run()
    assert not at.exception
    # themes, attention; and the actors' tone, or a line saying why there is none
    titles = [spec["layout"]["title"]["text"] for spec in _specs(at)]
    assert len(titles) == 2 + (EN("How the tone around each actor changed") in titles)
    assert (len(titles) == 3) != any(none in c.value for c in at.caption)


def test_compare_without_events_says_why_it_offers_date_ranges_only(app, tmp_path, monkeypatch):
    # A corpus without events offered a "Compare by" choice of one; it now says why and where
    # events are added.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in (ROOT / "data" / "corpus").glob("*.txt"):
        (corpus / f.name).write_bytes(f.read_bytes())
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("TONLAGE_EVENTS_FILE", str(tmp_path / "none.csv"))
    at = _go(app(), "app_pages/compare.py")
    assert not at.exception, [e.value for e in at.exception]
    assert not [r for r in at.radio if r.key == "compare_mode"]
    no_events = EN(
        "This corpus has no events, so you compare two date ranges. With events (a summit, an election) you can also compare the weeks before and after one."
    )
    assert no_events in [c.value for c in at.caption]
    assert EN("Change in tone") in [m.label for m in at.metric]  # the two ranges are compared
    links = [e for e in at.get("page_link") if e.proto.label == EN("Add events")]
    assert links and links[0].proto.page.endswith("corpus")
    # The link opens Your corpus with the events' editor first, not below the files and tables.
    assert links[0].proto.query_string == "section=events"
    opened = app()
    opened.query_params["section"] = "events"
    _go(opened, "app_pages/corpus.py")
    assert not opened.exception
    assert [s.value for s in opened.subheader][0] == EN("Events on the time axes")
    assert [s.value for s in _go(app(), "app_pages/corpus.py").subheader][0] != EN("Events on the time axes")
    # The periods are named by their days as the reader writes them, like the pickers above them.
    import re

    def named(at, fmt):
        spans = [at.date_input(key=k).value for k in ("compare_range_a", "compare_range_b")]
        return [escape_text(f"{a:{fmt}} – {b:{fmt}}") for a, b in spans]

    assert [m.label for m in at.metric][:2] == named(at, "%Y-%m-%d")
    de = _go(app(locale="de-DE"), "app_pages/compare.py")
    assert [m.label for m in de.metric][:2] == named(de, "%d.%m.%Y")
    assert not any(re.search(r"\d{4}(-|&#45;)\d{2}", m.label) for m in de.metric)


def test_share_link_round_trip(app, bundled):
    """The URL follows the view; a fresh session opened with that URL shows the same view."""
    import datetime as dt

    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT, share_link

    at = app()
    at.multiselect(key=state.GENRES).set_value(["commentary"]).run()
    at.selectbox(key=state.N_THEMES).set_value(2).run()
    at.date_input(key=state.DATES).set_value((dt.date(2025, 8, 1), dt.date(2025, 10, 21))).run()
    qp = {k: at.query_params[k] for k in at.query_params}
    flat = {k: (v if isinstance(v, list) else [v]) for k, v in qp.items()}
    assert flat["genre"] == ["commentary"] and flat["k"] == ["2"] and flat["from"] == ["2025-08-01"]
    assert flat["lang"] == ["en"]
    link = share_link(at)
    assert "genre=commentary" in link and "k=2" in link

    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.context["locale"] = "de-DE"  # the link's language wins over the browser's
    for k, v in flat.items():
        fresh.query_params[k] = v
    fresh.query_params["lang"] = ["en"]
    fresh.run()
    assert not fresh.exception, [e.value for e in fresh.exception]
    assert fresh.session_state[state.LANG] == "en"
    assert fresh.multiselect(key=state.GENRES).value == ["commentary"]
    assert fresh.selectbox(key=state.N_THEMES).value == 2
    assert fresh.date_input(key=state.DATES).value[0] == dt.date(2025, 8, 1)
    ids_before = at.session_state[state.VIEW].filters
    assert fresh.session_state[state.VIEW].filters == ids_before


def test_a_link_with_values_that_do_not_fit_still_opens(app):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for k, v in {
        "lang": "xx",
        "genre": "<script>",
        "author": "Niemand",
        "k": "99",
        "from": "bald",
        "theme": "abc",
        "once": "vielleicht",
    }.items():
        fresh.query_params[k] = v
    fresh.run()
    assert not fresh.exception, [e.value for e in fresh.exception]
    assert fresh.multiselect(key=state.GENRES).value == []
    assert fresh.selectbox(key=state.N_THEMES).value == 0


def test_closed_boxes_send_no_tables_or_link_until_opened(app):
    """The data behind a chart and the share link are built only in an open box: closed, they
    send nothing (no table or code-view scripts before the first chart); opened, they are there."""
    at = app()
    data_boxes = [e for e in at.expander if e.label == EN("Show the data behind this chart")]
    assert data_boxes and not any(len(e.dataframe) for e in data_boxes)
    assert not at.sidebar.code

    at.session_state["overview_tone_timeline_data_open"] = True
    at.run()
    opened = [e for e in at.expander if e.label == EN("Show the data behind this chart")]
    assert sum(len(e.dataframe) for e in opened) == 1
    assert "lang=en" in share_link(at)


def test_a_charts_downloads_are_built_only_in_its_open_popover(app, monkeypatch):
    """Under every chart the Download popover sends no buttons while closed (four download
    buttons and a note per chart were 15 of an Overview run's 99 elements); opened, it holds
    the chart as PNG and SVG and its data as CSV and XLSX, and still makes no image until one
    is clicked."""
    import tonlage.report.images

    made = []
    monkeypatch.setattr(tonlage.report.images, "render_figure", lambda *a, **k: made.append(a) or b"")
    at = app()
    assert len(at.get("plotly_chart")) >= 2
    assert not at.get("download_button")
    at.session_state["overview_tone_timeline_download_open"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        EN("Chart as PNG image"),
        EN("Chart as SVG (scales without blur)"),
        EN("Data as CSV"),
        EN("Data as Excel (XLSX)"),
    ]
    assert made == []  # an image is made when its button is clicked, not on the run


def test_finding_examples_are_read_only_when_their_box_is_opened(app, monkeypatch):
    """A finding's examples are gathered and built only in an open box: the Overview makes its
    findings without them (tonlage.findings.view_findings' ``evidence``); opened, the box says
    how many there are and shows the sentences with their tone, and the articles' button."""
    import tonlage.findings

    asked = []
    real = tonlage.findings.view_findings
    monkeypatch.setattr(
        tonlage.findings, "view_findings", lambda *a, **k: asked.append(k.get("evidence", True)) or real(*a, **k)
    )
    at = app()
    assert asked == [False]  # the first run: no examples gathered

    def boxes():
        return [e for e in at.expander if e.label == EN("Examples behind it")]

    assert len(boxes()) >= 4 and not any(len(e.markdown) or len(e.caption) for e in boxes())
    for i in range(len(at.expander)):  # the boxes are keyed by the finding's place
        at.session_state[f"overview_f_examples_{i}"] = True
    at.run()
    assert asked == [False, True]  # once, for every box: the findings with their examples, cached
    for box in boxes():
        counted = box.caption[0].value
        assert re.fullmatch(r"\d+ sentences? and \d+ articles? to open|\d+ articles? behind it", counted), counted
        if "sentence" in counted:  # sentences: each quoted with its tone
            assert box.markdown and all(m.value.startswith("> ") for m in box.markdown)
            assert any(c.value.startswith("Tone ") for c in box.caption)
        assert box.button[0].label.startswith("Open th")  # this article / these n articles


def test_a_view_of_every_article_reads_the_sentences_without_an_id_filter(app, monkeypatch):
    """Every article in view: the sentence store is read without a filter on every id (the
    voices and the strongest sentences), with the figures of a view that lists them all."""
    import pandas as pd
    import streamlit as st

    from components import cached
    from tonlage.present.types import Filters
    from tonlage.storage.sentence_store import SentenceStore
    from tonlage.voice_tone import voice_tone_by_period

    app()
    st.cache_data.clear()  # the voices and strongest sentences made afresh below
    st.cache_resource.clear()
    monkeypatch.setattr(cached, "_LAST_INDEX", {})  # a fresh server: no index to take them from
    key = cached.corpus_key(None, "")
    corpus = cached.get_corpus(key)
    ids = tuple(corpus.articles["article_id"])
    assert cached.ids_or_all(key, Filters()) is None
    some = cached.ids_or_all(key, Filters(count_once=False, date_from="2025-06-01"))
    assert some is not None and 0 < len(some) < len(ids)

    asked: list = []
    real = SentenceStore.frame
    monkeypatch.setattr(
        SentenceStore, "frame", lambda self, *a, **k: asked.append(k.get("article_ids")) or real(self, *a, **k)
    )
    whole = cached.voice_by_month(key, Filters())
    cached.strongest(key, Filters())
    assert asked and all(a is None for a in asked[:2])
    pd.testing.assert_frame_equal(whole, voice_tone_by_period(corpus, "M", ids[::-1]))


def test_every_data_box_of_the_overview_and_tone_pages_in_the_readers_words(app, bundled):
    """The tables behind the charts are made when their box is opened (components.ui.later),
    not on every run, with the reader's words as column names (German here, chosen in the
    sidebar: the names are translated in the run, the table may be made outside it) and the
    numbers of the analysis."""
    from tonlage.present import views

    at = app(locale="de-DE")
    # (page, the Tone page's part opened)
    boxes = {("overview", None): ("overview_tone_timeline", "overview_themes", "overview_actors")}
    boxes["app_pages/tone.py", "Over time"] = ("tone_timeline",)
    boxes["app_pages/tone.py", "Article by article"] = ("tone_sentences", "tone_shares")
    boxes["app_pages/tone.py", "Who speaks"] = ("tone_voices", "tone_voices_time")
    tables = {}
    for (page, part), keys in boxes.items():
        if part:
            at.session_state["tone_part"] = DE(part)
        if page != "overview":
            _go(at, page)
        assert not at.exception, [e.value for e in at.exception]
        present = [k for k in keys if f"{k}_data_open" in at.session_state]
        assert present == list(keys), (page, present)
        for k in present:
            at.session_state[f"{k}_data_open"] = True
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        opened = [e for e in at.expander if e.label == DE("Show the data behind this chart")]
        shown_tables = [e.dataframe[0].value for e in opened if len(e.dataframe)]
        assert len(shown_tables) == len(present), page
        tables.update(zip(present, shown_tables))  # the boxes in the page's order
    actors = views.actor_table(bundled, tuple(bundled.articles["article_id"]))
    got = tables["overview_actors"]
    assert list(got.columns) == [DE(x) for x in ("Actor", "Kind", "Mentions", "Articles", "Sentences", "Tone")]
    assert list(got[DE("Actor")]) == list(actors["actor"].head(10))
    assert list(got[DE("Mentions")]) == list(actors["mentions"].head(10))
    themes = views.theme_table(bundled, tuple(bundled.articles["article_id"]))
    got = tables["overview_themes"]
    assert list(got.columns) == [DE("No."), DE("Main theme"), DE("Share") + " %", DE("Articles")]
    assert list(got[DE("No.")]) == list(themes["theme_id"] + 1)
    assert list(got[DE("Share") + " %"]) == list((themes["share"] * 100).round(1))
    for k in ("overview_tone_timeline", "tone_timeline"):
        assert DE("Title") in tables[k].columns and len(tables[k]) == bundled.articles["date"].notna().sum()
    got = tables["tone_sentences"]
    assert list(got.columns) == [DE(x) for x in ("Title", "No.", "Tone", "Tone label", "Sentence")]
    assert set(got[DE("Tone label")]) <= {DE.tone_label(x) for x in ("negative", "neutral", "positive")}
    assert got[DE("Title")].notna().all() and (got[DE("No.")] >= 1).all()
    assert DE("Negative %") in tables["tone_shares"].columns
    assert DE("Quoted %") in tables["tone_voices"].columns and DE("Month") in tables["tone_voices_time"].columns


def _sidebar_filters(at) -> set[str]:
    return {w.key for w in [*at.sidebar.multiselect, *at.sidebar.date_input, *at.sidebar.radio] if w.key}


@pytest.mark.parametrize(
    "page", ["app_pages/overview.py", "app_pages/tone.py", "app_pages/actors.py", "app_pages/themes.py"]
)
def test_a_view_without_articles_keeps_the_sidebar_to_widen_it(app, bundled, page):
    # The page said "clear a filter in the sidebar" while the sidebar was empty: it ended with
    # st.stop(), after which Streamlit drew none of the sidebar's controls.
    at = _go(app(), page)
    before = _sidebar_filters(at)
    assert {state.GENRES, state.AUTHORS, state.LANG} <= before
    # An author and a kind of article that never meet in the corpus (the corpus says which).
    a = bundled.articles
    author, genre = next(
        (author, genre)
        for author in a["author"].unique()
        for genre in a["genre"].unique()
        if not ((a["author"] == author) & (a["genre"] == genre)).any()
    )
    at.multiselect(key=state.GENRES).set_value([genre])
    at.multiselect(key=state.AUTHORS).set_value([author])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert EN("No articles match the current filters. Widen the date range or clear a filter in the sidebar.") in [
        i.value for i in at.info
    ]
    assert _sidebar_filters(at) == before  # the filters are there to be widened
    assert not _specs(at)
    at.multiselect(key=state.GENRES).set_value([]).run()
    assert not at.exception and _specs(at)  # cleared in the sidebar: the charts are back
    at.multiselect(key=state.GENRES).set_value([genre]).run()
    assert not _specs(at)
    at.button(key="no_articles_reset").click().run()  # or all at once, from the page
    assert not at.exception and _specs(at)
    assert at.multiselect(key=state.GENRES).value == [] and at.multiselect(key=state.AUTHORS).value == []


def test_the_empty_meeting_pack_keeps_the_sidebar(app):
    at = app()
    before = _sidebar_filters(at)
    at = _go(at, "app_pages/pack.py")
    assert not at.exception
    assert EN("Nothing is pinned yet.") in [i.value for i in at.info]
    assert _sidebar_filters(at) == before


def test_the_language_survives_a_page_switch_that_clears_its_widget(app):
    """Streamlit clears the state of widgets the browser did not report when the page changes
    (the language's radio button is drawn at the end of a run, so a page switch during a run
    can come before it): the reader's choice is kept for the session, before the browser's
    language. A real change of language with the radio button is what is kept then."""
    from tonlage.i18n import translator

    at = app(locale="en-US")  # the browser's language: English
    at.sidebar.radio(key=state.LANG).set_value("de").run()  # the reader's: German
    _switch_before_the_sidebar_is_drawn(at, state.PACK_PAGE)
    assert not at.exception
    assert at.session_state[state.LANG] == "de"
    assert [t.value for t in at.title][0] == translator("de")("Meeting pack")
    at.sidebar.radio(key=state.LANG).set_value("en").run()
    _switch_before_the_sidebar_is_drawn(at, "app_pages/overview.py")
    assert at.session_state[state.LANG] == "en"


def test_the_language_is_sent_with_every_run():
    """The radio button is sent with the server's value on every run, not only when it changed:
    a browser that showed (and then reported) its default, English, would otherwise switch a
    German reader to English pages with no change on the server's side (seen in CI)."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context["locale"] = "de-DE"
    at.run()
    at.run()  # a rerun in which nothing changed
    radio = at.sidebar.radio(key=state.LANG)
    assert radio.proto.set_value and radio.proto.raw_value == "Deutsch"


def _switch_before_the_sidebar_is_drawn(at, page):
    """A page switch that comes while a run has not drawn the sidebar yet: the browser does not
    report the sidebar's widgets, and Streamlit clears the state of every widget not reported
    when the page changes."""
    at.sidebar.children.clear()
    return _go(at, page)


def test_the_filters_survive_a_page_switch_that_clears_their_widgets(app):
    """The sidebar's controls are drawn at the end of a run, so a page switch during a run can
    clear their state (as it did the language's): the reader's filters and number of themes
    come back from the values kept of them, and the view is the same on the next page."""
    import datetime as dt

    at = app()
    at.selectbox(key=state.N_THEMES).set_value(2).run()
    at.multiselect(key=state.GENRES).set_value(["commentary"]).run()
    at.multiselect(key=state.theme_filter_key(2)).set_value([0]).run()
    at.date_input(key=state.DATES).set_value((dt.date(2025, 2, 1), dt.date(2025, 10, 21))).run()
    assert not at.exception
    shown = [c.value for c in at.sidebar.caption if " of " in c.value and "articles shown" in c.value]
    _switch_before_the_sidebar_is_drawn(at, "app_pages/tone.py")
    assert not at.exception
    assert at.selectbox(key=state.N_THEMES).value == 2
    assert at.multiselect(key=state.GENRES).value == ["commentary"]
    assert at.multiselect(key=state.theme_filter_key(2)).value == [0]
    assert tuple(at.date_input(key=state.DATES).value) == (dt.date(2025, 2, 1), dt.date(2025, 10, 21))
    assert [c.value for c in at.sidebar.caption if " of " in c.value and "articles shown" in c.value] == shown

    # "Show all articles" clears the values kept too: a later page switch does not bring them back.
    at.button(key="filter_reset").click().run()
    _switch_before_the_sidebar_is_drawn(at, "app_pages/overview.py")
    assert not at.exception
    assert at.multiselect(key=state.GENRES).value == []
    assert at.multiselect(key=state.theme_filter_key(2)).value == []
    assert at.selectbox(key=state.N_THEMES).value == 2  # not a filter: the reset keeps it


def test_the_event_compared_stays_the_same_when_the_events_change(monkeypatch):
    """The Compare page keeps the event by its place in the list; an event added before it
    meanwhile (on the page Your corpus) would move the choice to another event."""
    import datetime as dt
    from types import SimpleNamespace

    import pandas as pd

    from components import compare_view

    fake = SimpleNamespace(session_state={})
    monkeypatch.setattr(compare_view, "st", fake)
    days = [dt.date(2025, 2, 12), dt.date(2025, 8, 15), dt.date(2025, 9, 24)]
    events = pd.DataFrame({"label": ["Call", "Anchorage summit", "UN"], "date": pd.to_datetime(days)})
    shown = (tuple(zip((d.isoformat() for d in days), events["label"])), 1)  # the last run compared the summit

    def after(evs, picked=1):
        fake.session_state.update({"compare_event": picked, compare_view._EVENT_SHOWN: shown})
        compare_view._same_event(tuple(zip(evs["date"].dt.date.map(dt.date.isoformat), evs["label"])))
        return fake.session_state.get("compare_event")

    assert after(events, picked=2) == 2  # the same events: the reader picked another one
    added = pd.concat([pd.DataFrame({"label": ["New"], "date": [pd.Timestamp("2025-01-05")]}), events])
    assert after(added) == 2  # the same summit, one place further down
    assert after(events.assign(label=["Telefonat", "Gipfel in Anchorage", "UNO"])) == 1  # German: by its day
    assert after(events.drop(index=1)) is None  # gone: the page's default comes instead


def test_a_comparison_is_still_set_up_after_a_visit_to_another_page(app):
    """Streamlit forgets a widget that a run did not draw: a reader who set up a comparison,
    read an article and came back found the default comparison again."""
    import datetime as dt

    at = _go(app(), "app_pages/compare.py")
    at.selectbox(key="compare_event").set_value(1).run()
    at.selectbox(key="compare_days").set_value(30).run()
    _go(at, "app_pages/articles.py")
    _go(at, "app_pages/compare.py")
    assert not at.exception
    assert (at.selectbox(key="compare_event").value, at.selectbox(key="compare_days").value) == (1, 30)

    at.radio(key="compare_mode").set_value("ranges").run()
    span = (dt.date(2025, 2, 1), dt.date(2025, 3, 31))
    at.date_input(key="compare_range_a").set_value(span).run()
    _go(at, "app_pages/tone.py")
    _go(at, "app_pages/compare.py")
    assert not at.exception
    assert at.radio(key="compare_mode").value == "ranges"
    assert tuple(at.date_input(key="compare_range_a").value) == span


def test_the_event_compared_is_found_again_by_its_day_in_the_other_language(app):
    at = _go(app(), "app_pages/compare.py")
    at.selectbox(key="compare_event").set_value(2).run()
    english = at.selectbox(key="compare_event").options[2]
    _go(at, "app_pages/overview.py")
    at.sidebar.radio(key=state.LANG).set_value("de").run()
    _go(at, "app_pages/compare.py")
    assert not at.exception
    event = at.selectbox(key="compare_event")
    assert event.value == 2 and event.options[2] != english  # the same event, named in German


def test_the_actors_picked_and_the_article_open_come_back_after_another_page(app):
    at = _go(app(), "app_pages/actors.py")
    names = at.multiselect(key=state.ACTOR_PICK).options
    at.multiselect(key=state.ACTOR_PICK).set_value([names[4], names[1]]).run()
    _go(at, "app_pages/overview.py")
    _go(at, "app_pages/actors.py")
    assert not at.exception
    assert at.multiselect(key=state.ACTOR_PICK).value == [names[4], names[1]]

    _go(at, "app_pages/articles.py")
    ids = at.session_state["article_table_ids"]
    at.selectbox(key=state.ARTICLE_PICK).set_value(ids[1]).run()
    _go(at, "app_pages/tone.py")
    _go(at, "app_pages/articles.py")
    assert not at.exception
    assert at.session_state[state.ARTICLE_PICK] == ids[1]
    assert at.selectbox(key=state.ARTICLE_PICK).value == ids[1]

    # Another corpus starts afresh (here the same one chosen again, which forgets as any change does).
    at.session_state[state.NEXT_CORPUS] = ""
    _go(at, "app_pages/overview.py")
    _go(at, "app_pages/actors.py")
    assert at.multiselect(key=state.ACTOR_PICK).value == names[:3]


def test_the_upload_limit_in_german_is_written_as_a_german_number(monkeypatch):
    """The style with Streamlit's words gets the limit as the reader writes numbers, not escaped
    for Markdown (t() would write 1,000 MB as "1&#46;000" in a German CSS string)."""
    from types import SimpleNamespace

    from components import i18n, ui

    sent = []
    fake = SimpleNamespace(get_option=lambda name: 1000 if name == "server.maxUploadSize" else None, html=sent.append)
    monkeypatch.setattr(ui, "st", fake)
    monkeypatch.setattr(i18n, "current_language", lambda: "de")
    ui.streamlit_words_in_language()
    [css] = sent
    assert 'content: "bis 1.000 MB je Datei"' in css and 'content: "Hochladen"' in css and "&#" not in css
    sent.clear()
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    ui.streamlit_words_in_language()
    assert sent == []  # English: Streamlit's own words


def test_the_filter_lists_offer_no_select_all(app):
    """Streamlit adds "Select all" to a multiselect, in English whatever the reader's language;
    in a filter an empty list already means any, and every theme picked would leave out the
    articles without a main theme. None of the sidebar's four lists offers it."""
    at = app(locale="de-DE")
    lists = [m for m in at.sidebar.multiselect if m.key]
    assert len(lists) == 4
    assert all(m.proto.select_all == 0 for m in lists), [(m.key, m.proto.select_all) for m in lists]


def test_the_actor_comparison_offers_no_select_all(app):
    """The Actors page compares at most eight actors, and the bundled corpus names more than
    eight: "Select all" there would ask for what the chart cannot draw (in English, too)."""
    at = app()
    at.switch_page("app_pages/actors.py").run()
    pick = at.multiselect(key=state.ACTOR_PICK)
    assert len(pick.options) > 8
    assert pick.proto.select_all == 0


def test_the_themes_tone_chart_shows_each_theme_s_interval(app, bundled):
    """The Themes page's tone chart draws each theme's 95% interval over the articles in view,
    and its data box gives the interval's ends (the engine's numbers)."""
    from tonlage.present import views

    at = app()
    at.session_state["themes_part"] = EN("Tone by theme")
    _go(at, "app_pages/themes.py")
    assert not at.exception, [e.value for e in at.exception]
    spec = next(s for s in _specs(at) if s["layout"]["title"]["text"].startswith(EN("Tone of the articles, by theme")))
    bar = spec["data"][0]
    assert bar["error_x"]["visible"] is True
    ids = tuple(bundled.articles["article_id"])
    want = views.theme_table(bundled, ids).merge(views.theme_tone_intervals(bundled, ids), on="theme_id")
    at.session_state["themes_tone_data_open"] = True
    at.run()
    opened = [e for e in at.expander if e.label == EN("Show the data behind this chart")]
    got = next(
        e.dataframe[0].value for e in opened if len(e.dataframe) and EN("95% interval from") in e.dataframe[0].value
    )
    assert list(got[EN("No.")]) == list(want["theme_id"] + 1)
    np.testing.assert_allclose(got[EN("95% interval from")], want["tone_low"].round(3))
    np.testing.assert_allclose(got[EN("95% interval to")], want["tone_high"].round(3))
    drawn = want["tone_low"].notna().to_numpy()
    assert drawn.any()  # the bundled corpus has a theme with two effective articles or more
    assert [a == "NaN" for a in bar["error_x"]["array"]] == list(~drawn)


def _words_in(corpus, *words: str) -> int:
    """How many articles hold one of ``words`` as a whole word (any case) in their headline or
    text, by Python's re (the filter uses Arrow's)."""
    return sum(_article_flags(corpus, *words))


def _article_flags(corpus, *words: str) -> list[bool]:
    """Whether each article holds one of ``words`` as a whole word (any case) in its headline or
    text, by Python's re."""
    import re

    alternatives = "|".join(map(re.escape, words))
    found = re.compile(r"(?<![^\W_])(?:" + alternatives + r")(?![^\W_])", re.IGNORECASE).search
    a = corpus.articles
    return [bool(found(t) or found(h)) for t, h in zip(corpus.texts.texts(a["article_id"]), a["title"])]


def test_containing_words_narrows_every_page_goes_into_the_link_and_clears(app, bundled):
    """The sidebar's "Containing words": the view holds the articles with one of the words, on
    every page; the link carries the words and opens the same view; "Show all articles" clears
    them."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    total = len(bundled.articles)
    n_anchorage, n_riad = _words_in(bundled, "Anchorage"), _words_in(bundled, "Riad")
    either = _words_in(bundled, "Anchorage", "Riad")
    assert 0 < n_anchorage < total and 0 < n_riad < total and max(n_anchorage, n_riad) < either <= total

    def shown_caption(at) -> str:
        return next(c.value for c in at.sidebar.caption if "articles shown" in c.value)

    at = app()
    at.text_input(key=state.WORDS).set_value("  anchorage ").run()
    assert not at.exception
    assert shown_caption(at) == EN("{n} of {total} articles shown", n=n_anchorage, total=total)
    assert at.session_state[state.VIEW].filters.words == "anchorage"
    assert at.query_params["words"] in ("anchorage", ["anchorage"])
    _go(at, "app_pages/tone.py")
    assert not at.exception and shown_caption(at) == EN("{n} of {total} articles shown", n=n_anchorage, total=total)

    at.text_input(key=state.WORDS).set_value("Anchorage, Riad").run()
    assert shown_caption(at) == EN("{n} of {total} articles shown", n=either, total=total)
    assert "words=Anchorage%2C+Riad" in share_link(at)

    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.query_params["words"] = "Anchorage, Riad"
    fresh.run()
    assert not fresh.exception
    assert fresh.text_input(key=state.WORDS).value == "Anchorage, Riad"
    assert fresh.session_state[state.VIEW].filters == at.session_state[state.VIEW].filters

    at.button(key="filter_reset").click().run()
    assert not at.exception
    assert at.text_input(key=state.WORDS).value in ("", None)
    assert shown_caption(at) == EN("{n} of {total} articles shown", n=total, total=total)


@pytest.mark.parametrize("words", ["Zzyzxqwort", "(((", "*", "a" * 400, "<script>alert(1)</script>", "x|.*"])
def test_words_that_find_nothing_or_are_odd_leave_every_page_working(app, words):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["words"] = words
    at.run()
    for page in PAGES:
        _go(at, page)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert len(at.text_input(key=state.WORDS).value or "") <= 300


def test_the_reader_marks_the_words_searched_for_and_escapes_the_rest(app, bundled):
    from components.article_view import marked_html

    html = marked_html("<b>Waffenruhe</b> & [Link](x)", [(3, 13)])
    assert "<b>" not in html and "](x)" not in html
    assert html.count("<mark ") == 1 and ">Waffenruhe</mark>" in html

    def tn_en(singular: str, n: int) -> str:
        return EN.ngettext(singular, singular.replace("sentence,", "sentences,"), n, words="Anchorage")

    at = app()
    at.text_input(key=state.WORDS).set_value("Anchorage").run()
    _go(at, "app_pages/articles.py")
    assert not at.exception
    article = at.session_state[state.VIEW]
    shown_id = at.selectbox(key=state.ARTICLE_PICK).value
    sentences = bundled.sentence_store.frame(columns=["article_id", "text"])
    n = int(sentences.loc[sentences["article_id"] == shown_id, "text"].str.contains(r"\bAnchorage\b").sum())
    captions = [c.value for c in at.caption]
    assert n >= 1  # the first article holding the word holds it in its text
    assert tn_en("The words you searched for ({words}) are in {n} sentence, marked in yellow.", n) in captions
    text_block = next(m.value for m in at.markdown if "line-height:1.9" in m.value)
    assert text_block.count(">Anchorage</mark>") == text_block.count("Anchorage") >= n
    assert article.filters.words == "Anchorage"


def test_words_nothing_holds_are_named_as_the_reason_with_what_to_try(app):
    at = app()
    at.text_input(key=state.WORDS).set_value("Zzyzxqwort*").run()
    assert not at.exception
    said = [i.value for i in at.info]
    want = EN(
        "No article in view contains {words}. Check the spelling, end a word with a star to find longer words too ({example} finds {longer}), or clear “Containing words” in the sidebar.",
        words=escape_text("Zzyzxqwort*"),
        example=escape_text("Sanktion*"),
        longer="Sanktionen",
    )
    assert want in said and "Zzyzxqwort" in want
    assert (
        EN("No articles match the current filters. Widen the date range or clear a filter in the sidebar.") not in said
    )
    at.button(key="no_articles_reset").click().run()  # the way back clears the words too
    assert not at.exception and not at.info and at.text_input(key=state.WORDS).value in ("", None)


def test_a_misspelt_word_that_finds_nothing_offers_the_corpus_spelling_in_one_click(app, bundled):
    at = app()
    at.text_input(key=state.WORDS).set_value("Selensky").run()
    assert not at.exception and at.session_state[state.VIEW].filters.words == "Selensky"
    assert any("No article in view contains" in i.value for i in at.info)
    assert EN("Did you mean:") in [m.value for m in at.markdown]
    offered = [b for b in at.button if b.key.startswith("respelling_")]
    labels = [b.label for b in offered]
    assert 1 <= len(offered) <= 3
    # the texts' own spelling is among them, with how many articles it finds (the search counted anew)
    a = bundled.articles
    n = sum(
        bool(re.search(r"\bselenskyj\b", f"{h}\n{x}", re.I))
        for h, x in zip(a["title"], bundled.texts.texts(a["article_id"]))
    )
    label = EN.ngettext("{words} ({n} article)", "{words} ({n} articles)", n, words="Selenskyj")
    assert n > 0 and label in labels
    offered[labels.index(label)].click().run()
    assert not at.exception and at.text_input(key=state.WORDS).value == "Selenskyj"
    assert at.session_state[state.VIEW].filters.words == "Selenskyj"
    assert EN("{n} of {total} articles shown", n=n, total=len(bundled.articles)) in [
        c.value for c in at.sidebar.caption
    ]
    assert not any(b.key.startswith("respelling_") for b in at.button)


def test_a_misspelt_word_with_a_hyphen_is_respelled_part_by_part(app, bundled):
    """German writes compounds with a hyphen ("US-Außenminister"): the word indexes hold their
    parts, and the part the reader misspelt is the one offered anew."""
    at = app()
    at.text_input(key=state.WORDS).set_value("US-Aussenministr").run()
    assert not at.exception and any("No article in view contains" in i.value for i in at.info)
    a = bundled.articles
    n = sum(
        bool(re.search(r"\bus-au(ß|ss)enminister\b", f"{h}\n{x}", re.I))
        for h, x in zip(a["title"], bundled.texts.texts(a["article_id"]))
    )
    # labels are Markdown: the words' hyphen is sent as an entity
    label = EN.ngettext("{words} ({n} article)", "{words} ({n} articles)", n, words=escape_text("US-Außenminister"))
    offered = {b.label: b for b in at.button if b.key.startswith("respelling_")}
    assert n > 0 and label in offered, list(offered)
    offered[label].click().run()
    assert not at.exception and at.session_state[state.VIEW].filters.words == "US-Außenminister"
    assert EN("{n} of {total} articles shown", n=n, total=len(a)) in [c.value for c in at.sidebar.caption]


def test_a_phrase_whose_words_stand_apart_is_explained_and_offered_with_a_plus(app, bundled):
    """A reader who types "Treffen in Alaska" meant the articles about it, not the three words
    side by side: the page says how the words were read and offers them joined by "+", each
    anywhere in the article; the link carries the "+" and opens the same view."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    at = app()
    at.text_input(key=state.WORDS).set_value("Treffen in Alaska").run()
    assert not at.exception and _words_in(bundled, "Treffen in Alaska") == 0
    said = EN(
        "No article in view contains {words}. Words without a comma between them are searched as one phrase: side by side, in this order. To find articles that hold each of them anywhere, put + between them ({example}); to find articles that hold any of them, commas.",
        words="Treffen in Alaska",
        example=escape_text("Trump\u00a0+\u00a0Putin"),  # parameters are escaped: "+" is sent as an entity
    )
    assert said in [i.value for i in at.info]
    # the words were spelt right: the offer is headed "Try", not "Did you mean"
    headings = [m.value for m in at.markdown]
    assert EN("Try:") in headings and EN("Did you mean:") not in headings
    treffen, alaska = _article_flags(bundled, "Treffen"), _article_flags(bundled, "Alaska")
    n = sum(a and b for a, b in zip(treffen, alaska, strict=True))
    assert n > 0
    label = EN.ngettext("{words} ({n} article)", "{words} ({n} articles)", n, words=escape_text("Treffen + Alaska"))
    offered = {b.label: b for b in at.button if b.key.startswith("respelling_")}
    assert label in offered, list(offered)
    offered[label].click().run()
    assert not at.exception and at.session_state[state.VIEW].filters.words == "Treffen + Alaska"
    assert EN("{n} of {total} articles shown", n=n, total=len(bundled.articles)) in [
        c.value for c in at.sidebar.caption
    ]
    assert "words=Treffen+%2B+Alaska" in share_link(at)

    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    fresh.query_params["words"] = "Treffen + Alaska"
    fresh.run()
    assert not fresh.exception and fresh.session_state[state.VIEW].filters == at.session_state[state.VIEW].filters


def test_a_name_the_actor_list_knows_that_finds_nothing_offers_the_actor_in_every_spelling(app, bundled):
    at = app()
    at.text_input(key=state.WORDS).set_value("Selensky").run()  # a spelling data/actors.csv gives, no text uses
    n = bundled.actor_articles.loc[bundled.actor_articles["actor"] == "Selenskyj", "article_id"].nunique()
    button = at.button(key="actor_meant_0")
    assert n > 0 and button.label == EN.ngettext(
        "Mentioning {actor}, any spelling ({n} article)",
        "Mentioning {actor}, any spelling ({n} articles)",
        n,
        actor="Selenskyj",
    )
    button.click().run()
    assert not at.exception and at.multiselect(key=state.ACTORS).value == ["Selenskyj"]
    assert at.text_input(key=state.WORDS).value in ("", None)
    view = at.session_state[state.VIEW]
    assert view.filters.actors == ("Selenskyj",) and view.filters.words == ""
    assert EN("{n} of {total} articles shown", n=n, total=len(bundled.articles)) in [
        c.value for c in at.sidebar.caption
    ]


def test_a_word_that_finds_nothing_beside_others_that_do_is_named_in_the_sidebar(app, bundled):
    at = app()
    at.text_input(key=state.WORDS).set_value("Anchorage, Selensky").run()
    assert not at.exception and at.session_state[state.VIEW].filters.words == "Anchorage, Selensky"
    captions = [c.value for c in at.sidebar.caption]
    assert EN("No article holds {words}.", words="Selensky") in captions
    a = bundled.articles
    texts = [f"{h}\n{x}" for h, x in zip(a["title"], bundled.texts.texts(a["article_id"]))]
    button = at.button(key="respelling_sidebar")
    n = sum(bool(re.search(r"\b(anchorage|zelensky)\b", x, re.I)) for x in texts)
    assert button.label == EN.ngettext(
        "Search for {words} ({n} article)", "Search for {words} ({n} articles)", n, words="Anchorage, Zelensky"
    )
    button.click().run()
    assert not at.exception and at.session_state[state.VIEW].filters.words == "Anchorage, Zelensky"
    assert EN("{n} of {total} articles shown", n=n, total=len(a)) in [c.value for c in at.sidebar.caption]
    assert not any("No article holds" in c.value for c in at.sidebar.caption)
    at.text_input(key=state.WORDS).set_value("Anchorage, Kreml").run()  # every word found: nothing said
    assert not any("No article holds" in c.value for c in at.sidebar.caption)
    assert not any(b.key == "respelling_sidebar" for b in at.button)


def test_the_reader_sets_someone_elses_words_in_italics_and_says_who_speaks(app, bundled):
    """A reader checking "what Lawrow says" sees which sentences count as quoted, and whose."""
    from components.article_view import _QUOTED_STYLE, QUOTED, article_html
    from tonlage.present.views import article_detail
    from tonlage.voices import QUOTED as VOICE_QUOTED

    assert QUOTED == VOICE_QUOTED
    aid = next(a for a in bundled.articles["article_id"] if "sehr nützlich" in bundled.texts.get(a))
    s = article_detail(bundled, aid)["sentences"]
    html = article_html(bundled.texts.get(aid), s)
    spans = re.findall(r'<span style="([^"]*)" title="([^"]*)">(.*?)</span>', html)
    assert len(spans) == len(s)
    quoted = [(title, text) for style, title, text in spans if _QUOTED_STYLE in style]
    assert 0 < len(quoted) == int((s["voice"] == "quoted").sum()) < len(s)
    title, _ = next(q for q in quoted if "sehr nützlich" in q[1])
    assert EN("quoted or reported words of {speaker}", speaker="Sergej Lawrow") in title
    plain = [title for style, title, _ in spans if _QUOTED_STYLE not in style]
    assert not any(EN("quoted or reported words of {speaker}", speaker="") in t for t in plain)
    # the table of scores says the same, sentence by sentence
    at = app()
    _go(at, "app_pages/articles.py")
    at.selectbox(key=state.ARTICLE_PICK).set_value(aid).run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if EN("Whose words") in d.value.columns)
    whose = list(table[EN("Whose words")])
    assert whose.count(EN("the author's own words")) == len(s) - len(quoted)
    assert EN("quoted or reported words of {speaker}", speaker="Sergej Lawrow") in whose


def test_the_reader_sets_a_crosshead_in_bold_and_only_a_crosshead(app, bundled):
    """The bundled news report has crossheads ("Sorge in Kiew und bei Verbündeten") between its
    paragraphs: each is set in bold, still a scored, escaped sentence with its hover; no
    paragraph of prose is."""
    from components.article_view import _CROSSHEAD_STYLE, article_html

    sents = bundled.sentence_frame(["article_id", "sent_idx", "text", "start", "end", "tone", "tone_label", "evidence"])
    aid = next(a for a in bundled.articles["article_id"] if "Sorge in Kiew" in bundled.texts.get(a))
    mine = sents[sents["article_id"] == aid].reset_index(drop=True)
    html = article_html(bundled.texts.get(aid), mine)
    bold = re.findall(f'<p style="{re.escape(_CROSSHEAD_STYLE)}">(.*?)</p>', html)
    heads = [shown(re.sub(r"<[^>]+>", "", b)) for b in bold]
    assert "Sorge in Kiew und bei Verbündeten" in heads and "Trump vollzieht Russland-Kehrtwende" in heads
    assert all(len(h) <= 80 and not h.endswith(".") for h in heads), heads
    assert all(b.count('<span style="') == 1 and ' title="' in b for b in bold)  # one scored sentence
    assert html.count("<p") == html.count("</p>") > len(bold)
    # a list of short lines (results) between prose is a list, not a run of heads
    import pandas as pd

    lines = [
        "Die Ergebnisse des Spieltags.",
        "Salzburg gegen Rapid 2:0",
        "Sturm gegen Austria 1:1",
        "Mehr folgt morgen.",
    ]
    text = "\n\n".join(lines)
    starts = [text.index(x) for x in lines]
    listed = pd.DataFrame(
        {
            "sent_idx": range(4),
            "text": lines,
            "start": starts,
            "end": [a + len(x) for a, x in zip(starts, lines)],
            "tone": 0.0,
            "tone_label": "neutral",
            "evidence": "",
        }
    )
    assert _CROSSHEAD_STYLE not in article_html(text, listed)
    one = listed.drop(index=2).reset_index(drop=True)  # one such line between prose: a head
    assert article_html(text, one).count(_CROSSHEAD_STYLE) == 1
    at = app()
    _go(at, "app_pages/articles.py")
    at.selectbox(key=state.ARTICLE_PICK).set_value(aid).run()
    assert not at.exception
    assert _CROSSHEAD_STYLE in next(m.value for m in at.markdown if "line-height:1.9" in m.value)


def test_a_mark_keeps_the_spaces_around_it():
    """The space before "Putin" was lost (the escaping trims each piece's ends): the reader
    showed "WladimirPutin"."""
    from components.article_view import marked_html

    text = "Präsident Wladimir Putin und  Lawrow, nun"
    spans = [(19, 24), (30, 36)]
    html = marked_html(text, spans)
    assert html.startswith("Präsident Wladimir <mark") and "</mark> und <mark" in html
    assert html.endswith("</mark>, nun")
    assert marked_html("  Putin ", [(2, 7)]).startswith("<mark") and marked_html("a b", []) == "a b"


def test_the_compare_page_says_how_the_words_searched_for_moved(app):
    at = app()
    at.text_input(key=state.WORDS).set_value("Putin").run()
    _go(at, "app_pages/compare.py")
    _compare_part(at, "What stands out")
    assert not at.exception, [e.value for e in at.exception]
    said = [m.value for m in at.markdown if "you searched for " + escape_text("(Putin)") in m.value]
    assert len(said) == 1, [m.value for m in at.markdown]
    at.text_input(key=state.WORDS).set_value("").run()
    assert not at.exception and not [m for m in at.markdown if "you searched for" in m.value]


def test_the_overview_charts_the_words_over_time_only_when_words_are_searched_for(app, bundled):
    titles = (EN("Articles with your words, per week"), EN("Articles with your words, per month"))

    def words_charts(at):
        return [s for s in _specs(at) if s["layout"]["title"]["text"] in titles]

    at = app()
    assert not words_charts(at)
    at.text_input(key=state.WORDS).set_value("Anchorage").run()
    assert not at.exception
    [spec] = words_charts(at)
    bars = [t for t in spec["data"] if t["type"] == "bar" and t.get("customdata")]
    # every dated article in view counted once, those holding the word as the filter finds them
    counted = sum(int(row[4]) for t in bars for row in t["customdata"])
    holding = sum(int(row[3]) for t in bars for row in t["customdata"])
    assert counted == int(bundled.articles["date"].notna().sum())
    assert holding == _words_in(bundled, "Anchorage") and 0 < holding < counted
    read = EN(
        "each bar is the share of that period's articles (with the sidebar's other filters) whose headline or text holds {words}; the thin line is its 95% interval. Hatched bars rest on fewer than {n} articles.",
        words="Anchorage",
        n=3,
    )
    assert any(read in c.value for c in at.caption)


def test_the_articles_page_lists_every_sentence_with_the_words_and_a_row_opens_its_article(app, bundled):
    import pandas as pd

    from components.article_view import article_of_row

    at = app()
    at.text_input(key=state.WORDS).set_value("Anchorage").run()
    _go(at, "app_pages/articles.py")
    assert not at.exception
    s = bundled.sentence_store.frame(columns=["article_id", "text", "tone"])
    holding = s[s["tone"].notna() & s["text"].str.contains(r"(?<![^\W_])anchorage(?![^\W_])", case=False)]
    [box] = [e for e in at.expander if e.label.startswith(EN("Sentences with your words ({n})", n=len(holding))[:25])]
    assert box.label == EN("Sentences with your words ({n})", n=len(holding)) and not box.dataframe  # closed: not sent
    at.session_state["articles_word_sentences"] = True
    at.run()
    [box] = [e for e in at.expander if e.label == EN("Sentences with your words ({n})", n=len(holding))]
    [table] = box.dataframe
    got = table.value
    assert len(got) == len(holding) and set(got[EN("Sentence")]) == set(holding["text"])
    assert all("anchorage" in c.lower() and len(c) <= 140 for c in got[EN("In context")])  # the words in view
    dates = pd.to_datetime(got[EN("Date")])
    assert dates.is_monotonic_decreasing  # the newest articles first
    # a row picked opens its article in the reader
    last = len(got) - 1
    ids = tuple(bundled.articles.set_index("title").loc[got[EN("Article")], "article_id"])
    assert article_of_row({"selection": {"rows": [last], "columns": []}}, ids) == ids[last]
    assert article_of_row({"selection": {"rows": [], "columns": []}}, ids) is None
    assert article_of_row(None, ids) is None and article_of_row({"selection": {"rows": [99]}}, ids) is None
