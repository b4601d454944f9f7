"""Where the provenance index keeps what it knows: tables in a SQLite file (or in memory)
with the band and landmark postings beside it (`postings.py`), or hashes and sets in Redis
shared by a distributed crawl's processes. Every search is a look-up by key (LSH band,
landmark, page), so nothing is loaded whole at start."""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from newscrawl.provenance.entries import (
    CHROME_WORDS,
    Entry,
    StaleIndex,
    Stored,
    dump_fingerprint,
    landmarks,
    load_entry,
)
from newscrawl.provenance.hosts import HOST_FACTS
from newscrawl.provenance.postings import (
    Postings,
    checked_folder,
    drop_unlisted,
    rows,
    sorted_run,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

    import numpy.typing as npt
    import redis

    Values = npt.NDArray[np.integer[Any]]

# PRAGMA user_version of the file (0: the first; 1: pickled entries; 2: MinHash signatures
# read back at start to rebuild the LSH in memory; 3: entries without their fingerprints;
# 4: band and landmark rows in SQLite tables)
SCHEMA_VERSION = 5
# An index of these versions is read, and upgraded when the run that opened it saves: its
# band and landmark tables become postings (schema 3's entries' fingerprints are derived
# from their text again when read, and then kept).
UPGRADED = {3, 4}
LANDMARK_POSTINGS = 50  # a landmark in more texts than this proposes none of them
CACHE_KIB = 512 << 10  # SQLite's page cache: what a run of 10,000 articles changes
POSTINGS = "postings"  # the folder of the postings' run files, beside the SQLite file
UPGRADE_CHUNK = 1 << 20  # band or landmark rows of an old index read at a time
RUNS_OF = "SELECT name FROM runs WHERE kind = ?"
LINE_PAGES = 16  # the pages of a site holding one of its paragraphs, listed up to this many
# Adds a page to the pages of one site's paragraph in one step (a shared crawl's processes
# add at once): the hash field holds its distinct pages, comma-joined, up to LINE_PAGES,
# then "+" for more; "repeated" (written before pages were kept) stands for two unknown.
_ADD_PAGE = """
local held = redis.call('HGET', KEYS[1], ARGV[1])
if not held then return redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
if held == 'repeated' or string.sub(held, -1) == '+' then return 0 end
local count = 0
for page in string.gmatch(held, '[^,]+') do
  if page == ARGV[2] then return 0 end
  count = count + 1
end
if count >= tonumber(ARGV[3]) then held = held .. ',+' else held = held .. ',' .. ARGV[2] end
return redis.call('HSET', KEYS[1], ARGV[1], held)
"""


class Store(Protocol):
    """Where entries, findings, records, clusters, chrome and read archives are kept."""

    def put(self, entry: Entry, bands: Values, data: Stored) -> bool: ...
    def get(self, key: str) -> Entry: ...
    def similar(self, wanted: list[Values]) -> list[set[str]]: ...
    def sharing(self, wanted: list[Values]) -> list[set[str]]: ...
    def keys_of_page(self, page: str) -> list[str]: ...
    def pointing_to(self, page: str) -> list[str]: ...
    def cluster(self, page: str) -> str | None: ...
    def set_cluster(self, page: str, cluster: str) -> None: ...
    def pages(self, cluster: str) -> list[str]: ...
    def notes(self, key: str) -> list[tuple[str, str, bytes]]: ...
    def note(self, key: str, kind: str, about: str, data: bytes | None) -> None: ...
    def set_record(self, key: str, data: bytes) -> None: ...
    def records(self) -> Iterator[bytes]: ...
    def pages_with(self, line: int) -> int: ...
    def pages_holding(self, line: int) -> list[int]: ...
    def page_named(self, page: int) -> str | None: ...
    def archives(self) -> set[tuple[str, int]]: ...
    def add_archive(self, name: str, size: int) -> None: ...
    def add_fact(self, domain: str, fact: str, about: str) -> None: ...
    def facts(self, domain: str) -> dict[str, int]: ...
    def add_redirects(self, redirects: Mapping[str, str]) -> None: ...
    def redirect(self, page: str) -> str | None: ...
    def has_redirects(self) -> bool: ...
    def commit(self) -> None: ...
    def close(self) -> None: ...
    def __len__(self) -> int: ...


def line_key(domain: str, line: int) -> int:
    """One paragraph of one site, as a signed 64-bit integer."""
    return (zlib.crc32(domain.encode()) & 0x7FFFFFFF) << 32 | line


def page_id(page: str) -> int:
    """A page of `lines` (its URL), as an unsigned 32-bit integer."""
    return zlib.crc32(page.encode())


def short_lines(entry: Entry) -> set[int]:
    return {h for h, n in entry.fingerprint.lines if n <= CHROME_WORDS}


_TABLES = {
    "entries": "(key TEXT PRIMARY KEY, id INTEGER, page TEXT, entry BLOB, fingerprint BLOB)",
    "runs": "(name TEXT PRIMARY KEY, kind TEXT)",  # a file of postings (`postings.py`)
    "lines": "(key INTEGER, page INTEGER, PRIMARY KEY (key, page))",  # a site's paragraph, page
    "page_names": "(page INTEGER PRIMARY KEY, name TEXT)",  # the URL of each page of `lines`
    "pointers": "(page TEXT, key TEXT, PRIMARY KEY (page, key))",  # a page the entry points to
    "clusters": "(page TEXT PRIMARY KEY, cluster TEXT)",
    "notes": "(key TEXT, kind TEXT, about TEXT, note BLOB, PRIMARY KEY (key, kind, about))",
    "records": "(key TEXT PRIMARY KEY, record BLOB)",
    "archives": "(name TEXT, size INTEGER, PRIMARY KEY (name, size))",
    "hosts": "(domain TEXT, fact TEXT, about TEXT, PRIMARY KEY (domain, fact, about))",
    # How many of each fact a host has: read when a story is decided, without counting
    # the rows of `hosts`, which grow with the host's pages.
    "host_counts": "(domain TEXT, fact TEXT, n INTEGER, PRIMARY KEY (domain, fact))",
    "redirects": "(page TEXT PRIMARY KEY, location TEXT)",  # a 3xx response an archive holds
}
_INDEXES = [("entries", "page"), ("entries", "id"), ("clusters", "cluster")]


def _entry_id(key: str) -> int:
    """A short stable id for an entry key, as a signed 64-bit integer."""
    return int.from_bytes(hashlib.sha1(key.encode()).digest()[:8], "big", signed=True)


class SQLiteStore:
    """Tables in a SQLite file (or in memory), changed in one transaction that `commit`
    ends: a run that does not commit leaves the file as it was."""

    def __init__(self, path: Path | None) -> None:
        self.db = sqlite3.connect(":memory:" if path is None else path, isolation_level=None)
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        (tables,) = self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        if path is not None and tables and version not in {SCHEMA_VERSION, *UPGRADED}:
            self.db.close()
            raise StaleIndex(
                f"{path.parent} holds a provenance index of another newscrawl version (schema "
                f"{version}, this one reads {SCHEMA_VERSION}): delete that folder to rebuild "
                "the index (the next run reads every archive again)"
            )
        self.db.execute("BEGIN")
        if tables and version == 3:  # committed with the run, as all the upgrade changes
            self.db.execute("ALTER TABLE entries ADD COLUMN fingerprint BLOB")
        for table, columns in _TABLES.items():
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {table} {columns}")
        for table, column in _INDEXES:
            self.db.execute(f"CREATE INDEX IF NOT EXISTS {table}_{column} ON {table} ({column})")
        if tables and not self._one("SELECT 1 FROM page_names LIMIT 1"):
            self._name_pages()
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        # The ids a batch of searches found, turned into keys (`_keys`), in memory only.
        self.db.execute("PRAGMA temp_store = MEMORY")
        self.db.execute("CREATE TEMP TABLE found (id INTEGER)")
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        try:
            self._open_postings(path, upgrade=bool(tables) and version in UPGRADED)
        except BaseException:
            self.db.close()  # the transaction rolled back, the file free for the rebuild
            raise
        # Bands and landmarks of the entries put since the last search (and their ids),
        # added at the next search or commit.
        self._bands: list[Values] = []
        self._marks: list[Values] = []
        self._ids: list[int] = []

    def _name_pages(self) -> None:
        """Name the pages of `lines` in an index saved before `page_names` (committed with the
        run, as the upgrades)."""
        self.db.create_function("page_id", 1, page_id)
        self.db.execute("INSERT OR IGNORE INTO page_names SELECT page_id(page), page FROM entries")

    def _open_postings(self, path: Path | None, *, upgrade: bool) -> None:
        """The listed runs of postings (in the folder beside the file), unlisted ones
        deleted; those of an index of an older schema made from its tables."""
        runs = None if path is None else checked_folder(path.parent / POSTINGS)
        self._postings = {
            kind: Postings(kind, runs, self._column(RUNS_OF, kind)) for kind in ("bands", "marks")
        }
        if runs is not None:
            drop_unlisted(runs, set(self._column("SELECT name FROM runs")))
        if upgrade:
            self._upgrade()

    def _upgrade(self) -> None:
        """Postings of an index of schema 3 or 4 out of its band and landmark tables, and the
        counts of its hosts' facts."""
        for kind, table, query in (
            ("bands", "bands", "SELECT value, id, band FROM bands"),
            ("marks", "landmarks", "SELECT hash, id, 0 FROM landmarks"),
        ):
            cursor = self.db.execute(query)
            while chunk := cursor.fetchmany(UPGRADE_CHUNK):
                self._postings[kind].add(sorted_run(np.array(chunk, np.int64).T))
            self.db.execute(f"DROP TABLE {table}")
        count = "INSERT INTO host_counts SELECT domain, fact, COUNT(*) FROM hosts GROUP BY 1, 2"
        self.db.execute(count)

    def _one(self, query: str, *args: object) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.db.execute(query, args).fetchone()
        return row

    def _column(self, query: str, *args: object) -> list[Any]:
        return [value for (value,) in self.db.execute(query, args)]

    def put(self, entry: Entry, bands: Values, data: Stored) -> bool:
        # Its paragraphs even when known: an index written before every paragraph was kept
        # (not only the short ones) has them from the first run that meets the entry again.
        page = page_id(entry.page)
        lines = [(line_key(entry.domain, line), page) for line, _ in entry.fingerprint.lines]
        self.db.executemany("INSERT OR IGNORE INTO lines VALUES (?, ?)", lines)
        self.db.execute("INSERT OR IGNORE INTO page_names VALUES (?, ?)", (page, entry.page))
        if self._one("SELECT 1 FROM entries WHERE key = ?", entry.key):
            return False
        entry_id = _entry_id(entry.key)
        row = (entry.key, entry_id, entry.page, data.entry, data.fingerprint)
        self.db.execute("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", row)
        self._bands.append(bands)
        self._marks.append(landmarks(entry.fingerprint))
        self._ids.append(entry_id)
        pointers = [(pointed, entry.key) for pointed in entry.pointed]
        self.db.executemany("INSERT OR IGNORE INTO pointers VALUES (?, ?)", pointers)
        return True

    def get(self, key: str) -> Entry:
        row = self._one("SELECT entry, fingerprint FROM entries WHERE key = ?", key)
        if row is None:
            raise KeyError(key)
        entry = load_entry(*row)
        if row[1] is None:  # put by schema 3: kept from now on
            query = "UPDATE entries SET fingerprint = ? WHERE key = ?"
            self.db.execute(query, (dump_fingerprint(entry.fingerprint), key))
        return entry

    def _flush(self) -> None:
        """Add the pending band and landmark rows to the postings."""
        if not self._ids:
            return
        self._postings["bands"].add(rows(self._bands, self._ids, tagged=True))
        self._postings["marks"].add(rows(self._marks, self._ids, tagged=False))
        self._bands, self._marks, self._ids = [], [], []

    def similar(self, wanted: list[Values]) -> list[set[str]]:
        searched = rows(wanted, range(len(wanted)), tagged=True)
        return self._search("bands", searched, None, len(wanted))

    def sharing(self, wanted: list[Values]) -> list[set[str]]:
        searched = rows(wanted, range(len(wanted)), tagged=False)
        return self._search("marks", searched, LANDMARK_POSTINGS, len(wanted))

    def _search(self, kind: str, wanted: Values, most: int | None, n: int) -> list[set[str]]:
        """The keys of the entries each of `n` searches finds in the postings of `kind`."""
        self._flush()
        numbers, ids = self._postings[kind].find(wanted, most)
        keys = self._keys(ids)
        found: list[set[str]] = [set() for _ in range(n)]
        for number, entry_id in zip(numbers.tolist(), ids.tolist(), strict=True):
            found[number].add(keys[entry_id])
        return found

    def _keys(self, ids: Values) -> dict[int, str]:
        """The key of each entry id."""
        distinct = ((i,) for i in np.unique(ids).tolist())
        self.db.executemany("INSERT INTO found VALUES (?)", distinct)
        query = "SELECT f.id, e.key FROM found f CROSS JOIN entries e ON e.id = f.id"
        keys = dict(self.db.execute(query).fetchall())
        self.db.execute("DELETE FROM found")
        return keys

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

    def pages_with(self, line: int) -> int:
        """How many pages hold a site's paragraph (`line_key`), up to LINE_PAGES."""
        return len(self.pages_holding(line))

    def pages_holding(self, line: int) -> list[int]:
        """The pages (`page_id` of their URLs) holding a site's paragraph, up to LINE_PAGES."""
        return self._column("SELECT page FROM lines WHERE key = ? LIMIT ?", line, LINE_PAGES)

    def page_named(self, page: int) -> str | None:
        """The URL of a page of `pages_holding` (None if put by an index of before)."""
        row = self._one("SELECT name FROM page_names WHERE page = ?", page)
        return str(row[0]) if row else None

    def archives(self) -> set[tuple[str, int]]:
        return set(self.db.execute("SELECT name, size FROM archives"))

    def add_archive(self, name: str, size: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO archives VALUES (?, ?)", (name, size))

    def add_fact(self, domain: str, fact: str, about: str) -> None:
        added = self.db.execute(
            "INSERT OR IGNORE INTO hosts VALUES (?, ?, ?)", (domain, fact, about)
        )
        if added.rowcount:
            count = "INSERT INTO host_counts VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1"
            self.db.execute(count, (domain, fact))

    def facts(self, domain: str) -> dict[str, int]:
        query = "SELECT fact, n FROM host_counts WHERE domain = ?"
        return dict(self.db.execute(query, (domain,)).fetchall())

    def add_redirects(self, redirects: Mapping[str, str]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO redirects VALUES (?, ?)", redirects.items())

    def redirect(self, page: str) -> str | None:
        row = self._one("SELECT location FROM redirects WHERE page = ?", page)
        return str(row[0]) if row else None

    def has_redirects(self) -> bool:
        return self._one("SELECT 1 FROM redirects LIMIT 1") is not None

    def commit(self) -> None:
        """Save the run's postings as files, then commit the transaction that lists them;
        the files it no longer lists are deleted after. If anything fails, the files it
        wrote are deleted and their listing rolled back: the postings stay as they were,
        and a commit tried again writes every row again."""
        self._flush()
        saving = [p for p in self._postings.values() if p.folder is not None]
        dropped: list[tuple[Postings, list[str]]] = []
        self.db.execute("SAVEPOINT listing")
        try:
            for postings in saving:
                written, unlisted = postings.save()
                listed = ((name, postings.kind) for name in written)
                self.db.executemany("INSERT INTO runs VALUES (?, ?)", listed)
                self.db.executemany("DELETE FROM runs WHERE name = ?", ((n,) for n in unlisted))
                dropped.append((postings, unlisted))
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK TO listing")
                self.db.execute("RELEASE listing")
            for postings in saving:
                postings.unsave()
            raise
        self.db.execute("BEGIN")
        for postings, unlisted in dropped:
            postings.saved()
            postings.forget(unlisted)

    def close(self) -> None:
        self.db.close()  # what was not committed is rolled back
        self._postings.clear()  # their memory maps unmapped now, not when collected

    def __len__(self) -> int:
        row = self._one("SELECT COUNT(*) FROM entries")
        return int(row[0]) if row else 0


class RedisStore:
    """Hashes and sets in Redis, shared by every process using the same index name; each
    write is visible to the others at once (the LSH lives in Redis too)."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.prefix = prefix
        self._add_page = client.register_script(_ADD_PAGE)
        stored = client.get(self._key("version"))
        if stored is None and client.exists(self._key("entries")):
            stored = b"0"  # the first Redis index had no version
        if stored is None or int(stored) in UPGRADED:  # Redis has no save: upgraded at once
            client.set(self._key("version"), SCHEMA_VERSION)
        elif int(stored) != SCHEMA_VERSION:
            raise StaleIndex(
                f"the Redis index {prefix} is of another newscrawl version (schema "
                f"{int(stored)}, this one reads {SCHEMA_VERSION}): delete its keys "
                f"({prefix}:provenance-*) to rebuild it"
            )
        if not client.exists(self._key("page-names")) and client.exists(self._key("entries")):
            self._name_pages()

    def _name_pages(self) -> None:
        """Name the pages of `lines` in an index written before `page-names`, from the sets
        of each page's entries."""
        pages = self._key("page:").encode()
        naming = self.client.pipeline(transaction=False)
        for key in self.client.scan_iter(match=pages + b"*", count=1000):
            page = key[len(pages) :].decode()
            naming.hsetnx(self._key("page-names"), page_id(page), page)
        naming.execute()

    def _key(self, what: str) -> str:
        return f"{self.prefix}:provenance-{what}"

    def put(self, entry: Entry, bands: Values, data: Stored) -> bool:
        page = page_id(entry.page)
        adding = self.client.pipeline(transaction=False)
        for line, _ in entry.fingerprint.lines:  # as the file's: even when known
            self._add_page(
                [self._key("lines")], [line_key(entry.domain, line), page, LINE_PAGES], adding
            )
        adding.hsetnx(self._key("page-names"), page, entry.page)
        adding.execute()
        if not self.client.hsetnx(self._key("entries"), entry.key, data.entry):
            return False
        self.client.hset(self._key("fingerprints"), entry.key, data.fingerprint)
        self.client.sadd(self._key(f"page:{entry.page}"), entry.key)
        adding = self.client.pipeline(transaction=False)
        for band, value in enumerate(bands.tolist()):
            adding.sadd(self._key(f"band:{band}:{value}"), entry.key)
        adding.execute()
        for mark in landmarks(entry.fingerprint).tolist():
            self.client.sadd(self._key(f"landmark:{mark}"), entry.key)
        for pointed in entry.pointed:
            self.client.sadd(self._key(f"pointing:{pointed}"), entry.key)
        return True

    def get(self, key: str) -> Entry:
        reading = self.client.pipeline(transaction=False)
        reading.hget(self._key("entries"), key)
        reading.hget(self._key("fingerprints"), key)
        data, fingerprint = reading.execute()
        if data is None:
            raise KeyError(key)
        return load_entry(data, fingerprint)  # an entry put by schema 3 has no fingerprint

    def similar(self, wanted: list[Values]) -> list[set[str]]:
        members = self.client.pipeline(transaction=False)
        for bands in wanted:
            for band, value in enumerate(bands.tolist()):
                members.smembers(self._key(f"band:{band}:{value}"))
        return self._gather(wanted, members.execute())

    def sharing(self, wanted: list[Values]) -> list[set[str]]:
        sizes = self.client.pipeline()
        for marks in wanted:
            for mark in marks.tolist():
                sizes.scard(self._key(f"landmark:{mark}"))
        counted = iter(sizes.execute())
        kept = [
            [m for m in marks.tolist() if next(counted) <= LANDMARK_POSTINGS] for marks in wanted
        ]
        members = self.client.pipeline()
        for marks in kept:
            for mark in marks:
                members.smembers(self._key(f"landmark:{mark}"))
        return self._gather(kept, members.execute())

    @staticmethod
    def _gather(wanted: list[Any], replies: list[set[bytes]]) -> list[set[str]]:
        """The members found for each search, from the replies to all of them in order."""
        given = iter(replies)
        return [{k.decode() for _ in asked for k in next(given)} for asked in wanted]

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

    def pages_with(self, line: int) -> int:
        held = self.client.hget(self._key("lines"), line)
        return 2 if held == b"repeated" else len(self._pages(held))

    def pages_holding(self, line: int) -> list[int]:
        return self._pages(self.client.hget(self._key("lines"), line))

    def page_named(self, page: int) -> str | None:
        name = self.client.hget(self._key("page-names"), page)
        return None if name is None else name.decode()

    @staticmethod
    def _pages(held: bytes | None) -> list[int]:
        """The pages listed in a paragraph's field (see `_ADD_PAGE`)."""
        return [int(p) for p in (held or b"").split(b",") if p.isdigit()][:LINE_PAGES]

    def archives(self) -> set[tuple[str, int]]:
        named = (m.decode().rsplit("\t", 1) for m in self.client.smembers(self._key("archives")))
        return {(name, int(size)) for name, size in named}

    def add_archive(self, name: str, size: int) -> None:
        self.client.sadd(self._key("archives"), f"{name}\t{size}")

    def add_fact(self, domain: str, fact: str, about: str) -> None:
        self.client.sadd(self._key(f"host:{domain}:{fact}"), about)

    def facts(self, domain: str) -> dict[str, int]:
        counts = self.client.pipeline()
        for fact in HOST_FACTS:
            counts.scard(self._key(f"host:{domain}:{fact}"))
        return {f: int(n) for f, n in zip(HOST_FACTS, counts.execute(), strict=True) if n}

    def add_redirects(self, redirects: Mapping[str, str]) -> None:
        if redirects:
            self.client.hset(self._key("redirects"), mapping=dict(redirects))

    def redirect(self, page: str) -> str | None:
        found = self.client.hget(self._key("redirects"), page)
        return found.decode() if found else None

    def has_redirects(self) -> bool:
        return bool(self.client.exists(self._key("redirects")))

    def commit(self) -> None:
        """Every write is already in Redis."""

    def close(self) -> None:
        self.client.close()

    def __len__(self) -> int:
        return int(self.client.hlen(self._key("entries")))
