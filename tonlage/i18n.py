"""Words in the reader's language: gettext catalogues (managed with Babel) for every sentence,
and Babel for numbers, percentages, dates, language names and plurals.

* The message ids are the English text, with ``{name}`` placeholders (Plotly's own ``%{x}``
  passes through untouched). The German catalogue is
  ``tonlage/locale/de/LC_MESSAGES/tonlage.po``; ``make catalogue`` extracts new strings from the
  code (``babel.cfg`` names the keywords) and updates it. A test fails on any string of the
  code that has no German translation.
* :class:`Translator` is pure (figure builders, the meeting pack and the command line take one
  for a language); the app's ``t()`` (``components/i18n.py``) wraps it for the reader's
  language and escapes the parameters for Markdown.
* The engine never returns English sentences for a reader: it returns a :class:`Message` (a
  message id and its parameters), which the app and the command line translate when they show
  it. ``str(message)`` gives the English text (for logs).
* Exceptions meant for a reader (``IngestError``, ``WorkspaceError``, ``EventError`` …) are
  raised with a message: ``str(exc)`` stays English, :func:`message_of` gives the message.
* A weight or tone in a sentence is a :class:`Signed` parameter ("−1.00", German "−1,00").
* Columns of the analysed corpus that hold messages must be object columns
  (:func:`tonlage.model.message_column`): pandas 3 turns strings into plain ``str`` otherwise.
"""

from __future__ import annotations

import gettext
import io
import json
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "LANGUAGES",
    "Translator",
    "translator",
    "Message",
    "message_json",
    "packed_message",
    "message",
    "nmessage",
    "join",
    "in_languages",
    "from_json",
    "stored",
    "to_store",
    "message_of",
    "Signed",
    "Dated",
    "DayFormat",
    "day_format",
    "N_",
    "NC_",
    "default_language",
    "LOCALE_DIR",
    "DOMAIN",
    "GENRES",
    "TONE_LABELS",
    "ACTOR_KINDS",
    "COLUMN_ROLE_NAMES",
    "DUPLICATE_KINDS",
    "CUT_OFF_SIGNS",
    "REPORT_STATUSES",
]

log = logging.getLogger(__name__)

_DATE_LABEL = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")

LANGUAGES = {"en": "English", "de": "Deutsch"}


class DayFormat(NamedTuple):
    """How a language writes a day in numbers, in each notation the app hands it to: 2025-09-24
    in English (unambiguous, as the app always wrote it), 24.09.2025 in German. One table, so the
    charts' data, the tables, the date pickers and the slides never disagree."""

    babel: str  # babel.dates.format_date (the engine's sentences, Translator.day)
    strftime: str  # datetime / pandas strftime (the slides, labels made for many rows at once)
    moment: str  # Streamlit's date pickers and date columns


DAY_FORMATS = {
    "en": DayFormat("y-MM-dd", "%Y-%m-%d", "YYYY-MM-DD"),
    "de": DayFormat("dd.MM.y", "%d.%m.%Y", "DD.MM.YYYY"),
}


def day_format(lang: str) -> DayFormat:
    """``lang``'s way of writing a day (English's for a language without one)."""
    return DAY_FORMATS.get(lang, DAY_FORMATS["en"])


LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "tonlage"


def N_(msgid: str) -> str:
    """Mark ``msgid`` for the catalogue where it is defined; it is translated where it is shown."""
    return msgid


def NC_(context: str, msgid: str) -> str:
    """Mark ``msgid`` with a context (the same English words that translate differently);
    translate it with :meth:`Translator.pgettext` and the same context."""
    return msgid


# Vocabularies: a value of the data (a genre, a tone label …) and the words a reader sees.
GENRES: Mapping[str, str] = {
    "commentary": N_("Commentary"),
    "news report": N_("News report"),
    "post": N_("Social-media post"),
    "other": N_("Other"),
}
TONE_LABELS: Mapping[str, str] = {
    "negative": N_("negative"),
    "neutral": N_("neutral"),
    "positive": N_("positive"),
    "not scored": N_("not scored"),
}
ACTOR_KINDS: Mapping[str, str] = {
    "person": N_("Person"),
    "institution": N_("Institution"),
    "country": N_("Country / capital"),
}
COLUMN_ROLE_NAMES: Mapping[str, str] = {
    "text": N_("Text"),
    "title": N_("Title"),
    "date": N_("Date"),
    "source": N_("Source"),
    "author": N_("Author"),
    "url": N_("Link"),
}
DUPLICATE_KINDS: Mapping[str, str] = {
    "exact": N_("identical copy"),
    "near": N_("edited copy"),
    "first": N_("first copy"),
}
# Why a text looks cut off (tonlage.reading.ending), as a table cell.
CUT_OFF_SIGNS: Mapping[str, str] = {
    "paywall": N_("subscription notice on the page"),
    "ellipsis": N_("ends with “…”"),
    "mid_sentence": N_("ends mid-sentence"),
}
REPORT_STATUSES: Mapping[str, str] = {
    "loaded": N_("loaded"),
    "loaded with warnings": N_("loaded with warnings"),
    "skipped": N_("skipped"),
}


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (read from its .po file; no build step needed)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not po.is_file():
        # English is the language of the msgids and its catalogue translates nothing (tested):
        # not reading it spares every server start the babel import (~0.05 s before the first
        # chart, where the app is measured against a hello-world app).
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


class Signed(float):
    """A weight or tone as a message parameter: shown with its sign and two decimals, with a
    real minus ("+0.56", "−1.00"; German "+0,56"), so evidence reads the same in every language
    but for the decimal sign."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{float(self):+.2f}".replace("-", "\u2212")

    __repr__ = __str__


class Dated(str):
    """A date as a message parameter, written as the engine's date labels are: "2025-08-15" (a
    day) or "2025-08" (a month). English shows it so; another language as its tables write
    dates ("15.08.2025", "Aug. 2025": :meth:`Translator.label`), so a German date note reads
    like the German page around it."""

    __slots__ = ()


def _fill(template: str, params: Mapping[str, object]) -> str:
    # Placeholders are replaced only when passed, so Plotly's "%{x}" survives, and a value
    # that holds braces (a title) is never read as a placeholder.
    for name, value in params.items():
        template = template.replace("{" + name + "}", str(value))
    return template


class Message(str):
    """A sentence of the engine for a reader: the string is its English text (for logs, the
    command line, and code that only needs text), and it carries what a translator needs — its
    message id (the English text with ``{placeholders}``), the parameters, and for a plural its
    plural form and count; or, for sentences put together, its parts.

    Parameters may be numbers (formatted for the reader's language), text, or other messages.
    Make one with :func:`message`, :func:`nmessage` or :func:`join`; store one with
    :meth:`to_json` and read it back with :func:`from_json`. A pickled message comes back with
    its text at once and unpacks the rest when first asked (see ``__reduce__``).
    """

    __slots__ = ("msgid", "params", "plural", "n", "parts", "sep")
    msgid: str
    params: tuple[tuple[str, object], ...]
    plural: str | None
    n: int | None
    parts: tuple[object, ...]
    sep: str

    def __new__(
        cls,
        msgid: str = "",
        params: tuple[tuple[str, object], ...] = (),
        plural: str | None = None,
        n: int | None = None,
        parts: tuple[object, ...] = (),
        sep: str = " ",
    ):
        self = str.__new__(cls, _english(msgid, params, plural, n, parts, sep))
        self.msgid, self.params, self.plural, self.n, self.parts, self.sep = (
            msgid,
            tuple(params),
            plural,
            n,
            tuple(parts),
            sep,
        )
        return self

    def __reduce__(self):
        # Pickled as its English text and its JSON form, unpacked only when a translator (or
        # anything else) looks inside: an analysis holds a message per sentence (its evidence),
        # and loading one from the disk cache must not build hundreds of thousands of them.
        return (_packed, (str(self), json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))))

    def param(self, name: str, default: object = None) -> object:
        return dict(self.params).get(name, default)

    def to_json(self) -> dict:
        """A JSON-able form (for a workspace's report, notes and date notes)."""

        def value(v):
            if isinstance(v, Message):
                return v.to_json()
            if isinstance(v, Signed):
                return {"signed": float(v)}
            if isinstance(v, Dated):
                return {"dated": str(v)}
            return v if isinstance(v, (int, float, str)) else str(v)

        out: dict = {"msgid": self.msgid, "params": {k: value(v) for k, v in self.params}}
        if self.plural is not None:
            out.update(plural=self.plural, n=self.n)
        if self.parts:
            out.update(parts=[value(p) for p in self.parts], sep=self.sep)
        return out


class _PackedMessage(Message):
    """A :class:`Message` loaded from a pickle: its text at once, the rest (message id,
    parameters, parts) from its JSON form when first asked for."""

    __slots__ = ("_json",)
    _json: str

    def __getattr__(self, name: str):
        # Only called for a slot not yet set: unpack them all, then answer.
        if name not in Message.__slots__:
            raise AttributeError(name)
        found = from_json(json.loads(self._json))
        full = found if isinstance(found, Message) else Message(str(found))
        for slot in Message.__slots__:
            object.__setattr__(self, slot, getattr(full, slot))
        return getattr(full, name)

    def __reduce__(self):
        try:
            object.__getattribute__(self, "msgid")
        except AttributeError:  # still packed: pickled again as it came
            return (_packed, (str(self), self._json))
        return super().__reduce__()


def _packed(text: str, data: str) -> Message:
    """A pickled :class:`Message` (see ``Message.__reduce__``)."""
    self = str.__new__(_PackedMessage, text)
    self._json = data
    return self


def packed_message(text: str, data: str) -> Message:
    """A message from its English text and its JSON form (:func:`message_json`), unpacked only
    when first asked (as an unpickled one): how a table on disk stores its messages."""
    return _packed(text, data)


def message_json(m: Message) -> str:
    """The JSON form of a message, as a string (a message read from storage and not yet
    unpacked gives the JSON it came with, without building its parameters)."""
    return m.__reduce__()[1][1]


def _stored_value(v: object) -> object:
    """A parameter or part of a message's JSON form as :func:`from_json` reads it, but for a
    message inside (left to the caller)."""
    if isinstance(v, dict) and "msgid" not in v:
        if "signed" in v:
            return Signed(v["signed"])
        if "dated" in v:
            return Dated(v["dated"])
        return str(v)
    return v


def _still_packed(m: Message) -> str | None:
    """The JSON form of a message read from storage and not yet unpacked (None otherwise)."""
    if type(m) is not _PackedMessage:
        return None
    try:
        object.__getattribute__(m, "msgid")
    except AttributeError:
        return m._json
    return None


def from_json(data: object) -> Message | str:
    """A message stored with :meth:`Message.to_json` (plain text stays plain text)."""
    if not isinstance(data, dict) or "msgid" not in data:
        return str(data)

    def value(v):
        if isinstance(v, dict) and "signed" in v and "msgid" not in v:
            return Signed(v["signed"])
        if isinstance(v, dict) and "dated" in v and "msgid" not in v:
            return Dated(v["dated"])
        return from_json(v) if isinstance(v, dict) else v

    return Message(
        data["msgid"],
        tuple((k, value(v)) for k, v in data.get("params", {}).items()),
        data.get("plural"),
        data.get("n"),
        tuple(value(p) for p in data.get("parts", ())),
        data.get("sep", " "),
    )


def stored(text: str) -> Message | str:
    """Text read from storage: a message saved as JSON comes back as a :class:`Message`; older
    plain text stays as it was."""
    if text.startswith('{"msgid"'):
        try:
            return from_json(json.loads(text))
        except ValueError:
            return text
    return text


def to_store(text: str) -> str:
    """Text for storage: a :class:`Message` as JSON (so it can be translated later), text as is."""
    if isinstance(text, Message):
        return json.dumps(text.to_json(), ensure_ascii=False)
    return text


def message_of(exc: BaseException) -> Message | str:
    """The sentence an exception was raised with: its :class:`Message` when it was raised with
    one (``IngestError(message(...))``), else its text."""
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, Message) else str(exc)


def _english(msgid, params, plural, n, parts, sep) -> str:
    if parts:
        return sep.join(text for text in map(str, parts) if text)
    text = msgid if plural is None or n == 1 else plural
    return _fill(
        text,
        {
            "n": f"{n:,}" if n is not None else "",
            **{k: (f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else str(v)) for k, v in params},
        },
    )


def message(msgid: str, **params: object) -> Message:
    """A :class:`Message`; write the id as a literal here, so the catalogue finds it."""
    return Message(msgid, tuple(params.items()))


def nmessage(singular: str, plural: str, n: int, **params: object) -> Message:
    """A :class:`Message` with a plural form chosen by ``n`` (also available as ``{n}``)."""
    return Message(singular, tuple(params.items()), plural, int(n))


def join(parts, sep: str = " ") -> Message:
    """Sentences (messages or text) shown one after the other, each translated on its own."""
    return Message(parts=tuple(p for p in parts if p), sep=sep)


# The message id of a reader's own text given in several languages (a metadata file's "note"
# with "note_de"): not in the catalogue; each translator picks its language's text.
TEXT_IN_LANGUAGES = "{text}"


def in_languages(text: str, **by_language: str) -> Message | str:
    """A reader's own text with its versions in other languages (``de="…"``), as the events file
    has ``label`` and ``label_de``: a :class:`Message` each translator shows in its language,
    ``text`` where that language has none (and in English, unless ``en`` is given; without
    ``text`` either, the first version given). Plain ``text`` when no other version is given."""
    given = tuple((lang, v) for lang, v in by_language.items() if v and lang in LANGUAGES)
    if not given:
        return text
    return Message(TEXT_IN_LANGUAGES, (("text", dict(given).get("en") or text or given[0][1]), *given))


# Babel's (CLDR's) decimal sign, thousands sign and minus sign of the app's languages
# (tests/engine/test_i18n_numbers.py checks them against Babel). Whole numbers and the charts'
# separators are written with them: the first number Babel formats in a process reads its locale
# data (~0.05-0.1 s with the import of babel.numbers), and a fresh server's first page did so
# before its first chart (the sidebar's "Automatic (n)", the timeline's separators).
_NUMBER_SYMBOLS = {"en": (".", ",", "-"), "de": (",", ".", "-")}


# What follows a percentage (CLDR's percent patterns of the app's languages; tested against Babel).
_PERCENT_SIGN = {"en": "%", "de": "\u00a0%"}


def _fixed_point(x: float | Decimal, digits: int, symbols: tuple[str, str, str]) -> str:
    """``x`` with ``digits`` decimals, grouped, as Babel's ``format_decimal`` writes it with the
    pattern ``#,##0.00…``: the number's shortest text as a Decimal, rounded half to even, the
    sign of a negative zero kept ("-0.00")."""
    value = x if isinstance(x, Decimal) else Decimal(str(x))
    # Decimal's own formatting rounds half to even in the default context, as Babel does.
    text = f"{abs(value):,.{digits}f}"
    if symbols[0] != "." or symbols[1] != ",":
        text = text.translate({ord("."): symbols[0], ord(","): symbols[1]})
    return symbols[2] + text if value.is_signed() else text


#: The step a share is rounded to in :meth:`Translator.percents`, by its number of decimals.
_QUANTUM = {0: Decimal(1), 1: Decimal("0.1"), 2: Decimal("0.01")}


@lru_cache(maxsize=16)
def _percent_pattern(locale, digits: int):
    """The language's percent pattern with ``digits`` decimals, parsed once (Babel's
    ``format_percent`` parses it on every call: a third of the time of a chart's hover texts)."""
    from babel.numbers import parse_pattern

    pattern = str(locale.percent_formats[None].pattern)
    if digits:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * digits)
    return parse_pattern(pattern)


#: How many stored messages a translator keeps as shown (a few MB at most).
SHOWN_STORED_MAX = 20_000


class Translator:
    """Sentences, numbers and dates in one language (falls back to English)."""

    def __init__(self, lang: str):
        from babel import Locale

        self.lang = lang if lang in LANGUAGES else "en"
        self.locale = Locale.parse(self.lang)
        self._catalogue = _catalogue(self.lang)
        self._shown_stored: dict[str, str] = {}  # stored messages as shown (see message)

    # --- sentences ----------------------------------------------------------------------------
    def __call__(self, msgid: str, **params: object) -> str:
        return _fill(self._catalogue.gettext(msgid), {k: self.value(v) for k, v in params.items()})

    def pgettext(self, context: str, msgid: str, **params: object) -> str:
        """``msgid`` as meant in ``context`` (see :func:`NC_`)."""
        return _fill(self._catalogue.pgettext(context, msgid), {k: self.value(v) for k, v in params.items()})

    def ngettext(self, singular: str, plural: str, n: int, **params: object) -> str:
        """The form for ``n`` (``{n}`` is filled with it, formatted)."""
        text = self._catalogue.ngettext(singular, plural, int(n))
        return _fill(text, {"n": self.integer(n), **{k: self.value(v) for k, v in params.items()}})

    def message(self, m: object) -> str:
        """A message of the engine in this language (plain text passes through)."""
        if not isinstance(m, Message):
            return str(m)
        packed = _still_packed(m)
        if packed is not None:
            # A message read from storage, as this language shows it, kept by its stored form:
            # half of a page's sentences share their evidence with another ("keine Tonwörter",
            # one word's weight), and each was unpacked and translated anew for every chart.
            shown = self._shown_stored.get(packed)
            if shown is None:
                shown = self._stored(json.loads(packed))
                if len(self._shown_stored) >= SHOWN_STORED_MAX:
                    self._shown_stored.clear()
                self._shown_stored[packed] = shown
            return shown
        return self._shown(m.msgid, dict(m.params), m.plural, m.n, m.parts, m.sep)

    def _shown(self, msgid: str, params: dict, plural: str | None, n: int | None, parts, sep: str) -> str:
        """:meth:`message` of a message's fields (a message inside as a Message or as its text)."""
        if parts:
            return sep.join(t for t in (self.message(p) for p in parts) if t)
        if not msgid:
            return ""
        if msgid == TEXT_IN_LANGUAGES:  # a reader's text, not ours: their version, not a translation
            return str(params.get(self.lang) or params.get("text", ""))
        if plural is not None:
            return self.ngettext(msgid, plural, n or 0, **params)
        return self(msgid, **params)

    def _stored(self, data: object) -> str:
        """:meth:`message` of a message's JSON form (:meth:`Message.to_json`), read without
        building the message: a sentence's evidence read from the store is translated once per
        chart, and building it (its parameters, parts and English text) took half of that (the
        Tone page's 1,600 hover texts: ~60 ms of a filter asked for the first time). A message
        inside is passed on as this translator shows it."""
        if not isinstance(data, dict) or "msgid" not in data:
            return str(data)

        def inner(v: object) -> object:
            return self._stored(v) if isinstance(v, dict) and "msgid" in v else _stored_value(v)

        params = {k: inner(v) for k, v in data.get("params", {}).items()}
        parts = [inner(p) for p in data.get("parts", ())]
        return self._shown(data["msgid"], params, data.get("plural"), data.get("n"), parts, data.get("sep", " "))

    def value(self, v: object) -> str:
        """A parameter as shown: messages translated, whole numbers grouped, others as text."""
        if isinstance(v, Message):
            return self.message(v)
        if isinstance(v, bool) or v is None:
            return "" if v is None else str(v)
        if isinstance(v, Signed):
            text = str(v)
            return text[0] + self.decimal(abs(float(v)), 2)
        if isinstance(v, Dated):
            return self.label(v)
        if isinstance(v, int):
            return self.integer(v)
        return str(v)

    # --- vocabularies -------------------------------------------------------------------------
    def genre(self, g: str) -> str:
        return self(GENRES[g]) if g in GENRES else g

    def tone_label(self, label: str) -> str:
        return self(TONE_LABELS[label]) if label in TONE_LABELS else label

    def language_name(self, code: str) -> str:
        """ "German"/"Deutsch" for "de"; "unknown"/"unbekannt" for "unknown"; else the code."""
        if code in ("unknown", "", None):
            return self(N_("unknown"))
        name = self.locale.languages.get(str(code))
        return name[:1].upper() + name[1:] if name else str(code)

    # --- numbers and dates (Babel) --------------------------------------------------------------
    def count(self, n: int) -> str:
        """A count as a headline figure: whole below a million, then in millions with one
        decimal ("37.6M", German "37,6 Mio."): at 100,000 articles "37,632,308" words pushed
        the Overview's fifth figure onto a line of its own."""
        if abs(n) < 1_000_000:
            return self.integer(n)
        from babel.numbers import format_compact_decimal

        return format_compact_decimal(n, format_type="short", locale=self.locale, fraction_digits=1)

    def integer(self, n: float) -> str:
        symbols = _NUMBER_SYMBOLS.get(self.lang)
        if symbols is not None:  # Babel's grouping, without reading its locale data
            whole = int(n)
            text = f"{abs(whole):,}".replace(",", symbols[1])
            return symbols[2] + text if whole < 0 else text
        from babel.numbers import format_decimal

        return format_decimal(int(n), format="#,##0", locale=self.locale)

    def decimal(self, x: float, digits: int = 2) -> str:
        symbols = _NUMBER_SYMBOLS.get(self.lang)
        if symbols is not None and isinstance(x, (int, float)) and abs(x) < 1e15 and digits >= 0:
            return _fixed_point(x, digits, symbols)
        from babel.numbers import format_decimal

        return format_decimal(x, format="#,##0." + "0" * digits if digits else "#,##0", locale=self.locale)

    def signed(self, x: float | None, digits: int = 2) -> str:
        """A tone with its sign and a real minus (+0.12 / −0.12; German +0,12); a value that
        rounds to zero has none (0.00); "–" when there is no value."""
        if x is None or x != x:
            return "–"
        symbols = _NUMBER_SYMBOLS.get(self.lang)
        if symbols is not None and isinstance(x, (int, float)) and abs(x) < 1000 and digits >= 0:
            # Babel's text without reading its locale data (no group below 1,000): a chart's
            # hovers write hundreds of intervals, 40 µs each through Babel.
            text = _fixed_point(abs(x), digits, symbols)
        else:
            from babel.numbers import format_decimal

            body = "0." + "0" * digits if digits else "0"
            text = format_decimal(abs(x), format=body, locale=self.locale)
        if round(x, digits) == 0:
            return text
        return ("+" if x > 0 else "\u2212") + text

    def interval(self, low: float | None, high: float | None, digits: int = 2, most: int = 4) -> tuple[str, str]:
        """The two ends of an interval as :meth:`signed` writes them, with the fewest decimals
        (``digits`` to ``most``) that keep them apart: the interval of a change over a million
        sentences is a few thousandths wide, and "0.00 … 0.00" read as broken. An interval of
        no width (every value the same) keeps ``digits``: "+0.0800 … +0.0800" says no more."""
        d = self.interval_digits(low, high, digits, most)
        return self.signed(low, d), self.signed(high, d)

    def interval_digits(self, low: float | None, high: float | None, digits: int = 2, most: int = 4) -> int:
        """The decimals :meth:`interval` writes ``low`` … ``high`` in (the estimate inside an
        interval is written in them too: "0.00 (95% interval −0.003 … −0.002)" read as a mean
        outside its own interval). Nor does an end read 0 that one more decimal tells from 0: a
        source's gap "0.00 … +0.01, includes 0" left the reader to guess which side of 0 the
        interval starts on; "−0.004 … +0.012" says it (an end of −0.00006 stays 0.00: "−0.0001
        … +0.0300" is more digits than the reader can use)."""
        if low == high:
            return digits
        d = next((d for d in range(digits, most + 1) if self.signed(low, d) != self.signed(high, d)), most)
        more = min(most, digits + 1)
        if d < more and any(x is not None and round(x, d) == 0 != round(x, more) for x in (low, high)):
            d = more
        return d

    def change(self, a: float | None, b: float | None, digits: int = 2, most: int = 3) -> tuple[str, str, str]:
        """``a``, ``b`` and the change ``b - a`` as :meth:`signed` writes them, with the fewest
        decimals (``digits`` to ``most``) at which the change written is the difference of the
        two written: "0.00 → +0.05, change +0.06" (−0.004 and +0.054) reads as a sum that does
        not add up; "−0.004 → +0.054, change +0.058" does. For three pairs in four two decimals
        do; at three decimals the rare rest is off by a thousandth at most (a fourth decimal
        was more than a reader can take in). A missing tone (None or NaN) is written "–", and
        so is the change."""
        if a is None or b is None or a != a or b != b:
            return self.signed(a, digits), self.signed(b, digits), self.signed(None)
        for d in range(digits, most + 1):
            scale = 10**d
            if round(b * scale) - round(a * scale) == round((b - a) * scale):
                break
        return self.signed(a, d), self.signed(b, d), self.signed(b - a, d)

    def points(self, low: float, high: float) -> tuple[str, str]:
        """The ends of the interval of a change of share (fractions) in percentage points,
        signed, whole unless an end would read 0 without being 0 (a clear change of "+0 …
        +20" points): "−40", "−13"."""
        low, high = low * 100, high * 100
        digits = 1 if any(round(v) == 0 and round(v, 1) != 0 for v in (low, high)) else 0
        return self.signed(low, digits), self.signed(high, digits)

    def percent(self, share: float, digits: int = 0) -> str:
        """``share`` (0…1) as a percentage in the language's style ("35%" / "35 %")."""
        symbols, sign = _NUMBER_SYMBOLS.get(self.lang), _PERCENT_SIGN.get(self.lang)
        if symbols is not None and sign is not None and isinstance(share, (int, float)) and abs(share) < 1e12:
            # As Babel: the number's shortest text as a Decimal, moved two places, rounded half
            # to even (a chart's hovers write hundreds of shares, ~15 µs each through Babel).
            return _fixed_point(Decimal(str(share)).scaleb(2), digits, symbols) + sign
        return _percent_pattern(self.locale, digits).apply(share, self.locale, numbering_system="latn")

    def percents(self, shares: Sequence[float], digits: Sequence[int]) -> list[str]:
        """:meth:`percent` of each share with its number of decimals, the same texts, written
        in one go: a chart's hovers write thousands (the Themes time chart 5,200 at 100,000
        articles, ~20 ms one by one). Under 990 % (no thousands sign, rounded) a share is rounded by
        Decimal's ``quantize``, half to even as Babel rounds; any other as :meth:`percent`."""
        symbols, sign = _NUMBER_SYMBOLS.get(self.lang), _PERCENT_SIGN.get(self.lang)
        if symbols is None or sign is None:
            return [self.percent(share, d) for share, d in zip(shares, digits)]
        decimal_sign, _, minus = symbols
        out = []
        for share, d in zip(shares, digits):
            step = _QUANTUM.get(d)
            if step is None or not isinstance(share, float) or not abs(share) < 9.9:  # rounded: < 1,000 %
                out.append(self.percent(share, d))
                continue
            value = Decimal(repr(share)).scaleb(2).quantize(step)
            text = str(abs(value)).replace(".", decimal_sign)
            out.append((minus + text if value.is_signed() else text) + sign)
        return out

    def date(self, d: date, precision: str = "day") -> str:
        """A date to its precision: "24 Sept 2025" / "24.09.2025", "Sept 2025", "2025"."""
        from babel.dates import format_date

        if precision == "month":
            return format_date(d, "MMM y", locale=self.locale)
        if precision == "year":
            return str(d.year)
        return format_date(d, "medium", locale=self.locale)

    def day(self, d) -> str:
        """A day in numbers: 2025-09-24 (English, unambiguous) / 24.09.2025 (German); "–" for none."""
        if d is None or d != d:
            return "–"
        from babel.dates import format_date

        day = d.date() if hasattr(d, "date") and callable(d.date) else d
        return format_date(day, day_format(self.lang).babel, locale=self.locale)

    def dated(self, d, precision: str = "day") -> str:
        """A date as a table writes it, to its precision: 2025-09-24 / 24.09.2025 (a day),
        2025-09 / "Sept. 2025" (only the month known; German reads "Sept. 2025" back as a month,
        :func:`tonlage.reading.dates.parse_date`); "" for none."""
        if d is None or d != d:
            return ""
        if precision != "month":
            return self.day(d)
        from babel.dates import format_date

        day = d.date() if hasattr(d, "date") and callable(d.date) else d
        return format_date(day, "y-MM" if self.lang == "en" else "MMM y", locale=self.locale)

    def label(self, text: str) -> str:
        """One of the engine's date labels ("2025-08-15", "2025-02", "undated") as this language
        writes it ("15.08.2025", "Feb. 2025", "ohne Datum"); any other text as it is."""
        if text == "undated":
            return self(N_("undated"))
        if not _DATE_LABEL.fullmatch(text):
            return text
        month = len(text) == 7
        try:
            d = date.fromisoformat(text + "-01" if month else text)
        except ValueError:  # "2025-13": not a date after all
            return text
        return self.dated(d, "month" if month else "day")

    def days(self, first, last) -> str:
        """A range of days: "2025-08-01 – 2025-10-21"."""
        return f"{self.day(first)} – {self.day(last)}"

    def months(self, first, last) -> str:
        """A period by months: "Feb–Oct 2025" / "Dez 2024 – Mär 2025"; "–" when unknown."""
        if first is None or last is None:
            return "–"
        from babel.dates import format_date

        a, b = format_date(first, "LLL", locale=self.locale), format_date(last, "LLL", locale=self.locale)
        if first.year == last.year:
            return f"{a} {first.year}" if first.month == last.month else f"{a}–{b} {last.year}"
        return f"{a} {first.year} – {b} {last.year}"

    @property
    def percent_suffix(self) -> str:
        """What follows a number on a percentage axis, as :meth:`percent` writes it: "%" in
        English, a no-break space and "%" in German."""
        return self.percent(0.0)[1:]

    @property
    def plotly_separators(self) -> str:
        """Plotly's ``layout.separators``: the decimal sign, then the thousands sign."""
        symbols = _NUMBER_SYMBOLS.get(self.lang)
        if symbols is not None:
            return symbols[0] + symbols[1]
        from babel.numbers import get_decimal_symbol, get_group_symbol

        return get_decimal_symbol(self.locale) + get_group_symbol(self.locale)


@lru_cache(maxsize=8)
def translator(lang: str) -> Translator:
    """The :class:`Translator` for ``lang`` ("en" for a language without a catalogue)."""
    return Translator(lang)


def default_language(locale: str | None) -> str:
    """German for a ``de*`` browser locale, English otherwise."""
    return "de" if (locale or "").lower().startswith("de") else "en"
