"""Extraction over many WARCs on a Dask LocalCluster against one process.

The pages are the demo world's HTML pages, repeated under distinct URLs into several WARCs.
Each way extracts a fresh copy of them into the article store (nothing is stored yet), in
one run, side by side: one process (`--workers 1`, no pool), the default worker pool of
`--workers 2`, and `--dask local --workers 2`, whose time is given with the cluster's
start-up and without it. Printed: pages/s of each and the speed-up over one process.

    python benchmarks/dask_batch.py [--warcs 6] [--copies 5] [--rounds 2]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.warcs


def html_pages() -> list[tuple[str, str, bytes]]:
    from newscrawl.demo.world import DemoWorld

    world = DemoWorld()
    found = []
    for url in world.urls():
        resource = world.resolve(url, {})
        content_type = dict(resource.headers).get("Content-Type", "")
        if content_type.startswith("text/html"):
            found.append((url, content_type, resource.body))
    return found


def write_warcs(folder: Path, warcs: int, copies: int) -> int:
    from tests.warcs import response

    pages = html_pages()
    for n in range(warcs):
        records = [
            response(f"{url}?copy={n}-{i}", body, content_type)
            for i in range(copies)
            for url, content_type, body in pages
        ]
        (folder / f"batch-{n}.warc.gz").write_bytes(b"".join(records))
    return warcs * copies * len(pages)


def timed(source: Path, scratch: Path, workers: int, dask: bool) -> tuple[float, float, int]:
    """Seconds in all, seconds extracting (cluster start-up left out), articles."""
    from newscrawl.cluster import dask_client
    from newscrawl.extract.offline import extract_archives

    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(source, scratch)
    count = 0

    def write(_: object) -> None:
        nonlocal count
        count += 1

    started = time.perf_counter()
    if dask:
        with dask_client("local", workers) as client:
            client.wait_for_workers(workers)
            ready = time.perf_counter()
            extract_archives([str(scratch)], write, workers, store=True, client=client)
            done = time.perf_counter()
    else:
        ready = started
        extract_archives([str(scratch)], write, workers, store=True)
        done = time.perf_counter()
    return done - started, done - ready, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warcs", type=int, default=6)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    ways = {
        "one process": (1, False),
        "pool of 2": (2, False),
        "dask local 2": (2, True),
    }
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        source.mkdir()
        pages = write_warcs(source, args.warcs, args.copies)
        print(f"{pages} pages in {args.warcs} WARCs, {args.rounds} rounds")
        totals: dict[str, list[float]] = {way: [] for way in ways}
        work: dict[str, list[float]] = {way: [] for way in ways}
        for _ in range(args.rounds):
            for way, (workers, dask) in ways.items():
                total, extracting, count = timed(source, Path(tmp) / "scratch", workers, dask)
                assert count == pages, (way, count, pages)
                totals[way].append(total)
                work[way].append(extracting)
    base = statistics.median(totals["one process"])
    for way in ways:
        total, extracting = statistics.median(totals[way]), statistics.median(work[way])
        print(
            f"{way:13s} {total:6.1f} s ({pages / total:5.0f} pages/s, speed-up {base / total:4.2f})"
            + (
                f"; without cluster start-up {extracting:5.1f} s "
                f"(speed-up {base / extracting:4.2f})"
                if way.startswith("dask")
                else ""
            )
        )


if __name__ == "__main__":
    main()
