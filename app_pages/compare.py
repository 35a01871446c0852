"""Compare: two sides of the press side by side: before/after an event, two date ranges, or two
outlets (or groups of them) over the same days."""

import streamlit as st

from components import cached, compare_view, pack_view, state
from components.findings_view import CHART_PAGES, CHART_PARTS, render_findings
from components.i18n import t, tn, translator
from components.ui import (
    chart_caption,
    current_view,
    dated,
    end_page,
    no_articles,
    page_tabs,
    part_open,
    show_chart,
    source_period_data,
)
from tonlage.present import pack
from tonlage.present.compare_words import PERIODS, words_of
from tonlage.present.safe import escape_text
from tonlage.thresholds import MIN_POINT_ARTICLES

view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

title = st.empty()  # names what is compared, known once the reader has picked it
opts = cached.options(key)
has_sources = len(opts["sources"]) > 1
undated_corpus = opts["min_date"] is None  # no periods: outlets only (pick_windows)
st.markdown(
    t(
        "Where does the wording of two sources differ? No article has a date, so there are no periods to compare: pick an outlet, or several read as one, for each side. Each side is every article of its outlets in view. The filters in the sidebar still apply."
    )
    if has_sources and undated_corpus
    else t(
        "How did the wording change, and where does it differ? Pick an event to compare the articles before and after it, two date ranges, or two sources (or groups of them) over the same days. The filters in the sidebar still apply."
    )
    if has_sources
    else t(
        "How did the wording change? Pick an event to compare the articles before and after it, or pick two date ranges. The filters in the sidebar still apply."
    )
)

in_view = cached.source_tone(key, f)["source"].tolist() if has_sources else []  # most articles first
arts = cached.articles_in_view(key, f)
windows = compare_view.pick_windows(key, view.lang, arts["date"], in_view)
if windows is None:
    title.title(t(PERIODS.page_title), anchor=False)
    if undated_corpus:
        if not len(arts):
            no_articles()
        elif not has_sources:  # (with outlets, two can be compared: the text above says so)
            dated(arts)  # says that none has a date, and where dates are set
    end_page()
# The part open (components.ui.page_tabs keeps its name): with the example sentences open and
# their texts to read from the sentence store's parts, they are read in the background while the
# comparison is made (at 101,000 articles ~40 ms of a read, after ~55 ms of comparison, one after
# the other). Taken from memory, they are made after the comparison instead: both are then
# Python work, and made side by side they gained nothing (AppTest at 101,000 articles, median of
# six new searches on this part: 143 ms side by side, 145 ms in turn).
PARTS_KEY = "compare_part"
if part_open(PARTS_KEY) == "examples" and cached.corpus_index(key).sentences_from_disk():
    cached.ahead(cached.comparison_examples, key, f, *windows)
cmp = cached.comparison(key, f, *windows)
words = words_of(cmp)
title.title(t(words.page_title), anchor=False)
compare_view.render_summary(cmp)
undated = int(arts["date"].isna().sum())
# Two periods are of days: an article without one is on neither side. Two outlets' sides hold
# every article of theirs in view, dated or not (tonlage.compare.side_mask).
if undated and not cmp.by_source:
    st.caption(
        tn(
            "{n} article in view has no date and is on neither side of the comparison.",
            "{n} articles in view have no date and are on neither side of the comparison.",
            undated,
        )
    )
st.button(
    t("Add this comparison to the meeting pack"),
    key="compare_pin_all",
    icon=":material/slideshow:",
    type="primary",
    on_click=pack_view.pin_comparison,
    args=(view, cmp),
    kwargs={"title": st.session_state.get(compare_view.DECK_TITLE)},  # the findings: found on a click
    help=t(
        "Pins the tone and actor charts of this comparison and its findings. Quotes: pin the example sentences you want below."
    ),
)
caption = chart_caption(view, windows=(cmp.a, cmp.b))


def tone_part() -> None:
    show_chart(
        cached.charts.compare_tone_figure(cmp, tr=tr),
        key="compare_tone",
        tone=True,
        read=t(words.tone_read),
        data=pack.comparison_table(cmp, tr),
        caption=caption,
    )
    if cmp.by_source:  # two outlets: is the difference there all along, or in some weeks only?
        over_time, _, freq = cached.side_periods(key, f, *windows)
        if over_time["source"].nunique() == 2:
            show_chart(
                cached.charts.source_tone_time_figure(
                    over_time,
                    freq=freq,
                    events=cached.events(key, view.lang),
                    tr=tr,
                    members={cmp.a.label: cmp.a.sources, cmp.b.label: cmp.b.sources},
                ),
                key="compare_sources_time",
                tone=True,
                read=t(
                    "each line is one side: the mean tone of its articles per period, each article one vote (so a point can differ a little from the side's figure above, the mean of its sentences), with a bar for its 95% interval; hollow points rest on fewer than {n} articles and have no bar. Where the two bars overlap in a period, the difference in that period may be chance.",
                    n=MIN_POINT_ARTICLES,
                ),
                articles=cached.articles_in_view(key, f),
                data=source_period_data(over_time),
                caption=caption,
            )


def findings_part() -> None:
    render_findings(
        cached.comparison_findings(key, f, *windows),
        key=key,
        lang=view.lang,
        prefix="compare_f",
        # Each chart a finding can point to, in its part (CHART_PARTS; the first where none is named).
        page_parts={
            chart: (PARTS_KEY, labels[CHART_PARTS.get(chart, "tone")])
            for chart, page in CHART_PAGES.items()
            if page == "app_pages/compare.py"
        },
        heading=False,  # the part's tab bears the name
    )


def changes_part() -> None:
    # One under the other, each the page's width: side by side, long theme names left the
    # themes' bars a sliver, with their axis title cut ("Veränderung des Textanteils (Pp"), even
    # at 1,400 px.
    for chart_key in pack.CHANGE_CHARTS:
        fig, read, table = cached.compare_chart(chart_key, cmp, tr)
        show_chart(fig, key=chart_key, read=read, data=table, caption=caption)
    fig, read, table = cached.compare_chart("compare_actor_tone", cmp, tr)
    if len(table):
        show_chart(fig, key="compare_actor_tone", tone=True, read=read, data=table, caption=caption)
    else:
        st.caption(escape_text(read))  # why there is no chart


def examples_part() -> None:
    compare_view.render_examples(cmp, cached.comparison_examples(key, f, *windows), key)


# One part at a time, as on the Tone and Themes pages: a new word search at 100,000 articles
# made the comparison (~55 ms), its findings (~60 ms) and five charts before the page was done.
labels = {
    "tone": t("Tone"),
    "findings": t("What stands out"),
    "changes": t("Themes and actors"),
    "examples": t("Example sentences"),
}
parts = page_tabs(labels, key=PARTS_KEY, link=state.PART_QP)
for name, part in (
    ("tone", tone_part),
    ("findings", findings_part),
    ("changes", changes_part),
    ("examples", examples_part),
):
    if parts[name].open:
        with parts[name]:
            part()
