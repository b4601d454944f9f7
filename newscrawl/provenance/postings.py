"""Which entries hold a value: the postings of the LSH bands and of the landmarks, as sorted
numpy runs instead of B-tree tables.

A run inserts ~90 rows an article and looks up as many: as SQLite rows that was most of the
serial time of linking, and it grew with the file. Here a batch of rows is one sorted
array, a batch of look-ups two binary searches (`np.searchsorted`) in each run.

A run is a (3, n) int64 array sorted by its first row: the value (a band's two signature
values as one integer, or a landmark's hash), the entry's id, and a tag (a band's position
in the signature, 0 for a landmark): a value matches only a row of the same tag. Runs are
merged as in a log-structured merge tree: a new run merges with the run before it while
that one is at most twice its size, so n rows are at most ~log2(n) runs and each row is
merged ~log2(n) times.

In a folder, each saved run is a `.npy` file read through a memory map: a look-up reads
the pages its binary searches touch, never the whole table. A run's new rows stay in memory
until it saves; files are written before the SQLite transaction that lists them commits
(`stores.SQLiteStore.commit`), so a file no committed transaction lists (a run that crashed
or did not save, a run merged away) is deleted at the next open. The postings change only
once that transaction has committed (`saved`): a save that fails deletes what it wrote.
"""

from __future__ import annotations

import os
import re
import uuid
from typing import TYPE_CHECKING

import numpy as np

from newscrawl.locks import open_new
from newscrawl.provenance.entries import DamagedIndex

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    import numpy.typing as npt

    Rows = npt.NDArray[np.int64]  # (3, n): values, entry ids, tags; sorted by value

MERGE_CHUNK = 1 << 20  # rows of a run placed at a time when two runs merge
RUN_NAME = re.compile(r"(?:bands|marks)-[0-9a-f]{32}\.npy")  # what `_write` names a run


def rows(arrays: list[npt.NDArray[np.int64]], owners: Iterable[int], *, tagged: bool) -> Rows:
    """The rows of many entries' bands (each tagged with its position: `tagged`) or
    landmarks, `owners` their entries' ids (or search numbers), sorted by value."""
    sizes = np.array([len(a) for a in arrays], np.int64)
    values = np.concatenate(arrays).astype(np.int64) if arrays else np.empty(0, np.int64)
    ids = np.repeat(np.fromiter(owners, np.int64, len(arrays)), sizes)
    tags = np.zeros(len(values), np.int64)
    if tagged:
        tags = np.arange(len(values)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return sorted_run(np.stack([values, ids, tags]))


def sorted_run(table: Rows) -> Rows:
    """(value, id, tag) rows as a run: sorted by value."""
    return table[:, np.argsort(table[0], kind="stable")]


def _due(runs: list[Rows]) -> bool:
    """Whether the newest run is to merge with the one before it."""
    return len(runs) >= 2 and runs[-2].shape[1] <= 2 * runs[-1].shape[1]


def _merged(older: Rows, newer: Rows, out: Rows | None = None) -> Rows:
    """Two runs as one sorted run (written into `out`, or a new array), a chunk of rows at
    a time: a row's place is its place in its run plus the rows of the other run before it."""
    if out is None:
        out = np.empty((3, older.shape[1] + newer.shape[1]), np.int64)
    for run, other, side in ((older, newer, "left"), (newer, older, "right")):
        for start in range(0, run.shape[1], MERGE_CHUNK):
            part = np.asarray(run[:, start : start + MERGE_CHUNK])
            at = np.searchsorted(other[0], part[0], side)  # type: ignore[call-overload]
            at += np.arange(start, start + part.shape[1])
            out[:, at] = part
    return out


def drop_unlisted(folder: Path, listed: set[str]) -> None:
    """Delete the run files in `folder` that no committed listing names: written by a run
    that crashed or did not save, or merged away (only files named as runs are, and a
    symbolic link is removed, never what it points to)."""
    for path in folder.iterdir() if folder.is_dir() else ():
        if RUN_NAME.fullmatch(path.name) and path.name not in listed and not path.is_dir():
            path.unlink()


def checked_folder(folder: Path) -> Path:
    """The postings' folder of an index, refused when it is a symbolic link or no folder:
    newscrawl deletes and writes run files there, never through a link."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise DamagedIndex(
            f"{folder} is not a folder newscrawl made (a symbolic link or a file): delete the"
            f" index folder {folder.parent} to rebuild it"
        )
    return folder


class Postings:
    """The runs of one kind of postings ("bands" or "marks", landmarks): saved ones in `folder`
    (named in `saved`), and the rows added since the last save, in memory; all in memory
    without a folder."""

    def __init__(self, kind: str, folder: Path | None = None, saved: Iterable[str] = ()) -> None:
        self.kind = kind
        self.folder = folder
        self._names = list(saved)
        self._saved = [self._open(name) for name in self._names]
        self._new: list[Rows] = []
        self._staged = (self._names, self._saved)  # what the last save wrote (`saved`)

    def _open(self, name: str) -> Rows:
        assert self.folder is not None
        path = self.folder / name
        try:
            if not RUN_NAME.fullmatch(name) or path.is_symlink():
                raise ValueError("not a run's name or a symbolic link")
            run = np.lib.format.open_memmap(path, "r")
            if run.ndim != 2 or run.shape[0] != 3 or run.dtype != np.int64:
                raise ValueError(f"shape {run.shape}, {run.dtype}")
        except (FileNotFoundError, IsADirectoryError, EOFError, ValueError) as error:
            raise DamagedIndex(
                f"{path} is not postings newscrawl wrote ({error}): delete the index folder"
                f" {self.folder.parent} to rebuild it"
            ) from None
        return run  # type: ignore[no-any-return]

    def add(self, run: Rows) -> None:
        """Rows (made by `rows`) of entries put since the last add."""
        self._new.append(run)
        while _due(self._new):
            self._new[-2:] = [_merged(*self._new[-2:])]

    def find(self, wanted: Rows, most: int | None = None) -> tuple[Rows, Rows]:
        """The (search number, entry id) of every row holding a wanted value with its tag,
        each pair once, `wanted` made by `rows` with search numbers for ids; a value held
        by more than `most` rows (whatever their tags) finds nothing, and costs no more than
        its count: a stock phrase held by half the corpus is never expanded."""
        values, numbers, tags = wanted
        ranges = [
            (run, np.searchsorted(run[0], values, "left"), np.searchsorted(run[0], values, "right"))
            for run in self._saved + self._new
        ]
        held = sum((high - low for _, low, high in ranges), np.zeros(len(values), np.int64))
        rare = held <= most if most is not None else np.ones(len(values), bool)
        found: list[tuple[Rows, Rows]] = []
        for run, low, high in ranges:
            spans = np.where(rare, high - low, 0)
            which = np.repeat(np.arange(len(values)), spans)
            at = np.arange(len(which)) - np.repeat(np.cumsum(spans) - spans, spans)
            at += np.repeat(low, spans)
            same = np.asarray(run[2, at]) == tags[which]
            found.append((which[same], np.asarray(run[1, at[same]])))
        which = np.concatenate([w for w, _ in found]) if found else np.empty(0, np.int64)
        ids = np.concatenate([i for _, i in found]) if found else np.empty(0, np.int64)
        numbers = numbers[which]
        order = np.lexsort((ids, numbers))
        numbers, ids = numbers[order], ids[order]
        first = np.ones(len(ids), bool)
        first[1:] = (numbers[1:] != numbers[:-1]) | (ids[1:] != ids[:-1])
        return numbers[first], ids[first]

    def save(self) -> tuple[list[str], list[str]]:
        """Write the rows added since the last save as a run file, merged with the saved
        runs by the same rule: the files to list from now on, and those to unlist (deleted
        by `forget` once the listing is committed). Nothing changes until `saved` is called
        after that commit: a save or a commit that fails leaves the postings as they were,
        its files deleted by `unsave`, and the next save writes every row again."""
        assert self.folder is not None
        while len(self._new) > 1:  # the same rows as one run
            self._new[-2:] = [_merged(*self._new[-2:])]
        names, runs = list(self._names), list(self._saved)
        self._staged = (names, runs)
        if self._new:
            self._write(self._new[0], names, runs)
        while _due(runs):
            merged = names[-2:]
            self._write(runs[-2], names, runs, runs[-1])
            del runs[-3:-1], names[-3:-1]
            self.forget([name for name in merged if name not in self._names])  # never listed
        if names != self._names:
            _sync(self.folder)  # the files' names as durable as their contents
        written = [name for name in names if name not in self._names]
        return written, [name for name in self._names if name not in names]

    def saved(self) -> None:
        """The listing `save` returned committed: its runs are the saved runs."""
        self._names, self._saved = self._staged
        self._new = []

    def unsave(self) -> None:
        """The save or its listing's commit failed: delete the files it wrote."""
        self.forget([name for name in self._staged[0] if name not in self._names])
        self._staged = (self._names, self._saved)

    def forget(self, names: list[str]) -> None:
        """Delete run files no committed listing names any more."""
        assert self.folder is not None
        for name in names:
            (self.folder / name).unlink(missing_ok=True)

    def _write(
        self, run: Rows, names: list[str], runs: list[Rows], newer: Rows | None = None
    ) -> None:
        """Save `run` (merged with `newer`) as a new run file, added to `names` and `runs`
        as the newest."""
        assert self.folder is not None
        self.folder.mkdir(exist_ok=True)
        name = f"{self.kind}-{uuid.uuid4().hex}.npy"
        path = self.folder / name
        os.close(open_new(path))  # never through a symbolic link planted there
        names.append(name)  # from now on deleted by `unsave` if the save fails
        size = run.shape[1] + (newer.shape[1] if newer is not None else 0)
        out = np.lib.format.open_memmap(path, "w+", np.int64, (3, size))
        if newer is None:
            out[:] = run
        else:
            _merged(run, newer, out)
        out.flush()
        with path.open("rb") as file:
            os.fsync(file.fileno())
        del out
        runs.append(self._open(name))


def _sync(folder: Path) -> None:
    """fsync a folder: the files created in it are named there after a crash."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
