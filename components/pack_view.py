"""The Meeting pack page's parts: what is pinned, what goes in, and building the deck.

The deck is built from pins (snapshots taken where the reader pinned them), so what a slide
shows is exactly what the reader saw. Text from the corpus (quotes, titles) is shown through
escaped markdown or ``st.text``/``st.caption``, never as markup.
"""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from components import cached, pins, progress, state
from components.i18n import local_label, msg, t, t_plain, tn, tn_plain, tr, translator
from components.ui import chart_caption, corpus_name, period_label
from tonlage.analysis import jobs
from tonlage.present import pack
from tonlage.present.safe import escape_text
from tonlage.present.types import View

__all__ = [
    "render_empty",
    "render_title",
    "render_charts",
    "render_findings",
    "render_quotes",
    "render_build",
    "pin_overview",
    "pin_comparison",
    "BUILT",
]

BUILT = "pack_built"  # (signature of what went in, pptx bytes, pdf bytes, slide count, seconds)
# Streamlit forgets a widget's value once its page is left; what the reader typed or unticked
# here is kept in these plain entries instead, so it is still there when they come back.
KEPT = "pack_kept"  # widget key -> value (title, subtitle)
EXCLUDED = "pack_excluded"  # ids of pins left out of the deck


def _keep(key: str) -> None:
    st.session_state.setdefault(KEPT, {})[key] = st.session_state[key]


def _kept(key: str, default: str) -> str:
    return st.session_state.get(KEPT, {}).get(key, default)


def _include(pin_id: str, label: str, *, col=st) -> bool:
    """A checkbox "put this in the deck" whose answer outlives the page."""
    excluded = st.session_state.setdefault(EXCLUDED, set())

    def flip() -> None:
        (excluded.discard if st.session_state[f"use_{pin_id}"] else excluded.add)(pin_id)

    return col.checkbox(label, value=pin_id not in excluded, key=f"use_{pin_id}", on_change=flip)


def _set_what(pin_id: str) -> None:
    pins.replace_chart(pin_id, what=st.session_state[f"what_{pin_id}"].strip())


def _view_findings(view: View) -> list:
    return cached.view_findings(view.corpus_key, view.filters, evidence=False)  # their text, not examples


def pin_overview(view: View) -> None:
    """Pin the Overview of the current view: its three charts, findings and two quotes."""
    found = _view_findings(view)
    charts, quotes = pack.overview_pins(
        cached.get_corpus(view.corpus_key),
        cached.ids_in_view(view.corpus_key, view.filters),
        events=cached.events(view.corpus_key, view.lang),
        caption=chart_caption(view),
        found=found,
        lang=view.lang,
        index=cached.corpus_index(view.corpus_key),
    )
    _pin_all(charts, found, quotes)


def pin_comparison(view: View, cmp, found: list | None = None, title: str | None = None) -> None:
    """Pin a comparison: its tone and actor charts and its findings (quotes stay the reader's
    pick). ``title`` becomes the deck's title unless the reader has typed one. ``found``: the
    comparison's findings, found here when not given (the Compare page shows them in a part of
    their own, which may not have been opened)."""
    if found is None:
        found = cached.comparison_findings(view.corpus_key, view.filters, cmp.a, cmp.b)
    if title:
        st.session_state.setdefault(KEPT, {}).setdefault("pack_title", title)
    caption = chart_caption(view, windows=(cmp.a, cmp.b))
    charts, _ = pack.comparison_pins(
        cached.get_corpus(view.corpus_key), cmp, caption=caption, found=found, lang=view.lang
    )
    _pin_all(charts, found, [])


def _pin_all(charts, found, quotes) -> None:
    for c in charts:
        if not pins.is_pinned(state.PINNED_CHARTS, c.pin_id):
            pins.toggle_chart(c)
    for f in found:
        pins.add_finding(f)
    for q in quotes:
        pins.add_quote(q)
    st.toast(
        t(
            "Pinned: {charts} charts, {findings} findings, {quotes} quotes.",
            charts=len(charts),
            findings=len(found),
            quotes=len(quotes),
        ),
        icon=":material/push_pin:",
    )


def render_empty(view: View) -> None:
    st.info(t("Nothing is pinned yet."))
    # The link and its line offer periods (before/after an event); a corpus with no dated
    # article has none, but two outlets or more of it can still be compared on the Compare page.
    opts = cached.options(view.corpus_key)
    dated, outlets = opts["min_date"] is not None, len(opts["sources"]) >= 2
    if dated:
        st.markdown(
            t(
                "- Under every chart, **Add to meeting pack** keeps it as you see it.\n- On the Compare page, **Add this comparison to the meeting pack** pins a before/after comparison with its findings.\n- In the reader (Articles page), select sentences to pin them as quotes.\n\nOr start from a ready-made set:"
            )
        )
    elif outlets:
        st.markdown(
            t(
                "- Under every chart, **Add to meeting pack** keeps it as you see it.\n- On the Compare page, **Add this comparison to the meeting pack** pins two sources set side by side, with their findings.\n- In the reader (Articles page), select sentences to pin them as quotes.\n\nOr start from a ready-made set:"
            )
        )
    else:
        st.markdown(
            t(
                "- Under every chart, **Add to meeting pack** keeps it as you see it.\n- In the reader (Articles page), select sentences to pin them as quotes.\n\nOr start from a ready-made set:"
            )
        )
    # Side by side while both fit, one under the other when not (in halves of a 1,100 px page the
    # German labels were cut to "Mit dem Überblick der aktuellen Auswahl …").
    row = st.container(horizontal=True, gap="medium", vertical_alignment="center")
    row.button(
        t("Start with the overview of the current view"),
        key="pack_start_overview",
        icon=":material/dashboard:",
        on_click=pin_overview,
        args=(view,),
        type="primary",
    )
    if dated or outlets:
        row.page_link(
            "app_pages/compare.py",
            label=t("Compare two periods (e.g. before/after an event)") if dated else t("Compare two sources"),
            icon=":material/compare_arrows:",
        )


def render_title(view: View) -> tuple[str, str]:
    key, f = view.corpus_key, view.filters
    s = cached.summary(key, f)
    name = corpus_name(key, view.lang)
    st.subheader(t("Title"), anchor=False)
    c1, c2 = st.columns(2)
    title = c1.text_input(
        t("Title of the deck"),
        value=_kept("pack_title", t_plain("How the press talks: {corpus}", corpus=name)),
        key="pack_title",
        max_chars=120,
        on_change=_keep,
        args=("pack_title",),
    )
    default_sub = tn_plain(
        "{corpus} · {period} · {n} article",
        "{corpus} · {period} · {n} articles",
        s["n_articles"],
        corpus=name,
        period=period_label(s["first"], s["last"]),
    )
    subtitle = c2.text_input(
        t("Subtitle"),
        value=_kept("pack_subtitle", default_sub),
        key="pack_subtitle",
        max_chars=200,
        on_change=_keep,
        args=("pack_subtitle",),
    )
    return title.strip() or t_plain("How the press talks: {corpus}", corpus=name), subtitle.strip()


def _order_buttons(col, name: str, pin_id: str, i: int, n: int) -> None:
    a, b, c = col.columns(3)
    a.button(
        "",
        key=f"up_{pin_id}",
        icon=":material/arrow_upward:",
        disabled=i == 0,
        help=t("Move up"),
        on_click=pins.move,
        args=(name, pin_id, -1),
    )
    b.button(
        "",
        key=f"down_{pin_id}",
        icon=":material/arrow_downward:",
        disabled=i == n - 1,
        help=t("Move down"),
        on_click=pins.move,
        args=(name, pin_id, 1),
    )
    c.button(
        "",
        key=f"rm_{pin_id}",
        icon=":material/delete:",
        help=t("Remove from the pack"),
        on_click=pins.remove,
        args=(name, pin_id),
    )


def render_charts(view: View) -> list[tuple[pack.PinnedChart, str]]:
    """The pinned charts, each with "include", its "what this shows" text and its place."""
    items = pins.charts()
    st.subheader(t("Charts ({n})", n=len(items)), anchor=False)
    if not items:
        st.caption(t("No chart pinned yet."))
    chosen = []
    for i, c in enumerate(items):
        with st.container(border=True):
            left, right = st.columns([5, 1])
            use = _include(c.pin_id, f"**{escape_text(c.title)}**", col=left)
            left.caption(escape_text(" · ".join(c.caption)))
            _order_buttons(right, state.PINNED_CHARTS, c.pin_id, i, len(items))
            what = left.text_area(
                t("What this shows (printed beside the chart)"),
                value=c.what or c.read,
                key=f"what_{c.pin_id}",
                height=80,
                max_chars=600,
                help=t("One or two plain sentences for the audience. Filled in from the findings where there are any."),
                on_change=_set_what,
                args=(c.pin_id,),
            )
            if use:
                chosen.append((c, what.strip() or c.read))
    return chosen


def render_findings(view: View) -> list[str]:
    items = pins.findings()
    st.subheader(t("Findings ({n})", n=len(items)), anchor=False)
    st.button(
        t("Add the findings of the current view"),
        key="pack_add_view_findings",
        icon=":material/add:",
        on_click=lambda: [pins.add_finding(f) for f in _view_findings(view)],
        help=t("The statements shown under “What stands out” on the Overview page, for the filters now set."),
    )
    chosen = []
    for i, f in enumerate(items):
        fid = pins.finding_id(f)
        left, right = st.columns([5, 1])
        text = f.marked(view.lang)  # a slide keeps the page's ⚠
        if _include(fid, escape_text(text), col=left):
            chosen.append(text)
        _order_buttons(right, state.PINNED_FINDINGS, fid, i, len(items))
    return chosen


def render_quotes() -> list[pack.PinnedQuote]:
    items = pins.quotes()
    st.subheader(t("Quotes ({n})", n=len(items)), anchor=False)
    if not items:
        st.caption(t("No quote pinned yet. Pin sentences in the reader or on the Compare page."))
    chosen = []
    for i, q in enumerate(items):
        left, right = st.columns([5, 1])
        tone = tr().signed(q.tone)
        if _include(q.pin_id, f"„{escape_text(q.text)}“", col=left):
            chosen.append(q)
        left.caption(
            t(
                "{title} · {author} · {date} · tone {tone}",
                title=q.title,
                author=q.author,
                date=local_label(q.date_label),
                tone=tone,
            )
        )
        _order_buttons(right, state.PINNED_QUOTES, q.pin_id, i, len(items))
    return chosen


def render_build(view: View, title: str, subtitle: str, charts, findings, quotes) -> None:
    from tonlage.report.deck import pack_pdf, pack_pptx, slide_count
    from tonlage.report.images import renderer_status

    st.divider()
    st.subheader(t("Build the deck"), anchor=False)
    s = cached.summary(view.corpus_key, view.filters)
    tr = translator(view.lang)
    signature = (
        title,
        subtitle,
        tuple((c.pin_id, w) for c, w in charts),
        tuple(findings),
        tuple(q.pin_id for q in quotes),
        view.lang,
    )
    ok, why = renderer_status()
    if not ok:
        st.warning(msg(why) + " " + t("The deck will carry each chart's data table instead of its picture."))
    c1, c2 = st.columns([1, 2])
    if c1.button(t("Build deck and PDF"), key="pack_build", type="primary", icon=":material/slideshow:"):
        waiting = st.empty()
        # Through the queue for heavy work (the charts' images inside it take the same turn).
        with (
            jobs.queue().slot("pack", on_wait=progress.queue_note(waiting)),
            st.spinner(t("Drawing the charts and writing the deck…"), show_time=True),
        ):
            waiting.empty()
            started = time.perf_counter()
            deck = pack.build_pack(
                title=title,
                subtitle=subtitle,
                charts=charts,
                findings=findings,
                quotes=quotes,
                params=cached.params(view.corpus_key),
                n_articles=s["n_articles"],
                tr=tr,
            )
            st.session_state[BUILT] = (
                signature,
                pack_pptx(deck),
                pack_pdf(deck),
                slide_count(deck),
                time.perf_counter() - started,
            )
    if st.session_state.get(state.PINNED_CHARTS):
        c2.button(
            t("Present the pinned charts"),
            key="present_start",
            icon=":material/co_present:",
            on_click=_start_presenting,
            help=t("Full screen on a projector: no menus, large type. Keys: → next, ← back, Esc ends."),
        )
    built = st.session_state.get(BUILT)
    if not built:
        st.caption(
            t(
                "The deck has a title slide, one slide per chosen chart, the findings, the quotes and a slide on method and limits."
            )
        )
        return
    sig, pptx, pdf, n_slides, seconds = built
    if sig != signature:
        st.info(t("You changed the choices since the last build. Build again to download."))
        return
    st.success(
        tn(
            "Ready: {n} slide (built in {seconds} s).",
            "Ready: {n} slides (built in {seconds} s).",
            n_slides,
            seconds=f"{seconds:.1f}",
        )
    )
    stem = f"{pack.file_stem(title)}-{dt.date.today().isoformat()}"
    d1, d2, _ = st.columns([1, 1, 2])
    d1.download_button(
        t("Download PowerPoint (.pptx)"),
        pptx,
        file_name=f"{stem}.pptx",
        key="pack_dl_pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        icon=":material/download:",
        on_click="ignore",
    )
    d2.download_button(
        t("Download PDF"),
        pdf,
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key="pack_dl_pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )


def _start_presenting() -> None:
    st.session_state[state.PRESENTING] = True
    st.session_state[state.SLIDE] = 0
