"""The cost of writing dates in the reader's language on the Articles page, per rerun.

The page lists every article in view twice: in the table (a date column, written by the browser in
the reader's format, or by a Styler for small tables) and in the "Open article" list, whose labels
are "title (date)". Before, the labels took the engine's ISO ``date_label``; now they are written in
the reader's language (:func:`components.i18n.local_date_labels`: once per distinct date, not per
row). Synthetic articles (seeded): dates over two years, 2 % known only to the month, 1 % undated.
Process time, best of ``--repeat``, before and after alternating in one run.

Usage::

    python -m bench.date_labels [--articles 100000] [--repeat 7]

Measured 2026-12-01 on the shared 2-core machine (the lead's browser tests running), branch polish
against the page's code at its base 874c163, 100,000 articles (1,942 month-only, 1,022 undated):
    en  labels before 83.0 ms  after 102.5 ms   the table's date column 2.0 ms
    de  labels before 83.3 ms  after  98.2 ms   the table's date column 2.0 ms
(the first version, Babel per row, took 143 ms for the German dates alone).
"""

from __future__ import annotations

import argparse
import time
from unittest import mock

import numpy as np
import pandas as pd

import components.i18n as i18n
from tonlage.i18n import translator


def _articles(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    date = pd.Series(pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 730, n), unit="D"))
    kind = rng.random(n)
    precision = pd.Series(np.where(kind < 0.02, "month", np.where(kind < 0.03, "none", "day")))
    date = date.where(precision != "month", date.dt.to_period("M").dt.to_timestamp()).where(precision != "none")
    label = date.dt.strftime("%Y-%m-%d").where(precision == "day", date.dt.strftime("%Y-%m")).fillna("undated")
    title = pd.Series([f"Artikel Nummer {k}" for k in range(n)])
    return pd.DataFrame({"title": title, "date": date, "date_precision": precision, "date_label": label})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    a = _articles(args.articles)
    print(
        f"{len(a):,} articles; {int((a['date_precision'] == 'month').sum()):,} month-only, "
        f"{int((a['date_precision'] == 'none').sum()):,} undated"
    )
    for lang in ("en", "de"):
        x = translator(lang)
        with (
            mock.patch.object(i18n, "tr", lambda x=x: x),
            mock.patch.object(i18n, "current_language", lambda lang=lang: lang),
            mock.patch.object(i18n, "t_plain", lambda m, x=x: x(m)),
        ):
            before, after, table = [], [], []
            for _ in range(args.repeat):
                t = time.process_time()
                dict(zip(a.index, a["title"] + " (" + a["date_label"] + ")"))
                before.append(time.process_time() - t)
                t = time.process_time()
                dict(zip(a.index, a["title"] + " (" + i18n.local_date_labels(a["date"], a["date_precision"]) + ")"))
                after.append(time.process_time() - t)
                t = time.process_time()
                i18n.local_numbers(a[["title", "date"]], {}, dates={"date": a["date_precision"]})
                table.append(time.process_time() - t)
            print(
                f"{lang}  labels before {min(before) * 1000:5.1f} ms  after {min(after) * 1000:5.1f} ms  "
                f"table's date column {min(table) * 1000:5.1f} ms"
            )


if __name__ == "__main__":
    main()
