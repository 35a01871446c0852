"""How often the Overview's finding on the latest weeks claims a change where there is none, and
how often it sees one that is there, end to end on real articles.

The 509 desk-labelled news articles of ``../shared/eval/gnad-dev`` (texts never copied into the
repository) are analysed once as the app analyses a folder. Each trial gives every article a
date drawn at random from January to June 2025 (181 days: the finding then sets the latest four
weeks against the twelve before), takes a random view of them and asks
:func:`tonlage.findings.view_findings` what it says of the latest weeks. A date says nothing of
the text, so every claimed direction is chance: one claim at 95 %, about 5 % by design.

Then a change that is there: the articles of one desk (each desk in turn, on all 509 articles)
are dated in the latest four weeks, every other article in the twelve weeks before, and the
desk's tone differs from the others' as it does (the desks' tones are in the table). Counted:
how often the finding claims the change, in the right direction.

    python -m bench.recent_tone [--trials 400] [--seed 0] [--data ../shared/eval/gnad-dev]

Nothing was tuned on these trials: the finding is the Compare page's tone shift between two date
ranges (the same interval, :func:`tonlage.intervals.shift_interval` over articles); only its
periods (four weeks against twelve, one against three) were chosen, as a quarter of the time
against the three quarters before, before any trial was run.

Issue 13's stop 59, 2026-12-05, seed 0, 400 trials per size (100 on all 509; standard error at
5 %: 1.1 points), every view long enough for four weeks against twelve:

    articles  said  claimed a change (chance)
    60        1.00  0.045
    150       1.00  0.037
    300       1.00  0.030
    509       1.00  0.030

A desk's articles in the latest four weeks: the change was claimed for 4 of the 9 desks, each
time the right way: International (desk −0.145 against +0.024 for the others, article means),
Panorama (−0.074 / +0.012), Sport (+0.077 / −0.010), Web (+0.074 / −0.015); not for Etat,
Inland, Kultur, Wissenschaft (gaps of +0.05 to +0.07 over 30 to 46 articles) nor Wirtschaft
(−0.016 / +0.003). Four weeks of 30-80 articles see a gap of about a tenth, not one of a twentieth.
"""

from __future__ import annotations

import collections
import csv
import sys
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pandas as pd

from bench.null_comparisons import dated_corpus, trial_args

#: Articles a view is drawn from (None: all of them).
SIZES = (60, 150, 300, None)
DAYS = 181  # January to June 2025
START = date(2025, 1, 1)


def with_dates(corpus, days: np.ndarray):
    """``corpus`` with its articles dated ``START + days`` (one per article row)."""
    arts = corpus.articles.copy()
    arts["date"] = pd.to_datetime([START + timedelta(days=int(d)) for d in days])
    arts["date_precision"] = "day"
    return replace(corpus, articles=arts)


def recent_of(corpus, view: np.ndarray):
    """The view's finding on its latest weeks (None when it says nothing)."""
    from tonlage.corpus_index import CorpusIndex
    from tonlage.findings import view_findings

    found = view_findings(corpus, view, index=CorpusIndex(corpus), limit=100)
    return next((f for f in found if f.kind == "recent_tone"), None)


def main() -> int:
    args = trial_args(__doc__.splitlines()[0], 400)
    corpus = dated_corpus(args.data)
    if corpus is None:
        return 2
    n = len(corpus.articles)
    rng = np.random.default_rng(args.seed)
    print(f"{'articles':>8} {'trials':>6} {'said':>6} {'claimed a change (chance)':>26}")
    for size in SIZES:
        trials = args.trials if size else args.trials // 4
        seen: collections.Counter = collections.Counter()
        for _ in range(trials):
            dated = with_dates(corpus, rng.integers(0, DAYS, n))
            view = np.zeros(n, dtype=bool)
            view[rng.choice(n, size or n, replace=False)] = True
            f = recent_of(dated, view)
            seen["said"] += f is not None
            seen["claimed"] += f is not None and f.values["variant"] == "change"
        print(f"{size or n:8d} {trials:6d} {seen['said'] / trials:6.2f} {seen['claimed'] / trials:26.3f}")
    print("'said': the share of views with the finding; 'claimed': with a direction claimed (all chance).")

    desks = {r["file"].removesuffix(".txt"): r["label"] for r in csv.DictReader((args.data / "labels.csv").open())}
    desk = corpus.articles["article_id"].map(desks).fillna("").to_numpy()
    tone = corpus.articles["tone"].to_numpy(dtype="float64", na_value=np.nan)
    print("\nOne desk's articles in the latest four weeks, the others in the twelve before (a change that is there):")
    print(f"  {'desk':<14} {'articles':>8} {'desk tone':>9} {'others':>7} {'claimed':>8} {'right way':>9}")
    hits = 0
    names = sorted(set(desk) - {""})
    for name in names:
        mine = desk == name
        days = np.where(mine, rng.integers(DAYS - 28, DAYS, n), rng.integers(DAYS - 112, DAYS - 28, n))
        # the view's first and last day 112 days apart: four weeks against twelve, not one against three
        days[np.flatnonzero(~mine)[0]], days[np.flatnonzero(mine)[0]] = DAYS - 113, DAYS - 1
        f = recent_of(with_dates(corpus, days), np.ones(n, dtype=bool))
        assert f is None or f.values["window"] == "4w"
        claimed = f is not None and f.values["variant"] == "change"
        right = claimed and np.sign(f.values["shift"]) == np.sign(np.nanmean(tone[mine]) - np.nanmean(tone[~mine]))
        hits += bool(claimed)
        print(
            f"  {name:<14} {int(mine.sum()):8d} {np.nanmean(tone[mine]):+9.3f} {np.nanmean(tone[~mine]):+7.3f}"
            f" {'yes' if claimed else 'no':>8} {'yes' if right else ('no' if claimed else '-'):>9}"
        )
    print(f"  claimed for {hits} of {len(names)} desks (article means shown; the finding compares sentence means)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
