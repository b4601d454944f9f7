"""What the corpus says about each host: does it copy, or is it copied from?

A page alone often cannot tell which of two texts came first; the host it lives on can. A host
whose pages carry copy markers (a "Source link", a foreign canonical, "[ad_1]" slots, "The
post ... appeared first on"), name pages of other hosts as their source, or keep sharing text
with other hosts' pages published before theirs is a copier; a host whose pages others name as
their source, or whose pages keep coming first, is an origin. The index keeps the facts
(`HostFact`) run after run; the role is read from their counts when a story is decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newscrawl.provenance.entries import Entry

# One fact about a host, with what it is about (a page key or another host's domain):
# page (one of its pages), marked (a page of it carrying copy markers), points-to (a host its
# pages name as their source), pointed-by (a host whose pages name it), later-than /
# earlier-than (a host it shares text with, published before / after it).
HostFact = Literal["page", "marked", "points-to", "pointed-by", "later-than", "earlier-than"]
HOST_FACTS: tuple[HostFact, ...] = (
    "page",
    "marked",
    "points-to",
    "pointed-by",
    "later-than",
    "earlier-than",
)
MARKED_SHARE = 0.2  # of a host's pages carrying copy markers: a copier
LEAD = 3  # a host is later than this many times as many hosts as it is earlier than: a copier
MIN_HOSTS = 2  # ... and later than at least this many
_MARKERS = re.compile(
    r"\[ad_\d+\]|\bappeared first on\b|\boriginally (?:appeared|published) (?:on|at|in)\b",
    re.IGNORECASE,
)
_CUES = ("[ad_", "first on", "originally")
# Evidence of the page's own that it is a copy: a pointer to its source, a line naming
# the site the text first appeared on.
_COPY_KINDS = {"source-link", "canonical", "og-url", "syndication-source", "first-appeared"}


def is_marked(entry: Entry) -> bool:
    """Whether an entry's page carries a copy marker of its own."""
    if any(e.kind in _COPY_KINDS for e in entry.evidence):
        return True
    text = entry.body.lower()  # a cheap look first: most pages carry none of the phrases
    return any(cue in text for cue in _CUES) and bool(_MARKERS.search(text))


@dataclass(frozen=True)
class HostRole:
    """The counts of one host's facts, and the role they give it."""

    domain: str
    counts: Mapping[str, int]

    @property
    def copier(self) -> bool:
        marked, pages = self.counts.get("marked", 0), self.counts.get("page", 0)
        later, earlier = self.counts.get("later-than", 0), self.counts.get("earlier-than", 0)
        marked_often = marked > 0 and marked >= MARKED_SHARE * pages
        names_sources = self.counts.get("points-to", 0) >= MIN_HOSTS
        # An outlet that others name as a source, or that keeps publishing first, may run
        # partners' stories with their canonicals and credit lines: copy markers on a share
        # of its pages, or sources it names, do not make it a copier (coming later does).
        sourced = self.counts.get("pointed-by", 0) >= MIN_HOSTS or self._first_often
        return ((marked_often or names_sources) and not sourced) or (
            later >= MIN_HOSTS and later >= LEAD * earlier
        )

    @property
    def _first_often(self) -> bool:
        """Whether the host keeps publishing text before the hosts it shares it with."""
        later, earlier = self.counts.get("later-than", 0), self.counts.get("earlier-than", 0)
        return earlier >= MIN_HOSTS and earlier >= LEAD * later

    @property
    def late(self) -> bool:
        """Whether the host publishes text others published before it more often than the
        reverse: one that others name as a source may still copy (aggregators cite each
        other), and its page is no original by its date alone."""
        later, earlier = self.counts.get("later-than", 0), self.counts.get("earlier-than", 0)
        return later >= MIN_HOSTS and later > earlier

    @property
    def origin(self) -> bool:
        if self.copier or self.late:
            return False
        return self.counts.get("pointed-by", 0) > 0 or self._first_often

    @property
    def role(self) -> str:
        if self.copier or self.origin:
            return "copier" if self.copier else "origin"
        return "late" if self.late else "unknown"

    def describe(self) -> str:
        """The role and the counts behind it, for a record's evidence."""
        shown = ", ".join(
            f"{fact} {self.counts[fact]}" for fact in HOST_FACTS if fact in self.counts
        )
        return f"{self.domain}: {self.role} ({shown})"
