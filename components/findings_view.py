"""Findings on a page: each plain sentence with the chart that shows it, the sentences behind it,
and a pin for the meeting pack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from components import cached, pins, state
from components.i18n import t, tn, tr
from components.ui import open_articles, open_part, open_ranges, open_sources
from tonlage.present.safe import escape_text
from tonlage.present.stamp import tone_stamp
from tonlage.present.types import CorpusKey

__all__ = ["render_findings", "statement", "compare_source_button", "CHART_PAGES", "CHART_PARTS"]

# Where each chart a finding refers to lives.
CHART_PAGES = {
    "compare_tone": "app_pages/compare.py",
    "compare_themes": "app_pages/compare.py",
    "compare_actors": "app_pages/compare.py",
    "compare_actor_tone": "app_pages/compare.py",
    "overview_tone_timeline": "app_pages/overview.py",
    "overview_themes": "app_pages/overview.py",
    "overview_actors": "app_pages/overview.py",
    "actors_tone_time": "app_pages/actors.py",
    "tone_sources": "app_pages/tone.py",
    "themes_sources": "app_pages/themes.py",
}
# The part of its page (components.ui.page_tabs) a chart is in, where that is not the first.
CHART_PARTS = {
    "themes_sources": "sources",
    "compare_themes": "changes",
    "compare_actors": "changes",
    "compare_actor_tone": "changes",
}
_MAX_SENTENCES = 8


def render_findings(
    findings: list,
    *,
    key: CorpusKey,
    lang: str,
    page_chart_keys: tuple[str, ...] = (),
    page_parts: dict[str, tuple[str, str]] | None = None,
    prefix: str = "f",
    later: Callable[[], list] | None = None,
    heading: bool = True,
) -> None:
    """The findings as a list. ``page_chart_keys``: charts drawn on this page (no link needed).
    ``page_parts``: charts in another part of this page (:func:`components.ui.page_tabs`), each
    as the key of the page's tabs and the label of its part; "See the chart" opens that part.
    ``later``: the findings came without their examples, and this gives them with theirs (asked
    only when the reader opens a finding's examples). ``heading``: under a heading of its own
    (not in a part that bears the name already)."""
    page_parts = page_parts or {}
    if heading:
        st.subheader(t("What stands out"), anchor=False)
    st.caption(
        t(
            "Plain statements about the articles in view, each with the sentences behind it. A direction (higher, lower, highest, lowest) is only claimed when its 95% interval rules out no difference (wider where many themes, actors or sources are compared at once); otherwise the statement says it may be chance. Thin data is flagged."
        )
    )
    if not findings:
        st.caption(t("Nothing stands out clearly enough to state here."))
        return
    stamp = ""  # the tone stamp under each tone finding: the same for all, made once
    for i, f in enumerate(findings):
        fid = pins.finding_id(f)
        with st.container(border=True):
            # The text takes what the pin button leaves: in columns the button had a fixed
            # share of the width and its label was cut off ("Able…") in a narrow window.
            row = st.container(horizontal=True, wrap=False)
            text_col = row.container()
            tools = row
            text_col.markdown(statement(f, lang))
            if "tone" in f.kind:
                stamp = stamp or ":material/fact_check: " + escape_text(tone_stamp(cached.params(key), tr()))
                text_col.caption(stamp)
            pinned = pins.is_pinned(state.PINNED_FINDINGS, fid)
            tools.button(
                t("Pinned") if pinned else t("Pin"),
                key=f"{prefix}_pin_{i}",
                icon=":material/push_pin:",
                disabled=pinned,
                on_click=pins.add_finding,
                args=(f,),
            )
            if f.chart in page_parts:
                text_col.button(
                    t("See the chart"),
                    key=f"{prefix}_see_{i}",
                    icon=":material/bar_chart:",
                    on_click=open_part,
                    args=page_parts[f.chart],
                    type="tertiary",
                )
            elif f.chart not in page_chart_keys and f.chart in CHART_PAGES:
                text_col.page_link(
                    CHART_PAGES[f.chart],
                    label=t("See the chart"),
                    icon=":material/bar_chart:",
                    query_params={state.PART_QP: CHART_PARTS[f.chart]} if f.chart in CHART_PARTS else None,
                )
            if f.kind in ("source_tone", "source_theme"):
                compare_source_button(str(f.values["source"]), key=f"{prefix}_compare_{i}", where=text_col)
            if f.kind == "recent_tone" and text_col.button(
                t("Compare these weeks on the Compare page"),
                key=f"{prefix}_recent_{i}",
                icon=":material/compare_arrows:",
                help=t(
                    "Opens the Compare page with these two date ranges: their tone, themes, who is named and the sentences behind the change."
                ),
            ):
                v = f.values
                open_ranges(
                    (dt.date.fromisoformat(str(v["start_a"])), dt.date.fromisoformat(str(v["end_a"]))),
                    (dt.date.fromisoformat(str(v["start_b"])), dt.date.fromisoformat(str(v["end_b"]))),
                )
            if later is not None:
                # Made without their examples (tonlage.findings.view_findings' ``evidence``):
                # gathered only when the reader opens them, from the findings made with them.
                with text_col.expander(t("Examples behind it"), key=f"{prefix}_examples_{i}", on_change="rerun") as box:
                    if not box.open:
                        continue
                    full = _with_evidence(f, later())
                    if not (full.sentences or full.article_ids):
                        st.caption(t("This statement has no example sentences or articles."))
                        continue
                    st.caption(examples_count(min(len(full.sentences), _MAX_SENTENCES), len(full.article_ids)))
                    _examples(full, key=key, prefix=prefix, i=i)
            elif f.sentences or f.article_ids:
                # "Examples": a finding keeps at most 50 articles as evidence, so on a large
                # archive "(8 shown, 50 articles)" under a finding about 101,000 articles read as
                # if it rested on 50.
                label = examples_label(min(len(f.sentences), _MAX_SENTENCES), len(f.article_ids))
                # Built only while open: the sentences' text is read from the sentence store
                # (at 100,000 articles 0.07 s for each new filter's findings, and a closed
                # expander's content is sent all the same); opening it is one quick rerun.
                with text_col.expander(label, key=f"{prefix}_examples_{i}", on_change="rerun") as box:
                    if box.open:
                        _examples(f, key=key, prefix=prefix, i=i)


def statement(f, lang: str) -> str:
    """A finding as a page shows it (Markdown, escaped): its sentence, with "⚠️ " before one to
    read with care (the emoji's coloured form on the page)."""
    return ("⚠️ " if f.cautious else "") + escape_text(f.text(lang))


def compare_source_button(source: str, *, key: str, where=st) -> None:
    """A button that opens the Compare page with ``source`` against every other source."""
    if where.button(
        t("Compare {source} with the other sources", source=source),
        key=key,
        icon=":material/compare_arrows:",
        help=t(
            "Opens the Compare page with this source on one side and every other source on the other: their tone, themes, who they name and their sentences."
        ),
    ):
        open_sources([source], [])


def _with_evidence(f, full: list):
    """The finding of ``full`` (the same findings made with their evidence) that ``f`` is: the
    same kind, chart and values; ``f`` itself when none is."""
    want = pins.finding_id(f)
    return next((g for g in full if pins.finding_id(g) == want), f)


def _examples(f, *, key: CorpusKey, prefix: str, i: int) -> None:
    """A finding's example sentences (each with its tone) and the button that opens its articles."""
    rows = cached.sentences_by_ref(key, tuple(f.sentences[:_MAX_SENTENCES]))
    if f.values.get("examples") == "cross_section":
        st.caption(
            t(
                "A cross-section of the sentences in view: negative, neutral and positive ones in the shares they have (the strongest of each side, neutral ones from the first articles)."
            )
        )
    for r in rows.itertuples(index=False):  # each text once (tonlage.findings)
        st.markdown(f"> {escape_text(r.text)}")
        st.caption(t("Tone {tone}", tone=tr().signed(r.tone)))
    if f.article_ids and st.button(
        tn("Open this article in the reader", "Open these {n} articles in the reader", len(f.article_ids)),
        key=f"{prefix}_open_{i}",
        icon=":material/article:",
    ):
        open_articles(list(f.article_ids))


def examples_label(n_sentences: int, n_articles: int) -> str:
    """The label of a finding's examples: its sentences (as many as are shown) and the articles
    behind it, each in the singular or plural; articles only when it has no sentences."""
    if not n_sentences:
        return t("Example articles behind it ({articles})", articles=tr().integer(n_articles))
    return t("Examples behind it: {counts}", counts=examples_count(n_sentences, n_articles))


def examples_count(n_sentences: int, n_articles: int) -> str:
    """What an opened box of examples holds (its label says "Examples behind it"): its
    sentences and the articles behind it (the finding's articles, which the box's button opens:
    at most :data:`~tonlage.findings.MAX_EVIDENCE_ARTICLES`), or the articles alone. Side by
    side, not one from the other: "1 sentence from 50 articles" under a shift in the tone of
    sentences naming one actor read as if one sentence had been drawn from fifty articles."""
    if not n_sentences:
        articles = tr().integer(n_articles)
        return tn("{articles} article behind it", "{articles} articles behind it", n_articles, articles=articles)
    if not n_articles:  # no button to open articles
        return tn("{n} sentence", "{n} sentences", n_sentences)
    return t(
        "{sentences} and {articles} to open",
        sentences=tn("{n} sentence", "{n} sentences", n_sentences),
        articles=tn("{n} article", "{n} articles", n_articles),
    )
