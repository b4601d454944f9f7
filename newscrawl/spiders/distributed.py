"""SharedFrontier: one crawl spread over several processes, on one machine or many, via Redis.

It is scrapy-redis's scheduler (a priority queue and a dupefilter in Redis) set up for
newscrawl: the add-on switches it on when REDIS_URL is set (and then JOBDIR's Frontier is not
used). All the processes of one crawl name it with the same NEWSCRAWL_REDIS_JOB, a new name
for each crawl: a job's queue and dupefilter are kept, so starting a process on a job again
joins what is left of it. Unlike the Frontier, scrapy-redis takes a request off the queue for
good: what a process killed outright was fetching is lost to that job. Each process writes
its own WARC files, into its own archive folder (`--out`).

Two things scrapy-redis leaves to its RedisSpider are done here instead, so that the `news`
spider is unchanged: the queue is kept when a process closes (every process shares it), and
a process whose part of the queue ran dry waits NEWSCRAWL_REDIS_IDLE seconds for the others
to queue more before it finishes, taking up work the moment it appears.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from newscrawl.profile import ProfileError

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings


logger = logging.getLogger(__name__)

POLL_INTERVAL = 0.5  # seconds between looks at the shared queue while idle


class MissingJob(ProfileError):
    """A shared crawl needs the name its processes share."""


def shared_settings(settings: BaseSettings) -> dict[str, object]:
    """The scrapy-redis settings of the job NEWSCRAWL_REDIS_JOB names."""
    job = settings.get("NEWSCRAWL_REDIS_JOB")
    if not job:
        raise MissingJob(
            "a crawl shared through Redis (REDIS_URL) needs a job name, the same in each of "
            "its processes and new for each crawl: -s NEWSCRAWL_REDIS_JOB=world-news-2026-11-22"
        )
    return {
        "SCHEDULER": "newscrawl.spiders.distributed.SharedFrontier",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"newscrawl:{job}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"newscrawl:{job}:dupefilter",
    }


class SharedFrontier(Scheduler):  # type: ignore[misc]  # scrapy-redis has no types
    """scrapy-redis's scheduler, waiting for the other processes before it lets a crawl end."""

    crawler: Crawler
    idle_limit = 10.0
    idle_since: float | None = None
    _poll: LoopingCall

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        scheduler: Self = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.idle_limit = crawler.settings.getfloat("NEWSCRAWL_REDIS_IDLE")
        scheduler._poll = LoopingCall(scheduler._poll_once)
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def next_request(self) -> Request | None:
        request: Request | None = super().next_request()
        if request is not None:
            self.idle_since = None
        return request

    def close(self, reason: str) -> None:
        if self._poll.running:
            self._poll.stop()
        super().close(reason)

    def spider_idle(self) -> None:
        """Keep an idle process open until the shared queue has been empty for `idle_limit`
        seconds, polling it meanwhile: the engine itself looks only every five seconds."""
        if self._wake():
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_limit:
            if not self._poll.running:
                self._poll.start(POLL_INTERVAL, now=False)
            raise DontCloseSpider

    def _poll_once(self) -> None:
        if self._wake():
            self._poll.stop()

    def _wake(self) -> bool:
        """Hand the engine a request another process queued, which wakes it up (back through
        the queue: it is no duplicate)."""
        try:
            request = self.next_request()
        except redis.RedisError as exc:  # Redis gone a while: keep waiting, as if idle
            logger.warning("cannot reach the shared queue: %s", exc)
            return False
        if request is None:
            return False
        self.crawler.engine.crawl(request.replace(dont_filter=True))
        return True
