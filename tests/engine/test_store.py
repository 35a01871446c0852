"""Analyses kept on disk: hits skip the analysis, bad cache files never hurt."""

import pandas as pd
import pytest

import tonlage.analysis.pipeline
from tonlage import inputs
from tonlage.storage import disk_cache, store

TEXT = "Die Gespräche in Genf brachten keinen Erfolg. Beide Seiten sprachen von einer Krise. " * 3


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT.replace("Genf", "Wien"), encoding="utf-8")
    return folder


def count_analyses(monkeypatch):
    calls = []
    real = tonlage.analysis.pipeline.analyse_folder

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(tonlage.analysis.pipeline, "analyse_folder", counting)
    return calls


PARTS = ("sentence-part:", "text-part:")


def analyses(cache) -> list[str]:
    """The analyses in the cache (each sentence part and part of texts is an entry of its own)."""
    return [k for k in cache.iterkeys() if not str(k).startswith(PARTS)]


def test_second_call_is_served_from_disk(corpus, monkeypatch):
    calls = count_analyses(monkeypatch)
    first = store.cached_analysis(corpus)
    second = store.cached_analysis(corpus)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first.sentences, second.sentences)
    assert len(analyses(store._open_cache())) == 1


def test_changed_content_or_settings_are_new_analyses(corpus, monkeypatch):
    calls = count_analyses(monkeypatch)
    store.cached_analysis(corpus)
    store.cached_analysis(corpus, n_themes=1)
    (corpus / "a.txt").write_text(TEXT + "Noch ein Satz dazu.", encoding="utf-8")
    store.cached_analysis(corpus)
    assert len(calls) == 3


def test_another_theme_matrix_budget_is_a_new_analysis(corpus, monkeypatch):
    # The budget decides whether the themes are fitted exactly or in partitions: an analysis
    # kept under one budget is not shown under another; the default keeps the keys as they were.
    calls = count_analyses(monkeypatch)
    exact = store.cached_analysis(corpus)
    monkeypatch.setenv("TONLAGE_THEME_MATRIX_MB", "0")
    parts = store.cached_analysis(corpus)
    assert store.cached_analysis(corpus) is not None and len(calls) == 2
    assert (exact.params["theme_method"], parts.params["theme_method"]) == ("exact", "partitions")
    monkeypatch.setenv("TONLAGE_THEME_MATRIX_MB", "1024")
    assert store.cached_analysis(corpus).params["theme_method"] == "exact" and len(calls) == 2


def test_corrupt_cache_file_is_recomputed(corpus, monkeypatch):
    import sqlite3

    store.cached_analysis(corpus)
    # diskcache keeps small values in its index (large ones in files): damage the stored bytes
    with sqlite3.connect(store.cache_dir() / "cache.db") as con:
        sql = "UPDATE Cache SET value = ?, filename = NULL WHERE key NOT LIKE 'sentence-part:%' AND key NOT LIKE 'text-part:%'"
        assert con.execute(sql, (b"not a pickle",)).rowcount == 1
    calls = count_analyses(monkeypatch)
    result = store.cached_analysis(corpus)
    assert len(calls) == 1 and len(result.articles) == 2


def test_a_cut_off_cache_file_is_recomputed(corpus, monkeypatch):
    store.cached_analysis(corpus)
    import sqlite3

    with sqlite3.connect(store.cache_dir() / "cache.db") as con:  # the analysis, pickled in a file
        [(name,)] = con.execute(
            "SELECT filename FROM Cache WHERE key NOT LIKE 'sentence-part:%' AND key NOT LIKE 'text-part:%'"
        ).fetchall()
    entry = store.cache_dir() / name
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    calls = count_analyses(monkeypatch)
    result = store.cached_analysis(corpus)
    assert len(calls) == 1 and len(result.articles) == 2


def test_the_analysis_is_pickled_into_the_cache_as_it_is_written(corpus, monkeypatch):
    """Never into one bytes object first: at 100,000 articles that was 553 MB more at the moment
    the analysis is largest."""

    def whole(*args, **kwargs):
        raise AssertionError("pickled into one bytes object")

    monkeypatch.setattr(store.pickle, "dumps", whole)
    first = store.cached_analysis(corpus)
    assert len(analyses(store._open_cache())) == 1
    calls = count_analyses(monkeypatch)
    pd.testing.assert_frame_equal(store.cached_analysis(corpus).articles, first.articles)
    assert calls == []


def test_a_value_that_fails_to_pickle_leaves_no_entry(corpus):
    class Unpicklable:
        def __reduce__(self):
            raise TypeError("not today")

    cache = store._open_cache()
    with pytest.raises(TypeError, match="not today"):
        store._put(cache, "k", [b"x" * (3 << 20), Unpicklable()])  # fails after 3 MB were written
    assert "k" not in cache and len(cache) == 0


def test_unwritable_cache_still_analyses(corpus, monkeypatch, tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(blocker / "cache"))
    assert len(store.cached_analysis(corpus).articles) == 2


def test_the_cache_keeps_the_most_recently_used_within_its_size(corpus, monkeypatch):
    cache = store._open_cache()
    assert (cache.size_limit, cache.eviction_policy) == (store.CACHE_BYTES, "least-recently-used")
    monkeypatch.setattr(disk_cache, "CACHE_BYTES", 1)  # nothing fits: every entry is culled at once
    for k in (1, 2):
        assert len(store.cached_analysis(corpus, n_themes=k).articles) == 2  # and the analysis still comes
    assert len(analyses(store._open_cache())) <= 1


def test_default_location_is_outside_the_repo(monkeypatch, tmp_path):
    monkeypatch.delenv("TONLAGE_CACHE_DIR", raising=False)
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    assert store.cache_dir() == tmp_path / "data" / "cache"
    monkeypatch.delenv("TONLAGE_DATA_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert store.cache_dir() == tmp_path / "xdg" / "tonlage"


def test_folder_signature_sees_added_and_changed_files(corpus):
    before = inputs.folder_signature(corpus)
    assert inputs.folder_signature(corpus) == before
    (corpus / "c.txt").write_text(TEXT, encoding="utf-8")
    added = inputs.folder_signature(corpus)
    assert added != before
    (corpus / "c.txt").write_text(TEXT + " Mehr.", encoding="utf-8")
    assert inputs.folder_signature(corpus) != added


def test_relative_and_absolute_paths_share_one_analysis(corpus, monkeypatch):
    (corpus / "events.csv").write_text("date,label,description\n2025-01-01,X,\n", encoding="utf-8")
    calls = count_analyses(monkeypatch)
    monkeypatch.chdir(corpus.parent)
    store.cached_analysis("corpus")
    store.cached_analysis(corpus.resolve(), events_file=corpus / "events.csv")
    assert len(calls) == 1


def test_sentence_parts_are_entries_of_their_own_written_once(corpus, monkeypatch):
    """Each Parquet part of the sentences is kept under its content's name: an analysis whose parts
    the cache has already (a workspace's kept batches after an add) writes none of them again."""
    first = store.cached_analysis(corpus)
    cache = store._open_cache()
    parts = [k for k in cache.iterkeys() if k.startswith("sentence-part:")]
    assert parts and len(parts) == len(first.sentence_store.part_files())
    written: list[str] = []
    real_set = type(cache).set

    def counting(self, key, *args, **kwargs):
        written.append(key)
        return real_set(self, key, *args, **kwargs)

    monkeypatch.setattr(type(cache), "set", counting)
    store._put(cache, "again", first)
    assert written == ["again"]
    back = store._read(cache.get("again", read=True), cache)
    pd.testing.assert_frame_equal(back.sentences, first.sentences)


def test_an_entry_whose_part_is_gone_is_analysed_afresh_and_an_old_entry_still_reads(corpus, monkeypatch):
    import io
    import pickle

    first = store.cached_analysis(corpus)
    cache = store._open_cache()
    # An entry written before parts were entries of their own (the parts' bytes inside) still reads.
    cache.set("old", io.BytesIO(pickle.dumps(first, protocol=pickle.HIGHEST_PROTOCOL)), read=True)
    pd.testing.assert_frame_equal(store._read(cache.get("old", read=True), cache).sentences, first.sentences)
    for key in [k for k in cache.iterkeys() if k.startswith("sentence-part:")]:
        cache.delete(key)  # evicted
    calls = count_analyses(monkeypatch)
    again = store.cached_analysis(corpus)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(again.sentences, first.sentences)


class Day:
    """What ``date.today()`` says in the store and the pipeline: set ``now`` to move the clock."""

    def __init__(self, now):
        self.now = now

    def install(self, monkeypatch, *others):
        """In the store, the pipeline and ``others`` (modules that import ``date`` too)."""
        from datetime import date as real

        clock = self

        class FakeDate(real):
            @classmethod
            def today(cls):
                return clock.now

        for module in (store, tonlage.analysis.pipeline, *others):
            monkeypatch.setattr(module, "date", FakeDate)
        return self


def test_an_analysis_holds_on_later_days_until_a_future_date_it_set_aside_comes(corpus, monkeypatch):
    # Keyed by the day, every corpus was analysed again by the first reader after midnight.
    from datetime import date

    day = Day(date(2026, 1, 10)).install(monkeypatch)
    (corpus / "c.txt").write_text(TEXT + "Der nächste Gipfel ist für den 3. März 2027 geplant.", encoding="utf-8")
    calls = count_analyses(monkeypatch)
    first = store.cached_analysis(corpus)
    assert (first.params["dates_as_of"], first.params["dates_valid_before"]) == ("2026-01-10", "2027-03-03")
    day.now = date(2027, 3, 2)
    assert store.cached_analysis(corpus).params["dates_as_of"] == "2026-01-10" and len(calls) == 1
    day.now = date(2027, 3, 3)  # the summit's day has come: the text may now be dated by it
    again = store.cached_analysis(corpus)
    assert len(calls) == 2 and again.params["dates_as_of"] == "2027-03-03"
    assert again.params["dates_valid_before"] is None  # no date it weighs is in the future any more
    note = again.articles.set_index("article_id").loc["c", "date_note"]
    assert "2027-03-03" in str(note) and "2027-03-03" not in str(
        first.articles.set_index("article_id").loc["c", "date_note"]
    )
    # kept under the same key: the next day reads it back
    day.now = date(2027, 3, 4)
    assert store.cached_analysis(corpus).params["dates_as_of"] == "2027-03-03" and len(calls) == 2


def test_an_analysis_from_a_later_day_than_today_is_made_again(corpus, monkeypatch):
    # The clock went back: a date then plausible may be in the future now.
    from datetime import date

    day = Day(date(2026, 5, 1)).install(monkeypatch)
    calls = count_analyses(monkeypatch)
    store.cached_analysis(corpus)
    day.now = date(2026, 4, 30)
    assert store.cached_analysis(corpus).params["dates_as_of"] == "2026-04-30" and len(calls) == 2


@pytest.mark.parametrize(
    "params,today,valid",
    [
        ({}, "2030-01-01", True),  # dates fixed before the analysis (a workspace's)
        ({"dates_as_of": "2026-01-10", "dates_valid_before": None}, "2031-01-01", True),
        ({"dates_as_of": "2026-01-10", "dates_valid_before": "2026-02-01"}, "2026-01-31", True),
        ({"dates_as_of": "2026-01-10", "dates_valid_before": "2026-02-01"}, "2026-02-01", False),
        ({"dates_as_of": "2026-01-10", "dates_valid_before": None}, "2026-01-09", False),
    ],
)
def test_still_valid(params, today, valid):
    from datetime import date

    assert store.still_valid(params, date.fromisoformat(today)) is valid


def test_a_store_read_back_links_the_cache_s_parts_and_outlives_them(corpus):
    """Opening an analysis links the cache's files of its sentence parts instead of copying them
    (148 MB at 101,000 articles); the store still reads when the cache lets go of them."""
    import os

    first = store.cached_analysis(corpus)
    cache = store._open_cache()
    (key,) = analyses(cache)
    back = store._read(cache.get(key, read=True), cache)
    parts = back.sentence_store.part_files()
    assert parts
    for path in parts:
        with cache.get("sentence-part:" + back.sentence_store.digest_of(path), read=True) as f:
            assert os.path.samefile(path, f.name)
    for k in [k for k in cache.iterkeys() if str(k).startswith("sentence-part:")]:
        cache.delete(k)
    pd.testing.assert_frame_equal(back.sentences, first.sentences)


def test_a_kept_table_reads_back_with_its_types_and_a_damaged_one_is_none():
    from tonlage.storage.disk_cache import keep_bytes, keep_frame, kept_frame

    table = pd.DataFrame(
        {
            "article_id": pd.Categorical.from_codes([1, 0, 1], categories=pd.Index(["a", "b"], dtype="str")),
            "sent_idx": pd.Series([3, 1, 2], dtype="int32"),
            "title": pd.Series(["Ä", "b", ""], dtype="str"),
            "tone": [0.5, float("nan"), -1.0],
        }
    )
    keep_frame("test-table", table)
    pd.testing.assert_frame_equal(kept_frame("test-table"), table)
    assert kept_frame("test-nothing") is None
    keep_bytes("test-damaged", b"not a table")
    assert kept_frame("test-damaged") is None


def test_a_derived_table_is_named_by_each_thing_it_was_made_from_apart():
    name = store.derived_name("check-queue", 1, "ab", "c")
    assert name.startswith("check-queue:") and name == store.derived_name("check-queue", 1, "ab", "c")
    assert name != store.derived_name("check-queue", 1, "a", "bc")  # the parts are marked off
    assert name != store.derived_name("check-queue", 2, "ab", "c")
    assert name != store.derived_name("named-people", 1, "ab", "c")
    assert store.derived_name("k", b"\x00\xff") != store.derived_name("k", b"\x00\xfe")
