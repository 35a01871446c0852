"""Overview: the corpus at a glance."""

import streamlit as st

from components import cached
from components.findings_view import render_findings
from components.i18n import format_int, t, translator
from components.ui import (
    current_view,
    no_articles,
    period_label,
    show_chart,
    undated_note,
)
from tonlage.present import charts
from tonlage.present.safe import safe_table
from tonlage.thresholds import MEAN_TONE_NEUTRAL_BAND

view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("overview_title"), anchor=False)
st.markdown(t("overview_intro"))

skipped = cached.skipped(key)
if len(skipped):
    with st.expander(t("skipped_title", n=len(skipped)), expanded=True, icon=":material/warning:"):
        st.dataframe(safe_table(skipped.rename(columns={"file": t("skipped_file"), "reason": t("skipped_reason")})),
                     hide_index=True, width="stretch", key="overview_skipped")

s = cached.summary(key, f)
if s["n_articles"] == 0:
    no_articles()
    st.stop()

c = st.columns([0.8, 1.5, 1, 1, 1.1])
c[0].metric(t("metric_articles"), f"{s['n_articles']}",
            help=t("metric_undated", n=s["n_undated"]) if s["n_undated"] else None)
period = period_label(s["first"], s["last"])
c[1].metric(t("metric_period"), period)
c[2].metric(t("metric_words"), format_int(s["n_words"], view.lang))
c[3].metric(t("metric_sentences"), format_int(s["n_sentences"], view.lang))
tone = s["tone"]
word = ("tone_word_neg" if tone is not None and tone <= -MEAN_TONE_NEUTRAL_BAND else
        "tone_word_pos" if tone is not None and tone >= MEAN_TONE_NEUTRAL_BAND else "tone_word_neu")
c[4].metric(t("metric_tone"), "–" if tone is None else f"{tone:+.2f}", delta=t(word), delta_color="off",
            delta_arrow="off", help=t("metric_tone_help"))

arts = cached.articles_in_view(key, f)
events = cached.events(key, view.lang)
fig = charts.tone_timeline_figure(arts, events=events, tr=tr)
read = t("read_tone_time_bucket") if len(arts.dropna(subset=["date"])) > charts.AGGREGATE_OVER else t("read_tone_time")
show_chart(fig, key="overview_tone_timeline", read=read, articles=arts,
           data=arts[["title", "date_label", "tone", "n_sentences", "date_note"]].rename(columns={
               "title": t("col_title"), "date_label": t("col_date"), "tone": t("col_tone"),
               "n_sentences": t("col_sentences"), "date_note": t("col_date_note")}))
undated_note(s["n_undated"])
render_findings(cached.view_findings(key, f), key=key, lang=view.lang, prefix="overview_f",
                page_chart_keys=("overview_tone_timeline", "overview_themes", "overview_actors"))

left, right = st.columns(2)
with left:
    th = cached.theme_table(key, f)
    show_chart(charts.theme_weight_figure(th, tr=tr), key="overview_themes", read=t("read_theme_weight"),
               articles=arts,
               data=th[["theme_id", "label", "share", "n_articles"]].assign(
                   theme_id=th["theme_id"] + 1, share=(th["share"] * 100).round(1)).rename(columns={
                   "theme_id": t("col_nr"), "label": t("col_theme"), "share": t("col_share") + " %",
                   "n_articles": t("col_n_articles")}))
with right:
    at = cached.actor_table(key, f)
    show_chart(charts.actor_mentions_figure(at, tr=tr, top=10), key="overview_actors",
               read=t("read_actor_mentions"), articles=arts,
               actor_articles=cached.actor_articles_in_view(key, f),
               data=at.head(10).rename(columns={"actor": t("col_actor"), "kind": t("col_kind"),
                                                 "mentions": t("col_mentions"), "n_articles": t("col_n_articles"),
                                                 "n_sentences": t("col_sentences"), "tone": t("col_tone")}))
