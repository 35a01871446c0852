"""Reading a page's text: headline, byline, date lines, furniture and where the article starts.

A saved web page, pasted into a text file, keeps what surrounded the article: a kicker above
the headline, a date line, a byline, captions and credits, buttons, teasers for other articles.
:func:`read_page` sorts the lines of such a text by general rules of page layout:

- *furniture* anywhere (:func:`tonlage.reading.furniture.line_kind`), and by its neighbours: the line
  above a credit is a caption, the short line above a caption is its heading, a line repeated
  at once is a caption shown twice, the heading of a newsletter or paywall box belongs to it;
- the *head* of the page, up to the first paragraph of text: date lines, bylines, labels
  ("Kommentar"), the kicker, and the headline — the first line that reads as a title (short,
  one sentence, no full stop at its end), is not part of the site's navigation, and is not a
  kicker (a line of up to three words above a longer title);
- the *end* of the article: a block of teasers for other articles after a "Das könnte Sie auch
  interessieren", a second agency dateline on a listing page, a press-release footer.

Every line taken out of the text is kept with its kind (``removed``), so a reader can see what
was left out and why.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date

from ..text import split_sentences
from .bylines import Byline, agency_dateline, agency_line, format_authors, parse_byline, person_name, signature
from .dates import DateLine, PageDate, find_dateline
from .furniture import (
    CALL_TO_ACTION,
    OFFER_TO_READER,
    is_credit,
    is_picture_credit,
    line_kind,
    promo_sentences,
    strip_bullet,
)
from .genre import LABEL_GENRE

__all__ = ["Page", "read_page", "GENRE_LABELS", "is_title_like"]

log = logging.getLogger(__name__)

# Genre words a page prints as a label (kicker, category, headline prefix), lower-cased: those
# that decide a genre (tonlage.reading.genre.LABEL_GENRE, one list for both) and two that do not.
GENRE_LABELS = (*LABEL_GENRE, "debatte", "kritik")
_LABEL_ALT = "|".join(re.escape(x) for x in sorted(GENRE_LABELS, key=len, reverse=True))
_LABEL_LINE = re.compile(
    rf"^(?:[-–•]\s*)?(?:(?:in\s+der\s+)?(?:kategorie|rubrik|ressort|genre|format)\s*:?\s*|"
    rf"(?:auf\s+der\s+)?\w*seite\s+)?(?P<label>{_LABEL_ALT})\s*:?$",
    re.IGNORECASE,
)
_LABEL_PREFIX = re.compile(rf"^(?P<label>{_LABEL_ALT})(?:\s*:\s*|\s+)(?=[„\"»«A-ZÄÖÜ])", re.IGNORECASE)
_LABEL_GLUED = re.compile(rf"(?<=\s)(?P<label>{_LABEL_ALT})(?=[A-ZÄÖÜ][a-zäöüß])", re.IGNORECASE)
# Furniture that names the article's genre: "Dieser Kommentar ist Teil einer Debattenreihe".
_SELF_NAMED = re.compile(rf"(?:Dieser|Diese|Dieses)\s+(?P<label>(?i:{_LABEL_ALT}))\b")
_GLUE = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
_META_BULLET = re.compile(r"^[-–•]\s+\S")
_PREFIX_SEPARATOR = re.compile(r"^[-–—|]\s+")
_VOCATIVE = re.compile(r"^(?:herr|frau|liebe[rs]?|dear|mr\.?|mrs\.?|ms\.?)\s+[A-ZÄÖÜ][\w-]*,", re.IGNORECASE)
_PRESS_TRAILER = re.compile(
    r"(?:(?<=[.!?\"“”»«)])|(?<=\s)|^)(?:Pressekontakt|Original-Content von|Originalmeldung|"
    r"Medienkontakt)\s*:",
    re.IGNORECASE,
)
_TRAILING_TAG = re.compile(r"(?<=[.!?\"“”»«)])\s*/[A-Za-z]{2,6}(?:/[A-Za-z]{1,6}){1,4}\s*$")
_RELATED_HEAD = re.compile(
    r"^(?:das\s+könnte\s+(?:sie|dich)\s+(?:auch\s+)?interessieren|ähnliche\s+(?:artikel|beiträge)|"
    r"(?:related|more)\s+(?:news|articles|stories)|mehr\s+zum\s+thema|weitere\s+(?:artikel|"
    r"nachrichten|beiträge)|auch\s+interessant|meistgelesen\w*|empfehlungen?(?:\s+der\s+redaktion)?|"
    r"top-?artikel|neueste\s+artikel)\W*$",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(
    r"^(?:(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?\s+)?\d{1,2}[:.]\d{2}"
    r"(?::\d{2})?\s*(?:uhr|h)?$",
    re.IGNORECASE,
)
# Words without which a paragraph cannot advertise (see furniture.promo_sentences): a cheap
# test before it is split into sentences.
_CALL_WORDS = (
    "herunterladen",
    "downloaden",
    "bestellen",
    "anfordern",
    "abonnieren",
    "registrieren",
    "ratis",
    "ostenlos",
)
_FORMAL_MID = re.compile(r"[a-zäöüß,] (?:Sie|Ihnen)\b")
_MAX_TITLE_WORDS = 28
_MAX_TITLE_CHARS = 240
_HEAD_LINES = 14  # content lines looked at for the head of the page
_KICKER_WORDS = 3


@dataclass
class Page:
    """What :func:`read_page` found (see the module docstring).

    Attributes:
        title: The headline ("" when the page shows none).
        title_source: "header" (the file's "Title | Author. date" line), "page" (a headline
            line found by layout) or "" when none was found.
        title_confidence: "high", "medium" or "low".
        authors: Bylines found, "First Last" or an agency.
        author_source: "header", "byline", "date line", "dateline" (an agency dateline),
            "signature", "credit", "agency" or "".
        author_confidence: "high", "medium" or "".
        header_date: (date, precision) from the file's header form, or None.
        page_dates: Dates the page states about itself (date lines, update stamps).
        labels: Genre words found as labels (kicker, category line, headline prefix, byline).
        body: The article text without everything removed.
        removed: (kind, line) for every line or part of a line taken out, in page order.
    """

    title: str = ""
    title_source: str = ""
    title_confidence: str = ""
    authors: list[str] = field(default_factory=list)
    author_source: str = ""
    author_confidence: str = ""
    header_date: tuple[date, str] | None = None
    page_dates: list[PageDate] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    body: str = ""
    removed: list[tuple[str, str]] = field(default_factory=list)


# --- header forms of our own files --------------------------------------------------------------------
_HEADER_BYLINE = re.compile(
    r"^(?P<title>[^|\n]{1,200}?)\s*\|\s*(?P<author>[^|\n]{1,80}?)\.?\s+"
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\.?\s*$"
)
_HEADER_DATE = re.compile(
    r"^\s*date[:\s]+(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?\b(?P<rest>.*)$", re.IGNORECASE
)


def _safe_date(y: int, m: int, d: int | None) -> date | None:
    try:
        return date(y, m, d or 1)
    except ValueError:
        return None


def is_title_like(line: str) -> bool:
    """True for a line that reads as a headline: one sentence of at most 28 words, not ending
    in a full stop, comma, colon or semicolon, not a list item and not a question put to
    someone ("Herr Dobrindt, …?")."""
    text = line.strip()
    if not text or len(text) > _MAX_TITLE_CHARS or text[-1] in ".,;:" or not any(c.isalpha() for c in text):
        return False
    if text.endswith("...") or text.endswith("…"):
        return False
    if _META_BULLET.match(text) or _VOCATIVE.match(text):
        return False
    if len(text.split()) > _MAX_TITLE_WORDS:
        return False
    return len(split_sentences(text)) <= 1


def _is_body(line: str) -> bool:
    text = line.strip()
    if len(text) > _MAX_TITLE_CHARS:
        return True
    if _META_BULLET.match(text) and len(text.split()) <= 12:
        return False  # a short list item: meta or a slogan, not the article's first paragraph
    return bool(text) and not is_title_like(text) and len(text.split()) >= 4


@dataclass
class _Line:
    text: str
    kind: str = ""  # "" = article text; else a removal kind
    date: DateLine | None = None
    byline: Byline | None = None


def _meta_chunk(chunk: str) -> bool:
    """True for a piece of a date line that is meta text: furniture, a page number, a time,
    names, a byline or another labelled date."""
    c = chunk.strip(" ,;")
    if not c:
        return True
    if line_kind(c) or re.fullmatch(r"seite\s+\d+", c, re.I) or _TIME_ONLY.match(c):
        return True
    if _name_list(c) or parse_byline(c):
        return True
    other = find_dateline(c)
    return bool(other and other.labelled and not other.before and not other.after)


def _date_meta(dl: DateLine) -> bool:
    """True when what stands around a date on its line is only meta text (a date line): before
    it nothing, a name or a place; after it nothing but meta text. A source line "Medium
    29.09.2024, Name und Name" also counts."""
    if dl.glued:
        return True
    names_after = bool(dl.after) and bool(_name_list(dl.after.strip(" ,")))
    if dl.after and not all(_meta_chunk(c) for c in re.split(r"\s*(?:\||\s[–—/]\s)\s*", dl.after)):
        return False
    if not dl.before or names_after:
        return True
    return bool(_name_list(dl.before)) or bool(re.fullmatch(r"[A-ZÄÖÜ][\w.-]+", dl.before))


def read_page(text: str, *, header_forms: bool = True) -> Page:
    """Sort the lines of a normalised article text (see :func:`tonlage.text.normalise`).

    Args:
        text: The whole text as read from the file.
        header_forms: False for text that came out of a structured format (HTML, a table,
            JSON), whose title is known from its metadata: then neither our header forms nor a
            headline line are looked for; furniture, date lines and bylines still are.
    """
    page = Page()
    raw_lines = text.split("\n")
    lines: list[_Line] = []
    first = raw_lines[0] if raw_lines else ""
    if header_forms and (m := _HEADER_BYLINE.match(first)):
        page.title, page.title_source, page.title_confidence = m.group("title").strip(), "header", "high"
        page.authors, page.author_source, page.author_confidence = [m.group("author").strip()], "header", "high"
        if header_date := _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))):
            page.header_date = (header_date, "day")
        raw_lines = raw_lines[1:]
    elif header_forms and (m := _HEADER_DATE.match(first)):
        day = int(m.group("d")) if m.group("d") else None
        if header_date := _safe_date(int(m.group("y")), int(m.group("m")), day):
            page.header_date = (header_date, "day" if day else "month")
        rest = _PREFIX_SEPARATOR.sub("", m.group("rest").strip())
        raw_lines = ([rest] if rest else []) + raw_lines[1:]
    for raw in raw_lines:
        lines.extend(_split_line(raw, page))
    _classify(lines, page)
    _context(lines)
    start = _head(lines, page, header_forms)
    _tail(lines, start)
    _authors(lines, page, start)
    _dates(lines, page, start)
    body_lines = []
    for ln in lines:
        if ln.kind:
            if ln.kind != "headline":
                page.removed.append((ln.kind, ln.text))
            continue
        body_lines.append(_promo(ln.text, page))
    body = "\n".join(body_lines)
    if "\n\n\n" in body:
        body = re.sub(r"\n{3,}", "\n\n", body)
    page.body = body.strip()
    return page


def _split_line(raw: str, page: Page) -> list[_Line]:
    """A line, with what is glued to it cut off: a press-release footer, an editor's tag at its
    end, an agency dateline or a date at its start."""
    out: list[_Line] = []
    text = raw
    m = _PRESS_TRAILER.search(text) if ("ontakt" in text or "Original" in text) else None
    if m and (m.start() > 0 or len(text) > 200):
        page.removed.append(("press_contact", text[m.start() :].strip()))
        text = text[: m.start()].rstrip()
    if "/" in text[-40:] and (m := _TRAILING_TAG.search(text, max(0, len(text) - 60))):
        page.removed.append(("agency_tag", m.group().strip()))
        text = text[: m.start()]
    if dl := agency_dateline(text):
        out.append(_Line(dl.prefix.strip(), "dateline"))
        out[-1].byline = Byline((dl.agency,), (dl.agency,), "dateline") if dl.agency else Byline((), (), "release")
        text = dl.rest
    found = find_dateline(text) if text[:1].isdigit() or text[:1].isalpha() else None
    if found and found.glued and not found.before and len(found.after.split()) >= 4:
        cut = len(text) - len(found.after)
        out.append(_Line(text[:cut].strip(), "dateline", found))
        text = found.after
    if text or not out:
        out.append(_Line(text))
    return out


def _classify(lines: list[_Line], page: Page) -> None:
    for ln in lines:
        text = ln.text.strip()
        if not text or ln.kind:
            continue
        if _LABEL_LINE.match(text):
            ln.kind = "label"
            continue
        kind = line_kind(text)
        if len(text) <= 400:
            ln.date = ln.date or find_dateline(text)
        if len(text) <= 400 or text[:1] in "—–-":
            ln.byline = ln.byline or parse_byline(text)
        if kind:
            ln.kind = kind
            if kind in ("notice", "credit") and ln.date:
                ln.kind = kind  # a broadcast note or a credit that dates the text: its date is kept
            continue
        if ln.byline and ln.byline.form != "agency":
            ln.kind = "byline"
            if ln.byline.rest:  # "—Von A und B Dass er …": the body goes on after the byline
                ln.kind = ""
            continue
        if ln.date and _date_meta(ln.date):
            ln.kind = "dateline"
            continue
        if _TIME_ONLY.match(text):
            ln.kind = "dateline"
        elif _LABEL_LINE.match(text):
            ln.kind = "label"
        elif agency_line(text):
            ln.kind = "byline"


def _context(lines: list[_Line]) -> None:
    """Furniture known by its neighbours: captions above credits and their headings, pictures
    shown twice, boxes headed by a short line, credits after a caption."""
    content = [i for i, ln in enumerate(lines) if ln.text.strip()]
    nxt = dict(zip(content, content[1:]))
    adjacent = {a: b for a, b in nxt.items() if b == a + 1}
    # Picture blocks: the line directly above a credit or a caption is its caption or heading.
    for i in reversed(content):
        below = adjacent.get(i)
        if below is None or lines[i].kind or len(lines[i].text) > 600:
            continue
        words = len(lines[i].text.split())
        if (
            (lines[below].kind == "credit" and is_picture_credit(lines[below].text) and words <= 40)
            or (lines[below].kind == "caption" and words <= 25 and not _is_body(lines[i].text))
            or lines[below].kind == "caption"
            and words <= 25
            and _shares_names(lines[i].text, lines[below].text)
        ):
            lines[i].kind = "caption"
        elif lines[below].kind in ("newsletter", "paywall", "promo") and is_title_like(lines[i].text) and words <= 14:
            lines[i].kind = lines[below].kind
    # Repeats: a short line shown twice in a row is a picture's alt text and caption; a later
    # copy of any earlier line (a repeated teaser or headline) is dropped.
    seen: dict[str, int] = {}
    keys = {i: _key(lines[i].text) for i in content}
    for i in content:
        key = keys[i]
        j = nxt.get(i)
        if j is not None and keys[j] == key and len(key) <= 250 and len(key.split()) <= 25 and not lines[i].kind:
            lines[i].kind = lines[j].kind = lines[j].kind or "caption"
        if key in seen and (len(key) > 250 or len(key.split()) >= 3) and not lines[i].kind:
            lines[i].kind = "duplicate"
        seen.setdefault(key, i)
    # An agency's name alone right after a picture credits the picture, not the article.
    for i in content:
        j = nxt.get(i)
        if (
            j is not None
            and lines[i].kind in ("caption", "credit")
            and lines[j].kind == "byline"
            and lines[j].byline is None
            and agency_line(lines[j].text)
        ):
            lines[j].kind = "credit"
        if j is not None and lines[i].kind in ("caption", "credit") and not lines[j].kind and is_credit(lines[j].text):
            lines[j].kind = "credit"


def _key(text: str) -> str:
    """A line as compared for repeats (long lines as they are: normalised text has single spaces)."""
    return text.strip() if len(text) > 300 else " ".join(text.split()).casefold()


def _shares_names(a: str, b: str) -> bool:
    caps = lambda s: {w.strip(".,:;()") for w in s.split() if w[:1].isupper() and len(w) > 3}  # noqa: E731
    return len(caps(a) & caps(b)) >= 2


def _head(lines: list[_Line], page: Page, header_forms: bool) -> int:  # noqa: C901 - the page head's sources in order of trust
    """Find the headline and mark the head of the page; returns the index of the first line of
    the article's text."""
    content = [i for i, ln in enumerate(lines) if ln.text.strip()][:_HEAD_LINES]
    # The page's head ends at its first paragraph of text.
    end = next((i for i in content if not lines[i].kind and _is_body(lines[i].text)), None)
    head = [i for i in content if end is None or i < end]
    if header_forms and not page.title:
        # A genre word glued to the words after it in the first line ("… LeitartikelDie Stadt …"):
        # a flattened layout; the words before it are the headline.
        untyped = [i for i in content if not lines[i].kind]
        if untyped:
            i = untyped[0]
            m = _LABEL_GLUED.search(lines[i].text, 0, 200) if _GLUE.search(lines[i].text, 0, 200) else None
            if m and len(lines[i].text[: m.start()].split()) <= 12 and is_title_like(lines[i].text[: m.start()]):
                before, label, after = lines[i].text[: m.start()], m.group("label"), lines[i].text[m.end() :]
                lines[i : i + 1] = [_Line(before.strip()), _Line(label, "label"), _Line(after.strip())]
                return _head(lines, page, header_forms)
        title_at = _headline(lines, head)
        if title_at is not None:
            page.title = lines[title_at].text.strip()
            page.title_source = "page"
            neighbours = [lines[i].kind for i in head if i != title_at]
            page.title_confidence = (
                "high" if any(k in ("dateline", "byline", "kicker", "label") for k in neighbours) else "medium"
            )
            lines[title_at].kind = "headline"
            for i in head:
                if i < title_at and not lines[i].kind:
                    lines[i].kind = "label" if _LABEL_LINE.match(lines[i].text) else "kicker"
            # A breadcrumb that ends with the headline ("Start › Politik — Neue Brücke …").
            key = " ".join(page.title.split()).casefold()
            for i in content:
                if len(lines[i].text) > 600:
                    continue
                other = " ".join(lines[i].text.split()).casefold()
                # Only short lines: a paragraph that merely quotes the headline's words stays.
                if i != title_at and key in other and not lines[i].kind and len(other) <= len(key) + 60:
                    lines[i].kind = "navigation" if i < title_at else "duplicate"
    # A genre word opening the first paragraph ("Meinung Die Stadt hat …").
    for i in content[:6]:
        if lines[i].kind:
            continue
        m = _LABEL_PREFIX.match(lines[i].text)
        if m and len(lines[i].text[m.end() :].split()) >= 5 and _is_body(lines[i].text[m.end() :]):
            page.removed.append(("label", m.group("label")))
            page.labels.append(m.group("label").lower())
            lines[i].text = lines[i].text[m.end() :]
        break
    for i in head:
        if lines[i].kind == "label" and (m := _LABEL_LINE.match(lines[i].text)):
            page.labels.append(m.group("label").lower())
    if page.title and (m := re.match(rf"^(?P<label>{_LABEL_ALT})\s*:", page.title, re.IGNORECASE)):
        page.labels.append(m.group("label").lower())
    for ln in lines:
        if ln.kind in ("notice", "byline") and (
            m := re.search(rf"\b(?P<label>{_LABEL_ALT})\b", ln.text, re.IGNORECASE)
        ):
            if ln.kind == "notice" or (ln.byline and ln.byline.label):
                page.labels.append(m.group("label").lower())
        elif ln.kind and (m := _SELF_NAMED.search(ln.text)):
            page.labels.append(m.group("label").lower())
    return end if end is not None else (content[-1] + 1 if content else 0)


def _headline(lines: list[_Line], head: list[int]) -> int | None:
    candidates = [i for i in head if not lines[i].kind and is_title_like(lines[i].text)]
    content = [i for i, ln in enumerate(lines) if ln.text.strip()]
    after = dict(zip(content, content[1:]))
    for pos, i in enumerate(candidates):
        text = lines[i].text.strip()
        j = after.get(i)
        # Part of the site's header: followed by navigation or a paywall or cookie notice.
        if j is not None and lines[j].kind in ("navigation", "paywall", "cookie", "javascript"):
            continue
        later = list(candidates[pos + 1 :])
        # A kicker: up to three words above a longer title.
        if later and len(text.split()) <= _KICKER_WORDS and len(lines[later[0]].text.split()) > len(text.split()):
            continue
        if _LABEL_LINE.match(text):
            continue
        return i
    return None


def _tail(lines: list[_Line], start: int) -> None:
    """The end of the article: teasers for other articles after a "related" heading, and a
    second article of a listing page (a second agency dateline)."""
    content = [i for i, ln in enumerate(lines) if ln.text.strip()]
    for pos, i in enumerate(content):
        if i < start or not _RELATED_HEAD.match(lines[i].text.strip()):
            continue
        rest = content[pos + 1 :]
        teaser = not rest or any(
            lines[k].kind in ("dateline", "reading_time", "counter") or _TIME_ONLY.match(lines[k].text.strip())
            for k in rest[:3]
        )
        if teaser:
            lines[i].kind = "read_more"
            for k in rest:
                lines[k].kind = "related"
            break
    seen_dateline = False
    for pos, i in enumerate(content):
        ln = lines[i]
        if ln.kind == "dateline" and ln.byline is not None:
            if seen_dateline and i > start:
                back = [k for k in content[max(0, pos - 3) : pos] if not lines[k].kind or lines[k].kind == "counter"]
                cut = next((k for k in back if is_title_like(lines[k].text) and not lines[k].kind), i)
                for k in content:
                    if k >= cut:
                        lines[k].kind = lines[k].kind if lines[k].kind and k < i else "next_article"
                return
            seen_dateline = True


def _authors(lines: list[_Line], page: Page, start: int) -> None:  # noqa: C901 - the byline forms tried in order of trust
    if page.authors:
        return
    content = [i for i, ln in enumerate(lines) if ln.text.strip()]
    head = [i for i in content if i < start][:_HEAD_LINES] + [i for i in content if i >= start][:4]
    people: list[str] = []
    agencies: list[str] = []
    source = confidence = ""
    for i in head:
        ln = lines[i]
        b = ln.byline
        if ln.kind in ("caption", "credit") and not (b and b.form == "credit"):
            continue
        if (
            b is not None
            and b.form != "release"
            and b.authors
            and ln.kind in ("byline", "dateline", "credit", "notice", "")
        ):
            if ln.kind == "" and not b.rest:
                continue
            if b.form == "dateline":
                agencies.extend(b.authors)
                source, confidence = source or "dateline", confidence or "high"
                continue
            persons = [a for a in b.authors if a not in b.agencies]
            people.extend(persons)
            agencies.extend(b.agencies)
            if persons and not source.startswith("byline"):
                source = {"credit": "credit", "comment_by": "byline"}.get(b.form, "byline")
                confidence = "high" if b.form in ("byline", "comment_by") else "medium"
            if b.rest:
                page.removed.append(("byline", ln.text[: len(ln.text) - len(b.rest)].strip()))
                ln.text, ln.kind = b.rest, ""
            continue
        if ln.kind == "byline" and (found := agency_line(ln.text)):
            agencies.extend(found)
            source, confidence = source or "agency", confidence or "medium"
            continue
        dl = ln.date
        if dl and ln.kind == "dateline" and (dl.before or dl.after):
            for part in (dl.before, dl.after):
                for chunk in re.split(r"[–—|]|\s/\s", part):
                    chunk = chunk.strip(" ,")
                    b2 = parse_byline(chunk) if chunk else None
                    names = list(b2.authors) if b2 else _name_list(chunk)
                    if names:
                        people.extend(n for n in names if n not in (b2.agencies if b2 else ()))
                        source, confidence = source or "date line", confidence or "medium"
    # Bullet lines with a name in an author box ("• Christoph Elzer"), next to a byline.
    if people:
        for i in head:
            ln = lines[i]
            stripped = ln.text.strip()
            if stripped[:1] in "•·▪" and not ln.kind and (name := person_name(strip_bullet(stripped))):
                people.append(name)
                ln.kind = "byline"
        known = {p.casefold() for p in people}
        for i in head:
            ln = lines[i]
            if not ln.kind and strip_bullet(ln.text.strip()).casefold() in known:
                ln.kind = "byline"
    # A credit at the end: "Text/Foto: Lokalsender Beispielstadt am 3. Mai 2025".
    article = [i for i in content if lines[i].kind not in ("related", "next_article", "read_more")]
    if not people:
        for i in article[-4:]:
            b = lines[i].byline
            if b is not None and b.form == "credit" and b.authors:
                people.extend(b.authors)
                source, confidence = "credit", "medium"
    # Signatures at the end: "(dpa)", "M.Rossi--ABC", "Keystone-SDA" alone on a line.
    if not people:
        for i in reversed(article[-4:]):
            ln = lines[i]
            if ln.kind in ("credit", "caption"):
                continue
            found = signature(ln.text)
            if found:
                if any(a not in _agency_names() for a in found):
                    people.extend(found)
                    source, confidence = "signature", "medium"
                    ln.kind = ln.kind or "agency_tag"
                else:
                    agencies.extend(found)
                    source, confidence = source or "signature", confidence or "high"
                break
        for i in content:
            ln = lines[i]
            if ln.kind == "byline" and ln.byline is None and (found := agency_line(ln.text)):
                agencies.extend(found)
                source, confidence = source or "agency", confidence or "medium"
    names = people or agencies
    if names:
        page.authors = format_authors(names).split("; ")
        page.author_source, page.author_confidence = (source or "byline"), (confidence or "medium")


def _agency_names() -> frozenset[str]:
    from .furniture import AGENCIES

    return frozenset(AGENCIES)


def _name_list(text: str) -> list[str]:
    if not text or len(text.split()) > 10:
        return []
    parts = [p for p in re.split(r"\s*(?:,|\bund\b|\band\b|&)\s*", text) if p]
    names = [person_name(p) for p in parts]
    return [n for n in names if n] if names and all(names) else []


def _dates(lines: list[_Line], page: Page, start: int) -> None:
    """Dates the page states: date lines in its head (the site's own date above its navigation
    excepted), labelled dates anywhere ("Stand:", "Publish date :", a broadcast note, a credit
    with a date), and update stamps of a ticker."""
    content = [i for i, ln in enumerate(lines) if ln.text.strip()]
    title_at = next((i for i in content if lines[i].kind == "headline"), None)
    for i in content:
        ln = lines[i]
        dl = ln.date
        if dl is None:
            continue
        role = "updated" if dl.role == "updated" else "published"
        if ln.kind in ("related", "next_article", "caption"):
            continue
        if ln.kind in ("notice", "credit"):
            if ln.kind == "credit" and not (ln.byline and ln.byline.form == "credit"):
                continue
            page.page_dates.append(PageDate(dl.date, dl.precision, "published"))
            continue
        if ln.kind != "dateline" and not (dl.labelled and dl.role == "updated"):
            continue
        if not dl.labelled:
            if i >= start + 1 and i > (title_at if title_at is not None else -1) + 8:
                continue  # a bare date deep in the text is not the page's
            if (
                title_at is not None
                and i < title_at
                and any(lines[k].kind in ("navigation", "page_header") for k in content if i < k < title_at)
            ):
                continue  # the site's "today" above its navigation, not the article's date
        page.page_dates.append(PageDate(dl.date, dl.precision, role))
        # "Veröffentlicht am: … / Update vom: …": a second date on the same line.
        if dl.after and (second := find_dateline(dl.after)) and second.labelled:
            page.page_dates.append(PageDate(second.date, second.precision, second.role))


def _promo(line: str, page: Page) -> str:
    """A paragraph without the sentences that advertise the outlet itself."""
    if len(line) < 40:
        return line
    if not (
        ("unser" in line and _FORMAL_MID.search(line) and OFFER_TO_READER.search(line))
        or (any(w in line for w in _CALL_WORDS) and CALL_TO_ACTION.search(line))
    ):
        return line
    spans = split_sentences(line)
    sentences = [line[s:e] for s, e in spans]
    flagged = promo_sentences(sentences)
    if not flagged:
        return line
    for k in flagged:
        page.removed.append(("promo", sentences[k]))
    keep = [sentences[k] for k in range(len(sentences)) if k not in set(flagged)]
    return " ".join(keep)
