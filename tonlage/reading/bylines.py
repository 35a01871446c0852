"""Who wrote an article: bylines, agency datelines and signatures, as page text shows them.

Every form needs an explicit marker: "Von …", "By …", "Autor: …", "Ein Kommentar von …",
"… schrieb den folgenden Kommentar", "Text: …", a name beside a date on a date line, an agency
in a dateline ("Berlin (dpa) – …") or a signature ("(dpa)", "/abc/DE/xy", "Name--TAG"). A
name is checked for the shape of a name (capitalised words, particles such as "von" or "de"
inside, initials), so a sentence that happens to start with "Von" ("Von Otto von Bismarck, dem
ersten Reichskanzler, stammt der Satz …") is never taken for a byline.

Names are returned as "First Last" (an all-capitals byline is title-cased); several authors
are joined with "; " by :func:`format_authors`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..text import NAME_PARTICLES
from .furniture import AGENCIES, strip_bullet

__all__ = [
    "Byline",
    "parse_byline",
    "agency_dateline",
    "signature",
    "agency_line",
    "person_name",
    "format_authors",
    "AgencyDateline",
]

log = logging.getLogger(__name__)

# Capitalised words that start sentences or name things, never people.
_NOT_NAMES = frozenset(
    [
        "der",
        "die",
        "das",
        "dem",
        "den",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "und",
        "oder",
        "mit",
        "im",
        "am",
        "in",
        "auf",
        "für",
        "nach",
        "vor",
        "bei",
        "zu",
        "ab",
        "bis",
        "seit",
        "über",
        "unter",
        "um",
        "aus",
        "an",
        "es",
        "er",
        "sie",
        "wir",
        "ich",
        "ihr",
        "man",
        "wenn",
        "als",
        "dass",
        "doch",
        "aber",
        "auch",
        "so",
        "nun",
        "dann",
        "heute",
        "gestern",
        "morgen",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "redaktion",
        "agentur",
        "team",
        "staff",
        "foto",
        "bild",
        "quelle",
        "text",
        "update",
        "stand",
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
    ]
)
_ROLE_WORD = re.compile(
    r"(?i)^(?:[\w-]*-)?(?:chef)?(?:redakteur|redakteurin|korrespondent|korrespondentin|autor|autorin|"
    r"reporter|reporterin|herausgeber|herausgeberin|mitarbeiter|mitarbeiterin|kolumnist|kolumnistin|"
    r"gastautor|gastautorin|chefredakteur|chefredakteurin|chefreporter|chefreporterin|ressortleiter|"
    r"ressortleiterin|leiter|leiterin|experte|expertin|unsere[mnr]?|unserem|unseren|unserer|"
    r"correspondent|editor|reporter|writer|staff|senior|chief|political)[\w-]*$"
)
_AGENCY_KEYS = {a.casefold(): a for a in AGENCIES}
_AGENCY_KEYS.update(
    {
        "deutsche presse-agentur": "dpa",
        "agence france-presse": "AFP",
        "associated press": "AP",
        "keystone/sda": "Keystone-SDA",
        "sda/keystone": "Keystone-SDA",
    }
)


@dataclass(frozen=True)
class Byline:
    """Authors found on one line.

    Attributes:
        authors: People as "First Last", or agencies when no person is named.
        agencies: Agencies named beside (or instead of) the people.
        form: "byline" (an explicit marker), "name_date" (a name beside a date), "credit"
            ("Text: …"), "comment_by" ("Ein Kommentar von …"), "agency" (an agency alone).
        rest: Text glued after the byline on the same line (the body's first words), or "".
        label: A genre word the byline carries ("kommentar" in "Ein Kommentar von …"), or "".
    """

    authors: tuple[str, ...]
    agencies: tuple[str, ...] = ()
    form: str = "byline"
    rest: str = ""
    label: str = ""


def _agency(text: str) -> str | None:
    key = " ".join(text.replace("Agentur ", "").replace("agentur ", "").split()).strip(" .,;:()").casefold()
    return _AGENCY_KEYS.get(key)


def _name_token(tok: str) -> bool:
    if not tok or not tok[0].isupper():
        return False
    if re.fullmatch(r"[A-ZÄÖÜ]\.(?:[A-ZÄÖÜ]\.)*", tok):
        return True  # initials
    if re.fullmatch(r"[A-ZÄÖÜ]\.\s?[A-ZÄÖÜ][^\W\d_]+", tok):
        return True  # "M.Rossi"
    core = tok.replace("-", "").replace("'", "").replace("’", "")
    if not core.isalpha():
        return False
    if tok.isupper():
        return len(core) >= 2
    parts = re.split(r"[-'’]", tok)
    return all(p[:1].isupper() and (p[1:].islower() or p[1:] == "") for p in parts if p) or bool(
        re.fullmatch(r"(?:Mc|Mac|O')[A-Z][a-z]+", tok)
    )


def person_name(text: str, *, allow_role: bool = False) -> str | None:
    """``text`` as a person's name ("First Last", title-cased when written in capitals), or None
    when it does not have the shape of one.

    Args:
        allow_role: Accept and drop a role before the name ("Zeitung-Chefredakteur Erika Muster").
    """
    tokens = [t for t in text.strip(" ,.;:|–—-").split() if t]
    tokens = [t for t in tokens if t.lower() not in ("dr.", "prof.", "dr", "prof", "mag.", "dipl.-ing.")]
    if allow_role:
        while len(tokens) > 2 and (_ROLE_WORD.match(tokens[0]) or not tokens[0][:1].isupper()):
            tokens = tokens[1:]
    if len(tokens) == 1 and re.fullmatch(r"[A-ZÄÖÜ]\.\s?[A-ZÄÖÜ][^\W\d_]+", tokens[0]):
        return tokens[0]
    if not 2 <= len(tokens) <= 5:
        return None
    if not (_name_token(tokens[0]) and _name_token(tokens[-1])):
        return None
    names = 0
    for tok in tokens:
        if tok.lower() in NAME_PARTICLES and tok is not tokens[0]:
            continue
        if not _name_token(tok) or tok.lower().strip(".") in _NOT_NAMES:
            return None
        names += 1
    if names < 2:
        return None
    caps = all(t.isupper() for t in tokens if t.lower() not in NAME_PARTICLES)
    if caps:
        tokens = [t if t.lower() in NAME_PARTICLES else "-".join(p.capitalize() for p in t.split("-")) for t in tokens]
    return " ".join(tokens)


_SPLIT = re.compile(r"\s*(?:,|;|&|\bund\b|\band\b|\bsowie\b|\bmit\b)\s*")


def _names(text: str, *, allow_role: bool = False) -> tuple[list[str], list[str]] | None:
    """(people, agencies) of a list such as "A und B, Berlin" or "Agentur dpa, C"; None when an
    item is neither a name, an agency nor a trailing place."""
    text = re.split(r"\s+\|", text, maxsplit=1)[0].strip(" .,;:|–—-")
    if not text or len(text) > 160:
        return None
    items = [i for i in _SPLIT.split(text) if i and i.strip()]
    people, agencies = [], []
    for pos, item in enumerate(items):
        if agency := _agency(item):
            agencies.append(agency)
            continue
        name = person_name(item, allow_role=allow_role)
        if name:
            people.append(name)
            continue
        if pos == len(items) - 1 and pos > 0 and re.fullmatch(r"[A-ZÄÖÜ][^\W\d_]+(?:[ -][A-ZÄÖÜ][^\W\d_]+)?", item):
            continue  # "Von Tomas Avenarius, Berlin": the place the author writes from
        return None
    if not people and not agencies:
        return None
    return people, agencies


_BY = re.compile(
    r"^(?:[—–-]\s*)?(?:von|by|text\s+von|geschrieben\s+von|written\s+by|verfasst\s+von)(?::\s*|\s+|(?=[A-ZÄÖÜ]))"
    r"(?P<names>.+)$",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    r"^(?:autor|autorin|autoren|autorinnen|author|authors|verfasser|verfasserin|text|von)\s*:\s*"
    r"(?P<names>.+)$",
    re.IGNORECASE,
)
_COMMENT_BY = re.compile(
    r"^eine?\s+(?P<label>kommentar|gastkommentar|gastbeitrag|kolumne|analyse|leitartikel|essay|glosse|"
    r"meinungsbeitrag|einwurf|standpunkt|interview|beitrag|text)\s+(?:von|by)\s+(?P<names>.+?)\.?$",
    re.IGNORECASE,
)
_WROTE = re.compile(
    r"^(?P<names>.+?)\s+(?:schrieb|schreibt|verfasste)\s+(?:den|diesen|die|das)?\s*(?:folgenden?|"
    r"nachstehenden?)?\s*(?P<label>kommentar|gastbeitrag|beitrag|text|kolumne|leitartikel|analyse)\b",
    re.IGNORECASE,
)
_SURNAME_FIRST = re.compile(
    r"^(?P<last>[A-ZÄÖÜ][^\W\d_]+(?:-[A-ZÄÖÜ][^\W\d_]+)?),\s+(?P<first>[A-ZÄÖÜ][^\W\d_]+"
    r"(?:[ -][A-ZÄÖÜ][^\W\d_]+)?)\s*\|"
)
_TEXT_CREDIT = re.compile(
    r"^(?:text|text\s*/\s*foto|foto\s*/\s*text|text\s+und\s+foto)\s*:\s*(?P<names>.+?)"
    r"(?:\s+am\s+\d.*)?$",
    re.IGNORECASE,
)
# After "—Von A B und C D", the body's first word (a function word that starts sentences).
_SENTENCE_START = re.compile(
    r"\s(?=(?:Dass|Der|Die|Das|Es|Er|Sie|Wir|Ich|Als|Wenn|Wer|Was|Wie|Warum|Am|Im|In|Mit|Nach|"
    r"Vor|Seit|Um|Auf|Bei|Für|Ein|Eine|Noch|Schon|Nun|Jetzt|Heute|Gestern|Doch|Aber|Und|"
    r"So|Zwar|Auch)\s)"
)
_MAX_WORDS = 14


def parse_byline(line: str) -> Byline | None:  # noqa: C901 - one pass over a byline's forms in the order they are tried; split, the order would hide
    """The byline a line holds, or None.

    Forms: "Von A", "Von: A", "VonA" (glued), "By A and B", "Autor: Agentur dpa, A",
    "Verfasser: A", "Ein Kommentar von oe24-Chefredakteur A.", "A schrieb den folgenden
    Kommentar", "Muster, Erika |", "Text/Foto: A am 3. Mai 2025", and "—Von A und B Dass er
    …" (a byline glued to the body after a dash; the body's words come back in ``rest``).
    """
    text = strip_bullet(line.strip())
    if not text or (len(text) > 400 and line.strip()[:1] not in "—–-"):
        return None
    short = len(text.split()) <= _MAX_WORDS
    if short and (m := _COMMENT_BY.match(text)):
        found = _names(m.group("names"), allow_role=True)
        if found and found[0]:
            label = m.group("label").lower()
            return Byline(
                tuple(found[0]), tuple(found[1]), "comment_by", "", "" if label in ("beitrag", "text") else label
            )
    if short and (m := _WROTE.match(text)):
        found = _names(m.group("names"), allow_role=True)
        if found and found[0]:
            return Byline(tuple(found[0]), tuple(found[1]), "comment_by", "", m.group("label").lower())
    if m := _SURNAME_FIRST.match(text):
        name = person_name(f"{m.group('first')} {m.group('last')}")
        if name:
            return Byline((name,), (), "byline")
    if short and (m := _TEXT_CREDIT.match(text)):
        names = m.group("names")
        found = _names(names)
        if found:
            return Byline(tuple(found[0] or found[1]), tuple(found[1]), "credit")
        if re.fullmatch(r"[A-ZÄÖÜ][\w.-]*(?:\s+[A-ZÄÖÜ][\w.-]*){0,3}", names.strip()):
            return Byline((names.strip(),), (), "credit")  # an organisation ("Lokalsender Beispielstadt")
    for pattern in (_LABELLED, _BY):
        m = pattern.match(text)
        if not m:
            continue
        names = m.group("names")
        if short:
            found = _names(names, allow_role=True)
            if found:
                people, agencies = found
                return Byline(tuple(people or agencies), tuple(agencies), "byline")
        if text[0] in "—–-":
            glued = _glued(names)
            if glued:
                return glued
    return None


def _glued(names: str) -> Byline | None:
    cut = _SENTENCE_START.search(names)
    if not cut or len(names[cut.end() :].split()) < 4:
        return None
    found = _names(names[: cut.start()])
    if not found or not found[0]:
        return None
    return Byline(tuple(found[0]), tuple(found[1]), "byline", names[cut.end() :].strip())


@dataclass(frozen=True)
class AgencyDateline:
    """ "Berlin (dpa) – …" at the start of a paragraph: the place, the agency ("" for a press
    release service such as ots, which credits no author) and the paragraph without it."""

    prefix: str
    place: str
    agency: str
    rest: str


_DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w./'’-]*(?:[ -][A-ZÄÖÜ/][\w./'’-]*){0,3})\s*\((?P<tag>[^()\n]{2,40})\)"
    r"\s*[-–—:]\s*"
)
_RELEASE_SERVICES = frozenset({"ots", "pts", "pm", "aktiencheck.de", "businesswire", "pr newswire", "prn"})


def agency_dateline(line: str) -> AgencyDateline | None:
    """The agency dateline at the start of ``line`` ("Rust (dpa) - ", "BREMEN (dpa-AFX) - ",
    "Kiel (dts Nachrichtenagentur) – ", "Berlin (ots) -"), or None."""
    m = _DATELINE.match(line)
    if not m:
        return None
    tag = m.group("tag").strip()
    parts = [p.strip() for p in re.split(r"[/,]", tag)]
    agency = next((a for p in parts if (a := _agency(p))), "")
    if not agency and not any(p.lower() in _RELEASE_SERVICES for p in parts):
        return None
    return AgencyDateline(m.group(0), m.group("place"), agency, line[m.end() :])


_SIGNATURE_END = re.compile(r"\((?P<tag>[^()\n]{2,40})\)\s*$")
_DASH_SIGNATURE = re.compile(r"^(?P<name>[\w.'’ -]{2,40}?)--(?P<tag>[A-Za-z]{2,6}(?:/[A-Za-z]{2,6})*)$")


def signature(line: str) -> tuple[str, ...] | None:
    """Who signs a paragraph at its end: "(dpa)", "(AFP/jW)", "(dpa/AFP)" (agencies), or a line
    "M.Rossi--ABC" (a person with the desk's tag). None when there is no signature."""
    text = line.strip()
    if len(text) <= 60 and (m := _DASH_SIGNATURE.match(text)):
        name = m.group("name").strip()
        person = person_name(name) or (name if re.fullmatch(r"[A-ZÄÖÜ]\.\s?[A-ZÄÖÜ][^\W\d_]+", name) else None)
        return (person,) if person else None
    if m := _SIGNATURE_END.search(text, max(0, len(text) - 60)):
        parts = [p.strip() for p in m.group("tag").split("/")]
        agencies = [a for p in parts if (a := _agency(p))]
        rest = [p for p in parts if not _agency(p)]
        # Everything else in the brackets must be an editor's initials ("jW"), not a photographer.
        if agencies and all(re.fullmatch(r"[A-Za-zÄÖÜäöü]{1,4}", p) for p in rest):
            return tuple(dict.fromkeys(agencies))
    return None


def agency_line(line: str) -> tuple[str, ...] | None:
    """Agencies named by a line that holds nothing else ("SDA", "Keystone-SDA", "dpa/AFP")."""
    text = strip_bullet(line.strip())
    if not text or len(text) > 60:
        return None
    parts = [p for p in re.split(r"\s*[/,&]\s*|\s+und\s+", text) if p]
    found = [_agency(p) for p in parts]
    if parts and all(found):
        return tuple(dict.fromkeys(a for a in found if a))
    return None


def format_authors(names) -> str:
    """ "A; B" without repeats; agencies named inside a longer agency name are dropped
    ("SDA" beside "Keystone-SDA")."""
    out: list[str] = []
    for n in names:
        if n and n not in out:
            out.append(n)
    out = [n for n in out if not any(n != o and n.casefold() in o.casefold().split("-") for o in out)]
    return "; ".join(out)
