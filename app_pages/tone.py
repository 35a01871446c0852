"""Tone: article tone over time, sentence tone per article, label shares, strongest sentences."""

import pandas as pd
import streamlit as st

from components import cached
from components.article_view import quotes_html
from components.i18n import t, translator
from components.ui import (
    current_view,
    language_note,
    no_articles,
    show_chart,
    undated_note,
)
from tonlage.present import charts
from tonlage.present.safe import safe_table

MAX_ARTICLES = 30  # per-article charts stay readable; the page says when it caps

view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("tone_title"), anchor=False)
st.markdown(t("tone_intro"))

arts = cached.articles_in_view(key, f)
language_note(arts, themes=False)
if len(arts) == 0:
    no_articles()
    st.stop()

show_chart(charts.tone_timeline_figure(arts, events=cached.events(key, view.lang), tr=tr), key="tone_timeline",
           read=t("read_tone_time"), articles=arts,
           data=arts[["title", "date_label", "tone", "n_sentences"]].rename(columns={
               "title": t("col_title"), "date_label": t("col_date"), "tone": t("col_tone"),
               "n_sentences": t("col_sentences")}))
undated_note(int(arts["date"].isna().sum()))

shown, sents = cached.sentences_for(key, f, MAX_ARTICLES)
if len(arts) > MAX_ARTICLES:
    st.caption(t("tone_capped", n=MAX_ARTICLES, total=len(arts)))
titles = dict(zip(shown["article_id"], shown["title"]))
show_chart(charts.sentence_tone_figure(sents, shown, tr=tr), key="tone_sentences", read=t("read_sent_dist"),
           articles=shown,
           data=pd.DataFrame({t("col_title"): sents["article_id"].map(titles), t("col_nr"): sents["sent_idx"] + 1,
                              t("col_tone"): sents["tone"].round(2),
                              t("col_label"): sents["tone_label"].map(lambda x: t(f"label_{x}")),
                              t("col_sentence"): sents["text"]}))
show_chart(charts.tone_shares_figure(shown, tr=tr), key="tone_shares", read=t("read_shares"), articles=shown,
           data=shown[["title", "date_label", "share_negative", "share_neutral", "share_positive", "n_sentences"]]
           .assign(share_negative=(shown["share_negative"] * 100).round(0),
                   share_neutral=(shown["share_neutral"] * 100).round(0),
                   share_positive=(shown["share_positive"] * 100).round(0))
           .rename(columns={"title": t("col_title"), "date_label": t("col_date"),
                            "share_negative": t("col_negative"), "share_neutral": t("col_neutral"),
                            "share_positive": t("col_positive"), "n_sentences": t("col_sentences")}))

st.subheader(t("tone_strongest"), anchor=False)
neg, pos = cached.strongest(key, f, 5)
cols = {"title": t("col_article"), "date_label": t("col_date"), "text": t("col_sentence"),
        "tone": t("col_tone"), "evidence": t("col_evidence")}
config = {t("col_sentence"): st.column_config.TextColumn(width="large"),
          t("col_article"): st.column_config.TextColumn(width="small"),
          t("col_evidence"): st.column_config.TextColumn(width="medium"),
          t("col_tone"): st.column_config.NumberColumn(format="%+.2f", width="small")}
st.caption(t("tone_strongest_help"))
for label, frame, name in ((t("tone_strongest_neg"), neg, "neg"), (t("tone_strongest_pos"), pos, "pos")):
    st.markdown(f"**{label}**")
    st.markdown(quotes_html(frame), unsafe_allow_html=True)  # every fragment escaped inside
    with st.expander(t("data_table")):
        st.dataframe(safe_table(frame[list(cols)].rename(columns=cols)), hide_index=True, width="stretch",
                     column_config=config, key=f"tone_strongest_{name}")
