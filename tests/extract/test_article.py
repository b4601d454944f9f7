"""extract_article on the real demo pages: body, metadata, links and credits."""

from __future__ import annotations

import json
import pickle
import re
from dataclasses import fields

import pytest

from newscrawl.demo.world import CNBC_ARTICLE
from newscrawl.extract import body as body_module
from newscrawl.extract import extract_article
from newscrawl.items import Article, Link
from tests.extract.pages import extracted, page

# What the seed pages show around the article: none of it may reach `body`.
CHROME = (
    "[ad_1]",
    "[ad_2]",
    "Source link",
    "Facebook Twitter Pinterest",
    "Share.",
    "You might also be interested in",
    "Popular Posts",
    "Books (1,429)",
    "Similar News",
    "Read more »",
    "Malaysia Latest News, Malaysia Headlines",
    "ALSO READ",
    "Previous Story",
    "Next Story",
    "Latest from",
    "Don't Miss",
    "newsletters",
    "Recommended from our partners",
    "does not provide investment advice",
    "Privacy Policy",
    "All rights reserved",
)
WARC_FIELDS = ("warc_file", "warc_record_id", "warc_offset", "fetched_at", "payload_digest")


def truth_paragraphs(key: str) -> list[str]:
    """The hand-checked text paragraphs of the page's article (ad slots are not words)."""
    blocks = page(key).truth.paragraphs
    return [p for p in blocks if isinstance(p, str) and not re.fullmatch(r"\[ad_\d+\]", p)]


def test_body_is_the_articles_paragraphs(key: str) -> None:
    paragraphs = set(extracted(key).body.split("\n\n"))
    missing = [p for p in truth_paragraphs(key) if " ".join(p.split()) not in paragraphs]
    assert not missing, f"{key}: paragraphs missing or merged: {missing}"


def test_body_has_no_chrome(key: str) -> None:
    body = extracted(key).body
    assert [c for c in CHROME if c in body] == []
    assert page(key).truth.title not in body  # the headline is metadata, not body


def test_metadata(key: str) -> None:
    article, truth = extracted(key), page(key).truth
    assert article.url == article.canonical_url == page(key).url
    assert article.title == truth.title
    assert article.published == truth.published.isoformat()
    assert article.modified == truth.modified.isoformat()
    assert article.site_name == article.publisher == page(key).site_name
    # A site credited as its own author is no author: the byline's people only.
    assert article.authors == [a for a in truth.authors if a != page(key).site_name]
    assert article.section == truth.section
    assert article.description == truth.description
    assert article.image == truth.image["url"]
    assert article.language == ("en-MY" if key == "headtopics" else "en-US")
    assert {"json-ld", "opengraph", "microdata", "dublincore"} <= article.structured.keys()


def test_result_is_a_plain_picklable_record(key: str) -> None:
    article = extracted(key)
    assert all(getattr(article, name) is None for name in (*WARC_FIELDS, "status"))
    assert pickle.loads(pickle.dumps(article)) == article
    assert {f.name for f in fields(Article)} >= {"links_out", "credits", "structured"}


def test_autoblog_source_link_points_at_the_cnbc_original() -> None:
    assert Link(url=CNBC_ARTICLE, text="Source link") in extracted("autoblog").links_out


def test_excerpt_site_read_more_targets_are_kept() -> None:
    teasers = [t["url"] for t in page("headtopics").truth.extra["teasers"]]
    links = extracted("headtopics").links_out
    assert [link.url for link in links if link.text == "Read more »"] == teasers


def test_zenger_keeps_its_partner_link_and_tweet_links() -> None:
    urls = {link.url: link.text for link in extracted("zenger").links_out}
    assert urls["http://www.benzinga.com/"] == "Benzinga"
    assert "http://twitter.com/SpokespersonCHN/status/1670302375390154752" in urls


def test_links_out_leave_out_navigation_share_and_footer_links() -> None:
    for key in ("cnj", "asianlite", "cnbc-first", "autoblog"):
        urls = [link.url for link in extracted(key).links_out]
        assert not [u for u in urls if re.search(r"share|sharer|intent/tweet|/category/", u)]
        assert not [u for u in urls if u.rstrip("/").count("/") <= 2], urls  # home pages
    assert [link.text for link in extracted("asianlite").links_out] == [
        "Blinken due in China as US pushes for a thaw"
    ]


def test_cnbc_promo_links_are_cnbcs_own_body_links() -> None:
    urls = [link.url for link in extracted("cnbc-first").links_out]
    assert len(urls) == 3
    assert all(u.startswith("http://www.cnbc.com/pro/") for u in urls)


@pytest.mark.parametrize(
    ("key", "credits"),
    [
        ("cnj", ["Leah Millis | Afp | Getty Images"]),
        ("cnbc-first", ["Leah Millis | Afp | Getty Images"]),
        ("cnbc-updated", ["Leah Millis | Afp | Getty Images", "Leah Millis | AFP | Getty Images"]),
        ("autoblog", ["Leah Millis | Afp | Getty Photos", "Leah Millis | AFP | Getty Photos"]),
        ("zenger", ["DARRIAN TRAYNOR"]),
        ("benzinga", ["DARRIAN TRAYNOR"]),
        ("reuters", []),
        ("headtopics", []),
    ],
)
def test_credits(key: str, credits: list[str]) -> None:
    assert extracted(key).credits == credits


def test_body_falls_back_to_the_main_text_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where trafilatura returns nothing, the paragraphs of the main block stand in."""
    monkeypatch.setattr(body_module.trafilatura, "bare_extraction", lambda *a, **k: None)
    article = extract_article(page("cnj").html, page("cnj").url)
    assert article.body.split("\n\n") == truth_paragraphs("cnj")


def test_dates_come_from_htmldate_when_the_page_states_none() -> None:
    html = re.sub(
        r'<script type="application/ld\+json">.*?</script>|<meta property="article:[^>]*>',
        "",
        page("cnj").html,
        flags=re.DOTALL,
    )
    article = extract_article(html, page("cnj").url)
    assert article.structured["json-ld"] == []
    assert article.published is not None
    assert article.published.startswith("2023-06-18")
    assert article.title == page("cnj").truth.title  # from OpenGraph


def test_a_page_without_structured_data_still_gets_title_and_site() -> None:
    html = (
        "<html><head><title>Quiet news day | The Daily Example</title></head><body>"
        "<article><h1>Quiet news day</h1><p>Nothing much happened in the town on Sunday, "
        "the mayor said, and the council agreed that this was, on balance, good news.</p>"
        "</article></body></html>"
    )
    article = extract_article(html, "http://example.com/2024/05/06/quiet-news-day/")
    assert article.title == "Quiet news day"
    assert article.site_name == "example.com"  # trafilatura falls back to the host
    assert article.body.startswith("Nothing much happened")
    assert article.published == "2024-05-06"  # htmldate, from the URL


def test_a_teaser_list_gets_no_date_from_its_teasers() -> None:
    """htmldate runs only on a page that is one article: a section front's dates are its
    teasers', not its own. The same teaser as the page's one `<article>` is dated."""
    teaser = (
        "<div class='teaser'><h2><a href='/a'>Blinken meets Qin Gang</a></h2>"
        "<span class='date'>June 18, 2023</span><p>Talks in Beijing.</p></div>"
    )
    front = f"<html><head><title>World</title></head><body>{teaser * 3}</body></html>"
    assert extract_article(front, "http://example.com/world/").published is None
    single = f"<html><head><title>World</title></head><body><article>{teaser}</article></body>"
    assert extract_article(single, "http://example.com/world/").published == "2023-06-18"


STORY = (
    "<p>Nothing much happened in the town on Sunday, the mayor said, and the council agreed "
    "that this was, on balance, good news for everyone who lives along the river.</p>"
)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("<div>By <a href='/p/jd'>Jane Doe</a>, Staff Writer | May 6, 2024</div>", ["Jane Doe"]),
        (
            "<p>(Reporting by Jane Doe and John Roe; Editing by Ann Poe)</p>",
            ["Jane Doe", "John Roe"],
        ),
        ("<div><!-- byline -->By Jane Doe</div>", ["Jane Doe"]),  # the text after a comment
        ("<p>Von Montag, den 6. Mai an gilt der neue Fahrplan.</p>", []),  # no one's byline
        ("<a href='/other-story'>Another story <span>By Ann Poe</span></a>", []),  # a teaser's
    ],
)
def test_bylines_in_running_text(byline: str, authors: list[str]) -> None:
    """A byline without markup of its own is read from a short line that starts like one,
    outside links; what it names besides full names (roles, degrees, labels) is no one."""
    html = f"<html><head><title>Quiet day</title></head><body>{byline}<article>{STORY}</article>"
    assert extract_article(html, "http://example.com/2024/05/06/quiet/").authors == authors


def test_labels_and_degrees_beside_names_are_no_authors() -> None:
    links = "".join(
        f"<a rel='author' href='/a'>{text}</a>" for text in ("Jane Doe", "Posts", "Bio")
    )
    meta = "<meta name='author' content='Jane Doe, MD, Northeast Ohio Media Group'>"
    for head, body in ((meta, ""), ("", links)):
        html = f"<html><head>{head}</head><body>{body}<article>{STORY}</article></body></html>"
        assert extract_article(html, "http://example.com/2024/05/06/q/").authors == ["Jane Doe"]


@pytest.mark.parametrize("html", ["", "   ", '<?xml version="1.0" encoding="utf-8"?>'])
def test_empty_pages_give_an_empty_article(html: str) -> None:
    assert extract_article(html, "http://example.com/") == Article(url="http://example.com/")


def test_xml_declaration_does_not_stop_parsing() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + page("reuters").html
    assert extract_article(html, page("reuters").url).body == extracted("reuters").body


def test_a_lede_kept_apart_from_the_text_is_the_bodys_start() -> None:
    """A summary block before the block that trafilatura's selectors name ("article-text")
    opens the body; a picture's credit inside it does not."""
    lede = [
        f"Summary paragraph {n} of the story, kept by the CMS in a block of its own before the"
        " rest of the text, and long enough to be a paragraph of the article itself."
        for n in (1, 2)
    ]
    text = [
        f"Paragraph {n} of the rest of the text, in the block the theme names article-text,"
        " long enough to be part of the article that the page was written to show."
        for n in range(3, 7)
    ]
    html = (
        "<html><body><article><h1>A headline</h1><div class='article-summary'>"
        "<figure><img src='/a.jpg'><p>Photo: Agency</p></figure>"
        + "".join(f"<p>{p}</p>" for p in lede)
        + "</div><div class='article-text'>"
        + "".join(f"<p>{p}</p>" for p in text)
        + "</div></article></body></html>"
    )
    assert extract_article(html, "https://site.example/a/").body.split("\n\n") == lede + text


@pytest.mark.parametrize(
    ("title", "site", "h1", "expected"),
    [
        # A site's name with a place, after a separator only a site's name follows.
        (
            "Flood warning for river towns » Local » News » Ultima Hora Mallorca",
            "Ultima Hora",
            None,
            "Flood warning for river towns",
        ),
        (
            "Flood warning for river towns -- Sott.net",
            "Sott.net",
            None,
            "Flood warning for river towns",
        ),
        # A headline's own words after " - " or ": " that start with the site's name.
        (
            "Euro zone growth to stay sluggish - Reuters poll",
            "Reuters",
            None,
            "Euro zone growth to stay sluggish - Reuters poll",
        ),
        ("Obituaries » Jane Doe » Example Times", "Example Times", None, "Obituaries » Jane Doe"),
        # The <h1>'s apostrophe where it is the headline character for character; not its
        # capitals.
        ("Faker's fourth title", "ONE Esports", "Faker’s fourth title", "Faker’s fourth title"),
        ("Storm hits the coast", "Example", "STORM HITS THE COAST", "Storm hits the coast"),
    ],
)
def test_titles(title: str, site: str, h1: str | None, expected: str) -> None:
    heading = f"<h1>{h1}</h1>" if h1 else ""
    page = (
        f'<html><head><meta name="dc.title" content="{title}">'
        f'<meta property="og:site_name" content="{site}"></head>'
        f"<body>{heading}<p>Text.</p></body></html>"
    )
    assert extract_article(page, "https://news.example/a").title == expected


HEADLINE = "Food delivery service confirms its exit from Denmark"


@pytest.mark.parametrize(
    ("title", "banner", "heading", "expected"),
    [
        # The blog's name after the headline, or before it, in an <h1> that links home;
        # the post's headline in a lesser heading.
        (f"{HEADLINE} - Revue en VO", "Revue en VO", f"<h2>{HEADLINE}</h2>", HEADLINE),
        (
            f"Gozide Matbuat - {HEADLINE}",
            "Gozide Matbuat",
            f"<h2><a href='/post/412'>{HEADLINE}</a></h2>",
            HEADLINE,
        ),
        # No heading shows the headline: the banner's name leaves the title.
        (f"{HEADLINE} | Språkcafé Norrbacka", "Språkcafé Norrbacka", "", HEADLINE),
        # A banner that is the site's name, in a title without one, changes nothing.
        (HEADLINE, "Revue en VO", "", HEADLINE),
    ],
)
def test_a_banner_linking_home_is_no_headline(
    title: str, banner: str, heading: str, expected: str
) -> None:
    """A blog's banner is an `<h1>` that links to the front page, and the `<title>` holds its
    name (`<h1>` and title, "one holding the other", would make it the headline)."""
    page = (
        f"<html><head><title>{title}</title></head><body><header><h1>"
        f"<a href='https://blog.example/'>{banner}</a></h1></header><article>{heading}"
        "<p>Text of the post.</p></article></body></html>"
    )
    assert extract_article(page, "https://blog.example/2024/04/28/post/").title == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://blog.example/2024/04/28/post/",
        # The post's second page and its comments' link up to it, one folder (review 10).
        "https://blog.example/2024/04/28/post/comment-page-2/",
        "https://blog.example/2024/04/28/post/2/",
    ],
)
def test_a_headline_linking_to_its_own_page_is_the_headline(url: str) -> None:
    """An `<h1>` that links to the post itself is no banner."""
    page = (
        f"<html><head><title>{HEADLINE} - Revue en VO</title></head><body><article><h1>"
        f"<a href='https://blog.example/2024/04/28/post/'>{HEADLINE}</a></h1>"
        "<p>Text of the post.</p></article></body></html>"
    )
    assert extract_article(page, url).title == HEADLINE


_STORY = "<p>" + "The council voted on Thursday to widen the road and add new bike lanes. " * 8
_STORY += "</p>"


def _ld(node: dict[str, object]) -> str:
    return f"<script type='application/ld+json'>{json.dumps(node)}</script>"


def _page(head: str, h1: str) -> str:
    body = f"<article><h1>{h1}</h1>{_STORY * 3}</article>"
    return f"<html lang='en'><head>{head}</head><body>{body}</body></html>"


def test_the_h1_showing_the_whole_headline_beats_a_shorter_og_title() -> None:
    """og:title shortens a headline with a tail ("X - webpack - Medium") only when no <h1>
    shows the headline whole: " - Reuters poll" is the headline's own."""
    headline = "Euro zone growth to stay sluggish - Reuters poll"
    head = "<meta property='og:title' content='Euro zone growth to stay sluggish'>"
    head += _ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline})
    assert extract_article(_page(head, headline), "https://news.example/a").title == headline


def test_a_name_of_one_word_twice_is_a_name() -> None:
    """Only a name of two words or more shown twice in a row is said once: "Li Li" stays."""
    people = [{"@type": "Person", "name": n} for n in ("Li Li", "John Smith")]
    node = {"@context": "https://schema.org", "@type": "NewsArticle", "author": people}
    article = extract_article(_page(_ld(node), "Trade talks resume"), "https://news.example/a")
    assert article.authors == ["Li Li", "John Smith"]


def test_a_review_widget_gives_way_to_the_article() -> None:
    """A Review node before the NewsArticle (a testimonial widget) is not the page's story."""
    review = {"@context": "https://schema.org", "@type": "Review", "datePublished": "2019-06-02"}
    review["author"] = {"@type": "Person", "name": "Maria Lopez"}
    story = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bike lanes"}
    story |= {"datePublished": "2024-05-03T08:00:00-04:00", "author": "Tom Reed"}
    article = extract_article(_page(_ld(review) + _ld(story), "Bike lanes"), "https://x.example/a")
    assert (article.authors, article.published) == (["Tom Reed"], "2024-05-03T08:00:00-04:00")
