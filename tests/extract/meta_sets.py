"""Checks that a folder of real pages with hand-checked metadata is well formed.

Shared by the metadata sets (`tests/data/heldout-meta/`, `tests/data/devmeta/`): only their
shape is tested, never newscrawl's accuracy on them, which `benchmarks/extract_quality.py`
reports."""

from __future__ import annotations

import datetime
import gzip
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import lxml.html

from newscrawl.extract import decode_html

if TYPE_CHECKING:
    from pathlib import Path

FIELDS = {"file": str, "url": str, "title": str, "authors": list, "date": str, "body": str}


def entries(folder: Path) -> list[dict[str, Any]]:
    """The folder's `expected.json`: one entry a page."""
    loaded: list[dict[str, Any]] = json.loads((folder / "expected.json").read_text("utf-8"))
    return loaded


def check_the_set(folder: Path, low: int, high: int) -> None:
    """Between `low` and `high` pages, each stored once with one entry, a NOTICE.md, and
    under 6 MB in all."""
    files = [entry["file"] for entry in entries(folder)]
    assert low <= len(files) <= high
    assert len(set(files)) == len(files)
    assert {p.name for p in folder.glob("*.html.gz")} == set(files)
    assert (folder / "NOTICE.md").is_file()
    assert sum(p.stat().st_size for p in folder.iterdir()) < 6_000_000


def check_an_entry(entry: dict[str, Any]) -> None:
    """Every field there with its type; an absolute URL; a title and names without stray
    whitespace, no name twice; the day in ISO form."""
    assert set(entry) == set(FIELDS)
    for field, kind in FIELDS.items():
        assert isinstance(entry[field], kind), field
    url = urlsplit(entry["url"])
    assert url.scheme in {"http", "https"} and url.netloc
    title = entry["title"]
    assert title.strip() and title == " ".join(title.split())
    authors = entry["authors"]
    assert all(isinstance(a, str) and a.strip() and a == " ".join(a.split()) for a in authors)
    assert len(set(authors)) == len(authors)
    day = entry["date"]
    assert datetime.date.fromisoformat(day).isoformat() == day


def check_a_page(folder: Path, entry: dict[str, Any]) -> None:
    """The expected title and names are in the page's text as it decodes: the stored bytes
    are the page the values were checked against."""
    raw = gzip.decompress((folder / entry["file"]).read_bytes())
    html = decode_html(raw, "text/html")
    assert "\ufffd" not in html
    text = " ".join(lxml.html.fromstring(html).text_content().split())
    for value in [entry["title"], *entry["authors"]]:
        assert value in text
