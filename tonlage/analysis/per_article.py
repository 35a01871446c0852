"""The per-article work of an analysis, in each worker process: everything that needs no other article.

For one text: its sentences, language, each sentence's tone (German rules and model, English
VADER), the actors named, the theme terms, and who speaks (quotes and reported speech). A worker
builds its tables once (:func:`init_worker`) and then parses article after article
(:func:`parse`); what comes back is a :class:`Parsed`. The corpus-wide steps that follow are
:mod:`tonlage.analysis.pipeline`'s.
"""

from __future__ import annotations

import gc
import sys
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import filterfalse
from operator import itemgetter

from ..actors import ActorMatcher
from ..corpus import RawArticle
from ..i18n import Message, message
from ..model import SCORED_LANGUAGES, THEME_LANGUAGES
from ..reading.language import detect_language
from ..text import (
    LemmaTable,
    LemmaTermTable,
    has_post_markup,
    split_sentences,
    theme_lemma,
    tokenize,
    words_without_markup,
)
from ..themes.terms import (
    CAPITAL_PARTICLES,
    NAME_JOINER,
    PHRASE_SIZES,
    TermTable,
    capital_stopwords,
    credit_markers,
    german_stopwords,
    is_credit_line,
    merge_phrases,
    sentence_features,
)
from ..thresholds import EVIDENCE_CACHE
from ..tone import ToneScorer
from ..tone.scorer import SentenceTone, packed_evidence
from ..tone.tokens import NON_WORD_TOKENS, tokenize_with_punctuation
from ..voices import VoiceFinder
from .lexicon_cache import load_german_dictionary
from .role_mentions import role_mentions

# THEME_LANGUAGES, SCORED_LANGUAGES: see tonlage.model (imported above).
# Quotes and speakers are found with German rules (verbs of saying, Konjunktiv I).
VOICE_LANGUAGES = frozenset({"de", "unknown"})
_NOT_ANALYSED = ("not analysed", "", "", "", (), 0.0)
# The evidence of a sentence in a language without a tone word list.
_NOT_SCORED = message("tone not scored for this language")


@dataclass
class Parsed:
    """What one worker learns about one article (everything that needs no other article)."""

    # Sequences, not lists: a kept article's result (tables.BatchTables.add_kept) shares empty tuples.
    spans: Sequence[tuple[int, int]]
    n_words: list[int]  # per sentence
    language: str
    tones: Sequence[tuple[float, str, str]]  # per sentence: score, label, explanation
    mentions: Sequence[tuple[str, str, int, int, int]]  # actor, alias, start, end, sentence index
    features: Sequence[str]  # theme terms and bigrams of the article
    voices: Sequence[tuple]  # per sentence: voice, speaker, actor, kind, spans, share
    # Per sentence that gave features, three numbers: key of its text, first feature, end. Lets
    # the theme step drop sentences that many stories repeat word for word (theme_step._boilerplate_keys).
    # A flat int64 array: 24 bytes a sentence instead of ~130 for a tuple of three ints, which
    # is ~100 MB less at 10,000 articles (they travel from the worker processes, too).
    feature_sentences: array = field(default_factory=lambda: array("q"))


# The feature sentences of kept articles whose features are not read (tables.BatchTables.add_kept):
# one array shared by all of them, never extended (the analysis replaces it when it reads them).
NO_FEATURE_SENTENCES = array("q")

# Built once per process (workers and the main process alike), not once per file.
_WORKER: dict = {}


def init_worker(actors) -> None:
    load_german_dictionary()  # a worker forked from the forkserver has it already
    # The per-file work creates millions of small, acyclic objects (tokens, tuples) that
    # reference counting frees; the cyclic collector only re-scans them, costing ~20 %.
    gc.disable()
    matcher = ActorMatcher(actors).fit()
    phrases = _actor_phrases(matcher)
    lemmas, starts = LemmaTable(), frozenset(k[0] for k in phrases)
    terms = TermTable(german_stopwords(), capital_stopwords())
    _WORKER.update(
        scorer=ToneScorer().fit(),
        matcher=matcher,
        lemmas=lemmas,
        terms=terms,
        lemma_terms=LemmaTermTable(lemmas, terms, starts),
        phrases=phrases,
        starts=starts,
        voices=VoiceFinder(actors).fit(),
        credits=credit_markers(),
    )


def _actor_phrases(matcher: ActorMatcher) -> dict[tuple[str, ...], str]:
    """Multi-word actor aliases as lemma tuples → canonical name, so themes count "Marco Rubio"
    and "Vereinigten Staaten" as "Rubio" and "USA" rather than as their parts."""
    phrases: dict[tuple[str, ...], str] = {}
    for alias, actor in matcher.alias_to_actor_.items():
        toks = tokenize(alias)
        if len(toks) in PHRASE_SIZES:
            # one term, not a bigram (see NAME_JOINER): "Weißes Haus" is fitted as "USA" is
            phrases.setdefault(tuple(theme_lemma(t) for t in toks), NAME_JOINER.join(actor.name.split()))
    return phrases


def parse(text: str) -> Parsed:
    w = _WORKER
    scorer, lemmas, terms, phrases, starts = w["scorer"], w["lemmas"], w["terms"], w["phrases"], w["starts"]
    spans = split_sentences(text)
    language = detect_language(text)
    sentence_marks: list[list[str]] | None = None  # each sentence's tone tokens, where made
    if language == "en":
        if "english" not in w:
            from ..tone.english import EnglishToneScorer

            w["english"] = EnglishToneScorer().fit()
        tones = [w["english"].score_sentence(text[s:e]) for s, e in spans]
        tokens = [tokenize(text[s:e]) for s, e in spans]
    elif language in SCORED_LANGUAGES:
        tones = []
        tokens = []
        # The sentence's tokens with punctuation, not its words alone: the tone rules read
        # punctuation (clauses, quotes, a particle at a clause's end). Its words are taken from
        # the same tokens rather than tokenising the sentence a second time, and so are the
        # voices' words where they are the same.
        sentence_marks = []
        for s, e in spans:
            marks = tokenize_with_punctuation(text[s:e])
            t = scorer.score_tokens(marks)
            tones.append((t.score, t.label, _evidence(t)))
            tokens.append(sentence_words(marks, text, s, e))
            sentence_marks.append(marks)
    else:
        tones = [(float("nan"), "not scored", _NOT_SCORED)] * len(spans)
        tokens = [tokenize(text[s:e]) for s, e in spans]
    features: list[str] = []
    feature_sentences = array("q")
    if language in THEME_LANGUAGES:
        credits = w["credits"]
        # dict lookups by map (the tables fill themselves on a miss: __missing__)
        lemma_of, term_of = lemmas.__getitem__, terms.__getitem__
        lemma_terms = w["lemma_terms"]
        term_of_token, phrase_tokens = lemma_terms.__getitem__, lemma_terms.watched_tokens
        markup = has_post_markup(text)  # a post's addresses and links name no theme
        for (s, e), toks in zip(spans, tokens):
            if markup and has_post_markup(sentence := text[s:e]):
                toks = words_without_markup(sentence)
            if is_credit_line(toks, credits):
                continue  # "Foto: Imago/Max Muster": a name that names no theme
            # Each token's term in one lookup; a sentence with a token whose lemma opens an
            # actor's phrase (known once its term was looked up) or with a name's particle
            # ("Van der Bellen") merges its lemmas first.
            sentence_terms = list(map(term_of_token, toks))
            if not phrase_tokens.isdisjoint(toks) or not CAPITAL_PARTICLES.isdisjoint(toks):
                merged = merge_phrases(list(map(lemma_of, toks)), phrases, starts, toks)
                sentence_terms = list(map(term_of, merged))
            first = len(features)
            features.extend(sentence_features(sentence_terms))
            if len(features) > first:
                feature_sentences.extend((sentence_key(text[s:e]), first, len(features)))
    starts_at = [s for s, _ in spans]
    matcher = w["matcher"]
    named = matcher.find(text)
    by_role = role_mentions(text, named, matcher.kinds_) if named else []
    mentions = [
        (actor, alias, s, e, max(0, bisect_right(starts_at, s) - 1))
        for actor, alias, s, e in (sorted(named + by_role, key=itemgetter(2)) if by_role else named)
    ]
    if language in VOICE_LANGUAGES:
        voices = [
            (v.voice, v.speaker, v.speaker_actor, v.quote_kind, v.quote_spans, v.quote_share)
            for v in w["voices"].sentence_voices(text, spans, marks=sentence_marks)
        ]
    else:
        voices = [_NOT_ANALYSED] * len(spans)
    return Parsed(spans, [len(t) for t in tokens], language, tones, mentions, features, voices, feature_sentences)


def _evidence(tone: SentenceTone) -> Message:
    """``tone.explain()``, packed as a pickle brings it (its English text and JSON form:
    :func:`~tonlage.tone.scorer.packed_evidence`), shared by the sentences whose cues carry no
    rule note: their evidence is their words and weights alone ("Erfolg +0.56 · Krise −0.80"),
    and most sentences' are one of a few thousand. A packed message pickles as it is (an
    unpacked one is turned into JSON again for each sentence on its way out of a worker
    process)."""
    cues = tone.cues
    if not cues or all(not c.note for c in cues):
        key = tuple((c.word, c.weight) for c in cues) if cues else ()  # (most sentences: no cue)
        found = _EVIDENCE.get(key)
        if found is None:
            found = packed_evidence(tone)
            if len(_EVIDENCE) < EVIDENCE_CACHE:
                _EVIDENCE[key] = found
        return found
    return packed_evidence(tone)


# The evidence of cues without rule notes (see _evidence); bounded, per process.
_EVIDENCE: dict[tuple[tuple[str, float], ...], Message] = {}


def sentence_words(marks: list[str], text: str, start: int, end: int) -> list[str]:
    """``tokenize(text[start:end])`` from the sentence's tokens with punctuation (``marks``, of
    :func:`tonlage.tone.tokens.tokenize_with_punctuation`).

    Both patterns match words and numbers alike, and the punctuation pattern's other tokens
    (marks, a spaced dash) never hold a letter or digit, so the words are the tokens that start
    with one; except after an emoticon that took a letter or digit (":D", "<3"): then the
    sentence is tokenised again.
    """
    words = list(filterfalse(NON_WORD_TOKENS.__contains__, marks))  # (those that start with one)
    # Such an emoticon holds ":", ";" or "<": a sentence without them (most) is not scanned.
    if (
        len(words) < len(marks)
        and (text.find(":", start, end) >= 0 or text.find(";", start, end) >= 0 or text.find("<", start, end) >= 0)
        and any(len(m) > 1 and m[0] in ":;<" for m in marks)
    ):
        return tokenize(text[start:end])
    return words


def sentence_key(sentence: str) -> int:
    """A stable key of a sentence's exact wording: its length and CRC-32 (the same in every
    worker process, unlike ``hash``; a third of the cost of a cryptographic hash, and a rare
    collision only makes two sentences count as one when finding boilerplate)."""
    return (len(sentence) << 32) | zlib.crc32(sentence.encode())


def parse_article(raw: RawArticle) -> Parsed:
    return parse(raw.text)


def parse_with_digest(raw: RawArticle) -> tuple[str, Parsed]:
    """The article's text digest and :func:`parse` of that text (a parse handed over before
    the text could still change: the digest says which text it is of)."""
    return raw.digest(), parse_article(raw)


def slim(p: Parsed) -> Parsed:
    """``p`` once its sentences are written: what the themes, the duplicates and the article
    table still read (the number of words as one total). Its theme terms are interned: a term
    (a bigram above all) comes from a worker as a string of its own at every occurrence, and
    held for every article until the themes are fitted, the copies took ~8 KB an article."""
    features = [sys.intern(f) for f in p.features]
    return Parsed([], [sum(p.n_words)], p.language, [], [], features, [], p.feature_sentences)
