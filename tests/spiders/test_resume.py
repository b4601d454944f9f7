"""Pause and resume with a job folder (JOBDIR): a run stopped half way, or killed outright,
goes on where it was, archiving nothing twice and losing nothing that was queued."""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from typing import TYPE_CHECKING

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from tests.helpers import (
    generated_site_profile,
    kill_crawl,
    run_newscrawl,
    start_crawl,
    warcio_check,
)
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


def test_a_run_killed_again_and_again_loses_nothing(tmp_path: Path) -> None:
    site = GeneratedSite(1200, page_size=4000, links=8)
    settings = [f"JOBDIR={tmp_path / 'job'}", "NEWSCRAWL_EXTRACT=false", "LOG_LEVEL=INFO"]
    folder = tmp_path / "killed"
    pick = random.Random(2023)
    kills = []
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "killed", site, server.proxy_url)
        for _ in range(3):
            crawl = start_crawl(profile, tmp_path, *settings)
            deadline = time.monotonic() + 60
            while not list(folder.glob("*.warc.gz*")):  # started: writing its first file
                assert crawl.poll() is None, "the crawl ended before it could be killed"
                assert time.monotonic() < deadline, "the crawl never started writing"
                time.sleep(0.05)
            time.sleep(pick.uniform(0.2, 2.0))
            assert crawl.poll() is None, "the crawl ended before it could be killed"
            kill_crawl(crawl)
            kills.append(len(read_records(sorted(folder.glob("*.warc.gz")))))
        last = run_newscrawl("crawl", str(profile), "--out", str(tmp_path), *_s(settings))
        assert last.returncode == 0, last.stderr

    assert kills == sorted(kills) and kills[0] > 0, f"each kill came later in the crawl: {kills}"
    assert not list(folder.glob("*.open")), "no file is left open"
    paths = sorted(folder.glob("*.warc.gz"))
    for path in paths:
        check = warcio_check(path)
        assert check.returncode == 0, check.stdout
    records = read_records(paths)
    responses = Counter(r.uri for r in records if r.type == "response" and r.status == 200)
    pages = set(site.urls())
    assert pages <= set(responses), f"{len(pages - set(responses))} pages were lost"
    twice = sorted(url for url in pages if responses[url] > 1)
    assert twice == [], f"archived as a response more than once: {twice[:5]}"
    summary = json.loads(max(folder.glob("*-summary.json")).read_text())
    assert summary["finish_reason"] == "finished"
    indexed = {
        json.loads(line.split(" ", 2)[2])["filename"]
        for cdxj in folder.glob("*.cdxj")
        for line in cdxj.read_text().splitlines()
    }
    assert {path.name for path in paths} <= indexed, "the killed runs' files are indexed too"


def _s(settings: list[str]) -> list[str]:
    return [arg for setting in settings for arg in ("-s", setting)]
