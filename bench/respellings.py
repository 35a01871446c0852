"""What a search that found nothing suggests instead (:mod:`tonlage.search.spelling`): how often the word
the reader meant is offered, and how long the suggestions take, on real, varied news text.

The corpus is the 10kGNAD dev half (``../shared/eval/gnad-dev``, evaluation data, never
committed). Typos are made from its words with a fixed seed, as a reader's slip would make them:
one letter left out, one changed (to another of the German alphabet), one added, or two neighbours
swapped; and, for words of six letters or more, two such slips. A typo that is itself a word of
the corpus is not a typo the search misses and is drawn again. The words are drawn two ways:

- ``as searched``: by how often they stand in the texts (readers search for common words more);
- ``distinct``: each distinct word of four letters or more alike (the rare ones count as much);
- ``hyphened``: words written with a hyphen ("Ukraine-Krieg"), by how often they stand in the
  texts, one of their parts of four letters or more misspelt ("Ukraine-Kreig").

For each typo the bench asks :func:`tonlage.search.spelling.respellings` for the queries to try and
counts how often the meant word is the first one, among the first three (what the app shows,
those finding articles in view), offered at all, and how often nothing is offered. Nothing here
is fitted: the distance limits (one edit at four or five letters, two from six) and the order
(nearest, then in more texts) were set before this bench ran, so every typo is unseen data.

Timing: the words' table (:class:`tonlage.search.spelling.CloseWords`) is made once per corpus; a
zero-hit search then asks for the close words of each word. A 100,000-article archive of
real news has far more distinct words than these 509 articles, so the vocabulary is also padded,
for the timing alone, with made-up words (letters of real words shuffled, their lengths kept) up
to ``--vocabulary`` words.

    python -m bench.respellings [--typos 400] [--vocabulary 1000000] [--data ../shared/eval/gnad-dev]

Issue 13's eightieth stop, 2026-12-07, 509 articles (31,427 distinct words), 400 typos each way,
seed 0 (the share of typos whose meant word is offered first, among the first three, at all; and
with no suggestion):

    as searched  1 slip  (325 typos): first 91.7%  top 3 98.8%  offered 99.4%  nothing offered 0.3%
    as searched  2 slips ( 75 typos): first 85.3%  top 3 96.0%  offered 96.0%  nothing offered 1.3%
    distinct     1 slip  (285 typos): first 89.8%  top 3 97.9%  offered 98.9%  nothing offered 0.0%
    distinct     2 slips (115 typos): first 71.3%  top 3 83.5%  offered 87.0%  nothing offered 10.4%
       31,427 words: table made in   5 ms; respellings p50  1.5 ms, max   2.5 ms
      249,996 words: table made in  75 ms; respellings p50 14.4 ms, max  22.0 ms
      999,969 words: table made in 281 ms; respellings p50 56.7 ms, max 102.0 ms

Issue 13's eighty-first stop, 2026-12-07: words with a hyphen or dot are now respelled part by
part (before, nothing was offered for them). The same run, seed 0 (the two rows above unchanged:
the plain words are drawn as before), and seed 1, to show how far the draws alone move the rows
of fewer than 120 typos:

    seed 0  hyphened  1 slip  (302 typos): first 94.7%  top 3 99.0%  offered 99.7%  nothing offered 0.3%
    seed 0  hyphened  2 slips ( 98 typos): first 73.5%  top 3 83.7%  offered 86.7%  nothing offered 10.2%
    seed 1  as searched 1 slip (333): top 3 98.2%; 2 slips (67): top 3 86.6% (seed 0: 96.0%)
    seed 1  distinct    1 slip (292): top 3 98.6%; 2 slips (108): top 3 82.4%
    seed 1  hyphened    1 slip (307): top 3 99.3%; 2 slips (93): top 3 78.5%

So one slip is offered among the first three for 98-99 % of typos whichever way the words are
drawn, and two slips for 78-96 %, a range the draws alone span.

A meant word offered but not first mostly has a commoner word as near ("nich": "sich" and
"nach" before "nicht"; "Witr": "Wir" and "With" before "Wirt"); one not offered at all lies
beyond the limit ("heiit" is two edits from "heisst", "heißt" folded, and five letters allow one).
In the app each query offered is then counted in view (a search each: ~50 ms at 100,000
articles through the word index).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "gnad-dev"
ALPHABET = "abcdefghijklmnopqrstuvwxyzäöüß"
_WORD = re.compile(r"[^\W\d_]+")
# A word written with a hyphen between letters ("Ukraine-Krieg", "Trump-Putin-Gipfel").
_HYPHENED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def one_slip(word: str, rng: random.Random) -> str:
    """``word`` with one letter left out, changed, added, or swapped with its neighbour."""
    i = rng.randrange(len(word))
    kind = rng.choice(("leave out", "change", "add", "swap"))
    if kind == "leave out":
        return word[:i] + word[i + 1 :]
    if kind == "change":
        return word[:i] + rng.choice(ALPHABET.replace(word[i].lower(), "")) + word[i + 1 :]
    if kind == "add":
        return word[:i] + rng.choice(ALPHABET) + word[i:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def typos(words: list[str], weights: list[int] | None, n: int, close, seed: int) -> list[tuple[str, str, int]]:
    """``n`` (meant word, typo, slips) drawn from ``words`` (by ``weights``); a typo the corpus
    holds is drawn again. In a word with a hyphen ("Ukraine-Krieg") one of its parts of four
    letters or more is misspelt ("Ukraine-Kreig")."""
    from tonlage.search import parts_of
    from tonlage.search.spelling import fold

    rng = random.Random(seed)
    out: list[tuple[str, str, int]] = []
    while len(out) < n:
        word = rng.choices(words, weights=weights)[0] if weights else rng.choice(words)
        parts = parts_of(word)
        long_parts = [k for k in range(1, len(parts), 2) if len(parts[k]) >= 4]
        at = long_parts[0] if len(long_parts) == 1 else rng.choice(long_parts)  # one word: the draws as before
        slips = 2 if len(parts[at]) >= 6 and rng.random() < 0.3 else 1
        typo = parts[at]
        for _ in range(slips):
            typo = one_slip(typo, rng)
        if fold(typo) == fold(parts[at]) or close.holds(typo) or len(typo) < 4:
            continue
        out.append((word, "".join([*parts[:at], typo, *parts[at + 1 :]]), slips))
    return out


def quality(cases: list[tuple[str, str, int]], close) -> dict[str, float]:
    from tonlage.search.spelling import fold, respellings

    first = top3 = offered = nothing = 0
    for word, typo, _ in cases:
        queries = [fold(r.query) for r in respellings(typo, close) if not r.query.endswith("*")]
        first += bool(queries) and queries[0] == fold(word)
        top3 += fold(word) in queries[:3]
        offered += fold(word) in queries
        nothing += not queries
    n = len(cases)
    return {"first": first / n, "top 3": top3 / n, "offered": offered / n, "nothing offered": nothing / n}


def padded(words: list[str], size: int, seed: int) -> list[str]:
    """``words`` and made-up words (a real word's letters shuffled) up to ``size`` words."""
    rng = random.Random(seed)
    out, seen = list(words), set(words)
    while len(out) < size:
        letters = list(rng.choice(words))
        rng.shuffle(letters)
        made = "".join(letters) + rng.choice(ALPHABET)
        if made not in seen:
            seen.add(made)
            out.append(made)
    return out


def timing(words: list[str], queries: list[str]) -> tuple[float, float, float, int]:
    """(ms to make the words' table, p50 and max ms of one query's respellings, distinct words)."""
    import pyarrow as pa

    from tonlage.search.spelling import CloseWords, respellings
    from tonlage.search.word_index import PartIndex

    index = PartIndex.build(pa.array([" ".join(words)], pa.large_string()))
    t = time.perf_counter()
    close = CloseWords([index])
    made = (time.perf_counter() - t) * 1e3
    times = []
    for q in queries:
        t = time.perf_counter()
        respellings(q, close)
        times.append((time.perf_counter() - t) * 1e3)
    return made, statistics.median(times), max(times), len(close)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--typos", type=int, default=400)
    ap.add_argument("--vocabulary", type=int, default=1_000_000)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data folder {args.data}; nothing measured")
        return 0
    import pyarrow as pa

    from tonlage.search.spelling import CloseWords
    from tonlage.search.word_index import PartIndex

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.data.glob("*.txt"))]
    close = CloseWords([PartIndex.build(pa.array(texts, pa.large_string()))])
    counts = Counter(w for text in texts for w in _WORD.findall(text) if len(w) >= 4)
    words = sorted(counts)
    hyphened = Counter(w for text in texts for w in _HYPHENED.findall(text) if any(len(p) >= 4 for p in w.split("-")))
    compounds = sorted(hyphened)
    print(
        f"{len(texts)} articles, {len(close):,} distinct words (folded), {len(words):,} of four letters or more, "
        f"{len(compounds):,} written with a hyphen"
    )
    draws = (
        ("as searched", words, [counts[w] for w in words]),
        ("distinct", words, None),
        ("hyphened", compounds, [hyphened[w] for w in compounds]),
    )
    for name, pool, weights in draws:
        cases = typos(pool, weights, args.typos, close, args.seed)
        for slips in (1, 2):
            some = [c for c in cases if c[2] == slips]
            if not some:
                continue
            q = quality(some, close)
            shown = "  ".join(f"{k} {v:.1%}" for k, v in q.items())
            print(f"  {name:<12} {slips} slip{'s' if slips > 1 else ' '} ({len(some):>3} typos): {shown}")
    queries = [typo for _, typo, _ in typos(words, [counts[w] for w in words], 60, close, args.seed + 1)]
    print("timing (made once per corpus; then each zero-hit search):")
    real = sorted(set(close.words.to_pylist()))
    for size in (len(real), args.vocabulary // 4, args.vocabulary):
        made, p50, worst, n = timing(padded(real, size, args.seed), queries)
        print(f"  {n:>9,} words: table made in {made:7.0f} ms; respellings p50 {p50:6.1f} ms, max {worst:6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
