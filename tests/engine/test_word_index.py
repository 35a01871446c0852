"""The word index of the "Containing words" filter (tonlage.search.word_index): whatever a reader types,
the texts it finds through the index are the texts reading every text finds; and the index is
made once in the background, kept on disk and loaded from there."""

from __future__ import annotations

import os
import random
import re

import numpy as np
import pyarrow as pa
import pytest

from tonlage.corpus_index import CorpusIndex
from tonlage.search import matching, parse_words, word_index, word_patterns, words_pattern
from tonlage.search.word_index import PartIndex, found_in_parts, prepare, ready, wait_idle
from tonlage.storage import article_texts
from tonlage.storage.article_texts import ArticleTexts, TextPart
from tonlage.storage.disk_cache import kept_buffer


@pytest.fixture(autouse=True)
def _no_indexes_held(monkeypatch):
    monkeypatch.setattr(word_index, "START_DELAY", 0.0)
    monkeypatch.setattr(word_index, "QUIET_S", 0.0)
    word_index.forget()
    yield
    wait_idle(30)
    word_index.forget()


LINES = [
    "Die EU-Kommission tagt; (EU) und mehr. EU",
    "eine neue Lage, der Euro fällt",
    "Neue Sanktionen und Wirtschaftssanktionen greifen, sanktionieren",
    "ÖSTERREICH wählt, Österreichs Kanzler, Oesterreich",
    "Strasse gesperrt; STRASSE; Straßenbahn; ſtraße",
    "im Weißen\nHaus, im Weißen\u00a0Haus, Weißen Hauses",
    "Die Gaza-Waffenruhe hält, Gazastreifen",
    "U.S. Army, US-Präsident, a.b( x|y [a-z]+ \\d",
    "Maßstab sss weiß Weiss",
    "",
    "Zwölf 12 Ziffern 3,5 Prozent ½ Anteil Ⅻ",
    "Mu\u0308ller (zerlegt) und Müller",
]
NONE_LINES = [*LINES[:9], None, *LINES[10:]]


def by_index(query: str, lines: list[str | None], *, parts: int = 1, shared: bool = False) -> list[bool]:
    """What ``query`` finds in ``lines`` through indexes of ``parts`` parts of them (``shared``:
    their words looked up through one vocabulary)."""
    array = pa.array(lines, pa.large_string())
    cut = np.array_split(np.arange(len(lines)), parts)
    made = [TextPart(f"p{k}", array.take(pa.array(at))) for k, at in enumerate(cut)]
    indexes = [PartIndex.build(part.array) for part in made]
    for part, index in zip(made, indexes):
        word_index._hold(part.key, index)
    if shared:
        word_index.share_words(indexes)
    terms = parse_words(query)[0]
    return found_in_parts(made, terms, words_pattern(terms)).tolist()


def by_reading(query: str, lines: list[str | None]) -> list[bool]:
    return matching([pa.array(lines, pa.large_string())], words_pattern(parse_words(query)[0])).tolist()


QUERIES = [
    "EU",
    "eu*",
    "Kommission",
    "Euro",
    "Sanktion*",
    "*sanktionen",
    "*ankti*",
    "österreich",
    "Straße",
    "strasse*",
    "weiss",
    "Weiß",
    "ss",
    "sss",
    "Massstab",
    '"Weißen Haus"',
    "Gaza",
    "U.S.",
    "US-Präsident",
    "a.b(",
    "x|y",
    "[a-z]+",
    "\\d",
    "12",
    "3,5",
    "½",
    "Ⅻ",
    "Müller",
    "Mu",
    "Zwölf, Euro",
    "Qxzwuvk",
    "EU-*",
    "*-Kommission",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_reading_every_text_finds(query):
    want = by_reading(query, NONE_LINES)
    assert by_index(query, NONE_LINES) == want
    assert by_index(query, NONE_LINES, parts=3) == want
    assert by_index(query, NONE_LINES, parts=3, shared=True) == want


def test_the_cases_the_search_is_known_for_come_out_as_written():
    # The same expectations as the search's own tests (tests/engine/test_search.py), through the index.
    lines = ["Die EU-Kommission tagt", "eine neue Lage", "Der Euro fällt", "(EU) und mehr", "EU"]
    assert by_index("EU", lines) == [True, False, False, True, True]
    lines = ["Neue Sanktionen", "Wirtschaftssanktionen greifen", "Die Sanktion", "sanktionieren"]
    assert by_index("Sanktion*", lines) == [True, False, True, True]
    assert by_index("*sanktionen", lines) == [True, True, False, False]
    assert by_index("Straße", ["Strasse gesperrt", "STRASSE", "Straßenbahn", "die Straße"]) == [True, True, False, True]
    assert by_index('"Weißen Haus"', ["im Weißen\nHaus", "Weißen Hauses", "Haus Weißen"]) == [True, False, False]


def _drawn_queries(texts: list[str], k: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = sorted({w for t in texts for w in re.findall(r"[^\W_]{3,}", t)})
    joined = sorted({m.group() for t in texts for m in re.finditer(r"\w+[-.]\w+", t)}) or words
    kinds = [
        lambda: rng.choice(words),
        lambda: rng.choice(words).upper(),
        lambda: rng.choice(words)[:4] + "*",
        lambda: "*" + rng.choice(words)[-3:],
        lambda: "*" + rng.choice(words)[1:3] + "*",
        lambda: " ".join(re.findall(r"[^\W_]+", rng.choice(texts))[rng.randint(0, 5) :][:2]),
        lambda: rng.choice(joined),
        lambda: rng.choice(words).replace("ß", "ss").replace("ss", "ß", 1),
        lambda: rng.choice(words) + ", " + rng.choice(words)[:3] + "*",
    ]
    return [kinds[i % len(kinds)]() for i in range(k)]


def test_queries_drawn_from_real_news_find_the_same_texts_either_way(analysed_bundled):
    corpus = analysed_bundled
    # The bundled texts, their sentences one by one and in capitals: many texts, some sharing words.
    texts = [corpus.texts.get(a) for a in corpus.articles["article_id"]]
    lines = texts + [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t)][:400] + [t.upper() for t in texts]
    queries = _drawn_queries(texts, 180, seed=3)
    found_counts = []
    for q in queries:
        want = by_reading(q, lines)
        assert by_index(q, lines, parts=4) == want, q
        found_counts.append(sum(want))
    # The draw reaches both kinds of answers: texts found, and none.
    assert max(found_counts) > 20 and min(found_counts) == 0 and sum(c > 0 for c in found_counts) > 120


def test_a_phrase_of_common_words_reads_the_part_whole_or_the_narrowed_texts_alike(monkeypatch):
    lines = [f"in der Stadt {i}" if i % 3 else f"in die Stadt, der Rat {i}" for i in range(60)]
    want = by_reading("in der", lines)
    for share in (0.0, 1.0):  # every part read whole / only the texts the index narrows it to
        monkeypatch.setattr(word_index, "READ_WHOLE", share)
        word_index.forget()
        assert by_index("in der, Rat", lines, parts=3) == by_reading("in der, Rat", lines)
        assert by_index("in der", lines, parts=2) == want
    assert sum(want) == 40


def test_parts_without_an_index_are_read_whole_beside_those_with_one():
    array = pa.array(NONE_LINES, pa.large_string())
    parts = [TextPart("a", array.slice(0, 5)), TextPart("b", array.slice(5, 4)), TextPart("c", array.slice(9))]
    word_index._hold("b", PartIndex.build(parts[1].array))
    for q in ("EU", "Weißen Haus", "Straße, Gaza", "*ss*"):
        terms = parse_words(q)[0]
        assert found_in_parts(parts, terms, words_pattern(terms)).tolist() == by_reading(q, NONE_LINES), q
    # An index of another size than its part (a stale one) is not used.
    word_index._hold("a", PartIndex.build(array.slice(0, 3)))
    terms = parse_words("EU")[0]
    assert found_in_parts(parts, terms, words_pattern(terms)).tolist() == by_reading("EU", NONE_LINES)


def test_only_a_lone_word_of_letters_and_digits_is_answered_by_the_index_alone():
    plans = {
        q: word_patterns(parse_words(q)[0][0])
        for q in ("EU", "Sanktion*", "*ruhe*", "EU-Kommission", "Weißes Haus", "U.S.")
    }
    assert {q: exact for q, (_, exact) in plans.items()} == {
        "EU": True,
        "Sanktion*": True,
        "*ruhe*": True,
        "EU-Kommission": False,
        "Weißes Haus": False,
        "U.S.": False,
    }
    assert plans["EU"][0] == ("(?i)^EU$",)
    assert plans["*ruhe*"][0] == ("(?i)ruhe",)
    assert plans["EU-Kommission"][0] == ("(?i)^EU$", "(?i)^Kommi(?:ss|ß)ion$")
    assert plans["Weißes Haus"][0] == ("(?i)^Wei(?:ss|ß)es$", "(?i)^Haus$")


def test_an_index_is_kept_as_bytes_and_damaged_bytes_are_refused():
    array = pa.array(NONE_LINES, pa.large_string())
    index = PartIndex.build(array)
    again = PartIndex.from_bytes(index.to_bytes())
    assert again.n == index.n and again.words.equals(index.words)
    assert np.array_equal(again.starts, index.starts) and np.array_equal(again.rows, index.rows)
    assert again.rows.dtype == np.uint16
    # Each word once, as written; its rows ascending, each once.
    words = index.words.to_pylist()
    assert len(set(words)) == len(words) and "" not in words and {"EU", "Straßenbahn", "ſtraße", "½"} <= set(words)
    eu = index.rows[index.starts[words.index("EU")] : index.starts[words.index("EU") + 1]].tolist()
    assert eu == [0]
    data = bytearray(index.to_bytes())
    with pytest.raises(ValueError, match="cannot be read"):
        PartIndex.from_bytes(bytes(data[: len(data) // 2]))
    broken = PartIndex(index.n - 5, index.words, index.starts, index.rows)  # rows past its texts
    with pytest.raises(ValueError, match="hold together"):
        PartIndex.from_bytes(broken.to_bytes())


def test_a_corpus_with_enough_text_has_its_indexes_made_in_the_background_and_kept(monkeypatch):
    texts = ArticleTexts.of(
        [f"a{i}" for i in range(30)], [f"Text {i}: die EU und Putin, Feuerpause {i % 4}" for i in range(30)]
    )
    called = []
    assert not prepare(texts.parts, min_bytes=texts.nbytes + 1)  # too little text: read whole
    assert wait_idle(30) and all(ready(p.key) is None for p in texts.parts)
    assert prepare(texts.parts, min_bytes=0, after=lambda: called.append(True))
    assert wait_idle(60)
    assert called == [True]
    for part in texts.parts:
        assert ready(part.key) is not None
        assert kept_buffer(f"word-index:{word_index.INDEX_FORMAT}:{part.key}") is not None
    # Another process (or a restarted server) loads them from the cache: nothing is made again.
    word_index.forget()

    def no_making(texts):
        raise AssertionError("made again")

    monkeypatch.setattr(PartIndex, "build", staticmethod(no_making))
    assert prepare(texts.parts, min_bytes=0)
    assert wait_idle(60)
    assert all(ready(p.key) is not None for p in texts.parts)


def test_a_failed_making_leaves_the_search_reading_the_texts(monkeypatch, caplog):
    texts = ArticleTexts.of(["a", "b"], ["Die EU tagt", "Putin spricht"])

    def broken(texts):
        raise MemoryError("no room")

    monkeypatch.setattr(PartIndex, "build", staticmethod(broken))
    monkeypatch.setattr(word_index, "_kept", lambda name, n, cache=None: None)
    assert prepare(texts.parts, min_bytes=0)
    assert wait_idle(30)
    assert ready(texts.parts[0].key) is None
    assert "background work failed" in caplog.text
    terms = parse_words("EU")[0]
    assert found_in_parts(texts.parts, terms, words_pattern(terms)).tolist() == [True, False]


def test_the_filter_gives_the_same_articles_with_and_without_the_index(analysed_bundled, monkeypatch):
    corpus = analysed_bundled
    queries = ["Putin", "Waffen*", "*ung", "Weißen Haus", "UN-Generalversammlung", "Trump, Selenskyj", "Qxzwuvk"]
    without = [CorpusIndex(corpus).word_rows(q).tolist() for q in queries]
    assert prepare(corpus.texts.parts, min_bytes=0)
    assert wait_idle(60) and all(ready(p.key) is not None for p in corpus.texts.parts)
    index = CorpusIndex(corpus)
    assert [index.word_rows(q).tolist() for q in queries] == without
    assert [sum(w) > 0 for w in without] == [True, True, True, True, True, True, False]

    # With everything a first search needs (the headlines' index and the vocabulary the indexes
    # share, too), words alone read no text and no headline, and find the same articles.
    words = [*queries[:3], queries[5], *sorted(set(re.findall(r"[^\W\d_]{5,}", " ".join(corpus.articles["title"]))))]
    want = [CorpusIndex(corpus).word_rows(q).tolist() for q in words]
    prepared = CorpusIndex(corpus)
    assert prepared.prepare_words(min_bytes=0) and wait_idle(60) and prepared._title_words is not None
    read = []
    monkeypatch.setattr("tonlage.search.matching", lambda arrays, pattern: read.append(pattern))
    assert [prepared.word_rows(q).tolist() for q in words] == want
    assert read == [] and all(any(w) for w in want)
    monkeypatch.undo()
    assert [prepared.word_rows(q).tolist() for q in queries] == without


def test_each_word_lists_every_text_holding_it_once_in_order():
    """The postings themselves against a plain reading of each text's words: every word as
    written, each text holding it once and in ascending order, whatever the number of times
    it stands there (here 512 and 70,000 times in one text) and with texts that hold no word."""
    rng = random.Random(3)
    vocabulary = ["EU", "Müller", "Straße", "12", "Ⅻ", "Gaza", "eu", "Haus"]
    lines = [" ".join(rng.choice(vocabulary) for _ in range(rng.randrange(0, 12))) + "." for _ in range(400)]
    lines += ["EU " * 512, "Haus, " * 70_000, "", "--- ... !!!"]
    rng.shuffle(lines)
    lines[7] = None
    index = PartIndex.build(pa.array(lines, pa.large_string()))
    expected: dict[str, list[int]] = {}
    for row, line in enumerate(lines):
        for word in dict.fromkeys(w for w in re.split(r"[^\w]+|_", line or "") if w):
            expected.setdefault(word, []).append(row)
    got = {
        word: index.rows[index.starts[i] : index.starts[i + 1]].tolist()
        for i, word in enumerate(index.words.to_pylist())
    }
    assert got == expected
    assert index.n == len(lines) and index.rows.dtype == np.uint16


def test_a_sentence_index_finds_the_sentences_cut_from_their_texts():
    texts = pa.array(["Die EU tagt. Putin spricht.", None, "Ärger über die EU-Kommission. Ende."], pa.large_string())
    text_at, starts, ends = np.array([0, 0, 2, 2]), np.array([0, 13, 0, 30]), np.array([12, 27, 29, 35])
    index = word_index.sentence_index(texts, text_at, starts, ends)
    assert index.n == 4
    plans = [word_patterns(t) for t in parse_words("EU, Ende")[0]]
    assert word_index.found_in(index, plans).tolist() == [True, False, True, True]
    with pytest.raises(ValueError, match="alone"):
        word_index.found_in(index, [word_patterns(parse_words("die EU")[0][0])])


def _sentence_queries(corpus) -> list[str]:
    words = sorted({w for a in corpus.articles["article_id"] for w in re.findall(r"[^\W\d_]{4,}", corpus.texts.get(a))})
    rng = random.Random(5)
    return (
        rng.sample(words, 25)
        + [w[:5] + "*" for w in rng.sample(words, 8)]
        + ["*" + w[-4:] for w in rng.sample(words, 8)]
        + ["Putin, Trump", "*ung*", "Qxzwuvk", "Weißen Haus", "UN-Generalversammlung"]
    )


def test_the_sentences_with_the_words_are_the_same_through_the_sentence_index(analysed_bundled, monkeypatch):
    corpus = analysed_bundled
    queries = _sentence_queries(corpus)
    every = np.ones(len(corpus.articles), dtype=bool)
    some = every.copy()
    some[::2] = False
    plain = CorpusIndex(corpus)
    want = {(q, k): plain.word_sentences(q, view).tolist() for q in queries for k, view in enumerate((every, some))}
    indexed = CorpusIndex(corpus)
    assert indexed.prepare_words(min_bytes=0)
    assert wait_idle(60) and indexed._sentence_words is not None
    # Words alone are answered by the index: no text is read for them.
    read = []
    monkeypatch.setattr(type(corpus.texts), "get", lambda self, a, default="": read.append(a) or default)
    for q in queries[:-2]:
        for k, view in enumerate((every, some)):
            assert indexed.word_sentences(q, view).tolist() == want[(q, k)], q
    assert read == []
    monkeypatch.undo()
    for q in queries[-2:]:  # a phrase, a hyphen: read as before
        assert indexed.word_sentences(q, every).tolist() == want[(q, 0)], q
    found = [len(want[(q, 0)]) for q in queries]
    assert sum(n > 0 for n in found) > 30 and max(found) > 20 and found[queries.index("Qxzwuvk")] == 0


def test_a_sentence_index_is_kept_and_loaded_by_the_next_process(analysed_bundled, monkeypatch):
    from tonlage.storage.store import cached_analysis

    first = CorpusIndex(analysed_bundled)
    assert first.prepare_words(min_bytes=0) and wait_idle(60)
    # The next server reads the analysis from the cache, where its sentence store names its
    # content: its indexes are kept under that name.
    read_back = cached_analysis(
        "data/corpus", events_file="data/events.csv", actors_file="data/actors.csv", random_state=0
    )
    assert read_back.sentence_store.content_key() is not None
    assert CorpusIndex(read_back).prepare_words(min_bytes=0) and wait_idle(60)
    word_index.forget()

    def no_making(*args):
        raise AssertionError("made again")

    monkeypatch.setattr(word_index, "sentence_index", no_making)
    monkeypatch.setattr(PartIndex, "build", staticmethod(no_making))
    # The sentences' offsets are read once, after their indexes were loaded (for the Articles
    # page's list), not to make an index.
    spans_read = []
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    monkeypatch.setattr(CorpusIndex, "scored_spans", property(lambda i: spans_read.append(i._sentence_words) or empty))
    again = CorpusIndex(read_back)
    assert again.prepare_words(min_bytes=0) and wait_idle(60)
    assert again._sentence_words is not None and again._title_words is not None  # none made: all loaded
    assert len(spans_read) == 1 and spans_read[0] is again._sentence_words
    assert [i.n for i, _ in again._sentence_words] == [i.n for i, _ in first._sentence_words]
    assert (
        again.word_sentences("Putin", np.ones(again.n, dtype=bool)).tolist()
        == first.word_sentences("Putin", np.ones(first.n, dtype=bool)).tolist()
    )


def test_large_parts_are_indexed_in_a_child_process_with_the_same_result(analysed_bundled, monkeypatch):
    corpus = analysed_bundled
    here = CorpusIndex(corpus)
    assert here.prepare_words(min_bytes=0) and wait_idle(60)
    made_here = [ready(p.key).to_bytes() for p in corpus.texts.parts]
    sentences_here = [i.to_bytes() for i, _ in here._sentence_words]
    word_index.forget()
    monkeypatch.setattr(word_index, "_kept", lambda name, n, cache=None: None)  # made again, not loaded
    monkeypatch.setattr("tonlage.storage.disk_cache.kept_buffer", lambda name, cache=None: None)
    monkeypatch.setattr(word_index, "CHILD_FROM_BYTES", 0)
    pids = []
    real_child = word_index._child

    def child():
        process = real_child()
        pids.append(process.pid)
        return process

    monkeypatch.setattr(word_index, "_child", child)
    there = CorpusIndex(corpus)
    assert there.prepare_words(min_bytes=0) and wait_idle(120)
    assert pids and set(pids) != {os.getpid()}  # made in another process
    assert word_index._CHILD == []  # which stopped when the work was done
    assert [ready(p.key).to_bytes() for p in corpus.texts.parts] == made_here
    assert [i.to_bytes() for i, _ in there._sentence_words] == sentences_here


def test_a_failure_in_the_child_process_comes_back_as_an_error_and_the_child_ends(monkeypatch):
    monkeypatch.setattr(word_index, "CHILD_FROM_BYTES", 0)
    texts = pa.array(["Die EU tagt", "Putin spricht"], pa.large_string())
    try:
        made = word_index._making(word_index._part_bytes, texts)
        assert PartIndex.from_bytes(made).words.to_pylist() == PartIndex.build(texts).words.to_pylist()
        with pytest.raises(RuntimeError, match="IndexError"):  # a sentence of a text that is not there
            word_index._making(word_index._sentence_bytes, texts, np.array([5]), np.array([0]), np.array([3]))
        process = word_index._CHILD[0]
    finally:
        word_index._stop_children()
    assert process.returncode == 0 and word_index._CHILD == []


def test_an_index_is_read_in_place_from_a_memory_mapped_file(tmp_path):
    index = PartIndex.build(pa.array(NONE_LINES, pa.large_string()))
    path = tmp_path / "index"
    path.write_bytes(index.to_bytes())
    mapped = PartIndex.from_bytes(pa.memory_map(str(path)).read_buffer())
    assert mapped.words.equals(index.words) and np.array_equal(mapped.rows, index.rows)
    assert not mapped.rows.flags.owndata  # a view of the mapped file, not a copy
    plans = [word_patterns(t) for t in parse_words("EU, Straße")[0]]
    assert word_index.found_in(mapped, plans).tolist() == word_index.found_in(index, plans).tolist()
    wrong = bytearray(index.to_bytes())
    wrong[:4] = b"XXXX"
    with pytest.raises(ValueError, match="another format"):
        PartIndex.from_bytes(bytes(wrong))


def test_a_sentence_store_read_from_its_parts_names_its_content(analysed_bundled):
    from tonlage.storage.sentence_store import SentenceStore, part_digest

    store = analysed_bundled.sentence_store
    data = [p.read_bytes() for p in store.part_files()]
    assert data, "the bundled corpus's sentences are kept on disk"
    digests = [part_digest(d) for d in data]
    one = SentenceStore.from_parts(data, len(store), store.columns, digests)
    two = SentenceStore.from_parts(data, len(store), store.columns, digests)
    assert one.content_key() is not None and one.content_key() == two.content_key()
    other = SentenceStore.from_parts(data, len(store), store.columns, ["0" * 32, *digests[1:]])
    assert other.content_key() != one.content_key()
    assert SentenceStore.from_parts(data, len(store), store.columns).content_key() is None  # digests unknown


def test_a_child_that_died_is_replaced_for_the_next_part(monkeypatch):
    monkeypatch.setattr(word_index, "CHILD_FROM_BYTES", 0)
    texts = pa.array(["Die EU tagt", "Putin spricht"], pa.large_string())
    try:
        word_index._making(word_index._part_bytes, texts)  # a child started, then left idle
        assert len(word_index._CHILD) == 1 and word_index._IDLE == word_index._CHILD
        first = word_index._CHILD[0]
        first.kill()
        first.wait()
        with pytest.raises((OSError, EOFError)):
            word_index._making(word_index._part_bytes, texts)  # given the idle one, which died
        assert word_index._CHILD == [] and word_index._IDLE == []  # let go of
        made = word_index._making(word_index._part_bytes, texts)  # by a new child
        assert len(word_index._CHILD) == 1 and word_index._CHILD[0].pid != first.pid
        assert PartIndex.from_bytes(made).n == 2
    finally:
        word_index._stop_children()


def test_a_child_whose_server_is_gone_ends_quietly():
    """A server stopped while its child makes a part's index: the child's answer finds no one to
    read it, and the child ends without an error of its own (no traceback in the server's log)."""
    import pickle
    import subprocess

    child = subprocess.Popen(
        word_index._child_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=word_index._child_env(),
    )
    # an answer far larger than a pipe holds: the child is still writing it when the reader is gone
    texts = pa.array([" ".join(f"w{k}x{j}" for j in range(500)) for k in range(200)], pa.large_string())
    child.stdout.close()
    pickle.dump(("_part_bytes", texts, ()), child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
    child.stdin.close()
    err = child.stderr.read()
    child.wait(timeout=60)
    assert child.returncode == 0, err.decode()
    assert b"Traceback" not in err


def test_the_background_work_waits_while_readers_views_are_computed(monkeypatch):
    import time

    monkeypatch.setattr(word_index, "QUIET_S", 0.3)
    texts = ArticleTexts.of([f"a{i}" for i in range(40)], [f"Die EU und Putin {i}" for i in range(40)])
    word_index.busy()  # a reader's view is being computed as the work is asked for
    assert prepare(texts.parts, min_bytes=0)
    until = time.monotonic() + 1.0
    while time.monotonic() < until:  # a reader's views, one after another
        word_index.busy()
        assert all(ready(p.key) is None for p in texts.parts)
        time.sleep(0.01)
    assert wait_idle(30)  # quiet now: the work is done
    assert all(ready(p.key) is not None for p in texts.parts)


def test_a_server_that_is_never_quiet_still_gets_its_indexes_a_step_at_a_time(monkeypatch):
    """Readers whose views follow each other closer than QUIET_S do not starve the background
    work: it takes a step after MAX_WAIT_S, one part at a time, while they go on."""
    import time

    monkeypatch.setattr(word_index, "QUIET_S", 0.3)
    monkeypatch.setattr(word_index, "MAX_WAIT_S", 0.4)
    monkeypatch.setattr(article_texts, "TEXT_PART_ROWS", 10)
    texts = ArticleTexts.of([f"a{i}" for i in range(40)], [f"Die EU und Putin {i}" for i in range(40)])
    assert len(texts.parts) == 4
    word_index.busy()
    assert prepare(texts.parts, min_bytes=0)
    ready_at: dict[str, float] = {}
    start = time.monotonic()
    while len(ready_at) < len(texts.parts) and time.monotonic() < start + 20:
        word_index.busy()  # never quiet
        for p in texts.parts:
            if p.key not in ready_at and ready(p.key) is not None:
                ready_at[p.key] = time.monotonic() - start
        time.sleep(0.01)
    assert len(ready_at) == len(texts.parts), ready_at
    times = sorted(ready_at.values())
    assert times[0] >= 0.4  # not before the first wait ran out
    assert all(b - a >= 0.35 for a, b in zip(times, times[1:]))  # then one step per wait
    assert wait_idle(30)


def test_indexes_that_share_their_words_match_each_pattern_once(monkeypatch):
    import pyarrow.compute as pc

    array = pa.array(NONE_LINES * 3, pa.large_string())
    own = [PartIndex.build(array.slice(k * 12, 12)) for k in range(3)] + [PartIndex.build(array.slice(5, 20))]
    shared = [PartIndex.build(array.slice(k * 12, 12)) for k in range(3)] + [PartIndex.build(array.slice(5, 20))]
    vocabulary = word_index.share_words([*shared[:2], None, *shared[2:]])
    assert len(vocabulary.words) == len(set(vocabulary.words.to_pylist())) < sum(len(i.words) for i in shared)
    calls = []
    real = pc.match_substring_regex
    monkeypatch.setattr(pc, "match_substring_regex", lambda *a, **kw: calls.append(kw["pattern"]) or real(*a, **kw))
    patterns = sorted({p for q in QUERIES for t in parse_words(q)[0] for p in word_patterns(t)[0]})
    for pattern in patterns:
        want = [i.found([pattern]).tolist() for i in own]
        assert len(calls) == 4
        calls.clear()
        assert [i.found([pattern]).tolist() for i in shared] == want, pattern
        assert calls == [pattern]  # matched once for the four
        calls.clear()
    assert shared[0].found([patterns[0]]).tolist() and calls == []  # kept for the next query


def test_a_search_right_after_opening_loads_the_kept_indexes_instead_of_reading(analysed_bundled, monkeypatch):
    """The background thread waits for quiet before it loads anything; a reader who searches at
    once gets the indexes an earlier server kept, read from the cache for the search, and the
    answers reading gives."""
    import threading

    corpus = analysed_bundled
    queries = ["Putin", "Waffen*", "Trump, Selenskyj", "Qxzwuvk"]
    every = np.ones(len(corpus.articles), dtype=bool)
    plain = CorpusIndex(corpus)
    want = [(plain.word_rows(q).tolist(), plain.word_sentences(q, every).tolist()) for q in queries]
    assert CorpusIndex(corpus).prepare_words(min_bytes=0) and wait_idle(60)  # made and kept
    word_index.forget()

    gate = threading.Event()  # the background thread finds no quiet moment until the end
    monkeypatch.setattr(word_index, "wait_quiet", gate.wait)
    read = []
    monkeypatch.setattr(word_index, "matching", lambda arrays, pattern: read.append(pattern))
    monkeypatch.setattr(type(corpus.texts), "get", lambda self, a, default="": read.append(a) or default)
    index = CorpusIndex(corpus)
    try:
        assert index.prepare_words(min_bytes=0)
        got = [(index.word_rows(q).tolist(), index.word_sentences(q, every).tolist()) for q in queries]
        assert all(ready(p.key) is not None for p in corpus.texts.parts) and index._sentence_words is not None
        assert index._title_words is None  # the background's own work, not done yet
    finally:
        gate.set()
    assert got == want and read == []
    assert wait_idle(60) and index._title_words is not None


def test_a_search_before_any_index_is_kept_reads_the_texts_and_looks_in_the_cache_once(analysed_bundled, monkeypatch):
    import threading

    corpus = analysed_bundled
    monkeypatch.setattr("tonlage.storage.disk_cache.kept_buffer", lambda name, cache=None: looked.append(name))
    looked: list[str] = []
    gate, waiting = threading.Event(), threading.Event()

    def wait_quiet() -> None:  # the background work waits for quiet (the reader is busy)
        waiting.set()
        gate.wait()

    monkeypatch.setattr(word_index, "wait_quiet", wait_quiet)
    index = CorpusIndex(corpus)
    try:
        assert index.prepare_words(min_bytes=0)
        assert waiting.wait(30)  # the search comes while the background work waits to begin a step
        every = np.ones(index.n, dtype=bool)
        first = [index.word_rows("Putin").tolist(), index.word_sentences("Putin", every).tolist()]
        n_looked = len(looked)
        # each part's texts' index looked for once; the sentences' not, without the texts' indexes
        assert looked and n_looked == len(corpus.texts.parts) and all(n.startswith("word-index:") for n in looked)
        second = [index.word_rows("Trump").tolist(), index.word_sentences("Trump", every).tolist()]
        assert len(looked) == n_looked  # not again
    finally:
        gate.set()
    plain = CorpusIndex(corpus)
    assert first == [plain.word_rows("Putin").tolist(), plain.word_sentences("Putin", every).tolist()]
    assert second == [plain.word_rows("Trump").tolist(), plain.word_sentences("Trump", every).tolist()]


def test_the_background_work_makes_two_parts_at_once_and_answers_in_order(monkeypatch):
    """:func:`word_index.at_once` runs two steps together (each waits for the other at a barrier:
    one after the other, the first would wait in vain), never more than two, and gives the
    answers in the order asked, then the first error once every step is done."""
    import threading

    monkeypatch.setattr(word_index, "CHILDREN", 2)
    both = threading.Barrier(2, timeout=20)
    running, most, lock = [0], [0], threading.Lock()

    def step(n: int) -> int:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        if n < 2:
            both.wait()
        with lock:
            running[0] -= 1
        return n * n

    assert word_index.at_once(step, range(6)) == [0, 1, 4, 9, 16, 25]
    assert most[0] == 2
    done = []

    def failing(n: int) -> int:
        if n == 1:
            raise ValueError("part 1")
        done.append(n)
        return n

    for children in (2, 1):  # two at once, and one after the other
        monkeypatch.setattr(word_index, "CHILDREN", children)
        done.clear()
        with pytest.raises(ValueError, match="part 1"):
            word_index.at_once(failing, range(4))
        assert sorted(done) == [0, 2, 3], children  # the others were still made


def test_two_parts_made_at_once_each_have_a_child_and_both_stop(monkeypatch):
    """Two indexes made together use two child processes, each making the index it was given;
    both wait idle for the next part and both stop when the work is done."""
    monkeypatch.setattr(word_index, "CHILD_FROM_BYTES", 0)
    monkeypatch.setattr(word_index, "CHILDREN", 2)
    texts = [pa.array([f"Text {i} über Putin", f"und {i} EU"], pa.large_string()) for i in range(4)]
    try:
        made = word_index.at_once(lambda t: word_index._making(word_index._part_bytes, t), texts)
        children = list(word_index._CHILD)
        assert len(children) == 2 and sorted(word_index._IDLE, key=id) == sorted(children, key=id)
        assert [PartIndex.from_bytes(m).words.to_pylist() for m in made] == [
            PartIndex.build(t).words.to_pylist() for t in texts
        ]
    finally:
        word_index._stop_children()
    assert word_index._CHILD == [] and word_index._IDLE == []
    assert [child.returncode for child in children] == [0, 0]
