"""The article's body text: trafilatura on the chrome-pruned tree, lxml where it gives up."""

from __future__ import annotations

from typing import TYPE_CHECKING

import trafilatura
from trafilatura.xml import xmltotxt

from newscrawl.extract.chrome import clean_paragraphs, prune
from newscrawl.extract.tree import normalize_space, text_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def extract_body(
    tree: HtmlElement, main: HtmlElement | None, url: str, header: tuple[str | None, ...]
) -> str:
    """Plain text, paragraphs separated by a blank line, without chrome or repeated header.

    Prunes `tree` in place (callers read links and credits first). `header` holds the
    title and description: a leading paragraph that repeats one of them, from outside the
    main block, is the page's headline or standfirst, not the article's text."""
    prune(tree, keep=main)
    document = trafilatura.bare_extraction(tree, url=url, include_comments=False)
    paragraphs = _blocks(document.body) if document is not None else []
    if not paragraphs and main is not None:
        paragraphs = [text_of(p) for p in main.iter("p")]
    paragraphs = _drop_header(paragraphs, main, header)
    return "\n\n".join(clean_paragraphs(paragraphs))


def _blocks(body: HtmlElement | None) -> list[str]:
    """trafilatura's output, one string per block element (line breaks kept inside)."""
    if body is None:
        return []
    return [text for child in body if (text := xmltotxt(child, include_formatting=False).strip())]


def _drop_header(
    paragraphs: list[str], main: HtmlElement | None, header: tuple[str | None, ...]
) -> list[str]:
    repeated = {normalize_space(text).casefold() for text in header if text}
    own = set() if main is None else {text_of(p) for p in main.iter("p")}
    start = 0
    while (
        start < len(paragraphs)
        and normalize_space(paragraphs[start]).casefold() in repeated
        and normalize_space(paragraphs[start]) not in own
    ):
        start += 1
    return paragraphs[start:]
