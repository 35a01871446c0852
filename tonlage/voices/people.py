"""What an article tells about its people: the names it uses (learned on first need), the roles
it gives them, the actors they are, and who has spoken so far while reading."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

from ..actors import ActorMatcher, trie_pattern
from .lexicon import DETERMINERS, FUSED, PREPOSITIONS
from .names import (
    ACRONYM,
    CAPS_NAME,
    institution_head,
    is_name_word,
    lemma,
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


@lru_cache(maxsize=50_000)
def _name_part(word: str) -> bool:
    """The article-independent half of :meth:`People._learn_names`' word test: a word that can
    be part of a name (:func:`.names.is_name_word`) and is no acronym. One cached call a word
    instead of two calls and a match."""
    return bool(word) and is_name_word(word) and not ACRONYM.match(word)


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
        {"full_names", "first_names", "mentions", "roles", "mention_pos", "_full_sorted", "_name_words"}
    )

    full_names: dict[str, str]
    first_names: set[str]
    mentions: list[tuple[int, str]]
    roles: list[tuple[int, str, str]]
    mention_pos: list[int]
    _full_sorted: list[str]
    _name_words: set[str]

    def __init__(self, sentences: Sentences, matcher: ActorMatcher, actor_of: dict[str, str] | None = None):
        self.sentences = sentences
        self.text = sentences.text
        self.starts = sentences.starts
        self.matcher = matcher
        self._actor_of = {} if actor_of is None else actor_of
        self.history: list[tuple[int, Speaker]] = []
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
                initial = a in sent_starts and w.lower().endswith("es")  # "Gesuchtes Ehepaar"
                if j > i and pl not in DETERMINERS and pl not in FUSED and not initial:
                    parts = words[i : j + 1]
                    parts[-1] = self.strip_genitive(parts[-1])
                    full = " ".join(parts)
                    self.full_names.setdefault(parts[-1].lower(), full)
                    self.first_names.add(parts[0])
                    self.mentions.append((a, full))
                    if i and role_head(prev):
                        self.roles.append((a, role_head(prev), full))
                elif j == i and i and role_head(prev):
                    name = self.strip_genitive(w)  # "Kanzlerin Roth", "SPD-Chef Lang"
                    self.roles.append((a, role_head(prev), name))
                    self.mentions.append((a, name))
                i = j + 1
        self.mention_pos = [p for p, _ in self.mentions]
        # For continues_name: the full names in order (a prefix is looked up by bisection), and
        # the words a name may continue from. Scanning all full names on every capitalised word
        # made an article of nothing but names quadratic (0.8 MB: 16 s).
        self._full_sorted = sorted(set(self.full_names.values()))
        self._name_words = self.first_names | set(self.full_names.values())

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
                and not (prev.islower() and pl.endswith(("e", "en", "er", "es", "em")) and pl not in PREPOSITIONS)
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
            return name.title() if name.isupper() else name
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
        if not (word[:1].isupper() and (is_name_word(word) or loose)):
            return False
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
