"""Words the corpus holds that are close to a word it does not: what the app offers when a
search ("Containing words", :mod:`tonlage.search`) finds nothing.

A reader who types "Selensky" where the texts write "Selenskyj", or "Waffenruh" for
"Waffenruhe", gets no article and, before this, only the advice to check the spelling. Here the
corpus's own words are looked through for those a few letters away (:class:`CloseWords`), and
:func:`respellings` turns them into queries to try instead: each unknown word replaced by a
close word of the corpus, a phrase taken apart into words each found anywhere in the article
("Trump Putin", whose words may never stand side by side: "Trump + Putin"), and a word that
begins longer words given a star ("Waffenruh*").
The app counts each query's articles in view and offers those that find some. A word with a
hyphen or dot ("US-Aussenministr") is looked at part by part, as the search and the word indexes
read it (:func:`~tonlage.search.runs_of`): "US-Außenminister".

A name is also looked up in the actor list (:func:`actors_meant`): "Selensky" is a spelling the
list gives for Selenskyj, whom the texts write "Selenskyj" and "Zelensky"; the sidebar's
"Mentioning" finds him in every spelling, where the search finds one.

Words are compared as the search compares them: upper and lower case alike, "ß" as "ss". The
distance is the number of letters left out, added, changed or swapped with their neighbour
(optimal string alignment, RapidFuzz): one for words of four or five letters, two from six on,
none below (a short word has too many neighbours to guess from). Among words equally far, the
one in more texts comes first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .query import Term, parse_words, parts_of, query_of, runs_of

__all__ = ["CloseWords", "Respelling", "actors_meant", "fold", "max_distance", "respellings", "unfound"]

#: The close words looked at for each unknown word (the nearest, then the most used).
NEAR_KEPT = 5

#: Words a phrase taken apart leaves out (articles, common prepositions and conjunctions:
#: nearly every German text holds them, so they would narrow nothing down).
# fmt: off
FUNCTION_WORDS = frozenset((
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "und", "oder", "aber", "in", "im", "ins", "an", "am", "auf", "aus", "bei", "beim", "mit",
    "nach", "von", "vom", "zu", "zum", "zur", "für", "über", "unter", "vor", "um", "gegen", "ohne",
    "durch", "bis", "seit", "zwischen", "als", "wie",
))
# fmt: on


def fold(word: str) -> str:
    """``word`` as the search compares it: lower case, "ß" as "ss"."""
    return word.lower().replace("ß", "ss")


def max_distance(word: str) -> int:
    """How many edits away a suggestion for ``word`` may be: none under four letters, one for
    four or five, two from six."""
    n = len(word)
    return 0 if n < 4 else 1 if n < 6 else 2


class CloseWords:
    """The distinct words of a corpus's texts and headlines, folded (:func:`fold`), each with a
    way it is written there and the number of texts holding it.

    Made from word indexes (:class:`tonlage.search.word_index.PartIndex`: their words and, from their
    postings, how many texts hold each) so that a corpus that has them reads no text again."""

    def __init__(self, indexes: Sequence) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        held = [index for index in indexes if index is not None and len(index.words)]
        if not held:
            held_words = pa.array([], pa.large_string())
            counts = np.zeros(0, np.int64)
        else:
            held_words = pa.concat_arrays([index.words.cast(pa.large_string()) for index in held])
            counts = np.concatenate([np.diff(index.starts) for index in held]).astype(np.int64)
        folded = pc.replace_substring(pc.utf8_lower(held_words), pattern="ß", replacement="ss")
        encoded = pc.dictionary_encode(folded)
        ids = encoded.indices.to_numpy(zero_copy_only=False)
        #: The distinct folded words.
        self.words = encoded.dictionary
        #: How many texts hold each (a text of two parts' indexes, text and headline, counts twice).
        self.texts = np.bincount(ids, weights=counts, minlength=len(self.words)).astype(np.int64)
        # A way each is written: one not all in capitals where there is one (a headline's
        # "SELENSKYJ" is not how the texts write the name), else the first.
        capitals = pc.utf8_is_upper(held_words).to_numpy(zero_copy_only=False).astype(np.int8)
        order = np.lexsort((capitals, ids))
        first = order[np.r_[True, ids[order][1:] != ids[order][:-1]]] if len(ids) else order
        self.written = held_words.take(pa.array(first))
        self._lengths = pc.utf8_length(self.words).to_numpy(zero_copy_only=False)

    def __len__(self) -> int:
        return len(self.words)

    def holds(self, word: str) -> bool:
        """Whether the corpus holds ``word`` (compared folded)."""
        import pyarrow.compute as pc

        return bool(pc.any(pc.equal(self.words, fold(word))).as_py())

    def matches(self, word: str, open_start: bool = False, open_end: bool = False) -> bool:
        """Whether some word of the corpus is ``word`` (compared folded), or, with a star at a
        side (``open_start``, ``open_end``), goes on beyond it there."""
        import pyarrow.compute as pc

        folded = fold(word)
        if not (open_start or open_end):
            return self.holds(word)
        if open_start and open_end:
            hit = pc.match_substring(self.words, pattern=folded)
        else:
            hit = (pc.starts_with if open_end else pc.ends_with)(self.words, pattern=folded)
        return bool(pc.any(hit).as_py())

    def begins_longer(self, word: str) -> bool:
        """Whether some longer word of the corpus begins with ``word`` (what ``word*`` finds
        besides ``word``)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        folded = fold(word)
        longer = self._lengths > len(folded)
        if not longer.any():
            return False
        return bool(pc.any(pc.starts_with(self.words.filter(pa.array(longer)), pattern=folded)).as_py())

    def near(self, word: str, limit: int = NEAR_KEPT) -> list[tuple[str, int, int]]:
        """The corpus's words close to ``word`` (:func:`max_distance`), nearest first, then
        those in more texts: (as written, edits away, texts holding it), at most ``limit``."""
        import pyarrow as pa
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        folded = fold(word)
        k = max_distance(folded)
        if k == 0 or not len(self.words):
            return []
        window = np.flatnonzero(np.abs(self._lengths - len(folded)) <= k)
        if not len(window):
            return []
        choices = self.words.take(pa.array(window)).to_pylist()
        found = process.extract(folded, choices, scorer=OSA.distance, score_cutoff=k, limit=None)
        ranked = sorted(
            ((int(d), -int(self.texts[window[i]]), choices[i], int(window[i])) for _, d, i in found if d > 0),
        )
        return [(self.written[at].as_py(), d, -n) for d, n, _, at in ranked[:limit]]


@dataclass(frozen=True)
class Respelling:
    """A query to try instead of one that found nothing: its text (as the sidebar's box takes
    it), and the words in it that changed, as (typed, offered) pairs."""

    query: str
    changes: tuple[tuple[str, str], ...]

    @property
    def adds_star(self) -> bool:
        """Whether it only gives words a star (respells none)."""
        return all(offered == typed + "*" for typed, offered in self.changes)

    @property
    def respells(self) -> bool:
        """Whether it writes a word otherwise than the reader typed it: not only a star given,
        nor only a phrase taken apart (a phrase's change holds a space, a word's none)."""
        return any(offered != typed + "*" and " " not in typed for typed, offered in self.changes)


def _written_like(typed: str, offered: str) -> str:
    """``offered`` in the case the reader typed: all lower case, or all capitals, where they
    typed so; else as the corpus writes it."""
    if typed.islower():
        return offered.lower()
    if typed.isupper() and len(typed) > 1:
        return offered.upper()
    return offered


def _unknown_words(terms: Sequence[Term], close: CloseWords) -> list[tuple[int, int, int]]:
    """(term, word, part) of each run of letters and digits in ``terms`` (a word like
    "EU-Kommission" or "U.S." has several: :func:`~tonlage.search.runs_of`) that no word of the
    corpus matches, with its term's star at that side: no article can hold the term."""
    return [
        (i, j, k)
        for i, term in enumerate(terms)
        for j, k, run, open_start, open_end in runs_of(term)
        if not close.matches(run, open_start, open_end)
    ]


def unfound(query: str, close: CloseWords) -> tuple[str, ...]:
    """The terms of ``query`` that no article of the corpus can hold: those with a word the
    corpus does not have (as the search reads it), as the reader typed them."""
    terms = parse_words(query)[0]
    return tuple(dict.fromkeys(terms[i].text for i, _, _ in _unknown_words(terms, close)))


def respellings(query: str, close: CloseWords, limit: int = 6) -> list[Respelling]:
    """Queries to try instead of ``query`` (see the module's account), likeliest first, at most
    ``limit``; none when every word is in the corpus and none can take a star.

    - First, every word the corpus does not hold replaced by its nearest close word; then the
      first such word's other close words (the rest replaced as before).
    - Then the first of these (or ``query`` itself) with each phrase taken apart, its words
      joined by ``+`` (:func:`_apart`): a phrase whose words never stand side by side finds
      nothing, where the words themselves may.
    - Then, for each term of one word without a star at its end, the same word with one, where
      the corpus holds longer words that begin with it."""
    terms = list(parse_words(query)[0])
    unknown: dict[tuple[int, int, int], list[str]] = {}  # (term, word, part) -> close words, nearest first
    for i, j, k in _unknown_words(terms, close):
        part = parts_of(terms[i].words[j])[k]
        offered = [_written_like(part, w) for w, _, _ in close.near(part)]
        if offered:
            unknown[i, j, k] = offered

    def replaced(choice: dict[tuple[int, int, int], str]) -> Respelling:
        out, changes = [], []
        for i, term in enumerate(terms):
            words = list(term.words)
            for j, word in enumerate(words):
                parts = parts_of(word)
                for k in range(1, len(parts), 2):
                    parts[k] = choice.get((i, j, k), parts[k])
                if "".join(parts) != word:
                    words[j] = "".join(parts)
                    changes.append((word, words[j]))
            out.append(replace(term, words=tuple(words)))
        return Respelling(query_of(out), tuple(changes))

    found: list[Respelling] = []
    best: dict[tuple[int, int, int], str] = {}
    if unknown:
        best = {at: words[0] for at, words in unknown.items()}
        found.append(replaced(best))
        first = next(iter(unknown))
        for other in unknown[first][1:]:
            found.append(replaced({**best, first: other}))
    respelled = replaced(best)
    apart = _apart(parse_words(respelled.query)[0])
    if apart is not None:
        found.append(Respelling(apart.query, respelled.changes + apart.changes))
    for i, term in enumerate(terms):
        parts = parts_of(term.words[-1])
        if (
            len(term.words) == 1
            and not term.open_end
            and not parts[-1]  # a star after a dot ("U.S.*") would find no longer word
            and close.begins_longer(parts[-2])
        ):
            starred = [*terms[:i], replace(term, open_end=True), *terms[i + 1 :]]
            found.append(Respelling(query_of(starred), ((term.text, term.text + "*"),)))
    unique: dict[str, Respelling] = {}
    for r in found:
        if r.query != query_of(terms):
            unique.setdefault(r.query, r)
    return list(unique.values())[:limit]


def _apart(terms: Sequence[Term]) -> Respelling | None:
    """``terms`` with each phrase taken apart: its words joined by ``+``, each found anywhere in
    the article, the phrase's stars kept at its ends ("Treffen in Alaska": "Treffen +
    Alaska": :data:`FUNCTION_WORDS` left out). None when no phrase keeps two words ("Die
    Zeit" stays a phrase)."""
    out: list[Term] = []
    changes: list[tuple[str, str]] = []
    for term in terms:
        kept = [(i, w) for i, w in enumerate(term.words) if w.lower() not in FUNCTION_WORDS]
        if len(kept) < 2:
            out.append(term)
            continue
        last = len(term.words) - 1
        words = [
            Term((w,), i == 0 and term.open_start, i == last and term.open_end, joined=term.joined or k > 0)
            for k, (i, w) in enumerate(kept)
        ]
        out.extend(words)
        changes.append((term.text, query_of(words)))
    return Respelling(query_of(out), tuple(changes)) if changes else None


def actors_meant(query: str, actors: Sequence) -> list[str]:
    """The actors (:class:`tonlage.actors.Actor`) one of whose names or spellings is ``query``,
    or close to it (:func:`max_distance`), taken whole: one term without a star. Their names,
    nearest first, then in the list's order."""
    from rapidfuzz.distance import OSA

    terms = parse_words(query)[0]
    if len(terms) != 1 or terms[0].open_start or terms[0].open_end:
        return []
    typed = fold(" ".join(terms[0].words))
    k = max_distance(typed)
    found = []
    for at, actor in enumerate(actors):
        d = min((OSA.distance(typed, fold(alias), score_cutoff=k) for alias in actor.aliases), default=k + 1)
        if d <= k:
            found.append((d, at, actor.name))
    return [name for _, _, name in sorted(found)]
