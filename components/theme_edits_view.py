"""The reader's own themes: rename, merge, hide and show again, undo one change or all (Themes page).

The edits are kept with the corpus (:class:`tonlage.themes.edits.ThemeEditBook`: a workspace's
file, or the per-user data folder for a folder corpus). A change bumps the book's revision,
which is part of the corpus key (:func:`components.cached.corpus_key`), so every cached table,
chart, finding, export and the meeting pack are rebuilt from the edited themes on the next run;
nothing is analysed again. The changes are made in callbacks, which run before the sidebar
computes the key: the run that follows a click already shows them.

Labels typed by readers are untrusted text: they reach the page only as parameters of ``t()``
(escaped), as widget option labels (plain text) or in a table.
"""

from __future__ import annotations

import hashlib
import json
import logging

import pandas as pd
import streamlit as st

from components import cached, pins, state
from components.i18n import msg, t, t_plain, tn
from components.ui import page_tabs
from tonlage.i18n import message, message_of
from tonlage.model import AnalysedCorpus
from tonlage.present.types import View
from tonlage.storage.workspace import WorkspaceError
from tonlage.themes.edits import MAX_LABEL, EditNote, ThemeEditBook, ThemeEditError, changes, edit_scope

__all__ = ["render_theme_edits", "merged_ids", "FEEDBACK"]

log = logging.getLogger(__name__)

FEEDBACK = "theme_edit_feedback"  # (kind, message) left by a callback for the run that follows
RENAME_PICK, RENAME_TEXT = "theme_rename_pick", "theme_rename_text"
# The open form's tab (components.ui.page_tabs: a language switch keeps it open).
EDIT_TABS = "theme_edit_tabs"
MERGE_PICK = "theme_merge_pick"
HIDE_PICK, SHOW_PICK = "theme_hide_pick", "theme_show_pick"


def merged_ids(corpus: AnalysedCorpus) -> set[int]:
    """Ids of the themes that stand for a merge the reader made (each group's smallest id)."""
    return {int(group[0]) for group in (corpus.params.get("theme_edits") or {}).get("merged", []) if group}


def _theme_name(n: int, label: str) -> str:
    return t_plain("Theme {n}: {label}", n=n + 1, label=label)


def _clear_theme_filters() -> None:
    # The sidebar's theme filter names theme ids; after a merge or a hide some are gone.
    for k in [k for k in st.session_state if state.is_theme_filter_key(k)]:
        del st.session_state[k]


def _do(change, done, *, filters: bool = True) -> None:
    """Make one change (a callable) and leave what happened for the next run."""
    try:
        change()
    except (ThemeEditError, WorkspaceError) as exc:
        st.session_state[FEEDBACK] = ("error", message_of(exc))
        return
    except OSError as exc:  # a full disk, a folder without write access
        log.exception("theme edit could not be saved")
        st.session_state[FEEDBACK] = (
            "error",
            message("Your change could not be saved: {reason}", reason=exc.strerror or str(exc)),
        )
        return
    if filters:
        _clear_theme_filters()
    else:  # a renamed theme keeps its place in the sidebar's filter, under its new name
        state.keep_choices()
    st.session_state[FEEDBACK] = ("done", done)


def _rename(book: ThemeEditBook, themes: pd.DataFrame, scope: str) -> None:
    tid, text = st.session_state.get(RENAME_PICK), str(st.session_state.get(RENAME_TEXT) or "")
    if tid is None:
        return
    done = (
        message("Theme {n} is now called “{label}”.", n=int(tid) + 1, label=" ".join(text.split()))
        if text.strip()
        else message("Theme {n} has its automatic name again.", n=int(tid) + 1)
    )
    _do(lambda: book.rename(themes, int(tid), text, scope), done, filters=False)


def _merge(book: ThemeEditBook, themes: pd.DataFrame, scope: str) -> None:
    ids = [int(i) for i in st.session_state.get(MERGE_PICK) or []]
    done = message("Themes {numbers} are now one theme.", numbers=", ".join(str(i + 1) for i in sorted(ids)))
    _do(lambda: book.merge(themes, ids, scope), done)


def _hide(book: ThemeEditBook, themes: pd.DataFrame, scope: str, hidden: bool) -> None:
    tid = st.session_state.get(HIDE_PICK if hidden else SHOW_PICK)
    if tid is None:
        return
    done = (
        message("Theme {n} is hidden.", n=int(tid) + 1)
        if hidden
        else message("Theme {n} is shown again.", n=int(tid) + 1)
    )
    _do(lambda: book.hide(themes, int(tid), scope, hidden=hidden), done)


def _undo(book: ThemeEditBook, change: dict, scope: str) -> None:
    _do(lambda: book.undo(change, scope), message("One change undone."))


def _reset(book: ThemeEditBook, scope: str) -> None:
    _do(lambda: book.reset(scope), message("All your changes to the themes are undone."))


def _describe(change: dict) -> str:
    """One change in the reader's language (the names in it escaped by ``t()``)."""
    labels = change["labels"]
    if change["kind"] == "merge":
        quoted = [t_plain("“{label}”", label=x) for x in labels]
        return t("Merged into one theme: {labels}", labels=" + ".join(quoted))
    if change["kind"] == "rename":
        return t("Renamed: “{was}” is now called “{now}”", was=labels[0], now=change["value"])
    return t("Hidden: “{label}”", label=labels[0])


def _change_id(change: dict) -> str:
    text = json.dumps([change["kind"], change["group"], change["signatures"]], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def render_theme_edits(view: View) -> None:
    """The "Change the themes" section: three forms and the list of changes in force."""
    key = view.corpus_key
    analysis = cached.get_analysis(key)  # the theme ids the edits are made on
    corpus = cached.get_corpus(key)
    if analysis.themes.empty:
        return
    scope = edit_scope(analysis.params.get("n_themes_requested"))
    book = cached.reader_edits(key).themes
    applied = corpus.params.get("theme_edits") or {}
    shown = dict(zip(corpus.themes["theme_id"].astype(int), corpus.themes["label"].astype(str)))
    renamed = {int(k): v for k, v in (applied.get("renamed") or {}).items()}
    auto = dict(zip(analysis.themes["theme_id"].astype(int), analysis.themes["label"].astype(str)))
    hidden = {int(i): renamed.get(int(i), auto.get(int(i), "")) for i in applied.get("hidden", [])}

    st.subheader(t("Change the themes"), anchor=False)
    st.caption(
        t(
            "The themes and their names come from a program. Give a theme a clearer name, merge themes that are one subject for you, or hide a theme that is noise (its articles then count for their other themes). Your changes are kept with this corpus and used on every page, in the findings, the downloads and the meeting pack; nothing is analysed again, and you can undo each change."
        )
    )
    feedback = st.session_state.pop(FEEDBACK, None)
    if feedback:
        kind, text = feedback
        (st.error if kind == "error" else st.success)(msg(text))

    options = list(shown)
    forms = page_tabs({"rename": t("Rename"), "merge": t("Merge"), "hide": t("Hide or show")}, key=EDIT_TABS)
    rename_tab, merge_tab, hide_tab = forms["rename"], forms["merge"], forms["hide"]
    with rename_tab, st.form("theme_rename_form", clear_on_submit=True, border=False):
        st.selectbox(
            t("Theme"), options, key=RENAME_PICK, format_func=lambda i: _theme_name(i, shown.get(i, auto.get(i, "")))
        )
        st.text_input(
            t("New name"),
            key=RENAME_TEXT,
            max_chars=MAX_LABEL,
            help=t("Leave it empty to go back to the automatic name (its strongest words)."),
        )
        st.form_submit_button(
            t("Rename"), type="primary", on_click=_rename, args=(book, analysis.themes, scope), key="theme_rename_apply"
        )
    with merge_tab, st.form("theme_merge_form", clear_on_submit=True, border=False):
        st.multiselect(
            t("Themes that are one subject"),
            options,
            key=MERGE_PICK,
            format_func=lambda i: _theme_name(i, shown.get(i, "")),
            placeholder=t("Choose two or more themes"),
            select_all=False,  # every theme merged into one is no edit a reader means
            help=t(
                "The merged theme keeps the smallest number; its share of each article is the sum of the merged themes' shares."
            ),
        )
        st.form_submit_button(
            t("Merge"), type="primary", on_click=_merge, args=(book, analysis.themes, scope), key="theme_merge_apply"
        )
    with hide_tab:
        with st.form("theme_hide_form", clear_on_submit=True, border=False):
            st.selectbox(t("Theme to hide"), options, key=HIDE_PICK, format_func=lambda i: _theme_name(i, shown[i]))
            st.form_submit_button(
                t("Hide"),
                on_click=_hide,
                args=(book, analysis.themes, scope, True),
                key="theme_hide_apply",
                disabled=len(options) < 2,  # with no theme left, the pages would say none was found
                help=t("At least one theme stays visible.") if len(options) < 2 else None,
            )
        if hidden:
            with st.form("theme_show_form", clear_on_submit=True, border=False):
                st.selectbox(
                    t("Hidden theme to show again"),
                    list(hidden),
                    key=SHOW_PICK,
                    format_func=lambda i: _theme_name(i, hidden[i]),
                )
                st.form_submit_button(
                    t("Show again"), on_click=_hide, args=(book, analysis.themes, scope, False), key="theme_show_apply"
                )

    made = changes(book.records(scope))
    notes = [EditNote(n["code"], n.get("params", {})) for n in corpus.params.get("theme_edit_notes", [])]
    if not made and not notes:
        return
    st.markdown("**" + t("Your changes in force") + "**")
    for note in notes:
        st.warning(msg(note.message()), icon=":material/info:")
    for change in made:
        # The description takes what the button leaves (a column's fixed share cut "Rückgängig"
        # off in a narrow window).
        row = st.container(horizontal=True, wrap=False, vertical_alignment="center")
        row.container().markdown(_describe(change))
        row.button(
            t("Undo"),
            key=f"theme_undo_{_change_id(change)}",
            on_click=_undo,
            args=(book, change, scope),
            icon=":material/undo:",
        )
    if made:
        with st.popover(t("Undo all changes"), icon=":material/restart_alt:"):
            st.markdown(
                tn(
                    "This undoes your one change to the themes: they are again as the program found them.",
                    "This undoes all {n} changes to the themes: they are again as the program found them.",
                    len(made),
                )
            )
            st.button(t("Yes, undo all"), key="theme_reset", type="primary", on_click=_reset, args=(book, scope))
    if pins.charts():
        st.caption(
            t(
                "Charts you pinned for the meeting pack before a change keep the theme names they had; pin them again to show the new ones."
            )
        )
