"""Bringing your own corpus: files, uploads and archives in; workspace articles out.

Steps, each in its own module: :mod:`.archive` opens archives safely under :class:`.Limits`;
:mod:`.formats` turns one document into :class:`.Record` s; :mod:`.run` resolves dates, builds
articles, writes them to a workspace and keeps the ingest report.
"""

from .errors import IngestError
from .limits import Limits
from .records import COLUMN_ROLES, Document, ReadResult, Record

__all__ = ["IngestError", "Limits", "Document", "Record", "ReadResult", "COLUMN_ROLES"]
