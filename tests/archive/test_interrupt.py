"""Ctrl-C stops a crawl cleanly: WARCs closed and indexed, exit code 130."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from tests.helpers import ROOT, generated_site_profile, warcio_check

if TYPE_CHECKING:
    from pathlib import Path


def test_ctrl_c_closes_and_indexes_the_archive(tmp_path: Path) -> None:
    site = GeneratedSite(3000, page_size=20_000, links=10)
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "killed", site, server.proxy_url)
        command = [sys.executable, "-m", "newscrawl", "crawl", str(profile), "--out", str(tmp_path)]
        crawl = subprocess.Popen(
            command, cwd=ROOT, start_new_session=True, stderr=subprocess.DEVNULL
        )
        folder = tmp_path / "killed"
        deadline = time.monotonic() + 60
        while not list(folder.glob("*.warc.gz.open")):
            assert crawl.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.5)
        os.killpg(crawl.pid, signal.SIGINT)  # as a terminal does: the whole process group
        assert crawl.wait(60) == 130
    assert not list(folder.glob("*.open")), "every WARC is closed"
    warcs = sorted(folder.glob("*.warc.gz"))
    assert warcs and all(warcio_check(path).returncode == 0 for path in warcs)
    assert list(folder.glob("*.cdxj")), "and indexed"
