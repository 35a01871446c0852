"""The About page names every runtime dependency with its licence, in English and German, so a
reader can see what the tool stands on (and that no non-commercial data is used)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Packages that are only plumbing of another named one (the About page names the parent).
PARTS_OF_OTHERS = {"threadpoolctl"}


def _runtime_packages() -> list[str]:
    names = []
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)", line.strip())
        if m and not line.lstrip().startswith("#"):
            names.append(m.group(1).lower())
    return [n for n in names if n not in PARTS_OF_OTHERS]


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_the_about_page_names_every_dependency_and_the_data_licence(app, locale):
    at = app(locale)
    at.switch_page("app_pages/about.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown).lower()
    missing = [n for n in _runtime_packages() if n not in text]
    assert not missing, missing
    assert "klenner" in text and "apache-2.0" in text
    assert ("non-commercial" in text) if locale == "en-US" else ("nicht-kommerzieller" in text)


def test_the_readme_names_every_dependency():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").lower()
    missing = [n for n in _runtime_packages() if n not in readme]
    assert not missing, missing
