"""`newscrawl export`: one row per archived article with its provenance beside it, as a
dataset that pandas, DuckDB and Hugging Face `datasets` load in one line.

Articles come from the article store beside the archives (`newscrawl.extract.store`),
written by the crawl or by an earlier command, and are extracted (and stored) only where it
has none: archives from anywhere (and from several runs) then export alike, and every row
points at the WARC record it came from, the key its provenance is joined on. Which pages
are articles stays the crawl's decision (its profile's article patterns, `og:type`, the
sources articles name), as its page list records it; only archives without one (not ours,
or a run killed before it wrote it) count every HTML page. The same rows go to
`articles.jsonl` and to Parquet partitioned by crawl date (hive style,
`parquet/crawl_date=YYYY-MM-DD/`), and `schema.json` gives each column's type and meaning.
Provenance comes from the index `newscrawl provenance` keeps beside the archives, when there
is one (read, never saved): the dataset then has the same fields as provenance.jsonl,
cluster ids included.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscrawl.archive.reader import crawled_articles
from newscrawl.export.datasets import linked_schema
from newscrawl.export.site_chrome import without_site_chrome
from newscrawl.extract.offline import ExtractSummary, extract_archives
from newscrawl.extract.store import parquet_row
from newscrawl.provenance import saved_index
from newscrawl.provenance.command import capture_key, link_captures

if TYPE_CHECKING:
    from collections.abc import Callable

    from distributed import Client

    from newscrawl.archive.reader import Archive
    from newscrawl.items import Article
    from newscrawl.provenance import Provenance

logger = logging.getLogger(__name__)

PARTITION = "crawl_date"
# The folder name hive partitioning reads as null: a capture without a WARC-Date.
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"
# Marks a parquet/ folder as an export's (Parquet readers skip dot files): only such a
# folder is ever replaced, never one of the user's.
MARKER = ".newscrawl-export"

# What each column means; schema.json is built from this and `linked_schema()`.
DESCRIPTIONS = {
    "url": "URL of the capture.",
    "canonical_url": "The page's declared canonical URL.",
    "syndication_urls": "Origin URLs named by syndication-source / original-source tags.",
    "title": "Headline.",
    "body": "Plain text of the article, paragraphs separated by blank lines, no site chrome.",
    "site_chrome": "Paragraphs of the article's text its site repeats on three or more pages "
    "of other texts (newsletter pitches, reposting notes, tip lines); out of body with "
    "--drop-site-chrome.",
    "authors": "Bylines.",
    "published": "Publication time, ISO 8601.",
    "modified": "Last modification time, ISO 8601.",
    "language": "Language code.",
    "site_name": "Name of the site the page is on.",
    "publisher": "Publisher named by the page.",
    "description": "The page's summary (meta or structured data).",
    "section": "Section of the site.",
    "tags": "Keywords and tags.",
    "image": "URL of the lead image.",
    "links_out": "Links in the body with their anchor text (Source link, Read more, ...).",
    "credits": "Photo and wire credit lines.",
    "structured": "JSON text of the page's JSON-LD, microdata, OpenGraph and Dublin Core.",
    "warc_file": "Name of the WARC file holding the capture.",
    "warc_record_id": "WARC-Record-ID of the response record.",
    "warc_offset": "Byte offset of the response record in its WARC file.",
    "fetched_at": "Capture time (WARC-Date), ISO 8601.",
    "payload_digest": "WARC-Payload-Digest of the response.",
    "status": "HTTP status of the response.",
    "original_url": "URL of the story's original (may never have been crawled); null if none.",
    "relation": "original, verbatim, spun, excerpt, rewrite or unknown.",
    "confidence": "How sure the relation and original are, 0 to 1.",
    "cluster": "Identifier shared by every copy and version of one story.",
    "evidence": "Each observation behind the decision: kind and detail.",
    "sources": "Outlets the text attributes itself to, with the URL that named them.",
    PARTITION: "Day of the capture, YYYY-MM-DD (UTC), also the Parquet partition folder's "
    "name: DuckDB reads it as a DATE, pandas as a category, Hugging Face datasets as a string.",
}


class ExportRefused(ValueError):
    """An output folder whose parquet/ folder newscrawl did not write."""


@dataclass
class ExportSummary:
    """What an export wrote."""

    rows: int = 0
    relations: Counter[str] = field(default_factory=Counter)
    extract: ExtractSummary = field(default_factory=ExtractSummary)


def export_linked(
    paths: list[str],
    out: Path,
    workers: int = 0,
    *,
    re_extract: bool = False,
    drop_site_chrome: bool = False,
    client: Client | None = None,
    on_file: Callable[[Archive], None] | None = None,
) -> ExportSummary:
    """Write the articles of the archives under `paths`, with their provenance, to `out`
    (extracting and writing the partitions on the Dask cluster of `client`, if given);
    raise `ExportRefused` before reading anything if `out` holds a parquet/ folder that is
    not an earlier export's."""
    check_replaceable(out / "parquet")
    summary = ExportSummary()
    rows, summary.extract = linked_rows(
        paths,
        workers,
        re_extract=re_extract,
        drop_site_chrome=drop_site_chrome,
        client=client,
        on_file=on_file,
    )
    summary.rows = len(rows)
    summary.relations.update(row["relation"] for row in rows)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "articles.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    write_partitions(rows, out / "parquet", client)
    (out / "schema.json").write_text(json.dumps(schema_document(), indent=2) + "\n")
    return summary


def linked_rows(
    paths: list[str],
    workers: int = 0,
    *,
    re_extract: bool = False,
    drop_site_chrome: bool = False,
    client: Client | None = None,
    on_file: Callable[[Archive], None] | None = None,
) -> tuple[list[dict[str, Any]], ExtractSummary]:
    """One row per article of the archives under `paths`, joined with its provenance on its
    WARC record (shared by the dataset export and the HTML report); the articles come from
    the store, or are extracted (on the Dask cluster of `client`, if given). The paragraphs
    its site repeats (`site_chrome.py`) are listed beside the body, and left out of it with
    `drop_site_chrome`."""
    stored: list[Article] = []
    summary = extract_archives(
        paths,
        stored.append,
        workers,
        on_file,
        store=True,
        every_page=False,
        re_extract=re_extract,
        client=client,
    )
    articles = crawled_articles(stored, paths)
    with saved_index(paths, _waiting) as index:
        provenance = link_captures(articles, index)
        records = [provenance[capture_key(a)] for a in articles]
        cleaned = without_site_chrome(articles, index)
    rows = [
        linked_row(a, r, body if drop_site_chrome else a.body, chrome)
        for a, r, (body, chrome) in zip(articles, records, cleaned, strict=True)
    ]
    return rows, summary


def _waiting(holder: str) -> None:
    logger.warning("waiting for %s, which is linking with the provenance index", holder)


def linked_row(
    article: Article, record: Provenance, body: str, site_chrome: list[str]
) -> dict[str, Any]:
    """One dataset row: the article's Parquet row with `body` and the `site_chrome`
    paragraphs found in it, its provenance fields and crawl date."""
    row = parquet_row(article)
    row["body"], row["site_chrome"] = body, site_chrome
    row.update((k, v) for k, v in dataclasses.asdict(record).items() if k not in row)
    fetched = article.fetched_at
    row[PARTITION] = datetime.fromisoformat(fetched).date().isoformat() if fetched else None
    return row


def check_replaceable(folder: Path) -> None:
    """Raise `ExportRefused` unless `folder` is absent or an earlier export (its marker)."""
    ours = folder.is_dir() and not folder.is_symlink() and (folder / MARKER).is_file()
    if (folder.exists() or folder.is_symlink()) and not ours:
        raise ExportRefused(
            f"{folder} exists and was not written by newscrawl export: it is left alone; "
            "name another --out folder"
        )


def write_partitions(
    rows: list[dict[str, Any]], folder: Path, client: Client | None = None
) -> None:
    """Parquet files under `folder/crawl_date=YYYY-MM-DD/`, replacing an earlier export (and
    only an export: see `check_replaceable`); written beside it first, then renamed. Each
    file keeps its `crawl_date` column, typed as hive partitioning reads the folder name (a
    dictionary of strings), so that readers blind to partition folders (Hugging Face
    `datasets`) still have it and those that see them (pandas, DuckDB) agree with it. With a
    Dask `client`, each partition is written by a task."""
    check_replaceable(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    (fresh / MARKER).write_text("written by newscrawl export, replaced by the next one\n")
    days: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        days[row[PARTITION] or HIVE_NULL].append(row)
    partitions = [fresh / f"{PARTITION}={day}" for day in days]
    if client is None:
        for partition, day_rows in zip(partitions, days.values(), strict=True):
            write_partition(partition, day_rows)
    else:
        tasks = client.map(write_partition, partitions, list(days.values()), pure=False)
        client.gather(tasks)  # type: ignore[no-untyped-call]  # distributed is untyped
    if folder.exists():
        earlier = fresh.with_name(f"{fresh.name}-earlier")
        folder.rename(earlier)
        fresh.rename(folder)
        shutil.rmtree(earlier)
    else:
        fresh.rename(folder)


def write_partition(partition: Path, rows: list[dict[str, Any]]) -> None:
    """One partition's folder and its Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    partition.mkdir()
    pq.write_table(pa.Table.from_pylist(rows, schema=linked_schema()), partition / "part-0.parquet")


def schema_document() -> dict[str, Any]:
    """schema.json: every column's name, Arrow type and meaning, and how Parquet is split.
    Types are given as Parquet readers report them (list items come back named `element`),
    so they compare equal, as text, to what pyarrow and pandas show."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(linked_schema().empty_table(), sink)
    stored = pq.read_schema(pa.BufferReader(sink.getvalue()))
    return {
        "partitioning": {"style": "hive", "columns": [PARTITION]},
        "fields": [
            {"name": f.name, "type": str(f.type), "description": DESCRIPTIONS[f.name]}
            for f in stored
        ],
    }


def load_examples(out: Path) -> dict[str, str]:
    """One line each that loads the export at `out` in pandas, DuckDB and HF `datasets`."""
    parquet = out / "parquet"
    return {
        "pandas": f'pd.read_parquet("{parquet}")',
        "DuckDB": f"duckdb.sql(\"select * from read_parquet('{parquet}/*/*.parquet', "
        'hive_partitioning=true)")',
        "datasets": f'load_dataset("parquet", data_files="{parquet}/**/*.parquet")',
    }
