"""Engine throughput on a generated corpus, against a bare TfidfVectorizer in the same run.

The corpus is built from shuffled sentences of the bundled texts (seeded, so every run builds
the same one). Prints per-stage seconds, articles/s, peak memory and the ratio to TF-IDF (median of
alternating runs, since the machine is shared).
Target (issue #2): full analysis of 10,000 articles <= 4x the bare TF-IDF time.

    python bench/engine_throughput.py [--articles 10000] [--sentences 40] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from tonlage import DEFAULT_CORPUS_DIR  # noqa: E402
from tonlage.pipeline import (  # noqa: E402
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
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = build_corpus(folder, args.articles, args.sentences)
        print(f"corpus: {args.articles:,} articles, {size / 1e6:.1f} MB, {args.sentences} sentences each")
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


if __name__ == "__main__":
    main()
