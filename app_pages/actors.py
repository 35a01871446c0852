"""Actors: who is mentioned how often, and the tone of the sentences that mention them."""

import streamlit as st

from components import cached, share, state
from components.cached import charts
from components.i18n import t, t_plain, translator
from components.ui import (
    actor_columns,
    actor_list_line,
    actor_period_data,
    actor_period_reading,
    current_view,
    dated,
    end_page,
    later,
    no_articles,
    show_chart,
    undated_note,
)
from tonlage.i18n import ACTOR_KINDS
from tonlage.thresholds import MIN_POINT_ARTICLES

view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("Actors: who is talked about, and in what tone?"), anchor=False)
st.markdown(
    t(
        "People, institutions and countries are found by a list of names and spellings (e.g. 'Lawrow', 'Lavrov', "
        "'Lawrows'). A role counts for the person the article gives it: after 'US-Präsident Donald Trump', "
        "'der US-Präsident' in the same article counts for Trump."
    )
)
actor_list_line(key)  # a workspace's readers choose whom it follows

arts = cached.articles_in_view(key, f)
if len(arts) == 0:
    no_articles()
    end_page()
at = cached.actor_table(key, f)
if len(at) == 0:
    st.info(t("No actors are mentioned in the articles shown."))
    end_page()


def aa():
    """The view's actor rows, made only when a bar or mark is clicked (see the Overview)."""
    return cached.actor_articles_in_view(key, f)


cols = actor_columns()
show_chart(
    charts.actor_mentions_figure(at, tr=tr),
    key="actors_mentions",
    read=t("how often each person, institution or country is named (all spellings and forms counted together)."),
    articles=arts,
    actor_articles=aa,
    data=at.assign(kind=at["kind"].map(lambda k: t_plain(ACTOR_KINDS.get(k, k))), tone=at["tone"].round(2)).rename(
        columns=cols
    ),
)

names = list(at["actor"])
share.restore_list(state.ACTOR_PICK, "pick", names)
if state.ACTOR_PICK not in st.session_state:
    st.session_state[state.ACTOR_PICK] = names[:3]
else:  # keep only actors still in view
    st.session_state[state.ACTOR_PICK] = [a for a in st.session_state[state.ACTOR_PICK] if a in names][:8]
picked = st.multiselect(
    t("Actors to compare"),
    options=names,
    key=state.ACTOR_PICK,
    max_selections=8,
    select_all=False,  # all of them would pass the eight a chart can tell apart
    persist_state=state.KEEP,
)
share.publish_page({"pick": list(picked)})
if dated(arts):  # else it says why there is no chart over time
    pts = cached.actor_points(key, f, tuple(picked))
    periods = cached.actor_time_periods(key, f, tuple(picked))
    if periods:  # the weeks or months drawn, with their intervals
        data = actor_period_data(pts, periods)
    else:
        data = later(
            lambda pts=pts: pts[["actor", "title", "date_label", "n_sentences", "tone"]].assign(
                tone=pts["tone"].round(2)
            ),
            {
                "actor": t("Actor"),
                "title": t("Title"),
                "date_label": t("Date"),
                "n_sentences": t("Sentences"),
                "tone": t("Tone"),
            },
        )
    show_chart(
        charts.actor_tone_time_figure(pts, events=cached.events(key, view.lang), tr=tr),
        key="actors_tone_time",
        tone=True,
        read=actor_period_reading(periods, len(pts)),
        articles=arts,
        actor_articles=aa,
        data=data,
    )
    undated_note(int(arts["date"].isna().sum()))

if picked and cached.options(key)["sources"]:  # the articles name their outlets: who talks of whom how?
    if st.session_state.get(state.ACTOR_SOURCE) not in picked:
        st.session_state[state.ACTOR_SOURCE] = picked[0]
    actor = st.selectbox(t("How each source talks about"), picked, key=state.ACTOR_SOURCE, persist_state=state.KEEP)
    by_source, overall = cached.actor_source_tone(key, f, actor)
    if len(by_source) >= 2:
        show_chart(
            charts.source_tone_figure(by_source, overall=overall, actor=actor, tr=tr),
            key="actors_sources",
            tone=True,
            read=t(charts.ACTOR_SOURCE_TONE_READ, actor=actor, n=MIN_POINT_ARTICLES),
            articles=arts,
            actor_articles=aa,
            data=later(
                lambda by_source=by_source: charts.source_tone_rows(by_source),
                {k: t(v) for k, v in charts.SOURCE_TONE_NAMES.items()},
            ),
        )
    else:
        st.caption(t("The sentences naming {actor} come from one source or none: nothing to compare.", actor=actor))

st.subheader(t("What they say, and how they are talked about"), anchor=False)
voices = cached.actor_voices(key, f)  # the actors of the table above
if voices.empty:
    st.caption(t("No actor in view is quoted or named in a scored sentence."))
else:
    show_chart(
        charts.actor_voice_figure(voices, tr=tr),
        key="actors_voices",
        tone=True,
        read=t(
            "diamonds are the tone of the actor's own quoted words, circles the tone of the sentences about the actor (their own quotes left out). Hollow marks rest on fewer than 10 sentences: an indication, not a finding. A quote can be given to the wrong speaker: on hand-labelled news pages, about 7 in 10 of the quotes Tonlage gives to someone are theirs, so read a diamond's sentences before you cite it."
        ),
        articles=arts,
        actor_articles=aa,
        data=voices[["actor", "n_says", "tone_says", "n_about", "tone_about"]]
        .assign(tone_says=voices["tone_says"].round(2), tone_about=voices["tone_about"].round(2))
        .rename(
            columns={
                "actor": t("Actor"),
                "n_says": t("Own quoted sentences"),
                "tone_says": t("Tone of what they say"),
                "n_about": t("Sentences about them"),
                "tone_about": t("Tone of how they are talked about"),
            }
        ),
    )
