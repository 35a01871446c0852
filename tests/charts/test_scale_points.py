"""The scale bench counts a chart's points on the JSON Streamlit sends (Plotly writes NumPy
arrays as base64 typed arrays there): the count must be the one the point-budget test makes on
the figure itself, or the bench's "most points in one chart" would under-report."""

from __future__ import annotations

import json

import plotly.io as pio

from bench.scale import _points
from tests.charts.large_corpus import app_figures, count_points, large_corpus


def test_points_counted_on_the_sent_json_match_the_figure():
    corpus = large_corpus(3_000, 30_000)
    counted = {}
    for name, make in app_figures(corpus, compare=False).items():
        fig = make()
        counted[name] = (_points(json.loads(pio.to_json(fig, validate=False))), count_points(fig))
    assert counted
    assert {name: sent for name, (sent, _) in counted.items()} == {name: fig for name, (_, fig) in counted.items()}
    assert max(fig for _, fig in counted.values()) > 1_000  # large enough that arrays are typed
