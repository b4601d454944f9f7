"""Archive folders and profiles from strangers, through the real command: a bad file inside
a run is reported in one line and skipped, the run goes on; a bad argument is a usage error
(exit 2); a file that stops a command says so in one line. Never a traceback, never a write
through a planted symlink, never a delete of the user's own folder."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from typing import TYPE_CHECKING

import pytest
from warcio.warcwriter import WARCWriter

from newscrawl.archive.writer import recover_open_files
from newscrawl.runner import EXIT_LOCKED
from tests.archive.test_reader import html, response
from tests.conftest import run_newscrawl
from tests.helpers import lock_held_elsewhere

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

ARTICLE = "A readable page with enough words to keep as an article " * 20
PROFILE = """
name = "{name}"
[seeds]
start_urls = ["http://127.0.0.1:9/"]
[network]
allow_loopback = true
"""


def one_error(done: subprocess.CompletedProcess[str], code: int) -> str:
    """The one error line of a command that stopped with `code`."""
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    (error,) = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    return error


def reported_once(done: subprocess.CompletedProcess[str], text: str) -> str:
    """The one line that reports `text` in a run that went on (exit 0)."""
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = [line for line in done.stderr.splitlines() if text in line]
    return line


def good_warc(path: Path, url: str = "http://a.example/good") -> Path:
    path.write_bytes(response(url, html(ARTICLE)))
    return path


def warcinfo(run: str) -> bytes:
    """The opening warcinfo record of a newscrawl run named `run`."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    writer.write_record(writer.create_warcinfo_record("x.warc.gz", {"run-id": run}))
    return out.getvalue()


def profile(tmp_path: Path, name: str = "hostile", extra: str = "") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(PROFILE.format(name=name) + extra)
    return path


# --- bad files inside a run: reported, skipped, the run goes on -----------------------------


def test_a_wacz_that_is_no_zip_is_reported_and_skipped(tmp_path: Path) -> None:
    good_warc(tmp_path / "good.warc.gz")
    (tmp_path / "fake.wacz").write_bytes(b"not a zip at all")
    out = tmp_path / "out.jsonl"
    done = run_newscrawl("extract", str(tmp_path), "--out", str(out))
    line = reported_once(done, "fake.wacz")
    assert "not a WACZ (zip) file" in line
    assert [json.loads(row)["url"] for row in out.read_text().splitlines()] == [
        "http://a.example/good"
    ]
    done = run_newscrawl("provenance", str(tmp_path), "--out", str(tmp_path / "p.jsonl"))
    assert "not a WACZ (zip) file" in reported_once(done, "fake.wacz")


def test_a_bad_warc_date_is_noted_and_the_page_read_undated(tmp_path: Path) -> None:
    warc = tmp_path / "dated.warc.gz"
    good_warc(warc)
    raw = with_header(warc.read_bytes(), b"WARC-Date: ", b"WARC-Date: 2008-10-294T05:21:46")
    warc.write_bytes(raw)
    out = tmp_path / "out.jsonl"
    line = reported_once(run_newscrawl("extract", str(warc), "--out", str(out)), "WARC-Date")
    assert f"{warc} @ 0: bad WARC-Date '2008-10-294T05:21:46" in line
    (row,) = map(json.loads, out.read_text().splitlines())
    assert row["url"] == "http://a.example/good" and not row["fetched_at"]
    done = run_newscrawl("export", str(warc), "--out", str(tmp_path / "export"))
    reported_once(done, "WARC-Date")
    assert (tmp_path / "export" / "parquet" / "crawl_date=__HIVE_DEFAULT_PARTITION__").is_dir()


def with_header(member: bytes, old: bytes, new: bytes) -> bytes:
    """A gzip member with the first `old` header line replaced by one starting with `new`."""
    raw = gzip.decompress(member)
    head, _, rest = raw.partition(old)
    _, _, tail = rest.partition(b"\r\n")
    return gzip.compress(head + new + b"\r\n" + tail)


def test_a_page_list_that_is_no_json_is_reported_and_every_page_counted(tmp_path: Path) -> None:
    run = "hostile-20240101000000"
    warc = tmp_path / f"{run}-00000.warc.gz"
    warc.write_bytes(warcinfo(run) + response("http://a.example/good", html(ARTICLE)))
    (tmp_path / f"{run}-pages.jsonl").write_text("{not json\n")
    with zipfile.ZipFile(tmp_path / "packed.wacz", "w") as package:
        package.writestr(f"archive/{run}-00001.warc.gz", warc.read_bytes())
        package.writestr("pages/pages.jsonl", b"\xff\xfe not json either\n")
    done = run_newscrawl("export", str(tmp_path), "--out", str(tmp_path / "export"))
    assert "not a page list" in reported_once(done, f"{run}-pages.jsonl")
    assert "not a page list" in reported_once(done, "packed.wacz#pages/pages.jsonl")
    rows = (tmp_path / "export" / "articles.jsonl").read_text().splitlines()
    assert len(rows) == 2, "every page counts as an article: loose and packed"


def test_fifos_and_devices_named_like_warcs_are_refused_not_read(tmp_path: Path) -> None:
    good_warc(tmp_path / "good.warc.gz")
    os.mkfifo(tmp_path / "fifo.warc.gz")
    (tmp_path / "zero.warc.gz").symlink_to("/dev/zero")
    out = tmp_path / "out.jsonl"
    done = run_newscrawl("extract", str(tmp_path), "--out", str(out), timeout=60)
    assert "not a regular file" in reported_once(done, "fifo.warc.gz")
    assert "not a regular file" in reported_once(done, "zero.warc.gz")
    assert len(out.read_text().splitlines()) == 1
    named = run_newscrawl("extract", str(tmp_path / "fifo.warc.gz"), "--out", str(out), timeout=60)
    assert "not a regular file" in reported_once(named, "fifo.warc.gz")


# --- files that stop a command: one line ------------------------------------------------------


def test_a_provenance_index_that_is_no_database_stops_with_one_line(tmp_path: Path) -> None:
    warc = good_warc(tmp_path / "good.warc.gz")
    index = tmp_path / "index"
    index.mkdir()
    (index / "provenance-index.sqlite").write_bytes(b"garbage " * 1000)
    out = tmp_path / "p.jsonl"
    done = run_newscrawl("provenance", str(warc), "--out", str(out), "--index", str(index))
    error = one_error(done, 1)
    assert f"the provenance index {index} is unreadable" in error
    assert "delete it to start over" in error


@pytest.mark.parametrize("content", [b"", b"garbage " * 1000], ids=["empty", "garbage"])
def test_a_crawl_state_that_is_none_stops_the_crawl_with_one_line(
    tmp_path: Path, content: bytes
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "crawl-state.sqlite3").write_bytes(content)
    done = run_newscrawl("crawl", str(profile(tmp_path)), "--out", str(tmp_path))
    error = one_error(done, 1)
    assert f"{folder / 'crawl-state.sqlite3'} is not a crawl state" in error
    assert "move it away to crawl afresh" in error
    assert not list(folder.glob("*.warc.gz*")), "nothing was fetched"


def test_a_symlinked_lock_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    (folder / ".lock").symlink_to(target)
    done = run_newscrawl("crawl", str(profile(tmp_path)), "--out", str(tmp_path))
    assert "is a symbolic link: refused" in one_error(done, 1)
    assert target.read_text() == "keep me"


def test_a_symlinked_partial_file_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    warc = good_warc(tmp_path / "good.warc.gz")
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    out = tmp_path / "p.jsonl"
    (tmp_path / ".p.jsonl.partial").symlink_to(target)
    done = run_newscrawl("provenance", str(warc), "--out", str(out))
    assert "is a symbolic link: refused" in one_error(done, 1)
    assert target.read_text() == "keep me"
    assert not out.exists()


def test_a_symlinked_open_warc_is_not_recovered_through(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    target = tmp_path / "precious.warc.gz"
    target.write_bytes(b"keep me, I am no WARC")
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "planted.warc.gz.open").symlink_to(target)
    recover_open_files(folder)
    assert target.read_bytes() == b"keep me, I am no WARC", "not truncated"
    assert "is a symbolic link: refused" in caplog.text
    assert not (folder / "planted.warc.gz").exists()


# --- bad arguments and profiles: usage errors ---------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[archive]\nprefix = "../../x"\n', "archive.prefix '../../x' must be a plain file name"),
        (
            "[politeness]\nconcurrent_requests_per_domain = 0\n",
            "concurrent_requests_per_domain must be a number >= 1",
        ),
        ("[politeness]\ndownload_delay = inf\n", "download_delay must be a number >= 0"),
        ("[scope]\nmax_pages = 2.5\n", "max_pages must be a number >= 0 (a whole number)"),
    ],
)
def test_nonsense_profiles_are_refused_with_the_rule(
    tmp_path: Path, extra: str, message: str
) -> None:
    done = run_newscrawl("crawl", str(profile(tmp_path, extra=extra)), "--out", str(tmp_path / "a"))
    assert message in one_error(done, 2)
    assert not (tmp_path / "a").exists() and not (tmp_path.parent / "x").exists()


def test_a_prefix_setting_that_leaves_the_folder_is_refused(tmp_path: Path) -> None:
    args = ("-s", "NEWSCRAWL_WARC_PREFIX=../x")
    done = run_newscrawl("crawl", str(profile(tmp_path)), "--out", str(tmp_path / "a"), *args)
    assert "NEWSCRAWL_WARC_PREFIX='../x' must be a plain file name" in one_error(done, 2)


def test_bad_arguments_are_usage_errors(tmp_path: Path) -> None:
    warc = good_warc(tmp_path / "good.warc.gz")
    out = str(tmp_path / "out.jsonl")
    one_error(run_newscrawl("extract", str(warc), "--out", out, "--workers", "-1"), 2)
    dataset = tmp_path / "articles.jsonl"
    dataset.write_text("{not json\n")
    done = run_newscrawl("provenance", str(dataset), "--out", out)
    assert "is not JSON lines" in one_error(done, 2)


# --- export --out: only what newscrawl wrote is replaced ----------------------------------------


def test_export_never_replaces_a_parquet_folder_it_did_not_write(tmp_path: Path) -> None:
    warc = good_warc(tmp_path / "good.warc.gz")
    out = tmp_path / "out"
    mine = out / "parquet" / "my-data.parquet"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"the user's own")
    done = run_newscrawl("export", str(warc), "--out", str(out))
    assert "was not written by newscrawl export" in one_error(done, 2)
    assert mine.read_bytes() == b"the user's own"

    fresh = tmp_path / "fresh"
    for _ in range(2):  # an export replaces its own earlier one
        assert run_newscrawl("export", str(warc), "--out", str(fresh)).returncode == 0
    days = [p.name for p in (fresh / "parquet").iterdir() if not p.name.startswith(".")]
    assert len(days) == 1
    assert [p.name for p in fresh.iterdir() if p.name.startswith(".parquet")] == []


# --- stopping: one crawl per job folder -------------------------------------------------------


def test_a_second_crawl_on_a_job_folder_in_use_is_refused(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    jobdir.mkdir()
    with lock_held_elsewhere(jobdir):
        done = run_newscrawl(
            "crawl", str(profile(tmp_path)), "--out", str(tmp_path / "a"), "-s", f"JOBDIR={jobdir}"
        )
    assert done.returncode == EXIT_LOCKED, done.stderr
    assert f"the job folder {jobdir} is in use by pid 1 on elsewhere" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list((tmp_path / "a").rglob("*.warc.gz*")), "nothing was fetched"
