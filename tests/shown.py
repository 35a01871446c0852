"""What a reader sees of a Markdown string the app sends: entities decoded, word joiners
(which only break autolinks and shortcodes) left out."""

from __future__ import annotations

import html

from tonlage.present.safe import WORD_JOINER


def shown(markdown: str) -> str:
    return html.unescape(markdown).replace(WORD_JOINER, "")


def plotly_array(v) -> list:
    """A data array of a chart's JSON spec: Plotly writes numeric arrays as base64 typed arrays."""
    import base64

    import numpy as np

    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v or [])
