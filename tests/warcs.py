"""WARCs in tests, read back and written with warcio (the reference implementation)."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

if TYPE_CHECKING:
    from pathlib import Path


@dataclass
class Record:
    """A WARC record read back, with its payload as stored (still content-encoded)."""

    file: str
    offset: int
    type: str
    headers: StatusAndHeaders
    http: StatusAndHeaders | None
    raw: bytes
    content: bytes

    @property
    def uri(self) -> str:
        return self.headers.get_header("WARC-Target-URI") or ""

    @property
    def id(self) -> str:
        return self.headers.get_header("WARC-Record-ID")

    @property
    def status(self) -> int:
        return int(self.http.get_statuscode()) if self.http else 0


def read_records(paths: list[Path]) -> list[Record]:
    """Every record of every file, digests checked as they are read."""
    records = []
    for path in paths:
        with path.open("rb") as fh:
            it = ArchiveIterator(fh, check_digests="raise")
            for rec in it:
                raw = rec.raw_stream.read()
                records.append(
                    Record(
                        path.name,
                        it.offset,
                        rec.rec_type,
                        rec.rec_headers,
                        rec.http_headers,
                        raw,
                        b"",
                    )
                )
    for record in records:
        record.content = _decode(record)
    return records


def _decode(record: Record) -> bytes:
    encoding = record.http.get_header("Content-Encoding") if record.http else None
    return gzip.decompress(record.raw) if encoding == "gzip" else record.raw


def raw_record(path: Path, offset: int) -> bytes:
    """The bytes of the record at `offset`: its gzip member, decompressed."""
    with path.open("rb") as fh:
        fh.seek(offset)
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(fh.read())


def response(
    url: str, body: bytes, content_type: str = "text/html", status: str = "200 OK"
) -> bytes:
    """One gzip member: a response record written by warcio."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )
    return out.getvalue()


def html(text: str) -> bytes:
    return f"<html><head><title>{text}</title></head><body><p>{text}</p></body></html>".encode()
