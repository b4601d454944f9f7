"""WARC files on disk: naming, `.open` while written, rotation, one gzip member per record.

`WarcFiles` is plain synchronous code; `WriterProcess` runs it in a child process, so that
digests, compression and record building use another core and never hold the GIL the
crawl's event loop needs.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import multiprocessing
import os
import pickle
import signal
import socket
import sqlite3
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from isal import isal_zlib
from warcio.warcwriter import WARCWriter

from newscrawl.archive.reader import redirect_of
from newscrawl.archive.state import CrawlState
from newscrawl.locks import SymlinkRefused, open_nofollow

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable

    from warcio.recordbuilder import RecordBuilder
    from warcio.recordloader import ArcWarcRecord

logger = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
WARC_VERSION = "1.1"
# The 3xx responses written: WARC file name -> {URL: where it redirected}.
Redirects = dict[str, dict[str, str]]
# Gzip libraries a record's member can be compressed with, and the levels each accepts.
COMPRESSORS: dict[str, tuple[Callable[..., Any], range]] = {
    "isal": (isal_zlib.compressobj, range(4)),
    "zlib": (zlib.compressobj, range(10)),
}


class RecordSource(Protocol):
    """Anything that turns into WARC records in the writer process (with the collection's
    crawl state, when runs are incremental)."""

    def records(
        self, builder: RecordBuilder, state: CrawlState | None = None
    ) -> list[ArcWarcRecord]: ...


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
    """Writes records into `PREFIX-YYYYMMDDhhmmss-SERIAL-PID-HOST.warc.gz` (process and host,
    as in Heritrix's names, so that the files of several crawl processes never collide; without
    Heritrix's `~`, which WACZ validation refuses), rotating at a size.

    A file is named `….warc.gz.open` until it is closed, so a crash never leaves a torn file
    that looks finished; each record is one gzip member, flushed to the OS when written, so
    an interrupted file is still readable up to its last whole record. The open file is
    locked while written: `.open` files that nobody holds were left by a crash, and are
    recovered (cut after their last whole record and closed) when the next run starts, and
    counted among its closed files with any others a crash left unindexed. With a
    `state_path`, it keeps the collection's `CrawlState`, committed only once the records
    are written.
    """

    def __init__(
        self,
        folder: Path,
        prefix: str,
        info: dict[str, str],
        *,
        max_size: int = 1_000_000_000,
        gzip: str = "isal",
        gzip_level: int = 3,
        hostname: str | None = None,
        state_path: Path | None = None,
    ) -> None:
        self.folder = folder
        self.prefix = prefix
        self.info = info
        self.max_size = max_size
        self._compressobj = COMPRESSORS[gzip][0]
        self.gzip_level = gzip_level
        self.hostname = (hostname or socket.gethostname()).replace("-", "_")
        self.closed_files: list[Path] = crash_leftovers(folder)
        self.redirects: Redirects = {}
        self.bytes_written = 0
        self.records_written = 0
        self._serial = 0
        self._buffer = BytesIO()
        self._serializer = WARCWriter(self._buffer, gzip=False, warc_version=WARC_VERSION)
        self._file: Path | None = None
        self._fh: BinaryIO | None = None
        self.state = CrawlState.open(state_path) if state_path else None

    @property
    def builder(self) -> RecordBuilder:
        """The warcio record builder (WARC/1.1) the records are made with."""
        return self._serializer

    def write(self, records: list[ArcWarcRecord]) -> Written:
        """Append records, kept together in one file; say where the first one is. What the
        crawl state learnt while they were built becomes durable with `commit`."""
        if self._fh is None or self._fh.tell() >= self.max_size:
            self._rotate()
        assert self._fh is not None and self._file is not None
        offset = self._fh.tell()
        for record in records:
            self._append(record)
            if record.rec_type == "response" and (redirect := redirect_of(record)):
                url, location = redirect
                self.redirects.setdefault(self._file.with_suffix("").name, {})[url] = location
        digest = records[0].rec_headers.get_header("WARC-Payload-Digest")
        return Written(self._file.with_suffix(""), offset, digest)

    @property
    def counts(self) -> dict[str, int]:
        """What the crawl state made of this run's responses (new, changed, revisits)."""
        return dict(self.state.counts) if self.state is not None else {}

    def commit(self) -> None:
        """Make the crawl state durable up to the records written so far. Called after a
        batch of writes, not after each (a commit costs as much as building a record): after a
        crash the state may lag the WARC files (a payload is then stored again), never lead."""
        if self.state is not None:
            self.state.commit()

    def close(self) -> list[Path]:
        """Close the current file, commit and close the crawl state; return every closed
        file."""
        self._close_file()
        if self.state is not None:
            self.state.commit()
            self.state.close()
            self.state = None
        return self.closed_files

    def _close_file(self) -> None:
        """Rename the current file without `.open` once it is on disk."""
        if self._fh is not None and self._file is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            final = self._file.with_suffix("")
            self._file.rename(final)
            self.closed_files.append(final)
            self._fh = self._file = None

    def _rotate(self) -> None:
        self._close_file()
        self.folder.mkdir(parents=True, exist_ok=True)
        now = datetime.now(UTC)
        stamp, pid = timestamp14(now), os.getpid()
        name = f"{self.prefix}-{stamp}-{self._serial:05d}-{pid}-{self.hostname}.warc.gz"
        self._serial += 1
        self._file = self.folder / (name + OPEN_SUFFIX)
        self._fh = os.fdopen(open_nofollow(self._file, os.O_WRONLY | os.O_CREAT | os.O_EXCL), "wb")
        fcntl.flock(self._fh, fcntl.LOCK_EX)
        self._append(self._serializer.create_warcinfo_record(name, self.info))

    def _append(self, record: ArcWarcRecord) -> None:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._serializer.write_record(record)
        compressor = self._compressobj(self.gzip_level, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        member = compressor.compress(self._buffer.getbuffer()) + compressor.flush()
        assert self._fh is not None
        self._fh.write(member)
        self._fh.flush()
        self.bytes_written += len(member)
        self.records_written += 1


def crash_leftovers(folder: Path) -> list[Path]:
    """WARC files that crashed runs left unindexed: every file closed (or recovered, which
    touches it) after the newest CDXJ index, since a run indexes its files as it finishes."""
    recover_open_files(folder)
    indexed = max((path.stat().st_mtime for path in folder.glob("*.cdxj")), default=0.0)
    return sorted(path for path in folder.glob("*.warc.gz") if path.stat().st_mtime > indexed)


def recover_open_files(folder: Path) -> None:
    """Close the `.open` files a crashed writer left in `folder`: each is cut after its last
    whole gzip member (one record each) and renamed. A file still held by a live writer (a
    crawl's writer goes on writing what it was sent after the crawl dies) is waited for."""
    for path in sorted(folder.glob(f"*.warc.gz{OPEN_SUFFIX}")):
        try:
            fh = os.fdopen(open_nofollow(path, os.O_RDWR), "r+b")
        except FileNotFoundError:
            continue  # its writer finished it since the glob
        except SymlinkRefused as exc:  # planted: recovering it would truncate its target
            logger.warning("%s", exc)
            continue
        with fh:
            fcntl.flock(fh, fcntl.LOCK_EX)  # returns once no writer holds it
            if not path.exists():
                continue  # its writer finished it while we waited
            whole = _whole_members_end(fh)
            if whole == 0:  # not even its warcinfo record got written
                path.unlink()
                continue
            torn = fh.seek(0, os.SEEK_END) - whole
            fh.truncate(whole)
            final = path.with_suffix("")
            path.rename(final)
        logger.warning("recovered %s, left open by a crash (%d torn bytes cut)", final, torn)


def _whole_members_end(fh: BinaryIO) -> int:
    """The offset just past the last complete gzip member (its CRC and size checked)."""
    fh.seek(0)
    end = offset = 0
    member = zlib.decompressobj(zlib.MAX_WBITS | 16)
    while chunk := fh.read(1 << 16):
        while chunk:
            try:
                member.decompress(chunk)
            except zlib.error:
                return end
            if not member.eof:
                offset += len(chunk)
                break
            offset += len(chunk) - len(member.unused_data)
            end, chunk = offset, member.unused_data
            member = zlib.decompressobj(zlib.MAX_WBITS | 16)
    return end


Answer = tuple[int, "Written | OSError"]


# The pipe protocol. The crawl sends Jobs, then None to stop; the writer answers with Answers,
# and Closed last. Slotted dataclasses: they are pickled once a page.
@dataclass(frozen=True, slots=True)
class Job:
    """Records to write, the crawl's `number`th job; with `locate`, say where they landed."""

    number: int
    locate: bool
    source: RecordSource


@dataclass(frozen=True, slots=True)
class Answers:
    """Where located jobs landed (None: not written, after an error), how far the writer got
    (every job up to `upto` is on disk), and its error, if any."""

    located: list[tuple[int, Written | None]]
    upto: int
    bytes_written: int
    records_written: int
    error: str


@dataclass(frozen=True, slots=True)
class Closed:
    """The writer closed its files: which, what it wrote, its CPU time and error, if any."""

    files: list[Path]
    bytes_written: int
    records_written: int
    cpu_seconds: float
    error: str
    counts: dict[str, int]
    redirects: Redirects


# Answers go back in batches: at most ANSWER_BATCH located jobs, and no answer waits much
# longer than the answer delay (NEWSCRAWL_WARC_ANSWER_DELAY). A writer that keeps up would
# otherwise answer after every job, waking the crawl's event loop (futures, the warc_written
# signal) once a page.
ANSWER_BATCH = 64
ANSWER_DELAY = 0.05
# What `_next_job` returns when the answer delay passes without a job: time to send answers.
IDLE = object()


class WriterProcess:
    """Runs `WarcFiles` in a child process fed through a pipe.

    Digests, compression and warcio's record building all run there, off the crawl's event loop
    and outside its GIL; the crawl only hands over pickled exchanges, written into the pipe by
    the event loop itself (no feeder or reader thread, which would take the GIL from the event
    loop at every job or batch). The pipe's buffer (1 MiB on Linux) is the writer's backlog:
    when it is full, the crawl waits. Where a job asks to be located, the child answers where it
    wrote it, in batches, so that the crawl is woken once a batch rather than once a page; the
    answers reach `on_answers` in the event loop `loop`, read when their pipe is readable, or,
    without a loop, at each `submit` and at `close`. The child ignores SIGINT and SIGTERM so
    that Ctrl-C, or a SIGTERM to the process group, stops the crawl first, which then closes
    the files in order; if the crawl dies, the child
    writes what it has received, closes its file and exits. If the child dies, every job still
    waiting to be located is answered with that error (the crawl then stops), and the files it
    left `.open` are recovered by the next run.
    """

    def __init__(
        self,
        make_files: Callable[[], WarcFiles],
        on_answers: Callable[[list[Answer]], object],
        *,
        loop: asyncio.AbstractEventLoop | None = None,
        answer_delay: float = ANSWER_DELAY,
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self.error: OSError | None = None
        self.closed_files: list[Path] = []
        self.bytes_written = 0
        self.records_written = 0
        self.cpu_seconds = 0.0
        self.counts: dict[str, int] = {}
        self.redirects: Redirects = {}
        self._on_answers = on_answers
        jobs, self._jobs = context.Pipe(duplex=False)
        self._answers, answers = context.Pipe(duplex=False)
        _widen_pipes(self._jobs.fileno(), self._answers.fileno())
        self.jobs_submitted = 0
        self.jobs_written = 0  # every job up to this number is on disk
        self._unanswered: set[int] = set()  # located jobs the child has not answered yet
        self._process = context.Process(
            target=_write_forever,
            args=(make_files, jobs, answers, os.getpid(), answer_delay),
            name="warc-writer",
        )
        self._process.start()
        # The child has its own copies: if it dies, sending jobs fails and reading answers
        # meets the end of the pipe, instead of either waiting forever.
        jobs.close()
        answers.close()
        self._loop = loop
        self._done = False  # the child said it closed, or it died
        if loop is not None:
            loop.add_reader(self._answers.fileno(), self._read_answers)

    def submit(self, source: RecordSource, *, locate: bool = False) -> int:
        """Send records to write; blocks (back-pressure) when the writer is behind.

        Returns the job's number (1, 2, ...): once `jobs_written` reaches it, the records are
        on disk. With `locate`, a later answer also says where they landed.
        """
        self.jobs_submitted += 1
        number = self.jobs_submitted
        if self.error is None:
            try:
                self._send(Job(number, locate, source))
            except OSError as exc:  # the writer process is gone
                self.error = OSError(f"the WARC writer process died ({exc})")
            else:
                if locate:
                    self._unanswered.add(number)
                if self._loop is None:  # nobody else reads the answers as they come
                    self._read_answers()
                return number
        if locate:
            self._on_answers([(number, self.error)])
        return number

    def close(self) -> list[Path]:
        """Write what is queued, close the files, and return them."""
        with contextlib.suppress(OSError):  # a dead writer has nothing left to close
            self._send(None)
        self._stop_reading()
        while not self._done:
            self._receive()
        self._process.join()
        self._jobs.close()
        self._answers.close()
        return self.closed_files

    def _send(self, job: Job | None) -> None:
        """Pickle and send a job (plainly: multiprocessing's pickler sets itself up on every
        call for sockets and connections, which jobs never hold)."""
        self._jobs.send_bytes(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))

    def _read_answers(self) -> None:
        """Take every message waiting (the event loop calls this when there is one)."""
        while not self._done and self._answers.poll(0):
            self._receive()
        if self._done:
            self._stop_reading()

    def _stop_reading(self) -> None:
        if self._loop is not None:
            self._loop.remove_reader(self._answers.fileno())
            self._loop = None

    def _receive(self) -> None:
        """Take one message from the child: answers, or the news that it closed."""
        try:
            message: Answers | Closed = self._answers.recv()
        except (EOFError, OSError):
            self._writer_died()
            return
        if message.error and self.error is None:
            self.error = OSError(message.error)
        self.bytes_written, self.records_written = message.bytes_written, message.records_written
        if isinstance(message, Answers):
            self.jobs_written = message.upto
            # A job is left unwritten only after an error, which this message or one
            # before it carried.
            error = self.error or OSError(message.error)
            self._unanswered.difference_update(serial for serial, _ in message.located)
            self._on_answers(
                [(serial, error if at is None else at) for serial, at in message.located]
            )
        else:
            self.closed_files, self.cpu_seconds = message.files, message.cpu_seconds
            self.counts, self.redirects = message.counts, message.redirects
            self._done = True

    def _writer_died(self) -> None:
        """The child exited without closing: answer what it never located."""
        self._done = True
        if self.error is None:
            self._process.join(1)  # it is exiting: reap it, for its exit code
            code = self._process.exitcode
            self.error = OSError(f"the WARC writer process died (exit code {code})")
        unanswered, self._unanswered = sorted(self._unanswered), set()
        self._on_answers([(serial, self.error) for serial in unanswered])


def _widen_pipes(jobs: int, answers: int) -> None:
    """Give the pipes the largest buffer the system allows (1 MiB by default, not 64 KiB): a
    page's job then goes through in one write instead of a dozen, each waking the writer
    process, and the writer can fall that far behind before the crawl waits for it.

    The jobs pipe never gets more room than the answers pipe. The crawl reads answers only
    between turns of its event loop, and waits on a full jobs pipe: a writer that then waited
    on a full answers pipe would leave both waiting forever. An answer (~100 bytes) is far
    smaller than its job, so the answers to a full jobs pipe always fit in as large a pipe."""
    try:
        limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
        room = fcntl.fcntl(answers, fcntl.F_SETPIPE_SZ, limit)
        fcntl.fcntl(jobs, fcntl.F_SETPIPE_SZ, room)
    except (OSError, ValueError, AttributeError) as exc:
        # Not Linux, or not allowed: the default buffers work, only slower.
        logger.debug("WARC writer pipes keep (some of) their default buffers: %s", exc)


def _next_job(jobs: Any, parent: int, flush_after: float | None = None) -> Job | object | None:
    """The next job; IDLE when `flush_after` seconds pass without one; None when told to
    stop or when the crawl is gone: killed outright, it leaves the pipe at EOF, perhaps in
    the middle of a job, or just idle."""
    while True:
        try:
            if jobs.poll(flush_after or 1.0):
                job: Job | None = pickle.loads(jobs.recv_bytes())
                return job
        except (EOFError, OSError):
            return None
        if os.getppid() != parent:
            return None
        if flush_after is not None:
            return IDLE


def _write_forever(
    make_files: Callable[[], WarcFiles], jobs: Any, answers: Any, parent: int, answer_delay: float
) -> None:
    """The child process: write every job until told to stop, or until the crawl (`parent`,
    passed in because by the time this runs it may be gone) is gone; answer at least every
    `answer_delay` seconds while jobs come."""
    for stop in (signal.SIGINT, signal.SIGTERM):  # the crawl tells it when to close
        signal.signal(stop, signal.SIG_IGN)
    try:
        files, error = make_files(), ""
    except (OSError, sqlite3.Error) as exc:  # the folder or crawl state cannot be opened
        _refuse_all(jobs, answers, parent, str(exc))
        return
    batch: list[tuple[int, Written | None]] = []
    done = told = upto = 0  # jobs taken, jobs answered for, jobs on disk (none after an error)
    told_at = time.monotonic()
    while (job := _next_job(jobs, parent, answer_delay if done > told else None)) is not None:
        if isinstance(job, Job):
            done = job.number
            written = None
            if not error:
                try:
                    written = files.write(job.source.records(files.builder, files.state))
                    upto = done
                except (OSError, sqlite3.Error) as exc:
                    error = str(exc)
                    logger.error("cannot write WARC records (%s); archiving stopped", exc)
            if job.locate:
                batch.append((done, written))
        waited = time.monotonic() - told_at >= answer_delay
        if done > told and (job is IDLE or waited or len(batch) >= ANSWER_BATCH):
            error = _answer(files, answers, batch, upto, error)
            batch, told, told_at = [], done, time.monotonic()
    if done > told:
        error = _answer(files, answers, batch, upto, error)
    counts = files.counts
    if not error:
        try:
            files.close()
        except (OSError, sqlite3.Error) as exc:
            error = str(exc)
    closed = Closed(
        files.closed_files,
        files.bytes_written,
        files.records_written,
        time.process_time(),
        error,
        counts,
        files.redirects,
    )
    _tell(answers, closed)


def _answer(
    files: WarcFiles, answers: Any, batch: list[tuple[int, Written | None]], upto: int, error: str
) -> str:
    """Commit the crawl state for what was written, then say where the batch's jobs landed
    and how far the writer got; returns the error, if committing failed."""
    if not error:
        try:
            files.commit()
        except sqlite3.Error as exc:
            error = str(exc)
            logger.error("cannot commit the crawl state (%s); archiving stopped", exc)
    _tell(answers, Answers(batch, upto, files.bytes_written, files.records_written, error))
    return error


def _tell(answers: Any, message: Answers | Closed) -> None:
    """Send the crawl a message; a crawl that is gone (killed outright) is not told."""
    with contextlib.suppress(OSError):
        answers.send(message)


def _refuse_all(jobs: Any, answers: Any, parent: int, error: str) -> None:
    """With no WARC file to write to, say so at once (the crawl then stops submitting and
    stops itself), answer every job already sent with the error, and close when told."""
    logger.error("cannot open the WARC folder (%s); archiving stopped", error)
    _tell(answers, Answers([], 0, 0, 0, error))
    while (job := _next_job(jobs, parent)) is not None:
        if isinstance(job, Job) and job.locate:
            _tell(answers, Answers([(job.number, None)], 0, 0, 0, error))
    _tell(answers, Closed([], 0, 0, time.process_time(), error, {}, {}))
