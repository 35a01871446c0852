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
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["BAND_BUDGET", "DuplicateGroups", "Sketch", "find_duplicates", "normalise_for_matching"]

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

    def __init__(self, num_perm: int, seed: int, shingle_size: int):
        # Imported here: datasketch pulls in scipy (about a second), which the app should
        # only pay for when duplicates are actually searched.
        from datasketch import MinHash

        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity)
        # datasketch >= 2.0 defaults to "affine32"; older versions have no scheme attribute.
        self._scheme = getattr(self._template, "scheme", None)
        self._shingle_size = shingle_size
        self._num_perm = num_perm
        self._n = 0
        self._done: list[tuple[list[int], np.ndarray]] = []  # (texts, their values: texts x num_perm)
        self._pending: list[tuple[int, np.ndarray]] = []
        self._pending_rows = 0
        self._known: list[tuple[int, np.ndarray]] = []
        self.values = np.zeros((0, num_perm), dtype=self._template.hashvalues.dtype)
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
        self.values = np.zeros((self._n, self._num_perm), dtype=self._template.hashvalues.dtype)
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
            a, b = self._template.permutations
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
    #    Each distinct text is sketched right away, so normalised texts are never all held
    #    in memory at once. Empty texts stay unique: an empty body is a parsing failure,
    #    not a copy of another article.
    #    A text in ``known`` (its digest and signature from an earlier search) is not
    #    normalised or sketched again.
    sketcher = _Sketcher(num_perm, random_state, shingle_size)
    digest_to_unique: dict[bytes, int] = {}
    unique_of = [-1] * n  # text index -> distinct-text index (-1: empty text)
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
    values, has = sketcher.values, sketcher.has  # per distinct text: its signature, and whether it has one
    if sketches is not None:
        sketches.extend((d, values[u].copy() if u >= 0 and has[u] else None) for d, u in zip(digests, unique_of))
    del digest_to_unique, sketcher

    # 2. Near duplicates among the distinct texts: candidate pairs that share a band of their
    #    signatures (MinHash LSH), kept when their estimated similarity reaches the threshold.
    uf = _UnionFind(len(values))
    indexed = np.flatnonzero(has)
    if len(indexed) > 1:
        bands, rows = _band_params(threshold, num_perm)
        pairs = indexed[_candidate_pairs(values[indexed], bands, rows)]
        close = _similarity(values, pairs[:, 0], pairs[:, 1]) >= threshold
        for u, v in pairs[close].tolist():
            uf.union(u, v)

    # 3. Components over texts: each text joins the component of its distinct text.
    keys = range(n) if order is None else order
    members: dict[int, list[int]] = {}
    representative = list(range(n))
    kind = [""] * n
    similarity = [1.0] * n
    for i in range(n):
        if unique_of[i] >= 0:
            members.setdefault(uf.find(unique_of[i]), []).append(i)
    for group in members.values():
        if len(group) < 2:
            continue
        rep = min(group, key=lambda i: (keys[i], i))
        rep_u = unique_of[rep]
        for i in group:
            representative[i] = rep
            if i == rep:
                continue
            u = unique_of[i]
            if u == rep_u:
                kind[i] = "exact"
            else:
                kind[i] = "near"
                similarity[i] = float(_similarity(values, np.array([u]), np.array([rep_u]))[0])
    return DuplicateGroups(representative, kind, similarity)
