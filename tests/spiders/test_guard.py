"""The address guard: links never reach this machine's network unless a setting allows it.

Decisions are checked on addresses passed in or given by a stub of the system resolver (no
DNS); the real crawls talk to 127.0.0.1 only. Nothing here resolves a name or connects
anywhere else.
"""

from __future__ import annotations

import asyncio
import json
import socket
from typing import TYPE_CHECKING

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from newscrawl.demo.responses import Resource
from newscrawl.profile import ProfileError, load_profile
from newscrawl.spiders.guard import refusal
from newscrawl.spiders.middlewares import AddressGuard
from newscrawl.spiders.resolver import GuardedResolver, parse_hosts
from tests.helpers import crawl_profile

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from twisted.internet.address import IPv4Address, IPv6Address

    from newscrawl.demo.server import DemoServer

PUBLIC = "93.184.216.34"  # never contacted: only passed to the decision


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "private"),  # CGNAT
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("::ffff:10.0.0.1", "private"),  # IPv4-mapped IPv6 is unwrapped
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("127.0.0.1", "loopback"),
    ],
)
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    found = refusal(f"http://{address}/x", [address])
    assert found is not None and found.reason == reason
    setting = "NEWSCRAWL_ALLOW_LOOPBACK" if reason == "loopback" else "NEWSCRAWL_ALLOW_PRIVATE"
    assert found.setting == setting
    assert address in str(found) and setting in str(found) and "/x" in str(found)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/f", "data:,hi", "gopher://example.org/"]
)
def test_other_schemes_are_refused(url: str) -> None:
    found = refusal(url, [PUBLIC], allow_loopback=True, allow_private=True)
    assert found is not None and found.reason == "scheme"


def test_a_host_with_any_private_address_is_refused() -> None:
    found = refusal("https://intranet.example/", [PUBLIC, "2001:4860::1", "192.168.0.7"])
    assert found is not None and found.address == "192.168.0.7"


def test_public_addresses_are_allowed() -> None:
    assert refusal(f"http://{PUBLIC}/", [PUBLIC]) is None
    assert refusal("https://news.example/", [PUBLIC, "2606:4700::1111"]) is None


def test_loopback_needs_allow_loopback_and_private_allow_private() -> None:
    assert refusal("http://127.0.0.1/", ["127.0.0.1"], allow_loopback=True) is None
    assert refusal("http://[::1]/", ["::1"], allow_loopback=True) is None
    assert refusal("http://127.0.0.1/", ["127.0.0.1"], allow_private=True) is not None
    assert refusal("http://10.0.0.1/", ["10.0.0.1"], allow_loopback=True) is not None
    assert refusal("http://10.0.0.1/", ["10.0.0.1"], allow_private=True) is None


class FakeDNS:
    """A system lookup that answers from a table (no answer: the name does not resolve) and
    records what it was asked."""

    def __init__(self, table: dict[str, Sequence[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str) -> Sequence[str]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.table[host]


def guard(dns: FakeDNS, **settings: object) -> AddressGuard:
    crawler = get_crawler(settings_dict={f"NEWSCRAWL_{k.upper()}": v for k, v in settings.items()})
    middleware = AddressGuard.from_crawler(crawler)
    middleware.resolver.lookup = dns
    return middleware


def check(middleware: AddressGuard, url: str, proxy: str = "") -> str | None:
    """The refusal message for `url`, or None if the guard lets it through."""
    request = Request(url, meta={"proxy": proxy} if proxy else {})
    try:
        asyncio.run(middleware.process_request(request))
    except IgnoreRequest as exc:
        return str(exc)
    return None


def test_the_middleware_resolves_names_once_and_refuses_private_ones() -> None:
    dns = FakeDNS({"intranet.example": ["10.1.2.3"], "news.example": [PUBLIC]})
    middleware = guard(dns)
    message = check(middleware, "http://intranet.example/robots.txt")
    assert message is not None and "10.1.2.3" in message and "NEWSCRAWL_ALLOW_PRIVATE" in message
    assert check(middleware, "http://intranet.example/other") is not None
    assert check(middleware, "https://news.example/a") is None
    message = check(middleware, "http://unknown.example/")
    assert message is not None and "does not resolve" in message, "a failed lookup is refused"
    assert check(middleware, "http://unknown.example/again") is not None
    assert check(middleware, "http://169.254.169.254/latest/meta-data/") is not None
    assert check(middleware, "http://localhost:8000/") is not None
    assert check(middleware, "http://127.1/") is not None, "legacy IPv4 forms are literals"
    assert check(middleware, "file:///etc/passwd") is not None
    assert dns.asked == ["intranet.example", "news.example", "unknown.example"]
    stats = middleware.stats.get_stats()
    assert stats["newscrawl/guard/refused"] == 8
    assert stats["newscrawl/guard/refused/private"] == 2
    assert stats["newscrawl/guard/refused/unresolved"] == 2
    assert stats["newscrawl/guard/refused/scheme"] == 1


NAMED = "http://127.0.0.1:8765"


def test_through_a_proxy_targets_are_resolved_and_checked_too() -> None:
    dns = FakeDNS({"intranet.example": ["10.1.2.3"], "news.example": [PUBLIC]})
    middleware = guard(dns, proxy=NAMED)
    assert check(middleware, "http://news.example/", proxy=NAMED) is None
    for target in (
        "http://intranet.example/",
        "http://unknown.example/",
        "http://localhost:9200/",
        "http://0x7f.1:6379/",
        "http://2130706433:2375/",
        "http://[::1]:8080/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
    ):
        message = check(middleware, target, proxy=NAMED)
        # As the request shows it: w3lib 2.6 writes "0x7f.1" as "127.0.0.1".
        assert message is not None and Request(target).url in message, target
    assert dns.asked == ["news.example", "intranet.example", "unknown.example"]
    stats = middleware.stats.get_stats()
    assert stats["newscrawl/guard/refused/loopback"] == 4
    assert stats["newscrawl/guard/refused/link-local"] == 1


def test_allow_loopback_speaks_of_targets_and_a_proxy_is_allowed_by_naming_it() -> None:
    dns = FakeDNS({"news.example": [PUBLIC], "proxy.example": [PUBLIC]})
    # Not named: a loopback proxy (one from http_proxy, say) is refused, allow_loopback or not.
    for allowed in (False, True):
        middleware = guard(dns, allow_loopback=allowed)
        message = check(middleware, "http://news.example/", proxy="http://u:secret@127.0.0.1:3128")
        assert message is not None and "NEWSCRAWL_ALLOWED_PROXIES" in message
        assert "secret" not in message, "proxy credentials are never shown"
    # A proxy on a public address needs no name.
    assert check(guard(dns), "http://news.example/", proxy="http://proxy.example:3128") is None
    # Named in either setting, a loopback proxy is used; loopback targets stay refused.
    for settings in ({"proxy": NAMED}, {"allowed_proxies": [NAMED]}):
        middleware = guard(dns, **settings)
        assert check(middleware, "http://news.example/", proxy=NAMED) is None
        assert check(middleware, "http://news.example/", proxy="http://127.0.0.1:8766") is not None
        assert check(middleware, "http://127.0.0.1:9200/", proxy=NAMED) is not None
    # allow_loopback lets loopback targets through the named proxy.
    middleware = guard(dns, proxy=NAMED, allow_loopback=True)
    assert check(middleware, "http://localhost:9200/", proxy=NAMED) is None


def test_the_downloader_gets_the_vetted_answer_and_unvetted_private_answers_get_none() -> None:
    answers = {"news.example": [[PUBLIC], ["10.0.0.1"]], "evil.example": [["10.0.0.1"]]}

    def rebinding(host: str) -> list[str]:
        return answers[host].pop(0)

    middleware = guard(FakeDNS({}))
    middleware.resolver.lookup = rebinding
    resolver = middleware.resolver
    assert check(middleware, "http://news.example/") is None
    assert asyncio.run(resolver.connectable("news.example")) == (PUBLIC,)
    assert answers["news.example"] == [["10.0.0.1"]], "looked up once"
    # A name the guard never passed is checked by the resolver itself.
    assert asyncio.run(resolver.connectable("evil.example")) == ()


def test_a_hosts_table_answers_without_dns_and_is_checked_like_dns() -> None:
    dns = FakeDNS({})
    table = ["127.0.0.1 world.example", f"{PUBLIC} *"]
    middleware = guard(dns, hosts=table, proxy=NAMED)
    assert check(middleware, "http://anything.example/", proxy=NAMED) is None
    message = check(middleware, "http://world.example/", proxy=NAMED)
    assert message is not None and "NEWSCRAWL_ALLOW_LOOPBACK" in message
    assert check(guard(dns, hosts=table, allow_loopback=True), "http://world.example/") is None
    assert dns.asked == [], "no name was looked up"
    assert parse_hosts(["10.0.0.1 a.example B.example."]) == {
        "a.example": ("10.0.0.1",),
        "b.example": ("10.0.0.1",),
    }
    with pytest.raises(ValueError, match="ADDRESS NAME"):
        parse_hosts(["a.example 10.0.0.1"])


PROFILE = """
name = "{name}"
[seeds]
start_urls = ["{url}"]
[scope]
allowed_domains = ["127.0.0.1"]
article_patterns = ['/guard/']
[politeness]
autothrottle = false
[network]
allow_loopback = {allow}
"""


def crawl(tmp_path: Path, name: str, url: str, allow: bool) -> tuple[str, dict[str, object]]:
    text = PROFILE.format(name=name, url=url, allow=str(allow).lower())
    done = crawl_profile(text, tmp_path, name, "-s", "RETRY_TIMES=0")
    (summary,) = (tmp_path / name).glob("*-summary.json")
    return done.stderr, json.loads(summary.read_text())


def test_a_crawl_refuses_loopback_unless_allowed(world_server: DemoServer, tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{world_server.port}"
    url = f"{base}/guard/local.html"
    world_server.resolver.add(
        url, Resource(200, (("Content-Type", "text/html"),), b"<html><p>local</p></html>")
    )

    log, stats = crawl(tmp_path, "guarded", url, allow=False)
    assert ("GET", url) not in world_server.requests, "a refused page is never fetched"
    # Logged once per host: the first refusal is the page's robots.txt.
    assert f"refused {base}/robots.txt" in log and "NEWSCRAWL_ALLOW_LOOPBACK" in log
    assert stats["finish_reason"] == "finished"
    assert stats["newscrawl/guard/refused"] >= 2, "the page and its robots.txt"
    assert stats["newscrawl/guard/refused/loopback"] == stats["newscrawl/guard/refused"]

    log, stats = crawl(tmp_path, "allowed", url, allow=True)
    assert ("GET", url) in world_server.requests
    assert "newscrawl/guard/refused" not in stats
    assert stats["newscrawl/warc/records"] >= 2


def test_a_profile_hosts_entry_must_start_with_an_address(tmp_path: Path) -> None:
    profile = tmp_path / "hosts.toml"
    text = '[seeds]\nstart_urls = ["http://news.example/"]\n[network]\nhosts = [{entry}]\n'
    profile.write_text(text.format(entry='"news.example 127.0.0.1"'))
    with pytest.raises(ProfileError, match=r"network\.hosts.*ADDRESS NAME"):
        load_profile(profile)
    profile.write_text(text.format(entry='"127.0.0.1 news.example"'))
    settings = load_profile(profile).scrapy_settings()
    assert settings["NEWSCRAWL_HOSTS"] == ["127.0.0.1 news.example"]


class Receiver:
    """What Twisted's connection code hands a name resolver (its method names are Twisted's):
    collects the addresses."""

    def __init__(self) -> None:
        self.addresses: list[str] = []
        self.done = asyncio.get_running_loop().create_future()

    def resolutionBegan(self, resolution: object) -> None:
        pass

    def addressResolved(self, address: IPv4Address | IPv6Address) -> None:
        self.addresses.append(f"{address.host}:{address.port}")

    def resolutionComplete(self) -> None:
        self.done.set_result(None)


def test_the_resolver_hands_the_connection_only_checked_addresses() -> None:
    dns = FakeDNS(
        {
            "news.example": [PUBLIC],
            "evil.example": [PUBLIC, "fe80::1%eth0"],
            "lan.example": ["10.0.0.1"],
        }
    )
    resolver = GuardedResolver(lookup=dns)

    async def resolve(name: str) -> list[str]:
        receiver = Receiver()
        resolver.resolveHostName(receiver, name, 443)
        await receiver.done
        return receiver.addresses

    assert asyncio.run(resolve("news.example")) == [f"{PUBLIC}:443"]
    assert asyncio.run(resolve("evil.example")) == [], "one forbidden answer refuses them all"
    assert asyncio.run(resolve("lan.example")) == []
    assert asyncio.run(resolve("unknown.example")) == [], "a failed lookup gives no address"
    assert asyncio.run(resolve("127.0.0.1")) == []
    resolver.vet("127.0.0.1", ["127.0.0.1"])
    assert asyncio.run(resolve("127.0.0.1")) == ["127.0.0.1:443"], "what the guard vetted"
