"""WARC files on disk: naming, `.open` while written, rotation, one gzip member per record.

`WarcFiles` is plain synchronous code; `BackgroundWriter` runs it in one thread so that
digests and compression (hashlib and zlib release the GIL) use the second core instead of
the crawl's event loop.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import threading
import zlib
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import TYPE_CHECKING, BinaryIO, Protocol

from warcio.warcwriter import WARCWriter

if TYPE_CHECKING:
    from pathlib import Path

    from warcio.recordbuilder import RecordBuilder
    from warcio.recordloader import ArcWarcRecord

logger = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
WARC_VERSION = "1.1"


class RecordSource(Protocol):
    """Anything that turns into WARC records in the writer thread."""

    def records(self, builder: RecordBuilder) -> list[ArcWarcRecord]: ...


@dataclass(frozen=True)
class Written:
    """Where the first record of a group landed: traceability from an article to its WARC."""

    file: Path
    offset: int
    payload_digest: str | None


def timestamp14(when: datetime) -> str:
    """YYYYMMDDhhmmss in UTC, as in WARC file names and CDX timestamps."""
    return when.astimezone(UTC).strftime("%Y%m%d%H%M%S")


class WarcFiles:
    """Writes records into `PREFIX-YYYYMMDDhhmmss-SERIAL-HOST.warc.gz`, rotating at a size.

    A file is named `….warc.gz.open` until it is closed, so a crash never leaves a torn file
    that looks finished; each record is one gzip member, flushed to the OS when written, so
    an interrupted file is still readable up to its last whole record.
    """

    def __init__(
        self,
        folder: Path,
        prefix: str,
        info: dict[str, str],
        *,
        max_size: int = 1_000_000_000,
        gzip_level: int = 6,
        hostname: str | None = None,
    ) -> None:
        self.folder = folder
        self.prefix = prefix
        self.info = info
        self.max_size = max_size
        self.gzip_level = gzip_level
        self.hostname = (hostname or socket.gethostname()).replace("-", "_")
        self.closed_files: list[Path] = []
        self.bytes_written = 0
        self.records_written = 0
        self._serial = 0
        self._buffer = BytesIO()
        self._serializer = WARCWriter(self._buffer, gzip=False, warc_version=WARC_VERSION)
        self._file: Path | None = None
        self._fh: BinaryIO | None = None

    @property
    def builder(self) -> RecordBuilder:
        """The warcio record builder (WARC/1.1) the records are made with."""
        return self._serializer

    def write(self, records: list[ArcWarcRecord]) -> Written:
        """Append records, kept together in one file; say where the first one is."""
        if self._fh is None or self._fh.tell() >= self.max_size:
            self._rotate()
        assert self._fh is not None and self._file is not None
        offset = self._fh.tell()
        for record in records:
            self._append(record)
        digest = records[0].rec_headers.get_header("WARC-Payload-Digest")
        return Written(self._file.with_suffix(""), offset, digest)

    def close(self) -> list[Path]:
        """Close the current file (rename it without `.open`); return every closed file."""
        if self._fh is not None and self._file is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            final = self._file.with_suffix("")
            self._file.rename(final)
            self.closed_files.append(final)
            self._fh = self._file = None
        return self.closed_files

    def _rotate(self) -> None:
        self.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        now = datetime.now(UTC)
        name = f"{self.prefix}-{timestamp14(now)}-{self._serial:05d}-{self.hostname}.warc.gz"
        self._serial += 1
        self._file = self.folder / (name + OPEN_SUFFIX)
        self._fh = self._file.open("xb")
        self._append(self._serializer.create_warcinfo_record(name, self.info))

    def _append(self, record: ArcWarcRecord) -> None:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._serializer.write_record(record)
        compressor = zlib.compressobj(self.gzip_level, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        member = compressor.compress(self._buffer.getbuffer()) + compressor.flush()
        assert self._fh is not None
        self._fh.write(member)
        self._fh.flush()
        self.bytes_written += len(member)
        self.records_written += 1


_STOP = object()


class BackgroundWriter:
    """Feeds `WarcFiles` from a bounded queue in one thread; keeps the first error it hits."""

    def __init__(self, files: WarcFiles, queue_size: int = 256) -> None:
        self.files = files
        self.error: BaseException | None = None
        self._queue: queue.Queue[object] = queue.Queue(maxsize=queue_size)
        self._thread = threading.Thread(target=self._run, name="warc-writer", daemon=True)
        self._thread.start()

    def submit(self, source: RecordSource) -> Future[Written]:
        """Queue records to write; blocks (back-pressure) when the writer is behind.

        The future says where they were written, or holds the error that stopped the writer.
        """
        future: Future[Written] = Future()
        if self.error is not None:
            future.set_exception(self.error)
        else:
            self._queue.put((source, future))
        return future

    def close(self) -> list[Path]:
        """Write what is queued, close the files, and return them."""
        self._queue.put(_STOP)
        self._thread.join()
        if self.error is None:
            try:
                self.files.close()
            except OSError as exc:
                self.error = exc
        return self.files.closed_files

    def _run(self) -> None:
        while (job := self._queue.get()) is not _STOP:
            source, future = job  # type: ignore[misc]
            if self.error is None:
                try:
                    future.set_result(self.files.write(source.records(self.files.builder)))
                    continue
                except OSError as exc:
                    self.error = exc
                    logger.error("cannot write WARC records (%s); archiving stopped", exc)
            future.set_exception(self.error)
