"""Candidate search: a MinHash LSH over article fingerprints, kept between runs.

A new run adds its articles and finds copies or originals among everything indexed before,
without re-reading the WARCs those came from. LSH only proposes; the linker verifies. The
index lives in a folder, or in Redis (datasketch's Redis storage), where every process of a
distributed crawl links against the same originals. Every process must then run the same
datasketch version: 2.0 changed the hash scheme, and the LSH keys would no longer match.
Entries are pickled there: use a Redis that only the crawl's own processes can write to.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import TYPE_CHECKING

import redis
from datasketch import MinHash, MinHashLSH
from redis.connection import SSLConnection, UnixDomainSocketConnection, parse_url

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


def _client_params(url: str) -> dict[str, object]:
    """`redis.Redis(**params)` for a redis://, rediss:// or unix:// URL (datasketch's Redis
    storage takes client arguments, not a URL)."""
    params = parse_url(url)
    connection = params.pop("connection_class", None)
    if connection is SSLConnection:
        params["ssl"] = True
    elif connection is UnixDomainSocketConnection:
        params["unix_socket_path"] = params.pop("path")
    return params


def _identity(value: int) -> int:
    return value


def _minhash(fingerprint: Fingerprint) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=_identity)
    minhash.update_batch([*fingerprint.exact, *(h ^ _ROBUST_TAG for h in fingerprint.robust)])
    return minhash


class CandidateIndex:
    """Entries by key plus an LSH over their fingerprints; saved to `folder` if given, or
    kept in Redis at `redis_url` under `name` (the same name in every process)."""

    def __init__(
        self, folder: Path | None = None, *, redis_url: str | None = None, name: str = "newscrawl"
    ) -> None:
        self.folder = folder
        self.entries: dict[str, Entry] = {}
        self._redis: redis.Redis | None = None
        if redis_url:
            self._redis = redis.Redis.from_url(redis_url)
            self._entries_key = f"newscrawl:{name}:provenance-entries"
            storage = {
                "type": "redis",
                "basename": f"newscrawl:{name}:provenance-lsh".encode(),
                "redis": _client_params(redis_url),
            }
            self.lsh = MinHashLSH(LSH_THRESHOLD, NUM_PERM, storage_config=storage)
            stored = self._redis.hgetall(self._entries_key)
            self.entries = {key.decode(): pickle.loads(data) for key, data in stored.items()}
        else:
            self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
            if folder is not None and (folder / INDEX_FILE).exists():
                with (folder / INDEX_FILE).open("rb") as fh:
                    self.entries, self.lsh = pickle.load(fh)

    def add(self, entry: Entry) -> None:
        """Index an entry (a capture already indexed, here or by another process, is kept as
        it was)."""
        if entry.key in self.entries:
            return
        self.entries[entry.key] = entry
        if self._redis is not None:
            data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
            if not self._redis.hsetnx(self._entries_key, entry.key, data):
                return
        if entry.fingerprint.exact:
            self.lsh.insert(entry.key, _minhash(entry.fingerprint))

    def candidates(self, entry: Entry) -> list[Entry]:
        """Indexed entries whose text may overlap `entry`'s (itself excluded)."""
        if not entry.fingerprint.exact:
            return []
        keys = self.lsh.query(_minhash(entry.fingerprint))
        return [self._entry(k) for k in sorted(keys) if k != entry.key]

    def _entry(self, key: str) -> Entry:
        """An entry, fetched from Redis if another process added it since this one started."""
        if key not in self.entries and self._redis is not None:
            self.entries[key] = pickle.loads(self._redis.hget(self._entries_key, key))
        return self.entries[key]

    def save(self) -> None:
        """Write the index to its folder (Redis and in-memory indexes have nothing to save)."""
        if self.folder is None or self._redis is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / INDEX_FILE).open("wb") as fh:
            pickle.dump((self.entries, self.lsh), fh)
