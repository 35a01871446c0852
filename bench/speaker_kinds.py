"""How well the words of a quoted speaker's name tell a person from a body, and from no one.

Your corpus offers the speakers its articles quote but its actor list does not follow, to add
in one step (:func:`tonlage.present.views.unfollowed_speakers`). Each is added as a person or
an institution, and groups ("Forscher") and sources ("Angaben") are left out, by
:func:`tonlage.voices.names.name_kind`: the quote finder's own word lists, read from the name.

Labels (``bench/labels/speaker_kinds.csv``): the 150 speakers offered first in the
100,000-article bench workspace (``bench/scale.py``, built from gnad-dev sentences) and the
17 offered by the 60 pages of pages-dev, each labelled by hand as ``person``, ``institution``,
``place`` or ``none`` (no one to follow: a group, a source, a garbled name) **before**
``name_kind`` was written. Its word lists were written earlier for the quote finder, and
were not changed after the labels were read.

    python -m bench.speaker_kinds

Figures (2026-12-04), 167 speakers (110 persons, 36 institutions, 19 none, 2 places):
before, every speaker offered as a person: 110 right (65.9 %). Now: 140 right (83.8 %); every
person is still a person (110 of 110); institutions 18 of 36 (17 taken for persons: brands and
companies such as "Apple", "Air France", which no word list tells; "Belgrader Medien" left out
as a group); none 12 of 19 left out (7
offered as persons: "Klage", "Folha de"); places 0 of 2.
"""

from __future__ import annotations

import collections
import csv
import sys
from pathlib import Path

from tonlage.voices.names import name_kind

LABELS = Path(__file__).resolve().parent / "labels" / "speaker_kinds.csv"
SHOWN = {"person": "person", "institution": "institution"}  # what the offer adds; the rest is left out


def main() -> int:
    rows = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    counts: collections.Counter = collections.Counter()
    wrong = []
    for r in rows:
        got = SHOWN.get(name_kind(r["speaker"]), "none")
        counts[(r["kind"], got)] += 1
        if got != r["kind"]:
            wrong.append(f"  {r['speaker']!r}: labelled {r['kind']}, offered as {got}")
    right = sum(n for (truth, got), n in counts.items() if truth == got)
    before = sum(n for (truth, _), n in counts.items() if truth == "person")
    print(f"{len(rows)} speakers; before (all offered as persons): {before} right ({before / len(rows):.1%})")
    print(f"now: {right} right ({right / len(rows):.1%})")
    for truth in ("person", "institution", "none", "place"):
        row = {got: n for (t, got), n in counts.items() if t == truth}
        print(f"  labelled {truth:12} {sum(row.values()):4d}: " + ", ".join(f"{g} {n}" for g, n in sorted(row.items())))
    print("wrong:")
    print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
