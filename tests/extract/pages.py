"""The demo world's real pages, and what `extract_article` makes of them (once each)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newscrawl.demo.world import STORY_PAGES, DemoWorld
from newscrawl.extract import decode_html, extract_article

if TYPE_CHECKING:
    from newscrawl.demo.content import Article as WorldArticle
    from newscrawl.items import Article

PAGES = STORY_PAGES


@dataclass(frozen=True)
class Page:
    """One demo page: its HTML, the hand-checked article behind it, its site's name."""

    key: str
    url: str
    html: str
    truth: WorldArticle
    site_name: str


@cache
def world(version: str) -> DemoWorld:
    return DemoWorld(version=version)  # type: ignore[arg-type]


@cache
def page(key: str) -> Page:
    """A demo page by key of PAGES (rendered once per session)."""
    version, url = PAGES[key]
    demo = world(version)
    resource = demo.resolve(url, {})
    truth = next(a for a in demo.articles if a.url == url)
    html = decode_html(resource.body, resource.header("Content-Type"))
    return Page(key, url, html, truth, demo.sites[truth.site].name)


@cache
def extracted(key: str) -> Article:
    """`extract_article` on a demo page (run once per session)."""
    return extract_article(page(key).html, page(key).url)
