"""The public entry: :class:`VoiceFinder` finds the quotes of an article and says whose voice
each sentence is in."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Sequence

from ..actors import Actor, ActorMatcher
from .article import Article
from .results import AUTHOR, NO_VOICE, QUOTED, Quote, SentenceVoice
from .saying import frame_follows

__all__ = ["VoiceFinder", "opens_with_framed_quote"]

log = logging.getLogger(__name__)


class VoiceFinder:
    """Finds quotes and reported speech in an article and gives them speakers.

    Follows scikit-learn's contract: ``__init__`` stores parameters, :meth:`fit` builds the actor
    matcher, then :meth:`find` and :meth:`sentence_voices` work on one article at a time.

    Args:
        actors: The tracked actors (``data/actors.csv``); a speaker named by one of an actor's
            aliases is mapped to that actor. ``None`` or empty: no mapping.
        quoted_share: A sentence is in the quoted voice when quotes cover at least this share
            of its letters, or when it opens with a quote and ends with that quote's frame
            (:func:`.saying.frame_follows`: "»Das war nützlich«, sagte Lawrow in Riad").
        continuation: How many sentences after a frame a report in Konjunktiv I may continue
            and still get that frame's speaker.
    """

    def __init__(self, actors: list[Actor] | None = None, *, quoted_share: float = 0.5, continuation: int = 3):
        self.actors = actors
        self.quoted_share = quoted_share
        self.continuation = continuation

    def fit(self, X: object = None, y: object = None) -> VoiceFinder:
        """Builds the actor matcher (``X`` and ``y`` are ignored).

        Returns:
            The finder itself.
        """
        self.matcher_ = ActorMatcher(list(self.actors or [])).fit()
        self.actor_of_: dict[str, str] = {}  # speakers' names → actor, shared by the articles
        return self

    def find(
        self,
        text: str,
        spans: list[tuple[int, int]] | None = None,
        marks: Sequence[list[str] | None] | None = None,
    ) -> list[Quote]:
        """Every quoted and reported passage of ``text``, in text order.

        Args:
            text: The article text (the pipeline's normalised text; offsets point into it).
            spans: Its sentence spans (:func:`tonlage.text.split_sentences`); computed when
                omitted.
            marks: Each sentence's tokens of :func:`tonlage.tone.tokens.tokenize_with_punctuation`
                when made already (None for a sentence without them): the words are taken from
                them where they are the same (:func:`.sentences.words_from_marks`), not matched
                again. Only with ``spans``.

        Raises:
            RuntimeError: If the finder is not fitted.
        """
        if not hasattr(self, "matcher_"):
            raise RuntimeError("VoiceFinder is not fitted; call fit() first")
        if spans is None:
            from ..text import split_sentences

            spans, marks = split_sentences(text), None
        if not spans:
            return []
        return Article(text, spans, self.matcher_, self.continuation, getattr(self, "actor_of_", None), marks).run()

    def sentence_voices(
        self,
        text: str,
        spans: list[tuple[int, int]],
        quotes: list[Quote] | None = None,
        marks: Sequence[list[str] | None] | None = None,
    ) -> list[SentenceVoice]:
        """One :class:`SentenceVoice` per sentence span.

        Args:
            text: As :meth:`find`.
            spans: As :meth:`find`.
            quotes: The quotes of ``text`` when already found.
            marks: As :meth:`find` (when ``quotes`` are to be found).
        """
        if quotes is None:
            quotes = self.find(text, spans, marks)
        if not quotes:
            return [NO_VOICE] * len(spans)
        starts = [s for s, _ in spans]
        parts: list[list[tuple[int, int, Quote]]] = [[] for _ in spans]
        for q in quotes:
            i = max(0, bisect_right(starts, q.start) - 1)
            while i < len(spans) and spans[i][0] < q.end:
                a, b = max(spans[i][0], q.start), min(spans[i][1], q.end)
                if b > a:
                    parts[i].append((a, b, q))
                i += 1
        out = []
        alnum = str.isalnum
        for (s, e), ps in zip(spans, parts):
            if not ps:
                out.append(NO_VOICE)
                continue
            if len(ps) == 1:  # most: one quote's part, often the whole sentence (counted once)
                a, b, main = ps[0]
                inside = sum(map(alnum, text[a:b])) if b > a else 0
                letters = (inside if a == s and b == e else sum(map(alnum, text[s:e]))) or 1
            else:
                ps.sort(key=lambda p: p[0])
                covered = [sum(map(alnum, text[a:b])) for a, b, _q in ps]
                inside, last = 0, s
                for a, b, _q in ps:  # overlapping parts count once
                    a = max(a, last)
                    if b > a:
                        inside += sum(map(alnum, text[a:b]))
                        last = b
                letters = sum(map(alnum, text[s:e])) or 1
                main = ps[max(range(len(ps)), key=covered.__getitem__)][2]
            share = min(1.0, inside / letters)
            quoted = share >= self.quoted_share or opens_with_framed_quote(text, s, e, ps[0][0], ps[0][1])
            out.append(
                SentenceVoice(
                    QUOTED if quoted else AUTHOR,
                    main.speaker,
                    main.speaker_actor,
                    main.kind,
                    tuple((a - s, b - s) for a, b, _ in ps),
                    round(share, 4),
                )
            )
        return out


def opens_with_framed_quote(text: str, start: int, end: int, quote_start: int, quote_end: int) -> bool:
    """Does the sentence ``text[start:end]`` open with the quoted part ``text[quote_start:quote_end]``
    (nothing but marks and spaces before it) and end with that quote's frame after it
    (:func:`.saying.frame_follows`)? Such a sentence is the speaker's, whatever share of its
    letters the frame's name, time and place take ("Das sei eine Lüge, sagt Vytenis Andriukaitis"
    is 38 % quote)."""
    return not any(map(str.isalnum, text[start:quote_start])) and frame_follows(text, quote_end, end)
