"""Every figure builder's ``go.Figure`` is put together from parts validated once (the traces when
they are made, the layout on its own) instead of validating every trace a second time: the spec
must be the one the old way gave, byte for byte, for every chart of the app in English and German
(where the date axes get numeric ticks); a figure changed afterwards is still validated."""

from __future__ import annotations

from datetime import date

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from tests.charts.large_corpus import app_figures, large_corpus
from tonlage.i18n import translator
from tonlage.present import charts

# The old way (main at 718eb52): go.Figure validates the traces again, then the language's
# separators and, outside English, numeric date ticks on a figure with one dated x axis (the
# ticks as they are now: what is compared is how the figure is put together).
_TICKS = charts.base._NUMERIC_DATE_TICKS
_NAMED = charts.base._NAMED_DATE_TICKS


def _dates(values) -> bool:
    if values is None or len(values) == 0:
        return False
    dtype = getattr(values, "dtype", None)
    if dtype is not None and np.issubdtype(dtype, np.datetime64):
        return True
    first = values[0]
    return isinstance(first, (date, np.datetime64)) or (
        isinstance(first, str) and len(first) >= 10 and first[4] == "-" and first[:4].isdigit()
    )


def _old_figure(fig, lang: str) -> go.Figure:
    out = go.Figure(data=fig.data, layout=fig.layout)
    out.update_layout(separators=translator(lang).plotly_separators)
    one_axis = not any(k.startswith("xaxis") and k != "xaxis" for k in out.layout.to_plotly_json())
    if one_axis and any(_dates(getattr(t, "x", None)) for t in out.data):
        out.update_xaxes(tickformatstops=list(_TICKS if lang != "en" else _NAMED))
    return out


def _spec(fig: go.Figure) -> str:
    return pio.to_json(fig.to_dict(), validate=False)


@pytest.fixture(scope="module", params=["months", "articles"])
def corpus(request):
    # Periods over six years, and one point per article over half a year.
    if request.param == "months":
        return large_corpus(3_000, 30_000, seed=5)
    return large_corpus(150, 1_500, days=180, seed=6)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_chart_has_the_spec_of_the_old_way(corpus, lang, monkeypatch):
    new = {name: _spec(make()) for name, make in app_figures(corpus, lang=lang).items()}
    # The same builders, their Fig turned into a figure the old way.
    for name in dir(charts):
        builder = getattr(charts, name)
        if name.endswith("_figure") and hasattr(builder, "__wrapped__"):
            raw = builder.__wrapped__

            def old(*args, _raw=raw, **kwargs):
                fig = _raw(*args, **kwargs)
                if not isinstance(fig, charts.base.Fig):
                    return fig
                fig.data = charts.base.solid_legend_marks(fig.data)  # what is compared is the assembly
                return _old_figure(fig, kwargs["tr"].lang)

            monkeypatch.setattr(charts, name, old)
    old_specs = {name: _spec(make()) for name, make in app_figures(corpus, lang=lang).items()}
    assert set(new) == set(old_specs) and len(new) >= 15
    for name in new:
        assert new[name] == old_specs[name], name
    if lang == "de":  # the date ticks were part of what is compared
        assert any("tickformatstops" in s for s in new.values())


def test_a_figure_changed_afterwards_is_still_validated(small_articles, events):
    fig = charts.tone_timeline_figure(small_articles, events=events, tr=translator("de"))
    with pytest.raises(ValueError):
        fig.update_layout(height="tall")
    with pytest.raises(ValueError):
        fig.update_xaxes(tickangle="steep")
    with pytest.raises(ValueError):
        fig.data[0].update(mode="sideways")
    fig.update_layout(height=300)  # and a valid change still takes
    assert fig.layout.height == 300
