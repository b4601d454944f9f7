"""Offline extraction speed: newscrawl on one core and on all cores, and trafilatura alone.

Two sets of pages, each repeated under distinct URLs into one WARC:
- `real`: the 81 news pages of as many publishers in tests/data/fundus (the metadata set of
  benchmarks/extract_quality.py), pages nobody here wrote, with today's heavy markup;
- `demo`: every HTML page of the demo world and the Common Crawl pages in tests/data/warcs.
All are timed in one run on the same pages, in alternating rounds (these machines are
noisy); the medians and the median of the per-round ratios are printed. The one-core
comparison runs many short rounds (a slow spell of the machine then spoils one round, not
the result) and counts each contender's CPU time beside its wall-clock time (on a machine
shared with other people's work, the CPU time is the steadier figure); the scaling to all
cores runs longer ones, since a worker pool's start-up counts. `extract_article` alone (no
WARC reading, no output) shows how the one-core time splits between extraction and the
pipeline around it.

    python benchmarks/extract.py [--set real --set demo] [--rounds 9] [--copies 3]
                                 [--scaling-rounds 3] [--scaling-copies 20]

Targets (issues 3 and 17), on each set: at least 90% of trafilatura-alone's rate per core
(our overhead is small), and 1.8x that on 2 cores. newscrawl extracts metadata too (dates,
authors, site), so trafilatura is timed both on the body alone and with its metadata.
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
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.archive.reader import ReadReport, archive_files, iter_captures
from newscrawl.demo.world import DemoWorld
from newscrawl.export.datasets import open_dataset
from newscrawl.extract import decode_html, extract_article
from newscrawl.extract.offline import extract_archives

if TYPE_CHECKING:
    from collections.abc import Callable

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
    print(
        f"one core: {args.rounds} rounds of {args.copies * len(originals)} pages "
        f"({len(originals)} distinct pages x {args.copies}); median pages/s of wall-clock "
        "and of CPU time, and the medians of the per-round ratios to trafilatura (body only, "
        "with metadata), wall / CPU; target >= 0.90:"
    )
    for name, label in (
        ("trafilatura", "trafilatura alone, body only"),
        ("trafilatura+meta", "trafilatura alone, with metadata"),
        ("extract_article", "newscrawl extract_article alone"),
        ("newscrawl", "newscrawl extract (from the WARC)"),
    ):
        wall, cpu = (statistics.median(rate[i] for rate in per_core[name]) for i in (0, 1))
        ratios = " ".join(
            "/".join(
                f"{_median_ratio([r[i] for r in per_core[name]], [r[i] for r in per_core[to]]):.2f}"
                for i in (0, 1)
            )
            for to in ("trafilatura", "trafilatura+meta")
        )
        print(f"{label:34} {wall:6.1f} {cpu:6.1f}  ratios {ratios}")
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
) -> dict[str, list[tuple[float, float]]]:
    """Pages/s on one core, in many short rounds: each round runs every contender once, so
    that the machine's slow spells hit them alike and the per-round ratios stay fair."""
    warc = tmp / "one-core.warc.gz"
    total = write_warc(warc, originals, copies)
    rates: dict[str, list[tuple[float, float]]] = {
        "trafilatura": [],
        "trafilatura+meta": [],
        "extract_article": [],
        "newscrawl": [],
    }
    pages = texts * copies
    for _ in range(rounds):
        for with_metadata, name in ((False, "trafilatura"), (True, "trafilatura+meta")):
            rates[name].append(_rates(total, partial(_trafilatura, pages, with_metadata)))
        rates["extract_article"].append(
            _rates(total, lambda: [extract_article(html, url) for url, html in pages])
        )
        rates["newscrawl"].append(_rates(total, lambda: _extract(warc, tmp, 1, total)))
    return rates


def _trafilatura(pages: list[tuple[str, str]], with_metadata: bool) -> None:
    for _url, html in pages:
        trafilatura.extract(html, with_metadata=with_metadata)


def _rates(total: int, run: Callable[[], object]) -> tuple[float, float]:
    """Pages per second of wall-clock time, and per second of this process's CPU time (which
    other people's work on a shared machine disturbs far less)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return total / (time.perf_counter() - wall), total / (time.process_time() - cpu)


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
