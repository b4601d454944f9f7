"""HTTP responses of the demo servers: a `Resource` per URL, realistic headers and validators,
and answers to conditional requests (304)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Mapping

HTML = "text/html; charset=utf-8"
PAGE_CACHE = "public, max-age=300"
_PLAIN_404 = (
    b"<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
    b"<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


@dataclass(frozen=True)
class Resource:
    """One HTTP response as the server sends it (Date, lengths and encodings are the server's)."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    gzip: bool = False
    chunked: bool = False

    def header(self, name: str) -> str | None:
        """The first value of a header, by case-insensitive name."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


class Resolver(Protocol):
    """Anything that answers a URL: the demo world, the generated site, a test's stub."""

    def resolve(self, url: str, request_headers: Mapping[str, str]) -> Resource: ...


def http_date(moment: datetime) -> str:
    """An HTTP date (RFC 9110 IMF-fixdate)."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def make_resource(
    body: bytes,
    content_type: str,
    modified: datetime | None,
    *,
    status: int = 200,
    server: str = "nginx",
    cache: str = PAGE_CACHE,
    extra: tuple[tuple[str, str], ...] = (),
    gzip: bool = False,
    chunked: bool = False,
) -> Resource:
    """A response with realistic headers, and validators (Last-Modified, ETag) if `modified`."""
    headers = [("Server", server), ("Content-Type", content_type)]
    if modified is not None:
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        headers += [("Last-Modified", http_date(modified)), ("ETag", etag)]
    headers += [("Cache-Control", cache), *extra]
    if gzip:
        headers.append(("Vary", "Accept-Encoding"))
    return Resource(status, tuple(headers), body, gzip=gzip, chunked=chunked)


def conditional(resource: Resource, request_headers: Mapping[str, str]) -> Resource:
    """The resource, or a bodiless 304 when the request's validators say the client has it."""
    if resource.status != 200:
        return resource
    asked = {k.lower(): v for k, v in request_headers.items()}
    if "if-none-match" in asked:
        fresh = _etag_matches(asked["if-none-match"], resource.header("ETag"))
    else:
        fresh = _not_modified_since(
            asked.get("if-modified-since"), resource.header("Last-Modified")
        )
    if not fresh:
        return resource
    return Resource(304, resource.headers, b"", chunked=resource.chunked)


def _etag_matches(condition: str, etag: str | None) -> bool:
    def plain(tag: str) -> str:  # weak comparison; the server's "-gzip" variant is the same entity
        return tag.strip().removeprefix("W/").replace('-gzip"', '"')

    if etag is None:
        return False
    return condition.strip() == "*" or plain(etag) in {plain(t) for t in condition.split(",")}


def _not_modified_since(since: str | None, last_modified: str | None) -> bool:
    if not since or not last_modified:
        return False
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def normalize(url: str) -> str:
    """The world's key for a URL: http, lower-case host, no default port, no fragment."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port not in (None, 80):
        host = f"{host}:{parts.port}"
    query = f"?{parts.query}" if parts.query else ""
    return f"http://{host}{parts.path or '/'}{query}"


def plain_404() -> Resource:
    """A host-less 404, as nginx sends it."""
    return make_resource(_PLAIN_404, HTML, None, status=404, cache="no-cache")
