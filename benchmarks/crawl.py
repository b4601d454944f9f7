"""Crawl overhead: one generated site crawled with plain Scrapy, with WARC archiving, and
with the full pipeline (archiving and extraction, newscrawl's default).

All crawls use the same `news` spider, settings and loopback server; the only differences are
the WarcArchiver component and the ExtractPipeline (with its worker processes and the
crawl's articles feed). Rounds alternate so that machine noise hits both alike, and the
ratio printed is the median of the per-round ratios: on these VMs the same crawl's rate
moves by a fifth from one minute to the next, so one pair of crawls says little, and many
short rounds spoil one round each rather than the result. Every other round runs the modes
in reverse order, so that none always goes first. Besides pages/s it prints the CPU time
per page of the crawler process (CDXJ indexing at its close included), of the WARC writer
process, of the extraction workers (their forkserver included) and of the loopback server,
which all share the machine's cores with the crawl.

    python benchmarks/crawl.py [--pages 2000] [--page-size 65536] [--rounds 9] [--gzip zlib:6]
                               [--dir /dev/shm]

`--gzip LIB:LEVEL` (repeatable) adds an archiving crawl with that WARC compression to each
round, beside the default one (NEWSCRAWL_WARC_GZIP / NEWSCRAWL_WARC_GZIP_LEVEL). `--dir`
puts the WARCs elsewhere, e.g. on a tmpfs to tell the disk's share of the cost from the CPU's.

Targets: archiving keeps at least 90% of plain Scrapy's pages/s (issue 2), the full
pipeline at least 60% (issue 17).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import psutil
from scrapy import signals

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

MODES = ("plain", "archive", "extract")


class WorkerCpu:
    """Extension: the CPU time of the extraction workers and their forkserver, read when the
    spider closes, before the extract pipeline stops its pool (extensions are connected to
    signals before item pipelines)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        probe = cls(crawler)
        crawler.signals.connect(probe.spider_closed, signal=signals.spider_closed)
        return probe

    def spider_closed(self) -> None:
        seconds = 0.0
        for process in psutil.Process().children():
            if "forkserver" not in " ".join(process.cmdline()):
                continue  # the WARC writer reports its own CPU time
            for server_or_worker in (process, *process.children(recursive=True)):
                times = server_or_worker.cpu_times()
                seconds += times.user + times.system
        self.crawler.stats.set_value("benchmark/extract_workers_cpu_seconds", seconds)


def child(profile: str, out: str, mode: str, *settings: str) -> None:
    """One crawl in this process, with `NAME=VALUE` settings on top; prints its stats as
    JSON."""
    from newscrawl.profile import load_profile
    from newscrawl.runner import project_settings, run_crawl

    overrides: dict[str, object] = {
        "LOG_LEVEL": "WARNING",
        "NEWSCRAWL_PROGRESS_INTERVAL": 0,
        "NEWSCRAWL_EXTRACT": mode == "extract",
        "EXTENSIONS": {"__main__.WorkerCpu": 0},
    }
    if mode == "plain":
        overrides["ITEM_PIPELINES"] = {"newscrawl.archive.archiver.WarcArchiver": None}
    elif ":" in mode:
        library, level = mode.split(":")
        overrides |= {"NEWSCRAWL_WARC_GZIP": library, "NEWSCRAWL_WARC_GZIP_LEVEL": int(level)}
    overrides |= dict(setting.split("=", 1) for setting in settings)
    result = run_crawl(load_profile(profile), project_settings(Path(out), overrides))
    stats = result.stats
    report = {
        "pages": stats.get("response_received_count", 0),
        "seconds": stats.get("elapsed_time_seconds"),
        "cpu": time.process_time(),
        "warc_bytes": stats.get("newscrawl/warc/bytes", 0),
        "writer_cpu": stats.get("newscrawl/warc/writer_cpu_seconds", 0.0),
        "workers_cpu": stats.get("benchmark/extract_workers_cpu_seconds", 0.0),
        "articles": stats.get("newscrawl/extract/articles", 0),
    }
    print(json.dumps(report))


def crawl(profile: Path, out: Path, mode: str) -> dict[str, float]:
    """Run `child` in a fresh process (Twisted's reactor starts once per process)."""
    args = [sys.executable, __file__, "--child", str(profile), str(out), mode]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--page-size", type=int, default=65536)
    parser.add_argument("--links", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--gzip", action="append", default=[], metavar="LIB:LEVEL")
    parser.add_argument("--dir", help="where WARCs are written (default: the system's temp)")
    parser.add_argument(
        "--mode", action="append", choices=MODES, help="crawls to run (default: all three)"
    )
    args = parser.parse_args()
    site = GeneratedSite(args.pages, page_size=args.page_size, links=args.links)
    modes = ["plain", *(m for m in args.mode or MODES if m != "plain"), *args.gzip]
    rates: dict[str, list[float]] = {mode: [] for mode in modes}
    with DemoServer(site) as server, tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        profile = Path(tmp) / "bench.toml"
        profile.write_text(site.profile("bench", server.proxy_url, concurrency=16))
        for i in range(args.rounds):
            order = list(rates) if i % 2 == 0 else list(rates)[::-1]
            for mode in order:
                measured = rates[mode]
                served = time.process_time()
                stats = crawl(profile, Path(tmp) / f"{mode.replace(':', '')}{i}", mode)
                served = time.process_time() - served
                pages = stats["pages"]
                measured.append(pages / stats["seconds"])
                print(
                    f"round {i + 1} {mode:8s} {pages:6d} pages {stats['seconds']:6.1f} s "
                    f"{measured[-1]:7.1f} pages/s  CPU ms/page: crawler "
                    f"{stats['cpu'] / pages * 1e3:.2f}, WARC writer "
                    f"{stats['writer_cpu'] / pages * 1e3:.2f}, extraction workers "
                    f"{stats['workers_cpu'] / pages * 1e3:.2f}, server {served / pages * 1e3:.2f}; "
                    f"{stats['warc_bytes'] / 1e6:.1f} MB WARC, {stats['articles']} articles",
                    flush=True,
                )
    plain = rates.pop("plain")
    print(f"plain Scrapy        {statistics.median(plain):7.1f} pages/s (median)")
    for mode, measured in rates.items():
        ratios = [ours / theirs for ours, theirs in zip(measured, plain, strict=True)]
        label = {"archive": "archiving", "extract": "full pipeline"}.get(mode, f"archiving, {mode}")
        print(
            f"{label:19} {statistics.median(measured):7.1f} pages/s (median), ratio "
            f"{statistics.median(ratios):.2f} (median of rounds; {min(ratios):.2f} to "
            f"{max(ratios):.2f})"
        )
    print("targets: ratio >= 0.90 archiving, >= 0.60 full pipeline (default settings)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
    else:
        main()
