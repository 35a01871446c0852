"""Share links: the URL carries the whole view, and opening it restores that view.

Query parameters (all optional; absent = the default):
``lang`` (en|de), ``corpus`` (a workspace name), ``k`` (number of themes), ``from``/``to``
(ISO dates), ``genre``, ``author``, ``theme`` (1-based, repeatable), ``actor`` (repeatable),
``once=0`` (count every copy of a story), ``tq=1`` (the themes' quality mode), ``article`` (the
article in the reader), plus the page in the path. Pages add their own choices (:data:`PAGE_QP`): the Compare page its periods
(``cmode=event|ranges|sources``, ``cevent`` = the event's day, ``cdays``, ``ca``/``cb`` =
``FROM_TO`` date ranges, ``csa``/``csb`` = the outlets of each side, repeatable), the Actors page the actors drawn over time (``pick``, repeatable), Your corpus
the part shown first (``section=events``: the events' editor), the Tone, Themes and Compare pages
the part open (``part=voices``, ``part=sources``, ``part=changes``; the first part when absent). A value that does not fit the corpus (an unknown author, a date outside the
range) is ignored rather than shown as an error: an old link still opens.

Each widget is restored once per browser session, on the first run that creates it; after
that the widgets lead and every run writes the view back into the URL.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import streamlit as st

__all__ = [
    "first_time",
    "restore_once",
    "restore_list",
    "drop_dates_outside",
    "restore_dates",
    "publish",
    "link",
    "QP",
    "PAGE_QP",
    "keep_page_params",
    "publish_page",
    "linked_value",
]

QP = {
    "lang": "lang",
    "themes_n": "k",
    "from": "from",
    "to": "to",
    "genre": "genre",
    "source": "source",
    "author": "author",
    "theme": "theme",
    "actor": "actor",
    "once": "once",
    "words": "words",
    "quality": "tq",
}
# Query parameters that belong to one page (its url path); other pages drop them.
PAGE_QP = {
    "compare": ("cmode", "cevent", "cdays", "ca", "cb", "csa", "csb", "part"),
    "actors": ("pick",),
    "articles": ("article",),
    "corpus": ("section",),  # state.SECTION_QP
    "tone": ("part",),  # state.PART_QP: the part (tab) open
    "themes": ("part",),
}


def keep_page_params(url_path: str) -> None:
    """Drop the query parameters of pages other than ``url_path`` (a link names one page), but
    not one this page has too (``part``)."""
    own = set(PAGE_QP.get(url_path, ()))
    for page, names in PAGE_QP.items():
        if page != url_path:
            for qp in names:
                if qp not in own and qp in st.query_params:
                    del st.query_params[qp]


def publish_page(values: dict[str, str | list[str] | None]) -> None:
    """Write a page's own choices into the URL (None or empty = leave the parameter out)."""
    for qp, value in values.items():
        if value in (None, "", []):
            if qp in st.query_params:
                del st.query_params[qp]
        elif st.query_params.get_all(qp) != (value if isinstance(value, list) else [value]):
            st.query_params[qp] = value


def linked_value(key: str, qp: str, convert):
    """The value of ``qp`` converted, on the first run that creates widget ``key`` (else None).
    A value that does not convert (a broken link) is None."""
    if not first_time(key):
        return None
    raw = st.query_params.get(qp)
    if raw is None:
        return None
    try:
        return convert(raw)
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def first_time(key: str) -> bool:
    """True on the first run that creates widget ``key`` in this session (then restore it)."""
    flag = f"_link_restored_{key}"
    if st.session_state.get(flag):
        return False
    st.session_state[flag] = True
    return True


def restore_once(key: str, qp: str, allowed) -> None:
    """Set widget ``key`` from query parameter ``qp`` on its first run, if the value is allowed."""
    if not first_time(key):
        return
    raw = st.query_params.get(qp)
    if raw is None:
        return
    for value in allowed:
        if str(value) == raw:
            st.session_state[key] = value
            return


def restore_list(key: str, qp: str, allowed, convert=str) -> None:
    """Set a multiselect ``key`` from a repeated query parameter (values not allowed are dropped)."""
    if not first_time(key):
        return
    raw = st.query_params.get_all(qp)
    if not raw:
        return
    allowed = list(allowed)
    picked = []
    for r in raw:
        try:
            v = convert(r)
        except ValueError:
            continue
        if v in allowed and v not in picked:
            picked.append(v)
    if picked:
        st.session_state[key] = picked


def restore_dates(key: str, lo: dt.date, hi: dt.date) -> None:
    """Set the date-range widget from ``from``/``to``, clamped to the corpus's dates."""
    if not first_time(key):
        return
    a, b = st.query_params.get(QP["from"]), st.query_params.get(QP["to"])
    if not a and not b:
        return
    try:
        start = dt.date.fromisoformat(a) if a else lo
        end = dt.date.fromisoformat(b) if b else hi
    except ValueError:
        return
    start, end = max(lo, min(start, hi)), min(hi, max(end, lo))
    if start <= end:
        st.session_state[key] = (start, end)


def follow_whole_span(key: str, lo: dt.date, hi: dt.date) -> None:
    """Move an end of the date range of widget ``key`` that sits on the first or last day of the
    span it was last shown against to the corpus's span now (``lo``..``hi``): articles added or
    dated since, or another corpus. A reader who never narrowed the range found the new days left
    out ("3 of 12 articles shown"); one who picked "from 2 September" keeps that start, and the
    range still runs to the newest article."""
    span_key = key + "_span"
    was, kept = st.session_state.get(span_key), st.session_state.get(key)
    st.session_state[span_key] = (lo, hi)
    if not was or not kept or len(kept) != 2 or tuple(was) == (lo, hi):
        return
    (old_lo, old_hi), (start, end) = was, kept
    moved = (lo if start == old_lo else start, hi if end == old_hi else end)
    if moved != tuple(kept):
        st.session_state[key] = moved


def drop_dates_outside(key: str, lo: dt.date, hi: dt.date) -> None:
    """Forget the date range of widget ``key`` when it is not within ``lo``..``hi`` (kept from
    another corpus, or an old link): the date picker refuses a value outside its bounds."""
    kept = st.session_state.get(key)
    if kept and not all(isinstance(d, dt.date) and lo <= d <= hi for d in kept):
        del st.session_state[key]


def publish(view, n_themes: int | None) -> None:
    """Write the current view into the URL (only what differs from the defaults)."""
    f = view.filters
    wanted: dict[str, str | list[str]] = {QP["lang"]: view.lang}
    if n_themes:
        wanted[QP["themes_n"]] = str(n_themes)
    if view.corpus_key.theme_encoder:
        wanted[QP["quality"]] = "1"
    if f.date_from:
        wanted[QP["from"]] = f.date_from
    if f.date_to:
        wanted[QP["to"]] = f.date_to
    for name, values in (("genre", f.genres), ("source", f.sources), ("author", f.authors), ("actor", f.actors)):
        if values:
            wanted[QP[name]] = list(values)
    if f.themes:
        wanted[QP["theme"]] = [str(i + 1) for i in f.themes]
    if not f.count_once:
        wanted[QP["once"]] = "0"
    if f.words:
        wanted[QP["words"]] = f.words
    for qp in QP.values():
        if qp not in wanted and qp in st.query_params:
            del st.query_params[qp]
    for qp, value in wanted.items():
        current = st.query_params.get_all(qp)
        if current != (value if isinstance(value, list) else [value]):
            st.query_params[qp] = value


def link() -> str:
    """The link to this exact view (the browser's URL with the current query parameters)."""
    base = st.context.url or ""
    pairs = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    return base + ("?" + urlencode(pairs) if pairs else "")
