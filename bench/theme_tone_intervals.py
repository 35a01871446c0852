"""How often the Themes page's 95% bars hold a theme's true tone, and how often its bars claim a
direction that is not there, on real articles.

The Themes page's chart "Tone of the articles, by theme" draws each theme's share-weighted
tone in the view with a bar for its 95% interval
(:func:`tonlage.present.views.theme_tone_intervals` through
:func:`tonlage.intervals.share_weighted_intervals`) and a pale bar where that interval holds 0.
Here the 509 articles of ``../shared/eval/gnad-dev`` (never copied into the repository),
analysed as a folder, are the population: a theme's truth is its tone over all of them. Every
trial draws a random view of ``n`` articles, the app's own functions give each theme's tone and
interval in it, and nothing is fitted. Printed per view size:

- ``bars``: the share of themes that get an interval (two effective articles or more);
- the share of those bars holding the truth, by the theme's effective number of articles in
  the view (Kish's ``(Σ share)² / Σ share²``; "-" under 50 bars) and over all;
- ``k-1``: the same with the articles' count as the degrees of freedom instead (what the actor
  and period bars use, where an article is in a group or not), for comparison only;
- ``claims``: the share of themes drawn in full colour (a direction: beyond the neutral band of
  ±0.05), before (the band alone) and now (the band, and an interval that excludes 0);
- ``other sign``: the share of themes drawn in full colour whose truth has the other sign;
  ``neutral``: drawn in full colour with the truth in the band (the right side of 0, but a
  smaller direction than the colour says). All three are shares of all themes in the views.

    python -m bench.theme_tone_intervals [--trials 300] [--seed 0] [--data ../shared/eval/gnad-dev]

Figures (2026-12-05, main at 312c3ee plus this change, seed 0, 300 views a size, 13 themes;
the truth's tones -0.21 … +0.09):

    articles  bars       neff 2-3       neff 3-5      neff 5-10     neff 10-20       neff 20+    all    k-1 claims before other sign neutral claims now other sign neutral
          10  0.53   0.967 (1325)    0.954 (700)              -              -              -  0.962  0.900         0.683      0.218   0.405      0.020      0.004   0.009
          20  0.89    0.983 (999)   0.955 (1826)    0.943 (650)              -              -  0.961  0.892         0.644      0.168   0.365      0.050      0.006   0.017
          50  1.00              -    0.959 (541)   0.961 (2486)    0.953 (838)              -  0.959  0.930         0.566      0.081   0.277      0.125      0.005   0.027
         100  1.00              -              -    0.952 (518)   0.965 (2692)    0.962 (689)  0.963  0.950         0.500      0.026   0.187      0.234      0.003   0.043

So the bars hold the truth about as often as they say at every effective size (0.943-0.983);
with the articles' count as the degrees of freedom they would hold it in 0.89-0.95 (every
article carries some share of every theme). Before, two thirds to a half of the themes were
drawn in full colour, and 3-22 % of all themes then pointed the wrong way; now a bar is full
only when its interval excludes 0: 2-23 % of themes, 0.3-0.6 % the wrong way.
"""

from __future__ import annotations

import numpy as np

from bench.null_comparisons import dated_corpus, trial_args

SIZES = (10, 20, 50, 100)
#: Bins of a theme's effective number of articles in the view.
BINS = (2, 3, 5, 10, 20, 10**9)


def main() -> int:
    args = trial_args(__doc__.splitlines()[0], 300)
    corpus = dated_corpus(args.data)
    if corpus is None:
        return 2
    from scipy.special import stdtrit

    from tonlage.corpus_index import CorpusIndex
    from tonlage.intervals import excludes_zero
    from tonlage.present.views import theme_table, theme_tone_intervals
    from tonlage.thresholds import MEAN_TONE_NEUTRAL_BAND as BAND

    index = CorpusIndex(corpus)
    every = np.ones(index.n, dtype=bool)
    truth = theme_table(corpus, every, index).set_index("theme_id")["tone"]
    print(f"{len(truth)} themes, true tones {truth.min():+.2f} … {truth.max():+.2f}")
    shares = index.themes.shares  # articles × themes, the matrices' theme order
    col = {int(t): i for i, t in enumerate(index.themes.theme_ids)}
    tone = corpus.articles["tone"].to_numpy(dtype="float64", na_value=np.nan)
    rng = np.random.default_rng(args.seed)
    names = [f"neff {a}-{b}" if b < 10**9 else f"neff {a}+" for a, b in zip(BINS, BINS[1:])]
    print(
        f"{'articles':>8} {'bars':>5} "
        + " ".join(f"{n:>14}" for n in names)
        + f" {'all':>6} {'k-1':>6} {'claims before':>13} {'other sign':>10} {'neutral':>7}"
        + f" {'claims now':>10} {'other sign':>10} {'neutral':>7}"
    )
    for size in SIZES:
        covered: dict[int, list[bool]] = {b: [] for b in BINS[:-1]}
        by_count, drawn, n_themes = [], 0, 0
        claims = {"before": [0, 0, 0], "now": [0, 0, 0]}
        for _ in range(args.trials):
            rows = np.zeros(index.n, dtype=bool)
            rows[rng.choice(index.n, size, replace=False)] = True
            table = theme_table(corpus, rows, index).merge(theme_tone_intervals(corpus, rows, index), on="theme_id")
            for r in table.itertuples(index=False):
                n_themes += 1
                real = float(truth[r.theme_id])
                s = shares[rows & ~np.isnan(tone), col[int(r.theme_id)]]
                s = s[s > 0]
                ok = not np.isnan(r.tone_low)
                if ok:
                    drawn += 1
                    neff = s.sum() ** 2 / np.square(s).sum()
                    covered[max(b for b in covered if b <= neff)].append(bool(r.tone_low <= real <= r.tone_high))
                    # The same interval with the articles' count as the degrees of freedom.
                    half = (r.tone_high - r.tone_low) / 2 / stdtrit(neff - 1, 0.975) * stdtrit(s.size - 1, 0.975)
                    by_count.append(bool(abs(real - (r.tone_low + r.tone_high) / 2) <= half))
                if np.isnan(r.tone) or abs(r.tone) < BAND:  # as charts.base.tone_colour
                    continue
                for name, claimed in (("before", True), ("now", ok and excludes_zero(r.tone_low, r.tone_high))):
                    if claimed:
                        claims[name][0] += 1
                        claims[name][1] += int(np.sign(real) != np.sign(r.tone))
                        claims[name][2] += int(abs(real) < BAND)
        cells = [f"{np.mean(v):.3f} ({len(v)})".rjust(14) if len(v) >= 50 else "-".rjust(14) for v in covered.values()]
        hold = [x for v in covered.values() for x in v]
        print(
            f"{size:>8} {drawn / n_themes:>5.2f} "
            + " ".join(cells)
            + f" {np.mean(hold):>6.3f} {np.mean(by_count):>6.3f}"
            + "".join(
                f" {claims[k][0] / n_themes:>{w}.3f} {claims[k][1] / n_themes:>10.3f} {claims[k][2] / n_themes:>7.3f}"
                for k, w in (("before", 13), ("now", 10))
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
