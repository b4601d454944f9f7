"""Progress while a crawl runs: pages, rate, queue, errors and bytes archived.

Like Scrapy's LogStats, but with what an archiving crawl cares about: on a terminal, a live
status line (rich) with the warnings and errors printed above it; elsewhere (cron, systemd, a
pipe), a plain log line every few seconds. What a person reads is kept apart from the full
log (settings dumps, every request, every item), which goes to `LOG_FILE` when one is given.
"""

from __future__ import annotations

import logging
import sys
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
    """Whether to show the live line: asked for, or "auto" on a terminal; never with the log
    switched off."""
    mode = settings.get("NEWSCRAWL_PROGRESS")
    if mode not in ("auto", "live", "lines"):
        raise ProfileError(f"NEWSCRAWL_PROGRESS={mode!r}: use auto, live or lines")
    if not settings.getbool("LOG_ENABLED"):
        return False
    return mode == "live" or (mode == "auto" and console.is_terminal)


def install_logging(settings: BaseSettings, verbose: int = 0) -> None:
    """Route the crawl's log (in place of Scrapy's root handler): to the terminal, what a
    person reads there (`verbose` 0: warnings and errors, and newscrawl's own progress lines
    when there is no live line; 1: every INFO record; 2: DEBUG too); to `LOG_FILE`, when
    set, the whole log at `LOG_LEVEL`."""
    live = live_wanted(settings)
    shown: logging.Handler
    if live:  # through rich, so records print above the live line, never across it
        shown = RichHandler(console=console, show_path=False, rich_tracebacks=False)
        shown.setFormatter(logging.Formatter("[%(name)s] %(message)s"))
    else:
        shown = logging.StreamHandler(sys.stderr)
        shown.setFormatter(_scrapy_formatter(settings))
    shown.setLevel(logging.DEBUG if verbose >= 2 else logging.INFO)
    if verbose == 0:
        shown.addFilter(_progress_and_warnings if not live else _warnings)
    handlers: list[logging.Handler] = [shown]
    if settings.get("LOG_FILE"):
        full = logging.FileHandler(
            settings.get("LOG_FILE"),
            mode="a" if settings.getbool("LOG_FILE_APPEND") else "w",
            encoding=settings.get("LOG_ENCODING"),
        )
        full.setFormatter(_scrapy_formatter(settings))
        full.setLevel(settings.get("LOG_LEVEL"))
        handlers.append(full)
    logging.basicConfig(level=logging.DEBUG, handlers=handlers, force=True)


def _scrapy_formatter(settings: BaseSettings) -> logging.Formatter:
    return logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT"))


def _warnings(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING


def _progress_and_warnings(record: logging.LogRecord) -> bool:
    return _warnings(record) or record.name.startswith("newscrawl")


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
