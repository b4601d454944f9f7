"""Downloader middlewares of the fetch stage."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object

from newscrawl.spiders.guard import (
    ALLOWED_PROXIES,
    ALLOWED_SCHEMES,
    Refusal,
    proxy_endpoint,
    refusal,
)
from newscrawl.spiders.resolver import GuardedResolver

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

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


class RobotsForSources:
    """Let the robots.txt of a followed source's host past Scrapy's OffsiteMiddleware.

    A source page may be on any site (its request has `allow_offsite`), but the robots.txt
    request RobotsTxtMiddleware makes for it has no such mark: OffsiteMiddleware dropped it,
    and a robots.txt that was never fetched allows everything. Runs before OffsiteMiddleware.
    """

    def __init__(self) -> None:
        self._hosts: set[str] = set()

    def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        if request.meta.get("allow_offsite"):
            self._hosts.add(parts.netloc)
        elif (
            request.meta.get("dont_obey_robotstxt")
            and request.callback is NO_CALLBACK
            and parts.path == "/robots.txt"
            and parts.netloc in self._hosts
        ):
            request.meta["allow_offsite"] = True


class AddressGuard:
    """Refuse requests that would reach a loopback, private, link-local (...) address, and
    non-http(s) URLs.

    A crawl follows links to other sites, so a page could point it at this machine or its
    network (cloud metadata, admin pages). Every request, robots.txt and redirects included,
    is decided once its proxy is known (this runs after HttpProxyMiddleware, so a proxy from
    `http_proxy` counts as much as `NEWSCRAWL_PROXY`):

    - the target: its addresses come from the crawl's `GuardedResolver` (literal IPs and
      `localhost` need no lookup); it is refused if ANY of them is forbidden, or if it does not
      resolve. This holds through a proxy too: a proxy does not make a private target public.
    - the proxy: one named in `NEWSCRAWL_PROXY` or `NEWSCRAWL_ALLOWED_PROXIES` may be on any
      address (a loopback proxy is named, not allowed by `NEWSCRAWL_ALLOW_LOOPBACK`, which
      speaks of targets); any other proxy must be on public addresses.

    The addresses that passed are recorded with the resolver, which gives the downloader those
    and no others. Refusals raise `IgnoreRequest`, count `newscrawl/guard/refused[/REASON]`
    and are logged once per host.
    """

    def __init__(
        self,
        stats: StatsCollector,
        resolver: GuardedResolver,
        allow_loopback: bool = False,
        allow_private: bool = False,
        proxies: Iterable[str] = (),
    ) -> None:
        self.stats = stats
        self.resolver = resolver
        self.allow_loopback = allow_loopback
        self.allow_private = allow_private
        self.proxies = frozenset(proxy_endpoint(proxy) for proxy in proxies if proxy)
        self._warned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        settings = crawler.settings
        configured = load_object(settings["TWISTED_DNS_RESOLVER"])
        resolver_class = configured if issubclass(configured, GuardedResolver) else GuardedResolver
        guard = cls(
            crawler.stats,
            resolver_class.from_crawler(crawler),
            allow_loopback=settings.getbool("NEWSCRAWL_ALLOW_LOOPBACK"),
            allow_private=settings.getbool("NEWSCRAWL_ALLOW_PRIVATE"),
            proxies=[settings.get("NEWSCRAWL_PROXY"), *settings.getlist(ALLOWED_PROXIES)],
        )
        # The process installed its resolver from the project's settings (if it is a
        # GuardedResolver at all); this one has the crawl's own (its profile's hosts and
        # proxy) and what the guard vetted, so it must be the one the downloader asks.
        crawler.signals.connect(guard.resolver.install_on_reactor, signal=signals.engine_started)
        return guard

    async def process_request(self, request: Request) -> None:
        url = request.url
        host = urlparse_cached(request).hostname or ""
        if urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
            self._refuse(Refusal(url, "scheme"), host or url)
        target = await self._check(url, host, self.allow_loopback, self.allow_private)
        proxy = request.meta.get("proxy")
        if not proxy:
            self.resolver.vet(host, target)
            return
        proxy_host, port = proxy_endpoint(proxy)
        # Never log a proxy's password: name it by host and port only.
        where = f"{url} through proxy {proxy_host}:{port}"
        named = (proxy_host, port) in self.proxies
        self.resolver.vet(
            proxy_host, await self._check(where, proxy_host, named, named, proxy=True)
        )

    async def _check(
        self, url: str, host: str, allow_loopback: bool, allow_private: bool, proxy: bool = False
    ) -> tuple[str, ...]:
        """The addresses of `host` (the target, or the `proxy`) if all are allowed; else
        refuse the request."""
        addresses = await self.resolver.addresses(host)
        if not addresses:
            self._refuse(Refusal(url, "unresolved", host), host)
        found = refusal(url, addresses, allow_loopback, allow_private)
        if found is not None:
            if proxy:  # what allows a proxy is naming it, not a setting for targets
                found = Refusal(found.url, found.reason, found.address, ALLOWED_PROXIES)
            self._refuse(found, host)
        return addresses

    def _refuse(self, found: Refusal, host: str) -> NoReturn:
        self.stats.inc_value("newscrawl/guard/refused")
        self.stats.inc_value(f"newscrawl/guard/refused/{found.reason}")
        if host in self._warned:
            logger.debug("%s", found)
        else:
            self._warned.add(host)
            logger.warning("%s; further refusals of %s are logged at DEBUG", found, host)
        raise IgnoreRequest(str(found))
