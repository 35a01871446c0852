"""Plain text (.txt) and Markdown (.md) files: one article each."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from ...i18n import message
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
        raise IngestError(message("The Markdown file holds no text apart from markup."))
    return ReadResult(
        [
            Record(
                text=text,
                title=title,
                author=meta.get("author", ""),
                date=meta.get("date", ""),
                source=meta.get("source", ""),
                url=meta.get("url", ""),
                kind="plain",
                notes=[decoded.note] if decoded.note else [],
            )
        ]
    )


# A YAML front-matter block ("---" lines around "key: value" pairs), as static-site generators
# write; only flat string values of a few keys are read, the rest is dropped with the block.
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEYS = {
    "title": "title",
    "author": "author",
    "autor": "author",
    "date": "date",
    "datum": "date",
    "source": "source",
    "quelle": "source",
    "url": "url",
    "link": "url",
}


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
    return meta, text[match.end() :]


_RAW_OPEN = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
_RAW_CLOSE = {"script": re.compile(r"</script\s*>", re.IGNORECASE), "style": re.compile(r"</style\s*>", re.IGNORECASE)}
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _drop_raw_blocks(text: str) -> str:
    """Without HTML comments and ``<script>``/``<style>`` elements, contents included (an
    unclosed one runs to the end, as in a browser). One pass, so linear in the text's length."""
    out: list[str] = []
    pos = 0
    while (opener := _RAW_OPEN.search(text, pos)) is not None:
        out.append(text[pos : opener.start()])
        if opener.group(1):
            closer = _RAW_CLOSE[opener.group(1).lower()].search(text, opener.end())
            pos = closer.end() if closer else len(text)
        else:
            end = text.find("-->", opener.end())
            pos = end + 3 if end >= 0 else len(text)
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # CommonMark with GitHub's tables and strikethrough; no linkify (bare URLs stay text).
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline_text(token) -> str:
    """The words of an inline token: link texts kept, images and HTML tags dropped, code kept."""
    out: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n" if child.type == "hardbreak" else " ")
        elif child.type == "html_inline":
            continue  # a tag, never words
        # image: dropped entirely (its alt text describes a picture, not the article);
        # link_open/close, em, strong, s: only their text children count
    return "".join(out)


def markdown_to_text(markdown: str) -> tuple[str, str]:  # noqa: C901 - one dispatch over markdown-it's token types
    """Markdown to plain text: the first top-level heading as title, markers and links removed.

    Parsed by markdown-it-py (CommonMark, tables, strikethrough). Images (and their addresses)
    are dropped entirely, links keep only their words, code blocks keep their contents as
    text, tables become one line per row with " | " between cells, and HTML tags are removed
    (``<script>``/``<style>`` with their contents).

    Returns:
        (title, text); title is "" when the document has no level-1 heading.
    """
    markdown = _drop_raw_blocks(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    tokens = _parser().parse(markdown)
    blocks: list[str] = []
    title = ""
    row: list[str] | None = None
    heading = ""
    items: list[str] = []  # the lines of the list being read (one block when it ends)
    depth = 0  # lists open
    prefix = ""  # an ordered item's number: "24. September 2025" is a date, not item 24
    for tok in tokens:
        if tok.type == "heading_open":
            heading = tok.tag
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if not depth and items:
                blocks.append("\n".join(items))
                items = []
        elif tok.type == "list_item_open":
            prefix = f"{tok.info}{tok.markup} " if tok.info else ""
        elif tok.type == "inline":
            text = _inline_text(tok).strip()
            if row is not None:
                row.append(text)
            elif heading == "h1" and not title:
                title = text
            elif depth and text:
                items.append(prefix + text)
                prefix = ""
            elif text:
                blocks.append(text)
        elif tok.type == "heading_close":
            heading = ""
        elif tok.type in ("fence", "code_block"):
            blocks.append(tok.content.rstrip("\n"))
        elif tok.type == "html_block":
            words = " ".join(_TAG.sub(" ", tok.content).split())
            if words:
                blocks.append(html.unescape(words))
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            if row and any(row):
                blocks.append(" | ".join(row))
            row = None
    # List items and table rows are lines of their own; other blocks are paragraphs.
    return title, _tidy("\n\n".join(blocks))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    return "\n".join(out).strip()
