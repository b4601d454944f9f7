"""The held-out metadata set is well formed.

Only its shape is tested, never newscrawl's accuracy on it: a floor here would invite
tuning the extractor to these pages, and their figures must stay held-out ones
(`benchmarks/extract_quality.py` reports them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.extract.meta_sets import check_a_page, check_an_entry, check_the_set, entries

FOLDER = Path(__file__).resolve().parent.parent / "data" / "heldout-meta"
ENTRIES = entries(FOLDER)


def test_the_set_is_one_entry_a_page_and_nothing_else() -> None:
    check_the_set(FOLDER, 40, 60)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_an_entry_is_well_formed(entry: dict[str, Any]) -> None:
    check_an_entry(entry)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_a_page_decodes_and_shows_its_headline(entry: dict[str, Any]) -> None:
    check_a_page(FOLDER, entry)
