"""Small constructed corpora that several test tiers write to a folder (never real pages)."""

from __future__ import annotations

import csv
from pathlib import Path

TOWNS = (
    "Kiel",
    "Bonn",
    "Jena",
    "Ulm",
    "Trier",
    "Gera",
    "Fulda",
    "Passau",
    "Lübeck",
    "Celle",
    "Erfurt",
    "Hagen",
    "Bremen",
)

# Twelve articles a day apart in March 2025 and one from 2019: far outside the main period.
MARCH_2025 = [f"{i + 1:02d}.03.2025" for i in range(12)]
WITH_AN_OUTLIER = [*MARCH_2025, "12.06.2019"]


def story(i: int) -> str:
    """Distinct text per article (identical ones would be counted once as copies of a story)."""
    town = TOWNS[i]
    return (
        f"In {town} stimmte der Stadtrat über {i + 3} neue Radwege ab. Die Sitzung in {town} dauerte {i + 2} Stunden. "
        f"Anwohner aus {town} lobten den Erfolg, andere sprachen von einem Fiasko. Gebaut wird ab Monat {i + 1}."
    )


def write_dated_corpus(path: Path, dates: list[str]) -> None:
    """One article ``a00.txt``, ``a01.txt``, … per date (German ``dd.mm.yyyy``), each with a
    headline, a byline and the date in its header."""
    for i, date in enumerate(dates):
        (path / f"a{i:02d}.txt").write_text(
            f"Radwege in {TOWNS[i]} | Anna Becker. {date}.\n\n{story(i)}\n", encoding="utf-8"
        )


#: The outlets of :func:`write_sourced_corpus`: five articles each from two, two from a third;
#: the last article names none.
SOURCES = ("Kieler Blatt",) * 5 + ("Bonner Rundschau",) * 5 + ("Jenaer Anzeiger",) * 2 + ("",)


def write_sourced_corpus(path: Path) -> None:
    """:func:`write_dated_corpus` of thirteen March 2025 articles with a ``metadata.csv`` that
    names each one's outlet (:data:`SOURCES`; the last none). The Kiel paper's articles add
    praise, the Bonn paper's scorn, so the two differ in tone."""
    dates = [f"{i + 1:02d}.03.2025" for i in range(len(SOURCES))]
    write_dated_corpus(path, dates)
    for i, source in enumerate(SOURCES):
        extra = {"Kieler Blatt": " Ein großer Erfolg, sagen alle.", "Bonner Rundschau": " Ein peinliches Desaster."}
        if source in extra:
            f = path / f"a{i:02d}.txt"
            f.write_text(f.read_text(encoding="utf-8").rstrip("\n") + extra[source] + "\n", encoding="utf-8")
    with (path / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "source"])
        w.writerows([f"a{i:02d}.txt", s] for i, s in enumerate(SOURCES))


def write_weekly_corpus(path: Path, weeks: int = 6, per_week: int = 3) -> None:
    """``per_week`` articles a week over ``weeks`` weeks from Monday 3 March 2025, eleven
    sentences each, distinct per article: praise in every week but the last, scorn in the last
    (the Overview's latest week against the three before it)."""
    day0 = 3  # 3 March 2025
    n = 0
    for k in range(weeks):
        last = k == weeks - 1
        for j in range(per_week):
            day = day0 + 7 * k + 2 * j
            month, dom = (3, day) if day <= 31 else (4, day - 31)
            town = TOWNS[n % len(TOWNS)]
            lines = [
                f"In {town} tagte der Rat zum {n + 1}. Mal über {n + 3} Radwege.",
                f"Die Sitzung dauerte {n + 2} Stunden und {j + 5} Minuten.",
                f"Gebaut wird ab Monat {k + 1} auf {n + 4} Kilometern.",
            ]
            tone = (
                ["ein peinliches Desaster", "ein bitteres Fiasko", "ein schwerer Fehler", "eine große Enttäuschung"]
                if last
                else ["ein großer Erfolg", "eine gute Lösung", "ein schöner Fortschritt", "eine echte Verbesserung"]
            )
            lines += [f"Für {town} ist Plan {n + 1}.{i} {w}." for i, w in enumerate(tone)]
            lines += [f"Der Rat trifft sich wieder am {dom + i}. Tag, Punkt {i + 1} der Liste." for i in range(4)]
            (path / f"w{n:02d}.txt").write_text(
                f"Radwege in {town} {n + 1} | Anna Becker. {dom:02d}.{month:02d}.2025.\n\n" + " ".join(lines) + "\n",
                encoding="utf-8",
            )
            n += 1
