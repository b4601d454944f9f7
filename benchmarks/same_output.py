"""Whether this tree links a generated set exactly as another revision does: a speed change
to the text-reuse stages must not change a single record.

The same articles (the stream of `scale.py`: topics that come round again, shuffled runs)
are linked into a fresh index folder in runs of --run articles, once with the package of
--before (exported with `git archive`) and once with this tree's, each in its own
interpreter. Each side writes the records every run returned and, at the end, the record of
every article the index knows (what `newscrawl provenance` writes as provenance.jsonl), as
JSON lines; the lines are sorted and compared.

    python benchmarks/same_output.py --before REV [--size 20000] [--run 5000] [--workers 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def link_all(args: argparse.Namespace, folder: Path, out: Path) -> None:
    """Link the set in runs into `folder`; write every run's records, then the index's."""
    from scale import stream

    from newscrawl.provenance.candidates import CandidateIndex
    from newscrawl.provenance.linker import link

    lines = []
    for number, chunk in enumerate(stream(args.size, args.seed, args.run)):
        with CandidateIndex.held(folder) as index:
            records = link(chunk, index, workers=args.workers)
            index.save()
        lines += [json.dumps([number, dataclasses.asdict(r)], ensure_ascii=False) for r in records]
    with CandidateIndex.held(folder) as index:
        lines += [
            json.dumps(["index", dataclasses.asdict(r)], ensure_ascii=False)
            for r in index.records()
        ]
    out.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")


def export(revision: str, into: Path) -> Path:
    """The `newscrawl` package of `revision`, unpacked under `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "newscrawl"],
        stdout=subprocess.PIPE,
        check=True,
    ).stdout
    tar = into / "tree.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as fh:
        fh.extractall(into / "tree", filter="data")
    return into / "tree"


def side(tree: Path, args: argparse.Namespace, work: Path, name: str) -> tuple[Path, float]:
    """Link the set with the package under `tree`: the output file and the seconds taken."""
    out, folder = work / f"{name}.jsonl", work / f"{name}-index"
    command = [sys.executable, __file__, "--worker", str(folder), str(out)]
    command += ["--size", str(args.size), "--run", str(args.run)]
    command += ["--workers", str(args.workers), "--seed", str(args.seed)]
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True)
    return out, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before", help="git revision to compare with")
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--run", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(Path(__file__).parent))
        link_all(args, *args.worker)
        return
    if not args.before:
        parser.error("--before REV is needed")
    with tempfile.TemporaryDirectory(prefix="newscrawl-same-") as tmp:
        work = Path(tmp)
        before, before_s = side(export(args.before, work), args, work, "before")
        after, after_s = side(ROOT, args, work, "after")
        old = before.read_text(encoding="utf-8").splitlines()
        new = after.read_text(encoding="utf-8").splitlines()
        differing = len(set(old) ^ set(new))
        digests = [hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in (before, after)]
        print(
            f"{args.size} articles in runs of {args.run}, {args.workers} workers: "
            f"{args.before} {before_s:.1f} s, this tree {after_s:.1f} s; "
            f"{len(old)} / {len(new)} sorted record lines, sha256 {digests[0]} / {digests[1]}: "
            + ("IDENTICAL" if old == new else f"DIFFERENT ({differing} lines differ)")
        )
        if old != new:
            sys.exit(1)


if __name__ == "__main__":
    main()
