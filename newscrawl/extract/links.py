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

from newscrawl.anchors import SOURCE_ANCHOR, is_source_anchor
from newscrawl.extract.chrome import in_pruned_chrome
from newscrawl.extract.tree import in_chrome, text_of
from newscrawl.items import Link

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from lxml.html import HtmlElement

_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:", "data:")
_LABEL_LEVELS = 3  # a label sits before the link in its parent, or up to two levels higher
_LONGEST_LABEL = 40


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
        href = (anchor.get("href") or "").strip()
        text = own_text
        if anchor not in teasers and _other_host(href, own_host) and not is_source_anchor(text):
            text = _label(anchor) or text
        if anchor not in inside and (anchor in teasers or not _points_at_original(anchor, text)):
            continue
        if not href or href.lower().startswith(_NOT_PAGES):
            continue
        key = (urljoin(base, href), text)
        if key not in seen:
            seen.add(key)
            links.append(Link(url=key[0], text=text))
    return links


def _other_host(href: str, own_host: str) -> bool:
    """Whether an absolute link leads to another host than the page's (read from the text:
    parsing every link of a page as a URL costs more than the rest of this stage)."""
    if not href.startswith(("http://", "https://", "//")):
        return False
    host = href.split("/", 3)[2].rpartition("@")[2].partition(":")[0]
    return host.lower() != own_host


def _anchors(tree: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    for anchor in tree.iter("a"):
        yield anchor, text_of(anchor) or anchor.get("aria-label") or anchor.get("title") or ""


def _label(anchor: HtmlElement) -> str | None:
    """The source-pointing words right before a link, if there are any: the text before it
    in its parent, or before the parent's branch a level or two up, when that is short."""
    element = anchor
    for _ in range(_LABEL_LEVELS):
        parent = element.getparent()
        if parent is None:
            return None
        before = [parent.text or ""]
        if len(before[0]) > _LONGEST_LABEL:
            return None
        for sibling in element.itersiblings(preceding=True):
            shown = text_of(sibling) if isinstance(sibling.tag, str) else ""  # not a comment
            before.insert(1, f"{shown} {sibling.tail or ''}")
            if sum(map(len, before)) > _LONGEST_LABEL:
                return None
        label = " ".join(" ".join(before).split())
        if label:
            return label if SOURCE_ANCHOR.fullmatch(label) else None
        element = parent
    return None


def _points_at_original(anchor: HtmlElement, text: str) -> bool:
    return SOURCE_ANCHOR.fullmatch(text) is not None and not in_chrome(anchor)


def _base_href(tree: HtmlElement) -> str | None:
    base = tree.find(".//base[@href]")
    return None if base is None else base.get("href")
