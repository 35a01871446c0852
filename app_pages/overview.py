"""Overview: the corpus at a glance."""

import streamlit as st

from components import cached
from components.cached import charts
from components.findings_view import render_findings
from components.i18n import shown_table, t, tn, translator
from components.ui import (
    actor_columns,
    actor_list_line,
    current_view,
    dated,
    end_page,
    later,
    no_articles,
    outside_in_view,
    period_data,
    period_label,
    period_note,
    period_reading,
    show_chart,
    undated_note,
)
from tonlage.present.views import tone_word
from tonlage.thresholds import MIN_ARTICLE_SENTENCES, MIN_POINT_ARTICLES

view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("Corpus at a glance"), anchor=False)
st.markdown(
    t(
        "Tonlage reads a collection of German news articles and shows how their wording — negative, neutral or positive — and their themes change over time. Use the sidebar to narrow down the articles; click any point to read the article behind it."
    )
)

skipped = cached.skipped(key)
if len(skipped):
    with st.expander(
        t("{n} file(s) could not be read and are left out", n=len(skipped)),
        expanded=True,
        icon=":material/warning:",
        key="overview_skipped_panel",  # known by its key, not its label: a language switch keeps it as it was
    ):
        st.dataframe(
            shown_table(skipped.rename(columns={"file": t("File"), "reason": t("Why")})),
            hide_index=True,
            width="stretch",
            key="overview_skipped",
        )

s = cached.summary(key, f)
if s["n_articles"] == 0:
    no_articles()
    end_page()

# Each figure as wide as it is written, side by side while they fit and on a second line when
# not: in fixed columns an archive's period was cut to "Jan 2024 – De…", and at 1,100 px the
# German mean tone to "−0…".
# The row of figures is drawn above the timeline but filled after it (below): the timeline reaches
# a fresh browser first, so it fetches the chart's scripts before the figures' (first paint).
figures = st.container(horizontal=True, gap="medium")
# A view the timeline draws as periods needs only its articles' numbers (and the text of the few
# far outside the main period, marked one by one); a smaller one, every light column.
numbers = cached.article_numbers_in_view(key, f)
main, outside = outside_in_view(key, numbers)
periods = cached.timeline_periods(numbers, outside)
arts = numbers if periods else cached.articles_in_view(key, f)

events = cached.events(key, view.lang)
has_dates = dated(arts)  # False: it said why there is no timeline
if has_dates:
    fig = charts.tone_timeline_figure(
        arts,
        events=events,
        tr=tr,
        outside=outside,
        outside_rows=cached.articles_by_id(key, outside) if periods and outside else None,
    )
    read = (
        period_reading(periods)
        if periods
        else t(
            "each dot is one article; higher means more positive wording, lower more negative. Dashed lines are events. Hover a dot for its title (on a square, also why its date was corrected); click it to read it."
        )
    )
    show_chart(
        fig,
        key="overview_tone_timeline",
        tone=True,
        read=read,
        articles=arts,
        data=period_data(arts)
        if periods
        else later(
            lambda arts=arts: arts[["title", "date_label", "tone", "n_sentences", "date_note"]],
            {
                "title": t("Title"),
                "date_label": t("Date"),
                "tone": t("Tone"),
                "n_sentences": t("Sentences"),
                "date_note": t("Date note"),
            },
        ),
    )
else:  # no time axis: how the articles' tone spreads stands in the timeline's place
    show_chart(
        charts.tone_spread_figure(arts, tr=tr),
        key="overview_tone_spread",
        tone=True,
        read=t(charts.TONE_SPREAD_READ),
        articles=arts,
        data=later(
            lambda arts=arts: charts.tone_spread_rows(arts),
            {k: t(v, n=MIN_ARTICLE_SENTENCES) for k, v in charts.TONE_SPREAD_NAMES.items()},
        ),
    )
# What stands out in the view, shown below the charts, found meanwhile in the background (after
# the first chart, which a fresh browser gets without waiting for it): most of it is NumPy over
# the long tables, which leaves the interpreter to the charts.
cached.ahead(cached.view_findings, key, f, False)
if f.words and has_dates:  # how often the press used the reader's words, week by week
    ws = cached.words_share(key, f)
    show_chart(
        charts.words_share_figure(ws, events=events, tr=tr),
        key="overview_words",
        read=t(charts.WORDS_SHARE_READ, words=f.words, n=MIN_POINT_ARTICLES),
        articles=arts,
        data=later(lambda ws=ws: charts.words_share_rows(ws), {k: t(v) for k, v in charts.WORDS_SHARE_NAMES.items()}),
    )
figures.metric(
    t("Articles"),
    tr.integer(s["n_articles"]),
    help=t("undated: {n}", n=s["n_undated"]) if s["n_undated"] else None,
    width="content",
)
period = period_label(s["first"], s["last"])
figures.metric(
    t("Period"),
    period,
    help=tn(
        "Including {n} article far outside the main period; the main period is {period}.",
        "Including {n} articles far outside the main period; the main period is {period}.",
        len(outside),
        period=tr.days(main["start"], main["end"]),
    )
    if outside and main
    else t("No article in view has a date.")
    if s["n_undated"] == s["n_articles"]
    else None,
    width="content",
)
for label, n in ((t("Words"), s["n_words"]), (t("Sentences"), s["n_sentences"])):
    exact = tr.integer(n)
    shown = tr.count(n)
    figures.metric(label, shown, help=t("Exactly {n}.", n=n) if shown != exact else None, width="content")
tone, low, high = cached.view_tone(key, f)
word = tone_word(tone, low, high)
interval = ""
if low is not None and high is not None:
    low_text, high_text = tr.interval(low, high)
    interval = t(
        "Its 95% interval: {low} … {high}; the word under it follows that interval.", low=low_text, high=high_text
    )
figures.metric(
    t("Mean tone"),
    tr.signed(tone),
    delta=t(word),
    delta_color="off",
    delta_arrow="off",
    help=t(
        "Mean tone of all scored sentences in view, from −1 (negative) to +1 (positive), the same figure as the first finding below; a long article weighs more than a short one. Around 0 means mostly neutral wording. The chart below gives each article one vote, so its points can differ a little from this figure."
    )
    + (" " + interval if interval else ""),
    width="content",
)

if s["n_undated"] < s["n_articles"]:  # all undated: the timeline's place says so
    undated_note(s["n_undated"])
if outside and main:
    period_note(len(outside), main["start"], main["end"])
render_findings(
    cached.view_findings(key, f, evidence=False),  # the examples when the reader opens them
    key=key,
    lang=view.lang,
    prefix="overview_f",
    page_chart_keys=("overview_tone_timeline", "overview_themes", "overview_actors"),
    later=lambda: cached.view_findings(key, f),
)

# One under the other, each the page's width: side by side at 1,100 px the themes' names were cut
# at the left edge ("a 2: Waffenruhe …") and their bars a sliver.
th = cached.theme_table(key, f)
show_chart(
    charts.theme_weight_figure(th, tr=tr),
    key="overview_themes",
    read=t("how much of the text, on average, belongs to each theme."),
    articles=arts,
    data=later(
        lambda th=th: th[["theme_id", "label", "share", "n_articles"]].assign(
            theme_id=th["theme_id"] + 1, share=(th["share"] * 100).round(1)
        ),
        {
            "theme_id": t("No."),
            "label": t("Main theme"),
            "share": t("Share") + " %",
            "n_articles": t("Articles"),
        },
    ),
)
at = cached.actor_table(key, f)
show_chart(
    charts.actor_mentions_figure(at, tr=tr, top=10),
    key="overview_actors",
    read=t("how often each person, institution or country is named (all spellings and forms counted together)."),
    articles=arts,
    # Made only when a bar is clicked: the view's actor rows are a copy of up to millions of
    # rows that a first-time filter made on every Overview for a click that seldom comes.
    actor_articles=lambda: cached.actor_articles_in_view(key, f),
    data=later(lambda at=at: at.head(10), actor_columns()),
)
actor_list_line(key, names=False)
