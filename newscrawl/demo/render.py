"""The demo world rendered: each site's pages, feeds, sitemaps, robots.txt and images, with the
look of its Jinja templates (`templates/<site>/`) and the schema.org metadata of its CMS."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newscrawl.demo.images import jpeg_for
from newscrawl.demo.responses import HTML, PAGE_CACHE, Resource, http_date, make_resource, normalize

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newscrawl.demo.content import Article, Site

TEMPLATES = Path(__file__).parent / "templates"
_XML_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
_SITEMAP_TYPE = "application/xml; charset=utf-8"
_SITE_EPOCH = datetime(2023, 6, 1, tzinfo=UTC)  # Last-Modified of pages that are not articles


class Renderer:
    """Renders every page, feed, sitemap, robots.txt, image and 404 page of the sites."""

    def __init__(self, sites: Mapping[str, Site], articles: list[Article]) -> None:
        self.sites = sites
        self.articles = articles
        self.resources: dict[str, Resource] = {}
        self.not_found: dict[str, Resource] = {}
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self.env.filters["rfc822"] = http_date
        self.env.filters["iso"] = lambda moment: moment.isoformat(timespec="seconds")
        self.env.filters["longdate"] = lambda moment: f"{moment:%B} {moment.day}, {moment.year}"
        self.env.globals["titles"] = {a.url: a.title for a in articles}
        self.by_site: dict[str, list[Article]] = {key: [] for key in sites}
        for article in sorted(articles, key=lambda a: a.published, reverse=True):
            self.by_site[article.site].append(article)

    def render(self) -> tuple[dict[str, Resource], dict[str, Resource]]:
        """Every resource by URL, and every host's 404 page by host."""
        for site in self.sites.values():
            self._site(site, self.by_site[site.key])
        for article in sorted(self.articles, key=lambda a: a.published):
            site = self.sites[article.site]
            listed = self.by_site[site.key]
            body = self._html(site, f"{site.key}/article.html", article=article, listed=listed)
            self._put(article.url, self._respond(site, body, HTML, article.modified))
            for image in article.images:
                if normalize(image) not in self.resources:  # dated by its first use
                    self._image(image, article.published)
        return self.resources, self.not_found

    def _site(self, site: Site, articles: list[Article]) -> None:
        newest = max((a.modified for a in articles), default=_SITE_EPOCH)
        self._put_text(site, "/robots.txt", _robots(site), "text/plain; charset=utf-8", _SITE_EPOCH)
        if not self._has_look(site):
            self.not_found[site.host] = make_resource(
                site.not_found.encode(),
                "text/plain; charset=utf-8",
                None,
                status=404,
                server=site.server,
            )
            return
        for path, page in site.pages.items():
            listed = [a for a in articles if page.get("list") in ("*", a.section)]
            body = self._html(site, "page.html", page=page, path=path, listed=listed)
            self._put(
                site.url(path), self._respond(site, body, HTML, newest if listed else _SITE_EPOCH)
            )
        missing = self._html(site, "notfound.html", page={"title": "Page not found"}, listed=[])
        self.not_found[site.host] = self._respond(site, missing, HTML, None, status=404)
        for feed in site.feeds:
            body = self._xml(f"{feed['format']}.xml", site=site, feed=feed, articles=articles)
            self._put(
                site.url(feed["path"]),
                self._respond(site, body, _XML_TYPES[feed["format"]], newest),
            )
        for sitemap in site.sitemaps:
            entries = [(a.url, a.modified, a) for a in articles] + [
                (site.url(path), _SITE_EPOCH, None) for path in site.deleted
            ]
            body = self._xml(
                "sitemap.xml", site=site, sitemap=sitemap, entries=entries, newest=newest
            )
            self._put(site.url(sitemap["path"]), self._respond(site, body, _SITEMAP_TYPE, newest))

    def _has_look(self, site: Site) -> bool:
        return (TEMPLATES / site.key / "layout.html").is_file()

    def _html(self, site: Site, template: str, **context: Any) -> bytes:
        article = context.get("article")
        context.setdefault("page", None)
        context.setdefault("path", urlsplit(article.url).path if article else "/")
        ld = _json_ld(site, article, self.sites) if article else None
        html = self.env.get_template(template).render(
            site=site, layout=f"{site.key}/layout.html", ld=ld, **{"article": None} | context
        )
        return html.encode()

    def _xml(self, template: str, **context: Any) -> bytes:
        return self.env.get_template(template).render(**context).encode()

    def _respond(
        self,
        site: Site,
        body: bytes,
        content_type: str,
        modified: datetime | None,
        status: int = 200,
    ) -> Resource:
        textual = content_type.startswith(("text/", "application/"))
        return make_resource(
            body,
            content_type,
            modified,
            status=status,
            server=site.server,
            cache=PAGE_CACHE if status == 200 else "no-cache",
            gzip=site.gzip and textual,
            chunked=site.chunked,
        )

    def _put_text(
        self, site: Site, path: str, text: str, content_type: str, modified: datetime
    ) -> None:
        self._put(site.url(path), self._respond(site, text.encode(), content_type, modified))

    def _image(self, url: str, published: datetime) -> None:
        host = urlsplit(url).hostname
        site = next((s for s in self.sites.values() if s.host == host), None)
        if site is None:
            raise ValueError(f"image {url} is on {host}, which no site of sites.toml serves")
        cache = "public, max-age=31536000, immutable"
        resource = make_resource(
            jpeg_for(url),
            "image/jpeg",
            published,
            server=site.server,
            cache=cache,
            chunked=site.chunked,
        )
        self._put(url, resource)

    def _put(self, url: str, resource: Resource) -> None:
        self.resources[normalize(url)] = resource


def _robots(site: Site) -> str:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in site.disallow)]
    if not site.disallow:
        lines.append("Allow: /")
    lines += ["", *(f"Sitemap: {url}" for url in site.top_sitemaps)]
    return "\n".join(lines).rstrip() + "\n"


def _json_ld(site: Site, article: Article, sites: Mapping[str, Site]) -> dict[str, Any]:
    """schema.org metadata as the site's CMS emits it (Yoast's @graph on WordPress sites)."""
    names = tuple(s.name for s in sites.values())
    authors = [
        {"@type": "Organization" if name.startswith(names) else "Person", "name": name}
        for name in article.authors
    ]
    publisher = {
        "@type": "Organization",
        "name": site.name,
        "url": site.url("/"),
    }
    node: dict[str, Any] = {
        "@type": site.schema,
        "headline": article.title,
        "description": article.description,
        "url": article.url,
        "datePublished": article.published.isoformat(),
        "dateModified": article.modified.isoformat(),
        "author": authors,
        "publisher": publisher,
        "articleSection": article.section,
        "inLanguage": site.language,
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.url},
    }
    if article.image:
        node["image"] = {"@type": "ImageObject", "url": article.image["url"]}
    if not site.yoast:
        return {"@context": "http://schema.org"} | node
    website = {
        "@type": "WebSite",
        "@id": site.url("/#website"),
        "url": site.url("/"),
        "name": site.name,
    }
    node |= {"@id": f"{article.url}#article", "isPartOf": {"@id": site.url("/#website")}}
    return {"@context": "http://schema.org", "@graph": [node, website]}
