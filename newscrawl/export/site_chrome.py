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
40 words or fewer that pages of `SITE_CHROME_PAGES` other texts of its site hold. The
pages holding a paragraph are read back (their paragraphs, from the index) and counted by
text: a page holding a third of this page's words, or with less than a third of its own
outside it, is a version or a part of this story (an update at a new URL, the AMP or mobile
page, a post published twice, a breaking brief, a re-crawl through a share link), and its
paragraphs stay however often the site repeats them; pages sharing a third of their words
outside this one (one story at its desktop, AMP and mobile URLs) count as one text. What is
found so on three pages of a site counts on its other pages too. The paragraphs found go to
the row's `site_chrome` column, in their order, and leave its body only with
`--drop-site-chrome`. The article store keeps the body as extracted.
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
    """The paragraphs of 40 words or fewer (of a page with `words`) that pages of
    `SITE_CHROME_PAGES` other texts of its site hold."""
    holders = index.line_pages(url, words)
    held = Counter[int]()  # the words of this page each page of the site holds
    for line, pages in holders.items():
        held.update(dict.fromkeys(pages, words[line]))
    total = sum(words.values())
    short = [line for line, n in words.items() if n <= CHROME_WORDS]
    near = {page for line in short for page in holders[line] if held[page] * OTHER_TEXT < total}
    text_of = _texts({page: _rest(index.page_paragraphs(page), words) for page in near})
    return {
        line
        for line in short
        if len({text_of[page] for page in holders[line] if page in text_of}) >= SITE_CHROME_PAGES
    }


def _rest(theirs: dict[int, int] | None, ours: dict[int, int]) -> dict[int, int] | None:
    """The paragraphs of a page (`theirs`) outside this one, or {} when they are less than a
    third of its words (a brief of this story, an earlier version): a part of this text,
    not another. None for a page an index of before did not name."""
    if theirs is None:
        return None
    rest = {line: n for line, n in theirs.items() if line not in ours}
    return rest if sum(rest.values()) * OTHER_TEXT >= sum(theirs.values()) else {}


def _texts(pages: dict[int, dict[int, int] | None]) -> dict[int, int]:
    """Pages of other texts (each with its paragraphs outside this page, see `_rest`)
    grouped into texts, each page mapped to a page of its text: the desktop, AMP and mobile
    pages of one story, or its versions, share a third of their words outside this page,
    and count once."""
    text_of = {page: page for page, rest in pages.items() if rest != {}}
    known = {page: rest for page, rest in pages.items() if rest}
    size = {page: sum(rest.values()) for page, rest in known.items()}
    holding: dict[int, list[int]] = defaultdict(list)
    for page, rest in known.items():
        for line in rest:
            holding[line].append(page)
    shared = Counter[tuple[int, int]]()  # the words two pages share outside this one
    for line, held_by in holding.items():
        for i, first in enumerate(held_by):
            for second in held_by[i + 1 :]:
                shared[first, second] += known[first][line]
    for (first, second), n in shared.items():
        if n * OTHER_TEXT >= min(size[first], size[second]):
            text_of[_root(text_of, second)] = _root(text_of, first)
    return {page: _root(text_of, page) for page in text_of}


def _root(text_of: dict[int, int], page: int) -> int:
    while text_of[page] != page:
        page = text_of[page]
    return page


def _without(lines: list[tuple[str, int | None]], chrome: set[int]) -> tuple[str, list[str]]:
    dropped = [line for line, h in lines if h in chrome]
    if not dropped:
        return "\n".join(line for line, _ in lines), []
    kept = "\n".join(line for line, h in lines if h not in chrome)
    return _BLANK_RUNS.sub("\n\n", kept).strip(), dropped
