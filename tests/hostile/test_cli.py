"""Every case of the catalogue through the command line: ``ingest`` a folder holding it (and a
good article), then ``analyse`` the workspace as CSV and as a table.

What the command line prints is safe where it lands: no control or escape character reaches
the terminal (stdout or stderr), and no CSV cell can run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.hostile.catalogue import CASES, FORMULAS, GOOD, Case
from tonlage.cli import main
from tonlage.ingest.run import upload_names

# What a terminal acts on: C0/C1 controls (but the line feed) and bidi overrides.
UNSAFE_FOR_TERMINALS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LIMIT_ENV = {
    "max_file_bytes": "TONLAGE_MAX_FILE_BYTES",
    "max_upload_bytes": "TONLAGE_MAX_UPLOAD_BYTES",
    "max_archive_members": "TONLAGE_MAX_ARCHIVE_MEMBERS",
    "max_total_bytes": "TONLAGE_MAX_TOTAL_BYTES",
}


def _run(argv, capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _formula_cells(text: str) -> list[str]:
    """CSV cells a spreadsheet would run: starting with = + - @ and not a plain number."""
    bad = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    bad.append(cell)
    return bad


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_through_the_cli(case: Case, tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    folder = tmp_path / "in"
    folder.mkdir()
    names = upload_names(["gut.txt", *(n for n, _ in case.files)])
    for name, (_, content) in zip(names, [("gut.txt", GOOD.encode()), *case.files]):
        (folder / name).write_bytes(content)
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(data))
    for field, value in case.limits.items():
        monkeypatch.setenv(_LIMIT_ENV[field], str(value))

    code, out, err = _run(
        ["ingest", str(folder), "--workspace", "fall", "--quiet", "--report", str(tmp_path / "report.csv")], capsys
    )
    assert code == 0, err
    report = {r["file"]: r for r in csv.DictReader(io.StringIO((tmp_path / "report.csv").read_text("utf-8-sig")))}
    assert report["gut.txt"]["status"] == "loaded", "one bad file never stops the others"
    for file, (status, word) in case.expect.items():
        assert file in report, (file, list(report))
        assert report[file]["status"] == status, report[file]
        assert word.lower() in report[file]["reason"].lower(), report[file]
    assert not UNSAFE_FOR_TERMINALS.search(out + err), repr(err[:300])

    code, out, err = _run(["analyse", "--workspace", "fall", "--format", "csv", "--no-cache"], capsys)
    assert code == 0, err
    assert not _formula_cells(out), _formula_cells(out)
    assert not UNSAFE_FOR_TERMINALS.search(out + err)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert any(r["file"] == "gut.txt" for r in rows)

    code, out, err = _run(["analyse", "--workspace", "fall", "--format", "table"], capsys)
    assert code == 0, err
    assert not UNSAFE_FOR_TERMINALS.search(out + err), repr(out[:300])


def test_formulas_reach_the_csv_neutralised_not_dropped(tmp_path, monkeypatch, capsys):
    """The CSV still says what the article's title is: with a leading apostrophe."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "formeln.csv").write_text(
        "title,text\n"
        + "".join(f'"{f.replace(chr(34), chr(34) * 2)}","{GOOD} Formel {i}."\n' for i, f in enumerate(FORMULAS)),
        encoding="utf-8",
    )
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    assert _run(["ingest", str(folder), "--workspace", "f", "--quiet"], capsys)[0] == 0
    code, out, _ = _run(["analyse", "--workspace", "f", "--format", "csv"], capsys)
    titles = {r["title"] for r in csv.DictReader(io.StringIO(out))}
    assert titles == {"'" + f for f in FORMULAS}


def test_file_names_with_escapes_are_printed_inert(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gut.txt").write_text(GOOD, encoding="utf-8")
    (folder / "flucht\x1b[2J\x1b]0;pwned\x07.odt").write_bytes(b"PK\x03\x04kein Text")
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    code, out, err = _run(["ingest", str(folder), "--workspace", "f", "--quiet"], capsys)
    assert code == 0
    assert "skipped flucht [2J ]0;pwned .odt" in err, err
    assert "\x1b" not in err and "\x07" not in err
