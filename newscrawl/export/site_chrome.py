"""Site chrome an extractor left in a body: the short paragraphs its site repeats on pages
of other texts.

Reading one page, an extractor cannot tell a site's own prose from the article when the
site writes it into the article's container with the article's markup: "Heb je een tip?
Mail naar ...", a reposter's "I found this worth keeping", a newsletter pitch, a note on
where the text came from. Rules that name such lines learn the templates they were written
on, not the next site's. The site's other pages tell: its chrome comes back on each of
them, the article's text does not. The provenance index keeps each site's paragraphs with
the pages holding them (the linker discounts a short one on two pages as chrome when it
compares texts), so the export, which reads that index, finds in a body each paragraph of
40 words or fewer that `SITE_CHROME_PAGES` pages of its site hold whose texts are other
texts: pages holding less than a third of this page's words. A version of the same story
(an update at a new URL, the AMP or mobile page, a post published twice, a re-crawl through
a share link) holds most of them, and its paragraphs stay however often the site repeats
them; what is found so on three pages of a site counts on its other pages too. The
paragraphs found go to the row's `site_chrome` column, in their order, and leave its body
only with `--drop-site-chrome`: the rule counts pages, not texts, so a version of a story
seen at three URLs (desktop, AMP, mobile) counts as three other texts. The article store
keeps the body as extracted.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from newscrawl.provenance.entries import CHROME_WORDS
from newscrawl.provenance.fingerprint import paragraphs
from newscrawl.provenance.register import registered_domain

if TYPE_CHECKING:
    from newscrawl.provenance.candidates import CandidateIndex

SITE_CHROME_PAGES = 3  # pages of other texts on one site a paragraph must be on to be chrome
OTHER_TEXT = 3  # a page holding less than 1/OTHER_TEXT of a page's words holds another text
_BLANK_RUNS = re.compile(r"\n\s*\n(?:\s*\n)*")  # what separates paragraphs, once chrome is gone


def without_site_chrome(
    pages: list[tuple[str, str]], index: CandidateIndex
) -> list[tuple[str, list[str]]]:
    """Each page's body (`pages`: URL and body) without the paragraphs its site repeats on
    pages of other texts, and those paragraphs in their order. A paragraph found so on
    `SITE_CHROME_PAGES` pages of a site is dropped from its other pages too: on a short
    page, its site's chrome is a third of the words, and the pages holding it look like
    versions of its text (one page finding it is not enough: the top of a story is "chrome"
    on its write-through if three URLs of the first version hold it)."""
    read = [_paragraphs(body) for _, body in pages]
    found = [_chrome(url, words, index) for (url, _), (_, words) in zip(pages, read, strict=True)]
    flagged: dict[str, Counter[int]] = defaultdict(Counter)  # pages finding each chrome
    for (url, _), chrome in zip(pages, found, strict=True):
        flagged[registered_domain(url)].update(chrome)
    by_site = {
        site: {line for line, n in counts.items() if n >= SITE_CHROME_PAGES}
        for site, counts in flagged.items()
    }
    return [
        _without(lines, chrome | by_site[registered_domain(url)])
        for (url, _), (lines, _), chrome in zip(pages, read, found, strict=True)
    ]


def _paragraphs(body: str) -> tuple[list[tuple[str, int | None]], dict[int, int]]:
    """A body's lines, each with its paragraph hash (None for a line of no words), and the
    words of each paragraph."""
    lines: list[tuple[str, int | None]] = []
    words: dict[int, int] = {}
    for line in body.split("\n"):
        found = paragraphs(line)[:1]
        for h, tokens, _ in found:
            words[h] = len(tokens)
        lines.append((line, found[0][0] if found else None))
    return lines, words


def _chrome(url: str, words: dict[int, int], index: CandidateIndex) -> set[int]:
    """The paragraphs of 40 words or fewer (of a page with `words`) that `SITE_CHROME_PAGES`
    pages of its site hold whose texts are other texts."""
    holders = index.line_pages(url, words)
    held = Counter[int]()  # the words of this page each page of the site holds
    for line, pages in holders.items():
        held.update(dict.fromkeys(pages, words[line]))
    others = {page for page, n in held.items() if n * OTHER_TEXT < sum(words.values())}
    return {
        line
        for line, n in words.items()
        if n <= CHROME_WORDS and len(others.intersection(holders[line])) >= SITE_CHROME_PAGES
    }


def _without(lines: list[tuple[str, int | None]], chrome: set[int]) -> tuple[str, list[str]]:
    dropped = [line for line, h in lines if h in chrome]
    if not dropped:
        return "\n".join(line for line, _ in lines), []
    kept = "\n".join(line for line, h in lines if h not in chrome)
    return _BLANK_RUNS.sub("\n\n", kept).strip(), dropped
