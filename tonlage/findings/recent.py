"""The view's latest weeks against the weeks before them (:data:`~.finding.RECENT_WINDOWS`)."""

from __future__ import annotations

import math
from datetime import timedelta

import numpy as np

from ..compare import (
    Window,
    side_mask,
)
from ..corpus_index import CorpusIndex
from ..intervals import (
    excludes_zero,
    shift_interval_of_articles,
)
from .evidence import shift_evidence
from .finding import (
    CHARTS,
    MIN_PERIOD_SENTENCES,
    MIN_SIDE_ARTICLES,
    RECENT_WINDOWS,
    THIN_ARTICLES,
    THIN_SENTENCES,
    Finding,
    direction_of,
)

__all__ = [
    "recent_windows",
    "recent_tone_at",
]


def recent_windows(dates) -> tuple[str, Window, Window] | None:
    """The view's latest weeks and the weeks before them (:data:`RECENT_WINDOWS`), from the
    dates of its articles (NaT: undated): the latest period ends on the last day of the view's
    main period (:func:`tonlage.period.main_period`: an article dated years ahead by a typo does
    not make its own "latest weeks"), the one before ends the day before it starts. Returns
    ``(form, before, latest)``; None when the view's dated span is shorter than every form's."""
    from ..period import main_period

    main = main_period(np.asarray(dates, dtype="datetime64[ns]"))
    if main is None:
        return None
    end, span = main.end.date(), (main.end - main.start).days
    for form, at_least, latest_days, before_days in RECENT_WINDOWS:
        if span >= at_least:
            start = end - timedelta(days=latest_days - 1)
            before = Window(start - timedelta(days=before_days), start - timedelta(days=1), "")
            latest = Window(start, end, "")
            return form, before, latest
    return None


def recent_tone_at(index: CorpusIndex, rows: np.ndarray) -> Finding | None:
    """Whether the wording of the view's latest weeks differs from that of the weeks before them
    (:func:`recent_windows`): the Compare page's tone shift between the two periods (the same
    articles, tones and :func:`~tonlage.intervals.shift_interval` over articles), so the button
    that opens them there shows the same numbers. A direction is claimed only when the interval
    excludes 0. None when the view is too short, or either period has fewer than
    ``MIN_SIDE_ARTICLES`` scored articles or ``MIN_PERIOD_SENTENCES`` scored sentences: the
    Overview says nothing rather than flag a thin comparison nobody asked for."""
    arts = index.corpus.articles
    order, days = index.day_order
    windows = recent_windows(days[rows[order]])  # the view's dates, in order
    if windows is None:
        return None
    form, before, latest = windows
    assert before.start and before.end and latest.start and latest.end  # periods: days at both ends
    side_rows = (rows & side_mask(before, index), rows & side_mask(latest, index))  # the Compare page's
    counts, sums = index.sentence_totals
    squares = index.sentence_squares
    # Each period's scored articles: their sums, from which its tone and interval come (the
    # Compare page's shift_interval over the same articles, without gathering their sentences).
    sides = [np.flatnonzero(r & (counts > 0)) for r in side_rows]
    n_articles = tuple(len(r) for r in sides)
    n_sents = tuple(int(counts[r].sum()) for r in sides)
    if min(n_articles) < MIN_SIDE_ARTICLES or min(n_sents) < MIN_PERIOD_SENTENCES:
        return None  # a thin view's latest weeks: not worth a sentence nobody asked for
    parts = [(sums[r], counts[r], squares[r]) for r in sides]
    low, high = shift_interval_of_articles(parts[0], parts[1])
    if math.isnan(low):
        return None
    tone_a, tone_b = (float(p[0].sum()) / n for p, n in zip(parts, n_sents))
    clear = excludes_zero(low, high)
    negligible = not clear and round(low, 2) == 0 and round(high, 2) == 0
    variant = "change" if clear else "negligible" if negligible else "no_clear_change"
    direction = float(np.sign(tone_b - tone_a)) if clear else 0.0
    arts_ev, sents = shift_evidence(
        index, side_rows, direction, direction_only=bool(direction), more=side_rows[0] | side_rows[1]
    )
    month = (
        (arts["date_precision"] == "month").to_numpy(dtype=bool) & (side_rows[0] | side_rows[1])
        if "date_precision" in arts
        else np.zeros(index.n, dtype=bool)
    )
    # As the Compare page warns of the same two periods (its thin-data finding): few data, a hint.
    thin = min(n_articles) < THIN_ARTICLES or min(n_sents) < THIN_SENTENCES
    caveat = "thin" if thin else "month_dates" if month.any() else ""
    return Finding(
        "recent_tone",
        {
            "variant": variant,
            "window": form,
            "direction": direction_of(tone_a, tone_b),
            "a": f"{before.start:%Y-%m-%d} – {before.end:%Y-%m-%d}",
            "b": f"{latest.start:%Y-%m-%d} – {latest.end:%Y-%m-%d}",
            "start_a": before.start.isoformat(),
            "end_a": before.end.isoformat(),
            "start_b": latest.start.isoformat(),
            "end_b": latest.end.isoformat(),
            "tone_a": tone_a,
            "tone_b": tone_b,
            "shift": tone_b - tone_a,
            "low": float(low),
            "high": float(high),
            "sentences_a": n_sents[0],
            "sentences_b": n_sents[1],
            "articles_a": int(side_rows[0].sum()),
            "articles_b": int(side_rows[1].sum()),
        },
        CHARTS["recent_tone"],
        arts_ev,
        sents,
        (8.0 + abs(tone_b - tone_a)) if clear else 3.5,
        caveat,
    )
