"""How often the Compare page claims a change where there is none, end to end on real articles.

The 509 desk-labelled news articles of ``../shared/eval/gnad-dev`` (texts never copied into the
repository) are given dates drawn from their file names' md5 (spread over January to June 2025,
so a date says nothing about the text) and analysed as the app analyses a folder. Each trial
takes a random subset of them and compares the articles before a random day in March or April
with those after it (:func:`tonlage.compare.compare_periods`, then
:func:`tonlage.findings.comparison_findings`). Nothing changed between the periods: every
claimed direction is chance. Counted per comparison: the themes and actors drawn dark on the
Compare page's change charts (their interval excludes 0), and the findings that claim a
direction, by kind.

    python -m bench.null_comparisons [--trials 40] [--seed 0] [--data ../shared/eval/gnad-dev]

Issue 13, 2026-12-04, the same trials (seed 0) before (main at 095a4a7: each period's own theme
spread, every interval on its own) and after (59c3d8e: spread at least the pooled one, a
comparison's themes and actors drawn together, ``tonlage.intervals.family_alpha``); 13 themes:

    articles (comparisons)  dark theme bar  dark actor bar  findings: theme  attention  actor tone  tone  any
    30 (40)                 0.80 -> 0.00    0.10 -> 0.00    0.65 -> 0.00     0.10 -> 0   0.00 -> 0   0.03 -> 0.03  0.70 -> 0.03
    60 (40)                 0.85 -> 0.05    0.00 -> 0.00    0.40 -> 0.05     0.00 -> 0   0.03 -> 0.03  0.05 -> 0.05  0.47 -> 0.12
    150 (40)                0.68 -> 0.00    0.10 -> 0.00    0.03 -> 0.00     0.00 -> 0   0.05 -> 0.03  0.03 -> 0.03  0.10 -> 0.05
    509 (5)                 1.00 -> 0.00    0.00 -> 0.00    0.00 -> 0.00     0.00 -> 0   0.00 -> 0   0.00 -> 0.00  0.00 -> 0.00

(each: the share of comparisons with at least one such claim).

The themes were fitted on these articles (as the app fits them on the corpus it shows); the
held-out figures of the theme intervals alone are in ``bench/share_intervals.py --stream``. What
is left: the overall tone shift is one claim at 95 % (about 1 comparison in 20 by design), and
the four kinds of finding are four families, each held to 5 % on its own.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from bench.themes_quality import DEFAULT_DATA

#: Articles a comparison is drawn from (the last: all of them, once per day drawn).
SIZES = (30, 60, 150, None)
#: The claims a finding makes when its variant is none of these.
NO_CLAIM = frozenset({"uncertain", "no_clear_change", "negligible", "periods"})
KINDS = ("theme_change", "actor_attention", "actor_tone_shift", "tone_shift")


def dated_copy(data: Path, into: Path) -> Path:
    """The labelled articles with a ``metadata.csv`` of dates drawn from their names' md5."""
    rows = []
    for r in csv.DictReader((data / "labels.csv").open(encoding="utf-8")):
        shutil.copy(data / r["file"], into / r["file"])
        h = int(hashlib.md5(r["file"].encode()).hexdigest()[:6], 16)
        rows.append({"file": r["file"], "date": (date(2025, 1, 1) + timedelta(days=h % 181)).isoformat()})
    with (into / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "date"])
        w.writeheader()
        w.writerows(rows)
    return into


def trial_args(description: str, trials: int) -> argparse.Namespace:
    """``--data``, ``--trials`` (default ``trials``) and ``--seed`` of a bench of random trials."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--trials", type=int, default=trials)
    ap.add_argument("--seed", type=int, default=0)
    return ap.parse_args()


def dated_corpus(data: Path):
    """The labelled articles of ``data`` with :func:`dated_copy`'s dates, analysed as the app
    analyses a folder; None (and a line on stderr) when ``data`` has none."""
    if not (data / "labels.csv").is_file():
        print(f"no labelled articles in {data}", file=sys.stderr)
        return None
    from tonlage.analysis.pipeline import analyse_folder

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        corpus = analyse_folder(dated_copy(data, Path(tmp)), today=date(2026, 1, 1))
        print(
            f"{len(corpus.articles)} articles, {len(corpus.themes)} themes, analysed in {time.perf_counter() - t0:.0f} s"
        )
    return corpus


def claims_of(corpus, view, c, index) -> set[str]:
    """What comparison ``c`` of ``view`` claims: "theme bar" / "actor bar" when a bar of its
    change charts is drawn dark (its interval excludes 0), each finding kind that states a
    direction, and "any" when a finding does."""
    from tonlage.findings import comparison_findings
    from tonlage.intervals import SHARE_DIGITS, excludes_zero

    out = set()
    for table, name in ((c.themes, "theme bar"), (c.actors, "actor bar")):
        ends = table.dropna(subset=["change_low"])
        if any(excludes_zero(lo, hi, SHARE_DIGITS) for lo, hi in zip(ends["change_low"], ends["change_high"])):
            out.add(name)
    kinds = {
        f.kind
        for f in comparison_findings(corpus, view, c, limit=100, index=index)
        if f.values.get("variant") not in NO_CLAIM
    }
    return out | kinds | ({"any"} if kinds else set())


def main() -> int:
    args = trial_args(__doc__.splitlines()[0], 40)
    corpus = dated_corpus(args.data)
    if corpus is None:
        return 2
    from tonlage.compare import Window, compare_periods
    from tonlage.corpus_index import CorpusIndex

    index = CorpusIndex(corpus)
    ids = corpus.articles["article_id"].astype(str).to_numpy()
    rng = np.random.default_rng(args.seed)
    print(
        f"{'articles':>8} {'comparisons':>11} {'any dark theme bar':>19} {'any dark actor bar':>19}"
        + "".join(f" {k:>17}" for k in KINDS)
        + f" {'any finding':>12}"
    )
    for size in SIZES:
        n = args.trials if size else max(1, args.trials // 8)
        seen: collections.Counter = collections.Counter()
        for _ in range(n):
            view = ids if size is None else rng.choice(ids, size, replace=False)
            cut = date(2025, 3, 1) + timedelta(days=int(rng.integers(0, 60)))
            a = Window(date(2025, 1, 1), cut - timedelta(days=1), "A")
            b = Window(cut, date(2025, 6, 30), "B")
            c = compare_periods(corpus, list(view), a, b, index=index)
            seen.update(claims_of(corpus, list(view), c, index))
        print(
            f"{size or len(ids):8d} {n:11d} {seen['theme bar'] / n:19.2f} {seen['actor bar'] / n:19.2f}"
            + "".join(f" {seen[k] / n:17.2f}" for k in KINDS)
            + f" {seen['any'] / n:12.2f}"
        )
    print("Each figure: the share of comparisons with at least one such claim; all of them are chance.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
