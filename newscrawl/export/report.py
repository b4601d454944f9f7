"""`newscrawl report`: a static HTML report of which copy came from which original.

An index counts articles per site and relation and lists the story clusters; each cluster
gets a page with its captures (relation, confidence, evidence, sources, a pywb replay link
of that exact capture) and an SVG graph of copies pointing at their originals; each copy
that reuses its original's text gets a side-by-side word diff. Scraped text is untrusted:
Jinja escapes everything, no page holds a script, and every page's Content-Security-Policy
forbids scripts, so even an escaping bug could not run one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from newscrawl.archive.reader import archive_files
from newscrawl.export.linked import linked_rows

if TYPE_CHECKING:
    from pathlib import Path

RELATIONS = ("original", "verbatim", "spun", "excerpt", "rewrite", "unknown")
COPY_RELATIONS = frozenset(RELATIONS) - {"original", "unknown"}

# Graph layout, in SVG user units: originals in the left column, everything else on the right.
NODE_WIDTH, NODE_HEIGHT, ROW_HEIGHT, COLUMN_GAP, MARGIN = 220, 34, 48, 140, 10


@dataclass(eq=False)  # identity: a capture keys its diff page
class Capture:
    """One archived article as the report shows it."""

    row: dict[str, Any]
    site: str
    replay: str | None
    diff: str | None = None  # file name of its diff page, if it reuses its original's text


@dataclass(frozen=True)
class Node:
    """A box in a cluster's graph: a capture, or an original that was never crawled."""

    x: int
    y: int
    label: str
    url: str
    relation: str
    width: ClassVar[int] = NODE_WIDTH
    height: ClassVar[int] = NODE_HEIGHT


@dataclass(frozen=True)
class Edge:
    """An arrow from a copy to its original."""

    source: Node
    target: Node

    @property
    def start(self) -> tuple[int, int]:
        """The middle of the copy's left side."""
        return self.source.x, self.source.y + NODE_HEIGHT // 2

    @property
    def end(self) -> tuple[int, int]:
        """The middle of the original's right side."""
        return self.target.x + NODE_WIDTH, self.target.y + NODE_HEIGHT // 2


@dataclass
class Graph:
    """A cluster's SVG picture."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = 2 * NODE_WIDTH + COLUMN_GAP + 2 * MARGIN
    height: int = 0


@dataclass
class Cluster:
    """Every capture of one story, originals first."""

    id: str
    page: str
    captures: list[Capture]
    graph: Graph = field(default_factory=Graph)

    @property
    def title(self) -> str:
        title: str = self.captures[0].row["title"] or self.captures[0].row["url"]
        return title


@dataclass(frozen=True)
class DiffRow:
    """One opcode of a word diff: `tag` is equal, replace, delete or insert."""

    tag: str
    original: str
    copy: str


@dataclass
class ReportSummary:
    """What a report holds."""

    rows: int = 0
    clusters: int = 0
    diffs: int = 0


def write_report(
    paths: list[str], out: Path, replay_url: str, workers: int = 0, *, re_extract: bool = False
) -> ReportSummary:
    """Write index.html, cluster-<id>.html and diff-<n>.html for the archives under `paths`."""
    rows, _ = linked_rows(paths, workers, re_extract=re_extract)
    collections = {p.name: p.parent.name for p in archive_files(paths)}
    captures = [
        Capture(row, site_of(row), replay_link(row, collections, replay_url.rstrip("/")))
        for row in rows
    ]
    clusters = build_clusters(captures)
    diffs = diff_pages(captures)
    env = Environment(
        loader=PackageLoader("newscrawl.export", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    out.mkdir(parents=True, exist_ok=True)
    pages = {
        "index.html": env.get_template("index.html").render(
            clusters=clusters,
            counts=site_counts(captures),
            totals=Counter(c.row["relation"] for c in captures),
            relations=RELATIONS,
        )
    }
    for cluster in clusters:
        pages[cluster.page] = env.get_template("cluster.html").render(cluster=cluster)
    for capture, (original, table) in diffs.items():
        pages[str(capture.diff)] = env.get_template("diff.html").render(
            copy=capture, original=original, table=table, cluster=page_name(capture.row)
        )
    for name, html in pages.items():
        (out / name).write_text(html, encoding="utf-8")
    return ReportSummary(len(rows), len(clusters), len(diffs))


def site_of(row: dict[str, Any]) -> str:
    """The site's own name, or its host when the page gives none."""
    site: str = row["site_name"] or urlsplit(row["url"]).hostname or row["url"]
    return site


def replay_link(row: dict[str, Any], collections: dict[str, str], base: str) -> str | None:
    """pywb's URL of this exact capture: collection = archive folder, timestamp = WARC-Date."""
    collection = collections.get(row["warc_file"] or "")
    if collection is None or not row["fetched_at"]:
        return None
    timestamp = re.sub(r"\D", "", row["fetched_at"])[:14]
    return f"{base}/{collection}/{timestamp}/{row['url']}"


def page_name(row: dict[str, Any]) -> str:
    """The cluster page's file name; the id is reduced to characters safe in a file name."""
    return "cluster-{}.html".format(re.sub(r"[^A-Za-z0-9_-]", "_", row["cluster"]))


def build_clusters(captures: list[Capture]) -> list[Cluster]:
    """Captures grouped by story, the largest stories first."""
    grouped: dict[str, list[Capture]] = defaultdict(list)
    for capture in captures:
        grouped[capture.row["cluster"]].append(capture)
    clusters = [
        Cluster(cluster_id, page_name(members[0].row), sorted(members, key=_original_first))
        for cluster_id, members in grouped.items()
    ]
    for cluster in clusters:
        cluster.graph = layout(cluster.captures)
    return sorted(clusters, key=lambda c: (-len(c.captures), c.title))


def _original_first(capture: Capture) -> tuple[int, str]:
    return RELATIONS.index(capture.row["relation"]), capture.row["fetched_at"] or ""


def layout(captures: list[Capture]) -> Graph:
    """Originals (and originals never crawled) in a column on the left, copies in a column on
    the right, an arrow from each copy to the latest capture of its original."""
    targets = {c.row["original_url"] for c in captures if c.row["original_url"]}
    left = [c for c in captures if c.row["relation"] == "original" or c.row["url"] in targets]
    right = [c for c in captures if c not in left]
    graph = Graph()
    by_url: dict[str, Node] = {}
    for row, capture in enumerate(left):
        node = _node(0, row, capture.site, capture.row["url"], capture.row["relation"])
        graph.nodes.append(node)
        by_url[node.url] = node
    for url in sorted(targets - by_url.keys()):
        host = urlsplit(url).hostname or url
        node = _node(0, len(graph.nodes), f"{host} (not crawled)", url, "unknown")
        graph.nodes.append(node)
        by_url[url] = node
    originals = len(graph.nodes)
    for row, capture in enumerate(right):
        node = _node(1, row, capture.site, capture.row["url"], capture.row["relation"])
        graph.nodes.append(node)
        if capture.row["original_url"] in by_url:
            graph.edges.append(Edge(node, by_url[capture.row["original_url"]]))
    graph.height = max(originals, len(right)) * ROW_HEIGHT + 2 * MARGIN
    return graph


def _node(column: int, row: int, label: str, url: str, relation: str) -> Node:
    x = MARGIN + column * (NODE_WIDTH + COLUMN_GAP)
    return Node(x, MARGIN + row * ROW_HEIGHT, label, url, relation)


def diff_pages(captures: list[Capture]) -> dict[Capture, tuple[Capture, list[DiffRow]]]:
    """For each copy whose evidence shows text reuse and whose original was captured: the
    original's latest capture and the word diff; names each copy's page `diff-<n>.html`."""
    originals = {c.row["url"]: c for c in sorted(captures, key=lambda c: c.row["fetched_at"] or "")}
    pages = {}
    for number, capture in enumerate(captures):
        original = originals.get(capture.row["original_url"] or "")
        reused = any(e["kind"] == "text-reuse" for e in capture.row["evidence"])
        if original is None or not reused or capture.row["relation"] not in COPY_RELATIONS:
            continue
        capture.diff = f"diff-{number}.html"
        pages[capture] = (original, word_diff(original.row["body"], capture.row["body"]))
    return pages


def word_diff(original: str, copy: str) -> list[DiffRow]:
    """Side-by-side rows of a word-level diff: what a spinner replaced, dropped or added."""
    a, b = original.split(), copy.split()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [
        DiffRow(tag, " ".join(a[i1:i2]), " ".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def site_counts(captures: list[Capture]) -> dict[str, Counter[str]]:
    """Articles per site and relation, sites in alphabetical order."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for capture in captures:
        counts[capture.site][capture.row["relation"]] += 1
    return dict(sorted(counts.items()))
