"""What stands out in the articles in view: the overall tone, the tone of the words searched
for, the actors with the highest and lowest tone, the largest theme, and the findings of
:mod:`.sources` and :mod:`.recent` (the rules: :mod:`tonlage.findings`)."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from ..compare import (
    FEW_ARTICLES,
    MIN_ACTOR_ARTICLES,
    MIN_ACTOR_SENTENCES,
)
from ..corpus_index import CorpusIndex
from ..intervals import (
    excludes_zero,
    gap_interval,
    mean_interval,
    paired_gap_interval,
)
from ..model import AnalysedCorpus
from ..thresholds import MEAN_TONE_NEUTRAL_BAND
from .evidence import WITH_EVIDENCE, evidence_at, ids_by_value, ranked_in_view, strongest_order, view_evidence
from .finding import (
    CHARTS,
    MAX_EVIDENCE_ARTICLES,
    MAX_EVIDENCE_SENTENCES,
    MIN_SIDE_ARTICLES,
    THIN_ARTICLES,
    THIN_SENTENCES,
    THIN_WEIGHT,
    Finding,
    direction_of,
    ordered,
)
from .recent import recent_tone_at
from .sources import source_theme_at, source_tone_at

__all__ = [
    "view_findings",
    "overall_interval",
    "MIN_EXAMPLE_WORDS",
]


def view_findings(
    corpus: AnalysedCorpus,
    ids: Iterable[str] | np.ndarray,
    *,
    limit: int = 6,
    index: CorpusIndex | None = None,
    words: str = "",
    evidence: bool = True,
) -> list[Finding]:
    """What stands out in the articles in view: overall tone, the tone of the sentences holding
    the ``words`` a reader searched for (the sidebar's "Containing words"), the actors with the
    highest and lowest tone, the largest theme, and a thin-data warning first when the view is
    small.

    Args:
        corpus: The analysed corpus.
        ids: Article ids in view (e.g. from ``filter_ids``; unknown ids are ignored), or the
            view as a boolean mask over the article rows (``filter_rows``).
        limit: At most this many findings.
        index: The corpus's :class:`~tonlage.corpus_index.CorpusIndex` when the caller keeps one (the
            app does: a view is then masks and sums over numbers, not ids matched as text).
        words: The words the view was narrowed to (:mod:`tonlage.search`); "" for none.
        evidence: False: the findings without their sentences and articles (``sentences`` and
            ``article_ids`` empty, but for the thin-data finding's), their text, values and
            order the same. The Overview shows the examples only when the reader opens them:
            gathering them was ~15 ms of every new filter's findings at 100,000 articles.

    Returns:
        The findings, thin data first, then by weight; [] for an empty view.
    """
    token = WITH_EVIDENCE.set(evidence)
    try:
        return _view_findings(corpus, ids, limit=limit, index=index, words=words)
    finally:
        WITH_EVIDENCE.reset(token)


def _view_findings(corpus: AnalysedCorpus, ids, *, limit: int, index: CorpusIndex | None, words: str) -> list[Finding]:
    index = index or CorpusIndex(corpus)
    rows = index.rows(ids)
    n_art = int(rows.sum())
    if not n_art or limit <= 0:
        return []
    whole = n_art == index.n  # the whole corpus: nothing to filter
    # The view's sentences and their tone as sums over its articles (kept per article by the
    # index), not over its sentences.
    counts, sums = index.sentence_totals
    n_sent = int(counts[rows].sum())
    view_rows = np.flatnonzero(rows)

    thin = None
    if n_art < THIN_ARTICLES or n_sent < THIN_SENTENCES:
        thin = Finding(
            "thin_data",
            {"variant": "view", "articles": n_art, "sentences": n_sent},
            CHARTS["thin_data"],
            tuple(index.ids[view_rows[:MAX_EVIDENCE_ARTICLES]]),
            (),
            THIN_WEIGHT,
        )

    found: list[Finding] = []
    overall = float(sums[rows].sum() / n_sent) if n_sent else float("nan")
    if n_sent:
        found.append(_overall_at(index, rows, overall, n_sent))
    said = _words_tone_at(index, rows, words) if words and n_sent else None
    if said is not None:
        found.append(said)
    recent = recent_tone_at(index, rows) if n_sent else None
    if recent is not None:
        found.append(recent)
    found += _actor_extremes_at(index, rows, None if whole else rows, overall)
    found += source_tone_at(index, rows)
    by_source = source_theme_at(index, rows)
    if by_source is not None:
        found.append(by_source)
    top = _top_theme_at(index, rows, whole)
    if top:
        found.append(top)
    return ordered(thin, found, limit)


def _tone_word(tone: float) -> str:
    shown = round(tone, 2)
    return (
        "negative" if shown <= -MEAN_TONE_NEUTRAL_BAND else "positive" if shown >= MEAN_TONE_NEUTRAL_BAND else "neutral"
    )


def overall_interval(index: CorpusIndex, rows: np.ndarray) -> tuple[float, float, int]:
    """The 95 % interval of the view's sentence-weighted mean tone, articles as the units
    (:func:`~tonlage.intervals.mean_interval`), and the number of articles with a scored sentence
    (NaN, NaN with one scored sentence). The Overview's word under its mean tone follows it too
    (:func:`tonlage.present.views.summary`), so the page makes one claim, not two.
    With fewer than ``FEW_ARTICLES`` such articles the interval over sentences is kept where it
    is wider: two articles cannot show the spread."""
    counts, sums = index.sentence_totals
    low, high = mean_interval(sums[rows], counts[rows])
    k = int(np.count_nonzero(counts[rows]))
    if k < FEW_ARTICLES:
        tone, srow = index.scored["tone"].to_numpy(), index.scored["row"].to_numpy()
        s_low, s_high = mean_interval(tone[index.in_view(srow, rows)])
        if not math.isnan(s_low):
            low, high = (s_low, s_high) if math.isnan(low) else (min(low, s_low), max(high, s_high))
    return low, high, k


def _overall_at(index: CorpusIndex, rows: np.ndarray, overall: float, n_sent: int) -> Finding:
    word = _tone_word(overall)
    low, high, n_art = overall_interval(index, rows)
    values: dict[str, object] = {"word": word, "tone": overall, "sentences": n_sent, "articles": n_art}
    caveat = ""
    if math.isnan(low):
        # One scored sentence: no spread to draw an interval from, so no word for a direction.
        values["variant"], caveat, word = "no_interval", "thin", "neutral"
    else:
        values.update(low=low, high=high)
        if word != "neutral" and low <= 0.0 <= high:
            # The wording leans one way, but not beyond what chance gives: "rather positive"
            # at +0.06 over the 60 web pages was a direction the Findings box promises to
            # claim only when its interval rules out none.
            values["variant"], caveat = f"uncertain_{word}", "uncertain"
    arts, sents = view_evidence(index, rows, {"negative": -1.0, "positive": 1.0}.get(word, 0.0), n_sent)
    if word == "neutral" and "variant" not in values:
        # The most charged sentences either way, as before, read as the opposite of "neutral".
        sents = _cross_section(index, rows, n_sent)
        values["examples"] = "cross_section"
    return Finding("overall_tone", values, CHARTS["overall_tone"], arts, sents, 10.0, caveat)


#: A neutral sentence shown as an example has at least this many words: a dateline or a photo
#: credit scores 0 and says nothing about the wording.
MIN_EXAMPLE_WORDS = 8


#: The articles (in id order) whose neutral sentences are candidates for a cross-section.
_NEUTRAL_ARTICLES = 60


def _cross_section(index: CorpusIndex, rows: np.ndarray, n_sent: int) -> tuple[tuple[str, int], ...]:
    """The example sentences of a view whose wording is neutral on average: its strongest
    negative sentences, neutral ones (tone 0, :data:`MIN_EXAMPLE_WORDS` words or more, one an
    article, articles in id order) and its strongest positive ones, taken in turn in the shares
    the view's sentences are labelled negative, neutral and positive (each side that has any at
    least once), so that the first few shown are a cross-section of the view."""
    if not WITH_EVIDENCE.get():
        return ()  # asked for later (view_findings' ``evidence``)
    counts, _ = index.sentence_totals
    a = index.corpus.articles
    w = counts[rows].astype("float64")
    total = float(w.sum())
    share = {
        side: float(np.nansum(a[column].to_numpy(dtype="float64", na_value=np.nan)[rows] * w)) / total
        for side, column in (("negative", "share_negative"), ("positive", "share_positive"))
    }
    share["neutral"] = max(0.0, 1.0 - share["negative"] - share["positive"])
    negative, positive = _strongest_each_way(index, rows, n_sent)
    if not negative and share["negative"] > 0:  # none among the strongest either way
        negative = list(view_evidence(index, rows, -1.0, n_sent)[1])
    if not positive and share["positive"] > 0:
        positive = list(view_evidence(index, rows, 1.0, n_sent)[1])
    pools = {"negative": negative, "neutral": _neutral_examples(index, rows), "positive": positive}
    taken = dict.fromkeys(pools, 0)
    out: list[tuple[str, int]] = []
    while len(out) < MAX_EVIDENCE_SENTENCES:
        # The side furthest below its share of what is taken so far (ties: negative, neutral,
        # positive); a side with sentences but a share rounding to nothing still comes once.
        open_ = [k for k in pools if taken[k] < len(pools[k])]
        if not open_:
            break
        side = max(open_, key=lambda k: (max(share[k], 1e-9) * (len(out) + 1) - taken[k], -list(pools).index(k)))
        out.append(pools[side][taken[side]])
        taken[side] += 1
    return tuple(dict.fromkeys(out))


def _strongest_each_way(
    index: CorpusIndex, rows: np.ndarray, n_sent: int
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The view's strongest negative and strongest positive sentences (each text once, at most
    :data:`MAX_EVIDENCE_SENTENCES` a side), in the order :func:`view_evidence` gives each side:
    taken from its strongest sentences either way (|tone|, then id, then sentence: on one side
    the same order), whose ranking the finding has made already. Ranking each side on its own
    cost ~0.1 s more of an archive's first view at 100,000 articles."""
    srow, tone_all = index.scored["row"].to_numpy(), index.scored["tone"].to_numpy()
    top = ranked_in_view(index, rows, 0.0, n_sent)
    if top is None:  # a small view: its own sentences, sorted
        at = np.flatnonzero(index.in_view(srow, rows))
        top = at[strongest_order(index, at, np.abs(tone_all[at]))]
    out = []
    for side in (top[tone_all[top] < 0], top[tone_all[top] > 0]):
        _, first = np.unique(index.text_keys[side], return_index=True)  # each text once
        side = side[np.sort(first)][:MAX_EVIDENCE_SENTENCES]
        out.append([(str(index.ids[r]), int(i)) for r, i in zip(srow[side], index.scored["sent_idx"].to_numpy()[side])])
    return out[0], out[1]


def _neutral_examples(index: CorpusIndex, rows: np.ndarray) -> list[tuple[str, int]]:
    """Sentences of the view ``rows`` scored 0 with :data:`MIN_EXAMPLE_WORDS` words or more, the
    first of each article, from the first :data:`_NEUTRAL_ARTICLES` articles in id order that
    have one (as many as :data:`MAX_EVIDENCE_SENTENCES`). Those articles' sentences only
    (:meth:`~tonlage.corpus_index.CorpusIndex.scored_of_rows`: a pass over all 2.2 million scored
    sentences took 8 ms of every new view at 100,000 articles)."""
    s = index.scored
    srow, tone, words, sidx = (s[c].to_numpy() for c in ("row", "tone", "n_words", "sent_idx"))
    view = np.flatnonzero(rows)
    if len(view) > _NEUTRAL_ARTICLES:
        rank = index.id_rank[view]
        view = view[rank <= np.partition(rank, _NEUTRAL_ARTICLES - 1)[_NEUTRAL_ARTICLES - 1]]
    mark = np.zeros(index.n, dtype=bool)
    mark[view] = True
    at = index.scored_of_rows(mark)
    at = at[(tone[at] == 0.0) & (words[at] >= MIN_EXAMPLE_WORDS)]
    if not len(at):
        return []
    at = at[np.lexsort((sidx[at], index.id_rank[srow[at]]))]
    first = np.r_[True, srow[at][1:] != srow[at][:-1]]
    at = at[first][:MAX_EVIDENCE_SENTENCES]
    return [(str(index.ids[r]), int(i)) for r, i in zip(srow[at], sidx[at])]


def _actor_extremes_at(index: CorpusIndex, rows: np.ndarray, view: np.ndarray | None, overall: float) -> list[Finding]:
    """The actors with the highest and lowest tone of the sentences naming them (``rows``: the
    view's mask; ``view``: the same, None for every article)."""
    aa = index.corpus.actor_articles
    if aa.empty:
        return []
    codes, names = index.actor_codes
    keep = codes >= 0 if view is None else index.in_view(index.actor_rows, view) & (codes >= 0)
    if not keep.any():
        return []
    # Per actor from the per-article table (as the Actors page): sentence-weighted tone over
    # the scored sentences; an article of an unscored language has no tone and counts no sentence.
    n, w = index.actor_tone_weights
    code = codes[keep]
    sums_n = np.bincount(code, weights=n[keep], minlength=len(names))
    sums_w = np.bincount(code, weights=w[keep], minlength=len(names))
    counts = np.bincount(code, minlength=len(names))
    # Named in MIN_ACTOR_ARTICLES articles too: the gap's interval is taken over articles, and an
    # actor of one article has no spread to measure (real articles split one against ten
    # claimed a gap in a third of splits; three against ten in 5.5 %; bench/gap_intervals.py).
    enough = np.flatnonzero((counts >= MIN_ACTOR_ARTICLES) & (sums_n >= MIN_ACTOR_SENTENCES))
    if len(enough) < 2:
        return []  # "highest of one" says nothing
    # Highest mean first, ties by name; the lowest is the last in that order (a handful of
    # actors sorted in Python: a table and its sort cost more than the sums above).
    means = sums_w[enough] / sums_n[enough]
    order = sorted(range(len(enough)), key=lambda i: (-means[i], str(names[enough[i]])))
    out = []
    tone_all, srow = index.scored["tone"].to_numpy(), index.scored["row"].to_numpy()

    def sentences_of(actor: str) -> np.ndarray:
        at = index.mentioned(actor)["at"].to_numpy()
        at = at[at >= 0]
        return at[index.in_view(srow[at], rows)]

    for variant, i, nxt, sign in (("highest", order[0], order[1], 1.0), ("lowest", order[-1], order[-2], -1.0)):
        c, c_next = enough[i], enough[nxt]
        actor, runner_up = str(names[c]), str(names[c_next])
        at = sentences_of(actor)
        # "Highest of all" is a claim against the runner-up: stated only when the 95 % interval
        # of the gap between the two excludes 0 (as a change between periods). Otherwise the
        # finding names the runner-up and says the order may be chance: two actors of a folder
        # of web pages, −0.05 and −0.07 over 13 and 8 sentences, were "highest" and "lowest".
        other = sentences_of(runner_up)
        low, high = gap_interval(tone_all[at], srow[at], tone_all[other], srow[other])
        clear = excludes_zero(low, high)  # (NaN: nothing to tell, no direction)
        if not clear and variant == "lowest" and len(enough) == 2:
            break  # the same two actors as the "highest" finding, which already says it
        arts, sents = evidence_at(index, at, tone_all[at] * sign, direction_only=False)
        mean = float(means[i])
        weight = 5.0 + abs(mean - overall) if not math.isnan(overall) else 5.0
        # Sentences repeated word for word in other articles (agency copy) count as often as
        # they are printed; the reader is told when fewer than the minimum are different (at
        # 100,000 articles the highest tone, 209 sentences, was 3 sentences and their copies).
        different = len(np.unique(index.text_keys[at]))
        values: dict[str, object] = {
            "variant": variant if clear else f"{variant}_close",
            "actor": actor,
            "tone": mean,
            "sentences": int(sums_n[c]),
            "min_sentences": MIN_ACTOR_SENTENCES,
            "min_articles": MIN_ACTOR_ARTICLES,
            "articles": int(counts[c]),
            "different": different,
        }
        if not clear:
            values.update(
                next=runner_up, next_tone=float(means[nxt]), next_sentences=int(sums_n[c_next]), low=low, high=high
            )
        # Sentences of one or two articles are not independent: the interval is too narrow.
        few = len(np.unique(srow[at])) < MIN_SIDE_ARTICLES
        caveat = "copies" if different < MIN_ACTOR_SENTENCES else ("thin" if few else "") if clear else "uncertain"
        out.append(
            Finding("actor_tone", values, CHARTS["actor_tone"], arts, sents, weight * (1.0 if clear else 0.3), caveat)
        )
    return out


def _words_tone_at(index: CorpusIndex, rows: np.ndarray, words: str) -> Finding | None:
    """The tone of the view's sentences that hold ``words`` against the other sentences of the
    same articles (None when no scored sentence holds them: a headline's words only).

    The comparison is made inside each article that has sentences of both kinds (the mean tone
    of its sentences with the words less that of its others), then averaged over those articles
    with each counted once: pooled over the view, short articles that are all about the words
    would weigh more on one side than on the other, and random sentences marked in real news
    claimed a gap in 6.1 % of 300-article views (bench/words_tone.py). A gap is claimed only
    when the 95 % interval of that average excludes 0
    (:func:`~tonlage.intervals.paired_gap_interval`). Fewer than ``MIN_ACTOR_SENTENCES`` such
    sentences or ``MIN_ACTOR_ARTICLES`` articles to compare give their tone with no comparison
    (caveat "thin")."""
    at = index.word_sentences(words, rows)
    if not len(at):
        return None
    tone_all, srow = index.scored["tone"].to_numpy(), index.scored["row"].to_numpy()
    # Each article's sentences of both kinds, counted and summed by its row: those with the
    # words from their list, the others as all of the article's (kept by the index) less those.
    # No pass over the view's sentences (set operations on them took ~45 ms of a new search
    # at 100,000 articles, 1.7 million sentences in a large view).
    n, at_rows = index.n, srow[at]
    n_words = np.bincount(at_rows, minlength=n)
    sum_words = np.bincount(at_rows, weights=tone_all[at], minlength=n)
    counts, sums = index.sentence_totals
    n_rest, sum_rest = counts - n_words, sums - sum_words
    both = np.flatnonzero((n_words > 0) & (n_rest > 0))  # the articles holding sentences of both kinds
    paired = at[n_rest[at_rows] > 0]
    if len(paired) < MIN_ACTOR_SENTENCES or len(both) < MIN_ACTOR_ARTICLES:
        tone_w = tone_all[at]
        values: dict[str, object] = {
            "words": words,
            "tone": float(tone_w.mean()),
            "sentences": len(at),
            "articles": len(np.unique(srow[at])),
            "variant": "few",
        }
        arts, sents = evidence_at(index, at, np.abs(tone_w), direction_only=False)
        return Finding("words_tone", values, CHARTS["words_tone"], arts, sents, 4.0, "thin")
    k = len(both)
    mean_w, mean_r = sum_words[both] / n_words[both], sum_rest[both] / n_rest[both]
    tone, tone_rest = float(mean_w.mean()), float(mean_r.mean())
    low, high = paired_gap_interval(mean_w - mean_r)
    clear = excludes_zero(low, high)
    values = {
        "words": words,
        "tone": tone,
        "tone_rest": tone_rest,
        "sentences": len(paired),
        "sentences_rest": int(n_rest[both].sum()),
        "articles": k,
        "low": low,
        "high": high,
    }
    sign = -1.0 if tone < tone_rest else 1.0
    if clear:
        values["variant"], values["direction"] = "gap", direction_of(tone_rest, tone)
    else:
        values["variant"] = "uncertain"
    # The sentences that pull the gap its way first: the most negative of a lower tone.
    arts, sents = evidence_at(index, paired, tone_all[paired] * sign, direction_only=False)
    different = values["different"] = len(np.unique(index.text_keys[paired]))
    caveat = ("copies" if different < MIN_ACTOR_SENTENCES else "") if clear else "uncertain"
    weight = (9.0 if clear else 4.0) + abs(tone - tone_rest)
    return Finding("words_tone", values, CHARTS["words_tone"], arts, sents, weight, caveat)


def _top_theme_at(index: CorpusIndex, rows: np.ndarray, whole: bool) -> Finding | None:
    corpus = index.corpus
    th, at = corpus.themes, corpus.article_themes
    if th.empty or at.empty:
        return None
    m = index.themes
    view = np.ones(index.n, dtype=bool) if whole else rows
    n_themed = int((view & m.themed).sum())
    if not n_themed:
        return None
    sums, counts, _ = m.sums(view)
    present = counts > 0
    # Mean share over the view's themed articles (a missing row counts as 0), as compare.py; the
    # largest first, ties by theme id (the first row of the table sorted so, without the table).
    tids, shares = m.theme_ids[present].astype("int64"), sums[present] / n_themed
    first = int(np.lexsort((tids, -shares))[0])
    tid, top_share = int(tids[first]), float(shares[first])
    if top_share <= 0:
        return None
    labels = dict(zip(th["theme_id"].tolist(), th["label"]))
    col = int(np.flatnonzero(m.theme_ids == tid)[0])
    has, shares_of = m.column(col)
    own = np.flatnonzero(view & has)
    a = corpus.articles
    n_main = int(np.count_nonzero((a["top_theme"].to_numpy() == tid) & rows)) if "top_theme" in a else 0
    return Finding(
        "theme_top",
        {
            "theme": str(labels.get(tid, tid)),
            "theme_id": tid,
            "share": top_share,
            "articles": n_main,
            "n_articles": int(rows.sum()),
        },
        CHARTS["theme_top"],
        ids_by_value(index, own, shares_of[own]),
        (),
        4.0 + top_share,
    )
