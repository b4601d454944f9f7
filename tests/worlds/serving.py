"""What the two aggregator worlds share: the records of a text, an outlet, an original and of
what a page is (`Truth`); the pages as `Resource`s served as `newscrawl.demo.world.DemoWorld`
serves its own; the aggregators' feeds and home pages, robots.txt, and the crawl profile
seeded from the feeds only.

A world (`tests/worlds/aggregators.py`, `tests/worlds2/harsh.py`) subclasses `World` and keeps
what is its own: its texts, outlets, sites, templates and what its copiers do to words.
"""

from __future__ import annotations

import html
import json
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, Protocol, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from newscrawl.demo.responses import HTML, Resource, conditional, make_resource, normalize

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterable, Mapping, Sequence

Relation = Literal["original", "verbatim", "spun", "excerpt", "rewrite"]
_PARTIALS = Path(__file__).parent / "partials"
_FEED_TYPES = {
    "rss": "application/rss+xml; charset=UTF-8",
    "atom": "application/atom+xml; charset=UTF-8",
}
# Post URLs that WordPress ("/2024/05/02/slug/") and Blogger ("/2024/05/slug.html") make on
# every site of theirs.
_CMS_POSTS = (
    r"^https?://[^/]+/20\d\d/\d\d/\d\d/[a-z0-9-]+/$",
    r"^https?://[^/]+/20\d\d/\d\d/[a-z0-9-]+\.html$",
)


@dataclass(frozen=True)
class Text:
    """One real article text (a line of a world's `articles.jsonl`)."""

    id: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Truth:
    """What a page is: its original (None for originals) and relation, and the kind of case."""

    url: str
    site: str
    original_url: str | None
    relation: Relation
    kind: str
    link: str = "none"
    dated: bool = True
    same_event_as: str | None = None
    also_drew_on: str | None = None  # a rewrite's second source: the other report of its event


@dataclass(frozen=True)
class Outlet:
    """A publisher of originals, with its own look (`style`: its template), clock and URLs."""

    key: str
    name: str
    short: str
    host: str
    style: str
    tz_hours: float
    tagline: str
    blocks_crawlers: bool = False  # robots.txt: Disallow: / (its originals stay unarchived)

    @property
    def home(self) -> str:
        return f"http://{self.host}/"


@dataclass
class Story:
    """An original: its text, who published it where and when, and its later version if the
    outlet updated it."""

    text: Text
    outlet: Outlet
    url: str
    published: datetime
    author: str
    section: str
    # Updated after the aggregators took it: what the outlet serves now, and when it changed.
    update: tuple[tuple[str, ...], datetime] | None = None


class Site(Protocol):
    """What serving needs of an aggregator."""

    @property
    def name(self) -> str: ...
    @property
    def host(self) -> str: ...
    @property
    def platform(self) -> str: ...  # its template
    @property
    def tagline(self) -> str: ...
    @property
    def related_heading(self) -> str: ...
    @property
    def feed(self) -> Literal["rss", "atom"]: ...
    @property
    def feed_url(self) -> str: ...


class Post(Protocol):
    """What serving needs of an aggregator's post."""

    url: str
    title: str
    published: datetime | None


SiteT = TypeVar("SiteT", bound=Site)
PostT = TypeVar("PostT", bound=Post)


def load_texts(path: Path) -> list[Text]:
    """The real article texts of `path` (JSON lines), in file order."""
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return [Text(r["id"], r["title"], tuple(r["paragraphs"])) for r in rows]


def template_env(folder: Path, **switches: bool) -> Environment:
    """A world's page templates (`folder`), which include the partials both worlds share;
    `switches` are the partials' choices, the same on every page of the world."""
    environment = Environment(
        loader=FileSystemLoader([folder, _PARTIALS]),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    environment.globals.update(switches)
    return environment


def slug(text: str, words: int) -> str:
    """The URL slug of a title or name: its first `words` words, lower case."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words]) or "story"


def local_time(when: datetime, hours: float) -> datetime:
    """`when` on the clock of a place `hours` off UTC."""
    return when.astimezone(timezone(timedelta(hours=hours)))


def script_json(data: Mapping[str, Any]) -> str:
    """JSON-LD as it stands in a page's <script>: non-ASCII kept, "</" escaped."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def without_tracking(url: str) -> str:
    """The world's key for a URL with its utm_* parameters dropped (servers ignore them)."""
    parts = urlsplit(normalize(url))
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")]
    return urlunsplit(parts._replace(query=urlencode(query)))


def rss_item(post: Post, when: datetime, *, guid: str, summary: str, creator: str = "") -> str:
    """A post's <item> in an RSS feed; `summary` is the start of its text, cut where the site
    cuts it ("[…]" follows), `creator` its author in Dublin Core if the feed names one."""
    by = f"<dc:creator><![CDATA[{creator}]]></dc:creator>" if creator else ""
    return (
        f"<item><title>{html.escape(post.title)}</title><link>{html.escape(post.url)}</link>"
        f"<pubDate>{format_datetime(when.astimezone(UTC), usegmt=True)}</pubDate>{by}"
        f"<guid isPermaLink='false'>{html.escape(guid)}</guid>"
        f"<description><![CDATA[{summary} [&#8230;]]]></description></item>"
    )


def atom_entry(
    post: Post, when: datetime, *, entry_id: str, text: str, author: str, full: bool
) -> str:
    """A post's <entry> in a Blogger feed: `text` as its <content> if `full`, else as its
    <summary>."""
    title = html.escape(post.title)
    body = (
        f"<content type='html'>{html.escape(text)}</content>"
        if full
        else f"<summary type='text'>{html.escape(text)}</summary>"
    )
    return (
        f"<entry><id>{entry_id}</id><published>{when.isoformat()}</published>"
        f"<updated>{when.isoformat()}</updated><title type='text'>{title}</title>{body}"
        f"<link rel='alternate' type='text/html' href='{html.escape(post.url)}' "
        f"title='{title}'/><author><name>{author}</name></author></entry>"
    )


class World(ABC, Generic[SiteT, PostT]):
    """A world's pages (`resources`, keyed by `normalize`d URL) and `truth`, served like
    `DemoWorld` and crawled from its aggregators' feeds (`profile_toml`).

    A subclass builds its sites, copies and pages in `__init__`, renders a post and a feed
    (`_copy_page`, `_feed`) and says in class attributes how its web differs from the other.
    """

    profile_name: ClassVar[str]  # the crawl profile's name (and archive prefix) by default
    description: ClassVar[str]
    operator: ClassVar[str]
    max_pages: ClassVar[int]  # and as many sources
    deny_patterns: ClassVar[tuple[str, ...]]
    post_patterns: ClassVar[tuple[str, ...]]  # post URLs of its sites other than WordPress's
    not_found: ClassVar[bytes]  # the body of every host's 404
    servers: ClassVar[tuple[str, ...]]  # what the Server header says, drawn for each page
    robots: ClassVar[bytes]  # every host's robots.txt...
    robots_barred: ClassVar[bytes]  # ...but that of an outlet that turns crawlers away
    epoch: ClassVar[datetime]  # when the world starts: the date of its feeds and home pages
    templates: ClassVar[Environment]  # its `template_env`

    def __init__(self, seed: int, rng: random.Random, sites: Sequence[SiteT]) -> None:
        self.seed = seed
        self._rng = rng
        self.sites = sites
        self._taken: set[str] = set()
        self.truth: dict[str, Truth] = {}
        self.resources: dict[str, Resource] = {}

    # -- building ---------------------------------------------------------------------------

    def _free_url(self, site: SiteT, name: str, path: Callable[[str], str]) -> str:
        """A new post's URL on `site`: `path` of its slug `name`, or of "name-2", "name-3"...
        if the site has that one already, as WordPress does (Blogger cuts slugs at 40)."""
        if site.platform == "blogger":
            name = name[:40].rstrip("-")
        for n in range(1, 100):
            url = f"http://{site.host}{path(name if n == 1 else f'{name}-{n}')}"
            if url not in self._taken:
                self._taken.add(url)
                return url
        raise ValueError(f"no free URL for {name!r} on {site.host}")

    # -- rendering --------------------------------------------------------------------------

    def _add(self, url: str, body: str, when: datetime | None, content_type: str = HTML) -> None:
        self.resources[normalize(url)] = make_resource(
            body.encode("utf-8"),
            content_type,
            when or self.epoch,
            server=self._rng.choice(self.servers),
            gzip=self._rng.random() < 0.5,
        )

    def _render_site(self, site: SiteT, posts: Sequence[PostT]) -> None:
        """A site's posts (`posts`, newest first), its feed and its home page."""
        for copy in posts:
            self._add(copy.url, self._copy_page(copy, posts), copy.published)
        self._add(site.feed_url, self._feed(site, posts), self.epoch, _FEED_TYPES[site.feed])
        links = "".join(
            f'<li><a href="{html.escape(c.url)}">{html.escape(c.title)}</a></li>'
            for c in posts[:20]
        )
        home = (
            f"<!DOCTYPE html><html><head><title>{html.escape(site.name)}</title></head>"
            f"<body><h1>{html.escape(site.name)}</h1><ul>{links}</ul></body></html>"
        )
        self._add(f"http://{site.host}/", home, self.epoch)

    @abstractmethod
    def _copy_page(self, copy: PostT, posts: Sequence[PostT]) -> str:
        """A post's page; `posts` are all its site's, newest first."""

    @abstractmethod
    def _feed(self, site: SiteT, posts: Sequence[PostT]) -> str:
        """A site's feed of `posts`, newest first."""

    def _post_html(self, site: SiteT, page: Mapping[str, Any]) -> str:
        """A post rendered with its site's template."""
        info = {
            "name": site.name,
            "tagline": site.tagline,
            "title_suffix": f" - {site.name}",
            "feed_url": site.feed_url,
            "related_heading": site.related_heading,
        }
        return self.templates.get_template(f"{site.platform}.html").render(page=page, site=info)

    def _rss(
        self, site: SiteT, items: Iterable[str], *, dublin_core: bool = False, language: str = ""
    ) -> str:
        """A site's RSS feed of `items`: with the Dublin Core namespace if they name their
        creators, and the channel's `language` if given."""
        dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/" ' if dublin_core else ""
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<rss version="2.0" {dc}xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f"<title>{html.escape(site.name)}</title><link>http://{site.host}/</link>"
            f'<atom:link href="{site.feed_url}" rel="self" type="application/rss+xml"/>'
            f"<description>{html.escape(site.tagline)}</description>"
            f"{f'<language>{language}</language>' if language else ''}{''.join(items)}"
            "</channel></rss>"
        )

    def _atom(self, site: SiteT, feed_id: str, entries: Iterable[str]) -> str:
        """A Blogger site's Atom feed of `entries`."""
        return (
            "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<id>{feed_id}</id><updated>{self.epoch.isoformat()}</updated>"
            f"<title type='text'>{html.escape(site.name)}</title>"
            f"<link rel='alternate' type='text/html' href='http://{site.host}/'/>"
            f"<link rel='self' type='application/atom+xml' href='{site.feed_url}'/>"
            "<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>"
            f"{''.join(entries)}</feed>"
        )

    def _add_robots(self, hosts: Iterable[str], barred: Iterable[str]) -> None:
        """Every host's robots.txt; the `barred` ones turn crawlers away."""
        closed = set(barred)
        for host in hosts:
            self.resources[f"http://{host}/robots.txt"] = make_resource(
                self.robots_barred if host in closed else self.robots,
                "text/plain; charset=utf-8",
                self.epoch,
            )

    # -- serving ----------------------------------------------------------------------------

    def resolve(self, url: str, request_headers: Mapping[str, str]) -> Resource:
        """The page at `url` (a 304 if the request's validators match), or the host's 404."""
        found = self.resources.get(normalize(url)) or self.resources.get(without_tracking(url))
        if found is None:
            return make_resource(self.not_found, HTML, None, status=404)
        return conditional(found, request_headers)

    @property
    def feeds(self) -> list[str]:
        """The aggregators' feeds: the crawl's only seeds."""
        return [s.feed_url for s in self.sites]

    @property
    def aggregator_hosts(self) -> list[str]:
        return [s.host for s in self.sites]

    def article_patterns(self) -> list[str]:
        """Regexes that match the aggregators' post URLs (and nothing else of theirs)."""
        return [*_CMS_POSTS, *self.post_patterns]

    def profile_toml(self, proxy: str, name: str = "") -> str:
        """A crawl profile seeded from the aggregators' feeds only, through `proxy`."""
        name = name or self.profile_name

        def listed(values: Iterable[str]) -> str:
            return f"[{', '.join(json.dumps(v) for v in values)}]"

        return (
            f'name = "{name}"\ndescription = "{self.description}"\n\n'
            f"[seeds]\nfeeds = {listed(self.feeds)}\n\n"
            f"[scope]\nallowed_domains = {listed(self.aggregator_hosts)}\n"
            f"article_patterns = {listed(self.article_patterns())}\n"
            f"deny_patterns = {listed(self.deny_patterns)}\n"
            f"follow_links = true\nmax_depth = 3\nmax_pages = {self.max_pages}\n"
            f"follow_sources = true\nmax_sources = {self.max_pages}\n\n"
            "[politeness]\nobey_robots = true\nautothrottle = false\n"
            "concurrent_requests_per_domain = 8\n\n"
            f'[archive]\nprefix = "{name}"\noperator = "{self.operator}"\nwacz = false\n\n'
            f'[network]\nproxy = "{proxy}"\nallow_loopback = true\nhosts = ["127.0.0.1 *"]\n'
        )

    def truth_rows(self) -> list[dict[str, object]]:
        """The truth as plain rows (JSON-ready), one per article URL."""
        return [t.__dict__ | {"url": url} for url, t in sorted(self.truth.items())]
