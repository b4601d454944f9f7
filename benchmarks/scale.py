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
signals, fingerprints and LSH bands (in parallel), bands into the table, candidate search
(batches of look-ups on the band and landmark tables), and verification of the proposed
cross-site pairs (in parallel).

--split measures where the time of a run goes instead: the text-reuse stages on --stage-size
articles with 1 and with --workers processes, side by side; then an index grown (in runs of
--run, not measured) to each of --split-sizes, and at each size one run of --increment new
articles linked on one process and not saved, its CPU time split into reuse (signals,
fingerprints and bands; into the tables; candidate search; indexed entries read back and
fingerprinted again), verification of the proposed pairs, and decisions (pointers
followed, stories decided), per article, with the pairs verified per article: whether a
larger index costs more because each article meets more texts to verify, or because each
look-up or read costs more.

    python benchmarks/scale.py [--sizes 10000 100000 1000000] [--run 10000]
                               [--increment 1000] [--stage-size 100000] [--workers 2]
                               [--folder /tmp/newscrawl-scale]
    python benchmarks/scale.py --split [--split-sizes 10000 50000] [--stage-size 20000]

Targets (issue): 1M within 12 GB peak, per-article time near-linear, text-reuse stages
5,000 articles/s on 2 cores, an incremental run of 1,000 articles against 1M under 60 s
and 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newscrawl.items import Article

ARTICLES_PER_ORIGINAL = 4.7  # what the generator makes on average per original (approx.)
TOPICS = 2_000  # story clusters of five stories each, used again and again past 10,000 stories
REUSE = ("signals, fingerprint, bands", "into tables", "candidate search")  # the stages
READ_BACK = "entries read back"  # an indexed entry not in memory: inflated, fingerprinted


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
    """The text-reuse stages alone, `workers` processes where they run in parallel (the
    pool started beforehand, as `link()` has it running): wall seconds of each stage, and
    the CPU seconds of this process (all of it on one process)."""
    from concurrent.futures import ProcessPoolExecutor

    from newscrawl.provenance.candidates import CandidateIndex
    from newscrawl.provenance.linker import _entry, _received, _stored

    articles = [a for chunk in stream(size, seed, size) for a in chunk]
    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}
    load = os.getloadavg()[0]

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        started, busy = time.perf_counter(), time.process_time()
        yield
        timings[name] = time.perf_counter() - started
        cpu[name] = time.process_time() - busy

    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(abs, range(workers)))  # the workers started
        with stage(REUSE[0]):
            made = (
                (_received(*sent) for sent in pool.map(_stored, articles, chunksize=256))
                if workers > 1
                else map(_entry, articles)
            )
            indexable = list(made)
        index = CandidateIndex()
        with stage(REUSE[1]):
            for entry, data, its_bands in indexable:
                index.add(entry, its_bands, data)
        entries = [entry for entry, _, _ in indexable]
        with stage(REUSE[2]):
            pairs = sorted(
                {
                    (entry.key, other.key)
                    for entry in entries
                    for other in index.candidates(entry)
                    if entry.key < other.key and other.domain != entry.domain
                }
            )
        by_key = {entry.key: entry for entry in entries}
        firsts = [by_key[a] for a, _ in pairs]
        seconds = [by_key[b] for _, b in pairs]
        with stage("verify"):
            verified = (
                pool.map(_verify, firsts, seconds, chunksize=256)
                if workers > 1
                else map(_verify, firsts, seconds)
            )
            matches = list(verified)
    return {
        "size": size,
        "timings": timings,
        "cpu": cpu,
        "load": [load, os.getloadavg()[0]],
        "pairs": len(pairs),
        "matched": sum(matches),
        "peak_mib": maxrss_mib(),
    }


def _verify(a: object, b: object) -> bool:
    from newscrawl.provenance.linker import compare

    return (compare(a, b) or compare(b, a)) is not None  # type: ignore[arg-type]


class Split:
    """CPU time of this process by category, each wrapped function's time counted in its
    own category and not in that of the function that called it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._open: list[list[float]] = []  # [start, time in nested categories]

    def wrap(self, category: str, function):  # type: ignore[no-untyped-def]
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            self._open.append([time.process_time(), 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                start, nested = self._open.pop()
                spent = time.process_time() - start
                self.seconds[category] = self.seconds.get(category, 0.0) + spent - nested
                self.calls[category] = self.calls.get(category, 0) + 1
                if self._open:
                    self._open[-1][1] += spent

        return timed


def run_split(sizes: list[int], seed: int, run: int, measured: int, folder: Path) -> dict:
    """Grow an index in `folder` to each of `sizes` (2 processes, not measured); at each,
    link `measured` new articles on one process, not saved, CPU split by what it did."""
    from newscrawl.provenance import linker
    from newscrawl.provenance.candidates import CandidateIndex
    from newscrawl.provenance.stores import SQLiteStore

    split = Split()
    # The linker's own functions, timed by category where `link()` looks them up (for the
    # measured runs only: the growing runs hand `_entry` to worker processes).
    timed = [
        (linker, "_entry", REUSE[0]),
        (CandidateIndex, "add", REUSE[1]),
        (CandidateIndex, "candidates", REUSE[2]),
        (SQLiteStore, "_flush", REUSE[1]),  # a run's band and landmark rows, at its first search
        (SQLiteStore, "get", READ_BACK),
        (linker, "_pair", "verification"),
        (linker, "_follow_pointers", "decisions"),
        (linker, "_decide_stories", "decisions"),
    ]
    plain = [getattr(owner, name) for owner, name, _ in timed]
    rows, made = [], 0
    growing = stream(max(sizes), seed, run)
    for size in sorted(sizes):
        while made < size:
            chunk = next(growing)
            with CandidateIndex.held(folder) as index:
                linker.link(chunk, index, workers=2)
                index.save()
            made += len(chunk)
        # Stories past those of the index: new pages, the topics the generator cycles.
        articles = [a for c in stream(measured, seed, measured, first=10 * made) for a in c]
        split.seconds.clear()
        split.calls.clear()
        for owner, name, category in timed:
            setattr(owner, name, split.wrap(category, getattr(owner, name)))
        with CandidateIndex.held(folder) as index:
            started = time.process_time()
            linker.link(articles, index, workers=1)
            total = time.process_time() - started
        for (owner, name, _), function in zip(timed, plain, strict=True):
            setattr(owner, name, function)
        print(f"  measured at {made} articles", file=sys.stderr, flush=True)
        rows.append(
            {
                "index": made,
                "articles": len(articles),
                "cpu": total,
                "seconds": dict(split.seconds),
                "pairs": split.calls.get("verification", 0),
            }
        )
    return {"rows": rows}


def print_split(stages: dict[int, dict], split: dict, size: int) -> None:
    """The stages on 1 and n processes side by side, then the CPU split at each size."""
    one, many = stages[1]["timings"], stages[max(stages)]["timings"]
    workers = max(stages)
    loads = ", ".join(f"{load:.1f}" for n in sorted(stages) for load in stages[n]["load"])
    print(
        f"\ntext-reuse stages, {size} articles: articles/s on 1 and {workers} processes (wall), "
        f"CPU ms an article on 1 (load average {loads})"
    )
    header = f"{workers} processes"
    print(
        f"  {'stage':28} {'1 process':>10} {header:>12} {'ratio':>6} {'CPU ms':>7} "
        f"{'main CPU ms':>12}"
    )
    cpu, main = stages[1]["cpu"], stages[workers]["cpu"]
    for name in one:
        print(
            f"  {name:28} {size / one[name]:10.0f} {size / many[name]:12.0f} "
            f"{one[name] / many[name]:6.2f} {1000 * cpu[name] / size:7.3f} "
            f"{1000 * main[name] / size:12.3f}"
        )
    reuse_one = sum(one[n] for n in REUSE)
    reuse_many = sum(many[n] for n in REUSE)
    print(
        f"  {'the three reuse stages':28} {size / reuse_one:10.0f} {size / reuse_many:12.0f} "
        f"{reuse_one / reuse_many:6.2f} {1000 * sum(cpu[n] for n in REUSE) / size:7.3f}"
        "   (target 5,000/s on 2 cores)"
    )
    print(
        f"  {stages[1]['pairs']} cross-site pairs proposed, {stages[1]['matched']} share text;"
        f" main CPU ms: what the main process spends with {workers} processes (handing"
        " articles out, taking entries back)"
    )
    rows = split["rows"]
    print("\nCPU ms an article of a run of new articles, one process, by index size")
    print(f"  {'':28}" + "".join(f"{row['index']:>12}" for row in rows) + f"{'ratio':>8}")
    lines = [*REUSE, READ_BACK, "verification", "decisions"]
    for name in lines:
        values = [1000 * row["seconds"].get(name, 0.0) / row["articles"] for row in rows]
        print(f"  {name:28}" + "".join(f"{v:12.3f}" for v in values) + _ratio(values))
    for label, values in (
        ("reuse (the three above)", [sum(r["seconds"].get(n, 0.0) for n in REUSE) for r in rows]),
        ("all of link()", [row["cpu"] for row in rows]),
    ):
        per = [1000 * v / row["articles"] for v, row in zip(values, rows, strict=True)]
        print(f"  {label:28}" + "".join(f"{v:12.3f}" for v in per) + _ratio(per))
    pairs = [row["pairs"] / row["articles"] for row in rows]
    print(
        f"  {'pairs compared an article':28}" + "".join(f"{v:12.2f}" for v in pairs) + _ratio(pairs)
    )
    per_pair = [
        1000 * row["seconds"].get("verification", 0.0) / max(row["pairs"], 1) for row in rows
    ]
    print(
        f"  {'verification ms a pair':28}"
        + "".join(f"{v:12.3f}" for v in per_pair)
        + _ratio(per_pair)
    )


def _ratio(values: list[float]) -> str:
    return f"{values[-1] / values[0]:8.2f}" if values[0] else f"{'':8}"


def in_subprocess(*args: str) -> dict:
    """Run one measurement in a fresh interpreter (its progress shown as it goes)."""
    command = [sys.executable, __file__, "--worker", *args]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(args: argparse.Namespace) -> dict:
    """One measurement, in the subprocess `in_subprocess` started."""
    sys.path.insert(0, str(Path(__file__).parent))
    mode, size = args.worker[0], int(args.worker[1])
    if mode == "stage":
        result = run_stage(size, args.seed, args.workers)
    elif mode == "split":
        sizes = [int(n) for n in args.worker[1:]]
        result = run_split(sizes, args.seed, args.run, args.increment, args.folder)
    else:
        first = int(args.worker[2])
        run = min(args.run, size)
        result = run_link(
            size, args.seed, run, folder=args.folder, first=first, workers=args.workers
        )
    return result


def measure_split(args: argparse.Namespace, common: list[str]) -> None:
    """--split: the stages on 1 and n processes, then the CPU split at each index size."""
    folder = args.folder / "split"
    shutil.rmtree(folder, ignore_errors=True)
    size = str(args.stage_size)
    stages = {
        n: in_subprocess("stage", size, *common, "--workers", str(n))
        for n in sorted({1, args.workers})
    }
    sizes = [str(n) for n in args.split_sizes]
    split = in_subprocess(
        "split", *sizes, *common, "--increment", str(args.increment), "--folder", str(folder)
    )
    print_split(stages, split, args.stage_size)


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
    parser.add_argument("--split", action="store_true", help="where a run's time goes")
    parser.add_argument("--split-sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args)))
        return

    common = ["--seed", str(args.seed), "--workers", str(args.workers), "--run", str(args.run)]
    if args.split:
        measure_split(args, common)
        return
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
