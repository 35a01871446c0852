"""How often the Compare page's "Two sources" claims a difference between two outlets where there
is none, and how often it sees one that is there, end to end on real articles.

The 509 desk-labelled news articles of ``../shared/eval/gnad-dev`` (texts never copied into the
repository) are analysed as the app analyses a folder. Each trial takes a random view of them and
gives every article a made-up source: one of 2, 3 or 5 outlets (drawn per trial), their sizes
unequal (shares proportional to 1, 1/2, 1/3, …). The two largest are compared, as the page
first compares them (:func:`tonlage.compare.compare_periods` with two outlet sides, then
:func:`tonlage.findings.comparison_findings`). Nothing ties a source to the text: every claimed
difference is chance. Counted per comparison, as ``bench/null_comparisons.py`` counts a
comparison of two periods: the themes and actors drawn dark on the change charts, and the
findings that claim a direction, by kind.

Then the desks as outlets (Sport, Inland, Kultur, …, which do differ in what they write about):
each pair of desks on all 509 articles, and how many of the pairs the page sets apart, by kind.

    python -m bench.outlet_comparisons [--trials 200] [--seed 0] [--data ../shared/eval/gnad-dev]

Nothing was tuned on these trials: the comparison of two outlets is the comparison of two
periods (the same intervals, families and rules), only its sides are chosen by outlet.

Issue 13's stop 58, 2026-12-05, seed 0, 200 comparisons per size (standard error at 5 %: 1.5
points), made-up outlets (every claim chance):

    articles  dark theme bar  dark actor bar  findings: theme  attention  actor tone  tone  any
    30        0.01            0.01            0.01             0.01       0.00        0.06  0.07
    100       0.04            0.01            0.03             0.01       0.01        0.03  0.08
    300       0.03            0.01            0.00             0.00       0.04        0.03  0.07
    509       0.03            0.03            0.00             0.00       0.05        0.01  0.07

Each family (the tone, the themes, the actors' shares, the actors' tone) is held to 5 % on its
own, so a comparison claims something by chance in 7-8 % of the trials, as a comparison of two
periods does (``bench/null_comparisons.py``). The desks as outlets, all 36 pairs on all 509
articles: every pair differs in its themes (as desks must), 47 % in tone, 39 % in who is named,
6 % in the tone around an actor.
"""

from __future__ import annotations

import collections
import csv
import itertools
import sys
from datetime import date

import numpy as np

from bench.null_comparisons import KINDS, claims_of, dated_corpus, trial_args
from bench.source_tone import made_up_sources, random_view, set_sources

SIZES = (30, 100, 300, 509)
OUTLETS = (2, 3, 5)
COLUMNS = ("theme bar", "actor bar", *KINDS, "any")


def _window(name: str):
    from tonlage.compare import Window

    return Window(date(2025, 1, 1), date(2025, 6, 30), name, (name,))


def _line(label: str, n: int, seen: collections.Counter) -> str:
    return f"{label:>10} {n:6d}" + "".join(f" {seen[k] / n:17.2f}" for k in COLUMNS)


def main() -> int:
    args = trial_args(__doc__.splitlines()[0], 200)
    corpus = dated_corpus(args.data)
    if corpus is None:
        return 2
    from tonlage.compare import compare_periods
    from tonlage.corpus_index import CorpusIndex

    index = CorpusIndex(corpus)
    n = len(corpus.articles)
    rng = np.random.default_rng(args.seed)
    header = f"{'articles':>10} {'trials':>6}" + "".join(f" {k:>17}" for k in COLUMNS)
    print("Made-up outlets, the two largest compared (nothing to find): the share of comparisons with a claim")
    print(header)
    for size in SIZES:
        seen: collections.Counter = collections.Counter()
        for _ in range(args.trials):
            set_sources(index, made_up_sources(rng, n, OUTLETS))
            view = random_view(rng, n, size)
            counts = collections.Counter(index.corpus.articles["source"][view])
            (first, _), (second, _) = counts.most_common(2)
            c = compare_periods(corpus, view, _window(first), _window(second), index=index)
            seen.update(claims_of(corpus, view, c, index))
        print(_line(str(size), args.trials, seen))

    desks = {r["file"].removesuffix(".txt"): r["label"] for r in csv.DictReader((args.data / "labels.csv").open())}
    ids = corpus.articles["article_id"].astype(str)
    set_sources(index, np.array([desks.get(i, "") for i in ids], dtype=object))
    pairs = list(itertools.combinations(sorted(set(desks.values())), 2))
    everything = np.ones(n, dtype=bool)
    seen = collections.Counter()
    for a, b in pairs:
        c = compare_periods(corpus, everything, _window(a), _window(b), index=index)
        seen.update(claims_of(corpus, everything, c, index))
    print("\nThe desks as outlets, every pair on all articles (differences that are there): the share of pairs")
    print(header)
    print(_line("pairs", len(pairs), seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
