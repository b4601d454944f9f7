"""A deterministic synthetic news site of any size, for benchmarks and scale tests.

Page i is the same bytes on every run; pages are built on first request and then cached,
so a benchmark measures the crawler, not this site.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from newscrawl.demo.responses import HTML, Resource, conditional, make_resource, normalize

if TYPE_CHECKING:
    from collections.abc import Mapping

_VOCABULARY = (
    "market officials said growth talks minister trade report government policy economy "
    "analysts week companies shares investors prices election court security energy city "
    "council budget plan summit leaders agreement climate health workers bank rates data "
    "record season technology regulators inquiry statement spokesperson region border"
)
_WORDS = _VOCABULARY.split()
_EPOCH = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)


def _text_pool(size: int) -> str:
    rng = random.Random(20240101)
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(_WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


_PROFILE = """
name = "{name}"
[seeds]
start_urls = ["{start}"]
[scope]
allowed_domains = ["{host}"]
max_depth = 100
[politeness]
autothrottle = false
concurrent_requests_per_domain = {concurrency}
[network]
proxy = "{proxy}"
allow_loopback = true
hosts = ["127.0.0.1 *"]
"""


class GeneratedSite:
    """`pages` article pages of about `page_size` bytes, each with `links` links; a `Resolver`.
    With a `delay`, each answer takes that many seconds, as a distant server's would."""

    def __init__(
        self,
        pages: int,
        page_size: int = 65536,
        links: int = 20,
        host: str = "news.example.com",
        delay: float = 0.0,
    ) -> None:
        if pages < 1:
            raise ValueError("a generated site needs at least one page")
        self.pages, self.page_size, self.links, self.host = pages, page_size, links, host
        self.delay = delay
        self.start_url = f"http://{host}/"
        self._index = {url: i for i, url in enumerate(self.urls())}
        self._pool = _text_pool(page_size + 8192)
        self._cache: dict[str, Resource] = {
            normalize(f"http://{host}/robots.txt"): make_resource(
                b"User-agent: *\nAllow: /\n", "text/plain; charset=utf-8", _EPOCH
            ),
        }

    def profile(self, name: str, proxy: str, concurrency: int = 4) -> str:
        """A crawl profile (TOML) of the whole site, served through the loopback `proxy`."""
        return _PROFILE.format(
            name=name, start=self.start_url, host=self.host, proxy=proxy, concurrency=concurrency
        )

    def url(self, i: int) -> str:
        """The URL of page i (it matches the demo's ARTICLE_PATTERN)."""
        return f"http://{self.host}/2024/01/{1 + i % 28:02d}/story-{i:06d}.html"

    def urls(self) -> list[str]:
        """Every article URL, page 0 first."""
        return [self.url(i) for i in range(self.pages)]

    def resolve(self, url: str, request_headers: Mapping[str, str]) -> Resource:
        """The page, a 304, or a 404 for anything this site does not have."""
        if self.delay:
            time.sleep(self.delay)  # the server answers each request in a thread of its own
        key = normalize(url)
        resource = self._cache.get(key)
        if resource is None:
            resource = self._build(key)
            self._cache[key] = resource  # racing threads build the same bytes: harmless
        return conditional(resource, request_headers)

    def _build(self, key: str) -> Resource:
        if key == normalize(self.start_url):
            return self._page("Generated News", range(self.pages), 0, _EPOCH)
        if key not in self._index:
            return make_resource(
                b"<h1>404 Not Found</h1>", HTML, None, status=404, cache="no-cache"
            )
        i = self._index[key]
        half = self.links // 2
        # Half the links walk on to the next stories; the other half are the same few
        # "popular" stories on every page, so a crawler sees many repeated links.
        targets = [(i + 1 + j) % self.pages for j in range(half)]
        targets += [(j * 7) % self.pages for j in range(self.links - half)]
        return self._page(f"Generated story {i}", targets, i, _EPOCH + timedelta(minutes=i))

    def _page(
        self, title: str, targets: range | list[int], seed: int, moment: datetime
    ) -> Resource:
        links = "".join(f'<li><a href="{self.url(t)}">Story {t}</a></li>\n' for t in targets)
        title = escape(title)
        head = (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:type" content="article">'
            f'<meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{moment.isoformat()}"></head>\n'
            f'<body><h1>{title}</h1>\n<ul class="related">\n{links}</ul>\n<article>\n'
        )
        tail = f'</article>\n<footer><a href="{self.start_url}">Home</a></footer></body></html>\n'
        room = max(0, self.page_size - len(head) - len(tail))
        start = (seed * 7919) % 8192
        text = self._pool[start : start + room]
        paragraphs = "".join(f"<p>{text[k : k + 592]}</p>\n" for k in range(0, len(text), 600))
        return make_resource((head + paragraphs + tail).encode(), HTML, moment)
