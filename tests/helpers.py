"""Checks shared by the tests: the real tools, run as a user would run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newscrawl.demo.generated import GeneratedSite

BIN = Path(sys.executable).parent


def warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    """`warcio check -v PATH`, the archivist's own validity test."""
    return subprocess.run(
        [str(BIN / "warcio"), "check", "-v", str(path)], capture_output=True, text=True, check=False
    )


def generated_site_profile(folder: Path, name: str, site: GeneratedSite, proxy: str) -> Path:
    """A crawl profile file for a generated site served by a DemoServer at `proxy`."""
    profile = folder / f"{name}.toml"
    profile.write_text(site.profile(name, proxy), encoding="utf-8")
    return profile
