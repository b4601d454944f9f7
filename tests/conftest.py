"""Session fixtures: the demo world on 127.0.0.1, a real crawl of it, and pywb."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
import redis

from newscrawl.demo.server import DemoServer
from newscrawl.demo.world import DemoWorld
from newscrawl.export.replay import pywb_config

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent


def run_newscrawl(
    *args: str, timeout: float = 300, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """The `newscrawl` command in its own process, as a user runs it (in `cwd`)."""
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def pywb_bin() -> Path:
    """pywb's own environment (never imported here: it gevent-patches whoever imports it)."""
    configured = os.environ.get("NEWSCRAWL_PYWB")
    folder = Path(configured) if configured else ROOT / ".venv-pywb" / "bin"
    if not (folder / "wayback").exists():
        missing(f"pywb not found in {folder}: run `bash .ci/run` or set NEWSCRAWL_PYWB")
    return folder


def missing(message: str) -> NoReturn:
    """A tool a test needs is not installed: a failure in CI (which installs it), else a skip."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def running_pywb(folder: Path, root: Path) -> Iterator[str]:
    """pywb's `wayback`, from its own environment, serving `folder` as the collection of its
    name, as `newscrawl replay` does (the demo runs' folders are all named `demo`); yields
    its base URL."""
    assert folder.name == "demo", "the tests replay collection `demo`"
    (root / "config.yaml").write_text(pywb_config([folder]))
    port = free_port()
    with (root / "wayback.log").open("wb") as log:
        process = subprocess.Popen(
            [pywb_bin() / "wayback", "-b", "127.0.0.1", "-p", str(port)],
            cwd=root,
            stdout=log,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{base}/demo/", process, (root / "wayback.log"))
            yield base
        finally:
            process.terminate()
            process.wait(10)


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    """Until `url` answers; fail with the server's log if it dies or takes too long."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.3)


@pytest.fixture(scope="session")
def pywb(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running pywb with the demo run as collection `demo`; yields its base URL."""
    with running_pywb(demo_archive, tmp_path_factory.mktemp("pywb")) as base:
        yield base
