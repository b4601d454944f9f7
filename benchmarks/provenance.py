"""Provenance linking speed and memory at 10k, 50k and 100k generated articles.

The articles come from the generator of `provenance_quality.py` (originals on outlet domains,
verbatim, spun and excerpted copies, rewrites, distractors, unrelated articles), cut to the
size wanted. Each size runs in a fresh subprocess so sizes do not share memory: the peak
is the process's maxrss growth during `link()` (getrusage, after the articles were
generated), so it counts the index, fingerprints and records, not the input.

Then the text-reuse stage alone (fingerprinting, index insert: MinHash LSH and landmarks,
candidate query; and the verification of the proposed pairs, shown apart) runs on one core
in its own subprocess.

    python benchmarks/provenance.py [--quick] [--sizes 10000 50000] [--timeout 300]

--quick runs 2k, 5k and 10k. A size that does not finish within --timeout seconds is
reported as such, and the trend is taken from the sizes that did finish.

Targets (issue): near-linear growth (per-article time at the largest size close to that at
the smallest), text-reuse stage >= 500 articles/s on one core.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ARTICLES_PER_ORIGINAL = 4.7  # what the generator makes on average per original (approx.)


def articles_for(size: int, seed: int) -> list:
    """`size` generated articles (the generator makes a few more; the rest are dropped)."""
    from provenance_quality import generate

    originals = int(size / ARTICLES_PER_ORIGINAL) + 10
    articles, _ = generate(originals, seed)
    while len(articles) < size:
        originals = int(originals * 1.1) + 10
        articles, _ = generate(originals, seed)
    return articles[:size]


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_link(size: int, seed: int) -> dict:
    """Link `size` articles; seconds and maxrss growth (this process only)."""
    from newscrawl.provenance import link

    articles = articles_for(size, seed)
    before = maxrss_mib()
    started = time.perf_counter()
    records = link(articles)
    seconds = time.perf_counter() - started
    assert len(records) == size, len(records)
    return {
        "size": size,
        "seconds": seconds,
        "peak_mib": maxrss_mib() - before,
        "rss": maxrss_mib(),
    }


def run_stage(size: int, seed: int) -> dict:
    """The text-reuse stage alone: fingerprint, index insert (LSH and landmarks), candidate
    query, then verify the proposed pairs."""
    from newscrawl.provenance.attribution import Signals
    from newscrawl.provenance.candidates import CandidateIndex
    from newscrawl.provenance.fingerprint import Fingerprint
    from newscrawl.provenance.linker import compare, make_entry

    articles = articles_for(size, seed)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    prints = [Fingerprint.of(a.body) for a in articles]
    timings["fingerprint"] = time.perf_counter() - started
    entries = [
        dataclasses.replace(make_entry(a, Signals()), key=f"{a.url} {n}", fingerprint=fp)
        for n, (a, fp) in enumerate(zip(articles, prints, strict=True))
    ]
    index = CandidateIndex()
    started = time.perf_counter()
    for entry in entries:
        index.add(entry)
    timings["insert"] = time.perf_counter() - started
    started = time.perf_counter()
    proposed = [index.candidates(entry) for entry in entries]
    timings["query"] = time.perf_counter() - started
    started = time.perf_counter()
    pairs = 0
    for entry, others in zip(entries, proposed, strict=True):
        for other in others:
            if entry.key < other.key and other.domain != entry.domain:
                pairs += 1
                _ = compare(entry, other) or compare(other, entry)
    timings["verify"] = time.perf_counter() - started
    candidates = sum(len(c) for c in proposed)
    return {"size": size, "timings": timings, "candidates": candidates, "pairs": pairs}


def in_subprocess(mode: str, size: int, seed: int, timeout: float) -> dict | None:
    """Run one measurement in a fresh interpreter; None if it did not finish in time."""
    command = [sys.executable, __file__, "--worker", mode, "--sizes", str(size)]
    command += ["--seed", str(seed)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as error:
        sys.exit(f"{mode} {size} failed:\n{error.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="2k, 5k and 10k articles")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per size")
    parser.add_argument("--stage-size", type=int, help="articles for the stage (largest size)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", choices=["link", "stage"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(Path(__file__).parent))
        run = run_link if args.worker == "link" else run_stage
        print(json.dumps(run(args.sizes[0], args.seed)))
        return
    sizes = [2_000, 5_000, 10_000] if args.quick else sorted(args.sizes)

    print("link(), whole pipeline, one process per size (generation not timed)")
    print(f"{'articles':>9} {'seconds':>9} {'articles/s':>11} {'ms/article':>11} {'peak MiB':>9}")
    finished = []
    for size in sizes:
        result = in_subprocess("link", size, args.seed, args.timeout)
        if result is None:
            print(f"{size:9d}   did not finish within {args.timeout:.0f} s (generation included)")
            continue
        finished.append(result)
        print(
            f"{size:9d} {result['seconds']:9.1f} {size / result['seconds']:11.1f} "
            f"{1000 * result['seconds'] / size:11.2f} {result['peak_mib']:9.1f}"
        )
    if len(finished) >= 2:
        small, large = finished[0], finished[-1]
        growth = (large["seconds"] / large["size"]) / (small["seconds"] / small["size"])
        print(
            f"per-article time {large['size']} vs {small['size']}: x{growth:.2f} for "
            f"x{large['size'] / small['size']:.1f} articles (1.0 = linear, "
            f"{large['size'] / small['size']:.1f} = quadratic)"
        )

    stage_size = args.stage_size or sizes[-1]
    print(f"\ntext-reuse stage alone, {stage_size} articles, one core")
    stage = in_subprocess("stage", stage_size, args.seed, args.timeout * 2)
    if stage is None:
        print(f"  did not finish within {args.timeout * 2:.0f} s")
        return
    timings = stage["timings"]
    for name, seconds in timings.items():
        print(f"  {name:12} {seconds:8.1f} s {stage_size / seconds:10.1f} articles/s")
    core = timings["fingerprint"] + timings["insert"] + timings["query"]
    print(
        f"  fingerprint + insert + query: {stage_size / core:.1f} articles/s (target >= 500); "
        f"with verify: {stage_size / (core + timings['verify']):.1f} articles/s"
    )
    print(
        f"  LSH proposed {stage['candidates'] / stage_size:.1f} candidates per article; "
        f"{stage['pairs']} cross-site pairs verified"
    )


if __name__ == "__main__":
    main()
