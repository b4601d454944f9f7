"""`newscrawl export` on the demo run's WARCs: one dataset, loaded as a user would load it."""

from __future__ import annotations

import json
import shutil
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import pytest
from warcio.warcwriter import WARCWriter

from newscrawl.archive.reader import crawl_articles
from newscrawl.demo import world
from tests.helpers import run_newscrawl

if TYPE_CHECKING:
    from pathlib import Path

# Every column, as DuckDB types it (read with hive partitioning, as the README says).
DUCKDB_TYPES = {
    "url": "VARCHAR",
    "canonical_url": "VARCHAR",
    "syndication_urls": "VARCHAR[]",
    "title": "VARCHAR",
    "body": "VARCHAR",
    "authors": "VARCHAR[]",
    "published": "VARCHAR",
    "modified": "VARCHAR",
    "language": "VARCHAR",
    "site_name": "VARCHAR",
    "publisher": "VARCHAR",
    "description": "VARCHAR",
    "section": "VARCHAR",
    "tags": "VARCHAR[]",
    "image": "VARCHAR",
    "links_out": 'STRUCT(url VARCHAR, "text" VARCHAR)[]',
    "credits": "VARCHAR[]",
    "structured": "VARCHAR",
    "warc_file": "VARCHAR",
    "warc_record_id": "VARCHAR",
    "warc_offset": "BIGINT",
    "fetched_at": "VARCHAR",
    "payload_digest": "VARCHAR",
    "status": "INTEGER",
    "site_chrome": "VARCHAR[]",
    "original_url": "VARCHAR",
    "relation": "VARCHAR",
    "confidence": "DOUBLE",
    "cluster": "VARCHAR",
    "evidence": "STRUCT(kind VARCHAR, detail VARCHAR)[]",
    "sources": 'STRUCT("name" VARCHAR, url VARCHAR)[]',
    "crawl_date": "DATE",
}
LIST_COLUMNS = (
    "syndication_urls",
    "authors",
    "tags",
    "links_out",
    "credits",
    "site_chrome",
    "evidence",
    "sources",
)


@pytest.fixture(scope="module")
def export(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    done = run_newscrawl("export", str(demo_archive), "--out", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "1  spun" in done.stderr
    assert f'pd.read_parquet("{out / "parquet"}")' in done.stderr
    assert f'load_dataset("parquet", data_files="{out / "parquet"}/**/*.parquet")' in done.stderr
    return out


@pytest.fixture(scope="module")
def crawled(demo_archive: Path) -> list[str]:
    """The URLs of the articles the demo crawl itself extracted (its RUN-articles.jsonl)."""
    (articles,) = demo_archive.glob("*-articles.jsonl")
    return [json.loads(line)["url"] for line in articles.read_text().splitlines()]


def parquet_sql(export: Path) -> str:
    return f"select * from read_parquet('{export}/parquet/*/*.parquet', hive_partitioning=true)"


def test_one_row_per_article_the_crawl_kept(export: Path, crawled: list[str]) -> None:
    urls = [row[0] for row in duckdb.sql(f"select url from ({parquet_sql(export)})").fetchall()]
    assert len(crawled) >= len(world.SEED_COPIES)
    assert sorted(urls) == sorted(crawled)
    # The home pages the crawl fetched for their links are archived but are not articles.
    assert "http://www.cnbc.com/" not in urls
    assert "http://headtopics.com/my/" not in urls
    jsonl = (export / "articles.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["url"] for line in jsonl) == sorted(crawled)


def test_the_crawls_page_lists_say_which_pages_are_articles(
    demo_archive: Path, crawled: list[str], tmp_path: Path
) -> None:
    (warc,) = demo_archive.glob("*.warc.gz")
    (wacz,) = demo_archive.glob("*.wacz")
    assert crawl_articles([str(demo_archive)]) == {warc.name: frozenset(crawled)}
    assert crawl_articles([str(wacz)]) == {warc.name: frozenset(crawled)}
    # A WARC without its run's page list (from elsewhere, or a killed run): every page counts,
    # even beside a WACZ that packs it with a later run's pages.
    shutil.copy(warc, tmp_path)
    assert crawl_articles([str(tmp_path)]) == {}
    shutil.copy(wacz, tmp_path)
    assert crawl_articles([str(tmp_path)]) == {}


def test_page_lists_of_other_tools_filter_nothing(tmp_path: Path) -> None:
    """Browsertrix lists its seeds in pages.jsonl (the rest in extraPages.jsonl): its WARCs
    carry no newscrawl run-id, so none of their pages is dropped."""
    warc = BytesIO()
    writer = WARCWriter(warc, gzip=True)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "other"}))
    wacz = tmp_path / "other.wacz"
    with zipfile.ZipFile(wacz, "w") as package:
        package.writestr("archive/crawl.warc.gz", warc.getvalue())
        package.writestr(
            "pages/pages.jsonl", '{"format": "json-pages-1.0"}\n{"url": "http://a/"}\n'
        )
    assert crawl_articles([str(wacz)]) == {}


def test_duckdb_reads_every_column_with_its_type_and_provenance(export: Path) -> None:
    described = duckdb.sql(f"describe {parquet_sql(export)}").fetchall()
    assert {name: kind for name, kind, *_ in described} == DUCKDB_TYPES
    rows = duckdb.sql(
        f"select url, relation, original_url, confidence from ({parquet_sql(export)})"
    ).fetchall()
    by_url = {url: rest for url, *rest in rows}
    [relation, original, confidence] = by_url[world.AUTOBLOG_COPY]
    assert (relation, original) == ("spun", world.CNBC_ARTICLE)
    assert 0 < confidence <= 1
    assert by_url[world.CNBC_ARTICLE][0] == "original"


def test_pandas_reads_the_partitions_with_their_types(export: Path, crawled: list[str]) -> None:
    frame = pd.read_parquet(export / "parquet")
    assert len(frame) == len(crawled)
    assert list(frame.columns) == list(DUCKDB_TYPES)
    assert frame["confidence"].dtype == "float64"
    assert frame["status"].dtype == "int32"
    assert frame["warc_offset"].dtype == "int64"
    assert isinstance(frame["crawl_date"].dtype, pd.CategoricalDtype)
    for column in ("url", "title", "body", "relation", "cluster", "fetched_at"):
        assert pd.api.types.is_string_dtype(frame[column]), column
    for column in LIST_COLUMNS:
        assert frame[column].map(lambda value: hasattr(value, "__len__")).all(), column
    dates = set(frame["crawl_date"].astype(str))
    assert dates == {fetched[:10] for fetched in frame["fetched_at"]}
    for date in dates:
        assert (export / "parquet" / f"crawl_date={date}" / "part-0.parquet").is_file()
    autoblog = frame.set_index("url").loc[world.AUTOBLOG_COPY]
    assert {e["kind"] for e in autoblog["evidence"]} >= {"source-link"}


def test_hugging_face_datasets_loads_every_column(
    export: Path, crawled: list[str], tmp_path: Path
) -> None:
    from datasets import load_dataset

    files = f"{export}/parquet/**/*.parquet"
    loaded = load_dataset("parquet", data_files=files, split="train", cache_dir=str(tmp_path))
    assert loaded.num_rows == len(crawled)
    assert loaded.column_names == list(DUCKDB_TYPES)
    autoblog = next(row for row in loaded if row["url"] == world.AUTOBLOG_COPY)
    assert autoblog["relation"] == "spun"
    assert autoblog["crawl_date"] == autoblog["fetched_at"][:10]
    assert loaded.features["confidence"].dtype == "float64"


def test_schema_file_describes_every_column_as_stored(export: Path) -> None:
    schema = json.loads((export / "schema.json").read_text())
    assert [f["name"] for f in schema["fields"]] == list(DUCKDB_TYPES)
    assert all(f["description"] for f in schema["fields"])
    assert schema["partitioning"] == {"style": "hive", "columns": ["crawl_date"]}
    types = {f["name"]: f["type"] for f in schema["fields"]}
    assert types["confidence"] == "double"
    assert types["status"] == "int32"
    assert types["evidence"] == "list<element: struct<kind: string, detail: string>>"
    assert types["crawl_date"] == "dictionary<values=string, indices=int32, ordered=0>"
    first = json.loads((export / "articles.jsonl").read_text().splitlines()[0])
    assert list(first) == list(DUCKDB_TYPES)
