"""What every tone figure is stamped with: how far the tone agrees with a reader on this corpus,
and what the reader corrected. Read from the corpus's ``params`` (``tone_check`` and
``tone_review``, written by :meth:`tonlage.review.ReaderEdits.apply`), so the app's captions,
exported images, findings and the meeting pack all say the same."""

from __future__ import annotations

import math

from tonlage.i18n import N_, Translator
from tonlage.review.agreement import CHECKED_FROM
from tonlage.thresholds import AGREEMENT_NEWS, AGREEMENT_POSTS

__all__ = ["tone_stamp", "tone_stamp_lines", "correction_lines", "is_checked"]


def is_checked(params: dict) -> bool:
    """Enough sentences were checked to quote the agreement."""
    check = params.get("tone_check") or {}
    return int(check.get("n", 0)) >= CHECKED_FROM


def tone_stamp(params: dict, tr: Translator) -> str:
    """One line: "Tone agrees with a reader on 71 % of 60 checked sentences (κ 0.52)." or that
    the tone is unchecked on this corpus; then what a reader corrected, if anything ("Corrected
    by a reader: 2 words of its word list, 1 sentence set by hand."): a figure shown or handed on
    says that it rests on corrected tone, not only on the method."""
    return " ".join(tone_stamp_lines(params, tr))


def tone_stamp_lines(params: dict, tr: Translator, *, corrected: bool = True) -> list[str]:
    """:func:`tone_stamp` as its sentences: how far the tone agrees with a reader, then, while
    that is unchecked on a corpus of mostly social-media posts (``post_share``) or a view of
    them (``view_post_share``, which the app adds), that the tone is less sure on posts, then
    (with ``corrected``) what a reader corrected (only when they did), for an image's caption,
    whose lines are short."""
    check = params.get("tone_check") or {}
    n = int(check.get("n", 0))
    if n >= CHECKED_FROM:
        kappa = check.get("kappa", float("nan"))
        line = tr(
            "Tone agrees with a reader on {share} of {n} checked sentences (κ {kappa}).",
            share=tr.percent(check.get("accuracy", 0.0)),
            n=n,
            kappa="–" if kappa is None or math.isnan(kappa) else tr.decimal(kappa, 2),
        )
    elif n == 0:
        line = tr("Tone unchecked on this corpus: no sentence has been checked against a reader yet.")
    else:
        line = tr.ngettext(
            "Tone unchecked on this corpus: {n} sentence checked against a reader, {needed} are needed.",
            "Tone unchecked on this corpus: {n} sentences checked against a reader, {needed} are needed.",
            n,
            needed=CHECKED_FROM,
        )
    lines = [line]
    figures = dict(posts=tr.decimal(AGREEMENT_POSTS, 2), news=tr.decimal(AGREEMENT_NEWS, 2))
    if n < CHECKED_FROM and params.get("post_share", 0.0) > 0.5:
        lines.append(
            tr(
                "This corpus is mostly social-media posts; on posts the tone agrees less with people "
                "(macro-F1 {posts}; on news about {news}).",
                **figures,
            )
        )
    elif n < CHECKED_FROM and params.get("view_post_share", 0.0) > 0.5:  # (set by the app)
        lines.append(
            tr(
                "Most articles in view are social-media posts; on posts the tone agrees less with people "
                "(macro-F1 {posts}; on news about {news}).",
                **figures,
            )
        )
    what = _corrections(params, tr) if corrected else ""
    return [*lines, what] if what else lines


def _corrections(params: dict, tr: Translator) -> str:
    """What a reader corrected, in one sentence ("" when nothing)."""
    review = params.get("tone_review") or {}
    parts = []
    words = int(review.get("words", 0))
    if words:
        parts.append(tr.ngettext("{n} word of its word list", "{n} words of its word list", words))
    n_set = int(review.get("sentences_set", 0))
    if n_set:
        parts.append(tr.ngettext("{n} sentence set by hand", "{n} sentences set by hand", n_set))
    if review.get("band") is not None:
        parts.append(tr("a neutral band fitted to their labels"))
    return tr("Corrected by a reader: {what}.", what=", ".join(parts)) if parts else ""


def correction_lines(params: dict, tr: Translator, *, max_words: int = 12) -> list[str]:
    """What the reader corrected, for the method slide: the word list, sentences set by hand, a
    fitted band. Empty when nothing was corrected."""
    review = params.get("tone_review") or {}
    lines = []
    words = list(review.get("word_list") or [])
    if words:
        shown = [
            tr("{word} → {polarity}", word=w, polarity=tr(_POLARITY_NAMES.get(p, p))) for w, p in words[:max_words]
        ]
        more = len(words) - len(shown)
        text = tr("Word list of this corpus (set by a reader): {words}", words="; ".join(shown))
        if more > 0:
            text += " " + tr.ngettext("and {n} more word.", "and {n} more words.", more)
        lines.append(text)
    n_set = int(review.get("sentences_set", 0))
    if n_set:
        lines.append(
            tr.ngettext(
                "{n} sentence's tone was set by hand by a reader.",
                "{n} sentences' tone was set by hand by a reader.",
                n_set,
            )
        )
    band = review.get("band")
    if band is not None:
        lines.append(
            tr(
                "Neutral band fitted to the reader's labels: {band} (the model's own: {model}).",
                band=tr.decimal(band, 2),
                model=tr.decimal(review.get("model_band") or 0.0, 2),
            )
        )
    return lines


# How a reader's word-list entry is named (the values of tonlage.review.POLARITIES)
_POLARITY_NAMES = {
    "neutral": N_("not evaluative here"),
    "positive": N_("positive"),
    "negative": N_("negative"),
}
