"""One article's text as the voice rules read it: sentences, paragraphs, words and tokens."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right

from .parts import Tok

__all__ = ["WORD", "Sentences"]

log = logging.getLogger(__name__)

#: A word (hyphenated and apostrophised compounds in one piece), a number, or one other mark.
WORD = re.compile(r"[^\W\d_]+(?:[-‑'’*][^\W\d_]+)*-?|\d+(?:[.,:]\d+)*(?:-[^\W\d_]+)?|[^\w\s]", re.UNICODE)


class Sentences:
    """An article's text cut into sentences, with each sentence's paragraph and words.

    Args:
        text: The article text.
        spans: Its sentence spans ``(start, end)``, in order.

    Attributes:
        text: The article text.
        spans: The sentence spans.
        starts: Each sentence's start offset.
        para: Each sentence's paragraph number (a new one after a line break).
        sent_words: Each sentence's words and marks (:data:`WORD`), as strings.
        lows: Each sentence's words in lower case, as a set.
    """

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self.text = text
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.para = self._paragraphs()
        # each sentence's words (findall: no match objects; positions only where needed)
        self.sent_words: list[list[str]] = [WORD.findall(text, s, e) for s, e in spans]
        lower = str.lower
        self.lows = [set(map(lower, ws)) for ws in self.sent_words]
        self._pairs_for: list[tuple[int, int, bool]] | None = None
        self._pair_ends: list[int] = []

    def _paragraphs(self) -> list[int]:
        out, para, prev = [], 0, None
        for s, e in self.spans:
            if prev is not None and "\n" in self.text[prev:s]:
                para += 1
            out.append(para)
            prev = e
        return out

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence that holds offset ``pos`` (the first for an offset before it)."""
        return max(0, bisect_right(self.starts, pos) - 1)

    def tokens(self, s: int, e: int, pairs: list[tuple[int, int, bool]]) -> list[Tok]:
        """Words and punctuation of the text from ``s`` to ``e``; each quote touching it is one
        ``q`` token.

        Args:
            s: Start offset (a sentence's).
            e: End offset.
            pairs: The text's quotation-mark pairs (:func:`.quote_pairs`), in text order.
        """
        toks: list[Tok] = []
        pos = s
        if pairs is not self._pairs_for:
            self._pairs_for, self._pair_ends = pairs, [b for _a, b, _c in pairs]
        # pairs are in text order and do not overlap: start at the first that may reach this sentence
        first = bisect_left(self._pair_ends, s - 1)
        for k in range(first, len(pairs)):
            a, b, closed = pairs[k]
            qa, qb = a - 1, b + (1 if closed else 0)
            if qa >= e:
                break
            if qb <= s:
                continue
            qa, qb = max(qa, s), min(qb, e)
            if qa < pos:
                continue
            toks.extend(self.words(pos, qa))
            toks.append(Tok(self.text[qa:qb], qa, qb, "q", k))
            pos = qb
        toks.extend(self.words(pos, e))
        return toks

    def words(self, a: int, b: int) -> list[Tok]:
        """Word and punctuation tokens of the text from ``a`` to ``b`` (quotation marks as
        punctuation)."""
        return [
            Tok(m.group(), m.start(), m.end(), "w" if m.group()[0].isalnum() else "p")
            for m in WORD.finditer(self.text, a, b)
        ]

    def strip_end(self, s: int, e: int) -> int:
        """``e`` moved back over final stops and spaces (not before ``s``)."""
        while e > s and self.text[e - 1] in ".!? ":
            e -= 1
        return e
