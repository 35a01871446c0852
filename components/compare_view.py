"""The Compare page's parts: choosing the two sides (periods or outlets), the summary, and
example sentences."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import cached, pins, share, state
from components.article_view import copies_note
from components.i18n import local_label, msg, t, t_plain, tn, tr
from components.ui import note_with_link, open_sources
from tonlage.compare import Comparison, Window, event_windows
from tonlage.i18n import day_format
from tonlage.present import pack
from tonlage.present.compare_words import words_of
from tonlage.present.safe import escape_text
from tonlage.present.types import CorpusKey
from tonlage.thresholds import MIN_POINT_ARTICLES

__all__ = [
    "pick_windows",
    "render_summary",
    "render_examples",
    "compare_sources_button",
    "WHOLE",
    "DECK_TITLE",
]

WHOLE = 0  # window length "everything before / after the event"
DECK_TITLE = "compare_deck_title"  # a title for a deck made from the comparison shown
_DAYS = (WHOLE, 30, 60, 90, 180)
_EVENT_SHOWN = "compare_event_shown"  # the last run's events ((day, label) each) and the one compared
#: Outlets named in a side's label; more are counted ("taz, FAZ, Welt and 4 more").
NAMED_SOURCES = 3


def _day(raw: str) -> dt.date:
    return dt.date.fromisoformat(raw)


def _span(raw: str) -> tuple[dt.date, dt.date]:
    a, b = raw.split("_", 1)
    return _day(a), _day(b)


def pick_windows(
    key: CorpusKey, lang: str, dates: pd.Series | None = None, in_view: list[str] | None = None
) -> tuple[Window, Window] | None:
    """Before/after an event (when the corpus has events), two date ranges, or two outlets (when
    the articles name two or more; ``in_view``: the outlets in view, most articles first, for
    the first choice); None when the articles in view have no dates, or no outlet is picked.
    A shared link's choices are restored on the first run, and every run writes the choices
    back into the URL."""
    opts = cached.options(key)
    lo, hi = opts["min_date"], opts["max_date"]
    if lo is None:
        # No article has a date: no periods to compare, but two outlets' wording still can be
        # (the page's opening text says so).
        return None if len(opts["sources"]) < 2 else _pick_sources(opts["sources"], in_view or [], (None, None))
    events = cached.events(key, lang)
    modes = (["event"] if len(events) else []) + ["ranges"] + (["sources"] if len(opts["sources"]) > 1 else [])
    linked = share.linked_value(state.COMPARE_MODE, "cmode", lambda r: r if r in modes else None)
    if linked:
        st.session_state[state.COMPARE_MODE] = linked
    if st.session_state.get(state.COMPARE_MODE) not in (None, *modes):
        del st.session_state[state.COMPARE_MODE]  # kept from a corpus with events (state.KEEP)
    if len(modes) == 1:  # a choice of one is no choice: say why there is none, and where to add events
        mode = modes[0]
        note_with_link(
            t(
                "This corpus has no events, so you compare two date ranges. With events (a summit, an election) you can also compare the weeks before and after one."
            ),
            state.CORPUS_PAGE,
            t("Add events"),
            ":material/event:",
            query_params={state.SECTION_QP: "events"},
        )
    else:
        mode = st.radio(
            t("Compare by"),
            modes,
            key=state.COMPARE_MODE,
            horizontal=True,
            format_func=lambda m, labels={"event": t("Before and after an event"), "ranges": t("Two date ranges"), "sources": t("Two sources")}: (
                labels[m]
            ),
            persist_state=state.KEEP,
        )
    if mode == "event":
        days_of = [d.date() for d in events["date"]]
        labels = [f"{r.label} ({tr().day(r.date)})" for r in events.itertuples(index=False)]
        linked_event = share.linked_value(state.COMPARE_EVENT, "cevent", lambda r: days_of.index(_day(r)))
        if linked_event is not None:
            st.session_state[state.COMPARE_EVENT] = linked_event
        listed = tuple(zip((d.isoformat() for d in days_of), map(str, events["label"])))  # (day, label) each
        _same_event(listed)
        if st.session_state.get(state.COMPARE_EVENT) not in (None, *range(len(labels))):
            del st.session_state[state.COMPARE_EVENT]  # the events were edited meanwhile
        linked_days = share.linked_value(state.COMPARE_DAYS, "cdays", lambda r: _DAYS[_DAYS.index(int(r))])
        if linked_days is not None:
            st.session_state[state.COMPARE_DAYS] = linked_days
        c1, c2 = st.columns([2, 1])
        start = {} if state.COMPARE_EVENT in st.session_state else {"index": _default_event(events, dates)}
        i = c1.selectbox(
            t("Event"),
            range(len(labels)),
            key=state.COMPARE_EVENT,
            format_func=lambda j, labels=labels: labels[j],
            persist_state=state.KEEP,
            **start,
        )
        days = c2.selectbox(
            t("Window"),
            _DAYS,
            key=state.COMPARE_DAYS,
            format_func=lambda d, whole=t("everything before / after"): (
                whole if d == WHOLE else t("{n} days each side", n=d)
            ),
            persist_state=state.KEEP,
        )
        ev = events.iloc[i]
        day, label = ev["date"].date(), str(ev["label"])
        st.session_state[_EVENT_SHOWN] = (listed, i)  # the one compared: its place in the list may change
        share.publish_page(
            {
                "cmode": "event",
                "cevent": day.isoformat(),
                "cdays": str(days),
                "ca": None,
                "cb": None,
                "csa": None,
                "csb": None,
            }
        )
        st.session_state[DECK_TITLE] = t_plain("Before and after: {event}", event=label)
        if days == WHOLE:
            return (
                Window(
                    min(lo, day - dt.timedelta(days=1)),
                    day - dt.timedelta(days=1),
                    t_plain("before {event}", event=label),
                ),
                Window(day, max(hi, day), t_plain("after {event}", event=label)),
            )
        a, b = event_windows(day, days)
        return (
            Window(a.start, a.end, t_plain("before {event}", event=label)),
            Window(b.start, b.end, t_plain("after {event}", event=label)),
        )
    if mode == "sources":
        return _pick_sources(opts["sources"], in_view or [], (lo, hi))
    if hi <= lo:  # the second period would start after the last day (a crash, once)
        st.info(
            t(
                "Every dated article is from one day, {day}: there are no two date ranges to compare.",
                day=tr().day(lo),
            )
        )
        return None
    mid = lo + (hi - lo) / 2
    for wkey, qp in zip(state.COMPARE_RANGES, ("ca", "cb")):
        span = share.linked_value(wkey, qp, _span)
        if span and lo <= span[0] <= span[1] <= hi:
            st.session_state[wkey] = span
        share.follow_whole_span(wkey, lo, hi)  # articles dated or added since: to the newest
        share.drop_dates_outside(wkey, lo, hi)  # from a visit before (state.KEEP), another corpus's
    c1, c2 = st.columns(2)
    key_a, key_b = state.COMPARE_RANGES
    ra = _range(c1, t("First period"), (lo, mid), lo, hi, key_a, lang)
    rb = _range(c2, t("Second period"), (mid + dt.timedelta(days=1), hi), lo, hi, key_b, lang)
    st.session_state[DECK_TITLE] = t_plain("Two periods compared")
    share.publish_page(
        {
            "cmode": "ranges",
            "cevent": None,
            "cdays": None,
            "ca": f"{ra[0].isoformat()}_{ra[1].isoformat()}",
            "cb": f"{rb[0].isoformat()}_{rb[1].isoformat()}",
            "csa": None,
            "csb": None,
        }
    )
    # Named by their days as the reader writes them (the pickers above show 01.01.2024 in German).
    day = tr().day
    return (
        Window(ra[0], ra[1], t_plain("{start} – {end}", start=day(ra[0]), end=day(ra[1]))),
        Window(rb[0], rb[1], t_plain("{start} – {end}", start=day(rb[0]), end=day(rb[1]))),
    )


def _pick_sources(
    sources: list[str], in_view: list[str], days: tuple[dt.date, dt.date] | tuple[None, None]
) -> tuple[Window, Window] | None:
    """Two outlets, or groups of them, over the view's days (the sidebar's dates bound them;
    ``(None, None)`` where no article has a date): a list for each side, the two largest in
    view to start with. A side left empty is every other outlet (one paper against the rest of
    the press); both empty: None."""
    first = [s for s in in_view if s in sources][:2] or sources[:2]
    for wkey, qp in zip(state.COMPARE_SOURCES, ("csa", "csb")):
        share.restore_list(wkey, qp, sources)
        kept = st.session_state.get(wkey)
        if kept is not None and not set(kept) <= set(sources):  # another corpus's outlets
            st.session_state[wkey] = [s for s in kept if s in sources]
    c1, c2 = st.columns(2)
    key_a, key_b = state.COMPARE_SOURCES
    picked = []
    for col, wkey, label, start in (
        (c1, key_a, t("First side"), [first[0]]),
        (c2, key_b, t("Second side"), first[1:2]),
    ):
        value = {} if wkey in st.session_state else {"default": start}
        picked.append(
            col.multiselect(
                label,
                options=sources,
                key=wkey,
                placeholder=t("Every other source"),
                help=t(
                    "One outlet, or several read as one side. Left empty, the side is every outlet not on the other side."
                ),
                persist_state=state.KEEP,
                select_all=False,
                **value,
            )
        )
    share.publish_page(
        {"cmode": "sources", "cevent": None, "cdays": None, "ca": None, "cb": None, "csa": picked[0], "csb": picked[1]}
    )
    if not picked[0] and not picked[1]:
        st.info(t("Pick a source for at least one side."))
        return None
    sides = [tuple(p) or tuple(s for s in sources if s not in other) for p, other in zip(picked, picked[::-1])]
    labels = [_sources_label(p) if p else t_plain("every other source") for p in picked]
    st.session_state[DECK_TITLE] = t_plain("{a} and {b} compared", a=labels[0], b=labels[1])
    lo, hi = days
    return Window(lo, hi, labels[0], sides[0]), Window(lo, hi, labels[1], sides[1])


def compare_sources_button(by_source: pd.DataFrame) -> None:
    """Under the outlets' tone (the Tone page): the most negative and the most positive outlet
    of at least ``MIN_POINT_ARTICLES`` articles (the bars not hatched), one click away from their
    comparison on the Compare page: their themes, actors and sentences side by side."""
    solid = by_source[(by_source["n_articles"] >= MIN_POINT_ARTICLES) & by_source["tone"].notna()]
    if len(solid) < 2:
        return
    low, high = (str(solid.loc[i, "source"]) for i in (solid["tone"].idxmin(), solid["tone"].idxmax()))
    if low == high:
        return
    if st.button(
        t("Compare {low} with {high}", low=low, high=high),
        key="tone_compare_sources",
        icon=":material/compare_arrows:",
        help=t(
            "The most negative and the most positive source with at least {n} articles, side by side on the Compare page: the difference in tone with its interval, their themes, who they name and their sentences.",
            n=MIN_POINT_ARTICLES,
        ),
    ):
        open_sources([low], [high])


def _sources_label(names: list[str]) -> str:
    """A side's name: its outlets, the first few named and the rest counted."""
    if len(names) <= NAMED_SOURCES:
        return ", ".join(names)
    return t_plain("{names} and {n} more", names=", ".join(names[:NAMED_SOURCES]), n=len(names) - NAMED_SOURCES)


def _same_event(now: tuple[tuple[str, str], ...]) -> None:
    """The event compared stays the same one when the events (``now``: day and label of each)
    changed since the last run (the choice is kept by its place in the list, which moves when
    one is added on the page Your corpus): found again by its day and label, or by its day
    alone when the language changed the label; when it is gone, the choice is dropped (the
    page's default comes instead)."""
    shown = st.session_state.get(_EVENT_SHOWN)
    if not shown or st.session_state.get(state.COMPARE_EVENT) is None:
        return
    before, at = shown
    if before == now or not 0 <= at < len(before):
        return  # the same events: the choice is the reader's
    day, label = before[at]
    same_day = [j for j, (d, _) in enumerate(now) if d == day]
    same = [j for j in same_day if now[j][1] == label] or same_day
    if same:
        st.session_state[state.COMPARE_EVENT] = same[0]
    else:
        del st.session_state[state.COMPARE_EVENT]


def _default_event(events: pd.DataFrame, dates: pd.Series | None) -> int:
    """The event that splits the dated articles in view most evenly (a first comparison with
    something on both sides)."""
    if dates is None or not len(events):
        return 0
    dated = dates.dropna()
    gaps = [abs(int((dated < d).sum()) - int((dated >= d).sum())) for d in events["date"]]
    return int(min(range(len(gaps)), key=gaps.__getitem__))


def _range(col, label: str, default, lo, hi, key: str, lang: str) -> tuple[dt.date, dt.date]:
    value = {} if key in st.session_state else {"value": default}
    picked = col.date_input(
        label, min_value=lo, max_value=hi, key=key, format=day_format(lang).moment, persist_state=state.KEEP, **value
    )
    picked = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
    start = picked[0] if picked and isinstance(picked[0], dt.date) else default[0]
    end = picked[1] if len(picked) > 1 and isinstance(picked[1], dt.date) else start
    return start, end


def render_summary(c: Comparison) -> None:
    x = tr()
    words = words_of(c)
    for w in c.warnings:
        st.warning(msg(w))
    # Each figure as wide as its label (an event's name: "vor Rubio–Lawrow bei der UNO"), side by
    # side while they fit and on a second line when not: in thirds of the page such a label was
    # cut to "vor Rubio–Lawrow bei der U…".
    row = st.container(horizontal=True, gap="medium")
    boxes = [row.container(width="content") for _ in range(3)]
    # Written with as many decimals as make the change the difference of the two tones shown.
    shown = x.change(c.tone[0], c.tone[1])
    for col, side, i in ((boxes[0], c.a, 0), (boxes[1], c.b, 1)):
        col.metric(
            escape_text(side.label),
            shown[i],
            help=tn(
                "Mean tone of {sentences} sentences in {n} article.",
                "Mean tone of {sentences} sentences in {n} articles.",
                c.n_articles[i],
                sentences=c.n_sentences[i],
            ),
            width="content",
        )
        # "1 article", not "1 articles": a side of one outlet's single article is no rare case
        col.caption(
            f"{tn('{n} article', '{n} articles', c.n_articles[i])} · {tn('{n} sentence', '{n} sentences', c.n_sentences[i])}"
        )
    if pd.isna(c.shift):
        return
    if pd.isna(c.shift_low) or pd.isna(c.shift_high):
        # A period of one article: no interval (tonlage.intervals.shift_interval).
        help_text = t(words.metric_help_single)
        under = t(words.metric_single)
    else:
        low, high = x.interval(c.shift_low, c.shift_high)
        help_text = t(words.metric_help, low=low, high=high)
        under = t("95% interval: {low} … {high}", low=low, high=high)
    boxes[2].metric(t(words.metric), shown[2], help=help_text, width="content")
    boxes[2].caption(under)


def _pin_quote(key: CorpusKey, row: dict) -> None:
    a = cached.get_corpus(key).articles
    art = a[a["article_id"] == row["article_id"]].iloc[0]
    added = pins.add_quote(
        pack.quote_from_sentence(
            row,
            title=str(art["title"]),
            author=str(art["author"]),
            date_label=str(art["date_label"]),
            source=str(art.get("source", "")),
        )
    )
    st.toast(
        t("Quote added to the meeting pack.") if added else t("This quote is already in the meeting pack."),
        icon=":material/format_quote:",
    )


def render_examples(c: Comparison, examples: dict[str, pd.DataFrame], key: CorpusKey) -> None:
    """The example sentences of each side (``examples``: :func:`tonlage.compare.view_examples`
    of ``c``'s view and sides), each with its source line and a button that pins it as a quote (under the tab
    "Example sentences" of the Compare page, so without a heading of its own)."""
    st.caption(t(words_of(c).examples_caption))
    cols = st.columns(2)
    for col, side, name in ((cols[0], c.a, "a"), (cols[1], c.b, "b")):
        with col:
            st.markdown(f"**{escape_text(side.label)}**")
            ex = examples.get(name)
            if ex is None or ex.empty:
                st.caption(t("none found"))
                continue
            rows = ex.to_dict("records")
            for j, r in enumerate(rows):
                # Headed by side, as on the Tone page: "Tone +0.88" under the third sentence of
                # one list was the only sign that the list had turned from negative to positive.
                if j == 0 or (r["tone"] > 0) != (rows[j - 1]["tone"] > 0):
                    heading = t("Most positive") if r["tone"] > 0 else t("Most negative")
                    st.markdown(f"*{heading}*")
                st.markdown(f"> {escape_text(r['text'])}")
                # The button as wide as its label beside the source line (in a fifth of half the
                # page "Zitat ablegen" was cut even at 1,400 px); below it when there is no room.
                row = st.container(horizontal=True, gap="small", vertical_alignment="center")
                source = t_plain(
                    "{title} ({date}) · Tone {tone}",
                    title=r["title"],
                    date=local_label(str(r["date_label"])),
                    tone=tr().signed(r["tone"]),
                )
                if str(r.get("evidence") or ""):  # the words that moved the score, to check it by
                    source += " · " + t_plain("words that moved the score: {evidence}", evidence=r["evidence"])
                if int(r.get("copies") or 0):  # the same sentence in other articles, shown once
                    source += " · " + copies_note(int(r["copies"]))
                row.caption(escape_text(source), width="content")
                row.button(
                    t("Pin quote"),
                    key=f"compare_quote_{name}_{j}",
                    icon=":material/format_quote:",
                    on_click=_pin_quote,
                    args=(key, r),
                    help=t("Adds this sentence as a quote card to the meeting pack."),
                )
