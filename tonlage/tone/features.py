"""Features for the learned layer: per-cue gates, so every cue's share of the score is exact.

The learned layer is linear in the cue weights: a sentence's margin is
``m = Σ_i w_i · (g_i · β)``, where ``w_i`` is cue *i*'s weight after the rules, ``g_i`` its
*gate* vector below and ``β`` the learned coefficients. So each cue's contribution
``w_i · (g_i · β)`` is shown to the reader, and the contributions add up to the margin.

Sentence gates (one per cue):

* ``adjective``, ``noun``, ``verb``, ``other`` — 1 for the cue's part of speech (from the
  lexicon's tag; nouns often only name a topic in news, adjectives judge);
* ``reported`` — 1 when the sentence reports speech (a reporting verb such as "sagte", or a
  Konjunktiv-I form such as "sei");
* ``quoted`` — 1 when the sentence contains quotation marks;
* ``negated`` — 1 when a negation rule flipped this cue;
* ``hedged`` — 1 when the sentence has a modal or hedging word ("könnte", "vielleicht");
* ``question`` — 1 when the sentence is a question.

Target gates (appended for the tone towards a target):

* ``target_clause`` — 1 when the cue is in the target's clause;
* ``target_near`` — ``1 / (1 + d / 4)`` for a cue ``d`` tokens from the target;
* ``target_self`` — 1 when the cue is one of the target's own words.
"""

from __future__ import annotations

import logging

from .rules import SentenceState
from .tokens import Flag, Kind

log = logging.getLogger(__name__)

__all__ = [
    "ALL_GATES",
    "SENTENCE_GATES",
    "TARGET_GATES",
    "SHIPPED_SENTENCE_GATES",
    "SHIPPED_TARGET_GATES",
    "cue_gates",
    "target_gates",
    "weighted_sum",
]

#: Sentence gate names, in the order :func:`cue_gates` returns them.
SENTENCE_GATES: tuple[str, ...] = (
    "adjective",
    "noun",
    "verb",
    "other",
    "reported",
    "quoted",
    "negated",
    "hedged",
    "question",
)
#: Target gate names, in the order :func:`target_gates` returns them (after the sentence gates).
TARGET_GATES: tuple[str, ...] = ("target_clause", "target_near", "target_self")
ALL_GATES: tuple[str, ...] = SENTENCE_GATES + TARGET_GATES

#: The gates the shipped model uses. The part-of-speech gates alone did as well as all nine
#: in 5-fold cross-validation on GerNTSA (0.486 vs 0.478 macro-F1 before "dauern" was made
#: neutral, 0.488 vs 0.479 after, 0.486 after "Rat", 0.484 vs 0.478 after "bitten", 0.488 vs 0.480
#: after the words read in gnad-dev's cues, "Weise", "Spitze", ..., 0.490 vs 0.478 after "hart",
#: "schlicht", "verteidigen", "interessiert", 0.497 vs 0.478 after the cues ranked 71-170,
#: "freiheitlich", "Elfmeter", "Spannungen" ..., 0.497 vs 0.483 after those ranked 171-320,
#: "gestehen", "Wetter", "Abgang" ..., 0.494 vs 0.486 after those ranked 321-520, "Komplex",
#: "Belgier", "Wahlkampf" ..., 0.495 vs 0.482 with "niemand" a negator and "nicht nur … sondern"
#: no contrast, 0.496 vs 0.483 with "nicht mehr allein" a focus phrase and "Kapitulation"; the
#: others did not help), so
#: the smaller, easier-to-read model ships; bench/tone_quality.py reports both.
SHIPPED_SENTENCE_GATES: tuple[str, ...] = ("adjective", "noun", "verb", "other")
SHIPPED_TARGET_GATES: tuple[str, ...] = SHIPPED_SENTENCE_GATES + TARGET_GATES

_POS_SLOT = {"JJ": 0, "NN": 1, "VB": 2}
#: Token distance at which a cue counts half towards ``target_near``.
NEAR_HALF_DISTANCE = 4.0


def cue_gates(st: SentenceState, cues: list[tuple[int, float, str]]) -> list[list[float]]:
    """One gate vector (order :data:`SENTENCE_GATES`) per cue."""
    flags = st.flags
    reported = 1.0 if flags & (Flag.REPORTING | Flag.SUBJUNCTIVE) else 0.0
    quoted = 1.0 if flags & Flag.QUOTE else 0.0
    hedged = 1.0 if flags & Flag.MODAL else 0.0
    question = 0.0
    for t in reversed(st.tokens):
        if t.kind != Kind.QUOTE:
            question = 1.0 if t.text == "?" else 0.0
            break
    toks, negated = st.tokens, st.negated
    out = []
    for i, _, _ in cues:
        g = [0.0, 0.0, 0.0, 0.0, reported, quoted, 1.0 if i in negated else 0.0, hedged, question]
        g[_POS_SLOT.get(toks[i].pos, 3)] = 1.0
        out.append(g)
    return out


def target_gates(st: SentenceState, cues: list[tuple[int, float, str]], first: int, last: int) -> list[list[float]]:
    """One target gate vector (order :data:`TARGET_GATES`) per cue.

    Args:
        st: The rules' state for the sentence.
        cues: The sentence's cues.
        first: Index of the target's first token.
        last: Index of its last token (inclusive).
    """
    toks = st.tokens
    n = len(toks)
    c_start = first
    while c_start > 0 and toks[c_start - 1].kind not in (Kind.BREAK, Kind.END):
        c_start -= 1
    c_end = last + 1
    while c_end < n and toks[c_end].kind not in (Kind.BREAK, Kind.END):
        c_end += 1
    out = []
    for i, _, _ in cues:
        if first <= i <= last:
            out.append([0.0, 1.0, 1.0])
            continue
        d = first - i if i < first else i - last
        out.append([1.0 if c_start <= i < c_end else 0.0, 1.0 / (1.0 + d / NEAR_HALF_DISTANCE), 0.0])
    return out


def weighted_sum(cues: list[tuple[int, float, str]], gates: list[list[float]]) -> list[float]:
    """The sentence's feature vector: ``Σ_i w_i · g_i`` (over the full gate vectors)."""
    total = [0.0] * len(gates[0]) if gates else []
    for (_, w, _), g in zip(cues, gates):
        for k, v in enumerate(g):
            if v:
                total[k] += w * v
    return total
