"""The texts' column of an analysis (:class:`tonlage.storage.article_texts.ArticleTexts`), made as it goes.

The texts are cut into parts of :data:`~tonlage.storage.article_texts.TEXT_PART_ROWS` articles,
named by their digests: a part the analysis cache holds already is taken as it is, and a new
part is written to a temporary file and read back memory-mapped, so that 100,000 texts are pages
of a file the system may drop, not memory of the process.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import partial

from ..corpus import RawArticle, text_digest
from ..storage.article_texts import TEXT_PART_ROWS, ArticleTexts, TextPart, part_key, text_array

log = logging.getLogger(__name__)


class TextParts:
    """The articles' texts in parts (:func:`texts_in_parts`), made as the batches come: a part's
    texts are held as UTF-8 until it has :data:`~tonlage.storage.article_texts.TEXT_PART_ROWS` of them.
    ``known``: as :func:`texts_in_parts`; ``to_file``: each part made is written to a file and
    read back memory-mapped (:func:`_file_backed`)."""

    def __init__(self, known: Callable[[str], TextPart | None] | None, *, to_file: bool = False):
        self.known = known
        self.to_file = to_file
        self.parts: list[TextPart] = []
        self._raws: list[RawArticle] = []
        self._digests: list[str] = []
        self._utf8: list[bytes] = []

    def add(self, raws: Sequence[RawArticle]) -> None:
        for r in raws:
            utf8 = r.utf8()
            self._raws.append(r)
            # (a workspace's article knows its digest: its text is not hashed again)
            self._digests.append(text_digest(utf8) if type(r) is RawArticle else r.digest())
            self._utf8.append(utf8)
            if len(self._raws) == TEXT_PART_ROWS:
                self._close_part()

    def _close_part(self) -> None:
        held, self._utf8 = [self._utf8], []  # handed over once: not held beside the array it becomes
        self.parts.append(text_part(part_key(self._digests), self._raws, held.pop, self.known, to_file=self.to_file))
        self._raws, self._digests = [], []

    def close(self, raws: Sequence[RawArticle]) -> ArticleTexts:
        """The texts of ``raws`` (the articles added, in order)."""
        if self._raws:
            self._close_part()
        return ArticleTexts([a.article_id for a in raws], self.parts)


def _file_backed(array):
    """``array`` (Arrow) written to a temporary file and read back memory-mapped, as the analysis
    cache reads its parts (tonlage.storage.store): the texts are then pages of a file, which the system
    reads when a text is shown and can drop again, not memory of the process (2.8 KB an article
    of generated news, 274 MB at 100,000). The file's name is removed at once: the mapping stays
    readable until the array goes (Linux, macOS), and nothing is left behind. Where a file cannot
    be written or mapped, the array is kept as it is."""
    import pyarrow as pa

    try:
        fd, name = tempfile.mkstemp(prefix="tonlage-texts-", suffix=".arrows")
    except OSError:
        log.warning("no temporary file for the articles' texts; they are held in memory", exc_info=True)
        return array
    try:
        with os.fdopen(fd, "wb") as f:
            table = pa.table({"text": array})
            with pa.ipc.new_stream(f, table.schema) as writer:
                writer.write_table(table)
        column = pa.ipc.open_stream(pa.memory_map(name)).read_all().column(0)
        return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    except (OSError, pa.ArrowException):
        log.warning("the articles' texts could not be written to %s; they are held in memory", name, exc_info=True)
        return array
    finally:
        with suppress(OSError):  # (a system that cannot remove a mapped file's name keeps it)
            os.unlink(name)


def texts_in_parts(raws, texts=None, known=None) -> ArticleTexts:
    """The articles' texts in parts, in the articles' order (:mod:`tonlage.storage.article_texts`).

    ``known(key)``: a part made before (the analysis cache), taken as it is when found; the
    texts of a part found are not read. ``texts(raws, positions)``: the UTF-8 of the articles
    at ``positions`` (a workspace reads back the texts it let go); by default the articles'
    own."""
    parts = []
    for at in range(0, len(raws), TEXT_PART_ROWS):
        positions = range(at, min(at + TEXT_PART_ROWS, len(raws)))
        key = part_key(raws[i].digest() for i in positions)
        utf8 = partial(texts, raws, positions) if texts else (lambda p=positions: [raws[i].utf8() for i in p])
        parts.append(text_part(key, [raws[i] for i in positions], utf8, known))
    return ArticleTexts([a.article_id for a in raws], parts)


def text_part(key: str, raws: Sequence, utf8: Callable[[], list[bytes]], known, *, to_file: bool = False) -> TextPart:
    """One part of the texts' column: the part ``known(key)`` gives when it has these articles
    (their texts are then let go where they can be read back), else one made of ``utf8()``,
    with ``to_file`` held as pages of a file (:func:`_file_backed`)."""
    found = known(key) if known is not None else None
    if found is not None and len(found) == len(raws):
        for r in raws:
            r.release()  # its text is in the part found
        return found
    array = text_array(utf8())
    return TextPart(key, _file_backed(array) if to_file else array)
