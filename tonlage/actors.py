"""Actors: people and institutions found by an editable alias list (``data/actors.csv``)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Actor", "ActorMatcher", "read_actors", "trie_pattern"]


@dataclass(frozen=True)
class Actor:
    """One actor: canonical ``name``, ``kind`` and the surface forms that refer to it."""

    name: str
    kind: str
    aliases: tuple[str, ...]


def read_actors(path: str | Path) -> list[Actor]:
    """Read the actor list: CSV columns ``actor,kind,aliases`` with aliases separated by ``|``.

    The canonical name is always an alias of itself. Blank lines and rows starting with ``#``
    are ignored so readers can comment the list.
    """
    actors = []
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("actor") or "").strip()
            if not name or name.startswith("#"):
                continue
            aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            actors.append(
                Actor(name, (row.get("kind") or "person").strip() or "person", tuple(dict.fromkeys([name, *aliases])))
            )
    return actors


def trie_pattern(words) -> str:
    """One regex alternation for ``words`` as a prefix tree: "Kreml", "Kremlchef" and
    "Kremlchefs" become ``Kreml(?:chef(?:s)?)?``.

    Python's ``re`` tries a flat alternation word by word at every position; the tree tries one
    letter. Optional branches are greedy, so the longest word that fits is tried first (as in
    a flat alternation sorted longest first), with backtracking to the shorter ones.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a word

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer continuations are optional
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return build(trie)


class ActorMatcher:
    """Finds actor mentions in text with one compiled pattern.

    Aliases match case-sensitively at word boundaries (so "EU" is not found in "neu"), with an
    optional genitive ending (-s/-es), longest alias first ("Donald Trump" is one mention,
    "Kremlchef" is Putin, not the Kreml).

    Args:
        actors: The actor list.
    """

    def __init__(self, actors: list[Actor]):
        self.actors = actors

    def fit(self, X=None, y=None) -> ActorMatcher:
        alias_to: dict[str, Actor] = {}
        for actor in self.actors:
            for alias in actor.aliases:
                alias_to.setdefault(alias, actor)
        self.alias_to_actor_ = alias_to
        self.kinds_ = {a.name: a.kind for a in self.actors}
        self.pattern_: re.Pattern[str] | None = (
            re.compile(rf"(?<![\w])(?P<alias>{trie_pattern(alias_to)})(?:e?s)?(?![\w])") if alias_to else None
        )
        return self

    def find(self, text: str) -> list[tuple[str, str, int, int]]:
        """Mentions in ``text`` as (actor name, surface form, start, end)."""
        if self.pattern_ is None:
            return []
        return [
            (self.alias_to_actor_[m.group("alias")].name, m.group(0), m.start(), m.end())
            for m in self.pattern_.finditer(text)
        ]

    def stems(self) -> tuple[str, ...]:
        """Single-word aliases, so the lemmatiser folds their genitives ("Lawrows" → "Lawrow")."""
        return tuple(sorted({a for actor in self.actors for a in actor.aliases if " " not in a}))
