"""The demo world: one CNBC story, its originals and five real aggregator copies, on one server.

Sites and articles are data (`content`), looks are Jinja templates (`render`). Everything is
rendered once, when a `DemoWorld` is made, into `Resource`s (`responses`) keyed by URL: serving
is a dict lookup, and the server (`newscrawl.demo.server`) only moves bytes. The story's URLs
are in `urls`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawl.demo.content import load_articles, load_sites
from newscrawl.demo.render import Renderer
from newscrawl.demo.responses import (
    HTML,
    Resource,
    conditional,
    make_resource,
    normalize,
    plain_404,
)

# The story's URLs, imported from here by many tests and benchmarks.
from newscrawl.demo.urls import (
    ALLOWED_DOMAINS,
    ARTICLE_PATTERN,
    ASIANLITE_COPY,
    AUTOBLOG_COPY,
    BENZINGA_ORIGINAL,
    CHUNKED_PAGE,
    CNBC_ARTICLE,
    CNBC_IMAGE,
    CNBC_REDIRECT,
    CNJ_COPY,
    GZIP_PAGE,
    HEADTOPICS_COPY,
    NOT_FOUND,
    REUTERS_WIRE,
    ROBOTS_DISALLOWED,
    SEED_COPIES,
    STORY_COPIES,
    STORY_PAGES,
    XSS_TITLE_PAGE,
    ZENGER_COPY,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ALLOWED_DOMAINS",
    "ARTICLE_PATTERN",
    "ASIANLITE_COPY",
    "AUTOBLOG_COPY",
    "BENZINGA_ORIGINAL",
    "CHUNKED_PAGE",
    "CNBC_ARTICLE",
    "CNBC_IMAGE",
    "CNBC_REDIRECT",
    "CNJ_COPY",
    "GZIP_PAGE",
    "HEADTOPICS_COPY",
    "NOT_FOUND",
    "REUTERS_WIRE",
    "ROBOTS_DISALLOWED",
    "SEED_COPIES",
    "STORY_COPIES",
    "STORY_PAGES",
    "XSS_TITLE_PAGE",
    "ZENGER_COPY",
    "DemoWorld",
]


class DemoWorld:
    """Every URL of the demo world, rendered once; implements `Resolver`."""

    def __init__(self, version: str = "first") -> None:
        if version not in ("first", "updated"):
            raise ValueError(f"version must be 'first' or 'updated', not {version!r}")
        self.version = version
        self.sites = load_sites()
        self.articles = load_articles(version)
        self._aliases = {alias: site.host for site in self.sites.values() for alias in site.aliases}
        self._resources, self._not_found = Renderer(self.sites, self.articles).render()
        self.hosts = frozenset(urlsplit(url).hostname or "" for url in self._resources) | set(
            self._aliases
        )
        self.feeds = tuple(s.url(s.feeds[0]["path"]) for s in self.sites.values() if s.feeds)
        self.sitemaps = tuple(
            url
            for s in self.sites.values()
            for url in ((s.url("/robots.txt"),) if s.crawl_via_robots else s.top_sitemaps)
        )

    def add(self, url: str, resource: Resource) -> None:
        """Serve `resource` at `url` (tests add error pages, odd headers, huge bodies)."""
        key = normalize(url)
        self._resources[key] = resource
        self.hosts = self.hosts | {urlsplit(key).hostname or ""}

    def urls(self) -> list[str]:
        """Every URL that answers 200, sorted."""
        return sorted(url for url, r in self._resources.items() if r.status == 200)

    def resolve(self, url: str, request_headers: Mapping[str, str]) -> Resource:
        """The response to a GET of `url`: the page, a redirect, a 304 or a 404."""
        key = normalize(url)
        resource = self._resources.get(key)
        if resource is None:
            host = urlsplit(key).hostname or ""
            if host in self._aliases:
                target = key.replace(f"://{host}", f"://{self._aliases[host]}", 1)
                resource = self._moved(target)
            else:
                resource = self._not_found.get(host) or plain_404()
        return conditional(resource, request_headers)

    @staticmethod
    def _moved(target: str) -> Resource:
        body = f'<html><body>Moved to <a href="{target}">{target}</a></body></html>'.encode()
        extra = (("Location", target),)
        return make_resource(body, HTML, None, status=301, cache="max-age=3600", extra=extra)
