"""Verbs of saying: every form generated from the stems in ``data/saying.tsv``, and the word
sets that tell whether a sentence can hold speech at all."""

from __future__ import annotations

import logging
import re

from .lexicon import (
    NO_GE,
    POSTPOSED_EXTRA,
    SAYING_NOUNS,
    SEPARABLE_PARTICLES,
    SPLIT_STRONG,
    SPLIT_VERBS,
    STRONG_SAYING,
    WEAK_SAYING,
)
from .marks import STRIP_MARKS

__all__ = [
    "ATTRIBUTION_WORDS",
    "FRAME_WORDS",
    "NEEDS_PARTICLE",
    "SAYING_FORMS",
    "SAYING_NOUN_SET",
    "SPLIT_FORMS",
    "TRIGGER_LOWS",
    "build_verbs",
    "frame_follows",
    "weak_forms",
]

log = logging.getLogger(__name__)


def weak_forms(stem: str) -> tuple[set[str], dict[str, tuple[str, ...]]]:
    """Every regular form of a weak verb from its present stem ("beton" → "betont", "betonte",
    "betont" …).

    Args:
        stem: The stem; a separable verb carries its particle in front ("ankündig").

    Returns:
        ``(forms, split)``: the forms that stand alone (for a separable verb the joined ones:
        "ankündigte", "anzukündigen"), and the finite forms of a separable verb that need its
        particle later in the clause ("kündigte" → ``("an",)``).
    """
    particle = next((p for p in SEPARABLE_PARTICLES if stem.startswith(p) and len(stem) > len(p) + 2), "")
    if particle and stem[len(particle) :] not in SPLIT_VERBS:
        particle = ""
    core = stem[len(particle) :]
    e = "e" if core.endswith(("t", "d", "chn", "ffn", "gn")) else ""
    finite = {core + s for s in ("e", "st", e + "t", "en", e + "te", e + "test", e + "ten", e + "tet")}
    part = core + e + "t" if core.endswith("ier") or core.startswith(NO_GE) else "ge" + core + e + "t"
    if not particle:
        return finite | {part}, {}
    # subordinate clauses join the particle ("als er ankündigte"); main clauses split it
    inf = core + ("n" if core.endswith(("er", "el")) else "en")
    joined = {particle + f for f in finite} | {particle + part, particle + "zu" + inf}
    return joined, dict.fromkeys(finite, (particle,))


def build_verbs() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """All forms of the verbs of saying, and the forms that need a particle in their clause.

    Returns:
        ``(forms, needs_particle)``: the lower-case forms that are a verb of saying by
        themselves, and finite forms of separable verbs mapped to the particles that make them
        one ("kündigte" → ``("an",)``, "ließ" → ``("wissen", "verlauten", "durchblicken")``).
    """
    forms: set[str] = set(STRONG_SAYING)
    split: dict[str, tuple[str, ...]] = dict(SPLIT_STRONG)
    for stem in WEAK_SAYING:
        found, needs = weak_forms(stem)
        forms |= found
        for form, parts in needs.items():
            split[form] = tuple(dict.fromkeys(split.get(form, ()) + parts))
    for core, parts in SPLIT_VERBS.items():
        e = "e" if core.endswith(("t", "d")) else ""
        for ending in ("e", "st", e + "t", "en", e + "te", e + "ten", e + "tet"):
            split[core + ending] = tuple(dict.fromkeys(split.get(core + ending, ()) + parts))
    return frozenset(forms), split


SAYING_FORMS, NEEDS_PARTICLE = build_verbs()
SPLIT_FORMS = frozenset(NEEDS_PARTICLE)

# Words that let a sentence hold speech; a sentence with none of them (and no quotation mark, no
# Konjunktiv I) is the author's, and skipped early.
FRAME_WORDS = SAYING_FORMS | POSTPOSED_EXTRA
SAYING_NOUN_SET = frozenset(SAYING_NOUNS)
ATTRIBUTION_WORDS = frozenset(("laut", "zufolge", "nach", "wie", "demnach"))
TRIGGER_LOWS = frozenset(SAYING_NOUNS) | frozenset(("laut", "zufolge", "demnach"))


# After a quote's last letter: its closing marks, a comma and the first word of what follows.
_COMMA_WORD = re.compile(rf"[\s{re.escape(STRIP_MARKS)}]*,\s*([^\W\d_]+)")
_WORD = re.compile(r"[^\W\d_]+")


def frame_follows(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]``, what follows a quote to the end of its sentence, that quote's own
    frame: a comma, then a verb of saying ("…«, sagte Lawrow bei einer Pressekonferenz in Riad"),
    a separable one with its particle later ("…, teilte Henkel am Montag mit"), "so X" or "wie X
    sagte"?

    A sentence that opens with a quote and ends with its frame is the speaker's, however long the
    frame's name, time and place ("Das sei eine Lüge, sagt Vytenis Andriukaitis").
    """
    m = _COMMA_WORD.match(text, start, end)
    if m is None:
        return False
    word = m.group(1).lower()
    if word in FRAME_WORDS or word == "so":
        return True
    if word in NEEDS_PARTICLE or word == "wie":
        rest = {w.lower() for w in _WORD.findall(text, m.end(), end)}
        if word == "wie":
            return not rest.isdisjoint(FRAME_WORDS)
        return not rest.isdisjoint(NEEDS_PARTICLE[word])
    return False
