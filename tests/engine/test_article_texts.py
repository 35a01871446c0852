"""The articles' texts are kept apart from the article table, in parts named by their texts'
digests: the cache keeps each part once, and an add to a workspace makes and writes only the
parts its new articles fall into."""

from __future__ import annotations

import io
import pickle
import sys
from datetime import date
from pathlib import Path

import diskcache
import pandas as pd
import pytest

from tonlage.analysis import text_parts
from tonlage.corpus import StoredArticle, text_digest
from tonlage.ingest import Document
from tonlage.ingest.run import ingest
from tonlage.model import ARTICLE_COLUMNS
from tonlage.storage import article_texts, store
from tonlage.storage.article_texts import ArticleTexts, TextPart, part_key, text_array
from tonlage.storage.store import cached_workspace_analysis
from tonlage.storage.workspace import Workspace

TODAY = date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[2]
VALUES = ["ein langer Text " * 50, "", "Grüße, „Zitat“", None, "😀 Emoji", None, "letzter"]


def test_text_array_holds_the_texts_as_pandas_would():
    got = pd.Series(text_array(VALUES), dtype=pd.Series(["x"]).dtype)
    pd.testing.assert_series_equal(got, pd.Series(VALUES))
    assert len(text_array([])) == 0
    # Bytes are taken as UTF-8; bytes that are not UTF-8 read with replacement characters.
    assert text_array([b"Gr\xc3\xbc\xc3\x9fe", "x"]).to_pylist() == ["Grüße", "x"]
    assert text_array([b"Gr\xfc\xdfe", b"ok"]).to_pylist() == ["Gr\ufffd\ufffde", "ok"]


def test_text_array_leaves_no_utf8_copy_in_the_texts():
    """pyarrow, given strings, keeps a UTF-8 copy inside each (~280 MB at 100,000 articles)."""
    values = [f"Gespräch „{i}“ " * 200 for i in range(3)]
    sizes = [sys.getsizeof(v) for v in values]
    text_array(values)
    assert [sys.getsizeof(v) for v in values] == sizes


def test_texts_by_article_across_parts(monkeypatch):
    monkeypatch.setattr(article_texts, "TEXT_PART_ROWS", 3)
    ids = [f"a{i}" for i in range(len(VALUES))]
    texts = ArticleTexts.of(ids, VALUES)
    assert [len(p) for p in texts.parts] == [3, 3, 1]
    assert [texts.get(a) for a in ids] == [v or "" for v in VALUES]
    assert texts.get("nope") == "" and texts.get("nope", "-") == "-"
    assert texts.texts(["a6", "a0"]) == ["letzter", VALUES[0]]
    assert "a2" in texts and "b" not in texts and len(texts) == 7
    # A part's name is its texts' digests: the same texts, the same name; another text, another.
    digests = [text_digest((v or "").encode()) for v in VALUES[:3]]
    assert texts.parts[0].key == part_key(digests)
    assert ArticleTexts.of(ids, ["x", *VALUES[1:]]).parts[0].key != texts.parts[0].key
    back = pickle.loads(pickle.dumps(texts))
    assert [back.get(a) for a in ids] == [texts.get(a) for a in ids]
    with pytest.raises(ValueError, match="2 texts for 3 articles"):
        ArticleTexts(["a", "b", "c"], [TextPart("k", text_array(["x", "y"]))])


def test_the_article_table_has_no_text_column_and_the_corpus_has_the_texts(analysed_bundled):
    a = analysed_bundled.articles
    assert tuple(a.columns) == ARTICLE_COLUMNS and "text" not in a
    assert len(analysed_bundled.texts) == len(a)
    for row in analysed_bundled.sentences.sample(20, random_state=2).itertuples():
        assert analysed_bundled.texts.get(row.article_id)[row.start : row.end] == row.text


def test_a_table_given_with_its_texts_and_an_old_cached_analysis_still_read(analysed_bundled):
    """A corpus made by hand with a text column, and an analysis cached before the texts were
    kept apart (its table with the texts, no ``texts``), give the texts by article."""
    c = analysed_bundled
    ids = c.articles["article_id"].tolist()
    table = c.articles.assign(text=c.texts.texts(ids))
    made = type(c)(
        table, c.sentence_store, c.themes, c.article_themes, c.mentions, c.actor_articles, c.events, c.skipped
    )
    assert "text" not in made.articles and made.texts.texts(ids) == c.texts.texts(ids)
    old = pickle.loads(pickle.dumps(made))
    del old.texts
    old.articles = table
    state = old.__dict__
    back = type(c).__new__(type(c))
    back.__setstate__(state)
    assert "text" not in back.articles and back.texts.texts(ids) == c.texts.texts(ids)


def _docs(n: int, start: int = 0) -> list[Document]:
    out = []
    for i in range(start, start + n):
        body = (
            f"Meldung {i} | Autorin A. {1 + i % 28:02d}.09.2025.\n\n"
            f"Die Verhandlungen in Runde {i} brachten keinen Durchbruch. "
            f"Beobachter sprachen von einem schwierigen Treffen Nummer {i}."
        )
        out.append(Document(f"t{i:03d}.txt", body.encode()))
    return out


def test_an_add_makes_and_writes_only_the_parts_its_articles_fall_into(tmp_path, monkeypatch):
    """12 articles in parts of 4, then 2 more: the first two parts are taken from the cache as
    they are (their texts not read), the third is made again and a fourth is new; the texts are
    those of a fresh analysis."""
    monkeypatch.setattr(text_parts, "TEXT_PART_ROWS", 4)
    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    ws = Workspace("w", root=tmp_path / "data")
    ingest(ws, _docs(10), today=TODAY)
    first = cached_workspace_analysis(ws)
    cache = diskcache.Cache(str(tmp_path / "cache"))
    before = {k for k in cache.iterkeys() if k.startswith("text-part:")}
    assert len(before) == 3 == len(first.texts.parts)

    written: list[str] = []
    real_set = diskcache.Cache.set
    monkeypatch.setattr(
        diskcache.Cache, "set", lambda self, key, *a, **kw: written.append(key) or real_set(self, key, *a, **kw)
    )
    read: list[str] = []
    real_utf8 = StoredArticle.utf8
    monkeypatch.setattr(StoredArticle, "utf8", lambda self: read.append(self.article_id) or real_utf8(self))
    reads: list[str] = []
    real_texts = Workspace.stored_texts
    monkeypatch.setattr(Workspace, "stored_texts", lambda self, ids: real_texts(self, reads.extend(ids) or reads))
    ingest(ws, _docs(4, start=10), today=TODAY)
    read.clear()
    after = cached_workspace_analysis(ws)
    # Read from the workspace: the new texts, and those of the part made again; not the others.
    assert set(reads) == {f"t{i:03d}" for i in range(8, 14)}
    parts = [k for k in written if k.startswith("text-part:")]
    assert len(parts) == 2 and not set(parts) & before  # the third part again, and a fourth
    assert not {f"t{i:03d}" for i in range(8)} & set(read)  # the kept parts' texts: not read
    monkeypatch.undo()
    ids = after.articles["article_id"].tolist()
    fresh = cached_workspace_analysis(ws, use_cache=False)
    assert after.texts.texts(ids) == fresh.texts.texts(ids) and len(ids) == 14
    # Read back from the cache: the same texts, its parts taken from their entries.
    again = cached_workspace_analysis(ws)
    assert again.texts.texts(ids) == fresh.texts.texts(ids)


def test_an_entry_whose_text_part_is_gone_is_analysed_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    ws = Workspace("w", root=tmp_path / "data")
    ingest(ws, _docs(5), today=TODAY)
    first = cached_workspace_analysis(ws)
    cache = diskcache.Cache(str(tmp_path / "cache"))
    [key] = [k for k in cache.iterkeys() if k.startswith("text-part:")]
    cache.set(key, io.BytesIO(b"not Arrow"), read=True)  # damaged: not used, made again
    again = cached_workspace_analysis(ws)
    ids = first.articles["article_id"].tolist()
    assert again.texts.texts(ids) == first.texts.texts(ids)
    assert store._text_part(cache, key.split(":", 1)[1]) is not None  # written again, readable


def test_a_part_kept_as_a_file_is_mapped_not_read(tmp_path, monkeypatch):
    """A part in a file of its own is memory-mapped (its file's pages, not the process's
    memory), and the texts are the same."""
    import pyarrow as pa

    cache = diskcache.Cache(str(tmp_path / "c"), disk_min_file_size=0)  # every entry a file
    texts = ArticleTexts.of(["a", "b", "c"], ["Erster Text " * 500, "zweiter", None])
    store._put(cache, "entry", texts)
    [key] = [k for k in cache.iterkeys() if k.startswith("text-part:")]
    mapped: list[str] = []
    real_map = pa.memory_map
    monkeypatch.setattr(pa, "memory_map", lambda path, *a: mapped.append(path) or real_map(path, *a))
    before = pa.total_allocated_bytes()
    part = store._text_part(cache, key.split(":", 1)[1])
    assert pa.total_allocated_bytes() == before and len(mapped) == 1 and mapped[0].startswith(str(tmp_path))
    assert part is not None and part.array.to_pylist() == ["Erster Text " * 500, "zweiter", None]
    back = store._read(cache.get("entry", read=True), cache)
    assert back.texts(["c", "a", "b"]) == ["", "Erster Text " * 500, "zweiter"]


def test_articles_read_without_their_texts_read_them_when_used(tmp_path, monkeypatch):
    from tonlage.storage.workspace import WorkspaceError

    ws = Workspace("w", root=tmp_path / "data")
    ingest(ws, _docs(3), today=TODAY)
    full = {a.article_id: a.text for a in ws.raw_articles()}
    lazy = ws.raw_articles(texts=False)
    assert all(a.unread() for a in lazy) and [a.article_id for a in lazy] == list(full)
    reads: list[str] = []
    real = Workspace.stored_texts
    monkeypatch.setattr(Workspace, "stored_texts", lambda self, ids: real(self, reads.extend(ids) or reads[-1:]))
    assert all(a.digest() for a in lazy) and reads == []  # the digests are stored: nothing read
    first, second, third = lazy
    assert first.text == full[first.article_id] and reads == [first.article_id] and not first.unread()
    second.fill(full[second.article_id].encode())  # given: not read
    assert second.text == full[second.article_id] and reads == [first.article_id]
    with ws._connect() as con:  # the workspace changed since it was read
        sql = "UPDATE articles SET text = 'anders', text_digest = ? WHERE article_id = ?"
        con.execute(sql, (text_digest(b"anders"), third.article_id))
    with pytest.raises(WorkspaceError, match="changed while it was analysed"):
        third.utf8()


def test_the_article_theme_table_is_pickled_as_its_matrix_and_read_back_the_same(analysed_bundled):
    """A row for every article and theme: pickled as the ids and the matrix of shares (at
    100,000 articles 21 MB instead of 78 MB, written at every add); any other table as it is."""
    from tonlage.model import _pack_shares

    c = analysed_bundled
    table = c.articles.assign(text=c.texts.texts(c.articles["article_id"]))
    whole = type(c)(
        table, c.sentence_store, c.themes, c.article_themes, c.mentions, c.actor_articles, c.events, c.skipped
    )
    assert _pack_shares(c.article_themes) is not None
    back = pickle.loads(pickle.dumps(whole))
    pd.testing.assert_frame_equal(back.article_themes, c.article_themes)
    plain = pickle.dumps(c.article_themes)
    assert len(pickle.dumps(_pack_shares(c.article_themes))) < len(plain) / 2
    for other in (
        c.article_themes.iloc[1:].reset_index(drop=True),  # an article without one theme
        c.article_themes.sort_values(["theme_id", "article_id"]),  # another order
        c.article_themes.iloc[::-1].reset_index(drop=True),
        c.article_themes.assign(article_id=c.article_themes["article_id"].astype(object)),
    ):
        assert _pack_shares(other) is None
        edited = type(c)(table, c.sentence_store, c.themes, other, c.mentions, c.actor_articles, c.events, c.skipped)
        pd.testing.assert_frame_equal(pickle.loads(pickle.dumps(edited)).article_themes, other)
