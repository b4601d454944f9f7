"""Offline extraction speed: newscrawl on one core and on all cores, and trafilatura alone.

The pages are real news HTML: every HTML page of the demo world and the real Common Crawl
pages in ../shared/warcs, repeated under distinct URLs into one WARC. All three are timed
in one run on the same pages.

    python benchmarks/extract.py [--copies 20]

Targets (issue 3): at least 90% of trafilatura-alone's rate per core (our overhead is
small), and 1.8x that on 2 cores. newscrawl extracts metadata too (dates, authors, site),
so trafilatura is timed both on the body alone and with its metadata.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from pathlib import Path

import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.archive.reader import ReadReport, archive_files, iter_captures
from newscrawl.demo.world import DemoWorld
from newscrawl.extract import decode_html
from newscrawl.extract.offline import extract_archives

SHARED = Path(__file__).resolve().parents[2] / "shared" / "warcs"


def pages() -> list[tuple[str, str, bytes]]:
    """(url, content type, body) of every real HTML page at hand."""
    found = []
    world = DemoWorld()
    for url in world.urls():
        resource = world.resolve(url, {})
        content_type = dict(resource.headers).get("Content-Type", "")
        if resource.status == 200 and content_type.startswith("text/html"):
            found.append((url, content_type, resource.body))
    for path in archive_files([SHARED / "resiliparse" / "warcfile.warc.gz"]):
        found += [(c.url, c.content_type, c.body) for c in iter_captures(path, ReadReport())]
    return found


def write_warc(path: Path, originals: list[tuple[str, str, bytes]], copies: int) -> int:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        for i in range(copies):
            for url, content_type, body in originals:
                headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
                record = writer.create_warc_record(
                    f"{url}?copy={i}", "response", payload=io.BytesIO(body), http_headers=headers
                )
                writer.write_record(record)
    return copies * len(originals)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    originals = pages()
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "pages.warc.gz"
        total = write_warc(warc, originals, args.copies)
        print(f"{total} pages ({len(originals)} distinct real news pages x {args.copies})")

        alone = {}
        for with_metadata in (False, True):
            started = time.perf_counter()
            for _url, content_type, body in originals * args.copies:
                trafilatura.extract(decode_html(body, content_type), with_metadata=with_metadata)
            alone[with_metadata] = total / (time.perf_counter() - started)

        rates = {}
        for workers in (1, os.cpu_count() or 1):
            summary = extract_archives([str(warc)], Path(tmp) / f"out{workers}.jsonl", workers)
            assert summary.articles == total, summary
            rates[workers] = total / summary.seconds
    cores = max(rates)
    print(f"trafilatura alone, body only, 1 core      {alone[False]:7.1f} pages/s")
    print(f"trafilatura alone, with metadata, 1 core  {alone[True]:7.1f} pages/s")
    print(
        f"newscrawl extract, 1 core                 {rates[1]:7.1f} pages/s  ratio "
        f"{rates[1] / alone[False]:.2f} to body only, {rates[1] / alone[True]:.2f} to "
        "with metadata (target >= 0.90)"
    )
    print(
        f"newscrawl extract, {cores} cores                {rates[cores]:7.1f} pages/s  "
        f"scaling {rates[cores] / rates[1]:.2f}x (target 1.8x on 2 cores)"
    )


if __name__ == "__main__":
    main()
