"""Clauses around speech: which verb of saying opens a report, whether what follows a frame is
its content, and the passage a frame or an attribution phrase covers. Functions of a sentence's
tokens only."""

from __future__ import annotations

import logging
import re

from .konjunktiv import has_konj1
from .lexicon import FIRST_PERSON, KONJ2, MODALS, SUBORDINATORS
from .marks import STRIP_MARKS
from .parts import Found, Speaker, Tok
from .saying import NEEDS_PARTICLE, SAYING_FORMS

__all__ = [
    "ZU_INF",
    "clause_without",
    "is_complement",
    "kind_of",
    "participle_in_clause",
    "holds_on_to",
    "passage",
    "region_start",
    "saying_verb",
]

log = logging.getLogger(__name__)

#: Present forms of "werden" that make a participle before them passive ("muss gesagt werden",
#: "so sehr sie auch von X verteidigt wird"): the clause's subject is what is said, not who
#: speaks, and what follows is not its content. (A past passive, "vom Kanzler aufgefordert
#: worden", stays a frame: its agent speaks, speakers.SpeakerFinder.subject.)
PASSIVE_AUXILIARIES = frozenset({"werden", "wird"})

#: A zu-infinitive written as one word ("anzukündigen").
ZU_INF = re.compile(r"^[a-zäöüß]+zu[a-zäöüß]+(?:en|ern|eln)$")


def saying_verb(clause: list[Tok]) -> int | None:
    """Index of a verb of saying that can open a report in ``clause``: lower case, with its
    particle when split ("kündigte … an"), not "zu sagen", not a present passive ("muss gesagt
    werden", "so sehr sie auch von X verteidigt wird", :data:`PASSIVE_AUXILIARIES`), not after
    a modal ("sollte klarstellen"), "sprechen" only as "davon"."""
    lows = {t.low for t in clause if t.kind == "w"}
    if lows.isdisjoint(SAYING_FORMS) and lows.isdisjoint(NEEDS_PARTICLE):
        return None  # no verb of saying at all (most clauses): the word tests below find none
    modal = not lows.isdisjoint(MODALS)
    stative = bool(lows & {"ist", "sind", "war", "waren", "sei", "seien"}) and not lows & {"worden", "wurde", "wurden"}
    for i, t in enumerate(clause):
        if t.kind != "w" or not t.text.islower():
            continue
        lo = t.low
        prev = clause[i - 1].low if i else ""
        nxt = clause[i + 1].low if i + 1 < len(clause) else ""
        if (
            nxt in PASSIVE_AUXILIARIES
            or prev == "zu"
            and (lows & {"ist", "sind", "war", "waren", "bleibt", "scheint"} or clause[0].low == "es")
        ):
            continue  # "muss gesagt werden", "ist schwer zu sagen": nobody says anything
        if modal and lo.endswith("en") and lo not in ("sagten", "erklärten", "betonten", "warnten"):
            continue
        if lo.startswith(("sprech", "sprach", "spricht", "gesproch")) and not any(x.low == "davon" for x in clause):
            continue
        if stative and (lo.startswith("ge") or "ge" in lo[2:5]) and lo.endswith(("t", "en")):
            continue  # "sind gefordert": a state, not something said
        if lo in NEEDS_PARTICLE:
            if any(x.low in NEEDS_PARTICLE[lo] for x in clause[i + 1 :]) and not holds_on_to(clause, i):
                return i
            continue
        if lo in SAYING_FORMS:
            return i
    return None


def holds_on_to(toks: list[Tok], i: int) -> bool:
    """The verb at ``toks[i]`` is "festhalten an" ("hielt an den Vorschlägen fest": holds on to
    them, says nothing; "hielt fest, dass …" reports): its particle "fest" comes after an "an"."""
    if "fest" not in NEEDS_PARTICLE.get(toks[i].low, ()):
        return False
    end = next((k for k in range(i + 1, len(toks)) if toks[k].low == "fest"), None)
    return end is not None and any(x.low == "an" for x in toks[i + 1 : end])


def is_complement(rest: list[Tok]) -> bool:
    """The clause after a frame's comma is its content: a dass/ob/w-clause, a zu-infinitive,
    a quote, or a verb-second clause in Konjunktiv (I, or II standing in for it)."""
    first = rest[0]
    if first.kind == "q" or first.low in SUBORDINATORS:
        return True
    head = rest[:14]
    if any(ZU_INF.match(t.low) for t in head if t.kind == "w"):
        return True
    for k, t in enumerate(head[:-1]):
        if (
            t.low == "zu"
            and head[k + 1].kind == "w"
            and head[k + 1].text.islower()
            and head[k + 1].low.endswith(("en", "ern", "eln"))
            and (k + 2 >= len(head) or head[k + 2].text in ",.;")
        ):
            return True
    if has_konj1(head):
        return True
    return any(t.low in KONJ2 for t in head[:8] if t.kind == "w") and first.low not in ("wenn", "falls")


def participle_in_clause(toks: list[Tok], i: int) -> bool:
    """A participle of a verb of saying in the clause from ``toks[i]`` to the next break (", hat
    X gesagt")."""
    end = next((j for j in range(i, len(toks)) if toks[j].text in ".,;:"), len(toks))
    return any(
        toks[j].low in SAYING_FORMS and toks[j].text.islower() and not toks[j].low.endswith(("e", "en", "st"))
        for j in range(i, end)
    )


def passage(toks: list[Tok], a_i: int, b_i: int, kind: str, cue: str, spk: Speaker | None, si: int) -> Found:
    """The passage over ``toks[a_i:b_i]`` of sentence ``si``: a lone quote gives its content,
    final stops go."""
    seg = toks[a_i:b_i]
    while seg and seg[-1].kind == "p" and seg[-1].text in ".!?,;:":
        seg = seg[:-1]
    if not seg:
        at = toks[min(a_i, len(toks) - 1)].start
        return Found(at, at, kind, cue, spk, si)
    a, b = seg[0].start, seg[-1].end
    if len(seg) == 1 and seg[0].kind == "q":
        inner = seg[0].text
        a, b = a + len(inner) - len(inner.lstrip(STRIP_MARKS)), b - (len(inner) - len(inner.rstrip(STRIP_MARKS)))
    return Found(a, b, kind, cue, spk, si)


def region_start(toks: list[Tok], ci: int) -> int:
    """Where the content before a post-posed frame begins: after a colon, a semicolon, or an
    inner full stop the sentence splitter let through."""
    for j in range(ci - 1, -1, -1):
        t = toks[j]
        if t.kind == "p" and t.text in ":;":
            return j + 1
        if t.kind == "p" and t.text in ".!?" and j + 1 < ci and toks[j + 1].cap:
            return j + 1
    return 0


def kind_of(seg: list[Tok]) -> str:
    """``"direct"`` or ``"reported"`` for the content before a post-posed frame."""
    inner = [t for t in seg if not (t.kind == "p" and t.text in ",;")]
    if len(inner) == 1 and inner[0].kind == "q":
        return "direct"
    if has_konj1(seg):
        return "reported"
    # no marks and no subjunctive, but the speaker's own "ich"/"wir": speech as said
    return "direct" if any(t.low in FIRST_PERSON for t in seg if t.kind == "w") else "reported"


def clause_without(toks: list[Tok], i: int, j: int) -> tuple[int, int]:
    """The clause around an attribution phrase ``toks[i:j]``, the phrase left out where it
    stands at the clause's edge."""
    a_i = next((k + 1 for k in range(i - 1, -1, -1) if toks[k].text in ":;"), 0)
    b_i = next((k for k in range(j, len(toks)) if toks[k].text in ":;"), len(toks))
    seg_a, seg_b = a_i, b_i
    if i <= a_i and j < b_i:
        seg_a = j
        while seg_a < b_i and toks[seg_a].kind == "p":
            seg_a += 1
    elif j >= b_i - 1 and i > a_i:
        seg_b = i
    while seg_b > seg_a and toks[seg_b - 1].kind == "p" and toks[seg_b - 1].text in ".!?,;:":
        seg_b -= 1
    if seg_b <= seg_a:
        return (0, 0)
    return toks[seg_a].start, toks[seg_b - 1].end
