"""Decide, for each article, whether it is an original or a copy, of what, and how sure we are.

Two texts that share words are one story; which one is the original takes a proof, strongest
first:
1. an explicit pointer: source link, foreign canonical or og:url, isBasedOn (`points-to`);
2. a link from one text to the other's page: a page links only to pages that exist (`cites`);
3. an outlet the copy names as the origin of its text: credit line, promo, "produced in
   association with" (`names-origin`);
4. publisher identity: a page on a registered outlet's own domain is the original;
5. one text names the other's site in paragraphs of its own, not the reverse (`names-site`);
6. the shape of the reuse: a text that keeps a part of the other is an excerpt of it
   (`contained-in`); a text that is the other's plus paragraphs its own site repeats on
   other pages (share buttons, newsletter pitches) wraps a copy in its chrome (`wraps`).
A pair the pair alone cannot orient is decided by its story (`_story_proof`): a page other
members point to, a copier host's page against an origin host's (`hosts`), and with nothing
else the earlier date; a copy dated before its supposed original vetoes, two copiers
are never ordered by dates, and a late host's page (`HostRole.late`) is never the original
by its date. With no proof, the two stay in one cluster with the direction undecided
(relation `unknown`).

A copy of a copy is linked to the first original at the end of the chain. A chain that ends
on a page which names a source never archived, or on a copier or late host's page with no
source (then the copy's own pointer, if any), names that source (`via`) or nobody
(`copies-a-copy`): an aggregator's copy is never an original because it was copied.

Pointers are explicit ones and links whose anchor names the site they lead to (or that lead
to a registered outlet). A pointer to a page that was archived counts only if the texts
confirm it: shared text, or for a re-report without shared passages, the same content words
and names; a pointer to a page never crawled stands alone, with less confidence (a pointer
is never evidence enough that a text is a copy). Captures of one URL are versions of one page,
never copies of each other; pages of one site are never compared (what they share is
chrome); two pages that point at each other prove nothing by it, and no page is its own
original.

What a run finds (who copies whom, and how surely; pairs left undecided; pointers) is kept in
the index with each record, and every story a run touches is decided again from all of it:
a copy of a copy linked in a later run still reaches the first original, and a copy archived
before its original is linked to it when the original comes. (A pair compared before a
site's chrome was known is not compared again once later pages reveal it.) Cluster ids are
kept in the index too, so a story keeps its id from run to run; stories a run joins all take
the id of one of them.
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawl.anchors import READ_ON
from newscrawl.provenance.alignment import align
from newscrawl.provenance.attribution import Signals, read_signals
from newscrawl.provenance.candidates import CandidateIndex, NoteKind, bands
from newscrawl.provenance.decisions import (
    CopyOf,
    Evidence,
    Findings,
    Provenance,
    Source,
    TextMatch,
)
from newscrawl.provenance.entries import Entry, Stored, load_entry, page_key, stored
from newscrawl.provenance.fingerprint import (
    Fingerprint,
    containment,
    mentions,
    name_hash,
    paragraphs,
    shared,
)
from newscrawl.provenance.redirects import KnownRedirects, followed
from newscrawl.provenance.register import load_outlets, registered_domain

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    import numpy as np
    import numpy.typing as npt

    from newscrawl.items import Article

    Made = tuple[Entry, Stored, npt.NDArray[np.int64]]  # an entry, its stored form, its bands

ENTRY_BATCH = 2_000  # articles handed to the worker processes at a time
MIN_WORDS = 50  # shorter texts (teasers, one quoted sentence) are linked only by a pointer
MIN_CONTAINED_WORDS = 30  # ... unless this long and found almost whole in the other text
CONTAINED_SHARE = 0.9  # share of the short text's exact 5-grams found in the other
EXACT_REUSE = 0.5  # share of the copy's exact 5-grams found in the original: verbatim reuse
SPUN_ROBUST = 0.3  # share of the copy's skeleton 8-grams in the original: a spun copy ...
SPUN_RATIO = 1.5  # ... well above its exact share (quoted passages raise both alike)
PASSAGE_SHINGLES = 40  # exact 5-grams a re-report shares with its source: more than a quote
PASSAGE_SHARE = 0.1  # ... and at least this share of its own
# A re-report that shares no passage with the page it points to must still be about the
# same things: this share of its content words, and this many names, found there.
SAME_STORY_WORDS = 0.2
SAME_STORY_NAMES = 2
EXCERPT_CORE = 0.8  # an excerpt is this much shorter than its original, chrome left out
OUTGROWN = 1.5  # a supposed copy this many times as long as its original is not its copy
# How sure each kind of direction proof makes us that the copy is the copy.
EXPLICIT, CITES, NAMED_ORIGIN, STORY, PUBLISHER, NAMES_SITE, HOST_ROLE, SHAPE, DATE = range(
    9, 0, -1
)
DIRECTION_CONFIDENCE = {
    EXPLICIT: 0.95,
    CITES: 0.9,
    NAMED_ORIGIN: 0.9,
    STORY: 0.9,
    PUBLISHER: 0.85,
    NAMES_SITE: 0.8,
    HOST_ROLE: 0.8,
    SHAPE: 0.7,
    DATE: 0.6,
}
# A copy of a copy whose last page names a source never archived: that source is the
# original, a step less sure than a link to it.
CHAIN_CERTAINTY = 0.9
TOPICAL_CERTAINTY = 0.6  # a pointer confirmed by content words only, not by shared text
# Signals that attribute reporting to an outlet (a photo credit does not).
ATTRIBUTION_KINDS = {
    "attribution",
    "outlet-link",
    "isBasedOn",
    "isBasedOnUrl",
    "sourceOrganization",
}
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class _Batch:
    """Working state of one linking run: the union-find joins pages into stories; findings
    are read from the index when first needed and written through to it."""

    index: CandidateIndex
    parent: dict[str, str] = field(default_factory=dict)
    compared: set[tuple[str, str]] = field(default_factory=set)
    found: dict[str, Findings] = field(default_factory=dict)
    # Directions the story's evidence gives to pairs the pair alone left undecided: decided
    # again whenever the story is, never kept (what the corpus says of hosts changes).
    by_story: dict[str, dict[str, CopyOf]] = field(default_factory=dict)
    carriers: set[str] = field(default_factory=set)  # of the story being decided

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def find(self, page: str) -> str:
        while self.parent.setdefault(page, page) != page:
            page = self.parent[page]
        return page

    def findings(self, key: str) -> Findings:
        if key not in self.found:
            self.found[key] = self.index.findings(key)
        return self.found[key]

    def note(self, key: str, kind: NoteKind, about: str, value: object | None) -> None:
        """Keep (or drop, with None) one finding about an entry, here and in the index."""
        notes = getattr(self.findings(key), kind)
        if value is None:
            if notes.pop(about, None) is not None:
                self.index.note(key, kind, about, None)
        elif notes.get(about) != value:
            notes[about] = value
            self.index.note(key, kind, about, value)


def make_entry(article: Article, signals: Signals) -> Entry:
    """The indexable summary of an article capture."""
    outlet = load_outlets().by_url(article.url)
    domain = registered_domain(article.url)
    digest = hashlib.sha1(article.body.encode()).hexdigest()[:12]
    names = {domain.split(".")[0], *([article.site_name] if article.site_name else [])}
    links = tuple(
        (link.url, page_key(link.url), name_hash(READ_ON.sub("", link.text)))
        for link in article.links_out
        if registered_domain(link.url) != domain and urlsplit(link.url).path.strip("/")
    )
    return Entry(
        key=f"{article.url} {digest}",
        url=article.url,
        page=page_key(article.url),
        fetched_at=article.fetched_at,
        published=article.published,
        domain=domain,
        outlet=outlet.name if outlet else None,
        names=frozenset(name_hash(n) for n in names if len(n) >= 3),
        fingerprint=Fingerprint.of(article.body),
        original_urls=tuple(signals.original_urls),
        links=links,
        origin_outlets=frozenset(signals.origin_outlets),
        evidence=tuple(signals.evidence),
        sources=tuple(signals.sources),
        body=article.body,
    )


def compare(copy: Entry, original: Entry, chrome: frozenset[int] = frozenset()) -> TextMatch | None:
    """How `copy` reuses `original`'s text, if it does: shingles tell whether it does (whole
    texts, spun texts, shared passages), the word alignment what it did (`alignment`);
    `chrome` are the copy's lines its own site repeats."""
    ours, theirs = copy.fingerprint, original.fingerprint
    common = shared(ours.exact, theirs.exact)
    exact = common / len(ours.exact) if len(ours.exact) else 0.0
    # A spun copy may also carry paragraphs its archived original lacks (the original was
    # updated after it was copied, and the update was not archived): either way round counts.
    robust = max(containment(ours.robust, theirs.robust), containment(theirs.robust, ours.robust))
    reuses = (
        exact >= EXACT_REUSE
        or (robust >= SPUN_ROBUST and robust >= SPUN_RATIO * exact)
        or (common >= PASSAGE_SHINGLES and exact >= PASSAGE_SHARE)
    )
    if not reuses:
        return None
    aligned = align(copy.body, original.body, chrome)
    detail = f"exact 5-grams {exact:.2f}, skeleton 8-grams {robust:.2f}; {aligned.detail}"
    certainty = 0.8 + 0.2 * max(aligned.coverage, aligned.reuse)
    return TextMatch(aligned.relation, exact, detail, round(certainty, 3))


def orient(a: Entry, b: Entry, index: CandidateIndex) -> tuple[Entry, Entry, int, Evidence] | None:
    """(copy, original, strength, proof) for two entries that share text, if we can tell."""
    return next(_proofs(a, b, index), None)


def _proofs(
    a: Entry, b: Entry, index: CandidateIndex
) -> Iterator[tuple[Entry, Entry, int, Evidence]]:
    """Every proof of which of two entries copies the other, strongest first (each looked
    for only when the stronger ones are missing)."""
    pairs = ((a, b), (b, a))
    for copy, original in pairs:  # two pages pointing at each other prove nothing by it
        if original.page in _explicit(copy) and copy.page not in _explicit(original):
            yield copy, original, EXPLICIT, Evidence("points-to", original.url)
    for copy, original in pairs:
        if original.page in _linked(copy) and copy.page not in _linked(original):
            yield copy, original, CITES, Evidence("cites", original.url)
    for copy, original in pairs:
        if original.outlet and original.outlet in copy.origin_outlets:
            yield copy, original, NAMED_ORIGIN, Evidence("names-origin", original.outlet)
    if bool(a.outlet) != bool(b.outlet):
        copy, original = (b, a) if a.outlet else (a, b)
        yield copy, original, PUBLISHER, Evidence("publisher", f"{original.outlet} own page")
    for copy, original in pairs:
        if _names_in_own_text(copy, original) and not _names_in_own_text(original, copy):
            yield copy, original, NAMES_SITE, Evidence("names-site", original.domain)
    shape = _shape(a, b, index)
    if (
        shape is not None
        and not _published_before(shape[0], shape[1])
        and not _credits_another_site(shape[0], shape[1])
    ):
        yield shape[0], shape[1], SHAPE, shape[2]


def _shape(a: Entry, b: Entry, index: CandidateIndex) -> tuple[Entry, Entry, Evidence] | None:
    """(copy, original, proof) from the shape of the reuse alone: an excerpt keeps a part
    of its original; a copy wraps the whole in its own site's chrome."""
    chrome = {
        e.key: index.chrome(e) - {h for h, _ in other.fingerprint.lines}
        for e, other in ((a, b), (b, a))
    }
    core = {e.key: _core(e, chrome[e.key]) for e in (a, b)}
    short, long = sorted((a, b), key=lambda e: core[e.key])
    inside, holds = _inside(short, long), _inside(long, short)
    if core[short.key] < EXCERPT_CORE * core[long.key] and inside >= EXACT_REUSE:
        return short, long, Evidence("contained-in", f"{long.url}: keeps {inside:.2f} of it")
    if min(inside, holds) < EXACT_REUSE:  # a re-report: each has much the other lacks
        return None
    for copy, original in ((a, b), (b, a)):
        if chrome[copy.key] and not chrome[original.key]:
            detail = f"{len(chrome[copy.key])} paragraphs its site repeats on other pages"
            return copy, original, Evidence("wraps", detail)
    return None


def _core(entry: Entry, chrome: frozenset[int] | set[int]) -> int:
    """The entry's words outside the lines its site repeats on other pages."""
    return entry.fingerprint.length - sum(n for h, n in entry.fingerprint.lines if h in chrome)


def _wire_carriers(story: list[Entry], batch: _Batch) -> set[str]:
    """The pages of a story that carry a wire's story, when two outlets or more do: each
    signs the text off as the wire's ("— Reuters") on a host that is no copier, and copies
    no other page of the archive by a proof of its own. Their
    original is the wire's page; none of them is another's (one page that carries a wire
    story alone is the nearest original the archive holds)."""
    carriers = [
        e
        for e in story
        if _signs_off_a_wire(e)
        and not batch.index.host(e.domain).copier
        and not batch.findings(e.key).copies
    ]
    return {e.key for e in carriers} if len({e.domain for e in carriers}) > 1 else set()


def _outgrows(copy: Entry, original: Entry, index: CandidateIndex) -> bool:
    """Whether the supposed copy holds much more text than its supposed original: a full
    text is not made from a shorter rewrite or excerpt of it, both come from a third page."""
    chrome = index.chrome(copy) - {h for h, _ in original.fingerprint.lines}
    return _core(copy, chrome) > OUTGROWN * original.fingerprint.length


def _names_in_own_text(entry: Entry, other: Entry) -> bool:
    """Whether `entry` names `other`'s site in paragraphs `other` does not have (a name in
    the text both share proves nothing about who took it from whom)."""
    if _credited(entry) & other.names:
        return True
    theirs = {line_hash for line_hash, _ in other.fingerprint.lines}
    own = "\n".join(
        text for line_hash, _, text in paragraphs(entry.body) if line_hash not in theirs
    )
    return bool(mentions(own) & other.names)


def _signs_off_a_wire(entry: Entry) -> bool:
    """Whether the entry carries a wire's story by its own sign-off ("LONDON (Reuters) -")."""
    return any(e.kind == "wire" for e in entry.evidence)


def _credited(entry: Entry) -> frozenset[int]:
    """The sites (`name_hash`) the entry's credit lines say its text first appeared on."""
    return frozenset(name_hash(e.detail) for e in entry.evidence if e.kind == "first-appeared")


def _credits_another_site(copy: Entry, original: Entry) -> bool:
    """Whether `copy` says its text first appeared on a site that is not `original`'s: then
    both may copy that site, and neither shape, host roles nor dates make `original` it."""
    credited = _credited(copy)
    return bool(credited) and not credited & original.names


def _inside(part: Entry, whole: Entry) -> float:
    """How much of `part`'s text is in `whole`, by exact words or by skeleton."""
    ours, theirs = part.fingerprint, whole.fingerprint
    return max(containment(ours.exact, theirs.exact), containment(ours.robust, theirs.robust))


def _linked(entry: Entry) -> set[str]:
    """The pages on other sites an entry's text links to."""
    return {page for _, page, _ in entry.links}


def _explicit(entry: Entry) -> set[str]:
    """The pages an entry explicitly gives as its original."""
    return {page_key(url) for url in entry.original_urls}


def _published(entry: Entry) -> tuple[datetime, datetime] | None:
    """When the entry says it was published, as a UTC interval: a date alone is its whole
    day, a time without a zone is taken as UTC."""
    text = (entry.published or "").strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if _DATE_ONLY.fullmatch(text):
        start = moment.replace(tzinfo=UTC)
        return start, start + timedelta(days=1)
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment, moment


def _published_before(a: Entry, b: Entry) -> bool:
    """Whether both state a publication date and `a`'s is surely earlier than `b`'s."""
    first, second = _published(a), _published(b)
    return first is not None and second is not None and first[1] < second[0]


def _entry(article: Article) -> Made:
    entry = make_entry(article, read_signals(article))
    return entry, stored(entry), bands(entry.fingerprint)


def _stored(article: Article) -> tuple[Stored, npt.NDArray[np.int64]]:
    """What a worker process sends back: the entry in its stored form, which is smaller to
    send than the entry and is what the index keeps (`_received` reads it back)."""
    _, data, its_bands = _entry(article)
    return data, its_bands


def _received(data: Stored, its_bands: npt.NDArray[np.int64]) -> Made:
    return load_entry(*data), data, its_bands


def _entries(articles: Iterable[Article], workers: int) -> Iterator[Made]:
    """The entry, stored form and LSH bands of each article, in order: made by `workers`
    processes when more than one, a batch ahead of the one handed out."""
    if workers <= 1:
        yield from map(_entry, articles)
        return
    given = iter(articles)
    with ProcessPoolExecutor(workers) as pool:
        pending = pool.map(_stored, list(islice(given, ENTRY_BATCH)), chunksize=64)
        while True:
            more = list(islice(given, ENTRY_BATCH))
            following = pool.map(_stored, more, chunksize=64) if more else None
            yield from (_received(*sent) for sent in pending)
            if following is None:
                return
            pending = following


def link(
    articles: Iterable[Article],
    index: CandidateIndex | None = None,
    *,
    workers: int = 1,
    redirects: Mapping[str, str] | None = None,
) -> list[Provenance]:
    """Provenance of each article capture (one record per distinct capture, in the order
    met), linked against each other and the index. The index learns the captures, what was
    found about them, and the records of every story the run touched, decided again. Only
    keys are held for the run: entries are read back from the index when needed. With
    `workers` > 1, that many processes read the articles' signals and fingerprints. A
    pointer to a page in `redirects` (page -> Location: 3xx responses the archive holds),
    or in those of earlier runs that the index keeps, leads where the redirect does."""
    index = CandidateIndex() if index is None else index
    known = KnownRedirects(index, redirects or {})
    batch = _Batch(index)
    keys: dict[str, None] = {}
    new: dict[str, str] = {}  # key -> page of the captures the index did not have
    for made, data, its_bands in _entries(articles, workers):
        entry = followed(made, known)
        if entry.key not in keys:
            keys[entry.key] = None
            batch.find(entry.page)
            if index.add(entry, its_bands, data if entry is made else None):
                new[entry.key] = entry.page
    for key in new:  # a capture indexed before was compared with everything then
        entry = index.entry(key)
        for other in index.candidates(entry):
            if _comparable(entry, other):
                _pair(entry, other, batch)
    # The pointers of earlier captures to a page that has come are followed again.
    arrived = set(new.values())
    earlier = {key: None for page in arrived for key in index.pointing_to(page)}
    for key in [*new, *(key for key in earlier if key not in keys)]:
        _follow_pointers(index.entry(key), batch)
    decided = _decide_stories(batch)
    return [decided[key] for key in keys]


def _comparable(a: Entry, b: Entry) -> bool:
    """Whether two texts are long enough to compare: both of `MIN_WORDS`, or the shorter of
    `MIN_CONTAINED_WORDS` and found almost whole, word for word, in the other (an excerpt of
    an aggregator's that points to its original through a page never crawled)."""
    short, long = sorted((a, b), key=lambda e: e.fingerprint.length)
    if short.fingerprint.length >= MIN_WORDS:
        return True
    return (
        short.fingerprint.length >= MIN_CONTAINED_WORDS
        and containment(short.fingerprint.exact, long.fingerprint.exact) >= CONTAINED_SHARE
    )


def _pair(a: Entry, b: Entry, batch: _Batch) -> None:
    """Compare two entries of different sites once; record who copies whom, if they share
    text and we can tell."""
    pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
    if pair in batch.compared or a.domain == b.domain:
        return
    batch.compared.add(pair)
    forward = compare(a, b)
    backward = compare(b, a) if forward is None else None
    match = forward or backward
    if match is None:
        return
    batch.union(a.page, b.page)
    for first, then in ((a, b), (b, a)):
        # A wire's subscriber runs its stories after others: no sign of copying.
        if _published_before(first, then) and not _signs_off_a_wire(then):
            batch.index.add_fact(first.domain, "earlier-than", then.domain)
            batch.index.add_fact(then.domain, "later-than", first.domain)
    oriented = orient(a, b, batch.index)
    if oriented is None:
        for one, other in ((a, b), (b, a)):
            detail = f"{other.url}: {match.detail}; direction undecided"
            batch.note(one.key, "undecided", other.key, Evidence("shares-text", detail))
        return
    copy, original, strength, because = oriented
    copy_match = forward if copy is a else (backward if forward is None else compare(b, a))
    # The copy's own text may be mostly new and hold the original whole: a re-report.
    copy_match = copy_match or TextMatch("rewrite", match.literal, match.detail, match.certainty)
    for one, other in ((copy, original), (original, copy)):  # decided now, and this way
        batch.note(one.key, "undecided", other.key, None)
    batch.note(original.key, "copies", copy.key, None)
    batch.note(
        copy.key, "copies", original.key, CopyOf(original.key, strength, copy_match, because)
    )


def _follow_pointers(entry: Entry, batch: _Batch) -> None:
    """Check the pages an entry gives as its source against their archived text: explicit
    pointers, and links that name the site they lead to or go to a registered outlet. Run
    again when a page pointed to is archived, it replaces what it found before."""
    index = batch.index
    pointers = {page_key(url): (url, EXPLICIT) for url in entry.original_urls}
    for url, page, anchor in entry.links:
        named = {name_hash(registered_domain(url).split(".")[0])}
        named.update(n for capture in index.captures(page) for n in capture.names)
        if page not in pointers and (anchor in named or load_outlets().by_url(url)):
            pointers[page] = (url, CITES)
    pointers.pop(entry.page, None)
    for position, (page, (url, strength)) in enumerate(pointers.items()):
        captures = index.captures(page)
        batch.note(entry.key, "uncrawled", page, None if captures else (position, url, strength))
        batch.note(entry.key, "unconfirmed", page, None)
        if not captures:
            batch.union(entry.page, page)
            continue
        for capture in captures:
            _pair(entry, capture, batch)
        if any(index.entry(key).page == page for key in batch.findings(entry.key).copies):
            continue
        if any(_points_back(capture, entry, batch) for capture in captures):
            continue
        about = next((c for c in captures if _same_story(entry, c)), None)
        if about is None:
            detail = f"{url}: archived, but its text does not confirm the link"
            batch.note(entry.key, "unconfirmed", page, Evidence("unconfirmed", detail))
            continue
        words = containment(entry.fingerprint.content, about.fingerprint.content)
        detail = f"no passage shared; content words {words:.2f} and names in common"
        match = TextMatch("rewrite", 0.0, detail, TOPICAL_CERTAINTY)
        because = Evidence("points-to" if strength == EXPLICIT else "cites", about.url)
        batch.note(entry.key, "copies", about.key, CopyOf(about.key, strength, match, because))
        batch.union(entry.page, page)


def _points_back(capture: Entry, entry: Entry, batch: _Batch) -> bool:
    """Whether a page an entry points at points back at it, or was found to copy it: the
    pointer then proves nothing."""
    return entry.page in capture.pointed or entry.key in batch.findings(capture.key).copies


def _same_story(report: Entry, source: Entry) -> bool:
    """Whether a re-report with no passage in common with its source talks about the same
    things: enough of its content words, and some names, are there too."""
    if report.fingerprint.length < MIN_WORDS:
        return False
    words = containment(report.fingerprint.content, source.fingerprint.content)
    names = len(report.fingerprint.mentions & source.fingerprint.mentions)
    return words >= SAME_STORY_WORDS and names >= SAME_STORY_NAMES


def _clusters(batch: _Batch) -> set[str]:
    """Put every page of the run in its story's cluster, and return the clusters touched. A
    story keeps the id an earlier run gave any of its pages (the smallest, if the run joins
    stories: every page of the others takes it too), else gets a new one."""
    index = batch.index
    stories: dict[str, list[str]] = {}
    for page in list(batch.parent):
        stories.setdefault(batch.find(page), []).append(page)
    touched: set[str] = set()
    for pages in stories.values():
        known = {page: index.cluster(page) for page in pages}
        kept = sorted({c for c in known.values() if c})
        cluster = kept[0] if kept else "c" + hashlib.sha1(min(pages).encode()).hexdigest()[:12]
        joined = [page for other in kept[1:] for page in index.pages(other)]
        for page in [*pages, *joined]:
            if known.get(page) != cluster:
                index.set_cluster(page, cluster)
        touched.add(cluster)
    return touched


def _decide_stories(batch: _Batch) -> dict[str, Provenance]:
    """The record of every capture in a story the run touched, from all that linking found
    about the story so far; each is kept in the index."""
    index = batch.index
    decided: dict[str, Provenance] = {}
    for cluster in sorted(_clusters(batch)):
        story = [e for page in index.pages(cluster) for e in index.captures(page)]
        batch.carriers = _wire_carriers(story, batch)
        _orient_by_story(story, batch)
        copied: dict[str, int] = {}  # what each copy is found to copy makes that an original
        for entry in story:
            best = _best(entry.key, batch)
            if best is not None:
                copied[best.original] = max(best.strength, copied.get(best.original, 0))
        for entry in story:
            decided[entry.key] = _decide(entry, batch, copied, cluster)
            index.set_record(entry.key, decided[entry.key])
    return decided


def _orient_by_story(story: list[Entry], batch: _Batch) -> None:
    """Give a direction to the pairs of a story that the pair alone left undecided, from what
    the whole story and the corpus say: a page other members point to is the original for the
    members that point nowhere; a copier host's page copies an origin host's; an earlier
    text is the original when nothing else tells."""
    index = batch.index
    named: dict[str, Entry] = {}  # page pointed to by a member -> that member
    for entry in story:
        for found in batch.findings(entry.key).copies.values():
            if found.strength in (EXPLICIT, CITES):
                named.setdefault(index.entry(found.original).page, entry)
    for entry in story:
        batch.by_story.pop(entry.key, None)
    for entry in story:
        for key in batch.findings(entry.key).undecided:
            other = index.entry(key)
            if entry.key < other.key:
                oriented = _story_proof(entry, other, named, batch.carriers, index)
                if oriented is not None:
                    copy, original, strength, because = oriented
                    chrome = index.chrome(copy) - {h for h, _ in original.fingerprint.lines}
                    match = compare(copy, original, chrome)
                    if match is not None:
                        found = CopyOf(original.key, strength, match, because)
                        batch.by_story.setdefault(copy.key, {})[original.key] = found
        # A pair the pair alone oriented by its shape or a date: the story's pointers to that
        # original make it as sure as any other page they name (unless the entry names a
        # source of its own, never archived: its own pointer is the better word).
        pointed = _pointer(batch.findings(entry.key)) is not None
        for found in batch.findings(entry.key).copies.values():
            original = index.entry(found.original)
            if (
                found.strength in (SHAPE, DATE)
                and not pointed
                and original.page in named
                and entry.page not in named
            ):
                upgraded = CopyOf(found.original, STORY, found.match, _points_to(original, named))
                batch.by_story.setdefault(entry.key, {})[found.original] = upgraded


def _points_to(original: Entry, named: dict[str, Entry]) -> Evidence:
    """The proof that a member of the story points to `original`'s page."""
    return Evidence("story-points-to", f"{named[original.page].url} points to {original.url}")


def _story_proof(
    a: Entry, b: Entry, named: dict[str, Entry], carriers: set[str], index: CandidateIndex
) -> tuple[Entry, Entry, int, Evidence] | None:
    """(copy, original, strength, proof) for two texts of a story that share text, from the
    story's pointers, their hosts' roles, or their dates; None when nothing tells."""
    pairs = ((a, b), (b, a))
    for copy, original in pairs:
        if original.page in named and copy.page not in named:
            return copy, original, STORY, _points_to(original, named)
    roles = {e.key: index.host(e.domain) for e in (a, b)}
    for copy, original in pairs:
        copier, source = roles[copy.key], roles[original.key]
        if _published_before(copy, original) or not copier.copier or source.copier:
            continue
        if _credits_another_site(copy, original):
            continue
        if original.key in carriers or _outgrows(copy, original, index):
            continue
        if source.origin or (_published_before(original, copy) and not source.late):
            detail = f"{copier.describe()}; {source.describe()}"
            return copy, original, HOST_ROLE, Evidence("host-role", detail)
    if any(roles[e.key].copier or e.key in carriers for e in (a, b)):
        return None  # two copiers or carriers: the earlier may copy one missing original
    shape = _shape(a, b, index)
    for copy, original in pairs:
        if _outgrows(copy, original, index) or _inside(copy, original) < EXACT_REUSE:
            continue  # a date orders copies, not reports that share a quote and a headline
        if roles[original.key].late or _credits_another_site(copy, original):
            continue  # a host that keeps coming later is not made the source by one date
        if _published_before(original, copy) and (shape is None or shape[0] is copy):
            detail = f"{original.url} published {original.published}, {copy.url} {copy.published}"
            return copy, original, DATE, Evidence("published-first", detail)
    return None


def _best(key: str, batch: _Batch) -> CopyOf | None:
    """The strongest proof of what an entry copies, an original before another copy."""
    return min(
        [*batch.findings(key).copies.values(), *batch.by_story.get(key, {}).values()],
        key=lambda c: (
            -c.strength,
            bool(batch.findings(c.original).copies or batch.by_story.get(c.original)),
            -c.match.literal,
            c.original,
        ),
        default=None,
    )


def _root(entry: Entry, best: CopyOf, batch: _Batch) -> str | None:
    """The original at the end of a chain of copies (a copy of a copy links to the first);
    None when the chain leads back to the entry's own page: an earlier capture inside a
    copier's copy of the updated page is a version of that page, never a copy of it."""
    seen = {entry.key, best.original}
    original = best.original
    while True:
        if batch.index.entry(original).page == entry.page:
            return None
        up = _best(original, batch)
        if up is None or up.original in seen:
            return original
        seen.add(up.original)
        original = up.original


def _decide(entry: Entry, batch: _Batch, copied: dict[str, int], cluster: str) -> Provenance:
    index = batch.index
    found = batch.findings(entry.key)
    evidence = list(entry.evidence)
    sources = list(entry.sources)
    evidence += [
        Evidence("version", f"{other.url} fetched {other.fetched_at}")
        for other in index.captures(entry.page)
        if other.key != entry.key
    ]
    record = Provenance(entry.url, None, "unknown", 0.0, cluster, evidence, sources)
    record.fetched_at = entry.fetched_at
    best = _best(entry.key, batch)
    pointer = _pointer(found)
    root = None if best is None else _root(entry, best, batch)
    linked = (
        best is not None
        and root is not None
        and _name_original(record, entry, best, index.entry(root), pointer=pointer, batch=batch)
    )
    if not linked:
        _decide_unlinked(record, entry, batch, copied, pointer)
    evidence += found.unconfirmed.values()
    return record


def _decide_unlinked(
    record: Provenance,
    entry: Entry,
    batch: _Batch,
    copied: dict[str, int],
    pointer: tuple[str, int] | None,
) -> None:
    """An entry linked to no archived original: one that points at a source never archived,
    one that others copy, one left undecided, or one with nothing to say."""
    found = batch.findings(entry.key)
    role = batch.index.host(entry.domain)
    attributed = any(e.kind in ATTRIBUTION_KINDS for e in entry.evidence)
    if pointer is not None:  # it points at its source, which was never archived
        url, strength = pointer
        # A link that names the site it leads to is itself an attribution.
        credits = attributed or strength == CITES
        record.original_url = url
        record.relation = "rewrite" if credits else "unknown"
        record.confidence = 0.5 if credits else 0.4
    elif entry.key in copied and (
        role.copier or role.late or entry.key in batch.carriers or bool(_credited(entry))
    ):
        # Copied, but a copy itself (by its host, by its credit line, or of the wire it signs
        # off as) of a page never archived, or on a host that keeps publishing what others
        # published first.
        if role.copier or role.late:
            record.evidence.append(Evidence("host-role", role.describe()))
    elif entry.key in copied:
        record.relation = "original"
        record.confidence = DIRECTION_CONFIDENCE[copied[entry.key]]
    elif found.undecided:
        record.evidence += found.undecided.values()
    elif entry.outlet:  # a registered outlet's own page, and nothing says otherwise
        record.relation = "original"
        record.confidence = 0.7
    elif attributed:
        record.relation = "rewrite"
        record.confidence = round(min(0.4 + 0.1 * len(record.sources), 0.7), 3)


def _name_original(
    record: Provenance,
    entry: Entry,
    best: CopyOf,
    original: Entry,
    *,
    pointer: tuple[str, int] | None,
    batch: _Batch,
) -> bool:
    """Fill in the original the entry copies, at the end of its chain of copies: a chain
    that ends on a copier's (or a late host's) page without a source leads to a page never
    archived, the one the entry or that page names, if either does. False when the chain's
    last page names the entry itself: that page copies the entry, whatever the shape said."""
    role = batch.index.host(original.domain)
    # The chain's end copies in turn, or may: a late host's page is no first original.
    copied = role.copier or role.late or original.key in batch.carriers or bool(_credited(original))
    # The entry's own link to a page never archived names its source; a page of another
    # host that only shape, host roles or dates made its original is a sibling copy of it.
    sibling = (
        pointer is not None
        and pointer[1] == EXPLICIT
        and best.strength <= HOST_ROLE
        and not role.origin
        and registered_domain(pointer[0]) != original.domain
    )
    first = _pointer(batch.findings(original.key)) or (pointer if copied or sibling else None)
    if first is not None and page_key(first[0]) == entry.page:
        return False
    # Through a chain, what the entry does to the first original's text is what counts.
    match = best.match if original.key == best.original else compare(entry, original)
    match = match or best.match
    record.evidence += [best.because, Evidence("text-reuse", f"{original.url}: {match.detail}")]
    confidence = DIRECTION_CONFIDENCE[best.strength] * match.certainty
    if first is not None:
        record.original_url = first[0]
        record.relation = match.relation
        record.confidence = round(CHAIN_CERTAINTY * confidence, 3)
        record.evidence.append(Evidence("via", f"{original.url}; {first[0]} never archived"))
    elif copied:  # a copy of a copy whose original was never archived
        carrier = (
            role.describe() if role.copier or role.late else "one of the carriers of a wire's story"
        )
        record.evidence.append(Evidence("copies-a-copy", f"{original.url}; {carrier}"))
    else:
        record.original_url = original.url
        record.relation = match.relation
        record.confidence = round(confidence, 3)
        if original.outlet and all(s.name != original.outlet for s in record.sources):
            record.sources.append(Source(original.outlet, original.url))
    return True


def _pointer(found: Findings) -> tuple[str, int] | None:
    """(URL, strength) of the first page an entry names as its source that was never
    archived, if any."""
    if not found.uncrawled:
        return None
    _, url, strength = min(found.uncrawled.values())
    return url, strength
