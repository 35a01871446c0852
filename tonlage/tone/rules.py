"""Sentence-level rules: separate passes over a sentence's :class:`~tonlage.tone.tokens.Token` list.

Each pass reads the tokens and updates one :class:`SentenceState`; :func:`run_rules` runs them
in order and :func:`cues_of` turns the result into cue words with final weights.

1. :func:`pass_modifiers` — an intensifier or downtoner directly before a tone word scales it
   and is not a tone word itself ("leicht verletzt").
2. :func:`pass_idioms` — "gut 100 Menschen" (a good hundred), "so gut wie" are not praise.
3. :func:`pass_truncated` — a word cut by the excerpt's end carries no tone;
   :func:`pass_focus_adverbs` — "allein die Tatsache" is "merely", not "lonely".
4. :func:`pass_separable_verbs` — a finite lexicon verb whose clause ends in a separable
   particle is the particle verb: "fügte ... hinzu" is "hinzufügen" (its own lexicon entry, or
   no tone), not "fügen"; the particle is not an adjective ("ließ ... frei").
5. :func:`pass_function_verbs` — in a function-verb construction ("ins Stocken geraten",
   "in Kraft treten") the verb has no meaning of its own; only the noun may carry tone.
6. :func:`pass_negation` — kein/nicht/nie/ohne/weder…noch/nichts flip the nearest tone word
   after them in the clause (or, for "nicht"/"nie", a tone verb before them: "Das half
   nicht"). A negated readiness predicate ("nicht bereit", "nicht in der Lage") and a refusal
   verb ("weigert sich") reach over the zu-infinitive they govern ("nicht bereit, die
   Sicherheit ... zu garantieren" negates "Sicherheit" and "garantieren").
7. :func:`pass_contrast` — after a clause-opening aber/jedoch/doch/… (or any after "zwar")
   tone words weigh more, before it less.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import reduce
from operator import attrgetter, or_

from ..i18n import Message, join, message
from . import thresholds as th
from .lexicon import function_words
from .tokens import Flag, Kind, Token

log = logging.getLogger(__name__)

__all__ = ["SentenceState", "run_rules", "cues_of", "clause_spans"]

_CLAUSE_END = (Kind.BREAK, Kind.END, Kind.QUOTE)


@dataclass(slots=True)
class SentenceState:
    """What the passes found in one sentence.

    Attributes:
        tokens: The sentence's tokens.
        active: Per token: counts as a tone word.
        weight: Token index → a weight that a pass set in place of the token's polarity
            (a particle verb's own polarity).
        notes: Token index → explanations of the rules applied to it (messages).
        negated: Token index → the negator that flipped it.
        contrast_at: Index of the deciding contrast word, -1 if none.
        events: Sentence-level rule hits, e.g. ``("separable", "hinzufügen")``.
        flags: OR of the tokens' :class:`~tonlage.tone.tokens.Flag` bits.
    """

    tokens: list[Token]
    active: list[bool]
    weight: dict[int, float]
    notes: dict[int, list[Message]] = field(default_factory=dict)
    negated: dict[int, str] = field(default_factory=dict)
    contrast_at: int = -1
    events: list[tuple[str, str]] = field(default_factory=list)
    flags: int = 0
    _clauses: list[tuple[int, int]] | None = None

    @property
    def clauses(self) -> list[tuple[int, int]]:
        """The sentence's clause spans (computed once, on first use)."""
        if self._clauses is None:
            self._clauses = clause_spans(self.tokens)
        return self._clauses

    def note(self, i: int, text: Message) -> None:
        self.notes.setdefault(i, []).append(text)

    def drop(self, i: int, text: Message, event: str) -> None:
        """Token ``i`` is not a tone word here, for the reason ``text``."""
        if self.active[i]:
            self.active[i] = False
            self.events.append((event, self.tokens[i].text))
            self.note(i, text)


def clause_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """``(start, end)`` index ranges between clause punctuation, quotes and sentence ends."""
    spans, start = [], 0
    for i, t in enumerate(tokens):
        if t.kind in _CLAUSE_END:
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


def pass_modifiers(st: SentenceState) -> None:
    """A modifier directly before a tone word (or a run of two) scales it and is not a tone
    word itself; standing alone, a modifier with a polarity ("leicht") is one."""
    toks, n = st.tokens, len(st.tokens)
    for i, t in enumerate(toks):
        if t.kind == Kind.MOD and t.candidate:
            j = i + 1
            if j < n and toks[j].kind == Kind.MOD:
                j += 1
            if j < n and toks[j].kind == Kind.TONE:
                st.active[i] = False  # used as a modifier: "leicht" in "leicht verletzt"
            else:
                st.active[i] = True


def pass_idioms(st: SentenceState) -> None:
    """ "gut" before a number ("gut 100 Menschen") and in "so gut wie" is not praise."""
    toks, n = st.tokens, len(st.tokens)
    for i, t in enumerate(toks):
        if st.active[i] and t.low == "gut" and i + 1 < n:
            nxt = toks[i + 1]
            if nxt.kind == Kind.NUM or (nxt.low == "wie" and i > 0 and toks[i - 1].low == "so"):
                st.drop(i, message("idiom, not praise"), "idiom")


def _after_nicht(toks: list[Token], i: int) -> bool:
    """Whether "nicht" or "nicht mehr" stands right before ``toks[i]`` ("nicht nur", "nicht
    mehr allein")."""
    if i > 0 and toks[i - 1].low == "nicht":
        return True
    return i > 1 and toks[i - 1].low == "mehr" and toks[i - 2].low == "nicht"


def pass_focus_adverbs(st: SentenceState) -> None:
    """An uninflected adjective that doubles as a focus adverb ("allein", "bloß"), directly
    before a determiner or a number, or after "nicht" ("nicht mehr allein auf westlichen
    Werten"), means "only, merely" ("Allein die Tatsache ..."), not its lexicon sense ("allein"
    = lonely)."""
    toks, n = st.tokens, len(st.tokens)
    for i, t in enumerate(toks):
        if not (t.focus and st.active[i]):
            continue
        if _after_nicht(toks, i) or i + 1 < n and (toks[i + 1].determiner or toks[i + 1].kind == Kind.NUM):
            st.drop(i, message("focus adverb ('only')"), "focus_adverb")


def pass_truncated(st: SentenceState) -> None:
    """A word cut by an excerpt: the last word with no closing punctuation after it, or a word
    before an ellipsis, that neither the lemmatiser's dictionary nor the lexicon knows, is a
    fragment ("Verhandl…") that lookup may have read as another word."""
    toks = st.tokens
    last = len(toks) - 1
    while last >= 0 and toks[last].kind in (Kind.BREAK, Kind.QUOTE):
        last -= 1
    if last < 0:
        return
    cut = [last] if toks[last].kind != Kind.END else []
    if st.flags & Flag.ELLIPSIS:
        cut.extend(i for i in range(last) if toks[i + 1].text == "…")
    for i in cut:
        t = toks[i]
        if t.kind == Kind.TONE and st.active[i] and not t.known and not t.note.startswith("compound"):
            st.drop(i, message("word cut by the excerpt"), "truncated")


def _clause_start(tokens: list[Token], j: int) -> int:
    while j > 0 and tokens[j - 1].kind not in _CLAUSE_END:
        j -= 1
    return j


def pass_separable_verbs(st: SentenceState, lexicon: dict[str, float]) -> None:
    """A clause ending in a separable particle holds a particle verb: its own lexicon entry
    ("lehnte ... ab" = ablehnen) replaces the base verb's, or it has no tone ("fügte ...
    hinzu"); the particle is then not an adjective of its own."""
    toks = st.tokens
    n = len(toks)
    # Clause-final particles only: most particles are also prepositions ("an", "auf", "zu").
    finals = [
        j - 1
        for j, t in enumerate(toks)
        if t.kind >= Kind.BREAK and t.kind != Kind.NUM and j and toks[j - 1].flags & Flag.PARTICLE
    ]
    if toks[-1].flags & Flag.PARTICLE:
        finals.append(n - 1)
    for j in finals:
        start = _clause_start(toks, j)
        if j <= start:
            continue
        particle = toks[j]
        # The verb is the first word of the clause (before the particle) that forms a known
        # particle verb with it; failing that, a tone verb or a very general verb of the
        # clause is read as one ("ließ ... frei").
        verb = -1
        combined = ""
        for k in range(start, j):
            t = toks[k]
            if t.kind in (Kind.WORD, Kind.TONE) and t.text[:1].islower() and t.lemma:
                cand = particle.low + t.lemma.lower()
                if cand in lexicon:
                    verb, combined = k, cand
                    break
        if verb < 0:
            for k in range(start, j):
                if (toks[k].kind == Kind.TONE and toks[k].pos == "VB" and st.active[k]) or toks[k].function_verb:
                    verb, combined = k, particle.low + toks[k].lemma.lower()
                    break
        if verb < 0:
            continue
        if particle.kind == Kind.TONE:
            st.drop(j, message("particle of '{word}'", word=combined), "separable")
        pol = lexicon.get(combined, 0.0)
        st.events.append(("separable", combined))
        if pol == 0.0:
            st.drop(verb, message("part of '{word}'", word=combined), "separable")
        else:
            st.active[verb] = True
            st.weight[verb] = pol
            st.note(verb, message("read as '{word}'", word=combined))


def pass_function_verbs(st: SentenceState) -> None:
    """A function verb in a clause with a preposition + noun ("ins Stocken geraten",
    "in Kraft treten") has no meaning of its own."""
    toks = st.tokens
    if not any(st.active[k] for k, t in enumerate(toks) if t.flags & Flag.FUNCTION_VERB):
        return
    for start, end in st.clauses:
        verbs = [k for k in range(start, end) if toks[k].function_verb and st.active[k]]
        if not verbs:
            continue
        for p in range(start, end - 1):
            if not toks[p].fv_preposition:
                continue
            # preposition (+ one adjective) + noun
            q = p + 1
            if q < end and not toks[q].is_capitalised and q + 1 < end:
                q += 1
            if q < end and toks[q].is_capitalised and toks[q].kind in (Kind.WORD, Kind.TONE):
                phrase = f"{toks[p].text} {toks[q].text}"
                for k in verbs:
                    if k != q:
                        st.drop(k, message("function verb in '{phrase}'", phrase=phrase), "function_verb")
                break


def _infinitive_end(toks: list[Token], start: int) -> int:
    """Index after the zu-infinitive that starts at or after ``start`` (capped)."""
    limit = min(len(toks), start + th.SCOPE_MAX_TOKENS)
    seen_zu = False
    for j in range(start, limit):
        if toks[j].zu_infinitive:
            seen_zu = True
        elif seen_zu and toks[j].kind in (Kind.BREAK, Kind.END) or toks[j].kind == Kind.END:
            return j
    return limit if seen_zu else start


def pass_negation(st: SentenceState, window: int = th.NEGATION_WINDOW) -> None:  # noqa: C901 - negation scope in one pass over the tokens (hot path)
    """Each negator flips the nearest tone word after it in its clause (within ``window``
    tokens), or for "nicht"/"nie" a tone verb before it; a negated readiness predicate and a
    refusal verb flip every tone word of the zu-infinitive they govern."""
    toks, active, n = st.tokens, st.active, len(st.tokens)
    negators = [i for i, t in enumerate(toks) if t.kind == Kind.NEG]
    for i in list(negators):
        if toks[i].low == "weder":  # "weder A noch B": "noch" negates B
            for j in range(i + 1, n):
                if toks[j].kind == Kind.BREAK:
                    break
                if toks[j].low == "noch":
                    negators.append(j)
                    break
    for i in negators:
        low = toks[i].low
        if low == "nicht":  # "nicht nur", "nicht mehr allein": a focus phrase, no negation
            k = i + 2 if i + 2 < n and toks[i + 1].low == "mehr" else i + 1
            if k < n and toks[k].low in _FOCUS_AFTER_NICHT:
                continue
        target = -1
        for j in range(i + 1, min(n, i + 1 + window)):
            if toks[j].kind in (Kind.BREAK, Kind.END):
                break
            if toks[j].readiness and (toks[j].text != "Lage" or toks[j - 1].low == "der"):
                # "nicht bereit, X zu tun": the negation reaches over the zu-infinitive
                end = _infinitive_end(toks, j + 1)
                hits = [k for k in range(j + 1, end) if active[k] and k not in st.negated]
                for k in hits:
                    st.negated[k] = f"{toks[i].text} {toks[j].text} … zu"
                if hits:
                    st.events.append(("negation_scope", toks[j].text))
                target = -2
                break
            if active[j]:
                target = j
                break
        if target == -1 and toks[i].post_negator:
            for j in range(i - 1, max(-1, i - 1 - window), -1):
                if toks[j].kind in (Kind.BREAK, Kind.END, Kind.NEG):
                    break
                if active[j]:
                    if toks[j].pos == "VB":
                        target = j
                    break
        if target >= 0 and target not in st.negated:
            st.negated[target] = toks[i].text
    for i, t in enumerate(toks):
        if t.refusal:
            end = _infinitive_end(toks, i + 1)
            hits = [k for k in range(i + 1, end) if active[k] and k not in st.negated]
            for k in hits:
                st.negated[k] = f"{t.text} … zu"
            if hits:
                st.events.append(("refusal_scope", t.text))


#: Words after which "nicht" (or "nicht mehr") is no negation but a focus phrase ("nicht nur",
#: "nicht zuletzt", "nicht mehr allein"), ``not_negation_after_nicht`` in data/function_words.tsv.
_FOCUS_AFTER_NICHT = frozenset(function_words("not_negation_after_nicht"))
#: Those of them that announce an additive "sondern" ("nicht nur …, sondern auch …").
_ONLY = _FOCUS_AFTER_NICHT - {"zuletzt"}


def pass_contrast(st: SentenceState) -> None:
    """The last clause-opening contrast word (or any after "zwar") splits the sentence: tone
    words after it weigh more, before it less (see :func:`cues_of`). The "sondern" of "nicht nur
    …, sondern auch …" (or "nicht mehr allein") adds rather than contrasts, and splits nothing."""
    toks = st.tokens
    seen_zwar = False
    seen_word = False
    not_only = False  # "nicht (mehr) nur X, sondern (auch) Y" adds Y to X: its "sondern" weighs nothing
    for i, t in enumerate(toks):
        if t.low == "zwar":
            seen_zwar = True
        elif t.low in _ONLY and _after_nicht(toks, i):
            not_only = True
        elif t.kind == Kind.CONTR and seen_word:
            if t.low == "sondern" and not_only:
                not_only = False
            elif toks[i - 1].kind == Kind.BREAK or seen_zwar:
                st.contrast_at = i
        if t.kind != Kind.BREAK:
            seen_word = True


def has_final_particle(tokens: list[Token]) -> bool:
    """Whether a separable particle ends a clause (the sentence may hold a particle verb)."""
    last = len(tokens) - 1
    for j, t in enumerate(tokens):
        if t.flags & Flag.PARTICLE and (j == last or tokens[j + 1].kind in _CLAUSE_END):
            return True
    return False


def run_rules(
    tokens: list[Token],
    lexicon: dict[str, float],
    *,
    window: int = th.NEGATION_WINDOW,
    sense_rules: bool = True,
    flags: int | None = None,
) -> SentenceState:
    """Run every pass over one sentence's tokens.

    Args:
        tokens: The sentence's tokens (with punctuation tokens where known).
        lexicon: Form → polarity, for particle verbs found by :func:`pass_separable_verbs`.
        window: How many tokens a negator reaches.
        sense_rules: Run the sense passes (truncation, separable and function verbs).
        flags: The OR of the tokens' flags, if the caller has it already.

    Returns:
        The filled state.
    """
    if flags is None:
        flags = reduce(or_, map(_FLAGS, tokens), 0)
    st = SentenceState(tokens, list(map(_IS_TONE, tokens)), {}, {}, {}, -1, [], flags)
    if flags & Flag.MOD:
        pass_modifiers(st)
    if flags & Flag.IDIOM:
        pass_idioms(st)
    if sense_rules:
        pass_truncated(st)
        if flags & Flag.FOCUS:
            pass_focus_adverbs(st)
        if flags & Flag.PARTICLE:
            pass_separable_verbs(st, lexicon)
        if flags & Flag.FUNCTION_VERB:
            pass_function_verbs(st)
    if flags & (Flag.NEG | Flag.REFUSAL):
        pass_negation(st, window)
    if flags & Flag.CONTR:
        pass_contrast(st)
    return st


_FLAGS = attrgetter("flags")
_IS_TONE = attrgetter("is_tone")


def cues_of(
    st: SentenceState,
    *,
    negation_factor: float = th.NEGATION_FACTOR,
    negated_negative_factor: float = th.NEGATED_NEGATIVE_FACTOR,
    contrast_before: float = th.CONTRAST_BEFORE,
    contrast_after: float = th.CONTRAST_AFTER,
) -> list[tuple[int, float, str]]:
    """Final weight and explanation of every active tone word.

    Returns:
        ``(token index, weight, note)`` in sentence order; the note is a
        :class:`~tonlage.i18n.Message` (the rules applied, several joined with "; "), or "".
    """
    toks = st.tokens
    out = []
    contrast_at = st.contrast_at
    contrast_word = toks[contrast_at].low if contrast_at >= 0 else ""
    weight, negated, extra, active = st.weight, st.negated, st.notes, st.active
    check_mods = bool(st.flags & Flag.MOD)
    for i in [i for i, a in enumerate(active) if a]:
        t = toks[i]
        w = weight.get(i, t.polarity)
        if not (check_mods or i in negated or i in extra or contrast_at >= 0):
            out.append((i, w, t.note))  # the common case: no sentence rule touched it
            continue
        notes = [t.note] if t.note else []
        notes.extend(extra.get(i, ()))
        j, mods = i - 1, 0
        while j >= 0 and toks[j].kind == Kind.MOD and not active[j] and mods < th.MAX_MODIFIER_RUN:
            factor = toks[j].factor
            w *= factor
            if factor > 1:
                notes.append(message("intensified by '{word}'", word=toks[j].text))
            else:
                notes.append(message("toned down by '{word}'", word=toks[j].text))
            j -= 1
            mods += 1
        if i in negated:
            w *= negation_factor if w > 0 else negated_negative_factor
            notes.append(message("negated by '{word}'", word=negated[i]))
        if contrast_at >= 0:
            if i > contrast_at:
                w *= contrast_after
                notes.append(message("after '{word}' (weighted up)", word=contrast_word))
            else:
                w *= contrast_before
                notes.append(message("before '{word}' (weighted down)", word=contrast_word))
        out.append((i, w, notes[0] if len(notes) == 1 else join(notes, sep="; ") if notes else ""))
    return out
