"""What the worker processes' forkserver imports once before forking workers (see
:data:`tonlage.workers.PRELOAD`): the engine and the German lemma dictionary, which simplemma
otherwise decodes in every worker on its first word."""

import simplemma

from . import pipeline  # noqa: F401

simplemma.lemmatize("Häuser", lang="de")
