"""The demo world through a real loopback server: seeds' words, markup, feeds, HTTP details."""

from __future__ import annotations

import gzip
import json
import re
import socket
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest

from newscrawl.demo import world as w
from newscrawl.demo.responses import Resource
from newscrawl.demo.server import DemoServer
from newscrawl.demo.world import DemoWorld

from .fetching import fetch, parse

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "atom": "http://www.w3.org/2005/Atom",
}


def seed_lines(stem: str) -> list[str]:
    (path,) = SEEDS.glob(f"{stem}_*.txt")
    lines = (" ".join(line.replace("•", "").split()) for line in path.read_text().splitlines())
    return [line for line in lines if line]


def in_order(wanted: list[str], got: list[str]) -> bool:
    rest = iter(got)
    return all(any(line == g for g in rest) for line in wanted)


@pytest.mark.parametrize("stem", sorted(w.SEED_COPIES))
def test_copy_pages_show_every_line_of_their_seed_in_order(server: DemoServer, stem: str) -> None:
    reply = fetch(server, w.SEED_COPIES[stem])
    assert reply.status == 200
    lines = parse(reply.text).lines
    missing = [line for line in seed_lines(stem) if line not in lines]
    assert missing == []
    assert in_order(seed_lines(stem), lines)


def test_chicago_copy_keeps_cnbc_fingerprints_but_no_link_back(server: DemoServer) -> None:
    page = parse(fetch(server, w.CNJ_COPY).text)
    assert "Read more about China from CNBC Pro" in page.lines
    assert "Leah Millis | Afp | Getty Images" in page.lines
    assert "AdminBy AdminJune 18, 2023 Business" in page.lines
    assert not [link for link in page.links if "cnbc.com" in link]
    assert page.meta["og:site_name"] == "Chicago News Journal"
    assert page.meta["link:canonical"] == w.CNJ_COPY
    (ld,) = [
        json.loads(text)
        for attrs, text in page.scripts
        if attrs.get("type") == "application/ld+json"
    ]
    article = ld["@graph"][0]
    assert article["@type"] == "Article" and article["author"][0]["name"] == "Admin"


def test_autoblog_wraps_spun_text_in_ad_markers_and_links_the_source(server: DemoServer) -> None:
    html = fetch(server, w.AUTOBLOG_COPY).text
    source = f'<a href="{w.CNBC_ARTICLE}" rel="nofollow noopener" target="_blank">Source link</a>'
    assert source in html
    assert re.search(r"<p>\[ad_1\]</p>\s*<p>US Secretary of State", html)
    assert html.index("<p>[ad_2]</p>") < html.index(source)
    assert "Chinese language Overseas Minister" in parse(html).title


def test_cnbc_original_markup(server: DemoServer) -> None:
    html = fetch(server, w.CNBC_ARTICLE).text
    page = parse(html)
    assert page.meta["link:canonical"] == w.CNBC_ARTICLE
    assert page.meta["og:url"] == w.CNBC_ARTICLE
    assert page.meta["og:type"] == "article"
    assert page.meta["og:site_name"] == "CNBC"
    assert page.meta["og:image"] == w.CNBC_IMAGE
    assert page.meta["og:title"].startswith("Blinken meets Chinese Foreign Minister Qin Gang")
    assert page.meta["article:published_time"].startswith("2023-06-18")
    (ld,) = [
        json.loads(text)
        for attrs, text in page.scripts
        if attrs.get("type") == "application/ld+json"
    ]
    assert ld["@type"] == "NewsArticle"
    assert ld["headline"] == page.meta["og:title"]
    assert ld["datePublished"].startswith("2023-06-18")
    assert ld["publisher"]["name"] == "CNBC"
    assert ld["author"] == [{"@type": "Organization", "name": "CNBC"}]
    assert ld["image"]["url"] == w.CNBC_IMAGE
    assert ld["mainEntityOfPage"]["@id"] == w.CNBC_ARTICLE
    assert re.search(
        r"<figcaption>.*<span class=\"[^\"]*credit\">Leah Millis \| Afp \| Getty Images</span>",
        html,
        re.S,
    )
    pro = [
        link
        for link in page.links
        if link.startswith("http://www.cnbc.com/pro/") and link.count("/") > 4
    ]
    assert len(pro) == 3 and w.ROBOTS_DISALLOWED in pro
    assert "set to be held in San Francisco." in html


def test_versions_of_the_cnbc_original(server: DemoServer, updated_server: DemoServer) -> None:
    first = fetch(server, w.CNBC_ARTICLE)
    later = fetch(updated_server, w.CNBC_ARTICLE)
    assert first.body != later.body and first.headers["etag"] != later.headers["etag"]
    assert "candid, substantive, and constructive talks" not in first.text
    assert "candid, substantive, and constructive talks" in later.text
    lines = parse(later.text).lines
    for expected in (
        "Leah Millis | AFP | Getty Images",
        "His original travel plans for February were disrupted",
        "Blinken was set to have a working dinner",
        "shake hands ahead of a meeting",
    ):
        assert any(expected in line for line in lines), expected
    assert "Read more about China from CNBC Pro" not in later.text
    modified = [parse(r.text).meta["article:modified_time"] for r in (first, later)]
    assert modified[0] < modified[1] and modified[1].startswith("2023-06-18")
    # The copies do not change with the original.
    assert fetch(server, w.CNJ_COPY).body == fetch(updated_server, w.CNJ_COPY).body


def test_updated_version_is_the_autoblog_text_unspun() -> None:
    """Every paragraph of the autoblog copy lines up with one of the updated original."""
    articles = {a.url: a for a in DemoWorld(version="updated").articles}
    spun = [
        p
        for p in articles[w.AUTOBLOG_COPY].paragraphs
        if isinstance(p, str) and not p.startswith("[ad_")
    ]
    original = articles[w.CNBC_ARTICLE]
    plain = [original.image["caption"], original.image["credit"]]
    for block in original.paragraphs:
        plain += [block] if isinstance(block, str) else [block["caption"], block["credit"]]
    assert len(spun) == len(plain)

    def overlap(a: str, b: str) -> float:
        words = set(b.split())
        return len(set(a.split()) & words) / len(words)

    for copy, source in zip(spun, plain, strict=True):
        best = max(plain, key=lambda candidate: overlap(copy, candidate))
        assert best == source and overlap(copy, source) > 0.4, (copy, source)


def test_zenger_copy_is_benzinga_words_with_zenger_chrome(server: DemoServer) -> None:
    zenger = parse(fetch(server, w.ZENGER_COPY).text)
    benzinga = parse(fetch(server, w.BENZINGA_ORIGINAL).text)
    assert "Produced in association with Benzinga" in zenger.lines
    assert not any("Produced in association" in line for line in benzinga.lines)
    body = [
        line for line in benzinga.lines if "Reuters reported" in line or "DARRIAN TRAYNOR" in line
    ]
    assert len(body) == 2 and all(line in zenger.lines for line in body)
    html = fetch(server, w.ZENGER_COPY).text
    assert '<blockquote class="twitter-tweet">' in html


def test_reuters_wire_keeps_every_excerpt_sentence(server: DemoServer) -> None:
    text = " ".join(parse(fetch(server, w.REUTERS_WIRE).text).lines)
    excerpt = " ".join(seed_lines("003")[1:4]) if SEEDS.is_dir() else ""
    # Cut at sentence ends, including where the excerpt ran two sentences together.
    for piece in re.split(r"(?<=\.)(?=[A-Za-z])|(?<=[.\"])\s+", excerpt):
        assert piece in text, piece
    assert "Few expect the trip will yield a breakthrough" in text


def test_asianlite_is_gzipped_when_the_client_accepts_it(server: DemoServer) -> None:
    packed = fetch(server, w.GZIP_PAGE, {"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["content-encoding"] == "gzip"
    assert int(packed.headers["content-length"]) == len(packed.body)
    text = gzip.decompress(packed.body).decode()
    assert "reports the BBC" in text and "ALSO READ: " in text
    plain = fetch(server, w.GZIP_PAGE)
    assert "content-encoding" not in plain.headers and plain.text == text
    refused = fetch(server, w.GZIP_PAGE, {"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused.headers


def test_zenger_is_sent_chunked_in_several_chunks(server: DemoServer) -> None:
    reply = fetch(server, w.CHUNKED_PAGE)
    assert reply.headers["transfer-encoding"] == "chunked" and "content-length" not in reply.headers
    assert "Zenger News does not provide investment advice." in reply.text
    host = urlsplit(w.CHUNKED_PAGE).netloc
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(
            f"GET {w.CHUNKED_PAGE} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        )
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    body = raw.split(b"\r\n\r\n", 1)[1]
    sizes = re.findall(rb"(?:^|\r\n)([0-9A-F]+)\r\n", body)
    assert len(sizes) >= 3 and sizes[-1] == b"0"


def test_redirect_from_the_bare_domain(server: DemoServer) -> None:
    reply = fetch(server, w.CNBC_REDIRECT)
    assert reply.status == 301 and reply.headers["location"] == w.CNBC_ARTICLE


def test_not_found_pages(server: DemoServer) -> None:
    deleted = fetch(server, w.NOT_FOUND)
    assert deleted.status == 404 and "text/html" in deleted.headers["content-type"]
    assert "World News Era" in parse(deleted.text).title
    assert fetch(server, "http://www.cnbc.com/no/such/page").status == 404
    assert fetch(server, "http://example.org/").status == 404  # never proxied anywhere


def test_robots(server: DemoServer, world: DemoWorld) -> None:
    for host in world.hosts - {"cnbc.com"}:
        reply = fetch(server, f"http://{host}/robots.txt")
        assert reply.status == 200 and reply.headers["content-type"].startswith("text/plain"), host
    rules = RobotFileParser()
    rules.parse(fetch(server, "http://www.cnbc.com/robots.txt").text.splitlines())
    assert not rules.can_fetch("newscrawl", w.ROBOTS_DISALLOWED)
    assert rules.can_fetch("newscrawl", w.CNBC_ARTICLE)
    assert rules.site_maps() == ["http://www.cnbc.com/sitemap_news.xml"]
    assert fetch(server, w.ROBOTS_DISALLOWED).status == 200  # it exists; robots keeps crawlers out


def _xml(server: DemoServer, url: str) -> ET.Element:
    reply = fetch(server, url)
    assert reply.status == 200 and "xml" in reply.headers["content-type"], url
    return ET.fromstring(reply.body)


def _sitemap_urls(server: DemoServer, url: str) -> list[str]:
    if url.endswith("/robots.txt"):
        rules = RobotFileParser()
        rules.parse(fetch(server, url).text.splitlines())
        return [u for sitemap in rules.site_maps() or [] for u in _sitemap_urls(server, sitemap)]
    root = _xml(server, url)
    if root.tag == f"{{{NS['sm']}}}sitemapindex":
        return [
            u
            for loc in root.iterfind("sm:sitemap/sm:loc", NS)
            for u in _sitemap_urls(server, loc.text or "")
        ]
    return [loc.text or "" for loc in root.iterfind("sm:url/sm:loc", NS)]


def test_sitemaps_list_the_articles(server: DemoServer, world: DemoWorld) -> None:
    listed = {u for sitemap in world.sitemaps for u in _sitemap_urls(server, sitemap)}
    for url in (w.CNBC_ARTICLE, w.AUTOBLOG_COPY, w.XSS_TITLE_PAGE, w.NOT_FOUND, w.HEADTOPICS_COPY):
        assert url in listed
    assert {w.BENZINGA_ORIGINAL, w.REUTERS_WIRE} <= listed
    news = _xml(server, "http://www.cnbc.com/sitemap_news.xml")
    entry = next(
        u
        for u in news.iterfind("sm:url", NS)
        if u.findtext("sm:loc", namespaces=NS) == w.CNBC_ARTICLE
    )
    assert entry.findtext("news:news/news:publication/news:name", namespaces=NS) == "CNBC"
    assert entry.findtext("news:news/news:publication/news:language", namespaces=NS) == "en"
    assert (entry.findtext("news:news/news:publication_date", namespaces=NS) or "").startswith(
        "2023-06-18"
    )
    assert entry.findtext("news:news/news:title", namespaces=NS, default="").startswith(
        "Blinken meets"
    )


def _feed_links(root: ET.Element) -> list[str]:
    rss = [item.findtext("link") or "" for item in root.iterfind("channel/item")]
    atom = [link.get("href", "") for link in root.iterfind("atom:entry/atom:link", NS)]
    return rss + atom


def test_feeds_list_the_articles(server: DemoServer, world: DemoWorld) -> None:
    links = {u for feed in world.feeds for u in _feed_links(_xml(server, feed))}
    assert w.CNBC_REDIRECT in links and w.CNBC_ARTICLE not in links  # through the redirect
    assert {w.CNJ_COPY, w.AUTOBLOG_COPY, w.ZENGER_COPY, w.ASIANLITE_COPY} <= links
    assert (
        fetch(server, world.feeds[0]).headers["content-type"]
        == "application/rss+xml; charset=utf-8"
    )
    atom = _xml(server, "http://www.zenger.news/feed/atom/")
    assert atom.tag == f"{{{NS['atom']}}}feed"
    rss = _xml(server, "http://www.zenger.news/feed/")
    assert _feed_links(rss) == _feed_links(atom)


def test_article_pattern(world: DemoWorld) -> None:
    pattern = re.compile(w.ARTICLE_PATTERN)
    articles = {a.url for a in world.articles}
    assert all(pattern.search(url) for url in articles | {w.NOT_FOUND, w.CNBC_REDIRECT})
    others = [url for url in world.urls() if url not in articles]
    assert len(others) > 40
    assert [url for url in others if pattern.search(url)] == []
    assert not pattern.search(w.ROBOTS_DISALLOWED)


def test_every_link_inside_the_world_resolves(world: DemoWorld) -> None:
    broken = []
    for url in world.urls():
        resource = world.resolve(url, {})
        if not (resource.header("Content-Type") or "").startswith("text/html"):
            continue
        page = parse(resource.body.decode())
        for link in page.links + page.images + [page.meta.get("og:image", "")]:
            host = urlsplit(link).hostname
            if host in world.hosts and world.resolve(link, {}).status not in (200, 301):
                broken.append((url, link))
    assert broken == []


def test_image_is_a_real_jpeg(server: DemoServer) -> None:
    reply = fetch(server, w.CNBC_IMAGE)
    assert reply.status == 200 and reply.headers["content-type"] == "image/jpeg"
    assert reply.body[:3] == b"\xff\xd8\xff" and reply.body[-2:] == b"\xff\xd9"
    sof = reply.body.index(b"\xff\xc0")
    assert reply.body[sof + 5 : sof + 9] == bytes([0, 180, 1, 64])  # 180 x 320


def test_xss_title_is_escaped_markup_shown_as_text(server: DemoServer) -> None:
    html = fetch(server, w.XSS_TITLE_PAGE).text
    page = parse(html)
    assert '<script>alert("xss")</script>' in page.title
    assert " <img src=x onerror=alert(1)>" in page.title
    assert "<script>alert(" not in html and "<img src=x" not in html
    assert '<script>alert("xss")</script>' in page.meta["og:title"]


def test_response_headers(server: DemoServer) -> None:
    reply = fetch(server, w.CNBC_ARTICLE)
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    assert re.fullmatch(r'"[0-9a-f]+"', reply.headers["etag"])
    for name in ("date", "server", "last-modified", "cache-control", "content-length"):
        assert name in reply.headers
    assert int(reply.headers["content-length"]) == len(reply.body)


def test_conditional_requests_answer_304(server: DemoServer) -> None:
    first = fetch(server, w.CNBC_ARTICLE)
    again = fetch(server, w.CNBC_ARTICLE, {"If-None-Match": first.headers["etag"]})
    assert again.status == 304 and again.body == b""
    assert fetch(server, w.CNBC_ARTICLE, {"If-None-Match": '"other"'}).status == 200
    since = fetch(server, w.CNBC_ARTICLE, {"If-Modified-Since": first.headers["last-modified"]})
    assert since.status == 304
    older = fetch(server, w.CNBC_ARTICLE, {"If-Modified-Since": "Sat, 17 Jun 2023 00:00:00 GMT"})
    assert older.status == 200
    packed = fetch(server, w.GZIP_PAGE, {"Accept-Encoding": "gzip"})
    revalidated = fetch(
        server, w.GZIP_PAGE, {"Accept-Encoding": "gzip", "If-None-Match": packed.headers["etag"]}
    )
    assert revalidated.status == 304


def test_origin_form_and_head(server: DemoServer) -> None:
    origin = fetch(server, w.CNBC_ARTICLE, proxy=False)
    assert origin.status == 200 and origin.body == fetch(server, w.CNBC_ARTICLE).body
    head = fetch(server, w.CNBC_ARTICLE, method="HEAD")
    assert head.status == 200 and head.body == b""
    assert int(head.headers["content-length"]) == len(origin.body)
    assert ("HEAD", w.CNBC_ARTICLE) in server.requests


def test_added_resources_are_served() -> None:
    world = DemoWorld()
    world.add(
        "http://broken.example.net/oops", Resource(500, (("Content-Type", "text/plain"),), b"boom")
    )
    assert "broken.example.net" in world.hosts
    with DemoServer(world) as server:
        reply = fetch(server, "http://broken.example.net/oops")
    assert reply.status == 500 and reply.body == b"boom"


def test_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        DemoWorld(version="latest")  # type: ignore[arg-type]
