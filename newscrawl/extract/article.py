"""One HTML page in, one `Article` out: the extract stage's single entry point."""

from __future__ import annotations

from dataclasses import replace

from newscrawl.extract.body import extract_body
from newscrawl.extract.chrome import story_lists
from newscrawl.extract.credits import markup_credits, text_credits
from newscrawl.extract.links import links_out
from newscrawl.extract.metadata import read_metadata
from newscrawl.extract.structured import Structured, extract_structured
from newscrawl.extract.tree import main_block, parse_html
from newscrawl.items import Article


def extract_article(html: str, url: str) -> Article:
    """The article on a page: text, metadata, body links, credits and raw structured data.

    A pure function (no network, picklable arguments and result) so it runs the same in
    the crawl, in worker processes and over WARCs offline. The page is parsed once; the
    steps that need the untouched markup (links, credits) run before chrome is pruned.
    WARC fields are left None for the caller."""
    tree = parse_html(html)
    if tree is None:
        return Article(url=url)
    structured = extract_structured(tree, url)
    lists = story_lists(tree)
    main = main_block(tree, lists)
    metadata = read_metadata(tree, url, Structured.from_extruct(structured), main)
    links = links_out(tree, main.element, url, lists)
    credits = markup_credits(tree)
    body, dropped = extract_body(tree, main, url, (metadata.title, metadata.description), lists)
    return replace(
        metadata,
        body=body,
        links_out=links,
        credits=list(dict.fromkeys(credits + text_credits(body) + dropped)),
        structured=structured,
    )
