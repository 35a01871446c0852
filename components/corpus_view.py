"""The Corpus page's parts: add files (upload or a folder), the ingest report, table columns,
editing articles, duplicates, and managing the workspace.

Everything goes through the engine (:mod:`tonlage.ingest`, :mod:`tonlage.storage.workspace`); this
module only draws widgets and reports. File names and article text are shown through
``st.dataframe``/``st.data_editor``/escaped text, never as markup.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from components import cached, state
from components.i18n import (
    date_column,
    label_dates,
    local_date_labels,
    local_numbers,
    msg,
    shown_table,
    t,
    t_plain,
    tn,
    tn_plain,
    tr,
)
from components.progress import queue_note
from tonlage.actors import MAX_NAME
from tonlage.analysis import jobs
from tonlage.export import csv_bytes
from tonlage.i18n import (
    ACTOR_KINDS,
    COLUMN_ROLE_NAMES,
    CUT_OFF_SIGNS,
    DUPLICATE_KINDS,
    REPORT_STATUSES,
    join,
    message_of,
)
from tonlage.ingest import COLUMN_ROLES, IngestError, Limits
from tonlage.ingest.run import (
    SKIPPED,
    WARNINGS,
    auto_workers,
    documents_from_paths,
    folder_metadata,
    ingest,
    reread_document,
)
from tonlage.ingest.spool import (
    BatchTooLarge,
    Spool,
    check_batch,
    pending_spools,
    release_memory,
)
from tonlage.model import message_column
from tonlage.present.safe import escape_text
from tonlage.present.types import CorpusKey
from tonlage.present.views import NAMED_SAMPLE
from tonlage.storage.workspace import Workspace, WorkspaceError, data_dir

log = logging.getLogger(__name__)

__all__ = [
    "render_copy_folder",
    "render_add_files",
    "render_report",
    "render_tables",
    "render_editor",
    "render_duplicates",
    "render_manage",
    "show_workspace",
]

_EDITOR_MAX_ROWS = 1000
_NONE = "—"


def show_workspace(name: str) -> None:
    """Show ``name`` in the whole app from the next run on ("" = the bundled corpus)."""
    st.session_state[state.NEXT_CORPUS] = name
    st.rerun()


def _status_label(status: str) -> str:
    return t_plain(REPORT_STATUSES.get(status, status))


def _on_wait(box):
    """``on_wait`` for an import shown in the app: what it waits for, and how far the other import is."""

    def show(w) -> None:
        if w.import_total:
            box.info(
                t(
                    "Waiting for another import into this workspace to finish ({done} of {total} files done) …",
                    done=w.import_done,
                    total=w.import_total,
                ),
                icon=":material/hourglass_top:",
            )
        else:
            box.info(t("Waiting for another change to this workspace to finish …"), icon=":material/hourglass_top:")

    return show


def _run_ingest(
    name: str,
    items,
    *,
    total: int,
    metadata: dict | None = None,
    events: pd.DataFrame | None = None,
    spool: Spool | None = None,
) -> None:
    """Ingest with progress (and a note while it waits for another import); the report is
    kept for the next run, which opens the workspace. On failure the reader gets one plain
    sentence, and uploads stay in their spool to be added again."""
    try:
        new = not Workspace.exists(name)
        ws = Workspace(name)
    except WorkspaceError as exc:
        st.error(msg(message_of(exc)))
        return
    status = st.status(
        tn("Adding {n} file to “{name}”", "Adding {n} files to “{name}”", total, name=name), expanded=True
    )
    bar = status.progress(0.0, text=t("Reading files: {done} of {total}", done=0, total=total))
    waiting = status.empty()
    done = [0]

    def progress(_name: str) -> None:
        done[0] += 1
        waiting.empty()
        bar.progress(
            min(1.0, done[0] / max(1, total)), text=t("Reading files: {done} of {total}", done=done[0], total=total)
        )

    # Cancel: the click reruns the page, which stops this run at its next progress update; the
    # import then rolls back (tonlage.ingest.run.ingest), and uploads stay in their spool.
    status.button(t("Cancel"), key="cancel_import", icon=":material/stop_circle:")
    try:
        # Imports take turns with analyses and packs in the process's queue for heavy work.
        with jobs.queue().slot("import", on_wait=queue_note(waiting)):
            waiting.empty()
            report = ingest(
                ws,
                items,
                limits=Limits.from_env(),
                metadata=metadata,
                progress=progress,
                workers=auto_workers(total),
                total=total,
                on_wait=_on_wait(waiting),
                drop_if_empty=new and events is None,
            )
    except WorkspaceError as exc:
        status.update(label=t("Nothing was added to “{name}”", name=name), state="error")
        st.error(msg(message_of(exc)))
        if spool is not None:
            st.info(
                t(
                    "Your {n} uploaded files are kept: add them again below when the problem is solved, or discard them.",
                    n=len(spool.files),
                )
            )
        return
    status.update(label=t("Added to “{name}”", name=name), state="complete", expanded=False)
    if spool is not None:
        spool.discard()
    if events is not None and len(events) and ws.path.is_file():
        from tonlage.events import EventBook

        EventBook.for_workspace(ws).replace_all(events)  # the copy keeps the example's event markers
    st.session_state[state.INGEST_REPORT] = (ws.name, [tuple(r.__dict__.values()) for r in report.rows])
    if ws.path.is_file():
        show_workspace(ws.name)
    st.rerun()  # nothing loaded and no workspace made: the report says why


def _forget_uploads(files: list) -> None:
    """Let Streamlit drop its copy of uploads that are safe on disk now. Streamlit keeps every
    upload in memory until the session ends (a reader's tab can stay open for days); with the
    uploader's key changed, the widget lets go of them too, so the memory is freed at once."""
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        manager = Runtime.instance().uploaded_file_mgr
        for f in files:
            manager.remove_file(ctx.session_id, f.file_id)
    except Exception:  # noqa: BLE001 - an internal API; without it the memory goes with the session
        log.info("could not release uploaded files early", exc_info=True)


def _add_uploads(name: str, files: list) -> None:
    """Check the batch, copy the uploads to a spool on disk (in chunks), let the uploader go
    (its memory is released after this run) and import from the spool."""
    limits = Limits.from_env()
    st.session_state[state.UPLOAD_ROUND] = st.session_state.get(state.UPLOAD_ROUND, 0) + 1
    st.session_state[state.RELEASE_MEMORY] = True
    try:
        check_batch([f.size for f in files], limits)
    except BatchTooLarge:
        _forget_uploads(files)  # refused: not kept anywhere, and their memory goes at once
        total = sum(f.size for f in files)
        st.session_state[state.UPLOAD_ERROR] = t_plain(
            "These {n} files are {mb} MB together; one upload may hold at most {cap} MB. Upload them in smaller batches, or put them in a folder and add the folder below.",
            n=len(files),
            mb=f"{total / 1024 / 1024:,.0f}",
            cap=f"{limits.max_batch_bytes / 1024 / 1024:,.0f}",
        )
        st.rerun()
    spool = Spool.create(name)
    for f in files:
        f.seek(0)
        spool.add(f.name, f)
    _forget_uploads(files)
    _run_ingest(name, spool.documents(limits), total=len(spool.files), spool=spool, metadata=spool.metadata())


def render_pending_uploads() -> None:
    """Uploads that are on disk but not yet in a workspace (an import failed, or the server
    stopped): add them now, or discard them."""
    spools = pending_spools()
    if not spools:
        return
    st.subheader(t("Uploads waiting to be added"), anchor=False)
    for sp in spools:
        names = ", ".join(f["name"] for f in sp.files[:5]) + (" …" if len(sp.files) > 5 else "")
        st.warning(
            t(
                "{n} files ({mb} MB), uploaded {when}, for “{name}”: {files}",
                n=len(sp.files),
                mb=f"{sp.total_bytes / 1024 / 1024:,.1f}",
                when=sp.created[:16].replace("T", " "),
                name=sp.workspace,
                files=names,
            )
        )
        c1, c2, _ = st.columns([1, 1, 3])
        if c1.button(t("Add them now"), key=f"spool_add_{sp.folder.name}", type="primary", icon=":material/upload:"):
            _run_ingest(
                sp.workspace, sp.documents(Limits.from_env()), total=len(sp.files), spool=sp, metadata=sp.metadata()
            )
        if c2.button(t("Discard them"), key=f"spool_discard_{sp.folder.name}", icon=":material/delete:"):
            sp.discard()
            st.toast(t("The waiting uploads were discarded."))
            st.rerun()


def render_add_files(workspace: str) -> None:
    """Upload box and folder setting; both ingest into the named workspace (created if new)."""
    if st.session_state.pop(state.RELEASE_MEMORY, False):
        release_memory()  # the last run let go of a large upload; give its memory back
    st.subheader(t("Add files"), anchor=False)
    name = st.text_input(
        t("Workspace"),
        value=workspace or t_plain("My articles"),
        key=f"ws_name_{workspace}",
        help=t(
            "A new name creates a workspace; an existing one adds to it. Workspaces are kept in {folder}.",
            folder=str(data_dir()),
        ),
    )
    error = st.session_state.pop(state.UPLOAD_ERROR, None)
    if error:
        st.error(escape_text(error))
    # No type= filter: Streamlit would refuse another format with an error box; the engine
    # gives it a report line instead ("save it as .docx"), like every other file it cannot read.
    files = st.file_uploader(
        t("Files or .zip archives"),
        accept_multiple_files=True,
        key=f"upload_{st.session_state.get(state.UPLOAD_ROUND, 0)}",
        help=t(
            "Text (.txt, .md), web pages (.html), tables (.csv, .tsv, .xlsx), JSON (.json, .jsonl), Word (.docx), PDF with text, and .zip archives of these. Any other file gets a line in the report saying why it was not read. The same file added twice is kept once."
        ),
    )
    if st.button(t("Add to workspace"), key="add_files", type="primary", disabled=not files, icon=":material/upload:"):
        _add_uploads(name, files)
    with st.expander(t("Read a folder on this computer"), key="corpus_folder_panel"):  # kept open in another language
        st.caption(
            t(
                "A folder on the computer that runs Tonlage, read with all its subfolders. A metadata.csv in it is applied."
            )
        )
        folder = st.text_input(t("Folder"), key="ingest_folder", placeholder="/home/me/clippings")
        if st.button(t("Read folder"), key="add_folder", disabled=not folder.strip()):
            path = Path(folder.strip()).expanduser()
            if not path.exists():
                st.error(t("There is no folder or file at {path}.", path=str(path)))
            else:
                limits = Limits.from_env()
                items = list(documents_from_paths([path], limits))
                _run_ingest(name, items, total=len(items), metadata=folder_metadata([path]))
    render_pending_uploads()


def render_copy_folder() -> None:
    """The bundled (or configured) folder is read-only; a copy in a workspace can be edited."""
    st.info(
        t(
            "You are looking at the bundled example. Files you add go into a workspace of their own; the example stays as it is."
        )
    )
    if st.button(
        t("Copy these articles into a workspace to correct their dates and titles"),
        key="copy_example",
        icon=":material/content_copy:",
    ):
        folder = Path(cached.corpus_paths()[0])
        limits = Limits.from_env()
        view = state.view()
        events = cached.event_book(view.corpus_key).table() if view is not None else None
        items = list(documents_from_paths([folder], limits))
        _run_ingest(
            t_plain("Example (copy)"), items, total=len(items), metadata=folder_metadata([folder]), events=events
        )


def render_report(workspace: str) -> None:
    """The last ingest's report (every file and archive member), with a download."""
    kept = st.session_state.get(state.INGEST_REPORT)
    if not kept:
        return
    made = Workspace.exists(kept[0])
    if made and kept[0] != workspace:
        return  # the report of another workspace
    rows = list(kept[1])
    # The reasons are the engine's messages: built column by column so pandas keeps them (it
    # would flatten a column of strings to plain text) and the table shows them translated.
    frame = pd.DataFrame(
        {
            "file": message_column(r[0] for r in rows),
            "status": [r[1] for r in rows],
            "reason": message_column(r[2] for r in rows),
            "articles": [r[3] for r in rows],
        }
    )
    if not made:
        st.warning(
            t(
                "Nothing could be read from these files, so no workspace “{name}” was made. The report below says why for each file.",
                name=kept[0],
            )
        )
    n_files = len(frame)
    counts = frame["status"].value_counts()
    st.subheader(t("What happened to every file"), anchor=False)
    st.markdown(
        t(
            "**{files} files** (archive contents included): {loaded} loaded, {warnings} loaded with warnings, {skipped} skipped — **{articles} articles added**.",
            files=n_files,
            loaded=int(counts.get("loaded", 0)),
            warnings=int(counts.get(WARNINGS, 0)),
            skipped=int(counts.get(SKIPPED, 0)),
            articles=int(frame["articles"].sum()),
        )
    )
    shown = frame.assign(status=frame["status"].map(_status_label))
    st.dataframe(
        shown_table(shown),
        hide_index=True,
        width="stretch",
        key="ingest_report_table",
        column_config={
            "file": t("File"),
            "status": t("Result"),
            "reason": st.column_config.TextColumn(t("Why, and what to do"), width="large"),
            "articles": t("Articles"),
        },
    )
    st.download_button(
        t("Download this report (CSV)"),
        data=csv_bytes(shown_table(frame), lang=tr().lang),  # in the reader's language, like the table
        file_name="tonlage-ingest-report.csv",
        mime="text/csv",
        key="report_download",
        icon=":material/download:",
    )


def render_tables(ws: Workspace) -> None:
    """For every table file: the column proposed for each role, which the reader can change."""
    tables = ws.documents(tables_only=True)
    if not tables:
        return
    st.subheader(t("Columns of your tables"), anchor=False)
    st.caption(
        t(
            "Tonlage guessed which column holds the text, title, date and so on. If a guess is wrong, choose the right column and read the file again; your edits to its articles are kept."
        )
    )
    for doc in tables:
        # Keyed (by workspace and file: another workspace's file may have the same id), so a
        # language switch keeps it open.
        with st.expander(t("Columns of {name}", name=doc.name), key=f"columns_open_{ws.name}_{doc.doc_id}"):
            choice = {}
            cols = st.columns(len(COLUMN_ROLES))
            options = [_NONE] + list(doc.columns)
            for role, col in zip(COLUMN_ROLES, cols):
                current = (doc.mapping or {}).get(role, _NONE)
                choice[role] = col.selectbox(
                    t(COLUMN_ROLE_NAMES[role]),
                    options=options,
                    index=options.index(current) if current in options else 0,
                    key=f"map_{doc.doc_id}_{role}",
                )
            if st.button(t("Read again with these columns"), key=f"reread_{doc.doc_id}"):
                mapping = {r: c for r, c in choice.items() if c != _NONE}
                try:
                    n = reread_document(ws, doc.doc_id, mapping, limits=Limits.from_env())
                except (IngestError, WorkspaceError) as exc:
                    st.error(msg(message_of(exc)))
                else:
                    st.toast(tn("{n} article read.", "{n} articles read.", n))
                    show_workspace(ws.name)


def render_editor(ws: Workspace) -> None:
    """Edit title, date, source and author, or take articles out; saved as the reader's edits."""
    st.subheader(t("Check and correct articles"), anchor=False)
    table = cached.workspace_table(ws.name, ws.fingerprint())
    n_undated = int((table["date"] == "").sum())
    if n_undated:
        st.warning(
            t(
                "Articles without a date: {n}. They are in the list below and left out of the time charts; type a date (2025-09-24 or 24.09.2025) to place them.",
                n=n_undated,
            )
        )
    c1, c2 = st.columns([2, 1])
    query = c1.text_input(t("Find"), key="edit_search", placeholder=t("Words in the title or file name"))
    only_undated = c2.toggle(t("Only undated"), key="edit_only_undated", value=False)
    shown = table
    if only_undated:
        shown = shown[shown["date"] == ""]
    if query.strip():
        q = query.strip().lower()
        shown = shown[
            shown["title"].str.lower().str.contains(q, regex=False)
            | shown["file"].str.lower().str.contains(q, regex=False)
        ]
    if len(shown) > _EDITOR_MAX_ROWS:
        st.caption(
            t(
                "Showing the first {n} of {total} articles; use Find to narrow down.",
                n=_EDITOR_MAX_ROWS,
                total=len(shown),
            )
        )
        shown = shown.head(_EDITOR_MAX_ROWS)
    # Formula-safe, like every table shown (the editor has a CSV download of its own); an
    # untouched cell equals what was shown, so it is not saved back.
    # The dates as the reader's language writes them (a German reader reads and types
    # 24.09.2025 or "Sept. 2025"; the workspace reads both back); an undated one stays empty.
    # Text, not a date column: a date may be only a month.
    dates, precision = label_dates(shown["date"])
    local = local_date_labels(dates, precision).where(precision != "none", "")
    shown = shown_table(shown.assign(date=local).reset_index(drop=True))
    with st.form("edit_form", border=False):
        edited = st.data_editor(
            shown,
            key=f"editor_{ws.fingerprint()}",
            hide_index=True,
            width="stretch",
            disabled=["article_id", "file"],
            column_order=["removed", "date", "title", "source", "author", "file", "article_id"],
            column_config={
                "removed": st.column_config.CheckboxColumn(
                    t("Leave out"),
                    help=t(
                        "Tick to leave the article out of the analysis (it stays in the workspace; untick to bring it back)."
                    ),
                ),
                "date": st.column_config.TextColumn(
                    t("Date"),
                    help=t("A day (24.09.2025 or 2025-09-24) or only a month (Sept. 2025 or 2025-09)."),
                ),
                "title": st.column_config.TextColumn(t("Title"), width="large"),
                "source": t("Source"),
                "author": t("Author"),
                "file": t("File"),
                "article_id": "ID",
            },
        )
        saved = st.form_submit_button(t("Save changes"), type="primary", icon=":material/save:")
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
            problems.append(join([str(old["article_id"]) + ":", message_of(exc)]))
    for p in problems:
        st.error(msg(p))
    if changed and not problems:
        show_workspace(ws.name)
    elif changed:
        st.info(
            tn(
                "{n} article was saved; the others are listed above.",
                "{n} articles were saved; the others are listed above.",
                changed,
            )
        )


_ACTOR_FIELDS = ("actor", "kind", "aliases")


def _actor_table(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(_ACTOR_FIELDS))


def _as_entered(shown: pd.DataFrame, edited: pd.DataFrame, original: pd.DataFrame) -> list[dict]:
    """The edited rows with every cell the reader left as shown given back as it was: a cell
    shown formula-safe ("'=…") is the original text, not the apostrophe."""
    out = []
    for i, row in edited.reset_index(drop=True).iterrows():
        r = {}
        for c in _ACTOR_FIELDS:
            value = row.get(c)
            same = i < len(shown) and value == shown.iloc[i][c]
            r[c] = original.iloc[i][c] if same else value
        out.append(r)
    return out


def render_actors(ws: Workspace, key: CorpusKey | None = None) -> Callable[[], None] | None:
    """The people, institutions and countries this workspace follows: the standard list until
    its readers change it here. Who is found in which sentence changes with the list, so saving
    analyses every article again. With the workspace's ``key`` (its analysis), the people its
    articles quote but the list does not name are offered to add: in their place below the
    list, drawn by the function returned, which the page calls last. Finding them reads up to
    :data:`~tonlage.present.views.NAMED_SAMPLE` articles the first time (~2 s at 100,000
    articles), and the sections below no longer wait for it."""
    from tonlage.actors import KINDS, actor_rows, actors_from_csv, read_actors

    st.subheader(t("People and institutions to follow"), anchor=False)
    own = ws.actor_list()
    standard = cached.corpus_paths()[2]
    if own is not None:
        actors = actors_from_csv(own)
    else:
        actors = read_actors(standard) if standard is not None else []
    st.caption(
        t(
            "The Actors page follows these names through every sentence. One row per actor: the name shown, its kind, and its other spellings and forms separated by “|” (e.g. Merz | Friedrich Merz | Kanzler Merz); a genitive s is found without being listed. Saving analyses again only the articles that name an actor you added, removed or changed; the themes are kept."
        )
        + " "
        + (
            t("This workspace has its own list.")
            if own is not None
            else tn(
                "This workspace uses the standard list ({n} actor) until you change it.",
                "This workspace uses the standard list ({n} actors) until you change it.",
                len(actors),
            )
        )
    )
    original = _actor_table(actor_rows(actors))
    shown = shown_table(original)
    kinds = {k: t_plain(ACTOR_KINDS[k]) for k in KINDS}
    edited = st.data_editor(
        shown,
        key=f"actors_editor_{ws.fingerprint()}",  # a saved list starts a fresh editor
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "actor": st.column_config.TextColumn(t("Actor"), max_chars=MAX_NAME, width="small"),
            "kind": st.column_config.SelectboxColumn(
                t("Kind"), options=list(KINDS), format_func=lambda k: kinds.get(k, k), default="person", width="small"
            ),
            "aliases": st.column_config.TextColumn(t("Other spellings, separated by “|”"), width="large"),
        },
    )
    rows = _as_entered(shown, edited, original)
    changed = rows != original.to_dict("records")
    c1, c2 = st.columns([1, 2])
    if c1.button(
        t("Save the list and analyse again"),
        key="actors_save",
        type="primary",
        disabled=not changed,
        icon=":material/save:",
    ):
        _save_actors(ws, rows)
    if own is not None and c2.button(
        t("Back to the standard list"),
        key="actors_reset",
        icon=":material/restart_alt:",
        help=t(
            "Forgets this workspace's own list; the articles that name an actor the two lists treat differently are analysed again."
        ),
    ):
        try:
            ws.set_actor_list(None)
        except WorkspaceError as exc:
            st.error(msg(message_of(exc)))
        else:
            st.rerun()
    if key is not None and key.workspace == ws.name:
        slot = st.container()

        def suggest() -> None:
            with slot:
                _suggest_actors(ws, key, rows)

        return suggest
    return None


def _save_actors(ws: Workspace, rows: list[dict]) -> None:
    """Check the rows; keep them as the workspace's list (the next run analyses again), or
    say plainly what is wrong with them."""
    from tonlage.actors import actors_csv, actors_from_rows

    new, problems = actors_from_rows(rows)
    for p in problems:
        st.error(msg(p))
    if problems:
        return
    try:
        ws.set_actor_list(actors_csv(new))
    except WorkspaceError as exc:
        st.error(msg(message_of(exc)))
    else:
        st.toast(
            t("The list is saved; the articles that name a changed actor are analysed again."), icon=":material/group:"
        )
        st.rerun()


def _suggest_actors(ws: Workspace, key: CorpusKey, rows: list[dict]) -> None:
    """Whom the articles name or quote most but the list does not follow, to add in one step: a
    person named by the surname (the whole name a spelling of it), a body by its whole name."""
    from tonlage.actors import suggested_row

    with st.spinner(t("Looking for the people these articles name most…"), show_time=True):
        found = {r.name: r for r in cached.suggested_actors(key).itertuples(index=False)}
    if not found:
        return

    def label(name: str) -> str:
        r = found[name]
        kind = t_plain(ACTOR_KINDS[r.kind])
        if r.estimated:
            return t_plain("{name} ({kind}, about {n} articles)", name=name, kind=kind, n=tr().integer(r.n_articles))
        return tn_plain(
            "{name} ({kind}, {n} article)",
            "{name} ({kind}, {n} articles)",
            r.n_articles,
            name=name,
            kind=kind,
        )

    chosen = st.multiselect(
        t("Named or quoted in these articles but not followed"),
        options=list(found),
        format_func=label,
        key="actors_suggested",
        placeholder=t("Choose names to add to the list"),
        select_all=False,  # Streamlit writes "Select all" in English on a German page
        help=t(
            "People the articles name in full and then by surname or with a role (Angela Merkel … Merkel said), and people and bodies they quote, that no actor of the list names; the most articles first. In a large corpus, {n} articles spread over it are read for names, and the counts are estimates. Each is added as the kind shown; change it in the list above if it is wrong.",
            n=tr().integer(NAMED_SAMPLE),
        ),
    )
    if st.button(t("Add them and analyse again"), key="actors_add", disabled=not chosen, icon=":material/person_add:"):
        picked = [found[name] for name in chosen]
        _save_actors(ws, [*rows, *(suggested_row(r.name, r.kind, r.spellings, r.surname) for r in picked)])


def render_duplicates(key: CorpusKey) -> None:
    """Groups of the same story (exact copies and lightly edited reprints)."""
    groups = cached.duplicate_groups(key)
    if groups.empty:
        return
    st.subheader(t("The same story more than once"), anchor=False)
    st.caption(
        t(
            "Copies of a story that appears earlier: {n}, identical or lightly edited (another headline, an added line). The sidebar switch 'Count each story once' decides whether copies count.",
            n=int((groups["role"] == "copy").sum()),
        )
    )
    _dated_articles(
        groups.drop(columns=["role"]).assign(kind=groups["kind"].map(lambda k: t_plain(DUPLICATE_KINDS.get(k, k)))),
        "dups_table",
        {
            "group": t("Story"),
            "kind": t("Copy"),
            "date_label": t("Date"),
            "title": t("Title"),
            "source": t("Source"),
            "article_id": "ID",
        },
    )


def _dated_articles(table: pd.DataFrame, key: str, columns: dict[str, str]) -> None:
    """A table of articles with their ``date_label`` as dates (the column sorts by date),
    written as the reader's language writes them; ``columns``: the columns shown, in order,
    with their headers."""
    dates, precision = label_dates(table["date_label"])
    shown, formats = local_numbers(shown_table(table.assign(date_label=dates)), {}, dates={"date_label": precision})
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=key,
        column_order=list(columns),
        column_config={
            c: date_column(label, format=formats["date_label"], precision=precision) if c == "date_label" else label
            for c, label in columns.items()
        },
    )


def render_cut_off(key: CorpusKey) -> None:
    """The texts that do not look whole: their figures rest on a part of the article."""
    cut = cached.cut_off_articles(key)
    if cut.empty:
        return
    st.subheader(t("Texts that look cut off"), anchor=False)
    st.caption(
        tn(
            "{n} of {total} texts does not look whole: it ends mid-sentence or with “…”, or its page carried a subscription notice. Its tone, themes and actors rest on the part that is here; it still counts like every other article.",
            "{n} of {total} texts do not look whole: they end mid-sentence or with “…”, or their page carried a subscription notice. Their tone, themes and actors rest on the part that is here; they still count like every other article.",
            len(cut),
            total=len(cached.get_corpus(key).articles),
        )
    )
    _dated_articles(
        cut.assign(sign=cut["sign"].map(lambda k: t_plain(CUT_OFF_SIGNS.get(k, k)))),
        "cut_off_table",
        {
            "title": t("Title"),
            "date_label": t("Date"),
            "source": t("Source"),
            "sign": t("Why"),
            "article_id": "ID",
        },
    )


def render_theme_fit(ws: Workspace, key: CorpusKey) -> None:
    """How old the workspace's themes are, and a button to fit them again (see
    :mod:`tonlage.analysis.incremental`: the themes are kept as articles are added)."""
    note = cached.theme_fit(key)
    if not note:
        return
    st.subheader(t("Themes"), anchor=False)
    st.caption(
        tn(
            "The themes were fitted on {n} article; {added} added or changed since ({share} of the text).",
            "The themes were fitted on {n} articles; {added} added or changed since ({share} of the text).",
            note["n_fitted"],
            added=note["n_added"],
            share=tr().percent(note["added_share"], digits=1),
        )
        + (
            " "
            + tn(
                "{n} more article is placed in them again because it names an actor you added, removed or changed (its text is not new).",
                "{n} more articles are placed in them again because they name an actor you added, removed or changed (their text is not new).",
                note["n_relisted"],
            )
            if note.get("n_relisted")
            else ""
        )
    )
    st.caption(
        t(
            "New articles, and those that name an actor you added, removed or changed, are placed in these themes and the theme names stay. The themes are fitted again by themselves once new text reaches {threshold} of the corpus, or now if you ask.",
            threshold=tr().percent(note["threshold"]),
        )
    )
    if st.button(
        t("Refit the themes now"),
        key="refit_themes",
        disabled=not (note["n_added"] or note.get("n_relisted")),
        icon=":material/refresh:",
        help=t("Fits the themes on all articles, as a fresh analysis would; the theme names may change."),
    ):
        from tonlage.analysis.incremental import request_refit

        try:
            request_refit(ws)
        except WorkspaceError as exc:
            st.error(msg(message_of(exc)))
            return
        st.rerun()


def render_manage(ws: Workspace) -> None:
    with st.expander(t("Delete this workspace"), key="corpus_delete_panel"):  # kept open in another language
        st.caption(t("Kept in {path}", path=escape_text(str(ws.path))))
        sure = st.checkbox(
            t("Yes, delete the workspace '{name}' and its articles", name=escape_text(ws.name)), key="delete_confirm"
        )
        if st.button(t("Delete workspace"), key="delete_workspace", disabled=not sure, icon=":material/delete:"):
            ws.delete()
            st.session_state.pop(state.INGEST_REPORT, None)
            show_workspace("")
