"""A role as a mention: "der US-Präsident" counts for the person the article gives that role.

The actor list finds people by their names (:class:`tonlage.actors.ActorMatcher`). German news
names an office holder once and then often by the office alone: "US-Präsident Donald Trump …
Der US-Präsident erkannte …". Who holds an office depends on the date and the country, so no
list can map "US-Präsident" to a person; the article itself does: a role written right before a
tracked person's name ("US-Präsident Donald Trump", "der russische Außenminister Sergej
Lawrow", "Innenministerin Anna Roth") pairs that role with that person for the article. Every
other "der/dem/des … US-Präsident(en)" in the same article is then a mention of that person.

Only roles one person holds at a time count (``leader_head`` of ``tonlage/voices/data/roles.tsv``:
"Präsident", "Kanzlerin", "Außenminister", "Kremlchef" …; not "Experte" or "Sprecher"), and only:

- with the definite article before it, or before its adjective ("der US-Präsident", "dem
  russischen Außenminister"), not "ein Präsident" or "sein Minister";
- when the article pairs that role (with the same adjective, or the role alone) with one person
  only: an article with "Präsident Putin" and "Präsident Selenskyj" leaves "der Präsident" to
  nobody;
- not after a word that makes it someone else's ("der frühere US-Präsident", ``not_current``);
- not when a name follows (then it is a pairing itself, or someone else's: "der US-Präsident
  Biden"), nor a genitive that says whose office it is ("der Präsident der Vereinigten Staaten").

The role's mention is the role word itself ("US-Präsidenten"), so the sentence it stands in counts
for that person wherever mentions count (how often someone is named, the tone around them).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from ..voices.lexicon import DEFINITE, DETERMINERS, LEADER_HEADS, NOT_CURRENT
from ..voices.names import role_head

__all__ = ["role_mentions"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W\d_][\w\-‑]*")
_ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")
_CASE_ENDINGS = ("", "en", "n", "es", "s")
#: How far before a name its role may stand ("dem russischen Außenminister Sergej " is 40).
_LOOK_BACK = 80


def _role(word: str) -> str:
    """The role ``word`` is, without its case ending ("US-Präsidenten" → "US-Präsident"), when
    it is a capitalised role one person holds; else ""."""
    if not word[:1].isupper():
        return ""
    for ending in _CASE_ENDINGS:
        if ending and not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)] if ending else word
        if role_head(stem) in LEADER_HEADS:
            return stem
    return ""


def _adjective(word: str) -> str:
    """The stem of an inflected adjective ("russischen" → "russisch"), or "" for any other word."""
    if not word.islower() or word in DETERMINERS:
        return ""
    for ending in _ADJECTIVE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return ""


def _pairings(text: str, mentions: list[tuple[str, str, int, int]], kinds: Mapping[str, str]) -> dict:
    """(adjective stem or "", role) → the people the article writes that role before."""
    pairs: dict[tuple[str, str], set[str]] = {}
    for actor, alias, start, _end in mentions:
        if kinds.get(actor) != "person":
            continue
        before = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, max(0, start - _LOOK_BACK), start)]
        own = _role(alias.split(" ", 1)[0]) if " " in alias else ""
        if own:  # the list's own alias holds the role: "US-Präsident Trump"
            role, k = own, len(before)
        else:
            if not before or text[before[-1][2] : start].strip():
                continue
            k = len(before) - 1
            role = _role(before[k][0])
            if not role and k and not text[before[k - 1][2] : before[k][1]].strip():
                k -= 1  # a first name the list does not hold: "Außenminister Sergey Lawrow"
                role = _role(before[k][0])
        if not role:
            continue
        first = before[k - 1][0] if k else ""
        if first in NOT_CURRENT:
            continue
        for key in {(_adjective(first), role), ("", role)}:
            pairs.setdefault(key, set()).add(actor)
    return pairs


def role_mentions(
    text: str, mentions: list[tuple[str, str, int, int]], kinds: Mapping[str, str]
) -> list[tuple[str, str, int, int]]:
    """The mentions of tracked people by the role the article gives them (see the module).

    Args:
        text: The article text.
        mentions: Its mentions by name, ``(actor, surface, start, end)`` of
            :meth:`tonlage.actors.ActorMatcher.find`.
        kinds: Each actor's kind (only people hold roles).

    Returns:
        ``(actor, role as written, start, end)`` of each role mention, in text order; none that
        overlaps a mention by name ("Kremlchef" may be an alias itself).
    """
    pairs = {key: actors.pop() for key, actors in _pairings(text, mentions, kinds).items() if len(actors) == 1}
    if not pairs:
        return []
    roles = sorted({role for _adjective_stem, role in pairs}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w\-‑])(" + "|".join(map(re.escape, roles)) + r")(?:en|n|es|s)?(?![\w\-‑])")
    taken = [(s, e) for _a, _al, s, e in mentions]
    found = []
    for m in pattern.finditer(text):
        a, b = m.span()
        if any(s <= a < e for s, e in taken):
            continue
        after = _WORD.match(text, b + 1) if text[b : b + 1] == " " else None
        if after is not None and (after.group()[:1].isupper() or after.group() in ("der", "des")):
            continue  # a name (a pairing, or someone else), or whose office: "… der Vereinigten Staaten"
        before = [w.group() for w in _WORD.finditer(text, max(0, a - 40), a)][-2:]
        adjective = _adjective(before[-1]) if before else ""
        if adjective:
            if before[-1] in NOT_CURRENT:
                continue
            before = before[:-1]
        if not before or before[-1].lower() not in DEFINITE:
            continue
        role = m.group(1)
        actor = pairs.get((adjective, role))
        if actor is None and adjective and _only_bare(pairs, role):
            actor = pairs.get(("", role))  # "der amerikanische US-Präsident" after "US-Präsident Trump"
        if actor is not None:
            found.append((actor, m.group(), a, b))
    return found


def _only_bare(pairs: Mapping[tuple[str, str], str], role: str) -> bool:
    """The article pairs ``role`` without an adjective only ("US-Präsident Donald Trump"): then
    "der amerikanische US-Präsident" is the same person; with adjectives ("der russische
    Präsident Putin"), another adjective may mean someone else."""
    return all(adjective == "" for adjective, r in pairs if r == role)
