"""Passages found by several rules become one :class:`.Quote`: overlapping ones merge, an
interview answer or a stretch of unmarked speech over several sentences is one passage, and the
surest rule names the speaker."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from .parts import NOBODY, Found
from .results import Quote

__all__ = ["CUE_RANK", "UNMARKED", "merge", "surest"]

log = logging.getLogger(__name__)

#: Rules that find speech without marks; consecutive passages of theirs with one speaker join.
UNMARKED = frozenset({"first-person", "frame", "so", "colon"})
#: How sure a passage's speaker is: a frame that names it beats a continuation's guess.
CUE_RANK = {
    "frame": 3,
    "colon": 3,
    "so": 3,
    "interview": 3,
    "laut": 2,
    "zufolge": 2,
    "angaben": 2,
    "wie": 2,
    "heisst": 2,
    "noun": 2,
    "marks": 1,
    "konj1": 0,
    "konj2": 0,
    "demnach": 0,
    "first-person": 0,
}


def _sureness(x: Found) -> tuple[int, bool, int]:
    return (
        CUE_RANK.get(x.cue, 0) if x.speaker and x.speaker.name else -1,
        x.speaker is not None and x.speaker.cue == "frame",
        -x.start,
    )


def surest(passages: Sequence[Found]) -> Found:
    """Of overlapping passages, the one whose speaker the merged quote takes: the surest cue
    with a named speaker, a speaker named by a frame, the earliest start, the first found."""
    return max(passages, key=_sureness)


def merge(found: list[Found], text: str) -> list[Quote]:
    """The quotes of an article from the passages its rules found.

    Overlapping passages become one: a quote inside a reported clause widens it, and the passage
    whose speaker is surest gives the speaker. Interview answers stay whole.

    Args:
        found: The passages, in any order; empty ones are dropped.
        text: The article text.

    Returns:
        The quotes in text order.
    """
    items = sorted((f for f in found if f.end > f.start), key=lambda f: (f.start, -f.end))
    # one interview answer, or one stretch of unmarked speech, is one passage over its sentences
    joined: list[Found] = []
    for f in items:
        p = joined[-1] if joined else None
        if (
            p is not None
            and f.sentence == p.sentence + 1
            and not text[p.end : f.start].strip(".!?… \t")
            and (
                (f.cue == p.cue == "interview" and f.speaker == p.speaker)
                or (
                    f.kind == p.kind == "direct"
                    and f.cue in UNMARKED
                    and p.cue in UNMARKED
                    and f.speaker
                    and p.speaker
                    and f.speaker.name
                    and f.speaker.name == p.speaker.name
                )
            )
        ):
            cue = p.cue if p.cue != "first-person" else f.cue
            joined[-1] = Found(
                p.start, f.end, p.kind, cue, p.speaker if p.cue != "first-person" else f.speaker, f.sentence
            )
        else:
            joined.append(f)
    items = joined
    groups: list[list[Found]] = []
    for f in items:
        if groups:
            g = groups[-1]
            g_end = max(x.end for x in g)
            if f.start < g_end and f.cue != "interview" and all(x.cue != "interview" for x in g):
                g.append(f)
                continue
        groups.append([f])
    out: list[Quote] = []
    for g in groups:
        start, end = min(x.start for x in g), max(x.end for x in g)
        best = surest(g)
        direct = sum(x.end - x.start for x in g if x.kind == "direct" and x.cue in ("marks", "interview", "colon"))
        kind = (
            "direct"
            if any(x.kind == "direct" for x in g)
            and (direct >= 0.8 * (end - start) or all(x.kind == "direct" for x in g))
            else "reported"
        )
        spk = best.speaker or NOBODY
        cue = next((x.cue for x in g if x.cue != "marks"), "marks")
        out.append(Quote(start, end, kind, spk.name, spk.actor, cue, spk.cue if spk.name else ""))
    return out
