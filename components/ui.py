"""Small rendering helpers shared by the pages: a chart with its caption, data and click-through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import cached, pins, state
from components.i18n import (
    language_name,
    local_date_columns,
    local_table,
    msg,
    shown_table,
    t,
    t_plain,
    tn,
    tr,
    translator,
)
from tonlage.frames import isin
from tonlage.present.safe import Md, escape_text
from tonlage.present.selection import selected_article_ids
from tonlage.present.stamp import tone_stamp
from tonlage.present.types import CorpusKey, Filters, View
from tonlage.search import parse_words
from tonlage.thresholds import MIN_ACTOR_POINT_SENTENCES, MIN_POINT_ARTICLES

# The data behind a chart, or a function that makes it when it is asked for (shown, downloaded
# or pinned): a large view's table is then not built on every run of the page.
ChartData = pd.DataFrame | Callable[[], pd.DataFrame]


def _table(data: ChartData) -> pd.DataFrame:
    return data() if callable(data) else data


__all__ = [
    "language_note",
    "PageEnd",
    "end_page",
    "actor_columns",
    "note_with_link",
    "actor_list_line",
    "current_view",
    "show_chart",
    "open_articles",
    "open_sources",
    "no_articles",
    "undated_note",
    "dated",
    "period_label",
    "corpus_name",
    "default_corpus_label",
    "chart_caption",
    "chart_tools",
    "period_note",
    "outside_in_view",
    "period_data",
    "source_period_data",
    "later",
    "lazy_expander",
    "page_tabs",
    "part_open",
    "tone_stamp_line",
    "period_reading",
    "actor_period_reading",
]


def lazy_expander(label: str, key: str, **kwargs):
    """An expander that tells whether it is open (``.open``), so its content is built only then.

    Streamlit sends a closed expander's content with every run, and a data table or a code
    box in it makes the browser fetch the table or code-view scripts (about 3 MB) before the
    first chart, though few readers open them. Opening one costs a rerun (tens of ms).
    """
    return st.expander(label, key=state.relabelled(key), on_change="rerun", **kwargs)


def page_tabs(labels: Mapping[str, str], key: str, link: str | None = None, first: str | None = None) -> dict:
    """Tabs that rerun when the reader switches them, each known by a name (``labels``: name ->
    its label in the reader's language): the parts of a long page, or the forms of a panel.
    ``tabs[name].open`` tells whether a tab is the one shown, so only that part need be built.

    Streamlit builds every tab's content on every run unless the tabs rerun on a switch. The
    Tone page's seven charts took ~250 ms of a new word search at 100,000 articles; the part in
    view, a third of that. The open part is kept when the reader switches language: Streamlit
    knows it by its label, and a German label is another tab, so the first one opened instead.
    Coming from another page, the reader sees the first part, or the one the query parameter
    ``link`` names (a "See the chart" that leads to another part, a shared link), else the one
    ``first`` names (a part with something to show: none of the articles has a date); on the page,
    the tabs lead, and the open part is written into the address (left out for the first), so
    "Link to this view" opens it. A label is shown as text (Streamlit reads a tab's label as
    Markdown)."""
    names = {name: escape_text(label) for name, label in labels.items()}  # the labels as sent
    shown = st.session_state.get(key)
    asked = st.query_params.get(link) if link else None
    if shown is None:  # arrived from another page, or a new session
        if asked in names:
            st.session_state[key] = names[asked]
        elif first in names:
            st.session_state[key] = names[first]
    elif shown not in names.values():  # labelled in the other language
        name = st.session_state.get(key + "_name")
        if name in names:
            st.session_state[key] = names[name]
    tabs = st.tabs([escape_text(label) for label in labels.values()], key=key, on_change="rerun")
    now = st.session_state.get(key)
    name = next((n for n, label in names.items() if label == now), None)
    st.session_state[key + "_name"] = name
    if link:
        listed_first = next(iter(names))
        if name in (None, listed_first):
            if link in st.query_params:
                del st.query_params[link]
        elif asked != name:
            st.query_params[link] = name
    return dict(zip(names, tabs))


def part_open(key: str) -> str | None:
    """The name of the part of the page's tabs ``key`` (:func:`page_tabs`) open on the last run
    (None on the first: the page's first part), to start its work before the tabs are drawn."""
    return st.session_state.get(key + "_name")


def open_part(key: str, label: str) -> None:
    """Callback: open the part labelled ``label`` of the page's tabs ``key`` (:func:`page_tabs`)
    on the next run (a finding's "See the chart" for a chart in another part of its page)."""
    st.session_state[key] = escape_text(label)


def period_reading(freq: str) -> str:
    """The "how to read this" of a tone timeline drawn as weeks ("W") or months ("M")."""
    if freq == "M":  # what a click does follows in show_chart's own line
        return t(
            "each dot is the mean tone of all articles published in that month, its bar the 95% interval (long where the month has few or mixed articles). Where the bars of two months overlap, the difference may be chance."
        )
    return t(
        "each dot is the mean tone of all articles published in that week, its bar the 95% interval (long where the week has few or mixed articles). Where the bars of two weeks overlap, the difference may be chance."
    )


def actor_period_reading(freq: str, n_points: int = 0) -> str:
    """The "how to read this" of the Actors page's timeline, drawn as weeks ("W"), months ("M")
    or one dot per article (""); ``n_points``: its article dots (drawn pale behind the periods
    up to :data:`tonlage.present.charts.actors.PALE_DOTS_MAX`)."""
    if not freq:
        return t(
            "the tone of the sentences that name the actor; it describes the wording around the name, not necessarily the writer's view of that actor. Bigger dots rest on more sentences."
        )
    from tonlage.present.charts.actors import PALE_DOTS_MAX

    parts = [
        t(
            "each dot is the tone of all sentences that name the actor in that month, its bar the 95% interval (long where few articles name the actor that month). Where the bars of two months overlap, the difference may be chance."
        )
        if freq == "M"
        else t(
            "each dot is the tone of all sentences that name the actor in that week, its bar the 95% interval (long where few articles name the actor that week). Where the bars of two weeks overlap, the difference may be chance."
        )
    ]
    if n_points <= PALE_DOTS_MAX:
        parts.append(t("The pale dots behind are the single articles."))
    parts.append(
        t(
            "The tone describes the wording around the name, not necessarily the writer's view of that actor. Hollow dots rest on fewer than {n} sentences or {articles} articles.",
            n=MIN_ACTOR_POINT_SENTENCES,
            articles=MIN_POINT_ARTICLES,
        )
    )
    return Md(" ".join(parts))


def period_label(first, last) -> str:
    """ "Feb–Oct 2025" / "Dez 2024 – Mär 2025" in the reader's language."""
    return tr().months(first, last)


class PageEnd(Exception):
    """Raised by :func:`end_page`; app.py catches it and draws the sidebar as on any run."""


def end_page() -> NoReturn:
    """End the page here: it has said all it can (no articles in view, nothing pinned yet, the
    analysis stopped). Not ``st.stop()``: after it Streamlit refuses every further element, and
    the sidebar's controls are drawn after the page (app.py). A reader told "clear a filter in the
    sidebar" found the sidebar empty, with no way to clear it."""
    raise PageEnd


def current_view() -> View:
    """The View the sidebar computed in this run; on an empty workspace the page says so and
    points to the Corpus page instead."""
    view = state.view()
    if view is None:
        st.info(
            t(
                "This workspace has no articles yet. Add files on the page 'Your corpus', or choose another corpus in the sidebar."
            )
        )
        st.page_link(state.CORPUS_PAGE, label=t("Your corpus"), icon=":material/upload_file:")
        end_page()
    return view


def open_articles(ids: list[str]) -> None:
    """Remember the picked articles and go to the Articles page (which opens the first)."""
    st.session_state[state.PENDING] = tuple(ids)
    st.switch_page(state.ARTICLES_PAGE)


def open_sources(first: list[str], second: list[str]) -> None:
    """Go to the Compare page set to two sides of outlets (an empty side: every other outlet)."""
    st.session_state[state.COMPARE_MODE] = "sources"
    for wkey, side in zip(state.COMPARE_SOURCES, (first, second)):
        st.session_state[wkey] = list(side)
    st.switch_page("app_pages/compare.py")


def open_ranges(first: tuple[dt.date, dt.date], second: tuple[dt.date, dt.date]) -> None:
    """Go to the Compare page set to two date ranges (each first and last day, inclusive)."""
    st.session_state[state.COMPARE_MODE] = "ranges"
    for wkey, span in zip(state.COMPARE_RANGES, (first, second)):
        st.session_state[wkey] = span
    st.switch_page("app_pages/compare.py")


# Resolved once: every chart's caption asks (resolving walks the path with a system call per part).
_BUNDLED = (cached.ROOT / "data" / "corpus").resolve()


def default_corpus_label() -> str:
    """The corpus selector's name for the corpus the app opens with: the bundled example, or the
    folder ``TONLAGE_CORPUS_DIR`` names (it was called "Bundled example (5 articles)" whatever
    the folder held)."""
    folder = Path(cached.corpus_paths()[0])
    if folder == _BUNDLED:
        return t("Bundled example (5 articles)")
    return t("Folder “{name}”", name=folder.name)


def corpus_name(key: CorpusKey, lang: str) -> str:
    """The corpus as a reader names it: the workspace, the bundled example, or the folder."""
    workspace = cached.workspace_of(key)
    if workspace:
        return workspace
    if Path(key.corpus) == _BUNDLED:
        return translator(lang)("Bundled example corpus")
    return Path(key.corpus).name


def chart_caption(view: View, *, period: tuple | None = None, windows: tuple | None = None) -> tuple[str, ...]:
    """What is stamped under an exported chart: corpus, dates, filters, articles, method.

    ``period``: the dates the chart covers when they are not the view's; ``windows``: the two
    periods of a comparison (named with their dates instead of one period).
    """
    from tonlage.present import pack

    tr = translator(view.lang)
    key, f = view.corpus_key, view.filters
    s = cached.summary(key, f)
    first, last = period or (f.date_from or s["first"], f.date_to or s["last"])
    themes = dict(cached.options(key)["themes"])
    when = pack.period_text(first, last, view.lang)
    if windows:
        when = pack.windows_text(*windows, view.lang, tr)
    return pack.caption_lines(
        corpus=corpus_name(key, view.lang),
        period=when,
        filters=pack.filters_text(f, themes, tr),
        n_articles=s["n_articles"],
        version=str(cached.params(key).get("version", "?")),
        tr=tr,
    )


#: A figure, or what makes it when it is pinned or downloaded (a chart's slide version need not
#: be built on every run of its page).
FigureOrMaker = go.Figure | Callable[[], go.Figure]


def _figure(fig: FigureOrMaker) -> go.Figure:
    return fig() if callable(fig) else fig


def _image(fig: FigureOrMaker, fmt: str, caption: Sequence[str]):
    def make() -> bytes:  # called only when the reader clicks (rendering takes a moment)
        from tonlage.report.images import render_figure

        return render_figure(_figure(fig), fmt=fmt, caption=caption)

    return make


def _table_bytes(data: ChartData, fmt: str):
    lang = tr().lang  # made when the button is clicked, maybe outside the page's run

    def make() -> bytes:
        from tonlage.export import csv_bytes, xlsx_bytes

        table = _table(data)
        return csv_bytes(table, lang=lang) if fmt == "csv" else xlsx_bytes(table, sheet_name="data")

    return make


def _toggle_pin(
    fig: FigureOrMaker, key: str, caption: tuple[str, ...], read: str, data: ChartData | None, what: str = ""
) -> None:
    from tonlage.present import pack

    table = None if data is None else _table(data)
    pin = pack.pin_chart(_figure(fig), key=key, caption=caption, read=read, table=table, what=what)
    pinned = pins.toggle_chart(pin)
    st.toast(
        t("Chart added to the meeting pack.") if pinned else t("Chart taken out of the meeting pack."),
        icon=":material/push_pin:",
    )


def chart_tools(
    fig: FigureOrMaker,
    *,
    key: str,
    read: str,
    data: ChartData | None,
    caption: Sequence[str] | None = None,
    what: str = "",
) -> None:
    """Under a chart: pin it for the meeting pack, download it as PNG/SVG (caption stamped in)
    and its data as CSV/XLSX. ``what``: what the chart shows in plain words (plain text: the
    statement said under it), which its slide carries."""
    from tonlage.present import pack

    view = state.view()
    if view is None:
        return
    caption = tuple(caption or chart_caption(view))
    pin_id = pack.pin_id_for(key, caption)
    pinned = pins.is_pinned(state.PINNED_CHARTS, pin_id)
    row = st.container(horizontal=True, gap="small")  # wraps instead of cutting labels in narrow columns
    row.button(
        t("In the meeting pack (remove)") if pinned else t("Add to meeting pack"),
        key=f"{key}_pin",
        icon=":material/push_pin:",
        type="primary" if pinned else "secondary",
        on_click=_toggle_pin,
        args=(fig, key, caption, read, data, what),
        help=t("Keeps this chart, as you see it now (with these filters), for the deck on the Meeting pack page."),
    )
    # The popover's buttons are made only while it is open (a rerun on opening, as a lazy
    # expander): four download buttons and a note under every chart were 15 of the 99 elements
    # an Overview run of the bundled corpus sent, each button registered with a new file id.
    with row.popover(
        t("Download"), icon=":material/download:", key=state.relabelled(f"{key}_download_open"), on_change="rerun"
    ) as box:
        if box.open:
            _download_buttons(fig, key=key, caption=caption, data=data)


def _download_buttons(fig: FigureOrMaker, *, key: str, caption: tuple[str, ...], data: ChartData | None) -> None:
    """The Download popover's content: the chart as PNG and SVG, its data as CSV and XLSX."""
    from tonlage.report.images import renderer_status

    ok, reason = renderer_status()
    why = msg(reason)  # the engine's sentence (its parameters, e.g. a path, escaped)
    stem = f"tonlage-{key}"
    st.caption(
        t("Images are slide-sized (16:9) and carry a caption: corpus, dates, filters, number of articles and method.")
    )
    st.download_button(
        t("Chart as PNG image"),
        _image(fig, "png", caption),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"{key}_png",
        on_click="ignore",
        disabled=not ok,
        help=None if ok else why,
    )
    st.download_button(
        t("Chart as SVG (scales without blur)"),
        _image(fig, "svg", caption),
        file_name=f"{stem}.svg",
        mime="image/svg+xml",
        key=f"{key}_svg",
        on_click="ignore",
        disabled=not ok,
        help=None if ok else why,
    )
    if data is not None:
        st.download_button(
            t("Data as CSV"),
            _table_bytes(data, "csv"),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",
            help=t("Separated by commas, with a decimal point; dates as 2025-09-24."),
        )
        st.download_button(
            t("Data as Excel (XLSX)"),
            _table_bytes(data, "xlsx"),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            on_click="ignore",
        )
    if not ok:
        st.caption(why)


def show_chart(
    fig: go.Figure,
    *,
    key: str,
    read: str,
    data: ChartData | None = None,
    articles: pd.DataFrame | None = None,
    actor_articles: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    height: int | None = None,
    caption: Sequence[str] | None = None,
    tone: bool = False,
    exported: tuple[FigureOrMaker, str] | None = None,
    what: str = "",
    said: Callable[[], object] | None = None,
) -> None:
    """Render a figure with a "How to read this" line, its data as an accessible table, and
    the tools to pin it for the meeting pack or download it.

    With ``articles`` given, the chart is selectable and a pick opens those articles;
    ``actor_articles`` (or a function making them, called only for a pick) resolve a picked actor.
    ``data``: the table behind the chart, or a function making it when it is shown, downloaded
    or pinned (a large table is then not built on every run).
    ``caption``: what exported images of it carry, when not the current view's.
    ``tone``: the chart shows tone; its caption, image and pin say how far the tone agrees with
    a reader on this corpus (or that it is unchecked).
    ``exported``: the figure pinned and downloaded instead of ``fig`` (a slide holds fewer
    panels than the page), or what makes it, and a line for its caption saying what it leaves
    out (plain text).
    ``what``: what the chart shows, as its slide says it (plain text; see :func:`chart_tools`).
    ``said``: draws what the chart shows in words (a finding's statement), under its reading
    and before its data and tools: below the pin and download buttons it read as belonging to
    the next chart.
    """
    stamp = ""
    view = state.view()
    if tone and view is not None:
        stamp = tone_stamp(cached.stamp_params(view.corpus_key, view.filters), tr())
    if articles is not None:
        event = st.plotly_chart(
            fig,
            key=key,
            width="stretch",
            on_select="rerun",
            selection_mode=("points", "box", "lasso"),
            config={"displaylogo": False},
        )
        st.caption(
            t("How to read this: {text}", text=read)
            + " "
            + t("Click a point or bar (or draw a box around several) to open those articles.")
        )
        _stamp_line(stamp)
        ids = selected_article_ids(event, articles, actor_articles=actor_articles)
        if ids:
            open_articles(ids)
    else:
        st.plotly_chart(fig, key=key, width="stretch", config={"displaylogo": False})
        st.caption(t("How to read this: {text}", text=read))
        _stamp_line(stamp)
    if said is not None:
        said()
    if tone and view is not None:
        # The exported image's caption (with the tone's agreement) is worked out after the chart
        # is sent: the meeting-pack code it needs is not loaded before the first paint.
        from tonlage.present.pack import with_tone_stamp

        caption = with_tone_stamp(
            caption or chart_caption(view), cached.stamp_params(view.corpus_key, view.filters), tr()
        )
    if data is not None:
        with lazy_expander(t("Show the data behind this chart"), key=f"{key}_data_open") as box:
            if box.open:
                table = shown_table(_table(data))
                shown = local_table(table)
                columns = local_date_columns(table) if shown is table else None  # styled: its cells are text
                st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}_data", column_config=columns)
    shared: FigureOrMaker = fig
    if exported is not None and view is not None:
        shared, left_out = exported
        caption = (*(caption or chart_caption(view)), left_out)
    chart_tools(shared, key=key, read=read, data=data, caption=caption, what=what)


def tone_stamp_line() -> None:
    """How far the tone agrees with a reader on this corpus, with the way to check it, for tone
    shown without a chart (the strongest sentences, with the box that corrects them)."""
    view = state.view()
    if view is not None:
        _stamp_line(tone_stamp(cached.stamp_params(view.corpus_key, view.filters), tr()))


def _stamp_line(stamp: str) -> None:
    """How far the tone agrees with a reader, under a tone chart, with the way to check it."""
    if not stamp:
        return
    note_with_link(
        ":material/fact_check: " + escape_text(stamp), state.CHECK_PAGE, t("Check the tone"), ":material/fact_check:"
    )


def note_with_link(note: str, page: str, label: str, icon: str, query_params: dict[str, str] | None = None) -> None:
    """A caption (Markdown, already escaped) with a link to another page (and ``query_params``
    for it) beside it while both fit, below it when not: in a fixed column the link's label was
    cut ("Tonlage prü…" at 1,100 px)."""
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    row.caption(note, width="content")
    row.page_link(page, label=label, icon=icon, query_params=query_params)


def actor_list_line(key: CorpusKey, names: bool = True) -> None:
    """A workspace's line on its list of actors, with a link to where the list is changed (a
    folder corpus gets none). The Actors page (``names``) always has it; the Overview only when
    the list names someone in fewer than half the articles (:func:`actor_list_note`)."""
    from tonlage.present.views import FEW_FOLLOWED

    if not key.workspace:
        return
    naming, total = cached.articles_naming_actors(key)
    if not names and naming >= FEW_FOLLOWED * total:
        return
    note_with_link(
        actor_list_note(key, names),
        state.CORPUS_PAGE,
        t("Change the list of names"),
        ":material/group:",
        query_params={state.SECTION_QP: "actors"},
    )


def actor_list_note(key: CorpusKey, names: bool = True) -> Md:
    """Where a workspace's list of actors can be changed; when the list names someone in fewer
    than half its articles (a corpus on other people than the standard list's), saying so, and
    with ``names`` whom the articles name and quote most instead: on 509 Austrian news articles
    the Actors page showed the EU, the USA and Russia only. Without ``names`` nothing is read
    (the Overview's first visit stays as fast)."""
    from tonlage.present.views import FEW_FOLLOWED, NAMED_SAMPLE

    naming, total = cached.articles_naming_actors(key)
    if naming >= FEW_FOLLOWED * total:
        return escape_text(t_plain("This workspace's list of names can be changed on the page 'Your corpus'."))
    if not names:
        return t(
            "The list of actors names someone in only {n} of {total} articles. The page 'Your corpus' offers whom these articles name and quote most.",
            n=naming,
            total=total,
        )
    top = cached.suggested_actors(key).head(5)
    if top.empty:
        return t(
            "The list of actors names someone in only {n} of {total} articles. It can be changed on the page 'Your corpus'.",
            n=naming,
            total=total,
        )
    people = ", ".join(f"{r.name} ({tr().integer(r.n_articles)})" for r in top.itertuples(index=False))
    if top["estimated"].any():
        return t(
            "The list names someone in only {n} of {total} articles. Not on it, and named or quoted most often (in about how many articles, estimated from {read} of them): {people}. Add them on the page 'Your corpus'.",
            n=naming,
            total=total,
            read=NAMED_SAMPLE,
            people=people,
        )
    return t(
        "The list names someone in only {n} of {total} articles. Not on it, and named or quoted most often (in how many articles): {people}. Add them on the page 'Your corpus'.",
        n=naming,
        total=total,
        people=people,
    )


def _period_rows(b: pd.DataFrame) -> pd.DataFrame:
    """A table of periods (``start, end, tone, low, high, n_articles, n_sentences``) as the data
    behind a chart shows it: the last day of each period, the tone rounded as written."""
    return pd.DataFrame(
        {
            "from": b["start"].dt.date,
            "to": (b["end"] - pd.Timedelta(days=1)).dt.date,
            "tone": b["tone"].round(2),
            "low": b["low"].round(3),
            "high": b["high"].round(3),
            "n_articles": b["n_articles"],
            "n_sentences": b["n_sentences"],
        }
    )


def _period_names(tone: str) -> dict[str, str]:
    """The reader's names of :func:`_period_rows`' columns (``tone``: the tone column's)."""
    return {
        "from": t("From"),
        "to": t("To"),
        "tone": tone,
        "low": t("95% interval from"),
        "high": t("95% interval to"),
        "n_articles": t("Articles"),
        "n_sentences": t("Sentences"),
    }


def period_data(articles: pd.DataFrame) -> Callable[[], pd.DataFrame]:
    """The data behind a tone timeline drawn as periods, made when it is asked for (see
    :func:`later`): one row per week or month, as the dots
    (:func:`tonlage.present.charts.aggregate_articles`), not one per article. On a 60,000-article
    archive the per-article table was 4.7 MB sent with every run of the page; the articles
    themselves are on the Articles page."""
    return later(lambda: _period_rows(cached.periods(articles)), _period_names(t("Mean tone")))


def actor_period_data(points: pd.DataFrame, freq: str) -> Callable[[], pd.DataFrame]:
    """The data behind the Actors page's timeline drawn as weeks or months (``freq``), made when
    it is asked for: one row per actor and period, as the dots and their bars
    (:func:`tonlage.present.charts.actor_period_table`)."""

    def make() -> pd.DataFrame:
        b = cached.charts.actor_period_table(points, freq)
        return pd.concat([b[["actor"]], _period_rows(b)], axis=1)

    return later(make, {"actor": t("Actor"), **_period_names(t("Tone"))})


def source_period_data(table: pd.DataFrame) -> Callable[[], pd.DataFrame]:
    """The data behind the outlets' tone over time (:func:`tonlage.present.charts.source_periods`),
    made when it is asked for: one row per outlet and period, as the dots and their bars."""

    def make() -> pd.DataFrame:
        return pd.concat([table[["source"]].reset_index(drop=True), _period_rows(table.reset_index(drop=True))], axis=1)

    return later(make, {"source": t("Source"), **_period_names(t("Mean tone"))})


def later(make: Callable[[], pd.DataFrame], names: Mapping[str, str] | None = None) -> Callable[[], pd.DataFrame]:
    """The data behind a chart, made when it is asked for (shown, downloaded, pinned) instead of
    on every run of its page: ``make()``, its columns then renamed to ``names`` (the reader's
    words, translated now). ``make`` calls no ``st.*`` and no ``t()``: a download makes the table
    outside the page's run. Selecting, rounding and renaming the tables of a page's charts was
    a tenth of the server's CPU a run (pandas builds an index of text for every column list),
    for tables few readers open."""

    def table() -> pd.DataFrame:
        out = make()
        return out.rename(columns=dict(names)) if names else out

    return table


def theme_period_data(key: CorpusKey, f: Filters, themes: pd.DataFrame) -> Callable[[], pd.DataFrame]:
    """The data behind the theme time chart drawn as periods for the view ``key``, ``f``, made
    when it is asked for (shown, downloaded, pinned): one row per theme and week or month, as
    the points (:func:`components.cached.theme_time_table`), not one per article and theme. At
    100,000 articles that was 2.5 million rows, built on every run of the page, more than a
    spreadsheet holds (1,048,576): its Excel download failed."""
    names = {
        "no": t("No."),
        "label": t("Theme"),
        "from": t("From"),
        "to": t("To"),
        "share": t("Share") + " %",
        "low": t("95% interval from") + " %",
        "high": t("95% interval to") + " %",
        "n": t("Articles"),
    }  # the reader's words now: the table may be made outside this run (a download)

    def make() -> pd.DataFrame:  # may run outside the page's run (a download): no st.* here
        b = cached.theme_time_table(key, f)
        labels = dict(zip(themes["theme_id"], themes["label"]))
        return pd.DataFrame(
            {
                names["no"]: b["theme_id"].astype(int) + 1,
                names["label"]: b["theme_id"].map(labels),
                names["from"]: b["start"].dt.date,
                names["to"]: (b["end"] - pd.Timedelta(days=1)).dt.date,
                names["share"]: (b["share"] * 100).round(1),
                names["low"]: (b["low"] * 100).round(1),
                names["high"]: (b["high"] * 100).round(1),
                names["n"]: b["n_articles"],
            }
        )

    return make


def actor_columns() -> dict[str, str]:
    """The actor table's columns as the reader sees them (the Overview's and the Actors page's)."""
    return {
        "actor": t("Actor"),
        "kind": t("Kind"),
        "mentions": t("Mentions"),
        "n_articles": t("Articles"),
        "n_sentences": t("Sentences"),
        "tone": t("Tone"),
    }


def no_articles() -> None:
    """Says that no article is in view, with the way back: the sidebar's filters, or one click."""
    from components.filters import reset_filters  # (filters imports this module)

    view = state.view()
    words = view.filters.words if view is not None else ""
    if words:  # the words are the likeliest reason: say how they were read, with what to try
        if any(len(term.words) > 1 for term in parse_words(words)[0]):  # a phrase
            said = t(
                "No article in view contains {words}. Words without a comma between them are searched as one phrase: side by side, in this order. To find articles that hold each of them anywhere, put + between them ({example}); to find articles that hold any of them, commas.",
                words=words,
                example="Trump\u00a0+\u00a0Putin",  # kept on one line
            )
        else:
            said = t(
                "No article in view contains {words}. Check the spelling, end a word with a star to find longer words too ({example} finds {longer}), or clear “Containing words” in the sidebar.",
                words=words,
                example="Sanktion*",  # parameters: escaped, so the stars stay stars
                longer="Sanktionen",
            )
        st.info(said)
        _respelling_buttons(view)
    else:
        st.info(t("No articles match the current filters. Widen the date range or clear a filter in the sidebar."))
    st.button(t("Show all articles"), on_click=reset_filters, key="no_articles_reset", icon=":material/filter_alt_off:")


def _respelling_buttons(view: View) -> None:
    """Below "no article contains ...": an actor of the list whom the words name or nearly
    name (the "Mentioning" filter, every spelling), and the queries that find articles in view
    instead (close words of the corpus, or the word with a star; :mod:`tonlage.search.spelling`), one
    button each, with how many articles it finds. They are headed "Did you mean:" where one of
    them reads a word otherwise (a name, a spelling), "Try:" where they only add a star or take
    a phrase apart (the reader's words were right)."""
    from components.filters import mentioning, search_for  # (filters imports this module)

    actors = cached.actors_meant(view.corpus_key, view.filters)
    offered = cached.respellings(view.corpus_key, view.filters) or []
    if not (actors or offered):
        return
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    with row:
        st.markdown(t("Did you mean:") if actors or any(r for _, _, r in offered) else t("Try:"))
        for i, (actor, n) in enumerate(actors):
            st.button(
                tn(
                    "Mentioning {actor}, any spelling ({n} article)",
                    "Mentioning {actor}, any spelling ({n} articles)",
                    n,
                    actor=actor,
                ),
                key=f"actor_meant_{i}",
                on_click=mentioning,
                args=(actor,),
                icon=":material/groups:",
            )
        for i, (words, n, _) in enumerate(offered):
            st.button(
                tn("{words} ({n} article)", "{words} ({n} articles)", n, words=words),
                key=f"respelling_{i}",
                on_click=search_for,
                args=(words,),
                icon=":material/search:",
            )


def outside_in_view(key: CorpusKey, articles: pd.DataFrame) -> tuple[dict | None, tuple[str, ...]]:
    """The corpus's main period (components.cached.main_period) and the ids of the articles in
    ``articles`` that lie far outside it (date order)."""
    main = cached.main_period(key)
    if not main or not main["outside"]:
        return main, ()
    # The few outside ids looked up among the view's (not the view's 100,000 ids made a set).
    shown = set(articles.loc[isin(articles["article_id"], main["outside"]).to_numpy(dtype=bool), "article_id"])
    return main, tuple(x for x in main["outside"] if x in shown)


def _show_main_period(start, end) -> None:
    """Callback: the sidebar's date filter set to the main period (before the sidebar is drawn,
    so the widget and the share link pick it up)."""
    st.session_state[state.DATES] = (start, end)


def period_note(n_outside: int, start, end) -> None:
    """Below a time chart: how many articles lie far outside the main period, and a button that
    narrows the date filter to it (see tonlage.period)."""
    x = tr()
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(
        tn(
            "✕ {n} article lies far outside the corpus's main period ({period}). It is marked, not removed: it still counts in every chart and figure until you narrow the dates.",
            "✕ {n} articles lie far outside the corpus's main period ({period}). They are marked, not removed: they still count in every chart and figure until you narrow the dates.",
            n_outside,
            period=x.days(start, end),
        )
    )
    right.button(
        t("Show only the main period"),
        key="main_period_only",
        icon=":material/date_range:",
        on_click=_show_main_period,
        args=(start, end),
        wrap=True,  # in a quarter of a narrow page its label was cut off with an ellipsis
        help=t(
            "Sets the date filter in the sidebar to {period}. As with any date filter, articles without a date are then left out too; 'Show all articles' in the sidebar brings everything back.",
            period=x.days(start, end),
        ),
    )


def dated(articles: pd.DataFrame) -> bool:
    """Whether any article in view has a date, for a chart over time; where none has, says so in
    its place (the chart would be empty, and say that no article matches the filters): why
    nothing is drawn, that the articles are still everywhere else, and where dates are set."""
    if not len(articles) or articles["date"].notna().any():
        return True
    st.info(
        tn(
            "The article in view has no date, so it cannot be placed on a time axis. It is in the tables, in the charts without dates and on the Articles page. Set its date under “Check and correct articles” on the page “Your corpus”, or add a metadata.csv with the columns file and date to the files.",
            "None of the {n} articles in view has a date, so they cannot be placed on a time axis. They are in the tables, in the charts without dates and on the Articles page. Set their dates under “Check and correct articles” on the page “Your corpus”, or add a metadata.csv with the columns file and date to the files.",
            len(articles),
        ),
        icon=":material/event_busy:",
    )
    st.page_link(state.CORPUS_PAGE, label=t("Your corpus"), icon=":material/upload_file:")
    return False


def undated_note(n_undated: int) -> None:
    if n_undated:
        st.caption(
            tn(
                "{n} undated article is not shown on time charts (it is still in the tables and on the Articles page).",
                "{n} undated articles are not shown on time charts (they are still in the tables and on the Articles page).",
                n_undated,
            )
        )


def language_note(articles: pd.DataFrame, *, themes: bool) -> None:
    """Say which articles a measure leaves out because of their language (never silently):
    themes are built from German text; tone is scored for German and English only."""
    from tonlage.model import SCORED_LANGUAGES, THEME_LANGUAGES

    allowed = THEME_LANGUAGES if themes else SCORED_LANGUAGES
    out = articles.loc[~articles["language"].isin(allowed), "language"].value_counts()
    if out.empty:
        return
    langs = ", ".join(
        tn("{n} article in {language}", "{n} articles in {language}", int(n), language=language_name(code))
        for code, n in out.items()
    )
    if themes:
        st.caption(
            t(
                "Not in the themes, because not in German: {langs}. Themes are built from German text only, so other languages cannot form themes of their own function words.",
                langs=langs,
            )
        )
    else:
        st.caption(
            t(
                "No tone for articles in languages without a tone word list: {langs}. They are shown as 'not scored' rather than scored wrongly; German and English are scored.",
                langs=langs,
            )
        )


def theme_mode_line(key: CorpusKey) -> None:
    """One short line: which mode the themes come from (standard, or the sidebar's quality mode),
    and, for a large corpus, that they were fitted in parts."""
    params = cached.params(key)
    mode = params.get("theme_quality", "standard")
    if params.get("theme_method") == "partitions":
        st.caption(
            tn(
                "These themes were fitted in {n} part because the corpus is large: the exact fit would need more memory than this installation allows. They are an approximation, which groups some articles differently than the exact fit would.",
                "These themes were fitted in {n} parts because the corpus is large: the exact fit would need more memory than this installation allows. They are an approximation, which groups some articles differently than the exact fit would.",
                int(params.get("theme_parts", 0)),
            )
        )
    if mode == "encoder skipped":
        st.caption(
            t(
                "The quality mode was asked for, but it cannot be used when the themes are fitted in parts: these are the standard themes."
            )
        )
    elif mode == "encoder":
        st.caption(
            t(
                "These themes come from the quality mode (“Better themes (slower)” in the sidebar): a sentence encoder groups articles that say the same thing in other words."
            )
        )
    elif mode == "encoder unavailable":
        st.caption(
            t(
                "The quality mode was asked for, but the sentence encoder is not installed: these are the standard themes."
            )
        )
    else:
        st.caption(
            t(
                "These themes come from the standard mode (shared words only). “Better themes (slower)” in the sidebar also groups articles that say the same thing in other words."
            )
        )


def streamlit_words_in_language() -> None:
    """Words that Streamlit itself writes and keeps in English, in the reader's language: on a
    file upload box ("Upload", "200MB per file") and on the menu's button for the pages that do
    not fit ("3 more": "Mehr", without the count, which a style cannot know; a longer word pushed
    one more page into that menu). Drawn by a style (pseudo-elements, also read out as the
    element's name) in place of Streamlit's words, once per run (app.py). Nothing to do in
    English."""
    if tr().lang == "en":
        return
    # The limit as the reader writes numbers (German 1.000), passed as Md: a number of the
    # server's configuration, which escaping for Markdown would write as "1&#46;000" here.
    mb = Md(tr().integer(int(st.get_option("server.maxUploadSize"))))
    # As CSS strings: the catalogue's words, quotes and backslashes escaped.
    button, limit, more = (
        '"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"'
        for w in (t("Upload"), t("{mb} MB per file", mb=mb), t("More"))
    )
    zone = '[data-testid="stFileUploaderDropzone"]'
    rest = '[data-testid="stTopNav"] .rc-overflow-item-rest [data-testid="stMarkdownContainer"]'
    st.html(
        "<style>"
        f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p {{ display: none; }}'
        f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]::after {{ content: {button}; }}'
        # The limit keeps Streamlit's own grey small type: the new words are the span's own.
        f'[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}'
        f'[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; font-size: 0.875rem; }}'
        f"{rest} p {{ display: none; }}"
        f"{rest}::after {{ content: {more}; }}"
        "</style>"
    )
