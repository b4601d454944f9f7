"""`newscrawl export` on the demo run's WARCs: one dataset, loaded as a user would load it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest

from newscrawl.demo import world
from tests.conftest import run_newscrawl

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def export(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    done = run_newscrawl("export", str(demo_archive), "--out", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "1  spun" in done.stderr
    assert f'pd.read_parquet("{out / "parquet"}")' in done.stderr
    return out


def jsonl_rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]


def test_duckdb_reads_every_row_with_its_provenance(export: Path) -> None:
    rows = duckdb.sql(
        "select url, relation, original_url, cluster, crawl_date from read_parquet("
        f"'{export}/parquet/*/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert len(rows) == len(jsonl_rows(export))
    by_url = {url: (relation, original) for url, relation, original, _, _ in rows}
    assert by_url[world.AUTOBLOG_COPY] == ("spun", world.CNBC_ARTICLE)
    assert by_url[world.CNBC_ARTICLE][0] == "original"


def test_pandas_reads_the_partitions(export: Path) -> None:
    frame = pd.read_parquet(export / "parquet")
    jsonl = jsonl_rows(export)
    assert len(frame) == len(jsonl)
    dates = {row["crawl_date"] for row in jsonl}
    assert set(frame["crawl_date"].astype(str)) == dates
    for date in dates:
        assert (export / "parquet" / f"crawl_date={date}" / "part-0.parquet").is_file()
    autoblog = frame.set_index("url").loc[world.AUTOBLOG_COPY]
    assert autoblog["crawl_date"] == autoblog["fetched_at"][:10]
    assert {e["kind"] for e in autoblog["evidence"]} >= {"source-link"}


def test_schema_file_describes_every_column(export: Path) -> None:
    schema = json.loads((export / "schema.json").read_text())
    fields = {f["name"]: f for f in schema["fields"]}
    assert all(f["description"] for f in fields.values())
    assert schema["partitioning"]["columns"] == ["crawl_date"]
    stored = ds.dataset(export / "parquet", format="parquet", partitioning="hive").schema
    files_only = {f.name: str(f.type) for f in stored if f.name != "crawl_date"}
    assert files_only == {name: f["type"] for name, f in fields.items() if name != "crawl_date"}
    assert set(jsonl_rows(export)[0]) == set(fields)
