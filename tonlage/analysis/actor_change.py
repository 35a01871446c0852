"""What a change of the actor list touches: the articles whose results can differ under the new list.

An article's per-article results (:func:`tonlage.analysis.per_article.parse`) depend on the
actor list only through its aliases and whom each belongs to (:func:`alias_owners`):

- the mentions: an alias matched case-sensitively at a word's start
  (:class:`tonlage.actors.ActorMatcher`), and an office the article writes before a person's
  alias, which counts for that person elsewhere in the article (:mod:`.role_mentions`): it
  changes only with an alias in that article, or its owner's kind;
- the speakers' actors: an alias inside a name the article gives, which may be title-cased
  from capitals (:mod:`tonlage.voices.people`);
- the theme terms: a two- or three-word alias merged into one term wherever the article has
  words of the same lemmas ("im Weißen Haus" for "Weißes Haus").

So when the list changes, only an article with one of the changed aliases
(:func:`changed_aliases`) in it can change: one whose text has every word of the alias (each
at a word's start where the alias has it so, as written or in capitals: the voices title-case
a name written in capitals), or, for an alias of several words, words one after the other
(nothing but spaces and punctuation between them) that start with the first three letters of
the alias's words' lemmas (in any case, umlauts and "ß" folded). :func:`naming_test` is that
test. Only the second can change the article's theme terms (:meth:`NamingTest.merges`): an
article that only names a one-word alias keeps its theme terms, and so its place in the kept
themes.

The test may pick an article that does not change (it is a prefilter), never one that does:
the lemmas of German nouns, names and adjectives keep their first three letters in every form
("Landeshauptleute" → "Landeshauptmann", "Zentren" → "Zentrum", "Häuser" → "Haus"; on the
capitalised words of gnad-dev only verbs and articles change them, and no alias is one).
``bench/actor_change.py`` checks it on 10,000 generated news articles against a full analysis
under the new list.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..actors import Actor, ActorMatcher

__all__ = ["alias_owners", "list_signature", "changed_aliases", "naming_test", "NamingTest"]

# Folded letters of a lemma that the test matches in any of their spellings.
_FOLDED = {"a": "[aä]", "o": "[oö]", "u": "[uü]"}
PREFIX = 3  # letters of each word's lemma an alias of several words is found by


def alias_owners(actors: Iterable[Actor]) -> dict[str, tuple[str, str]]:
    """Each alias → (name, kind) of the actor it counts for, as
    :class:`~tonlage.actors.ActorMatcher` decides (the first actor that lists it)."""
    matcher = ActorMatcher(list(actors)).fit()
    return {alias: (actor.name, actor.kind) for alias, actor in matcher.alias_to_actor_.items()}


def list_signature(owners: dict[str, tuple[str, str]]) -> str:
    """A key of what an actor list decides of an article's results (comments, order of rows and
    spelling of the file do not count)."""
    data = json.dumps(sorted((alias, list(owner)) for alias, owner in owners.items()), ensure_ascii=False)
    return hashlib.blake2b(data.encode(), digest_size=16).hexdigest()


def changed_aliases(old: dict[str, tuple[str, str]], new: dict[str, tuple[str, str]]) -> set[str]:
    """The aliases added, dropped or given to another actor (or kind) between two lists."""
    return {alias for alias in old.keys() | new.keys() if old.get(alias) != new.get(alias)}


def _alias_words(alias: str, tokens: list[str]) -> list[tuple[bool, tuple[str, ...]]]:
    """Each word of ``alias`` (its ``tokens``): whether it starts a word there (no letter or
    digit before it), and its forms (as written, in capitals)."""
    out = []
    pos = 0
    for token in tokens:
        at = alias.find(token, pos)
        pos = at + len(token)
        starts = at <= 0 or not (alias[at - 1].isalnum() or alias[at - 1] == "_")
        out.append((starts, tuple(dict.fromkeys((token, token.upper())))))
    if not out and alias.strip():  # no word in it ("+++"): found as it is written
        out.append((False, (alias,)))
    return out


def _has_word(text: str, starts: bool, forms: tuple[str, ...]) -> bool:
    r"""``text`` has one of ``forms``, at a word's start if ``starts`` (no letter, digit or "_"
    before it, as the actor matcher's ``(?<![\w])``). Found with ``str.find``: a pattern that
    opens with a lookbehind is tried at every position of the text."""
    for form in forms:
        at = text.find(form)
        while at >= 0:
            if not starts or at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
                return True
            at = text.find(form, at + 1)
    return False


def _lemma_prefix(word: str) -> str:
    """A pattern of the first :data:`PREFIX` letters of ``word``'s lemma as the themes take it
    (:func:`~tonlage.text.theme_lemma`: a word in capitals is its own), case, umlauts and "ß"
    folded ("Häuser" and "Haus" both start with it)."""
    from ..text import theme_lemma
    from .lexicon_cache import load_german_dictionary

    load_german_dictionary()  # kept on disk: 0.5 s where simplemma's own loading takes 1.3 s
    folded = theme_lemma(word).casefold()  # "ß" becomes "ss"
    for umlaut, plain in (("ä", "a"), ("ö", "o"), ("ü", "u")):
        folded = folded.replace(umlaut, plain)
    prefix = folded[:PREFIX]
    out = []
    i = 0
    while i < len(prefix):
        if prefix.startswith("ss", i):
            out.append("(?:ss|ß)")
            i += 2
            continue
        ch = prefix[i]
        if ch == "s" and i == len(prefix) - 1 and folded[i + 1 : i + 2] == "s":
            out.append("(?:s|ß)")  # the first half of an "ss" that was a "ß"
        else:
            out.append(_FOLDED.get(ch, re.escape(ch)))
        i += 1
    return "".join(out)


# A word as tokenize finds it, after its first letters (letters, joined by hyphens), and what may
# stand between two words of one sentence's word list (no letter, no digit).
_WORD_REST = r"(?>[^\W\d_]*(?:[-‑][^\W\d_]+)*-?)"  # atomic: the whole word, as tokenize takes it
_BETWEEN = r"[\W_]*"
_WORD_START = r"(?<![^\W\d_])"
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class NamingTest:
    """Whether a text may name one of some aliases (see the module's docstring)."""

    any_word: re.Pattern[str]  # any word of any alias (as written or in capitals), anywhere
    aliases: tuple[tuple[tuple[bool, tuple[str, ...]], ...], ...]  # each alias's words (_alias_words)
    # The words of an alias of several words, one after the other, in lower case, less the
    # first one's word start (checked on each match: a pattern that opens with a lookbehind is
    # tried at every position, 0.59 s against 0.13 s over 10,000 articles; and searching the
    # text in lower case took 2.9 s over 100,000 where ignoring case took 9.5 s).
    together: re.Pattern[str] | None

    def __call__(self, text: str) -> tuple[bool, bool]:
        """(:meth:`names`, :meth:`merges`) of ``text``."""
        merges = self.merges(text)
        return merges or self._words(text), merges

    def names(self, text: str) -> bool:
        """The text may name one of the aliases: its results may change."""
        return self._words(text) or self.merges(text)

    def _words(self, text: str) -> bool:
        # One pass for any word, then each alias's words where one is found (a tenth of texts).
        return self.any_word.search(text) is not None and any(
            all(_has_word(text, starts, forms) for starts, forms in words) for words in self.aliases
        )

    def merges(self, text: str) -> bool:
        """The text may have the words of an alias of several words: its theme terms may change."""
        if self.together is None:
            return False
        low = text.lower()
        pos = 0
        while (m := self.together.search(low, pos)) is not None:
            if m.start() == 0 or _LETTER.match(low, m.start() - 1) is None:
                return True
            pos = m.start() + 1
        return False


def naming_test(aliases: Iterable[str]) -> NamingTest | None:
    """The :class:`NamingTest` of ``aliases``; None when there are none."""
    from ..text import tokenize
    from ..themes.terms import PHRASE_SIZES

    every: list[tuple[bool, tuple[str, ...]]] = []
    each: dict[tuple[tuple[bool, tuple[str, ...]], ...], None] = {}
    phrases: set[tuple[str, ...]] = set()
    for alias in aliases:
        tokens = tokenize(alias)
        words = _alias_words(alias, tokens)
        if not words:
            continue
        every += words
        each[tuple(words)] = None
        if len(tokens) in PHRASE_SIZES:  # what the theme terms merge (tonlage.analysis.per_article)
            phrases.add(tuple((_WORD_START if i else "") + _lemma_prefix(t) for i, t in enumerate(tokens)))
    if not every:
        return None
    together = re.compile("|".join((_WORD_REST + _BETWEEN).join(ps) for ps in sorted(phrases))) if phrases else None
    # Any word anywhere: a pattern that opens with a literal is searched for fast (one that
    # opens with a lookbehind took 0.40 s over 10,000 articles, this 0.05 s).
    anywhere = "|".join(re.escape(f) for f in sorted({f for _, fs in every for f in fs}, key=lambda f: (-len(f), f)))
    return NamingTest(re.compile(anywhere), tuple(each), together)
