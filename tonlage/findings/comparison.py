"""Two periods (or two outlets) compared: the tone shift, the words' and the actors' tone shifts,
and the changes in the themes' shares and the actors' attention."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..compare import (
    MIN_ACTOR_ARTICLES,
    MIN_ACTOR_SENTENCES,
    MIN_ACTOR_SHIFT,
    Comparison,
    actor_sentences,
    month_last_days,
    side_mask,
    tone_shifts,
)
from ..corpus_index import CorpusIndex
from ..frames import isin
from ..intervals import (
    SHARE_DIGITS,
    excludes_zero,
    shift_interval,
)
from ..model import AnalysedCorpus
from .evidence import evidence_at, ids_by_value, shift_pool
from .finding import (
    CHARTS,
    MAX_EVIDENCE_ARTICLES,
    MIN_ATTENTION_CHANGE,
    MIN_PERIOD_SENTENCES,
    MIN_SIDE_ARTICLES,
    MIN_THEME_CHANGE,
    THIN_ARTICLES,
    THIN_SENTENCES,
    THIN_WEIGHT,
    Finding,
    direction_of,
    ordered,
    widened,
)

__all__ = [
    "comparison_findings",
]

# Window labels of an event comparison: "before X" / "after X" (English) or "vor X" / "nach X".
_EVENT_PREFIXES = (("before ", "after "), ("vor ", "nach "))


@dataclass
class _Sides:
    """What the comparison findings share: the periods as masks over the article rows, their
    scored sentences as positions in the index's (``at``), and the month-dated articles."""

    index: CorpusIndex
    rows: tuple[np.ndarray, np.ndarray]
    at: tuple[np.ndarray, np.ndarray]
    month: np.ndarray
    names: dict[str, object]

    def first_ids(self, n: int) -> tuple[str, ...]:
        """The first ``n`` articles of the first period, then of the second, in table order."""
        rows = np.concatenate([np.flatnonzero(self.rows[0])[:n], np.flatnonzero(self.rows[1])[:n]])[:n]
        return tuple(str(x) for x in self.index.ids[rows])

    def month_caveat(self, caveat: str, article_ids: Iterable[str] | None = None) -> str:
        """``caveat``, else "month_dates" when one of ``article_ids`` (None: any article of either
        period) is dated only to a month."""
        if caveat:
            return caveat
        month = self.month & (self.rows[0] | self.rows[1])
        if not month.any():
            return ""
        if article_ids is None:
            return "month_dates"
        return "month_dates" if isin(pd.Series(list(article_ids), dtype=object), self.index.ids[month]).any() else ""

    def actor_at(self, actor: str, k: int) -> np.ndarray:
        """The scored sentences of period ``k`` that name ``actor`` (positions in the index's),
        in the order the actor is first mentioned."""
        return actor_sentences(self.index, actor, self.rows[k])


def comparison_findings(
    corpus: AnalysedCorpus,
    ids: Iterable[str] | np.ndarray,
    comparison: Comparison,
    *,
    limit: int = 5,
    index: CorpusIndex | None = None,
    words: str = "",
) -> list[Finding]:
    """What changed between the two periods of ``comparison`` (from :func:`compare_periods`
    over the same ``ids``): the tone shift, clear actor tone shifts, and large changes in the
    themes and in how often actors are named; a thin-data warning first when a period is small.
    With ``words`` (the sidebar's "Containing words"), also how the tone of the sentences holding
    them moved.

    Args:
        corpus: The analysed corpus.
        ids: Article ids in view, the same the comparison was made over, or the view as a
            boolean mask over the article rows (``filter_rows``).
        comparison: The comparison of the two periods.
        limit: At most this many findings.
        index: The corpus's :class:`~tonlage.corpus_index.CorpusIndex` when the caller keeps one (the
            app does): the periods' scored sentences are then taken from it, not read again
            from the sentence store.
        words: The words searched for, as :func:`tonlage.search.canonical_words` keeps them.

    Returns:
        The findings, thin data first, then by weight; [] when both periods are empty.
    """
    c = comparison
    if limit <= 0 or (c.n_articles[0] == 0 and c.n_articles[1] == 0):
        return []
    sides = _sides(corpus, ids, c, index or CorpusIndex(corpus))
    thin = None
    if min(c.n_articles) < THIN_ARTICLES or min(c.n_sentences) < THIN_SENTENCES:
        thin = Finding(
            "thin_data",
            {
                "variant": "periods",
                **sides.names,
                "articles_a": int(c.n_articles[0]),
                "articles_b": int(c.n_articles[1]),
                "sentences_a": int(c.n_sentences[0]),
                "sentences_b": int(c.n_sentences[1]),
            },
            CHARTS["tone_shift"],
            sides.first_ids(MAX_EVIDENCE_ARTICLES),
            (),
            THIN_WEIGHT,
        )
    found = [f for f in [_tone_shift(c, sides), _words_tone_shift(sides, words) if words else None] if f]
    found += _actor_shifts(corpus, c, sides)
    found += _theme_changes(corpus, c, sides)
    found += _attention_changes(corpus, c, sides)
    return ordered(thin, found, limit)


def _event_name(a: str, b: str) -> str:
    for before, after in _EVENT_PREFIXES:
        if a.lower().startswith(before) and b.lower().startswith(after):
            name = a[len(before) :].strip()
            if name and name == b[len(after) :].strip():
                return name
    return ""


def _sides(corpus: AnalysedCorpus, view, c: Comparison, index: CorpusIndex) -> _Sides:
    arts = corpus.articles[[col for col in ("date", "date_precision") if col in corpus.articles]]
    rows = index.rows(view if isinstance(view, np.ndarray) else [str(i) for i in view])
    side_rows = (rows & side_mask(c.a, index), rows & side_mask(c.b, index))
    srow = index.scored["row"].to_numpy()
    # Month-dated articles whose month runs past their period's end (compare.month_past_end); two
    # outlets: their dates do not matter.
    month = np.zeros(index.n, dtype=bool)
    if "date_precision" in arts and "date" in arts and not c.by_source:
        last = month_last_days(arts["date"], arts["date_precision"])
        for side, w in zip(side_rows, (c.a, c.b)):
            month |= side & (last > np.datetime64(w.end, "D"))
    a, b = c.a.name, c.b.name
    return _Sides(
        index=index,
        rows=side_rows,
        at=(np.flatnonzero(index.in_view(srow, side_rows[0])), np.flatnonzero(index.in_view(srow, side_rows[1]))),
        month=month,
        names={"a": a, "b": b, "sides": "outlets"} if c.by_source else {"a": a, "b": b, "event": _event_name(a, b)},
    )


def _tone_shift(c: Comparison, s: _Sides) -> Finding | None:
    values = [c.tone[0], c.tone[1], c.shift_low, c.shift_high]
    if min(c.n_sentences) == 0 or any(v is None or math.isnan(v) for v in values[:2]):
        return None
    ends: dict[str, float] = {}
    if any(v is None or math.isnan(v) for v in values[2:]):
        # A period of one article: no interval (tonlage.intervals.shift_interval), no claim;
        # both tones and the reason.
        if min(c.n_articles) != 1:
            return None
        variant, direction, caveat, weight = "one_article", 0.0, "uncertain", 10.0
    else:
        clear = excludes_zero(c.shift_low, c.shift_high)
        # Over a million sentences the interval is thousandths wide: "0.00 … 0.00, includes 0"
        # read as broken, and with three decimals "includes 0" may not hold (+0.001 … +0.004).
        negligible = not clear and round(c.shift_low, 2) == 0 and round(c.shift_high, 2) == 0
        variant = "change" if clear else "negligible" if negligible else "no_clear_change"
        direction = float(np.sign(c.shift)) if clear else 0.0
        thin = min(c.n_articles) < MIN_SIDE_ARTICLES or min(c.n_sentences) < MIN_PERIOD_SENTENCES
        caveat, weight = s.month_caveat("thin" if thin else ""), 10.0 + abs(c.shift)
        ends = {"low": float(c.shift_low), "high": float(c.shift_high)}
    arts, sents = evidence_at(
        s.index, *shift_pool(s.index, *s.at, direction), direction_only=bool(direction), more=s.rows[0] | s.rows[1]
    )
    return Finding(
        "tone_shift",
        {
            "variant": variant,
            "direction": direction_of(c.tone[0], c.tone[1]),
            **s.names,
            "tone_a": float(c.tone[0]),
            "tone_b": float(c.tone[1]),
            "shift": float(c.shift),
            **ends,
            "sentences_a": int(c.n_sentences[0]),
            "sentences_b": int(c.n_sentences[1]),
            "articles_a": int(c.n_articles[0]),
            "articles_b": int(c.n_articles[1]),
        },
        CHARTS["tone_shift"],
        arts,
        sents,
        weight,
        caveat,
    )


def _words_tone_shift(s: _Sides, words: str) -> Finding | None:
    """How the tone of the sentences holding ``words`` moved from the first period to the second
    (None when no scored sentence of either holds them). The interval is the one of an actor's
    shift (:func:`~tonlage.intervals.shift_interval`, articles as the sampled units), for one
    test: the reader asked about these words, no family is searched. Fewer than
    ``MIN_ACTOR_SENTENCES`` sentences or ``MIN_ACTOR_ARTICLES`` articles in a period: their
    counts and no comparison (caveat "thin")."""
    index = s.index
    at = index.word_sentences(words, s.rows[0] | s.rows[1])
    if not len(at):
        return None
    tone, srow = index.scored["tone"].to_numpy(), index.scored["row"].to_numpy()
    a, b = (at[index.in_view(srow[at], rows)] for rows in s.rows)
    n_arts = [len(np.unique(srow[x])) for x in (a, b)]
    values: dict[str, object] = {
        "words": words,
        **s.names,
        "sentences_a": len(a),
        "sentences_b": len(b),
        "articles_a": n_arts[0],
        "articles_b": n_arts[1],
    }
    enough = min(len(a), len(b)) >= MIN_ACTOR_SENTENCES and min(n_arts) >= MIN_ACTOR_ARTICLES
    low, high = shift_interval(tone[a], tone[b], (srow[a], srow[b])) if enough else (math.nan, math.nan)
    if math.isnan(low) or math.isnan(high):
        values.update(variant="few", min_sentences=MIN_ACTOR_SENTENCES, min_articles=MIN_ACTOR_ARTICLES)
        arts, sents = evidence_at(index, *shift_pool(index, a, b, 0.0), direction_only=False)
        return Finding("words_tone_shift", values, CHARTS["words_tone_shift"], arts, sents, 4.0, "thin")
    tone_a, tone_b = float(tone[a].mean()), float(tone[b].mean())
    clear = excludes_zero(low, high)
    direction = float(np.sign(tone_b - tone_a)) if clear else 0.0
    values.update(
        variant="change" if clear else "uncertain",
        direction=direction_of(tone_a, tone_b),
        tone_a=tone_a,
        tone_b=tone_b,
        shift=tone_b - tone_a,
        low=low,
        high=high,
    )
    arts, sents = evidence_at(index, *shift_pool(index, a, b, direction), direction_only=bool(direction))
    caveat = s.month_caveat("" if clear else "uncertain", arts)
    # Asked for by the reader: next to the view's own tone shift when clear.
    weight = (9.0 if clear else 4.0) + abs(tone_b - tone_a)
    return Finding("words_tone_shift", values, CHARTS["words_tone_shift"], arts, sents, weight, caveat)


def _actor_shifts(corpus: AnalysedCorpus, c: Comparison, s: _Sides) -> list[Finding]:
    # The comparison's own shifts and intervals (its chart draws them): drawn together over
    # every actor named often enough in both periods (compare.tone_shift_candidates).
    srow = s.index.scored["row"].to_numpy()
    out = []
    for row in tone_shifts(c.actors).itertuples(index=False):
        actor = str(row.actor)
        low, high = float(row.tone_low), float(row.tone_high)
        clear = excludes_zero(low, high)
        delta = float(row.tone_b) - float(row.tone_a)
        direction = float(np.sign(delta))
        own = (s.actor_at(actor, 0), s.actor_at(actor, 1))
        arts, sents = evidence_at(s.index, *shift_pool(s.index, *own, direction), direction_only=True)
        # Sentences of one or two articles are not independent: the interval is too narrow.
        few = min(len(np.unique(srow[o])) for o in own) < MIN_SIDE_ARTICLES
        caveat = s.month_caveat(("thin" if few else "") if clear else "uncertain", arts)
        weight = abs(delta) / MIN_ACTOR_SHIFT * (1.0 if clear else 0.3)
        out.append(
            Finding(
                "actor_tone_shift",
                {
                    "variant": "change" if clear else "uncertain",
                    "direction": direction_of(row.tone_a, row.tone_b),
                    "actor": actor,
                    **s.names,
                    "tone_a": float(row.tone_a),
                    "tone_b": float(row.tone_b),
                    "shift": delta,
                    "low": low,
                    "high": high,
                    "sentences_a": int(row.sentences_a),
                    "sentences_b": int(row.sentences_b),
                    "family": widened(c.tone_tests, c.tone_alpha),
                    "alpha": float(c.tone_alpha),
                    "family_of": "actors",
                },
                CHARTS["actor_tone_shift"],
                arts,
                sents,
                weight,
                caveat,
            )
        )
    return out


def _changed(table: pd.DataFrame, c: Comparison, minimum: float) -> pd.DataFrame:
    """The rows of a comparison's share table whose change is at least ``minimum`` either way;
    none unless both periods have ``MIN_SIDE_ARTICLES`` articles."""
    if table.empty or min(c.n_articles) < MIN_SIDE_ARTICLES:
        return table.iloc[:0]
    table = table.dropna(subset=["change"])
    return table[table["change"].astype("float64").abs() >= minimum]


def _theme_changes(corpus: AnalysedCorpus, c: Comparison, s: _Sides) -> list[Finding]:
    table = _changed(c.themes, c, MIN_THEME_CHANGE)
    if table.empty:
        return []
    index = s.index
    theme, rows = corpus.article_themes["theme_id"].to_numpy(), index.theme_rows
    shares = corpus.article_themes["share"].to_numpy(dtype="float64", na_value=np.nan)
    out = []
    for row in table.itertuples(index=False):
        tid, change = int(row.theme_id), float(row.change)
        # The theme's rows in the period, by share, then by id.
        own = np.flatnonzero((theme == tid) & index.in_view(rows, s.rows[1 if change > 0 else 0]))
        arts = ids_by_value(index, rows[own], shares[own])
        # The share is a mean over the period's themed articles (0 where the theme has no row):
        # its change is a direction only when the 95 % interval over those articles excludes 0
        # (the comparison's, as its chart draws it).
        low, high = float(row.change_low), float(row.change_high)
        if low != low:
            continue  # fewer than two themed articles in a period: nothing to tell
        clear = excludes_zero(low, high, SHARE_DIGITS)
        out.append(
            Finding(
                "theme_change",
                {
                    "variant": ("larger" if change > 0 else "smaller") if clear else "uncertain",
                    "theme": str(row.label),
                    "theme_id": tid,
                    **s.names,
                    "share_a": float(row.share_a),
                    "share_b": float(row.share_b),
                    "change": change,
                    "articles_a": int(row.articles_a),
                    "articles_b": int(row.articles_b),
                    "points_low": low,
                    "points_high": high,
                    "family": widened(c.theme_tests, c.theme_alpha),
                    "alpha": float(c.theme_alpha),
                    "family_of": "themes",
                },
                CHARTS["theme_change"],
                arts,
                (),
                abs(change) / MIN_THEME_CHANGE * (1.0 if clear else 0.3),
                s.month_caveat("" if clear else "uncertain", arts),
            )
        )
    return out


def _attention_changes(corpus: AnalysedCorpus, c: Comparison, s: _Sides) -> list[Finding]:
    table = _changed(c.actors, c, MIN_ATTENTION_CHANGE)
    index = s.index
    codes, names = index.actor_codes
    mentions = corpus.actor_articles["mentions"].to_numpy(dtype="float64", na_value=np.nan)
    tone = index.scored["tone"].to_numpy()
    out = []
    for row in table.itertuples(index=False):
        actor, change = str(row.actor), float(row.change)
        k = 1 if change > 0 else 0
        # The actor's rows in the period, by mentions, then by id.
        own = np.flatnonzero(np.asarray(names == actor, dtype=bool)[codes] & (codes >= 0))
        own = own[index.in_view(index.actor_rows[own], s.rows[k])]
        arts = ids_by_value(index, index.actor_rows[own], mentions[own])
        at = s.actor_at(actor, k)
        _, pairs = evidence_at(index, at, np.abs(tone[at]), direction_only=False)
        n = c.n_articles
        # Shares of articles: a direction only when the 95 % interval of their difference
        # excludes 0 (the comparison's, as its chart draws it).
        low, high = float(row.change_low), float(row.change_high)
        clear = excludes_zero(low, high, SHARE_DIGITS)  # (NaN: nothing to tell, no direction)
        out.append(
            Finding(
                "actor_attention",
                {
                    "variant": ("more" if change > 0 else "less") if clear else "uncertain",
                    "actor": actor,
                    **s.names,
                    "share_a": float(row.share_a),
                    "share_b": float(row.share_b),
                    "change": change,
                    "articles_a": int(row.articles_a),
                    "articles_b": int(row.articles_b),
                    "n_articles_a": int(n[0]),
                    "n_articles_b": int(n[1]),
                    "points_low": low,
                    "points_high": high,
                    "family": widened(c.actor_tests, c.actor_alpha),
                    "alpha": float(c.actor_alpha),
                    "family_of": "actors",
                },
                CHARTS["actor_attention"],
                arts,
                pairs,
                abs(change) / MIN_ATTENTION_CHANGE * (1.0 if clear else 0.3),
                s.month_caveat("" if clear else "uncertain", arts),
            )
        )
    return out
