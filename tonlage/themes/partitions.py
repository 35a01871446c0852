"""Themes of a corpus whose TF-IDF matrix does not fit its budget: counts, TF-IDF and NMF by partition.

The term counts are made a partition of :data:`PARTITION_DOCS` documents at a time (on a Dask
cluster's workers when there is one) and merged into the corpus's vocabulary; the TF-IDF rows
of a partition are made from the corpus's IDF when a step needs them and let go; scikit-learn's
``MiniBatchNMF`` learns the themes partition by partition (:func:`fit_partitions`).
"""

from __future__ import annotations

import copy
import warnings
from functools import partial

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

from ..thresholds import MINIBATCH_PASSES
from . import factorise

# Documents per partition of the theme counts (ThemeModel._counts): ~1 MB of counts each.
PARTITION_DOCS = 2_000
# A word's count in one article: int32 (4 bytes a stored count where int64 took 8); every step
# that weighs counts makes floats of them first, so the themes are the same.
COUNT_DTYPE = np.int32


def as_is(doc: list[str]) -> list[str]:
    return doc


def drain(items: list):
    """The items of ``items`` in order, each taken out of the list as it is handed on, so that a
    lazy ``map`` lets go of one before it reads the next."""
    while items:
        yield items.pop(0)


def partition_counts(docs: list[list[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """First pass of the theme counts over one partition: its document × feature counts over
    its own features, and their names (sorted)."""
    from sklearn.feature_extraction.text import CountVectorizer

    counter = CountVectorizer(analyzer=as_is, dtype=COUNT_DTYPE)
    try:
        C = counter.fit_transform(docs)
    except ValueError:  # no feature in this partition
        return sparse.csr_matrix((len(docs), 0), dtype=COUNT_DTYPE), []
    return C.tocsr(), [str(n) for n in counter.get_feature_names_out()]


def merged_counts_of(first: tuple, target: dict[str, int], n_targets: int):
    """:func:`merged_counts` of one first-pass result (a module function: it travels to a cluster)."""
    C, names = first
    return merged_counts(C, names, target, n_targets)


def merged_counts(
    C: sparse.csr_matrix, names: list[str], target: dict[str, int], n_targets: int
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Second pass over one partition: its counts under the corpus's merged feature names
    (``target``: a first-pass name → its merged column; names renamed to nothing are left
    out), with each merged feature's document frequency and total count in the partition."""
    rows = [i for i, n in enumerate(names) if n in target]
    M = sparse.csr_matrix(
        (np.ones(len(rows), dtype=COUNT_DTYPE), (rows, [target[names[i]] for i in rows])),
        shape=(len(names), n_targets),
    )
    merged = (C @ M).tocsr()
    merged.sum_duplicates()
    merged.eliminate_zeros()
    df = np.bincount(merged.indices, minlength=n_targets).astype(np.int64)
    tf = np.asarray(merged.sum(axis=0), dtype=np.int64).ravel()
    return merged, df, tf


def tfidf_bytes(nnz: int) -> int:
    """Bytes of a CSR matrix's data (float32) and column indices with ``nnz`` stored entries
    (int32 indices, int64 from 2**31 entries as scipy then needs)."""
    return nnz * (4 + (4 if nnz < 2**31 else 8))


def smooth_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """The IDF of ``TfidfTransformer(smooth_idf=True)`` from document frequencies, computed as it does."""
    idf = np.full_like(df, fill_value=n_docs + 1, dtype=np.float64)
    idf /= df.astype(np.float64) + 1.0
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def tfidf_rows(C: sparse.csr_matrix, columns: np.ndarray, idf: np.ndarray) -> sparse.csr_matrix:
    """TF-IDF rows of counts ``C`` over ``columns`` with the corpus's ``idf``, as the exact fit
    makes them (``TfidfTransformer(sublinear_tf=True)``, unit rows, float32): a row depends on
    its own counts and the IDF only."""
    from sklearn.preprocessing import normalize

    X = sparse.csr_matrix(C[:, columns], dtype=np.float64)
    np.log(X.data, X.data)
    X.data += 1.0
    X.data *= idf[X.indices]
    return sparse.csr_matrix(normalize(X, norm="l2", copy=False), dtype=np.float32)


def gather_rows(parts: list, columns: np.ndarray, idf: np.ndarray, rows: np.ndarray) -> sparse.csr_matrix:
    """TF-IDF rows ``rows`` (sorted, corpus-wide numbers) made from the partitions' counts."""
    out = []
    start = 0
    for P in parts:
        local = rows[(rows >= start) & (rows < start + P.shape[0])] - start
        if len(local):
            out.append(tfidf_rows(P[local], columns, idf))
        start += P.shape[0]
    return sparse.vstack(out, format="csr")


def _partition_w(C: sparse.csr_matrix, columns: np.ndarray, idf: np.ndarray, nmf) -> np.ndarray:
    """One partition's W under the fitted ``MiniBatchNMF`` (a module function: it travels to a cluster)."""
    from sklearn.exceptions import ConvergenceWarning

    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)  # a partition without terms: W stays 0
        return nmf.transform(tfidf_rows(C, columns, idf))


def fit_partitions(parts: list, columns: np.ndarray, idf: np.ndarray, k: int, seed: int, partition_map=map):
    """NMF of a TF-IDF matrix that is never made whole: scikit-learn's ``MiniBatchNMF``, one
    ``partial_fit`` per partition of rows (each partition's rows made from its counts and the
    corpus's IDF, used and let go), in partition order, :data:`MINIBATCH_PASSES` times over; then
    every article's W by ``transform``, partition by partition (on ``partition_map``: a cluster's
    workers may do it). Deterministic: a fixed order, a fixed seed, a fixed number of passes.

    - **Start.** H starts as the exact NMF (:func:`fit_nmf`, nndsvda) of a seeded sample of
      :data:`PARTITION_DOCS` rows drawn from the whole corpus (the first partition alone may be
      one week or one desk), its zeros raised to a tenth of its mean (multiplicative updates
      keep a zero at zero).
    - **Forgetting.** ``partial_fit`` sees one partition at a time; its forget factor is set so
      that a step weighs what came before as ``MiniBatchNMF.fit`` over the whole matrix would
      (0.7 to the power of partition / corpus), not as if each partition were the corpus.

    Returns:
        (W, H, model) scaled as :func:`fit_nmf` scales them (rows of H of unit length).
    """
    from sklearn.decomposition import MiniBatchNMF
    from sklearn.exceptions import ConvergenceWarning

    n_docs = sum(P.shape[0] for P in parts)
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n_docs, size=min(n_docs, max(PARTITION_DOCS, k)), replace=False))
    _, H0, _ = factorise.fit_nmf(gather_rows(parts, columns, idf, sample), k, seed)
    H0 = np.maximum(H0, 0).astype(np.float32)
    # MiniBatchNMF's multiplicative updates never move an entry away from zero: the terms the
    # sample's themes left out start at a tenth of the mean instead, so the partitions can add them.
    H0[H0 == 0] = H0.mean() / 10
    batch = parts[0].shape[0]
    nmf = MiniBatchNMF(
        n_components=k,
        init="custom",
        batch_size=batch,
        forget_factor=0.7 ** (batch / n_docs),
        random_state=seed,
        tol=0.0,
        max_no_improvement=None,
    )
    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        for _ in range(MINIBATCH_PASSES):
            for P in parts:
                X = tfidf_rows(P, columns, idf)
                nmf.partial_fit(X, W=np.ones((X.shape[0], k), dtype=np.float32), H=H0)
                del X
    # transform needs the components, not partial_fit's running sums (two more arrays of H's size,
    # which made every partition sent to a cluster ~10 MB instead of ~3 at 26,000 terms).
    slim = copy.copy(nmf)
    for running in ("_components_numerator", "_components_denominator"):
        if hasattr(slim, running):
            delattr(slim, running)
    W = np.vstack(list(partition_map(partial(_partition_w, columns=columns, idf=idf, nmf=slim), parts)))
    H = nmf.components_
    norms = np.linalg.norm(H, axis=1)
    safe = np.where(norms > 0, norms, 1.0)
    return W * safe, H / safe[:, None], nmf
