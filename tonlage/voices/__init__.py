"""Who speaks: quoted and reported voices in German news text, and whom they belong to.

News tone mixes two things: how the author writes and what the people in the story say. This
module separates them. For an article text and its sentence spans it finds

- **direct quotes** between quotation marks („…“, "…", »…«, «…», ‚…‘, “…”), also when they run
  over several sentences, and direct speech without marks after a colon frame or a speaker tag
  ("Kühn: …", interview answers);
- **reported speech**: content framed by a verb of saying ("…, sagte X", "X betonte, dass …",
  "X kündigte an, …", "…, so X"), by attribution phrases ("laut X", "X zufolge", "nach Angaben
  von X", "wie X mitteilte", "heißt es") or by a noun of saying ("Vorwürfe von X, …"), and
  sentences in Konjunktiv I that continue a report ("Die Partei werde nachgeben müssen.");

and gives each a speaker: the person or institution named in the frame, with pronouns ("er"),
role nouns ("der Minister", "der Schwede") and bare surnames resolved against the people the
article names, mapped to a tracked actor (``data/actors.csv``) when the name or role is one of
its aliases ("der Kremlchef" → Putin). A name inside the quote is never its speaker.

It is rules over the surface text, no model: fast, deterministic, and each :class:`Quote`
carries the rule that found it. The rules were developed on the tune half of the hand labels in
``bench/labels`` and are measured on the held-out half by ``bench/quotes_quality.py``.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right

from ..actors import Actor, ActorMatcher, trie_pattern

__all__ = ["Quote", "SentenceVoice", "VoiceFinder", "AUTHOR", "QUOTED", "is_konjunktiv_one", "quote_pairs",
           "SAYING_FORMS"]

log = logging.getLogger(__name__)

# Longer "sentences" (lists, run-on blocks) are not searched for speech: see _Article.run.
_MAX_TOKENS = 400

from .konjunktiv import KONJ1_IDIOM_PATTERN as _KONJ1_IDIOMS
from .konjunktiv import is_konjunktiv_one
from .konjunktiv import konj1_in as _konj1_in
from .marks import QUOTE_CHARS as _QUOTE_CHARS
from .marks import STRIP_MARKS as _STRIP_MARKS
from .marks import quote_pairs
from .names import ACRONYM as _ACRONYM
from .names import CAPS_NAME as _CAPS_NAME
from .names import inst_lemma as _inst_lemma
from .names import institution_head as _institution_head
from .names import is_name_word as _is_name_word
from .names import lemma as _lemma
from .names import plural_group as _plural_group
from .names import prev_token as _prev_token
from .names import role_head as _role_head
from .parts import NOBODY as _NOBODY
from .parts import Found as _Found
from .parts import Speaker as _Speaker
from .parts import Tok as _Tok
from .results import AUTHOR, QUOTED, Quote, SentenceVoice
from .results import NO_VOICE as _NO_VOICE
# Word classes: data/*.tsv, read by .lexicon; the forms of the verbs of saying: .saying.
from .lexicon import (  # noqa: I001
    ADVERB_OPENERS as _ADVERB_OPENERS,
    ANAPHORIC_INSTITUTIONS as _ANAPHORIC_INSTITUTIONS,
    COORD as _COORD,
    DETERMINERS as _DETERMINERS,
    DOCUMENT_NOUNS as _DOCUMENT_NOUNS,
    FIRST_PERSON as _FIRST_PERSON,
    FUSED as _FUSED,
    GROUP_HEADS as _GROUP_HEADS,
    INDEFINITE as _INDEFINITE,
    KONJ2 as _KONJ2,
    LEADER_HEADS as _LEADER_HEADS,
    MEDIA_HEADS as _MEDIA_HEADS,
    MODALS as _MODALS,
    NAME_GLUE as _NAME_GLUE,
    POSTPOSED_EXTRA as _POSTPOSED_EXTRA,
    PREPOSITIONS as _PREPOSITIONS,
    PRONOUNS as _PRONOUNS,
    QUOTING_NOUNS as _QUOTING_NOUNS,
    SAYING_NOUNS as _SAYING_NOUNS,
    SCARE_CUES as _SCARE_CUES,
    SOURCE_NOUNS as _SOURCE_NOUNS,
    SUBORDINATORS as _SUBORDINATORS,
    TITLE_NOUNS as _TITLE_NOUNS,
)
from .saying import (  # noqa: I001
    ATTRIBUTION_WORDS as _ATTRIBUTION_WORDS,
    FRAME_WORDS as _FRAME_WORDS,
    NEEDS_PARTICLE as _NEEDS_PARTICLE,
    SAYING_FORMS,
    SAYING_NOUN_SET as _SAYING_NOUN_SET,
    SPLIT_FORMS as _SPLIT_FORMS,
    TRIGGER_LOWS as _TRIGGER_LOWS,
)

_WORD = re.compile(r"[^\W\d_]+(?:[-‑'’*][^\W\d_]+)*-?|\d+(?:[.,:]\d+)*(?:-[^\W\d_]+)?|[^\w\s]", re.UNICODE)
_ZU_INF = re.compile(r"^[a-zäöüß]+zu[a-zäöüß]+(?:en|ern|eln)$")

# How sure a passage's speaker is: a frame that names it beats a continuation's guess.
_UNMARKED = frozenset({"first-person", "frame", "so", "colon"})
_CUE_RANK = {"frame": 3, "colon": 3, "so": 3, "interview": 3, "laut": 2, "zufolge": 2, "angaben": 2,
             "wie": 2, "heisst": 2, "noun": 2, "marks": 1, "konj1": 0, "konj2": 0, "demnach": 0,
             "first-person": 0}




















class VoiceFinder:
    """Finds quotes and reported speech in an article and gives them speakers.

    Follows scikit-learn's contract: ``__init__`` stores parameters, :meth:`fit` builds the actor
    matcher, then :meth:`find` and :meth:`sentence_voices` work on one article at a time.

    Args:
        actors: The tracked actors (``data/actors.csv``); a speaker named by one of an actor's
            aliases is mapped to that actor. ``None`` or empty: no mapping.
        quoted_share: A sentence is in the quoted voice when quotes cover at least this share
            of its letters.
        continuation: How many sentences after a frame a report in Konjunktiv I may continue
            and still get that frame's speaker.
    """

    def __init__(self, actors: list[Actor] | None = None, *, quoted_share: float = 0.5, continuation: int = 3):
        self.actors = actors
        self.quoted_share = quoted_share
        self.continuation = continuation

    def fit(self, X=None, y=None) -> "VoiceFinder":
        self.matcher_ = ActorMatcher(list(self.actors or [])).fit()
        return self

    def find(self, text: str, spans: list[tuple[int, int]] | None = None) -> list[Quote]:
        """Every quoted and reported passage of ``text``, in text order.

        Args:
            text: The article text (the pipeline's normalised text; offsets point into it).
            spans: Its sentence spans (:func:`tonlage.text.split_sentences`); computed when
                omitted.
        """
        if not hasattr(self, "matcher_"):
            raise RuntimeError("VoiceFinder is not fitted; call fit() first")
        if spans is None:
            from ..text import split_sentences

            spans = split_sentences(text)
        if not spans:
            return []
        return _Article(self, text, spans).run()

    def sentence_voices(self, text: str, spans: list[tuple[int, int]],
                        quotes: list[Quote] | None = None) -> list[SentenceVoice]:
        """One :class:`SentenceVoice` per sentence span (arguments as :meth:`find`; ``quotes``
        when already found)."""
        if quotes is None:
            quotes = self.find(text, spans)
        if not quotes:
            return [_NO_VOICE] * len(spans)
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
                out.append(_NO_VOICE)
                continue
            ps.sort(key=lambda p: p[0])
            covered = [sum(map(alnum, text[a:b])) for a, b, _q in ps]
            inside, last = 0, s
            for a, b, _q in ps:   # overlapping parts count once
                a = max(a, last)
                if b > a:
                    inside += sum(map(alnum, text[a:b]))
                    last = b
            letters = sum(map(alnum, text[s:e])) or 1
            share = min(1.0, inside / letters)
            main = ps[max(range(len(ps)), key=covered.__getitem__)][2]
            out.append(SentenceVoice(QUOTED if share >= self.quoted_share else AUTHOR, main.speaker,
                                     main.speaker_actor, main.kind, tuple((a - s, b - s) for a, b, _ in ps),
                                     round(share, 4)))
        return out


# ---------------------------------------------------------------------------------------------
# Helpers on words
# ---------------------------------------------------------------------------------------------











# ---------------------------------------------------------------------------------------------
# One article
# ---------------------------------------------------------------------------------------------

class _Article:
    """The work for one article, with what it learns about the article's people while reading."""

    def __init__(self, finder: VoiceFinder, text: str, spans: list[tuple[int, int]]):
        self.f = finder
        self.text = text
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.para = self._paragraphs()
        # each sentence's words (findall: no match objects; positions only where needed)
        self.sent_words = [_WORD.findall(text, s, e) for s, e in spans]
        self.lows = [{w.lower() for w in ws} for ws in self.sent_words]
        self.history: list[tuple[int, _Speaker]] = []   # (sentence, speaker) as read

    # The article's people are learned on first need: an article nobody speaks in needs none.
    _NAME_FIELDS = frozenset({"full_names", "first_names", "mentions", "roles", "mention_pos"})

    def __getattr__(self, name: str):
        if name in _Article._NAME_FIELDS:
            self._learn_names()
            return self.__dict__[name]
        raise AttributeError(name)

    # --- what the article tells about its people ----------------------------------------

    def _paragraphs(self) -> list[int]:
        out, para, prev = [], 0, None
        for s, e in self.spans:
            if prev is not None and "\n" in self.text[prev:s]:
                para += 1
            out.append(para)
            prev = e
        return out

    def _learn_names(self) -> None:
        """Full names ("Anna Roth") and role appositions ("Finanzminister X", "Kanzlerin
        Roth"): both are runs of capitalised words."""
        self.full_names: dict[str, str] = {}            # surname (lower case) → "First Surname"
        self.first_names: set[str] = set()              # first words of those full names
        self.mentions: list[tuple[int, str]] = []       # (offset, name) of people named
        self.roles: list[tuple[int, str, str]] = []     # (offset, role head, name)
        text = self.text
        sent_starts = set(self.starts)
        for m in _CAP_RUN.finditer(text):
            words = m.group().split(" ")
            offsets = []
            o = m.start()
            for w in words:
                offsets.append(o)
                o += len(w) + 1
            n = len(words)
            i = 0
            while i < n:
                w = words[i]
                if not w or not _is_name_word(w) or _ACRONYM.match(w) or self._with_article(w) or (
                        i + 1 < n and self._strip_genitive(w) != w):   # "Trumps Fiasko": a genitive, no name
                    i += 1
                    continue
                j = i
                while j + 1 < n and j - i < 2 and words[j + 1] and _is_name_word(words[j + 1]) \
                        and not _ACRONYM.match(words[j + 1]) \
                        and not self._with_article(words[j + 1]):
                    j += 1
                a = offsets[i]
                prev = words[i - 1] if i else _prev_token(text, a)
                pl = prev.lower()
                initial = a in sent_starts and w.lower().endswith("es")  # "Gesuchtes Ehepaar"
                if j > i and pl not in _DETERMINERS and pl not in _FUSED and not initial:
                    parts = words[i:j + 1]
                    parts[-1] = self._strip_genitive(parts[-1])
                    full = " ".join(parts)
                    self.full_names.setdefault(parts[-1].lower(), full)
                    self.first_names.add(parts[0])
                    self.mentions.append((a, full))
                    if i and _role_head(prev):
                        self.roles.append((a, _role_head(prev), full))
                elif j == i and i and _role_head(prev):
                    name = self._strip_genitive(w)   # "Kanzlerin Roth", "SPD-Chef Lang"
                    self.roles.append((a, _role_head(prev), name))
                    self.mentions.append((a, name))
                i = j + 1
        self.mention_pos = [p for p, _ in self.mentions]

    def _with_article(self, word: str) -> bool:
        """Does the article put an article right before ``word`` somewhere ("das Fiasko", "der
        Vereinigten Staaten")? Then it is a common noun or a descriptive name."""
        found = self.__dict__.get("_after_article")
        if found is None:
            found = self._after_article = set(_AFTER_ARTICLE.findall(self.text))
        return word in found

    def _bare(self, word: str) -> bool:
        """Does the article use ``word`` without an article or adjective before it, mid-sentence
        ("sagte Roth", "mit Roth")? Names do; common nouns mostly do not."""
        memo = self.__dict__.setdefault("_bare_memo", {})
        if word in memo:
            return memo[word]
        text, found, pos = self.text, False, 0
        starts = self.__dict__.setdefault("_start_set", set(self.starts))
        while not found:
            a = text.find(word, pos)
            if a < 0:
                break
            pos = a + 1
            b = a + len(word)
            if (a and text[a - 1].isalnum()) or (b < len(text) and text[b].isalnum()) or a in starts:
                continue
            prev = _prev_token(text, a)
            pl = prev.lower()
            found = prev[:1].isalpha() and pl not in _DETERMINERS and not (
                prev.islower() and pl.endswith(("e", "en", "er", "es", "em")) and pl not in _PREPOSITIONS)
        memo[word] = found
        return found

    def _strip_genitive(self, word: str) -> str:
        """"Lutz'" → "Lutz"; "Trumps" → "Trump" when the bare form is used too (or is an actor)."""
        if word.endswith(("'", "’")):
            return word[:-1]
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "as")):
            stem = word[:-1]
            if self._bare(stem) or stem.lower() in self.full_names or self._actor(stem):
                return stem
        return word

    def expand(self, name: str) -> str:
        """A surname alone becomes the full name the article uses ("Roth" → "Anna Roth")."""
        if " " in name:
            return name.title() if name.isupper() else name
        full = self.full_names.get(name.lower())
        if full and full.lower() != name.lower():
            return full.title() if full.isupper() else full
        return name.title() if name.isupper() and len(name) > 4 else name

    def last_mention(self, pos: int, within: int | None = None) -> _Speaker | None:
        k = bisect_left(self.mention_pos, pos) - 1
        if k < 0 or (within is not None and pos - self.mentions[k][0] > within):
            return None
        name = self.expand(self.mentions[k][1])
        return _Speaker(name, self._actor(name), "person", "role")

    def _actor(self, surface: str) -> str:
        """The tracked actor a speaker's name is: an alias that ends the name ("Wladimir Putin",
        "der Kremlchef") or opens an institution's compound ("EU-Kommission"); not an alias
        somewhere inside it ("EU-Wetterdienst Alpha" is not the EU)."""
        if not surface:
            return ""
        for actor, _alias, a, b in self.f.matcher_.find(surface):
            rest = surface[b:]
            if not rest.strip(" '’"):
                return actor
            if rest.startswith("-") and " " not in rest and _institution_head(rest[1:]):
                return actor
        return ""

    # --- the run -------------------------------------------------------------------------

    def run(self) -> list[Quote]:
        text = self.text
        pairs = [p for p in quote_pairs(text) if p[1] > p[0] and text[p[0]:p[1]].strip(_STRIP_MARKS)]
        sent_of = lambda pos: max(0, bisect_right(self.starts, pos) - 1)  # noqa: E731
        found: list[_Found] = []
        speech_sent = [False] * len(self.spans)   # the sentence holds speech (for continuations)
        framed = [False] * len(self.spans)        # … found by marks or a frame, not as a continuation
        with_pair = set()
        for a, b, _c in pairs:
            with_pair.update(range(sent_of(max(0, a - 1)), sent_of(max(a, b - 1)) + 1))
        tags = [self._speaker_tag(self._tokens(s, e, pairs)) if _maybe_tag(self.sent_words[si]) else None
                for si, (s, e) in enumerate(self.spans)]
        # an interview: speaker tags ("REDAKTION:", "Kühn:") open at least two sentences
        is_interview = sum(t is not None for t in tags) >= 2
        interview: _Speaker | None = None
        for si, (s, e) in enumerate(self.spans):
            trigger = "frame" if si in with_pair or tags[si] is not None else self._triggered(
                si, self.lows[si], si > 0 and speech_sent[si - 1])
            if trigger == "konj" and interview is None:
                # no frame possible: at most a report continued in the subjunctive
                cont = self._continuation(si, [w for w in self.sent_words[si] if w[0].isalnum()], speech_sent, framed)
                if cont is not None:
                    found.append(cont)
                    speech_sent[si] = True
                    self._remember(si, cont.speaker)
                continue
            if trigger and len(self.sent_words[si]) > _MAX_TOKENS:
                # not a sentence but a list or a run-on block: the rules are for sentences, and
                # their cost grows with length; such a block stays the author's
                log.debug("voices.skip_long_sentence", extra={"sentence": si, "tokens": len(self.sent_words[si])})
                trigger = ""
            toks = self._tokens(s, e, pairs) if trigger else None
            if toks is None:   # nothing that could be speech
                if interview is not None and si and self.para[si] != self.para[si - 1]:
                    interview = None
                if interview is not None and is_interview:
                    found.append(_Found(s, self._strip_end(s, e), "direct", "interview", interview, si))
                    speech_sent[si] = True
                continue
            frames = self._frames(si, toks)
            explicit = [fr for fr in frames if fr.cue != "demnach"]
            tag = tags[si]
            if tag is not None:
                interview = tag if tag.name else None
                if tag.name and not is_interview and self._clause_after_tag(toks):
                    # a single "Kühn: …" in a report: that sentence only
                    a = toks[self._after_tag(toks)].start
                    found.append(_Found(a, self._strip_end(a, e), "direct", "colon", tag, si))
                    speech_sent[si] = True
                    self._remember(si, tag)
                    interview = None
                    continue
            elif interview is not None and si and self.para[si] != self.para[si - 1]:
                interview = None
            if interview is not None and is_interview and not explicit:
                a = toks[self._after_tag(toks)].start if tag is not None else s
                found.append(_Found(a, self._strip_end(a, e), "direct", "interview", interview, si))
                speech_sent[si] = True
                continue
            # direct quotes in this sentence
            frame_spk = next((fr.speaker for fr in explicit if fr.speaker is not None and fr.speaker.name
                              and fr.cue in ("frame", "colon", "so", "heisst", "wie")), None)
            for qi, t in enumerate(toks):
                if t.kind != "q":
                    continue
                a, b, _closed = pairs[t.quote]
                if a < s:
                    continue  # began in an earlier sentence: handled there
                if not self._is_speech(toks, qi, bool(explicit)):
                    continue
                spk = self._caption(b) or frame_spk or self._verb_subject(toks, qi) or self._colon_subject(toks, qi) \
                    or self._quoting_noun(toks) \
                    or self._frame_after(si) or self._line_before(si) or self._previous(si, 2) \
                    or self._subject_of(si - 1)
                found.append(_Found(a, b, "direct", "marks", spk or _NOBODY, si))
                for sj in range(si, sent_of(max(a, b - 1)) + 1):
                    speech_sent[sj] = framed[sj] = True
                self._remember(si, spk)
            for fr in frames:
                if fr.speaker is None:
                    fr.speaker = self._previous(si, self.f.continuation) or _NOBODY
                self._remember(si, fr.speaker)
                found.append(fr)
                speech_sent[si] = True
                framed[si] = framed[si] or fr.cue != "demnach"
            if not frames and not speech_sent[si]:
                cont = self._continuation(si, [t.text for t in toks if t.kind == "w"], speech_sent, framed)
                if cont is not None:
                    found.append(cont)
                    speech_sent[si] = True
                    self._remember(si, cont.speaker)
        self._first_person_runs(found, speech_sent)
        return _merge(found, text)

    def _remember(self, si: int, spk: _Speaker | None) -> None:
        if spk is not None and spk.name:
            self.history.append((si, spk))

    def _previous(self, si: int, limit: int) -> _Speaker | None:
        """The last speaker, if named at most ``limit`` sentences back in this or the last paragraph."""
        if not self.history:
            return None
        sj, spk = self.history[-1]
        if si - sj <= limit and self.para[si] - self.para[sj] <= 1:
            return spk.as_("previous")
        return None

    # --- tokens --------------------------------------------------------------------------

    def _tokens(self, s: int, e: int, pairs) -> list[_Tok]:
        """Words and punctuation of a sentence; each quote touching it is one ``q`` token."""
        toks: list[_Tok] = []
        pos = s
        if pairs is not self.__dict__.get("_pairs_for"):
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
            toks.extend(self._words(pos, qa))
            toks.append(_Tok(self.text[qa:qb], qa, qb, "q", k))
            pos = qb
        toks.extend(self._words(pos, e))
        return toks

    def _words(self, a: int, b: int) -> list[_Tok]:
        return [_Tok(m.group(), m.start(), m.end(), "w" if m.group()[0].isalnum() else "p")
                for m in _WORD.finditer(self.text, a, b)]

    def _triggered(self, si: int, lows: set[str], after_speech: bool) -> str:
        """Can the sentence hold speech at all? "frame" when it has a verb or noun of saying (a
        split verb with its particle), an attribution word, ", so" or a speaker tag; "konj" when
        it only has a Konjunktiv I (or II right after speech) and can at most continue a report;
        "" when none: most sentences of a report, skipped before any further work (unmarked
        first-person speech is found later, from the sentences around it)."""
        seq = self.sent_words[si]
        words = set(seq)   # verbs in their lower-case form, not "Frage" or "Grenze"
        if not words.isdisjoint(_FRAME_WORDS) or not lows.isdisjoint(_TRIGGER_LOWS):
            return "frame"
        if "so" in words and any(seq[k] == "so" and seq[k - 1] == "," for k in range(1, len(seq))):
            return "frame"
        for w in words & _SPLIT_FORMS:
            if not lows.isdisjoint(_NEEDS_PARTICLE[w]):
                return "frame"
        if ":" in seq[:5]:
            return "frame"   # a speaker tag
        if "nach" in lows and any(w.endswith(_SOURCE_NOUNS) for w in lows):
            return "frame"
        if (after_speech and not words.isdisjoint(_KONJ2)) or _konj1_in(seq):
            return "konj"
        return ""

    # --- is a quoted segment someone's words? --------------------------------------------

    def _is_speech(self, toks: list[_Tok], qi: int, has_frame: bool) -> bool:
        t = toks[qi]
        content = t.text.strip(_STRIP_MARKS)
        words = content.split()
        before = toks[qi - 1] if qi > 0 else None
        after = toks[qi + 1] if qi + 1 < len(toks) else None
        if before is not None and before.end == t.start and before.kind == "w":
            return False  # TV-„Frühjournal“: part of a name
        if before is not None and before.kind == "w" and before.low.startswith(_SCARE_CUES):
            return False
        if before is not None and before.cap and before.low.endswith(_TITLE_NOUNS) and len(words) <= 6:
            return False  # das Lied „Kleine Stadt“, die Wochenzeitung „Die Woche“
        sentence_like = bool(re.search(r"[.!?…]\W*$", content)) and len(words) >= 2
        if sentence_like or len(words) >= 5 or (len(words) >= 3 and self._clausal(words)):
            return True
        if t.text[-1:] not in _STRIP_MARKS and len(words) >= 2:  # left open: runs on
            return True
        headline = (qi == 0 and after is not None and after.text == ":") or \
                   (before is not None and before.text == ":" and (after is None or after.text in ".!?"))
        if headline and len(words) >= 2:
            return True
        if any(x.low in ("ich", "wir") for x in toks if x.kind == "w"):
            return has_frame   # "wie ich schon oft erklärt habe": the author's own saying
        return has_frame or self._quoting_noun(toks) is not None or any(
            x.kind == "w" and (x.low in SAYING_FORMS and x.text.islower() or x.low in _NEEDS_PARTICLE
                               or x.low in ("laut", "zufolge")) for x in toks)

    @staticmethod
    def _clausal(words: list[str]) -> bool:
        low = {w.strip(".,;:!?()").lower() for w in words}
        return bool(low & {"ich", "wir", "uns", "es", "ist", "sind", "war", "hat", "haben", "wird", "werden",
                           "kann", "muss", "nicht", "man", "du", "mir", "mich", "sei", "gibt"})

    # --- frames ---------------------------------------------------------------------------

    def _frames(self, si: int, toks: list[_Tok]) -> list[_Found]:
        out: list[_Found] = []
        n = len(toks)
        if not n:
            return out
        s, e = self.spans[si]
        breaks = [i for i, t in enumerate(toks) if t.kind == "p" and t.text in ",;:()–—"]
        post_starts: list[int] = []  # comma before a post-posed frame
        lows = self.lows[si]
        # which rules can fire at all (most sentences here hold one or two of these signs)
        has_verb = any(t.kind == "w" and (t.low in SAYING_FORMS or t.low in _NEEDS_PARTICLE) for t in toks)
        has_noun = not lows.isdisjoint(_SAYING_NOUN_SET)
        has_phrase = not lows.isdisjoint(_ATTRIBUTION_WORDS)

        # (A) post-posed: "<content>, sagte X" / ", so X" / ", hieß es" / ", hat X gesagt"
        for ci in breaks:
            if toks[ci].text != "," or ci + 1 >= n:
                continue
            v = toks[ci + 1]
            lo = v.low
            if v.kind != "w" or not v.text.islower():
                continue
            spk, after, cue = None, ci + 2, "frame"
            if lo in ("heißt", "hieß") and ci + 2 < n and toks[ci + 2].low == "es":
                spk, after, cue = self._source_after(toks, ci + 3), ci + 3, "heisst"
                if spk is None or not spk.name:
                    out.append(self._found(toks, self._region_start(toks, ci), ci, self._kind_of(
                        toks[self._region_start(toks, ci):ci]), cue, None, si))
                    post_starts.append(ci)
                    continue
            elif lo in SAYING_FORMS or lo in _NEEDS_PARTICLE or lo in _POSTPOSED_EXTRA:
                spk, after = self._np(toks, ci + 2, told=True)
                if spk is None and ci + 2 < n and toks[ci + 2].low in ("man",):
                    spk = _NOBODY
            elif lo in ("hat", "hatte", "haben", "hatten") and self._participle_in_clause(toks, ci + 2):
                spk, after = self._np(toks, ci + 2, told=True)
            elif lo == "so":
                spk, after = self._so_speaker(toks, ci + 2)
                cue = "so"
            if spk is None:
                continue
            post_starts.append(ci)
            start_i = self._region_start(toks, ci)
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
                out.append(self._found(toks, colon_after + 1, n, "direct", cue, spk, si))
                if not (self._has_konj1(before) or any(t.kind == "q" for t in before)):
                    continue
            if before:
                out.append(self._found(toks, start_i, ci, self._kind_of(before), cue, spk, si))
            # "Die Lage, sagte Roth, sei ernst": the frame stands inside the content
            if colon_after is None and after < n - 1 and toks[after].text == "," and before:
                end_i = next((p for p in breaks if p > after and p + 1 < n and toks[p].text == "," and (
                    toks[p + 1].low in SAYING_FORMS or toks[p + 1].low == "so")), n)
                rest = toks[after + 1:end_i]
                if rest and (self._has_konj1(rest) or self._has_konj1(before)):
                    out.append(self._found(toks, after + 1, end_i, "reported", cue, spk, si))
        # (B) pre-posed: "X sagte, dass …" / "X sagte: …" / "X kündigte an, …"
        region = -1   # index of the last colon or semicolon
        prev_break = -1
        for b in (breaks if has_verb else ()):
            clause_start = prev_break + 1
            prev_break = b
            if toks[b].text not in ",:" or b + 1 >= n or any(clause_start <= p <= b for p in post_starts):
                if toks[b].text in ":;":
                    region = b
                continue
            c0 = clause_start
            if toks[b].text == ":" or (c0 < b and toks[c0].low in _COORD):
                c0 = region + 1  # the whole statement before a colon; "…, sondern auch …:"
            clause = toks[c0:b]
            if toks[b].text == ":":
                region = b
            if not clause or (clause[0].low in _SUBORDINATORS and clause[0].low != "wie") or clause[0].low == "wie":
                continue  # a subordinate clause ("was die Chefin dem Team sagte") frames nothing
            vi = self._saying_verb(clause)
            if vi is None:
                continue
            if any(t.low in ("ich", "wir") for t in clause[:vi + 3] if t.kind == "w"):
                continue  # "Wir betonen, dass …": the speaker's own words
            rest_end = next((p for p in post_starts if p > b), n)
            colon2 = next((j for j in range(b + 1, rest_end) if toks[j].text == ":"), None)
            rest = toks[b + 1:colon2 if colon2 is not None else rest_end]
            colon = toks[b].text == ":"
            if not rest or not (colon or self._is_complement(rest)):
                continue
            sub0 = max([c0] + [k + 1 for k in breaks if c0 <= k < c0 + vi])
            spk = self._subject(toks, sub0, c0 + vi, b) if sub0 > c0 else None
            spk = spk or self._subject(toks, c0, c0 + vi, b)
            if len(rest) == 1 and rest[0].kind == "q":
                kind = "direct"
            else:
                kind = "reported" if (not colon or self._has_konj1(rest)) else "direct"
            out.append(self._found(toks, b + 1, b + 1 + len(rest), kind, "colon" if colon else "frame", spk, si))
            if colon2 is not None and colon2 + 1 < rest_end:
                out.append(self._found(toks, colon2 + 1, rest_end, "reported" if self._has_konj1(toks[colon2 + 1:rest_end])
                                       else "direct", "colon", spk, si))
            break
        # (C) a noun of saying with its clause: "zu Vorwürfen von X, die Stadt sei zu langsam"
        covered = [(f.start, f.end) for f in out]
        for b in (breaks if has_noun else ()):
            if toks[b].text != "," or b < 1 or b + 1 >= n or any(a <= toks[b + 1].start < z for a, z in covered):
                continue
            k = next((j for j in range(max(0, b - 10), b) if toks[j].cap and toks[j].low.endswith(_SAYING_NOUNS)), None)
            if k is None:
                continue
            rest = toks[b + 1:]
            if not (self._has_konj1(rest[:12]) or (rest and rest[0].low in ("dass", "daß"))):
                continue
            spk = None
            if k + 1 < b and toks[k + 1].low in ("von", "vom", "des", "der"):
                spk, _ = self._np(toks, k + 2)
            elif k > 0 and toks[k - 1].cap and toks[k - 1].text.endswith("s"):
                name = self._strip_genitive(toks[k - 1].text)
                if name != toks[k - 1].text:
                    spk = self._speaker([name], [], [], [], "", "")
            out.append(self._found(toks, b + 1, n, "reported", "noun", spk or _NOBODY, si))
            break
        # (D) attribution phrases
        has_verb_frame = any(fr.cue in ("frame", "colon", "so") and fr.speaker is not None and fr.speaker.name
                             for fr in out)
        for i, t in enumerate(toks if has_phrase else ()):
            if t.kind != "w":
                continue
            lo = t.low
            spk = None
            if lo == "laut" and i + 1 < n:
                if toks[i + 1].low in ("eigenen", "eigener") and i + 2 < n:   # "laut eigenen Angaben"
                    spk, j = self._subject(toks, 0, i, i) or _NOBODY, i + 3
                else:
                    spk, j = self._np(toks, i + 1, source=True)
                cue, a_i, b_i = "laut", i, j
            elif lo == "zufolge" and i > 0:
                spk, j0 = self._np_before(toks, i)
                cue, a_i, b_i = "zufolge", j0, i + 1
            elif lo == "nach" and i + 1 < n:
                k = next((j for j in (i + 1, i + 2) if j < n and toks[j].cap and toks[j].low.endswith(_SOURCE_NOUNS)), None)
                if k is None:
                    continue
                prev = toks[k - 1].low
                if prev in ("eigenen", "eigener"):
                    spk, j = self._subject(toks, 0, i, i) or _NOBODY, k + 1
                elif prev in ("seinen", "ihren", "seiner", "ihrer"):
                    spk, j = self._pronoun(prev[:3] == "sei") or _NOBODY, k + 1
                else:
                    m = k + 1
                    if m + 1 < n and toks[m].text == "," and toks[m + 1].low == "unter":
                        m = m + 3  # "nach Berichten, darunter jenen der Zeitung X, …" ("unter anderem")
                    spk, j = self._np(toks, m, source=True)
                    if spk is None:
                        spk, j = _NOBODY, k + 1
                    elif toks[m - 1].text != "," and j < n and toks[j].text == ",":
                        pass
                    if m > k + 1 and j < n and toks[j].text == ",":
                        j += 1
                cue, a_i, b_i = "angaben", i, j
            elif lo == "wie" and (i == 0 or toks[i - 1].text in ",:;(–"):
                end = next((j for j in range(i + 1, n) if toks[j].text in ",.;:"), n)
                if i > 0 and (end >= n or toks[end].text != ","):
                    continue  # "…, ganz gleich, wie das Wetter war": no parenthesis
                vj = next((j for j in range(i + 1, end) if toks[j].low in SAYING_FORMS and toks[j].text.islower()), None)
                if vj is None or vj < end - 3 or any(x.low in ("und", "oder", "was") for x in toks[i + 1:vj]):
                    continue
                spk, _ = self._np(toks, i + 1, source=True)
                cue, a_i, b_i = "wie", i, min(n, end + 1)
            elif lo == "demnach":
                out.append(_Found(s, self._strip_end(s, e), "reported", "demnach", None, si))
                continue
            else:
                continue
            if spk is None:
                continue
            a, b = self._without(toks, a_i, b_i)
            if b <= a:
                continue
            if has_verb_frame and cue in ("laut", "angaben", "wie"):
                spk = None  # "sagte Roth laut AFP": the agency relays, Roth speaks
            out.append(_Found(a, b, "reported", cue, spk, si))
        return out

    @staticmethod
    def _clause(seg: list[_Tok]) -> bool:
        """Looks like a clause (a finite-looking verb), not an adverbial ("Am Ende der
        langen Sitzung")."""
        words = [t for t in seg if t.kind == "w"]
        return len(words) >= 3 and any(t.text.islower() and (t.low in _MODALS or t.low in _KONJ2 or t.low in (
            "ist", "sind", "war", "waren", "hat", "haben", "hatte", "wird", "werden", "gibt", "geht")
            or t.low.endswith(("t", "te", "ten"))) and t.low not in _PREPOSITIONS for t in words)

    def _found(self, toks: list[_Tok], a_i: int, b_i: int, kind: str, cue: str, spk, si: int) -> _Found:
        """A passage over ``toks[a_i:b_i]``: a lone quote gives its content, final stops go."""
        seg = toks[a_i:b_i]
        while seg and seg[-1].kind == "p" and seg[-1].text in ".!?,;:":
            seg = seg[:-1]
        if not seg:
            at = toks[min(a_i, len(toks) - 1)].start
            return _Found(at, at, kind, cue, spk, si)
        a, b = seg[0].start, seg[-1].end
        if len(seg) == 1 and seg[0].kind == "q":
            inner = seg[0].text
            a, b = a + len(inner) - len(inner.lstrip(_STRIP_MARKS)), b - (len(inner) - len(inner.rstrip(_STRIP_MARKS)))
        return _Found(a, b, kind, cue, spk, si)

    def _region_start(self, toks: list[_Tok], ci: int) -> int:
        """Where the content before a post-posed frame begins: after a colon, a semicolon, or an
        inner full stop the sentence splitter let through."""
        for j in range(ci - 1, -1, -1):
            t = toks[j]
            if t.kind == "p" and t.text in ":;":
                return j + 1
            if t.kind == "p" and t.text in ".!?" and j + 1 < ci and toks[j + 1].cap:
                return j + 1
        return 0

    def _kind_of(self, seg: list[_Tok]) -> str:
        inner = [t for t in seg if not (t.kind == "p" and t.text in ",;")]
        if len(inner) == 1 and inner[0].kind == "q":
            return "direct"
        if self._has_konj1(seg):
            return "reported"
        # no marks and no subjunctive, but the speaker's own "ich"/"wir": speech as said
        return "direct" if any(t.low in _FIRST_PERSON for t in seg if t.kind == "w") else "reported"

    def _without(self, toks: list[_Tok], i: int, j: int) -> tuple[int, int]:
        """The clause around an attribution phrase ``toks[i:j]``, the phrase left out where it
        stands at the clause's edge."""
        a_i = next((k + 1 for k in range(i - 1, -1, -1) if toks[k].text in ":;"), 0)
        b_i = next((k for k in range(j, len(toks)) if toks[k].text in ":;"), len(toks))
        seg_a, seg_b = a_i, b_i
        if i <= a_i and j < b_i:
            seg_a = j
            while seg_a < b_i and toks[seg_a].kind == "p":
                seg_a += 1
        elif j >= b_i - 1 and i > a_i:
            seg_b = i
        while seg_b > seg_a and toks[seg_b - 1].kind == "p" and toks[seg_b - 1].text in ".!?,;:":
            seg_b -= 1
        if seg_b <= seg_a:
            return (0, 0)
        return toks[seg_a].start, toks[seg_b - 1].end

    def _saying_verb(self, clause: list[_Tok]) -> int | None:
        """Index of a verb of saying that can open a report in ``clause``: lower case, with its
        particle when split ("kündigte … an"), not "zu sagen", not a passive infinitive ("muss
        gesagt werden"), not after a modal ("sollte klarstellen"), "sprechen" only as "davon"."""
        modal = any(t.low in _MODALS for t in clause if t.kind == "w")
        lows = {t.low for t in clause if t.kind == "w"}
        stative = bool(lows & {"ist", "sind", "war", "waren", "sei", "seien"}) and not lows & {"worden", "wurde", "wurden"}
        for i, t in enumerate(clause):
            if t.kind != "w" or not t.text.islower():
                continue
            lo = t.low
            prev = clause[i - 1].low if i else ""
            nxt = clause[i + 1].low if i + 1 < len(clause) else ""
            if nxt == "werden" or prev == "zu" and (lows & {"ist", "sind", "war", "waren", "bleibt", "scheint"}
                                                    or clause[0].low == "es"):
                continue  # "muss gesagt werden", "ist schwer zu sagen": nobody says anything
            if modal and lo.endswith("en") and lo not in ("sagten", "erklärten", "betonten", "warnten"):
                continue
            if lo.startswith(("sprech", "sprach", "spricht", "gesproch")) and not any(
                    x.low == "davon" for x in clause):
                continue
            if stative and (lo.startswith("ge") or "ge" in lo[2:5]) and lo.endswith(("t", "en")):
                continue  # "sind gefordert": a state, not something said
            if lo in _NEEDS_PARTICLE:
                if any(x.low in _NEEDS_PARTICLE[lo] for x in clause[i + 1:]):
                    return i
                continue
            if lo in SAYING_FORMS:
                return i
        return None

    def _is_complement(self, rest: list[_Tok]) -> bool:
        """The clause after a frame's comma is its content: a dass/ob/w-clause, a zu-infinitive,
        a quote, or a verb-second clause in Konjunktiv (I, or II standing in for it)."""
        first = rest[0]
        if first.kind == "q" or first.low in _SUBORDINATORS:
            return True
        head = rest[:14]
        if any(_ZU_INF.match(t.low) for t in head if t.kind == "w"):
            return True
        for k, t in enumerate(head[:-1]):
            if t.low == "zu" and head[k + 1].kind == "w" and head[k + 1].text.islower() \
                    and head[k + 1].low.endswith(("en", "ern", "eln")) and (k + 2 >= len(head) or head[k + 2].text in ",.;"):
                return True
        if self._has_konj1(head):
            return True
        return any(t.low in _KONJ2 for t in head[:8] if t.kind == "w") and first.low not in ("wenn", "falls")

    def _has_konj1(self, toks: list[_Tok]) -> bool:
        words = [t.text for t in toks if t.kind == "w"]
        if "ich" in words or "Ich" in words:   # "ich gebe": indicative
            return "sei" in words or "seien" in words
        return _konj1_in(words)

    def _participle_in_clause(self, toks: list[_Tok], i: int) -> bool:
        end = next((j for j in range(i, len(toks)) if toks[j].text in ".,;:"), len(toks))
        return any(toks[j].low in SAYING_FORMS and toks[j].text.islower() and not toks[j].low.endswith(("e", "en", "st"))
                   for j in range(i, end))

    # --- continuations -------------------------------------------------------------------

    def _continuation(self, si: int, words: list[str], speech_sent: list[bool], framed: list[bool]) -> _Found | None:
        """A sentence without a frame that continues a report: Konjunktiv I (or II right after
        speech), attributed to the last speaker, or to the person the sentence before named.

        Args:
            words: The sentence's words (no punctuation), in order.
        """
        if not words:
            return None
        s, e = self.spans[si]
        if _KONJ1_IDIOMS.search(self.text, s, e):
            return None
        back = next((si - k for k in range(1, self.f.continuation + 1)
                     if si - k >= 0 and speech_sent[si - k]), None)
        near = back is not None and self.para[si] - self.para[back] <= 1
        spk = self._previous(si, self.f.continuation) if near else None
        lows = [w.lower() for w in words]
        konj1 = ("sei" in words or "seien" in words) if "ich" in lows else _konj1_in(words)
        if konj1:
            if spk is None and si > 0:
                spk = self.last_mention(s, within=s - self.spans[max(0, si - 2)][0])
            return _Found(s, self._strip_end(s, e), "reported", "konj1", spk or _NOBODY, si)
        if near and back == si - 1 and framed[si - 1] and not _KONJ2.isdisjoint(lows) \
                and lows[0] not in ("wenn", "falls", "bei", "ohne", "mit", "dann") \
                and not any(w in ("wenn", "falls", "ich", "wir") for w in lows):
            return _Found(s, self._strip_end(s, e), "reported", "konj2", spk or _NOBODY, si)
        return None

    def _first_person_runs(self, found: list[_Found], speech_sent: list[bool]) -> None:
        """Speech without marks (a corpus that dropped them, or a reporter's style): sentences in
        the speaker's own first person next to that speaker's quote, within the paragraph, are the
        speaker's too; a quote whose frame follows it ("…, sagte X.") claims the sentences before."""
        starts_frame: dict[int, _Found] = {}   # sentence whose passage begins at its start, with a frame
        any_frame: dict[int, _Found] = {}
        for fr in found:
            if fr.speaker is None or not fr.speaker.name:
                continue
            any_frame.setdefault(fr.sentence, fr)
            if fr.start <= self.spans[fr.sentence][0] + 1 and fr.cue in ("frame", "so"):
                starts_frame.setdefault(fr.sentence, fr)

        def first_person(si: int, speaker: _Speaker) -> bool:
            s, e = self.spans[si]
            if self.lows[si].isdisjoint(_FIRST_PERSON) or _QUOTE_CHARS.search(self.text, s, e):
                return False
            # a sentence that names someone else is about that person ("Trainerin Lutz war …")
            k = bisect_left(self.mention_pos, s)
            while k < len(self.mentions) and self.mentions[k][0] < e:
                if self.expand(self.mentions[k][1]) != speaker.name:
                    return False
                k += 1
            return True

        # backwards from a post-posed frame
        for si in sorted(starts_frame, reverse=True):
            spk = starts_frame[si].speaker
            k = si - 1
            while k >= 0 and si - k <= 3 and not speech_sent[k] and self.para[k] == self.para[si] and first_person(k, spk):
                s, e = self.spans[k]
                found.append(_Found(s, self._strip_end(s, e), "direct", "first-person", spk.as_("previous"), k))
                speech_sent[k] = True
                k -= 1
        # forwards after any passage with a speaker
        for si in range(1, len(self.spans)):
            fr = any_frame.get(si - 1)
            if speech_sent[si] or fr is None or not first_person(si, fr.speaker):
                continue
            if self.para[si - 1] == self.para[si]:
                s, e = self.spans[si]
                new = _Found(s, self._strip_end(s, e), "direct", "first-person", fr.speaker.as_("previous"), si)
                found.append(new)
                any_frame[si] = new
                speech_sent[si] = True

    def _strip_end(self, s: int, e: int) -> int:
        while e > s and self.text[e - 1] in ".!? ":
            e -= 1
        return e

    # --- speakers ------------------------------------------------------------------------

    def _speaker_tag(self, toks: list[_Tok]) -> _Speaker | None:
        """A speaker tag opening a sentence, "Kühn: …" or "HANNA KÜHN: …". Returns the
        speaker; an empty speaker for the interviewer's tag ("REDAKTION: …"); None for no tag."""
        if len(toks) < 3:
            return None
        c = next((i for i, t in enumerate(toks[:5]) if t.text == ":"), None)
        if c is None or c == 0:
            return None
        words = toks[:c]
        if not all(t.kind == "w" and t.text[:1].isupper() for t in words) or len(words) > 3:
            return None
        if any(t.low in _PREPOSITIONS or t.low in _FUSED or t.low in _DETERMINERS for t in words):
            return None
        if len(words) == 1 and words[0].low in _ADVERB_OPENERS | _DETERMINERS:
            return None
        name = " ".join(t.text for t in words)
        last = words[-1].text
        known = last.lower() in self.full_names and " " in self.full_names[last.lower()]
        role = len(words) >= 2 and bool(_role_head(words[0].text)) and self._name_evidence(last)
        caps = all(_CAPS_NAME.match(t.text) for t in words)
        if known or role or (caps and len(words) >= 2):
            full = self.expand(last) if (len(words) == 1 or role) else (name.title() if caps else name)
            return _Speaker(full, self._actor(full), "person", "frame")
        if caps and len(words) == 1:
            return _NOBODY  # an upper-case tag that is not a person's: the interviewer
        return None

    @staticmethod
    def _after_tag(toks: list[_Tok]) -> int:
        c = next(i for i, t in enumerate(toks) if t.text == ":")
        return min(c + 1, len(toks) - 1)

    def _clause_after_tag(self, toks: list[_Tok]) -> bool:
        rest = toks[self._after_tag(toks):]
        words = [t for t in rest if t.kind == "w"]
        return len(words) >= 3 and any(t.text.islower() and t.low not in _PREPOSITIONS for t in words)

    def _caption(self, end: int) -> _Speaker | None:
        """„…“ – Bürgermeisterin Roth am 3. Mai …: a caption names the speaker after a dash."""
        m = re.match(r"[“”\"»«‘’]?\s*[–—-]\s+", self.text[end:end + 6])
        if not m:
            return None
        toks = self._words(end + m.end(), min(len(self.text), end + m.end() + 80))
        spk, _ = self._np(toks, 0)
        return spk if spk is not None and spk.name else None

    def _verb_subject(self, toks: list[_Tok], qi: int) -> _Speaker | None:
        """"Die Kanzlerin X nannte den Vorschlag „grob fahrlässig“": the subject of the verb of
        saying in the quote's own clause."""
        c0 = next((k + 1 for k in range(qi - 1, -1, -1) if toks[k].text in ".;:!?"), 0)
        clause = toks[c0:qi]
        vi = self._saying_verb(clause)
        if vi is None:
            return None
        spk = self._subject(toks, c0, c0 + vi, qi)
        return spk if spk is not None and spk.name else None

    def _colon_subject(self, toks: list[_Tok], qi: int) -> _Speaker | None:
        """"Roth will mehr Radwege: „…“": a headline's quote after a colon belongs to
        the name its clause opens with."""
        if qi == 0 or toks[qi - 1].text != ":":
            return None
        c0 = next((k + 1 for k in range(qi - 2, -1, -1) if toks[k].text in ":;"), 0)
        return self._clause_subject(toks, c0)

    def _clause_subject(self, toks: list[_Tok], c0: int) -> _Speaker | None:
        """The name a headline-like clause opens with ("Roth will …", "„Abendblatt“ zu …")."""
        if c0 >= len(toks):
            return None
        if toks[c0].kind == "q" and len(toks[c0].text) < 40:
            name = toks[c0].text.strip(_STRIP_MARKS)
            return _Speaker(name, self._actor(name), "institution", "frame")
        spk, _ = self._np(toks, c0, strict=True)
        if spk is not None and spk.name and spk.kind == "person":
            return spk
        t = toks[c0]
        if t.cap and c0 + 1 < len(toks) and toks[c0 + 1].kind == "w" and toks[c0 + 1].text.islower() \
                and _is_name_word(t.text) and _lemma(t.text) == t.text and t.low not in _ADVERB_OPENERS:
            name = self.expand(self._strip_genitive(t.text))
            return _Speaker(name, self._actor(name), "person", "frame")
        return None

    def _line_before(self, si: int) -> _Speaker | None:
        """A quote right after a line ending in a colon ("„Abendblatt“ zum Haushalt:")."""
        if si == 0:
            return None
        s, e = self.spans[si - 1]
        if not self.text[s:e].rstrip().endswith(":"):
            return None
        return self._clause_subject(self._tokens(s, e, quote_pairs(self.text[s:e]) and
                                                 [(a + s, b + s, c) for a, b, c in quote_pairs(self.text[s:e])]), 0)

    def _quoting_noun(self, toks: list[_Tok]) -> _Speaker | None:
        """"…, um ein Wort der Ministerin X aufzugreifen": the quotation's author."""
        for k, t in enumerate(toks[:-2]):
            if t.cap and t.low.startswith(_QUOTING_NOUNS) and toks[k + 1].low in ("von", "vom", "des", "der"):
                spk, _ = self._np(toks, k + 2, source=True)
                if spk is not None and spk.name:
                    return spk
        return None

    def _frame_after(self, si: int) -> _Speaker | None:
        """A quote standing alone, attributed in the next sentence ("Der Satz der früheren
        Ministerin Karla Ost …")."""
        if si + 1 >= len(self.spans):
            return None
        s, e = self.spans[si + 1]
        toks = self._words(s, e)
        if len(toks) > 3 and toks[0].low in ("dieser", "diesen", "dies", "das", "die", "diese") \
                and toks[1].low.startswith(_QUOTING_NOUNS) and toks[2].low in ("des", "der", "von"):
            spk, _ = self._np(toks, 3, source=True)
            return spk if spk is not None and spk.name else None
        return None

    def _subject_of(self, si: int) -> _Speaker | None:
        """The person a sentence opens with (a name or a pronoun), for a quote that follows it."""
        if si < 0:
            return None
        s, e = self.spans[si]
        toks = self._words(s, e)
        if not toks:
            return None
        if toks[0].low in _PRONOUNS:
            return self._pronoun(toks[0].low in ("er", "ihn", "ihm"), toks[0].start)
        spk, _ = self._np(toks, 0, strict=True)
        return spk if spk is not None and spk.kind == "person" and spk.name else None

    def _subject(self, toks: list[_Tok], c0: int, vi: int, c1: int) -> _Speaker | None:
        """The speaker of a frame clause ``toks[c0:c1]`` with its verb at ``vi``: the agent of a
        passive ("von der Ministerin gebeten worden"), the noun phrase the clause opens with, or
        the one right after the verb ("Dennoch betonte Trainer X, …"), or a later one
        ("Beobachter hatten zuvor gesagt")."""
        if any(t.low in ("worden", "wurde", "wurden") for t in toks[c0:c1]):
            for j in range(c0, c1):
                if toks[j].low in ("von", "vom"):
                    spk, _ = self._np(toks, j + 1)
                    if spk is not None:
                        return spk
        spk, _ = self._np(toks, c0, strict=True)
        if spk is not None:
            return spk
        for j in range(vi + 1, min(c1, vi + 4)):
            if toks[j].kind == "w" and toks[j].low in _PRONOUNS:
                return self._pronoun(toks[j].low in ("er", "ihn", "ihm"), toks[j].start)
            if toks[j].low in ("man", "es"):
                return None
            if toks[j].kind == "w" and toks[j].low not in _PREPOSITIONS and (toks[j].cap or toks[j].low in _DETERMINERS):
                spk, _ = self._np(toks, j, strict=True)
                if spk is not None:
                    return spk
        for j in range(c0 + 1, vi):
            if toks[j - 1].low in _PREPOSITIONS or toks[j - 1].low in _DETERMINERS:
                continue
            spk, _ = self._np(toks, j, strict=True)
            if spk is not None:
                return spk
        return None

    def _pronoun(self, masculine: bool, pos: int | None = None) -> _Speaker | None:
        """"er"/"sie": the last speaker (a person for "er"), else the person named in the two
        sentences before ``pos``."""
        for _sj, spk in reversed(self.history):
            if spk.kind in ("person", "") or not masculine:
                return spk.as_("pronoun")
        if pos is None:
            return None
        k = max(0, bisect_right(self.starts, pos) - 1)
        found = self.last_mention(self.starts[k], within=self.starts[k] - self.starts[max(0, k - 2)])
        return found.as_("pronoun") if found else None

    def _so_speaker(self, toks: list[_Tok], i: int) -> tuple[_Speaker | None, int]:
        """", so X" names a speaker only when X is a noun phrase that ends the clause (", so Roth."
        / ", so die Verbandschefin in …"); "so" before a verb, adjective or adverb is not a frame."""
        if i >= len(toks):
            return None, i
        t = toks[i]
        if t.kind != "w" or (t.text.islower() and t.low not in _DETERMINERS):
            return None, i
        spk, j = self._np(toks, i, strict=not (t.low in _DETERMINERS))
        if spk is None:
            return None, i
        rest = toks[j:]
        if rest and rest[0].kind == "w" and rest[0].low not in _PREPOSITIONS and rest[0].low not in (
                "weiter", "zudem", "außerdem", "dazu", "damals", "gegenüber", "zuletzt", "jüngst", "kürzlich",
                "abschließend", "sinngemäß", "wörtlich"):
            return None, i
        if rest and rest[0].kind == "p" and rest[0].text not in ",;.!?()":
            return None, i
        return spk, j

    def _source_after(self, toks: list[_Tok], i: int) -> _Speaker | None:
        """"hieß es aus dem Amt / in ihrer Erklärung / bei X"."""
        for j in range(i, min(len(toks), i + 6)):
            if toks[j].low in ("in", "aus", "bei", "von", "vom", "im", "seitens"):
                spk, _ = self._np(toks, j + 1, source=True)
                if spk is not None and spk.name:
                    return spk
        return None

    def _np_before(self, toks: list[_Tok], i: int) -> tuple[_Speaker | None, int]:
        """The noun phrase ending before "zufolge" ("Dem Währungsfonds zufolge", "Insidern zufolge")."""
        j = i
        while j > 0 and i - j < 8:
            t = toks[j - 1]
            if t.kind == "p" or t.low in _PREPOSITIONS:
                break
            if t.kind == "w" and t.text.islower() and t.low not in _DETERMINERS and t.low not in _NAME_GLUE \
                    and not t.low.endswith(("en", "er", "em", "es", "e")):
                break
            j -= 1
            if t.low in _DETERMINERS and not (j > 0 and toks[j - 1].cap and toks[j - 1].low.endswith(_SOURCE_NOUNS)):
                break
        spk, _ = self._np(toks, j, source=True)
        return spk, j

    def _np(self, toks: list[_Tok], i: int, strict: bool = False, source: bool = False,
            told: bool = False) -> tuple[_Speaker | None, int]:
        """Reads a speaker's noun phrase at ``toks[i]``; returns the speaker (None when there is
        no such phrase, an empty speaker for an anonymous one) and the index after the phrase.

        Articles and adjectives (also an extended attribute: "der seit Jahren dort
        tätige Sprecher") are skipped, role nouns ("Fraktionsvize") and institution nouns
        noted, capitalised words the article uses as names make the name; a genitive complement
        of a role, source or institution is followed ("ein Sprecher des Ministeriums", "Angaben
        des Amts"); a parenthesised acronym names an institution ("Statistisches Landesamt (SLA)").

        Args:
            strict: The phrase opens a clause: an ordinary capitalised word there ("Wichtig")
                is no name unless the article uses it as one elsewhere.
            source: After "laut"/"zufolge"/"nach Angaben": source nouns are skipped.
            told: After a verb of saying: a following "der Zeitung"/"dem ZDF" is the one told.
        """
        n = len(toks)
        j = i
        name: list[str] = []
        roles: list[str] = []
        insts: list[str] = []
        inst_name: list[str] = []
        groups: list[str] = []
        acronym = ""
        det = ""
        sources = 0
        if source and j < n and toks[j].low in ("von", "vom", "des", "der"):
            det = toks[j].low if toks[j].low in _DETERMINERS else ""
            j += 1
        while j < n and j - i < 16:
            t = toks[j]
            lo = t.low
            if t.kind == "q":
                if (det or roles or insts or sources) and not name and len(t.text) < 50:
                    name = [t.text.strip(_STRIP_MARKS)]  # der „Tagesbote“
                    j += 1
                    continue
                break
            if t.kind == "p":
                if t.text == "(":
                    close = next((k for k in range(j + 1, min(n, j + 8)) if toks[k].text == ")"), None)
                    if close is not None:
                        inner = toks[j + 1:close]
                        if len(inner) == 1 and _ACRONYM.match(inner[0].text) and not roles and not (
                                name and not insts):
                            acronym = inner[0].text
                        j = close + 1
                        continue
                break
            if j == i and lo in _PRONOUNS:
                return self._pronoun(lo in ("er", "ihn", "ihm"), t.start), j + 1
            if j == i and t.cap and lo in _ADVERB_OPENERS and lo not in _DETERMINERS:
                i += 1   # "Auch Polen kündigte an": the adverb is no part of the name
                j += 1
                continue
            if j == i and lo == "als":
                return None, j
            if lo in _DETERMINERS:
                if name:
                    break
                if roles or insts or groups or sources:
                    # a genitive complement: "Sprecher des Ministeriums", "Chefin der Organisation";
                    # after a verb of saying "der/dem" + a medium is the one told
                    if lo not in ("des", "der") or (told and det in ("der", "die") and lo == "der"):
                        break
                    if told and self._is_media(toks, j + 1):
                        break
                det = det or lo
                j += 1
                continue
            if lo in ("von", "vom", "um") and (roles or insts or groups or sources) and not name:
                j += 1
                continue
            if lo == "unter" and j + 1 < n and toks[j + 1].low == "anderem":
                j += 2
                continue
            if t.text[:1].islower():
                if lo in _NAME_GLUE and (name or inst_name) and j + 1 < n and toks[j + 1].cap:
                    (name if name else inst_name).append(t.text)  # "Institute for Applied Studies"
                    j += 1
                    continue
                if (det or roles or sources or j == i) and not name and lo not in _PREPOSITIONS \
                        and lo not in _ADVERB_OPENERS:
                    if j + 1 < n and toks[j + 1].cap and lo.endswith(("e", "en", "er", "es", "em")):
                        j += 1  # "der bayerische Landrat", "laut deutschem Verkehrsministerium"
                        continue
                if det and not (name or roles or insts or groups):
                    # an extended attribute: "der seit Jahren dort tätige Sprecher X"
                    k = next((k for k in range(j + 1, min(n, j + 8)) if toks[k].kind != "w" or (
                        toks[k].cap and (_role_head(toks[k].text) or self._name_evidence(toks[k].text)))), None)
                    if k is not None and toks[k].kind == "w" and k - 1 > j and toks[k - 1].text.islower() \
                            and toks[k - 1].low.endswith(("e", "en", "er")):
                        j = k
                        continue
                break
            if not t.text[:1].isupper():
                break
            if name and (_role_head(t.text) or _institution_head(t.text)):
                break
            if sources == 0 and source and lo.endswith(_SOURCE_NOUNS) and not name:
                sources += 1
                j += 1
                continue
            if _ACRONYM.match(t.text) and not name and not roles:
                insts.append(t.text)
                inst_name.append(t.text)
                j += 1
                continue
            head = _role_head(t.text)
            if head and not name:
                if lo in _GROUP_HEADS or (head in _GROUP_HEADS and not det):
                    groups.append(t.text)
                else:
                    roles.append(t.text)
                j += 1
                continue
            if _institution_head(t.text) and not name:
                insts.append(t.text)
                inst_name.append(t.text)
                j += 1
                j, proper, rest = self._after_institution(toks, j)
                if proper:
                    name = [proper]       # "die Nachrichtenagentur Reuters": its proper name
                elif rest:
                    inst_name.extend(rest)  # "Verband Deutscher Bäcker", "Institut der deutschen Statistik"
                continue
            if (roles or groups) and not name and toks[j - 1].low in ("der", "des"):
                phrase = [t.text]      # "Sprecherin der Opposition", "Präsident der Vereinigten Staaten"
                j += 1
                while j < n and toks[j].cap and len(phrase) < 4:
                    phrase.append(toks[j].text)
                    j += 1
                insts.append(" ".join(phrase))
                break
            # a name word
            if name and not self._continues_name(name, t.text, loose=bool(sources or insts)):
                break
            evidence = self._name_evidence(t.text)
            if not name and (strict or roles or groups) and not det and not evidence and not (sources or insts):
                return (None if strict else self._speaker(name, roles, insts, groups, acronym, det, toks[i].start)), j
            if not name and det and not roles and not insts and not groups and not sources and not evidence:
                insts.append(t.text)  # "der Schwede", "die Partei": an anaphor or an institution by its kind
                j += 1
                continue
            if not name and (roles or groups) and not evidence:
                break  # "die Forscher Proben als …": no name follows the role
            name.append(t.text)
            j += 1
            if len(name) >= 4:
                break
        if sources and not (name or roles or insts or groups or acronym):
            word = next(x.text for x in toks[i:j] if x.cap and x.low.endswith(_SOURCE_NOUNS))
            if word.lower().endswith(_DOCUMENT_NOUNS):
                return _NOBODY, j   # "laut ihrer Mitteilung": whose, the text said before
            return _Speaker(_plural_group(word), "", "group", "frame"), j
        if len(inst_name) > 1 and not name:
            insts = [" ".join(inst_name)]
        if name and any(x.low == "des" for x in toks[i:j]) and name[-1].endswith(("ers", "els", "ens")):
            name = [*name[:-1], name[-1][:-1]]  # "des Bremer Tageblatts"
        spk = self._speaker(name, roles, insts, groups, acronym, det, toks[i].start if i < n else 0)
        if spk is None and det in _INDEFINITE and j > i:
            return _NOBODY, j   # "eine gut unterrichtete Person": anonymous
        return spk, j

    def _after_institution(self, toks: list[_Tok], j: int) -> tuple[int, str, list[str]]:
        """What follows an institution noun: a proper name on its own ("Reuters"), or the rest of
        a name of several words ("Deutscher Bäcker", "der deutschen Statistik")."""
        n = len(toks)
        run: list[_Tok] = []
        k = j
        while k < n and len(run) < 5:
            x = toks[k]
            if x.kind != "w":
                break
            if x.cap and not _role_head(x.text) or x.cap and run and run[-1].cap:
                run.append(x)
            elif x.low in ("der", "des", "für", "for", "of") and k + 1 < n and toks[k + 1].kind == "w" and \
                    (toks[k + 1].cap or (toks[k + 1].text.islower() and k + 2 < n and toks[k + 2].cap)):
                run.append(x)
            elif x.text.islower() and run and run[-1].low in ("der", "des") and x.low.endswith(("e", "en", "er")):
                run.append(x)
            else:
                break
            k += 1
        while run and not run[-1].cap:
            run.pop()
            k -= 1
        if not run:
            return j, "", []
        caps = [x for x in run if x.cap]
        if len(caps) == len(run) and all(_is_name_word(x.text) and _lemma(x.text) == x.text for x in run):
            return k, " ".join(x.text for x in run), []   # "die Zeitung Le Soir" → "Le Soir"
        if len(caps) >= 2 or run[0].low in ("der", "des", "für", "for", "of"):
            return j + len(run), "", [x.text for x in run]
        return j, "", []

    def _is_media(self, toks: list[_Tok], j: int) -> bool:
        for t in toks[j:j + 3]:
            if t.kind == "q":
                return True
            if t.cap:
                return t.low.endswith(_MEDIA_HEADS) or _ACRONYM.match(t.text) is not None
        return False

    def _name_evidence(self, word: str) -> bool:
        """The article uses ``word`` as a name: without an article mid-sentence (and not an
        inflected common noun), as part of a full name, or as an actor's alias."""
        stem = self._strip_genitive(word)
        if stem.lower() in self.full_names or stem in self.first_names or self._actor(stem):
            return True
        if self._with_article(stem):
            return False
        if _CAPS_NAME.match(word):
            return True
        return _is_name_word(stem) and _lemma(stem) == stem and self._bare(stem)

    def _continues_name(self, name: list[str], word: str, loose: bool = False) -> bool:
        if not (word[:1].isupper() and (_is_name_word(word) or loose)):
            return False
        joined = " ".join([*name, self._strip_genitive(word)])
        if any(v.startswith(joined) for v in self.full_names.values()):
            return True
        return loose or (self._name_evidence(word) and name[-1] in self.first_names | set(self.full_names.values()))

    def _speaker(self, name, roles, insts, groups, acronym, det, pos: int = 0) -> _Speaker | None:
        if name:
            name = [*name[:-1], self._strip_genitive(name[-1])]
            full = " ".join(name)
            if len(name) == 1:
                full = self.expand(full)
            actor = self._actor(full) or self._actor(" ".join([*roles, *name]))
            if actor and len(name) == 1 and " " not in full:
                full = self._actor_fullname(actor, full)
            if (insts or det) and not roles and not self.full_names.get(name[-1].lower()) \
                    and not (name[0] in self.first_names):
                return _Speaker(acronym or full, actor or self._actor(acronym), "institution", "frame")
            return _Speaker(full, actor, "person", "frame")
        if acronym and not roles:
            return _Speaker(acronym, self._actor(acronym), "institution", "frame")
        if roles:
            role = roles[-1]
            actor = self._actor(role)
            if actor:  # "der Kremlchef"
                return _Speaker(self._actor_fullname(actor, actor), actor, "person", "role")
            if insts and _role_head(role) in _LEADER_HEADS and det not in _INDEFINITE:
                # "der Präsident der Vereinigten Staaten": the one the article introduced as Präsident
                leader = self._resolve_role(role, pos, fallback=False)
                if leader is not None:
                    return leader
            if insts:  # "ein Sprecher des Ministeriums"
                inst = _inst_lemma(insts[-1])
                return _Speaker(acronym or inst, self._actor(inst), "institution", "role")
            prefix = role.split("-")[0] if "-" in role else ""
            if prefix and _ACRONYM.match(prefix) and _role_head(role) in ("sprecher", "sprecherin"):
                return _Speaker(prefix, self._actor(prefix), "institution", "role")  # "ein DWD-Sprecher"
            if det in _INDEFINITE or not det and _role_head(role) in _GROUP_HEADS:
                if _role_head(role) in ("sprecher", "sprecherin"):
                    for _sj, spk in reversed(self.history):
                        if spk.kind == "institution":
                            return spk.as_("role")
                    return _NOBODY
                return _Speaker(_lemma(role), "", "group", "role")  # "ein Nutzer"
            return self._resolve_role(role, pos)
        if groups:
            if det in ("die", "den", "der") and self.history:
                # "die Forscher" just after "laut Forschern um X": those named before
                sj, last = self.history[-1]
                if bisect_right(self.starts, pos) - 1 - sj <= 1:
                    return last.as_("role")
            return _Speaker(_plural_group(groups[-1]), "", "group", "frame")
        if insts:
            inst = insts[-1]
            low = inst.lower()
            if _ACRONYM.match(inst) or " " in inst:
                return _Speaker(acronym or inst, self._actor(inst), "institution", "frame")
            if low in _ANAPHORIC_INSTITUTIONS:
                for _sj, spk in reversed(self.history):
                    if spk.kind == "institution":
                        return spk.as_("role")
                return None
            if not _institution_head(inst):
                if det in ("der", "die"):  # "der Schwede": the person named just before
                    k = max(0, bisect_right(self.starts, pos) - 1)
                    return self.last_mention(pos, within=pos - self.starts[max(0, k - 2)])
                return None
            inst = _inst_lemma(inst)
            return _Speaker(acronym or inst, self._actor(inst), "institution", "frame")
        return None

    def _resolve_role(self, role: str, pos: int, fallback: bool = True) -> _Speaker | None:
        """"der Minister" → the person the article introduced with that role (before, or after for
        a headline), else the last person named."""
        head = _role_head(role) or role.lower()
        low = role.lower()
        best = None
        for p, r, name in self.roles:
            if r == head or low.endswith(r) or r.endswith(head):
                if p <= pos or best is None:
                    best = name
        if best is not None:
            full = self.expand(best)
            return _Speaker(full, self._actor(full), "person", "role")
        if not fallback:
            return None
        for _sj, spk in reversed(self.history):
            if spk.kind == "person":
                return spk.as_("role")
        k = max(0, bisect_right(self.starts, pos) - 1)
        # someone named in the two sentences before (not in this one: there they are talked to)
        near = self.last_mention(self.starts[k], within=self.starts[k] - self.starts[max(0, k - 2)])
        return near or _Speaker(_lemma(role), self._actor(role), "group", "role")

    def _actor_fullname(self, actor: str, fallback: str) -> str:
        best = fallback
        for full in self.full_names.values():
            if self._actor(full) == actor and len(full) > len(best):
                best = full
        return best




_CAP = r"[A-ZÄÖÜ][^\W\d_]*(?:[-‑'’][^\W\d_]+)*"
# A capitalised word right after an article or a preposition fused with one.
_AFTER_ARTICLE = re.compile(r"\b(?:" + trie_pattern(
    [v for w in sorted(_DETERMINERS | _FUSED) for v in (w, w[0].upper() + w[1:])])
    + rf")[ \t]+({_CAP})(?![^\W\d_])")
# Two or more capitalised words in a row: where full names and "Role Name" appositions are.
_CAP_RUN = re.compile(rf"(?<![^\W\d_])(?<![-‑'’*]){_CAP}(?: {_CAP})+(?![^\W\d_])")


def _maybe_tag(seq: list[str]) -> bool:
    """"Kühn: …", "HANNA KÜHN: …": up to three capitalised words, then a colon."""
    if ":" not in seq[:5]:
        return False
    c = seq.index(":")
    return 0 < c <= 3 and all(w[:1].isupper() for w in seq[:c])






def _merge(found: list[_Found], text: str) -> list[Quote]:
    """Overlapping passages become one: a quote inside a reported clause widens it, and the
    passage whose speaker is surest gives the speaker. Interview answers stay whole."""
    items = sorted((f for f in found if f.end > f.start), key=lambda f: (f.start, -f.end))
    # one interview answer, or one stretch of unmarked speech, is one passage over its sentences
    joined: list[_Found] = []
    for f in items:
        p = joined[-1] if joined else None
        if p is not None and f.sentence == p.sentence + 1 and not text[p.end:f.start].strip(".!?… \t") and (
                (f.cue == p.cue == "interview" and f.speaker == p.speaker) or
                (f.kind == p.kind == "direct" and f.cue in _UNMARKED and p.cue in _UNMARKED and f.speaker and p.speaker
                 and f.speaker.name and f.speaker.name == p.speaker.name)):
            cue = p.cue if p.cue != "first-person" else f.cue
            joined[-1] = _Found(p.start, f.end, p.kind, cue, p.speaker if p.cue != "first-person" else f.speaker,
                                f.sentence)
        else:
            joined.append(f)
    items = joined
    groups: list[list[_Found]] = []
    for f in items:
        if groups:
            g = groups[-1]
            g_end = max(x.end for x in g)
            if f.start < g_end and f.cue != "interview" and all(x.cue != "interview" for x in g):
                g.append(f)
                continue
        groups.append([f])
    out = []
    for g in groups:
        start, end = min(x.start for x in g), max(x.end for x in g)
        best = max(g, key=lambda x: (_CUE_RANK.get(x.cue, 0) if x.speaker and x.speaker.name else -1,
                                     x.speaker is not None and x.speaker.cue == "frame", -x.start))
        direct = sum(x.end - x.start for x in g if x.kind == "direct" and x.cue in ("marks", "interview", "colon"))
        kind = "direct" if any(x.kind == "direct" for x in g) and (
            direct >= 0.8 * (end - start) or all(x.kind == "direct" for x in g)) else "reported"
        spk = best.speaker or _NOBODY
        cue = next((x.cue for x in g if x.cue != "marks"), "marks")
        out.append(Quote(start, end, kind, spk.name, spk.actor, cue, spk.cue if spk.name else ""))
    return out
