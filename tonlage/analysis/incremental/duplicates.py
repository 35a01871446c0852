"""The duplicate search of a workspace over its kept sketches and index: an add sketches and
bands only its new texts."""

from __future__ import annotations

import logging
from functools import partial

import numpy as np

from .base import KeptBase
from .store import has_table, write_kept

log = logging.getLogger(__name__)


def _signature(data: bytes | None):
    """A kept MinHash signature (datasketch's affine32 values are 32-bit, older schemes' 64)."""
    if data is None:
        return None
    return np.frombuffer(data, dtype=np.uint32 if len(data) == 4 * 128 else np.uint64)


class KeptDuplicates(KeptBase):
    """:meth:`duplicates` for the corpus-wide step of an analysis of a workspace."""

    def duplicates(self, raws, order: list, random_state: int):
        """:func:`tonlage.duplicates.find_duplicates` of the articles' texts.

        With a kept :class:`~tonlage.duplicates.DuplicateIndex` for the seed,
        :func:`~tonlage.duplicates.update_duplicates` normalises, sketches and bands only the
        texts it does not know, and reads back only the kept signatures it verifies against
        (at 101,000 articles the full search of an add read all 101,000, banded them and walked
        every text: 1.2-1.55 s). Without one (a first analysis, a workspace kept before the
        index, another setting), the search is made over all texts with the kept sketches read
        back, and its index is kept. New sketches are kept, those no article has any more dropped.
        """
        from ...duplicates import CannotUpdate, DuplicateIndex, update_duplicates

        early, self._early_duplicates = self._early_duplicates, None
        if early is not None and early[0] == order and early[1] == random_state:
            return early[2]
        params = DuplicateIndex.params_for()
        with self.ws._connect(write=False) as con:
            rows = (
                con.execute("SELECT data FROM duplicate_index WHERE seed=? ORDER BY part", (random_state,)).fetchall()
                if has_table(con, "duplicate_index")
                else []
            )
        index = DuplicateIndex.from_stored([r[0] for r in rows], params) if rows else None
        del rows
        if index is not None:
            try:
                groups, updated, new, stale = update_duplicates(
                    index, self._keys, lambda i: raws[i].text, order, partial(self._signatures, random_state)
                )
            except CannotUpdate as exc:
                log.warning("workspace %s: duplicate index not usable (%r); searching afresh", self.ws.path, exc)
            else:
                # An update adds parts of band keys to the kept ones; a compacted index is stored whole.
                kept = len(index.parts)
                added = all(a is b for a, b in zip(index.parts, updated.parts)) and len(updated.parts) >= kept
                self._keep_duplicates(random_state, new, stale, updated, first_part=kept + 1 if added else 1)
                return groups
        return self._duplicates_afresh(raws, order, random_state, params)

    def _duplicates_afresh(self, raws, order: list, random_state: int, params: tuple):
        """The full search of :meth:`duplicates`, with the kept sketches read back; keeps its index."""
        from ...duplicates import DuplicateIndex, find_duplicates

        with self.ws._connect(write=False) as con:
            rows = (
                con.execute("SELECT key, digest, sig FROM sketches WHERE seed=?", (random_state,)).fetchall()
                if has_table(con, "sketches")
                else []
            )
        stored = {key: (bytes(digest), _signature(sig)) for key, digest, sig in rows}
        known = [stored.get(k) for k in self._keys]
        made: list = []
        kept: dict = {}
        # Only the texts without a kept sketch are read (a stored article decodes its text then).
        texts = [r.text if k is None else "" for r, k in zip(raws, known)]
        groups = find_duplicates(texts, order=order, random_state=random_state, known=known, sketches=made, kept=kept)
        new = {k: s for k, s, had in zip(self._keys, made, known) if had is None}
        stale = set(stored) - set(self._keys)
        self._keep_duplicates(random_state, new, stale, DuplicateIndex.of_search(self._keys, kept, params))
        return groups

    def _signatures(self, random_state: int, keys: list[str]) -> dict:
        """The kept signatures of ``keys`` (those that have one)."""
        out = {}
        with self.ws._connect(write=False) as con:
            for lo in range(0, len(keys), 500):
                chunk = keys[lo : lo + 500]
                marks = ",".join("?" * len(chunk))
                for key, sig in con.execute(
                    f"SELECT key, sig FROM sketches WHERE seed=? AND key IN ({marks})", (random_state, *chunk)
                ):
                    if sig is not None:
                        out[key] = _signature(sig)
        return out

    def _keep_duplicates(self, random_state: int, new: dict, stale, index, first_part: int = 1) -> None:
        """Keep the new sketches and the index (None: none to keep), drop the stale sketches. The
        index's band parts before ``first_part`` (counted from 1) are kept already."""

        def write(con) -> None:
            con.executemany(
                "INSERT OR REPLACE INTO sketches VALUES (?,?,?,?)",
                [(k, random_state, d, None if v is None else v.tobytes()) for k, (d, v) in new.items()],
            )
            con.executemany("DELETE FROM sketches WHERE key=? AND seed=?", [(k, random_state) for k in stale])
            if first_part <= 1:
                con.execute("DELETE FROM duplicate_index WHERE seed=?", (random_state,))
            if index is not None:
                rows = [(0, index.meta())]
                rows += [(i, index.part(*part)) for i, part in enumerate(index.parts, 1) if i >= first_part]
                con.executemany(
                    "INSERT OR REPLACE INTO duplicate_index VALUES (?,?,?)", [(random_state, i, d) for i, d in rows]
                )

        write_kept(self.ws, write)
