"""Reading HTML captures back out of any WARC or ARC file (ours or anyone else's).

A torn gzip member, a wrong Content-Length or a truncated file stops warcio's iterator;
here it becomes a `BadRecord` with its file and offset, and reading goes on from the next
record that can be found (the next gzip member, or the next `WARC/` header line). Records
that are not HTML 200 responses are counted, not read: a 20 MB video costs nothing.

Archives come from strangers: no body is read or inflated past `DOWNLOAD_MAXSIZE` (the
crawl's own limit, with Scrapy's own bounded decoders), a record shorter than its
Content-Length is reported as truncated, only regular files are opened (a FIFO or a device
named `*.warc.gz` would block or never end), and a WACZ's page list is read line by line,
within bounds. Archives named by URL (https://, s3://) are streamed (`remote`) and read
with the same checks.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import zipfile
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin

from isal import isal_zlib
from scrapy.utils._compression import _DecompressionMaxSizeExceeded, _inflate, _unbrotli, _unzstd
from scrapy.utils.gz import gunzip
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader, DecompressingBufferedReader
from warcio.digestverifyingreader import DigestVerifyingReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader

from newscrawl.archive.remote import BLOCK_SIZE, RemoteFile, is_url, open_remote, remote_files
from newscrawl.settings import DOWNLOAD_MAXSIZE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from warcio.recordloader import ArcWarcRecord

    from newscrawl.items import Article

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECT_STATUSES = frozenset({"301", "302", "303", "307", "308"})
GZIP_MAGIC = b"\x1f\x8b\x08"
SCAN_BLOCK = 1 << 20
# Why a record whose gzip member or block digest shows it torn is reported, not extracted.
TORN = "torn record: its gzip member does not end, or its block digest does not match"
# The HTTP content codings the crawl decodes (Scrapy's HttpCompressionMiddleware), with the
# same decoders, which stop at a size.
DECODERS = {"gzip": gunzip, "x-gzip": gunzip, "deflate": _inflate, "br": _unbrotli, "zstd": _unzstd}
# A page list longer than this, or with a longer line, is not a page list.
PAGES_MAX_BYTES = 64 << 20
PAGES_MAX_LINE = 64 << 10
# What is read of a warcinfo record to find the run it names, and the block a remote WARC
# is read in for it.
WARCINFO_MAX = 64 << 10
WARCINFO_BLOCK = 256 << 10

logger = logging.getLogger(__name__)

# An archive file: on this machine, or named by URL.
Archive = Path | RemoteFile


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


class BadBody(ValueError):
    """A response whose body cannot be read whole within the limit."""


class NotRegular(OSError):
    """A path named like an archive that is not a regular file (a FIFO, a device)."""


@dataclass
class ReadReport:
    """What reading skipped, by reason (non-HTML, non-200, other record types...), the
    records it could not read, those it read with a fault, and the WARCs read (name, size)."""

    skipped: Counter[str] = field(default_factory=Counter)
    bad: list[BadRecord] = field(default_factory=list)
    notes: list[BadRecord] = field(default_factory=list)  # read, with this wrong
    warcs: set[tuple[str, int]] = field(default_factory=set)
    # The 3xx responses read: URL -> where it redirected (absolute). Archive files whose
    # redirects were not read (their articles came from a store that does not say) are
    # named in `redirects_unread`.
    redirects: dict[str, str] = field(default_factory=dict)
    redirects_unread: list[Archive] = field(default_factory=list)


def archive_files(paths: Iterable[str | Path], report: ReadReport | None = None) -> list[Archive]:
    """WARC, ARC and WACZ files named, or found in the folders named (recursive), WARCs
    first: a WACZ packaging WARCs that lie beside it is then read for its other WARCs only.
    Anything else named (a FIFO, a device) is left out, and noted in `report`. A URL names
    a remote file, or an S3 prefix to find them under; one that names nothing that can be
    read raises `RemoteError`.
    """
    found: list[Archive] = []
    for name in paths:
        if is_url(name):
            found += (f for f in remote_files(str(name)) if f.url == name or is_archive(f))
            continue
        path = Path(name)
        if path.is_dir():
            found += (p for p in path.rglob("*") if is_archive(p) and _regular(p, report))
        elif path.is_file():
            found.append(path)
        elif path.exists():
            _regular(path, report)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return sorted(found, key=lambda p: (p.suffix == ".wacz", isinstance(p, RemoteFile), p))


def _regular(path: Path, report: ReadReport | None) -> bool:
    if path.is_file():
        return True
    if report is not None:
        report.bad.append(BadRecord(str(path), 0, NotRegular.__doc__ or ""))
    return False


def open_regular(path: Path) -> IO[bytes]:
    """Open a file for reading only if it is a regular file (checked on the file opened, so
    nothing swapped in after a check gets read); raise `NotRegular` otherwise."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegular(f"{path}: not a regular file (a FIFO, a device?): not read")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def open_archive(path: Archive, remote_block: int = BLOCK_SIZE) -> IO[bytes]:
    """Open a regular file (`open_regular`), or a remote one, read in blocks of
    `remote_block` bytes."""
    if isinstance(path, RemoteFile):
        return open_remote(path, remote_block)
    return open_regular(path)


def _size(path: Archive, fh: IO[bytes] | None = None) -> int:
    """An archive's size (of the file opened as `fh`), to know it again (-1: a server that
    did not say)."""
    if isinstance(path, RemoteFile):
        return -1 if path.size is None else path.size
    return os.fstat(fh.fileno()).st_size if fh else path.stat().st_size


def iter_captures(
    path: Archive, report: ReadReport, max_size: int = DOWNLOAD_MAXSIZE
) -> Iterator[Capture]:
    """Every HTML 200 response of a WARC/ARC file, or of the WARCs inside a WACZ; a WARC
    read before (same name and size: beside its WACZ, say) is not read twice. A body larger
    than `max_size`, read or inflated, is reported, not read; so is a file that is not a
    regular file or a WACZ that is not a zip."""
    for fh, name in _warc_streams(path, report):
        yield from _read(fh, name, report, max_size)


def iter_redirects(path: Archive, report: ReadReport) -> Iterator[tuple[str, str]]:
    """(URL, absolute Location) of every 3xx response of the archive's WARCs, as
    `iter_captures` reads them (which notes them in its report as it goes): for an archive
    whose captures come from elsewhere. Only headers are read; a damaged WARC gives what
    was read before the damage (`iter_captures` reports it)."""
    for fh, _ in _warc_streams(path, report):
        with suppress(ArchiveLoadFailed, OSError, ValueError, EOFError):
            for record in _Records(fh):
                if record.rec_type == "response" and (found := redirect_of(record)):
                    yield found


def redirect_of(record: ArcWarcRecord) -> tuple[str, str] | None:
    """(URL, absolute Location) of a 3xx response record: where a page the crawl was sent
    to went; None for any other record."""
    headers = record.http_headers
    if headers is None or (headers.get_statuscode() or "") not in REDIRECT_STATUSES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    location = headers.get_header("Location")
    return (url, urljoin(url, location.strip())) if url and location else None


def _warc_streams(path: Archive, report: ReadReport) -> Iterator[tuple[IO[bytes], str]]:
    """The archive's WARC streams, each with the name its records are reported under: the
    file itself, or each WARC inside a WACZ; one read before (`_seen`) is left out."""
    try:
        fh = open_archive(path)
    except OSError as exc:
        report.bad.append(BadRecord(str(path), 0, str(exc)))
        return
    with fh:
        if path.suffix != ".wacz":
            if not _seen(path.name, _size(path, fh), report):
                yield fh, str(path)
            return
        try:
            package = zipfile.ZipFile(fh)
        except zipfile.BadZipFile as exc:
            report.bad.append(BadRecord(str(path), 0, f"not a WACZ (zip) file: {exc}"))
            return
        with package:
            for info in packed_warcs(package):
                if _seen(Path(info.filename).name, info.file_size, report):
                    continue
                with package.open(info) as member:
                    yield member, f"{path}#{info.filename}"


def _seen(name: str, size: int, report: ReadReport) -> bool:
    if (name, size) in report.warcs:
        report.skipped["WARC already read"] += 1
        return True
    report.warcs.add((name, size))
    return False


def _gzip_decompressor() -> object:
    return isal_zlib.decompressobj(16 + isal_zlib.MAX_WBITS)


class _IsalReader(DecompressingBufferedReader):  # type: ignore[misc]  # warcio has no types
    """warcio's reader, inflating gzip members with ISA-L (a drop-in for zlib's inflate at
    about half its CPU time: inflating was the larger part of reading a WARC)."""

    DECOMPRESSORS: ClassVar[dict[str, Callable[[], object]]] = {
        **BufferedReader.DECOMPRESSORS,
        "gzip": _gzip_decompressor,
    }


class _BlockDigestLoader(ArcWarcRecordLoader):  # type: ignore[misc]  # warcio has no types
    """warcio's record loader, verifying each record's block digest only: a payload digest is
    not held against a record (see `_read`), so it is not computed (a second SHA-1 of the
    body)."""

    def wrap_digest_verifying_stream(
        self, stream: object, rec_type: str, rec_headers: Any, checker: object, length: int
    ) -> tuple[object, bool]:
        block_digest = rec_headers.get_header("WARC-Block-Digest")
        if not block_digest:
            return stream, False
        verifying = DigestVerifyingReader(
            stream,
            length,
            checker,
            record_type=rec_type,
            block_digest=block_digest,
            segment_number=rec_headers.get_header("WARC-Segment-Number"),
        )
        return verifying, True


class _Records(ArchiveIterator):  # type: ignore[misc]  # warcio has no types
    """warcio's iterator, with ISA-L inflating and block digests verified, noting whether the
    file ended inside a gzip member. warcio ends quietly there, and a torn member whose
    deflate data runs on into the next members can swallow every record after it."""

    ended_in_member = False

    def __init__(self, fh: IO[bytes]) -> None:
        super().__init__(fh, check_digests=True)
        self.loader = _BlockDigestLoader()
        self.reader = _IsalReader(self.fh)

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        self.ended_in_member = decompressor is not None and not decompressor.eof
        super().close()


def _read(fh: IO[bytes], name: str, report: ReadReport, max_size: int) -> Iterator[Capture]:
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
        records = _Records(fh)
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
                pending = _capture(record, name, records.offset, report, max_size)
        except Exception as exc:
            failure = BadRecord(name, max(records.offset, start), f"{type(exc).__name__}: {exc}")
        if last is not None and (_torn(last) or (failure is None and records.ended_in_member)):
            torn = BadRecord(name, last_offset, TORN)
            if report.bad and (report.bad[-1].file, report.bad[-1].offset) == (name, last_offset):
                report.bad.pop()  # found short while read: torn says more
            report.bad.append(torn)
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


def _capture(
    record: ArcWarcRecord, name: str, offset: int, report: ReadReport, max_size: int
) -> Capture | None:
    if record.rec_type != "response" or record.http_headers is None:
        report.skipped[f"{record.rec_type} record"] += 1
        return None
    status = int(record.http_headers.get_statuscode() or 0)
    content_type = record.http_headers.get_header("Content-Type") or ""
    if status != 200:
        report.skipped["not 200"] += 1
        if redirect := redirect_of(record):
            report.redirects[redirect[0]] = redirect[1]
        return None
    if not content_type.lower().startswith(HTML_TYPES):
        report.skipped["not HTML"] += 1
        return None
    headers = record.rec_headers
    try:
        body = _body(record, max_size)
    except BadBody as exc:
        report.bad.append(BadRecord(name, offset, str(exc)))
        return None
    date = headers.get_header("WARC-Date") or ""
    try:
        datetime.fromisoformat(date)
    except ValueError:
        report.notes.append(BadRecord(name, offset, f"bad WARC-Date {date[:40]!r}: read undated"))
        date = ""
    return Capture(
        file=name,
        offset=offset,
        url=headers.get_header("WARC-Target-URI") or "",
        date=date,
        record_id=headers.get_header("WARC-Record-ID"),
        status=status,
        content_type=content_type,
        payload_digest=headers.get_header("WARC-Payload-Digest"),
        body=body,
    )


def _body(record: ArcWarcRecord, max_size: int) -> bytes:
    """The HTTP body of a response record, de-chunked and content-decoded, read in blocks
    and never past `max_size`; raise `BadBody` for a larger one, or for a record that ends
    before its Content-Length (its body is not whole: a 2 GB claim over 80 bytes)."""
    http, raw = record.http_headers, record.raw_stream
    chunked = (http.get_header("Transfer-Encoding") or "").lower() == "chunked"
    stream = ChunkedDataReader(raw) if chunked else raw
    blocks, size = [], 0
    while size <= max_size and (block := stream.read(SCAN_BLOCK)):
        blocks.append(block)
        size += len(block)
    if size > max_size:
        raise BadBody(f"body larger than the limit ({max_size} bytes, DOWNLOAD_MAXSIZE): not read")
    while raw.read(SCAN_BLOCK):  # a chunked body's trailer
        pass
    if raw.limit > 0 and record.format.startswith("warc"):  # ARC lengths are often off
        raise BadBody(
            f"truncated record: its Content-Length says {record.length} bytes, "
            f"it ends {record.length - raw.limit} bytes in"
        )
    body = b"".join(blocks)
    codings = (http.get_header("Content-Encoding") or "").lower().split(",")
    for coding in reversed([c.strip() for c in codings if c.strip()]):
        if coding not in DECODERS:
            break  # as the crawl does: an unknown coding leaves the body as it is
        try:
            body = DECODERS[coding](body, max_size=max_size)
        except _DecompressionMaxSizeExceeded as exc:
            raise BadBody(
                f"Content-Encoding {coding} inflates past the limit "
                f"({max_size} bytes, DOWNLOAD_MAXSIZE): not read"
            ) from exc
        except Exception:  # not what it says it is: read as stored, as warcio did
            break
    return body


def _next_record_start(fh: IO[bytes], after: int) -> int | None:
    """Where the next gzip member or `WARC/` header line begins, after a bad record; None at
    the end, or where the file cannot be read on (a stream that cannot go back, a lost
    connection: the error that stopped the reading is the one reported)."""
    position, tail = after, b""
    try:
        fh.seek(after)
        while block := fh.read(SCAN_BLOCK):
            data = tail + block
            hits = [i for i in (data.find(GZIP_MAGIC), data.find(b"\nWARC/")) if i >= 0]
            if hits:
                hit = min(hits)
                return position - len(tail) + hit + (1 if data[hit : hit + 1] == b"\n" else 0)
            tail = data[-8:]
            position += len(block)
    except Exception:  # OSError, ValueError, aiohttp's and botocore's errors among them
        return None
    return None


def is_archive(path: Archive) -> bool:
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


def warcs_of(archive: Archive) -> set[tuple[str, int]]:
    """The WARC files (name and size) an archive file is, or packages (a WACZ): a WACZ
    packaged again is a new file of the same WARCs."""
    if archive.suffix == ".wacz":
        try:
            with open_archive(archive) as fh, zipfile.ZipFile(fh) as package:
                return {(Path(f.filename).name, f.file_size) for f in packed_warcs(package)}
        except (zipfile.BadZipFile, OSError):
            pass  # read as one file: the extraction reports it
    return {(archive.name, _size(archive))}


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
        wacz = path.suffix == ".wacz"
        try:
            fh = open_archive(path, BLOCK_SIZE if wacz else WARCINFO_BLOCK)
        except OSError:
            continue  # reported by the extraction
        with fh:
            if wacz:
                _packed_pages(fh, path, packed)
                continue
            run = run_id(fh)
        pages = path.with_name(f"{run}-pages.jsonl")
        if run is None or (isinstance(pages, Path) and not pages.is_file()):
            loose[path.name] = None
            continue
        try:
            with open_archive(pages) as listing:
                loose[path.name] = page_urls(listing, str(pages))
        except OSError as exc:
            logger.warning("%s: not read (%s): every page counts as an article", pages, exc)
            loose[path.name] = None
    kept = {name: urls for name, urls in packed.items() if name not in loose}
    kept.update((name, urls) for name, urls in loose.items() if urls is not None)
    return kept


def _packed_pages(fh: IO[bytes], path: Archive, packed: dict[str, frozenset[str]]) -> None:
    """The page list of a WACZ, for each of its WARCs that newscrawl wrote."""
    try:
        package = zipfile.ZipFile(fh)
    except zipfile.BadZipFile:
        return  # reported by the extraction
    with package:
        if "pages/pages.jsonl" not in package.namelist():
            return
        with package.open("pages/pages.jsonl") as listing:
            urls = page_urls(listing, f"{path}#pages/pages.jsonl")
        if urls is None:
            return
        for info in packed_warcs(package):
            with package.open(info) as member:
                if run_id(member):
                    packed.setdefault(Path(info.filename).name, urls)


def run_id(warc: IO[bytes]) -> str | None:
    """The `run-id` that newscrawl writes in a WARC's opening warcinfo record."""
    try:
        first = next(iter(ArchiveIterator(warc)), None)
        if first is None or first.rec_type != "warcinfo":
            return None
        fields: str = first.raw_stream.read(WARCINFO_MAX).decode("utf-8", "replace")
    except Exception:  # an unreadable start: extraction reads past it and reports it
        return None
    for line in fields.splitlines():
        name, _, value = line.partition(":")
        if name == "run-id":
            return value.strip()
    return None


def page_urls(pages_jsonl: IO[bytes], name: str) -> frozenset[str] | None:
    """The page URLs of a pages.jsonl (its header line has none), read line by line; None,
    with a warning, for a file that is no page list (not JSON lines, or past the bounds)."""
    urls, size = set(), 0
    try:
        while line := pages_jsonl.readline(PAGES_MAX_LINE + 1):
            size += len(line)
            if len(line) > PAGES_MAX_LINE or size > PAGES_MAX_BYTES:
                raise ValueError(
                    f"longer than {PAGES_MAX_LINE} bytes a line or {PAGES_MAX_BYTES} in all"
                )
            row = json.loads(line) if line.strip() else {}
            if isinstance(row, dict) and isinstance(row.get("url"), str):
                urls.add(row["url"])
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError among them
        logger.warning("%s: not a page list (%s): every page counts as an article", name, exc)
        return None
    return frozenset(urls)


def crawled_articles(articles: Iterable[Article], paths: Iterable[str]) -> list[Article]:
    """The articles that the crawls which wrote the archives under `paths` kept as articles
    (home pages and section fronts fetched for their links are left out)."""
    kept = crawl_articles(paths)
    return [a for a in articles if a.warc_file not in kept or a.url in kept[a.warc_file]]
