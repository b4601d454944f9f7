"""Bad input never stops a crawl: each fault is logged, counted, and archived where fetched."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from newscrawl.demo.responses import Resource
from tests.helpers import run_newscrawl
from tests.warcs import raw_record, read_records

if TYPE_CHECKING:
    from pathlib import Path

    from newscrawl.demo.server import DemoServer

PROFILE = """
name = "faults"
[seeds]
start_urls = ["{base}/2023/start.html", "http://127.0.0.1:9/2023/unreachable.html"]
[scope]
allowed_domains = ["127.0.0.1"]
article_patterns = ['/2023/']
[politeness]
autothrottle = false
[network]
allow_loopback = true
"""


def html(text: str, links: tuple[str, ...] = ()) -> bytes:
    anchors = "".join(f'<a href="{href}">{href}</a>' for href in links)
    head = f"<head><title>{text}</title></head>"
    return f"<html>{head}<body><p>{text}</p>{anchors}</body></html>".encode()


def page(body: bytes, status: int = 200, headers: tuple[tuple[str, str], ...] = ()) -> Resource:
    return Resource(status, (("Content-Type", "text/html; charset=utf-8"), *headers), body)


def test_faults_are_counted_archived_and_survived(world_server: DemoServer, tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{world_server.port}"
    world = world_server.resolver
    faults = ("/2023/error.html", "/2023/huge.html", "/2023/odd-headers.html", "/2023/after.html")
    world.add(
        f"{base}/robots.txt", Resource(200, (("Content-Type", "text/plain"),), b"User-agent: *\n")
    )
    world.add(f"{base}/2023/start.html", page(html("start", faults)))
    world.add(f"{base}/2023/error.html", page(html("server error"), status=500))
    world.add(f"{base}/2023/huge.html", page(b"<html>" + b"x" * 300_000 + b"</html>"))
    world.add(
        f"{base}/2023/odd-headers.html", page(html("odd"), headers=(("X-Odd", "caf\xe9 \x01"),))
    )
    world.add(f"{base}/2023/after.html", page(html("after the faults")))
    profile = tmp_path / "faults.toml"
    profile.write_text(PROFILE.format(base=base))

    done = run_newscrawl(
        "crawl",
        str(profile),
        "--out",
        str(tmp_path),
        "-s",
        "DOWNLOAD_MAXSIZE=100000",
        "-s",
        "RETRY_TIMES=0",
    )

    assert done.returncode == 0, done.stderr
    log = done.stderr
    assert "huge.html" in log and "max size" in log.lower(), "an oversized page is logged"
    assert "unreachable.html" in log, "an unreachable host is logged"
    (summary,) = (tmp_path / "faults").glob("*-summary.json")
    stats = json.loads(summary.read_text())
    assert stats["finish_reason"] == "finished"
    assert stats["newscrawl/fetch/errors"] >= 2, "oversized and unreachable are counted"
    assert stats["downloader/response_status_count/500"] == 1
    records = read_records(sorted((tmp_path / "faults").glob("*.warc.gz")))
    statuses = {r.uri: r.status for r in records if r.type == "response"}
    assert statuses[f"{base}/2023/error.html"] == 500, "a 500 is archived"
    assert statuses[f"{base}/2023/after.html"] == 200, "the crawl went on"
    odd = next(r for r in records if r.type == "response" and r.uri.endswith("odd-headers.html"))
    raw = raw_record(tmp_path / "faults" / odd.file, odd.offset)
    assert b"X-Odd: caf\xe9 \x01\r\n" in raw, "header bytes are kept as received"
    assert f"{base}/2023/huge.html" not in statuses, (
        "an aborted download has no response to archive"
    )
