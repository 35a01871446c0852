"""Shared test setup. The engine is installed (pip install -e .); the app's Streamlit side and
these helpers are found from the repository root (``pythonpath`` in pyproject.toml)."""

import os

import pytest

# A chart that cannot be drawn stops its page (in AppTest and in every server a test starts),
# instead of the note a reader sees in its place: tests must see the error. The note itself is
# tested with this unset (tests/app/test_chart_failure.py).
os.environ["TONLAGE_CHART_ERRORS"] = "raise"


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Analyses the tests make, and the workspaces, labels and edits they write, are kept in
    temporary folders, never in the user's own (a server started by a test inherits them)."""
    import os

    names = {"TONLAGE_CACHE_DIR": "tonlage-cache", "TONLAGE_DATA_DIR": "tonlage-data"}
    before = {name: os.environ.get(name) for name in names}
    for name, folder in names.items():
        os.environ[name] = str(tmp_path_factory.mktemp(folder))
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def analysed_bundled(_private_cache_dir):
    """The bundled corpus analysed once per test session (read-only: never change its tables)."""
    from tonlage.storage.store import cached_analysis

    return cached_analysis("data/corpus", events_file="data/events.csv", actors_file="data/actors.csv", random_state=0)


# Property tests: the same examples on every run (a CI run is reproducible, never flaky by
# luck of the draw) and no example database written into the working tree.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("tonlage", derandomize=True, database=None)
_hypothesis_settings.load_profile("tonlage")


@pytest.fixture
def batch_events(monkeypatch):
    """What the analysis does with its batches, in order: ("parse", n) when n articles are handed
    to the workers, ("write", n) when a batch of n articles is written."""
    from tonlage.analysis import parallel, per_article, tables

    events: list[tuple[str, int]] = []
    real_submit, real_add = parallel.submit, tables.BatchTables.add

    def submit(pool, fn, items, workers):
        if fn in (per_article.parse_article, per_article.parse_with_digest):
            events.append(("parse", len(items)))
        return real_submit(pool, fn, items, workers)

    def add(self, raws, parsed, **kw):
        events.append(("write", len(raws)))
        return real_add(self, raws, parsed, **kw)

    monkeypatch.setattr(parallel, "submit", submit)
    monkeypatch.setattr(tables.BatchTables, "add", add)
    return events
