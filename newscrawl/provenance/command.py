"""`newscrawl provenance`: link articles from archives or article datasets, write JSONL."""

from __future__ import annotations

import dataclasses
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.archive.reader import archive_files, crawled_articles, warcs_of
from newscrawl.archive.remote import is_url
from newscrawl.extract.offline import extract_archives
from newscrawl.items import Article, Link
from newscrawl.locks import open_new
from newscrawl.provenance.candidates import INDEX_FILE, CandidateIndex
from newscrawl.provenance.linker import link
from newscrawl.provenance.redirects import archived_redirects

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from distributed import Client

    from newscrawl.provenance.decisions import Provenance

INDEX_FOLDER = "provenance-index"
_ARTICLE_FIELDS = {f.name for f in dataclasses.fields(Article)}


@dataclass
class ProvenanceRun:
    """What one run wrote (the record of every article the index knows), how many captures
    it brought, and which archives it read or knew already."""

    records: list[Provenance] = field(default_factory=list)
    linked: int = 0
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
    """`provenance-index/` in the archive folder the first local archive path is, or lies in
    (None when only article datasets or URLs are given)."""
    archive = next((Path(p) for p in paths if Path(p).suffix != ".jsonl" and not is_url(p)), None)
    if archive is None:
        return None
    return (archive if archive.is_dir() else archive.parent) / INDEX_FOLDER


@contextmanager
def saved_index(
    paths: list[str], on_wait: Callable[[str], None] | None = None
) -> Iterator[CandidateIndex]:
    """The index `newscrawl provenance` keeps for these archives (in its default place),
    held while in use and never saved: what it knows comes out as that command decided it.
    An empty index in memory when there is none."""
    folder = default_index_folder(paths)
    if folder is None or not (folder / INDEX_FILE).is_file():
        yield CandidateIndex()
        return
    with CandidateIndex.held(folder, on_wait) as index:
        yield index


CaptureKey = tuple[str | None, int | None, str | None]


def capture_key(article: Article) -> CaptureKey:
    """The WARC record an article was extracted from: file name, offset, record id."""
    return (article.warc_file, article.warc_offset, article.warc_record_id)


def link_captures(
    articles: list[Article], index: CandidateIndex | None = None
) -> dict[CaptureKey, Provenance]:
    """Link `articles` (see `link`) and give each capture its record, by its WARC record
    key. `link` gives one record per distinct text of a URL, in the order met: later
    captures of that text share it."""
    records = iter(link(articles, index))
    by_text: dict[tuple[str, str], Provenance] = {}
    found = {}
    for article in articles:
        text = (article.url, article.body)
        if text not in by_text:
            by_text[text] = next(records)
        found[capture_key(article)] = by_text[text]
    return found


def run_provenance(
    paths: list[str],
    out: Path,
    index: CandidateIndex | None = None,
    *,
    workers: int = 0,
    re_extract: bool = False,
    client: Client | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> ProvenanceRun:
    """Link every article under `paths` (.jsonl datasets, or WARC/WACZ files and folders)
    against each other and what `index` knows, which learns them, and write the record of
    every article the index knows to `out`. A WARC the index has linked before (same name
    and size, loose or in a WACZ) is not read again; the articles of the others come from
    the article store, extracted (by `workers` processes, or on the Dask cluster of
    `client`) and stored where it has none, or all of them with `re_extract`; `on_file` is
    called as each archive file is read. `out` is written beside, the index saved, and only then
    is `out` replaced: a run that fails leaves both as they were."""
    index = CandidateIndex() if index is None else index
    run = ProvenanceRun()
    datasets = [Path(p) for p in paths if Path(p).suffix == ".jsonl"]
    archives = archive_files(p for p in paths if Path(p).suffix != ".jsonl")
    known = index.archives()
    inside = {archive: warcs_of(archive) for archive in archives}
    for archive, warcs in inside.items():
        (run.skipped if warcs <= known else run.read).append(archive)
    articles = [a for dataset in datasets for a in load_articles(dataset)]
    redirects: dict[str, str] = {}
    if run.read:
        read = [str(archive) for archive in run.read]
        extracted: list[Article] = []
        summary = extract_archives(
            read,
            extracted.append,
            workers,
            on_file,
            skip=known,
            store=True,
            every_page=False,
            re_extract=re_extract,
            client=client,
        )
        articles += crawled_articles(extracted, read)
        redirects = archived_redirects(summary.report, frozenset(known))
    run.linked = len(link(articles, index, redirects=redirects))
    for archive in run.read:
        for name, size in inside[archive]:
            index.add_archive(name, size)
    run.records = index.records()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    try:
        with os.fdopen(open_new(partial), "w", encoding="utf-8") as fh:
            for record in run.records:
                fh.write(json.dumps(dataclasses.asdict(record), ensure_ascii=False) + "\n")
        index.save()
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return run
