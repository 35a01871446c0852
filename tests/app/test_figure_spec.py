"""Shared figures (components.cached.figure) keep their spec: what Streamlit sends for them on
every run must be what a fresh build of the same figure gives."""

from __future__ import annotations

import numpy as np
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


def test_a_later_table_is_made_only_when_asked_with_the_names_of_the_run():
    """components.ui.later: nothing is made on the page's run; asked for later (a download is
    made by the server outside any run, here another thread), the table has the names given."""
    import threading

    from components.ui import later

    made = []

    def make() -> pd.DataFrame:
        made.append(1)
        return pd.DataFrame({"n_articles": [3, 1], "tone": [0.25, -0.5]})

    table = later(make, {"n_articles": "Artikel"})
    assert made == []
    out: list[pd.DataFrame] = []
    worker = threading.Thread(target=lambda: out.append(table()))
    worker.start()
    worker.join()
    assert made == [1]
    assert list(out[0].columns) == ["Artikel", "tone"] and list(out[0]["Artikel"]) == [3, 1]


class _Unpicklable(int):
    """A theme id that cannot be pickled: a figure's arguments hashed by value would fail on it."""

    def __reduce__(self):
        raise TypeError("not to be pickled")


def test_theme_periods_share_their_figure_by_identity():
    """The theme time chart's periods (a shared ThemePeriods, like the shared tables) key their
    figure by identity: hashed by value, every run pickled its tables and 100,000 dates again
    (0.1 s of each run of the Themes page at 100,000 articles)."""
    from tonlage.present.charts import ThemePeriods, theme_periods_of

    dates = pd.Series(pd.to_datetime(["2025-02-18", "2025-03-04", "2025-08-15", "2025-08-16"]))
    counts = np.array([[1.0, 1, 0, 1], [1, 0, 1, 1]])
    made = theme_periods_of(dates, [0, 1], counts, np.array([[0.5, 0.2, 0.0, 0.4], [0.5, 0.0, 1.0, 0.6]]))
    periods = ThemePeriods(**{**made.__dict__, "theme_ids": [_Unpicklable(t) for t in made.theme_ids]})
    themes = pd.DataFrame({"theme_id": [0, 1], "label": ["Gipfel", "Sanktionen"]})
    tr = translator("en")
    shared = cached.figure(charts.theme_time_figure, periods, themes, tr=tr)
    assert cached.figure(charts.theme_time_figure, periods, themes, tr=tr) is shared
    assert shared.to_json() == charts.theme_time_figure(periods, themes, tr=tr).to_json()
    assert [t.name for t in shared.data][:2] == ["Gipfel", "Sanktionen"]


def test_the_kept_spec_holds_hover_rows_as_lists_and_writes_the_same_json():
    """Hover rows made as one object array (charts.base.hover_rows) are lists in the kept spec:
    Streamlit writes that spec as JSON on every run, and lists faster than an object array."""
    import plotly.graph_objects as go

    from tonlage.present.charts.base import hover_rows

    rows = [["article", f"a{i}", f"Titel {i}", i + 1] for i in range(50)]
    made = go.Figure(go.Scatter(x=list(range(50)), y=list(range(50)), customdata=hover_rows(rows)))
    want = made.to_json()
    fig = cached._spec_kept(go.Figure(made))
    spec = fig.to_dict()
    assert spec["data"][0]["customdata"] == rows
    assert fig.to_dict() is spec  # made once
    assert fig.to_json() == want
