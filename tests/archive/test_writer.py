"""WARC files on disk: naming, rotation, `.open` while written, one gzip member per record."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import threading
import time
import zlib
from functools import partial
from pathlib import Path

import pytest
from scrapy.settings import Settings
from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive.config import WarcConfig
from newscrawl.archive.records import Exchange, new_record_id
from newscrawl.archive.writer import Answer, WarcFiles, WriterProcess, Written
from newscrawl.profile import ProfileError
from tests.helpers import warcio_check

NAME = re.compile(r"^test-\d{14}-\d{5}-\d+-[\w.]+\.warc\.gz$")


def exchange(i: int, size: int = 20_000) -> Exchange:
    body = os.urandom(size)
    return Exchange(
        url=f"http://www.example.com/{i}",
        fetched_at=time.time(),
        record_id=new_record_id(),
        request_line=f"GET /{i} HTTP/1.1".encode(),
        request_headers=[(b"Host", b"www.example.com")],
        request_body=b"",
        status_line=b"HTTP/1.1 200 OK",
        response_headers=[(b"Content-Type", b"application/octet-stream")],
        body=body,
    )


def files(folder: Path, **kw: int) -> WarcFiles:
    return WarcFiles(folder, "test", {"software": "tests"}, hostname="host", **kw)


class FullDisk(WarcFiles):
    """WARC files on a full disk: /dev/full answers every write with ENOSPC."""

    def _rotate(self) -> None:
        super()._rotate()
        self._fh = Path("/dev/full").open("wb", buffering=0)  # noqa: SIM115


def gzip_members(path: Path) -> int:
    data, count = path.read_bytes(), 0
    while data:
        d = zlib.decompressobj(zlib.MAX_WBITS | 16)
        d.decompress(data)
        data = d.unused_data
        count += 1
    return count


def test_rotation_naming_and_open_suffix(tmp_path: Path) -> None:
    warcs = files(tmp_path, max_size=30_000)
    for i in range(6):
        warcs.write(exchange(i).records(warcs.builder))
        open_files = list(tmp_path.glob("*.open"))
        assert len(open_files) == 1, "exactly one file is being written, and it says so"
    closed = warcs.close()
    assert not list(tmp_path.glob("*.open"))
    assert len(closed) >= 3
    assert [p.name for p in closed] == sorted(p.name for p in tmp_path.glob("*.warc.gz"))
    serials = [p.name.split("-")[2] for p in closed]
    assert serials == [f"{i:05d}" for i in range(len(closed))]
    uris = []
    for path in closed:
        assert NAME.match(path.name), path.name
        with path.open("rb") as fh:
            records = [
                (r.rec_type, r.rec_headers) for r in ArchiveIterator(fh, check_digests="raise")
            ]
        assert records[0][0] == "warcinfo"
        assert records[0][1].get_header("WARC-Filename") == path.name
        assert all(h.protocol == "WARC/1.1" for _, h in records)
        assert gzip_members(path) == len(records), "one gzip member per record"
        uris += [h.get_header("WARC-Target-URI") for kind, h in records if kind == "response"]
        assert warcio_check(path).returncode == 0
    assert uris == [f"http://www.example.com/{i}" for i in range(6)], "a pair never splits"


def test_writer_process_keeps_order_and_says_where(tmp_path: Path) -> None:
    answers: list[Answer] = []
    writer = WriterProcess(partial(files, tmp_path), answers.extend)
    numbers = [writer.submit(exchange(i, 2000), locate=i % 2 == 0) for i in range(50)]
    (path,) = writer.close()
    assert writer.error is None
    assert numbers == list(range(1, 51))
    assert writer.jobs_written == 50
    assert numbers[::2] == [number for number, _ in answers]
    located = [written for _, written in answers]
    assert len(located) == 25
    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        offsets = {
            r.rec_headers.get_header("WARC-Target-URI"): it.offset
            for r in it
            if r.rec_type == "response"
        }
    assert list(offsets) == [f"http://www.example.com/{i}" for i in range(50)]
    for i, written in zip(range(0, 50, 2), located, strict=True):
        assert written.file == path
        assert written.offset == offsets[f"http://www.example.com/{i}"]
        assert written.payload_digest.startswith("sha1:")
    assert writer.records_written == 1 + 2 * 50
    assert writer.bytes_written == path.stat().st_size


def test_full_disk_is_reported_and_leaves_written_files_valid(tmp_path: Path) -> None:
    writer = WriterProcess(partial(files, tmp_path), print)
    writer.submit(exchange(0))
    (good,) = writer.close()

    answers: list[Answer] = []
    full = WriterProcess(
        partial(FullDisk, tmp_path / "full", "test", {}, hostname="host"), answers.extend
    )
    full.submit(exchange(1), locate=True)
    full.submit(exchange(2), locate=True)
    full.close()
    assert isinstance(full.error, OSError)
    assert "No space left" in str(full.error)
    assert full.jobs_written == 0, "nothing failed is reported as on disk"
    assert [serial for serial, _ in answers] == [1, 2]
    assert all(isinstance(result, OSError) for _, result in answers)
    assert warcio_check(good).returncode == 0


def test_a_writer_process_that_dies_answers_its_jobs_with_the_error(tmp_path: Path) -> None:
    """Killed outright (the OOM killer), the writer leaves nothing waiting: jobs sent before
    its death and jobs sent after it are answered with the error, and closing returns."""
    answers: list[Answer] = []
    writer = WriterProcess(partial(files, tmp_path), answers.extend)
    writer.submit(exchange(0), locate=True)
    os.kill(writer._process.pid, signal.SIGKILL)
    writer._process.join()
    for i in range(1, 4):
        writer.submit(exchange(i), locate=True)
    writer.close()
    assert isinstance(writer.error, OSError)
    assert "writer process died" in str(writer.error)
    assert sorted(serial for serial, _ in answers) == [1, 2, 3, 4]
    assert all(isinstance(result, OSError) for serial, result in answers if serial > 1)


def test_in_an_event_loop_answers_come_as_the_writer_goes(tmp_path: Path) -> None:
    """With a loop, answers arrive while the crawl runs, not at close; and a writer that
    dies is noticed there too: what it never located is answered with the error."""
    loop = asyncio.new_event_loop()
    answers: list[Answer] = []

    async def answered(count: int) -> None:
        while len(answers) < count:
            await asyncio.sleep(0.01)

    writer = WriterProcess(partial(files, tmp_path), answers.extend, loop=loop, answer_delay=0.01)
    try:
        for i in range(3):
            writer.submit(exchange(i, 2000), locate=True)
        loop.run_until_complete(asyncio.wait_for(answered(3), 30))
        assert [serial for serial, _ in answers] == [1, 2, 3]
        assert all(isinstance(written, Written) for _, written in answers)
        assert writer.jobs_written == 3

        os.kill(writer._process.pid, signal.SIGSTOP)  # no answer can come before the kill
        writer.submit(exchange(3, 2000), locate=True)
        os.kill(writer._process.pid, signal.SIGKILL)
        loop.run_until_complete(asyncio.wait_for(answered(4), 30))
        assert answers[3][0] == 4
        assert isinstance(answers[3][1], OSError)
        assert "writer process died" in str(writer.error)
    finally:
        writer.close()
        loop.close()


def test_a_crawl_that_sends_without_reading_answers_never_blocks_the_writer(
    tmp_path: Path,
) -> None:
    """The crawl reads answers only when its loop turns, and waits while the jobs pipe is
    full: the writer must never be waiting, then, on a full answers pipe (both would wait
    forever). Thousands of small located jobs are sent here without the loop turning."""
    loop = asyncio.new_event_loop()
    answers: list[Answer] = []
    writer = WriterProcess(partial(files, tmp_path), answers.extend, loop=loop, answer_delay=0.01)
    count = 6000
    sending = threading.Thread(
        target=lambda: [writer.submit(exchange(i, 10), locate=True) for i in range(count)],
        daemon=True,
    )
    sending.start()
    sending.join(60)
    try:
        assert not sending.is_alive(), "the crawl and its writer wait on each other"

        async def answered() -> None:
            while len(answers) < count:
                await asyncio.sleep(0.01)

        loop.run_until_complete(asyncio.wait_for(answered(), 60))
        assert [serial for serial, _ in answers] == list(range(1, count + 1))
    finally:
        if sending.is_alive():
            os.kill(writer._process.pid, signal.SIGKILL)
        else:
            writer.close()
        loop.close()


def test_a_folder_that_cannot_be_opened_answers_every_job_with_the_error(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    answers: list[Answer] = []
    unopened = WriterProcess(
        partial(files, blocker / "warcs", state_path=blocker / "state.sqlite3"), answers.extend
    )
    for i in range(3):
        unopened.submit(exchange(i), locate=True)
    assert unopened.close() == [], "close returns although the writer never started"
    assert isinstance(unopened.error, OSError)
    assert str(blocker) in str(unopened.error)
    assert sorted(serial for serial, _ in answers) == [1, 2, 3]
    assert all(isinstance(result, OSError) for _, result in answers)
    assert unopened.jobs_written == 0


def test_a_file_left_open_by_a_crash_is_recovered_by_the_next_writer(tmp_path: Path) -> None:
    crashed = files(tmp_path)
    for i in range(3):
        crashed.write(exchange(i).records(crashed.builder))
    (whole,) = crashed.close()
    members = gzip_members(whole)
    torn = whole.with_name(whole.name + ".open")
    # As a crash leaves it: named .open, its last record cut short.
    torn.write_bytes(whole.read_bytes() * 2 + whole.read_bytes()[:-10])
    whole.unlink()

    empty = tmp_path / "test-20240101000000-00000-1-host.warc.gz.open"
    empty.write_bytes(torn.read_bytes()[:100])  # killed before a whole record

    after = files(tmp_path)
    assert after.closed_files == [whole], "recovered files count as this writer's closed files"
    assert not empty.exists(), "a file without one whole record is dropped"
    assert not list(tmp_path.glob("*.open"))
    assert gzip_members(whole) == 3 * members - 1, "cut after the last whole record"
    assert warcio_check(whole).returncode == 0
    after.write(exchange(3).records(after.builder))
    assert len(after.close()) == 2


@pytest.mark.parametrize(("library", "level"), [("isal", 0), ("isal", 3), ("zlib", 1), ("zlib", 9)])
def test_each_gzip_library_writes_members_warcio_reads(
    tmp_path: Path, library: str, level: int
) -> None:
    sent = [exchange(i, size=5_000) for i in range(3)]
    warcs = WarcFiles(tmp_path, "test", {}, hostname="host", gzip=library, gzip_level=level)
    for item in sent:
        warcs.write(item.records(warcs.builder))
    (path,) = warcs.close()
    with path.open("rb") as fh:
        bodies = [
            r.content_stream().read()
            for r in ArchiveIterator(fh, check_digests="raise")
            if r.rec_type == "response"
        ]
    assert bodies == [item.body for item in sent]
    assert gzip_members(path) == 1 + 2 * len(sent)
    assert warcio_check(path).returncode == 0


@pytest.mark.parametrize(
    ("settings", "fix"),
    [
        ({"NEWSCRAWL_WARC_GZIP": "zstd"}, 'use "isal" or "zlib"'),
        ({"NEWSCRAWL_WARC_GZIP_LEVEL": 6}, "out of isal's range: use 0-3"),
        ({"NEWSCRAWL_WARC_GZIP": "zlib", "NEWSCRAWL_WARC_GZIP_LEVEL": 10}, "use 0-9"),
    ],
)
def test_a_bad_gzip_setting_names_the_fix(settings: dict[str, object], fix: str) -> None:
    project = Settings()
    project.setmodule("newscrawl.settings")
    project.update(settings)
    with pytest.raises(ProfileError, match=re.escape(fix)):
        WarcConfig.from_settings(project)
