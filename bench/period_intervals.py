"""How often a tone chart's weekly or monthly 95% interval holds the truth, and how far the theme
chart's points swing by chance, on real articles whose dates say nothing about them.

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
93 % have a bar that reaches the truth; with all 509 (about 20 a week), 23 % swing and 79 % of
those are shown as possibly chance.

The theme chart, the same trials after them: of its drawn points of the 8 largest themes, the
share 5 percentage points or more from the theme's share over all articles (every one chance),
week by week against the chart's own periods (months where the weeks hold fewer than
``THEME_WEEK_ARTICLES`` = 50 articles on average, tonlage.present.charts.themes):

    articles  weeks   chart's periods
    150       0.601   0.196  (months)
    509       0.274   0.013  (months)

The chart's 95% bars (2026-12-05, main at 0ed6cb7 plus this change, same trials; the bar
over a period's articles, :func:`tonlage.intervals.share_mean_intervals`; cells: the share of
drawn periods whose bar holds the theme's share over all articles):

    articles  n 10-19        n 20-39        n 40-79       n 80+          all    5 pp off  bar reaches truth
    150       0.981 (1808)   0.980 (12592)  -             -              0.980  0.196     0.898
    509       -              -              0.980 (4040)  0.980 (10360)  0.980  0.013     0.112

So the bars hold the truth a little more often than they say (98 %: the dispersion is at least
the view's, as on the Compare page, whose intervals held it in 97.4 %), and 90 % of the swings
of 5 points or more that a view of 150 articles draws by chance have a bar that reaches the
truth. At 509 articles the months hold 80 or more articles, their bars are about ±4 points, and
the rare swing of 5 points or more (1.3 % of points) mostly lies outside its bar, as it should
at that rate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bench.null_comparisons import dated_corpus, trial_args

#: Articles drawn per trial, and the periods they are drawn in ("W" weeks, "M" months).
RUNS = ((60, "W"), (150, "W"), (509, "W"), (509, "M"))
#: Bins of a period's articles for the coverage table.
BINS = (3, 5, 10, 20, 40, 80, 10**9)
#: A dot this far from the truth is a swing a reader sees.
SWING = 0.05
SWINGS_NOTE = (
    f"swings: share of drawn dots >= {SWING} from it; bar reaches truth: of those, the share whose bar reaches it"
)


def tally(
    periods: pd.DataFrame, truth: float | pd.Series, covered: dict[int, list[bool]], value: str = "tone"
) -> tuple[int, int]:
    """Of ``periods`` (``n_articles, low, high`` and the dot's ``value``) those drawn with a bar
    (3 articles or more): whether each bar holds ``truth`` (one for all, or one per period,
    indexed as ``periods``), added to ``covered`` under its bin of articles (the dict's keys,
    ascending: each bin from its key); returns the dots at least :data:`SWING` from the truth,
    and of those the ones whose bar reaches it."""
    from tonlage.thresholds import MIN_POINT_ARTICLES

    drawn = periods[periods["n_articles"] >= MIN_POINT_ARTICLES]
    if isinstance(truth, pd.Series):
        truth = truth[drawn.index]
    hold = (drawn["low"] <= truth) & (truth <= drawn["high"])
    for n, ok in zip(drawn["n_articles"], hold):
        covered[max(a for a in covered if a <= n)].append(bool(ok))
    far = (drawn[value] - truth).abs() >= SWING
    return int(far.sum()), int((far & hold).sum())


def coverage_header(bins, width: int) -> str:
    """The column names of :func:`coverage_row` for ``bins`` (each bin from its value to the next)."""
    names = (f"n {a}-{b - 1}" if b < 10**9 else f"n {a}+" for a, b in zip(bins, bins[1:]))
    return " ".join(n.rjust(width) for n in names) + f" {'all':>7} {'swings':>7} {'bar reaches truth':>18}"


def coverage_row(covered: dict[int, list[bool]], swings: int, reached: int, width: int) -> str:
    """Each bin's share of bars holding the truth, with its number of bars ("-" under 50); the
    share over all bins; the share of dots that swing, and of those the share whose bar reaches
    the truth (:func:`tally`'s counts)."""
    every = [x for v in covered.values() for x in v]
    cells = [
        f"{np.mean(v):.3f} ({len(v)})".rjust(width) if len(v) >= 50 else "-".rjust(width) for v in covered.values()
    ]
    share = np.mean(every) if every else float("nan")
    return " ".join(cells) + f" {share:>7.3f} {swings / max(1, len(every)):>7.3f} {reached / max(1, swings):>18.3f}"


def main() -> int:
    args = trial_args(__doc__.splitlines()[0], 300)
    corpus = dated_corpus(args.data)  # its dates are drawn afresh in every trial below
    if corpus is None:
        return 2
    from tonlage.present.charts import aggregate_articles

    arts = corpus.articles[["tone", "n_sentences"]].dropna(subset=["tone"]).reset_index(drop=True)
    truth = float(arts["tone"].mean())
    print(f"{len(arts)} scored articles, mean tone {truth:+.4f}, sd {arts['tone'].std():.3f}")
    rng = np.random.default_rng(args.seed)
    start = np.datetime64("2025-01-01")
    print(f"{'articles':>8} {'periods':>7} " + coverage_header(BINS, 14))
    for size, freq in RUNS:
        covered: dict[int, list[bool]] = {a: [] for a in BINS[:-1]}
        swings, reached = 0, 0
        for _ in range(args.trials):
            pick = arts.sample(n=min(size, len(arts)), random_state=int(rng.integers(2**31)))
            days = start + rng.integers(0, 181, len(pick)).astype("timedelta64[D]")
            b = aggregate_articles(pick.assign(date=pd.to_datetime(days)), freq)
            far, near = tally(b, truth, covered)
            swings, reached = swings + far, reached + near
        print(f"{size:>8} {freq:>7} " + coverage_row(covered, swings, reached, 14))
    print("cells: share of drawn periods whose 95% bar holds the mean of all articles (periods; '-': < 50);")
    print(SWINGS_NOTE)
    theme_swings(corpus, rng, args.trials)
    return 0


def theme_swings(corpus, rng: np.random.Generator, trials: int) -> None:
    """The theme chart under random days: the share of its drawn points (3 articles or more) of
    the 8 largest themes that lie 5 percentage points or more from the theme's share over all
    articles (every one chance), drawn by weeks against the chart's own periods
    (:func:`tonlage.present.charts.themes.theme_bucket_frequency`: months where the weeks hold
    fewer than 50 articles on average); and how often the chart's 95% bars
    (:func:`tonlage.intervals.share_mean_intervals`) hold that share, by the period's articles,
    and of the points 5 points off, how many have a bar that reaches it."""
    from tonlage.present.charts import theme_time_table
    from tonlage.present.charts.periods import bucket_start
    from tonlage.thresholds import MIN_POINT_ARTICLES

    at = corpus.article_themes[["article_id", "theme_id", "share"]]
    ids = corpus.articles["article_id"].to_numpy()
    truth = at.groupby("theme_id")["share"].sum() / len(ids)
    top = truth.sort_values(ascending=False).index[:8]
    at = at[at["theme_id"].isin(top)]
    start = np.datetime64("2025-01-01")
    bins = (3, 10, 20, 40, 80, 10**9)
    print(
        f"\n{'articles':>8} {'weeks: points >= 5 pp off':>26} {'chart periods: points >= 5 pp off':>35}  "
        + coverage_header(bins, 14).replace("swings", "5 pp off")
    )
    for size in (150, 509):
        off = {"W": [0, 0], "chart": [0, 0]}
        covered: dict[int, list[bool]] = {a: [] for a in bins[:-1]}
        far_total, reached = 0, 0
        for _ in range(trials):
            pick = rng.choice(ids, min(size, len(ids)), replace=False)
            days = pd.Series(
                pd.to_datetime(start + rng.integers(0, 181, len(pick)).astype("timedelta64[D]")), index=pick
            )
            # Every article has a row per theme (0 where the theme is absent), as the chart reads them.
            full = pd.MultiIndex.from_product([pick, top], names=["article_id", "theme_id"]).to_frame(index=False)
            tp = full.merge(at, how="left").fillna({"share": 0.0})
            tp["date"] = tp["article_id"].map(days)
            for how in off:
                if how == "W":
                    t = tp.assign(start=bucket_start(tp["date"], "W")).groupby(["theme_id", "start"])
                    table = t.agg(share=("share", "mean"), n_articles=("article_id", "nunique")).reset_index()
                else:
                    table = theme_time_table(tp)
                drawn = table[table["n_articles"] >= MIN_POINT_ARTICLES]
                far = (drawn["share"] - drawn["theme_id"].map(truth)).abs() >= SWING
                off[how][0] += int(far.sum())
                off[how][1] += len(drawn)
                if how == "chart":  # the chart's own bars
                    far, near = tally(table, table["theme_id"].map(truth), covered, value="share")
                    far_total, reached = far_total + far, reached + near
        print(
            f"{size:>8} {off['W'][0] / off['W'][1]:>26.3f} {off['chart'][0] / off['chart'][1]:>35.3f}  "
            + coverage_row(covered, far_total, reached, 14)
        )
    print("cells: share of the chart's drawn periods whose 95% bar holds the theme's share over all articles")


if __name__ == "__main__":
    raise SystemExit(main())
