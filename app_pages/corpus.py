"""Corpus: bring your own articles (upload, folder), see what happened to every file, fix
columns, dates and titles, choose the people and institutions to follow, see the same story
printed more than once and the texts that are not whole."""

import streamlit as st

from components import cached, corpus_view, state
from components.events_view import render_events
from components.i18n import t
from components.ui import end_page

view = state.view()
workspace = st.session_state.get(state.CORPUS, "")

st.title(t("Your corpus"), anchor=False)
st.caption(
    t(
        "Bring your own articles: upload files or a .zip, or read a folder. They are kept in a named workspace on this computer, so closing the browser loses nothing."
    )
)

# Arriving from a link to the events ("Add events" on the Compare page), the reader finds their
# editor first rather than below the files, tables and corrections (a link cannot scroll).
events_first = st.query_params.get(state.SECTION_QP) == "events" and view is not None
if events_first:
    render_events(view.corpus_key)
# The same for the list of names a workspace follows ("Change the list of names" on Actors).
actors_first = st.query_params.get(state.SECTION_QP) == "actors" and bool(workspace)
# The names the articles use but the list does not follow are drawn last, in their place below
# the list: finding them the first time reads many articles, and no other section waits for it.
suggest = None
if actors_first:
    try:
        suggest = corpus_view.render_actors(
            cached.open_workspace(workspace), view.corpus_key if view is not None else None
        )
    except cached.WorkspaceError:
        actors_first = False
corpus_view.render_add_files(workspace)
corpus_view.render_report(workspace)
if workspace:
    try:
        ws = cached.open_workspace(workspace)
    except cached.WorkspaceError:
        end_page()
    corpus_view.render_tables(ws)
    corpus_view.render_editor(ws)
    if not actors_first:
        suggest = corpus_view.render_actors(ws, view.corpus_key if view is not None else None)
    if view is not None:
        if not events_first:
            render_events(view.corpus_key)
        corpus_view.render_duplicates(view.corpus_key)
        corpus_view.render_cut_off(view.corpus_key)
        corpus_view.render_theme_fit(ws, view.corpus_key)
    corpus_view.render_manage(ws)
else:
    corpus_view.render_copy_folder()
    if view is not None:
        if not events_first:
            render_events(view.corpus_key)
        corpus_view.render_duplicates(view.corpus_key)
        corpus_view.render_cut_off(view.corpus_key)
if suggest is not None:
    suggest()
