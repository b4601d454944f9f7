"""trafilatura's output rows set right against the page: a layout table's cell or a
listicle's item written as one row (the article's paragraphs run together), and a `<br>`
line written as pieces, one at each of its links."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from newscrawl.extract.tree import (
    ARTICLE_LENGTH,
    LEAD_LENGTH,
    inline_lines,
    paragraphs_of,
    text_of,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# A line broken at its links: this many pieces in a row, each this many words at most...
_PIECES, _PIECE_WORDS = 3, 3
# ... and at most this many pieces to one line.
_MOST_PIECES = 40
# A block is written between `<br>`s when its lines hold this share of its text at least.
_INLINE_SHARE = 0.9


def unglued(
    paragraphs: list[str], main: HtmlElement | None, alike: list[HtmlElement], its_own: list[str]
) -> list[str]:
    """The article's own paragraphs where the output runs two of them into one line (with
    the paragraphs beside the layout table they sit in), else the output. trafilatura
    writes a table cell as one row and a list item as one line: an article in a layout
    table's cell (its `<p>`s, or the lines between its `<br>`s), or a listicle's items each
    holding paragraphs in a block of the main block's class (`its_own`: the main block's;
    `alike`: it and its kind, none where it holds no article)."""
    if main is None or not alike:
        return paragraphs
    blocks = [its_own] if alike == [main] else map(paragraphs_of, alike)
    own = [text for texts in blocks for text in texts if text]
    if _length(own) < ARTICLE_LENGTH:
        own = inline_lines(main)  # written between <br>s
    if _length(own) < ARTICLE_LENGTH:  # in a block inside it: a diary's post message
        broken = (
            block for block in main.iterdescendants("div", "td") if block.find("br") is not None
        )
        inside = max(map(_written_inline, broken), key=_length, default=[])
        # ... that is most of the post (not a quote, a poem or a signature inside it)
        if _length(inside) >= _INLINE_SHARE * len(text_of(main)) / 2:
            own = inside
    known = set(own)  # a line that is one of them holds no two
    lines = [line for p in paragraphs for line in p.splitlines()]
    glued = {
        line
        for line in lines
        if len(line) >= LEAD_LENGTH and line not in known and _runs_together(line, own)
    }
    if not glued:
        return paragraphs
    # The glued rows give way to the article's own paragraphs, and the other lines go with
    # the table's other cells, but for the paragraphs beside a layout table in its
    # container (an autoblog's table of text and an ad cell, mid-article).
    beside = _paragraphs_beside_table(main)
    unglued: list[str] = []
    rest = own  # put in at the first glued row
    for line in lines:
        if line in glued:
            unglued += rest
            rest = []
        elif line in beside:
            unglued.append(line)
    return unglued


def _written_inline(block: HtmlElement) -> list[str]:
    """The lines of a block written wholly between `<br>`s (`inline_lines` hold nearly all of
    its text; none for a block with headings or lists of its own)."""
    lines = inline_lines(block)
    return lines if _length(lines) >= _INLINE_SHARE * len(text_of(block)) else []


def _length(lines: list[str]) -> int:
    return sum(map(len, lines))


def rejoined(paragraphs: list[str], main: HtmlElement | None) -> list[str]:
    """The output with a line the main block shows between `<br>`s back in one piece where
    trafilatura broke it at each link (a portal's text without `<p>`s, once its sidebar is
    pruned: "British", "backpacker", "and lawyer ...")."""
    if main is None or not any(_broken(p.splitlines()) for p in paragraphs):
        return paragraphs
    whole = {
        _letters(line): line
        for block in (main, *main.iter("div", "td"))
        for line in inline_lines(block)
        if len(line) >= LEAD_LENGTH
    }
    return ["\n".join(_rejoin(p.splitlines(), whole)) for p in paragraphs]


def _broken(lines: list[str]) -> bool:
    """Whether the lines hold a run of `_PIECES` or more pieces a few words long."""
    run = 0
    for line in lines:
        run = run + 1 if len(line.split()) <= _PIECE_WORDS else 0
        if run >= _PIECES:
            return True
    return False


def _rejoin(lines: list[str], whole: dict[str, str]) -> list[str]:
    """The lines with each run of consecutive lines that makes up one of `whole`'s lines
    (keyed by `_letters`) replaced by it."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        key = ""
        for j in range(i, min(len(lines), i + _MOST_PIECES)):
            key += _letters(lines[j])
            if j > i and key in whole:
                out.append(whole[key])
                i = j + 1
                break
        else:
            out.append(lines[i])
            i += 1
    return out


def _letters(text: str) -> str:
    """The text without its spaces: a line and its pieces compare alike."""
    return "".join(text.split())


def _paragraphs_beside_table(element: HtmlElement) -> set[str]:
    """The texts of the `<p>`s beside the table that holds the element, in its parent."""
    table = next(element.iterancestors("table"), None)
    parent = None if table is None else table.getparent()
    return set() if parent is None else {text_of(p) for p in parent.iterchildren("p")}


def _runs_together(line: str, texts: list[str]) -> bool:
    """Whether the line holds two consecutive texts one right after the other (a summary
    that repeats each section's first sentence holds them apart)."""
    for first, second in itertools.pairwise(texts):
        if len(first) + len(second) > len(line):
            continue
        start = line.find(first)
        end = start + len(first)
        if start >= 0 and 0 <= line.find(second, end) - end <= 2:
            return True
    return False
