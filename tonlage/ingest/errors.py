"""The one error the ingest code raises on purpose."""

from __future__ import annotations

__all__ = ["IngestError"]


class IngestError(ValueError):
    """A file (or archive member) that cannot be turned into articles.

    ``str(exc)`` is one plain sentence for a non-technical reader: what is wrong and what to do
    ("The PDF has no text layer (it is a scan); export it with text recognition."). Every reader
    and archive function raises only this for bad input; anything else is a bug in our code.
    """
