"""Turn a Plotly chart selection into the article ids behind it (pure, no Streamlit).

Figure builders put ``customdata`` on every mark (see components/charts.py):
``["article", id, ...]``, ``["bucket", start, end, ...]``, ``["theme", theme_id, ...]``,
``["actor", name, ...]``, ``["actor_bucket", start, end, name, ...]`` (the articles of one
period that name the actor), ``["source", name, ...]`` (an outlet's articles) or
``["actor_source", name, ..., actor]`` (an outlet's articles naming the actor) or
``["source_bucket", start, end, name, ...]`` (an outlet's articles of one period) or
``["source_theme", name, theme_id, ...]`` (an outlet's articles of that main theme). A selection
event lists the picked points with their customdata.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

__all__ = ["selected_article_ids", "points_of", "OUTLETS_JOINED_BY"]

#: What joins the outlets of a ``source_bucket`` mark of a group of them (the Compare page's sides):
#: no outlet's name holds it (a control character, never read from a CSV cell or a site name).
OUTLETS_JOINED_BY = "\x1f"


def points_of(event: Any) -> list[Mapping]:
    """The selected points of a ``st.plotly_chart`` event (dict- or attribute-style), or []."""
    if not event:
        return []
    sel = event.get("selection") if isinstance(event, Mapping) else getattr(event, "selection", None)
    if not sel:
        return []
    pts = sel.get("points") if isinstance(sel, Mapping) else getattr(sel, "points", None)
    return list(pts or [])


def selected_article_ids(
    event: Any,
    articles: pd.DataFrame,
    *,
    actor_articles: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
) -> list[str]:
    """Article ids behind the selected marks, in view order, without duplicates.

    Args:
        event: The return value of ``st.plotly_chart(..., on_select="rerun")``.
        articles: Articles in view (``article_id``, ``date``, ``top_theme``); resolution never
            leaves the view, so a bucket or theme only yields articles the reader can see.
        actor_articles: Needed to resolve ``["actor", name]`` marks (``actor``, ``article_id``),
            or a function making them: called only when a mark is picked, so a page does not
            copy the view's actor rows on every run for a click that may never come. Rows
            outside the view are ignored.
    """
    points = points_of(event)
    if not points:  # every run of a page without a pick: listing 100,000 ids cost 45 ms a chart
        return []
    in_view = list(articles["article_id"]) if len(articles) else []
    view_set = set(in_view)
    found: set[str] = set()
    made: list[pd.DataFrame] = []

    def naming(actor: str) -> set[str]:
        """The ids in view of the articles naming ``actor`` (the actor rows made once)."""
        if not made:
            made.append(actor_articles() if callable(actor_articles) else actor_articles)
        aa: pd.DataFrame = made[0]
        return set(aa.loc[aa["actor"] == actor, "article_id"]) & view_set if len(aa) else set()

    for cd in filter(None, map(_customdata, points)):
        kind, value = cd[0], cd[1]
        if kind == "article":
            if value in view_set:
                found.add(value)
        elif (kind == "bucket" or (kind == "actor_bucket" and actor_articles is None)) and len(cd) >= 3:
            # (an actor's period without the actor rows: every article of the period)
            found.update(_in_period(articles, value, cd[2]))
        elif kind == "theme":
            found.update(articles.loc[articles["top_theme"] == int(value), "article_id"])
        elif kind == "tone_bin" and "tone" in articles:  # a bar of the tone spread
            from .charts.tone import tone_bins

            found.update(articles.loc[(tone_bins(articles["tone"]) == int(value)).to_numpy(), "article_id"])
        elif kind in ("actor", "actor_bucket") and actor_articles is not None:
            if kind == "actor_bucket" and len(cd) < 4:
                continue
            named = naming(value if kind == "actor" else cd[3])
            if kind == "actor_bucket":
                named &= set(_in_period(articles, value, cd[2]))
            found.update(named)
        elif kind in _OUTLET_KINDS and "source" in articles:
            if kind != "actor_source" or actor_articles is not None:  # no actor rows: nothing guessed
                found.update(_outlet_ids(cd, articles, naming))
    return [aid for aid in in_view if aid in found]


_OUTLET_KINDS = frozenset({"source", "actor_source", "source_theme", "source_bucket"})


def _outlet_ids(cd, articles: pd.DataFrame, naming: Callable[[str], set[str]]) -> set[str]:
    """The ids behind a mark of one outlet (:data:`_OUTLET_KINDS`): its articles in view, those
    naming the actor, those of a main theme, or those of a period."""
    kind = cd[0]
    if kind == "source_bucket":  # one outlet, or the outlets of a side
        if len(cd) < 4:
            return set()
        outlets = set().union(*(_of_outlet(articles, name) for name in str(cd[3]).split(OUTLETS_JOINED_BY)))
        return outlets & set(_in_period(articles, cd[1], cd[2]))
    outlet = _of_outlet(articles, cd[1])
    if kind == "actor_source":
        return outlet & naming(cd[-1])
    if kind == "source_theme":
        return outlet & set(articles.loc[articles["top_theme"] == int(cd[2]), "article_id"]) if len(cd) >= 3 else set()
    return outlet


def _customdata(point: object) -> list | tuple | None:
    """A picked mark's customdata when it says what is behind it (at least a kind and a value)."""
    if not isinstance(point, Mapping):
        return None
    cd = point.get("customdata")
    if cd is None:
        cd = point.get("custom_data")
    return cd if isinstance(cd, (list, tuple)) and len(cd) >= 2 else None


def _of_outlet(articles: pd.DataFrame, name: str) -> set[str]:
    """The ids of the ``articles`` of outlet ``name`` (their ``source`` read trimmed, as
    :func:`tonlage.frames.source_numbers` reads it)."""
    return set(articles.loc[articles["source"].fillna("").astype(str).str.strip() == name, "article_id"])


def _in_period(articles: pd.DataFrame, start, end) -> pd.Series:
    """The ids of the ``articles`` dated from ``start`` up to (not including) ``end``."""
    d = articles["date"]
    return articles.loc[(d >= pd.Timestamp(start)) & (d < pd.Timestamp(end)), "article_id"]
