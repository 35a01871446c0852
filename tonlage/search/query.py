"""Finding the articles that contain some words: the sidebar's "Containing words" filter.

A reader types words the way a newsroom archive is searched::

    Waffenruhe, Feuerpause, Sanktion*, "Weißes Haus"

- Commas (or semicolons, or line breaks) separate alternatives: an article is found when its
  headline or text holds at least one of them.
- A ``+`` joins terms that must all be there, anywhere in the same article ("Trump + Putin"; "Trump
  + Putin, Lawrow": the articles holding both names, and those holding "Lawrow").
- Words without a comma between them are one phrase, in that order ("Weißes Haus"), with any
  white space between them (a line break too).
- Upper and lower case do not matter ("eu" finds "EU", "österreich" finds "ÖSTERREICH").
- A term matches whole words: "EU" finds "EU" and "EU-Kommission", not "neue" or "Euro". A
  ``*`` at its end also finds longer words ("Sanktion*": "Sanktionen"); at its start, words that
  end in it ("*ruhe": "Waffenruhe").

The words are looked for in the analysed text (furniture and recurring lines already left out)
and the headline, with Arrow's regular-expression kernel (RE2: linear in the text, so a
reader's input cannot make it run away; every character the reader types is matched literally).
At 100,000 articles (274 MB of text) one search reads every text once: measured in
``bench/scale.py``; the app keeps each search's result per corpus (:class:`tonlage.corpus_index.CorpusIndex`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "MAX_TERMS",
    "MAX_CHARS",
    "Term",
    "parse_words",
    "groups_of",
    "canonical_words",
    "query_of",
    "words_pattern",
    "word_patterns",
    "parts_of",
    "runs_of",
    "matching",
    "found_spans",
    "in_context",
]

#: At most this many alternatives are searched (the rest are left out, and the sidebar says so).
MAX_TERMS = 20
#: The longest input read (the sidebar's box and a shared link alike).
MAX_CHARS = 300

_SEPARATORS = re.compile(r"[,;\n\r]+")
# Quotation marks a reader may put around a phrase; they are not searched for.
_QUOTES = "\"„“”«»‚‘’'"
# What RE2 reads as syntax; each is escaped, so that a reader's "(", "." or "|" is a character.
_SYNTAX = frozenset("\\.^$|?*+()[]{}")
# Word characters on both sides of a term's edge: letters and digits of any script.
_EDGE_BEFORE = r"(?:^|[^\pL\pN])"
_EDGE_AFTER = r"(?:[^\pL\pN]|$)"
_SPACE = r"[\s\x{00A0}\x{202F}]+"  # between a phrase's words: also no-break spaces


@dataclass(frozen=True)
class Term:
    """One term: its words (a phrase when more than one), whether a word may go on before
    (``*`` at the start) or after it (``*`` at the end), and whether it is joined to the term
    before it by a ``+`` (both must be in the article: one alternative of several terms)."""

    words: tuple[str, ...]
    open_start: bool = False
    open_end: bool = False
    joined: bool = False

    @property
    def text(self) -> str:
        """The term as the reader typed it (spaces collapsed, the stars kept)."""
        return ("*" if self.open_start else "") + " ".join(self.words) + ("*" if self.open_end else "")


def parse_words(query: str) -> tuple[tuple[Term, ...], bool]:
    """The terms of ``query`` (see the module's description), alternative after alternative, and
    whether some were left out (alternatives past :data:`MAX_TERMS` terms, or the input past
    :data:`MAX_CHARS` characters). A term without a letter or digit ("*", "-") is no term: it
    would find every article. An alternative given twice, or a term twice in one, counts once."""
    text = unicodedata.normalize("NFC", query or "")
    cut = len(text) > MAX_CHARS
    groups: list[tuple[Term, ...]] = []
    for alternative in _SEPARATORS.split(text[:MAX_CHARS]):
        group: list[Term] = []
        for raw in alternative.split("+"):
            raw = raw.strip().strip(_QUOTES).strip()
            open_start, open_end = raw.startswith("*"), raw.endswith("*")
            words = tuple(w for w in raw.strip("*").strip().strip(_QUOTES).split() if w)
            if not any(ch.isalnum() for w in words for ch in w):
                continue
            term = Term(words, open_start, open_end, joined=bool(group))
            if all(t.words != term.words or t.open_start != open_start or t.open_end != open_end for t in group):
                group.append(term)
        if group and tuple(group) not in groups:
            groups.append(tuple(group))
    terms: list[Term] = []
    for alternative_terms in groups:
        if len(terms) + len(alternative_terms) > MAX_TERMS:
            return tuple(terms), True
        terms.extend(alternative_terms)
    return tuple(terms), cut


def groups_of(terms: Sequence[Term]) -> list[tuple[Term, ...]]:
    """``terms`` as their alternatives: each the terms an article must all hold (those a ``+``
    joins), the first of each not :attr:`~Term.joined`."""
    groups: list[list[Term]] = []
    for term in terms:
        if term.joined and groups:
            groups[-1].append(term)
        else:
            groups.append([dataclasses.replace(term, joined=False)])
    return [tuple(g) for g in groups]


def query_of(terms: Sequence[Term]) -> str:
    """``terms`` as a query the sidebar's box reads back to them: each as typed, the
    alternatives joined by ", ", the terms of one by " + "."""
    return ", ".join(" + ".join(t.text for t in group) for group in groups_of(terms))


def canonical_words(query: str) -> str:
    """``query`` as the view keeps it (its cache key, the shared link, a slide's caption): its
    terms, as typed, joined by ", "; "" when it holds none."""
    return query_of(parse_words(query)[0])


def _literal(word: str) -> str:
    """``word`` matched as written; "ß" and "ss" each also as the other (Swiss German writes
    "Strasse" for "Straße")."""
    out = "".join("\\" + ch if ch in _SYNTAX else ch for ch in word)
    return re.sub("ss|ß", "(?:ss|ß)", out, flags=re.IGNORECASE)


def words_pattern(terms: Sequence[Term]) -> str:
    """One RE2 pattern (case-insensitive) that finds any of ``terms`` (each on its own, a ``+``
    set aside: :func:`groups_of` says which an article must hold together); "" for none."""
    if not terms:
        return ""
    parts = [
        ("" if t.open_start else _EDGE_BEFORE)
        + _SPACE.join(map(_literal, t.words))
        + ("" if t.open_end else _EDGE_AFTER)
        for t in terms
    ]
    return "(?i)(?:" + "|".join(parts) + ")"


# A run of letters and digits of any script (what RE2's [\pL\pN] is, and what a word index holds
# as a word), kept by re.split.
_RUN = re.compile(r"([^\W_]+)")


def parts_of(word: str) -> list[str]:
    """``word`` cut into its runs of letters and digits (at odd places) and what stands between
    them (at even places, "" at the ends): "EU-Kommission" gives ["", "EU", "-", "Kommission",
    ""]."""
    return _RUN.split(word)


def runs_of(term: Term) -> list[tuple[int, int, str, bool, bool]]:
    """Each run of letters and digits in ``term``'s words: (word, place in :func:`parts_of` of
    that word, the run, whether a word may go on before it, and after it). Only the term's first
    run at the very start of its text takes the term's leading star, and only its last run at the
    very end the trailing one."""
    out = []
    last = len(term.words) - 1
    for i, word in enumerate(term.words):
        parts = parts_of(word)
        runs = range(1, len(parts), 2)
        for k in runs:
            open_start = i == 0 and k == runs[0] and not parts[0] and term.open_start
            open_end = i == last and k == runs[-1] and not parts[-1] and term.open_end
            out.append((i, k, parts[k], open_start, open_end))
    return out


def word_patterns(term: Term) -> tuple[tuple[str, ...], bool]:
    """What a word index (:mod:`tonlage.search.word_index`) looks up for ``term``: one RE2 pattern per
    run of letters and digits in it, each matching the whole words (runs of letters and digits
    of a text) that can hold that run where :func:`words_pattern` finds the term, and whether
    the words found are the answer itself.

    A run is anchored at a side where the term's text has an edge: the start of a word not open
    there, a space between a phrase's words, a character other than a letter or digit ("EU" in
    "EU-Kommission"). A text the term is found in holds a word matching every run's pattern.
    For a term of one word of letters and digits alone the converse holds too, so the words are
    the answer ("exact"); for a phrase, or a word with other characters ("U.S."), they only
    narrow the texts down, which the term's pattern then reads."""
    patterns = [
        "(?i)" + ("" if open_start else "^") + _literal(run) + ("" if open_end else "$")
        for _, _, run, open_start, open_end in runs_of(term)
    ]
    exact = len(term.words) == 1 and len(patterns) == 1 and _RUN.fullmatch(term.words[0]) is not None
    return tuple(patterns), exact


def matching(arrays: Sequence, pattern: str) -> np.ndarray:
    """Which strings of ``arrays`` (Arrow string arrays, one after the other) ``pattern`` finds
    (:func:`words_pattern`), as one boolean array; a missing string is not found. The arrays
    are searched two at a time (Arrow lets go of the interpreter while it searches)."""
    import pyarrow.compute as pc

    def one(array) -> np.ndarray:
        found = pc.match_substring_regex(array, pattern=pattern).fill_null(False)
        return found.to_numpy(zero_copy_only=False).astype(bool, copy=False)

    if not arrays:
        return np.zeros(0, dtype=bool)
    if len(arrays) == 1:
        return one(arrays[0])
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        return np.concatenate(list(pool.map(one, arrays)))


def _python_literal(word: str) -> str:
    return re.sub(r"ss|ß|SS", "(?:ss|ß)", re.escape(word), flags=re.IGNORECASE)


_PY_SPACE = r"[\s\u00a0\u202f]+"


@functools.lru_cache(maxsize=64)
def _python_pattern(words: str) -> re.Pattern | None:
    """The pattern of :func:`words_pattern` for Python's ``re``, for a text whose lower case
    has other lengths than itself (:func:`found_spans`' slow way): the same edges, written as
    look-arounds so that a word's neighbour is not part of the mark, and an open side marked to
    the edge of its word."""
    terms, _ = parse_words(words)
    if not terms:
        return None
    parts = [
        (r"(?<![^\W_])[^\W_]*" if t.open_start else r"(?<![^\W_])")  # from a word's start only: linear
        + _PY_SPACE.join(map(_python_literal, t.words))
        + (r"[^\W_]*" if t.open_end else r"(?![^\W_])")
        for t in terms
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _term_patterns(words: str) -> tuple[tuple[re.Pattern, bool], ...]:
    """One pattern per term for the text in lower case, each starting with the term's own
    letters (Python's ``re`` then scans for them as fast as ``str.find``; a pattern that starts
    with a look-behind or ignores case was ten times slower at 100,000 articles), and whether the
    term is open at its start. The edge before a term is checked by :func:`found_spans`."""
    terms, _ = parse_words(words)
    return tuple(
        (
            re.compile(
                _PY_SPACE.join(_python_literal(w.lower()) for w in t.words)
                + (r"[^\W_]*" if t.open_end else r"(?![^\W_])")
            ),
            t.open_start,
        )
        for t in terms
    )


def found_spans(text: str, words: str) -> list[tuple[int, int]]:
    """Where ``words`` (as the sidebar's box holds them) stand in ``text``: (start, end) offsets,
    in order, not overlapping (where two terms overlap, the one that starts first, then the
    first term); none for words without a term. A term open at its start is marked from the
    start of its word, one open at its end to the end of its word."""
    if not text or not words:
        return []
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): offsets would shift
        pattern = _python_pattern(words)
        return [] if pattern is None else [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    found: list[tuple[int, int, int]] = []
    for k, (pattern, open_start) in enumerate(_term_patterns(words)):
        pos = 0
        while (m := pattern.search(low, pos)) is not None:
            a, b = m.span()
            if open_start:
                while a > 0 and low[a - 1].isalnum():
                    a -= 1
            elif a > 0 and low[a - 1].isalnum():  # inside a word: no match here
                pos = m.start() + 1
                continue
            found.append((a, k, b))
            pos = max(b, m.start() + 1)
    out: list[tuple[int, int]] = []
    for a, _, b in sorted(found):
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


def in_context(text: str, words: str, before: int = 50, after: int = 70) -> str:
    """``text`` cut around the first place the words stand (keyword in context): up to
    ``before`` characters before it and ``after`` after its end, each cut at a space where one is
    near and marked with "…"; the whole text when it is short enough or holds no term."""
    spans = found_spans(text, words)
    if not spans or len(text) <= before + after + (spans[0][1] - spans[0][0]):
        return text
    a, b = spans[0]
    start, end = max(0, a - before), min(len(text), b + after)
    if start > 0:
        space = text.find(" ", start, a)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", b, end)
        end = space if space != -1 else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")
