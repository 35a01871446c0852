"""The app makes its charts' traces without Plotly's check of every value
(:func:`tonlage.present.charts.base.trace`); the tests make them checked, and every trace the
suite draws is made both ways there and compared. Here: the app's unchecked charts give the
spec of the checked ones, a trace that would draw otherwise unchecked fails the tests, and the
two shortcuts that came with it (hover rows shared between copies of a figure, hover lines
escaped once) change nothing in the spec."""

from __future__ import annotations

import copy
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from tests.charts.large_corpus import app_figures, large_corpus
from tonlage.i18n import translator
from tonlage.present import charts
from tonlage.present.charts import base
from tonlage.present.safe import escape_plot_text, plain_text


def _spec(fig: go.Figure) -> str:
    # A checked marker writes its properties in Plotly's order, an unchecked one in the
    # builder's: the same spec, compared with sorted keys.
    return json.dumps(json.loads(pio.to_json(fig.to_dict(), validate=False)), sort_keys=True)


@pytest.fixture(scope="module", params=["months", "articles"])
def corpus(request):
    if request.param == "months":  # periods over six years
        return large_corpus(3_000, 30_000, seed=5)
    return large_corpus(150, 1_500, days=180, seed=6)  # a point per article


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_app_draws_unchecked_what_the_tests_checked(corpus, lang, monkeypatch):
    assert base.checking()  # the tests' setting (tests/conftest.py)
    checked = {name: _spec(make()) for name, make in app_figures(corpus, lang=lang).items()}
    monkeypatch.delenv("TONLAGE_CHART_ERRORS")
    assert not base.checking()
    made = []
    real = go.Scatter.__init__

    def spy(self, *args, **kwargs):
        made.append(kwargs.get("_validate", True))
        real(self, *args, **kwargs)

    monkeypatch.setattr(go.Scatter, "__init__", spy)
    unchecked = {name: _spec(make()) for name, make in app_figures(corpus, lang=lang).items()}
    assert made and not all(made)  # the app's scatter traces were made unchecked
    assert set(unchecked) == set(checked) and len(checked) >= 15
    for name in checked:
        assert unchecked[name] == checked[name], name


def test_a_trace_that_would_draw_otherwise_unchecked_fails_in_the_tests():
    # Dates with a time zone: checked, Plotly writes them in UTC without the zone; unchecked,
    # with it. The tests must see such a difference instead of the app drawing it.
    when = pd.Series(pd.to_datetime(["2025-02-03 12:00", "2025-02-10 12:00"]).tz_localize("Europe/Berlin"))
    with pytest.raises(ValueError, match="unchecked gives another spec"):
        base.trace(go.Scatter, x=when, y=[0.1, 0.2])
    # Plain dates and numbers in pandas columns are made the same both ways.
    plain = base.trace(go.Scatter, x=when.dt.tz_localize(None), y=pd.Series([0.1, 0.2], index=[7, 9]))
    assert plain.y.tolist() == [0.1, 0.2]


def test_a_figure_that_would_draw_otherwise_unchecked_fails_in_the_tests(monkeypatch):
    fig = base.Fig()
    fig.add_trace(base.trace(go.Scatter, x=[1, 2], y=[0.1, 0.2]))
    fig.update_layout(title="Ton", margin=dict(t=None), legend=dict(title=dict(text=None)), shapes=[])
    # Unset properties, empty objects and a title as text are written as Plotly's check writes them.
    out = base._figure_of(fig, translator("de"))
    assert out.layout.title.text == "Ton" and out.layout.separators == ",."
    # Were they not, the tests would fail on the figure instead of the app drawing it.
    monkeypatch.setattr(base, "_unset_dropped", lambda layout: layout)
    with pytest.raises(ValueError, match="unchecked gives another spec"):
        base._figure_of(fig, translator("de"))


def test_an_unchecked_trace_keeps_arrays_where_a_checked_one_has_them(monkeypatch):
    # Builders read a trace back (its x values for the date ticks): a pandas column must not
    # reach them as a Series indexed by its old rows.
    monkeypatch.delenv("TONLAGE_CHART_ERRORS")
    dates = pd.Series(pd.to_datetime(["2025-02-03", "2025-03-03"]), index=[5, 6])
    t = base.trace(go.Scatter, x=dates, y=pd.Series([0.1, -0.1], index=[5, 6]), marker=dict(size=pd.Series([3, 4])))
    assert t._validate is False
    assert isinstance(t.x, np.ndarray) and np.issubdtype(t.x.dtype, np.datetime64)
    assert base._is_dates(t.x)


def test_hover_rows_are_shared_by_every_copy_of_a_figure():
    rows = charts.base.hover_rows([["article", "a1", "Titel", 3], ["article", "a2", "Zwei", 4]])
    assert copy.deepcopy(rows) is rows
    assert not rows.flags.writeable
    with pytest.raises(ValueError):
        rows[0, 1] = "b"
    fig = go.Figure(data=[base.trace(go.Scatter, x=[1, 2], y=[1, 2], customdata=rows)], _validate=False)
    as_lists = go.Figure(
        data=[go.Scatter(x=[1, 2], y=[1, 2], customdata=[["article", "a1", "Titel", 3], ["article", "a2", "Zwei", 4]])]
    )
    assert _spec(fig) == _spec(as_lists)


def _wrapped_then_escaped(text: str, width: int) -> str:
    """The hover lines as wrap_label made them before: each line made plain and escaped."""
    text = plain_text(text)
    lines, line = [], ""
    for word in base._NAME_BREAK.split(text) if " · " in text else text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "<br>".join(escape_plot_text(x) for x in lines)


@pytest.mark.parametrize(
    "text",
    [
        "Ein ganz normaler Satz über die Gespräche in Riad, der länger ist als eine Zeile.",
        "<b>fett</b> & <script>alert(1)</script> – Tom & Jerry < 3 > 2",
        "Zeile\u2028mit\u202eTrenner\x00und\tSteuerzeichen\u2066 \u2069 allein\nund Umbruch",
        "Rubio · Lawrow · Kiew · Washington · Moskau · Brüssel · Ankara · Genf",
        "",
        "   ",
        "Wort" * 40,
    ],
)
@pytest.mark.parametrize("width", [10, 60])
def test_hover_lines_are_escaped_once_as_before(text, width):
    assert base.wrap_label(text, width) == _wrapped_then_escaped(text, width)


def test_the_meeting_pack_takes_the_app_s_unchecked_charts_as_the_checked_ones(monkeypatch):
    # The pack's images are made from the app's figures (a slide-sized copy with a caption,
    # checked by Plotly again): unchecked ones must give the checked ones' slide.
    from tonlage.report.images import stamp_caption

    corpus = large_corpus(150, 1_500, days=180, seed=6)
    checked = {
        name: _spec(stamp_caption(make(), "Korpus · 150 Artikel"))
        for name, make in app_figures(corpus, lang="de").items()
    }
    monkeypatch.delenv("TONLAGE_CHART_ERRORS")
    for name, make in app_figures(corpus, lang="de").items():
        assert _spec(stamp_caption(make(), "Korpus · 150 Artikel")) == checked[name], name
