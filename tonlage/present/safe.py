"""The one way untrusted text reaches the page: as inert, literal characters.

Titles, notes, file names, sentences, authors, event labels, URL parameters and anything a
reader typed come from outside. Streamlit renders Markdown (and, in labels and tooltips, links
and images) in almost every element, so such text goes through :func:`escape_text` before it
meets any Streamlit call that renders Markdown or HTML. Our own translated sentences do this
for their parameters automatically (:func:`components.i18n.t`).

What :func:`escape_text` defuses:

* every character HTML, CommonMark/GFM, Streamlit's directives (``:red[…]``,
  ``:material/icon:``) or KaTeX (``$``) react to becomes a numeric character reference, so
  ``![x](http://host/x.png)`` or ``<img>`` shows as those characters and loads nothing;
* GFM's *autolink literals* (``www.example.org``, ``https://…``, ``name@host.org``) and
  emoji/icon shortcodes are found in the decoded text, after the entities, so a zero-width
  word joiner (U+2060) is put where the pattern would match: the text looks the same, but no
  link or icon is made;
* control characters (C0, C1), line and paragraph separators, and bidirectional overrides
  and isolates (which can make "txt.exe" display as "exe.txt") are removed or become spaces.

The result is an :class:`Md` string, marked as safe: escaping it again changes nothing.
"""

from __future__ import annotations

import re

__all__ = ["Md", "escape_text", "escape_plot_text", "plain_text", "safe_table", "MARKUP_CHARS"]

# HTML-special characters plus everything Markdown (CommonMark + GFM), Streamlit's
# directives (":red[...]", ":material/icon:", emoji shortcodes) and KaTeX ("$") react to.
MARKUP_CHARS = frozenset("&<>\"'\\`*_{}[]()#+-.!|~:$^=")

WORD_JOINER = "\u2060"

# Characters that change how the text around them is laid out or read: C0/C1 controls, line
# and paragraph separators, bidi embeddings, overrides and isolates, and BOMs inside text.
_LAYOUT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
# Where GFM would make a link from plain text (mdast-util-gfm-autolink-literal) and where
# Streamlit/remark would make an emoji or icon: break the pattern with a word joiner.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp)(?=:)|(www)(?=\.)|(@)(?=[-\w])|(:)(?=[\w+-])")


class Md(str):
    """A string that is already safe to give to Streamlit's Markdown: ours, or escaped."""

    __slots__ = ()


def plain_text(text: object) -> str:
    """``text`` on one line with no control, separator or bidi-override characters (for
    Plotly labels, tables shown as text and terminals)."""
    if text is None:
        return ""
    return " ".join(_LAYOUT.sub(" ", str(text)).split())


# Single pass: every risky character becomes a numeric entity. No double escaping, and
# Markdown never sees a syntax character (entities are literal text in CommonMark).
_TABLE = {ord(c): f"&#{ord(c)};" for c in MARKUP_CHARS}


def escape_text(text: object) -> Md:
    """``text`` as inert, literal characters for any Streamlit element that renders Markdown
    or HTML (bodies, labels, captions, tooltips, toasts), and inside double-quoted attribute
    values. An :class:`Md` string (ours, or escaped already) is returned unchanged."""
    if isinstance(text, Md):
        return text
    if text is None:
        return Md("")
    s = plain_text(text)
    s = _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, s)
    return Md(s.translate(_TABLE))


def escape_plot_text(text: object, *, max_len: int | None = None) -> str:
    """Escape untrusted text for Plotly labels and hover text.

    Plotly renders a small HTML subset (``<b>``, ``<a href>``, ``<span style>``) in
    text; escaping ``<``, ``>`` and ``&`` is enough to keep it literal.
    """
    s = plain_text(text)
    if max_len is not None and len(s) > max_len:
        s = s[: max_len - 1].rstrip() + "…"
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_table(df, tr=None):
    """A table for ``st.dataframe``: text cells that a spreadsheet would run as a formula
    (=, +, -, @ ...) get a leading apostrophe, so the table's built-in CSV download is safe
    to open in Excel. Numbers stay numbers. With a translator ``tr``, the engine's messages in
    the table (reasons, notes, tone evidence) are shown in its language."""
    from tonlage.export import neutralise_formulas
    from tonlage.i18n import Message

    if tr is not None:
        df = df.copy()
        for col in df.columns:
            if df[col].dtype == object and df[col].map(lambda v: isinstance(v, Message)).any():
                df[col] = df[col].map(tr.message)
    return neutralise_formulas(df)
