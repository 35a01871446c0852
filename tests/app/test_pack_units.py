"""The meeting pack's parts without a running app: captions, filters in words, the events
table diff, and the ``pack`` command end to end."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader

from components.events_view import event_changes
from tonlage.i18n import translator
from tonlage.present import pack
from tonlage.present.types import Filters

ROOT = Path(__file__).resolve().parents[2]
EN, DE = translator("en"), translator("de")


def test_caption_names_corpus_period_filters_count_and_method():
    f = Filters(genres=("commentary",), actors=("Putin",), themes=(1,), count_once=False)
    lines = pack.caption_lines(
        corpus="Meine Clips",
        period="2025-02-01 – 2025-10-21",
        filters=pack.filters_text(f, {1: "Gipfel · Alaska"}, EN),
        n_articles=12,
        version="0.1.0",
        tr=EN,
        made=dt.date(2026, 1, 5),
    )
    assert lines[0] == "Corpus: Meine Clips · 2025-02-01 – 2025-10-21"
    assert lines[1] == (
        "Filters: genre: Commentary · theme: Gipfel · Alaska · actor: Putin · "
        "every copy of a story counted · 12 articles"
    )
    assert "Tonlage 0.1.0" in lines[2] and "2026-01-05" in lines[2]
    assert pack.filters_text(Filters(), {}, DE) == "keine Filter"
    assert pack.filters_text(Filters(sources=("Taz", "FAZ")), {}, DE) == "Quelle: Taz, FAZ"


def test_dates_follow_the_language():
    assert pack.period_text(dt.date(2025, 8, 1), dt.date(2025, 8, 31), "de") == "01.08.2025 – 31.08.2025"
    assert pack.period_text(dt.date(2025, 8, 1), None, "en") == "2025-08-01 – –"
    # no article in view dated: said so, not "– – –"
    assert pack.period_text(None, pd.NaT, "en") == "undated" and pack.period_text(None, None, "de") == "ohne Datum"


def test_a_german_pack_writes_its_dates_as_german_does(monkeypatch):
    """The method line's day, the title slide's day, the quotes' dates and the comparison table:
    15.08.2025 in a German pack, Aug. 2025 for a date known to the month; ISO in English."""
    lines = pack.caption_lines(
        corpus="c", period="p", filters="f", n_articles=1, version="1", tr=DE, made=dt.date(2026, 1, 5)
    )
    assert "05.01.2026" in lines[2] and "2026-01-05" not in lines[2]
    quotes = [
        pack.PinnedQuote("Satz.", "Titel", "Autorin", "2025-08-15", -0.4),
        pack.PinnedQuote("Satz.", "Titel", "Autorin", "2025-08", -0.4),
        pack.PinnedQuote("Satz.", "Titel", "unknown", "undated", None),
    ]
    kw = dict(title="t", subtitle="s", charts=[], findings=[], quotes=quotes, params={}, n_articles=1, render=False)
    de = pack.build_pack(tr=DE, **kw)
    assert [q.date_label for q in de.quotes] == ["15.08.2025", "Aug. 2025", "ohne Datum"]
    # No English word on a slide, and no "unknown" that would read as the quote's speaker.
    assert [q.author for q in de.quotes] == ["Autorin", "Autorin", ""]
    from tonlage.report.deck.plan import _quote_meta

    assert _quote_meta(de.quotes[2], pack.headings(DE)) == "Titel · ohne Datum"
    assert de.date_made == dt.date.today().strftime("%d.%m.%Y")
    en = pack.build_pack(tr=EN, **kw)
    assert [q.date_label for q in en.quotes] == ["2025-08-15", "2025-08", "undated"]
    assert en.date_made == dt.date.today().isoformat()

    class Window:
        def __init__(self, start, end):
            self.label, self.start, self.end = "x", start, end

    class Cmp:
        a, b = Window(dt.date(2025, 2, 1), dt.date(2025, 8, 14)), Window(dt.date(2025, 8, 15), dt.date(2025, 10, 21))
        tone, n_articles, n_sentences = (-0.1, 0.05), (3, 2), (40, 30)
        by_source = False

    table = pack.comparison_table(Cmp, DE)
    assert table[DE("From")].tolist() == ["01.02.2025", "15.08.2025"]
    # The slides' tables and quotes: decimal commas, German days and quotation marks.
    from tonlage.report.deck import plan

    heads = pack.headings(DE)
    assert (heads["decimal"], heads["quote_open"], heads["quote_close"]) == (",", "\u201e", "\u201c")
    grid = plan._grid(pd.DataFrame({"Tag": [dt.date(2025, 8, 15)], "Ton": [-0.25]}), 0, 0, 600, 200, heads)
    assert grid is not None and grid.rows[0] == ["15.08.2025", "\u22120,25"]
    assert plan._quote_meta(de.quotes[0], heads).endswith("\u22120,40")
    assert plan._quote_meta(en.quotes[0], pack.headings(EN)).endswith("\u22120.40")


def test_figure_title_is_plain_text_and_pin_id_follows_the_view():
    import plotly.graph_objects as go

    fig = go.Figure(layout=dict(title=dict(text="Ton &amp; Wortwahl<br>nach Monat")))
    assert pack.figure_title(fig) == "Ton & Wortwahl nach Monat"
    a = pack.pin_id_for("overview_actors", ("Corpus: x", "Filters: none"))
    assert a == pack.pin_id_for("overview_actors", ("Corpus: x", "Filters: none"))
    assert a != pack.pin_id_for("overview_actors", ("Corpus: x", "Filters: genre: Report"))
    pin = pack.pin_chart(fig, key="k", caption=("c",), read="each dot is one article.", table=None)
    assert pin.read == "Each dot is one article." and pack.figure_title(pin.fig()) == pin.title


def test_file_stem_is_safe():
    assert pack.file_stem("Vorher & nachher: Gipfel in Anchorage") == "vorher-nachher-gipfel-in-anchorage"
    assert pack.file_stem("../../etc/passwd") == "etc-passwd"
    assert pack.file_stem("«»") == "tonlage"


def test_find_event_by_name_or_part_and_a_plain_error():
    events = pd.DataFrame(
        {"date": pd.to_datetime(["2025-02-18", "2025-08-15"]), "label": ["Riyadh talks", "Anchorage summit"]}
    )
    assert pack.find_event(events, "anchorage summit", EN)["label"] == "Anchorage summit"
    assert pack.find_event(events, "Anchor", EN)["label"] == "Anchorage summit"
    with pytest.raises(ValueError, match="Known events: Riyadh talks, Anchorage summit"):
        pack.find_event(events, "Helsinki", EN)


def test_event_table_diff():
    before = pd.DataFrame(
        {
            "event_id": ["a", "b"],
            "date": [dt.date(2025, 2, 18), dt.date(2025, 8, 15)],
            "label": ["Riad", "Anchorage"],
            "description": ["", ""],
            "label_de": ["", ""],
            "description_de": ["", ""],
        }
    )
    after = before.copy()
    after.loc[1, "label"] = "Gipfel in Anchorage"
    after = after[after["event_id"] != "a"]
    after = pd.concat(
        [
            after,
            pd.DataFrame(
                [
                    {
                        "event_id": None,
                        "date": dt.date(2025, 6, 24),
                        "label": "NATO",
                        "description": None,
                        "label_de": None,
                        "description_de": None,
                    },
                    {
                        "event_id": None,
                        "date": None,
                        "label": None,
                        "description": None,
                        "label_de": None,
                        "description_de": None,
                    },
                ]
            ),
        ],
        ignore_index=True,
    )
    added, edited, removed = event_changes(before, after)
    assert [a["label"] for a in added] == ["NATO"]  # the empty row is ignored
    assert edited == [("b", {"label": "Gipfel in Anchorage"})]
    assert removed == ["a"]
    assert event_changes(before, before) == ([], [], [])


def _slide_texts(deck_file) -> list[str]:
    """The text of each slide of the PowerPoint file ``deck_file``, its text boxes one per line."""
    deck = Presentation(io.BytesIO(deck_file.read_bytes()))
    return ["\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in deck.slides]


def _run_pack(tmp_path, *args):
    env = {
        "TONLAGE_DATA_DIR": str(tmp_path / "data"),
        "TONLAGE_CACHE_DIR": str(tmp_path / "cache"),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    import os

    env.update({k: v for k, v in os.environ.items() if k in ("BROWSER_PATH", "TMPDIR")})
    return subprocess.run(
        [sys.executable, "-m", "tonlage", "pack", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_pack_command_before_after_an_event(tmp_path):
    out = tmp_path / "weekly" / "deck.pptx"
    run = _run_pack(
        tmp_path, "data/corpus", "--out", str(out), "--pdf", "--event", "Anchorage", "--lang", "de", "--no-images"
    )
    assert run.returncode == 0, run.stderr
    texts = _slide_texts(out)
    assert "Vorher und nachher: Gipfel in Anchorage" in texts[0]
    # title, tone, actors, findings, quotes, method (no chart of the actors' tone shifts: one
    # article before Anchorage is no period to compare an actor's tone in)
    assert len(texts) == 6
    assert "Wie sich die Tonlage um jeden Akteur veränderte" not in "".join(texts)
    pdf = PdfReader(out.with_suffix(".pdf"))
    assert len(pdf.pages) == len(texts)
    assert "Wichtigste Befunde" in pdf.pages[3].extract_text()
    findings = [line for line in run.stdout.splitlines() if line]
    assert findings and any("Anchorage" in line for line in findings)  # the findings, for a report's text
    assert "6 slides" in run.stderr


@pytest.mark.slow
def test_a_pack_of_articles_without_dates_shows_their_tone_spread_not_an_empty_timeline(tmp_path):
    """A folder of texts without dates: the deck's tone chart was "Tone of each article over
    time" saying "No articles match the current filters", and its captions named the period
    "– – –". Now the Overview's chart in the timeline's place, and "undated"."""
    folder = tmp_path / "texte"
    folder.mkdir()
    (folder / "eins.txt").write_text(
        "Der Gipfel in Budapest wurde abgesagt. Die Regierung sprach von einem schweren Rückschlag. "
        "Die Opposition nannte es ein Versagen der Diplomatie.",
        encoding="utf-8",
    )
    (folder / "zwei.txt").write_text(
        "Die Gespräche in Genf brachten einen Erfolg. Beide Seiten lobten die gute Einigung. "
        "Neue Treffen sind für den Herbst geplant.",
        encoding="utf-8",
    )
    out = tmp_path / "deck.pptx"
    run = _run_pack(tmp_path, str(folder), "--out", str(out), "--no-images")
    assert run.returncode == 0, run.stderr
    texts = _slide_texts(out)
    assert "texte · undated · 2 articles" in texts[0]
    assert texts[1].startswith("How negative or positive the articles are")
    assert "Tone of each article over time" not in "".join(texts)
    assert "Corpus: texte · undated" in texts[1]


@pytest.mark.slow
def test_pack_command_for_a_period_and_its_errors(tmp_path):
    out = tmp_path / "deck.pptx"
    run = _run_pack(
        tmp_path, "data/corpus", "--out", str(out), "--from", "2025-08-01", "--to", "2025-10-31", "--no-images"
    )
    assert run.returncode == 0, run.stderr
    first = _slide_texts(out)[0]
    assert "4 articles" in first  # the article from February is outside the period
    assert _run_pack(tmp_path, "data/corpus", "--out", str(out), "--event", "Helsinki").returncode == 1
    assert "Known events" in _run_pack(tmp_path, "data/corpus", "--out", str(out), "--event", "Helsinki").stderr
    assert _run_pack(tmp_path, "data/corpus", "--out", str(out), "--from", "2030-01-01").returncode == 1
    assert _run_pack(tmp_path, "nowhere", "--out", str(out)).returncode == 2
    assert _run_pack(tmp_path, "data/corpus", "--out", str(out), "--from", "morgen").returncode == 2


def test_an_event_named_only_in_german_takes_that_name_as_its_label():
    """A German reader may name a new event in German alone: its label (which names it on
    English pages) is then the German one. A row with an English label keeps it."""
    from components.events_view import with_labels

    table = pd.DataFrame(
        {
            "event_id": ["a", None, None],
            "date": [pd.Timestamp("2025-02-12").date(), pd.Timestamp("2025-11-01").date(), None],
            "label": ["Trump–Putin call", None, "  "],
            "description": [None, None, None],
            "label_de": ["Telefonat Trump–Putin", "Gipfel in Budapest", None],
            "description_de": [None, None, None],
        }
    )
    out = with_labels(table)
    assert list(out["label"]) == ["Trump–Putin call", "Gipfel in Budapest", "  "]
    added, _edited, _removed = event_changes(table.iloc[:1], out)
    assert [a["label"] for a in added] == ["Gipfel in Budapest"]  # the empty third row is ignored
    assert with_labels(table.iloc[:0]).empty


def test_a_slide_chart_drops_its_title_but_keeps_the_rows_of_event_labels():
    import plotly.graph_objects as go

    from tonlage.present.charts.base import base_layout
    from tonlage.present.charts.events import EVENT_ROW_PX

    plain = base_layout(go.Figure(), "Who is mentioned how often", "Mentions", "")
    out = pack._untitled(plain)
    assert out.layout.title.text == "" and out.layout.margin.t == 30
    # A timeline with four rows of event labels hung above the plot (events.add_events: 80 px and
    # a row each); the top row's label sits 2 + 3 rows up and is ~16 px tall.
    rows = 4
    timeline = base_layout(go.Figure(), "Tone of each article over time", "Date", "Tone")
    timeline.update_layout(margin_t=80 + rows * EVENT_ROW_PX)
    out = pack._untitled(timeline)
    assert out.layout.title.text == ""
    assert out.layout.margin.t >= 2 + (rows - 1) * EVENT_ROW_PX + 16
    assert out.layout.margin.t < 80 + rows * EVENT_ROW_PX  # the title's room is given back


@pytest.mark.slow
def test_pack_command_takes_words_as_the_sidebar_does(tmp_path, analysed_bundled):
    """``--words`` keeps the articles holding one of the words (as "Containing words" in the
    app), says so on every chart's caption, and names the words when none holds them."""
    from tonlage.present import views
    from tonlage.present.types import Filters

    want = len(views.filter_ids(analysed_bundled, Filters(words="Anchorage")))
    assert 0 < want < len(analysed_bundled.articles)  # a word some articles hold, not all
    out = tmp_path / "deck.pptx"
    run = _run_pack(tmp_path, "data/corpus", "--out", str(out), "--words", " anchorage ", "--no-images")
    assert run.returncode == 0, run.stderr
    slides = _slide_texts(out)
    assert f"· {want} article" in slides[0]  # the title slide's count
    text = "\n".join(slides)
    assert "containing: anchorage" in text
    # the Overview's chart of the words over time, after the tone's
    titles = ("Articles with your words, per month", "Articles with your words, per week")
    assert sum(t in text for t in titles) == 1
    none = _run_pack(tmp_path, "data/corpus", "--out", str(out), "--words", "Zzyzxqwort")
    assert none.returncode == 1 and "No article in the chosen period contains Zzyzxqwort." in none.stderr


@pytest.mark.slow
def test_pack_command_keeps_the_outlets_asked_for_and_charts_their_tone(tmp_path):
    """``--source`` keeps an outlet's articles (repeatable, as the Source filter), says so in
    the captions, draws the outlets' tone when two or more remain, and lists the corpus's
    outlets when a name is none of them."""
    from tests.corpora import SOURCES, write_sourced_corpus

    folder = tmp_path / "clips"
    folder.mkdir()
    write_sourced_corpus(folder)
    out = tmp_path / "deck.pptx"

    def slides(*args):
        run = _run_pack(tmp_path, str(folder), "--out", str(out), "--no-images", *args)
        assert run.returncode == 0, run.stderr
        return _slide_texts(out)

    every = "\n".join(slides())
    assert f"· {len(SOURCES)} articles" in every and "Tone of the articles, by source" in every
    two = slides("--source", "Kieler Blatt", "--source", "Jenaer Anzeiger")
    assert "· 7 articles" in two[0]
    assert "source: Kieler Blatt, Jenaer Anzeiger" in "\n".join(two)
    assert "Tone of the articles, by source" in "\n".join(two)
    one = "\n".join(slides("--source", "Kieler Blatt"))
    assert "· 5 articles" in one and "Tone of the articles, by source" not in one  # one outlet: nothing to compare
    wrong = _run_pack(tmp_path, str(folder), "--out", str(out), "--source", "Bild")
    assert wrong.returncode == 1
    assert (
        "No article names the source “Bild”. Sources of this corpus: Bonner Rundschau, Jenaer Anzeiger, Kieler Blatt."
        in wrong.stderr
    )


@pytest.mark.slow
def test_pack_command_sets_one_outlet_against_another(tmp_path):
    """``--source A --versus B``: the deck of the Compare page's "Two sources": the two sides'
    tone with the difference, its findings in the words of a difference, and its title."""
    from tests.corpora import write_sourced_corpus

    folder = tmp_path / "clips"
    folder.mkdir()
    write_sourced_corpus(folder)
    out = tmp_path / "deck.pptx"

    def bonn_versus_kiel() -> str:
        run = _run_pack(
            tmp_path,
            str(folder),
            "--out",
            str(out),
            "--no-images",
            "--source",
            "Bonner Rundschau",
            "--versus",
            "Kieler Blatt",
        )
        assert run.returncode == 0, run.stderr
        return "\n".join(_slide_texts(out))

    text = bonn_versus_kiel()
    assert "Bonner Rundschau and Kieler Blatt compared" in text
    assert "Tone of the two sides, and the difference" in text and "Tone before and after" not in text
    assert "The wording of “Kieler Blatt” is more positive than that of “Bonner Rundschau”" in text
    assert "Bonner Rundschau vs Kieler Blatt (" in text  # the captions name the sides, once the days
    alone = _run_pack(tmp_path, str(folder), "--out", str(out), "--versus", "Kieler Blatt")
    assert alone.returncode == 1 and "needs the sources of its first side" in alone.stderr
    # No article dated: the sides are named undated (they were named by the day the deck was made).
    for f in folder.glob("a*.txt"):
        head, body = f.read_text(encoding="utf-8").split("\n", 1)
        f.write_text(head.split(" | ")[0] + "\n" + body, encoding="utf-8")
    text = bonn_versus_kiel()
    assert "Bonner Rundschau vs Kieler Blatt (undated)" in text and "Tone of the two sides, and the difference" in text
