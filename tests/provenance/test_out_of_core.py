"""The text-reuse layer at corpus scale: LSH bands kept as a table, entries read on demand,
fingerprints made by several processes; each gives the records the plain run gives."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import numpy as np

from benchmarks.provenance_quality import generate
from newscrawl.provenance import candidates, link, linker
from newscrawl.provenance.candidates import BANDS, INDEX_FILE, CandidateIndex, bands, signature
from newscrawl.provenance.fingerprint import Fingerprint
from newscrawl.provenance.stores import POSTINGS
from tests.provenance.pseudo_news import prose

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from newscrawl.items import Article
    from newscrawl.provenance.decisions import Provenance


def world() -> list[Article]:
    articles, _ = generate(40, seed=3)
    return articles


def plain(records: list[Provenance]) -> list[tuple[object, ...]]:
    return [
        (r.url, r.original_url, r.relation, r.confidence, r.cluster, r.evidence, r.sources)
        for r in records
    ]


def test_bands_are_pairs_of_signature_values() -> None:
    fingerprint = Fingerprint.of(prose("harbour"))
    values = signature(fingerprint)
    found = bands(fingerprint)
    assert len(found) == BANDS
    for band, value in enumerate(found.tolist()):
        high, low = divmod(value % 2**64, 2**32)
        assert (high, low) == (values[2 * band], values[2 * band + 1])
    assert bands(Fingerprint.of("too short")).size == 0


def test_texts_share_bands_as_their_similarity_says() -> None:
    text = prose("harbour")
    paragraphs = text.split("\n\n")
    half = "\n\n".join(paragraphs[: len(paragraphs) // 2])
    ours, excerpt = (bands(Fingerprint.of(t)) for t in (text, half))
    other = bands(Fingerprint.of(prose("orchard")))
    assert np.count_nonzero(ours == excerpt) >= 4
    assert np.count_nonzero(ours == other) == 0


def test_an_index_folder_keeps_bands_and_no_signatures(tmp_path: Path) -> None:
    articles = world()
    with CandidateIndex.held(tmp_path) as index:
        link(articles, index)
        index.save()
    db = sqlite3.connect(tmp_path / INDEX_FILE)
    entries = db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    columns = [row[1] for row in db.execute("PRAGMA table_info(entries)")]
    runs = [np.load(path) for path in (tmp_path / POSTINGS).glob("bands-*.npy")]
    ids = np.concatenate([run[1] for run in runs])
    assert entries == len({a.url for a in articles})
    assert len(set(ids.tolist())) <= entries and len(ids) >= BANDS * (len(set(ids.tolist())) - 1)
    assert columns == ["key", "id", "page", "entry", "fingerprint"]


def test_entries_read_back_on_demand_give_the_same_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = world()
    remembered = plain(link(articles))
    monkeypatch.setattr(candidates, "ENTRY_CACHE", 5)
    assert plain(link(articles)) == remembered


def test_fingerprints_made_by_two_processes_give_the_same_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = world()
    monkeypatch.setattr(linker, "ENTRY_BATCH", 50)  # several batches, each handed out in order
    with CandidateIndex.held(tmp_path / "one") as one:
        alone = plain(link(articles, one))
    with CandidateIndex.held(tmp_path / "two") as two:
        shared = plain(link(iter(articles), two, workers=2))
    assert shared == alone


def run_work(folder: Path, indexed: list[Article], new: list[Article]) -> int:
    """SQLite instructions a run of `new` articles executes against an index of `indexed`
    (its band and landmark look-ups are binary searches in the postings)."""
    with CandidateIndex.held(folder) as index:
        link(indexed, index)
        index.save()
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    with CandidateIndex.held(folder) as index:
        index._store.db.set_progress_handler(count, 100)  # type: ignore[attr-defined]
        link(new, index)
    return steps[0]


def test_a_run_costs_what_it_brings_not_what_the_index_holds(tmp_path: Path) -> None:
    articles, _ = generate(200, seed=5)
    new, small, large = articles[:20], articles[20:220], articles[20:820]
    near = run_work(tmp_path / "small", small, new)
    far = run_work(tmp_path / "large", large, new)
    assert far < 1.5 * near, (near, far)  # the index holds 4 times as much
