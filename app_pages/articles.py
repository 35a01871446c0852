"""Articles: the list (click a row) and the reader."""

import streamlit as st

from components import cached, state
from components.article_view import render_article
from components.i18n import date_column, local_date_labels, local_numbers, number_column, shown_table, t, tr
from components.ui import current_view, end_page, no_articles
from tonlage.frames import isin

TABLE_IDS = "article_table_ids"  # ids in the order the table shows them (for the row callback)

view = current_view()
key, f = view.corpus_key, view.filters

st.title(t("Articles"), anchor=False)
st.caption(t("Pick an article in the list (or below) to read it with every sentence coloured by its tone."))

arts = cached.articles_in_view(key, f)
if len(arts) == 0:
    no_articles()
    end_page()
in_view = list(arts["article_id"])

# A pick from a chart on another page (or a shared link ?article=...) opens that article.
pending = st.session_state.pop(state.PENDING, None)
if pending:
    st.session_state[state.SELECTED_IDS] = tuple(a for a in pending if a in in_view) or None
    st.session_state[state.ARTICLE_PICK] = pending[0]
elif state.ARTICLE_PICK not in st.session_state and state.QP_ARTICLE in st.query_params:
    linked = st.query_params[state.QP_ARTICLE]
    if linked in in_view:
        st.session_state[state.ARTICLE_PICK] = linked
    else:  # an old link, another corpus's, or an article the filters leave out: said, not hidden
        st.warning(
            t(
                "The link asks for the article “{article}”, which is not among the articles shown: it is not in "
                "this corpus, or the filters leave it out. The first article is shown instead.",
                article=linked,
            )
        )

chosen = st.session_state.get(state.SELECTED_IDS)
listed = arts[isin(arts["article_id"], chosen)] if chosen else arts
if chosen and len(chosen) > 1:
    st.info(t("You picked {n} articles in a chart; showing the first. Choose another one here:", n=len(chosen)))
if chosen:
    st.button(
        t("Back to all articles"),
        key="articles_clear_pick",
        icon=":material/arrow_back:",
        on_click=lambda: st.session_state.pop(state.SELECTED_IDS, None),
    )

ids = list(listed["article_id"])
st.session_state[TABLE_IDS] = ids
if st.session_state.get(state.ARTICLE_PICK) not in ids:
    st.session_state[state.ARTICLE_PICK] = ids[0]


def _row_picked() -> None:
    rows = st.session_state[state.ARTICLE_TABLE].selection.rows
    shown = st.session_state.get(TABLE_IDS, [])
    if rows and rows[0] < len(shown):
        st.session_state[state.ARTICLE_PICK] = shown[rows[0]]


themes = dict(cached.options(key)["themes"])
table = listed.assign(
    theme=listed["top_theme"].map(lambda i: themes.get(i, "–")),
    genre=listed["genre"].map(tr().genre),
    author=listed["author"].map(lambda a: t("unknown") if a == "unknown" else a),
)[["title", "date", "author", "genre", "tone", "n_sentences", "theme"]].rename(
    columns={
        "title": t("Title"),
        "date": t("Date"),
        "author": t("Author"),
        "genre": t("Kind"),
        "tone": t("Tone"),
        "n_sentences": t("Sentences"),
        "theme": t("Main theme"),
    }
)
# The dates stay dates (the column sorts by date) and are written as the reader's language
# writes them; a month-only date as a month where the table is small enough to style.
precision = listed["date_precision"]
shown, number_format = local_numbers(
    shown_table(table), {t("Tone"): "%+.2f", t("Sentences"): "%d"}, dates={t("Date"): precision}
)
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    on_select=_row_picked,
    selection_mode="single-row",
    key=state.ARTICLE_TABLE,
    column_config={
        t("Title"): st.column_config.TextColumn(width="medium"),
        t("Date"): date_column(format=number_format[t("Date")], precision=precision, width="small"),
        t("Kind"): st.column_config.TextColumn(width=100),
        t("Sentences"): number_column(format=number_format[t("Sentences")], width="small"),
        t("Main theme"): st.column_config.TextColumn(width="medium"),
        t("Tone"): number_column(format=number_format[t("Tone")], width="small"),
    },
)

titles = dict(zip(listed["article_id"], listed["title"] + " (" + local_date_labels(listed["date"], precision) + ")"))
pick = st.selectbox(
    t("Open article"),
    options=ids,
    format_func=lambda i: titles.get(i, i),
    key=state.ARTICLE_PICK,
    persist_state=state.KEEP,  # the article open comes back after a visit to another page
)
st.query_params[state.QP_ARTICLE] = pick

st.divider()
detail = cached.article_detail(key, pick)
if detail is not None:
    render_article(detail, key="articles_reader")
