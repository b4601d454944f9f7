"""Article datasets on disk, JSONL or Parquet, chosen by the file's suffix."""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from newscrawl.extract.store import ParquetWriter, article_row, article_schema

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from newscrawl.items import Article

SUFFIXES = (".jsonl", ".parquet")


class DatasetWriter(Protocol):
    """Somewhere to put articles, one at a time."""

    def write(self, article: Article) -> None: ...


class JsonLinesWriter:
    """One JSON object per line, UTF-8."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def write(self, article: Article) -> None:
        self._fh.write(json.dumps(article_row(article), ensure_ascii=False) + "\n")


def linked_schema() -> Any:
    """The Parquet schema of an article row with its provenance beside it and the crawl date
    it is partitioned by (`newscrawl export`), typed as hive partitioning reads it."""
    import pyarrow as pa

    text = pa.string()
    return pa.schema(
        [
            *article_schema(),
            ("site_chrome", pa.list_(text)),
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
