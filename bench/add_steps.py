"""Where a workspace's re-analysis spends its time, step by step, when nothing is new: the steps
that run over the whole corpus at every add (issue 13: an add of 1,000 to 100,000 articles
should cost ~5 % of a full analysis). Each step's CPU time (process time: the machine is shared,
and wall time there says more about the neighbours than about the code), over ``--runs`` runs.

    TONLAGE_DATA_DIR=... TONLAGE_CACHE_DIR=... python -m bench.add_steps WORKSPACE [--runs N]

Run it on a copy of an analysed workspace: the analysis keeps what it finds (as an add would),
and nothing else. Alternate it with the tree compared against (``PYTHONPATH`` of the other tree).

Measured for issue 13 on 102,500 articles (the 101,000 of bench.scale, 1,000 added, then 500;
2,500 added since the themes were fitted), machine load 3-5 on 2 cores, 3 runs alternated with
main 729c80f, 2 re-analyses each, medians: all 6.88 -> 5.68 s CPU; themes 1.35 -> 0.44 s (the
articles added since the fit read back, not placed again; the kept shares read as one array),
the shares table 0.25 -> 0.07 s, to_parse 0.15 -> 0.10 s, strip_recurring_lines 0.19 -> 0.13 s,
recurring_lines 0.25 -> 0.22 s, run_batches 0.72 -> 0.61 s; every table the same.
"""

from __future__ import annotations

import argparse
import functools
import gc
import time
from collections import defaultdict

from tonlage.analysis import incremental, pipeline, tables, theme_step
from tonlage.storage.store import ANALYSIS_FORMAT
from tonlage.storage.workspace import Workspace

STEPS = {
    incremental.KeptResults: ("to_parse", "recurring_lines", "run_batches", "duplicates", "themes", "_load_fit"),
    pipeline: ("strip_recurring_lines", "theme_tone", "article_table"),
    theme_step: ("theme_frames",),
    tables.BatchTables: ("add_kept", "close"),
}


def _timed(owner, name: str, spent: dict[str, float]) -> None:
    real = getattr(owner, name)

    @functools.wraps(real)
    def step(*args, **kwargs):
        start = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start

    setattr(owner, name, step)


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("workspace")
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    spent: dict[str, float] = defaultdict(float)
    for owner, names in STEPS.items():
        for name in names:
            if hasattr(owner, name):  # a step another tree has not
                _timed(owner, name, spent)
    ws = Workspace(args.workspace, create=False)
    for run in range(args.runs):
        spent.clear()
        gc.collect()
        start = time.process_time()
        result = incremental.analyse_workspace(ws, analysis_format=ANALYSIS_FORMAT)
        total = time.process_time() - start
        fit = result.params.get("theme_fit", {})
        del result
        steps = " ".join(f"{name}={seconds:.3f}" for name, seconds in spent.items())
        print(f"run {run + 1}: {total:.2f} s CPU ({fit.get('n_added', 0)} added since the fit); {steps}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
