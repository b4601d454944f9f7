"""A live run over the aggregator world, as a user does it: serve the world, crawl it with
`newscrawl crawl` through the server as proxy, then `newscrawl provenance` on the archive."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscrawl.demo.server import DemoServer
from tests.helpers import run_newscrawl
from tests.worlds.aggregators import AggregatorWorld
from tests.worlds.scoring import read_records

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

    from tests.worlds2.harsh import HarshWorld
    from tests.worlds3.polyglot import PolyglotWorld


@dataclass(frozen=True)
class Run:
    """What one live run produced and how long each step took."""

    world: AggregatorWorld | HarshWorld | PolyglotWorld
    archive: Path
    provenance: Path
    records: dict[str, dict[str, object]]
    requests: list[tuple[str, str]]
    crawl: subprocess.CompletedProcess[str]
    link: subprocess.CompletedProcess[str]
    crawl_seconds: float
    link_seconds: float


def live_run(
    workdir: Path,
    seed: int = 0,
    timeout: float = 600,
    world: AggregatorWorld | HarshWorld | PolyglotWorld | None = None,
) -> Run:
    """Build the world for `seed` (or take `world`), crawl it into `workdir`, link it;
    nothing is asserted."""
    world = world or AggregatorWorld(seed)
    name = "aggregator-world"
    with DemoServer(world) as server:
        profile = workdir / f"{name}.toml"
        profile.write_text(world.profile_toml(server.proxy_url, name), encoding="utf-8")
        started = time.monotonic()
        crawl = run_newscrawl("crawl", str(profile), "--out", str(workdir), timeout=timeout)
        crawl_seconds = time.monotonic() - started
        requests = list(server.requests)
    archive = workdir / name
    out = workdir / "provenance.jsonl"
    started = time.monotonic()
    link = run_newscrawl("provenance", str(archive), "--out", str(out), timeout=timeout)
    link_seconds = time.monotonic() - started
    records = read_records(out) if out.exists() else {}
    return Run(world, archive, out, records, requests, crawl, link, crawl_seconds, link_seconds)
