"""Noun phrases that name a speaker: "der Sprecher des Ministeriums", "laut der
Nachrichtenagentur Reuters", "Bundesinnenministerin Anna Roth", "der Kremlchef", read into a
:class:`.Speaker` (a person, an institution or a group), with role nouns and anaphors ("der
Minister", "die Organisation") resolved against the people the article names and the speakers
before."""

from __future__ import annotations

import logging
from bisect import bisect_right

from .lexicon import (
    ADVERB_OPENERS,
    ANAPHORIC_INSTITUTIONS,
    DEFINITE,
    DETERMINERS,
    DOCUMENT_NOUNS,
    GROUP_HEADS,
    INDEFINITE,
    LEADER_HEADS,
    MEDIA_HEADS,
    NAME_GLUE,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    SOURCE_NOUNS,
)
from .marks import STRIP_MARKS
from .names import (
    ACRONYM,
    ADJECTIVE_ENDINGS,
    inst_lemma,
    institution_head,
    is_name_word,
    lemma,
    plural_group,
    role_head,
)
from .parts import NOBODY, Speaker, Tok
from .people import People
from .sentences import Sentences

__all__ = ["NounPhrases"]

log = logging.getLogger(__name__)


class NounPhrases:
    """Reads the noun phrase that names a speaker, in one article.

    Args:
        sentences: The article.
        people: Its people and the speakers met so far.
    """

    def __init__(self, sentences: Sentences, people: People):
        self.people = people
        self.starts = sentences.starts

    def read(  # noqa: C901 - one left-to-right read of a noun phrase (hot path)
        self, toks: list[Tok], i: int, strict: bool = False, source: bool = False, told: bool = False
    ) -> tuple[Speaker | None, int]:
        """Reads a speaker's noun phrase at ``toks[i]``; returns the speaker (None when there is
        no such phrase, an empty speaker for an anonymous one) and the index after the phrase.

        Articles and adjectives (also an extended attribute: "der seit Jahren dort
        tätige Sprecher") are skipped, role nouns ("Fraktionsvize") and institution nouns
        noted, capitalised words the article uses as names make the name; a genitive complement
        of a role, source or institution is followed ("ein Sprecher des Ministeriums", "Angaben
        des Amts"); a parenthesised acronym names an institution ("Statistisches Landesamt (SLA)").

        Args:
            toks: The sentence's tokens.
            i: Where the phrase begins.
            strict: The phrase opens a clause: an ordinary capitalised word there ("Wichtig")
                is no name unless the article uses it as one elsewhere.
            source: After "laut"/"zufolge"/"nach Angaben": source nouns are skipped.
            told: After a verb of saying: a following "der Zeitung"/"dem ZDF" is the one told,
                and an indefinite phrase is an anonymous speaker only if its noun can be a person.
        """
        n = len(toks)
        j = i
        name: list[str] = []
        roles: list[str] = []
        insts: list[str] = []
        inst_name: list[str] = []
        groups: list[str] = []
        acronym = ""
        det = ""
        sources = 0
        linked = False  # initials or particles were read: the next capitalised word ends the name
        if source and j < n and toks[j].low in ("von", "vom", "des", "der"):
            det = toks[j].low if toks[j].low in DETERMINERS else ""
            j += 1
        while j < n and j - i < 16:
            t = toks[j]
            lo = t.low
            if t.kind == "q":
                if (det or roles or insts or sources) and not name and len(t.text) < 50:
                    name = [t.text.strip(STRIP_MARKS)]  # der „Tagesbote“
                    j += 1
                    continue
                break
            if t.kind == "p":
                if t.text == "(":
                    close = next((k for k in range(j + 1, min(n, j + 8)) if toks[k].text == ")"), None)
                    if close is not None:
                        inner = toks[j + 1 : close]
                        if len(inner) == 1 and ACRONYM.match(inner[0].text) and not roles and not (name and not insts):
                            acronym = inner[0].text
                        j = close + 1
                        continue
                break
            if j == i and lo in PRONOUNS:
                return self.people.pronoun(lo in ("er", "ihn", "ihm"), t.start), j + 1
            if j == i and t.cap and lo in ADVERB_OPENERS and lo not in DETERMINERS:
                i += 1  # "Auch Polen kündigte an": the adverb is no part of the name
                j += 1
                continue
            if j == i and lo == "als":
                return None, j
            if not name and not det and t.kind == "w":
                full, after = self.people.linked_at(toks, j)  # "sagte de Maizière", "so von der Leyen"
                if full:
                    name = full.split(" ")
                    j = after
                    continue
            if name and not insts and not linked:
                size = self.people.name_link(toks, j, name)  # "Marcel A. Müller", "Alexander Van der Bellen"
                if size:
                    if toks[j + 1].text == ".":
                        name.append(toks[j].text + ".")
                    else:
                        name.extend(x.text for x in toks[j : j + size])
                    j += size
                    linked = True
                    continue
            if lo in DETERMINERS:
                if name:
                    break
                if roles or insts or groups or sources:
                    # a genitive complement: "Sprecher des Ministeriums", "Chefin der Organisation";
                    # after a verb of saying "der/dem" + a medium is the one told
                    if lo not in ("des", "der") or (told and det in ("der", "die") and lo == "der"):
                        break
                    if told and _is_media(toks, j + 1):
                        break
                det = det or lo
                j += 1
                continue
            if lo in ("von", "vom", "um") and (roles or insts or groups or sources) and not name:
                j += 1
                continue
            if lo == "unter" and j + 1 < n and toks[j + 1].low == "anderem":
                j += 2
                continue
            if t.text[:1].islower():
                if lo in NAME_GLUE and (name or inst_name) and j + 1 < n and toks[j + 1].cap:
                    (name if name else inst_name).append(t.text)  # "Institute for Applied Studies"
                    j += 1
                    continue
                if (
                    (det or roles or sources or j == i)
                    and not name
                    and lo not in PREPOSITIONS
                    and lo not in ADVERB_OPENERS
                    and j + 1 < n
                    and toks[j + 1].cap
                    and lo.endswith(ADJECTIVE_ENDINGS)
                ):
                    j += 1  # "der bayerische Landrat", "laut deutschem Verkehrsministerium"
                    continue
                if det and not (name or roles or insts or groups):
                    # an extended attribute: "der seit Jahren dort tätige Sprecher X"
                    k = next(
                        (
                            k
                            for k in range(j + 1, min(n, j + 8))
                            if toks[k].kind != "w"
                            or (toks[k].cap and (role_head(toks[k].text) or self.people.name_evidence(toks[k].text)))
                        ),
                        None,
                    )
                    if (
                        k is not None
                        and toks[k].kind == "w"
                        and k - 1 > j
                        and toks[k - 1].text.islower()
                        and toks[k - 1].low.endswith(("e", "en", "er"))
                    ):
                        j = k
                        continue
                break
            if not t.text[:1].isupper():
                break
            if name and (role_head(t.text) or institution_head(t.text)):
                break
            noun_at = _institution_after(toks, j) if not (name or insts or roles) else -1
            if noun_at > j:  # "laut Süddeutscher Zeitung", "die Tiroler Polizei", "das Bayerische Landeskriminalamt"
                inst_name.extend(x.text for x in toks[j : noun_at + 1])
                insts.append(" ".join(inst_name))
                j = noun_at + 1
                if j < n and toks[j].low in DETERMINERS:
                    break  # a name, not a kind: no genitive after it ("laut den Salzburger Nachrichten der …")
                continue
            if sources == 0 and source and lo.endswith(SOURCE_NOUNS) and not name:
                sources += 1
                j += 1
                continue
            if ACRONYM.match(t.text) and not name and not roles:
                insts.append(t.text)
                inst_name.append(t.text)
                j += 1
                continue
            head = role_head(t.text)
            if head and not name:
                if lo in GROUP_HEADS or (head in GROUP_HEADS and not det):
                    groups.append(t.text)
                else:
                    roles.append(t.text)
                j += 1
                continue
            if institution_head(t.text) and not name:
                insts.append(t.text)
                inst_name.append(t.text)
                j += 1
                j, proper, rest = _after_institution(toks, j)
                if proper:
                    name = [proper]  # "die Nachrichtenagentur Reuters": its proper name
                    self.people.institutions.add(proper)
                elif rest:
                    inst_name.extend(rest)  # "Verband Deutscher Bäcker", "Institut der deutschen Statistik"
                continue
            if (roles or groups) and not name and toks[j - 1].low in ("der", "des"):
                phrase = [t.text]  # "Sprecherin der Opposition", "Präsident der Vereinigten Staaten"
                j += 1
                while j < n and toks[j].cap and len(phrase) < 4:
                    phrase.append(toks[j].text)
                    j += 1
                insts.append(" ".join(phrase))
                break
            # a name word
            if insts and not name and not is_name_word(t.text):
                break  # "laut Alpinpolizei Mitte 30": no name after the institution
            if linked:
                name.append(t.text)
                j += 1
                break
            if name and not self.people.continues_name(name, t.text, loose=bool(sources or insts)):
                break
            evidence = self.people.name_evidence(t.text)
            if not name and (strict or roles or groups) and not det and not evidence and not (sources or insts):
                return (None if strict else self.speaker(name, roles, insts, groups, acronym, det, toks[i].start)), j
            if not name and det and not roles and not insts and not groups and not sources and not evidence:
                insts.append(t.text)  # "der Schwede", "die Partei": an anaphor or an institution by its kind
                j += 1
                continue
            if not name and (roles or groups) and not evidence:
                break  # "die Forscher Proben als …": no name follows the role
            name.append(t.text)
            j += 1
            if len(name) >= 4:
                break
        while len(name) > 1 and (name[-1][:1].islower() or name[-1].endswith(".")):
            name.pop()  # "Thomas de" of a name the text does not go on with
        if sources and not (name or roles or insts or groups or acronym):
            word = next(x.text for x in toks[i:j] if x.cap and x.low.endswith(SOURCE_NOUNS))
            if word.lower().endswith(DOCUMENT_NOUNS):
                return NOBODY, j  # "laut ihrer Mitteilung": whose, the text said before
            return Speaker(plural_group(word), "", "group", "frame"), j
        if len(inst_name) > 1 and not name:
            insts = [" ".join(inst_name)]
        if name and any(x.low == "des" for x in toks[i:j]) and name[-1].endswith(("ers", "els", "ens")):
            name = [*name[:-1], name[-1][:-1]]  # "des Bremer Tageblatts"
        spk = self.speaker(name, roles, insts, groups, acronym, det, toks[i].start if i < n else 0)
        if spk is None and det in INDEFINITE and j > i and (not told or j == i + 1 or _names_someone(toks[j - 1])):
            return NOBODY, j  # "eine gut unterrichtete Person", "sagte einer": anonymous
        return spk, j

    def speaker(  # noqa: C901 - the speaker resolution order, tried in turn
        self,
        name: list[str],
        roles: list[str],
        insts: list[str],
        groups: list[str],
        acronym: str,
        det: str,
        pos: int = 0,
    ) -> Speaker | None:
        """The speaker a noun phrase's parts name.

        Args:
            name: The words of a proper name ("Anna", "Roth").
            roles: Role nouns ("Sprecherin", "Fraktionsvize").
            insts: Institution nouns or names ("Ministeriums", "Verband Deutscher Bäcker").
            groups: Group nouns ("Experten").
            acronym: An institution's acronym given in brackets ("SLA").
            det: The phrase's article ("der", "ein"), or "".
            pos: The phrase's offset in the text (for role nouns and anaphors).

        Returns:
            The speaker; None when the parts name nobody the article knows.
        """
        if name:
            name = [*name[:-1], self.people.strip_genitive(name[-1])]
            full = " ".join(name)
            if len(name) == 1:
                full = self.people.expand(full)
            actor = self.people.actor(full) or self.people.actor(" ".join([*roles, *name]))
            if actor and len(name) == 1 and " " not in full:
                full = self.people.actor_fullname(actor, full)
            if (
                (insts or det)
                and not roles
                and not self.people.full_names.get(name[-1].lower())
                and name[0] not in self.people.first_names
            ) or (full in self.people.institutions and not roles):
                return Speaker(acronym or full, actor or self.people.actor(acronym), "institution", "frame")
            return Speaker(full, actor, "person", "frame")
        if acronym and not roles:
            return Speaker(acronym, self.people.actor(acronym), "institution", "frame")
        if roles:
            role = roles[-1]
            actor = self.people.actor(role)
            if actor:  # "der Kremlchef"
                return Speaker(self.people.actor_fullname(actor, actor), actor, "person", "role")
            if insts and role_head(role) in LEADER_HEADS and det not in INDEFINITE:
                # "der Präsident der Vereinigten Staaten": the one the article introduced as Präsident
                leader = self._resolve_role(role, pos, fallback=False)
                if leader is not None:
                    return leader
            if insts:  # "ein Sprecher des Ministeriums"
                inst = inst_lemma(insts[-1])
                return Speaker(acronym or inst, self.people.actor(inst), "institution", "role")
            prefix = role.split("-")[0] if "-" in role else ""
            if prefix and ACRONYM.match(prefix) and role_head(role) in ("sprecher", "sprecherin"):
                return Speaker(prefix, self.people.actor(prefix), "institution", "role")  # "ein DWD-Sprecher"
            if det in INDEFINITE or not det and role_head(role) in GROUP_HEADS:
                if role_head(role) in ("sprecher", "sprecherin"):
                    for _sj, spk in reversed(self.people.history):
                        if spk.kind == "institution":
                            return spk.as_("role")
                    return NOBODY
                return Speaker(lemma(role), "", "group", "role")  # "ein Nutzer"
            return self._resolve_role(role, pos)
        if groups:
            if det in ("die", "den", "der") and self.people.history:
                # "die Forscher" just after "laut Forschern um X": those named before
                sj, last = self.people.history[-1]
                if bisect_right(self.starts, pos) - 1 - sj <= 1:
                    return last.as_("role")
            return Speaker(plural_group(groups[-1]), "", "group", "frame")
        if insts:
            inst = insts[-1]
            low = inst.lower()
            if ACRONYM.match(inst) or " " in inst:
                return Speaker(acronym or inst, self.people.actor(inst), "institution", "frame")
            if low in ANAPHORIC_INSTITUTIONS:
                for _sj, spk in reversed(self.people.history):
                    if spk.kind == "institution":
                        return spk.as_("role")
                return None
            if not institution_head(inst):
                if det in ("der", "die"):  # "der Schwede": the person named just before
                    k = max(0, bisect_right(self.starts, pos) - 1)
                    return self.people.last_mention(pos, within=pos - self.starts[max(0, k - 2)])
                return None
            inst = inst_lemma(inst)
            named = self.people.named_institution(inst, pos) if det in DEFINITE else ""
            if named:  # "das Ministerium": the one the article named before
                return Speaker(named, self.people.actor(named), "institution", "role")
            return Speaker(acronym or inst, self.people.actor(inst), "institution", "frame")
        return None

    def _resolve_role(self, role: str, pos: int, fallback: bool = True) -> Speaker | None:
        """The person a role noun means ("der Minister"): the one the article introduced with that
        role (before, or after for a headline), else (``fallback``) the last person named."""
        head = role_head(role) or role.lower()
        low = role.lower()
        best = None
        for p, r, name in self.people.roles:
            if (r == head or low.endswith(r) or r.endswith(head)) and (p <= pos or best is None):
                best = name
        if best is not None:
            full = self.people.expand(best)
            return Speaker(full, self.people.actor(full), "person", "role")
        if not fallback:
            return None
        for _sj, spk in reversed(self.people.history):
            if spk.kind == "person":
                return spk.as_("role")
        k = max(0, bisect_right(self.starts, pos) - 1)
        # someone named in the two sentences before (not in this one: there they are talked to)
        near = self.people.last_mention(self.starts[k], within=self.starts[k] - self.starts[max(0, k - 2)])
        return near or Speaker(lemma(role), self.people.actor(role), "group", "role")


def _institution_after(toks: list[Tok], j: int) -> int:
    """Where an institution's or medium's noun ends a run of capitalised adjectives that begins
    at ``toks[j]`` ("Süddeutscher Zeitung", "Tiroler Polizei", "Frankfurter Allgemeinen
    Sonntagszeitung"), or -1: the adjectives are part of its name, not a person's."""

    def kind_noun(t: Tok) -> bool:
        return bool(institution_head(t.text)) or t.low.endswith(MEDIA_HEADS)

    k = j
    while k < len(toks) and k - j < 3 and toks[k].cap and toks[k].low.endswith(ADJECTIVE_ENDINGS):
        if k > j and kind_noun(toks[k]):  # "Bayerische Behörde": a noun ending like an adjective
            return k
        k += 1
    return k if j < k < len(toks) and toks[k].cap and kind_noun(toks[k]) else -1


#: Endings of nouns for persons ("Anwohner", "Passantin", "Polizist", "Lehrling", "Kollege").
_PERSON_ENDINGS = ("er", "in", "ist", "ant", "ent", "eur", "ling", "or", "ge", "te")


def _names_someone(head: Tok) -> bool:
    """Can the last word of an indefinite phrase ("ein Anwohner", "eine Frau") be someone
    speaking: a role or group noun, a noun for a person, or one ending like a noun for a person
    ("-er", "-in", "-ist", …)? "…, droht ein weiteres Fiasko" names no one."""
    low = head.low
    if not head.cap:
        return True  # "sagte ein anderer": a pronoun's use of the article
    return bool(role_head(head.text)) or low in PERSON_NOUNS or low.endswith(_PERSON_ENDINGS)


def _after_institution(toks: list[Tok], j: int) -> tuple[int, str, list[str]]:
    """What follows an institution noun: a proper name on its own ("Reuters"), or the rest of
    a name of several words ("Deutscher Bäcker", "der deutschen Statistik")."""
    n = len(toks)
    run: list[Tok] = []
    k = j
    while k < n and len(run) < 5:
        x = toks[k]
        if x.kind != "w":
            break
        if (
            # a capitalised word (a role noun only right after another capitalised word)
            x.cap
            and not role_head(x.text)
            or x.cap
            and run
            and run[-1].cap
            # a linking word before a capitalised one ("Verband der Bäcker", "Institute for …")
            or x.low in ("der", "des", "für", "for", "of")
            and k + 1 < n
            and toks[k + 1].kind == "w"
            and (toks[k + 1].cap or (toks[k + 1].text.islower() and k + 2 < n and toks[k + 2].cap))
            # an adjective after the article ("der deutschen Statistik")
            or x.text.islower()
            and run
            and run[-1].low in ("der", "des")
            and x.low.endswith(("e", "en", "er"))
        ):
            run.append(x)
        else:
            break
        k += 1
    while run and not run[-1].cap:
        run.pop()
        k -= 1
    if not run:
        return j, "", []
    caps = [x for x in run if x.cap]
    if len(caps) == len(run) and all(is_name_word(x.text) and lemma(x.text) == x.text for x in run):
        return k, " ".join(x.text for x in run), []  # "die Zeitung Le Soir" → "Le Soir"
    if len(caps) >= 2 or run[0].low in ("der", "des", "für", "for", "of"):
        return j + len(run), "", [x.text for x in run]
    return j, "", []


def _is_media(toks: list[Tok], j: int) -> bool:
    """Does a medium (a newspaper, broadcaster or agency, or a quoted title) follow ``toks[j]``?"""
    for t in toks[j : j + 3]:
        if t.kind == "q":
            return True
        if t.cap:
            return t.low.endswith(MEDIA_HEADS) or ACRONYM.match(t.text) is not None
    return False
