"""How often the findings on the words a reader searched for claim a gap or a change where there is
none: on the Overview, the sentences holding the words against the other sentences of the same
articles; on the Compare page, their tone before against after.

The 509 desk-labelled news articles of ``../shared/eval/gnad-dev`` (texts never copied into the
repository) are analysed as the app analyses a folder. Each trial takes a random view of
articles (as the words filter leaves: each of them holds the words) and marks in each of them
1 + Poisson(λ) of its scored sentences, at random, as "holding the words" (λ drawn from 0.2 to
3 per trial: a name said once, a subject returned to). Nothing ties the marks to the tone, so a
claimed gap is chance. The finding is made as the app makes it
(:func:`tonlage.findings.view_findings` with the words; only the sentences it finds are
replaced by the marked ones), and the share of trials that claim a gap (variant "gap") is
printed per view size, beside the share left "uncertain" and "few".

    python -m bench.words_tone [--trials 400] [--seed 0] [--data ../shared/eval/gnad-dev]

Nothing was tuned on these trials: the interval is fixed by the design (Student's t over the
articles' own gaps, :func:`tonlage.intervals.paired_gap_interval`; before, the two-sample
:func:`tonlage.intervals.gap_interval` the actors' findings use, bench/gap_intervals.py).

Issue 13's stop 55, 2026-12-05, seed 0, the first figures of this finding: the sentences with the
words pooled over the view against the rest (two-sample interval over articles); 400 trials per
size, then 2,000 (standard error at 5 %: 1.1 and 0.5 points):

    articles in view  claimed a gap (400)  claimed a gap (2,000)
    10                0.033                0.040
    30                0.050                0.043
    100               0.050                0.045
    300               0.075                0.061

The rate grew with the view: pooled, every article gives at least one marked sentence, so short
articles weigh more among the marked sentences than among the rest, and where short articles
read unlike long ones that difference of articles was claimed as a gap of the words.

Stop 56, 2026-12-05, seed 0, 2,000 trials per size, compared article by article (each
article's marked sentences against its own other sentences, then the mean over the articles):

    articles in view  claimed a gap  the same test unrounded
    10                0.044          0.051
    30                0.044          0.054
    100               0.036          0.054
    300               0.028          0.053

"Unrounded" is the t test over the same trials (a script outside the repository, not the app's
rule): about 5 % at every size, as a calibrated test should. The app claims a gap only when
the interval excludes 0 also as shown, to two decimals (:func:`tonlage.intervals.excludes_zero`,
the rule of every finding); at 300 articles the interval is about ±0.03 wide, so that rounding
keeps back about half the chance claims. None "few" (every view had 3 articles and 5 marked
sentences to compare).

The Compare page's finding on the same words (stop 56, 6fe9f5d, seed 0, 2,000 trials per
size, run after the table above in one process): each view's articles split at a random day in
March or April (their dates drawn at random, so a split says nothing about the text), the tone of
the marked sentences before against after (:func:`tonlage.intervals.shift_interval`, articles as
the sampled units, as an actor's shift):

    articles in view  claimed a change  uncertain  few
    10                0.021             0.740      0.240
    30                0.040             0.959      0.001
    100               0.035             0.965      0.000
    300               0.018             0.983      0.000

("few": fewer than 5 marked sentences or 3 articles on a side, given as counts.)
"""

from __future__ import annotations

import collections
from datetime import date, timedelta
from unittest import mock

import numpy as np

from bench.null_comparisons import dated_corpus, trial_args

SIZES = (10, 30, 100, 300)


def _marks(rng, view, by_article, lam: float) -> np.ndarray:
    """1 + Poisson(``lam``) scored sentences of each article of ``view``, at random (positions in
    the index's scored sentences, sorted)."""
    marked = []
    for row in view:
        own = by_article[int(row)]
        k = min(len(own), 1 + int(rng.poisson(lam)))
        marked += list(rng.choice(own, k, replace=False))
    return np.sort(np.asarray(marked, dtype=np.int64))


def main() -> int:
    args = trial_args(__doc__.splitlines()[0], 400)
    corpus = dated_corpus(args.data)
    if corpus is None:
        return 2
    from tonlage.compare import Window, compare_periods
    from tonlage.corpus_index import CorpusIndex
    from tonlage.findings import comparison_findings, view_findings

    index = CorpusIndex(corpus)
    srow = index.scored["row"].to_numpy()
    by_article = collections.defaultdict(list)
    for at, row in enumerate(srow):
        by_article[int(row)].append(at)
    toned = np.array(sorted(r for r in by_article if r >= 0))
    rng = np.random.default_rng(args.seed)

    def found(kind: str, pick: np.ndarray, call, *args) -> str:
        """The variant of the finding ``kind`` that ``call(corpus, *args)`` makes with the
        sentences at ``pick`` as the ones holding the words."""

        def marked(self, words, rows, pick=pick):  # the marks of the rows asked for
            return pick[index.in_view(srow[pick], rows)]

        with mock.patch.object(CorpusIndex, "word_sentences", marked):
            out = [f for f in call(corpus, *args, index=index, words="x", limit=20) if f.kind == kind]
        return out[0].values["variant"] if out else "none"

    print("The view's finding: sentences with the words against the other sentences of their articles")
    print(f"{'articles in view':>16} {'claimed a gap':>14} {'uncertain':>10} {'few':>6}")
    for size in SIZES:
        seen: collections.Counter = collections.Counter()
        for _ in range(args.trials):
            view = rng.choice(toned, size, replace=False)
            pick = _marks(rng, view, by_article, rng.uniform(0.2, 3.0))
            rows = np.zeros(index.n, dtype=bool)
            rows[view] = True
            seen[found("words_tone", pick, view_findings, rows)] += 1
        n = args.trials
        print(f"{size:>16} {seen['gap'] / n:>14.3f} {seen['uncertain'] / n:>10.3f} {seen['few'] / n:>6.3f}")

    print("The Compare page's finding: the tone of the sentences with the words, before and after a day")
    print(f"{'articles in view':>16} {'claimed a change':>17} {'uncertain':>10} {'few':>6}")
    for size in SIZES:
        seen = collections.Counter()
        for _ in range(args.trials):
            view = rng.choice(toned, size, replace=False)
            pick = _marks(rng, view, by_article, rng.uniform(0.2, 3.0))
            cut = date(2025, 3, 1) + timedelta(days=int(rng.integers(0, 60)))
            a = Window(date(2025, 1, 1), cut - timedelta(days=1), "A")
            b = Window(cut, date(2025, 6, 30), "B")
            rows = np.zeros(index.n, dtype=bool)
            rows[view] = True
            c = compare_periods(corpus, rows, a, b, index=index)
            seen[found("words_tone_shift", pick, comparison_findings, rows, c)] += 1
        n = args.trials
        print(f"{size:>16} {seen['change'] / n:>17.3f} {seen['uncertain'] / n:>10.3f} {seen['few'] / n:>6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
