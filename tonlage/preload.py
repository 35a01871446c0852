"""What the worker processes' forkserver imports once before forking workers (see
:data:`tonlage.workers.PRELOAD`): the engine, the German lemma dictionary, which simplemma
otherwise decodes in every worker on its first word, and the duplicate search's MinHash
permutations of the default seed (datasketch imported and the permutations drawn: 0.16 s in
every worker on its first sketch otherwise)."""

import simplemma

from . import pipeline  # noqa: F401
from .duplicates import sketch_text

simplemma.lemmatize("Häuser", lang="de")
sketch_text("eins zwei drei vier fünf", random_state=0)
