"""Small constructed frames that follow tonlage/model.py, for figure-builder tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tonlage.model import ARTICLE_COLUMNS


def make_articles(rows: list[dict]) -> pd.DataFrame:
    """Article rows with sensible defaults for every ARTICLE_COLUMNS field."""
    out = []
    for i, r in enumerate(rows):
        date = r.get("date")
        precision = r.get("date_precision", "day" if date else "none")
        base = {
            "article_id": f"a{i}",
            "file": f"a{i}.txt",
            "title": f"Article {i}",
            "author": "unknown",
            "date": pd.Timestamp(date) if date else pd.NaT,
            "date_label": (
                pd.Timestamp(date).strftime("%Y-%m")
                if precision == "month"
                else pd.Timestamp(date).strftime("%Y-%m-%d")
            )
            if date
            else "undated",
            "date_precision": precision,
            "date_source": "header" if date else "none",
            "date_note": "",
            "genre": "commentary",
            "language": "de",
            "n_sentences": 20,
            "n_words": 400,
            "tone": 0.0,
            "share_negative": 0.3,
            "share_neutral": 0.4,
            "share_positive": 0.3,
            "top_theme": 0,
            "top_theme_share": 0.8,
            "note": "",
            "text": "",
        }
        base.update({k: v for k, v in r.items() if k != "date"})
        out.append(base)
    df = pd.DataFrame(out, columns=list(ARTICLE_COLUMNS))
    df["date"] = pd.to_datetime(df["date"])
    return df


def many_articles(n: int, *, start="2024-01-01", days=300, seed=1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    df = make_articles([{"date": d} for d in dates])
    df["article_id"] = [f"m{i}" for i in range(n)]
    df["tone"] = rng.uniform(-0.5, 0.5, n)
    df["n_sentences"] = rng.integers(5, 40, n)
    return df
