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
