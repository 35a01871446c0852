"""The word index of the sidebar's "Containing words" (:mod:`tonlage.search.word_index`) against reading
every text, on real, varied news text: what it costs to make and hold, how long a search takes
each way, and whether the two answers are the same.

The articles are built as bench.engine_scale builds them from the 10kGNAD dev half
(``../shared/eval/gnad-dev``, evaluation data, never committed): each draws a real article's
number of sentences from the pool of all their sentences, with a fixed seed. They go into parts
of 8,192 texts as an analysis keeps them. The queries are drawn from those texts with a fixed
seed, of every kind the search knows: a word as written, in lower case, in capitals, with ``*``
at its end, at its start, at both; two words in a row (a phrase); a word with a hyphen or dot
("EU-Kommission", "U.S."); a word with "ß" written "ss"; two alternatives; and a word no text
holds. For each, the index's answer and the whole read's are compared article by article.

With ``--sentence-queries K`` it also makes the scored sentences' index over every sentence of
the texts (:func:`tonlage.text.split_sentences`) and checks, for the first K queries of words
alone, the sentences it finds against those holding a place the reader view marks.

    python -m bench.word_index [--articles 100000] [--queries 200] [--sentence-queries 40]
                               [--data ../shared/eval/gnad-dev]

Issue 13's sixty-first stop, 2026-12-05, 100,000 articles (13 parts, 282 MB, 10,404 pool
sentences), ``--queries 220 --sentence-queries 40``, machine otherwise quiet:

    making: 7.9 s wall, 8.0 s CPU (28 ms a MB; a part 0.13-1.07 s); loading from bytes 0.05 s
    size: 68 MB held, 68 MB kept on disk (24% of the text)
    220 queries: index p50 / p95 / max 11.9 / 51.1 / 472.6 ms; reading every text p50 / p95
      262 / 269 ms (median ratio 22x)
    slowest through the index: 'Waren es' 473 ms; 'Ein Ende' 346 ms; 'Wenn es' 260 ms
    answers that differ: 0 of 220
    sentences: 2,199,690; their index made in 10.5 s, 161 MB held
    40 queries of words alone: sentences through their index p50 12 ms, reading every text for
      the marks p50 2227 ms; answers that differ: 0

Issue 13's seventy-eighth stop, 2026-12-07: an index's (word, text) pairs put in order by a
sparse matrix of counts (scipy's CSR, a counting sort) instead of sorting them as numbers.
100,000 articles, ``--queries 20 --sentence-queries 5``, main at 23caef6 and the change
alternated, two runs each, same indexes (the tests hold the postings to a plain reading):
making the texts' indexes 9.7 / 9.7 s -> 7.5 / 7.5 s CPU; the sentences' 12.2 / 12.2 s ->
9.8 / 10.0 s. What is left is mostly RE2 splitting the texts (~0.45 s of a part's 0.6 s) and,
for the sentences, cutting them out of their texts in Python (~0.15-0.3 s a part; done with
NumPy on the UTF-8 bytes it took longer, 0.36 s). What a reader waits for, on the 101,000-article
workspace of bench.scale with no index kept: from a corpus opened as the server opens it
(``CorpusIndex.prepare_words``) to every index made and loaded, alternated, 30.6 / 29.9 s
before and 22.9 / 24.2 s after (the child's CPU 26.8 / 26.9 -> 20.2 / 21.1 s), searches
reading the texts meanwhile.

The slowest are phrases of common words, which the index narrows to a quarter of the texts or
more: on their own, "Waren es" took 206-212 ms through the index against 255-261 ms reading
every text, "In dem" 246 against 240 ms. (The generated texts reuse 10,404 sentences, so their
vocabulary is smaller than a real archive's: 31,000 words a part. A real archive's index holds
more words; the lookups read the words with RE2, ~1 ms for 100,000.)
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path

import numpy as np

from bench.engine_scale import DEFAULT_DATA, gnad_material
from tonlage.search import matching, parse_words, word_patterns, words_pattern
from tonlage.search.word_index import PartIndex, found_in_parts
from tonlage.storage.article_texts import ArticleTexts

_WORD = re.compile(r"[^\W_]+")


def build_texts(pool: list[str], sizes: list[int], n: int, seed: int = 0) -> ArticleTexts:
    """``n`` articles of real sentences drawn from ``pool``, in parts as an analysis keeps them."""
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        k = min(rng.choice(sizes), len(pool))
        texts.append(" ".join(rng.sample(pool, k)))
    return ArticleTexts.of([f"a{i}" for i in range(n)], texts)


def draw_queries(pool: list[str], k: int, seed: int = 1) -> list[str]:
    """``k`` queries of the kinds the module's account names, drawn from ``pool``."""
    rng = random.Random(seed)
    words = sorted({w for s in pool for w in _WORD.findall(s) if len(w) >= 3})
    joined = sorted({m.group() for s in pool for m in re.finditer(r"\w+[-.]\w+\.?", s)})
    sharp = [w for w in words if "ß" in w] or words
    kinds = [
        lambda: rng.choice(words),
        lambda: rng.choice(words).lower(),
        lambda: rng.choice(words).upper(),
        lambda: rng.choice(words)[: rng.randint(3, 6)] + "*",
        lambda: "*" + rng.choice(words)[-rng.randint(3, 5) :],
        lambda: "*" + rng.choice(words)[1:4] + "*",
        lambda: " ".join(_WORD.findall(rng.choice(pool))[:2]),
        lambda: rng.choice(joined or words),
        lambda: rng.choice(sharp).replace("ß", "ss"),
        lambda: rng.choice(words) + ", " + rng.choice(words),
        lambda: "Qxzwuvk",
    ]
    return [kinds[i % len(kinds)]() for i in range(k)]


def sentence_check(texts: ArticleTexts, queries: list[str], k: int) -> None:
    """The scored sentences' index (:func:`tonlage.search.word_index.sentence_index`) over every
    sentence of ``texts``: what it costs, and for the first ``k`` queries it answers alone, the
    sentences it finds against those holding a place the reader view marks
    (:func:`tonlage.search.found_spans`), as the app found them before."""
    from tonlage.search import found_spans
    from tonlage.search.word_index import found_in, sentence_index
    from tonlage.text import split_sentences

    made: list[float] = []
    made_parts: list[tuple[PartIndex, list[tuple[int, int, int]]]] = []
    held = first = 0
    for part in texts.parts:
        values = part.array.to_pylist()
        spans = [(i, a, b) for i, v in enumerate(values) for a, b in split_sentences(v or "")]
        at, a, b = (np.array(x, dtype=np.int64) for x in zip(*spans, strict=True))
        t = time.perf_counter()
        index = sentence_index(part.array, at, a, b)
        made.append(time.perf_counter() - t)
        held += index.nbytes
        made_parts.append((index, [(first + i, a_, b_) for i, a_, b_ in spans]))
        first += len(part)
    n_sent = sum(len(s) for _, s in made_parts)
    print(f"sentences: {n_sent:,}; their index made in {sum(made):.1f} s, {held / 1e6:.0f} MB held")
    plans_of = {q: [word_patterns(x) for x in parse_words(q)[0]] for q in queries}
    exact = [q for q in queries if plans_of[q] and all(e for _, e in plans_of[q])][:k]
    t_index, t_read, differ = [], [], 0
    for q in exact:
        t = time.perf_counter()
        got = set()
        for index, sents in made_parts:
            got.update(sents[j][:2] for j in np.flatnonzero(found_in(index, plans_of[q])))
        t_index.append(time.perf_counter() - t)
        t = time.perf_counter()
        want = set()
        for _, sents in made_parts:
            by_text: dict[int, list[tuple[int, int]]] = {}
            for ti, a_, b_ in sents:
                by_text.setdefault(ti, []).append((a_, b_))
            for ti, bounds in by_text.items():
                for place, _ in found_spans(texts.get(f"a{ti}"), q):
                    want.update((ti, a_) for a_, b_ in bounds if a_ <= place < b_)
        t_read.append(time.perf_counter() - t)
        differ += got != want
    print(
        f"{len(exact)} queries of words alone: sentences through their index p50 {1000 * np.median(t_index):.0f} ms, "
        f"reading every text for the marks p50 {1000 * np.median(t_read):.0f} ms; answers that differ: {differ}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sentence-queries", type=int, default=0, help="also check the sentences' index on this many")
    args = ap.parse_args()

    pool, _titles, sizes = gnad_material(args.data)
    texts = build_texts(pool, sizes, args.articles)
    text_mb = texts.nbytes / 1e6
    print(
        f"{args.articles:,} articles in {len(texts.parts)} parts, {text_mb:.0f} MB of text ({len(pool):,} pool sentences)"
    )

    from tonlage.search import word_index

    made, sizes_b, loads = [], [], []
    c0 = time.process_time()
    for part in texts.parts:
        t = time.perf_counter()
        index = PartIndex.build(part.array)
        made.append(time.perf_counter() - t)
        data = index.to_bytes()
        sizes_b.append(len(data))
        t = time.perf_counter()
        PartIndex.from_bytes(data)
        loads.append(time.perf_counter() - t)
        word_index._hold(part.key, index)
    cpu = time.process_time() - c0
    held = sum(word_index.ready(p.key).nbytes for p in texts.parts)
    print(
        f"making: {sum(made):.1f} s wall, {cpu:.1f} s CPU ({1000 * sum(made) / text_mb:.0f} ms a MB; "
        f"a part {min(made):.2f}-{max(made):.2f} s); loading from bytes {sum(loads):.2f} s"
    )
    print(
        f"size: {held / 1e6:.0f} MB held, {sum(sizes_b) / 1e6:.0f} MB kept on disk ({held / texts.nbytes:.0%} of the text)"
    )

    queries = draw_queries(pool, args.queries)
    arrays = [p.array for p in texts.parts]
    t_index, t_read, wrong = [], [], []
    for q in queries:
        terms = parse_words(q)[0]
        pattern = words_pattern(terms)
        if not pattern:
            continue
        t = time.perf_counter()
        a = found_in_parts(texts.parts, terms, pattern)
        t_index.append(time.perf_counter() - t)
        t = time.perf_counter()
        b = matching(arrays, pattern)
        t_read.append(time.perf_counter() - t)
        exact = all(word_patterns(x)[1] for x in terms)
        if not np.array_equal(a, b):
            wrong.append((q, int(a.sum()), int(b.sum()), exact))
    ms = lambda xs, p: 1000 * float(np.percentile(xs, p))  # noqa: E731
    print(
        f"{len(t_index)} queries: index p50 / p95 / max {ms(t_index, 50):.1f} / {ms(t_index, 95):.1f} / {1000 * max(t_index):.1f} ms;"
        f" reading every text p50 / p95 {ms(t_read, 50):.0f} / {ms(t_read, 95):.0f} ms"
        f" (median ratio {statistics.median(r / i for r, i in zip(t_read, t_index, strict=True)):.0f}x)"
    )
    asked = [q for q in queries if parse_words(q)[0]]
    slow = sorted(zip(t_index, t_read, asked, strict=True), reverse=True)[:3]
    print(
        "slowest through the index (reading every text): "
        + "; ".join(f"{q!r} {1000 * ti:.0f} ms ({1000 * tr:.0f} ms)" for ti, tr, q in slow)
    )
    print(f"answers that differ: {len(wrong)} of {len(t_index)}")
    for q, na, nb, exact in wrong[:10]:
        print(f"  {q!r}: index {na}, reading {nb} ({'exact' if exact else 'narrowed'})")
    if args.sentence_queries:
        sentence_check(texts, queries, args.sentence_queries)


if __name__ == "__main__":
    main()
