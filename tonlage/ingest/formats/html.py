"""Saved web pages (.html, .htm): the article text and its metadata, without page furniture."""

from __future__ import annotations

import codecs
import logging
import re

from ...i18n import message
from ..errors import IngestError
from ..records import ReadResult, Record
from ._common import clean_lines, decode_text, quiet_loggers, strip_title_line

__all__ = ["read_html", "looks_like_markup", "markup_to_text"]

log = logging.getLogger(__name__)

_NO_TEXT = message(
    "No article text was found in this web page; save the article itself (not a list or start "
    "page), or copy its text into a .txt file."
)

# htmldate with its defaults guesses: the extensive search takes "© 2024" in a footer for a
# publication date of 2024-01-01. Only dates written as dates in the markup (meta tags, JSON-LD,
# <time>, the canonical URL, date patterns in the text) are accepted.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>")
_DOCUMENT_TAG = re.compile(r"<(?:html|head|body)\b", re.IGNORECASE)


def _decode(data: bytes) -> tuple[str, str]:
    """The page as text, and a note when the encoding had to be guessed.

    A page's own ``<meta charset>`` is believed when the bytes decode cleanly with it (it
    tells Windows-1252 from Latin-1 better than any guess); otherwise the general rules apply.
    """
    decoded = decode_text(data, what=message("a web page"))
    if decoded.encoding.startswith("utf"):
        return decoded.text, decoded.note
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
            return data.decode(name), ""
        except (LookupError, UnicodeDecodeError, ValueError):
            pass
    return decoded.text, decoded.note


def read_html(data: bytes) -> ReadResult:
    """One article from a web page, read with trafilatura.

    The main text is found by trafilatura (menus, teasers, comments and scripts left out); the
    title, author, date, site name and address come from the page's metadata (meta tags,
    OpenGraph, JSON-LD, ``<link rel=canonical>``). Nothing is ever fetched from the network.

    Raises:
        IngestError: The file is empty, binary, or no article text can be found in it.
    """
    text, note = _decode(data)
    # lxml refuses a str that still declares an encoding; the bytes have been decoded already.
    text = _XML_DECL.sub("", text)
    if not _DOCUMENT_TAG.search(text):
        # A saved fragment ("<p>…</p><p>…</p>"): trafilatura takes a bare fragment for
        # something other than HTML and drops parts of it; as a page body it reads it whole.
        text = f"<html><body>{text}</body></html>"
    meta: dict[str, str] = {}
    body = ""
    import trafilatura

    try:
        with quiet_loggers(*_LOGGERS):
            found = trafilatura.bare_extraction(
                text,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                include_links=False,
                date_extraction_params=dict(_DATE_PARAMS),
            )
        if found is not None:
            meta = _metadata(found)
            body = getattr(found, "text", None) or ""
    except Exception:  # noqa: BLE001 - library boundary
        log.info("trafilatura could not read a page; reading its text plainly", exc_info=True)
        # trafilatura and lxml give up on damaged markup in many ways of their own; the plain
        # fallback below still gets the words out, and raises IngestError if there are none.
        meta, body = {}, ""
    if not body.strip():
        body, fallback_meta = _fallback(text)
        meta = meta or fallback_meta
    body = clean_lines(body)
    body = strip_title_line(body, meta.get("title", ""))
    if not body:
        raise IngestError(_NO_TEXT)
    return ReadResult([Record(text=body, kind="html", notes=[note] if note else [], **meta)])


def _metadata(found) -> dict[str, str]:
    """Record fields from a trafilatura document ("" for what it did not find)."""

    def field(name: str) -> str:
        value = getattr(found, name, None)
        return " ".join(str(value).split()) if value else ""

    return {
        "title": field("title"),
        "author": field("author"),
        "date": field("date"),
        "source": field("sitename"),
        "url": field("url"),
    }


# Elements whose text is never article text. (Not <form>: some sites wrap the whole page in one.)
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "head",
    "iframe",
    "object",
    "canvas",
    "select",
    "button",
    "nav",
    "footer",
    "aside",
)
_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "header",
    "footer",
    "main",
    "aside",
    "dd",
    "dt",
    "figcaption",
    "hr",
)


def _fallback(text: str, *, with_metadata: bool = True) -> tuple[str, dict[str, str]]:
    """The visible text of the page's body, for pages trafilatura finds no article in (a bare
    fragment such as ``<p>…</p><p>…</p>``, or damaged markup), with whatever metadata the page
    has."""
    import lxml.html
    from lxml import etree

    try:
        with quiet_loggers(*_LOGGERS):
            # huge_tree lifts libxml2's nesting limit of 256, beyond which it drops the text
            # (and trafilatura, parsing without it, finds nothing); the input is capped by Limits.
            root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True))
            meta = _fallback_metadata(root) if with_metadata else {}
            etree.strip_elements(root, *_DROP, etree.Comment, etree.ProcessingInstruction, with_tail=False)
            # Block elements start and end lines, so "<div>A<p>B</p></div>" does not read "AB".
            for element in root.iter(*_BLOCKS):
                element.tail = "\n" + (element.tail or "")
                if element.tag != "br":
                    element.text = "\n" + (element.text or "")
            return root.text_content(), meta
    except (ValueError, TypeError, LookupError, RecursionError, etree.LxmlError):
        return "", {}


# Tags that show a table cell or JSON field holds HTML (CMS exports, news APIs), not prose with a "<".
_MARKUP = re.compile(
    r"</?(?:p|br|div|span|a|b|i|em|strong|u|ul|ol|li|h[1-6]|blockquote|figure|figcaption|img|"
    r"script|style|iframe|table|tr|td|section|article|header|footer|small|sup|sub)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)


def looks_like_markup(text: str) -> bool:
    """True when the text holds HTML tags (checked so that prose like "a < b" is left alone)."""
    return "<" in text and _MARKUP.search(text) is not None


def markup_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment: block elements as lines, scripts and styles dropped,
    entities decoded. Never raises; "" when nothing is left."""
    text, _ = _fallback(f"<html><body>{fragment}</body></html>", with_metadata=False)
    return clean_lines(text)


def _fallback_metadata(root) -> dict[str, str]:
    import copy

    from trafilatura import extract_metadata

    try:
        found = extract_metadata(copy.deepcopy(root), date_config=dict(_DATE_PARAMS))
    except Exception:  # noqa: BLE001 - library boundary: metadata is optional, the text is not
        log.info("no metadata could be read from a page", exc_info=True)
        return {}
    return {key: value for key, value in _metadata(found).items() if value}
