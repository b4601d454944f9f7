"""Downloader middlewares of the fetch stage."""

from __future__ import annotations

import logging
import socket
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.asyncio import run_in_thread
from scrapy.utils.httpobj import urlparse_cached

from newscrawl.spiders.guard import Refusal, host_addresses, refusal

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.spiders.guard import IPAddress

    Resolver = Callable[[str], Awaitable["Sequence[str] | None"]]

logger = logging.getLogger(__name__)


class ProxyMiddleware:
    """Send every request, robots.txt included, through `NEWSCRAWL_PROXY`.

    Runs before Scrapy's HttpProxyMiddleware, which then does the proxying: target URIs stay
    the real ones while the bytes go to the proxy (this is how the demo world is served).
    """

    def __init__(self, proxy: str) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        proxy = crawler.settings.get("NEWSCRAWL_PROXY")
        if not proxy:
            raise NotConfigured
        return cls(proxy)

    def process_request(self, request: Request) -> None:
        request.meta.setdefault("proxy", self.proxy)


async def resolve(host: str) -> tuple[str, ...] | None:
    """Every address `host` resolves to (IPv4 and IPv6), or None if it does not resolve."""
    try:
        infos = await run_in_thread(socket.getaddrinfo, host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuard:
    """Refuse requests to loopback, private, link-local (...) addresses and non-http(s) URLs.

    A crawl follows links to other sites, so a page could point it at this machine or its
    network (cloud metadata, admin pages). Every request, robots.txt included, is decided
    before any connection: literal IP hosts directly, host names by resolving them first
    (cached per host) and refusing if ANY address is forbidden. A name that does not resolve
    is left to the downloader, which fails with its own DNS error. Refusals raise
    `IgnoreRequest`, count `newscrawl/guard/refused[/REASON]` and are logged once per host.

    With a proxy (`meta["proxy"]`, so this runs after ProxyMiddleware) the proxy, not this
    machine, resolves and connects to the target: then only a literal-IP (or `localhost`)
    target is checked, and the proxy's own address is checked instead, so a loopback proxy
    needs `NEWSCRAWL_ALLOW_LOOPBACK`. The downloader resolves a name again when it connects;
    a name whose DNS answer changes in between (rebinding) is not caught here.
    """

    def __init__(
        self,
        stats: StatsCollector,
        allow_loopback: bool = False,
        allow_private: bool = False,
        resolver: Resolver = resolve,
    ) -> None:
        self.stats = stats
        self.allow_loopback = allow_loopback
        self.allow_private = allow_private
        self.resolver = resolver
        self._addresses: dict[str, Sequence[str | IPAddress]] = {}
        self._warned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(
            crawler.stats,
            allow_loopback=crawler.settings.getbool("NEWSCRAWL_ALLOW_LOOPBACK"),
            allow_private=crawler.settings.getbool("NEWSCRAWL_ALLOW_PRIVATE"),
        )

    async def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        host = parts.hostname or ""
        proxy = request.meta.get("proxy")
        # First what needs no DNS: the scheme and a literal-IP target.
        found = refusal(
            request.url, host_addresses(host) or (), self.allow_loopback, self.allow_private
        )
        if found is None and proxy:
            found = await self._check_proxy(request.url, proxy)
            host = f"proxy {found.address}" if found else host
        elif found is None:
            found = await self._check_host(request.url, host)
        if found is not None:
            self._refuse(found, host or request.url)

    async def _check_host(self, url: str, host: str) -> Refusal | None:
        if not host or host_addresses(host) is not None:
            return None  # no host, or a literal one already decided
        key = host.lower()
        if key not in self._addresses:
            addresses = await self.resolver(key)
            if addresses is None:
                return None  # the downloader reports its own DNS error
            self._addresses[key] = tuple(addresses)
        return refusal(url, self._addresses[key], self.allow_loopback, self.allow_private)

    async def _check_proxy(self, url: str, proxy: str) -> Refusal | None:
        proxy_parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        host = proxy_parts.hostname or ""
        # The netloc without credentials: never log a proxy's password.
        where = f"{url} through proxy {host}:{proxy_parts.port or ''}".rstrip(":")
        known = host_addresses(host)
        if known is not None:
            return refusal(where, known, self.allow_loopback, self.allow_private)
        return await self._check_host(where, host)

    def _refuse(self, found: Refusal, host: str) -> None:
        self.stats.inc_value("newscrawl/guard/refused")
        self.stats.inc_value(f"newscrawl/guard/refused/{found.reason}")
        if host in self._warned:
            logger.debug("%s", found)
        else:
            self._warned.add(host)
            logger.warning("%s; further refusals of %s are logged at DEBUG", found, host)
        raise IgnoreRequest(str(found))
