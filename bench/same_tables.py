"""Does a change keep the analysis's results? Save every table of a folder's analysis, then
compare a later tree's with it (messages compared by their JSON form, so a changed message id or
parameter counts, not only the English text).

    python -m bench.same_tables FOLDER OUT.pkl [--workers N]            # save (e.g. on main)
    python -m bench.same_tables FOLDER OUT.pkl [--workers N] --compare  # compare (the change)

Used for issue 13 (engine speed) on the bundled corpus, ../shared/eval/gnad-dev,
../shared/eval/pages-dev and 2,000 gnad-built articles (bench.engine_scale's corpus), with 1 and 2
workers: every table the same. The saved file holds publisher text: keep it out of the repository.
"""

from __future__ import annotations

import argparse
import pickle
from datetime import date
from pathlib import Path

import pandas as pd

from tonlage.analysis.pipeline import analyse_folder
from tonlage.i18n import Message, message_json

TABLES = ("articles", "sentences", "themes", "article_themes", "mentions", "actor_articles", "skipped")
# Parameters that describe the run (times, memory, workers), not its results.
RUN_PARAMS = ("timings", "memory_mb", "theme_stability_seconds", "workers", "corpus_dir")


def _with_json(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for col in list(df.columns):
        if df[col].dtype == object:
            df[col + "__json"] = [message_json(v) if isinstance(v, Message) else type(v).__name__ for v in df[col]]
    return df


def snapshot(folder: str, workers: int) -> dict:
    result = analyse_folder(folder, workers=workers, today=date(2026, 12, 1))
    out: dict = {name: _with_json(getattr(result, name)) for name in TABLES}
    out["params"] = {k: v for k, v in result.params.items() if k not in RUN_PARAMS}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("out", type=Path)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--compare", action="store_true")
    args = ap.parse_args()
    now = snapshot(args.folder, args.workers)
    if not args.compare:
        args.out.write_bytes(pickle.dumps(now))
        print("saved", {k: len(v) for k, v in now.items()})
        return 0
    before = pickle.loads(args.out.read_bytes())
    same_all = True
    for name, table in now.items():
        if isinstance(table, dict):
            same = repr(table) == repr(before[name])  # repr: NaN equals NaN
        else:
            try:
                pd.testing.assert_frame_equal(before[name], table)
                same = True
            except AssertionError as exc:
                same = False
                print(name, str(exc)[:1500])
        print(f"{name}: {'same' if same else 'DIFFERENT'} ({len(table)} rows)")
        same_all &= same
    print("ALL SAME" if same_all else "DIFFERENCES")
    return 0 if same_all else 1


if __name__ == "__main__":
    raise SystemExit(main())
