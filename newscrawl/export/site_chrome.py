"""Site chrome an extractor left in a body: the short paragraphs its site repeats on pages
of other texts.

Reading one page, an extractor cannot tell a site's own prose from the article when the site
writes it into the article's container with the article's markup: "Heb je een tip? Mail naar
...", a reposter's "I found this worth keeping", a newsletter pitch, a note on where the
text came from. Rules that name such lines learn the templates they were written on, not the
next site's. The site's other pages tell: its chrome comes back on each of them, the
article's text does not. The provenance index keeps each site's paragraphs with the pages
holding them (the linker discounts a short one on two pages as chrome when it compares
texts), so the export, which reads that index, finds in a body each paragraph of 40 words or
fewer that pages of `SITE_CHROME_PAGES` other texts of its site hold at the same place (a
template writes its lines at fixed places, counted from the body's first or last paragraph;
a quote, a lede or background that other stories repeat sits wherever each puts it). The
pages holding a paragraph are read back (their paragraphs, from the index) and counted by
text: a page holding a third of this page's words, or with less than a third of its own
outside it, is a version or a part of this story (an update at a new URL, the AMP or mobile
page, a post published twice, a breaking brief, a re-crawl through a share link), and its
paragraphs stay however often the site repeats them; pages sharing a third of their words
outside this one (one story at its desktop, AMP and mobile URLs) count as one text. What is
found so on pages of three texts of a site counts on its other pages too, where they hold it
at a place those pages found it, or where they cannot tell (a short page, whose chrome is a
third of its words). A line that names the page's story (a curator's "«title» was picked
up by our feed") is on no other page; with the title left out, it reads as the lines of
three other stories among the pages exported together (`_naming`). The paragraphs found go
to the row's `site_chrome` column, in their order, and leave its body only with
`--drop-site-chrome`. The article store keeps the body as extracted.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from newscrawl.extract.tree import word_count
from newscrawl.provenance.entries import CHROME_WORDS
from newscrawl.provenance.fingerprint import paragraphs
from newscrawl.provenance.register import registered_domain

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newscrawl.items import Article
    from newscrawl.provenance.candidates import CandidateIndex

SITE_CHROME_PAGES = 3  # pages of other texts on one site a paragraph must be on to be chrome
OTHER_TEXT = 3  # a page holding less than 1/OTHER_TEXT of a page's words holds another text
# Of the pages finding chrome, those sharing a paragraph held by more pages than this are
# not told to be one text by it (and the pairs of a site's pages are not all counted).
SITE_LINE_PAGES = 64
NAMING_TITLE_WORDS = 3  # a title this long at least is looked for in the lines of its page
_BLANK_RUNS = re.compile(r"\n\s*\n(?:\s*\n)*")  # what separates paragraphs, once chrome is gone


def without_site_chrome(
    pages: Sequence[Article], index: CandidateIndex
) -> list[tuple[str, list[str]]]:
    """Each page's body without the paragraphs its site repeats on pages of other texts, and
    those paragraphs in their order. A paragraph found so on pages of `SITE_CHROME_PAGES`
    texts of a site is dropped from its other pages too (`_found_there`): on a short page,
    its site's chrome is a third of the words, and the pages holding it look like versions
    of its text (one text finding it is not enough: the top of a story is "chrome" on its
    write-through if three texts hold the first version's top). So are the lines that name
    the page's story in words the site writes about other stories (`_naming`)."""
    sites = [registered_domain(page.url) for page in pages]
    read = [_Body(page.body) for page in pages]
    judged = [_chrome(page.url, body, index) for page, body in zip(pages, read, strict=True)]
    finding: dict[str, list[int]] = defaultdict(list)  # the pages finding chrome, by site
    for n, (site, (chrome, _)) in enumerate(zip(sites, judged, strict=True)):
        if chrome:
            finding[site].append(n)
    by_site = {
        site: _found_on_site([(read[n], judged[n][0]) for n in numbers])
        for site, numbers in finding.items()
    }
    naming = _naming(sites, pages, read)
    return [
        _without(body.lines, chrome | _found_there(body, by_site.get(site, {}), unjudged) | named)
        for site, body, (chrome, unjudged), named in zip(sites, read, judged, naming, strict=True)
    ]


def _found_on_site(finding: list[tuple[_Body, set[int]]]) -> dict[int, set[tuple[int, int]]]:
    """The paragraphs that pages of `SITE_CHROME_PAGES` texts of a site found (`finding`:
    each page and what it found), with the places where they found each (from the first
    and from the last paragraph). Texts are told apart by their paragraphs outside what
    each found."""
    rest = [{h: n for h, n in body.words.items() if h not in found} for body, found in finding]
    text_of = _texts({n: words or None for n, words in enumerate(rest)}, SITE_LINE_PAGES)
    texts: dict[int, set[int]] = defaultdict(set)
    places: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for n, (body, found) in enumerate(finding):
        for line in found:
            texts[line].add(text_of[n])
            places[line].add(body.places[line])
    return {line: places[line] for line, t in texts.items() if len(t) >= SITE_CHROME_PAGES}


def _found_there(
    body: _Body, found: dict[int, set[tuple[int, int]]], unjudged: set[int]
) -> set[int]:
    """The paragraphs of a body that other pages of its site found at this place (counted
    from the first paragraph or from the last), or that it could not judge: a line of
    background at one place in four stories, by chance, is not the template's on the
    others, but a short page's chrome may sit elsewhere."""
    return {
        line
        for line, (first, last) in body.places.items()
        if line in found
        and (line in unjudged or any(first == i or last == j for i, j in found[line]))
    }


def _naming(sites: list[str], pages: Sequence[Article], read: list[_Body]) -> list[set[int]]:
    """The lines of each page that name its story (hold its title) and, the title left out,
    read as lines of pages of `SITE_CHROME_PAGES` other stories (other titles) of its site:
    "Curator's note: «{title}» was picked up by our feed", a template's line about each
    story it shows, which no paragraph hash finds on another page. Such lines that the
    extractor took out of other pages' text count too (their credits: it takes a line naming
    the title among a few words, and may do so on one page and not on another)."""
    masked: list[dict[int, int]] = []  # each page's line hash -> the hash without the title
    titled: dict[tuple[str, int], set[str]] = defaultdict(set)  # the titles each line names
    for site, page, body in zip(sites, pages, read, strict=True):
        found: dict[int, int] = {}
        title = page.title
        if title and len(title.split()) >= NAMING_TITLE_WORDS:
            for line, h in body.lines:
                if h is not None and (m := _without_title(line, title)) is not None:
                    found[h] = m
                    titled[site, m].add(title)
            for line in page.credits:
                if (m := _without_title(line, title)) is not None:
                    titled[site, m].add(title)
        masked.append(found)
    return [
        {h for h, m in found.items() if len(titled[site, m]) >= SITE_CHROME_PAGES}
        for site, found in zip(sites, masked, strict=True)
    ]


def _without_title(line: str, title: str) -> int | None:
    """The hash of a line that holds the title, with the title left out (None for a line
    that does not hold it, or holds nothing else)."""
    rest = paragraphs(line.replace(title, " ")) if title in line else []
    return rest[0][0] if rest else None


class _Body:
    """A body's lines, each with its paragraph hash (None for a line of no words), the words
    of each paragraph, and its short paragraphs: `CHROME_WORDS` or fewer, two Chinese or
    Japanese characters counting as a word (`paragraphs` reads a run of them as one)."""

    def __init__(self, body: str) -> None:
        self.lines: list[tuple[str, int | None]] = []
        self.words: dict[int, int] = {}
        self.short: set[int] = set()
        for line in body.split("\n"):
            found = paragraphs(line)[:1]
            for h, tokens, _ in found:
                self.words[h] = len(tokens)
                if len(tokens) <= CHROME_WORDS and word_count(line) <= CHROME_WORDS:
                    self.short.add(h)
            self.lines.append((line, found[0][0] if found else None))
        self.places = _places(self.words)


def _chrome(url: str, body: _Body, index: CandidateIndex) -> tuple[set[int], set[int]]:
    """The short paragraphs of a body that pages of `SITE_CHROME_PAGES` other texts of its
    site hold at the same place (counted from the first or the last paragraph): a template
    writes its lines at fixed places; a quote, a lede or background that other stories
    repeat sits wherever each story puts it. And those it cannot judge: as many pages hold
    them, but each holds a third of this page's words (a short page's chrome is)."""
    words = body.words
    holders = index.line_pages(url, words)
    held = Counter[int]()  # the words of this page each page of the site holds
    for line, pages in holders.items():
        held.update(dict.fromkeys(pages, words[line]))
    total = sum(words.values())
    near = {page for page, n in held.items() if n * OTHER_TEXT < total}
    theirs = {
        page: index.page_paragraphs(page)
        for line in body.short
        for page in holders[line]
        if page in near
    }
    text_of = _texts({page: _rest(lines, words) for page, lines in theirs.items()})
    ours = body.places
    places = {page: _places(lines) for page, lines in theirs.items() if lines is not None}

    def same_place(page: int, line: int) -> bool:
        their = places.get(page, {}).get(line)  # unknown for a page an index of before kept
        return their is None or their[0] == ours[line][0] or their[1] == ours[line][1]

    found = {
        line
        for line in body.short
        if len({text_of[p] for p in holders[line] if p in text_of and same_place(p, line)})
        >= SITE_CHROME_PAGES
    }
    # (this page itself is among the holders, and holds all of its words)
    unjudged = {
        line
        for line in body.short
        if sum(page not in near for page in holders[line]) > SITE_CHROME_PAGES
    }
    return found, unjudged


def _places(words: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Each paragraph's index from the first paragraph and from the last."""
    n = len(words)
    return {line: (i, n - 1 - i) for i, line in enumerate(words)}


def _rest(theirs: dict[int, int] | None, ours: dict[int, int]) -> dict[int, int] | None:
    """The paragraphs of a page (`theirs`) outside this one, or {} when they are less than a
    third of its words (a brief of this story, an earlier version): a part of this text,
    not another. None for a page an index of before did not name."""
    if theirs is None:
        return None
    rest = {line: n for line, n in theirs.items() if line not in ours}
    return rest if sum(rest.values()) * OTHER_TEXT >= sum(theirs.values()) else {}


def _texts(pages: dict[int, dict[int, int] | None], most: int | None = None) -> dict[int, int]:
    """Pages grouped into texts, each mapped to a page of its text. Each page comes with the
    paragraphs that tell its text (outside this page: `_rest`; {}: no other text, left out;
    None: not known, a text of its own). The desktop, AMP and mobile pages of one story, or
    its versions, share a third of those words, and count once; a paragraph on more than
    `most` of the pages is the site's, and tells nothing."""
    text_of = {page: page for page, rest in pages.items() if rest != {}}
    known = {page: rest for page, rest in pages.items() if rest}
    size = {page: sum(rest.values()) for page, rest in known.items()}
    holding: dict[int, list[int]] = defaultdict(list)
    for page, rest in known.items():
        for line in rest:
            holding[line].append(page)
    shared = Counter[tuple[int, int]]()  # the words two pages share outside this one
    for line, held_by in holding.items():
        if most is not None and len(held_by) > most:
            continue
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
