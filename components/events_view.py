"""Events on the time axes: the reader adds, edits and removes them (Corpus page).

They are kept with the corpus (:class:`tonlage.events.EventBook`): in a workspace's file, or
for a folder corpus in the reader's data folder, never in the folder itself.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cached
from components.i18n import date_column, msg, shown_table, t, tn, tr
from tonlage.i18n import message_of
from tonlage.present.types import CorpusKey

__all__ = ["render_events", "event_changes", "with_labels"]

_FIELDS = ("date", "label", "description", "label_de", "description_de")


def _clean(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def with_labels(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the German label as the label of every row that has only a German one: a
    German reader may name an event in German alone (the label names it on English pages)."""
    if table.empty or "label" not in table or "label_de" not in table:
        return table
    label = table["label"].map(_clean).str.strip()
    german = table["label_de"].map(_clean).str.strip()
    only_german = (label == "") & (german != "")
    if not only_german.any():
        return table
    return table.assign(label=table["label"].where(~only_german, german))


def event_changes(before: pd.DataFrame, after: pd.DataFrame) -> tuple[list[dict], list[tuple[str, dict]], list[str]]:
    """What the reader did in the table: rows added, rows edited (id, changed fields) and ids
    removed. Rows without an id are new; rows left entirely empty are ignored."""
    old = {r["event_id"]: r for r in before.to_dict("records")}
    added, edited, seen = [], [], set()
    for r in after.to_dict("records"):
        eid = _clean(r.get("event_id"))
        if not eid:
            if any(_clean(r.get(c)).strip() for c in _FIELDS):
                added.append({c: r.get(c) for c in _FIELDS})
            continue
        seen.add(eid)
        prev = old.get(eid)
        if prev is None:
            continue
        changes = {}
        for c in _FIELDS:
            a, b = prev.get(c), r.get(c)
            if c == "date":
                a = None if a is None or pd.isna(a) else pd.Timestamp(a).date()
                b = None if b is None or (not isinstance(b, str) and pd.isna(b)) else pd.Timestamp(b).date()
            else:
                a, b = _clean(a), _clean(b)
            if a != b:
                changes[c] = r.get(c)
        if changes:
            edited.append((eid, changes))
    removed = [eid for eid in old if eid not in seen]
    return added, edited, removed


def _event_columns(german: bool) -> dict:
    """The editor's columns. On German pages the German texts come first, with the plain names,
    and the English ones (the label is required: it names the event on English pages) say so;
    a German reader first saw "Trump–Putin call" under "Bezeichnung" and the German names at
    the far right, cut off by the table's edge."""
    label, description = (
        (t("Label (English)"), t("Description (English)")) if german else (t("Label"), t("Description"))
    )
    label_de, description_de = (
        (t("Label"), t("Description")) if german else (t("Label (German)"), t("Description (German)"))
    )
    return {
        "event_id": None,
        "date": date_column(t("Date"), required=True),  # written as the reader's language writes a day
        # The label of the reader's language is the one the editor asks for (:func:`with_labels`).
        "label": st.column_config.TextColumn(label, required=not german, max_chars=80),
        "description": st.column_config.TextColumn(description, max_chars=300),
        "label_de": st.column_config.TextColumn(label_de, required=german, max_chars=80),
        "description_de": st.column_config.TextColumn(description_de, max_chars=300),
    }


def _event_column_order(german: bool) -> tuple[str, ...]:
    """The fields in the order the reader's language reads them (see :func:`_event_columns`)."""
    return ("date", "label_de", "description_de", "label", "description") if german else _FIELDS


def render_events(key: CorpusKey) -> None:
    from tonlage.events import EventError
    from tonlage.storage.workspace import WorkspaceError

    st.subheader(t("Events on the time axes"), anchor=False)
    german = tr().lang == "de"
    st.caption(
        t(
            "Every chart over time marks these events with a dashed line, and the Compare page can compare before and after each. Add a row at the bottom of the table, change a cell, or select rows and delete them; then save."
        )
        + " "
        + (
            t(
                "English label and description are optional (shown on English pages; without an English label, the German one names the event there)."
            )
            if german
            else t("German label and description are optional (shown on German pages).")
        )
    )
    book = cached.event_book(key)
    if book.problem:
        st.warning(msg(book.problem))
    table = book.table()
    # Shown formula-safe: the editor's own CSV download must not carry "=HYPERLINK(…)" cells.
    # An untouched cell compares equal to what was shown, so nothing is saved back for it.
    shown = shown_table(table.assign(date=table["date"].dt.date))
    editor_key = f"events_editor_{book.revision()}"  # a saved change starts a fresh editor
    edited = st.data_editor(
        shown,
        key=editor_key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=_event_columns(german),
        column_order=_event_column_order(german),
    )
    added, changed, removed = event_changes(shown, with_labels(edited))
    n = len(added) + len(changed) + len(removed)
    c1, c2 = st.columns([1, 2])
    if c1.button(
        tn("Save {n} change", "Save {n} changes", n),
        key="events_save",
        type="primary",
        disabled=n == 0,
        icon=":material/save:",
    ):
        problems = []
        for eid in removed:
            try:
                book.remove(eid)
            except (EventError, WorkspaceError) as exc:  # removed meanwhile in another session
                problems.append(message_of(exc))
        for eid, changes in changed:
            try:
                book.edit(eid, **changes)
            except (EventError, WorkspaceError) as exc:
                problems.append(message_of(exc))
        for row in added:
            try:
                book.add(**{k: _clean(v) if k != "date" else v for k, v in row.items()})
            except (EventError, WorkspaceError) as exc:
                problems.append(message_of(exc))
        for p in problems:
            st.error(msg(p))
        if not problems:
            st.toast(
                tn("{n} change to the events saved.", "{n} changes to the events saved.", n), icon=":material/event:"
            )
            st.rerun()
    if book.customised and book.workspace is None:
        c2.button(
            t("Back to the corpus's own events"),
            key="events_reset",
            icon=":material/restart_alt:",
            on_click=book.reset,
            help=t("Forgets your changes and shows the events that came with the corpus again."),
        )
