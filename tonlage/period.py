"""The corpus's main period, and the articles far outside it (a 2019 piece in a 2025 corpus).

Such articles are marked, never dropped: the reader sees them on the time chart and can narrow
the date filter to the main period with one click.

The rule, on the dated articles only (undated ones are ignored):

1. The *core* is the shortest stretch of days that holds at least ``MAIN_PERIOD_SHARE`` (90 %)
   of the dated articles (found by sliding a window over the sorted dates).
2. An article is an *outlier* when it lies further from the core than the core is long, and at
   least ``OUTLIER_MIN_GAP_DAYS`` days.
3. The *main period* runs from the first to the last dated article that is not an outlier (so
   the stragglers close to the core stay in it).

With fewer than ``PERIOD_MIN_DATED`` dated articles there are no outliers. The rule is robust
to the outliers themselves (they cannot stretch the core), unlike mean ± k·sd; unlike
median ± k·IQR it does not call the tails of a long, evenly spread corpus outliers.
Articles dated only to the month carry the 1st of the month (tonlage.model), and count as such.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .thresholds import MAIN_PERIOD_SHARE, OUTLIER_MIN_GAP_DAYS, PERIOD_MIN_DATED

__all__ = ["MainPeriod", "main_period"]


@dataclass(frozen=True)
class MainPeriod:
    """The result of :func:`main_period`.

    Attributes:
        start: First day of the main period (the earliest dated article that is not an outlier).
        end: Last day of the main period.
        outliers: Positions (index labels of the input) of the articles far outside it, in date order.
        n_dated: Dated articles looked at.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    outliers: tuple
    n_dated: int


def main_period(
    dates,
    *,
    share: float = MAIN_PERIOD_SHARE,
    min_dated: int = PERIOD_MIN_DATED,
    min_gap_days: int = OUTLIER_MIN_GAP_DAYS,
) -> MainPeriod | None:
    """The main period of ``dates`` (one per article; NaT = undated: a Series, or an array of
    datetime64) and the index labels (positions, for an array) of the articles far outside it.
    None when no article is dated. In numbers: the Overview asks it of every new view, and the
    pandas steps took 4 ms of a first-time filter at 100,000 articles."""
    labels = dates.index.to_numpy() if isinstance(dates, pd.Series) else None
    values = pd.to_datetime(pd.Series(dates) if labels is None else dates).to_numpy(dtype="datetime64[ns]")
    if labels is None:
        labels = np.arange(len(values))
    dated = ~np.isnat(values)
    days = values[dated].astype("datetime64[D]")
    n = len(days)
    if n == 0:
        return None
    order = np.argsort(days, kind="stable")  # already sorted when the table is: a fast pass
    days, labels = days[order], labels[dated][order]
    if n < min_dated:
        return MainPeriod(pd.Timestamp(days[0]), pd.Timestamp(days[-1]), (), n)
    k = max(1, math.ceil(share * n))  # articles the core must hold
    widths = days[k - 1 :] - days[: n - k + 1]
    i = int(widths.argmin())  # the first of the shortest windows
    core_start, core_end = days[i], days[i + k - 1]
    gap = max(core_end - core_start, np.timedelta64(min_gap_days, "D"))
    far = (days < core_start - gap) | (days > core_end + gap)
    inside = days[~far]
    return MainPeriod(pd.Timestamp(inside[0]), pd.Timestamp(inside[-1]), tuple(labels[far].tolist()), n)
