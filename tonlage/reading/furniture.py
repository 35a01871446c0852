"""Page furniture: the lines of a saved web page that are not the article.

Photo and agency credits, captions, reading times, "read more" links, newsletter, cookie,
paywall and AI-summary notices, share and print buttons, comment counters, navigation. Two
kinds of rules find them:

- general rules over one line (:func:`line_kind`) and over the sentences of a paragraph
  (:func:`promo_sentences`: an outlet advertising itself to the reader), used for every article
  of every format;
- what a corpus teaches (:func:`learn_recurring`): a line that recurs across many articles of
  one source is that source's furniture (a slogan, a subscription box, a footer).

Nothing is ever dropped silently: callers keep every removed line with its kind (see
:class:`tonlage.corpus.RawArticle`'s ``removed_lines``), so the reader can see what was left out.
Kinds are short codes (``KINDS``); the app words them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

__all__ = [
    "KINDS",
    "line_kind",
    "is_credit",
    "is_picture_credit",
    "ends_with_credit",
    "promo_sentences",
    "learn_recurring",
    "recurring_lines_of",
    "recurring_candidate",
    "recurring_key",
    "source_key",
    "CALL_TO_ACTION",
    "OFFER_TO_READER",
    "RECURRING_MIN_COUNT",
    "RECURRING_MIN_SHARE",
    "AGENCIES",
    "strip_bullet",
]

log = logging.getLogger(__name__)

# Every kind of removed line, as stored with the line ("kind", "line").
KINDS = (
    "javascript",
    "cookie",
    "paywall",
    "reading_time",
    "read_more",
    "newsletter",
    "ai_notice",
    "share",
    "counter",
    "navigation",
    "credit",
    "caption",
    "agency_tag",
    "notice",
    "promo",
    "press_contact",
    "pull_quote",
    "separator",
    "recurring",
    # found by where they stand on the page (tonlage.reading.page)
    "kicker",
    "label",
    "headline",
    "dateline",
    "byline",
    "meta",
    "duplicate",
    "related",
    "next_article",
    "page_header",
)

# News agencies whose name alone (a signature, a dateline tag, a line of its own) credits a text.
# Press-release services (ots, news aktuell) are not agencies: they carry others' texts.
AGENCIES = (
    "dpa-AFX",
    "dpa",
    "AFP",
    "Reuters",
    "AP",
    "APA",
    "Keystone-SDA",
    "SDA",
    "KNA",
    "epd",
    "dts Nachrichtenagentur",
    "dts",
    "sid",
    "SID",
    "Bloomberg",
    "ANSA",
    "EFE",
    "Belga",
    "ANP",
    "TASS",
    "Xinhua",
    "AA",
    "ddp",
    "dapd",
    "Agence France-Presse",
    "Associated Press",
    "Deutsche Presse-Agentur",
)
# Photo agencies and picture desks: a line naming one is a credit, never a byline.
_PHOTO_WORDS = (
    r"picture[ -]alliance|imago|getty(?: images)?|keystone|shutterstock|adobe ?stock|istock(?:photo)?|"
    r"ap photo|epa(?:-efe)?|pool|archiv|archive|photothek|laif|ullstein|dpa-?zentralbild|sipa|"
    r"anadolu|afp via getty images|via getty images|privat|pr|handout|unsplash|pixabay"
)
_AGENCY_ALT = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))

_BULLET = re.compile(r"^[•·▪◦●○■□►▶➤\-–—*]+\s+")


def strip_bullet(line: str) -> str:
    """The line without a leading list bullet ("• ", "- ", "– ")."""
    return _BULLET.sub("", line, count=1)


def _rx(*patterns: str) -> re.Pattern[str]:
    compiled = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    _RX_PARTS[compiled] = patterns
    return compiled


_RX_PARTS: dict[re.Pattern[str], tuple[str, ...]] = {}


def _split_rule(pattern: re.Pattern[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """A rule's pattern as (its alternatives anchored at the line's start, the others): the first
    is tried once, at the start (``match``), and only the second at every position of the line,
    with the same answer as searching the whole pattern and far fewer tries on long prose."""
    parts = _RX_PARTS.get(pattern)
    if parts is None:
        return None, pattern

    def union(ps: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in ps), pattern.flags) if ps else None

    return union([p for p in parts if p.startswith("^")]), union([p for p in parts if not p.startswith("^")])


# Each rule looks at one stripped line (bullet removed); most are anchored at its start and
# bounded in length, so article prose that merely mentions "Cookies" or "Newsletter" stays.
_SHORT = 160
_RULES: list[tuple[str, re.Pattern[str], int]] = [
    (
        "javascript",
        _rx(
            r"^(bitte\s+)?(aktivieren|aktiviere)\s+sie\s+(bitte\s+)?java\s?script\b",
            r"^(please\s+)?enable\s+java\s?script\b",
            r"^java\s?script\s+(ist\s+)?(deaktiviert|erforderlich|"
            r"required|disabled)",
        ),
        _SHORT,
    ),
    (
        "cookie",
        _rx(
            r"^(wir|we)\s+(verwenden|nutzen|setzen|use)\s+cookies\b",
            r"^cookies?\b.{0,80}(akzeptieren|einstellungen|"
            r"zustimmen|accept|settings)\b",
            r"^cookie-?(einstellungen|hinweis|richtlinie|banner|settings|policy)\b",
            r"^(alle\s+)?cookies\s+(akzeptieren|zulassen|ablehnen)",
            r"^zustimmung\s+erforderlich\b",
            r"^externe[rn]?\s+inhalt",
            r"^(um\s+)?(diesen|den|externe[n]?)\s+inhalt(e)?\s+(zu\s+sehen|anzuzeigen|"
            r"zu\s+laden)",
            r"^ich\s+bin\s+damit\s+einverstanden,\s+dass\s+mir\s+externe\s+inhalte",
            r"^(inhalt|inhalte)\s+(von|aus)\s+.{1,40}\s+(anzeigen|laden|zulassen)\b",
        ),
        300,
    ),
    (
        "newsletter",
        _rx(
            r"\bnewsletter\b.{0,80}\b(abonnieren|bestellen|anmelden|registrieren|erhalten|kostenlos)\b",
            r"^(abonnieren|bestellen|holen)\s+sie\s+(sich\s+)?.{0,60}\bnewsletter\b",
            r"^(jetzt\s+)?(für\s+den\s+|zum\s+)?newsletter\s+(anmelden|abonnieren)",
            r"^(sign\s+up|subscribe)\s+(for|to)\s+(our|the)\b.{0,40}\bnewsletter",
        ),
        400,
    ),
    (
        "paywall",
        _rx(
            r"^weiter\s?lesen\s*[?!.…]*$",
            r"^(jetzt\s+)?(weiter\s?lesen|abonnieren|abo\s+abschließen|"
            r"kostenlos\s+testen|gratis\s+testen|freischalten)\b.{0,60}$",
            r"\bnur\s+(mit|für)\s+(einem\s+|ein\s+)?(gültigen\s+)?(digital-?|plus-?|online-?)?"
            r"(abo|abonnement|abonnenten|abonnent:innen|abonnent\*innen|abonnentinnen)\b",
            r"^exklusiv\s+für\s+(abonnent|abonnenten|abonnent:innen|abonnent\*innen|plus|abonnentinnen)",
            r"^(sie\s+haben|du\s+hast)\s+kein(en)?(\s+gültiges)?(\s+abo(nnement)?)?\s*[.!]?$",
            r"^gültiges\s+abo(nnement)?\.?$",
            r"^(subscribe|sign\s+up|log\s?in|register)\s+to\s+(keep|continue)\s+"
            r"reading",
            r"^(browse|try|read)\s+\d+\s+days?\s+(for\s+)?free",
            r"^keep\s+reading\W*$",
            r"^continue\s+reading\W*$",
            r"^(bereits|schon)\s+(abonnent|abonniert|registriert|kunde)",
            r"monatsabo\b",
            r"€\s*/\s*monat\b",
            r"\bder\s+erste\s+monat\s+kostet\b",
            r"\bdas\s+abo\s+kann\s+"
            r"jederzeit\b",
            r"^(plus|premium|exklusiv)-?(artikel|inhalt)$",
        ),
        400,
    ),
    (
        "reading_time",
        _rx(
            r"^(lesezeit|lesedauer)\s*:?\s*(ca\.?\s*|etwa\s*)?\d+\s*(min\.?|minuten?)\b.{0,20}$",
            r"^(ca\.\s*)?\d+\s*(min\.?|minuten?)(\s+(lesezeit|lesedauer))?\s*\.?$",
            r"^\d+\s*min(ute)?s?\s+read$",
        ),
        60,
    ),
    (
        "read_more",
        _rx(
            r"^(lesen|hören|sehen)\s+sie\s+(auch|mehr|hier|weiter)\b",
            r"^(mehr|weitere[s]?)\s+(zum\s+thema|"
            r"artikel|dazu|infos|nachrichten|news)\b",
            r"^das\s+könnte\s+(sie|dich)\s+(auch\s+)?interessieren\b",
            r"^(auch|ebenfalls)\s+interessant\b",
            r"^ähnliche\s+(artikel|beiträge|themen)\s*:?$",
            r"^passend\s+dazu\s*:?$",
            r"^(related|more)\s+(news|articles|stories|coverage|on\s+this)\b",
            r"^read\s+more\b",
            r"^empfehlungen?\s+(der|aus\s+der)\s+redaktion\b",
            r"^meistgelesen\w*\s*:?$",
            r"^(zum|zur)\s+(liveblog|newsticker|übersicht|themenseite|dossier)\b",
            r"^[⇢→►▶➤»>]\s*\S",
        ),
        _SHORT,
    ),
    (
        "ai_notice",
        _rx(
            r"^(hinweis\s*:\s*)?(dieser|diese|der|die)\s+(text|artikel|beitrag|zusammenfassung|inhalt|meldung)\b"
            r".{0,80}\b(mit|mithilfe|mit\s+hilfe|von|durch|unter\s+(einsatz|verwendung|zuhilfenahme)|"
            r"unterstützung)\b.{0,40}\b(ki|künstlicher?|ai|chatgpt|sprachmodell)\b",
            r"^wir\s+(nutzen|verwenden|setzen)\s+(ki|künstliche\s+intelligenz)\b.{0,30},\s+um\s+"
            r"(zusammenfassungen|texte|artikel|inhalte)",
            r"^(ki-generierte|automatisch\s+erstellte|ki-?)\s*zusammenfassung\b",
            r"^zusammenfassung\s+(anzeigen|ausblenden|einblenden)\s*$",
            r"\bzusammenfassung\s+wurde\s+(mit|von|durch|mithilfe)\s+(einer\s+)?(ki|künstlicher)",
            r"^(ki|ai)-?(generiert|erstellt)\b",
        ),
        300,
    ),
    (
        "share",
        _rx(
            r"^fehler\s+(im\s+(artikel|text)\s+)?gefunden\b",
            r"^kommentare?\s+(verfassen|schreiben|anzeigen|lesen|"
            r"ausblenden|einblenden)$",
            r"^(zum\s+)?seitenanfang$",
            r"^nach\s+oben$",
            r"^artikel\s+(anhören|vorlesen|teilen|drucken|merken|"
            r"verschenken)\b.{0,20}$",
            r"^(zur\s+)?merkliste(\s+hinzufügen)?$",
            r"^(jetzt\s+)?teilen\s*:?$",
        ),
        _SHORT,
    ),
    (
        "counter",
        _rx(
            r"^\d{1,6}$",
            r"^\d{1,6}\s+(kommentare?|comments?|shares?|likes?|reaktionen|antworten|views?)$",
            r"^(kommentare|comments)\s*\(?\d+\)?$",
            r"^(kein|keine)\s+kommentare?$",
        ),
        60,
    ),
    (
        "navigation",
        _rx(
            r"^(start|startseite|home)(\s+[^\s—>›»|/]+){0,5}\s*([—>›»|/]|\bseite\s+\d+\b)",
            r"^(previous|next)\s+(article|post|story)\b",
            r"^(vorheriger|voriger|nächster)\s+(artikel|beitrag)\b",
            r"^seite\s+\d+(\s+von\s+\d+)?$",
            r"^(sprachauswahl|sprache\s+wählen|language|menü|menu|navigation|"
            r"suche|search|suchbegriffe)\b.{0,40}$",
            r"^[a-z]+(_[a-z]+)+$",
            r"^\S+(\s+\S+){0,2}\s+logo$",
            r"^(es\s+gibt\s+)?neue\s+(nachrichten|artikel|beiträge|meldungen)(\s+verfügbar)?$",
            r"^(zurück|weiter|schließen|öffnen|menü|anmelden|abmelden|login|suche)$",
        ),
        _SHORT,
    ),
    (
        "notice",
        _rx(
            r"^(dieser|der)\s+(news-?|live-?)?(ticker|liveblog|blog|live-?ticker)\s+(ist|wird)\s+(beendet|geschlossen)",
            r"^diese\s+(nachricht|sendung|meldung|beitrag)\s+wurde\s+am\b.{0,60}\b(gesendet|ausgestrahlt)\b",
            r"^(dieser|der)\s+(kommentar|beitrag|text|artikel)\s+ist\s+teil\s+(eines|einer|der|unserer|unseres)\b",
            r"^\S+\s+(berichtet|berichtete|berichten)\s+(im|in\s+unserem)\s+live-?(ticker|blog)\b",
            r"^(source\s+link|author|autor|publish(ed)?\s+date|copyright\s+for\s+syndicated)\s*:?\s*$",
            r"^(source\s+link|quelle\s+link)\s*:\s*\S+$",
            r"^copyright\s+for\s+syndicated\b",
        ),
        400,
    ),
    (
        "credit",
        _rx(
            r"^(foto|fotos|bild|bilder|bildquelle|quelle|quellen|photo|photos|photograph|image|credit|credits|grafik|"
            r"illustration|video|text\s*/\s*foto|foto\s*/\s*text|foto\s*/\s*quelle|titelbild|beitragsbild)\s*:",
            r"^(©|\(c\)|copyright\b)",
            rf"^\(?\s*({_PHOTO_WORDS})(?![\w-])[^.!?]{{0,80}}\)?$",
        ),
        200,
    ),
    (
        "agency_tag",
        _rx(
            r"^/[\w/]+$",
            r"^[A-Za-z0-9]{1,6}(/[A-Za-z0-9]{1,6}){2,5}$",
            rf"^\(\s*({_AGENCY_ALT})(\s*/\s*[\w-]{{1,12}})*\s*\)$",
            r"^[\w.'’ -]{2,40}--[A-Za-z]{2,6}(/[A-Za-z]{2,6})*$",
        ),
        80,
    ),
    (
        "press_contact",
        _rx(
            r"^(pressekontakt|original-content\s+von|originalmeldung|medienkontakt|kontakt\s+für\s+"
            r"rückfragen)\s*:"
        ),
        600,
    ),
    (
        "promo",
        _rx(
            r"^(anzeige|werbung|advertisement|sponsored|gesponsert)$",
            r"^(gratis|kostenlos|jetzt)\b.{0,60}\b(herunterladen|downloaden|sichern|bestellen|anfordern|"
            r"testen)\s*[!.]?$",
        ),
        _SHORT,
    ),
]
_RULE_TESTS = [(kind, *_split_rule(pattern), max_len) for kind, pattern, max_len in _RULES]
# Caption ends: a parenthesised credit naming a photo desk or with photographer slashes,
# "© ...", or "Foto: ..." / "Bild: ..." / "Photograph: ..." after the caption's last word.
_CREDIT_END = re.compile(
    rf"(?:\((?:foto|fotos|bild|photo)?\s*:?\s*[^()]{{0,120}}(?:/|\b(?:{_PHOTO_WORDS})\b)[^()]{{0,120}}\)"
    r"|©\s*[^©]{2,100}"
    r"|(?:^|[\s.–—-])(?:foto|fotos|bild|photo|photograph|image)\s*:\s*[^:]{2,100})\s*$",
    re.IGNORECASE,
)
# A picture agency's bilingual caption: the German text, " *** ", the English translation.
_BILINGUAL = re.compile(r"\s\*{3}\s+[A-Z]")
# "Wir bleiben dran, egal was kommt (Erika Muster)": a pull quote with its speaker.
_PULL_QUOTE = re.compile(r"^[^()]{10,240}[^.!?)]\s\((?:[A-ZÄÖÜ][\w.'’-]+\s){1,3}[A-ZÄÖÜ][\w'’-]+\)$")
# A line glued together from button labels: "DruckenTeilenMerken", "Teilen Drucken Merken".
_BUTTONS = frozenset(
    [
        "teilen",
        "drucken",
        "merken",
        "kommentare",
        "kommentieren",
        "e-mail",
        "email",
        "mail",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "telegram",
        "xing",
        "pinterest",
        "reddit",
        "messenger",
        "link",
        "kopieren",
        "feedback",
        "vorlesen",
        "anhören",
        "share",
        "print",
        "tweet",
        "speichern",
        "artikel",
        "später",
        "lesen",
        "mehr",
        "weniger",
        "anzeigen",
        "ausblenden",
        "favorisieren",
        "folgen",
    ]
)
_CAMEL = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ])")


def _is_buttons(text: str) -> bool:
    if len(text) > 120:
        return False
    words = list(_CAMEL.sub(" ", text).replace("|", " ").replace("·", " ").replace(":", " ").split())
    return 0 < len(words) <= 6 and all(w.lower() in _BUTTONS for w in words)


def line_kind(line: str) -> str | None:
    """The kind of furniture a whole line is (one of ``KINDS``), or None for article text.

    Only general forms are recognised (see the module docstring); a line of prose that
    mentions a cookie or a newsletter is not furniture.
    """
    stripped = line.strip()
    if not stripped:
        return None
    if not any(ch.isalnum() for ch in stripped):
        return "separator"
    text = strip_bullet(stripped)
    if _is_buttons(text):
        return "share"
    n = len(text)
    for kind, at_start, anywhere, max_len in _RULE_TESTS:
        if n <= max_len and ((at_start is not None and at_start.match(text)) or (anywhere and anywhere.search(text))):
            return kind
    if len(text) <= 900 and _BILINGUAL.search(text):
        return "caption"
    if len(text) <= 600 and len(text.split()) <= 80 and ends_with_credit(text):
        return "caption"
    if _PULL_QUOTE.match(text):
        return "pull_quote"
    return None


def is_credit(line: str) -> bool:
    """True for a line that only credits a picture or a source ("Foto: …", "© …", "Keystone")."""
    text = strip_bullet(line.strip())
    if line_kind(text) == "credit":
        return True
    return bool(re.fullmatch(rf"\(?\s*(?:{_PHOTO_WORDS})(?![\w-])\s*\)?", text, re.IGNORECASE))


_TEXT_CREDIT = re.compile(
    r"^(?:quelle|quellen|text|credit|credits|text\s*/\s*foto|foto\s*/\s*text)\s*:|"
    r"^(?:©|\(c\)|copyright).{0,80}\b(?:gmbh|ag|verlag|rechte|rights|reserved)\b",
    re.IGNORECASE,
)


def is_picture_credit(line: str) -> bool:
    """True for a credit of a picture ("Foto: …", "© Name/Agentur", "Keystone"), not of the text
    ("Quelle: …", "Text: …", "© Copyright … GmbH")."""
    text = strip_bullet(line.strip())
    return is_credit(text) and not _TEXT_CREDIT.match(text)


def ends_with_credit(line: str) -> bool:
    """True when the line ends with a picture credit ("… (picture alliance / Agentur / Name)",
    "… © PHOTO NAME / AFP", "… Foto: Name"): a caption. An agency signature such as "(dpa)" or
    "(AFP/jW)" at the end of a paragraph is not a picture credit."""
    # Each form of _CREDIT_END holds ")", "©" or ":"; most paragraphs have none of them, and
    # the pattern would be tried at each of their positions.
    if ")" not in line and "©" not in line and ":" not in line:
        return False
    match = _CREDIT_END.search(line)
    if not match:
        return False
    inner = match.group(0)
    # "(dpa)", "(AFP/jW)": the agency's signature under an article, not a credit
    return not re.fullmatch(rf"\s*\(\s*(?:{_AGENCY_ALT})(?:\s*/\s*[a-zA-Z]{{1,4}})*\s*\)\s*", inner)


# --- sentences: an outlet advertising itself ------------------------------------------------------
_QUOTED = re.compile(r"„[^“”\n]*[“”]|»[^«\n]*«|«[^»\n]*»|\"[^\"\n]*\"")
# "… können Sie mit unserem Rechner …": the reader (the formal "Sie" inside a sentence; "sie"
# in lower case is "they"), and within a few words of it, "our" offer.
OFFER_TO_READER = re.compile(
    r"(?<=\S\s)(?:Sie|Ihnen)\b(?:\s+[^\s,;:.]+){0,3}?\s+(?:mit|in|auf|über|bei|unter|von|aus)\s+"
    r"unsere[mnrs]?\b"
)
# A call to action: short, led by "Jetzt"/"Hier"/"Gratis" and ending on the action, or naming a
# free report, guide or trial subscription.
CALL_TO_ACTION = re.compile(
    r"(?:^|[.!?]\s+)(?:jetzt|hier|gratis|kostenlos)\b[^.!?]{0,60}?\b(?:herunterladen|downloaden|sichern|"
    r"bestellen|anfordern|abonnieren|testen|anmelden|registrieren|lesen)\s*[!.]?\s*$"
    r"|\b(?:gratis|kostenlos(?:e[nmrs]?)?)\b.{0,60}"
    r"\b(?:report|ratgeber|leitfaden|e-?book|whitepaper|checkliste|download|pdf|probeabo|testabo)\b",
    re.IGNORECASE,
)


def promo_sentences(sentences: list[str]) -> list[int]:
    """Indices of the sentences of one paragraph that advertise the outlet's own offers.

    A sentence that addresses the reader formally and points to "our" tool ("Alle
    Varianten können Sie mit unserem Wahlrechner ausprobieren"), or a call to download, order or
    subscribe, is an advertisement. When at least half of a paragraph's sentences are, and one
    is a call to action, the whole paragraph is (an advertising box set into the article).
    Questions are never advertisements (interviewers ask "Sie").
    """
    flagged = []
    calls = 0
    for i, sentence in enumerate(sentences):
        s = sentence.strip()
        if not s or s.endswith("?"):
            continue
        own = _QUOTED.sub(" ", s)
        call = bool(CALL_TO_ACTION.search(own))
        offer = bool(OFFER_TO_READER.search(own))
        if call or offer:
            flagged.append(i)
            calls += call
    if calls and len(sentences) > 1 and len(flagged) * 2 >= len(sentences):
        return list(range(len(sentences)))
    return flagged


# --- what a corpus teaches: recurring lines per source ----------------------------------------------
RECURRING_MIN_COUNT = 3  # a line must recur in at least this many different articles of a source
RECURRING_MIN_SHARE = 0.3  # and in at least this share of the source's articles
_RECURRING_MAX_WORDS = 25  # furniture lines are short; recurring long lines are reprinted stories


def _line_key(line: str) -> str:
    return " ".join(line.split()).casefold()


def recurring_lines_of(text: str) -> tuple[str, list[tuple[str, str]]]:
    """What one text gives :func:`learn_recurring`: the key that tells copies of its story apart
    (of its first line over 25 words, its body, else of all its lines) and its lines of at most
    25 words, each as (key, line as written, whitespace collapsed), once per key. A workspace
    keeps it per text (:mod:`tonlage.analysis.incremental`), so an add reads only the new texts."""
    lines: list[tuple[str, list[str] | None]] = []  # (line, its words; None over the limit)
    first_body = None
    for ln in text.split("\n"):
        ln = ln.strip()
        if not ln:
            continue
        # Split at most past the limit: a long paragraph is not split into all its words.
        words = ln.split(None, _RECURRING_MAX_WORDS)
        if len(words) > _RECURRING_MAX_WORDS:
            first_body = ln if first_body is None else first_body
            lines.append((ln, None))
        else:
            lines.append((ln, words))
    opening = (first_body if first_body is not None else " ".join(ln for ln, _ in lines))[:300]
    copy_key = hashlib.sha1(opening.encode("utf-8", "replace")).hexdigest()
    keys: dict[str, str] = {}
    for _, short in lines:
        if short is not None:
            line = " ".join(short)
            keys.setdefault(line.casefold(), line)  # _line_key
    return copy_key, list(keys.items())


def learn_recurring(
    articles: Iterable[tuple[str, Any]],
    *,
    min_count: int = RECURRING_MIN_COUNT,
    min_share: float = RECURRING_MIN_SHARE,
    lines_of=recurring_lines_of,
) -> dict[str, dict[str, str]]:
    """Lines that recur across many articles of one source: that source's furniture.

    A line counts for a source when it appears in at least ``min_count`` different articles
    and in at least ``min_share`` of the source's articles. Copies of one story (the same text,
    or the same opening) count once, so a story printed five times does not turn its own
    sentences into furniture; lines longer than 25 words never count.

    Args:
        articles: (source, text) pairs; the source is any key that groups articles (an outlet,
            a web domain, a folder), "" for articles of unknown source (grouped together).
            With ``lines_of``, the second item is whatever it takes.
        min_count, min_share: The thresholds above.
        lines_of: :func:`recurring_lines_of`, or what gives the same for a text (kept results).

    Returns:
        source → {key: line}: each recurring line as a key (whitespace collapsed, case-folded;
        see :func:`recurring_key`, for membership tests) and as first written. Sources without
        recurring lines are left out.
    """
    keys_of: dict[str, list[str]] = defaultdict(list)  # per source, the keys of its articles counted
    n_articles: Counter = Counter()
    seen: dict[str, set[str]] = defaultdict(set)
    pairs: list = []  # (key, line) of every article counted, in order
    first = itemgetter(0)
    for source, text in articles:
        copy_key, lines = lines_of(text)
        copies = seen[source]
        if copy_key in copies:
            continue  # another copy of a story already counted
        copies.add(copy_key)
        n_articles[source] += 1
        keys = keys_of[source]  # made for every source counted: the sources' order is kept
        if lines:
            keys.extend(map(first, lines))
            pairs.extend(lines)
    # Counted and spelled all at once (a Counter update and a setdefault a line per article took
    # 0.25 s at 100,000 articles): built backwards, each key keeps the line first written.
    written: dict[str, str] = dict(reversed(pairs))
    del pairs
    per_source = {source: Counter(keys) for source, keys in keys_of.items()}
    del keys_of
    learned: dict[str, dict[str, str]] = {}
    for source, counts in per_source.items():
        need = max(min_count, min_share * n_articles[source])
        found = {k: written[k] for k, c in counts.items() if c >= need and any(ch.isalpha() for ch in k)}
        if found:
            learned[source] = found
            log.debug("source %r: %d recurring lines", source, len(found))
    return learned


def source_key(source: str, url: str = "", file: str = "") -> str:
    """What groups articles into one source for recurring lines: the outlet, else the web
    domain, else the folder the file sits in ("" for files at the top of a corpus)."""
    if source:
        return source.casefold()
    if url:
        from urllib.parse import urlsplit

        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        if host:
            return host.removeprefix("www.")
    return file.rsplit("/", 1)[0] if "/" in file else ""


def recurring_key(line: str) -> str:
    """The form in which :func:`learn_recurring` returns lines (for membership tests)."""
    return _line_key(line)


def recurring_candidate(line: str) -> str | None:
    """:func:`recurring_key` of a line short enough to be a recurring line, None for a longer
    one (which :func:`learn_recurring` never returns), without splitting a long line whole."""
    words = line.split(None, _RECURRING_MAX_WORDS)
    return None if len(words) > _RECURRING_MAX_WORDS else " ".join(words).casefold()
