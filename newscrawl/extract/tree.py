"""The page parsed once with lxml, and the helpers every extraction step shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from lxml.html import HtmlElement

# lxml.html's own parser picks each element's class by a Python callback (a form, an input,
# a label get classes of their own) every time an element is touched from Python; nothing
# here uses those classes, and this lookup is done in C.
_PARSER = lxml.html.HTMLParser()
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
# lxml refuses str input that carries an XML declaration with an encoding.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Page regions whose links and captions are the site's, never the article's.
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
# Chinese, Japanese and Korean characters.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Tags whose text flows inside a paragraph; a <div> of them and bare text is a paragraph.
_INLINE_TAGS = frozenset({"a", "b", "br", "em", "font", "i", "span", "strong", "sub", "sup", "u"})
# A block with this many characters of paragraph text holds an article, not teasers or a
# blurb; below it, <div> paragraphs are looked for too.
ARTICLE_LENGTH = 500
# A paragraph this long is the article's text: not a caption, a dateline, a label or a
# teaser's headline.
LEAD_LENGTH = 150


def parse_html(html: str) -> HtmlElement | None:
    """The page's tree, or None when there is no markup to parse."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    if "srcdoc" in html:
        _inline_frames(tree)
    return tree


def _inline_frames(tree: HtmlElement) -> None:
    """Each `<iframe srcdoc>` replaced by the body of the document it shows, as a `<div>`:
    newsletter archives and inbox previews show the e-mail, and so its article, only
    there."""
    for frame in tree.xpath("//iframe[@srcdoc]"):
        shown = parse_html(frame.get("srcdoc", ""))
        body = None if shown is None else shown.find("body")
        if body is None:
            continue
        frame.attrib.clear()
        frame.tag, frame.text = "div", body.text
        frame[:] = list(body)


@dataclass(frozen=True)
class MainBlock:
    """The page's body region and how many characters of paragraph text it holds."""

    element: HtmlElement | None
    length: int = 0

    @property
    def holds_article(self) -> bool:
        """Whether the region holds an article's worth of text (home and section pages,
        contact pages and teaser lists do not)."""
        return self.length >= ARTICLE_LENGTH


def main_block(tree: HtmlElement, lists: Iterable[Iterable[HtmlElement]] = ()) -> MainBlock:
    """The page's body region: the element whose own `<p>` children hold the most text,
    with the length of that text; never one inside `lists` (of other stories: a long
    teaser under an excerpt's one-line snippet is not the page's text).

    Used where trafilatura cannot help: the region that links and credits are read from
    (its output drops both), the fallback body, and the element chrome pruning must keep.
    Pages that write paragraphs as `<div>`s (Blogger templates, old CMSes) have few or no
    `<p>`: there the parent of the text-bearing `<div>`s competes too, else chrome pruning
    could drop a wrapper such as Blogger's `<div class="widget Blog">` with the article."""
    listed = {node for run in lists for item in run for node in item.iter()}
    scores = _block_scores(tree.iter("p"), text_of, listed)
    if max(scores.values(), default=0) < ARTICLE_LENGTH:
        for parent, score in _block_scores(tree.iter("div"), _inline_text, listed).items():
            scores[parent] = max(scores.get(parent, 0), score)
        # Text written between <br>s straight into a table cell or a <font> (old layouts),
        # or an <article> (portals that keep the text free of <p>).
        for element in tree.iter("td", "font", "article"):
            if element not in listed and element.find("br") is not None:
                scores[element] = max(scores.get(element, 0), len(_inline_text(element)))
    if not scores:
        return MainBlock(None)
    best = max(scores, key=scores.__getitem__)
    return MainBlock(best, scores[best])


def _block_scores(
    blocks: Iterable[HtmlElement], text: Callable[[HtmlElement], str], listed: set[HtmlElement]
) -> dict[HtmlElement, int]:
    """Each parent (outside `listed`) with the length of its paragraph-like children's text."""
    scores: dict[HtmlElement, int] = {}
    for block in blocks:
        parent = block.getparent()
        if parent is not None and parent not in listed:
            scores[parent] = scores.get(parent, 0) + len(text(block))
    return scores


def _inline_text(element: HtmlElement) -> str:
    """The text a `<div>` shows itself, outside its block-level children: its paragraph."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in _INLINE_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return normalize_space("".join(parts))


def inline_lines(element: HtmlElement) -> list[str]:
    """The lines a region written without <p>s shows: its inline text (as `_inline_text`
    reads it) cut at each <br> and at each block inside it, whose own text is left out (a
    title, a table of other stories)."""
    runs: list[list[str]] = [[]]

    def walk(node: HtmlElement) -> None:
        runs[-1].append(node.text or "")
        for child in node:
            if child.tag == "br" or (isinstance(child.tag, str) and child.tag not in _INLINE_TAGS):
                runs.append([])
            elif isinstance(child.tag, str):
                walk(child)
            runs[-1].append(child.tail or "")

    walk(element)
    return [line for run in runs if (line := normalize_space("".join(run)))]


def in_chrome(element: HtmlElement) -> bool:
    """Whether the element sits in the page's navigation, header, footer or sidebar."""
    return any(a.tag in CHROME_TAGS for a in element.iterancestors())


def text_of(element: HtmlElement) -> str:
    """The element's text, whitespace collapsed."""
    return normalize_space(element.text_content())


def paragraphs_of(element: HtmlElement | None) -> list[str]:
    """The texts of the element's `<p>`s (none for no element)."""
    return [] if element is None else [text_of(p) for p in element.iter("p")]


def long_paragraphs(element: HtmlElement) -> int:
    """How many of the element's `<p>`s are `LEAD_LENGTH` long: article text, not a
    caption, a teaser's excerpt or a reply's line."""
    return sum(len(text_of(p)) >= LEAD_LENGTH for p in element.iter("p"))


def shown_line(line: str) -> str:
    """A line of trafilatura's output as the page shows it: whitespace collapsed, without the
    "- " trafilatura opens a list item with."""
    return normalize_space(line).removeprefix("- ")


def lines_kept(paragraphs: list[str], keep: Callable[[str], bool]) -> list[str]:
    """The paragraphs with only the lines `keep` accepts (a paragraph left empty goes)."""
    kept = ([line for line in p.splitlines() if keep(line)] for p in paragraphs)
    return ["\n".join(lines) for lines in kept if lines]


def word_count(text: str) -> int:
    """Words of a text; Chinese and Japanese write no spaces between theirs, and two of their
    characters count as one word."""
    return max(len(text.split()), len(_CJK.findall(text)) // 2)


def normalize_space(text: str) -> str:
    """Runs of whitespace as one space, no leading or trailing space."""
    return " ".join(text.split())
