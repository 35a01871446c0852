"""The one place where untrusted corpus text is made safe for markup.

Article text comes from files we did not write. Anything that reaches
``st.markdown(..., unsafe_allow_html=True)`` or a Plotly hover/label goes through
:func:`escape_text` first, so ``<script>``, ``<iframe>``, ``![x](http://evil/)`` or
``$math$`` show up as the literal characters and never load, run or render.
"""

from __future__ import annotations

__all__ = ["safe_table", "escape_text", "escape_plot_text", "MARKUP_CHARS"]

# HTML-special characters plus everything Markdown (CommonMark + GFM), Streamlit's
# directives (":red[...]", ":material/icon:", emoji shortcodes) and KaTeX ("$") react to.
MARKUP_CHARS = frozenset("&<>\"'\\`*_{}[]()#+-.!|~:$^=")

# Single pass: every risky character becomes a numeric entity. No double escaping, and
# Markdown never sees a syntax character (entities are literal text in CommonMark).
_TABLE = {ord(c): f"&#{ord(c)};" for c in MARKUP_CHARS}
# Line breaks and other control characters would end a Markdown paragraph or an attribute.
_TABLE.update({c: " " for c in range(0, 32)})


def escape_text(text: object) -> str:
    """Return ``text`` with every HTML- or Markdown-active character as a numeric entity.

    Safe inside element content and inside double-quoted attribute values.
    """
    if text is None:
        return ""
    return str(text).translate(_TABLE)


def escape_plot_text(text: object, *, max_len: int | None = None) -> str:
    """Escape untrusted text for Plotly labels and hover text.

    Plotly renders a small HTML subset (``<b>``, ``<a href>``, ``<span style>``) in
    text; escaping ``<``, ``>`` and ``&`` is enough to keep it literal.
    """
    if text is None:
        return ""
    s = " ".join(str(text).split())
    if max_len is not None and len(s) > max_len:
        s = s[: max_len - 1].rstrip() + "…"
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_table(df):
    """A table for ``st.dataframe``: text cells that a spreadsheet would run as a formula
    (=, +, -, @ ...) get a leading apostrophe, so the table's built-in CSV download is safe
    to open in Excel. Numbers stay numbers."""
    from tonlage.export import neutralise_formulas

    return neutralise_formulas(df)
