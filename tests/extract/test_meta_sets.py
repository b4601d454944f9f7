"""The metadata sets scored by `benchmarks/extract_quality.py --meta-set` are well formed.

Only their shape is tested, never newscrawl's accuracy on them: `tests/data/devmeta/`,
`tests/data/n4kmeta/` and `tests/data/msmeta/` are for measuring, and a floor on
`tests/data/heldout-meta/` would invite tuning the extractor to its pages, whose figures must
stay held-out ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.extract.meta_sets import check_a_page, check_an_entry, check_the_set, entries

DATA = Path(__file__).resolve().parent.parent / "data"
# Each set's folder and the bounds of its page count.
SETS = {"devmeta": (50, 80), "n4kmeta": (15, 30), "heldout-meta": (40, 60), "msmeta": (40, 60)}
ENTRIES = [(name, entry) for name in SETS for entry in entries(DATA / name)]
IDS = [f"{name}/{entry['file']}" for name, entry in ENTRIES]


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_one_entry_a_page_and_nothing_else(name: str) -> None:
    check_the_set(DATA / name, *SETS[name])


@pytest.mark.parametrize(("name", "entry"), ENTRIES, ids=IDS)
def test_an_entry_is_well_formed(name: str, entry: dict[str, Any]) -> None:
    check_an_entry(entry)


@pytest.mark.parametrize(("name", "entry"), ENTRIES, ids=IDS)
def test_a_page_decodes_and_shows_its_headline(name: str, entry: dict[str, Any]) -> None:
    check_a_page(DATA / name, entry)
