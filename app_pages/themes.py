"""Themes: the table of themes, then four parts (tabs; only the open one is built): each theme's
share over time, the words that make each theme, the tone per theme, the room each outlet gives
each theme; below them, the reader's changes to the themes."""

import streamlit as st

from components import cached, state
from components.cached import charts
from components.findings_view import compare_source_button, statement
from components.i18n import local_numbers, number_column, t, t_plain, tn, translator
from components.theme_edits_view import merged_ids, render_theme_edits
from components.ui import (
    current_view,
    dated,
    end_page,
    language_note,
    later,
    no_articles,
    page_tabs,
    show_chart,
    theme_mode_line,
    theme_period_data,
    undated_note,
)
from tonlage.model import THEME_LANGUAGES
from tonlage.present.safe import Md
from tonlage.present.views import stability_text, too_few_for_stability, unstable_themes
from tonlage.report.images import SLIDE_HEIGHT
from tonlage.themes.labels import shown_terms
from tonlage.thresholds import (
    MIN_POINT_ARTICLES,
    SLIDE_THEME_PANELS,
    THEME_STABILITY_MIN_ARTICLES,
    THEME_STABLE_FROM,
    THEME_TIME_LINES,
    THEME_UNSTABLE_BELOW,
)

# Up to this many unstable themes are named in the warning; more are counted (the table names
# them): at 100,000 articles, 13 of 25 names made a warning of five lines.
UNSTABLE_NAMED_MAX = 3


def said_by_test(standout, named: str) -> None:
    """What the test says of the gaps the chart by source shows (the Overview's finding, the
    same), in a box under the chart's reading."""
    with st.container(border=True):
        if standout is None:
            from tonlage.findings import MIN_THEME_CHANGE

            st.markdown(
                t(
                    "No source gives a theme {points} percentage points more or less room than the other sources in view.",
                    points=tr.integer(round(MIN_THEME_CHANGE * 100)),
                )
            )
        else:
            st.markdown(statement(standout, view.lang))
            compare_source_button(named, key="themes_sources_compare")


view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("Themes: what are the articles about?"), anchor=False)
st.markdown(
    t(
        "Themes are found automatically: words that tend to occur together form a theme, named after its strongest words that few other themes share. Each article is a mix of themes."
    )
)
theme_mode_line(key)

arts = cached.articles_in_view(key, f)
language_note(arts, themes=True)
th = cached.theme_table(key, f)
if len(arts) == 0:
    no_articles()
    end_page()
if len(th) == 0:  # articles are there, but no themes could be built from them: say why
    n_german = int(arts["language"].isin(THEME_LANGUAGES).sum())
    st.info(
        t(
            "No themes could be found: the {n} German articles in view share too few words (after leaving out common words) to form themes. With more or longer articles, themes appear.",
            n=n_german,
        )
        if n_german
        else t(
            "No themes to show: themes are built from German text, and none of the {n} articles in view is in German. Their tone and actors are on the other pages.",
            n=len(arts),
        )
    )
    end_page()

corpus = cached.get_corpus(key)
merged, few = merged_ids(corpus), too_few_for_stability(corpus.themes)
STABLE = t("How stable")
table = th.assign(
    theme_id=th["theme_id"] + 1,
    share=(th["share"] * 100).round(1),
    tone=th["tone"].round(2),
    stability=[
        stability_text(v, tr, merged=int(i) in merged, few=int(i) in few)
        for i, v in zip(th["theme_id"], th["stability"])
    ],
    # (a word that stands only inside a two-word term listed is left out, as on the chart below)
    terms=[", ".join(shown_terms(x, w)[0]) for x, w in zip(th["terms"], th["term_weights"])],
)[["theme_id", "label", "share", "n_articles", "tone", "stability", "terms"]].rename(
    columns={
        "theme_id": t("No."),
        "label": t("Main theme"),
        "share": t("Share") + " %",
        "n_articles": t("Articles"),
        "tone": t("Tone"),
        "stability": STABLE,
        "terms": t("Top words"),
    }
)
# Every tone with its sign and two decimals (round(2) showed "0" beside "0.01", "-0.1" beside
# "-0.02"), every number with the reader's decimal sign.
table, number_format = local_numbers(table, {t("Tone"): "%+.2f", t("Share") + " %": "%.1f", t("Articles"): "%d"})
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    key="themes_table",
    column_config={
        t("Tone"): number_column(format=number_format[t("Tone")]),
        t("Share") + " %": number_column(
            format=number_format[t("Share") + " %"],
            help=t("How much of the articles' text belongs to this theme, on average."),
        ),
        # Every article is a mix of all themes: the count is of those it leads (at 100,000
        # articles "28,626" beside a share of 17 % read as the theme's articles).
        t("Articles"): number_column(
            format=number_format[t("Articles")],
            help=t("Articles whose main theme this is: the theme with the largest share of their text."),
        ),
        STABLE: st.column_config.TextColumn(
            help=t(
                "Does the theme come back when the program is run again with another random start on 80% of the articles? 1 = all its articles come back together, 0 = none. Below {low}: unstable; from {high}: stable. A theme that leads fewer than {n} articles of the corpus has no figure: a rerun keeps or drops its one or two articles whole.",
                low=tr.decimal(THEME_UNSTABLE_BELOW),
                high=tr.decimal(THEME_STABLE_FROM),
                n=THEME_STABILITY_MIN_ARTICLES,
            )
        ),
    },
)
st.caption(
    t(
        "A name that says little, two themes that are one subject for you, a theme that is only noise? Change them under “Change the themes” at the bottom of this page."
    )
)
shaky = unstable_themes(th, few)
if 0 < len(shaky) <= UNSTABLE_NAMED_MAX:
    names = [t_plain("{n} “{label}”", n=int(i) + 1, label=x) for i, x in zip(shaky["theme_id"], shaky["label"])]
    st.warning(
        tn(
            "Theme {names} is unstable: it changes when the program is run again with another random start. Treat it with care, and do not rest a conclusion on it alone.",
            "Themes {names} are unstable: they change when the program is run again with another random start. Treat them with care, and do not rest a conclusion on them alone.",
            len(shaky),
            names=", ".join(names),
        ),
        icon=":material/warning:",
    )
elif len(shaky):  # many: a count; the table names them
    st.warning(
        tn(
            "{count} of {total} themes is unstable (marked “unstable” in the table above): it changes when the program is run again with another random start. Treat it with care, and do not rest a conclusion on it alone.",
            "{count} of {total} themes are unstable (marked “unstable” in the table above): they change when the program is run again with another random start. Treat them with care, and do not rest a conclusion on them alone.",
            len(shaky),
            count=len(shaky),
            total=len(th),
        ),
        icon=":material/warning:",
    )


def over_time() -> None:
    """Each theme's share of the text over time."""
    # Drawn as periods (a large view), the chart reads no title or label of the articles: their
    # themes come summed per week or month from the corpus index (views.theme_periods), and the
    # data behind it is one row per theme and period.
    if not dated(arts):  # it says why there is nothing over time
        return
    periods = cached.theme_time_periods(key, f)
    tp = cached.theme_shares(key, f) if periods else cached.theme_points(key, f)
    time_fig = charts.theme_time_figure(tp, th, events=cached.events(key, view.lang), tr=tr)
    hidden, rows = charts.legend_only_lines(time_fig), charts.theme_rows(time_fig)
    show_chart(
        time_fig,
        key="themes_time",
        read=t(
            "each line is one theme; a point is the mean share of the theme in the text of the articles of that week, or of that month where the weeks hold fewer than {n} articles on average (the share of fewer articles swings by chance). The thin line through a point is its 95% interval: where two points' lines overlap, the change between them may be chance.",
            n=charts.THEME_WEEK_ARTICLES,
        )
        if periods
        else t(
            "each row is one theme; a dot is one article at its date, and the larger it is, the more of the article's text belongs to the theme (shares under {share} are left out).",
            share=tr.percent(charts.THEME_DOT_SHARE),
        )
        if charts.theme_time_dots(tp)
        else t("each line is one theme; a point shows how much of that article's text belongs to the theme."),
        articles=arts,
        data=theme_period_data(key, f, th)
        if periods
        else later(
            lambda tp=tp: tp.assign(theme_id=tp["theme_id"] + 1, share=(tp["share"] * 100).round(1))[
                ["title", "date_label", "theme_id", "share"]
            ],
            {"title": t("Title"), "date_label": t("Date"), "theme_id": t("No."), "share": t("Share") + " %"},
        ),
        # An image cannot click a theme in: it shows the lines drawn, and says which. A slide
        # holds the rows of as many themes (25 rows of dots ran into each other there).
        exported=(
            lambda: charts.drawn_lines_only(time_fig)[0],
            t_plain(
                "Shown: the {n} largest of {total} themes; the app shows them all.",
                n=THEME_TIME_LINES,
                total=THEME_TIME_LINES + hidden,
            ),
        )
        if hidden
        else (
            lambda: charts.theme_time_figure(
                tp, th, events=cached.events(key, view.lang), tr=tr, max_rows=THEME_TIME_LINES
            ),
            t_plain(
                "Shown: the {n} largest of {total} themes; the app shows them all.", n=THEME_TIME_LINES, total=rows
            ),
        )
        if rows > THEME_TIME_LINES
        else None,
    )
    undated_note(int(arts["date"].isna().sum()))


def words_of_each_theme() -> None:
    """The words that make each theme."""
    show_chart(
        charts.theme_terms_figure(cached.theme_terms(key), tr=tr),  # the same in every view: built once
        key="themes_terms",
        read=t(
            "a theme is a group of words that often appear together. Longer bars are words that matter more for the theme."
        ),
        data=table,
        # A slide holds two rows of panels: twelve themes' were squeezed into words that overlapped.
        exported=(
            lambda: charts.theme_terms_figure(
                th, tr=tr, max_panels=SLIDE_THEME_PANELS, n_terms=6, fixed_height=SLIDE_HEIGHT
            ),
            t_plain(
                "Shown: the {n} largest of {total} themes; the app shows them all.", n=SLIDE_THEME_PANELS, total=len(th)
            ),
        )
        if len(th) > SLIDE_THEME_PANELS
        else None,
    )


def tone_by_theme() -> None:
    """The tone of the articles of each theme."""
    tone_th = cached.theme_tone_table(key, f)
    show_chart(
        charts.theme_tone_figure(tone_th, tr=tr),
        key="themes_tone",
        tone=True,
        read=t(
            "the average tone of the articles, each weighted by how much of its text belongs to the theme. The line across a bar is its 95% interval; a pale bar's interval includes 0, so its direction may be chance. Hatched bars rest on few articles: read them with care."
        ),
        articles=arts,
        data=later(
            lambda: tone_th.assign(
                theme_id=tone_th["theme_id"] + 1,
                tone=tone_th["tone"].round(2),
                tone_low=tone_th["tone_low"].round(3),
                tone_high=tone_th["tone_high"].round(3),
            )[["theme_id", "label", "tone", "tone_low", "tone_high", "n_articles"]],
            {
                "theme_id": t("No."),
                "label": t("Main theme"),
                "tone": t("Tone"),
                "tone_low": t("95% interval from"),
                "tone_high": t("95% interval to"),
                "n_articles": t("Articles"),
            },
        ),
    )


def outlets() -> None:
    """Which theme each outlet gives more room than the others do."""
    # The outlet the Overview's finding names is drawn even when it is not among the largest:
    # its "See the chart" leads here.
    standout = cached.source_theme_finding(key, f)
    named = str(standout.values["source"]) if standout is not None else ""
    by_source, n_outlets = cached.source_themes(key, f, (named,) if named else ())
    drawn = by_source["source"].nunique() - 1  # less the row of all articles in view
    if drawn >= 2:
        everyone = t_plain("All articles in view")
        left_out = ""
        if n_outlets > drawn:
            largest = min(drawn, charts.SOURCE_LINES)  # the named one comes after the largest
            left_out = " " + (
                t(
                    "The {shown} sources with the most articles with themes in view are drawn, of {n}, and {source}, which the statement under the chart names; the sidebar's Source filter picks others.",
                    shown=largest,
                    n=n_outlets,
                    source=named,
                )
                if largest < drawn
                else t(
                    "The {shown} sources with the most articles with themes in view are drawn, of {n}; the sidebar's Source filter picks others.",
                    shown=drawn,
                    n=n_outlets,
                )
            )
        show_chart(
            charts.source_theme_figure(by_source, tr=tr),
            key="themes_sources",
            read=Md(t(charts.SOURCE_THEMES_READ, n=MIN_POINT_ARTICLES) + left_out),  # each part escaped
            what=standout.marked(view.lang) if standout is not None else "",  # its slide says it too
            articles=arts,
            data=later(
                lambda by_source=by_source, everyone=everyone: charts.source_theme_rows(by_source, everyone),
                {k: t(v) for k, v in charts.SOURCE_THEME_NAMES.items()},
            ),
            said=lambda: said_by_test(standout, named),
        )
    else:
        st.caption(t("Fewer than two sources have articles with themes in view: there is nothing to set side by side."))


# One part at a time: only the open tab is built (a new word search at 100,000 articles built
# four charts, ~190-200 ms; the first part's time chart is most of that: ~160 ms in a server).
parts = {
    "time": (t("Over time"), over_time),
    "words": (t("Words of each theme"), words_of_each_theme),
    "tone": (t("Tone by theme"), tone_by_theme),
}
if len(cached.options(key)["sources"]) > 1:  # the articles name their outlets: which gives a theme room?
    parts["sources"] = (t("By source"), outlets)
tabs = page_tabs(
    {name: label for name, (label, _) in parts.items()},
    key="themes_part",
    link=state.PART_QP,
    first=None if arts["date"].notna().any() else "words",  # no date: nothing over time to show
)
for name, (_, part) in parts.items():
    if tabs[name].open:
        with tabs[name]:
            part()

render_theme_edits(view)
