"""Plain text (.txt) and Markdown (.md) files: one article each."""

from __future__ import annotations

import html
import re

from ..records import ReadResult, Record
from ._common import decode_text, strip_title_line

__all__ = ["read_txt", "read_md", "markdown_to_text"]


def read_txt(data: bytes) -> ReadResult:
    """One article from a text file, decoded but otherwise as written.

    Header lines (title, author, date) are left in the text: the caller knows their forms.

    Raises:
        IngestError: The file is empty or binary.
    """
    decoded = decode_text(data)
    return ReadResult([Record(text=decoded.text, kind="plain", notes=[decoded.note] if decoded.note else [])])


def read_md(data: bytes) -> ReadResult:
    """One article from a Markdown file, converted to plain text (see :func:`markdown_to_text`).

    Raises:
        IngestError: The file is empty or binary, or holds only markup.
    """
    from ..errors import IngestError

    decoded = decode_text(data)
    meta, body = _front_matter(decoded.text)
    title, text = markdown_to_text(body)
    title = title or meta.get("title", "")
    text = strip_title_line(text, title)
    if not text.strip():
        raise IngestError("The Markdown file holds no text apart from markup.")
    return ReadResult([Record(text=text, title=title, author=meta.get("author", ""), date=meta.get("date", ""),
                              source=meta.get("source", ""), url=meta.get("url", ""), kind="plain",
                              notes=[decoded.note] if decoded.note else [])])


# A YAML front-matter block ("---" lines around "key: value" pairs), as static-site generators
# write; only flat string values of a few keys are read, the rest is dropped with the block.
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEYS = {"title": "title", "author": "author", "autor": "author", "date": "date", "datum": "date",
               "source": "source", "quelle": "source", "url": "url", "link": "url"}


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        role = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("'\"").strip()
        if sep and role and value and role not in meta:
            meta[role] = value
    return meta, text[match.end():]


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
# Bullets only: "1. " is kept, as a German line may start with a date ("24. September ...").
_LIST = re.compile(r"^(\s*)[-*+]\s+")
_RAW_OPEN = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
_RAW_CLOSE = {"script": re.compile(r"</script\s*>", re.IGNORECASE), "style": re.compile(r"</style\s*>", re.IGNORECASE)}
# Every quantifier over link and emphasis contents is bounded: a line of 100,000 "[" or "*"
# would otherwise cost quadratic time. Longer spans are simply left as written.
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\](?:\((?:[^()\n]|\([^()\n]{0,200}\)){0,2000}\)|\[[^\[\]\n]{0,200}\])")
_LINK = re.compile(r"\[([^\[\]\n]{0,500})\](?:\((?:[^()\n]|\([^()\n]{0,200}\)){0,2000}\)|\[[^\[\]\n]{0,200}\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_CODE_SPAN = re.compile(r"(?<!`)(`{1,3})(?!`)([^\n]{1,1000}?)(?<!`)\1(?!`)")
# Emphasis markers only where they touch a word on the inside, so "snake_case", "5 * 3" and
# "a*b" stay as written.
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,500}?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^\n]{1,500}?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^\n]{1,500}?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)([^\n]{1,500}?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


def _inline(line: str) -> str:
    # Code spans first and protected, so their contents are not read as emphasis or links.
    spans: list[str] = []

    def keep(match: re.Match) -> str:
        spans.append(match.group(2).strip())
        return f"\x00{len(spans) - 1}\x00"

    line = _CODE_SPAN.sub(keep, line.replace("\x00", ""))
    line = _IMAGE.sub("", line)  # before links: an image is a link with a "!"
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _STRONG.sub(r"\2", line)
    line = _STRIKE.sub(r"\1", line)
    line = _EM_STAR.sub(r"\1", line)
    line = _EM_UNDER.sub(r"\1", line)
    line = _ESCAPE.sub(r"\1", line)
    line = html.unescape(line)
    return re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], line)


def _drop_raw_blocks(text: str) -> str:
    """Without HTML comments and ``<script>``/``<style>`` elements, contents included (an
    unclosed one runs to the end, as in a browser). One pass, so linear in the text's length."""
    out: list[str] = []
    pos = 0
    while (opener := _RAW_OPEN.search(text, pos)) is not None:
        out.append(text[pos:opener.start()])
        if opener.group(1):
            closer = _RAW_CLOSE[opener.group(1).lower()].search(text, opener.end())
            pos = closer.end() if closer else len(text)
        else:
            end = text.find("-->", opener.end())
            pos = end + 3 if end >= 0 else len(text)
    out.append(text[pos:])
    return "".join(out)


def markdown_to_text(markdown: str) -> tuple[str, str]:
    """Markdown to plain text: the first top-level heading as title, markers and links removed.

    Images (and their addresses) are dropped entirely, links keep only their words, code blocks
    keep their contents as text, and HTML tags are removed (``<script>``/``<style>`` with their
    contents).

    Returns:
        (title, text); title is "" when the document has no level-1 heading.
    """
    markdown = _drop_raw_blocks(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    lines = markdown.split("\n")
    out: list[str] = []
    title = ""
    fence = ""
    for i, raw in enumerate(lines):
        fence_match = _FENCE.match(raw)
        if fence:
            if fence_match and fence_match.group(1) == fence:
                fence = ""
                out.append("")
            else:
                out.append(raw)
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        if _REF_DEF.match(raw) or _TABLE_SEP.match(raw) and "-" in raw and "|" in raw:
            continue
        setext = _SETEXT.match(raw)
        if setext and out and out[-1].strip():
            # The previous line was a heading underlined with === (level 1) or --- (level 2).
            if setext.group(1)[0] == "=" and not title:
                title = out.pop().strip()
            out.append("")
            continue
        if _RULE.match(raw):
            out.append("")
            continue
        heading = _ATX.match(raw)
        if heading:
            text = _inline(heading.group(2)).strip()
            if len(heading.group(1)) == 1 and not title:
                title = text
            else:
                out.extend(["", text, ""])
            continue
        line = _QUOTE.sub("", raw)
        line = _LIST.sub(r"\1", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = " | ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        out.append(_inline(line).strip())
    return title, _tidy("\n".join(out))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    return "\n".join(out).strip()
