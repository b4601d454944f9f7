"""A crawl killed hard (SIGKILL) mid-run leaves every closed WARC valid and the open one
named `.open` and readable up to its last whole record."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from tests.helpers import generated_site_profile, kill_crawl, start_crawl, warcio_check

if TYPE_CHECKING:
    from pathlib import Path


def test_sigkill_leaves_closed_files_valid(tmp_path: Path) -> None:
    site = GeneratedSite(3000, page_size=20_000, links=10)
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "killed", site, server.proxy_url)
        crawl = start_crawl(
            profile, tmp_path, "NEWSCRAWL_WARC_MAX_SIZE=200000", "LOG_LEVEL=WARNING"
        )
        folder = tmp_path / "killed"
        deadline = time.monotonic() + 120
        while len(list(folder.glob("*.warc.gz"))) < 3:
            assert crawl.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline, "no WARC files were closed in time"
            time.sleep(0.05)
        kill_crawl(crawl)

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
