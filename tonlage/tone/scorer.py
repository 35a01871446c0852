"""The German sentence tone scorer: rules over the lexicon, then a small learned layer.

:class:`ToneScorer` tokenises a sentence (words and punctuation), looks every word up once
(:mod:`tonlage.tone.lookup`), runs the rule passes (:mod:`tonlage.tone.rules`), and maps the
rules' features through the shipped logistic regression (:mod:`tonlage.tone.model`) to a score
in (−1, 1) and a label. A sentence without any tone word is neutral with score 0. The cues
(words and the rules that moved them) are returned with every result, so a reader sees why.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import reduce
from operator import attrgetter, or_

from ..i18n import Message, Signed, join, message, message_json, packed_message
from . import thresholds as th
from .features import cue_gates, target_gates
from .lookup import TokenTable
from .model import ToneModel, default_model
from .rules import SentenceState, cues_of, has_final_particle, run_rules
from .tokens import Flag, token_spans, tokenize_with_punctuation

log = logging.getLogger(__name__)

__all__ = ["Cue", "SentenceTone", "ToneScorer", "packed_evidence"]


@dataclass(frozen=True)
class Cue:
    """One word that moved a sentence's score.

    Attributes:
        word: The surface form as it appears in the sentence.
        weight: Its signed contribution to the sentence's margin: the rule weight times the
            learned layer's factor for its gates (the rule weight alone without a model).
            The contributions of a sentence's cues add up to its margin.
        note: The rules applied, as a :class:`~tonlage.i18n.Message` ("negated by 'nicht'"; several
            joined with "; "), "" when none did.
        rule_weight: Its weight after the rules, before the learned layer.
    """

    word: str
    weight: float
    note: str = ""
    rule_weight: float | None = None


@dataclass(frozen=True)
class SentenceTone:
    """The tone of one sentence.

    Attributes:
        score: Tone in [-1, 1]: the squashed sum ``m / sqrt(m² + 1)`` of the cue weights.
        label: "negative", "neutral" or "positive".
        cues: The words that contributed, in sentence order.
        rules: Sentence-level rules that fired, as ``(code, word)`` pairs, e.g.
            ``("separable", "hinzufügen")`` or ``("negation_scope", "bereit")``; also
            ``("dropped", word)`` for lexicon words a rule silenced.
    """

    score: float
    label: str
    cues: tuple[Cue, ...] = ()
    rules: tuple[tuple[str, str], ...] = ()

    def explain(self) -> Message:
        """The evidence, e.g. "Fiasko −1.00 · Erfolg −0.56 (negated by 'kein')", as a message.

        Its English text is as shown; in another language the rule phrases are translated and
        the weights use that language's decimal sign, while the words stay as written.

        Returns:
            ``join([...], sep=" · ")`` of one message per cue: ``"{word} {weight}"``, or
            ``"{word} {weight} ({rules})"`` when rules moved it (``word``: the word as written;
            ``weight``: a :class:`~tonlage.i18n.Signed`; ``rules``: the cue's note). "no tone
            words" when there are none.
        """
        if not self.cues:
            return _NO_TONE_WORDS
        return join([cue_evidence(cue) for cue in self.cues], sep=" · ")


_NO_TONE_WORDS = message("no tone words")
_encode_string = json.encoder.encode_basestring  # as json.dumps(..., ensure_ascii=False) writes a string


def packed_evidence(tone: SentenceTone) -> Message:
    """``tone.explain()`` packed as a pickle brings it: ``packed_message(str(m), message_json(m))``,
    the same text and JSON, written directly instead of by building a message per cue, their
    join, and then their JSON through ``to_json`` and ``json.dumps`` (a worker does it for most
    sentences it scores). Cues whose note is not a plain :class:`~tonlage.i18n.Message` or ""
    (none that the rules make) take the long way.
    """
    texts, parts = [], []
    for cue in tone.cues:
        word, weight, note = cue.word, float(cue.weight), cue.note
        if "{" in word or not math.isfinite(weight) or (note and type(note) is not Message):
            return packed_message(str(m := tone.explain()), message_json(m))
        head = '{"params":{"word":' + _encode_string(word) + ',"weight":{"signed":' + repr(weight) + "}"
        if note:
            texts.append(f"{word} {Signed(weight)} ({note})")
            parts.append('{"msgid":"{word} {weight} ({rules})",' + head[1:] + ',"rules":' + message_json(note) + "}}")
        else:
            texts.append(f"{word} {Signed(weight)}")
            parts.append('{"msgid":"{word} {weight}",' + head[1:] + "}}")
    if not texts:
        return packed_message(str(_NO_TONE_WORDS), message_json(_NO_TONE_WORDS))
    return packed_message(" · ".join(texts), '{"msgid":"","params":{},"parts":[' + ",".join(parts) + '],"sep":" · "}')


def cue_evidence(cue: Cue) -> Message:
    """One cue as evidence: its word, its signed weight and, if any, the rules that moved it."""
    if cue.note:
        return message("{word} {weight} ({rules})", word=cue.word, weight=Signed(cue.weight), rules=cue.note)
    return message("{word} {weight}", word=cue.word, weight=Signed(cue.weight))


_NO_TONE = SentenceTone(0.0, "neutral", ())
_FLAGS = attrgetter("flags")


class ToneScorer:
    """German sentence tone: lexicon rules plus a learned logistic layer.

    Follows the scikit-learn contract: ``__init__`` only stores parameters; :meth:`fit` loads
    the lexicon, word lists and model (nothing is learned from ``X``; the model is trained by
    ``bench/train_tone_model.py``) and returns ``self``. Scoring fits lazily.

    Args:
        model: ``"default"`` for the shipped ``data/tone_model.json``, a
            :class:`~tonlage.tone.model.ToneModel`, or None for the rules alone (score = the
            squashed sum of cue weights, label by ``neutral_band``).
        neutral_band: Sentences with ``|score| < neutral_band`` are neutral. None (default):
            the model's fitted band, or
            :data:`~tonlage.tone.thresholds.RULE_SENTENCE_BAND` for the rules alone.
        negation_window: How many tokens a negator reaches.
        negation_factor: Multiplier for a negated positive word.
        negated_negative_factor: Multiplier for a negated negative word.
        contrast_before: Weight of tone words before a clause-opening contrast word.
        contrast_after: Weight of tone words after it.
        alpha: Softness of the squashing ``x / sqrt(x² + alpha)``.
        use_domain_lexicon: Add the domain word list and apply the news-neutral list.
        use_compounds: Use compound heads.
        use_sense_rules: Apply the sense rules (separable and function verbs, truncation,
            undermining compounds, temporal adjectives, focus adverbs, particle verbs).
        extra_neutral: More lexicon forms to score as 0 (replaces the model's learned list
            when given).
        reader_words: A reader's word list for one corpus, word → polarity (0 = not
            evaluative here); it wins over the lexicon and every other list.
    """

    def __init__(
        self,
        *,
        model: ToneModel | str | None = "default",
        neutral_band: float | None = None,
        negation_window: int = th.NEGATION_WINDOW,
        negation_factor: float = th.NEGATION_FACTOR,
        negated_negative_factor: float = th.NEGATED_NEGATIVE_FACTOR,
        contrast_before: float = th.CONTRAST_BEFORE,
        contrast_after: float = th.CONTRAST_AFTER,
        alpha: float = th.SQUASH_ALPHA,
        use_domain_lexicon: bool = True,
        use_compounds: bool = True,
        use_sense_rules: bool = True,
        extra_neutral=None,
        reader_words: dict[str, float] | None = None,
    ):
        self.model = model
        self.neutral_band = neutral_band
        self.negation_window = negation_window
        self.negation_factor = negation_factor
        self.negated_negative_factor = negated_negative_factor
        self.contrast_before = contrast_before
        self.contrast_after = contrast_after
        self.alpha = alpha
        self.use_domain_lexicon = use_domain_lexicon
        self.use_compounds = use_compounds
        self.use_sense_rules = use_sense_rules
        self.extra_neutral = extra_neutral
        self.reader_words = reader_words

    # ------------------------------------------------------------------ fitting

    def fit(self, X=None, y=None) -> ToneScorer:
        """Load the lexicon, word lists and model. ``X`` and ``y`` are ignored.

        Returns:
            self, with ``lexicon_`` (form → polarity after the lists), ``model_`` and ``band_``
            (the sentence band in force) set.
        """
        from ..analysis.lexicon_cache import load_german_dictionary

        load_german_dictionary()  # its tokens are lemmatised: decoded once on this machine
        model = default_model() if isinstance(self.model, str) else self.model
        neutral = self.extra_neutral
        if neutral is None:
            neutral = model.news_neutral if model is not None else ()
        self.model_ = model
        self.table_ = TokenTable(
            extra_neutral=frozenset(neutral),
            use_domain_lexicon=self.use_domain_lexicon,
            use_compounds=self.use_compounds,
            use_sense_rules=self.use_sense_rules,
            reader_words=self.reader_words,
        )
        self.lexicon_ = self.table_.lexicon
        self._layer = model.sentence if model is not None else None
        if self.neutral_band is not None:
            self.band_ = float(self.neutral_band)
        elif self._layer is not None:
            self.band_ = float(self._layer.band)
        else:
            self.band_ = th.RULE_SENTENCE_BAND
        self._cue_args = dict(
            negation_factor=self.negation_factor,
            negated_negative_factor=self.negated_negative_factor,
            contrast_before=self.contrast_before,
            contrast_after=self.contrast_after,
        )
        return self

    def _ensure_fitted(self) -> None:
        if not hasattr(self, "table_"):
            self.fit()

    # ------------------------------------------------------------------ scoring

    def label(self, score: float) -> str:
        """Map a score in [-1, 1] to "negative", "neutral" or "positive"."""
        self._ensure_fitted()
        if score == 0.0 or abs(score) < self.band_:
            return "neutral"
        return "positive" if score > 0 else "negative"

    def squash(self, total: float) -> float:
        """Normalise a summed weight into [-1, 1] with ``x / sqrt(x² + alpha)``."""
        if total == 0.0:
            return 0.0
        return max(-1.0, min(1.0, total / math.sqrt(total * total + self.alpha)))

    def score(self, sentence: str) -> SentenceTone:
        """Score one sentence.

        Args:
            sentence: One German sentence (plain text; punctuation marks clauses, quotes and
                questions).

        Returns:
            The sentence's tone with the cue words that moved it.
        """
        return self.score_tokens(tokenize_with_punctuation(sentence))

    def score_many(self, sentences: list[str]) -> list[SentenceTone]:
        """Score many sentences (same as calling :meth:`score` on each)."""
        self._ensure_fitted()
        score = self.score
        return [score(s) for s in sentences]

    def analyse_tokens(self, tokens: list[str]) -> tuple[SentenceState, list[tuple[int, float, str]], float] | None:
        """The rules' view of a tokenised sentence (for features and explanations).

        Returns:
            ``(state, cues, rule_score)``, or None when the sentence has no tone word.
        """
        if not hasattr(self, "table_"):
            self.fit()
        toks = self.table_.tokens(tokens)
        flags = reduce(or_, map(_FLAGS, toks), 0)
        if not flags & Flag.CANDIDATE:
            # No tone word: only a separated particle verb can still make one ("lehnte ... ab")
            if not (self.use_sense_rules and flags & Flag.PARTICLE and has_final_particle(toks)):
                return None
        st = run_rules(toks, self.lexicon_, window=self.negation_window, sense_rules=self.use_sense_rules, flags=flags)
        cues = cues_of(st, **self._cue_args)
        if not cues:
            return st, cues, 0.0
        return st, cues, self.squash(sum(w for _, w, _ in cues))

    def score_tokens(self, tokens: list[str]) -> SentenceTone:
        """Score a tokenised sentence.

        Args:
            tokens: Tokens from :func:`tonlage.tone.tokens.tokenize_with_punctuation` (or the
                words of :func:`tonlage.text.tokenize`; without punctuation the clause rules
                see one clause).

        Returns:
            The sentence's tone with the cue words that moved it.
        """
        found = self.analyse_tokens(tokens)
        if found is None:
            return _NO_TONE
        return self._result(*found, self._layer, None)

    def _result(self, st, cues, rule_score, layer, extra_gates) -> SentenceTone:
        rules = tuple(st.events)
        if not cues:
            return SentenceTone(0.0, "neutral", (), rules)
        toks = st.tokens
        if layer is None:
            return SentenceTone(
                rule_score, self.label(rule_score), tuple(Cue(toks[i].text, w, note, w) for i, w, note in cues), rules
            )
        out = []
        margin = 0.0
        pos_factors = layer.pos_factors
        if pos_factors is not None and extra_gates is None:
            other = pos_factors[""]
            get = pos_factors.get
            for i, w, note in cues:
                t = toks[i]
                c = w * get(t.pos, other)
                margin += c
                out.append(Cue(t.text, c, note, w))
        else:
            gates = cue_gates(st, cues)
            if extra_gates is not None:
                gates = [g + e for g, e in zip(gates, extra_gates)]
            for (i, w, note), g in zip(cues, gates):
                c = w * layer.factor(g)
                margin += c
                out.append(Cue(toks[i].text, c, note, w))
        s = layer.squash(margin)
        if layer is self._layer:
            return SentenceTone(s, self.label(s), tuple(out), rules)
        return SentenceTone(s, layer.label(s), tuple(out), rules)

    # ------------------------------------------------------------------ towards a target

    def tone_towards(self, sentence: str, span: tuple[int, int]) -> SentenceTone:
        """The tone of ``sentence`` towards the words at character offsets ``span``.

        Uses the model's target layer (cue weight in the target's clause and near it, the
        target's own words, quotes) when the model has one, else the sentence tone.

        Args:
            sentence: One sentence.
            span: ``(start, end)`` character offsets of the target (an actor mention).

        Returns:
            The tone towards the target, with the sentence's cues.
        """
        self._ensure_fitted()
        spans = token_spans(sentence)
        tokens = [t for t, _, _ in spans]
        model = self.model_
        if model is None or model.target is None:
            return self.score_tokens(tokens)
        found = self.analyse_tokens(tokens)
        if found is None:
            return _NO_TONE
        st, cues, rule_score = found
        if not cues:
            return self._result(st, cues, rule_score, model.target, None)
        first, last = token_range(spans, span)
        return self._result(st, cues, rule_score, model.target, target_gates(st, cues, first, last))


def token_range(spans: list[tuple[str, int, int]], span: tuple[int, int]) -> tuple[int, int]:
    """First and last token index overlapping the character range ``span`` (the nearest token
    when none overlaps).

    Args:
        spans: ``(token, start, end)`` from :func:`tonlage.tone.tokens.token_spans`.
        span: ``(start, end)`` character offsets.
    """
    start, end = span
    inside = [k for k, (_, a, b) in enumerate(spans) if a < end and b > start]
    if inside:
        return inside[0], inside[-1]
    if not spans:
        return 0, 0
    k = min(range(len(spans)), key=lambda j: abs(spans[j][1] - start))
    return k, k
