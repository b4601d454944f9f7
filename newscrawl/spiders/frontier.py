"""Frontier: a scheduler whose queue survives a crawl killed outright.

Scrapy's JOBDIR queue is written out when a crawl stops cleanly; a crawl killed hard loses
what it had taken off the queue and not finished, and its dupefilter then keeps those URLs
from ever being queued again. Here the queue and the dupefilter are one SQLite table in the
job folder (`JOBDIR/frontier.sqlite3`), and a request taken off it stays "in flight" until it
is finished: its response archived (the `warc_written` signal) and every request its callback
yielded queued, or its errback run (the `request_handled` signal). Changes are committed in
one transaction every half second, so a killed process (SIGKILL, the OOM killer) rolls back
to a moment where that held; a resumed run puts what was in flight back on the queue. Those
requests are fetched again without validators, so that they are parsed again; a response
already archived then becomes a revisit record, not a second copy (see
`newscrawl.archive.state`). The last moments before any stop are redone the same way.

The add-on uses it whenever JOBDIR is set (`newscrawl crawl PROFILE -s JOBDIR=jobs/NAME`).
"""

from __future__ import annotations

import heapq
import logging
import pickle
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.core.scheduler import BaseScheduler
from scrapy.exceptions import NotConfigured
from scrapy.utils.request import request_from_dict

from newscrawl.signals import UNCONDITIONAL, WARC_JOB, request_handled, warc_written

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

FRONTIER_FILE = "frontier.sqlite3"
# Request meta: the frontier row a request came from.
FRONTIER_ROW = "newscrawl_frontier_row"
COMMIT_EVERY = 0.5  # seconds of work a hard kill may cost (redone, never lost)

QUEUED, IN_FLIGHT, DONE = 0, 1, 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    row INTEGER PRIMARY KEY,
    fingerprint BLOB UNIQUE,  -- NULL for dont_filter requests, which are never duplicates
    priority INTEGER NOT NULL,
    state INTEGER NOT NULL,
    unconditional INTEGER NOT NULL DEFAULT 0,  -- in flight when a run died
    request BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS queue ON requests (priority DESC, row) WHERE state = 0;
"""


class Frontier(BaseScheduler):
    """A crash-safe request queue and dupefilter in one SQLite file under JOBDIR."""

    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path
        self.spider: Spider | None = None
        self._db: sqlite3.Connection | None = None
        self._queued = 0
        self._committed = time.monotonic()
        # Parsed responses waiting for the WARC writer: (job number, row), smallest first.
        self._unwritten: list[tuple[int, int]] = []
        self._written = 0  # the WARC writer's last word: every job up to this is on disk

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured(
                "the newscrawl Frontier keeps its queue in a job folder: set JOBDIR "
                "(`-s JOBDIR=jobs/NAME`), or use Scrapy's own SCHEDULER"
            )
        frontier = cls(crawler, Path(jobdir) / FRONTIER_FILE)
        crawler.signals.connect(frontier.request_handled, signal=request_handled)
        crawler.signals.connect(frontier.warc_written, signal=warc_written)
        return frontier

    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        resumed = self._db.execute(
            "UPDATE requests SET state = ?, unconditional = 1 WHERE state = ?",
            (QUEUED, IN_FLIGHT),
        ).rowcount
        self._db.commit()
        (self._queued,) = self._db.execute(
            "SELECT COUNT(*) FROM requests WHERE state = ?", (QUEUED,)
        ).fetchone()
        self.crawler.stats.inc_value("scheduler/enqueued", self._queued)  # queued for this run
        if self._queued:
            logger.info(
                "resuming %s: %d requests queued, %d of them in flight when it stopped",
                self.path,
                self._queued,
                resumed,
            )

    def close(self, reason: str) -> None:
        if self._db is not None:
            self._db.commit()
            self._db.close()
            self._db = None

    def has_pending_requests(self) -> bool:
        return self._queued > 0

    def __len__(self) -> int:
        return self._queued

    def enqueue_request(self, request: Request) -> bool:
        """Queue `request` unless its fingerprint was queued before. A request carrying an
        earlier row (a retry, a redirect) takes over that row's work, in one transaction."""
        assert self._db is not None
        fingerprint = None
        if not request.dont_filter:
            fingerprint = self.crawler.request_fingerprinter.fingerprint(request)
        # What this run knows of an earlier request is not queued with the new one (a retry
        # or a redirect keeps the rest of its meta, UNCONDITIONAL included).
        earlier = request.meta.pop(FRONTIER_ROW, None)
        job = request.meta.pop(WARC_JOB, None)
        data = pickle.dumps(request.to_dict(spider=self.spider), protocol=pickle.HIGHEST_PROTOCOL)
        if earlier is not None:
            self._settle(earlier, job)  # its work goes on in this request, or was done before
        try:
            self._db.execute(
                "INSERT INTO requests (fingerprint, priority, state, request) VALUES (?, ?, ?, ?)",
                (fingerprint, request.priority, QUEUED, data),
            )
        except sqlite3.IntegrityError:
            self.crawler.stats.inc_value("dupefilter/filtered")
            return False
        self._queued += 1
        self.crawler.stats.inc_value("scheduler/enqueued")
        self._maybe_commit()
        return True

    def next_request(self) -> Request | None:
        assert self._db is not None
        found = self._db.execute(
            "SELECT row, unconditional, request FROM requests WHERE state = ?"
            " ORDER BY priority DESC, row LIMIT 1",
            (QUEUED,),
        ).fetchone()
        if found is None:
            return None
        row, unconditional, data = found
        self._db.execute("UPDATE requests SET state = ? WHERE row = ?", (IN_FLIGHT, row))
        self._queued -= 1
        request = request_from_dict(pickle.loads(data), spider=self.spider)
        request.meta[FRONTIER_ROW] = row
        if unconditional:
            request.meta[UNCONDITIONAL] = True
        self.crawler.stats.inc_value("scheduler/dequeued")
        self._maybe_commit()
        return request

    def request_handled(self, request: Request) -> None:
        row = request.meta.get(FRONTIER_ROW)
        if row is not None:
            self._settle(row, request.meta.get(WARC_JOB))

    def _settle(self, row: int, job: int | None) -> None:
        """A row's response was handled: it is done once the writer has archived `job`."""
        if job is None or job <= self._written:  # nothing to archive, or archived already
            self._finish(row)
        else:
            heapq.heappush(self._unwritten, (job, row))

    def warc_written(self, upto: int) -> None:
        self._written = upto
        while self._unwritten and self._unwritten[0][0] <= upto:
            self._finish(heapq.heappop(self._unwritten)[1])
        self._maybe_commit()

    def _finish(self, row: int) -> None:
        """Done: only the fingerprint is kept (it still keeps duplicates out)."""
        if self._db is not None:
            self._db.execute(
                "UPDATE requests SET state = ?, request = x'' WHERE row = ?", (DONE, row)
            )

    def _maybe_commit(self) -> None:
        now = time.monotonic()
        if self._db is not None and now - self._committed >= COMMIT_EVERY:
            self._db.commit()
            self._committed = now


class ParsedResponses:
    """Spider middleware that sends `request_handled` once a callback's output has been
    consumed (every request it yielded scheduled). Only with a job folder, where the
    Frontier listens: otherwise it stays out of the request path."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.get("JOBDIR"):
            raise NotConfigured
        return cls(crawler)

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for output in result:
            yield output
        self.crawler.signals.send_catch_log(request_handled, request=response.request)
