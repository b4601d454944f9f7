"""Offline extraction speed: newscrawl on one core and on all cores, and trafilatura alone.

The pages are real news HTML: every HTML page of the demo world and the real Common Crawl
pages in ../shared/warcs, repeated under distinct URLs into one WARC. All are timed in one
run on the same pages, in alternating rounds (these machines are noisy); the medians and the
median of the per-round ratios are printed. `extract_article` alone (no WARC reading, no
output) shows how the one-core time splits between extraction and the pipeline around it.

    python benchmarks/extract.py [--copies 20] [--rounds 3]

Targets (issue 3): at least 90% of trafilatura-alone's rate per core (our overhead is
small), and 1.8x that on 2 cores. newscrawl extracts metadata too (dates, authors, site),
so trafilatura is timed both on the body alone and with its metadata.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time
from pathlib import Path

import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.archive.reader import ReadReport, archive_files, iter_captures
from newscrawl.demo.world import DemoWorld
from newscrawl.export.datasets import open_dataset
from newscrawl.extract import decode_html, extract_article
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
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    originals = pages()
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "pages.warc.gz"
        total = write_warc(warc, originals, args.copies)
        print(f"{total} pages ({len(originals)} distinct real news pages x {args.copies})")

        texts = [(url, decode_html(body, content_type)) for url, content_type, body in originals]
        rates: dict[str, list[float]] = {
            "trafilatura": [],
            "trafilatura+meta": [],
            "extract_article": [],
            "newscrawl": [],
            "newscrawl, all cores": [],
        }
        cores = os.cpu_count() or 1
        for _ in range(args.rounds):
            for with_metadata, name in ((False, "trafilatura"), (True, "trafilatura+meta")):
                started = time.perf_counter()
                for _url, html in texts * args.copies:
                    trafilatura.extract(html, with_metadata=with_metadata)
                rates[name].append(total / (time.perf_counter() - started))
            started = time.perf_counter()
            for url, html in texts * args.copies:
                extract_article(html, url)
            rates["extract_article"].append(total / (time.perf_counter() - started))
            for name, workers in (("newscrawl", 1), ("newscrawl, all cores", cores)):
                with open_dataset(Path(tmp) / "out.jsonl") as dataset:
                    summary = extract_archives([str(warc)], dataset.write, workers)
                assert summary.articles == total, summary
                rates[name].append(total / summary.seconds)
    median = {name: statistics.median(values) for name, values in rates.items()}
    ratio = _median_ratio(rates["newscrawl"], rates["trafilatura"])
    scaling = _median_ratio(rates["newscrawl, all cores"], rates["newscrawl"])
    print(f"trafilatura alone, body only, 1 core      {median['trafilatura']:7.1f} pages/s")
    print(f"trafilatura alone, with metadata, 1 core  {median['trafilatura+meta']:7.1f} pages/s")
    print(f"newscrawl extract_article alone, 1 core   {median['extract_article']:7.1f} pages/s")
    print(
        f"newscrawl extract, 1 core                 {median['newscrawl']:7.1f} pages/s  ratio "
        f"{ratio:.2f} to body only, "
        f"{median['newscrawl'] / median['trafilatura+meta']:.2f} to with metadata "
        "(target >= 0.90)"
    )
    print(
        f"newscrawl extract, {cores} cores                "
        f"{median['newscrawl, all cores']:7.1f} pages/s  "
        f"scaling {scaling:.2f}x (target 1.8x on 2 cores)"
    )


def _median_ratio(ours: list[float], theirs: list[float]) -> float:
    """The median of the per-round ratios: each round's pair ran side by side."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


if __name__ == "__main__":
    main()
