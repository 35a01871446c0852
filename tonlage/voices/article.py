"""The per-article run: every sentence is checked for signs of speech, and only those with one
go to the rules (frames, direct quotes, interview tags, continuations); what they find is merged
into :class:`.Quote` records."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..actors import ActorMatcher
from .continuation import Continuations
from .direct import DirectQuotes
from .frames import FrameFinder
from .konjunktiv import konj1_in, may_hold_konj1
from .lexicon import KONJ2, SOURCE_NOUNS
from .marks import STRIP_MARKS, quote_pairs
from .merge import merge, surest
from .parts import NOBODY, Found, Speaker
from .people import People
from .phrases import NounPhrases
from .results import Quote
from .saying import FRAME_WORDS, NEEDS_PARTICLE, SPLIT_FORMS, TRIGGER_LOWS
from .sentences import Sentences
from .speakers import SpeakerFinder, after_tag, maybe_tag

__all__ = ["MAX_TOKENS", "Article", "trigger"]

log = logging.getLogger(__name__)

#: Longer "sentences" (lists, run-on blocks) are not searched for speech: see :meth:`Article.run`.
MAX_TOKENS = 400


def trigger(seq: list[str], lows: set[str], after_speech: bool, words: set[str] | None = None) -> str:
    """Can a sentence hold speech at all?

    Args:
        seq: The sentence's words and marks, in order.
        lows: Its words in lower case.
        after_speech: The sentence before holds speech.
        words: ``set(seq)`` when already made.

    Returns:
        ``"frame"`` when it has a verb or noun of saying (a split verb with its particle), an
        attribution word, ", so" or a speaker tag; ``"konj"`` when it only has a Konjunktiv I (or
        II right after speech) and can at most continue a report; ``""`` when none: most sentences
        of a report, skipped before any further work (unmarked first-person speech is found later,
        from the sentences around it).
    """
    if words is None:
        words = set(seq)  # verbs in their lower-case form, not "Frage" or "Grenze"
    if not words.isdisjoint(FRAME_WORDS) or not lows.isdisjoint(TRIGGER_LOWS):
        return "frame"
    if "so" in words and any(seq[k] == "so" and seq[k - 1] == "," for k in range(1, len(seq))):
        return "frame"
    if not words.isdisjoint(SPLIT_FORMS):  # (most sentences have none: no set made for them)
        for w in words & SPLIT_FORMS:
            if not lows.isdisjoint(NEEDS_PARTICLE[w]):
                return "frame"
    if ":" in seq[:5]:
        return "frame"  # a speaker tag
    if "nach" in lows and any(w.endswith(SOURCE_NOUNS) for w in lows):
        return "frame"
    if (after_speech and not words.isdisjoint(KONJ2)) or (may_hold_konj1(words) and konj1_in(seq)):
        return "konj"
    return ""


class Article:
    """The work for one article, with what it learns about the article's people while reading.

    Args:
        text: The article text.
        spans: Its sentence spans (not empty).
        matcher: The fitted actor matcher.
        continuation: How many sentences after a frame a report may continue (see
            :class:`.VoiceFinder`).
        actor_of: The finder's names already mapped to actors (see :class:`.People`).
        marks: Each sentence's tone tokens when made already (see :class:`.Sentences`).
    """

    def __init__(
        self,
        text: str,
        spans: list[tuple[int, int]],
        matcher: ActorMatcher,
        continuation: int,
        actor_of: dict[str, str] | None = None,
        marks: Sequence[list[str] | None] | None = None,
    ):
        self.text = text
        self.sentences = Sentences(text, spans, marks)
        self.people = People(self.sentences, matcher, actor_of)
        self.phrases = NounPhrases(self.sentences, self.people)
        self.speakers = SpeakerFinder(self.sentences, self.people, self.phrases)
        self.frames = FrameFinder(self.sentences, self.people, self.phrases, self.speakers)
        self.direct = DirectQuotes(self.people, self.speakers)
        self.continuations = Continuations(self.sentences, self.people, continuation)
        self.continuation = continuation

    def run(self) -> list[Quote]:  # noqa: C901 - the order of the voice passes over one article is the algorithm
        """Every quoted and reported passage of the article, in text order."""
        text = self.text
        sentences = self.sentences
        spans, para, sent_words, word_sets = sentences.spans, sentences.para, sentences.sent_words, sentences.word_sets
        pairs = [p for p in quote_pairs(text) if p[1] > p[0] and text[p[0] : p[1]].strip(STRIP_MARKS)]
        sent_of = sentences.sentence_of
        found: list[Found] = []
        speech_sent = [False] * len(spans)  # the sentence holds speech (for continuations)
        framed = [False] * len(spans)  # … found by marks or a frame, not as a continuation
        with_pair: set[int] = set()
        for a, b, _c in pairs:
            with_pair.update(range(sent_of(max(0, a - 1)), sent_of(max(a, b - 1)) + 1))
        tags = [
            self.speakers.speaker_tag(sentences.sentence_tokens(si, pairs)) if maybe_tag(sent_words[si]) else None
            for si in range(len(spans))
        ]
        # an interview: speaker tags ("REDAKTION:", "Kühn:") open at least two sentences
        is_interview = sum(t is not None for t in tags) >= 2
        interview: Speaker | None = None
        for si, (s, e) in enumerate(spans):
            kind = (
                "frame"
                if si in with_pair or tags[si] is not None
                else trigger(sent_words[si], sentences.lows[si], si > 0 and speech_sent[si - 1], word_sets[si])
            )
            if kind == "konj" and interview is None:
                # no frame possible: at most a report continued in the subjunctive
                cont = self.continuations.find(si, [w for w in sent_words[si] if w[0].isalnum()], speech_sent, framed)
                if cont is not None:
                    found.append(cont)
                    speech_sent[si] = True
                    self.people.remember(si, cont.speaker)
                continue
            if kind and len(sent_words[si]) > MAX_TOKENS:
                # not a sentence but a list or a run-on block: the rules are for sentences, and
                # their cost grows with length; such a block stays the author's
                log.debug("voices.skip_long_sentence", extra={"sentence": si, "tokens": len(sent_words[si])})
                kind = ""
            toks = sentences.sentence_tokens(si, pairs) if kind else None
            if toks is None:  # nothing that could be speech
                if interview is not None and si and para[si] != para[si - 1]:
                    interview = None
                if interview is not None and is_interview:
                    found.append(Found(s, sentences.strip_end(s, e), "direct", "interview", interview, si))
                    speech_sent[si] = True
                continue
            frames = self.frames.find(si, toks)
            explicit = [fr for fr in frames if fr.cue != "demnach"]
            tag = tags[si]
            if tag is not None:
                interview = tag if tag.name else None
                if tag.name and not is_interview and self.speakers.clause_after_tag(toks):
                    # a single "Kühn: …" in a report: that sentence only
                    a = toks[after_tag(toks)].start
                    found.append(Found(a, sentences.strip_end(a, e), "direct", "colon", tag, si))
                    speech_sent[si] = True
                    self.people.remember(si, tag)
                    interview = None
                    continue
            elif interview is not None and si and para[si] != para[si - 1]:
                interview = None
            if interview is not None and is_interview and not explicit:
                a = toks[after_tag(toks)].start if tag is not None else s
                found.append(Found(a, sentences.strip_end(a, e), "direct", "interview", interview, si))
                speech_sent[si] = True
                continue
            # direct quotes in this sentence
            frame_spk = next(
                (
                    fr.speaker
                    for fr in explicit
                    if fr.speaker is not None
                    and fr.speaker.name
                    and fr.cue in ("frame", "colon", "so", "heisst", "wie")
                ),
                None,
            )
            for quote in self.direct.find(si, s, toks, pairs, bool(explicit), frame_spk):
                found.append(quote)
                for sj in range(si, sent_of(max(quote.start, quote.end - 1)) + 1):
                    speech_sent[sj] = framed[sj] = True
            for fr in frames:
                if fr.speaker is None:
                    fr.speaker = self.people.previous(si, self.continuation) or NOBODY
                # the speaker before is the one the quote will show: of two frames of the same
                # words ("…: Entweder wir …, sagte Boltz"), the one the merge takes the speaker from
                if surest([g for g in frames if g.start < fr.end and fr.start < g.end]) is fr:
                    self.people.remember(si, fr.speaker)
                found.append(fr)
                speech_sent[si] = True
                framed[si] = framed[si] or fr.cue != "demnach"
            if not frames and not speech_sent[si]:
                cont = self.continuations.find(si, [t.text for t in toks if t.kind == "w"], speech_sent, framed)
                if cont is not None:
                    found.append(cont)
                    speech_sent[si] = True
                    self.people.remember(si, cont.speaker)
        self.continuations.first_person_runs(found, speech_sent)
        return merge(found, text)
