"""Tone, in four parts (tabs; only the open one is built): the articles' tone over time and by
source; every sentence's tone and the label shares per article; the author's words against the
quoted voices; the strongest sentences, with the box that corrects one."""

import pandas as pd
import streamlit as st

from components import cached, compare_view, state
from components.article_view import quotes_html
from components.cached import charts
from components.findings_view import statement
from components.i18n import date_column, label_dates, local_numbers, number_column, shown_table, t, tn, translator
from components.review_view import corrected_here, correction_panel, sentence_ref
from components.ui import (
    current_view,
    dated,
    end_page,
    language_note,
    later,
    lazy_expander,
    no_articles,
    outside_in_view,
    page_tabs,
    period_data,
    period_note,
    period_reading,
    show_chart,
    source_period_data,
    tone_stamp_line,
    undated_note,
)
from tonlage.present.safe import Md
from tonlage.thresholds import MIN_POINT_ARTICLES

MAX_ARTICLES = 30  # per-article charts stay readable; the page says when it caps
STRONGEST = 5  # sentences on each side


def said_by_test(tested: list) -> None:
    """What the test says of the gaps the chart by source shows (the Overview's findings, the
    same), in a box under the chart's reading."""
    if tested:
        with st.container(border=True):
            for found in tested:
                st.markdown(statement(found, view.lang))


view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("Tone: how negative or positive is the wording?"), anchor=False)
st.markdown(
    t(
        "Every sentence gets a score from −1 (negative words such as 'Fiasko') to +1 (positive words such as 'Erfolg'), from a German word list with rules for negation ('nicht', 'kein'), word senses and compounds, weighed by a small model trained on labelled news sentences. An article's tone is the mean of its sentences. How far this agrees with a human reader on this corpus is under every chart; check more sentences on the page 'Check the tone'."
    )
)

arts = cached.articles_in_view(key, f)
language_note(arts, themes=False)
if len(arts) == 0:
    no_articles()
    end_page()


def latest_note(shown: pd.DataFrame) -> None:
    """Says that the per-article charts show the latest articles only, when they do, and which
    where some have no date (the most recent dated ones come first, then undated ones by ID)."""
    if len(arts) <= MAX_ARTICLES:
        return
    undated = int(shown["date"].isna().sum())
    if not undated:
        st.caption(t("Showing the {n} most recent of {total} articles.", n=len(shown), total=len(arts)))
    elif undated == len(shown):
        st.caption(
            t(
                "Showing {n} of {total} articles. None of them has a date, so they are not the most recent but the last {n} in the order of their IDs; the Articles page lists them all.",
                n=len(shown),
                total=len(arts),
            )
        )
    else:
        st.caption(
            t(
                "Showing {n} of {total} articles: all {dated} with a date, and {undated} without one (the last in the order of their IDs).",
                n=len(shown),
                total=len(arts),
                dated=len(shown) - undated,
                undated=undated,
            )
        )


def over_time() -> None:
    """The tone of the articles over time, overall and by source."""
    main, outside = outside_in_view(key, arts)
    periods = cached.timeline_periods(arts, outside)
    # Read once for the part's time charts: each read opens the workspace's database for the
    # events' revision (~1-2 ms at 101,000 articles, on every run of the page).
    events = cached.events(key, view.lang)
    if dated(arts):  # else it says why there is no timeline
        show_chart(
            charts.tone_timeline_figure(arts, events=events, tr=tr, outside=outside),
            key="tone_timeline",
            tone=True,
            read=period_reading(periods)
            if periods
            else t(
                "each dot is one article; higher means more positive wording, lower more negative. Dashed lines are events. Hover a dot for its title (on a square, also why its date was corrected); click it to read it."
            ),
            articles=arts,
            data=period_data(arts)
            if periods
            else later(
                lambda arts=arts: arts[["title", "date_label", "tone", "n_sentences"]],
                {"title": t("Title"), "date_label": t("Date"), "tone": t("Tone"), "n_sentences": t("Sentences")},
            ),
        )
        undated_note(int(arts["date"].isna().sum()))
        if outside and main:
            period_note(len(outside), main["start"], main["end"])

    if cached.options(key)["sources"]:  # the articles name their outlets: does one word it otherwise?
        by_source = cached.source_tone(key, f)
        if len(by_source) >= 2:
            overall = cached.view_tone(key, f)[0]
            n_drawn = min(len(by_source), charts.SOURCE_BARS)
            without = len(arts) - int(by_source["n_articles"].sum())
            tested = cached.source_tone_findings(key, f)  # said under the chart, and on its slide
            show_chart(
                charts.source_tone_figure(by_source, overall=overall, tr=tr),
                key="tone_sources",
                tone=True,
                what="\n".join(found.marked(view.lang) for found in tested),  # one a line, as the Overview's
                read=Md(  # each part escaped already
                    t(charts.SOURCE_TONE_READ, n=MIN_POINT_ARTICLES)
                    + (
                        " "
                        + tn(
                            "{n} more source is in the data behind the chart.",
                            "{n} more sources are in the data behind the chart.",
                            len(by_source) - n_drawn,
                        )
                        if len(by_source) > n_drawn
                        else ""
                    )
                    + (
                        " "
                        + tn(
                            "{n} article in view names no source and is not in the bars.",
                            "{n} articles in view name no source and are not in the bars.",
                            without,
                        )
                        if without
                        else ""
                    )
                ),
                articles=arts,
                data=later(
                    lambda by_source=by_source: charts.source_tone_rows(by_source),
                    {k: t(v) for k, v in charts.SOURCE_TONE_NAMES.items()},
                ),
                said=lambda: said_by_test(tested),
            )
            compare_view.compare_sources_button(by_source)
            over_time, n_outlets, freq = cached.source_tone_periods(key, f)
            if n_outlets >= 2:
                show_chart(
                    charts.source_tone_time_figure(over_time, freq=freq, events=events, tr=tr),
                    key="tone_sources_time",
                    tone=True,
                    read=Md(  # each part escaped already
                        t(charts.SOURCE_TIME_READ, n=MIN_POINT_ARTICLES)
                        + (
                            " "
                            + t(
                                "The {shown} sources with the most dated articles in view are drawn, of {n}; the sidebar's Source filter picks others.",
                                shown=charts.SOURCE_LINES,
                                n=n_outlets,
                            )
                            if n_outlets > charts.SOURCE_LINES
                            else ""
                        )
                    ),
                    articles=arts,
                    data=source_period_data(over_time),
                )


def article_by_article() -> None:
    """Every sentence's tone in the latest articles, and their shares of each label."""
    # Their sentences, when read from the sentence store's parts, are read in the background
    # (Arrow decodes them without holding Python's lock) while the shares chart, made from the
    # articles alone, is drawn in its place below the sentence chart: at 101,000 articles a new
    # search here read for 40-75 ms before either chart was begun. Taken from memory (5-10 ms of
    # Python work, see CorpusIndex.sentences_from_disk) they are made in turn.
    if cached.corpus_index(key).sentences_from_disk():
        cached.ahead(cached.sentences_for, key, f, MAX_ARTICLES)
    shown = cached.latest_articles(key, f, MAX_ARTICLES)
    latest_note(shown)
    band = cached.sentence_band(key)
    first, second = st.container(), st.container()
    with second:
        shares_chart(shown, band)
    _, sents = cached.sentences_for(key, f, MAX_ARTICLES)
    with first:
        sentence_chart(shown, sents, band)


def band_note(band: float | None) -> str:
    """The sentence under both charts of sentence labels: what the neutral band is."""
    if band is None:
        return ""
    return " " + t(
        "A sentence counts as negative or positive only when its score lies beyond ±{band}, the band fitted on labelled news sentences (or to your labels on the page 'Check the tone'); inside it, as neutral.",
        band=tr.decimal(band, 2),
    )


def sentence_chart(shown: pd.DataFrame, sents: pd.DataFrame, band: float | None) -> None:
    """Every sentence of the latest articles as a dot on the tone scale, one row per article."""
    sentence_fig = charts.sentence_tone_figure(sents, shown, tr=tr, band=band)
    sampled = (sentence_fig.layout.meta or {}).get("sampled")
    show_chart(
        sentence_fig,
        key="tone_sentences",
        tone=True,
        # Md: both sentences are escaped already (a plain str would be escaped again as the caption's parameter)
        read=Md(
            t(
                "each coloured dot is one sentence; the black tick is the article's overall tone (the mean of its sentences). A wide spread means mixed wording."
            )
            + band_note(band)
            + (
                " "
                + t(
                    "These articles have {total} sentences, too many to draw: the chart shows a fixed sample of {shown}, always with each article's most negative and most positive sentence. The ticks and the table below use all sentences.",
                    shown=sampled[0],
                    total=sampled[1],
                )
                if sampled
                else ""
            )
        ),
        articles=shown,
        data=later(
            lambda shown=shown, sents=sents, tr=tr: pd.DataFrame(
                {
                    "title": sents["article_id"].map(dict(zip(shown["article_id"], shown["title"]))),
                    "no": sents["sent_idx"] + 1,
                    "tone": sents["tone"].round(2),
                    "label": sents["tone_label"].map(tr.tone_label),
                    "text": sents["text"],
                }
            ),
            {"title": t("Title"), "no": t("No."), "tone": t("Tone"), "label": t("Tone label"), "text": t("Sentence")},
        ),
    )


def shares_chart(shown: pd.DataFrame, band: float | None) -> None:
    """Each of the latest articles as a bar of its negative, neutral and positive sentences."""
    show_chart(
        charts.tone_shares_figure(shown, tr=tr),
        key="tone_shares",
        tone=True,
        read=Md(
            t("each bar is one article split into its negative, neutral and positive sentences.") + band_note(band)
        ),
        articles=shown,
        data=later(
            lambda shown=shown: shown[
                ["title", "date_label", "share_negative", "share_neutral", "share_positive", "n_sentences"]
            ].assign(
                share_negative=(shown["share_negative"] * 100).round(0),
                share_neutral=(shown["share_neutral"] * 100).round(0),
                share_positive=(shown["share_positive"] * 100).round(0),
            ),
            {
                "title": t("Title"),
                "date_label": t("Date"),
                "share_negative": t("Negative %"),
                "share_neutral": t("Neutral %"),
                "share_positive": t("Positive %"),
                "n_sentences": t("Sentences"),
            },
        ),
    )


def who_speaks() -> None:
    """The author's own sentences against the quoted ones, per article and over time."""
    st.caption(
        t(
            "Tonlage separates quotations („…“, reported speech after 'sagte', 'so X', 'laut X', Konjunktiv I) from the author's own sentences. A negative article can be mostly the quoted people's words. On hand-labelled news texts, about 85% of what it marks as a quote is one; it finds about 9 in 10 quotes in pages that keep their quotation marks, and about 2 in 3 in texts that lost them."
        )
    )
    shown = cached.latest_articles(key, f, MAX_ARTICLES)
    latest_note(shown)
    by_article = cached.voice_by_article(key, tuple(shown["article_id"]))
    show_chart(
        charts.voice_tone_figure(by_article, shown, tr=tr),
        key="tone_voices",
        tone=True,
        read=t(
            "squares are the mean tone of the author's own sentences, diamonds that of quoted sentences; the line between them shows how far the quotes pull the article. Bigger marks rest on more sentences; hollow ones on fewer than 10."
        ),
        articles=shown,
        data=later(
            lambda shown=shown, by_article=by_article: (
                shown[["article_id", "title", "date_label"]]
                .merge(by_article, on="article_id", how="left")
                .assign(
                    tone_author=lambda d: d["tone_author"].round(2),
                    tone_quoted=lambda d: d["tone_quoted"].round(2),
                    share_quoted=lambda d: (d["share_quoted"] * 100).round(0),
                )[["title", "date_label", "n_author", "tone_author", "n_quoted", "tone_quoted", "share_quoted"]]
            ),
            {
                "title": t("Title"),
                "date_label": t("Date"),
                "n_author": t("Author's sentences"),
                "tone_author": t("Author's tone"),
                "n_quoted": t("Quoted sentences"),
                "tone_quoted": t("Quoted tone"),
                "share_quoted": t("Quoted %"),
            },
        ),
    )
    by_month = cached.voice_by_month(key, f)
    if len(by_month) >= 2:
        show_chart(
            charts.voice_tone_time_figure(by_month, events=cached.events(key, view.lang), tr=tr),
            key="tone_voices_time",
            tone=True,
            read=t(
                "per month, the mean tone of the author's own sentences (solid) and of quoted sentences (dashed), each with a bar for its 95% interval over the month's articles: where two months' bars overlap, the difference may be chance. Hollow marks rest on fewer than 10 sentences."
            ),
            articles=arts,
            data=later(
                lambda by_month=by_month: by_month[
                    ["label", "n_articles", "n_author", "tone_author", "n_quoted", "tone_quoted"]
                ].assign(tone_author=by_month["tone_author"].round(2), tone_quoted=by_month["tone_quoted"].round(2)),
                {
                    "label": t("Month"),
                    "n_articles": t("Articles"),
                    "n_author": t("Author's sentences"),
                    "tone_author": t("Author's tone"),
                    "n_quoted": t("Quoted sentences"),
                    "tone_quoted": t("Quoted tone"),
                },
            ),
        )


def strongest_sentences() -> None:
    """The most negative and most positive sentences in view, and a way to correct one."""
    neg, pos = cached.strongest(key, f, STRONGEST)
    cols = {
        "title": t("Article"),
        "date_label": t("Date"),
        "text": t("Sentence"),
        "tone": t("Tone"),
        "evidence": t("Words that moved the score"),
        "copies": t("Copies"),
    }
    config = {
        t("Sentence"): st.column_config.TextColumn(width="large"),
        t("Article"): st.column_config.TextColumn(width="small"),
        t("Words that moved the score"): st.column_config.TextColumn(width="medium"),
        t("Copies"): st.column_config.NumberColumn(
            width="small", help=t("How many more times the same sentence is in the articles shown")
        ),
    }
    st.caption(
        t(
            "The sentences with the most strongly worded tone in the articles shown, with the words that produced the score. Out of context, a quoted or ironic sentence can look stronger than it is meant."
        )
    )
    tone_stamp_line()
    for label, frame, name in ((t("Most negative"), neg, "neg"), (t("Most positive"), pos, "pos")):
        st.markdown(f"**{label}**")
        st.markdown(quotes_html(frame), unsafe_allow_html=True)  # every fragment escaped inside
        with lazy_expander(t("Show as a table"), key=f"tone_strongest_{name}_open") as box:
            if box.open:
                dates, precision = label_dates(frame["date_label"])
                shown, number_format = local_numbers(
                    shown_table(frame.assign(date_label=dates)[list(cols)].rename(columns=cols)),
                    {t("Tone"): "%+.2f"},
                    dates={t("Date"): precision},
                )
                tone_column = number_column(format=number_format[t("Tone")], width="small")
                date_col = date_column(format=number_format[t("Date")], precision=precision, width="small")
                st.dataframe(
                    shown,
                    hide_index=True,
                    width="stretch",
                    column_config={**config, t("Tone"): tone_column, t("Date"): date_col},
                    key=f"tone_strongest_{name}",
                )

    # Built only while open: the correction panel reads each word's lemma, and the first use of the
    # lemmatiser in a server process loads its German dictionary (1.5 s of the Tone page's first visit).
    with lazy_expander(
        t("Is one of these sentences scored wrongly? Correct it"), key="tone_correct_open", icon=":material/edit:"
    ) as box:
        strongest = pd.concat([neg, pos], ignore_index=True)
        if not box.open:
            pass
        elif strongest.empty:
            st.caption(t("No sentence with a tone in the articles shown."))
        else:
            # Picked by the sentence, not its place: a correction moves the sentence (often out of
            # the five strongest), and the box stays on it to show what was done.
            shown = corrected_here("strongest")
            refs = [sentence_ref(a, i) for a, i in zip(strongest["article_id"], strongest["sent_idx"])]
            if shown is not None and sentence_ref(*shown) not in refs:
                strongest = pd.concat([strongest, cached.sentences_by_ref(key, (shown,))], ignore_index=True)
                refs = [sentence_ref(a, i) for a, i in zip(strongest["article_id"], strongest["sent_idx"])]
            rows = dict(zip(refs, range(len(refs))))
            picked = st.session_state.get("tone_correct_pick")
            if st.session_state.get("tone_correct_edits") != key.edits and picked in rows:
                # A correction changed the picked sentence's tone, and so its label: Streamlit's box
                # keeps showing the old label of a value it keeps, unless the value is set again.
                st.session_state["tone_correct_pick"] = picked
            st.session_state["tone_correct_edits"] = key.edits
            pick = st.selectbox(
                t("Sentence"),
                refs,
                format_func=lambda r: (
                    f"{tr.signed(strongest['tone'].iloc[rows[r]])} · {str(strongest['text'].iloc[rows[r]])[:100]}"
                ),
                key=state.relabelled("tone_correct_pick"),  # its tones are written the reader's way
            )
            r = strongest.iloc[rows[pick]]
            correction_panel(key, str(r["article_id"]), int(r["sent_idx"]), str(r["text"]), where="strongest")


# One part at a time: only the open tab is built (a new word search at 100,000 articles
# built seven charts, ~250 ms; the first part's three take about a third).
parts = page_tabs(
    {
        "time": t("Over time"),
        "articles": t("Article by article"),
        "voices": t("Who speaks"),
        "strongest": t("Strongest sentences"),
    },
    key="tone_part",
    link=state.PART_QP,
    first=None if arts["date"].notna().any() else "articles",  # no date: nothing over time to show
)
for name, part in (
    ("time", over_time),
    ("articles", article_by_article),
    ("voices", who_speaks),
    ("strongest", strongest_sentences),
):
    if parts[name].open:
        with parts[name]:
            part()
