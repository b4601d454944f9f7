"""Run one crawl in this process and report what it did (the CLI's engine room)."""

from __future__ import annotations

import json
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newscrawl.archive.config import WarcConfig
from newscrawl.archive.state import CrawlState
from newscrawl.locks import folder_lock
from newscrawl.progress import install_logging
from newscrawl.spiders.distributed import shared_settings
from newscrawl.spiders.news import NewsSpider

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newscrawl.profile import Profile


class RunLocked(RuntimeError):
    """Another run of the same profile is writing to the same archive folder."""


EXIT_LOCKED = 75  # EX_TEMPFAIL: try again later (cron will)


@contextmanager
def run_lock(folder: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold `folder/.lock` for a run, so two runs of one profile (cron, a timer, a hand) never
    overlap; a second run gives up at once. (The processes of a `shared` crawl each need a
    folder of their own, and are told so.)"""

    def refuse(holder: str) -> NoReturn:
        hint = (
            "each process of a shared crawl needs an archive folder of its own (--out)"
            if shared
            else "try again later"
        )
        raise RunLocked(f"{folder} is being crawled by {holder}; {hint}") from None

    with folder_lock(folder / ".lock", refuse):
        yield


@contextmanager
def job_lock(jobdir: Path) -> Iterator[None]:
    """Hold `JOBDIR/.lock`: two crawls working one job folder would each take the other's
    requests (the first fetched pages twice, the second hung); the second gives up at once."""

    def refuse(holder: str) -> NoReturn:
        raise RunLocked(f"the job folder {jobdir} is in use by {holder}; try again later")

    with folder_lock(jobdir / ".lock", refuse):
        yield


@dataclass(frozen=True)
class CrawlResult:
    """What a finished crawl left behind."""

    stats: dict[str, Any]

    @property
    def warcs(self) -> list[str]:
        return list(self.stats.get("newscrawl/warc/files", []))

    @property
    def finish_reason(self) -> str:
        return str(self.stats.get("finish_reason", "unknown"))

    @property
    def ok(self) -> bool:
        return "newscrawl/warc/error" not in self.stats and self.finish_reason in (
            "finished",
            "closespider_pagecount",
        )


def project_settings(
    archive_dir: Path | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
    """newscrawl's settings module, wherever this runs (no scrapy.cfg needed)."""
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    if archive_dir is not None:
        settings.set("NEWSCRAWL_ARCHIVE_DIR", str(archive_dir), priority="cmdline")
    settings.setdict(overrides or {}, priority="cmdline")
    return settings


def run_crawl(profile: Profile, settings: Settings, verbose: int = 0) -> CrawlResult:
    """Crawl with `profile` until done; blocks (starts and stops the Twisted reactor). The log
    goes where `install_logging` sends it, `verbose` saying how much reaches the terminal.

    Raises `RunLocked` when another run holds the archive folder or the job folder
    (JOBDIR), `StateError` when the collection's crawl state is not one. Next to the run's
    WARCs go its articles, `<run-id>-articles.jsonl` (when extraction is on), and its stats,
    `<run-id>-summary.json`.
    """
    settings = settings.copy()
    settings.setdict(profile.scrapy_settings(), priority="spider")
    shared = bool(settings.get("REDIS_URL"))
    if shared:
        shared_settings(settings)  # raises MissingJob now, not inside the crawl
    run = WarcConfig.from_settings(settings)
    settings.set("NEWSCRAWL_RUN_ID", run.run_id, priority="cmdline")
    if settings.getbool("NEWSCRAWL_EXTRACT"):
        feeds = settings.getdict("FEEDS")
        feeds.setdefault(
            str(run.run_file("-articles.jsonl")),
            {"format": "jsonlines", "item_classes": ["newscrawl.items.Article"]},
        )
        settings.set("FEEDS", feeds, priority="cmdline")
    with ExitStack() as locks:
        locks.enter_context(run_lock(run.folder, shared=shared))
        if jobdir := settings.get("JOBDIR"):
            locks.enter_context(job_lock(Path(jobdir)))
        if run.incremental:
            CrawlState.check(run.state_path)
        ours = settings.getbool("LOG_ENABLED")
        settings.set("LOG_INSTALL_ROOT_HANDLER", not ours, priority="cmdline")
        process = CrawlerProcess(settings)
        if ours:
            install_logging(settings, verbose)
        crawler = process.create_crawler(NewsSpider)
        process.crawl(crawler, profile=profile)
        process.start()
    result = CrawlResult(crawler.stats.get_stats() if crawler.stats else {})
    if run.folder.is_dir():
        summary = json.dumps(result.stats, indent=1, sort_keys=True, default=str)
        run.run_file("-summary.json").write_text(summary + "\n")
    return result
