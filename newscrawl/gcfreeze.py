"""Keep the garbage collector's full passes off what start-up built.

A crawl process holds ~150,000 objects from start-up (modules, classes, functions, compiled
patterns) that live as long as it does. Each full collection walks all of them, and over a crawl
those walks add up to a large share of its CPU. Once the engine starts, `gc.freeze()` moves them
where collections no longer look (the technique the `gc` documentation gives for long-lived
objects); they come back when the engine stops, so that a process running crawl after crawl
still frees what each left behind.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class FreezeStartup:
    """Freezes the objects alive when the engine starts (NEWSCRAWL_GC_FREEZE). Freezing is
    the whole process's: with several crawlers in one process, the first engine to start
    freezes and the last to stop unfreezes."""

    engines = 0  # engines of this process running with the objects frozen

    def __init__(self) -> None:
        self.running = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("NEWSCRAWL_GC_FREEZE"):
            raise NotConfigured("NEWSCRAWL_GC_FREEZE is off")
        extension = cls()
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_started(self) -> None:
        if FreezeStartup.engines == 0:
            gc.collect()  # start-up's garbage is freed, not frozen with the rest
            gc.freeze()
        FreezeStartup.engines += 1
        self.running = True

    def engine_stopped(self) -> None:
        if not self.running:  # stopped without having started (start-up failed)
            return
        self.running = False
        FreezeStartup.engines -= 1
        if FreezeStartup.engines == 0:
            gc.unfreeze()
