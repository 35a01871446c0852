"""What every chart sends to the browser on a large archive: points, figure JSON and build time.

The corpus is the synthetic one of the point-budget test (tests/charts/large_corpus.py: 60,000
articles, ~600,000 sentences, seeded). Each figure is built as its page builds it (no filter) and
timed over ``--repeat`` builds (the best, as the machine is shared); "json" is ``fig.to_json()``, what Streamlit sends.

Usage::

    python -m bench.chart_budget [--articles 60000] [--sentences 600000] [--repeat 3]

Issue 13's sixty-eighth stop, 2026-12-06: the app makes its traces and figures without Plotly's
value-by-value check (the tests check each and compare the two specs), shares a figure's hover
rows between Plotly's copies and makes each hover line plain once. The 17 charts' build times
summed (best of 5 each), main before (3f20975) and after (8c508e9) alternated twice: 625 -> 432
ms and 661 -> 461 ms; the sentence chart of 20,000 dots 224 / 280 -> 145 / 139 ms, the themes
over time 74 / 107 -> 62 / 64 ms, the actors' tone over time 104 / 128 -> 84 / 68 ms (the first
commit alone); JSON sizes unchanged.
"""

from __future__ import annotations

import argparse
import time

from tests.charts.large_corpus import app_figures, count_points, large_corpus
from tonlage.thresholds import CHART_POINT_BUDGET


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=60_000)
    ap.add_argument("--sentences", type=int, default=600_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    t = time.perf_counter()
    corpus = large_corpus(args.articles, args.sentences)
    print(f"synthetic corpus: {len(corpus.articles):,} articles, {len(corpus.sentences):,} sentences, ", end="")
    print(f"built in {time.perf_counter() - t:.1f} s; budget {CHART_POINT_BUDGET:,} points")
    makers = app_figures(corpus)
    print(f"{'chart':36} {'points':>8} {'json KiB':>9} {'build ms':>9} {'json ms':>8}  traces")
    totals = {"overview": [0, 0.0, 0.0]}
    for name, make in makers.items():
        fig, builds = None, []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fig = make()
            builds.append(time.perf_counter() - t)
        assert fig is not None
        t = time.perf_counter()
        js = fig.to_json()
        dump = time.perf_counter() - t
        points = count_points(fig)
        flag = "  OVER" if points > CHART_POINT_BUDGET else ""
        kinds = ",".join(sorted({tr.type for tr in fig.data}))
        build = min(builds)
        print(f"{name:36} {points:8,} {len(js) / 1024:9.1f} {build * 1000:9.0f} {dump * 1000:8.0f}  {kinds}{flag}")
        if name.startswith("overview/"):
            totals["overview"][0] += len(js)
            totals["overview"][1] += build
            totals["overview"][2] += dump
    size, build, dump = totals["overview"]
    print(
        f"Overview's three figures: {size / 1024:.1f} KiB JSON, build {build * 1000:.0f} ms, JSON {dump * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
