"""The held-out metadata set is well formed.

Only its shape is tested, never newscrawl's accuracy on it: a floor here would invite
tuning the extractor to these pages, and their figures must stay held-out ones
(`benchmarks/extract_quality.py` reports them)."""

from __future__ import annotations

import datetime
import gzip
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import pytest

from newscrawl.extract import decode_html

FOLDER = Path(__file__).resolve().parent.parent / "data" / "heldout-meta"
ENTRIES = json.loads((FOLDER / "expected.json").read_text("utf-8"))
FIELDS = {"file": str, "url": str, "title": str, "authors": list, "date": str, "body": str}


def test_the_set_is_one_entry_a_page_and_nothing_else() -> None:
    files = [entry["file"] for entry in ENTRIES]
    assert 40 <= len(files) <= 60
    assert len(set(files)) == len(files)
    assert {p.name for p in FOLDER.glob("*.html.gz")} == set(files)
    assert (FOLDER / "NOTICE.md").is_file()
    assert sum(p.stat().st_size for p in FOLDER.iterdir()) < 6_000_000


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_an_entry_is_well_formed(entry: dict[str, Any]) -> None:
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


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_a_page_decodes_and_shows_its_headline(entry: dict[str, Any]) -> None:
    """The expected title and names are in the page's text as it decodes: the stored bytes
    are the page the values were checked against."""
    raw = gzip.decompress((FOLDER / entry["file"]).read_bytes())
    html = decode_html(raw, "text/html")
    assert "\ufffd" not in html
    text = " ".join(lxml.html.fromstring(html).text_content().split())
    for value in [entry["title"], *entry["authors"]]:
        assert value in text
