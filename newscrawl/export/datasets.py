"""Article datasets on disk, JSONL or Parquet, chosen by the file's suffix."""

from __future__ import annotations

import dataclasses
import json
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from newscrawl.items import Article

SUFFIXES = (".jsonl", ".parquet")
PARQUET_BATCH = 1000


class DatasetWriter(Protocol):
    """Somewhere to put articles, one at a time."""

    def write(self, article: Article) -> None: ...


def article_row(article: Article) -> dict[str, Any]:
    """An article as plain JSON-able data. Field by field, not a recursive deep copy
    (`dataclasses.asdict`, ItemAdapter): only its links are dataclasses, and copying the
    rest costs as much as writing the row."""
    row = {field.name: getattr(article, field.name) for field in dataclasses.fields(article)}
    row["links_out"] = [dataclasses.asdict(link) for link in article.links_out]
    return row


def parquet_row(article: Article) -> dict[str, Any]:
    """An article as a Parquet row: `structured` as JSON text, since its shape differs from
    page to page."""
    row = article_row(article)
    row["structured"] = json.dumps(row["structured"], ensure_ascii=False)
    return row


class JsonLinesWriter:
    """One JSON object per line, UTF-8."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def write(self, article: Article) -> None:
        self._fh.write(json.dumps(article_row(article), ensure_ascii=False) + "\n")


class ParquetWriter:
    """Parquet rows (`parquet_row`) in row groups of `PARQUET_BATCH`."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        self._pq = pq
        self._path = path
        self._rows: list[dict[str, Any]] = []
        self._writer: Any = None

    def write(self, article: Article) -> None:
        self._rows.append(parquet_row(article))
        if len(self._rows) >= PARQUET_BATCH:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if not self._rows:
            return
        table = pa.Table.from_pylist(self._rows, schema=article_schema())
        if self._writer is None:
            self._writer = self._pq.ParquetWriter(self._path, table.schema)
        self._writer.write_table(table)
        self._rows = []

    def close(self) -> None:
        self.flush()
        if self._writer is None:
            self._pq.write_table(article_schema().empty_table(), self._path)
        else:
            self._writer.close()


def article_schema() -> Any:
    """The Parquet schema of an article row."""
    import pyarrow as pa

    text, texts = pa.string(), pa.list_(pa.string())
    return pa.schema(
        [
            ("url", text),
            ("canonical_url", text),
            ("syndication_urls", texts),
            ("title", text),
            ("body", text),
            ("authors", texts),
            ("published", text),
            ("modified", text),
            ("language", text),
            ("site_name", text),
            ("publisher", text),
            ("description", text),
            ("section", text),
            ("tags", texts),
            ("image", text),
            ("links_out", pa.list_(pa.struct([("url", text), ("text", text)]))),
            ("credits", texts),
            ("structured", text),
            ("warc_file", text),
            ("warc_record_id", text),
            ("warc_offset", pa.int64()),
            ("fetched_at", text),
            ("payload_digest", text),
            ("status", pa.int32()),
        ]
    )


def linked_schema() -> Any:
    """The Parquet schema of an article row with its provenance beside it and the crawl date
    it is partitioned by (`newscrawl export`), typed as hive partitioning reads it."""
    import pyarrow as pa

    text = pa.string()
    return pa.schema(
        [
            *article_schema(),
            ("original_url", text),
            ("relation", text),
            ("confidence", pa.float64()),
            ("cluster", text),
            ("evidence", pa.list_(pa.struct([("kind", text), ("detail", text)]))),
            ("sources", pa.list_(pa.struct([("name", text), ("url", text)]))),
            ("crawl_date", pa.dictionary(pa.int32(), text)),
        ]
    )


@contextmanager
def open_dataset(path: Path) -> Iterator[DatasetWriter]:
    """A writer for `path`, by its suffix (.jsonl or .parquet)."""
    if path.suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as fh:
            yield JsonLinesWriter(fh)
    elif path.suffix == ".parquet":
        writer = ParquetWriter(path)
        try:
            yield writer
        finally:
            writer.close()
    else:
        raise ValueError(f"{path}: write to a .jsonl or .parquet file (got {path.suffix!r})")
