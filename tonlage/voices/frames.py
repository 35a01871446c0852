"""Frames of reported and direct speech in one sentence: a verb of saying after its content
("…, sagte X", ", so X", ", hieß es") or before it ("X sagte, dass …", "X kündigte an, …", "X
sagte: …"), a noun of saying with its clause ("Vorwürfe von X, die Stadt sei …") and attribution
phrases ("laut X", "X zufolge", "nach Angaben von X", "wie X mitteilte", "demnach")."""

from __future__ import annotations

import logging

from .clauses import (
    clause_without,
    holds_on_to,
    is_complement,
    kind_of,
    participle_in_clause,
    passage,
    region_start,
    saying_verb,
)
from .konjunktiv import has_konj1
from .lexicon import COORD, POSTPOSED_EXTRA, SAYING_NOUNS, SOURCE_NOUNS, SUBORDINATORS
from .parts import NOBODY, Found, Speaker, Tok
from .people import People
from .phrases import NounPhrases
from .saying import ATTRIBUTION_WORDS, NEEDS_PARTICLE, SAYING_FORMS, SAYING_NOUN_SET
from .sentences import Sentences
from .speakers import SpeakerFinder

__all__ = ["FrameFinder"]

_SOURCE_NOUN_SET = frozenset(SOURCE_NOUNS)

log = logging.getLogger(__name__)


def through_parenthesis(toks: list[Tok], breaks: list[int], start: int) -> int:
    """Where the clause that goes on at ``start`` begins: before the aside it resumes after
    ("Obwohl Rubio vor dem Treffen mit Lawrow – und dessen Berater, Juri Uschakow – erklärt
    hatte, …": the clause is Rubio's, not "erklärt hatte" alone). ``start`` itself unless the
    token before it is a dash that closes one opened by the same dash earlier in the sentence."""
    if start == 0 or toks[start - 1].text not in "–—":
        return start
    dash = toks[start - 1].text
    at = breaks.index(start - 1)
    opening = next((k for k in reversed(breaks[:at]) if toks[k].text in "–—"), None)
    if opening is None or toks[opening].text != dash:
        return start
    return next((k + 1 for k in reversed(breaks) if k < opening), 0)


class FrameFinder:
    """Finds the frames of speech in the sentences of one article.

    Args:
        sentences: The article.
        people: Its people and the speakers met so far.
        phrases: The noun-phrase reader over the same article.
        speakers: The speaker finder over the same article.
    """

    def __init__(self, sentences: Sentences, people: People, phrases: NounPhrases, speakers: SpeakerFinder):
        self.sentences = sentences
        self.spans = sentences.spans
        self.lows = sentences.lows
        self.people = people
        self.phrases = phrases
        self.speakers = speakers

    def find(self, si: int, toks: list[Tok]) -> list[Found]:
        """Every passage a frame in sentence ``si`` marks as speech.

        Args:
            si: The sentence's index.
            toks: Its tokens (:meth:`.Sentences.tokens`).

        Returns:
            The passages in the order the rules find them; a speaker None means "the speaker
            before" (a bare "demnach", a source that names no one).
        """
        out: list[Found] = []
        n = len(toks)
        if not n:
            return out
        breaks = [i for i, t in enumerate(toks) if t.kind == "p" and t.text in ",;:()–—"]
        lows = self.lows[si]
        # which rules can fire at all (most sentences here hold one or two of these signs)
        has_verb = any(t.kind == "w" and (t.low in SAYING_FORMS or t.low in NEEDS_PARTICLE) for t in toks) or not (
            lows.isdisjoint(("hieß", "heißt"))
        )
        has_noun = not lows.isdisjoint(SAYING_NOUN_SET)
        has_phrase = not lows.isdisjoint(ATTRIBUTION_WORDS)
        post_starts = self._post_posed(si, toks, breaks, out)
        if has_verb:
            self._pre_posed(si, toks, breaks, post_starts, out)
        if has_noun:
            self._noun_clause(si, toks, breaks, out)
        if has_phrase:
            self._attribution(si, toks, out)
        return out

    def _post_posed(self, si: int, toks: list[Tok], breaks: list[int], out: list[Found]) -> list[int]:  # noqa: C901 - the post-posed speaker forms, tried in order
        """(A) A frame after its content: "<content>, sagte X" / ", so X" / ", hieß es" / ", hat X
        gesagt". Returns the commas that open such frames."""
        n = len(toks)
        post_starts: list[int] = []  # comma before a post-posed frame
        for ci in breaks:
            if toks[ci].text != "," or ci + 1 >= n:
                continue
            v = toks[ci + 1]
            lo = v.low
            if v.kind != "w" or not v.text.islower():
                continue
            spk, after, cue = None, ci + 2, "frame"
            if lo in ("heißt", "hieß") and ci + 2 < n and toks[ci + 2].low == "es":
                spk, after, cue = self.speakers.source_after(toks, ci + 3), ci + 3, "heisst"
                if spk is None or not spk.name:
                    out.append(
                        passage(
                            toks, region_start(toks, ci), ci, kind_of(toks[region_start(toks, ci) : ci]), cue, None, si
                        )
                    )
                    post_starts.append(ci)
                    continue
            elif lo in SAYING_FORMS or lo in POSTPOSED_EXTRA or self._split_frame(toks, breaks, ci + 1):
                spk, after = self.phrases.read(toks, ci + 2, told=True)
                if spk is None and ci + 2 < n and toks[ci + 2].low in ("man",):
                    spk = NOBODY
            elif lo in ("hat", "hatte", "haben", "hatten") and participle_in_clause(toks, ci + 2):
                spk, after = self.phrases.read(toks, ci + 2, told=True)
            elif lo == "so":
                spk, after = self.speakers.so_speaker(toks, ci + 2)
                cue = "so"
            if spk is None:
                continue
            post_starts.append(ci)
            start_i = region_start(toks, ci)
            before = toks[start_i:ci]
            colon_after = None
            for j in range(after, min(n, after + 12)):
                if toks[j].text == ":":
                    colon_after = j
                    break
                if toks[j].text in ",;" or toks[j].low in ("und", "sowie"):
                    break
            if colon_after is not None and colon_after + 1 < n:
                # "…, sagt X von der Uni: <content>": what follows the colon is X's too
                out.append(passage(toks, colon_after + 1, n, "direct", cue, spk, si))
                if not (has_konj1(before) or any(t.kind == "q" for t in before)):
                    continue
            if before:
                out.append(passage(toks, start_i, ci, kind_of(before), cue, spk, si))
            # "Die Lage, sagte Roth, sei ernst": the frame stands inside the content
            if colon_after is None and after < n - 1 and toks[after].text == "," and before:
                end_i = next(
                    (
                        p
                        for p in breaks
                        if p > after
                        and p + 1 < n
                        and toks[p].text == ","
                        and (toks[p + 1].low in SAYING_FORMS or toks[p + 1].low == "so")
                    ),
                    n,
                )
                rest = toks[after + 1 : end_i]
                if rest and (has_konj1(rest) or has_konj1(before)):
                    out.append(passage(toks, after + 1, end_i, "reported", cue, spk, si))
        return post_starts

    @staticmethod
    def _split_frame(toks: list[Tok], breaks: list[int], vi: int) -> bool:
        """``toks[vi]`` is a verb of saying whose particle its clause holds ("…, ließ sie
        wissen"), or "lassen" with a verb of saying ("…, ließ sie mitteilen"): "Welche
        Forderungen er stellt, lässt er offen" leaves something unsaid, and says nothing. (After
        a quotation in marks, the verb alone frames it: the marks say someone's words are given.)"""
        particles = NEEDS_PARTICLE.get(toks[vi].low)
        if not particles or holds_on_to(toks, vi):
            return False
        if vi >= 2 and toks[vi - 2].kind == "q":  # "„…“, ließ sie"
            return True
        # the clause may go on past an apposition's commas ("…, ließ der Sprecher, Max Roth, wissen")
        end = next((b for b in breaks if b > vi and toks[b].text in ";:"), len(toks))
        return any(
            t.low in particles or (t.low in SAYING_FORMS and t.text.islower()) for t in toks[vi + 1 : min(end, vi + 13)]
        )

    def _heisst_es(self, clause: list[Tok]) -> tuple[int, Speaker | None]:
        """``(index of "hieß", its source)`` of a clause that says who something came from
        ("Aus Washington hieß es", "Vom Ministerium heißt es"); ``(-1, None)`` when the clause is
        not one or names no source. "Im Fußball heißt es" names a saying's world, not who said
        it, and "Dazu hieß es" nobody: both are left to the subjunctive."""
        for vi in range(1, len(clause) - 1):
            if clause[vi].low in ("hieß", "heißt") and clause[vi + 1].low == "es":
                if clause[0].low not in ("aus", "von", "vom", "seitens"):
                    return -1, None
                spk = self.speakers.source_after(clause[:vi], 0)
                return (vi, spk) if spk is not None and spk.name else (-1, None)
        return -1, None

    def _pre_posed(self, si: int, toks: list[Tok], breaks: list[int], post_starts: list[int], out: list[Found]) -> None:
        """(B) A frame before its content: "X sagte, dass …" / "X sagte: …" / "X kündigte an, …"
        (the first one in the sentence)."""
        n = len(toks)
        region = -1  # index of the last colon or semicolon
        prev_break = -1
        for b in breaks:
            clause_start = prev_break + 1
            prev_break = b
            if toks[b].text not in ",:" or b + 1 >= n or any(clause_start <= p <= b for p in post_starts):
                if toks[b].text in ":;":
                    region = b
                continue
            c0 = through_parenthesis(toks, breaks, clause_start)
            if toks[b].text == ":" or (c0 < b and toks[c0].low in COORD):
                c0 = region + 1  # the whole statement before a colon; "…, sondern auch …:"
            clause = toks[c0:b]
            if toks[b].text == ":":
                region = b
            if not clause or (clause[0].low in SUBORDINATORS and clause[0].low != "wie") or clause[0].low == "wie":
                continue  # a subordinate clause ("was die Chefin dem Team sagte") frames nothing
            vi = saying_verb(clause)
            said_by = None
            if vi is None:
                vi, said_by = self._heisst_es(clause)
                if said_by is None:
                    continue
            if any(t.low in ("ich", "wir") for t in clause[: vi + 3] if t.kind == "w"):
                continue  # "Wir betonen, dass …": the speaker's own words
            rest_end = next((p for p in post_starts if p > b), n)
            colon2 = next((j for j in range(b + 1, rest_end) if toks[j].text == ":"), None)
            rest = toks[b + 1 : colon2 if colon2 is not None else rest_end]
            colon = toks[b].text == ":"
            if not rest or not (colon or is_complement(rest)):
                continue
            sub0 = max([c0] + [k + 1 for k in breaks if c0 <= k < c0 + vi])
            spk = said_by or (self.speakers.subject(toks, sub0, c0 + vi, b) if sub0 > c0 else None)
            spk = spk or self.speakers.subject(toks, c0, c0 + vi, b)
            if len(rest) == 1 and rest[0].kind == "q":
                kind = "direct"
            else:
                kind = "reported" if (not colon or has_konj1(rest)) else "direct"
            cue = "colon" if colon else "heisst" if said_by is not None else "frame"
            out.append(passage(toks, b + 1, b + 1 + len(rest), kind, cue, spk, si))
            if colon2 is not None and colon2 + 1 < rest_end:
                out.append(
                    passage(
                        toks,
                        colon2 + 1,
                        rest_end,
                        "reported" if has_konj1(toks[colon2 + 1 : rest_end]) else "direct",
                        "colon",
                        spk,
                        si,
                    )
                )
            return

    def _noun_clause(self, si: int, toks: list[Tok], breaks: list[int], out: list[Found]) -> None:
        """(C) A noun of saying with its clause: "zu Vorwürfen von X, die Stadt sei zu langsam"."""
        n = len(toks)
        covered = [(f.start, f.end) for f in out]
        for b in breaks:
            if toks[b].text != "," or b < 1 or b + 1 >= n or any(a <= toks[b + 1].start < z for a, z in covered):
                continue
            k = next((j for j in range(max(0, b - 10), b) if toks[j].cap and toks[j].low.endswith(SAYING_NOUNS)), None)
            if k is None:
                continue
            rest = toks[b + 1 :]
            if not (has_konj1(rest[:12]) or (rest and rest[0].low in ("dass", "daß"))):
                continue
            spk = None
            if k + 1 < b and toks[k + 1].low in ("von", "vom", "des", "der"):
                spk, _ = self.phrases.read(toks, k + 2)
            elif k > 0 and toks[k - 1].cap and toks[k - 1].text.endswith("s"):
                name = self.people.strip_genitive(toks[k - 1].text)
                if name != toks[k - 1].text:
                    spk = self.phrases.speaker([name], [], [], [], "", "")
            out.append(passage(toks, b + 1, n, "reported", "noun", spk or NOBODY, si))
            return

    def _named_by_prefix(self, toks: list[Tok], a_i: int, b_i: int) -> Speaker | None:
        """The source of an attribution phrase ``toks[a_i:b_i]`` whose source noun names it by
        its first part ("nach Kreml-Angaben", "laut US-Angaben", "Polizei-Angaben zufolge"):
        the Kremlin speaks, not "Kreml-Angaben"; None when no such noun is there."""
        for t in toks[a_i:b_i]:
            if t.kind != "w" or "-" not in t.text or not t.cap:
                continue
            prefix, noun = t.text.rsplit("-", 1)
            if noun.lower() in _SOURCE_NOUN_SET and prefix[:1].isupper():
                actor = self.people.actor(prefix)
                return Speaker(
                    self.people.actor_fullname(actor, prefix) if actor else prefix, actor, "institution", "frame"
                )
        return None

    def _attribution(self, si: int, toks: list[Tok], out: list[Found]) -> None:  # noqa: C901 - the attribution forms, tried in order
        """(D) Attribution phrases: "laut X", "X zufolge", "nach Angaben von X", "wie X
        mitteilte", "demnach"."""
        n = len(toks)
        s, e = self.spans[si]
        has_verb_frame = any(
            fr.cue in ("frame", "colon", "so") and fr.speaker is not None and fr.speaker.name for fr in out
        )
        for i, t in enumerate(toks):
            if t.kind != "w":
                continue
            lo = t.low
            spk = None
            if lo == "laut" and i + 1 < n:
                if toks[i + 1].low in ("eigenen", "eigener") and i + 2 < n:  # "laut eigenen Angaben"
                    spk, j = self.speakers.subject(toks, 0, i, i) or NOBODY, i + 3
                else:
                    spk, j = self.phrases.read(toks, i + 1, source=True)
                cue, a_i, b_i = "laut", i, j
            elif lo == "zufolge" and i > 0:
                spk, j0 = self.speakers.np_before(toks, i)
                cue, a_i, b_i = "zufolge", j0, i + 1
            elif lo == "nach" and i + 1 < n:
                k = next(
                    (j for j in (i + 1, i + 2) if j < n and toks[j].cap and toks[j].low.endswith(SOURCE_NOUNS)), None
                )
                if k is None:
                    continue
                prev = toks[k - 1].low
                if prev in ("eigenen", "eigener"):
                    spk, j = self.speakers.subject(toks, 0, i, i) or NOBODY, k + 1
                elif prev in ("seinen", "ihren", "seiner", "ihrer"):
                    spk, j = self.people.pronoun(prev[:3] == "sei") or NOBODY, k + 1
                else:
                    m = k + 1
                    if m + 1 < n and toks[m].text == "," and toks[m + 1].low == "unter":
                        m = m + 3  # "nach Berichten, darunter jenen der Zeitung X, …" ("unter anderem")
                    spk, j = self.phrases.read(toks, m, source=True)
                    if spk is None:
                        spk, j = NOBODY, k + 1
                    if m > k + 1 and j < n and toks[j].text == ",":
                        j += 1
                cue, a_i, b_i = "angaben", i, j
            elif lo == "wie" and (i == 0 or toks[i - 1].text in ",:;(–"):
                end = next((j for j in range(i + 1, n) if toks[j].text in ",.;:"), n)
                if i > 0 and (end >= n or toks[end].text != ","):
                    continue  # "…, ganz gleich, wie das Wetter war": no parenthesis
                vj = next(
                    (j for j in range(i + 1, end) if toks[j].low in SAYING_FORMS and toks[j].text.islower()), None
                )
                if vj is None or vj < end - 3 or any(x.low in ("und", "oder", "was") for x in toks[i + 1 : vj]):
                    continue
                spk, _ = self.phrases.read(toks, i + 1, source=True)
                cue, a_i, b_i = "wie", i, min(n, end + 1)
            elif lo == "demnach":
                out.append(Found(s, self.sentences.strip_end(s, e), "reported", "demnach", None, si))
                continue
            else:
                continue
            if spk is None:
                continue
            if cue in ("laut", "zufolge", "angaben"):
                spk = self._named_by_prefix(toks, a_i, b_i) or spk
            a, b = clause_without(toks, a_i, b_i)
            if b <= a:
                continue
            if has_verb_frame and cue in ("laut", "angaben", "wie"):
                spk = None  # "sagte Roth laut AFP": the agency relays, Roth speaks
            out.append(Found(a, b, "reported", cue, spk, si))
