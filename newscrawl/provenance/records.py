"""The provenance record: where one captured article came from, and why we think so."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Relation = Literal["original", "verbatim", "spun", "excerpt", "rewrite", "unknown"]


@dataclass(frozen=True)
class Evidence:
    """One observation behind a decision, e.g. ("source-link", "Source link -> http://...")."""

    kind: str
    detail: str


@dataclass(frozen=True)
class Source:
    """An outlet the article attributes itself to, and the URL or domain it was named by."""

    name: str
    url: str


@dataclass
class Provenance:
    """How one article capture relates to its story's original."""

    url: str
    original_url: str | None
    relation: Relation
    confidence: float
    cluster: str
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    fetched_at: str | None = None


@dataclass(frozen=True)
class TextMatch:
    """Text of one entry (the copy) found in another: how, and how sure that makes us."""

    relation: Relation
    literal: float  # share of the copy's exact 5-grams found in the other: where its words are
    detail: str
    certainty: float


@dataclass(frozen=True)
class CopyOf:
    """One candidate original of a copy (the original's index key), with the proof of
    direction."""

    original: str
    strength: int
    match: TextMatch
    because: Evidence


@dataclass
class Findings:
    """What linking found about one capture, over every run so far: the index keeps it, so
    that a later run decides the capture's story with all of it, not only with what it read."""

    copies: dict[str, CopyOf] = field(default_factory=dict)  # by the original's key
    undecided: dict[str, Evidence] = field(default_factory=dict)  # by the other's key
    unconfirmed: dict[str, Evidence] = field(default_factory=dict)  # by the page pointed to
    # Pointers to pages never archived, by page: (position among its pointers, URL, strength).
    uncrawled: dict[str, tuple[int, str, int]] = field(default_factory=dict)
