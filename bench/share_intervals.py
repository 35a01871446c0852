"""How often the 95% interval of a theme's change of share holds the true change, and how wide it is.

The Findings say a theme "took a larger share" only when the 95% interval of the change of its
mean share excludes 0. A theme's share of an article lies between 0 and 1 and is 0 in most
articles, so the per-article values are far from normal; with a few articles on one side the
t interval's symmetric width may be wrong on either side. This bench measures it on real
theme shares instead of arguing.

The material: the desk-labelled articles of ``/work/shared/eval/gnad-dev`` (texts never copied),
the engine's own theme model fitted on them (as ``bench/themes_quality.py`` fits it). Each
desk's articles are a population whose mean share of every theme is known. A trial draws n_a
articles from one desk and n_b from another (with replacement) and asks each method for the
95% interval of mean(b) - mean(a); it holds the truth when the populations' difference lies
inside. Desk pairs with themselves give true differences of 0 (how often a method claims a
change that is not there).

Honesty: the method was chosen on the TUNE half of the articles (md5 of the text 0-7, the
halves of ``bench/themes_quality.py``), each half with its own fitted themes; the HELD-OUT half
was run once for the figures in the docstring below.

    python -m bench.share_intervals [--trials 60] [--grid] [--stream] [--half tune|held-out|both]

Choice on the TUNE half (``--grid``, 60 trials, each side's own dispersion): pseudo-articles 0 /
0.05 / 0.1 / 0.15 / 0.2 / 0.25 held the truth in 93.6 / 94.9 / 95.5 / 95.9 / 96.3 / 96.5 % of
trials, the smallest at one size 91.1 / 92.0 / 92.7 / 93.4 / 94.0 / 94.2 %; the rule fixed before
(at least 95 % overall and 93 % at every size, the fewest pseudo-articles) chose 0.15.

``--stream`` (2026-12-04): the periods of a news stream, not of one desk. Both periods draw
articles from all desks pooled (nothing changed: every claim is chance), or the second draws
one desk's articles 3 times as often (each desk in turn: a change of the mix). Every theme's
interval is asked at once, each on its own or drawn together for the comparison
(``family``: :func:`tonlage.intervals.family_alpha`, as the Compare page draws them). On the
TUNE half (60 trials) a side's own dispersion claimed a change in 9.0 % of themes and showed
one in 55 % of comparisons; each side's dispersion at least the pooled one (chosen there as
the smallest departure that kept every size at or under 5 %; Welch, the union of Welch's and
this interval and 1 or 3 pseudo-articles were tried) claimed 2.8 %, drawn together 0.2 %, in
1.5 % of comparisons.

Figures on the HELD-OUT half (2026-12-04, k = 9, seed 0, 60 trials; run once):

    desks (same-desk pairs: a true change of 0)
    method                   coverage  width  false claims  found  told: claimed  wrong
    welch                       0.874  0.341         0.101  0.612          0.546  0.029
    own dispersion (before)     0.952  0.436         0.044  0.648          0.585  0.022
    pooled (now)                0.974  0.501         0.017  0.564          0.490  0.011
    newcombe on share sums      0.998  0.592         0.002  0.502          0.421  0.004

    False claims at 10 v 10 articles: own 0.076, pooled 0.015; 30 v 30: 0.073 / 0.038;
    10 v 100: 0.085 / 0.021; 3 v 30: 0.005 / 0.003.

    --stream                 null: per theme  any theme  change: coverage  found (5 points)
    own dispersion (before)            0.090      0.543             0.912  0.233
    pooled                             0.029      0.227             0.970  0.148
    own + family                       0.026      0.174             0.977  0.096
    pooled + family (now)              0.002      0.014             0.998  0.040

    At 10 v 10 articles own dispersion claimed 13.2 % of themes and showed a change in 69 % of
    comparisons where nothing changed; now 0.0 % / 0.0 %. The price is power: a change of 5
    points or more is found in 4.0 % of trials (100 v 100 articles: 17.9 %), against 23.3 %
    (48.1 %) with most of those claims on a stream where one in two comparisons shows a change
    that is not there.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time

import numpy as np

from bench.themes_quality import DEFAULT_DATA, engine_themes, half_of, parsed_material
from tonlage.intervals import (
    family_alpha,
    newcombe_interval,
    p_values,
    share_interval,
    share_intervals,
    welch_interval,
)

SIZES = ((3, 3), (3, 30), (5, 5), (5, 50), (10, 10), (10, 100), (30, 30), (100, 100))
METHODS = {
    "welch": welch_interval,
    "own dispersion (before)": functools.partial(share_interval, pooled=False),
    "pooled (now)": share_interval,
    "newcombe on share sums": lambda a, b: newcombe_interval(a.sum(), a.size, b.sum(), b.size),
}
#: --stream: the themes of one comparison drawn together or each on its own ("family": as the
#: Compare page draws them, tonlage.intervals.family_alpha).
STREAM_METHODS = {
    "own dispersion (before)": (False, False),
    "pooled": (True, False),
    "own + family": (False, True),
    "pooled + family (now)": (True, True),
}
STREAM_SIZES = ((5, 5), (10, 10), (15, 15), (30, 30), (50, 50), (100, 100), (10, 100), (30, 300))
#: --stream: how much more often the second period draws one desk's articles (a change of mix).
BOOST = 3.0
#: --stream: a change of a theme's mean share counted as one to find (5 percentage points).
FIND = 0.05
#: --grid: the pseudo-articles tried on the TUNE half (0: the effective n as measured).
GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25)


def shares_by_desk(half: str, k: int, seed: int):
    """(desk -> article × theme shares) of the half's articles, themes fitted on that half."""
    files, labels, texts, raws, parsed, matcher = parsed_material(DEFAULT_DATA)
    keep = [i for i, t in enumerate(texts) if half == "both" or half_of(t) == half]
    model, _, _ = engine_themes([raws[i] for i in keep], [parsed[i] for i in keep], matcher, k, seed)
    shares = np.asarray(model.shares_, dtype="float64")
    desks = np.array([labels[i] for i in keep])
    themed = shares.sum(axis=1) > 0  # the findings' means are over themed articles
    return {d: shares[(desks == d) & themed] for d in sorted(set(desks))}


def run(pops: dict[str, np.ndarray], trials: int, seed: int) -> dict:
    """Per method and size: trials, misses (truth outside), claims under a true 0, claims where
    |truth| >= 0.10, and their counts; the summed width."""
    rng = np.random.default_rng(seed)
    desks = list(pops)
    k = next(iter(pops.values())).shape[1]
    out: dict = {}
    for na, nb in SIZES:
        for i, da in enumerate(desks):
            for db in desks[i:]:
                a_pop, b_pop = pops[da], pops[db]
                truth = b_pop.mean(axis=0) - a_pop.mean(axis=0)
                for _ in range(trials):
                    a = a_pop[rng.integers(0, len(a_pop), na)]
                    b = b_pop[rng.integers(0, len(b_pop), nb)]
                    for theme in range(k):
                        true = 0.0 if da == db else float(truth[theme])
                        for name, method in METHODS.items():
                            low, high = method(a[:, theme], b[:, theme])
                            if np.isnan(low):
                                continue
                            s = out.setdefault((name, na, nb), np.zeros(11))
                            claim = low > 0 or high < 0
                            s[0] += 1
                            s[1] += not (low - 1e-12 <= true <= high + 1e-12)
                            s[2] += high - low
                            if da == db:
                                s[3] += 1
                                s[4] += claim
                            elif abs(true) >= 0.10:
                                s[5] += 1
                                s[6] += claim and np.sign(low if low > 0 else high) == np.sign(true)
                            # What a finding would say: only changes of 10 points or more are told.
                            if abs(b[:, theme].mean() - a[:, theme].mean()) >= 0.10:
                                wrong = (low > 0 and true <= 0) or (high < 0 and true >= 0)
                                s[7] += 1
                                s[8] += claim
                                s[9] += claim and wrong
                                s[10] += not (low - 1e-12 <= true <= high + 1e-12)
    return out


def _told(s) -> str:
    t = max(1, s[7])
    return f" {int(s[7]):7d} {s[8] / t:8.3f} {s[9] / max(1, s[8]):6.3f} {1 - s[10] / t:9.3f}"


def report(out: dict) -> None:
    print(
        f"{'method':26} {'n_a':>4} {'n_b':>4} {'trials':>7} {'coverage':>9} {'width':>6} {'false claims':>13}"
        f" {'found':>7} {'told':>7} {'claimed':>8} {'wrong':>6} {'cov told':>9}"
    )
    for name in METHODS:
        tot = np.zeros(11)
        for na, nb in SIZES:
            s = out.get((name, na, nb))
            if s is None:
                continue
            tot += s
            print(
                f"{name:26} {na:4d} {nb:4d} {int(s[0]):7d} {1 - s[1] / s[0]:9.3f} {s[2] / s[0]:6.3f}"
                f" {s[4] / max(1, s[3]):13.3f} {s[6] / max(1, s[5]):7.3f}{_told(s)}"
            )
        print(
            f"{name:26} {'all':>4} {'':>4} {int(tot[0]):7d} {1 - tot[1] / tot[0]:9.3f} {tot[2] / tot[0]:6.3f}"
            f" {tot[4] / max(1, tot[3]):13.3f} {tot[6] / max(1, tot[5]):7.3f}{_told(tot)}\n"
        )
    print("coverage: share of intervals holding the true change (0.95 wanted); width: mean width;")
    print("false claims: share of same-desk trials whose interval excludes 0 (0.05 wanted);")
    print("found: share of trials with |true change| >= 0.10 whose interval excludes 0 on the right side.")
    print("told: trials whose observed change is 10 points or more (what the Findings would tell);")
    print("claimed: of those, share with a direction; wrong: of the claims, share whose true change is")
    print("0 or the other way; cov told: coverage among the told.")


def stream_intervals(a: np.ndarray, b: np.ndarray, pooled: bool, family: bool) -> tuple[np.ndarray, np.ndarray]:
    """The intervals of every theme's change between two samples of articles (rows × themes)."""
    sums = a.sum(axis=0), np.square(a).sum(axis=0), b.sum(axis=0), np.square(b).sum(axis=0)

    def at(alpha):
        return share_intervals(len(a), sums[0], sums[1], len(b), sums[2], sums[3], alpha=alpha, pooled=pooled)

    return at(family_alpha(p_values(at, a.shape[1])) if family else 0.05)


def run_stream(pops: dict[str, np.ndarray], trials: int, seed: int) -> dict:
    """A news stream in which nothing changed, and one whose mix did: both periods draw articles
    from all desks pooled (the null: every claimed change is chance), or the second draws one
    desk's articles BOOST times as often (each desk in turn). Per method and size: [themes
    under the null, their claims, comparisons under the null, those with any claim, themes
    under a change, intervals missing the truth, changes of FIND or more, found the right way]."""
    rng = np.random.default_rng(seed)
    desks = list(pops)
    stream = np.concatenate([pops[d] for d in desks])
    desk_of = np.concatenate([[i] * len(pops[d]) for i, d in enumerate(desks)])
    out: dict = {}
    for na, nb in STREAM_SIZES:
        for scenario in [None, *range(len(desks))]:
            weight = np.ones(len(stream)) if scenario is None else np.where(desk_of == scenario, BOOST, 1.0)
            weight /= weight.sum()
            truth = weight @ stream - stream.mean(axis=0)
            for _ in range(trials * (len(desks) if scenario is None else 1)):
                a = stream[rng.integers(0, len(stream), na)]
                b = stream[rng.choice(len(stream), nb, p=weight)]
                for name, (pooled, family) in STREAM_METHODS.items():
                    s = out.setdefault((name, na, nb), np.zeros(8))
                    low, high = stream_intervals(a, b, pooled, family)
                    claim = (low > 0) | (high < 0)
                    if scenario is None:
                        s[0] += len(claim)
                        s[1] += claim.sum()
                        s[2] += 1
                        s[3] += claim.any()
                    else:
                        s[4] += len(claim)
                        s[5] += (~((low - 1e-12 <= truth) & (truth <= high + 1e-12))).sum()
                        big = np.abs(truth) >= FIND
                        s[6] += big.sum()
                        s[7] += (big & claim & (np.sign(np.where(low > 0, low, high)) == np.sign(truth))).sum()
    return out


def report_stream(out: dict) -> None:
    print(
        f"{'method':24} {'n_a':>4} {'n_b':>4} {'null: per theme':>16} {'any theme':>10}"
        f" {'change: coverage':>17} {'found':>6}"
    )
    for name in STREAM_METHODS:
        tot = np.zeros(8)
        for na, nb in STREAM_SIZES:
            s = out[(name, na, nb)]
            tot += s
            print(
                f"{name:24} {na:4d} {nb:4d} {s[1] / s[0]:16.3f} {s[3] / s[2]:10.3f}"
                f" {1 - s[5] / s[4]:17.3f} {s[7] / max(1, s[6]):6.3f}"
            )
        print(
            f"{name:24} {'all':>4} {'':>4} {tot[1] / tot[0]:16.3f} {tot[3] / tot[2]:10.3f}"
            f" {1 - tot[5] / tot[4]:17.3f} {tot[7] / max(1, tot[6]):6.3f}\n"
        )
    print("null: per theme: share of themes whose change is claimed where nothing changed (0.05 at most);")
    print("any theme: share of such comparisons with at least one claimed change (what a reader sees);")
    print(f"change: coverage of the true changes; found: changes of {FIND:.2f} or more claimed the right way.")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=60, help="trials per desk pair and size (all themes each)")
    ap.add_argument("--half", choices=("tune", "held-out", "both"), default="tune")
    ap.add_argument("--k", type=int, default=9)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--grid", action="store_true", help="compare the pseudo-articles of GRID (for the TUNE half)")
    ap.add_argument("--stream", action="store_true", help="periods drawn from a mixed news stream, themes together")
    args = ap.parse_args()
    if not (DEFAULT_DATA / "labels.csv").is_file():
        print(f"no labelled articles in {DEFAULT_DATA}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    pops = shares_by_desk(args.half, args.k, args.seed)
    print(
        f"half {args.half}: {sum(len(p) for p in pops.values())} themed articles in {len(pops)} desks, "
        f"themes fitted in {time.perf_counter() - t0:.1f} s"
    )
    if args.stream:
        report_stream(run_stream(pops, args.trials, args.seed))
        return 0
    if args.grid:
        METHODS.clear()
        METHODS.update({f"shrink {c}": functools.partial(share_interval, shrink=c, pooled=False) for c in GRID})
    report(run(pops, args.trials, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
