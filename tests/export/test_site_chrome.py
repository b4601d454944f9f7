"""Site chrome the extractor leaves in a body, found from the site's other pages
(`export/site_chrome.py`): the paragraphs a site repeats on three or more pages of other
texts leave the exported body for the `site_chrome` column; the article's own paragraphs
stay, even when the site posted the article three times or in several versions."""

from __future__ import annotations

import json
import sqlite3
from html import escape
from typing import TYPE_CHECKING

import pytest
import redis

from newscrawl.export.linked import export_linked
from newscrawl.export.site_chrome import without_site_chrome
from newscrawl.extract import extract_article
from newscrawl.items import Article
from newscrawl.provenance import link
from newscrawl.provenance.candidates import INDEX_FILE, CandidateIndex
from newscrawl.provenance.fingerprint import paragraphs
from newscrawl.provenance.stores import LINE_PAGES
from tests.conftest import run_newscrawl
from tests.extract.cms_pages import FOLDERS, HELD_OUT, cases, exported_bodies, judge
from tests.provenance.pseudo_news import prose
from tests.warcs import response

if TYPE_CHECKING:
    from pathlib import Path

# Lines a site writes into its posts' text, in the post's own markup (from real sites'
# habits: a reposter's preface, a tip line, an aside, a closing mark).
PREFACE = "Came across this report this week and thought it worth keeping, so here it is in full."
ASIDE = "A quick aside: I read this paragraph twice, the reporter keeps it admirably restrained."
TIP_LINE = (
    "Heb je een tip of zag je iets gebeuren? Mail naar tips@pitch-news.example of app ons via"
    " het tipnummer. Ook foto's en video's zijn welkom."
)
CLOSING = "—— 完 ——"
QUOTE = "“We will not back down,” Kalo said on Tuesday."  # the article's, and short


def post(title: str, text: str, *, site: str = "Pitch News") -> bytes:
    """A WordPress post whose theme puts the site's lines inside the entry content."""
    paras = [PREFACE, *text.split("\n\n")[:3], ASIDE, *text.split("\n\n")[3:], TIP_LINE, CLOSING]
    body = "".join(f"<p>{escape(p)}</p>\n" for p in paras)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} – {site}</title><meta property="og:type" content="article">
<meta property="og:title" content="{escape(title)}"></head>
<body class="single single-post"><header id="masthead"><a href="/">{site}</a>
<nav><a href="/news/">News</a> <a href="/about/">About</a></nav></header>
<main id="main"><article class="post type-post"><header class="entry-header">
<h1 class="entry-title">{escape(title)}</h1>
<time class="entry-date" datetime="2024-04-28T09:00:00+00:00">April 28, 2024</time></header>
<div class="entry-content">
{body}</div></article></main>
<footer id="colophon"><p>© 2024 {site}. All rights reserved.</p></footer></body></html>""".encode()


def exported(tmp_path: Path, pages: dict[str, bytes]) -> dict[str, dict[str, object]]:
    archive = tmp_path / "archives"
    archive.mkdir()
    warc = b"".join(response(url, page) for url, page in pages.items())
    (archive / "crawl-1.warc.gz").write_bytes(warc)
    export_linked([str(archive)], tmp_path / "dataset", drop_site_chrome=True)
    lines = (tmp_path / "dataset" / "articles.jsonl").open(encoding="utf-8")
    return {row["url"]: row for row in map(json.loads, lines)}


def test_paragraphs_a_site_repeats_leave_the_body_and_the_article_stays(tmp_path: Path) -> None:
    stories = {f"http://pitch-news.com/2024/04/story-{n}/": prose(f"story{n}") for n in range(4)}
    repost = prose("repost").replace("\n\n", f"\n\n{QUOTE}\n\n", 1)  # posted three times
    stories |= {f"http://pitch-news.com/2024/04/repost{'-' * n}/": repost for n in range(1, 4)}
    alone = {"http://other-news.com/2024/04/story/": prose("other")}  # its site's only page
    pages = {url: post(f"Story {n}", text) for n, (url, text) in enumerate(stories.items())}
    pages |= {url: post("Other", text, site="Other News") for url, text in alone.items()}
    rows = exported(tmp_path, pages)
    assert set(rows) == set(pages)
    for url, text in stories.items():
        body = str(rows[url]["body"]).split("\n\n")
        assert rows[url]["site_chrome"] == [PREFACE, ASIDE, TIP_LINE, CLOSING]
        assert body == text.split("\n\n")  # every paragraph, QUOTE included, in order
    body = str(rows[next(iter(alone))]["body"])
    assert rows[next(iter(alone))]["site_chrome"] == []
    assert all(line in body for line in (PREFACE, ASIDE, TIP_LINE))


def test_the_body_keeps_site_chrome_unless_asked_to_drop_it(tmp_path: Path) -> None:
    """By default the export only lists the site's repeated paragraphs; with
    `--drop-site-chrome` they leave the body."""
    texts = {f"http://pitch-news.com/2024/04/story-{n}/": prose(f"flag{n}") for n in range(4)}
    archive = tmp_path / "archives"
    archive.mkdir()
    warc = b"".join(response(url, post(url, text)) for url, text in texts.items())
    (archive / "crawl-1.warc.gz").write_bytes(warc)
    for flags, dropped in (((), False), (("--drop-site-chrome",), True)):
        out = tmp_path / f"dataset-{dropped}"
        done = run_newscrawl("export", str(archive), "--out", str(out), *flags, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        for row in map(json.loads, (out / "articles.jsonl").open(encoding="utf-8")):
            assert row["site_chrome"] == [PREFACE, ASIDE, TIP_LINE, CLOSING]
            assert (TIP_LINE in row["body"]) is not dropped
            assert texts[row["url"]].split("\n\n")[0] in row["body"]


def test_versions_of_one_story_keep_their_paragraphs(tmp_path: Path) -> None:
    """A story at several URLs of one site, not all the same text (the AMP and mobile pages,
    one a paragraph short; an update at a new URL with a paragraph more) and a background
    paragraph two other stories repeat: only the site's chrome leaves their bodies."""
    story = prose("wire").split("\n\n")
    background = prose("background", paragraphs=1)
    versions = {
        "https://www.pitch-news.com/2024/04/wire/": story,
        "https://www.pitch-news.com/amp/2024/04/wire/": story,
        "https://m.pitch-news.com/2024/04/wire/": story[:2] + story[3:],
        "https://www.pitch-news.com/2024/04/wire-update/": [*story, prose("update", 1)],
    }
    others = {
        f"https://www.pitch-news.com/2024/04/other-{n}/": prose(f"other{n}").split("\n\n")
        for n in range(3)
    }
    others = {url: [*text[:2], background, *text[2:]] for url, text in others.items()}
    texts = {url: "\n\n".join(paras) for url, paras in (versions | others).items()}
    rows = exported(tmp_path, {url: post(url, text) for url, text in texts.items()})
    for url, text in texts.items():
        assert rows[url]["site_chrome"] == [PREFACE, ASIDE, TIP_LINE, CLOSING]
        assert str(rows[url]["body"]).split("\n\n") == text.split("\n\n")


def test_a_text_seen_at_three_urls_counts_once(tmp_path: Path) -> None:
    """A breaking brief and a noon version, each at its desktop, AMP and mobile URLs, then
    the full story and the evening write-through, which keep their paragraphs; and three
    stories, each at three URLs, whose ledes a briefing quotes. The three URLs of one text
    share its words and count as one page of another text; the brief, whose words are all
    in the full story, is a part of its text, not another."""
    story = prose("crypto", paragraphs=16).split("\n\n")
    noon = prose("noon", paragraphs=12).split("\n\n")
    evening = [*prose("evening", paragraphs=12).split("\n\n"), *noon[9:]]
    stories = [prose(f"lede{n}", paragraphs=8).split("\n\n") for n in range(3)]
    briefing = [*prose("briefing", paragraphs=6).split("\n\n"), *(t[0] for t in stories)]
    texts = {
        "https://www.pitch-news.com/2024/04/crypto/": story,
        "https://www.pitch-news.com/2024/04/evening/": evening,
        "https://www.pitch-news.com/2024/04/briefing/": briefing,
    }
    for name, text in [("breaking", story[:3]), ("noon", noon)] + [
        (f"lede{n}", text) for n, text in enumerate(stories)
    ]:
        for url in (
            "https://www.pitch-news.com/{}/",
            "https://www.pitch-news.com/amp/{}/",
            "https://m.pitch-news.com/{}/",
        ):
            texts[url.format(f"2024/04/{name}")] = text
    rows = exported(tmp_path, {url: post(url, "\n\n".join(t)) for url, t in texts.items()})
    for url, text in texts.items():
        assert rows[url]["site_chrome"] == [PREFACE, ASIDE, TIP_LINE, CLOSING], url
        assert str(rows[url]["body"]).split("\n\n") == text, url


def test_a_paragraph_found_by_one_text_stays_on_the_sites_other_pages(tmp_path: Path) -> None:
    """Six warning briefs share the weather service's two lines; one storm story quoting
    them, at its desktop, AMP and mobile URLs, finds them on six other texts. Three URLs of
    one text finding them do not make them the site's chrome on the briefs (three other
    stories show the site's chrome on them)."""
    warning = [prose("warning", paragraphs=1), prose("take-cover", paragraphs=1)]
    briefs = {
        f"https://www.pitch-news.com/2024/04/warning-{n}/": [
            *prose(f"county{n}", 3).split("\n\n"),
            *warning,
        ]
        for n in range(6)
    }
    story = prose("storms", paragraphs=12).split("\n\n")
    story = [*story[:6], *warning, *story[6:]]
    urls = (
        "https://www.pitch-news.com/{}/",
        "https://www.pitch-news.com/amp/{}/",
        "https://m.pitch-news.com/{}/",
    )
    others = {
        f"https://www.pitch-news.com/2024/04/other-{n}/": prose(f"other{n}").split("\n\n")
        for n in range(3)
    }
    texts = briefs | others | {url.format("2024/04/storms"): story for url in urls}
    rows = exported(tmp_path, {url: post(url, "\n\n".join(t)) for url, t in texts.items()})
    for url, text in briefs.items():
        assert rows[url]["site_chrome"] == [PREFACE, ASIDE, TIP_LINE, CLOSING], url
        assert str(rows[url]["body"]).split("\n\n") == text, url


def test_a_quote_three_follow_ups_repeat_stays(tmp_path: Path) -> None:
    """A story's quote and lede, repeated by three follow-ups (each where its own text puts
    them): the site repeats them on other texts, but not at its template's places."""
    story = prose("statement", paragraphs=10).split("\n\n")
    quote, lede = story[4], story[0]
    texts = {"https://www.pitch-news.com/2024/04/statement/": story}
    for n in range(3):
        own = prose(f"follow{n}", paragraphs=9).split("\n\n")
        own.insert(2 + 2 * n, quote)
        own.insert(6 - n, lede)
        texts[f"https://www.pitch-news.com/2024/04/follow-up-{n}/"] = own
    rows = exported(tmp_path, {url: post(url, "\n\n".join(t)) for url, t in texts.items()})
    for url, text in texts.items():
        assert rows[url]["site_chrome"] == [PREFACE, ASIDE, TIP_LINE, CLOSING], url
        assert str(rows[url]["body"]).split("\n\n") == text, url


def test_a_line_naming_each_story_in_the_sites_words_leaves_the_body(tmp_path: Path) -> None:
    """A curation site's note on each story it reposts holds the story's title, so no two
    pages hold the same line; with the title left out, the lines of three stories read
    alike. A line naming the story in its own words stays, on all its versions (one
    title)."""
    # Without quote marks: a long line quoting the title is the extractor's to drop.
    note = (
        "Curator's note: {} was picked up by our feed this morning; we show it in full"
        " because our readers asked for it, and the original stays with its publisher."
    )
    own = (
        "Why {} matters: the council meets again on Friday, and the vote it takes there"
        " will settle the question for the next ten years at least."
    )
    texts = {
        f"https://www.pitch-news.com/2024/04/story-{n}/": (f"Story number {n} of the day", n)
        for n in range(4)
    }
    urls = (
        "https://www.pitch-news.com/{}/",
        "https://www.pitch-news.com/amp/{}/",
        "https://m.pitch-news.com/{}/",
    )
    texts |= {url.format("2024/04/versions"): ("The one story seen three times", 9) for url in urls}
    pages = {}
    for url, (title, n) in texts.items():
        paras = [note.format(title), *prose(f"naming{n}").split("\n\n")]
        paras.insert(2, own.format(title) if n == 9 else prose(f"other{n}", paragraphs=1))
        pages[url] = post(title, "\n\n".join(paras))
    rows = exported(tmp_path, pages)
    for url, (title, _) in texts.items():
        chrome = [PREFACE, note.format(title), ASIDE, TIP_LINE, CLOSING]
        assert rows[url]["site_chrome"] == chrome, url
    for url in urls:
        assert own.format("The one story seen three times") in str(
            rows[url.format("2024/04/versions")]["body"]
        )


def test_lines_naming_other_stories_that_the_extractor_took_out_count() -> None:
    """A line naming the story that the extractor took out of three other pages' text (their
    titles long enough to quote) leaves the body of the page that kept it (a short title):
    the extractor and the site's pass do not split the count between them."""
    note = "Curator's note: «{}» was picked up by our feed this morning, shown in full."
    long_titles = [f"Harbour story number {n} of the day" for n in range(3)]
    pages = [
        Article(
            url=f"https://www.pitch-news.com/2024/04/story-{n}/",
            title=title,
            body=prose(f"credited{n}"),
            credits=[note.format(title)],
        )
        for n, title in enumerate(long_titles)
    ]
    kept = note.format("Port strike ends")
    pages.append(
        Article(
            url="https://www.pitch-news.com/2024/04/story-3/",
            title="Port strike ends",
            body=f"{prose('credited3')}\n\n{kept}",
        )
    )
    body, chrome = without_site_chrome(pages, CandidateIndex())[3]
    assert (kept in body, chrome) == (False, [kept])
    for n in (1, 2):  # named on two pages of the site only, its own among them
        pages[n] = Article(url=pages[n].url, title=pages[n].title, body=pages[n].body)
    body, chrome = without_site_chrome(pages, CandidateIndex())[3]
    assert (kept in body, chrome) == (True, [])


def test_a_line_four_stories_repeat_at_one_place_stays_where_others_put_it(
    tmp_path: Path,
) -> None:
    """Eight stories repeat a background line; four put it at the same place, by chance, and
    find it there on three other texts. The other four, which put it elsewhere and can tell
    their own text, keep it."""
    background = prose("background", paragraphs=1)
    texts = {}
    for n, at in enumerate([6, 6, 6, 6, 1, 2, 3, 4]):
        paras = prose(f"chance{n}", paragraphs=8).split("\n\n")
        paras.insert(at, background)
        texts[f"https://www.pitch-news.com/2024/04/chance-{n}/"] = paras
    rows = exported(tmp_path, {url: post(url, "\n\n".join(t)) for url, t in texts.items()})
    for url, text in list(texts.items())[4:]:
        assert rows[url]["site_chrome"] == [PREFACE, ASIDE, TIP_LINE, CLOSING], url
        assert str(rows[url]["body"]).split("\n\n") == text, url


def test_a_long_paragraph_in_chinese_or_japanese_is_no_chrome(tmp_path: Path) -> None:
    """A run of Japanese characters is one token to the fingerprints; the length that keeps
    a long paragraph out of the site's chrome counts two characters as a word."""
    background = [
        "政府は昨年、首都圏の電力需給が逼迫した際に節電要請を初めて発令し、企業や家庭に対して"
        "冷房の設定温度を上げるよう呼びかけたが、その効果については専門家の間でも評価が分かれて"
        "おり、今年の夏に向けた対策の見直しが急がれている。",
        "経済産業省によると、老朽化した火力発電所の休止が相次いだことで供給力の余裕が縮小し、"
        "気温が平年を大きく上回る日が続けば再び需給が厳しくなる恐れがあるという。同省は電力"
        "各社に対し、発電所の点検時期を分散させるよう求めている。",
    ]
    texts = {
        f"https://www.pitch-news.jp/2024/04/follow-{n}/": [
            *prose(f"jp{n}").split("\n\n"),
            *background,
        ]
        for n in range(4)
    }
    rows = exported(tmp_path, {url: post(url, "\n\n".join(t)) for url, t in texts.items()})
    for url, text in texts.items():
        assert rows[url]["site_chrome"] == [PREFACE, ASIDE, TIP_LINE, CLOSING], url
        assert str(rows[url]["body"]).split("\n\n") == text, url


def test_a_short_pages_chrome_is_known_from_its_sites_longer_pages(tmp_path: Path) -> None:
    """On a brief the site's chrome is most of the words, so the pages holding it look like
    versions of its text; the site's longer pages show it is chrome."""
    texts = {f"http://pitch-news.com/2024/04/story-{n}/": prose(f"long{n}") for n in range(4)}
    texts["http://pitch-news.com/2024/04/brief/"] = prose("brief", paragraphs=1)
    rows = exported(tmp_path, {url: post(url, text) for url, text in texts.items()})
    for url, text in texts.items():
        assert rows[url]["site_chrome"] == [PREFACE, ASIDE, TIP_LINE, CLOSING]
        assert rows[url]["body"] == text


@pytest.mark.parametrize("where", ["file", "redis"])
def test_the_index_counts_a_sites_pages_holding_a_paragraph(
    tmp_path: Path, where: str, request: pytest.FixtureRequest
) -> None:
    if where == "redis":
        index = CandidateIndex(redis_url=request.getfixturevalue("redis_url"), name="lines")
    else:
        index = CandidateIndex(tmp_path)
    articles = [
        Article(f"http://pitch-news.com/{n}/", body=f"{TIP_LINE}\n\n{prose(f'count{n}')}")
        for n in range(LINE_PAGES + 3)
    ]
    articles.append(Article("http://other-news.com/a/", body=f"{TIP_LINE}\n\n{prose('x')}"))
    articles.append(Article("http://pitch-news.com/0/", body=f"{TIP_LINE}\n\n{prose('count0')}"))
    [(tip, _, _)] = paragraphs(TIP_LINE)
    counted = []
    for article in articles:
        link([article], index)
        counted.append(len(index.line_pages(article.url, [tip])[tip]))
    # One more page each time, up to LINE_PAGES; the other site's page counts apart, and a
    # page captured again is the same page.
    assert counted == [*range(1, LINE_PAGES + 1), LINE_PAGES, LINE_PAGES, LINE_PAGES, 1, LINE_PAGES]
    # Each page holding it is read back with its paragraphs (hash and words).
    written = [{h: len(tokens) for h, tokens, _ in paragraphs(a.body)} for a in articles]
    pages = index.line_pages(articles[0].url, [tip])[tip]
    held = [index.page_paragraphs(page) for page in pages]
    assert len(held) == LINE_PAGES
    assert all(words in written for words in held)
    assert len({str(words) for words in held}) == LINE_PAGES
    assert index.page_paragraphs(0) is None
    # An index saved before pages were named names them when opened.
    index.save()
    index.close()
    if where == "file":
        with sqlite3.connect(tmp_path / INDEX_FILE) as db:
            db.execute("DELETE FROM page_names")
        reopened = CandidateIndex(tmp_path)
    else:
        redis.Redis.from_url(request.getfixturevalue("redis_url")).delete(
            "newscrawl:lines:provenance-page-names"
        )
        reopened = CandidateIndex(redis_url=request.getfixturevalue("redis_url"), name="lines")
    assert [reopened.page_paragraphs(page) for page in pages] == held
    reopened.close()


# Templates whose exported bodies still hold chrome (or lose a line), and why: chrome in
# under three bodies of the site (the extractor kept it on one or two pages), in a
# longer line, naming the story, over 40 words, at other places on each page (between
# paragraphs of articles of different lengths), a third of the words of every page of
# the site (its pages then look like versions of one text), lines of no words (no
# paragraph hash), and the lines the extractor loses (`tests/extract/test_cms_chrome.py`).
SITE_FAILURES = {
    "cms5/divi_split": "a third of the words",
    "cms6/discourse_topic": "in under three bodies, lines the extractor loses",
    "cms6/mastodon_thread": "names the story",
    "cms7/footnotes_longform": "in under three bodies",
    "cms7/govuk_press": "at other places",
    "cms7/liveblog_pinned": "at other places",
    "cms8/match_report": "at other places",
    "cms8/podcast_transcript": "at other places",
    "cms9/hn_item": "in a longer line, lines the extractor loses, names the story",
    "cms9/reddit_shreddit": "in under three bodies",
    "cms10/calibre_news": "over 40 words",
    "cms10/czech_portal": "in under three bodies",
    "cms10/hansard_debate": "a third of the words, names the story, over 40 words",
    "cms10/legal_digest": "in a longer line, in under three bodies, no words",
    "cms10/newswire_release": "over 40 words",
    "cms11/canvas_discussion": "no words, over 40 words",
    "cms11/council_legistar": "no words, over 40 words",
    "cms11/gemini_proxy": "no words",
    "cms11/github_issue": "lines the extractor loses, over 40 words",
    "cms11/jupyter_notebook": "a third of the words, in a longer line, no words, over 40 words",
    "cms11/kindle_notebook": "lines the extractor loses",
    "cms11/patreon_post": "no words, over 40 words",
    "cms11/science_reprint": "over 40 words",
    "cms12/blogger_median_pt": "in under three bodies",
    "cms12/drupal7_aggregator": "in under three bodies, no words",
    "cms12/genesis_rssimport": "no words",
    "cms12/quora_space": "in under three bodies",
    "cms12/smartmag_agency": "no words",
    "cms12/telegraph_mirror": "no words",
    "cms12/trello_card": "in under three bodies, names the story",
    "cms13/contao_agency_de": "in under three bodies",
    "cms13/invision_pages": "in under three bodies",
    "cms14/flipboard_magazine": "in under three bodies",
    "cms14/google_sites_ms": "names the story, no words",
    "cms15/jimdo_creator_et": "no words",
    "cms16/covernews_rssmi_mk": "lines the extractor loses",
    "cms16/forem_crosspost": "lines the extractor loses",
    "cms16/newsletterglue_digest_cy": "no words",
    "cms16/nuxt_aggregator_mn": "lines the extractor loses",
    "cms17/backdrop_basis_ps": "over 40 words",
    "cms17/ecency_hive_yo": "over 40 words",
    "cms17/hashnode_republish": "over 40 words",
    "cms17/herald_aiomatic_my": "over 40 words",
    "cms17/jupiterx_autorobot_pa": "over 40 words",
    "cms17/kit_newsletter_ml": "a third of the words, in a longer line, over 40 words",
    "cms17/newspoint_app_kn": "over 40 words",
    "cms17/salient_wpautopost_gu": "over 40 words",
    "cms17/tt19_wprobot_so": "over 40 words",
    "cms18/bridge_qode_es": "names the story",
    "cms20/campaignmonitor_digest_en": "a third of the words, no words, over 40 words",
    "cms20/writefreely_repost_en": "over 40 words",
    "cms21/note_genbun_ja": "over 40 words",  # 95 characters: two characters count as a word
    "cms22/chorus_duet_en": "lines the extractor loses",
    "cms22/clay_component_en": "lines the extractor loses",
    "cms22/dzen_statya_ru": "lines the extractor loses",
    "cms22/ghost_ruby_en": "lines the extractor loses",
    "cms22/gunosy_kiji_ja": "lines the extractor loses",
    "cms22/hackernoon_story_en": "lines the extractor loses",
    "cms22/inkl_reader_en": "lines the extractor loses",
    "cms22/labrador_lokal_nb": "lines the extractor loses",
    "cms22/polopoly_atex_en": "lines the extractor loses",
    "cms22/smartnews_reader_en": "lines the extractor loses",
    "cms22/superdesk_publisher_en": "lines the extractor loses",
    "cms22/voice_meks_en": "lines the extractor loses",
    "cms23/typepad_en": "over 40 words",
    "cms24/ringpublishing_pl": "in under three bodies",
    "cms25/astropaper_id": "names the story",
    "cms25/bludit_blogx_es": "names the story",
    "cms25/concrete_atomik_it": "names the story",
    "cms25/fc2blog_ja": "names the story",
    "cms25/grav_quark_pt": "names the story",
    "cms25/hugo_stack_zh": "names the story",
    "cms25/kirby_starterkit_nl": "names the story",
    "cms25/serendipity_de": "names the story",
    "cms25/craftcms_en": "names the story",
    "cms25/scoopit_fr": "names the story",
    "cms25/teletype_ru": "names the story",
    "cms25/uncode_mycurator_en": "names the story",
    "cms26/b2evolution_fr": "a long notice; names the story",
    "cms26/blogfa_fa": "a long notice; names the story",
    "cms26/expressionengine_en": "long notices; names the story",
    "cms26/liveinternet_ru": "in under three bodies; names the story",
    "cms26/publii_pl": "a long notice; names the story",
    "cms26/rehub_curationsuite_en": "long notices; names the story",
    "cms26/rhymix_board_ko": "in under three bodies; names the story",
    "cms26/sapoblogs_pt": "long notices; names the story",
    "cms26/seesaa_ja": "in under three bodies; names the story",
    "cms26/sohu_zh": "in under three bodies; names the story",
    "cms26/statamic_de": "long notices; names the story",
    "cms26/textpattern_sv": "long notices; names the story",
}
TEMPLATES = [
    pytest.param(
        folder,
        template,
        id=f"{folder}/{template}",
        marks=[pytest.mark.xfail(strict=True, reason=reason)]
        if (reason := SITE_FAILURES.get(f"{folder}/{template}"))
        else [],
    )
    for folder in FOLDERS
    if folder != HELD_OUT
    for template in sorted({case.template for case in cases(folder)})
]


@pytest.mark.parametrize(("folder", "template"), TEMPLATES)
def test_a_cms_sites_exported_bodies_hold_no_chrome(folder: str, template: str) -> None:
    """The pages of one CMS template (each filled with another real article) as one site's:
    the bodies the export writes hold every article line and no chrome line."""
    pages = [case for case in cases(folder) if case.template == template]
    read = [(case, extract_article(case.page(), case.own_url)) for case in pages]
    bodies = exported_bodies(read)
    verdicts = [judge(body, case) for (case, _), body in zip(read, bodies, strict=True)]
    assert [line for v in verdicts for line in v.chrome_left] == []
    assert [line for v in verdicts for line in v.lines_lost] == []
