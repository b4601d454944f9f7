"""The article's body text: trafilatura on the chrome-pruned tree, lxml where it gives up.

trafilatura runs in its fast mode where the main block holds an article. Its default mode
also runs readability and jusText and keeps whichever finds more text: a rescue for pages
whose main text its own pass misses, costing about a third of its time. Where the block
marks the article that rescue is mostly redundant (the quality benchmark scores the same
with and without it on most pages); it still runs where the block is small (home pages,
teaser lists, blurbs), and where the fast pass missed the block's first long paragraph.
Where the article sits in a table cell (old portals), trafilatura runs the cell's
paragraphs or lines into one row: the block's own paragraphs are taken instead."""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import TYPE_CHECKING

import trafilatura
from lxml import etree
from trafilatura.xml import xmltotxt
from trafilatura.xpaths import OVERALL_DISCARD_XPATH, REGEXP_NS

from newscrawl.extract.chrome import (
    clean_paragraphs,
    drop_kickers,
    prune,
    prune_link_lines,
    prune_story_lists,
    story_length,
)
from newscrawl.extract.continuation import continued, rest_elsewhere
from newscrawl.extract.forwarded import forwarded_only
from newscrawl.extract.quoted import quoted_only
from newscrawl.extract.region import article_region
from newscrawl.extract.rows import rejoined, unglued
from newscrawl.extract.tree import (
    ARTICLE_LENGTH,
    LEAD_LENGTH,
    lines_kept,
    long_paragraphs,
    normalize_space,
    paragraphs_of,
    text_of,
    word_count,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extract.tree import MainBlock


def extract_body(
    tree: HtmlElement,
    main: MainBlock,
    url: str,
    header: tuple[str | None, ...],
    lists: list[list[HtmlElement]] | None = None,
) -> tuple[str, list[str]]:
    """Plain text, paragraphs separated by a blank line, without chrome or repeated header;
    and the credit lines taken out with the chrome ("... originally appeared on ...").

    Prunes `tree` in place (callers read links and credits first), with the `lists` of
    other stories when the caller found them already. `header` holds the
    title and description: a leading paragraph that repeats one of them, from outside the
    main block, is the page's headline or standfirst, not the article's text (a
    "description" as long as an article is the article: Blogger's microdata says so)."""
    rest = rest_elsewhere(main.element) if main.holds_article else None
    chunks = _chunks(main.element, tree) if main.holds_article and main.element is not None else []
    # Chunks of two long paragraphs are no chrome, whatever their wrappers' classes say.
    prune(tree, keep=main.element, chunks=[c for c in chunks if _long(_texts(c)) >= 2])
    prune_story_lists(tree, keep=main.element, lists=lists)
    prune_link_lines(tree)
    alike: list[HtmlElement] = []  # the main block's and its kind's, where it holds an article
    if main.holds_article and main.element is not None:
        _unhide(main.element)
        _undrop(tree, main.element)
        alike = _alike(main.element, tree)
        _unwrap_alike(main.element, alike)
    _unglue_citations(tree)
    paragraphs = _trafilatura(tree, url, fast=main.holds_article)
    own = paragraphs_of(main.element)  # trafilatura reads the tree, never changes it
    if main.holds_article and not _holds_lead(paragraphs, own):
        paragraphs = _trafilatura(tree, url, fast=False)
    paragraphs = rejoined(unglued(paragraphs, main.element, alike, own), main.element)
    paragraphs = _later_chunks(paragraphs, main.element, alike, own)
    if not paragraphs:
        paragraphs = own
    if rest is not None:
        paragraphs = continued(paragraphs, *rest)
    paragraphs = _entry_headings(main.element, _lede_before(main.element, paragraphs))
    region = article_region(tree, paragraphs, tuple(chunks))
    if region is not None:
        # A lede kept apart from the article's other blocks, not only from the main one's.
        paragraphs = region.without_outside(_lede_before(region.element, paragraphs))
    paragraphs = drop_kickers(tree, _drop_header(paragraphs, main.element, header))
    paragraphs, naming = _naming_the_title(paragraphs, header[0] if header else None)
    kept, credits = clean_paragraphs(forwarded_only(paragraphs))
    return "\n\n".join(quoted_only(tree, kept)), naming + credits


# Headings that, opening a wrapper of a later block of the main block's class, make it
# another text.
_STORY_HEADINGS = ("h1", "h2", "h3")
# Elements trafilatura drops with all they hold, which some pages write their article in.
_DROPPED = ("aside", "figure", "figcaption")
# Attributes that hide an element (a style's `display:none` among others).
_HIDING = frozenset({"style", "hidden", "aria-hidden"})
# trafilatura's tests of the elements it discards (`OVERALL_DISCARD_XPATH`, each
# ".//*[...]"), asked of one element at a time instead of the whole tree.
_DISCARDED = [
    etree.XPath("self::*" + path.removeprefix(".//*"), namespaces={"re": REGEXP_NS})
    for test in OVERALL_DISCARD_XPATH
    if (path := test.path.strip()).startswith(".//*")
]
# The elements whose class, or inline style, has a value (found in C, not by walking).
_WITH = {name: etree.XPath(f"//*[@{name} = $value]") for name in ("class", "style")}
# A title this many words long at least is looked for in the body's other lines, and a
# line holding it with this many words of its own at most is no text of the article's.
_TITLE_WORDS, _WORDS_AROUND_TITLE = 4, 15
# Class or id of a block that holds an article's lede apart from its text.
_INTRO = re.compile(r"intro|lede|chapo|chapeau|teaser[-_]?text|field[-_]teaser", re.IGNORECASE)


def _unhide(main: HtmlElement) -> None:
    """Show the main block, its ancestors and its blocks that hold a long paragraph: a "Read
    more" toggle hides the rest of an article with `display:none`, which trafilatura takes
    for hidden chrome."""
    inside = [e for e in main.iterdescendants() if _hides(e) and long_paragraphs(e)]
    for element in (*main.iterancestors(), main, *inside):
        if _hides(element):
            for name in _HIDING:
                element.attrib.pop(name, None)


def _undrop(tree: HtmlElement, main: HtmlElement) -> None:
    """Make <div>s of the <aside>s, <figure>s and <figcaption>s around the main block, of
    those of their tag and class (an aside only where it holds a long paragraph), and of the
    <figure>s inside the main block that hold one: a forum post quotes the article it shares
    in `aside.quote`s (Discourse, one a post; a reply's quoted line is no article), a photo
    gallery's captions are its article however short, a WordPress pullquote block may hold a
    whole paragraph of it."""
    around = [e for e in (main, *main.iterancestors(*_DROPPED)) if e.tag in _DROPPED]
    kinds = {(e.tag, e.get("class")) for e in around}
    quoted = {e for e in main.iter("figure") if long_paragraphs(e)}
    for element in list(tree.iter(*_DROPPED)):
        alike = (element.tag, element.get("class")) in kinds
        if (
            element in around
            or element in quoted
            or (alike and (element.tag != "aside" or long_paragraphs(element)))
        ):
            element.tag = "div"
            element.attrib.pop("class", None)  # trafilatura also drops a class "*caption*"


def _unwrap_alike(main: HtmlElement, alike: list[HtmlElement]) -> None:
    """Take the class and id off the wrappers trafilatura discards (`OVERALL_DISCARD_XPATH`:
    a layout named "two-right-sidebar", a chat's "message-container") around the main block
    and the blocks alike to it (`_alike`) that hold a long paragraph, below the element they
    share: a wiki page's text runs over layout cells of one class, a chat's over messages."""
    line = [main, *main.iterancestors()]
    depth = {element: n for n, element in enumerate(line)}
    wrappers: set[HtmlElement] = set()
    top = 0
    for block in alike:
        if block is not main and long_paragraphs(block):
            ancestors = list(itertools.takewhile(lambda e: e not in depth, block.iterancestors()))
            shared = (ancestors[-1] if ancestors else block).getparent()
            top = max(top, depth.get(shared, 0))
            wrappers.update(ancestors)
    wrappers.update(line[1:top] if wrappers else ())
    for element in wrappers:
        if any(discarded(element) for discarded in _DISCARDED):
            element.attrib.pop("class", None)
            element.attrib.pop("id", None)


def _unglue_citations(tree: HtmlElement) -> None:
    """A quote's `<cite>` ("X wrote:" over a forum quote, phpBB's) made a paragraph of its
    own: trafilatura runs its text into the quote's first line."""
    for cite in tree.xpath("//blockquote//cite"):
        cite.tag = "p"


def _hides(element: HtmlElement) -> bool:
    """Whether the element is hidden as trafilatura reads it (its inline style is kept
    otherwise: `_alike` compares e-mail cells by it)."""
    style = (element.get("style") or "").replace(" ", "").lower()
    hiding = "display:none" in style or "hidden" in style
    return hiding or "hidden" in element.attrib or element.get("aria-hidden") == "true"


def _trafilatura(tree: HtmlElement, url: str, *, fast: bool) -> list[str]:
    """trafilatura's output, one string per block element (line breaks kept inside)."""
    document = trafilatura.bare_extraction(tree, url=url, include_comments=False, fast=fast)
    if document is None or document.body is None:
        return []
    blocks = (xmltotxt(child, include_formatting=False).strip() for child in document.body)
    return [text for text in blocks if text]


def _holds_lead(paragraphs: list[str], expected: list[str]) -> bool:
    """Whether the output holds the first long paragraph of those `expected` (the main
    block's): where it does not, trafilatura took the wrong region (a page's menus, a
    table's other cells)."""
    lead = next((text for text in expected if len(text) >= LEAD_LENGTH), None)
    if lead is None:
        return True
    # `lead` is normalised: found in the raw text, it is in the normalised text too.
    text = " ".join(paragraphs)
    return lead in text or lead in normalize_space(text)


def _alike(main: HtmlElement, tree: HtmlElement) -> list[HtmlElement]:
    """The main block and the page's other elements of its tag and class (a listicle's item
    bodies), or of its tag and inline style where it has no class (an e-mail's table cells
    of text, split by an advertisement's), none inside another; the main block alone where
    it has neither."""
    name = "class" if main.get("class") else "style"
    if not main.get(name):
        return [main]
    alike = [e for e in _WITH[name](tree, value=main.get(name)) if e.tag == main.tag]
    found = set(alike)
    return [e for e in alike if found.isdisjoint(e.iterancestors())]


def _chunks(main: HtmlElement, tree: HtmlElement) -> list[HtmlElement]:
    """The article's other chunks: blocks of the main block's kind (`_alike`) whose
    paragraphs make a chunk of text (`_a_chunk`), in whatever a page builder wraps them."""
    return [block for block in _alike(main, tree) if block is not main and _a_chunk(_texts(block))]


def _later_chunks(
    paragraphs: list[str], main: HtmlElement | None, alike: list[HtmlElement], own: list[str]
) -> list[str]:
    """The paragraphs with the article's later chunks put back after the main block's text:
    a page may split its text over several blocks of the main block's class between
    advertisement rows (Condé Nast's article chunks), and trafilatura reads only the first.
    A block counts when it comes after the main block, holds two long paragraphs or more
    and none the output has, and is of the main block's article (`_same_article`: not an
    endless page's next story). `own`: the main block's paragraphs."""
    if main is None or main not in alike or alike[-1] is main:
        return paragraphs
    shown = {normalize_space(line) for p in paragraphs for line in p.splitlines()}
    added: list[str] = []
    for block in alike[alike.index(main) + 1 :]:
        texts = _texts(block)
        if _a_chunk(texts) and shown.isdisjoint(texts) and _same_article(main, block):
            added += texts
    if not added:
        return paragraphs
    ours = set(own)
    ends = [
        i
        for i, p in enumerate(paragraphs)
        if ours.intersection(map(normalize_space, p.splitlines()))
    ]
    at = ends[-1] + 1 if ends else len(paragraphs)
    return paragraphs[:at] + added + paragraphs[at:]


def _texts(block: HtmlElement) -> list[str]:
    """The texts of a block's paragraphs, figures' captions left out."""
    return [t for p in block.iter("p") if not _in_figure(p) and (t := text_of(p))]


def _a_chunk(texts: list[str]) -> bool:
    """Whether a block's paragraphs are a chunk of an article: two long ones, or (the last
    chunk, after a box of related stories) two or more that together make one."""
    return _long(texts) >= 2 or (len(texts) >= 2 and sum(map(len, texts)) >= LEAD_LENGTH)


def _long(texts: list[str]) -> int:
    """How many of the texts are a paragraph's length."""
    return sum(len(t) >= LEAD_LENGTH for t in texts)


def _same_article(main: HtmlElement, block: HtmlElement) -> bool:
    """Whether the two blocks are parts of one text: the element that holds both holds no
    `<h1>` and no `<article>` but those around the main block, and no heading opens a
    wrapper of the later block's own (the next story of an endless page under its headline,
    a "Recommended" section); a subheading between the two in the text's own flow is the
    article's."""
    around = set(main.iterancestors())
    common = next((e for e in block.iterancestors() if e in around), None)
    if common is None or common.xpath(".//h1"):
        return False
    if not all(e in around for e in common.iter("article")):
        return False
    element = block
    while (parent := element.getparent()) is not common and parent is not None:
        before = (e for e in element.itersiblings(preceding=True) if isinstance(e.tag, str))
        if any(next(e.iter(*_STORY_HEADINGS), None) is not None for e in before):
            return False
        element = parent
    return True


def _lede_before(main: HtmlElement | None, paragraphs: list[str]) -> list[str]:
    """The paragraphs with the lede the output misses put first: the paragraphs of blocks
    before the main block, in its own parent, that hold a long paragraph trafilatura left
    out, or that the page names as the intro (Drupal's teaser field, K2's `itemIntroText`,
    a header's `__intro`), however short. Some CMSs keep a lede apart from the rest of the
    text, and trafilatura takes only the block its selectors name ("article-text")."""
    parent = None if main is None else main.getparent()
    if main is None or parent is None or parent.tag == "body" or not paragraphs:
        return paragraphs
    text = normalize_space(" ".join(paragraphs))
    lede: list[str] = []
    for sibling in main.itersiblings(preceding=True):
        own = [p for p in sibling.iter("p") if not _in_figure(p)]
        texts = [t for p in own if (t := text_of(p))]
        if not any(len(t) >= LEAD_LENGTH for t in texts):
            texts = [t for p in own if _in_intro(p, sibling) and (t := text_of(p))]
        if not texts:
            continue
        if any(t in text for t in texts):
            break
        lede[:0] = texts
    return lede + paragraphs


def _entry_headings(main: HtmlElement | None, paragraphs: list[str]) -> list[str]:
    """The paragraphs with a live blog's entry headings put back: a `<p>` of the main block
    that is only a headline's link to its own place in a page ("...#le-kazakhstan-allie"),
    which trafilatura drops where a boxed note stands before it, goes back before the main
    block's next paragraph in the output."""
    if main is None:
        return paragraphs
    out = list(paragraphs)
    lines = [{normalize_space(line) for line in p.splitlines()} for p in out]
    heading: str | None = None
    at = 0  # where the last heading went: the next goes after it
    for p in main.iter("p"):
        text = text_of(p)
        if heading is not None and (found := _line_index(lines, text, at)) is not None:
            out.insert(found, heading)
            lines.insert(found, {heading})
            at, heading = found + 1, None
        elif text and not any(text in kept for kept in lines) and _heads_an_entry(p, text):
            beside = (p.getprevious(), p.getnext())  # a run of them: the key events' list
            if not any(e is not None and _heads_an_entry(e, text_of(e)) for e in beside):
                heading = text
    return out


def _line_index(lines: list[set[str]], text: str, start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if text in lines[i]), None)


def _heads_an_entry(paragraph: HtmlElement, text: str) -> bool:
    """Whether the paragraph is a headline's link to its own place in a page: the link's
    fragment spells three of its words (not a skip link's "#after-ad" nor a footnote's
    "#fn1")."""
    links = paragraph.findall(".//a")
    if paragraph.tag != "p" or len(links) != 1 or text_of(links[0]) != text:
        return False
    fragment = links[0].get("href", "").partition("#")[2]
    words = set(_plain_words(text))
    return story_length(links[0]) and sum(w in words for w in _plain_words(fragment)) >= 3


def _plain_words(text: str) -> list[str]:
    """The words of a text, casefolded and without accents, as a URL's slug writes them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.findall(r"[^\W_]+", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _in_intro(paragraph: HtmlElement, block: HtmlElement) -> bool:
    """Whether the paragraph, or an element around it up to `block`, is named an intro."""
    for element in (paragraph, *paragraph.iterancestors()):
        named = f"{element.get('class', '')} {element.get('id', '')}"
        if _INTRO.search(named):
            return True
        if element is block:
            return False
    return False


def _in_figure(paragraph: HtmlElement) -> bool:
    """Whether the paragraph is a picture's caption or credit."""
    return next(paragraph.iterancestors("figure", "figcaption"), None) is not None


def _naming_the_title(paragraphs: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """(the paragraphs without the lines that hold the page's title among a few words of
    their own, those lines). Such a line is a feed's footer in whatever language ("Het
    bericht X verscheen eerst op Y", "Ieraksts X pirmo reizi tika publicēts Y"), a
    citation or a forwarded message's subject: kept among the credits, not the text. Words
    are counted as `word_count` does (Chinese and Japanese titles have no spaces)."""
    wanted = normalize_space(title or "").casefold()
    words = word_count(wanted)
    if words < _TITLE_WORDS:
        return paragraphs, []

    def names(line: str) -> bool:
        text = normalize_space(line).casefold()
        return wanted in text and 0 < word_count(text) - words <= _WORDS_AROUND_TITLE

    naming = [line.strip() for p in paragraphs for line in p.splitlines() if names(line)]
    if not naming:
        return paragraphs, []
    return lines_kept(paragraphs, lambda line: not names(line)), naming


def _drop_header(
    paragraphs: list[str], main: HtmlElement | None, header: tuple[str | None, ...]
) -> list[str]:
    repeated = {normalize_space(text).casefold() for text in header if text}
    start = 0
    while (
        start < len(paragraphs)
        and len(paragraphs[start]) < ARTICLE_LENGTH
        and normalize_space(paragraphs[start]).casefold() in repeated
        and not _main_paragraph(normalize_space(paragraphs[start]), main)
    ):
        start += 1
    return paragraphs[start:]


def _main_paragraph(text: str, main: HtmlElement | None) -> bool:
    """Whether the text is one of the main block's own `<p>` (read only for a paragraph
    that repeats the header, which few pages have)."""
    return main is not None and any(text_of(p) == text for p in main.iter("p"))
