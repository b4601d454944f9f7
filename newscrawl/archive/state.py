"""CrawlState: what a collection already holds, so that a new run stores nothing twice.

One SQLite file per collection (`<archive folder>/crawl-state.sqlite3`), kept across runs:
per URL, the validators the server sent (ETag, Last-Modified) and the response record that
holds its payload; per payload digest, the first record that stored it. The WARC writer
process is its only writer (it knows the digests and record ids); the crawl only reads
validators from it, read-only, to make conditional requests. WAL lets both run at once.
Only plain columns are stored: nothing read back from it is ever unpickled.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

STATE_FILE = "crawl-state.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    http_headers BLOB NOT NULL,
    payload_digest TEXT NOT NULL,
    target_uri TEXT NOT NULL,
    warc_date TEXT NOT NULL,
    record_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payloads (
    payload_digest TEXT PRIMARY KEY,
    target_uri TEXT NOT NULL,
    warc_date TEXT NOT NULL,
    record_id TEXT NOT NULL
);
"""


class StateError(ValueError):
    """A crawl state file that is not one (corrupt, empty, another database)."""


@dataclass(frozen=True)
class Stored:
    """A response record already archived: what a revisit record refers to."""

    target_uri: str
    warc_date: str
    record_id: str
    payload_digest: str


@dataclass(frozen=True)
class Known:
    """What the collection knows of a URL: its validators, headers and stored payload."""

    etag: str | None
    last_modified: str | None
    http_headers: bytes
    stored: Stored


class CrawlState:
    """The collection's SQLite state; `counts` tallies what this run's writes were."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self.counts: Counter[str] = Counter()

    @classmethod
    def open(cls, path: Path) -> CrawlState:
        """Open (create) the state for writing: only ever from the WARC writer process."""
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        return cls(db)

    @classmethod
    def open_readonly(cls, path: Path) -> CrawlState | None:
        """The state of earlier runs for reading, or None if there were none."""
        if not path.exists():
            return None
        return cls(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30))

    @staticmethod
    def check(path: Path) -> None:
        """Raise `StateError` if `path` holds something other than a crawl state: a run
        would otherwise fail on every request it asks the state about."""
        if not path.exists():
            return
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
            try:
                rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                tables = {name for (name,) in rows}
            finally:
                db.close()
        except sqlite3.Error as exc:
            tables, problem = set(), str(exc)
        else:
            problem = "it has no urls and payloads tables" if tables else "it is empty"
        if not {"urls", "payloads"} <= tables:
            raise StateError(
                f"{path} is not a crawl state ({problem}): move it away to crawl afresh"
            )

    def known(self, url: str) -> Known | None:
        """What an earlier response to `url` left, if any."""
        row = self._db.execute(
            "SELECT etag, last_modified, http_headers, target_uri, warc_date, record_id,"
            " payload_digest FROM urls WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        return Known(row[0], row[1], row[2], Stored(*row[3:]))

    def stored(self, payload_digest: str) -> Stored | None:
        """The first record that stored this payload, at whatever URL."""
        row = self._db.execute(
            "SELECT target_uri, warc_date, record_id, payload_digest FROM payloads"
            " WHERE payload_digest = ?",
            (payload_digest,),
        ).fetchone()
        return Stored(*row) if row else None

    def remember(self, url: str, known: Known) -> None:
        """Record what `url` answered and where its payload is (first store of a digest wins)."""
        stored = known.stored
        self._db.execute(
            "INSERT OR REPLACE INTO urls VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                url,
                known.etag,
                known.last_modified,
                known.http_headers,
                stored.payload_digest,
                stored.target_uri,
                stored.warc_date,
                stored.record_id,
            ),
        )
        self._db.execute(
            "INSERT OR IGNORE INTO payloads VALUES (?, ?, ?, ?)",
            (stored.payload_digest, stored.target_uri, stored.warc_date, stored.record_id),
        )

    def commit(self) -> None:
        """Make what was remembered durable: called once its records are on disk."""
        self._db.commit()

    def close(self) -> None:
        """Close the connection; anything not committed is dropped."""
        self._db.close()
