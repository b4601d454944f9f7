"""ConditionalRequests: ask whether a page an earlier run archived has changed.

A request for a URL the collection's crawl state knows carries that response's validators
(`If-None-Match`, `If-Modified-Since`). A 304 answer has already been archived (as a
revisit record) when this middleware sees it; it is not an error, so it ends here as an
ignored request instead of reaching the spider as one. Unchanged pages are not re-parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from newscrawl.archive.config import WarcConfig
from newscrawl.archive.state import CrawlState
from newscrawl.signals import UNCONDITIONAL

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

VALIDATOR_HEADERS = (b"If-None-Match", b"If-Modified-Since")


class ConditionalRequests:
    """Add validators from earlier runs to requests; settle 304 answers."""

    def __init__(self, state: CrawlState, stats: StatsCollector) -> None:
        self.state = state
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        config = WarcConfig.from_settings(crawler.settings)
        state = CrawlState.open_readonly(config.state_path) if config.incremental else None
        if state is None:  # switched off, or the collection's first run: nothing is known
            raise NotConfigured
        middleware = cls(state, crawler.stats)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_request(self, request: Request) -> None:
        if request.method != "GET" or urlparse_cached(request).path == "/robots.txt":
            return
        if request.meta.get(UNCONDITIONAL):
            return
        if any(name in request.headers for name in VALIDATOR_HEADERS):
            return
        known = self.state.known(request.url)
        if known is None:
            return
        if known.etag:
            request.headers[b"If-None-Match"] = known.etag
        if known.last_modified:
            request.headers[b"If-Modified-Since"] = known.last_modified
        self.stats.inc_value("newscrawl/incremental/conditional")

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 304 and any(name in request.headers for name in VALIDATOR_HEADERS):
            self.stats.inc_value("newscrawl/incremental/not_modified")
            raise IgnoreRequest(f"not modified since the last run: {request.url}")
        return response

    def spider_closed(self) -> None:
        self.state.close()
