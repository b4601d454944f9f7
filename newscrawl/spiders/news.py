"""The `news` spider: seeds from feeds, sitemaps and start pages, follows article links.

Everything it does is set by a crawl profile (`newscrawl.profile`); the WARC archiving
happens beside it, in `newscrawl.archive`, from what comes off the wire.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import feedparser
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import SitemapSpider

from newscrawl.anchors import leads_to_source, other_host, source_label
from newscrawl.extract.charset import decode_html
from newscrawl.items import Page
from newscrawl.profile import Profile, ProfileError, load_profile
from newscrawl.signals import request_handled

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

# Request meta of a page fetched because an article named it as its source: that article.
SOURCE_OF = "newscrawl_source_of"
Hop = Literal["page", "asset", "source"]


class NewsSpider(SitemapSpider):
    """Crawl news sites as a crawl profile describes them."""

    name = "news"

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, *args: Any, profile: str | Profile | None = None, **kwargs: Any
    ) -> Self:
        """Load the profile and apply its settings before the crawler freezes them."""
        source = profile or crawler.settings.get("NEWSCRAWL_PROFILE")
        if not source:
            raise ProfileError(
                "no crawl profile: run `scrapy crawl news -a profile=settings/NAME.toml` "
                "or `newscrawl crawl settings/NAME.toml`"
            )
        loaded = source if isinstance(source, Profile) else load_profile(source)
        crawler.settings.setdict(loaded.scrapy_settings(), priority="spider")
        return super().from_crawler(crawler, *args, profile=loaded, **kwargs)

    def __init__(self, profile: Profile, *args: Any, **kwargs: Any) -> None:
        scope = profile.scope
        self.profile = profile
        self.allowed_domains = list(scope.allowed_domains)
        self.sitemap_urls = profile.seeds.sitemaps
        self.sitemap_rules = [(pattern, "parse_page") for pattern in scope.article_patterns or [""]]
        super().__init__(*args, **kwargs)
        self._article = _any_of(scope.article_patterns)
        self._deny = _any_of(scope.deny_patterns) if scope.deny_patterns else None
        # Domains are checked on host names in `_request` (LinkExtractor's allow_domains
        # compares whole netlocs, so it misses hosts with a port).
        self._links = LinkExtractor(allow=scope.article_patterns, deny=scope.deny_patterns)
        self._hosts = _host_pattern(scope.allowed_domains)
        self._sources = 0
        # URLs already requested: checked before a Request is built, which is far cheaper
        # than building one for every repeated link and letting the dupefilter drop it.
        self._seen: set[str] = set()

    async def start(self) -> AsyncIterator[Any]:
        """Sitemaps first (through SitemapSpider), then feeds, then start pages."""
        async for request in super().start():
            yield request
        for url in self.profile.seeds.feeds:
            yield Request(url, callback=self.parse_feed, errback=self.on_error)
        for url in self.profile.seeds.start_urls:
            yield Request(url, callback=self.parse_page, errback=self.on_error)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Queue every entry of an RSS or Atom feed."""
        feed = feedparser.parse(response.body, response_headers=dict(_text_headers(response)))
        links = [entry.get("link") for entry in feed.entries if entry.get("link")]
        if not links and feed.bozo:
            self.crawler.stats.inc_value("newscrawl/feeds/invalid")
            logger.warning("not a usable feed: %s (%s)", response.url, feed.get("bozo_exception"))
        self.crawler.stats.inc_value("newscrawl/feeds/entries", len(links))
        for url in links:
            yield from self._request(response.urljoin(url), response)

    def parse_page(self, response: Response) -> Iterator[Page | Request]:
        """Queue an HTML page's article links (and optionally its lead image and the source it
        names), then describe it. A source page is described, never followed further."""
        if not isinstance(response, HtmlResponse):
            return
        is_source = SOURCE_OF in response.meta
        is_article = (
            is_source
            or bool(self._article.search(response.url))
            or response.css('meta[property="og:type"]::attr(content)').get() == "article"
        )
        self.crawler.stats.inc_value(
            "newscrawl/pages/articles" if is_article else "newscrawl/pages/other"
        )
        scope = self.profile.scope
        if scope.fetch_images:
            image = response.css('meta[property="og:image"]::attr(content)').get()
            if image:
                yield from self._request(response.urljoin(image), response, hop="asset")
        if scope.follow_sources and is_article and not is_source:
            for url in _named_sources(response):
                yield from self._request(url, response, hop="source")
        if scope.follow_links and not is_source:
            for link in self._links.extract_links(response):
                yield from self._request(link.url, response)
        # Last, so that later stages working on the page never hold up its links.
        content_type = _header(response.headers.get("Content-Type")) or ""
        yield Page(
            url=response.url,
            status=response.status,
            title=_title(response),
            is_article=is_article,
            depth=response.meta.get("depth", 0),
            referer=_header(response.request.headers.get("Referer")) if response.request else None,
            outlinks=sorted(
                {response.urljoin(href) for href in response.css("a::attr(href)").getall()}
            ),
            download_latency=response.meta.get("download_latency"),
            # Decoded as `newscrawl extract` decodes a WARC's page, not as Scrapy does: a
            # page's charset label is often wrong, and both must give the same article.
            html=decode_html(response.body, content_type),
            content_type=content_type,
        )

    def parse_asset(self, response: Response) -> None:
        """Assets (a page's image) are archived off the wire and need no parsing. A method,
        not a function, so that requests can be kept in a JOBDIR queue and resumed."""

    def on_error(self, failure: Failure) -> None:
        """Count and log a failed fetch; the crawl goes on."""
        request = getattr(failure, "request", None)
        if request is not None:
            self.crawler.signals.send_catch_log(request_handled, request=request)
        if isinstance(failure.value, IgnoreRequest):
            return
        self.crawler.stats.inc_value("newscrawl/fetch/errors")
        logger.warning(
            "fetch failed: %s: %s", getattr(request, "url", "?"), failure.getErrorMessage()
        )

    def _request(self, url: str, source: Response, *, hop: Hop = "page") -> Iterable[Request]:
        """A request for `url` found on `source`, unless it is known, denied, offsite or too deep.

        Pages stop at `max_depth`; an asset (a page's image) or the source an article names
        may go one hop further, which is why Scrapy's own DEPTH_LIMIT is set one above it (see
        `Profile.scrapy_settings`). A source may be on any site, up to `max_sources` of them.
        """
        scope = self.profile.scope
        depth = source.meta.get("depth", 0) + 1
        if depth > scope.max_depth + (hop != "page"):
            return ()
        if url in self._seen or (self._deny and self._deny.search(url)):
            return ()
        meta = {}
        if hop == "source":
            if self._sources >= scope.max_sources:
                return ()
            self._sources += 1
            self.crawler.stats.inc_value("newscrawl/sources/queued")
            meta = {"allow_offsite": True, SOURCE_OF: source.url}
        elif not self._hosts.match(urlsplit(url).hostname or ""):
            self.crawler.stats.inc_value("newscrawl/links/offsite")
            return ()
        self._seen.add(url)
        callback = self.parse_asset if hop == "asset" else self.parse_page
        return (Request(url, callback=callback, errback=self.on_error, meta=meta),)


def _named_sources(response: Response) -> list[str]:
    """Pages on other sites that an article names as its source: "Source link" (and the
    like) anchors, links labelled so ("Quelle: <a>..."), and a canonical URL; never a home
    page."""
    own = urlsplit(response.url).hostname or ""
    anchors = [
        href
        for a in response.css("a[href]")
        if (href := a.attrib.get("href", ""))
        and (
            leads_to_source(" ".join(a.css("::text").getall()))
            or (other_host(href, own) and source_label(a.root) is not None)
        )
    ]
    canonical = response.css('link[rel="canonical"]::attr(href)').getall()
    urls = (response.urljoin(href) for href in [*anchors, *canonical] if href)
    # A home page says where a site is, not where the text is: not worth a request.
    split = ((url, urlsplit(url)) for url in urls)
    return list(
        dict.fromkeys(u for u, p in split if p.hostname not in (None, own) and p.path.strip("/"))
    )


def _any_of(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


def _host_pattern(domains: Iterable[str]) -> re.Pattern[str]:
    """Host names on or below `domains` (any host when there are none), as OffsiteMiddleware."""
    if not domains:
        return re.compile(".*")
    names = "|".join(re.escape(domain.lower()) for domain in domains)
    return re.compile(rf"^(?:.*\.)?(?:{names})$")


def _title(response: Response) -> str:
    title = response.css("title::text").get() or response.css(
        'meta[property="og:title"]::attr(content)'
    ).get("")
    return " ".join(title.split())


def _header(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None


def _text_headers(response: Response) -> Iterable[tuple[str, str]]:
    for name, values in response.headers.items():
        yield name.decode("latin-1").lower(), b", ".join(values).decode("latin-1")
