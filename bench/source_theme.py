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
"""

from __future__ import annotations

import sys

from bench.source_tone import null_and_desks


def main() -> int:
    return null_and_desks(__doc__, "source_theme", frozenset({"more", "less"}))


if __name__ == "__main__":
    sys.exit(main())
