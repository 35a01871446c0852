"""Speech that goes on without a frame: a report continued in Konjunktiv I ("Die Partei werde
nachgeben müssen.") or II right after speech, and unmarked first-person speech next to a
speaker's quote."""

from __future__ import annotations

import logging
from bisect import bisect_left

from .konjunktiv import KONJ1_IDIOM_PATTERN, konj1_in
from .lexicon import CONJUNCTIONS, FIRST_PERSON, KONJ2, SUBORDINATORS
from .marks import QUOTE_CHARS
from .parts import NOBODY, Found, Speaker
from .people import People
from .sentences import Sentences

__all__ = ["Continuations"]

log = logging.getLogger(__name__)


#: Words that open a clause inside the sentence: a Konjunktiv II after one of them ("sprach
#: Rubio über die Möglichkeit, dass die USA Waffen liefern könnten") is that clause's own mood,
#: not a report going on in the main clause ("Die Partei wäre bereit, …").
_CLAUSE_OPENERS = SUBORDINATORS | CONJUNCTIONS


def _konj2_in_main_clause(lows: list[str]) -> bool:
    """A Konjunktiv II standing in for a report's Konjunktiv I among the sentence's words
    ``lows`` (lower case, in order), before any word that opens a subordinate clause."""
    for w in lows:
        if w in KONJ2:
            return True
        if w in _CLAUSE_OPENERS:
            return False
    return False


class Continuations:
    """Finds continued speech in one article.

    Args:
        sentences: The article.
        people: Its people and the speakers met so far.
        limit: How many sentences after speech a continuation may stand and still get its
            speaker (:attr:`.VoiceFinder.continuation`).
    """

    def __init__(self, sentences: Sentences, people: People, limit: int):
        self.sentences = sentences
        self.text = sentences.text
        self.spans = sentences.spans
        self.para = sentences.para
        self.lows = sentences.lows
        self.people = people
        self.limit = limit

    def find(self, si: int, words: list[str], speech_sent: list[bool], framed: list[bool]) -> Found | None:
        """A sentence without a frame that continues a report: Konjunktiv I (or II right after
        speech), attributed to the last speaker, or to the person the sentence before named.

        Args:
            si: The sentence's index.
            words: The sentence's words (no punctuation), in order.
            speech_sent: Per sentence so far: it holds speech.
            framed: Per sentence so far: its speech was found by marks or a frame.

        Returns:
            The continued report, or None.
        """
        if not words:
            return None
        s, e = self.spans[si]
        if KONJ1_IDIOM_PATTERN.search(self.text, s, e):
            return None
        back = next((si - k for k in range(1, self.limit + 1) if si - k >= 0 and speech_sent[si - k]), None)
        near = back is not None and self.para[si] - self.para[back] <= 1
        spk = self.people.previous(si, self.limit) if near else None
        lows = [w.lower() for w in words]
        konj1 = ("sei" in words or "seien" in words) if "ich" in lows else konj1_in(words)
        if konj1:
            if spk is None and si > 0:
                spk = self.people.last_mention(s, within=s - self.spans[max(0, si - 2)][0])
            return Found(s, self.sentences.strip_end(s, e), "reported", "konj1", spk or NOBODY, si)
        if (
            near
            and back == si - 1
            and framed[si - 1]
            and _konj2_in_main_clause(lows)
            and lows[0] not in ("wenn", "falls", "bei", "ohne", "mit", "dann")
            and not any(w in ("wenn", "falls", "ich", "wir") for w in lows)
        ):
            return Found(s, self.sentences.strip_end(s, e), "reported", "konj2", spk or NOBODY, si)
        return None

    def first_person_runs(self, found: list[Found], speech_sent: list[bool]) -> None:
        """Speech without marks (a corpus that dropped them, or a reporter's style): sentences in
        the speaker's own first person next to that speaker's quote, within the paragraph, are the
        speaker's too; a quote whose frame follows it ("…, sagte X.") claims the sentences before.

        Args:
            found: The passages found so far; the new ones are added.
            speech_sent: Per sentence: it holds speech; updated.
        """
        starts_frame: dict[int, Speaker] = {}  # sentence whose passage begins at its start, with a frame
        any_frame: dict[int, Speaker] = {}  # sentence → the speaker of its first passage with one
        for fr in found:
            if fr.speaker is None or not fr.speaker.name:
                continue
            any_frame.setdefault(fr.sentence, fr.speaker)
            if fr.start <= self.spans[fr.sentence][0] + 1 and fr.cue in ("frame", "so"):
                starts_frame.setdefault(fr.sentence, fr.speaker)

        def first_person(si: int, speaker: Speaker) -> bool:
            s, e = self.spans[si]
            if self.lows[si].isdisjoint(FIRST_PERSON) or QUOTE_CHARS.search(self.text, s, e):
                return False
            # a sentence that names someone else is about that person ("Trainerin Lutz war …")
            mentions = self.people.mentions
            k = bisect_left(self.people.mention_pos, s)
            while k < len(mentions) and mentions[k][0] < e:
                if self.people.expand(mentions[k][1]) != speaker.name:
                    return False
                k += 1
            return True

        # backwards from a post-posed frame
        for si in sorted(starts_frame, reverse=True):
            spk = starts_frame[si]
            k = si - 1
            while (
                k >= 0 and si - k <= 3 and not speech_sent[k] and self.para[k] == self.para[si] and first_person(k, spk)
            ):
                s, e = self.spans[k]
                found.append(Found(s, self.sentences.strip_end(s, e), "direct", "first-person", spk.as_("previous"), k))
                speech_sent[k] = True
                k -= 1
        # forwards after any passage with a speaker
        for si in range(1, len(self.spans)):
            before = any_frame.get(si - 1)
            if speech_sent[si] or before is None or not first_person(si, before):
                continue
            if self.para[si - 1] == self.para[si]:
                s, e = self.spans[si]
                spk = before.as_("previous")
                found.append(Found(s, self.sentences.strip_end(s, e), "direct", "first-person", spk, si))
                any_frame[si] = spk
                speech_sent[si] = True
