"""Archives from strangers: a decompression bomb, a record that lies about its length and a
page list that never ends are reported with their file and offset, in bounded memory, and
every command goes on to the end."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from typing import TYPE_CHECKING

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.archive.test_reader import html, response
from tests.conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

MB = 1 << 20
BOMB_SIZE = 2560 * MB  # 2.5 GiB of zeros, 2.6 MB compressed
MEMORY_LIMIT_KB = 500 * 1024
GOOD = ("http://a.example/first", "http://a.example/last")
ARTICLE = "A readable page with enough words to keep as an article " * 20


def deflated(prefix: bytes, zeros: int, suffix: bytes = b"") -> tuple[bytes, int]:
    """Raw deflate data of `prefix`, `zeros` zero bytes (a multiple of 1 MiB) and `suffix`,
    and its CRC-32, built a MiB at a time: each piece is flushed whole, so the block of zeros
    can be repeated instead of compressed 2,560 times."""

    def piece(data: bytes, *, last: bool = False) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(
            zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
        )

    crc = zlib.crc32(prefix)
    for _ in range(zeros // MB):
        crc = zlib.crc32(bytes(MB), crc)
    data = piece(prefix) + piece(bytes(MB)) * (zeros // MB) + piece(suffix, last=True)
    return data, zlib.crc32(suffix, crc)


def gzip_bomb(prefix: bytes, zeros: int, suffix: bytes = b"") -> bytes:
    """A gzip member of `prefix`, `zeros` zero bytes and `suffix`."""
    data, crc = deflated(prefix, zeros, suffix)
    size = (len(prefix) + zeros + len(suffix)) & 0xFFFFFFFF
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + data + struct.pack("<II", crc, size)


def huge_record(url: str, zeros: int) -> bytes:
    """A response record whose own gzip member inflates to a body of `zeros` zero bytes: a
    bomb in the WARC itself rather than in its HTTP coding."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000003>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + zeros}\r\n\r\n"
    )
    return gzip_bomb(head.encode() + http, zeros, b"\r\n\r\n")


def gzip_response(url: str, body: bytes) -> bytes:
    """A response record (one gzip member) whose HTTP body is sent gzip-encoded."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)
    return out.getvalue()


def lying_length(url: str) -> bytes:
    """A record whose Content-Length claims 2 GB over an 80-byte body."""
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000002>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        "Content-Length: 2000000000\r\n\r\n"
    )
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    body = html("cut")[:80]
    return zlib.compress(head.encode() + http + body, wbits=31)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A folder with a WARC holding a 2.5 GB gzip bomb (in its HTTP coding, and in a record's
    own gzip member) and a record that lies about its length, between two good pages; and a
    WACZ packing a copy of it with a page list that inflates to 2.5 GB of zeros. Returns the
    folder and the offsets of the bad records."""
    folder = tmp_path_factory.mktemp("hostile")
    members = [
        response(GOOD[0], html(ARTICLE)),
        gzip_response("http://a.example/bomb", gzip_bomb(b"", BOMB_SIZE)),
        lying_length("http://a.example/liar"),
        huge_record("http://a.example/huge", BOMB_SIZE),
        response(GOOD[1], html(ARTICLE)),
    ]
    warc = b"".join(members)
    (folder / "bomb.warc.gz").write_bytes(warc)
    starts = [sum(len(m) for m in members[:i]) for i in range(len(members))]
    offsets = {"bomb": starts[1], "liar": starts[2], "huge": starts[3]}
    with zipfile.ZipFile(folder / "bomb.wacz", "w") as package:
        package.writestr("archive/packed.warc.gz", warc)
        data, crc = deflated(b"", BOMB_SIZE)
        info = zipfile.ZipInfo("pages/pages.jsonl", (2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.CRC, info.compress_size, info.file_size = crc, len(data), BOMB_SIZE
        info.header_offset = package.start_dir  # written by hand: zipfile would deflate
        package.fp.write(info.FileHeader(zip64=False))  # the 2.5 GB itself, for a minute
        package.fp.write(data)
        package.start_dir = package.fp.tell()
        package.filelist.append(info)
        package.NameToInfo[info.filename] = info
    return folder, offsets


def measured(*args: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run `newscrawl ARGS` under /usr/bin/time: its result, and the largest resident set
    (KiB) of it or any process it started."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "maxrss %M", sys.executable, "-m", "newscrawl", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    rss = int(re.findall(r"^maxrss (\d+)$", done.stderr, re.MULTILINE)[-1])
    return done, rss


def assert_bad_records_reported(stderr: str, folder: Path, offsets: dict[str, int]) -> None:
    for warc in (f"{folder / 'bomb.warc.gz'}", f"{folder / 'bomb.wacz'}#archive/packed.warc.gz"):
        assert f"unreadable {warc} @ {offsets['bomb']}: Content-Encoding gzip inflates" in stderr
        assert f"unreadable {warc} @ {offsets['liar']}: truncated record" in stderr
        assert f"unreadable {warc} @ {offsets['huge']}: body larger than the limit" in stderr
    assert "Traceback" not in stderr


def test_extract_reports_the_bomb_in_bounded_memory(
    hostile: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    folder, offsets = hostile
    out = tmp_path / "articles.jsonl"
    done, rss = measured("extract", str(folder), "--out", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert rss < MEMORY_LIMIT_KB, f"{rss} KiB"
    assert_bad_records_reported(done.stderr, folder, offsets)
    assert sorted(re.findall(r'"url": "([^"]+)"', out.read_text())) == sorted(GOOD * 2)


def test_provenance_reports_the_bomb_in_bounded_memory(
    hostile: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    folder, offsets = hostile
    out = tmp_path / "provenance.jsonl"
    index = tmp_path / "index"
    done, rss = measured("provenance", str(folder), "--out", str(out), "--index", str(index))
    assert done.returncode == 0, done.stderr
    assert rss < MEMORY_LIMIT_KB, f"{rss} KiB"
    assert_bad_records_reported(done.stderr, folder, offsets)
    assert "pages/pages.jsonl: not a page list" in done.stderr
    assert set(re.findall(r'"url": "([^"]+)"', out.read_text())) == set(GOOD)


def test_export_reports_the_bomb_in_bounded_memory(
    hostile: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    folder, offsets = hostile
    done, rss = measured("export", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert rss < MEMORY_LIMIT_KB, f"{rss} KiB"
    assert_bad_records_reported(done.stderr, folder, offsets)
    rows = (tmp_path / "out" / "articles.jsonl").read_text().splitlines()
    assert len(rows) == 4
