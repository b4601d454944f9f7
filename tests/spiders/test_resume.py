"""Pause and resume with Scrapy's JOBDIR: a run stopped half way goes on where it was,
fetching nothing twice and losing nothing that was queued."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from tests.conftest import run_newscrawl
from tests.helpers import generated_site_profile
from tests.warcs import read_records

if TYPE_CHECKING:
    from pathlib import Path


def test_a_stopped_run_resumes_where_it_was(tmp_path: Path) -> None:
    site = GeneratedSite(300, page_size=4000, links=8)
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "resumed", site, server.proxy_url)
        job = ["-s", f"JOBDIR={tmp_path / 'job'}", "-s", "NEWSCRAWL_EXTRACT=false"]
        first = run_newscrawl(
            "crawl", str(profile), "--out", str(tmp_path), *job, "-s", "CLOSESPIDER_PAGECOUNT=60"
        )
        assert first.returncode == 0, first.stderr
        second = run_newscrawl("crawl", str(profile), "--out", str(tmp_path), *job)
        assert second.returncode == 0, second.stderr

    folder = tmp_path / "resumed"
    summaries = [json.loads(p.read_text()) for p in sorted(folder.glob("*-summary.json"))]
    assert [s["finish_reason"] for s in summaries] == ["closespider_pagecount", "finished"]
    records = read_records(sorted(folder.glob("*.warc.gz")))
    fetched = Counter(r.uri for r in records if r.type == "response" and r.status == 200)
    pages = set(site.urls())
    assert pages <= set(fetched), f"{len(pages - set(fetched))} pages never fetched"
    twice = [url for url, n in fetched.items() if n > 1 and url in pages]
    assert twice == [], "nothing is fetched twice"
