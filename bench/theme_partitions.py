"""Themes fitted in partitions (MiniBatchNMF over partitions, above the TF-IDF matrix budget)
against the exact NMF: agreement with newsroom desks, time and peak memory.

    .venv/bin/python -m bench.theme_partitions [--data DIR] [--k 9] [--seeds 0 1 2]
                                               [--partition 64] [--scale 20000]

1. **Agreement** on the desk-labelled articles of ``/work/shared/eval/gnad-dev`` (texts are read,
   never copied): the engine's theme step (``theme_step.fit_themes``) once exact and once forced into
   partitions of ``--partition`` articles (the budget set to 0). Scored as
   ``bench/themes_quality.py`` scores themes: NMI and ARI of each article's top theme against
   its desk; also the NMI between the two fits' top themes, and the mean stability. The
   partitioned fit's settings (passes, start) were chosen looking at this figure on the whole
   set: it is in-sample, an upper bound of what a held-out set would show.
2. **Cost at the same size**: ``--scale`` generated documents (each the theme features of two
   labelled articles, sampled; in memory only), fitted by ``ThemeModel`` exact and in
   partitions of the default 2,000 articles, each in a fresh process: fit seconds and the
   process's peak RSS (with the RSS before the fit, so the fit's own part shows).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _parsed(data: Path):
    from bench.themes_quality import parsed_material

    _files, labels, texts, raws, parsed, matcher = parsed_material(data)
    return labels, texts, raws, parsed, matcher


def agreement(args) -> None:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from bench.themes_quality import engine_themes, fmt
    from tonlage.themes import partitions

    labels, _texts, raws, parsed, matcher = _parsed(args.data)
    rows: dict[str, list[list[float]]] = {"exact": [], "partitions": []}
    between, parts = [], 0
    for seed in args.seeds:
        tops = {}
        for method in ("exact", "partitions"):
            os.environ["TONLAGE_THEME_MATRIX_MB"] = "4096" if method == "exact" else "0"
            old = partitions.PARTITION_DOCS
            partitions.PARTITION_DOCS = args.partition
            try:
                model, _, secs = engine_themes(raws, parsed, matcher, args.k, seed)
            finally:
                partitions.PARTITION_DOCS = old
            assert model.fit_method_ == method, model.fit_method_
            parts = max(parts, model.fit_parts_)
            top = np.where(model.shares_.sum(axis=1) > 0, model.shares_.argmax(axis=1), -1)
            tops[method] = top
            rows[method].append(
                [
                    normalized_mutual_info_score(labels, top),
                    adjusted_rand_score(labels, top),
                    float(np.nanmean(model.stability_)),
                    secs,
                ]
            )
        between.append(normalized_mutual_info_score(tops["exact"], tops["partitions"]))
    os.environ.pop("TONLAGE_THEME_MATRIX_MB", None)
    print(
        f"{len(labels)} desk-labelled articles ({len(set(labels))} desks), k = {args.k}, seeds "
        f"{', '.join(map(str, args.seeds))} (mean ± sd); partitions of {args.partition} articles ({parts} parts), "
        f"{partitions.MINIBATCH_PASSES} passes"
    )
    for method, vals in rows.items():
        cols = list(zip(*vals))
        print(
            f"  {method:<11} NMI {fmt(list(cols[0]))}   ARI {fmt(list(cols[1]))}   "
            f"stability {fmt(list(cols[2]))}   theme step {statistics.mean(cols[3]):.2f} s"
        )
    print(f"  exact vs partitions, NMI of the top themes: {fmt(between)}")


def generated_docs(data: Path, n: int, seed: int = 0) -> list[list[str]]:
    """``n`` documents, each the theme features of two labelled articles (a random half of
    each), so that sizes and vocabulary are those of real articles."""
    from tonlage.analysis import theme_step

    _labels, _texts, _raws, parsed, _matcher = _parsed(data)
    feats = [list(theme_step.theme_features(p, set())) for p in parsed]
    feats = [f for f in feats if len(f) >= 10]
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        a, b = rng.sample(feats, 2)
        docs.append(rng.sample(a, len(a) // 2) + rng.sample(b, len(b) // 2))
    return docs


def child(args) -> None:
    """One fit in this process; prints a JSON line with its figures."""
    from tonlage.themes.model import ThemeModel

    docs = generated_docs(args.data, args.scale)
    os.environ["TONLAGE_THEME_MATRIX_MB"] = "4096" if args.child == "exact" else "0"
    before = _rss_mb()
    t0 = time.perf_counter()
    model = ThemeModel(None, random_state=0).fit(docs)
    secs = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "method": model.fit_method_,
                "parts": model.fit_parts_,
                "k": model.n_themes_,
                "seconds": secs,
                "stability_seconds": model.stability_seconds_,
                "rss_before_mb": before,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "matrix_mb": model.matrix_bytes_ / 2**20,
                "nnz_per_doc": model.matrix_bytes_ / 8 / len(docs),
                "top": np.where(model.shares_.sum(axis=1) > 0, model.shares_.argmax(axis=1), -1).tolist(),
            }
        )
    )


def cost(args) -> None:
    from sklearn.metrics import normalized_mutual_info_score

    out = {}
    for method in ("exact", "partitions"):
        cmd = [sys.executable, "-m", "bench.theme_partitions", "--child", method, "--scale", str(args.scale)]
        cmd += ["--data", str(args.data)]
        run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
        out[method] = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"\n{args.scale:,} generated documents (features of two labelled articles each), automatic k")
    for method, r in out.items():
        print(
            f"  {method:<11} k {r['k']}, {r['parts']} part(s): fit {r['seconds']:.1f} s (stability "
            f"{r['stability_seconds']:.1f} s), peak RSS {r['peak_mb']:.0f} MB (before the fit {r['rss_before_mb']:.0f} MB, "
            f"+{r['peak_mb'] - r['rss_before_mb']:.0f} MB); TF-IDF matrix {r['matrix_mb']:.1f} MB "
            f"({r['nnz_per_doc']:.0f} entries a document)"
        )
    print(
        "  exact vs partitions, NMI of the top themes: "
        f"{normalized_mutual_info_score(out['exact']['top'], out['partitions']['top']):.3f}"
    )


def main() -> int:
    from bench.themes_quality import DEFAULT_DATA

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with .txt files and labels.csv")
    ap.add_argument("--k", type=int, default=9, help="number of themes (9 desks)")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--partition", type=int, default=64, help="articles per partition in the agreement run")
    ap.add_argument("--scale", type=int, default=20_000, help="generated documents for time and memory (0: skip)")
    ap.add_argument("--child", choices=("exact", "partitions"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not (args.data / "labels.csv").is_file():
        print(f"no labelled articles in {args.data} (labels.csv missing)", file=sys.stderr)
        return 2
    if args.child:
        child(args)
        return 0
    agreement(args)
    if args.scale:
        cost(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
