"""Reading a few articles' sentences from the sentence store of a 100,000-article workspace: the
store's own read (:meth:`tonlage.storage.sentence_store.SentenceStore.frame` with article ids)
against the Parquet dataset's filter on the ids, for article ids in text order and for ids in a
table's row order.

The store keeps each article's sentences together, in the order the articles came. A workspace
of text files names its articles after the files ("a000001" …), so their ids rise with the rows
and the dataset's filter skips every row group whose range of ids misses the ones asked for. A
table's rows are named by their row ("liste-r2", "liste-r3" … "liste-r10" …), which is not the
order of the ids as text: each row group's range of ids spans nearly all of them, and the filter
skips none. The store finds the row groups through where each article's sentences are instead.

Material: bench.scale's workspace (``--keep DIR`` as given there; real sentences of the shared
gnad set analysed by the engine, never committed), and a copy of its sentence parts whose
article ids are those of a table's rows. Each read asks for ``--articles`` random articles'
scored sentences with the columns the Tone page reads (``article_id, sent_idx, tone,
tone_label, evidence``), seeded; the same ids go to both ways, alternated.

    python -m bench.store_reads --keep DIR [--reads 15] [--articles 30]

Issue 13's sixty-third stop, 2026-12-06, the stop-62 workspace (101,000 articles, 2,200,961
sentences, 51 parts, 303 row groups of 8,192), quiet machine, 15 reads of 30 articles, p50 / p95:

    ids in text order:         store 43 / 52 ms,  dataset's filter 52 / 63 ms  (first read 104 ms)
    ids of a table's rows:     store 45 / 123 ms, dataset's filter 72 / 80 ms  (first read 140 ms)
    ids out of order (a zip):  store 46 / 70 ms,  dataset's filter 296 / 307 ms (first read 116 ms)

With ids in order the store reads through the dataset's filter (it checks the row groups' ranges
once); otherwise the first read finds where each article is (~0.1 s), and each read after
decodes only the row groups that hold the articles. Before, the store always read through the
filter: a Tone page view (its 30 latest articles, then the strongest sentences' articles), the
reader view of one article and every other read by article took the filter's time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

WORKSPACE = "scale-bench"  # bench.scale's
COLUMNS = ["article_id", "sent_idx", "tone", "tone_label", "evidence"]


def renamed(store, folder: Path, name_of):
    """A copy of ``store``'s parts (in ``folder``) whose n-th article in the store's order is
    called ``name_of(n)``; the copy and the old id -> new id."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tonlage.storage.sentence_store import ROW_GROUP_ROWS, SentenceStore

    folder.mkdir()
    seen: dict[str, str] = {}
    paths = []
    for i, part in enumerate(store.part_files()):
        table = pq.read_table(part)
        ids = table.column("article_id").to_pylist()
        for a in dict.fromkeys(ids):
            seen.setdefault(a, name_of(len(seen)))
        column = pa.array([seen[a] for a in ids], pa.string())
        table = table.set_column(table.schema.get_field_index("article_id"), "article_id", column)
        path = folder / f"part-{i:05d}.parquet"
        pq.write_table(table, path, row_group_size=ROW_GROUP_ROWS, compression="zstd")
        paths.append(path)
    assert len(set(seen.values())) == len(seen)
    return SentenceStore.from_parts([open(p, "rb") for p in paths], len(store), store.columns), seen


def dataset_filter(store, ids: list[str]):
    """The scored sentences of ``ids`` as the Parquet dataset's own filter reads them."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    dataset = ds.dataset([str(p) for p in store.part_files()], format="parquet")
    wanted = pc.field("article_id").isin(pa.array(ids, pa.string()))
    scored = pc.field("tone").is_valid() & ~pc.is_nan(pc.field("tone"))
    cols = [
        c
        for c in ("article_id", "sent_idx", "tone", "tone_label", "evidence", "evidence_json")
        if c in dataset.schema.names
    ]
    return dataset.to_table(columns=cols, filter=wanted & scored)


def measure(store, pool: list[str], reads: int, n: int, seed: int) -> dict[str, list[float]]:
    rng = np.random.default_rng(seed)
    out: dict[str, list[float]] = {"first": [], "store": [], "filter": []}
    t = time.perf_counter()
    store.frame(COLUMNS, article_ids=[pool[0]], scored=True)  # the first read finds where each article is
    out["first"].append(time.perf_counter() - t)
    for _ in range(reads):
        ids = [pool[i] for i in rng.choice(len(pool), n, replace=False)]
        t = time.perf_counter()
        mine = store.frame(COLUMNS, article_ids=ids, scored=True)
        out["store"].append(time.perf_counter() - t)
        t = time.perf_counter()
        theirs = dataset_filter(store, ids)
        out["filter"].append(time.perf_counter() - t)
        assert len(mine) == theirs.num_rows, (len(mine), theirs.num_rows)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--keep", type=Path, required=True, help="bench.scale's --keep folder")
    ap.add_argument("--reads", type=int, default=15)
    ap.add_argument("--articles", type=int, default=30)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not (args.keep / "data").is_dir():
        print(f"no workspace in {args.keep}; make one with: python -m bench.scale --keep {args.keep} --build-only")
        return 0
    os.environ.update(TONLAGE_DATA_DIR=str(args.keep / "data"), TONLAGE_CACHE_DIR=str(args.keep / "cache"))
    from tonlage.storage.store import cached_workspace_analysis
    from tonlage.storage.workspace import Workspace

    corpus = cached_workspace_analysis(Workspace(WORKSPACE, create=False), random_state=0)
    store = corpus.sentence_store
    pool = corpus.articles["article_id"].astype(str).tolist()
    groups = sum(1 for _ in store.part_files())
    print(
        f"{len(pool):,} articles, {len(store):,} sentences in {groups} parts; {args.reads} reads of {args.articles} articles"
    )
    shuffled = np.random.default_rng(args.seed).permutation(len(pool))
    with tempfile.TemporaryDirectory(prefix="tonlage-store-reads-") as tmp:
        table, table_ids = renamed(store, Path(tmp) / "table", lambda n: f"liste-r{n + 2}")
        zipped, zip_ids = renamed(store, Path(tmp) / "zip", lambda n: f"a{shuffled[n]:06d}")
        for label, s, ids in (
            ("ids in text order (text files read in order)", store, pool),
            ("ids of a table's rows (liste-r2 ...)", table, [table_ids[a] for a in pool]),
            ("ids out of order (a zip in the disk's own order)", zipped, [zip_ids[a] for a in pool]),
        ):
            got = measure(s, ids, args.reads, args.articles, args.seed)
            print(f"{label}:")
            print(f"  the store's first read (finding where each article is): {got['first'][0] * 1e3:.0f} ms")
            for way, name in (("store", "the store's read"), ("filter", "the dataset's filter")):
                xs = sorted(got[way])
                p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
                print(f"  {name:<22} p50 {statistics.median(xs) * 1e3:7.0f} ms   p95 {p95 * 1e3:7.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
