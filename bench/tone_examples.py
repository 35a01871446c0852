"""Old vs new tone scorer on real sentences of the bundled corpus and on constructed sentences
for each failure class the rework addressed. Prints a table to read, no figure to chase.

    .venv/bin/python bench/tone_examples.py [--n 10]

The corpus sentences shown are those whose label changed between the old and the new scorer
(largest score change first), then the largest unchanged ones, up to ``--n``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from bench import legacy_tone  # noqa: E402
from tonlage import DEFAULT_CORPUS_DIR  # noqa: E402
from tonlage.text import normalise, split_sentences  # noqa: E402
from tonlage.tone import ToneScorer  # noqa: E402

CONSTRUCTED = {
    "separable verb": [
        "Er fügte hinzu, dass die Gespräche weitergehen.",
        "Russland lehnte den Vorschlag am Montag ab.",
    ],
    "function verb": ["Die Verhandlungen sind ins Stocken geraten."],
    "particle verb of a light verb": [
        "Er sagte, dass Russland sich zurückhält.",
        "Die Minister wollen die Grenzen festlegen.",
    ],
    "undermining compound": ["Moskau strebt einen Diktatfrieden an.", "Das war nur ein Scheinerfolg."],
    "descriptive words": [
        "Das Treffen fand vergangene Woche statt.",
        "Allein die Tatsache, dass er kam, wurde bemerkt.",
        "Es gibt Spannungen zwischen den beiden Ländern.",
    ],
    "negation scope": [
        "Moskau ist nicht bereit, die Sicherheit der Ukraine zu garantieren.",
        "Er weigert sich, den Frieden zu unterstützen.",
    ],
    "truncated word": ["Die Friedens- und Sicherheitspolitik wird beraten."],
}


def fmt(score: float, label: str) -> str:
    return f"{score:+.2f} {label[:3]}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10)
    args = ap.parse_args(argv)
    old, new = legacy_tone.ToneScorer().fit(), ToneScorer().fit()
    sentences = []
    for path in sorted(DEFAULT_CORPUS_DIR.glob("*.txt")):
        text = normalise(path.read_text(encoding="utf-8"))
        sentences += [(path.name[:3], text[s:e]) for s, e in split_sentences(text)]
    rows = []
    for name, sent in sentences:
        o, n = old.score(sent), new.score(sent)
        rows.append((o.label != n.label, abs(o.score - n.score), name, sent, o, n))
    rows.sort(key=lambda r: (not r[0], -r[1]))
    print(f"Bundled corpus: {len(sentences)} sentences; labels changed for {sum(r[0] for r in rows)}.")
    for changed, _, name, sent, o, n in rows[: args.n]:
        print(
            f"\n[{name}] old {fmt(o.score, o.label)} -> new {fmt(n.score, n.label)}"
            f"{'  (label changed)' if changed else ''}\n  {sent}\n  old: {o.explain()}\n  new: {n.explain()}"
        )
    print("\nConstructed sentences, one failure class each")
    for cls, texts in CONSTRUCTED.items():
        for sent in texts:
            o, n = old.score(sent), new.score(sent)
            print(
                f"  {cls:<30} old {fmt(o.score, o.label)}  new {fmt(n.score, n.label)}  {sent}\n"
                f"  {'':<30} new: {n.explain()}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
