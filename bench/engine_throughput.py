"""Engine throughput on a generated corpus, against a bare TfidfVectorizer in the same run.

The corpus is built from shuffled sentences of the bundled texts (seeded, so every run builds
the same one). Prints per-stage seconds, articles/s, peak memory and the ratio to TF-IDF (median of
alternating runs, since the machine is shared).
Target (issue #2): full analysis of 10,000 articles <= 4x the bare TF-IDF time.

With ``--local-cluster N`` each run also analyses on a Dask LocalCluster of N worker processes
(one thread each; started once, its start-up not timed), and with ``--scheduler ADDRESS`` on an
existing cluster (the workers must see this machine's temporary folder); the ratios of both to
the bare TF-IDF are printed. ``--gnad DIR`` builds the articles from the 10kGNAD texts as
bench/engine_scale.py does (evaluation data, not shipped).

    python -m bench.engine_throughput [--articles 10000] [--sentences 40] [--repeat 3]
        [--local-cluster 2 | --scheduler tcp://HOST:PORT] [--gnad ../shared/eval/gnad-dev]

2026-12-01, branch i13-wall (texts sketched for the duplicate search in the worker processes; the
themes' NMF on two threads) against main at 03f2da0: 10,000 gnad-built articles, analyse_folder
in a fresh process per checkout, four alternated runs each on a quiet moment of the shared
machine (load 1.4-1.8), seconds per stage (median, range):

    stage                              main               i13-wall
    sentences ... (2 processes)        11.2 (11.0-12.3)   13.1 (12.2-13.6)
    duplicates                         0.95 (0.94-0.99)   0.17 (0.16-0.18)
    themes                             4.4 (4.3-4.5)      3.1 (2.9-3.1)
    whole analysis                     22.5 (22.2-24.1)   22.4 (21.1-23.3)
    main process peak RSS              497-501 MB         502-503 MB

The corpus-wide steps lose 2.1 s; the per-article stage, where both cores are already busy (two
workers and this process writing the tables), takes the sketching on (~0.13 ms a text of CPU), so
the sketching in the workers was taken out again and the branch keeps the themes' gain. With the
machine loaded (load 2.6-9) the threads find no free core and the fit keeps to one: themes
4.5-6.3 s on both checkouts.

Issue 13's seventy-second stop, 2026-12-06, main at 67638c4, quiet machine, 10,000 gnad-built
articles, one run, ``--local-cluster 2``: bare TF-IDF 2.65 s; the local analysis 30.00 s
(11.3x; load 9.0, per-article stage 17.5, themes 2.7 s); on the Dask LocalCluster of two
workers 30.58 s (11.5x; per-article stage 18.6 s), its articles and sentences the local run's.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from tonlage import DEFAULT_CORPUS_DIR  # noqa: E402
from tonlage.analysis.pipeline import (  # noqa: E402
    analyse_folder,
    load_articles,
)
from tonlage.text import split_sentences  # noqa: E402


def bundled_sentences() -> list[str]:
    """Sentences (over 30 characters) of the bundled corpus."""
    return [s for art in load_articles(DEFAULT_CORPUS_DIR)[0] for s in long_sentences(art.text)]


def long_sentences(text: str, min_chars: int = 30) -> list[str]:
    """The sentences of ``text`` longer than ``min_chars`` characters."""
    return [text[s:e] for s, e in split_sentences(text) if e - s > min_chars]


def build_corpus(
    folder: Path,
    n_articles: int,
    n_sentences: int | list[int],
    seed: int = 0,
    *,
    pool: list[str] | None = None,
    titles: list[str] | None = None,
) -> int:
    """Write ``n_articles`` files of shuffled sentences with dated bylines; returns bytes.

    ``pool`` defaults to the bundled corpus's sentences; ``n_sentences`` is a count or a list of
    counts to draw each article's length from; with ``titles`` each article starts with one.
    """
    pool = bundled_sentences() if pool is None else pool
    rng = random.Random(seed)
    total = 0
    for i in range(n_articles):
        k = n_sentences if isinstance(n_sentences, int) else rng.choice(n_sentences)
        sents = rng.sample(pool, min(k, len(pool)))
        day, month = rng.randint(1, 28), rng.randint(1, 10)
        paras = [" ".join(sents[j : j + 4]) for j in range(0, len(sents), 4)]
        head = f"Artikel {i} | Bench Autor. {day:02d}.{month:02d}.2025.\n\n"
        if titles:
            head = f"{rng.choice(titles)}\n\nBench Autor. {day:02d}.{month:02d}.2025.\n\n"
        body = head + "\n\n".join(paras)
        (folder / f"a{i:06d}.txt").write_text(body, encoding="utf-8")
        total += len(body.encode())
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--sentences", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3, help="baseline/engine pairs to run (median reported)")
    ap.add_argument(
        "--local-cluster", type=int, default=0, metavar="N", help="also run on a Dask LocalCluster of N workers"
    )
    ap.add_argument("--scheduler", default=None, metavar="ADDRESS", help="also run on this Dask scheduler's cluster")
    ap.add_argument("--gnad", type=Path, default=None, metavar="DIR", help="build the articles from 10kGNAD texts")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, _cluster(args) as scheduler:
        folder = Path(tmp)
        if args.gnad:
            from bench.engine_scale import gnad_material

            pool, titles, sizes = gnad_material(args.gnad)
            size = build_corpus(folder, args.articles, sizes, pool=pool, titles=titles)
            print(f"corpus: {args.articles:,} articles from 10kGNAD sentences, {size / 1e6:.1f} MB")
        else:
            size = build_corpus(folder, args.articles, args.sentences)
            print(f"corpus: {args.articles:,} articles, {size / 1e6:.1f} MB, {args.sentences} sentences each")
        if scheduler:
            print(f"cluster: {scheduler[1]}")
        cluster_ratios: list[float] = []
        # The machine is shared and noisy: alternate baseline and engine, report every pair and
        # the median ratio.
        ratios = []
        for run in range(1, args.repeat + 1):
            t0 = time.perf_counter()
            texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
            TfidfVectorizer().fit_transform(texts)
            t_tfidf = time.perf_counter() - t0
            del texts

            t0 = time.perf_counter()
            result = analyse_folder(folder)
            t_engine = time.perf_counter() - t0
            ratios.append(t_engine / t_tfidf)
            print(
                f"run {run}: bare TfidfVectorizer (read files + fit_transform) {t_tfidf:6.2f} s; "
                f"tonlage full analysis {t_engine:6.2f} s ({args.articles / t_engine:,.0f} articles/s); "
                f"ratio {ratios[-1]:.2f}x"
            )
            stages = result.params["timings"]
            for stage, secs in stages.items():
                print(f"    {stage:<60} {secs:7.2f} s")
            print(f"    {'loading files, metadata (rest)':<60} {t_engine - sum(stages.values()):7.2f} s")
            if scheduler:
                t0 = time.perf_counter()
                remote = analyse_folder(folder, scheduler=scheduler[0])
                t_cluster = time.perf_counter() - t0
                cluster_ratios.append(t_cluster / t_tfidf)
                same = remote.articles.equals(result.articles) and remote.sentences.equals(result.sentences)
                print(
                    f"run {run}: on the Dask cluster {t_cluster:6.2f} s ({args.articles / t_cluster:,.0f} articles/s); "
                    f"ratio {cluster_ratios[-1]:.2f}x; articles and sentences as the local run: {same}"
                )
                for stage, secs in remote.params["timings"].items():
                    print(f"    {stage:<60} {secs:7.2f} s")
                del remote
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"articles {len(result.articles):,}, sentences {len(result.sentences):,}, "
            f"themes {result.params['n_themes']}, mentions {len(result.mentions):,}"
        )
        print(f"peak memory (max RSS of this process): {peak_mb:,.0f} MB")
        ratio = statistics.median(ratios)
        print(
            f"median ratio engine / bare TF-IDF over {len(ratios)} runs: {ratio:.2f}x "
            f"(runs: {', '.join(f'{r:.2f}' for r in ratios)}; target <= 4x: {'met' if ratio <= 4 else 'NOT met'})"
        )
        if cluster_ratios:
            print(
                f"median ratio on the Dask cluster ({scheduler[1]}) / bare TF-IDF: {statistics.median(cluster_ratios):.2f}x "
                f"(runs: {', '.join(f'{r:.2f}' for r in cluster_ratios)}); the local run above: {ratio:.2f}x"
            )


@contextmanager
def _cluster(args):
    """(scheduler address, description) of the cluster to measure too, or None."""
    if args.scheduler:
        yield args.scheduler, f"the scheduler at {args.scheduler}"
        return
    if not args.local_cluster:
        yield None
        return
    from distributed import LocalCluster

    t0 = time.perf_counter()
    with LocalCluster(
        n_workers=args.local_cluster, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        started = time.perf_counter() - t0
        yield (
            cluster.scheduler_address,
            f"LocalCluster of {args.local_cluster} worker processes, one thread each "
            f"(started in {started:.1f} s, not counted); this machine has {os.cpu_count()} cores",
        )


if __name__ == "__main__":
    main()
