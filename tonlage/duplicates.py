"""Duplicate stories: the same agency report in several outlets, or a page saved twice.

Two kinds of duplicates are found:

* **Exact**: the same text after :func:`normalise_for_matching` (Unicode NFKC, case folded,
  quotes, apostrophes and dashes unified, invisible characters dropped, whitespace
  collapsed). Found by hashing the normalised text, so it costs one pass over the corpus.
* **Near**: lightly edited copies (another headline, an added sentence, changed
  punctuation, a byline). Each distinct normalised text becomes a set of word shingles
  (``shingle_size`` consecutive words, punctuation ignored); a MinHash signature of that
  set goes into a MinHash LSH index (both from ``datasketch``, MIT). Candidate pairs from
  the index are kept only when the MinHash estimate of their Jaccard similarity reaches
  ``threshold``. Texts with fewer than ``shingle_size`` words have no shingles and are
  never near-duplicates.

Groups are the connected components of all kept pairs (A~B and B~C put A, B and C in one
group). Each group's *representative* is the member with the smallest ``order`` key.

Speed: words are hashed once per distinct word (BLAKE2b, so hashes do not depend on the
process's string-hash seed), shingle hashes are combined from word hashes with numpy, and
the MinHash permutations run in datasketch's vectorised ``update_batch``. Only one text of
each exact-duplicate set is sketched and indexed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

__all__ = ["DuplicateGroups", "find_duplicates", "normalise_for_matching"]

# Characters that only differ typographically between outlets and copy-paste routes.
_QUOTES = "\"'`´„“”‟«»‹›‚‘’‛′″"
_DASHES = "‐‑‒–—―−﹘﹣－"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# (old, new) pairs applied with str.replace: a str.translate table with non-ASCII targets
# was 30 times slower on 3,000-character articles (it cannot use its fast ASCII path).
_REPLACEMENTS = (
    [(c, '"') for c in _QUOTES] + [(c, "-") for c in _DASHES] + [(c, "") for c in _INVISIBLE]
)
# Words for shingles: runs of ASCII letters and digits and of non-ASCII bytes, found in the
# UTF-8 encoding of the normalised text, so punctuation edits do not change shingles. A bytes
# pattern is 40% faster than the str pattern r"[^\W_]+" on German text; its one difference,
# that non-ASCII symbols (€, §, °) count as word characters, does not matter for matching
# (quotes and dashes, the common non-ASCII punctuation, are already ASCII after
# normalisation).
_WORD = re.compile(rb"[0-9A-Za-z\x80-\xff]+")

# Odd 64-bit multiplier for combining word hashes into an order-sensitive shingle hash
# (a polynomial hash mod 2^64; numpy's uint64 arithmetic wraps, which is the modulo).
_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)
_LOW32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)


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


class _WordHashes(dict):
    """Memo of 64-bit hashes of UTF-8 words; computes a missing word's hash on lookup.

    BLAKE2b rather than ``hash()``: Python's string hash changes with every process, and
    the MinHash signatures must not (same input, same groups).
    """

    def __missing__(self, word: bytes) -> int:
        value = self[word] = int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little")
        return value


def _shingle_hashes(words: list[bytes], word_hashes: _WordHashes, size: int) -> np.ndarray:
    """32-bit hashes of all ``size``-word shingles of ``words`` (empty when too short)."""
    n = len(words) - size + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint32)
    w = np.fromiter(map(word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
    h = w[:n].copy()
    for k in range(1, size):
        h *= _SHINGLE_MULT
        h += w[k : k + n]
    # Fold to 32 bits: datasketch's default (affine32) scheme takes 32-bit input hashes.
    return ((h >> _SHIFT32) ^ (h & _LOW32)).astype(np.uint32)


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


class _Sketcher:
    """Makes the MinHash signature of one normalised text's shingle set."""

    def __init__(self, num_perm: int, seed: int, shingle_size: int):
        # Imported here: datasketch pulls in scipy (about a second), which the app should
        # only pay for when duplicates are actually searched.
        from datasketch import LeanMinHash, MinHash

        self._lean = LeanMinHash
        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity)
        self._word_hashes = _WordHashes()
        self._shingle_size = shingle_size

    def __call__(self, encoded: bytes):
        """The signature (a LeanMinHash) of a UTF-8 normalised text, None without shingles."""
        shingles = _shingle_hashes(_WORD.findall(encoded), self._word_hashes, self._shingle_size)
        if shingles.size == 0:
            return None
        # copy() shares the permutation arrays, so no per-text random generator is set up.
        m = self._template.copy()
        # tolist(): datasketch hashes the batch element by element in Python; plain ints
        # are cheaper there than numpy scalars.
        m.update_batch(shingles.tolist())
        # Lean sketches drop the permutations and the hash function.
        return self._lean(m)


def find_duplicates(
    texts: list[str],
    *,
    order: list | None = None,
    threshold: float = 0.7,
    random_state: int = 0,
    num_perm: int = 128,
    shingle_size: int = 5,
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

    Returns:
        The groups as per-text representative, kind and similarity lists.

    Raises:
        ValueError: If ``order`` has another length than ``texts``, or the threshold is
            outside (0, 1].
    """
    n = len(texts)
    if order is not None and len(order) != n:
        raise ValueError(f"order has {len(order)} keys for {n} texts")
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if n == 0:
        return DuplicateGroups([], [], [])

    # 1. Exact duplicates: one entry per distinct normalised text, found by its digest.
    #    Each distinct text is sketched right away, so normalised texts are never all held
    #    in memory at once. Empty texts stay unique: an empty body is a parsing failure,
    #    not a copy of another article.
    sketch = _Sketcher(num_perm, random_state, shingle_size)
    digest_to_unique: dict[bytes, int] = {}
    sigs: list = []  # per distinct text: its LeanMinHash, or None without shingles
    unique_of = [-1] * n  # text index -> distinct-text index (-1: empty text)
    for i, text in enumerate(texts):
        norm = normalise_for_matching(text or "")
        if not norm:
            continue
        encoded = norm.encode("utf-8")
        digest = hashlib.blake2b(encoded, digest_size=16).digest()
        u = digest_to_unique.get(digest)
        if u is None:
            u = digest_to_unique[digest] = len(sigs)
            sigs.append(sketch(encoded))
        unique_of[i] = u
    del digest_to_unique, sketch

    # 2. Near duplicates among the distinct texts, via MinHash LSH.
    uf = _UnionFind(len(sigs))
    indexed = [u for u, sig in enumerate(sigs) if sig is not None]
    if len(indexed) > 1:
        from datasketch import MinHashLSH

        # Every LSH candidate is verified below, so a missed pair costs more than an extra
        # candidate: weigh false negatives 9:1. With 128 permutations this picks 20 bands
        # of 6 rows, which finds a pair at J = 0.7 with probability 0.92 and at J = 0.75
        # with 0.98 (the default 1:1 weights: 0.44 and 0.67).
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.1, 0.9))
        with lsh.insertion_session() as session:
            for u in indexed:
                session.insert(u, sigs[u], check_duplication=False)
        for u in indexed:
            # Sorted so pairs are checked in a fixed order (the union-find result does not
            # depend on it, but runs stay identical step by step).
            for v in sorted(lsh.query(sigs[u])):
                if v > u and sigs[u].jaccard(sigs[v]) >= threshold:
                    uf.union(u, v)
        del lsh

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
                similarity[i] = float(sigs[u].jaccard(sigs[rep_u]))
    return DuplicateGroups(representative, kind, similarity)
