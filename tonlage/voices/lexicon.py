"""The word classes the voice rules read, from ``data/*.tsv`` (read once, when this module loads).

Each class is a category of German grammar or news language (verbs of saying, role nouns,
Konjunktiv I forms, …), not a list of words taken from the labelled texts. The files are
tab-separated, ``class, word`` (``split_verbs.tsv``: ``class, word, particle``), with ``#``
comments that say what each class is for: a reader can see and edit them without reading code.
What is generated from them (every form of a verb of saying) is in :mod:`.saying`.
"""

from __future__ import annotations

import csv
import logging
from functools import cache
from pathlib import Path

from ..text import NAME_PARTICLES as TEXT_PARTICLES

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/<name>``: tab-separated cells; ``#`` lines, blank lines and the header
    row (first cell ``class``) skipped."""
    rows: list[tuple[str, ...]] = []
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        for rec in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not rec or not rec[0].strip() or rec[0].startswith("#") or rec[0] == "class":
                continue
            rows.append(tuple(c.strip() for c in rec))
    log.debug("voices.word_list_read", extra={"file": name, "rows": len(rows)})
    return tuple(rows)


def words(name: str, cls: str) -> tuple[str, ...]:
    """The words of one class of ``data/<name>``, in file order, each once.

    Raises:
        KeyError: If the file has no such class: a misspelt class must not empty a rule silently.
    """
    found = tuple(dict.fromkeys(rec[1] for rec in read_rows(name) if rec[0] == cls))
    if not found:
        raise KeyError(f"{name} has no word class {cls!r}")
    return found


def particle_table(cls: str) -> dict[str, tuple[str, ...]]:
    """Verb form → its particles (in file order) for one class of ``data/split_verbs.tsv``."""
    out: dict[str, tuple[str, ...]] = {}
    for rec in read_rows("split_verbs.tsv"):
        if rec[0] == cls:
            out[rec[1]] = (*out.get(rec[1], ()), rec[2])
    if not out:
        raise KeyError(f"split_verbs.tsv has no class {cls!r}")
    return out


def _longest_first(found: tuple[str, ...]) -> tuple[str, ...]:
    # the suffix loops return the first head a word ends in: the longest one
    return tuple(sorted(found, key=len, reverse=True))


# --- verbs and nouns of saying (data/saying.tsv, data/split_verbs.tsv) ------------------------
WEAK_SAYING = words("saying.tsv", "weak_stem")
STRONG_SAYING = words("saying.tsv", "strong_form")
SEPARABLE_PARTICLES = words("saying.tsv", "separable_particle")
NO_GE = words("saying.tsv", "no_ge_prefix")
POSTPOSED_EXTRA = frozenset(words("saying.tsv", "postposed"))
SAYING_NOUNS = words("saying.tsv", "saying_noun")
QUOTING_NOUNS = words("saying.tsv", "quoting_noun")
MODALS = frozenset(words("saying.tsv", "modal"))
SPLIT_VERBS = particle_table("weak_core")
SPLIT_STRONG = particle_table("strong_form")

# --- Konjunktiv (data/konjunktiv.tsv) --------------------------------------------------------
KONJ1_CLOSED = frozenset(words("konjunktiv.tsv", "konj1"))
KONJ1_SURE = frozenset(words("konjunktiv.tsv", "konj1_sure"))
KONJ2 = frozenset(words("konjunktiv.tsv", "konj2"))
NOT_KONJ1 = frozenset(words("konjunktiv.tsv", "not_konj1"))
KONJ1_IDIOMS = words("konjunktiv.tsv", "idiom")

# --- closed classes (data/function_words.tsv) ------------------------------------------------
DETERMINERS = frozenset(words("function_words.tsv", "determiner"))
DEFINITE = frozenset(words("function_words.tsv", "definite"))
INDEFINITE = frozenset(words("function_words.tsv", "indefinite"))
PRONOUNS = frozenset(words("function_words.tsv", "pronoun"))
FIRST_PERSON = frozenset(words("function_words.tsv", "first_person"))
PREPOSITIONS = frozenset(words("function_words.tsv", "preposition"))
FUSED = frozenset(words("function_words.tsv", "fused"))
COORD = frozenset(words("function_words.tsv", "coordinator"))
SUBORDINATORS = frozenset(words("function_words.tsv", "subordinator"))
CONJUNCTIONS = frozenset(words("function_words.tsv", "conjunction"))
ADVERB_OPENERS = frozenset(words("function_words.tsv", "adverb_opener"))
NAME_GLUE = frozenset(words("function_words.tsv", "name_glue"))
# Words between a first name and a surname (tonlage.text.NAME_PARTICLES, one list for the
# package): those that open a surname ("Thomas de Maizière", "Marine Le Pen"), in any case; those
# that are prepositions too ("Beatrix von Storch", yet "Hoeneß von Bayern München": a name is read
# through them only where the article names the person so again, tonlage/voices/people.py); the
# article one may take before the surname ("von der Leyen", "Van der Bellen").
WEAK_PARTICLES = frozenset({"von", "zu"})
PARTICLE_FOLLOWERS = frozenset({"der", "den", "la", "le"})
NAME_PARTICLES = TEXT_PARTICLES - WEAK_PARTICLES - {"der", "den"}
NOT_NAMES = frozenset(words("function_words.tsv", "not_name"))
# Capitalised at a sentence start, never a name ("Wenn Putin …" is no person called Wenn Putin).
FUNCTION_WORDS = (
    ADVERB_OPENERS
    | SUBORDINATORS
    | COORD
    | PREPOSITIONS
    | FUSED
    | frozenset(words("function_words.tsv", "function_word"))
)

# --- role nouns (data/roles.tsv) -------------------------------------------------------------
ROLE_HEADS = _longest_first(words("roles.tsv", "role_head"))
GROUP_HEADS = frozenset(words("roles.tsv", "group_head"))
LEADER_HEADS = frozenset(words("roles.tsv", "leader_head"))
NOT_CURRENT = frozenset(words("roles.tsv", "not_current"))
PERSON_NOUNS = frozenset(words("roles.tsv", "person_noun"))

# --- institutions, sources, media, titles (data/sources.tsv) ---------------------------------
INSTITUTION_HEADS = _longest_first(words("sources.tsv", "institution_head"))
ANAPHORIC_INSTITUTIONS = frozenset(words("sources.tsv", "anaphoric_institution"))
SOURCE_NOUNS = _longest_first(words("sources.tsv", "source_noun"))
DOCUMENT_NOUNS = words("sources.tsv", "document_noun")
MEDIA_HEADS = words("sources.tsv", "media_head")
TITLE_NOUNS = words("sources.tsv", "title_noun")
SCARE_CUES = words("sources.tsv", "scare_cue")
