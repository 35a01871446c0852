"""Fixtures for figure-builder tests."""

import pandas as pd
import pytest
from frames import make_articles


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-03-10", "2025-06-01", "2030-01-01"]),
            "label": ["Spring talks", "Summit", "Far future"],
            "description": ["Talks in spring", "A summit", "Outside every test range"],
        }
    )


@pytest.fixture
def small_articles() -> pd.DataFrame:
    return make_articles(
        [
            {"date": "2025-03-01", "date_precision": "month", "tone": 0.2, "title": "Month only"},
            {"date": "2025-04-15", "tone": -0.3, "n_sentences": 4, "title": "Short piece"},
            {
                "date": "2025-06-20",
                "tone": 0.1,
                "title": "Corrected",
                "date_note": "Header said 2026; the text says 2025.",
            },
            {"title": "No date", "tone": -0.1},
        ]
    )
