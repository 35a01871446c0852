"""The reader's language in the app: ``t()`` for Streamlit elements, ``t_plain()`` for text
that is stored or drawn, both in the language the reader chose (or their browser's)."""

from __future__ import annotations

import streamlit as st

from components import state
from tonlage.i18n import LANGUAGES, STRINGS, default_language, format_int, translator
from tonlage.present.safe import Md, escape_text

__all__ = ["LANGUAGES", "translator", "t", "t_plain", "current_language", "default_language", "format_int",
           "language_name"]


def current_language() -> str:
    """The reader's language: the sidebar choice, else the browser locale."""
    lang = st.session_state.get(state.LANG)
    if lang in STRINGS:
        return lang
    try:
        locale = st.context.locale
    except Exception:  # outside a script run (bare import in tests)
        locale = None
    return default_language(locale)


def language_name(code: str) -> str:
    """"German"/"Deutsch" for "de"; the code itself for a language we have no name for."""
    name = t(f"lang_{code}")
    return code if name == f"lang_{code}" else name


def t(key: str, **fmt: object) -> Md:
    """``key`` in the reader's current language, for a Streamlit element.

    Every parameter is escaped (:func:`tonlage.present.safe.escape_text`) unless it is an
    :class:`~tonlage.present.safe.Md` string already (another ``t()``, or escaped text), so a title
    or file name passed in can never become a link, an image or markup. For text that is
    stored, drawn into a figure or written to a file, use :func:`t_plain`."""
    return Md(translator(current_language())(key, **{k: escape_text(v) for k, v in fmt.items()}))


def t_plain(key: str, **fmt: object) -> str:
    """``key`` in the reader's current language as plain text, parameters as given (for
    figures, pins, the meeting pack, window labels and table headers)."""
    return translator(current_language())(key, **fmt)
