"""Which column of a table holds what: proposals from header names and contents, and mappings."""

from __future__ import annotations

import re

from ...i18n import N_, message
from ..errors import IngestError
from ..records import COLUMN_ROLES

__all__ = ["propose_columns", "resolve_mapping", "describe_columns"]

# Header names per role, normalised (lower case, "_"/"-" as spaces). Matched as whole names
# first, then by a name's last word or a German compound's ending ("Erscheinungsdatum").
_HINTS: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "inhalt",
        "artikel",
        "volltext",
        "fulltext",
        "full text",
        "article",
        "story",
        "artikeltext",
        "article text",
        "body text",
        "fließtext",
        "fliesstext",
        "maintext",
        "main text",
        "haupttext",
    ),
    "title": (
        "title",
        "titel",
        "headline",
        "überschrift",
        "ueberschrift",
        "schlagzeile",
        "heading",
        "article title",
        "artikeltitel",
    ),
    "date": (
        "date",
        "datum",
        "published",
        "publication date",
        "erscheinungsdatum",
        "veröffentlicht",
        "veroeffentlicht",
        "pubdate",
        "pub date",
        "time",
        "published at",
        "published date",
        "publish date",
        "date published",
        "datepublished",
        "publikationsdatum",
        "veröffentlichungsdatum",
        "erschienen",
        "created",
        "created at",
        "timestamp",
        "zeitpunkt",
    ),
    "source": (
        "source",
        "quelle",
        "medium",
        "outlet",
        "publication",
        "zeitung",
        "publisher",
        "sitename",
        "site name",
        "site",
        "media",
        "newspaper",
        "verlag",
        "medientitel",
        "source name",
    ),
    "author": (
        "author",
        "autor",
        "autorin",
        "byline",
        "verfasser",
        "verfasserin",
        "authors",
        "autoren",
        "writer",
        "author name",
        "autorname",
        "screen name",
        "user screen name",
        "username",
        "user name",
    ),
    "url": ("url", "link", "href", "permalink", "web address", "webadresse", "uri", "article url", "source url"),
}
# The last word of a header name that names the role ("Artikel Datum", "news source", "pubDate").
_HEAD_WORDS: dict[str, frozenset[str]] = {
    role: frozenset(h for h in hints if " " not in h) for role, hints in _HINTS.items()
}
# Endings of German compounds, longest first per role.
_ENDINGS = {
    "date": ("datum",),
    "title": ("titel", "überschrift"),
    "source": ("quelle",),
    "author": ("autor", "autorin"),
    "text": ("volltext", "artikeltext", "fließtext", "haupttext"),
}
# A header with one of these words describes the role's neighbour, not the role ("text length",
# "title id", "url to image", "author count").
_NOT_ROLE = frozenset(
    [
        "id",
        "ids",
        "nr",
        "no",
        "number",
        "nummer",
        "length",
        "len",
        "count",
        "anzahl",
        "size",
        "type",
        "typ",
        "kind",
        "lang",
        "language",
        "sprache",
        "image",
        "img",
        "bild",
        "foto",
        "photo",
        "thumbnail",
        "icon",
        "logo",
        "hash",
        "score",
        "sentiment",
    ]
)
_ROLE_ORDER = ("text", "title", "date", "url", "author", "source")

_URL_VALUE = re.compile(r"^\s*https?://\S+", re.IGNORECASE)
_DATE_VALUE = re.compile(r"^\s*(\d{4}-\d{1,2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4})")
# Mean length of a column's values from which it is taken for article text without a telling name.
MIN_TEXT_MEAN = 40


def _normalise(name: str) -> str:
    name = re.sub(r"([a-zäöü])([A-ZÄÖÜ])", r"\1 \2", name.strip().lstrip("\ufeff"))  # camelCase
    name = re.sub(r"[_\-./:]+", " ", name.lower())
    return " ".join(name.split())


def _mean_length(column: str, rows: list[dict[str, str]]) -> float:
    if not rows:
        return 0.0
    return sum(len(str(row.get(column, "") or "").strip()) for row in rows) / len(rows)


def _mostly(column: str, rows: list[dict[str, str]], pattern: re.Pattern, max_len: int) -> bool:
    values = [str(row.get(column, "") or "").strip() for row in rows]
    values = [v for v in values if v]
    if not values:
        return False
    hits = sum(1 for v in values if len(v) <= max_len and pattern.match(v))
    return hits / len(values) >= 0.6


def _name_role(name: str) -> tuple[str, int] | None:
    """The role a header name suggests and how surely (0: the whole name, 1: its last word)."""
    norm = _normalise(name)
    if not norm:
        return None
    compact = norm.replace(" ", "")
    for role in _ROLE_ORDER:
        if norm in _HINTS[role] or compact in {h.replace(" ", "") for h in _HINTS[role]}:
            return role, 0
    words = norm.split()
    if len(words) > 4 or _NOT_ROLE.intersection(words):
        return None
    for role in _ROLE_ORDER:
        if words[-1] in _HEAD_WORDS[role] or any(words[-1].endswith(e) for e in _ENDINGS.get(role, ())):
            return role, 1
    return None


def propose_columns(columns: list[str], sample_rows: list[dict[str, str]]) -> dict[str, str]:
    """Propose which column plays which role (see ``COLUMN_ROLES``).

    Header names are matched first (German and English: "Titel", "Datum", "Quelle", "body",
    "pubDate"), then contents decide for columns left over: the text is the column with the
    longest values (at least 40 characters on average), the address the column whose values
    mostly start with http, the date the column whose values mostly look like dates. A column
    plays at most one role.

    Args:
        columns: The column names, in order.
        sample_rows: Some rows (the first few hundred) as column → value.

    Returns:
        role → column name, only for the roles found; without "text" when no column looks like
        article text.
    """
    mapping: dict[str, str] = {}
    used: set[str] = set()
    named: dict[str, list[tuple[int, int, str]]] = {}
    for position, column in enumerate(columns):
        found = _name_role(column)
        if found:
            named.setdefault(found[0], []).append((found[1], position, column))
    for role in _ROLE_ORDER:
        candidates = sorted(c for c in named.get(role, []) if c[2] not in used)
        if not candidates:
            continue
        best_rank = candidates[0][0]
        candidates = [c for c in candidates if c[0] == best_rank]
        if role == "text":  # "text" and "volltext" both present: the longer one is the article
            column = max(candidates, key=lambda c: (_mean_length(c[2], sample_rows), -c[1]))[2]
        else:
            column = candidates[0][2]
        mapping[role] = column
        used.add(column)

    rest = [c for c in columns if c not in used]
    if "text" not in mapping and rest:
        longest = max(rest, key=lambda c: _mean_length(c, sample_rows))
        if _mean_length(longest, sample_rows) >= MIN_TEXT_MEAN:
            mapping["text"] = longest
            used.add(longest)
    for role, pattern, max_len in (("url", _URL_VALUE, 2000), ("date", _DATE_VALUE, 40)):
        if role in mapping:
            continue
        for column in columns:
            if column not in used and _mostly(column, sample_rows, pattern, max_len):
                mapping[role] = column
                used.add(column)
                break
    return {role: mapping[role] for role in COLUMN_ROLES if role in mapping}


def describe_columns(columns: list[str], limit: int = 12) -> str:
    """ "a, b, c" for a sentence; long lists and long names shortened (a message when some are left out)."""
    names = ", ".join(c if len(c) <= 40 else c[:37] + "…" for c in columns[:limit])
    more = len(columns) - limit
    return message("{names} and {count} more", names=names, count=more) if more > 0 else names


# A mapped column that is not in the file, one sentence per role (the role's words decline
# differently in each language).
_MISSING_COLUMN = {
    "title": N_("The column '{column}' chosen for the title is not in this file and was ignored."),
    "date": N_("The column '{column}' chosen for the date is not in this file and was ignored."),
    "source": N_("The column '{column}' chosen for the source is not in this file and was ignored."),
    "author": N_("The column '{column}' chosen for the author is not in this file and was ignored."),
    "url": N_("The column '{column}' chosen for the web address is not in this file and was ignored."),
}


def resolve_mapping(
    columns: list[str], sample_rows: list[dict[str, str]], mapping: dict[str, str] | None
) -> tuple[dict[str, str], list[str]]:
    """The mapping to use: the given one checked against the columns, or a proposal.

    Returns:
        (role → column, warnings about mapped columns that do not exist and were ignored).

    Raises:
        IngestError: No text column can be proposed, or the given mapping names no text column or
            one that is not in the file.
    """
    if not columns:
        raise IngestError(message("No column of article text was found; the file has no columns with plain values."))
    names = describe_columns(columns)
    if mapping is None:
        proposed = propose_columns(columns, sample_rows)
        if "text" not in proposed:
            raise IngestError(
                message(
                    "No column of article text was found; the columns are: {names}. Choose the text column in the app.",
                    names=names,
                )
            )
        return proposed, []
    by_key = {_normalise(c): c for c in reversed(columns)}
    resolved: dict[str, str] = {}
    warnings: list[str] = []
    for role in COLUMN_ROLES:
        wanted = mapping.get(role)
        if not wanted:
            continue
        column = wanted if wanted in columns else by_key.get(_normalise(wanted))
        if column is not None:
            resolved[role] = column
        elif role == "text":
            raise IngestError(
                message(
                    "The column '{column}' chosen for the article text is not in this file; its columns are: {names}.",
                    column=wanted,
                    names=names,
                )
            )
        else:
            warnings.append(message(_MISSING_COLUMN[role], column=wanted))
    if "text" not in resolved:
        raise IngestError(
            message(
                "No column was chosen for the article text; the columns are: {names}. Choose the "
                "text column in the app.",
                names=names,
            )
        )
    return resolved, warnings
