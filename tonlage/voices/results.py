"""What the finder returns: :class:`Quote` (one quoted or reported passage) and
:class:`SentenceVoice` (whose voice one sentence is in)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

__all__ = ["AUTHOR", "NO_VOICE", "QUOTED", "Quote", "SentenceVoice"]

log = logging.getLogger(__name__)

AUTHOR = "author"
QUOTED = "quoted"


@dataclass(frozen=True)
class Quote:
    """One quoted or reported passage.

    Attributes:
        start: Offset of the quoted content in the text (quotation marks excluded).
        end: End offset (exclusive).
        kind: ``"direct"`` (the speaker's words, with or without marks) or ``"reported"``.
        speaker: Normalised speaker ("Jens Spahn", "DWD"); "" when unknown.
        speaker_actor: The tracked actor the speaker is; "" when none.
        cue: The rule that found the passage: ``marks``, ``frame`` (verb of saying), ``colon``,
            ``interview``, ``so``, ``laut``, ``zufolge``, ``angaben``, ``wie``, ``heisst``, ``noun``,
            ``konj1``/``konj2`` (a report continued in the subjunctive), ``demnach``,
            ``first-person`` (unmarked speech next to a quote).
        speaker_cue: How the speaker was found: ``frame`` (named there), ``role`` (a role noun
            resolved), ``pronoun``, ``previous`` (the speaker before), "" (none).
    """

    start: int
    end: int
    kind: str
    speaker: str
    speaker_actor: str
    cue: str
    speaker_cue: str = ""


@dataclass(frozen=True)
class SentenceVoice:
    """Whose voice one sentence is in.

    Attributes:
        voice: ``"quoted"`` when quotes cover at least the finder's ``quoted_share`` of the
            sentence's letters and digits, or when the sentence opens with a quote and ends with
            its frame ("»…«, sagte Lawrow bei einer Pressekonferenz in Riad"), else ``"author"``.
        speaker: Speaker of the quote covering most of the sentence ("" without one).
        speaker_actor: That speaker's tracked actor, or "".
        quote_kind: ``"direct"``, ``"reported"`` or "".
        quote_spans: ``(start, end)`` of each quoted part, relative to the sentence start.
        quote_share: Share of the sentence's letters inside quotes, 0..1.
    """

    voice: str
    speaker: str
    speaker_actor: str
    quote_kind: str
    quote_spans: tuple[tuple[int, int], ...]
    quote_share: float


#: A sentence in the author's voice with no quote in it.
NO_VOICE = SentenceVoice(AUTHOR, "", "", "", (), 0.0)
