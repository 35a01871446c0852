"""Direct quotes: whether a quoted segment is someone's words (not a title, a name or scare
quotes), and whose words they are."""

from __future__ import annotations

import logging
import re

from .lexicon import SCARE_CUES, TITLE_NOUNS
from .marks import STRIP_MARKS
from .parts import NOBODY, Found, Speaker, Tok
from .people import People
from .saying import NEEDS_PARTICLE, SAYING_FORMS
from .speakers import SpeakerFinder

__all__ = ["DirectQuotes", "clausal"]

log = logging.getLogger(__name__)


def clausal(words: list[str]) -> bool:
    """Do a quote's words look like a clause (a pronoun, a finite auxiliary, "nicht")?"""
    low = {w.strip(".,;:!?()").lower() for w in words}
    return bool(
        low
        & {
            "ich",
            "wir",
            "uns",
            "es",
            "ist",
            "sind",
            "war",
            "hat",
            "haben",
            "wird",
            "werden",
            "kann",
            "muss",
            "nicht",
            "man",
            "du",
            "mir",
            "mich",
            "sei",
            "gibt",
        }
    )


class DirectQuotes:
    """Finds the direct quotes in marks of one article, with their speakers.

    Args:
        people: The article's people and the speakers met so far.
        speakers: The speaker finder over the same article.
    """

    def __init__(self, people: People, speakers: SpeakerFinder):
        self.people = people
        self.speakers = speakers

    def find(
        self,
        si: int,
        s: int,
        toks: list[Tok],
        pairs: list[tuple[int, int, bool]],
        has_frame: bool,
        frame_spk: Speaker | None,
    ) -> list[Found]:
        """The quotes that begin in sentence ``si`` and are speech, each with its speaker (who is
        remembered as the last speaker).

        Args:
            si: The sentence's index.
            s: Its start offset.
            toks: Its tokens (quotes as ``q`` tokens).
            pairs: The article's quotation-mark pairs.
            has_frame: The sentence holds an explicit frame (a verb of saying, an attribution).
            frame_spk: The speaker a frame of the sentence names, if any.
        """
        out: list[Found] = []
        for qi, t in enumerate(toks):
            if t.kind != "q":
                continue
            a, b, _closed = pairs[t.quote]
            if a < s:
                continue  # began in an earlier sentence: handled there
            if not self.is_speech(toks, qi, has_frame):
                continue
            spk = self.speaker(si, toks, qi, b, frame_spk)
            out.append(Found(a, b, "direct", "marks", spk or NOBODY, si))
            self.people.remember(si, spk)
        return out

    def speaker(self, si: int, toks: list[Tok], qi: int, end: int, frame_spk: Speaker | None) -> Speaker | None:
        """Whose words the quote at ``toks[qi]`` (content ending at ``end``) are: a caption after
        it, the sentence's frame, the subject of its clause's verb of saying, the name a headline
        opens with, a quoting noun, the sentence after or before, the speaker before, or the
        person the sentence before opens with, in that order."""
        sp = self.speakers
        return (
            sp.caption(end)
            or frame_spk
            or sp.verb_subject(toks, qi)
            or sp.colon_subject(toks, qi)
            or sp.quoting_noun(toks)
            or sp.frame_after(si)
            or sp.line_before(si)
            or self.people.previous(si, 2)
            or sp.subject_of(si - 1)
        )

    def is_speech(self, toks: list[Tok], qi: int, has_frame: bool) -> bool:
        """Is the quote at ``toks[qi]`` someone's words, not a name, a title or scare quotes?

        Args:
            toks: The sentence's tokens.
            qi: The quote's index among them.
            has_frame: The sentence holds an explicit frame.
        """
        t = toks[qi]
        content = t.text.strip(STRIP_MARKS)
        words = content.split()
        before = toks[qi - 1] if qi > 0 else None
        after = toks[qi + 1] if qi + 1 < len(toks) else None
        if before is not None and before.end == t.start and before.kind == "w":
            return False  # TV-„Frühjournal“: part of a name
        if before is not None and before.kind == "w" and before.low.startswith(SCARE_CUES):
            return False
        if before is not None and before.cap and before.low.endswith(TITLE_NOUNS) and len(words) <= 6:
            return False  # das Lied „Kleine Stadt“, die Wochenzeitung „Die Woche“
        sentence_like = bool(re.search(r"[.!?…]\W*$", content)) and len(words) >= 2
        if sentence_like or len(words) >= 5 or (len(words) >= 3 and clausal(words)):
            return True
        if t.text[-1:] not in STRIP_MARKS and len(words) >= 2:  # left open: runs on
            return True
        headline = (qi == 0 and after is not None and after.text == ":") or (
            before is not None and before.text == ":" and (after is None or after.text in ".!?")
        )
        if headline and len(words) >= 2:
            return True
        if any(x.low in ("ich", "wir") for x in toks if x.kind == "w"):
            return has_frame  # "wie ich schon oft erklärt habe": the author's own saying
        return (
            has_frame
            or self.speakers.quoting_noun(toks) is not None
            or any(
                x.kind == "w"
                and (
                    x.low in SAYING_FORMS
                    and x.text.islower()
                    or x.low in NEEDS_PARTICLE
                    or x.low in ("laut", "zufolge")
                )
                for x in toks
            )
        )
