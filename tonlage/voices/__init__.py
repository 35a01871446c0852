"""Who speaks: quoted and reported voices in German news text, and whom they belong to.

News tone mixes two things: how the author writes and what the people in the story say. This
package separates them. For an article text and its sentence spans it finds

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

The package, by seam:

* :mod:`.finder` — :class:`VoiceFinder`, the public entry; :mod:`.results` — :class:`Quote` and
  :class:`SentenceVoice`;
* :mod:`.lexicon` — the word classes (``data/*.tsv``); :mod:`.saying` — every form of the verbs
  of saying, generated from them;
* :mod:`.marks` — quotation marks (:func:`quote_pairs`); :mod:`.konjunktiv` — Konjunktiv I
  (:func:`is_konjunktiv_one`);
* :mod:`.names` — words in names (role and institution heads, lemmas); :mod:`.people` — the
  names an article uses and the speakers met so far; :mod:`.phrases` — noun phrases read as
  speakers;
* per article (:mod:`.article` runs them): :mod:`.sentences` (text, sentences, tokens),
  :mod:`.frames` (verbs and nouns of saying, attribution phrases), :mod:`.clauses` (the clauses
  around them), :mod:`.speakers` (where a passage's speaker is named), :mod:`.direct` (quotes in
  marks), :mod:`.continuation` (reports continued in the subjunctive, unmarked first-person
  speech), :mod:`.merge` (passages into quotes); :mod:`.parts` holds the records they pass on.
"""

from __future__ import annotations

import logging

from .finder import VoiceFinder
from .konjunktiv import is_konjunktiv_one
from .marks import quote_pairs
from .results import AUTHOR, NO_VOICE, QUOTED, Quote, SentenceVoice
from .saying import SAYING_FORMS

__all__ = [
    "AUTHOR",
    "NO_VOICE",
    "QUOTED",
    "SAYING_FORMS",
    "Quote",
    "SentenceVoice",
    "VoiceFinder",
    "is_konjunktiv_one",
    "quote_pairs",
]

log = logging.getLogger(__name__)

# The name bench/quotes_quality.py imports (from before the package split).
_NO_VOICE = NO_VOICE
