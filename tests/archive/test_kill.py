"""A crawl killed hard (SIGKILL) mid-run leaves every closed WARC valid and the open one
named `.open` and readable up to its last whole record."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from tests.conftest import ROOT
from tests.helpers import generated_site_profile, warcio_check


def group_survivors(group: int) -> list[str]:
    """The command lines of a process group's members still running. Zombies do not count:
    orphans are reparented to PID 1, which in some containers never reaps them."""
    survivors = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue  # ended while we looked
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state != "Z":
            survivors.append(cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return survivors


def test_sigkill_leaves_closed_files_valid(tmp_path: Path) -> None:
    site = GeneratedSite(3000, page_size=20_000, links=10)
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "killed", site, server.proxy_url)
        crawl = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newscrawl",
                "crawl",
                str(profile),
                "--out",
                str(tmp_path),
                "-s",
                "NEWSCRAWL_WARC_MAX_SIZE=200000",
                "-s",
                "LOG_LEVEL=WARNING",
            ],
            cwd=ROOT,
            start_new_session=True,  # its own process group: its children can be found
        )
        folder = tmp_path / "killed"
        deadline = time.monotonic() + 120
        while len(list(folder.glob("*.warc.gz"))) < 3:
            assert crawl.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline, "no WARC files were closed in time"
            time.sleep(0.05)
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(30)
        deadline = time.monotonic() + 30
        while survivors := group_survivors(crawl.pid):
            assert time.monotonic() < deadline, f"these outlived the crawl: {survivors}"
            time.sleep(0.2)

    closed = sorted(folder.glob("*.warc.gz"))
    for path in closed:
        check = warcio_check(path)
        assert check.returncode == 0, check.stdout
    opened = list(folder.glob("*.warc.gz.open"))
    assert len(opened) <= 1
    for path in opened:
        whole = 0
        with path.open("rb") as fh:
            try:
                for record in ArchiveIterator(fh, check_digests="raise"):
                    record.content_stream().read()
                    whole += 1
            except Exception:
                pass
        assert whole >= 1, "the open file is readable up to its last whole record"
