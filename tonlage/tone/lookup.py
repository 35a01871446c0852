"""Word-level rules: from a word form to its :class:`~tonlage.tone.tokens.Token`.

* **Lookup** by surface form, then ß→ss spelling, then the lemma from
  :func:`tonlage.text.lemmatize`, then lower case (sentence-initial adjectives and verbs).
* **Compound heads** for capitalised words the lexicon lacks: the longest lexicon noun of ≥ 4
  letters that ends the word after a first part of ≥ 3 letters that the lemmatiser's dictionary
  knows and that is not a bare verb particle ("Wirtschafts|krise" → "Krise"; not "Mannsc|haft",
  "Aus|gabe", "Posit|ionen"). Hyphenated compounds use their last part. A lexicon compound
  whose head is a neutral lexicon noun names a topic and counts 0 ("Friedensverhandlung").
* **Undermining first parts** (class ``undermine``: "Schein-", "Diktat-", "Zwangs-",
  "Pseudo-"): the good thing the head names is fake or forced, so a positive head turns
  negative ("Diktatfrieden") and a negative head neutral ("Scheinproblem"). **"Anti-"** (class
  ``against``) names what is fought: the head's tone does not count ("Antikorruptionsgesetz").
* **Truncated words** carry no tone: a first part cut before a coordination
  ("Friedens- und Sicherheitspolitik": "Friedens-" is not "Frieden"), and a word cut by an
  excerpt's end (handled per sentence in :mod:`tonlage.tone.rules`).
* **Other senses**: a lexicon verb made of a particle and a very general base verb
  ("zurück|halten", "fest|legen"; class ``light_base``) has a compositional meaning in news, not
  the personal-trait sense the lexicon scores: it is set to 0 in the lexicon itself, so the
  separated use ("hält sich zurück") reads the same. Temporal adjectives ("vergangene", which
  the lemmatiser maps to "vergehen") carry no tone. (Focus adverbs need the next word and are
  a sentence pass: :func:`tonlage.tone.rules.pass_focus_adverbs`.)
"""

from __future__ import annotations

import logging
from functools import lru_cache

import simplemma

from tonlage.i18n import message
from tonlage.text import lemmatize

from . import thresholds as th
from .lexicon import DOMAIN_LEXICON, NEWS_NEUTRAL, function_words, load_lexicon, load_pos, word_class
from .tokens import Flag, Kind, Token

# The word-level rules as the evidence names them (the words themselves stay as written).
_TRUNCATED_PART = message("truncated compound part")
_TEMPORAL = message("temporal adjective")
_EMOTICON = message("emoticon")

log = logging.getLogger(__name__)

__all__ = ["TokenTable", "EMOTICONS", "READER_NOTE"]

# The note on a word whose tone a reader set for their corpus (shown with the evidence).
READER_NOTE = message("reader's word list")

# First parts that make a word a prefix verb's noun, not a compound ("Ausgabe", "Vorlage").
_PREFIX_PARTS = frozenset(
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
    ]
)
_LINKS = ("s", "es", "n", "en", "e", "er", "ns")
_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em", "ere", "eren", "erer", "eres", "erem")

#: Emoticons as tone words (tweets and reader comments): polarity on the lexicon's scale.
EMOTICONS: dict[str, float] = {
    ":)": 0.7,
    ":-)": 0.7,
    ";)": 0.7,
    ";-)": 0.7,
    ":D": 1.0,
    ":-D": 1.0,
    "<3": 1.0,
    ":(": -0.7,
    ":-(": -0.7,
    ";(": -0.7,
}

_PUNCT_KIND = {
    ",": Kind.BREAK,
    ";": Kind.BREAK,
    ":": Kind.BREAK,
    "(": Kind.BREAK,
    ")": Kind.BREAK,
    "[": Kind.BREAK,
    "]": Kind.BREAK,
    "–": Kind.BREAK,
    "—": Kind.BREAK,
    "-": Kind.BREAK,
    " - ": Kind.BREAK,
    " ‑ ": Kind.BREAK,
    ".": Kind.END,
    "!": Kind.END,
    "?": Kind.END,
    "…": Kind.END,
}
_QUOTES = frozenset('„“”"»«‹›')


@lru_cache(maxsize=100_000)
def _plausible_first_part(part: str) -> bool:
    """True when ``part`` looks like the first element of a German compound."""
    low = part.lower().rstrip("-")
    if len(low) < th.MIN_COMPOUND_REST or low in _PREFIX_PARTS:
        return False
    cap = low[:1].upper() + low[1:]
    if simplemma.is_known(cap, lang="de") or simplemma.is_known(low, lang="de"):
        return True
    for link in _LINKS:
        if low.endswith(link) and len(low) - len(link) >= th.MIN_COMPOUND_REST:
            stem = cap[: -len(link)]
            if simplemma.is_known(stem, lang="de") or simplemma.is_known(stem.lower(), lang="de"):
                return True
    return False


def _stem_in(word: str, stems: frozenset[str]) -> str | None:
    """The class stem that ``word`` consists of, allowing an adjective ending ("vergangene")."""
    for ending in _ADJ_ENDINGS:
        if ending and not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)] if ending else word
        if stem in stems:
            return stem
    return None


# The word classes of a token that is not a word (punctuation, quotes, numbers, emoticons):
# particle ... determiner False, known True (see Token's fields from ``particle`` on).
_NO_CLASSES = (False,) * 11 + (True,)
_KIND_FLAG = {Kind.NEG: Flag.NEG, Kind.CONTR: Flag.CONTR, Kind.MOD: Flag.MOD, Kind.QUOTE: Flag.QUOTE}


def _token(
    text: str,
    low: str,
    kind: int,
    polarity: float = 0.0,
    pos: str = "",
    lemma: str = "",
    note: str = "",
    factor: float = 1.0,
    candidate: bool = False,
    focus: bool = False,
    classes: tuple = _NO_CLASSES,
) -> Token:
    """The :class:`Token` with its :attr:`~Token.flags` and :attr:`~Token.is_tone`, made once
    (a frozen dataclass made and then copied with ``dataclasses.replace`` cost twice as much,
    ~40 % of a new word form's cost in a fresh worker).

    ``classes`` are the fields from ``particle`` to ``known`` (in :class:`TokenTable._classes`'
    order): particle, function_verb, fv_preposition, readiness, refusal, reporting,
    subjunctive, modal, post_negator, zu_infinitive, determiner, known.
    """
    (
        particle,
        function_verb,
        fv_prep,
        readiness,
        refusal,
        reporting,
        subjunctive,
        modal,
        post_neg,
        zu_inf,
        det,
        known,
    ) = classes
    bits = _KIND_FLAG.get(kind, 0)
    if candidate:
        bits |= Flag.CANDIDATE
    if particle:
        bits |= Flag.PARTICLE
    if function_verb:
        bits |= Flag.FUNCTION_VERB
    if refusal:
        bits |= Flag.REFUSAL
    if reporting:
        bits |= Flag.REPORTING
    if subjunctive:
        bits |= Flag.SUBJUNCTIVE
    if modal:
        bits |= Flag.MODAL
    if low == "gut":
        bits |= Flag.IDIOM
    elif low == "zwar":
        bits |= Flag.ZWAR
    if text == "…":
        bits |= Flag.ELLIPSIS
    if focus:
        bits |= Flag.FOCUS
    # The word classes by name: Token's field order (``known`` before ``focus``, ``determiner``
    # after it) is not theirs, and a positional call would swap two without a word (0.6 µs more).
    return Token(
        text,
        low,
        kind,
        polarity,
        pos,
        lemma,
        note,
        factor,
        candidate,
        particle=particle,
        function_verb=function_verb,
        fv_preposition=fv_prep,
        readiness=readiness,
        refusal=refusal,
        reporting=reporting,
        subjunctive=subjunctive,
        modal=modal,
        post_negator=post_neg,
        zu_infinitive=zu_inf,
        known=known,
        focus=focus,
        determiner=det,
        is_tone=kind == Kind.TONE,
        flags=bits,
    )


class TokenTable:
    """Word form → :class:`Token`, computed on first sight (a per-scorer memo).

    ``table.tokens(strings)`` maps a sentence's token strings; ``table[string]`` one string.

    Args:
        extra_neutral: Lexicon forms to treat as 0 in addition to ``data/news_neutral.tsv``
            (the news-neutral words a :class:`~tonlage.tone.model.ToneModel` learned).
        use_domain_lexicon: Add ``data/domain_lexicon.tsv`` and apply the news-neutral lists.
        use_compounds: Use compound heads (and the compound rules).
        use_sense_rules: Apply the word-level sense rules (light-base particle verbs, temporal
            adjectives, focus adverbs, truncated words, undermining first parts).
        reader_words: A reader's corrections for one corpus, word → polarity (0: not
            evaluative here). They win over the lexicon and every list, for the word's form
            and its lemma, and as the head of a compound.
    """

    def __init__(  # noqa: C901 - loads each word class once; a flat list of assignments
        self,
        *,
        extra_neutral=frozenset(),
        use_domain_lexicon: bool = True,
        use_compounds: bool = True,
        use_sense_rules: bool = True,
        reader_words: dict[str, float] | None = None,
    ):
        self.cache: dict[str, Token] = {}
        polarity, nouns = load_lexicon()
        pos = load_pos()
        lex = dict(polarity)
        noun_set = set(nouns)
        if use_domain_lexicon:
            lex.update(DOMAIN_LEXICON)
            for word in DOMAIN_LEXICON:
                if word[0].isupper():
                    pos[word] = "NN"
                    noun_set.add(word)
                else:
                    pos[word] = "VB" if word.endswith("n") else "JJ"
            # (a form the lexicon lacks is read as 0 too: the lemmatiser would take it for
            # another word, "gelangen" for "gelingen")
            for word in NEWS_NEUTRAL:
                lex[word] = 0.0
                if word[0].isupper():  # and as a compound's head: "Präsidentschaftswahlkampf" is no 'Kampf'
                    noun_set.add(word)
        for word in extra_neutral:
            if word in lex:
                lex[word] = 0.0
        self._particles = word_class("particle")
        self._light_bases = word_class("light_base")
        self.sense_neutral: dict[str, str] = {}
        if use_sense_rules:
            # Particle verbs of very general base verbs ("zurückhalten", "festlegen"): zeroed in
            # the lexicon itself, so a separated use ("hält sich zurück") reads the same.
            for form, tag in pos.items():
                if tag == "VB" and lex.get(form) and form.islower() and form not in DOMAIN_LEXICON:
                    base = self._light_particle_verb(form)
                    if base:
                        lex[form] = 0.0
                        self.sense_neutral[form] = message("particle verb of '{word}'", word=base)
        self.reader_words: dict[str, float] = {}
        for word, value in (reader_words or {}).items():
            for form in {word, lemmatize(word)}:
                if form:
                    self.reader_words[form] = float(value)
                    lex[form] = float(value)
                    if form[0].isupper() and float(value):
                        noun_set.add(form)
        self.lexicon = lex
        self.pos = pos
        self.use_compounds = use_compounds
        self.use_sense_rules = use_sense_rules
        self._heads = {w.lower(): w for w in noun_set if len(w) >= th.MIN_COMPOUND_HEAD}
        self._max_head = max((len(h) for h in self._heads), default=0)
        self._negators = frozenset(function_words("negator"))
        self._post_negators = frozenset(function_words("post_negator"))
        self._contrast = frozenset(function_words("contrast"))
        self._modifiers = {w: float(v) for w, v in function_words("modifier").items()}
        self._names = frozenset(function_words("name_word"))
        self._function_verbs = word_class("function_verb")
        self._fv_preps = word_class("fv_preposition")
        self._temporal = word_class("temporal_adjective")
        self._focus = word_class("focus_adverb")
        self._determiners = word_class("determiner")
        self._readiness = word_class("readiness")
        self._refusal = word_class("refusal")
        self._reporting = word_class("reporting_verb")
        self._subjunctive = word_class("subjunctive_1")
        self._modal = word_class("modal")
        self._undermine = word_class("undermine")
        self._against = word_class("against")

    # ------------------------------------------------------------------ lexicon lookup

    def lookup(self, token: str) -> tuple[float, str, str] | None:  # noqa: C901 - the lookup order (reader, form, lemma, compound, hyphen) is the rule
        """``(polarity, matched form, note)`` for a word, or None when the lexicon lacks it."""
        lex = self.lexicon
        candidates = [token]
        if "ß" in token:
            candidates.append(token.replace("ß", "ss"))
        lemma = lemmatize(token)
        if lemma and lemma != token:
            candidates.append(lemma)
            if "ß" in lemma:
                candidates.append(lemma.replace("ß", "ss"))
        if token[0].isupper():
            # Sentence-initial adjectives and verbs ("Schlechte Nachrichten"), tried after the
            # noun readings so "Sorgen" stays the noun, not the verb "sorgen".
            low = token.lower()
            candidates.append(low)
            low_lemma = lemmatize(low)
            if low_lemma != low:
                candidates.append(low_lemma)
            if "ß" in low_lemma:
                candidates.append(low_lemma.replace("ß", "ss"))
        if self.reader_words:
            for cand in candidates:
                if cand in self.reader_words:
                    return self.reader_words[cand], cand, READER_NOTE
        for cand in candidates:
            pol = lex.get(cand)
            if pol is not None:
                if pol != 0.0 and self.use_compounds and cand[0].isupper():
                    # A compound whose head is a neutral lexicon noun names a topic, not a
                    # judgement: whether the talks went well is said elsewhere.
                    split = self._compound_split(cand)
                    if split is not None and lex[split[1]] == 0.0:
                        return 0.0, split[1], message("compound head '{word}'", word=split[1])
                return pol, cand, ""
        if self.use_compounds and token[0].isupper() and "-" not in token:
            base = lemma if lemma and lemma[0].isupper() else token
            split = self._compound_split(base)
            if split is None and base != token:
                split = self._compound_split(token)
            if split is not None:
                return self._compound_polarity(split[0], split[1])
        if "-" in token.strip("-"):
            # Hyphenated compounds ("Corona-Krise"): the last part carries the tone.
            first, last = token.rstrip("-").split("-", 1)[0], token.rstrip("-").rsplit("-", 1)[-1]
            if len(last) >= th.MIN_COMPOUND_HEAD:
                found = self.lookup(last)
                if found is not None and found[0] != 0.0:
                    return self._compound_polarity(first, found[1], found[0])
        return None

    def _compound_split(self, word: str) -> tuple[str, str] | None:
        """``(first part, head)``: the longest lexicon noun ending ``word`` after a plausible
        first part, or None."""
        low = word.lower()
        n = len(low)
        heads = self._heads
        for start in range(max(th.MIN_COMPOUND_REST, n - self._max_head), n - th.MIN_COMPOUND_HEAD + 1):
            head = heads.get(low[start:])
            if head is not None and _plausible_first_part(word[:start]):
                return word[:start], head
        return None

    def _compound_polarity(self, first: str, head: str, pol: float | None = None) -> tuple[float, str, str]:
        pol = self.lexicon[head] if pol is None else pol
        if self.use_sense_rules and pol != 0.0:
            part = first.lower().rstrip("-")
            if part in self._undermine or part.rstrip("s") in self._undermine:
                note = message("'{part}-' undermines '{word}'", part=first.rstrip("-"), word=head)
                if pol > 0:
                    return round(pol * th.UNDERMINED_POSITIVE_FACTOR, 4), head, note
                return 0.0, head, note
            if part in self._against:
                return 0.0, head, message("'{part}-' is against '{word}'", part=first.rstrip("-"), word=head)
        return pol, head, message("compound head '{word}'", word=head)

    def _other_sense(self, token: str, low: str, matched: str) -> str:
        """A note when a lexicon word is used in a sense without tone, else ""."""
        if token.endswith("-"):
            return _TRUNCATED_PART
        if _stem_in(low, self._temporal) or _stem_in(matched.lower(), self._temporal):
            return _TEMPORAL
        return ""

    def _light_particle_verb(self, form: str) -> str:
        """The light base verb when ``form`` is particle + light base ("zurück|halten")."""
        for cut in range(2, min(9, len(form) - 3)):
            if form[:cut] in self._particles and form[cut:] in self._light_bases:
                return form[cut:]
        return ""

    # ------------------------------------------------------------------ tokens

    def __getitem__(self, token: str) -> Token:
        tok = self.cache.get(token)
        if tok is None:
            tok = self.cache[token] = self._make(token)
        return tok

    def tokens(self, strings: list[str]) -> list[Token]:
        """The :class:`Token` of each string (a plain-dict lookup when all are known)."""
        try:
            return list(map(self.cache.__getitem__, strings))
        except KeyError:
            return [self[s] for s in strings]

    def _classes(self, token: str, low: str, lem_low: str) -> tuple:
        """The word-class fields of :func:`_token` for a word."""
        return (
            low in self._particles,
            lem_low in self._function_verbs,
            low in self._fv_preps,
            low in self._readiness or token in self._readiness,
            lem_low in self._refusal,
            lem_low in self._reporting or low in self._reporting,
            low in self._subjunctive,
            low in self._modal,
            low in self._post_negators,
            low == "zu" or self._has_zu_infix(low),
            low in self._determiners,
            token in self.lexicon or simplemma.is_known(token, lang="de"),
        )

    def _make(self, token: str) -> Token:
        low = token.lower()
        kind = _PUNCT_KIND.get(token)
        if kind is not None:
            return _token(token, low, kind)
        if token in _QUOTES:
            return _token(token, low, Kind.QUOTE)
        if token in EMOTICONS:
            return _token(token, low, Kind.TONE, EMOTICONS[token], "EMO", token, _EMOTICON, candidate=True)
        if not token or token[0].isdigit():
            return _token(token, low, Kind.NUM)
        lemma = lemmatize(token)
        classes = self._classes(token, low, lemma.lower())
        if low in self._negators:
            return _token(token, low, Kind.NEG, lemma=lemma, classes=classes)
        if low in self._contrast:
            return _token(token, low, Kind.CONTR, lemma=lemma, classes=classes)
        if low in self._modifiers:
            # A modifier that is also a tone word ("leicht") keeps its polarity for when it
            # does not stand before another tone word.
            found = self.lookup(token)
            pol = found[0] if found else 0.0
            pos = self.pos.get(found[1], "") if found else ""
            return _token(token, low, Kind.MOD, pol, pos, lemma, "", self._modifiers[low], pol != 0.0, classes=classes)
        if token in self._names:
            return _token(token, low, Kind.WORD, lemma=lemma, classes=classes)
        found = self.lookup(token)
        if found is None or found[0] == 0.0:
            matched = found[1] if found else lemma
            return _token(
                token,
                low,
                Kind.WORD,
                lemma=matched,
                note=self.sense_neutral.get(matched, ""),
                focus=low in self._focus,
                classes=classes,
            )
        pol, matched, note = found
        if self.use_sense_rules:
            other = self._other_sense(token, low, matched)
            if other:
                return _token(token, low, Kind.WORD, 0.0, "", matched, other, classes=classes)
        pos = self.pos.get(matched, "NN" if matched[:1].isupper() else "JJ")
        return _token(
            token, low, Kind.TONE, pol, pos, matched, note, candidate=True, focus=low in self._focus, classes=classes
        )

    def _has_zu_infix(self, low: str) -> bool:
        """A verb with infix "zu" after a particle ("abzuschließen", "anzuerkennen")."""
        if not low.endswith("en") or len(low) < 8:
            return False
        return any(low[:cut] in self._particles and low[cut : cut + 2] == "zu" for cut in range(2, 8))
