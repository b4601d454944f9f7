"""Folder locks, and opening the files newscrawl writes without following symbolic links.

An archive folder may come from someone else: a `.lock`, `.open` or `.partial` file planted
there as a symlink would otherwise have newscrawl truncate or write whatever it points to.
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path


class SymlinkRefused(OSError):
    """A file newscrawl writes is a symbolic link: it is not written through."""


def open_nofollow(path: Path, flags: int, mode: int = 0o644) -> int:
    """`os.open` that refuses a symbolic link at `path` with `SymlinkRefused`."""
    try:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.EEXIST and path.is_symlink()):
            raise SymlinkRefused(
                f"{path} is a symbolic link: refused (newscrawl never writes through one)"
            ) from None
        raise


def open_new(path: Path) -> int:
    """Create `path` for writing, as a new file (O_EXCL), never through a symbolic link; a
    regular file already there is one a killed run left, and is replaced."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        return open_nofollow(path, flags)
    except FileExistsError:
        path.unlink()
        return open_nofollow(path, flags)


@contextmanager
def folder_lock(path: Path, on_busy: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock file `path` (made with its folder if need be), with our pid written in
    it for whoever finds it busy; a symlink there is refused (`SymlinkRefused`).

    When another process holds it, `on_busy` is told who: it raises to give up, or returns
    to wait for the lock (without it: wait). The OS releases the lock of a process that
    dies, so a crash never leaves a stale one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with os.fdopen(open_nofollow(path, os.O_RDWR | os.O_CREAT), "r+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_busy is not None:
                fh.seek(0)
                on_busy(fh.read(200).strip() or "another process")
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate(0)
        fh.write(f"pid {os.getpid()} on {socket.gethostname()}\n")
        fh.flush()
        yield
