"""An article a forum poster pastes in two parts: the post's length limit cuts it, and a
line says where it goes on ("(continued in the next post)", "the rest is in the first
comment"). The rest is found before the page is pruned (comment sections go with the
chrome) and put back after that line once trafilatura has read the page."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extract.chrome import CONTINUED_ELSEWHERE
from newscrawl.extract.tree import ARTICLE_LENGTH, normalize_space, text_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

_CONTINUED = re.compile(CONTINUED_ELSEWHERE, re.IGNORECASE)
# The paragraphs right after the main block, where that line may stand too.
_NOTES_AFTER = etree.XPath("following::p[position() <= 3]")


def rest_elsewhere(main: HtmlElement | None) -> tuple[str, list[str]] | None:
    """Where a paragraph says the article goes on in a later post or comment ("(continued in
    the next post)": a forum's length limit), that paragraph and the rest: after the main
    block, the paragraphs of the first block after it that make an article's worth of text
    (a bot's or a reader's short reply is passed over); before it, the main block's own
    (trafilatura may take the first post, the main block being the next). Read before
    pruning: comment sections go with the chrome."""
    if main is None:
        return None
    # The note closes the main block (one of its last three paragraphs) or follows it (a
    # forum post's last line, outside the quote that holds the article)...
    note = _note(*list(main.iter("p"))[-3:], *_NOTES_AFTER(main))
    if note is not None:
        seen: set[HtmlElement] = set()
        for paragraph in main.xpath("following::p"):
            block = paragraph.getparent()
            if block is None or block in seen:
                continue
            seen.add(block)
            texts = [t for p in block.iterchildren("p") if (t := text_of(p))]
            if sum(map(len, texts)) >= ARTICLE_LENGTH:
                return note, texts
        return None
    # ... or closes the post before it.
    note = _note(*itertools.islice(_paragraphs_before(main), 3))
    return None if note is None else (note, [t for p in main.iter("p") if (t := text_of(p))])


def _paragraphs_before(element: HtmlElement) -> Iterator[HtmlElement]:
    """The `<p>`s before the element in the page, nearest first (XPath's `preceding::p`
    reads the whole axis first)."""
    node: HtmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            if isinstance(sibling.tag, str):
                yield from reversed(list(sibling.iter("p")))
        node = node.getparent()


def _note(*paragraphs: HtmlElement) -> str | None:
    """The first of these paragraphs that says the article goes on elsewhere."""
    texts = (text_of(p) for p in paragraphs)
    return next((t for t in texts if len(t) < 200 and _CONTINUED.search(t)), None)


def continued(paragraphs: list[str], note: str, rest: list[str]) -> list[str]:
    """The paragraphs with `rest` (see `rest_elsewhere`) after the line `note`, the texts
    already there left out."""
    lines = [[normalize_space(line) for line in p.splitlines()] for p in paragraphs]
    at = next((i for i, own in enumerate(lines) if note in own), None)
    if at is None:
        return paragraphs
    shown = {line for own in lines for line in own}
    return paragraphs[: at + 1] + [t for t in rest if t not in shown] + paragraphs[at + 1 :]
