"""The generated site: sized, linked, deterministic, and served like the demo world."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
from urllib.parse import urlsplit

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from newscrawl.demo.world import ARTICLE_PATTERN

from .fetching import fetch, parse


def test_pages_are_about_page_size_and_link_within_the_site() -> None:
    site = GeneratedSite(40, page_size=32768, links=10)
    urls = site.urls()
    assert len(urls) == len(set(urls)) == 40
    assert all(re.search(ARTICLE_PATTERN, url) for url in urls)
    all_links: list[str] = []
    for url in urls:
        body = site.resolve(url, {}).body
        assert abs(len(body) - 32768) < 256
        links = [link for link in parse(body.decode()).links if link != site.start_url]
        assert len(links) == 10 and set(links) <= set(urls)
        all_links += links
    assert len(set(all_links)) < len(all_links) / 2  # many repeats
    assert set(all_links) | {urls[0]} == set(urls)  # every page is linked
    home = parse(site.resolve(site.start_url, {}).body.decode())
    assert set(home.links) >= set(urls)


def test_generated_site_is_deterministic_and_conditional() -> None:
    one, two = GeneratedSite(5, page_size=4096), GeneratedSite(5, page_size=4096)
    url = one.urls()[3]
    assert one.resolve(url, {}).body == two.resolve(url, {}).body
    assert one.resolve(url, {}).body != one.resolve(one.urls()[2], {}).body
    etag = one.resolve(url, {}).header("ETag") or ""
    assert one.resolve(url, {"If-None-Match": etag}).status == 304
    assert one.resolve("http://news.example.com/missing", {}).status == 404
    assert b"Allow: /" in one.resolve("http://news.example.com/robots.txt", {}).body


def test_generated_site_over_the_server_with_keep_alive() -> None:
    site = GeneratedSite(20, page_size=65536)
    with DemoServer(site) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        for url in site.urls()[:5]:  # one connection, five requests
            conn.request("GET", url, headers={"Host": urlsplit(url).netloc})
            response = conn.getresponse()
            assert response.status == 200 and len(response.read()) > 60000
        conn.close()
        assert len(server.requests) == 5
        assert fetch(server, "http://elsewhere.example/").status == 404


def test_server_command_line() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newscrawl",
            "demo-server",
            "--port",
            "0",
            "--generated",
            "3",
            "--page-size",
            "2048",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        match = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", line)
        assert match, line
        reply = fetch(int(match.group(1)), GeneratedSite(3).urls()[0])
        assert reply.status == 200 and abs(len(reply.body) - 2048) < 64
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=10)
    assert process.returncode == 0 and errors == ""
