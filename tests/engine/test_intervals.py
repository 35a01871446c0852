"""The 95% intervals behind every claimed direction (tonlage/intervals.py): each checked
against a reference (scipy's Welch t, Newcombe's published values, the jackknife worked out from
its definition) or against the truth of simulated data whose articles set their sentences' tone.
"""

import math

import numpy as np
import pytest

from tonlage.intervals import newcombe_interval, share_interval


def test_welch_interval_is_scipy_s_welch_t_interval():
    from scipy import stats

    from tonlage.intervals import welch_interval

    rng = np.random.default_rng(3)
    for na, nb in ((5, 9), (48, 13), (4516, 700)):
        ta, tb = np.clip(rng.normal(-0.3, 0.3, na), -1, 1), np.clip(rng.normal(-0.1, 0.5, nb), -1, 1)
        want = stats.ttest_ind(tb, ta, equal_var=False).confidence_interval(0.95)
        assert welch_interval(ta, tb) == pytest.approx((want.low, want.high), abs=1e-9)
    ta, tb = rng.normal(-0.3, 0.3, 20_000), rng.normal(-0.29, 0.3, 30_000)
    want = stats.ttest_ind(tb, ta, equal_var=False).confidence_interval(0.95)
    assert welch_interval(ta, tb) == pytest.approx((want.low, want.high), abs=1e-9)
    assert welch_interval(np.array([0.2, 0.2]), np.array([0.5, 0.5, 0.5])) == pytest.approx((0.3, 0.3))
    assert all(math.isnan(v) for v in welch_interval(np.array([0.1]), np.array([0.2, 0.3])))


def test_newcombe_interval_matches_published_values_and_stays_sensible_at_the_edges():
    from tonlage.intervals import newcombe_interval

    # Newcombe (1998), Table II, example (a): 56/70 − 48/80 → 0.0524 … 0.3339 (method 10)
    low, high = newcombe_interval(48, 80, 56, 70)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)
    # 0 of 3 against 3 of 3: a normal interval would have no width; this one has
    low, high = newcombe_interval(0, 3, 3, 3)
    assert 0 < low < 0.5 and high == pytest.approx(1.0)
    low, high = newcombe_interval(1, 3, 2, 3)
    assert low < 0 < high
    assert all(math.isnan(v) for v in newcombe_interval(0, 0, 1, 3))


def test_with_few_articles_a_period_the_interval_is_at_least_the_one_over_sentences():
    """Two articles whose means are close say little about the spread: their sentences' own
    spread is kept (the floor of every interval over articles)."""
    from tonlage.intervals import shift_interval, shift_p_value, welch_interval

    # two articles a side, each article's sentences spread wide but the articles' means close
    ta, tb = np.array([-0.9, 0.5, -0.8, 0.4] * 3), np.array([-0.5, 0.9, -0.4, 0.8] * 3)
    ga, gb = np.repeat([0, 1], 6), np.repeat([0, 1], 6)
    assert shift_interval(ta, tb, (ga, gb)) == pytest.approx(welch_interval(ta, tb))
    # a period of one article: its spread between articles cannot be told at all, and the
    # sentences' own spread alone claimed a change in a third of real splits: no interval
    one = np.zeros(12, dtype=int)
    for groups in ((one, one), (one, gb), (ga, one)):
        assert all(math.isnan(v) for v in shift_interval(ta, tb, groups))
        assert math.isnan(shift_p_value(ta, tb, groups))
    assert not math.isnan(shift_interval(ta, tb)[0])  # without articles: Welch's, as before
    # articles that differ: wider than over sentences
    apart = np.repeat([0, 1, 2], 4)
    low, high = shift_interval(np.sort(ta), np.sort(tb), (apart, apart))
    w_low, w_high = welch_interval(ta, tb)
    assert high - low > w_high - w_low


def test_mean_interval_is_the_t_interval_over_articles():
    from scipy import stats

    from tonlage.intervals import mean_interval

    rng = np.random.default_rng(3)
    # One value per article: Student's t interval of their mean.
    x = rng.normal(0.1, 0.3, 9)
    want = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    assert mean_interval(x) == pytest.approx(want, abs=1e-12)
    # Sentence-weighted: centred on the sentences' mean, the jackknife's spread over articles
    # (the mean again without each article, worked out here one by one), t with articles − 1
    # degrees of freedom.
    counts = rng.integers(1, 30, 12).astype(float)
    sums = rng.normal(0.0, 0.2, 12) * counts + 0.05 * counts
    mean = sums.sum() / counts.sum()
    without = [np.delete(sums, i).sum() / np.delete(counts, i).sum() for i in range(12)]
    var = 11 / 12 * sum((w - np.mean(without)) ** 2 for w in without)
    half = stats.t.ppf(0.975, 11) * np.sqrt(var)
    assert mean_interval(sums, counts) == pytest.approx((mean - half, mean + half), abs=1e-12)
    # Articles without a scored sentence are no unit at all; fewer than two units: no interval.
    assert mean_interval(np.append(sums, 0.0), np.append(counts, 0.0)) == pytest.approx((mean - half, mean + half))
    assert all(np.isnan(mean_interval(np.array([0.4]))))
    assert all(np.isnan(mean_interval(np.array([0.4, 0.2]), np.array([3.0, 0.0]))))
    # The same tone in sentence after sentence of one article is not a sample of many: an
    # article that is long does not narrow the interval the way more articles do.
    many = mean_interval(np.repeat([0.3, -0.1, 0.2], 10))
    long = mean_interval(np.array([3.0, -1.0, 2.0]), np.array([10.0, 10.0, 10.0]))
    assert (long[1] - long[0]) > 3 * (many[1] - many[0])


def test_weighted_mean_intervals_are_mean_interval_group_by_group():
    """Many sentence-weighted means at once (an actor's weeks): each group's interval is the one
    :func:`mean_interval` gives its articles alone; a group of one article (or of articles
    without a scored sentence) has none."""
    from tonlage.intervals import mean_interval, weighted_mean_intervals

    rng = np.random.default_rng(5)
    groups = np.repeat(np.arange(6), [1, 2, 3, 7, 25, 4])
    counts = rng.integers(1, 12, groups.size).astype(float)
    sums = rng.normal(0.0, 0.35, groups.size) * counts
    counts[-1], sums[-2] = 0.0, np.nan  # no sentence; no tone: both left out of group 5
    order = rng.permutation(groups.size)  # rows in any order
    low, high = weighted_mean_intervals(groups[order], sums[order], counts[order], 7)
    for g in range(6):
        want = mean_interval(sums[groups == g], counts[groups == g])
        np.testing.assert_allclose([low[g], high[g]], want, atol=1e-12)
    assert np.isnan(low[0]) and np.isnan(high[0]) and np.isnan(low[6])  # one article; none
    assert not np.isnan(low[5])  # two articles left of four
    # Articles of one tone: no spread, the interval is the mean itself (not rounding noise).
    same = weighted_mean_intervals(np.zeros(3, dtype=int), np.array([0.3, 0.6, 0.9]), np.array([1.0, 2.0, 3.0]), 1)
    assert same[0][0] == pytest.approx(0.3) and same[1][0] == pytest.approx(0.3)


def test_share_interval_gives_few_articles_that_agree_a_width_and_trusts_many():
    """A theme's share is 0 in most articles. Three articles without it do not make its share
    exactly 0 (Welch's t gave that side no spread and claimed a change from the other side
    alone); with many articles the interval is Newcombe's for 0/1 shares."""
    from tonlage.intervals import welch_interval

    rng = np.random.default_rng(3)
    few = np.zeros(3)
    many = np.where(rng.random(30) < 0.15, rng.uniform(0.3, 1.0, 30), 0.0)  # the theme in a few of 30
    assert 0 < many.mean() < 0.2
    welch = welch_interval(few, many)
    assert welch[0] > 0  # the claim that was not there
    low, high = share_interval(few, many)
    assert low < 0 < high
    # The other way round: the same interval, mirrored
    back = share_interval(many, few)
    assert back == pytest.approx((-high, -low))
    # 0/1 shares of many articles: Newcombe's interval for 120 of 400 against 180 of 400
    a, b = np.repeat([1.0, 0.0], [120, 280]), np.repeat([1.0, 0.0], [180, 220])
    assert share_interval(a, b) == pytest.approx(newcombe_interval(120, 400, 180, 400), abs=0.005)
    # Shares spread between 0 and 1 vary less than 0/1 shares with the same mean: narrower
    spread = rng.uniform(0.2, 0.4, 400), rng.uniform(0.35, 0.55, 400)
    s_low, s_high = share_interval(*spread)
    assert s_high - s_low < (share_interval(a, b)[1] - share_interval(a, b)[0]) / 2
    assert s_low < 0.15 < s_high
    # More articles that say the same: narrower; fewer than two a side: nothing to tell
    ends = [share_interval(np.full(n, 0.7), np.full(n, 0.2)) for n in (3, 10, 100)]
    widths = [high - low for low, high in ends]
    assert widths[0] > widths[1] > widths[2] > 0
    assert all(math.isnan(v) for v in share_interval(np.array([0.5]), np.array([0.1, 0.2])))


def test_gap_interval_takes_articles_as_the_units_so_an_article_s_alike_sentences_do_not_narrow_it():
    """Two actors named in different articles whose tone is mostly set by the article: the
    interval of the gap between the actors over articles holds the true gap about as often as
    it should; Welch's t over sentences, as if each were drawn on its own, far less often."""
    from tonlage.intervals import gap_interval, welch_interval

    rng = np.random.default_rng(11)
    held = {"articles": 0, "sentences": 0}
    trials = 400
    for _ in range(trials):
        tx, gx, ty, gy = [], [], [], []
        for a in range(12):
            n = int(rng.integers(1, 6))
            tones = rng.normal(0, 0.3) + rng.normal(0, 0.1, n)  # the article's tone, then each sentence's
            if a < 6:
                tx += list(tones + 0.1)  # the first actor's sentences: 0.1 higher
                gx += [a] * n
            else:
                ty += list(tones)
                gy += [a] * n
        low, high = gap_interval(np.array(tx), np.array(gx), np.array(ty), np.array(gy))
        held["articles"] += low <= 0.1 <= high
        low, high = welch_interval(np.array(ty), np.array(tx))
        held["sentences"] += low <= 0.1 <= high
    assert held["articles"] / trials >= 0.88
    assert held["sentences"] / trials <= 0.80


def test_gap_interval_is_never_narrower_than_welch_s_and_needs_two_articles():
    from tonlage.intervals import gap_interval, welch_interval

    # Three articles a side that agree exactly: no spread between articles, Welch's over sentences
    tx, ty = np.array([-0.05, 0.1, -0.2] * 3), np.array([-0.1, 0.05, -0.2] * 3)
    gx, gy = np.repeat([0, 1, 2], 3), np.repeat([3, 4, 5], 3)
    assert gap_interval(tx, gx, ty, gy) == pytest.approx(welch_interval(ty, tx))
    # One sentence naming both actors, in articles 0 and 1: the gap is 0 in each, and exactly 0
    both = np.array([0.4, -0.2])
    low, high = gap_interval(both, np.array([0, 1]), both + 0.0, np.array([0, 1]))
    assert low <= 0 <= high
    assert all(math.isnan(v) for v in gap_interval(tx[:3], gx[:3] * 0, ty[:3], gx[:3] * 0))  # one article
    assert all(math.isnan(v) for v in gap_interval(tx, gx, ty[:0], gy[:0]))


def test_a_p_value_is_the_error_at_which_the_interval_just_reaches_0():
    from tonlage.intervals import newcombe_intervals, p_values, share_intervals, shift_interval, shift_p_value

    # Shares of articles: at its p-value the interval touches 0; a little wider holds it, a
    # little narrower does not
    x_a, n_a, x_b, n_b = np.array([3, 5, 4, 0]), 12, np.array([10, 6, 4, 0]), 12
    p = p_values(lambda alpha: newcombe_intervals(x_a, n_a, x_b, n_b, alpha=alpha), 4)
    assert 0 < p[0] < 0.05 < p[1] < 1 and p[2] == p[3] == 1.0  # the same share: no error excludes 0
    for i in range(2):
        narrower = newcombe_interval(x_a[i], n_a, x_b[i], n_b, alpha=p[i] * 1.001)
        wider = newcombe_interval(x_a[i], n_a, x_b[i], n_b, alpha=p[i] / 1.001)
        assert narrower[0] > 0 and wider[0] <= 0
    # Themes' shares, the same way
    a, b = np.array([0.1, 0.0, 0.3, 0.0, 0.2]), np.array([0.6, 0.4, 0.9, 0.5, 0.7])
    sq = np.square
    p = p_values(
        lambda alpha: share_intervals(5, [a.sum()], [sq(a).sum()], 5, [b.sum()], [sq(b).sum()], alpha=alpha), 1
    )
    assert share_interval(a, b, alpha=float(p[0]) * 1.001)[0] > 0 >= share_interval(a, b, alpha=float(p[0]) / 1.001)[0]
    # A tone shift over articles: the same, in closed form
    rng = np.random.default_rng(2)
    ta, tb = rng.normal(0, 0.3, 40), rng.normal(0.15, 0.3, 50)
    ga, gb = rng.integers(0, 8, 40), rng.integers(10, 20, 50)
    p = shift_p_value(ta, tb, (ga, gb))
    assert 0 < p < 0.5
    assert (
        shift_interval(ta, tb, (ga, gb), alpha=p * 1.0001)[0]
        > 0
        > shift_interval(ta, tb, (ga, gb), alpha=p / 1.0001)[0]
    )
    assert shift_interval(ta, tb, (ga, gb), alpha=0.05) == shift_interval(ta, tb, (ga, gb))
    assert shift_p_value(ta, ta + 0.0) == 1.0 and math.isnan(shift_p_value(ta, tb[:0]))


def test_the_family_error_is_benjamini_and_hochbergs():
    from tonlage.intervals import family_alpha

    # Ranks 1 and 2 pass (0.001 <= 0.0125, 0.01 <= 0.025), rank 3 does not: two claims of four
    assert family_alpha([0.001, 0.01, 0.2, 0.5]) == pytest.approx(2 * 0.05 / 4)
    # A later rank that passes carries the earlier ones (0.03 > 0.0125, but 0.04 <= 0.05)
    assert family_alpha([0.04, 0.03]) == pytest.approx(0.05)
    assert family_alpha([0.3, 0.5, 0.9]) == pytest.approx(0.05 / 3)  # no claim: Bonferroni's
    assert family_alpha([0.01]) == 0.05 and family_alpha([]) == 0.05  # one change: itself
    assert family_alpha([0.001, float("nan"), 0.5]) == pytest.approx(0.05 / 2)  # no interval: not counted
    # Exactly the changes it claims are those whose interval at that error excludes 0
    rng = np.random.default_rng(4)
    for _ in range(200):
        p = np.sort(rng.uniform(0, 1, 12) ** 3)
        level = family_alpha(p)
        by_rank = [i for i in range(1, 13) if p[i - 1] <= 0.05 * i / 12]
        claims = by_rank[-1] if by_rank else 0
        assert int((p <= level).sum()) == claims


def test_a_period_whose_few_articles_lack_a_theme_does_not_make_its_share_certain():
    """Ten articles a side from one news stream in which some articles are about the theme
    (share 0.8, the others 0.01): one period happens to have none of them, the other three.
    The first period's own articles agree exactly, and trusting their spread made its share
    certain (an effective 676 articles) and the change clear. No change means one stream:
    each side's dispersion is now at least the pooled one, and the interval holds 0, as the
    counts alone say (0 of 10 against 3 of 10 articles)."""
    a = np.full(10, 0.01)
    b = np.r_[np.full(3, 0.8), np.full(7, 0.01)]
    low, high = share_interval(a, b)
    assert low < 0 < high
    count_low, count_high = newcombe_interval(0, 10, 3, 10)
    assert count_low < 0 < count_high
    # Many articles the other way: a clear change stays clear
    assert share_interval(np.full(40, 0.01), np.r_[np.full(20, 0.8), np.full(20, 0.01)])[0] > 0


def test_a_tone_interval_never_reaches_past_what_a_tone_can_be():
    """A t interval over two articles, or one widened for many actors, reached −13 … +12 for a
    change of tone, which lies between −2 and +2: it is cut there (the truth is always inside,
    so it holds it as often), and a mean tone's at −1 and +1."""
    from tonlage.intervals import gap_interval, mean_interval, shift_interval

    ta, tb = np.array([-0.9, 0.8, -0.7, 0.9]), np.array([0.9, -0.8, 0.7, -0.9])
    ga, gb = np.array([0, 0, 1, 1]), np.array([2, 2, 3, 3])
    low, high = shift_interval(ta, tb, (ga, gb), alpha=0.001)
    assert (low, high) == (-2.0, 2.0)
    assert mean_interval(np.array([-0.9, 0.95])) == (-1.0, 1.0)
    low, high = gap_interval(ta, ga, tb, gb)
    assert -2 <= low < 0 < high <= 2
    # A narrow one is left as it is
    assert mean_interval(np.array([0.1, 0.12, 0.11])) == pytest.approx((0.0852, 0.1348), abs=1e-4)


def test_share_weighted_intervals_are_mean_interval_for_whole_articles():
    """A theme that fills every article it is in (shares of 1 or 0) is the plain mean of those
    articles' tones: its interval is :func:`mean_interval`'s over them, the effective number of
    articles their count."""
    from tonlage.intervals import mean_interval, share_weighted_intervals

    rng = np.random.default_rng(11)
    tones = rng.normal(0.0, 0.3, 40)
    shares = np.zeros((3, 40))
    shares[0, :25], shares[1, 10:12], shares[2, 30] = 1.0, 1.0, 1.0
    low, high = share_weighted_intervals(shares, tones)
    np.testing.assert_allclose([low[0], high[0]], mean_interval(tones[:25]), atol=1e-12)
    np.testing.assert_allclose([low[1], high[1]], mean_interval(tones[10:12]), atol=1e-12)
    assert np.isnan(low[2]) and np.isnan(high[2])  # one article: no interval


def test_share_weighted_intervals_follow_the_shares():
    """Unequal shares: the share-weighted mean, the jackknife over the articles with a share,
    and Kish's effective number of articles less one as the degrees of freedom, worked out here
    by hand; a theme held almost wholly by one article has too few for an interval."""
    from scipy.special import stdtrit

    from tonlage.intervals import share_weighted_intervals

    rng = np.random.default_rng(12)
    tones = rng.normal(0.05, 0.3, 30)
    s = np.where(rng.random(30) < 0.7, rng.uniform(0.05, 0.95, 30) ** 3, 0.0)  # a few large shares
    one = np.full(30, 0.001)
    one[4] = 0.95
    low, high = share_weighted_intervals(np.vstack([s, one]), tones)
    at = s > 0
    w, x = s[at], tones[at]
    mean = (w * x).sum() / w.sum()
    without = np.array([(np.delete(w, i) * np.delete(x, i)).sum() / np.delete(w, i).sum() for i in range(w.size)])
    se = np.sqrt((w.size - 1) / w.size * np.square(without - without.mean()).sum())
    neff = w.sum() ** 2 / np.square(w).sum()
    assert neff < 0.8 * w.size  # the shares differ: fewer effective articles than articles
    half = stdtrit(neff - 1, 0.975) * se
    assert low[0] == pytest.approx(mean - half) and high[0] == pytest.approx(mean + half)
    assert np.isnan(low[1])  # (Σ share)² / Σ share² ≈ 1.06 effective articles
    # An article without the theme changes nothing.
    again = share_weighted_intervals(np.append(s, 0.0)[None, :], np.append(tones, 0.9))
    assert again[0][0] == pytest.approx(low[0]) and again[1][0] == pytest.approx(high[0])


def test_share_mean_intervals_are_wilson_s_with_the_effective_number_of_articles():
    """A period's mean share: Wilson's score interval with the period's effective number of
    articles (n over its dispersion, pulled towards 1 by SHARE_SHRINK, Student's t with n - 1),
    worked out here by hand for 0/1 shares; none under two articles."""
    from scipy.special import stdtrit

    from tonlage.intervals import SHARE_SHRINK, share_mean_intervals

    n, x = 40, 10  # a theme that fills 10 of 40 articles
    values = np.r_[np.ones(x), np.zeros(n - x)]
    low, high = share_mean_intervals(
        [n, 1], [values.sum(), 0.3], [np.square(values).sum(), 0.09], n + 1, x + 0.3, x + 0.09
    )
    p = x / n
    d = values.var(ddof=1) / (p * (1 - p))
    d = (n * d + SHARE_SHRINK) / (n + SHARE_SHRINK)
    e = n / d * (1.959964 / stdtrit(n - 1, 0.975)) ** 2
    z = 1.959964
    centre = (p * e + z * z / 2) / (e + z * z)
    half = z * np.sqrt(p * e * (1 - p) + z * z / 4) / (e + z * z)
    assert low[0] == pytest.approx(centre - half) and high[0] == pytest.approx(centre + half)
    assert 0 < low[0] < p < high[0] < 1
    assert np.isnan(low[1]) and np.isnan(high[1])  # one article


def test_a_period_of_agreeing_articles_keeps_the_view_s_spread():
    """Five articles that happen to carry the theme alike show no spread of their own; the
    interval takes the spread of the theme over the whole view (the stream they come from), as
    the Compare page does: much wider than their own would be."""
    from tonlage.intervals import share_mean_intervals

    rng = np.random.default_rng(4)
    view = np.where(rng.random(300) < 0.2, rng.uniform(0.3, 0.9, 300), 0.0)  # the theme in a fifth of the articles
    alike = np.full(5, 0.12)
    low, high = share_mean_intervals(
        [5], [alike.sum()], [np.square(alike).sum()], 300, view.sum(), np.square(view).sum()
    )
    own = share_mean_intervals([5], [alike.sum()], [np.square(alike).sum()], 0, 0.0, 0.0)
    assert low[0] < 0.12 < high[0]
    assert (high[0] - low[0]) > 3 * (own[1][0] - own[0][0])


def test_the_paired_gap_interval_is_students_over_the_articles_gaps():
    from scipy import stats

    from tonlage.intervals import TONE_LIMIT, paired_gap_interval

    gaps = np.array([-0.3, -0.1, -0.25, 0.05, -0.2, np.nan])
    want = stats.t.interval(0.95, 4, loc=np.nanmean(gaps), scale=stats.sem(gaps[:-1]))
    assert paired_gap_interval(gaps) == pytest.approx(want)
    assert all(np.isnan(paired_gap_interval(np.array([0.2]))))  # one article: no interval
    assert paired_gap_interval(np.array([-2.0, 2.0])) == (-2 * TONE_LIMIT, 2 * TONE_LIMIT)


def test_group_gaps_against_the_rest_worked_out_article_by_article():
    """Each group against all other articles, from per-article sums, is the interval worked out
    here from the sentences, article by article: each side's jackknife over its articles, t with
    one degree of freedom less than the smaller side's articles, Welch's over sentences as the
    floor."""
    from scipy import stats

    from tonlage.intervals import group_gaps

    rng = np.random.default_rng(7)
    n = 120
    group = rng.integers(0, 3, n)
    counts = rng.integers(1, 25, n)
    tones = [np.clip(rng.normal(rng.normal(0.25 * (group[i] == 2), 0.15), 0.4, counts[i]), -1, 1) for i in range(n)]
    sums = np.array([t.sum() for t in tones])
    squares = np.array([(t * t).sum() for t in tones])
    gaps = group_gaps(group, sums, counts, squares, 3)

    def jackknife(rows):
        means = [np.concatenate([tones[j] for j in rows if j != i]).mean() for i in rows]
        return (len(rows) - 1) / len(rows) * float(np.sum((np.array(means) - np.mean(means)) ** 2))

    for g in range(3):
        mine, rest = [i for i in range(n) if group[i] == g], [i for i in range(n) if group[i] != g]
        tb, ta = np.concatenate([tones[i] for i in mine]), np.concatenate([tones[i] for i in rest])
        gap = tb.mean() - ta.mean()
        articles = stats.t.ppf(0.975, min(len(mine), len(rest)) - 1) * np.sqrt(jackknife(mine) + jackknife(rest))
        w = stats.ttest_ind(tb, ta, equal_var=False)
        sentences = abs(gap / w.statistic) * stats.t.ppf(0.975, w.df)
        half = max(articles, sentences)
        assert gaps.gap[g] == pytest.approx(gap)
        assert (gaps.low[g], gaps.high[g]) == pytest.approx((gap - half, gap + half))
        assert (gaps.articles[g], gaps.sentences[g]) == (len(mine), counts[mine].sum())
        # the p-value is the error at which the interval touches 0
        at_p = group_gaps(group, sums, counts, squares, 3, alpha=float(gaps.p[g]))
        assert min(abs(at_p.low[g]), abs(at_p.high[g])) == pytest.approx(0, abs=1e-9)
    # The group of higher tone stands out; a wider interval at a smaller (a family's) error.
    assert gaps.low[2] > 0
    wide = group_gaps(group, sums, counts, squares, 3, alpha=0.01)
    assert (wide.high - wide.low > gaps.high - gaps.low).all()
    only = group_gaps(group, sums, counts, squares, 3, tested=np.array([True, False, True]))
    assert np.isnan(only.low[1]) and only.low[2] == gaps.low[2]


def test_group_gaps_has_no_interval_for_a_group_of_one_article():
    from tonlage.intervals import group_gaps

    gaps = group_gaps([0, 1, 1, 1], [0.5, 0.1, -0.2, 0.3], [2, 3, 4, 2], [0.2, 0.1, 0.3, 0.1], 2)
    assert np.isnan(gaps.low[0]) and np.isnan(gaps.p[0]) and not np.isnan(gaps.gap[0])
    assert gaps.articles.tolist() == [1, 3]


def test_group_gaps_drawn_as_a_family_widen_at_the_familys_error():
    from tonlage.intervals import family_alpha, group_gaps

    rng = np.random.default_rng(11)
    n, k = 400, 12
    group = rng.integers(0, k, n)
    counts = rng.integers(1, 20, n).astype(float)
    sums = rng.normal(0.02 * (group == 0), 0.3, n) * counts
    squares = sums**2 / counts + 0.1 * counts
    tested = np.arange(k) != 5
    alone = group_gaps(group, sums, counts, squares, k, tested=tested)
    together = group_gaps(group, sums, counts, squares, k, tested=tested, family=True)
    assert together.alpha == pytest.approx(family_alpha(alone.p[tested]))
    assert together.alpha < 0.05
    by_hand = group_gaps(group, sums, counts, squares, k, tested=tested, alpha=together.alpha)
    np.testing.assert_allclose(together.low[tested], by_hand.low[tested])
    assert (together.high - together.low)[tested].min() > 0
    assert ((together.high - together.low) >= (alone.high - alone.low) - 1e-12)[tested].all()
    assert np.isnan(together.low[5])  # not tested: no interval


def test_group_gaps_with_a_large_rest_agree_with_the_jackknife_to_a_thousandth():
    from tonlage.intervals import REST_LINEARISED, group_gaps

    rng = np.random.default_rng(5)
    n = REST_LINEARISED + 200
    group = np.where(np.arange(n) < 40, 0, 1)
    counts = rng.integers(1, 30, n).astype(float)
    sums = np.clip(rng.normal(rng.normal(0, 0.15, n)[:, None], 0.4, (n, 1)), -1, 1)[:, 0] * counts
    squares = sums**2 / counts + 0.05 * counts
    gaps = group_gaps(group, sums, counts, squares, 2)

    def jackknife(rows):
        s, c = sums[rows], counts[rows]
        without = (s.sum() - s) / (c.sum() - c)
        return (len(rows) - 1) / len(rows) * float(np.sum((without - without.mean()) ** 2))

    mine, rest = np.flatnonzero(group == 0), np.flatnonzero(group == 1)
    assert len(rest) >= REST_LINEARISED
    from scipy import stats

    half = stats.t.ppf(0.975, len(mine) - 1) * np.sqrt(jackknife(mine) + jackknife(rest))
    assert (gaps.high[0] - gaps.low[0]) / 2 == pytest.approx(half, rel=1e-3)
