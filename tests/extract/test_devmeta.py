"""The second development set of metadata (`tests/data/devmeta/`) is well formed.

Only its shape is tested: the set is for measuring (`benchmarks/extract_quality.py
--meta-set tests/data/devmeta`), not an accuracy floor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.extract.meta_sets import check_a_page, check_an_entry, check_the_set, entries

FOLDER = Path(__file__).resolve().parent.parent / "data" / "devmeta"
ENTRIES = entries(FOLDER)


def test_the_set_is_one_entry_a_page_and_nothing_else() -> None:
    check_the_set(FOLDER, 50, 80)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_an_entry_is_well_formed(entry: dict[str, Any]) -> None:
    check_an_entry(entry)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_a_page_decodes_and_shows_its_headline(entry: dict[str, Any]) -> None:
    check_a_page(FOLDER, entry)
