"""Runs that build on earlier ones: the index under the archive folder, archives read once,
story clusters that keep their ids."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from newscrawl.items import Article, Link
from newscrawl.provenance import link
from newscrawl.provenance.command import INDEX_FOLDER
from newscrawl.provenance.index import INDEX_FILE, CandidateIndex
from tests.archive.test_reader import response
from tests.conftest import run_newscrawl
from tests.provenance.texts import prose, wrapped

if TYPE_CHECKING:
    from pathlib import Path

ORIGINAL = "http://www.cnbc.com/2024/05/02/port-tariff-plan.html"


def test_story_clusters_keep_their_ids_from_run_to_run(tmp_path: Path) -> None:
    text = prose("port")
    # Run 1: a copy pointing at an original not crawled yet.
    early = Article("http://zeta-news.com/port/", body=text, links_out=[Link(ORIGINAL, "Source")])
    first = CandidateIndex(tmp_path)
    (before,) = link([early], first)
    first.save()
    # Run 2: the original, and a copy on a site whose URL sorts before every other.
    later = [Article(ORIGINAL, body=text), Article("http://aaa-news.com/port/", body=text)]
    after = link(later, CandidateIndex(tmp_path))
    assert {r.cluster for r in after} == {before.cluster}
    assert [r.relation for r in after] == ["original", "verbatim"]


def page(title: str, body: str, links: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}{links}</article></body></html>"
    ).encode()


def records(path: Path) -> dict[str, dict]:
    return {r["url"]: r for r in map(json.loads, path.read_text().splitlines())}


def test_a_later_run_reads_only_new_archives_and_links_them_to_old_ones(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    text = prose("port")
    old = archive / "crawl-1.warc.gz"
    old.write_bytes(
        response(ORIGINAL, page("Port tariff plan", text))
        + response("http://www.cnbc.com/2024/05/02/other.html", page("Other", prose("other")))
    )
    done = run_newscrawl("provenance", str(old), "--out", str(tmp_path / "run-1.jsonl"))
    assert done.returncode == 0, done.stderr
    assert (archive / INDEX_FOLDER / INDEX_FILE).is_file(), "the index sits by the archives"
    first = records(tmp_path / "run-1.jsonl")
    assert first[ORIGINAL]["relation"] == "original"

    copy = "http://dailyscoop.net/2024/05/port-tariff/"
    (archive / "crawl-2.warc.gz").write_bytes(
        response(copy, page("Port tariff plan", wrapped(text)))
    )
    done = run_newscrawl("provenance", str(archive), "--out", str(tmp_path / "run-2.jsonl"))
    assert done.returncode == 0, done.stderr
    assert "1 archive file already linked by an earlier run" in done.stderr
    second = records(tmp_path / "run-2.jsonl")
    assert list(second) == [copy], "crawl-1.warc.gz was not read again"
    assert (second[copy]["relation"], second[copy]["original_url"]) == ("verbatim", ORIGINAL)
    assert second[copy]["cluster"] == first[ORIGINAL]["cluster"]
