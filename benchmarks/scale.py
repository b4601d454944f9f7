"""Provenance at corpus scale: 10k, 100k and 1M generated articles linked into one index
folder in runs of --run articles (as hourly runs would), then one incremental run of
--increment more articles against the full index.

Articles come from the generator of `provenance_quality.py`, story by story (an original,
its copies, distractors), shuffled within each run: copies arrive in the same run as their
original or the next, as in a crawl. Linking runs in a fresh subprocess on a fresh
folder; time is the time inside `link()` and `save()` (generation not counted), peak memory
the process's maxrss (generator included). One index is grown to the largest size; the
figures of the smaller sizes are those of the same index when it held that many articles.
Per-run times show whether a run's cost grows with the corpus (it should not: its searches
are look-ups in the band, landmark and page tables).

Then the text-reuse stages alone on --stage-size articles with --workers processes:
fingerprints and LSH bands (in parallel), bands into the table, candidate search (one join
per article on the band table, and the landmarks), and verification of the proposed
cross-site pairs (in parallel).

    python benchmarks/scale.py [--sizes 10000 100000 1000000] [--run 10000]
                               [--increment 1000] [--stage-size 100000] [--workers 2]
                               [--folder /tmp/newscrawl-scale]

Targets (issue): 1M within 12 GB peak, per-article time near-linear, text-reuse stages
5,000 articles/s on 2 cores, an incremental run of 1,000 articles against 1M under 60 s
and 2 GB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newscrawl.items import Article

ARTICLES_PER_ORIGINAL = 4.7  # what the generator makes on average per original (approx.)
TOPICS = 2_000  # story clusters of five stories each, used again and again past 10,000 stories


class _Cycle(list):  # type: ignore[type-arg]
    """Topics taken round and round: story `n` has topic `n // 5` modulo their number."""

    def __getitem__(self, n):  # type: ignore[no-untyped-def]
        return super().__getitem__(n % len(self))


def stream(size: int, seed: int, run: int, first: int = 0) -> Iterator[list[Article]]:
    """`size` generated articles in runs of `run`, stories `first` onwards. Another `first`
    gives other pages (other story numbers, other copy URLs) in the same vocabulary."""
    from provenance_quality import World

    world = World(seed, 5 * (TOPICS - 100), 0.5, 0.4)
    world.vocab.topics = _Cycle(world.vocab.topics)
    world.rng = random.Random(seed + first)
    world.serial = first * 10
    n, made = first, 0
    while made < size:
        while len(world.articles) < run:
            world.story_with_copies(n)
            n += 1
        chunk = world.articles[: min(run, size - made)]
        world.articles = world.articles[len(chunk) :]
        world.truth.clear()
        world.rng.shuffle(chunk)
        made += len(chunk)
        yield chunk


def cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes: on a shared machine
    it moves less than the clock does."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_link(size: int, seed: int, run: int, *, folder: Path, first: int, workers: int) -> dict:
    """Link `size` articles into `folder` in runs of `run`: seconds and peak memory after
    each run."""
    from newscrawl.provenance.candidates import CandidateIndex
    from newscrawl.provenance.linker import link

    runs, cpu, peaks, made = [], [], [], 0
    for chunk in stream(size, seed, run, first):
        started, busy = time.perf_counter(), cpu_seconds()
        with CandidateIndex.held(folder) as index:
            records = link(chunk, index, workers=workers)
            index.save()
        runs.append(time.perf_counter() - started)
        cpu.append(cpu_seconds() - busy)
        peaks.append(maxrss_mib())
        made += len(chunk)
        assert len(records) == len(chunk), (len(records), len(chunk))
        print(
            f"  {made:9d} articles: run {runs[-1]:6.1f} s (CPU {cpu[-1]:6.1f} s),"
            f" all {sum(runs):8.1f} s, peak {peaks[-1]:6.0f} MiB",
            file=sys.stderr,
            flush=True,
        )
    return {"size": size, "run": run, "runs": runs, "cpu": cpu, "peaks": peaks}


def run_stage(size: int, seed: int, workers: int) -> dict:
    """The text-reuse stages alone, `workers` processes where they run in parallel."""
    from concurrent.futures import ProcessPoolExecutor

    from newscrawl.provenance.attribution import Signals
    from newscrawl.provenance.candidates import CandidateIndex
    from newscrawl.provenance.linker import make_entry

    articles = [a for chunk in stream(size, seed, size) for a in chunk]
    timings: dict[str, float] = {}
    with ProcessPoolExecutor(workers) as pool:
        started = time.perf_counter()
        entries = list(pool.map(make_entry, articles, [Signals()] * size, chunksize=256))
        timings["fingerprint + bands"] = time.perf_counter() - started
        index = CandidateIndex()
        started = time.perf_counter()
        for entry in entries:
            index.add(entry)
        timings["into tables"] = time.perf_counter() - started
        started = time.perf_counter()
        pairs = sorted(
            {
                (entry.key, other.key)
                for entry in entries
                for other in index.candidates(entry)
                if entry.key < other.key and other.domain != entry.domain
            }
        )
        timings["candidate search"] = time.perf_counter() - started
        by_key = {entry.key: entry for entry in entries}
        started = time.perf_counter()
        firsts = [by_key[a] for a, _ in pairs]
        seconds = [by_key[b] for _, b in pairs]
        matches = list(pool.map(_verify, firsts, seconds, chunksize=256))
        timings["verify"] = time.perf_counter() - started
    return {
        "size": size,
        "timings": timings,
        "pairs": len(pairs),
        "matched": sum(matches),
        "peak_mib": maxrss_mib(),
    }


def _verify(a: object, b: object) -> bool:
    from newscrawl.provenance.linker import compare

    return (compare(a, b) or compare(b, a)) is not None  # type: ignore[arg-type]


def in_subprocess(*args: str) -> dict:
    """Run one measurement in a fresh interpreter (its progress shown as it goes)."""
    command = [sys.executable, __file__, "--worker", *args]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--run", type=int, default=10_000, help="articles a run")
    parser.add_argument("--increment", type=int, default=1_000, help="articles of the last run")
    parser.add_argument("--stage-size", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/newscrawl-scale"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-stage", action="store_true")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(Path(__file__).parent))
        mode, size = args.worker[0], int(args.worker[1])
        if mode == "stage":
            result = run_stage(size, args.seed, args.workers)
        else:
            first = int(args.worker[2])
            run = min(args.run, size)
            result = run_link(
                size, args.seed, run, folder=args.folder, first=first, workers=args.workers
            )
        print(json.dumps(result))
        return

    common = ["--seed", str(args.seed), "--workers", str(args.workers), "--run", str(args.run)]
    largest = max(args.sizes)
    folder = args.folder / str(largest)
    shutil.rmtree(folder, ignore_errors=True)
    print(f"link() in runs of {args.run} articles into one index, {args.workers} workers")
    grown = in_subprocess("link", str(largest), "0", "--folder", str(folder), *common)
    print(
        f"{'articles':>9} {'seconds':>9} {'articles/s':>11} {'CPU s':>9} {'that run s':>11} "
        f"{'its CPU s':>10} {'peak MiB':>9}"
    )
    rows = []
    for size in sorted(args.sizes):
        done = max(1, -(-size // args.run))  # runs that brought the index to `size`
        seconds, cpu = sum(grown["runs"][:done]), sum(grown["cpu"][:done])
        rows.append((size, seconds))
        print(
            f"{size:9d} {seconds:9.1f} {size / seconds:11.1f} {cpu:9.1f} "
            f"{grown['runs'][done - 1]:11.1f} {grown['cpu'][done - 1]:10.1f} "
            f"{grown['peaks'][done - 1]:9.1f}",
            flush=True,
        )
    if len(rows) >= 2:
        (small, first), (large, last) = rows[0], rows[-1]
        print(
            f"per-article time {large} vs {small}: x{(last / large) / (first / small):.2f} for "
            f"x{large / small:.0f} articles (1.0 = linear)"
        )
    increment = in_subprocess(
        "link",
        str(args.increment),
        str(largest),  # a story number past those of the index: new pages
        "--folder",
        str(folder),
        *common,
    )
    print(
        f"incremental run: {args.increment} articles into the index of {largest}: "
        f"{sum(increment['runs']):.1f} s (CPU {sum(increment['cpu']):.1f} s), "
        f"peak {increment['peaks'][-1]:.0f} MiB",
        flush=True,
    )
    if args.skip_stage:
        return
    print(f"\ntext-reuse stages alone, {args.stage_size} articles, {args.workers} workers")
    stage = in_subprocess("stage", str(args.stage_size), *common)
    timings = stage["timings"]
    for name, seconds in timings.items():
        print(f"  {name:20} {seconds:8.1f} s {args.stage_size / seconds:10.1f} articles/s")
    total = sum(timings.values())
    print(
        f"  all text-reuse stages: {args.stage_size / total:.1f} articles/s (target 5,000); "
        f"{stage['pairs']} cross-site pairs verified, {stage['matched']} share text; "
        f"peak {stage['peak_mib']:.0f} MiB"
    )


if __name__ == "__main__":
    main()
