"""The people a corpus names most often: whom a reader may want to follow besides the actor list.

A news text introduces a person by the full name ("Angela Merkel") and then uses the surname
alone ("sagte Merkel", "mit Merkel"). The full names are the runs of capitalised words that
:class:`~tonlage.voices.people.People` reads as names; one counts for an article only with
evidence that it is a person there: the surname used alone elsewhere in the article (not after
an article or a capitalised word, unless that is a role or a form of address: "Kanzlerin
Merkel", "Frau Merkel"), or a role before the name ("Kanzlerin Angela Merkel").
Capitalised runs that are places or things ("New York", "Sturm Graz", "Lange Zeit") seldom
have that evidence; a name whose last word follows "in", "nach" or "aus" more often than it
stands alone is a place ("in Graz") and left out.

Short texts (posts, headlines, teasers) seldom give the full name and the surname in the same
text: of 788 political tweets, 56 name Merkel, mostly "Merkel" or "#Merkel" alone, and 3 give
"Angela Merkel" with a second use. So the evidence is also looked for across the corpus: once a
full name is given in two texts or more and both its words read as a name over the corpus
(:func:`name_like`), the surname standing alone in another text (by the same rules) counts for
that text. A person's articles are then the texts that give the full name or use the surname
alone: a little fewer than the Actors page finds once the person is added, which also counts
"die Merkel" (on those tweets 48 of 52 for Merkel, 17 of 19 for Steinbrück).

Judged by hand on the 509 gnad-dev articles split in two halves by the md5 of the file name
(``python -m bench.named_people``): of the 25 names found most often in each half, 24 and 25
were people (the other: a football club).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..actors import ActorMatcher, trie_pattern
from ..text import NAME_PARTICLES, split_sentences
from .lexicon import DETERMINERS, FUNCTION_WORDS, FUSED, PREPOSITIONS
from .names import no_given_name, person_name, prev_token, role_head
from .people import People
from .sentences import Sentences

__all__ = [
    "NAMED_CHARS",
    "NAME_AFTER_ARTICLE",
    "NAME_AFTER_PLACE_WORD",
    "HONORIFICS",
    "PLACE_WORDS",
    "NamedPerson",
    "count_named_people",
    "name_key",
    "name_like",
    "names_in_text",
]

#: The characters of an article read for names: a long news article is 20,000 or fewer, and the
#: checks look for each name's surname through the text, so a hostile 1.2 MB text of nothing but
#: names took 26 s (this cap: well under a second).
NAMED_CHARS = 20_000
#: A form of address before a surname: the person it names ("Frau Merkel", "Herrn Schulz").
HONORIFICS = frozenset({"frau", "herr", "herrn"})
#: A word before a name that makes it a place ("in Graz", "nach Wien", "aus New York").
PLACE_WORDS = frozenset({"in", "nach", "aus"})
#: A word read as a name across a corpus is written in lower case, and follows an article or a
#: determiner, in at most one use in this many each: a noun follows an article in most of its
#: uses ("die Zeit", "der Hochschule"); "die Merkel" and "merkel" are written, but seldom (2 and
#: 1 of 46 uses in 788 political tweets; "der Steinbrück" 1 of 9).
NAME_AFTER_ARTICLE = 5
#: ... and follows "in", "nach" or "aus" in at most one use in this many: a place does often
#: ("in Wien"; "in Salzburg" 10 of 47 uses in 509 news articles), a person hardly ever.
NAME_AFTER_PLACE_WORD = 10
#: Name particles that continue a name in lower case ("Alexander Van der Bellen"); "zu" too
#: ("Karl-Theodor zu Guttenberg"), which a byline cannot take.
_PARTICLES = re.compile(
    r"((?: (?:" + "|".join(sorted(NAME_PARTICLES | {"zu"}, key=lambda w: (-len(w), w))) + r"))+ [A-ZÄÖÜ][^\W\d_]+)"
)


@dataclass
class NamedPerson:
    """One person over a corpus: the articles that name them with evidence, the forms used."""

    surname: str = ""  # as first found: "Merkel", "Van der Bellen"
    articles: int = 0  # texts giving the full name or the surname alone (set by count_named_people)
    forms: Counter = field(default_factory=Counter)
    alone: int = 0  # the surname used alone (after a verb, a preposition, a comma)
    places: int = 0  # the surname after "in", "nach", "aus"
    given: str = ""  # the word before the surname in the name as first found ("Angela")
    full: set[int] = field(default_factory=set)  # the texts (by position) giving the full name
    evident: set[int] = field(default_factory=set)  # the texts using the surname alone


def _surname_uses(text: str, surname: str, given: str) -> tuple[int, int]:
    """How often ``surname`` stands alone in ``text`` (not after ``given``, an article or a
    capitalised word other than a preposition, a function word, a role noun or a form of
    address; a genitive -s counts), and how often it follows a place word."""
    alone = places = 0
    n, pos = len(text), 0
    while (a := text.find(surname, pos)) >= 0:
        pos = b = a + len(surname)
        if b < n and text[b] in "s'’" and (b + 1 == n or not text[b + 1].isalnum()):
            b += 1  # a genitive: "Merkels"
        if (a and (text[a - 1].isalnum() or text[a - 1] == "-")) or (b < n and (text[b].isalnum() or text[b] == "-")):
            continue  # inside a word
        prev = prev_token(text, a)
        low = prev.lower()
        if low in PLACE_WORDS:
            places += 1
        elif prev == given or low in DETERMINERS or low in FUSED:
            continue
        elif not (prev[:1].isupper() and prev.isalpha()) or low in PREPOSITIONS or low in FUNCTION_WORDS:
            alone += 1  # after a verb, a comma, or a sentence's first word ("Für Schelling ist …")
        elif low in HONORIFICS or role_head(prev):
            alone += 1  # a role or a form of address names the person: "Kanzlerin Merkel", "Frau Merkel"
    return alone, places


def names_in_text(
    text: str, matcher: ActorMatcher, memo: dict[str, str] | None = None
) -> list[tuple[str, str, int, int]]:
    """The full names of people ``text`` uses with evidence, each once, in text order:
    ``(name, surname, alone, places)`` where ``alone`` counts the surname's uses alone and ``places``
    its uses after a place word (a role before the name counts as one use alone). Names the
    ``matcher`` knows as an actor are left out. Only the first :data:`NAMED_CHARS` characters
    are read."""
    return [
        (name, surname, alone, places)
        for name, surname, _, alone, places in _full_names(text, matcher, memo)
        if alone or places
    ]


def _full_names(text: str, matcher: ActorMatcher, memo: dict[str, str] | None) -> list[tuple[str, str, str, int, int]]:
    """Every full name of a person ``text`` uses, with or without evidence, each once:
    ``(name, surname, given, alone, places)`` (``given``: the word before the surname), as
    :func:`names_in_text` reads them."""
    text = text[:NAMED_CHARS]
    people = People(Sentences(text, split_sentences(text)), matcher, memo)
    roles = {r[2] for r in people.roles}
    out: list[tuple[str, str, str, int, int]] = []
    seen: set[str] = set()
    for offset, found in people.mentions:
        name = person_name(found)
        if " " not in name or name in seen:
            continue
        seen.add(name)
        words = name.split(" ")
        # "Thomas de Maizière", "Alexander Van der Bellen" (People reads them whole): the surname
        # from the first particle on
        k = next((i for i in range(1, len(words) - 1) if words[i].lower() in NAME_PARTICLES), 0)
        given, surname = (" ".join(words[:k]), " ".join(words[k:])) if k else name.rsplit(" ", 1)
        first = given.split(" ", 1)[0]
        if no_given_name(first):
            continue  # "Islamischer Staat", "Brüchige Waffenruhe", "Ist Syrien": no given name
        at = text.find(name, offset)
        more = _PARTICLES.match(text, at + len(name)) if at >= 0 else None
        if more:  # "Alexander Van" + " der Bellen": the surname is "Van der Bellen"
            surname = f"{surname}{more.group(1)}"
            name = f"{given} {surname}"
        given = given.rsplit(" ", 1)[-1]  # the word right before the surname
        if people.actor(name) or people.actor(surname):
            continue
        alone, places = _surname_uses(text, surname, given)
        alone += found in roles or name in roles
        out.append((name, surname, given, alone, places))
    return out


def name_key(name: str) -> str:
    """One person under one key: "Hans-Jörg Schelling" and "Hans Jörg Schelling" are one."""
    return " ".join(name.replace("-", " ").casefold().split())


def count_named_people(texts: Iterable[str], matcher: ActorMatcher, *, min_articles: int = 2) -> dict[str, NamedPerson]:
    """The people ``texts`` name, by :func:`name_key`, kept when named with evidence in at least
    ``min_articles`` texts and their surname stands alone at least as often as after a place word.

    Every full name a text gives is read (:func:`names_in_text`, with or without evidence
    there). Where the full name is given in at least ``min_articles`` texts and both its words
    read as a name over the corpus (:func:`name_like`), the surname standing alone in the other
    texts is evidence too, and ``articles`` counts the texts giving the full name or the surname
    alone. Otherwise only the texts giving the full name are read, and ``articles`` counts those
    with evidence: "Hochschule Wien" is given once, and every "Wien" is not that name."""
    texts = [text[:NAMED_CHARS] for text in texts]
    found: dict[str, NamedPerson] = {}
    memo: dict[str, str] = {}
    for i, text in enumerate(texts):
        for name, surname, given, alone, places in _full_names(text, matcher, memo):
            p = found.setdefault(name_key(name), NamedPerson(surname, given=given))
            p.forms[name] += 1
            p.alone += alone
            p.places += places
            p.full.add(i)
            if alone:
                p.evident.add(i)
    given_often = {k: p for k, p in found.items() if len(p.full) >= min_articles}  # (few: one pass reads them)
    names = name_like(texts, {w for p in given_often.values() for w in (p.given, _last(p.surname))})
    read_on = {k: p for k, p in given_often.items() if p.given in names and _last(p.surname) in names}
    _surnames_alone(texts, read_on)
    kept = {}
    for key, p in found.items():
        if len(p.evident) >= min_articles and p.alone >= p.places:
            p.articles = len(p.full | p.evident) if key in read_on else len(p.evident)
            kept[key] = p
    return kept


def _last(surname: str) -> str:
    return surname.rsplit(" ", 1)[-1]


def name_like(texts: list[str], words: set[str]) -> set[str]:
    """Those of the capitalised ``words`` that ``texts`` use as names: written in lower case
    ("lange", "viel": adjectives that open a sentence; a hashtag "#merkel" is not counted) and
    after an article or determiner ("die Zeit", "der Hochschule": nouns) in at most one use in
    :data:`NAME_AFTER_ARTICLE` each, and after a place word ("in Wien") in at most one in
    :data:`NAME_AFTER_PLACE_WORD`."""
    if not words:
        return set()
    uses: Counter = Counter()
    lower: Counter = Counter()
    after: Counter = Counter()
    placed: Counter = Counter()
    forms = words | {w.lower() for w in words}
    pattern = re.compile(rf"(?<![\w#@-])({trie_pattern(forms)})(?![\w-])")  # not "#merkel"
    for text in texts:
        for m in pattern.finditer(text):
            w = m.group(1)
            if w in words:
                uses[w] += 1
                prev = prev_token(text, m.start()).lower()
                after[w] += prev in DETERMINERS
                placed[w] += prev in PLACE_WORDS
            else:
                lower[w] += 1
    return {
        w
        for w in words
        if uses[w]
        and max(lower[w.lower()], after[w]) * NAME_AFTER_ARTICLE <= uses[w]
        and placed[w] * NAME_AFTER_PLACE_WORD <= uses[w]
    }


def _surnames_alone(texts: list[str], found: dict[str, NamedPerson]) -> None:
    """Each person's surname used alone in the texts that do not give the full name (by the
    rules of :func:`names_in_text`): added to their ``evident`` texts, ``alone`` and ``places``.
    One pattern of every surname finds the texts worth reading closely."""
    by_surname: dict[str, list[NamedPerson]] = {}
    for p in found.values():
        by_surname.setdefault(p.surname, []).append(p)
    if not by_surname:
        return
    pattern = re.compile(rf"(?<![\w-])({trie_pattern(by_surname)})")
    for i, text in enumerate(texts):
        for surname in set(pattern.findall(text)):
            for p in by_surname.get(surname, ()):
                if i in p.full:
                    continue
                alone, places = _surname_uses(text, surname, p.given)
                p.alone += alone
                p.places += places
                if alone:
                    p.evident.add(i)
