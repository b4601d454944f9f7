"""Batch work on a Dask cluster: `--dask local` (a LocalCluster on this machine) or
`--dask tcp://HOST:8786` (the scheduler of an existing dask.distributed cluster).

The cluster runs the per-archive work (extracting an archive file into the article store);
the command itself reads the store and does the rest. Every worker must see the archives
at the same paths (a shared file system) and be able to write their `articles/` folders.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterator

    from distributed import Client

LOCAL = "local"
SCHEMES = ("tcp", "tls")
CONNECT_TIMEOUT = "10s"


class ClusterError(RuntimeError):
    """A cluster that cannot be used: dask missing, or a scheduler that does not answer."""


def check_address(address: str) -> str:
    """`address` if it names a cluster; raise ValueError saying what to give otherwise."""
    if address == LOCAL:
        return address
    parts = urlsplit(address)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in SCHEMES or not parts.hostname or port is None or parts.path:
        raise ValueError(
            f"{address!r} is no Dask cluster: give `local` (a cluster of --workers processes "
            "on this machine) or a scheduler's address, tcp://HOST:8786"
        )
    return address


@contextmanager
def dask_client(address: str, workers: int = 0) -> Iterator[Client]:
    """A client of the cluster at `address` (checked by `check_address`); for `local`, a
    LocalCluster of `workers` single-threaded processes (0: one per core) on 127.0.0.1, the
    extract stage imported as each starts, closed on leaving."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError("--dask needs dask.distributed: pip install 'newscrawl[dask]'") from exc
    if address != LOCAL:
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise ClusterError(f"no Dask scheduler answers at {address}: {exc}") from exc
        with client:
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]  # distributed's constructors are untyped
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:8787",
            preload=["newscrawl.extract"],  # imported once at start, not in the first task
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client
