"""The reader: one article with its metadata and every sentence tinted by its tone.

Corpus text is untrusted. Every fragment that meets HTML goes through
:func:`tonlage.present.safe.escape_text`; everything else uses Streamlit's plain-text elements.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components import state
from components.i18n import (
    date_column,
    language_name,
    local_label,
    local_numbers,
    number_column,
    number_columns,
    shown_table,
    t,
    t_plain,
    tn,
    tn_plain,
    tr,
)
from components.review_view import correction_panel
from tonlage.i18n import N_
from tonlage.model import VOICES
from tonlage.present.charts import NEGATIVE, POSITIVE
from tonlage.present.safe import escape_text
from tonlage.search import found_spans, in_context
from tonlage.thresholds import MIN_ARTICLE_SENTENCES

__all__ = [
    "render_article",
    "sentence_html",
    "article_html",
    "tint",
    "quotes_html",
    "pin_sentence",
    "removed_table",
    "provenance_line",
    "REMOVED_KINDS",
]

# Plain names of the kinds of lines left out of the analysis (tonlage.reading.furniture.KINDS), in the
# order the reader sees them: the page's own parts first, then furniture.
REMOVED_KINDS: dict[str, str] = {
    "headline": N_("headline"),
    "kicker": N_("line above the headline"),
    "label": N_("section label (e.g. 'Kommentar')"),
    "byline": N_("byline"),
    "dateline": N_("date line"),
    "meta": N_("page details (date, tags)"),
    "page_header": N_("page header"),
    "credit": N_("photo or agency credit"),
    "caption": N_("picture caption"),
    "agency_tag": N_("agency tag (e.g. 'dpa')"),
    "reading_time": N_("reading time"),
    "read_more": N_("'read more' link"),
    "related": N_("links to other articles"),
    "next_article": N_("start of the next article on the page"),
    "newsletter": N_("newsletter notice"),
    "paywall": N_("paywall or subscription notice"),
    "cookie": N_("cookie notice"),
    "ai_notice": N_("notice on an AI summary"),
    "promo": N_("the outlet advertising itself"),
    "notice": N_("notice to readers"),
    "share": N_("share or print button"),
    "counter": N_("comment or view counter"),
    "navigation": N_("navigation"),
    "press_contact": N_("press contact"),
    "pull_quote": N_("quote repeated from the text"),
    "duplicate": N_("line repeated on the page"),
    "separator": N_("separator line"),
    "javascript": N_("script code"),
    "recurring": N_("recurring line of this source"),
}

# Where a field came from, in plain words (tonlage.model ARTICLE_COLUMNS: *_source).
_TITLE_FROM = {
    "metadata": N_("from the file's details"),
    "html": N_("from the page's metadata"),
    "heading": N_("from the first heading"),
    "header": N_("from the file's first line"),
    "page": N_("from the headline on the page"),
    "first sentence": N_("the first sentence (no headline found)"),
    "edited": N_("set by a reader"),
}
_AUTHOR_FROM = {
    "metadata": N_("from the file's details"),
    "html": N_("from the page's metadata"),
    "header": N_("from the file's first line"),
    "byline": N_("from the byline"),
    "date line": N_("from the date line"),
    "dateline": N_("from the agency's dateline"),
    "signature": N_("from the signature at the end"),
    "credit": N_("from the agency credit"),
    "agency": N_("from the agency named in the text"),
    "edited": N_("set by a reader"),
    "none": N_("not found"),
}
_GENRE_FROM = {
    "metadata": N_("from the file's details"),
    "label": N_("from a label on the page (e.g. 'Kommentar')"),
    "form": N_("from its form (e.g. questions and answers, or a post's @-addresses and #tags)"),
    "context": N_("from the entries around it in its file (mostly posts)"),
    "style": N_("from its wording (opinion words, 'ich' and 'wir' counted)"),
    "default": N_("no sign found: taken as a news report"),
    "edited": N_("set by a reader"),
}
_DATE_FROM = {
    "metadata": N_("from the file's details"),
    "header": N_("from the file's first line"),
    "dateline": N_("from the date line on the page"),
    "url": N_("from the web address"),
    "text": N_("from the text itself"),
    "edited": N_("set by a reader"),
    "none": N_("not found"),
}
# The reader's row of figures: the themes and actors columns' widths (px). Beside the overall tone
# they fill a laptop-wide page; in a narrower window they move below it.
ARTICLE_THEMES_PX = 260
ARTICLE_ACTORS_PX = 420

_SURE = {"high": N_("sure"), "medium": N_("fairly sure"), "low": N_("unsure")}
# A date has no stored confidence: one read from the text is a guess, one from the web address
# usually right; the others are the page's or the reader's own.
_DATE_SURE = {"text": "low", "url": "medium", "none": ""}


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


#: How the words a reader searched for (the sidebar's "Containing words") are marked in the text.
_FOUND_STYLE = "background-color:#FFE066;color:inherit;padding:0 1px;border-radius:2px;"
_CROSSHEAD_STYLE = "font-weight:600;margin:1.4rem 0 0.2rem 0;"
#: How a sentence in someone else's words (a quote, reported speech) is set in the reader.
_QUOTED_STYLE = "font-style:italic;"
#: The ``voice`` of a sentence in someone else's words (tonlage.model.VOICES; the name is not
#: imported from tonlage.voices, whose rules this module never needs).
QUOTED = VOICES[1]


def _piece(text: str) -> str:
    """A piece of a sentence escaped, with the space at either end kept (escape_text trims it:
    "Wladimir " before a mark would touch "Putin")."""
    inner = escape_text(text)
    if not inner:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + inner + (" " if text[-1].isspace() else "")


def marked_html(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` escaped, the parts at ``spans`` (offsets into it, in order) in a yellow mark."""
    if not spans:
        return escape_text(text)
    out, at = [], 0
    for a, b in spans:
        out.append(_piece(text[at:a]))
        out.append(f'<mark style="{_FOUND_STYLE}">{escape_text(text[a:b])}</mark>')
        at = b
    out.append(_piece(text[at:]))
    return "".join(out).strip()


def sentence_html(
    text: str,
    tone: float | None,
    label: str,
    evidence: str,
    idx: int,
    corrected: str = "",
    found: Sequence[tuple[int, int]] = (),
    voice: str = "",
    speaker: str = "",
) -> str:
    """One sentence as a tinted span; the hover title gives its score and the evidence. A
    sentence a reader corrected (``corrected``: "words" or "sentence") carries a ✎ mark; the
    searched words at ``found`` (offsets into ``text``) are marked. A sentence in someone else's
    words (``voice`` "quoted", of :mod:`tonlage.voices`) is set in italics, and its title names
    the ``speaker`` found for it: a reader can check who is said to speak against the text."""
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
    style = tint(tone, label)
    if voice == QUOTED:
        title += " · " + whose_words(voice, speaker)
        style += _QUOTED_STYLE
    mark = _CORRECTED_MARK if corrected else ""
    return f'<span style="{style}" title="{escape_text(title)}">{marked_html(text, found)}</span>{mark}'


def whose_words(voice: str, speaker: str) -> str:
    """Whose words a sentence is in, as the reader reads it: the author's, or someone else's
    (a quote or reported speech), named where the text names them."""
    if voice != QUOTED:
        return t_plain("the author's own words")
    if speaker:
        return t_plain("quoted or reported words of {speaker}", speaker=speaker)
    return t_plain("quoted or reported words (the speaker is not named)")


def _found_note(a: dict, sentences: pd.DataFrame, words: str) -> None:
    """Where the words searched for stand in this article: how many sentences hold them (marked
    below), or that only the headline does."""
    n = sum(bool(found_spans(text, words)) for text in sentences["text"])
    if n:
        st.caption(
            tn(
                "The words you searched for ({words}) are in {n} sentence, marked in yellow.",
                "The words you searched for ({words}) are in {n} sentences, marked in yellow.",
                n,
                words=words,
            )
        )
    elif found_spans(str(a.get("title") or ""), words):
        st.caption(t("The words you searched for ({words}) are in the headline only.", words=words))


def _correction_note(corrected: str) -> str:
    if corrected == "sentence":
        return t_plain("tone set by hand by a reader")
    if corrected == "words":
        return t_plain("score changed by the corpus's word list")
    return ""


def article_html(text: str, sentences: pd.DataFrame, words: str = "") -> str:
    """The whole article as one HTML block, paragraphs kept where the text has line breaks; the
    sidebar's ``words`` marked where they stand (:func:`tonlage.search.found_spans`). A
    paragraph that is a crosshead (:func:`tonlage.text.looks_like_crosshead`) between two
    paragraphs of prose is set in bold, as the page printed it: a reader took "Sorge in Kiew
    und bei Verbündeten" for a sentence the writer forgot to finish. A run of such lines (a
    list of results or names) stays as it is.

    Everything is on one line inside a ``<div>`` so Markdown treats it as a raw HTML block and
    does not parse it; every text fragment is escaped anyway.
    """
    # here, not at the top: tonlage.text loads the lemmatiser's module, which the Tone page's
    # first visit (it shows quotes_html) never needs (tests/app/test_first_page.py)
    from tonlage.text import looks_like_crosshead

    paragraphs: list[list[tuple[str, str]]] = []  # each: (sentence text, its HTML)
    prev_end = 0
    for r in sentences.itertuples(index=False):
        gap = text[prev_end : r.start] if isinstance(text, str) else ""
        if not paragraphs or ("\n" in gap and prev_end):
            paragraphs.append([])
        found = found_spans(r.text, words) if words else []
        html = sentence_html(
            r.text,
            r.tone,
            r.tone_label,
            r.evidence,
            int(r.sent_idx),
            getattr(r, "corrected", "") or "",
            found,
            getattr(r, "voice", "") or "",
            getattr(r, "speaker", "") or "",
        )
        paragraphs[-1].append((r.text, html))
        prev_end = r.end
    short = [len(para) == 1 and looks_like_crosshead(para[0][0]) for para in paragraphs]
    parts = ['<div style="line-height:1.9;font-size:1.05rem;max-width:52rem;">']
    for i, para in enumerate(paragraphs):
        # between two paragraphs of prose: a run of short lines is a list (results, names), not heads
        head = short[i] and i + 1 < len(paragraphs) and not short[i + 1] and not (i and short[i - 1])
        parts.append(f'<p style="{_CROSSHEAD_STYLE}">' if head else "<p>")
        parts.append(" ".join(html for _, html in para))
        parts.append("</p>")
    if not paragraphs:
        parts.append("<p></p>")
    parts.append("</div>")
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
        copies = int(getattr(r, "copies", 0) or 0)
        if copies:  # one sentence printed in several articles (agency copy) is shown once
            meta += " · " + copies_note(copies)
        items.append(
            '<li style="margin-bottom:0.7rem;">'
            f'<span style="{tint(r.tone, label)}">{escape_text(r.text)}</span>'
            f'<br><span style="color:#666;font-size:0.85rem;">{escape_text(meta)}</span></li>'
        )
    return '<ul style="list-style:none;padding-left:0;max-width:60rem;">' + "".join(items) + "</ul>"


def copies_note(copies: int) -> str:
    """ "also N more times in the articles shown", plain text, for a sentence shown once for all
    its copies (the same wording in several articles, as agency copy is)."""
    return tn_plain(
        "the same sentence once more in the articles shown",
        "the same sentence {n} more times in the articles shown",
        copies,
    )


def _chip(text: str) -> str:
    return (
        '<span style="display:inline-block;margin:0 6px 6px 0;padding:2px 10px;border-radius:12px;'
        f'background:#EEF1F5;border:1px solid #D5DAE1;font-size:0.9rem;">{escape_text(text)}</span>'
    )


def _field_line(name: str, source: str, confidence: str, vocab: dict[str, str]) -> tuple[str, bool]:
    """("Headline: from the byline · sure", low?) in the reader's language; "" when unknown."""
    if not source or source not in vocab:
        return "", False
    parts = [t_plain(vocab[source])]
    if confidence in _SURE and source not in ("none", "edited"):
        parts.append(t_plain(_SURE[confidence]))
    low = confidence == "low" and source != "edited"
    return ("⚠ " if low else "") + t_plain(name) + ": " + ", ".join(parts), low


def provenance_line(a: dict) -> tuple[list[str], bool]:
    """Where headline, author, kind and date came from and how sure we are, one plain-text
    part per field, and whether any of them is unsure."""
    date_source = str(a.get("date_source") or "")
    fields = [
        _field_line(
            N_("Headline"), str(a.get("title_source") or ""), str(a.get("title_confidence") or ""), _TITLE_FROM
        ),
        _field_line(
            N_("Author"), str(a.get("author_source") or ""), str(a.get("author_confidence") or ""), _AUTHOR_FROM
        ),
        _field_line(N_("Kind"), str(a.get("genre_source") or ""), str(a.get("genre_confidence") or ""), _GENRE_FROM),
        _field_line(N_("Date"), date_source, _DATE_SURE.get(date_source, "high"), _DATE_FROM),
    ]
    return [text for text, _ in fields if text], any(low for _, low in fields)


def removed_table(removed) -> pd.DataFrame:
    """The lines left out of the analysis as a table (kind in plain words, the line as text),
    grouped by kind in the order of ``REMOVED_KINDS``."""
    order = {k: i for i, k in enumerate(REMOVED_KINDS)}
    rows = sorted(
        ((str(k), str(line)) for k, line in (removed or ())), key=lambda r: (order.get(r[0], len(order)), r[0])
    )
    return pd.DataFrame(
        {
            t_plain("What it is"): [t_plain(REMOVED_KINDS[k]) if k in REMOVED_KINDS else k for k, _ in rows],
            t_plain("Line"): [line for _, line in rows],
        }
    )


def _removed_expander(a: dict, key: str) -> None:
    removed = list(a.get("removed_lines") or ())
    n = len(removed)
    # Keyed: known by its key, not its label, so it stays open through a language switch.
    with st.expander(
        tn("Removed from the analysis ({n} line)", "Removed from the analysis ({n} lines)", n),
        key=f"{key}_removed_open",
    ):
        if not n:
            st.caption(t("Nothing was left out of this article's text."))
            return
        st.caption(
            t(
                "These lines stood in the file but are not part of the article's text: the page's headline, byline and date line (shown above), and page furniture such as credits, captions and notices. They are not scored for tone, themes or actors."
            )
        )
        table = removed_table(removed)
        counts = table[t_plain("What it is")].value_counts(sort=False)
        st.caption(
            t(
                "By kind: {counts}",
                counts=" · ".join(f"{kind} ({n})" for kind, n in counts.items()),
            )
        )
        st.dataframe(
            shown_table(table),
            hide_index=True,
            width="stretch",
            key=f"{key}_removed",
            column_config={
                t_plain("What it is"): st.column_config.TextColumn(width=230),
                t_plain("Line"): st.column_config.TextColumn(width=700),  # the rest goes to both alike
            },
        )


def _outside_note(a: dict) -> None:
    """Say so when the article lies far outside the corpus's main period (tonlage.period)."""
    from components import cached

    view = state.view()
    main = cached.main_period(view.corpus_key) if view is not None else None
    if not main or str(a.get("article_id")) not in main["outside"]:
        return
    st.info(
        t(
            "Far outside the corpus's main period ({period}): marked ✕ on the time charts and still counted. If the date looks wrong, correct it on the page 'Your corpus'.",
            period=tr().days(main["start"], main["end"]),
        ),
        icon=":material/date_range:",
    )


# Why a text looks cut off (tonlage.reading.ending), as the reader view says it.
_CUT_OFF = {
    "paywall": N_(
        "This page carried a subscription notice: the text here is probably only its free part. Tone, themes and actors rest on what is shown."
    ),
    "ellipsis": N_(
        "The text ends with “…”: it is probably an excerpt, not the whole article. Tone, themes and actors rest on what is shown."
    ),
    "mid_sentence": N_(
        "The text ends mid-sentence: it was probably cut off (an excerpt, a copy cut at a length, or a paywall). Tone, themes and actors rest on what is shown."
    ),
}


def _cut_off_note(a: dict) -> None:
    """Say so when the text does not look whole: a reader checking its figures against it
    should know they rest on a part. The sign is the one the Articles list and 'Your corpus'
    show (:func:`components.cached.cut_off_articles`)."""
    from components import cached

    view = state.view()
    if view is None:
        return
    cut = cached.cut_off_articles(view.corpus_key)
    sign = cut.loc[cut["article_id"] == str(a.get("article_id")), "sign"]
    if len(sign):
        st.info(t(_CUT_OFF[str(sign.iloc[0])]), icon=":material/content_cut:")


def word_sentences_table(found: pd.DataFrame, n_found: int, words: str) -> None:
    """The sentences that hold the words searched for (``found``, newest articles first:
    :func:`tonlage.present.views.word_sentences`; ``n_found`` of them in all), one a row with
    its article, date and tone. A row picked opens its article in the reader below."""
    if not n_found:
        st.caption(t("No scored sentence holds {words}: they stand only in headlines.", words=words))
        return
    if n_found > len(found):
        st.caption(
            t(
                "The {shown} sentences of the newest articles are listed; the findings count all {n}.",
                shown=len(found),
                n=n_found,
            )
        )
    table = pd.DataFrame(
        {
            t("Date"): found["date"],
            t("Article"): found["title"],
            # the words where a narrow cell shows them; the whole sentence beside it
            t("In context"): [in_context(str(x), words) for x in found["text"]],
            t("Tone"): found["tone"],
            t("Sentence"): found["text"],
        }
    )
    shown, formats = local_numbers(shown_table(table), {t("Tone"): "%+.2f"}, dates={t("Date"): found["date_precision"]})

    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        on_select=functools.partial(_open_picked, tuple(found["article_id"])),
        selection_mode="single-row",
        key=WORD_SENTENCES_TABLE,
        placeholder="–",
        column_config={
            t("Date"): date_column(format=formats[t("Date")], precision=found["date_precision"], width="small"),
            t("Article"): st.column_config.TextColumn(width="small"),
            t("In context"): st.column_config.TextColumn(width="large"),
            t("Tone"): number_column(format=formats[t("Tone")], width="small"),
            t("Sentence"): st.column_config.TextColumn(width="medium"),
        },
    )
    st.caption(t("Click a row to read its article below, with the words marked."))


WORD_SENTENCES_TABLE = "articles_word_sentences_table"


def article_of_row(selection, ids: Sequence[str]) -> str | None:
    """The article of the row a table's ``selection`` (Streamlit's, or its dict) picked, where
    ``ids`` are the rows' articles; None without a pick."""
    sel = selection.get("selection", {}) if isinstance(selection, dict) else getattr(selection, "selection", None)
    rows = (sel.get("rows") if isinstance(sel, dict) else getattr(sel, "rows", None)) or []
    return str(ids[rows[0]]) if rows and 0 <= rows[0] < len(ids) else None


def _open_picked(ids: tuple[str, ...]) -> None:
    picked = article_of_row(st.session_state.get(WORD_SENTENCES_TABLE), ids)
    if picked is not None:
        st.session_state[state.ARTICLE_PICK] = picked


def render_article(detail: dict, *, key: str = "reader", words: str = "") -> None:
    """Render one article (``views.article_detail`` output), the sidebar's ``words`` marked."""
    a = detail["article"]
    st.subheader(escape_text(a["title"]), anchor=False)
    # The line under the title is built as plain text and escaped once, part by part.
    known = a.get("author") not in (None, "", "unknown")
    date = a.get("date_label") or "undated"
    # As the reader's language writes dates (15.08.2025, Feb. 2025 in German).
    date = t_plain("unknown") if date == "undated" else local_label(str(date))
    extra = []
    if a.get("date_precision") == "month":
        extra.append(t_plain("(month only)"))
    if a.get("date_note"):
        # The note says itself what happened ("Corrected from …", "Nothing says when …").
        extra.append(t_plain("({note})", note=a["date_note"]))
    genre = tr().genre(a["genre"]) if a.get("genre") else t_plain("unknown")
    meta = [
        t_plain("by {author}", author=a["author"]) if known else t_plain("Author unknown"),
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

    where, unsure = provenance_line(a)
    if where:
        # One short line per field (a Markdown line break between escaped parts).
        lines = [t("Where these details come from:")] + [escape_text(w) for w in where]
        if unsure:
            lines.append(
                t(
                    "⚠ = read from the page with little certainty: check it against the text below (a reader can correct it on the page 'Your corpus')."
                )
            )
        st.caption("  \n".join(lines))
    _outside_note(a)
    _cut_off_note(a)
    if a.get("url"):
        st.caption(t("Published at: {url}", url=a["url"]))  # as text, never a live link
    copies = detail.get("copies")
    if copies is not None and len(copies):
        names = "; ".join(
            f"{r.title} ({r.source or r.article_id}, {local_label(str(r.date_label))})"
            for r in copies.itertuples(index=False)
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

    # A row that wraps: in columns of fixed shares a narrow window cut the overall tone off to
    # "+…" (and its label to "Gesamtt…"); here the tone keeps its width, and the themes and
    # actors move below it when the row has no room for them.
    row = st.container(horizontal=True, gap="large")
    tone = a.get("tone")
    row.metric(t("Overall tone"), tr().signed(None if tone is None or pd.isna(tone) else float(tone)), width="content")
    themes = detail["themes"]
    with row.container(width=ARTICLE_THEMES_PX):
        st.markdown(t("**Themes**"))
        chips = [
            _chip(f"{r.label} · {tr().percent(r.share)}") for r in themes.itertuples(index=False) if r.share >= 0.01
        ]
        st.markdown("".join(chips) or escape_text(t("none found")), unsafe_allow_html=True)
    with row.container(width=ARTICLE_ACTORS_PX):
        st.markdown(t("**Actors mentioned**"))
        actors = detail["actors"]
        chips = [_chip(f"{r.actor} ×{int(r.mentions)}") for r in actors.itertuples(index=False)]
        st.markdown("".join(chips) or escape_text(t("none found")), unsafe_allow_html=True)

    if a.get("note"):
        st.caption(t("Note on this file: {note}", note=a["note"]))
    n = int(a.get("n_sentences", 0))
    if n < MIN_ARTICLE_SENTENCES:
        st.warning(
            tn(
                "This article has only {n} sentence: its overall tone rests on little text.",
                "This article has only {n} sentences: its overall tone rests on little text.",
                n,
            )
        )

    st.markdown(t("#### The text, sentence by sentence"))
    st.caption(
        t(
            "Background colour = tone of the sentence: blue with a solid underline for positive, orange with a dashed underline for negative, none for neutral; stronger colour means stronger tone. Italics = someone else's words (a quote or reported speech), not the author's. Hover a sentence to see the words that moved its score and who speaks."
        )
    )
    if words:
        _found_note(a, detail["sentences"], words)
    st.markdown(article_html(a.get("text") or "", detail["sentences"], words), unsafe_allow_html=True)
    _removed_expander(a, key)
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

    # Keyed, the panel is known by its key, not its label: it stays open through a language switch.
    with st.expander(t("Why each sentence got its score — and correct it"), key=f"{key}_why"):
        table = pd.DataFrame(
            {
                t("No."): s["sent_idx"] + 1,
                t("Sentence"): s["text"],
                t("Tone"): s["tone"].round(2),
                t("Tone label"): [tr().tone_label(x) for x in s["tone_label"]],
                t("Words that moved the score"): s["evidence"],
                t("Whose words"): [whose_words(v, spk) for v, spk in zip(s["voice"], s["speaker"])],
                t("Corrected"): [_correction_note(c) for c in s.get("corrected", pd.Series("", index=s.index))],
            }
        )
        st.caption(
            t(
                "Select rows (tick the boxes on the left) to pin sentences as quotes for the meeting pack; select one to correct its tone."
            )
        )
        # German numbers in a German table ("+0,42", not "0.42"); the cells stay numbers, so the
        # column still sorts by tone.
        shown, formats = local_numbers(shown_table(table), {t_plain("No."): "%d", t_plain("Tone"): "%+.2f"})
        picked = st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            key=f"{key}_evidence",
            on_select="rerun",
            selection_mode="multi-row",
            column_config=number_columns(formats),
        )
        rows = list(picked.selection.rows) if picked is not None else []
        if st.button(
            tn("Pin {n} selected sentence as a quote", "Pin {n} selected sentences as quotes", len(rows)),
            key=f"{key}_pin_quotes",
            icon=":material/format_quote:",
            disabled=not rows,
        ):
            added = sum(pin_sentence(a, s.iloc[i]) for i in rows if i < len(s))
            st.toast(
                tn("{n} quote added to the meeting pack.", "{n} quotes added to the meeting pack.", added),
                icon=":material/format_quote:",
            )
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
