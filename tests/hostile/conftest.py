"""The app tests' fixtures (an AppTest factory; caches cleared around every test)."""

from tests.app.conftest import _clear_caches, app  # noqa: F401  (fixtures, found by name)
