"""Actors: people and institutions found by an editable alias list (``data/actors.csv``, or a
workspace's own list edited by its readers: :func:`actors_from_rows`, :func:`actors_csv`).
An office written before a person's name also counts for that person elsewhere in the same
article ("der US-Präsident"): :mod:`tonlage.analysis.role_mentions`."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .i18n import Message, message

__all__ = [
    "Actor",
    "ActorMatcher",
    "KINDS",
    "MAX_ACTORS",
    "actor_rows",
    "actors_csv",
    "actors_from_csv",
    "actors_from_rows",
    "read_actors",
    "suggested_row",
    "trie_pattern",
]

#: The kinds of actor (the Actors page colours them; tonlage.i18n.ACTOR_KINDS names them).
KINDS = ("person", "institution", "country")
#: What a reader's list may hold: actors, spellings of one, characters of a name.
MAX_ACTORS = 500
MAX_ALIASES = 50
MAX_NAME = 80


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
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        return _read(fh)


def actors_from_csv(text: str) -> list[Actor]:
    """The actor list from its CSV text (as :func:`read_actors` reads a file)."""
    return _read(io.StringIO(text.removeprefix("\ufeff"), newline=""))


def _read(fh) -> list[Actor]:
    actors = []
    for row in csv.DictReader(fh):
        name = (row.get("actor") or "").strip()
        if not name or name.startswith("#"):
            continue
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        actors.append(
            Actor(name, (row.get("kind") or "person").strip() or "person", tuple(dict.fromkeys([name, *aliases])))
        )
    return actors


def actor_rows(actors: Iterable[Actor]) -> list[dict[str, str]]:
    """The list as a reader edits it: one row per actor, its other spellings joined by " | "."""
    return [
        {"actor": a.name, "kind": a.kind, "aliases": " | ".join(x for x in a.aliases if x != a.name)} for a in actors
    ]


def suggested_row(speaker: str, kind: str = "person", short: str = "", surname: str = "") -> dict[str, str]:
    """A row for a person or body found in the articles but not yet followed. A person is named
    by ``surname`` (else the last word of the name, as a text names a person again: "Spahn"
    after "Jens Spahn"), the whole name and ``short`` (the name without a role before it:
    "Peter Zeidler" for "Trainer Peter Zeidler"; or other spellings, separated by "|") its
    spellings; an institution by its whole name."""
    full = " ".join(speaker.split())
    if kind != "person":
        return {"actor": full, "kind": kind if kind in KINDS else "institution", "aliases": ""}
    name = " ".join(surname.split()) or full.rsplit(" ", 1)[-1]
    others = [" ".join(x.split()) for x in short.split("|")]
    spellings = [f for f in dict.fromkeys([full, *others]) if f and f != name]
    return {"actor": name, "kind": "person", "aliases": " | ".join(spellings)}


def _cell(value: object) -> str:
    return "" if value is None or value != value else " ".join(str(value).split())  # NaN, spaces


def actors_from_rows(rows: Iterable[Mapping[str, object]]) -> tuple[list[Actor], list[Message]]:
    """A reader's rows (actor, kind, aliases separated by "|") as an actor list, and what is
    wrong with them in plain words. Empty rows are skipped; a list with a problem is not to
    be used (the problems name each row by its actor or its number)."""
    actors: list[Actor] = []
    problems: list[Message] = []
    seen: dict[str, str] = {}
    for i, row in enumerate(rows, start=1):
        name, kind, spellings = (_cell(row.get(k)) for k in ("actor", "kind", "aliases"))
        if not (name or spellings):
            continue
        if not name:
            problems.append(message("Row {row}: an actor needs a name.", row=i))
            continue
        aliases = [a for a in (_cell(x) for x in spellings.split("|")) if a]
        if kind not in KINDS:
            problems.append(message("{actor}: the kind must be a person, an institution or a country.", actor=name))
        if len(aliases) > MAX_ALIASES:
            problems.append(message("{actor}: at most {n} spellings.", actor=name, n=MAX_ALIASES))
        for alias in (name, *aliases):
            if len(alias) > MAX_NAME:
                problems.append(
                    message("{actor}: a name or spelling has at most {n} characters.", actor=name, n=MAX_NAME)
                )
            elif not any(c.isalnum() for c in alias):
                problems.append(message("{actor}: '{alias}' has no letter to find.", actor=name, alias=alias))
            elif alias in seen and seen[alias] != name:
                problems.append(
                    message(
                        "'{alias}' is a spelling of both {actor} and {other}.",
                        alias=alias,
                        actor=name,
                        other=seen[alias],
                    )
                )
            seen.setdefault(alias, name)
        if any(a.name == name for a in actors):
            problems.append(message("{actor} is in the list twice.", actor=name))
        actors.append(Actor(name, kind if kind in KINDS else "person", tuple(dict.fromkeys([name, *aliases]))))
    if len(actors) > MAX_ACTORS:
        problems.append(message("At most {n} actors.", n=MAX_ACTORS))
    return actors, problems


def actors_csv(actors: Iterable[Actor]) -> str:
    """The list as :func:`read_actors` reads it (CSV: actor, kind, aliases joined by "|")."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["actor", "kind", "aliases"])
    for a in actors:
        w.writerow([a.name, a.kind, "|".join(a.aliases)])
    return out.getvalue()


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

    def same_actor(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are both spellings of one actor of the list ("Nato", "NATO")."""
        first = self.alias_to_actor_.get(a)
        return first is not None and first is self.alias_to_actor_.get(b)

    def stems(self) -> tuple[str, ...]:
        """Single-word aliases, so the lemmatiser folds their genitives ("Lawrows" → "Lawrow")."""
        return tuple(sorted({a for actor in self.actors for a in actor.aliases if " " not in a}))
