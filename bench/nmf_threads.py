"""The themes' NMF on one thread (sklearn's) and on two (tonlage.themes.factorise.coordinate_descent).

Builds N articles from the 10kGNAD dev half as bench.engine_scale does (evaluation data, not
shipped; kept under /tmp only while the bench runs), weights them as the theme model does
(sublinear TF-IDF, float32, document-frequency limits of a large corpus; all words rather than
the theme terms, so the matrix is denser than the model's) and fits ``--k`` themes both ways,
alternated ``--repeat`` times. Prints wall and CPU seconds of each fit, the iterations, whether
W and H are the same bit for bit, and how many iterations ran on two threads (the rest ran on
one: the fit takes whichever was faster so far, see tonlage.themes.factorise._Pace).

    python -m bench.nmf_threads [--n 10000] [--k 25] [--repeat 3]

Measured 2026-12-01 on the shared 2-core machine, 10,000 articles (31,269 terms, 2.6 M
non-zeros, 25 themes for this bench, 20 in an analysis of 10,000), W and H the same bit for bit
in every run. Quiet (load 1.1): sklearn 5.35 / 5.27 / 5.32 s, two threads 3.18 / 3.24 / 3.18 s
(1.67x; CPU 5.45-5.56 s against 5.27-5.35 s; 142 of 155 iterations on two threads, the others
the probes of one thread). While a core was free (load ~3.5, before the per-iteration choice): sklearn 5.6 /
6.0 / 6.0 s, two threads 4.0 / 6.3 / 3.9 s (CPU 5.8 s: 1.45 cores busy). With both cores taken by
other work (load 4-9), threads without the choice lost (sklearn 6.8 / 5.7 / 7.4 s, threads 9.8 /
9.9 / 4.2 s: every hand-over waits for a wake-up); with it they cost 0-8 % (5.5 against 5.5-6.1
s, CPU = wall: no second core to be had). The gain needs a free core; on a quiet machine the
analysis's theme step has one, as the worker processes have ended by then.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.engine_scale import DEFAULT_DATA, gnad_material
from bench.engine_throughput import build_corpus


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--k", type=int, default=25, help="themes (25: the default from 100,000 articles)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    from sklearn.feature_extraction.text import TfidfVectorizer

    from tonlage.themes import factorise

    pool, titles, sizes = gnad_material(args.data)
    with tempfile.TemporaryDirectory(prefix="tonlage-nmf-") as tmp:
        build_corpus(Path(tmp), args.n, sizes, pool=pool, titles=titles)
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(tmp).glob("*.txt"))]
    X = TfidfVectorizer(sublinear_tf=True, min_df=5, max_df=0.7).fit_transform(texts).astype(np.float32)
    del texts
    print(f"{X.shape[0]:,} articles, {X.shape[1]:,} terms, {X.nnz / 1e6:.1f} M non-zeros, {args.k} themes")
    threaded_iterations: list[int] = []
    real_took = factorise._Pace.took

    def took(self, threaded: bool, seconds: float) -> None:
        threaded_iterations[-1] += threaded
        real_took(self, threaded, seconds)

    factorise._Pace.took = took  # type: ignore[method-assign]
    walls: dict[str, list[float]] = {"one thread (sklearn)": [], "two threads": []}
    for run in range(1, args.repeat + 1):
        got = {}
        for name, split_from in (("one thread (sklearn)", 10**12), ("two threads", 0)):
            factorise.NMF_SPLIT_FROM = split_from
            threaded_iterations.append(0)
            c, t = _cpu(), time.perf_counter()
            W, H, model = factorise.fit_nmf(X, args.k, 0)
            wall, cpu = time.perf_counter() - t, _cpu() - c
            walls[name].append(wall)
            got[name] = (W, H)
            extra = f", {threaded_iterations[-1]} on two threads" if split_from == 0 else ""
            print(
                f"run {run} {name:<22} {wall:6.2f} s, CPU {cpu:6.2f} s, {model.n_iter_} iterations{extra}", flush=True
            )
        (W1, H1), (W2, H2) = got.values()
        print(f"run {run} same W and H bit for bit: {np.array_equal(W1, W2) and np.array_equal(H1, H2)}")
    for name, xs in walls.items():
        print(f"median {name:<22} {statistics.median(xs):6.2f} s")


if __name__ == "__main__":
    main()
