"""WARC records for what the crawl saw: request/response pairs and per-page metadata.

`Exchange.from_scrapy` runs on the crawl's event loop and only copies references; building
the records (digests, header buffers) happens in the writer process (`Exchange.records`).
There, given the collection's `CrawlState`, a response whose payload is already archived
becomes a `revisit` record that names the stored one instead.

What is recorded is what came off the wire, before any downloader middleware ran: a gzip
body stays gzip-compressed, with its `Content-Encoding` and `Content-Length` headers as sent.
Transfer encoding is the one thing Twisted undoes before anyone sees the response: a
`Transfer-Encoding: chunked` body arrives de-chunked and without that header, so it is
recorded that way (decoded bytes, headers that match them; the WARC record's own length
delimits the message). pywb and warcio replay both forms the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser
from warcio.timeutils import datetime_to_iso_date

from newscrawl.archive.state import Known, Stored

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response
    from warcio.recordbuilder import RecordBuilder
    from warcio.recordloader import ArcWarcRecord

    from newscrawl.archive.state import CrawlState

HeaderList = list[tuple[bytes, bytes]]

IDENTICAL_PAYLOAD = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
# A 304 does not speak for the stored body's framing: these stay as they were stored.
_NOT_FRESHENED = frozenset({b"content-length", b"content-encoding", b"transfer-encoding"})
_REASONS = {status.value: status.phrase.encode("ascii") for status in HTTPStatus}


class RawHeaders(StatusAndHeaders):  # type: ignore[misc]  # warcio has no types
    """HTTP headers written byte for byte (warcio would %-encode non-ASCII values)."""

    def __init__(self, first_line: bytes, headers: HeaderList) -> None:
        protocol, _, statusline = first_line.decode("latin-1").partition(" ")
        super().__init__(
            statusline,
            [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers],
            protocol=protocol,
        )
        self.headers_buff = (
            first_line + b"\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n"
        )

    def compute_headers_buffer(self, header_filter: object = None) -> None:
        """Keep the bytes as received."""


def new_record_id() -> str:
    """A `<urn:uuid:...>` WARC-Record-ID."""
    record_id: str = StatusAndHeadersParser.make_warc_id()
    return record_id


def warc_date(when: float) -> str:
    """WARC/1.1 date with microseconds, of a POSIX time."""
    date: str = datetime_to_iso_date(
        datetime.fromtimestamp(when, UTC).replace(tzinfo=None), use_micros=True
    )
    return date


@dataclass(frozen=True)
class Exchange:
    """One fetch: the request as sent and the response as received, at `fetched_at` (POSIX
    time: a float pickles several times faster than an aware datetime, once a page)."""

    url: str
    fetched_at: float
    record_id: str
    request_line: bytes
    request_headers: HeaderList
    request_body: bytes
    status_line: bytes
    response_headers: HeaderList
    body: bytes
    ip_address: str | None = None

    @classmethod
    def from_scrapy(cls, request: Request, response: Response, received_at: float) -> Exchange:
        """Capture a Scrapy request/response pair as it came off the wire (`received_at`:
        POSIX time)."""
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = _header_list(request.headers)
        if not any(name.lower() == b"host" for name, _ in request_headers):
            request_headers.insert(0, (b"Host", parts.netloc.encode("ascii", "replace")))
        protocol = (response.protocol or "HTTP/1.1").encode("ascii")
        reason = _REASONS.get(response.status, b"")
        latency = request.meta.get("download_latency") or 0.0
        return cls(
            url=response.url,
            fetched_at=received_at - latency,
            record_id=new_record_id(),
            request_line=f"{request.method} {target} HTTP/1.1".encode("latin-1"),
            request_headers=request_headers,
            request_body=request.body,
            status_line=b"%s %d %s" % (protocol, response.status, reason),
            response_headers=_header_list(response.headers),
            body=response.body,
            ip_address=str(response.ip_address) if response.ip_address else None,
        )

    @property
    def status(self) -> int:
        """The HTTP status code."""
        return int(self.status_line.split(b" ")[1])

    def records(
        self, builder: RecordBuilder, state: CrawlState | None = None
    ) -> list[ArcWarcRecord]:
        """The response record, then the request record that is concurrent to it; with the
        collection's `state`, a revisit record instead of a payload it already holds."""
        date = warc_date(self.fetched_at)
        warc_headers = {"WARC-Record-ID": self.record_id, "WARC-Date": date}
        if self.ip_address:
            warc_headers["WARC-IP-Address"] = self.ip_address
        response = builder.create_warc_record(
            self.url,
            "response",
            payload=BytesIO(self.body),
            length=len(self.body),
            warc_headers_dict=warc_headers,
            http_headers=RawHeaders(self.status_line, self.response_headers),
        )
        if state is not None:
            response = self._deduplicated(builder, state, response, warc_headers)
        request = builder.create_warc_record(
            self.url,
            "request",
            payload=BytesIO(self.request_body),
            length=len(self.request_body),
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": self.record_id},
            http_headers=RawHeaders(self.request_line, self.request_headers),
        )
        return [response, request]

    def _deduplicated(
        self,
        builder: RecordBuilder,
        state: CrawlState,
        response: ArcWarcRecord,
        warc_headers: dict[str, str],
    ) -> ArcWarcRecord:
        """The record to write in place of `response`, and what the state learns from it.

        A 304 stands for the URL's stored response; a 200 whose payload digest is already
        archived (at any URL, in any run) stands for the record that first stored it.
        """
        known = state.known(self.url)
        if self.status == 304 and known is not None:
            headers = freshened(known.http_headers, self.response_headers)
            state.remember(self.url, known_from(headers, known.stored))
            state.counts["revisits"] += 1
            return revisit_record(
                builder,
                self.url,
                known.stored,
                profile=SERVER_NOT_MODIFIED,
                warc_headers=warc_headers,
                http_headers=headers,
            )
        if self.status != 200 or not self.body:
            return response
        digest = response.rec_headers.get_header("WARC-Payload-Digest")
        original = state.stored(digest)
        headers = response.http_headers
        if original is None:
            stored = Stored(self.url, warc_headers["WARC-Date"], self.record_id, digest)
            state.remember(self.url, known_from(headers, stored))
            state.counts["changed" if known else "new"] += 1
            return response
        state.remember(self.url, known_from(headers, original))
        state.counts["revisits"] += 1
        return revisit_record(
            builder,
            self.url,
            original,
            profile=IDENTICAL_PAYLOAD,
            warc_headers=warc_headers,
            http_headers=headers,
        )


def revisit_record(
    builder: RecordBuilder,
    uri: str,
    original: Stored,
    *,
    profile: str,
    warc_headers: dict[str, str],
    http_headers: StatusAndHeaders,
) -> ArcWarcRecord:
    """A revisit record that names the record it stands for (warcio's has no
    `WARC-Refers-To`, and always the identical-payload-digest profile)."""
    record = builder.create_revisit_record(
        uri,
        original.payload_digest,
        original.target_uri,
        original.warc_date,
        http_headers=http_headers,
        warc_headers_dict={**warc_headers, "WARC-Refers-To": original.record_id},
    )
    record.rec_headers.replace_header("WARC-Profile", profile)
    return record


def freshened(stored: bytes, updates: HeaderList) -> RawHeaders:
    """The stored response's status line and headers, updated by a 304's (RFC 9111 4.3.4).

    A server-not-modified revisit carries these rather than the 304's own: replay engines
    (pywb, wabac.js) take status and headers from the revisit, and would replay a 304.
    """
    first_line, *lines = stored.rstrip(b"\r\n").split(b"\r\n")
    headers = [(name, value.strip()) for name, _, value in (h.partition(b":") for h in lines)]
    new = {name.lower() for name, _ in updates} - _NOT_FRESHENED
    return RawHeaders(
        first_line,
        [h for h in headers if h[0].lower() not in new]
        + [h for h in updates if h[0].lower() in new],
    )


def known_from(http_headers: StatusAndHeaders, stored: Stored) -> Known:
    """What the state keeps of a response: its validators, its header block, its record."""
    return Known(
        http_headers.get_header("ETag"),
        http_headers.get_header("Last-Modified"),
        http_headers.headers_buff,
        stored,
    )


@dataclass(frozen=True)
class PageMetadata:
    """What the spider learned about a page: a `metadata` record concurrent to its response,
    with the fields Heritrix writes (how the page was reached, how long it took, where it
    links). Built into fields by the writer process, not by the crawl."""

    url: str
    concurrent_to: str
    fetched_at: float
    depth: int = 0
    via: str | None = None
    latency: float | None = None
    outlinks: list[str] = field(default_factory=list)

    def fields(self) -> list[tuple[str, str]]:
        """The record's `name: value` fields, in Heritrix's order."""
        fields = [("hopsFromSeed", str(self.depth))]
        if self.via:
            fields.append(("via", self.via))
        if self.latency is not None:
            fields.append(("fetchTimeMs", str(round(self.latency * 1000))))
        fields.extend(("outlink", url) for url in self.outlinks)
        return fields

    def records(
        self, builder: RecordBuilder, state: CrawlState | None = None
    ) -> list[ArcWarcRecord]:
        """One `application/warc-fields` record."""
        body = "".join(f"{name}: {value}\r\n" for name, value in self.fields()).encode("utf-8")
        record = builder.create_warc_record(
            self.url,
            "metadata",
            payload=BytesIO(body),
            length=len(body),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Date": warc_date(self.fetched_at),
                "WARC-Concurrent-To": self.concurrent_to,
            },
        )
        return [record]


def page_json(url: str, title: str, fetched_at: float) -> str:
    """A pages.jsonl line (WACZ / ReplayWeb.page page list)."""
    return json.dumps({"url": url, "ts": warc_date(fetched_at), "title": title}, ensure_ascii=False)


def _header_list(headers: dict[bytes, list[bytes]]) -> HeaderList:
    """Scrapy `Headers` as (name, value) pairs. Read through `dict.items`: its keys are stored
    normalised and its values as lists, and its own `items` normalises every key again."""
    return [(name, value) for name, values in dict.items(headers) for value in values]
