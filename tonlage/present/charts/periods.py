"""Time charts of many articles: whether a chart draws periods, the weeks or months it draws,
the mean tone of each period with its 95 % interval, and a period's line with its interval
bars and hover lines."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from tonlage.i18n import Translator as FullTranslator

from ...intervals import mean_intervals
from .base import (
    AGGREGATE_OVER,
    POINT_BUDGET,
    Translator,
    hover_rows,
    line_marker_size,
    point_symbols,
    scatter_cls,
    trace,
    translator_of,
)


def draws_periods(n_articles: int, n_points: int | None = None, aggregate_over: int = AGGREGATE_OVER) -> bool:
    """Whether a time chart draws one point per period instead of per article: more articles than
    ``aggregate_over``, or more points (``n_points``: articles × lines; default one per article)
    than the budget. The builders and the pages' "how to read this" lines ask the same question."""
    return n_articles > aggregate_over or (n_articles if n_points is None else n_points) > POINT_BUDGET


def bucket_frequency(dates: pd.Series) -> str:
    """ "W" (weeks) for spans up to two years, else "M" (months)."""
    d = dates if pd.api.types.is_datetime64_dtype(dates.dtype) else pd.to_datetime(dates)
    first, last = d.min(), d.max()  # missing dates left out (no copy of the rest)
    if pd.isna(first):
        return "W"
    return "M" if (last - first).days > 730 else "W"


def dated_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame.dropna(subset=["date"])`` without copying every row when none is missing (the
    usual case: at 100,000 articles the copy was a tenth of a time chart's table work)."""
    return frame.dropna(subset=["date"]) if frame["date"].isna().any() else frame


def unique_keys(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(key, return_index=True, return_inverse=True)``; keys already in order (the
    articles are kept by date) are numbered in one pass instead of sorted."""
    if len(key) > 1 and bool((key[1:] >= key[:-1]).all()):
        new = np.empty(len(key), dtype=bool)
        new[0] = True
        np.not_equal(key[1:], key[:-1], out=new[1:])
        first = np.flatnonzero(new)
        return key[first], first, np.cumsum(new) - 1
    return np.unique(key, return_index=True, return_inverse=True)


def bucket_start(dates: pd.Series, freq: str) -> pd.Series:
    d = pd.to_datetime(dates)
    if freq == "M":
        return d.dt.to_period("M").dt.start_time
    return (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.normalize()


#: The columns of :func:`aggregate_articles`.
PERIOD_COLUMNS = ["start", "end", "tone", "n_articles", "n_sentences", "low", "high"]


def aggregate_articles(articles: pd.DataFrame, freq: str | None = None) -> pd.DataFrame:
    """Mean tone, number of articles and of sentences per week/month bucket (dated rows only).

    Returns columns ``start, end, tone, n_articles, n_sentences, low, high`` with ``end``
    exclusive; ``low``/``high``: the 95 % interval of the mean tone of the bucket's scored
    articles (:func:`tonlage.intervals.mean_intervals`; NaN with fewer than two).
    """
    if len(articles) and pd.api.types.is_datetime64_dtype(articles["date"].dtype):
        if getattr(articles["date"].dtype, "tz", None) is None:
            return _aggregate_plain_dates(articles, freq)
    # Dates with a time zone, or as text: grouped by pandas (the three columns counted, not every
    # column of the rows).
    a = dated_rows(articles[["date", "tone", "n_sentences"]])
    if a.empty:
        return pd.DataFrame(columns=PERIOD_COLUMNS)
    freq = freq or bucket_frequency(a["date"])
    step = pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)
    tone = pd.to_numeric(a["tone"], errors="coerce")
    g = a.assign(start=bucket_start(a["date"], freq), _sq=tone * tone).groupby("start", sort=True)
    out = g.agg(
        tone=("tone", "mean"),
        n_articles=("tone", "size"),
        n_sentences=("n_sentences", "sum"),
        _n=("tone", "count"),
        _total=("tone", "sum"),
        _squares=("_sq", "sum"),
    ).reset_index()
    out["end"] = out["start"] + step
    out["low"], out["high"] = mean_intervals(out["_n"], out["_total"], out["_squares"])
    return out[PERIOD_COLUMNS]


def iso_days(dates) -> list[str]:
    """Each date as "YYYY-MM-DD" (the day a period starts or ends, for a chart's click data):
    written by NumPy for plain dates (a period chart writes hundreds, one Timestamp formatted
    at a time took 2-3 ms of a first-time filter at 100,000 articles)."""
    values = pd.Series(dates) if not isinstance(dates, pd.Series) else dates
    if pd.api.types.is_datetime64_dtype(values.dtype) and getattr(values.dtype, "tz", None) is None:
        return np.datetime_as_string(values.to_numpy().astype("datetime64[D]"), unit="D").tolist()
    return [f"{d:%Y-%m-%d}" for d in values]


def _aggregate_plain_dates(articles: pd.DataFrame, freq: str | None) -> pd.DataFrame:
    """:func:`aggregate_articles` of articles whose dates have no time zone, in NumPy from the
    three columns' arrays: the frame of three columns, its dated rows and the pandas date
    arithmetic for the periods' first days were half of the tone timeline's time at 100,000
    articles. The same table, column types included (tests/charts/test_charts.py)."""
    raw = articles["date"].to_numpy()
    dated = ~np.isnat(raw)
    tone = articles["tone"].to_numpy(dtype="float64", na_value=np.nan)
    sentences = articles["n_sentences"]
    n_sent = sentences.to_numpy(dtype="float64", na_value=np.nan)
    if not dated.all():
        raw, tone, n_sent = raw[dated], tone[dated], n_sent[dated]
    if not len(raw):
        return pd.DataFrame(columns=PERIOD_COLUMNS)
    # As bucket_frequency: whole days between the first and the last date.
    freq = freq or ("M" if (raw.max() - raw.min()) // np.timedelta64(1, "D") > 730 else "W")
    days = raw.astype("datetime64[D]").astype(np.int64)
    if freq == "M":
        key = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    else:
        key = days - (days + 3) % 7  # 1970-01-01 was a Thursday; weeks start on Monday
    buckets, _, inverse = unique_keys(key)
    k = len(buckets)
    scored = ~np.isnan(tone)
    n_scored = np.bincount(inverse[scored], minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(
            n_scored > 0, np.bincount(inverse[scored], weights=tone[scored], minlength=k) / n_scored, np.nan
        )
    total = np.bincount(inverse, weights=n_sent, minlength=k)
    low, high = mean_intervals(
        n_scored,
        np.bincount(inverse[scored], weights=tone[scored], minlength=k),
        np.bincount(inverse[scored], weights=tone[scored] ** 2, minlength=k),
    )
    # The first days in the unit pandas gives them (microseconds; a week of nanosecond dates
    # keeps nanoseconds).
    unit = "ns" if freq != "M" and np.datetime_data(raw.dtype)[0] == "ns" else "us"
    first = pd.Series(buckets.astype("datetime64[M]" if freq == "M" else "datetime64[D]").astype(f"datetime64[{unit}]"))
    # One frame made from its columns (set one by one, each column grew the frame's column
    # index: half of the outlets-over-time table's ~13 ms at 101,000 articles).
    return pd.DataFrame(
        {
            "start": first,
            "end": first + (pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7)),
            "tone": mean,
            "n_articles": np.bincount(inverse, minlength=k).astype("int64"),
            "n_sentences": total.astype("int64") if pd.api.types.is_integer_dtype(sentences.dtype) else total,
            "low": low,
            "high": high,
        }
    )


def period_line(x, y, low, high, thin, *, colour: str, name: str, customdata: list, hovertemplate: str):
    """One line of a chart of several drawn by week or month (actors, outlets): a point per
    period with a bar for its 95 % interval (``low``/``high``, NaN where it has none), hollow
    where ``thin``; ``name`` escaped already, its legend group."""
    return trace(
        scatter_cls(len(y)),
        x=x,
        y=y,
        mode="lines+markers",
        name=name,
        legendgroup=name,
        line=dict(color=colour, width=1.5),
        marker=dict(
            color=colour,
            size=line_marker_size(len(y), 7),
            line=dict(width=2, color=colour),
            symbol=point_symbols(thin),
        ),
        error_y=error_bars(y, low, high, color=colour, thickness=1.5, width=3),
        customdata=hover_rows(customdata),
        hovertemplate=hovertemplate,
    )


def in_period(start: pd.Series, end: pd.Series, offset: float) -> pd.Series:
    """Where a period's dot is drawn: in the middle of its period (its articles lie around it),
    moved by ``offset`` of the period's length (the lines of one chart a little apart, so that
    their interval bars do not hide each other)."""
    return start + pd.to_timedelta((end - start).to_numpy() * (0.5 + offset))


#: An error bar's length where a point has no interval: no number to Plotly, which then draws no
#: whisker at all (a length of 0, or a missing one, drew its cap through the dot, a small bar
#: where the hover says there is none).
NO_BAR = "NaN"


def error_bars(centre, low, high, **style) -> dict:
    """Plotly's ``error_x``/``error_y`` for points at ``centre`` with the 95 % interval
    ``low`` … ``high`` (NaN where a point has none: no whisker, :data:`NO_BAR`), ``style`` its
    colour, thickness and cap width."""
    c, lo, hi = (np.atleast_1d(np.asarray(v, dtype="float64")) for v in (centre, low, high))
    with np.errstate(invalid="ignore"):
        up, down = np.maximum(hi - c, 0.0), np.maximum(c - lo, 0.0)
    none = np.isnan(up) | np.isnan(down)
    return dict(
        type="data",
        symmetric=False,
        array=[NO_BAR if n else v for n, v in zip(none.tolist(), up.tolist())],
        arrayminus=[NO_BAR if n else v for n, v in zip(none.tolist(), down.tolist())],
        **style,
    )


def interval_hovers(
    low,
    high,
    tr: Translator,
    ends: Callable[[float, float], tuple[str, str]] | None = None,
    all_ends: Callable[[np.ndarray, np.ndarray], list[tuple[str, str]]] | None = None,
) -> list[str]:
    """The hover line of each period's 95 % interval (``low``/``high``, NaN where it has none):
    "95% interval: −0.12 … +0.05" as the reader's language writes it, or why there is none.
    ``ends`` writes an interval's two ends (default: a tone's, signed); ``all_ends``, instead,
    the ends of all intervals that have them at once."""
    ends = ends or translator_of(tr).interval
    none = tr("too few articles for an interval")
    line = "95% interval: {low} … {high}"
    # The catalogue's sentence looked up once, its two ends filled in per period as the
    # translator fills them: the Themes page's 2,600 periods asked the catalogue 2,600 times.
    template = tr(line) if isinstance(tr, FullTranslator) else None
    lo, hi = np.asarray(low, dtype="float64"), np.asarray(high, dtype="float64")
    have = ~(np.isnan(lo) | np.isnan(hi))
    if all_ends is not None:
        written = iter(all_ends(lo[have], hi[have]))
    else:
        written = iter([ends(a, b) for a, b in zip(lo[have].tolist(), hi[have].tolist())])
    out = []
    for ok in have.tolist():
        if not ok:
            out.append(none)
            continue
        first, last = next(written)
        if template is not None:
            out.append(template.replace("{low}", first).replace("{high}", last))
        else:
            out.append(tr(line, low=first, high=last))
    return out
