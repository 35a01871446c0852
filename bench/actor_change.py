"""A change of a workspace's actor list: what it costs, and that it gives a fresh analysis's results.

Adding a name the corpus mentions (the reader's usual step after *Named or quoted in these
articles but not followed*) analysed every article again: about 3 minutes at 100,000 articles.
Now only the articles whose text may name an alias that was added, removed or given to another
actor are analysed again (:meth:`tonlage.analysis.incremental.KeptResults.follow_actors`, the
prefilter :func:`tonlage.analysis.actor_change.naming_test`), and the themes are kept.

A workspace of ``--n`` generated articles (real sentences of ``../shared/eval/gnad-dev`` as
:func:`bench.load.write_articles` stitches them; evaluation text, never committed) is analysed
with the bundled list, then the list is changed three times, each change analysed as the app
does (``cached_workspace_analysis``):

1. the five people the corpus names most (``count_named_people``), added as the *Your corpus*
   page adds them (surname, the full name a spelling);
2. an institution of two words in its inflected forms (Rotes Kreuz, Roten Kreuz, ...), which the
   theme terms merge by lemma;
3. the EU removed, which the articles name often.

Printed for each: the articles analysed again, those whose results the change did change
(what a perfect prefilter would pick), the time against the first analysis, and with
``--check`` whether every article's sentences, mentions and actor rows equal those of a fresh
analysis of the workspace under the new list (the count of articles that differ: must be 0).
``--refit-check`` then asks for a refit and compares the themes with the fresh analysis's.

    python -m bench.actor_change [--n 10000] [--check] [--refit-check] [--keep DIR]

Measured 2026-12-05, issue 13's twenty-first stop, shared 2-core machine. "analysed": articles
analysed again; "changed": articles whose rows differ from before the change (what a perfect
prefilter would pick); "differ": articles whose rows differ from a fresh analysis under the new
list (``--check``). Before (main at 7784403, the list part of every kept row's key) every change
analysed all 10,000 articles again and refitted the themes:

    10,000 articles, first analysis 21.7 s (before) / 20.4 s (after)
    change                              analysed   changed   before          after          differ
    add the 5 people named most           2,055     1,992    22.4 s 103 %    9.0 s  44 %     0
    add Rotes Kreuz (two words)             206       160    20.1 s  92 %    5.3 s  26 %     0
    remove the EU                         3,580     3,555    20.8 s  96 %   10.1 s  49 %     0
    (--refit-check: the themes after a refit equal a fresh analysis's: True)

    100,000 articles, first analysis 207.7 s (182.2 s in a quieter run an hour before)
    add the 5 people named most          20,373    19,768                   69.4 s  33 %
    add Rotes Kreuz (two words)           1,787     1,376                   47.8 s  23 %
    remove the EU                        35,631    35,413                   94.1 s  45 %

The generated articles are random news sentences, so names are spread thinly over many
articles: five people are named in a fifth of them.

Issue 13's twenty-second stop, 2026-12-05: a kept batch that holds an article named again is
patched (its rows of those articles replaced, :meth:`tonlage.analysis.tables.BatchTables.add_patched`)
instead of made again from all its articles' kept results (60 s of an 82 s change at 100,000).
Before: main at 9d434e9; after: 00792d4 (first run) and 95cdb36 (second run: the part patched by
slices, only the named articles' actor rows made again). Same machine, runs one after the other:

    10,000 articles, first analysis 21.3 s (before) / 20.8 and 20.5 s (after, 00792d4 twice)
    change                              analysed   before          after                 differ
    add the 5 people named most           2,055     9.1 s  43 %    8.5 / 8.3 s  41 / 40 %    0
    add Rotes Kreuz (two words)             206     5.0 s  23 %    3.3 / 3.1 s  16 / 15 %    0
    remove the EU                         3,580    10.3 s  48 %    9.7 / 9.4 s  47 / 46 %    0
    (--refit-check: the themes after a refit equal a fresh analysis's: True)

    100,000 articles, first analysis 192.3 s (before) / 177.6 and 180.3 s (after)
    add the 5 people named most          20,373    69.1 s  36 %    65.7 / 63.2 s  37 / 35 %
    add Rotes Kreuz (two words)           1,787    46.3 s  24 %    28.3 / 26.3 s  16 / 15 %
    remove the EU                        35,631    87.7 s  46 %    83.3 / 93.4 s  47 / 52 %

Where a change names a fifth of the articles or more, parsing them again is most of the time
(20,000 articles at ~4 ms of CPU each on two workers: ~40 s), so patching saves little there;
where it names few, the time fell by 40 %.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench.engine_scale import DEFAULT_DATA
from bench.load import write_articles

TABLES = ("sentences", "mentions", "actor_articles")


def _differing(a, b) -> int:
    """Articles whose rows differ between two analyses, over :data:`TABLES` and the article table
    without its theme columns."""
    import pandas as pd

    bad: set[str] = set()
    for name in TABLES:
        x, y = getattr(a, name), getattr(b, name)
        cols = list(x.columns)
        if list(y.columns) != cols:
            return -1
        both = pd.concat([x.assign(_side=0), y.assign(_side=1)], ignore_index=True)
        both = both.astype(dict.fromkeys(cols, str))
        once = both.drop_duplicates(subset=cols, keep=False)
        bad.update(once["article_id"])
    themed = [c for c in a.articles.columns if "theme" in c]
    xa, ya = a.articles.drop(columns=themed).astype(str), b.articles.drop(columns=themed).astype(str)
    merged = xa.merge(ya, how="outer", indicator=True)
    bad.update(merged.loc[merged["_merge"] != "both", "article_id"])
    return len(bad)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--check", action="store_true", help="compare each change with a fresh analysis")
    ap.add_argument("--refit-check", action="store_true", help="refit at the end and compare the themes")
    ap.add_argument("--keep", type=Path, help="folder for the workspace and cache (reused if built)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="actor-change-")) if args.keep is None else args.keep
    os.environ["TONLAGE_CACHE_DIR"] = str(tmp / "cache")

    from tonlage.actors import (
        ActorMatcher,
        actor_rows,
        actors_csv,
        actors_from_csv,
        actors_from_rows,
        read_actors,
        suggested_row,
    )
    from tonlage.analysis.incremental import request_refit
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest
    from tonlage.storage.store import cached_workspace_analysis
    from tonlage.storage.workspace import Workspace
    from tonlage.voices.named import count_named_people

    root = tmp / "data"
    try:
        ws = Workspace("actor-change", root=root, create=False)
    except Exception:
        ws = None
    if ws is None or len(ws.raw_articles(texts=False)) != args.n:
        folder = tmp / "articles"
        write_articles(folder, args.n, args.data)
        ws = Workspace("actor-change", root=root)
        docs = [Document(p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]
        ingest(ws, docs)
    ws.set_actor_list(None)
    standard = read_actors(Path(__file__).resolve().parents[1] / "data" / "actors.csv")

    def analyse(what: str):
        t0 = time.perf_counter()
        result = cached_workspace_analysis(ws, random_state=0)
        secs = time.perf_counter() - t0
        print(f"{what}: {secs:.1f} s, {result.params['articles_analysed']:,} articles analysed", flush=True)
        return result, secs

    full, full_s = analyse("first analysis (every article)")
    texts = [a.text for a in ws.raw_articles()]
    people = count_named_people(texts[:1000], ActorMatcher(standard).fit())
    top = [(p.forms.most_common(1)[0][0], p) for p in sorted(people.values(), key=lambda p: -p.articles)[:5]]
    rows = actor_rows(standard)
    changes = [
        (
            "add the 5 people named most (" + ", ".join(name for name, _ in top) + ")",
            lambda rows: rows + [suggested_row(name, "person", "", p.surname) for name, p in top],
        ),
        (
            "add Rotes Kreuz (two words, inflected)",
            lambda rows: (
                rows
                + [{"actor": "Rotes Kreuz", "kind": "institution", "aliases": "Rotes Kreuz|Roten Kreuz|Roten Kreuzes"}]
            ),
        ),
        ("remove the EU", lambda rows: [r for r in rows if r["actor"] != "EU"]),
    ]
    figures = []
    last = full
    for what, change in changes:
        rows = change(rows)
        actors, problems = actors_from_rows(rows)
        assert not problems, problems
        ws.set_actor_list(actors_csv(actors))
        after, secs = analyse(what)
        differ = "-"
        if args.check:
            fresh = cached_workspace_analysis(ws, random_state=0, use_cache=False)
            differ = str(_differing(after, fresh))
        # The articles whose results the change did change: what a perfect prefilter would pick.
        figures.append((what, after.params["articles_analysed"], _differing(last, after), secs, differ))
        last = after
    if args.refit_check:
        request_refit(ws)
        refitted, _ = analyse("refit asked")
        fresh = cached_workspace_analysis(ws, random_state=0, use_cache=False)
        same = refitted.article_themes.equals(fresh.article_themes) and refitted.themes.equals(fresh.themes)
        print(f"themes after the refit equal a fresh analysis's: {same}")
    assert actors_from_csv(ws.actor_list() or "") == actors

    print(f"\n{args.n:,} articles; first analysis {full_s:.1f} s")
    print(f"{'change':60} {'analysed':>9} {'changed':>8} {'time':>8} {'of full':>8} {'differ':>7}")
    for what, n, changed, secs, differ in figures:
        print(f"{what[:60]:60} {n:>9,} {changed:>8,} {secs:>7.1f}s {secs / full_s:>8.1%} {differ:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
