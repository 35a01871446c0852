"""The :class:`Token` record and the tokeniser the tone rules run on.

A :class:`Token` holds everything the rules need to know about one word form (its kind, prior
polarity, part of speech, lexicon form, word classes). It depends only on the form, so each
scorer computes it once per distinct form (see :mod:`tonlage.tone.lookup`) and reuses the same
immutable object in every sentence; the per-sentence results live in
:class:`tonlage.tone.rules.SentenceState`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

__all__ = [
    "NON_WORD_TOKENS",
    "SPACES",
    "Token",
    "Kind",
    "Flag",
    "tokenize_with_punctuation",
    "token_spans",
    "word_tokens",
]


class Kind:
    """Token kinds (plain ints: compared millions of times per corpus)."""

    WORD = 0  # a word with no tone of its own
    TONE = 1  # a word with a polarity (lexicon, domain list or emoticon)
    NEG = 2  # a negator (kein, nicht, ohne, ...)
    MOD = 3  # an intensifier or downtoner (sehr, kaum, ...)
    CONTR = 4  # a contrast word (aber, jedoch, ...)
    BREAK = 5  # clause punctuation: , ; : ( ) [ ] – —
    QUOTE = 6  # a quotation mark
    END = 7  # sentence-final punctuation: . ! ? …
    NUM = 8  # a number


class Flag:
    """Bits of :attr:`Token.flags`: which rules a token can trigger. A sentence ORs its tokens'
    flags once and runs only the passes it needs (most sentences need few)."""

    CANDIDATE = 1 << 0  # a tone word or a modifier with a polarity of its own
    NEG = 1 << 1
    CONTR = 1 << 2
    MOD = 1 << 3
    PARTICLE = 1 << 4
    FUNCTION_VERB = 1 << 5
    REFUSAL = 1 << 6
    REPORTING = 1 << 7
    SUBJUNCTIVE = 1 << 8
    MODAL = 1 << 9
    QUOTE = 1 << 10
    IDIOM = 1 << 11  # words in an idiom rule ("gut")
    ZWAR = 1 << 12
    ELLIPSIS = 1 << 13
    FOCUS = 1 << 14


@dataclass(frozen=True, slots=True)
class Token:
    """One word form as the tone rules see it.

    Attributes:
        text: The surface form.
        low: Lower case.
        kind: One of :class:`Kind`.
        polarity: Prior polarity after lookup and word-level rules (0 for non-tone words; a
            modifier keeps the polarity it has when it stands alone, e.g. "leicht").
        pos: Part of speech of the lexicon entry: ``"NN"``, ``"JJ"``, ``"VB"``; ``"EMO"`` for
            emoticons; ``""`` when the word has no lexicon entry.
        lemma: The lexicon form it matched, else the lemmatiser's lemma.
        note: Why a word-level rule changed or found its polarity ("compound head 'Krise'"), a
            :class:`~tonlage.i18n.Message`; "" when none did.
        factor: Multiplier a modifier applies to the tone word after it (1.0 otherwise).
        candidate: May contribute tone (a tone word, or a modifier with its own polarity).
        particle: A separable verb particle ("hinzu", "fest", "zurück").
        function_verb: Its lemma is a function verb ("geraten", "bringen", "stellen").
        fv_preposition: A preposition that opens a function-verb construction ("ins", "zur").
        readiness: A readiness predicate ("bereit", "willens", "Lage").
        refusal: A refusal verb ("weigern").
        reporting: A reporting verb or source marker ("sagte", "zufolge").
        subjunctive: A Konjunktiv-I form of reported speech ("sei", "habe").
        modal: A modal or hedging word ("könnte", "vielleicht").
        post_negator: A negator that may negate a verb before it ("nicht", "nie").
        zu_infinitive: "zu" or a verb with infix "zu" ("abzuschließen").
        known: The surface form is a word the lemmatiser's dictionary or the lexicon knows (an
            unknown word at an excerpt's cut may be a fragment).
        focus: An adjective that doubles as a focus adverb ("allein", "bloß").
        determiner: An article, demonstrative or possessive ("die", "diese", "seine").
        is_tone: ``kind == Kind.TONE`` (read once per token of every sentence).
        flags: The :class:`Flag` bits of the above, for a quick per-sentence check.
    """

    text: str
    low: str
    kind: int = Kind.WORD
    polarity: float = 0.0
    pos: str = ""
    lemma: str = ""
    note: str = ""
    factor: float = 1.0
    candidate: bool = False
    particle: bool = False
    function_verb: bool = False
    fv_preposition: bool = False
    readiness: bool = False
    refusal: bool = False
    reporting: bool = False
    subjunctive: bool = False
    modal: bool = False
    post_negator: bool = False
    zu_infinitive: bool = False
    known: bool = True
    focus: bool = False
    determiner: bool = False
    is_tone: bool = False
    flags: int = 0

    @property
    def is_capitalised(self) -> bool:
        """Starts with an upper-case letter (a noun or name in German, or sentence start)."""
        return self.text[:1].isupper()


# Words (with inner hyphens, optional trailing hyphen for truncated compounds:
# "Friedens- und Sicherheitspolitik"), numbers, emoticons, a spaced dash, and the punctuation the
# rules read. One pattern without groups, so ``findall`` returns the tokens directly (the fastest
# way Python has). Word tokens are exactly those of tonlage.text.tokenize.
# The emoticon's "not inside a word" test stands after its first mark (a look-behind over two
# characters) rather than before it: a pattern that opens with a look-behind is tried at every
# position, one that opens with characters lets the search skip to them.
_TOKEN = re.compile(
    r"(?:[:;](?<!\w.)-?[()DP](?!\w)|<(?<!\w.)3)"
    r"|[^\W\d_]+(?:[-‑][^\W\d_]+)*-?"
    r"|\d+(?:[.,:]\d+)*"
    r"|\s[-‑]\s"
    r"|[,;:()\[\]–—„“”\"»«‹›.!?…]"
)
_WORD = re.compile(r"[^\W\d_]+(?:[-‑][^\W\d_]+)*-?|\d+(?:[.,:]\d+)*")


# The single marks of _TOKEN's last alternative.
_MARKS = frozenset(',;:()[]–—„“”"»«‹›.!?…')


#: Every character ``\s`` matches (and ``str.isspace`` is true of; a test checks all code points).
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

#: The tokens of :func:`tokenize_with_punctuation` that are no words or numbers (a word or
#: number starts with a letter or digit, no other token does): the emoticons, each spaced dash
#: and the single marks. A set lookup a token, which ``itertools.filterfalse`` makes at C
#: speed, instead of testing each token's first character in Python.
NON_WORD_TOKENS = frozenset(
    {a + n + b for a in ":;" for n in ("", "-") for b in "()DP"}
    | {"<3"}
    | {a + d + b for a in SPACES for d in "-‑" for b in SPACES}
    | _MARKS
)


def tokenize_with_punctuation(text: str) -> list[str]:
    """Word, number, emoticon and punctuation tokens in order.

    Args:
        text: One sentence.

    Returns:
        Token strings; a spaced dash is the token ``" - "`` (a clause break).
    """
    if "-" in text or "‑" in text:
        return _TOKEN.findall(text)
    # Without a hyphen no token holds a space (only the spaced dash does), no alternative starts
    # with one, and the look-arounds see a space or nothing at either end of a space-free chunk:
    # the tokens are those of each chunk (str.split and \s split on the same characters). A
    # chunk of letters is one word and a chunk of letters and one mark ("sagte,") two (the mark
    # after a letter is no emoticon); the others are matched. A third cheaper than matching the
    # sentence; three sentences in four have no hyphen.
    out: list[str] = []
    add = out.append
    for chunk in text.split():
        if chunk.isalpha():
            add(chunk)
        elif chunk[-1] in _MARKS and chunk[:-1].isalpha():
            add(chunk[:-1])
            add(chunk[-1])
        else:
            out.extend(_TOKEN.findall(chunk))
    return out


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Like :func:`tokenize_with_punctuation`, with each token's character offsets."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def word_tokens(text: str) -> list[str]:
    """Word and number tokens only (the same as :func:`tonlage.text.tokenize`)."""
    return _WORD.findall(text)
