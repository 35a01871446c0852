"""CPU of a fresh analysis worker: its set-up and first articles (cold memos) against the next ones.

A workspace add starts fresh worker processes (forkserver): each imports nothing (the forkserver
preloaded :mod:`tonlage.analysis.preload`) but sets itself up (:func:`tonlage.analysis.per_article.init_worker`) and
fills its per-word memos (tone tokens, lemmas, theme terms, voices) on its first articles. This
bench measures, in a child process that has imported ``tonlage.analysis.preload`` like the forkserver:

- init: ``_init_worker`` with the bundled actor list;
- cold: the analysis of the first ``--cold`` articles (default 500);
- warm: the analysis of the next ``--warm`` articles (default 1,500).

The articles are gnad-built (bench.engine_scale's corpus from ../shared/eval/gnad-dev, seed 0),
read before the clock starts. This tree and a baseline revision (``git archive``, as
bench.parse_cost) run in alternating child processes; CPU seconds (process time), medians.

    python -m bench.cold_worker [--baseline main] [--rounds 3] [--cold 500] [--warm 1500] [--profile]

Where a cold worker's extra time went on main (2026-12-01, cProfile of the same 500 articles analysed
twice in one process, the first pass less the second): ~70 % is the tone tokens' table
(:class:`tonlage.tone.lookup.TokenTable`) meeting ~20,000 new word forms, most of that the
lemmatiser (simplemma: the form, and the lower-case form of a capitalised word) and its
dictionary test; the rest is spread thin (voices' name tests, Konjunktiv tests, evidence texts,
theme terms, the language detector's first load ~40 ms). Init itself was ~40 ms.

2026-12-01, branch engine against main at d65ca62 exported, 7 alternating rounds each, load 2-4
from other work (so all figures are ~1.5-2x those of a quiet machine; the ratios hold):

    tree                   init      first 500           init + first 500   next 1,500
    main                   41 ms     6.11 ms/article     3.10 s             3.70 ms/article
    engine at 13b305a      48 ms     5.24 ms/article     2.67 s (0.86x)     3.71 ms/article (1.00x)
    main                   47 ms     6.48 ms/article     3.29 s             3.53 ms/article
    engine at 0eea2d8       8 ms     4.50 ms/article     2.26 s (0.69x)     3.29 ms/article (0.93x)

13b305a: a new form's Token made once instead of made and copied with ``dataclasses.replace``
(a new form 34-36 -> 20-28 us, 19,902 forms of 500 gnad-built articles, one process each);
role and institution heads by one set lookup per length (17 -> 4 us a new word). 0eea2d8 adds
the forkserver's preload of the tone lexicon, word lists, stop words and language detector. The
cold excess (first 500 over the warm rate) fell from 2.4-2.9 to 1.2-1.5 ms an article; what is
left is mostly the lemmatiser on new forms.

A warm start was measured and not kept: a memo of the tokens and lemmas of 300 articles built
from one half of gnad-dev, loaded (pickle) into a worker that then analyses 500 articles built
from the other half, covers 81 % of their tokens but only a third of their 19,902 forms (the
cold cost is the long tail of rare forms, each met once); loading its 16,600 tokens costs
0.10-0.18 s, about what it saves (init + first 500: 2.19-2.55 s without, 2.39-2.51 s with).
A memo of 1,000 articles from the same sentence pool (the same sentences again) saved ~25 %,
but a real add meets new articles.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.engine_scale import DEFAULT_DATA, gnad_material
from bench.engine_throughput import build_corpus
from bench.parse_cost import ENGINE_FILE, ROOT, export

CHILD = r"""
import json, sys, time
from pathlib import Path
try:
    import tonlage.analysis.preload  # what the forkserver imports before it forks a worker
except ImportError:  # a baseline from before tonlage/analysis/
    import tonlage.preload
from tonlage.actors import read_actors
from tonlage.ingest.records import Document
from tonlage.ingest.run import read_articles
try:  # this layout (tonlage/analysis/per_article.py, 2026-12-02)
    from tonlage.analysis import per_article
except ImportError:  # a baseline from before it: the worker's functions were private to the pipeline
    from types import SimpleNamespace
    from tonlage import pipeline as _p
    per_article = SimpleNamespace(init_worker=_p._init_worker, parse=_p._parse)
n_cold, n_warm, profile = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1"
files = sorted(Path(sys.argv[2]).glob("*.txt"))[: n_cold + n_warm]
texts = [a.text for p in files for a in read_articles(Document(p.name, p.read_bytes()))[0]]
actors = read_actors(Path(sys.argv[1]) / "data" / "actors.csv")
if profile:
    import cProfile, pstats
    prof = cProfile.Profile()
    prof.enable()
t0 = time.process_time()
per_article.init_worker(actors)
t1 = time.process_time()
for t in texts[:n_cold]:
    per_article.parse(t)
t2 = time.process_time()
for t in texts[n_cold:]:
    per_article.parse(t)
t3 = time.process_time()
if profile:
    prof.disable()
    pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(45)
    pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(60)
print(json.dumps({"init": t1 - t0, "cold": t2 - t1, "warm": t3 - t2, "n_cold": n_cold, "n_warm": len(texts) - n_cold}))
"""


def run(tree: Path, data: Path, cold: int, warm: int, profile: bool = False) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD + ENGINE_FILE,
            str(tree),
            str(data),
            str(cold),
            str(warm),
            "1" if profile else "0",
        ],
        check=True,
        env=env,
        capture_output=True,
        text=True,
        cwd=tree,
    )
    if profile:
        print(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument(
        "--baseline", default="main", help="git revision (or a folder with tonlage/ and data/) to compare with"
    )
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cold", type=int, default=500)
    ap.add_argument("--warm", type=int, default=1500)
    ap.add_argument("--profile", action="store_true", help="print this tree's profile (one run, no baseline)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data folder {args.data}; nothing measured")
        return 0
    pool, titles, sizes = gnad_material(args.data)
    with tempfile.TemporaryDirectory(prefix="tonlage-cold-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, args.cold + args.warm, sizes, 0, pool=pool, titles=titles)
        if args.profile:
            print(run(ROOT, corpus, args.cold, args.warm, profile=True))
            return 0
        given = Path(args.baseline)
        # a folder holding a tree of the engine (tonlage/, data/) is used as it is
        base = given if (given / "tonlage").is_dir() else export(args.baseline, Path(tmp) / "base")
        runs: dict[str, list[dict]] = {"baseline": [], "this tree": []}
        for _ in range(args.rounds):
            runs["baseline"].append(run(base, corpus, args.cold, args.warm))
            runs["this tree"].append(run(ROOT, corpus, args.cold, args.warm))
    print(f"{args.cold} + {args.warm} gnad-built articles, {args.rounds} alternating rounds, median CPU:")
    med = {k: {f: statistics.median(r[f] for r in v) for f in ("init", "cold", "warm")} for k, v in runs.items()}
    for name, m in med.items():
        print(
            f"  {name:<10} init {m['init'] * 1e3:7.1f} ms   first {args.cold}: {m['cold'] / args.cold * 1e3:6.3f} ms/article"
            f"   init+first {m['init'] + m['cold']:6.3f} s   next: {m['warm'] / args.warm * 1e3:6.3f} ms/article"
        )
    b, t = med["baseline"], med["this tree"]
    print(
        f"  ratio      init+first {(t['init'] + t['cold']) / (b['init'] + b['cold']):5.2f}x   "
        f"next {t['warm'] / b['warm']:5.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
