"""What a :class:`~tonlage.analysis.incremental.KeptResults` holds through one analysis, and the
key each text's kept results go under. Each part of its work (the actor list, the duplicates,
the themes, the per-article stage) is a class of its own module on this base."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path


class KeptBase:
    """The state of one analysis of a workspace over its kept results.

    Args:
        ws: The :class:`~tonlage.storage.workspace.Workspace`.
        engine: :func:`~tonlage.analysis.incremental.store.engine_key` of this analysis.
        scope: The theme settings the kept model belongs to (number of themes, seed).
        known_parts: The analysis cache's file of a sentence part, by its digest, or None
            (see :meth:`~tonlage.analysis.incremental.KeptResults.run_batches`).
    """

    def __init__(self, ws, *, engine: str, scope: str, known_parts: Callable[[str], Path | None] | None = None):
        self.ws = ws
        self.known_parts = known_parts
        self.engine = engine
        self.scope = scope
        self.actors = ""  # the actor list's signature (follow_actors); every kept row names its list
        self._list_changed = False  # since the last analysis (follow_actors)
        # After an actor-list change (follow_actors): the articles named again, and the kept
        # batches that hold any of them, still under the list before (self._patch_list), to be
        # patched rather than made again (run_batches).
        self._named_again: set[str] = set()
        self._patch_batches: set[int] = set()
        self._patch_list = ""
        self.parsed_count = 0  # articles analysed this time (the rest were kept)
        self.note: dict = {}
        self._raw_of: dict[int, str] = {}  # id of an article -> the key of its text as stored
        self._key_of: dict[str, str] = {}  # a text's digest -> its key
        self._released: set[int] = set()  # positions of the articles whose text was let go
        self._parsed_raw_keys: set[str] | None = None  # see _parsed_raw
        self._recurring_rows: dict[str, str] | None = None  # see _recurring
        self._early: tuple[dict[str, str], Iterator] | None = None  # see hand_over
        self._keys: list[str] = []
        # Kept batches whose articles' theme features are still packed: (first position, end,
        # the packed features), in order of position; see _with_features.
        self._packed: list[tuple[int, int, bytes]] = []
        # Read while the workers parse (read_ahead): (order, seed, groups) and the kept fit.
        self._early_duplicates: tuple | None = None
        self._loaded_fit: tuple | None = None

    def _key(self, digest: str) -> str:
        """The key of a text's results: of the engine and the text's
        :func:`~tonlage.corpus.text_digest` (a workspace keeps each stored text's, so telling new
        texts from known ones reads and hashes no text: 0.7 s of an add at 100,000 articles)."""
        key = self._key_of.get(digest)
        if key is None:  # asked three times for each article of an analysis
            key = self._key_of[digest] = hashlib.blake2b(
                f"{self.engine}\0{digest}".encode(), digest_size=16
            ).hexdigest()
        return key

    def _text_key(self, a) -> str:
        """The key of an article's text as it is now (see :meth:`_keys_of`)."""
        return self._key(a.digest())

    def _keys_of(self, articles) -> list[str]:
        """The key of each article's text as it is now (a stored article keeps its digest until
        its text is changed, e.g. a recurring line taken out). Asked three times an analysis; a
        method call an article took 0.37 s of an add at 100,000 articles under the profiler."""
        known, key = self._key_of, self._key
        return [known.get(d) or key(d) for d in [a.digest() for a in articles]]
