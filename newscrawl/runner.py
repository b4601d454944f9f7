"""Run one crawl in this process and report what it did (the CLI's engine room)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newscrawl.spiders.news import NewsSpider

if TYPE_CHECKING:
    from newscrawl.profile import Profile


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


def run_crawl(profile: Profile, settings: Settings) -> CrawlResult:
    """Crawl with `profile` until done; blocks (starts and stops the Twisted reactor).

    The run's stats are also written next to its WARCs as `<run-id>-summary.json`.
    """
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, profile=profile)
    process.start()
    result = CrawlResult(crawler.stats.get_stats() if crawler.stats else {})
    folder, run_id = result.stats.get("newscrawl/warc/folder"), result.stats.get("newscrawl/run_id")
    if folder and run_id and Path(folder).is_dir():
        summary = Path(folder) / f"{run_id}-summary.json"
        summary.write_text(json.dumps(result.stats, indent=1, sort_keys=True, default=str) + "\n")
    return result
