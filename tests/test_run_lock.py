"""Two runs of one profile never overlap: the second is refused cleanly, with exit code 75."""

from __future__ import annotations

import fcntl
from typing import TYPE_CHECKING

from newscrawl.runner import EXIT_LOCKED
from tests.helpers import lock_held_elsewhere, run_newscrawl

if TYPE_CHECKING:
    from pathlib import Path


def test_a_second_run_on_a_locked_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    folder.mkdir()
    with lock_held_elsewhere(folder):
        done = run_newscrawl("demo", "--out", str(tmp_path))
    assert done.returncode == EXIT_LOCKED
    assert "is being crawled by pid 1 on elsewhere; try again later" in done.stderr
    assert not list(folder.glob("*.warc.gz*")), "nothing was fetched or written"


def test_the_lock_is_released_after_a_run(tmp_path: Path) -> None:
    assert run_newscrawl("demo", "--out", str(tmp_path), "--no-wacz").returncode == 0
    with (tmp_path / "demo" / ".lock").open("a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if still held
