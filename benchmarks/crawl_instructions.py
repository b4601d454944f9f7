"""Archiving overhead in instructions: what the crawl process executes per page, counted by
valgrind's callgrind, with plain Scrapy and with WARC archiving.

`crawl.py` measures pages/s, which this project's VMs blur by a fifth from one minute to the
next; instruction counts barely move. Each mode crawls the generated site twice under
callgrind, N and 2N pages; the difference, divided by the pages between, is the cost of a page
with start-up left out. The archiving crawl indexes its WARCs (CDXJ) when it closes, after the
crawl `crawl.py` times: that indexing is counted apart, on the same WARCs, and taken out.
Under callgrind the crawl runs ~40x slower while the WARC writer process (not traced) does not,
so the writer's answers, batched by time, are held that much longer
(NEWSCRAWL_WARC_ANSWER_DELAY): they come as often per page as in a crawl at full speed.
Kernel time (pipe writes), cache misses and the WARC writer process are not counted: this says
what archiving costs the crawl's own CPU, `crawl.py` what it costs the crawl.

    python benchmarks/crawl_instructions.py [--pages 300]      (needs valgrind; ~15 minutes)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from newscrawl.settings import NEWSCRAWL_WARC_ANSWER_DELAY

CRAWL = Path(__file__).with_name("crawl.py")


def callgrind(*args: str) -> tuple[int, str]:
    """Instructions executed by `python args...` (children not followed), and its output."""
    with tempfile.NamedTemporaryFile() as out:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out.name}",
                sys.executable,
                *args,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind counted nothing: {done.stderr[-500:]}")
    return int(found[1]), done.stdout


@dataclass
class Crawl:
    """One crawl: instructions executed (None when not counted), pages fetched, seconds."""

    instructions: int | None
    pages: int
    seconds: float


def crawl(pages: int, mode: str, out: Path, *settings: str, counted: bool = True) -> Crawl:
    """One crawl of a `pages`-page site with `NAME=VALUE` settings, under callgrind unless
    not `counted`."""
    site = GeneratedSite(pages)
    folder = out / f"{mode}-{pages}-{'counted' if counted else 'timed'}"
    with DemoServer(site) as server:
        profile = out / f"{folder.name}.toml"
        profile.write_text(site.profile("bench", server.proxy_url, concurrency=16))
        args = (str(CRAWL), "--child", str(profile), str(folder), mode, *settings)
        if counted:
            instructions, stdout = callgrind(*args)
        else:
            instructions = None
            stdout = subprocess.run(
                [sys.executable, *args], capture_output=True, text=True, check=True
            ).stdout
    stats = json.loads(stdout.strip().splitlines()[-1])
    return Crawl(instructions, stats["pages"], stats["seconds"])


def indexing(folder: Path) -> int:
    """Instructions of a process that indexes the WARCs in `folder` (CDXJ), start-up included
    (it cancels out between two crawls)."""
    script = (
        "import sys; from pathlib import Path; from newscrawl.archive.index import write_cdxj\n"
        "warcs = sorted(Path(sys.argv[1]).rglob('*.warc.gz'))\n"
        "write_cdxj(warcs, Path(sys.argv[1]) / 'bench.cdxj')\n"
    )
    return callgrind("-c", script, str(folder))[0]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=300, help="N: crawls of N and 2N pages")
    args = parser.parse_args()
    small, large = args.pages, 2 * args.pages
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        full_speed = crawl(large, "plain", out, counted=False)
        few, many = (crawl(n, "plain", out) for n in (small, large))
        slowdown = (full_speed.pages / full_speed.seconds) / (many.pages / many.seconds)
        delay = NEWSCRAWL_WARC_ANSWER_DELAY * slowdown
        print(f"callgrind slows the crawl {slowdown:.0f}x: WARC answers held up to {delay:.2f} s")
        per_page = {"plain": _per_page(few, many)}
        few, many = (
            crawl(n, "archive", out, f"NEWSCRAWL_WARC_ANSWER_DELAY={delay}") for n in (small, large)
        )
        assert few.instructions is not None and many.instructions is not None
        few.instructions -= indexing(out / f"archive-{small}-counted")
        many.instructions -= indexing(out / f"archive-{large}-counted")
        per_page["archive"] = _per_page(few, many)
    for mode, count in per_page.items():
        print(f"{mode:8s} {count / 1e6:6.2f}M instructions a page")
    extra = per_page["archive"] - per_page["plain"]
    print(
        f"archiving adds {extra / 1e6:.2f}M instructions a page to the crawl process "
        f"({extra / per_page['plain']:.1%} of plain Scrapy's); "
        f"instruction ratio plain/archiving {per_page['plain'] / per_page['archive']:.3f}"
    )


def _per_page(few: Crawl, many: Crawl) -> float:
    assert few.instructions is not None and many.instructions is not None
    return (many.instructions - few.instructions) / (many.pages - few.pages)


if __name__ == "__main__":
    main()
