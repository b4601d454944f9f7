"""Session fixtures: the demo world on 127.0.0.1, a real crawl of it, and pywb."""

from __future__ import annotations

import shutil
import subprocess
import time
from typing import TYPE_CHECKING

import pytest
import redis

from newscrawl.demo.server import DemoServer
from newscrawl.demo.world import DemoWorld

# ROOT is not used here, but tests/provenance imports it from here.
from tests.helpers import ROOT, free_port, missing, run_newscrawl, running_pywb  # noqa: F401

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="session")
def demo_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`newscrawl demo --out DIR`: the main job, run once for the whole session."""
    out = tmp_path_factory.mktemp("demo-archive")
    result = run_newscrawl("demo", "--out", str(out), "--world", "first")
    return out / "demo", result


@pytest.fixture(scope="session")
def demo_archive(demo_run: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """The folder of the demo run's WARCs, CDXJ, pages and WACZ."""
    folder, result = demo_run
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="session")
def world_server() -> Iterator[DemoServer]:
    """The demo world served in this process (tests add fault pages to it)."""
    with DemoServer(DemoWorld()) as server:
        yield server


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A real redis-server of this test's own, on a free loopback port, storing nothing."""
    server = shutil.which("redis-server")
    if server is None:
        missing("redis-server not found: run `bash .ci/run` or `apt-get install redis-server`")
    port = free_port()
    args = [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    with subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.DEVNULL) as process:
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 30
        try:
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    assert process.poll() is None, "redis-server did not start"
                    assert time.monotonic() < deadline, "redis-server did not answer"
                    time.sleep(0.1)
            yield url
        finally:
            client.close()
            process.terminate()


@pytest.fixture(scope="session")
def pywb(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running pywb with the demo run as collection `demo`; yields its base URL."""
    with running_pywb(demo_archive, tmp_path_factory.mktemp("pywb")) as base:
        yield base
