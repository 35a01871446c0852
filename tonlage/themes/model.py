"""The theme model: TF-IDF + NMF over the articles' theme words, with labels and a stability measure.

See :mod:`tonlage.themes` for the method; this module fits it (:class:`ThemeModel`), places new
articles in fitted themes (:meth:`ThemeModel.transform`) and measures how stable each theme is.
"""

from __future__ import annotations

import logging
import math
import time
from functools import partial

import numpy as np
from scipy import sparse

from .. import settings
from ..thresholds import THEME_UNSTABLE_BELOW
from . import factorise, partitions
from .labels import class_tfidf, dedupe_labels, distinct_terms, distinguishing_order, readable_label
from .terms import default_n_themes, shown_term

log = logging.getLogger(__name__)

# A theme whose articles come back together less than this is called unstable (the figure and
# where it comes from: tonlage.thresholds).
UNSTABLE_BELOW = THEME_UNSTABLE_BELOW
# Iterations of a stability refit (random start). A refit only has to find the groups, not
# polish them: on the tuning half of the desk-labelled articles, 50 iterations against 300 moved
# the mean stability by 0.04 (one theme by 0.14) and kept its correlation with how pure a theme
# is in desks at 0.73 (0.80), for a sixth of the cost (10,000 articles: +0.6 s against +2.7 s CPU).
REFIT_MAX_ITER = 50


class ThemeModel:
    """TF-IDF + NMF theme model with readable labels and a stability measure.

    Args:
        n_themes: Number of themes; ``None`` picks :func:`default_n_themes`.
        random_state: Seed passed to NMF and the stability refits; the same input gives the
            same themes.
        max_features: Vocabulary cap, bounding memory on large corpora.
        n_terms: Top terms kept per theme.
        stability_runs: Refits used to measure stability (0 skips the measure; ``stability_``
            is then NaN).
        stability_sample: Most articles one refit uses. Each refit takes a random 80 % of the
            articles, at most this many, so its cost is bounded on very large corpora.
        neighbour_weight: In the quality mode (``fit(..., embeddings=...)``), the part of an
            article's weights taken from its neighbours: one half, its own words and its
            neighbourhood counting alike.
        matrix_budget: Bytes the TF-IDF matrix may take (data and indices); above it the themes
            are fitted in partitions. ``None``: :func:`tonlage.settings.theme_matrix_budget`.
    """

    def __init__(
        self,
        n_themes: int | None = None,
        *,
        random_state: int = 0,
        max_features: int = 50_000,
        n_terms: int = 10,
        stability_runs: int = 2,
        stability_sample: int = 5_000,
        neighbour_weight: float = 0.5,
        matrix_budget: int | None = None,
    ):
        self.n_themes = n_themes
        self.random_state = random_state
        self.max_features = max_features
        self.n_terms = n_terms
        self.stability_runs = stability_runs
        self.stability_sample = stability_sample
        self.neighbour_weight = neighbour_weight
        self.matrix_budget = matrix_budget

    def _limits(self, n_docs: int) -> tuple[int, float]:
        # Tiny corpora keep every term (min_df=1); large ones drop one-off terms and words found
        # in most articles, which name the corpus's subject rather than a theme.
        min_df = 1 if n_docs < 20 else 2 if n_docs < 2_000 else 5
        max_df = 1.0 if n_docs < 4 else 0.95 if n_docs < 20 else 0.7
        return min_df, max_df

    def _counts(self, docs, rename, partition_map=map):
        """Document × term counts (:meth:`_count_parts` stacked into one matrix)."""
        parts, names = self._count_parts(docs, rename, partition_map)
        if not parts:
            return None, names
        C = sparse.vstack(parts, format="csr")
        C.sort_indices()
        return C, names

    def _count_parts(self, docs, rename, partition_map=map):
        """Document × term counts, with features renamed/merged and rare/ubiquitous terms cut,
        as one matrix per partition of :data:`partitions.PARTITION_DOCS` documents.

        Two passes over partitions of the documents, so that the partitions can be counted
        where they are: each partition's own counts and feature names
        (:func:`partitions.partition_counts`); then, once the corpus's vocabulary and its renaming are
        known, each partition's counts under the merged names, whose document frequencies and
        term counts add up over the partitions (:func:`merged_counts`) to decide the vocabulary
        (document-frequency limits, ``max_features``). Stacked, the partitions equal counting
        the whole corpus at once, cell for cell: the same themes for the same vocabulary and seed.

        Args:
            partition_map: ``map`` or an equivalent that may run the partitions elsewhere.

        Returns:
            (the partitions' count matrices in document order, their column names); no
            partitions for an empty vocabulary.
        """
        self.renamed_ = {}
        n_docs = len(docs)
        parts = [docs[i : i + partitions.PARTITION_DOCS] for i in range(0, n_docs, partitions.PARTITION_DOCS)]
        first = list(partition_map(partitions.partition_counts, partitions.drain(parts)))
        raw_names = sorted(set().union(*(names for _, names in first)))
        if not raw_names:  # empty vocabulary: nothing to theme
            return [], np.array([], dtype=object)
        renamed = rename(raw_names) if rename is not None else raw_names
        names = np.asarray(sorted({n for n in renamed if n is not None}), dtype=object)
        index = {n: i for i, n in enumerate(names)}
        target = {raw: index[new] for raw, new in zip(raw_names, renamed) if new is not None}
        # Each first-pass partition is let go once merged (with ``map``): on 100,000 documents
        # both passes' counts and name lists at once were the fit's peak.
        second = list(
            partition_map(
                partial(partitions.merged_counts_of, target=target, n_targets=len(names)), partitions.drain(first)
            )
        )
        df = np.sum([d for _, d, _ in second], axis=0, dtype=np.int64)
        tf = np.sum([t for _, _, t in second], axis=0, dtype=np.int64)
        min_df, max_df = self._limits(n_docs)
        keep = (df >= min_df) & (df <= max_df * n_docs)
        if keep.sum() > self.max_features:
            ranked = np.argsort(-np.where(keep, tf, -1), kind="stable")[: self.max_features]
            keep = np.zeros_like(keep)
            keep[ranked] = True
        cols = np.flatnonzero(keep)
        if rename is not None:  # for transform(): how a new document's single terms are renamed
            self.renamed_ = {raw: new for raw, new in zip(raw_names, renamed) if new != raw and " " not in raw and new}
        out = []
        while second:  # each partition's full counts let go as its kept columns are taken
            M = second.pop(0)[0][:, cols].tocsr()
            M.sort_indices()
            out.append(M)
        return out, names[cols]

    def fit(
        self, docs: list[list[str]], rename=None, embeddings: np.ndarray | None = None, partition_map=map
    ) -> ThemeModel:
        """Fit on documents given as lists of features (see :func:`sentence_features`).

        Args:
            docs: One list of features (terms and bigrams) per document.
            rename: Optional function from the list of feature names to new names (or ``None``
                to drop a feature); features renamed alike are merged before weighting. The
                pipeline folds genitives this way, once per feature instead of once per token.
            embeddings: Optional unit-length document embeddings (one row per document) for
                the quality mode: each document's weights are then half its own and half the
                mean of its nearest neighbours' (:func:`neighbour_smoothing`). Labels still come
                from the documents' own words. Not used when the themes are fitted in
                partitions (``smoothing_skipped_`` is then True): an article's neighbours may
                be in any partition.
            partition_map: ``map`` or an equivalent that may run the partitions elsewhere (a
                Dask cluster): above the budget, each partition's shares (``transform``).

        When the TF-IDF matrix would take more than the budget (``matrix_budget``, else
        :func:`tonlage.settings.theme_matrix_budget`), the themes are fitted with scikit-learn's
        ``MiniBatchNMF`` over the partitions instead (:func:`partitions.fit_partitions`): the same
        documents, partitions and seed give the same themes, here or on a cluster.

        Learned attributes: ``vocabulary_`` (feature names, bigrams included), ``nmf_``,
        ``shares_`` (n_docs × n_themes, rows sum to 1 or are all zero), ``terms_`` and
        ``term_weights_`` (c-TF-IDF, per theme), ``labels_``, ``n_themes_``, ``nmf_terms_``
        (top single terms of each NMF component), ``stability_`` (per theme, 0..1, NaN when
        not measured), ``stability_seconds_`` (what measuring it cost), ``fit_method_``
        ("exact" or "partitions"), ``fit_parts_`` (partitions fitted over, 1 when exact),
        ``matrix_bytes_`` (the TF-IDF matrix's size, data and indices, made or not),
        ``smoothing_skipped_``.
        """
        n_docs = len(docs)
        k = self.n_themes or default_n_themes(n_docs)
        # Counted here even with a cluster: sending the features took longer than counting them
        # (50,000 generated documents: 3.2 s here, 7.5 s on a local cluster of two workers).
        parts, vocabulary = self._count_parts(docs, rename) if n_docs else ([], np.array([], dtype=object))
        self.vocabulary_: np.ndarray = vocabulary
        self.fit_method_, self.fit_parts_, self.matrix_bytes_, self.smoothing_skipped_ = "exact", 1, 0, False
        if not parts or parts[0].shape[1] == 0:
            self._fit_empty(n_docs)
            return self
        # Fit on single terms; bigrams only help name the themes (see the module docstring).
        single = np.fromiter((" " not in v for v in self.vocabulary_), dtype=bool, count=len(self.vocabulary_))
        self.fit_columns_ = np.flatnonzero(single) if single.any() else np.arange(len(self.vocabulary_))
        fitted = np.zeros(len(self.vocabulary_), dtype=bool)
        fitted[self.fit_columns_] = True
        df = np.zeros(len(self.vocabulary_), dtype=np.int64)
        for P in parts:
            df += np.bincount(P.indices, minlength=len(df))
        self.matrix_bytes_ = partitions.tfidf_bytes(int(df[fitted].sum()))
        budget = self.matrix_budget if self.matrix_budget is not None else settings.theme_matrix_budget()
        k = max(1, min(k, n_docs, len(self.fit_columns_)))
        if self.matrix_bytes_ <= budget:
            from sklearn.feature_extraction.text import TfidfTransformer

            C = sparse.vstack(parts, format="csr")
            del parts
            C.sort_indices()
            tfidf = TfidfTransformer(sublinear_tf=True)
            X = tfidf.fit_transform(C[:, self.fit_columns_]).astype(np.float32)
            self.idf_ = tfidf.idf_
            if embeddings is not None and n_docs > 2:
                X = neighbour_smoothing(X, embeddings, weight=self.neighbour_weight)
            W, H, self.nmf_ = factorise.fit_nmf(X, k, self.random_state)
            counts, rows_of = [C], X.__getitem__
        else:
            # Above the budget the whole TF-IDF matrix is never made: each partition's rows are
            # made from the corpus's IDF when a step needs them, and let go (partitions.fit_partitions).
            self.idf_ = partitions.smooth_idf(df[self.fit_columns_], n_docs)
            self.fit_method_, self.fit_parts_ = "partitions", len(parts)
            self.smoothing_skipped_ = embeddings is not None
            W, H, self.nmf_ = partitions.fit_partitions(
                parts, self.fit_columns_, self.idf_, k, self.random_state, partition_map
            )
            counts, rows_of = parts, partial(partitions.gather_rows, parts, self.fit_columns_, self.idf_)
        # Order themes by their share of the text, summed over the articles, so theme 0 is the
        # largest, every run the same: the measure the reader sees beside the numbers ("Share %",
        # the bars of the largest themes). By the raw weights instead, theme 11 came before theme
        # 10 in those bars at 100,000 articles: a long article's weights count more than a short
        # one's, its shares no more.
        totals = W.sum(axis=1, keepdims=True)
        shares = np.divide(W, totals, out=np.zeros_like(W), where=totals > 0)
        order = np.lexsort((np.arange(k), -shares.sum(axis=0)))
        W, H, self.shares_ = W[:, order], H[order], shares[:, order]
        self.components_ = H  # unit rows, in theme order (see transform)
        fit_vocab = self.vocabulary_[self.fit_columns_]
        self.nmf_terms_ = [tuple(str(fit_vocab[i]) for i in _top(row, self.n_terms)) for row in H]
        scores = class_tfidf(counts, self.shares_)
        self.terms_, self.term_weights_, self.labels_ = [], [], []
        for row in scores:
            top = _top(row, self.n_terms * 3)
            terms = distinct_terms([str(self.vocabulary_[i]) for i in top])[: self.n_terms]
            weight = {str(self.vocabulary_[i]): float(row[i]) for i in top}
            self.terms_.append(tuple(terms))
            self.term_weights_.append(tuple(weight[t] for t in terms))
        # named by the words that set each theme apart, not by those every theme shares
        self.labels_ = [
            readable_label(terms, weights=weights)
            for terms, weights in distinguishing_order(self.terms_, self.term_weights_)
        ]
        self.labels_ = dedupe_labels(self.labels_, self.terms_)
        # What the reader sees: a name kept as one term with its spaces (the vocabulary keeps the joiner).
        self.nmf_terms_ = [tuple(map(shown_term, ts)) for ts in self.nmf_terms_]
        self.terms_ = [tuple(map(shown_term, ts)) for ts in self.terms_]
        self.labels_ = [shown_term(label) for label in self.labels_]
        self.n_themes_ = k
        started = time.perf_counter()
        self.stability_, self.stability_runs_ = self._stability(rows_of, n_docs, W)
        self.stability_seconds_ = time.perf_counter() - started
        return self

    def transform(self, docs: list[list[str]]) -> np.ndarray:
        """Theme shares of new documents under the fitted themes (rows sum to 1 or are 0).

        A document's features are renamed as in the fit (genitives folded) and counted over the
        fitted terms only; its TF-IDF row (the fit's IDF) is then the non-negative combination
        of the themes' term rows that comes closest to it (least squares, solved per document:
        the same document always gets the same shares, whatever is transformed with it).
        """
        k = self.n_themes_
        out = np.zeros((len(docs), k))
        if not k or not len(docs):
            return out
        fit_vocab = self.vocabulary_[self.fit_columns_]
        index = {str(v): j for j, v in enumerate(fit_vocab)}
        renamed = getattr(self, "renamed_", {})
        rows, cols = [], []
        for i, doc in enumerate(docs):
            for f in doc:
                j = index.get(renamed.get(f, f))
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        C = sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(docs), len(fit_vocab)))
        C.sum_duplicates()
        C.data = 1.0 + np.log(C.data)  # sublinear term frequency, as TfidfTransformer(sublinear_tf=True)
        X = C.multiply(self.idf_[None, :]).tocsr()
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        X = sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ X
        X = X.astype(np.float32).astype(np.float64)  # the fit's precision
        from scipy.linalg import solve_triangular
        from scipy.optimize import nnls

        H = np.asarray(self.components_, dtype=np.float64)
        # min ||x - w H|| over w >= 0 through the Gram matrix: with H H^T = L L^T it is
        # min ||L^T w - L^-1 H x||, a k-by-k problem per document.
        L = np.linalg.cholesky(H @ H.T + 1e-12 * np.eye(k))
        B = np.asarray(X @ H.T)  # documents × themes: H x of each document
        for i in range(len(docs)):
            if X.indptr[i] == X.indptr[i + 1]:
                continue  # no fitted term: no theme
            w, _ = nnls(L.T, solve_triangular(L, B[i], lower=True))
            total = w.sum()
            if total > 0:
                out[i] = w / total
        return out

    def _stability(self, rows_of, n_docs: int, W) -> tuple[np.ndarray, int]:
        """Per theme: mean over refits of the best-match Jaccard of its articles.

        Each refit takes a seeded random 80 % of the articles (at most ``stability_sample``)
        and another seed, the way a slightly different corpus would. A theme's articles are
        those whose main theme it is; among the refit's articles, its set is compared with
        every theme of the refit and the best overlap counts. A theme that is a real grouping
        comes back with the same articles; one that splits a subject arbitrarily, or is made by
        the seed, does not. (Top words were tried instead: split themes keep their words, so
        they looked stable.) ``rows_of(rows)`` gives those rows of the TF-IDF matrix: the
        refits need a sample's rows only, so they work alike when the themes were fitted in
        partitions.
        """
        k = W.shape[1]
        if self.stability_runs < 1 or n_docs < 3:
            return np.full(k, np.nan), 0
        if k == 1:
            return np.ones(1), 0
        main = _main_theme(W)
        rng = np.random.default_rng(self.random_state)
        size = max(2, min(round(0.8 * n_docs), self.stability_sample))
        total = np.zeros(k)
        for run in range(self.stability_runs):
            rows = np.sort(rng.choice(n_docs, size=size, replace=False))
            W2, _, _ = factorise.fit_nmf(
                rows_of(rows), min(k, size), self.random_state + 1 + run, init="random", max_iter=REFIT_MAX_ITER
            )
            own, other = main[rows], _main_theme(W2)
            groups = [set(np.flatnonzero(other == j)) for j in range(W2.shape[1])]
            for t in range(k):
                mine = set(np.flatnonzero(own == t))
                total[t] += max(_jaccard(mine, g) for g in groups) if mine else 0.0
        return total / self.stability_runs, self.stability_runs

    def _fit_empty(self, n_docs: int) -> None:
        self.nmf_ = None
        self.shares_ = np.zeros((n_docs, 0))
        self.terms_, self.term_weights_, self.labels_, self.nmf_terms_ = [], [], [], []
        self.stability_, self.stability_runs_, self.stability_seconds_ = np.zeros(0), 0, 0.0
        self.fit_columns_ = np.zeros(0, dtype=np.int64)
        self.n_themes_ = 0


def _main_theme(W: np.ndarray) -> np.ndarray:
    """Each article's largest theme, -1 for an article without any."""
    return np.where(W.sum(axis=1) > 0, W.argmax(axis=1), -1)


def _top(row: np.ndarray, n: int) -> list[int]:
    """Indices of the ``n`` largest positive entries, largest first (ties by index)."""
    top = np.argsort(-row, kind="stable")[:n]
    return [int(i) for i in top if row[i] > 0]


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def n_neighbours(n_docs: int) -> int:
    """Neighbours each article borrows from in the quality mode: the square root of the corpus
    size (a common size for k-nearest-neighbour graphs), between 5 and 30."""
    return int(min(30, max(5, round(math.sqrt(n_docs)))))


def neighbour_smoothing(
    X, embeddings: np.ndarray, *, weight: float = 0.5, k: int | None = None, block: int | None = None
):
    """Each row of ``X`` mixed with the mean row of its ``k`` nearest neighbours by embedding.

    ``(1 - weight) * X + weight * mean(X[neighbours])``: an article keeps its own words and
    borrows those of the articles that say the same thing in other words, so NMF groups
    articles by subject rather than by shared vocabulary alone.

    Args:
        X: Documents × terms (sparse), rows of unit length.
        embeddings: Documents × dimensions, rows of unit length (cosine = dot product).
        weight: The neighbours' part, 0..1.
        k: Neighbours per document (default :func:`n_neighbours`).
        block: Documents compared at a time, bounding memory to ``block × n`` similarities
            (default: 8 million similarities, 32 MB, with about three times that in temporaries).

    Returns:
        The smoothed matrix (sparse, float32).
    """
    n = X.shape[0]
    k = min(k or n_neighbours(n), n - 1)
    if k < 1 or weight <= 0:
        return X
    E = np.asarray(embeddings, dtype=np.float32)
    block = block or max(64, (1 << 23) // n)
    cols = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, block):
        stop = min(n, start + block)
        sims = E[start:stop] @ E.T
        sims[np.arange(stop - start), np.arange(start, stop)] = -np.inf  # not one's own neighbour
        part = np.argpartition(sims, n - k, axis=1)[:, n - k :]  # the k largest, in no order
        # Sorted by similarity, ties by index: the same neighbours on every run.
        order = np.lexsort((part, -np.take_along_axis(sims, part, axis=1)), axis=1)
        cols[start:stop] = np.take_along_axis(part, order, axis=1)
    M = sparse.csr_matrix(
        (np.full(n * k, 1.0 / k, dtype=np.float32), (np.repeat(np.arange(n), k), cols.ravel())), shape=(n, n)
    )
    return ((1.0 - weight) * X + weight * (M @ X)).astype(np.float32).tocsr()
