"""`newscrawl provenance`: link articles from archives or article datasets, write JSONL."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.archive.reader import archive_files
from newscrawl.extract.offline import extract_archives
from newscrawl.items import Article, Link
from newscrawl.provenance.index import CandidateIndex
from newscrawl.provenance.linker import link

if TYPE_CHECKING:
    from newscrawl.provenance.records import Provenance

INDEX_FOLDER = "provenance-index"
_ARTICLE_FIELDS = {f.name for f in dataclasses.fields(Article)}


@dataclass
class ProvenanceRun:
    """What one run linked, and which archives it read or knew already."""

    records: list[Provenance] = field(default_factory=list)
    read: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # linked by an earlier run


def load_articles(path: Path) -> list[Article]:
    """Articles from a JSONL dataset written by `newscrawl extract` or a crawl."""
    articles = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = {k: v for k, v in json.loads(line).items() if k in _ARTICLE_FIELDS}
                row["links_out"] = [Link(**link) for link in row.get("links_out") or []]
                articles.append(Article(**row))
    return articles


def default_index_folder(paths: list[str]) -> Path | None:
    """`provenance-index/` in the archive folder the first archive path is, or lies in
    (None when only article datasets are given)."""
    archive = next((Path(p) for p in paths if Path(p).suffix != ".jsonl"), None)
    if archive is None:
        return None
    return (archive if archive.is_dir() else archive.parent) / INDEX_FOLDER


def run_provenance(
    paths: list[str], out: Path, index: CandidateIndex | None = None
) -> ProvenanceRun:
    """Link every article under `paths` (.jsonl datasets, or WARC/WACZ files and folders)
    against each other and what `index` knows, which learns them. An archive file the
    index has linked before (same name and size) is not read again."""
    index = CandidateIndex() if index is None else index
    run = ProvenanceRun()
    datasets = [Path(p) for p in paths if Path(p).suffix == ".jsonl"]
    archives = archive_files(p for p in paths if Path(p).suffix != ".jsonl")
    sizes = {archive: archive.stat().st_size for archive in archives}
    for archive, size in sizes.items():
        (run.skipped if index.has_archive(archive.name, size) else run.read).append(archive)
    articles = [a for dataset in datasets for a in load_articles(dataset)]
    if run.read:
        with tempfile.TemporaryDirectory() as tmp:
            extracted = Path(tmp) / "articles.jsonl"
            extract_archives([str(a) for a in run.read], extracted)
            articles += load_articles(extracted)
    run.records = link(articles, index)
    for archive in run.read:
        index.add_archive(archive.name, sizes[archive])
    index.save()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for record in run.records:
            fh.write(json.dumps(dataclasses.asdict(record), ensure_ascii=False) + "\n")
    return run
