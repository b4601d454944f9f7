"""Archiving overhead in instructions: what the crawl process executes per page, counted by
valgrind's callgrind, with plain Scrapy and with WARC archiving.

`crawl.py` measures pages/s, which this project's VMs blur by a fifth from one minute to the
next; instruction counts do not move. Each mode crawls the generated site twice under
callgrind, N and 2N pages; the difference, divided by the pages between, is the cost of a page
with start-up left out. The archiving crawl indexes its WARCs (CDXJ) when it closes, after the
crawl `crawl.py` times: that indexing is counted apart, on the same WARCs, and taken out.
Kernel time (pipe writes), cache misses and the WARC writer process are not counted: this says
what archiving costs the crawl's own CPU, `crawl.py` what it costs the crawl.

    python benchmarks/crawl_instructions.py [--pages 300]      (needs valgrind; ~15 minutes)
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer

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


def crawl(pages: int, mode: str, out: Path) -> tuple[int, int]:
    """Instructions of one crawl of a `pages`-page site, and the pages it fetched."""
    site = GeneratedSite(pages)
    with DemoServer(site) as server:
        profile = out / f"{mode}-{pages}.toml"
        profile.write_text(site.profile("bench", server.proxy_url, concurrency=16))
        count, stdout = callgrind(
            str(CRAWL), "--child", str(profile), str(out / f"{mode}-{pages}"), mode
        )
    fetched = int(re.search(r'"pages": (\d+)', stdout)[1])  # type: ignore[index]
    return count, fetched


def indexing(folder: Path) -> int:
    """Instructions of indexing the WARCs in `folder` (CDXJ), start-up left out."""
    script = (
        "import sys; from pathlib import Path; from newscrawl.archive.index import write_cdxj\n"
        "warcs = sorted(Path(sys.argv[1]).rglob('*.warc.gz'))\n"
        "if sys.argv[2] == 'index': write_cdxj(warcs, Path(sys.argv[1]) / 'bench.cdxj')\n"
    )
    indexed, _ = callgrind("-c", script, str(folder), "index")
    started, _ = callgrind("-c", script, str(folder), "start")
    return indexed - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=300, help="N: crawls of N and 2N pages")
    args = parser.parse_args()
    small, large = args.pages, 2 * args.pages
    per_page: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for mode in ("plain", "archive"):
            (few, few_pages), (many, many_pages) = (crawl(n, mode, out) for n in (small, large))
            if mode == "archive":
                few -= indexing(out / f"{mode}-{small}")
                many -= indexing(out / f"{mode}-{large}")
            per_page[mode] = (many - few) / (many_pages - few_pages)
            print(f"{mode:8s} {per_page[mode] / 1e6:6.2f}M instructions a page", flush=True)
    extra = per_page["archive"] - per_page["plain"]
    print(
        f"archiving adds {extra / 1e6:.2f}M instructions a page to the crawl process "
        f"({extra / per_page['plain']:.1%} of plain Scrapy's); "
        f"instruction ratio plain/archiving {per_page['plain'] / per_page['archive']:.3f}"
    )


if __name__ == "__main__":
    main()
