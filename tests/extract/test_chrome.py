"""Each aggregator chrome rule, on a demo page where it applies, and never on article text."""

from __future__ import annotations

import pytest

from newscrawl.demo.world import SEED_COPIES, DemoWorld
from newscrawl.extract.chrome import LINE_RULES, SELECTOR_RULES, clean_paragraphs, prune
from newscrawl.extract.tree import main_block, parse_html, text_of
from tests.extract.pages import PAGES, page

# (rule, page, text the rule removes from that page)
SELECTOR_CASES = [
    ("share_buttons", "cnj", "Pinterest"),
    ("share_buttons", "cnj", "Share."),
    ("related_posts", "cnj", "You might also be interested in"),
    ("sidebar_widgets", "cnj", "Books (1,429)"),
    ("sidebar_widgets", "cnj", "Popular Posts"),
    ("newsletter_box", "zenger", "Check out our free email newsletters"),
    ("partner_recommendations", "zenger", "Recommended from our partners"),
    ("prev_next_story", "asianlite", "Previous Story"),
    ("more_from_site", "headtopics", "Similar News:"),
    ("more_from_site", "asianlite", "Latest from -Top News"),
    ("more_from_site", "asianlite", "Don't Miss"),
]
# (rule, page, a whole line of chrome as that page shows it)
LINE_CASES = [
    ("ad_markers", "autoblog", "[ad_1]"),
    ("ad_markers", "autoblog", "[ad_2]"),
    ("source_link", "autoblog", "Source link"),
    ("read_more", "headtopics", "Read more »"),
    ("share_row", "cnj", "Facebook Twitter Pinterest LinkedIn Tumblr Email Reddit Telegram"),
    ("share_row", "cnj", "Share. Facebook Twitter Pinterest LinkedIn Tumblr Email Reddit Telegram"),
    ("share_row", "cnj", "Share."),
    ("also_read", "asianlite", "ALSO READ: Blinken due in China as US pushes for a thaw"),
    ("prev_next_story", "asianlite", "Previous Story"),
    ("prev_next_story", "asianlite", "Next Story"),
    ("category_counts", "cnj", "Books (1,429)"),
    ("category_counts", "cnj", "Uncategorized (1)"),
    ("region_headlines", "headtopics", "Malaysia Latest News, Malaysia Headlines"),
    ("investment_disclaimer", "zenger", "Zenger News does not provide investment advice."),
    ("newsletter_box", "zenger", "Check out our free email newsletters"),
    ("teaser_list", "cnj", "You might also be interested in..."),
    ("teaser_list", "cnj", "Popular Posts"),
    ("teaser_list", "headtopics", "Similar News:You can also read news stories similar to this"),
    ("teaser_list", "asianlite", "Latest from -Top News"),
    ("teaser_list", "asianlite", "Don't Miss"),
    ("teaser_list", "zenger", "Recommended from our partners"),
]


def page_text(key: str) -> str:
    tree = parse_html(page(key).html)
    assert tree is not None
    return text_of(tree.body)


def test_every_rule_is_tested_on_a_seed_page() -> None:
    assert {r.name for r in SELECTOR_RULES} == {name for name, _, _ in SELECTOR_CASES}
    assert {r.name for r in LINE_RULES} == {name for name, _, _ in LINE_CASES}


@pytest.mark.parametrize(("name", "key", "chrome"), SELECTOR_CASES)
def test_selector_rule_removes_its_chrome(name: str, key: str, chrome: str) -> None:
    rule = next(r for r in SELECTOR_RULES if r.name == name)
    tree = parse_html(page(key).html)
    assert tree is not None
    assert chrome in text_of(tree.body)
    prune(tree, keep=None, rules=(rule,))
    assert chrome not in text_of(tree.body)


def test_selector_rules_keep_every_article_paragraph(key: str) -> None:
    tree = parse_html(page(key).html)
    assert tree is not None
    prune(tree, keep=main_block(tree).element)
    text = text_of(tree.body)
    paragraphs = [p for p in page(key).truth.paragraphs if isinstance(p, str)]
    assert [p for p in paragraphs if " ".join(p.split()) not in text] == []


def test_pruning_never_removes_the_main_block() -> None:
    html = (
        '<html><body><div class="has-share-buttons"><p>Kept, though its container is named '
        "like a share row.</p></div><div class='share-row'>Facebook</div></body></html>"
    )
    tree = parse_html(html)
    assert tree is not None
    prune(tree, keep=main_block(tree).element)
    assert text_of(tree.body) == "Kept, though its container is named like a share row."


def test_pruning_keeps_an_article_written_as_divs_inside_a_widget() -> None:
    """Blogger wraps the post in `<div class="widget Blog">` and writes paragraphs as divs."""
    paragraphs = [
        f"Paragraph {n} of the post, written as a div with its text in spans, as Blogger "
        "templates and older content systems do, long enough to be the article."
        for n in range(1, 6)
    ]
    post = "".join(f"<div><span>{text}</span><br></div>" for text in paragraphs)
    html = (
        '<html><body><div class="widget LinkList"><a href="/">Home</a></div>'
        f'<div class="widget Blog" id="Blog1"><div class="post-body">{post}</div></div>'
        '<div class="sidebar">Popular Posts</div></body></html>'
    )
    tree = parse_html(html)
    assert tree is not None
    prune(tree, keep=main_block(tree).element)
    text = text_of(tree.body)
    assert [p for p in paragraphs if p not in text] == []
    assert "Home" not in text
    assert "Popular Posts" not in text


@pytest.mark.parametrize(("name", "key", "line"), LINE_CASES)
def test_line_rule_matches_its_chrome(name: str, key: str, line: str) -> None:
    assert line in page_text(key)
    rule = next(r for r in LINE_RULES if r.name == name)
    assert rule.matches(line)


@pytest.mark.parametrize("version", ["first", "updated"])
def test_line_rules_never_match_article_text(version: str) -> None:
    """No rule drops a line of any article of the demo world, nor its title or standfirst."""
    lines = ["Read more about China from CNBC Pro"]
    for article in DemoWorld(version=version).articles:
        texts = [p for p in article.paragraphs if isinstance(p, str)]
        lines += [article.title, article.description, *texts]
    hits = [(r.name, line) for line in lines for r in LINE_RULES if r.matches(line)]
    assert [(name, line) for name, line in hits if line not in ("[ad_1]", "[ad_2]")] == []


def test_clean_paragraphs_drops_lines_and_cuts_at_teaser_lists() -> None:
    paragraphs = [
        "[ad_1]",
        "First paragraph.",
        "Zenger News does not provide investment advice.\nProduced in association with Benzinga",
        "Share.",
        "Last paragraph.",
        "Previous Story",
        "Saudi to reopen embassy in Iran soon",
        "Similar News:You can also read news stories similar to this one.",
        "A teaser headline and its excerpt.",
        "Read more »",
    ]
    assert clean_paragraphs(paragraphs) == [
        "First paragraph.",
        "Produced in association with Benzinga",
        "Last paragraph.",
    ]


def test_the_pages_cover_every_seed_copy() -> None:
    assert set(SEED_COPIES.values()) <= {url for _, url in PAGES.values()}
