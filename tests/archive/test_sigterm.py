"""SIGTERM to a crawl's process group (`timeout`, `systemctl stop`, `kill -- -PGID`) stops it
as Ctrl-C does: the WARC writer is not killed with it, so every WARC is closed and indexed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from tests.conftest import ROOT
from tests.helpers import generated_site_profile, group_survivors, warcio_check

if TYPE_CHECKING:
    from pathlib import Path


def test_sigterm_to_the_group_closes_and_indexes_the_archive(tmp_path: Path) -> None:
    site = GeneratedSite(3000, page_size=20_000, links=10)
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "stopped", site, server.proxy_url)
        command = [sys.executable, "-m", "newscrawl", "crawl", str(profile), "--out", str(tmp_path)]
        crawl = subprocess.Popen(
            command, cwd=ROOT, start_new_session=True, stderr=subprocess.DEVNULL
        )
        folder = tmp_path / "stopped"
        deadline = time.monotonic() + 60
        while not list(folder.glob("*.warc.gz.open")):
            assert crawl.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.5)
        os.killpg(crawl.pid, signal.SIGTERM)  # as systemd and timeout do: the whole group
        assert crawl.wait(60) == 130
    deadline = time.monotonic() + 30
    while group_survivors(crawl.pid):
        assert time.monotonic() < deadline, "the writer and workers leave with the crawl"
        time.sleep(0.1)
    assert not list(folder.glob("*.open")), "every WARC is closed"
    warcs = sorted(folder.glob("*.warc.gz"))
    assert warcs and all(warcio_check(path).returncode == 0 for path in warcs)
    (index,) = folder.glob("*.cdxj")
    indexed = {json.loads(line.split(" ", 2)[2])["filename"] for line in index.open()}
    assert indexed == {path.name for path in warcs}, "and indexed"
