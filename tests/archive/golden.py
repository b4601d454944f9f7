"""Golden WARC records: an exchange with pinned ids and dates, and warcio to write it."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from warcio.warcwriter import WARCWriter

from newscrawl.archive.records import Exchange

WHEN = datetime(2023, 6, 18, 8, 15, 46, 123456, tzinfo=UTC).timestamp()
BODY = b"<html><title>t</title></html>"


class FixedIds(WARCWriter):
    """warcio's FixedTestRecordMixin idea: deterministic record ids."""

    counter = 0

    @classmethod
    def _make_warc_id(cls) -> str:
        cls.counter += 1
        return f"<urn:uuid:00000000-0000-0000-0000-{cls.counter:012d}>"


def exchange() -> Exchange:
    return Exchange(
        url="http://www.example.com/a?b=1",
        fetched_at=WHEN,
        record_id="<urn:uuid:11111111-1111-1111-1111-111111111111>",
        request_line=b"GET /a?b=1 HTTP/1.1",
        request_headers=[(b"Host", b"www.example.com"), (b"Accept", b"*/*")],
        request_body=b"",
        status_line=b"HTTP/1.1 200 OK",
        response_headers=[
            (b"Content-Type", b"text/html"),
            (b"Set-Cookie", b"a=1"),
            (b"Set-Cookie", b"b=2"),
            (b"X-Odd", b"caf\xe9"),
        ],
        body=BODY,
        ip_address="127.0.0.1",
    )


def serialize(records: list) -> bytes:
    out = BytesIO()
    writer = FixedIds(out, gzip=False, warc_version="1.1")
    for record in records:
        writer.write_record(record)
    return out.getvalue()
