"""Konjunktiv I: the mood of reported speech ("Die Lage sei ernst"), in a word, a sentence's
words or its tokens."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import simplemma

from .lexicon import DETERMINERS, KONJ1_CLOSED, KONJ1_IDIOMS, KONJ1_SURE, NOT_KONJ1
from .parts import Tok

__all__ = ["KONJ1_IDIOM_PATTERN", "has_konj1", "is_konjunktiv_one", "konj1_in", "may_hold_konj1"]

log = logging.getLogger(__name__)

#: Fixed phrases with a subjunctive that report nothing ("es sei denn", "wie dem auch sei").
KONJ1_IDIOM_PATTERN = re.compile(r"\b(?:" + "|".join(map(re.escape, KONJ1_IDIOMS)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=100_000)
def is_konjunktiv_one(token: str) -> bool:
    """True when a lower-case word is (most likely) a Konjunktiv I verb form: a closed list of
    frequent forms ("sei", "habe", "werde", "könne"), otherwise any verb's present stem plus -e
    ("erlebe", "verhalte"). The 1st person singular indicative looks the same ("ich gebe");
    callers rule it out by the subject.

    Args:
        token: One word.
    """
    if token in KONJ1_CLOSED:
        return True
    if len(token) < 4 or not token.endswith("e") or token in NOT_KONJ1 or not token.islower():
        return False
    lemma = simplemma.lemmatize(token, lang="de")
    return lemma in (token + "n", token[:-1] + "n") and lemma.endswith(("en", "ern", "eln"))


@lru_cache(maxsize=100_000)
def _may_be_konj1(w: str) -> bool:
    """The word test of :func:`konj1_in`, cached per word."""
    return w in KONJ1_CLOSED or (w[-1:] == "e" and w.islower() and w not in NOT_KONJ1 and is_konjunktiv_one(w))


#: Words known to be no Konjunktiv I candidate (:func:`_may_be_konj1` false): most sentences'
#: words are all in it, which one set difference tells. Bounded (a word past the bound is
#: tested each time, as before).
_NO_KONJ1: set[str] = set()
_NO_KONJ1_MAX = 300_000


def may_hold_konj1(words: set[str] | frozenset[str]) -> bool:
    """Can :func:`konj1_in` be true of a sentence with these words: is one of them a Konjunktiv I
    form? (Set arithmetic for the words seen before, the word test for new ones.)"""
    if _NO_KONJ1.issuperset(words):  # most sentences once warm: no new set made
        return False
    new = words - _NO_KONJ1
    found = False
    for w in new:
        if _may_be_konj1(w):
            found = True
        elif len(_NO_KONJ1) < _NO_KONJ1_MAX:
            _NO_KONJ1.add(w)
    return found


def konj1_in(words: list[str]) -> bool:
    """A Konjunktiv I among ``words`` (in order): the form, not before a number ("date 2025"), and
    for forms an adjective shares, not right before a noun or after an article ("die heiße Phase").

    Args:
        words: A sentence's or a clause's words, in order.
    """
    if not any(map(_may_be_konj1, words)):  # most sentences: no candidate at all
        return False
    n = len(words)
    for k, w in enumerate(words):
        if w not in KONJ1_CLOSED and (w[-1:] != "e" or not w.islower() or w in NOT_KONJ1 or not is_konjunktiv_one(w)):
            continue
        if k + 1 < n and words[k + 1][:1].isdigit():
            continue
        if w not in KONJ1_SURE and (
            (k + 1 < n and words[k + 1][:1].isupper()) or (k > 0 and words[k - 1].lower() in DETERMINERS)
        ):
            continue
        return True
    return False


def has_konj1(toks: list[Tok]) -> bool:
    """A Konjunktiv I among the words of ``toks``; after "ich" only "sei"/"seien" count ("ich
    gebe" is indicative)."""
    words = [t.text for t in toks if t.kind == "w"]
    if "ich" in words or "Ich" in words:
        return "sei" in words or "seien" in words
    return konj1_in(words)
