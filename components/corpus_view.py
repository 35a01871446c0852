"""The Corpus page's parts: add files (upload or a folder), the ingest report, table columns,
editing articles, duplicates, and managing the workspace.

Everything goes through the engine (:mod:`tonlage.ingest`, :mod:`tonlage.workspace`); this
module only draws widgets and reports. File names and article text are shown through
``st.dataframe``/``st.data_editor``/escaped text, never as markup.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from components import cached, state
from components.i18n import format_int, current_language, t
from components.safe import escape_text, safe_table
from tonlage.export import csv_bytes
from tonlage.ingest import COLUMN_ROLES, IngestError, Limits
from tonlage.ingest.formats import SUPPORTED_SUFFIXES
from tonlage.ingest.run import (SKIPPED, WARNINGS, auto_workers, documents_from_uploads, folder_metadata,
                                documents_from_paths, ingest, reread_document)
from tonlage.workspace import Workspace, WorkspaceError, data_dir

__all__ = ["render_copy_folder", "render_add_files", "render_report", "render_tables", "render_editor", "render_duplicates",
           "render_manage", "show_workspace"]

_UPLOAD_TYPES = [s.lstrip(".") for s in SUPPORTED_SUFFIXES] + ["zip"]
_EDITOR_MAX_ROWS = 1000
_NONE = "—"


def show_workspace(name: str) -> None:
    """Show ``name`` in the whole app from the next run on ("" = the bundled corpus)."""
    st.session_state[state.NEXT_CORPUS] = name
    st.rerun()


def _status_label(status: str) -> str:
    return t({"loaded": "status_loaded", WARNINGS: "status_warnings", SKIPPED: "status_skipped"}[status])


def _run_ingest(name: str, items: list, metadata: dict | None = None, events: pd.DataFrame | None = None) -> None:
    """Ingest with a progress bar; the report is kept for the next run, which opens the workspace."""
    try:
        ws = Workspace(name)
    except WorkspaceError as exc:
        st.error(escape_text(str(exc)))
        return
    bar = st.progress(0.0, text=t("ingest_progress", done=0, total=len(items)))
    done = [0]

    def progress(_name: str) -> None:
        done[0] += 1
        bar.progress(done[0] / max(1, len(items)), text=t("ingest_progress", done=done[0], total=len(items)))

    report = ingest(ws, items, limits=Limits.from_env(), metadata=metadata, progress=progress,
                    workers=auto_workers(len(items)))
    if events is not None and len(events):
        from tonlage.events import EventBook

        EventBook.for_workspace(ws).replace_all(events)  # the copy keeps the example's event markers
    st.session_state[state.INGEST_REPORT] = (ws.name, [tuple(r.__dict__.values()) for r in report.rows])
    st.session_state[state.UPLOAD_ROUND] = st.session_state.get(state.UPLOAD_ROUND, 0) + 1
    show_workspace(ws.name)


def render_add_files(workspace: str) -> None:
    """Upload box and folder setting; both ingest into the named workspace (created if new)."""
    st.subheader(t("add_title"), anchor=False)
    name = st.text_input(t("add_workspace_name"), value=workspace or t("add_default_name"),
                         key=f"ws_name_{workspace}", help=t("add_workspace_help", folder=str(data_dir())))
    files = st.file_uploader(t("add_upload"), type=_UPLOAD_TYPES, accept_multiple_files=True,
                             key=f"upload_{st.session_state.get(state.UPLOAD_ROUND, 0)}", help=t("add_upload_help"))
    if st.button(t("add_button"), key="add_files", type="primary", disabled=not files, icon=":material/upload:"):
        limits = Limits.from_env()
        items = documents_from_uploads([(f.name, f.getvalue()) for f in files], limits)
        _run_ingest(name, items)
    with st.expander(t("add_folder_title")):
        st.caption(t("add_folder_help"))
        folder = st.text_input(t("add_folder_path"), key="ingest_folder", placeholder="/home/me/clippings")
        if st.button(t("add_folder_button"), key="add_folder", disabled=not folder.strip()):
            path = Path(folder.strip()).expanduser()
            if not path.exists():
                st.error(t("add_folder_missing", path=escape_text(str(path))))
            else:
                limits = Limits.from_env()
                _run_ingest(name, list(documents_from_paths([path], limits)), metadata=folder_metadata([path]))


def render_copy_folder() -> None:
    """The bundled (or configured) folder is read-only; a copy in a workspace can be edited."""
    st.info(t("corpus_bundled_note"))
    if st.button(t("copy_example"), key="copy_example", icon=":material/content_copy:"):
        folder = Path(cached.corpus_paths()[0])
        limits = Limits.from_env()
        view = st.session_state.get(state.VIEW)
        events = cached.event_book(view.corpus_key).table() if view is not None else None
        _run_ingest(t("copy_example_name"), list(documents_from_paths([folder], limits)),
                    metadata=folder_metadata([folder]), events=events)


def render_report(workspace: str) -> None:
    """The last ingest's report (every file and archive member), with a download."""
    kept = st.session_state.get(state.INGEST_REPORT)
    if not kept or kept[0] != workspace:
        return
    frame = pd.DataFrame(kept[1], columns=["file", "status", "reason", "articles"])
    n_files = len(frame)
    counts = frame["status"].value_counts()
    st.subheader(t("report_title"), anchor=False)
    st.markdown(t("report_summary", files=format_int(n_files, current_language()),
                  loaded=int(counts.get("loaded", 0)), warnings=int(counts.get(WARNINGS, 0)),
                  skipped=int(counts.get(SKIPPED, 0)), articles=int(frame["articles"].sum())))
    shown = frame.assign(status=frame["status"].map(_status_label))
    st.dataframe(safe_table(shown), hide_index=True, width="stretch", key="ingest_report_table",
                 column_config={"file": t("report_file"), "status": t("report_status"),
                                "reason": st.column_config.TextColumn(t("report_reason"), width="large"),
                                "articles": t("report_articles")})
    st.download_button(t("report_download"), data=csv_bytes(frame), file_name="tonlage-ingest-report.csv",
                       mime="text/csv", key="report_download", icon=":material/download:")


def render_tables(ws: Workspace) -> None:
    """For every table file: the column proposed for each role, which the reader can change."""
    tables = [d for d in ws.documents() if d.columns]
    if not tables:
        return
    st.subheader(t("tables_title"), anchor=False)
    st.caption(t("tables_help"))
    for doc in tables:
        with st.expander(t("tables_file", name=doc.name)):
            choice = {}
            cols = st.columns(len(COLUMN_ROLES))
            options = [_NONE] + list(doc.columns)
            for role, col in zip(COLUMN_ROLES, cols):
                current = (doc.mapping or {}).get(role, _NONE)
                choice[role] = col.selectbox(t(f"role_{role}"), options=options,
                                             index=options.index(current) if current in options else 0,
                                             key=f"map_{doc.doc_id}_{role}")
            if st.button(t("tables_reread"), key=f"reread_{doc.doc_id}"):
                mapping = {r: c for r, c in choice.items() if c != _NONE}
                try:
                    n = reread_document(ws, doc.doc_id, mapping, limits=Limits.from_env())
                except (IngestError, WorkspaceError) as exc:
                    st.error(escape_text(str(exc)))
                else:
                    st.toast(t("tables_done", n=n))
                    show_workspace(ws.name)


def render_editor(ws: Workspace) -> None:
    """Edit title, date, source and author, or take articles out; saved as the reader's edits."""
    st.subheader(t("edit_title"), anchor=False)
    table = cached.workspace_table(ws.name, ws.fingerprint())
    n_undated = int((table["date"] == "").sum())
    if n_undated:
        st.warning(t("edit_undated", n=n_undated))
    c1, c2 = st.columns([2, 1])
    query = c1.text_input(t("edit_search"), key="edit_search", placeholder=t("edit_search_placeholder"))
    only_undated = c2.toggle(t("edit_only_undated"), key="edit_only_undated", value=False)
    shown = table
    if only_undated:
        shown = shown[shown["date"] == ""]
    if query.strip():
        q = query.strip().lower()
        shown = shown[shown["title"].str.lower().str.contains(q, regex=False)
                      | shown["file"].str.lower().str.contains(q, regex=False)]
    if len(shown) > _EDITOR_MAX_ROWS:
        st.caption(t("edit_first_rows", n=_EDITOR_MAX_ROWS, total=len(shown)))
        shown = shown.head(_EDITOR_MAX_ROWS)
    shown = shown.reset_index(drop=True)
    with st.form("edit_form", border=False):
        edited = st.data_editor(
            shown, key=f"editor_{ws.fingerprint()}", hide_index=True, width="stretch",
            disabled=["article_id", "file"],
            column_order=["removed", "date", "title", "source", "author", "file", "article_id"],
            column_config={
                "removed": st.column_config.CheckboxColumn(t("edit_removed"), help=t("edit_removed_help")),
                "date": st.column_config.TextColumn(t("edit_date"), help=t("edit_date_help")),
                "title": st.column_config.TextColumn(t("edit_col_title"), width="large"),
                "source": t("edit_source"), "author": t("edit_author"),
                "file": t("report_file"), "article_id": "ID",
            })
        saved = st.form_submit_button(t("edit_save"), type="primary", icon=":material/save:")
    if saved:
        _save_edits(ws, shown, edited)


def _save_edits(ws: Workspace, before: pd.DataFrame, after: pd.DataFrame) -> None:
    problems, changed = [], 0
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows()):
        changes = {}
        for field in ("title", "date", "source", "author"):
            if str(new[field] or "").strip() != str(old[field] or "").strip():
                changes[field] = str(new[field] or "")
        if bool(new["removed"]) != bool(old["removed"]):
            changes["removed"] = "1" if new["removed"] else ""
        if not changes:
            continue
        try:
            ws.edit(str(old["article_id"]), **changes)
            changed += 1
        except WorkspaceError as exc:
            problems.append(f"{old['article_id']}: {exc}")
    for p in problems:
        st.error(escape_text(p))
    if changed and not problems:
        show_workspace(ws.name)
    elif changed:
        st.info(t("edit_partly_saved", n=changed))


def render_duplicates(key: tuple) -> None:
    """Groups of the same story (exact copies and lightly edited reprints)."""
    groups = cached.duplicate_groups(key)
    if groups.empty:
        return
    st.subheader(t("dups_title"), anchor=False)
    st.caption(t("dups_help", n=int((groups["role"] == "copy").sum())))
    shown = groups.drop(columns=["role"]).assign(kind=groups["kind"].map(lambda k: t(f"dup_kind_{k}")))
    st.dataframe(safe_table(shown), hide_index=True, width="stretch", key="dups_table",
                 column_config={"group": t("dups_group"), "title": t("edit_col_title"),
                                "date_label": t("edit_date"), "source": t("edit_source"),
                                "kind": t("dups_kind"), "article_id": "ID"})


def render_manage(ws: Workspace) -> None:
    with st.expander(t("manage_title")):
        st.caption(t("manage_where", path=escape_text(str(ws.path))))
        sure = st.checkbox(t("manage_confirm", name=escape_text(ws.name)), key="delete_confirm")
        if st.button(t("manage_delete"), key="delete_workspace", disabled=not sure, icon=":material/delete:"):
            ws.delete()
            st.session_state.pop(state.INGEST_REPORT, None)
            show_workspace("")
