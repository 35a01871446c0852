"""Shared test setup. The engine is installed (pip install -e .); the app's Streamlit side and
these helpers are found from the repository root (``pythonpath`` in pyproject.toml)."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Analyses the tests make are kept in a temporary folder, never in the user's cache
    (and a server started by a test inherits the setting)."""
    import os

    before = os.environ.get("TONLAGE_CACHE_DIR")
    os.environ["TONLAGE_CACHE_DIR"] = str(tmp_path_factory.mktemp("tonlage-cache"))
    yield
    if before is None:
        os.environ.pop("TONLAGE_CACHE_DIR", None)
    else:
        os.environ["TONLAGE_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def analysed_bundled(_private_cache_dir):
    """The bundled corpus analysed once per test session (read-only: never change its tables)."""
    from tonlage.store import cached_analysis

    return cached_analysis("data/corpus", events_file="data/events.csv", actors_file="data/actors.csv", random_state=0)


# Property tests: the same examples on every run (a CI run is reproducible, never flaky by
# luck of the draw) and no example database written into the working tree.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("tonlage", derandomize=True, database=None)
_hypothesis_settings.load_profile("tonlage")
