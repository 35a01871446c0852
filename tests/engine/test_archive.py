"""Opening zip archives we did not write: members in memory, hostile archives refused."""

import io
import os
import random
import struct
import zipfile
import zlib
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonlage.ingest import Document, IngestError, Limits
from tonlage.ingest.archive import Skipped, expand, is_archive

MB = 1024 * 1024
SMALL = Limits(max_file_bytes=2 * MB, max_archive_members=100, max_total_bytes=8 * MB, max_ratio=50)


# --- building archives in memory ------------------------------------------------------------------
def make_zip(members, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A zip built by zipfile: ``members`` maps name (or ZipInfo) to content. A name gets a fixed
    date, not the clock's: the same bytes on every call, so a test parametrized with them has the
    same id in every pytest-xdist worker (each collects the tests on its own)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, content in members:
            if isinstance(name, str):
                name = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
                name.compress_type = compression
                name.external_attr = 0o600 << 16  # as writestr gives a name
            zf.writestr(name, content)
    return buf.getvalue()


def raw_zip(entries) -> bytes:
    """A zip written byte by byte, so that it can say what zipfile would never write.

    Each entry is a dict: ``name`` (bytes), ``payload`` (the stored bytes, already compressed),
    and optionally ``method`` (0 stored, 8 deflate), ``crc``, ``size`` (the declared
    uncompressed size), ``flags`` and ``attr`` (external attributes).
    """
    out = io.BytesIO()
    central = []
    for e in entries:
        offset = out.tell()
        method, flags = e.get("method", 0), e.get("flags", 0)
        crc, size = e.get("crc", 0), e.get("size", len(e["payload"]))
        out.write(
            struct.pack(
                "<4s2B4HL2L2H",
                b"PK\x03\x04",
                20,
                0,
                flags,
                method,
                0,
                0x21,
                crc,
                len(e["payload"]),
                size,
                len(e["name"]),
                0,
            )
        )
        out.write(e["name"])
        out.write(e["payload"])
        central.append(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                20,
                3,
                20,
                0,
                flags,
                method,
                0,
                0x21,
                crc,
                len(e["payload"]),
                size,
                len(e["name"]),
                0,
                0,
                0,
                0,
                e.get("attr", 0o100644 << 16),
                offset,
            )
            + e["name"]
        )
    start = out.tell()
    cd = b"".join(central)
    out.write(cd)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(cd), start, 0))
    return out.getvalue()


def stored(name: str | bytes, content: bytes, **kw) -> dict:
    name = name.encode("utf-8") if isinstance(name, str) else name
    return {"name": name, "payload": content, "crc": zlib.crc32(content), **kw}


def deflated(name: str, content: bytes, **kw) -> dict:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return {
        "name": name.encode(),
        "payload": c.compress(content) + c.flush(),
        "method": 8,
        "crc": zlib.crc32(content),
        "size": len(content),
        **kw,
    }


def zeros_stream(megabytes: int) -> bytes:
    """Raw deflate of ``megabytes`` MiB of zeros, built in milliseconds: after a full flush the
    compressor starts afresh, so every flushed 1 MiB block compresses to the same bytes."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(MB)) + c.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + c.flush()


def zeros_crc(megabytes: int) -> int:
    crc, block = 0, bytes(MB)
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    return crc


def names(items):
    return [i.name for i in items]


def by_name(items):
    return {i.name: i for i in items}


def refused(data, limits, match, *, inflating_at_most: int):
    """The archive is refused, having inflated at most ``inflating_at_most`` bytes: 0 when its
    directory alone gives it away, a little over the cap when only its actual bytes can. (How
    long that takes is measured in bench/archive_limits.py, not asserted here.)"""
    inflated = [0]
    original = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        chunk = original(self, n)
        inflated[0] += len(chunk)
        return chunk

    with mock.patch.object(zipfile.ZipExtFile, "read", counting_read), pytest.raises(IngestError, match=match):
        expand(Document("x.zip", data), limits)
    assert inflated[0] <= inflating_at_most, f"inflated {inflated[0]:,} bytes before refusing"


# --- what an archive is -----------------------------------------------------------------------------
def test_is_archive_by_name_or_bytes_but_not_office_files():
    z = make_zip([("a.txt", "x")])
    assert is_archive("clips.zip", b"")
    assert is_archive("CLIPS.ZIP", b"whatever")
    assert is_archive("download", z)
    assert is_archive("empty", make_zip([]))
    assert not is_archive("brief.docx", z)
    assert not is_archive("tabelle.XLSX", z)
    assert not is_archive("a.txt", b"Hallo")


# --- ordinary archives ------------------------------------------------------------------------------
def test_plain_zip_with_folders_lists_every_leaf_in_order():
    data = make_zip(
        [
            (zipfile.ZipInfo("2025/"), b""),
            ("2025/januar/a.txt", "Artikel A"),
            ("2025/februar/b.html", "<p>Artikel B</p>"),
            ("c.txt", "Artikel C"),
        ]
    )
    got = expand(Document("clips.zip", data), Limits())
    assert names(got) == ["clips.zip/2025/januar/a.txt", "clips.zip/2025/februar/b.html", "clips.zip/c.txt"]
    assert all(isinstance(d, Document) for d in got)
    assert got[0].data == b"Artikel A"


def test_empty_zip_and_folders_only_give_nothing():
    assert expand(Document("e.zip", make_zip([])), Limits()) == []
    assert (
        expand(Document("d.zip", make_zip([(zipfile.ZipInfo("a/"), b""), (zipfile.ZipInfo("a/b/"), b"")])), Limits())
        == []
    )


def test_nested_zip_is_opened_in_place():
    inner = make_zip([("x.txt", "innen"), ("sub/y.txt", "tiefer")])
    data = make_zip([("a.txt", "außen"), ("inner.zip", inner), ("z.txt", "zuletzt")])
    got = expand(Document("outer.zip", data), Limits())
    assert names(got) == [
        "outer.zip/a.txt",
        "outer.zip/inner.zip/x.txt",
        "outer.zip/inner.zip/sub/y.txt",
        "outer.zip/z.txt",
    ]
    assert by_name(got)["outer.zip/inner.zip/x.txt"].data == b"innen"


def test_archives_nested_too_deep_are_skipped():
    level = make_zip([("d.txt", "ganz unten")])
    for name in ("c", "b"):  # a.zip > b.zip > c.zip > d.zip: four levels
        level = make_zip([(f"{name}.txt", name), (f"{chr(ord(name) + 1)}.zip", level)])
    got = by_name(expand(Document("a.zip", make_zip([("a.txt", "a"), ("b.zip", level)])), Limits()))
    assert isinstance(got["a.zip/b.zip/c.zip/c.txt"], Document)
    deep = got["a.zip/b.zip/c.zip/d.zip"]
    assert isinstance(deep, Skipped) and "nested deeper than 3 levels" in deep.reason
    # a deeper limit opens it
    got = by_name(expand(Document("a.zip", make_zip([("b.zip", level)])), Limits(max_depth=4)))
    assert got["a.zip/b.zip/c.zip/d.zip/d.txt"].data == b"ganz unten"


def test_damaged_nested_zip_is_skipped_and_the_rest_loads():
    data = make_zip([("kaputt.zip", b"PK\x03\x04 not really"), ("a.txt", "gut")])
    got = by_name(expand(Document("o.zip", data), Limits()))
    assert isinstance(got["o.zip/kaputt.zip"], Skipped) and "damaged" in got["o.zip/kaputt.zip"].reason
    assert got["o.zip/a.txt"].data == b"gut"


def test_system_files_are_listed_as_skipped():
    data = make_zip(
        [
            ("__MACOSX/._a.txt", b"\x00\x05\x16\x07"),
            ("__MACOSX/sub/x.txt", "x"),
            ("sub/.DS_Store", b"\x00\x00\x00\x01Bud1"),
            ("Thumbs.db", b"\xd0\xcf"),
            ("desktop.ini", "[.ShellClassInfo]"),
            ("._b.txt", b"\x00"),
            ("a.txt", "Artikel"),
        ]
    )
    got = expand(Document("mac.zip", data), Limits())
    skipped = [i for i in got if isinstance(i, Skipped)]
    assert len(skipped) == 6 and len(got) == 7
    assert all(s.reason == "A system file (macOS/Windows folder data), not an article." for s in skipped)
    assert by_name(got)["mac.zip/a.txt"].data == b"Artikel"


@pytest.mark.parametrize(
    "evil",
    [
        "../evil.txt",
        "/abs.txt",
        "a/../../b.txt",
        "..\\evil.txt",
        "C:\\Windows\\x.txt",
        "C:/x.txt",
        "\\\\server\\share\\x.txt",
        "a/..",
    ],
)
def test_unsafe_paths_are_skipped_and_nothing_is_written(evil, tmp_path, monkeypatch):
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    before = sorted(tmp_path.rglob("*"))
    data = raw_zip([stored(evil, b"gotcha"), stored("ok.txt", b"fine")])
    got = expand(Document("evil.zip", data), Limits())
    assert sorted(tmp_path.rglob("*")) == before and os.listdir(work) == []
    assert isinstance(got[0], Skipped) and "unsafe path" in got[0].reason
    assert got[0].name == f"evil.zip/{evil}"
    assert got[1] == Document("evil.zip/ok.txt", b"fine")


def test_symlink_members_are_skipped():
    link = zipfile.ZipInfo("link.txt")
    link.external_attr = 0o120777 << 16
    got = expand(Document("l.zip", make_zip([(link, "/etc/passwd"), ("a.txt", "x")])), Limits())
    assert isinstance(got[0], Skipped) and "link" in got[0].reason and "unsafe path" in got[0].reason
    assert isinstance(got[1], Document)


def test_encrypted_member_is_skipped():
    data = raw_zip([stored("geheim.txt", b"secret", flags=0x1), stored("a.txt", b"offen")])
    got = expand(Document("p.zip", data), Limits())
    assert isinstance(got[0], Skipped) and "password-protected" in got[0].reason
    assert got[1].data == b"offen"


def test_member_with_bad_crc_is_skipped_as_damaged():
    data = raw_zip([stored("a.txt", b"hallo", crc=12345), deflated("b.txt", b"welt" * 100)])
    got = expand(Document("c.zip", data), Limits())
    assert isinstance(got[0], Skipped) and "damaged inside the archive" in got[0].reason
    assert got[1].data == b"welt" * 100


def test_unknown_compression_method_is_skipped():
    data = raw_zip([stored("a.txt", b"xx", method=99), stored("b.txt", b"ok")])
    got = expand(Document("m.zip", data), Limits())
    assert isinstance(got[0], Skipped) and "compression method" in got[0].reason
    assert got[1].data == b"ok"


def test_member_over_the_file_limit_is_skipped_while_others_load():
    big = random.Random(1).randbytes(3 * MB)
    data = make_zip([("a.txt", "klein"), ("big.bin", big), ("c.txt", "auch klein")])
    got = expand(Document("b.zip", data), SMALL)
    assert isinstance(got[1], Skipped) and "larger than the 2 MB limit per file" in got[1].reason
    assert [g.data for g in (got[0], got[2])] == [b"klein", b"auch klein"]


def test_member_lying_small_but_over_the_file_limit_is_skipped_by_its_real_size():
    big = random.Random(2).randbytes(3 * MB)
    data = raw_zip([stored("a.txt", b"klein"), deflated("big.bin", big, size=1000), stored("c.txt", b"c")])
    got = expand(Document("b.zip", data), SMALL)
    assert isinstance(got[1], Skipped) and "larger than the 2 MB limit" in got[1].reason
    assert got[0].data == b"klein" and got[2].data == b"c"


def test_member_lying_about_a_small_size_is_damaged():
    content = random.Random(3).randbytes(5000)
    data = raw_zip([deflated("a.txt", content, size=100), deflated("b.txt", b"gut")])
    got = expand(Document("l.zip", data), Limits())
    assert isinstance(got[0], Skipped) and "damaged" in got[0].reason
    assert got[1].data == b"gut"


def test_duplicate_member_names_are_made_unique():
    data = raw_zip([stored("a.txt", b"1"), stored("a.txt", b"2"), stored("a.txt", b"3")])
    got = expand(Document("d.zip", data), Limits())
    assert names(got) == ["d.zip/a.txt", "d.zip/a (2).txt", "d.zip/a (3).txt"]
    assert [g.data for g in got] == [b"1", b"2", b"3"]


@pytest.mark.parametrize(
    "raw,flags",
    [
        ("Müller Straße.txt".encode(), 0x800),  # flagged UTF-8
        ("Müller Straße.txt".encode(), 0),  # UTF-8 without the flag (many tools)
        ("Müller Straße.txt".encode("cp437"), 0),  # DOS / Windows Explorer
        ("Müller Straße.txt".encode("cp1252"), 0),  # Windows ANSI
    ],
)
def test_umlauts_in_member_names_are_recovered(raw, flags):
    got = expand(Document("n.zip", raw_zip([stored(raw, b"x", flags=flags)])), Limits())
    assert names(got) == ["n.zip/Müller Straße.txt"]


def test_zipfile_written_unicode_names_round_trip():
    got = expand(Document("n.zip", make_zip([("Ärger/Größe.txt", "ü")])), Limits())
    assert names(got) == ["n.zip/Ärger/Größe.txt"]


# --- archives refused as a whole ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        make_zip([("a.txt", "Hallo " * 1000), ("b.txt", "Welt " * 1000)])[:-30],  # truncated
        make_zip([("a.txt", "Hallo")])[:40],
        random.Random(4).randbytes(5000),
        b"",
        b"PK\x03\x04" + bytes(100),
    ],
)
def test_damaged_or_fake_zip_is_refused(data):
    with pytest.raises(IngestError, match="damaged or not a zip archive"):
        expand(Document("x.zip", data), Limits())


def test_too_many_members_is_refused_at_once():
    data = make_zip([(f"{i}.txt", "x") for i in range(101)], zipfile.ZIP_STORED)
    refused(data, SMALL, "more than 100 files", inflating_at_most=0)
    # counted across nesting: 60 + 60 is too many
    inner = make_zip([(f"i{i}.txt", "x") for i in range(60)])
    outer = make_zip([(f"o{i}.txt", "x") for i in range(59)] + [("inner.zip", inner)])
    with pytest.raises(IngestError, match="more than 100 files"):
        expand(Document("x.zip", outer), SMALL)


def test_too_many_members_with_default_limits():
    data = make_zip([(f"{i}.txt", "") for i in range(20_001)], zipfile.ZIP_STORED)
    refused(data, Limits(), "more than 20,000 files", inflating_at_most=0)


def test_ten_thousand_small_members_expand():
    data = make_zip([(f"ordner/{i}.txt", f"Artikel {i} über München") for i in range(10_000)])
    got = expand(Document("many.zip", data), Limits())
    assert len(got) == 10_000 and got[-1].data == "Artikel 9999 über München".encode()


def test_zip_bomb_built_with_zipfile_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, zf.open("zeros.txt", "w") as fh:
        block = bytes(MB)
        for _ in range(128):
            fh.write(block)
    data = buf.getvalue()
    assert len(data) < 200_000
    refused(data, Limits(), "zip bomb", inflating_at_most=0)
    refused(data, SMALL, "zip bomb", inflating_at_most=0)


def test_one_gib_bomb_is_refused_with_default_limits():
    data = raw_zip(
        [{"name": b"zeros.txt", "payload": zeros_stream(1024), "method": 8, "crc": zeros_crc(1024), "size": 1024 * MB}]
    )
    refused(data, Limits(), "zip bomb", inflating_at_most=0)


def test_bomb_lying_about_its_size_is_refused_by_the_bytes_it_unpacks_to():
    # declares 1,000 bytes, unpacks to 1 GiB of zeros: only the actual bytes can tell
    lying = {"name": b"zeros.txt", "payload": zeros_stream(1024), "method": 8, "crc": 0, "size": 1000}
    refused(raw_zip([lying]), Limits(), "zip bomb", inflating_at_most=32 * MB)  # of 1 GiB
    # also when it hides among ordinary members and inside a nested archive
    inner = raw_zip([stored("a.txt", b"ok"), lying])
    outer = make_zip([("a.txt", "ok"), ("inner.zip", inner)])
    refused(outer, Limits(), "zip bomb", inflating_at_most=32 * MB)


def test_bomb_within_the_ratio_grace_is_not_a_bomb():
    # 512 KiB of zeros compresses 1000:1 but is small: read normally
    got = expand(Document("z.zip", make_zip([("z.txt", bytes(512 * 1024))])), SMALL)
    assert got[0].data == bytes(512 * 1024)


def test_declared_total_over_the_budget_is_refused_at_once():
    rnd = random.Random(5)
    data = make_zip([(f"{i}.bin", rnd.randbytes(MB + MB // 2)) for i in range(6)], zipfile.ZIP_STORED)
    refused(data, SMALL, "unpacks to more than 8 MB", inflating_at_most=0)


def test_actual_total_over_the_budget_is_refused_even_when_sizes_lie():
    rnd = random.Random(6)
    members = [deflated(f"{i}.bin", rnd.randbytes(MB + MB // 2), size=100) for i in range(7)]
    refused(raw_zip(members), SMALL, "unpacks to more than 8 MB", inflating_at_most=9 * MB)


def test_budget_is_shared_by_nested_archives():
    rnd = random.Random(7)
    inner = make_zip([(f"{i}.bin", rnd.randbytes(MB)) for i in range(5)], zipfile.ZIP_STORED)
    outer = make_zip([("a.zip", inner), ("b.zip", inner)], zipfile.ZIP_STORED)
    with pytest.raises(IngestError, match="unpacks to more than"):
        expand(Document("o.zip", outer), Limits(max_total_bytes=12 * MB))


# --- never anything but a list or IngestError ---------------------------------------------------------
def _expand_or_refuse(data: bytes) -> None:
    try:
        got = expand(Document("x.zip", data), SMALL)
    except IngestError as exc:
        assert str(exc)
        return
    assert isinstance(got, list)
    assert all(isinstance(g, (Document, Skipped)) for g in got)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_break_expand(data):
    _expand_or_refuse(data)
    _expand_or_refuse(b"PK\x03\x04" + data)


VALID = make_zip(
    [("a.txt", "Hallo Welt " * 50), ("sub/b.txt", "Grüße"), ("c.zip", make_zip([("d.txt", "x")])), ("e.txt", b"")]
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8),
    st.integers(0, len(VALID)),
)
def test_mutated_valid_zip_never_breaks_expand(mutations, cut):
    data = bytearray(VALID)
    for at, value in mutations:
        data[at] = value
    _expand_or_refuse(bytes(data))
    _expand_or_refuse(bytes(data[:cut]))


def test_control_characters_are_removed_from_display_names():
    got = expand(Document("c.zip", raw_zip([stored(b"a\nb\x1b[31m.txt", b"x")])), Limits())
    assert names(got) == ["c.zip/ab[31m.txt"]
