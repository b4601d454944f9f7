"""`newscrawl replay`: pywb, in its own environment, serves an archive folder as it is."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo import world
from newscrawl.export.replay import CollectionClash, pywb_config
from tests.helpers import ROOT, free_port, group_survivors, pywb_bin, run_newscrawl, wait_for

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# Only in the CNBC article the demo world serves on a second run (the updated version).
UPDATED_TEXT = b"candid, substantive, and constructive"


@contextmanager
def replaying(folder: Path, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`newscrawl replay FOLDER` in a process group of its own; yields it and the collection
    URL it printed, once pywb answers there. Whatever is left of the group is killed after."""
    env = {**os.environ, "NEWSCRAWL_PYWB": str(pywb_bin())}
    port = str(free_port())
    command = [sys.executable, "-m", "newscrawl", "replay", str(folder), "--port", port]
    with log.open("wb") as out:
        replay = subprocess.Popen(command, cwd=ROOT, env=env, stderr=out, start_new_session=True)
    try:
        url = printed_url(replay, log)
        wait_for(url, replay, log)
        yield replay, url
    finally:
        if replay.poll() is None:
            replay.terminate()
            replay.wait(30)
        if group_survivors(replay.pid):
            os.killpg(replay.pid, signal.SIGKILL)


def printed_url(replay: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> str:
    """The collection URL `newscrawl replay` prints for the user to open."""
    deadline = time.monotonic() + seconds
    while not (found := re.search(r"http://127\.0\.0\.1:\d+/\w+/", log.read_text())):
        if replay.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(log.read_text())
        time.sleep(0.2)
    return found.group()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as reply:
        assert reply.status == 200
        return reply.read()


def test_config_serves_each_folder_as_a_collection(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    config = pywb_config([tmp_path / "demo"])
    folder = (tmp_path / "demo").resolve()
    assert f"  demo:\n    index_paths: {folder}/\n    archive_paths: {folder}/\n" in config


def test_two_folders_of_one_name_are_refused(demo_archive: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "demo"
    other.mkdir(parents=True)
    with pytest.raises(CollectionClash, match="would both be collection 'demo'"):
        pywb_config([demo_archive, other])
    done = run_newscrawl("replay", str(demo_archive), str(other))
    assert done.returncode == 2
    assert "would both be collection 'demo'" in done.stderr


def test_replay_serves_the_demo_run_at_the_url_it_prints(
    demo_archive: Path, tmp_path: Path
) -> None:
    with replaying(demo_archive, tmp_path / "replay.log") as (replay, url):
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/demo/", url)
        assert b">Source link</a>" in fetch(f"{url}id_/{world.AUTOBLOG_COPY}")
        replay.send_signal(signal.SIGINT)
        assert replay.wait(30) == 128 + signal.SIGINT
        assert group_survivors(replay.pid) == []


def test_sigterm_stops_pywb_too(demo_archive: Path, tmp_path: Path) -> None:
    with replaying(demo_archive, tmp_path / "replay.log") as (replay, _url):
        replay.send_signal(signal.SIGTERM)  # to the command alone, as `kill PID` does
        assert replay.wait(30) == 128 + signal.SIGTERM
        assert group_survivors(replay.pid) == [], "pywb outlived `newscrawl replay`"


def test_a_run_added_while_replaying_is_served(demo_archive: Path, tmp_path: Path) -> None:
    archives = tmp_path / "archives"
    shutil.copytree(demo_archive, archives / "demo", ignore=shutil.ignore_patterns(".lock"))
    with replaying(archives / "demo", tmp_path / "replay.log") as (_replay, url):
        latest = f"{url}id_/{world.CNBC_ARTICLE}"
        assert UPDATED_TEXT not in fetch(latest)
        second = run_newscrawl("demo", "--out", str(archives))
        assert second.returncode == 0, second.stderr
        assert "(updated version)" in second.stderr
        assert UPDATED_TEXT in fetch(latest)


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
