"""Replay archives in pywb, run as its own program from its own environment.

pywb pins an old redis client and gevent-patches whatever imports it, so it is never
imported here: `newscrawl replay` finds its `wayback` program, writes a config that serves
each archive folder as a collection straight from its WARCs and CDXJ indexes (nothing is
copied, and the runs added later to a folder are served too), and runs it.
"""

from __future__ import annotations

import os
import shutil
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
    for folder in folders:
        path = f"{folder.resolve()}/"
        lines += [f"  {folder.name}:", f"    index_paths: {path}", f"    archive_paths: {path}"]
    return "\n".join(lines) + "\n"


def serve(folders: list[Path], host: str = "127.0.0.1", port: int = 8080) -> int:
    """Serve the folders with pywb until it stops (Ctrl-C); returns its exit code."""
    wayback = find_wayback()
    with tempfile.TemporaryDirectory(prefix="newscrawl-pywb-") as root:
        (Path(root) / "config.yaml").write_text(pywb_config(folders), encoding="utf-8")
        command = [str(wayback), "-b", host, "-p", str(port)]
        with subprocess.Popen(command, cwd=root) as process:
            try:
                return process.wait()
            except KeyboardInterrupt:
                process.terminate()
                return process.wait()
