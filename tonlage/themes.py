"""Themes: TF-IDF over lemmas factorised by NMF, named by class-based TF-IDF.

- **Features.** Every article gives its nouns and names (lemmas; see :func:`content_terms`)
  and the pairs of them that stood side by side (bigrams). Stopwords include page furniture,
  agency names and calendar words from ``data/theme_stopwords.txt`` (:func:`theme_stopwords`);
  short credit lines ("Foto: Imago/Name") add nothing.
- **Fit.** Sublinear term frequency, IDF and document-frequency limits that adapt to the corpus
  size (:meth:`ThemeModel._limits`), over single terms only: bigrams repeat their words and
  pull articles that share one name together (on the tuning half of the desk-labelled
  articles single terms scored NMI 0.49 against 0.47 with bigrams). NMF then splits the
  articles into themes; an article's share of a theme is that theme's part of its weights.
- **Labels.** Class-based TF-IDF (c-TF-IDF) over the articles of each theme (weighted by their
  share), bigrams included: the words that set a theme apart from the others, not the words
  that are merely frequent everywhere. Two to three terms, no term repeating another
  ("Putin · Putins", "EU · EU-Kommission").
- **Stability.** The model is refitted on subsamples with other seeds; a theme's stability is
  how much of its articles come back together (best-match Jaccard, averaged over the refits).
- **Quality mode** (optional): with document embeddings from :mod:`tonlage.encoder`, each
  article borrows half its weights from its nearest neighbours before NMF
  (:func:`neighbour_smoothing`).
- **Large corpora.** When the TF-IDF matrix would take more than its budget
  (``TONLAGE_THEME_MATRIX_MB``, :func:`tonlage.settings.theme_matrix_budget`), it is never made
  whole: scikit-learn's ``MiniBatchNMF`` learns the themes partition by partition, each
  partition's rows made from the corpus's vocabulary and IDF and let go
  (:func:`_fit_partitions`); labels, stability and :meth:`ThemeModel.transform` work from the
  partitions alike. An approximation of the exact fit; ``fit_method_`` says which was used.

The document-term settings adapt to the corpus size so the same code works for five
articles and for a hundred thousand.
"""

from __future__ import annotations

import copy
import logging
import math
import time
import warnings
from functools import lru_cache, partial
from pathlib import Path

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

# scikit-learn (and scipy's optimiser) are imported where a fit or a transform needs them: an add
# that keeps the themes fits none, and importing them took 0.6-0.9 s of every analysis's start.
from . import settings
from .thresholds import MINIBATCH_PASSES, THEME_UNSTABLE_BELOW

__all__ = [
    "THEME_STOPWORDS_FILE",
    "n_neighbours",
    "neighbour_smoothing",
    "UNSTABLE_BELOW",
    "TermTable",
    "ThemeModel",
    "class_tfidf",
    "content_terms",
    "credit_markers",
    "default_n_themes",
    "german_stopwords",
    "is_credit_line",
    "merge_phrases",
    "readable_label",
    "sentence_features",
    "theme_stopwords",
]

log = logging.getLogger(__name__)

# The reader-editable list of words that never name a theme (see the file's header).
THEME_STOPWORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "theme_stopwords.txt"
# A theme whose articles come back together less than this is called unstable (the figure and
# where it comes from: tonlage.thresholds).
UNSTABLE_BELOW = THEME_UNSTABLE_BELOW
# Iterations of a stability refit (random start). A refit only has to find the groups, not
# polish them: on the tuning half of the desk-labelled articles, 50 iterations against 300 moved
# the mean stability by 0.04 (one theme by 0.14) and kept its correlation with how pure a theme
# is in desks at 0.73 (0.80), for a sixth of the cost (10,000 articles: +0.6 s against +2.7 s CPU).
REFIT_MAX_ITER = 50
# A credit or caption line is short: "Foto: Imago / Max Muster" has five tokens.
CREDIT_LINE_MAX_TOKENS = 8


def _read_word_file(path: Path) -> dict[str, frozenset[str]]:
    """Sections of a word file ("[name]" headers, one word a line, "#" comments), lower-cased."""
    sections: dict[str, set[str]] = {}
    current = ""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        log.warning("theme stopword file %s cannot be read; using the general stopwords only", path)
        return {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip().lower()
            continue
        sections.setdefault(current, set()).add(line.casefold())
    return {name: frozenset(words) for name, words in sections.items()}


@lru_cache(maxsize=4)
def _word_file(path: str) -> dict[str, frozenset[str]]:
    return _read_word_file(Path(path))


def theme_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """Furniture, agency and calendar words (every section of ``data/theme_stopwords.txt``
    except ``[credit]``), lower-cased. For themes only."""
    sections = _word_file(str(path or THEME_STOPWORDS_FILE))
    return frozenset().union(*(w for name, w in sections.items() if name != "credit"))


def credit_markers(path: str | Path | None = None) -> frozenset[str]:
    """Words that mark a credit or caption line (the ``[credit]`` section), lower-cased."""
    return _word_file(str(path or THEME_STOPWORDS_FILE)).get("credit", frozenset())


def is_credit_line(tokens: list[str], markers: frozenset[str]) -> bool:
    """True for a short sentence with a credit marker ("Foto: Imago/Max Muster"): its words are
    a photographer's or agency's name, never the article's subject.

    Args:
        tokens: The sentence's tokens as written.
        markers: Marker words as :func:`credit_markers` gives them (lower-case); they are matched
            as written, capitalised or in capitals ("foto", "Foto", "FOTO").
    """
    if not 0 < len(tokens) <= CREDIT_LINE_MAX_TOKENS:
        return False
    return not _marker_forms(markers).isdisjoint(tokens)


@lru_cache(maxsize=8)
def _marker_forms(markers: frozenset[str]) -> frozenset[str]:
    # A set intersection at C speed instead of case-folding every token of every short sentence.
    return frozenset(f for m in markers for f in (m, m.capitalize(), m.upper()))


@lru_cache(maxsize=1)
def german_stopwords() -> frozenset[str]:
    """German stopwords (stopwordsiso, MIT), news boilerplate verbs and the furniture, agency and
    calendar words of :func:`theme_stopwords`; lower-case. For TF-IDF only: tone scoring must
    never drop these (they contain nicht, kein, gut)."""
    import stopwordsiso

    words = set(stopwordsiso.stopwords("de"))
    words |= {
        "sagen",
        "sagte",
        "erklären",
        "betonen",
        "heißen",
        "geben",
        "gehen",
        "kommen",
        "machen",
        "lassen",
        "sollen",
        "können",
        "müssen",
        "wollen",
        "werden",
        "sein",
        "haben",
        "bereits",
        "etwa",
        "derzeit",
        "worden",
        "wurde",
        "wurden",
        "jahr",
        "jahre",
        "jahren",
        "uhr",
        "prozent",
        "dass",
        "daß",
        "erst",
        "schon",
        "mal",
        "all",
        "beid",
        "welch",
        "jen",
        "ander",
    }
    words |= theme_stopwords()
    return frozenset(words)


def content_terms(lemmas: list[str], stopwords: frozenset[str]) -> list[str | None]:
    """Lemmas worth counting for themes: nouns and names, not stopwords; others become ``None``.

    German capitalises nouns, and the lemmatiser lower-cases verbs and adjectives even at the
    start of a sentence, so a capitalised lemma is a noun or a name. Themes made of nouns read
    as subjects ("Waffenruhe · Isolation"), not as "stellen · vergangen". Dropped words leave a
    gap (``None``) so that bigrams only join words that stood side by side.
    """
    return [
        lem if len(lem) > 1 and lem[0].isupper() and lem.lower() not in stopwords and not lem.endswith("-") else None
        for lem in lemmas
    ]


def merge_phrases(
    lemmas: list[str], phrases: dict[tuple[str, ...], str], starts: frozenset[str] | None = None
) -> list[str]:
    """Replace multi-word names ("Vereinigte Staat", "Marco Rubio") by one canonical term.

    Args:
        lemmas: One sentence's lemmas.
        phrases: Lemma tuples (2 or 3 long) mapped to the term that replaces them.
        starts: First words of the phrases; pass it when calling per sentence, so sentences
            without any phrase start return at C speed.
    """
    if starts is None:
        starts = frozenset(k[0] for k in phrases)
    if starts.isdisjoint(lemmas):
        return lemmas
    out: list[str] = []
    done = 0
    for j, lemma in enumerate(lemmas):
        if j < done or lemma not in starts:
            continue
        for size in (3, 2):
            key = tuple(lemmas[j : j + size])
            if len(key) == size and key in phrases:
                out.extend(lemmas[done:j])
                out.append(phrases[key])
                done = j + size
                break
    out.extend(lemmas[done:])
    return out


class TermTable(dict):
    """Lemma → theme term or ``None`` (see :func:`content_terms`), decided once per lemma type."""

    def __init__(self, stopwords: frozenset[str]):
        super().__init__()
        self.stopwords = stopwords

    def __missing__(self, lemma: str) -> str | None:
        term = self[lemma] = content_terms([lemma], self.stopwords)[0]
        return term


def default_n_themes(n_articles: int) -> int:
    """A sensible number of themes for a corpus of ``n_articles`` (3 for 5 articles, 10 for 100,
    capped at 25 for very large corpora)."""
    if n_articles < 2:
        return 1
    if n_articles < 4:
        return 2
    return int(min(25, max(3, round(1.5 * math.log2(n_articles)))))


def sentence_features(terms: list[str | None]) -> list[str]:
    """The features one sentence adds to its document: its theme terms, and each pair of terms
    that stood side by side as a bigram ("Gipfel Anchorage"). Bigrams never cross a gap or a
    sentence boundary."""
    out = [t for t in terms if t is not None]
    if len(out) > 1:  # (list comprehensions: cheaper than a generator fed to extend)
        out += [f"{a} {b}" for a, b in zip(terms, terms[1:]) if a is not None and b is not None and a != b]
    return out


def _as_is(doc: list[str]) -> list[str]:
    return doc


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
        as one matrix per partition of :data:`PARTITION_DOCS` documents.

        Two passes over partitions of the documents, so that the partitions can be counted
        where they are: each partition's own counts and feature names
        (:func:`partition_counts`); then, once the corpus's vocabulary and its renaming are
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
        parts = [docs[i : i + PARTITION_DOCS] for i in range(0, n_docs, PARTITION_DOCS)]
        first = list(partition_map(partition_counts, _drain(parts)))
        raw_names = sorted(set().union(*(names for _, names in first)))
        if not raw_names:  # empty vocabulary: nothing to theme
            return [], np.array([], dtype=object)
        renamed = rename(raw_names) if rename is not None else raw_names
        names = np.asarray(sorted({n for n in renamed if n is not None}), dtype=object)
        index = {n: i for i, n in enumerate(names)}
        target = {raw: index[new] for raw, new in zip(raw_names, renamed) if new is not None}
        # Each first-pass partition is let go once merged (with ``map``): on 100,000 documents
        # both passes' counts and name lists at once were the fit's peak.
        second = list(partition_map(partial(_merged_counts_of, target=target, n_targets=len(names)), _drain(first)))
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
        ``MiniBatchNMF`` over the partitions instead (:func:`_fit_partitions`): the same
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
        self.matrix_bytes_ = tfidf_bytes(int(df[fitted].sum()))
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
            W, H, self.nmf_ = _nmf(X, k, self.random_state)
            counts, rows_of = [C], X.__getitem__
        else:
            # Above the budget the whole TF-IDF matrix is never made: each partition's rows are
            # made from the corpus's IDF when a step needs them, and let go (_fit_partitions).
            self.idf_ = _smooth_idf(df[self.fit_columns_], n_docs)
            self.fit_method_, self.fit_parts_ = "partitions", len(parts)
            self.smoothing_skipped_ = embeddings is not None
            W, H, self.nmf_ = _fit_partitions(parts, self.fit_columns_, self.idf_, k, self.random_state, partition_map)
            counts, rows_of = parts, partial(_gather_rows, parts, self.fit_columns_, self.idf_)
        # Order themes by their overall weight so theme 0 is the largest, every run the same.
        order = np.lexsort((np.arange(k), -W.sum(axis=0)))
        W, H = W[:, order], H[order]
        self.components_ = H  # unit rows, in theme order (see transform)
        totals = W.sum(axis=1, keepdims=True)
        self.shares_ = np.divide(W, totals, out=np.zeros_like(W), where=totals > 0)
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
            self.labels_.append(readable_label(terms))
        self.labels_ = _dedupe_labels(self.labels_, self.terms_)
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
            W2, _, _ = _nmf(
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


def _nmf(X, k: int, seed: int, init: str = "nndsvda", max_iter: int = 300):
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
        if sparse.issparse(X) and X.shape[0] >= NMF_SPLIT_FROM and _sklearn_cd() is not None:
            W, H, nmf.n_iter_ = _coordinate_descent(X.tocsr(), k, seed, init, max_iter, NMF_TOL)
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
# threads (_coordinate_descent); smaller ones go through sklearn's NMF, whose iterations take
# too little time to share. The same W and H either way.
NMF_SPLIT_FROM = 2_000
# Bands (and threads) of the NMF of large corpora: the corpus-wide steps otherwise leave all but
# one core idle. A constant, not the machine's number of cores: the bands decide in which order
# the stopping test adds up, so a fixed number gives every machine the same iterations.
NMF_THREADS = 2


@lru_cache(maxsize=1)
def _sklearn_cd():
    """sklearn's NMF initialisation and its coordinate update (Cython), which
    :func:`_coordinate_descent` runs in bands: (initialise, update), or None when this sklearn
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
    """``M`` cut into ``parts`` bands of rows of about equal work in :func:`_coordinate_descent`
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
    update = _sklearn_cd()[1]
    gram = np.dot(other.T, other)

    def one(block) -> float:
        lo, hi, band = block
        return update(A[lo:hi], gram, band @ other, permutation)

    if pool is None:  # the same bands one after the other, the same sums
        return float(sum(one(block) for block in bands))
    rest = [pool.submit(one, block) for block in bands[1:]]
    return float(one(bands[0]) + sum(f.result() for f in rest))


class _Pace:
    """Whether the next iteration of :func:`_coordinate_descent` runs its bands on threads or one
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


def _coordinate_descent(X: sparse.csr_matrix, k: int, seed: int, init: str, max_iter: int, tol: float):
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

    W, H = _sklearn_cd()[0](X, k, init=init, random_state=seed)
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


def tfidf_bytes(nnz: int) -> int:
    """Bytes of a CSR matrix's data (float32) and column indices with ``nnz`` stored entries
    (int32 indices, int64 from 2**31 entries as scipy then needs)."""
    return nnz * (4 + (4 if nnz < 2**31 else 8))


def _smooth_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """The IDF of ``TfidfTransformer(smooth_idf=True)`` from document frequencies, computed as it does."""
    idf = np.full_like(df, fill_value=n_docs + 1, dtype=np.float64)
    idf /= df.astype(np.float64) + 1.0
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def _tfidf_rows(C: sparse.csr_matrix, columns: np.ndarray, idf: np.ndarray) -> sparse.csr_matrix:
    """TF-IDF rows of counts ``C`` over ``columns`` with the corpus's ``idf``, as the exact fit
    makes them (``TfidfTransformer(sublinear_tf=True)``, unit rows, float32): a row depends on
    its own counts and the IDF only."""
    from sklearn.preprocessing import normalize

    X = sparse.csr_matrix(C[:, columns], dtype=np.float64)
    np.log(X.data, X.data)
    X.data += 1.0
    X.data *= idf[X.indices]
    return sparse.csr_matrix(normalize(X, norm="l2", copy=False), dtype=np.float32)


def _gather_rows(parts: list, columns: np.ndarray, idf: np.ndarray, rows: np.ndarray) -> sparse.csr_matrix:
    """TF-IDF rows ``rows`` (sorted, corpus-wide numbers) made from the partitions' counts."""
    out = []
    start = 0
    for P in parts:
        local = rows[(rows >= start) & (rows < start + P.shape[0])] - start
        if len(local):
            out.append(_tfidf_rows(P[local], columns, idf))
        start += P.shape[0]
    return sparse.vstack(out, format="csr")


def _partition_w(C: sparse.csr_matrix, columns: np.ndarray, idf: np.ndarray, nmf) -> np.ndarray:
    """One partition's W under the fitted ``MiniBatchNMF`` (a module function: it travels to a cluster)."""
    from sklearn.exceptions import ConvergenceWarning

    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)  # a partition without terms: W stays 0
        return nmf.transform(_tfidf_rows(C, columns, idf))


def _fit_partitions(parts: list, columns: np.ndarray, idf: np.ndarray, k: int, seed: int, partition_map=map):
    """NMF of a TF-IDF matrix that is never made whole: scikit-learn's ``MiniBatchNMF``, one
    ``partial_fit`` per partition of rows (each partition's rows made from its counts and the
    corpus's IDF, used and let go), in partition order, :data:`MINIBATCH_PASSES` times over; then
    every article's W by ``transform``, partition by partition (on ``partition_map``: a cluster's
    workers may do it). Deterministic: a fixed order, a fixed seed, a fixed number of passes.

    - **Start.** H starts as the exact NMF (:func:`_nmf`, nndsvda) of a seeded sample of
      :data:`PARTITION_DOCS` rows drawn from the whole corpus (the first partition alone may be
      one week or one desk), its zeros raised to a tenth of its mean (multiplicative updates
      keep a zero at zero).
    - **Forgetting.** ``partial_fit`` sees one partition at a time; its forget factor is set so
      that a step weighs what came before as ``MiniBatchNMF.fit`` over the whole matrix would
      (0.7 to the power of partition / corpus), not as if each partition were the corpus.

    Returns:
        (W, H, model) scaled as :func:`_nmf` scales them (rows of H of unit length).
    """
    from sklearn.decomposition import MiniBatchNMF
    from sklearn.exceptions import ConvergenceWarning

    n_docs = sum(P.shape[0] for P in parts)
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n_docs, size=min(n_docs, max(PARTITION_DOCS, k)), replace=False))
    _, H0, _ = _nmf(_gather_rows(parts, columns, idf, sample), k, seed)
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
                X = _tfidf_rows(P, columns, idf)
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


def class_tfidf(C, shares: np.ndarray) -> np.ndarray:
    """Class-based TF-IDF: how much a term characterises each theme against the others.

    A theme's "class document" is the sum of its articles' (sublinear) term counts, each
    article weighted by its share of the theme. Its weights are the term's frequency in the
    class document times ``log(1 + A / f)``, with ``A`` the mean size of a class document and
    ``f`` the term's frequency over all classes (Grootendorst's c-TF-IDF, with soft membership).

    Args:
        C: Documents × terms counts (sparse), or a list of such matrices (partitions of rows
            in document order).
        shares: Documents × themes, rows summing to 1 (or 0).

    Returns:
        Themes × terms weights (dense).
    """
    sums: list = []
    start = 0
    for P in C if isinstance(C, list) else [C]:  # partitions of rows: their sums add up
        P = sparse.csr_matrix(P, dtype=np.float64, copy=True)
        P.data = 1.0 + np.log(P.data)  # an article repeating a name thirty times is one article
        part = P.T @ shares[start : start + P.shape[0]]
        sums = [part if not sums else sums[0] + part]
        start += P.shape[0]
    T = np.asarray(sums[0].T)  # themes × terms
    size = T.sum(axis=1, keepdims=True)
    tf = np.divide(T, size, out=np.zeros_like(T), where=size > 0)
    freq = T.sum(axis=0)
    avg = size.mean()
    idf = np.log1p(np.divide(avg, freq, out=np.zeros_like(freq), where=freq > 0))
    return tf * idf


# Documents per partition of the theme counts (ThemeModel._counts): ~1 MB of counts each.
PARTITION_DOCS = 2_000
# A word's count in one article: int32 (4 bytes a stored count where int64 took 8); every step
# that weighs counts makes floats of them first, so the themes are the same.
COUNT_DTYPE = np.int32


def _drain(items: list):
    """The items of ``items`` in order, each taken out of the list as it is handed on, so that a
    lazy ``map`` lets go of one before it reads the next."""
    while items:
        yield items.pop(0)


def partition_counts(docs: list[list[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """First pass of the theme counts over one partition: its document × feature counts over
    its own features, and their names (sorted)."""
    from sklearn.feature_extraction.text import CountVectorizer

    counter = CountVectorizer(analyzer=_as_is, dtype=COUNT_DTYPE)
    try:
        C = counter.fit_transform(docs)
    except ValueError:  # no feature in this partition
        return sparse.csr_matrix((len(docs), 0), dtype=COUNT_DTYPE), []
    return C.tocsr(), [str(n) for n in counter.get_feature_names_out()]


def _merged_counts_of(first: tuple, target: dict[str, int], n_targets: int):
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


def _words(term: str) -> set[str]:
    """The words of a term, case-folded, hyphenated compounds split ("EU-Kommission")."""
    return {w for part in term.casefold().split() for w in part.split("-") if w}


def _inflection_of(a: str, b: str) -> bool:
    """One word is the other plus a short ending ("Putin"/"Putins", "SPÖ"/"SPÖs")."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 2


def _repeats(term: str, chosen: list[str], *, compounds: bool) -> bool:
    """Whether ``term`` says again what a chosen term says: an inflection of it, or (for labels,
    ``compounds``) a shared word or a compound built on it ("Flüchtling"/"Flüchtlingskrise")."""
    mine = _words(term)
    for other in chosen:
        theirs = _words(other)
        if term.casefold() == other.casefold():
            return True
        if len(mine) == 1 and len(theirs) == 1 and _inflection_of(next(iter(mine)), next(iter(theirs))):
            return True
        if compounds:
            if mine & theirs:
                return True
            for a in mine:
                for b in theirs:
                    short, long_ = sorted((a, b), key=len)
                    if _inflection_of(a, b) or (len(short) >= 4 and long_.startswith(short)):
                        return True
    return False


def distinct_terms(terms: list[str]) -> list[str]:
    """Terms without inflected repeats ("Putins" after "Putin"); bigrams stay."""
    out: list[str] = []
    for t in terms:
        if not _repeats(t, out, compounds=False):
            out.append(t)
    return out


def readable_label(terms: list[str], n: int = 3) -> str:
    """Top terms joined with " · ", skipping a term that repeats a chosen one (shares a word
    with it, is an inflection of it, or a compound built on it), so labels read
    "Anchorage · Gipfel · Weltordnung", not "Gipfel · Gipfel Anchorage · Anchorage" or
    "Putin · Putins"."""
    chosen: list[str] = []
    for term in terms:
        if _repeats(term, chosen, compounds=True):
            continue
        chosen.append(term)
        if len(chosen) == n:
            break
    return " · ".join(chosen) if chosen else "(no terms)"


def _dedupe_labels(labels: list[str], terms: list[tuple[str, ...]]) -> list[str]:
    """Two themes with the same label get their next distinct term appended."""
    seen: dict[str, int] = {}
    out = []
    for label, t in zip(labels, terms):
        if label in seen:
            extra = next((x for x in t if x not in label), str(seen[label] + 1))
            label = f"{label} · {extra}"
        seen[label] = seen.get(label, 0) + 1
        out.append(label)
    return out
