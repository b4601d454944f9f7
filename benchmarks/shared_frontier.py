"""A crawl shared through Redis: one process alone against two processes sharing one frontier.

The site is generated and served on loopback with a per-answer delay, as distant news sites
answer; each process keeps the profile's politeness (concurrency per site), so a second
process doubles what the crawl may have in flight, as a second machine would. A real
redis-server is started on a free loopback port. Rounds alternate; wall time is measured
from start to the last process's exit, start-up and the shared crawl's idle wait included.

    python benchmarks/shared_frontier.py [--pages 3000] [--delay 0.05] [--rounds 2]

Target (issue 5): two processes finish the crawl faster than one (speed-up > 1), with no
page fetched twice.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import redis
from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer


def crawl(profile: Path, outs: list[Path], settings: list[str]) -> float:
    """Run one `newscrawl crawl` per folder in `outs`, at once; the wall time until all end."""
    args = [sys.executable, "-m", "newscrawl", "crawl", str(profile)]
    sets = [arg for setting in ["LOG_LEVEL=WARNING", *settings] for arg in ("-s", setting)]
    started = time.monotonic()
    processes = [
        subprocess.Popen(
            [*args, "--out", str(out), *sets],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for out in outs
    ]
    if any(process.wait() != 0 for process in processes):
        raise SystemExit("a crawl failed")
    return time.monotonic() - started


def fetched(outs: list[Path]) -> Counter[str]:
    """How often each URL was archived as a 200 response, over all the folders."""
    counts: Counter[str] = Counter()
    for path in sorted(p for out in outs for p in out.rglob("*.warc.gz")):
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response" and record.http_headers.get_statuscode() == "200":
                    counts[record.rec_headers.get_header("WARC-Target-URI")] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--page-size", type=int, default=8000)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per answer")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    site = GeneratedSite(args.pages, page_size=args.page_size, links=10, delay=args.delay)
    server_bin = shutil.which("redis-server")
    if server_bin is None:
        raise SystemExit("redis-server not found: apt-get install redis-server")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    redis_server = subprocess.Popen(
        [server_bin, "--bind", "127.0.0.1", "--port", str(port), "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    times: dict[str, list[float]] = {"one process": [], "two shared": []}
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        with DemoServer(site) as server, tempfile.TemporaryDirectory() as tmp:
            profile = Path(tmp) / "bench.toml"
            profile.write_text(site.profile("bench", server.proxy_url, concurrency=8))
            common = ["NEWSCRAWL_EXTRACT=false", "AUTOTHROTTLE_ENABLED=false"]
            for i in range(args.rounds):
                for mode, measured in times.items():
                    if mode == "one process":
                        outs, settings = [Path(tmp) / f"one{i}"], common
                    else:
                        outs = [Path(tmp) / f"shared{i}-{n}" for n in (1, 2)]
                        settings = [
                            *common,
                            f"REDIS_URL={url}",
                            f"NEWSCRAWL_REDIS_JOB=bench-{i}",
                            "NEWSCRAWL_REDIS_IDLE=1",
                        ]
                    measured.append(crawl(profile, outs, settings))
                    counts = fetched(outs)
                    pages = sum(1 for page in site.urls() if counts[page])
                    twice = sum(1 for page in site.urls() if counts[page] > 1)
                    print(
                        f"round {i + 1} {mode:12s} {measured[-1]:6.1f} s  "
                        f"{pages}/{args.pages} pages archived, {twice} fetched twice",
                        flush=True,
                    )
    finally:
        client.close()
        redis_server.terminate()
        redis_server.wait()
    one, two = statistics.median(times["one process"]), statistics.median(times["two shared"])
    print(f"one process        {one:6.1f} s (median)")
    print(f"two shared         {two:6.1f} s (median)")
    print(f"speed-up           {one / two:6.2f}  (target > 1)")


if __name__ == "__main__":
    main()
