"""The themes' NMF: scikit-learn's, and for large corpora the same updates in bands on two threads.

The two give the same W and H (tests/engine/test_themes.py compares them with sklearn's NMF);
:class:`_Pace` keeps whichever was faster so far.
"""

from __future__ import annotations

import logging
import time
import warnings
from functools import lru_cache

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

# scikit-learn is imported where a fit needs it: an add that keeps the themes fits none, and
# importing it took 0.6-0.9 s of every analysis's start.

log = logging.getLogger(__name__)


def fit_nmf(X, k: int, seed: int, init: str = "nndsvda", max_iter: int = 300):
    """NMF of ``X`` into ``k`` themes: (W, H, model) with W scaled so that a theme's weight in
    an article is its part of the article's term weights (rows of H have unit length).

    Without the scaling, W's columns are in arbitrary units (NMF can move a factor between W
    and H), so the largest raw W entry picks themes whose terms happen to be spread thin.
    """
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning

    nmf = NMF(n_components=k, init=init, random_state=seed, max_iter=max_iter, tol=NMF_TOL)
    # One BLAS thread: coordinate descent makes many small matrix products, and a thread pool
    # only synchronises for them. On two busy cores the default pool made a fit of 10,000
    # articles take 3-11 s instead of 1.9 s, and random-start refits 50 s instead of 5 s. One
    # thread also makes the result independent of the number of cores.
    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        # Tiny corpora can stop before tol is reached; the factorisation is still usable.
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        if sparse.issparse(X) and X.shape[0] >= NMF_SPLIT_FROM and sklearn_cd() is not None:
            W, H, nmf.n_iter_ = coordinate_descent(X.tocsr(), k, seed, init, max_iter, NMF_TOL)
            nmf.components_, nmf.n_components_, nmf.n_features_in_ = H, k, X.shape[1]
        else:
            W = nmf.fit_transform(X)
    H = nmf.components_
    norms = np.linalg.norm(H, axis=1)
    safe = np.where(norms > 0, norms, 1.0)
    return W * safe, H / safe[:, None], nmf


# Stopping tolerance of the NMF's coordinate descent: on 10,000 articles 1e-3 takes a third of
# the time of 1e-4 for the same reconstruction error to three digits.
NMF_TOL = 1e-3
# Corpora of at least this many articles have their NMF run in bands of rows on NMF_THREADS
# threads (coordinate_descent); smaller ones go through sklearn's NMF, whose iterations take
# too little time to share. The same W and H either way.
NMF_SPLIT_FROM = 2_000
# Bands (and threads) of the NMF of large corpora: the corpus-wide steps otherwise leave all but
# one core idle. A constant, not the machine's number of cores: the bands decide in which order
# the stopping test adds up, so a fixed number gives every machine the same iterations.
NMF_THREADS = 2


@lru_cache(maxsize=1)
def sklearn_cd():
    """sklearn's NMF initialisation and its coordinate update (Cython), which
    :func:`coordinate_descent` runs in bands: (initialise, update), or None when this sklearn
    has them no more (both are internal to sklearn, though unchanged for years; constraints.txt
    pins the version tested, and tests/engine/test_themes.py compares the result with sklearn's
    NMF bit for bit). Without them the fit is sklearn's NMF on one thread: the same themes."""
    try:
        from sklearn.decomposition._cdnmf_fast import _update_cdnmf_fast
        from sklearn.decomposition._nmf import _initialize_nmf
    except ImportError:
        log.warning("sklearn's NMF internals not found: the themes' NMF runs on one thread")
        return None
    return _initialize_nmf, _update_cdnmf_fast


def _row_blocks(M: sparse.csr_matrix, parts: int, k: int) -> list[tuple[int, int, sparse.csr_matrix]]:
    """``M`` cut into ``parts`` bands of rows of about equal work in :func:`coordinate_descent`
    (a row's non-zeros for the product, ``k`` for its updates): (first row, end row, the band
    as a CSR matrix sharing ``M``'s arrays, not a copy)."""
    work = M.indptr + k * np.arange(M.shape[0] + 1)
    bounds = np.searchsorted(work, np.linspace(0, work[-1], parts + 1)[1:-1], side="left")
    edges = [0, *sorted({int(b) for b in bounds if 0 < b < M.shape[0]}), M.shape[0]]
    blocks = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        a, b = int(M.indptr[lo]), int(M.indptr[hi])
        band = sparse.csr_matrix((hi - lo, M.shape[1]), dtype=M.dtype)
        band.data, band.indices, band.indptr = M.data[a:b], M.indices[a:b], M.indptr[lo : hi + 1] - a
        band.has_sorted_indices = M.has_sorted_indices
        blocks.append((lo, hi, band))
    return blocks


def _update(A: np.ndarray, other: np.ndarray, bands, permutation: np.ndarray, pool=None) -> float:
    """One pass of sklearn's coordinate updates over the rows of ``A`` (W, or H transposed) given
    ``other`` (H transposed, or W), ``M`` being X or X.T cut into ``bands`` (:func:`_row_blocks`):
    each band's part of the product ``M @ other`` and the updates of its rows, one band in this
    thread and the others on ``pool``'s (without a pool, one after the other). A row of the
    product is computed as in ``M @ other``, and a row's updates read only that row and the Gram
    matrix, so every entry comes out as in sklearn's single pass (scipy's sparse product and
    sklearn's Cython update release the GIL). One hand-over per pass: on a busy machine each
    costs a wake-up. Returns the summed projected gradient, the stopping test's measure."""
    update = sklearn_cd()[1]
    gram = np.dot(other.T, other)

    def one(block) -> float:
        lo, hi, band = block
        return update(A[lo:hi], gram, band @ other, permutation)

    if pool is None:  # the same bands one after the other, the same sums
        return float(sum(one(block) for block in bands))
    rest = [pool.submit(one, block) for block in bands[1:]]
    return float(one(bands[0]) + sum(f.result() for f in rest))


class _Pace:
    """Whether the next iteration of :func:`coordinate_descent` runs its bands on threads or one
    after the other: the faster so far. Each hand-over between threads costs a wake-up, which on
    a machine whose cores are all busy (other programs, other analyses) takes milliseconds and
    made threaded fits of 10,000 articles slower than one thread (10 s against 7 s on two
    loaded cores; 4 s on a free one). The way is tried anew every :data:`PROBE_EVERY` iterations,
    as the load changes. The bands and their sums are the same either way, so is the result."""

    PROBE_EVERY = 12

    def __init__(self) -> None:
        self.seconds: dict[bool, float | None] = {True: None, False: None}

    def threaded(self, n_iter: int) -> bool:
        """For iteration ``n_iter`` (from 1): threads first, one thread second, then the faster,
        with the other tried once every PROBE_EVERY iterations."""
        threads, one = self.seconds[True], self.seconds[False]
        if threads is None or one is None:
            return threads is None
        best = threads <= one
        return (not best) if n_iter % self.PROBE_EVERY == 0 else best

    def took(self, threaded: bool, seconds: float) -> None:
        old = self.seconds[threaded]
        self.seconds[threaded] = seconds if old is None else 0.5 * (old + seconds)


def coordinate_descent(X: sparse.csr_matrix, k: int, seed: int, init: str, max_iter: int, tol: float):
    """sklearn's NMF (coordinate descent, Frobenius loss, no regularisation, no shuffling) of ``X``
    on :data:`NMF_THREADS` threads: sklearn's initialisation, its coordinate updates (its own
    ``_update_cdnmf_fast``) and its stopping test, with each half-iteration (the product
    ``X @ H.T`` and the updates of W's rows; ``X.T @ W`` and those of H's) cut into bands of rows,
    one per thread (:func:`_update`). Every entry of W and H is computed as sklearn computes it,
    so the factors are the same bit for bit; only the stopping test's sum of projected gradients
    (float32) is added up in :data:`NMF_THREADS` parts, which may change its last bits. The
    bands are fixed by :data:`NMF_THREADS`, not by the machine, so the same input and seed always
    give the same result.

    Returns:
        (W, H, iterations).
    """
    from concurrent.futures import ThreadPoolExecutor

    W, H = sklearn_cd()[0](X, k, init=init, random_state=seed)
    W = np.ascontiguousarray(W)
    Ht = np.ascontiguousarray(H.T)
    # sklearn multiplies by X.T as a CSC view; its CSR copy gives every row of the product the
    # same sums in the same order, and can be cut into bands of rows.
    X_bands, XT_bands = _row_blocks(X, NMF_THREADS, k), _row_blocks(X.T.tocsr(), NMF_THREADS, k)
    permutation = np.arange(k, dtype=np.intp)
    violation_init = 0.0
    n_iter = 0
    with ThreadPoolExecutor(max(1, NMF_THREADS - 1), thread_name_prefix="nmf") as pool:
        pace = _Pace()
        for n_iter in range(1, max_iter + 1):
            threaded = pace.threaded(n_iter)
            started = time.perf_counter()
            violation = 0.0
            violation += _update(W, Ht, X_bands, permutation, pool if threaded else None)
            violation += _update(Ht, W, XT_bands, permutation, pool if threaded else None)
            pace.took(threaded, time.perf_counter() - started)
            if n_iter == 1:
                violation_init = violation
            if violation_init == 0 or violation / violation_init <= tol:
                break
    return W, Ht.T, n_iter
