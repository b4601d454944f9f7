"""Candidate search: a MinHash LSH over article fingerprints, kept in a folder between runs.

A new run adds its articles and finds copies or originals among everything indexed before,
without re-reading the WARCs those came from. LSH only proposes; the linker verifies.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import TYPE_CHECKING

from datasketch import MinHash, MinHashLSH

if TYPE_CHECKING:
    from pathlib import Path

    from newscrawl.provenance.fingerprint import Fingerprint

NUM_PERM = 128
# Low on purpose: an excerpt or a spun copy has a low Jaccard similarity with its original.
LSH_THRESHOLD = 0.1
_ROBUST_TAG = 0x9E3779B9  # keeps exact and skeleton shingle hashes apart in one MinHash
INDEX_FILE = "provenance-index.pickle"


@dataclass(frozen=True)
class Entry:
    """What the linker needs to know about an indexed article capture."""

    key: str
    url: str
    fetched_at: str | None
    published: str | None
    domain: str
    outlet: str | None
    body: str
    fingerprint: Fingerprint
    original_urls: tuple[str, ...]
    origin_outlets: frozenset[str]


def _identity(value: int) -> int:
    return value


def _minhash(fingerprint: Fingerprint) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=_identity)
    minhash.update_batch([*fingerprint.exact, *(h ^ _ROBUST_TAG for h in fingerprint.robust)])
    return minhash


class CandidateIndex:
    """Entries by key plus an LSH over their fingerprints; saved to `folder` if given."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.entries: dict[str, Entry] = {}
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        if folder is not None and (folder / INDEX_FILE).exists():
            with (folder / INDEX_FILE).open("rb") as fh:
                self.entries, self.lsh = pickle.load(fh)

    def add(self, entry: Entry) -> None:
        """Index an entry (a capture already indexed is kept as it was)."""
        if entry.key in self.entries:
            return
        self.entries[entry.key] = entry
        if entry.fingerprint.exact:
            self.lsh.insert(entry.key, _minhash(entry.fingerprint))

    def candidates(self, entry: Entry) -> list[Entry]:
        """Indexed entries whose text may overlap `entry`'s (itself excluded)."""
        if not entry.fingerprint.exact:
            return []
        keys = self.lsh.query(_minhash(entry.fingerprint))
        return [self.entries[k] for k in sorted(keys) if k != entry.key]

    def save(self) -> None:
        """Write the index to its folder (no-op for an in-memory index)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / INDEX_FILE).open("wb") as fh:
            pickle.dump((self.entries, self.lsh), fh)
