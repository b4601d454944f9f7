"""WARC records built from an exchange: golden bytes with pinned ids and dates."""

from __future__ import annotations

from io import BytesIO

from scrapy import Request
from scrapy.http import HtmlResponse
from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive.records import Exchange, PageMetadata

from .golden import BODY, WHEN, FixedIds, exchange, serialize


def test_response_record_golden_bytes() -> None:
    FixedIds.counter = 0
    builder = FixedIds(BytesIO(), gzip=False, warc_version="1.1")
    response, request = exchange().records(builder)
    data = serialize([response, request])
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
        b"X-Odd: caf\xe9\r\n\r\n" + BODY
    )
    expected_response = (
        b"WARC/1.1\r\n"
        b"WARC-Record-ID: <urn:uuid:11111111-1111-1111-1111-111111111111>\r\n"
        b"WARC-Date: 2023-06-18T08:15:46.123456Z\r\n"
        b"WARC-IP-Address: 127.0.0.1\r\n"
        b"WARC-Type: response\r\n"
        b"WARC-Target-URI: http://www.example.com/a?b=1\r\n"
        b"WARC-Payload-Digest: sha1:" + _b32(BODY) + b"\r\n"
        b"WARC-Block-Digest: sha1:" + _b32(http) + b"\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    )
    assert data.startswith(expected_response)
    request_part = data[len(expected_response) :]
    assert b"WARC-Type: request\r\n" in request_part
    assert (
        b"WARC-Concurrent-To: <urn:uuid:11111111-1111-1111-1111-111111111111>\r\n" in request_part
    )
    assert b"WARC-Date: 2023-06-18T08:15:46.123456Z\r\n" in request_part
    assert b"GET /a?b=1 HTTP/1.1\r\nHost: www.example.com\r\nAccept: */*\r\n\r\n" in request_part


def test_records_read_back_and_verify() -> None:
    builder = FixedIds(BytesIO(), gzip=False, warc_version="1.1")
    meta = PageMetadata(
        "http://www.example.com/a?b=1",
        "<urn:uuid:11111111-1111-1111-1111-111111111111>",
        WHEN,
        depth=1,
        via="http://www.example.com/",
        latency=0.25,
        outlinks=["http://www.example.com/b"],
    )
    data = serialize([*exchange().records(builder), *meta.records(builder)])
    read = [
        (r.rec_type, r.http_headers, r.content_stream().read())
        for r in ArchiveIterator(BytesIO(data), check_digests="raise")
    ]
    assert [kind for kind, _, _ in read] == ["response", "request", "metadata"]
    (_, headers, body), _, (_, _, fields_bytes) = read
    assert [v for k, v in headers.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    assert body == BODY
    fields = fields_bytes.decode()
    assert "outlink: http://www.example.com/b\r\n" in fields
    assert "fetchTimeMs: 250\r\n" in fields
    assert "via: http://www.example.com/\r\n" in fields


def _b32(data: bytes) -> bytes:
    import base64
    import hashlib

    return base64.b32encode(hashlib.sha1(data).digest())


def test_an_exchange_keeps_scrapys_headers_as_received() -> None:
    """Every header value, repeated names included, in order; the Host the request went to;
    the fetch time moved back by the download latency."""
    request = Request(
        "http://www.example.com/a?b=1",
        headers={"Accept": "*/*", "User-Agent": "newscrawl"},
        meta={"download_latency": 0.5},
    )
    response = HtmlResponse(
        request.url,
        status=404,
        headers=[("Content-Type", "text/html"), ("Set-Cookie", "a=1"), ("set-cookie", "b=2")],
        body=BODY,
        request=request,
    )
    exchange = Exchange.from_scrapy(request, response, WHEN + 0.5)
    assert exchange.fetched_at == WHEN
    assert exchange.request_line == b"GET /a?b=1 HTTP/1.1"
    assert exchange.request_headers == [
        (b"Host", b"www.example.com"),
        (b"Accept", b"*/*"),
        (b"User-Agent", b"newscrawl"),
    ]
    assert exchange.status_line == b"HTTP/1.1 404 Not Found"
    assert exchange.response_headers == [
        (b"Content-Type", b"text/html"),
        (b"Set-Cookie", b"a=1"),
        (b"Set-Cookie", b"b=2"),
    ]
    assert exchange.body == BODY
