"""A crawl of hostile pages, through a recording proxy that never forwards: Source links,
canonicals and redirects that point at this machine or its network are refused before the
proxy is asked for them, counted and logged.

Every target is an IP literal, `localhost`, or a name the crawl's hosts table answers: no
name is looked up outside this machine, and the only connections are to the proxy on
127.0.0.1. The proxy is a `DemoServer` over a small world of its own, which records each
request and answers from that world.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from scrapy import Request

from newscrawl.demo.server import DemoServer
from newscrawl.demo.world import Resource
from tests.conftest import ROOT
from tests.spiders.hostile import SmallWorld, html
from tests.warcs import read_records

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

PUBLIC = "93.184.216.34"  # what the hosts table says the world's names are; never contacted

# Each target, and the kind of address the guard must name when it refuses it.
TARGETS = {
    "http://localhost:9200/": "loopback",
    "http://0x7f.1:6379/": "loopback",
    "http://2130706433:2375/": "loopback",
    "http://[::1]:8080/": "loopback",
    "http://10.0.0.1/": "private",
    "http://169.254.169.254/latest/meta-data/": "link-local",
    "http://intranet.example/": "private",
    "http://metadata.example/latest/meta-data/": "link-local",
}
HOSTS = [
    "10.0.0.1 intranet.example",
    "169.254.169.254 metadata.example",
    f"{PUBLIC} *",
]
START = "http://news.example/2024/index.html"
WAYS = ("source", "canonical", "redirect")

PROFILE = """
name = "hostile"
[seeds]
start_urls = ["{start}"]
[scope]
allowed_domains = ["news.example"]
article_patterns = ['/2024/']
max_depth = 1
follow_sources = true
[politeness]
autothrottle = false
[network]
{proxy}
hosts = {hosts}
"""


def hostile_world() -> SmallWorld:
    """An index of articles; article i names target i as its source and its canonical, and
    names a wire story as a source too, which redirects to target i."""
    robots = Resource(200, (("Content-Type", "text/plain"),), b"User-agent: *\nAllow: /\n")
    pages = {
        "http://news.example/robots.txt": robots,
        "http://wire.example/robots.txt": robots,
    }
    links = []
    for i, target in enumerate(TARGETS):
        article = f"http://news.example/2024/a{i}.html"
        links.append(f'<a href="{article}">story {i}</a>')
        wire = f"http://wire.example/go/{i}"
        pages[article] = html(
            f'<p>story</p><a href="{target}source">Source link</a> <a href="{wire}">Via wire</a>',
            head=f'<link rel="canonical" href="{target}canonical">',
        )
        pages[wire] = Resource(301, (("Location", f"{target}redirect"),), b"")
    pages[START] = html("".join(links))
    return SmallWorld(pages)


@pytest.fixture
def proxy() -> Iterator[DemoServer]:
    with DemoServer(hostile_world()) as server:
        yield server


def crawl(
    tmp_path: Path, proxy_line: str, env: Mapping[str, str], *settings: str
) -> tuple[str, dict[str, object], list[str]]:
    """Crawl the hostile world; the log, the stats, and the URIs of the WARC's records."""
    profile = tmp_path / "hostile.toml"
    profile.write_text(PROFILE.format(start=START, proxy=proxy_line, hosts=json.dumps(HOSTS)))
    args = ["-s", "RETRY_TIMES=0", "-s", "NEWSCRAWL_EXTRACT=false"]
    args += [arg for setting in settings for arg in ("-s", setting)]
    clean = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    done = subprocess.run(
        [sys.executable, "-m", "newscrawl", "crawl", str(profile), "--out", str(tmp_path), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
        env={**clean, **env},
    )
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "hostile"
    (summary,) = folder.glob("*-summary.json")
    uris = [r.uri for r in read_records(sorted(folder.glob("*.warc.gz"))) if r.uri]
    return done.stderr, json.loads(summary.read_text()), uris


@pytest.mark.parametrize("how", ["profile", "environment"])
def test_the_proxy_is_never_asked_for_a_private_target(
    proxy: DemoServer, tmp_path: Path, how: str
) -> None:
    if how == "profile":
        log, stats, uris = crawl(tmp_path, f'proxy = "{proxy.proxy_url}"', {})
    else:  # http_proxy from the environment, allowed by naming it
        log, stats, uris = crawl(
            tmp_path,
            "",
            {"http_proxy": proxy.proxy_url},
            f"NEWSCRAWL_ALLOWED_PROXIES={proxy.proxy_url}",
        )

    asked = [url for _, url in proxy.requests]
    assert START in asked and "http://wire.example/go/0" in asked, "the crawl went through"
    assert {urlsplit(url).hostname for url in asked} == {"news.example", "wire.example"}
    assert {urlsplit(uri).hostname for uri in uris} <= {"news.example", "wire.example"}
    for target in TARGETS:
        # The host as the request shows it (w3lib 2.6 writes "0x7f.1" as "127.0.0.1"), whose
        # first refusal is a warning, the others of that host at DEBUG.
        host = urlsplit(Request(target).url).hostname
        assert f"further refusals of {host} are logged" in log, f"{target}'s refusal is logged"
    # Each target three ways (source, canonical, redirect), and its host's robots.txt once.
    assert stats["newscrawl/guard/refused"] == len(TARGETS) * (len(WAYS) + 1)
    for kind in ("loopback", "private", "link-local"):
        expected = sum(1 for k in TARGETS.values() if k == kind) * (len(WAYS) + 1)
        assert stats[f"newscrawl/guard/refused/{kind}"] == expected, kind


def test_an_unnamed_loopback_proxy_from_the_environment_is_refused(
    proxy: DemoServer, tmp_path: Path
) -> None:
    log, stats, _ = crawl(
        tmp_path, "", {"http_proxy": proxy.proxy_url}, "NEWSCRAWL_ALLOW_LOOPBACK=true"
    )
    assert proxy.requests == [], "allow_loopback speaks of targets, not of proxies"
    assert f"through proxy 127.0.0.1:{proxy.port}" in log
    assert "NEWSCRAWL_ALLOWED_PROXIES" in log
    assert stats["newscrawl/guard/refused"] == 2, "the start page and its robots.txt"
