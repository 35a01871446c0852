"""Property tests for tonlage.duplicates.update_duplicates: an index kept across random adds,
removals, edits and date changes gives exactly what a full find_duplicates of the same texts
gives (same representative, kind and similarity for every text)."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest

from tonlage import duplicates
from tonlage.duplicates import CannotUpdate, DuplicateIndex, MissingSketch, find_duplicates, update_duplicates

WORDS = [f"wort{i}" for i in range(400)] + ["Haus", "Straße", "Bundestag", "Größe", "Ärger"]


def _story(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))


def _near(rng: random.Random, text: str) -> str:
    """A copy with a few words changed, dropped or added: similarities around the threshold."""
    words = text.split()
    if len(words) < 6:
        return _story(rng)
    for _ in range(rng.randint(0, 4)):
        at = rng.randrange(len(words))
        op = rng.random()
        if op < 0.4:
            words[at] = rng.choice(WORDS)
        elif op < 0.7 and len(words) > 6:
            del words[at]
        else:
            words.insert(at, rng.choice(WORDS))
    return " ".join(words)


def _exact(rng: random.Random, text: str) -> str:
    """The same text after normalisation: other case, spacing, quotes."""
    out = text.upper() if rng.random() < 0.5 else "  " + text.replace(" ", "\n ", 3)
    return out + ("" if rng.random() < 0.5 else " \u200b")


def _new_text(rng: random.Random, corpus: list[str]) -> str:
    r = rng.random()
    if corpus and r < 0.3:
        return _near(rng, rng.choice(corpus))
    if corpus and r < 0.45:
        return _exact(rng, rng.choice(corpus))
    if corpus and r < 0.5:
        return rng.choice(corpus)  # the very same text (the same key)
    if r < 0.55:
        return rng.choice(["", "  ", "kurz", "zu kurz für", "Eins zwei drei vier"])
    return _story(rng)


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _clashing_key(text: str) -> str:
    """A key whose first half every key shares (the index searches by the first half)."""
    return "0" * 16 + hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


class _Store:
    """The kept signatures, as a workspace's sketches table."""

    def __init__(self):
        self.sigs: dict[str, np.ndarray | None] = {}
        self.fetched: list[str] = []

    def fetch(self, keys):
        self.fetched.extend(keys)
        return {k: self.sigs[k] for k in keys if self.sigs.get(k) is not None}


def _full(texts, order, store: _Store, keys) -> tuple:
    kept: dict = {}
    made: list = []
    groups = find_duplicates(texts, order=order, sketches=made, kept=kept)
    store.sigs = {k: s[1] for k, s in zip(keys, made)}
    return groups, DuplicateIndex.of_search(keys, kept, DuplicateIndex.params_for())


def _same(a, b) -> None:
    assert a.representative == b.representative
    assert a.kind == b.kind
    assert a.similarity == b.similarity


@pytest.mark.parametrize("seed", range(16))
def test_an_index_kept_across_random_changes_gives_the_full_search(seed, monkeypatch):
    if seed % 2:  # compacted often (it is otherwise after 16 updates or a fifth of the texts gone)
        monkeypatch.setattr(duplicates, "_MAX_PARTS", 2)
        monkeypatch.setattr(duplicates, "_MAX_DEAD", 0.05)
    elif seed % 4 == 2:  # never: dead texts stay in the index
        monkeypatch.setattr(duplicates, "_MAX_DEAD", 1.0)
    key = _clashing_key if seed >= 12 else _key
    rng = random.Random(seed)
    texts: list[str] = []
    dates: list[int] = []
    for _ in range(rng.randint(0, 25)):
        texts.append(_new_text(rng, texts))
        dates.append(rng.randint(0, 9))
    ids = list(range(len(texts)))
    next_id = len(texts)
    store = _Store()
    keys = [key(t) for t in texts]
    _, index = _full(texts, [(d, i) for d, i in zip(dates, ids)], store, keys)
    assert index is not None
    near_seen = exact_seen = 0
    removed: list[str] = []
    for _ in range(10):
        for _ in range(rng.randint(0, 3)):  # removals
            if texts:
                at = rng.randrange(len(texts))
                removed.append(texts[at])
                del texts[at], dates[at], ids[at]
        for _ in range(rng.randint(0, 2)):  # edits: a new text under the same article
            if texts:
                at = rng.randrange(len(texts))
                texts[at] = _near(rng, texts[at]) if rng.random() < 0.7 else _story(rng)
        for _ in range(rng.randint(0, 3)):  # date edits: the representatives may change
            if texts:
                dates[rng.randrange(len(texts))] = rng.randint(0, 9)
        for _ in range(rng.randint(0, 8)):  # adds, anywhere; some of them texts removed before
            at = rng.randint(0, len(texts))
            back = removed and rng.random() < 0.3
            texts.insert(at, (_exact(rng, rng.choice(removed)) if back else _new_text(rng, texts)))
            dates.insert(at, rng.randint(0, 9))
            ids.insert(at, next_id)
            next_id += 1
        order = [(d, i) for d, i in zip(dates, ids)]
        keys = [key(t) for t in texts]
        asked: list[int] = []

        def text(i, asked=asked):
            asked.append(i)
            return texts[i]

        got, index, made, gone = update_duplicates(index, keys, text, order, store.fetch)
        expected = find_duplicates(texts, order=order)
        _same(got, expected)
        near_seen += expected.kind.count("near")
        exact_seen += expected.kind.count("exact")
        known = set(store.sigs)
        assert all(keys[i] not in known for i in asked)  # only new texts are read
        for k in gone:
            store.sigs.pop(k)
        store.sigs.update({k: s[1] for k, s in made.items()})
        assert set(store.sigs) == set(keys)
        # the index is what a full search of the texts as they are now would keep
        _, fresh = _full(texts, order, _Store(), keys)
        if fresh is not None:
            assert np.array_equal(index.keys, fresh.keys)
            live_digests = {tuple(d) for d in index.digests[~index.dead].tolist()}
            assert live_digests == {tuple(d) for d in fresh.digests.tolist()}
            assert len(index.pairs) == len(fresh.pairs)
            live = sum(int((~index.dead[t]).sum()) for _, t in index.parts)
            assert live == len(fresh.parts[0][0])
            again = DuplicateIndex.from_stored(index.stored(), DuplicateIndex.params_for())
            assert again is not None and len(again.parts) == len(index.parts)
            index = again  # what the next update reads is what was stored
    assert seed > 3 or near_seen + exact_seen > 0  # the corpora do have duplicates


def test_the_random_corpora_have_near_and_exact_copies():
    kinds: set[str] = set()
    for seed in range(12):
        rng = random.Random(seed)
        texts: list[str] = []
        for _ in range(40):
            texts.append(_new_text(rng, texts))
        kinds.update(find_duplicates(texts).kind)
    assert kinds == {"", "near", "exact"}


def test_an_update_reads_back_only_the_signatures_of_candidates():
    rng = random.Random(5)
    texts = [_story(rng) for _ in range(200)]
    keys = [_key(t) for t in texts]
    store = _Store()
    _, index = _full(texts, None, store, keys)
    added = [texts[3] + " und noch ein Satz dazu", _story(rng)]
    texts2 = texts + added
    got, _, made, gone = update_duplicates(index, [_key(t) for t in texts2], texts2.__getitem__, None, store.fetch)
    _same(got, find_duplicates(texts2))
    assert got.representative[200] == 3
    assert store.fetched == [keys[3]] and gone == [] and len(made) == 2


def test_a_missing_kept_signature_is_said_and_a_wrong_setting_is_not_read():
    rng = random.Random(1)
    base = _story(rng)
    texts = [base, _story(rng)]
    keys = [_key(t) for t in texts]
    store = _Store()
    _, index = _full(texts, None, store, keys)
    store.sigs.clear()
    texts2 = [*texts, base + " und noch ein Satz dazu"]
    with pytest.raises(MissingSketch):
        update_duplicates(index, [_key(t) for t in texts2], texts2.__getitem__, None, store.fetch)
    assert DuplicateIndex.from_stored(index.stored(), DuplicateIndex.params_for()) is not None
    assert DuplicateIndex.from_stored(index.stored(), DuplicateIndex.params_for(threshold=0.8)) is None
    assert DuplicateIndex.from_stored(index.stored()[:1], DuplicateIndex.params_for()) is None  # a part missing
    assert DuplicateIndex.from_stored([b"not an index"], DuplicateIndex.params_for()) is None


def test_an_update_does_not_import_datasketch(monkeypatch):
    rng = random.Random(2)
    texts = [_story(rng) for _ in range(5)]
    keys = [_key(t) for t in texts]
    store = _Store()
    _, index = _full(texts, None, store, keys)

    def no_datasketch(*args, **kwargs):
        raise AssertionError("datasketch imported")

    monkeypatch.setattr(duplicates, "_identity", no_datasketch)  # the template's hash function
    import sys

    monkeypatch.setitem(sys.modules, "datasketch", None)  # an import would fail
    texts2 = [*texts, texts[0] + " und noch ein Satz dazu"]
    got, *_ = update_duplicates(index, [_key(t) for t in texts2], texts2.__getitem__, None, store.fetch)
    assert got.representative[5] == 0


def test_a_text_removed_and_later_back_finds_its_copies_again(monkeypatch):
    """A distinct text no text has any more is dead in the index (its pairs dropped); when it
    comes back (under another key: another spelling) it is banded again, not revived."""
    monkeypatch.setattr(duplicates, "_MAX_DEAD", 1.0)  # not compacted away in between
    rng = random.Random(7)
    base = _story(rng)
    texts = [base, base + " und noch ein Satz dazu", _story(rng)]
    store = _Store()
    _, index = _full(texts, None, store, [_key(t) for t in texts])
    steps = [texts[1:], [*texts[1:], _exact(rng, base)], [*texts[1:], _exact(rng, base), _story(rng)]]
    for now in steps:
        got, index, made, gone = update_duplicates(index, [_key(t) for t in now], now.__getitem__, None, store.fetch)
        _same(got, find_duplicates(now))
        for k in gone:
            store.sigs.pop(k)
        store.sigs.update({k: s[1] for k, s in made.items()})
    assert got.kind[2] == "near" and got.representative[2] == 0


def test_keys_that_are_not_hex_digests_are_searched_afresh():
    texts = ["eins zwei drei vier fünf sechs", "sieben acht neun zehn elf zwölf"]
    kept: dict = {}
    find_duplicates(texts, kept=kept)
    assert DuplicateIndex.of_search(["a", "b"], kept, DuplicateIndex.params_for()) is None
    assert DuplicateIndex.of_search([_key(t).upper() for t in texts], kept, DuplicateIndex.params_for()) is None
    index = DuplicateIndex.of_search([_key(t) for t in texts], kept, DuplicateIndex.params_for())
    assert index is not None
    with pytest.raises(CannotUpdate):
        update_duplicates(index, ["a" * 31 + " ", _key(texts[1])], texts.__getitem__, None, _Store().fetch)
