"""The extract stage inside a crawl: Page items become Article items.

Extraction (trafilatura, extruct, lxml) is CPU work of ~10-30 ms a page, far too long for
the crawl's event loop, so it runs in a pool of worker processes; the pipeline only awaits
the result. Pages go to the pool in batches: at most two batches a worker are in flight,
and the pages that arrive meanwhile wait to go as the next batch. The crawl process then
pays the pool's hand-over (its threads, their pipe writes, the event loop's wake-up for a
result) once a batch rather than once a page, and adds no wait when workers are idle.
Pages that are not articles (home pages, section fronts) stop here.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.extract import extract_article
from newscrawl.extract.workers import default_workers, start_worker, worker_context
from newscrawl.items import WARC_FIELDS, Article, as_page

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


# Pages a batch holds at most, and batches in flight a worker: one it works on, one queued
# so that it never waits for the crawl process to send the next.
BATCH_PAGES = 16
BATCHES_PER_WORKER = 2

# A page to extract: its HTML, URL and WARC record fields.
Job = tuple[str, str, dict[str, Any]]


def article_from_page(html: str, url: str, source: dict[str, Any]) -> Article:
    """Extract the article of a parsed page and say which WARC record it came from."""
    return replace(extract_article(html, url), **source)


def articles_from_pages(jobs: list[Job]) -> list[Article | str]:
    """A worker's batch: each page's article, or the repr of the error that stopped it (one
    page's error is that page's only)."""
    results: list[Article | str] = []
    for html, url, source in jobs:
        try:
            results.append(article_from_page(html, url, source))
        except Exception as exc:
            results.append(repr(exc))
    return results


class ExtractPipeline:
    """Replace each article page (a `Page`, or any item with its fields) with its `Article`,
    extracted in worker processes."""

    def __init__(self, crawler: Crawler, workers: int) -> None:
        self.crawler = crawler
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=worker_context(),
            initializer=start_worker,
            initargs=(os.getpid(),),
        )
        self._waiting: list[tuple[Job, asyncio.Future[Article | str]]] = []
        self._free = workers * BATCHES_PER_WORKER  # batches that may still be sent

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("NEWSCRAWL_EXTRACT"):
            raise NotConfigured
        workers = crawler.settings.getint("NEWSCRAWL_EXTRACT_WORKERS") or default_workers()
        pipeline = cls(crawler, workers)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    async def process_item(self, item: Any) -> Any:
        """Extract an article page in a worker; drop pages that are not articles."""
        page = as_page(item)
        if page is None:
            return item
        url = page["url"]
        if not page.get("is_article"):
            raise DropItem(f"not an article: {url}", log_level="DEBUG")
        source = {name: page.get(name) for name in WARC_FIELDS}
        loop = asyncio.get_running_loop()
        result: asyncio.Future[Article | str] = loop.create_future()
        self._waiting.append(((page.get("html", ""), url, source), result))
        self._send(loop)
        stats = self.crawler.stats
        article = await result
        if isinstance(article, str):
            stats.inc_value("newscrawl/extract/failed")
            raise DropItem(f"extraction failed for {url}: {article}", log_level="WARNING")
        stats.inc_value("newscrawl/extract/articles")
        return article

    def _send(self, loop: asyncio.AbstractEventLoop) -> None:
        """Send the waiting pages as batches, as far as the batches in flight allow."""
        while self._free and self._waiting:
            batch = self._waiting[:BATCH_PAGES]
            del self._waiting[:BATCH_PAGES]
            self._free -= 1
            done = self._pool.submit(articles_from_pages, [job for job, _ in batch])
            done.add_done_callback(
                lambda done, batch=batch: loop.call_soon_threadsafe(
                    self._deliver, loop, batch, done
                )
            )

    def _deliver(
        self,
        loop: asyncio.AbstractEventLoop,
        batch: list[tuple[Job, asyncio.Future[Article | str]]],
        done: Future[list[Article | str]],
    ) -> None:
        """Hand a batch's results to the pages awaiting them, and send the next batch."""
        self._free += 1
        try:
            results = done.result()
        except Exception as exc:  # the pool broke (a worker killed): the whole batch fails
            results = [repr(exc)] * len(batch)
        for (_, result), outcome in zip(batch, results, strict=True):
            if not result.done():  # not cancelled
                result.set_result(outcome)
        self._send(loop)

    def spider_closed(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
