"""A theme's name: the words that set it apart (class-based TF-IDF), two or three, none repeating another.

"Putin · Putins" and "EU · EU-Kommission" say one thing twice; :func:`distinct_terms` keeps the
first of such a pair, :func:`readable_label` joins what is left, :func:`distinguishing_order`
leaves out of a name the words most themes share ("Wien" in an Austrian paper's), and
:func:`dedupe_labels` tells apart two themes that would carry the same name.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from scipy import sparse


def class_tfidf(C, shares: np.ndarray) -> np.ndarray:
    """Class-based TF-IDF: how much a term characterises each theme against the others.

    A theme's "class document" is the sum of its articles' (sublinear) term counts, each
    article weighted by its share of the theme. Its weights are the term's frequency in the
    class document times ``log(1 + A / f)``, with ``A`` the mean size of a class document and
    ``f`` the term's frequency over all classes (Grootendorst's c-TF-IDF, with soft membership).

    Args:
        C: Documents × terms counts (sparse), or a list of such matrices (partitions of rows
            in document order).
        shares: Documents × themes, rows summing to 1 (or 0).

    Returns:
        Themes × terms weights (dense).
    """
    sums: list = []
    start = 0
    for P in C if isinstance(C, list) else [C]:  # partitions of rows: their sums add up
        P = sparse.csr_matrix(P, dtype=np.float64, copy=True)
        P.data = 1.0 + np.log(P.data)  # an article repeating a name thirty times is one article
        part = P.T @ shares[start : start + P.shape[0]]
        sums = [part if not sums else sums[0] + part]
        start += P.shape[0]
    T = np.asarray(sums[0].T)  # themes × terms
    size = T.sum(axis=1, keepdims=True)
    tf = np.divide(T, size, out=np.zeros_like(T), where=size > 0)
    freq = T.sum(axis=0)
    avg = size.mean()
    idf = np.log1p(np.divide(avg, freq, out=np.zeros_like(freq), where=freq > 0))
    return tf * idf


def _words(term: str) -> set[str]:
    """The words of a term, case-folded, hyphenated compounds split ("EU-Kommission")."""
    return {w for part in term.casefold().split() for w in part.split("-") if w}


def _inflection_of(a: str, b: str) -> bool:
    """One word is the other plus a short ending ("Putin"/"Putins", "SPÖ"/"SPÖs")."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 2


def _repeats(term: str, chosen: list[str], *, compounds: bool) -> bool:
    """Whether ``term`` says again what a chosen term says: an inflection of it, or (for labels,
    ``compounds``) a shared word or a compound built on it ("Flüchtling"/"Flüchtlingskrise")."""
    mine = _words(term)
    for other in chosen:
        theirs = _words(other)
        if term.casefold() == other.casefold():
            return True
        if len(mine) == 1 and len(theirs) == 1 and _inflection_of(next(iter(mine)), next(iter(theirs))):
            return True
        if compounds:
            if mine & theirs:
                return True
            for a in mine:
                for b in theirs:
                    short, long_ = sorted((a, b), key=len)
                    if _inflection_of(a, b) or (len(short) >= 4 and long_.startswith(short)):
                        return True
    return False


def distinct_terms(terms: list[str]) -> list[str]:
    """Terms without inflected repeats ("Putins" after "Putin"); bigrams stay."""
    out: list[str] = []
    for t in terms:
        if not _repeats(t, out, compounds=False):
            out.append(t)
    return out


#: A word whose weight in a theme is at most this much above a two-word term's holding it
#: stands (nearly) only inside that term: "York" in "New York" (both 0.029 in a theme of the
#: gnad-dev articles, "New" alone 0.053). The label then names the term, not its words.
BOUND = 1.25


def _phrase_words(terms: list[str], weights: list[float]):
    """Each two-word term among ``terms`` (of positive weight), with the single terms that are
    its words and, for each, whether it weighs at most :data:`BOUND` times the term (stands
    (nearly) only inside it): ``(term, [(single, bound), ...])``."""
    weight = dict(zip(terms, weights))
    by_word = {t.casefold(): t for t in terms if " " not in t}
    for term, w in weight.items():
        words = term.split(" ")
        if len(words) != 2 or w <= 0:
            continue
        singles = [s for s in (by_word.get(x.casefold()) for x in words) if s is not None]
        yield term, [(s, weight[s] <= BOUND * w) for s in singles]


def fixed_phrases(terms: list[str], weights: list[float] | None) -> dict[str, str]:
    """The words of ``terms`` to be shown as the two-word term they (nearly) always stand in:
    a bigram among ``terms`` one of whose words weighs at most :data:`BOUND` times the bigram
    is a fixed phrase ("New York", "Friedrich Merz"); each of its two words maps to it."""
    if weights is None:
        return {}
    out: dict[str, str] = {}
    for term, singles in _phrase_words(terms, weights):
        if any(bound for _, bound in singles):
            for s, _ in singles:
                out.setdefault(s, term)
    return out


def shown_terms(terms, weights) -> tuple[list[str], list[float]]:
    """A theme's terms and weights as a list of its words shows them: without a single word
    that stands (nearly) only inside a two-word term among them (weighing at most
    :data:`BOUND` times that term), which says nothing the term does not. A person's theme read
    "Reinhold · Reinhold Mitterlehner · Mitterlehner", a city's "New · New York · York"; now
    "Reinhold Mitterlehner · Mitterlehner" (the surname also stands alone) and "New · New York"
    ("New" weighs twice the term: it stands in other names too). Without weights (an engine
    that kept none), the terms as they are."""
    terms, weights = list(terms), list(weights or ())
    if len(weights) != len(terms):
        return terms, weights
    inside = {s for _, singles in _phrase_words(terms, weights) for s, bound in singles if bound}
    kept = [i for i, t in enumerate(terms) if t not in inside]
    return [terms[i] for i in kept], [weights[i] for i in kept]


def readable_label(terms: list[str], n: int = 3, weights: list[float] | None = None) -> str:
    """Top terms joined with " · ", skipping a term that repeats a chosen one (shares a word
    with it, is an inflection of it, or a compound built on it), so labels read
    "Anchorage · Gipfel · Weltordnung", not "Gipfel · Gipfel Anchorage · Anchorage" or
    "Putin · Putins". With the terms' ``weights``, a word that stands only in a fixed phrase
    is shown as that phrase (:func:`fixed_phrases`): "New York · Dollar", not "New · York ·
    Dollar"."""
    phrase = fixed_phrases(terms, weights)
    chosen: list[str] = []
    for term in terms:
        term = phrase.get(term, term)
        if _repeats(term, chosen, compounds=True):
            continue
        chosen.append(term)
        if len(chosen) == n:
            break
    return " · ".join(chosen) if chosen else "(no terms)"


#: A term in the word lists of more than this share of the themes (and of more than two) is
#: shared: it says little about any one theme (see :func:`distinguishing_order`).
SHARED_SHARE = 0.2


def distinguishing_order(
    terms: list[tuple[str, ...]], weights: list[tuple[float, ...]]
) -> list[tuple[list[str], list[float]]]:
    """Each theme's terms and weights in the order its name draws on them: a term shared by
    the word lists of more than :data:`SHARED_SHARE` of the themes (and more than two) goes
    to the end of every list but that of the theme that weighs it most. At 100,000 articles
    of an Austrian paper ten of 25 names held "Wien" and six "Österreich" ("Wien · Österreich
    · Euro", "Euro · Million · Wien"); a reader could not tell them apart. The word lists stay
    as they are; only the names skip what every theme shares, and a theme with too few words of
    its own still takes the shared ones after them."""
    limit = max(2, math.ceil(SHARED_SHARE * len(terms)))
    lists = Counter(t for ts in terms for t in set(ts))
    strongest: dict[str, tuple[float, int]] = {}
    for i, (ts, ws) in enumerate(zip(terms, weights)):
        for term, w in zip(ts, ws):
            if lists[term] > limit and (term not in strongest or w > strongest[term][0]):
                strongest[term] = (w, i)
    out = []
    for i, (ts, ws) in enumerate(zip(terms, weights)):
        # a stable sort: the theme's own terms first, then the shared ones, each in their order
        later = [t in strongest and strongest[t][1] != i for t in ts]
        order = sorted(range(len(ts)), key=later.__getitem__)
        out.append(([ts[j] for j in order], [ws[j] for j in order]))
    return out


def dedupe_labels(labels: list[str], terms: list[tuple[str, ...]]) -> list[str]:
    """Two themes whose labels have the same words, in any order, get the next term of the
    later one that its label lacks appended ("Land · Österreich · Wien" and "Wien · Österreich
    · Land · Euro", from the 100,000-article bench); the same words in another order read as
    the same theme."""
    seen: dict[frozenset[str], int] = {}
    out = []
    for label, t in zip(labels, terms):
        words = frozenset(label.split(" · "))
        if words in seen:
            extra = next((x for x in t if x not in words and not _repeats(x, list(words), compounds=True)), None)
            label = f"{label} · {extra if extra is not None else seen[words] + 1}"
            words = frozenset(label.split(" · "))
        seen[words] = seen.get(words, 0) + 1
        out.append(label)
    return out
