"""Redirects the archive holds: where a pointer to a redirecting URL leads.

A copy's "Source link" often goes through a feed redirector (`feeds.feedburner.com/~r/...`)
that answers with a 3xx. When the crawl followed the link, the archive holds that response
and its Location: the pointer leads where the redirect does, and is compared with the page
archived there. The redirects a run reads are kept in the provenance index, so a pointer read
in a later run than its redirect's capture leads on too.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from newscrawl.archive.reader import ReadReport, iter_redirects
from newscrawl.provenance.decisions import Evidence
from newscrawl.provenance.entries import page_key
from newscrawl.provenance.register import registered_domain

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newscrawl.provenance.candidates import CandidateIndex
    from newscrawl.provenance.entries import Entry

MAX_HOPS = 5  # a chain of redirects is followed this far, and never round a loop


def archived_redirects(
    read: ReadReport, skip: frozenset[tuple[str, int]] = frozenset()
) -> dict[str, str]:
    """Page (`page_key`) -> the absolute Location of every 3xx response that reading the
    archives found (extracting them, or in their article store), and of those in the
    archive files whose store did not say, read from their WARCs now (but for the WARCs
    named in `skip`: name, size)."""
    report = ReadReport(warcs=set(skip))
    unread = (
        found for archive in read.redirects_unread for found in iter_redirects(archive, report)
    )
    return {page_key(url): location for url, location in (*read.redirects.items(), *unread)}


class Locations(Protocol):
    """Where a redirected page (`page_key`) leads, if it redirected."""

    def get(self, page: str, /) -> str | None: ...


class KnownRedirects:
    """The redirects of this run and of every earlier run, read from the index (this run's
    are added to it first)."""

    def __init__(self, index: CandidateIndex, found: Mapping[str, str]) -> None:
        index.add_redirects(found)
        self._index = index
        self._any = bool(found) or index.has_redirects()

    def __bool__(self) -> bool:
        return self._any

    def get(self, page: str, /) -> str | None:
        return self._index.redirect(page)


def followed(entry: Entry, redirects: Locations) -> Entry:
    """The entry with each page it points or links to that redirected (in the archive)
    replaced by where the redirect leads, with a `redirect` evidence. A redirect back to
    the entry's own site is left as it was, and so is one to a site's home page: that says
    the page is gone, not where it went."""
    if not redirects:
        return entry
    moved: dict[str, str] = {}
    for url in dict.fromkeys([*entry.original_urls, *(url for url, _, _ in entry.links)]):
        target = _final(url, redirects)
        if (
            page_key(target) != page_key(url)
            and registered_domain(target) != entry.domain
            and urlsplit(target).path.strip("/")
        ):
            moved[url] = target
    if not moved:
        return entry
    return dataclasses.replace(
        entry,
        original_urls=tuple(moved.get(url, url) for url in entry.original_urls),
        links=tuple(
            (moved[url], page_key(moved[url]), anchor) if url in moved else (url, page, anchor)
            for url, page, anchor in entry.links
        ),
        evidence=(
            *entry.evidence,
            *(Evidence("redirect", f"{url} -> {target}") for url, target in moved.items()),
        ),
    )


def _final(url: str, redirects: Locations) -> str:
    seen = set()
    page = page_key(url)
    while (location := redirects.get(page)) and page not in seen and len(seen) < MAX_HOPS:
        seen.add(page)
        url = location
        page = page_key(url)
    return url
