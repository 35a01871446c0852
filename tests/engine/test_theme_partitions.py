"""The theme vocabulary from per-partition counts (ThemeModel._counts, two passes) equals
counting the whole corpus at once, as the fit did before: the same matrix cell for cell, so
the same themes for the same seed."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from tonlage.themes import factorise, partitions
from tonlage.themes.model import ThemeModel


def _whole_corpus_counts(model: ThemeModel, docs, rename, dtype=partitions.COUNT_DTYPE):
    """The fit's counting before partitions (kept here as the reference): one CountVectorizer
    over every document, columns renamed and merged, then the document-frequency limits.
    ``np.int64``: the counts as they were before they were kept as int32."""
    counter = CountVectorizer(analyzer=lambda d: d, dtype=dtype)
    try:
        C = counter.fit_transform(docs).tocsc()
    except ValueError:
        return None, np.array([], dtype=object), {}
    names = counter.get_feature_names_out()
    raw_names, renamed = names, None
    if rename is not None:
        renamed = rename(list(names))
        targets = sorted({n for n in renamed if n is not None})
        index = {n: i for i, n in enumerate(targets)}
        rows = [i for i, n in enumerate(renamed) if n is not None]
        M = sparse.csr_matrix(
            (np.ones(len(rows), dtype=C.dtype), (rows, [index[renamed[i]] for i in rows])),
            shape=(len(names), len(targets)),
        )
        C, names = (C @ M).tocsc(), np.asarray(targets, dtype=object)
    n_docs = C.shape[0]
    min_df, max_df = model._limits(n_docs)
    df = np.diff(C.indptr)
    keep = (df >= min_df) & (df <= max_df * n_docs)
    if keep.sum() > model.max_features:
        tf = np.asarray(C.sum(axis=0)).ravel()
        ranked = np.argsort(-np.where(keep, tf, -1), kind="stable")[: model.max_features]
        keep = np.zeros_like(keep)
        keep[ranked] = True
    cols = np.flatnonzero(keep)
    renamed_map = {}
    if rename is not None:
        new = np.asarray(raw_names, dtype=object)
        changed = np.flatnonzero(new != np.asarray(renamed, dtype=object))
        renamed_map = {str(raw_names[i]): renamed[i] for i in changed if " " not in raw_names[i] and renamed[i]}
    return C[:, cols].tocsr(), names[cols], renamed_map


def _whole_parts(model: ThemeModel, docs, rename):
    C, names, _ = _whole_corpus_counts(model, docs, rename, np.int64)
    return [C], names


def _corpus(n_docs: int, seed: int = 0) -> list[list[str]]:
    rng = random.Random(seed)
    words = [f"Wort{i}" for i in range(400)] + ["Trump", "Trumps", "Merz", "Merzs", "Foto"]
    docs = []
    for _ in range(n_docs):
        terms = [rng.choice(words[: rng.choice([40, 400, 405])]) for _ in range(rng.randint(0, 25))]
        docs.append(terms + [f"{a} {b}" for a, b in zip(terms, terms[1:]) if a != b])
    return docs


def _fold(names: list[str]) -> list[str | None]:
    """A rename like the pipeline's: genitives folded, one word dropped, a bigram of one word twice dropped."""
    out: list[str | None] = []
    for name in names:
        parts = [{"Trumps": "Trump", "Merzs": "Merz"}.get(w, w) for w in name.split(" ")]
        if "Foto" in parts or (len(parts) == 2 and parts[0] == parts[1]):
            out.append(None)
        else:
            out.append(" ".join(parts))
    return out


@pytest.mark.parametrize(
    ("n_docs", "partition", "rename", "max_features"),
    [
        (12, 5, None, 50_000),  # tiny: min_df 1
        (300, 7, _fold, 50_000),  # min_df 2, renamed and dropped features, many partitions
        (2_500, 400, _fold, 50_000),  # min_df 5, max_df 0.7
        (2_500, 333, _fold, 150),  # the max_features cap ranks by counts summed over partitions
        (50, 8, None, 50_000),
    ],
)
def test_partitioned_counts_equal_the_whole_corpus_counts(monkeypatch, n_docs, partition, rename, max_features):
    docs = _corpus(n_docs, seed=n_docs + partition)
    docs[3] = []  # a document without features
    model = ThemeModel(max_features=max_features)
    want, want_names, want_renamed = _whole_corpus_counts(model, docs, rename)
    monkeypatch.setattr(partitions, "PARTITION_DOCS", partition)
    got, got_names = model._counts(docs, rename)
    assert list(got_names) == list(want_names)
    assert got.shape == want.shape and got.dtype == want.dtype
    for attr in ("indptr", "indices", "data"):
        np.testing.assert_array_equal(getattr(got, attr), getattr(want, attr))
    assert model.renamed_ == want_renamed
    assert len(got_names) > 0


def test_a_partition_without_features_and_an_empty_corpus(monkeypatch):
    monkeypatch.setattr(partitions, "PARTITION_DOCS", 2)
    model = ThemeModel()
    C, names = model._counts([[], [], ["Wahl"], ["Wahl", "Kanzler"]], None)
    assert list(names) == ["Kanzler", "Wahl"] and C.toarray().tolist() == [[0, 0], [0, 0], [0, 1], [1, 1]]
    C, names = model._counts([[], []], None)
    assert C is None and len(names) == 0


def test_themes_fitted_in_partitions_are_the_whole_corpus_themes(monkeypatch):
    docs = _corpus(600, seed=3)
    whole = ThemeModel(6, random_state=1)
    monkeypatch.setattr(ThemeModel, "_count_parts", lambda self, d, r, m=map: _whole_parts(self, d, r), raising=True)
    whole.fit(docs, rename=_fold)
    monkeypatch.undo()
    monkeypatch.setattr(partitions, "PARTITION_DOCS", 45)
    parts = ThemeModel(6, random_state=1).fit(docs, rename=_fold)
    np.testing.assert_array_equal(parts.shares_, whole.shares_)
    assert parts.labels_ == whole.labels_ and parts.terms_ == whole.terms_
    np.testing.assert_array_equal(parts.stability_, whole.stability_)


# --- above the matrix budget: MiniBatchNMF over partitions (ThemeModel._fit_partitions) ---------


def test_partition_rows_are_the_exact_fits_tfidf_rows():
    from sklearn.feature_extraction.text import TfidfTransformer

    C, _, _ = _whole_corpus_counts(ThemeModel(), _corpus(300, seed=5), _fold)
    columns = np.arange(0, C.shape[1], 2)
    tfidf = TfidfTransformer(sublinear_tf=True)
    want = tfidf.fit_transform(C[:, columns]).astype(np.float32)
    df = np.bincount(C.indices, minlength=C.shape[1])[columns]
    idf = partitions.smooth_idf(df, C.shape[0])
    np.testing.assert_array_equal(idf, tfidf.idf_)
    got = sparse.vstack([partitions.tfidf_rows(C[i : i + 70], columns, idf) for i in range(0, 300, 70)], format="csr")
    assert (got != want).nnz == 0 and got.dtype == want.dtype


def _record_matrices(monkeypatch) -> list[tuple[int, int]]:
    """Shapes of every TF-IDF matrix the fit makes; the whole-matrix transformer must not run."""
    from sklearn.feature_extraction import text

    made: list[tuple[int, int]] = []
    rows = partitions.tfidf_rows

    def recording(C, columns, idf):
        X = rows(C, columns, idf)
        made.append(X.shape)
        return X

    def whole(*args, **kwargs):
        raise AssertionError("the whole TF-IDF matrix was made")

    monkeypatch.setattr(partitions, "tfidf_rows", recording)
    monkeypatch.setattr(text.TfidfTransformer, "fit_transform", whole)
    return made


def test_over_the_budget_the_themes_are_fitted_in_partitions_never_on_the_whole_matrix(monkeypatch):
    docs = _corpus(600, seed=3)
    monkeypatch.setattr(partitions, "PARTITION_DOCS", 50)
    made = _record_matrices(monkeypatch)
    nmf_rows: list[int] = []
    nmf = factorise.fit_nmf
    monkeypatch.setattr(factorise, "fit_nmf", lambda X, *a, **kw: nmf_rows.append(X.shape[0]) or nmf(X, *a, **kw))
    model = ThemeModel(6, random_state=1, matrix_budget=1_000, stability_sample=40).fit(docs, rename=_fold)
    assert model.fit_method_ == "partitions" and model.fit_parts_ == 12
    assert model.matrix_bytes_ > 1_000
    assert made and max(r for r, _ in made) <= 50  # no TF-IDF matrix larger than a partition
    assert len(made) >= partitions.MINIBATCH_PASSES * 12 + 12  # every pass, then every partition's shares
    assert nmf_rows and max(nmf_rows) <= 50  # the start's sample and the stability refits
    assert model.shares_.shape == (600, 6)
    np.testing.assert_allclose(model.shares_.sum(axis=1)[model.shares_.sum(axis=1) > 0], 1.0, rtol=1e-6)
    assert len(model.labels_) == 6 and all(model.labels_)
    assert np.isfinite(model.stability_).all()
    # transform() of new documents works from what the partitions left: components and IDF.
    again = model.transform(docs[:20])
    assert again.shape == (20, 6) and np.isclose(again.sum(axis=1)[again.sum(axis=1) > 0], 1.0).all()


def test_themes_fitted_in_partitions_are_the_same_on_every_run(monkeypatch):
    docs = _corpus(600, seed=4)
    monkeypatch.setattr(partitions, "PARTITION_DOCS", 64)
    a = ThemeModel(5, random_state=2, matrix_budget=0).fit(docs, rename=_fold)
    b = ThemeModel(5, random_state=2, matrix_budget=0).fit(docs, rename=_fold)
    assert a.fit_method_ == b.fit_method_ == "partitions"
    np.testing.assert_array_equal(a.shares_, b.shares_)
    np.testing.assert_array_equal(a.components_, b.components_)
    assert a.labels_ == b.labels_ and a.terms_ == b.terms_
    np.testing.assert_array_equal(a.stability_, b.stability_)
    other = ThemeModel(5, random_state=3, matrix_budget=0).fit(docs, rename=_fold)
    assert not np.array_equal(other.components_, a.components_)  # the seed is used


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_partitions_without_terms_and_more_themes_than_a_partition_has_articles(monkeypatch):
    docs = _corpus(300, seed=1)
    docs[50:100] = [[] for _ in range(50)]  # a whole partition of documents without terms
    monkeypatch.setattr(partitions, "PARTITION_DOCS", 50)
    model = ThemeModel(5, matrix_budget=0).fit(docs)
    assert model.fit_parts_ == 6 and np.isfinite(model.shares_).all()
    assert model.shares_[50:100].sum() == 0 and (model.shares_[:50].sum(axis=1) > 0).any()
    monkeypatch.setattr(partitions, "PARTITION_DOCS", 3)  # fewer articles a partition than themes
    small = ThemeModel(5, matrix_budget=0).fit(docs[:40])
    assert small.fit_parts_ == 14 and small.n_themes_ == 5 and np.isfinite(small.shares_).all()


def test_the_budget_setting_chooses_the_path(monkeypatch):
    from tonlage import settings

    docs = _corpus(300, seed=6)
    monkeypatch.setenv("TONLAGE_THEME_MATRIX_MB", "0")
    assert settings.theme_matrix_budget() == 0
    assert ThemeModel(4).fit(docs).fit_method_ == "partitions"
    monkeypatch.delenv("TONLAGE_THEME_MATRIX_MB")
    assert settings.theme_matrix_budget() == 1024 * 2**20
    exact = ThemeModel(4).fit(docs)
    assert exact.fit_method_ == "exact" and exact.fit_parts_ == 1
    assert exact.matrix_bytes_ == 8 * sum(len(set(d) & set(exact.vocabulary_[exact.fit_columns_])) for d in docs)


def test_the_quality_modes_smoothing_is_skipped_in_partitions_and_said(monkeypatch):
    docs = _corpus(200, seed=7)
    E = np.random.default_rng(0).normal(size=(200, 8))
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    model = ThemeModel(4, matrix_budget=0).fit(docs, embeddings=E)
    assert model.fit_method_ == "partitions" and model.smoothing_skipped_
    assert not ThemeModel(4).fit(docs, embeddings=E).smoothing_skipped_


def test_the_default_budget_keeps_the_exact_fit_on_the_bundled_corpus(analysed_bundled):
    params = analysed_bundled.params
    assert params["theme_method"] == "exact" and params["theme_parts"] == 1
    assert 0 < params["theme_matrix_bytes"] < 2**20  # the bundled corpus's matrix, against 1,024 MB


def test_the_command_line_says_when_the_themes_were_fitted_in_parts(tmp_path, capsys, monkeypatch):
    from tests.corpora import MARCH_2025, write_dated_corpus
    from tonlage.cli import main

    write_dated_corpus(tmp_path, MARCH_2025)
    assert main(["analyse", str(tmp_path), "--format", "csv", "--no-cache"]) == 0
    assert "fitted in" not in capsys.readouterr().err
    monkeypatch.setenv("TONLAGE_THEME_MATRIX_MB", "0")
    assert main(["analyse", str(tmp_path), "--format", "csv", "--no-cache"]) == 0
    assert "note: the themes were fitted in 1 part because the corpus is large" in capsys.readouterr().err
