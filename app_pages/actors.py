"""Actors: who is mentioned how often, and the tone of the sentences that mention them."""

import streamlit as st

from components import cached, share, state
from components.i18n import t, translator
from components.ui import current_view, no_articles, show_chart, undated_note
from tonlage.present import charts

view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("actors_title"), anchor=False)
st.markdown(t("actors_intro"))

arts = cached.articles_in_view(key, f)
if len(arts) == 0:
    no_articles()
    st.stop()
at = cached.actor_table(key, f)
if len(at) == 0:
    st.info(t("actors_none"))
    st.stop()
aa = cached.actor_articles_in_view(key, f)

cols = {"actor": t("col_actor"), "kind": t("col_kind"), "mentions": t("col_mentions"),
        "n_articles": t("col_n_articles"), "n_sentences": t("col_sentences"), "tone": t("col_tone")}
show_chart(charts.actor_mentions_figure(at, tr=tr), key="actors_mentions", read=t("read_actor_mentions"),
           articles=arts, actor_articles=aa,
           data=at.assign(kind=at["kind"].map(lambda k: t(f"kind_{k}")), tone=at["tone"].round(2)).rename(columns=cols))

names = list(at["actor"])
share.restore_list(state.ACTOR_PICK, "pick", names)
if state.ACTOR_PICK not in st.session_state:
    st.session_state[state.ACTOR_PICK] = names[:3]
else:  # keep only actors still in view
    st.session_state[state.ACTOR_PICK] = [a for a in st.session_state[state.ACTOR_PICK] if a in names][:8]
picked = st.multiselect(t("actors_pick"), options=names, key=state.ACTOR_PICK, max_selections=8)
share.publish_page({"pick": list(picked)})
pts = cached.actor_points(key, f, tuple(picked))
show_chart(charts.actor_tone_time_figure(pts, events=cached.events(key, view.lang), tr=tr), key="actors_tone_time",
           read=t("read_actor_tone"), articles=arts,
           data=pts[["actor", "title", "date_label", "n_sentences", "tone"]].assign(tone=pts["tone"].round(2))
           .rename(columns={"actor": t("col_actor"), "title": t("col_title"), "date_label": t("col_date"),
                            "n_sentences": t("col_sentences"), "tone": t("col_tone")}))
undated_note(int(arts["date"].isna().sum()))
