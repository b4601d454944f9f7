"""`newscrawl extract`: articles out of existing WARC, ARC and WACZ files, on all cores.

The main process reads the archives (warcio, with resync past bad records) and hands each
HTML capture to a pool of worker processes, which decode and extract it; results come
back in order and go to the caller (`newscrawl extract` writes them to a JSONL or Parquet
dataset, `newscrawl provenance` links them). Each article names the WARC file and
offset it came from, as in a live crawl.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.archive.reader import ReadReport, archive_files, iter_captures
from newscrawl.extract import decode_html, extract_article
from newscrawl.extract.workers import start_worker, worker_context

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from newscrawl.archive.reader import Capture
    from newscrawl.items import Article

logger = logging.getLogger(__name__)


@dataclass
class ExtractSummary:
    """What an offline extraction did."""

    files: int = 0
    articles: int = 0
    failed: list[tuple[str, int, str]] = field(default_factory=list)
    report: ReadReport = field(default_factory=ReadReport)
    seconds: float = 0.0


def article_from_capture(capture: Capture) -> Article | tuple[str, int, str]:
    """Extract one archived page; an extraction error comes back as (file, offset, error)."""
    try:
        article = extract_article(decode_html(capture.body, capture.content_type), capture.url)
    except Exception as exc:
        return (capture.file, capture.offset, f"{type(exc).__name__}: {exc}")
    article.warc_file = Path(capture.file.rpartition("#")[2]).name
    article.warc_record_id = capture.record_id
    article.warc_offset = capture.offset
    article.fetched_at = capture.date
    article.payload_digest = capture.payload_digest
    article.status = capture.status
    return article


def extract_archives(
    paths: list[str],
    write: Callable[[Article], None],
    workers: int = 0,
    on_file: Callable[[Path], None] | None = None,
    skip: Iterable[tuple[str, int]] = (),
) -> ExtractSummary:
    """Extract every HTML page of the archives under `paths`, in order, and hand each
    article to `write` (a dataset's, a list's), but for the WARCs (name and size, loose or
    in a WACZ) in `skip`. Records that could not be read are logged, one line each, for
    every command that extracts (extract, provenance, export, report)."""
    started = time.monotonic()
    summary = ExtractSummary()
    files = archive_files(paths, summary.report)
    summary.files = len(files)
    summary.report.warcs.update(skip)
    workers = workers or os.cpu_count() or 1

    def captures() -> Iterator[Capture]:
        for path in files:
            if on_file:
                on_file(path)
            yield from iter_captures(path, summary.report)

    if workers == 1:
        results: Iterator[Article | tuple[str, int, str]] = map(article_from_capture, captures())
        _collect(results, write, summary)
    else:
        with worker_context().Pool(workers, start_worker, (os.getpid(),)) as pool:
            _collect(pool.imap(article_from_capture, captures(), 16), write, summary)
    summary.seconds = time.monotonic() - started
    for bad in summary.report.bad:
        logger.warning("unreadable %s @ %d: %s", bad.file, bad.offset, bad.error)
    for note in summary.report.notes:
        logger.warning("note %s @ %d: %s", note.file, note.offset, note.error)
    return summary


def _collect(
    results: Iterator[Article | tuple[str, int, str]],
    write: Callable[[Article], None],
    summary: ExtractSummary,
) -> None:
    for result in results:
        if isinstance(result, tuple):
            summary.failed.append(result)
        else:
            write(result)
            summary.articles += 1
