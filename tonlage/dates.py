"""Finding an article's date: what a field, a URL or the text says, and which one to believe.

Everything here is plain rules over strings (standard library only) and never raises on odd
input. :func:`resolve_date` weighs the candidates (a metadata field, the file's header, the URL,
dates mentioned in the text) and says in one plain sentence what it flagged, corrected or
inferred, so a reader can see why an article sits where it does on the timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

__all__ = ["DateFinding", "parse_date", "date_from_url", "dates_in_text", "resolve_date", "format_date",
           "MONTHS_DE", "EARLIEST"]

EARLIEST = date(1990, 1, 1)  # older "publication" dates are almost always misreadings

MONTHS_DE = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}
_MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_ABBR = {
    "jan": 1, "jän": 1, "feb": 2, "mär": 3, "mrz": 3, "mar": 3, "maerz": 3, "apr": 4, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dez": 12, "dec": 12,
}
_FULL_MONTHS = {**MONTHS_DE, **_MONTHS_EN}
_ALL_MONTHS = {**_FULL_MONTHS, **_MONTH_ABBR}


def _alternation(words) -> str:
    # Longest first, so "sept" is tried before "sep" and "juni" before "jun".
    return "|".join(sorted(words, key=len, reverse=True))


_MON = _alternation(_ALL_MONTHS)        # any month name or abbreviation
_MON_FULL = _alternation(_FULL_MONTHS)  # full names only (month-only mentions in running text)

_WEEKDAYS = (
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|mo|di|mi|do|fr|sa|so"
)

# --- parse_date ------------------------------------------------------------------------------
# A time of day (and zone) after the date is allowed and ignored: "T10:15:00+02:00",
# " 10:15", ", 10:15 Uhr", " 10:00:00 GMT".
_TIME = (r"(?:(?:t|\s*,?\s*(?:um\s+)?)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:uhr)?\s*"
         r"(?:z|[+-]\d{2}(?::?\d{2})?|gmt|utc|[a-z]{2,5})?)?")
_WEEKDAY_PREFIX = re.compile(rf"^(?:{_alternation(_WEEKDAYS.split('|'))})\b\.?\s*,?\s*")

_FORMS: list[re.Pattern[str]] = [re.compile(p + _TIME + "$") for p in (
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",                               # 2025-09-24
    r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})",                               # 2025/09/24
    r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})",                 # 24.09.2025, 24.9.25
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s*(?P<mon>{_MON})\.?\s+(?P<y>\d{{4}})",  # 24. Sept. 2025
    rf"(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+(?P<y>\d{{4}})",  # Sep 24, 2025
)] + [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})$"),                                  # 2025-09
    re.compile(rf"(?P<mon>{_MON})\.?\s+(?P<y>\d{{4}})$"),                        # September 2025
]


def _make_date(y: int, m: int, d: int | None) -> date | None:
    if not 1000 <= y <= 2999:
        return None
    try:
        return date(y, m, d or 1)
    except ValueError:
        return None


def format_date(value: date, precision: str) -> str:
    """"2025-09" for a month, "2025-09-24" for a day."""
    return value.strftime("%Y-%m") if precision == "month" else value.isoformat()


def parse_date(value: str) -> tuple[date | None, str]:
    """A date as people and machines write it, as (date, precision) or (None, "none").

    Reads ISO ("2025-09-24", with or without a time, "2025-09", "2025/09/24"), German
    ("24.09.2025", "24.9.25", "24. Sept. 2025", "September 2025", "Dienstag, 21. Oktober 2025",
    "Dienstag (21.10.2025)") and English ("September 24, 2025", "24 September 2025",
    "Tue, 21 Oct 2025 10:00:00 GMT"). A two-digit year is 20xx. Impossible calendar dates and
    years outside 1000..2999 give (None, "none"); this never raises.
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
    re.compile(r"(?:^|/)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$)"),   # /2025/09/25/
    re.compile(r"(?:^|/)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?=/|$)"),   # /2025-09-25/
    re.compile(r"(?:^|/)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?=/|$)"),         # /20250925/
]
_URL_MONTH = re.compile(r"(?:^|/)(?P<y>\d{4})/(?P<m>\d{1,2})(?=/|$)")          # /2025/09/


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
    r"\s?\.(?P<m1>\d\d?)\s?\.(?P<d1>\d\d?)(?!\w)"                                        # 15.08.
    rf"|\s+\.?(?P<mon2>{_REV_MON})\s*\.?{_REV_SUFFIX}(?P<d2>\d\d?)(?!\w)"                # 24. Sept.
    rf"|\s+,?{_REV_SUFFIX}(?P<d4>\d\d?)\s+\.?(?P<mon4>{_REV_MON})(?!\w)"                 # Sep 24,
    rf"|\s+(?P<mon3>{_REV_MON_FULL})(?!\w)",                                             # Oktober
    re.IGNORECASE)
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
    window = text[max(0, start - _WINDOW):start][::-1]
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


# --- resolve_date ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DateFinding:
    """The date we use for an article and how we came by it.

    Attributes:
        date: The date, or None when nothing usable was found.
        precision: "day", "month" or "none".
        source: "metadata", "header", "url", "text" or "none".
        note: One or more plain English sentences when something was flagged, corrected or
            inferred; "" otherwise.
        flagged: The first candidate that was found but not used, as written (metadata) or as
            an ISO date (header, URL); "" when none was set aside.
    """

    date: date | None
    precision: str
    source: str
    note: str
    flagged: str


_LABEL = {"metadata": "metadata", "header": "header", "url": "URL"}


def _plausible(d: date, today: date) -> bool:
    return EARLIEST <= d <= today


def _month_name(month: int) -> str:
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


def resolve_date(*, text: str, today: date, metadata: str = "", header: tuple[date, str] | None = None,
                 url: str = "") -> DateFinding:
    """Choose an article's date from what is known about it, and say what was set aside.

    Candidates in priority order: ``metadata`` (a date string the user or the file's metadata
    gave), ``header`` (a date the file's header form gave, with its precision), ``url`` (a date in
    the URL's path). A candidate in the future or before 1990 is not used. A header or URL date
    whose year the text contradicts (see :func:`_contradiction`) is not used; a metadata date is
    the user's own word and is never second-guessed by the text. When no candidate is usable,
    the latest plausible date mentioned in the text is used.

    Args:
        text: The article text (body, without the header line).
        today: Dates after this day are implausible.
        metadata: A date as written in metadata ("" when none).
        header: (date, precision) from the header, or None.
        url: The article's URL ("" when unknown).
    """
    notes: list[str] = []
    flagged = ""
    candidates: list[tuple[str, date, str, str]] = []
    meta = metadata.strip() if isinstance(metadata, str) else ""
    if meta:
        d, p = parse_date(meta)
        if d is None:
            notes.append(f"The date '{meta}' could not be read and was not used.")
            flagged = meta
        else:
            candidates.append(("metadata", d, p, meta))
    if header is not None and header[0] is not None:
        h_prec = header[1] if header[1] in ("day", "month") else "day"
        candidates.append(("header", header[0], h_prec, format_date(header[0], h_prec)))
    if url:
        d, p = date_from_url(url)
        if d is not None:
            candidates.append(("url", d, p, format_date(d, p)))

    mentioned: list[tuple[date, str]] | None = None
    for source, d, p, written in candidates:
        label = _LABEL[source]
        if not _plausible(d, today):
            why = "is in the future" if d > today else "is before 1990"
            notes.append(f"The {label} date {written} {why} and was not used.")
            flagged = flagged or written
            continue
        if source != "metadata":
            if mentioned is None:
                mentioned = dates_in_text(text)
            if contra := _contradiction(d, mentioned):
                month, year = contra
                notes.append(f"The {label} date {written} was not used: the text speaks of "
                              f"{_month_name(month)} {year} and never of {d.year}.")
                flagged = flagged or written
                continue
        return DateFinding(d, p, source, " ".join(notes), flagged)

    if mentioned is None:
        mentioned = dates_in_text(text)
    usable = [(d, p) for d, p in mentioned if _plausible(d, today)]
    if usable:
        d, p = max(usable, key=lambda x: (x[0], x[1] == "day"))
        notes.append("Date inferred from the latest date mentioned in the text.")
        return DateFinding(d, p, "text", " ".join(notes), flagged)
    return DateFinding(None, "none", "none", " ".join(notes), flagged)
