"""The Scrapy add-on that switches newscrawl on: `ADDONS = {"newscrawl.addon.NewscrawlAddon": 0}`.

It works in any Scrapy project, not only this one: the NEWSCRAWL_* defaults come from
`newscrawl.settings` at "default" priority, and each component is only added where the project
has not placed it already, so a project's own order, or its `None` to switch one off, stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.utils.misc import load_object

from newscrawl import settings as defaults
from newscrawl.spiders.distributed import shared_settings

if TYPE_CHECKING:
    from scrapy.settings import Settings

EXTENSIONS = {"newscrawl.progress.Progress": 500, "newscrawl.gcfreeze.FreezeStartup": 0}
# The archiver listens to signals and is the first item pipeline; extraction comes next,
# then the article store.
ITEM_PIPELINES = {
    "newscrawl.archive.archiver.WarcArchiver": 100,
    "newscrawl.extract.pipeline.ExtractPipeline": 300,
    "newscrawl.extract.store.ArticleStorePipeline": 400,
}
# ProxyMiddleware before Scrapy's HttpProxyMiddleware (750), which does the proxying (and
# takes `http_proxy` from the environment); the address guard after both, so that every
# request, first or redirected, is checked with the proxy it will go through.
# A 304 to a conditional request is settled before retry (550) or redirect (600) see it.
# Source robots.txt requests are marked before Scrapy's OffsiteMiddleware (50) sees them.
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.spiders.middlewares.RobotsForSources": 40,
    "newscrawl.archive.conditional.ConditionalRequests": 720,
    "newscrawl.spiders.middlewares.ProxyMiddleware": 740,
    "newscrawl.spiders.middlewares.AddressGuard": 760,
}

# Outermost (nearest the engine): it must see the end of a callback's output.
SPIDER_MIDDLEWARES = {"newscrawl.spiders.frontier.ParsedResponses": 10}
FRONTIER = "newscrawl.spiders.frontier.Frontier"


class NewscrawlAddon:
    """Enable WARC archiving, progress reporting, the proxy and the address guard; with a
    job folder (JOBDIR), the crash-safe Frontier as scheduler; with REDIS_URL, the frontier
    shared through Redis (`newscrawl.spiders.distributed`). Settings of higher priority
    (a project's, the command line's) win over all of these, and a component the project
    already lists keeps the project's order (or its `None`)."""

    def update_settings(self, settings: Settings) -> None:
        for name in dir(defaults):
            if name.startswith("NEWSCRAWL_"):
                settings.set(name, getattr(defaults, name), priority="default")
        for setting, components in (
            ("EXTENSIONS", EXTENSIONS),
            ("ITEM_PIPELINES", ITEM_PIPELINES),
            ("DOWNLOADER_MIDDLEWARES", DOWNLOADER_MIDDLEWARES),
            ("SPIDER_MIDDLEWARES", SPIDER_MIDDLEWARES),
        ):
            for path, order in components.items():
                settings.setdefault_in_component_priority_dict(setting, load_object(path), order)
        if settings.get("REDIS_URL"):
            settings.setdict(shared_settings(settings), priority="addon")
        elif settings.get("JOBDIR"):
            settings.set("SCHEDULER", FRONTIER, priority="addon")
