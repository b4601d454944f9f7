"""Ctrl-C stops a crawl cleanly: WARCs closed and indexed, exit code 130."""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

from tests.helpers import signal_crawl_midway, warcio_check

if TYPE_CHECKING:
    from pathlib import Path


def test_ctrl_c_closes_and_indexes_the_archive(tmp_path: Path) -> None:
    crawl = signal_crawl_midway(tmp_path, "killed", signal.SIGINT)  # a terminal's Ctrl-C
    assert crawl.returncode == 130
    folder = tmp_path / "killed"
    assert not list(folder.glob("*.open")), "every WARC is closed"
    warcs = sorted(folder.glob("*.warc.gz"))
    assert warcs and all(warcio_check(path).returncode == 0 for path in warcs)
    assert list(folder.glob("*.cdxj")), "and indexed"
