"""Progress lines while a crawl runs: pages, rate, queue, errors and bytes archived.

Like Scrapy's LogStats, but with what an archiving crawl cares about.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


def progress_line(stats: StatsCollector, elapsed: float) -> str:
    """One human line from crawl stats."""
    queued = stats.get_value("scheduler/enqueued", 0) - stats.get_value("scheduler/dequeued", 0)
    pages = stats.get_value("response_received_count", 0)
    errors = stats.get_value("newscrawl/fetch/errors", 0) + stats.get_value(
        "downloader/exception_count", 0
    )
    archived = stats.get_value("newscrawl/warc/bytes", 0)
    rate = pages / elapsed if elapsed > 0 else 0.0
    return (
        f"{pages} pages ({rate:.1f}/s), {queued} queued, "
        f"{stats.get_value('newscrawl/pages/articles', 0)} articles, "
        f"{errors} errors, {archived / 1e6:.2f} MB archived"
    )


class Progress:
    """Log a progress line every `NEWSCRAWL_PROGRESS_INTERVAL` seconds, and one at the end."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self._started = time.monotonic()
        self._task: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        progress = cls(crawler, interval)
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self) -> None:
        self._started = time.monotonic()
        self._task = task.LoopingCall(self.log)
        self._task.start(self.interval, now=False)

    def log(self) -> None:
        logger.info(progress_line(self.crawler.stats, time.monotonic() - self._started))

    def spider_closed(self) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        self.log()
