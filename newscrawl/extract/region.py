"""The article's own region of the page, and the output lines that come from outside it.

trafilatura takes a page's text where no selector names the article (utility-class
themes, Medium's atomic classes, a channel's feed of posts): after the article come the
author's bio, the comments, cards of other stories, the neighbouring posts, each a block
of its own. The article's long lines mark its region, the smallest element holding them
all; a short line that sits outside it only, after the article's last long line or before
its first, is the page's, not the article's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscrawl.extract.tree import LEAD_LENGTH, inline_lines, shown_line, text_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# A line before the article's first long line is left alone above this many words: a
# standfirst, not a label ("Member-only story", "Exclusive").
_LABEL_WORDS = 4
# The blocks a line of output is looked up in (not table cells, whose text nests); a
# <div>'s own lines, between its <br>s and blocks, too.
_BLOCKS = ("p", "li", "dd", "dt", "blockquote", "figcaption", "pre", "h1", "h2", "h3", "h4")


@dataclass(frozen=True)
class Region:
    """The element holding the article's long lines, the article's other chunks (blocks of
    its main block's kind, which may hold only short lines: the last two after a box of
    related stories), and where the page shows each text."""

    element: HtmlElement
    where: dict[str, list[HtmlElement]]
    chunks: tuple[HtmlElement, ...] = ()

    def without_outside(self, paragraphs: list[str]) -> list[str]:
        """The paragraphs without the short lines the page shows outside the region only
        (a line whose block is not found, or is found inside too, stays)."""
        lines = _lines(paragraphs)
        long = [i for i, line in enumerate(lines) if len(line) >= LEAD_LENGTH]
        dropped = {
            i
            for i, line in enumerate(lines)
            if ((i < long[0] and _is_label(line)) or i > long[-1]) and self._only_outside(line)
        }
        return _without(paragraphs, dropped) if dropped else paragraphs

    def _only_outside(self, line: str) -> bool:
        blocks = self.where.get(line, ())
        inside = {self.element, *self.chunks}
        return bool(blocks) and all(
            block not in inside and inside.isdisjoint(block.iterancestors()) for block in blocks
        )


def _is_label(line: str) -> bool:
    """Whether a short line before the article's text is a label ("Member-only story",
    "Exclusive"), not a question the article asks as a subheading ("Who is X?")."""
    return len(line.split()) <= _LABEL_WORDS and not line.endswith("?")


def article_region(
    tree: HtmlElement, paragraphs: list[str], chunks: tuple[HtmlElement, ...] = ()
) -> Region | None:
    """The article's region, where the output has lines outside its long ones to judge,
    and the long lines show a region smaller than the page's body; lines in `chunks` are
    the article's wherever they sit."""
    lines = _lines(paragraphs)
    long = [i for i, line in enumerate(lines) if len(line) >= LEAD_LENGTH]
    if len(long) < 2 or (long[0] == 0 and long[-1] == len(lines) - 1):
        return None
    outside = lines[: long[0]] + lines[long[-1] + 1 :]
    where = _blocks(tree, {lines[i] for i in long} | set(outside))
    found = (where.get(lines[i], ()) for i in long)
    element = _common_ancestor([blocks[0] for blocks in found if len(blocks) == 1])
    if element is None or element.tag in ("body", "html"):
        return None
    return Region(element, where, chunks)


def _lines(paragraphs: list[str]) -> list[str]:
    return [shown_line(line) for p in paragraphs for line in p.splitlines()]


def _blocks(tree: HtmlElement, wanted: set[str]) -> dict[str, list[HtmlElement]]:
    """Where the page shows each `wanted` text as a block, or else as a <div>'s line (the
    <div>s are read only for texts no block shows: most pages need no second pass)."""
    where: dict[str, list[HtmlElement]] = {}
    for block in tree.iter(*_BLOCKS):
        if (text := text_of(block)) in wanted:
            where.setdefault(text, []).append(block)
    if not wanted <= where.keys():
        for div in tree.iter("div"):
            for line in inline_lines(div):
                if line in wanted:
                    where.setdefault(line, []).append(div)
    return where


def _without(paragraphs: list[str], dropped: set[int]) -> list[str]:
    """The paragraphs without the lines numbered in `dropped` (counted over all lines)."""
    kept: list[str] = []
    number = 0
    for paragraph in paragraphs:
        lines = paragraph.splitlines()
        left = [line for n, line in enumerate(lines, number) if n not in dropped]
        number += len(lines)
        if left:
            kept.append("\n".join(left))
    return kept


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    """The smallest element holding all `elements` (None for none)."""
    if not elements:
        return None
    path = [elements[0], *elements[0].iterancestors()]
    depth = {element: i for i, element in enumerate(path)}
    deepest = 0
    for element in elements[1:]:
        node = next((n for n in (element, *element.iterancestors()) if n in depth), None)
        if node is None:
            return None
        deepest = max(deepest, depth[node])
    return path[deepest]
