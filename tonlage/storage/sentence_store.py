"""The sentence table of an analysis, kept in Parquet files rather than in memory.

An analysis of 100,000 articles has about three million sentences; held as a pandas table of
Python objects (text, evidence messages, quote spans) they took several GB. The analysis writes
them in batches as it goes (:func:`tonlage.analysis.pipeline._analyse`), and readers ask for what they
show: one article's sentences, some columns of the articles in view, a few sentences by
reference, with the filter applied while reading (:mod:`pyarrow.dataset`). ``to_pandas()`` is
still there for the consumers that need every row (see :class:`SentenceStore`).

A store is either *on disk* (Parquet parts in a temporary folder of its own, removed when the
store goes; :mod:`tonlage.review.corrections` writes a corrected one a part at a time) or *in
memory* (a DataFrame: small corpora made in tests). A store on disk corrected by sentences set
by hand or a word list links the parts as they are and keeps the few corrected rows beside them
(a *patch*, :meth:`SentenceStore.patched`), laid over every read. Pickled, an on-disk store carries its Parquet
files' bytes, and unpickling writes the files to a new folder. The analysis cache
(:mod:`tonlage.storage.store`) keeps each part as a cache entry of its own instead, named by its
content, so the parts an add to a workspace did not change are not written again.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import Message, message_json, packed_message

__all__ = [
    "SentenceStore",
    "SentenceWriter",
    "TEXT_KEY",
    "from_arrow",
    "to_arrow",
    "sentence_schema",
    "text_keys",
    "UNCORRECTED",
    "part_digest",
    "file_digest",
]

# Rows per Parquet row group: small enough that reading one article's sentences decodes little
# (row groups whose article_id range misses it are skipped), large enough to compress well. At
# 100,000 articles (2.2 million sentences) the Tone page's 30 latest articles read in 118 ms with
# 8,192 rows against 295 ms with 32,768, for parts 9 % larger (4,096: 113 ms, 26 % larger).
ROW_GROUP_ROWS = 8_192

_INT_COLUMNS = {"sent_idx": "int32", "start": "int64", "end": "int64", "n_words": "int32"}
# tone_before and scorer_tone: the columns a reader's tone corrections add (tonlage.review.corrections).
_FLOAT_COLUMNS = ("tone", "quote_share", "tone_before", "scorer_tone")
#: The columns a reader's tone corrections add, and what each holds in a sentence they left as
#: it was: a corrected store links the parts no correction touched instead of writing them
#: again, and those parts lack these columns (read back with these values).
UNCORRECTED = {"tone_before": "tone", "scorer_tone": "tone", "scorer_label": "tone_label", "corrected": ""}


#: A 64-bit fingerprint of each sentence's text, written beside it (as ``evidence_json`` beside
#: ``evidence``): the same sentence printed in several articles (agency copy) has one, so that a
#: list of the strongest sentences shows each text once without reading the texts of all the
#: copies (at 100,000 articles the ~1,200 sentences at the five strongest tones took 0.6 s to
#: read, the fingerprints of all 2.2 million ~64 ms once). Stores written before it had none.
TEXT_KEY = "text_key"
_TEXT_KEY_SALT = "tonlage-sentence"  # pandas wants a 16-character key for its hash


def text_keys(texts) -> np.ndarray:
    """The :data:`TEXT_KEY` of each of ``texts`` (uint64; the same text, the same key, in every
    process and run)."""
    # A text column hashed as it is: a copy of it as Python strings first took 4x as long (~30
    # against ~7 ms for a part of 44,000 sentences); the keys are the same either way.
    values = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
    return pd.util.hash_pandas_object(values, index=False, hash_key=_TEXT_KEY_SALT).to_numpy(dtype=np.uint64)


def sentence_schema(columns: Sequence[str]):
    """The Parquet schema of a sentence table with ``columns`` (``tonlage.model.SENTENCE_COLUMNS``)."""
    import pyarrow as pa

    fields = []
    for name in columns:
        if name in _INT_COLUMNS:
            fields.append((name, pa.int32() if _INT_COLUMNS[name] == "int32" else pa.int64()))
        elif name in _FLOAT_COLUMNS:
            fields.append((name, pa.float64()))
        elif name == "quote_spans":
            fields.append((name, pa.list_(pa.list_(pa.int64()))))
        else:
            fields.append((name, pa.string()))
        if name == "text":
            fields.append((TEXT_KEY, pa.uint64()))
        if name == "evidence":
            # A message's JSON form (null for plain text), so it is translated as before.
            fields.append(("evidence_json", pa.string()))
    return pa.schema(fields)


def to_arrow(df: pd.DataFrame):
    """A sentence table (``SENTENCE_COLUMNS``) as an Arrow table of :func:`sentence_schema`."""
    import pyarrow as pa

    schema = sentence_schema(list(df.columns))
    cols = {}
    for name in schema.names:
        if name == TEXT_KEY:
            cols[name] = pa.array(text_keys(df["text"]), pa.uint64())
        elif name == "evidence_json":
            cols[name] = pa.array(
                [message_json(m) if isinstance(m, Message) else None for m in df["evidence"]], pa.string()
            )
        elif name == "evidence":
            cols[name] = pa.array([str(m) for m in df["evidence"]], pa.string())
        elif name == "quote_spans":
            cols[name] = pa.array([[list(x) for x in spans] for spans in df[name]], schema.field(name).type)
        elif name in _INT_COLUMNS or name in _FLOAT_COLUMNS:
            cols[name] = pa.array(np.asarray(df[name]), schema.field(name).type)
        else:
            # Straight from the column: pandas' text columns are Arrow arrays already, and going
            # through a Python list of their values took half of writing a part.
            cols[name] = pa.array(df[name], schema.field(name).type)
    return pa.table(cols, schema=schema)


def from_arrow(table, columns: Sequence[str]) -> pd.DataFrame:
    """Columns of an Arrow table of :func:`sentence_schema` as the analysis's sentence table has them."""
    out: dict[str, object] = {}
    for name in columns:
        if name == "evidence":
            texts = table.column("evidence").to_pylist()
            data = table.column("evidence_json").to_pylist()
            out[name] = pd.Series([t if d is None else packed_message(t, d) for t, d in zip(texts, data)], dtype=object)
        elif name == "quote_spans":
            out[name] = pd.Series(
                [tuple(tuple(x) for x in spans) for spans in table.column(name).to_pylist()], dtype=object
            )
        elif name == TEXT_KEY:
            out[name] = pd.Series(_keys_of(table), dtype=np.uint64)
        elif name in UNCORRECTED:
            out[name] = _uncorrected_filled(table, name)
        elif name in _INT_COLUMNS:
            out[name] = pd.Series(table.column(name).to_numpy(), dtype=_INT_COLUMNS[name])
        elif name in _FLOAT_COLUMNS:
            out[name] = pd.Series(table.column(name).to_numpy(), dtype="float64")
        else:
            out[name] = table.column(name).to_pandas()  # the "str" dtype a list of text gets
    return pd.DataFrame(out, columns=list(columns)) if out else pd.DataFrame(index=range(table.num_rows))


def _uncorrected_filled(table, name: str) -> pd.Series:
    """A column of :data:`UNCORRECTED`, its gaps (sentences of a part no correction touched)
    filled with what it holds there."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = table.column(name)
    if column.null_count:
        source = UNCORRECTED[name]
        fill = table.column(source) if source else pa.scalar(source, pa.string())
        column = pc.coalesce(column, fill)
    if name in _FLOAT_COLUMNS:
        return pd.Series(column.to_numpy(), dtype="float64")
    return column.to_pandas()


def _keys_of(table) -> np.ndarray:
    """The :data:`TEXT_KEY` column of an Arrow table. A sentence of a part written before it
    has none gets one from its text when the table has the text, else a key no other sentence
    has (it is then shown beside its copies, as before)."""
    n = table.num_rows
    unique = np.uint64(1 << 63) | np.arange(n, dtype=np.uint64)
    if TEXT_KEY not in table.column_names:
        return text_keys(table.column("text").to_pylist()) if "text" in table.column_names else unique
    import pyarrow.compute as pc

    column = table.column(TEXT_KEY)
    keys = np.asarray(pc.fill_null(column, 0).to_numpy(), dtype=np.uint64)
    if column.null_count:  # parts of a store written before the key among newer ones
        keys = keys.copy()  # Arrow's own memory, read-only
        missing = np.asarray(column.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        if "text" in table.column_names:
            texts = np.asarray(table.column("text").to_pylist(), dtype=object)
            keys[missing] = text_keys(texts[missing])
        else:
            keys[missing] = unique[missing]
    return keys


def part_digest(data: bytes) -> str:
    """What names a Parquet part by its content (the analysis cache keeps each part once)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str:
    """:func:`part_digest` of a part's file, read a MB at a time."""
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _linked(source: Path, path: Path) -> bool:
    """Whether ``path`` could be made a hard link of ``source`` (not across file systems)."""
    try:
        os.link(source, path)
    except OSError:
        return False
    return True


def _ids_rise(dataset) -> bool:
    """Whether the row groups of ``dataset`` (its parts in order) hold rising ranges of article
    ids, from the statistics in the parts' footers (the ids' column only: every column's, as
    the fragments' row groups give them, took ~0.05 s for 303 row groups)."""
    last = None
    for fragment in dataset.get_fragments():
        meta = fragment.metadata
        paths = [meta.schema.column(i).path for i in range(meta.num_columns)]  # leaf columns, as stored
        if "article_id" not in paths:
            return False
        at = paths.index("article_id")
        for g in range(meta.num_row_groups):
            stats = meta.row_group(g).column(at).statistics
            if stats is None or not stats.has_min_max or (last is not None and stats.min < last):
                return False
            last = stats.max
    return True


def _spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``arange(starts[i], starts[i] + lengths[i])`` for every ``i``, one after another."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    firsts = np.repeat(np.asarray(starts, dtype=np.int64) - np.r_[0, np.cumsum(lengths)[:-1]], lengths)
    return firsts + np.arange(total, dtype=np.int64)


def _kept_coded(name: str, cols: list[str]) -> dict[str, tuple[np.ndarray, Any]] | None:
    """What :func:`_keep_coded` kept under ``name``: the codes mapped from the cache's file
    (read-only, shared between processes), the values' rows read; None when any is missing or
    cannot be read."""
    from .disk_cache import kept_cache, kept_table

    with kept_cache() as cache:
        if cache is None:
            return None
        codes = kept_table(f"{name}/codes", cache)
        values = [kept_table(f"{name}/values/{c}", cache) for c in cols]
    if codes is None or any(v is None for v in values) or not set(cols) <= set(codes.column_names):
        return None
    return {c: (codes.column(c).combine_chunks().to_numpy(), v) for c, v in zip(cols, values)}


def _keep_coded(name: str, found: dict[str, tuple[np.ndarray, Any]]) -> None:
    """Keep :meth:`SentenceStore.coded`'s codes (one table) and each column's values' rows in
    the analysis cache."""
    import pyarrow as pa

    from .disk_cache import keep_table, kept_cache

    with kept_cache() as cache:
        if cache is None:
            return
        keep_table(f"{name}/codes", pa.table({c: codes for c, (codes, _) in found.items()}), cache)
        for c, (_, values) in found.items():
            keep_table(f"{name}/values/{c}", values, cache)


class SentenceWriter:
    """Writes an analysis's sentence table batch by batch (each batch a Parquet part), then
    hands it over as a :class:`SentenceStore`."""

    def __init__(self, columns: Sequence[str]):
        self.columns = list(columns)
        self.folder = Path(tempfile.mkdtemp(prefix="tonlage-sentences-"))
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.folder, True)
        self._parts = 0
        self._rows = 0
        self._digests: dict[str, str] = {}  # a part's file name -> its part_digest, where known

    def _next(self) -> Path:
        path = self.folder / f"part-{self._parts:05d}.parquet"
        self._parts += 1
        return path

    def write(self, df: pd.DataFrame) -> Path:
        """Write ``df`` as the next part; its file (see :meth:`add_part`)."""
        import pyarrow.parquet as pq

        path = self._next()
        pq.write_table(to_arrow(df[self.columns]), path, row_group_size=ROW_GROUP_ROWS, compression="zstd")
        self._rows += len(df)
        return path

    def write_arrow(self, table) -> Path:
        """Write an Arrow table of :func:`sentence_schema` (this writer's columns) as the next
        part; its file."""
        import pyarrow.parquet as pq

        path = self._next()
        pq.write_table(table, path, row_group_size=ROW_GROUP_ROWS, compression="zstd")
        self._rows += table.num_rows
        return path

    def add_part(self, data: bytes | Path, rows: int, digest: str | None = None) -> None:
        """Take a part :meth:`write` made earlier (its file's bytes, ``rows`` sentences) as the
        next part: a workspace's kept batch (:mod:`tonlage.analysis.incremental`) is not written again.
        ``digest``: its :func:`part_digest` where kept with it, so that nothing hashes it again.

        ``data`` may be a file of those bytes that is never changed (the analysis cache's copy
        of the part): it is linked, not copied, where the system can (an add to a
        100,000-article workspace read 148 MB of kept parts from the workspace and wrote them
        here). Raises OSError when it cannot be taken; this writer is then as it was."""
        path = self.folder / f"part-{self._parts:05d}.parquet"
        if isinstance(data, Path):
            if not _linked(data, path):
                shutil.copyfile(data, path)
        else:
            path.write_bytes(data)
        self._parts += 1
        self._rows += rows
        if digest:
            self._digests[path.name] = digest

    def close(self) -> SentenceStore:
        """The store of what was written (it owns the folder from now on)."""
        self._finalizer.detach()
        return SentenceStore._on_disk(self.folder, self._rows, self.columns, self._digests)


class SentenceStore:
    """The sentences of an analysis (``SENTENCE_COLUMNS``), read a part at a time.

    Args:
        frame: The table in memory (a store on disk is made by :class:`SentenceWriter`).

    Consumers ask with :meth:`frame` (some columns, the rows of some articles, only scored
    sentences), :meth:`of_article` and :meth:`by_ref`; :meth:`to_pandas` loads every row.
    """

    def __init__(self, frame: pd.DataFrame):
        self._frame: pd.DataFrame | None = frame
        self._folder: Path | None = None
        self._rows = len(frame)
        self._columns = list(frame.columns)
        self._finalizer: weakref.finalize | None = None
        self._digests: dict[str, str] = {}
        self._patch: pd.DataFrame | None = None

    @classmethod
    def _on_disk(
        cls, folder: Path, rows: int, columns: list[str], digests: dict[str, str] | None = None
    ) -> SentenceStore:
        self = cls.__new__(cls)
        self._frame = None
        self._folder = folder
        self._rows = rows
        self._columns = columns
        self._finalizer = weakref.finalize(self, shutil.rmtree, folder, True)
        self._digests = dict(digests or {})
        self._patch = None
        return self

    # --- what it is -------------------------------------------------------------------------
    @property
    def in_memory(self) -> bool:
        return self._frame is not None

    @property
    def columns(self) -> list[str]:
        return list(self._frame.columns) if self._frame is not None else list(self._columns)

    def __len__(self) -> int:
        return self._rows

    @property
    def empty(self) -> bool:
        return self._rows == 0

    def _parts(self) -> list[Path]:
        assert self._folder is not None
        return sorted(self._folder.glob("part-*.parquet"))

    def part_files(self) -> list[Path]:
        """The Parquet parts of a store on disk, in order ([] for a store in memory)."""
        return [] if self._frame is not None else self._parts()

    def digest_of(self, path: Path) -> str:
        """The :func:`part_digest` of one of :meth:`part_files` (kept where known, else read)."""
        known = self.__dict__.get("_digests", {}).get(Path(path).name)
        return known or file_digest(path)

    @classmethod
    def from_parts(cls, parts: Iterable, rows: int, columns: list[str], digests: Sequence[str] = ()) -> SentenceStore:
        """A store on disk, in a new folder of its own, of Parquet parts given in order as their
        bytes or as open binary files (read to their end): ``rows`` sentences of ``columns``;
        ``digests`` their :func:`part_digest` where known.

        A file with a name on disk (the analysis cache's copy of a part, never changed in place)
        is linked, not copied, where the system can: a 101,000-article workspace's analysis
        copied its 148 MB of parts and took 0.24-0.38 s to load, linked 0.13-0.20 s (a quiet
        machine, 8 alternations; on a busy one the copy alone took 3 s)."""
        folder = Path(tempfile.mkdtemp(prefix="tonlage-sentences-"))
        names = [f"part-{i:05d}.parquet" for i in range(len(digests))]
        store = SentenceStore._on_disk(folder, rows, list(columns), dict(zip(names, digests)))
        for i, data in enumerate(parts):
            path = folder / f"part-{i:05d}.parquet"
            if isinstance(data, bytes | bytearray | memoryview):
                path.write_bytes(data)
                continue
            name = getattr(data, "name", None)
            if isinstance(name, str) and _linked(Path(name), path):
                continue
            with open(path, "wb") as out:
                shutil.copyfileobj(data, out, 1 << 20)
        return store

    def patched(self, patch: pd.DataFrame, columns: Sequence[str]) -> SentenceStore:
        """A store on disk of this one's parts (linked, not copied) with ``columns`` (this
        store's and the :data:`UNCORRECTED` ones), whose rows named in ``patch``
        (``article_id``, ``sent_idx`` and new values of some of ``columns``) read with those
        values: a few sentences changed without writing millions again."""
        if self._patch is not None:
            raise ValueError("a patched store is not patched again: patch the analysis's own")
        writer = SentenceWriter(columns)
        known = self.__dict__.get("_digests", {})
        for path in self.part_files():
            # its parts' digests go with them: the patched store's content_key is this one's
            # (the patch is laid over what the parts hold, not part of it)
            writer.add_part(path, 0, known.get(path.name))
        out = writer.close()
        out._rows = self._rows
        out._patch = patch.reset_index(drop=True) if len(patch) else None
        for kept in ("_kept_locator", "_kept_in_order"):  # the same parts: its articles are where they were
            if kept in self.__dict__:
                out.__dict__[kept] = self.__dict__[kept]
        return out

    @property
    def patch(self) -> pd.DataFrame | None:
        """The rows a :meth:`patched` store reads with new values (``article_id``, ``sent_idx``
        and those values; read-only), None for any other store."""
        return self._patch

    def content_key(self) -> str | None:
        """A name for the sentences this store holds (their articles, order and offsets; not
        the tones a patch lays over), made from its parts' digests where every one is known (a
        store read from the analysis cache): None for a store in memory, or one whose parts'
        digests would have to be read."""
        files = self.part_files()
        known = self.__dict__.get("_digests", {})
        if not files or any(f.name not in known for f in files):
            return None
        h = hashlib.blake2b(b"sentence-store", digest_size=16)
        for f in files:
            h.update(known[f.name].encode())
            h.update(b"\n")
        return h.hexdigest()

    def same_parts(self, other: SentenceStore) -> bool:
        """Whether ``other`` is on disk with this store's very part files (one store, or one
        patched from the other, or both from the same): the same sentences in the same order,
        whatever their patches change."""
        mine, theirs = self.part_files(), other.part_files()
        if not mine or len(mine) != len(theirs) or len(self) != len(other):
            return False
        try:
            return all(os.path.samefile(a, b) for a, b in zip(mine, theirs))
        except OSError:
            return False

    def _patched(self, df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
        """``df`` (read with ``article_id`` and ``sent_idx``) with the patch laid over, as ``cols``."""
        patch = self._patch
        if patch is not None and len(df):
            import pyarrow as pa
            import pyarrow.compute as pc

            have = pa.array(df["article_id"], type=pa.string(), from_pandas=True)
            wanted = pa.array(patch["article_id"].unique(), type=pa.string(), from_pandas=True)
            mine = np.flatnonzero(pc.is_in(have, value_set=wanted).to_numpy(zero_copy_only=False))
            if len(mine):
                found = df.iloc[mine][["article_id", "sent_idx"]].reset_index(drop=True)
                keys = patch[["article_id", "sent_idx"]].assign(_at=np.arange(len(patch)))
                hit = found.merge(keys, on=["article_id", "sent_idx"], how="left")
                at = hit["_at"].to_numpy()
                ok = ~np.isnan(at)
                rows, source = mine[ok], at[ok].astype(np.int64)
                df = df.copy(deep=False)
                for name in cols:
                    if name in patch.columns and name not in ("article_id", "sent_idx"):
                        column = df[name].copy()
                        column.iloc[rows] = patch[name].to_numpy()[source]
                        df[name] = column
        return df[cols]

    # --- reading ------------------------------------------------------------------------------
    def frame(
        self,
        columns: Sequence[str] | None = None,
        *,
        article_ids: Iterable[str] | None = None,
        scored: bool = False,
    ) -> pd.DataFrame:
        """The sentences (in the analysis's order, index 0…n-1) with ``columns`` (all when None;
        a column the store does not have is left out), of ``article_ids`` only when given, and
        only the scored ones (tone not NaN) when ``scored``."""
        have = self.columns
        # The text's key (TEXT_KEY) is written beside the text, as the evidence's JSON is.
        cols = have if columns is None else [c for c in columns if c in have or (c == TEXT_KEY and "text" in have)]
        ids = None if article_ids is None else list(dict.fromkeys(map(str, article_ids)))
        if self._frame is not None:
            s = self._frame
            if TEXT_KEY in cols and TEXT_KEY not in s:
                s = s.assign(**{TEXT_KEY: text_keys(s["text"])})
            keep = np.ones(len(s), dtype=bool)
            if ids is not None:
                keep &= s["article_id"].isin(ids).to_numpy()
            if scored:
                keep &= s["tone"].notna().to_numpy()
            if keep.all():
                return s[cols].reset_index(drop=True) if columns is not None else s.reset_index(drop=True)
            return s.loc[keep, cols].reset_index(drop=True)
        if not self._rows or ids == []:  # e.g. the reader's labelled sentences, with no labels
            return self._empty(cols)
        import pyarrow as pa
        import pyarrow.compute as pc

        expr = None
        if ids is not None:
            expr = pc.field("article_id").isin(pa.array(ids, pa.string()))
        if scored:
            notna = pc.field("tone").is_valid() & ~pc.is_nan(pc.field("tone"))
            expr = notna if expr is None else expr & notna
        read = set(cols)
        if "evidence" in read:
            read.add("evidence_json")
        read |= {UNCORRECTED[c] for c in cols if UNCORRECTED.get(c)}  # what fills a linked part's gaps
        patch = self._patch
        patched = patch is not None and any(c in patch.columns for c in cols)
        if patched:  # the rows to lay the patch over are found by article and number
            read |= {"article_id", "sent_idx"}
        dataset = self._dataset()
        if ids is not None and not self._ids_in_order():  # only the row groups that hold them
            if scored:
                read.add("tone")
            table = self._rows_of(ids, [n for n in dataset.schema.names if n in read])
            if scored:
                tone = table.column("tone")
                table = table.filter(pc.and_(pc.is_valid(tone), pc.invert(pc.is_nan(tone))))
        else:
            table = dataset.to_table(columns=[n for n in dataset.schema.names if n in read], filter=expr)
        if not patched:
            return from_arrow(table, cols)
        return self._patched(from_arrow(table, list(dict.fromkeys([*cols, "article_id", "sent_idx"]))), cols)

    def _ids_in_order(self) -> bool:
        """Whether the row groups of the parts on disk hold rising ranges of article ids (each
        group's smallest id no smaller than the largest of the group before): the dataset's own
        filter then skips every group that holds none of the articles asked for, as a store of
        text files read in order ("a000001" …) has them. Otherwise (files taken in the order a
        zip lists them, ids made elsewhere) each group's range spans most ids, the filter skips
        none, and :meth:`_rows_of` finds the groups instead. Read once from the parts' footers
        (~2 ms for 303 row groups) and kept."""
        kept = self.__dict__.get("_kept_in_order")
        if kept is None:
            kept = _ids_rise(self._dataset())
            self._kept_in_order = kept
        return kept

    def _rows_of(self, ids: list[str], columns: list[str]):
        """The sentences of the articles ``ids`` in a store on disk, as an Arrow table of
        ``columns``, in the store's order: the row groups that hold them decoded (each once),
        the rows of those articles taken from them (:meth:`_locator`)."""
        import pyarrow as pa
        import pyarrow.dataset as ds

        names, run_first, run_start, run_end, group_start, groups = self._locator()
        code = names.get_indexer(ids)
        code = code[code >= 0]
        # each article's runs of sentences (one, or two where a part ends inside it), in the store's order
        runs = _spans(run_first[code], run_first[code + 1] - run_first[code])
        starts, ends = run_start[runs], run_end[runs]
        by_row = np.argsort(starts, kind="stable")
        starts, ends = starts[by_row], ends[by_row]
        dataset = self._dataset()
        if not len(starts):
            return dataset.schema.empty_table().select(columns)
        first = np.searchsorted(group_start, starts, side="right") - 1
        last = np.searchsorted(group_start, ends - 1, side="right") - 1
        touched = np.unique(_spans(first, last - first + 1))
        fragments = list(dataset.get_fragments())
        pieces = [
            fragments[int(part)].subset(row_group_ids=groups[touched[groups[touched, 0] == part], 1].tolist())
            for part in np.unique(groups[touched, 0])
        ]
        # one dataset of those row groups: read on every core, in their order
        read = ds.FileSystemDataset(pieces, dataset.schema, dataset.format, dataset.filesystem).to_table(
            columns=columns
        )
        # where each touched row group's rows begin in the tables read, then each run's rows there
        sizes = group_start[touched + 1] - group_start[touched]
        begins = np.r_[0, np.cumsum(sizes)[:-1]].astype(np.int64)
        group = np.searchsorted(group_start[touched], starts, side="right") - 1
        take = _spans(begins[group] + starts - group_start[touched][group], ends - starts)
        return read.take(pa.array(take, pa.int64()))

    def _locator(self) -> tuple:
        """Where each article's sentences are in the parts on disk (:meth:`_rows_of` reads them
        through it where the ids are not in order, :meth:`_ids_in_order`), read once per store
        from its article ids (~0.1 s at 2.2 million sentences) and kept: the article ids (a
        pandas Index, its table of ids made once: Arrow's ``index_in`` made it on every read,
        ~5 ms); for each of them the first of its runs of sentences (``run_first[i]:run_first[i
        + 1]``); each run's first and past-last row in the store's order; each row group's first
        row (one more: the store's length); each row group's part and number there."""
        kept = self.__dict__.get("_kept_locator")
        if kept is not None:
            return kept
        import pyarrow.compute as pc

        dataset = self._dataset()
        encoded = pc.dictionary_encode(dataset.to_table(columns=["article_id"]).column("article_id")).combine_chunks()
        names, codes = encoded.dictionary, encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        n = len(codes)
        run_start = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if n else np.zeros(0, np.int64)
        run_end = np.r_[run_start[1:], n].astype(np.int64)
        order = np.argsort(codes[run_start], kind="stable")  # runs by article, each article's in order
        run_first = np.searchsorted(codes[run_start][order], np.arange(len(names) + 1))
        sizes = [
            (i, g, info.num_rows) for i, f in enumerate(dataset.get_fragments()) for g, info in enumerate(f.row_groups)
        ]
        group_start = np.r_[0, np.cumsum([rows for _, _, rows in sizes])].astype(np.int64)
        groups = np.array([(i, g) for i, g, _ in sizes], dtype=np.int64).reshape(-1, 2)
        index = pd.Index(names.to_pandas())
        index.get_indexer(names[:1].to_pylist())  # its table of ids made now, once (~15 ms), not on a read
        kept = (index, run_first, run_start[order], run_end[order], group_start, groups)
        self._kept_locator = kept
        return kept

    def frame_by_article(
        self, columns: Sequence[str], *, scored: bool = False
    ) -> tuple[pd.DataFrame, pd.Series, np.ndarray]:
        """:meth:`frame` of ``columns``, and the article of each of its rows as runs: the ids of
        the runs (each a run of sentences of one article, in order) and their lengths. The store
        keeps an article's sentences together, so at 100,000 articles that is ~100,000 ids to
        look up instead of 2.2 million (each made a text object and looked up: ~0.1 s warm, up
        to ~1 s on a server's first run)."""
        cols = [c for c in columns if c != "article_id"]
        if self._frame is not None or not self._rows or self._patch is not None:  # as frame() reads them
            s = self.frame([*cols, "article_id"], scored=scored)
            return s[[c for c in cols if c in s]], s["article_id"].reset_index(drop=True), np.ones(len(s), np.int64)
        import pyarrow as pa
        import pyarrow.compute as pc

        expr = (pc.field("tone").is_valid() & ~pc.is_nan(pc.field("tone"))) if scored else None
        read = {*cols, "article_id"} | {UNCORRECTED[c] for c in cols if UNCORRECTED.get(c)}
        dataset = self._dataset()
        table = dataset.to_table(columns=[n for n in dataset.schema.names if n in read], filter=expr)
        runs = [pc.run_end_encode(chunk) for chunk in table.column("article_id").chunks]
        ids = pa.chunked_array([r.values for r in runs], type=table.schema.field("article_id").type)
        lengths = np.concatenate(
            [np.diff(r.run_ends.to_numpy(), prepend=0) for r in runs] or [np.zeros(0, np.int64)]
        ).astype(np.int64)
        return from_arrow(table, cols), ids.to_pandas().reset_index(drop=True), lengths

    #: The layout of what :meth:`coded` keeps in the analysis cache (a new one is worked out again).
    CODED_FORMAT = 1

    def coded(
        self, columns: Sequence[str], *, read: bool = True, under_patch: bool = False
    ) -> dict[str, tuple[np.ndarray, pd.Series]] | None:
        """Each of ``columns`` (text columns; one the store does not have is left out, as
        :meth:`frame` leaves it out) for every scored sentence, in the order ``frame(scored=True)`` reads
        them, as codes (int32) into its distinct values (a Series as :meth:`frame` makes the
        column: ``values.iloc[codes]`` is that column). At 101,000 articles the 2.2 million
        sentences' labels and explanations hold ~6,000 distinct values: a few MB kept, where
        reading the few articles' sentences a page shows decoded ~30 row groups (~55 ms) on
        every filter. Read from the parts once (0.4-0.9 s at 101,000 articles) and kept in the
        analysis cache under the store's :meth:`content_key`, so that the next server maps the
        codes from disk instead (``read`` False: only that, None when the cache has none). None
        for a store in memory, and for one with a patch laid over (:meth:`frame` reads those)
        unless ``under_patch``: then the codes of what its parts hold, the patch not laid over
        (the caller, who knows where the patch's rows stand among the scored sentences, lays
        it over: :meth:`tonlage.corpus_index.CorpusIndex.scored_labels`)."""
        if self._frame is not None or (self._patch is not None and not under_patch) or not self._rows:
            return None
        cols = [c for c in columns if c in self.columns]
        content = self.content_key()
        name = None if content is None else f"coded-{self.CODED_FORMAT}-{content}-{','.join(cols)}"
        found = None if name is None else _kept_coded(name, cols)
        if found is None:
            if not read:
                return None
            found = self._read_coded(cols)
            if name is not None:
                _keep_coded(name, found)
        return {c: (codes, from_arrow(values, [c])[c]) for c, (codes, values) in found.items()}

    def _read_coded(self, cols: list[str]) -> dict[str, tuple[np.ndarray, Any]]:
        """:meth:`coded` read from the parts: each column's codes, and the rows its values
        first stand in as an Arrow table of what the column is made from."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.dataset as ds

        dataset = self._dataset()
        # what each column is made from: the evidence's JSON beside it, a correction's fill
        sources = {
            c: [
                n
                for n in ([c, "evidence_json"] if c == "evidence" else [c, UNCORRECTED.get(c)])
                if n in dataset.schema.names
            ]
            for c in cols
        }
        read = [n for n in dataset.schema.names if any(n in s for s in sources.values())]
        # The text columns decoded as dictionaries (each row group's values once, then numbers):
        # half the time of their texts, and no text per row is made at all.
        coded = ds.dataset(
            list(dataset.files),
            format=ds.ParquetFileFormat(read_options=ds.ParquetReadOptions(dictionary_columns=read)),
            schema=pa.schema(
                [f.with_type(pa.dictionary(pa.int32(), f.type)) if f.name in read else f for f in dataset.schema]
            ),
        )
        notna = pc.field("tone").is_valid() & ~pc.is_nan(pc.field("tone"))
        table = coded.to_table(columns=read, filter=notna).unify_dictionaries()
        out: dict[str, tuple[np.ndarray, Any]] = {}
        for name, names in sources.items():
            # one number per row for the values of its sources together (a missing one is 0)
            key = np.zeros(table.num_rows, np.int64)
            for source in names:
                chunks = table.column(source).chunks
                codes = np.concatenate(
                    [c.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64) for c in chunks]
                    or [np.zeros(0, np.int64)]
                )
                size = max((len(c.dictionary) for c in chunks), default=0)
                key = key * (size + 1) + codes + 1
            # numbered in the order they first stand: each first stands where the running most rises
            codes = pd.factorize(key, sort=False)[0]
            firsts = np.flatnonzero(np.r_[True, codes[1:] > np.maximum.accumulate(codes)[:-1]]) if len(codes) else codes
            firsts_read = table.select(names).take(pa.array(firsts, pa.int64()))
            plain = pa.schema([dataset.schema.field(n) for n in names])  # the store's own types
            out[name] = (codes.astype(np.int32), firsts_read.cast(plain))
        return out

    def unfollowed_speakers(self) -> pd.DataFrame:
        """``article_id`` and ``speaker`` of the sentences with a speaker that no actor names
        (``speaker_actor`` empty), filtered where they are stored: at 2.2 million sentences,
        reading three columns of every one to keep a few percent took 1.7-2.9 s."""
        cols = ["article_id", "speaker"]
        if not {"speaker", "speaker_actor"} <= set(self.columns) or not self._rows:
            return self._empty(cols)
        if self._frame is not None:
            s = self._frame
            keep = (s["speaker"].astype(str) != "") & (s["speaker_actor"].astype(str) == "")
            return s.loc[keep, cols].reset_index(drop=True)
        import pyarrow.compute as pc

        wanted = (pc.field("speaker") != "") & (pc.field("speaker_actor") == "")
        return from_arrow(self._dataset().to_table(columns=cols, filter=wanted), cols)

    def articles_with_texts(self, keys: np.ndarray) -> list[str]:
        """The articles with a sentence whose :data:`TEXT_KEY` is one of ``keys`` (uint64): the
        keys are filtered where they are stored (~0.1 s for 2.2 million sentences, against
        ~1 s to read every sentence's article and key)."""
        keys = np.asarray(keys, dtype=np.uint64)
        if not len(keys) or not self._rows:
            return []
        if self._frame is None and "text" in self.columns:
            import pyarrow as pa
            import pyarrow.compute as pc

            dataset = self._dataset()
            if all(TEXT_KEY in f.physical_schema.names for f in dataset.get_fragments()):
                found = dataset.to_table(
                    columns=["article_id"], filter=pc.field(TEXT_KEY).isin(pa.array(keys, pa.uint64()))
                )
                return sorted(pc.unique(found.column("article_id")).to_pylist())
        # in memory, or parts written before the key (their keys are made from the text)
        s = self.frame(["article_id", TEXT_KEY])
        hit = np.isin(s[TEXT_KEY].to_numpy(dtype=np.uint64), keys)
        return sorted(set(s["article_id"].to_numpy(dtype=object)[hit].tolist()))

    def articles_containing(self, forms: Sequence[str]) -> list[str]:
        """The articles with a sentence whose text contains one of ``forms`` (case-insensitive,
        also inside a longer word), filtered where the texts are stored: a reader's word list
        scores again only those articles' sentences (at 100,000 articles 0.4-1.6 s for a word,
        against 12-13 s to read and write every part)."""
        forms = [f for f in forms if f]
        if not forms or not self._rows:
            return []
        if self._frame is None:
            import pyarrow.compute as pc

            expr = None
            for form in forms:
                hit = pc.match_substring(pc.field("text"), form, ignore_case=True)
                expr = hit if expr is None else expr | hit
            found = self._dataset().to_table(columns=["article_id"], filter=expr)
            return sorted(pc.unique(found.column("article_id")).to_pylist())
        s = self._frame
        pattern = "|".join(re.escape(f) for f in forms)
        hit = s["text"].str.contains(pattern, case=False, regex=True, na=False).to_numpy()
        return sorted(set(s["article_id"].to_numpy(dtype=object)[hit].tolist()))

    def _dataset(self):
        """The parts as one pyarrow dataset, made on the first read and kept: its parts never
        change once written. Each part's footer (the row groups' article ranges) is read then,
        not on every read: a read of one article's sentences took 22-29 ms, 12 ms of them
        opening the 51 parts of a 100,000-article store again."""
        import pyarrow.dataset as ds  # ~10 ms, not before a fresh server's first chart

        kept = self.__dict__.get("_kept_dataset")
        if kept is None:
            # The store's own schema, not the first part's: parts may lack a column (written
            # before the text key, or linked uncorrected into a corrected store; read as gaps).
            kept = ds.dataset([str(p) for p in self._parts()], format="parquet", schema=sentence_schema(self._columns))
            for fragment in kept.get_fragments():
                fragment.ensure_complete_metadata()
            self._kept_dataset = kept
        return kept

    def _empty(self, cols: list[str]) -> pd.DataFrame:
        return from_arrow(sentence_schema(self._columns).empty_table(), cols)

    def of_article(self, article_id: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """One article's sentences, in order."""
        s = self.frame(columns, article_ids=[article_id])
        return s.sort_values("sent_idx").reset_index(drop=True) if "sent_idx" in s else s

    def by_ref(self, refs: Iterable[tuple[str, int]], columns: Sequence[str]) -> pd.DataFrame:
        """The sentences ``(article_id, sent_idx)`` in the order given, with ``columns`` (those
        not found are left out)."""
        want = pd.DataFrame(list(refs), columns=["article_id", "sent_idx"])
        cols = list(dict.fromkeys(["article_id", "sent_idx", *columns]))
        rows = self.frame(cols, article_ids=set(want["article_id"]))
        return want.merge(rows, on=["article_id", "sent_idx"], how="inner")

    def arrow_parts(self):
        """Every part of a store on disk as an Arrow table of :func:`sentence_schema`, in order,
        as written (a part linked into a corrected store lacks the :data:`UNCORRECTED` columns)."""
        import pyarrow.parquet as pq

        for path in self._parts():
            yield pq.read_table(path)

    def to_pandas(self) -> pd.DataFrame:
        """Every sentence in one DataFrame (the in-memory table itself for a store in memory).
        At scale this is what the store is there to avoid: for consumers not yet reading parts."""
        if self._frame is not None:
            return self._frame
        return self.frame()

    # --- pickling (the analysis cache) ------------------------------------------------------------
    def __getstate__(self):
        if self._frame is not None:
            return {"frame": self._frame}
        return {
            "rows": self._rows,
            "columns": self._columns,
            "parts": [p.read_bytes() for p in self._parts()],
            "patch": self._patch,
        }

    def __setstate__(self, state):
        if "frame" in state:
            self.__init__(state["frame"])
            return
        fresh = SentenceStore.from_parts(state["parts"], state["rows"], state["columns"])
        fresh._patch = state.get("patch")
        self.__dict__.update(fresh.__dict__)
        assert fresh._finalizer is not None and fresh._folder is not None
        fresh._finalizer.detach()
        self._finalizer = weakref.finalize(self, shutil.rmtree, fresh._folder, True)

    def __repr__(self) -> str:
        where = "memory" if self._frame is not None else str(self._folder)
        return f"SentenceStore({self._rows} sentences, {where})"
