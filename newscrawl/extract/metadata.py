"""Article metadata: structured data first, then the page's head and headline, then htmldate.

Publishers state their metadata in JSON-LD and OpenGraph for search engines and social
sites; that is the most reliable source. htmldate runs only for an article page that states
no date, so a well-marked page costs no extra pass, and neither does a page that does not
look like one article (a home page, section front or contact page, whose "date" would be
some teaser's). The test is cheap and can err: a short article without structured data or
an `<article>` element gets no date from htmldate. trafilatura's
metadata heuristics (bylines in the text) are not run at all: they cost as much as
extracting the body, so authors come only from what the page states.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from htmldate import find_date

from newscrawl.extract.tree import normalize_space, text_of
from newscrawl.items import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extract.structured import Structured
    from newscrawl.extract.tree import MainBlock


# Google News' tags naming where a syndicated or rewritten story first appeared.
_SYNDICATION_XPATH = (
    "//meta[@name = 'syndication-source' or @name = 'original-source']/@content"
    " | //link[@rel = 'syndication-source' or @rel = 'original-source']/@href"
)


class _Page:
    """What the page states outside structured data: its `<meta>` and `<link>` elements."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree

    @cached_property
    def metas(self) -> dict[str, str]:
        """`<meta>` contents by lower-cased name or http-equiv (the first of each)."""
        found: dict[str, str] = {}
        for element in self.tree.iter("meta"):
            key = (element.get("name") or element.get("http-equiv") or "").lower()
            content = normalize_space(element.get("content") or "")
            if key and content:
                found.setdefault(key, content)
        return found

    def meta(self, *names: str) -> str | None:
        """The first stated `<meta>` content among `names`."""
        return next((self.metas[n] for n in names if n in self.metas), None)

    def link(self, rel: str) -> str | None:
        """A `<link rel=...>` target."""
        hrefs = self.tree.xpath("//link[@rel = $r]/@href", r=rel)
        return str(hrefs[0]).strip() if hrefs else None


def read_metadata(tree: HtmlElement, url: str, data: Structured, main: MainBlock) -> Article:
    """An article with every metadata field filled (no text yet), each from the most
    reliable source that has it."""
    page = _Page(tree)
    published = iso_date(data.first("ld:datePublished", "article:published_time", "dc:date"))
    if published is None and _is_article_page(tree, data, main):
        published = iso_date(find_date(tree, url=url, extensive_search=False))
    site_name = (
        data.first("og:site_name", "site:name")
        or page.meta("application-name")
        or (urlsplit(url).hostname or "").removeprefix("www.")  # as trafilatura would say
        or None
    )
    return Article(
        url=url,
        canonical_url=_absolute(
            url, page.link("canonical") or data.first("og:url", "ld:url", "ld:mainEntityOfPage")
        ),
        syndication_urls=_syndication_urls(tree, url),
        title=data.first("ld:headline", "og:title", "dc:title", "ld:name") or _headline(tree),
        authors=_authors(data, page),
        published=published,
        modified=iso_date(
            data.first("ld:dateModified", "article:modified_time", "og:updated_time")
        ),
        language=data.first("ld:inLanguage", "dc:language")
        or tree.get("lang")
        or _locale(data.first("og:locale"))
        or page.meta("content-language"),
        site_name=site_name,
        publisher=data.first("ld:publisher", "dc:publisher") or site_name,
        description=data.first("ld:description", "og:description", "dc:description")
        or page.meta("description"),
        section=data.first("ld:articleSection", "article:section") or page.meta("section"),
        tags=_tags(data, page),
        image=_absolute(url, data.first("ld:image", "og:image", "og:image:url"))
        or _absolute(url, page.meta("twitter:image")),
    )


def _is_article_page(tree: HtmlElement, data: Structured, main: MainBlock) -> bool:
    """Whether the page is one article: its main block holds an article's worth of text,
    its structured data says so, or its markup has a single `<article>` (teaser lists
    have many, or none)."""
    return main.holds_article or data.describes_article or len(tree.xpath("//article")) == 1


def _syndication_urls(tree: HtmlElement, url: str) -> list[str]:
    """`syndication-source` and `original-source` targets, from `<meta>` and `<link>` alike."""
    targets = (str(target).strip() for target in tree.xpath(_SYNDICATION_XPATH))
    return list(dict.fromkeys(urljoin(url, target) for target in targets if target))


def _headline(tree: HtmlElement) -> str | None:
    """For a page that states no headline: its `<h1>`, else its `<title>`."""
    heading = tree.find(".//h1")
    title = text_of(heading) if heading is not None else tree.findtext(".//title")
    return normalize_space(title or "") or None


def iso_date(text: str | None) -> str | None:
    """An ISO 8601 date or date-time, or None when the text is not a date."""
    if not text:
        return None
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)  # RFC 822, as in feeds and old meta tags
        except (TypeError, ValueError):
            return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return moment.date().isoformat()
    return moment.isoformat()


def _authors(data: Structured, page: _Page) -> list[str]:
    names = data.values("ld:author") or data.values("dc:creator")
    if not names:
        stated = page.meta("author", "article:author", "byl")
        names = [stated] if stated else []
    names = [normalize_space(n) for n in names]
    return list(dict.fromkeys(n for n in names if n and not n.startswith(("http:", "https:"))))


def _tags(data: Structured, page: _Page) -> list[str]:
    tags = data.values("ld:keywords") or data.values("article:tag")
    if not tags:
        stated = page.meta("news_keywords", "keywords")
        tags = [stated] if stated else []
    split = [t.strip() for tag in tags for t in tag.split(",")]
    return list(dict.fromkeys(t for t in split if t))


def _locale(locale: str | None) -> str | None:
    return locale.replace("_", "-") if locale else None


def _absolute(url: str, href: str | None) -> str | None:
    return urljoin(url, href) if href else None
