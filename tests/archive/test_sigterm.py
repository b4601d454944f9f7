"""SIGTERM to a crawl's process group (`timeout`, `systemctl stop`, `kill -- -PGID`) stops it
as Ctrl-C does: the WARC writer is not killed with it, so every WARC is closed and indexed."""

from __future__ import annotations

import json
import signal
import time
from typing import TYPE_CHECKING

from tests.helpers import group_survivors, signal_crawl_midway, warcio_check

if TYPE_CHECKING:
    from pathlib import Path


def test_sigterm_to_the_group_closes_and_indexes_the_archive(tmp_path: Path) -> None:
    crawl = signal_crawl_midway(tmp_path, "stopped", signal.SIGTERM)  # as systemd and timeout do
    assert crawl.returncode == 130
    deadline = time.monotonic() + 30
    while group_survivors(crawl.pid):
        assert time.monotonic() < deadline, "the writer and workers leave with the crawl"
        time.sleep(0.1)
    folder = tmp_path / "stopped"
    assert not list(folder.glob("*.open")), "every WARC is closed"
    warcs = sorted(folder.glob("*.warc.gz"))
    assert warcs and all(warcio_check(path).returncode == 0 for path in warcs)
    (index,) = folder.glob("*.cdxj")
    indexed = {json.loads(line.split(" ", 2)[2])["filename"] for line in index.open()}
    assert indexed == {path.name for path in warcs}, "and indexed"
