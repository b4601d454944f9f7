"""The extract stage inside a crawl: pages go to the worker pool in batches, and each comes
back as its own article."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from tests.helpers import ROOT, generated_site_profile

if TYPE_CHECKING:
    from pathlib import Path

PAGES = 60


def test_one_worker_given_batches_returns_each_page_its_own_article(tmp_path: Path) -> None:
    """Four pages fetched at a time and one worker: pages wait and go in batches. Every
    article page comes back once, with its own title and the WARC record of its own URL."""
    site = GeneratedSite(PAGES, page_size=8192)
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "batches", site, server.proxy_url)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "newscrawl",
                "crawl",
                str(profile),
                "--out",
                str(tmp_path),
                "-s",
                "NEWSCRAWL_EXTRACT_WORKERS=1",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    run = tmp_path / "batches"
    (feed,) = run.glob("*-articles.jsonl")
    articles = [json.loads(line) for line in feed.read_text().splitlines()]
    records = {}
    for warc in run.glob("*.warc.gz"):
        with warc.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    records[uri] = record.rec_headers.get_header("WARC-Record-ID")
    titles = {site.url(i): f"Generated story {i}" for i in range(PAGES)}
    titles[site.start_url] = "Generated News"  # the home page says it is an article too
    assert sorted(a["url"] for a in articles) == sorted(titles)
    for article in articles:
        assert article["title"] == titles[article["url"]]
        assert article["warc_record_id"] == records[article["url"]]
