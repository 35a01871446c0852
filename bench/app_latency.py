"""App latency on the bundled corpus: cold start to first chart, and reruns after a filter change.

1. Cold start: a fresh `streamlit run` and headless chromium; prints seconds from launching the
   server to the first plotly chart drawn in the page. Twice: with an empty analysis cache
   (first ever start) and again with the analysis kept on disk (a restarted server).
2. Reruns: AppTest runs the app script in this process, as the server would; after a warm-up,
   the genre filter is changed back and forth and each rerun's server time is recorded.

Targets (issue #2): first chart < 5 s cold; reruns after a filter change < 300 ms server time.
Issue 13: first chart within 1.3x of a one-chart hello-world app measured in the same run (the two
are alternated, median of ``--repeat``); reruns after a filter change < 150 ms server time.

    python -m bench.app_latency [--reruns 20] [--repeat 3]

Measured 2026-12-01: main before i13-filter, quiet machine: 1.39x. Branch i13-filter (the REPL
check Streamlit makes at the first element skipped under ``streamlit run``: 0.08-0.1 s of
``inspect.stack()`` over every loaded module; the meeting-pack code no longer imported before the
first chart; the first view's tables from the view index) against main at 8a639f6, alternated on
the shared machine under load 4-8, where the hello-world app itself took 1.7-2.6 s instead of
about 1 s: with ``--repeat 5`` (load ~4, after main's 84b2d10) hello-world 2.05 / Tonlage 3.36 s,
1.64x -> hello-world 1.91 / Tonlage 2.63 s, 1.38x; three earlier pairs with ``--repeat 3`` (load
5-8) 1.44/2.12/1.89 -> 1.54/1.52/1.53. Not yet measured on a quiet machine, so whether 1.3x is
met there is open. The script's own time to the first chart (AppTest in a fresh process, analysis on disk,
median of 6 alternated runs) fell 0.57 -> 0.40 s; what remains before the first paint is mostly
importing pandas (0.23-0.45 s, the hello-world app needs none), reading the English catalogue
(0.05 s: tonlage.i18n parses the .po), the reader-edit pass over the corpus (0.04-0.07 s:
tonlage.review, even with no edits) and building the timeline figure (0.04 s).

After both branches and the English catalogue left unread (main at 6c8fe83), quiet machine (load
~1), ``--repeat 5``: hello-world 1.97 s, Tonlage 2.67 s, 1.35x (target 1.3x: missed by ~0.1 s).

2026-12-01, a slower machine (1.7-2.2x), ``--repeat 5`` alternated in one hour: main at d65ca62
(issue 13's sixth stop, 1.27x on its machine) 1.46x (hello-world 2.35 s, Tonlage 3.43 s); main at
99496dd 1.36x and 1.36x (2.48 / 3.39 s, 2.54 / 3.45 s); rerun after a filter median 57 ms, p95
101 ms.

Branch app (main at b651787), 2026-12-01, ``--repeat 5``, main and the branch alternated twice
under load 2.5-5.4 (other helpers' jobs; the hello-world app itself took 2.95-3.28 s instead of
~2.4): main 1.80x and 2.12x (Tonlage 5.30 / 6.96 s), branch 1.64x and 1.65x (5.08 / 4.91 s):
the 1.3x target is not met at this load. The branch sends no chart's data table before the first
chart (the timeline's table was built before its chart was sent) and keeps figures' specs;
reruns after a filter (AppTest) median 60 / 83 ms -> 31 / 46 ms, p95 144 / 185 -> 113 / 123 ms.

Issue 13's eighth stop, main at 8a3a25a (branches app and engine2 merged), quiet machine,
``--repeat 5``: hello-world 2.86 s, Tonlage 3.90 s, 1.36x (target 1.3x: still missed); rerun
after a filter median 52 ms, p95 190 ms (20 runs in-process).

Branch i13-first (main at 03c0b70): the sidebar's controls drawn after the page (their values
known from session state; the browser fetched and drew some 40 widget scripts before the chart
script), the Overview's row of figures filled after the timeline, no pyarrow.dataset import for
the reader's labels when there are none. Where the time went before (browser timeline, load ~5):
the chart's message left the server ~0.6-0.8 s after the script started (imports ~0.5 s of it
under load; 0.2 s on a quiet machine, mostly pandas and numpy), and the browser drew the chart
1.2-1.6 s after receiving it (hello-world: 0.9 s), loading the widgets' scripts meanwhile.
Shared machine, hello-world / main / branch alternated in one run, median of 7 each: load
4.4-6: hello-world 2.55 s, main 3.54 s (1.39x), branch 3.36 s (1.32x); load 6.6-7.5 (before the
figures' row moved): 1.49x / 1.46x; load 6-8.4 (the whole branch): 2.53 / 3.85 / 3.80 s, 1.52x /
1.50x. This bench, ``--repeat 5``, one run each (load 5 / 5-9): branch 1.38x, main 1.58x. So in
the browser the gain is small and within the noise of the loaded machine; the server's part
is clearer: script time to the first chart (AppTest, fresh process, analysis on disk, 7
alternated runs, load ~6) median 0.52 -> 0.36 s. Not measured on a quiet machine. What remains
before the first chart is mostly importing pandas and numpy (the analysis on disk is pickled
pandas tables; 0.2 s quiet, 0.5 s under load in a real server), the analysis load (~0.04 s)
and the timeline's figure (~0.03 s); in the browser, evaluating the 4.7 MB chart script.

Branch app3 (main at 718eb52), 2026-12-01: whole numbers, decimals and the charts' separators
are written with English and German CLDR symbols instead of by Babel (the same text; tests compare
them). The first number Babel formats in a process reads its locale data, with the babel.numbers
import 0.05-0.1 s, and a fresh server's first page did so before the first chart (the sidebar's
"Automatic (n)" and the quality toggle's figures, the timeline's separators); Babel is now first
read after the chart is sent (the Overview's period label). Script start to first chart (AppTest,
fresh process, analysis on disk, main and branch alternated): load ~4.4, 4 pairs, main 1.14 /
1.37 / 1.31 / 1.31 s, branch 1.08 / 1.27 / 0.95 / 1.17 s; load ~5, 3 pairs, main 0.65 / 0.76 /
0.62 s, branch 0.65 / 0.55 / 0.60 s. What the script still does before the chart: importing
pandas (with pyarrow.compute; about half of it), numpy, components.cached and tonlage.review, the
analysis load, the sidebar's work and the timeline's figure; six elements are sent before the
chart (two headings, two empty placeholders, two texts; the columns as blocks). In the
browser nothing measurable at this load: this bench with ``--repeat 3`` at load 3.9-7.2 (other
helpers' jobs), main and branch alternated three times: main 1.72x, 1.54x, 1.93x (Tonlage 5.46 /
5.62 / 6.85 s), branch 1.84x, 1.96x, 2.03x (6.71 / 7.10 / 6.37 s), hello-world itself 3.1-3.7 s
instead of 2.9: the 1.3x target is not met and the pairs are within the noise of the host.

Issue 13's ninth stop, main at 798d653 (app3 merged), 2026-12-01, quiet machine, ``--repeat 5``:
hello-world 2.58 s, Tonlage 3.65 s, 1.41x (the last stop 1.36x): not met; rerun after a filter
median 32 ms, p95 92 ms over 20 in-process runs.

Issue 13's tenth stop, main at f1f6cb8 (the app served by components/server.py, which imports
the first page's modules and makes one small figure while the fresh server waits for its first
reader), 2026-12-01, quiet machine, three runs in a row, ``--plain`` alternating the same app
under plain ``streamlit run app.py``: ``--repeat 5 --plain`` hello-world 2.78 s, Tonlage 3.61 s,
1.30x (1.299), plain 4.49 s, 1.61x; ``--repeat 5`` 2.96 / 4.29 s, 1.45x; ``--repeat 7 --plain``
2.67 / 3.48 s, 1.30x (1.303), plain 4.39 s, 1.64x. The head start is clear (plain slower in 10 of
12 pairs, by 0.9 s at the median); the 1.3x target is met in one run of three, by a hair, and
missed in the others. Server side (one fresh server each, first run, load ~6-7): the first chart
sent 0.85 s after the script started under plain ``streamlit run``, 0.32-0.42 s with the head
start. Under load 6-7 (helpers' jobs) the gap was larger: plain 7.80 s, served 5.48 s, hello-world
3.65 s.

Issue 13's eleventh stop, main at 226a3b5, 2026-12-02, quiet machine, two runs of ``--repeat 5
--plain``: hello-world 2.43 / 2.58 s, Tonlage 3.11 / 3.24 s, 1.28x / 1.26x (target 1.3x: met in
both, the last stop 1.30-1.45x over three runs); plain ``streamlit run app.py`` 3.43 / 3.68 s,
1.41x / 1.43x. Rerun after a genre filter in-process: median 41 ms, p95 127 ms.

Issue 13's twelfth stop, 2026-12-02, quiet machine, ``--repeat 5 --plain``: at 8372615 (the Overview's
figures already in a wrapping row, its two lower charts still side by side) 2.77 / 3.53 s, 1.28x;
at c072028 (the charts stacked) two runs 2.61 / 3.41 s, 1.31x and 2.86 / 3.52 s, 1.23x (plain 1.40x, 1.58x).
Tonlage's own time 3.41-3.53 s in all three: the ratio moves with the hello-world arm, and sits
at the 1.3x line. Rerun after a genre filter in-process: median 34-52 ms, p95 109-118 ms.
Issue 13's thirteenth stop, 2026-12-02, a slower machine (file system calls slow on a cold
first run: 167 stat calls took 0.13 s of one), ``--repeat 5``: main 1.64x (3.08 / 5.05 s) and
1.50x (3.06 / 4.59 s) before this stop's changes to the server; 633dbba 1.60x, and c072028 (the
last stop's 1.23-1.31x) 1.40x (3.02 / 4.22 s) within the same hour. After them (the first run
claims the loader the server started; Babel, diskcache, platformdirs, Streamlit's icon names and
Pillow's formats loaded ahead), alternated with 633dbba: main 1.24x (2.77 / 3.45 s) and 1.56x
(2.80 / 4.37 s), 633dbba 1.48x (2.70 / 3.99 s) and 1.33x (2.83 / 3.76 s): NOT met today, and the
pairs are within the swing of the host. The server's part is clearer: a fresh served app's first
run sent its first chart 380-520 ms after it started before, 323-384 ms after (5 fresh servers
each).

Issue 13's fourteenth stop, 2026-12-02, ``--repeat 5``, quiet machine: this stop's main (the
choices kept with persist_state; for a German reader a style with Streamlit's own words, drawn
after the page) 1.33x (2.51 / 3.35 s) and 1.18x (2.40 / 2.84 s); its start c6b8355 1.23x (2.38 /
2.93 s) between them. Rerun after a filter median 26-28 ms, p95 77-81 ms (c6b8355 27 / 84 ms).

Issue 13's fifteenth stop, 2026-12-02, main at 58bcc86, ``--repeat 5``, quiet machine: hello-world
2.23 s, Tonlage 2.71 s, 1.21x (met); rerun after a filter median 25 ms, p95 71 ms.

Issue 13's twenty-sixth stop, 2026-12-04, main at 2aca40f, quiet machine, ``--repeat 5``:
hello-world 2.58 s, Tonlage 3.10 s, 1.20x (met); rerun after a genre filter in-process median
25 ms, p95 66 ms.

Issue 13's fifty-first stop, 2026-12-05, main at d432906, ``--repeat 5``: hello-world 2.13 s,
Tonlage 2.50 s, 1.17x (met); rerun after a genre filter in-process median 21 ms, p95 57 ms.

Issue 13's forty-fourth stop, 2026-12-04, ``--repeat 5``, this main (the findings' intervals,
scipy.special loaded last by the server) and the last stop's (0259aaf) alternated twice: 1.20x
and 1.19x (hello-world 2.37 / 2.40 s, Tonlage 2.85 / 2.86 s) against 1.22x and 1.23x (2.36 /
2.31 s, 2.88 / 2.84 s); a first run before them, alone, 1.43x (hello-world 2.35 s, Tonlage
3.37 s: the host warming up).

Issue 13's fifty-seventh stop, 2026-12-05, main at 4e589f0 (the outlets: a filter, charts and a
finding, none of them on the bundled corpus, which names no outlet), quiet machine, ``--repeat
3``: hello-world 2.28 s, Tonlage 2.89 s, 1.27x (met); first ever cold start 4.96 s after the
browser asked; rerun after a genre filter in-process median 27 ms, p95 73 ms.

Issue 13's seventy-second stop, 2026-12-06, main at 67638c4, quiet machine, ``--repeat 5``:
hello-world 2.29 s, Tonlage 2.86 s, 1.25x (met); rerun after a genre filter in-process median
27 ms, p95 58 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from tests.serve import CHROMIUM, CHROMIUM_ARGS, IDLE, running_app  # noqa: E402

# The floor: what this machine's headless chromium needs to draw any Streamlit page with a chart.
HELLO_APP = """import plotly.graph_objects as go
import streamlit as st
st.metric("x", 1)
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])), key="c")
"""


def cold_start(label: str, env: dict, script: str = "app.py", plain: bool = False) -> float:
    """Seconds from the browser asking for the page to the first plotly chart drawn in it.
    The app is served as `make run` serves it (components/server.py), or with ``plain``
    `streamlit run app.py` (no modules loaded ahead of the first reader)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        with running_app(Path(tmp) / "streamlit.log", env=env, script=script, plain=plain) as url:
            t_healthy = time.perf_counter() - t0
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                t1 = time.perf_counter()
                page.goto(url)
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
                t_chart = time.perf_counter()
                page.wait_for_selector(IDLE, timeout=60_000)
                t_done = time.perf_counter()
                browser.close()
    print(
        f"{label}: server healthy after {t_healthy:.2f} s; first chart drawn {t_chart - t0:.2f} s "
        f"after launch ({t_chart - t1:.2f} s after the browser asked); page complete "
        f"{t_done - t0:.2f} s",
        flush=True,
    )
    return t_chart - t1


def cold_starts(repeat: int, plain: bool = False) -> None:
    """The hello-world app and ours, alternated ``repeat`` times in the same run (the machine is
    shared), each a fresh server and browser; the ratio of the medians is the figure of issue 13
    (target: first chart within 1.3x of the hello-world app)."""
    if not CHROMIUM.exists():
        print("cold start: skipped (no /usr/bin/chromium; apt-get install chromium)")
        return
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "TONLAGE_CACHE_DIR": cache}
        hello = Path(cache) / "hello_app.py"
        hello.write_text(HELLO_APP, encoding="utf-8")
        cold_start("cold start, first ever (nothing on disk)", env)
        floor, ours, bare = [], [], []
        for i in range(repeat):
            floor.append(cold_start(f"[{i + 1}] floor: a one-chart hello-world Streamlit app", env, script=str(hello)))
            ours.append(cold_start(f"[{i + 1}] server restarted (analysis on disk, as after make run)", env))
            if plain:
                bare.append(cold_start(f"[{i + 1}] the same with plain `streamlit run app.py`", env, plain=True))
        f, o = statistics.median(floor), statistics.median(ours)
        print(
            f"first chart after the browser asked, median of {repeat}: hello-world {f:.2f} s, Tonlage {o:.2f} s, "
            f"ratio {o / f:.2f}  (target <= 1.3)"
        )
        if bare:
            b = statistics.median(bare)
            print(f"  plain `streamlit run app.py` (nothing loaded ahead): {b:.2f} s, ratio {b / f:.2f}")


def reruns(n: int) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from components import state

    os.environ["TONLAGE_CACHE_DIR"] = tempfile.mkdtemp()  # in-process run: analyse afresh
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.context["locale"] = "en-US"
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    assert not at.exception, at.exception
    genre = at.multiselect(key=state.GENRES)
    choices = [["commentary"], ["news report"], []]
    times = []
    for i in range(n):
        genre.set_value(choices[i % len(choices)])
        t0 = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t0) * 1000)
        genre = at.multiselect(key=state.GENRES)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(f"first run in-process (cold analysis): {first:.2f} s")
    print(
        f"rerun after a genre filter change, server time over {n} runs: median {statistics.median(times):.0f} ms, "
        f"p95 {p95:.0f} ms, max {times[-1]:.0f} ms  (target < 300 ms; issue 13: < 150 ms)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reruns", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3, help="alternated cold starts of each app")
    ap.add_argument(
        "--plain", action="store_true", help="also alternate the app served by plain `streamlit run app.py`"
    )
    args = ap.parse_args()
    # As `make run` does: with PYTHONDONTWRITEBYTECODE set (it is on the CI machines), a tree
    # never compiled has every fresh server compile the app's modules again (~0.06 s).
    import compileall

    for part in ("app.py", "components", "app_pages", "tonlage"):
        path = ROOT / part
        (compileall.compile_file if path.is_file() else compileall.compile_dir)(str(path), quiet=1)
    cold_starts(args.repeat, plain=args.plain)
    reruns(args.reruns)


if __name__ == "__main__":
    main()
