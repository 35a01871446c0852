"""One article's text as the voice rules read it: sentences, paragraphs, words and tokens."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from .parts import Tok, make_tok

__all__ = ["WORD", "Sentences", "words_from_marks"]

log = logging.getLogger(__name__)

#: A word (hyphenated and apostrophised compounds in one piece), a number, or one other mark.
WORD = re.compile(r"[^\W\d_]+(?:[-‑'’*][^\W\d_]+)*-?|\d+(?:[.,:]\d+)*(?:-[^\W\d_]+)?|[^\w\s]", re.UNICODE)


def words_from_marks(marks: list[str], sentence: str) -> list[str] | None:
    """``WORD.findall(sentence)`` taken from the sentence's tone tokens (``marks``, of
    :func:`tonlage.tone.tokens.tokenize_with_punctuation`) when they are sure to be the same
    list, else None (then the sentence is matched again).

    They are when the tokens hold every character of the sentence but its spaces (their joined
    text is the sentence without spaces; a spaced dash, the only token with a space, fails this)
    and no emoticon: then every token is a word of letters and hyphens, a number without a
    "-suffix", or one mark of the tone pattern's list, and ``WORD`` cuts each the same (it
    differs from the tone pattern only on characters that the tokens would leave out: the
    joiners ``'`` ``’`` ``*``, a number's "-" suffix, any other mark). About three sentences in
    four of news text; the test costs a fifth of matching the sentence again.
    """
    if "".join(marks) != "".join(sentence.split()):
        return None
    # An emoticon holds ":", ";" or "<" (as in per_article.sentence_words).
    if (":" in sentence or ";" in sentence or "<" in sentence) and any(len(m) > 1 and m[0] in ":;<" for m in marks):
        return None
    return marks


class Sentences:
    """An article's text cut into sentences, with each sentence's paragraph and words.

    Args:
        text: The article text.
        spans: Its sentence spans ``(start, end)``, in order.
        marks: Each sentence's tone tokens, when made already (see :func:`words_from_marks`;
            None for a sentence without them); its words are taken from them where they are the
            same. The lists are shared, not copied: nobody here changes them.

    Attributes:
        text: The article text.
        spans: The sentence spans.
        starts: Each sentence's start offset.
        para: Each sentence's paragraph number (a new one after a line break).
        sent_words: Each sentence's words and marks (:data:`WORD`), as strings.
        word_sets: The same, as a set.
        lows: Each sentence's words in lower case, as a set.
    """

    def __init__(
        self, text: str, spans: list[tuple[int, int]], marks: Sequence[list[str] | None] | None = None
    ) -> None:
        self.text = text
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.para = self._paragraphs()
        # each sentence's words (findall: no match objects; positions only where needed)
        findall = WORD.findall
        if marks is None:
            self.sent_words: list[list[str]] = [findall(text, s, e) for s, e in spans]
        else:
            self.sent_words = [
                (m is not None and words_from_marks(m, text[s:e])) or findall(text, s, e)
                for (s, e), m in zip(spans, marks)
            ]
        #: Each sentence's words as a set (the trigger's set lookups), and in lower case.
        self.word_sets = [set(ws) for ws in self.sent_words]
        lower = str.lower
        # (from the word lists, not the sets: the same set, and iterating a list is cheaper)
        self.lows = [set(map(lower, ws)) for ws in self.sent_words]
        self._pairs_for: list[tuple[int, int, bool]] | None = None
        self._pair_ends: list[int] = []
        self._tokens_of: dict[int, list[Tok]] = {}

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

    def sentence_tokens(self, si: int, pairs: list[tuple[int, int, bool]]) -> list[Tok]:
        """:meth:`tokens` of sentence ``si``, made once per sentence (the caller must not change
        the list) and, when no quote touches the sentence, from its words (:attr:`sent_words`)
        rather than by matching its text again.

        Args:
            si: The sentence's index.
            pairs: As :meth:`tokens`; the same list for every call on this article.
        """
        found = self._tokens_of.get(si)
        if found is not None:
            return found
        s, e = self.spans[si]
        first = self._first_pair(s, pairs)
        if first < len(pairs) and pairs[first][0] - 1 < e:
            found = self.tokens(s, e, pairs)
        else:
            found = self._toks_of(self.sent_words[si], s)
        self._tokens_of[si] = found
        return found

    def _first_pair(self, s: int, pairs: list[tuple[int, int, bool]]) -> int:
        """The index of the first pair that may reach a sentence starting at ``s``."""
        if pairs is not self._pairs_for:
            self._pairs_for, self._pair_ends = pairs, [b for _a, b, _c in pairs]
            self._tokens_of = {}
        # pairs are in text order and do not overlap
        return bisect_left(self._pair_ends, s - 1)

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
        first = self._first_pair(s, pairs)
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
            toks.append(make_tok(self.text[qa:qb], qa, qb, "q", k))
            pos = qb
        toks.extend(self.words(pos, e))
        return toks

    def words(self, a: int, b: int) -> list[Tok]:
        """Word and punctuation tokens of the text from ``a`` to ``b`` (quotation marks as
        punctuation)."""
        return self._toks_of(WORD.findall(self.text, a, b), a)

    def _toks_of(self, found: list[str], a: int) -> list[Tok]:
        """The tokens of ``found``, the matches of :data:`WORD` in the text from ``a`` on."""
        # Strings and str.find rather than match objects (a third of the cost): between two
        # matches of WORD stand only spaces and "_", which no match starts with, so each match
        # is the first occurrence of its text after the one before.
        find, new = self.text.find, tuple.__new__
        out: list[Tok] = []
        add = out.append
        pos = a
        for g in found:
            pos = find(g, pos)
            end = pos + len(g)
            if g[0].isalnum():
                add(new(Tok, (g, pos, end, "w", -1, g.lower(), g[0].isupper())))
            else:
                add(new(Tok, (g, pos, end, "p", -1, g.lower(), False)))
            pos = end
        return out

    def strip_end(self, s: int, e: int) -> int:
        """``e`` moved back over final stops and spaces (not before ``s``)."""
        while e > s and self.text[e - 1] in ".!? ":
            e -= 1
        return e
