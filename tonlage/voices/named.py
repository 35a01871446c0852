"""The people a corpus names most often: whom a reader may want to follow besides the actor list.

A news text introduces a person by the full name ("Angela Merkel") and then uses the surname
alone ("sagte Merkel", "mit Merkel"). The full names are the runs of capitalised words that
:class:`~tonlage.voices.people.People` reads as names; one counts for an article only with
evidence that it is a person there: the surname used alone elsewhere in the article (not after
an article or a capitalised word), or a role before the name ("Kanzlerin Angela Merkel").
Capitalised runs that are places or things ("New York", "Sturm Graz", "Lange Zeit") seldom
have that evidence; a name whose last word follows "in", "nach" or "aus" more often than it
stands alone is a place ("in Graz") and left out.

Judged by hand on the 509 gnad-dev articles split in two halves by the md5 of the file name
(``python -m bench.named_people``): of the 25 names found most often in each half, 24 and 25
were people (the other: a football club).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..actors import ActorMatcher
from ..text import NAME_PARTICLES, split_sentences
from .lexicon import DETERMINERS, FUNCTION_WORDS, FUSED, PREPOSITIONS
from .names import no_given_name, person_name, prev_token
from .people import People
from .sentences import Sentences

__all__ = ["NAMED_CHARS", "PLACE_WORDS", "NamedPerson", "count_named_people", "name_key", "names_in_text"]

#: The characters of an article read for names: a long news article is 20,000 or fewer, and the
#: checks look for each name's surname through the text, so a hostile 1.2 MB text of nothing but
#: names took 26 s (this cap: well under a second).
NAMED_CHARS = 20_000
#: A word before a name that makes it a place ("in Graz", "nach Wien", "aus New York").
PLACE_WORDS = frozenset({"in", "nach", "aus"})
#: Name particles that continue a name in lower case ("Alexander Van der Bellen"); "zu" too
#: ("Karl-Theodor zu Guttenberg"), which a byline cannot take.
_PARTICLES = re.compile(
    r"((?: (?:" + "|".join(sorted(NAME_PARTICLES | {"zu"}, key=lambda w: (-len(w), w))) + r"))+ [A-ZÄÖÜ][^\W\d_]+)"
)


@dataclass
class NamedPerson:
    """One person over a corpus: the articles that name them with evidence, the forms used."""

    surname: str = ""  # as first found: "Merkel", "Van der Bellen"
    articles: int = 0
    forms: Counter = field(default_factory=Counter)
    alone: int = 0  # the surname used alone (after a verb, a preposition, a comma)
    places: int = 0  # the surname after "in", "nach", "aus"


def _surname_uses(text: str, surname: str, given: str) -> tuple[int, int]:
    """How often ``surname`` stands alone in ``text`` (not after ``given``, an article or a
    capitalised word other than a preposition or function word; a genitive -s counts), and how
    often it follows a place word."""
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
    return alone, places


def names_in_text(
    text: str, matcher: ActorMatcher, memo: dict[str, str] | None = None
) -> list[tuple[str, str, int, int]]:
    """The full names of people ``text`` uses with evidence, each once, in text order:
    ``(name, surname, alone, places)`` where ``alone`` counts the surname's uses alone and ``places``
    its uses after a place word (a role before the name counts as one use alone). Names the
    ``matcher`` knows as an actor are left out. Only the first :data:`NAMED_CHARS` characters
    are read."""
    text = text[:NAMED_CHARS]
    people = People(Sentences(text, split_sentences(text)), matcher, memo)
    roles = {r[2] for r in people.roles}
    out: list[tuple[str, str, int, int]] = []
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
        if alone or places:
            out.append((name, surname, alone, places))
    return out


def name_key(name: str) -> str:
    """One person under one key: "Hans-Jörg Schelling" and "Hans Jörg Schelling" are one."""
    return " ".join(name.replace("-", " ").casefold().split())


def count_named_people(texts: Iterable[str], matcher: ActorMatcher, *, min_articles: int = 2) -> dict[str, NamedPerson]:
    """The people ``texts`` name (:func:`names_in_text`), by :func:`name_key`: those named with
    evidence in at least ``min_articles`` texts whose surname stands alone at least as often as
    after a place word."""
    found: dict[str, NamedPerson] = {}
    memo: dict[str, str] = {}
    for text in texts:
        for name, surname, alone, places in names_in_text(text, matcher, memo):
            p = found.setdefault(name_key(name), NamedPerson(surname))
            p.forms[name] += 1
            p.alone += alone
            p.places += places
            p.articles += alone > 0
    return {k: p for k, p in found.items() if p.articles >= min_articles and p.alone >= p.places}
