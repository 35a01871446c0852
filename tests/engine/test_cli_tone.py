"""Tests for ``python -m tonlage tone FILE``: the shipped scorer over a file of sentences."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tonlage.cli import main
from tonlage.tone import ToneScorer
from tonlage.tone.batch import read_sentences, score_sentences

SENTENCES = [
    "Das war kein Erfolg.",
    "",
    '=HYPERLINK("http://example.invalid") ist ein Fiasko.',
    "Der Zug fährt um acht Uhr ab.",
    "Die Lage ist äußerst gefährlich, sagte die Ministerin.",
]


@pytest.fixture(scope="module")
def scorer() -> ToneScorer:
    return ToneScorer().fit()


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["tone", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_plain_text_csv_rows_in_input_order_with_the_shipped_scores(tmp_path, capsys, scorer):
    path = tmp_path / "s.txt"
    path.write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, path, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    texts = [s for s in SENTENCES if s]
    assert [int(r["line"]) for r in rows] == [1, 3, 4, 5]  # blank line skipped, numbering kept
    assert list(rows[0]) == ["line", "text", "label", "score", "evidence"]  # no target columns
    for row, text in zip(rows, texts):
        tone = scorer.score(text)
        assert row["label"] == tone.label
        assert float(row["score"]) == pytest.approx(tone.score, abs=1e-4)
        assert -1.0 <= float(row["score"]) <= 1.0
    assert rows[0]["label"] in ("negative", "neutral") and float(rows[0]["score"]) < 0
    assert rows[2]["label"] == "neutral" and float(rows[2]["score"]) == 0.0


def test_csv_neutralises_spreadsheet_formulas(tmp_path, capsys):
    path = tmp_path / "s.txt"
    path.write_text("\n".join(SENTENCES), encoding="utf-8")
    _, out, _ = run(capsys, path)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[1]["text"].startswith("'=HYPERLINK")
    assert not any(v.startswith(("=", "+", "@")) for r in rows for k, v in r.items() if k != "score")
    # negative scores stay numbers, not text with an apostrophe
    assert any(r["score"].startswith("-") for r in rows)


def test_csv_to_a_file_has_a_bom_and_neutralised_cells(tmp_path, capsys):
    src, dst = tmp_path / "s.txt", tmp_path / "out.csv"
    src.write_text("+49 ist gut\n", encoding="utf-8")
    code, out, _ = run(capsys, src, "--out", dst)
    assert code == 0 and out == ""
    data = dst.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "'+49 ist gut" in data.decode("utf-8-sig")


def test_jsonl_with_targets_and_offsets(tmp_path, capsys, scorer):
    lines = [
        {"text": "Moskau lobte Berlin, aber Kiew kritisierte den Plan scharf.", "target": "Kiew"},
        {"text": "Die Einigung ist ein Erfolg für Scholz.", "target": "Scholz", "target_from": 33, "target_to": 39},
        {"text": "Ohne Ziel."},
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, path, "--format", "jsonl")
    assert code == 0 and err == ""
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3]
    kiew = scorer.tone_towards(lines[0]["text"], (26, 30))
    assert rows[0]["target_label"] == kiew.label
    assert rows[0]["target_score"] == pytest.approx(kiew.score, abs=1e-4)
    assert rows[1]["target"] == "Scholz" and rows[1]["target_label"] in ("positive", "neutral")
    assert rows[1]["target_score"] > 0
    assert rows[2]["target"] == "" and rows[2]["target_label"] == "" and rows[2]["target_score"] is None
    for r in rows:
        assert r["label"] in ("negative", "neutral", "positive") and -1 <= r["score"] <= 1


def test_jsonl_problems_are_reported_per_line_and_keep_their_row(tmp_path, capsys):
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"text": "Gut."}\nnot json\n{"text": "Gut.", "target": "Merz"}\n'
        '{"text": "Gut für Merz.", "target": "Merz", "target_from": 50, "target_to": 60}\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, path, "--format", "jsonl")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(rows) == 4
    assert "line 2" in err and "line 3" in err and "line 4" in err
    assert rows[1]["text"] == "" and rows[1]["label"] == "neutral"
    assert rows[2]["target_label"] == ""  # target not in the text
    assert rows[3]["target_label"] != ""  # bad offsets: found by searching


def test_errors_speak_plainly(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "missing.txt")
    assert code == 2 and "is not a file" in err
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Grüße".encode("latin-1"))
    code, _, err = run(capsys, bad)
    assert code == 2 and "UTF-8" in err


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Das war ein Fiasko.\n"))
    code, out, _ = run(capsys, "-", "--format", "jsonl")
    assert code == 0 and json.loads(out)["score"] < 0


def test_read_sentences_detects_the_format():
    rows, msgs, is_jsonl = read_sentences("eins\n\nzwei\n")
    assert not is_jsonl and [r["line"] for r in rows] == [1, 3] and msgs == []
    rows, msgs, is_jsonl = read_sentences('\n{"text": "a", "target": "a"}\n')
    assert is_jsonl and rows[0]["span"] == (0, 1)
    assert score_sentences([]).empty
