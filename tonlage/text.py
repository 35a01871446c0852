"""German text primitives: normalisation, sentence splitting, tokens and lemmas.

Everything downstream (themes, tone, actors) works on the spans and tokens made here,
so sentence offsets always point into the article's cleaned text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from functools import lru_cache

import simplemma

__all__ = [
    "normalise",
    "split_sentences",
    "tokenize",
    "POST_MARKUP",
    "has_post_markup",
    "words_without_markup",
    "MARKUP_GAP",
    "without_markup",
    "lemmatize",
    "theme_lemma",
    "fold_genitive",
    "LemmaTable",
    "LemmaTermTable",
    "genitive_folds",
    "looks_like_crosshead",
    "NAME_PARTICLES",
]

#: Lower-case words inside a person's name ("Ursula von der Leyen", "Lula da Silva", "Mohammed
#: bin Salman"): a byline's name keeps them (tonlage.reading.bylines), a name found in the text is
#: continued by them (tonlage.voices.named), a theme term of a surname joins them
#: (tonlage.themes.terms). "zu" is not one: "Von Tag zu Tag" would read as a name.
NAME_PARTICLES = frozenset(
    ["von", "van", "de", "der", "den", "del", "della", "di", "da", "du", "ter", "ten", "le", "la"]
    + ["al", "el", "bin", "ben", "dos", "do"]
)

# Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
ABBREVIATIONS = frozenset(
    [
        "z",
        "b",
        "bzw",
        "ca",
        "dr",
        "prof",
        "nr",
        "st",
        "vgl",
        "usw",
        "etc",
        "evtl",
        "ggf",
        "inkl",
        "bspw",
        "sog",
        "u",
        "a",
        "o",
        "ä",
        "dt",
        "engl",
        "franz",
        "jr",
        "sen",
        "min",
        "max",
        "mio",
        "mrd",
        "tsd",
        "abs",
        "art",
        "bd",
        "hr",
        "fr",
        "str",
        "tel",
        "geb",
        "gest",
        "jh",
        "jhd",
        "chr",
        "v",
        "n",
        "okt",
        "nov",
        "dez",
        "jan",
        "feb",
        "mär",
        "apr",
        "aug",
        "sep",
        "sept",
        "mr",
        "mrs",
        "ms",
        "co",
        "inc",
        "ltd",
        "gen",
        "lt",
        "col",
        "sgt",
        "wg",
        "bzgl",
        "zzgl",
        "usf",
        "ff",
    ]
)

_EXOTIC_WS = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_MANY_BREAKS = re.compile(r"\n{3,}")
_BOUNDARY = re.compile(r"[.!?…]+[\"'“”»«›‹)\]]*(?=\s+|$)")
_NEXT_START = re.compile(r"\s*[\"'„“»«‹›(\[–—-]*\s*([^\W_]|\d)")

_TOKEN = re.compile(r"[^\W\d_]+(?:[-‑][^\W\d_]+)*-?|\d+(?:[.,:]\d+)*")


def normalise(text: str) -> str:
    """Unicode NFC, unified line breaks, collapsed inner spaces, trimmed lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "")  # soft hyphens break words invisibly
    # str methods instead of regexes with a leading " *": those try a match at every space.
    text = _EXOTIC_WS.sub(" ", text)
    while "  " in text:
        text = text.replace("  ", " ")
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _MANY_BREAKS.sub("\n\n", text).strip()


def _is_false_boundary(text: str, end_punct: int) -> bool:
    """True when the full stop at text[end_punct] belongs to an abbreviation, ordinal or initial."""
    if text[end_punct] != ".":
        return False
    # The word before the full stop, found with str methods (a regex search per candidate
    # full stop was a tenth of all sentence-splitting time).
    cut = end_punct
    while cut > 0 and not text[cut - 1].isalnum():
        cut -= 1
    begin = cut
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
    prev = text[begin:cut]
    if not prev:
        return False
    low = prev.lower()
    if low in ABBREVIATIONS:
        return True
    if len(prev) == 1 and prev.isalpha() and prev.isupper():
        return True  # initials: "Donald J. Trump"
    # "am 23. Oktober", "der 2. Weltkrieg": one- or two-digit numbers before a full stop are
    # ordinals in German news far more often than sentence ends.
    return prev.isdigit() and len(prev) <= 2


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split German text into sentences.

    Args:
        text: Normalised text (see :func:`normalise`).

    Returns:
        ``(start, end)`` character offsets into ``text``, one per sentence, without
        surrounding whitespace. Line breaks always end a sentence (headlines, paragraphs);
        full stops after abbreviations, initials and ordinals ("am 23. Oktober") do not,
        and dates such as 15.08.2025 never split because they contain no space.
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_end = para.span()
        start = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            end = m.end()
            nxt = _NEXT_START.match(text, end, p_end)
            if nxt is None:
                continue  # end of paragraph handled below, or lower-case continuation
            ch = nxt.group(1)
            if ch.islower():
                continue
            if _is_false_boundary(text, m.start()):
                continue
            if text[start:end].strip():
                spans.append(_trim(text, start, end))
            start = end
        if text[start:p_end].strip():
            spans.append(_trim(text, start, p_end))
    return _join_broken_lines(text, spans)


_CLOSED = frozenset(".!?…:\"'“”»«)]")


def _join_broken_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin a sentence that a stray line break cut in two: the first part ends without closing
    punctuation (often on a comma) and the next line starts in lower case."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            p_start, p_end = out[-1]
            if text[p_end - 1] not in _CLOSED and text[start].islower() and not text[p_end:start].strip():
                out[-1] = (p_start, end)
                continue
        out.append((start, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def tokenize(text: str) -> list[str]:
    """Word and number tokens in their surface form ("US-Präsident", "Wirtschafts-", "2025")."""
    return _TOKEN.findall(text)


#: A post's markup, which is no word of its text: an address ("@GRUENE_Hamburg", with the
#: retweet mark before it: "RT @name"), and a link ("http://t.co/…", "www.…"). Not an e-mail
#: address ("presse@spd.de": a letter before the "@"). On 788 political tweets "RT" was the
#: strongest word of the largest theme, and addresses were theme words ("Senficon").
POST_MARKUP = re.compile(r"(?<![\w@])(?:RT\s+)?@\w+|\bhttps?://\S+|\bwww\.\S+")
#: What :func:`words_without_markup` puts where markup stood: no word, so no theme term, and a
#: gap, so that the words on either side are not taken to stand side by side.
MARKUP_GAP = "@"


def has_post_markup(text: str) -> bool:
    """Could ``text`` hold :data:`POST_MARKUP`? (A quick test: most news texts cannot.)"""
    return "@" in text or "://" in text or "www." in text


def without_markup(text: str) -> str:
    """``text`` with each :data:`POST_MARKUP` as a space."""
    return POST_MARKUP.sub(" ", text) if has_post_markup(text) else text


def words_without_markup(sentence: str) -> list[str]:
    """:func:`tokenize` of ``sentence`` with :data:`MARKUP_GAP` where :data:`POST_MARKUP` stood."""
    words: list[str] = []
    last = 0
    for m in POST_MARKUP.finditer(sentence):
        words += _TOKEN.findall(sentence, last, m.start())
        words.append(MARKUP_GAP)
        last = m.end()
    words += _TOKEN.findall(sentence, last)
    return words


@lru_cache(maxsize=500_000)
def lemmatize(token: str) -> str:
    """Dictionary lemma of one German token; compounds with hyphens are lemmatised on their head.

    Cached because news vocabularies are small relative to their token counts.
    """
    if not token or token[0].isdigit():
        return token
    if "-" in token.strip("-"):
        head_start = token.rstrip("-").rfind("-") + 1
        head = token[head_start:]
        return token[:head_start] + (lemmatize(head) if head else "")
    lemma = simplemma.lemmatize(token, lang="de")
    # simplemma lower-cases some capitalised nouns; keep German noun capitalisation.
    if token[0].isupper() and lemma and lemma[0].islower() and lemma.lower() == token.lower():
        return token
    if lemma.replace("ß", "ss") == token:
        return token  # the lemma dictionary knows some words only in pre-1996 spelling
    return lemma


def fold_genitive(lemma: str, vocabulary: frozenset[str] | set[str]) -> str:
    """Fold a proper-noun genitive ("Trumps", "Russlands") onto its stem when the stem is known.

    Args:
        lemma: A lemma as returned by :func:`lemmatize`.
        vocabulary: Capitalised forms seen on their own in the corpus (or in the actor list).
    """
    if len(lemma) > 3 and lemma[0].isupper() and lemma.endswith("s") and not lemma.endswith("ss"):
        stem = lemma[:-1]
        if stem in vocabulary:
            return stem
        if lemma.endswith("es") and lemma[:-2] in vocabulary:
            return lemma[:-2]
    return lemma


def theme_lemma(token: str) -> str:
    """The lemma a theme counts for ``token``: :func:`lemmatize`'s, except that a word written in
    capitals keeps its form. Capitals mark an acronym, a name or a paper naming itself ("sagte er
    dem STANDARD"), not an inflected word: the dictionary made "KURIER" the verb "kurieren",
    "BILD" "bilden" and "SPIEGEL" the noun "Spiegel". (Tone keeps :func:`lemmatize`: a
    shouted "KRISE" is the noun "Krise" there.)"""
    if len(token) > 1 and token.isupper():
        return token
    return lemmatize(token)


class LemmaTable(dict):
    """Token → the lemma a theme counts (:func:`theme_lemma`), filled on first sight.

    A dict lookup is the cheapest per-token operation Python has; news vocabularies are small
    next to their token counts, so almost every lookup is a hit.
    """

    def __missing__(self, token: str) -> str:
        lemma = self[token] = theme_lemma(token)
        return lemma


class LemmaTermTable(dict):
    """Token → ``terms[lemmas[token]]``, filled on first sight: one lookup a token where the
    theme step made two (its lemma, then the lemma's term).

    Args:
        lemmas: Token → lemma (a :class:`LemmaTable`).
        terms: Lemma → theme term or None (a :class:`tonlage.themes.terms.TermTable`).
        watched: Lemmas whose tokens are collected in :attr:`watched_tokens` (the first words of
            multi-word phrases: a sentence holding one needs its lemmas, not only its terms).

    Attributes:
        watched_tokens: The tokens met so far whose lemma is in ``watched``.
    """

    def __init__(self, lemmas: Mapping[str, str], terms: Mapping[str, str | None], watched: AbstractSet[str]):
        super().__init__()
        self.lemmas = lemmas
        self.terms = terms
        self.watched = watched
        self.watched_tokens: set[str] = set()

    def __missing__(self, token: str) -> str | None:
        lemma = self.lemmas[token]
        if lemma in self.watched:
            self.watched_tokens.add(token)
        term = self[token] = self.terms[lemma]
        return term


def genitive_folds(lemmas, vocabulary) -> dict[str, str]:
    """The lemmas among ``lemmas`` that :func:`fold_genitive` changes, mapped to their stem.

    Args:
        lemmas: Lemma types (e.g. every theme term of a corpus).
        vocabulary: Capitalised forms known on their own (corpus-wide, plus actor names).
    """
    folds = {}
    for lemma in lemmas:
        if isinstance(lemma, str):
            folded = fold_genitive(lemma, vocabulary)
            if folded != lemma:
                folds[lemma] = folded
    return folds


#: What ends a line of prose, not a crosshead: sentence and clause marks, closing quotes and
#: brackets, and a question mark ("Was nun?" may be a paragraph of its own as well as a head).
_PROSE_END = tuple(".!?;:,…\"'“”»«’)]")


def looks_like_crosshead(paragraph: str) -> bool:
    """Whether a paragraph of an article is a crosshead between its sections ("Sorge in Kiew
    und bei Verbündeten", "Trump vollzieht Russland-Kehrtwende"): one line of one to ten words
    and at most 80 characters that begins with a capital letter and ends without a mark that
    ends prose. Only the reader view uses it (to set the line in bold); the analysis reads a
    crosshead as any other sentence."""
    p = paragraph.strip()
    if not p or len(p) > 80 or "\n" in p or p.endswith(_PROSE_END):
        return False
    return len(p.split()) <= 10 and p[0].isupper() and any(ch.isalpha() for ch in p[1:])
