"""WarcArchiver: archives every exchange of a crawl as WARC/1.1.

It listens to `response_downloaded`, which Scrapy sends before any downloader middleware
has touched the response (a gzip body is still compressed), so what is written is what
came off the wire: robots.txt, redirects, errors and assets included. The records are
written by a child process (`WriterProcess`), off the crawl's event loop.

It is also the first item pipeline: each page item the spider makes from a response (a
`Page`, or any item with its fields) gets a metadata record (outlinks, fetch timing) and
learns where its response was archived (file, offset, record id, digest) before it moves on
to the extract stage. (A spider middleware
could match pages to responses directly, but it would sit in the path of every request the
spider yields; a pipeline sees only the pages.) When the spider closes, the files are
closed and indexed (CDXJ), and optionally packaged (WACZ).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections import deque
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

import newscrawl
from newscrawl.archive.config import WarcConfig
from newscrawl.archive.index import PackagingError, write_cdxj, write_pages, write_wacz
from newscrawl.archive.records import Exchange, PageMetadata, page_json, warc_date
from newscrawl.archive.writer import Answer, WarcFiles, WriterProcess, Written
from newscrawl.items import as_page
from newscrawl.signals import WARC_JOB, warc_written, warcs_closed

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Capture:
    """A page's response, queued for writing: record id, fetch time (POSIX), writer job
    serial."""

    record_id: str
    fetched_at: float
    serial: int


class WarcArchiver:
    """Writes WARC files, their CDXJ index and (optionally) a WACZ package per run."""

    def __init__(self, crawler: Crawler, config: WarcConfig) -> None:
        self.crawler = crawler
        self.config = config
        self.writer: WriterProcess | None = None
        self._pages: list[tuple[str, str, float]] = []  # pages.jsonl: url, title, fetch time
        # Responses that will become Page items, by URL, oldest first; and where the
        # writer process put them, once it says.
        self._captures: dict[str, deque[Capture]] = {}
        self._located: dict[int, asyncio.Future[Written]] = {}
        self._stopping = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        archiver = cls(crawler, WarcConfig.from_settings(crawler.settings))
        crawler.signals.connect(archiver.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(archiver.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(archiver.spider_closed, signal=signals.spider_closed)
        return archiver

    def spider_opened(self, spider: Spider) -> None:
        """Start the writer process; the first WARC file opens with the first record."""
        settings = self.crawler.settings
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
            "run-id": self.config.run_id,
        }
        files = partial(
            WarcFiles,
            self.config.folder,
            self.config.prefix,
            info,
            max_size=self.config.max_size,
            gzip=self.config.gzip,
            gzip_level=self.config.gzip_level,
            state_path=self.config.state_path if self.config.incremental else None,
        )
        # Answers come in the event loop, but also from inside `submit` once the writer is
        # dead, before the job has a future: they are taken on the loop's next turn.
        loop = asyncio.get_running_loop()
        self.writer = WriterProcess(
            files,
            lambda batch: loop.call_soon(self._answer, batch),
            loop=loop,
            answer_delay=self.config.answer_delay,
        )
        self.crawler.stats.set_value("newscrawl/run_id", self.config.run_id)
        self.crawler.stats.set_value("newscrawl/warc/folder", str(self.config.folder))
        logger.info("archiving to %s (run %s)", self.config.folder, self.config.run_id)

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        """Queue the exchange as it came off the wire."""
        if self.writer is None:
            return
        if self.writer.error is not None:
            self._stop_on_error()
            return
        exchange = Exchange.from_scrapy(request, response, time.time())
        # Only a 2xx HTML response becomes a Page that needs to know where it was written
        # (judged by its header: a gzip body is not recognised as HTML before decoding).
        content_type = response.headers.get(b"Content-Type") or b""
        page = b"html" in content_type.lower() and 200 <= response.status < 300
        serial = self.writer.submit(exchange, locate=page)
        request.meta[WARC_JOB] = serial
        if page:
            self._located[serial] = asyncio.get_running_loop().create_future()
            capture = Capture(exchange.record_id, exchange.fetched_at, serial)
            self._captures.setdefault(response.url, deque()).append(capture)
        self.crawler.stats.inc_value("newscrawl/warc/exchanges")

    async def process_item(self, item: Any) -> Any:
        """Describe a page in a metadata record and say where it was archived."""
        page = as_page(item)
        captures = self._captures.get(page["url"]) if page is not None else None
        if page is None or not captures or self.writer is None:
            return item
        url = page["url"]
        capture = captures.popleft()
        if not captures:
            del self._captures[url]
        page["warc_record_id"] = capture.record_id
        page["fetched_at"] = warc_date(capture.fetched_at)
        self.writer.submit(
            PageMetadata(
                url,
                capture.record_id,
                capture.fetched_at,
                depth=page.get("depth", 0),
                via=page.get("referer"),
                latency=page.get("download_latency"),
                outlinks=page.get("outlinks", []),
            )
        )
        if page.get("is_article"):
            self._pages.append((url, page.get("title", ""), capture.fetched_at))
        try:
            written = await self._located[capture.serial]
        except OSError:
            return item
        finally:
            del self._located[capture.serial]
        page["warc_file"] = written.file.name
        page["warc_offset"] = written.offset
        page["payload_digest"] = written.payload_digest
        return item

    def _answer(self, batch: list[Answer]) -> None:
        """Resolve located jobs (in the event loop, one call per batch of answers), and say
        how far the writer got."""
        for serial, result in batch:
            future = self._located.get(serial)
            if future is None or future.done():
                continue
            if isinstance(result, OSError):
                future.set_exception(result)
            else:
                future.set_result(result)
        if self.writer is not None:
            self.crawler.stats.set_value("newscrawl/warc/bytes", self.writer.bytes_written)
            self.crawler.signals.send_catch_log(warc_written, upto=self.writer.jobs_written)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Close the files, then index and package what was written."""
        if self.writer is None:
            return
        warcs = self.writer.close()
        self._located.clear()
        self._captures.clear()
        self.crawler.signals.send_catch_log(
            warcs_closed, files=warcs, redirects=self.writer.redirects
        )
        stats = self.crawler.stats
        stats.set_value("newscrawl/warc/files", [str(p) for p in warcs])
        stats.set_value("newscrawl/warc/records", self.writer.records_written)
        stats.set_value("newscrawl/warc/bytes", self.writer.bytes_written)
        stats.set_value("newscrawl/warc/writer_cpu_seconds", round(self.writer.cpu_seconds, 3))
        for name, count in self.writer.counts.items():
            stats.set_value(f"newscrawl/incremental/{name}", count)
        if self.writer.error is not None:
            logger.error("WARC writing failed: %s; files closed: %s", self.writer.error, warcs)
            stats.set_value("newscrawl/warc/error", str(self.writer.error))
        if not warcs:
            return
        folder = self.config.folder
        try:
            cdxj = write_cdxj(warcs, self.config.run_file(".cdxj"))
            lines = (page_json(*page) for page in self._pages)
            pages = write_pages(lines, self.config.run_file("-pages.jsonl"))
            stats.set_value("newscrawl/warc/cdxj", str(cdxj))
            if self.config.wacz:
                wacz = write_wacz(warcs, pages, self.config.run_file(".wacz"), self.config.run_id)
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
