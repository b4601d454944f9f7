"""A pointer through a redirect the archive holds: a copy's Source link to a feed redirector
leads to the page its 3xx names, as `newscrawl provenance` reads the WARC."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import pyarrow.parquet as pq
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.archive.reader import ReadReport
from newscrawl.extract.offline import extract_archives
from newscrawl.extract.store import READ, store_info, store_path
from newscrawl.provenance.candidates import CandidateIndex
from newscrawl.provenance.command import run_provenance
from newscrawl.provenance.redirects import archived_redirects
from tests.provenance.pseudo_news import prose
from tests.provenance.test_incremental_runs import page

if TYPE_CHECKING:
    from pathlib import Path

ORIGINAL = "http://harborgazette.com/news/2024/05/port-tariff/"
COPY = "http://dailyscoop.net/2024/05/port-tariff/"
RELAY = "http://feeds.linkrelay.test/~r/scoop/~3/5d74e84269/"


def _warc(path: Path, records: list[tuple[str, str, list[tuple[str, str]], bytes]]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        for url, status, headers, body in records:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http
                )
            )


HTML = [("Content-Type", "text/html; charset=utf-8")]


def _copy() -> tuple[str, str, list[tuple[str, str]], bytes]:
    excerpt = "\n\n".join(prose("port", paragraphs=8).split("\n\n")[:4])
    source = f'<p><a href="{RELAY}">Source link</a></p>'
    return COPY, "200 OK", HTML, page("Port tariff", excerpt, source)


def _redirect_and_original(location: str) -> list[tuple[str, str, list[tuple[str, str]], bytes]]:
    return [
        (RELAY, "301 Moved Permanently", [("Location", location)], b""),
        (ORIGINAL, "200 OK", HTML, page("Port tariff", prose("port", paragraphs=8))),
    ]


def _archive(folder: Path, location: str) -> None:
    _warc(folder / "crawl-00000.warc.gz", [_copy(), *_redirect_and_original(location)])


def test_a_source_link_through_an_archived_redirect_reaches_the_original(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    _archive(folder, ORIGINAL)
    out = tmp_path / "provenance.jsonl"
    run_provenance([str(folder)], out)
    records = {r["url"]: r for r in map(json.loads, out.read_text().splitlines())}
    copy = records[COPY]
    assert (copy["original_url"], copy["relation"]) == (ORIGINAL, "excerpt")
    kinds = {e["kind"]: e["detail"] for e in copy["evidence"]}
    assert kinds["redirect"] == f"{RELAY} -> {ORIGINAL}"
    assert kinds["points-to"] == ORIGINAL
    assert records[ORIGINAL]["relation"] == "original"


def test_a_relative_location_is_read_against_the_redirect(tmp_path: Path) -> None:
    _archive(tmp_path, "/elsewhere/")
    found = archived_redirects(ReadReport(redirects_unread=[tmp_path / "crawl-00000.warc.gz"]))
    assert found == {
        "feeds.linkrelay.test/~r/scoop/~3/5d74e84269": "http://feeds.linkrelay.test/elsewhere/"
    }


def _linked_copy(folder: Path, out: Path) -> dict:
    run_provenance([str(folder)], out)
    return {r["url"]: r for r in map(json.loads, out.read_text().splitlines())}[COPY]


def test_the_article_store_keeps_the_redirects_so_the_warc_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    _archive(folder, ORIGINAL)
    warc = folder / "crawl-00000.warc.gz"
    summary = extract_archives([str(folder)], lambda article: None, workers=1, store=True)
    assert summary.report.redirects == {RELAY: ORIGINAL}
    info = store_info(warc)
    assert info is not None and info.read.redirects == {RELAY: ORIGINAL}
    # The WARC's bytes gone (its name and size kept): the articles and the redirect can only
    # come from the store.
    warc.write_bytes(bytes(warc.stat().st_size))
    copy = _linked_copy(folder, tmp_path / "provenance.jsonl")
    assert (copy["original_url"], copy["relation"]) == (ORIGINAL, "excerpt")
    assert f"{RELAY} -> {ORIGINAL}" in {e["detail"] for e in copy["evidence"]}


def test_a_store_that_does_not_say_has_its_redirects_read_from_the_warc(tmp_path: Path) -> None:
    # A store written before redirects were kept: its WARC's headers are read for them.
    folder = tmp_path / "archive"
    folder.mkdir()
    _archive(folder, ORIGINAL)
    warc = folder / "crawl-00000.warc.gz"
    extract_archives([str(folder)], lambda article: None, workers=1, store=True)
    path = store_path(warc)
    table, metadata = pq.read_table(path), pq.read_metadata(path).metadata
    read = json.loads(metadata[READ.encode()])
    del read["redirects"]
    with pq.ParquetWriter(path, table.schema) as writer:
        writer.write_table(table)
        kept = {k.decode(): v.decode() for k, v in metadata.items() if k.startswith(b"newscrawl.")}
        writer.add_key_value_metadata({**kept, READ: json.dumps(read)})
    info = store_info(warc)
    assert info is not None and info.read.redirects is None
    copy = _linked_copy(folder, tmp_path / "provenance.jsonl")
    assert f"{RELAY} -> {ORIGINAL}" in {e["detail"] for e in copy["evidence"]}


def test_a_redirect_to_a_home_page_leaves_the_pointer_as_it_was(tmp_path: Path) -> None:
    # A page gone and redirected to its site's front says nothing of where the text went.
    folder = tmp_path / "archive"
    folder.mkdir()
    _archive(folder, "http://feeds.linkrelay.test/")
    out = tmp_path / "provenance.jsonl"
    run_provenance([str(folder)], out)
    copy = {r["url"]: r for r in map(json.loads, out.read_text().splitlines())}[COPY]
    assert "redirect" not in {e["kind"] for e in copy["evidence"]}


def test_a_redirect_archived_in_an_earlier_run_still_leads_on(tmp_path: Path) -> None:
    # The hourly crawl that followed the redirect is linked an hour before the one that
    # brings the copy pointing through it.
    folder = tmp_path / "archive"
    folder.mkdir()
    _warc(folder / "crawl-00000.warc.gz", _redirect_and_original(ORIGINAL))
    out = tmp_path / "provenance.jsonl"
    with CandidateIndex.held(tmp_path / "index") as index:
        run_provenance([str(folder)], out, index)
    _warc(folder / "crawl-00001.warc.gz", [_copy()])
    with CandidateIndex.held(tmp_path / "index") as index:
        run = run_provenance([str(folder)], out, index)
    assert len(run.read) == 1
    copy = {r["url"]: r for r in map(json.loads, out.read_text().splitlines())}[COPY]
    assert (copy["original_url"], copy["relation"]) == (ORIGINAL, "excerpt")
    assert {"redirect", "points-to"} <= {e["kind"] for e in copy["evidence"]}
