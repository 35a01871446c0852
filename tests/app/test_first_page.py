"""A fresh server's first page imports and computes only what it shows (issue 13: the first chart
within 1.3x of a hello-world Streamlit app; see bench/app_latency.py for the figures).

The first run is made in a new Python process, as a restarted server makes it: in this test
process the modules are imported already."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Heavy modules the Overview does not need: the analysis (scikit-learn, the lemmatiser, the tone
# scorer, page cleaning) runs only on a cache miss, and scipy.stats only for a comparison.
NOT_ON_THE_FIRST_PAGE = (
    "sklearn",
    "scipy.stats",
    "simplemma",
    "tonlage.analysis.pipeline",
    "tonlage.text",
    "tonlage.tone",
    "tonlage.corpus",
    # Only an analysis on a Dask cluster (the command line's --scheduler) loads Dask.
    "dask",
    "distributed",
)

# Modules the Overview needs, but only after its first chart was sent: the meeting pack (its
# export caption), the findings, and Arrow's datasets (the reader's labelled sentences are read
# only when there are labels; the findings' evidence reads the store later).
NOT_BEFORE_THE_FIRST_CHART = ("tonlage.present.pack", "tonlage.findings", "pyarrow.dataset")

_CHILD = r"""
import gc, json, sys
import streamlit as st
from streamlit.testing.v1 import AppTest

from streamlit.delta_generator import DeltaGenerator

at_chart = []
enqueue = DeltaGenerator._enqueue


def recorded(self, delta_type, *args, **kwargs):
    if delta_type == "plotly_chart" and not at_chart:
        at_chart.extend(sorted(sys.modules))
    return enqueue(self, delta_type, *args, **kwargs)


DeltaGenerator._enqueue = recorded
boxes = []
status = st.status
st.status = lambda *a, **k: (boxes.append(a), status(*a, **k))[1]  # counts progress boxes drawn
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.context["locale"] = "en-US"
at.run()
print(json.dumps({
    "exception": [str(e.value) for e in at.exception],
    "charts": len(at.get("plotly_chart")),
    "status_boxes": len(boxes),
    "modules": sorted(sys.modules),
    "modules_at_first_chart": at_chart,
    "frozen": gc.get_freeze_count(),
}))
"""


def _child(code: str, *args: str) -> dict:
    """What a fresh Python process running ``code`` printed last, as JSON."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=dict(os.environ),  # the session's private cache folder, with the analysis in it
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def _first_run() -> dict:
    return _child(_CHILD, str(ROOT / "app.py"))


def test_a_restarted_server_first_page_imports_only_what_it_shows(analysed_bundled):
    run = _first_run()
    assert run["exception"] == []
    assert run["charts"] == 3  # the Overview drew its tone timeline, themes and actors
    imported = [m for m in NOT_ON_THE_FIRST_PAGE if m in run["modules"]]
    assert imported == [], f"the Overview's first run imported {imported}"
    early = [m for m in NOT_BEFORE_THE_FIRST_CHART if m in run["modules_at_first_chart"]]
    assert run["modules_at_first_chart"] and early == [], f"imported before the first chart: {early}"
    # The analysis kept on disk opens at once: no progress box is drawn for it.
    assert run["status_boxes"] == 0
    # The app's own imports were frozen out of the garbage collector's scans.
    assert run["frozen"] > 10_000


def test_the_pages_never_load_every_sentence(app, monkeypatch):
    """The pages read the sentences they show from the analysis's sentence store; loading every
    sentence into pandas (millions of rows at 100,000 articles: 10 s of the first page there,
    when the tone check's agreement took the whole table) is for consumers that need all rows."""
    from tonlage.storage.sentence_store import SentenceStore

    loaded = []
    real = SentenceStore.to_pandas

    def counted(self):
        loaded.append(self._frame is None)  # an on-disk store read whole
        return real(self)

    monkeypatch.setattr(SentenceStore, "to_pandas", counted)
    at = app()
    assert not at.exception
    assert at.get("plotly_chart"), "the Overview drew its charts"
    assert not any(loaded), f"every sentence loaded {sum(loaded)} time(s)"
    for page in ("tone", "themes", "actors", "compare", "articles"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page
        assert not any(loaded), f"{page}: every sentence loaded"


def test_the_first_chart_is_sent_before_the_sidebar_widgets(app, monkeypatch, analysed_bundled):
    """The sidebar's controls are drawn after the page (filters.Controls): the browser gets the
    Overview's first chart before the scripts of the date picker, selectboxes and multiselects,
    which it otherwise fetched and drew first. The controls still hold the reader's filters.
    (The corpus is analysed first: while an analysis runs, its progress box comes with the
    language and corpus choices, on purpose.)"""
    from streamlit.delta_generator import DeltaGenerator

    from components import state

    sent: list[str] = []
    enqueue = DeltaGenerator._enqueue

    def recorded(self, delta_type, *args, **kwargs):
        sent.append(delta_type)
        return enqueue(self, delta_type, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "_enqueue", recorded)
    at = app()
    assert not at.exception
    first_chart = sent.index("plotly_chart")
    # The Overview's row of figures too (drawn above the chart, filled after it).
    for widget in ("radio", "selectbox", "date_input", "multiselect", "metric"):
        assert sent.index(widget) > first_chart, f"{widget} sent before the first chart: {sent[:first_chart]}"
    # In their usual place and with their values: the sidebar's first widget is the language.
    assert at.sidebar.radio[0].key == state.LANG
    assert [m.label for m in at.metric][:2] == ["Articles", "Period"]
    assert at.multiselect(key=state.GENRES).value == []


def test_controls_say_when_a_widget_differs_from_the_value_the_view_used(monkeypatch):
    """filters.Controls predicts each widget's value from session state (else its default);
    a widget drawn with another value sets ``changed`` (app.py then reruns once)."""
    import streamlit as st

    from components.filters import Controls

    class Box:
        def __init__(self, values):
            self.values = values

        def multiselect(self, *args, key, **kwargs):
            return self.values.get(key, [])

        def toggle(self, *args, key, **kwargs):
            return self.values.get(key, kwargs.get("value", False))

        def caption(self, *args, **kwargs):
            return None

    monkeypatch.setattr(st, "session_state", {"g": ["news report"]})
    same = Controls(Box({"g": ["news report"]}))
    assert same.multiselect("Kind", options=["news report", "commentary"], key="g") == ["news report"]
    assert same.toggle("Once", key="once", value=True) is True  # not in session state: the default
    same.caption("3 of 5")
    same.draw()
    assert not same.changed
    other = Controls(Box({"g": ["commentary"]}))
    other.multiselect("Kind", options=["news report", "commentary"], key="g")
    other.draw()
    assert other.changed


_TONE_CHILD = r"""
import json, sys
from streamlit.testing.v1 import AppTest

at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.context["locale"] = "en-US"
at.run()
at.switch_page("app_pages/tone.py").run()
print(json.dumps({"exception": [str(e.value) for e in at.exception], "modules": sorted(sys.modules)}))
"""


def test_the_tone_page_first_visit_loads_no_lemmatiser(analysed_bundled):
    """The Tone page's correction box is built only while open: its panel reads each word's
    lemma, and the lemmatiser's first use loads its German dictionary (1.5 s of a fresh
    server's first Tone page)."""
    run = _child(_TONE_CHILD, str(ROOT / "app.py"))
    assert run["exception"] == []
    assert "simplemma" not in run["modules"]


# Where the libraries and the app's own modules live: what the server's early loading is for
# (components/server.py); the rest of what a run imports is Streamlit's or small.
_LOADED_AHEAD = (
    *("components", "tonlage", "numpy", "pandas", "pyarrow", "plotly", "PIL"),
    *("babel", "pytz", "diskcache", "platformdirs"),
)

_LOAD_CHILD = r"""
import json, sys
from components import server
loaded = server.load_first_page()
print(json.dumps({"loaded": loaded, "modules": sorted(sys.modules)}))
"""


# Loaded by the libraries themselves on first use, each a class or two (about 20 ms in all):
# Plotly's figure parts, Pillow's image formats, pandas' conversions.
_LAZY = ("plotly.graph_objs.", "PIL.", "pandas.core.methods.")


def _ours(modules) -> set[str]:
    return {m for m in modules if m.split(".")[0] in _LOADED_AHEAD and not m.startswith(_LAZY)}


def test_the_server_loads_ahead_what_the_first_page_imports(analysed_bundled):
    """`python -m components.server` (make run) imports components.server.FIRST_PAGE while a fresh
    server waits for its first reader. That list must cover what the Overview's first run
    imports (else the reader waits for the rest), and must not load the analysis."""
    ahead = _child(_LOAD_CHILD)
    from components.server import FIRST_PAGE

    assert ahead["loaded"] == list(FIRST_PAGE)  # each of them imported
    missing = sorted(_ours(_first_run()["modules"]) - set(ahead["modules"]))
    assert missing == [], f"the first page imports modules the server does not load ahead: {missing}"
    analysis = [m for m in NOT_ON_THE_FIRST_PAGE if m in ahead["modules"]]
    assert analysis == [], f"loaded ahead but not on the first page: {analysis}"


_SERVED_CHILD = r"""
import json, runpy, sys
from streamlit.web import cli

seen = {}


def first_run(args, prog_name):  # what app.py does on the server's first run
    from components import server

    seen["same_module"] = server is sys.modules["__main__"]
    server.claim_imports()
    seen["claimed"] = sys.modules["__main__"]._LOADER._stop.is_set()


cli.main = first_run
sys.argv = ["components.server", "--server.headless", "true"]
runpy.run_module("components.server", run_name="__main__", alter_sys=True)
print(json.dumps(seen))
"""


def test_the_served_apps_first_run_claims_the_loader_the_server_started():
    """Run as `python -m components.server`, the module is __main__; app.py's
    ``from components import server`` must reach the same loader, or claim_imports() claimed a
    second copy's loader that never started and the two threads imported at once."""
    assert _child(_SERVED_CHILD) == {"same_module": True, "claimed": True}


def test_the_early_loading_stops_when_the_first_run_claims_the_imports(monkeypatch):
    """claim_imports() returns at once when nothing loads; once claimed, the loader imports
    nothing more, so two threads never import at once. A module that fails to import is left
    to the page (which shows the error) and the others still load."""
    import gc

    from components import server

    server.claim_imports()  # nothing started in this process: returns at once

    loader = server._Loader()
    gc_enabled = gc.isenabled()
    loader.load(["json", "tonlage_no_such_module", "csv"])
    assert loader.loaded == ["json", "csv"]
    assert gc.isenabled() == gc_enabled  # the collector is left as it was

    then: list[str] = []
    claimed = server._Loader()
    claimed.claim()
    thread = claimed.start(["json"], then=lambda: then.append("ran"))
    thread.join(10)
    assert not thread.is_alive() and claimed.loaded == [] and then == []

    unclaimed = server._Loader()
    unclaimed.start(["json"], then=lambda: then.append("ran")).join(10)
    assert unclaimed.loaded == ["json"] and then == ["ran"]  # after the imports, unless claimed


def test_the_servers_first_figure_has_the_parts_of_the_apps_charts():
    """The figure a fresh server makes before its first reader (charts.base.warm_up) goes
    through the builders' path and has their kinds of parts, so Plotly's first use is spent."""
    from tonlage.present.charts.base import warm_up

    spec = warm_up()
    assert [t["type"] for t in spec["data"]] == ["scatter", "bar"]
    assert spec["layout"]["shapes"][0]["line"]["dash"] == "dash"
    assert spec["layout"]["annotations"][0]["text"] == "event"
    assert spec["layout"]["separators"] == ".,"  # made as every figure, with the language's signs
    import plotly.io as pio

    assert pio.to_json(warm_up()) == pio.to_json(spec)  # the same each time: nothing kept between calls
