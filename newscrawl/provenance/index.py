"""What the linker remembers between runs: a MinHash LSH over article fingerprints, the
entries it proposes, what linking found about each entry and the record it decided, story
clusters, site chrome, and the archives already read.

A new run adds its articles and finds copies or originals among everything indexed before,
without re-reading the WARCs those came from. Two searches propose, the linker verifies: the
MinHash LSH finds texts similar as a whole (copies, spun copies, long excerpts); landmarks,
the exact 5-grams whose hash is a multiple of 16, find texts that share a passage however
much else either holds (a lede excerpt, a re-report quoting two paragraphs), which the
Jaccard similarity the LSH estimates hides. A landmark found in more than 50 texts is a
stock phrase or chrome, and proposes nothing.

In a folder, the index is one SQLite file, written in one transaction a run commits on
`save()` (a run that fails or does not save leaves the file as it was); one run at a time
holds the folder (`CandidateIndex.held`). At start only the MinHash signatures (512 bytes an
entry) are read, to rebuild the LSH in memory, and an entry is read when a search proposes
it. The file also lists the archive files already linked (name and size), the cluster id of
every page a story was seen on, the short paragraphs of each site (a paragraph on two pages
of one site is its chrome), the pages each entry points or links to, each entry's findings
(the copies it makes, pairs whose direction is undecided, pointers) and its latest record.
An entry is stored with its text compressed and without its fingerprint, which is derived
again on reading: the fingerprint's arrays are several times the size of the compressed
text, and the text is what the word alignment of a verified pair needs. The file carries
its schema version (`PRAGMA user_version`): another version is refused, with the folder to
delete. Without a folder the tables live in memory.
In Redis (datasketch's Redis storage for the LSH), every process of a distributed crawl
links against the same originals. Every process must then run the same newscrawl version:
the signatures' hash scheme is ours, and the LSH keys would no longer match after a change.
Entries are pickled there and in the SQLite file: use a Redis and a folder that only the
crawl's own processes can write to.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import os
import pickle
import socket
import sqlite3
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np
import redis
from datasketch import LeanMinHash, MinHashLSH
from redis.connection import SSLConnection, UnixDomainSocketConnection, parse_url
from w3lib.url import canonicalize_url

from newscrawl.provenance.fingerprint import Fingerprint
from newscrawl.provenance.records import Findings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    import numpy.typing as npt

    from newscrawl.provenance.records import Evidence, Provenance, Source

NUM_PERM = 128
# Low on purpose: an excerpt or a spun copy has a low Jaccard similarity with its original.
LSH_THRESHOLD = 0.1
CHROME_WORDS = 40  # a longer paragraph is story text even if a site repeats it
LANDMARK_EVERY = 16  # one exact 5-gram in 16 is a landmark: ~25 a text, ~3 in a 40-gram passage
LANDMARK_POSTINGS = 50  # a landmark in more texts than this proposes none of them
INDEX_FILE = "provenance-index.sqlite"
SCHEMA_VERSION = 1  # PRAGMA user_version of the file; the first SQLite index had none (0)
OLD_INDEX_FILE = "provenance-index.pickle"  # the index before SQLite
LOCK_FILE = ".lock"
_SEED = 1
_ROBUST_TAG = np.uint32(0x9E3779B9)  # keeps exact and skeleton shingle hashes apart
# Multiply-shift hashing (one odd multiplier and an offset per permutation): a cheap
# universal family for 32-bit keys; the top 32 bits of the 64-bit product are the hash.
_RNG = np.random.default_rng(_SEED)
_MULTIPLIERS = _RNG.integers(1, 2**63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_OFFSETS = _RNG.integers(0, 2**63, NUM_PERM, dtype=np.uint64)

# What an entry's findings hold (the fields of `Findings`), each by what it is about.
NoteKind = Literal["copies", "undecided", "unconfirmed", "uncrawled"]


class StaleIndex(RuntimeError):
    """An index folder written by another newscrawl version: it must be rebuilt."""


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
    evidence: tuple[Evidence, ...]  # the article's own signals, shown in its record
    sources: tuple[Source, ...]
    body: str

    @property
    def pointed(self) -> set[str]:
        """The pages on other sites the entry points or links to."""
        return {page for _, page, _ in self.links} | {page_key(u) for u in self.original_urls}


def page_key(url: str) -> str:
    """A URL compared as a page: canonical form, scheme and trailing slash ignored."""
    return canonicalize_url(url).split("://", 1)[-1].rstrip("/")


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
    """Where entries, findings, records, clusters, chrome and read archives are kept."""

    def put(self, entry: Entry, values: npt.NDArray[np.uint64] | None) -> bool: ...
    def get(self, key: str) -> Entry: ...
    def sharing(self, marks: list[int]) -> set[str]: ...
    def keys_of_page(self, page: str) -> list[str]: ...
    def pointing_to(self, page: str) -> list[str]: ...
    def cluster(self, page: str) -> str | None: ...
    def set_cluster(self, page: str, cluster: str) -> None: ...
    def pages(self, cluster: str) -> list[str]: ...
    def notes(self, key: str) -> list[tuple[str, str, bytes]]: ...
    def note(self, key: str, kind: str, about: str, data: bytes | None) -> None: ...
    def set_record(self, key: str, data: bytes) -> None: ...
    def records(self) -> Iterator[bytes]: ...
    def repeated(self, line: int) -> bool: ...
    def archives(self) -> set[tuple[str, int]]: ...
    def add_archive(self, name: str, size: int) -> None: ...
    def signatures(self) -> Iterator[tuple[str, bytes]]: ...
    def commit(self) -> None: ...
    def close(self) -> None: ...
    def __len__(self) -> int: ...


def _line_key(entry: Entry, line: int) -> int:
    """One paragraph of one site, as a signed 64-bit integer."""
    return (zlib.crc32(entry.domain.encode()) & 0x7FFFFFFF) << 32 | line


def _short_lines(entry: Entry) -> set[int]:
    return {h for h, n in entry.fingerprint.lines if n <= CHROME_WORDS}


def _dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


_TABLES = {
    "entries": "key TEXT PRIMARY KEY, id INTEGER, page TEXT, entry BLOB, minhash BLOB",
    "landmarks": "hash INTEGER, id INTEGER, PRIMARY KEY (hash, id)",  # id: 8 bytes, not a key
    "lines": "key INTEGER, page INTEGER, PRIMARY KEY (key, page)",  # short paragraph, page
    "pointers": "page TEXT, key TEXT, PRIMARY KEY (page, key)",  # a page the entry points to
    "clusters": "page TEXT PRIMARY KEY, cluster TEXT",
    "notes": "key TEXT, kind TEXT, about TEXT, note BLOB, PRIMARY KEY (key, kind, about)",
    "records": "key TEXT PRIMARY KEY, record BLOB",
    "archives": "name TEXT, size INTEGER, PRIMARY KEY (name, size)",
}
_INDEXES = [("entries", "page"), ("entries", "id"), ("clusters", "cluster")]


def _entry_id(key: str) -> int:
    """A short stable id for an entry key, as a signed 64-bit integer."""
    return int.from_bytes(hashlib.sha1(key.encode()).digest()[:8], "big", signed=True)


class _SQLiteStore:
    """Tables in a SQLite file (or in memory), changed in one transaction that `commit`
    ends: a run that does not commit leaves the file as it was."""

    def __init__(self, path: Path | None) -> None:
        self.db = sqlite3.connect(":memory:" if path is None else path, isolation_level=None)
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        (tables,) = self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        if path is not None and tables and version != SCHEMA_VERSION:
            self.db.close()
            raise StaleIndex(
                f"{path.parent} holds a provenance index of another newscrawl version (schema "
                f"{version}, this one reads {SCHEMA_VERSION}): delete that folder to rebuild "
                "the index (the next run reads every archive again)"
            )
        self.db.execute("BEGIN")
        for table, columns in _TABLES.items():
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
        for table, column in _INDEXES:
            self.db.execute(f"CREATE INDEX IF NOT EXISTS {table}_{column} ON {table} ({column})")
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _one(self, query: str, *args: object) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.db.execute(query, args).fetchone()
        return row

    def _column(self, query: str, *args: object) -> list[Any]:
        return [value for (value,) in self.db.execute(query, args)]

    def put(self, entry: Entry, values: npt.NDArray[np.uint64] | None) -> bool:
        if self._one("SELECT 1 FROM entries WHERE key = ?", entry.key):
            return False
        minhash = None if values is None else values.astype(np.uint32).tobytes()
        entry_id = _entry_id(entry.key)
        row = (entry.key, entry_id, entry.page, _dump(entry), minhash)
        self.db.execute("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", row)
        marks = [(mark, entry_id) for mark in landmarks(entry.fingerprint)]
        self.db.executemany("INSERT OR IGNORE INTO landmarks VALUES (?, ?)", marks)
        page = zlib.crc32(entry.page.encode())
        lines = [(_line_key(entry, line), page) for line in _short_lines(entry)]
        self.db.executemany("INSERT OR IGNORE INTO lines VALUES (?, ?)", lines)
        pointers = [(pointed, entry.key) for pointed in entry.pointed]
        self.db.executemany("INSERT OR IGNORE INTO pointers VALUES (?, ?)", pointers)
        return True

    def get(self, key: str) -> Entry:
        row = self._one("SELECT entry FROM entries WHERE key = ?", key)
        if row is None:
            raise KeyError(key)
        return _load(row[0])

    def sharing(self, marks: list[int]) -> set[str]:
        ids: set[int] = set()
        for mark in marks:
            found = self._column(
                "SELECT id FROM landmarks WHERE hash = ? LIMIT ?", mark, LANDMARK_POSTINGS + 1
            )
            if len(found) <= LANDMARK_POSTINGS:
                ids.update(found)
        query = "SELECT key FROM entries WHERE id = ?"
        return {key for entry_id in ids for key in self._column(query, entry_id)}

    def keys_of_page(self, page: str) -> list[str]:
        return self._column("SELECT key FROM entries WHERE page = ? ORDER BY key", page)

    def pointing_to(self, page: str) -> list[str]:
        return self._column("SELECT key FROM pointers WHERE page = ? ORDER BY key", page)

    def cluster(self, page: str) -> str | None:
        row = self._one("SELECT cluster FROM clusters WHERE page = ?", page)
        return str(row[0]) if row else None

    def set_cluster(self, page: str, cluster: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO clusters VALUES (?, ?)", (page, cluster))

    def pages(self, cluster: str) -> list[str]:
        return self._column("SELECT page FROM clusters WHERE cluster = ? ORDER BY page", cluster)

    def notes(self, key: str) -> list[tuple[str, str, bytes]]:
        query = "SELECT kind, about, note FROM notes WHERE key = ? ORDER BY kind, about"
        return self.db.execute(query, (key,)).fetchall()

    def note(self, key: str, kind: str, about: str, data: bytes | None) -> None:
        if data is None:
            query = "DELETE FROM notes WHERE key = ? AND kind = ? AND about = ?"
            self.db.execute(query, (key, kind, about))
        else:
            self.db.execute(
                "INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?)", (key, kind, about, data)
            )

    def set_record(self, key: str, data: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO records VALUES (?, ?)", (key, data))

    def records(self) -> Iterator[bytes]:
        yield from self._column("SELECT record FROM records")

    def repeated(self, line: int) -> bool:
        query = "SELECT COUNT(*) FROM (SELECT DISTINCT page FROM lines WHERE key = ? LIMIT 2)"
        row = self._one(query, line)
        return bool(row and row[0] >= 2)

    def archives(self) -> set[tuple[str, int]]:
        return set(self.db.execute("SELECT name, size FROM archives"))

    def add_archive(self, name: str, size: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO archives VALUES (?, ?)", (name, size))

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute("SELECT key, minhash FROM entries WHERE minhash NOT NULL")

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def close(self) -> None:
        self.db.close()  # what was not committed is rolled back

    def __len__(self) -> int:
        row = self._one("SELECT COUNT(*) FROM entries")
        return int(row[0]) if row else 0


class _RedisStore:
    """Hashes and sets in Redis, shared by every process using the same index name; each
    write is visible to the others at once (the LSH lives in Redis too)."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.prefix = prefix
        stored = client.get(self._key("version"))
        if stored is None and client.exists(self._key("entries")):
            stored = b"0"  # the first Redis index had no version
        if stored is None:
            client.set(self._key("version"), SCHEMA_VERSION)
        elif int(stored) != SCHEMA_VERSION:
            raise StaleIndex(
                f"the Redis index {prefix} is of another newscrawl version (schema "
                f"{int(stored)}, this one reads {SCHEMA_VERSION}): delete its keys "
                f"({prefix}:provenance-*) to rebuild it"
            )

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
        for pointed in entry.pointed:
            self.client.sadd(self._key(f"pointing:{pointed}"), entry.key)
        return True

    def get(self, key: str) -> Entry:
        data = self.client.hget(self._key("entries"), key)
        if data is None:
            raise KeyError(key)
        return _load(data)

    def sharing(self, marks: list[int]) -> set[str]:
        sizes = self.client.pipeline()
        for mark in marks:
            sizes.scard(self._key(f"landmark:{mark}"))
        members = self.client.pipeline()
        for mark, size in zip(marks, sizes.execute(), strict=True):
            if size <= LANDMARK_POSTINGS:
                members.smembers(self._key(f"landmark:{mark}"))
        return {key.decode() for keys in members.execute() for key in keys}

    def _members(self, what: str) -> list[str]:
        return sorted(k.decode() for k in self.client.smembers(self._key(what)))

    def keys_of_page(self, page: str) -> list[str]:
        return self._members(f"page:{page}")

    def pointing_to(self, page: str) -> list[str]:
        return self._members(f"pointing:{page}")

    def cluster(self, page: str) -> str | None:
        found = self.client.hget(self._key("clusters"), page)
        return found.decode() if found else None

    def set_cluster(self, page: str, cluster: str) -> None:
        if (old := self.cluster(page)) is not None:
            self.client.srem(self._key(f"cluster:{old}"), page)
        self.client.hset(self._key("clusters"), page, cluster)
        self.client.sadd(self._key(f"cluster:{cluster}"), page)

    def pages(self, cluster: str) -> list[str]:
        return self._members(f"cluster:{cluster}")

    def notes(self, key: str) -> list[tuple[str, str, bytes]]:
        stored = self.client.hgetall(self._key(f"notes:{key}"))
        return sorted((*field.decode().split("\t", 1), data) for field, data in stored.items())

    def note(self, key: str, kind: str, about: str, data: bytes | None) -> None:
        if data is None:
            self.client.hdel(self._key(f"notes:{key}"), f"{kind}\t{about}")
        else:
            self.client.hset(self._key(f"notes:{key}"), f"{kind}\t{about}", data)

    def set_record(self, key: str, data: bytes) -> None:
        self.client.hset(self._key("records"), key, data)

    def records(self) -> Iterator[bytes]:
        for _, data in self.client.hscan_iter(self._key("records")):
            yield data

    def repeated(self, line: int) -> bool:
        return self.client.hget(self._key("lines"), line) == b"repeated"

    def archives(self) -> set[tuple[str, int]]:
        named = (m.decode().rsplit("\t", 1) for m in self.client.smembers(self._key("archives")))
        return {(name, int(size)) for name, size in named}

    def add_archive(self, name: str, size: int) -> None:
        self.client.sadd(self._key("archives"), f"{name}\t{size}")

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from ()  # the LSH is in Redis already

    def commit(self) -> None:
        """Every write is already in Redis."""

    def close(self) -> None:
        self.client.close()

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
    """Entries and an LSH over their fingerprints, with what linking found about them: in
    memory, in `folder` (kept between runs: open it with `held` for a run), or in Redis at
    `redis_url` under `name` (the same name in every process)."""

    def __init__(
        self, folder: Path | None = None, *, redis_url: str | None = None, name: str = "newscrawl"
    ) -> None:
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
            if (folder / OLD_INDEX_FILE).exists():
                raise StaleIndex(
                    f"{folder} holds a provenance index of an older newscrawl ({OLD_INDEX_FILE}):"
                    " delete that folder to rebuild the index (the next run reads every archive"
                    " again)"
                )
            folder.mkdir(parents=True, exist_ok=True)
        self._store = _SQLiteStore(folder / INDEX_FILE if folder else None)
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        with self.lsh.insertion_session() as session:
            for key, values in self._store.signatures():
                session.insert(key, _minhash(np.frombuffer(values, np.uint32).astype(np.uint64)))

    @classmethod
    @contextmanager
    def held(
        cls, folder: Path, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[CandidateIndex]:
        """The index in `folder`, held for one run and closed after it: what the run did
        not save is dropped. Two runs at once would each link against what the other had not
        saved yet, and lose its links: a second run waits for the first (told who holds the
        folder through `on_wait`); the OS releases the lock of a process that dies."""
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / LOCK_FILE).open("a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                if on_wait is not None:
                    on_wait(fh.read().strip() or "another process")
                fcntl.flock(fh, fcntl.LOCK_EX)
            fh.truncate(0)
            fh.write(f"pid {os.getpid()} on {socket.gethostname()}\n")
            fh.flush()
            index = cls(folder)
            try:
                yield index
            finally:
                index.close()

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

    def pointing_to(self, page: str) -> list[Entry]:
        """Every indexed entry that points or links to a page."""
        return [self.entry(key) for key in self._store.pointing_to(page)]

    def cluster(self, page: str) -> str | None:
        """The story cluster a page was put in, if any."""
        return self._store.cluster(page)

    def set_cluster(self, page: str, cluster: str) -> None:
        self._store.set_cluster(page, cluster)

    def pages(self, cluster: str) -> list[str]:
        """Every page put in a story cluster."""
        return self._store.pages(cluster)

    def findings(self, key: str) -> Findings:
        """What linking found about an entry so far."""
        found = Findings()
        for kind, about, data in self._store.notes(key):
            getattr(found, kind)[about] = pickle.loads(data)
        return found

    def note(self, key: str, kind: NoteKind, about: str, value: object | None) -> None:
        """Keep (or with None, drop) one finding about an entry: `Findings.<kind>[about]`."""
        self._store.note(key, kind, about, None if value is None else _dumps(value))

    def set_record(self, key: str, record: Provenance) -> None:
        """Keep the record last decided for an entry."""
        self._store.set_record(key, _dumps(record))

    def records(self) -> list[Provenance]:
        """The latest record of every indexed entry, by URL and capture time."""
        records: list[Provenance] = [pickle.loads(data) for data in self._store.records()]
        return sorted(records, key=lambda r: (r.url, r.fetched_at or ""))

    def chrome(self, entry: Entry) -> frozenset[int]:
        """Hashes of the entry's paragraphs that other pages of its site repeat: site
        chrome the extractor left in (share buttons, newsletter pitches, bylines)."""
        if entry.key not in self._chrome:
            lines = _short_lines(entry)
            repeated = {h for h in lines if self._store.repeated(_line_key(entry, h))}
            self._chrome[entry.key] = frozenset(repeated)
        return self._chrome[entry.key]

    def archives(self) -> set[tuple[str, int]]:
        """The WARC files (name and size) linked by earlier runs."""
        return self._store.archives()

    def add_archive(self, name: str, size: int) -> None:
        self._store.add_archive(name, size)

    def save(self) -> None:
        """Commit this run's additions (Redis has them already)."""
        self._store.commit()

    def close(self) -> None:
        """Let go of the file or Redis connection; what was not saved is dropped."""
        self._store.close()
