"""Site chrome an extractor left in a body: the short paragraphs its site repeats on pages
of other texts.

Reading one page, an extractor cannot tell a site's own prose from the article when the
site writes it into the article's container with the article's markup: "Heb je een tip?
Mail naar ...", a reposter's "I found this worth keeping", a newsletter pitch, a note on
where the text came from. Rules that name such lines learn the templates they were written
on, not the next site's. The site's other pages tell: its chrome comes back on each of
them, the article's text does not. The provenance index keeps each site's paragraphs with
the pages holding them (the linker discounts a short one on two pages as chrome when it
compares texts), so the export, which reads that index, drops from a body each paragraph of
40 words or fewer that `SITE_CHROME_PAGES` pages of its site hold whose texts are other
texts: pages holding less than a third of this page's words. A version of the same story
(an update at a new URL, the AMP or mobile page, a post published twice, a re-crawl through
a share link) holds most of them, and its paragraphs stay however often the site repeats
them. The paragraphs dropped go to the row's `site_chrome` column, in their order; the
article store keeps the body as extracted.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from newscrawl.provenance.entries import CHROME_WORDS
from newscrawl.provenance.fingerprint import paragraphs

if TYPE_CHECKING:
    from newscrawl.provenance.candidates import CandidateIndex

SITE_CHROME_PAGES = 3  # pages of other texts on one site a paragraph must be on to be chrome
OTHER_TEXT = 3  # a page holding less than 1/OTHER_TEXT of a page's words holds another text
_BLANK_RUNS = re.compile(r"\n\s*\n(?:\s*\n)*")  # what separates paragraphs, once chrome is gone


def without_site_chrome(url: str, body: str, index: CandidateIndex) -> tuple[str, list[str]]:
    """`body` without the paragraphs its site repeats on pages of other texts (see the
    module), and those paragraphs in their order."""
    lines = body.split("\n")
    hashed = [paragraphs(line)[:1] for line in lines]  # a line's (hash, words, text), if any
    words = {h: len(tokens) for h, tokens, _ in (p[0] for p in hashed if p)}
    holders = index.line_pages(url, words)
    held = Counter[int]()  # the words of this page each page of the site holds
    for line, pages in holders.items():
        held.update(dict.fromkeys(pages, words[line]))
    others = {page for page, n in held.items() if n * OTHER_TEXT < sum(words.values())}
    chrome = {
        line
        for line, n in words.items()
        if n <= CHROME_WORDS and len(others.intersection(holders[line])) >= SITE_CHROME_PAGES
    }
    if not chrome:
        return body, []
    dropped = [line for line, p in zip(lines, hashed, strict=True) if p and p[0][0] in chrome]
    kept = (line for line, p in zip(lines, hashed, strict=True) if not (p and p[0][0] in chrome))
    return _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip(), dropped
