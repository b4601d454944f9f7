"""Reading HTML captures back out of any WARC or ARC file (ours or anyone else's).

A torn gzip member, a wrong Content-Length or a truncated file stops warcio's iterator;
here it becomes a `BadRecord` with its file and offset, and reading goes on from the next
record that can be found (the next gzip member, or the next `WARC/` header line). Records
that are not HTML 200 responses are counted, not read: a 20 MB video costs nothing.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from warcio.archiveiterator import ArchiveIterator

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from warcio.recordloader import ArcWarcRecord

    from newscrawl.items import Article

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
GZIP_MAGIC = b"\x1f\x8b\x08"
SCAN_BLOCK = 1 << 20
# Why a record whose gzip member or block digest shows it torn is reported, not extracted.
TORN = "torn record: its gzip member does not end, or its block digest does not match"


@dataclass(frozen=True)
class Capture:
    """One archived HTML page: where it is, what it was, and its (content-decoded) body."""

    file: str
    offset: int
    url: str
    date: str
    record_id: str | None
    status: int
    content_type: str
    payload_digest: str | None
    body: bytes


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read, and why."""

    file: str
    offset: int
    error: str


@dataclass
class ReadReport:
    """What reading skipped, by reason (non-HTML, non-200, other record types...), and
    the WARCs read (name, size)."""

    skipped: Counter[str] = field(default_factory=Counter)
    bad: list[BadRecord] = field(default_factory=list)
    warcs: set[tuple[str, int]] = field(default_factory=set)


def archive_files(paths: Iterable[str | Path]) -> list[Path]:
    """WARC, ARC and WACZ files named, or found in the folders named (recursive), WARCs
    first: a WACZ packaging WARCs that lie beside it is then read for its other WARCs only.
    """
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += (p for p in path.rglob("*") if is_archive(p))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return sorted(found, key=lambda p: (p.suffix == ".wacz", p))


def iter_captures(path: Path, report: ReadReport) -> Iterator[Capture]:
    """Every HTML 200 response of a WARC/ARC file, or of the WARCs inside a WACZ; a WARC
    read before (same name and size: beside its WACZ, say) is not read twice."""
    if path.suffix == ".wacz":
        with zipfile.ZipFile(path) as package:
            for info in packed_warcs(package):
                if _seen(Path(info.filename).name, info.file_size, report):
                    continue
                with package.open(info) as member:
                    yield from _read(member, f"{path}#{info.filename}", report)
        return
    if not _seen(path.name, path.stat().st_size, report):
        with path.open("rb") as fh:
            yield from _read(fh, str(path), report)


def _seen(name: str, size: int, report: ReadReport) -> bool:
    if (name, size) in report.warcs:
        report.skipped["WARC already read"] += 1
        return True
    report.warcs.add((name, size))
    return False


class _Records(ArchiveIterator):  # type: ignore[misc]  # warcio has no types
    """warcio's iterator, noting whether the file ended inside a gzip member. warcio ends
    quietly there, and a torn member whose deflate data runs on into the next members can
    swallow every record after it."""

    ended_in_member = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        self.ended_in_member = decompressor is not None and not decompressor.eof
        super().close()


def _read(fh: IO[bytes], name: str, report: ReadReport) -> Iterator[Capture]:
    """Captures of one WARC, each handed on once the reader is past its record, and only if
    the record is whole: its block digest (where it has one) verifies and its gzip member
    ends. A torn member can inflate to the whole body and fail only at its end, or run on
    into the next member and swallow the records after it: the record that fails is
    reported, not extracted, and reading resumes at the next record that starts after it.
    (Payload digests are not held against a record: some writers compute them over another
    form of the body.)"""
    start: int | None = 0
    while start is not None:
        fh.seek(start)
        records = _Records(fh, check_digests=True)
        last: ArcWarcRecord | None = None  # the record read last, and where it starts
        last_offset = start
        pending: Capture | None = None
        failure: BadRecord | None = None
        try:
            for record in records:
                if last is not None and _torn(last):
                    break
                if pending is not None:
                    yield pending
                last, last_offset = record, records.offset
                pending = _capture(record, name, records.offset, report)
        except Exception as exc:
            failure = BadRecord(name, max(records.offset, start), f"{type(exc).__name__}: {exc}")
        if last is not None and (_torn(last) or (failure is None and records.ended_in_member)):
            report.bad.append(BadRecord(name, last_offset, TORN))
            start = _next_record_start(fh, last_offset + 1)
            continue
        if pending is not None and (failure is None or pending.offset < failure.offset):
            yield pending  # whole: the record that failed comes after it
        if failure is None:
            return
        report.bad.append(failure)
        start = _next_record_start(fh, failure.offset + 1)


def _torn(record: ArcWarcRecord) -> bool:
    """Whether the record, read to its end, failed its block digest."""
    return any(p.startswith("block digest failed") for p in record.digest_checker.problems)


def _capture(record: ArcWarcRecord, name: str, offset: int, report: ReadReport) -> Capture | None:
    if record.rec_type != "response" or record.http_headers is None:
        report.skipped[f"{record.rec_type} record"] += 1
        return None
    status = int(record.http_headers.get_statuscode() or 0)
    content_type = record.http_headers.get_header("Content-Type") or ""
    if status != 200:
        report.skipped["not 200"] += 1
        return None
    if not content_type.lower().startswith(HTML_TYPES):
        report.skipped["not HTML"] += 1
        return None
    headers = record.rec_headers
    return Capture(
        file=name,
        offset=offset,
        url=headers.get_header("WARC-Target-URI") or "",
        date=headers.get_header("WARC-Date") or "",
        record_id=headers.get_header("WARC-Record-ID"),
        status=status,
        content_type=content_type,
        payload_digest=headers.get_header("WARC-Payload-Digest"),
        body=record.content_stream().read(),
    )


def _next_record_start(fh: IO[bytes], after: int) -> int | None:
    """Where the next gzip member or `WARC/` header line begins, after a bad record."""
    fh.seek(after)
    position, tail = after, b""
    while block := fh.read(SCAN_BLOCK):
        data = tail + block
        hits = [i for i in (data.find(GZIP_MAGIC), data.find(b"\nWARC/")) if i >= 0]
        if hits:
            hit = min(hits)
            return position - len(tail) + hit + (1 if data[hit : hit + 1] == b"\n" else 0)
        tail = data[-8:]
        position += len(block)
    return None


def is_archive(path: Path) -> bool:
    """Whether the file is a WARC, ARC or WACZ by its name."""
    return path.name.endswith(WARC_SUFFIXES) or path.suffix == ".wacz"


def packed_warcs(package: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The WARC and ARC files a WACZ packages (under `archive/`), in name order."""
    return sorted(
        (
            info
            for info in package.infolist()
            if info.filename.startswith("archive/") and info.filename.endswith(WARC_SUFFIXES)
        ),
        key=lambda info: info.filename,
    )


def warcs_of(archive: Path) -> set[tuple[str, int]]:
    """The WARC files (name and size) an archive file is, or packages (a WACZ): a WACZ
    packaged again is a new file of the same WARCs."""
    if archive.suffix != ".wacz":
        return {(archive.name, archive.stat().st_size)}
    with zipfile.ZipFile(archive) as package:
        return {(Path(info.filename).name, info.file_size) for info in packed_warcs(package)}


def crawl_articles(paths: Iterable[str]) -> dict[str, frozenset[str]]:
    """The URLs that the newscrawl run which wrote each WARC kept as articles, by WARC file
    name: its run's `RUN-pages.jsonl` beside it (the run named in the WARC's warcinfo), or the
    `pages/pages.jsonl` of a WACZ holding it. Only WARCs newscrawl wrote are filtered: other
    tools' WACZs list seeds or whatever they chose as pages (Browsertrix: its seeds), and a
    loose WARC whose run left no list (a killed run) counts all its pages, even once a later
    WACZ packs it."""
    loose: dict[str, frozenset[str] | None] = {}
    packed: dict[str, frozenset[str]] = {}
    for path in archive_files(paths):
        if path.suffix == ".wacz":
            with zipfile.ZipFile(path) as package:
                if "pages/pages.jsonl" not in package.namelist():
                    continue
                urls = page_urls(package.read("pages/pages.jsonl").decode("utf-8"))
                for info in packed_warcs(package):
                    with package.open(info) as fh:
                        if run_id(fh):
                            packed.setdefault(Path(info.filename).name, urls)
            continue
        with path.open("rb") as fh:
            run = run_id(fh)
        pages = path.parent / f"{run}-pages.jsonl"
        listed = run is not None and pages.is_file()
        loose[path.name] = page_urls(pages.read_text(encoding="utf-8")) if listed else None
    kept = {name: urls for name, urls in packed.items() if name not in loose}
    kept.update((name, urls) for name, urls in loose.items() if urls is not None)
    return kept


def run_id(warc: IO[bytes]) -> str | None:
    """The `run-id` that newscrawl writes in a WARC's opening warcinfo record."""
    try:
        first = next(iter(ArchiveIterator(warc)), None)
        if first is None or first.rec_type != "warcinfo":
            return None
        fields: str = first.content_stream().read().decode("utf-8", "replace")
    except Exception:  # an unreadable start: extraction reads past it and reports it
        return None
    for line in fields.splitlines():
        name, _, value = line.partition(":")
        if name == "run-id":
            return value.strip()
    return None


def page_urls(pages_jsonl: str) -> frozenset[str]:
    """The page URLs of a pages.jsonl (its header line has none)."""
    rows = (json.loads(line) for line in pages_jsonl.splitlines() if line.strip())
    return frozenset(row["url"] for row in rows if "url" in row)


def crawled_articles(articles: Iterable[Article], paths: Iterable[str]) -> list[Article]:
    """The articles that the crawls which wrote the archives under `paths` kept as articles
    (home pages and section fronts fetched for their links are left out)."""
    kept = crawl_articles(paths)
    return [a for a in articles if a.warc_file not in kept or a.url in kept[a.warc_file]]
