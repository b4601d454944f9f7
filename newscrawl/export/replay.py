"""Replay archives in pywb, run as its own program from its own environment.

pywb pins an old redis client and gevent-patches whatever imports it, so it is never
imported here: `newscrawl replay` finds its `wayback` program, writes a config that serves
each archive folder as a collection straight from its WARCs and CDXJ indexes (nothing is
copied, and the runs added later to a folder are served too), and runs it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

PYWB_HINT = (
    "pywb not found: install it in an environment of its own (it must not share newscrawl's): "
    "python3 -m venv .venv-pywb && .venv-pywb/bin/pip install pywb, "
    "or set NEWSCRAWL_PYWB to the folder holding its `wayback` program"
)


class PywbMissing(RuntimeError):
    """No pywb to run; the message says how to install it."""


class CollectionClash(ValueError):
    """Two archive folders would be served as one collection (they share a name)."""


def find_wayback() -> Path:
    """pywb's `wayback`: from NEWSCRAWL_PYWB, ./.venv-pywb/bin, or the PATH."""
    configured = os.environ.get("NEWSCRAWL_PYWB")
    for folder in ([Path(configured)] if configured else []) + [Path(".venv-pywb/bin")]:
        if (folder / "wayback").is_file():
            return (folder / "wayback").resolve()
    found = shutil.which("wayback")
    if found is None:
        raise PywbMissing(PYWB_HINT)
    return Path(found)


def pywb_config(folders: Iterable[Path]) -> str:
    """A pywb config.yaml with one collection per archive folder, named after the folder."""
    lines = ["collections:"]
    for name, folder in collections(folders).items():
        path = f"{folder}/"
        lines += [f"  {name}:", f"    index_paths: {path}", f"    archive_paths: {path}"]
    return "\n".join(lines) + "\n"


def collections(folders: Iterable[Path]) -> dict[str, Path]:
    """Each folder (resolved) by its collection name, the folder's own name; two folders of
    one name are refused rather than merged or silently renamed, since report links name the
    collection by the folder too."""
    named: dict[str, Path] = {}
    for folder in map(Path.resolve, folders):
        if named.setdefault(folder.name, folder) != folder:
            raise CollectionClash(
                f"{named[folder.name]} and {folder} would both be collection "
                f"{folder.name!r}: replay them one at a time, or rename one"
            )
    return named


def serve(folders: list[Path], host: str = "127.0.0.1", port: int = 8080) -> int:
    """Serve the folders with pywb until it stops, or until this process is told to stop
    (Ctrl-C, SIGTERM from a service manager or `kill`): then pywb is stopped too, not left
    behind holding the port. Returns pywb's exit code, or 128 + the signal's number."""
    wayback = find_wayback()
    config = pywb_config(folders)
    received: list[int] = []
    process: subprocess.Popen[bytes] | None = None

    def stop(signum: int, _frame: object) -> None:
        received.append(signum)
        if process is not None:
            process.terminate()

    # Handlers first: a signal that comes while pywb starts is acted on once it has started.
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, stop) for signum in stops}
    try:
        with tempfile.TemporaryDirectory(prefix="newscrawl-pywb-") as root:
            (Path(root) / "config.yaml").write_text(config, encoding="utf-8")
            command = [str(wayback), "-b", host, "-p", str(port)]
            with subprocess.Popen(command, cwd=root) as process:
                if received:
                    process.terminate()
                code = process.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 + received[0] if received else code
