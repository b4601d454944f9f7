"""Entries kept with their fingerprints: read back as they were made, without tokenizing
the text again; an index of schema 3 (no fingerprints), written by newscrawl before them, is
read and upgraded when the run saves; band and landmark rows made in bulk find what the
bands and landmarks of each entry say."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from benchmarks.provenance_quality import generate
from newscrawl.items import Article
from newscrawl.provenance import entries, link
from newscrawl.provenance.attribution import Signals
from newscrawl.provenance.candidates import INDEX_FILE, CandidateIndex, bands
from newscrawl.provenance.entries import (
    DamagedIndex,
    dump_entry,
    dump_fingerprint,
    landmarks,
    load_entry,
    load_fingerprint,
)
from newscrawl.provenance.fingerprint import Fingerprint
from newscrawl.provenance.linker import make_entry
from newscrawl.provenance.stores import LANDMARK_POSTINGS, SCHEMA_VERSION
from tests.provenance.pseudo_news import prose
from tests.provenance.test_reuse_speed import AWKWARD

# Written by newscrawl b4b4cd7 (schema 3): `link()` of the first half of
# `generate(6, seed=3)` into a folder, saved, VACUUMed and gzipped.
SCHEMA3 = Path(__file__).parents[1] / "data" / "provenance-schema3" / f"{INDEX_FILE}.gz"


def same(a: Fingerprint, b: Fingerprint) -> bool:
    arrays = ("exact", "robust", "content")
    return all(
        np.array_equal(getattr(a, name), getattr(b, name))
        and getattr(a, name).dtype == getattr(b, name).dtype
        for name in arrays
    ) and (a.lines, a.mentions, a.length) == (b.lines, b.mentions, b.length)


@pytest.mark.parametrize("text", [prose("harbour"), AWKWARD, "too short", ""])
def test_a_stored_fingerprint_is_read_back_as_it_was_made(text: str) -> None:
    made = Fingerprint.of(text)
    assert same(load_fingerprint(dump_fingerprint(made)), made)


def test_an_entry_read_back_is_not_fingerprinted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = make_entry(Article("https://a.com/harbour", body=prose("harbour")), Signals())
    data, fingerprint = dump_entry(entry), dump_fingerprint(entry.fingerprint)

    def refused(text: str) -> Fingerprint:
        raise AssertionError("fingerprinted again")

    monkeypatch.setattr(entries.Fingerprint, "of", refused)
    assert same(load_entry(data, fingerprint).fingerprint, entry.fingerprint)
    with pytest.raises(AssertionError, match="fingerprinted again"):
        load_entry(data)  # an entry of schema 3: derived from its text


@pytest.mark.parametrize("cut", [1, 4, 25])
def test_a_fingerprint_not_as_written_is_refused(cut: int) -> None:
    entry = make_entry(Article("https://a.com/harbour", body=prose("harbour")), Signals())
    fingerprint = dump_fingerprint(entry.fingerprint)
    with pytest.raises(DamagedIndex):
        load_entry(dump_entry(entry), fingerprint[:-cut])
    with pytest.raises(DamagedIndex):
        load_entry(dump_entry(entry), fingerprint[: 4 * cut])


def plain(records: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return [
        (r.url, r.original_url, r.relation, r.confidence, r.cluster, r.evidence, r.sources)
        for r in records
    ]


def schema3(folder: Path) -> Path:
    folder.mkdir()
    with gzip.open(SCHEMA3) as packed, (folder / INDEX_FILE).open("wb") as file:
        shutil.copyfileobj(packed, file)
    return folder / INDEX_FILE


def version_and_columns(path: Path) -> tuple[int, list[str]]:
    db = sqlite3.connect(path)
    try:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        return version, [row[1] for row in db.execute("PRAGMA table_info(entries)")]
    finally:
        db.close()


def test_an_index_of_schema_3_is_read_and_upgraded_by_the_next_save(tmp_path: Path) -> None:
    articles, _ = generate(6, seed=3)
    first, then = articles[: len(articles) // 2], articles[len(articles) // 2 :]
    with CandidateIndex.held(tmp_path / "fresh") as fresh:
        link(first, fresh)
        fresh.save()
        expected = plain(link(then, fresh))
        everything = plain(fresh.records())
    path = schema3(tmp_path / "old")
    assert version_and_columns(path) == (3, ["key", "id", "page", "entry"])
    with CandidateIndex.held(path.parent) as old:
        assert plain(link(then, old)) == expected  # not saved: the file is left as it was
    assert version_and_columns(path)[0] == 3
    with CandidateIndex.held(path.parent) as old:
        assert plain(link(then, old)) == expected
        old.save()
        assert plain(old.records()) == everything
    version, columns = version_and_columns(path)
    assert (version, columns[-1]) == (SCHEMA_VERSION, "fingerprint")
    db = sqlite3.connect(path)
    kept = db.execute("SELECT entry, fingerprint FROM entries WHERE fingerprint NOT NULL")
    read_back = [(load_entry(data), load_fingerprint(print_)) for data, print_ in kept]
    db.close()
    assert len(read_back) > len(then)  # the new entries, and old ones the run read back
    assert all(same(entry.fingerprint, stored) for entry, stored in read_back)
    with CandidateIndex.held(path.parent) as upgraded:
        assert plain(upgraded.records()) == everything


def test_bulk_rows_find_the_entries_that_share_a_band_or_a_landmark() -> None:
    texts = [prose(topic) for topic in ("harbour", "orchard", "bridge")]
    bodies = [*texts, texts[0][: len(texts[0]) // 2], texts[1] + "\n\n" + texts[2], "short"]
    made = [
        make_entry(Article(f"https://s{n}.com/story", body=body), Signals())
        for n, body in enumerate(bodies)
    ]
    index = CandidateIndex()
    for entry in made:
        index.add(entry)
    store = index._store
    banded = [bands(e.fingerprint) for e in made]
    marked = [landmarks(e.fingerprint) for e in made]
    similar = store.similar(banded)
    sharing = store.sharing(marked)
    postings = {
        int(mark): sum(int(mark) in m.tolist() for m in marked) for m in marked for mark in m
    }
    for n, entry in enumerate(made):
        by_bands = {
            other.key
            for other, theirs in zip(made, banded, strict=True)
            if len(theirs) and len(banded[n]) and np.any(theirs == banded[n])
        }
        by_marks = {
            other.key
            for other, theirs in zip(made, marked, strict=True)
            if set(theirs.tolist())
            & {m for m in marked[n].tolist() if postings[m] <= LANDMARK_POSTINGS}
        }
        assert similar[n] == by_bands, entry.url
        assert sharing[n] == by_marks, entry.url
    assert {made[3].key, made[0].key} <= similar[0]
