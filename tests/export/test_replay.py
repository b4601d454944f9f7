"""`newscrawl replay`: pywb, in its own environment, serves an archive folder as it is."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from typing import TYPE_CHECKING

from newscrawl.demo import world
from newscrawl.export.replay import pywb_config
from tests.conftest import ROOT, free_port, pywb_bin, wait_for

if TYPE_CHECKING:
    from pathlib import Path


def test_config_serves_each_folder_as_a_collection(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    config = pywb_config([tmp_path / "demo"])
    assert (
        f"  demo:\n    index_paths: {tmp_path / 'demo'}/\n    archive_paths: {tmp_path / 'demo'}/\n"
        in config
    )


def test_replay_serves_the_demo_run(demo_archive: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NEWSCRAWL_PYWB": str(pywb_bin())}
    port = free_port()
    command = [sys.executable, "-m", "newscrawl", "replay", str(demo_archive), "--port", str(port)]
    log = tmp_path / "replay.log"
    with log.open("wb") as out, subprocess.Popen(command, cwd=ROOT, env=env, stderr=out) as server:
        try:
            url = f"http://127.0.0.1:{port}/demo/id_/{world.AUTOBLOG_COPY}"
            wait_for(url, server, log)
            with urllib.request.urlopen(url, timeout=10) as reply:
                assert b">Source link</a>" in reply.read()
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(20)


def test_replay_without_pywb_names_the_fix(demo_archive: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NEWSCRAWL_PYWB": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "newscrawl", "replay", str(demo_archive)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "python3 -m venv .venv-pywb" in done.stderr
