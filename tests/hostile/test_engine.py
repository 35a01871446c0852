"""Every case of the catalogue through the engine's ingest: status, reason, what was read."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

from tests.hostile.catalogue import CASES, GOOD, TODAY, Case
from tonlage.i18n import LOCALE_DIR, Message
from tonlage.ingest import Limits
from tonlage.ingest.run import LOADED, SKIPPED, WARNINGS, documents_from_uploads, ingest, upload_metadata
from tonlage.storage.workspace import Workspace


@lru_cache(maxsize=1)
def _german_ids() -> frozenset:
    from babel.messages.pofile import read_po

    with (LOCALE_DIR / "de" / "LC_MESSAGES" / "tonlage.po").open("rb") as fh:
        return frozenset(m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id and m.string)


def _sentences(m: Message):
    """The messages a message is made of: itself, its parts and its parameters, all levels."""
    if m.msgid:
        yield m
    for value in (*m.parts, *(v for _, v in m.params)):
        if isinstance(value, Message):
            yield from _sentences(value)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path):
    cwd_before = sorted(os.listdir(tmp_path))
    ws = Workspace("hostile", root=tmp_path / "data")
    limits = Limits(**case.limits)
    files = [("gut.txt", GOOD.encode()), *case.files]
    report = ingest(
        ws, documents_from_uploads(files, limits), limits=limits, today=TODAY, metadata=upload_metadata(files)
    )
    rows = {r.file: r for r in report.rows}
    assert rows["gut.txt"].status == LOADED, "one bad file must never stop the others"
    for file, (status, word) in case.expect.items():
        assert file in rows, f"{file} missing from the report: {list(rows)}"
        assert rows[file].status == status, (file, rows[file])
        assert word.lower() in rows[file].reason.lower(), (file, rows[file].reason)
        assert rows[file].reason.strip(), "every line says why"
    for r in report.rows:  # every line is one readable sentence or two, never a traceback
        assert "Traceback" not in r.reason and len(r.reason) < 600
        # ... and a message, every sentence of which has its German (never English only)
        assert isinstance(r.reason, Message), (r.file, r.reason)
        untranslated = [m for m in _sentences(r.reason) if m.msgid not in _german_ids()]
        assert not untranslated, (r.file, untranslated)
    if case.check:
        assert case.check(ws, report)
    assert sorted(os.listdir(tmp_path)) == sorted(set(cwd_before) | {"data"}), "nothing written outside the workspace"
    assert not list(Path(tmp_path).rglob("evil.txt"))


def test_the_catalogue_is_big_enough():
    from tests.hostile.catalogue import NEW_CASES

    assert len(CASES) >= 55 and len(NEW_CASES) >= 10


SUFFIXES = (".txt", ".md", ".html", ".csv", ".tsv", ".xlsx", ".json", ".jsonl", ".docx", ".pdf", ".zip", ".bin", "")


def test_any_upload_gets_a_report_line_and_never_an_exception():
    """Property: whatever bytes arrive under whatever name, ingest returns one report line per
    upload (plus archive members) with a known status, and never raises."""
    import tempfile

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    upload = st.tuples(
        st.sampled_from(SUFFIXES), st.one_of(st.binary(max_size=600), st.text(max_size=400).map(str.encode))
    )

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(upload, min_size=1, max_size=4))
    def check(files):
        with tempfile.TemporaryDirectory() as tmp:
            ws = Workspace("prop", root=Path(tmp))
            named = [(f"f{i}{suffix}", data) for i, (suffix, data) in enumerate(files)]
            report = ingest(ws, documents_from_uploads(named), today=TODAY)
            listed = {r.file for r in report.rows}
            assert all(name in listed for name, _ in named)
            assert all(r.status in (LOADED, WARNINGS, SKIPPED) and r.reason for r in report.rows)
            assert ws.article_count() == report.n_articles

    check()
