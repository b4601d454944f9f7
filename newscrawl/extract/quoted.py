"""An article quoted whole in someone else's text: a forum post or a Q&A question that
pastes it in quote blocks, a law firm's digest that reproduces it in a "quoted source" box.
The host's prose around the quotes (the poster's introduction, "My questions:", the firm's
"Key takeaways") shares the article's markup and reads like it; the quotes tell them apart.
Where the host says much itself (a report quoting a blog post at length; a Member reading
an article into a debate's record between the speeches), its prose stays."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscrawl.extract.tree import LEAD_LENGTH, normalize_space, text_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Elements that quote another text: <blockquote>, and the blocks CMSs name for a quote
# (phpBB's `quotecontent`, Hansard's `hs_Quote`, a digest's `quoted-source`).
_QUOTE_CLASS = re.compile(r"quot", re.IGNORECASE)
# The share of the body's text the quotes must hold: an article quoting a statement or a
# letter at length still says more itself.
_QUOTED_SHARE = 0.75
# A pullquote repeats a line of the article: quotes must hold this many long lines.
_QUOTED_LONG_LINES = 3


def quoted_only(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """The paragraphs without the lines the page shows only outside its quotes, where the
    quotes hold the body's long lines and nearly all of its text; else the paragraphs."""
    inside, outside = _quoted_texts(tree)
    if not inside:
        return paragraphs
    lines = [_text(line) for p in paragraphs for line in p.splitlines()]
    quoted = [line for line in lines if line in inside]
    if sum(len(line) >= LEAD_LENGTH for line in quoted) < _QUOTED_LONG_LINES or sum(
        map(len, quoted)
    ) < _QUOTED_SHARE * sum(map(len, lines)):
        return paragraphs
    kept = (
        "\n".join(kept)
        for p in paragraphs
        if (kept := [s for s in p.splitlines() if _kept(_text(s), inside, outside)])
    )
    return list(kept)


def _text(line: str) -> str:
    """A line of output as the page shows it (trafilatura opens a list item with "- ")."""
    return normalize_space(line).removeprefix("- ")


def _kept(line: str, inside: set[str], outside: set[str]) -> bool:
    """A line stays unless the page shows it outside the quotes only (a line the page does
    not show as a block, trafilatura's join of two, is left alone)."""
    return line in inside or line not in outside


def _quoted_texts(tree: HtmlElement) -> tuple[set[str], set[str]]:
    """The texts of the page's paragraphs inside a quote, and of those outside every quote
    (a reply quoting a line of the post is inside a quote too: it is not the article's, but
    a line it repeats stays)."""
    inside: set[str] = set()
    outside: set[str] = set()
    for block in tree.iter("p", "li", "dd", "h2", "h3", "h4", "blockquote"):
        if block.tag == "blockquote" and block.find("p") is not None:
            continue
        text = text_of(block)
        if text:
            (inside if _in_quote(block) else outside).add(text)
    return inside, outside


def _in_quote(block: HtmlElement) -> bool:
    return any(
        e.tag == "blockquote" or _QUOTE_CLASS.search(e.get("class", ""))
        for e in (block, *block.iterancestors())
    )
