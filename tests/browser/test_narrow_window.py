"""Real browser, a laptop's half screen: in a 900 px window with the sidebar open, nothing a reader
needs is cut off. Measured in the page, not guessed from the specs:

- no button label in the page ends in an ellipsis (the findings' "Ablegen" showed as "Able…",
  "Nur den Hauptzeitraum zeigen" was cut in its quarter of the row);
- every chart title, axis title and legend entry stays inside its chart (Plotly wraps none of
  them: "… Zeiger darauf zeigt, wa" and "… im Zeitverl" were cut at the chart's edge);
- the reader's overall tone is shown whole (it read "+…" under "Gesamtt…").
"""

from __future__ import annotations

import os

from tests.corpora import WITH_AN_OUTLIER, write_dated_corpus
from tests.serve import IDLE, browser_marks, german_page, open_tab, running_app
from tonlage.i18n import translator

pytestmark = browser_marks()

# Text elements whose content is wider than their box (what the browser cuts off with an ellipsis
# or hides), inside the page's main part.
_CUT_BUTTONS = """() => Array.from(document.querySelectorAll('[data-testid=stMain] button'))
    .filter(b => b.offsetParent !== null && b.innerText.trim())
    .flatMap(b => Array.from(b.querySelectorAll('p, span, div')).filter(e => e.children.length === 0))
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => e.innerText)"""

# Chart texts (titles, axis titles, legend entries) that reach beyond their chart's edges.
_OUTSIDE_CHARTS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
    const box = plot.querySelector('svg.main-svg').getBoundingClientRect();
    return Array.from(plot.querySelectorAll('.gtitle, .xtitle, .ytitle, .legendtext, .legendtitletext'))
        .filter(t => {
            const r = t.getBoundingClientRect();
            return r.right > box.right + 1 || r.left < box.left - 1;
        })
        .map(t => t.textContent);
})"""

_CUT_METRICS = """() => Array.from(document.querySelectorAll('[data-testid=stMetricValue], [data-testid=stMetricLabel]'))
    .flatMap(m => Array.from(m.querySelectorAll('*')).concat([m]))
    .filter(e => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.innerText)"""


DE = translator("de")
# The parts (tabs) of the Tone and Themes pages, with the charts each draws at least.
TONE_PARTS = [("Over time", 1), ("Article by article", 2), ("Who speaks", 1), ("Strongest sentences", 0)]
THEME_PARTS = [("Over time", 1), ("Words of each theme", 1), ("Tone by theme", 1)]


def _charts_drawn(page, at_least: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=at_least, timeout=90_000
    )


def test_a_900_px_window_cuts_off_no_label_title_legend_or_figure(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_dated_corpus(corpus, WITH_AN_OUTLIER)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONLAGE_CORPUS")}
    env.update(TONLAGE_CORPUS_DIR=str(corpus), TONLAGE_DATA_DIR=str(tmp_path / "data"))
    with (
        running_app(tmp_path / "app.log", env=env) as url,
        german_page(url + "/?lang=de", width=900, height=1600) as page,
    ):
        # (this corpus names no actor: the Actors page draws no chart)
        for path, parts in (("/?lang=de", [("", 3)]), ("/tone?lang=de", TONE_PARTS), ("/themes?lang=de", THEME_PARTS)):
            page.goto(url + path)  # a page of its own each: no chart of the last one left over
            for part, charts in parts:  # each part of a page in parts (its tab) opened
                if part:
                    open_tab(page, DE(part))
                if charts:
                    _charts_drawn(page, charts)
                page.wait_for_selector(IDLE)
                page.wait_for_timeout(500)  # Plotly lays out its legend after the first paint
                assert page.evaluate(_CUT_BUTTONS) == [], (path, part)
                assert page.evaluate(_OUTSIDE_CHARTS) == [], (path, part)
        page.goto(url + "/articles?lang=de")
        page.get_by_text("Gesamttonlage").first.wait_for()
        assert page.evaluate(_CUT_METRICS) == []
        assert page.evaluate(_CUT_BUTTONS) == []
