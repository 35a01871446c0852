"""Tables for download, safe to open in Excel, LibreOffice or Google Sheets.

Article texts, titles and names come from files we did not write. A spreadsheet program runs a
cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula ("CSV injection"), which can open
links or leak data. Such text cells get a leading apostrophe, which makes the program show the
text as it is; numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd

__all__ = ["neutralise_formulas", "csv_bytes", "xlsx_bytes", "excel_sheet_name", "terminal_text", "terminal_table"]

# What a spreadsheet program may read as the start of a formula (tab and carriage return
# included: some programs strip them and then see the formula behind them).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _neutral(value):
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# What a terminal would act on rather than print: C0 and C1 controls (ESC starts escape
# sequences that clear the screen, move the cursor, set the window title or write to the
# clipboard), DEL, line and paragraph separators, and bidi overrides that reorder what follows.
_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_text(value: object) -> str:
    """``value`` as one line a terminal prints literally: control and escape characters (and
    bidi overrides) become spaces, runs of whitespace one space."""
    if value is None:
        return ""
    return " ".join(_TERMINAL.sub(" ", str(value)).split())


def terminal_table(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells and column names are safe for :func:`terminal_text`."""
    out = df.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if col.dtype == object or isinstance(col.dtype, pd.StringDtype):
            out.isetitem(i, col.map(lambda v: terminal_text(v) if isinstance(v, str) else v))
    out.columns = [terminal_text(c) for c in out.columns]
    return out


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` in which no text cell or column name can run as a spreadsheet formula.

    Args:
        df: The table to export; it is not changed.

    Returns:
        A copy in which every text cell (and column name) starting with ``=``, ``+``, ``-``,
        ``@``, a tab or a carriage return has a leading apostrophe. Cells that are not text
        (numbers, dates, missing values) are unchanged, so ``-0.42`` stays a number.
    """
    out = df.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if isinstance(col.dtype, pd.CategoricalDtype):
            if any(_neutral(c) is not c for c in col.cat.categories):
                out.isetitem(i, col.astype(object).map(_neutral))
        elif col.dtype == object or isinstance(col.dtype, pd.StringDtype):
            # Only text can hold a formula; number columns are left as they are. The check is
            # vectorised (tables of 100,000 rows are shown on every rerun); cells that are not
            # text give NaN and count as no formula.
            try:
                mask = col.str.startswith(_FORMULA_STARTS, na=False).astype(bool)
            except AttributeError:  # no text in the column at all (dates, lists, only None)
                continue
            if mask.any():
                out.isetitem(i, col.mask(mask, col[mask].map(_neutral)))
    out.columns = out.columns.map(_neutral)
    return out


# How a spreadsheet of the reader's language reads CSV: (field separator, decimal sign). Excel
# set to German splits a line at semicolons and reads "0,75" as a number; opened with a double
# click, a comma-separated file put every column into the first one there.
CSV_CONVENTIONS = {"en": (",", "."), "de": (";", ",")}


def csv_bytes(df: pd.DataFrame, *, lang: str = "en") -> bytes:
    """The table as CSV for download: UTF-8 with a byte-order mark, formulas neutralised.

    Args:
        df: The table to export (its index is not written).
        lang: The reader's language: its spreadsheets' separator and decimal sign
            (:data:`CSV_CONVENTIONS`; German: ``;`` and ``,``). Dates stay ISO (2025-09-24),
            which spreadsheets read in every language. Files read back by a program (the tone
            labels, the command line's tables) keep the default.

    Returns:
        The CSV bytes. The byte-order mark makes Excel read the file as UTF-8, so umlauts
        come out right when it is opened with a double click.
    """
    sep, decimal = CSV_CONVENTIONS.get(lang, CSV_CONVENTIONS["en"])
    return neutralise_formulas(df).to_csv(index=False, sep=sep, decimal=decimal).encode("utf-8-sig")


# Excel's limits: a sheet name has at most 31 characters and none of these; a cell holds at
# most 32,767 characters (longer text makes Excel call the file damaged).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_SHEET_MAX = 31
_CELL_MAX = 32_767
# Control characters an .xlsx file cannot hold (openpyxl refuses them); tab, line feed and
# carriage return are allowed.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def excel_sheet_name(name: object, default: str = "data") -> str:
    """``name`` made into a sheet name Excel accepts.

    Excel refuses names longer than 31 characters, names with any of ``[ ] : * ? / \\``,
    names that start or end with an apostrophe, the name "History" and the empty name.

    Args:
        name: The wanted name (anything; it is turned into text).
        default: Used when nothing usable is left.

    Returns:
        The name with forbidden characters replaced by "_", shortened to 31 characters.
    """
    text = _SHEET_FORBIDDEN.sub("_", " ".join(str(name if name is not None else "").split()))
    text = text[:_SHEET_MAX].strip().strip("'").strip()
    if not text:
        return default
    if text.casefold() == "history":  # reserved by Excel
        text = text + "_"
    return text


def _xlsx_cell(value):
    """One cell as openpyxl can store it: text without control characters and not longer
    than Excel allows, lists and dicts as text, datetimes without a time zone."""
    if isinstance(value, str):
        value = _XLSX_ILLEGAL.sub("", value)
        return value if len(value) <= _CELL_MAX else value[: _CELL_MAX - 1] + "…"
    if isinstance(value, dt.datetime) and value.tzinfo is not None:  # Timestamp included
        return value.replace(tzinfo=None)
    if isinstance(value, (dt.time,)) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, (list, tuple, set, frozenset, dict)) or (
        hasattr(value, "shape") and getattr(value, "ndim", 0) > 0
    ):
        return _xlsx_cell(str(value))
    return value


def _xlsx_ready(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` (formulas already neutralised) that openpyxl can write."""
    out = df.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if isinstance(col.dtype, pd.DatetimeTZDtype):
            # Excel has no time zones: keep the wall-clock time of the zone the data had.
            out.isetitem(i, col.dt.tz_localize(None))
        elif isinstance(col.dtype, pd.CategoricalDtype) or col.dtype == object or isinstance(col.dtype, pd.StringDtype):
            out.isetitem(i, col.astype(object).map(_xlsx_cell))
    out.columns = [_xlsx_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out


def xlsx_bytes(df: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """The table as an Excel workbook for download, formulas neutralised.

    Args:
        df: The table to export (its index is not written).
        sheet_name: Name of the one sheet; made safe for Excel (see :func:`excel_sheet_name`).

    Returns:
        The .xlsx bytes. Numbers stay numbers, text cells that would run as a formula get a
        leading apostrophe (as in :func:`csv_bytes`), control characters are dropped, text
        longer than an Excel cell holds is shortened, and dates with a time zone keep their
        local time without the zone (Excel has none). The header row stays in view when
        scrolling.
    """
    table = _xlsx_ready(neutralise_formulas(df))
    buf = io.BytesIO()
    name = excel_sheet_name(sheet_name)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name=name, index=False)
        sheet = writer.sheets[name]
        sheet.freeze_panes = "A2"
        for j, column in enumerate(table.columns, start=1):
            sample = [str(column)] + [str(v) for v in table.iloc[:200, j - 1].tolist()]
            width = min(60, max(8, max(len(x) for x in sample) + 2))
            sheet.column_dimensions[sheet.cell(row=1, column=j).column_letter].width = width
    return buf.getvalue()
