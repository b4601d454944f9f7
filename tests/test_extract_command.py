"""`newscrawl extract`: the same articles from the WARCs as the live crawl made, on all
cores, into JSONL or Parquet, with a clear report of what it skipped."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING

import pyarrow.parquet as pq
import pytest

from newscrawl.demo import world
from newscrawl.export.datasets import article_schema
from newscrawl.items import Article
from tests.archive.test_reader import html, response
from tests.conftest import run_newscrawl
from tests.warcs import raw_record

if TYPE_CHECKING:
    from pathlib import Path

PAGES = [*world.SEED_COPIES.values(), world.CNBC_ARTICLE, world.BENZINGA_ORIGINAL]


def read_jsonl(path: Path) -> dict[str, dict]:
    return {row["url"]: row for row in map(json.loads, path.read_text().splitlines())}


@pytest.fixture(scope="module")
def offline(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("extract") / "articles.jsonl"
    done = run_newscrawl("extract", str(demo_archive), "--out", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "articles from" in done.stderr
    return read_jsonl(out)


def test_offline_extraction_equals_the_live_crawl(demo_archive: Path, offline: dict) -> None:
    (live_file,) = demo_archive.glob("*-articles.jsonl")
    live = read_jsonl(live_file)
    for url in PAGES:
        assert offline[url] == live[url], url


def test_every_article_traces_back_to_its_warc_record(demo_archive: Path, offline: dict) -> None:
    for url in PAGES:
        article = offline[url]
        record = raw_record(demo_archive / article["warc_file"], article["warc_offset"])
        assert b"WARC-Type: response\r\n" in record
        assert f"WARC-Target-URI: {url}\r\n".encode() in record
        assert f"WARC-Record-ID: {article['warc_record_id']}\r\n".encode() in record
        assert article["body"], url


def test_parquet_has_the_article_schema(demo_archive: Path, tmp_path: Path, offline: dict) -> None:
    out = tmp_path / "articles.parquet"
    done = run_newscrawl("extract", str(demo_archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    table = pq.read_table(out)
    assert table.num_rows == len(offline)
    assert table.schema.names == [f.name for f in dataclasses.fields(Article)]
    assert table.schema == article_schema()
    rows = {row["url"]: row for row in table.to_pylist()}
    autoblog = rows[world.AUTOBLOG_COPY]
    assert {"url": world.CNBC_ARTICLE, "text": "Source link"} in autoblog["links_out"]


def test_bad_input_is_reported_with_file_and_offset(tmp_path: Path) -> None:
    good = response("http://a.example/ok", html("A readable page with enough words to keep"))
    torn = response("http://a.example/torn", html("torn") * 50)[:-60]
    page = "<html><head><title>Café</title></head><body><p>Déjà vu at the café.</p></body></html>"
    latin1 = response("http://a.example/latin1", page.encode("latin-1"), "text/html; charset=utf-8")
    warc = tmp_path / "bad.warc.gz"
    warc.write_bytes(good + torn + latin1)
    (tmp_path / "notes.txt").write_text("not an archive")
    out = tmp_path / "out.jsonl"
    done = run_newscrawl("extract", str(tmp_path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"unreadable {warc} @ {len(good)}:" in done.stderr
    articles = read_jsonl(out)
    assert set(articles) == {"http://a.example/ok", "http://a.example/latin1"}
    assert "Déjà vu at the café." in articles["http://a.example/latin1"]["body"], (
        "Latin-1 bytes declared as UTF-8 come out right"
    )


def test_wrong_output_suffix_names_the_fix(tmp_path: Path) -> None:
    done = run_newscrawl("extract", str(tmp_path), "--out", str(tmp_path / "out.csv"))
    assert done.returncode == 2
    assert "name a .jsonl or .parquet file" in done.stderr
