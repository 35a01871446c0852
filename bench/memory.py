"""Peak memory of a full analysis: where it goes, and whether it grows with the batch or the corpus.

Builds N German articles from the 10kGNAD dev half as bench.engine_scale does (../shared/eval/
gnad-dev, evaluation only, never committed; the corpus is kept under /tmp between runs) and runs
the analysis in a subprocess of its own: ``analyse_folder`` with the given batch size (articles
parsed, written out and let go together, see ``tonlage.analysis.pipeline.BATCH_ARTICLES``), then the
pickling the analysis cache does, then reading the sentences as the app's hot paths do. Prints
the peak resident memory of the whole process tree (sampled every 0.1 s from /proc) and the main
process's resident memory after each stage.

    python -m bench.memory --n 20000 --batch 1000 --batch 5000    # fixed N, batch sizes
    python -m bench.memory --n 10000 --n 30000 --batch 2000        # fixed batch, corpus sizes

Target (issue #13): peak < 4 GB at 100,000 articles; memory that grows with the batch size, not
with the corpus.

Measured 2026-12-01 on the shared 2-core machine (load 1.5-3 from other work; wall times are
not comparable between rows), 2 worker processes. Peak of the process tree: sum of resident
sizes (as bench.engine_scale) and proportional set size (shared pages counted once):

    checkout       N  batch   peak RSS  peak PSS  main process peak  pickled
    main      10,000      -    1.65 GB   1.21 GB          -           130 MB
    stream    10,000   2000    1.59 GB   1.07 GB        603 MB         55 MB
    main      20,000      -    2.27 GB      -          1,657 MB        261 MB
    stream    20,000    500    1.73 GB      -            855 MB        111 MB
    stream    20,000   2000    1.83 GB      -            891 MB        112 MB
    stream    20,000   5000    1.97 GB      -            941 MB        112 MB
    main      30,000      -    2.80 GB   2.63 GB          -           394 MB
    stream    30,000   2000    2.06 GB   1.53 GB      1,220 MB        169 MB
    main     100,000      -    7.95 GB   7.86 GB          -         1,321 MB
    stream   100,000   2000    3.70 GB   3.17 GB      2,994 MB        571 MB

What still grows with the corpus (main process, 100,000 articles): the articles read (~1 GB
after loading: their text and metadata), the theme features until the themes are fitted, the
duplicate search's index while it runs, the article table's copy of every text, and pickling
(the Parquet bytes are read into the pickle: twice their size for a moment). The wall time
at 100,000 was the same (366 s before, 364 s after).

2026-12-01, issue 13's fourth stop: the article table's texts encoded a chunk at a time instead of
handed to pyarrow as strings (which left a UTF-8 copy inside every text), and articles pickled to
the workers with their text as bytes (pickle left the same copy). 20,000 articles, default batch,
on a loaded machine: main process after the tables 822 -> 733 MB, peak of the tree 1.56 ->
1.45 GB (PSS 1.22 -> 1.10 GB). This bench pickles the analysis into one bytes object itself, so it
does not show the third change: the app's cache now pickles into a pipe as it writes (at 100,000
articles that object was 553 MB on top of the analysis).

2026-12-01, issue 13's sixth stop (machine under load from other work; memory, not time): peak of
the tree (RSS / PSS) and the main process's peak: 10,000 at batch 2000 1.26 / 0.92 GB, 536 MB;
30,000 at batch 2000 1.63 / 1.29 GB, 984 MB; 20,000 at batch 500 1.34 / 1.00 GB, 723 MB; at batch
5000 1.62 / 1.28 GB, 872 MB. Both still grow: ~22 KB per article of corpus and ~33 KB per article
of batch in the main process. A folder analysis holds its articles' texts throughout; a
workspace's add reads only its new texts (bench/scale.py).

2026-12-01, issue 13 (branch memory, against main at 874c163): what the main process held per
article of corpus, and what was cut. Found with tracemalloc snapshots at each stage's lap (10,000
articles): the articles' texts as strings (5.3 KB an article: 77 % of the gnad-built texts hold a
character above U+00FF, so two bytes a character; 2.8 KB as UTF-8) held from reading to the end;
the texts' column (the same texts as UTF-8 in Arrow parts, 2.8 KB); the theme features (a list of
interned terms, 1.2 KB; their sentence keys 0.65 KB; the cut-down parse 0.3 KB); the articles'
metadata (1.2 KB: the article table's columns); the files' paths (0.5 KB); the theme fit's counts
and TF-IDF while it runs (~6 KB at its peak, the class TF-IDF's float copy of the counts last).
Changed: each batch's texts are sketched for the duplicate search (duplicates.DuplicateSketches:
the same groups) and put in their part of the texts' column as the batch is parsed, then let go
and the C heap trimmed; the texts' column is written to a removed temporary file and held
memory-mapped (pages the system can drop, as the cache's parts are read); the paths are let go
once read. Both checkouts run with main's .venv (a fresh .venv of the same packages started each
process ~30 MB larger: import of tonlage.analysis.pipeline 149 against 118 MB, the branch's code under
main's .venv 119 MB), 2 workers, batch 2000, load 2-3.5. Main process, MB:

    checkout            N     load  parse peak  themes peak  after tables  pickled (peak)  tree peak / PSS
    main 874c163   10,000      219         384          495           481             632  1.28 / 0.93 GB
    memory 620b85f 10,000      215         401          420           397             535  1.30 / 0.95 GB
    main 874c163   30,000      376         587          839           856           1,081  1.65 / 1.30 GB
    memory 620b85f 30,000      362         533          650           583             924  1.59 / 1.21 GB

Growth per article of corpus (30,000 less 10,000, over 20,000): the main process's peak through the
tables 18.0 -> 11.5 KB, what it holds after the tables 18.8 -> 9.3 KB, its peak with this bench's
pickling 22.5 -> 19.5 KB; the tree's peak 18.5 -> 14.5 KB. The pickling row is this bench's own
``pickle.dumps`` into one bytes object, which also reads every sentence part and every text into
it (5.2 KB an article); the app's cache pickles into a pipe with the parts as entries of their
own (tonlage.storage.store). What still grows with the corpus: the texts held as strings from reading
until their batch is parsed (the load column: 7.3 KB an article; the recurring lines are learnt
over every text before the first batch), the theme features and the fit's counts (the floor the
theme step needs), the article metadata, the duplicate signatures (0.7 KB). The parse peak at
10,000 is higher: the duplicate search's imports (scipy, datasketch) now come with the first
batch, and a part of the texts' column is held as UTF-8 until its 8,192 texts are written. A
timed analysis of 10,000 (2 workers, alternated 4 times, load 2-4): wall 38.3 / 59.1 / 60.4 /
53.4 s on main against 41.0 / 37.7 / 58.3 / 46.8 s; CPU of the process tree 66-79 s against
67-75 s, of the main process 15.5-19.4 s against 16.5-17.9 s: no loss above the machine's swing.
Same tables (bench.same_tables, 2 workers) on the bundled corpus and 1,000 gnad-built articles,
and the same texts (every text and part name).

Growth per article of batch, same setting, 20,000 articles at batch 500 and 5,000 (main process
MB, main -> memory): parse peak 397 / 639 -> 396 / 586, peak through the tables 615 / 794 -> 489 /
635, with the pickling 818 / 946 -> 699 / 746; tree peak 1.36 / 1.64 -> 1.36 / 1.59 GB. Per article
of batch: parse peak 54 -> 42 KB, through the tables 40 -> 32 KB, with the pickling 28 -> 10 KB.
A batch's parse results (every sentence's spans, tone, evidence and voices, while the next
batch's arrive) are most of it: that is the memory the batch size buys.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bench.engine_scale import DEFAULT_DATA, TARGET_PEAK_GB, _tree, gnad_material, run_measured
from bench.engine_throughput import ROOT, build_corpus

_RUN = """
import json, pickle, sys, time
from tonlage.analysis import pipeline
if int(sys.argv[2]):
    pipeline.BATCH_ARTICLES = int(sys.argv[2])
corpus = pipeline.analyse_folder(sys.argv[1], workers=int(sys.argv[3]) or None)
mem = dict(corpus.params.get("memory_mb", {}))
t0 = time.perf_counter()
size = len(pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL))
resident = getattr(pipeline, "_resident_mb", lambda: (0, 0))  # absent before this bench
mem["pickled for the cache"] = resident()
store = getattr(corpus, "sentence_store", None)
first = corpus.articles["article_id"].iloc[len(corpus.articles) // 2]
if store is not None:
    store.of_article(first)
    store.frame(["article_id", "tone", "tone_label"])
else:
    s = corpus.sentences
    s[s["article_id"] == first]
    s[["article_id", "tone", "tone_label"]]
mem["one article's sentences, tone columns"] = resident()
print(json.dumps({"memory": mem, "timings": corpus.params.get("timings", {}), "pickled": size,
                  "sentences": int(corpus.articles["n_sentences"].sum())}))
"""


def _pss(root: int) -> int:
    """Proportional set size of ``root`` and its descendants (/proc/PID/smaps_rollup): memory
    the forkserver's workers share copy-on-write (the lemma table, the engine's modules) counts
    once, where the sum of resident sizes counts it in every process."""
    _, cpu = _tree(root)
    total = 0
    for pid in cpu:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                total += next((int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:")), 0)
        except OSError:
            continue
    return total


def run_with_pss(cmd: list[str], root: Path = ROOT) -> tuple[float, int, float, str, int]:
    """:func:`bench.engine_scale.run_measured` and the peak proportional set size of the tree."""
    import threading

    peak = [0]
    done = threading.Event()

    def watch() -> None:
        own = os.getpid()
        while not done.is_set():
            for child in _children(own):
                peak[0] = max(peak[0], _pss(child))
            done.wait(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        secs, rss, cpu, out = run_measured(cmd, root)
    finally:
        done.set()
        watcher.join()
    return secs, rss, cpu, out, peak[0]


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def corpus_folder(n: int, data: Path, seed: int = 0) -> Path:
    """The generated corpus of ``n`` articles, built once and kept under /tmp."""
    folder = Path(f"/tmp/tonlage-memory-{n}-{seed}")
    if not (folder / ".complete").exists():
        folder.mkdir(exist_ok=True)
        pool, titles, sizes = gnad_material(data)
        build_corpus(folder, n, sizes, seed, pool=pool, titles=titles)
        (folder / ".complete").touch()
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--n", type=int, action="append", help="articles (repeatable); default 10000")
    ap.add_argument("--batch", type=int, action="append", help="batch sizes (repeatable); 0: the default")
    ap.add_argument("--workers", type=int, default=0, help="worker processes (0: as the engine picks)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of 10kGNAD .txt files")
    ap.add_argument(
        "--root", type=Path, default=ROOT, help="checkout to measure (e.g. ../main: before), with its .venv"
    )
    args = ap.parse_args()
    root = args.root.resolve()
    python = str(root / ".venv" / "bin" / "python") if (root / ".venv").is_dir() else sys.executable
    if not args.data.is_dir():
        raise SystemExit(f"{args.data} not found: the 10kGNAD dev half is evaluation data, not shipped")
    rows = []
    for n in args.n or [10_000]:
        folder = corpus_folder(n, args.data)
        for batch in args.batch or [0]:
            cmd = [python, "-c", _RUN, str(folder), str(batch), str(args.workers)]
            secs, peak, cpu, out, pss = run_with_pss(cmd, root)
            got = json.loads(out.strip().splitlines()[-1])
            print(
                f"N = {n:,}, batch {batch or 'default'}: {secs:.0f} s, CPU {cpu:.0f} s, peak {peak / 1e9:.2f} GB "
                f"(sum of RSS; proportional set size {pss / 1e9:.2f} GB), load {os.getloadavg()[0]:.1f}"
            )
            print(f"  {got['sentences']:,} sentences, pickled analysis {got['pickled'] / 1e6:.0f} MB")
            for stage, (rss, hwm) in got["memory"].items():
                print(f"  {stage:<60} main process {rss:6,} MB (peak so far {hwm:6,} MB)")
            rows.append((n, batch, peak, pss, secs))
    print(f"\n{'N':>8} {'batch':>7} {'peak GB':>8} {'PSS GB':>7} {'wall s':>7}")
    for n, batch, peak, pss, secs in rows:
        print(f"{n:>8,} {batch or 'default':>7} {peak / 1e9:8.2f} {pss / 1e9:7.2f} {secs:7.0f}")
    ok = all(peak / 1e9 < TARGET_PEAK_GB for _, _, peak, _, _ in rows)
    print(f"peak < {TARGET_PEAK_GB:g} GB: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
