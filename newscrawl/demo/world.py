"""The demo world: one CNBC story, its originals and five real aggregator copies, on one server.

Sites are data (`sites.toml`), articles are data (`articles/*.toml`), looks are Jinja templates
(`templates/<site>/`). Everything is rendered once, when a `DemoWorld` is made, into `Resource`s
keyed by URL: serving is a dict lookup, and the server (`newscrawl.demo.server`) only moves bytes.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newscrawl.demo.images import jpeg_for

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

ROOT = Path(__file__).parent

CNBC_ARTICLE = (
    "http://www.cnbc.com/2023/06/18/blinken-meets-chinese-foreign-minister-qin-gang-in-beijing.html"
)
CNBC_REDIRECT = CNBC_ARTICLE.replace("://www.", "://", 1)
CNBC_IMAGE = (
    "http://image.cnbcfm.com/api/v1/image/"
    "107259393-1687072766476-gettyimages-1258623185-afp_33ka7vl.jpeg"
)
CNJ_COPY = (
    "http://chicagonewsjournal.com/2023/06/18/"
    "blinken-meets-chinese-foreign-minister-qin-gang-on-high-stakes-diplomatic-trip-to-beijing/"
)
ZENGER_COPY = (
    "http://www.zenger.news/2023/06/18/"
    "blinken-meets-chinas-foreign-minister-to-restore-bilateral-relations/"
)
AUTOBLOG_COPY = (
    "http://www.worldnewsera.com/2023/06/18/blinken-meets-chinese-language-overseas-minister"
    "-qin-gang-on-high-stakes-diplomatic-journey-to-beijing/"
)
HEADTOPICS_COPY = "http://headtopics.com/my/blinken-flies-to-beijing-with-low-expectations-41087253"
ASIANLITE_COPY = (
    "http://asianlite.com/2023/top-news/blinken-meets-top-chinese-diplomat-wang-yi-in-beijing/"
)
BENZINGA_ORIGINAL = (
    "http://www.benzinga.com/news/23/06/32890123/"
    "blinken-meets-chinas-foreign-minister-to-restore-bilateral-relations"
)
REUTERS_WIRE = "http://www.reuters.com/world/blinken-heads-china-with-low-expectations-2023-06-16/"
ROBOTS_DISALLOWED = "http://www.cnbc.com/pro/china-personal-finance-stock-bernstein/"
NOT_FOUND = (
    "http://www.worldnewsera.com/2023/06/17/us-china-talks-delayed-as-blinken-trip-rescheduled/"
)
XSS_TITLE_PAGE = (
    "http://www.worldnewsera.com/2023/06/17/researchers-find-script-injection-in-news-widgets/"
)
GZIP_PAGE = ASIANLITE_COPY
CHUNKED_PAGE = ZENGER_COPY
SEED_COPIES: dict[str, str] = {
    "000": CNJ_COPY,
    "001": ZENGER_COPY,
    "002": AUTOBLOG_COPY,
    "003": HEADTOPICS_COPY,
    "004": ASIANLITE_COPY,
}
# The story's pages by name: the five seed copies, then the originals they came from, the
# CNBC article in both versions; each with the world version that serves it.
STORY_COPIES = ("cnj", "zenger", "autoblog", "headtopics", "asianlite")
STORY_PAGES: dict[str, tuple[str, str]] = {
    "cnj": ("first", CNJ_COPY),
    "zenger": ("first", ZENGER_COPY),
    "autoblog": ("first", AUTOBLOG_COPY),
    "headtopics": ("first", HEADTOPICS_COPY),
    "asianlite": ("first", ASIANLITE_COPY),
    "cnbc-first": ("first", CNBC_ARTICLE),
    "cnbc-updated": ("updated", CNBC_ARTICLE),
    "benzinga": ("first", BENZINGA_ORIGINAL),
    "reuters": ("first", REUTERS_WIRE),
}
# Date paths (/2023/06/18/slug/, /2023/top-news/slug/), Benzinga ids, Head Topics ids and
# Reuters' dated slugs; never section, tag, feed, sitemap or /pro/ pages.
ARTICLE_PATTERN = (
    r"^https?://[^/?#]+/(?:20\d\d/\d\d/\d\d/[a-z0-9-]+(?:\.html|/)|20\d\d/[a-z-]+/[a-z0-9-]+/"
    r"|news/\d\d/\d\d/\d+/[a-z0-9-]+|my/[a-z0-9-]+-\d{6,}|world/[a-z0-9-]+-20\d\d-\d\d-\d\d/)$"
)
ALLOWED_DOMAINS = (
    "cnbc.com",
    "cnbcfm.com",
    "chicagonewsjournal.com",
    "worldnewsera.com",
    "zenger.news",
    "benzinga.com",
    "headtopics.com",
    "reuters.com",
    "asianlite.com",
)

HTML = "text/html; charset=utf-8"
_XML_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
_SITEMAP_TYPE = "application/xml; charset=utf-8"
_PAGE_CACHE = "public, max-age=300"
_SITE_EPOCH = datetime(2023, 6, 1, tzinfo=UTC)  # Last-Modified of pages that are not articles
_PLAIN_404 = (
    b"<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
    b"<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


@dataclass(frozen=True)
class Resource:
    """One HTTP response as the server sends it (Date, lengths and encodings are the server's)."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    gzip: bool = False
    chunked: bool = False

    def header(self, name: str) -> str | None:
        """The first value of a header, by case-insensitive name."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


class Resolver(Protocol):
    """Anything that answers a URL: the demo world, the generated site, a test's stub."""

    def resolve(self, url: str, request_headers: Mapping[str, str]) -> Resource: ...


def http_date(moment: datetime) -> str:
    """An HTTP date (RFC 9110 IMF-fixdate)."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def make_resource(
    body: bytes,
    content_type: str,
    modified: datetime | None,
    *,
    status: int = 200,
    server: str = "nginx",
    cache: str = _PAGE_CACHE,
    extra: tuple[tuple[str, str], ...] = (),
    gzip: bool = False,
    chunked: bool = False,
) -> Resource:
    """A response with realistic headers, and validators (Last-Modified, ETag) if `modified`."""
    headers = [("Server", server), ("Content-Type", content_type)]
    if modified is not None:
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        headers += [("Last-Modified", http_date(modified)), ("ETag", etag)]
    headers += [("Cache-Control", cache), *extra]
    if gzip:
        headers.append(("Vary", "Accept-Encoding"))
    return Resource(status, tuple(headers), body, gzip=gzip, chunked=chunked)


def conditional(resource: Resource, request_headers: Mapping[str, str]) -> Resource:
    """The resource, or a bodiless 304 when the request's validators say the client has it."""
    if resource.status != 200:
        return resource
    asked = {k.lower(): v for k, v in request_headers.items()}
    if "if-none-match" in asked:
        fresh = _etag_matches(asked["if-none-match"], resource.header("ETag"))
    else:
        fresh = _not_modified_since(
            asked.get("if-modified-since"), resource.header("Last-Modified")
        )
    if not fresh:
        return resource
    return Resource(304, resource.headers, b"", chunked=resource.chunked)


def _etag_matches(condition: str, etag: str | None) -> bool:
    def plain(tag: str) -> str:  # weak comparison; the server's "-gzip" variant is the same entity
        return tag.strip().removeprefix("W/").replace('-gzip"', '"')

    if etag is None:
        return False
    return condition.strip() == "*" or plain(etag) in {plain(t) for t in condition.split(",")}


def _not_modified_since(since: str | None, last_modified: str | None) -> bool:
    if not since or not last_modified:
        return False
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def normalize(url: str) -> str:
    """The world's key for a URL: http, lower-case host, no default port, no fragment."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port not in (None, 80):
        host = f"{host}:{parts.port}"
    query = f"?{parts.query}" if parts.query else ""
    return f"http://{host}{parts.path or '/'}{query}"


@dataclass(frozen=True)
class Site:
    """One web site of the world: its host, chrome facts, feeds and sitemaps (`sites.toml`)."""

    key: str
    name: str
    host: str
    server: str
    not_found: str
    tagline: str = ""
    language: str = "en-US"
    aliases: tuple[str, ...] = ()
    disallow: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    feeds: tuple[dict[str, str], ...] = ()
    sitemaps: tuple[dict[str, Any], ...] = ()
    pages: dict[str, dict[str, str]] = field(default_factory=dict)
    schema: str = "Article"
    yoast: bool = False
    gzip: bool = False
    chunked: bool = False
    crawl_via_robots: bool = False

    def url(self, path: str) -> str:
        """The absolute URL of a path on this site."""
        return f"http://{self.host}{path}"

    @property
    def top_sitemaps(self) -> tuple[str, ...]:
        """Sitemaps that robots.txt announces (not the children of a sitemap index)."""
        children = {child for s in self.sitemaps for child in s.get("children", ())}
        return tuple(self.url(s["path"]) for s in self.sitemaps if s["path"] not in children)


@dataclass(frozen=True)
class Article:
    """One article page (`articles/*.toml`); a copy may inherit its words with `copy_of`."""

    key: str
    url: str
    site: str
    title: str
    description: str
    published: datetime
    modified: datetime
    authors: tuple[str, ...]
    section: str
    paragraphs: tuple[str | dict[str, Any], ...]
    image: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def images(self) -> Iterator[str]:
        """Every picture the page shows: the lead image and inline figures."""
        if self.image:
            yield self.image["url"]
        for block in self.paragraphs:
            if isinstance(block, dict) and block["kind"] == "figure":
                yield block["image"]


def load_sites() -> dict[str, Site]:
    """The sites of `sites.toml`, by key."""
    data = tomllib.loads((ROOT / "sites.toml").read_text(encoding="utf-8"))
    sites = {}
    for key, raw in data.items():
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
        sites[key] = Site(key=key, **values)
    return sites


def load_articles(version: str) -> list[Article]:
    """The articles of one version of the world, copies resolved, teaser pages added."""
    raw = {
        p.stem: tomllib.loads(p.read_text("utf-8")) for p in sorted(ROOT.glob("articles/*.toml"))
    }
    articles: list[Article] = []
    for key, data in raw.items():
        if data.get("version", version) != version:
            continue
        merged = data
        if "copy_of" in data:
            inherited = {
                k: v for k, v in raw[data["copy_of"]].items() if k not in ("version", "extra")
            }
            merged = inherited | {k: v for k, v in data.items() if k != "copy_of"}
        articles.append(_article(key, merged))
    known = {a.url for a in articles}
    for parent in list(articles):
        for i, teaser in enumerate(parent.extra.get("teasers", ())):
            if teaser["url"] not in known:
                articles.append(_teaser_page(parent, i, teaser))
    return articles


def _article(key: str, data: dict[str, Any]) -> Article:
    values = dict(data)
    for name in ("published", "modified"):
        values[name] = datetime.fromisoformat(values[name])
    values["authors"] = tuple(values["authors"])
    values["paragraphs"] = tuple(values["paragraphs"])
    values.pop("version", None)
    return Article(key=key, **values)


def _teaser_page(parent: Article, index: int, teaser: dict[str, str]) -> Article:
    """A "Similar News" teaser of an excerpt aggregator is itself a small page of that site."""
    moment = datetime.fromisoformat(teaser["date"])
    return Article(
        key=f"{parent.key}-teaser-{index}",
        url=teaser["url"],
        site=parent.site,
        title=teaser["title"],
        description=teaser["text"],
        published=moment,
        modified=moment,
        authors=parent.authors,
        section=parent.section,
        paragraphs=(teaser["text"],),
    )


class DemoWorld:
    """Every URL of the demo world, rendered once; implements `Resolver`."""

    def __init__(self, version: str = "first") -> None:
        if version not in ("first", "updated"):
            raise ValueError(f"version must be 'first' or 'updated', not {version!r}")
        self.version = version
        self.sites = load_sites()
        self.articles = load_articles(version)
        self._aliases = {alias: site.host for site in self.sites.values() for alias in site.aliases}
        self._resources, self._not_found = _Renderer(self).render()
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
                resource = self._not_found.get(host) or _plain_404()
        return conditional(resource, request_headers)

    @staticmethod
    def _moved(target: str) -> Resource:
        body = f'<html><body>Moved to <a href="{target}">{target}</a></body></html>'.encode()
        extra = (("Location", target),)
        return make_resource(body, HTML, None, status=301, cache="max-age=3600", extra=extra)


class _Renderer:
    """Fills a `DemoWorld` with every page, feed, sitemap, robots.txt, image and 404 page."""

    def __init__(self, world: DemoWorld) -> None:
        self.world = world
        self.resources: dict[str, Resource] = {}
        self.not_found: dict[str, Resource] = {}
        self.env = Environment(
            loader=FileSystemLoader(ROOT / "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self.env.filters["rfc822"] = http_date
        self.env.filters["iso"] = lambda moment: moment.isoformat(timespec="seconds")
        self.env.filters["longdate"] = lambda moment: f"{moment:%B} {moment.day}, {moment.year}"
        self.env.globals["titles"] = {a.url: a.title for a in world.articles}
        self.by_site: dict[str, list[Article]] = {key: [] for key in world.sites}
        for article in sorted(world.articles, key=lambda a: a.published, reverse=True):
            self.by_site[article.site].append(article)

    def render(self) -> tuple[dict[str, Resource], dict[str, Resource]]:
        """Every resource by URL, and every host's 404 page by host."""
        for site in self.world.sites.values():
            self._site(site, self.by_site[site.key])
        for article in sorted(self.world.articles, key=lambda a: a.published):
            site = self.world.sites[article.site]
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
        return (ROOT / "templates" / site.key / "layout.html").is_file()

    def _html(self, site: Site, template: str, **context: Any) -> bytes:
        article = context.get("article")
        context.setdefault("page", None)
        context.setdefault("path", urlsplit(article.url).path if article else "/")
        ld = _json_ld(site, article, self.world.sites) if article else None
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
            cache=_PAGE_CACHE if status == 200 else "no-cache",
            gzip=site.gzip and textual,
            chunked=site.chunked,
        )

    def _put_text(
        self, site: Site, path: str, text: str, content_type: str, modified: datetime
    ) -> None:
        self._put(site.url(path), self._respond(site, text.encode(), content_type, modified))

    def _image(self, url: str, published: datetime) -> None:
        host = urlsplit(url).hostname
        site = next((s for s in self.world.sites.values() if s.host == host), None)
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


def _plain_404() -> Resource:
    return make_resource(_PLAIN_404, HTML, None, status=404, cache="no-cache")


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
