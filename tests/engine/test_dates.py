"""Dates: parsing what people and machines write, URL dates, dates in text, choosing one."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonlage.reading.dates import DateFinding, date_from_url, dates_in_text, parse_date, resolve_date

TODAY = date(2026, 11, 23)
D = date(2025, 9, 24)


# --- parse_date ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value,expected",
    [
        # ISO
        ("2025-09-24", (D, "day")),
        ("2025-09-24T10:15:00+02:00", (D, "day")),
        ("2025-09-24T10:15:00.123Z", (D, "day")),
        ("2025-09-24 10:15", (D, "day")),
        ("2025-09", (date(2025, 9, 1), "month")),
        ("2025/09/24", (D, "day")),
        # German
        ("24.09.2025", (D, "day")),
        ("24.9.2025", (D, "day")),
        ("24.09.25", (D, "day")),
        ("24.09.2025, 10:15 Uhr", (D, "day")),
        ("24. September 2025", (D, "day")),
        ("24. Sept. 2025", (D, "day")),
        ("24. Sep 2025", (D, "day")),
        ("1. März 2025", (date(2025, 3, 1), "day")),
        ("September 2025", (date(2025, 9, 1), "month")),
        ("Mai 2025", (date(2025, 5, 1), "month")),
        ("Dienstag, 21. Oktober 2025", (date(2025, 10, 21), "day")),
        ("Dienstag (21.10.2025)", (date(2025, 10, 21), "day")),
        # English
        ("September 24, 2025", (D, "day")),
        ("24 September 2025", (D, "day")),
        ("Sep 24, 2025", (D, "day")),
        ("Tue, 21 Oct 2025 10:00:00 GMT", (date(2025, 10, 21), "day")),
        ("Thu, 23 Oct 2025 08:30:00 +0000", (date(2025, 10, 23), "day")),
        # asctime, and the Twitter API's created_at: the time between the day and the year
        ("Thu Oct 23 08:30:00 +0000 2025", (date(2025, 10, 23), "day")),
        ("Thu Oct 23 08:30:00 2025", (date(2025, 10, 23), "day")),
        # whitespace and case
        ("  24.09.2025\n", (D, "day")),
        ("24. SEPTEMBER 2025", (D, "day")),
        ("dienstag, 21. oktober 2025", (date(2025, 10, 21), "day")),
        # junk and impossible dates
        ("", (None, "none")),
        ("   ", (None, "none")),
        ("NA", (None, "none")),
        ("soon", (None, "none")),
        ("gestern", (None, "none")),
        ("99999", (None, "none")),
        ("2025", (None, "none")),
        ("2025-13-01", (None, "none")),
        ("31.02.2025", (None, "none")),
        ("29.02.2025", (None, "none")),
        ("0999-01-01", (None, "none")),
        ("3000-01-01", (None, "none")),
        ("24. Smarch 2025", (None, "none")),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_leap_day_is_real():
    assert parse_date("29.02.2024") == (date(2024, 2, 29), "day")


# --- date_from_url ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://www.example.de/politik/2025/09/25/rubio-lawrow", (date(2025, 9, 25), "day")),
        ("https://www.example.de/politik/2025/9/5/", (date(2025, 9, 5), "day")),
        ("https://www.example.de/2025-09-25/rubio-lawrow.html", (date(2025, 9, 25), "day")),
        ("https://www.example.de/archiv/20250925/artikel", (date(2025, 9, 25), "day")),
        ("https://www.example.de/politik/2025/09/rubio-lawrow", (date(2025, 9, 1), "month")),
        ("example.de/2025/09/25/x", (date(2025, 9, 25), "day")),
        ("https://www.example.de/artikel?date=2025/09/25", (None, "none")),  # query is ignored
        ("https://www.example.de/artikel?id=20250925#2025/09/25", (None, "none")),
        ("https://www.example.de/2025/13/45/x", (None, "none")),
        ("https://www.example.de/artikel/12345678", (None, "none")),
        ("https://www.example.de/artikel-2025", (None, "none")),
        ("", (None, "none")),
        ("not a url at all", (None, "none")),
        ("http://[::1", (None, "none")),  # urlsplit raises ValueError on this
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


# --- dates_in_text ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Am 15.08.2025 landete er.", [(date(2025, 8, 15), "day")]),
        ("Am 24. September 2025 sprachen sie.", [(D, "day")]),
        ("Am 24. Sept. 2025 sprachen sie.", [(D, "day")]),
        ("Am Dienstag (21.10.2025) telefonierten sie.", [(date(2025, 10, 21), "day")]),
        ("Am Dienstag, 21. Oktober 2025, telefonierten sie.", [(date(2025, 10, 21), "day")]),
        ("Im Oktober 2025 wurde es still.", [(date(2025, 10, 1), "month")]),
        ("Stand: 2025-09-24, 10:00 Uhr.", [(D, "day")]),
        ("Updated 2025-09-24T10:00:00Z.", [(D, "day")]),
        ("On September 24, 2025 they met.", [(D, "day")]),
        ("On Sep 3rd, 2024 they met.", [(date(2024, 9, 3), "day")]),
        ("Am 8. Mai 1945 endete der Krieg.", [(date(1945, 5, 8), "day")]),
        # not dates
        ("Bis 2029 bleibt er im Amt, seit 2014 herrscht Krieg.", []),
        ("Die Grenzen von 1991 gelten.", []),
        ("Rund 1.500 2025 gebaute Drohnen.", []),
        ("Jan 2025 ist ein Name und ein Jahr.", []),  # month-only needs a full month name
        ("Am 31.02.2025 nicht.", []),
        ("Nummer x2025 und 20255.", []),
        ("", []),
    ],
)
def test_dates_in_text(text, expected):
    assert dates_in_text(text) == expected


def test_dates_in_text_keeps_order_of_appearance():
    text = (
        "Am 24. September 2025 und am 15.08.2025, dann im Oktober 2025. Am Dienstag (21.10.2025) "
        "und laut Agentur 2025-09-23; the report of September 22, 2025."
    )
    assert dates_in_text(text) == [
        (D, "day"),
        (date(2025, 8, 15), "day"),
        (date(2025, 10, 1), "month"),
        (date(2025, 10, 21), "day"),
        (date(2025, 9, 23), "day"),
        (date(2025, 9, 22), "day"),
    ]


def test_a_number_glued_to_a_day_is_not_a_day():
    # "123. Oktober" is no day; what is left is the month.
    assert dates_in_text("Punkt 123. Oktober 2025") == [(date(2025, 10, 1), "month")]


def test_one_hundred_dates_in_a_long_text():
    days = [date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + 3 * i) for i in range(100)]
    filler = "Die Verhandlungen dauerten an, beide Seiten nannten sie konstruktiv. " * 20
    text = "".join(f"{filler}Am {d.day}.{d.month}.{d.year} gab es ein Treffen. " for d in days)
    assert dates_in_text(text) == [(d, "day") for d in days]


def test_a_five_megabyte_single_line_text():
    sentence = "Die Gespräche in Genf dauerten bis in die Nacht, seit 2014 ohne Ergebnis. "
    block = sentence * 200 + "Am 24. September 2025 folgte ein zweites Treffen. "
    text = block * (5_000_000 // len(block) + 1)
    assert "\n" not in text and len(text) >= 5_000_000
    found = dates_in_text(text)
    assert len(found) == text.count("24. September 2025")
    assert set(found) == {(D, "day")}


# --- resolve_date ----------------------------------------------------------------------------
TEXT = "Im Oktober 2025 telefonierten sie erneut, am 20.10.2025 kam es zum Streit."


def test_metadata_first_then_header_then_url():
    kw = dict(text=TEXT, today=TODAY, header=(date(2025, 10, 19), "day"), url="https://x.de/2025/10/18/a")
    assert resolve_date(metadata="2025-10-21", **kw) == DateFinding(date(2025, 10, 21), "day", "metadata", "", "")
    assert resolve_date(**kw) == DateFinding(date(2025, 10, 19), "day", "header", "", "")
    assert resolve_date(text=TEXT, today=TODAY, url="https://x.de/2025/10/18/a") == DateFinding(
        date(2025, 10, 18), "day", "url", "", ""
    )


def test_month_precision_is_kept():
    assert resolve_date(text=TEXT, today=TODAY, metadata="Oktober 2025") == DateFinding(
        date(2025, 10, 1), "month", "metadata", "", ""
    )
    assert resolve_date(text=TEXT, today=TODAY, header=(date(2025, 10, 1), "month")).precision == "month"


def test_future_metadata_is_flagged_and_the_next_candidate_used():
    f = resolve_date(text=TEXT, today=TODAY, metadata="2031-05-01", header=(date(2025, 10, 19), "day"))
    assert (f.date, f.source, f.flagged) == (date(2025, 10, 19), "header", "2031-05-01")
    assert f.note == "The metadata date 2031-05-01 is in the future and was not used."


def test_future_header_falls_through_to_url_then_text():
    f = resolve_date(text=TEXT, today=TODAY, header=(date(2030, 2, 1), "day"), url="https://x.de/2025/10/18/a")
    assert (f.date, f.source, f.flagged) == (date(2025, 10, 18), "url", "2030-02-01")
    assert f.note == "The header date 2030-02-01 is in the future and was not used."
    f = resolve_date(text=TEXT, today=TODAY, header=(date(2030, 2, 1), "day"))
    assert (f.date, f.precision, f.source, f.flagged) == (date(2025, 10, 20), "day", "text", "2030-02-01")
    assert f.note == (
        "The header date 2030-02-01 is in the future and was not used. "
        "Date inferred from the latest date mentioned in the text."
    )


def test_pre_1990_candidates_are_flagged():
    f = resolve_date(text=TEXT, today=TODAY, metadata="01.05.1970")
    assert (f.date, f.source, f.flagged) == (date(2025, 10, 20), "text", "01.05.1970")
    assert f.note.startswith("The metadata date 01.05.1970 is before 1990 and was not used.")
    f = resolve_date(text="Kein Datum.", today=TODAY, url="https://x.de/1985/01/02/a")
    assert f == DateFinding(
        None, "none", "none", "The URL date 1985-01-02 is before 1990 and was not used.", "1985-01-02"
    )


def test_today_itself_is_plausible():
    assert resolve_date(text="", today=TODAY, metadata=TODAY.isoformat()).date == TODAY


def test_header_contradicting_the_text_is_not_used():
    f = resolve_date(text=TEXT, today=TODAY, header=(date(2026, 10, 21), "day"))
    assert (f.date, f.precision, f.source, f.flagged) == (date(2025, 10, 20), "day", "text", "2026-10-21")
    assert f.note == (
        "The header date 2026-10-21 was not used: the text speaks of Oktober 2025 and never of "
        "2026. Date inferred from the latest date mentioned in the text."
    )


def test_url_contradicting_the_text_is_not_used():
    f = resolve_date(text=TEXT, today=TODAY, url="https://x.de/2024/10/21/a")
    assert (f.source, f.flagged) == ("text", "2024-10-21")
    assert "The URL date 2024-10-21 was not used: the text speaks of Oktober 2025 and never of 2024." in f.note


def test_background_years_are_no_contradiction():
    text = "Seit Februar 2022 herrscht Krieg."
    assert resolve_date(text=text, today=TODAY, header=(date(2025, 2, 1), "month")) == DateFinding(
        date(2025, 2, 1), "month", "header", "", ""
    )
    # the header's own year mentioned anywhere settles it
    text = "Im Oktober 2025 und im Januar 2026."
    assert resolve_date(text=text, today=TODAY, header=(date(2026, 10, 21), "day")).source == "header"


def test_metadata_is_never_checked_against_the_text():
    f = resolve_date(text=TEXT, today=TODAY, metadata="2026-10-21")
    assert f == DateFinding(date(2026, 10, 21), "day", "metadata", "", "")


def test_unparseable_metadata_is_flagged_and_the_rest_is_tried():
    f = resolve_date(text=TEXT, today=TODAY, metadata=" soon ", header=(date(2025, 10, 19), "day"))
    assert f == DateFinding(
        date(2025, 10, 19), "day", "header", "The date 'soon' could not be read and was not used.", "soon"
    )
    f = resolve_date(text="Kein Datum.", today=TODAY, metadata="soon")
    assert f == DateFinding(None, "none", "none", "The date 'soon' could not be read and was not used.", "soon")


def test_first_rejected_candidate_is_the_flagged_one_and_all_are_noted():
    f = resolve_date(text=TEXT, today=TODAY, metadata="2031-05-01", header=(date(2030, 1, 1), "day"))
    assert f.flagged == "2031-05-01" and f.source == "text"
    assert "2031-05-01" in f.note and "2030-01-01" in f.note and f.note.endswith("in the text.")


def test_text_fallback_takes_the_latest_plausible_date_preferring_days_when_a_candidate_was_set_aside():
    text = "Am 1. Oktober 2025, im Oktober 2025, am 3. Januar 2031 und im März 1985."
    f = resolve_date(text=text, today=TODAY, header=(date(2031, 1, 1), "day"))
    assert (f.date, f.precision, f.source, f.flagged) == (date(2025, 10, 1), "day", "text", "2031-01-01")
    assert f.note.endswith("Date inferred from the latest date mentioned in the text.")


def test_dates_the_text_mentions_never_date_an_article_that_has_no_date():
    # A date in running text is usually an event the article reports, not when it was written.
    text = "Am 1. Oktober 2025, im Oktober 2025, am 3. Januar 2031 und im März 1985."
    f = resolve_date(text=text, today=TODAY)
    assert (f.date, f.precision, f.source, f.flagged) == (None, "none", "none", "")
    assert "2025-10-01" in f.note and "undated" in f.note


def test_no_date_at_all():
    assert resolve_date(text="Kein Datum weit und breit.", today=TODAY) == DateFinding(None, "none", "none", "", "")
    assert resolve_date(text="", today=TODAY, metadata="", header=None, url="") == DateFinding(
        None, "none", "none", "", ""
    )


# --- how long a finding holds: DateFinding.future ------------------------------------------------
def test_the_earliest_future_date_weighed_is_kept():
    f = resolve_date(text=TEXT, today=TODAY, header=(date(2030, 2, 1), "day"), url="https://x.de/2027/01/05/a")
    assert (f.date, f.source, f.future) == (date(2025, 10, 20), "text", date(2027, 1, 5))
    # an undated article depends on the future dates its text mentions: one of them may come
    f = resolve_date(text="Der Gipfel ist für den 3. Januar 2031 geplant, nach dem 1. Oktober 2025.", today=TODAY)
    assert (f.date, f.future) == (None, date(2031, 1, 3))
    assert resolve_date(text=TEXT, today=TODAY, header=(date(2025, 10, 19), "day")).future is None


def test_a_future_date_not_weighed_does_not_count():
    # The header decides; the text is never searched for a date, so its 2031 does not matter.
    f = resolve_date(text="Am 3. Januar 2031 soll es weitergehen.", today=TODAY, header=(date(2025, 10, 19), "day"))
    assert (f.date, f.future) == (date(2025, 10, 19), None)


def test_the_future_date_decides_once_it_has_come():
    # A byline typo "21.10.2026" read in January 2026 is set aside; from 21 October it is the date.
    kw = dict(text="Sie telefonierten erneut.", header=(date(2026, 10, 21), "day"))
    before = resolve_date(today=date(2026, 1, 10), **kw)
    assert (before.date, before.future) == (None, date(2026, 10, 21))
    assert resolve_date(today=date(2026, 10, 21), **kw).date == date(2026, 10, 21)


_DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    header=st.none() | _DAYS,
    url_day=st.none() | _DAYS,
    mentioned=st.lists(_DAYS, max_size=4),
    first=_DAYS,
    step=st.integers(min_value=0, max_value=3000),
)
def test_a_finding_holds_on_every_later_day_before_its_future_date(header, url_day, mentioned, first, step):
    text = " ".join(f"Am {d.day}.{d.month}.{d.year} geschah etwas." for d in mentioned)
    url = f"https://x.de/{url_day:%Y/%m/%d}/a" if url_day else ""
    kw = dict(text=text, header=(header, "day") if header else None, url=url)
    found = resolve_date(today=first, **kw)
    later = date.fromordinal(first.toordinal() + step)
    if found.future is None or later < found.future:
        assert resolve_date(today=later, **kw) == found


# --- never raise -----------------------------------------------------------------------------
def _is_real(found: tuple) -> bool:
    d, precision = found
    if d is None:
        return precision == "none"
    return isinstance(d, date) and 1000 <= d.year <= 2999 and precision in {"day", "month"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parsers_never_raise_on_arbitrary_text(s):
    assert _is_real(parse_date(s))
    assert _is_real(date_from_url(s))
    found = dates_in_text(s)
    assert all(d is not None and _is_real((d, p)) for d, p in found)


_DATEISH = st.text(alphabet="0123456789.-/ ,:()TZ+aAbceEgiklmMnoOprsStuyzäÄ", max_size=60)


@settings(max_examples=200, deadline=None)
@given(_DATEISH)
def test_parsers_never_raise_on_date_like_text(s):
    assert _is_real(parse_date(s))
    assert _is_real(date_from_url("https://x.de/" + s))
    assert all(_is_real(x) for x in dates_in_text(s))
    f = resolve_date(text=s, today=TODAY, metadata=s, url="https://x.de/" + s)
    assert f.precision in {"day", "month", "none"} and (f.date is None) == (f.precision == "none")


# --- date lines of a page and the text dating itself --------------------------------------------------
from tonlage.reading.dates import PageDate, deictic_dates, find_dateline  # noqa: E402


@pytest.mark.parametrize(
    "line,expected",
    [
        ("11.03.2025, 09:42 Uhr", (date(2025, 3, 11), "plain", "", "")),
        ("Hamburg, Dienstag, 11. März 2025", (date(2025, 3, 11), "plain", "", "")),
        ("Veröffentlicht: 17.04.2025,", (date(2025, 4, 17), "published", "", "")),
        ("Letzte Aktualisierung: 03.06.2025", (date(2025, 6, 3), "updated", "", "")),
        ("Stand: 08.09.2025, 18:10 Uhr", (date(2025, 9, 8), "updated", "", "")),
        ("Ausgabe vom 12.03.2025 Seite 7", (date(2025, 3, 12), "print", "", "Seite 7")),
        ("Publish date : 2025-02-19 10:05:00", (date(2025, 2, 19), "published", "", "")),
        ("Erika Muster 12.05.2025 - 16:05 Uhr", (date(2025, 5, 12), "plain", "Erika Muster", "")),
        ("Dienstag, März 4, 2025", (date(2025, 3, 4), "plain", "", "")),
    ],
)
def test_date_lines(line, expected):
    found = find_dateline(line)
    assert (found.date, found.role, found.before, found.after) == expected


def test_a_date_glued_to_the_body():
    found = find_dateline("18.02.2025 - 09:03:41Der Markt bleibt angespannt.")
    assert found.glued and found.after == "Der Markt bleibt angespannt."


def test_text_dating_itself():
    text = (
        "Heute (14.08.) beginnt das Fest. Es ist das größte des Jahres 2025 in der Stadt.\n"
        "Am gestrigen 9. März 2025 fiel die Entscheidung.\n"
        "Schon gestern Mittag (17.03.) war es klar."
    )  # no year in that paragraph: nothing
    assert deictic_dates(text) == [date(2025, 8, 14), date(2025, 3, 10)]


def test_page_dates_rank_published_over_url_over_updated():
    pub, upd = PageDate(date(2025, 4, 17), "day", "published"), PageDate(date(2025, 6, 3), "day", "updated")
    f = resolve_date(text="", today=TODAY, page_dates=[upd, pub], url="https://x.org/2025/04/01/a")
    assert (f.date, f.source) == (date(2025, 4, 17), "dateline")
    g = resolve_date(text="", today=TODAY, page_dates=[upd])
    assert (g.date, g.source) == (date(2025, 6, 3), "dateline")


def test_a_finer_agreeing_date_refines_a_month_but_not_a_different_one():
    same = resolve_date(
        text="",
        today=TODAY,
        header=(date(2025, 8, 1), "month"),
        page_dates=[PageDate(date(2025, 8, 6), "day", "updated")],
    )
    assert (same.date, same.precision, same.source) == (date(2025, 8, 6), "day", "dateline")
    other = resolve_date(
        text="",
        today=TODAY,
        header=(date(2025, 7, 1), "month"),
        page_dates=[PageDate(date(2025, 8, 6), "day", "updated")],
    )
    assert (other.date, other.precision, other.source) == (date(2025, 7, 1), "month", "header")


def test_future_page_dates_are_not_used():
    f = resolve_date(text="", today=TODAY, page_dates=[PageDate(date(2031, 1, 1), "day", "published")])
    assert f.date is None and "in the future" in f.note
