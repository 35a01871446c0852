"""Shared figures (components.cached.figure) keep their spec: what Streamlit sends for them on
every run must be what a fresh build of the same figure gives."""

from __future__ import annotations

import pandas as pd
import plotly.io as pio

from components import cached
from tonlage.i18n import translator
from tonlage.present import charts


def _actors() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "actor": ["Putin", "Trump", "Selenskyj", "UN"],
            "kind": ["person", "person", "person", "institution"],
            "mentions": [12, 9, 4, 1],
            "n_articles": [5, 4, 2, 1],
            "n_sentences": [11, 8, 4, 1],
            "tone": [-0.31, 0.12, float("nan"), 0.0],
        }
    )


def test_a_shared_figure_sends_the_spec_of_a_fresh_build():
    table = _actors()
    for lang in ("en", "de"):
        tr = translator(lang)
        shared = cached.figure(charts.actor_mentions_figure, table, tr=tr, top=3)
        fresh = charts.actor_mentions_figure(table, tr=tr, top=3)
        assert cached.figure(charts.actor_mentions_figure, table, tr=tr, top=3) is shared
        # The spec is made once and handed out again (Streamlit asks on every run) ...
        assert shared.to_dict() is shared.to_dict()
        # ... and it is the spec of the figure: the same JSON as a fresh build, twice over
        # (plotly's to_json drops trace uids from it in place).
        want = pio.to_json(fresh, validate=False)
        assert pio.to_json(shared, validate=False) == want
        assert pio.to_json(shared, validate=False) == want
        assert shared.to_json() == fresh.to_json()
        assert "Putin" in want

