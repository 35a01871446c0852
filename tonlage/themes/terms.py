"""What counts as a theme word: an article's nouns and names, stop words, credit lines, actor phrases.

Every sentence gives its content terms (lemmas of nouns and names, :func:`content_terms`) and
the pairs of them that stood side by side (:func:`sentence_features`); stopwords include page
furniture, agency names and calendar words from ``data/theme_stopwords.txt`` (reader-editable,
:func:`theme_stopwords`), and short credit lines ("Foto: Imago/Name") add nothing.
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from pathlib import Path

from ..text import NAME_PARTICLES

log = logging.getLogger(__name__)

# The reader-editable list of words that never name a theme (see the file's header).
THEME_STOPWORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "theme_stopwords.txt"
# A credit or caption line is short: "Foto: Imago / Max Muster" has five tokens.
CREDIT_LINE_MAX_TOKENS = 8


def _read_word_file(path: Path) -> dict[str, frozenset[str]]:
    """Sections of a word file ("[name]" headers, one word a line, "#" comments), lower-cased."""
    sections: dict[str, set[str]] = {}
    current = ""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        log.warning("theme stopword file %s cannot be read; using the general stopwords only", path)
        return {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip().lower()
            continue
        sections.setdefault(current, set()).add(line.casefold())
    return {name: frozenset(words) for name, words in sections.items()}


@lru_cache(maxsize=4)
def _word_file(path: str) -> dict[str, frozenset[str]]:
    return _read_word_file(Path(path))


#: Sections of the word file that are not dropped as written in any case (see their callers).
_OWN_RULE_SECTIONS = frozenset({"credit", "capitals"})


def theme_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """Furniture, agency and calendar words (every section of ``data/theme_stopwords.txt``
    except ``[credit]`` and ``[capitals]``), lower-cased. For themes only."""
    sections = _word_file(str(path or THEME_STOPWORDS_FILE))
    return frozenset().union(*(w for name, w in sections.items() if name not in _OWN_RULE_SECTIONS))


def capital_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """Words that name no theme when written in capitals only (the ``[capitals]`` section,
    lower-cased): the titles papers print in capitals when they name themselves ("sagte er dem
    STANDARD"), whose ordinary word ("Standard", "Spiegel") still counts."""
    return _word_file(str(path or THEME_STOPWORDS_FILE)).get("capitals", frozenset())


def agency_names(path: str | Path | None = None) -> frozenset[str]:
    """News and photo agencies (the ``[agencies]`` section, lower-cased): they carry reports,
    they are not what the reports are about."""
    return _word_file(str(path or THEME_STOPWORDS_FILE)).get("agencies", frozenset())


def credit_markers(path: str | Path | None = None) -> frozenset[str]:
    """Words that mark a credit or caption line (the ``[credit]`` section), lower-cased."""
    return _word_file(str(path or THEME_STOPWORDS_FILE)).get("credit", frozenset())


def is_credit_line(tokens: list[str], markers: frozenset[str]) -> bool:
    """True for a short sentence with a credit marker ("Foto: Imago/Max Muster"): its words are
    a photographer's or agency's name, never the article's subject.

    Args:
        tokens: The sentence's tokens as written.
        markers: Marker words as :func:`credit_markers` gives them (lower-case); they are matched
            as written, capitalised or in capitals ("foto", "Foto", "FOTO").
    """
    if not 0 < len(tokens) <= CREDIT_LINE_MAX_TOKENS:
        return False
    return not _marker_forms(markers).isdisjoint(tokens)


@lru_cache(maxsize=8)
def _marker_forms(markers: frozenset[str]) -> frozenset[str]:
    # A set intersection at C speed instead of case-folding every token of every short sentence.
    return frozenset(f for m in markers for f in (m, m.capitalize(), m.upper()))


@lru_cache(maxsize=1)
def german_stopwords() -> frozenset[str]:
    """German stopwords (stopwordsiso, MIT), news boilerplate verbs and the furniture, agency and
    calendar words of :func:`theme_stopwords`; lower-case. For TF-IDF only: tone scoring must
    never drop these (they contain nicht, kein, gut)."""
    import stopwordsiso

    words = set(stopwordsiso.stopwords("de"))
    words |= {
        "sagen",
        "sagte",
        "erklären",
        "betonen",
        "heißen",
        "geben",
        "gehen",
        "kommen",
        "machen",
        "lassen",
        "sollen",
        "können",
        "müssen",
        "wollen",
        "werden",
        "sein",
        "haben",
        "bereits",
        "etwa",
        "derzeit",
        "worden",
        "wurde",
        "wurden",
        "jahr",
        "jahre",
        "jahren",
        "uhr",
        "prozent",
        "dass",
        "daß",
        "erst",
        "schon",
        "mal",
        "all",
        "beid",
        "welch",
        "jen",
        "ander",
    }
    words |= theme_stopwords()
    return frozenset(words)


def content_terms(
    lemmas: list[str], stopwords: frozenset[str], capitals: frozenset[str] = frozenset()
) -> list[str | None]:
    """Lemmas worth counting for themes: nouns and names, not stopwords; others become ``None``.

    German capitalises nouns, and the lemmatiser lower-cases verbs and adjectives even at the
    start of a sentence, so a capitalised lemma is a noun or a name. Themes made of nouns read
    as subjects ("Waffenruhe · Isolation"), not as "stellen · vergangen". Dropped words leave a
    gap (``None``) so that bigrams only join words that stood side by side. ``capitals``
    (lower-case, :func:`capital_stopwords`) are dropped only as written in capitals.
    """
    return [
        lem
        if len(lem) > 1
        and lem[0].isupper()
        and lem.lower() not in stopwords
        and not lem.endswith("-")
        and not (lem.isupper() and lem.casefold() in capitals)
        else None
        for lem in lemmas
    ]


#: The number of words of a multi-word name merged into one term (longest first).
PHRASE_SIZES = (3, 2)

#: Joins the words of a name kept as one theme term ("Weißes Haus", "Van der Bellen"): a
#: no-break space, so that the term counts as one word where the themes tell single terms from
#: bigrams (a plain space: a bigram, left out of the fit). :func:`shown_term` gives it its spaces back.
NAME_JOINER = "\u00a0"

#: Capitalised words that open a surname with a particle ("Van der Bellen", "Le Pen", "De
#: Masi", "Dos Santos"). None is a German word, so capitalised each opens a name, even at a
#: sentence's start; alone, each was a theme term ("Punkt · Griss · Van" on 100,000 gnad articles).
#: Left out: "Von", "Da", "Du" (German words at a sentence's start) and the lower-case particles,
#: whose name loses only the particle ("Ursula von der Leyen": "Ursula", "Leyen"). On the 509
#: gnad-dev articles it joins 18 distinct names, all of them names (``python -m bench.name_particles``).
CAPITAL_PARTICLES = frozenset({"Van", "De", "Di", "Le", "La", "Del", "Della", "Dos"})


def shown_term(term: str) -> str:
    """A theme term as a reader sees it: the words of a name kept as one term
    (:data:`NAME_JOINER`) with plain spaces."""
    return term.replace(NAME_JOINER, " ")


def merge_phrases(
    lemmas: list[str],
    phrases: dict[tuple[str, ...], str],
    starts: frozenset[str] | None = None,
    tokens: list[str] | None = None,
) -> list[str]:
    """Replace multi-word names by one term: actors' names ("Vereinigte Staat", "Marco Rubio")
    by their canonical name, and, given the sentence's ``tokens``, a surname that opens with a
    capitalised particle (:data:`CAPITAL_PARTICLES`: "Van der Bellen") by its words joined with
    :data:`NAME_JOINER`. An actor's name is taken first.

    Args:
        lemmas: One sentence's lemmas.
        phrases: Lemma tuples (2 or 3 long) mapped to the term that replaces them.
        starts: First words of the phrases; pass it when calling per sentence, so sentences
            without any phrase start return at C speed.
        tokens: The sentence's words (as many as ``lemmas``): a particle is told by its case,
            which the lemma does not keep ("van" → "Van").
    """
    if starts is None:
        starts = frozenset(k[0] for k in phrases)
    words = tokens if tokens is not None else []
    particles = not CAPITAL_PARTICLES.isdisjoint(words)
    if starts.isdisjoint(lemmas) and not particles:
        return lemmas
    out: list[str] = []
    j, n = 0, len(lemmas)
    while j < n:
        lemma = lemmas[j]
        if lemma in starts:
            size = next((m for m in PHRASE_SIZES if j + m <= n and tuple(lemmas[j : j + m]) in phrases), 0)
            if size:
                out.append(phrases[tuple(lemmas[j : j + size])])
                j += size
                continue
        if particles and words[j] in CAPITAL_PARTICLES:
            end = _particle_name_end(words, j)
            if end:  # as written: a genitive ("Le Pens") is folded with the corpus's terms
                out.append(NAME_JOINER.join(words[j:end]))
                j = end
                continue
        out.append(lemma)
        j += 1
    return out


def _particle_name_end(tokens: list[str], at: int) -> int:
    """Where the surname opened by the particle at ``at`` ends (0: none): at most two lower-case
    particles (:data:`tonlage.text.NAME_PARTICLES`: "Van der Bellen", "De la Rúa"), then a capitalised word that is no particle."""
    end = at + 1
    while end < len(tokens) and end - at <= 2 and tokens[end] in NAME_PARTICLES:
        end += 1
    if end < len(tokens) and tokens[end][:1].isupper() and tokens[end] not in CAPITAL_PARTICLES:
        return end + 1
    return 0


class TermTable(dict):
    """Lemma → theme term or ``None`` (see :func:`content_terms`), decided once per lemma type."""

    def __init__(self, stopwords: frozenset[str], capitals: frozenset[str] = frozenset()):
        super().__init__()
        self.stopwords = stopwords
        self.capitals = capitals

    def __missing__(self, lemma: str) -> str | None:
        term = self[lemma] = content_terms([lemma], self.stopwords, self.capitals)[0]
        return term


def default_n_themes(n_articles: int) -> int:
    """A sensible number of themes for a corpus of ``n_articles`` (3 for 5 articles, 10 for 100,
    capped at 25 for very large corpora)."""
    if n_articles < 2:
        return 1
    if n_articles < 4:
        return 2
    return int(min(25, max(3, round(1.5 * math.log2(n_articles)))))


def sentence_features(terms: list[str | None]) -> list[str]:
    """The features one sentence adds to its document: its theme terms, and each pair of terms
    that stood side by side as a bigram ("Gipfel Anchorage"). Bigrams never cross a gap or a
    sentence boundary."""
    out = [t for t in terms if t is not None]
    if len(out) > 1:  # (list comprehensions: cheaper than a generator fed to extend)
        out += [f"{a} {b}" for a, b in zip(terms, terms[1:]) if a is not None and b is not None and a != b]
    return out
