"""Adding articles to a large workspace: the incremental analysis against a full one.

A workspace of ``--n`` generated articles (real, varied sentences of the shared gnad set
``../shared/eval/gnad-dev``, stitched by :func:`bench.load.write_articles`, seeded: every run
builds the same corpus; the text lives in a temporary folder only) is ingested and analysed;
then ``--add`` more generated articles are ingested and the workspace analysed again.

Printed: the full analysis (from scratch, as before issue 13), the first analysis of the
workspace (everything analysed, results stored), the analysis after the add (only the new
articles analysed, themes kept), its ratio to the full analysis, a refit of the themes on
request, and the peak resident memory of this process and of its worker processes.
Target (issue 13): the add costs at most 5 % of a full analysis (asked for 1,000 into 100,000).

    python -m bench.incremental --n 10000 --add 1000 [--no-fresh]

Measured 2026-11-30 on the shared 2-core machine (other helpers' tests running, so absolute
seconds are noisy; same run, same load for each pair):
  10,000 + 1,000: full 55.6 s (31 s on a quieter run), after the add 14.7 s = 26.5 % (quieter: 9.9 s
      = 32 % of 30.9 s); per-article stage 9.7 s (1,000 parsed + 10,000 read back), duplicates
      1.6 s, tables 1.3 s, themes kept 1.1 s; refit on request 11.1 s; peak RSS 0.9 GB.
  100,000 + 1,000 (--no-fresh: the first analysis is the full one): full 857 s, after the add
      110 s = 12.8 %: per-article stage 34.6 s (100,000 read back: ~9 s), duplicates 28.7 s,
      tables 27.1 s, load 9.3 s, themes kept 4.7 s; refit on request 131 s; peak RSS 6.1 GB.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench.load import EVAL, write_articles


def _peak_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _stages(result) -> None:
    for stage, secs in result.params["timings"].items():
        print(f"      {stage:<62} {secs:7.2f} s")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles in the workspace")
    ap.add_argument("--add", type=int, default=1_000, help="articles added to it")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-fresh", action="store_true", help="skip the from-scratch analysis (saves its time)")
    ap.add_argument("--eval", type=Path, default=EVAL)
    args = ap.parse_args(argv)
    gnad = args.eval / "gnad-dev"
    if not gnad.is_dir():
        raise SystemExit(f"no {gnad}: the generated articles need the gnad sentences")
    with tempfile.TemporaryDirectory(prefix="tonlage-incr-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["TONLAGE_DATA_DIR"] = str(tmp / "data")
        os.environ["TONLAGE_CACHE_DIR"] = str(tmp / "cache")
        from tonlage.analysis.incremental import analyse_workspace, request_refit
        from tonlage.analysis.pipeline import analyse_articles
        from tonlage.ingest.run import auto_workers, ingest_paths
        from tonlage.storage.store import ANALYSIS_FORMAT
        from tonlage.storage.workspace import Workspace

        base, extra = tmp / "base", tmp / "added"
        write_articles(base, args.n + args.add, gnad, seed=args.seed)
        extra.mkdir()
        for path in sorted(base.glob("*.txt"))[args.n :]:
            shutil.move(path, extra / path.name)
        ws = Workspace("incremental-bench")
        t0 = time.perf_counter()
        ingest_paths(ws, [base], workers=auto_workers(args.n))
        print(f"workspace: {args.n:,} articles ingested in {time.perf_counter() - t0:.1f} s")

        fresh = float("nan")
        if not args.no_fresh:
            t0 = time.perf_counter()
            result = analyse_articles(ws.raw_articles(), fingerprint="fresh")
            fresh = time.perf_counter() - t0
            print(f"full analysis from scratch ({args.n:,} articles): {fresh:7.2f} s")
            _stages(result)
            del result
        t0 = time.perf_counter()
        result = analyse_workspace(ws, analysis_format=ANALYSIS_FORMAT)
        first = time.perf_counter() - t0
        print(f"first analysis of the workspace (all analysed, results stored): {first:7.2f} s")
        _stages(result)
        del result
        full = fresh if fresh == fresh else first
        print(f"workspace file: {ws.path.stat().st_size / 1e6:,.0f} MB")

        t0 = time.perf_counter()
        ingest_paths(ws, [extra], workers=auto_workers(args.add))
        print(f"add: {args.add:,} articles ingested in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        result = analyse_workspace(ws, analysis_format=ANALYSIS_FORMAT)
        incr = time.perf_counter() - t0
        note = result.params["theme_fit"]
        print(
            f"analysis after the add: {incr:7.2f} s; {result.params['articles_analysed']:,} articles analysed, "
            f"themes {'refitted (' + note['refitted'] + ')' if note['refitted'] else 'kept'}, "
            f"{note['n_added']:,} new since the fit ({note['added_share']:.1%} of the words)"
        )
        _stages(result)
        del result
        print(f"ratio incremental / full analysis: {incr / full:.1%} (target <= 5 %)")

        request_refit(ws)
        t0 = time.perf_counter()
        result = analyse_workspace(ws, analysis_format=ANALYSIS_FORMAT)
        print(f"refit of the themes on request: {time.perf_counter() - t0:7.2f} s")
        _stages(result)
        own, children = _peak_mb()
        print(f"peak RSS: this process {own:,.0f} MB, largest worker process {children:,.0f} MB")


if __name__ == "__main__":
    main()
