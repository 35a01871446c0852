"""What the worker processes' forkserver imports once before forking workers (see
:data:`tonlage.workers.PRELOAD`): the engine, the German lemma dictionary, which simplemma
otherwise decodes in every worker on its first word, and, when the workers sketch texts for the
duplicate search (:data:`tonlage.thresholds.SKETCH_IN_WORKERS`), its MinHash permutations of the
default seed (datasketch imported and the permutations drawn: 0.16 s in every worker otherwise)."""

import simplemma

from . import pipeline  # noqa: F401
from .duplicates import sketch_text
from .thresholds import SKETCH_IN_WORKERS

simplemma.lemmatize("Häuser", lang="de")
if SKETCH_IN_WORKERS:
    sketch_text("eins zwei drei vier fünf", random_state=0)
