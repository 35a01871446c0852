"""Small constructed corpora that several test tiers write to a folder (never real pages)."""

from __future__ import annotations

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
