"""The main job, end to end: `newscrawl demo` crawls the demo world over loopback into WARCs
that warcio verifies, a CDXJ that lists them, a WACZ that validates and pywb replays."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import urllib.request
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo import world
from tests.helpers import tool, warcio_check
from tests.warcs import Record, read_records

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def records(demo_archive: Path) -> list[Record]:
    return read_records(sorted(demo_archive.glob("*.warc.gz")))


def responses(records: list[Record]) -> dict[str, Record]:
    return {r.uri: r for r in records if r.type == "response"}


def test_demo_command_reports_what_it_did(
    demo_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _folder, result = demo_run
    assert result.returncode == 0, result.stderr
    assert "finished:" in result.stderr
    assert "WARC records" in result.stderr
    assert "where it is:" in result.stderr


def test_every_warc_passes_warcio_check(demo_archive: Path) -> None:
    warcs = sorted(demo_archive.glob("*.warc.gz"))
    assert warcs
    assert not list(demo_archive.glob("*.open"))
    for path in warcs:
        check = warcio_check(path)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "digest pass" in check.stdout


def test_warcinfo_opens_each_file(records: list[Record]) -> None:
    first = {}
    for record in records:
        first.setdefault(record.file, record)
    for record in first.values():
        assert record.type == "warcinfo"
        assert record.headers.protocol == "WARC/1.1"
        info = record.raw.decode()
        for field in (
            "software: newscrawl/",
            "format: WARC File Format 1.1",
            "hostname: ",
            "isPartOf: demo",
            "robots: obey",
            "crawl-profile: ",
            "operator: ",
        ):
            assert field in info


@pytest.mark.parametrize(
    "url",
    [*world.SEED_COPIES.values(), world.CNBC_ARTICLE, world.BENZINGA_ORIGINAL, world.REUTERS_WIRE],
)
def test_pages_are_archived_as_request_response_pairs(records: list[Record], url: str) -> None:
    response = responses(records)[url]
    assert response.status == 200
    assert response.headers.get_header("WARC-IP-Address") == "127.0.0.1"
    requests = [r for r in records if r.type == "request" and r.uri == url]
    assert [r.headers.get_header("WARC-Concurrent-To") for r in requests] == [response.id]
    assert requests[0].headers.get_header("WARC-Date") == response.headers.get_header("WARC-Date")
    assert requests[0].http.protocol == "GET"


def test_robots_redirect_404_and_asset_are_archived(records: list[Record]) -> None:
    by_uri = responses(records)
    robots = [u for u in by_uri if u.endswith("/robots.txt")]
    assert "http://www.cnbc.com/robots.txt" in robots
    redirect = by_uri[world.CNBC_REDIRECT]
    assert redirect.status == 301
    assert redirect.http.get_header("Location") == world.CNBC_ARTICLE
    assert by_uri[world.NOT_FOUND].status == 404
    image = by_uri[world.CNBC_IMAGE]
    assert image.http.get_header("Content-Type").startswith("image/")


def test_robots_txt_is_obeyed(records: list[Record]) -> None:
    assert world.ROBOTS_DISALLOWED not in {r.uri for r in records}
    assert not any("/pro/" in r.uri for r in records if r.type in ("request", "response"))


def test_payload_digests_verify(records: list[Record]) -> None:
    checked = 0
    for record in records:
        if record.type != "response":
            continue
        digest = "sha1:" + base64.b32encode(hashlib.sha1(record.raw).digest()).decode()
        assert record.headers.get_header("WARC-Payload-Digest") == digest, record.uri
        checked += 1
    assert checked > 20


def test_gzip_body_is_stored_as_sent(records: list[Record]) -> None:
    page = responses(records)[world.GZIP_PAGE]
    assert page.http.get_header("Content-Encoding") == "gzip"
    assert page.raw[:2] == b"\x1f\x8b"
    assert int(page.http.get_header("Content-Length")) == len(page.raw)
    assert b"reports CNN" in page.content


def test_chunked_body_is_stored_decoded_with_matching_headers(records: list[Record]) -> None:
    page = responses(records)[world.CHUNKED_PAGE]
    assert page.http.get_header("Transfer-Encoding") is None
    assert b"Produced in association with <a" in page.raw


def test_metadata_records_hold_outlinks(records: list[Record]) -> None:
    by_id = {r.id: r for r in records}
    metadata = {r.uri: r for r in records if r.type == "metadata"}
    autoblog = metadata[world.AUTOBLOG_COPY]
    assert by_id[autoblog.headers.get_header("WARC-Concurrent-To")].uri == world.AUTOBLOG_COPY
    fields = autoblog.raw.decode()
    assert f"outlink: {world.CNBC_ARTICLE}\r\n" in fields
    assert "fetchTimeMs: " in fields
    assert "hopsFromSeed: " in fields


def test_cdxj_lists_every_response(demo_archive: Path, records: list[Record]) -> None:
    (cdxj,) = demo_archive.glob("*.cdxj")
    lines = [json.loads(line.split(" ", 2)[2]) for line in cdxj.read_text().splitlines()]
    indexed = {(e["url"], e["filename"], int(e["offset"])) for e in lines if "url" in e}
    wanted = {(r.uri, r.file, r.offset) for r in records if r.type == "response"}
    assert wanted <= indexed


def test_wacz_validates_and_lists_articles(demo_archive: Path) -> None:
    (wacz,) = demo_archive.glob("*.wacz")
    check = subprocess.run(
        [tool("wacz"), "validate", "-f", str(wacz)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    (pages,) = demo_archive.glob("*-pages.jsonl")
    entries = [json.loads(line) for line in pages.read_text().splitlines()]
    assert entries[0]["format"] == "json-pages-1.0"
    urls = {e["url"]: e["title"] for e in entries[1:]}
    for url in world.SEED_COPIES.values():
        assert urls[url], f"{url} listed with its title"


@pytest.mark.pywb
@pytest.mark.parametrize(
    ("url", "needles"),
    [
        (
            world.AUTOBLOG_COPY,
            [b">Source link</a>", world.CNBC_ARTICLE.encode(), b"Overseas Minister Qin Gang"],
        ),
        (world.GZIP_PAGE, [b"reports CNN", b"Diaoyutai State Guesthouse"]),
        (world.CHUNKED_PAGE, [b"Produced in association with", b"Hua Chunying"]),
    ],
)
def test_pywb_replays_archived_pages(pywb: str, url: str, needles: list[bytes]) -> None:
    with urllib.request.urlopen(f"{pywb}/demo/id_/{url}", timeout=30) as reply:
        body = reply.read()
        assert reply.status == 200
    for needle in needles:
        assert needle in body, needle
