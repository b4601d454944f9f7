"""A crawl shared by two processes through a real redis-server: together they fetch the whole
site, and no page twice."""

from __future__ import annotations

import time
from collections import Counter
from typing import TYPE_CHECKING

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from tests.helpers import generated_site_profile, run_newscrawl, start_crawl, warcio_check
from tests.warcs import read_records

if TYPE_CHECKING:
    from pathlib import Path


def test_two_processes_share_one_frontier(tmp_path: Path, redis_url: str) -> None:
    site = GeneratedSite(1500, page_size=4000, links=8, delay=0.005)
    shared = [
        f"REDIS_URL={redis_url}",
        "NEWSCRAWL_REDIS_JOB=shared-test",
        "NEWSCRAWL_REDIS_IDLE=3",
        "NEWSCRAWL_EXTRACT=false",
    ]
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "shared", site, server.proxy_url)
        workers = [start_crawl(profile, tmp_path / name, *shared) for name in ("one", "two")]
        deadline = time.monotonic() + 240
        while any(worker.poll() is None for worker in workers):
            assert time.monotonic() < deadline, "the shared crawl did not finish"
            time.sleep(0.2)
    assert [worker.returncode for worker in workers] == [0, 0]

    fetched: dict[str, Counter[str]] = {}
    for name in ("one", "two"):
        paths = sorted((tmp_path / name / "shared").glob("*.warc.gz"))
        for path in paths:
            assert warcio_check(path).returncode == 0
        records = read_records(paths)
        fetched[name] = Counter(r.uri for r in records if r.type == "response" and r.status == 200)
    pages = set(site.urls())
    both = fetched["one"] + fetched["two"]
    assert pages <= set(both), f"{len(pages - set(both))} pages fetched by neither process"
    twice = sorted(url for url, n in both.items() if n > 1 and url in pages)
    assert twice == [], f"fetched more than once: {twice[:5]}"
    share = len(fetched["one"]) / len(both)
    assert 0.2 < share < 0.8, f"both processes did a fair share of the work ({share:.0%})"


def test_a_shared_crawl_without_a_job_name_is_refused(tmp_path: Path, redis_url: str) -> None:
    site = GeneratedSite(3)
    profile = generated_site_profile(tmp_path, "nameless", site, "http://127.0.0.1:9")
    result = run_newscrawl(
        "crawl", str(profile), "--out", str(tmp_path), "-s", f"REDIS_URL={redis_url}"
    )
    assert result.returncode == 2
    assert "NEWSCRAWL_REDIS_JOB" in result.stderr
