"""Site chrome an extractor left in a body: the short paragraphs its site repeats on page
after page.

Reading one page, an extractor cannot tell a site's own prose from the article when the
site writes it into the article's container with the article's markup: "Heb je een tip?
Mail naar ...", a reposter's "I found this worth keeping", a newsletter pitch, a note on
where the text came from. Rules that name such lines learn the templates they were written
on, not the next site's. The site's other pages tell: its chrome comes back on each of
them, the article's text does not. The provenance index keeps each site's short paragraphs
with the pages holding them (what the linker discounts as chrome when it compares texts),
so the export, which reads that index, drops from a body each short paragraph that at
least `SITE_CHROME_PAGES` pages of its site hold, and more pages than the page's least
repeated paragraph: a post its site published three times has every paragraph on three
pages, and only what the site repeats beyond that is chrome. What is dropped goes to the
row's `site_chrome` column, so nothing is lost.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscrawl.provenance.entries import CHROME_WORDS
from newscrawl.provenance.fingerprint import paragraphs

if TYPE_CHECKING:
    from newscrawl.provenance.candidates import CandidateIndex

SITE_CHROME_PAGES = 3  # pages of one site a paragraph must be on to be the site's chrome
_BLANK_RUNS = re.compile(r"\n\s*\n(?:\s*\n)*")  # what separates paragraphs, once chrome is gone


def without_site_chrome(url: str, body: str, index: CandidateIndex) -> tuple[str, list[str]]:
    """`body` without the paragraphs its site repeats (see the module), and those paragraphs
    in their order."""
    lines = body.split("\n")
    hashed = [paragraphs(line)[:1] for line in lines]  # a line's (hash, words, text), if any
    held = [p[0] for p in hashed if p]
    pages = index.line_pages(url, {h for h, _, _ in held})
    story = max(1, min(pages.values(), default=1))  # the pages of the page's own text
    chrome = {
        h
        for h, tokens, _ in held
        if len(tokens) <= CHROME_WORDS and pages[h] >= SITE_CHROME_PAGES and pages[h] > story
    }
    if not chrome:
        return body, []
    dropped = [line for line, p in zip(lines, hashed, strict=True) if p and p[0][0] in chrome]
    kept = (line for line, p in zip(lines, hashed, strict=True) if not (p and p[0][0] in chrome))
    return _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip(), dropped
