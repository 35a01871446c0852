"""Words in names: role and institution nouns by their head ("Bundesinnenminister" →
"minister"), whether a capitalised word can be a name, and normal forms (lemma, plural,
genitive)."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import simplemma

from .lexicon import (
    DETERMINERS,
    FUNCTION_WORDS,
    GROUP_HEADS,
    INSTITUTION_HEADS,
    MEDIA_HEADS,
    NOT_NAMES,
    PREPOSITIONS,
    ROLE_HEADS,
    SOURCE_NOUNS,
)

__all__ = [
    "ACRONYM",
    "ADJECTIVE_ENDINGS",
    "CAPS_NAME",
    "COMMON_NOUN_ENDINGS",
    "inst_lemma",
    "institution_head",
    "is_name_word",
    "lemma",
    "name_kind",
    "no_given_name",
    "person_name",
    "plural_group",
    "prev_token",
    "role_head",
]

log = logging.getLogger(__name__)

ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,6}$")
CAPS_NAME = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ-]{2,}$")


def _ending_head(low: str, heads: frozenset[str], lengths: tuple[int, ...], min_rest: int) -> str:
    """The longest of ``heads`` that ``low`` (or its form without a final "s" or "es") ends
    in, the word being the head itself or having ``min_rest`` letters before it; else "".

    One set lookup per head length rather than an ``endswith`` per head (~180 role heads): a
    word ends in at most one string of each length, so the longest such head is the first
    match of the longest-first loop over the heads this replaced.
    """
    for form in (low, low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("es") else ""):
        n = len(form)
        if not n:
            continue
        for size in lengths:
            if size <= n and (size == n or n - size >= min_rest) and form[n - size :] in heads:
                return form[n - size :]
    return ""


def _lengths(heads: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(sorted({len(h) for h in heads}, reverse=True))


_ROLE_HEADS, _ROLE_LENGTHS = frozenset(ROLE_HEADS), _lengths(ROLE_HEADS)
_INSTITUTION_HEADS, _INSTITUTION_LENGTHS = frozenset(INSTITUTION_HEADS), _lengths(INSTITUTION_HEADS)


@lru_cache(maxsize=50_000)
def role_head(word: str) -> str:
    """The role noun a word ends in ("Bundesinnenministerin" → "ministerin", "SPD-Chefs" →
    "chef"), or "" when it is none. The word is the head itself or a compound with at least two
    letters before it."""
    low = word.lower().rstrip("'’").split("-")[-1] if "-" in word else word.lower()
    return _ending_head(low, _ROLE_HEADS, _ROLE_LENGTHS, 2)


@lru_cache(maxsize=50_000)
def institution_head(word: str) -> str:
    """The institution noun a word ends in ("Bundesgerichtshofs" → "gerichtshof"), or ""."""
    return _ending_head(word.lower().split("-")[-1], _INSTITUTION_HEADS, _INSTITUTION_LENGTHS, 3)


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The German lemma of a word (simplemma). Its German dictionary is read back from the file
    kept decoded (:mod:`tonlage.analysis.lexicon_cache`) the first time: in a server, whose
    Corpus page counts names and quoted speakers with these lemmas, simplemma's own decoding
    took 0.9-1.5 s of that page's first visit at any corpus size, the kept file ~0.5 s."""
    from ..analysis.lexicon_cache import load_german_dictionary

    load_german_dictionary()  # once per process (a flag after that)
    return simplemma.lemmatize(word, lang="de")


def plural_group(word: str) -> str:
    """A group noun in the nominative plural: "Insidern" → "Insider", "Presseberichten" →
    "Presseberichte", "Experten" stays."""
    base = lemma(word)
    if word == base + "n" and base.endswith(("er", "el")):
        return base
    if word == base + "en" and not base.endswith(("schaft", "ung", "heit", "keit", "ion")):
        return base + "e"
    return word


#: Endings of common nouns that no name has ("Bereinigungen", "Sicherheit", "Nation").
COMMON_NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "ismus", "tät", "nahme", "ungen")


@lru_cache(maxsize=50_000)
def is_name_word(word: str) -> bool:
    """Could this capitalised word be (part of) a person's or organisation's proper name?"""
    low = word.lower()
    if (
        low in FUNCTION_WORDS
        or low in NOT_NAMES
        or low in DETERMINERS
        or low in PREPOSITIONS
        or len(word) < 2
        or role_head(word)
        or institution_head(word)
    ):
        return False
    if low.endswith(COMMON_NOUN_ENDINGS):
        return False
    base = lemma(word)
    # an inflected common noun ("Fortschritte" → "Fortschritt") is no name
    return not (base != word and base.lower() != low and word.startswith(base[:3]) and len(base) < len(word))


#: The endings of an inflected adjective ("Tiroler", "Bayerische", "anderen").
ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
#: An adjective ("Islamischer Staat", "Europäische Union"); with the endings above, an inflected
#: word whose lemma is written small ("Brüchige Waffenruhe", "Müssten Betreiber"; "Ahmet", whose
#: lemma simplemma gives as "ahmen", has no such ending).
_ADJECTIVE = re.compile(r"isch(?:e|er|es|en|em)$")


@lru_cache(maxsize=20_000)
def no_given_name(word: str) -> bool:
    """Is the capitalised first word of a run of capitalised words ("Zwei Palästinenser",
    "Andere Tourengeher", "Ist Syrien") surely no given name: an adjective, an inflected word
    whose lemma is written small, or a function word? A sentence's start capitalises them."""
    if _ADJECTIVE.search(word) or word.lower() in FUNCTION_WORDS:
        return True
    return word.endswith(ADJECTIVE_ENDINGS) and lemma(word)[:1].islower()


def inst_lemma(word: str) -> str:
    """An institution noun in the nominative: "Ministeriums" → "Ministerium"."""
    if word.endswith("s") and not word.endswith("ss"):
        base = lemma(word)
        if base != word and word.startswith(base[:-1]):
            return base
        if word.endswith(("iums", "amts", "rats", "ums")):
            return word[:-1]
    return word


def prev_token(text: str, start: int) -> str:
    """The token before ``start`` on the same line: a word, or the punctuation mark before it."""
    j = start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] == "\n":
        return ""
    if not text[j].isalnum():
        return text[j]
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "-‑'’*"):
        k -= 1
    return text[k : j + 1]


_SOURCES = frozenset(SOURCE_NOUNS)
_MEDIA = frozenset(MEDIA_HEADS)


def name_kind(name: str) -> str:
    """What a speaker's name (as :class:`~tonlage.voices.parts.Speaker` keeps it) names, from
    its words alone: ``"institution"`` (an acronym, or ending in an institution or media noun:
    "ORF", "Innenministerium", "Ratingagentur"), ``"group"`` (a group noun: "Forscher",
    "Befragten"), ``"source"`` (a source noun, no speaker at all: "Angaben", "Umfrage"),
    ``""`` for one word that cannot be a name ("Weil"), else ``"person"``.

    For names already stored without their kind (the quote finder knows it while reading);
    the same word lists decide."""
    words = name.split()
    if not words:
        return ""
    last = words[-1]
    low = last.lower()
    part = low.rsplit("-", 1)[-1]
    if any(w.lower().rsplit("-", 1)[-1] in _SOURCES for w in words):
        return "source"
    if part in GROUP_HEADS:
        return "group"
    if ACRONYM.match(last) or CAPS_NAME.match(last) or institution_head(last) or part in _MEDIA:
        return "institution"
    if len(words) == 1 and not is_name_word(last):
        return ""
    return "person"


def person_name(name: str) -> str:
    """A person's name without the role nouns before it (:func:`role_head`: "Kanzler Friedrich
    Merz" → "Friedrich Merz", "Trainer Peter Zeidler" → "Peter Zeidler"); the name itself when
    every word but the last would go."""
    words = name.split()
    start = 0
    while start < len(words) - 1 and role_head(words[start]):
        start += 1
    return " ".join(words[start:]) if len(words) - start >= 2 else " ".join(words)
