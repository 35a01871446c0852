"""Dates in the app's tables as the reader's language writes them (German 18.02.2025, a month
only "Feb. 2025"; English as ever, 2025-02-18 / 2025-02), while the columns stay dates: the
table sorts by date, and its data keeps the dates themselves."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pyarrow as pa
import pytest

from components import i18n, state
from tonlage.i18n import translator

LOCALES = {"en": "en-US", "de": "de-DE"}
DAY = {"en": "YYYY-MM-DD", "de": "DD.MM.YYYY"}


def _config(frame) -> dict:
    return json.loads(frame.proto.columns)


def _display(frame) -> pd.DataFrame | None:
    """What a styled table shows (its Styler's text), None for a table sent as plain data."""
    arrow = frame.proto.arrow_data
    if not arrow.HasField("styler"):
        return None
    return pa.ipc.open_stream(arrow.styler.display_values).read_pandas()


def _articles(app, lang):
    at = app(locale=LOCALES[lang])
    at.switch_page("app_pages/articles.py").run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_articles_list_writes_days_and_months_in_the_readers_language(app, lang, bundled_dates):
    at = _articles(app, lang)
    frame = at.dataframe[0]
    label = "Date" if lang == "en" else "Datum"
    assert _config(frame)[label]["type_config"]["type"] == "date"
    # The data holds dates (sorting by date), not text.
    assert pd.api.types.is_datetime64_any_dtype(frame.value[label])
    shown = list(_display(frame)[label])  # the bundled corpus has a month-only date: styled
    want = [
        ("Feb. 2025" if lang == "de" else "2025-02")
        if p == "month"
        else d.strftime("%d.%m.%Y" if lang == "de" else "%Y-%m-%d")
        for d, p in bundled_dates
    ]
    assert shown == want
    # The reader's list of titles below says the same dates.
    options = [
        at.selectbox(key=state.ARTICLE_PICK).format_func(o) for o in at.selectbox(key=state.ARTICLE_PICK).options
    ]
    assert all(f"({w})" in o for w, o in zip(want, options))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_long_articles_list_gives_the_date_column_the_readers_format(app, lang, monkeypatch):
    monkeypatch.setattr(i18n, "LOCAL_NUMBERS_MAX_CELLS", 0)  # as a long list: not styled
    at = _articles(app, lang)
    frame = at.dataframe[0]
    assert _display(frame) is None
    column = _config(frame)["Date" if lang == "en" else "Datum"]
    assert column["type_config"] == {"type": "date", "format": DAY[lang]}, _config(frame)
    # A month-only date is then shown on its 1st: the column's help says so.
    assert column.get("help")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_event_editor_follows_the_language(app, lang):
    at = app(locale=LOCALES[lang])
    at.switch_page("app_pages/corpus.py").run()
    assert not at.exception
    editor = next(f for f in at.dataframe if "events_editor" in f.proto.id)
    assert _config(editor)["date"]["type_config"] == {"type": "date", "format": DAY[lang]}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_strongest_sentences_table_writes_its_dates_in_the_readers_language(app, lang, bundled_dates):
    at = app(locale=LOCALES[lang])
    at.session_state["tone_part"] = translator(lang)("Strongest sentences")  # the part with the table
    at.session_state["tone_strongest_neg_open"] = True
    at.switch_page("app_pages/tone.py").run()
    assert not at.exception
    label = "Date" if lang == "en" else "Datum"
    frame = next(f for f in at.dataframe if label in _config(f))  # the only table of the page with dates
    assert pd.api.types.is_datetime64_any_dtype(frame.value[label])
    days = {d.strftime("%d.%m.%Y" if lang == "de" else "%Y-%m-%d") for d, p in bundled_dates if p == "day"}
    months = {"Feb. 2025" if lang == "de" else "2025-02"}
    shown = _display(frame)
    cells = set(shown[label]) if shown is not None else set()
    if shown is None:  # sent plain: Streamlit writes the days in the column's format
        assert _config(frame)[label]["type_config"]["format"] == DAY[lang]
    else:
        assert cells and cells <= days | months


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_data_behind_a_chart_writes_its_dates_in_the_readers_language(app, lang):
    at = app(locale=LOCALES[lang])
    at.session_state["overview_tone_timeline_data_open"] = True
    at.run()
    assert not at.exception
    box = next(e for e in at.expander if len(e.dataframe))  # the one box opened
    frame = box.dataframe[0]
    label = "Date" if lang == "en" else "Datum"
    data = [str(v) for v in frame.value[label]]
    # The data keeps the engine's ISO dates (so does its CSV download); only what is shown changes.
    assert data and all(len(v) in (7, 10) and v[4] == "-" for v in data)
    shown = _display(frame)
    if lang == "de":
        german = [
            "Feb. 2025" if v == "2025-02" else ".".join(reversed(v.split("-"))) if len(v) == 10 else None for v in data
        ]
        assert list(shown[label]) == german and None not in german
    else:
        assert shown is None  # English: the ISO dates as they are


@pytest.fixture(scope="module")
def bundled_dates():
    """The bundled articles' (date, precision), in the list's order, from the engine."""
    from pathlib import Path

    from tonlage.analysis.pipeline import analyse_folder

    root = Path(__file__).resolve().parents[2]
    a = analyse_folder(root / "data" / "corpus", events_file=root / "data" / "events.csv").articles
    return list(zip(a["date"], a["date_precision"]))


@pytest.fixture
def dated_workspace(tmp_path, monkeypatch):
    """A workspace with a day, a month-only date, a copy of a story and an undated article."""
    from tests.app.test_corpus_page import BODY
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest
    from tonlage.storage.workspace import Workspace

    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    ws = Workspace("Daten")
    ingest(
        ws,
        [
            Document("mit.txt", ("date 2025-09-24\n\n" + BODY).encode()),
            Document("monat.txt", ("date 2025-08\n\n" + BODY + " Anders.").encode()),
            Document("kopie.txt", ("date 2025-09-25\n\n" + BODY).encode()),
            Document("ohne.txt", (BODY + " Mehr.").encode()),
        ],
    )
    return ws


def _corpus_page(app, lang):
    at = app(locale=LOCALES[lang])
    at.session_state[state.CORPUS] = "Daten"
    at.switch_page("app_pages/corpus.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_article_editor_shows_dates_as_the_reader_writes_them_and_reads_them_back(app, lang, dated_workspace):
    from tonlage.present import views

    at = _corpus_page(app, lang)
    editor = next(d for d in at.dataframe if (d.key or "").startswith("editor_"))
    shown = dict(zip(editor.value["article_id"], editor.value["date"]))
    want = {
        "en": {"mit": "2025-09-24", "monat": "2025-08", "kopie": "2025-09-25", "ohne": ""},
        "de": {"mit": "24.09.2025", "monat": "Aug. 2025", "kopie": "25.09.2025", "ohne": ""},
    }[lang]
    assert shown == want
    # What the editor shows is what a reader may type: saved, it is the same date.
    before = views.workspace_table(dated_workspace).set_index("article_id")["date"]
    for aid in ("mit", "monat"):
        dated_workspace.edit(aid, date=shown[aid])
    after = views.workspace_table(dated_workspace).set_index("article_id")["date"]
    assert after["mit"] == before["mit"] == "2025-09-24" and after["monat"] == before["monat"] == "2025-08"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_copies_table_keeps_dates_and_writes_them_in_the_readers_language(app, lang, dated_workspace, monkeypatch):
    at = _corpus_page(app, lang)
    frame = next(d for d in at.dataframe if "date_label" in _config(d) and "group" in _config(d))
    assert pd.api.types.is_datetime64_any_dtype(frame.value["date_label"])  # sorts by date
    assert _config(frame)["date_label"]["type_config"]["type"] == "date"
    # All four are copies of one story; with a month-only date among them the table writes each.
    by_id = dict(zip(frame.value["article_id"], _display(frame)["date_label"]))
    assert (
        by_id
        == {
            "en": {"mit": "2025-09-24", "monat": "2025-08", "kopie": "2025-09-25", "ohne": "undated"},
            "de": {"mit": "24.09.2025", "monat": "Aug. 2025", "kopie": "25.09.2025", "ohne": "ohne Datum"},
        }[lang]
    )
    # A long list (not styled): the reader's format, the months on their 1st and the help says so.
    monkeypatch.setattr(i18n, "LOCAL_NUMBERS_MAX_CELLS", 0)
    at.run()
    frame = next(d for d in at.dataframe if "date_label" in _config(d) and "group" in _config(d))
    assert _display(frame) is None
    column = _config(frame)["date_label"]
    assert column["type_config"] == {"type": "date", "format": DAY[lang]}
    assert column["help"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_word_list_gives_its_times_the_readers_format(app, lang, tmp_path, monkeypatch):
    from components import cached
    from tonlage.i18n import translator

    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))  # the reader's notes go here
    at = app(locale=LOCALES[lang])
    cached.reader_edits(at.session_state[state.VIEW].corpus_key).tone.set_word("Fiasko", "neutral")
    at.switch_page("app_pages/check.py").run()
    assert not at.exception, [e.value for e in at.exception]
    label = translator(lang)("Changed")
    frame = next(d for d in at.dataframe if label in _config(d))
    assert pd.api.types.is_datetime64_any_dtype(frame.value[label])  # sorts by time
    fmt = {"en": "YYYY-MM-DD HH:mm", "de": "DD.MM.YYYY HH:mm"}[lang]
    assert _config(frame)[label]["type_config"] == {"type": "datetime", "format": fmt}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_check_queue_says_the_sentences_date_in_the_readers_language(app, lang, tmp_path, monkeypatch):
    import re

    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    at = app(locale=LOCALES[lang])
    at.switch_page("app_pages/check.py").run()
    assert not at.exception, [e.value for e in at.exception]
    from tests.shown import shown

    line = next(shown(str(c.value)) for c in at.caption if re.search(r"\(.*\d{4}.*\) · ", shown(str(c.value))))
    date = re.search(r"\(([^()]*\d{4}[^()]*)\) · ", line).group(1)
    day, month = (r"\d{4}-\d{2}-\d{2}", r"\d{4}-\d{2}") if lang == "en" else (r"\d{2}\.\d{2}\.\d{4}", r"\w+\.? \d{4}")
    assert re.fullmatch(day, date) or re.fullmatch(month, date), line


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_readers_line_under_the_title_writes_the_date_in_the_readers_language(app, lang, bundled_dates):
    """The line under an open article's title ("by … · Date: …") writes its date as the tables do."""
    at = _articles(app, lang)
    shown = at.selectbox(key=state.ARTICLE_PICK).value
    frame = at.dataframe[0]
    label = "Date" if lang == "en" else "Datum"
    row = list(frame.value["article_id"]).index(shown) if "article_id" in frame.value else 0
    d, p = bundled_dates[row]
    want = (
        ("Feb. 2025" if lang == "de" else "2025-02")
        if p == "month"
        else d.strftime("%d.%m.%Y" if lang == "de" else "%Y-%m-%d")
    )
    lines = [html.unescape(m.value) for m in at.markdown]  # the line is escaped HTML, part by part
    line = next(x for x in lines if f"{label}: " in x)
    assert f"{label}: {want}" in line


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_date_note_in_the_readers_line_writes_its_dates_in_the_readers_language(app, lang):
    """The note on an article's date (the bundled file whose header year is a typo, corrected)
    writes its dates as the line does, and is not announced as a correction twice ("corrected:
    Corrected from …")."""
    at = _articles(app, lang)
    pick = at.selectbox(key=state.ARTICLE_PICK)
    pick.select(next(o for o in pick.options if "Trumps Plan" in str(o))).run()
    assert not at.exception
    lines = [html.unescape(m.value) for m in at.markdown]
    line = next(x for x in lines if ("Date: " if lang == "en" else "Datum: ") in x)
    assert ("Corrected from 2025-10 (file text)" if lang == "en" else "Korrigiert; zuvor Okt. 2025") in line
    assert "corrected: " not in line.lower() and "korrigiert: " not in line.lower()
    if lang == "de":
        assert not re.search(r"\b\d{4}-\d{2}\b", line), line  # no ISO date left in a German line


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_event_editor_puts_the_readers_language_first(app, lang):
    """A German page showed the English names under "Bezeichnung" and the German ones at the far
    right, cut off by the table's edge."""
    at = app(locale=LOCALES[lang])
    at.switch_page("app_pages/corpus.py").run()
    assert not at.exception
    editor = next(f for f in at.dataframe if "events_editor" in f.proto.id)
    config = _config(editor)
    order = list(editor.proto.column_order)
    first = ["date", "label_de", "description_de"] if lang == "de" else ["date", "label", "description"]
    assert order[:3] == first, order
    assert config[first[1]]["label"] == ("Bezeichnung" if lang == "de" else "Label")
    assert config[first[1]]["required"] is True
    other = "label" if lang == "de" else "label_de"
    assert not config[other].get("required")
