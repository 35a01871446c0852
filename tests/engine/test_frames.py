"""tonlage.frames.isin answers as pandas' Series.isin does (it replaces it on the id columns for
speed): text with missing values, every kind of collection of wanted values, values that are not
text, and columns that are not text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tonlage.frames import isin, positions

TEXT = pd.Series(["a", "b", None, "c", "a"], index=[5, 6, 7, 8, 9], name="article_id")

WANTED = [
    ["a", "c"],
    ("b",),
    {"a"},
    {"a": 1},
    frozenset(),
    [],
    pd.Series(["c", None]),
    pd.Index(["a", "a"]),
    np.array(["a"], dtype=object),
    [1, "b", None],
    [float("nan")],
    [b"a", "c"],
]


@pytest.mark.parametrize("wanted", WANTED, ids=repr)
def test_isin_is_pandas_isin_on_text(wanted):
    as_list = wanted if isinstance(wanted, (pd.Series, pd.Index)) else list(wanted)
    got = isin(TEXT, wanted)
    assert got.dtype == bool
    pd.testing.assert_series_equal(got, TEXT.isin(as_list).astype(bool))


def test_isin_takes_a_generator_and_other_columns():
    assert isin(TEXT, (x for x in ["a"])).tolist() == [True, False, False, False, True]
    numbers = pd.Series([1, 2, 3], index=[3, 1, 2])
    pd.testing.assert_series_equal(isin(numbers, {2}), numbers.isin([2]))
    objects = pd.Series(["a", "b"], dtype=object)
    assert isin(objects, ["b"]).tolist() == [False, True]


def test_isin_on_a_large_id_column():
    ids = pd.Series([f"id{i}" for i in range(50_000)])
    wanted = tuple(f"id{i}" for i in range(0, 60_000, 3))
    pd.testing.assert_series_equal(isin(ids, wanted), ids.isin(wanted))


@pytest.mark.parametrize(
    "among",
    [
        pd.Series(["b", "a", "c"]),
        pd.Series(["b", "a", "c", "a"]),  # a repeated value: its first position, as map's
        pd.Series(["b", "a", "c"], dtype=object),
    ],
)
def test_positions_look_keys_up_as_map(among):
    keys = pd.Series(["a", "x", None, "c", "a"], index=[4, 3, 2, 1, 0])
    got = positions(keys, among)
    first = {v: i for i, v in reversed(list(enumerate(among)))}
    assert got.tolist() == [first.get(k, -1) if isinstance(k, str) else -1 for k in keys]
    assert got.dtype == np.int64


def test_at_or_beyond_kth_text_is_the_cut_of_a_full_sort():
    """The sentences at or beyond the score where, from the highest down, the k-th different
    text comes: the same cut as sorting everything and counting texts, with copies (one key,
    one score) and ties of different texts, whatever the order of the ties."""
    from tonlage.frames import at_or_beyond_kth_text

    rng = np.random.default_rng(1)
    for _ in range(300):
        n = int(rng.integers(0, 60))
        keys = rng.integers(0, max(1, n // 3), n).astype(np.uint64)  # many copies
        score = np.round(rng.random(n), 1) + (keys % 3) * 0.0  # ties across texts
        score[rng.random(n) < 0.3] = 0.5
        score = np.where(np.isin(keys, keys[:1]), 0.9, score)  # a text's copies share a score
        for k in (1, 3, 5):
            order = np.argsort(-score, kind="stable")
            seen: list = []
            cut = None
            for i in order:
                if keys[i] not in seen:
                    seen.append(keys[i])
                    if len(seen) == k:
                        cut = score[i]
                        break
            want = np.arange(n) if cut is None else np.flatnonzero(score >= cut)
            assert np.array_equal(at_or_beyond_kth_text(score, keys, k), want)


def test_blocks_in_order_sorts_runs_as_a_full_sort_would():
    """Sentences kept one run per article, in sentence order: the runs put in order give the
    order a stable sort of (row, sent_idx) gives; any other layout is left to the full sort."""
    from tonlage.frames import blocks_in_order

    rng = np.random.default_rng(3)
    for _ in range(200):
        rows: list[int] = []
        sents: list[int] = []
        for r in rng.permutation(int(rng.integers(0, 25))):
            idx = np.sort(rng.choice(30, int(rng.integers(1, 7)), replace=False))
            rows += [int(r)] * len(idx)
            sents += idx.tolist()
        row, sent = np.array(rows, dtype=np.int64), np.array(sents, dtype=np.int64)
        got = blocks_in_order(row, sent)
        assert got is not None
        assert got.tolist() == np.argsort(row * 30 + sent, kind="stable").tolist()
    row, sent = np.array([2, 2, 0, 1, 1]), np.array([0, 4, 1, 0, 2])
    assert blocks_in_order(row, sent).tolist() == [2, 3, 4, 0, 1]
    assert blocks_in_order(np.array([1, 0, 1]), np.array([0, 0, 1])) is None  # an article in two runs
    assert blocks_in_order(np.array([0, 0]), np.array([3, 1])) is None  # sentences out of order
    assert blocks_in_order(np.array([-1, 0, -1]), np.array([0, 0, 0])) is None  # two outside the corpus
    assert blocks_in_order(np.zeros(0, np.int64), np.zeros(0, np.int64)).tolist() == []
