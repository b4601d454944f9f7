"""Downloader middlewares of the fetch stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler


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
