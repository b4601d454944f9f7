"""What the linker remembers between runs: a MinHash LSH over article fingerprints, the
entries it proposes, story clusters, site chrome, and the archives already read.

A new run adds its articles and finds copies or originals among everything indexed before,
without re-reading the WARCs those came from. Two searches propose, the linker verifies: the
MinHash LSH finds texts similar as a whole (copies, spun copies, long excerpts); landmarks,
the exact 5-grams whose hash is a multiple of 16, find texts that share a passage however
much else either holds (a lede excerpt, a re-report quoting two paragraphs), which the
Jaccard similarity the LSH estimates hides. A landmark found in more than 50 texts is a
stock phrase or chrome, and proposes nothing.

In a folder, the index is one SQLite file: a run's additions are kept in memory and written
to it in one short transaction on `save()`; at start only the MinHash signatures (512 bytes
an entry) are read, to rebuild the LSH in memory, and an entry is read when a search
proposes it. The file also lists the archive files already linked (name and size), the
cluster id of every page a story was seen on, and the short paragraphs of each site (a
paragraph on two pages of one site is its chrome). An entry is stored with
its text compressed and without its fingerprint, which is derived again on reading: the
fingerprint's arrays are several times the size of the compressed text, and the text is
what the word alignment of a verified pair needs. Without a folder the tables live in memory.
In Redis (datasketch's Redis storage for the LSH), every process of a distributed crawl
links against the same originals. Every process must then run the same newscrawl version:
the signatures' hash scheme is ours, and the LSH keys would no longer match after a change.
Entries are pickled there and in the SQLite file: use a Redis and a folder that only the
crawl's own processes can write to.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import sqlite3
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import redis
from datasketch import LeanMinHash, MinHashLSH
from redis.connection import SSLConnection, UnixDomainSocketConnection, parse_url

from newscrawl.provenance.fingerprint import Fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    import numpy.typing as npt

NUM_PERM = 128
# Low on purpose: an excerpt or a spun copy has a low Jaccard similarity with its original.
LSH_THRESHOLD = 0.1
CHROME_WORDS = 40  # a longer paragraph is story text even if a site repeats it
LANDMARK_EVERY = 16  # one exact 5-gram in 16 is a landmark: ~25 a text, ~3 in a 40-gram passage
LANDMARK_POSTINGS = 50  # a landmark in more texts than this proposes none of them
INDEX_FILE = "provenance-index.sqlite"
_SEED = 1
_ROBUST_TAG = np.uint32(0x9E3779B9)  # keeps exact and skeleton shingle hashes apart
# Multiply-shift hashing (one odd multiplier and an offset per permutation): a cheap
# universal family for 32-bit keys; the top 32 bits of the 64-bit product are the hash.
_RNG = np.random.default_rng(_SEED)
_MULTIPLIERS = _RNG.integers(1, 2**63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_OFFSETS = _RNG.integers(0, 2**63, NUM_PERM, dtype=np.uint64)


@dataclass(frozen=True, eq=False)
class Entry:
    """What the linker needs to know about an indexed article capture."""

    key: str
    url: str
    page: str  # the URL compared as a page: every capture of one page has the same
    fetched_at: str | None
    published: str | None
    domain: str
    outlet: str | None
    names: frozenset[int]  # the site's own names (site name, domain label), hashed
    fingerprint: Fingerprint
    original_urls: tuple[str, ...]
    links: tuple[tuple[str, str, int], ...]  # (URL, page, anchor as a name) to other sites
    origin_outlets: frozenset[str]
    body: str


def _dump(entry: Entry) -> bytes:
    """An entry as stored: its text compressed, its fingerprint left out."""
    fields = {f.name: getattr(entry, f.name) for f in dataclasses.fields(Entry)}
    del fields["fingerprint"]
    fields["body"] = zlib.compress(entry.body.encode())
    return pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)


def _load(data: bytes) -> Entry:
    fields = pickle.loads(data)
    body = zlib.decompress(fields["body"]).decode()
    return Entry(**{**fields, "body": body, "fingerprint": Fingerprint.of(body)})


def signature(fingerprint: Fingerprint) -> npt.NDArray[np.uint64]:
    """MinHash signature over exact and skeleton shingles together."""
    values = np.concatenate([fingerprint.exact, fingerprint.robust ^ _ROBUST_TAG])
    hashed = values.astype(np.uint64)[:, None] * _MULTIPLIERS + _OFFSETS
    return (hashed >> np.uint64(32)).min(axis=0)


def _minhash(values: npt.NDArray[np.uint64]) -> LeanMinHash:
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme="legacy")


def landmarks(fingerprint: Fingerprint) -> list[int]:
    """The exact shingles two texts sharing a passage most likely both hold."""
    exact = fingerprint.exact
    return exact[exact % LANDMARK_EVERY == 0].tolist()


class _Store(Protocol):
    """Where entries, clusters, chrome and read archives are kept."""

    def put(self, entry: Entry, values: npt.NDArray[np.uint64] | None) -> bool: ...
    def get(self, key: str) -> Entry: ...
    def sharing(self, marks: list[int]) -> set[str]: ...
    def keys_of_page(self, page: str) -> list[str]: ...
    def cluster(self, page: str) -> str | None: ...
    def set_cluster(self, page: str, cluster: str) -> None: ...
    def repeated(self, line: int) -> bool: ...
    def has_archive(self, name: str, size: int) -> bool: ...
    def add_archive(self, name: str, size: int) -> None: ...
    def signatures(self) -> Iterator[tuple[str, bytes]]: ...
    def commit(self) -> None: ...
    def __len__(self) -> int: ...


def _line_key(entry: Entry, line: int) -> int:
    """One paragraph of one site, as a signed 64-bit integer."""
    return (zlib.crc32(entry.domain.encode()) & 0x7FFFFFFF) << 32 | line


def _short_lines(entry: Entry) -> set[int]:
    return {h for h, n in entry.fingerprint.lines if n <= CHROME_WORDS}


_TABLES = {
    "entries": "key TEXT PRIMARY KEY, id INTEGER, page TEXT, entry BLOB, minhash BLOB",
    "clusters": "page TEXT PRIMARY KEY, cluster TEXT",
    "lines": "key INTEGER, page INTEGER, PRIMARY KEY (key, page)",  # short paragraph, page
    "archives": "name TEXT, size INTEGER, PRIMARY KEY (name, size)",
    "landmarks": "hash INTEGER, id INTEGER",  # an entry's id: 8 bytes, not its key
}
_INDEXES = [("entries", "page"), ("entries", "id"), ("landmarks", "hash")]


def _entry_id(key: str) -> int:
    """A short stable id for an entry key, as a signed 64-bit integer."""
    return int.from_bytes(hashlib.sha1(key.encode()).digest()[:8], "big", signed=True)


class _SQLiteStore:
    """This run's additions in memory, earlier runs' in a SQLite file (if any), read as one
    through views; `commit` moves the additions to the file in one short transaction, so a
    run holds no lock on the file while it links, and a run that does not save leaves it
    as it was."""

    def __init__(self, path: Path | None) -> None:
        self.db = sqlite3.connect(":memory:", isolation_level=None, timeout=60)
        self.schemas = ["main"]
        if path is not None:
            self.db.execute("ATTACH DATABASE ? AS disk", (str(path),))
            self.schemas.append("disk")
        for schema in self.schemas:
            for table, columns in _TABLES.items():
                self.db.execute(f"CREATE TABLE IF NOT EXISTS {schema}.{table} ({columns})")
            for table, column in _INDEXES:
                name = f"{schema}.{table}_{column}"
                self.db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")
        for table in _TABLES:
            union = " UNION ALL ".join(f"SELECT * FROM {s}.{table}" for s in self.schemas)
            self.db.execute(f"CREATE TEMP VIEW all_{table} AS {union}")

    def _one(self, query: str, *args: object) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.db.execute(query, args).fetchone()
        return row

    def put(self, entry: Entry, values: npt.NDArray[np.uint64] | None) -> bool:
        if self._one("SELECT 1 FROM all_entries WHERE key = ?", entry.key):
            return False
        minhash = None if values is None else values.astype(np.uint32).tobytes()
        entry_id = _entry_id(entry.key)
        row = (entry.key, entry_id, entry.page, _dump(entry), minhash)
        self.db.execute("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", row)
        marks = [(mark, entry_id) for mark in landmarks(entry.fingerprint)]
        self.db.executemany("INSERT INTO landmarks VALUES (?, ?)", marks)
        page = zlib.crc32(entry.page.encode())
        lines = [(_line_key(entry, line), page) for line in _short_lines(entry)]
        self.db.executemany("INSERT OR IGNORE INTO lines VALUES (?, ?)", lines)
        return True

    def get(self, key: str) -> Entry:
        row = self._one("SELECT entry FROM all_entries WHERE key = ?", key)
        if row is None:
            raise KeyError(key)
        return _load(row[0])

    def sharing(self, marks: list[int]) -> set[str]:
        ids: set[int] = set()
        query = "SELECT id FROM all_landmarks WHERE hash = ? LIMIT ?"
        for mark in marks:
            rows = self.db.execute(query, (mark, LANDMARK_POSTINGS + 1)).fetchall()
            if len(rows) <= LANDMARK_POSTINGS:
                ids.update(entry_id for (entry_id,) in rows)
        query = "SELECT key FROM all_entries WHERE id = ?"
        return {key for entry_id in ids for (key,) in self.db.execute(query, (entry_id,))}

    def keys_of_page(self, page: str) -> list[str]:
        rows = self.db.execute("SELECT key FROM all_entries WHERE page = ? ORDER BY key", (page,))
        return [key for (key,) in rows]

    def cluster(self, page: str) -> str | None:
        for schema in self.schemas:  # this run's choice first
            row = self._one(f"SELECT cluster FROM {schema}.clusters WHERE page = ?", page)
            if row:
                return str(row[0])
        return None

    def set_cluster(self, page: str, cluster: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO clusters VALUES (?, ?)", (page, cluster))

    def repeated(self, line: int) -> bool:
        query = "SELECT COUNT(*) FROM (SELECT DISTINCT page FROM all_lines WHERE key = ? LIMIT 2)"
        row = self._one(query, line)
        return bool(row and row[0] >= 2)

    def has_archive(self, name: str, size: int) -> bool:
        return bool(self._one("SELECT 1 FROM all_archives WHERE name = ? AND size = ?", name, size))

    def add_archive(self, name: str, size: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO archives VALUES (?, ?)", (name, size))

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute("SELECT key, minhash FROM all_entries WHERE minhash NOT NULL")

    def commit(self) -> None:
        if "disk" not in self.schemas:
            return
        self.db.execute("BEGIN IMMEDIATE")
        for table in _TABLES:
            verb = "INSERT" if table == "landmarks" else "INSERT OR REPLACE"
            self.db.execute(f"{verb} INTO disk.{table} SELECT * FROM main.{table}")
            self.db.execute(f"DELETE FROM main.{table}")
        self.db.execute("COMMIT")

    def __len__(self) -> int:
        row = self._one("SELECT COUNT(*) FROM all_entries")
        return int(row[0]) if row else 0


class _RedisStore:
    """Hashes and sets in Redis, shared by every process using the same index name; each
    write is visible to the others at once (the LSH lives in Redis too)."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.prefix = prefix

    def _key(self, what: str) -> str:
        return f"{self.prefix}:provenance-{what}"

    def put(self, entry: Entry, values: npt.NDArray[np.uint64] | None) -> bool:
        data = _dump(entry)
        if not self.client.hsetnx(self._key("entries"), entry.key, data):
            return False
        self.client.sadd(self._key(f"page:{entry.page}"), entry.key)
        for mark in landmarks(entry.fingerprint):
            self.client.sadd(self._key(f"landmark:{mark}"), entry.key)
        page = str(zlib.crc32(entry.page.encode())).encode()
        lines = self._key("lines")
        for line in _short_lines(entry):
            key = _line_key(entry, line)
            if not self.client.hsetnx(lines, key, page) and self.client.hget(lines, key) != page:
                self.client.hset(lines, key, b"repeated")
        return True

    def get(self, key: str) -> Entry:
        return _load(self.client.hget(self._key("entries"), key))

    def sharing(self, marks: list[int]) -> set[str]:
        sizes = self.client.pipeline()
        for mark in marks:
            sizes.scard(self._key(f"landmark:{mark}"))
        members = self.client.pipeline()
        for mark, size in zip(marks, sizes.execute(), strict=True):
            if size <= LANDMARK_POSTINGS:
                members.smembers(self._key(f"landmark:{mark}"))
        return {key.decode() for keys in members.execute() for key in keys}

    def keys_of_page(self, page: str) -> list[str]:
        return sorted(k.decode() for k in self.client.smembers(self._key(f"page:{page}")))

    def cluster(self, page: str) -> str | None:
        found = self.client.hget(self._key("clusters"), page)
        return found.decode() if found else None

    def set_cluster(self, page: str, cluster: str) -> None:
        self.client.hset(self._key("clusters"), page, cluster)

    def repeated(self, line: int) -> bool:
        return self.client.hget(self._key("lines"), line) == b"repeated"

    def has_archive(self, name: str, size: int) -> bool:
        return bool(self.client.sismember(self._key("archives"), f"{name}\t{size}"))

    def add_archive(self, name: str, size: int) -> None:
        self.client.sadd(self._key("archives"), f"{name}\t{size}")

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from ()  # the LSH is in Redis already

    def commit(self) -> None:
        """Every write is already in Redis."""

    def __len__(self) -> int:
        return int(self.client.hlen(self._key("entries")))


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


class CandidateIndex:
    """Entries and an LSH over their fingerprints: in memory, in `folder` (kept between
    runs), or in Redis at `redis_url` under `name` (the same name in every process)."""

    def __init__(
        self, folder: Path | None = None, *, redis_url: str | None = None, name: str = "newscrawl"
    ) -> None:
        self.folder = folder
        self._cache: dict[str, Entry] = {}
        self._signatures: dict[str, npt.NDArray[np.uint64]] = {}
        self._chrome: dict[str, frozenset[int]] = {}
        self._store: _Store
        if redis_url:
            prefix = f"newscrawl:{name}"
            self._store = _RedisStore(redis.Redis.from_url(redis_url), prefix)
            storage = {
                "type": "redis",
                "basename": f"{prefix}:provenance-lsh".encode(),
                "redis": _client_params(redis_url),
            }
            self.lsh = MinHashLSH(LSH_THRESHOLD, NUM_PERM, storage_config=storage)
            return
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self._store = _SQLiteStore(folder / INDEX_FILE if folder else None)
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        with self.lsh.insertion_session() as session:
            for key, values in self._store.signatures():
                session.insert(key, _minhash(np.frombuffer(values, np.uint32).astype(np.uint64)))

    def __len__(self) -> int:
        return len(self._store)

    def add(self, entry: Entry) -> bool:
        """Index an entry; False for a capture already indexed (here or by another process),
        which is kept as it was."""
        self._cache.setdefault(entry.key, entry)
        if not entry.fingerprint.exact.size:
            return self._store.put(entry, None)
        values = self._signatures.setdefault(entry.key, signature(entry.fingerprint))
        if not self._store.put(entry, values):
            return False
        self.lsh.insert(entry.key, _minhash(values), check_duplication=False)
        return True

    def candidates(self, entry: Entry) -> list[Entry]:
        """Indexed entries whose text may overlap `entry`'s (itself excluded)."""
        if not entry.fingerprint.exact.size:
            return []
        values = self._signatures.get(entry.key)
        similar = self.lsh.query(
            _minhash(signature(entry.fingerprint) if values is None else values)
        )
        keys = {*similar, *self._store.sharing(landmarks(entry.fingerprint))}
        return [self.entry(k) for k in sorted(keys) if k != entry.key]

    def entry(self, key: str) -> Entry:
        """An entry, read from the store if this process has not seen it yet."""
        if key not in self._cache:
            self._cache[key] = self._store.get(key)
        return self._cache[key]

    def captures(self, page: str) -> list[Entry]:
        """Every indexed capture of a page."""
        return [self.entry(key) for key in self._store.keys_of_page(page)]

    def cluster(self, page: str) -> str | None:
        """The story cluster a page was put in by an earlier run, if any."""
        return self._store.cluster(page)

    def set_cluster(self, page: str, cluster: str) -> None:
        self._store.set_cluster(page, cluster)

    def chrome(self, entry: Entry) -> frozenset[int]:
        """Hashes of the entry's paragraphs that other pages of its site repeat: site
        chrome the extractor left in (share buttons, newsletter pitches, bylines)."""
        if entry.key not in self._chrome:
            lines = _short_lines(entry)
            repeated = {h for h in lines if self._store.repeated(_line_key(entry, h))}
            self._chrome[entry.key] = frozenset(repeated)
        return self._chrome[entry.key]

    def has_archive(self, name: str, size: int) -> bool:
        """Whether an archive file of this name and size was linked by an earlier run."""
        return self._store.has_archive(name, size)

    def add_archive(self, name: str, size: int) -> None:
        self._store.add_archive(name, size)

    def save(self) -> None:
        """Commit this run's additions (Redis has them already; memory keeps them anyway)."""
        self._store.commit()
