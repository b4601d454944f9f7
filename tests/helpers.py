"""Helpers shared by the tests: the real tools (newscrawl, warcio, pywb), run as a user would
run them."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
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


def crawl_profile(text: str, out: Path, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Crawl the profile `text` (saved as OUT/NAME.toml) into OUT/NAME, as a user would;
    the crawl must succeed."""
    profile = out / f"{name}.toml"
    profile.write_text(text)
    done = run_newscrawl("crawl", str(profile), "--out", str(out), *args)
    assert done.returncode == 0, done.stderr
    return done


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def tool(name: str) -> str:
    """A console script of the test extra's packages: beside this interpreter (a venv's
    bin/), else where pip put it (`--user`, a venv that reads the system's packages)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        missing(f"{name} not found beside {sys.executable} nor on PATH: pip install -e '.[test]'")
    return found


def warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    """`warcio check -v PATH`, the archivist's own validity test."""
    return subprocess.run(
        [tool("warcio"), "check", "-v", str(path)], capture_output=True, text=True, check=False
    )


def generated_site_profile(folder: Path, name: str, site: GeneratedSite, proxy: str) -> Path:
    """A crawl profile file for a generated site served by a DemoServer at `proxy`."""
    profile = folder / f"{name}.toml"
    profile.write_text(site.profile(name, proxy), encoding="utf-8")
    return profile


def start_crawl(profile: Path, out: Path, *settings: str) -> subprocess.Popen[bytes]:
    """`newscrawl crawl PROFILE --out OUT -s NAME=VALUE...` started in the background, in its
    own process group, so that its writer and workers can be found after a kill."""
    args = [arg for setting in settings for arg in ("-s", setting)]
    return subprocess.Popen(
        [sys.executable, "-m", "newscrawl", "crawl", str(profile), "--out", str(out), *args],
        cwd=ROOT,
        start_new_session=True,
    )


def signal_crawl_midway(folder: Path, name: str, signum: int) -> subprocess.Popen[bytes]:
    """Crawl a large generated site into `folder`/`name` and, once its first WARC is open,
    send `signum` to the crawl's process group (as a terminal, systemd or `timeout` does);
    the crawl, ended."""
    site = GeneratedSite(3000, page_size=20_000, links=10)
    with DemoServer(site) as server:
        crawl = start_crawl(generated_site_profile(folder, name, site, server.proxy_url), folder)
        deadline = time.monotonic() + 60
        while not list((folder / name).glob("*.warc.gz.open")):
            assert crawl.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.5)
        os.killpg(crawl.pid, signum)
        crawl.wait(60)
    return crawl


def kill_crawl(crawl: subprocess.Popen[bytes], grace: float = 30) -> None:
    """SIGKILL a crawl's own process (as `kill -9 PID` or the OOM killer would), then wait
    until the processes it started (WARC writer, extraction workers) have noticed and left."""
    crawl.send_signal(signal.SIGKILL)
    crawl.wait(30)
    deadline = time.monotonic() + grace
    while survivors := group_survivors(crawl.pid):
        assert time.monotonic() < deadline, f"these outlived the crawl: {survivors}"
        time.sleep(0.1)


def group_survivors(group: int) -> list[str]:
    """The command lines of a process group's members still running. Zombies do not count:
    orphans are reparented to PID 1, which in some containers never reaps them."""
    survivors = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue  # ended while we looked
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state != "Z":
            survivors.append(cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return survivors


def run_on_a_terminal(*args: str, cwd: Path = ROOT) -> str:
    """Run `newscrawl` with a pseudo-terminal (160 columns) as its stdout and stderr; all it
    wrote, control sequences included."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "newscrawl", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "160"},
    )
    os.close(secondary)
    output = bytearray()
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the process and its children closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    assert process.wait(120) == 0, output.decode(errors="replace")
    return output.decode(errors="replace")


def visible(output: str) -> str:
    """What a terminal shows of `output`, roughly: control sequences dropped."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", "", output)


@contextmanager
def lock_held_elsewhere(folder: Path) -> Iterator[None]:
    """Hold the folder's run lock as a run on another machine would, its owner written in."""
    with (folder / ".lock").open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("pid 1 on elsewhere\n")
        held.flush()
        yield
