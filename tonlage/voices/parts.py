"""The records the per-article analysis works with: tokens (:class:`Tok`), speakers
(:class:`Speaker`) and found passages (:class:`Found`), before they become :class:`.Quote`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["NOBODY", "Found", "Speaker", "Tok", "make_tok"]

log = logging.getLogger(__name__)


class Tok(NamedTuple):
    """A word (kind ``"w"``), a punctuation mark (``"p"``) or a whole quote with its marks (``"q"``).

    A named tuple, built by :func:`make_tok` or with ``tuple.__new__`` where hundreds of thousands
    are made (:meth:`.Sentences.words`: no Python-level ``__init__``, a third cheaper than a class
    with slots).

    Attributes:
        text: The token's text.
        start: Its offset in the article text.
        end: Its end offset (exclusive).
        kind: ``"w"``, ``"p"`` or ``"q"``.
        quote: For ``"q"``, the index of its quotation-mark pair (:func:`.quote_pairs`); else -1.
        low: ``text`` in lower case.
        cap: A word that starts with a capital letter.
    """

    text: str
    start: int
    end: int
    kind: str
    quote: int
    low: str
    cap: bool


def make_tok(text: str, start: int, end: int, kind: str, quote: int = -1) -> Tok:
    """A :class:`Tok` (its ``low`` and ``cap`` derived from ``text`` and ``kind``)."""
    return tuple.__new__(Tok, (text, start, end, kind, quote, text.lower(), kind == "w" and text[:1].isupper()))


@dataclass(frozen=True)
class Speaker:
    """Who speaks.

    Attributes:
        name: The normalised name ("Anna Roth", "DWD"); "" for an anonymous speaker.
        actor: The tracked actor the speaker is, or "".
        kind: ``"person"``, ``"institution"``, ``"group"`` or "".
        cue: How the speaker was found (see :attr:`.Quote.speaker_cue`).
    """

    name: str
    actor: str
    kind: str
    cue: str

    def as_(self, cue: str) -> Speaker:
        """The same speaker, found another way (``cue``)."""
        return Speaker(self.name, self.actor, self.kind, cue)


#: The anonymous speaker: someone speaks, but the text does not say who.
NOBODY = Speaker("", "", "", "")


@dataclass
class Found:
    """A passage a rule found, with the sentence it was found in.

    Attributes:
        start: Offset of the passage in the article text.
        end: End offset (exclusive).
        kind: ``"direct"`` or ``"reported"``.
        cue: The rule that found it (see :attr:`.Quote.cue`).
        speaker: Its speaker; None while it is still to take the speaker before.
        sentence: Index of the sentence.
    """

    start: int
    end: int
    kind: str
    cue: str
    speaker: Speaker | None
    sentence: int
