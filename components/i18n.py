"""The reader's language in the app: ``t()`` and ``tn()`` for Streamlit elements (parameters
escaped for Markdown), ``t_plain()`` for text that is stored or drawn, and :func:`tr` for the
reader's :class:`~tonlage.i18n.Translator` (numbers, dates, vocabularies) — all in the language
the reader chose, or their browser's."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import streamlit as st

from components import state
from tonlage.i18n import LANGUAGES, Message, Translator, default_language, translator
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
    "local_table",
    "LOCAL_NUMBERS_MAX_CELLS",
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


# Above this many cells a table goes to the page as plain numbers in Streamlit's own format (a
# point as the decimal sign whatever the language): the styled table sends every cell a second
# time, as text, and pandas formats each cell in Python. Measured 2026-12-01 (slow machine):
# 4,900 cells 42 ms, 20,000 cells 231 ms a rerun; this bound keeps it under ~40 ms.
LOCAL_NUMBERS_MAX_CELLS = 4_000

_PRINTF = re.compile(r"%(\+?)\.?(\d*)([df])")


def local_numbers(df, formats: Mapping[str, str]) -> tuple[Any, dict[str, str | None]]:
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

    Returns:
        (data, column → NumberColumn format). Styled, the formats are None: a NumberColumn
        format would replace the styled text. In English, or above
        :data:`LOCAL_NUMBERS_MAX_CELLS` cells, ``df`` itself and ``formats``.
    """
    formats = {c: f for c, f in formats.items() if c in df.columns}
    cells = {c: _cell_format(f) for c, f in formats.items()}  # a format it cannot write fails in any language
    styled = _styled(df, cells)
    return (df, dict(formats)) if styled is None else (styled, dict.fromkeys(formats))


def local_table(df):
    """``df`` for ``st.dataframe`` with every number column written as the reader's language
    writes numbers (as :func:`local_numbers`): whole numbers with thousands signs, others with up
    to four decimals and no trailing zeros, as Streamlit shows them in English ("0.083"). For
    tables whose columns are not known in advance (the data behind a chart)."""
    cells = {c: _whole if df[c].dtype.kind in "iu" else _up_to_four for c in df.columns if df[c].dtype.kind in "iuf"}
    styled = _styled(df, cells)
    return df if styled is None else styled


def _styled(df, cells: Mapping[str, Any]):
    """``df`` as a pandas Styler writing ``cells``' columns with their functions and the reader's
    decimal and thousands signs; None when Streamlit's own format does (English), when there is
    nothing to write, or the table is too large to style."""
    decimal, thousands = tr().plotly_separators
    if decimal + thousands == ".," or not cells or df.size > LOCAL_NUMBERS_MAX_CELLS:
        return None
    return df.style.format(dict(cells), na_rep="", decimal=decimal, thousands=thousands)


def _cell_format(printf: str):
    """A printf number format as a function of one cell, in Python's English form (pandas puts
    the reader's decimal and thousands signs in)."""
    m = _PRINTF.fullmatch(printf)
    if m is None:
        raise ValueError(f"unsupported number format: {printf!r}")
    sign, digits, kind = m.groups()
    spec = f"{sign},.{0 if kind == 'd' else int(digits or 6)}f"
    return lambda v: format(v, spec).replace("-", "\u2212")


def _whole(v) -> str:
    return format(v, ",.0f").replace("-", "\u2212")


def _up_to_four(v) -> str:
    text = format(v, ",.4f").rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace("-", "\u2212")
