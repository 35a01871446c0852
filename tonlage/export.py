"""Tables for download, safe to open in Excel, LibreOffice or Google Sheets.

Article texts, titles and names come from files we did not write. A spreadsheet program runs a
cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula ("CSV injection"), which can open
links or leak data. Such text cells get a leading apostrophe, which makes the program show the
text as it is; numbers stay numbers.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["neutralise_formulas", "csv_bytes"]

# What a spreadsheet program may read as the start of a formula (tab and carriage return
# included: some programs strip them and then see the formula behind them).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _neutral(value):
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


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


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The table as CSV for download: UTF-8 with a byte-order mark, formulas neutralised.

    Args:
        df: The table to export (its index is not written).

    Returns:
        The CSV bytes. The byte-order mark makes Excel read the file as UTF-8, so umlauts
        come out right when it is opened with a double click.
    """
    return neutralise_formulas(df).to_csv(index=False).encode("utf-8-sig")
