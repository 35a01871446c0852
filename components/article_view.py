"""The reader: one article with its metadata and every sentence tinted by its tone.

Corpus text is untrusted. Every fragment that meets HTML goes through
:func:`tonlage.present.safe.escape_text`; everything else uses Streamlit's plain-text elements.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state
from components.i18n import language_name, shown_table, t, t_plain, tn, tr
from components.review_view import correction_panel
from tonlage.present.charts import NEGATIVE, POSITIVE
from tonlage.present.safe import escape_text
from tonlage.thresholds import MIN_ARTICLE_SENTENCES

__all__ = ["render_article", "sentence_html", "article_html", "tint", "quotes_html", "pin_sentence"]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def tint(tone: float | None, label: str) -> str:
    """Inline CSS for a sentence: tinted background (stronger = stronger tone) plus an
    underline style (solid = positive, dashed = negative) for readers who cannot tell colours."""
    if label not in ("negative", "positive") or tone is None or pd.isna(tone):
        return "padding:1px 0;"
    r, g, b = _rgb(NEGATIVE if label == "negative" else POSITIVE)
    alpha = round(0.10 + 0.25 * min(1.0, abs(float(tone))), 2)
    line = "dashed" if label == "negative" else "solid"
    return (
        f"background-color:rgba({r},{g},{b},{alpha});border-bottom:2px {line} rgb({r},{g},{b});"
        "padding:1px 0;border-radius:2px;"
    )


_CORRECTED_MARK = '<sup style="color:#4C6A92;font-weight:600;">✎</sup>'


def sentence_html(text: str, tone: float | None, label: str, evidence: str, idx: int, corrected: str = "") -> str:
    """One sentence as a tinted span; the hover title gives its score and the evidence. A
    sentence a reader corrected (``corrected``: "words" or "sentence") carries a ✎ mark."""
    x = tr()
    title = t_plain(
        "Sentence {n} · tone {tone} ({label}) · words that moved the score: {evidence}",
        n=idx + 1,
        tone=x.signed(None if tone is None or pd.isna(tone) else float(tone)),
        label=x.tone_label(label),
        evidence=evidence or t_plain("no tone words found"),
    )
    if corrected:
        title += " · " + _correction_note(corrected)
    mark = _CORRECTED_MARK if corrected else ""
    return f'<span style="{tint(tone, label)}" title="{escape_text(title)}">{escape_text(text)}</span>{mark}'


def _correction_note(corrected: str) -> str:
    if corrected == "sentence":
        return t_plain("tone set by hand by a reader")
    if corrected == "words":
        return t_plain("score changed by the corpus's word list")
    return ""


def article_html(text: str, sentences: pd.DataFrame) -> str:
    """The whole article as one HTML block, paragraphs kept where the text has line breaks.

    Everything is on one line inside a ``<div>`` so Markdown treats it as a raw HTML block and
    does not parse it; every text fragment is escaped anyway.
    """
    parts = ['<div style="line-height:1.9;font-size:1.05rem;max-width:52rem;"><p>']
    prev_end = 0
    for r in sentences.itertuples(index=False):
        gap = text[prev_end : r.start] if isinstance(text, str) else ""
        if "\n" in gap and prev_end:
            parts.append("</p><p>")
        elif prev_end:
            parts.append(" ")
        parts.append(
            sentence_html(r.text, r.tone, r.tone_label, r.evidence, int(r.sent_idx), getattr(r, "corrected", "") or "")
        )
        prev_end = r.end
    parts.append("</p></div>")
    return "".join(parts)


def quotes_html(rows: pd.DataFrame) -> str:
    """Sentences as tinted quotes with their article, date, score and evidence (all escaped).

    ``rows``: ``title, date_label, sent_idx, text, tone, evidence`` (+ optional ``tone_label``).
    """
    items = []
    for r in rows.itertuples(index=False):
        label = getattr(r, "tone_label", None) or ("negative" if r.tone < 0 else "positive")
        meta = t_plain(
            "{title} ({date}) · tone {tone} · words that moved the score: {evidence}",
            title=r.title,
            date=r.date_label,
            tone=tr().signed(r.tone),
            evidence=r.evidence,
        )
        items.append(
            '<li style="margin-bottom:0.7rem;">'
            f'<span style="{tint(r.tone, label)}">{escape_text(r.text)}</span>'
            f'<br><span style="color:#666;font-size:0.85rem;">{escape_text(meta)}</span></li>'
        )
    return '<ul style="list-style:none;padding-left:0;max-width:60rem;">' + "".join(items) + "</ul>"


def _chip(text: str) -> str:
    return (
        '<span style="display:inline-block;margin:0 6px 6px 0;padding:2px 10px;border-radius:12px;'
        f'background:#EEF1F5;border:1px solid #D5DAE1;font-size:0.9rem;">{escape_text(text)}</span>'
    )


def render_article(detail: dict, *, key: str = "reader") -> None:
    """Render one article (``views.article_detail`` output)."""
    a = detail["article"]
    st.subheader(escape_text(a["title"]), anchor=False)
    # The line under the title is built as plain text and escaped once, part by part.
    author = t_plain("unknown") if a.get("author") in (None, "", "unknown") else a["author"]
    date = a.get("date_label") or t_plain("unknown")
    if date == "undated":
        date = t_plain("unknown")
    extra = []
    if a.get("date_precision") == "month":
        extra.append(t_plain("(month only)"))
    if a.get("date_note"):
        extra.append(t_plain("(corrected: {note})", note=a["date_note"]))
    genre = tr().genre(a["genre"]) if a.get("genre") else t_plain("unknown")
    meta = [
        t_plain("by {author}", author=author),
        t_plain("Date: {date}", date=f"{date} {' '.join(extra)}".strip()),
        t_plain("Kind: {genre}", genre=genre),
        *([t_plain("Source: {source}", source=a["source"])] if a.get("source") else []),
        t_plain("Language: {language}", language=language_name(str(a.get("language")))),
        t_plain("{words} words · {sentences} sentences", words=a.get("n_words", 0), sentences=a.get("n_sentences", 0)),
    ]
    st.markdown(
        '<div style="color:#555;margin-bottom:0.6rem;">' + " &#183; ".join(escape_text(m) for m in meta) + "</div>",
        unsafe_allow_html=True,
    )

    if a.get("url"):
        st.caption(t("Published at: {url}", url=a["url"]))  # as text, never a live link
    copies = detail.get("copies")
    if copies is not None and len(copies):
        names = "; ".join(
            f"{r.title} ({r.source or r.article_id}, {r.date_label})" for r in copies.itertuples(index=False)
        )
        if a.get("duplicate_of"):
            st.info(
                t(
                    "A copy of a story that appears earlier: {names}. With 'Count each story once' on, this copy "
                    "is not counted in charts and lists.",
                    names=names,
                )
            )
        else:
            st.info(
                tn(
                    "The same story appears again later: {names}. With 'Count each story once' on, only this "
                    "first copy is counted.",
                    "The same story appears {n} more times later: {names}. With 'Count "
                    "each story once' on, only this first copy is counted.",
                    len(copies),
                    names=names,
                )
            )

    c1, c2, c3 = st.columns([1, 2, 3])
    tone = a.get("tone")
    c1.metric(t("Overall tone"), tr().signed(None if tone is None or pd.isna(tone) else float(tone)))
    themes = detail["themes"]
    with c2:
        st.markdown(t("**Themes**"))
        chips = [
            _chip(f"{r.label} · {tr().percent(r.share)}") for r in themes.itertuples(index=False) if r.share >= 0.01
        ]
        st.markdown("".join(chips) or escape_text(t("none found")), unsafe_allow_html=True)
    with c3:
        st.markdown(t("**Actors mentioned**"))
        actors = detail["actors"]
        chips = [_chip(f"{r.actor} ×{int(r.mentions)}") for r in actors.itertuples(index=False)]
        st.markdown("".join(chips) or escape_text(t("none found")), unsafe_allow_html=True)

    if a.get("note"):
        st.caption(t("Note on this file: {note}", note=a["note"]))
    n = int(a.get("n_sentences", 0))
    if n < MIN_ARTICLE_SENTENCES:
        st.warning(t("This article has only {n} sentences: its overall tone rests on little text.", n=n))

    st.markdown(t("#### The text, sentence by sentence"))
    st.caption(
        t(
            "Background colour = tone of the sentence: blue with a solid underline for positive, orange with a dashed underline for negative, none for neutral; stronger colour means stronger tone. Hover a sentence to see the words that moved its score."
        )
    )
    st.markdown(article_html(a.get("text") or "", detail["sentences"]), unsafe_allow_html=True)
    s = detail["sentences"]
    n_corrected = int((s["corrected"] != "").sum()) if "corrected" in s else 0
    if n_corrected:
        st.caption(
            tn(
                "✎ {n} sentence's tone was corrected by a reader (the word list of this corpus, or set by hand).",
                "✎ {n} sentences' tone was corrected by a reader (the word list of this corpus, or set by hand).",
                n_corrected,
            )
        )

    with st.expander(t("Why each sentence got its score — and correct it")):
        table = pd.DataFrame(
            {
                t("No."): s["sent_idx"] + 1,
                t("Sentence"): s["text"],
                t("Tone"): s["tone"].round(2),
                t("Tone label"): [tr().tone_label(x) for x in s["tone_label"]],
                t("Words that moved the score"): s["evidence"],
                t("Corrected"): [_correction_note(c) for c in s.get("corrected", pd.Series("", index=s.index))],
            }
        )
        st.caption(
            t(
                "Select rows (tick the boxes on the left) to pin sentences as quotes for the meeting pack; select one to correct its tone."
            )
        )
        picked = st.dataframe(
            shown_table(table),
            hide_index=True,
            width="stretch",
            key=f"{key}_evidence",
            on_select="rerun",
            selection_mode="multi-row",
        )
        rows = list(picked.selection.rows) if picked is not None else []
        if st.button(
            t("Pin {n} selected sentences as quotes", n=len(rows)),
            key=f"{key}_pin_quotes",
            icon=":material/format_quote:",
            disabled=not rows,
        ):
            added = sum(pin_sentence(a, s.iloc[i]) for i in rows if i < len(s))
            st.toast(t("{n} quotes added to the meeting pack.", n=added), icon=":material/format_quote:")
        view = state.view()
        if len(rows) == 1 and rows[0] < len(s) and view is not None:
            r = s.iloc[rows[0]]
            correction_panel(view.corpus_key, str(a["article_id"]), int(r["sent_idx"]), str(r["text"]), where=key)


def pin_sentence(article: dict, sentence: pd.Series) -> bool:
    """Pin one sentence of ``article`` as a quote card; False when it was pinned already."""
    from components import pack, pins

    author = t_plain("unknown") if article.get("author") in (None, "", "unknown") else str(article["author"])
    row = {
        "article_id": article["article_id"],
        "sent_idx": sentence["sent_idx"],
        "text": sentence["text"],
        "tone": sentence["tone"],
    }
    return pins.add_quote(
        pack.quote_from_sentence(
            row,
            title=str(article.get("title", "")),
            author=author,
            date_label=str(article.get("date_label", "")),
            source=str(article.get("source", "") or ""),
        )
    )
