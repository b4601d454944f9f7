"""An article quoted whole in someone else's text: a forum post or a Q&A question that
pastes it in quote blocks, a law firm's digest that reproduces it in a "quoted source" box.
The host's prose around the quotes (the poster's introduction, "My questions:", the firm's
"Key takeaways") shares the article's markup and reads like it; the quotes tell them apart.
Where the host says much itself (a report quoting a blog post at length; a Member reading
an article into a debate's record between the speeches), its prose stays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extract.tree import LEAD_LENGTH, lines_kept, shown_line, text_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

# The outermost elements that quote another text: <blockquote>, and the blocks CMSs name
# for a quote (phpBB's `quotecontent`, Hansard's `hs_Quote`, a digest's `quoted-source`).
_QUOTE = "(self::blockquote or contains(@class, 'uot'))"  # 'quot', 'Quot'
_QUOTES = etree.XPath(f"//body//*[{_QUOTE}][not(ancestor::*[{_QUOTE}])]")
# The share of the body's text the quotes must hold: an article quoting a statement or a
# letter at length still says more itself.
_QUOTED_SHARE = 0.75
# A pullquote repeats a line of the article: quotes must hold this many long lines.
_QUOTED_LONG_LINES = 3


def quoted_only(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """The paragraphs without the lines the page shows only outside its quotes, where the
    quotes hold the body's long lines and nearly all of its text; else the paragraphs."""
    quotes = _QUOTES(tree)
    if not quotes:
        return paragraphs
    inside = {text for quote in quotes for block in _blocks(quote) if (text := text_of(block))}
    lines = [shown_line(line) for p in paragraphs for line in p.splitlines()]
    quoted = [line for line in lines if line in inside]
    if sum(len(line) >= LEAD_LENGTH for line in quoted) < _QUOTED_LONG_LINES or sum(
        map(len, quoted)
    ) < _QUOTED_SHARE * sum(map(len, lines)):
        return paragraphs
    # A reply quoting a line of the post is a quote too: not the article's, but a line it
    # repeats stays.
    within = {node for quote in quotes for node in quote.iter()}
    outside = {text_of(block) for block in _blocks(tree) if block not in within}
    return lines_kept(paragraphs, lambda line: _kept(shown_line(line), inside, outside))


def _kept(line: str, inside: set[str], outside: set[str]) -> bool:
    """A line stays unless the page shows it outside the quotes only (a line the page does
    not show as a block, trafilatura's join of two, is left alone)."""
    return line in inside or line not in outside


def _blocks(element: HtmlElement) -> Iterator[HtmlElement]:
    """The element's paragraphs, list items and headings, and its quotes written without
    paragraphs."""
    for block in element.iter("p", "li", "dd", "h2", "h3", "h4", "blockquote"):
        if block.tag != "blockquote" or block.find("p") is None:
            yield block
