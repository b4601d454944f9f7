"""The article store: every article extracted once, kept as Parquet beside its archive.

An archive file's articles go to `articles/<archive file name>.parquet` in the archive's own
folder (`articles/run-00000.warc.gz.parquet`, `articles/run.wacz.parquet`), one row per
article keyed by its WARC record (`warc_file`, `warc_offset`, `warc_record_id`), with the
extractor that made it. The file's metadata says which WARCs (name and size) it covers,
whether it holds every HTML page (`newscrawl extract`) or only a crawl's articles, and what
reading the archive skipped or could not read, so a command that reads the store reports
what extracting would have. A store is written to a hidden `.partial` file and moved into
place whole: a killed run leaves none that looks complete.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

import newscrawl
from newscrawl.archive.config import WarcConfig
from newscrawl.archive.reader import BadRecord, ReadReport
from newscrawl.items import Article, Link
from newscrawl.locks import open_new
from newscrawl.signals import warcs_closed

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import IO, Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

STORE_FOLDER = "articles"
# File metadata keys.
WARCS, EVERY_PAGE, READ = "newscrawl.warcs", "newscrawl.every_page", "newscrawl.read"
PARQUET_BATCH = 1000
# Columns of long, mostly unique text, written without a dictionary: Parquet's dictionary
# encoding finds nothing to share in them, saves no bytes and costs a fifth or more of the
# time the crawl process spends writing the store.
UNIQUE_TEXT = frozenset({"body", "structured", "links_out"})
# An extraction failure: (file, offset, error), as `newscrawl extract` reports it.
Failure = tuple[str, int, str]


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


class ParquetWriter:
    """Parquet rows (`parquet_row`, or the given `row` of `schema`) in row groups of
    `PARQUET_BATCH`, to a path or an open binary file."""

    def __init__(
        self,
        sink: Path | IO[bytes],
        schema: Any = None,
        row: Callable[[Article], dict[str, Any]] = parquet_row,
    ) -> None:
        self._sink = sink
        self._schema = article_schema() if schema is None else schema
        self._row = row
        self._rows: list[dict[str, Any]] = []
        self._writer: Any = None

    def write(self, article: Article) -> None:
        self._rows.append(self._row(article))
        if len(self._rows) >= PARQUET_BATCH:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if not self._rows:
            return
        self._open().write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
        self._rows = []

    def close(self, metadata: dict[str, str] | None = None) -> None:
        """Write what is left and the file's key-value `metadata`, and close the file."""
        self.flush()
        writer = self._open()
        if metadata:
            writer.add_key_value_metadata(metadata)
        writer.close()

    def _open(self) -> Any:
        import pyarrow.parquet as pq

        if self._writer is None:
            shared = [name for name in self._schema.names if name not in UNIQUE_TEXT]
            self._writer = pq.ParquetWriter(self._sink, self._schema, use_dictionary=shared)
        return self._writer


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


@cache
def extractor() -> str:
    """What extracted an article: a newer one may extract it differently (`--re-extract`)."""
    return f"newscrawl {newscrawl.__version__}, trafilatura {version('trafilatura')}"


def store_schema() -> Any:
    """An article row and the extractor that made it."""
    import pyarrow as pa

    return article_schema().append(pa.field("extractor", pa.string()))


def store_path(archive: Path) -> Path:
    """Where the articles of an archive file are kept."""
    return archive.parent / STORE_FOLDER / f"{archive.name}.parquet"


def _store_row(article: Article) -> dict[str, Any]:
    row = parquet_row(article)
    row["extractor"] = extractor()
    return row


@dataclass
class ReadNotes:
    """What reading one archive file found besides its articles; files are named from the
    archive file on ("" for the file itself, "#archive/x.warc.gz" for a WACZ's WARC)."""

    skipped: Counter[str] = field(default_factory=Counter)
    bad: list[BadRecord] = field(default_factory=list)
    notes: list[BadRecord] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    # URL -> where it redirected; None where not known (a store written before they were
    # kept, or a crawl whose writer could not say).
    redirects: dict[str, str] | None = None

    def rebased(self, old: str, new: str) -> ReadNotes:
        """The same notes with the archive file named `new` instead of `old`."""

        def name(file: str) -> str:
            return new + file[len(old) :] if file.startswith(old) else file

        return ReadNotes(
            Counter(self.skipped),
            [BadRecord(name(b.file), b.offset, b.error) for b in self.bad],
            [BadRecord(name(n.file), n.offset, n.error) for n in self.notes],
            [(name(file), offset, error) for file, offset, error in self.failed],
            self.redirects,
        )

    def add_to(self, report: ReadReport, failed: list[Failure]) -> None:
        report.skipped.update(self.skipped)
        report.bad += self.bad
        report.notes += self.notes
        failed += self.failed
        report.redirects.update(self.redirects or {})

    def to_json(self) -> str:
        return json.dumps(
            {
                "skipped": self.skipped,
                "bad": [[b.file, b.offset, b.error] for b in self.bad],
                "notes": [[n.file, n.offset, n.error] for n in self.notes],
                "failed": self.failed,
                "redirects": self.redirects,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ReadNotes:
        data = json.loads(text)
        return cls(
            Counter({str(k): int(v) for k, v in data["skipped"].items()}),
            [BadRecord(str(f), int(o), str(e)) for f, o, e in data["bad"]],
            [BadRecord(str(f), int(o), str(e)) for f, o, e in data["notes"]],
            [(str(f), int(o), str(e)) for f, o, e in data["failed"]],
            data.get("redirects"),
        )


@dataclass(frozen=True)
class StoreInfo:
    """What a store file says of itself (its metadata), read without its rows."""

    path: Path
    warcs: frozenset[tuple[str, int]]
    every_page: bool
    extractors: frozenset[str]
    read: ReadNotes

    @property
    def stale(self) -> bool:
        """Whether another extractor than this one made some of its rows."""
        return bool(self.extractors - {extractor()})


def store_info(archive: Path) -> StoreInfo | None:
    """The metadata of an archive file's store; None if there is none, or none readable."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    path = store_path(archive)
    if not path.is_file():
        return None
    try:
        with pq.ParquetFile(path) as parquet:
            if not parquet.schema_arrow.equals(store_schema()):
                raise ValueError("its columns are not an article's")
            meta = {k.decode(): v.decode() for k, v in (parquet.metadata.metadata or {}).items()}
            column = parquet.read(columns=["extractor"]).column("extractor")
        return StoreInfo(
            path,
            frozenset((str(name), int(size)) for name, size in json.loads(meta[WARCS])),
            meta[EVERY_PAGE] == "true",
            frozenset(str(e) for e in pc.unique(column).to_pylist()),
            ReadNotes.from_json(meta[READ]),
        )
    except Exception as exc:  # anything unreadable is re-extracted
        logger.warning("%s: not an article store (%s): extracted again", path, exc)
        return None


def read_store(info: StoreInfo) -> list[Article]:
    """The articles of a store file, in the order of their WARC records."""
    import pyarrow.parquet as pq

    table = pq.read_table(info.path).drop_columns(["extractor"])
    table = table.sort_by([("warc_file", "ascending"), ("warc_offset", "ascending")])
    return [_article(row) for row in table.to_pylist()]


def _article(row: dict[str, Any]) -> Article:
    row["structured"] = json.loads(row["structured"])
    row["links_out"] = [Link(**link) for link in row["links_out"]]
    return Article(**row)


class StoreWriter:
    """An archive file's articles, written to the store as they come."""

    def __init__(self, archive: Path, *, every_page: bool) -> None:
        self.path = store_path(archive)
        self.every_page = every_page
        self.path.parent.mkdir(exist_ok=True)
        self._partial = self.path.with_name(f".{self.path.name}.partial")
        self._fh = os.fdopen(open_new(self._partial), "wb")
        self._parquet = ParquetWriter(self._fh, store_schema(), _store_row)

    def write(self, article: Article) -> None:
        self._parquet.write(article)

    def close(self, warcs: set[tuple[str, int]], read: ReadNotes) -> None:
        """Finish the file, saying what it covers and what reading found, and put it in place."""
        metadata = {
            WARCS: json.dumps(sorted(warcs, key=lambda w: w[0])),
            EVERY_PAGE: "true" if self.every_page else "false",
            READ: read.to_json(),
        }
        try:
            self._parquet.close(metadata)
            self._fh.close()
            self._partial.replace(self.path)
        finally:
            self._partial.unlink(missing_ok=True)

    def abort(self) -> None:
        """Leave no store: what was written is not the whole archive's."""
        self._fh.close()
        self._partial.unlink(missing_ok=True)


class ArticleStorePipeline:
    """Keep the articles a crawl extracted in the article store, one file per WARC, put in
    place when the crawl ends (its WARCs closed): later commands read them instead of
    extracting the WARCs again."""

    def __init__(self, crawler: Crawler, folder: Path) -> None:
        self.crawler = crawler
        self.folder = folder
        self._writers: dict[str, StoreWriter | None] = {}
        self._redirects: dict[str, dict[str, str]] | None = None  # as `warcs_closed` says

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not (settings.getbool("NEWSCRAWL_EXTRACT") and settings.getbool("NEWSCRAWL_STORE")):
            raise NotConfigured
        pipeline = cls(crawler, WarcConfig.from_settings(settings).folder)
        crawler.signals.connect(pipeline.warcs_closed, signal=warcs_closed)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def warcs_closed(self, redirects: dict[str, dict[str, str]], **_: Any) -> None:
        """Keep where the WARCs' redirects led, for their stores."""
        self._redirects = redirects

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article) and item.warc_file:
            writer = self._writer(item.warc_file)
            if writer is not None:
                writer.write(item)
                self.crawler.stats.inc_value("newscrawl/store/articles")
        return item

    def _writer(self, warc: str) -> StoreWriter | None:
        if warc not in self._writers:
            try:
                self._writers[warc] = StoreWriter(self.folder / warc, every_page=False)
            except OSError as exc:
                logger.error("article store of %s not written: %s", warc, exc)
                self._writers[warc] = None
        return self._writers[warc]

    def spider_closed(self) -> None:
        """Put each WARC's store in place (the archiver, an earlier pipeline, closed the
        WARCs already); a WARC that is not there leaves no store."""
        for warc, writer in self._writers.items():
            if writer is None:
                continue
            path = self.folder / warc
            if not path.is_file():
                writer.abort()
                continue
            try:
                redirects = None if self._redirects is None else self._redirects.get(warc, {})
                writer.close({(warc, path.stat().st_size)}, ReadNotes(redirects=redirects))
            except OSError as exc:
                logger.error("article store of %s not written: %s", warc, exc)
        self._writers.clear()
