"""WarcArchiver: archives every exchange of a crawl as WARC/1.1.

It listens to `response_downloaded`, which Scrapy sends before any downloader middleware
has touched the response (a gzip body is still compressed), so what is written is what
came off the wire: robots.txt, redirects, errors and assets included.

It is also a spider middleware, so that it sees each `Page` the spider makes from a
response: it writes the page's metadata record (outlinks, fetch timing) and fills in where
the page was archived (file, offset, record id, digest) before the item moves on to the
extract stage. When the spider closes, the files are closed and indexed (CDXJ), and
optionally packaged (WACZ).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

import newscrawl
from newscrawl.archive.config import WarcConfig
from newscrawl.archive.index import PackagingError, write_cdxj, write_pages, write_wacz
from newscrawl.archive.records import Exchange, PageMetadata, fetch_fields, page_json
from newscrawl.archive.writer import BackgroundWriter, WarcFiles, Written, timestamp14
from newscrawl.items import Page

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from concurrent.futures import Future
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

META_KEY = "newscrawl_warc"


@dataclass(frozen=True)
class Capture:
    """A response queued for writing: its record id, fetch time and where it will land."""

    record_id: str
    fetched_at: datetime
    written: Future[Written]


class WarcArchiver:
    """Writes WARC files, their CDXJ index and (optionally) a WACZ package per run."""

    def __init__(self, crawler: Crawler, config: WarcConfig) -> None:
        self.crawler = crawler
        self.config = config
        self.run_id = ""
        self.writer: BackgroundWriter | None = None
        self._pages: list[str] = []
        self._stopping = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        archiver = cls(crawler, WarcConfig.from_settings(crawler.settings))
        crawler.signals.connect(archiver.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(archiver.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(archiver.spider_closed, signal=signals.spider_closed)
        return archiver

    def spider_opened(self, spider: Spider) -> None:
        """Start the writer thread; the first WARC file opens with the first record."""
        settings = self.crawler.settings
        self.run_id = f"{self.config.prefix}-{timestamp14(datetime.now(UTC))}"
        profile = getattr(spider, "profile", None)
        info = {
            "software": f"newscrawl/{newscrawl.__version__} (Scrapy, warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "hostname": socket.gethostname(),
            "operator": self.config.operator,
            "isPartOf": self.config.collection,
            "description": getattr(profile, "description", ""),
            "crawl-profile": str(getattr(profile, "path", "")),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": settings.get("USER_AGENT"),
            "run-id": self.run_id,
        }
        files = WarcFiles(
            self.config.folder,
            self.config.prefix,
            info,
            max_size=self.config.max_size,
            gzip_level=self.config.gzip_level,
        )
        self.writer = BackgroundWriter(files, self.config.queue_size)
        self.crawler.stats.set_value("newscrawl/run_id", self.run_id)
        self.crawler.stats.set_value("newscrawl/warc/folder", str(self.config.folder))
        logger.info("archiving to %s (run %s)", self.config.folder, self.run_id)

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        """Queue the exchange as it came off the wire."""
        if self.writer is None:
            return
        if self.writer.error is not None:
            self._stop_on_error()
            return
        exchange = Exchange.from_scrapy(request, response, datetime.now(UTC))
        written = self.writer.submit(exchange)
        request.meta[META_KEY] = Capture(exchange.record_id, exchange.fetched_at, written)
        stats = self.crawler.stats
        stats.inc_value("newscrawl/warc/exchanges")
        stats.set_value("newscrawl/warc/bytes", self.writer.files.bytes_written)

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        """Add each page's metadata record, and say where the page was archived."""
        async for item in result:
            capture = response.meta.get(META_KEY)
            if isinstance(item, Page) and isinstance(capture, Capture) and self.writer:
                await self._locate(item, capture)
            yield item

    async def _locate(self, page: Page, capture: Capture) -> None:
        try:
            written = await asyncio.wrap_future(capture.written)
        except OSError:
            return
        page.warc_file = written.file.name
        page.warc_offset = written.offset
        page.warc_record_id = capture.record_id
        page.payload_digest = written.payload_digest
        page.fetched_at = capture.fetched_at.isoformat()
        fields = fetch_fields(page.outlinks, page.download_latency, page.depth, page.referer)
        assert self.writer is not None
        self.writer.submit(PageMetadata(page.url, capture.record_id, capture.fetched_at, fields))
        if page.is_article:
            self._pages.append(page_json(page.url, page.title, capture.fetched_at))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Close the files, then index and package what was written."""
        if self.writer is None:
            return
        warcs = self.writer.close()
        stats = self.crawler.stats
        stats.set_value("newscrawl/warc/files", [str(p) for p in warcs])
        stats.set_value("newscrawl/warc/records", self.writer.files.records_written)
        stats.set_value("newscrawl/warc/bytes", self.writer.files.bytes_written)
        if self.writer.error is not None:
            logger.error("WARC writing failed: %s; files closed: %s", self.writer.error, warcs)
            stats.set_value("newscrawl/warc/error", str(self.writer.error))
        if not warcs:
            return
        folder = self.config.folder
        try:
            cdxj = write_cdxj(warcs, folder / f"{self.run_id}.cdxj")
            pages = write_pages(self._pages, folder / f"{self.run_id}-pages.jsonl")
            stats.set_value("newscrawl/warc/cdxj", str(cdxj))
            if self.config.wacz:
                wacz = write_wacz(warcs, pages, folder / f"{self.run_id}.wacz", self.run_id)
                stats.set_value("newscrawl/warc/wacz", str(wacz))
        except (OSError, PackagingError) as exc:
            logger.error("could not index or package %s: %s (WARC files are complete)", folder, exc)
            stats.set_value("newscrawl/warc/error", str(exc))

    def _stop_on_error(self) -> None:
        engine = self.crawler.engine
        if engine is not None and engine.running and not self._stopping:
            self._stopping = True
            logger.error("stopping the crawl: %s cannot be written", self.config.folder)
            deferred_from_coro(engine.close_spider_async(reason="warc_write_failed"))
