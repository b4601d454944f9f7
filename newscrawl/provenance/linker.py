"""Decide, for each article, whether it is an original or a copy, of what, and how sure we are.

Order of proof: an explicit pointer (source link, foreign canonical, isBasedOn) decides the
direction first; then an outlet the copy names as the origin of its text (credit line, promo,
"produced in association with"); then publisher identity (a page on a registered outlet's own
domain is the original); then which text contains the other; publication dates only break a
tie. Captures of one URL are versions of one page, never copies of each other, and pages on
one site are never linked to each other (what they share is chrome).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url

from newscrawl.provenance.fingerprint import Fingerprint, align, containment
from newscrawl.provenance.index import CandidateIndex, Entry
from newscrawl.provenance.outlets import load_outlets, registered_domain
from newscrawl.provenance.records import Evidence, Provenance, Relation, Source
from newscrawl.provenance.signals import Signals, read_signals

if TYPE_CHECKING:
    from newscrawl.items import Article

MIN_WORDS = 50  # shorter texts (teasers, one quoted sentence) are never linked by text
EXACT_REUSE = 0.5  # share of the copy's exact 5-grams found in the original: verbatim reuse
VERBATIM_KEPT = 0.9  # share of the original's words a verbatim copy keeps, in order
SPUN_ROBUST = 0.3  # share of the copy's skeleton 6-grams in the original: a spun copy
# How sure each kind of direction proof makes us that the copy is the copy.
EXPLICIT, NAMED_ORIGIN, PUBLISHER, CONTAINMENT, DATES = 4, 3, 2, 1, 0
DIRECTION_CONFIDENCE = {EXPLICIT: 0.95, NAMED_ORIGIN: 0.9, PUBLISHER: 0.85, CONTAINMENT: 0.75}
DIRECTION_CONFIDENCE[DATES] = 0.6
# Signals that attribute reporting to an outlet (a photo credit does not).
ATTRIBUTION_KINDS = {
    "attribution",
    "outlet-link",
    "isBasedOn",
    "isBasedOnUrl",
    "sourceOrganization",
}


@dataclass(frozen=True)
class TextMatch:
    """Verified text reuse of one entry (the copy) from another."""

    relation: Relation
    similarity: float
    detail: str


@dataclass(frozen=True)
class CopyOf:
    """One candidate original of a copy, with the proof of direction."""

    original: Entry
    strength: int
    match: TextMatch
    because: Evidence


@dataclass
class _Batch:
    """Working state of one linking run."""

    signals: dict[str, Signals] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    copies: dict[str, list[CopyOf]] = field(default_factory=dict)
    copied: set[str] = field(default_factory=set)

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def find(self, key: str) -> str:
        while self.parent.setdefault(key, key) != key:
            key = self.parent[key]
        return key


def page_key(url: str) -> str:
    """A URL compared as a page: canonical form, scheme and trailing slash ignored."""
    return canonicalize_url(url).split("://", 1)[-1].rstrip("/")


def make_entry(article: Article, signals: Signals) -> Entry:
    """The indexable summary of an article capture."""
    outlet = load_outlets().by_url(article.url)
    digest = hashlib.sha1(article.body.encode()).hexdigest()[:12]
    return Entry(
        key=f"{article.url} {digest}",
        url=article.url,
        fetched_at=article.fetched_at,
        published=article.published,
        domain=registered_domain(article.url),
        outlet=outlet.name if outlet else None,
        body=article.body,
        fingerprint=Fingerprint.of(article.body),
        original_urls=tuple(signals.original_urls),
        origin_outlets=frozenset(signals.origin_outlets),
    )


def compare(copy: Entry, original: Entry) -> TextMatch | None:
    """How `copy` reuses `original`'s text, if it does."""
    exact = containment(copy.fingerprint.exact, original.fingerprint.exact)
    # A spun copy may also carry paragraphs its archived original lacks (the original was
    # updated after it was copied, and the update was not archived): either way round counts.
    robust = max(
        containment(copy.fingerprint.robust, original.fingerprint.robust),
        containment(original.fingerprint.robust, copy.fingerprint.robust),
    )
    if exact >= EXACT_REUSE:
        aligned = align(copy.body, original.body)
        whole = aligned.kept >= VERBATIM_KEPT and not aligned.spliced
        detail = (
            f"exact 5-grams {exact:.2f}, original kept {aligned.kept:.2f}, "
            f"copy reused {aligned.reused:.2f}{', spliced' if aligned.spliced else ''}"
        )
        return TextMatch("verbatim" if whole else "excerpt", (exact + aligned.kept) / 2, detail)
    if robust >= SPUN_ROBUST:
        return TextMatch(
            "spun", robust, f"skeleton 6-grams {robust:.2f}, exact 5-grams {exact:.2f}"
        )
    return None


def orient(a: Entry, b: Entry) -> tuple[Entry, Entry, int, Evidence] | None:
    """(copy, original, strength, proof) for two entries that share text, if we can tell."""
    for copy, original in ((a, b), (b, a)):
        if page_key(original.url) in {page_key(u) for u in copy.original_urls}:
            return copy, original, EXPLICIT, Evidence("points-to", original.url)
    for copy, original in ((a, b), (b, a)):
        if original.outlet and original.outlet in copy.origin_outlets:
            return copy, original, NAMED_ORIGIN, Evidence("names-origin", original.outlet)
    if bool(a.outlet) != bool(b.outlet):
        copy, original = (b, a) if a.outlet else (a, b)
        return copy, original, PUBLISHER, Evidence("publisher", f"{original.outlet} own page")
    shorter, longer = sorted((a, b), key=lambda e: e.fingerprint.length)
    if shorter.fingerprint.length < 0.8 * longer.fingerprint.length:
        return shorter, longer, CONTAINMENT, Evidence("contained-in", longer.url)
    dated = sorted((_moment(e), e.key, e) for e in (a, b) if _moment(e))
    if len(dated) == 2 and dated[0][0] != dated[1][0]:
        original, copy = dated[0][2], dated[1][2]
        return copy, original, DATES, Evidence("earlier", f"{original.url} {original.published}")
    return None


def _moment(entry: Entry) -> datetime | None:
    try:
        return datetime.fromisoformat(entry.published or entry.fetched_at or "")
    except ValueError:
        return None


def link(articles: list[Article], index: CandidateIndex | None = None) -> list[Provenance]:
    """Provenance of each article capture, linked against each other and the index."""
    index = index or CandidateIndex()
    batch = _Batch()
    entries: dict[str, Entry] = {}
    for article in articles:
        signals = read_signals(article)
        entry = make_entry(article, signals)
        entries.setdefault(entry.key, entry)
        batch.signals[entry.key] = signals
        index.add(entry)
    _link_texts(list(entries.values()), index, batch)
    _link_versions(index, batch)
    first_url: dict[str, str] = {}
    for key in sorted(batch.parent):
        first_url.setdefault(batch.find(key), key.split(" ")[0])
    captures: dict[str, list[Entry]] = {}  # every capture of a page, by page, for "version"
    for known in index.entries.values():
        captures.setdefault(page_key(known.url), []).append(known)
    return [
        _decide(entry, captures[page_key(entry.url)], batch, first_url[batch.find(entry.key)])
        for entry in entries.values()
    ]


def _link_texts(entries: list[Entry], index: CandidateIndex, batch: _Batch) -> None:
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        for other in index.candidates(entry):
            pair = tuple(sorted((entry.key, other.key)))
            if pair in seen or other.domain == entry.domain:
                continue
            seen.add(pair)  # type: ignore[arg-type]
            if min(entry.fingerprint.length, other.fingerprint.length) < MIN_WORDS:
                continue
            if not (compare(entry, other) or compare(other, entry)):
                continue
            batch.union(entry.key, other.key)
            oriented = orient(entry, other)
            if oriented is None:
                continue
            copy, original, strength, because = oriented
            match = compare(copy, original)
            if match is not None:
                batch.copies.setdefault(copy.key, []).append(
                    CopyOf(original, strength, match, because)
                )
                batch.copied.add(original.key)


def _link_versions(index: CandidateIndex, batch: _Batch) -> None:
    """Captures of one page share a cluster; an explicit pointer joins its target's cluster."""
    by_page: dict[str, str] = {}
    for entry in index.entries.values():
        first = by_page.setdefault(page_key(entry.url), entry.key)
        batch.union(entry.key, first)
    for entry in index.entries.values():
        for url in entry.original_urls:
            target = by_page.setdefault(page_key(url), url)
            batch.union(entry.key, target)


def _best(key: str, batch: _Batch) -> CopyOf | None:
    options = batch.copies.get(key, [])
    return max(options, key=lambda c: (c.strength, c.match.similarity), default=None)


def _root(best: CopyOf, batch: _Batch) -> Entry:
    """The original at the end of a chain of copies (a copy of a copy links to the first)."""
    seen = {best.original.key}
    original = best.original
    while (up := _best(original.key, batch)) is not None and up.original.key not in seen:
        seen.add(up.original.key)
        original = up.original
    return original


def _decide(entry: Entry, captures: list[Entry], batch: _Batch, first_url: str) -> Provenance:
    signals = batch.signals[entry.key]
    evidence = list(signals.evidence)
    sources = list(signals.sources)
    cluster = "c" + hashlib.sha1(first_url.encode()).hexdigest()[:12]
    evidence += [
        Evidence("version", f"{other.url} fetched {other.fetched_at}")
        for other in captures
        if other.key != entry.key
    ]
    record = Provenance(entry.url, None, "unknown", 0.0, cluster, evidence, sources)
    record.fetched_at = entry.fetched_at
    best = _best(entry.key, batch)
    if best is not None:
        original = _root(best, batch)
        record.original_url = original.url
        record.relation = best.match.relation
        record.confidence = round(
            DIRECTION_CONFIDENCE[best.strength] * (0.8 + 0.2 * best.match.similarity), 3
        )
        evidence += [
            best.because,
            Evidence("text-reuse", f"{best.original.url}: {best.match.detail}"),
        ]
        if original.outlet and all(s.name != original.outlet for s in sources):
            sources.append(Source(original.outlet, original.url))
    elif signals.original_urls:  # it points at its source, but no text of it was archived
        record.original_url = signals.original_urls[0]
        attributed = any(e.kind in ATTRIBUTION_KINDS for e in signals.evidence)
        record.relation = "rewrite" if attributed else "unknown"
        record.confidence = 0.6 if attributed else 0.5
    elif entry.key in batch.copied or entry.outlet:
        record.relation = "original"
        record.confidence = 0.9 if entry.key in batch.copied else 0.7
    elif any(e.kind in ATTRIBUTION_KINDS for e in signals.evidence):
        record.relation = "rewrite"
        record.original_url = _linked_page(sources)
        record.confidence = round(min(0.4 + 0.1 * len(sources), 0.7), 3)
    return record


def _linked_page(sources: list[Source]) -> str | None:
    """The page a rewrite links to on an outlet it attributes (not just the outlet's name)."""
    pages = (s.url for s in sources if s.url.startswith(("http://", "https://")))
    return next((url for url in pages if urlsplit(url).path.strip("/")), None)
