"""The article's own region of the page, and the output lines that come from outside it.

trafilatura takes a page's text where no selector names the article (utility-class
themes, Medium's atomic classes): after the article come the author's bio, the comments,
cards of other stories, each a `<p>` of its own. The article's long paragraphs mark its
region, the smallest element holding them all; a short line that sits outside it, after
the article's last long paragraph or before its first, is the page's, not the article's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl.extract.tree import normalize_space, text_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# A paragraph this long is the article's (as body.py's lead).
_LONG = 150
# A line before the article's first long paragraph is left alone above this many words: a
# standfirst, not a label ("Member-only story", "Exclusive").
_LABEL_WORDS = 4
# The blocks a line of output is looked up in (not table cells, whose text nests).
_BLOCKS = ("p", "li", "dd", "dt", "blockquote", "figcaption", "pre", "h1", "h2", "h3", "h4")


def outside_article(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """The paragraphs without the short lines the page shows outside the article's region
    only (a line whose block is not found, or is found inside too, stays)."""
    long = [i for i, text in enumerate(paragraphs) if len(text) >= _LONG]
    if len(long) < 2 or (long[0] == 0 and long[-1] == len(paragraphs) - 1):
        return paragraphs
    where: dict[str, list[HtmlElement]] = {}
    for block in tree.iter(*_BLOCKS):
        where.setdefault(text_of(block), []).append(block)
    found = (where.get(normalize_space(paragraphs[i]), ()) for i in long)
    region = _common_ancestor([blocks[0] for blocks in found if len(blocks) == 1])
    if region is None or region.tag in ("body", "html"):
        return paragraphs
    kept = paragraphs[long[0] : long[-1] + 1]
    before = [_inside(p, region, where, _LABEL_WORDS) for p in paragraphs[: long[0]]]
    after = [_inside(p, region, where, None) for p in paragraphs[long[-1] + 1 :]]
    return [p for p in (*before, *kept, *after) if p]


def _inside(
    paragraph: str, region: HtmlElement, where: dict[str, list[HtmlElement]], words: int | None
) -> str:
    """The paragraph's lines but those of `words` words or fewer found outside `region`."""
    lines = []
    for line in paragraph.splitlines():
        text = normalize_space(line.removeprefix("- "))
        blocks = where.get(text, ())
        short = len(text) < _LONG and (words is None or len(text.split()) <= words)
        if not (short and blocks and all(region not in b.iterancestors() for b in blocks)):
            lines.append(line)
    return "\n".join(lines)


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    """The smallest element holding all `elements` (None for fewer than two)."""
    if len(elements) < 2:
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
