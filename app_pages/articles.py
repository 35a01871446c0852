"""Articles: the list (click a row) and the reader."""

import streamlit as st

from components import cached, state
from components.article_list import PICKER_MAX, article_list
from components.article_view import render_article, word_sentences_table
from components.i18n import date_column, local_numbers, number_column, t
from components.ui import current_view, end_page, no_articles
from tonlage.frames import isin

TABLE_IDS = "article_table_ids"  # ids in the order the table shows them (for the row callback)

view = current_view()
key, f = view.corpus_key, view.filters

st.title(t("Articles"), anchor=False)
st.caption(t("Pick an article in the list (or below) to read it with every sentence coloured by its tone."))

if cached.n_in_view(key, f) == 0:
    no_articles()
    end_page()


def _in_view(wanted) -> set[str]:
    """Those of the ``wanted`` ids that are among the articles in view."""
    ids = cached.articles_in_view(key, f)["article_id"]
    return set(ids[isin(ids, tuple(wanted))])


# A pick from a chart on another page (or a shared link ?article=...) opens that article.
pending = st.session_state.pop(state.PENDING, None)
if pending:
    found = _in_view(pending)
    st.session_state[state.SELECTED_IDS] = tuple(a for a in pending if a in found) or None
    st.session_state[state.ARTICLE_PICK] = pending[0]
elif state.ARTICLE_PICK not in st.session_state and state.QP_ARTICLE in st.query_params:
    linked = st.query_params[state.QP_ARTICLE]
    if _in_view((linked,)):
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
if chosen and len(chosen) > 1:
    st.info(t("You picked {n} articles in a chart; showing the first. Choose another one here:", n=len(chosen)))
if chosen:
    st.button(
        t("Back to all articles"),
        key="articles_clear_pick",
        icon=":material/arrow_back:",
        on_click=lambda: st.session_state.pop(state.SELECTED_IDS, None),
    )

listed = article_list(key, f, tuple(chosen) if chosen else None)
ids = listed.ids
st.session_state[TABLE_IDS] = ids
if st.session_state.get(state.ARTICLE_PICK) not in listed.titles:
    st.session_state[state.ARTICLE_PICK] = ids[0]


def _row_picked() -> None:
    rows = st.session_state[state.ARTICLE_TABLE].selection.rows
    shown = st.session_state.get(TABLE_IDS, [])
    if rows and rows[0] < len(shown):
        st.session_state[state.ARTICLE_PICK] = shown[rows[0]]


# The dates stay dates (the column sorts by date) and are written as the reader's language
# writes them; a month-only date as a month where the table is small enough to style.
precision = listed.precision
shown, number_format = local_numbers(
    listed.table, {t("Tone"): "%+.2f", t("Sentences"): "%d"}, dates={t("Date"): precision}
)
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    on_select=_row_picked,
    selection_mode="single-row",
    key=state.ARTICLE_TABLE,
    # An empty cell (the tone of an article in a language without a tone word list, the date
    # of an undated one) as a dash: Streamlit writes "None", which reads as a value.
    placeholder="–",
    column_config={
        t("Title"): st.column_config.TextColumn(width="medium"),
        t("Date"): date_column(format=number_format[t("Date")], precision=precision, width="small"),
        t("Kind"): st.column_config.TextColumn(width=100),
        t("Source"): st.column_config.TextColumn(width="small"),
        t("Sentences"): number_column(format=number_format[t("Sentences")], width="small"),
        t("Main theme"): st.column_config.TextColumn(width="medium"),
        t("Tone"): number_column(format=number_format[t("Tone")], width="small"),
        t("Text"): st.column_config.TextColumn(
            width=110,  # "abgeschnitten" whole
            help=t(
                "“cut off”: the text ends mid-sentence or with “…”, or its page carried a subscription notice. Its figures rest on the part that is here; open it to see why."
            ),
        ),
    },
)

# Streamlit writes every option of a select box into every run: at 100,000 articles that was
# 0.3 s a click. The picker holds the first PICKER_MAX (and the article open); the table holds all.
options = ids[:PICKER_MAX]
if st.session_state[state.ARTICLE_PICK] not in options:
    options = [*options, st.session_state[state.ARTICLE_PICK]]
pick = st.selectbox(
    t("Open article"),
    options=options,
    format_func=listed.label,
    key=state.ARTICLE_PICK,
    persist_state=state.KEEP,  # the article open comes back after a visit to another page
)
st.query_params[state.QP_ARTICLE] = pick
if len(ids) > PICKER_MAX:
    st.caption(
        t(
            "This list offers the first {n} of the {total} articles; to open another, click its row in the table above (the table's search finds a title).",
            n=PICKER_MAX,
            total=len(ids),
        )
    )

if f.words:  # every sentence that holds the words, to read them side by side
    found, n_found = cached.word_sentences(key, f)
    with st.expander(
        t("Sentences with your words ({n})", n=n_found),
        key="articles_word_sentences",
        icon=":material/format_quote:",
        on_change="rerun",  # the table is sent only while it is open
    ) as box:
        if box.open:
            word_sentences_table(found, n_found, f.words)

st.divider()
detail = cached.article_detail(key, pick)
if detail is not None:
    render_article(detail, key="articles_reader", words=f.words)
