"""Offline extraction speed: newscrawl on one core and on all cores, and trafilatura alone.

Two sets of pages, each repeated under distinct URLs into one WARC:
- `real`: the 81 news pages of as many publishers in tests/data/fundus (the metadata set of
  benchmarks/extract_quality.py), pages nobody here wrote, with today's heavy markup;
- `demo`: every HTML page of the demo world and the Common Crawl pages in tests/data/warcs.
All are timed in one run on the same pages, in alternating rounds (these machines are noisy); the medians and the
median of the per-round ratios are printed. The one-core comparison runs many short rounds
(a slow spell of the machine then spoils one round, not the result); the scaling to all
cores runs longer ones, since a worker pool's start-up counts. `extract_article` alone (no
WARC reading, no output) shows how the one-core time splits between extraction and the
pipeline around it.

    python benchmarks/extract.py [--set real --set demo] [--rounds 9] [--copies 3]
                                 [--scaling-rounds 3] [--scaling-copies 20]

Targets (issues 3 and 17), on each set: at least 90% of trafilatura-alone's rate per core
(our overhead is small), and 1.8x that on 2 cores. newscrawl extracts metadata too (dates, authors, site),
so trafilatura is timed both on the body alone and with its metadata.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
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

TEST_DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def real_pages() -> list[tuple[str, str, bytes]]:
    """(url, content type, body) of the stored publishers' pages (tests/data/fundus)."""
    folder = TEST_DATA / "fundus"
    entries = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return [
        (entry["url"], "text/html", gzip.decompress((folder / entry["file"]).read_bytes()))
        for entry in entries
    ]


def demo_pages() -> list[tuple[str, str, bytes]]:
    """(url, content type, body) of the demo world's HTML pages and the Common Crawl ones."""
    found = []
    world = DemoWorld()
    for url in world.urls():
        resource = world.resolve(url, {})
        content_type = dict(resource.headers).get("Content-Type", "")
        if resource.status == 200 and content_type.startswith("text/html"):
            found.append((url, content_type, resource.body))
    for path in archive_files([TEST_DATA / "warcs" / "resiliparse" / "warcfile.warc.gz"]):
        found += [(c.url, c.content_type, c.body) for c in iter_captures(path, ReadReport())]
    return found


PAGE_SETS = {
    "real": ("real news pages (tests/data/fundus)", real_pages),
    "demo": ("demo world and Common Crawl pages", demo_pages),
}


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
    parser.add_argument(
        "--set", action="append", choices=list(PAGE_SETS), help="page set (default: both)"
    )
    parser.add_argument("--rounds", type=int, default=9, help="short rounds, one core")
    parser.add_argument("--copies", type=int, default=3, help="of each page, per short round")
    parser.add_argument("--scaling-rounds", type=int, default=3)
    parser.add_argument("--scaling-copies", type=int, default=20)
    args = parser.parse_args()
    for name in args.set or list(PAGE_SETS):
        label, pages = PAGE_SETS[name]
        print(f"== {label}")
        _run(pages(), args)


def _run(originals: list[tuple[str, str, bytes]], args: argparse.Namespace) -> None:
    """Both comparisons on one page set, printed."""
    with tempfile.TemporaryDirectory() as tmp:
        texts = [(url, decode_html(body, content_type)) for url, content_type, body in originals]
        per_core = _per_core(Path(tmp), originals, texts, args.copies, args.rounds)
        scaling = _scaling(Path(tmp), originals, args.scaling_copies, args.scaling_rounds)
    median = {name: statistics.median(values) for name, values in per_core.items()}
    ratio = _median_ratio(per_core["newscrawl"], per_core["trafilatura"])
    print(
        f"one core: {args.rounds} rounds of {args.copies * len(originals)} pages "
        f"({len(originals)} distinct pages x {args.copies}), medians:"
    )
    print(f"trafilatura alone, body only             {median['trafilatura']:7.1f} pages/s")
    print(f"trafilatura alone, with metadata         {median['trafilatura+meta']:7.1f} pages/s")
    print(
        f"newscrawl extract_article alone          {median['extract_article']:7.1f} pages/s  ratio "
        f"{_median_ratio(per_core['extract_article'], per_core['trafilatura']):.2f} to body only"
    )
    print(
        f"newscrawl extract (from the WARC)        {median['newscrawl']:7.1f} pages/s  ratio "
        f"{ratio:.2f} to body only, "
        f"{_median_ratio(per_core['newscrawl'], per_core['trafilatura+meta']):.2f} to with "
        "metadata (median of per-round ratios; target >= 0.90)"
    )
    cores = os.cpu_count() or 1
    one, all_cores = (statistics.median(scaling[name]) for name in ("1 core", "all cores"))
    print(
        f"all cores: {args.scaling_rounds} rounds of {args.scaling_copies * len(originals)} "
        f"pages, newscrawl extract {one:.1f} pages/s on 1 core, {all_cores:.1f} on {cores}, "
        f"scaling {_median_ratio(scaling['all cores'], scaling['1 core']):.2f}x "
        "(target 1.8x on 2 cores)"
    )


def _per_core(
    tmp: Path,
    originals: list[tuple[str, str, bytes]],
    texts: list[tuple[str, str]],
    copies: int,
    rounds: int,
) -> dict[str, list[float]]:
    """Pages/s on one core, in many short rounds: each round runs every contender once, so
    that the machine's slow spells hit them alike and the per-round ratios stay fair."""
    warc = tmp / "one-core.warc.gz"
    total = write_warc(warc, originals, copies)
    rates: dict[str, list[float]] = {
        "trafilatura": [],
        "trafilatura+meta": [],
        "extract_article": [],
        "newscrawl": [],
    }
    for _ in range(rounds):
        for with_metadata, name in ((False, "trafilatura"), (True, "trafilatura+meta")):
            started = time.perf_counter()
            for _url, html in texts * copies:
                trafilatura.extract(html, with_metadata=with_metadata)
            rates[name].append(total / (time.perf_counter() - started))
        started = time.perf_counter()
        for url, html in texts * copies:
            extract_article(html, url)
        rates["extract_article"].append(total / (time.perf_counter() - started))
        rates["newscrawl"].append(_extract(warc, tmp, 1, total))
    return rates


def _scaling(
    tmp: Path, originals: list[tuple[str, str, bytes]], copies: int, rounds: int
) -> dict[str, list[float]]:
    """Pages/s of `newscrawl extract` with one worker and with one per core (pool start-up
    included, as a user would see it), alternating."""
    warc = tmp / "all-cores.warc.gz"
    total = write_warc(warc, originals, copies)
    rates: dict[str, list[float]] = {"1 core": [], "all cores": []}
    for _ in range(rounds):
        for name, workers in (("1 core", 1), ("all cores", os.cpu_count() or 1)):
            rates[name].append(_extract(warc, tmp, workers, total))
    return rates


def _extract(warc: Path, tmp: Path, workers: int, total: int) -> float:
    """`newscrawl extract` from the WARC into a JSONL dataset: pages/s."""
    with open_dataset(tmp / "out.jsonl") as dataset:
        summary = extract_archives([str(warc)], dataset.write, workers)
    assert summary.articles == total, summary
    return total / summary.seconds


def _median_ratio(ours: list[float], theirs: list[float]) -> float:
    """The median of the per-round ratios: each round's pair ran side by side."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


if __name__ == "__main__":
    main()
