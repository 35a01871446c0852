"""What the reader pinned for the meeting pack: charts, findings and quotes.

Pins live in the browser session (``st.session_state``), in the order they were pinned. A pin is
a snapshot: a chart pinned under some filters keeps those filters' figure and caption when the
reader moves on, which is what a slide needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from components import state

if TYPE_CHECKING:  # the pack module (and the deck writers it imports) loads when a pin is made
    from tonlage.present.pack import PinnedChart, PinnedQuote

__all__ = [
    "charts",
    "quotes",
    "findings",
    "is_pinned",
    "toggle_chart",
    "add_quote",
    "add_finding",
    "remove",
    "move",
    "count",
    "replace_chart",
    "finding_id",
]


def _list(name: str) -> list:
    return st.session_state.setdefault(name, [])


def charts() -> list[PinnedChart]:
    return list(_list(state.PINNED_CHARTS))


def quotes() -> list[PinnedQuote]:
    return list(_list(state.PINNED_QUOTES))


def findings() -> list:
    """Pinned :class:`tonlage.findings.Finding` objects (their text follows the UI language)."""
    return list(_list(state.PINNED_FINDINGS))


def count() -> int:
    return sum(len(_list(n)) for n in (state.PINNED_CHARTS, state.PINNED_QUOTES, state.PINNED_FINDINGS))


def _ident(item) -> str:
    return getattr(item, "pin_id", None) or finding_id(item)


def finding_id(f) -> str:
    return f"{f.kind}:{f.chart}:" + ",".join(f"{k}={v}" for k, v in sorted(f.values.items()))


def is_pinned(name: str, pin_id: str) -> bool:
    return any(_ident(x) == pin_id for x in _list(name))


def toggle_chart(pin: PinnedChart) -> bool:
    """Pin the chart, or unpin it when it is already pinned; True when it is pinned now."""
    items = _list(state.PINNED_CHARTS)
    if is_pinned(state.PINNED_CHARTS, pin.pin_id):
        items[:] = [x for x in items if x.pin_id != pin.pin_id]
        return False
    items.append(pin)
    return True


def replace_chart(pin_id: str, **changes) -> None:
    """Change a pinned chart in place (the reader's own "what this shows" text)."""
    from dataclasses import replace

    items = _list(state.PINNED_CHARTS)
    items[:] = [replace(x, **changes) if x.pin_id == pin_id else x for x in items]


def add_quote(quote: PinnedQuote) -> bool:
    """Pin a quote; False when it was pinned already."""
    if is_pinned(state.PINNED_QUOTES, quote.pin_id):
        return False
    _list(state.PINNED_QUOTES).append(quote)
    return True


def add_finding(finding) -> bool:
    if is_pinned(state.PINNED_FINDINGS, finding_id(finding)):
        return False
    _list(state.PINNED_FINDINGS).append(finding)
    return True


def remove(name: str, pin_id: str) -> None:
    items = _list(name)
    items[:] = [x for x in items if _ident(x) != pin_id]


def move(name: str, pin_id: str, step: int) -> None:
    """Move a pin up (-1) or down (+1) in its list (the order of the slides)."""
    items = _list(name)
    i = next((k for k, x in enumerate(items) if _ident(x) == pin_id), None)
    if i is None:
        return
    j = max(0, min(len(items) - 1, i + step))
    items[i], items[j] = items[j], items[i]
