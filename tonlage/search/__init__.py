"""The sidebar's "Containing words", and what makes it fast and forgiving.

- :mod:`.query`: what a reader's words mean (commas, phrases, ``+``, stars) and where they
  stand in a text; its public names are this package's, so ``from tonlage.search import
  parse_words`` reads it.
- :mod:`.word_index`: which texts hold which words, made in the background and kept on disk,
  so that a search at 100,000 articles reads a few lists instead of every text.
- :mod:`.spelling`: the corpus's words a slip away from one it does not hold, and the other
  queries offered when a search finds nothing.

Only :mod:`.query` is read when the package is imported: the first page needs nothing more.
"""

from .query import (
    MAX_CHARS,
    MAX_TERMS,
    Term,
    canonical_words,
    found_spans,
    groups_of,
    in_context,
    matching,
    parse_words,
    parts_of,
    query_of,
    runs_of,
    word_patterns,
    words_pattern,
)

__all__ = [
    "MAX_TERMS",
    "MAX_CHARS",
    "Term",
    "parse_words",
    "groups_of",
    "canonical_words",
    "query_of",
    "words_pattern",
    "word_patterns",
    "parts_of",
    "runs_of",
    "matching",
    "found_spans",
    "in_context",
]
