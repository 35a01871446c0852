"""A workspace re-analyses only what changed: per-article results are kept, themes are kept below
the refit threshold and fitted again above it or when asked, exactly as a fresh analysis."""

from __future__ import annotations

import json
import random
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd
import pytest

from tonlage import duplicates
from tonlage.analysis import incremental, parallel, per_article, pipeline
from tonlage.ingest import Document
from tonlage.ingest.run import ingest, load_folder, reread_document
from tonlage.storage.store import cached_workspace_analysis
from tonlage.storage.workspace import Workspace
from tonlage.text import split_sentences

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
TABLES = ("articles", "sentences", "themes", "article_themes", "mentions", "actor_articles")


def _articles(n: int, seed: int) -> list[Document]:
    """``n`` articles of ten to fourteen sentences drawn (seeded) from the bundled corpus."""
    pool = []
    for art in load_folder(ROOT / "data" / "corpus").articles:
        pool += [art.text[s:e] for s, e in split_sentences(art.text) if len(art.text[s:e].split()) >= 5]
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        sents = rng.sample(pool, rng.randint(10, 14))
        body = "\n\n".join(" ".join(sents[j : j + 4]) for j in range(0, len(sents), 4))
        head = f"Meldung {seed}-{i} | Autorin A. {1 + i % 28:02d}.09.2025.\n\n"
        docs.append(Document(f"s{seed}-{i:03d}.txt", (head + body).encode()))
    return docs


BASE = _articles(40, seed=1)


@pytest.fixture
def root(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def counted(monkeypatch):
    """The per-article function, counting the texts it analyses."""
    seen: list[str] = []
    real = per_article.parse_article

    def parse(raw):
        seen.append(raw.article_id)
        return real(raw)

    monkeypatch.setattr(per_article, "parse_article", parse)
    return seen


def _workspace(root, name: str = "w") -> Workspace:
    ws = Workspace(name, root=root)
    ingest(ws, BASE, today=TODAY)
    return ws


def _analyse(ws):
    return cached_workspace_analysis(ws)


def _texts(result) -> list[str]:
    """The analysis's article texts, in the article table's order."""
    return result.texts.texts(result.articles["article_id"])


def _fresh(ws):
    """What a from-scratch analysis of the workspace gives."""
    return pipeline.analyse_articles(ws.raw_articles(), fingerprint=ws.fingerprint(), workers=1)


def _same(a, b) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def _same_but_themes(a, b) -> None:
    for name in ("sentences", "mentions", "actor_articles"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)
    themed = [c for c in a.articles.columns if "theme" in c]
    pd.testing.assert_frame_equal(a.articles.drop(columns=themed), b.articles.drop(columns=themed))


def _rows(table: pd.DataFrame, ids) -> pd.DataFrame:
    return table[table["article_id"].isin(set(ids))].reset_index(drop=True)


def test_adding_three_articles_analyses_only_those_three(root, counted):
    ws = _workspace(root)
    before = _analyse(ws)
    assert len(counted) == 40
    counted.clear()
    ingest(ws, _articles(3, seed=2), today=TODAY)
    after = _analyse(ws)
    assert sorted(counted) == ["s2-000", "s2-001", "s2-002"]
    assert len(after.articles) == 43
    old = set(before.articles["article_id"])
    # The unchanged articles' results are the ones stored, to the last column.
    pd.testing.assert_frame_equal(_rows(after.sentences, old), _rows(before.sentences, old))
    pd.testing.assert_frame_equal(_rows(after.mentions, old), _rows(before.mentions, old))
    pd.testing.assert_frame_equal(_rows(after.articles, old), _rows(before.articles, old))


def test_theme_labels_are_kept_below_the_threshold(root):
    ws = _workspace(root)
    before = _analyse(ws)
    ingest(ws, _articles(3, seed=2), today=TODAY)
    after = _analyse(ws)
    assert list(after.themes["label"]) == list(before.themes["label"])
    assert list(after.themes["terms"]) == list(before.themes["terms"])
    old = set(before.articles["article_id"])
    pd.testing.assert_frame_equal(_rows(after.article_themes, old), _rows(before.article_themes, old))
    # The new articles have shares of the kept themes, and the reader is told how much is new.
    note = after.params["theme_fit"]
    assert (note["n_fitted"], note["n_added"], note["refitted"]) == (40, 3, "")
    assert 0 < note["added_share"] < note["threshold"]
    new = _rows(after.article_themes, {"s2-000", "s2-001", "s2-002"})
    assert len(new) == 3 * len(after.themes)
    assert new.groupby("article_id")["share"].sum().round(6).isin([0.0, 1.0]).all()
    assert (new["share"] > 0).any()


def test_the_same_adds_give_the_same_result(root):
    results = []
    for name in ("one", "two"):
        ws = _workspace(root, name)
        _analyse(ws)
        ingest(ws, _articles(3, seed=2), today=TODAY)
        _analyse(ws)
        ingest(ws, _articles(2, seed=3), today=TODAY)
        results.append(_analyse(ws))
    assert [r.params["theme_fit"]["n_added"] for r in results] == [5, 5]  # themes kept throughout
    _same(*results)


def test_themes_are_refitted_above_the_threshold_exactly_as_afresh(root, counted):
    ws = _workspace(root)
    before = _analyse(ws)
    counted.clear()
    ingest(ws, _articles(15, seed=4), today=TODAY)  # over a fifth of the words
    after = _analyse(ws)
    assert len(counted) == 15
    assert after.params["theme_fit"]["refitted"] == "threshold"
    assert after.params["theme_fit"]["n_fitted"] == 55
    _same(after, _fresh(ws))
    assert list(after.themes["label"]) != list(before.themes["label"])


def test_themes_are_refitted_when_asked(root, counted):
    from tonlage.analysis.incremental import request_refit

    ws = _workspace(root)
    _analyse(ws)
    ingest(ws, _articles(3, seed=2), today=TODAY)
    kept = _analyse(ws)
    assert kept.params["theme_fit"]["refitted"] == ""
    counted.clear()
    request_refit(ws)
    refitted = _analyse(ws)
    assert counted == []  # nothing is analysed again for it
    assert refitted.params["theme_fit"]["refitted"] == "asked"
    assert refitted.params["theme_fit"]["n_added"] == 0
    _same(refitted, _fresh(ws))


def test_kept_themes_that_cannot_be_read_are_fitted_afresh(root, counted, caplog):
    """A kept fit that no longer unpickles (a damaged row, or classes of an older engine that
    moved) costs a refit, never the analysis: the themes come out as a fresh analysis's."""
    ws = _workspace(root)
    _analyse(ws)
    with ws.transaction(bump=False) as con:
        assert con.execute("UPDATE theme_fits SET data = ?", (b"not a pickle",)).rowcount >= 1
    counted.clear()
    ingest(ws, _articles(3, seed=2), today=TODAY)
    after = _analyse(ws)
    assert len(counted) == 3  # the kept articles are still read back, not analysed again
    assert after.params["theme_fit"]["n_fitted"] == 43
    assert "could not be read" in caplog.text
    _same(after, _fresh(ws))


def test_a_removed_article_is_gone_everywhere(root, counted):
    ws = _workspace(root)
    _analyse(ws)
    counted.clear()
    ws.remove(["s1-007"])
    after = _analyse(ws)
    assert counted == []
    for name in ("articles", "sentences", "article_themes", "mentions", "actor_articles"):
        assert "s1-007" not in set(getattr(after, name)["article_id"]), name
    with ws._connect(write=False) as con:
        assert con.execute("SELECT COUNT(*) FROM kept_results").fetchone()[0] == 39
        assert not con.execute("SELECT 1 FROM theme_rows WHERE article_id='s1-007'").fetchall()


def test_an_edit_analyses_only_the_edited_article(root, counted):
    ws = _workspace(root)
    note = "Der Minister sprach von einem konstruktiven Austausch und blieb dennoch sehr vorsichtig."
    text = "Die Gespräche in Anchorage endeten ohne Einigung, ein Waffenstillstand blieb aus."
    ingest(ws, [Document("liste.csv", f"Titel;Text;Notiz\nEins;{text};{note}\n".encode())], today=TODAY)
    before = _analyse(ws)
    counted.clear()
    ws.edit("s1-003", title="Ein neuer Titel")  # no text changed: nothing to analyse again
    after = _analyse(ws)
    assert counted == []
    assert after.articles.set_index("article_id").loc["s1-003", "title"] == "Ein neuer Titel"
    # The table read again with the note as its text: that one article's text changes.
    [doc] = [d for d in ws.documents() if d.name == "liste.csv"]
    reread_document(ws, doc.doc_id, {"text": "Notiz", "title": "Titel"}, today=TODAY)
    again = _analyse(ws)
    [aid] = counted
    assert again.texts.get(aid) == note
    old = set(before.articles["article_id"]) - {aid}
    pd.testing.assert_frame_equal(_rows(again.sentences, old), _rows(before.sentences, old))


def test_a_workspace_that_cannot_be_written_is_still_analysed(root, monkeypatch):
    from tonlage.storage.workspace import WorkspaceReadOnly

    ws = _workspace(root)

    def refuse(self, **kwargs):
        raise WorkspaceReadOnly("read-only")

    monkeypatch.setattr(Workspace, "transaction", refuse)
    result = _analyse(ws)  # nothing kept, nothing lost
    assert len(result.articles) == 40 and result.params["theme_fit"]["refitted"] == "first"
    monkeypatch.undo()
    with ws._connect(write=False) as con:
        assert not con.execute("SELECT 1 FROM sqlite_master WHERE name='parsed'").fetchone()


def test_a_text_that_gets_a_recurring_line_back_is_analysed_again(root, counted, monkeypatch):
    furniture = "Redaktion Südost im Ressort Außenpolitik"
    bodies = [" ".join(s.split(". ")[0] for s in doc.data.decode().split("\n\n")[1:4]) for doc in BASE[:5]]
    docs = [
        Document(f"m{i}.txt", f"Meldung {i} | Eva Muster. 2{i}.09.2025.\n\n{body}.\n\n{furniture}".encode())
        for i, body in enumerate(bodies[:3])
    ] + [Document(f"m{i}.txt", f"Meldung {i} | Eva Muster. 2{i}.09.2025.\n\n{bodies[i]}.".encode()) for i in (3, 4)]
    from tonlage.reading import furniture

    lined: list[str] = []  # texts whose lines were gone over for the recurring lines
    real = furniture.recurring_lines_of
    monkeypatch.setattr(furniture, "recurring_lines_of", lambda text: lined.append(text) or real(text))
    ws = Workspace("w", root=root)
    ingest(ws, docs, today=TODAY)
    before = _analyse(ws)
    assert not any("Redaktion Südost" in t for t in _texts(before))  # furniture of 3 of 5
    assert len(lined) == 5
    counted.clear()
    lined.clear()
    monkeypatch.setattr(per_article, "_WORKER", {})  # a fresh process: nothing set up yet
    ws.remove(["m0"])  # two left with the line: no longer furniture, so their texts change
    after = _analyse(ws)
    assert sorted(counted) == ["m1", "m2"]
    assert sum("Redaktion Südost" in t for t in _texts(after)) == 2
    assert lined == []  # what each text gives the recurring lines is kept
    with ws._connect(write=False) as con:
        assert con.execute("SELECT COUNT(*) FROM recurring").fetchone()[0] == 4  # m0's row is gone
    _same_but_themes(after, _fresh(ws))


def test_the_command_line_says_how_old_the_themes_are_and_refits_them(capsys):
    from tonlage.cli import main

    ws = Workspace("Themen auf der Kommandozeile")
    ingest(ws, BASE, today=TODAY)
    assert main(["analyse", "--workspace", ws.name, "--format", "csv"]) == 0
    ingest(ws, _articles(3, seed=2), today=TODAY)
    capsys.readouterr()
    assert main(["analyse", "--workspace", ws.name, "--format", "csv"]) == 0
    assert "note: themes fitted on 40 articles; 3 added or changed since" in capsys.readouterr().err
    assert main(["analyse", "--workspace", ws.name, "--format", "csv", "--refit-themes"]) == 0
    assert "note: themes fitted on 43 articles; 0 added or changed since" in capsys.readouterr().err


def test_unchanged_batches_are_taken_whole_and_a_changed_one_is_rebuilt(root, counted, monkeypatch):
    """An add reads back none of the kept articles: the batches they were analysed in are taken
    as they are, and their duplicate sketches are kept. A removal rebuilds only its own batch,
    from the articles' kept results."""
    from tonlage.analysis.incremental import KeptResults

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 7)
    read: list[str] = []
    real_read = KeptResults._read

    def reading(self, keys):
        read.extend(keys)
        return real_read(self, keys)

    monkeypatch.setattr(KeptResults, "_read", reading)
    ws = _workspace(root)
    _analyse(ws)
    with ws._connect(write=False) as con:
        assert con.execute("SELECT COUNT(*) FROM kept_batch_rows").fetchone()[0] == 6  # 5 x 7 + 5
    counted.clear()
    ingest(ws, _articles(3, seed=2), today=TODAY)
    normalised: list[str] = []
    real = duplicates.normalise_for_matching
    monkeypatch.setattr(duplicates, "normalise_for_matching", lambda t: normalised.append(t) or real(t))
    added = _analyse(ws)
    assert (sorted(counted), read) == (["s2-000", "s2-001", "s2-002"], [])
    assert len(normalised) == 3  # the duplicate search sketches only the new texts
    _same_but_themes(added, _fresh(ws))  # the themes are kept, so they are not a fresh fit's
    counted.clear()
    ws.remove(["s1-009"])  # in the second batch (s1-007 … s1-013)
    removed = _analyse(ws)
    assert counted == [] and len(read) == 6
    _same_but_themes(removed, _fresh(ws))
    with ws._connect(write=False) as con:
        members = [m for (data,) in con.execute("SELECT members FROM kept_batch_rows") for m in json.loads(data)]
    assert len(members) == 42 and "s1-009" not in {aid for aid, _ in members}  # the old batch is gone


def test_the_plan_parses_each_text_once_and_keeps_for_later_only_what_a_later_batch_reads():
    from tonlage.analysis.incremental.results import _plan

    keys = ["a", "b", "a", "c", "d", "e", "b", "f"]  # a and b come twice; c … e are a kept batch
    steps, todos, later = _plan(keys, {3: (9, 3)}, stored={"f"}, size=2)
    assert steps == [(0, 2, None), (2, 3, None), (3, 6, 9), (6, 8, None)]
    assert todos == [{"a": 0, "b": 1}, {}, {}, {}]  # f is stored; a and b are parsed once
    assert later == {"a", "b"}


def test_a_workspace_hands_the_next_batch_to_the_workers_before_writing_this_one(root, monkeypatch, batch_events):
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 16)
    _analyse(_workspace(root))  # 40 articles: 16, 16, 8
    assert batch_events == [("parse", 16), ("parse", 16), ("write", 16), ("parse", 8), ("write", 16), ("write", 8)]


def test_kept_batches_unpack_theme_features_only_for_articles_the_themes_read(root, monkeypatch):
    """A kept batch's theme features are packed apart: an add that keeps the themes unpacks none
    of them, a later add none either (the articles the kept themes placed are read back), and a
    refit all of them, with the same shares and the same fit as a fresh analysis."""
    from tonlage.analysis import incremental
    from tonlage.analysis.incremental import themes

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 7)
    unpacked: list[int] = []  # the articles of each feature pack unpacked
    real = themes.unpack

    def unpack(data):
        value = real(data)
        if isinstance(value, list):
            unpacked.append(len(value))
        return value

    monkeypatch.setattr(themes, "unpack", unpack)
    ws = _workspace(root)
    _analyse(ws)
    ingest(ws, _articles(3, seed=2), today=TODAY)
    first = _analyse(ws)
    assert first.params["theme_fit"]["refitted"] == "" and unpacked == []
    ingest(ws, _articles(3, seed=3), today=TODAY)
    second = _analyse(ws)
    assert second.params["theme_fit"]["n_added"] == 6
    # The first add's articles, placed by the kept themes then, are read back: their batch stays packed.
    assert unpacked == []
    new = ["s2-000", "s2-001", "s2-002"]
    shares = [_rows(r.article_themes, new).sort_values(["article_id", "theme_id"]) for r in (first, second)]
    assert shares[0]["share"].sum() > 0
    pd.testing.assert_frame_equal(shares[0].reset_index(drop=True), shares[1].reset_index(drop=True))
    unpacked.clear()
    incremental.request_refit(ws)
    refitted = _analyse(ws)
    assert sorted(unpacked) == [3, 3, 5, 7, 7, 7, 7, 7]  # every kept batch
    _same(refitted, _fresh(ws))


def test_an_add_that_keeps_the_themes_does_not_import_scikit_learn(root):
    """Importing scikit-learn took 0.6-0.9 s of every analysis's start; an add that keeps the
    themes fits nothing, so a fresh process making it never imports it."""
    import os
    import subprocess
    import sys

    ws = _workspace(root)
    _analyse(ws)
    ingest(ws, _articles(3, seed=2), today=TODAY)
    child = (
        "import sys\n"
        "from tonlage.storage.store import cached_workspace_analysis\n"
        "from pathlib import Path\n"
        "from tonlage.storage.workspace import Workspace\n"
        f"r = cached_workspace_analysis(Workspace('w', root=Path({str(root)!r}), create=False))\n"
        "print(r.params['theme_fit']['refitted'] or 'kept', r.params['articles_analysed'], 'sklearn' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", child], cwd=ROOT, env=dict(os.environ), capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["kept", "3", "False"]


def test_an_add_reads_no_kept_text_and_keeps_every_text_in_the_table(root, monkeypatch):
    """An add decodes only the new texts (at 100,000 articles, decoding, encoding again and
    hashing every stored text took about 1.5 s of an add); the article table still has every
    text, as a fresh analysis gives it."""
    from tonlage.corpus import StoredArticle

    ws = _workspace(root)
    _analyse(ws)
    ingest(ws, _articles(3, seed=2), today=TODAY)
    read: set[str] = set()
    real = StoredArticle.text

    def text(self):
        read.add(self.article_id)
        return real.fget(self)

    monkeypatch.setattr(StoredArticle, "text", property(text, real.fset))
    after = _analyse(ws)
    assert read == {"s2-000", "s2-001", "s2-002"}
    monkeypatch.undo()
    fresh = _fresh(ws)
    assert _texts(after) == _texts(fresh)


def test_a_workspace_keeps_each_texts_digest_and_rows_stored_without_one_still_match(root, counted):
    """The digest stored with each article is the one of its text; rows stored before digests
    were kept (an older workspace) get theirs from the text and re-analyse nothing."""
    import sqlite3

    from tonlage.analysis.incremental import analyse_workspace
    from tonlage.corpus import text_digest

    ws = _workspace(root)
    before = analyse_workspace(ws)
    with sqlite3.connect(ws.path) as con:
        rows = con.execute("SELECT text, text_digest FROM articles").fetchall()
        assert rows and all(d == text_digest(t.encode()) for t, d in rows)
        con.execute("UPDATE articles SET text_digest=''")
    counted.clear()
    again = analyse_workspace(ws)
    assert counted == [] and again.params["articles_analysed"] == 0
    _same(again, before)


def test_themes_fitted_in_partitions_are_kept_and_said_so_after_an_add(root, monkeypatch):
    # Over the matrix budget a workspace's themes are fitted in partitions, exactly as a fresh
    # analysis fits them; an add below the threshold keeps them, and the analysis still says how
    # they were fitted.
    monkeypatch.setenv("TONLAGE_THEME_MATRIX_MB", "0")
    ws = _workspace(root)
    before = _analyse(ws)
    assert before.params["theme_method"] == "partitions" and before.params["theme_parts"] == 1
    _same(before, _fresh(ws))
    ingest(ws, _articles(3, seed=2), today=TODAY)
    after = _analyse(ws)
    assert after.params["theme_fit"]["n_added"] == 3  # kept, not refitted
    assert after.params["theme_method"] == "partitions"
    assert list(after.themes["label"]) == list(before.themes["label"])
    new = _rows(after.article_themes, {"s2-000", "s2-001", "s2-002"})
    assert new.groupby("article_id")["share"].sum().round(5).isin([0.0, 1.0]).all()


def test_the_analysis_lets_go_of_the_stored_texts_and_reads_them_back_checked(root, monkeypatch):
    """After the duplicates the main process holds no stored text (at 100,000 articles, about
    300 MB at the analysis's largest moments); the table reads them back, checked against their
    digests: a workspace changed under the analysis is said plainly, never shown wrong."""
    from tonlage.analysis.incremental import analyse_workspace
    from tonlage.corpus import StoredArticle
    from tonlage.storage.workspace import WorkspaceError

    ws = _workspace(root)
    released = []
    real = StoredArticle.release

    def release(self, **kwargs):
        released.append((kwargs, real(self, **kwargs)))
        return released[-1][1]

    monkeypatch.setattr(StoredArticle, "release", release)
    reads: list[list[str]] = []  # the ids of each read of stored texts
    real_texts = Workspace.stored_texts

    def counted(self, ids):
        reads.append(list(ids))
        return real_texts(self, reads[-1])

    monkeypatch.setattr(Workspace, "stored_texts", counted)
    result = analyse_workspace(ws)
    # A first analysis reads every text at once and decodes it (for the sentences); each is let
    # go, and read back for the table.
    everyone = sorted(a.article_id for a in ws.raw_articles())
    assert released == [({"decoded_only": True}, True)] * 40
    assert sorted(reads[0]) == everyone and sorted(i for r in reads[1:] for i in r) == everyone
    assert _texts(result) == _texts(_fresh(ws))
    # An add reads at once only its new texts. Here there is no cache to keep the parts of
    # texts (tonlage.storage.article_texts): the table reads the others back, a part at a time.
    released.clear(), reads.clear()
    ingest(ws, _articles(2, seed=4), today=TODAY)
    result = analyse_workspace(ws)
    assert sorted(reads[0]) == ["s4-000", "s4-001"]
    assert sorted(i for r in reads[1:] for i in r) == sorted(a.article_id for a in ws.raw_articles())
    assert released == [({"decoded_only": True}, True)] * 42  # the new ones decoded, the others unread
    assert _texts(result) == _texts(_fresh(ws))

    def changed(self, ids):
        return {aid: (utf8 + b" Neu.", "") for aid, (utf8, _) in real_texts(self, ids).items()}

    monkeypatch.setattr(Workspace, "stored_texts", changed)
    ingest(ws, _articles(1, seed=3), today=TODAY)
    with pytest.raises(WorkspaceError, match="changed while it was analysed"):
        analyse_workspace(ws)


def _dup_columns(result) -> pd.DataFrame:
    cols = ["article_id", "duplicate_of", "duplicate_kind", "n_copies"]
    return result.articles[cols].sort_values("article_id").reset_index(drop=True)


def _full_searches(monkeypatch) -> list[int]:
    """The sizes of the full duplicate searches a workspace's analysis runs from now on (those
    that keep the sketches made; a from-scratch analysis, _fresh, searches the sketches of its
    batches, DuplicateSketches, keeping none: not counted)."""
    full: list[int] = []
    real = duplicates.find_duplicates

    def counted(texts, **kw):
        if kw.get("sketches") is not None:
            full.append(len(texts))
        return real(texts, **kw)

    monkeypatch.setattr(duplicates, "find_duplicates", counted)
    return full


def _copies(base: list[Document], seed: int) -> list[Document]:
    """Exact copies (another header, same body) and near copies (a sentence added) of ``base``."""
    rng = random.Random(seed)
    docs = []
    for k, doc in enumerate(rng.sample(base, 4)):
        body = doc.data.decode().split("\n\n", 1)[1]
        extra = "" if k % 2 else "\n\nDie Redaktion hat diesen Bericht am Abend noch einmal ergänzt und aktualisiert."
        head = f"Kopie {seed}-{k} | Agentur {1 + k:02d}.08.2025.\n\n"
        docs.append(Document(f"c{seed}-{k:03d}.txt", (head + body + extra).encode()))
    return docs


def test_adds_removals_and_date_edits_keep_the_duplicate_groups_of_a_fresh_analysis(root, monkeypatch):
    """The duplicate search of an add works from the kept index (find_duplicates is not run over
    the corpus) and gives the groups of a fresh analysis: copies added, a representative
    removed, a date edited so that another copy comes first."""
    ws = _workspace(root)
    ingest(ws, _copies(BASE, seed=3), today=TODAY)
    kinds = _analyse(ws).articles["duplicate_kind"]
    assert (kinds == "exact").sum() == 2 and (kinds == "near").sum() == 2
    full = _full_searches(monkeypatch)
    shown: list[str] = []
    steps = [
        lambda: ingest(ws, [*_articles(3, seed=2), *_copies(BASE, seed=4)], today=TODAY),
        lambda: ws.remove(["c3-000", "s1-005"]),
        lambda: ws.edit("c4-001", date="2026-01-02"),
        lambda: ws.edit("c4-001", date=""),
    ]
    for step in steps:
        step()
        got = _dup_columns(_analyse(ws))
        pd.testing.assert_frame_equal(got, _dup_columns(_fresh(ws)))
        shown.append(got.set_index("article_id").loc["c4-001", "duplicate_of"])
    # the copy (dated before its original) is the representative until its date is edited to a later one
    assert shown[0] == "" and shown[2] != "" and shown[3] == ""
    assert full == []  # (the search of _fresh's batches is not counted)
    with ws._connect(write=False) as con:
        parts = [r[0] for r in con.execute("SELECT part FROM duplicate_index ORDER BY part")]
    assert parts == [0, 1, 2]  # the rest, the first analysis's band keys, the add's (the others add none)


def test_a_workspace_kept_before_the_duplicate_index_searches_afresh_once(root, monkeypatch):
    """An older workspace (sketches, no index) gets its index from the next analysis's full
    search, with the kept sketches read back; the add after that uses the index."""
    ws = _workspace(root)
    ingest(ws, _copies(BASE, seed=3), today=TODAY)
    _analyse(ws)
    with ws._connect(write=True) as con:
        con.execute("DROP TABLE duplicate_index")
    full = _full_searches(monkeypatch)
    normalised: list[str] = []
    real_norm = duplicates.normalise_for_matching
    monkeypatch.setattr(duplicates, "normalise_for_matching", lambda t: normalised.append(t) or real_norm(t))
    ingest(ws, _copies(BASE, seed=4), today=TODAY)
    upgraded = _analyse(ws)
    assert full == [48] and 1 <= len(normalised) <= 4  # all texts searched, only new texts sketched
    with ws._connect(write=False) as con:
        assert con.execute("SELECT COUNT(*) FROM duplicate_index").fetchone()[0] == 2
    pd.testing.assert_frame_equal(_dup_columns(upgraded), _dup_columns(_fresh(ws)))
    ingest(ws, _articles(2, seed=5), today=TODAY)
    added = _analyse(ws)
    assert full == [48]
    pd.testing.assert_frame_equal(_dup_columns(added), _dup_columns(_fresh(ws)))


def test_an_index_whose_sketches_are_gone_falls_back_to_the_full_search(root, monkeypatch):
    """A kept signature the index needs that cannot be read back (a damaged file) costs a full
    search, never a wrong group."""
    ws = _workspace(root)
    _analyse(ws)
    with ws._connect(write=True) as con:
        con.execute("DELETE FROM sketches")
    full = _full_searches(monkeypatch)
    ingest(ws, _copies(BASE, seed=3), today=TODAY)  # near copies: their originals' signatures are asked for
    got = _analyse(ws)
    assert full == [44]
    pd.testing.assert_frame_equal(_dup_columns(got), _dup_columns(_fresh(ws)))
    assert (got.articles["duplicate_kind"] == "near").sum() == 2


def test_recurring_lines_read_back_are_those_of_the_text(root):
    """What each text gives the recurring lines, read back from the workspace, is what
    recurring_lines_of gives (keys case-folded however folding changes a line's length)."""
    from tonlage.analysis.incremental import KeptResults
    from tonlage.reading.furniture import recurring_lines_of

    lines = ["STRASSENFEST in der Straße", "ΟΔΥΣΣΕΑΣ und Σίσυφος", "İstanbul  ﬁnanziert", "Ǆemal ǅ ǆ", "x"]
    docs = [
        Document(f"r{i}.txt", f"Meldung {i} | Eva Muster. 2{i}.09.2025.\n\n{line}\n\n{BASE[i].data.decode()}".encode())
        for i, line in enumerate(lines)
    ]
    ws = Workspace("w", root=root)
    ingest(ws, docs, today=TODAY)
    raws = ws.raw_articles()
    made = KeptResults(ws, engine="e", scope="s").recurring_lines(raws)
    back = KeptResults(ws, engine="e", scope="s").recurring_lines(ws.raw_articles())
    assert made == back == [recurring_lines_of(a.text) for a in raws]
    assert any(len(key) != len(line) for _, got in back for key, line in got)  # ß, İ, ﬁ


def test_articles_the_kept_themes_placed_are_read_back_not_placed_again(root, monkeypatch):
    """An article added since the fit is placed by the kept themes once: a later add reads its
    shares back (the same as placing it again); a removed article's row goes, and a refit
    drops them all."""
    from tonlage.analysis.incremental import analyse_workspace, request_refit
    from tonlage.storage.store import ANALYSIS_FORMAT
    from tonlage.themes.model import ThemeModel

    placed: list[int] = []  # articles placed by each call
    real = ThemeModel.transform
    monkeypatch.setattr(ThemeModel, "transform", lambda self, docs: placed.append(len(docs)) or real(self, docs))

    def rows(ws) -> set[str]:
        with ws._connect(write=False) as con:
            return {r[0] for r in con.execute("SELECT article_id FROM theme_placed")}

    ws = _workspace(root)
    _analyse(ws)
    ingest(ws, _articles(3, seed=2), today=TODAY)
    _analyse(ws)
    assert placed == [3]
    ingest(ws, _articles(2, seed=3), today=TODAY)
    second = _analyse(ws)
    assert placed == [3, 2] and second.params["theme_fit"]["n_added"] == 5
    assert rows(ws) == {"s2-000", "s2-001", "s2-002", "s3-000", "s3-001"}
    with ws.transaction(bump=False) as con:
        con.execute("DELETE FROM theme_placed")
    again = analyse_workspace(ws, analysis_format=ANALYSIS_FORMAT)  # all five placed afresh
    assert placed == [3, 2, 5]
    _same(second, again)
    ws.remove(["s2-001"])
    _analyse(ws)
    assert placed == [3, 2, 5] and rows(ws) == {"s2-000", "s2-002", "s3-000", "s3-001"}
    request_refit(ws)
    assert _analyse(ws).params["theme_fit"]["refitted"] == "asked" and rows(ws) == set()


def test_an_add_finds_its_duplicates_while_the_workers_parse_and_once(root, monkeypatch, batch_events):
    """The duplicate search needs no article's new results: an add runs it when this process
    would first wait for the workers (after handing them the new articles, before taking their
    results back), once, with the groups of a fresh analysis."""
    ws = _workspace(root)
    _analyse(ws)
    ingest(ws, [*_articles(3, seed=2), *_copies(BASE, seed=4)], today=TODAY)
    from tonlage import duplicates as dups_module

    real = dups_module.update_duplicates

    def update(*args, **kwargs):
        batch_events.append(("duplicates", 0))
        return real(*args, **kwargs)

    monkeypatch.setattr(dups_module, "update_duplicates", update)
    batch_events.clear()
    got = _analyse(ws)
    # five new texts (two of the seven articles are exact copies of stored ones), one batch
    assert batch_events == [("parse", 5), ("duplicates", 0), ("write", 7)]
    pd.testing.assert_frame_equal(_dup_columns(got), _dup_columns(_fresh(ws)))


def test_an_add_hands_its_new_texts_over_before_the_recurring_lines_and_parses_a_changed_one_again(
    root, monkeypatch, batch_events
):
    """With worker processes, the workers start on an add's new texts as stored while this
    process learns the recurring lines; a new text that then loses a recurring line is handed
    over again as it is now, and the result is a fresh analysis's."""
    from tonlage.analysis.incremental import analyse_workspace
    from tonlage.reading import furniture as furniture_module

    furniture = "Redaktion Südost im Ressort Außenpolitik"
    bodies = [" ".join(s.split(". ")[0] for s in doc.data.decode().split("\n\n")[1:4]) for doc in BASE[:7]]

    def doc(i: int, with_line: bool) -> Document:
        tail = f"\n\n{furniture}" if with_line else ""
        return Document(f"m{i}.txt", f"Meldung {i} | Eva Muster. 2{i}.09.2025.\n\n{bodies[i]}.{tail}".encode())

    monkeypatch.setattr(parallel, "auto_workers", lambda n: 2)  # worker processes, however few texts
    ws = Workspace("w", root=root)
    ingest(ws, [doc(i, i < 3) for i in range(5)], today=TODAY)
    analyse_workspace(ws)
    real = furniture_module.recurring_lines_of
    monkeypatch.setattr(
        furniture_module, "recurring_lines_of", lambda text: batch_events.append(("lines", 0)) or real(text)
    )
    ingest(ws, [doc(5, True), doc(6, False)], today=TODAY)
    batch_events.clear()
    after = analyse_workspace(ws)
    # both new texts handed over before their recurring lines; m5 again once its line is out
    assert batch_events[:3] == [("parse", 2), ("lines", 0), ("lines", 0)]
    assert batch_events[3:].count(("parse", 1)) == 1 and ("parse", 2) not in batch_events[3:]
    assert not any("Redaktion Südost" in t for t in _texts(after))
    _same_but_themes(after, _fresh(ws))


def test_an_adds_new_texts_go_to_the_workers_before_the_articles_are_read(root, monkeypatch):
    """An add of enough articles for worker processes hands the new texts over before the
    workspace's articles are read (KeptResults.new_texts_early), and gives what handing them
    over once the articles are read gives: the tables of a workspace analysed the same way."""
    from tonlage.analysis.incremental import KeptResults
    from tonlage.analysis.incremental import results as kept_results

    for module in (pipeline, parallel):  # worker processes from four new articles
        monkeypatch.setattr(module, "PARALLEL_FROM", 4)
    monkeypatch.setattr(kept_results, "IDS_PER_QUERY", 4)  # the new texts read in two queries
    handed: list[list[str]] = []
    real = KeptResults.hand_over

    def hand_over(self, early, run):
        handed.append([a.article_id for a in early])
        return real(self, early, run)

    monkeypatch.setattr(KeptResults, "hand_over", hand_over)
    added = _articles(6, seed=3)
    results = []
    for name, early in (("early", True), ("late", False)):
        if not early:  # the same add with the texts handed over once the articles are read
            monkeypatch.setattr(KeptResults, "new_texts_early", lambda self, size: None)
        ws = _workspace(root, name)
        _analyse(ws)
        ws.edit("s1-000", title="Umbenannt")  # an edit read with the articles, not before
        ingest(ws, added, today=TODAY)
        results.append(_analyse(ws))
    assert handed == [[f"s3-{i:03d}" for i in range(6)]]
    _same(*results)
    assert results[0].params["articles_analysed"] == 6
    assert "Umbenannt" in set(results[0].articles["title"])


def test_kept_parts_are_cached_under_their_digest_without_hashing_them_again(root, monkeypatch):
    """A kept batch's Parquet part carries its digest (batch_parts): the analysis cache names it
    by that digest without reading it again, and every part in the cache is named by its bytes."""
    import diskcache

    from tonlage.settings import cache_dir
    from tonlage.storage import sentence_store

    ws = _workspace(root)
    _analyse(ws)
    ingest(ws, _articles(3, seed=2), today=TODAY)
    hashed: list[str] = []
    real = sentence_store.file_digest

    def counting(path):
        hashed.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(sentence_store, "file_digest", counting)
    after = _analyse(ws)
    parts = after.sentence_store.part_files()
    assert len(parts) == 2 and hashed == [parts[1].name]  # only the new batch's part was read
    with diskcache.Cache(str(cache_dir())) as cache:
        names = [k for k in cache.iterkeys() if isinstance(k, str) and k.startswith("sentence-part:")]
        assert len(names) >= 2
        for name in names:
            with cache.get(name, read=True) as f:
                assert sentence_store.part_digest(f.read()) == name.split(":", 1)[1]
    pd.testing.assert_frame_equal(after.sentences, _fresh(ws).sentences)


def test_a_workspace_analysis_is_not_made_again_on_a_later_day(root, counted, monkeypatch):
    # Its articles were dated when they were added: the day the analysis runs changes nothing.
    from datetime import date as real
    from datetime import timedelta

    from tonlage.analysis import incremental
    from tonlage.storage import store

    ws = _workspace(root)
    first = _analyse(ws)
    assert "dates_as_of" not in first.params

    class Tomorrow(real):
        @classmethod
        def today(cls):
            return real.today() + timedelta(days=400)

    monkeypatch.setattr(store, "date", Tomorrow)
    monkeypatch.setattr(incremental, "analyse_workspace", lambda *a, **k: pytest.fail("analysed again"))
    again = _analyse(ws)
    assert again.params["timings"] == first.params["timings"]


def test_an_add_links_the_cached_parts_of_kept_batches_instead_of_writing_them_again(root, tmp_path, monkeypatch):
    """A kept batch's sentence part is taken from the analysis cache's file of it (a hard link
    where the system can), not read from the workspace and written again; a part the cache no
    longer has is read from the workspace. The tables are those of a fresh analysis."""
    import os

    import diskcache
    import diskcache.core

    from tonlage.storage import sentence_store

    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setitem(diskcache.core.DEFAULT_SETTINGS, "disk_min_file_size", 0)  # every part a file
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 15)
    ws = _workspace(root)
    _analyse(ws)
    ingest(ws, _articles(3, seed=2), today=TODAY)
    with ws._connect(write=False) as con:
        kept = dict(con.execute("SELECT id, digest FROM kept_batch_parts"))
    assert len(kept) == 3  # 15 + 15 + 10
    with diskcache.Cache(os.environ["TONLAGE_CACHE_DIR"]) as cache:
        gone = sorted(kept)[1]
        assert cache.delete("sentence-part:" + kept[gone])  # this one is read from the workspace
    after = _analyse(ws)
    parts = after.sentence_store.part_files()
    assert len(parts) == 4
    with diskcache.Cache(os.environ["TONLAGE_CACHE_DIR"]) as cache:
        for path, bid in zip(parts, sorted(kept)):
            with cache.get("sentence-part:" + kept[bid], read=True) as f:
                same_file = os.path.samefile(path, f.name)
            assert same_file == (bid != gone)
            assert sentence_store.part_digest(path.read_bytes()) == kept[bid]
    _same_but_themes(after, _fresh(ws))


# --- a change of the actor list ------------------------------------------------------------------
def _listed(ws, change) -> None:
    """Give the workspace its own actor list: the bundled one as ``change`` leaves its rows."""
    from tonlage.actors import actor_rows, actors_csv, actors_from_rows, read_actors

    actors, problems = actors_from_rows(change(actor_rows(read_actors(ROOT / "data" / "actors.csv"))))
    assert not problems
    ws.set_actor_list(actors_csv(actors))


def _fresh_listed(ws):
    """A from-scratch analysis of the workspace with its own actor list."""
    return pipeline.analyse_articles(
        ws.raw_articles(), fingerprint=ws.fingerprint(), workers=1, actors_file=ws.actors_file()
    )


def _naming(ws, words) -> set[str]:
    """The articles whose text has any of ``words``."""
    return {a.article_id for a in ws.raw_articles() if any(w in a.text for w in words)}


def _added(rows, whole: bool = True):
    """Uschakow and Vance followed besides (named in three of the 40 articles); ``whole``: with
    their whole names as spellings (which merge into one theme term)."""
    return rows + [
        {"actor": "Uschakow", "kind": "person", "aliases": "Uschakow|Juri Uschakow" if whole else "Uschakow"},
        {"actor": "Vance", "kind": "person", "aliases": "Vance|J. D. Vance" if whole else "Vance"},
    ]


def _followed(rows):
    """Uschakow and Vance followed, Macron no longer, Witkoff counted as an institution."""
    rows = [r for r in rows if r["actor"] != "Macron"]
    for r in rows:
        if r["actor"] == "Witkoff":
            r["kind"] = "institution"
    return _added(rows)


def test_an_actor_list_change_analyses_only_the_articles_that_name_a_changed_actor(root, counted):
    ws = _workspace(root)
    before = _analyse(ws)
    counted.clear()
    _listed(ws, partial(_added, whole=False))
    after = _analyse(ws)
    touched = _naming(ws, ("Uschakow", "Vance"))
    assert len(touched) == 3
    assert sorted(counted) == sorted(touched)
    assert after.params["articles_analysed"] == len(touched)
    # Every article's results are those of a fresh analysis under the new list ...
    _same_but_themes(after, _fresh_listed(ws))
    assert {"Uschakow", "Vance"} <= set(after.mentions["actor"])
    # ... and the others' are the ones kept, to the last column.
    old = set(before.articles["article_id"]) - touched
    pd.testing.assert_frame_equal(_rows(after.sentences, old), _rows(before.sentences, old))
    # The themes are kept, and so is every article's place in them: names of one word change
    # no theme term.
    assert list(after.themes["label"]) == list(before.themes["label"])
    note = after.params["theme_fit"]
    assert (note["n_fitted"], note["n_added"], note["refitted"]) == (40, 0, "")
    pd.testing.assert_frame_equal(after.article_themes, before.article_themes)
    # Whole names ("Juri Uschakow") merge into one theme term: those articles are placed again
    # in the kept themes, as after an edit.
    _listed(ws, _added)
    again = _analyse(ws)
    # (Their text is not new: it does not count towards a refit, and the reader is told apart.)
    assert (again.params["theme_fit"]["n_added"], again.params["theme_fit"]["n_relisted"]) == (0, len(touched))
    assert list(again.themes["label"]) == list(before.themes["label"])
    pd.testing.assert_frame_equal(_rows(again.article_themes, old), _rows(before.article_themes, old))
    _same_but_themes(again, _fresh_listed(ws))
    # Nothing is left of the old list's rows.
    with ws._connect(write=False) as con:
        lists = {
            r[0] for r in con.execute("SELECT actors FROM kept_result_lists UNION SELECT actors FROM kept_batch_parts")
        }
    assert len(lists) == 1


def test_an_actor_list_change_and_its_undo_give_a_fresh_analysis_and_the_themes_refit_exactly(root, counted):
    ws = _workspace(root)
    _analyse(ws)
    _listed(ws, _followed)
    changed = _analyse(ws)
    assert "Uschakow" in set(changed.mentions["actor"]) and "Macron" not in set(changed.mentions["actor"])
    assert set(changed.actor_articles.set_index("actor").loc["Witkoff", "kind"]) == {"institution"}
    _same_but_themes(changed, _fresh_listed(ws))
    counted.clear()
    ws.set_actor_list(None)  # back to the bundled list
    back = _analyse(ws)
    assert sorted(counted) == sorted(_naming(ws, ("Uschakow", "Vance", "Macron", "Witkoff")))
    _same_but_themes(back, _fresh(ws))
    _listed(ws, _followed)
    incremental.request_refit(ws)
    counted.clear()
    refitted = _analyse(ws)
    assert refitted.params["theme_fit"]["refitted"] == "asked"
    # Each article's theme terms were kept exactly: the themes are those of a fresh analysis.
    _same(refitted, _fresh_listed(ws))


def test_a_list_that_only_reorders_or_comments_analyses_nothing_again(root, counted):
    ws = _workspace(root)
    _analyse(ws)
    counted.clear()
    _listed(ws, lambda rows: rows[::-1])
    ws.set_actor_list(ws.actor_list() + "# ein Kommentar\n")
    after = _analyse(ws)
    assert counted == [] and after.params["articles_analysed"] == 0


def test_rows_kept_under_another_actor_list_are_never_used(root, counted):
    """An analysis of an older list that finishes after a newer one started (two slots) writes
    rows of its list: they are not taken for the new list's."""
    ws = _workspace(root)
    _analyse(ws)
    with ws._connect(write=False) as con:
        (key,) = con.execute("SELECT key FROM kept_result_lists LIMIT 1").fetchone()
    _listed(ws, _followed)
    _analyse(ws)
    with ws.transaction(bump=True) as con:  # as the older analysis would leave it
        con.execute("UPDATE kept_result_lists SET actors='older' WHERE key=?", (key,))
        con.execute("UPDATE kept_batch_parts SET actors='older'")
    counted.clear()
    again = _analyse(ws)
    assert len(counted) == 1
    _same_but_themes(again, _fresh_listed(ws))


@pytest.mark.parametrize(
    ("aliases", "text", "names"),
    [
        (["Merkel"], "MERKEL sagte, man sei einig.", True),  # a name the voices title-case
        (["Merkel"], "Merkels Partei und die Grünen", True),
        (["Merkel"], "Die Ammerkelbrücke ist gesperrt.", False),  # inside a word
        (["Merkel"], "Sie merkelt.", False),  # as written or in capitals only
        (["EU"], "In Europa und Eurasien", False),
        (["Christian Kern"], "Christian sagte, der Kern sei gesund.", True),  # a prefilter
        (["Christian Kern"], "Christian sagte es.", False),  # every word of the alias is needed
        (["G7-Gipfel"], "vor dem G7-Gipfel", True),  # a digit after a letter
        (["+++"], "+++ Eilmeldung +++", True),  # no word in it
        (["Weißes Haus"], "Im Weißen Haus hieß es", True),
        (["Großes Zentrum"], "in zwei großen Zentren", True),  # the lemmas' first letters
        (["Großes Zentrum"], "in zwei Zentren", False),  # every word of the alias is needed
        (["Großes Zentrum"], "Große Pläne für die Zentren", False),  # one after the other
        (["Großes Zentrum"], "im Großzentrum", False),  # one word
        (["Großes Zentrum"], "im „großen“ – Zentrum", True),
        (["Straße der Einheit"], "an der STRASSE DER EINHEIT", True),
    ],
)
def test_the_naming_test_finds_every_form_an_alias_is_matched_in(aliases, text, names):
    from tonlage.analysis.actor_change import naming_test

    test = naming_test(aliases)
    assert test is not None and test.names(text) is names


def _batch_calls(monkeypatch) -> dict[str, int]:
    """How many batches the per-article stage made from all their articles ("add") and patched
    from a kept one ("add_patched")."""
    from tonlage.analysis import tables

    calls = {"add": 0, "add_patched": 0}
    for name in calls:
        real = getattr(tables.BatchTables, name)

        def counting(self, *a, _real=real, _name=name, **kw):
            calls[_name] += 1
            return _real(self, *a, **kw)

        monkeypatch.setattr(tables.BatchTables, name, counting)
    return calls


def test_an_actor_list_change_patches_the_kept_batches_of_the_articles_it_names(root, counted, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 7)
    ws = _workspace(root)
    _analyse(ws)
    with ws._connect(write=False) as con:
        batches = [json.loads(m) for (m,) in con.execute("SELECT members FROM kept_batch_rows ORDER BY id")]
    touched = _naming(ws, ("Uschakow", "Vance"))
    holding = [b for b in batches if touched & {aid for aid, _ in b}]
    assert 1 <= len(holding) < len(batches)
    calls = _batch_calls(monkeypatch)
    counted.clear()
    _listed(ws, _added)  # whole names: they merge into theme terms
    changed = _analyse(ws)
    # Only the articles named again were parsed, and no batch was made again from all its
    # articles' results: each batch that holds one was patched.
    assert sorted(counted) == sorted(touched)
    assert calls == {"add": 0, "add_patched": len(holding)}
    _same_but_themes(changed, _fresh_listed(ws))
    # The patched batches are kept under the new list and taken whole next time ...
    with ws._connect(write=False) as con:
        lists = {r[0] for r in con.execute("SELECT DISTINCT actors FROM kept_batch_parts")}
        assert con.execute("SELECT COUNT(*) FROM kept_batch_rows").fetchone()[0] == len(batches)
    assert len(lists) == 1
    ingest(ws, _articles(1, seed=11), today=TODAY)
    calls.update(add=0, add_patched=0)
    counted.clear()
    added = _analyse(ws)
    assert len(counted) == 1 and calls == {"add": 1, "add_patched": 0}
    _same_but_themes(added, _fresh_listed(ws))
    # ... and their theme terms are those of the new list: refitted, the themes are a fresh analysis's.
    incremental.request_refit(ws)
    _same(_analyse(ws), _fresh_listed(ws))


def test_a_batch_to_patch_that_is_gone_is_made_again_from_its_articles(root, counted, monkeypatch):
    """Another analysis (of a later list) may drop the batch meanwhile: its articles' results
    are then read back and the batch made again, as before."""
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 7)
    ws = _workspace(root)
    _analyse(ws)
    monkeypatch.setattr(incremental.KeptResults, "_patch_source", lambda self, bid: None)
    calls = _batch_calls(monkeypatch)
    counted.clear()
    _listed(ws, _followed)
    changed = _analyse(ws)
    assert sorted(counted) == sorted(_naming(ws, ("Uschakow", "Vance", "Macron", "Witkoff")))
    assert calls["add_patched"] == 0 and calls["add"] >= 1
    _same_but_themes(changed, _fresh_listed(ws))
    incremental.request_refit(ws)
    _same(_analyse(ws), _fresh_listed(ws))


def test_an_actor_list_change_cancelled_half_way_leaves_nothing_wrong_behind(root, counted, monkeypatch):
    """Cancelled while it patches, the change leaves the batches to patch under the old list:
    the next analysis does not take them, and gives a fresh analysis's results."""
    from tonlage.analysis import jobs
    from tonlage.analysis.jobs import Cancelled, Reporter

    class CancelAt(Reporter):
        def on_change(self, new_stage: bool) -> None:
            if self.stage == "Sentences, tone, actors and quotes" and self.done >= 1:
                self.cancel()

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 7)
    ws = _workspace(root)
    _analyse(ws)
    _listed(ws, _added)
    calls = _batch_calls(monkeypatch)
    with jobs.reporting(CancelAt()), pytest.raises(Cancelled):
        _analyse(ws)
    assert calls["add_patched"] <= 1
    again = _analyse(ws)
    _same_but_themes(again, _fresh_listed(ws))
    incremental.request_refit(ws)
    _same(_analyse(ws), _fresh_listed(ws))


def test_an_alias_in_capitals_is_found_where_the_themes_merge_it():
    """A word in capitals is its own theme lemma ("WAR", not "sein"): an article with an alias
    of such words merges them into one theme term, so the naming test must pick it."""
    import gc

    from tonlage.actors import Actor
    from tonlage.analysis import per_article
    from tonlage.analysis.actor_change import naming_test
    from tonlage.themes.terms import NAME_JOINER

    text = "Im WAR ROOM der Zentrale wurde beraten."
    test = naming_test(["WAR ROOM"])
    assert test is not None and test.merges(text) and not test.merges("Es war ein Raum.")
    per_article.init_worker([Actor("War Room", "institution", ("WAR ROOM",))])
    try:
        features = per_article.parse(text).features
    finally:
        gc.enable()
    assert f"War{NAME_JOINER}Room" in features
