"""Whether a text is all there: a page cut off by a paywall, an excerpt, a copy cut at a length.

A reader who checks a figure against an article should know when the article is not whole: its
tone, themes and actors then rest on the part that is here. Three signs, in this order:

- ``"paywall"``: the page carried a subscription notice (a line of kind "paywall" removed by
  :mod:`.furniture`); what is here is most likely only the free part.
- ``"ellipsis"``: the text ends with "..." or "…" (also in brackets): the mark of an excerpt.
- ``"mid_sentence"``: the text ends without closing its sentence: no full stop, question or
  exclamation mark, closing quote or bracket. Search-engine copies, feeds and exports cut texts
  at a length, often mid-word ("Die Probleme sind ihm b").

Plain rules over the text's last characters: no thresholds, nothing fitted. What they cost in
false alarms is measured by ``bench/cut_off.py``: on 509 whole news articles the signs fired
on 19 (3.7 %), mostly where a text ends in a table or listing (line-ups, results, TV times);
on the same articles cut at a random point they fired on 97.6 %.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

#: What may close a whole text: sentence ends, then closing quotes and brackets after them.
_CLOSERS = frozenset(".!?…\"'“”»«›‹’)]")
# "...", "…", "[...]", "(…)" at the very end, after optional closing quotes.
_ELLIPSIS = re.compile(r"(?:\.\s?\.\s?\.|…)\s*[\])]?\s*[\"'“”»«›‹’]?\s*$")
_BRACKETED_ELLIPSIS = re.compile(r"[\[(]\s*(?:\.\.\.|…)\s*[\])]\s*$")

#: The signs, strongest first ("" when none).
SIGNS = ("paywall", "ellipsis", "mid_sentence")


def cut_off(text: str | None, removed_kinds: Iterable[str] = ()) -> str:
    """The first sign that ``text`` is not the whole article ("paywall", "ellipsis",
    "mid_sentence"), or "" when it looks whole (or is empty). ``removed_kinds``: the kinds of
    the lines taken off the page around it (:mod:`.furniture`)."""
    if "paywall" in set(removed_kinds):
        return "paywall"
    body = (text or "").rstrip()
    if not body:
        return ""
    if _ELLIPSIS.search(body) or _BRACKETED_ELLIPSIS.search(body):
        return "ellipsis"
    return "" if body[-1] in _CLOSERS else "mid_sentence"


#: Characters of a text's end that :func:`cut_off` needs to see (the longest ellipsis form,
#: "[ ... ]" with a closing quote, is 8).
ENDING_CHARS = 16


def cut_off_all(endings: Sequence[str], removed: Sequence[Sequence[Sequence[str]] | None]) -> list[str]:
    """:func:`cut_off` of many texts from their endings (their last ``ENDING_CHARS``
    characters) and their removed lines ((kind, line) pairs, or None), one sign per text."""
    out = []
    for end, lines in zip(endings, removed, strict=True):
        if lines is not None and len(lines) and any(str(r[0]) == "paywall" for r in lines):
            out.append("paywall")
        elif end and ("…" in end or ". ." in end or ".." in end):
            out.append(cut_off(end))  # an ellipsis may be its end: the whole rule
        else:  # what cut_off says of an end without one, without its regular expressions
            out.append("" if not end or end[-1] in _CLOSERS else "mid_sentence")
    return out
