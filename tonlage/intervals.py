"""The 95% intervals behind every direction the app claims (the Findings, the Compare page's
charts and its pale bars): a change of tone between two periods, the gap between two actors,
a mean tone, a change in a theme's share of the text and in the share of articles naming an
actor, and the rule that an interval "rules out no difference" as it is shown.

Pure numpy and ``scipy.special`` (0.09 s to import, against 0.55 s for ``scipy.stats``): the
findings of every view need them before its page is drawn. Articles, not sentences, are the
sampled units wherever sentences are grouped in articles: the sentences of one article share
its author, subject and register. Each interval's docstring gives how often it held the truth
on real articles it was never fitted on (``bench/gap_intervals.py``, ``bench/share_intervals.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

__all__ = [
    "excludes_zero",
    "SHARE_DIGITS",
    "SHARE_SHRINK",
    "share_interval",
    "share_intervals",
    "newcombe_interval",
    "newcombe_intervals",
    "p_values",
    "family_alpha",
    "ALPHA",
    "welch_interval",
    "gap_interval",
    "mean_interval",
    "mean_intervals",
    "weighted_mean_intervals",
    "share_weighted_intervals",
    "share_mean_intervals",
    "effective_counts",
    "shift_interval",
    "shift_p_value",
    "GroupGaps",
    "group_gaps",
]


#: The error of every claim: a 95 % interval, and a family's share of chance claims.
ALPHA = 0.05
_Z = 1.959964  # the normal's 97.5 % point
#: Halvings of the error's logarithm to find a p-value (1e-12 … 0.999: to a factor of 1.000002).
_BISECTIONS = 24
#: A tone lies between −1 and +1, so a mean tone does, and a change of tone between −2 and +2:
#: an interval reaching past them (a t interval over two or three articles, or one widened for
#: many actors) is cut at them. It holds the truth as often (the truth is always inside them).
TONE_LIMIT = 1.0


def _within(low: float, high: float, limit: float) -> tuple[float, float]:
    return max(low, -limit), min(high, limit)


def _by_article(tones: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per article (``groups``: each sentence's article), the sum of its sentences' tones, their
    number and the sum of their squares (articles of no sentence left out)."""
    if groups.dtype.kind in "iu" and groups.size and groups.min() >= 0:
        inverse = groups  # article rows: counted straight (np.unique sorted 1.1 million of them)
    else:
        _, inverse = np.unique(groups, return_inverse=True)
    counts = np.bincount(inverse)
    has = counts > 0
    sums = np.bincount(inverse, weights=tones)[has]
    return sums, counts[has].astype("float64"), np.bincount(inverse, weights=tones * tones)[has]


def _jackknife(sums: np.ndarray, counts: np.ndarray) -> float:
    """The jackknife's variance of the sentence-weighted mean ``sums.sum() / counts.sum()``
    over the articles (one sum of tones and one count of sentences each): the mean again
    without each article in turn; 0.0 with fewer than two articles or articles of one tone."""
    k = sums.size
    if k < 2:
        return 0.0
    total, n = float(sums.sum()), float(counts.sum())
    without = (total - sums) / (n - counts)  # the mean without each article (counts > 0)
    var = (k - 1) / k * float(np.square(without - without.mean()).sum())
    return var if var > 1e-24 else 0.0  # articles of one tone: no spread (not the last bits' noise)


def _welch_part(va: float, vb: float, n_a: float, n_b: float) -> list[tuple[float, float]]:
    """Welch's t interval of two means over ``n_a`` and ``n_b`` values, from each mean's variance
    (``va``, ``vb``): [(standard error, Welch–Satterthwaite degrees of freedom)], or [] when
    neither side has any spread."""
    if va + vb <= 0:
        return []
    return [(math.sqrt(va + vb), (va + vb) ** 2 / (va**2 / (n_a - 1) + vb**2 / (n_b - 1)))]


def _shift_parts(
    ta: np.ndarray, tb: np.ndarray, groups: tuple[np.ndarray, np.ndarray] | None
) -> tuple[float, list[tuple[float, float]] | None]:
    """The shift mean(tb) − mean(ta) and the (standard error, degrees of freedom) of each t
    interval its interval is the widest of: Welch's over sentences, and with ``groups`` the
    jackknife's over articles (NaN shift when a period has none; parts of no spread left out;
    None instead of the parts when, with ``groups``, a period's sentences are of one article)."""
    ta, tb = np.asarray(ta, dtype="float64"), np.asarray(tb, dtype="float64")
    if groups is not None:
        return _article_parts(*(_by_article(t, np.asarray(g)) for t, g in zip((ta, tb), groups)))
    if ta.size == 0 or tb.size == 0:
        return float("nan"), []
    shift = float(tb.mean() - ta.mean())
    if ta.size < 2 or tb.size < 2:
        return shift, []
    return shift, _welch_part(float(ta.var(ddof=1)) / ta.size, float(tb.var(ddof=1)) / tb.size, ta.size, tb.size)


def _article_parts(
    a: tuple[np.ndarray, np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[float, list[tuple[float, float]] | None]:
    """:func:`_shift_parts` over articles, from each period's articles' sums of tones, numbers
    of sentences and sums of squared tones (articles of no sentence left out): Welch's interval
    over the sentences from their sums, then the jackknife's over the articles."""
    (sa, na, qa), (sb, nb, qb) = (
        tuple(np.asarray(v, dtype="float64")[np.asarray(side[1]) > 0] for v in side) for side in (a, b)
    )
    n_a, n_b = float(na.sum()), float(nb.sum())
    if not n_a or not n_b:
        return float("nan"), []
    shift = float(sb.sum() / n_b - sa.sum() / n_a)
    if sa.size == 1 or sb.size == 1:
        return shift, None  # a period of one article: no interval (see shift_interval)
    parts = []
    if n_a >= 2 and n_b >= 2:
        va, vb = (
            _sentence_variance(float(s.sum()), float(q.sum()), n) / n for s, q, n in ((sa, qa, n_a), (sb, qb, n_b))
        )
        parts += _welch_part(va, vb, n_a, n_b)
    va, vb = _jackknife(sa, na), _jackknife(sb, nb)
    if va + vb > 0:
        terms = [v * v / (k - 1) for v, k in ((va, sa.size), (vb, sb.size)) if v > 0]
        parts.append((math.sqrt(va + vb), (va + vb) ** 2 / sum(terms)))
    return shift, parts


def _sentence_variance(total: float, squares: float, n: float) -> float:
    """The variance (n − 1 in the denominator) of ``n`` values from their sum and the sum of
    their squares; 0.0 where what is left is rounding (values all alike)."""
    var = (squares - total * total / n) / (n - 1)
    return var if var > 1e-12 * squares / n else 0.0


def shift_interval_of_articles(
    a: tuple[np.ndarray, np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray, np.ndarray], *, alpha: float = ALPHA
) -> tuple[float, float]:
    """:func:`shift_interval` with the articles the units, from each period's articles'
    ``(sums of tones, numbers of sentences, sums of squared tones)`` instead of its sentences:
    the same interval (one computation underlies both) without gathering the periods'
    sentences, over a million at 100,000 articles (the Overview's latest weeks)."""
    shift, parts = _article_parts(a, b)
    return _interval_of(shift, parts, alpha)


def shift_interval(
    ta: np.ndarray, tb: np.ndarray, groups: tuple[np.ndarray, np.ndarray] | None = None, *, alpha: float = ALPHA
) -> tuple[float, float]:
    """95 % interval of mean(tb) − mean(ta), the sentences' tones of two periods; NaN when a
    period has none.

    With ``groups`` (each sentence's article, per side) the articles are the sampled units,
    not the sentences: the sentences of one article share its author, subject and register,
    so they are not independent draws (in 509 real news articles, gnad-dev, their tones
    correlate within an article at 0.094, which with 22 sentences an article makes an interval
    over sentences about 1.7 times too narrow). Each period's sentence-weighted mean has the
    jackknife's variance over its articles (:func:`mean_interval`); Student's t with the
    Welch–Satterthwaite degrees of freedom of the two. The interval over sentences
    (:func:`welch_interval`) is the floor: articles that happen to agree would otherwise leave
    the sentences' own spread out. Without ``groups`` each sentence is its own unit: Welch's
    interval.

    With ``groups``, NaN when a period's sentences all come from one article: how far one
    article's tone lies from its period's cannot be measured from it. With the sentences' floor
    alone, real articles split at random into one article against 1, 3 or 10 others claimed a
    change in 68 %, 14 % and 33 % of splits (two articles against 2 or 10: 1.2 % and 5.4 %);
    borrowing the other period's spread between articles still claimed 8-10 %.

    It replaced a percentile bootstrap over articles, which on real articles split at random
    into two groups of one population claimed a change in 17 % of splits of 3 v 3 articles,
    13 % of 5 v 5 and 8 % of 10 v 10 (this interval: 3-5 %; bench/gap_intervals.py), and had to
    be given up for the normal interval beyond 20,000 sentences for its cost. This one is a few
    sums, deterministic, at every size. ``alpha``: another error than 5 % (a family's,
    :func:`family_alpha`); :func:`shift_p_value` gives the smallest that excludes 0.
    """
    shift, parts = _shift_parts(ta, tb, groups)
    return _interval_of(shift, parts, alpha)


def _interval_of(shift: float, parts: list[tuple[float, float]] | None, alpha: float) -> tuple[float, float]:
    """The interval of ``shift``: the widest of the t intervals ``parts`` ((standard error,
    degrees of freedom) each); NaN for a NaN shift or no parts (None)."""
    if shift != shift or parts is None:
        return float("nan"), float("nan")
    from scipy.special import stdtrit  # as welch_interval: scipy.special only

    half = max((float(stdtrit(df, 1 - alpha / 2)) * se for se, df in parts), default=0.0)
    return _within(shift - half, shift + half, 2 * TONE_LIMIT)


def shift_p_value(ta: np.ndarray, tb: np.ndarray, groups: tuple[np.ndarray, np.ndarray] | None = None) -> float:
    """The smallest error at which :func:`shift_interval` excludes 0 (the largest of its t
    intervals' two-sided p-values): 1.0 for no shift, 0.0 for a shift without any spread, NaN
    when a period has no sentences."""
    shift, parts = _shift_parts(ta, tb, groups)
    if shift != shift or parts is None:
        return float("nan")
    if shift == 0:
        return 1.0
    from scipy.special import stdtr  # as welch_interval: scipy.special only

    return max((2 * float(stdtr(df, -abs(shift) / se)) for se, df in parts), default=0.0)


class GroupGaps(NamedTuple):
    """:func:`group_gaps`' figures, one per group: each group's sentence-weighted mean tone
    (``tone``) and that of every other article (``tone_rest``), the gap between them, its
    p-value and the ends of its interval at the error ``alpha`` (NaN where a side has fewer
    than two articles); ``articles``/``sentences``: each group's counts."""

    tone: np.ndarray
    tone_rest: np.ndarray
    gap: np.ndarray
    p: np.ndarray
    low: np.ndarray
    high: np.ndarray
    articles: np.ndarray
    sentences: np.ndarray
    alpha: float


def _group_jackknife(g: np.ndarray, s: np.ndarray, c: np.ndarray, size: int):
    """Per group of articles (``g``; ``s``/``c`` each article's sum of tones and sentences, its
    counts > 0): the jackknife's variance of its sentence-weighted mean (:func:`_jackknife`: the
    mean again without each article in turn, then their spread), in one pass over the articles;
    0 where a group has fewer than two, or articles of one tone (not the last bits' noise)."""
    k = np.bincount(g, minlength=size).astype("float64")
    total, n = np.bincount(g, weights=s, minlength=size), np.bincount(g, weights=c, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        rest = n[g] - c
        without = np.where(rest > 0, (total[g] - s) / np.where(rest > 0, rest, 1.0), 0.0)
        centre = np.bincount(g, weights=without, minlength=size) / k
        squares = np.bincount(g, weights=np.square(without - centre[g]), minlength=size)
        var = np.where(k >= 2, (k - 1) / k * squares, 0.0)
    return np.where(var > 1e-24, var, 0.0)


#: Groups whose rest is measured at once in :func:`_rest_jackknife` (a block of articles × groups).
_REST_BLOCK = 8
#: A group's rest of at least this many articles has its variance linearised, not jackknifed
#: (:func:`group_gaps`).
REST_LINEARISED = 2000


def _rest_jackknife(g, s, c, sums_rest, n_rest, k_rest, which: np.ndarray) -> np.ndarray:
    """For each group in ``which``: the jackknife's variance of the sentence-weighted mean of
    all the articles outside it (its rest's sums ``sums_rest``, sentences ``n_rest`` and articles
    ``k_rest``, per group); 0 elsewhere.

    Each rest article's leave-one-out mean is taken as its distance from the rest's mean,
    ``(m·c − s) / (N − c)`` (no cancellation in the squares), for every article at once and a
    block of groups at a time; the group's own articles, which are not in its rest, are then
    taken out again by their sums (one pass, not a mask per group: 35 → 12 ms for twelve
    outlets over 76,621 articles)."""
    out = np.zeros(len(sums_rest))
    if not len(which):
        return out
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums_rest / n_rest
        # Each article's distance in its own group's rest (to be taken out of that rest's sums).
        own = np.where(n_rest[g] - c > 0, (mean[g] * c - s) / (n_rest[g] - c), 0.0)
    size = len(sums_rest)
    own_sum, own_squares = (
        np.bincount(g, weights=own, minlength=size),
        np.bincount(g, weights=own * own, minlength=size),
    )
    for start in range(0, len(which), _REST_BLOCK):
        block = which[start : start + _REST_BLOCK]
        with np.errstate(invalid="ignore", divide="ignore"):
            left = n_rest[block][None, :] - c[:, None]
            d = np.where(left > 0, (mean[block][None, :] * c[:, None] - s[:, None]) / left, 0.0)
        total = d.sum(axis=0) - own_sum[block]
        squares = np.einsum("ij,ij->j", d, d) - own_squares[block]
        k = k_rest[block]
        var = (k - 1) / k * np.maximum(squares - total * total / k, 0.0)
        out[block] = np.where(var > 1e-24, var, 0.0)
    return out


def group_gaps(
    groups,
    sums,
    counts,
    squares,
    size: int,
    *,
    alpha: float = ALPHA,
    tested: np.ndarray | None = None,
    family: bool = False,
) -> GroupGaps:
    """How far each group of articles (an outlet's, on the Overview) lies in tone from all the
    other articles: the sentence-weighted mean tone of its articles less that of the rest, with
    a 95 % interval (or one at ``alpha``: a family's, :func:`family_alpha`) and its p-value.

    The two sides share no article, as the two periods of :func:`shift_interval`: each side's
    mean has the jackknife's variance over its articles (the articles the sampled units), and
    the interval over sentences (Welch's, from the sums of squares) is the floor. Student's t
    has one degree of freedom less than the smaller side's articles (Hsu's rule), not the
    Welch–Satterthwaite number: on real news articles given random outlets (gnad-dev,
    bench/source_tone.py) a gap at 5 % was claimed for 5.8-6.8 % of outlets with the
    Welch–Satterthwaite degrees of freedom and 3.6-5.5 % with Hsu's; with the linearised
    variance (the delta method) instead of the jackknife, 7.2-8.8 %. Few articles of very
    different lengths make a mean whose spread the sums understate.

    Args:
        groups: Each article's group, ``0 … size-1``.
        sums: Each article's sum of sentence tones.
        counts: Each article's scored sentences (an article of none is no unit).
        squares: Each article's sum of squared sentence tones.
        size: The number of groups.
        alpha: The error of the intervals.
        tested: The groups whose interval is wanted (a mask of ``size``; default all): the
            rest's jackknife is a pass over the other groups' articles for each group.
        family: Draw the tested groups' intervals together: at the error
            :func:`family_alpha` gives their p-values for ``alpha`` (kept in the result's
            ``alpha``).
    """
    from scipy.special import stdtr, stdtrit  # as welch_interval: scipy.special only

    g = np.asarray(groups, dtype=np.int64)
    s, c, q = (np.asarray(v, dtype="float64") for v in (sums, counts, squares))
    keep = (c > 0) & ~np.isnan(s)
    g, s, c, q = g[keep], s[keep], c[keep], q[keep]

    def per(w):
        mine = np.bincount(g, weights=w, minlength=size).astype("float64")
        return mine, float(w.sum()) - mine

    (ka, kb), (na, nb), (sa, sb), (qa, qb) = per(np.ones(g.size)), per(c), per(s), per(q)
    ok = (ka >= 2) & (kb >= 2) & (np.ones(size, dtype=bool) if tested is None else np.asarray(tested, dtype=bool))
    va = _group_jackknife(g, s, c, size)
    # A rest of many articles: the linearised variance, which the jackknife's tends to as articles
    # grow (on the 100,000-article bench's outlets the two differed by 0.05-0.09 % at 2,019-2,400
    # articles, 0.2-0.4 % at 187-300); smaller rests: the jackknife itself, a pass over them each.
    large = kb >= REST_LINEARISED
    vb = _rest_jackknife(g, s, c, sb, nb, kb, np.flatnonzero(ok & ~large))
    if (ok & large).any():
        ss, sc, cc = (float(x.sum()) - np.bincount(g, weights=x, minlength=size) for x in (s * s, s * c, c * c))
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = sb / nb
            linear = kb / (kb - 1) * np.maximum(ss - 2 * mean * sc + mean * mean * cc, 0.0) / (nb * nb)
        vb = np.where(ok & large, linear, vb)
    with np.errstate(invalid="ignore", divide="ignore"):
        ma, mb = sa / na, sb / nb
        # Sentences the units (the floor): each side's spread of sentence tones over its sentences.
        wa = np.maximum(qa - sa * ma, 0.0) / (na - 1) / na
        wb = np.maximum(qb - sb * mb, 0.0) / (nb - 1) / nb
        terms = np.where(wa > 0, wa * wa / (na - 1), 0.0) + np.where(wb > 0, wb * wb / (nb - 1), 0.0)
        sentence_df = np.where(terms > 0, (wa + wb) ** 2 / terms, 1e6)
    gap = ma - mb
    parts = []
    p = np.zeros(size)
    for var, df in ((va + vb, np.minimum(ka, kb) - 1), (wa + wb, sentence_df)):
        se = np.sqrt(np.where(ok, var, 0.0))
        dfs = np.where(ok & np.isfinite(df) & (df >= 1), df, 1.0)
        parts.append((se, dfs))
        with np.errstate(invalid="ignore", divide="ignore"):
            p = np.maximum(p, np.where(se > 0, 2 * stdtr(dfs, -np.abs(gap) / se), np.where(gap == 0, 1.0, 0.0)))
    if family:
        alpha = family_alpha(p[ok], alpha)
    half = np.zeros(size)
    for se, dfs in parts:
        half = np.maximum(half, np.where(se > 0, stdtrit(dfs, 1 - alpha / 2) * se, 0.0))
    nan = np.full(size, np.nan)
    return GroupGaps(
        tone=ma,
        tone_rest=mb,
        gap=gap,
        p=np.where(ok, p, nan),
        low=np.where(ok, np.maximum(gap - half, -2 * TONE_LIMIT), nan),
        high=np.where(ok, np.minimum(gap + half, 2 * TONE_LIMIT), nan),
        articles=ka.astype(np.int64),
        sentences=na.astype(np.int64),
        alpha=float(alpha),
    )


def welch_interval(ta: np.ndarray, tb: np.ndarray, *, alpha: float = ALPHA) -> tuple[float, float]:
    """95 % Welch t interval of mean(tb) − mean(ta) (unequal variances, Welch–Satterthwaite
    degrees of freedom); NaN with fewer than two values on a side.

    For gaps that must be known before a page can be drawn (the findings of every view): no
    resampling, so it costs microseconds where a bootstrap took 90 ms for two
    actors of 4,516 and 10,000 sentences, and it needs only ``scipy.special`` (0.09 s to import
    against 0.55 s for ``scipy.stats``).
    """
    if ta.size < 2 or tb.size < 2:
        return float("nan"), float("nan")
    gap = float(tb.mean() - ta.mean())
    va, vb = float(ta.var(ddof=1)) / ta.size, float(tb.var(ddof=1)) / tb.size
    if va + vb == 0:
        return gap, gap  # no spread on either side: the gap is what it is
    # Imported on first use (the first page's findings: 0.09 s, where scipy.stats took 0.55 s).
    # Taking the normal quantile for large samples spared large corpora the import, but only
    # moved it to the first filter whose view had an actor of few sentences (at 100,000
    # articles that filter took 180-220 ms instead of 80-95).
    from scipy.special import stdtrit

    df = (va + vb) ** 2 / (va**2 / (ta.size - 1) + vb**2 / (tb.size - 1))
    half = float(stdtrit(df, 1 - alpha / 2)) * math.sqrt(va + vb)
    return gap - half, gap + half


def gap_interval(tx: np.ndarray, gx: np.ndarray, ty: np.ndarray, gy: np.ndarray) -> tuple[float, float]:
    """95 % interval of mean(tx) − mean(ty), two sets of sentence tones of one view (the
    sentences naming two actors), with ``gx`` and ``gy`` each sentence's article: articles,
    not sentences, are the sampled units, and an article may hold sentences of both (a
    sentence may be in both). NaN when the sentences come from fewer than two articles or a
    side has none.

    The linearised variance of the difference of the two ratio means (each side's sum of tones
    over its sentences), summed over articles, so sentences of one article that say alike and
    an article that names both actors count as what they are; Student's t with one degree of
    freedom less than articles. Welch's t over sentences, used alone before, took every
    sentence as an independent draw: on simulated views whose articles set the tone of their
    sentences it held the true gap far less often than 95 % (tests/engine/test_intervals.py),
    and on real articles split at random into two groups of one population it claimed a gap
    in 6.3-7.7 % of splits, this interval in 4.6-5.5 % (bench/gap_intervals.py).
    It is still the floor (a design effect of at least 1): articles that happen to agree
    exactly would otherwise make an interval of no width.
    """
    tx, ty = np.asarray(tx, dtype="float64"), np.asarray(ty, dtype="float64")
    if not (tx.size and ty.size):
        return float("nan"), float("nan")
    arts, inverse = np.unique(np.concatenate([np.asarray(gx), np.asarray(gy)]), return_inverse=True)
    k = len(arts)
    if k < 2:
        return float("nan"), float("nan")
    ix, iy = inverse[: tx.size], inverse[tx.size :]
    sx, nx = np.bincount(ix, weights=tx, minlength=k), np.bincount(ix, minlength=k)
    sy, ny = np.bincount(iy, weights=ty, minlength=k), np.bincount(iy, minlength=k)
    mx, my = float(sx.sum() / tx.size), float(sy.sum() / ty.size)
    e = (sx - mx * nx) / tx.size - (sy - my * ny) / ty.size
    se = math.sqrt(k / (k - 1) * float(np.square(e).sum()))
    from scipy.special import stdtrit  # as welch_interval: scipy.special only

    half = float(stdtrit(k - 1, 0.975)) * se
    low, high = welch_interval(ty, tx)
    if low == low:
        half = max(half, (high - low) / 2)
    return _within(mx - my - half, mx - my + half, 2 * TONE_LIMIT)


def paired_gap_interval(gaps: np.ndarray) -> tuple[float, float]:
    """95 % interval of the mean of per-article gaps: one value per article, the mean tone of
    some of its sentences less that of its other sentences (the words a reader searched for,
    :mod:`tonlage.findings`). Student's t with one degree of freedom less than articles; NaN
    with fewer than two. Each article is compared with itself, so what sets articles apart
    (short ones that are all about the words, a desk's tone) is not taken for a gap: random
    sentences of real news marked as "holding the words" claimed one in about 5 % of views at
    every view size (bench/words_tone.py), the two-sample :func:`gap_interval` in up to 6.1 %
    at 300 articles. Cut at ±2 :data:`TONE_LIMIT`."""
    d = np.asarray(gaps, dtype="float64")
    d = d[~np.isnan(d)]
    if d.size < 2:
        return float("nan"), float("nan")
    from scipy.special import stdtrit  # as welch_interval: scipy.special only

    mean = float(d.mean())
    half = float(stdtrit(d.size - 1, 0.975)) * float(d.std(ddof=1)) / math.sqrt(d.size)
    return _within(mean - half, mean + half, 2 * TONE_LIMIT)


def mean_interval(sums: np.ndarray, counts: np.ndarray | None = None) -> tuple[float, float]:
    """95 % t interval of a mean over articles, the articles the sampled units; NaN with fewer
    than two articles.

    With ``counts`` the mean is sentence-weighted: ``sums`` are each article's sum of sentence
    tones and ``counts`` its scored sentences (articles without any are left out), and the
    variance is the jackknife's (the mean again without each article in turn). Without,
    ``sums`` are one value per article (its tone), each counted once (the jackknife's variance
    is then the usual one). Student's t with one degree of freedom less than articles: two
    articles give a wide interval, as they should (t = 12.7).

    The linearised variance of the ratio, used before, trusted the few long articles that
    carry most sentences: n real articles drawn from gnad-dev's held-out half gave intervals
    that held the mean of all of them in 91.2-94.3 % of draws (n = 3 … 50), the jackknife's in
    93.7-95.0 % (tune half: 91.8-96.6 against 93.4-96.8; bench/gap_intervals.py; nothing
    fitted).
    """
    sums = np.asarray(sums, dtype="float64")
    counts = np.ones(sums.size) if counts is None else np.asarray(counts, dtype="float64")
    keep = (counts > 0) & ~np.isnan(sums)
    sums, counts = sums[keep], counts[keep]
    if sums.size < 2:
        return float("nan"), float("nan")
    mean = float(sums.sum() / counts.sum())
    k = sums.size
    se = math.sqrt(_jackknife(sums, counts))
    from scipy.special import stdtrit  # as welch_interval: scipy.special only

    half = float(stdtrit(k - 1, 0.975)) * se
    return _within(mean - half, mean + half, TONE_LIMIT)


def mean_intervals(n, total, squares) -> tuple[np.ndarray, np.ndarray]:
    """:func:`mean_interval` of many unweighted means at once (a tone chart's weeks or months),
    from each mean's count ``n`` of values (articles' tones), their sum ``total`` and their sum
    of squares ``squares``: Student's t with ``n − 1`` degrees of freedom, NaN where ``n < 2``,
    cut at ±:data:`TONE_LIMIT`.

    Nothing is fitted. Periods of real articles whose dates say nothing about them (gnad-dev's
    509 articles, days drawn at random: every period's true mean is the corpus's) held the mean
    of all articles in 94.6-96.7 % of periods, 92.7-97.5 % at each size from 3 articles to
    over 80 (bench/period_intervals.py).
    """
    n, total, squares = (np.asarray(v, dtype="float64") for v in (n, total, squares))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        # The sum of squared deviations; never below 0 (rounding of equal values).
        spread = np.maximum(squares - total * mean, 0.0)
        se = np.sqrt(spread / (n - 1) / n)
    return _t_ends(mean, se, n)


def weighted_mean_intervals(groups, sums, counts, size: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`mean_interval` with ``counts`` of many sentence-weighted means at once (an actor's
    weeks or months on the Actors page): ``groups`` numbers each article's row ``0 … size-1``,
    ``sums`` is its sum of sentence tones and ``counts`` its scored sentences. The jackknife's
    variance over each group's articles and Student's t with one degree of freedom less than
    articles; NaN for a group of fewer than two, cut at ±:data:`TONE_LIMIT`.

    Nothing is fitted. Real articles of gnad-dev naming an actor, given random days (every
    period's true tone is the actor's over all of them), held it in 91.6-96.9 % of periods of
    3 articles or more, 93.1-96.9 % from 5 articles (bench/actor_periods.py).
    """
    g = np.asarray(groups, dtype=np.int64)
    s, c = (np.asarray(v, dtype="float64") for v in (sums, counts))
    keep = (c > 0) & ~np.isnan(s)
    g, s, c = g[keep], s[keep], c[keep]
    k = np.bincount(g, minlength=size).astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(g, weights=s, minlength=size) / np.bincount(g, weights=c, minlength=size)
    return _t_ends(mean, np.sqrt(_group_jackknife(g, s, c, size)), k)


def effective_counts(shares) -> np.ndarray:
    """Kish's effective number of articles of each row of ``shares`` (rows × articles, the
    weights): ``(Σ share)² / Σ share²``, 0 for a row without a share. A theme that fills ten
    articles whole rests on 10; one that is a tenth of a hundred articles on 100; one that fills
    one article and a sliver of ninety others on little more than 1."""
    s = np.atleast_2d(np.asarray(shares, dtype="float64"))
    total, squares = s.sum(axis=1), np.square(s).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(squares > 0, total * total / np.where(squares > 0, squares, 1.0), 0.0)


def share_weighted_intervals(shares, values) -> tuple[np.ndarray, np.ndarray]:
    """95 % intervals of share-weighted means, one per row of ``shares`` (a theme's tone on the
    Themes page: its articles' tones weighted by the theme's share of each).

    ``shares`` is rows × articles (a theme's share of each article, 0 where it has none),
    ``values`` one finite value per article (its tone). Each row's mean is
    ``Σ share·value / Σ share`` over its articles; its variance the jackknife's over the articles
    with a share (the mean again without each in turn). Every article carries a little of every
    theme, so their count says little of how many a theme's mean rests on: the degrees of freedom
    are one less than the effective number of articles (:func:`effective_counts`, Kish's), and a
    row under two effective articles gets NaN. Cut at ±:data:`TONE_LIMIT`.

    Nothing is fitted; Kish's count was chosen before any figure was seen. Random views of
    gnad-dev's 509 real articles (the truth: each theme's tone over all of them; views of 10 to
    100 articles) held it in 94.3-98.3 % of themes at every effective size; the articles' count
    as the degrees of freedom held it in 89-95 % (bench/theme_tone_intervals.py).
    """
    s = np.atleast_2d(np.asarray(shares, dtype="float64"))
    v = np.asarray(values, dtype="float64")
    rows = s.shape[0]
    mean, se, units = np.full(rows, np.nan), np.zeros(rows), effective_counts(s)
    for r in range(rows):  # one row at a time: a theme's articles are contiguous, and few temporaries
        at = np.flatnonzero(s[r] > 0)
        if at.size < 2:
            continue
        w, x = s[r, at], v[at]
        total_w, total = float(w.sum()), float(w @ x)
        mean[r] = total / total_w
        rest = total_w - w
        without = (total - w * x) / np.where(rest > 0, rest, 1.0)
        k = at.size
        var = (k - 1) / k * float(np.square(without - without.mean()).sum())
        se[r] = math.sqrt(var) if var > 1e-24 else 0.0
    return _t_ends(mean, se, units)


def _t_ends(mean: np.ndarray, se: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each mean's 95 % t interval from its standard error ``se`` over ``units`` articles
    (``units − 1`` degrees of freedom), NaN under two, cut at ±:data:`TONE_LIMIT`."""
    from scipy.special import stdtrit  # as welch_interval: scipy.special only

    ok = units >= 2
    half = np.full(mean.shape, np.nan)
    if ok.any():
        half[ok] = stdtrit(units[ok] - 1, 0.975) * se[ok]
    low = np.where(ok, np.maximum(mean - half, -TONE_LIMIT), np.nan)
    high = np.where(ok, np.minimum(mean + half, TONE_LIMIT), np.nan)
    return low, high


#: Pseudo-articles that pull a side's dispersion towards that of 0/1 shares (see
#: :func:`share_interval`). Chosen on the TUNE half of gnad-dev, with each side's own dispersion
#: (before the pooled floor), as the smallest of 0, 0.05, ..., 0.25 whose coverage was 95 % or
#: more over all sizes and 93 % or more at each (bench/share_intervals.py, which gives the
#: HELD-OUT figures).
SHARE_SHRINK = 0.15


#: Decimals of a share (0.001 = a tenth of a percentage point) to which the interval of a change
#: of share is judged: near 0 its ends are written to a tenth of a point
#: (:meth:`~tonlage.i18n.Translator.points`), so "+0.4 … +30 pp" is a change, "0 … +30" is not.
SHARE_DIGITS = 3


def excludes_zero(low: float, high: float, digits: int = 2) -> bool:
    """Whether an interval of a change rules out no change, also as shown (its ends rounded to
    ``digits`` decimals: a tone's hundredth; :data:`SHARE_DIGITS` for a share); False for NaN.
    The rule for every claimed direction (the findings) and every pale bar (the Compare page's
    charts)."""
    return (low > 0 and round(low, digits) > 0) or (high < 0 and round(high, digits) < 0)


def _z(alpha):
    """The normal's point for a two-sided interval of error ``alpha`` (1.96 for 0.05)."""
    if np.ndim(alpha) == 0 and alpha == ALPHA:
        return _Z
    from scipy.special import ndtri  # as welch_interval: scipy.special only

    return ndtri(1 - np.asarray(alpha, dtype="float64") / 2)


def _wilson(x, n, z):
    centre = (x + z * z / 2) / (n + z * z)
    half = z * np.sqrt(np.maximum(0.0, x * (n - x) / n) + z * z / 4) / (n + z * z)
    return centre - half, centre + half


def wilson_intervals(x, n, *, alpha: float = ALPHA) -> tuple[np.ndarray, np.ndarray]:
    """95 % Wilson score intervals of the shares ``x / n`` (counts of articles, arrays); NaN where
    ``n`` is 0. Unlike the normal interval it stays within 0 … 1 and does not shrink to nothing
    at a share of 0 or 1: three articles of three holding a word say little."""
    x, n = np.asarray(x, dtype="float64"), np.asarray(n, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        low, high = _wilson(x, np.where(n > 0, n, np.nan), _z(alpha))
    return np.clip(low, 0.0, 1.0), np.clip(high, 0.0, 1.0)


def _newcombe(p_a, n_a, p_b, n_b, z=_Z):
    """Newcombe's hybrid score interval of p_b − p_a from the two Wilson intervals (Newcombe
    1998, method 10); ``n`` may be an effective number of articles. Scalars or arrays."""
    (l_a, u_a), (l_b, u_b) = _wilson(p_a * n_a, n_a, z), _wilson(p_b * n_b, n_b, z)
    gap = p_b - p_a
    return gap - np.hypot(p_b - l_b, u_a - p_a), gap + np.hypot(u_b - p_b, p_a - l_a)


def newcombe_intervals(x_a, n_a, x_b, n_b, *, alpha=ALPHA) -> tuple[np.ndarray, np.ndarray]:
    """:func:`newcombe_interval` of arrays of counts (one change of share each; ``alpha`` one
    for all or one each); NaN where a side has no articles."""
    x_a, n_a, x_b, n_b = (np.asarray(v, dtype="float64") for v in (x_a, n_a, x_b, n_b))
    ok = (n_a > 0) & (n_b > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        low, high = _newcombe(x_a / n_a, n_a, x_b / n_b, n_b, _z(alpha))
    return np.where(ok, low, np.nan), np.where(ok, high, np.nan)


def newcombe_interval(x_a: int, n_a: int, x_b: int, n_b: int, *, alpha: float = ALPHA) -> tuple[float, float]:
    """95 % interval of x_b/n_b − x_a/n_a, two shares of articles: Newcombe's hybrid score
    interval (from the two Wilson intervals; Newcombe 1998, method 10). Unlike a normal
    interval it stays sensible at 0 of 3 or 3 of 3 (a normal one has no width there). NaN when
    a side has no articles. ``alpha``: another error than 5 % (a family's, :func:`family_alpha`)."""
    low, high = newcombe_intervals(x_a, n_a, x_b, n_b, alpha=alpha)
    return float(low), float(high)


def _dispersions(n, total, squares, shrink):
    """(mean, dispersion) of ``n`` values in [0, 1] with this ``total`` and sum of ``squares``
    (arrays: one theme each): the variance over that of 0/1 values with the same mean, at most
    1 for values in [0, 1]; pulled towards 1 (the widest) by ``shrink`` pseudo-articles, since
    a few articles that happen to agree say little about how much the next one may differ."""
    with np.errstate(invalid="ignore", divide="ignore"):
        p = total / n
        variance = np.maximum(0.0, (squares - n * p * p) / (n - 1))
        dispersion = np.where((p > 0) & (p < 1), variance / (p * (1 - p)), 1.0)
    return p, (n * dispersion + shrink) / (n + shrink)


def share_intervals(
    n_a: int,
    totals_a,
    squares_a,
    n_b: int,
    totals_b,
    squares_b,
    *,
    shrink: float = SHARE_SHRINK,
    alpha=ALPHA,
    pooled: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`share_interval` of several themes at once: each side's number of values (one for
    all themes: the period's themed articles; or one per theme, when each compares other
    articles: an outlet's against the rest's), and per theme their total and sum of squares
    (the Compare page's table has them from two matrix products); ``alpha`` one for all or one
    per theme. NaN with fewer than two values on a side (on any, for numbers per theme).
    ``pooled=False``: each side's own dispersion, as before (bench/share_intervals.py compares
    the two)."""
    totals_a, squares_a, totals_b, squares_b = (
        np.asarray(v, dtype="float64") for v in (totals_a, squares_a, totals_b, squares_b)
    )
    if np.any(np.asarray(n_a) < 2) or np.any(np.asarray(n_b) < 2):
        nan = np.full(np.broadcast(totals_a, totals_b).shape, np.nan)
        return nan, nan.copy()
    from scipy.special import stdtrit  # as welch_interval: scipy.special only

    (p_a, d_a), (p_b, d_b) = (
        _dispersions(n_a, totals_a, squares_a, shrink),
        _dispersions(n_b, totals_b, squares_b, shrink),
    )
    # No change means both periods' articles come from one stream: a period whose few articles
    # happen to lack the theme (all near 0) shows none of the stream's spread, and trusting its
    # own made it certain of a share near 0. Each side's dispersion is at least the pooled one.
    if pooled:
        both = ((n_a - 1) * d_a + (n_b - 1) * d_b) / (n_a + n_b - 2)
        d_a, d_b = np.maximum(d_a, both), np.maximum(d_b, both)
    z = _z(alpha)
    q = 1 - np.asarray(alpha, dtype="float64") / 2
    # The effective numbers of articles, less for few articles (Student's t with n − 1).
    e_a = np.where(d_a > 0, n_a / np.where(d_a > 0, d_a, 1.0), n_a) * (z / stdtrit(n_a - 1, q)) ** 2
    e_b = np.where(d_b > 0, n_b / np.where(d_b > 0, d_b, 1.0), n_b) * (z / stdtrit(n_b - 1, q)) ** 2
    return _newcombe(p_a, e_a, p_b, e_b, z)


def p_values(interval_at: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]], size: int) -> np.ndarray:
    """The p-value of each of ``size`` changes: the smallest error ``alpha`` at which its
    interval (``interval_at(alphas)``, one alpha each, arrays of lows and highs) still rules out
    0, found by bisection (the intervals of a method are nested: a smaller error, a wider
    interval). 1.0 for a change whose interval holds 0 at any error; NaN for no interval."""
    lo, hi = np.full(size, 1e-12), np.full(size, 0.999)
    low, high = interval_at(hi)
    ever = (low > 0) | (high < 0)  # even the narrowest interval holds 0: p = 1
    for _ in range(_BISECTIONS):
        mid = np.sqrt(lo * hi)
        low, high = interval_at(mid)
        out = (low > 0) | (high < 0)
        hi, lo = np.where(out, mid, hi), np.where(out, lo, mid)
    return np.where(np.isnan(low), np.nan, np.where(ever, hi, 1.0))


def family_alpha(p: np.ndarray, alpha: float = ALPHA) -> float:
    """The error at which each interval of a family of changes (the themes of a comparison,
    its actors) is drawn, so that among the changes it claims, no more than ``alpha`` are
    chance on average: Benjamini and Hochberg's (1995) rule, whose claims are the changes with
    the R smallest p-values, R the largest rank r with p_(r) <= r·alpha/K, drawn as intervals
    of error R·alpha/K (Benjamini and Yekutieli's 2005 intervals for the claimed; exactly these
    exclude 0). No claim: alpha/K, as Bonferroni's. NaN p-values (no interval) do not count.
    One change: ``alpha`` itself."""
    p = np.sort(np.asarray(p, dtype="float64")[~np.isnan(np.asarray(p, dtype="float64"))])
    k = p.size
    if k <= 1:
        return alpha
    ranks = np.flatnonzero(p <= alpha * np.arange(1, k + 1) / k)
    return max(int(ranks[-1]) + 1 if ranks.size else 0, 1) * alpha / k


def share_mean_intervals(n, totals, squares, n_all: float, total_all: float, squares_all: float):
    """95 % intervals of mean shares, one per period (a theme's weeks or months on the Themes
    page's time chart): each period's ``n`` values in [0, 1], their ``totals`` and sums of
    ``squares``; ``n_all``, ``total_all``, ``squares_all`` the same over every period in view.

    One side of :func:`share_intervals`: Wilson's score interval with the period's effective
    number of articles (its dispersion against 0/1 shares, pulled towards 1 by
    :data:`SHARE_SHRINK` pseudo-articles, Student's t with ``n − 1``), the dispersion at least
    the theme's over the whole view (a month whose few articles happen to lack the theme shows
    none of the spread of the stream they come from). NaN under two articles.

    Nothing is fitted here. Real articles of gnad-dev given random days (every period's truth is
    the theme's share over all of them), the 8 largest themes, months of 10 to over 80
    articles: the intervals held it in 98.0 % of drawn periods, a little wider than they say
    (the view's dispersion as the floor), and reached it from 90 % of the points a 150-article
    view drew 5 points or more off by chance (bench/period_intervals.py).
    """
    n, totals, squares = (np.atleast_1d(np.asarray(v, dtype="float64")) for v in (n, totals, squares))
    ok = n >= 2
    low, high = np.full(n.shape, np.nan), np.full(n.shape, np.nan)
    if not ok.any():
        return low, high
    from scipy.special import stdtrit  # as welch_interval: scipy.special only

    p, d = _dispersions(n[ok], totals[ok], squares[ok], SHARE_SHRINK)
    if n_all >= 2:
        d = np.maximum(d, _dispersions(float(n_all), float(total_all), float(squares_all), SHARE_SHRINK)[1])
    e = np.where(d > 0, n[ok] / np.where(d > 0, d, 1.0), n[ok]) * (_Z / stdtrit(n[ok] - 1, 0.975)) ** 2
    low[ok], high[ok] = _wilson(p * e, e, _Z)
    return np.clip(low, 0.0, 1.0), np.clip(high, 0.0, 1.0)


def share_interval(
    a: np.ndarray, b: np.ndarray, *, shrink: float = SHARE_SHRINK, alpha: float = ALPHA, pooled: bool = True
) -> tuple[float, float]:
    """95 % interval of mean(b) − mean(a) for values between 0 and 1 (a theme's share of each
    article); NaN with fewer than two values on a side.

    Newcombe's score interval (:func:`newcombe_interval`) with each side's effective number of
    articles in place of its number (the design-effect idea of Korn & Graubard 1998 for shares
    that are not 0/1 counts), so it keeps Wilson's sense at the edges: three articles without
    the theme do not make its share exactly 0. A theme's share is 0 in most articles, and
    Welch's t interval, symmetric and trusting a side's spread, went wrong there.

    Each side's dispersion is at least the two sides' pooled one (``pooled``): where nothing
    changed, both periods' articles come from one stream, and a period whose few articles
    happen to lack the theme shows none of the stream's spread. Trusting its own, the interval
    claimed a change in 9.0 % of themes (13 % at 10 against 10 articles) when both periods were
    drawn from the same mix of desks; pooled, in 2.9 % (at most 4.6 % at any size), and the
    Compare page draws a comparison's themes together (:func:`family_alpha`): 1.4 % of such
    comparisons show any theme as changed, against 54 % before (bench/share_intervals.py
    ``--stream``, held-out half of gnad-dev, nothing fitted). Between desks (the bench without
    ``--stream``, held-out half): coverage 95.2 % → 97.4 %, same-desk false claims 4.4 % →
    1.7 % (10 v 10: 7.6 % → 1.5 %; 30 v 30: 7.3 % → 3.8 %), changes of 10 points found the
    right way 64.8 % → 56.4 %: the price of claiming less by chance.
    """
    a, b = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    low, high = share_intervals(
        a.size,
        a.sum(),
        np.square(a).sum(),
        b.size,
        b.sum(),
        np.square(b).sum(),
        shrink=shrink,
        alpha=alpha,
        pooled=pooled,
    )
    return float(low), float(high)
