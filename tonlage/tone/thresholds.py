"""Every number the German tone rules use, each with one name and one meaning.

The learned model's coefficients and its sentence bands are not here: they are fitted and ship
in ``data/tone_model.json`` (see :mod:`tonlage.tone.model`). The band that turns an ARTICLE's
mean tone into a colour (±0.05) belongs to the charts (``components/charts.py``) and to
:mod:`tonlage.findings`; it is a different quantity from the sentence bands here.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

__all__ = [
    "RULE_SENTENCE_BAND",
    "NEGATION_WINDOW",
    "NEGATION_FACTOR",
    "NEGATED_NEGATIVE_FACTOR",
    "CONTRAST_BEFORE",
    "CONTRAST_AFTER",
    "SQUASH_ALPHA",
    "MAX_MODIFIER_RUN",
    "MIN_COMPOUND_HEAD",
    "MIN_COMPOUND_REST",
    "UNDERMINED_POSITIVE_FACTOR",
    "SCOPE_MAX_TOKENS",
]

#: Rules-only scorer (``ToneScorer(model=None)``): a sentence is neutral when the squashed sum
#: of its cue weights has ``|score| < RULE_SENTENCE_BAND``. 0.69 maximised 3-class macro-F1 on a
#: calibration half of GerNTSA for the rules alone (one strong word makes a sentence polar, one
#: moderate word does not). With the learned model this band is not used.
RULE_SENTENCE_BAND = 0.69

#: How many tokens a negator reaches (forwards; backwards onto a verb for "nicht", "nie").
NEGATION_WINDOW = 3
#: Multiplier for a negated positive word (flips it, slightly weaker).
NEGATION_FACTOR = -0.8
#: Multiplier for a negated negative word ("nicht schlecht" is only mildly positive).
NEGATED_NEGATIVE_FACTOR = -0.5
#: Weight of tone words before a clause-opening contrast word ("zwar gut, aber ...").
CONTRAST_BEFORE = 0.5
#: Weight of tone words after it.
CONTRAST_AFTER = 1.5
#: Softness of the squashing ``x / sqrt(x² + alpha)`` of summed weights into (-1, 1).
SQUASH_ALPHA = 1.0
#: Longest run of modifiers applied to one tone word ("sehr, sehr gut" counts twice at most).
MAX_MODIFIER_RUN = 2
#: Shortest lexicon noun accepted as a compound head.
MIN_COMPOUND_HEAD = 4
#: Shortest first part in front of a compound head.
MIN_COMPOUND_REST = 3
#: A positive head behind an undermining first part ("Diktat|frieden") counts as this multiple
#: of its polarity (negative: the good thing is forced or fake).
UNDERMINED_POSITIVE_FACTOR = -0.7
#: How far (tokens) an extended negation scope ("nicht bereit, ... zu ...") reaches at most.
SCOPE_MAX_TOKENS = 25
