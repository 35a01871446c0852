"""What the worker processes' forkserver imports once before forking workers (see
:data:`tonlage.analysis.workers.PRELOAD`): the engine and the German lemma dictionary, which simplemma
otherwise decodes in every worker on its first word.

Likewise what every worker otherwise loaded for itself (bench.cold_worker, 2026-12-01: a
worker's set-up 41 -> 12 ms, and ~50 ms less on its first article): the tone lexicon
(textblob-de's XML), word lists and model, read by a tone scorer made here and dropped; the
theme stop words (stopwordsiso); and the language detector's profiles, loaded on its first text.
"""

import simplemma

from ..reading.language import detect_language
from ..themes.terms import german_stopwords
from ..tone import ToneScorer
from . import pipeline  # noqa: F401
from .lexicon_cache import load_german_dictionary

load_german_dictionary()  # decoded once on this machine, then read back (lexicon_cache)
simplemma.lemmatize("Häuser", lang="de")
ToneScorer().fit()
german_stopwords()
# Each detection is seeded afresh (DetectorFactory.seed), so this one changes no later result.
detect_language("Die Regierung hat am Montag beschlossen, die Steuern im kommenden Jahr zu senken.")
