"""The article store: a crawl keeps the articles it extracted beside its WARCs, the same,
field by field, as `newscrawl extract` makes of those WARCs (a page whose charset label is
wrong included); provenance, export and report read them and extract only what the store
lacks, or everything again with --re-extract."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscrawl.demo import world
from newscrawl.demo.responses import make_resource
from newscrawl.demo.server import DemoServer
from newscrawl.demo.world import DemoWorld
from newscrawl.extract.offline import extract_archives
from newscrawl.extract.store import (
    EVERY_PAGE,
    READ,
    WARCS,
    read_store,
    store_info,
    store_path,
)
from newscrawl.items import Article
from tests.helpers import crawl_profile, run_newscrawl
from tests.warcs import html, response

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# A UTF-8 page whose server calls it ISO-8859-1 (common), and a Latin-1 page called UTF-8.
MISLABELLED = "http://kitchen.example/2023/05/creme-brulee.html"
LATIN1 = "http://kitchen.example/2023/05/cafe.html"
STORY = (
    "<p>La crème brûlée du café, déjà célèbre, revient cette semaine sur la carte.</p>"
    "<p>Le chef explique pourquoi la crème doit reposer une nuit entière au frais.</p>" * 8
)
PROFILE = """
name = "store"
[seeds]
start_urls = ["{copy}", "{mislabelled}", "{latin1}", "{redirect}"]
[scope]
article_patterns = ['/20\\d\\d/']
max_depth = 1
follow_links = false
[politeness]
autothrottle = false
[network]
proxy = "{proxy}"
allow_loopback = true
hosts = ["127.0.0.1 *"]
"""


def page(title: str) -> str:
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="og:type" content="article"></head>'
        f"<body><article><h1>{title}</h1>{STORY}</article></body></html>"
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A real crawl of the demo world's aggregator copy, two mislabelled pages, and a
    redirect to an article."""
    served = DemoWorld()
    utf8 = page("Crème brûlée").encode("utf-8")
    served.add(MISLABELLED, make_resource(utf8, "text/html; charset=iso-8859-1", None))
    latin1 = page("Café déjà vu").encode("latin-1")
    served.add(LATIN1, make_resource(latin1, "text/html; charset=utf-8", None))
    out = tmp_path_factory.mktemp("store")
    with DemoServer(served) as server:
        text = PROFILE.format(
            copy=world.AUTOBLOG_COPY,
            mislabelled=MISLABELLED,
            latin1=LATIN1,
            redirect=world.CNBC_REDIRECT,
            proxy=server.proxy_url,
        )
        crawl_profile(text, out, "store")
    yield out / "store"


def crawl_store(folder: Path) -> dict[str, Article]:
    (warc,) = folder.glob("*.warc.gz")
    info = store_info(warc)
    assert info is not None and not info.every_page and not info.stale
    return {article.url: article for article in read_store(info)}


def jsonl(path: Path) -> dict[str, dict]:
    return {row["url"]: row for row in map(json.loads, path.read_text().splitlines())}


def test_the_crawls_articles_equal_newscrawl_extract_field_by_field(
    crawled: Path, tmp_path: Path
) -> None:
    stored = crawl_store(crawled)
    assert {world.AUTOBLOG_COPY, MISLABELLED, LATIN1} <= set(stored)
    (feed,) = crawled.glob("*-articles.jsonl")
    out = tmp_path / "extracted.parquet"
    done = run_newscrawl("extract", str(crawled), "--out", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr
    extracted = {row["url"]: row for row in pq.read_table(out).to_pylist()}
    for url, article in stored.items():
        row = extracted[url]
        row["structured"] = json.loads(row["structured"])
        mine = jsonl(feed)[url]
        for name in Article.__dataclass_fields__:
            value = getattr(article, name)
            if name == "links_out":
                value = [{"url": link.url, "text": link.text} for link in value]
            assert value == row[name] == mine[name], (url, name)
    assert "La crème brûlée du café" in stored[MISLABELLED].body
    assert stored[MISLABELLED].title == "Crème brûlée"
    assert "Ã" not in stored[MISLABELLED].body + stored[LATIN1].body
    assert stored[LATIN1].title == "Café déjà vu"


def test_the_crawls_store_says_where_its_redirects_led(crawled: Path) -> None:
    # So that provenance follows a pointer through them without reading the WARC again.
    (warc,) = crawled.glob("*.warc.gz")
    info = store_info(warc)
    assert info is not None
    assert info.read.redirects is not None
    assert info.read.redirects[world.CNBC_REDIRECT] == world.CNBC_ARTICLE
    read = extract_archives([str(warc)], lambda article: None, workers=1, re_extract=True)
    assert info.read.redirects == read.report.redirects, "as reading the WARC finds them"
    assert world.CNBC_ARTICLE in {article.url for article in read_store(info)}


def rewrite_store(warc: Path, change: dict[str, object]) -> None:
    """Change columns of every row of a store file, keeping what it says of itself."""
    path = store_path(warc)
    table = pq.read_table(path)
    metadata = pq.read_metadata(path).metadata
    for name, value in change.items():
        column = pa.array([value] * table.num_rows, table.schema.field(name).type)
        table = table.set_column(table.schema.get_field_index(name), name, column)
    writer = pq.ParquetWriter(path, table.schema)
    writer.write_table(table)
    writer.add_key_value_metadata(
        {k.decode(): v.decode() for k, v in metadata.items() if k.startswith(b"newscrawl.")}
    )
    writer.close()


def test_export_reads_the_store_and_re_extract_extracts_again(
    crawled: Path, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh"
    done = run_newscrawl("export", str(crawled), "--out", str(fresh), "--re-extract")
    assert done.returncode == 0, done.stderr
    (warc,) = crawled.glob("*.warc.gz")
    rewrite_store(warc, {"title": "From the store", "extractor": "newscrawl 0.0.1"})
    stored = tmp_path / "stored"
    done = run_newscrawl("export", str(crawled), "--out", str(stored))
    assert done.returncode == 0, done.stderr
    assert "come from another extractor than this one: --re-extract" in done.stderr
    rows = jsonl(stored / "articles.jsonl")
    assert {row["title"] for row in rows.values()} == {"From the store"}, "not extracted"
    again = tmp_path / "again"
    done = run_newscrawl("export", str(crawled), "--out", str(again), "--re-extract")
    assert done.returncode == 0, done.stderr
    assert "another extractor" not in done.stderr
    assert (again / "articles.jsonl").read_text() == (fresh / "articles.jsonl").read_text()
    info = store_info(warc)
    assert info is not None and not info.stale, "the store is written again"
    assert {a.title for a in read_store(info)} >= {"Crème brûlée", "Café déjà vu"}


def test_export_from_the_store_equals_export_extracting(crawled: Path, tmp_path: Path) -> None:
    extracting = tmp_path / "extracting"
    done = run_newscrawl("export", str(crawled), "--out", str(extracting), "--re-extract")
    assert done.returncode == 0, done.stderr
    from_store = tmp_path / "from-store"
    done = run_newscrawl("export", str(crawled), "--out", str(from_store))
    assert done.returncode == 0, done.stderr
    expected = (extracting / "articles.jsonl").read_text()
    assert (from_store / "articles.jsonl").read_text() == expected
    assert MISLABELLED in expected


def test_a_foreign_warc_is_extracted_once_and_stored(tmp_path: Path) -> None:
    text = html("A readable page with enough words to keep as an article " * 20)
    warc = tmp_path / "foreign.warc.gz"
    warc.write_bytes(response("http://a.example/2023/one", text) + b"not a record" * 10)
    out = tmp_path / "p.jsonl"
    done = run_newscrawl("provenance", str(warc), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"unreadable {warc} @" in done.stderr
    info = store_info(warc)
    assert info is not None and info.every_page
    assert [a.url for a in read_store(info)] == ["http://a.example/2023/one"]
    assert json.loads(pq.read_metadata(store_path(warc)).metadata[WARCS.encode()]) == [
        ["foreign.warc.gz", warc.stat().st_size]
    ]
    assert json.loads(pq.read_metadata(store_path(warc)).metadata[READ.encode()])["bad"]
    dataset = tmp_path / "articles.jsonl"
    done = run_newscrawl("extract", str(warc), "--out", str(dataset))
    assert done.returncode == 0, done.stderr
    assert "1 files' articles read from the article store" in done.stderr
    assert f"unreadable {warc} @" in done.stderr, "what reading found is reported again"
    assert list(jsonl(dataset)) == ["http://a.example/2023/one"]


@pytest.mark.parametrize("damage", ["not parquet", "other columns"])
def test_a_damaged_or_unfinished_store_is_extracted_again(tmp_path: Path, damage: str) -> None:
    text = html("A readable page with enough words to keep as an article " * 20)
    warc = tmp_path / "foreign.warc.gz"
    warc.write_bytes(response("http://a.example/2023/one", text))
    store = store_path(warc)
    store.parent.mkdir()
    if damage == "not parquet":
        store.write_bytes(b"PAR1 not parquet at all")
    else:
        columns = {"url": ["http://a.example/2023/one"], "evil": ["x"], "extractor": ["y"]}
        table = pa.table(columns)
        with pq.ParquetWriter(store, table.schema) as writer:
            writer.write_table(table)
            writer.add_key_value_metadata(
                {
                    WARCS: json.dumps([[warc.name, warc.stat().st_size]]),
                    EVERY_PAGE: "true",
                    READ: '{"skipped": {}, "bad": [], "notes": [], "failed": []}',
                }
            )
    (store.parent / f".{store.name}.partial").write_bytes(b"left by a killed run")
    dataset = tmp_path / "articles.jsonl"
    done = run_newscrawl("extract", str(warc), "--out", str(dataset))
    assert done.returncode == 0, done.stderr
    assert f"{store}: not an article store" in done.stderr
    assert "read from the article store" not in done.stderr
    assert list(jsonl(dataset)) == ["http://a.example/2023/one"]
    info = store_info(warc)
    assert info is not None and [a.url for a in read_store(info)] == ["http://a.example/2023/one"]
    assert not (store.parent / f".{store.name}.partial").exists()


def test_a_warc_named_twice_is_read_and_stored_once(tmp_path: Path) -> None:
    text = html("A readable page with enough words to keep as an article " * 20)
    warc = tmp_path / "foreign.warc.gz"
    warc.write_bytes(response("http://a.example/2023/one", text))
    dataset = tmp_path / "articles.jsonl"
    for stored in ("", "1 files' articles read from the article store"):
        done = run_newscrawl("extract", str(tmp_path), str(warc), "--out", str(dataset))
        assert done.returncode == 0, done.stderr
        assert "1 articles from 1 files" in done.stderr
        assert stored in done.stderr
        assert list(jsonl(dataset)) == ["http://a.example/2023/one"]
