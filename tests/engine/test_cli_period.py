"""`python -m tonlage analyse --from/--to` prints only the articles of a period, and the command
notes articles far outside the corpus's main period (tonlage.period)."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd

from tests.corpora import MARCH_2025, WITH_AN_OUTLIER, write_dated_corpus
from tonlage.cli import main


def _run(capsys, *argv):
    code = main(["analyse", *argv, "--format", "csv", "--no-cache"])
    out, err = capsys.readouterr()
    return code, pd.read_csv(io.StringIO(out), keep_default_na=False) if out else None, err


def test_from_and_to_print_only_that_period(tmp_path, capsys):
    write_dated_corpus(tmp_path, WITH_AN_OUTLIER)
    (tmp_path / "undatiert.txt").write_text(
        "Ohne Datum\n\nDer Text hat kein Datum, aber genug Wörter für einen Artikel im Korpus.\n", encoding="utf-8"
    )
    code, rows, err = _run(capsys, str(tmp_path))
    assert code == 0 and len(rows) == 14
    assert "note: 1 article(s) lie far outside the main period 2025-03-01 to 2025-03-12 (a12.txt)" in err
    assert "--from 2025-03-01 --to 2025-03-12" in err

    code, rows, _ = _run(capsys, str(tmp_path), "--from", "2025-03-01", "--to", "2025-03-12")
    assert code == 0
    assert sorted(rows["file"]) == [f"a{i:02d}.txt" for i in range(12)]  # no 2019 piece, no undated one

    code, rows, _ = _run(capsys, str(tmp_path), "--to", "2025-03-02")
    assert sorted(rows["file"]) == ["a00.txt", "a01.txt", "a12.txt"]


def test_tight_corpus_has_no_period_note_and_bad_ranges_are_refused(tmp_path, capsys):
    write_dated_corpus(tmp_path, MARCH_2025)
    code, rows, err = _run(capsys, str(tmp_path))
    assert code == 0 and len(rows) == 12 and "main period" not in err
    assert main(["analyse", str(tmp_path), "--from", "2025-03-05", "--to", "2025-03-01"]) == 2
    assert "--to is before --from" in capsys.readouterr().err
    code, rows, _ = _run(capsys, str(tmp_path), "--from", "2030-01-01")
    assert code == 1 and rows is not None and len(rows) == 0


def test_exit_now_flushes_the_output_and_runs_the_exit_handlers(tmp_path):
    """``python -m tonlage analyse`` ends by :func:`tonlage.cli.exit_now`: the process's exit
    status is the command's, all its output is written and its exit handlers have run."""
    script = (
        "import atexit, sys\n"
        "from tonlage.cli import exit_now\n"
        f"atexit.register(lambda: open({str(tmp_path / 'ran')!r}, 'w').write('yes'))\n"
        "sys.stdout.write('x' * 100000)\n"
        "sys.stderr.write('note')\n"
        "exit_now(3)\n"
        "sys.stdout.write('never')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 3
    assert done.stdout == "x" * 100000 and done.stderr == "note"
    assert (tmp_path / "ran").read_text() == "yes"
