"""How often the Overview claims that an outlet gives a theme more or less room than the others
where it does not, and how often it sees a difference that is there.

As bench/source_tone.py, for the finding "source_theme" (:func:`tonlage.findings.view_findings`):
the 509 desk-labelled news articles of ``../shared/eval/gnad-dev`` (texts never copied into
the repository) analysed as the app analyses a folder; each trial a random view of them, every
article given a made-up source (one of 2, 3, 5, 10 or 20 outlets of unequal sizes). Nothing ties
a source to the text, so every claimed "more room" or "less room" is chance. Then the desks as
sources (Sport, Inland, Kultur, …), which do differ in what they write about: how often a desk
is named, and what is said of all 509 articles.

    python -m bench.source_theme [--trials 1000] [--seed 0] [--data ../shared/eval/gnad-dev]

Nothing was tuned on these trials: the interval (:func:`tonlage.intervals.share_intervals`, the
Compare page's, articles the units), the family's error over every pair of source and theme
(:func:`tonlage.intervals.family_alpha`), the minimum of 3 themed articles per source and the
10 points a gap must reach (the Compare page's) were fixed before the first run.

Issue 13's stop 60, 2026-12-05, seed 0, 1,000 views per size (standard error at 5 %: 0.7
points), made-up sources:

    articles in view  claimed more or less room  nothing said (no gap of 10 points)
    30                0.009                      0.020
    100               0.013                      0.241
    300               0.012                      0.535
    509               0.003                      0.646

The desks as sources, 250 views per size:

    articles in view  named a desk  most named
    30                0.552         Sport 0.22, Web 0.11, International 0.07
    100               1.000         Kultur 0.42, Sport 0.36, Wissenschaft 0.18
    300               1.000         Kultur 0.84, Sport 0.14, Wissenschaft 0.01

All 509: "Kultur gives the theme “Film · Geschichte · Leben” more room than the other sources:
72% of its text against 7% (30 vs 479 articles with themes; 95% interval of the gap +49 … +76
percentage points)", with 117 pairs of source and theme drawn together. Far fewer chance claims
than the tone gaps' (bench/source_tone.py: 2-4 %): Benjamini and Hochberg's rule over 13 themes
times up to 20 outlets widens each interval more than over the outlets alone, and a gap under 10
points is never claimed. The same trials gave the same figures after the sums were read from
each outlet's run of articles (tonlage.corpus_index.CorpusIndex.source_runs) and the p-values
bisected only for the pairs 5 % alone would claim.
"""

from __future__ import annotations

import sys

from bench.source_tone import null_and_desks


def main() -> int:
    return null_and_desks(__doc__, "source_theme", frozenset({"more", "less"}))


if __name__ == "__main__":
    sys.exit(main())
