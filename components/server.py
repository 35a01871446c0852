"""The app's server: ``python -m components.server [streamlit options]`` runs ``streamlit run
app.py`` and, while the fresh server waits for its first reader, imports the modules the first
page needs.

A reader's browser spends about a second loading Streamlit's own page before it asks the server
for a run; the first run of a fresh server then spent 0.3-0.6 s importing pandas, NumPy, Arrow,
Plotly and the app's modules before it could send the first chart (bench/app_latency.py). Here
that happens in the second the server would otherwise wait. ``streamlit run app.py`` still works
as before, without this head start.

Imports never run in two threads at once: the first run of ``app.py`` calls :func:`claim_imports`,
which stops the loading after the module it is importing and waits for it. (Plotly builds its
graph objects' modules lazily on first use, and Streamlit sets up Plotly's theme when it is
imported: neither is safe while another thread imports them. So Streamlit itself is imported
whole, here, before the loading starts.)
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import streamlit  # noqa: F401  (whole, in the main thread: see above)

__all__ = ["FIRST_PAGE", "claim_imports", "load_first_page", "main"]

log = logging.getLogger(__name__)

APP = Path(__file__).resolve().parents[1] / "app.py"

# What the Overview's first run imports, in the order it needs them: the libraries Streamlit and
# the app import lazily, then the app's modules (they bring the engine's parts the page reads).
# Not the analysis (scikit-learn, the lemmatiser, the tone scorer): a corpus analysed on disk
# does not need it. tests/app/test_first_page.py checks the list against a real first run.
FIRST_PAGE: tuple[str, ...] = (
    "numpy",
    "threadpoolctl",  # app.py sets BLAS to one thread on its first run
    "pandas",
    "pyarrow",
    "pyarrow.pandas_compat",
    "plotly.graph_objects",
    "plotly.io",
    "plotly.io._json",
    "plotly.tools",
    "plotly.offline",
    "plotly.animation",
    "PIL.Image",
    "PIL.PngImagePlugin",
    # Dates and numbers as a language writes them (a hover's corrected date, the period label).
    # babel.dates finds the machine's time zone when imported (pytz lists every zone): ~40 ms.
    "babel.dates",
    "babel.numbers",
    # The analysis kept on disk (tonlage.storage.store's cache) and where it is kept.
    "diskcache",
    "platformdirs",
    # The pages' icons are checked against Streamlit's list of icon names.
    "streamlit.material_icon_names",
    "components.state",
    "components.i18n",
    "components.share",
    "components.filters",
    "components.cached",
    "components.ui",
    "components.findings_view",
    "components.pins",
    "components.progress",
    "tonlage.present.charts",
    "tonlage.present.views",
    "tonlage.present.pack",
    "tonlage.report.images",
    "tonlage.report.deck",
    "tonlage.findings",
    # A corpus's index asks for its word index (made in the background when the corpus is large).
    "tonlage.search.word_index",
    # Student's t quantile for the findings' intervals (an actor's highest or lowest tone against
    # the runner-up, a theme's change): 0.09 s, needed by the Overview's first run.
    "scipy.special",
    "tonlage.review",
    "tonlage.storage.workspace",
    "tonlage.analysis.jobs",
    "tonlage.events",
    "tonlage.period",
    "tonlage.analysis.runtime",
    "pyarrow.dataset",  # the findings' evidence, read from the sentence store
)

# How long the first run waits for the module being imported (a stuck import must not hold the
# page for good: the run then imports on its own, under Python's import locks).
_CLAIM_TIMEOUT_S = 30.0


class _Loader:
    """Imports a list of modules in a thread of its own, then runs ``then``, until done or
    claimed."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._idle.set()  # never started: nothing to wait for
        self.loaded: list[str] = []

    def start(self, names: Sequence[str], then: Callable[[], object] | None = None) -> threading.Thread:
        self._idle.clear()
        thread = threading.Thread(target=self.load, args=(names, then), name="tonlage-first-page", daemon=True)
        thread.start()
        return thread

    def load(self, names: Sequence[str], then: Callable[[], object] | None = None) -> None:
        # As app.py does for its own first imports: the garbage collector paused while most of
        # the objects the process will ever hold are made, and those left out of its scans.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for name in names:
                if self._stop.is_set():
                    break
                try:
                    importlib.import_module(name)
                except Exception:  # the page imports it again and shows what is wrong
                    log.warning("could not load %s ahead of the first page", name, exc_info=True)
                else:
                    self.loaded.append(name)
            if then is not None and not self._stop.is_set():
                then()
        except Exception:  # a failed warm-up costs the reader time, nothing else
            log.warning("could not prepare the first page ahead of its reader", exc_info=True)
        finally:
            gc.freeze()
            if was_enabled:
                gc.enable()
            self._idle.set()

    def claim(self, timeout: float = _CLAIM_TIMEOUT_S) -> None:
        self._stop.set()
        if not self._idle.wait(timeout):
            log.warning("the first page's modules were still loading after %.0f s", timeout)


_LOADER = _Loader()


def claim_imports() -> None:
    """Stop loading ahead (after the module being imported) and wait for it: from here on the
    caller imports alone. Returns at once when nothing is loading (``streamlit run app.py``,
    AppTest, every run after the first)."""
    _LOADER.claim()


def _first_figure() -> None:
    """Plotly makes its classes and value checks on a figure's first use in a process, Babel
    reads a language's data on its first date and Pillow its formats on its first image: a small
    figure of the app's kind, a date in each language and Pillow's formats made here, not for
    the reader's first chart."""
    from datetime import date

    from PIL import Image

    from tonlage.i18n import translator
    from tonlage.present.charts.base import warm_up

    warm_up()
    # The app's icon: Streamlit opens it with Pillow on every run, and Pillow's first open
    # imports its image formats.
    Image.preinit()
    for lang in ("en", "de"):  # each language's date names, read from Babel's data on first use
        translator(lang).dated(date(2025, 2, 1), "month")


def load_first_page() -> list[str]:
    """Import :data:`FIRST_PAGE` and make a first figure in this thread (what the server's thread
    does); returns the modules imported. For tests and tools."""
    loader = _Loader()
    loader.load(FIRST_PAGE, then=_first_figure)
    return loader.loaded


def main(argv: Sequence[str] = ()) -> None:
    """``streamlit run app.py`` with ``argv`` as its options, the first page's modules loading
    while the server starts and waits for its first reader."""
    from streamlit.web import cli

    _LOADER.start(FIRST_PAGE, then=_first_figure)
    cli.main(args=["run", str(APP), *argv], prog_name="streamlit")


if __name__ == "__main__":
    # app.py calls claim_imports() through `from components import server`: run as a script
    # this module is __main__, and that import would load a second copy whose loader never
    # started, so the first run did not stop this one's loading and both imported at once.
    sys.modules.setdefault(f"{__package__}.server", sys.modules[__name__])
    main(sys.argv[1:])
