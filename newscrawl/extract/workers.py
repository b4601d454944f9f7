"""Worker processes of the extract stage."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time


def default_workers() -> int:
    """One worker per core but one (the crawl's own), at least one."""
    return max(1, (os.cpu_count() or 2) - 1)


def worker_context() -> multiprocessing.context.BaseContext:
    """How extraction workers start, in a crawl and offline alike: forked from a server that
    imported the extract stage once (a spawned worker spent ~0.5 s importing it before its
    first page, ~5% of a 1,500-page offline run on two cores). The server starts clean, never
    as a fork of a process with threads."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newscrawl.extract"])
    return context


def start_worker(parent: int) -> None:
    """Worker initializer, given the parent's pid. Ctrl-C reaches the whole process group, but
    only the parent should act on it (finishing what is in flight, closing files); and a worker
    whose parent was killed outright exits instead of waiting forever for work. The pid comes
    from the parent: read here, it could already be init's if the parent died while this
    worker was starting. A worker forked by a forkserver has the server for its parent, which
    exits with the crawl: either way the worker's own parent changes when the crawl is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    started_by = os.getppid()  # the crawl, or the forkserver it started

    def exit_with_parent() -> None:
        while os.getppid() == started_by and _alive(parent):
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=exit_with_parent, name="parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True
