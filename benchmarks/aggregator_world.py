"""Provenance on the aggregator world, end to end: build it, serve it, crawl it, link it, score.

    python benchmarks/aggregator_world.py [--world 1|2|3] [--seed N] [--keep DIR]

World 1 is `tests/worlds/aggregators.py`; world 2 the harsher one of `tests/worlds2/harsh.py`;
world 3 the multilingual one of `tests/worlds3/polyglot.py`.

Prints the crawl and link times, precision, recall, relation accuracy, the per-kind and
confusion tables, the reliability of the confidence, and some failures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.worlds.aggregators import AggregatorWorld
from tests.worlds.live import live_run
from tests.worlds.scoring import failure_lines, report, score, wrong_links
from tests.worlds2.harsh import HarshWorld
from tests.worlds3.polyglot import PolyglotWorld

WORLDS = {1: AggregatorWorld, 2: HarshWorld, 3: PolyglotWorld}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", type=int, choices=sorted(WORLDS), default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="run in DIR and keep the archive and truth")
    parser.add_argument("--failures", type=int, default=10, metavar="N")
    parser.add_argument(
        "--outlet-seeds",
        action="store_true",
        help="world 3: also start from the outlets' home pages (every original reachable)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aggregator-world-") as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        world = (
            PolyglotWorld(args.seed, outlet_seeds=True)
            if args.outlet_seeds and args.world == 3
            else WORLDS[args.world](args.seed)
        )
        run = live_run(workdir, world=world)
        (workdir / "truth.jsonl").write_text(
            "".join(json.dumps(row) + "\n" for row in run.world.truth_rows()), encoding="utf-8"
        )
        if run.crawl.returncode or run.link.returncode:
            print(run.crawl.stderr[-3000:], run.link.stderr[-3000:], file=sys.stderr)
            return 1
        print(
            f"world {args.world}, seed {args.seed}: {len(world.outlets)} outlets, "
            f"{len(world.sites)} aggregators, {len(world.stories)} originals, "
            f"{len(world.copies)} copies"
        )
        print(
            f"crawl {run.crawl_seconds:.1f} s ({len(run.requests)} requests), "
            f"link {run.link_seconds:.1f} s ({len(run.records)} records)"
        )
        result = score(world.truth, run.records)
        print(report(result))
        print(f"\nfailures ({len(result.failures)} in all), some of them:")
        print(failure_lines(result, args.failures))
        wrong = wrong_links(world.truth, run.records)
        print(f"\nwrong links (what precision counts, {len(wrong)} in all):")
        print(failure_lines(replace(result, failures=wrong), args.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
