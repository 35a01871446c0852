"""``python -m tonlage validate``: labels out and in as CSV, and the agreement printed."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from tonlage import DEFAULT_CORPUS_DIR
from tonlage.cli import main
from tonlage.ingest.run import ingest_paths
from tonlage.review import ReaderEdits
from tonlage.storage.store import cached_analysis, cached_workspace_analysis
from tonlage.storage.workspace import Workspace


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_workspace_s_labels_go_out_and_come_back_in(tmp_path, data, capsys):
    ws = Workspace("Prüfung", create=True)
    ingest_paths(ws, sorted(DEFAULT_CORPUS_DIR.glob("*.txt")))
    corpus = cached_workspace_analysis(ws, random_state=0)
    scored = corpus.sentences[corpus.sentences["tone_label"].isin(["negative", "neutral", "positive"])].head(40)
    notes = ReaderEdits.for_workspace(ws).tone
    for i, r in enumerate(scored.itertuples(index=False)):
        # the reader agrees with the scorer on every other sentence
        label = r.tone_label if i % 2 == 0 else ("neutral" if r.tone_label != "neutral" else "negative")
        notes.set_label(r.article_id, r.sent_idx, r.text, label)

    assert main(["validate", "--workspace", "Prüfung"]) == 0
    out = capsys.readouterr().out
    assert "checked sentences: 40" in out
    assert "accuracy: 0.500" in out and "kappa" in out and "95% interval" in out

    target = tmp_path / "labels.csv"
    assert main(["validate", "--workspace", "Prüfung", "--export", str(target)]) == 0
    rows = _rows(target.read_bytes())
    assert len(rows) == 40 and {"article_id", "sent_idx", "label", "text"} <= set(rows[0])

    # Into a second workspace with the same texts: the labels apply there too
    other = Workspace("Kopie", create=True)
    ingest_paths(other, sorted(DEFAULT_CORPUS_DIR.glob("*.txt")))
    with_bad = target.read_bytes() + b"nirgends,3,positive,x,y\r\n"
    target.write_bytes(with_bad)
    assert main(["validate", "--workspace", "Kopie", "--import", str(target)]) == 0
    err = capsys.readouterr().err
    assert "40 labels imported, 1 rows skipped" in err and "nirgends" in err
    assert len(ReaderEdits.for_workspace(other).tone.labels()) == 40


def test_a_folder_corpus_and_the_plain_errors(tmp_path, data, capsys):
    folder = tmp_path / "corpus"
    shutil.copytree(DEFAULT_CORPUS_DIR, folder)
    assert main(["validate", str(folder)]) == 1
    assert "no labels yet" in capsys.readouterr().err
    assert main(["validate", "--workspace", "gibt es nicht"]) == 2
    assert main(["validate", str(folder), "--import", str(tmp_path / "fehlt.csv")]) == 2
    corpus = cached_analysis(folder, random_state=0)
    r = corpus.sentences.iloc[3]
    ReaderEdits.for_folder(folder).tone.set_label(r["article_id"], r["sent_idx"], r["text"], "positive")
    assert main(["validate", str(folder)]) == 0
    assert "checked sentences: 1" in capsys.readouterr().out
    assert not list(folder.glob("*.sqlite"))  # nothing written into the corpus folder
