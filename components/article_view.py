"""The reader: one article with its metadata and every sentence tinted by its tone.

Corpus text is untrusted. Every fragment that meets HTML goes through
:func:`tonlage.present.safe.escape_text`; everything else uses Streamlit's plain-text elements.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import current_language, format_int, language_name, t, t_plain
from tonlage.present.charts import NEGATIVE, POSITIVE
from tonlage.present.safe import escape_text, safe_table
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
    return (f"background-color:rgba({r},{g},{b},{alpha});border-bottom:2px {line} rgb({r},{g},{b});"
            "padding:1px 0;border-radius:2px;")


def sentence_html(text: str, tone: float | None, label: str, evidence: str, idx: int) -> str:
    """One sentence as a tinted span; the hover title gives its score and the evidence."""
    tone_txt = "–" if tone is None or pd.isna(tone) else f"{tone:+.2f}"
    title = f"{t('col_sentence')} {idx + 1} · {t('col_tone')} {tone_txt} ({t('label_' + label) if label in ('negative', 'neutral', 'positive') else label}) · {t('col_evidence')}: {evidence or t('no_evidence')}"
    return f'<span style="{tint(tone, label)}" title="{escape_text(title)}">{escape_text(text)}</span>'


def article_html(text: str, sentences: pd.DataFrame) -> str:
    """The whole article as one HTML block, paragraphs kept where the text has line breaks.

    Everything is on one line inside a ``<div>`` so Markdown treats it as a raw HTML block and
    does not parse it; every text fragment is escaped anyway.
    """
    parts = ['<div style="line-height:1.9;font-size:1.05rem;max-width:52rem;"><p>']
    prev_end = 0
    for r in sentences.itertuples(index=False):
        gap = text[prev_end:r.start] if isinstance(text, str) else ""
        if "\n" in gap and prev_end:
            parts.append("</p><p>")
        elif prev_end:
            parts.append(" ")
        parts.append(sentence_html(r.text, r.tone, r.tone_label, r.evidence, int(r.sent_idx)))
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
        meta = f"{r.title} ({r.date_label}) · {t('col_tone')} {r.tone:+.2f} · {t('col_evidence')}: {r.evidence}"
        items.append('<li style="margin-bottom:0.7rem;">'
                     f'<span style="{tint(r.tone, label)}">{escape_text(r.text)}</span>'
                     f'<br><span style="color:#666;font-size:0.85rem;">{escape_text(meta)}</span></li>')
    return '<ul style="list-style:none;padding-left:0;max-width:60rem;">' + "".join(items) + "</ul>"


def _chip(text: str) -> str:
    return ('<span style="display:inline-block;margin:0 6px 6px 0;padding:2px 10px;border-radius:12px;'
            f'background:#EEF1F5;border:1px solid #D5DAE1;font-size:0.9rem;">{escape_text(text)}</span>')


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
        extra.append(t_plain("reader_month_only"))
    if a.get("date_note"):
        extra.append(t_plain("reader_corrected", note=a["date_note"]))
    genre = t_plain(f"genre_{a.get('genre')}") if a.get("genre") else t_plain("unknown")
    meta = [
        t_plain("reader_by", author=author),
        f"{t_plain('reader_date')}: {date} {' '.join(extra)}".strip(),
        f"{t_plain('reader_genre')}: {genre}",
        *([f"{t_plain('reader_source')}: {a['source']}"] if a.get("source") else []),
        f"{t_plain('reader_language')}: {language_name(str(a.get('language')))}",
        t_plain("reader_counts", words=format_int(a.get("n_words", 0), current_language()),
                sentences=format_int(a.get("n_sentences", 0), current_language())),
    ]
    st.markdown('<div style="color:#555;margin-bottom:0.6rem;">' + " &#183; ".join(escape_text(m) for m in meta)
                + "</div>", unsafe_allow_html=True)

    if a.get("url"):
        st.caption(escape_text(f"{t('reader_url')}: {a['url']}"))  # as text, never a live link
    copies = detail.get("copies")
    if copies is not None and len(copies):
        key = "reader_copy_of" if a.get("duplicate_of") else "reader_copies"
        names = "; ".join(f"{r.title} ({r.source or r.article_id}, {r.date_label})" for r in copies.itertuples(index=False))
        st.info(t(key, n=len(copies), names=names))

    c1, c2, c3 = st.columns([1, 2, 3])
    tone = a.get("tone")
    c1.metric(t("reader_tone"), "–" if tone is None or pd.isna(tone) else f"{tone:+.2f}")
    themes = detail["themes"]
    with c2:
        st.markdown(f"**{escape_text(t('reader_themes'))}**")
        chips = [_chip(f"{r.label} · {r.share * 100:.0f} %") for r in themes.itertuples(index=False) if r.share >= 0.01]
        st.markdown("".join(chips) or escape_text(t("reader_none")), unsafe_allow_html=True)
    with c3:
        st.markdown(f"**{escape_text(t('reader_actors'))}**")
        actors = detail["actors"]
        chips = [_chip(f"{r.actor} ×{int(r.mentions)}") for r in actors.itertuples(index=False)]
        st.markdown("".join(chips) or escape_text(t("reader_none")), unsafe_allow_html=True)

    if a.get("note"):
        st.caption(t("reader_note", note=a["note"]))
    n = int(a.get("n_sentences", 0))
    if n < MIN_ARTICLE_SENTENCES:
        st.warning(t("reader_little_text", n=n))

    st.markdown(f"#### {escape_text(t('reader_text'))}")
    st.caption(t("reader_legend"))
    st.markdown(article_html(a.get("text") or "", detail["sentences"]), unsafe_allow_html=True)

    with st.expander(t("reader_evidence")):
        s = detail["sentences"]
        table = pd.DataFrame({
            t("col_nr"): s["sent_idx"] + 1,
            t("col_sentence"): s["text"],
            t("col_tone"): s["tone"].round(2),
            t("col_label"): [t(f"label_{x}") if x in ("negative", "neutral", "positive") else x for x in s["tone_label"]],
            t("col_evidence"): s["evidence"],
        })
        st.caption(t("reader_pick_quotes"))
        picked = st.dataframe(safe_table(table), hide_index=True, width="stretch", key=f"{key}_evidence",
                              on_select="rerun", selection_mode="multi-row")
        rows = list(picked.selection.rows) if picked is not None else []
        if st.button(t("reader_pin_quotes", n=len(rows)), key=f"{key}_pin_quotes", icon=":material/format_quote:",
                     disabled=not rows):
            added = sum(pin_sentence(a, s.iloc[i]) for i in rows if i < len(s))
            st.toast(t("reader_quotes_pinned", n=added), icon=":material/format_quote:")


def pin_sentence(article: dict, sentence: pd.Series) -> bool:
    """Pin one sentence of ``article`` as a quote card; False when it was pinned already."""
    from components import pack, pins

    author = t_plain("unknown") if article.get("author") in (None, "", "unknown") else str(article["author"])
    row = {"article_id": article["article_id"], "sent_idx": sentence["sent_idx"], "text": sentence["text"],
           "tone": sentence["tone"]}
    return pins.add_quote(pack.quote_from_sentence(row, title=str(article.get("title", "")), author=author,
                                                   date_label=str(article.get("date_label", "")),
                                                   source=str(article.get("source", "") or "")))
