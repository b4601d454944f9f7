"""The provenance record: where one captured article came from, and why we think so."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal

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


Pointer = tuple[int, str, int]


@dataclass
class Findings:
    """What linking found about one capture, over every run so far: the index keeps it, so
    that a later run decides the capture's story with all of it, not only with what it read."""

    copies: dict[str, CopyOf] = field(default_factory=dict)  # by the original's key
    undecided: dict[str, Evidence] = field(default_factory=dict)  # by the other's key
    unconfirmed: dict[str, Evidence] = field(default_factory=dict)  # by the page pointed to
    # Pointers to pages never archived, by page: (position among its pointers, URL, strength).
    uncrawled: dict[str, Pointer] = field(default_factory=dict)


RELATIONS: frozenset[str] = frozenset(Relation.__args__)  # type: ignore[attr-defined]


def dump_record(record: Provenance) -> bytes:
    """A record as the index keeps it: plain JSON, never a pickle."""
    return json.dumps(dataclasses.asdict(record), ensure_ascii=False).encode()


def load_record(data: bytes) -> Provenance:
    """A record read back from the index (ValueError for anything `dump_record` does not write)."""
    fields = _object(json.loads(data))
    relation = fields["relation"]
    if relation not in RELATIONS:
        raise ValueError(f"unknown relation {relation!r}")
    return Provenance(
        url=str(fields["url"]),
        original_url=_optional(fields["original_url"]),
        relation=relation,
        confidence=float(fields["confidence"]),
        cluster=str(fields["cluster"]),
        evidence=[Evidence(**_object(e)) for e in fields["evidence"]],
        sources=[Source(**_object(s)) for s in fields["sources"]],
        fetched_at=_optional(fields["fetched_at"]),
    )


def dump_note(value: CopyOf | Evidence | Pointer) -> bytes:
    """One finding as the index keeps it (JSON; what it is follows from its kind)."""
    data = value if isinstance(value, tuple) else dataclasses.asdict(value)
    return json.dumps(data, ensure_ascii=False).encode()


def load_note(kind: str, data: bytes) -> CopyOf | Evidence | Pointer:
    """A finding read back, typed by its kind (`Findings`' field names)."""
    value = json.loads(data)
    if kind == "copies":
        fields = _object(value)
        match = _object(fields["match"])
        if match["relation"] not in RELATIONS:
            raise ValueError(f"unknown relation {match['relation']!r}")
        return CopyOf(
            str(fields["original"]),
            int(fields["strength"]),
            TextMatch(
                match["relation"],
                float(match["literal"]),
                str(match["detail"]),
                float(match["certainty"]),
            ),
            Evidence(**_object(fields["because"])),
        )
    if kind in ("undecided", "unconfirmed"):
        return Evidence(**_object(value))
    if kind == "uncrawled":
        position, url, strength = value
        return int(position), str(url), int(strength)
    raise ValueError(f"unknown finding kind {kind!r}")


def _object(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _optional(value: object) -> str | None:
    return None if value is None else str(value)
