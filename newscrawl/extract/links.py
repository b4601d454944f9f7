"""Links out of the article body, with their anchor text: provenance clues.

Read from the raw tree because trafilatura drops links (and anything whose class says
"syndication"). Kept: the links inside the main text block that are not chrome (share rows),
plus the links whose words point at an original wherever they sit outside
nav/header/footer/sidebar and lists of other stories: an autoblog's "Source link", an excerpt
site's "Read more »" (a teaser's "Read more »" points at that teaser's story). A link
labelled by the words just before it ("Source: <a>CNN</a>", a CMS field "Original article"
over a bare URL) takes the label as its text when the label is such words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newscrawl.anchors import is_source_anchor, leads_to_source, other_host, source_label
from newscrawl.extract.chrome import in_pruned_chrome
from newscrawl.extract.tree import in_chrome, text_of
from newscrawl.items import Link

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from lxml.html import HtmlElement

_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:", "data:")
_BASE_HREFS = etree.XPath("//base/@href", smart_strings=False)  # in C: no walk in Python


def links_out(
    tree: HtmlElement,
    main: HtmlElement | None,
    url: str,
    lists: Iterable[Iterable[HtmlElement]] = (),
) -> list[Link]:
    """The body's links and the page's provenance anchors, in page order, de-duplicated;
    `lists` are the page's lists of other stories (`chrome.story_lists`)."""
    base = urljoin(url, _base_href(tree) or url)
    inside = set() if main is None else {a for a in main.iter("a") if not in_pruned_chrome(a, main)}
    teasers = {a for run in lists for item in run for a in item.iter("a")} - inside
    seen: set[tuple[str, str]] = set()
    links: list[Link] = []
    own_host = urlsplit(base).hostname or ""
    for anchor, own_text in _anchors(tree):
        body = anchor in inside
        # Outside the body only a link that points at an original counts, and none in a
        # teaser or in the page's navigation, header, footer or sidebar: those are ruled
        # out before the words around the link are read.
        if not body and (anchor in teasers or in_chrome(anchor)):
            continue
        href = (anchor.get("href") or "").strip()
        text = own_text
        if other_host(href, own_host) and not is_source_anchor(text):
            text = source_label(anchor) or text
        if not body and not leads_to_source(text):
            continue
        if not href or href.lower().startswith(_NOT_PAGES):
            continue
        key = (urljoin(base, href), text)
        if key not in seen:
            seen.add(key)
            links.append(Link(url=key[0], text=text))
    return links


def _anchors(tree: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    for anchor in tree.iter("a"):
        yield anchor, text_of(anchor) or anchor.get("aria-label") or anchor.get("title") or ""


def _base_href(tree: HtmlElement) -> str | None:
    hrefs = _BASE_HREFS(tree)
    return str(hrefs[0]) if hrefs else None
