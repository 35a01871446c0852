"""Tone: article tone over time, sentence tone per article, label shares, strongest sentences."""

import pandas as pd
import streamlit as st

from components import cached
from components.article_view import quotes_html
from components.cached import charts
from components.i18n import t, translator
from components.ui import (
    current_view,
    language_note,
    no_articles,
    show_chart,
    undated_note,
)
from tonlage.present.safe import safe_table

MAX_ARTICLES = 30  # per-article charts stay readable; the page says when it caps

view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("Tone: how negative or positive is the wording?"), anchor=False)
st.markdown(
    t(
        "Every sentence gets a score from −1 (negative words such as 'Fiasko') to +1 (positive words such as 'Erfolg'); 'nicht'/'kein' flip a word. An article's tone is the mean of its sentences."
    )
)

arts = cached.articles_in_view(key, f)
language_note(arts, themes=False)
if len(arts) == 0:
    no_articles()
    st.stop()

show_chart(
    charts.tone_timeline_figure(arts, events=cached.events(key, view.lang), tr=tr),
    key="tone_timeline",
    read=t(
        "each dot is one article; higher means more positive wording, lower more negative. Dashed lines are events. Hover a dot for its title, click it to read it."
    ),
    articles=arts,
    data=arts[["title", "date_label", "tone", "n_sentences"]].rename(
        columns={"title": t("Title"), "date_label": t("Date"), "tone": t("Tone"), "n_sentences": t("Sentences")}
    ),
)
undated_note(int(arts["date"].isna().sum()))

shown, sents = cached.sentences_for(key, f, MAX_ARTICLES)
if len(arts) > MAX_ARTICLES:
    st.caption(t("Showing the {n} most recent of {total} articles.", n=MAX_ARTICLES, total=len(arts)))
titles = dict(zip(shown["article_id"], shown["title"]))
show_chart(
    charts.sentence_tone_figure(sents, shown, tr=tr),
    key="tone_sentences",
    read=t(
        "each coloured dot is one sentence; the black tick is the article's overall tone (the mean of its sentences). A wide spread means mixed wording."
    ),
    articles=shown,
    data=pd.DataFrame(
        {
            t("Title"): sents["article_id"].map(titles),
            t("No."): sents["sent_idx"] + 1,
            t("Tone"): sents["tone"].round(2),
            t("Tone label"): sents["tone_label"].map(tr.tone_label),
            t("Sentence"): sents["text"],
        }
    ),
)
show_chart(
    charts.tone_shares_figure(shown, tr=tr),
    key="tone_shares",
    read=t("each bar is one article split into its negative, neutral and positive sentences."),
    articles=shown,
    data=shown[["title", "date_label", "share_negative", "share_neutral", "share_positive", "n_sentences"]]
    .assign(
        share_negative=(shown["share_negative"] * 100).round(0),
        share_neutral=(shown["share_neutral"] * 100).round(0),
        share_positive=(shown["share_positive"] * 100).round(0),
    )
    .rename(
        columns={
            "title": t("Title"),
            "date_label": t("Date"),
            "share_negative": t("Negative %"),
            "share_neutral": t("Neutral %"),
            "share_positive": t("Positive %"),
            "n_sentences": t("Sentences"),
        }
    ),
)

st.subheader(t("Strongest sentences"), anchor=False)
neg, pos = cached.strongest(key, f, 5)
cols = {
    "title": t("Article"),
    "date_label": t("Date"),
    "text": t("Sentence"),
    "tone": t("Tone"),
    "evidence": t("Words that moved the score"),
}
config = {
    t("Sentence"): st.column_config.TextColumn(width="large"),
    t("Article"): st.column_config.TextColumn(width="small"),
    t("Words that moved the score"): st.column_config.TextColumn(width="medium"),
    t("Tone"): st.column_config.NumberColumn(format="%+.2f", width="small"),
}
st.caption(
    t(
        "The sentences with the most strongly worded tone in the articles shown, with the words that produced the score. Out of context, a quoted or ironic sentence can look stronger than it is meant."
    )
)
for label, frame, name in ((t("Most negative"), neg, "neg"), (t("Most positive"), pos, "pos")):
    st.markdown(f"**{label}**")
    st.markdown(quotes_html(frame), unsafe_allow_html=True)  # every fragment escaped inside
    with st.expander(t("Show as a table")):
        st.dataframe(
            safe_table(frame[list(cols)].rename(columns=cols)),
            hide_index=True,
            width="stretch",
            column_config=config,
            key=f"tone_strongest_{name}",
        )
