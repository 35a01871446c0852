"""Finding an article's date: what a field, a URL or the text says, and which one to believe.

Everything here is plain rules over strings (standard library only) and never raises on odd
input. :func:`resolve_date` weighs the candidates (a metadata field, the file's header, the URL,
dates mentioned in the text) and says in one plain sentence what it flagged, corrected or
inferred, so a reader can see why an article sits where it does on the timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from ..i18n import N_, Dated, Message, join, message

__all__ = [
    "DateFinding",
    "Day",
    "DateLine",
    "PageDate",
    "parse_date",
    "date_from_url",
    "dates_in_text",
    "find_dateline",
    "deictic_dates",
    "resolve_date",
    "format_date",
    "date_param",
    "MONTHS_DE",
    "EARLIEST",
]

EARLIEST = date(1990, 1, 1)  # older "publication" dates are almost always misreadings

MONTHS_DE = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
}
_MONTHS_EN = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBR = {
    "jan": 1,
    "jän": 1,
    "feb": 2,
    "mär": 3,
    "mrz": 3,
    "mar": 3,
    "maerz": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dez": 12,
    "dec": 12,
}
_FULL_MONTHS = {**MONTHS_DE, **_MONTHS_EN}
_ALL_MONTHS = {**_FULL_MONTHS, **_MONTH_ABBR}


def _alternation(words) -> str:
    # Longest first, so "sept" is tried before "sep" and "juni" before "jun".
    return "|".join(sorted(words, key=len, reverse=True))


_MON = _alternation(_ALL_MONTHS)  # any month name or abbreviation
_MON_FULL = _alternation(_FULL_MONTHS)  # full names only (month-only mentions in running text)

_WEEKDAYS = (
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|mo|di|mi|do|fr|sa|so"
)

# --- parse_date ------------------------------------------------------------------------------
# A time of day (and zone) after the date is allowed and ignored: "T10:15:00+02:00",
# " 10:15", ", 10:15 Uhr", " 10:00:00 GMT".
_TIME = (
    r"(?:(?:t|\s*,?\s*(?:um\s+)?)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:uhr)?\s*"
    r"(?:z|[+-]\d{2}(?::?\d{2})?|gmt|utc|[a-z]{2,5})?)?"
)
_WEEKDAY_PREFIX = re.compile(rf"^(?:{_alternation(_WEEKDAYS.split('|'))})\b\.?\s*,?\s*")

_FORMS: list[re.Pattern[str]] = [
    re.compile(p + _TIME + "$")
    for p in (
        r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",  # 2025-09-24
        r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})",  # 2025/09/24
        r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})",  # 24.09.2025, 24.9.25
        rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s*(?P<mon>{_MON})\.?\s+(?P<y>\d{{4}})",  # 24. Sept. 2025
        rf"(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+(?P<y>\d{{4}})",  # Sep 24, 2025
    )
] + [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})$"),  # 2025-09
    re.compile(rf"(?P<mon>{_MON})\.?\s+(?P<y>\d{{4}})$"),  # September 2025
    # The time between the day and the year: C's asctime and the Twitter API's created_at
    # ("Wed Oct 10 20:19:24 +0000 2018", its weekday taken off before)
    re.compile(
        rf"(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s+[+-]\d{{4}})?\s+(?P<y>\d{{4}})$"
    ),
]


def _make_date(y: int, m: int, d: int | None) -> date | None:
    if not 1000 <= y <= 2999:
        return None
    try:
        return date(y, m, d or 1)
    except ValueError:
        return None


def format_date(value: date, precision: str) -> str:
    """ "2025-09" for a month, "2025-09-24" for a day."""
    return value.strftime("%Y-%m") if precision == "month" else value.isoformat()


def date_param(value: date, precision: str) -> Dated:
    """:func:`format_date` as a message parameter: written as the reader's language writes
    dates (:class:`~tonlage.i18n.Dated`)."""
    return Dated(format_date(value, precision))


def parse_date(value: str) -> tuple[date | None, str]:
    """A date as people and machines write it, as (date, precision) or (None, "none").

    Reads ISO ("2025-09-24", with or without a time, "2025-09", "2025/09/24"), German
    ("24.09.2025", "24.9.25", "24. Sept. 2025", "September 2025", "Dienstag, 21. Oktober 2025",
    "Dienstag (21.10.2025)") and English ("September 24, 2025", "24 September 2025",
    "Tue, 21 Oct 2025 10:00:00 GMT", "Tue Oct 21 10:00:00 +0000 2025"). A two-digit year is
    20xx. Impossible calendar dates and years outside 1000..2999 give (None, "none"); this never
    raises.
    """
    if not isinstance(value, str):
        return None, "none"
    s = " ".join(value.strip().lower().split())
    if not s or len(s) > 80:
        return None, "none"
    s = _WEEKDAY_PREFIX.sub("", s, count=1) if s[0].isalpha() else s
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    for pattern in _FORMS:
        m = pattern.match(s)
        if not m:
            continue
        groups = m.groupdict()
        year = int(groups["y"])
        if len(groups["y"]) == 2:
            year += 2000
        month = _ALL_MONTHS[groups["mon"]] if groups.get("mon") else int(groups["m"])
        day = int(groups["d"]) if groups.get("d") else None
        found = _make_date(year, month, day)
        return (found, "day" if day else "month") if found else (None, "none")
    return None, "none"


# --- date_from_url ---------------------------------------------------------------------------
_URL_DAY = [
    re.compile(r"(?:^|/)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$)"),  # /2025/09/25/
    re.compile(r"(?:^|/)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?=/|$)"),  # /2025-09-25/
    re.compile(r"(?:^|/)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?=/|$)"),  # /20250925/
]
_URL_MONTH = re.compile(r"(?:^|/)(?P<y>\d{4})/(?P<m>\d{1,2})(?=/|$)")  # /2025/09/


def date_from_url(url: str) -> tuple[date | None, str]:
    """The date in a URL's path (``/2025/09/25/``, ``/2025-09-25/``, ``/20250925/``; ``/2025/09/``
    for a month), as (date, precision) or (None, "none"). The query string is ignored."""
    if not isinstance(url, str) or not url.strip():
        return None, "none"
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None, "none"
    for pattern in _URL_DAY:
        for m in pattern.finditer(path):
            found = _make_date(int(m["y"]), int(m["m"]), int(m["d"]))
            if found:
                return found, "day"
    for m in _URL_MONTH.finditer(path):
        found = _make_date(int(m["y"]), int(m["m"]), None)
        if found:
            return found, "month"
    return None, "none"


# --- dates_in_text ---------------------------------------------------------------------------
# The scan starts from four-digit years, which are rare in prose, and looks at a few characters
# around each: after the year for ISO "2025-09-24"; before it for "15.08.2025",
# "24. September 2025", "September 24, 2025" and "Oktober 2025". The text before the year is
# read backwards (reversed, with reversed patterns) so each look is one anchored match, not a
# search: dense lists of dates cost microseconds each.
_YEAR_DIGITS = re.compile(r"[12]\d\d\d")
_WINDOW = 32


def _reversed_alternation(words) -> str:
    return "|".join(sorted((w[::-1] for w in words), key=len, reverse=True))


_REV_MON = _reversed_alternation(_ALL_MONTHS)
_REV_MON_FULL = _reversed_alternation(_FULL_MONTHS)
_REV_SUFFIX = r"(?:ts|dn|dr|ht)?"  # "st", "nd", "rd", "th" backwards
_BEFORE_YEAR_REVERSED = re.compile(
    r"\s?\.(?P<m1>\d\d?)\s?\.(?P<d1>\d\d?)(?!\w)"  # 15.08.
    rf"|\s+\.?(?P<mon2>{_REV_MON})\s*\.?{_REV_SUFFIX}(?P<d2>\d\d?)(?!\w)"  # 24. Sept.
    rf"|\s+,?{_REV_SUFFIX}(?P<d4>\d\d?)\s+\.?(?P<mon4>{_REV_MON})(?!\w)"  # Sep 24,
    rf"|\s+(?P<mon3>{_REV_MON_FULL})(?!\w)",  # Oktober
    re.IGNORECASE,
)
_ISO_AFTER = re.compile(r"-(\d{1,2})-(\d{1,2})(?!\d)")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _could_end_a_date(text: str, start: int) -> bool:
    """A cheap test before the regex: can the text just before a year end a date?

    Every form ends in a dot ("15.08."), a month name ("Oktober ", "Sept. ") or a one- or
    two-digit day ("September 24, "), then a space or nothing. "vor 2014", "1.500 2025" or a
    list of numbers is skipped without a regex.
    """
    i = start - 1
    if i < 0 or not (text[i].isspace() or text[i] == "."):
        return False
    stop = max(-1, i - 4)
    while i > stop and (text[i].isspace() or text[i] == ","):
        i -= 1
    if i < 0:
        return False
    last = text[i]
    if last == "." or last.isalpha():
        return True
    return last.isdigit() and not (i >= 2 and text[i - 1].isdigit() and text[i - 2].isdigit())


def _date_before(text: str, start: int, year: int) -> tuple[date | None, str]:
    """The date whose year starts at ``start``, read from the text just before it."""
    window = text[max(0, start - _WINDOW) : start][::-1]
    m = _BEFORE_YEAR_REVERSED.match(window)
    if not m:
        return None, "none"
    if m["m1"]:
        return _make_date(year, int(m["m1"][::-1]), int(m["d1"][::-1])), "day"
    if m["mon2"]:
        return _make_date(year, _ALL_MONTHS[m["mon2"][::-1].lower()], int(m["d2"][::-1])), "day"
    if m["mon4"]:
        return _make_date(year, _ALL_MONTHS[m["mon4"][::-1].lower()], int(m["d4"][::-1])), "day"
    return _make_date(year, _FULL_MONTHS[m["mon3"][::-1].lower()], None), "month"


def dates_in_text(text: str) -> list[tuple[date, str]]:
    """Explicit dates mentioned in ``text``, as (date, precision) in order of appearance.

    Day forms: "15.08.2025", "Dienstag (21.10.2025)", "24. September 2025", "24. Sept. 2025",
    "2025-09-24", "September 24, 2025". Month form: "Oktober 2025" (full month names only, so
    a "Jan 2025" that names a person is not taken for January). Years 1000..2999; never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    found: list[tuple[date, str]] = []
    n = len(text)
    for y in _YEAR_DIGITS.finditer(text):
        start, end = y.start(), y.end()
        # A year stands alone: "2025", not "120256" or "x2025".
        if (start and _is_word_char(text[start - 1])) or (end < n and _is_word_char(text[end])):
            continue
        year = int(y.group())
        if end < n and text[end] == "-" and (iso := _ISO_AFTER.match(text, end)):
            if d := _make_date(year, int(iso.group(1)), int(iso.group(2))):
                found.append((d, "day"))
            continue
        if not _could_end_a_date(text, start):
            continue
        d, precision = _date_before(text, start, year)
        if d:
            found.append((d, precision))
    return found


# --- date lines of a page -------------------------------------------------------------------------
# A date as pages print it under or above a headline: "11.03.2025, 09:42 Uhr", "4.6.2025 - 11:00",
# "Dienstag, 11. März 2025", "Dienstag, März 4, 2025", "2025-02-19 10:05:00".
_DATE_TOKEN = re.compile(
    rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?(?:"
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})(?!\d)"
    rf"|\d{{1,2}}\.?\s*(?:{_MON})\.?\s+\d{{4}}"
    rf"|(?:{_MON})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    r")",
    re.IGNORECASE,
)
# The first date token that starts within a line's first 160 characters (find_dateline reads no
# later one): the same match as searching the whole line and checking where it starts, without
# trying the pattern at every later position of a 400-character paragraph (group 1: the token).
_DATE_TOKEN_HEAD = re.compile(r"(?s)^.{0,160}?(?=(" + _DATE_TOKEN.pattern + "))", _DATE_TOKEN.flags)
# Every form of _DATE_TOKEN holds two digits in a row (a four-digit year, or a two-digit one
# after "d.m."): a line without them holds no date (a cheap test before the pattern).
_TWO_DIGITS = re.compile(r"\d\d")
_TIME_AFTER = re.compile(
    r"^\s*(?:[,|–—-]\s*|um\s+|,\s*um\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:uhr|h\b)?", re.IGNORECASE
)
_LABELS = (
    (
        "updated",
        r"(?:zuletzt\s+)?aktualisiert(?:\s+am)?|letzte\s+aktualisierung|stand|update(?:\s+vom)?|"
        r"updated(?:\s+on)?|last\s+updated|geändert(?:\s+am)?",
    ),
    ("print", r"ausgabe\s+vom|erschienen\s+in\s+der\s+ausgabe\s+vom|printausgabe\s+vom|zeitungsausgabe\s+vom"),
    (
        "published",
        r"veröffentlicht(?:\s+am)?|erschienen(?:\s+am)?|publiziert(?:\s+am)?|published(?:\s+on)?|"
        r"publish(?:ed)?\s+date|erstellt(?:\s+am)?|posted(?:\s+on)?|datum|vom|gesendet(?:\s+am)?",
    ),
)
_LABEL_END = re.compile(
    r"(?:^|[\s|/–—-])(?P<label>" + "|".join(f"(?P<{role}>{rx})" for role, rx in _LABELS) + r")\s*:?\s*(?:am\s+)?$",
    re.IGNORECASE,
)
_PLACE_WEEKDAY = re.compile(rf"^(?:[A-ZÄÖÜ][\w./-]+(?:,\s*|\s*$))?(?:(?:{_WEEKDAYS})\.?,?\s*)?$")


@dataclass(frozen=True)
class DateLine:
    """A date found at the head of a line of a page.

    Attributes:
        date, precision: The date and "day" or "month".
        role: "published", "updated" ("Stand:", "Aktualisiert am"), "print" ("Ausgabe vom") or
            "plain" (a date with no label).
        labelled: True when a label said what the date is.
        before: Text before the date that is neither a label nor a weekday ("Erika Muster" in
            "Erika Muster 12.05.2025 - 16:05 Uhr"), stripped.
        after: Text after the date and its time ("Seite 5", ", Adrian Schulz und …", a glued
            body "Als die Entscheidung …"), stripped of separators.
        glued: True when ``after`` is body text glued to the date without a space ("2025Als").
    """

    date: date
    precision: str
    role: str
    labelled: bool
    before: str
    after: str
    glued: bool = False


@lru_cache(maxsize=1024)
def find_dateline(line: str) -> DateLine | None:
    """The first date of a line as a page's date line would show it, or None.

    The caller decides from ``before`` and ``after`` whether the line is a date line (nothing
    but meta text around the date) or prose that merely mentions a date.

    Cached (a few recent lines): the page reader asks for each line twice, when it cuts a line
    (a date glued to the body) and when it classifies it; the result is immutable.
    """
    if len(line) > 400 or not any(map(str.isdigit, line[:200])) or not _TWO_DIGITS.search(line):
        return None
    m = _DATE_TOKEN_HEAD.search(line)
    if not m:
        return None
    found, precision = parse_date(m.group(1))
    if found is None:
        return None
    before, after = line[: m.start(1)], line[m.end(1) :]
    glued = bool(after) and after[0].isalpha()
    time = _TIME_AFTER.match(after) if not glued else None
    if time:
        after = after[time.end() :]
        glued = bool(after) and after[0].isalpha() and after[0].isupper()
    role, labelled = "plain", False
    label = _LABEL_END.search(before)
    if label:
        role = next(r for r, _ in _LABELS if label.group(r))
        labelled = True
        before = before[: label.start("label")]
    before = before.strip(" \t,:;|/–—-•·")
    if _PLACE_WEEKDAY.match(before) or before.lower() in ("am", "- am"):
        before = ""
    return DateLine(
        found, precision, role, labelled, before, after.strip() if glued else after.strip(" \t,:;|/–—-"), glued
    )


# "Heute (14.08.)", "gestern Mittag (17.03.)", "am gestrigen 9. März 2025": the text dates itself.
_DEICTIC_PAREN = re.compile(
    r"\b(?P<rel>heute|gestern|vorgestern|morgen)\b[^.!?\n()]{0,30}?\(\s*(?P<d>\d{1,2})\."
    r"\s*(?P<m>\d{1,2})\.(?P<y>\s*\d{4})?\s*\)",
    re.IGNORECASE,
)
_DEICTIC_ADJ = re.compile(
    rf"\b(?P<rel>heutigen|gestrigen|vorgestrigen)\s+(?:(?:{_WEEKDAYS}),?\s+)?(?:dem\s+)?"
    rf"(?P<d>\d{{1,2}})\.\s*(?P<mon>{_MON_FULL})\s+(?P<y>\d{{4}})",
    re.IGNORECASE,
)
_PAREN_DAY = re.compile(r"\(\s*\d{1,2}\.\s*\d{1,2}\.")
_OFFSET = {"heute": 0, "heutigen": 0, "gestern": 1, "gestrigen": 1, "vorgestern": 2, "vorgestrigen": 2, "morgen": -1}
_BARE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def deictic_dates(text: str) -> list[date]:
    """Publication days the text gives away by dating "today" or "yesterday": "Heute (14.08.)"
    is the 14th of August, "am gestrigen 9. März 2025" means the text is from the 10th. Without a
    year in the parentheses, the year is taken from the same paragraph when it names exactly
    one; otherwise nothing is returned (the year is never guessed)."""
    found: list[date] = []
    for para in text.split("\n"):
        if not para or not any(w in para.lower() for w in ("heut", "gestern", "gestrig", "morgen")):
            continue
        years: set[int] | None = None
        for m in _DEICTIC_PAREN.finditer(para) if _PAREN_DAY.search(para) else ():
            if years is None:
                years = {int(y) for y in _BARE_YEAR.findall(para)}
            year = int(m.group("y")) if m.group("y") else (next(iter(years)) if len(years) == 1 else None)
            if year is None:
                continue
            d = _make_date(year, int(m.group("m")), int(m.group("d")))
            if d:
                found.append(d + timedelta(days=_OFFSET[m.group("rel").lower()]))
        for m in _DEICTIC_ADJ.finditer(para) if ("gestrigen" in para or "heutigen" in para) else ():
            d = _make_date(int(m.group("y")), _FULL_MONTHS[m.group("mon").lower()], int(m.group("d")))
            if d:
                found.append(d + timedelta(days=_OFFSET[m.group("rel").lower()]))
    return found


@dataclass(frozen=True)
class PageDate:
    """A date the page states about itself: ``role`` is "published" (a date line, a print
    edition, a broadcast note), "updated" ("Stand:", "Aktualisiert am") or "text" (the text
    dating itself, see :func:`deictic_dates`)."""

    date: date
    precision: str
    role: str


# --- resolve_date ----------------------------------------------------------------------------
Day = date  # the type, where a field named ``date`` hides it


@dataclass(frozen=True)
class DateFinding:
    """The date we use for an article and how we came by it.

    Attributes:
        date: The date, or None when nothing usable was found.
        precision: "day", "month" or "none".
        source: "metadata", "header", "dateline" (a date line of the page: "Veröffentlicht:
            17.04.2025", "11.03.2025, 09:42 Uhr", "Stand: …"), "url", "text" or "none".
        note: One or more sentences when something was flagged, corrected or inferred (a
            :class:`~tonlage.i18n.Message`; its text is English); "" otherwise.
        flagged: The first candidate that was found but not used, as written (metadata) or as
            an ISO date (header, URL); "" when none was set aside.
        future: The earliest date weighed that lay after ``today``, None when none did. The
            finding holds for every later ``today`` before it: only then would that date
            become usable (see :func:`tonlage.storage.store.still_valid`).
    """

    date: date | None
    precision: str
    source: str
    note: str
    flagged: str
    future: Day | None = None


# A candidate date by where it came from, as the subject of a note ("The header date 2030-02-01 …")
# and as its object ("… made precise by the URL date 2025-08-06").
_SUBJECT = {
    "metadata": N_("The metadata date"),
    "header": N_("The header date"),
    "url": N_("The URL date"),
    "dateline": N_("The page's date"),
    "text": N_("The text's date"),
}
_OBJECT = {
    "metadata": N_("the metadata date"),
    "header": N_("the header date"),
    "url": N_("the URL date"),
    "dateline": N_("the page's date"),
    "text": N_("the text's date"),
}


def _which(names: dict[str, str], source: str) -> Message | str:
    return message(names[source]) if source in names else source


def _plausible(d: date, today: date) -> bool:
    return EARLIEST <= d <= today


def _month_name(month: int) -> str:
    # The month as the (German) text wrote it: the note quotes the text, in any language.
    return next(k for k, v in MONTHS_DE.items() if v == month).capitalize()


def _contradiction(candidate: date, mentioned: list[tuple[date, str]]) -> tuple[int, int] | None:
    """(month, year) the text speaks of when it contradicts ``candidate``'s year, else None.

    The commonest date typo in bylines is the year: "21.10.2026" on a text about "Oktober 2025".
    A contradiction is the candidate's month mentioned with the year off by one while the
    candidate's own year is never mentioned; older years as background ("Februar 2022") are normal.
    """
    if any(d.year == candidate.year for d, _ in mentioned):
        return None
    for d, _ in mentioned:
        if d.month == candidate.month and abs(d.year - candidate.year) == 1:
            return d.month, d.year
    return None


def _within(fine: date, coarse: date, coarse_precision: str) -> bool:
    """True when the day ``fine`` lies in the month (or year) ``coarse`` stands for."""
    if coarse_precision == "month":
        return (fine.year, fine.month) == (coarse.year, coarse.month)
    if coarse_precision == "year":
        return fine.year == coarse.year
    return fine == coarse


_RANK = {"day": 2, "month": 1, "year": 0}


def resolve_date(  # noqa: C901 - the precedence of date sources reads top to bottom in one place
    *, text: str, today: date, metadata: str = "", header: tuple[date, str] | None = None, url: str = "", page_dates=()
) -> DateFinding:
    """Choose an article's date from what is known about it, and say what was set aside.

    Candidates in priority order: ``metadata`` (a date string the user or the file's metadata
    gave), ``header`` (a date the file's header form gave, with its precision), the page's own
    date lines that say when it was published (``page_dates`` with role "published", in page
    order), ``url`` (a date in the URL's path), the page's update stamps (role "updated"), and
    the text dating itself (role "text"). A candidate in the future or before 1990 is not used. A
    candidate other than metadata whose year the text contradicts (see :func:`_contradiction`)
    is not used; a metadata date is the user's own word and is never second-guessed by the text.

    When candidates agree, the most precise wins: a day that falls in the month of a better
    candidate replaces it ("Aktualisiert am 06.08.2025" under a header that only says
    2025-08). When a candidate was set aside and no other is usable, the latest plausible date
    the text mentions is used (the article is dated, only wrongly); an article with no date
    candidate at all stays undated, and the note names the latest date the text mentions, for
    the reader to judge.

    Args:
        text: The article text (body, without the header line).
        today: Dates after this day are implausible.
        metadata: A date as written in metadata ("" when none).
        header: (date, precision) from the header, or None.
        url: The article's URL ("" when unknown).
        page_dates: :class:`PageDate` s the page states about itself.
    """
    notes: list[Message] = []
    flagged = ""
    candidates: list[tuple[str, date, str, str]] = []
    future: list[date] = []  # the dates weighed that lie after today (DateFinding.future)

    def plausible(d: date) -> bool:
        if d > today:
            future.append(d)
        return _plausible(d, today)

    meta = metadata.strip() if isinstance(metadata, str) else ""
    if meta:
        d, p = parse_date(meta)
        if d is None:
            notes.append(message("The date '{date}' could not be read and was not used.", date=meta))
            flagged = meta
        else:
            candidates.append(("metadata", d, p, meta))
    if header is not None and header[0] is not None:
        h_prec = header[1] if header[1] in ("day", "month") else "day"
        candidates.append(("header", header[0], h_prec, date_param(header[0], h_prec)))
    page_dates = list(page_dates)
    for pd_ in page_dates:
        if pd_.role == "published":
            candidates.append(("dateline", pd_.date, pd_.precision, date_param(pd_.date, pd_.precision)))
    if url:
        d, p = date_from_url(url)
        if d is not None:
            candidates.append(("url", d, p, date_param(d, p)))
    for role, source in (("updated", "dateline"), ("text", "text")):
        for pd_ in page_dates:
            if pd_.role == role:
                candidates.append((source, pd_.date, pd_.precision, date_param(pd_.date, pd_.precision)))

    mentioned: list[tuple[date, str]] | None = None

    def contradicted(d: date):
        nonlocal mentioned
        if mentioned is None:
            mentioned = dates_in_text(text)
        return _contradiction(d, mentioned)

    for i, (source, d, p, written) in enumerate(candidates):
        which = _which(_SUBJECT, source)
        if not plausible(d):
            if d > today:
                notes.append(message("{which} {date} is in the future and was not used.", which=which, date=written))
            else:
                notes.append(message("{which} {date} is before 1990 and was not used.", which=which, date=written))
            flagged = flagged or str(written)
            continue
        if source != "metadata" and (contra := contradicted(d)):
            month, year = contra
            # Years are not grouped ("2025", never "2,025"): passed as text.
            notes.append(
                message(
                    "{which} {date} was not used: the text speaks of {month} {year} and never of {own_year}.",
                    which=which,
                    date=written,
                    month=_month_name(month),
                    year=str(year),
                    own_year=str(d.year),
                )
            )
            flagged = flagged or str(written)
            continue
        if source != "metadata":  # a finer date that agrees replaces a coarse one
            for other, od, op, _ in candidates[i + 1 :]:
                if _RANK.get(op, 0) > _RANK.get(p, 0) and _within(od, d, p) and plausible(od) and not contradicted(od):
                    notes.append(
                        message(
                            "{which} {date} was made precise by {other} {other_date}.",
                            which=which,
                            date=date_param(d, p),
                            other=_which(_OBJECT, other),
                            other_date=date_param(od, op),
                        )
                    )
                    source, d, p = other, od, op
                    break
        return DateFinding(d, p, source, _note(notes), flagged, min(future, default=None))

    if mentioned is None:
        mentioned = dates_in_text(text)
    in_text = [(d, p) for d, p in mentioned if plausible(d)]
    if in_text and flagged:
        d, p = max(in_text, key=lambda x: (x[0], x[1] == "day"))
        notes.append(message("Date inferred from the latest date mentioned in the text."))
        return DateFinding(d, p, "text", _note(notes), flagged, min(future, default=None))
    if in_text:
        d, p = max(in_text, key=lambda x: (x[0], x[1] == "day"))
        notes.append(
            message(
                "Nothing says when this was published; the latest date the text mentions is {date}, "
                "which may be an event it reports, so the article is left undated.",
                date=date_param(d, p),
            )
        )
    return DateFinding(None, "none", "none", _note(notes), flagged, min(future, default=None))


def _note(notes: list[Message]) -> Message | str:
    """The notes as one: "" for none, the message itself for one, else the sentences joined."""
    if not notes:
        return ""
    return notes[0] if len(notes) == 1 else join(notes)
