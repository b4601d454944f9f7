"""settings/demo.toml matches the world, and a crawl that follows it reaches the whole case."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest

from newscrawl.demo import world as w
from newscrawl.profile import Profile, load_profile

from .fetching import parse

if TYPE_CHECKING:
    from newscrawl.demo.world import DemoWorld

PROFILE = Path(__file__).resolve().parents[2] / "settings" / "demo.toml"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_profile(PROFILE)


def test_profile_matches_the_world(profile: Profile, world: DemoWorld) -> None:
    assert profile.seeds.feeds == world.feeds
    assert profile.seeds.sitemaps == world.sitemaps
    assert profile.scope.article_patterns == (w.ARTICLE_PATTERN,)
    assert profile.scope.allowed_domains == w.ALLOWED_DOMAINS
    for host in world.hosts:
        assert any(host == d or host.endswith("." + d) for d in w.ALLOWED_DOMAINS), host


def _crawl(world: DemoWorld, profile: Profile) -> dict[str, int]:
    """A breadth-first crawl as the profile describes it (depth as Scrapy counts it)."""
    scope = profile.scope
    article = re.compile("|".join(scope.article_patterns))
    deny = re.compile("|".join(scope.deny_patterns))
    robots: dict[str, RobotFileParser] = {}

    def allowed(url: str) -> bool:
        host = urlsplit(url).hostname or ""
        if not any(host == d or host.endswith("." + d) for d in scope.allowed_domains):
            return False
        if host not in robots:
            robots[host] = RobotFileParser()
            robots[host].parse(
                world.resolve(f"http://{host}/robots.txt", {}).body.decode().splitlines()
            )
        return robots[host].can_fetch("newscrawl", url)

    queue = deque(
        [(u, 0, "feed") for u in profile.seeds.feeds]
        + [(u, 0, "sitemap") for u in profile.seeds.sitemaps]
        + [(u, 0, "page") for u in profile.seeds.start_urls]
    )
    seen: dict[str, int] = {}
    while queue:
        url, depth, kind = queue.popleft()
        if url in seen or depth > scope.max_depth or not allowed(url) or deny.search(url):
            continue
        resource = world.resolve(url, {})
        seen[url] = resource.status
        location = resource.header("Location")
        if location:
            queue.append((urljoin(url, location), depth, kind))
            continue
        if resource.status != 200:
            continue
        found: list[tuple[str, str]] = []
        if kind == "sitemap" and url.endswith("/robots.txt"):
            found = [
                (line.split(":", 1)[1].strip(), "sitemap")
                for line in resource.body.decode().splitlines()
                if line.startswith("Sitemap:")
            ]
        elif kind == "sitemap":
            root = ET.fromstring(resource.body)
            found = [
                (loc.text or "", "sitemap")
                for loc in root.iter(f"{SM}loc")
                if root.tag.endswith("sitemapindex")
            ]
            found += [
                (loc.text or "", "page")
                for loc in root.iter(f"{SM}loc")
                if root.tag.endswith("urlset") and article.search(loc.text or "")
            ]
        elif kind == "feed":
            root = ET.fromstring(resource.body)
            found = [
                (link.text or "", "page")
                for link in root.iter("link")
                if root.tag == "rss"
                and link.text
                and link.text != f"http://{urlsplit(url).hostname}/"
            ]
            found += [
                (e.get("href", ""), "page")
                for e in root.iter(f"{ATOM}link")
                if e.get("rel") == "alternate" and article.search(e.get("href", ""))
            ]
        elif kind == "page" and (resource.header("Content-Type") or "").startswith("text/html"):
            page = parse(resource.body.decode())
            if scope.fetch_images and page.meta.get("og:image"):
                found.append((page.meta["og:image"], "asset"))
            if scope.follow_links:
                found += [
                    (urljoin(url, link), "page")
                    for link in page.links
                    if article.search(urljoin(url, link))
                ]
        queue.extend((link, depth + 1, how) for link, how in found)
    return seen


def test_a_crawl_of_the_profile_reaches_the_whole_case(profile: Profile, world: DemoWorld) -> None:
    seen = _crawl(world, profile)
    wanted = [
        *w.SEED_COPIES.values(),
        w.CNBC_ARTICLE,
        w.CNBC_REDIRECT,
        w.BENZINGA_ORIGINAL,
        w.REUTERS_WIRE,
        w.CNBC_IMAGE,
        w.XSS_TITLE_PAGE,
        "http://www.cnbc.com/2025/06/17/jetblue-to-cut-more-flights-costs-as-break-even-2025-unlikely.html",
        "http://asianlite.com/2023/top-news/saudi-to-reopen-embassy-in-iran-soon/",
    ]
    assert [url for url in wanted if seen.get(url) not in (200, 301)] == []
    assert seen[w.NOT_FOUND] == 404
    assert w.ROBOTS_DISALLOWED not in seen
    assert len(seen) <= profile.scope.max_pages
