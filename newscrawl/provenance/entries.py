"""An indexed article capture as the linker and the index stores know it."""

from __future__ import annotations

import dataclasses
import pickle
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from w3lib.url import canonicalize_url

from newscrawl.provenance.fingerprint import Fingerprint

if TYPE_CHECKING:
    from newscrawl.provenance.records import Evidence, Source

CHROME_WORDS = 40  # a longer paragraph is story text even if a site repeats it
LANDMARK_EVERY = 16  # one exact 5-gram in 16 is a landmark: ~25 a text, ~3 in a 40-gram passage


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


def dump_entry(entry: Entry) -> bytes:
    """An entry as stored: its text compressed, its fingerprint left out."""
    fields = {f.name: getattr(entry, f.name) for f in dataclasses.fields(Entry)}
    del fields["fingerprint"]
    fields["body"] = zlib.compress(entry.body.encode())
    return pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)


def load_entry(data: bytes) -> Entry:
    fields = pickle.loads(data)
    body = zlib.decompress(fields["body"]).decode()
    return Entry(**{**fields, "body": body, "fingerprint": Fingerprint.of(body)})


def landmarks(fingerprint: Fingerprint) -> list[int]:
    """The exact shingles two texts sharing a passage most likely both hold."""
    exact = fingerprint.exact
    return exact[exact % LANDMARK_EVERY == 0].tolist()
