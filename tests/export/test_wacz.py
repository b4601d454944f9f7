"""`newscrawl wacz`: every run of an archive folder in one WACZ that validates."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from typing import TYPE_CHECKING

from newscrawl.demo import world
from tests.helpers import run_newscrawl, tool

if TYPE_CHECKING:
    from pathlib import Path


def test_wacz_of_the_demo_folder_validates_and_lists_its_articles(
    demo_archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "demo.wacz"
    done = run_newscrawl("wacz", str(demo_archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    check = subprocess.run(
        [tool("wacz"), "validate", "-f", str(out)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        pages = [json.loads(line) for line in package.read("pages/pages.jsonl").splitlines()]
    assert any(name.startswith("archive/") and name.endswith(".warc.gz") for name in names)
    titled = {page["url"]: page.get("title") for page in pages[1:]}
    for url in world.SEED_COPIES.values():
        assert titled[url], url


def test_wacz_of_an_empty_folder_says_so(tmp_path: Path) -> None:
    done = run_newscrawl("wacz", str(tmp_path))
    assert done.returncode == 2
    assert "no .warc.gz files to package" in done.stderr


def test_wacz_without_archive_packages_each_folder_under_archives(
    demo_archive: Path, tmp_path: Path
) -> None:
    for name in ("demo", "other"):
        shutil.copytree(
            demo_archive, tmp_path / "archives" / name, ignore=shutil.ignore_patterns("*.wacz")
        )
    done = run_newscrawl("wacz", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("demo", "other"):
        package = tmp_path / "archives" / name / f"{name}.wacz"
        with zipfile.ZipFile(package) as opened:
            assert "datapackage.json" in opened.namelist()
    two = run_newscrawl("wacz", "--out", str(tmp_path / "one.wacz"), cwd=tmp_path)
    assert two.returncode == 2
    assert "give one archive folder" in two.stderr


def test_wacz_with_no_archive_anywhere_says_so(tmp_path: Path) -> None:
    done = run_newscrawl("wacz", cwd=tmp_path)
    assert done.returncode == 2
    assert (
        "no archive folder given, and no folder under archives/ holds WARC or WACZ files"
        in done.stderr
    )
