"""Reading captures back from WARCs written by anyone, malformed ones included."""

from __future__ import annotations

import gzip
import io
import os
import uuid
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.archive.reader import ReadReport, archive_files, iter_captures
from tests.warcs import html, response

THIRD_PARTY_WARCS = Path(__file__).resolve().parents[1] / "data" / "warcs"


def wrong_length(url: str) -> bytes:
    """A record whose Content-Length claims 40 bytes more than it has."""
    raw = gzip.decompress(response(url, html("short")))
    head, _, rest = raw.partition(b"Content-Length: ")
    length, _, tail = rest.partition(b"\r\n")
    return gzip.compress(
        head + b"Content-Length: " + str(int(length) + 40).encode() + b"\r\n" + tail
    )


def test_bad_records_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    latin1 = "<html><head><meta charset='utf-8'><title>Café</title></head><p>Déjà vu</p></html>"
    members = [
        response("http://a.example/1", html("first")),
        response("http://a.example/torn", html("torn") * 50)[:-60],  # torn gzip member
        response("http://a.example/2", html("second")),
        wrong_length("http://a.example/wrong-length"),
        response("http://a.example/3", latin1.encode("latin-1"), "text/html; charset=utf-8"),
        response("http://a.example/video", os.urandom(20 * 1024 * 1024), "video/mp4"),
        response("http://a.example/missing", html("gone"), status="404 Not Found"),
        response("http://a.example/4", html("last")),
    ]
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(b"".join(members))
    offsets = [sum(len(m) for m in members[:i]) for i in range(len(members))]

    report = ReadReport()
    captures = list(iter_captures(path, report))

    urls = [c.url for c in captures]
    assert "http://a.example/1" in urls and "http://a.example/4" in urls, "reading went on"
    assert "http://a.example/2" in urls and "http://a.example/3" in urls
    assert "http://a.example/torn" not in urls
    assert report.bad, "the torn member is reported"
    assert report.bad[0].file == str(path)
    assert report.bad[0].offset == offsets[1]
    assert report.skipped["not HTML"] == 1, "the 20 MB video is skipped, not extracted"
    assert report.skipped["not 200"] == 1
    latin = next(c for c in captures if c.url == "http://a.example/3")
    assert latin.body == latin1.encode("latin-1"), (
        "bytes as archived; decoding is the extractor's job"
    )
    first = next(c for c in captures if c.url == "http://a.example/1")
    assert first.offset == 0 and first.status == 200 and first.payload_digest.startswith("sha1:")


def fixed_member(url: str, body: bytes) -> bytes:
    """A response record in one gzip member, byte for byte the same on every run."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False, warc_version="1.1")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    fixed = {
        "WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=1)}>",
        "WARC-Date": "2023-06-18T00:00:00Z",
    }
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict=fixed
    )
    writer.write_record(record)
    return gzip.compress(out.getvalue(), mtime=0)


def test_a_torn_member_that_swallows_the_next_record_is_reported(tmp_path: Path) -> None:
    """Cut short, this member's deflate data runs on into the next member, and warcio reads
    the file to its end without an error, one record short: the torn record is reported and
    the one it swallowed is still read."""
    torn = fixed_member("http://a.example/torn", html("torn 16") * 50)[:-60]
    last = fixed_member("http://a.example/last", html("last page"))
    swallowed = [
        r.rec_headers.get_header("WARC-Target-URI")
        for r in ArchiveIterator(io.BytesIO(torn + last))
    ]
    assert swallowed == ["http://a.example/torn"], "the case this test is about"
    path = tmp_path / "swallowed.warc.gz"
    path.write_bytes(torn + last)

    report = ReadReport()
    assert [c.url for c in iter_captures(path, report)] == ["http://a.example/last"]
    assert [(bad.offset, bad.error.split(":")[0]) for bad in report.bad] == [(0, "torn record")]


def test_every_third_party_warc_is_read_without_crashing() -> None:
    files = archive_files([THIRD_PARTY_WARCS])
    assert len(files) >= 38
    html_pages = 0
    for path in files:
        report = ReadReport()
        html_pages += sum(1 for _ in iter_captures(path, report))
    assert html_pages >= 70, "the Common Crawl, ClueWeb and iana pages are found"


def test_missing_path_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.warc.gz"
    with pytest.raises(FileNotFoundError, match=r"nope\.warc\.gz: no such file or folder"):
        archive_files([missing])
