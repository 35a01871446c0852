"""The meeting pack: what is stamped under an exported chart, what goes on the method slide, and
how pinned charts, findings and quotes become a deck.

No ``st.*`` here: the app's *Meeting pack* page and the ``python -m tonlage pack`` command build
the same pack from the same parts (:func:`build_pack`, :func:`auto_pack`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from tonlage.i18n import N_, day_format, translator
from tonlage.report.deck import Pack, QuoteCard
from tonlage.search import canonical_words
from tonlage.thresholds import MIN_ARTICLE_SENTENCES, MIN_POINT_ARTICLES

from .compare_words import PERIODS, CompareWords, words_of
from .stamp import correction_lines, tone_stamp, tone_stamp_lines

# The headings of the deck's slides (tonlage.report.deck.REQUIRED_HEADINGS), in the pack's language.
PACK_HEADINGS = {
    "findings": N_("Key findings"),
    "quotes": N_("Quotes"),
    "method": N_("Method"),
    "limits": N_("Limits"),
    "tone": N_("tone"),
    "no_image": N_("The chart could not be drawn here; its data:"),
    "made_with": N_("Made with Tonlage"),
}

__all__ = [
    "CHANGE_CHARTS",
    "SMALL_CHANGE",
    "PinnedChart",
    "PinnedQuote",
    "figure_title",
    "format_date",
    "period_text",
    "filters_text",
    "caption_lines",
    "windows_text",
    "method_lines",
    "limits_lines",
    "headings",
    "build_pack",
    "pin_chart",
    "pin_id_for",
    "quote_from_sentence",
    "file_stem",
    "auto_pack",
    "overview_pins",
    "comparison_pins",
    "comparison_table",
    "change_table",
    "what_it_shows",
    "find_event",
]


@dataclass(frozen=True, eq=False)
class PinnedChart:
    """A chart as the reader saw it when they pinned it (the filters of that moment included).

    Attributes:
        pin_id: Identity of the pin: the chart and its caption (the same chart under other
            filters is another pin).
        key: The chart's key on its page ("compare_tone", "overview_actors", ...).
        title: The chart's title as plain text.
        figure: The Plotly figure as JSON (a pin survives reruns without recomputing anything).
        caption: One or two lines: corpus, dates, filters, number of articles, method.
        read: The chart's "how to read this" line.
        table: The data behind the chart (may be None).
        what: What the chart shows in plain words (the findings it carries); the reader may
            rewrite it on the Meeting pack page. Empty = the "how to read this" line.
    """

    pin_id: str
    key: str
    title: str
    figure: str
    caption: tuple[str, ...]
    read: str
    table: pd.DataFrame | None = None
    what: str = ""

    def fig(self) -> go.Figure:
        return pio.from_json(self.figure)


@dataclass(frozen=True)
class PinnedQuote(QuoteCard):
    """A sentence the reader pinned: a quote card that knows where it came from."""

    pin_id: str = ""  # "article_id#sent_idx"


def figure_title(fig: go.Figure) -> str:
    """The figure's title as plain text (chart titles are escaped for Plotly and may hold <br>)."""
    raw = fig.layout.title.text or ""
    return " ".join(html.unescape(re.sub(r"<br\s*/?>", " ", raw)).split())


def format_date(day: dt.date | pd.Timestamp | None, lang: str) -> str:
    """A day in the pack's language (see :meth:`tonlage.i18n.Translator.day`)."""
    return translator(lang).day(None if day is None or pd.isna(day) else pd.Timestamp(day))


def period_text(first, last, lang: str) -> str:
    """The days from ``first`` to ``last``; "undated" when neither is known (no article in view
    has a date), where the captions had read "tweets · – – – · 780 articles"."""
    first = None if first is None or pd.isna(first) else pd.Timestamp(first)
    last = None if last is None or pd.isna(last) else pd.Timestamp(last)
    tr = translator(lang)
    return tr("undated") if first is None and last is None else tr.days(first, last)


def windows_text(a, b, lang: str, tr) -> str:
    """The two periods of a comparison, named and dated ("before X (…) vs after X (…)"); two
    outlets over the same days: "taz vs FAZ (…)"."""
    if a.sources or b.sources:
        return tr("{a} vs {b}", a=a.label, b=b.label) + f" ({period_text(a.start, a.end, lang)})"
    return tr(
        "{a} vs {b}",
        a=f"{a.label} ({period_text(a.start, a.end, lang)})",
        b=f"{b.label} ({period_text(b.start, b.end, lang)})",
    )


def filters_text(filters, theme_labels: dict[int, str], tr) -> str:
    """The reader's filters in one line ("genre: comment · actor: Putin"), or "none"."""
    parts = []
    if filters.genres:
        parts.append(tr("genre: {values}", values=", ".join(tr.genre(g) for g in filters.genres)))
    if filters.sources:
        parts.append(tr("source: {values}", values=", ".join(filters.sources)))
    if filters.authors:
        parts.append(tr("author: {values}", values=", ".join(filters.authors)))
    if filters.themes:
        parts.append(tr("theme: {values}", values=", ".join(theme_labels.get(i, str(i + 1)) for i in filters.themes)))
    if filters.actors:
        parts.append(tr("actor: {values}", values=", ".join(filters.actors)))
    if filters.words:
        parts.append(tr("containing: {values}", values=filters.words))
    if not filters.count_once:
        parts.append(tr("every copy of a story counted"))
    return " · ".join(parts) if parts else tr("no filters")


def with_tone_stamp(caption: Sequence[str], params: dict, tr) -> tuple[str, ...]:
    """A tone chart's caption: the view's lines, how far the tone agrees with a reader and what
    a reader corrected."""
    return (*caption, *tone_stamp_lines(params, tr))


def caption_lines(
    *, corpus: str, period: str, filters: str, n_articles: int, version: str, tr, made: dt.date | None = None
) -> tuple[str, str, str]:
    """The three lines stamped under an exported chart and printed under it on a slide:
    corpus and period; filters and number of articles; method, version and day."""
    made = made or dt.date.today()
    return (
        tr("Corpus: {corpus} · {period}", corpus=corpus, period=period),
        tr("Filters: {filters} · {n} articles", filters=filters, n=n_articles),
        tr(
            "Method: tone from a German polarity lexicon with rules (−1 to +1) · themes by NMF over TF-IDF · Tonlage {version} · {made}",
            version=version,
            made=tr.dated(made),
        ),
    )


def method_lines(params: dict, tr) -> list[str]:
    return [
        # Two bullets: as one, the slide's column cut it after four lines ("gewichtet von…").
        tr(
            "Tone: each sentence scores −1 (negative) to +1 (positive) from a German polarity lexicon (Klenner et al. 2010) with rules for negation, word senses and compounds."
        ),
        tr(
            "A small model trained on labelled news sentences weighs the rules; an article's tone is the mean of its sentences."
        ),
        *tone_stamp_lines(params, tr, corrected=False),  # what was corrected: in detail on the next lines
        *correction_lines(params, tr),
        tr(
            "Themes: {n} themes found by non-negative matrix factorisation over TF-IDF word weights; each is named after its strongest words.",
            n=params.get("n_themes", "?"),
        ),
        tr(
            "Actors: names from an editable list with spellings and inflections; tone toward an actor is the tone of the sentences that name it."
        ),
        tr(
            "Tonlage {version}; the same corpus and settings give the same numbers on every run.",
            version=params.get("version", "?"),
        ),
    ]


def limits_lines(tr, n_articles: int) -> list[str]:
    lines = [
        tr(
            "Tone measures wording, not opinion or truth: reporting on a war is full of negative words even when neutral in stance."
        ),
        tr("A word list does not understand irony or quotation; a quoted threat reads as negative."),
        tr("Averages hide spread: the sentences behind every number are in the app."),
    ]
    if n_articles < 30:
        lines.insert(0, tr("Only {n} articles: read the numbers as indications, not trends.", n=n_articles))
    return lines


def headings(tr) -> dict[str, str]:
    """The deck's fixed headings in the reader's language."""
    out = {
        name: tr(PACK_HEADINGS[name])
        for name in ("findings", "quotes", "method", "limits", "tone", "no_image", "made_with")
    }
    # Numbers and days in the slides' tables and quotes as the pack's language writes them.
    out.update(decimal=tr.plotly_separators[0], day=day_format(tr.lang).strftime)
    if tr.lang == "de":  # German quotation marks: „so“
        out.update(quote_open="\u201e", quote_close="\u201c")
    return out


def pin_id_for(key: str, caption: Sequence[str]) -> str:
    """The identity of a chart pin: the chart and its caption (the view it was pinned in)."""
    digest = hashlib.sha1(("\n".join([key, *caption])).encode()).hexdigest()[:12]
    return f"{key}-{digest}"


def pin_chart(
    fig: go.Figure, *, key: str, caption: Sequence[str], read: str, table: pd.DataFrame | None, what: str = ""
) -> PinnedChart:
    """A pin of ``fig`` as shown now."""
    read = read[:1].upper() + read[1:]  # "how to read this: each dot…" stands alone on a slide
    return PinnedChart(
        pin_id=pin_id_for(key, caption),
        key=key,
        title=figure_title(fig),
        figure=fig.to_json(),
        caption=tuple(caption),
        read=read,
        table=table,
        what=what,
    )


def quote_from_sentence(row, *, title: str, author: str, date_label: str, source: str = "") -> PinnedQuote:
    """A quote card from a sentence row (``article_id``, ``sent_idx``, ``text``, ``tone``)."""
    tone = None if pd.isna(row["tone"]) else float(row["tone"])
    where = row.get("sent_idx")
    if where is None or pd.isna(where):  # a row with no position (made by hand): the text names it
        where = hashlib.sha1(str(row["text"]).encode()).hexdigest()[:10]
    else:
        where = int(where)
    return PinnedQuote(
        pin_id=f"{row['article_id']}#{where}",
        text=str(row["text"]),
        title=title,
        author=author,
        date_label=date_label,
        tone=tone,
        source=source,
    )


def file_stem(title: str) -> str:
    """A file name from the pack's title ("Tonlage – Anchorage" → "tonlage-anchorage")."""
    folded = title.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60] or "tonlage"


def build_pack(
    *,
    title: str,
    subtitle: str,
    charts: Sequence[tuple[PinnedChart, str]],
    findings: Sequence[str],
    quotes: Sequence[PinnedQuote],
    params: dict,
    n_articles: int,
    tr,
    render: bool = True,
):
    """The deck's content (:class:`tonlage.report.deck.Pack`) from pins.

    Args:
        charts: Pinned charts with the "what this shows" text the reader chose for each.
        render: Render chart images (needs Chromium); without it, or when no browser is found,
            each chart slide carries its data table instead.
    """
    from tonlage.report.deck import ChartSlide, Pack
    from tonlage.report.images import RenderUnavailable, render_figures, renderer_status

    images: list[bytes | None] = [None] * len(charts)
    if render and charts and renderer_status()[0]:
        try:
            images = list(render_figures([(_untitled(pin.fig()), pin.caption) for pin, _ in charts]))
        except RenderUnavailable:
            images = [None] * len(charts)
    slides = [
        ChartSlide(title=pin.title, image=img, caption=" · ".join(pin.caption), what_this_shows=text, table=pin.table)
        for (pin, text), img in zip(charts, images)
    ]
    return Pack(
        title=title,
        subtitle=subtitle,
        headings=headings(tr),
        charts=slides,
        findings=list(findings),
        # The quotes' dates and the day it was made as the pack's language writes dates.
        # An unknown author is left off the card: "unknown" beside a quote reads as its speaker.
        quotes=[
            dataclasses.replace(q, date_label=tr.label(q.date_label), author="" if q.author == "unknown" else q.author)
            for q in quotes
        ],
        method=method_lines(params, tr),
        limits=limits_lines(tr, n_articles),
        date_made=tr.day(dt.date.today()),
        tone_note=tone_stamp(params, tr),
    )


def what_it_shows(found: Sequence, chart: str, lang: str) -> str:
    """ "What this shows" for a chart: the (at most two) findings it carries, one a line (each
    a paragraph of its own beside the chart)."""
    return "\n".join([x.marked(lang) for x in found if x.chart == chart][:2])


def overview_pins(
    corpus,
    ids,
    *,
    events: pd.DataFrame,
    caption: Sequence[str],
    found: Sequence,
    lang: str,
    n_quotes: int = 1,
    index=None,
    words: str = "",
    without_words=None,
) -> tuple[list[PinnedChart], list[PinnedQuote]]:
    """The Overview's three charts (tone over time, themes, actors) for the articles ``ids``,
    and the most negative and most positive sentences as quotes. ``index``: the corpus's
    :class:`~tonlage.corpus_index.CorpusIndex`, when the caller has one (the tables share it). With
    ``words`` searched for, and ``without_words`` the view's ids without them, the Overview's
    chart of the words over time follows the tone's."""
    from ..corpus_index import CorpusIndex
    from . import charts, views

    tr = translator(lang)
    index = index or CorpusIndex(corpus)
    arts = views.view_articles(corpus, ids, index)
    th = views.theme_table(corpus, ids, index)
    at = views.actor_table(corpus, ids, index)
    tone = (
        (
            "overview_tone_timeline",
            charts.tone_timeline_figure(arts, events=events, tr=tr),
            N_(
                "each dot is one article; higher means more positive wording, lower more negative. Dashed lines are events. Hover a dot for its title (on a square, also why its date was corrected); click it to read it."
            ),
            arts[["title", "date_label", "tone", "n_sentences"]].rename(
                columns={
                    "title": tr("Title"),
                    "date_label": tr("Date"),
                    "tone": tr("Tone"),
                    "n_sentences": tr("Sentences"),
                }
            ),
        )
        if arts["date"].notna().any()
        else (  # no article dated: the Overview's chart in the timeline's place, as the page draws it
            "overview_tone_spread",
            charts.tone_spread_figure(arts, tr=tr),
            charts.TONE_SPREAD_READ,
            charts.tone_spread_rows(arts).rename(
                columns={k: tr(v, n=MIN_ARTICLE_SENTENCES) for k, v in charts.TONE_SPREAD_NAMES.items()}
            ),
        )
    )
    figs = [
        tone,
        (
            "overview_themes",
            charts.theme_weight_figure(th, tr=tr),
            N_("how much of the text, on average, belongs to each theme."),
            th[["label", "share", "n_articles"]]
            .assign(share=(th["share"] * 100).round(1))
            .rename(columns={"label": tr("Main theme"), "share": tr("Share") + " %", "n_articles": tr("Articles")}),
        ),
        (
            "overview_actors",
            charts.actor_mentions_figure(at, tr=tr, top=10),
            N_("how often each person, institution or country is named (all spellings and forms counted together)."),
            at.head(10)[["actor", "mentions", "n_sentences", "tone"]].rename(
                columns={
                    "actor": tr("Actor"),
                    "mentions": tr("Mentions"),
                    "n_sentences": tr("Sentences"),
                    "tone": tr("Tone"),
                }
            ),
        ),
    ]
    tone_caption = with_tone_stamp(caption, corpus.params, tr)
    out = [
        pin_chart(
            fig,
            key=key,
            caption=tone_caption if key == tone[0] else caption,
            read=tr(read),
            table=table,
            # the view's tone is the finding of either tone chart
            what=what_it_shows(found, "overview_tone_timeline" if key == tone[0] else key, lang),
        )
        for key, fig, read, table in figs
    ]
    by_source = views.source_tone(corpus, ids, index)
    if len(by_source) >= 2:
        out.insert(1, _source_pin(corpus, ids, by_source, index, caption=tone_caption, found=found, lang=lang))
    if words and without_words is not None:
        out.insert(1, _words_pin(corpus, ids, without_words, index, events=events, caption=caption, words=words, tr=tr))
    neg, pos = views.strongest_sentences(corpus, tuple(ids), n_quotes)
    quotes = [_example_quote(corpus, row) for part in (neg, pos) for _, row in part.iterrows()]
    return out, quotes


def _source_pin(corpus, ids, table: pd.DataFrame, index, *, caption, found, lang: str) -> PinnedChart:
    """The Tone page's chart of the outlets' tone (``table``: :func:`.views.source_tone` of the
    view ``ids``), pinned as the page pins it."""
    from . import charts, views

    tr = translator(lang)
    return pin_chart(
        charts.source_tone_figure(table, overall=views.view_tone(corpus, ids, index)[0], tr=tr),
        key="tone_sources",
        caption=caption,
        read=tr(charts.SOURCE_TONE_READ, n=MIN_POINT_ARTICLES),
        table=charts.source_tone_rows(table).rename(columns={k: tr(v) for k, v in charts.SOURCE_TONE_NAMES.items()}),
        what=what_it_shows(found, "tone_sources", lang),
    )


def _words_pin(corpus, ids, without_words, index, *, events, caption, words: str, tr) -> PinnedChart:
    """The Overview's chart of the words over time (``ids``: the view, ``without_words``: the
    same view without the words), pinned as the page pins it."""
    from . import charts, views

    table = views.words_share(corpus, without_words, ids, index)
    return pin_chart(
        charts.words_share_figure(table, events=events, tr=tr),
        key="overview_words",
        caption=caption,
        read=tr(charts.WORDS_SHARE_READ, words=words, n=MIN_POINT_ARTICLES),
        table=charts.words_share_rows(table).rename(columns={k: tr(v) for k, v in charts.WORDS_SHARE_NAMES.items()}),
        what="",
    )


#: A change of a share (0.01 = 1 percentage point) below which every bar of a change chart is a
#: sliver: the chart's line on how to read it then says that no change reaches it.
SMALL_CHANGE = 0.01

# The charts of what grew and faded between two compared periods (or is larger on one side of
# two outlets), the same on the Compare page and in the meeting pack: key → (the Comparison's
# table, its name column, the prefix of its words in CompareWords, the note when the table is
# empty).
CHANGE_CHARTS = {
    "compare_themes": ("themes", "label", "themes", N_("No theme was found in the articles compared.")),
    "compare_actors": ("actors", "actor", "actors", N_("No actor is named in the articles compared.")),
}


def change_chart(cmp, key: str, tr) -> tuple[go.Figure, str, pd.DataFrame]:
    """One of :data:`CHANGE_CHARTS` for comparison ``cmp``: its figure, how to read it and its
    table, in ``tr``'s language."""
    from . import charts

    attr, name_col, kind, none = CHANGE_CHARTS[key]
    words = words_of(cmp)
    table = getattr(cmp, attr)
    fig = charts.compare_change_figure(
        table,
        name_col=name_col,
        title=tr(getattr(words, f"{kind}_title")),
        x_title=tr(getattr(words, f"{kind}_axis")),
        tr=tr,
        words=words,
        none=tr(none) if sum(cmp.n_articles) else "",
    )
    read = tr(getattr(words, f"{kind}_read"))
    change = table["change"].dropna().abs()
    if len(change) and change.max() < SMALL_CHANGE:
        # On the chart's axis of at least ±5 pp such bars are slivers: say why the chart looks
        # empty (two halves of a year of 100,000 articles differed by at most 0.2 pp).
        read += " " + tr(words.alike)
    return fig, read, change_table(table, name_col, tr, words)


def actor_tone_chart(cmp, tr) -> tuple[go.Figure, str, pd.DataFrame]:
    """The chart of the actors' tone shifts between the periods (or outlets) of comparison
    ``cmp`` (:func:`~tonlage.present.charts.compare_actor_tone_figure`), how to read it and its
    table, in ``tr``'s language. The table is empty when no actor's shift was given an interval;
    the text then says why there is no chart (``actor_tone_none`` of its words)."""
    from ..compare import MIN_ACTOR_ARTICLES, MIN_ACTOR_SENTENCES, MIN_ACTOR_SHIFT
    from . import charts

    words = words_of(cmp)
    fig = charts.compare_actor_tone_figure(cmp.actors, tr=tr, words=words)
    table = actor_tone_table(cmp.actors, tr, words)
    read = tr(
        words.actor_tone_read if len(table) else words.actor_tone_none,
        n=MIN_ACTOR_SENTENCES,
        articles=MIN_ACTOR_ARTICLES,
        shift=tr.signed(MIN_ACTOR_SHIFT).lstrip("+"),
    )
    return fig, read, table


def actor_tone_table(actors: pd.DataFrame, tr, words: CompareWords = PERIODS) -> pd.DataFrame:
    """The actors' tone shifts that have an interval: tone in each period (or outlet), the
    change, its interval and the sentences behind each tone (the chart's accessible
    alternative)."""
    from ..compare import tone_shifts

    shown = tone_shifts(actors)
    shown = shown.assign(change=shown["tone_b"].astype("float64") - shown["tone_a"].astype("float64"))
    return pd.DataFrame(
        {
            tr("Name"): shown["actor"].astype(str),
            tr(words.tone_a): shown["tone_a"].astype("float64").round(3),
            tr(words.tone_b): shown["tone_b"].astype("float64").round(3),
            tr(words.difference): shown["change"].round(3),
            tr("95% interval from"): shown["tone_low"].astype("float64").round(3),
            tr("95% interval to"): shown["tone_high"].astype("float64").round(3),
            tr(words.sentences_a): shown["sentences_a"].astype("int64"),
            tr(words.sentences_b): shown["sentences_b"].astype("int64"),
        }
    ).reset_index(drop=True)


def comparison_pins(
    corpus, cmp, *, caption: Sequence[str], found: Sequence, lang: str
) -> tuple[list[PinnedChart], list[PinnedQuote]]:
    """A comparison's tone and actor charts (the actors' tone shifts where any has an
    interval), and the most negative sentence of each side."""
    from . import charts

    tr = translator(lang)
    tone_table = comparison_table(cmp, tr)
    out = [
        pin_chart(
            charts.compare_tone_figure(cmp, tr=tr),
            key="compare_tone",
            caption=with_tone_stamp(caption, corpus.params, tr),
            read=tr(words_of(cmp).tone_read),
            table=tone_table,
            what=what_it_shows(found, "compare_tone", lang),
        ),
    ]
    fig, read, table = change_chart(cmp, "compare_actors", tr)
    out.append(
        pin_chart(
            fig,
            key="compare_actors",
            caption=caption,
            read=read,
            table=table,
            what=what_it_shows(found, "compare_actors", lang),
        )
    )
    fig, read, table = actor_tone_chart(cmp, tr)
    if len(table):
        out.append(
            pin_chart(
                fig,
                key="compare_actor_tone",
                caption=with_tone_stamp(caption, corpus.params, tr),
                read=read,
                table=table,
                what=what_it_shows(found, "compare_actor_tone", lang),
            )
        )
    quotes = [
        _example_quote(corpus, cmp.examples[side].iloc[0])
        for side in ("a", "b")
        if cmp.examples.get(side) is not None and len(cmp.examples[side])
    ]
    return out, quotes


def comparison_table(cmp, tr) -> pd.DataFrame:
    """The tone comparison as a table (the chart's accessible alternative)."""
    return pd.DataFrame(
        {
            tr(words_of(cmp).side): [cmp.a.label, cmp.b.label],
            tr("From"): [tr.day(cmp.a.start), tr.day(cmp.b.start)],
            tr("To"): [tr.day(cmp.a.end), tr.day(cmp.b.end)],
            tr("Tone"): [round(float(x), 3) if pd.notna(x) else None for x in cmp.tone],
            tr("Articles"): list(cmp.n_articles),
            tr("Sentences"): list(cmp.n_sentences),
        }
    )


def change_table(table: pd.DataFrame, name_col: str, tr, words: CompareWords = PERIODS) -> pd.DataFrame:
    """Shares before/after (or on each side), their change and its 95% interval in percentage
    points (themes or actors)."""
    if table.empty:
        return table
    points = {
        col: (table[col] * 100).round(1)
        for col in ("share_a", "share_b", "change", "change_low", "change_high")
        if col in table
    }
    cols = [name_col, *points]
    return table.assign(**points)[cols].rename(
        columns={
            name_col: tr("Name"),
            "share_a": tr(words.share_a),
            "share_b": tr(words.share_b),
            "change": tr(words.difference_points),
            "change_low": tr("95% interval from (pp)"),
            "change_high": tr("95% interval to (pp)"),
        }
    )


# Of a chart's top margin, what its title takes (base_layout: 70 px with a title; 80 px and the
# rows of event labels on a timeline).
_TITLE_ROOM = 50
_UNTITLED_TOP = 30


def _untitled(fig: go.Figure) -> go.Figure:
    """The chart for a slide, whose heading already carries its title: the top margin keeps the
    rows of event labels above a timeline (cut to 30 px, the upper rows fell off the image)."""
    top = fig.layout.margin.t
    return fig.update_layout(title_text="", margin_t=max(_UNTITLED_TOP, (top or 0) - _TITLE_ROOM))


@dataclass
class AutoPack:
    """A pack assembled without the app (the ``pack`` command): the deck and what went in."""

    pack: Pack
    findings: list[str] = field(default_factory=list)
    n_articles: int = 0


def auto_pack(
    corpus,
    *,
    name: str,
    lang: str = "en",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    event: str | None = None,
    events: pd.DataFrame | None = None,
    render: bool = True,
    words: str = "",
    sources: Sequence[str] = (),
    versus: Sequence[str] = (),
) -> AutoPack:
    """The pack a weekly report needs, chosen the way a reader would choose it in the app.

    With ``event``: before/after that event (every article before it against every article
    from its day on, within ``date_from``/``date_to``): the tone comparison, the actors that
    gained or lost attention, the findings of the comparison and the most negative sentence on
    each side as quotes. Without: the Overview's charts of the period, the findings of the view
    and its most negative and most positive sentence.

    ``events`` are the corpus's event markers (the ones readers edited in the app); by default
    those of the analysis. ``words``: only the articles holding one of them, as the sidebar's
    "Containing words" box takes them (:mod:`tonlage.search`). ``sources``: only the articles of
    these outlets, as the sidebar's Source filter names them; with ``versus``, the articles of
    ``sources`` (together) set against those of ``versus`` over the period instead, as the
    Compare page's "Two sources" sets them (tone, actors, findings and quotes of each side).

    Raises:
        ValueError: ``event`` names no event of the corpus (the message lists the known ones),
            a source is none of the corpus's (the message lists them), ``versus`` without
            ``sources`` or with ``event``, or the period holds no article (with ``words``: none
            that holds them).
    """
    from tonlage.compare import Window, compare_periods
    from tonlage.corpus_index import CorpusIndex
    from tonlage.findings import comparison_findings, view_findings

    from . import views
    from .types import Filters

    tr = translator(lang)
    known = views.known_sources(corpus.articles)
    unknown = [x for x in (*sources, *versus) if x not in known]
    if unknown:
        raise ValueError(
            tr(
                "No article names the source “{source}”. Sources of this corpus: {known}.",
                source=unknown[0],
                known=", ".join(known) or tr("(its articles name none)"),
            )
        )
    if versus and (event or not sources):
        raise ValueError(tr("A comparison of sources needs the sources of its first side, and no event."))
    f = Filters(
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        words=canonical_words(words),
        sources=() if versus else tuple(dict.fromkeys(sources)),
    )
    ids = views.filter_ids(corpus, f)
    if not ids and f.words:
        raise ValueError(tr("No article in the chosen period contains {words}.", words=f.words))
    if not ids:
        raise ValueError(tr("No article falls in the chosen period."))
    dated = views.view_articles(corpus, ids)["date"].dropna()
    first, last = (dated.min(), dated.max()) if len(dated) else (None, None)
    themes = dict(zip(corpus.themes["theme_id"], corpus.themes["label"]))
    events = views.localised_events(corpus.events if events is None else events, lang)
    caption = caption_lines(
        corpus=name,
        period=period_text(first, last, lang),
        filters=filters_text(f, themes, tr),
        n_articles=len(ids),
        version=str(corpus.params.get("version", "?")),
        tr=tr,
    )
    windows = None
    if event:
        ev = find_event(events, event, tr)
        day = ev["date"].date()
        lo = min(first.date(), day - dt.timedelta(days=1)) if first is not None else day - dt.timedelta(days=1)
        hi = max(last.date(), day) if last is not None else day
        windows = (
            Window(lo, day - dt.timedelta(days=1), tr("before {event}", event=ev["label"])),
            Window(day, hi, tr("after {event}", event=ev["label"])),
        )
        title = tr("Before and after: {event}", event=ev["label"])
    elif versus:
        # the view's days name the sides in the captions (no dated article: none, "undated")
        lo, hi = (first.date(), last.date()) if first is not None and last is not None else (None, None)
        sides = tuple(dict.fromkeys(sources)), tuple(dict.fromkeys(versus))
        windows = (Window(lo, hi, ", ".join(sides[0]), sides[0]), Window(lo, hi, ", ".join(sides[1]), sides[1]))
        title = tr("{a} and {b} compared", a=windows[0].label, b=windows[1].label)
    if windows:
        index = CorpusIndex(corpus)  # the comparison and its findings share its positions
        cmp = compare_periods(corpus, ids, *windows, index=index)
        caption = caption_lines(
            corpus=name,
            period=windows_text(cmp.a, cmp.b, lang, tr),
            filters=filters_text(f, themes, tr),
            n_articles=len(ids),
            version=str(corpus.params.get("version", "?")),
            tr=tr,
        )
        found = comparison_findings(corpus, ids, cmp, index=index, words=f.words)
        charts_, quotes = comparison_pins(corpus, cmp, caption=caption, found=found, lang=lang)
    else:
        index = CorpusIndex(corpus)  # the findings and the three tables share its positions
        found = view_findings(corpus, ids, index=index, words=f.words)
        charts_, quotes = overview_pins(
            corpus,
            ids,
            events=events,
            caption=caption,
            found=found,
            lang=lang,
            index=index,
            words=f.words,
            without_words=views.filter_ids(corpus, f._replace(words="")) if f.words else None,
        )
        title = tr("How the press talks: the period at a glance")
    subtitle = tr.ngettext(
        "{corpus} · {period} · {n} article",
        "{corpus} · {period} · {n} articles",
        len(ids),
        corpus=name,
        period=period_text(first, last, lang),
    )
    texts = [x.marked(lang) for x in found]
    pack = build_pack(
        title=title,
        subtitle=subtitle,
        charts=[(c, c.what or c.read) for c in charts_],
        findings=texts,
        quotes=quotes,
        params=dict(corpus.params),
        n_articles=len(ids),
        tr=tr,
        render=render,
    )
    return AutoPack(pack=pack, findings=texts, n_articles=len(ids))


def find_event(events: pd.DataFrame, name: str, tr) -> pd.Series:
    """The event called ``name`` (exact, else the first whose label contains it; any case)."""
    labels = events["label"].astype(str).str.casefold()
    match = events[labels == name.casefold()]
    if match.empty:
        match = events[labels.str.contains(name.casefold(), regex=False)]
    if match.empty:
        known = ", ".join(events["label"].astype(str)) or tr("(the corpus has no events)")
        raise ValueError(tr("No event is called “{event}”. Known events: {known}.", event=name, known=known))
    return match.iloc[0]


def _example_quote(corpus, row) -> PinnedQuote:
    arts = corpus.articles.set_index("article_id")
    a = arts.loc[row["article_id"]]
    return quote_from_sentence(
        row,
        title=str(a["title"]),
        author=str(a["author"]),
        date_label=str(a["date_label"]),
        source=str(a.get("source", "") or ""),
    )
