"""The demo world's content as data: its sites (`sites.toml`) and articles (`articles/*.toml`)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = Path(__file__).parent


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
    data = tomllib.loads((DATA / "sites.toml").read_text(encoding="utf-8"))
    sites = {}
    for key, raw in data.items():
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
        sites[key] = Site(key=key, **values)
    return sites


def load_articles(version: str) -> list[Article]:
    """The articles of one version of the world, copies resolved, teaser pages added."""
    raw = {
        p.stem: tomllib.loads(p.read_text("utf-8")) for p in sorted(DATA.glob("articles/*.toml"))
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
