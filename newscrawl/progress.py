"""Progress while a crawl runs: pages, rate, queue, errors and bytes archived.

Like Scrapy's LogStats, but with what an archiving crawl cares about: on a terminal, a live
status line (rich) under the log, which then goes through rich too so the two never
collide; elsewhere (cron, systemd, a pipe), a plain log line every few seconds.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from rich.console import Console
from rich.live import Live
from rich.logging import RichHandler
from rich.text import Text
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from newscrawl.profile import ProfileError

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

# The terminal's stderr, shared by the live line and the log handler that prints above it.
console = Console(stderr=True)
LIVE_REFRESH = 0.5  # seconds


def live_wanted(settings: BaseSettings) -> bool:
    """Whether to show the live line: asked for, or "auto" on a terminal, never with a
    LOG_FILE (the log must then go there, through Scrapy's own handler)."""
    mode = settings.get("NEWSCRAWL_PROGRESS")
    if mode not in ("auto", "live", "lines"):
        raise ProfileError(f"NEWSCRAWL_PROGRESS={mode!r}: use auto, live or lines")
    if settings.get("LOG_FILE") or not settings.getbool("LOG_ENABLED"):
        return False
    return mode == "live" or (mode == "auto" and console.is_terminal)


def log_to_console(level: str) -> None:
    """Send the crawl's log through rich, above the live line (instead of Scrapy's handler)."""
    handler = RichHandler(console=console, show_path=False, rich_tracebacks=False)
    logging.basicConfig(
        level=level, format="[%(name)s] %(message)s", handlers=[handler], force=True
    )


def progress_line(stats: StatsCollector, elapsed: float) -> str:
    """One human line from crawl stats."""
    # Scrapy's scheduler and the Frontier count under scheduler/*, scrapy-redis under
    # scheduler/*/redis (and a shared crawl's queue is the others' too: this is our share).
    enqueued = stats.get_value("scheduler/enqueued") or stats.get_value("scheduler/enqueued/redis")
    dequeued = stats.get_value("scheduler/dequeued") or stats.get_value("scheduler/dequeued/redis")
    queued = max(0, (enqueued or 0) - (dequeued or 0))
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
    """A live line on a terminal, else a log line every `NEWSCRAWL_PROGRESS_INTERVAL` seconds;
    and a log line at the end."""

    def __init__(self, crawler: Crawler, interval: float, live: bool) -> None:
        self.crawler = crawler
        self.interval = LIVE_REFRESH if live else interval
        self._live = Live(console=console, transient=True, auto_refresh=False) if live else None
        self._started = time.monotonic()
        self._task: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        progress = cls(crawler, interval, live_wanted(crawler.settings))
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self) -> None:
        self._started = time.monotonic()
        if self._live is not None:
            self._live.start()
        self._task = task.LoopingCall(self.show)
        self._task.start(self.interval, now=False)

    def show(self) -> None:
        line = progress_line(self.crawler.stats, time.monotonic() - self._started)
        if self._live is None:
            logger.info(line)
        else:
            self._live.update(Text.assemble(("crawling ", "bold cyan"), line), refresh=True)

    def spider_closed(self) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        if self._live is not None:
            self._live.stop()
        logger.info(progress_line(self.crawler.stats, time.monotonic() - self._started))
