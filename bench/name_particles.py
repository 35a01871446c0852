"""Surnames with a particle kept as one theme term (:data:`tonlage.themes.terms.CAPITAL_PARTICLES`).

Runs the engine's own per-article parse (:func:`tonlage.analysis.per_article.parse`, the
standard actor list) over a folder of texts as the folder analysis loads them, and prints every
term the particle rule made (joined by :data:`~tonlage.themes.terms.NAME_JOINER`) with the
number of times it was made, for a reader to judge by hand. The texts are evaluation data: only
the names are printed, nothing is written.

    python -m bench.name_particles [--data ../shared/eval/gnad-dev] [--top 80]

The rule (which particles open a name, which may follow) was chosen looking at the names it
joined on all 509 gnad-dev articles; the 60 pages of ``pages-dev`` were read once, after.

Issue 13's twenty-second stop, 2026-12-05, judged by hand:

    data         texts  joins  names  not names
    gnad-dev      509     49     18     0        (where the rule was chosen: Van der Bellen 15,
                                                  Le Pen 8, Dos Santos 3, Della Vedova 3 ...)
    pages-dev      60      0      -     -        (read after: none of its names has a capitalised
                                                  particle; nor has the bundled corpus)

The first draft also joined the lower-case particles ("de", "da", "du", "von der") and a
capitalised "Von": 71 distinct joins on gnad-dev, about 30 of them not names ("von der
Hafenzufahrt", "da Android", "du Baby", "Von Kopf"). The lower-case particles were left out
whole, good joins with them ("de Maizière", "da Silva") too: those names keep their surname
alone as a term, as before, and so does "Ursula von der Leyen" ("Ursula", "Leyen").
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bench.engine_scale import DEFAULT_DATA

ROOT = Path(__file__).resolve().parents[1]


def joined_names(data: Path) -> tuple[int, Counter]:
    """(texts read, each particle-joined term -> how often the parse made it)."""
    from tonlage.actors import read_actors
    from tonlage.analysis import per_article
    from tonlage.analysis.pipeline import load_articles
    from tonlage.themes.terms import CAPITAL_PARTICLES, NAME_JOINER, shown_term

    per_article.init_worker(read_actors(ROOT / "data" / "actors.csv"))
    raws, _ = load_articles(data)
    found: Counter = Counter()
    for a in raws:
        for feature in per_article.parse(a.text).features:
            if " " not in feature and NAME_JOINER in feature and feature.split(NAME_JOINER, 1)[0] in CAPITAL_PARTICLES:
                found[shown_term(feature)] += 1
    return len(raws), found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--top", type=int, default=80)
    args = ap.parse_args(argv)
    n, found = joined_names(args.data)
    print(f"{n} texts from {args.data}: {sum(found.values())} joins, {len(found)} distinct names")
    for name, count in found.most_common(args.top):
        print(f"{count:5}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
