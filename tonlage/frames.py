"""Table helpers that stay fast at 100,000 articles.

:func:`isin` is ``Series.isin`` for the id columns. With pandas 3 the text columns are Arrow
strings, and ``Series.isin`` on them turns every wanted value into a pyarrow scalar one by one:
0.1 s for each 100,000 ids asked for, and the Overview asks a dozen times per filter change (at
100,000 articles the isin calls were 5.5 of the 15 s three filter changes took, bench/scale.py).
Here the wanted values become one Arrow array and ``pyarrow.compute.is_in`` does the lookup.
:func:`positions` is the same for ``keys.map(table)`` (an article's tone for each of the 2.5
million article-theme rows: 0.57 s with ``map``, 0.02 s here).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["isin", "positions", "text_column"]


def isin(values: pd.Series, wanted: Iterable) -> pd.Series:
    """``values.isin(wanted)``: a boolean Series on ``values``' index, True where the value is
    one of ``wanted`` (a missing value only when a missing value is wanted). Same result as
    pandas, fast for Arrow text."""
    array = values.array
    if not hasattr(array, "__arrow_array__") or not pd.api.types.is_string_dtype(values.dtype):
        return values.isin(wanted if isinstance(wanted, (pd.Series, pd.Index, np.ndarray, list)) else list(wanted))
    import pyarrow as pa
    import pyarrow.compute as pc

    have = pa.array(array)
    if isinstance(wanted, (pd.Series, pd.Index)) and hasattr(wanted.array, "__arrow_array__"):
        value_set = pa.array(wanted.array)
    else:
        wanted = wanted if isinstance(wanted, (list, tuple)) else list(wanted)
        try:  # text and missing values, in one call
            value_set = pa.array(wanted, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            value_set = None
        if value_set is None or not (pa.types.is_string(value_set.type) or pa.types.is_large_string(value_set.type)):
            # other values never equal text; missing ones match missing ones
            texts = [w if isinstance(w, str) else None for w in wanted if isinstance(w, str) or _missing(w)]
            value_set = pa.array(texts, type=pa.large_string())
    value_set = value_set.cast(have.type)
    hit = pc.is_in(have, value_set=value_set).to_numpy(zero_copy_only=False)
    return pd.Series(np.asarray(hit, dtype=bool), index=values.index, name=values.name)


def positions(keys: pd.Series, among: pd.Series) -> np.ndarray:
    """For each of ``keys``, the position of its first equal value in ``among`` (-1 when it is
    not there or missing): ``among.iloc[positions(...)]`` looks the keys up, as ``map`` would."""
    kind = pd.api.types.is_string_dtype
    if (
        kind(keys.dtype)
        and kind(among.dtype)
        and hasattr(keys.array, "__arrow_array__")
        and hasattr(among.array, "__arrow_array__")
    ):
        import pyarrow as pa
        import pyarrow.compute as pc

        have = pa.array(keys.array)
        found = pc.index_in(have, value_set=pa.array(among.array).cast(have.type), skip_nulls=True)
        return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    first = pd.Series(np.arange(len(among)), index=pd.Index(among)).groupby(level=0).min()
    found = pd.Index(first.index).get_indexer(pd.Index(keys))
    return np.where(found >= 0, first.to_numpy()[found], -1).astype(np.int64)


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # an array-like value is not a missing one
        return False


def text_column(values: list) -> pd.Series:
    """A list of long texts (None for missing) as the text column pandas would make of it (its
    "str" dtype, Arrow ``large_string``), built by pyarrow at once: pandas checks every element
    in Python first, which took 1.7 s for 100,000 article texts against 0.7 s."""
    import pyarrow as pa

    return pd.Series(pa.array(values, pa.large_string()), dtype=pd.Series(["x"]).dtype)
