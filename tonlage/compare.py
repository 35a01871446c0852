"""Comparison of two sides of the view: tone shift, theme shares and actor attention.

A side is a period (before/after an event, or a date range) and, when it names outlets, only
their articles in it: two periods of the press, or two outlets (or groups of them) over the same
days. The measures and their intervals are the same either way; only the words differ.

Pure numpy/pandas (no Streamlit), so the page can wrap :func:`compare_periods` in a cache and
the CLI and tests can call it directly.

An article belongs to a period by its ``date`` column. Articles dated only to the month carry
the 1st of that month as their date, so they count in the period that contains the 1st (an
article from "2025-08" counts before a summit on 15 August, even if it appeared after it).
:func:`compare_periods` adds a plain note when a period contains such articles. Undated
articles (``NaT``) never belong to a period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from .corpus_index import CorpusIndex
from .frames import at_or_beyond_kth_text, distinct_per_key, first_of_each_text, isin, row_text_keys
from .i18n import message, nmessage
from .intervals import (
    ALPHA,
    family_alpha,
    newcombe_intervals,
    p_values,
    share_intervals,
    shift_interval,
    shift_p_value,
)
from .model import AnalysedCorpus
from .storage.sentence_store import TEXT_KEY

__all__ = [
    "Window",
    "event_windows",
    "Comparison",
    "compare_periods",
    "view_examples",
    "window_mask",
    "side_mask",
    "month_past_end",
    "month_last_days",
    "actor_sentences",
    "tone_shift_candidates",
    "tone_shifts",
    "MIN_ACTOR_SENTENCES",
    "MIN_ACTOR_ARTICLES",
    "MIN_ACTOR_SHIFT",
    "MAX_ACTOR_CANDIDATES",
    "THEME_COMPARE_COLUMNS",
    "ACTOR_COMPARE_COLUMNS",
    "EXAMPLE_COLUMNS",
]

THEME_COMPARE_COLUMNS = (
    "theme_id",
    "label",
    "share_a",
    "share_b",
    "change",
    "change_low",
    "change_high",
    "articles_a",
    "articles_b",
)
ACTOR_COMPARE_COLUMNS = (
    "actor",
    "kind",
    "share_a",
    "share_b",
    "change",
    "sentences_a",
    "sentences_b",
    "tone_a",
    "tone_b",
    "change_low",
    "change_high",
    "articles_a",
    "articles_b",
    "tone_low",
    "tone_high",
)
EXAMPLE_COLUMNS = ("article_id", "sent_idx", "title", "date_label", "text", "tone", "evidence", "copies")

#: Fewer articles than this in a view: the overall tone's interval over articles is widened to
#: the one over sentences where that is wider (:func:`tonlage.findings.overall_interval`).
FEW_ARTICLES = 3
_N_EXAMPLES = 3
#: An actor's tone shift is given an interval when the actor is named in at least this many
#: sentences in each period (all of them, scored or not, as the table counts them) ...
MIN_ACTOR_SENTENCES = 5
#: ... in at least this many articles in each period (the articles are the interval's units:
#: with one, that period's spread between articles is unknown and was taken as none; with two,
#: the interval has one degree of freedom and spanned −2 … +2, all there is: 11 of the 19
#: shifts the bundled corpus's comparisons stated were 2 or more wide, none of them informative),
MIN_ACTOR_ARTICLES = 3
#: ... and its tone moved by at least this much: the shifts worth a sentence in the findings
#: and a bar on the Compare page's chart,
MIN_ACTOR_SHIFT = 0.10
#: the largest this many of them (each needs its sentences read; the others count in the family
#: with a p-value of 1, which can only claim less).
MAX_ACTOR_CANDIDATES = 20


@dataclass(frozen=True)
class Window:
    """A period of whole days, and the outlets of a side that is not the whole press.

    Attributes:
        start: First day of the period (inclusive).
        end: Last day of the period (inclusive).
        label: Readable name used in tables and warnings, e.g. "before Anchorage summit", or the
            outlets' names ("taz, FAZ").
        sources: The outlets (the articles' ``source``, trimmed) whose articles in view make
            this side, whatever their date (``start``/``end`` then only name the view's days,
            and are both None where no article in view has one);
            empty: every article of the period.
    """

    start: date | None
    end: date | None
    label: str
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start is None or self.end is None:
            # Only outlets can be compared without days: a period needs both ends.
            if not self.sources or (self.start, self.end) != (None, None):
                raise ValueError(f"Window {self.label!r} needs both days, or outlets and no days at all.")
        # An inverted window would silently select nothing; say so where the mistake is made.
        elif self.end < self.start:
            raise ValueError(f"Window {self.label!r} ends ({self.end}) before it starts ({self.start}).")

    @property
    def name(self) -> str:
        """The label, or the date range when no label was given (a message)."""
        return self.label or message("{start} to {end}", start=f"{self.start:%Y-%m-%d}", end=f"{self.end:%Y-%m-%d}")


def event_windows(event_day: date, days: int = 30, *, label: str = "") -> tuple[Window, Window]:
    """The periods just before and from an event day on, each ``days`` days long.

    The event day itself belongs to the "after" period: coverage on the day of a summit
    already reacts to it.

    Args:
        event_day: The day of the event (a ``datetime`` or ``Timestamp`` is cut to its day).
        days: Length of each period in days (at least 1).
        label: Name of the event; the periods are called "before <label>" and "after <label>",
            or just "before" and "after" without one.

    Returns:
        ``(before, after)`` with before = [event_day - days, event_day - 1] and
        after = [event_day, event_day + days - 1], both inclusive.

    Raises:
        ValueError: If ``days`` is smaller than 1.
    """
    if days < 1:
        raise ValueError(f"A period needs at least one day, got days={days}.")
    day = pd.Timestamp(event_day).date()
    suffix = f" {label.strip()}" if label.strip() else ""
    before = Window(day - timedelta(days=days), day - timedelta(days=1), f"before{suffix}")
    after = Window(day, day + timedelta(days=days - 1), f"after{suffix}")
    return before, after


@dataclass
class Comparison:
    """The result of :func:`compare_periods`; index 0 / suffix ``_a`` is period ``a``.

    Attributes:
        a: The first period (usually "before").
        b: The second period (usually "after").
        n_articles: Articles in view per period.
        n_sentences: Scored sentences (tone not NaN) per period.
        tone: Mean sentence tone per period; NaN for a period without scored sentences.
        shift: ``tone[1] - tone[0]``.
        shift_low: Lower end of the 95% interval of the shift over articles (:func:`shift_interval`).
        shift_high: Upper end of that interval (both NaN if a period has no scored sentences).
        themes: ``THEME_COMPARE_COLUMNS``; share = mean theme share of the period's themed
            articles (``articles_a``/``_b`` of them); change_low/high = the 95% interval of
            the change (:func:`share_interval`), widened for the number of themes compared
            (:func:`family_alpha`); NaN with fewer than two themed articles in a period; sorted
            by absolute change, largest first.
        actors: ``ACTOR_COMPARE_COLUMNS``; share = fraction of the period's articles that
            mention the actor (``articles_a``/``_b`` of them), sentences = sentences mentioning
            the actor, tone = their mean tone, change_low/high = the 95% interval of the change
            of share (:func:`newcombe_interval`), widened for the number of actors compared;
            tone_low/high = the 95% interval of the change of tone over articles
            (:func:`shift_interval`) for the actors named in ``MIN_ACTOR_SENTENCES`` sentences
            and ``MIN_ACTOR_ARTICLES`` articles in each period whose tone moved by
            ``MIN_ACTOR_SHIFT`` (the largest
            ``MAX_ACTOR_CANDIDATES``), widened for all those named that often, else NaN; only
            actors mentioned in at least one period; sorted by absolute change.
        examples: ``"a"`` and ``"b"`` -> up to three most negative (most negative first), then
            up to three most positive (most positive first) scored sentences, ``EXAMPLE_COLUMNS``;
            empty when made with ``examples=False`` (:func:`view_examples` finds them alone).
        warnings: Sentences to show next to the result (thin or empty periods, overlap,
            month-precision dates), as :class:`~tonlage.i18n.Message` s.
        theme_tests: The themes whose changes were given an interval, drawn together.
        theme_alpha: The error of each of their intervals (:func:`family_alpha`): less than
            5 % (a wider interval) where more than one theme was compared and not all of
            their changes were claimed.
        actor_tests, actor_alpha: The same for the actors' shares of articles.
        tone_tests, tone_alpha: The same for the actors' tone shifts: the actors named in
            ``MIN_ACTOR_SENTENCES`` sentences and ``MIN_ACTOR_ARTICLES`` articles in each period.
    """

    a: Window
    b: Window
    n_articles: tuple[int, int]
    n_sentences: tuple[int, int]
    tone: tuple[float, float]
    shift: float
    shift_low: float
    shift_high: float
    themes: pd.DataFrame
    actors: pd.DataFrame
    examples: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)
    theme_tests: int = 1
    actor_tests: int = 1
    theme_alpha: float = ALPHA
    actor_alpha: float = ALPHA
    tone_tests: int = 1
    tone_alpha: float = ALPHA

    @property
    def by_source(self) -> bool:
        """Whether the two sides are outlets (over the same days) rather than two periods: the
        page, the charts and the findings then speak of a difference, not a change."""
        return bool(self.a.sources or self.b.sources)


def compare_periods(
    corpus: AnalysedCorpus,
    ids: Iterable[str] | np.ndarray,
    a: Window,
    b: Window,
    *,
    min_sentences: int = 30,
    min_articles: int = 3,
    index: CorpusIndex | None = None,
    examples: bool = True,
) -> Comparison:
    """Compare the tone, themes and actors of two periods over the articles in view.

    The uncertainty of the tone shift is taken over articles (:func:`shift_interval`): the
    sentences of one article are not independent. With one or two articles in a period there
    is little to tell from; the thin-period warnings are the guard for that.

    Args:
        corpus: The analysed corpus.
        ids: Article ids in view (e.g. from ``filter_ids``; other articles are ignored), or the
            view as a boolean mask over the article rows (``filter_rows``).
        a: The first period (usually "before").
        b: The second period (usually "after").
        min_sentences: Fewer scored sentences than this in a period triggers a warning.
        min_articles: Fewer articles than this in a period triggers a warning.
        index: The corpus's :class:`~tonlage.corpus_index.CorpusIndex` when the caller keeps one (the
            app does: its scored sentences and positions are then read once per corpus, not per
            comparison); without one a fresh index is made for this call.
        examples: Whether to find the example sentences and read their texts. Without them (the
            app) the comparison is ready without a read of the sentence store, and
            :func:`view_examples` finds them on their own, when the reader opens them.

    Returns:
        The :class:`Comparison`. Works (with NaN and empty tables) when a period is empty.
    """
    index = index or CorpusIndex(corpus)
    side_rows, side_at, tones = _sides(index, ids, a, b)
    # The columns the periods' warnings read (month-dated articles and their months): a row
    # mask copies every column, the articles' texts too; the examples' titles are taken by _titles.
    arts = corpus.articles[[col for col in ("date_precision", "date") if col in corpus.articles]]
    side_arts = (arts[side_rows[0]], arts[side_rows[1]])
    sent_rows = index.scored["row"].to_numpy()
    mean = (
        float(tones[0].mean()) if tones[0].size else float("nan"),
        float(tones[1].mean()) if tones[1].size else float("nan"),
    )
    shift = mean[1] - mean[0]
    # over articles (their sentences are not independent of each other)
    groups = (sent_rows[side_at[0]], sent_rows[side_at[1]])
    low, high = shift_interval(tones[0], tones[1], groups)

    n_art = (len(side_arts[0]), len(side_arts[1]))
    n_sent = (int(tones[0].size), int(tones[1].size))
    warnings = (_source_warnings if a.sources or b.sources else _warnings)(
        (a, b), side_arts, n_art, n_sent, min_articles, min_sentences
    )

    themes, theme_tests, theme_alpha = _theme_changes(corpus, index, side_rows)
    actors, actor_tests, actor_alpha = _actor_changes(corpus, index, side_rows, n_art)
    actors, tone_tests, tone_alpha = _actor_tone_shifts(index, actors, side_rows)
    return Comparison(
        a=a,
        b=b,
        n_articles=n_art,
        n_sentences=n_sent,
        tone=mean,
        shift=shift,
        shift_low=low,
        shift_high=high,
        themes=themes,
        actors=actors,
        examples=_examples_of(corpus, index, side_rows, side_at, tones) if examples else {},
        warnings=warnings,
        theme_tests=theme_tests,
        actor_tests=actor_tests,
        theme_alpha=theme_alpha,
        actor_alpha=actor_alpha,
        tone_tests=tone_tests,
        tone_alpha=tone_alpha,
    )


def view_examples(
    corpus: AnalysedCorpus,
    ids: Iterable[str] | np.ndarray,
    a: Window,
    b: Window,
    *,
    index: CorpusIndex | None = None,
) -> dict[str, pd.DataFrame]:
    """The examples :func:`compare_periods` gives the same view and sides (see
    :attr:`Comparison.examples`), found without the rest of the comparison: the app reads them
    (~40 ms at 101,000 articles, most of it Arrow decoding the row groups that hold their texts)
    while the comparison is made, when the reader has its examples open."""
    index = index or CorpusIndex(corpus)
    # Each side's articles alone: its sentences are found only should the index's ranked head
    # not tell its strongest (two passes over 2.2 million sentences' rows, ~7 ms, saved).
    side_rows = _side_rows(index, ids, a, b)
    return _examples_of(corpus, index, side_rows, (None, None), (None, None))


def _side_rows(index: CorpusIndex, ids, a: Window, b: Window) -> tuple[np.ndarray, np.ndarray]:
    """Each side's article rows (a mask) of a comparison over the view ``ids`` (ids, or a mask
    over the article rows)."""
    rows = index.rows(ids if isinstance(ids, np.ndarray) else [str(i) for i in ids])
    return rows & side_mask(a, index), rows & side_mask(b, index)


def _sides(index: CorpusIndex, ids, a: Window, b: Window) -> tuple[tuple, tuple, tuple]:
    """Each side of a comparison over the view ``ids`` (ids, or a mask over the article rows):
    its article rows (a mask), its scored sentences (positions in ``index.scored``) and their
    tones. Each side is a mask over the article rows: the long tables (2.2 million scored
    sentences, 2.5 million article-theme rows at 100,000 articles) are then taken at the
    index's positions instead of matching ids as text (most of an uncached comparison)."""
    side_rows = _side_rows(index, ids, a, b)
    scored = index.scored
    sent_rows = scored["row"].to_numpy()
    side_at = tuple(np.flatnonzero(index.in_view(sent_rows, r)) for r in side_rows)
    all_tones = scored["tone"].to_numpy(dtype="float64")
    return side_rows, side_at, tuple(all_tones[at] for at in side_at)


def _examples_of(corpus: AnalysedCorpus, index: CorpusIndex, side_rows, side_at, tones) -> dict[str, pd.DataFrame]:
    """Each side's examples (:func:`_sides`; a side's sentences and tones None: found from its
    rows where needed), the texts of both read in one pass."""
    ids_dtype = corpus.articles["article_id"].dtype
    candidates = tuple(_candidates(index, at, tone, ids_dtype, r) for at, tone, r in zip(side_at, tones, side_rows))
    return dict(zip("ab", _both_examples(candidates, _titles(corpus.articles, candidates), index.sentences_by_ref)))


def window_mask(articles: pd.DataFrame, w: Window) -> np.ndarray:
    """Which of ``articles`` have a date on a day of ``w`` (a boolean array; NaT never does)."""
    dates = pd.to_datetime(articles["date"], errors="coerce")
    # Half-open upper bound so a date with a time of day on the last day still counts.
    lo, hi = pd.Timestamp(w.start), pd.Timestamp(w.end) + pd.Timedelta(days=1)
    return ((dates >= lo) & (dates < hi)).to_numpy(dtype=bool)


def side_mask(w: Window, index: CorpusIndex) -> np.ndarray:
    """Which of the corpus's article rows belong to side ``w``: those dated on one of its days
    (:meth:`~tonlage.corpus_index.CorpusIndex.rows_between`, the days of :func:`window_mask`); for a
    side naming outlets, every article of theirs, dated or not (the view's dates already bound
    them; an outlet's undated web pages are still its wording), read as the filter and the
    outlet charts read the ``source`` column (:attr:`~tonlage.corpus_index.CorpusIndex.source_codes`).
    The Overview's latest weeks are read by the same days."""
    return index.source_rows(w.sources) if w.sources else index.rows_between(w.start, w.end)


def _source_warnings(windows, side_arts, n_art, n_sent, min_articles, min_sentences) -> list[str]:
    """The thin-side and shared-outlet warnings of two outlets compared (their days are the
    same, so neither the overlap of days nor month-dated articles matter)."""
    out: list[str] = []  # messages
    for w, na, ns in zip(windows, n_art, n_sent):
        if na == 0:
            out.append(
                message(
                    "No articles from '{source}' in view: the sidebar's filters (dates, source, kind of article and the rest) leave none of its articles.",
                    source=w.name,
                )
            )
        elif ns == 0:
            out.append(
                nmessage(
                    "The {n} article from '{source}' has no scored sentence: its tone cannot be compared.",
                    "The {n} articles from '{source}' have no scored sentence: their tone cannot be compared.",
                    int(na),
                    source=w.name,
                )
            )
        elif na < min_articles or ns < min_sentences:
            out.append(
                message(
                    "'{source}' rests on only {articles} ({sentences}): treat its tone as a rough hint.",
                    source=w.name,
                    articles=nmessage("{n} article", "{n} articles", int(na)),
                    sentences=nmessage("{n} sentence", "{n} sentences", int(ns)),
                )
            )
    a, b = windows
    shared = sorted(set(a.sources) & set(b.sources))
    if shared or not (a.sources and b.sources):
        out.append(
            message(
                "'{first}' and '{second}' share articles ({shared}): they count on both sides, so the intervals are too narrow.",
                first=a.name,
                second=b.name,
                shared=", ".join(shared) or message("every outlet"),
            )
        )
    return out


def month_last_days(dates: pd.Series, precision: pd.Series) -> np.ndarray:
    """The last day of the month of each row dated only to a month (``precision`` "month":
    counted on its 1st), NaT for the others (``datetime64[D]``), for :func:`month_past_end`."""
    # Compared by pandas: a column of strings turned into an array first took ~5 ms at 101,000.
    month = (precision == "month").to_numpy(dtype=bool, na_value=False)
    out = np.full(len(month), np.datetime64("NaT"), dtype="datetime64[D]")
    if month.any():
        # In NumPy: a month offset added by pandas took ~5 ms at 101,000 articles.
        first = pd.to_datetime(dates[month]).dt.tz_localize(None).to_numpy().astype("datetime64[M]")
        out[month] = (first + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    return out


def month_past_end(dates: pd.Series, precision: pd.Series, end: date) -> np.ndarray:
    """Which rows are dated only to a month (counted on its 1st) whose last day lies after
    ``end``: in a period that ends on ``end`` they may belong after it. A month wholly inside the
    period is no doubt: 60 web pages compared in two halves (the Compare page's default) warned
    of all six month-dated articles, of which two lay in the month the halves split (May 2025)."""
    return month_last_days(dates, precision) > np.datetime64(end, "D")


def _warnings(windows, side_arts, n_art, n_sent, min_articles, min_sentences) -> list[str]:
    out: list[str] = []  # messages
    for w, arts, na, ns in zip(windows, side_arts, n_art, n_sent):
        if na == 0:
            out.append(message("No articles in '{period}'.", period=w.name))
        elif ns == 0:
            out.append(
                nmessage(
                    "The period '{period}' has {n} article but no scored sentences: its tone cannot be measured.",
                    "The period '{period}' has {n} articles but no scored sentences: its tone cannot be measured.",
                    int(na),
                    period=w.name,
                )
            )
        elif na < min_articles or ns < min_sentences:
            out.append(
                message(
                    "The period '{period}' rests on only {articles} ({sentences}): treat its tone as a rough hint.",
                    period=w.name,
                    articles=nmessage("{n} article", "{n} articles", int(na)),
                    sentences=nmessage("{n} sentence", "{n} sentences", int(ns)),
                )
            )
        if na and "date_precision" in arts and "date" in arts:
            n_month = int(month_past_end(arts["date"], arts["date_precision"], w.end).sum())
            if n_month:
                out.append(
                    nmessage(
                        "{n} article in '{period}' is dated only to the month, counted on its 1st, and that month runs past the period's end: it may be from after it.",
                        "{n} articles in '{period}' are dated only to the month, counted on its 1st, and that month runs past the period's end: they may be from after it.",
                        n_month,
                        period=w.name,
                    )
                )
    a, b = windows
    if a.start <= b.end and b.start <= a.end:
        out.append(
            message(
                "The periods '{first}' and '{second}' overlap: articles on the shared days count in both.",
                first=a.name,
                second=b.name,
            )
        )
    return out


def _theme_changes(corpus: AnalysedCorpus, index: CorpusIndex, side_rows) -> tuple[pd.DataFrame, int, float]:
    """Mean theme share per period over the period's themed articles; the number of themes
    whose intervals were drawn together, and their error (:func:`family_alpha`)."""
    th = corpus.themes
    if th.empty:
        return _empty(THEME_COMPARE_COLUMNS), 0, ALPHA
    # Sums over each period's rows of the index's article × theme shares (one matrix-vector
    # product, as the Overview's theme table and the findings): the long table's 1.9-2.5 million
    # rows at 100,000 articles, taken by the period and grouped by theme, were ~30 ms a period.
    # Articles outside the theme model (other languages) have no rows; they neither add to nor
    # dilute the shares. Sum / articles counts a missing (article, theme) row as 0.
    m = index.themes
    tids = th["theme_id"].to_numpy(dtype=np.int64)
    themed = [rows & m.themed for rows in side_rows]
    n_themed = [int(t.sum()) for t in themed]
    sums = [m.at_themes(m.share_sums(t), tids) for t in themed]
    shares = [
        pd.Series(total / n if n else np.nan, index=th.index, dtype="float64") for total, n in zip(sums, n_themed)
    ]
    out = pd.DataFrame(
        {"theme_id": th["theme_id"].astype("int64"), "label": th["label"], "share_a": shares[0], "share_b": shares[1]}
    )
    out["change"] = out["share_b"] - out["share_a"]
    # The interval of each change needs the spread too: each theme's sum of squared shares.
    ends = np.full((2, len(th)), np.nan)
    tests, alpha = 0, ALPHA
    if min(n_themed) > 1:
        squared = np.square(m.shares.T)  # themes × articles
        sq_a, sq_b = (m.at_themes(squared @ t.astype("float64"), tids) for t in themed)
        (n_a, n_b), (sum_a, sum_b) = n_themed, sums

        def at(alpha):
            return share_intervals(n_a, sum_a, sq_a, n_b, sum_b, sq_b, alpha=alpha)

        # Every theme is a chance to see a change that is not there: the intervals are drawn
        # together, at the error that keeps chance among the changes they claim to 5 %.
        p = p_values(at, len(th))
        tests, alpha = int((~np.isnan(p)).sum()), family_alpha(p)
        ends = np.asarray(at(alpha))
    out["change_low"], out["change_high"] = ends[0], ends[1]
    out["articles_a"], out["articles_b"] = n_themed
    return _by_abs_change(out, "theme_id")[list(THEME_COMPARE_COLUMNS)], tests, alpha


def _actor_changes(corpus: AnalysedCorpus, index: CorpusIndex, side_rows, n_art) -> tuple[pd.DataFrame, int, float]:
    """Share of articles mentioning each actor, and the tone of their sentences, per period:
    summed by the actor's number (bincount) over each period's rows of ``actor_articles``, as
    the Actors page's table. The period's rows taken as a frame, joined and grouped by name
    were ~20 ms a period at 100,000 articles."""
    aa = corpus.actor_articles
    codes, names = index.actor_codes
    named = codes >= 0
    if "mentions" in aa:
        named &= aa["mentions"].to_numpy(dtype="float64", na_value=np.nan) > 0
    sel = [np.flatnonzero(index.in_view(index.actor_rows, rows) & named) for rows in side_rows]
    if not (len(sel[0]) or len(sel[1])):
        return _empty(ACTOR_COMPARE_COLUMNS), 0, ALPHA
    k = len(names)
    # Sentence-weighted tone, leaving out mentions whose sentences were not scored.
    n_all = np.nan_to_num(aa["n_sentences"].to_numpy(dtype="float64", na_value=np.nan), nan=0.0)
    n_toned, w = index.actor_tone_weights
    sums = []
    for at in sel:
        code = codes[at]
        if index.actor_names_distinct:  # one row per article and actor: its rows are its articles
            arts = np.bincount(code, minlength=k)
        else:
            arts = distinct_per_key(code, index.actor_rows[at], k)
        sums.append(
            (
                arts,
                np.bincount(code, weights=n_all[at], minlength=k),
                np.bincount(code, weights=w[at], minlength=k),
                np.bincount(code, weights=n_toned[at], minlength=k),
            )
        )
    # The actors named in either period, by name; each with the first kind given to it there.
    both = np.concatenate(sel)
    have = np.unique(codes[both])
    have = have[np.argsort(names[have].astype(str), kind="stable")]
    pair, pairs = index.actor_kinds  # -1: no kind (or no actor)
    known = both[pair[both] >= 0]
    kind_of = np.full(k, np.nan, dtype=object)
    seen, first = np.unique(codes[known], return_index=True)
    kind_of[seen] = pairs["kind"].to_numpy(dtype=object)[pair[known[first]]]
    out = pd.DataFrame({"actor": pd.Index(names[have]).astype(str), "kind": kind_of[have]})
    for i, (side, (arts, n, wsum, toned)) in enumerate(zip("ab", sums)):
        out[f"articles_{side}"] = arts[have].astype("int64")
        out[f"share_{side}"] = arts[have] / n_art[i] if n_art[i] else np.nan
        out[f"sentences_{side}"] = n[have].astype("int64")
        with np.errstate(invalid="ignore", divide="ignore"):
            out[f"tone_{side}"] = np.where(
                toned[have] > 0, wsum[have] / np.where(toned[have] > 0, toned[have], 1.0), np.nan
            )
    out["change"] = out["share_b"] - out["share_a"]
    counts = sums[0][0][have], sums[1][0][have]

    def named_at(alpha):
        return newcombe_intervals(counts[0], n_art[0], counts[1], n_art[1], alpha=alpha)

    # As the themes': every actor a chance to see a change that is not there (family_alpha).
    p = p_values(named_at, len(have))
    alpha = family_alpha(p)
    out["change_low"], out["change_high"] = named_at(alpha)
    out["tone_low"], out["tone_high"] = np.nan, np.nan
    return _by_abs_change(out, "actor")[list(ACTOR_COMPARE_COLUMNS)], int((~np.isnan(p)).sum()), alpha


def actor_sentences(index: CorpusIndex, actor: str, rows: np.ndarray) -> np.ndarray:
    """The scored sentences of the view ``rows`` that name ``actor`` (positions in the index's
    :attr:`~tonlage.corpus_index.CorpusIndex.scored`), in the order the actor is first mentioned."""
    m = index.mentioned(actor)
    at, row = m["at"].to_numpy(), m["row"].to_numpy()
    return at[(at >= 0) & index.in_view(row, rows)]


def tone_shift_candidates(actors: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The rows of a comparison's actor table whose tone shift is given an interval (largest
    shift first, then by name) and how many actors are named often enough in both periods to
    count in their family: in ``MIN_ACTOR_SENTENCES`` sentences and ``MIN_ACTOR_ARTICLES``
    articles in each."""
    often = (actors["sentences_a"] >= MIN_ACTOR_SENTENCES) & (actors["sentences_b"] >= MIN_ACTOR_SENTENCES)
    table = actors[often & (actors["articles_a"] >= MIN_ACTOR_ARTICLES) & (actors["articles_b"] >= MIN_ACTOR_ARTICLES)]
    delta = table["tone_b"].astype("float64") - table["tone_a"].astype("float64")
    table, delta = table[delta.notna()], delta[delta.notna()]
    family = len(table)
    big = delta.abs() >= MIN_ACTOR_SHIFT
    table = table[big].assign(_abs=delta[big].abs())
    table = table.sort_values(["_abs", "actor"], ascending=[False, True], kind="mergesort").head(MAX_ACTOR_CANDIDATES)
    return table.drop(columns="_abs"), family


def tone_shifts(actors: pd.DataFrame) -> pd.DataFrame:
    """The rows of a comparison's actor table whose tone shift has an interval
    (``tone_low``/``tone_high``), in the order of :func:`tone_shift_candidates`: what the
    findings state and the Compare page's chart draws."""
    if actors.empty:
        return actors
    candidates, _ = tone_shift_candidates(actors)
    return candidates[candidates["tone_low"].notna()]


def _actor_tone_shifts(index: CorpusIndex, actors: pd.DataFrame, side_rows) -> tuple[pd.DataFrame, int, float]:
    """``actors`` with the interval of each candidate's tone shift (:func:`tone_shift_candidates`)
    over articles, the candidates' intervals drawn together over every actor named often enough
    (:func:`family_alpha`: the others count with a p-value of 1); the family's size and error."""
    if actors.empty:
        return actors, 0, ALPHA
    candidates, family = tone_shift_candidates(actors)
    scored = index.scored
    tone, srow = scored["tone"].to_numpy(), scored["row"].to_numpy()
    parts = []
    for actor in candidates["actor"]:
        own = [actor_sentences(index, str(actor), rows) for rows in side_rows]
        parts.append(((tone[own[0]], tone[own[1]]), (srow[own[0]], srow[own[1]])))
    p = [shift_p_value(*tones, groups) for tones, groups in parts]
    alpha = family_alpha(np.array(p + [1.0] * (family - len(p))))
    ends = np.array([shift_interval(*tones, groups, alpha=alpha) for tones, groups in parts]).reshape(-1, 2)
    out = actors.copy()
    at = out.index.get_indexer(candidates.index)
    low, high = np.full(len(out), np.nan), np.full(len(out), np.nan)
    low[at], high[at] = ends[:, 0], ends[:, 1]
    out["tone_low"], out["tone_high"] = low, high
    return out, family, alpha


def _by_abs_change(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Largest absolute change first; NaN changes last; ties by ``key`` for a stable order."""
    return (
        df.assign(_abs=df["change"].abs())
        .sort_values(["_abs", key], ascending=[False, True], na_position="last", kind="mergesort")
        .drop(columns="_abs")
        .reset_index(drop=True)
    )


def _candidates(
    index: CorpusIndex, at: np.ndarray | None, tone: np.ndarray | None, ids_dtype, rows: np.ndarray
) -> pd.DataFrame:
    """The scored sentences ``at`` (positions in ``index.scored``, with their ``tone``; the
    period's sentences, of its article rows ``rows``; None: found from ``rows``, only where the
    ranked head cannot tell) that :func:`_examples` can pick, as its
    table (article_id, sent_idx, tone, the text's key) in the order of ``at``: on each side
    every one at or beyond the tone of the third different text, ties included (the cut
    :func:`_examples` makes itself). Its pick is then the one it makes from every sentence,
    without naming the articles of a million sentences. From the index's ranked head when it
    can tell (:meth:`CorpusIndex.strongest_in_view`), else from ``tone``."""
    scored = index.scored
    neg, pos = (index.strongest_in_view(rows, sign, _N_EXAMPLES) for sign in (-1.0, 1.0))
    if neg is not None and pos is not None:
        picked = np.sort(np.concatenate([neg, pos]))
        picked_tone = scored["tone"].to_numpy(dtype="float64")[picked]
    else:
        if at is None or tone is None:
            at = index.scored_of_rows(rows)
            tone = scored["tone"].to_numpy(dtype="float64")[at]
        keys = index.text_keys[at]
        keep = np.zeros(len(tone), dtype=bool)
        for side in (tone < 0, tone > 0):
            keep[np.flatnonzero(side)[at_or_beyond_kth_text(np.abs(tone[side]), keys[side], _N_EXAMPLES)]] = True
        picked, picked_tone = at[keep], tone[keep]
    return pd.DataFrame(
        {
            "article_id": pd.Series(index.ids[scored["row"].to_numpy()[picked]], dtype=ids_dtype),
            "sent_idx": scored["sent_idx"].to_numpy()[picked],
            "tone": picked_tone,
            TEXT_KEY: index.text_keys[picked],
        }
    )


def _examples(sents: pd.DataFrame, titles: pd.DataFrame, read: SentencesByRef | None = None) -> pd.DataFrame:
    """Up to three most negative, then up to three most positive scored sentences (``sents``:
    article_id, sent_idx, tone; their text from ``sents``, else read with ``read`` for the six
    picked)."""
    return _both_examples((sents,), titles, read)[0]


def _titles(arts: pd.DataFrame, candidates: tuple[pd.DataFrame, ...]) -> pd.DataFrame:
    """The title and date of the articles of ``candidates`` (by article id; the first row of an
    id that repeats): the few that can be shown, not the whole article table (a uniqueness
    check of 100,000 ids, ~35 ms of every comparison)."""
    wanted = {a for c in candidates for a in c["article_id"]}
    mine = arts.loc[
        isin(arts["article_id"], wanted).to_numpy(dtype=bool),
        [col for col in ("article_id", "title", "date_label") if col in arts],
    ]
    return mine.drop_duplicates("article_id").set_index("article_id")


#: Reads sentences by (article id, sentence number) with some columns, as
#: :meth:`tonlage.model.AnalysedCorpus.sentences_by_ref` does.
SentencesByRef = Callable[[Iterable[tuple[str, int]], Sequence[str]], pd.DataFrame]


def _both_examples(
    sides: tuple[pd.DataFrame, ...], titles: pd.DataFrame, read: SentencesByRef | None = None
) -> list[pd.DataFrame]:
    """:func:`_examples` of each of ``sides``, the texts of all their picks read in one pass
    (``read``: :meth:`tonlage.model.AnalysedCorpus.sentences_by_ref`; each read scans the
    store's parts: 0.1 s at 100,000 articles)."""
    picks = [_pick(sents) for sents in sides]
    if read is not None and any(p is not None and "text" not in p for p in picks):
        refs = dict.fromkeys(
            ref for p in picks if p is not None and "text" not in p for ref in zip(p["article_id"], p["sent_idx"])
        )
        # with the words that moved each score: the reader checks a tone of -0.89 against them
        text = read(refs, ["text", "evidence"])
        picks = [
            p.merge(text, on=["article_id", "sent_idx"], how="left") if p is not None and "text" not in p else p
            for p in picks
        ]
    return [_empty(EXAMPLE_COLUMNS) if p is None else _example_table(p, titles) for p in picks]


def _pick(sents: pd.DataFrame) -> pd.DataFrame | None:
    """The rows of ``sents`` :func:`_examples` shows, in its order (None when there are none):
    the three most negative different sentences, then the three most positive, ties by article
    and sentence; a sentence printed in several articles once, where it comes first, with
    ``copies``, the number of its other rows with that tone. Texts are told apart by their key
    (:data:`TEXT_KEY`) where ``sents`` has it, else by the text."""
    if sents.empty:
        return None
    order = ["tone", "article_id", "sent_idx"] if "sent_idx" in sents else ["tone", "article_id"]
    keys = row_text_keys(sents)
    sents = sents.assign(**{TEXT_KEY: keys})  # first_of_each_text tells them apart by the same keys
    tone = sents["tone"].to_numpy(dtype="float64")
    # Sorting a million sentences by tone and id took most of a comparison at 100,000
    # articles; only those at or beyond the tone of the third different text can be picked,
    # so only those are sorted (ties at that tone included: the result is the full sort's).
    parts = []
    for side, negative in ((tone < 0, True), (tone > 0, False)):
        at = np.flatnonzero(side)
        part = sents.iloc[at[at_or_beyond_kth_text(np.abs(tone[at]), keys[at], _N_EXAMPLES)]]
        part = part.sort_values(order, kind="mergesort")
        if not negative:
            part = part.sort_values("tone", ascending=False, kind="mergesort")
        parts.append(first_of_each_text(part, _N_EXAMPLES))
    picked = pd.concat(parts)
    return None if picked.empty else picked


def _example_table(picked: pd.DataFrame, titles: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "article_id": picked["article_id"].to_numpy(),
            # its place in the article: a quote pinned from here and from the reader is one card
            "sent_idx": picked["sent_idx"].to_numpy(dtype="int64") if "sent_idx" in picked else float("nan"),
            "title": picked["article_id"].map(titles["title"]).to_numpy() if "title" in titles else "",
            "date_label": picked["article_id"].map(titles["date_label"]).to_numpy() if "date_label" in titles else "",
            "text": picked["text"].to_numpy(),
            "tone": picked["tone"].astype("float64").to_numpy(),
            # the words that moved the score ("" where the sentences came without them), kept
            # as messages: an array of them is read as text, and its German was lost
            "evidence": pd.Series(picked["evidence"].fillna("").to_numpy(), dtype=object)
            if "evidence" in picked
            else "",
            "copies": picked["copies"].to_numpy(dtype="int64"),
        }
    )
    return out[list(EXAMPLE_COLUMNS)]


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
