"""The outlets in view against each other: which one writes more negatively or positively,
and which one gives a theme more or less room than the others."""

from __future__ import annotations

import numpy as np

from ..compare import (
    MIN_ACTOR_ARTICLES,
    MIN_ACTOR_SENTENCES,
)
from ..corpus_index import CorpusIndex
from ..intervals import (
    ALPHA,
    SHARE_DIGITS,
    excludes_zero,
    family_alpha,
    p_values,
    share_intervals,
)
from ..model import AnalysedCorpus
from .evidence import WITH_EVIDENCE, evidence_at, ids_by_value, without_evidence
from .finding import CHARTS, MIN_THEME_CHANGE, SOURCES_COMPARED, Finding, direction_of, widened

__all__ = [
    "source_tone_at",
    "source_theme_finding",
    "source_tone_findings",
    "source_theme_at",
]


def source_tone_at(index: CorpusIndex, rows: np.ndarray) -> list[Finding]:
    """Whether an outlet words the subject otherwise than the others: each source with at least
    ``MIN_ACTOR_ARTICLES`` articles and ``MIN_ACTOR_SENTENCES`` scored sentences in view against
    the articles of every other source in view (:func:`~tonlage.intervals.group_gaps`, articles
    the units), the sources drawn together as a family (:func:`~tonlage.intervals.family_alpha`:
    with twenty outlets, one would stand out by chance in most views at 5 % each).

    A gap is claimed where its interval excludes 0: the most negative and the most positive
    such source, one finding each (one in all when the view has two sources: the same gap seen
    from each side). None claimed: the largest gap, said to be within chance (caveat
    "uncertain"). [] when fewer than two sources qualify."""
    from ..intervals import group_gaps

    codes, names = index.source_codes
    known = rows & (codes >= 0)
    if len(names) < 2 or not known.any():
        return []
    counts, sums = index.sentence_totals
    code, c, sm, sq = codes[known], counts[known], sums[known], index.sentence_squares[known]
    k = len(names)
    scored = c > 0
    n_articles = np.bincount(code[scored], minlength=k)
    n_sentences = np.bincount(code, weights=c, minlength=k)
    enough = (n_articles >= MIN_ACTOR_ARTICLES) & (n_sentences >= MIN_ACTOR_SENTENCES)
    if enough.sum() > SOURCES_COMPARED:  # the largest outlets of a very varied archive
        enough &= n_articles >= np.sort(n_articles[enough])[-SOURCES_COMPARED]
    gaps = group_gaps(code, sm, c, sq, k, tested=enough, family=True)
    tested = np.flatnonzero(enough & ~np.isnan(gaps.p))
    if len(tested) < 2:
        return []
    alpha = gaps.alpha
    clear = [i for i in tested.tolist() if excludes_zero(float(gaps.low[i]), float(gaps.high[i]))]
    n_sources = len(np.unique(code))
    if clear:
        low_end = min(clear, key=lambda i: (float(gaps.gap[i]), str(names[i])))
        high_end = max(clear, key=lambda i: (float(gaps.gap[i]), str(names[i])))
        picked = [i for i, ok in ((low_end, gaps.gap[low_end] < 0), (high_end, gaps.gap[high_end] > 0)) if ok]
        if n_sources == 2 and len(picked) == 2:  # one gap, seen from each side
            picked = [max(picked, key=lambda i: abs(float(gaps.gap[i])))]
    else:
        picked = [max(tested.tolist(), key=lambda i: (abs(float(gaps.gap[i])), str(names[i])))]
    tone_all = index.scored["tone"].to_numpy()
    total_articles = int(np.count_nonzero(c > 0))
    out = []
    for i in picked:
        gap = float(gaps.gap[i])
        values: dict[str, object] = {
            "source": str(names[i]),
            "tone": float(gaps.tone[i]),
            "tone_rest": float(gaps.tone_rest[i]),
            "articles": int(gaps.articles[i]),
            "articles_rest": total_articles - int(gaps.articles[i]),
            "sentences": int(gaps.sentences[i]),
            "low": float(gaps.low[i]),
            "high": float(gaps.high[i]),
            "compared": len(tested),
            "min_articles": MIN_ACTOR_ARTICLES,
            "min_sentences": MIN_ACTOR_SENTENCES,
            "family": widened(len(tested), alpha),
            "family_of": "sources",
            "alpha": alpha,
        }
        arts: tuple[str, ...] = ()
        sents: tuple[tuple[str, int], ...] = ()
        if clear or WITH_EVIDENCE.get():  # its sentences: for the evidence and the copies
            mine = np.zeros(index.n, dtype=bool)
            mine[np.flatnonzero(known)[code == i]] = True
            at = index.scored_of_rows(mine)  # its articles' runs, not a pass over every sentence
            sign = -1.0 if gap < 0 else 1.0
            arts, sents = evidence_at(index, at, tone_all[at] * sign, direction_only=False)
        if clear:
            values["variant"], values["direction"] = "gap", direction_of(float(gaps.tone_rest[i]), float(gaps.tone[i]))
            different = values["different"] = len(np.unique(index.text_keys[at]))
            caveat = "copies" if different < MIN_ACTOR_SENTENCES else ""
            weight = 7.0 + abs(gap)
        else:
            values["variant"], caveat, weight = "uncertain", "uncertain", 3.0
        out.append(Finding("source_tone", values, CHARTS["source_tone"], arts, sents, weight, caveat))
    return out


def source_theme_finding(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> Finding | None:
    """The finding "source_theme" of :func:`view_findings` alone (without its evidence), for
    the articles ``ids`` (or a mask over the article rows): the Themes page says it under its
    chart by source, and draws the outlet it names, which the chart otherwise may leave out."""
    index = index or CorpusIndex(corpus)
    return without_evidence(source_theme_at, index, index.rows(ids))


def source_tone_findings(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> list[Finding]:
    """The findings "source_tone" of :func:`view_findings` alone (without their evidence), for
    the articles ``ids`` (or a mask): the Tone page says them under its chart by source."""
    index = index or CorpusIndex(corpus)
    return without_evidence(source_tone_at, index, index.rows(ids))


def source_theme_at(index: CorpusIndex, rows: np.ndarray) -> Finding | None:
    """Whether an outlet gives a theme more (or less) room than the other outlets in view: for
    each source with at least ``MIN_ACTOR_ARTICLES`` articles with themes (the
    ``SOURCES_COMPARED`` largest) and each theme in view, the theme's mean share of the
    source's themed articles against that of every other source's (the Themes page's chart by
    source and the Compare page measure a side's share so), with
    :func:`~tonlage.intervals.share_intervals`' interval (articles the units). Every pair of
    source and theme is a chance to see a gap that is not there, so the intervals are drawn
    together (:func:`~tonlage.intervals.family_alpha`).

    A gap is claimed where its interval excludes 0 and it is at least ``MIN_THEME_CHANGE``
    (as the Compare page states a theme's change): the largest "more room", else the largest
    "less room". None claimed but a gap that large: that gap, said to be within chance (caveat
    "uncertain"). None when fewer than two sources have themed articles in view, or no gap
    reaches ``MIN_THEME_CHANGE``."""
    corpus = index.corpus
    th = corpus.themes
    names = index.source_codes[1]
    if th.empty or len(names) < 2:
        return None
    m = index.themes
    by_source, starts = index.source_runs
    keep = (rows & m.themed)[by_source]
    at = by_source[keep]  # the view's themed articles with a source, each source's together
    bounds = np.concatenate([[0], np.cumsum(keep)])[starts]  # each source's run in ``at``
    k = len(names)
    n_src = np.diff(bounds)
    total = len(at)
    enough = (n_src >= MIN_ACTOR_ARTICLES) & (total - n_src >= MIN_ACTOR_ARTICLES)
    if enough.sum() > SOURCES_COMPARED:  # the largest outlets of a very varied archive
        enough &= n_src >= np.sort(n_src[enough])[-SOURCES_COMPARED]
    tested = np.flatnonzero(enough)
    if not len(tested) or np.count_nonzero(n_src) < 2:
        return None
    x = m.shares_of(at)  # themes × those articles
    sums, squares = np.zeros((len(x), k)), np.zeros((len(x), k))  # themes × sources
    for j in tested.tolist():
        run = x[:, bounds[j] : bounds[j + 1]]
        sums[:, j], squares[:, j] = run.sum(axis=1), np.einsum("ij,ij->i", run, run)
    all_sums, all_squares = x.sum(axis=1), np.einsum("ij,ij->i", x, x)
    present = np.flatnonzero(all_sums > 0)  # a theme nobody in view writes about cannot differ
    if not len(present):
        return None
    t_of, s_of = (a.ravel() for a in np.meshgrid(present, tested, indexing="ij"))  # the pairs
    n_b = n_src[s_of].astype("float64")
    n_a = total - n_b
    sum_b, sq_b = sums[t_of, s_of], squares[t_of, s_of]
    sum_a, sq_a = all_sums[t_of] - sum_b, all_squares[t_of] - sq_b

    def interval_at(alpha, sel=slice(None)):  # side a: the other sources, side b: the source
        return share_intervals(n_a[sel], sum_a[sel], sq_a[sel], n_b[sel], sum_b[sel], sq_b[sel], alpha=alpha)

    # The family's error from the p-values of the pairs that 5 % alone would claim: the others'
    # exact p-values (above 5 %) change nothing in it (family_alpha claims none of them), and
    # their bisection was most of this finding's time at 100,000 articles.
    low, high = interval_at(ALPHA)
    p = np.where(np.isnan(low), np.nan, 1.0)
    near = np.flatnonzero((low > 0) | (high < 0))
    if len(near):
        p[near] = p_values(lambda a: interval_at(a, near), len(near))
    alpha = family_alpha(p)
    low, high = interval_at(alpha)
    gap = sum_b / n_b - sum_a / n_a
    large = np.abs(gap) >= MIN_THEME_CHANGE
    if not large.any():
        return None
    clear = large.copy()
    for pair in np.flatnonzero(large).tolist():  # the rule of every claimed direction, as shown
        clear[pair] = excludes_zero(float(low[pair]), float(high[pair]), SHARE_DIGITS)
    tids = m.theme_ids.astype("int64")

    def largest(mask: np.ndarray, value: np.ndarray) -> int:
        """The pair of ``mask`` with the largest ``value``; ties by theme id, then by source name
        (the same pick on every run)."""
        cand = np.flatnonzero(mask).tolist()
        return min(cand, key=lambda c: (-float(value[c]), int(tids[t_of[c]]), str(names[s_of[c]])))

    if (clear & (gap > 0)).any():
        i, variant = largest(clear & (gap > 0), gap), "more"
    elif clear.any():
        i, variant = largest(clear, -gap), "less"
    else:
        i, variant = largest(large, np.abs(gap)), "uncertain"
    t, j = int(t_of[i]), int(s_of[i])
    labels = dict(zip(th["theme_id"].tolist(), th["label"]))
    has, share_of = m.column(t)
    mine = np.zeros(len(at), dtype=bool)
    mine[bounds[j] : bounds[j + 1]] = True
    # The articles where the room shows: the source's, by the theme's share (for "less room":
    # the other sources', where the theme has the room the source does not give it).
    own = at[(mine if variant != "less" else ~mine) & has[at]]
    values: dict[str, object] = {
        "variant": variant,
        "source": str(names[j]),
        "theme": str(labels.get(int(tids[t]), int(tids[t]))),
        "theme_id": int(tids[t]),
        "share": float(sum_b[i] / n_b[i]),
        "share_rest": float(sum_a[i] / n_a[i]),
        "change": float(gap[i]),
        "articles": int(n_b[i]),
        "articles_rest": int(n_a[i]),
        "points_low": float(low[i]),
        "points_high": float(high[i]),
        "compared": len(tested),
        "min_articles": MIN_ACTOR_ARTICLES,
        "family": widened(int((~np.isnan(p)).sum()), alpha),
        "family_of": "source_themes",
        "alpha": alpha,
    }
    clear_one = variant != "uncertain"
    return Finding(
        "source_theme",
        values,
        CHARTS["source_theme"],
        ids_by_value(index, own, share_of[own]),
        (),
        (6.0 + abs(float(gap[i]))) if clear_one else 2.0,
        "" if clear_one else "uncertain",
    )
