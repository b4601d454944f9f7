"""The page parsed once with lxml, and the helpers every extraction step shares."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# lxml refuses str input that carries an XML declaration with an encoding.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Page regions whose links and captions are the site's, never the article's.
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})


def parse_html(html: str) -> HtmlElement | None:
    """The page's tree, or None when there is no markup to parse."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def main_block(tree: HtmlElement) -> HtmlElement | None:
    """The element whose own `<p>` children hold the most text: the article's body region.

    Used where trafilatura cannot help: the region that links and credits are read from
    (its output drops both), the fallback body, and the element chrome pruning must keep."""
    scores: dict[HtmlElement, int] = {}
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(text_of(paragraph))
    return max(scores, key=scores.__getitem__) if scores else None


def in_chrome(element: HtmlElement) -> bool:
    """Whether the element sits in the page's navigation, header, footer or sidebar."""
    return any(a.tag in CHROME_TAGS for a in element.iterancestors())


def text_of(element: HtmlElement) -> str:
    """The element's text, whitespace collapsed."""
    return normalize_space(element.text_content())


def normalize_space(text: str) -> str:
    """Runs of whitespace as one space, no leading or trailing space."""
    return " ".join(text.split())
