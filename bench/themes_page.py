"""The Themes page's first visit: the app opened (AppTest, a fresh process each time), then the
Themes page asked for; prints the seconds of that first run of the page (its tables and figures
uncached, the corpus and its index already loaded by the Overview), median of ``--repeat``
fresh processes, and the machine's load.

With ``--base DIR`` (another checkout of the app, e.g. main) the two trees are alternated, run
for run, so a busy moment of the shared machine hits both. The corpus is the environment's:
``TONLAGE_DATA_DIR`` / ``TONLAGE_CACHE_DIR`` and ``--corpus NAME`` (a workspace opened with
``/?corpus=NAME``), or the bundled corpus without ``--corpus``.

    TONLAGE_DATA_DIR=... TONLAGE_CACHE_DIR=... python -m bench.themes_page --corpus scale-bench \\
        --base /tmp/main-checkout [--repeat 5] [--lang de]

Measured 2026-12-01, branch i13-themes (after merging main at 5f51cf5) against main at 5f51cf5,
the 101,000-article workspace of bench.scale (25 themes), alternated, on the shared 2-core
machine under load 3.2-3.7 (other helpers' jobs; main's first visit there took 3.4-4.1 s, on a
quiet machine 2.6 s): median of 6, main 3.67 s (3.55-4.08) -> branch 0.97 s (0.77-1.24); an earlier
run of 5 (load 3.2-3.5): 3.53 -> 1.02 s. Rerun of the page 0.12 -> 0.08 s; the open the same
(1.82 / 1.85 s). Bundled corpus (5 articles, per-article points), 6 alternated: 0.06 / 0.06 s.
After merging main at ea53b29 (both trees), 5 alternated, load 3.0-3.2: main 2.52 s (2.34-2.65)
-> branch 0.73 s (0.52-1.02); rerun 0.11 -> 0.05 s; the open 1.37 / 1.52 s (the branch's opens
were a little slower in most of these runs, 0.03-0.3 s; nothing of it runs on the Overview and a
profile of the open's script shows the same calls: to check on a quiet machine). Through a real
server (bench.load.server and its websocket reader, open then Themes; load 4.2-4.7, 7 runs each,
main at 5f51cf5): main 2.9-4.3 s (median 4.0) -> branch 0.8-1.6 s (median 1.1).
Where the 2.6 s went (cProfile): the time chart filtered and sorted 2.5 million rows per theme
(1.5 s), theme_points sorted its finished frame with its text columns (0.9 s), and the page took
every row's title and labels for a data table of 2.5 million rows rebuilt on every run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, sys, time
from streamlit.testing.v1 import AppTest
import tonlage
app, corpus, lang = sys.argv[1], sys.argv[2], sys.argv[3]
at = AppTest.from_file(app, default_timeout=900)
at.context["locale"] = lang
if corpus:
    at.query_params["corpus"] = corpus
t = time.perf_counter(); at.run(); opened = time.perf_counter() - t
t = time.perf_counter(); at.switch_page("app_pages/themes.py").run(); first = time.perf_counter() - t
t = time.perf_counter(); at.run(); again = time.perf_counter() - t
errors = [str(e.value)[:200] for e in at.exception]
print(json.dumps({"open": opened, "themes": first, "rerun": again, "errors": errors, "engine": tonlage.__file__}))
"""


def _compile(tree: Path) -> None:
    """What ``make run`` does: a tree never compiled (PYTHONDONTWRITEBYTECODE) is compiled
    again by every fresh process."""
    import compileall

    for part in ("app.py", "components", "app_pages", "tonlage"):
        path = tree / part
        (compileall.compile_file if path.is_file() else compileall.compile_dir)(str(path), quiet=1)


def run_once(tree: Path, corpus: str, lang: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)  # the tree's own engine before the installed one
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree / "app.py"), corpus, lang],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    res = json.loads(out.stdout.strip().splitlines()[-1])
    if not res["engine"].startswith(str(tree)):
        raise SystemExit(f"{tree}: the engine came from {res['engine']}")
    return res


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default="", help="workspace name (default: the bundled corpus)")
    p.add_argument("--base", type=Path, help="another checkout to alternate with (e.g. main)")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--lang", default="en-US")
    args = p.parse_args(argv)
    trees = {"this": ROOT} | ({"base": args.base.resolve()} if args.base else {})
    for tree in trees.values():
        _compile(tree)
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    print(f"corpus {args.corpus or '(bundled)'}, {args.repeat} fresh processes per tree, alternated")
    for i in range(args.repeat):
        for name, tree in trees.items() if i % 2 == 0 else reversed(trees.items()):
            load = _load()
            t0 = time.perf_counter()
            res = run_once(tree, args.corpus, args.lang)
            runs[name].append(res)
            print(
                f"  {name:4s} run {i + 1}: open {res['open']:.2f} s, Themes first visit {res['themes']:.2f} s, "
                f"rerun {res['rerun']:.2f} s (load {load}; process {time.perf_counter() - t0:.1f} s)"
                + (f" ERRORS {res['errors']}" if res["errors"] else "")
            )
    for name, rs in runs.items():
        med = {k: statistics.median(r[k] for r in rs) for k in ("open", "themes", "rerun")}
        print(
            f"{name:4s} median: open {med['open']:.2f} s, Themes first visit {med['themes']:.2f} s "
            f"(min {min(r['themes'] for r in rs):.2f}, max {max(r['themes'] for r in rs):.2f}), rerun {med['rerun']:.2f} s"
        )
    print(f"load after: {_load()}")


if __name__ == "__main__":
    main()
