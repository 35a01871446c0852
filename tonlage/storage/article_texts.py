"""The articles' texts, kept apart from the article table.

The article table (``AnalysedCorpus.articles``) is filtered, sorted and copied by every view,
and only the reader view reads an article's text, one article at a time. At 100,000 articles
the texts are 274 MB, more than the rest of the table: held in the table they went through
every copy and into every cache entry, so that an add to a workspace wrote all of them again
(1.4 s of its 11 s) and built the whole column again (0.6 s).

:class:`ArticleTexts` holds them as Arrow string arrays of :data:`TEXT_PART_ROWS` texts each, in
the order the articles came. That is a workspace's order, where an add appends: every part
but the last stays as it was. Each :class:`TextPart` is named by the digests of its texts
(:func:`part_key`). The analysis cache (:mod:`tonlage.storage.store`) keeps a part once, under its
name, and an analysis that finds a part there takes it instead of making it again.

Imported by the first page (through :mod:`tonlage.storage.store`): numpy and pyarrow are imported only
where a part is made.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["TEXT_PART_ROWS", "TextPart", "ArticleTexts", "part_key", "text_array"]

# Texts per part: about 22 MB of the generated news articles (2,700 characters each). An add
# of 1,000 articles makes one or two parts again.
TEXT_PART_ROWS = 8_192


@dataclass(frozen=True, eq=False)
class TextPart:
    """Consecutive texts (an Arrow ``large_string`` array) and the name their digests give."""

    key: str
    array: Any  # pyarrow.LargeStringArray (pyarrow has no type hints)

    def __len__(self) -> int:
        return len(self.array)


def part_key(digests: Iterable[str]) -> str:
    """The name of a part holding texts with these :func:`tonlage.corpus.text_digest` values,
    in this order."""
    h = hashlib.blake2b(b"text-part 1", digest_size=16)
    for d in digests:
        h.update(d.encode("ascii"))
        h.update(b"\n")
    return h.hexdigest()


def text_array(values: Sequence[str | bytes | None]):
    """The texts as one Arrow ``large_string`` array (None: missing). A text may be given as
    its UTF-8 bytes.

    Each text is encoded here and the bytes are handed to pyarrow whole. Given the strings,
    pyarrow keeps a UTF-8 copy inside every one of them (Python caches it), which the analysis
    then held to its end: at 100,000 articles ~280 MB more at its largest moment; and it took
    2.3 s for 30,000 texts of 10,000 characters against 0.33 s this way."""
    import numpy as np
    import pyarrow as pa

    encoded = [b"" if v is None else v if isinstance(v, bytes) else v.encode("utf-8") for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
    valid = None
    if any(v is None for v in values):
        valid = pa.array([v is not None for v in values], pa.bool_()).buffers()[1]
    array = pa.LargeStringArray.from_buffers(len(values), pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded)), valid)
    if any(isinstance(v, bytes) for v in values):
        try:  # bytes given are checked (Arrow's check: 0.03 s for 274 MB of text)
            array.validate(full=True)
        except pa.ArrowInvalid:  # not UTF-8: each text read with replacement characters
            text = [v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in values]
            array = pa.array(text, pa.large_string())
    return array


class ArticleTexts:
    """The texts of a corpus's articles by article id, in parts (see the module's docstring).

    Args:
        ids: The articles' ids, in the order of the texts.
        parts: The texts, ``ids``' order, in consecutive parts.
    """

    def __init__(self, ids: Sequence[str], parts: Sequence[TextPart] = ()):
        self._set(ids, parts)

    def _set(self, ids: Sequence[str], parts: Sequence[TextPart]) -> None:
        self.ids = list(ids)
        self.parts = list(parts)
        sizes = [len(p) for p in self.parts]
        if sum(sizes) != len(self.ids):
            raise ValueError(f"{sum(sizes)} texts for {len(self.ids)} articles")
        self._starts = list(itertools.accumulate(sizes[:-1], initial=0))
        self._at: dict[str, int] | None = None

    @classmethod
    def of(cls, ids: Sequence[str], texts: Iterable[str | bytes | None]) -> ArticleTexts:
        """The texts given, in parts named by their digests (a corpus made by hand, a table that
        still had its text column)."""
        from ..corpus import text_digest

        values = list(texts)
        parts = []
        for at in range(0, len(values), TEXT_PART_ROWS):
            chunk = values[at : at + TEXT_PART_ROWS]
            digests = [
                text_digest(v if isinstance(v, bytes) else (v or "").encode("utf-8", "surrogatepass")) for v in chunk
            ]
            parts.append(TextPart(part_key(digests), text_array(chunk)))
        return cls(ids, parts)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._index()

    def get(self, article_id: str, default: str = "") -> str:
        """The text of ``article_id`` (``default`` for an article without one)."""
        i = self._index().get(article_id)
        if i is None:
            return default
        p = bisect.bisect_right(self._starts, i) - 1
        value = self.parts[p].array[i - self._starts[p]].as_py()
        return default if value is None else value

    def texts(self, article_ids: Iterable[str]) -> list[str]:
        """The texts of ``article_ids``, in their order ("" for an article without one)."""
        return [self.get(a) for a in article_ids]

    def endings(self, n: int = 16) -> list[str]:
        """The last ``n`` characters of every text, trailing white space taken off first (of
        its last ``16 * n`` bytes: a text ending in more white space than that gives less), in
        the order of ``ids`` ("" for an article without one). Cut from the Arrow arrays as
        bytes, not from Python strings: 100,000 texts are 274 MB, their endings 1.6 MB. (Cut
        as characters, Arrow counts each text's characters from its start: 0.25 s against
        0.08 s.)"""
        import pyarrow as pa
        import pyarrow.compute as pc

        out: list[str] = []
        for p in self.parts:
            tails = pc.binary_slice(p.array.cast(pa.large_binary()), start=-16 * n).to_pylist()
            # A character cut in two by the byte slice is the first of the tail: left out.
            out += [(b or b"").decode("utf-8", "ignore").rstrip()[-n:] for b in tails]
        return out

    @property
    def nbytes(self) -> int:
        return sum(p.array.nbytes for p in self.parts)

    def _index(self) -> dict[str, int]:
        if self._at is None:  # two threads may both build it: the same dict either way
            self._at = {a: i for i, a in enumerate(self.ids)}
        return self._at

    def __getstate__(self) -> dict:
        # The ids as one Arrow array: pickled whole, where 100,000 strings each went through the
        # analysis cache's persistent_id (tonlage.storage.store._Pickler).
        import pyarrow as pa

        return {"ids": pa.array(self.ids, pa.large_string()), "parts": self.parts}

    def __setstate__(self, state: dict) -> None:
        ids = state["ids"]
        self._set(ids if isinstance(ids, list) else ids.to_pylist(), state["parts"])
