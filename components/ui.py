"""Small rendering helpers shared by the pages: a chart with its caption, data and click-through."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import state
from components.i18n import language_name, t
from components.safe import safe_table
from components.selection import selected_article_ids

__all__ = ["language_note", "current_view", "show_chart", "open_articles", "no_articles", "undated_note", "period_label"]


def period_label(first, last) -> str:
    """"Feb–Oct 2025" / "Dez 2024 – Mär 2025" in the reader's language."""
    if first is None or last is None:
        return "–"
    months = t("months").split(",")
    a, b = months[first.month - 1], months[last.month - 1]
    if first.year == last.year:
        return f"{a} {first.year}" if first.month == last.month else f"{a}–{b} {last.year}"
    return f"{a} {first.year} – {b} {last.year}"


def current_view() -> state.View:
    """The View the sidebar computed in this run; on an empty workspace the page says so and
    points to the Corpus page instead."""
    view = st.session_state.get(state.VIEW)
    if view is None:
        st.info(t("workspace_empty"))
        st.page_link(state.CORPUS_PAGE, label=t("page_corpus"), icon=":material/upload_file:")
        st.stop()
    return view


def open_articles(ids: list[str]) -> None:
    """Remember the picked articles and go to the Articles page (which opens the first)."""
    st.session_state[state.PENDING] = tuple(ids)
    st.switch_page(state.ARTICLES_PAGE)


def show_chart(fig: go.Figure, *, key: str, read: str, data: pd.DataFrame | None = None,
               articles: pd.DataFrame | None = None, actor_articles: pd.DataFrame | None = None,
               height: int | None = None) -> None:
    """Render a figure with a "How to read this" line and its data as an accessible table.

    With ``articles`` given, the chart is selectable and a pick opens those articles.
    """
    if articles is not None:
        event = st.plotly_chart(fig, key=key, width="stretch", on_select="rerun",
                                selection_mode=("points", "box", "lasso"),
                                config={"displaylogo": False})
        st.caption(t("how_to_read", text=read) + " " + t("click_hint"))
        ids = selected_article_ids(event, articles, actor_articles=actor_articles)
        if ids:
            open_articles(ids)
    else:
        st.plotly_chart(fig, key=key, width="stretch", config={"displaylogo": False})
        st.caption(t("how_to_read", text=read))
    if data is not None:
        with st.expander(t("data_behind")):
            st.dataframe(safe_table(data), hide_index=True, width="stretch", key=f"{key}_data")


def no_articles() -> None:
    st.info(t("no_articles"))


def undated_note(n_undated: int) -> None:
    if n_undated:
        st.caption(t("undated_left_out", n=n_undated))


def language_note(articles: pd.DataFrame, *, themes: bool) -> None:
    """Say which articles a measure leaves out because of their language (never silently):
    themes are built from German text; tone is scored for German and English only."""
    from tonlage.pipeline import SCORED_LANGUAGES, THEME_LANGUAGES

    allowed = THEME_LANGUAGES if themes else SCORED_LANGUAGES
    out = articles.loc[~articles["language"].isin(allowed), "language"].value_counts()
    if out.empty:
        return
    langs = ", ".join(f"{language_name(code)} {n}" for code, n in out.items())
    st.caption(t("themes_languages_left_out" if themes else "tone_languages_left_out", n=int(out.sum()),
                 langs=langs))
