"""The corpus's main period and the articles far outside it (tonlage.period), on constructed dates."""

from __future__ import annotations

import pandas as pd

from tonlage.period import main_period
from tonlage.thresholds import PERIOD_MIN_DATED


def _days(start: str, n: int, step: int = 1) -> list[pd.Timestamp]:
    return [pd.Timestamp(start) + pd.Timedelta(days=i * step) for i in range(n)]


def test_a_2019_piece_in_a_2025_corpus_is_an_outlier():
    dates = pd.Series(_days("2025-03-01", 30) + [pd.Timestamp("2019-06-12")], index=[f"a{i}" for i in range(31)])
    p = main_period(dates)
    assert p is not None
    assert p.outliers == ("a30",)
    assert p.start == pd.Timestamp("2025-03-01") and p.end == pd.Timestamp("2025-03-30")
    assert p.n_dated == 31


def test_outliers_on_both_sides_in_date_order():
    dates = pd.Series([pd.Timestamp("2026-02-01")] + _days("2025-03-01", 40) + [pd.Timestamp("2020-01-05")])
    p = main_period(dates)
    assert p is not None
    assert p.outliers == (41, 0)  # 2020 first, then 2026
    assert (p.start, p.end) == (pd.Timestamp("2025-03-01"), pd.Timestamp("2025-04-09"))


def test_tight_corpus_has_no_outliers():
    # three months, every other day: the tenth outside the 90 % core is close to it
    p = main_period(pd.Series(_days("2025-01-01", 45, step=2)))
    assert p is not None and p.outliers == ()
    assert (p.start, p.end) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-01-01") + pd.Timedelta(days=88))


def test_stragglers_close_to_the_core_stay_in_the_main_period():
    # a two-week corpus with two pieces from a month later: less than OUTLIER_MIN_GAP_DAYS away
    dates = pd.Series(_days("2025-05-01", 20, step=1)[:18] + [pd.Timestamp("2025-06-10"), pd.Timestamp("2025-06-12")])
    p = main_period(dates)
    assert p is not None and p.outliers == ()
    assert p.end == pd.Timestamp("2025-06-12")


def test_few_articles_never_have_outliers():
    dates = pd.Series(_days("2025-03-01", PERIOD_MIN_DATED - 2) + [pd.Timestamp("2019-01-01")])
    p = main_period(dates)
    assert p is not None and p.outliers == ()
    assert p.start == pd.Timestamp("2019-01-01")


def test_undated_articles_are_ignored():
    dates = pd.Series(_days("2025-03-01", 20) + [pd.NaT] * 15 + [pd.Timestamp("2018-03-01")])
    p = main_period(dates)
    assert p is not None
    assert p.n_dated == 21
    assert p.outliers == (35,)
    # undated alone: no period at all
    assert main_period(pd.Series([pd.NaT, pd.NaT])) is None
    assert main_period(pd.Series([], dtype="datetime64[ns]")) is None
