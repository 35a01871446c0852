"""Per-article cost of reading and analysing plain-text articles, this tree against a baseline.

Both engines run in one invocation, in alternating child processes (so both see the same
machine load), on the same files (by default the shared ``gnad-dev/*.txt``):

- read: bytes → :class:`~tonlage.corpus.RawArticle` (format reader, decoding, page reading,
  furniture, byline, date, genre) — the ingest's per-file work;
- analyse: read plus the analysis's per-article work (sentences, language, tone, actors,
  theme terms), as a folder analysis does in each worker.

The baseline is a git revision of this repository (default ``main``), exported with
``git archive`` into a temporary folder and imported from there. Times are CPU seconds of the
child process (the machine is shared: wall-clock time measures the neighbours too), one pass
over the files as an analysis makes it.

    python bench/parse_cost.py [--data DIR] [--baseline REV] [--rounds 5]

Until 2026-12-01 the baseline child imported this tree's engine when run from the checkout
(``python -c`` puts the working folder first on the path), so both rows measured the same code;
figures from before then compare nothing. Branch i13-engine against main, 3-5 rounds: 2,000
gnad-built articles (bench.engine_scale's corpus) read 0.74x, read+analyse 0.91-0.93x; the 509
gnad-dev originals (one paragraph each, cold caches) read 0.97x, read+analyse 0.98x.
Branch i13-voices against 03c0b70, 5 rounds, 2,000 gnad-built articles: read 0.79 ms both,
read+analyse 3.01 -> 2.96 ms (0.98x; the voices' share 0.84 -> 0.75 ms warm).
Branch engine against main at d65ca62 exported, 5 rounds, 2,000 gnad-built articles, load 3-4
from other work (figures ~1.7x a quiet machine's): read 1.30 ms both, read+analyse 5.75 -> 5.07
ms (0.88x). Only 20 articles warm the memos first, so this pass meets most of its ~34,000 word
forms for the first time: the gain is the cheaper new form (see bench.cold_worker); a second,
warm pass costs the same on both trees (bench.cold_worker: the next 1,500 articles 1.00x).
Branch engine2 (issue 13, the warm per-article CPU) against main at b651787, 2026-12-01, load
0.1-4 from other work (CPU-time figures varied by +-15 % between runs; ranges over 2-4 runs, the
last of each at 7d0e80f, the earlier before its chunked tone tokens):
this bench, 5 rounds, 1,000 gnad-built articles (/tmp/added2, bench.load.write_articles): read
1.14-1.24 ms both, read+analyse 5.73 -> 5.47 ms and 6.17 -> 5.22 ms (0.96x, 0.85x; mostly new
word forms); the 509 gnad-dev originals 5.81 -> 5.81 ms (1.00x; their cost is new forms and the
lemmatiser). bench.cold_worker, 3-5 rounds: the first 500 articles 0.75-0.93x, the next 1,500
(warm) 3.97 -> 3.23, 4.36 -> 3.61, 4.10 -> 3.50 ms (0.81-0.92x). Instructions (callgrind, three
warm passes over 200 of the gnad-built articles less none; deterministic, no load): 15.57 ->
13.29 M an article (0.85x); their cold first pass ~0.82x. What changed: the voices take a
sentence's words from its tone tokens where both patterns cut alike (96 % of the sentences; the
second WORD.findall was ~8 % of a warm article), tone tokens of a sentence without a hyphen cut
chunk by chunk (~6 % -> ~4 %), one lookup a token for theme terms (LemmaTermTable), and evidence
written packed directly (packed_evidence, ~15 -> 5 us a sentence). Every table the same as
main's (bench.same_tables, 2 workers) on the bundled corpus, gnad-dev and the 1,000 gnad-built
articles.
Branch engine3 (issue 13, warm and cold per-article CPU) against main at 718eb52, 2026-12-01.
Instructions (callgrind; deterministic, unaffected by the other work on the machine): three warm
passes over 200 of the gnad-built articles (/tmp/added2) after one warm-up pass, less a run with
the warm-up only: 13.28 -> 12.35 M an article a warm pass (0.93x). A fresh worker as
bench.cold_worker starts one (tonlage.analysis.preload, the bundled actors) reading and analysing its
first 400 of those articles, less the same start without articles: 33.95 -> 33.00 M an article
(0.97x; the start itself 11.244 -> 11.249 G). CPU time could not show a change this size that
day: load 1-4 from other work and the callgrind runs; the read step, which nothing here changed,
moved 0.98-1.11x between runs of this bench. This bench, 5 rounds, 1,000 gnad-built articles:
read+analyse 6.97 -> 6.81 ms (0.98x; read 0.98x) and 6.40 -> 6.59 ms (1.03x; read 1.11x);
the 509 gnad-dev originals 6.28 -> 6.77 ms (1.08x; read 1.06x). bench.cold_worker, 3 rounds,
four runs: init + first 500 0.95x, 0.90x, 1.04x, 1.01x; next 1,500 0.94x, 1.02x, 1.09x, 1.18x
(the last two at load ~1.3; one baseline's warm pass moved 2.40-3.50 ms between rounds of a
same-day A/B, so these are not read as a change either way). What changed: capitalised
runs of names found with possessive quantifiers (people.CAP_RUN, the same runs, ~80 -> ~43 us an
article), a name word's article-independent test in one cached call, a sentence in one quote's
part counting its letters once, a sentence's words taken from its tone tokens by a set of the
non-word tokens at C speed (itertools.filterfalse), a clause without a verb of saying rejected
by one set test (saying_verb), the Konjunktiv I pre-check and split-verb test without making a
set, empty evidence without walking the cues, bigrams by a list comprehension. Every table the
same as main's (bench.same_tables, 2 workers) on the bundled corpus, gnad-dev and the 1,000
gnad-built articles; bench.quotes_quality's figures the same.
Compiling the engine with mypyc (issue 13; mypy 2.4.1's mypyc, opt level 3, in place), tried on
main at df4c221, 2026-12-02, and not adopted: under the 1.25x on read+analyse it had to reach. 38
modules compiled: pipeline, text, language, lexicon_cache, thresholds, actors, tone/ (lookup,
rules, scorer, tokens, lexicon, features, model), voices/ (all but its __init__), and the read
side's genre, page, furniture, dates, bylines, encoding. They needed Final on the class constants
(tokens.Kind, tokens.Flag; mypyc rejects them as instance attributes read through the class) and
on module constants (without it every read of one is a dict lookup in compiled code), People's
names as properties instead of __getattr__ (no __getattr__ or __dict__ on a compiled class) and
two __init__ annotated. Not compilable as they are: i18n (Message, Dated, Signed subclass str and
float), corpus (StoredArticle.stored's cls.__new__ and __dict__: an internal mypyc error) and
themes (compiled, analyse_folder failed: ThemeModel is given attributes from outside its class).
Figures, 1,000 gnad-built articles (/tmp/added2), load 0.5-2.8 from other work: this bench, 5
rounds, read+analyse 4.47 -> 4.00 ms (0.89x; 26 of the modules, before the Final constants), 4.96
-> 4.25 ms (0.86x; all 38), and in one alternating run main 4.39, the same source uncompiled 4.15,
compiled 3.70 ms (0.84x main, 0.89x the same source); read 0.87-0.94x; the 509 gnad-dev originals
5.17 -> 4.48 ms (0.87x). A second, warm pass (analyse only), 9 alternating pairs: compiled /
uncompiled 0.63-0.93x, median 0.79x. Instructions (callgrind, deterministic): read and analyse of
200 articles after 20 as here, 32.0 (main), 31.9 (the same source uncompiled) -> 25.7 M an article
(0.80x); a warm pass, the same source, 12.35 -> 9.00 M (0.73x). analyse_folder of the 1,000
articles, one worker, CPU time with children, 4 alternating pairs (themes not compiled):
0.87-0.92x, one pair 1.24x. Why so little: under perf the compiled code itself is ~6 % of the
samples; the rest is CPython's dicts, sets, strings, regexes, allocation and GC (libpython ~77 %),
langdetect_rs (~6 %) and simplemma; in main the bytecode loop's own share is ~16 %, about all that
compiling removes. The build took 2 min 16 s - 2 min 30 s on one core (over CI's budget for the
step).

Issue 13's fifteenth stop (the pipeline split into tonlage/analysis/per_article.py, parallel.py,
tables.py, text_parts.py, theme_step.py), against c289f7d, 3 rounds, the 509 gnad-dev originals:
read 0.452 -> 0.465 ms (1.03x), read+analyse 3.945 -> 4.008 ms (1.02x): the same work, within the
noise. The child imports the worker's functions from either layout.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"

CHILD = r"""
import json, sys, time, gc
from pathlib import Path
from tonlage.ingest.records import Document
from tonlage.ingest.run import read_articles
try:  # this layout (tonlage/analysis/per_article.py, 2026-12-02)
    from tonlage.analysis import per_article
except ImportError:  # a baseline from before it: the worker's functions were private to the pipeline
    from types import SimpleNamespace
    from tonlage import pipeline as _p
    per_article = SimpleNamespace(init_worker=_p._init_worker, parse=_p._parse)
files = sorted(Path(sys.argv[2]).glob("*.txt"))
docs = [Document(p.name, p.read_bytes()) for p in files]
per_article.init_worker([])
gc.disable()
for d in docs[:20]:  # warm caches (lemmas, regexes) the same way for both engines
    for a in read_articles(d)[0]:
        per_article.parse(a.text)
t0 = time.process_time()
arts = [a for d in docs for a in read_articles(d)[0]]
t1 = time.process_time()
for a in arts:
    per_article.parse(a.text)
t2 = time.process_time()
print(json.dumps({"n": len(arts), "read": (t1 - t0) / len(arts), "parse": (t2 - t1) / len(arts)}))
"""


# The child also checks which engine it imported (the tree it was given, not another).
ENGINE_FILE = r"""
import tonlage
assert Path(tonlage.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), tonlage.__file__
"""


def export(rev: str, into: Path) -> Path:
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "tonlage", "data"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def run(tree: Path, data: Path) -> dict:
    # The engine of ``tree`` is found first (PYTHONPATH), ahead of the installed one; the child
    # runs in ``tree`` because ``python -c`` puts its working folder first on the path (run from
    # this checkout, the baseline measured this tree's engine).
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD + ENGINE_FILE, str(tree), str(data.resolve())],
        check=True,
        env=env,
        capture_output=True,
        text=True,
        cwd=tree,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=EVAL / "gnad-dev")
    ap.add_argument("--baseline", default="main", help="git revision to compare with (default: main)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data folder {args.data}; nothing measured")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        base = export(args.baseline, Path(tmp))
        runs: dict[str, list[dict]] = {"baseline": [], "this tree": []}
        for _ in range(args.rounds):
            runs["baseline"].append(run(base, args.data))
            runs["this tree"].append(run(ROOT, args.data))
    n = runs["this tree"][0]["n"]
    print(f"{n} articles from {args.data}, {args.rounds} alternating rounds, median per article:")
    med = {k: {f: statistics.median(r[f] for r in v) for f in ("read", "parse")} for k, v in runs.items()}
    for name, m in med.items():
        print(f"  {name:<10} read {m['read'] * 1e3:7.3f} ms   read+analyse {(m['read'] + m['parse']) * 1e3:7.3f} ms")
    b, t = med["baseline"], med["this tree"]
    print(
        f"  ratio      read {t['read'] / b['read']:6.2f}x    read+analyse "
        f"{(t['read'] + t['parse']) / (b['read'] + b['parse']):6.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
