"""links_out and credits on small pages: the cases the demo pages do not show."""

from __future__ import annotations

import pytest

from newscrawl.anchors import is_source_anchor
from newscrawl.extract import extract_article
from newscrawl.extract.credits import is_credit, text_credits
from newscrawl.extract.links import links_out
from newscrawl.extract.tree import main_block, parse_html
from newscrawl.items import Link

BODY = "<p>" + "A paragraph of the article, long enough to be its main text block. " * 4


def links(html: str, url: str = "http://copy.example/2024/05/06/story/") -> list[Link]:
    tree = parse_html(html)
    assert tree is not None
    return links_out(tree, main_block(tree).element, url)


def test_relative_links_resolve_against_base_href() -> None:
    html = (
        '<html><head><base href="http://cdn.example/news/"></head><body><article>'
        f'{BODY}<a href="orig.html">the original</a></p></article></body></html>'
    )
    assert links(html) == [Link("http://cdn.example/news/orig.html", "the original")]


def test_non_page_links_are_skipped_and_duplicates_dropped() -> None:
    html = (
        f"<html><body><article>{BODY}"
        '<a href="mailto:x@example.com">mail</a> <a href="javascript:void(0)">js</a> '
        '<a href="#top">top</a> <a href="/a">A</a> <a href="/a">A</a></p></article></body></html>'
    )
    assert links(html) == [Link("http://copy.example/a", "A")]


def test_share_rows_inside_the_body_are_not_body_links() -> None:
    html = (
        "<html><body class='has-share-buttons'><article class='post has-share-buttons'>"
        f"{BODY}<a href='/cited'>a cited page</a></p>"
        "<p class='share-row'><a href='http://www.facebook.com/sharer/sharer.php?u=x'>Facebook"
        "</a></p></article></body></html>"
    )
    assert links(html) == [Link("http://copy.example/cited", "a cited page")]


def test_provenance_anchors_outside_the_body_count_unless_in_navigation() -> None:
    html = (
        f"<html><body><nav><a href='/more'>Read more</a></nav><article>{BODY}</p></article>"
        "<div class='credit-box'><a href='http://orig.example/story'>Original article</a></div>"
        "<a href='/elsewhere'>Elsewhere</a><footer><a href='/src'>Source</a></footer>"
        "</body></html>"
    )
    assert links(html) == [Link("http://orig.example/story", "Original article")]


@pytest.mark.parametrize(
    "line",
    [
        "Leah Millis | Afp | Getty Images",
        "Leah Millis | AFP | Getty Photos",
        "Photo: Jane Doe/Reuters",
        "Credit: Shutterstock",
        "Reuters",
        "— AP",
    ],
)
def test_credit_lines(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Politics | World",
        "Blinken met Qin in Beijing, Reuters reported.",
        "Read more about China from CNBC Pro",
        "Produced in association with Benzinga",
    ],
)
def test_not_credit_lines(line: str) -> None:
    assert not is_credit(line)


def test_wire_dateline_in_the_lede_is_a_credit() -> None:
    body = "WASHINGTON (AP) — The Senate voted on Tuesday.\n\nLater (Reuters) was cited."
    assert text_credits(body) == ["(AP)"]


def test_caption_credit_without_a_credit_class() -> None:
    html = (
        f"<html><body><article>{BODY}</p><figure><img src='x.jpg'><figcaption>A caption."
        "<br>Jane Doe | Getty Images</figcaption></figure></article></body></html>"
    )
    assert extract_article(html, "http://copy.example/").credits == ["Jane Doe | Getty Images"]


@pytest.mark.parametrize(
    "line",
    [
        "This article originally appeared on The Ashvale Times.",
        # WordPress's feed footer in Dutch, Romanian, Danish and Hungarian
        "Het bericht Port strike ends verscheen eerst op The Ashvale Times.",
        "Articolul Port strike ends a apărut prima dată pe The Ashvale Times.",
        "Indlægget Port strike ends blev først udgivet på The Ashvale Times.",
        "A(z) Port strike ends bejegyzés először The Ashvale Times oldalon jelent meg.",
    ],
)
def test_a_line_saying_where_the_text_first_appeared_is_a_credit_not_body(line: str) -> None:
    html = f"<html><body><article>{BODY}</p><p>{line}</p></article></body></html>"
    article = extract_article(html, "http://copy.example/")
    assert article.credits == [line]
    assert "Ashvale" not in article.body


@pytest.mark.parametrize(
    "markup",
    [
        # Drupal's link field: a label over the field's item, the URL as the link's text.
        '<div class="field field--name-field-source-url"><div class="field__label">Original'
        ' article</div><div class="field__item"><a href="{url}">{url}</a></div></div>',
        '<p>Source: <a href="{url}">Harbor Gazette</a></p>',
    ],
)
def test_a_link_labelled_as_the_source_takes_its_label(markup: str) -> None:
    url = "http://orig.example/story"
    html = f"<html><body><article>{BODY}</p></article>{markup.format(url=url)}</body></html>"
    (link,) = links(html)
    assert link.url == url
    assert is_source_anchor(link.text)


@pytest.mark.parametrize("text", ["Source link", "Supply hyperlink"])
def test_an_autoblogs_source_anchor_is_one_spun_or_not(text: str) -> None:
    """An article spinner rewrites the autoblog's "Source link" as "Supply hyperlink"."""
    assert is_source_anchor(text)


def test_a_link_after_a_long_sentence_keeps_its_own_text() -> None:
    html = (
        f"<html><body><article>{BODY}The source of the figures was "
        '<a href="http://orig.example/story">the ministry</a></p></article></body></html>'
    )
    assert links(html) == [Link("http://orig.example/story", "the ministry")]


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ('<p>Quelle: <a href="{url}">Der Kurier</a></p>', "Quelle:"),
        ('<p><a href="{url}">Weiterlesen bei Der Kurier →</a></p>', None),
        ('<p><a href="{url}">Lire la suite sur Le Soir</a></p>', None),
        (
            '<p>The post <a href="{url}">Port plan</a> appeared first on '
            '<a href="http://orig.example/">Harbor Gazette</a>.</p>',
            "The post Port plan appeared first on Harbor Gazette.",
        ),
    ],
)
def test_source_links_in_other_words_and_languages_are_kept(markup: str, text: str | None) -> None:
    url = "http://orig.example/story"
    html = f"<html><body><article>{BODY}</p></article>{markup.format(url=url)}</body></html>"
    found = {link.url: link.text for link in links(html)}
    assert url in found
    if text is not None:
        assert " ".join(found[url].split()) == text
