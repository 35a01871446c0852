"""What a reader sees of a Markdown string the app sends: entities decoded, word joiners
(which only break autolinks and shortcodes) left out."""

from __future__ import annotations

import html

from tonlage.present.safe import WORD_JOINER


def shown(markdown: str) -> str:
    return html.unescape(markdown).replace(WORD_JOINER, "")
