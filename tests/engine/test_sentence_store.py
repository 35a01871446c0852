"""The analysis in batches with its sentences in Parquet (issue #13, "stream, don't hold"): the
tables are the same as when every article was held at once, and readers get the same rows
from the store on disk as from a table in memory."""

import copy
import gc
import pickle
from datetime import date

import numpy as np
import pandas as pd
import pytest

from tests.corpora import MARCH_2025, write_dated_corpus
from tonlage import DEFAULT_CORPUS_DIR
from tonlage.actors import read_actors
from tonlage.analysis import per_article, pipeline, tables
from tonlage.i18n import Message
from tonlage.inputs import resolve_side_files
from tonlage.model import SENTENCE_COLUMNS
from tonlage.storage.sentence_store import SentenceStore

TODAY = date(2026, 11, 23)
TABLES = ("articles", "themes", "article_themes", "mentions", "actor_articles", "events", "skipped")


def _analyse(folder, batch, monkeypatch, **kw):
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", batch)
    return pipeline.analyse_folder(folder, today=TODAY, **kw)


def _held_at_once(folder) -> pd.DataFrame:
    """The sentence table as the analysis made it before batches: every article parsed, then
    one DataFrame of all their sentences."""
    raws, _ = pipeline.load_articles(folder, today=TODAY)
    per_article.init_worker(read_actors(resolve_side_files(None, None)[1]))  # the default actors, as analysed
    try:
        return tables.sentence_table(raws, [per_article.parse(r.text) for r in raws])
    finally:
        gc.enable()


def _same_sentences(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    # Evidence stays translatable: the same messages, not only the same English text.
    assert [type(x) is str for x in a["evidence"]] == [type(x) is str for x in b["evidence"]]
    assert [m.to_json() for m in a["evidence"] if isinstance(m, Message)] == [
        m.to_json() for m in b["evidence"] if isinstance(m, Message)
    ]


@pytest.fixture
def constructed(tmp_path):
    write_dated_corpus(tmp_path, MARCH_2025)
    (tmp_path / "en.txt").write_text(
        "Talks | A. Writer. 02.03.2025.\n\nThe talks brought no success. Both sides spoke of a crisis.\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize("folder", ["bundled", "constructed"])
def test_batches_give_the_tables_of_one_pass(folder, constructed, monkeypatch):
    path = DEFAULT_CORPUS_DIR if folder == "bundled" else constructed
    whole = _analyse(path, 10_000, monkeypatch)
    batched = _analyse(path, 2, monkeypatch)
    assert not batched.sentence_store.in_memory
    assert len(list(batched.sentence_store._parts())) > 1  # it did write in batches
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(whole, name), getattr(batched, name), check_exact=True)
    _same_sentences(whole.sentences, batched.sentences)
    # ... and the sentences are those of every article held at once, as before the batches.
    _same_sentences(batched.sentences, _held_at_once(path))


def test_runs_are_deterministic(constructed, monkeypatch):
    one = _analyse(constructed, 3, monkeypatch)
    two = _analyse(constructed, 3, monkeypatch, workers=2)
    _same_sentences(one.sentences, two.sentences)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name), check_exact=True)


def test_pickled_store_carries_its_rows_and_cleans_up(constructed, monkeypatch):
    corpus = _analyse(constructed, 4, monkeypatch)
    folder = corpus.sentence_store._folder
    back = pickle.loads(pickle.dumps(corpus))
    assert back.sentence_store._folder != folder  # a folder of its own
    _same_sentences(back.sentences, corpus.sentences)
    assert [type(x).__name__ for x in back.sentences["quote_spans"]] == ["tuple"] * len(corpus.sentences)
    other = back.sentence_store._folder
    del corpus, back
    gc.collect()
    assert not folder.exists() and not other.exists()


def test_disk_and_memory_stores_answer_alike(constructed, monkeypatch):
    disk = _analyse(constructed, 5, monkeypatch).sentence_store
    memory = SentenceStore(disk.to_pandas())
    ids = sorted(set(disk.frame(["article_id"])["article_id"]))[3:6]
    assert len(disk) == len(memory) > 0 and disk.columns == memory.columns == list(SENTENCE_COLUMNS)
    for kw in ({}, {"article_ids": ids}, {"scored": True}, {"article_ids": ids, "scored": True}):
        cols = ["article_id", "sent_idx", "tone", "evidence", "quote_spans"]
        a, b = disk.frame(cols, **kw), memory.frame(cols, **kw)
        _same_sentences(a, b)
        assert len(a) and (set(a["article_id"]) <= set(ids) if "article_ids" in kw else True)
        if kw.get("scored"):
            assert a["tone"].notna().all()
    whole = memory.to_pandas()
    one = disk.of_article(ids[1])
    expected = whole[whole["article_id"] == ids[1]].sort_values("sent_idx").reset_index(drop=True)
    _same_sentences(one, expected)
    refs = [(ids[2], 1), (ids[0], 0), ("nobody", 0), (ids[2], 0)]
    got = disk.by_ref(refs, ["text", "tone"])
    assert list(zip(got["article_id"], got["sent_idx"])) == [r for r in refs if r[0] != "nobody"]
    pd.testing.assert_frame_equal(got, memory.by_ref(refs, ["text", "tone"]))
    assert list(disk.frame(["corrected", "tone"]).columns) == ["tone"]  # absent columns are left out


def test_empty_corpus_gives_an_empty_store(tmp_path, monkeypatch):
    corpus = _analyse(tmp_path, 2, monkeypatch)
    assert corpus.sentence_store.empty
    assert list(corpus.sentences.columns) == list(SENTENCE_COLUMNS) and corpus.sentences.empty
    assert corpus.sentence_store.frame(["tone"], scored=True).empty
    assert np.array_equal(corpus.articles["n_sentences"].to_numpy(), np.zeros(0))


def test_the_next_batch_is_handed_to_the_workers_before_this_one_is_written(monkeypatch, batch_events):
    """The workers parse batch k+1 while the analysis writes batch k's tables (on two cores the
    writing otherwise leaves both workers idle)."""
    from tonlage import DEFAULT_CORPUS_DIR

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 2)
    pipeline.analyse_folder(DEFAULT_CORPUS_DIR, workers=1)
    assert batch_events == [("parse", 2), ("parse", 2), ("write", 2), ("parse", 1), ("write", 2), ("write", 1)]


def test_each_text_has_one_key_on_disk_in_memory_and_in_every_process(constructed, monkeypatch):
    """The text's key (TEXT_KEY) is written beside each sentence: one key per text, the same
    from the store on disk, a table in memory and another Python process (its string hashes
    are salted differently), so that copies of a sentence are told apart without their text."""
    import io
    import subprocess
    import sys

    import pyarrow.parquet as pq

    from tonlage.storage.sentence_store import TEXT_KEY, text_keys

    disk = _analyse(constructed, 5, monkeypatch).sentence_store
    memory = SentenceStore(disk.to_pandas())
    a, b = disk.frame(["text", TEXT_KEY]), memory.frame(["text", TEXT_KEY])
    pd.testing.assert_frame_equal(a, b)
    assert a[TEXT_KEY].dtype == np.uint64 and a[TEXT_KEY].nunique() == a["text"].nunique() > 10
    assert (a.groupby("text")[TEXT_KEY].nunique() == 1).all()
    assert TEXT_KEY not in disk.frame().columns  # not one of the analysis's own columns
    code = "import sys; from tonlage.storage.sentence_store import text_keys; print(text_keys(sys.argv[1:]).tolist())"
    texts = list(a["text"].iloc[:3])
    other = subprocess.run([sys.executable, "-c", code, *texts], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == str(text_keys(texts).tolist())

    # A store written before the key: from the text where it is read, else a key of its own.
    def without_key(table):
        sink = io.BytesIO()
        pq.write_table(table.drop_columns([TEXT_KEY]), sink)
        return sink.getvalue()

    parts = list(disk.arrow_parts())
    assert len(parts) > 2
    old = SentenceStore.from_parts([without_key(t) for t in parts], len(disk), disk.columns)
    pd.testing.assert_frame_equal(old.frame(["text", TEXT_KEY]), a)
    alone = old.frame([TEXT_KEY])[TEXT_KEY]
    assert len(alone) == len(a) and alone.is_unique
    # Kept parts of an older analysis beside new ones (an add after the upgrade), in either order.
    for first_new in (True, False):

        def part(i, t, first_new=first_new):
            sink = io.BytesIO()
            pq.write_table(t, sink)
            return sink.getvalue() if (i % 2 == 0) == first_new else without_key(t)

        mixed = SentenceStore.from_parts([part(i, t) for i, t in enumerate(parts)], len(disk), disk.columns)
        pd.testing.assert_frame_equal(mixed.frame(["text", TEXT_KEY]), a)
        keys = mixed.frame(["article_id", TEXT_KEY], scored=True)[TEXT_KEY]
        assert keys.is_unique or first_new  # without the text, the old parts' keys are their own
        assert len(keys) == len(disk.frame(["article_id"], scored=True))
        # read without the text, a new part's keys are its own stored ones whichever part comes
        # first (the store reads with its own schema, not the first part's)
        stored = mixed.frame([TEXT_KEY])[TEXT_KEY].to_numpy()
        at, new_rows = 0, np.zeros(len(stored), dtype=bool)
        for i, t in enumerate(parts):
            new_rows[at : at + t.num_rows] = (i % 2 == 0) == first_new
            at += t.num_rows
        assert new_rows.any() and (stored[new_rows] == a[TEXT_KEY].to_numpy()[new_rows]).all()
        assert (stored[~new_rows] >= np.uint64(1 << 63)).all()


def test_a_patched_store_reads_as_if_its_parts_held_the_patch(constructed, monkeypatch):
    """A store on disk with a few rows patched (sentences set by hand) answers every read as a
    store whose parts were written with those rows changed: some columns, some articles, the
    scored ones, by reference, one article, pickled."""
    from tonlage.storage.sentence_store import UNCORRECTED

    disk = _analyse(constructed, 4, monkeypatch).sentence_store
    whole = disk.to_pandas()
    scored = whole.index[whole["tone"].notna()]
    at = [scored[0], scored[len(scored) // 2], scored[-1]]  # in different parts
    patch = whole.loc[at, ["article_id", "sent_idx"]].assign(
        tone=[0.5, -0.5, 0.0], tone_label=["positive", "negative", "neutral"], corrected="sentence"
    )
    columns = [*disk.columns, *UNCORRECTED]
    patched = disk.patched(patch.assign(tone_before=whole.loc[at, "tone"].to_numpy()), columns)
    assert [p.samefile(q) for p, q in zip(disk.part_files(), patched.part_files())] == [True] * len(disk.part_files())

    expected = whole.assign(tone_before=whole["tone"], scorer_tone=whole["tone"], scorer_label=whole["tone_label"])
    expected["corrected"] = ""
    for col in ("tone", "tone_label", "corrected"):
        expected.loc[at, col] = patch[col].to_numpy()
    expected = expected[columns]
    memory = SentenceStore(expected)
    ids = sorted(set(whole.loc[at, "article_id"]))[:2]
    for kw in ({}, {"article_ids": ids}, {"scored": True}, {"article_ids": ids, "scored": True}):
        for cols in (["tone", "corrected"], ["article_id", "tone_label", "tone_before", "text"], None):
            a, b = patched.frame(cols, **kw), memory.frame(cols, **kw)
            pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=f"{cols} {kw}")
    assert (patched.frame(["corrected"])["corrected"] == "sentence").sum() == 3
    refs = list(zip(whole.loc[at, "article_id"], whole.loc[at, "sent_idx"]))
    pd.testing.assert_frame_equal(
        patched.by_ref(refs, ["tone", "tone_label"]), memory.by_ref(refs, ["tone", "tone_label"]), check_dtype=False
    )
    one = refs[1][0]
    pd.testing.assert_frame_equal(patched.of_article(one), memory.of_article(one), check_dtype=False)
    back = pickle.loads(pickle.dumps(patched))
    pd.testing.assert_frame_equal(back.frame(["tone", "corrected"]), patched.frame(["tone", "corrected"]))
    with pytest.raises(ValueError):
        patched.patched(patch, columns)


def test_the_articles_with_a_text_are_found_where_the_keys_are_stored(constructed, monkeypatch):
    from tonlage.storage.sentence_store import TEXT_KEY

    disk = _analyse(constructed, 4, monkeypatch).sentence_store
    memory = SentenceStore(disk.to_pandas())
    rows = disk.frame(["article_id", TEXT_KEY])
    keys = rows[TEXT_KEY].to_numpy()[[0, len(rows) - 1]]
    expected = sorted(set(rows.loc[rows[TEXT_KEY].isin(keys), "article_id"]))
    assert len(expected) == 2
    assert disk.articles_with_texts(keys) == memory.articles_with_texts(keys) == expected
    assert disk.articles_with_texts([]) == [] and disk.articles_with_texts([12345]) == []


def test_the_articles_of_the_sentences_read_as_runs_are_the_article_column(constructed, monkeypatch):
    """frame_by_article: the same rows as frame(), and its runs of article ids, repeated by their
    lengths, are frame()'s article column; on disk one run per article (they are kept together),
    in memory and patched (read through frame()) one run per sentence."""
    disk = _analyse(constructed, 4, monkeypatch).sentence_store
    whole = disk.to_pandas()
    scored = whole.index[whole["tone"].notna()]
    from tonlage.storage.sentence_store import UNCORRECTED

    at = scored[:2]
    patch = whole.loc[at, ["article_id", "sent_idx"]].assign(
        tone=[0.5, -0.5], tone_label=["positive", "negative"], corrected="sentence", tone_before=whole.loc[at, "tone"]
    )
    stores = {
        "disk": disk,
        "memory": SentenceStore(whole),
        "patched": disk.patched(patch, [*disk.columns, *UNCORRECTED]),
    }
    for name, store in stores.items():
        for kw in ({}, {"scored": True}):
            got, ids, lengths = store.frame_by_article(["sent_idx", "tone"], **kw)
            want = store.frame(["article_id", "sent_idx", "tone"], **kw)
            pd.testing.assert_frame_equal(got, want[["sent_idx", "tone"]], obj=f"{name} {kw}")
            assert np.repeat(ids.to_numpy(dtype=object), lengths).tolist() == want["article_id"].tolist()
            if name == "disk":
                assert len(ids) == want["article_id"].nunique() < len(want)
    assert (
        stores["patched"].frame_by_article(["tone"])[0]["tone"].tolist()
        == stores["patched"].frame(["tone"])["tone"].tolist()
    )


@pytest.mark.parametrize("named", ["table rows", "in order"])
def test_articles_are_read_from_the_row_groups_that_hold_them_whatever_order_their_ids_are_in(named, monkeypatch):
    """A table's rows ("liste-r2" … "liste-r10" …) are kept in row order, which is not the
    order of their ids as text: a read by article then finds them through where each article's
    sentences are, where ids in order leave it to the dataset's filter. Both give what the same
    table in memory gives (parts of several row groups, an article across a row group's end
    and a part's)."""
    from tonlage.storage import sentence_store
    from tonlage.storage.sentence_store import SentenceWriter

    monkeypatch.setattr(sentence_store, "ROW_GROUP_ROWS", 4)
    rng = np.random.default_rng(0)
    if named == "table rows":
        ids = [f"liste-r{n}" for n in range(2, 40)]  # r10 … r39 sort before r2 … r9 as text
    else:
        ids = [f"a{n:03d}" for n in range(38)]
    rows = [(a, i) for a in ids for i in range(int(rng.integers(1, 7)))]
    table = pd.DataFrame(
        {
            "article_id": [a for a, _ in rows],
            "sent_idx": [i for _, i in rows],
            "text": [f"Satz {i} von {a}." for a, i in rows],
            "tone": [np.nan if k % 5 == 0 else float(rng.uniform(-1, 1)) for k in range(len(rows))],
            "tone_label": ["neutral"] * len(rows),
        }
    )
    writer = SentenceWriter(list(table.columns))
    for part in np.array_split(np.arange(len(table)), 3):  # three parts, ends inside articles
        writer.write(table.iloc[part].reset_index(drop=True))
    disk, memory = writer.close(), SentenceStore(table)
    assert sum(f.metadata.num_row_groups for f in map(_parquet, disk.part_files())) > 10
    assert disk._ids_in_order() == (named == "in order")
    wanted = [ids[17], ids[0], ids[-1], "liste-r999", ids[9], ids[9]]  # out of order, one unknown, one twice
    for scored in (False, True):
        for cols in (["article_id", "sent_idx", "tone"], ["text", "tone_label"], None):
            for asked in (wanted, [ids[5]], [], ids):
                a = disk.frame(cols, article_ids=asked, scored=scored)
                b = memory.frame(cols, article_ids=asked, scored=scored)
                pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=f"{cols} {asked} {scored}")
    split = table["article_id"].iloc[len(table) // 3]  # the article the first part ends in
    pd.testing.assert_frame_equal(disk.of_article(split), memory.of_article(split), check_dtype=False)


def _parquet(path):
    import pyarrow.parquet as pq

    return pq.ParquetFile(path)


def test_coded_columns_are_the_scored_sentences_columns(constructed, monkeypatch):
    """coded(): each column's codes into its distinct values give the column frame(scored=True)
    reads (explanations as the same translatable messages; a correction's column filled where a
    part lacks it); a column the store lacks is left out; a store in memory or patched gives
    None (read through frame())."""
    from tonlage.storage.sentence_store import UNCORRECTED, SentenceWriter

    disk = _analyse(constructed, 4, monkeypatch).sentence_store
    assert len(disk.part_files()) > 1
    coded = disk.coded(["tone_label", "evidence", "corrected", "text"])
    assert list(coded) == ["tone_label", "evidence", "text"]  # no corrections: no such column
    want = disk.frame(["tone_label", "evidence", "text"], scored=True)
    for name, (codes, values) in coded.items():
        assert codes.dtype == np.int32 and len(values) == len(set(want[name].astype(str)))
        got = values.iloc[codes].reset_index(drop=True)
        if name == "evidence":  # the same messages, not only the same English text
            _same_sentences(got.to_frame(), want[[name]])
        else:
            pd.testing.assert_series_equal(got, want[name])

    # parts written before and after a correction: the first lacks its columns
    whole = disk.to_pandas()
    half = len(whole) // 2
    plain, corrected = whole.iloc[:half], whole.iloc[half:].reset_index(drop=True)
    corrected = corrected.assign(
        corrected=np.where(np.arange(len(corrected)) % 3 == 0, "sentence", ""),
        scorer_label=np.where(np.arange(len(corrected)) % 2 == 0, "positive", corrected["tone_label"]),
    )
    parts = []
    for frame in (plain, corrected):
        writer = SentenceWriter(list(frame.columns))
        writer.write(frame.reset_index(drop=True))
        written = writer.close()  # (its folder goes with it)
        parts.append(written.part_files()[0].read_bytes())
    columns = [*whole.columns, "corrected", "scorer_label"]
    mixed = SentenceStore.from_parts(parts, len(whole), columns)
    coded = mixed.coded(["corrected", "scorer_label"])
    want = mixed.frame(["corrected", "scorer_label"], scored=True)
    assert set(want["corrected"]) == {"", "sentence"} and UNCORRECTED["scorer_label"] == "tone_label"
    for name, (codes, values) in coded.items():
        pd.testing.assert_series_equal(values.iloc[codes].reset_index(drop=True), want[name])

    assert SentenceStore(whole).coded(["tone_label"]) is None
    patch = whole.loc[[0], ["article_id", "sent_idx"]].assign(tone=0.5, tone_label="positive", corrected="sentence")
    assert (
        disk.patched(patch.assign(tone_before=whole["tone"].iloc[0]), [*disk.columns, *UNCORRECTED]).coded(
            ["tone_label"]
        )
        is None
    )


def test_the_latest_articles_sentences_from_the_index_are_the_stores(constructed, monkeypatch):
    """The Tone page's latest articles' sentences taken from what the corpus index keeps
    (CorpusIndex.scored_sentences) are the frame read from the store for the same articles,
    also with a reader's corrections laid over (sentences set by hand; a word list's new
    explanations); where a correction changes which sentences are scored, the index leaves
    them to the store."""
    from tonlage.corpus_index import CorpusIndex
    from tonlage.present import views
    from tonlage.storage.sentence_store import UNCORRECTED

    corpus = _analyse(constructed, 4, monkeypatch)
    index = CorpusIndex(corpus)
    assert index.kept_labels() is None  # not made until asked for (a reader's filter never waits)
    assert index.sentences_from_disk()  # read from the parts until then: worth reading ahead
    assert index.scored_sentences(np.ones(len(corpus.articles), bool)) is None
    assert index.scored_labels is not None and index.kept_labels() is index.scored_labels
    assert not index.sentences_from_disk()  # taken from memory now
    in_memory = copy.copy(corpus)
    in_memory.sentence_store = SentenceStore(corpus.sentence_store.to_pandas())
    assert not CorpusIndex(in_memory).sentences_from_disk()  # a store in memory is read there
    n = len(corpus.articles)
    rng = np.random.default_rng(3)
    for mask in (np.ones(n, bool), rng.random(n) < 0.5, np.eye(1, n, n - 1, dtype=bool)[0], np.zeros(n, bool)):
        for k in (1, 3, 30):
            a = views.latest_articles(corpus, mask, k, index)
            got = views.latest_sentences(corpus, a, index)
            pd.testing.assert_frame_equal(got, views.latest_sentences(corpus, a))
            _same_sentences(got[["evidence"]], views.latest_sentences(corpus, a)[["evidence"]])
            assert len(got) or not mask.any()

    whole = corpus.sentence_store.to_pandas()
    at = whole.index[whole["tone"].notna()][:2]
    patch = whole.loc[at, ["article_id", "sent_idx"]].assign(
        tone=[0.5, -0.5], tone_label=["positive", "negative"], corrected="sentence", tone_before=whole.loc[at, "tone"]
    )
    # a word list scores sentences again: new explanations, no correction mark
    again = whole.index[whole["tone"].notna()][[3, -1]]
    relisted = whole.loc[again, ["article_id", "sent_idx"]].assign(
        tone=[0.25, -0.75],
        tone_label=["neutral", "negative"],
        corrected="",
        tone_before=whole.loc[again, "tone"],
        evidence=[Message("Krise −0.80 (word list)"), "Erfolg +0.56"],
    )

    def corrected_by(rows: pd.DataFrame):
        out = copy.copy(corpus)
        out.sentence_store = corpus.sentence_store.patched(rows, [*corpus.sentence_store.columns, *UNCORRECTED])
        return out

    for rows in (patch, pd.concat([patch, relisted], ignore_index=True)):
        corrected = corrected_by(rows)
        index = CorpusIndex(corrected)
        assert index.scored_labels is not None  # the parts' codes, the corrections laid over
        assert not index.sentences_from_disk()
        for mask in (np.ones(n, bool), rng.random(n) < 0.5):
            a = views.latest_articles(corrected, mask, 30, index)
            got = views.latest_sentences(corrected, a, index)
            want = views.latest_sentences(corrected, a)  # the store's rows, the patch laid over
            pd.testing.assert_frame_equal(got, want)
            _same_sentences(got[["evidence"]], want[["evidence"]])
        every = views.latest_sentences(corrected, views.latest_articles(corrected, np.ones(n, bool), n, index), index)
        assert (every["corrected"] == "sentence").sum() == 2  # the word list marks none
        assert set(every["tone_label"]) >= {"positive", "negative"}
        if "evidence" in rows:
            assert "Krise −0.80 (word list)" in {str(e) for e in every["evidence"]}

    # a sentence scored before and not now: the scored sentences are not the parts' any more
    unscored = patch.assign(tone=[np.nan, 0.5], tone_label=["not scored", "positive"])
    corrected = corrected_by(unscored)
    index = CorpusIndex(corrected)
    assert index.scored_labels is None and index.sentences_from_disk()
    a = views.latest_articles(corrected, np.ones(n, bool), 30, index)
    pd.testing.assert_frame_equal(views.latest_sentences(corrected, a, index), views.latest_sentences(corrected, a))


def test_sentences_by_reference_from_the_index_are_the_stores(constructed, monkeypatch):
    """CorpusIndex.sentences_by_ref gives what the corpus reads from the store: in the order
    asked, a column the store lacks left out, a sentence asked twice twice. Where one asked for
    is not a scored sentence (the index keeps only those; here an unknown article and a number
    past an article's end) they are read from the store, which leaves them out."""
    from tonlage.corpus_index import CorpusIndex

    corpus = _analyse(constructed, 4, monkeypatch)
    index = CorpusIndex(corpus)
    index.scored_labels  # noqa: B018 (made, as the background work makes them)
    whole = corpus.sentence_store.to_pandas()
    scored = whole[whole["tone"].notna()]
    refs = list(zip(scored["article_id"], scored["sent_idx"]))
    asked = [refs[-1], refs[0], refs[len(refs) // 2], refs[0]]
    calls = []
    read = corpus.sentences_by_ref
    monkeypatch.setattr(corpus, "sentences_by_ref", lambda r, c: calls.append(1) or read(r, c))
    for cols in (["text", "tone"], ["text", "tone_label", "evidence", "corrected"], ["tone"]):
        got = index.sentences_by_ref(asked, cols)
        pd.testing.assert_frame_equal(got, read(asked, cols))
        assert list(zip(got["article_id"], got["sent_idx"])) == asked
        if "evidence" in cols:
            _same_sentences(got[["evidence"]], read(asked, cols)[["evidence"]])
    assert calls == []  # every one from memory
    more = [*asked, ("nobody", 0), (refs[0][0], 999)]
    pd.testing.assert_frame_equal(index.sentences_by_ref(more, ["text"]), read(more, ["text"]))
    assert calls == [1]


def test_coded_columns_are_kept_in_the_analysis_cache_by_the_stores_content(constructed, monkeypatch):
    """A store whose parts are named by their content (one read from the analysis cache) keeps
    coded()'s answer there: the next store of the same parts maps it instead of reading its
    parts, with the same codes and values; a damaged entry is read again."""
    from tonlage.storage import disk_cache
    from tonlage.storage.sentence_store import part_digest

    disk = _analyse(constructed, 4, monkeypatch).sentence_store
    data = [p.read_bytes() for p in disk.part_files()]

    def copy_of_parts() -> SentenceStore:
        return SentenceStore.from_parts(data, len(disk), disk.columns, [part_digest(d) for d in data])

    reads = []
    read = SentenceStore._read_coded
    monkeypatch.setattr(SentenceStore, "_read_coded", lambda self, cols: reads.append(cols) or read(self, cols))
    first, second = copy_of_parts(), copy_of_parts()
    assert first.content_key() == second.content_key() is not None
    made = first.coded(["tone_label", "evidence"])
    kept = second.coded(["tone_label", "evidence"])
    assert reads == [["tone_label", "evidence"]]  # the second store read no part
    want = disk.frame(["tone_label", "evidence"], scored=True)
    for name in ("tone_label", "evidence"):
        assert (made[name][0] == kept[name][0]).all() and not kept[name][0].flags.writeable
    got = pd.DataFrame({name: kept[name][1].iloc[kept[name][0]].reset_index(drop=True) for name in kept})
    _same_sentences(got, want)
    # other columns are kept apart
    assert list(second.coded(["tone_label"])) == ["tone_label"] and len(reads) == 2
    # a damaged entry: read again
    name = f"coded-{SentenceStore.CODED_FORMAT}-{first.content_key()}-tone_label"
    disk_cache.keep_bytes(f"{name}/codes", b"not a table")
    assert (copy_of_parts().coded(["tone_label"])["tone_label"][0] == made["tone_label"][0]).all()
    assert len(reads) == 3
    # a store with a reader's corrections laid over its parts holds what they hold: the same
    # key, the kept codes mapped under the patch (which the corpus index lays over them)
    whole = disk.to_pandas()
    patch = whole.loc[[0], ["article_id", "sent_idx"]].assign(tone=0.5, tone_label="positive", tone_before=0.0)
    patched = copy_of_parts().patched(patch, disk.columns)
    assert patched.content_key() == first.content_key()
    assert patched.coded(["tone_label", "evidence"]) is None  # not by default: frame() lays the patch over
    under = patched.coded(["tone_label", "evidence"], under_patch=True)
    assert len(reads) == 3 and (under["tone_label"][0] == made["tone_label"][0]).all()
