"""A German page carries no English sentence of the engine: the reader (date notes, the words
behind each sentence's score), the Tone page (evidence of the strongest sentences) and the
Compare page (warnings on thin periods), read in a real browser with a German locale.

The English sentences looked for are every message the engine can say (extracted from
``tonlage/`` as the catalogue is), cut into their literal stretches between placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from tests.browser.test_click_through import _save
from tests.serve import CHROMIUM, IDLE, browser_marks, german_page, open_tab
from tests.serve import CHROMIUM_ARGS as LAUNCH_ARGS
from tonlage.i18n import translator

pytestmark = browser_marks()
ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"message": None, "nmessage": (1, 2), "N_": None, "tr": None, "ngettext": (1, 2)}
MIN_FRAGMENT = 18  # shorter stretches ("Tone", "{n} articles") may be names or shared words


def engine_fragments() -> set[str]:
    """Literal stretches of the engine's English messages whose German differs."""
    de = translator("de")
    out = set()
    for _, _, msgid, _, _ in extract_from_dir(str(ROOT / "tonlage"), keywords=KEYWORDS):
        for english in msgid if isinstance(msgid, tuple) else (msgid,):
            if de(english) == english:
                continue
            for part in re.split(r"\{\w+\}|%\{[^}]+\}|<[^>]+>", english):
                part = part.strip(" .,:;()'\"")
                if len(part) >= MIN_FRAGMENT:
                    out.add(part)
    return out


def _shown_text(page) -> str:
    """What a reader can read: the visible text and the hover titles."""
    return page.evaluate(
        """() => document.body.innerText + '\\n' +
           Array.from(document.querySelectorAll('[title]')).map(e => e.getAttribute('title')).join('\\n')"""
    )


DE = translator("de")
TONE_PARTS = ["Over time", "Article by article", "Who speaks", "Strongest sentences"]
COMPARE_PARTS = ["Tone", "What stands out", "Themes and actors", "Example sentences"]


def test_three_german_pages_have_no_english_sentence_from_the_engine(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from tonlage.storage.store import cached_analysis

    fragments = engine_fragments()
    assert len(fragments) > 200  # the check looks for many sentences, not a handful
    corpus = cached_analysis(ROOT / "data" / "corpus", events_file=ROOT / "data" / "events.csv", random_state=0)
    # The article whose header year is a typo: its date note is the engine's ("Corrected from …").
    corrected = corpus.articles[corpus.articles["date_note"].map(str).str.startswith("Corrected from")]["article_id"]
    corrected = corrected.iloc[0]
    pages = {
        "reader": f"/articles?article={corrected}",
        "tone": "/tone",
        "compare": "/compare?cmode=event&cevent=2025-08-15&cdays=0",
    }
    seen_engine_text = {
        "reader": "Korrigiert; zuvor Okt. 2025",  # the date note, in German, its date too
        "tone": "Wörter, die den Wert bewegten",
        "compare": "umfasst nur",
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_context(locale="de-DE", viewport={"width": 1400, "height": 1000}).new_page()
            page.set_default_timeout(90_000)
            for name, path in pages.items():
                page.goto(server + path)
                page.wait_for_selector(IDLE)
                # the parts of the Tone and Compare pages, each opened (the engine's evidence is
                # in the Tone page's last)
                parts = {"tone": TONE_PARTS, "compare": COMPARE_PARTS}.get(name, [""])
                for part in parts:
                    if part:
                        open_tab(page, DE(part))
                    if part == parts[-1]:
                        expect(page.get_by_text(seen_engine_text[name]).first).to_be_attached()
                    _save(page, tmp_path, f"20_german_{name}{parts.index(part) if part else ''}.png")
                    text = _shown_text(page)
                    english = sorted(f for f in fragments if f in text)
                    assert not english, (name, part, english[:5])
        finally:
            browser.close()


def test_the_german_top_menu_fits_and_reaches_every_page(server, tmp_path):
    """At 1,400 px the German menu shows its reading pages side by side and one menu for the
    rest, in German: no page is folded into Streamlit's own English "1 more"."""
    from playwright.sync_api import expect

    de = translator("de")
    side_by_side = ["Overview", "Tone", "Themes", "Actors", "Compare", "Articles", "Meeting pack"]
    in_menu = {"Check the tone": "/check", "Your corpus": "/corpus", "About & method": "/about"}
    with german_page(server) as page:
        nav = page.locator("[data-testid=stTopNav]")
        links = nav.locator("[data-testid=stTopNavLink]")
        expect(links).to_have_count(len(side_by_side))
        texts = links.all_inner_texts()  # each: the icon's name, then the page's
        assert [text.split("\n")[-1].strip() for text in texts] == [de(name) for name in side_by_side]
        assert "more" not in nav.inner_text().lower()
        _save(page, tmp_path, "21_german_menu.png")
        for name, path in in_menu.items():
            nav.locator("[data-testid=stTopNavSection]", has_text=de("Data & method")).click()
            page.locator("[data-testid=stTopNavDropdownLink]", has_text=de(name)).click()
            page.wait_for_url(f"**{path}*")
            page.wait_for_selector(IDLE)


@pytest.mark.parametrize("width", [800, 1100, 1400])
def test_the_overview_figures_are_never_cut_short(server, tmp_path, width):
    """Event labels above the tone chart that overlap (at 1,100 px "Gipfel in Anchorage" ran
    into "Telefonat Rubio–Lawrow", at 800 px "Telefonat Trump–Putin" into "Rubio–Lawrow bei der
    UNO"), and text that Streamlit cuts with an ellipsis when its box is too narrow, on the Overview, the
    Compare page and the empty meeting pack. In fixed columns at 1,100 px the German mean tone
    read "−0…", an event's name "vor Rubio–Lawrow bei der U…", a button "Mit dem Überblick der
    aktuellen Auswahl …", the link beside a tone chart "Tonlage prü…", and each example's "Zitat
    ablegen" was cut even at 1,400 px. Rows of such things now wrap instead."""
    de = translator("de")
    with german_page(server, width=width) as page:
        from playwright.sync_api import expect

        metrics = page.locator("[data-testid=stMetric]")
        expect(metrics).to_have_count(5)  # (the row is filled after the timeline is drawn)
        labels = [m.split("\n")[0].strip() for m in metrics.all_inner_texts()]
        assert labels == [de(x) for x in ("Articles", "Period", "Words", "Sentences", "Mean tone")]
        _save(page, tmp_path, f"22_german_overview_{width}.png")
        assert _cut_text(page) == []
        # The metrics come with the chart's data; plotly may still be drawing it (in a CI run
        # at 800 px there were no labels yet).
        page.wait_for_function(
            """() => [...document.querySelectorAll('.js-plotly-plot g.annotation')]
                .filter(a => a.textContent.includes('\u254e')).length >= 6"""
        )
        labels, overlaps = _event_labels(page)
        assert len(labels) >= 6 and overlaps == [], (labels, overlaps)
        page.goto(f"{server}/compare")
        page.wait_for_selector(IDLE)
        expect(metrics).to_have_count(3)
        labels = [m.split("\n")[0].strip() for m in metrics.all_inner_texts()]
        assert len(labels) == 3 and labels[0].startswith(de("before {event}", event="")), labels
        for i, part in enumerate(COMPARE_PARTS):  # each part of the page, its tab opened
            open_tab(page, de(part))
            if part == "Example sentences":
                page.locator("[data-testid=stButton]", has_text=de("Pin quote")).first.wait_for()
            _save(page, tmp_path, f"23_german_compare_{width}_{i}.png")
            assert _cut_text(page) == [], part
        page.goto(f"{server}/pack")
        page.wait_for_selector(IDLE)
        page.locator("[data-testid=stMain] [data-testid=stPageLink]").first.wait_for()
        _save(page, tmp_path, f"24_german_empty_pack_{width}.png")
        assert _cut_text(page) == []


def _cut_text(page) -> list[str]:
    """The texts of the page (its main part and sidebar) that are cut with an ellipsis: a box
    that ends its text so, and is narrower than its text."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMain] *, [data-testid=stSidebar] *')]
            .filter(e => getComputedStyle(e).textOverflow === 'ellipsis')
            .filter(e => e.scrollWidth > e.clientWidth + 1 && e.textContent.trim())
            .map(e => e.textContent.trim())"""
    )


def _event_labels(page) -> tuple[list[str], list[tuple[str, str]]]:
    """The event labels drawn above the page's charts, and the pairs of them in one chart whose
    text boxes overlap on the screen."""
    charts = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot =>
            [...plot.querySelectorAll('g.annotation')]
              .filter(a => a.textContent.startsWith('\u254e') || a.textContent.endsWith('\u254e'))
              .map(a => {
                const r = a.querySelector('text').getBoundingClientRect();
                return [a.textContent, r.left, r.right, r.top, r.bottom];
              }))"""
    )
    labels = [label[0] for chart in charts for label in chart]
    overlaps = [
        (a[0], b[0])
        for chart in charts
        for i, a in enumerate(chart)
        for b in chart[i + 1 :]
        if a[1] < b[2] and b[1] < a[2] and a[3] < b[4] and b[3] < a[4]
    ]
    return labels, overlaps


def _drawn_words(page, selector: str) -> str:
    """The words a reader sees in ``selector``: its text, or, where a style hides its text and
    writes others (components.ui.streamlit_words_in_language), those."""
    return page.locator(selector).first.evaluate(
        """e => {
            const after = getComputedStyle(e, '::after').content;
            const hidden = getComputedStyle(e.querySelector('p') || e).display === 'none'
                || getComputedStyle(e).fontSize === '0px';
            return hidden && after && after !== 'none' ? JSON.parse(after) : e.innerText.trim();
        }"""
    )


def test_the_words_streamlit_writes_itself_are_german_too(server, tmp_path):
    """The upload box ("Upload", "200MB per file") and the menu's button for the pages that do
    not fit at 1,100 px ("3 more") are Streamlit's own words, in English whatever the app's
    language: a German reader sees them in German, at Streamlit's own size."""
    button = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]'
    limit = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    rest = '[data-testid="stTopNav"] .rc-overflow-item-rest [data-testid="stMarkdownContainer"]'
    with german_page(f"{server}/corpus?lang=de", width=1100) as page:
        page.locator(limit).first.wait_for()
        # The style comes at the end of the run, after the upload box (a CI run read too early).
        page.wait_for_function(
            "s => { const e = document.querySelector(s); return e && getComputedStyle(e, '::after').content !== 'none'; }",
            arg=button,
        )
        _save(page, tmp_path, "22_german_upload_box.png")
        assert _drawn_words(page, button) == "Hochladen"
        assert _drawn_words(page, limit) == "bis 200 MB je Datei"
        assert _drawn_words(page, rest) == "Mehr"
        size = page.locator(limit).first.evaluate("e => getComputedStyle(e, '::after').fontSize")
        assert size == "14px"  # Streamlit's own small type for the limit
        nav = page.locator("[data-testid=stTopNav]")
        assert translator("de")("Meeting pack") in nav.inner_text()  # "Mehr" is short enough to keep it
        page.goto(f"{server}/corpus?lang=en")
        page.wait_for_selector(IDLE)
        page.locator(limit).first.wait_for()
        assert _drawn_words(page, button) == "Upload" and _drawn_words(page, limit) == "200MB per file"
