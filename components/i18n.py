"""The reader's language in the app: ``t()`` and ``tn()`` for Streamlit elements (parameters
escaped for Markdown), ``t_plain()`` for text that is stored or drawn, and :func:`tr` for the
reader's :class:`~tonlage.i18n.Translator` (numbers, dates, vocabularies) — all in the language
the reader chose, or their browser's."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import streamlit as st

from components import state
from tonlage.i18n import LANGUAGES, Message, Translator, day_format, default_language, translator
from tonlage.present.safe import Md, escape_text

__all__ = [
    "LANGUAGES",
    "translator",
    "tr",
    "t",
    "tn",
    "t_plain",
    "tn_plain",
    "current_language",
    "default_language",
    "language_name",
    "msg",
    "local_numbers",
    "number_column",
    "local_table",
    "LOCAL_NUMBERS_MAX_CELLS",
    "date_format",
    "datetime_format",
    "date_column",
    "datetime_column",
    "label_dates",
    "local_date_labels",
    "local_label",
]


def current_language() -> str:
    """The reader's language: the sidebar choice, else the browser locale."""
    lang = st.session_state.get(state.LANG)
    if lang in LANGUAGES:
        return lang
    try:
        locale = st.context.locale
    except Exception:  # outside a script run (bare import in tests)
        locale = None
    return default_language(locale)


def tr() -> Translator:
    """The reader's translator: sentences as plain text, numbers and dates formatted."""
    return _shared_translator(current_language())


@functools.lru_cache(maxsize=8)
def _shared_translator(lang: str) -> Translator:
    # One per language for the process: a page asks for it a few thousand times a run, and
    # making one parses a Babel locale each time (about a tenth of a rerun's CPU). It holds no
    # state that changes.
    return translator(lang)


def _escaped(params: dict[str, object]) -> dict[str, object]:
    """Every parameter formatted for the reader (numbers, messages) and escaped for Markdown,
    unless it is Markdown of ours already (an :class:`Md`: another ``t()``, or escaped text)."""
    x = tr()
    return {k: v if isinstance(v, Md) else escape_text(x.value(v)) for k, v in params.items()}


def t(msgid: str, **params: object) -> Md:
    """``msgid`` in the reader's language, for a Streamlit element.

    Every parameter is escaped (:func:`tonlage.present.safe.escape_text`) unless it is an
    :class:`~tonlage.present.safe.Md` string already, so a title or file name passed in can
    never become a link, an image or markup. For text that is stored, drawn into a figure or
    written to a file, use :func:`t_plain`."""
    return Md(tr()(msgid, **_escaped(params)))


def tn(singular: str, plural: str, n: int, **params: object) -> Md:
    """The singular or plural sentence for ``n`` (``{n}`` is filled in), as :func:`t`."""
    return Md(tr().ngettext(singular, plural, n, **_escaped(params)))


def t_plain(msgid: str, **params: object) -> str:
    """``msgid`` in the reader's language as plain text, parameters as given (for figures,
    pins, the meeting pack, window labels, table headers and text inputs)."""
    return tr()(msgid, **params)


def tn_plain(singular: str, plural: str, n: int, **params: object) -> str:
    """The singular or plural sentence for ``n``, as :func:`t_plain`."""
    return tr().ngettext(singular, plural, n, **params)


def msg(message: Message | str) -> Md:
    """A message of the engine (:class:`~tonlage.i18n.Message`) in the reader's language, escaped
    for a Streamlit element."""
    return escape_text(tr().message(message))


def language_name(code: str) -> str:
    """ "German"/"Deutsch" for "de"; the code itself for a language Babel has no name for."""
    return tr().language_name(code)


def shown_table(df):
    """A table for ``st.dataframe`` in the reader's language: the engine's messages in it
    (reasons, notes, tone evidence) translated, formula-like cells made inert."""
    from tonlage.present.safe import safe_table

    return safe_table(df, tr())


# Above this many cells a table goes to the page as plain numbers, written by the browser: the
# styled table sends every cell a second time, as text, and pandas formats each cell in Python.
# Measured 2026-12-01 (slow machine): 4,900 cells 42 ms, 20,000 cells 231 ms a rerun; this bound
# keeps it under ~40 ms. (Written by the browser: in its language's way where that has the
# reader's decimal sign, else with a point; see local_numbers.)
LOCAL_NUMBERS_MAX_CELLS = 4_000
_LOCALIZED = "localized:"  # a format local_numbers gives: Streamlit's "localized", with N decimals

_PRINTF = re.compile(r"%(\+?)\.?(\d*)([df])")


_LABEL = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|undated")


def date_format() -> str:
    """The reader's format of a day in a table column ("DD.MM.YYYY" in German)."""
    return day_format(current_language()).moment


def datetime_format() -> str:
    """The reader's format of a day and time in a table column ("DD.MM.YYYY HH:mm" in German)."""
    return day_format(current_language()).moment + " HH:mm"


def date_column(label: str | None = None, *, format: str | None = "", precision=None, **kwargs):
    """A ``DateColumn`` in the reader's format (``format=""``), or with the ``format`` that
    :func:`local_numbers` gave the column (None: the table writes its dates itself). When the
    column shows some months on their 1st (``precision`` has "month" rows, and the format is
    Streamlit's), its help says so."""
    fmt = date_format() if format == "" else format
    if fmt is not None and precision is not None and bool((precision == "month").any()) and "help" not in kwargs:
        kwargs["help"] = t_plain("Where only the month is known, the date is shown as the 1st of that month.")
    return st.column_config.DateColumn(label, format=fmt, **kwargs)


def datetime_column(label: str | None = None, **kwargs):
    """A ``DatetimeColumn`` in the reader's format."""
    return st.column_config.DatetimeColumn(label, format=datetime_format(), **kwargs)


def label_dates(labels) -> tuple[Any, Any]:
    """The engine's date labels ("2025-08-15"; "2025-02", only the month known; "undated") as
    dates and their precision, on the labels' index: Timestamps (a month on its 1st, NaT for
    none), so a table column of them sorts by date; precision "day", "month" or "none"."""
    import numpy as np
    import pandas as pd

    text = labels.astype(str)
    day = pd.to_datetime(text.where(text.str.len() == 10), format="%Y-%m-%d", errors="coerce")
    month = pd.to_datetime(text.where(text.str.len() == 7), format="%Y-%m", errors="coerce")
    precision = np.where(day.notna(), "day", np.where(month.notna(), "month", "none"))
    return day.fillna(month), pd.Series(precision, index=labels.index)


def local_date_labels(dates, precision):
    """Dates as text in the reader's language, for a label (a title's date in a list):
    :meth:`~tonlage.i18n.Translator.dated` for each, worked out once per distinct date (a corpus
    of 100,000 articles has a few thousand days; formatting each row took 0.14 s a rerun)."""
    import numpy as np
    import pandas as pd

    x = tr()
    codes, days = pd.factorize(dates)  # NaT: code -1
    if len(days):
        day_text = np.asarray(days.strftime(day_format(x.lang).strftime), dtype=object)
    else:
        day_text = np.empty(0, dtype=object)
    text = np.where(codes >= 0, day_text[np.maximum(codes, 0)] if len(days) else "", t_plain("undated"))
    months = (precision == "month").to_numpy()
    if months.any():
        rows = months & (codes >= 0)
        by_month: dict[tuple[int, int], str] = {}  # Babel once per month (~50 µs a call)
        month_of = np.empty(len(days), dtype=object)
        for c in np.unique(codes[rows]):
            ym = (days[c].year, days[c].month)
            if ym not in by_month:
                by_month[ym] = x.dated(days[c], "month")
            month_of[c] = by_month[ym]
        text[rows] = month_of[codes[rows]]
        text[months & (codes < 0)] = t_plain("undated")
    text[(precision == "none").to_numpy()] = t_plain("undated")
    return pd.Series(text, index=dates.index, dtype=object)


def local_label(label: str, x: Translator | None = None) -> str:
    """One of the engine's date labels ("2025-08-15", "2025-02", "undated") as the reader's
    language writes it ("15.08.2025", "Feb. 2025", "ohne Datum"), for a line of text; any other
    text as it is."""
    return (x or tr()).label(label)


def local_numbers(
    df, formats: Mapping[str, str], dates: Mapping[str, Any] | None = None
) -> tuple[Any, dict[str, str | None]]:
    """``df`` for ``st.dataframe`` with the numbers of some columns written as the reader's
    language writes them ("0,75" and "1.234" in German, "0.75" and "1,234" in English), and the
    format to give each of those columns' ``NumberColumn``.

    ``st.column_config.NumberColumn(format="%+.2f")`` always writes a decimal point, so a German
    table read "-0.02" beside a "0,75" of the same page. In a language that writes numbers
    otherwise, the table is sent as a pandas Styler instead: its cells keep their numbers (a
    column still sorts as numbers, and the table's own download holds them), only what is shown
    is text. In English, Streamlit's own format writes them right: nothing to style.

    Args:
        df: The table (made safe already: :func:`shown_table`).
        formats: Column → printf format: ``"%+.2f"`` (sign and two decimals; a minus is a real
            minus sign, as in every tone figure of the app), ``"%.1f"``, ``"%d"``. Columns
            missing from ``df`` are left out.

        dates: Column → the precision of each row's date ("day", "month", "none"; a Series on
            ``df``'s index, :func:`label_dates`), or None when every date is a day. The column
            holds dates (a month on its 1st), so it sorts by date. Its format (for
            :func:`date_column`) is the reader's day format (:func:`date_format`); with months
            among them, the table is styled to write a month as a month ("Feb. 2025" /
            "2025-02") and an undated row as such, and the format is None. Above
            :data:`LOCAL_NUMBERS_MAX_CELLS` cells the months show on their 1st.

    Returns:
        (data, column → NumberColumn or DateColumn format). Styled, the number formats are
        None: a NumberColumn format would replace the styled text. In English, ``df`` itself and
        ``formats``. Above :data:`LOCAL_NUMBERS_MAX_CELLS` cells, where the browser's language has
        the reader's decimal sign, ``df`` with those columns rounded to their decimals and the
        formats of the browser's own way of writing numbers; else ``df`` itself and ``formats``.
        Give the formats to :func:`number_column`.
    """
    formats = {c: f for c, f in formats.items() if c in df.columns}
    cells = {c: _cell_format(f) for c, f in formats.items()}  # a format it cannot write fails in any language
    df = _signed_zeros(df, formats)
    dates = {c: p for c, p in (dates or {}).items() if c in df.columns}
    months = {c: p for c, p in dates.items() if p is not None and bool((p == "month").any())}
    styled = _styled(df, cells, force=bool(months))
    if styled is None and tr().lang != "en" and formats and _browser_decimal_sign_is_the_readers():
        # Too large to style: the browser writes the numbers in its language's way, which has
        # the reader's decimal sign ("0,16", "1.234"; no plus sign), instead of with a point.
        # Streamlit cuts a number off at the decimals of its column's step (0.159 showed as
        # "0,15" where the reader and the charts say 0,16): the numbers are rounded first.
        digits = {c: _digits(f) for c, f in formats.items()}
        rounded = df.assign(**{c: df[c].round(d) for c, d in digits.items() if df[c].dtype.kind == "f"})
        return rounded, {**{c: f"{_LOCALIZED}{d}" for c, d in digits.items()}, **dict.fromkeys(dates, date_format())}
    if styled is None:
        return df, {**formats, **dict.fromkeys(dates, date_format())}
    # A styled table shows its Styler's text, a date column's too: written here for every date
    # column, not only those with months (a German table of days only showed "2025-08-15
    # 00:00:00", the Styler's own text of a date).
    x = tr()
    for c, p in dates.items():
        if p is None:
            import pandas as pd

            p = pd.Series(np.where(df[c].isna().to_numpy(), "none", "day"), index=df.index)
        for kind in ("day", "month", "none"):
            rows = (p == kind).to_numpy()
            if rows.any():
                styled = styled.format(
                    (lambda v, k=kind: x.dated(v, k)) if kind != "none" else (lambda v: t_plain("undated")),
                    subset=(rows, [c]),
                )
    return styled, {**dict.fromkeys(formats), **dict.fromkeys(dates)}


def _signed_zeros(df, formats: Mapping[str, str]):
    """``df`` with the values of its signed columns (a ``"%+..."`` format) that round to 0 at
    their decimals and a minus set to 0.0: printf writes −0.004 as "−0.00", which reads as a negative tone
    where the rest of the page (:meth:`~tonlage.i18n.Translator.signed`) says 0.00. ``df``
    itself when there is none (the frame given is never changed)."""
    zeros = {}
    for c, f in formats.items():
        if "+" in f and df[c].dtype.kind == "f":
            values = df[c]
            near = (values.round(_digits(f)) == 0) & np.signbit(values)  # −0.004 and −0.0
            if near.any():
                zeros[c] = values.mask(near, 0.0)
    return df.assign(**zeros) if zeros else df


def number_column(label: str | None = None, *, format: str | None = None, **kwargs):
    """A ``NumberColumn`` with a format :func:`local_numbers` gave: a printf format, None (the
    table writes the numbers itself), or the browser's own way of writing numbers with a fixed
    number of decimals (Streamlit's ``"localized"`` format; its ``step`` sets the decimals)."""
    if format is not None and format.startswith(_LOCALIZED):
        digits = int(format[len(_LOCALIZED) :])
        return st.column_config.NumberColumn(label, format="localized", step=10.0**-digits if digits else 1, **kwargs)
    return st.column_config.NumberColumn(label, format=format, **kwargs)


def number_columns(formats: dict[str, str | None]) -> dict:
    """The column config of a table styled by :func:`local_numbers`: a :func:`number_column`
    for each of its ``formats`` (column -> format)."""
    return {column: number_column(format=f) for column, f in formats.items()}


def _browser_decimal_sign_is_the_readers() -> bool:
    """Whether the browser's language (``st.context.locale``, the one Streamlit's "localized"
    format writes numbers in) has the decimal sign of the reader's chosen language."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol

    raw = st.context.locale
    if not raw:
        return False
    try:
        browser = Locale.parse(str(raw).replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return get_decimal_symbol(browser) == tr().plotly_separators[0]


def _digits(printf: str) -> int:
    """The decimals of a printf number format (checked by :func:`_cell_format`)."""
    m = _PRINTF.fullmatch(printf)
    return 0 if m is None or m.group(3) == "d" else int(m.group(2) or 6)


def local_table(df):
    """``df`` for ``st.dataframe`` with every number column written as the reader's language
    writes numbers (as :func:`local_numbers`): whole numbers with thousands signs, others with up
    to four decimals and no trailing zeros, as Streamlit shows them in English ("0.083"). For
    tables whose columns are not known in advance (the data behind a chart)."""
    cells = {c: _whole if df[c].dtype.kind in "iu" else _up_to_four for c in df.columns if df[c].dtype.kind in "iuf"}
    if tr().lang != "en":  # its dates too (the cells keep them: a column still sorts by date)
        x = tr()
        cells.update({c: (lambda v: _local_date(v, x)) for c in df.columns if _is_date_column(df[c])})
    styled = _styled(df, cells)
    return df if styled is None else styled


def local_date_columns(df) -> dict:
    """Column configs writing ``df``'s columns of days (datetime64) as the reader's language
    does (:func:`date_column`), for a table :func:`local_table` left as it is (English, or too
    large to style): Streamlit writes those dates in the browser, so a table of any size shows
    24.09.2025 in German. Labels written as text ("2025-02") stay as they are: they sort by date."""
    return {c: date_column(None) for c in df.columns if df[c].dtype.kind == "M"}


def _is_date_column(col) -> bool:
    """Days (datetime64, or Python dates) or the engine's ISO date labels ("2025-08-15",
    "2025-02", "undated"), in a column of a chart's data."""
    if col.dtype.kind == "M":
        return True
    if col.dtype.kind not in "OSU" and str(col.dtype) not in ("str", "string"):
        return False
    values = col.dropna()
    if values.empty:
        return False
    first = values.iloc[0]
    if isinstance(first, dt.date):
        return all(isinstance(v, dt.date) for v in values)
    return isinstance(first, str) and all(isinstance(v, str) and _LABEL.fullmatch(v) for v in values)


def _local_date(v, x: Translator) -> str:
    """One date cell of a chart's data as the reader's language writes it (see :func:`local_table`)."""
    return local_label(v, x) if isinstance(v, str) else x.dated(v, "day")


def _styled(df, cells: Mapping[str, Any], *, force: bool = False):
    """``df`` as a pandas Styler writing ``cells``' columns with their functions and the reader's
    decimal and thousands signs; None when Streamlit's own format does (English, unless
    ``force``), when there is nothing to write, or the table is too large to style."""
    decimal, thousands = tr().plotly_separators
    if (decimal + thousands == ".," and not force) or not (cells or force) or df.size > LOCAL_NUMBERS_MAX_CELLS:
        return None
    return df.style.format(dict(cells), na_rep="", decimal=decimal, thousands=thousands)


def _cell_format(printf: str):
    """A printf number format as a function of one cell, in Python's English form (pandas puts
    the reader's decimal and thousands signs in)."""
    m = _PRINTF.fullmatch(printf)
    if m is None:
        raise ValueError(f"unsupported number format: {printf!r}")
    spec = f"{m.group(1)},.{_digits(printf)}f"
    return lambda v: format(v, spec).replace("-", "\u2212")


def _whole(v) -> str:
    return format(v, ",.0f").replace("-", "\u2212")


def _up_to_four(v) -> str:
    text = format(v, ",.4f").rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace("-", "\u2212")
