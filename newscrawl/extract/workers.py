"""Worker processes of the extract stage."""

from __future__ import annotations

import os
import signal


def default_workers() -> int:
    """One worker per core but one (the crawl's own), at least one."""
    return max(1, (os.cpu_count() or 2) - 1)


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C reaches the whole process group, but only the parent
    should act on it (finishing what is in flight, closing files); workers are told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
