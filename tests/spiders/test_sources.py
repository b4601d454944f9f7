"""Following the source: an article's "Source link" on another site gets archived too, once,
within its own limit, and is not crawled any further; the source host's robots.txt is
fetched, archived and obeyed."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from scrapy.http import HtmlResponse

from newscrawl.demo import world
from newscrawl.demo.server import DemoServer
from newscrawl.spiders.news import _named_sources
from tests.helpers import crawl_profile
from tests.warcs import read_records

if TYPE_CHECKING:
    from pathlib import Path


PROFILE = """
name = "sources"
[seeds]
start_urls = ["{start}"]
[scope]
allowed_domains = ["worldnewsera.com"]
article_patterns = ['/20\\d\\d/']
max_depth = 1
follow_sources = {follow}
max_sources = {limit}
[politeness]
autothrottle = false
[network]
proxy = "{proxy}"
allow_loopback = true
hosts = ["127.0.0.1 *"]
"""


def crawl(server: DemoServer, tmp_path: Path, follow: str, limit: int) -> set[str]:
    text = PROFILE.format(
        start=world.AUTOBLOG_COPY, follow=follow, limit=limit, proxy=server.proxy_url
    )
    crawl_profile(text, tmp_path, "sources")
    folder = tmp_path / "sources"
    records = read_records(sorted(folder.glob("*.warc.gz")))
    articles = {
        json.loads(line)["url"]
        for f in folder.glob("*-articles.jsonl")
        for line in f.read_text().splitlines()
    }
    responses = {r.uri for r in records if r.type == "response"}
    return responses | {f"article:{url}" for url in articles}


def test_the_source_link_target_is_archived_and_extracted(
    world_server: DemoServer, tmp_path: Path
) -> None:
    seen = crawl(world_server, tmp_path, "true", 5)
    assert world.CNBC_ARTICLE in seen, "the original on another site is fetched"
    assert f"article:{world.CNBC_ARTICLE}" in seen, "and extracted as an article"
    cnbc_pages = {
        u for u in seen if u.startswith("http://www.cnbc.com/") and not u.endswith("robots.txt")
    }
    assert cnbc_pages == {world.CNBC_ARTICLE}, "a source is not crawled any further"


@pytest.mark.parametrize(("follow", "limit"), [("false", 5), ("true", 0)])
def test_without_the_switch_or_beyond_the_limit_nothing_offsite(
    world_server: DemoServer, tmp_path: Path, follow: str, limit: int
) -> None:
    seen = crawl(world_server, tmp_path, follow, limit)
    assert world.AUTOBLOG_COPY in seen
    assert not any(u.startswith("http://www.cnbc.com/") for u in seen)


def test_a_source_hosts_robots_txt_is_fetched_archived_and_obeyed(tmp_path: Path) -> None:
    demo = world.DemoWorld()
    source = urlsplit(world.CNBC_ARTICLE)
    robots = f"{source.scheme}://{source.netloc}/robots.txt"
    demo.add(
        robots,
        world.Resource(200, (("Content-Type", "text/plain"),), b"User-agent: *\nDisallow: /\n"),
    )
    with DemoServer(demo) as server:
        seen = crawl(server, tmp_path, "true", 5)
    assert robots in seen, "the source host's robots.txt is fetched and in the WARC"
    assert ("GET", world.CNBC_ARTICLE) not in server.requests, "Disallow: / is obeyed"
    assert world.AUTOBLOG_COPY in seen


def test_sources_named_in_other_words_and_languages_are_followed() -> None:
    body = (
        "<html><body><article><p>Text.</p>"
        '<p>Quelle: <a href="http://kurier.example/a/1">Der Kurier</a></p>'
        '<p><a href="http://soir.example/b/2">Lire la suite sur Le Soir →</a></p>'
        '<p>The post <a href="http://gazette.example/c/3">Plan</a> appeared first on '
        '<a href="http://gazette.example/">Harbor Gazette</a>.</p>'
        '<div class="field"><div class="field__label">Original article</div>'
        '<div class="field__item"><a href="http://times.example/d/4">http://times.example/d/4'
        "</a></div></div>"
        '<p>See <a href="http://other.example/e/5">a report</a> from last year.</p>'
        "</article></body></html>"
    )
    response = HtmlResponse("http://copy.example/post/", body=body.encode(), encoding="utf-8")
    assert set(_named_sources(response)) == {
        "http://kurier.example/a/1",
        "http://soir.example/b/2",
        "http://gazette.example/c/3",
        "http://times.example/d/4",
    }, "not the site's home page, nor a link the text only cites"
