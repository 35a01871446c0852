"""What an article tells about its people: the names it uses (learned on first need), the roles
it gives them, the actors they are, and who has spoken so far while reading."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

from ..actors import ActorMatcher, trie_pattern
from .lexicon import DETERMINERS, FUSED, NAME_PARTICLES, PARTICLE_FOLLOWERS, PREPOSITIONS, WEAK_PARTICLES
from .names import (
    ACRONYM,
    ADJECTIVE_ENDINGS,
    CAPS_NAME,
    COMMON_NOUN_ENDINGS,
    inst_lemma,
    institution_head,
    is_name_word,
    lemma,
    no_given_name,
    prev_token,
    role_head,
)
from .parts import Speaker
from .sentences import Sentences

__all__ = ["ACTOR_MEMO", "AFTER_ARTICLE", "CAP_RUN", "People"]

log = logging.getLogger(__name__)

#: How many names' actors a finder remembers (:meth:`People.actor`): a few MB at most.
ACTOR_MEMO = 100_000

_CAP = r"[A-ZÄÖÜ][^\W\d_]*(?:[-‑'’][^\W\d_]+)*"
#: A capitalised word right after an article or a preposition fused with one.
AFTER_ARTICLE = re.compile(
    r"\b(?:"
    + trie_pattern([v for w in sorted(DETERMINERS | FUSED) for v in (w, w[0].upper() + w[1:])])
    + rf")[ \t]+({_CAP})(?![^\W\d_])"
)
#: A capitalised word as :data:`CAP_RUN` reads it: ``_CAP`` with possessive quantifiers. What
#: follows a run of letters there is never a letter (a joiner, a space, the end), so giving
#: letters back can never make a match: the possessive form finds the same runs without the
#: backtracking that every capitalised noun not followed by another cost (the search ~2x faster).
_CAP_WORD = r"[A-ZÄÖÜ][^\W\d_]*+(?:[-‑'’][^\W\d_]++)*+"
#: Two or more capitalised words in a row: where full names and "Role Name" appositions are.
#: The run must not continue a word (no letter or joiner before it): checked right after its
#: capital (a look-behind of two characters), so that the search skips to capitals at C speed
#: instead of trying the look-behinds at every position of the article.
CAP_RUN = re.compile(
    r"[A-ZÄÖÜ](?<![^\W\d_].)(?<![-‑'’*].)" + _CAP_WORD[len("[A-ZÄÖÜ]") :] + rf"(?: {_CAP_WORD})+(?![^\W\d_])"
)
_PARTICLES = sorted(NAME_PARTICLES | WEAK_PARTICLES)
#: What stands between a first name and a surname: initials ("Marcel A. Müller") or particles
#: ("Thomas de Maizière", "Ursula von der Leyen", "Alexander Van der Bellen"), where
#: :data:`CAP_RUN` stops. Names are found from these (a few an article) outwards, not from
#: every capitalised word; the link is the group (the space before it opens the pattern: the
#: search skips to spaces at C speed, ~30 % faster than a look-behind).
NAME_LINK = re.compile(
    r" ([A-ZÄÖÜ]\.(?: [A-ZÄÖÜ]\.)*|(?:"
    + trie_pattern([v for w in _PARTICLES for v in (w, w[0].upper() + w[1:])])
    + r")(?: (?:"
    + trie_pattern(sorted(PARTICLE_FOLLOWERS))
    + r"))?)(?= [A-ZÄÖÜ])"
)
#: The first name that ends right before a link (searched up to the link), and the surname after it.
_FIRST_BEFORE = re.compile(r"(?<![^\W\d_])(?<![-‑'’*])" + _CAP_WORD + r" \Z")
_SURNAME_AFTER = re.compile(" (" + _CAP_WORD + r")(?![^\W\d_])")


@lru_cache(maxsize=50_000)
def _name_part(word: str) -> bool:
    """The article-independent half of :meth:`People._learn_names`' word test: a word that can
    be part of a name (:func:`.names.is_name_word`) and is no acronym. One cached call a word
    instead of two calls and a match."""
    return bool(word) and is_name_word(word) and not ACRONYM.match(word)


def _written(text: str, full: str) -> bool:
    """Does ``text`` write the full name as it is, not only in a genitive ("Sieg Putins" is no
    person called Sieg Putin; "Uli Hoeneß" is written so)?"""
    at = text.find(full)
    while at >= 0:
        end = at + len(full)
        if end == len(text) or not text[end].isalnum():
            return True
        at = text.find(full, end)
    return False


@lru_cache(maxsize=512)
def _compounds_of(head: str, prefix: str) -> re.Pattern:
    """Capitalised compounds that end in the institution noun ``head`` (in lower case, so never
    the noun alone), after ``prefix`` and a hyphen when given, in any case ending."""
    start = re.escape(prefix) + "-" if prefix else r"(?<![^\W\d_])(?<![-‑])[A-ZÄÖÜ]"
    return re.compile(start + r"[^\W\d_]*(?:-[^\W\d_]+)*" + re.escape(head) + r"(?:e?s)?(?![^\W\d_])")


class People:
    """The people of one article, and the speakers met so far.

    The names are learned on first need (an article nobody speaks in needs none): reading any
    of ``full_names``, ``first_names``, ``mentions``, ``roles`` or ``mention_pos`` learns them all.

    Args:
        sentences: The article.
        matcher: The fitted actor matcher (speakers are mapped to tracked actors).
        actor_of: Names already mapped to their actor ("" for none) with this matcher, shared by
            the articles a finder reads (a name is not matched again in every article); filled
            up to :data:`ACTOR_MEMO` names.

    Attributes:
        full_names: Surname (lower case) → the full name the article uses ("roth" → "Anna Roth").
        first_names: The first words of those full names.
        mentions: ``(offset, name)`` of each person named, in text order.
        roles: ``(offset, role head, name)`` of each role apposition ("Kanzlerin Roth").
        mention_pos: The offsets of ``mentions``.
        history: ``(sentence, speaker)`` of each named speaker, as read.
    """

    _NAME_FIELDS = frozenset(
        {"full_names", "first_names", "mentions", "roles", "mention_pos", "_full_sorted", "_name_words", "linked"}
    )

    full_names: dict[str, str]
    first_names: set[str]
    mentions: list[tuple[int, str]]
    roles: list[tuple[int, str, str]]
    mention_pos: list[int]
    _full_sorted: list[str]
    _name_words: set[str]
    linked: dict[str, str]

    def __init__(self, sentences: Sentences, matcher: ActorMatcher, actor_of: dict[str, str] | None = None):
        self.sentences = sentences
        self.text = sentences.text
        self.starts = sentences.starts
        self.matcher = matcher
        self._actor_of = {} if actor_of is None else actor_of
        self.history: list[tuple[int, Speaker]] = []
        #: Proper names read after an institution noun ("die Nachrichtenagentur Anadolu"): the
        #: institution's, also where the text names it alone later ("berichtete Anadolu").
        self.institutions: set[str] = set()
        self._after_article: set[str] | None = None
        self._bare_memo: dict[str, bool] = {}
        self._start_set: set[int] | None = None

    def __getattr__(self, name: str) -> Any:
        if name in People._NAME_FIELDS:
            self._learn_names()
            return self.__dict__[name]
        raise AttributeError(name)

    # --- the names the article uses --------------------------------------------------------

    def _learn_names(self) -> None:
        """Full names ("Anna Roth") and role appositions ("Finanzminister X", "Kanzlerin
        Roth"): both are runs of capitalised words."""
        self.full_names = {}
        self.first_names = set()
        self.mentions = []
        self.roles = []
        text = self.text
        sent_starts = set(self.starts)
        joined = self._linked_names(sent_starts)
        for a, (full, _end) in joined.items():
            self._learn_name(full.split(" "), a, prev_token(text, a))
        for m in CAP_RUN.finditer(text):
            words = m.group().split(" ")
            offsets = []
            o = m.start()
            for w in words:
                offsets.append(o)
                o += len(w) + 1
            n = len(words)
            i = 0
            while i < n:
                w = words[i]
                if offsets[i] in joined:  # learned with its particles or initials above
                    end = joined[offsets[i]][1]
                    while i < n and offsets[i] < end:
                        i += 1
                    continue
                if (
                    not _name_part(w) or self._with_article(w) or (i + 1 < n and self.strip_genitive(w) != w)
                ):  # "Trumps Fiasko": a genitive, no name
                    i += 1
                    continue
                j = i
                while j + 1 < n and j - i < 2 and _name_part(words[j + 1]) and not self._with_article(words[j + 1]):
                    j += 1
                a = offsets[i]
                prev = words[i - 1] if i else prev_token(text, a)
                pl = prev.lower()
                # "Gesuchtes Ehepaar", "Andere Tourengeher", "Müssten Betreiber": a sentence's start
                # capitalises words that are no given names
                initial = a in sent_starts and (w.lower().endswith("es") or no_given_name(w))
                if j > i and pl not in DETERMINERS and pl not in FUSED and not initial:
                    parts = words[i : j + 1]
                    parts[-1] = self.strip_genitive(parts[-1])
                    self._learn_name(parts, a, prev if i else "")
                elif j == i and i and role_head(prev):
                    name = self.strip_genitive(w)  # "Kanzlerin Roth", "SPD-Chef Lang"
                    self.roles.append((a, role_head(prev), name))
                    self.mentions.append((a, name))
                i = j + 1
        self._surnames_alone(sent_starts)
        self.mentions.sort(key=lambda m: m[0])  # the names with particles and surnames alone came apart
        if joined:
            self.roles.sort(key=lambda r: r[0])
        self.linked = {
            full.split(" ", 1)[1].lower(): full
            for full, _end in joined.values()
            if not full.split(" ")[1].endswith(".")
        }
        self.mention_pos = [p for p, _ in self.mentions]
        # For continues_name: the full names in order (a prefix is looked up by bisection), and
        # the words a name may continue from. Scanning all full names on every capitalised word
        # made an article of nothing but names quadratic (0.8 MB: 16 s).
        self._full_sorted = sorted(set(self.full_names.values()))
        self._name_words = self.first_names | set(self.full_names.values())

    def _surnames_alone(self, sent_starts: set[int]) -> None:
        """Adds a mention of a full name's person wherever its surname stands alone, but not at
        a sentence's start nor as a possessor ("…, steht Hoeneß vor der Frage" names Uli
        Hoeneß): the person named last is then the one the text named last, not the last one
        it named in full. Only names the text writes as they are (:func:`_written`) and with
        no tracked actor in them (the actor list finds those; around them the text's
        capitalised runs are often no names: "Trump Druck" of "… Trump Druck machen")."""
        text = self.text
        named = {
            full.split(" ")[-1]: full
            for full in self.full_names.values()
            if " " in full and _written(text, full) and not any(self.actor(w) for w in full.split(" "))
        }
        covered = [(a, a + len(full)) for a, full in self.mentions]
        for surname, full in named.items():
            at = text.find(surname)
            while at >= 0:
                end = at + len(surname)
                if (  # the word itself (not "Trumps Amtszeit": a possessor is no one speaking)
                    at not in sent_starts
                    and not (at and (text[at - 1].isalnum() or text[at - 1] in "-‑"))
                    and not (end < len(text) and text[end].isalnum())
                    and not any(a <= at < b for a, b in covered)
                ):
                    self.mentions.append((at, full))
                at = text.find(surname, end)

    def _learn_name(self, parts: list[str], at: int, before: str) -> None:
        """Notes the full name ``parts`` (its surname last, without a genitive ending) named at
        offset ``at``, after the word ``before`` (a role noun makes it a role apposition)."""
        full = " ".join(parts)
        self.full_names.setdefault(parts[-1].lower(), full)
        self.first_names.add(parts[0])
        self.mentions.append((at, full))
        if before and role_head(before):
            self.roles.append((at, role_head(before), full))

    def _linked_names(self, sent_starts: set[int]) -> dict[int, tuple[str, int]]:
        """The full names with initials or particles between first name and surname ("Marcel
        A. Müller", "Thomas de Maizière"), by the offset of their first name: each name and
        where it ends. A name whose particle is also a preposition ("von", "zu") only where
        a role noun stands before it or the article names the person by particle and surname
        again ("Beatrix von Storch … von Storch"): "Hoeneß von Bayern München" is none."""
        text = self.text
        found: dict[int, tuple[str, int]] = {}
        for m in NAME_LINK.finditer(text):
            before = _FIRST_BEFORE.search(text, max(0, m.start(1) - 40), m.start(1))
            after = _SURNAME_AFTER.match(text, m.end())
            if before is None or after is None:
                continue
            first, link, last = before.group()[:-1], m.group(1), after.group(1)
            if not (_name_part(first) and _name_part(last)):
                continue
            a = before.start()
            prev = prev_token(text, a)
            if link.endswith("."):  # an initial, not a sentence's last word ("Gruppe A. Dann …")
                if after.start(1) in sent_starts:
                    continue
            elif link.split(" ")[0].lower() in WEAK_PARTICLES and not (
                # named so once more, in any case ending ("von Storchs"): the surname less its last letter
                role_head(prev)
                or text.count(f"{link} {last[:-1]}") + text.count(f"{link.capitalize()} {last[:-1]}") > 1
            ):
                continue
            pl = prev.lower()
            if self._with_article(first) or pl in DETERMINERS or pl in FUSED:
                continue
            surname = self.strip_genitive(last)
            if _name_part(surname):
                found[a] = (f"{first} {link} {surname}", after.end())
        return found

    def name_link(self, toks: list, j: int, name: list[str]) -> int:
        """How many tokens from ``toks[j]`` go between the words ``name`` read so far and its
        surname: an initial and its dot ("Marcel A. Müller"), or particles ("de", "Van der");
        0 when none. Through "von" or "zu" only to a full name the article uses (above)."""
        n = len(toks)
        t = toks[j]
        if t.kind != "w":
            return 0
        if len(t.text) == 1:
            ok = t.text.isupper() and j + 2 < n and toks[j + 1].text == "." and toks[j + 2].cap
            return 2 if ok else 0
        if t.low not in NAME_PARTICLES and t.low not in WEAK_PARTICLES:
            return 0
        k = j + 1
        if k < n and toks[k].kind == "w" and toks[k].low in PARTICLE_FOLLOWERS and toks[k].text.islower():
            k += 1
        if not (k < n and toks[k].kind == "w" and toks[k].cap and _name_part(toks[k].text)):
            return 0
        if t.low in WEAK_PARTICLES:
            full = " ".join([*name, *(x.text for x in toks[j:k]), self.strip_genitive(toks[k].text)])
            if self.full_names.get(self.strip_genitive(toks[k].text).lower()) != full:
                return 0
        return k - j

    def linked_at(self, toks: list, j: int) -> tuple[str, int]:
        """A surname with its particles at ``toks[j]`` ("de Maizière", "von der Leyen") that a
        full name of the article ends in: that full name and the index after the surname; else
        ("", j)."""
        if toks[j].low not in NAME_PARTICLES and toks[j].low not in WEAK_PARTICLES:
            return "", j
        words: list[str] = []
        for k in range(j, min(len(toks), j + 4)):
            if toks[k].kind != "w":
                break
            words.append(toks[k].text if k > j or not toks[k].cap else toks[k].low)
            if toks[k].cap and k > j:
                key = " ".join([*words[:-1], self.strip_genitive(words[-1])]).lower()
                full = self.linked.get(key)
                return (full, k + 1) if full else ("", j)
        return "", j

    def named_institution(self, noun: str, pos: int) -> str:
        """The institution an anaphor means: for "das Ministerium" (``noun`` its own institution
        head) the last compound of that head named before ``pos`` ("Innenministerium"); for
        "das US-Ministerium" the last one with that prefix too ("US-Außenministerium"). "" when
        none is named before."""
        head = institution_head(noun)
        prefix, _, bare = noun.rpartition("-")
        if not head or bare.lower() != head:
            return ""
        found = _compounds_of(head, prefix).findall(self.text, 0, pos)
        return inst_lemma(found[-1]) if found else ""

    def _with_article(self, word: str) -> bool:
        """Does the article put an article right before ``word`` somewhere ("das Fiasko", "der
        Vereinigten Staaten")? Then it is a common noun or a descriptive name."""
        found = self._after_article
        if found is None:
            found = self._after_article = set(AFTER_ARTICLE.findall(self.text))
        return word in found

    def _bare(self, word: str) -> bool:
        """Does the article use ``word`` without an article or adjective before it, mid-sentence
        ("sagte Roth", "mit Roth")? Names do; common nouns mostly do not."""
        memo = self._bare_memo
        if word in memo:
            return memo[word]
        memo[word] = False  # while it is decided: a genitive before it asks for its own stem
        text, found, pos = self.text, False, 0
        if self._start_set is None:
            self._start_set = set(self.starts)
        starts = self._start_set
        while not found:
            a = text.find(word, pos)
            if a < 0:
                break
            pos = a + 1
            b = a + len(word)
            if (a and text[a - 1].isalnum()) or (b < len(text) and text[b].isalnum()) or a in starts:
                continue
            prev = prev_token(text, a)
            pl = prev.lower()
            found = (
                prev[:1].isalpha()
                and pl not in DETERMINERS
                and not (prev.islower() and pl.endswith(ADJECTIVE_ENDINGS) and pl not in PREPOSITIONS)
                and not (prev[:1].isupper() and self.strip_genitive(prev) != prev)  # "Trumps Fiasko"
            )
        memo[word] = found
        return found

    def strip_genitive(self, word: str) -> str:
        """A name without its genitive ending: "Lutz'" → "Lutz"; "Trumps" → "Trump" when the
        bare form is used too (or is an actor)."""
        if word.endswith(("'", "’")):
            return word[:-1]
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "as")):
            stem = word[:-1]
            if self._bare(stem) or stem.lower() in self.full_names or self.actor(stem):
                return stem
        return word

    def expand(self, name: str) -> str:
        """A surname alone becomes the full name the article uses ("Roth" → "Anna Roth")."""
        if " " in name:
            linked = self.linked.get(name.lower())  # "de Maizière" → "Thomas de Maizière"
            return linked or (name.title() if name.isupper() else name)
        full = self.full_names.get(name.lower())
        if full and full.lower() != name.lower():
            return full.title() if full.isupper() else full
        return name.title() if name.isupper() and len(name) > 4 else name

    def last_mention(self, pos: int, within: int | None = None) -> Speaker | None:
        """The person named last before ``pos`` (at most ``within`` characters before it)."""
        k = bisect_left(self.mention_pos, pos) - 1
        if k < 0 or (within is not None and pos - self.mentions[k][0] > within):
            return None
        name = self.expand(self.mentions[k][1])
        return Speaker(name, self.actor(name), "person", "role")

    def actor(self, surface: str) -> str:
        """The tracked actor a speaker's name is: an alias that ends the name ("Wladimir Putin",
        "der Kremlchef") or opens an institution's compound ("EU-Kommission"); not an alias
        somewhere inside it ("EU-Wetterdienst Alpha" is not the EU). "" when none."""
        if not surface:
            return ""
        known = self._actor_of.get(surface)
        if known is not None:
            return known
        found = ""
        for actor, _alias, _a, b in self.matcher.find(surface):
            rest = surface[b:]
            if not rest.strip(" '’") or (rest.startswith("-") and " " not in rest and institution_head(rest[1:])):
                found = actor
                break
        if len(self._actor_of) < ACTOR_MEMO:
            self._actor_of[surface] = found
        return found

    def actor_fullname(self, actor: str, fallback: str) -> str:
        """The longest full name the article uses for ``actor``, else ``fallback``."""
        best = fallback
        for full in self.full_names.values():
            if self.actor(full) == actor and len(full) > len(best):
                best = full
        return best

    def name_evidence(self, word: str) -> bool:
        """The article uses ``word`` as a name: without an article mid-sentence (and not an
        inflected common noun), as part of a full name, or as an actor's alias."""
        stem = self.strip_genitive(word)
        if stem.lower() in self.full_names or stem in self.first_names or self.actor(stem):
            return True
        if self._with_article(stem):
            return False
        if CAPS_NAME.match(word):
            return True
        return is_name_word(stem) and lemma(stem) == stem and self._bare(stem)

    def continues_name(self, name: list[str], word: str, loose: bool = False) -> bool:
        """Does ``word`` continue the name ``name`` (a full name the article uses, or a first
        name followed by a word used as a name)?

        Args:
            name: The name's words so far.
            word: The next capitalised word.
            loose: After a source or institution noun: any capitalised word continues it.
        """
        if not (word[:1].isupper() and (is_name_word(word) or loose)) or word.lower().endswith(COMMON_NOUN_ENDINGS):
            return False  # "laut Statistik Austria Bereinigungen": no name goes on in "-ungen"
        joined = " ".join([*name, self.strip_genitive(word)])
        full = self._full_sorted
        at = bisect_left(full, joined)  # the first full name not below it: the one it may begin
        if at < len(full) and full[at].startswith(joined):
            return True
        return loose or (self.name_evidence(word) and name[-1] in self._name_words)

    # --- who has spoken --------------------------------------------------------------------

    def remember(self, si: int, spk: Speaker | None) -> None:
        """Notes a named speaker of sentence ``si``."""
        if spk is not None and spk.name:
            self.history.append((si, spk))

    def previous(self, si: int, limit: int) -> Speaker | None:
        """The last speaker, if named at most ``limit`` sentences back in this or the last paragraph."""
        if not self.history:
            return None
        sj, spk = self.history[-1]
        para = self.sentences.para
        if si - sj <= limit and para[si] - para[sj] <= 1:
            return spk.as_("previous")
        return None

    def pronoun(self, masculine: bool, pos: int | None = None) -> Speaker | None:
        """Whom "er"/"sie" means: the last speaker (a person for "er"), else the person named in
        the two sentences before ``pos``."""
        for _sj, spk in reversed(self.history):
            if spk.kind in ("person", "") or not masculine:
                return spk.as_("pronoun")
        if pos is None:
            return None
        k = max(0, bisect_right(self.starts, pos) - 1)
        found = self.last_mention(self.starts[k], within=self.starts[k] - self.starts[max(0, k - 2)])
        return found.as_("pronoun") if found else None
