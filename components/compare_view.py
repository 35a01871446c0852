"""The Compare page's parts: choosing the two periods, the summary, and example sentences."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import cached
from components.i18n import t
from components.safe import escape_text
from tonlage.compare import Comparison, Window, event_windows

__all__ = ["pick_windows", "render_summary", "render_examples", "change_table", "WHOLE"]

WHOLE = 0  # window length "everything before / after the event"
_DAYS = (WHOLE, 30, 60, 90, 180)


def pick_windows(key: tuple, lang: str, dates: pd.Series | None = None) -> tuple[Window, Window] | None:
    """Before/after an event (when the corpus has events) or two date ranges; None when the
    articles in view have no dates."""
    opts = cached.options(key)
    lo, hi = opts["min_date"], opts["max_date"]
    if lo is None:
        return None
    events = cached.events(key, lang)
    modes = (["event"] if len(events) else []) + ["ranges"]
    mode = st.radio(t("compare_mode"), modes, key="compare_mode", horizontal=True,
                    format_func=lambda m, labels={"event": t("compare_mode_event"),
                                                  "ranges": t("compare_mode_ranges")}: labels[m])
    if mode == "event":
        labels = [f"{r.label} ({r.date.date().isoformat()})" for r in events.itertuples(index=False)]
        c1, c2 = st.columns([2, 1])
        i = c1.selectbox(t("compare_event"), range(len(labels)), key="compare_event",
                         index=_default_event(events, dates), format_func=lambda j, labels=labels: labels[j])
        days = c2.selectbox(t("compare_days"), _DAYS, key="compare_days",
                            format_func=lambda d, whole=t("compare_days_whole"): whole if d == WHOLE else
                            t("compare_days_n", n=d))
        ev = events.iloc[i]
        day, label = ev["date"].date(), str(ev["label"])
        if days == WHOLE:
            return (Window(min(lo, day - dt.timedelta(days=1)), day - dt.timedelta(days=1), t("compare_before", event=label)),
                    Window(day, max(hi, day), t("compare_after", event=label)))
        a, b = event_windows(day, days)
        return (Window(a.start, a.end, t("compare_before", event=label)), Window(b.start, b.end, t("compare_after", event=label)))
    mid = lo + (hi - lo) / 2
    c1, c2 = st.columns(2)
    ra = _range(c1, t("compare_period_a"), (lo, mid), lo, hi, "compare_range_a", lang)
    rb = _range(c2, t("compare_period_b"), (mid + dt.timedelta(days=1), hi), lo, hi, "compare_range_b", lang)
    return (Window(ra[0], ra[1], t("compare_label_a", start=ra[0].isoformat(), end=ra[1].isoformat())),
            Window(rb[0], rb[1], t("compare_label_b", start=rb[0].isoformat(), end=rb[1].isoformat())))


def _default_event(events: pd.DataFrame, dates: pd.Series | None) -> int:
    """The event that splits the dated articles in view most evenly (a first comparison with
    something on both sides)."""
    if dates is None or not len(events):
        return 0
    dated = dates.dropna()
    gaps = [abs(int((dated < d).sum()) - int((dated >= d).sum())) for d in events["date"]]
    return int(min(range(len(gaps)), key=gaps.__getitem__))


def _range(col, label: str, default, lo, hi, key: str, lang: str) -> tuple[dt.date, dt.date]:
    picked = col.date_input(label, value=default, min_value=lo, max_value=hi, key=key,
                            format="DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD")
    picked = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
    start = picked[0] if picked and isinstance(picked[0], dt.date) else default[0]
    end = picked[1] if len(picked) > 1 and isinstance(picked[1], dt.date) else start
    return start, end


def render_summary(c: Comparison) -> None:
    for w in c.warnings:
        st.warning(escape_text(w))
    cols = st.columns(3)
    for col, side, i in ((cols[0], c.a, 0), (cols[1], c.b, 1)):
        col.metric(escape_text(side.label), "–" if pd.isna(c.tone[i]) else f"{c.tone[i]:+.2f}",
                   help=t("compare_side_help", articles=c.n_articles[i], sentences=c.n_sentences[i]))
        col.caption(t("compare_side_counts", articles=c.n_articles[i], sentences=c.n_sentences[i]))
    if not pd.isna(c.shift):
        cols[2].metric(t("compare_shift"), f"{c.shift:+.2f}",
                       help=t("compare_shift_help", low=f"{c.shift_low:+.2f}", high=f"{c.shift_high:+.2f}"))
        cols[2].caption(t("compare_interval", low=f"{c.shift_low:+.2f}", high=f"{c.shift_high:+.2f}"))


def change_table(table: pd.DataFrame, name_col: str) -> pd.DataFrame:
    if table.empty:
        return table
    return table.assign(share_a=(table["share_a"] * 100).round(1), share_b=(table["share_b"] * 100).round(1),
                        change=(table["change"] * 100).round(1))[[name_col, "share_a", "share_b", "change"]].rename(
        columns={name_col: t("col_name"), "share_a": t("col_share_a"), "share_b": t("col_share_b"),
                 "change": t("col_change_pp")})


def render_examples(c: Comparison) -> None:
    st.subheader(t("compare_examples"), anchor=False)
    st.caption(t("compare_examples_help"))
    cols = st.columns(2)
    for col, side, name in ((cols[0], c.a, "a"), (cols[1], c.b, "b")):
        with col:
            st.markdown(f"**{escape_text(side.label)}**")
            ex = c.examples.get(name)
            if ex is None or ex.empty:
                st.caption(t("reader_none"))
                continue
            for r in ex.itertuples(index=False):
                st.markdown(f"> {escape_text(r.text)}")
                st.caption(escape_text(f"{r.title} ({r.date_label}) · {t('col_tone')} {r.tone:+.2f}"))
