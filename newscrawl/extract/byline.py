"""trafilatura's byline search (`trafilatura.metadata.extract_author`), without its cost.

trafilatura copies the whole page, deletes the blocks that hold no byline (comments,
sidebars, dates, figures) and runs three XPath tests with regular expressions over every
element: the dearest metadata step on the pages that reach this fallback (figures in
docs/benchmarks.md). The same tests (trafilatura 2.3's `AUTHOR_XPATHS` and
`AUTHOR_DISCARD_XPATHS`) are asked here in Python of the few elements that carry one of the
attributes they read, and only the element found is copied and cleaned. The answers are
trafilatura's own: tests/extract/test_real_metadata.py compares them on the stored pages.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import TYPE_CHECKING

from lxml import etree
from trafilatura.htmlprocessing import delete_element
from trafilatura.metadata import normalize_authors

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement

# The elements any of the tests below can pick: those with an attribute they read.
_MARKED = etree.XPath(
    "//*[@class or @id or @rel or @itemprop or @data-testid or @data-component or rel] | //author"
)
_AUTHOR_LENGTH = 120  # trafilatura's `len_limit` for authors


def _attributes(element: HtmlElement) -> tuple[str, str, str]:
    return element.get("class", ""), element.get("id", ""), element.get("itemprop", "")


_NAME_CLASS = re.compile("author-?name|AuthorName|authorName")
_BYLINE_ID = re.compile("author|zuozhe|bianji|xiaobian")
_BYLINE_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_ANY_ID = re.compile("[Aa]uthor")
_ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")


def _names_author(element: HtmlElement) -> bool:
    """AUTHOR_XPATHS[0]: an element that says it is the author (or an `<author>`)."""
    if element.tag == "author":
        return True
    if element.tag not in ("a", "address", "div", "link", "p", "span", "strong"):
        return False
    cls, id_, itemprop = _attributes(element)
    return (
        element.get("rel") == "author"
        or id_ == "author"
        or cls == "author"
        or itemprop == "author name"
        or element.get("data-testid") in ("AuthorCard", "AuthorURL")
        or bool(_NAME_CLASS.search(cls))
        or any(child.tag == "rel" and child.text_content() == "me" for child in element)
    )


def _is_byline(element: HtmlElement) -> bool:
    """AUTHOR_XPATHS[1]: a byline block or a block named for the author."""
    if element.tag not in ("a", "div", "h3", "h4", "p", "span"):
        return False
    cls, id_, itemprop = _attributes(element)
    return (
        cls in ("byline", "username", "byl", "BBL")
        or "author" in itemprop
        or bool(_BYLINE_ID.search(id_))
        or bool(_BYLINE_CLASS.search(cls))
    )


def _mentions_author(element: HtmlElement) -> bool:
    """AUTHOR_XPATHS[2]: any element whose names speak of an author or a writer."""
    cls, id_, itemprop = _attributes(element)
    return (
        "Byline" in element.get("data-component", "")
        or "author" in itemprop
        or bool(_ANY_ID.search(id_))
        or bool(_ANY_CLASS.search(cls))
    )


_TESTS: tuple[Callable[[HtmlElement], bool], ...] = (_names_author, _is_byline, _mentions_author)

_COMMENTS_ID = re.compile("^comments|comment-?list|ProductReviews")
_ASIDE_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _discarded(element: HtmlElement) -> bool:
    """AUTHOR_DISCARD_XPATHS: comments, sidebars, quotes, dates and figures."""
    if element.tag in ("time", "figure"):
        return True
    if element.tag not in ("a", "div", "section", "span"):
        return False
    cls, id_, _ = _attributes(element)
    return (
        id_ == "comments"
        or cls in ("comments", "title", "date")
        or bool(_COMMENTS_ID.search(id_))
        or bool(_ASIDE_CLASS.search(cls))
        or "Figure" in element.get("data-component", "")
    )


def byline(tree: HtmlElement) -> str | None:
    """The page's authors as trafilatura's byline search finds them ("A; B"), or None."""
    marked = _MARKED(tree)
    for test in _TESTS:
        for element in marked:
            if test(element) and not any(map(_discarded, (element, *element.iterancestors()))):
                content = " ".join(" ".join(_cleaned(element).itertext()).split())
                if 2 < len(content) < _AUTHOR_LENGTH:
                    return normalize_authors(None, content)
    return None


def _cleaned(element: HtmlElement) -> HtmlElement:
    """The element without the blocks trafilatura deletes (their tails kept), copied only
    when it holds one."""
    if not any(isinstance(e.tag, str) and _discarded(e) for e in element.iterdescendants()):
        return element
    copy = deepcopy(element)
    for doomed in [e for e in copy.iterdescendants() if isinstance(e.tag, str) and _discarded(e)]:
        delete_element(doomed)
    return copy
