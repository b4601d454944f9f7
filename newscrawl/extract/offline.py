"""`newscrawl extract`: articles out of existing WARC, ARC and WACZ files, on all cores.

The main process reads the archives (warcio, with resync past bad records) and hands each
HTML capture to a pool of worker processes, which decode and extract it; results come
back in order and go to the caller (`newscrawl extract` writes them to a JSONL or Parquet
dataset, `newscrawl provenance` links them). Each article names the WARC file and
offset it came from, as in a live crawl. With the article store on, an archive file whose
articles are stored already is read from there, and every archive file extracted is
stored (`newscrawl.extract.store`): each is extracted once.
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscrawl.archive.reader import (
    Archive,
    Capture,
    ReadReport,
    archive_files,
    iter_captures,
    warcs_of,
)
from newscrawl.extract import decode_html, extract_article
from newscrawl.extract.store import (
    STORE_FOLDER,
    Failure,
    ReadNotes,
    StoreInfo,
    StoreWriter,
    read_store,
    store_info,
)
from newscrawl.extract.workers import start_worker, worker_context

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from distributed import Client

    from newscrawl.items import Article

logger = logging.getLogger(__name__)


@dataclass
class ExtractSummary:
    """What an offline extraction did: `stored` archive files were read from the article
    store, `stale` of them written by another extractor."""

    files: int = 0
    articles: int = 0
    failed: list[Failure] = field(default_factory=list)
    report: ReadReport = field(default_factory=ReadReport)
    seconds: float = 0.0
    stored: int = 0
    stale: int = 0


@dataclass(frozen=True)
class Planned:
    """An archive file to read, the WARCs in it that no earlier file holds, and its store if
    that holds them (only a local file has a store: a remote one is read each time)."""

    path: Archive
    warcs: frozenset[tuple[str, int]]
    stored: StoreInfo | None


@dataclass(frozen=True)
class _FileStart:
    """In the stream of captures handed to the workers: an archive file's captures follow."""

    part: Planned


@dataclass(frozen=True)
class _FileEnd:
    """In the stream of captures: the archive file's captures are over; what reading found."""

    part: Planned
    notes: ReadNotes


def article_from_capture(capture: Capture) -> Article | Failure:
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


def _extract(item: Any) -> Any:
    """A worker's job: extract a capture; a file mark passes through."""
    return article_from_capture(item) if isinstance(item, Capture) else item


def plan(
    files: list[Archive],
    skip: Iterable[tuple[str, int]] = (),
    *,
    every_page: bool = True,
    re_extract: bool = False,
) -> list[Planned]:
    """For each archive file, the WARCs it brings (a WACZ's WARCs read loose already do not
    count) and, unless `re_extract`, its store if that holds exactly those (every HTML
    page of them if `every_page`, else a crawl's store of its articles does too)."""
    seen = set(skip)
    planned = []
    for path in files:
        try:
            warcs = frozenset(warcs_of(path) - seen)
        except OSError:
            warcs = frozenset()  # reported when read
        seen |= warcs
        info = store_info(path) if isinstance(path, Path) and not re_extract else None
        usable = info is not None and info.warcs == warcs and (info.every_page or not every_page)
        planned.append(Planned(path, warcs, info if usable else None))
    return planned


def extract_archives(
    paths: list[str],
    write: Callable[[Article], None],
    workers: int = 0,
    on_file: Callable[[Archive], None] | None = None,
    skip: Iterable[tuple[str, int]] = (),
    *,
    store: bool = False,
    every_page: bool = True,
    re_extract: bool = False,
    client: Client | None = None,
) -> ExtractSummary:
    """Extract every HTML page of the archives under `paths`, in order, and hand each
    article to `write` (a dataset's, a list's), but for the WARCs (name and size, loose or
    in a WACZ) in `skip`. With `store`, an archive file whose articles the store holds (see
    `plan`) is read from there, and one extracted is stored. With a Dask `client`, the
    cluster extracts the local archive files into the store, one task each (`on_file`
    called as each is done), and the articles are read from there: the same, in the same
    order. Remote archives have no store: they are read here, each time.
    Records that could not be read are logged, one line each, for every command that
    extracts (extract, provenance, export, report)."""
    started = time.monotonic()
    summary = ExtractSummary()
    files = _once(archive_files(paths, summary.report))
    summary.files = len(files)
    summary.report.warcs.update(skip)
    planned = plan(files, skip, every_page=every_page, re_extract=re_extract or not store)
    extracted: set[Archive] = set()  # by the cluster, into the store
    if client is not None:
        local = [p for p in planned if p.stored is None and isinstance(p.path, Path)]
        extracted = {part.path for part in local}
        _extract_on(client, local, on_file)
        planned = plan(files, skip, every_page=every_page)
        if unstored := [p.path for p in planned if p.path in extracted and p.stored is None]:
            raise NotStored(
                f"{unstored[0]}: the Dask workers could not store its articles (they must "
                f"be able to write {unstored[0].parent / STORE_FOLDER})"
            )
    workers = workers or os.cpu_count() or 1
    with ExitStack() as stack:
        pool: Any = None
        for stored, group in groupby(planned, key=lambda p: p.stored is not None):
            if stored:
                for part in group:
                    if on_file and part.path not in extracted:  # else called by the cluster
                        on_file(part.path)
                    replay_store(part, write, summary)
                    summary.stored += part.path not in extracted
                continue
            items = _captures(list(group), summary.report.warcs, on_file)
            if workers == 1:
                results: Iterator[Any] = map(_extract, items)
            else:
                if pool is None:
                    context = worker_context()
                    pool = stack.enter_context(context.Pool(workers, start_worker, (os.getpid(),)))
                results = pool.imap(_extract, items, 16)
            _collect(results, write, summary, store=store)
    summary.seconds = time.monotonic() - started
    for bad in summary.report.bad:
        logger.warning("unreadable %s @ %d: %s", bad.file, bad.offset, bad.error)
    for note in summary.report.notes:
        logger.warning("note %s @ %d: %s", note.file, note.offset, note.error)
    if summary.stale:
        logger.warning(
            "the stored articles of %d archive files come from another extractor than this "
            "one: --re-extract extracts them again",
            summary.stale,
        )
    return summary


def _once(files: list[Archive]) -> list[Archive]:
    """Each file once, though named twice (alone and in its folder): one store, one writer."""
    seen: set[object] = set()
    kept = []
    for path in files:
        key = path.resolve() if isinstance(path, Path) else path
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


class NotStored(OSError):
    """An archive file the cluster extracted whose articles are not in the store."""


def extract_file(path: str, warcs: list[tuple[str, int]]) -> int:
    """A Dask task: extract an archive file's WARCs `warcs` (those of a WACZ that are not
    among them were read loose) into the article store; how many articles it holds."""
    part = Planned(Path(path), frozenset((name, size) for name, size in warcs), None)
    try:
        seen = warcs_of(part.path) - part.warcs
    except OSError:
        seen = set()  # reported when read
    summary = ExtractSummary()
    _collect(map(_extract, _captures([part], seen, None)), _drop, summary, store=True)
    return summary.articles


def _drop(article: Article) -> None:
    """Articles extracted by a task are read back from the store."""


def _extract_on(
    client: Client, parts: list[Planned], on_file: Callable[[Archive], None] | None
) -> None:
    """Extract `parts` into the store on the cluster, one task an archive file."""
    from distributed import as_completed

    tasks = {
        client.submit(extract_file, str(part.path), sorted(part.warcs), pure=False): part
        for part in parts
    }
    for task in as_completed(tasks):
        task.result()  # a task's error is the command's
        if on_file:
            on_file(tasks[task].path)


def replay_store(part: Planned, write: Callable[[Article], None], summary: ExtractSummary) -> None:
    """Hand on the stored articles of an archive file, and what reading it found."""
    assert part.stored is not None
    for article in read_store(part.stored):
        write(article)
        summary.articles += 1
    part.stored.read.rebased("", str(part.path)).add_to(summary.report, summary.failed)
    if part.stored.read.redirects is None:
        summary.report.redirects_unread.append(part.path)
    summary.report.warcs |= part.warcs
    summary.stale += part.stored.stale


def _captures(
    parts: list[Planned], seen: set[tuple[str, int]], on_file: Callable[[Archive], None] | None
) -> Iterator[Capture | _FileStart | _FileEnd]:
    """The captures of each file, between its marks; `seen` (the WARCs read) grows."""
    for part in parts:
        if on_file:
            on_file(part.path)
        report = ReadReport(warcs=seen)
        yield _FileStart(part)
        yield from iter_captures(part.path, report)
        notes = ReadNotes(report.skipped, report.bad, report.notes, redirects=report.redirects)
        yield _FileEnd(part, notes)


def _collect(
    results: Iterator[Any],
    write: Callable[[Article], None],
    summary: ExtractSummary,
    *,
    store: bool,
) -> None:
    """Hand on the articles and note what failed; with `store`, store each file's articles
    (those of every HTML page)."""
    storing: StoreWriter | None = None
    failed: list[Failure] = []
    for result in results:
        if isinstance(result, _FileStart):
            storing = _store_writer(result.part) if store else None
            failed = []
        elif isinstance(result, _FileEnd):
            result.notes.failed = failed
            if storing is not None:
                _close_store(storing, result.part, result.notes)
            result.notes.add_to(summary.report, summary.failed)
        elif isinstance(result, tuple):
            failed.append(result)
        else:
            write(result)
            summary.articles += 1
            if storing is not None:
                storing.write(result)


def _store_writer(part: Planned) -> StoreWriter | None:
    if not isinstance(part.path, Path):
        return None
    try:
        return StoreWriter(part.path, every_page=True)
    except OSError as exc:
        logger.warning("%s: its articles are not stored: %s", part.path, exc)
        return None


def _close_store(storing: StoreWriter, part: Planned, notes: ReadNotes) -> None:
    try:
        storing.close(set(part.warcs), notes.rebased(str(part.path), ""))
    except OSError as exc:
        logger.warning("%s: its articles are not stored: %s", part.path, exc)
