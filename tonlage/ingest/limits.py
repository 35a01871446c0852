"""Safety limits for reading files we did not write (uploads, archives, folders)."""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = ["Limits"]

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or accidental input from exhausting memory or time.

    Every field can be set from the environment as ``TONLAGE_<FIELD NAME IN CAPITALS>``
    (``TONLAGE_MAX_FILE_BYTES=50000000``), and from the CLI.

    Attributes:
        max_upload_bytes: Largest archive (.zip) uploaded or found in a folder, as stored.
        max_file_bytes: Largest single file (or archive member, after decompression).
        max_archive_members: Most files read from one archive, nested archives included.
        max_total_bytes: Most bytes decompressed from one archive in total.
        max_ratio: Largest decompressed/compressed size ratio of an archive member.
        max_depth: How deep archives may nest (a zip in a zip is depth 2).
        max_records_per_file: Most articles read from one table or JSON file.
        max_batch_bytes: Most bytes in one batch of uploads (all files chosen at once); a
            larger batch is refused before anything is read.
    """

    max_upload_bytes: int = 200 * _MB  # Streamlit's own upload limit (server.maxUploadSize)
    max_file_bytes: int = 50 * _MB
    max_archive_members: int = 20_000
    max_total_bytes: int = 1024 * _MB
    max_ratio: int = 200
    max_depth: int = 3
    max_records_per_file: int = 200_000
    max_batch_bytes: int = 400 * _MB

    @classmethod
    def from_env(cls, environ=None, **overrides) -> Limits:
        """Defaults, overridden by ``TONLAGE_*`` variables, overridden by keyword arguments.
        A variable that is not a positive whole number is ignored."""
        from ..settings import limit_values

        values = {k: v for k, v in limit_values(environ).items() if k in {f.name for f in fields(cls)}}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
