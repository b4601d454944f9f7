"""Indexes and packages of finished WARC files: CDXJ (pywb) and WACZ (ReplayWeb.page)."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from cdxj_indexer.main import write_cdx_index

if TYPE_CHECKING:
    from collections.abc import Iterable

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}


class PackagingError(RuntimeError):
    """An index or package could not be written; the WARC files themselves are fine."""


def write_cdxj(warcs: Iterable[Path], out: Path) -> Path:
    """A sorted CDXJ index of every record of `warcs` (file names relative to their folder)."""
    files = [str(path) for path in warcs]
    write_cdx_index(str(out), files, {"sort": True, "post_append": True})
    return out


def write_pages(lines: Iterable[str], out: Path) -> Path:
    """pages.jsonl: the header line, then one JSON object per archived article."""
    with out.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(PAGES_HEADER) + "\n")
        fh.writelines(line + "\n" for line in lines)
    return out


def write_wacz(warcs: Iterable[Path], pages: Path, out: Path, title: str) -> Path:
    """Package WARCs with their pages list as WACZ (py-wacz computes CDXJ and digests)."""
    # Imported here: py-wacz brings frictionless and pydantic, ~0.2-0.5 s of start-up that a
    # crawl without WACZ would pay too.
    from wacz.main import main as wacz_main

    args = ["create", "-o", str(out), "-p", str(pages), "--title", title]
    with contextlib.redirect_stdout(io.StringIO()):  # py-wacz narrates every step on stdout
        status = wacz_main([*args, *map(str, warcs)])
    if status != 0:
        raise PackagingError(f"wacz could not package {out}")
    return out


def package_folder(folder: Path, out: Path) -> Path:
    """One WACZ of every run in an archive folder: all its WARCs, all its runs' pages."""
    warcs = sorted(folder.glob("*.warc.gz"))
    if not warcs:
        raise PackagingError(f"{folder}: no .warc.gz files to package")
    lines = [
        line
        for pages in sorted(folder.glob("*-pages.jsonl"))
        for line in pages.read_text(encoding="utf-8").splitlines()[1:]
        if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        pages = write_pages(lines, Path(tmp) / "pages.jsonl")
        return write_wacz(warcs, pages, out, folder.name)
