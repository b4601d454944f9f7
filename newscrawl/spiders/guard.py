"""Which URLs a crawl may fetch: the address guard's decision, free of any network.

A crawl follows links to other sites, so a page can point it at the machine it runs on or
at its private network (cloud metadata at 169.254.169.254, an admin page on 10.0.0.1, a
`file://` path). `refusal()` says whether a URL with the given resolved addresses must be
refused, and why; `AddressGuard` (in `middlewares.py`) applies it to every request, with the
addresses `GuardedResolver` (in `resolver.py`) found.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOW_LOOPBACK = "NEWSCRAWL_ALLOW_LOOPBACK"
ALLOW_PRIVATE = "NEWSCRAWL_ALLOW_PRIVATE"
ALLOWED_PROXIES = "NEWSCRAWL_ALLOWED_PROXIES"


@dataclass(frozen=True)
class Refusal:
    """Why a URL is refused: `reason` is a short stats key, `setting` what would allow it."""

    url: str
    reason: str
    address: str = ""
    setting: str = ""

    def __str__(self) -> str:
        if self.reason == "scheme":
            return f"refused {self.url}: only http and https URLs are fetched"
        if self.reason == "unresolved":
            return f"refused {self.url}: {self.address} does not resolve"
        if self.setting == ALLOWED_PROXIES:
            allow = f" (name the proxy in NEWSCRAWL_PROXY or {ALLOWED_PROXIES} to use it)"
        else:
            allow = f" (set {self.setting} = true to allow)" if self.setting else ""
        return f"refused {self.url}: address {self.address} is {self.reason}{allow}"


def literal_address(host: str) -> IPAddress | None:
    """The IP address a host name spells out (IPv6, dotted quad, or legacy `127.1`), or None.

    Legacy IPv4 forms (`127.1`, `0x7f.0.0.1`, `2130706433`) are what `inet_aton` and so the
    system resolver accept: a guard that only read dotted quads would let them through.
    """
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not host or not all(c in "0123456789abcdefxABCDEFX." for c in host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def proxy_endpoint(proxy: str) -> tuple[str, int]:
    """A proxy URL's (host, port), the way Scrapy connects to it (no scheme: http)."""
    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    return (parts.hostname or "").lower(), port


def host_addresses(host: str) -> tuple[IPAddress, ...] | None:
    """The addresses a host has without asking DNS: a literal IP, or `localhost` (RFC 6761)."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return (ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv6Address("::1"))
    address = literal_address(host)
    return None if address is None else (address,)


# Checked in this order: the first that holds names the kind of address.
_KINDS = (
    ("loopback", "is_loopback"),
    ("unspecified", "is_unspecified"),
    ("link-local", "is_link_local"),
    ("multicast", "is_multicast"),
    ("reserved", "is_reserved"),
    ("private", "is_private"),
)


def classify(address: IPAddress) -> str | None:
    """The kind of non-public address this is ("loopback", "private", ...), or None if public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind, test in _KINDS:
        if getattr(address, test):
            return kind
    # is_global also excludes ranges is_private misses, such as CGNAT 100.64.0.0/10.
    return None if address.is_global else "private"


def refusal(
    url: str,
    addresses: Iterable[str | IPAddress],
    allow_loopback: bool = False,
    allow_private: bool = False,
) -> Refusal | None:
    """Why `url`, whose host has `addresses`, must not be fetched; None if it may be.

    Loopback is allowed by `allow_loopback` only (the demo world is served on loopback);
    every other non-public kind by `allow_private`.

    A host is refused if ANY of its addresses is forbidden: the downloader may connect to
    any of them. Addresses that are not IPs (a resolver's odd answer) are ignored.
    """
    if urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
        return Refusal(url, "scheme")
    for value in addresses:
        address = value if not isinstance(value, str) else literal_address(value)
        if address is None:
            continue
        kind = classify(address)
        allowed = allow_loopback if kind == "loopback" else allow_private
        if kind is None or allowed:
            continue
        setting = ALLOW_LOOPBACK if kind == "loopback" else ALLOW_PRIVATE
        return Refusal(url, kind, str(value), setting)
    return None
