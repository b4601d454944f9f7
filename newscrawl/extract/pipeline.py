"""The extract stage inside a crawl: Page items become Article items.

Extraction (trafilatura, extruct, lxml) is CPU work of ~20 ms a page, far too long for the
crawl's event loop, so it runs in a pool of worker processes; the pipeline only awaits the
result. Pages that are not articles (home pages, section fronts) stop here.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ProcessPoolExecutor
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


def article_from_page(html: str, url: str, source: dict[str, Any]) -> Article:
    """Extract the article of a parsed page and say which WARC record it came from."""
    return replace(extract_article(html, url), **source)


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
        stats = self.crawler.stats
        try:
            article = await loop.run_in_executor(
                self._pool, article_from_page, page.get("html", ""), url, source
            )
        except Exception as exc:
            stats.inc_value("newscrawl/extract/failed")
            message = f"extraction failed for {url}: {exc!r}"
            raise DropItem(message, log_level="WARNING") from exc
        stats.inc_value("newscrawl/extract/articles")
        return article

    def spider_closed(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
