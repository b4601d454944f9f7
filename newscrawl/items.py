"""Records that flow out of the spider (plain dataclasses, handled through ItemAdapter)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from itemadapter import ItemAdapter


@dataclass
class Page:
    """One HTML page the spider parsed: what the archive stage needs to describe it."""

    url: str
    status: int
    title: str = ""
    is_article: bool = False
    depth: int = 0
    referer: str | None = None
    outlinks: list[str] = field(default_factory=list)
    download_latency: float | None = None
    html: str = ""
    content_type: str = ""
    # Where the archive stage wrote the response (filled in by WarcArchiver).
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_record_id: str | None = None
    payload_digest: str | None = None
    fetched_at: str | None = None


def as_page(item: Any) -> ItemAdapter | None:
    """`item` read as a page whatever its type (a Page, a dict, an attrs or Scrapy item):
    anything with a `url` and an `html` field; None for anything else. The archive stage
    writes where the page was archived into it (`warc_file`, `warc_offset`, `warc_record_id`,
    `payload_digest`, `fetched_at`), so an item that is not a dict needs those fields."""
    if not ItemAdapter.is_item(item):
        return None
    page = ItemAdapter(item)
    return page if {"url", "html"} <= set(page.field_names()) else None


# The fields of a Page and of an Article that say which WARC record they came from.
WARC_FIELDS = (
    "warc_file",
    "warc_record_id",
    "warc_offset",
    "fetched_at",
    "payload_digest",
    "status",
)


@dataclass
class Link:
    """A link from an article's body, with the words it was anchored on."""

    url: str
    text: str


@dataclass
class Article:
    """A clean article: its text and metadata, and the WARC record it was extracted from."""

    url: str
    canonical_url: str | None = None
    # Where the page says its text first appeared: `syndication-source` / `original-source`
    # meta and link tags (Google News' convention), absolute URLs.
    syndication_urls: list[str] = field(default_factory=list)
    title: str | None = None
    # Plain text, paragraphs separated by blank lines; no aggregator chrome.
    body: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601
    modified: str | None = None  # ISO 8601
    language: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    # Links in the article body ("Source link", "Read more »" targets...): provenance clues.
    links_out: list[Link] = field(default_factory=list)
    # Photo and wire credit lines ("Leah Millis | Afp | Getty Images"), and the lines that
    # say where the text first appeared ("This article originally appeared on ...").
    credits: list[str] = field(default_factory=list)
    # extruct's output: json-ld, microdata, opengraph, dublincore.
    structured: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Where it came from.
    warc_file: str | None = None
    warc_record_id: str | None = None
    warc_offset: int | None = None
    fetched_at: str | None = None
    payload_digest: str | None = None
    status: int | None = None
