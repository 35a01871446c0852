"""What kind of article a text is: news report, commentary, a social-media post, or other
(interview, letter).

Three kinds of evidence, strongest first:

1. a *label* the page prints (a kicker "Kommentar", "Kategorie Kommentar", a headline
   "Kommentar: …", "Ein Kommentar von …", "Meinung" before the standfirst);
2. the *form* of the text: questions and answers or speaker names (an interview), a letter's
   salutation ("Liebe Leserinnen und Leser"), a press review's "'Zeitung' zu Thema:", a live
   ticker's update stamps;
3. its *style* in the author's own voice (quotations left out): first and second person,
   modal particles and stance adverbs, obligations, evaluative words, questions and
   exclamations count for commentary; reporting verbs and the subjunctive of reported speech
   count for a report (see :func:`style_score`).

A short text that addresses someone ("@name", "RT @name"), tags a topic ("#btw13") or links
out is a *post* (:func:`post_evidence`): a tweet's wording is no commentary or news report, and
calling it one would mislead a reader who filters by kind. A short entry without such marks in a
table whose entries are mostly posts is a post too (:func:`posts_among`).

Metadata (``metadata.csv``, a table column) overrides all of this. Genre values are the ones
the app has always shown, "news report" and "commentary", plus "post" and "other".

Where the three meet a live blog, a press review and an analysis, this module follows the
labelled development data: a live blog of news is a news report, a press review (a set of
opinions) and an analysis are commentary (``FORM_GENRE`` and ``LABEL_GENRE`` say so in one
place).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from ..text import POST_MARKUP

__all__ = [
    "GenreFinding",
    "classify_genre",
    "style_score",
    "post_evidence",
    "posts_among",
    "STYLE_THRESHOLD",
    "POST_CHARS",
    "GENRES",
    "LABEL_GENRE",
    "FORM_GENRE",
]

log = logging.getLogger(__name__)

GENRES = ("news report", "commentary", "post", "other")
LABEL_GENRE = {
    **dict.fromkeys(
        (
            "kommentar",
            "gastkommentar",
            "meinung",
            "leitartikel",
            "analyse",
            "gastbeitrag",
            "kolumne",
            "glosse",
            "essay",
            "standpunkt",
            "einwurf",
            "presseschau",
            "pressestimme",
            "pressestimmen",
            "pro und contra",
            "pro & contra",
            "opinion",
            "comment",
            "editorial",
            "op-ed",
            "column",
            "leserbrief",
            "rezension",
        ),
        "commentary",
    ),
    "interview": "other",
    **dict.fromkeys(
        ("liveblog", "live-blog", "liveticker", "live-ticker", "newsticker", "news-ticker", "ticker"), "news report"
    ),
}
FORM_GENRE = {"interview": "other", "letter": "other", "press review": "commentary", "live blog": "news report"}

# Score above which the own-voice style reads as commentary: more signals of the author's own
# voice than of reporting. Not fitted; bench/real_pages.py also reports a threshold fitted
# with cross-validation on the labelled pages, as a check.
STYLE_THRESHOLD = 0.0

#: The longest text read as a post: a tweet is at most 280 characters, a Mastodon post 500 by
#: default. The shortest news text with an address or a link in the gnad set is 879 characters.
POST_CHARS = 700


@dataclass(frozen=True)
class GenreFinding:
    """The genre and how it was found.

    Attributes:
        genre: "news report", "commentary", "post" or "other".
        source: "label", "form", "style" or "default" ("metadata" is set by the loader,
            "context" by :func:`posts_among`).
        confidence: "high", "medium" or "low".
        evidence: The words that decided ("label 'Leitartikel'", "interview: 4 questions",
            "style 2.3 ≥ 1.2: ich ×3, sollte ×2"), for the reader.
    """

    genre: str
    source: str
    confidence: str
    evidence: str


_QUOTED = re.compile(r"„[^“”\n]{0,600}[“”]|»[^«\n]{0,600}«|«[^»\n]{0,600}»|\"[^\"\n]{0,600}\"|“[^”\n]{0,600}”")
_WORD_EDGES = ".,;:!?()–—-\"'“”„»«…"

_FIRST = frozenset(
    [
        "ich",
        "mich",
        "mir",
        "mein",
        "meine",
        "meinem",
        "meinen",
        "meiner",
        "meines",
        "wir",
        "uns",
        "unser",
        "unsere",
        "unserem",
        "unseren",
        "unserer",
        "unseres",
    ]
)
_SECOND = frozenset(["du", "dich", "dir", "dein", "deine", "deinem", "deinen", "deiner", "euch", "euer", "eure"])
# Modal particles and stance adverbs: the author's attitude, rare in reports outside quotes.
_STANCE = frozenset(
    [
        "eben",
        "halt",
        "freilich",
        "natürlich",
        "leider",
        "hoffentlich",
        "zweifellos",
        "zweifelsohne",
        "sicherlich",
        "gewiss",
        "selbstverständlich",
        "ausgerechnet",
        "endlich",
        "geradezu",
        "schlicht",
        "schlichtweg",
        "regelrecht",
        "überhaupt",
        "bloß",
        "wahrlich",
        "bedauerlicherweise",
        "glücklicherweise",
        "erfreulicherweise",
        "dummerweise",
        "offensichtlich",
        "eigentlich",
        "immerhin",
        "ohnehin",
        "jedenfalls",
    ]
)
# What ought to be: the author's demands (counted fully) and plain necessity (counted half:
# reports say "muss sich verantworten" too).
_OUGHT = frozenset(["sollte", "sollten", "müsste", "müssten", "bräuchte", "bräuchten", "hätte", "hätten", "täte"])
_MUST = frozenset(["muss", "müssen"])
# Judging words: adjectives (with their inflected forms) and nouns.
_JUDGING_ADJ = [
    "absurd",
    "peinlich",
    "skandalös",
    "unverantwortlich",
    "verantwortungslos",
    "überfällig",
    "verheerend",
    "fahrlässig",
    "unerträglich",
    "beschämend",
    "lächerlich",
    "heuchlerisch",
    "zynisch",
    "grotesk",
    "erbärmlich",
    "katastrophal",
    "töricht",
    "unsäglich",
    "unredlich",
    "verlogen",
    "schamlos",
    "kläglich",
    "armselig",
    "desaströs",
    "irrsinnig",
    "wahnsinnig",
    "unfähig",
    "dreist",
    "naiv",
    "feige",
    "mutlos",
    "scheinheilig",
    "kurzsichtig",
    "fatal",
    "klug",
    "vernünftig",
    "richtig",
    "falsch",
]
_JUDGING_NOUN = [
    "skandal",
    "heuchelei",
    "heuchler",
    "irrsinn",
    "wahnsinn",
    "unsinn",
    "farce",
    "trauerspiel",
    "blamage",
    "versagen",
    "unfähigkeit",
    "verantwortungslosigkeit",
    "doppelmoral",
    "dreistigkeit",
    "zynismus",
]
_JUDGING = frozenset(
    [a + end for a in _JUDGING_ADJ for end in ("", "e", "en", "er", "es", "em", "erweise")]
    + [n + end for n in _JUDGING_NOUN for end in ("", "s", "e", "en", "n")]
) - {"richtig", "falsch"}
# "ist richtig", "war falsch", "zu Recht": a judgement as a predicate. Found by the judging word
# first and its copula among the three words before it (a search led by the copula is slow).
_JUDGED_WORDS = ("richtig", "falsch", "verständlich", "bedauerlich", "erfreulich", "bemerkenswert", "gut so")
_JUDGED = re.compile(r"(?:richtig|falsch|unverständlich|verständlich|bedauerlich|erfreulich|bemerkenswert|gut so)\b")
_COPULA = frozenset(["ist", "war", "wäre", "sind", "waren", "bleibt", "bleiben"])
_DEGREE = frozenset(["es", "nur", "auch", "völlig", "ganz", "absolut"])


def _verdicts(own: str, low_text: str) -> int:
    found = low_text.count("zu recht") + low_text.count("zu unrecht")
    if not any(w in low_text for w in _JUDGED_WORDS):
        return found
    for m in _JUDGED.finditer(low_text):
        before = low_text[max(0, m.start() - 40) : m.start()].split()[-3:]
        while before and before[-1] in _DEGREE:
            before.pop()
        if before and before[-1] in _COPULA:
            found += 1
    return found


_REPORTING = frozenset(
    [
        "sagte",
        "sagten",
        "erklärte",
        "erklärten",
        "teilte",
        "teilten",
        "betonte",
        "betonten",
        "berichtete",
        "berichteten",
        "kündigte",
        "kündigten",
        "bestätigte",
        "bestätigten",
        "meldete",
        "meldeten",
        "hieß",
        "laut",
        "zufolge",
        "angaben",
        "mitteilte",
        "mitteilten",
        "forderte",
        "forderten",
        "warnte",
        "warnten",
        "kritisierte",
        "kritisierten",
        "sprach",
        "sprachen",
    ]
)
_SUBJUNCTIVE = frozenset(["sei", "seien", "habe", "werde", "könne", "müsse", "solle", "gebe", "wolle", "dürfe"])
# Reports say when: "am Montag", "Donnerstagabend".
_WHEN = frozenset(
    day + part
    for day in ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag")
    for part in ("", "s", "abend", "morgen", "mittag", "nachmittag", "vormittag", "nacht")
)

_STYLE_CHARS = 4000

_DIGITS = re.compile(r"\d[\d.,:/]*")
# "Berlin – " opening a report: the place it is filed from.
_PLACE_DATELINE = re.compile(r"^[A-ZÄÖÜ][\w./-]+(?:\s[A-ZÄÖÜ][\w./-]+)?\s?(?:\([^()\n]{1,30}\))?\s[-–—]\s", re.M)
_FORMAL = re.compile(r"(?:Sie|Ihnen|Ihre[nmrs]?)\b")
# The commonest German function words: style is only read in text that is German.
_GERMAN = frozenset(
    [
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "ein",
        "eine",
        "zu",
        "den",
        "von",
        "mit",
        "sich",
        "des",
        "auf",
        "für",
        "im",
        "dem",
        "auch",
        "es",
        "an",
        "als",
    ]
)


def _forms(words) -> frozenset[str]:
    """Each word also as it stands before a comma, a full stop or other punctuation."""
    return frozenset(w + end for w in words for end in ("", ",", ".", "!", "?", ":", ";"))


_FIRST, _SECOND, _STANCE, _OUGHT, _MUST = map(_forms, (_FIRST, _SECOND, _STANCE, _OUGHT, _MUST))
_JUDGING, _WHEN, _GERMAN = map(_forms, (_JUDGING, _WHEN, _GERMAN))
_REPORTED = _forms(_REPORTING | _SUBJUNCTIVE)


def style_score(text: str) -> tuple[float, str]:
    """How much the text speaks in its author's own voice, per 100 words outside quotations.

    Counts for commentary: first person (×1.5), second person and the formal "Sie" inside a
    sentence, modal particles and stance adverbs, demands (sollte, müsste), judging words
    ("verantwortungslos", "Heuchelei") and verdicts ("ist richtig", "zu Recht") (×1 each),
    necessity (muss, müssen: ×0.5), and questions and exclamations in the author's voice (×1).
    Counts against: reporting verbs (sagte, erklärte, laut, zufolge), the subjunctive of
    reported speech (sei, habe, werde) and days of the week a report is anchored in
    ("Montag", "Donnerstagabend") (×1 each), figures (×0.5) and a place dateline opening the text
    ("Berlin – ", ×2).
    Text that is not German scores 0.

    Returns:
        (score, the three strongest signals as text).
    """
    # A long article shows its voice in its opening and in its conclusion (where commentary
    # concludes): reading those keeps long texts cheap.
    if len(text) > _STYLE_CHARS:
        text = text[: _STYLE_CHARS - 1500] + "\n" + text[-1500:]
    own = _QUOTED.sub(" ", text)
    low_text = own.lower()
    words = low_text.split()
    n = len(words)
    if n < 8:
        return 0.0, "too short"
    # Words are counted in C (Counter over str.split) and looked up with set intersections:
    # a loop over every word would cost more than the rest of the reading. Words keep the
    # punctuation they touch ("ich,"): the word lists hold those forms too (see _forms).
    counts = Counter(words)
    present = set(counts)
    get = counts.__getitem__
    if sum(map(get, present & _GERMAN)) < 0.08 * n:
        return 0.0, "not German"
    signals: dict[str, float] = {}
    for group in (_STANCE, _OUGHT, _JUDGING):
        for w in present & group:
            key = w.rstrip(",.!?:;")
            signals[key] = signals.get(key, 0) + counts[w]
    for w in present & _MUST:
        key = w.rstrip(",.!?:;")
        signals[key] = signals.get(key, 0) + 0.5 * counts[w]
    first = sum(map(get, present & _FIRST))
    plus = 1.5 * first + sum(map(get, present & _SECOND)) + sum(signals.values())
    signals["1st person"] = first
    signals["2nd person"] = sum(map(get, present & _SECOND))
    verdicts = _verdicts(own, low_text)
    if verdicts:
        signals["verdict"] = verdicts
        plus += verdicts
    # The formal "Sie" inside a sentence (sentence-initial "Sie" is mostly "they"): found by its
    # letters first, then its neighbours checked (a search led by a character class is slow).
    formal = 0
    for m in _FORMAL.finditer(own):
        i = m.start()
        if i >= 2 and own[i - 1] == " " and (own[i - 2].islower() or own[i - 2] == ","):
            formal += 1
    if formal:
        signals["formal Sie"] = formal
        plus += formal
    signals["?"] = own.count("? ") + own.count("?\n") + own.endswith("?")
    signals["!"] = own.count("! ") + own.count("!\n") + own.endswith("!")
    plus += signals["?"] + signals["!"]
    reported = present & _REPORTED
    minus_words = sum(map(get, reported))
    when = sum(map(get, present & _WHEN))
    figures = 0.5 * len(_DIGITS.findall(own))
    dateline = 2 * len(_PLACE_DATELINE.findall(text[:300]))
    minus = minus_words + when + figures + dateline
    score = 100 * (plus - minus) / n
    for w in reported:
        signals["-" + w.rstrip(",.!?:;")] = signals.get("-" + w.rstrip(",.!?:;"), 0) + counts[w]
    signals["-when"], signals["-figures"], signals["-dateline"] = when, figures, dateline
    top = ", ".join(f"{k} ×{c:g}" for k, c in sorted(signals.items(), key=lambda kv: (-kv[1], kv[0]))[:3] if c)
    return round(score, 2), top


_SPEAKER = re.compile(r"^(?:[A-ZÄÖÜ][A-ZÄÖÜ.'’-]+(?:\s+[A-ZÄÖÜ][A-ZÄÖÜ.'’-]+){0,3}|frage|antwort|f|a)\s*:\s+\S", re.M)
_QUESTION_LINE = re.compile(r"^[^\n]{10,400}\?$", re.M)
_LETTER = re.compile(
    r"^(?:liebe|lieber|sehr\s+geehrte[r]?)\s+(?:leserinnen|leser|abonnentinnen|abonnenten|"
    r"hörerinnen|hörer|zuschauerinnen|zuschauer)\b",
    re.IGNORECASE | re.M,
)
_PRESS_REVIEW = re.compile(r"^[\"„»«'‚][^\"„“”»«'‘’\n]{2,40}[\"“”»«'‘’]\s+(?:zu|zum|zur|über)\s+[^\n]{3,100}:$", re.M)
_TICKER = re.compile(
    r"^(?:\+\+\+|update\b[^\n]{0,30}\d{1,2}[:.]\d{2}|\d{1,2}[:.]\d{2}\s*uhr\s*:)", re.IGNORECASE | re.M
)


# Speaker names inside a paragraph, as interviews flattened into one line show them
# ("… gesagt. ZEITUNG: Wie geht es weiter …").
_INLINE_SPEAKER = re.compile(r"(?<=[.?!“\"»])\s+[A-ZÄÖÜ]{3,}(?:[\s-][A-ZÄÖÜ]{2,}){0,2}:\s")


def _form(text: str) -> tuple[str, str] | None:
    if "\n" not in text:
        # Every form needs several lines, but an interview may have lost its line breaks.
        inline = len(_INLINE_SPEAKER.findall(text)) if ": " in text else 0
        if inline >= 2:
            return "interview", f"interview: {inline} speaker names"
        return None
    speakers = len(_SPEAKER.findall(text)) + len(_INLINE_SPEAKER.findall(text))
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    questions = 0
    for a, b in zip(lines, lines[1:]):
        if _QUESTION_LINE.match(a) and not b.endswith("?") and re.search(r"\b(?:Sie|Ihr|Ihnen|Ihre[nmrs]?)\b", a):
            questions += 1
    if speakers >= 2 or questions >= 3 or (speakers >= 1 and questions >= 2):
        return "interview", f"interview: {questions} questions, {speakers} speaker names"
    if ("Liebe" in text or "geehrte" in text) and _LETTER.search(text):
        return "letter", "letter: a salutation to the readers"
    if (":\n" in text or text.endswith(":")) and _PRESS_REVIEW.search(text):
        return "press review", "press review: a newspaper quoted on a topic"
    if ("pdate" in text or "+++" in text or "Uhr:" in text or "uhr:" in text) and len(_TICKER.findall(text)) >= 2:
        return "live blog", "live blog: update stamps"
    return None


# A topic tag: "#" then a letter ("#btw13", "#AfD"), not "#12" or an HTML colour ("#ff0000":
# three or six hexadecimal digits, one of them a figure).
_HASHTAG = re.compile(r"(?<![\w&#])#(?!(?=[0-9a-fA-F]*[0-9])(?:[0-9a-fA-F]{3}){1,2}\b)(?=[^\W\d_])\w+")


def post_evidence(text: str) -> str:
    """Why ``text`` reads as a social-media post ("post: @addresses ×2, #tags ×1 in 96
    characters"), or "" when it does not: no more than :data:`POST_CHARS` characters with an
    address, a retweet mark, a link (:data:`tonlage.text.POST_MARKUP`) or a tag."""
    if len(text) > POST_CHARS or ("@" not in text and "#" not in text and "://" not in text and "www." not in text):
        return ""
    marks = POST_MARKUP.findall(text)
    tags = _HASHTAG.findall(text)
    if not marks and not tags:
        return ""
    links = sum(1 for m in marks if "@" not in m)
    signs = [(len(marks) - links, "@addresses"), (links, "links"), (len(tags), "#tags")]
    listed = ", ".join(f"{what} ×{n}" for n, what in signs if n)
    return f"post: {listed} in {len(text)} characters"


def classify_genre(
    text: str,
    *,
    labels=(),
    language: str = "de",
    agency: bool = False,
    title: str = "",
    threshold: float = STYLE_THRESHOLD,
) -> GenreFinding:
    """The genre of an article.

    Args:
        text: The article text (furniture removed).
        labels: Genre words the page printed as labels (see :data:`tonlage.reading.page.GENRE_LABELS`),
            in page order; the first one known in :data:`LABEL_GENRE` decides.
        language: The text's language if known; style is only read in German ("de") and in
            text of unknown language.
        agency: True when an agency is credited (agency copy is news unless labelled otherwise).
        title: The headline, read with the text for style (commentary headlines judge and ask).
        threshold: The style score above which a text reads as commentary.
    """
    for label in labels:
        genre = LABEL_GENRE.get(label.lower())
        if genre:
            return GenreFinding(genre, "label", "high", f"label '{label.capitalize()}'")
    form = _form(text)
    if form:
        kind, evidence = form
        return GenreFinding(FORM_GENRE[kind], "form", "high" if kind != "live blog" else "medium", evidence)
    post = post_evidence(text)
    if post:
        return GenreFinding("post", "form", "high", post)
    if language not in ("de", "unknown", ""):
        return GenreFinding("news report", "default", "low", f"style not read in language '{language}'")
    score, top = style_score(f"{title}\n{text}" if title else text)
    if top in ("too short", "not German"):
        return GenreFinding("news report", "default", "low", f"style not read: {top}")
    margin = score - threshold
    if agency and margin < 2:
        return GenreFinding("news report", "style", "medium", f"agency copy; style {score:.1f}: {top}")
    genre = "commentary" if margin > 0 else "news report"
    confidence = "medium" if abs(margin) >= 1.0 else "low"
    sign = ">" if margin > 0 else "≤"
    return GenreFinding(genre, "style", confidence, f"style {score:.1f} {sign} {threshold:g}: {top}")


def posts_among(findings: list[GenreFinding], lengths: list[int]) -> list[GenreFinding]:
    """The genres of one table's entries, read together: when most entries are posts, a short
    entry (no more than :data:`POST_CHARS` characters) whose kind rests on its wording alone
    (source "style" or "default") is a post too. Posts without an address or a tag are common
    ("Die Wahl ist zwischen …"), and eight words of a tweet read as a commentary or a report
    by chance. Labels, forms and metadata are kept. Fewer than 5 entries are left as they are."""
    posts = sum(1 for f in findings if f.genre == "post")
    if len(findings) < 5 or 2 * posts <= len(findings):
        return findings
    why = f"a short entry among posts ({posts} of {len(findings)} entries are posts)"
    return [
        GenreFinding("post", "context", "medium", why) if f.source in ("style", "default") and n <= POST_CHARS else f
        for f, n in zip(findings, lengths)
    ]
