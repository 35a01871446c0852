"""Sentence tone (sentiment) for German news: rules over a polarity lexicon, then a small
learned layer.

* :mod:`~tonlage.tone.lexicon` — the Klenner et al. (2010) lexicon (shipped in textblob-de) and
  our word lists in ``data/*.tsv``;
* :mod:`~tonlage.tone.tokens` — the :class:`Token` record and the tokeniser;
* :mod:`~tonlage.tone.lookup` — word-level rules (lookup, compounds, senses, truncation);
* :mod:`~tonlage.tone.rules` — sentence-level passes (modifiers, idioms, separable and function
  verbs, negation and its scope, contrast);
* :mod:`~tonlage.tone.features` and :mod:`~tonlage.tone.model` — the learned layer, whose
  coefficients ship in ``data/tone_model.json``;
* :mod:`~tonlage.tone.scorer` — :class:`ToneScorer`, which puts them together;
* :mod:`~tonlage.tone.thresholds` — every number the rules use, each with its own name;
* :mod:`~tonlage.tone.english` — English articles, scored with VADER instead.
"""

from .lexicon import DOMAIN_LEXICON, NEWS_NEUTRAL, lexicon_path, load_lexicon
from .model import ToneModel, default_model
from .scorer import Cue, SentenceTone, ToneScorer
from .tokens import Token

__all__ = [
    "Cue",
    "SentenceTone",
    "ToneScorer",
    "ToneModel",
    "Token",
    "DOMAIN_LEXICON",
    "NEWS_NEUTRAL",
    "default_model",
    "load_lexicon",
    "lexicon_path",
    "tone_towards",
]

_DEFAULT_SCORER: ToneScorer | None = None


def tone_towards(sentence: str, span: tuple[int, int]) -> SentenceTone:
    """The tone of ``sentence`` towards the words at character offsets ``span``, with the
    shipped model (a process-wide scorer built on first use).

    Args:
        sentence: One German sentence.
        span: ``(start, end)`` character offsets of the target, e.g. an actor mention from
            :class:`tonlage.actors.ActorMatcher` made relative to the sentence.

    Returns:
        The tone towards the target.
    """
    global _DEFAULT_SCORER
    if _DEFAULT_SCORER is None:
        _DEFAULT_SCORER = ToneScorer().fit()
    return _DEFAULT_SCORER.tone_towards(sentence, span)
