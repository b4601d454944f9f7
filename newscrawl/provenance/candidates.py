"""What the linker remembers between runs: entries with the LSH bands of their MinHash
signatures, what linking found about each entry and the record it decided, story clusters,
site chrome, and the archives already read.

A new run adds its articles and finds copies or originals among everything indexed before,
without re-reading the WARCs those came from. Two searches propose, the linker verifies: the
MinHash LSH finds texts similar as a whole (copies, spun copies, long excerpts); landmarks,
the exact 5-grams whose hash is a multiple of 16, find texts that share a passage however
much else either holds (a lede excerpt, a re-report quoting two paragraphs), which the
Jaccard similarity the LSH estimates hides. A landmark found in more than 50 texts is a
stock phrase or chrome, and proposes nothing.

Both searches are look-ups in postings kept with the entries (`postings.py`): the LSH is
the postings of bands (two signature values each, 64 an entry: texts sharing a band are
proposed), so a run reads the bands of its own articles and what they meet, never the whole
index, and its cost grows with the run, not with the corpus. Entries are read on demand and
only the recently used stay in memory (`ENTRY_CACHE`).

In a folder, the index is one SQLite file, written in one transaction a run commits on
`save()` (a run that fails or does not save leaves the file as it was), and the postings'
run files that transaction lists; one run at a time holds the folder
(`CandidateIndex.held`). The file also lists the archive files already
linked (name and size), the cluster id of every page a story was seen on, the paragraphs
of each site with the pages holding them (a short one on two pages of a site is its chrome;
the export drops those that pages of other texts repeat), the pages each
entry points or links to, each entry's findings (the copies it makes, pairs whose direction
is undecided, pointers) and its latest record.
An entry is stored with its text compressed (what the word alignment of a verified pair
needs) and its fingerprint's arrays: these take three times the room of the compressed text,
but tokenizing and hashing the text again cost several times reading them back. The file
carries its schema version (`PRAGMA user_version`): an index of schema 3 (entries without
fingerprints) is read, its fingerprints derived again as entries are read, and upgraded by
the next save, as is one of schema 4 (band and landmark rows in SQLite tables); another
version is refused, with the folder to delete. Without a folder the tables live in memory.
In Redis (one set per band, landmark and page), every process of a distributed crawl
links against the same originals. Every process must then run the same newscrawl version:
the signatures' hash scheme is ours, and the band keys would no longer match after a change.
Nothing is pickled, in the file or in Redis: entries, findings and records are JSON, and
fingerprints uint32 arrays after their sizes, read back field by field, so an index folder
or a Redis from elsewhere can hold wrong links, not code.
The tables and keys are in `stores.py`, what an entry holds in `entries.py`.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import numpy as np
import redis

from newscrawl.locks import folder_lock
from newscrawl.provenance.decisions import (
    Findings,
    dump_note,
    dump_record,
    load_note,
    load_record,
)
from newscrawl.provenance.entries import DamagedIndex, Stored, landmarks, stored
from newscrawl.provenance.hosts import HostRole, is_marked
from newscrawl.provenance.register import registered_domain
from newscrawl.provenance.stores import (
    RedisStore,
    SQLiteStore,
    StaleIndex,
    Store,
    line_key,
    short_lines,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from pathlib import Path

    import numpy.typing as npt

    from newscrawl.provenance.decisions import CopyOf, Evidence, Pointer, Provenance
    from newscrawl.provenance.entries import Entry
    from newscrawl.provenance.fingerprint import Fingerprint
    from newscrawl.provenance.hosts import HostFact

NUM_PERM = 128
# 64 bands of 2 values: texts whose Jaccard similarity is about 0.1 or more share a band (the
# banding datasketch picks for that threshold). Low on purpose: an excerpt or a spun copy has
# a low Jaccard similarity with its original.
BANDS, ROWS = 64, 2
ENTRY_CACHE = 20_000  # entries (~20 KiB each) kept in memory, the most recently used
SEARCH_BATCH = 1_000  # entries added and not yet searched, whose searches run as one
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
K = TypeVar("K")
NoteKind = Literal["copies", "undecided", "unconfirmed", "uncrawled"]


def signature(fingerprint: Fingerprint) -> npt.NDArray[np.uint64]:
    """MinHash signature over exact and skeleton shingles together."""
    values = np.concatenate([fingerprint.exact, fingerprint.robust ^ _ROBUST_TAG])
    # One row per permutation: each row's minimum runs along contiguous memory (twice as
    # fast as down a column).
    hashed = np.multiply(_MULTIPLIERS[:, None], values.astype(np.uint64))
    hashed += _OFFSETS[:, None]
    # The top 32 bits of the smallest product are the smallest top 32 bits: one shift.
    return hashed.min(axis=1) >> np.uint64(32)


def bands(fingerprint: Fingerprint) -> npt.NDArray[np.int64]:
    """The value of each LSH band of the text's signature (none for a text too short to have
    shingles): a band's two 32-bit values as one signed 64-bit integer."""
    if not fingerprint.exact.size:
        return np.empty(0, np.int64)
    rows = signature(fingerprint).reshape(BANDS, ROWS)
    return (rows[:, 0] << np.uint64(32) | rows[:, 1]).view(np.int64)


class _Recent(Generic[K, T]):
    """A mapping that keeps only the `size` most recently used items."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[K, T] = OrderedDict()

    def get(self, key: K) -> T | None:
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key: K, value: T) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.size:
            self.items.popitem(last=False)


def _read(load: Callable[..., T], *args: Any) -> T:
    """Something read back from the store, or DamagedIndex naming what to do."""
    try:
        return load(*args)
    except (ValueError, KeyError, TypeError) as error:
        raise DamagedIndex(
            f"the provenance index holds data newscrawl did not write ({error}): delete its"
            " folder (or Redis keys) to rebuild it"
        ) from None


class CandidateIndex:
    """Entries and an LSH over their fingerprints, with what linking found about them: in
    memory, in `folder` (kept between runs: open it with `held` for a run), or in Redis at
    `redis_url` under `name` (the same name in every process)."""

    def __init__(
        self, folder: Path | None = None, *, redis_url: str | None = None, name: str = "newscrawl"
    ) -> None:
        self._cache: _Recent[str, Entry] = _Recent(ENTRY_CACHE)
        self._chrome: _Recent[str, frozenset[int]] = _Recent(ENTRY_CACHE)
        self._bands: _Recent[str, npt.NDArray[np.int64]] = _Recent(ENTRY_CACHE)
        self._paragraphs: _Recent[int, dict[int, int]] = _Recent(ENTRY_CACHE)
        self._hosts: dict[str, HostRole] = {}
        # Entries added since the last search, in order; what a batch search found for the
        # entries not asked for yet (dropped at the next add, which may be a candidate).
        self._unsearched: OrderedDict[str, None] = OrderedDict()
        self._proposed: dict[str, set[str]] = {}
        self._store: Store
        if redis_url:
            self._store = RedisStore(redis.Redis.from_url(redis_url), f"newscrawl:{name}")
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

    def add(
        self,
        entry: Entry,
        its_bands: npt.NDArray[np.int64] | None = None,
        data: Stored | None = None,
    ) -> bool:
        """Index an entry (with its `bands` and stored form, when they were made already);
        False for a capture already indexed (here or by another process), which is kept as
        it was."""
        if self._cache.get(entry.key) is None:
            self._cache.put(entry.key, entry)
        if its_bands is not None:
            self._bands.put(entry.key, its_bands)
        if not self._store.put(entry, self._bands_of(entry), data or stored(entry)):
            return False
        self._proposed.clear()
        self._unsearched[entry.key] = None
        if len(self._unsearched) > ENTRY_CACHE:
            self._unsearched.popitem(last=False)
        self._learn_host(entry)
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
        if entry.key not in self._proposed:
            self._search(entry)
        keys = self._proposed.pop(entry.key)
        return [self.entry(k) for k in sorted(keys) if k != entry.key]

    def _search(self, entry: Entry) -> None:
        """Search for `entry`'s candidates, and for those of up to `SEARCH_BATCH` entries
        added since, which the linker asks for next: one batch of look-ups in the store."""
        self._unsearched.pop(entry.key, None)
        batch = [entry]
        while self._unsearched and len(batch) < SEARCH_BATCH:
            key, _ = self._unsearched.popitem(last=False)
            found = self._cache.get(key)
            if found is not None and found.fingerprint.exact.size:
                batch.append(found)
        similar = _read(self._store.similar, [self._bands_of(e) for e in batch])
        sharing = _read(self._store.sharing, [landmarks(e.fingerprint) for e in batch])
        for one, by_bands, by_marks in zip(batch, similar, sharing, strict=True):
            self._proposed[one.key] = by_bands | by_marks

    def _bands_of(self, entry: Entry) -> npt.NDArray[np.int64]:
        """The value of each band of an entry, computed once for its add and search."""
        found = self._bands.get(entry.key)
        if found is None:
            found = bands(entry.fingerprint)
            self._bands.put(entry.key, found)
        return found

    def entry(self, key: str) -> Entry:
        """An entry, read from the store unless this process used it recently."""
        found = self._cache.get(key)
        if found is None:
            found = self._store.get(key)
            self._cache.put(key, found)
        return found

    def captures(self, page: str) -> list[Entry]:
        """Every indexed capture of a page."""
        return [self.entry(key) for key in self._store.keys_of_page(page)]

    def pointing_to(self, page: str) -> list[str]:
        """The keys of every indexed entry that points or links to a page."""
        return self._store.pointing_to(page)

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
        found = self._chrome.get(entry.key)
        if found is None:
            lines = short_lines(entry)
            found = frozenset(
                h for h in lines if self._store.pages_with(line_key(entry.domain, h)) >= 2
            )
            self._chrome.put(entry.key, found)
        return found

    def line_pages(self, url: str, lines: Iterable[int]) -> dict[int, list[int]]:
        """The pages of the site of `url` (as `stores.page_id` of their URLs) holding each of these
        paragraphs (their `fingerprint.paragraphs` hashes), up to `stores.LINE_PAGES`."""
        domain = registered_domain(url)
        return {line: self._store.pages_holding(line_key(domain, line)) for line in lines}

    def page_paragraphs(self, page: int) -> dict[int, int] | None:
        """The paragraphs (hash and words) of the captures of a page of `line_pages`, or None
        for a page an index of before did not name."""
        found = self._paragraphs.get(page)
        if found is None:
            name = self._store.page_named(page)
            if name is None:
                return None
            found = {}
            for capture in self.captures(name):
                found.update(capture.fingerprint.lines)
            self._paragraphs.put(page, found)
        return found

    def archives(self) -> set[tuple[str, int]]:
        """The WARC files (name and size) linked by earlier runs."""
        return self._store.archives()

    def add_archive(self, name: str, size: int) -> None:
        self._store.add_archive(name, size)

    def add_redirects(self, redirects: Mapping[str, str]) -> None:
        """Keep where archived 3xx responses lead (page -> absolute Location)."""
        self._store.add_redirects(redirects)

    def redirect(self, page: str) -> str | None:
        return self._store.redirect(page)

    def has_redirects(self) -> bool:
        return self._store.has_redirects()

    def save(self) -> None:
        """Commit this run's additions (Redis has them already)."""
        self._store.commit()

    def close(self) -> None:
        """Let go of the file or Redis connection; what was not saved is dropped."""
        self._store.close()
