"""How often the Actors page's weekly or monthly 95% bars hold an actor's true tone, and how far
its dots swing by chance, on real articles whose dates say nothing about them.

The Actors page draws each chosen actor's weeks or months when its cloud of article dots grows
past ``ACTOR_DOTS_OVER``: the tone of the sentences naming the actor in that period, with a bar
for its 95% interval over the articles (:func:`tonlage.intervals.weighted_mean_intervals`
through :func:`tonlage.present.charts.actor_period_table`, the chart's own table). Here the 509
articles of ``../shared/eval/gnad-dev`` (never copied into the repository), analysed as a
folder with the bundled list of actors, get random days over 181 days in every trial, so each
period's true tone is the actor's over all its articles. Nothing is fitted. Counted for the four
most named actors, over the periods drawn with a bar (3 articles or more): the share whose bar
holds the truth, by articles in the period; the share of dots 0.05 or more from it (a swing a
reader would see, every one chance); and of those the share whose bar reaches the truth. Before
this bench's change the periods had no bars at all (and views under 300 articles drew only a
cloud of article dots).

    python -m bench.actor_periods [--trials 300] [--seed 0] [--data ../shared/eval/gnad-dev]

Figures (2026-12-05, main at f77dece plus this change, seed 0, 300 trials a row; cells: the share
of drawn periods whose bar holds the truth, with their number; "-": fewer than 50; sd: the
spread of the actor's tone from article to article):

    actor     articles  sd    periods  n 3-4         n 5-9        n 10-19       all    swings  bar reaches truth
    EU        64        0.32  weeks    0.939 (2718)  0.931 (744)  -             0.937  0.710   0.916
    EU        64        0.32  months   -             0.948 (617)  0.945 (1143)  0.947  0.494   0.892
    USA       58        0.35  weeks    0.916 (2463)  0.933 (537)  -             0.919  0.758   0.957
    USA       58        0.35  months   -             0.940 (843)  0.969 (912)   0.954  0.668   0.934
    Russland  29        0.38  weeks    0.947 (703)   -            -             0.947  0.809   0.934
    Russland  29        0.38  months   0.968 (647)   0.947 (946)  -             0.955  0.759   0.941
    UN        20        0.40  weeks    0.960 (321)   -            -             0.960  0.779   0.949
    UN        20        0.40  months   0.961 (761)   0.968 (435)  -             0.963  0.756   0.951

The Tone page's months of the author's and the quoted sentences (``voices``: views of 60 and all
509 articles, 100 trials each; the truth is each voice's tone over all articles):

    voice   articles  periods  n 5-9        n 10-19      n 20+        all    swings  bar reaches truth
    author  60        months   0.951 (267)  0.963 (320)  -            0.957  0.375   0.884
    quoted  60        months   0.948 (250)  0.921 (330)  -            0.934  0.620   0.899
    author  509       months   -            -            0.975 (600)  0.975  0.015   0.333
    quoted  509       months   -            -            0.975 (600)  0.975  0.090   0.722

So the bars hold the truth about as often as they say (91.6-96.9 % per cell; the weeks of three
or four articles a little less). An actor named in 20-64 of the articles swings by 0.05 or
more in half to four fifths of its periods, every swing chance; 89-96 % of those dots now have a
bar that reaches the truth (before, none had a bar). The spread of an actor's tone from article
to article (0.32-0.40 here) is what sets ``ACTOR_WEEK_ARTICLES``.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

from bench.null_comparisons import dated_corpus, trial_args
from bench.period_intervals import SWINGS_NOTE, coverage_header, coverage_row, tally

#: Bins of a period's articles for the coverage table.
BINS = (3, 5, 10, 20, 10**9)
ACTORS = 4


def main() -> int:
    args = trial_args(__doc__.splitlines()[0], 300)
    corpus = dated_corpus(args.data)  # its dates are drawn afresh in every trial below
    if corpus is None:
        return 2
    from tonlage.present.charts import actor_period_table

    aa = corpus.actor_articles.dropna(subset=["tone"])
    aa = aa[aa["n_sentences"] > 0]
    top = aa.groupby("actor")["article_id"].nunique().sort_values(ascending=False).index[:ACTORS]
    rng = np.random.default_rng(args.seed)
    start = np.datetime64("2025-01-01")
    print(f"{'actor':<10} {'articles':>8} {'sd':>5} {'periods':>7} " + coverage_header(BINS, 13))
    for actor in top:
        part = aa[aa["actor"] == actor].reset_index(drop=True)
        truth = float((part["tone"] * part["n_sentences"]).sum() / part["n_sentences"].sum())
        for freq in ("W", "M"):
            covered: dict[int, list[bool]] = {a: [] for a in BINS[:-1]}
            swings, reached = 0, 0
            for _ in range(args.trials):
                days = start + rng.integers(0, 181, len(part)).astype("timedelta64[D]")
                table = actor_period_table(part.assign(date=pd.to_datetime(days)), freq)
                far, near = tally(table, truth, covered)
                swings, reached = swings + far, reached + near
            print(
                f"{actor:<10} {len(part):>8} {part['tone'].std():>5.2f} {'weeks' if freq == 'W' else 'months':>7} "
                + coverage_row(covered, swings, reached, 13)
            )
    print("cells: share of drawn periods (3+ articles) whose 95% bar holds the actor's tone over all its articles;")
    print(SWINGS_NOTE)
    voices(corpus, rng, args.trials)
    return 0


def voices(corpus, rng: np.random.Generator, trials: int) -> None:
    """The Tone page's months of the author's and the quoted sentences, under the same random
    days: the bars drawn (a solid mark: MIN_SENTENCES sentences or more, and an interval) and
    how often they hold the voice's tone over all articles (bins: the month's articles)."""
    from tonlage.voice_tone import MIN_SENTENCES, voice_tone_by_period

    s = corpus.sentence_store.frame(["article_id", "tone", "voice"], scored=True)
    ids = corpus.articles["article_id"].to_numpy()
    start = np.datetime64("2025-01-01")
    print(f"\n{'voice':<10} {'articles':>8} {'periods':>7} " + coverage_header(BINS, 13))
    for size in (60, len(ids)):
        for voice in ("author", "quoted"):
            truth = float(s.loc[s["voice"] == voice, "tone"].mean())
            covered: dict[int, list[bool]] = {a: [] for a in BINS[:-1]}
            swings, reached = 0, 0
            for _ in range(max(1, trials // 3)):
                c = copy.copy(corpus)
                c.articles = corpus.articles.assign(
                    date=pd.to_datetime(start + rng.integers(0, 181, len(ids)).astype("timedelta64[D]"))
                )
                pick = ids if size == len(ids) else rng.choice(ids, size, replace=False)
                t = voice_tone_by_period(c, "M", list(pick))
                t = t[(t[f"n_{voice}"] >= MIN_SENTENCES) & t[f"low_{voice}"].notna()]
                drawn = pd.DataFrame(
                    {
                        "n_articles": t["n_articles"],
                        "tone": t[f"tone_{voice}"],
                        "low": t[f"low_{voice}"],
                        "high": t[f"high_{voice}"],
                    }
                )
                far, near = tally(drawn, truth, covered)
                swings, reached = swings + far, reached + near
            print(f"{voice:<10} {size:>8} {'months':>7} " + coverage_row(covered, swings, reached, 13))


if __name__ == "__main__":
    raise SystemExit(main())
