"""Checks shared by the tests: the real tools, run as a user would run them."""

from __future__ import annotations

import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tests.conftest import ROOT

if TYPE_CHECKING:
    from newscrawl.demo.generated import GeneratedSite

BIN = Path(sys.executable).parent


def warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    """`warcio check -v PATH`, the archivist's own validity test."""
    return subprocess.run(
        [str(BIN / "warcio"), "check", "-v", str(path)], capture_output=True, text=True, check=False
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
