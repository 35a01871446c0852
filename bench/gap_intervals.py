"""How often the findings' tone intervals claim what is not there, on real articles.

The Overview's finding "Of the actors named in at least 5 sentences, X has the highest tone"
is a claim against the runner-up, made only when the 95% interval of the gap between the two
excludes 0 (:func:`tonlage.intervals.gap_interval`). Sentences of one article share its subject,
author and register, so their tones are not independent draws; Welch's t over sentences, used
before, took them as such.

Real text, no labels needed: the articles of ``/work/shared/eval/gnad-dev`` (never copied),
each sentence scored by the engine (``per_article.parse``). For each of a few words that many
articles use (a stand-in for an actor's name), the articles with a sentence naming it are split
at random into two groups of n articles; the two groups' sentences naming the word are the two
"actors". Both come from the same articles' population, so the true gap is 0, and a 95%
interval should exclude 0 in about 5% of splits. Nothing is fitted here.

    python -m bench.gap_intervals [--splits 2000]

Figures (2026-12-04, seed 0, 2,000 splits per word and size, 6 words, 50-178 articles each;
12,000 splits a size): the share of splits whose interval excludes 0

    articles a side   Welch over sentences   over articles (gap_interval, now)
          3                 0.063                  0.049
          5                 0.076                  0.055
         10                 0.074                  0.047
         20                 0.077                  0.046

One or two articles on a side (``uneven``; 2026-12-05, seed 0, 1,000 splits per word and pair):
the share of splits whose interval excludes 0, before (main at d16bfb2: a period of one article
kept the interval over its sentences) and after (no interval for a period of one article):

    articles a v b   gap_interval   shift_interval before -> after
        1 v 1            0.676          0.676 -> 0 (no interval)
        1 v 3            0.226          0.138 -> 0 (no interval)
        1 v 10           0.335          0.325 -> 0 (no interval)
        2 v 2            0.056          0.012
        2 v 10           0.080          0.054
        3 v 3            0.050          0.022
        3 v 10           0.055          0.028

So an actor of one article is not ranked against others (its gap claimed a difference in a
quarter to two thirds of splits), nor its tone shift compared (tonlage.compare.
MIN_ACTOR_ARTICLES = 3), and a period of one article gets no interval. Borrowing the other
period's spread between articles for the lone article still claimed 8-10 % at 1 v 3 and 1 v 10.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from bench.themes_quality import DEFAULT_DATA, half_of, parsed_material
from tonlage.intervals import excludes_zero, gap_interval, mean_interval, shift_interval, welch_interval

WORDS = ("Österreich", "Regierung", "Wien", "Prozent", "Euro", "Polizei")
SIZES = (3, 5, 10, 20)


def sentences_naming(texts, parsed, word: str) -> tuple[np.ndarray, np.ndarray]:
    """(tone, article) of every scored sentence that contains ``word``."""
    tones, arts = [], []
    for a, (text, p) in enumerate(zip(texts, parsed)):
        for (start, end), (score, _, _) in zip(p.spans, p.tones):
            if word in text[start:end] and score == score:
                tones.append(score)
                arts.append(a)
    return np.array(tones), np.array(arts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not (DEFAULT_DATA / "labels.csv").is_file():
        print(f"no articles in {DEFAULT_DATA}", file=sys.stderr)
        return 2
    _, _, texts, _, parsed, _ = parsed_material(DEFAULT_DATA)
    rng = np.random.default_rng(args.seed)
    claims = {(n, m): 0 for n in SIZES for m in ("welch", "articles")}
    counted = dict.fromkeys(SIZES, 0)
    for word in WORDS:
        tone, art = sentences_naming(texts, parsed, word)
        pool = np.unique(art)
        print(f"{word}: {len(tone)} sentences in {len(pool)} articles")
        for n in SIZES:
            if 2 * n > len(pool):
                continue
            for _ in range(args.splits):
                pick = rng.permutation(pool)[: 2 * n]
                in_a, in_b = np.isin(art, pick[:n]), np.isin(art, pick[n:])
                ta, tb = tone[in_a], tone[in_b]
                low, high = welch_interval(tb, ta)
                claims[(n, "welch")] += excludes_zero(low, high)
                low, high = gap_interval(ta, art[in_a], tb, art[in_b])
                claims[(n, "articles")] += excludes_zero(low, high)
                counted[n] += 1
    print("\nShare of splits of one population whose interval excludes 0 (0.05 wanted):")
    print(f"{'articles a side':>16} {'splits':>7} {'Welch over sentences':>21} {'over articles':>14}")
    for n in SIZES:
        if counted[n]:
            print(
                f"{n:16d} {counted[n]:7d} {claims[(n, 'welch')] / counted[n]:21.3f}"
                f" {claims[(n, 'articles')] / counted[n]:14.3f}"
            )
    uneven(texts, parsed, rng, args.splits // 2)
    view_tone(texts, parsed, rng, args.splits)
    tone_shift(parsed, rng, args.splits // 4)
    return 0


#: Articles a side of the uneven splits: a period or an actor of one or two articles.
UNEVEN = ((1, 1), (1, 3), (1, 10), (2, 2), (2, 10), (3, 3), (3, 10))


def uneven(texts, parsed, rng, splits: int) -> None:
    """Splits of one population with one or two articles on a side: how often the gap's
    interval (an actor named in that many articles against one in more) and the tone shift's
    (a period of that many articles) exclude 0. ``shift_interval`` gives no interval for a
    period of one article (NaN: no claim); the findings rank no actor named in fewer than
    ``MIN_ACTOR_ARTICLES`` (3) articles."""
    print(
        f"\n{'articles a v b':>16} {'splits':>7} {'gap_interval':>13} {'shift_interval':>15} {'shift: no interval':>19}"
    )
    for na, nb in UNEVEN:
        gap = shift = none = total = 0
        for word in WORDS:
            tone, art = sentences_naming(texts, parsed, word)
            pool = np.unique(art)
            if na + nb > len(pool):
                continue
            for _ in range(splits):
                pick = rng.permutation(pool)[: na + nb]
                ia, ib = np.isin(art, pick[:na]), np.isin(art, pick[na:])
                gap += excludes_zero(*gap_interval(tone[ia], art[ia], tone[ib], art[ib]))
                low, high = shift_interval(tone[ia], tone[ib], (art[ia], art[ib]))
                shift += excludes_zero(low, high)
                none += low != low
                total += 1
        print(f"{f'{na} v {nb}':>16} {total:7d} {gap / total:13.3f} {shift / total:15.3f} {none / total:19.3f}")


def _linearised(sums: np.ndarray, counts: np.ndarray) -> tuple[float, float]:
    """The view's tone interval as it was before the jackknife: the linearised variance of the
    ratio of sums, Student's t with articles - 1 degrees of freedom."""
    from scipy.special import stdtrit

    k, mean = sums.size, sums.sum() / counts.sum()
    var = k / (k - 1) * np.square(sums - mean * counts).sum() / counts.sum() ** 2
    half = float(stdtrit(k - 1, 0.975)) * float(np.sqrt(var))
    return mean - half, mean + half


def view_tone(texts, parsed, rng, draws: int) -> None:
    """The view's overall tone ("rather positive, +0.06 (95% interval +0.02 … +0.10)"): how
    often the interval of n articles drawn at random holds the mean of all of them, on each
    half of the articles (bench/themes_quality.py's halves)."""
    sums = np.array([np.nansum([t[0] for t in p.tones]) for p in parsed])
    counts = np.array([sum(t[0] == t[0] for t in p.tones) for p in parsed], dtype="float64")
    halves = np.array([half_of(t) for t in texts])
    for half in ("tune", "held-out"):
        keep = (counts > 0) & (halves == half)
        s, c = sums[keep], counts[keep]
        truth = s.sum() / c.sum()
        print(f"\nThe tone of n articles drawn from the {keep.sum()} of the {half} half (their mean {truth:+.3f}):")
        print(f"{'articles':>16} {'draws':>7} {'linearised (before)':>20} {'jackknife (now)':>16}")
        for n in (3, 5, 10, 20, 50):
            held = [0, 0]
            for _ in range(draws):
                pick = rng.choice(len(s), n, replace=False)
                for m, (low, high) in enumerate((_linearised(s[pick], c[pick]), mean_interval(s[pick], c[pick]))):
                    held[m] += low <= truth <= high
            print(f"{n:16d} {draws:7d} {held[0] / draws:20.3f} {held[1] / draws:16.3f}")


def _bootstrap(ta, ga, tb, gb, rng, n_boot: int = 1000) -> tuple[float, float]:
    """The Compare page's tone shift interval as it was before: a percentile bootstrap that
    drew each period's articles again (sentence-weighted means; the sentences' own interval
    kept where wider with fewer than three articles a period)."""

    def per_article(t, g):
        _, inv = np.unique(g, return_inverse=True)
        return np.bincount(inv, weights=t), np.bincount(inv).astype("float64")

    (sa, na), (sb, nb) = per_article(ta, ga), per_article(tb, gb)
    pa, pb = rng.integers(0, sa.size, (n_boot, sa.size)), rng.integers(0, sb.size, (n_boot, sb.size))
    diffs = sb[pb].sum(1) / nb[pb].sum(1) - sa[pa].sum(1) / na[pa].sum(1)
    low, high = np.percentile(diffs, [2.5, 97.5])
    if min(sa.size, sb.size) < 3:
        w_low, w_high = welch_interval(ta, tb)
        low, high = min(low, w_low), max(high, w_high)
    return float(low), float(high)


def tone_shift(parsed, rng, splits: int) -> None:
    """The Compare page's tone shift: all articles split at random into two periods of n
    articles each (one population: no true change); how often the interval claims one."""
    tones, arts = [], []
    for a, p in enumerate(parsed):
        for t in p.tones:
            if t[0] == t[0]:
                tones.append(t[0])
                arts.append(a)
    tone, art = np.array(tones), np.array(arts)
    pool = np.unique(art)
    print(f"\nThe tone shift between two random groups of n of the {len(pool)} articles (no true change):")
    print(f"{'articles a side':>16} {'splits':>7} {'bootstrap (before)':>19} {'over articles (now)':>20}")
    for n in (3, 5, 10, 20, 50):
        claims = [0, 0]
        for _ in range(splits):
            pick = rng.permutation(pool)[: 2 * n]
            ia, ib = np.isin(art, pick[:n]), np.isin(art, pick[n:])
            ta, tb, ga, gb = tone[ia], tone[ib], art[ia], art[ib]
            claims[0] += excludes_zero(*_bootstrap(ta, ga, tb, gb, rng))
            claims[1] += excludes_zero(*shift_interval(ta, tb, (ga, gb)))
        print(f"{n:16d} {splits:7d} {claims[0] / splits:19.3f} {claims[1] / splits:20.3f}")


if __name__ == "__main__":
    sys.exit(main())
