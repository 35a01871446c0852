"""The duplicate search of an add: the kept index's update against the full search it replaces.

Reads an analysed workspace file (opened read-only: its ``sketches`` and ``duplicate_index``
tables, seed 0; an index is made from the sketches if it has none), adds the texts of a folder
(``*.txt``) as new articles, and times, in this process:

  - update: reading the index back, :func:`tonlage.duplicates.update_duplicates` (the new texts
    normalised, sketched and banded; the candidates' kept signatures read back) and storing
    what changed (serialised only: the write itself is the workspace's);
  - full: reading every kept signature back and :func:`tonlage.duplicates.find_duplicates` over
    all texts with them (what an add did before the index), its datasketch import included;

and checks that both give the same groups (representative, kind, similarity of every text).

    python -m bench.dups_add WORKSPACE.sqlite NEW_TEXTS_DIR [--repeat 3] [--copies-of DIR --copies 300]

2026-12-01, the 101,000-article workspace of bench.scale (no duplicates among them) and the 1,000
articles of its add, shared 2-core machine (load ~3), 3 runs:

    new texts                                   update (read, update)       full         same
    1,000                                       0.25-0.31 s (0.02-0.07, 0.23)  0.94-1.75 s  yes
    1,300 (300 copies of kept articles planted,  0.26-0.38 s (0.01-0.12, 0.25-0.28)
           --copies-of their files)                                          1.13-2.43 s  yes

The whole add (CLI ``analyse`` of that workspace after ingesting the 1,000; a copy of the
workspace with the index made once; main at 729c80f against this branch merged with it, the same
venv, 3 alternated runs, load 3+): the duplicates stage 1.44 / 1.46 / 2.11 s -> 0.24 / 0.27 /
0.30 s; user CPU 6.15 / 6.51 / 6.40 -> 6.01 / 5.73 / 5.56 s (wall times swung 13.6-24.1 s with the
load); peak of the process after the duplicates 958 -> 737 MB (its overall peak, in the tables,
1.355 -> 1.341 GB). The first analysis of 20,000 articles keeps the index too (band keys sorted
and stored, about 0.07 s): 76.5 / 73.3 / 80.0 s on main -> 70.0 / 75.4 / 69.6 s (noise).
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import time
from pathlib import Path

import numpy as np


def _signature(data):
    return None if data is None else np.frombuffer(data, dtype=np.uint32)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("workspace", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--copies-of", type=Path, help="the kept articles' files: plant copies of some among the new")
    ap.add_argument("--copies", type=int, default=300, help="copies planted (half exact, half near)")
    args = ap.parse_args()
    from tonlage.duplicates import DuplicateIndex, find_duplicates, update_duplicates

    con = sqlite3.connect(f"file:{args.workspace}?immutable=1", uri=True)
    params = DuplicateIndex.params_for()
    new_texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(args.new.glob("*.txt"))]
    if args.copies_of:
        import random

        rng = random.Random(0)
        files = sorted(args.copies_of.glob("*.txt"))
        for k, path in enumerate(rng.sample(files, args.copies)):
            body = path.read_text(encoding="utf-8", errors="replace")
            new_texts.append(body.upper() if k % 2 else body + " Die Meldung wurde am Abend ergänzt.")
    new_keys = [hashlib.blake2b(t.encode(), digest_size=16).hexdigest() for t in new_texts]

    def stored_index():
        has = con.execute("SELECT 1 FROM sqlite_master WHERE name='duplicate_index'").fetchone()
        rows = [r[0] for r in con.execute("SELECT data FROM duplicate_index WHERE seed=0 ORDER BY part")] if has else []
        return DuplicateIndex.from_stored(rows, params) if rows else None

    index = stored_index()
    rows = con.execute("SELECT key, digest, sig FROM sketches WHERE seed=0").fetchall()
    kept_keys = [k for k, _, _ in rows]
    if index is None:
        kept: dict = {}
        find_duplicates([""] * len(rows), known=[(bytes(d), _signature(s)) for _, d, s in rows], kept=kept)
        index = DuplicateIndex.of_search(kept_keys, kept, params)
        assert index is not None
        stored = index.stored()
        print(f"index made from the sketches: {sum(map(len, stored)) / 1e6:.1f} MB")
        stored_index = lambda: DuplicateIndex.from_stored(stored, params)  # noqa: E731
    keys = kept_keys + new_keys
    order = [(i % 997, i) for i in range(len(keys))]
    text = lambda i: new_texts[i - len(kept_keys)]  # noqa: E731

    def fetch(wanted):
        out = {}
        for lo in range(0, len(wanted), 500):
            chunk = wanted[lo : lo + 500]
            marks = ",".join("?" * len(chunk))
            for k, s in con.execute(f"SELECT key, sig FROM sketches WHERE seed=0 AND key IN ({marks})", chunk):
                out[k] = _signature(s)
        return out

    for run in range(args.repeat):
        t0 = time.perf_counter()
        idx = stored_index()
        t1 = time.perf_counter()
        got, updated, made, gone = update_duplicates(idx, keys, text, order, fetch)
        t2 = time.perf_counter()
        updated.meta(), [updated.part(*p) for p in updated.parts[len(idx.parts) :]]
        t3 = time.perf_counter()
        full_rows = con.execute("SELECT key, digest, sig FROM sketches WHERE seed=0").fetchall()
        known = [(bytes(d), _signature(s)) for _, d, s in full_rows] + [None] * len(new_keys)
        expected = find_duplicates([""] * len(full_rows) + new_texts, order=order, known=known)
        t4 = time.perf_counter()
        same = (got.representative, got.kind, got.similarity) == (
            expected.representative,
            expected.kind,
            expected.similarity,
        )
        print(
            f"run {run + 1}: {len(kept_keys):,} kept + {len(new_keys):,} new: update {t3 - t0:.3f} s "
            f"(read {t1 - t0:.3f}, update {t2 - t1:.3f}, serialise {t3 - t2:.3f}); full {t4 - t3:.3f} s; "
            f"{got.n_duplicates:,} copies; same groups: {same}"
        )


if __name__ == "__main__":
    main()
