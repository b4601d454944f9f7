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
