"""The theme vocabulary from per-partition counts (ThemeModel._counts, two passes) equals
counting the whole corpus at once, as the fit did before: the same matrix cell for cell, so
the same themes for the same seed."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from tonlage import themes
from tonlage.themes import ThemeModel


def _whole_corpus_counts(model: ThemeModel, docs, rename):
    """The fit's counting before partitions (kept here as the reference): one CountVectorizer
    over every document, columns renamed and merged, then the document-frequency limits."""
    counter = CountVectorizer(analyzer=lambda d: d, dtype=np.int64)
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
    monkeypatch.setattr(themes, "PARTITION_DOCS", partition)
    got, got_names = model._counts(docs, rename)
    assert list(got_names) == list(want_names)
    assert got.shape == want.shape and got.dtype == want.dtype
    for attr in ("indptr", "indices", "data"):
        np.testing.assert_array_equal(getattr(got, attr), getattr(want, attr))
    assert model.renamed_ == want_renamed
    assert len(got_names) > 0


def test_a_partition_without_features_and_an_empty_corpus(monkeypatch):
    monkeypatch.setattr(themes, "PARTITION_DOCS", 2)
    model = ThemeModel()
    C, names = model._counts([[], [], ["Wahl"], ["Wahl", "Kanzler"]], None)
    assert list(names) == ["Kanzler", "Wahl"] and C.toarray().tolist() == [[0, 0], [0, 0], [0, 1], [1, 1]]
    C, names = model._counts([[], []], None)
    assert C is None and len(names) == 0


def test_themes_fitted_in_partitions_are_the_whole_corpus_themes(monkeypatch):
    docs = _corpus(600, seed=3)
    whole = ThemeModel(6, random_state=1)
    monkeypatch.setattr(ThemeModel, "_counts", lambda self, d, r: _whole_corpus_counts(self, d, r)[:2], raising=True)
    whole.fit(docs, rename=_fold)
    monkeypatch.undo()
    monkeypatch.setattr(themes, "PARTITION_DOCS", 45)
    parts = ThemeModel(6, random_state=1).fit(docs, rename=_fold)
    np.testing.assert_array_equal(parts.shares_, whole.shares_)
    assert parts.labels_ == whole.labels_ and parts.terms_ == whole.terms_
    np.testing.assert_array_equal(parts.stability_, whole.stability_)
