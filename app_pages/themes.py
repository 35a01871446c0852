"""Themes: share over time, top terms with weights, tone per theme."""

import streamlit as st

from components import cached
from components.i18n import t, translator
from components.ui import (
    current_view,
    language_note,
    no_articles,
    show_chart,
    undated_note,
)
from tonlage.pipeline import THEME_LANGUAGES
from tonlage.present import charts

view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("themes_title"), anchor=False)
st.markdown(t("themes_intro"))

arts = cached.articles_in_view(key, f)
language_note(arts, themes=True)
th = cached.theme_table(key, f)
if len(arts) == 0:
    no_articles()
    st.stop()
if len(th) == 0:  # articles are there, but no themes could be built from them: say why
    n_german = int(arts["language"].isin(THEME_LANGUAGES).sum())
    st.info(t("themes_none_text", n=n_german) if n_german else t("themes_none_language", n=len(arts)))
    st.stop()

table = th.assign(theme_id=th["theme_id"] + 1, share=(th["share"] * 100).round(1), tone=th["tone"].round(2),
                  terms=th["terms"].map(lambda x: ", ".join(x)))[
    ["theme_id", "label", "share", "n_articles", "tone", "terms"]].rename(columns={
        "theme_id": t("col_nr"), "label": t("col_theme"), "share": t("col_share") + " %",
        "n_articles": t("col_n_articles"), "tone": t("col_tone"), "terms": t("col_terms")})

tp = cached.theme_points(key, f)
show_chart(charts.theme_time_figure(tp, th, events=cached.events(key, view.lang), tr=tr), key="themes_time",
           read=t("read_theme_time"), articles=arts,
           data=tp.assign(theme_id=tp["theme_id"] + 1, share=(tp["share"] * 100).round(1))[
               ["title", "date_label", "theme_id", "share"]].rename(columns={
                   "title": t("col_title"), "date_label": t("col_date"), "theme_id": t("col_nr"),
                   "share": t("col_share") + " %"}))
undated_note(int(arts["date"].isna().sum()))

show_chart(charts.theme_terms_figure(th, tr=tr), key="themes_terms", read=t("read_theme_terms"), data=table)
show_chart(charts.theme_tone_figure(th, tr=tr), key="themes_tone", read=t("read_theme_tone"), articles=arts,
           data=table)
