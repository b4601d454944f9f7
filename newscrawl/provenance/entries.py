"""An indexed article capture as the linker and the index stores know it."""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

import numpy as np
from isal import isal_zlib
from w3lib.url import canonicalize_url

from newscrawl.provenance.decisions import Evidence, Source
from newscrawl.provenance.fingerprint import Fingerprint, Hashes

if TYPE_CHECKING:
    from collections.abc import Mapping

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
    """A URL compared as a page: canonical form, scheme, trailing slash and campaign
    parameters ignored (a feed's `?utm_source=...` link and the bare URL are one page)."""
    parts = urlsplit(canonicalize_url(url))
    query = "&".join(p for p in parts.query.split("&") if not _TRACKING.match(p))
    page = parts._replace(scheme="", query=query).geturl().removeprefix("//")
    return page.rstrip("/")


# Query parameters that say how a link was found, never which page it is.
_TRACKING = re.compile(r"(?:utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref_src|__source)(?:=|$)", re.I)


class StaleIndex(RuntimeError):
    """An index folder written by another newscrawl version: it must be rebuilt."""


class DamagedIndex(StaleIndex):
    """An index holds something this newscrawl did not write: it must be rebuilt."""


MAX_STORED = 64 << 20  # an entry inflates to at most this much: a planted one is no bomb
_UINT32 = np.dtype("<u4")
_COUNTS = 6  # how many values of each array a stored fingerprint holds, and its length


class Stored(NamedTuple):
    """An entry as the index keeps it: `dump_entry` and `dump_fingerprint`. Made where the
    entry is (a worker process), so the process that stores it encodes nothing again."""

    entry: bytes
    fingerprint: bytes


def stored(entry: Entry) -> Stored:
    """The stored form of an entry made here."""
    return Stored(dump_entry(entry), dump_fingerprint(entry.fingerprint))


def dump_fingerprint(fingerprint: Fingerprint) -> bytes:
    """A fingerprint as stored: little-endian uint32 arrays after their sizes. Kept with the
    entry, so an entry read back is not tokenized and hashed again (the shingle hashes do not
    compress: they are stored plain)."""
    lines = np.array(fingerprint.lines, _UINT32).reshape(-1, 2)
    arrays = [
        fingerprint.exact,
        fingerprint.robust,
        fingerprint.content,
        lines[:, 0],
        lines[:, 1],
        np.array(sorted(fingerprint.mentions), _UINT32),
    ]
    counts = [len(array) for array in arrays[:3]] + [len(lines), len(fingerprint.mentions)]
    sizes = np.array([*counts, fingerprint.length], _UINT32)
    return b"".join(np.asarray(a, _UINT32).tobytes() for a in [sizes, *arrays])


def load_fingerprint(data: bytes) -> Fingerprint:
    """A fingerprint read back; ValueError for anything `dump_fingerprint` does not write."""
    values = np.frombuffer(data, _UINT32)
    if len(values) < _COUNTS:
        raise ValueError("a stored fingerprint without its sizes")
    exact, robust, content, lines, names, length = values[:_COUNTS].tolist()
    ends = np.cumsum([_COUNTS, exact, robust, content, lines, lines, names])
    if ends[-1] != len(values):
        raise ValueError(f"a stored fingerprint of {len(values)} values, not {ends[-1]}")
    parts = [values[start:end].astype(np.uint32) for start, end in pairwise(ends)]
    return Fingerprint(
        exact=parts[0],
        robust=parts[1],
        content=parts[2],
        lines=tuple(zip(parts[3].tolist(), parts[4].tolist(), strict=True)),
        mentions=frozenset(parts[5].tolist()),
        length=length,
    )


def dump_entry(entry: Entry) -> bytes:
    """An entry as stored: plain JSON (never a pickle: an index folder may come from anyone),
    compressed, its fingerprint left out (`dump_fingerprint`). ISA-L writes the zlib stream
    in a quarter of zlib's time at level 6, for about 1% more bytes; `inflate` reads both."""
    fields = {
        "key": entry.key,
        "url": entry.url,
        "page": entry.page,
        "fetched_at": entry.fetched_at,
        "published": entry.published,
        "domain": entry.domain,
        "outlet": entry.outlet,
        "names": sorted(entry.names),
        "original_urls": list(entry.original_urls),
        "links": [list(link) for link in entry.links],
        "origin_outlets": sorted(entry.origin_outlets),
        "evidence": [[e.kind, e.detail] for e in entry.evidence],
        "sources": [[s.name, s.url] for s in entry.sources],
        "body": entry.body,
    }
    return isal_zlib.compress(json.dumps(fields, ensure_ascii=False).encode(), 3)


def load_entry(data: bytes, fingerprint: bytes | None = None) -> Entry:
    """An entry read back, with its stored fingerprint (derived from the body again for an
    entry an index of schema 3 holds, which has none); anything but what `dump_entry` and
    `dump_fingerprint` write is refused."""
    try:
        fields: Mapping[str, object] = json.loads(inflate(data))
        body = str(fields["body"])
        its_fingerprint = (
            Fingerprint.of(body) if fingerprint is None else load_fingerprint(fingerprint)
        )
        return Entry(
            key=str(fields["key"]),
            url=str(fields["url"]),
            page=str(fields["page"]),
            fetched_at=_text(fields["fetched_at"]),
            published=_text(fields["published"]),
            domain=str(fields["domain"]),
            outlet=_text(fields["outlet"]),
            names=frozenset(int(n) for n in _list(fields["names"])),
            fingerprint=its_fingerprint,
            original_urls=tuple(str(u) for u in _list(fields["original_urls"])),
            links=tuple((str(u), str(p), int(h)) for u, p, h in _list(fields["links"])),
            origin_outlets=frozenset(str(o) for o in _list(fields["origin_outlets"])),
            evidence=tuple(Evidence(str(k), str(d)) for k, d in _list(fields["evidence"])),
            sources=tuple(Source(str(n), str(u)) for n, u in _list(fields["sources"])),
            body=body,
        )
    except (ValueError, KeyError, TypeError, zlib.error) as error:
        raise DamagedIndex(
            f"an index entry is not one newscrawl wrote ({error}): delete the index folder"
            " (or Redis keys) to rebuild it"
        ) from None


def inflate(data: bytes) -> bytes:
    """zlib-compressed index data, inflated up to `MAX_STORED` bytes."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, MAX_STORED)
    if inflater.unconsumed_tail:
        raise ValueError(f"inflates past {MAX_STORED} bytes")
    return out


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def landmarks(fingerprint: Fingerprint) -> Hashes:
    """The exact shingles two texts sharing a passage most likely both hold."""
    exact = fingerprint.exact
    return exact[exact % LANDMARK_EVERY == 0]
