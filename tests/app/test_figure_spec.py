"""The spec a shared figure keeps (components.cached._spec_kept): made once, hover rows as lists."""

from __future__ import annotations

import plotly.graph_objects as go

from components import cached
from tonlage.present.charts.base import hover_rows


def test_the_kept_spec_holds_hover_rows_as_lists_and_writes_the_same_json():
    rows = [["article", f"a{i}", f"Titel {i}", i + 1] for i in range(50)]
    made = go.Figure(go.Scatter(x=list(range(50)), y=list(range(50)), customdata=hover_rows(rows)))
    want = made.to_json()
    fig = cached._spec_kept(go.Figure(made))
    spec = fig.to_dict()
    assert spec["data"][0]["customdata"] == rows  # plain lists: Streamlit writes them faster
    assert fig.to_dict() is spec  # made once
    assert fig.to_json() == want
