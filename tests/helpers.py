"""Checks shared by the tests: the real tools, run as a user would run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    """`warcio check -v PATH`, the archivist's own validity test."""
    return subprocess.run(
        [str(BIN / "warcio"), "check", "-v", str(path)], capture_output=True, text=True, check=False
    )
