"""The reader's check and correction of the tone (Streamlit side of :mod:`tonlage.review`).

- :func:`render_labelling`: one sentence at a time, without its score; negative / neutral /
  positive / skip by button or key (1, 2, 3, 0), undo (Backspace).
- :func:`render_agreement`: agreement with intervals, the confusion table, the sentences where
  reader and scorer differ, and the band fitted to the labels.
- :func:`render_word_list`: the corpus's word list, sentences set by hand, the fitted band; each
  removable (undo).
- :func:`render_transfer`: labels to and from CSV.
- :func:`correction_panel`: correct one sentence (mark a word, set its tone) — used here, in the
  reader and under the strongest sentences.

Every change is written at once (it survives a restart), raises the notes' revision, and so the
corpus key: the next run rebuilds every figure from the corrected sentences, without
re-analysing.
"""

from __future__ import annotations

import logging
import sqlite3

import pandas as pd
import streamlit as st

from components import cached, state
from components.i18n import (
    datetime_column,
    local_label,
    local_numbers,
    msg,
    number_columns,
    shown_table,
    t,
    t_plain,
    tn,
    tr,
)
from tonlage.i18n import N_, TONE_LABELS
from tonlage.present.safe import escape_text
from tonlage.present.stamp import tone_stamp
from tonlage.present.types import CorpusKey
from tonlage.review import CALIBRATE_FROM, CHECKED_FROM, LABELS, POLARITIES, SKIP, next_to_check, text_hash

__all__ = [
    "render_labelling",
    "render_agreement",
    "render_word_list",
    "render_transfer",
    "correction_panel",
    "corrected_here",
    "sentence_ref",
    "render_stamp",
]

log = logging.getLogger(__name__)

_UNDO = "review_undo"  # session: the reader's last changes, newest last, for "Undo"
_IMPORTED = "review_imported"  # session: the last import's result, shown once
_KEYS = {"negative": "1", "neutral": "2", "positive": "3", SKIP: "0"}
_ICONS = {
    "negative": ":material/sentiment_dissatisfied:",
    "neutral": ":material/sentiment_neutral:",
    "positive": ":material/sentiment_satisfied:",
    SKIP: ":material/skip_next:",
}


_BUTTONS = {"negative": N_("Negative"), "neutral": N_("Neutral"), "positive": N_("Positive"), SKIP: N_("Skip")}


def _label_name(label: str) -> str:
    return t("skip") if label == SKIP else t(TONE_LABELS[label])


def _polarity_name(polarity: str) -> str:
    return {
        "neutral": t("not evaluative here"),
        "positive": t("positive"),
        "negative": t("negative"),
    }[polarity]


def _changed(action: tuple) -> None:
    st.session_state.setdefault(_UNDO, []).append(action)
    del st.session_state[_UNDO][:-50]


def _write(change, *args, **kwargs) -> bool:
    """Run one change of the notes; a full disk or a read-only file is said plainly."""
    try:
        change(*args, **kwargs)
        return True
    except (sqlite3.Error, OSError) as exc:
        log.exception("tone notes could not be written")
        st.session_state["review_error"] = str(exc)
        return False


def render_stamp(key: CorpusKey) -> None:
    """The line every tone figure carries, with a link to check more sentences."""
    params = cached.params(key)
    st.caption(escape_text(tone_stamp(params, tr())))


def _error_once() -> None:
    err = st.session_state.pop("review_error", None)
    if err:
        st.error(t("Your change could not be saved: {reason}", reason=err))


# --- labelling -----------------------------------------------------------------------------------
def _give_label(key: CorpusKey, article_id: str, sent_idx: int, text: str, label: str, before: str | None) -> None:
    notes = cached.reader_edits(key).tone
    if _write(notes.set_label, article_id, sent_idx, text, label):
        _changed(("label", article_id, sent_idx, text, before))


def _undo() -> None:
    """Take back the reader's last change on this page (labels, words, sentences, band)."""
    stack = st.session_state.get(_UNDO) or []
    if not stack:
        return
    key = state.view().corpus_key if state.view() else None
    if key is None:
        return
    notes = cached.reader_edits(key).tone
    action = stack.pop()
    kind = action[0]
    if kind == "label":
        _, aid, idx, text, before = action
        if before is None:
            _write(notes.remove_label, aid, idx)
        else:
            _write(notes.set_label, aid, idx, text, before)
    elif kind == "word":
        _, word, before = action
        if before is None:
            _write(notes.remove_word, word)
        else:
            _write(notes.set_word, word, before)
    elif kind == "override":
        _, aid, idx, text, before = action  # before: the overrides that bore on the sentence
        _write(notes.restore_overrides, aid, idx, text, before)
    elif kind == "band":
        _write(notes.set_band, action[1])


def _undo_button(where: str) -> None:
    stack = st.session_state.get(_UNDO) or []
    st.button(
        t("Undo my last change"),
        key=f"review_undo_{where}",
        icon=":material/undo:",
        on_click=_undo,
        disabled=not stack,
        shortcut="Backspace" if where == "label" else None,
        help=t("Takes back your last label or correction on this corpus (Backspace key)."),
    )


def render_labelling(key: CorpusKey) -> None:
    """Offer the next sentence of the check queue, without its score."""
    _error_once()
    # Seconds at 100,000 articles the first time (the queue orders every scored sentence);
    # Streamlit shows the line only when it takes longer than half a second.
    with st.spinner(t("Picking the sentences to offer for checking…"), show_time=True):
        queue = cached.check_queue(key)
    labels = cached.tone_labels(key)
    given = dict(zip(zip(labels["article_id"], labels["sent_idx"]), labels["label"]))
    n_checked = int(labels["label"].isin(LABELS).sum())
    goal = CHECKED_FROM if n_checked < CHECKED_FROM else CALIBRATE_FROM if n_checked < CALIBRATE_FROM else None
    if goal:
        st.progress(
            min(1.0, n_checked / goal),
            text=tn(
                "{n} sentence checked — {goal} are needed before Tonlage quotes the agreement.",
                "{n} sentences checked — {goal} are needed before Tonlage quotes the agreement.",
                n_checked,
                goal=goal,
            )
            if goal == CHECKED_FROM
            else tn(
                "{n} sentence checked — from {goal} on, the neutral band can be fitted to your labels.",
                "{n} sentences checked — from {goal} on, the neutral band can be fitted to your labels.",
                n_checked,
                goal=goal,
            ),
        )
    else:
        st.caption(tn("{n} sentence checked.", "{n} sentences checked.", n_checked))
    if queue.empty:
        st.info(t("This corpus has no scored sentences of five words or more to check."))
        return
    # A copy of a sentence already labelled (the same words in another article, as agency copy
    # is printed) is passed over: the reader is never asked about the same sentence twice.
    labelled = set(labels["text_hash"])
    passed = dict(given)
    while True:
        row = next_to_check(queue, passed)
        if row is None:
            st.success(t("You have checked every sentence Tonlage can offer on this corpus."))
            _undo_button("label")
            return
        aid, idx = str(row["article_id"]), int(row["sent_idx"])
        ctx = cached.sentence_context(key, aid, idx)
        if text_hash(ctx["text"]) not in labelled:
            break
        passed[(aid, idx)] = SKIP
    st.markdown(t("**How is this sentence worded?**"))
    with st.container(border=True):
        st.caption(
            t(
                "From “{title}” ({date}) · sentence {n}",
                title=ctx["title"],
                date=local_label(ctx["date_label"]),
                n=idx + 1,
            )
        )
        if ctx["before"]:
            st.markdown(
                '<div style="color:#777;">' + escape_text("… " + ctx["before"]) + "</div>", unsafe_allow_html=True
            )
        st.markdown(
            '<div style="font-size:1.2rem;line-height:1.6;padding:0.4rem 0;border-left:4px solid #4C6A92;'
            'padding-left:0.8rem;">' + escape_text(ctx["text"]) + "</div>",
            unsafe_allow_html=True,
        )
        if ctx["after"]:
            st.markdown(
                '<div style="color:#777;">' + escape_text(ctx["after"] + " …") + "</div>", unsafe_allow_html=True
            )
    st.caption(
        t(
            "Judge the wording of the highlighted sentence, not whether you agree with it. The lines around it are context. Keys: 1 negative · 2 neutral · 3 positive · 0 skip · Backspace undo."
        )
    )
    row_ = st.container(horizontal=True, gap="small")
    for label in (*LABELS, SKIP):
        with row_:
            st.button(
                t(_BUTTONS[label]),
                key=f"review_label_{label}",
                icon=_ICONS[label],
                type="primary" if label != SKIP else "secondary",
                shortcut=_KEYS[label],
                on_click=_give_label,
                args=(key, aid, idx, ctx["text"], label, given.get((aid, idx))),
            )
    _undo_button("label")


# --- agreement -----------------------------------------------------------------------------------
def _number(v: float) -> str:
    """Two decimals with a real minus sign (as every tone figure of the app)."""
    return tr().decimal(v, 2).replace("-", "\u2212")


def _interval(pair, *, percent: bool = False) -> str:
    low, high = pair
    if low != low or high != high:
        return "–"
    show = tr().percent if percent else _number
    return t("95% interval {low} to {high}", low=show(low), high=show(high))


def render_agreement(key: CorpusKey) -> None:
    """How far the scorer agrees with the reader, and what to do about it."""
    result = cached.tone_agreement(key)
    x = tr()
    if result.n == 0:
        st.info(t("No sentence checked yet. Label a few on the first tab; the agreement appears here."))
        return
    if result.n < CHECKED_FROM:
        st.warning(
            tn(
                "Based on only {n} sentence: check at least {needed} before quoting the agreement.",
                "Based on only {n} sentences: check at least {needed} before quoting the agreement.",
                result.n,
                needed=CHECKED_FROM,
            )
        )
    c1, c2, c3 = st.columns(3)
    c1.metric(
        t("Agreement"),
        x.percent(result.accuracy),
        help=t("Share of your checked sentences that Tonlage labelled as you did."),
    )
    c1.caption(_interval(result.intervals["accuracy"], percent=True))
    c2.metric(
        t("Macro-F1"),
        x.decimal(result.macro_f1, 2),
        help=t("Agreement per label (negative, neutral, positive), averaged: 1 is perfect, about 0.33 is chance."),
    )
    c2.caption(_interval(result.intervals["macro_f1"]))
    c3.metric(
        t("Cohen's κ"),
        "–" if result.kappa != result.kappa else _number(result.kappa),
        help=t("Agreement beyond what chance would give: 0 is chance, 1 is perfect; above 0.4 is moderate."),
    )
    c3.caption(_interval(result.intervals["kappa"]))
    if result.corpus_accuracy == result.corpus_accuracy:
        st.caption(
            t(
                "The sample gives rare kinds of sentence more weight than they have in the corpus; weighted back, agreement on the whole corpus is estimated at {share}.",
                share=x.percent(result.corpus_accuracy),
            )
        )
    if result.n_stale:
        st.caption(
            tn(
                "{n} label is left out: its sentence reads differently since the corpus was read again.",
                "{n} labels are left out: their sentences read differently since the corpus was read again.",
                result.n_stale,
            )
        )
    st.markdown(t("**Your labels (rows) against Tonlage's (columns)**"))
    conf = result.confusion.copy()
    conf.index = [x.tone_label(i) for i in conf.index]
    conf.columns = [x.tone_label(c) for c in conf.columns]
    conf, formats = local_numbers(conf, dict.fromkeys(conf.columns, "%d"))
    st.dataframe(conf, width="content", column_config=number_columns(formats))
    st.caption(
        t(
            "How to read this: the diagonal counts the sentences on which you and Tonlage agree; every other cell is a kind of disagreement."
        )
    )
    _render_disagreements(key, result.disagreements)
    _render_calibration(key)


def _render_disagreements(key: CorpusKey, d: pd.DataFrame) -> None:
    st.markdown(t("**Where you and Tonlage differ**"))
    if d.empty:
        st.caption(t("No disagreement so far."))
        return
    x = tr()
    table = pd.DataFrame(
        {
            t("Sentence"): d["text"],
            t("You"): d["reader"].map(x.tone_label),
            t("Tonlage"): d["scorer"].map(x.tone_label),
            t("Tone"): d["tone"].round(2),
            t("Words that moved the score"): d["evidence"],
        }
    )
    st.caption(
        t("Select a row to correct Tonlage: mark a word as not evaluative in this corpus, or set the sentence's tone.")
    )
    shown, formats = local_numbers(shown_table(table), {t_plain("Tone"): "%+.2f"})
    picked = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="review_disagreements",
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            t("Sentence"): st.column_config.TextColumn(width="large"),
            **number_columns(formats),
        },
    )
    rows = list(picked.selection.rows) if picked is not None else []
    if rows and rows[0] < len(d):
        r = d.iloc[rows[0]]
        correction_panel(key, str(r["article_id"]), int(r["sent_idx"]), str(r["text"]), where="disagreement")


def _apply_band(key: CorpusKey, band: float | None, before: float | None) -> None:
    if _write(cached.reader_edits(key).tone.set_band, band):
        _changed(("band", before))


def _render_calibration(key: CorpusKey) -> None:
    st.markdown(t("**Fit the neutral band to your labels**"))
    notes = cached.reader_edits(key).tone
    band = notes.band()
    params = cached.params(key)
    x = tr()
    if band is not None:
        st.info(
            t(
                "The neutral band fitted to your labels is in force: {band} (the model's own: {model}).",
                band=x.decimal(band, 2),
                model=x.decimal(params.get("neutral_band") or 0.0, 2),
            )
        )
        st.button(
            t("Back to the model's band"),
            key="review_band_off",
            icon=":material/undo:",
            on_click=_apply_band,
            args=(key, None, band),
        )
    cal = cached.band_calibration(key)
    if cal.n < CALIBRATE_FROM:
        st.caption(
            t(
                "From {needed} checked German sentences on, Tonlage can fit the band below which a sentence counts as neutral to your labels ({n} so far).",
                needed=CALIBRATE_FROM,
                n=cal.n,
            )
        )
        return
    if cal.improves:
        st.write(
            t(
                "Fitted on your {n} labels, a band of {band} instead of {current} would raise agreement (macro-F1) from {before} to {after}, measured on labels each fit did not see (5-fold cross-validation).",
                n=cal.n,
                band=x.decimal(cal.band, 2),
                current=x.decimal(cal.current_band, 2),
                before=x.decimal(cal.cv_current, 2),
                after=x.decimal(cal.cv_fitted, 2),
            )
        )
        st.button(
            t("Use the fitted band"),
            key="review_band_on",
            icon=":material/tune:",
            type="primary",
            on_click=_apply_band,
            args=(key, cal.band, band),
        )
    else:
        st.caption(
            t(
                "A band fitted to your {n} labels would not raise agreement on labels it did not see ({after} vs {before} macro-F1), so the band stays as it is.",
                n=cal.n,
                before=x.decimal(cal.cv_current, 2),
                after="–" if cal.cv_fitted != cal.cv_fitted else x.decimal(cal.cv_fitted, 2),
            )
        )


# --- corrections -----------------------------------------------------------------------------------
def _set_word(key: CorpusKey, word: str, polarity: str, shown: tuple[str, str, int] | None = None) -> None:
    """Give ``word`` a tone in the whole corpus; ``shown``: the panel and the sentence it was
    picked in (``where``, ``article_id``, ``sent_idx``)."""
    if shown is not None:
        _note_corrected(*shown)
    notes = cached.reader_edits(key).tone
    before = dict(zip(notes.words()["word"], notes.words()["polarity"])).get(word)
    if _write(notes.set_word, word, polarity):
        _changed(("word", word, before))


def _remove_word(key: CorpusKey, word: str) -> None:
    notes = cached.reader_edits(key).tone
    before = dict(zip(notes.words()["word"], notes.words()["polarity"])).get(word)
    if _write(notes.remove_word, word):
        _changed(("word", word, before))


def sentence_ref(article_id, sent_idx) -> str:
    """One sentence as a single value (a pick in a list of sentences)."""
    return f"{article_id}\x1f{int(sent_idx)}"


def corrected_here(where: str) -> tuple[str, int] | None:
    """The sentence ``(article_id, sent_idx)`` the reader last corrected in the correction
    panel at ``where`` and still has open there: a list of sentences to pick from keeps it
    after the correction moved it out, so the panel shows what was done."""
    return st.session_state.get(f"review_corrected_{where}")


def _note_corrected(where: str | None, article_id: str, sent_idx: int) -> None:
    if where is not None:
        st.session_state[f"review_corrected_{where}"] = (article_id, int(sent_idx))


def _set_override(
    key: CorpusKey,
    article_id: str,
    sent_idx: int,
    text: str,
    label: str | None,
    copies: bool = False,
    where: str | None = None,
) -> None:
    """Set a sentence's tone (for every copy of it too with ``copies``), or with ``label`` None
    give it and its copies back to the scorer; ``where``: the panel it was done in."""
    _note_corrected(where, article_id, sent_idx)
    notes = cached.reader_edits(key).tone
    try:
        before = notes.overrides_of(article_id, sent_idx, text)
    except (sqlite3.Error, OSError) as exc:
        st.session_state["review_error"] = str(exc)
        return
    ok = (
        _write(notes.remove_override, article_id, sent_idx, text=text)
        if label is None
        else _write(notes.set_override, article_id, sent_idx, text, label, copies=copies)
    )
    if ok:
        _changed(("override", article_id, sent_idx, text, before))


def _override_of(ov: pd.DataFrame, article_id: str, sent_idx: int, text: str) -> pd.Series | None:
    """The tone set by hand that holds for one sentence: its own, else one set for every copy
    of its text (the latest), else None."""
    own = ov[(ov["article_id"] == article_id) & (ov["sent_idx"] == sent_idx)]
    if len(own) and not bool(own["copies"].iloc[-1]):
        return own.iloc[-1]
    shared = ov[ov["copies"] & (ov["text_hash"] == text_hash(text))]
    return shared.iloc[-1] if len(shared) else None


def correction_panel(key: CorpusKey, article_id: str, sent_idx: int, text: str, *, where: str) -> None:
    """Correct one sentence: mark one of its words for the whole corpus, or set its tone."""
    from tonlage.review.corrections import sentence_cues, words_in

    notes = cached.reader_edits(key).tone
    cues = sentence_cues(text, notes.word_values())
    x = tr()
    words = list(dict.fromkeys(w for w, _, _ in cues))
    hit = _override_of(notes.overrides(), article_id, sent_idx, text)
    n_copies = cached.copies_of(key, text)
    # The choices start from this sentence's own (set through the session, not as the widgets'
    # defaults: for a widget whose key stays, Streamlit kept showing the choice left from the
    # sentence before, e.g. a word it does not contain, unless its value is set again).
    start = {
        f"review_word_{where}": words[0] if words else None,
        f"review_word_text_{where}": "",
        f"review_polarity_{where}": next(iter(POLARITIES)),
        f"review_override_{where}": hit["label"] if hit is not None else "neutral",
        f"review_override_copies_{where}": True if hit is None else bool(hit["copies"]),
    }
    here = (article_id, int(sent_idx))
    another = st.session_state.get(f"review_panel_{where}") != here
    for name, value in start.items():
        if value is None:
            st.session_state.pop(name, None)
        elif another or name not in st.session_state:
            st.session_state[name] = value
    if another:
        if corrected_here(where) != here:
            st.session_state.pop(f"review_corrected_{where}", None)
        st.session_state[f"review_panel_{where}"] = here
    with st.container(border=True):
        st.markdown(t("**Correct the tone of this sentence**"))
        st.markdown(escape_text(text))
        c1, c2 = st.columns(2)
        with c1:
            st.caption(
                t(
                    "A word that is not evaluative in this corpus (or carries a tone Tonlage misses) is corrected in every sentence of the corpus."
                )
            )
            if words:
                word = st.selectbox(
                    t("Word"),
                    words,
                    key=state.relabelled(f"review_word_{where}"),
                    format_func=lambda w: t_plain(
                        "{word} ({weight})",
                        word=w,
                        weight=x.signed(next(v for cw, v, _ in cues if cw == w)),
                    ),
                )
            else:
                word = st.text_input(
                    t("Word"),
                    key=f"review_word_text_{where}",
                    help=t("No word moved this sentence's score; type one it contains to give it a tone."),
                ).strip()
            polarity = st.radio(
                t("In this corpus the word is"),
                list(POLARITIES),
                key=state.relabelled(f"review_polarity_{where}"),
                format_func=_polarity_name,
                horizontal=True,
            )
            ok = bool(word) and " " not in word and word.lower() in text.lower()
            st.button(
                t("Apply to the whole corpus"),
                key=f"review_word_apply_{where}",
                icon=":material/spellcheck:",
                disabled=not ok,
                on_click=_set_word,
                args=(key, word, polarity, (where, article_id, sent_idx)),
            )
            # What the word list already says of this sentence's words: a word marked here
            # leaves the list of words above (it no longer moves the score), and without this
            # the reader saw only another word picked in its place.
            listed = notes.words()
            polarity_of = dict(zip(listed["word"], listed["polarity"]))
            for word_ in words_in(text, polarity_of):
                st.caption(
                    t(
                        "“{word}” is on this corpus's word list: {polarity}.",
                        word=word_,
                        polarity=_polarity_name(polarity_of[word_]),
                    )
                )
                st.button(
                    t("Take “{word}” off the list", word=word_),
                    key=f"review_word_off_{where}_{word_}",
                    icon=":material/undo:",
                    on_click=_remove_word,
                    args=(key, word_),
                )
        with c2:
            st.caption(t("Or set the tone of this one sentence by hand (the scorer's own label stays on record)."))
            label = st.radio(
                t("This sentence is"),
                list(LABELS),
                key=f"review_override_{where}",
                format_func=_label_name,
                horizontal=True,
            )
            copies = n_copies > 0 and st.checkbox(
                tn(
                    "Also its {n} copy in other articles",
                    "Also its {n} copies in other articles",
                    n_copies,
                ),
                key=f"review_override_copies_{where}",
                help=t(
                    "The same sentence, word for word, printed in other articles (as agency copy is). A copy you set on its own keeps its tone."
                ),
            )
            st.button(
                t("Set the tone of every copy") if copies else t("Set this sentence's tone"),
                key=f"review_override_apply_{where}",
                icon=":material/edit:",
                on_click=_set_override,
                args=(key, article_id, sent_idx, text, label, copies, where),
            )
            if hit is not None:
                if bool(hit["copies"]):
                    st.caption(
                        t("Set by hand as {label} for every copy of this sentence.", label=_label_name(hit["label"]))
                    )
                st.button(
                    t("Give it back to the scorer"),
                    key=f"review_override_remove_{where}",
                    icon=":material/undo:",
                    on_click=_set_override,
                    args=(key, article_id, sent_idx, text, None, False, where),
                    help=t("Its copies too, where their tone was set for every copy."),
                )


def render_word_list(key: CorpusKey) -> None:
    """The corpus's word list, the sentences set by hand and the band, each removable."""
    _error_once()
    notes = cached.reader_edits(key).tone
    words = notes.words()
    params = cached.params(key)
    review = params.get("tone_review") or {}
    st.markdown(t("**Words with a tone of their own in this corpus**"))
    if words.empty:
        st.caption(
            t(
                "None yet. In the reader, the strongest sentences or the disagreements, pick a sentence and mark one of its words."
            )
        )
    else:
        st.dataframe(
            shown_table(
                pd.DataFrame(
                    {
                        t("Word"): words["word"],
                        t("In this corpus"): words["polarity"].map(_polarity_name),
                        # A time (the column sorts by it), written as the reader's language does.
                        t("Changed"): pd.to_datetime(words["edited"].str.slice(0, 16), errors="coerce"),
                    }
                )
            ),
            hide_index=True,
            width="content",
            column_config={t("Changed"): datetime_column()},
        )
        if review:
            st.caption(
                tn(
                    "{n} sentence contains one of these words and was scored again; {changed} of them changed.",
                    "{n} sentences contain one of these words and were scored again; {changed} of them changed.",
                    int(review.get("rescored", 0)),
                    changed=int(review.get("changed_by_words", 0)),
                )
            )
        c1, c2 = st.columns([2, 3], vertical_alignment="bottom")
        gone = c1.selectbox(t("Take a word off the list"), list(words["word"]), key="review_word_remove_pick")
        c2.button(
            t("Take it off"),
            key="review_word_remove",
            icon=":material/delete:",
            on_click=_remove_word,
            args=(key, gone),
        )
    with st.form("review_word_add", border=False):
        c1, c2, c3 = st.columns([2, 3, 1], vertical_alignment="bottom")
        new = c1.text_input(t("Add a word"), max_chars=60)
        polarity = c2.radio(
            t("In this corpus the word is"), list(POLARITIES), format_func=_polarity_name, horizontal=True
        )
        if c3.form_submit_button(t("Add")):
            word = " ".join(new.split())
            if not word or " " in word:
                st.warning(t("One word, please."))
            else:
                _set_word(key, word, polarity)
                st.rerun()

    st.markdown(t("**Sentences whose tone you set by hand**"))
    ov = notes.overrides()
    if ov.empty:
        st.caption(t("None."))
    else:
        s = cached.get_corpus(key).sentence_store.frame(
            ["article_id", "sent_idx", "text"], article_ids=set(ov["article_id"])
        )
        shown = ov.merge(s, on=["article_id", "sent_idx"], how="left")
        st.dataframe(
            shown_table(
                pd.DataFrame(
                    {
                        t("Sentence"): shown["text"].fillna(t("(no longer in the corpus)")),
                        t("Your label"): shown["label"].map(tr().tone_label),
                        t("Copies too"): [
                            t_plain("yes ({n})", n=cached.copies_of(key, text))
                            if every and isinstance(text, str)
                            else ""
                            for every, text in zip(shown["copies"], shown["text"])
                        ],
                    }
                )
            ),
            column_config={
                t("Copies too"): st.column_config.TextColumn(
                    help=t("Set for every copy of the sentence in other articles (how many there are).")
                )
            },
            hide_index=True,
            width="stretch",
        )
        options = list(range(len(shown)))
        pick = st.selectbox(
            t("Give a sentence back to the scorer"),
            options,
            key="review_override_remove_pick",
            format_func=lambda i: str(shown["text"].iloc[i] or "")[:90],
        )
        if pick is not None:
            r = shown.iloc[pick]
            st.button(
                t("Give it back"),
                key="review_override_remove_list",
                icon=":material/undo:",
                on_click=_set_override,
                args=(key, str(r["article_id"]), int(r["sent_idx"]), str(r["text"] or ""), None),
            )
    _undo_button("words")


def render_transfer(key: CorpusKey) -> None:
    """Labels to and from CSV (another tool, a colleague, a backup)."""
    notes = cached.reader_edits(key).tone
    labels = notes.labels()
    # Only the labelled articles' sentences are read.
    sentences = cached.get_corpus(key).sentence_store.frame(
        ["article_id", "sent_idx", "text"], article_ids=set(labels["article_id"]) if len(labels) else ()
    )
    st.download_button(
        t("Download your labels (CSV)"),
        notes.export_labels(sentences) if len(labels) else b"",
        file_name="tonlage-tone-labels.csv",
        mime="text/csv",
        icon=":material/download:",
        disabled=labels.empty,
        on_click="ignore",
    )
    st.caption(
        t("Columns: article_id, sent_idx, label, text_hash and the sentence. The same file can be imported here.")
    )
    done = st.session_state.pop(_IMPORTED, None)
    if done is not None:
        taken, problems = done
        st.success(tn("{n} label imported.", "{n} labels imported.", taken))
        for p in problems[:20]:
            st.caption(msg(p))
        if len(problems) > 20:
            st.caption(tn("… and {n} more problem.", "… and {n} more problems.", len(problems) - 20))
    up = st.file_uploader(t("Import labels (CSV)"), key=f"review_import_{st.session_state.get('review_round', 0)}")
    if up is not None and st.button(t("Import"), key="review_import_go", icon=":material/upload:"):
        data = up.getvalue()
        if len(data) > 20_000_000:
            st.error(t("This file is larger than 20 MB; a label file is much smaller."))
            return
        try:
            store = cached.get_corpus(key).sentence_store
            # Only the sentences of the articles the file names are read.
            result = notes.import_labels(
                data, lambda ids: store.frame(["article_id", "sent_idx", "text"], article_ids=ids)
            )
        except (sqlite3.Error, OSError) as exc:
            st.error(t("The labels could not be saved: {reason}", reason=str(exc)))
            return
        # A new round empties the upload box; the next run shows the result with every figure
        # rebuilt from the new labels.
        st.session_state["review_round"] = st.session_state.get("review_round", 0) + 1
        st.session_state[_IMPORTED] = result
        st.rerun()
