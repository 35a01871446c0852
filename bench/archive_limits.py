"""How fast archives that break the limits are refused, and how fast a large one opens.

The tests check that they are refused and how many bytes were inflated first; the times are
here, where a busy machine cannot make a test fail.

Usage::

    python -m bench.archive_limits
"""

from __future__ import annotations

import io
import time
import zipfile

# The same hand-built archives as the tests (zipfile cannot write a member whose sizes lie).
from tests.engine.test_archive import MB, raw_zip, zeros_crc, zeros_stream  # noqa: E402
from tonlage.ingest import Document, IngestError, Limits
from tonlage.ingest.archive import expand


def _bomb(size_mb: int, declared: int | None = None) -> bytes:
    return raw_zip(
        [
            {
                "name": b"zeros.txt",
                "payload": zeros_stream(size_mb),
                "method": 8,
                "crc": zeros_crc(size_mb) if declared is None else 0,
                "size": size_mb * MB if declared is None else declared,
            }
        ]
    )


def _timed(label: str, data: bytes, limits: Limits) -> None:
    t = time.perf_counter()
    try:
        got = expand(Document("x.zip", data), limits)
        outcome = f"{len(got):,} members read"
    except IngestError as exc:
        outcome = f"refused ({str(exc)[:60]}…)"
    print(f"{label:58} {time.perf_counter() - t:7.3f} s  {outcome}")


def main() -> None:
    print(f"{'archive':58} {'time':>9}  outcome")
    _timed("1 GiB of zeros, honest sizes (1 MB packed)", _bomb(1024), Limits())
    _timed("1 GiB of zeros declaring 1,000 bytes", _bomb(1024, declared=1000), Limits())
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as zf:
        for i in range(20_001):
            zf.writestr(f"{i}.txt", "")
    _timed("20,001 empty members (over the 20,000 limit)", many.getvalue(), Limits())
    ok = io.BytesIO()
    with zipfile.ZipFile(ok, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(10_000):
            zf.writestr(f"ordner/{i}.txt", f"Artikel {i} über München")
    _timed("10,000 small members (within the limits)", ok.getvalue(), Limits())


if __name__ == "__main__":
    main()
