"""Table helpers that stay fast at 100,000 articles.

:func:`isin` is ``Series.isin`` for the id columns. With pandas 3 the text columns are Arrow
strings, and ``Series.isin`` on them turns every wanted value into a pyarrow scalar one by one:
0.1 s for each 100,000 ids asked for, and the Overview asks a dozen times per filter change (at
100,000 articles the isin calls were 5.5 of the 15 s three filter changes took, bench/scale.py).
Here the wanted values become one Arrow array and ``pyarrow.compute.is_in`` does the lookup.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["isin"]


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
        if not all(isinstance(w, str) for w in wanted):  # other values never equal text
            wanted = [w if isinstance(w, str) else None for w in wanted if isinstance(w, str) or _missing(w)]
        value_set = pa.array(wanted, type=pa.large_string())
    value_set = value_set.cast(have.type)
    hit = pc.is_in(have, value_set=value_set).to_numpy(zero_copy_only=False)
    return pd.Series(np.asarray(hit, dtype=bool), index=values.index, name=values.name)


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # an array-like value is not a missing one
        return False
