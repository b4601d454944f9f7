"""An indexed article capture as the linker and the index stores know it."""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url

from newscrawl.provenance.decisions import Evidence, Source
from newscrawl.provenance.fingerprint import Fingerprint

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


def dump_entry(entry: Entry) -> bytes:
    """An entry as stored: plain JSON (never a pickle: an index folder may come from anyone),
    compressed, its fingerprint left out."""
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
    return zlib.compress(json.dumps(fields, ensure_ascii=False).encode(), 6)


def load_entry(data: bytes) -> Entry:
    """An entry read back; anything but what `dump_entry` writes is refused."""
    try:
        fields: Mapping[str, object] = json.loads(inflate(data))
        body = str(fields["body"])
        return Entry(
            key=str(fields["key"]),
            url=str(fields["url"]),
            page=str(fields["page"]),
            fetched_at=_text(fields["fetched_at"]),
            published=_text(fields["published"]),
            domain=str(fields["domain"]),
            outlet=_text(fields["outlet"]),
            names=frozenset(int(n) for n in _list(fields["names"])),
            fingerprint=Fingerprint.of(body),
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


def landmarks(fingerprint: Fingerprint) -> list[int]:
    """The exact shingles two texts sharing a passage most likely both hold."""
    exact = fingerprint.exact
    return exact[exact % LANDMARK_EVERY == 0].tolist()
