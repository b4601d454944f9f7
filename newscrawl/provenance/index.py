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
Nothing is pickled, in the file or in Redis: entries, findings and records are JSON, read back
field by field, so an index folder or a Redis from elsewhere can hold wrong links, not code.
The tables and keys are in `stores.py`, what an entry holds in `entries.py`.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import numpy as np
import redis
from datasketch import LeanMinHash, MinHashLSH

from newscrawl.locks import folder_lock
from newscrawl.provenance.entries import DamagedIndex, landmarks
from newscrawl.provenance.hosts import HostRole, is_marked
from newscrawl.provenance.outlets import registered_domain
from newscrawl.provenance.records import (
    Findings,
    dump_note,
    dump_record,
    load_note,
    load_record,
)
from newscrawl.provenance.stores import (
    RedisStore,
    SQLiteStore,
    StaleIndex,
    Store,
    client_params,
    line_key,
    short_lines,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    import numpy.typing as npt

    from newscrawl.provenance.entries import Entry
    from newscrawl.provenance.fingerprint import Fingerprint
    from newscrawl.provenance.hosts import HostFact
    from newscrawl.provenance.records import CopyOf, Evidence, Pointer, Provenance

NUM_PERM = 128
# Low on purpose: an excerpt or a spun copy has a low Jaccard similarity with its original.
LSH_THRESHOLD = 0.1
INDEX_FILE = "provenance-index.sqlite"
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
T = TypeVar("T")
NoteKind = Literal["copies", "undecided", "unconfirmed", "uncrawled"]


def signature(fingerprint: Fingerprint) -> npt.NDArray[np.uint64]:
    """MinHash signature over exact and skeleton shingles together."""
    values = np.concatenate([fingerprint.exact, fingerprint.robust ^ _ROBUST_TAG])
    hashed = values.astype(np.uint64)[:, None] * _MULTIPLIERS + _OFFSETS
    return (hashed >> np.uint64(32)).min(axis=0)


def _read(load: Callable[..., T], *args: Any) -> T:
    """Something read back from the store, or DamagedIndex naming what to do."""
    try:
        return load(*args)
    except (ValueError, KeyError, TypeError) as error:
        raise DamagedIndex(
            f"the provenance index holds data newscrawl did not write ({error}): delete its"
            " folder (or Redis keys) to rebuild it"
        ) from None


def _minhash(values: npt.NDArray[np.uint64]) -> LeanMinHash:
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme="legacy")


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
        self._hosts: dict[str, HostRole] = {}
        self._store: Store
        self._bytes_keys = False
        if redis_url:
            prefix = f"newscrawl:{name}"
            self._store = RedisStore(redis.Redis.from_url(redis_url), prefix)
            storage = {
                "type": "redis",
                "basename": f"{prefix}:provenance-lsh".encode(),
                "redis": client_params(redis_url),
            }
            # Keys go to Redis as UTF-8, not pickled (datasketch pickles them by default).
            self.lsh = MinHashLSH(LSH_THRESHOLD, NUM_PERM, storage_config=storage, prepickle=False)
            self._bytes_keys = True
            return
        if folder is not None:
            if (folder / OLD_INDEX_FILE).exists():
                raise StaleIndex(
                    f"{folder} holds a provenance index of an older newscrawl ({OLD_INDEX_FILE}):"
                    " delete that folder to rebuild the index (the next run reads every archive"
                    " again)"
                )
            folder.mkdir(parents=True, exist_ok=True)
        self._store = SQLiteStore(folder / INDEX_FILE if folder else None)
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        with self.lsh.insertion_session() as session:
            for key, values in self._store.signatures():
                stored = np.frombuffer(values, np.uint32).astype(np.uint64)
                session.insert(self._lsh_key(key), _minhash(stored))

    @classmethod
    @contextmanager
    def held(
        cls, folder: Path, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[CandidateIndex]:
        """The index in `folder`, held for one run and closed after it: what the run did
        not save is dropped. Two runs at once would each link against what the other had not
        saved yet, and lose its links: a second run waits for the first (told who holds the
        folder through `on_wait`); the OS releases the lock of a process that dies."""
        with folder_lock(folder / LOCK_FILE, on_wait):
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
            if not self._store.put(entry, None):
                return False
            self._learn_host(entry)
            return True
        values = self._signatures.setdefault(entry.key, signature(entry.fingerprint))
        if not self._store.put(entry, values):
            return False
        self._learn_host(entry)
        self.lsh.insert(self._lsh_key(entry.key), _minhash(values), check_duplication=False)
        return True

    def _learn_host(self, entry: Entry) -> None:
        """What a new capture tells about its host and the hosts it names as its source."""
        self.add_fact(entry.domain, "page", entry.page)
        if is_marked(entry):
            self.add_fact(entry.domain, "marked", entry.page)
        for url in entry.original_urls:
            domain = registered_domain(url)
            if domain != entry.domain:
                self.add_fact(entry.domain, "points-to", domain)
                self.add_fact(domain, "pointed-by", entry.domain)

    def add_fact(self, domain: str, fact: HostFact, about: str) -> None:
        """Keep one fact about a host (`hosts.HostFact`)."""
        self._store.add_fact(domain, fact, about)
        self._hosts.pop(domain, None)

    def host(self, domain: str) -> HostRole:
        """A host's role, from every fact kept about it."""
        if domain not in self._hosts:
            self._hosts[domain] = HostRole(domain, self._store.facts(domain))
        return self._hosts[domain]

    def candidates(self, entry: Entry) -> list[Entry]:
        """Indexed entries whose text may overlap `entry`'s (itself excluded)."""
        if not entry.fingerprint.exact.size:
            return []
        values = self._signatures.get(entry.key)
        similar = self.lsh.query(
            _minhash(signature(entry.fingerprint) if values is None else values)
        )
        similar = [_read(bytes.decode, k) if isinstance(k, bytes) else k for k in similar]
        keys = {*similar, *self._store.sharing(landmarks(entry.fingerprint))}
        return [self.entry(k) for k in sorted(keys) if k != entry.key]

    def _lsh_key(self, key: str) -> str | bytes:
        return key.encode() if self._bytes_keys else key

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
            getattr(found, kind)[about] = _read(load_note, kind, data)
        return found

    def note(
        self, key: str, kind: NoteKind, about: str, value: CopyOf | Evidence | Pointer | None
    ) -> None:
        """Keep (or with None, drop) one finding about an entry: `Findings.<kind>[about]`."""
        self._store.note(key, kind, about, None if value is None else dump_note(value))

    def set_record(self, key: str, record: Provenance) -> None:
        """Keep the record last decided for an entry."""
        self._store.set_record(key, dump_record(record))

    def records(self) -> list[Provenance]:
        """The latest record of every indexed entry, by URL and capture time."""
        records = [_read(load_record, data) for data in self._store.records()]
        return sorted(records, key=lambda r: (r.url, r.fetched_at or ""))

    def chrome(self, entry: Entry) -> frozenset[int]:
        """Hashes of the entry's paragraphs that other pages of its site repeat: site
        chrome the extractor left in (share buttons, newsletter pitches, bylines)."""
        if entry.key not in self._chrome:
            lines = short_lines(entry)
            repeated = {h for h in lines if self._store.repeated(line_key(entry, h))}
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
