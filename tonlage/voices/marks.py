"""Quotation marks: which of them pair up (:func:`quote_pairs`)."""

from __future__ import annotations

import logging
import re

__all__ = ["QUOTE_CHARS", "STRIP_MARKS", "quote_pairs"]

log = logging.getLogger(__name__)

QUOTE_CHARS = re.compile(r"[„“”\"»«‚‘’›‹]")
#: What to strip from a quote token to get its content (the marks and spaces).
STRIP_MARKS = '„“”"»«‚‘’›‹ '


def quote_pairs(text: str) -> list[tuple[int, int, bool]]:  # noqa: C901 - one scan pairing quote marks of every style
    """Outermost quotation-mark pairs of ``text`` as ``(content_start, content_end, closed)``.

    German („…“, »…«, ‚…‘), Swiss («…»), English (“…”) and straight marks, and mixes of them
    („…”, „…"), pair within a paragraph; quotes inside a quote stay part of it. An opening mark
    left open at the paragraph's end (a quote that runs on, or a cut-off page) pairs with the
    paragraph's end when it opens a sentence or follows a colon.

    Args:
        text: Any text; paragraphs are its lines.

    Returns:
        The pairs in text order; ``closed`` is False for a quote left open at a paragraph's end.
    """
    out: list[tuple[int, int, bool]] = []
    n = len(text)

    def opener(i: int) -> bool:
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        return (prev.isspace() or prev in "([–—-/:„»«‚›") and not nxt.isspace()

    def closer(i: int) -> bool:
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        return not prev.isspace() and not nxt.isalnum()

    def close(stack: list[tuple[str, int]], kinds: str, i: int) -> bool:
        """Closes the innermost open mark of ``kinds`` (and every mark opened inside it); an
        outermost pair goes to ``out``."""
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] in kinds:
                pos = stack[depth][1]
                del stack[depth:]
                if not stack:
                    out.append((pos + 1, i, True))
                return True
        return False

    for para in re.finditer(r"[^\n]+", text):
        stack: list[tuple[str, int]] = []
        for m in QUOTE_CHARS.finditer(text, para.start(), para.end()):
            ch, i = m.group(), m.start()
            top = stack[-1][0] if stack else ""
            if ch in "„‚":
                stack.append((ch, i))
            elif ch == "“":
                if not (top in "„“" and top and close(stack, "„“", i)) and opener(i):
                    stack.append((ch, i))
            elif ch == "”":
                close(stack, '“„"', i)
            elif ch == '"':
                if top == '"' or (closer(i) and any(k in "„“" for k, _ in stack)):
                    close(stack, '"„“', i)
                elif opener(i):
                    stack.append((ch, i))
            elif ch in "»«":
                other = "«" if ch == "»" else "»"
                if top == other or (closer(i) and any(k == other for k, _ in stack)):
                    close(stack, other, i)
                else:
                    stack.append((ch, i))
            elif ch in "›‹":
                other = "‹" if ch == "›" else "›"
                if top == other:
                    close(stack, other, i)
                elif opener(i):
                    stack.append((ch, i))
            elif ch == "‘":
                if top == "‚":
                    close(stack, "‚", i)
                elif opener(i) and text[i + 1 : i + 2].isalpha():
                    stack.append((ch, i))
            elif ch == "’" and top in ("‘", "‚") and not (text[i - 1 : i].isalpha() and text[i + 1 : i + 2].isalpha()):
                close(stack, "‘‚", i)  # an apostrophe ("gibt’s") closes nothing
        if stack:
            pos = stack[0][1]
            before = text[para.start() : pos].rstrip()
            if not before or before[-1] in ".:!?–—-":
                out.append((pos + 1, para.end(), False))
    out.sort()
    return out
