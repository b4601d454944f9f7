"""WARC records for what the crawl saw: request/response pairs and per-page metadata.

`Exchange.from_scrapy` runs on the crawl's event loop and only copies references; building
the records (digests, header buffers) happens in the writer thread (`Exchange.records`).

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

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response
    from warcio.recordbuilder import RecordBuilder
    from warcio.recordloader import ArcWarcRecord

HeaderList = list[tuple[bytes, bytes]]


class RawHeaders(StatusAndHeaders):
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
    return StatusAndHeadersParser.make_warc_id()


def warc_date(when: datetime) -> str:
    """WARC/1.1 date with microseconds."""
    return datetime_to_iso_date(when.astimezone(UTC).replace(tzinfo=None), use_micros=True)


@dataclass(frozen=True)
class Exchange:
    """One fetch: the request as sent and the response as received."""

    url: str
    fetched_at: datetime
    record_id: str
    request_line: bytes
    request_headers: HeaderList
    request_body: bytes
    status_line: bytes
    response_headers: HeaderList
    body: bytes
    ip_address: str | None = None

    @classmethod
    def from_scrapy(cls, request: Request, response: Response, received_at: datetime) -> Exchange:
        """Capture a Scrapy request/response pair as it came off the wire."""
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = _header_list(request.headers)
        if not any(name.lower() == b"host" for name, _ in request_headers):
            request_headers.insert(0, (b"Host", parts.netloc.encode("ascii", "replace")))
        protocol = (response.protocol or "HTTP/1.1").encode("ascii")
        try:
            reason = HTTPStatus(response.status).phrase
        except ValueError:
            reason = ""
        latency = request.meta.get("download_latency") or 0.0
        return cls(
            url=response.url,
            fetched_at=datetime.fromtimestamp(received_at.timestamp() - latency, UTC),
            record_id=new_record_id(),
            request_line=f"{request.method} {target} HTTP/1.1".encode("latin-1"),
            request_headers=request_headers,
            request_body=request.body,
            status_line=b"%s %d %s" % (protocol, response.status, reason.encode("ascii")),
            response_headers=_header_list(response.headers),
            body=response.body,
            ip_address=str(response.ip_address) if response.ip_address else None,
        )

    def records(self, builder: RecordBuilder) -> list[ArcWarcRecord]:
        """The response record, then the request record that is concurrent to it."""
        date = warc_date(self.fetched_at)
        response_headers = {"WARC-Record-ID": self.record_id, "WARC-Date": date}
        if self.ip_address:
            response_headers["WARC-IP-Address"] = self.ip_address
        response = builder.create_warc_record(
            self.url,
            "response",
            payload=BytesIO(self.body),
            length=len(self.body),
            warc_headers_dict=response_headers,
            http_headers=RawHeaders(self.status_line, self.response_headers),
        )
        request = builder.create_warc_record(
            self.url,
            "request",
            payload=BytesIO(self.request_body),
            length=len(self.request_body),
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": self.record_id},
            http_headers=RawHeaders(self.request_line, self.request_headers),
        )
        return [response, request]


@dataclass(frozen=True)
class PageMetadata:
    """What the spider learned about a page: a `metadata` record concurrent to its response."""

    url: str
    concurrent_to: str
    fetched_at: datetime
    fields: list[tuple[str, str]] = field(default_factory=list)

    def records(self, builder: RecordBuilder) -> list[ArcWarcRecord]:
        """One `application/warc-fields` record, as Heritrix writes them."""
        body = "".join(f"{name}: {value}\r\n" for name, value in self.fields).encode("utf-8")
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


def fetch_fields(
    outlinks: list[str], latency: float | None, depth: int, via: str | None
) -> list[tuple[str, str]]:
    """metadata-record fields of a page: how it was reached, how long it took, where it links."""
    fields = [("hopsFromSeed", str(depth))]
    if via:
        fields.append(("via", via))
    if latency is not None:
        fields.append(("fetchTimeMs", str(round(latency * 1000))))
    fields.extend(("outlink", url) for url in outlinks)
    return fields


def page_json(url: str, title: str, fetched_at: datetime) -> str:
    """A pages.jsonl line (WACZ / ReplayWeb.page page list)."""
    return json.dumps({"url": url, "ts": warc_date(fetched_at), "title": title}, ensure_ascii=False)


def _header_list(headers: object) -> HeaderList:
    return [(name, value) for name, values in headers.items() for value in values]  # type: ignore[attr-defined]
