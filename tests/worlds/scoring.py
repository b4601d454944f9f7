"""Score `newscrawl provenance` output against a world's truth.

Precision is over every record that names an original; recall and relation accuracy are over
the cases a linker can get right: copies whose original was archived, and archived originals.
URLs are compared in the world's form without utm_* parameters (the crawl may have fetched an
original through a feed importer's tracking link; the page is the same).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.worlds.serving import without_tracking

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from tests.worlds.serving import Truth

RELATIONS = ("original", "verbatim", "spun", "excerpt", "rewrite", "unknown", "(none)")
BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.95), (0.95, 1.01))


def read_records(path: Path) -> dict[str, dict[str, Any]]:
    """The provenance JSONL, keyed by the world's form of each URL."""
    lines = path.read_text(encoding="utf-8").splitlines()
    records = (json.loads(line) for line in lines if line.strip())
    return {without_tracking(r["url"]): r for r in records}


def _named(record: Mapping[str, Any] | None) -> str | None:
    if record is None or not record.get("original_url"):
        return None
    return without_tracking(record["original_url"])


@dataclass(frozen=True)
class Failure:
    url: str
    kind: str
    expected: tuple[str | None, str]
    got: tuple[str | None, str, float | None]
    evidence: tuple[str, ...]


@dataclass
class Score:
    """Every figure of one run."""

    named: int = 0
    named_right: int = 0
    named_outside_truth: int = 0
    named_confident: int = 0  # records naming an original with confidence >= 0.9
    named_confident_right: int = 0
    copies_scored: int = 0
    copies_right: int = 0
    relations_scored: int = 0
    relations_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [right, scored]
    kinds_unscored: Counter[str] = field(default_factory=Counter)
    same_event_links: list[tuple[str, str]] = field(default_factory=list)
    bins: list[list[int]] = field(default_factory=lambda: [[0, 0, 0] for _ in BINS])
    failures: list[Failure] = field(default_factory=list)
    archived_originals: int = 0
    originals: int = 0
    archived_copies: int = 0
    copies: int = 0

    @property
    def precision(self) -> float:
        return self.named_right / self.named if self.named else 1.0

    @property
    def recall(self) -> float:
        return self.copies_right / self.copies_scored if self.copies_scored else 0.0

    @property
    def relation_accuracy(self) -> float:
        return self.relations_right / self.relations_scored if self.relations_scored else 0.0

    def kind_share(self, kind: str) -> float:
        right, scored = self.kinds.get(kind, [0, 0])
        return right / scored if scored else 0.0


def score(truth: Mapping[str, Truth], records: Mapping[str, Mapping[str, Any]]) -> Score:
    """Compare the records with the truth (both keyed by `without_tracking` URL)."""
    result = Score()
    archived = set(records)
    for url, record in records.items():
        named = _named(record)
        fact = truth.get(url)
        if named is not None:
            result.named += 1
            right = fact is not None and named == fact.original_url
            result.named_right += right
            result.named_outside_truth += fact is None
            if float(record.get("confidence") or 0.0) >= 0.9:
                result.named_confident += 1
                result.named_confident_right += right
    for url, fact in truth.items():
        record = records.get(url)
        named = _named(record)
        given = record["relation"] if record else "(none)"
        if fact.original_url is None:
            result.originals += 1
            if record is None:
                result.kinds_unscored[fact.kind] += 1
                continue
            result.archived_originals += 1
            right = named is None
        else:
            result.copies += 1
            result.archived_copies += record is not None
            if fact.original_url not in archived:
                result.kinds_unscored[fact.kind] += 1
                continue
            result.copies_scored += 1
            right = named == fact.original_url
            result.copies_right += right
        result.relations_scored += 1
        result.relations_right += given == fact.relation
        result.confusion[fact.relation, given] += 1
        tally = result.kinds.setdefault(fact.kind, [0, 0])
        tally[0] += right
        tally[1] += 1
        if record is not None:
            _bin(result, record, right, given == fact.relation)
        if not right or given != fact.relation:
            result.failures.append(_failure(url, fact, record))
    result.same_event_links = list(_same_event_links(truth, records))
    return result


def _bin(result: Score, record: Mapping[str, Any], right: bool, relation_right: bool) -> None:
    confidence = float(record.get("confidence") or 0.0)
    for i, (low, high) in enumerate(BINS):
        if low <= confidence < high:
            result.bins[i][0] += 1
            result.bins[i][1] += right
            result.bins[i][2] += right and relation_right
            return


def _failure(url: str, fact: Truth, record: Mapping[str, Any] | None) -> Failure:
    evidence = tuple(e.get("kind", "?") for e in (record or {}).get("evidence") or ())
    got = (
        (_named(record), record["relation"], record.get("confidence"))
        if record
        else (None, "(none)", None)
    )
    return Failure(url, fact.kind, (fact.original_url, fact.relation), got, evidence)


def _same_event_links(
    truth: Mapping[str, Truth], records: Mapping[str, Mapping[str, Any]]
) -> Iterable[tuple[str, str]]:
    """Records that tie one of two independent reports of an event (or a copy of one) to the
    other report. A rewrite that drew on both reports is not one of them."""
    pairs = {(t.url, t.same_event_as) for t in truth.values() if t.same_event_as}
    story = {url: t.original_url or url for url, t in truth.items() if t.also_drew_on is None}
    for url, record in records.items():
        named = _named(record)
        if named is None or url not in story:
            continue
        for a, b in pairs:
            if {story[url], named} == {a, b}:
                yield url, named


def wrong_links(
    truth: Mapping[str, Truth], records: Mapping[str, Mapping[str, Any]]
) -> list[Failure]:
    """Every record that names an original other than its truth's (what precision counts),
    whether or not the right original was archived."""
    wrong = []
    for url, record in sorted(records.items()):
        named = _named(record)
        fact = truth.get(url)
        if named is not None and (fact is None or named != fact.original_url):
            if fact is None:
                wrong.append(
                    Failure(
                        url,
                        "(not an article)",
                        (None, "-"),
                        (named, record["relation"], record.get("confidence")),
                        (),
                    )
                )
            else:
                wrong.append(_failure(url, fact, record))
    return wrong


def _share(right: int, total: int) -> str:
    return f"{right / total:.3f}" if total else "  -  "


def report(result: Score) -> str:
    """All the tables, as text."""
    lines = [
        f"originals archived:            {result.archived_originals}/{result.originals}",
        f"copies archived:               {result.archived_copies}/{result.copies}",
        f"precision (named right/named): {result.named_right}/{result.named} "
        f"= {result.precision:.3f}  (of which outside the truth: {result.named_outside_truth})",
        f"recall (copies of archived originals linked right): {result.copies_right}/"
        f"{result.copies_scored} = {result.recall:.3f}",
        f"relation accuracy:             {result.relations_right}/{result.relations_scored} "
        f"= {result.relation_accuracy:.3f}",
        f"same-event reports linked to each other: {len(result.same_event_links)}",
        "",
        "per kind (linked right / scored; 'unscored' = original not archived):",
    ]
    for kind in sorted(set(result.kinds) | set(result.kinds_unscored)):
        right, scored = result.kinds.get(kind, [0, 0])
        lines.append(
            f"  {kind:28s} {right:4d}/{scored:<4d} {_share(right, scored)}"
            f"   unscored {result.kinds_unscored.get(kind, 0)}"
        )
    given = [r for r in RELATIONS if any(k[1] == r for k in result.confusion)]
    lines += ["", "confusion (rows expected, columns given):"]
    lines.append(" " * 10 + "".join(f"{g:>10s}" for g in given))
    for expected in RELATIONS:
        row = [result.confusion.get((expected, g), 0) for g in given]
        if any(row):
            lines.append(f"{expected:10s}" + "".join(f"{n:10d}" for n in row))
    lines += [
        "",
        f"links named with confidence >= 0.9, right: {result.named_confident_right}/"
        f"{result.named_confident} = {_share(result.named_confident_right, result.named_confident)}"
        "  (all records, also copies of originals not archived)",
        "reliability of the scored cases (confidence bin: count, share linked right, share all "
        "right):",
    ]
    for (low, high), (count, right, both) in zip(BINS, result.bins, strict=True):
        label = f"[{low:.2f}, {min(high, 1.0):.2f}{']' if high > 1 else ')'}"
        lines.append(f"  {label:14s} {count:5d}  {_share(right, count)}  {_share(both, count)}")
    return "\n".join(lines)


def failure_lines(result: Score, limit: int = 10) -> str:
    """Up to `limit` failures, spread over kinds."""
    by_kind: dict[str, list[Failure]] = {}
    for failure in result.failures:
        by_kind.setdefault(failure.kind, []).append(failure)
    picked: list[Failure] = []
    while len(picked) < limit and any(by_kind.values()):
        for group in by_kind.values():
            if group and len(picked) < limit:
                picked.append(group.pop(0))
    return "\n".join(
        f"- {f.url}\n    kind {f.kind}; expected {f.expected[0]} ({f.expected[1]}); "
        f"got {f.got[0]} ({f.got[1]}, confidence {f.got[2]}); evidence {list(f.evidence)}"
        for f in picked
    )
