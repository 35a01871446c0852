"""Events on a time axis: a dashed line at each event's date and its label in rows above the
plot, laid out so that labels do not run into each other."""

from __future__ import annotations

import pandas as pd

from ..safe import escape_plot_text
from .base import (
    EVENT,
    Translator,
    wrap_label,
)


def event_range(x_values: pd.Series, pad_days: int = 20) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    d = pd.to_datetime(pd.Series(x_values)).dropna()
    if d.empty:
        return None
    return d.min() - pd.Timedelta(days=pad_days), d.max() + pd.Timedelta(days=pad_days)


EVENT_ROW_PX = 16  # height of one row of event labels above the plot


# Assumed plot width for laying out event labels (the server cannot know the reader's): the plot
# of a full-width chart in an 800 px window with the sidebar open (a laptop's half screen) is
# ~377 px wide. Laid out for 760 px, "Anchorage summit" ran into "Rubio–Lawrow call" in a 1,100 px
# window; for 440 px, "Telefonat Trump–Putin" into "Rubio–Lawrow bei der UNO" at 800 px. A wider
# window only gives the rows more room than they need (the bundled events take 4 rows either way).
PLOT_WIDTH_PX = 370


EVENT_LABEL_GAP = 0.01  # space between two labels on one row, as a share of the plot's width


def _event_rows(spans: list[tuple[float, float]], max_rows: int = 4) -> list[int]:
    """Row of each label (its start and end as shares of the plot's width, in order of its event's
    date): the first row where it overlaps no label already placed, or, when every row is taken
    there, the row whose labels it overlaps least."""
    rows: list[list[tuple[float, float]]] = []
    out = []
    for span in spans:
        free = next((i for i, row in enumerate(rows) if _overlap(span, row) == 0), None)
        if free is None and len(rows) < max_rows:
            rows.append([])
            free = len(rows) - 1
        if free is None:
            free = min(range(len(rows)), key=lambda i: _overlap(span, rows[i]))
        rows[free].append(span)
        out.append(free)
    return out


def _overlap(span: tuple[float, float], row: list[tuple[float, float]]) -> float:
    """How far a label's span runs into the labels of a row (0: it fits there)."""
    lo, hi = span
    return sum(max(0.0, min(hi, b) + EVENT_LABEL_GAP - max(lo, a)) for a, b in row)


def add_events(fig, events: pd.DataFrame | None, x_range, tr: Translator) -> int:
    """Dashed vertical line per event inside ``x_range`` and its label above the plot.

    Labels sit in a strip above the plotting area (staggered into rows when events are close)
    so they never cover data; hovering a label shows the date and description. A label that
    would run past the plot's right edge ends at its line instead. The time axis is set to
    ``x_range``: left to itself, plotly widens it to make room for the labels' text, and the
    rows, laid out on ``x_range``, would no longer keep the labels apart.
    Returns the number of events drawn.
    """
    if events is None or len(events) == 0 or x_range is None:
        return 0
    lo, hi = x_range
    ev = events.assign(date=pd.to_datetime(events["date"])).dropna(subset=["date"])
    ev = ev[(ev["date"] >= lo) & (ev["date"] <= hi)].sort_values("date")
    if ev.empty:
        return 0
    span = max((hi - lo).total_seconds(), 1.0)
    labels = [escape_plot_text(x, max_len=30) for x in ev["label"]]
    pos = [(d - lo).total_seconds() / span for d in ev["date"]]
    widths = [(len(lab) * 6.3 + 10) / PLOT_WIDTH_PX for lab in labels]
    leftward = [x + w > 1 for x, w in zip(pos, widths)]
    rows = _event_rows([(x - w, x) if left else (x, x + w) for x, w, left in zip(pos, widths, leftward)])
    shapes, notes = [], []
    # Built as plain dicts and set in one update: add_shape/add_annotation validate the whole
    # layout on every call and cost ~10 ms each.
    for (_, e), label, row, left in zip(ev.iterrows(), labels, rows, leftward):
        x = e["date"].isoformat()
        shapes.append(
            dict(
                type="line",
                xref="x",
                yref="paper",
                x0=x,
                x1=x,
                y0=0,
                y1=1,
                line=dict(color=EVENT, width=1, dash="dash"),
                layer="below",
            )
        )
        hover = f"{e['date']:%Y-%m-%d}: {escape_plot_text(e['label'])}"
        if str(e.get("description", "") or ""):
            hover += "<br>" + wrap_label(e["description"], 50)
        notes.append(
            dict(
                x=x,
                xref="x",
                y=1,
                yref="paper",
                yanchor="bottom",
                xanchor="right" if left else "left",
                text=label + "╎" if left else "╎" + label,
                showarrow=False,
                xshift=3 if left else -3,
                yshift=2 + row * EVENT_ROW_PX,
                font=dict(size=11, color=EVENT),
                hovertext=hover,
                name="event",
            )
        )
    n_rows = max(rows) + 1
    fig.add_items(shapes, notes)
    fig.update_xaxes(range=[lo, hi])
    fig.update_layout(
        margin=dict(t=80 + n_rows * EVENT_ROW_PX),
        title=dict(y=1, yref="container", yanchor="top", pad=dict(t=12)),
        meta=dict(n_events=int(len(ev))),
    )
    return int(len(ev))
