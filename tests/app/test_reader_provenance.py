"""The reader says what was left out of an article and where its headline, author, kind and
date came from; the Overview marks articles far outside the corpus's main period (issue 12)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from components import state
from tests.corpora import WITH_AN_OUTLIER, write_dated_corpus
from tonlage.i18n import translator
from tonlage.present.safe import escape_text

EN, DE = translator("en"), translator("de")

BODY = (
    "Die Bundesregierung will den Ausbau der Windkraft stärker fördern. Das Kabinett beschloss am Mittwoch "
    "ein Paket. Kritiker sprechen von einem Fiasko für die Haushaltsplanung. Die Opposition lobte dagegen den "
    "Erfolg der Verhandlungen. Bis zum Sommer soll das Gesetz stehen."
)
# A saved page: headline, byline, date line, then furniture around the article.
PAGE = (
    "Regierung plant neue Förderung für Windkraft\n"
    "Von Anna Becker\n"
    "15.03.2025, 10:12 Uhr\n"
    "Lesezeit: 3 Minuten\n"
    "Foto: dpa/Max Muster\n"
    f"{BODY}\n"
    "Abonnieren Sie unseren Newsletter und verpassen Sie nichts.\n"
)


def _go(at, page):
    return at.switch_page(page).run()


@pytest.fixture
def page_corpus(tmp_path, monkeypatch):
    (tmp_path / "seite.txt").write_text(PAGE, encoding="utf-8")
    # no headline, no byline: the title is the first sentence (unsure)
    (tmp_path / "nackt.txt").write_text(
        "Der Stadtrat stimmte am Abend über den neuen Radweg ab. Viele Anwohner kamen zur Sitzung. "
        "Die Mehrheit war am Ende deutlich. Gebaut werden soll im kommenden Frühjahr.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    return tmp_path


def _open(at, article_id):
    at.selectbox(key=state.ARTICLE_PICK).set_value(article_id).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "de"])
def test_reader_lists_removed_lines_by_kind_in_plain_words(app, page_corpus, lang):
    x = EN if lang == "en" else DE
    at = _open(_go(app(locale="de-DE" if lang == "de" else "en-US"), "app_pages/articles.py"), "seite")
    label = x.ngettext("Removed from the analysis ({n} line)", "Removed from the analysis ({n} lines)", 5)
    assert label in [e.label for e in at.expander]
    table = next(d.value for d in at.dataframe if x("What it is") in d.value.columns)
    rows = list(zip(table[x("What it is")], table[x("Line")]))
    by_kind = " · ".join(f"{k} (1)" for k in (x("byline"), x("date line"), x("photo or agency credit")))
    assert any(escape_text(by_kind) in c.value for c in at.caption)
    assert rows == [
        (x("byline"), "Von Anna Becker"),
        (x("date line"), "15.03.2025, 10:12 Uhr"),
        (x("photo or agency credit"), "Foto: dpa/Max Muster"),
        (x("reading time"), "Lesezeit: 3 Minuten"),
        (x("newsletter notice"), "Abonnieren Sie unseren Newsletter und verpassen Sie nichts."),
    ]


def test_removed_lines_are_shown_as_text_not_markdown(app, tmp_path, monkeypatch):
    hostile = "Foto: ![x](http://evil.example/p.png) **dpa** <img src=x onerror=alert(1)>"
    (tmp_path / "seite.txt").write_text(PAGE.replace("Foto: dpa/Max Muster", hostile), encoding="utf-8")
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = _open(_go(app(), "app_pages/articles.py"), "seite")
    table = next(d.value for d in at.dataframe if EN("What it is") in d.value.columns)
    assert hostile in list(table[EN("Line")])  # in a table cell, literally
    blob = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    assert "](http" not in blob and "<img" not in blob


def test_reader_says_where_headline_author_kind_and_date_came_from(app, page_corpus):
    at = _open(_go(app(), "app_pages/articles.py"), "seite")
    captions = [c.value for c in at.caption]
    line = next(c for c in captions if escape_text(EN("Headline") + ":") in c)
    for part in (
        EN("Headline") + ": " + EN("from the headline on the page") + ", " + EN("sure"),
        EN("Author") + ": " + EN("from the byline") + ", " + EN("sure"),
        EN("Date") + ": " + EN("from the date line on the page"),
    ):
        assert escape_text(part) in line, (part, line)
    assert not any("⚠" in c for c in captions)  # nothing unsure here


def test_an_unsure_headline_gets_a_visible_hint_in_german(app, page_corpus):
    at = _open(_go(app(locale="de-DE"), "app_pages/articles.py"), "nackt")
    captions = [c.value for c in at.caption]
    line = next(c for c in captions if escape_text(DE("Headline") + ":") in c)
    assert (
        escape_text("⚠ " + DE("Headline") + ": " + DE("the first sentence (no headline found)") + ", " + DE("unsure"))
        in line
    )
    assert "⚠ =" in line and line.startswith(DE("Where these details come from:"))


def _timeline(at):
    return next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if json.loads(c.proto.spec)["layout"]["title"]["text"] == EN("Tone of each article over time")
    )


def test_overview_marks_outliers_and_narrows_to_the_main_period(app, tmp_path, monkeypatch):
    write_dated_corpus(tmp_path, WITH_AN_OUTLIER)
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = app()
    assert not at.exception
    spec = _timeline(at)
    far = [tr for tr in spec["data"] if tr.get("name") == EN("Article outside the main period")]
    assert len(far) == 1 and [row[1] for row in far[0]["customdata"]] == ["a12"]
    assert far[0]["marker"]["symbol"] == "x"
    others = {row[1] for tr in spec["data"] if tr is not far[0] for row in (tr.get("customdata") or [])}
    assert "a12" not in others and len(others) == 12
    note = EN.ngettext(
        "✕ {n} article lies far outside the corpus's main period ({period}). It is marked, not removed: it still counts in every chart and figure until you narrow the dates.",
        "✕ {n} articles lie far outside the corpus's main period ({period}). They are marked, not removed: they still count in every chart and figure until you narrow the dates.",
        1,
        period=escape_text("2025-03-01 – 2025-03-12"),
    )
    assert note in [c.value for c in at.caption]
    period = next(m for m in at.metric if m.label == EN("Period"))
    assert escape_text("2025-03-01 – 2025-03-12") in period.help  # the full range shown, the main period said
    at.button(key="main_period_only").click().run()
    assert not at.exception
    assert at.date_input(key=state.DATES).value == (dt.date(2025, 3, 1), dt.date(2025, 3, 12))
    assert at.query_params.get("from") in (["2025-03-01"], "2025-03-01")  # the share link follows
    spec = _timeline(at)
    ids = {row[1] for tr in spec["data"] for row in (tr.get("customdata") or [])}
    assert "a12" not in ids and len(ids) == 12
    assert "main_period_only" not in [b.key for b in at.button]  # nothing left to narrow


def test_reader_says_an_article_is_outside_the_main_period(app, tmp_path, monkeypatch):
    write_dated_corpus(tmp_path, WITH_AN_OUTLIER)
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = _open(_go(app(), "app_pages/articles.py"), "a12")
    period = escape_text("2025-03-01 – 2025-03-12")
    assert any(period in i.value and "✕" in i.value for i in at.info)
    at = _open(at, "a03")
    assert not any(period in i.value for i in at.info)


def test_tone_page_marks_outliers_too(app, tmp_path, monkeypatch):
    write_dated_corpus(tmp_path, WITH_AN_OUTLIER)
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = _go(app(), "app_pages/tone.py")
    assert not at.exception
    far = [tr for tr in _timeline(at)["data"] if tr.get("name") == EN("Article outside the main period")]
    assert [row[1] for row in far[0]["customdata"]] == ["a12"]
    assert "main_period_only" in [b.key for b in at.button]


def test_uploaded_page_reports_its_furniture_and_the_reader_lists_it(app, tmp_path, monkeypatch):
    """Through a workspace: the ingest report on 'Your corpus' counts the furniture, and the
    reader of the stored article lists every removed line (kept across the workspace's storage)."""
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    at = app()
    at.switch_page("app_pages/corpus.py").run()
    at.text_input(key="ws_name_").set_value("Seiten")
    at.file_uploader(key=f"upload_{at.session_state.get(state.UPLOAD_ROUND, 0)}").set_value(
        [("seite.txt", PAGE.encode(), "text/plain")]
    )
    at.run()
    at.button(key="add_files").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    furniture = EN.ngettext(
        "{n} line of page furniture (credits, captions, buttons, notices) left out of the analysis; the reader shows it.",
        "{n} lines of page furniture (credits, captions, buttons, notices) left out of the analysis; the reader shows them.",
        3,
    )
    reasons = [str(v) for d in at.dataframe for col in d.value.columns for v in d.value[col]]
    assert any(furniture in r for r in reasons), reasons
    at.switch_page("app_pages/articles.py").run()
    at = _open(at, "seite")
    label = EN.ngettext("Removed from the analysis ({n} line)", "Removed from the analysis ({n} lines)", 5)
    assert label in [e.label for e in at.expander]
    table = next(d.value for d in at.dataframe if EN("What it is") in d.value.columns)
    assert "Foto: dpa/Max Muster" in list(table[EN("Line")])


# Three different stories: one whole, one cut by a search engine's copy mid-word, one whose
# page carried a subscription notice (the same story three times would count once).
CUT = (
    "Bahnchef im Interview\n"
    "Der Bahnchef sprach am Montag über die Pünktlichkeit der Züge. Viele Fahrgäste seien verärgert, "
    "sagte er. Die Sanierung der Strecken dauere noch Jahre. Die Probleme sind ihm b\n"
)
PAYWALLED = (
    "Hitzewelle erreicht den Süden\n"
    "Die Temperaturen steigen am Wochenende auf bis zu 38 Grad. Der Wetterdienst warnt vor großer Hitze. "
    "Städte öffnen kühle Räume für ältere Menschen.\n"
    "Weiterlesen?\n"
    "Dieser Inhalt ist nur mit einem Digital-Abo sichtbar.\n"
)


@pytest.fixture
def cut_corpus(tmp_path, monkeypatch):
    (tmp_path / "ganz.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "gekuerzt.txt").write_text(CUT, encoding="utf-8")
    (tmp_path / "abo.txt").write_text(PAYWALLED, encoding="utf-8")
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("lang", ["en", "de"])
def test_reader_says_when_a_text_looks_cut_off(app, cut_corpus, lang):
    x = EN if lang == "en" else DE
    mid = x(
        "The text ends mid-sentence: it was probably cut off (an excerpt, a copy cut at a length, or a paywall). Tone, themes and actors rest on what is shown."
    )
    paywall = x(
        "This page carried a subscription notice: the text here is probably only its free part. Tone, themes and actors rest on what is shown."
    )
    at = _go(app(locale="de-DE" if lang == "de" else "en-US"), "app_pages/articles.py")
    # The list says which texts are not whole, in a column of its own.
    table = next(d.value for d in at.dataframe if x("Title") in d.value.columns)
    assert sorted(table[x("Text")]) == sorted([x("whole"), x("cut off"), x("cut off")])
    infos = {aid: [i.value for i in _open(at, aid).info] for aid in ("ganz", "gekuerzt", "abo")}
    assert mid in infos["gekuerzt"] and paywall not in infos["gekuerzt"]
    assert paywall in infos["abo"]
    assert not any(v in (mid, paywall) for v in infos["ganz"])


def test_corpus_page_lists_the_texts_that_look_cut_off(app, cut_corpus):
    at = _go(app(), "app_pages/corpus.py")
    assert not at.exception, [e.value for e in at.exception]
    assert EN("Texts that look cut off") in [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if "sign" in d.value.columns and "article_id" in d.value.columns)
    assert dict(zip(table["article_id"], table["sign"])) == {
        "gekuerzt": EN("ends mid-sentence"),
        "abo": EN("subscription notice on the page"),
    }
    caption = EN.ngettext(
        "{n} of {total} texts does not look whole: it ends mid-sentence or with “…”, or its page carried a subscription notice. Its tone, themes and actors rest on the part that is here; it still counts like every other article.",
        "{n} of {total} texts do not look whole: they end mid-sentence or with “…”, or their page carried a subscription notice. Their tone, themes and actors rest on the part that is here; they still count like every other article.",
        2,
    ).format(n=2, total=3)
    assert caption in [c.value for c in at.caption], [c.value for c in at.caption]


def test_a_corpus_of_whole_texts_gets_no_cut_off_column_or_section(app, page_corpus):
    at = _go(app(), "app_pages/articles.py")
    table = next(d.value for d in at.dataframe if EN("Title") in d.value.columns)
    assert EN("Text") not in table.columns
    at = _go(at, "app_pages/corpus.py")
    assert EN("Texts that look cut off") not in [s.value for s in at.subheader]


def test_the_articles_list_writes_an_empty_cell_as_a_dash_not_none(app, page_corpus):
    at = _go(app(), "app_pages/articles.py")
    frame = next(d for d in at.dataframe if EN("Title") in d.value.columns)
    assert frame.proto.placeholder == "–"  # an unscored tone or a missing date, not "None"
