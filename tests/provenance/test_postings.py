"""The band and landmark postings (`postings.py`): look-ups give what a scan of every row
gives, saved runs merge into a few files, and a folder keeps only the files a committed
run lists."""

from __future__ import annotations

import errno
import sqlite3
from typing import TYPE_CHECKING

import numpy as np
import pytest

from newscrawl.items import Article
from newscrawl.provenance import link
from newscrawl.provenance.candidates import INDEX_FILE, CandidateIndex
from newscrawl.provenance.entries import DamagedIndex
from newscrawl.provenance.postings import Postings, rows
from newscrawl.provenance.stores import POSTINGS
from tests.provenance.pseudo_news import prose

if TYPE_CHECKING:
    from pathlib import Path

    import numpy.typing as npt


def batches(seed: int, count: int, size: int) -> list[list[npt.NDArray[np.int64]]]:
    """`count` batches of `size` entries' band values, drawn from few values so that many
    entries share some, in the same band or in another."""
    rng = np.random.default_rng(seed)
    return [[rng.integers(0, 40, 8) for _ in range(size)] for _ in range(count)]


def scanned(
    added: list[tuple[int, npt.NDArray[np.int64]]],
    wanted: list[npt.NDArray[np.int64]],
    most: int | None,
    *,
    tagged: bool,
) -> set[tuple[int, int]]:
    """The (search, entry) pairs a scan of every row finds: a value's rows of its band (of
    any position when untagged), none for a value in more than `most` rows."""
    holders: dict[tuple[int, int], list[int]] = {}
    for owner, values in added:
        for band, value in enumerate(values.tolist()):
            holders.setdefault((band if tagged else 0, value), []).append(owner)
    found = set()
    for number, values in enumerate(wanted):
        for band, value in enumerate(values.tolist()):
            owners = holders.get((band if tagged else 0, value), [])
            if most is None or len(owners) <= most:
                found |= {(number, owner) for owner in owners}
    return found


@pytest.mark.parametrize(("tagged", "most"), [(True, None), (False, 3)])
def test_look_ups_find_what_a_scan_of_every_row_finds(
    tmp_path: Path, tagged: bool, most: int | None
) -> None:
    in_memory, in_folder = Postings("bands"), Postings("bands", tmp_path)
    added: list[tuple[int, npt.NDArray[np.int64]]] = []
    for number, batch in enumerate(batches(1, 12, 30)):
        ids = range(1000 * number, 1000 * number + len(batch))
        for postings in (in_memory, in_folder):
            postings.add(rows(batch, ids, tagged=tagged))
        added += zip(ids, batch, strict=True)
        if number % 3 == 2:
            in_folder.save()
            in_folder.saved()
        wanted = batches(100 + number, 1, 20)[0]
        expected = scanned(added, wanted, most, tagged=tagged)
        for postings in (in_memory, in_folder):
            numbers, owners = postings.find(rows(wanted, range(20), tagged=tagged), most)
            pairs = list(zip(numbers.tolist(), owners.tolist(), strict=True))
            assert len(pairs) == len(set(pairs))  # each pair once
            assert set(pairs) == expected


def test_saved_runs_merge_into_few_files(tmp_path: Path) -> None:
    postings = Postings("marks", tmp_path)
    listed: set[str] = set()
    for number, batch in enumerate(batches(2, 64, 10)):
        postings.add(rows(batch, range(10 * number, 10 * number + 10), tagged=False))
        written, dropped = postings.save()
        postings.saved()
        listed = (listed | set(written)) - set(dropped)
        postings.forget(dropped)
        assert {p.name for p in tmp_path.iterdir()} == listed
        assert len(listed) <= 2 + np.log2(number + 1)
    reopened = Postings("marks", tmp_path, sorted(listed))
    wanted = rows(batches(3, 1, 5)[0], range(5), tagged=False)
    assert all(
        np.array_equal(a, b)
        for a, b in zip(reopened.find(wanted), postings.find(wanted), strict=True)
    )


def listed_runs(folder: Path) -> set[str]:
    db = sqlite3.connect(folder / INDEX_FILE)
    try:
        return {name for (name,) in db.execute("SELECT name FROM runs")}
    finally:
        db.close()


def test_a_folder_keeps_only_the_runs_a_saved_run_lists(tmp_path: Path) -> None:
    first = [Article(f"http://one-news.com/{n}/", body=prose(f"port{n}")) for n in range(3)]
    with CandidateIndex.held(tmp_path) as index:
        link(first, index)
        index.save()
    saved = listed_runs(tmp_path)
    assert {p.name for p in (tmp_path / POSTINGS).iterdir()} == saved
    (tmp_path / POSTINGS / f"bands-{'f' * 32}.npy").write_bytes(b"partial")  # a crash's
    again = [Article("http://two-news.com/a/", body=prose("harbour"))]
    with CandidateIndex.held(tmp_path) as index:
        link(again, index)  # not saved
    assert {p.name for p in (tmp_path / POSTINGS).iterdir()} == saved
    with CandidateIndex.held(tmp_path) as index:
        link(again, index)
        index.save()
    assert {p.name for p in (tmp_path / POSTINGS).iterdir()} == listed_runs(tmp_path) != saved


def test_a_damaged_run_file_names_the_folder_to_delete(tmp_path: Path) -> None:
    with CandidateIndex.held(tmp_path) as index:
        link([Article("http://one-news.com/a/", body=prose("port"))], index)
        index.save()
    run = sorted(listed_runs(tmp_path))[0]
    (tmp_path / POSTINGS / run).write_bytes(b"\x93NUMPY garbage")
    with pytest.raises(DamagedIndex, match=f"delete the index folder {tmp_path}"):
        CandidateIndex(tmp_path)
    db = sqlite3.connect(tmp_path / INDEX_FILE, timeout=0)
    db.execute("BEGIN IMMEDIATE")  # not held by the index that refused to open
    db.rollback()


@pytest.mark.parametrize("damage", ["empty", "zip", "outside"])
def test_a_damaged_or_planted_run_is_refused_and_nothing_outside_touched(
    tmp_path: Path, damage: str
) -> None:
    folder, outside = tmp_path / "index", tmp_path / "outside.npy"
    with CandidateIndex.held(folder) as index:
        link([Article("http://one-news.com/a/", body=prose("port"))], index)
        index.save()
    np.save(outside, np.zeros((3, 1), np.int64))
    run = folder / POSTINGS / sorted(listed_runs(folder))[0]
    if damage == "outside":
        db = sqlite3.connect(folder / INDEX_FILE)
        db.execute("UPDATE runs SET name = ? WHERE name = ?", ("../../outside.npy", run.name))
        db.commit()
        db.close()
    else:
        run.write_bytes(b"" if damage == "empty" else b"PK\x03\x04 not a run")
    with pytest.raises(DamagedIndex, match="delete the index folder"):
        CandidateIndex(folder)
    assert outside.exists()
    db = sqlite3.connect(folder / INDEX_FILE, timeout=0)
    db.execute("BEGIN IMMEDIATE")
    db.rollback()


def test_a_postings_folder_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ("bands-" + "0" * 32 + ".npy")).write_bytes(b"someone else's file")
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / POSTINGS).symlink_to(elsewhere)
    with pytest.raises(DamagedIndex, match="symbolic link"):
        CandidateIndex(folder)
    assert [p.name for p in elsewhere.iterdir()] == ["bands-" + "0" * 32 + ".npy"]


def saved_rows(folder: Path) -> dict[str, npt.NDArray[np.int64]]:
    """Every row of the runs the index in `folder` lists, by kind, in one order."""
    db = sqlite3.connect(folder / INDEX_FILE)
    try:
        listed = db.execute("SELECT name, kind FROM runs").fetchall()
    finally:
        db.close()
    assert {p.name for p in (folder / POSTINGS).iterdir()} == {name for name, _ in listed}
    found = {}
    for kind in ("bands", "marks"):
        runs = [np.load(folder / POSTINGS / name) for name, of in listed if of == kind]
        table = np.concatenate(runs, axis=1)
        found[kind] = table[:, np.lexsort(table[::-1])]
    return found


@pytest.mark.parametrize("failing", [1, 2, 3, 4])
def test_a_save_that_fails_part_way_loses_no_row_when_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    """The disk fills while the `failing`-th run file of a save is written (the bands' new
    run, their merge with the saved one, then the landmarks'): the folder keeps only the
    files the last committed run lists, and the save tried again saves every row."""
    runs = [
        [Article(f"http://one-news.com/{n}/", body=prose(f"port{n}")) for n in part]
        for part in ((0, 1), (2, 3))
    ]
    for folder in (tmp_path / "clean", tmp_path / "full"):
        with CandidateIndex.held(folder) as index:
            link(runs[0], index)
            index.save()
    with CandidateIndex.held(tmp_path / "clean") as index:
        link(runs[1], index)
        index.save()
    before = saved_rows(tmp_path / "full")
    written = 0
    real = np.lib.format.open_memmap

    def filling(path: Path, mode: str = "r+", *args: object, **kwargs: object) -> object:
        nonlocal written
        written += mode == "w+"
        if mode == "w+" and written == failing:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    with CandidateIndex.held(tmp_path / "full") as index:
        link(runs[1], index)
        monkeypatch.setattr(np.lib.format, "open_memmap", filling)
        with pytest.raises(OSError, match="No space left"):
            index.save()
        monkeypatch.undo()
        assert all(np.array_equal(before[k], a) for k, a in saved_rows(tmp_path / "full").items())
        index.save()
    clean, full = saved_rows(tmp_path / "clean"), saved_rows(tmp_path / "full")
    assert all(np.array_equal(clean[kind], full[kind]) for kind in clean)
