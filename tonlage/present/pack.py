"""The meeting pack: what is stamped under an exported chart, what goes on the method slide, and
how pinned charts, findings and quotes become a deck.

No ``st.*`` here: the app's *Meeting pack* page and the ``python -m tonlage pack`` command build
the same pack from the same parts (:func:`build_pack`, :func:`auto_pack`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from tonlage.i18n import translator
from tonlage.report.deck import QuoteCard

__all__ = ["PinnedChart", "PinnedQuote", "figure_title", "format_date", "period_text", "filters_text",
           "caption_lines", "windows_text", "method_lines", "limits_lines", "headings", "build_pack", "pin_chart", "pin_id_for",
           "quote_from_sentence", "file_stem", "auto_pack", "overview_pins", "comparison_pins",
           "comparison_table", "change_table", "what_it_shows", "find_event"]



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

    pin_id: str = ""   # "article_id#sent_idx"


def figure_title(fig: go.Figure) -> str:
    """The figure's title as plain text (chart titles are escaped for Plotly and may hold <br>)."""
    raw = fig.layout.title.text or ""
    return " ".join(html.unescape(re.sub(r"<br\s*/?>", " ", raw)).split())


def format_date(day: dt.date | pd.Timestamp | None, lang: str) -> str:
    if day is None or pd.isna(day):
        return "–"
    day = pd.Timestamp(day)
    return f"{day:%d.%m.%Y}" if lang == "de" else f"{day:%Y-%m-%d}"


def period_text(first, last, lang: str) -> str:
    return f"{format_date(first, lang)} – {format_date(last, lang)}"


def windows_text(a, b, lang: str, tr) -> str:
    """The two periods of a comparison, named and dated ("before X (…) vs after X (…)")."""
    return tr("cap_windows", a=f"{a.label} ({period_text(a.start, a.end, lang)})",
              b=f"{b.label} ({period_text(b.start, b.end, lang)})")


def filters_text(filters, theme_labels: dict[int, str], tr) -> str:
    """The reader's filters in one line ("genre: comment · actor: Putin"), or "none"."""
    parts = []
    if filters.genres:
        parts.append(tr("cap_genre", values=", ".join(tr(f"genre_{g}") for g in filters.genres)))
    if filters.authors:
        parts.append(tr("cap_author", values=", ".join(filters.authors)))
    if filters.themes:
        parts.append(tr("cap_theme", values=", ".join(theme_labels.get(i, str(i + 1)) for i in filters.themes)))
    if filters.actors:
        parts.append(tr("cap_actor", values=", ".join(filters.actors)))
    if not filters.count_once:
        parts.append(tr("cap_all_copies"))
    return " · ".join(parts) if parts else tr("cap_no_filters")


def caption_lines(*, corpus: str, period: str, filters: str, n_articles: int, version: str, tr,
                  made: dt.date | None = None) -> tuple[str, str, str]:
    """The three lines stamped under an exported chart and printed under it on a slide:
    corpus and period; filters and number of articles; method, version and day."""
    made = made or dt.date.today()
    return (tr("cap_line1", corpus=corpus, period=period),
            tr("cap_line_filters", filters=filters, n=n_articles),
            tr("cap_line2", version=version, made=made.isoformat()))


def method_lines(params: dict, tr) -> list[str]:
    return [tr("pack_method_tone"), tr("pack_method_themes", n=params.get("n_themes", "?")),
            tr("pack_method_actors"), tr("pack_method_version", version=params.get("version", "?"))]


def limits_lines(tr, n_articles: int) -> list[str]:
    lines = [tr("pack_limit_wording"), tr("pack_limit_irony"), tr("pack_limit_means")]
    if n_articles < 30:
        lines.insert(0, tr("pack_limit_small", n=n_articles))
    return lines


def headings(tr) -> dict[str, str]:
    """The deck's fixed headings in the reader's language."""
    return {name: tr(f"pack_heading_{name}") for name in
            ("findings", "quotes", "method", "limits", "tone", "no_image", "made_with")}


def pin_id_for(key: str, caption: Sequence[str]) -> str:
    """The identity of a chart pin: the chart and its caption (the view it was pinned in)."""
    digest = hashlib.sha1(("\n".join([key, *caption])).encode()).hexdigest()[:12]
    return f"{key}-{digest}"


def pin_chart(fig: go.Figure, *, key: str, caption: Sequence[str], read: str,
              table: pd.DataFrame | None, what: str = "") -> PinnedChart:
    """A pin of ``fig`` as shown now."""
    read = read[:1].upper() + read[1:]  # "how to read this: each dot…" stands alone on a slide
    return PinnedChart(pin_id=pin_id_for(key, caption), key=key, title=figure_title(fig), figure=fig.to_json(),
                       caption=tuple(caption), read=read, table=table, what=what)


def quote_from_sentence(row, *, title: str, author: str, date_label: str, source: str = "") -> PinnedQuote:
    """A quote card from a sentence row (``article_id``, ``sent_idx``, ``text``, ``tone``)."""
    tone = None if pd.isna(row["tone"]) else float(row["tone"])
    where = row.get("sent_idx")
    if where is None or pd.isna(where):  # comparison examples carry no position: the text names it
        where = hashlib.sha1(str(row["text"]).encode()).hexdigest()[:10]
    else:
        where = int(where)
    return PinnedQuote(pin_id=f"{row['article_id']}#{where}", text=str(row["text"]), title=title,
                       author=author, date_label=date_label, tone=tone, source=source)


def file_stem(title: str) -> str:
    """A file name from the pack's title ("Tonlage – Anchorage" → "tonlage-anchorage")."""
    folded = title.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60] or "tonlage"


def build_pack(*, title: str, subtitle: str, charts: Sequence[tuple[PinnedChart, str]], findings: Sequence[str],
               quotes: Sequence[PinnedQuote], params: dict, n_articles: int, tr, render: bool = True):
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
    slides = [ChartSlide(title=pin.title, image=img, caption=" · ".join(pin.caption), what_this_shows=text,
                         table=pin.table) for (pin, text), img in zip(charts, images)]
    return Pack(title=title, subtitle=subtitle, headings=headings(tr), charts=slides, findings=list(findings),
                quotes=list(quotes), method=method_lines(params, tr), limits=limits_lines(tr, n_articles),
                date_made=dt.date.today().isoformat())


def what_it_shows(found: Sequence, chart: str, lang: str) -> str:
    """"What this shows" for a chart: the (at most two) findings it carries."""
    return " ".join([x.text(lang) for x in found if x.chart == chart][:2])


def overview_pins(corpus, ids, *, events: pd.DataFrame, caption: Sequence[str], found: Sequence, lang: str,
                  n_quotes: int = 1) -> tuple[list[PinnedChart], list[PinnedQuote]]:
    """The Overview's three charts (tone over time, themes, actors) for the articles ``ids``,
    and the most negative and most positive sentences as quotes."""
    from . import charts, views

    tr = translator(lang)
    arts = views.view_articles(corpus, ids)
    th = views.theme_table(corpus, ids)
    at = views.actor_table(corpus, ids)
    figs = [("overview_tone_timeline", charts.tone_timeline_figure(arts, events=events, tr=tr), "read_tone_time",
             arts[["title", "date_label", "tone", "n_sentences"]].rename(columns={
                 "title": tr("col_title"), "date_label": tr("col_date"), "tone": tr("col_tone"),
                 "n_sentences": tr("col_sentences")})),
            ("overview_themes", charts.theme_weight_figure(th, tr=tr), "read_theme_weight",
             th[["label", "share", "n_articles"]].assign(share=(th["share"] * 100).round(1)).rename(columns={
                 "label": tr("col_theme"), "share": tr("col_share") + " %", "n_articles": tr("col_n_articles")})),
            ("overview_actors", charts.actor_mentions_figure(at, tr=tr, top=10), "read_actor_mentions",
             at.head(10)[["actor", "mentions", "n_sentences", "tone"]].rename(columns={
                 "actor": tr("col_actor"), "mentions": tr("col_mentions"), "n_sentences": tr("col_sentences"),
                 "tone": tr("col_tone")}))]
    out = [pin_chart(fig, key=key, caption=caption, read=tr(read), table=table, what=what_it_shows(found, key, lang))
           for key, fig, read, table in figs]
    neg, pos = views.strongest_sentences(corpus, tuple(ids), n_quotes)
    quotes = [_example_quote(corpus, row) for part in (neg, pos) for _, row in part.iterrows()]
    return out, quotes


def comparison_pins(corpus, cmp, *, caption: Sequence[str], found: Sequence, lang: str
                    ) -> tuple[list[PinnedChart], list[PinnedQuote]]:
    """A comparison's tone and actor charts, and the most negative sentence of each side."""
    from . import charts

    tr = translator(lang)
    tone_table = comparison_table(cmp, tr)
    out = [pin_chart(charts.compare_tone_figure(cmp, tr=tr), key="compare_tone", caption=caption,
                     read=tr("read_compare_tone"), table=tone_table, what=what_it_shows(found, "compare_tone", lang)),
           pin_chart(charts.compare_change_figure(cmp.actors, name_col="actor", title=tr("chart_compare_actors_title"),
                                                  x_title=tr("axis_compare_actors"), tr=tr),
                     key="compare_actors", caption=caption, read=tr("read_compare_actors"),
                     table=change_table(cmp.actors, "actor", tr), what=what_it_shows(found, "compare_actors", lang))]
    quotes = [_example_quote(corpus, cmp.examples[side].iloc[0]) for side in ("a", "b")
              if cmp.examples.get(side) is not None and len(cmp.examples[side])]
    return out, quotes


def comparison_table(cmp, tr) -> pd.DataFrame:
    """The tone comparison as a table (the chart's accessible alternative)."""
    return pd.DataFrame({
        tr("col_period"): [cmp.a.label, cmp.b.label],
        tr("col_from"): [cmp.a.start.isoformat(), cmp.b.start.isoformat()],
        tr("col_to"): [cmp.a.end.isoformat(), cmp.b.end.isoformat()],
        tr("col_tone"): [round(float(x), 3) if pd.notna(x) else None for x in cmp.tone],
        tr("col_n_articles"): list(cmp.n_articles),
        tr("col_sentences"): list(cmp.n_sentences),
    })


def change_table(table: pd.DataFrame, name_col: str, tr) -> pd.DataFrame:
    """Shares before/after and their change in percentage points (themes or actors)."""
    if table.empty:
        return table
    return table.assign(share_a=(table["share_a"] * 100).round(1), share_b=(table["share_b"] * 100).round(1),
                        change=(table["change"] * 100).round(1))[[name_col, "share_a", "share_b", "change"]].rename(
        columns={name_col: tr("col_name"), "share_a": tr("col_share_a"), "share_b": tr("col_share_b"),
                 "change": tr("col_change_pp")})


def _untitled(fig: go.Figure) -> go.Figure:
    """The chart for a slide, whose heading already carries its title."""
    top = fig.layout.margin.t
    return fig.update_layout(title_text="", margin_t=min(top if top is not None else 70, 30))


@dataclass
class AutoPack:
    """A pack assembled without the app (the ``pack`` command): the deck and what went in."""

    pack: object
    findings: list[str] = field(default_factory=list)
    n_articles: int = 0


def auto_pack(corpus, *, name: str, lang: str = "en", date_from: dt.date | None = None,
              date_to: dt.date | None = None, event: str | None = None, events: pd.DataFrame | None = None,
              render: bool = True) -> AutoPack:
    """The pack a weekly report needs, chosen the way a reader would choose it in the app.

    With ``event``: before/after that event (every article before it against every article
    from its day on, within ``date_from``/``date_to``): the tone comparison, the actors that
    gained or lost attention, the findings of the comparison and the most negative sentence on
    each side as quotes. Without: the Overview's charts of the period, the findings of the view
    and its most negative and most positive sentence.

    ``events`` are the corpus's event markers (the ones readers edited in the app); by default
    those of the analysis.

    Raises:
        ValueError: ``event`` names no event of the corpus (the message lists the known ones),
            or the period holds no article.
    """
    from tonlage.compare import Window, compare_periods
    from tonlage.findings import comparison_findings, view_findings

    from . import views
    from .types import Filters

    tr = translator(lang)
    f = Filters(date_from=date_from.isoformat() if date_from else None,
                date_to=date_to.isoformat() if date_to else None)
    ids = views.filter_ids(corpus, f)
    if not ids:
        raise ValueError(tr("cli_pack_empty"))
    dated = views.view_articles(corpus, ids)["date"].dropna()
    first, last = (dated.min(), dated.max()) if len(dated) else (None, None)
    themes = dict(zip(corpus.themes["theme_id"], corpus.themes["label"]))
    events = views.localised_events(corpus.events if events is None else events, lang)
    caption = caption_lines(corpus=name, period=period_text(first, last, lang), filters=filters_text(f, themes, tr),
                            n_articles=len(ids), version=str(corpus.params.get("version", "?")), tr=tr)
    if event:
        ev = find_event(events, event, tr)
        day = ev["date"].date()
        lo = min(first.date(), day - dt.timedelta(days=1)) if first is not None else day - dt.timedelta(days=1)
        hi = max(last.date(), day) if last is not None else day
        cmp = compare_periods(corpus, ids, Window(lo, day - dt.timedelta(days=1), tr("compare_before", event=ev["label"])),
                              Window(day, hi, tr("compare_after", event=ev["label"])))
        caption = caption_lines(corpus=name, period=windows_text(cmp.a, cmp.b, lang, tr),
                                filters=filters_text(f, themes, tr), n_articles=len(ids),
                                version=str(corpus.params.get("version", "?")), tr=tr)
        found = comparison_findings(corpus, ids, cmp)
        charts_, quotes = comparison_pins(corpus, cmp, caption=caption, found=found, lang=lang)
        title = tr("pack_auto_title_event", event=ev["label"])
    else:
        found = view_findings(corpus, ids)
        charts_, quotes = overview_pins(corpus, ids, events=events, caption=caption, found=found, lang=lang)
        title = tr("pack_auto_title")
    subtitle = f"{name} · {period_text(first, last, lang)} · {tr('cap_n_articles', n=len(ids))}"
    texts = [x.text(lang) for x in found]
    pack = build_pack(title=title, subtitle=subtitle, charts=[(c, c.what or c.read) for c in charts_], findings=texts,
                      quotes=quotes, params=dict(corpus.params), n_articles=len(ids), tr=tr, render=render)
    return AutoPack(pack=pack, findings=texts, n_articles=len(ids))


def find_event(events: pd.DataFrame, name: str, tr) -> pd.Series:
    """The event called ``name`` (exact, else the first whose label contains it; any case)."""
    labels = events["label"].astype(str).str.casefold()
    match = events[labels == name.casefold()]
    if match.empty:
        match = events[labels.str.contains(name.casefold(), regex=False)]
    if match.empty:
        known = ", ".join(events["label"].astype(str)) or tr("cli_pack_no_events")
        raise ValueError(tr("cli_pack_unknown_event", event=name, known=known))
    return match.iloc[0]


def _example_quote(corpus, row) -> PinnedQuote:
    arts = corpus.articles.set_index("article_id")
    a = arts.loc[row["article_id"]]
    return quote_from_sentence(row, title=str(a["title"]), author=str(a["author"]), date_label=str(a["date_label"]),
                               source=str(a.get("source", "") or ""))
