"""Folder locks: one process at a time works on an archive or index folder."""

from __future__ import annotations

import fcntl
import os
import socket
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path


@contextmanager
def folder_lock(path: Path, on_busy: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock file `path` (made with its folder if need be), with our pid written in
    it for whoever finds it busy.

    When another process holds it, `on_busy` is told who: it raises to give up, or returns
    to wait for the lock (without it: wait). The OS releases the lock of a process that
    dies, so a crash never leaves a stale one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_busy is not None:
                fh.seek(0)
                on_busy(fh.read().strip() or "another process")
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.truncate(0)
        fh.write(f"pid {os.getpid()} on {socket.gethostname()}\n")
        fh.flush()
        yield
