"""Incremental runs: the crawl state, revisit records (golden), and `newscrawl demo` run twice
into one folder, which re-fetches only the changed CNBC article and replays the rest in pywb
from revisit records."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import urllib.request
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newscrawl.archive.records import IDENTICAL_PAYLOAD, SERVER_NOT_MODIFIED
from newscrawl.archive.state import STATE_FILE, CrawlState, Known, Stored
from newscrawl.demo import world
from tests.archive.golden import FixedIds, exchange, serialize
from tests.helpers import run_newscrawl, running_pywb, warcio_check
from tests.warcs import Record, read_records

if TYPE_CHECKING:
    from collections.abc import Iterator

FIRST_ID = "<urn:uuid:11111111-1111-1111-1111-111111111111>"
SECOND_ID = "<urn:uuid:22222222-2222-2222-2222-222222222222>"
FIRST_DATE = "2023-06-18T08:15:46.123456Z"
BUFFETT = "http://www.cnbc.com/2025/06/17/jimmy-buffett-estate-family-trusts.html"
UPDATED_TEXT = b"candid, substantive, and constructive"


def _b32(data: bytes) -> str:
    return base64.b32encode(hashlib.sha1(data).digest()).decode()


def test_crawl_state_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / STATE_FILE
    stored = Stored("http://a.example/x", FIRST_DATE, FIRST_ID, "sha1:AAAA")
    known = Known('"e1"', "Sun, 18 Jun 2023 08:00:00 GMT", b"HTTP/1.1 200 OK\r\n\r\n", stored)
    state = CrawlState.open(path)
    state.remember("http://a.example/x", known)
    state.commit()
    state.remember("http://a.example/y", known)  # never committed: dropped
    state.close()
    again = CrawlState.open_readonly(path)
    assert again is not None
    assert again.known("http://a.example/x") == known
    assert again.known("http://a.example/y") is None
    assert again.stored("sha1:AAAA") == stored
    again.close()
    assert CrawlState.open_readonly(tmp_path / "missing.sqlite3") is None


def test_crawl_state_of_a_relative_archive_folder_opens_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newscrawl demo --out archives` names the folder relative to where it runs."""
    monkeypatch.chdir(tmp_path)
    CrawlState.open(Path("archives") / STATE_FILE).close()
    state = CrawlState.open_readonly(Path("archives") / STATE_FILE)
    assert state is not None
    assert state.known("http://a.example/x") is None
    state.close()


def test_first_store_of_a_payload_wins(tmp_path: Path) -> None:
    state = CrawlState.open(tmp_path / STATE_FILE)
    first = Stored("http://a.example/x", FIRST_DATE, FIRST_ID, "sha1:AAAA")
    later = dataclasses.replace(first, target_uri="http://b.example/x", record_id=SECOND_ID)
    state.remember("http://a.example/x", Known(None, None, b"", first))
    state.remember("http://b.example/x", Known(None, None, b"", later))
    assert state.stored("sha1:AAAA") == first
    state.close()


def test_not_modified_revisit_golden_bytes(tmp_path: Path) -> None:
    """A 304 becomes a server-not-modified revisit of the stored response: WARC-Refers-To
    (which warcio leaves out) names it, and the block is its headers freshened by the 304's."""
    state = CrawlState.open(tmp_path / STATE_FILE)
    builder = FixedIds(BytesIO(), gzip=False, warc_version="1.1")
    first = exchange()
    first.records(builder, state)
    not_modified = dataclasses.replace(
        first,
        record_id=SECOND_ID,
        status_line=b"HTTP/1.1 304 Not Modified",
        response_headers=[(b"Date", b"Mon, 19 Jun 2023 08:00:00 GMT"), (b"Set-Cookie", b"c=3")],
        body=b"",
    )
    revisit, request = not_modified.records(builder, state)
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Odd: caf\xe9\r\n"
        b"Date: Mon, 19 Jun 2023 08:00:00 GMT\r\nSet-Cookie: c=3\r\n\r\n"
    )
    assert serialize([revisit]) == (
        b"WARC/1.1\r\n"
        b"WARC-Record-ID: " + SECOND_ID.encode() + b"\r\n"
        b"WARC-Date: " + FIRST_DATE.encode() + b"\r\n"
        b"WARC-IP-Address: 127.0.0.1\r\n"
        b"WARC-Refers-To: " + FIRST_ID.encode() + b"\r\n"
        b"WARC-Type: revisit\r\n"
        b"WARC-Target-URI: http://www.example.com/a?b=1\r\n"
        b"WARC-Profile: " + SERVER_NOT_MODIFIED.encode() + b"\r\n"
        b"WARC-Refers-To-Target-URI: http://www.example.com/a?b=1\r\n"
        b"WARC-Refers-To-Date: " + FIRST_DATE.encode() + b"\r\n"
        b"WARC-Payload-Digest: sha1:" + _b32(first.body).encode() + b"\r\n"
        b"WARC-Block-Digest: sha1:" + _b32(http).encode() + b"\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    )
    assert request.rec_headers.get_header("WARC-Concurrent-To") == SECOND_ID
    assert state.counts == {"new": 1, "revisits": 1}
    state.close()


def test_identical_payload_elsewhere_is_a_revisit(tmp_path: Path) -> None:
    state = CrawlState.open(tmp_path / STATE_FILE)
    builder = FixedIds(BytesIO(), gzip=False, warc_version="1.1")
    first = exchange()
    first.records(builder, state)
    copy = dataclasses.replace(first, url="http://mirror.example/a", record_id=SECOND_ID)
    revisit, _ = copy.records(builder, state)
    headers = revisit.rec_headers
    assert revisit.rec_type == "revisit"
    assert headers.get_header("WARC-Profile") == IDENTICAL_PAYLOAD
    assert headers.get_header("WARC-Refers-To") == FIRST_ID
    assert headers.get_header("WARC-Refers-To-Target-URI") == first.url
    assert headers.get_header("WARC-Refers-To-Date") == FIRST_DATE
    assert revisit.http_headers.get_statuscode() == "200"
    changed = dataclasses.replace(first, record_id=SECOND_ID, body=b"<html>new</html>")
    assert changed.records(builder, state)[0].rec_type == "response"
    assert state.counts == {"new": 1, "revisits": 1, "changed": 1}
    state.close()


@dataclasses.dataclass
class Runs:
    folder: Path
    first: list[Record]
    second: list[Record]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """`newscrawl demo --out DIR` twice: the second run finds DIR and the updated world."""
    out = tmp_path_factory.mktemp("incremental")
    folder = out / "demo"
    first = run_newscrawl("demo", "--out", str(out))
    assert first.returncode == 0, first.stdout + first.stderr
    earlier = set(folder.glob("*.warc.gz"))
    second = run_newscrawl("demo", "--out", str(out))
    assert second.returncode == 0, second.stdout + second.stderr
    assert "(updated version)" in second.stderr
    later = set(folder.glob("*.warc.gz")) - earlier
    return Runs(folder, read_records(sorted(earlier)), read_records(sorted(later)))


def test_every_warc_of_both_runs_passes_warcio_check(runs: Runs) -> None:
    for path in sorted(runs.folder.glob("*.warc.gz")):
        check = warcio_check(path)
        assert check.returncode == 0, check.stdout + check.stderr


def test_second_run_refetches_only_the_changed_article(runs: Runs) -> None:
    articles = re.compile(world.ARTICLE_PATTERN)
    fetched = {r.uri for r in runs.second if r.type == "response" and articles.match(r.uri)}
    assert fetched == {world.CNBC_ARTICLE}
    (old,) = [r for r in runs.first if r.type == "response" and r.uri == world.CNBC_ARTICLE]
    (new,) = [r for r in runs.second if r.type == "response" and r.uri == world.CNBC_ARTICLE]
    assert UPDATED_TEXT in new.content
    assert UPDATED_TEXT not in old.content
    *_, second = sorted(runs.folder.glob("*-summary.json"))  # run ids sort by start time
    stats = json.loads(second.read_text())
    for name in ("not_modified", "revisits", "changed"):
        assert stats[f"newscrawl/incremental/{name}"] > 0


def test_unchanged_pages_are_revisits_of_the_first_run(runs: Runs) -> None:
    stored = {r.id: r for r in runs.first if r.type == "response"}
    revisits = [r for r in runs.second if r.type == "revisit"]
    profiles = {r.headers.get_header("WARC-Profile") for r in revisits}
    assert profiles == {SERVER_NOT_MODIFIED, IDENTICAL_PAYLOAD}
    assert BUFFETT in {r.uri for r in revisits}
    for revisit in revisits:
        original = stored[revisit.headers.get_header("WARC-Refers-To")]
        headers = revisit.headers
        assert headers.get_header("WARC-Refers-To-Target-URI") == original.uri
        assert headers.get_header("WARC-Refers-To-Date") == original.headers.get_header("WARC-Date")
        digest = original.headers.get_header("WARC-Payload-Digest")
        assert headers.get_header("WARC-Payload-Digest") == digest
        if headers.get_header("WARC-Profile") == SERVER_NOT_MODIFIED:
            assert original.uri == revisit.uri
        assert revisit.status == 200
    conditional = [r for r in runs.second if r.type == "request" and r.uri == BUFFETT]
    assert conditional[0].http.get_header("If-None-Match")


@pytest.fixture(scope="module")
def pywb_both(runs: Runs, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """pywb with both runs' WARCs (one folder) as collection `demo`; yields its base URL."""
    with running_pywb(runs.folder, tmp_path_factory.mktemp("pywb-incremental")) as base:
        yield base


def _replay(base: str, timestamp: str, url: str) -> bytes:
    with urllib.request.urlopen(f"{base}/demo/{timestamp}id_/{url}", timeout=30) as reply:
        assert reply.status == 200
        return reply.read()


def _timestamp(record: Record) -> str:
    return re.sub(r"\D", "", record.headers.get_header("WARC-Date"))[:14]


@pytest.mark.pywb
def test_pywb_replays_unchanged_page_from_its_revisit(runs: Runs, pywb_both: str) -> None:
    (revisit,) = [r for r in runs.second if r.type == "revisit" and r.uri == BUFFETT]
    body = _replay(pywb_both, _timestamp(revisit), BUFFETT)
    assert b"A court fight over the estate of the late singer Jimmy Buffett" in body


@pytest.mark.pywb
def test_pywb_replays_the_updated_article(runs: Runs, pywb_both: str) -> None:
    (new,) = [r for r in runs.second if r.type == "response" and r.uri == world.CNBC_ARTICLE]
    assert UPDATED_TEXT in _replay(pywb_both, _timestamp(new), world.CNBC_ARTICLE)
