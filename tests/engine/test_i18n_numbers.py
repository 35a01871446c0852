"""Whole numbers and the charts' separators are written without reading Babel's locale data
(a fresh server's first chart waited for it): the same text as Babel writes, in every language
of the app."""

from __future__ import annotations

import numpy as np
import pytest
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from tonlage.i18n import LANGUAGES, Translator

WHOLE = [0, 1, -1, 7, 999, 1_000, -1_000, 12_345, 999_999, 1_000_000, -37_632_308, 2_200_449, 10**12 + 5]


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_whole_numbers_as_babel_writes_them(lang):
    x = Translator(lang)
    rng = np.random.default_rng(1)
    numbers = WHOLE + [int(v) for v in rng.integers(-(10**9), 10**9, 300)]
    for n in numbers:
        assert x.integer(n) == format_decimal(n, format="#,##0", locale=x.locale), n
    # floats and NumPy integers are cut to whole numbers, as before
    assert x.integer(1234.9) == format_decimal(1234, format="#,##0", locale=x.locale)
    assert x.integer(np.int64(-98765)) == format_decimal(-98765, format="#,##0", locale=x.locale)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_chart_separators_as_babel_has_them(lang):
    x = Translator(lang)
    assert x.plotly_separators == get_decimal_symbol(x.locale) + get_group_symbol(x.locale)


def test_german_and_english_differ():
    assert Translator("de").integer(1234567) == "1.234.567"
    assert Translator("en").integer(-1234567) == "-1,234,567"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("digits", [0, 1, 2, 3])
def test_decimals_as_babel_writes_them(lang, digits):
    x = Translator(lang)
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    rng = np.random.default_rng(digits)
    values = [0.0, -0.0, 0.005, -0.005, 0.015, 0.125, 0.135, 2.675, -2.675, 0.5, 1.5, 2.5, -0.0004, 1e-9, 12345.6789]
    values += [1234567.891, -0.9999, 0.9995, 999.9995, 1, -3, 10**14 + 0.5, 0.1 + 0.2]
    values += list(rng.normal(0, 1, 300)) + list(rng.normal(0, 10_000, 300)) + list(np.round(rng.normal(0, 1, 300), 3))
    for v in values:
        v = float(v) if not isinstance(v, int) else v
        assert x.decimal(v, digits) == format_decimal(v, format=pattern, locale=x.locale), (v, digits)
    # outside the plain range Babel writes it, as before
    assert x.decimal(float("nan"), digits) == format_decimal(float("nan"), format=pattern, locale=x.locale)
    assert x.decimal(float("inf"), digits) == format_decimal(float("inf"), format=pattern, locale=x.locale)


def _babel_signed(x: Translator, v: float, digits: int) -> str:
    """A tone as :meth:`Translator.signed` wrote it through Babel before its fast path."""
    body = format_decimal(abs(v), format="0." + "0" * digits if digits else "0", locale=x.locale)
    return body if round(v, digits) == 0 else ("+" if v > 0 else "\u2212") + body


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("digits", [0, 2, 3, 4])
def test_signed_tones_as_babel_writes_them(lang, digits):
    x = Translator(lang)
    rng = np.random.default_rng(10 + digits)
    values = [0.0, -0.0, 0.005, -0.005, 0.0049999, 0.125, -0.135, 0.9995, -0.99995, 1.0, -1.0, 2.675, 999.4, -1234.5]
    values += list(rng.uniform(-1, 1, 500)) + list(np.round(rng.uniform(-1, 1, 300), 3)) + [np.float64(-0.305)]
    for v in values:
        assert x.signed(v, digits) == _babel_signed(x, float(v), digits), (v, digits)
    assert x.signed(float("nan")) == x.signed(None) == "–"


def test_numpy_numbers_as_babel_writes_them():
    x = Translator("de")
    for v in (np.float64(-0.125), np.float64(1234.5678), np.int64(-42)):
        assert x.decimal(v, 2) == format_decimal(v, format="#,##0.00", locale=x.locale)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_notation_of_a_language_writes_a_day_alike(lang):
    # The date pickers, table columns, slides and sentences take the day's format from one table:
    # each notation of it writes the same text for days that tell day and month apart.
    from datetime import date

    from babel.dates import format_date

    from tonlage.i18n import DAY_FORMATS, day_format

    assert lang in DAY_FORMATS
    f = day_format(lang)
    moment = f.moment.replace("YYYY", "%Y").replace("MM", "%m").replace("DD", "%d")
    for d in (date(2025, 9, 4), date(2025, 11, 24), date(1999, 1, 31)):
        written = d.strftime(f.strftime)
        assert written == format_date(d, f.babel, locale=lang) == d.strftime(moment) == Translator(lang).day(d)
        assert "09" in written or "11" in written or "01" in written  # months in numbers, as a table sorts


@pytest.mark.parametrize(
    "low,high,en,de",
    [
        (-0.12, 0.14, ("\u22120.12", "+0.14"), ("\u22120,12", "+0,14")),
        (-0.002, 0.003, ("\u22120.002", "+0.003"), ("\u22120,002", "+0,003")),
        (0.0011, 0.0014, ("+0.0011", "+0.0014"), ("+0,0011", "+0,0014")),
        (0.00001, 0.00002, ("0.0000", "0.0000"), ("0,0000", "0,0000")),  # four decimals at most
        (0.08, 0.08, ("+0.08", "+0.08"), ("+0,08", "+0,08")),  # no width: no more decimals to tell
        # An end that is not 0 does not read 0: which side of 0 the interval starts on is said.
        (-0.004, 0.012, ("\u22120.004", "+0.012"), ("\u22120,004", "+0,012")),
        (0.001, 0.02, ("+0.001", "+0.020"), ("+0,001", "+0,020")),
        (-0.0006, 0.03, ("\u22120.001", "+0.030"), ("\u22120,001", "+0,030")),
        (-0.00006, 0.03, ("0.00", "+0.03"), ("0,00", "+0,03")),  # 0 at one more decimal: 0
    ],
)
def test_an_interval_keeps_its_ends_apart(low, high, en, de):
    """A change's interval over a million sentences is thousandths wide: its ends get the
    decimals that tell them apart (two to four) instead of reading "0.00 … 0.00"."""
    assert Translator("en").interval(low, high) == en
    assert Translator("de").interval(low, high) == de


@pytest.mark.parametrize(
    "a,b,de",
    [
        (-0.10, 0.05, ("\u22120,10", "+0,05", "+0,15")),
        # Rounded to two decimals: 0,00 → +0,05 and a change of +0,06, which does not add up.
        (-0.004, 0.054, ("\u22120,004", "+0,054", "+0,058")),
        (0.1234, 0.1234, ("+0,12", "+0,12", "0,00")),
        (None, 0.1, ("–", "+0,10", "–")),
    ],
)
def test_a_change_is_written_as_the_difference_of_the_two_figures_written(a, b, de):
    got = Translator("de").change(a, b)
    assert got == de
    if a is not None:  # what a reader checks: the change written is the difference of the two written
        numbers = [float(v.replace("\u2212", "-").replace(",", ".")) for v in got]
        assert round(numbers[1] - numbers[0], 4) == numbers[2]


def test_a_headline_count_is_whole_below_a_million_then_in_millions():
    assert [Translator("en").count(n) for n in (999_999, 2_200_449, 37_632_308)] == ["999,999", "2.2M", "37.6M"]
    assert [Translator("de").count(n) for n in (999_999, 2_200_449)] == ["999.999", "2,2\xa0Mio."]


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("digits", [0, 1, 2])
def test_percentages_as_babel_writes_them(lang, digits):
    from babel.numbers import format_percent

    x = Translator(lang)
    pattern = str(x.locale.percent_formats[None].pattern)
    if digits:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * digits)
    rng = np.random.default_rng(20 + digits)
    values = [
        0,
        1,
        0.0,
        -0.0,
        0.005,
        0.125,
        0.135,
        0.145,
        0.00125,
        -0.005,
        -0.0001,
        0.9995,
        1.0,
        12.5,
        1234.5,
        0.1 + 0.2,
    ]
    values += list(rng.uniform(0, 1, 500)) + list(np.round(rng.uniform(0, 1, 300), 3)) + list(rng.normal(0, 50, 100))
    values += [np.float64(0.295), 1e11 + 0.5]
    for v in values:
        assert x.percent(v, digits) == format_percent(v, format=pattern, locale=x.locale), (v, digits)
    for v in (float("nan"), float("inf"), 10**13):  # outside the plain range: Babel writes it
        assert x.percent(v, digits) == format_percent(v, format=pattern, locale=x.locale)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_percentages_written_in_one_go_are_those_written_one_by_one(lang):
    """Translator.percents (a chart's thousands of hover shares) gives percent's text for every
    share and number of decimals: halves rounded to even, a negative zero signed, a share of
    1,000 % and more with its thousands sign, NaN as Babel writes it."""
    x = Translator(lang)
    rng = np.random.default_rng(7)
    values = [0.0, -0.0, 0.005, 0.125, 0.135, 0.145, 0.00125, -0.005, -0.0001, 0.9995, 1.0, 9.99995, 12.5]
    values += [0.1 + 0.2, 1e11 + 0.5, float("nan")]
    values += rng.uniform(0, 1, 400).tolist() + np.round(rng.uniform(0, 1, 300), 3).tolist()
    values += (np.round(rng.uniform(0, 1, 300), 4) - 0.00005).tolist() + rng.normal(0, 5, 100).tolist()
    for digits in (0, 1, 2, 3):
        want = [x.percent(v, digits) for v in values]
        assert x.percents(values, [digits] * len(values)) == want, digits
    mixed = [i % 3 for i in range(len(values))]
    assert x.percents(values, mixed) == [x.percent(v, d) for v, d in zip(values, mixed)]
    assert x.percents([0.125, -0.0], [0, 1]) == [x.percent(0.125), x.percent(-0.0, 1)] != []
