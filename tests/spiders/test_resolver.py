"""Resolve once, connect to the vetted address: a real crawl whose system resolver is a
script that changes its answers (DNS rebinding) or fails first.

The site is served on 127.0.0.2 only. The forbidden answer is 0.0.0.0 (unspecified: refused
without NEWSCRAWL_ALLOW_PRIVATE), which Linux connects to as 127.0.0.1, where nothing of
this test listens: a page is fetched only if the downloader connected to the answer the
guard vetted, and no connection can leave the machine whatever the crawler does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

from newscrawl.demo.server import DemoServer
from newscrawl.demo.world import Resource
from tests.conftest import ROOT
from tests.spiders.hostile import SmallWorld, html

if TYPE_CHECKING:
    from pathlib import Path

VETTED, FORBIDDEN = "127.0.0.2", "0.0.0.0"
SCRIPT = {
    "rebind.test": [[VETTED], [FORBIDDEN]],  # public first, then private
    "rebind-back.test": [[FORBIDDEN], [VETTED]],  # private first, then public
    "gone.test": [[], [VETTED]],  # fails first, then resolves
}

PROFILE = """
name = "rebinding"
[seeds]
start_urls = {starts}
[scope]
allowed_domains = {hosts}
article_patterns = ['/2024/']
[politeness]
autothrottle = false
[network]
allow_loopback = true
"""


def test_the_downloader_connects_only_to_the_vetted_address(tmp_path: Path) -> None:
    robots = Resource(200, (("Content-Type", "text/plain"),), b"User-agent: *\n")
    with DemoServer(SmallWorld({}), host=VETTED) as server:
        starts = {name: f"http://{name}:{server.port}/2024/a.html" for name in SCRIPT}
        for name, url in starts.items():
            server.resolver.pages[url] = html(f"<p>{name}</p>")
            server.resolver.pages[f"http://{name}:{server.port}/robots.txt"] = robots
        script = tmp_path / "dns.json"
        script.write_text(json.dumps(SCRIPT))
        profile = tmp_path / "rebinding.toml"
        profile.write_text(
            PROFILE.format(starts=json.dumps(list(starts.values())), hosts=json.dumps(list(SCRIPT)))
        )
        settings = {
            "TWISTED_DNS_RESOLVER": "tests.spiders.hostile.ScriptedResolver",
            "RETRY_TIMES": "0",
            "NEWSCRAWL_EXTRACT": "false",
        }
        options = [arg for item in settings.items() for arg in ("-s", "=".join(item))]
        command = [sys.executable, "-m", "newscrawl", "crawl", str(profile), "--out", str(tmp_path)]
        done = subprocess.run(
            [*command, *options],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=ROOT,
            env={**os.environ, "SCRIPTED_DNS": str(script)},
        )
    assert done.returncode == 0, done.stderr
    (summary,) = (tmp_path / "rebinding").glob("*-summary.json")
    stats = json.loads(summary.read_text())

    asked = [url for _, url in server.requests]
    assert starts["rebind.test"] in asked, "connected to the vetted address, not the later one"
    assert not any(url.startswith(("http://rebind-back.test", "http://gone.test")) for url in asked)
    assert "newscrawl/fetch/errors" not in stats
    assert stats["newscrawl/guard/refused/unspecified"] == 2, "rebind-back.test and robots.txt"
    assert stats["newscrawl/guard/refused/unresolved"] == 2, "gone.test and its robots.txt"
    assert f"refused http://gone.test:{server.port}/robots.txt: gone.test does not resolve" in (
        done.stderr
    )
    lookups = (tmp_path / "dns.asked").read_text().split()
    assert sorted(lookups) == sorted(SCRIPT), "each name looked up once"
