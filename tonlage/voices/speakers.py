"""Where a passage's speaker is named: the subject of a frame's verb of saying, a speaker tag
("Kühn: …"), a caption after a quote ("– Bürgermeisterin Roth"), ", so X", "hieß es aus dem Amt",
"X zufolge", or the sentence before or after a quote that stands alone."""

from __future__ import annotations

import logging
import re

from .clauses import saying_verb
from .lexicon import (
    ADVERB_OPENERS,
    COORD,
    DETERMINERS,
    FUSED,
    NAME_GLUE,
    PREPOSITIONS,
    PRONOUNS,
    QUOTING_NOUNS,
    SOURCE_NOUNS,
)
from .marks import STRIP_MARKS, quote_pairs
from .names import CAPS_NAME, is_name_word, lemma, role_head
from .parts import NOBODY, Speaker, Tok
from .people import People
from .phrases import NounPhrases
from .sentences import Sentences

__all__ = ["SpeakerFinder", "after_tag", "maybe_tag"]

log = logging.getLogger(__name__)


class SpeakerFinder:
    """Finds where a passage's speaker is named, in one article.

    Args:
        sentences: The article.
        people: Its people and the speakers met so far.
        phrases: The noun-phrase reader over the same article.
    """

    def __init__(self, sentences: Sentences, people: People, phrases: NounPhrases):
        self.sentences = sentences
        self.text = sentences.text
        self.spans = sentences.spans
        self.people = people
        self.phrases = phrases

    def speaker_tag(self, toks: list[Tok]) -> Speaker | None:
        """The speaker of a tag opening a sentence, "Kühn: …" or "HANNA KÜHN: …".

        Args:
            toks: The sentence's tokens.

        Returns:
            The speaker; an empty speaker for the interviewer's tag ("REDAKTION: …"); None for
            no tag.
        """
        if len(toks) < 3:
            return None
        c = next((i for i, t in enumerate(toks[:5]) if t.text == ":"), None)
        if c is None or c == 0:
            return None
        words = toks[:c]
        if not all(t.kind == "w" and t.text[:1].isupper() for t in words) or len(words) > 3:
            return None
        if any(t.low in PREPOSITIONS or t.low in FUSED or t.low in DETERMINERS for t in words):
            return None
        if len(words) == 1 and words[0].low in ADVERB_OPENERS | DETERMINERS:
            return None
        name = " ".join(t.text for t in words)
        last = words[-1].text
        known = last.lower() in self.people.full_names and " " in self.people.full_names[last.lower()]
        role = len(words) >= 2 and bool(role_head(words[0].text)) and self.people.name_evidence(last)
        caps = all(CAPS_NAME.match(t.text) for t in words)
        if known or role or (caps and len(words) >= 2):
            full = self.people.expand(last) if (len(words) == 1 or role) else (name.title() if caps else name)
            return Speaker(full, self.people.actor(full), "person", "frame")
        if caps and len(words) == 1:
            return NOBODY  # an upper-case tag that is not a person's: the interviewer
        return None

    def clause_after_tag(self, toks: list[Tok]) -> bool:
        """Does a clause follow the tag (three words or more, a lower-case one no preposition)?"""
        rest = toks[after_tag(toks) :]
        words = [t for t in rest if t.kind == "w"]
        return len(words) >= 3 and any(t.text.islower() and t.low not in PREPOSITIONS for t in words)

    def caption(self, end: int) -> Speaker | None:
        """The speaker a caption names after a dash, right after a quote ending at ``end``
        („…“ – Bürgermeisterin Roth am 3. Mai …)."""
        m = re.match(r"[“”\"»«‘’]?\s*[–—-]\s+", self.text[end : end + 6])
        if not m:
            return None
        toks = self.sentences.words(end + m.end(), min(len(self.text), end + m.end() + 80))
        spk, _ = self.phrases.read(toks, 0)
        return spk if spk is not None and spk.name else None

    def verb_subject(self, toks: list[Tok], qi: int) -> Speaker | None:
        """The subject of the verb of saying in the clause of the quote at ``toks[qi]`` ("Die
        Kanzlerin X nannte den Vorschlag „grob fahrlässig“")."""
        c0 = next((k + 1 for k in range(qi - 1, -1, -1) if toks[k].text in ".;:!?"), 0)
        clause = toks[c0:qi]
        vi = saying_verb(clause)
        if vi is None:
            return None
        spk = self.subject(toks, c0, c0 + vi, qi)
        return spk if spk is not None and spk.name else None

    def colon_subject(self, toks: list[Tok], qi: int) -> Speaker | None:
        """The name a headline's clause opens with, for its quote after a colon ("Roth will
        mehr Radwege: „…“")."""
        if qi == 0 or toks[qi - 1].text != ":":
            return None
        c0 = next((k + 1 for k in range(qi - 2, -1, -1) if toks[k].text in ":;"), 0)
        return self._clause_subject(toks, c0)

    def _clause_subject(self, toks: list[Tok], c0: int) -> Speaker | None:
        """The name a headline-like clause opens with ("Roth will …", "„Abendblatt“ zu …")."""
        if c0 >= len(toks):
            return None
        if toks[c0].kind == "q" and len(toks[c0].text) < 40:
            name = toks[c0].text.strip(STRIP_MARKS)
            return Speaker(name, self.people.actor(name), "institution", "frame")
        spk, _ = self.phrases.read(toks, c0, strict=True)
        if spk is not None and spk.name and spk.kind == "person":
            return spk
        t = toks[c0]
        if (
            t.cap
            and c0 + 1 < len(toks)
            and toks[c0 + 1].kind == "w"
            and toks[c0 + 1].text.islower()
            and is_name_word(t.text)
            and lemma(t.text) == t.text
            and t.low not in ADVERB_OPENERS
        ):
            name = self.people.expand(self.people.strip_genitive(t.text))
            return Speaker(name, self.people.actor(name), "person", "frame")
        return None

    def line_before(self, si: int) -> Speaker | None:
        """A quote right after a line ending in a colon ("„Abendblatt“ zum Haushalt:")."""
        if si == 0:
            return None
        s, e = self.spans[si - 1]
        if not self.text[s:e].rstrip().endswith(":"):
            return None
        return self._clause_subject(
            self.sentences.tokens(
                s, e, quote_pairs(self.text[s:e]) and [(a + s, b + s, c) for a, b, c in quote_pairs(self.text[s:e])]
            ),
            0,
        )

    def quoting_noun(self, toks: list[Tok]) -> Speaker | None:
        """The author a quoting noun names ("…, um ein Wort der Ministerin X aufzugreifen")."""
        for k, t in enumerate(toks[:-2]):
            if t.cap and t.low.startswith(QUOTING_NOUNS) and toks[k + 1].low in ("von", "vom", "des", "der"):
                spk, _ = self.phrases.read(toks, k + 2, source=True)
                if spk is not None and spk.name:
                    return spk
        return None

    def frame_after(self, si: int) -> Speaker | None:
        """A quote standing alone, attributed in the next sentence ("Der Satz der früheren
        Ministerin Karla Ost …")."""
        if si + 1 >= len(self.spans):
            return None
        s, e = self.spans[si + 1]
        toks = self.sentences.words(s, e)
        if (
            len(toks) > 3
            and toks[0].low in ("dieser", "diesen", "dies", "das", "die", "diese")
            and toks[1].low.startswith(QUOTING_NOUNS)
            and toks[2].low in ("des", "der", "von")
        ):
            spk, _ = self.phrases.read(toks, 3, source=True)
            return spk if spk is not None and spk.name else None
        return None

    def subject_of(self, si: int) -> Speaker | None:
        """The person a sentence opens with (a name or a pronoun), for a quote that follows it."""
        if si < 0:
            return None
        s, e = self.spans[si]
        toks = self.sentences.words(s, e)
        if not toks:
            return None
        if toks[0].low in PRONOUNS:
            return self.people.pronoun(toks[0].low in ("er", "ihn", "ihm"), toks[0].start)
        spk, _ = self.phrases.read(toks, 0, strict=True)
        return spk if spk is not None and spk.kind == "person" and spk.name else None

    def subject(self, toks: list[Tok], c0: int, vi: int, c1: int) -> Speaker | None:
        """The speaker of a frame clause ``toks[c0:c1]`` with its verb at ``vi``: the agent of a
        passive ("von der Ministerin gebeten worden"), the noun phrase the clause opens with, or
        the one right after the verb ("Dennoch betonte Trainer X, …"), or a later one
        ("Beobachter hatten zuvor gesagt")."""
        if any(t.low in ("worden", "wurde", "wurden") for t in toks[c0:c1]):
            for j in range(c0, c1):
                if toks[j].low in ("von", "vom"):
                    spk, _ = self.phrases.read(toks, j + 1)
                    if spk is not None:
                        return spk
        spk, _ = self.phrases.read(toks, c0, strict=True)
        if spk is not None:
            return spk
        for j in range(vi + 1, min(c1, vi + 4)):
            if toks[j].low in COORD:
                break  # "… kritisiert und Russland als „Papiertiger“ bezeichnet": a new verb's object
            if toks[j].kind == "w" and toks[j].low in PRONOUNS:
                return self.people.pronoun(toks[j].low in ("er", "ihn", "ihm"), toks[j].start)
            if toks[j].low in ("man", "es"):
                return None
            if toks[j].kind == "w" and toks[j].low not in PREPOSITIONS and (toks[j].cap or toks[j].low in DETERMINERS):
                spk, _ = self.phrases.read(toks, j, strict=True)
                if spk is not None:
                    return spk
        for j in range(c0 + 1, vi):
            if toks[j - 1].low in PREPOSITIONS or toks[j - 1].low in DETERMINERS:
                continue
            spk, _ = self.phrases.read(toks, j, strict=True)
            if spk is not None:
                return spk
        return None

    def so_speaker(self, toks: list[Tok], i: int) -> tuple[Speaker | None, int]:
        """The speaker X of ", so X" at ``toks[i]``, and the index after it.

        ", so X" names a speaker only when X is a noun phrase that ends the clause (", so Roth." /
        ", so die Verbandschefin in …"); "so" before a verb, adjective or adverb is not a frame.
        """
        if i >= len(toks):
            return None, i
        t = toks[i]
        if t.kind != "w" or (t.text.islower() and t.low not in DETERMINERS and not self.people.linked_at(toks, i)[0]):
            return None, i
        spk, j = self.phrases.read(toks, i, strict=t.low not in DETERMINERS)
        if spk is None:
            return None, i
        rest = toks[j:]
        if (
            rest
            and rest[0].kind == "w"
            and rest[0].low not in PREPOSITIONS
            and rest[0].low
            not in (
                "weiter",
                "zudem",
                "außerdem",
                "dazu",
                "damals",
                "gegenüber",
                "zuletzt",
                "jüngst",
                "kürzlich",
                "abschließend",
                "sinngemäß",
                "wörtlich",
            )
        ):
            return None, i
        if rest and rest[0].kind == "p" and rest[0].text not in ",;.!?()":
            return None, i
        return spk, j

    def source_after(self, toks: list[Tok], i: int) -> Speaker | None:
        """The source named after "hieß es" at ``toks[i]`` ("aus dem Amt", "in ihrer Erklärung",
        "bei X")."""
        for j in range(i, min(len(toks), i + 6)):
            if toks[j].low in ("in", "aus", "bei", "von", "vom", "im", "seitens"):
                spk, _ = self.phrases.read(toks, j + 1, source=True)
                if spk is not None and spk.name:
                    return spk
        return None

    def np_before(self, toks: list[Tok], i: int) -> tuple[Speaker | None, int]:
        """The noun phrase ending before "zufolge" ("Dem Währungsfonds zufolge", "Insidern zufolge")."""
        j = i
        while j > 0 and i - j < 8:
            t = toks[j - 1]
            if t.kind == "p" or t.low in PREPOSITIONS:
                break
            if (
                t.kind == "w"
                and t.text.islower()
                and t.low not in DETERMINERS
                and t.low not in NAME_GLUE
                and not t.low.endswith(("en", "er", "em", "es", "e"))
            ):
                break
            j -= 1
            if t.low in DETERMINERS and not (j > 0 and toks[j - 1].cap and toks[j - 1].low.endswith(SOURCE_NOUNS)):
                break
        spk, _ = self.phrases.read(toks, j, source=True)
        return spk, j


def after_tag(toks: list[Tok]) -> int:
    """Index of the token after a speaker tag's colon (the last token at most)."""
    c = next(i for i, t in enumerate(toks) if t.text == ":")
    return min(c + 1, len(toks) - 1)


def maybe_tag(seq: list[str]) -> bool:
    """Can a sentence's words open with a speaker tag ("Kühn: …", "HANNA KÜHN: …"): up to three
    capitalised words, then a colon?"""
    if ":" not in seq[:5]:
        return False
    c = seq.index(":")
    return 0 < c <= 3 and all(w[:1].isupper() for w in seq[:c])
