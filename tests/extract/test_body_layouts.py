"""Bodies on layouts trafilatura alone reads wrong: short lines outside the article's
region, an article in a table cell, an article quoted in a forum's <aside>s."""

from __future__ import annotations

import gzip
import html
import json

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.body import _entry_headings
from newscrawl.extract.forwarded import forwarded_only
from newscrawl.extract.region import article_region
from newscrawl.extract.rows import rejoined
from newscrawl.extract.tree import parse_html
from tests.extract.cms_pages import DATA, Case, articles, cases, judge

ARTICLE = articles("cms")[0]
URL = "https://blog.example/2024/04/28/the-story/"
FUNDUS_EXPECTED = DATA / "fundus" / "expected.json"


def _ps(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def test_short_lines_after_the_article_and_outside_it_go() -> None:
    half = len(ARTICLE.paragraphs) // 2
    page = (
        "<html><body><div class='a'><p class='b'>Member-only story</p><p>1.2K</p>"
        f"<h1>{html.escape(ARTICLE.title)}</h1></div>"
        f"<section><div class='c'>{_ps(ARTICLE.paragraphs[:half])}</div>"
        f"<div class='c'>{_ps(ARTICLE.paragraphs[half:])}<p>Short closing line.</p></div>"
        "</section><div class='d'><p>4.1K Followers</p><p>Written by Ana Ruiz</p>"
        "<p>Former wire editor, now writing about ports.</p><p>Hana Lisk</p>"
        "<p>Clear and careful. Thanks.</p></div></body></html>"
    )
    body = extract_article(page, URL).body.split("\n\n")
    assert body == [*ARTICLE.paragraphs, "Short closing line."]


def test_lines_are_kept_where_the_article_has_no_region_of_its_own() -> None:
    """Long paragraphs spread over the whole page (a comment as long as the article's)
    give no region smaller than the body: nothing is dropped."""
    tree = parse_html(
        "<html><body><div><p>" + "a" * 200 + "</p><p>Tail line.</p></div>"
        "<div><p>" + "b" * 200 + "</p></div><p>Other line.</p></body></html>"
    )
    assert tree is not None
    paragraphs = ["a" * 200, "Tail line.", "b" * 200, "Other line."]
    assert article_region(tree, paragraphs) is None


def test_an_article_in_a_table_cell_keeps_its_paragraphs() -> None:
    """trafilatura writes a layout table as rows, the article's cell as one line: the cell's
    own paragraphs are taken instead."""
    page = (
        "<html><body><table><tr><td class='left'><table><tr><th>News feed</th></tr>"
        "<tr><td><a href='/a'>A ferry fare rise from June</a></td></tr></table></td>"
        f"<td class='main'><h1>{html.escape(ARTICLE.title)}</h1>{_ps(ARTICLE.paragraphs)}"
        "</td><td class='right'>Weather 21°C</td></tr></table></body></html>"
    )
    assert extract_article(page, URL).body.split("\n\n") == list(ARTICLE.paragraphs)


@pytest.mark.parametrize("source", [a.source for a in articles("cms26")])
def test_an_article_between_brs_in_a_diarys_post_keeps_its_paragraphs(source: str) -> None:
    """A diary platform's post sits in a layout table's cell beside the profile column, its
    message written between `<br>`s in a block inside the post's wrapper (LiveInternet):
    trafilatura writes the table as one row; the message's lines are taken instead."""
    article = next(a for a in articles("cms26") if a.source == source)
    case = Case("cms26", "liveinternet_ru", article)
    assert judge(extract_article(case.page(), case.url).body, case).lines_lost == []


def test_an_article_quoted_in_asides_is_kept() -> None:
    """A forum thread quotes the article it shares in `<aside class="quote">`s (one a post,
    Discourse's markup), which trafilatura drops: the quotes of the main block's class are
    kept, a reply's quote of another class is not."""
    article = next(a for a in articles("cms6") if a.source == "de_AFPFaktencheck")
    case = Case("cms6", "discourse_topic", article)
    assert judge(extract_article(case.page(), case.url).body, case).lines_lost == []


@pytest.mark.parametrize("source", [a.source for a in articles("cms7")])
def test_a_listicles_items_keep_their_paragraphs(source: str) -> None:
    """trafilatura writes each list item as one line: the paragraphs of every item body of
    the main block's class are the article (specifications and price boxes are not)."""
    case = next(
        c
        for c in cases("cms7")
        if c.template == "listicle_affiliate" and c.article.source == source
    )
    verdict = judge(extract_article(case.page(), case.url).body, case)
    assert (verdict.chrome_left, verdict.lines_lost) == ([], [])


@pytest.mark.parametrize("source", [a.source for a in articles("cms7")])
def test_a_live_blogs_entries_are_no_list_of_other_stories(source: str) -> None:
    """Each entry opens with its permalink ("?page=with:block-1#block-1", "1h ago 13.10
    BST"): a link to this page, not to another story."""
    case = next(
        c for c in cases("cms7") if c.template == "liveblog_pinned" and c.article.source == source
    )
    assert judge(extract_article(case.page(), case.url).body, case).lines_lost == []


def test_a_gallerys_captions_are_its_article() -> None:
    """trafilatura drops <figure>s and <figcaption>s, and elements of a class "*caption*":
    where the captions of one class hold the article's paragraphs, they are kept."""
    case = next(
        c
        for c in cases("cms7")
        if c.template == "gallery_captions" and c.article.source == "be_PoliticoEu"
    )
    assert judge(extract_article(case.page(), case.url).body, case).lines_lost == []


def test_a_summary_of_the_sections_first_sentences_is_no_glued_row() -> None:
    """Habertürk's standfirst strings together each section's first sentence: it holds two
    of the article's paragraphs, but not one right after the other, and the output stays."""
    expected = next(
        e for e in json.loads(FUNDUS_EXPECTED.read_text("utf-8")) if "Haberturk" in e["file"]
    )
    page = gzip.decompress((FUNDUS_EXPECTED.parent / expected["file"]).read_bytes())
    body = extract_article(page.decode("utf-8"), expected["url"]).body
    assert expected["body"].split("\n")[0] in body.splitlines()


@pytest.mark.parametrize("source", [a.source for a in articles("cms6")])
def test_a_threads_posts_are_no_list_of_teasers(source: str) -> None:
    """A Mastodon thread's posts are blocks of one template, each opening with a link to a
    page of its own, like a list of teasers; but each holds paragraphs of its own."""
    case = next(
        c for c in cases("cms6") if c.template == "mastodon_thread" and c.article.source == source
    )
    assert judge(extract_article(case.page(), case.url).body, case).lines_lost == []


def test_an_article_shown_in_an_iframe_srcdoc_is_read() -> None:
    """A newsletter archive shows the sent e-mail, and so the article, only inside an
    `<iframe srcdoc>`: its document is read where the frame is."""
    mail = f"<html><body><h2>{html.escape(ARTICLE.title)}</h2>{_ps(ARTICLE.paragraphs)}</body>"
    page = (
        "<html><body><header><a href='/archive'>All issues</a></header>"
        f"<h1>{html.escape(ARTICLE.title)}</h1>"
        f"<iframe title='Email content' srcdoc='{html.escape(mail)}'></iframe></body></html>"
    )
    assert extract_article(page, URL).body.split("\n\n") == list(ARTICLE.paragraphs)


def test_a_broken_srcdoc_is_left_alone() -> None:
    tree = parse_html("<html><body><p>Text.</p><iframe srcdoc=''></iframe></body></html>")
    assert tree is not None
    assert [e.tag for e in tree.find("body")] == ["p", "iframe"]


def test_a_short_lede_in_a_block_named_intro_is_kept() -> None:
    """K2 and Drupal keep the lede in an intro field before the text, a sentence too short
    to pass for the article's: the block's name says it is the article's."""
    lede = "Flood defences held overnight in the lower town."
    page = (
        "<html><body><div class='itemView'><div class='itemBody'><div class='itemIntroText'>"
        f"<p>{lede}</p></div><div class='itemFullText'>{_ps(ARTICLE.paragraphs)}</div>"
        "</div></div></body></html>"
    )
    assert extract_article(page, URL).body.split("\n\n") == [lede, *ARTICLE.paragraphs]


def test_a_short_paragraph_before_the_article_in_a_box_stays_out() -> None:
    note = "This summary was written with the help of AI."
    page = (
        f"<html><body><article><div class='summary-box'><p>{note}</p></div>"
        f"<div class='article-body'>{_ps(ARTICLE.paragraphs)}</div></article></body></html>"
    )
    assert extract_article(page, URL).body.split("\n\n") == list(ARTICLE.paragraphs)


def test_an_article_continued_in_the_posters_comment_is_read_to_its_end() -> None:
    """A forum post cut at its length limit says so, and the rest of the article is the
    first comment long enough to hold it (a bot's short notice before it is passed over)."""
    half = len(ARTICLE.paragraphs) // 2
    page = (
        "<html><body><div class='post'><div class='text'>"
        f"{_ps(ARTICLE.paragraphs[:half])}<p>(continued in the next post, length limit)</p>"
        "</div></div><section class='comments'><div class='comment'><div class='body'>"
        "<p>I am a bot. Please keep posts on topic, and link to the source where you can."
        " Contact the moderators with any questions you may have about this.</p></div></div>"
        f"<div class='comment'><div class='body'>{_ps(ARTICLE.paragraphs[half:])}</div></div>"
        "<div class='comment'><div class='body'><p>Thanks for posting.</p></div></div>"
        "</section></body></html>"
    )
    assert extract_article(page, URL).body.split("\n\n") == list(ARTICLE.paragraphs)


@pytest.mark.parametrize("source", ["tw_TaipeiTimes", "es_ElDiario"])
def test_an_article_whose_longer_part_is_the_next_post_loses_no_line(source: str) -> None:
    """A Discourse thread: the article's longer part, in the second post's quote, is the
    main block, and trafilatura takes the first post's; the note closing the first post
    says the article goes on there."""
    case = next(c for c in cases("cms6") if c.id == f"cms6/discourse_topic/{source}")
    assert judge(extract_article(case.page(), case.url).body, case).lines_lost == []


def test_a_paragraph_set_as_a_pullquote_inside_the_article_is_kept() -> None:
    """WordPress's pullquote block is a <figure>, which trafilatura drops with what it holds:
    one inside the article holding a whole paragraph of it is read."""
    inner = f"<figure class='wp-block-pullquote'><blockquote>{_ps(ARTICLE.paragraphs[3:4])}"
    page = (
        f"<html><body><article class='post'><div class='entry-content'>"
        f"{_ps(ARTICLE.paragraphs[:3])}{inner}</blockquote></figure>"
        f"{_ps(ARTICLE.paragraphs[4:])}</div></article></body></html>"
    )
    assert extract_article(page, URL).body.split("\n\n") == list(ARTICLE.paragraphs)


def test_a_gallerys_short_captions_are_read_with_its_long_ones() -> None:
    """A photo gallery's slides are <figure>s of one class, its story in their captions: a
    slide whose caption is one short sentence is read like the long ones."""
    slides = [ARTICLE.paragraphs[:2], ("A short caption line.",), ARTICLE.paragraphs[2:]]
    figures = "".join(
        f"<figure class='slide'><img src='/{i}.jpg'><figcaption>{_ps(texts)}</figcaption></figure>"
        for i, texts in enumerate(slides)
    )
    page = f"<html><body><div class='gallery'>{figures}</div></body></html>"
    expected = [*ARTICLE.paragraphs[:2], "A short caption line.", *ARTICLE.paragraphs[2:]]
    assert extract_article(page, URL).body.split("\n\n") == expected


def test_a_quotes_citation_does_not_run_into_its_first_line() -> None:
    """phpBB writes "X wrote:" in a `<cite>` right before the quoted text's first line."""
    lines = "<br>".join(html.escape(p) for p in ARTICLE.paragraphs)
    page = (
        "<html><body><div class='post'><div class='content'><blockquote><div>"
        f"<cite>Original Example wrote:</cite>{lines}</div></blockquote></div></div>"
        "</body></html>"
    )
    body = extract_article(page, URL).body
    assert [p for p in ARTICLE.paragraphs if p not in body.splitlines()] == []


def test_an_article_quoted_whole_loses_the_hosts_prose_around_it() -> None:
    """A Q&A question pastes the article in two quotes between the asker's prose and
    questions (a list); only the quotes are the article."""
    page = (
        "<html><body><div class='post'>"
        "<p>I came across this and can't tell whether it is reporting or opinion, so here is"
        " the full text as the site is blocked where I live:</p>"
        f"<blockquote>{_ps(ARTICLE.paragraphs[:-3])}</blockquote>"
        "<p><em>(The quote got cut off when I pasted it, here's the rest.)</em></p>"
        f"<blockquote>{_ps(ARTICLE.paragraphs[-3:])}</blockquote>"
        "<p>My specific questions:</p><ul><li>Does the outlet have a stake in it?</li>"
        "<li>Could the quoted people's claims be checked?</li></ul></div></body></html>"
    )
    assert _lines(extract_article(page, URL).body) == list(ARTICLE.paragraphs)


def test_an_article_quoting_a_text_at_length_keeps_its_own_prose() -> None:
    """A report that quotes a blog post over most of its length (a third of it its own)
    is the reporter's article, introduction and closing note included."""
    own = ARTICLE.paragraphs[:3]
    quoted = ARTICLE.paragraphs[3:]
    assert sum(map(len, quoted)) < 0.75 * sum(map(len, ARTICLE.paragraphs))
    page = (
        f"<html><body><article>{_ps(own[:2])}<blockquote>{_ps(quoted)}</blockquote>"
        f"{_ps(own[2:])}</article></body></html>"
    )
    assert _lines(extract_article(page, URL).body) == [*own[:2], *quoted, *own[2:]]


def _lines(body: str) -> list[str]:
    """The body's lines (trafilatura writes a quote's paragraphs as one block's lines)."""
    return [line for line in body.splitlines() if line]


def test_an_article_forwarded_by_e_mail_is_read_between_headers_and_signature() -> None:
    """A mailing list's archive shows the message as lines between <br>s: the sender's
    note, the forwarded message's mark and headers, the article, the signature."""
    lines = [
        "Morning all,",
        "",
        "Sharing this in full, worth a read before the meeting.",
        "",
        "-------- Forwarded Message --------",
        f"Subject: {html.escape(ARTICLE.title)}",
        "Date: Sun, 28 Apr 2024 06:02:11 +0100",
        "From: Alerts &lt;alerts@original.example&gt;",
        "",
        *[html.escape(p) + "<br>" for p in ARTICLE.paragraphs],
        "-- ",
        "Priya Raman",
        "Deputy Foreign Editor, Harbourline Courier",
    ]
    page = (
        "<html><body><h1>[newsdesk-l] Fwd: story</h1>"
        f"<div class='email-body'>{'<br>'.join(lines)}</div></body></html>"
    )
    assert _lines(extract_article(page, URL).body) == list(ARTICLE.paragraphs)


def test_a_forwarded_mark_after_an_articles_worth_of_text_is_left_alone() -> None:
    paragraphs = [*ARTICLE.paragraphs[:3], "-------- Original Message --------", "From: A"]
    assert forwarded_only(paragraphs) == paragraphs


def test_an_article_over_layout_cells_keeps_the_cell_trafilatura_takes_for_a_sidebar() -> None:
    """A wiki page writes the text over layout sections of one cell class; the first is
    named "two-right-sidebar", which trafilatura discards with all it holds."""
    first, rest = ARTICLE.paragraphs[:3], ARTICLE.paragraphs[3:]
    page = (
        "<html><body><div class='wiki-content'>"
        "<div class='columnLayout two-right-sidebar'><div class='cell normal'>"
        f"<div class='innerCell'><h1>{html.escape(ARTICLE.title)}</h1>{_ps(first)}</div></div>"
        "<div class='cell aside'><div class='innerCell'><p>Filed by the desk.</p></div></div>"
        "</div><div class='columnLayout single'><div class='cell normal'>"
        f"<div class='innerCell'>{_ps(rest)}</div></div></div></div></body></html>"
    )
    lines = _lines(extract_article(page, URL).body)
    assert [p for p in ARTICLE.paragraphs if p not in lines] == []


def test_a_question_heading_before_the_articles_long_lines_is_no_label() -> None:
    """Short lines before the region of the long ones are labels ("Member-only story"),
    but a question the article asks as its first subheading is its text."""
    lede = ("A short opening line of the story.", "And a second one, just as short.")
    tree = parse_html(
        f"<html><body><div class='lede'><p>Exclusive</p>{_ps(lede)}<h2>Who is Nicole Slemp?</h2>"
        f"</div><div class='text'>{_ps(ARTICLE.paragraphs)}</div>"
        "<div class='bio'><p>Written by Ana Ruiz</p></div></body></html>"
    )
    assert tree is not None
    paragraphs = [
        "Exclusive",
        *lede,
        "Who is Nicole Slemp?",
        *ARTICLE.paragraphs,
        "Written by Ana Ruiz",
    ]
    region = article_region(tree, paragraphs)
    assert region is not None
    assert region.without_outside(paragraphs) == [
        *lede,
        "Who is Nicole Slemp?",
        *ARTICLE.paragraphs,
    ]


def test_an_article_around_a_layout_table_keeps_its_paragraphs_outside_it() -> None:
    """An autoblog sets the middle of the text in a layout table beside an ad cell:
    trafilatura writes the table as one row; the cell's paragraphs take its place, and the
    paragraphs before and after the table stay."""
    before, inside, after = (
        ARTICLE.paragraphs[:2],
        ARTICLE.paragraphs[2:-2],
        ARTICLE.paragraphs[-2:],
    )
    page = (
        f"<html><body><div class='entry-inner'><h1>{html.escape(ARTICLE.title)}</h1>"
        f"{_ps(before)}<table class='layout'><tr><td>{_ps(inside)}</td>"
        "<td class='side'><p>ADVERTISING</p><p>Advertise here from 5 € a day.</p></td></tr>"
        f"</table>{_ps(after)}</div></body></html>"
    )
    assert _lines(extract_article(page, URL).body) == list(ARTICLE.paragraphs)


def test_a_line_broken_at_its_links_is_put_back_in_one_piece() -> None:
    """trafilatura may write a `<br>` line's links each on a line of their own (a portal's
    text without `<p>`s): the line the main block shows is put back together."""
    first, second = ARTICLE.paragraphs[0], ARTICLE.paragraphs[1]
    words = first.split()
    linked = f"{' '.join(words[:1])} <a href='/a'>{words[1]}</a> {' '.join(words[2:])}"
    tree = parse_html(f"<html><body><div class='text'>{linked}<br><br>{second}</div></body></html>")
    assert tree is not None
    main = tree.find(".//div")
    broken = [words[0], words[1], " ".join(words[2:5]), " ".join(words[5:]), second]
    assert rejoined(["\n".join(broken)], main) == [f"{first}\n{second}"]
    assert rejoined([f"{first}\n{second}"], main) == [f"{first}\n{second}"]


@pytest.mark.parametrize(
    "footer",
    [
        "Ieraksts {title} pirmo reizi tika publicēts Harbour Gazette.",
        "Subject: {title}",
        "Marsh, H. (2024), '{title}', commentary, 28 April 2024.",
    ],
)
def test_a_line_naming_the_title_among_a_few_words_is_a_credit(footer: str) -> None:
    """A feed's footer in any language, a citation or a forwarded subject holds the page's
    title with a few words of its own: taken out of the text, kept among the credits."""
    line = " ".join(footer.format(title=ARTICLE.title).split())
    page = (
        f"<html><head><title>{html.escape(ARTICLE.title)}</title></head><body><article>"
        f"<h1>{html.escape(ARTICLE.title)}</h1>{_ps(ARTICLE.paragraphs)}"
        f"<p>{html.escape(line)}</p></article></body></html>"
    )
    article = extract_article(page, URL)
    assert _lines(article.body) == list(ARTICLE.paragraphs)
    assert line in article.credits


def test_a_long_line_quoting_the_title_is_the_texts() -> None:
    """A headline may be a phrase the article quotes ("WTF? What's the Future?" over "They
    are asking themselves “WTF? What's the Future?” ..."), or a work it reviews: kept."""
    title = "WTF? What's the Future?"
    said = (
        f"Many people reading the news are also asking themselves “{title}” but in a very"
        " different tone of voice, and with a sense of unease about their jobs."
    )
    paragraphs = [*ARTICLE.paragraphs[:2], said, *ARTICLE.paragraphs[2:]]
    page = (
        f"<html><head><title>{html.escape(title)}</title></head><body><article>"
        f"<h1>{html.escape(title)}</h1>{_ps(tuple(paragraphs))}</article></body></html>"
    )
    assert _lines(extract_article(page, URL).body) == paragraphs


LIVE = "https://original.example/live/"


@pytest.mark.parametrize(
    ("main", "paragraphs", "expected"),
    [
        # Put back before the next paragraph of the block, matched as a whole line.
        (
            "<p>The minister warned: Prices will rise.</p>"
            f'<p><a href="{LIVE}#minister-resigns-after-the-vote">Minister resigns after the'
            " vote</a></p><p>Prices will rise.</p>",
            ["The minister warned: Prices will rise.", "Prices will rise."],
            [
                "The minister warned: Prices will rise.",
                "Minister resigns after the vote",
                "Prices will rise.",
            ],
        ),
        # A list of such links is the key events', not a heading; a skip link is no heading.
        (
            f'<p><a href="{LIVE}#parliament-votes-on-the-budget">Parliament votes on the'
            f' budget today</a></p><p><a href="{LIVE}#minister-resigns-after-the-vote">'
            "Minister resigns after the vote</a></p>"
            '<p><a href="#comments">Jump to the comments section</a></p>'
            "<p>Live coverage of the day.</p>"
            f'<p><a href="{LIVE}#parliament-votes-on-the-budget">Parliament votes on the'
            " budget today</a></p><p>MPs voted at noon.</p>",
            ["Live coverage of the day.", "MPs voted at noon."],
            [
                "Live coverage of the day.",
                "Parliament votes on the budget today",
                "MPs voted at noon.",
            ],
        ),
    ],
)
def test_a_live_blogs_entry_heading_dropped_by_trafilatura_goes_back_in_its_place(
    main: str, paragraphs: list[str], expected: list[str]
) -> None:
    tree = parse_html(f"<html><body><div>{main}</div></body></html>")
    assert tree is not None
    assert _entry_headings(tree.find("body/div"), paragraphs) == expected


def _paragraphs(label: str, count: int) -> str:
    return "".join(
        f"<p>{label} paragraph {n}: a sentence long enough to be a paragraph of a story, with"
        " the details and the quotes a reporter gathers from the people involved, and what"
        " the officials who spoke on condition of anonymity said about it afterwards.</p>"
        for n in range(count)
    )


def test_the_next_story_of_an_endless_page_is_no_later_chunk() -> None:
    """Blocks of the main block's class after it are the article's later chunks only when
    no heading opens a wrapper of their own: the next story under its headline stays out,
    as does a "Recommended" section of the same markup."""
    page = (
        '<html lang="en"><head><title>Story A</title></head><body><div id="stream">'
        f'<div class="story"><h2>Story A</h2><div class="body-text">{_paragraphs("A", 4)}</div>'
        f'<div class="ad">Advertisement</div><div class="body-text">{_paragraphs("A2", 2)}</div>'
        f'</div><div class="story"><h2>Story B</h2><div class="body-text">{_paragraphs("B", 4)}'
        "</div></div></div></body></html>"
    )
    body = extract_article(page, "https://news.example/a").body
    assert "A2 paragraph 1" in body
    assert "B paragraph" not in body


def test_an_article_in_a_page_builders_widget_panels_keeps_every_panel() -> None:
    """SiteOrigin writes each text block as a "widget" panel, between other widgets: the
    panels around the article's text stay, a sidebar-like widget between them goes."""
    third = len(ARTICLE.paragraphs) // 3
    parts = (ARTICLE.paragraphs[:third], ARTICLE.paragraphs[third:-third])
    parts += (ARTICLE.paragraphs[-third:],)

    def panel(paragraphs: tuple[str, ...]) -> str:
        editor = f"<div class='so-widget-sow-editor'>{_ps(paragraphs)}</div>"
        return f"<div class='so-panel widget widget_sow-editor'>{editor}</div>"

    trending = (
        "<div class='so-panel widget widget_recent_entries'><h3>Trending on the Bulletin</h3>"
        "<ul><li><a href='/a/'>County fair returns after two-year break</a></li>"
        "<li><a href='/b/'>School board race draws five candidates</a></li></ul></div>"
    )
    page = (
        f"<html><body><h1>{html.escape(ARTICLE.title)}</h1><div class='panel-grid-cell'>"
        f"{panel(parts[0])}{trending}{panel(parts[1])}{panel(parts[2])}</div></body></html>"
    )
    assert extract_article(page, URL).body.split("\n\n") == list(ARTICLE.paragraphs)


@pytest.mark.parametrize(
    ("opener", "kept"),
    [
        ("<p>A military man in politics</p>", True),  # the story's subheading
        ("<p>Related coverage</p>", False),
        ("<p>MORE FROM THE BULLETIN</p>", False),
        ("<p><span style='font-weight:700'>Further reading</span></p>", False),
    ],
)
def test_a_short_paragraph_over_links_in_the_article_is_a_label_only_when_set_as_one(
    opener: str, kept: bool
) -> None:
    """Among the article's paragraphs, a plain short one before a run of link paragraphs is
    the story's subheading; one named or set as a label (capitals, bold) heads the list."""
    links = "".join(
        f"<p><a href='/{n}/'>Other story number {n} about the city council's budget</a></p>"
        for n in range(3)
    )
    half = len(ARTICLE.paragraphs) // 2
    text = _ps(ARTICLE.paragraphs[:half]) + opener + links + _ps(ARTICLE.paragraphs[half:])
    heading = f"<h1>{html.escape(ARTICLE.title)}</h1>"
    page = f"<html><body><article>{heading}{text}</article></body></html>"
    label = parse_html(opener)
    assert label is not None
    shown = " ".join(label.text_content().split())
    assert (shown in extract_article(page, URL).body.split("\n\n")) is kept


def test_the_last_chunk_after_a_related_box_keeps_its_short_paragraphs() -> None:
    """A text split into blocks of one class by a box of related stories: the last block's
    short paragraphs are the article's end, not lines outside its region."""
    lead = "<div class='lede'><p>Menu</p></div>"
    long = _ps(ARTICLE.paragraphs)
    box = (
        "<div class='in-story'><h3>Related coverage</h3><ul>"
        "<li><a href='/a/'>Statehouse passes a farm-tax freeze on the last day</a></li>"
        "<li><a href='/b/'>County fair board picks a new grandstand contractor</a></li></ul></div>"
    )
    end = (
        "6. The developer's debt equalled 1.6 per cent of the country's output at its peak.",
        "It was vilified by homeowners and fell from grace in China two years ago, in 2021.",
    )
    page = (
        f"<html><body>{lead}<article><h1>{html.escape(ARTICLE.title)}</h1>"
        f"<div class='article__text'>{long}</div>{box}"
        f"<div class='article__text'>{_ps(end)}</div></article>"
        "<footer><p>Spotted an error? Call the desk.</p></footer></body></html>"
    )
    assert extract_article(page, URL).body.split("\n\n")[-2:] == list(end)
