"""`newscrawl provenance`: link articles from archives or article datasets, write JSONL."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.extract.offline import extract_archives
from newscrawl.items import Article, Link
from newscrawl.provenance.index import CandidateIndex
from newscrawl.provenance.linker import link

if TYPE_CHECKING:
    from newscrawl.provenance.records import Provenance

_ARTICLE_FIELDS = {f.name for f in dataclasses.fields(Article)}


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


def run_provenance(
    paths: list[str], out: Path, index: CandidateIndex | None = None
) -> list[Provenance]:
    """Link every article under `paths` (.jsonl datasets, or WARC/WACZ files and folders)
    against each other and what `index` knows, which learns them."""
    datasets = [Path(p) for p in paths if Path(p).suffix == ".jsonl"]
    archives = [p for p in paths if Path(p).suffix != ".jsonl"]
    articles = [a for dataset in datasets for a in load_articles(dataset)]
    if archives:
        with tempfile.TemporaryDirectory() as tmp:
            extracted = Path(tmp) / "articles.jsonl"
            extract_archives(archives, extracted)
            articles += load_articles(extracted)
    index = index or CandidateIndex()
    records = link(articles, index)
    index.save()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(dataclasses.asdict(record), ensure_ascii=False) + "\n")
    return records
