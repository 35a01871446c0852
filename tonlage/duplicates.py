"""Duplicate stories: the same agency report in several outlets, or a page saved twice.

Two kinds of duplicates are found:

* **Exact**: the same text after :func:`normalise_for_matching` (Unicode NFKC, case folded,
  quotes, apostrophes and dashes unified, invisible characters dropped, whitespace
  collapsed). Found by hashing the normalised text, so it costs one pass over the corpus.
* **Near**: lightly edited copies (another headline, an added sentence, changed
  punctuation, a byline). Each distinct normalised text becomes a set of word shingles
  (``shingle_size`` consecutive words, punctuation ignored) and gets a MinHash signature
  (``datasketch``'s permutations, MIT). Texts whose signatures agree on a whole band of values
  are candidate pairs (MinHash LSH, banded here by sorting each band's values with numpy: the
  pairs datasketch's ``MinHashLSH`` index proposes, without a Python call per text and band).
  Candidates are kept only when the MinHash estimate of their Jaccard similarity reaches
  ``threshold``. Texts with fewer than ``shingle_size`` words have no shingles and are
  never near-duplicates.

Groups are the connected components of all kept pairs (A~B and B~C put A, B and C in one
group). Each group's *representative* is the member with the smallest ``order`` key.

Speed: only one text of each exact-duplicate set is sketched and banded; words are hashed
with CRC-32 and shingle hashes combined from word hashes with numpy; the MinHash permutations
of datasketch's default "affine32" scheme are applied to the shingles of many texts at once
(bit for bit what ``MinHash.update_batch`` computes, which other schemes use); the signatures
are one numpy matrix (512 bytes a text); and only the first :data:`BAND_BUDGET` hash values
are banded, while verification still uses all ``num_perm`` values. 20,000 generated gnad
articles: 10.0 s with datasketch's ``MinHashLSH`` index, 4.9 s banded by sorting (same groups,
loaded machine, one run each). Sketching each text in the worker process that parses it was
tried (same groups; duplicates 0.95 -> 0.17 s at 10,000 gnad-built articles) and taken out: on
two cores the per-article stage already keeps both busy, and grew by as much (11.2 -> 13.1 s).

A corpus that changes (a workspace) keeps a :class:`DuplicateIndex`: each text key's distinct
text, the distinct texts' band keys and the near pairs found. :func:`update_duplicates` then
sketches and bands only texts it has not seen, looks their band keys up among the kept ones and
verifies the candidates against kept signatures read back for them alone; the pairs of texts
still there are kept, and the groups are made afresh from the pairs, so they are exactly
:func:`find_duplicates`' (pairs depend on two texts alone; representatives on the order as it is
now). 101,000 kept texts and 1,000 new (bench.dups_add, loaded machine): 0.25-0.33 s against
0.94-1.75 s for the full search with every kept signature read back.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BAND_BUDGET",
    "DuplicateGroups",
    "DuplicateIndex",
    "DuplicateSketches",
    "MissingSketch",
    "Sketch",
    "find_duplicates",
    "normalise_for_matching",
    "update_duplicates",
]

# What the search learns about one text, to be given back (``known``) when the text comes again:
# the digest of its normalised text (b"" for an empty one) and its MinHash signature (None
# without shingles).
Sketch = tuple[bytes, "np.ndarray | None"]

# Characters that only differ typographically between outlets and copy-paste routes.
_QUOTES = "\"'`´„“”‟«»‹›‚‘’‛′″"
_DASHES = "‐‑‒–—―−﹘﹣－"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# (old, new) pairs applied with str.replace: a str.translate table with non-ASCII targets
# was 30 times slower on 3,000-character articles (it cannot use its fast ASCII path).
_REPLACEMENTS = [(c, '"') for c in _QUOTES] + [(c, "-") for c in _DASHES] + [(c, "") for c in _INVISIBLE]
# Words for shingles: runs of ASCII letters and digits and of non-ASCII bytes in the UTF-8
# encoding of the normalised text, so punctuation edits do not change shingles. Found by
# mapping every other byte to a space and splitting (twice as fast as a regex). Non-ASCII
# symbols (€, §, °) thus count as word characters, which does not matter for matching
# (quotes and dashes, the common non-ASCII punctuation, are ASCII after normalisation).
_WORD_BYTES = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NON_WORD_TO_SPACE = bytes(c if c in _WORD_BYTES or c >= 0x80 else 0x20 for c in range(256))

# Odd 64-bit multiplier for combining word hashes into an order-sensitive shingle hash
# (a polynomial hash mod 2^64; numpy's uint64 arithmetic wraps, which is the modulo).
_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)
_LOW32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)

# Hash values that may be banded (see _band_params). Time grows with the number of bands;
# 64 values give 13 bands at threshold 0.7, where all 128 would give 20 (of 5 rows, so fewer
# chance candidates, which cost little).
BAND_BUDGET = 64
# Probability that the index proposes a pair whose similarity is exactly the threshold.
_RECALL_AT_THRESHOLD = 0.97

# Words per vectorised sketching step: the (num_perm x shingles) uint32 work array stays
# within the CPU cache (4 MB at 128 permutations); larger steps measured slower.
_BATCH_ROWS = 8192
# Largest (permutations x shingles) work array, in elements (16 MB of uint32).
_MAX_WORK = 1 << 22

# MurmurHash3 32-bit finalizer, which datasketch's affine32 scheme applies to each input
# hash before its permutations.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


@dataclass(frozen=True)
class DuplicateGroups:
    """Duplicate groups of a list of texts, one entry per input text.

    Attributes:
        representative: For each input index, the index of its group's representative
            (the index itself for unique texts and for representatives).
        kind: For each input index, "" (unique text or representative), "exact" (same
            normalised text as the representative) or "near".
        similarity: For each input index, the estimated Jaccard similarity of its shingles
            to the representative's (1.0 for itself and for exact copies). In a chain
            A~B~C the similarity of C to A may be below the threshold.
    """

    representative: list[int]
    kind: list[str]
    similarity: list[float]

    def groups(self) -> list[list[int]]:
        """The groups with more than one member, each sorted, in order of first member.

        Returns:
            Lists of input indices; the representative is one of the members.
        """
        members: dict[int, list[int]] = {}
        for i, rep in enumerate(self.representative):
            members.setdefault(rep, []).append(i)
        return sorted((m for m in members.values() if len(m) > 1), key=lambda m: m[0])

    @property
    def n_duplicates(self) -> int:
        """Number of texts that are copies of another (all members but representatives)."""
        return sum(1 for i, rep in enumerate(self.representative) if rep != i)


def normalise_for_matching(text: str) -> str:
    """The form in which two texts count as the same text.

    Args:
        text: Any text.

    Returns:
        The text in Unicode NFKC, case folded (so "ß" matches Swiss "ss"), with quotes and
        apostrophes as '"', dashes as "-", soft hyphens and zero-width characters removed,
        and runs of whitespace collapsed to one space.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    # split() without arguments splits on all Unicode whitespace; 3x faster than re.sub.
    return " ".join(text.split())


def _words(encoded: bytes) -> list[bytes]:
    """The words of a UTF-8 normalised text."""
    return encoded.translate(_NON_WORD_TO_SPACE).split()


def _word_hashes(words: list[bytes]) -> np.ndarray:
    """64-bit array of the words' CRC-32 values.

    CRC-32 is a C function that gives the same value in every process (unlike hash(),
    which is salted per process) and is faster than a memo of cryptographic hashes, without
    the memo's memory. Two words colliding in 32 bits only merge their shingles.
    """
    return np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))


def _shingle_hashes(word_hashes: list[np.ndarray], size: int) -> tuple[np.ndarray, np.ndarray]:
    """32-bit hashes of all ``size``-word shingles of several texts at once.

    Args:
        word_hashes: Per text, its word hashes; every text has at least ``size`` words.
        size: Words per shingle.

    Returns:
        The shingle hashes of all texts, concatenated, and the start of each text's run.
    """
    lengths = np.array([len(w) for w in word_hashes], dtype=np.intp)
    # Pad so that every position starts a (possibly partial) shingle; positions whose
    # shingle would run into the next text are dropped below.
    w = np.concatenate([*word_hashes, np.zeros(size - 1, dtype=np.uint64)])
    total = int(lengths.sum())
    h = w[:total].copy()
    for k in range(1, size):
        # Polynomial hash mod 2^64 (numpy's uint64 arithmetic wraps): order-sensitive.
        h *= _SHINGLE_MULT
        h += w[k : k + total]
    ends = np.cumsum(lengths)
    keep = np.ones(total, dtype=bool)
    keep[(ends[:, None] - np.arange(1, size)[None, :]).ravel()] = False
    h = h[keep]
    counts = lengths - (size - 1)
    starts = np.zeros(len(counts), dtype=np.intp)
    np.cumsum(counts[:-1], out=starts[1:])
    # Fold to 32 bits: datasketch's default (affine32) scheme takes 32-bit input hashes.
    return ((h >> _SHIFT32) ^ (h & _LOW32)).astype(np.uint32), starts


def _identity(value):
    """Hash function for MinHash when the inputs are already 32-bit hashes."""
    return value


class _UnionFind:
    """Disjoint sets over 0..n-1 with path halving and union by size."""

    def __init__(self, n: int):
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer on a uint32 array (wrapping arithmetic intended)."""
    s1, m1, s2, m2 = _FMIX32
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s1)


class _Sketcher:
    """MinHash signatures of normalised texts' shingle sets, computed in batches.

    Texts are added one by one; after :meth:`flush`, :attr:`values` holds one row of
    ``num_perm`` hash values per added text (zeros for a text without shingles) and
    :attr:`has` says which texts have one.
    """

    def __init__(self, num_perm: int, seed: int, shingle_size: int, permutations=None):
        self._scheme: str | None
        if permutations is not None:  # kept "affine32" permutations: datasketch is not imported
            self._template = None
            self._scheme = "affine32"
            self.permutations = permutations
            dtype = np.dtype(np.uint32)
        else:
            # Imported here: datasketch pulls in scipy (about 0.4 s), which the app should
            # only pay for when duplicates are actually searched.
            from datasketch import MinHash

            self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity)
            # datasketch >= 2.0 defaults to "affine32"; older versions have no scheme attribute.
            self._scheme = getattr(self._template, "scheme", None)
            self.permutations = self._template.permutations
            dtype = self._template.hashvalues.dtype
        self.dtype = dtype
        self._shingle_size = shingle_size
        self._num_perm = num_perm
        self._n = 0
        self._done: list[tuple[list[int], np.ndarray]] = []  # (texts, their values: texts x num_perm)
        self._pending: list[tuple[int, np.ndarray]] = []
        self._pending_rows = 0
        self._known: list[tuple[int, np.ndarray]] = []
        self.values = np.zeros((0, num_perm), dtype=dtype)
        self.has = np.zeros(0, dtype=bool)

    def add_values(self, values: np.ndarray | None) -> None:
        """Take a text whose signature is known (None: it has none)."""
        if values is not None:
            self._known.append((self._n, values))
        self._n += 1

    def add(self, encoded: bytes) -> None:
        """Queue one UTF-8 normalised text."""
        words = _words(encoded)
        if len(words) >= self._shingle_size:
            self._pending.append((self._n, _word_hashes(words)))
            self._pending_rows += len(words)
            if self._pending_rows >= _BATCH_ROWS:
                self._sketch()
        self._n += 1

    def flush(self) -> None:
        """Compute the signatures of all queued texts and gather them in :attr:`values`."""
        self._sketch()
        self.values = np.zeros((self._n, self._num_perm), dtype=self.dtype)
        self.has = np.zeros(self._n, dtype=bool)
        if self._known:
            self._done.append(([i for i, _ in self._known], np.stack([v for _, v in self._known])))
        for rows, values in self._done:
            self.values[rows] = values
            self.has[rows] = True
        self._done, self._known = [], []

    def _sketch(self) -> None:
        """The signatures of the queued texts.

        Work on many texts at once: numpy's per-call overhead on small arrays and
        datasketch's per-element Python loop in ``update_batch`` took three quarters of all
        sketching time when done per text.
        """
        if not self._pending:
            return
        shingles, starts = _shingle_hashes([w for _, w in self._pending], self._shingle_size)
        rows = [idx for idx, _ in self._pending]
        if self._scheme == "affine32":
            # datasketch's affine32 scheme maps each input hash h to a_k * fmix32(h) + b_k
            # (mod 2^32) for permutation k and keeps the minimum per k.
            a, b = self.permutations
            hashed = _fmix32(shingles)
            minima = np.empty((len(a), len(starts)), dtype=np.uint32)  # (num_perm, texts)
            # Permutations in blocks, so that one huge text (a book saved as an article)
            # cannot make the (permutations x shingles) work array huge.
            step = max(1, _MAX_WORK // len(hashed))
            for lo in range(0, len(a), step):
                permuted = np.multiply.outer(a[lo : lo + step], hashed)
                permuted += b[lo : lo + step, None]
                minima[lo : lo + step] = np.minimum.reduceat(permuted, starts, axis=1)
            self._done.append((rows, minima.T))
        else:
            ends = [*starts[1:].tolist(), len(shingles)]
            values = []
            assert self._template is not None  # kept permutations are affine32 only
            for lo, hi in zip(starts.tolist(), ends):
                m = self._template.copy()  # shares the permutations: no generator set-up
                m.update_batch(shingles[lo:hi].tolist())
                values.append(m.hashvalues)
            self._done.append((rows, np.stack(values)))
        self._pending = []
        self._pending_rows = 0


def _similarity(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The MinHash estimate of the Jaccard similarity of texts ``a[k]`` and ``b[k]`` (rows of
    ``values``): the share of equal hash values, as datasketch's ``MinHash.jaccard``."""
    out = np.empty(len(a), dtype=np.float64)
    step = max(1, _MAX_WORK // max(1, values.shape[1]))
    for lo in range(0, len(a), step):
        equal = values[a[lo : lo + step]] == values[b[lo : lo + step]]
        out[lo : lo + step] = np.count_nonzero(equal, axis=1) / np.float64(values.shape[1])
    return out


def _candidate_pairs(values: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """The pairs (i < j, sorted) of rows of ``values`` that agree on all ``rows`` hash values
    of at least one of ``bands`` bands: what an LSH index of those bands proposes (the pairs
    datasketch's ``MinHashLSH`` with ``params=(bands, rows)`` returns). Found by sorting each
    band's values, which is one numpy pass per band instead of a Python call per text and band."""
    n = len(values)
    found = []
    for band in range(bands):
        block = values[:, band * rows : (band + 1) * rows].astype(np.uint64)
        # The band's values two at a time in one 64-bit key (32-bit values: exact), sorted
        # together; equal bands are neighbours (np.unique over rows was 4 times slower).
        if values.dtype.itemsize <= 4:
            keys = [block[:, j] << np.uint64(32) | block[:, j + 1] for j in range(0, rows - 1, 2)]
            if rows % 2:
                keys.append(block[:, rows - 1])
        else:  # 64-bit values (datasketch's older schemes): one key each
            keys = [block[:, j] for j in range(rows)]
        order = np.lexsort(keys[::-1])
        change = np.zeros(n, dtype=bool)
        change[0] = True
        for key in keys:
            ordered = key[order]
            change[1:] |= ordered[1:] != ordered[:-1]
        first = np.flatnonzero(change)
        sizes = np.diff(np.r_[first, n])
        for start, size in zip(first[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
            group = np.sort(order[start : start + size])
            i, j = np.triu_indices(size, 1)
            found.append(group[i].astype(np.int64) * n + group[j])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // n, codes % n], axis=1)


def _band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index.

    Every LSH candidate is verified with the full signature, so a missed pair costs more
    than an extra candidate. The rule: as many rows per band as possible (fewer chance
    candidates) such that the bands needed to find a pair at exactly the threshold with
    probability :data:`_RECALL_AT_THRESHOLD` fit into ``min(num_perm, BAND_BUDGET)`` hash
    values. At threshold 0.7: 13 bands of 4 rows, which miss a pair at J = 0.7 / 0.8 /
    0.85 with probability 3% / 0.04% / 0.007%. (datasketch's own parameter search, which
    weighs misses and chance candidates 1:1, gives 8 bands of 8 rows for 64 values: it
    misses 62% of pairs at J = 0.7.)
    """
    budget = min(num_perm, BAND_BUDGET)
    if threshold >= 1.0:
        return 2, budget // 2  # datasketch requires at least 2 bands
    # At least 2 rows: with single-value bands almost every pair of texts would share one
    # value somewhere and the verification would become quadratic in the corpus size.
    for rows in range(budget // 2, 1, -1):
        p_band = threshold**rows  # a pair at the threshold agrees on a whole band
        if p_band <= 0.0:
            continue
        bands = math.ceil(math.log(1.0 - _RECALL_AT_THRESHOLD) / math.log1p(-p_band))
        if bands * rows <= budget:
            return max(bands, 2), rows
    return budget // 2, 2  # low thresholds: lower recall at the threshold itself


def _sketch_texts(texts, known, sketcher: _Sketcher) -> tuple[list[bytes], list[int], list[bytes]]:
    """Step 1 of :func:`find_duplicates`: each text's digest and the index of its distinct text
    (-1: empty), and the distinct digests in order; the distinct texts' signatures are in
    ``sketcher`` (flushed).

    Each distinct text is sketched right away, so normalised texts are never all held in
    memory at once. Empty texts stay unique: an empty body is a parsing failure, not a copy of
    another article. A text in ``known`` (its digest and signature from an earlier search) is
    not normalised or sketched again.
    """
    digest_to_unique: dict[bytes, int] = {}
    unique_of = [-1] * len(texts)  # text index -> distinct-text index (-1: empty text)
    digests: list[bytes] = []
    for i, text in enumerate(texts):
        sketch = known[i] if known is not None else None
        if sketch is None:
            norm = normalise_for_matching(text or "")
            encoded = norm.encode("utf-8")
            digest = hashlib.blake2b(encoded, digest_size=16).digest() if norm else b""
        else:
            digest = sketch[0]
        digests.append(digest)
        if not digest:
            continue
        u = digest_to_unique.get(digest)
        if u is None:
            u = digest_to_unique[digest] = len(digest_to_unique)
            if sketch is None:
                sketcher.add(encoded)
            else:
                sketcher.add_values(sketch[1])
        unique_of[i] = u
    sketcher.flush()
    return digests, unique_of, list(digest_to_unique)


def find_duplicates(  # noqa: C901 - one pipeline of stages sharing arrays; each stage is commented
    texts: list[str],
    *,
    order: list | None = None,
    threshold: float = 0.7,
    random_state: int = 0,
    num_perm: int = 128,
    shingle_size: int = 5,
    known: Sequence[Sketch | None] | None = None,
    sketches: list[Sketch] | None = None,
    kept: dict | None = None,
) -> DuplicateGroups:
    """Group exact and near-duplicate texts.

    Args:
        texts: The texts, e.g. article bodies (headline included or not, consistently).
        order: One sortable key per text; each group's representative is the member with
            the smallest key (ties: the smaller input index). Pass e.g.
            ``(date or date.max, article_id)`` to keep the earliest publication. None uses
            input order.
        threshold: Minimum estimated Jaccard similarity of two texts' shingle sets for a
            near-duplicate pair, in (0, 1]. A lightly edited copy of a 400-word report
            (new first line, one added sentence, other punctuation) scores about 0.85;
            different articles on the same topic score near 0.
        random_state: Seed of the MinHash permutations. Results are deterministic for a
            given seed; another seed may change pairs whose similarity is near the
            threshold.
        num_perm: Number of MinHash permutations. The similarity estimate's standard error
            is about ``sqrt(J * (1 - J) / num_perm)``: 0.04 at J = 0.7 with 128.
        shingle_size: Words per shingle.
        known: Per text, its :data:`Sketch` from an earlier search with the same seed,
            ``num_perm`` and ``shingle_size`` (None: made now).
        sketches: A list to which each text's :data:`Sketch` is appended, in order.
        kept: A dict that gets what :meth:`DuplicateIndex.of_search` needs (the permutations,
            the distinct texts' digests and signatures, each text's distinct text, the near
            pairs between distinct texts).

    Returns:
        The groups as per-text representative, kind and similarity lists.

    Raises:
        ValueError: If ``order`` has another length than ``texts``, the threshold is
            outside (0, 1], or ``shingle_size`` is below 1.
    """
    n = len(texts)
    if order is not None and len(order) != n:
        raise ValueError(f"order has {len(order)} keys for {n} texts")
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if shingle_size < 1:
        raise ValueError(f"shingle_size must be at least 1, got {shingle_size}")
    if n == 0:
        return DuplicateGroups([], [], [])

    # 1. Exact duplicates: one entry per distinct normalised text, found by its digest.
    sketcher = _Sketcher(num_perm, random_state, shingle_size)
    digests, unique_of, distinct = _sketch_texts(texts, known, sketcher)
    values, has = sketcher.values, sketcher.has  # per distinct text: its signature, and whether it has one
    if sketches is not None:
        sketches.extend((d, values[u].copy() if u >= 0 and has[u] else None) for d, u in zip(digests, unique_of))
    if kept is not None:
        kept.update(
            permutations=sketcher.permutations if sketcher._scheme == "affine32" else None,
            digests=distinct,
            unique_of=unique_of,
            values=values,
            has=has,
            pairs=np.zeros((0, 2), dtype=np.int64),
        )
    del sketcher

    # 2. Near duplicates among the distinct texts: candidate pairs that share a band of their
    #    signatures (MinHash LSH), kept when their estimated similarity reaches the threshold.
    near = np.zeros((0, 2), dtype=np.int64)
    indexed = np.flatnonzero(has)
    if len(indexed) > 1:
        bands, rows = _band_params(threshold, num_perm)
        pairs = indexed[_candidate_pairs(values[indexed], bands, rows)]
        near = pairs[_similarity(values, pairs[:, 0], pairs[:, 1]) >= threshold]
        if kept is not None:
            kept["pairs"] = near

    # 3. Components over texts: each text joins the component of its distinct text.
    return _groups_of(
        np.asarray(unique_of, dtype=np.int64),
        near,
        len(values),
        order,
        lambda ids: {u: values[u] for u in ids},
        num_perm,
    )


class DuplicateSketches:
    """Each text's :data:`Sketch`, made a batch of texts at a time, and then the groups of all
    of them: :func:`find_duplicates` of every text added, in the order added, without holding
    the texts.

    A folder's analysis (:func:`tonlage.analysis.pipeline.analyse_folder`) sketches each batch of
    articles once they are parsed and lets their texts go: the search holds what it keeps of a
    text (its normalised text's digest and signature, ~0.7 KB) instead of the text (~5 KB at
    2,700 characters, most German texts being held as two bytes a character).

    Args:
        random_state, num_perm, shingle_size: as :func:`find_duplicates`.
    """

    def __init__(self, *, random_state: int = 0, num_perm: int = 128, shingle_size: int = 5):
        if shingle_size < 1:
            raise ValueError(f"shingle_size must be at least 1, got {shingle_size}")
        self.random_state = random_state
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.sketches: list[Sketch] = []
        self._permutations = None  # the first batch's, given to the next ones (affine32)

    def __len__(self) -> int:
        return len(self.sketches)

    def add(self, texts: Sequence[str]) -> None:
        """Sketch ``texts`` (the next texts, in order). A text repeated within the batch is
        sketched once; its copies share the signature (a view of the batch's signatures)."""
        if not texts:
            return
        sketcher = _Sketcher(self.num_perm, self.random_state, self.shingle_size, permutations=self._permutations)
        if sketcher._scheme == "affine32":
            self._permutations = sketcher.permutations
        digests, unique_of, _ = _sketch_texts(texts, None, sketcher)
        values, has = sketcher.values, sketcher.has
        self.sketches.extend((d, values[u] if u >= 0 and has[u] else None) for d, u in zip(digests, unique_of))

    def find(self, *, order: list | None = None, threshold: float = 0.7) -> DuplicateGroups:
        """:func:`find_duplicates` of the texts added (``order``, ``threshold``: as there)."""
        sketches, self.sketches = self.sketches, []
        return find_duplicates(
            [""] * len(sketches),
            order=order,
            threshold=threshold,
            random_state=self.random_state,
            num_perm=self.num_perm,
            shingle_size=self.shingle_size,
            known=sketches,
        )


# --- the search of a changing corpus ------------------------------------------------------------
# What an analysed workspace keeps (DuplicateIndex) so that an add bands and verifies only its
# new texts; see update_duplicates. Raise when what is kept changes meaning.
INDEX_FORMAT = 1
# Odd 64-bit constant salting each band's key, so equal values in two bands give two keys.
_BAND_SALT = 0xD6E8FEB86659FD93
_MASK64 = (1 << 64) - 1
# An index is compacted (dead texts dropped, band parts merged: all of it stored again, 0.1-0.2 s
# at 100,000 texts) when it has more parts of band keys than this ...
_MAX_PARTS = 16
# ... or more than this share of its distinct texts is dead.
_MAX_DEAD = 0.2


class CannotUpdate(LookupError):
    """:func:`update_duplicates` cannot work from the index: search afresh."""


class MissingSketch(CannotUpdate):
    """A kept signature that :func:`update_duplicates` needs could not be read back."""


def _key_rows(keys: list[str]) -> np.ndarray | None:
    """Keys of 32 lowercase hex digits (tonlage's: a 16-byte digest) as an (n, 2) uint64 array,
    their halves read big-endian so that rows sort as the keys do (half the bytes of the
    strings, and twice as fast to search); None for other keys."""
    if not keys:
        return np.zeros((0, 2), dtype=np.uint64)
    joined = "".join(keys)
    if set(map(len, keys)) != {32} or joined != joined.lower():
        return None
    try:
        raw = bytes.fromhex(joined)
    except ValueError:
        return None
    if len(raw) != 16 * len(keys):  # fromhex skips whitespace
        return None
    return np.frombuffer(raw, dtype=">u8").reshape(-1, 2).astype(np.uint64)


def _key_hex(row) -> str:
    return f"{int(row[0]):016x}{int(row[1]):016x}"


def _sorted_rows(rows: np.ndarray) -> np.ndarray:
    """The order that sorts (n, 2) rows (first column, then second)."""
    return np.lexsort((rows[:, 1], rows[:, 0]))


def _find_rows(table: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``rows``, its position in the sorted ``table`` and whether it is there."""
    if not len(table):
        return np.zeros(len(rows), dtype=np.intp), np.zeros(len(rows), dtype=bool)
    high = table[:, 0]
    pos = np.minimum(np.searchsorted(high, rows[:, 0]), len(table) - 1)
    same_high = high[pos] == rows[:, 0]
    known = same_high & (table[pos, 1] == rows[:, 1])
    for i in np.flatnonzero(same_high & ~known).tolist():  # two keys whose first halves agree
        j = int(pos[i]) + 1
        while j < len(table) and high[j] == rows[i, 0]:
            if table[j, 1] == rows[i, 1]:
                pos[i], known[i] = j, True
                break
            j += 1
    return pos, known


def _band_keys(values: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(len(values), bands) uint64: a hash of each band's ``rows`` values (salted by band).
    Equal bands give equal keys; unequal ones may collide, so a key match is only a candidate
    until the values themselves agree (:func:`_share_band`)."""
    out = np.empty((len(values), bands), dtype=np.uint64)
    for band in range(bands):
        h = np.full(len(values), ((band + 1) * _BAND_SALT) & _MASK64, dtype=np.uint64)
        for j in range(band * rows, (band + 1) * rows):
            h ^= values[:, j].astype(np.uint64)
            h *= _SHINGLE_MULT
        h ^= h >> np.uint64(29)
        out[:, band] = h
    return out


def _share_band(a: np.ndarray, b: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Whether rows ``a[k]`` and ``b[k]`` agree on all values of at least one band: the pairs
    :func:`_candidate_pairs` proposes."""
    equal = a[:, : bands * rows] == b[:, : bands * rows]
    return equal.reshape(len(a), bands, rows).all(axis=2).any(axis=1)


def _digest_rows(digests: list[bytes]) -> np.ndarray:
    """16-byte digests as an (n, 2) uint64 array."""
    return np.frombuffer(b"".join(digests), dtype=np.uint64).reshape(-1, 2).copy()


@dataclass
class DuplicateIndex:
    """What :func:`update_duplicates` keeps between searches of one corpus as it changes (one
    seed and setting): which distinct text each text's key has, the distinct texts' digests,
    the LSH band keys of those with a signature, and the near pairs found among them. The
    signatures themselves are not in it (512 bytes a text): the caller keeps them and reads back
    only those a search verifies against.

    A distinct text's id is its row in ``digests`` and stays until the index is compacted: a
    distinct text no text has any more is marked ``dead`` (never taken again: a text that comes
    back gets a new id) and its band keys stay in their part until then, skipped. So an update
    adds one part of band keys, and only that part and :meth:`meta` need storing (the band keys
    are three quarters of the index: 16 of 21 MB at 101,000 texts, 0.1-0.17 s to write).

    Attributes:
        params: (:data:`INDEX_FORMAT`, num_perm, shingle_size, threshold, bands, rows).
        permutations: datasketch's "affine32" permutations (a, b) of the seed, so an update
            sketches new texts without importing datasketch (and scipy: 0.4 s).
        keys: The texts' keys (:func:`_key_rows`), sorted.
        key_text: Per key, its distinct text's id (-1: an empty text).
        digests: Per distinct text, its digest as two uint64.
        dead: Per distinct text, whether no text has it any more.
        parts: Parts of band keys (:func:`_band_keys`), each (keys sorted, their texts' ids).
        pairs: The near pairs (u < v ids) between live texts: agree on a band and reach the
            threshold.
    """

    params: tuple
    permutations: tuple[np.ndarray, np.ndarray]
    keys: np.ndarray
    key_text: np.ndarray
    digests: np.ndarray
    dead: np.ndarray
    parts: list[tuple[np.ndarray, np.ndarray]]
    pairs: np.ndarray

    @staticmethod
    def params_for(threshold: float = 0.7, num_perm: int = 128, shingle_size: int = 5) -> tuple:
        """The :attr:`params` of an index for these settings."""
        return (INDEX_FORMAT, num_perm, shingle_size, threshold, *_band_params(threshold, num_perm))

    @classmethod
    def of_search(cls, keys: list[str], kept: dict, params: tuple) -> DuplicateIndex | None:
        """The index of a :func:`find_duplicates` of texts with these ``keys`` (equal keys:
        equal texts) that filled ``kept``; None when there is nothing to keep (no texts), the
        permutations are not "affine32" (datasketch before 2.0) or the keys not hex digests."""
        key_rows = _key_rows(keys)
        if not kept or kept["permutations"] is None or key_rows is None:
            return None
        bands, rows = params[4], params[5]
        by_row = _sorted_rows(key_rows)
        sorted_keys = key_rows[by_row]
        first = np.ones(len(sorted_keys), dtype=bool)
        first[1:] = (sorted_keys[1:] != sorted_keys[:-1]).any(axis=1)
        sorted_keys = sorted_keys[first]
        key_text = np.asarray(kept["unique_of"], dtype=np.int32)[by_row[first]]
        signed = np.flatnonzero(kept["has"]).astype(np.int32)
        flat = _band_keys(kept["values"][signed], bands, rows).ravel()
        texts = np.repeat(signed, bands)
        by_key = np.argsort(flat, kind="stable")
        a, b = kept["permutations"]
        m = len(kept["digests"])
        return cls(
            params=tuple(params),
            permutations=(np.asarray(a).copy(), np.asarray(b).copy()),
            keys=sorted_keys,
            key_text=key_text,
            digests=_digest_rows(kept["digests"]) if m else np.zeros((0, 2), dtype=np.uint64),
            dead=np.zeros(m, dtype=bool),
            parts=[(flat[by_key], texts[by_key])],
            pairs=np.sort(np.asarray(kept["pairs"], dtype=np.int32).reshape(-1, 2), axis=1),
        )

    def meta(self) -> bytes:
        """The index but its band parts, to store (:meth:`from_stored`)."""
        import pickle

        fields = {f: getattr(self, f) for f in self.__dataclass_fields__ if f != "parts"}
        fields["n_parts"] = len(self.parts)
        return pickle.dumps(fields, protocol=5)

    @staticmethod
    def part(keys: np.ndarray, texts: np.ndarray) -> bytes:
        """A band part, to store."""
        import pickle

        return pickle.dumps((keys, texts), protocol=5)

    def stored(self) -> list[bytes]:
        """Everything to store: :meth:`meta`, then each part."""
        return [self.meta(), *(self.part(k, t) for k, t in self.parts)]

    @classmethod
    def from_stored(cls, data: list[bytes], params: tuple) -> DuplicateIndex | None:
        """The index stored as :meth:`stored` lists it; None if it was made for other settings
        or another :data:`INDEX_FORMAT`, lacks a part, or cannot be read: the caller then
        searches afresh."""
        import pickle

        try:
            fields = pickle.loads(data[0])
            if tuple(fields["params"]) != tuple(params) or fields.pop("n_parts") != len(data) - 1:
                return None
            return cls(**fields, parts=[pickle.loads(d) for d in data[1:]])
        except Exception:  # noqa: BLE001 - a damaged or foreign blob only costs a full search
            return None

    def compacted(self) -> DuplicateIndex:
        """The same index without dead texts (ids renumbered) and with one part of band keys."""
        alive = ~self.dead
        renumber = (np.cumsum(alive) - 1).astype(np.int32)
        keys = np.concatenate([k for k, _ in self.parts]) if self.parts else np.zeros(0, dtype=np.uint64)
        texts = np.concatenate([t for _, t in self.parts]) if self.parts else np.zeros(0, dtype=np.int32)
        live = alive[texts]
        keys, texts = keys[live], renumber[texts[live]]
        by_key = np.argsort(keys, kind="stable")
        return DuplicateIndex(
            params=self.params,
            permutations=self.permutations,
            keys=self.keys,
            key_text=np.where(self.key_text >= 0, renumber[np.maximum(self.key_text, 0)], -1).astype(np.int32),
            digests=self.digests[alive],
            dead=np.zeros(int(alive.sum()), dtype=bool),
            parts=[(keys[by_key], texts[by_key])],
            pairs=renumber[self.pairs].reshape(-1, 2),
        )

    def _find_digest(self, digest: bytes, order: np.ndarray, high: np.ndarray) -> int:
        """The id of a live distinct text by its digest (-1: none)."""
        hi, lo = np.frombuffer(digest, dtype=np.uint64)
        for at in range(int(np.searchsorted(high, hi, "left")), int(np.searchsorted(high, hi, "right"))):
            u = order[at]
            if self.digests[u, 1] == lo and not self.dead[u]:
                return int(u)
        return -1


def _groups_of(text_of: np.ndarray, pairs: np.ndarray, n_ids: int, order, signatures, num_perm: int) -> DuplicateGroups:
    """Step 3 of :func:`find_duplicates` (and of :func:`update_duplicates`): the groups from
    each text's distinct text (``text_of``, -1: empty) and the near pairs between distinct
    texts, walking only the texts in a group.
    ``signatures(ids)`` gives the signatures of distinct texts (for the near members'
    similarity to their representative)."""
    n = len(text_of)
    representative = list(range(n))
    kind = [""] * n
    similarity = [1.0] * n
    label = np.arange(max(n_ids, 1), dtype=np.int64)
    if len(pairs):
        ids = np.unique(pairs)
        at = np.searchsorted(ids, pairs)
        uf = _UnionFind(len(ids))
        for u, v in at.tolist():
            uf.union(u, v)
        label[ids] = ids[[uf.find(k) for k in range(len(ids))]]
    has = text_of >= 0
    lab = np.full(n, -1, dtype=np.int64)
    lab[has] = label[text_of[has]]
    counts = np.bincount(lab[has], minlength=len(label))
    in_group = np.flatnonzero(has & (counts[np.maximum(lab, 0)] > 1))
    members: dict[int, list[int]] = {}
    for i, g in zip(in_group.tolist(), lab[in_group].tolist()):
        members.setdefault(g, []).append(i)
    keys = range(n) if order is None else order
    text_list = text_of.tolist() if members else []
    near: list[tuple[int, int, int]] = []
    for group in members.values():
        rep = min(group, key=lambda i: (keys[i], i))
        rep_u = text_list[rep]
        for i in group:
            representative[i] = rep
            if i == rep:
                continue
            if text_list[i] == rep_u:
                kind[i] = "exact"
            else:
                kind[i] = "near"
                near.append((i, text_list[i], rep_u))
    if near:
        sigs = signatures({u for _, u, _ in near} | {r for _, _, r in near})
        for i, u, r in near:
            # as _similarity computes it, so the float is the same
            similarity[i] = float(np.count_nonzero(sigs[u] == sigs[r]) / np.float64(num_perm))
    return DuplicateGroups(representative, kind, similarity)


def update_duplicates(  # noqa: C901 - one update of the index's arrays; each step is commented
    index: DuplicateIndex,
    keys: list[str],
    text,
    order: list | None,
    fetch,
) -> tuple[DuplicateGroups, DuplicateIndex, dict[str, Sketch], list[str]]:
    """:func:`find_duplicates` of a corpus an index was kept for, now changed (texts added,
    removed, edited, dates changed), in time that grows with the new texts: only texts whose
    key the index does not know are normalised, sketched and banded; their band keys are looked
    up among the kept ones and the candidates verified against kept signatures read back by
    ``fetch``; the kept near pairs of texts still there are taken as they are. Gives exactly
    :func:`find_duplicates` ``(texts, order=order)`` with the index's settings: pairs are a
    property of two distinct texts alone, and the groups are made afresh from the pairs.

    Args:
        index: The :class:`DuplicateIndex` of the corpus as it was.
        keys: Per text, its key (equal keys: equal texts; a changed text gets a new key).
        text: ``text(i)`` gives text ``i`` (asked only for keys the index does not know).
        order: As :func:`find_duplicates`'s (the representatives follow it as it is now).
        fetch: ``fetch(keys)`` gives a dict key -> signature of kept texts' keys.

    Returns:
        The groups, the index of the corpus as it is now, the sketches made (key ->
        :data:`Sketch`), and the index's keys no text has any more.

    Raises:
        CannotUpdate: If ``fetch`` lacks a signature (:class:`MissingSketch`) or the keys are not
            hex digests: search afresh.
    """
    _, num_perm, shingle_size, threshold, bands, rows = index.params
    n = len(keys)
    if order is not None and len(order) != n:
        raise ValueError(f"order has {len(order)} keys for {n} texts")

    # 1. Each text's distinct text: by its key for known keys; new keys' texts are sketched,
    #    and their digests looked up among the kept distinct texts.
    key_rows = _key_rows(keys)
    if key_rows is None:
        raise CannotUpdate("keys that are not hex digests")
    m = len(index.digests)
    pos, known = _find_rows(index.keys, key_rows)
    text_of = np.where(known, index.key_text[pos] if len(index.keys) else -1, -1).astype(np.int64)
    first_at: dict[str, int] = {}
    for i in np.flatnonzero(~known).tolist():
        first_at.setdefault(keys[i], i)
    sketcher = _Sketcher(num_perm, 0, shingle_size, permutations=index.permutations)
    new_digests, new_unique, new_distinct = _sketch_texts([text(i) for i in first_at.values()], None, sketcher)
    high_order = np.argsort(index.digests[:, 0], kind="stable")
    high = index.digests[high_order, 0]
    fresh: list[int] = []  # distinct new texts the index does not have (their ids: m, m + 1, ...)
    id_of_new = []
    for k, digest in enumerate(new_distinct):
        found = index._find_digest(digest, high_order, high)
        if found < 0:
            found = m + len(fresh)
            fresh.append(k)
        id_of_new.append(found)
    made: dict[str, Sketch] = {}
    new_id: dict[str, int] = {}
    for key, digest, u in zip(first_at, new_digests, new_unique):
        new_id[key] = -1 if u < 0 else id_of_new[u]
        made[key] = (digest, sketcher.values[u].copy() if u >= 0 and sketcher.has[u] else None)
    for i in np.flatnonzero(~known).tolist():
        text_of[i] = new_id[keys[i]]
    n_ids = m + len(fresh)
    alive = np.zeros(n_ids, dtype=bool)
    alive[text_of[text_of >= 0]] = True
    fresh_has = sketcher.has[fresh] if fresh else np.zeros(0, dtype=bool)
    fresh_values = sketcher.values[fresh] if fresh else np.zeros((0, num_perm), dtype=np.uint32)
    signed = np.flatnonzero(fresh_has)  # fresh texts with a signature (rows of fresh_values)
    signed_ids = (m + signed).astype(np.int32)
    fresh_keys = _band_keys(fresh_values[signed], bands, rows)

    # Kept signatures, read back once each: of a distinct text through any text that has it.
    cache: dict[int, np.ndarray] = {}

    def signatures(ids) -> dict[int, np.ndarray]:
        old = sorted(u for u in ids if u < m and u not in cache)
        if old:
            holders = np.flatnonzero(np.isin(text_of, old))
            key_of: dict[int, str] = {}
            for i in holders.tolist():
                key_of.setdefault(int(text_of[i]), keys[i])
            # a text that is new may have a kept distinct text (an exact copy): its sketch is made
            got = fetch(sorted({k for k in key_of.values() if k not in made}))
            got.update({k: made[k][1] for k in key_of.values() if k in made})
            for u in old:
                sig = got.get(key_of.get(u, ""))
                if sig is None:
                    raise MissingSketch(u)
                cache[u] = sig
        return {u: cache[u] if u < m else fresh_values[u - m] for u in ids}

    # 2. Near pairs: the kept ones between texts still there, and the new texts' candidates
    #    (band keys equal to a kept text's, or to another new text's), verified.
    kept_pairs = index.pairs[alive[index.pairs[:, 0]] & alive[index.pairs[:, 1]]] if len(index.pairs) else index.pairs
    found_pairs = [kept_pairs.astype(np.int64).reshape(-1, 2)]
    flat = fresh_keys.ravel()
    mine_flat = np.repeat(signed_ids, bands).astype(np.int64)
    for part_keys, part_texts in index.parts:
        lo = np.searchsorted(part_keys, flat, "left")
        count = np.searchsorted(part_keys, flat, "right") - lo
        if not count.any():
            continue
        total = int(count.sum())
        at = np.repeat(lo, count) + (np.arange(total) - np.repeat(np.cumsum(count) - count, count))
        other = part_texts[at].astype(np.int64)
        mine = np.repeat(mine_flat, count)
        cand = np.unique(np.stack([other, mine], axis=1)[alive[other]], axis=0)
        if len(cand):
            sigs = signatures(set(cand[:, 0].tolist()))
            a = np.stack([sigs[u] for u in cand[:, 0].tolist()])
            b = fresh_values[cand[:, 1] - m]
            close = _share_band(a, b, bands, rows) & (
                np.count_nonzero(a == b, axis=1) / np.float64(num_perm) >= threshold
            )
            found_pairs.append(cand[close])
    if len(signed) > 1:
        cand = _candidate_pairs(fresh_values[signed], bands, rows)
        close = _similarity(fresh_values[signed], cand[:, 0], cand[:, 1]) >= threshold
        found_pairs.append(signed_ids[cand[close]].astype(np.int64))
    pairs = np.sort(np.concatenate(found_pairs), axis=1) if found_pairs else np.zeros((0, 2), dtype=np.int64)

    # 3. The groups.
    groups = _groups_of(text_of, pairs, n_ids, order, signatures, num_perm)

    # 4. The index of the corpus as it is now: distinct texts no text has any more are dead, the
    #    new ones' band keys one more part; compacted when the dead or the parts grow many.
    digests = index.digests
    if fresh:
        digests = np.concatenate([digests, _digest_rows([new_distinct[k] for k in fresh])])
    parts = list(index.parts)
    if len(signed):
        by_key = np.argsort(flat, kind="stable")
        parts.append((flat[by_key], np.repeat(signed_ids, bands)[by_key]))
    used = np.zeros(len(index.keys), dtype=bool)
    used[pos[known]] = True
    gone = [_key_hex(row) for row in index.keys[~used].tolist()]
    new_keys = _key_rows(list(first_at))
    assert new_keys is not None  # keys checked above
    new_key_text = np.array([new_id[k] for k in first_at], dtype=np.int32)
    by_row = _sorted_rows(new_keys)
    new_keys, new_key_text = new_keys[by_row], new_key_text[by_row]
    old_keys, old_key_text = index.keys[used], index.key_text[used]
    where = np.searchsorted(old_keys[:, 0], new_keys[:, 0])
    all_keys = np.insert(old_keys, where, new_keys, axis=0)
    all_key_text = np.insert(old_key_text, where, new_key_text)
    high, low = all_keys[:, 0], all_keys[:, 1]
    if (
        len(all_keys) > 1 and not ((high[1:] > high[:-1]) | ((high[1:] == high[:-1]) & (low[1:] > low[:-1]))).all()
    ):  # new keys whose first halves equal a kept one's: sorted in full
        by_row = _sorted_rows(all_keys)
        all_keys, all_key_text = all_keys[by_row], all_key_text[by_row]
    updated = DuplicateIndex(
        params=index.params,
        permutations=index.permutations,
        keys=all_keys,
        key_text=all_key_text,
        digests=digests,
        dead=~alive,
        parts=parts,
        pairs=pairs.astype(np.int32).reshape(-1, 2),
    )
    if len(parts) > _MAX_PARTS or (~alive).sum() > _MAX_DEAD * max(1, len(alive)):
        updated = updated.compacted()
    return groups, updated, made, gone
