"""How often a tone chart's weekly or monthly 95% interval holds the truth, on real articles.

The tone timeline draws one dot per week (or month) when a view has more than 300 articles:
the mean tone of that period's articles, with a bar for its 95% interval
(:func:`tonlage.intervals.mean_intervals` through
:func:`tonlage.present.charts.aggregate_articles`). Here the dates say nothing about the text:
the 509 articles of ``../shared/eval/gnad-dev`` (never copied into the repository), scored by
the engine as a folder, are given random days over 181 days, in each trial afresh, and ``--size``
of them are drawn. Every period's true mean is then the mean of all 509 articles, so a bar
should hold it in about 95% of periods. Nothing is fitted. Counted are the periods the chart
draws a bar for (3 articles or more; fewer are hollow dots without one), by their number of
articles; and, of the dots at least 0.05 away from the truth (a swing a reader would see), the
share whose bar reaches it (says "may be chance").

    python -m bench.period_intervals [--trials 300] [--seed 0] [--data ../shared/eval/gnad-dev]

Figures (2026-12-05, seed 0, 300 trials a row; cells: the share of drawn periods whose bar holds
the truth, with the number of periods; "-": fewer than 50):

    articles periods  n 3-4         n 5-9         n 10-19       n 20-39       n 40-79      n 80+         all    swings  bar reaches truth
    60       weeks    0.957 (2507)  0.952 (641)   -             -             -            -             0.956  0.617   0.930
    150      weeks    0.954 (1895)  0.945 (4860)  0.927 (493)   -             -            -             0.946  0.509   0.895
    509      weeks    0.932 (117)   0.967 (121)   0.952 (3964)  0.952 (3765)  -            -             0.952  0.230   0.791
    509      months   -             -             -             -             0.947 (495)  0.975 (1305)  0.967  0.009   -

So the bars hold the truth about as often as they say (92.7-97.5 % in each cell; a month of 80+
of the 509 articles is a large part of them, and the interval does not know it). Of the dots of
a 60-article view a reader would see swing by 0.05 or more (62 % of them, every one chance),
93 % have a bar that reaches the truth; with 509 articles a week, 23 % swing and 79 % of those
are shown as possibly chance.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from bench.null_comparisons import dated_copy
from bench.themes_quality import DEFAULT_DATA

#: Articles drawn per trial, and the periods they are drawn in ("W" weeks, "M" months).
RUNS = ((60, "W"), (150, "W"), (509, "W"), (509, "M"))
#: Bins of a period's articles for the coverage table.
BINS = (3, 5, 10, 20, 40, 80, 10**9)
#: A dot this far from the truth is a swing a reader sees.
SWING = 0.05


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--trials", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not (args.data / "labels.csv").is_file():
        print(f"no labelled articles in {args.data}", file=sys.stderr)
        return 2
    from tonlage.analysis.pipeline import analyse_folder
    from tonlage.present.charts import aggregate_articles
    from tonlage.thresholds import MIN_POINT_ARTICLES

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        corpus = analyse_folder(dated_copy(args.data, Path(tmp)), today=date(2026, 1, 1))
        print(f"{len(corpus.articles)} articles analysed in {time.perf_counter() - t0:.0f} s")
    arts = corpus.articles[["tone", "n_sentences"]].dropna(subset=["tone"]).reset_index(drop=True)
    truth = float(arts["tone"].mean())
    print(f"{len(arts)} scored articles, mean tone {truth:+.4f}, sd {arts['tone'].std():.3f}")
    rng = np.random.default_rng(args.seed)
    start = np.datetime64("2025-01-01")
    print(
        f"{'articles':>8} {'periods':>7} "
        + " ".join(f"{f'n {a}-{b - 1}' if b < 10**9 else f'n {a}+':>14}" for a, b in zip(BINS, BINS[1:]))
        + f" {'all':>7} {'swings':>7} {'bar reaches truth':>18}"
    )
    for size, freq in RUNS:
        covered: dict[int, list[bool]] = {a: [] for a in BINS[:-1]}
        swings, reached = 0, 0
        for _ in range(args.trials):
            pick = arts.sample(n=min(size, len(arts)), random_state=int(rng.integers(2**31)))
            days = start + rng.integers(0, 181, len(pick)).astype("timedelta64[D]")
            b = aggregate_articles(pick.assign(date=pd.to_datetime(days)), freq)
            drawn = b[b["n_articles"] >= MIN_POINT_ARTICLES]
            hold = (drawn["low"] <= truth) & (truth <= drawn["high"])
            for n, ok in zip(drawn["n_articles"], hold):
                covered[max(a for a in BINS[:-1] if a <= n)].append(bool(ok))
            far = (drawn["tone"] - truth).abs() >= SWING
            swings += int(far.sum())
            reached += int((far & hold).sum())
        cells = [f"{np.mean(v):.3f} ({len(v)})".rjust(14) if len(v) >= 50 else f"{'-':>14}" for v in covered.values()]
        every = [x for v in covered.values() for x in v]
        print(
            f"{size:>8} {freq:>7} "
            + " ".join(cells)
            + f" {np.mean(every):>7.3f} {swings / max(1, sum(len(v) for v in covered.values())):>7.3f} {reached / max(1, swings):>18.3f}"
        )
    print("cells: share of drawn periods whose 95% bar holds the mean of all articles (periods; '-': < 50);")
    print(
        f"swings: share of drawn dots >= {SWING} from it; bar reaches truth: of those, the share whose bar reaches it"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
